/*
** shardcmd.c -- the subcommands of corpora of shards: 'part' (one shard's, or one store's,
** share of an analytic, as JSON Lines) and 'merge' (the parts into the answer). The formats
** are in docs/shards.md; the functions in include/tifa_shard.h.
*/
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"
#include "tifa_shard.h"
#include "tifa_track.h"

static const char usage_part[] =
  "usage: " PROGNAME " -d STORE|CORPUS part ANALYTIC [options] [--shard S] [--] [QUERY...]\n"
  "One shard's share of an analytic (of the whole store, for a store), as JSON Lines for\n"
  "'" PROGNAME " merge': a header with the request, records, a trailer (docs/shards.md).\n"
  "Analytics: count QUERY [-n N] [--words]; words [-n N] [--min K];\n"
  "timeline [QUERY] [--by month|year] [--words];\n"
  "kwic QUERY [--sort article|left|right] [--width W] [-n N] [--words];\n"
  "search-stats QUERY [--words] (a search's statistics: merge them, then give them to\n"
  "search QUERY --stats FILE|- [-n N] [--offset K] [--context C] [--words]);\n"
  "dispersion QUERY [--cells C] [--words];\n"
  "track [FORMULATION | --lexicon FILE] [--by month|year] [--min-articles K] [--matches]\n"
  "[--words] (no formulation: the built-in lexicon);\n"
  "script [--sandbox] SCRIPT [ARGS...] (a Lua script's part(db, ...); '" PROGNAME " part script\n"
  "--help').\n"
  "--shard S (1..N) is needed on a corpus of shards and refused on a store. A search\n"
  "takes two passes: the search-stats parts, merged, are the --stats of the search parts.\n";

static const char usage_merge[] =
  "usage: " PROGNAME " merge [--by-doc] [--allow-missing] PART...\n"
  "       " PROGNAME " merge --script SCRIPT [--sandbox] PART...\n"
  "Merge the parts of one request (from '" PROGNAME " part', one per shard; '-': standard\n"
  "input) into the corpus's answer, as JSON Lines. --by-doc orders ties by (file, seq) and\n"
  "leaves ids and the corpus out, so that a store and any sharding of it give the same bytes.\n"
  "Exit status 1 if the parts are of different requests, a shard is missing, a part ends\n"
  "early, or (search) a shard changed since its statistics were taken.\n"
  "--script: the parts of 'part script SCRIPT' merged by the script's merge(parts, ...)\n"
  "('" PROGNAME " part script --help').\n";

static int putline (void *ud, const char *line, size_t len) {
  FILE *f = (FILE *)ud;
  fwrite(line, 1, len, f);
  return putc('\n', f) == EOF ? TIFA_IO : 0;
}

static int numarg (const char *opt, const char *v, long *out) {
  char *end;
  long n;
  errno = 0;
  n = strtol(v, &end, 10);
  if (*v == '\0' || *end != '\0' || errno != 0 || n < 0) {
    cli_error("option '%s' needs a whole number, got '%s'", opt, v);
    return 0;
  }
  *out = n;
  return 1;
}

/* All of 'f', NUL-terminated, in '*len' bytes; NULL on a read error or no memory. */
static char *readall (FILE *f, size_t *len) {
  size_t cap = 4096, n = 0, got;
  char *b = (char *)malloc(cap), *nb;
  while (b != NULL && (got = fread(b + n, 1, cap - n - 1, f)) > 0) {
    n += got;
    if (cap - n - 1 == 0) {
      if ((nb = (char *)realloc(b, 2 * cap)) == NULL) { free(b); return NULL; }
      b = nb; cap *= 2;
    }
  }
  if (b == NULL || ferror(f)) { free(b); return NULL; }
  b[n] = '\0';
  *len = n;
  return b;
}

