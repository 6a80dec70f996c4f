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
  "kwic QUERY [--sort article|left|right] [--width W] [-n N] [--words].\n"
  "--shard S (1..N) is needed on a corpus of shards and refused on a store.\n";

static const char usage_merge[] =
  "usage: " PROGNAME " merge [--by-doc] [--allow-missing] PART...\n"
  "Merge the parts of one request (from '" PROGNAME " part', one per shard; '-': standard\n"
  "input) into the corpus's answer, as JSON Lines. --by-doc orders ties by (file, seq) and\n"
  "leaves ids and the corpus out, so that a store and any sharding of it give the same bytes.\n"
  "Exit status 1 if the parts are of different requests, a shard is missing or a part ends\n"
  "early.\n";

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

int cmd_part (cli *c, int argc, char **argv) {
  tifa_part_opts o;
  tifa_shards *corpus = NULL;
  tifa_store *s = NULL;
  const char *analytic;
  char query[4096], err[TIFA_ERRMAX];
  size_t qlen = 0;
  long shard = 0, v;
  int i, rc, opts = 1, isquery;
  memset(&o, 0, sizeof(o));
  query[0] = '\0';
  if (argc < 1) { cli_error("part needs an analytic"); fputs(usage_part, stderr); return 2; }
  analytic = argv[0];
  if (strcmp(analytic, "--help") == 0 || strcmp(analytic, "-h") == 0) { fputs(usage_part, stdout); return 0; }
  if (strcmp(analytic, "count") != 0 && strcmp(analytic, "words") != 0
      && strcmp(analytic, "timeline") != 0 && strcmp(analytic, "kwic") != 0) {
    cli_error("unknown analytic '%s' (count, words, timeline, kwic)", analytic);
    return 2;
  }
  isquery = strcmp(analytic, "words") != 0;
  o.width = 15;
  for (i = 1; i < argc; i++) {
    const char *a = argv[i];
    size_t n;
    if (opts && strcmp(a, "--") == 0) { opts = 0; continue; }
    if (opts && (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0)) { fputs(usage_part, stdout); return 0; }
    if (opts && strcmp(a, "--words") == 0 && isquery) { o.flags |= TIFA_MATCH_WORDS; continue; }
    if (opts && (strcmp(a, "-n") == 0 || strcmp(a, "--shard") == 0 || strcmp(a, "--min") == 0
                 || strcmp(a, "--width") == 0 || strcmp(a, "--by") == 0 || strcmp(a, "--sort") == 0)) {
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
      else if (a[1] == 'n' && analytic[0] != 't') { if (!numarg(a, val, &o.limit)) return 2; }
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
  if (qlen == 0 && (analytic[0] == 'c' || analytic[0] == 'k')) {
    cli_error("%s needs a query", analytic);
    fputs(usage_part, stderr);
    return 2;
  }
  if (c->dbpath && tifa_shards_is(c->dbpath)) {
    if (shard == 0) { cli_error("'%s' is a corpus of shards: part needs --shard S", c->dbpath); return 2; }
    if ((rc = tifa_shards_open(c->dbpath, TIFA_OPEN_READONLY, 0, &corpus, err, sizeof(err))) != TIFA_OK
        || (rc = tifa_shards_store(corpus, (int)shard, TIFA_OPEN_READONLY, &s, err, sizeof(err))) != TIFA_OK) {
      cli_error("%s", err);
      tifa_shards_close(corpus);
      return rc == TIFA_ERROR && shard > 0 && corpus ? 2 : 1;
    }
  }
  else {
    if (shard != 0) { cli_error("--shard is for a corpus of shards; '%s' is a store", cli_storename(c) ? cli_storename(c) : "the sample corpus"); return 2; }
    if ((s = cli_openstore(c, 0)) == NULL) return 1;
  }
  rc = tifa_part(s, analytic, qlen ? query : NULL, corpus ? (int)shard : 0,
                 corpus ? tifa_shards_count(corpus) : 1, corpus ? tifa_shards_uuid(corpus) : NULL,
                 &o, putline, stdout);
  if (rc != TIFA_OK) cli_error("%s", rc == TIFA_IO ? strerror(errno) : tifa_store_errmsg(s));
  else if (fflush(stdout) != 0 || ferror(stdout)) { cli_error("cannot write the part (%s)", strerror(errno)); rc = TIFA_IO; }
  tifa_store_close(s);
  tifa_shards_close(corpus);
  return rc == TIFA_OK ? 0 : (rc == TIFA_SYNTAX ? 2 : 1);
}

int cmd_merge (cli *c, int argc, char **argv) {
  FILE **in;
  const char **names;
  char err[TIFA_ERRMAX];
  int i, n = 0, flags = 0, rc = TIFA_OK, opts = 1;
  (void)c;
  in = (FILE **)calloc((size_t)argc + 1, sizeof(FILE *));
  names = (const char **)calloc((size_t)argc + 1, sizeof(char *));
  if (in == NULL || names == NULL) { free(in); free(names); cli_error("not enough memory"); return 1; }
  for (i = 0; i < argc; i++) {
    const char *a = argv[i];
    if (opts && strcmp(a, "--") == 0) { opts = 0; continue; }
    if (opts && (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0)) { fputs(usage_merge, stdout); goto out; }
    if (opts && strcmp(a, "--by-doc") == 0) { flags |= TIFA_MERGE_BY_DOC; continue; }
    if (opts && strcmp(a, "--allow-missing") == 0) { flags |= TIFA_MERGE_ALLOW_MISSING; continue; }
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
  rc = tifa_merge((FILE *const *)in, names, (size_t)n, flags, putline, stdout, err, sizeof(err));
  if (rc != TIFA_OK) cli_error("%s", rc == TIFA_IO ? strerror(errno) : err);
  else if (fflush(stdout) != 0 || ferror(stdout)) { cli_error("cannot write (%s)", strerror(errno)); rc = TIFA_IO; }
out:
  for (i = 0; i < n; i++) if (in[i] && in[i] != stdin) fclose(in[i]);
  free(in);
  free(names);
  return rc == -2 ? 2 : rc == TIFA_OK ? 0 : 1;
}