int cmd_part (cli *c, int argc, char **argv) {
  tifa_part_opts o;
  tifa_shards *corpus = NULL;
  tifa_store *s = NULL;
  const char *analytic;
  char query[4096], err[TIFA_ERRMAX];
  size_t qlen = 0;
  long shard = 0, v;
  const char *statsfile = NULL;
  char *statstext = NULL;
  size_t statslen = 0;
  tifa_search_stats stats;
  const char *lexfile = NULL;
  char *lextext = NULL;
  int i, rc, opts = 1, isquery, search, track;
  memset(&o, 0, sizeof(o));
  query[0] = '\0';
  if (argc < 1) { cli_error("part needs an analytic"); fputs(usage_part, stderr); return 2; }
  analytic = argv[0];
  if (strcmp(analytic, "--help") == 0 || strcmp(analytic, "-h") == 0) { fputs(usage_part, stdout); return 0; }
  if (strcmp(analytic, "script") == 0) return cmd_part_script(c, argc - 1, argv + 1);
  if (strcmp(analytic, "count") != 0 && strcmp(analytic, "words") != 0
      && strcmp(analytic, "timeline") != 0 && strcmp(analytic, "kwic") != 0
      && strcmp(analytic, "search-stats") != 0 && strcmp(analytic, "search") != 0
      && strcmp(analytic, "dispersion") != 0 && strcmp(analytic, "track") != 0) {
    cli_error("unknown analytic '%s' (count, words, timeline, kwic, search-stats, search, "
              "dispersion, track, script)", analytic);
    return 2;
  }
  search = strcmp(analytic, "search") == 0;
  track = strcmp(analytic, "track") == 0;
  o.min_articles = -1;
  isquery = strcmp(analytic, "words") != 0;
  o.width = 15;
  for (i = 1; i < argc; i++) {
    const char *a = argv[i];
    size_t n;
    if (opts && strcmp(a, "--") == 0) { opts = 0; continue; }
    if (opts && (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0)) { fputs(usage_part, stdout); return 0; }
    if (opts && strcmp(a, "--words") == 0 && isquery) { o.flags |= TIFA_MATCH_WORDS; continue; }
    if (opts && strcmp(a, "--matches") == 0 && track) { o.matches = 1; continue; }
    if (opts && (strcmp(a, "-n") == 0 || strcmp(a, "--shard") == 0 || strcmp(a, "--min") == 0
                 || strcmp(a, "--width") == 0 || strcmp(a, "--by") == 0 || strcmp(a, "--sort") == 0
                 || strcmp(a, "--offset") == 0 || strcmp(a, "--context") == 0 || strcmp(a, "--stats") == 0
                 || strcmp(a, "--cells") == 0 || strcmp(a, "--lexicon") == 0
                 || strcmp(a, "--min-articles") == 0)) {
      const char *val;
      if (i + 1 >= argc) { cli_error("'%s' needs an argument", a); return 2; }
      val = argv[++i];
      if (strcmp(a, "--by") == 0 && analytic[0] == 't') {
        if (strcmp(val, "year") == 0) o.by = TIFA_BY_YEAR;
        else if (strcmp(val, "month") == 0) o.by = TIFA_BY_MONTH;
        else { cli_error("--by takes month or year, got '%s'", val); return 2; }
      }
      else if (strcmp(a, "--sort") == 0 && analytic[0] == 'k') {
        if (strcmp(val, "article") == 0) o.sort = TIFA_KWIC_ARTICLE;
        else if (strcmp(val, "left") == 0) o.sort = TIFA_KWIC_LEFT;
        else if (strcmp(val, "right") == 0) o.sort = TIFA_KWIC_RIGHT;
        else { cli_error("--sort takes article, left or right, got '%s'", val); return 2; }
      }
      else if (a[1] == 'n' && analytic[0] != 't' && analytic[0] != 'd' && strcmp(analytic, "search-stats") != 0) {
        if (!numarg(a, val, &o.limit)) return 2;
      }
      else if (strcmp(a, "--offset") == 0 && search) { if (!numarg(a, val, &o.offset)) return 2; }
      else if (strcmp(a, "--context") == 0 && search) { if (!numarg(a, val, &v)) return 2; o.context = (int)v; }
      else if (strcmp(a, "--stats") == 0 && search) statsfile = val;
      else if (strcmp(a, "--lexicon") == 0 && track) lexfile = val;
      else if (strcmp(a, "--min-articles") == 0 && track) { if (!numarg(a, val, &o.min_articles)) return 2; }
      else if (strcmp(a, "--cells") == 0 && analytic[0] == 'd') {
        if (!numarg(a, val, &v)) return 2;
        if (v < 1 || v > 1000) { cli_error("--cells takes 1 to 1000, got %ld", v); return 2; }
        o.cells = (int)v;
      }
      else if (strcmp(a, "--shard") == 0) {
        if (!numarg(a, val, &shard)) return 2;
        if (shard < 1) { cli_error("shards are numbered from 1"); return 2; }
      }
      else if (strcmp(a, "--min") == 0 && analytic[0] == 'w') { if (!numarg(a, val, &v)) return 2; o.min = v; }
      else if (strcmp(a, "--width") == 0 && analytic[0] == 'k') { if (!numarg(a, val, &v)) return 2; o.width = (int)v; }
      else { cli_error("unknown option '%s' for part %s (see '" PROGNAME " part --help')", a, analytic); return 2; }
      continue;
    }
    if (opts && a[0] == '-' && a[1] != '\0') {
      cli_error("unknown option '%s' (see '" PROGNAME " part --help')", a);
      return 2;
    }
    if (!isquery) { cli_error("words takes no query"); return 2; }
    n = strlen(a);
    if (qlen + n + 2 > sizeof(query)) { cli_error("query too long"); return 2; }
    if (qlen) query[qlen++] = ' ';
    memcpy(query + qlen, a, n + 1);
    qlen += n;
  }
  if (track && lexfile) {                         /* the lexicon: a file, or the line given */
    FILE *f = fopen(lexfile, "rb");
    size_t len;
    if (qlen) { cli_error("track takes a lexicon file or a formulation, not both"); if (f) fclose(f); return 2; }
    if (f == NULL || (lextext = readall(f, &len)) == NULL) {
      cli_error("cannot read lexicon '%s' (%s)", lexfile, strerror(errno));
      if (f) fclose(f);
      return 1;
    }
    fclose(f);
  }
  if (track && (lextext || qlen)) {
    tifa_lexicon *lx;
    const char *t = lextext ? lextext : query;
    if (tifa_lexicon_parse(t, strlen(t), &lx, err, sizeof(err)) != TIFA_OK) {
      cli_error("bad lexicon (%s)", err);
      free(lextext);
      return 2;
    }
    tifa_lexicon_free(lx);
  }
  if (qlen == 0 && analytic[0] != 'w' && analytic[0] != 't') {    /* (no lexicon read) */
    cli_error("%s needs a query", analytic);
    fputs(usage_part, stderr);
    return 2;
  }
  if (c->dbpath && tifa_shards_is(c->dbpath)) {
    if (shard == 0) {
      cli_error("'%s' is a corpus of shards: part needs --shard S", c->dbpath);
      free(lextext);
      return 2;
    }
    if (search && statsfile == NULL) {
      cli_error("part search on a shard needs the corpus's statistics: --stats FILE, the merge "
                "of the search-stats parts ('-': standard input)");
      return 2;                                     /* (no lexicon read) */
    }
    if ((rc = tifa_shards_open(c->dbpath, TIFA_OPEN_READONLY, 0, &corpus, err, sizeof(err))) != TIFA_OK
        || (rc = tifa_shards_store(corpus, (int)shard, TIFA_OPEN_READONLY, &s, err, sizeof(err))) != TIFA_OK) {
      cli_error("%s", err);
      tifa_shards_close(corpus);
      free(lextext);
      return rc == TIFA_ERROR && shard > 0 && corpus ? 2 : 1;
    }
  }
  else {
    if (shard != 0) {
      cli_error("--shard is for a corpus of shards; '%s' is a store", cli_storename(c) ? cli_storename(c) : "the sample corpus");
      free(lextext);
      return 2;
    }
    if ((s = cli_openstore(c, 0)) == NULL) { free(lextext); return 1; }
  }
  memset(&stats, 0, sizeof(stats));
  if (statsfile) {                                  /* the corpus's statistics, merged */
    FILE *f = strcmp(statsfile, "-") == 0 ? stdin : fopen(statsfile, "r");
    if (f == NULL || (statstext = readall(f, &statslen)) == NULL) {
      cli_error("cannot read the statistics '%s' (%s)", statsfile, strerror(errno));
      rc = TIFA_IO;
    }
    else if ((rc = tifa_search_stats_parse(statstext, statslen, &stats, err, sizeof(err))) != TIFA_OK)
      cli_error("%s: %s", statsfile, err);
    else {
      o.stats = &stats;
      o.stats_rows = tifa_search_stats_rows(statstext, statslen, corpus ? (int)shard : 0);
    }
    if (f && f != stdin) fclose(f);
    free(statstext);
    if (rc != TIFA_OK) {
      tifa_store_close(s);
      tifa_shards_close(corpus);
      free(lextext);
      return 1;
    }
  }
  rc = tifa_part(s, analytic, lextext ? lextext : qlen ? query : NULL, corpus ? (int)shard : 0,
                 corpus ? tifa_shards_count(corpus) : 1, corpus ? tifa_shards_uuid(corpus) : NULL,
                 &o, putline, stdout);
  if (rc != TIFA_OK) cli_error("%s", rc == TIFA_IO ? strerror(errno) : tifa_store_errmsg(s));
  else if (fflush(stdout) != 0 || ferror(stdout)) { cli_error("cannot write the part (%s)", strerror(errno)); rc = TIFA_IO; }
  tifa_search_stats_free(&stats);
  free(lextext);
  tifa_store_close(s);
  tifa_shards_close(corpus);
  return rc == TIFA_OK ? 0 : (rc == TIFA_SYNTAX ? 2 : 1);
}

int cmd_merge (cli *c, int argc, char **argv) {
  FILE **in;
  const char **names;
  char err[TIFA_ERRMAX];
  int i, n = 0, flags = 0, rc = TIFA_OK, opts = 1, sandbox = 0;
  const char *script = NULL;
  cli_lines got = {NULL, 0, 0};
  in = (FILE **)calloc((size_t)argc + 1, sizeof(FILE *));
  names = (const char **)calloc((size_t)argc + 1, sizeof(char *));
  if (in == NULL || names == NULL) { free(in); free(names); cli_error("not enough memory"); return 1; }
  for (i = 0; i < argc; i++) {
    const char *a = argv[i];
    if (opts && strcmp(a, "--") == 0) { opts = 0; continue; }
    if (opts && (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0)) { fputs(usage_merge, stdout); goto out; }
    if (opts && strcmp(a, "--by-doc") == 0) { flags |= TIFA_MERGE_BY_DOC; continue; }
    if (opts && strcmp(a, "--allow-missing") == 0) { flags |= TIFA_MERGE_ALLOW_MISSING; continue; }
    if (opts && strcmp(a, "--sandbox") == 0) { sandbox = 1; continue; }
    if (opts && strcmp(a, "--script") == 0) {
      if (i + 1 >= argc) { cli_error("'--script' needs an argument"); rc = -2; goto out; }
      script = argv[++i];
      continue;
    }
    if (opts && a[0] == '-' && a[1] != '\0') {
      cli_error("unknown option '%s' (see '" PROGNAME " merge --help')", a);
      rc = -2;
      goto out;
    }
    names[n] = a;
    if (strcmp(a, "-") == 0) in[n] = stdin;
    else if ((in[n] = fopen(a, "r")) == NULL) {
      cli_error("cannot open part '%s' (%s)", a, strerror(errno));
      rc = TIFA_IO;
      goto out;
    }
    n++;
  }
  if (n == 0) { cli_error("merge needs parts"); fputs(usage_merge, stderr); rc = -2; goto out; }
  if (script == NULL && sandbox) { cli_error("--sandbox is for a script's merge (--script SCRIPT)"); rc = -2; goto out; }
  if (script != NULL) {                             /* a script's parts: its merge() */
    if (flags) { cli_error("--by-doc and --allow-missing are not for a script's parts"); rc = -2; goto out; }
    rc = tifa_merge((FILE *const *)in, names, (size_t)n, 0, cli_addline, &got, err, sizeof(err));
    if (rc != TIFA_OK) { cli_error("%s", rc == TIFA_NOMEM || rc == TIFA_FORMAT ? err : tifa_errstr(rc)); goto out; }
    rc = cli_merge_script(c, script, sandbox, got.b, got.n);
    rc = rc == 0 ? TIFA_OK : rc == 2 ? -2 : TIFA_ERROR;
    goto out;
  }
  rc = tifa_merge((FILE *const *)in, names, (size_t)n, flags, putline, stdout, err, sizeof(err));
  if (rc != TIFA_OK) cli_error("%s", rc == TIFA_IO ? strerror(errno) : err);
  else if (fflush(stdout) != 0 || ferror(stdout)) { cli_error("cannot write (%s)", strerror(errno)); rc = TIFA_IO; }
out:
  for (i = 0; i < n; i++) if (in[i] && in[i] != stdin) fclose(in[i]);
  free(in);
  free(names);
  free(got.b);
  return rc == -2 ? 2 : rc == TIFA_OK ? 0 : 1;
}
