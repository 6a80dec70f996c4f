/*
** commands.c -- the subcommands: 'ingest' (with its report, its progress bar, the cut of
** each page in a dry run, and split hooks in Lua), 'search' (ranked hits with snippets,
** aligned by display width), 'count' and 'show' (an article and where its parts came from).
** Exit status: 0 success, 1 when something failed (the rest is kept), 2 for usage errors.
*/
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sqlite3.h>
#include "lauxlib.h"
#include "cli.h"
#include "ltifa.h"
#include "tifa_shard.h"
#include "tifa_structure.h"
#include "tifa_text.h"

static tifa_store *running;         /* the store a command works on, for Ctrl-C */
static tifa_shards *runningc;       /* or the corpus of shards an ingest fills */

static void onsigint (int sig) {
  signal(sig, SIG_DFL);
  if (running) tifa_store_interrupt(running);
  if (runningc) tifa_shards_interrupt(runningc);
}

static void catchint (tifa_store *s) {
  running = s;
  signal(SIGINT, onsigint);
}

/* An option 'opt' that command 'cmd' does not have: a usage error (exit status 2). */
static int badoption (const char *cmd, const char *opt) {
  cli_error("unknown option '%s' (see '" PROGNAME " %s --help')", opt, cmd);
  return 2;
}

/* Parse "-n N" style integer options; returns 0 on a bad number. */
static int intarg (const char *opt, const char *v, long *out) {
  char *end;
  long n = strtol(v, &end, 10);
  if (*v == '\0' || *end != '\0' || n < 0) {
    cli_error("option '%s' needs a whole number, got '%s'", opt, v);
    return 0;
  }
  *out = n;
  return 1;
}

/* {====== ingest ====== */

static const char usage_ingest[] =
  "usage: " PROGNAME " [-d STORE] ingest [options] PATH...\n"
  "Load files and folders (recursively; hidden entries skipped) into the store, one\n"
  "transaction per file. '-' reads standard input. An unchanged file is passed over; a\n"
  "changed one replaces its articles. The store is -d STORE, $TIFA_DB, or ./tifa.db; it is\n"
  "created if missing, and removed again if the ingest stored nothing in it.\n"
  "\n"
  "Formats, by extension: .txt (and anything else) plain text, .md Markdown, .html/.htm,\n"
  ".jsonl (one article per line: text or content, title, date, author, source, url), .csv\n"
  "(with a header row). Encodings: UTF-8 (with or without BOM), UTF-16 with BOM, GB18030/GBK.\n"
  "\n"
  "Options:\n"
  "  --format F    read every file as F: text, markdown, html, jsonl, csv\n"
  "  --name NAME   the name stored for standard input (default stdin:SHA256)\n"
  "  --dry-run     read and cut everything, store nothing, and print how each file is\n"
  "                cut: its articles, their fields, their paragraphs and the lines taken\n"
  "                out (bylines, furniture, repeats), with line numbers\n"
  "  --meta K=V    a field for every article: title, kicker, subtitle, series, author,\n"
  "                affiliation, editor, outlet, place, date, url, or any other key (kept in\n"
  "                meta); may be repeated. A file NAME may also have NAME.meta.json beside\n"
  "                it, a JSON object of fields for its own articles\n"
  "  --split FILE  cut pages with a Lua function instead of the layout rules: FILE returns\n"
  "                it (or defines a global 'split'); it gets the page and the rules' cut and\n"
  "                returns the articles (see docs/lua-api.md)\n"
  "  --no-layout   no layout analysis: each page is one article, its lines as read\n"
  "  --genre G     cut every page by the rules of genre G (news, law, document, speech, case)\n"
  "                instead of the genre read from its text; records stay records\n"
  "  --check       account for every character of each file's body (what its reader\n"
  "                hands over, white space aside): kept as text, moved to fields, or\n"
  "                dropped, by reason; print it per file (with --dry-run instead of the\n"
  "                cut), the lines of any text missing, and exit 1 if any is missing\n"
  "  -q, --quiet   print only failures and the summary\n"
  "  --shards N    -d DIR is a corpus of N shards (created if missing; docs/shards.md):\n"
  "                each file goes to the shard its path's hash names, shards are filled in\n"
  "                parallel (--jobs J threads); not with --dry-run nor '-'\n"
  "  --shard-by K  with --shards: each value of key K (year, month, outlet) has its shard;\n"
  "                a file's key is read from a date in its path, else from its text\n"
  "\n"
  "Exit status: 0 when every file went in (or was skipped: binary, empty), 1 when some\n"
  "failed (the others are kept) or, with --check, lost text, 2 for usage errors.\n";

typedef struct ingestui {
  tifai_luasplit split;             /* --split: the Lua state and function; first, since the
                                       callbacks' 'ud' is this struct and the hook's too */
  cli *c;
  int quiet;
  int dry;                          /* print the cut of each page */
  long nart;                        /* articles printed for the current file */
  int bar;                          /* a progress bar is shown */
  long lastdraw;                    /* tenths of a second */
  int check;                        /* --check: the accounting of each file, and totals */
  tifa_account sum;                 /* totals over the files (parts and gaps unused) */
  long nfiles, nlost;               /* files accounted, and those with text missing */
  struct { char why[40]; int field; long blocks; int64_t chars; } part[48];
  int npart;                        /* reasons in 'part' (the rest go to the last) */
} ingestui;

static const char *const outcomeword[] = {"", "added", "replaced", "unchanged", "skipped", "failed"};

/* Print a law's header events (the JSON list of {date, kind, text} that the store keeps),
** one a line: "LABEL  1986-04-12 通过  第六届全国人民代表大会第四次会议通过", the label on the
** first line only, under 'w' columns of indent. SQLite's JSON functions read the list; if
** they cannot, the JSON is printed as it is. */
static void printevents (const char *label, int indent, int w, const char *json) {
  sqlite3 *db = NULL;
  sqlite3_stmt *st = NULL;
  int n = 0;
  if (sqlite3_open(":memory:", &db) == SQLITE_OK
      && sqlite3_prepare_v2(db, "SELECT json_extract(value, '$.date'), json_extract(value, '$.kind'), "
                                "json_extract(value, '$.text') FROM json_each(?1)", -1, &st, NULL) == SQLITE_OK
      && sqlite3_bind_text(st, 1, json, -1, SQLITE_STATIC) == SQLITE_OK) {
    while (sqlite3_step(st) == SQLITE_ROW) {
      const char *d = (const char *)sqlite3_column_text(st, 0), *k = (const char *)sqlite3_column_text(st, 1);
      const char *t = (const char *)sqlite3_column_text(st, 2);
      printf("%*s%-*s %s %s  %s\n", indent, "", w, n++ == 0 ? label : "", d ? d : "(undated)",
             k ? k : "", t ? t : "");
    }
  }
  if (n == 0) printf("%*s%-*s %s\n", indent, "", w, label, json);
  sqlite3_finalize(st);
  sqlite3_close(db);
}

static void clearbar (ingestui *u) {
  if (u->bar) { fputs("\r\033[K", stderr); u->bar = 0; }
}

/* --check: "  check  body N: kept K, fields F (title 10, ...), dropped D (repeat 3, ...)" and
** a line per gap; adds to the totals. */
static void printparts (const char *head, int64_t total, int field, const tifa_account_part *p,
                        size_t n) {
  size_t k;
  int first = 1;
  printf(", %s %lld", head, (long long)total);
  for (k = 0; k < n; k++) {
    if (p[k].field != field || p[k].chars == 0) continue;
    printf("%s%s %lld", first ? " (" : ", ", p[k].why, (long long)p[k].chars);
    first = 0;
  }
  if (!first) putchar(')');
}

static void addsum (ingestui *u, const tifa_account *a) {
  size_t k;
  int j;
  u->nfiles++;
  u->sum.body += a->body; u->sum.kept += a->kept; u->sum.fields += a->fields;
  u->sum.dropped += a->dropped; u->sum.missing += a->missing;
  if (a->missing != 0) u->nlost++;
  for (k = 0; k < a->nparts; k++) {
    for (j = 0; j < u->npart && strcmp(u->part[j].why, a->parts[k].why) != 0; j++) ;
    if (j == u->npart) {
      if (u->npart == 48) j = 47;                   /* more reasons than slots: "other" */
      else {
        snprintf(u->part[j].why, sizeof(u->part[j].why), "%s", a->parts[k].why);
        u->part[j].field = a->parts[k].field;
        u->npart++;
      }
    }
    u->part[j].blocks += a->parts[k].blocks;
    u->part[j].chars += a->parts[k].chars;
  }
}

static void printaccount (ingestui *u, const tifa_account *a) {
  size_t k;
  addsum(u, a);
  if (u->quiet && a->missing == 0) return;
  printf("  check   body %lld: kept %lld", (long long)a->body, (long long)a->kept);
  printparts("fields", a->fields, 1, a->parts, a->nparts);
  printparts("dropped", a->dropped, 0, a->parts, a->nparts);
  printf(", missing %lld\n", (long long)a->missing);
  for (k = 0; k < a->ngaps; k++) {
    const tifa_account_gap *g = &a->gaps[k];
    if (g->line_end > g->line_start)
      printf("  missing L%d-%d (%lld characters)\n", g->line_start, g->line_end, (long long)g->chars);
    else printf("  missing L%d (%lld characters)\n", g->line_start, (long long)g->chars);
  }
}

/* A record left out or stored with a problem: "tifa: x.csv:14: record has no text". */
static void onrecord (void *ud, const char *path, int line, int failed, const char *msg) {
  (void)failed;
  clearbar((ingestui *)ud);
  if (line > 0) cli_error("%s:%d: %s", path, line, msg);
  else cli_error("%s: %s", path, msg);
}

static void onfile (void *ud, const tifa_ingest_file *f) {
  ingestui *u = (ingestui *)ud;
  u->nart = 0;
  clearbar(u);
  if (f->outcome == TIFA_INGEST_FAILED) {
    cli_error("%s: %s", f->path, f->message);
    return;
  }
  if (f->outcome == TIFA_INGEST_SKIPPED) {
    fprintf(stderr, PROGNAME ": %s: skipped (%s)\n", f->path, f->message);
    return;
  }
  if (u->quiet) {
    if (f->account && f->account->missing != 0) printf("%-9s %s\n", "lost text", f->path);
    if (f->account) printaccount(u, f->account);
    return;
  }
  if (f->outcome == TIFA_INGEST_UNCHANGED) printf("%-9s %s\n", outcomeword[f->outcome], f->path);
  else printf("%-9s %s (%s, %s, %ld article%s)\n", outcomeword[f->outcome], f->path, f->format,
              f->encoding, f->articles, f->articles == 1 ? "" : "s");
  if (f->account) printaccount(u, f->account);
  fflush(stdout);
}

/* One line of a cut: "  L12-14  kind     text", the text cut to the terminal. */
static void cutline (ingestui *u, const tifa_para_src *p, const char *kind) {
  char at[32];
  int cols = u->c->width > 0 ? u->c->width - 24 : 60;
  if (p->line_end > p->line_start) snprintf(at, sizeof(at), "L%d-%d", p->line_start, p->line_end);
  else snprintf(at, sizeof(at), "L%d", p->line_start);
  char *t = (char *)malloc(p->len + 1);           /* term_cell wants a string */
  if (t == NULL) return;
  memcpy(t, p->text, p->len);
  t[p->len] = '\0';
  printf("    %-9s %-9s ", at, kind);
  term_cell(stdout, t, cols < 20 ? 20 : cols, 0, 0);
  fputc('\n', stdout);
  free(t);
}

/* --dry-run: an article as it would be stored, its paragraphs and the lines taken out in
** page order. */
static void onarticle (void *ud, const char *path, const tifa_cut_article *a) {
  static const char *const kinds[] = {"text", "heading", "item", "quote", "code"};
  ingestui *u = (ingestui *)ud;
  size_t i = 0, j = 0;
  const char *const names[] = {"kicker", "subtitle", "series", "author", "affiliation",
                               "editor", "outlet", "place", "date", "url", "meta"};
  const char *vals[11];
  int k;
  (void)path;
  if (!u->dry || u->quiet || u->check) return;
  vals[0] = a->kicker; vals[1] = a->subtitle; vals[2] = a->series; vals[3] = a->author;
  vals[4] = a->affiliation; vals[5] = a->editor; vals[6] = a->outlet; vals[7] = a->place;
  vals[8] = a->date; vals[9] = a->url; vals[10] = a->meta;
  clearbar(u);
  printf("  article %ld, lines %d-%d: %s\n", ++u->nart, a->line_start, a->line_end, a->title);
  if (a->genre) printf("    %-9s %s\n", "genre", a->genre);
  for (k = 0; k < 11; k++) {
    if (vals[k] == NULL) continue;
    if (k == 8 && a->date_precision)
      printf("    %-9s %s (%s, %s)\n", names[k], vals[k], a->date_precision,
             a->date_source ? a->date_source : "field");
    else if (k == 8) printf("    %-9s %s (%s)\n", names[k], vals[k], a->date_source ? a->date_source : "field");
    else printf("    %-9s %s\n", names[k], vals[k]);
    if (k == 8 && a->effective) printf("    %-9s %s\n", "effective", a->effective);
    if (k == 8 && a->events) printevents("events", 4, 9, a->events);
  }
  while (i < a->npara || j < a->ndropped) {       /* merged by line */
    if (j >= a->ndropped || (i < a->npara && a->paras[i].line_start <= a->dropped[j].line_start)) {
      const tifa_para_src *p = &a->paras[i++];
      cutline(u, p, kinds[p->kind >= 0 && p->kind <= 4 ? p->kind : 0]);
    }
    else {
      char why[40];
      snprintf(why, sizeof(why), "-%s", a->why[j]);
      cutline(u, &a->dropped[j++], why);
    }
  }
}

/* --split FILE: a Lua state for the hook. Returns 0 and sets u->split, or prints why not. */
static int loadsplit (cli *c, ingestui *u, const char *file) {
  lua_State *L = cli_newstate(c);
  if (L == NULL) { cli_error("cannot create a Lua state"); return 0; }
  if (luaL_loadfile(L, file) != LUA_OK || cli_docall(L, 0, 1) != LUA_OK) {
    cli_error("--split %s: %s", file, lua_tostring(L, -1));
    lua_close(L);
    return 0;
  }
  if (!lua_isfunction(L, -1)) {                     /* no function returned: a global 'split' */
    lua_pop(L, 1);
    lua_getglobal(L, "split");
  }
  if (!lua_isfunction(L, -1)) {
    cli_error("--split %s: returns no function and defines no global 'split'", file);
    lua_close(L);
    return 0;
  }
  u->split.L = L;
  u->split.ref = luaL_ref(L, LUA_REGISTRYINDEX);
  u->split.box = u;
  return 1;
}

/* A progress bar on a terminal, for ingests of 8 MB or more, redrawn at most 10 times a
** second: bytes done of all the files named. */
static void onprogress (void *ud, const char *path, uint64_t done, uint64_t total) {
  ingestui *u = (ingestui *)ud;
  struct timespec ts;
  long now;
  int w, i, cols = 30;
  if (!u->c->tty_err || total < (8u << 20) || u->quiet > 1) return;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  now = (long)ts.tv_sec * 10 + ts.tv_nsec / 100000000;
  if (now == u->lastdraw && done < total) return;
  u->lastdraw = now;
  if (done > total) done = total;
  w = (int)((double)done / (double)total * cols);
  fputs("\r\033[K[", stderr);
  for (i = 0; i < cols; i++) fputc(i < w ? '#' : '.', stderr);
  fprintf(stderr, "] %3d%% %.1f/%.1f MB ", (int)(100.0 * (double)done / (double)total),
          (double)done / 1048576.0, (double)total / 1048576.0);
  term_cell(stderr, path, 40, 0, 0);
  fflush(stderr);
  u->bar = 1;
}

/* Whether the store holds no files and no articles, asked under the write lock: a store
** another process is writing into counts as not empty, and so does a failure to tell. */
static int isempty (tifa_store *s) {
  sqlite3 *db = tifa_store_sqlite(s);
  sqlite3_stmt *st = NULL;
  int empty;
  sqlite3_busy_timeout(db, 0);
  if (sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK) return 0;
  empty = sqlite3_prepare_v2(db, "SELECT 1 FROM file UNION ALL SELECT 1 FROM article LIMIT 1",
                             -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_DONE;
  sqlite3_finalize(st);
  sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
  return empty;
}

/* Remove the store file at 'path' (closed) and the files SQLite keeps beside it. */
static void dropstore (const char *path) {
  static const char *const sides[] = {"-wal", "-shm", "-journal", NULL};
  char side[4096];
  int k;
  unlink(path);
  for (k = 0; sides[k]; k++)
    if (snprintf(side, sizeof(side), "%s%s", path, sides[k]) < (int)sizeof(side)) unlink(side);
}

/* ingest into the corpus of shards at c->dbpath ('nshards' 0: an existing one). */
static int ingestshards (cli *c, tifa_ingest_opts *o, ingestui *u, char **paths, int npaths,
                         long nshards, long jobs, const char *key) {
  tifa_shards *corpus;
  tifa_ingest_report r;
  char err[TIFA_ERRMAX];
  long *nfiles, *narts;
  int rc, k, n;
  if (o->dry_run) { cli_error("--dry-run does not work on a corpus of shards"); return 2; }
  for (k = 0; k < npaths; k++)
    if (strcmp(paths[k], "-") == 0) { cli_error("'-' (standard input) cannot go into a corpus of shards"); return 2; }
  if (c->dbpath == NULL) { cli_error("--shards needs the corpus directory: -d DIR"); return 2; }
  rc = tifa_shards_openkey(c->dbpath, nshards > 0 ? TIFA_OPEN_CREATE : 0, (int)nshards, key, &corpus,
                           err, sizeof(err));
  if (rc != TIFA_OK) { cli_error("%s", err); return rc == TIFA_ERROR ? 2 : 1; }
  n = tifa_shards_count(corpus);
  nfiles = (long *)calloc((size_t)n, sizeof(long));
  narts = (long *)calloc((size_t)n, sizeof(long));
  if (nfiles == NULL || narts == NULL) { free(nfiles); free(narts); tifa_shards_close(corpus); cli_error("not enough memory"); return 1; }
  memset(&r, 0, sizeof(r));
  o->on_file = onfile;
  o->on_record = onrecord;
  o->on_progress = onprogress;
  o->ud = u;
  if (u->split.L) o->split = tifai_lua_split;
  err[0] = '\0';
  runningc = corpus;
  signal(SIGINT, onsigint);
  rc = tifa_shards_ingest(corpus, (const char *const *)paths, (size_t)npaths, o, (int)jobs, &r,
                          nfiles, narts, err, sizeof(err));
  runningc = NULL;
  clearbar(u);
  if (rc != TIFA_OK && (rc != TIFA_ERROR || err[0])) cli_error("%s", err);  /* TIFA_ERROR: a file's, told */
  if (rc == TIFA_ERROR && err[0] && r.files == 0) {       /* refused (sealed): nothing done */
    free(nfiles); free(narts); tifa_shards_close(corpus);
    return 1;
  }
  for (k = 1; k <= n && !u->quiet; k++) {
    const char *f = tifa_shards_file(corpus, k), *slash = strrchr(f, '/');
    printf("%s: %ld file%s, %ld article%s\n", slash ? slash + 1 : f, nfiles[k - 1],
           nfiles[k - 1] == 1 ? "" : "s", narts[k - 1], narts[k - 1] == 1 ? "" : "s");
  }
  for (k = 0; !u->quiet; k++) {                     /* by key: "year 2019: s2.db, 365 files" */
    int sh;
    long nf;
    const char *v = tifa_shards_keyval(corpus, (size_t)k, &sh, &nf);
    if (v == NULL) break;
    if (nf > 0 && sh > 0) printf("%s %s: s%d.db, %ld file%s\n", tifa_shards_key(corpus), v, sh, nf, nf == 1 ? "" : "s");
    else if (nf > 0) printf("%s %s: %ld file%s (by hash)\n", tifa_shards_key(corpus), v, nf, nf == 1 ? "" : "s");
  }
  printf("%ld file%s read: %ld added, %ld replaced, %ld unchanged, %ld skipped, %ld failed; "
         "%ld article%s stored in %d shard%s", r.files, r.files == 1 ? "" : "s", r.added,
         r.replaced, r.unchanged, r.skipped, r.failed, r.articles, r.articles == 1 ? "" : "s",
         n, n == 1 ? "" : "s");
  if (r.records_failed > 0)
    printf("; %ld record%s failed", r.records_failed, r.records_failed == 1 ? "" : "s");
  putchar('\n');
  free(nfiles);
  free(narts);
  tifa_shards_close(corpus);
  return (rc == TIFA_OK && u->nlost == 0) ? 0 : 1;
}

int cmd_ingest (cli *c, int argc, char **argv) {
  tifa_ingest_opts o;
  tifa_ingest_report r;
  ingestui u;
  tifa_store *s;
  const char **meta = (const char **)calloc((size_t)argc + 1, sizeof(char *));
  const char *splitfile = NULL, *made = NULL;    /* made: the store file this ingest creates */
  const char *shardby = NULL;
  int i, npaths = 0, nmeta = 0, rc = TIFA_OK, status;
  long nshards = 0, jobs = 0;
  if (meta == NULL) { cli_error("not enough memory"); return 1; }
  memset(&o, 0, sizeof(o));
  memset(&r, 0, sizeof(r));
  memset(&u, 0, sizeof(u));
  u.c = c;
  for (i = 0; i < argc; i++) {                      /* options first, so paths may follow */
    const char *a = argv[i];
    if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) { fputs(usage_ingest, stdout); free(meta); return 0; }
    if (strcmp(a, "--dry-run") == 0) o.dry_run = 1;
    else if (strcmp(a, "--no-layout") == 0) o.nolayout = 1;
    else if (strcmp(a, "--check") == 0) o.account = u.check = 1;
    else if (strcmp(a, "--meta") == 0 || strcmp(a, "--split") == 0) {
      if (i + 1 >= argc) { cli_error("'%s' needs an argument", a); free(meta); return 2; }
      if (a[2] == 's') splitfile = argv[++i];
      else {
        const char *kv = argv[++i], *eq = strchr(kv, '=');
        if (eq == NULL || eq == kv) { cli_error("--meta needs KEY=VALUE, got '%s'", kv); free(meta); return 2; }
        meta[nmeta++] = kv;
      }
    }
    else if (strcmp(a, "-q") == 0 || strcmp(a, "--quiet") == 0) u.quiet = 1;
    else if (strcmp(a, "--shards") == 0 || strcmp(a, "--jobs") == 0) {
      if (i + 1 >= argc) { cli_error("'%s' needs an argument", a); free(meta); return 2; }
      if (!intarg(a, argv[++i], a[2] == 's' ? &nshards : &jobs)) { free(meta); return 2; }
      if (a[2] == 's' && nshards < 1) { cli_error("--shards needs at least 1"); free(meta); return 2; }
    }
    else if (strcmp(a, "--shard-by") == 0) {
      static const char *const ok[] = {"year", "month", "outlet", NULL};
      int k;
      if (i + 1 >= argc) { cli_error("'%s' needs an argument", a); free(meta); return 2; }
      for (k = 0; ok[k] && strcmp(ok[k], argv[i + 1]) != 0; k++) ;
      if (!ok[k]) { cli_error("unknown shard key '%s' (year, month, outlet)", argv[i + 1]); free(meta); return 2; }
      shardby = argv[++i];
    }
    else if (strcmp(a, "--genre") == 0) {
      static const char *const ok[] = {"news", "law", "document", "speech", "case", NULL};
      int k;
      if (i + 1 >= argc) { cli_error("'%s' needs an argument", a); free(meta); return 2; }
      for (k = 0; ok[k] && strcmp(ok[k], argv[i + 1]) != 0; k++) ;
      if (!ok[k]) { cli_error("unknown genre '%s' (news, law, document, speech, case)", argv[i + 1]); free(meta); return 2; }
      o.genre = argv[++i];
    }
    else if (strcmp(a, "--format") == 0 || strcmp(a, "--name") == 0) {
      if (i + 1 >= argc) { cli_error("'%s' needs an argument", a); free(meta); return 2; }
      if (a[2] == 'f') {
        static const char *const ok[] = {"text", "markdown", "md", "html", "jsonl", "csv", NULL};
        int k;
        for (k = 0; ok[k] && strcmp(ok[k], argv[i + 1]) != 0; k++) ;
        if (!ok[k]) { cli_error("unknown format '%s' (text, markdown, html, jsonl, csv)", argv[i + 1]); free(meta); return 2; }
        o.format = argv[++i];
      }
      else o.stdin_name = argv[++i];
    }
    else if (strcmp(a, "--") == 0) { i++; break; }
    else if (a[0] == '-' && a[1] != '\0') { free(meta); return badoption("ingest", a); }
    else argv[npaths++] = argv[i];                 /* compact the paths */
  }
  for (; i < argc; i++) argv[npaths++] = argv[i];
  if (npaths == 0) { cli_error("ingest needs a path"); fputs(usage_ingest, stderr); free(meta); return 2; }
  if (nmeta > 0) o.meta = meta;
  u.dry = o.dry_run;
  if (splitfile && !loadsplit(c, &u, splitfile)) { free(meta); return 2; }
  if (shardby && nshards == 0 && !(c->dbpath && tifa_shards_is(c->dbpath))) {
    cli_error("--shard-by needs --shards N or a corpus of shards");
    free(meta);
    return 2;
  }
  if (nshards > 0 || (c->dbpath && tifa_shards_is(c->dbpath))) {
    status = ingestshards(c, &o, &u, argv, npaths, nshards, jobs, shardby);
    if (u.split.L) lua_close(u.split.L);
    free(meta);
    return status;
  }
  if (o.dry_run && (cli_storename(c) == NULL || access(cli_storename(c), F_OK) != 0)) {  /* a scratch store */
    char err[TIFA_ERRMAX];
    if (tifa_store_open(":memory:", TIFA_OPEN_CREATE, &s, err, sizeof(err)) != TIFA_OK) {
      cli_error("cannot open a scratch store (%s)", err);
      rc = -1;
    }
  }
  else {
    const char *path = cli_storename(c) ? cli_storename(c) : "tifa.db";
    if (!o.dry_run && access(path, F_OK) != 0) made = path;
    if ((s = cli_openstore(c, !o.dry_run)) == NULL) rc = -1;
  }
  if (rc == -1) {
    if (u.split.L) lua_close(u.split.L);
    free(meta);
    return 1;
  }
  o.on_file = onfile;
  o.on_record = onrecord;
  o.on_progress = onprogress;
  if (o.dry_run && !u.quiet) o.on_article = onarticle;
  o.ud = &u;
  if (u.split.L) o.split = tifai_lua_split;
  catchint(s);
  for (i = 0; i < npaths; i++) {
    int r1 = tifa_store_ingest(s, argv[i], &o, &r);
    if (r1 == TIFA_ERROR) rc = TIFA_ERROR;
    else if (r1 != TIFA_OK) { rc = r1; clearbar(&u); cli_error("%s", tifa_store_errmsg(s)); break; }
  }
  clearbar(&u);
  printf("%ld file%s read: %ld added, %ld replaced, %ld unchanged, %ld skipped, %ld failed; "
         "%ld article%s %s", r.files, r.files == 1 ? "" : "s", r.added, r.replaced, r.unchanged,
         r.skipped, r.failed, r.articles, r.articles == 1 ? "" : "s",
         o.dry_run ? "found (dry run: nothing stored)" : "stored");
  if (r.records_failed > 0)                         /* records of JSONL/CSV files left out */
    printf("; %ld record%s failed", r.records_failed, r.records_failed == 1 ? "" : "s");
  putchar('\n');
  if (u.check) {
    int j;
    printf("check: %ld file%s, body %lld characters: kept %lld, fields %lld, dropped %lld, "
           "missing %lld (in %ld file%s)\n", u.nfiles, u.nfiles == 1 ? "" : "s",
           (long long)u.sum.body, (long long)u.sum.kept, (long long)u.sum.fields,
           (long long)u.sum.dropped, (long long)u.sum.missing, u.nlost, u.nlost == 1 ? "" : "s");
    for (j = 0; j < u.npart; j++)
      printf("  %-8s %-28s %8ld blocks %10lld characters\n", u.part[j].field ? "field" : "dropped",
             u.part[j].why, u.part[j].blocks, (long long)u.part[j].chars);
  }
  status = (rc == TIFA_OK && u.nlost == 0) ? 0 : 1;
  running = NULL;
  if (made && isempty(s)) {                         /* nothing stored: no store is left behind */
    tifa_store_close(s);
    dropstore(made);
    cli_error("nothing stored, so no store was created at '%s'", made);
  }
  else tifa_store_close(s);
  if (u.split.L) lua_close(u.split.L);
  free(meta);
  return status;
}

/* }====== */

/* {====== search ====== */

static const char usage_search[] =
  "usage: " PROGNAME " [-d STORE|CORPUS] search [-n N] [--offset K] [--words] [--] QUERY...\n"
  "Print the articles that match QUERY, best first (BM25), each with a snippet. Any\n"
  "substring matches, one or two Chinese characters included; words joined by spaces must\n"
  "all occur. AND, OR, NOT, ( ), NEAR(a b, N), title:TERM and \"quoted terms\" combine them;\n"
  "(一) around one word is text. Punctuation matches in either width: （一） is (一).\n"
  "On a corpus of shards (-d DIR, 'ingest --shards'), search, count, words and show answer\n"
  "as one store holding its files does; hits that score alike come by file and seq.\n"
  "\n"
  "Options:\n"
  "  -n N          at most N hits (default 20)\n"
  "  --offset K    pass over the first K hits\n"
  "  --words       terms match whole words only: 人才 finds 人才, not 个人才能 (个人 才能);\n"
  "                a part of a longer word's fine-grained cut counts (政府 in 人民政府,\n"
  "                一带一路 in 共建一带一路), no other word inside it (民政 in 人民政府)\n"
  "  --            the options end: what follows is the query, even '-x'\n";

typedef struct searchui {
  cli *c;
  sqlite3_stmt *meta;
  long n;
} searchui;

void cli_search_hit (cli *c, long rank, const tifa_hit *h, const char *date, const char *outlet,
                     const char *title) {
  int width = c->width > 40 ? c->width : 0;
  char num[32];
  snprintf(num, sizeof(num), "%ld", rank);
  term_cell(stdout, num, 3, 1, 1);
  snprintf(num, sizeof(num), "  #%lld", (long long)h->article);
  term_cell(stdout, num, strlen(num) > 8 ? (int)strlen(num) : 8, 1, 0);   /* a corpus's ids */
  fputs("  ", stdout);
  term_cell(stdout, date ? date : "", 10, 1, 0);
  fputs("  ", stdout);
  term_cell(stdout, outlet && *outlet ? outlet : "-", 12, 1, 0);
  fputs("  ", stdout);
  term_cell(stdout, title ? title : "", width ? width - 39 : 1000, 0, 0);
  fputc('\n', stdout);
  fputs("     ", stdout);
  term_cellmark(stdout, h->snippet, width ? width - 6 : 100000, 0, 0);   /* the match in sight */
  fputc('\n', stdout);
}

static int printhit (void *ud, const tifa_hit *h) {
  searchui *u = (searchui *)ud;
  const char *date = "", *outlet = "", *title = "";
  sqlite3_bind_int64(u->meta, 1, h->article);
  if (sqlite3_step(u->meta) == SQLITE_ROW) {
    date = (const char *)sqlite3_column_text(u->meta, 0);
    outlet = (const char *)sqlite3_column_text(u->meta, 1);
    title = (const char *)sqlite3_column_text(u->meta, 2);
  }
  cli_search_hit(u->c, ++u->n, h, date, outlet, title);
  sqlite3_reset(u->meta);
  return 0;
}

int cmd_search (cli *c, int argc, char **argv) {
  tifa_search_opts o;
  searchui u;
  tifa_store *s;
  char query[4096];
  size_t qlen = 0;
  int i, rc, opts = 1;
  memset(&o, 0, sizeof(o));
  memset(&u, 0, sizeof(u));
  query[0] = '\0';
  for (i = 0; i < argc; i++) {
    const char *a = argv[i];
    size_t n;
    if (opts && strcmp(a, "--") == 0) { opts = 0; continue; }   /* the query follows: -- -x */
    if (opts && (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0)) { fputs(usage_search, stdout); return 0; }
    if (opts && strcmp(a, "--words") == 0) { o.flags |= TIFA_MATCH_WORDS; continue; }
    if (opts && (strcmp(a, "-n") == 0 || strcmp(a, "--offset") == 0)) {
      if (i + 1 >= argc) { cli_error("'%s' needs a number", a); return 2; }
      if (!intarg(a, argv[++i], a[1] == 'n' ? &o.limit : &o.offset)) return 2;
      continue;
    }
    if (opts && a[0] == '-' && a[1] != '\0') return badoption("search", a);
    n = strlen(a);                                  /* the other words are the query */
    if (qlen + n + 2 > sizeof(query)) { cli_error("query too long"); return 2; }
    if (qlen) query[qlen++] = ' ';
    memcpy(query + qlen, a, n + 1);
    qlen += n;
  }
  if (qlen == 0) { cli_error("search needs a query"); fputs(usage_search, stderr); return 2; }
  if (c->dbpath && tifa_shards_is(c->dbpath)) return corpus_search(c, query, &o);
  if ((s = cli_openstore(c, 0)) == NULL) return 1;
  u.c = c;
  if (sqlite3_prepare_v2(tifa_store_sqlite(s), "SELECT date, outlet, title FROM article WHERE id = ?1",
                         -1, &u.meta, NULL) != SQLITE_OK) {
    cli_error("cannot search (%s)", sqlite3_errmsg(tifa_store_sqlite(s)));
    tifa_store_close(s);
    return 1;
  }
  o.mark_open = TIFA_MARK_OPEN;                     /* « », as everywhere */
  o.mark_close = TIFA_MARK_CLOSE;
  catchint(s);
  rc = tifa_store_search(s, query, &o, printhit, &u);
  sqlite3_finalize(u.meta);
  running = NULL;
  if (rc != TIFA_OK) {
    cli_error("%s", tifa_store_errmsg(s));
    tifa_store_close(s);
    return rc == TIFA_SYNTAX ? 2 : 1;
  }
  if (u.n == 0) fprintf(stderr, PROGNAME ": no match for '%s' in %s\n", query,
                        tifa_store_path(s));
  tifa_store_close(s);
  return 0;
}

/* }====== */

/* {====== count ====== */

static const char usage_count[] =
  "usage: " PROGNAME " [-d STORE|CORPUS] count [-n N] [--words] [--] QUERY...\n"
  "Count every match of QUERY in the store (titles and texts), and list the N articles\n"
  "with the most matches (default 10; 0 for none). Queries, --words and -- as for 'search'.\n";

typedef struct topn {
  long n, cap;
  int64_t *ids, *counts;
} topn;

/* Keep the 'cap' articles with the most matches (ties: lower id first). */
static int keeptop (void *ud, int64_t article, int64_t n) {
  topn *t = (topn *)ud;
  long i, j;
  if (t->cap == 0) return 0;
  for (i = 0; i < t->n && t->counts[i] >= n; i++) ;
  if (i >= t->cap) return 0;
  if (t->n < t->cap) t->n++;
  for (j = t->n - 1; j > i; j--) { t->ids[j] = t->ids[j - 1]; t->counts[j] = t->counts[j - 1]; }
  t->ids[i] = article;
  t->counts[i] = n;
  return 0;
}

void cli_count_total (int64_t total, int64_t articles) {
  printf("%lld match%s in %lld article%s\n", (long long)total, total == 1 ? "" : "es",
         (long long)articles, articles == 1 ? "" : "s");
}

void cli_count_row (cli *c, int64_t id, int64_t n, const char *date, const char *title) {
  char num[32];
  snprintf(num, sizeof(num), "%lld", (long long)n);
  term_cell(stdout, num, 7, 1, 1);
  snprintf(num, sizeof(num), "  #%lld", (long long)id);
  term_cell(stdout, num, strlen(num) > 8 ? (int)strlen(num) : 8, 1, 0);   /* a corpus's ids */
  fputs("  ", stdout);
  term_cell(stdout, date ? date : "", 10, 1, 0);
  fputs("  ", stdout);
  term_cell(stdout, title ? title : "", c->width > 40 ? c->width - 31 : 1000, 0, 0);
  fputc('\n', stdout);
}

int cmd_count (cli *c, int argc, char **argv) {
  tifa_store *s;
  topn t;
  char query[4096];
  size_t qlen = 0;
  long top = 10;
  int64_t total = 0, articles = 0;
  int i, rc, flags = 0, opts = 1;
  sqlite3_stmt *meta = NULL;
  query[0] = '\0';
  for (i = 0; i < argc; i++) {
    const char *a = argv[i];
    size_t n;
    if (opts && strcmp(a, "--") == 0) { opts = 0; continue; }   /* the query follows: -- -x */
    if (opts && (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0)) { fputs(usage_count, stdout); return 0; }
    if (opts && strcmp(a, "--words") == 0) { flags |= TIFA_MATCH_WORDS; continue; }
    if (opts && strcmp(a, "-n") == 0) {
      if (i + 1 >= argc) { cli_error("'-n' needs a number"); return 2; }
      if (!intarg(a, argv[++i], &top)) return 2;
      continue;
    }
    if (opts && a[0] == '-' && a[1] != '\0') return badoption("count", a);
    n = strlen(a);
    if (qlen + n + 2 > sizeof(query)) { cli_error("query too long"); return 2; }
    if (qlen) query[qlen++] = ' ';
    memcpy(query + qlen, a, n + 1);
    qlen += n;
  }
  if (qlen == 0) { cli_error("count needs a query"); fputs(usage_count, stderr); return 2; }
  if (c->dbpath && tifa_shards_is(c->dbpath)) return corpus_count(c, query, flags, top);
  if ((s = cli_openstore(c, 0)) == NULL) return 1;
  memset(&t, 0, sizeof(t));
  t.cap = top;
  t.ids = (int64_t *)calloc((size_t)top + 1, sizeof(int64_t));
  t.counts = (int64_t *)calloc((size_t)top + 1, sizeof(int64_t));
  if (t.ids == NULL || t.counts == NULL) { cli_error("not enough memory"); rc = TIFA_NOMEM; goto done; }
  catchint(s);
  rc = tifa_store_countx(s, query, flags, &total, &articles, keeptop, &t);
  running = NULL;
  if (rc != TIFA_OK) { cli_error("%s", tifa_store_errmsg(s)); goto done; }
  cli_count_total(total, articles);
  if (t.n > 0 && sqlite3_prepare_v2(tifa_store_sqlite(s), "SELECT date, title FROM article WHERE id = ?1",
                                    -1, &meta, NULL) == SQLITE_OK) {
    for (i = 0; i < t.n; i++) {
      const char *date = "", *title = "";
      sqlite3_bind_int64(meta, 1, t.ids[i]);
      if (sqlite3_step(meta) == SQLITE_ROW) {
        date = (const char *)sqlite3_column_text(meta, 0);
        title = (const char *)sqlite3_column_text(meta, 1);
      }
      cli_count_row(c, t.ids[i], t.counts[i], date, title);
      sqlite3_reset(meta);
    }
    sqlite3_finalize(meta);
  }
done:
  free(t.ids);
  free(t.counts);
  tifa_store_close(s);
  return rc == TIFA_OK ? 0 : (rc == TIFA_SYNTAX ? 2 : 1);
}

/* }====== */

/* {====== words ====== */

static const char usage_words[] =
  "usage: " PROGNAME " [-d STORE|CORPUS] words [-n N] [--min K] [--stopwords LIST[,LIST...]]\n"
  "The words of the corpus, most frequent first: count, articles, word. Words are those of\n"
  "tifa's segmenter, lowercased, and the parts of a longer word's fine-grained cut (人民 and\n"
  "政府 of 人民政府; never 民政): see docs/text-words.md.\n"
  "\n"
  "Options:\n"
  "  -n N               at most N words (default 50; 0 for all)\n"
  "  --min K            only words counted K times or more\n"
  "  --stopwords LISTS  leave out the words of built-in lists: function, punct, filler\n";

int cli_words_row (void *ud, const char *w, size_t len, int64_t count, int64_t articles) {
  char num[32];
  (void)ud;
  snprintf(num, sizeof(num), "%lld", (long long)count);
  term_cell(stdout, num, 8, 1, 1);
  snprintf(num, sizeof(num), "%lld", (long long)articles);
  fputs("  ", stdout);
  term_cell(stdout, num, 7, 1, 1);
  printf("  %.*s\n", (int)len, w);
  return 0;
}

int cmd_words (cli *c, int argc, char **argv) {
  tifa_vocab_opts o;
  tifa_freq *stop = NULL;
  tifa_store *s;
  long top = 50, min = 1;
  int i, rc = TIFA_OK;
  memset(&o, 0, sizeof(o));
  for (i = 0; i < argc; i++) {
    const char *a = argv[i];
    if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) { fputs(usage_words, stdout); goto usage_done; }
    if (strcmp(a, "-n") == 0 || strcmp(a, "--min") == 0) {
      if (i + 1 >= argc) { cli_error("'%s' needs a number", a); rc = 2; goto usage_done; }
      if (!intarg(a, argv[++i], a[1] == 'n' ? &top : &min)) { rc = 2; goto usage_done; }
    }
    else if (strcmp(a, "--stopwords") == 0) {
      char lists[256], *name, *save = NULL;
      if (i + 1 >= argc) { cli_error("'%s' needs a list name", a); rc = 2; goto usage_done; }
      snprintf(lists, sizeof(lists), "%s", argv[++i]);
      if (stop == NULL && tifa_freq_new(&stop) != TIFA_OK) { cli_error("not enough memory"); rc = 1; goto usage_done; }
      for (name = strtok_r(lists, ",", &save); name; name = strtok_r(NULL, ",", &save)) {
        const char *const *w = tifa_stopwords(name);
        if (w == NULL) { cli_error("unknown stopword list '%s'", name); rc = 2; goto usage_done; }
        for (; *w; w++)
          if (tifa_freq_add(stop, *w, strlen(*w), 1) != TIFA_OK) { cli_error("not enough memory"); rc = 1; goto usage_done; }
      }
    }
    else if (a[0] == '-') { rc = badoption("words", a); goto usage_done; }
    else { cli_error("unexpected argument '%s' (see '" PROGNAME " words --help')", a); rc = 2; goto usage_done; }
  }
  if (c->dbpath && tifa_shards_is(c->dbpath)) { rc = corpus_words(c, top, min, stop); goto usage_done; }
  if ((s = cli_openstore(c, 0)) == NULL) { rc = 1; goto usage_done; }
  o.limit = top;
  o.min = min;
  o.stop = stop;
  catchint(s);
  rc = tifa_store_vocab(s, &o, cli_words_row, NULL);
  running = NULL;
  if (rc != TIFA_OK) cli_error("%s", tifa_store_errmsg(s));
  tifa_store_close(s);
  rc = rc == TIFA_OK ? 0 : 1;
usage_done:
  tifa_freq_free(stop);
  return rc;
}

/* }====== */

/* {====== show ====== */

static const char usage_show[] =
  "usage: " PROGNAME " [-d STORE|CORPUS] show ID...\n"
  "Print article ID: its fields, then its paragraphs by section, each with the lines of its\n"
  "file it came from (L12, or L37-39 for one joined from several lines), then the provisions\n"
  "of a law (第N条: its 款 and 项, and its characters in the text). 'tifa search' and\n"
  "'tifa count' give the ids. A corpus of shards (ingest --shards) names its articles\n"
  "shard * 10^10 + their ids in their shards: 30000001234 is article 1234 of s3.db.\n";

/* Print the provisions (条) of an article whose text is 'text' and paragraphs ps[0..n), with
** their first characters in cs[0..n) and last in ce[0..n) (1-based): label, 款, 项 and
** characters, one line each. Out of memory, it prints less. */
static void showprovisions (const char *text, const tifa_para *ps, const sqlite3_int64 *cs,
                            const sqlite3_int64 *ce, size_t n) {
  tifa_provision *pv = n ? malloc(n * sizeof(*pv)) : NULL;
  size_t np = pv ? tifa_text_provisions(text, ps, n, pv, n) : 0, i;
  if (np > 0) printf("\nprovisions: %zu\n", np);
  for (i = 0; i < np; i++) {
    size_t b0 = ps[pv[i].first].byte, b1 = ps[pv[i].last].byte + ps[pv[i].last].nbyte;
    size_t ni = tifa_provision_items(text + b0, b1 - b0, NULL, 0);
    tifa_enum_item *it = ni ? malloc(ni * sizeof(*it)) : NULL;
    if (it) ni = tifa_provision_items(text + b0, b1 - b0, it, ni);
    else ni = 0;
    size_t w = tifa_text_width(text + b0, pv[i].label);
    printf("  %.*s%*s %2zu 款 %2zu 项  %lld-%lld\n", (int)pv[i].label, text + b0,
           (int)(w < 14 ? 14 - w : 0), "", pv[i].clauses, ni, (long long)cs[pv[i].first],
           (long long)ce[pv[i].last]);
    free(it);
  }
  free(pv);
}

int cli_show_article (sqlite3 *db, int64_t id, int64_t shown, int cols) {
  static const char *const names[] = {"title", "kicker", "subtitle", "series", "author",
    "affiliation", "editor", "outlet", "place", "date", "url", "meta"};
  sqlite3_stmt *st = NULL, *ps = NULL;
  int i, rc = 1;
  if (sqlite3_prepare_v2(db, "SELECT a.title, a.kicker, a.subtitle, a.series, a.author, "
                         "a.affiliation, a.editor, a.outlet, a.place, a.date, a.url, a.meta, "
                         "a.date_precision, f.path, a.line_start, a.line_end, a.nchars, a.text, "
                         "a.seq, a.title_source, a.genre, a.date_source, a.effective, a.events "
                         "FROM article AS a JOIN file AS f ON f.id = a.file_id "
                         "WHERE a.id = ?1", -1, &st, NULL) != SQLITE_OK
      || sqlite3_prepare_v2(db, "SELECT kind, char_start, char_end, line_start, line_end "
                            "FROM paragraph WHERE article_id = ?1 ORDER BY seq", -1, &ps,
                            NULL) != SQLITE_OK) {
    cli_error("cannot read the store (%s)", sqlite3_errmsg(db));
    goto done;
  }
  sqlite3_bind_int64(st, 1, id);
  if (sqlite3_step(st) != SQLITE_ROW) { cli_error("no article %lld", (long long)shown); goto done; }
  printf("article %lld: %s, article %d of the file, lines %d-%d, %d characters\n", (long long)shown,
         (const char *)sqlite3_column_text(st, 13), sqlite3_column_int(st, 18) + 1,
         sqlite3_column_int(st, 14), sqlite3_column_int(st, 15), sqlite3_column_int(st, 16));
  for (i = 0; i < 12; i++) {
    const char *v = (const char *)sqlite3_column_text(st, i);
    if (v == NULL) continue;
    if (i == 9 && sqlite3_column_type(st, 12) != SQLITE_NULL)
      printf("  %-12s %s (%s)\n", names[i], v, (const char *)sqlite3_column_text(st, 12));
    else if (i == 0 && sqlite3_column_text(st, 19) != NULL                /* not searched */
             && strcmp((const char *)sqlite3_column_text(st, 19), "derived") == 0)
      printf("  %-12s %s (derived from the text)\n", names[i], v);
    else printf("  %-12s %s\n", names[i], v);
  }
  {                                                 /* genre, date source, a law's events */
    static const char *const more[] = {"genre", "date source", "effective", "events"};
    for (i = 0; i < 4; i++) {
      const char *v = (const char *)sqlite3_column_text(st, 20 + i);
      if (v != NULL && i == 3) printevents(more[i], 2, 12, v);
      else if (v != NULL) printf("  %-12s %s\n", more[i], v);
    }
  }
  {
    const char *text = (const char *)sqlite3_column_text(st, 17);
    size_t len = (size_t)sqlite3_column_bytes(st, 17), b = 0, np = 0, cap = 0;
    sqlite3_int64 c = 0, *pcs = NULL, *pce = NULL;  /* for the provisions: paragraphs' */
    tifa_para *pp = NULL;                           /* bytes and first, last characters */
    sqlite3_bind_int64(ps, 1, id);
    while (sqlite3_step(ps) == SQLITE_ROW) {
      const char *kind = (const char *)sqlite3_column_text(ps, 0);
      sqlite3_int64 cs = sqlite3_column_int64(ps, 1), ce = sqlite3_column_int64(ps, 2);
      int l0 = sqlite3_column_int(ps, 3), l1 = sqlite3_column_int(ps, 4);
      size_t b0, b1;
      char at[32];
      while (c < cs && b < len) { b++; while (b < len && ((unsigned char)text[b] & 0xC0) == 0x80) b++; c++; }
      b0 = b;
      while (c < ce && b < len) { b++; while (b < len && ((unsigned char)text[b] & 0xC0) == 0x80) b++; c++; }
      b1 = b;
      if (np == cap) {
        size_t nc = cap ? 2 * cap : 64;
        tifa_para *q = realloc(pp, nc * sizeof(*pp));
        sqlite3_int64 *r = q ? realloc(pcs, nc * sizeof(*pcs)) : NULL;
        sqlite3_int64 *t = r ? realloc(pce, nc * sizeof(*pce)) : NULL;
        if (q) pp = q;
        if (r) pcs = r;
        if (t) { pce = t; cap = nc; }
      }
      if (np < cap) {                               /* else (no memory) they are not shown */
        pp[np].byte = b0; pp[np].nbyte = b1 - b0; pp[np].heading = strcmp(kind, "heading") == 0;
        pcs[np] = cs + 1; pce[np] = ce;
        np++;
      }
      if (l1 > l0) snprintf(at, sizeof(at), "L%d-%d", l0, l1);
      else snprintf(at, sizeof(at), "L%d", l0);
      if (strcmp(kind, "heading") == 0) printf("\n%-9s ## %.*s\n", at, (int)(b1 - b0), text + b0);
      else printf("%-9s %s%.*s\n", at, strcmp(kind, "item") == 0 ? "• " : strcmp(kind, "quote") == 0 ? "> " : "",
                  (int)(b1 - b0), text + b0);
    }
    (void)cols;
    showprovisions(text, pp, pcs, pce, np);
    free(pp);
    free(pcs);
    free(pce);
  }
  rc = 0;
done:
  sqlite3_finalize(st);
  sqlite3_finalize(ps);
  return rc;
}

int cmd_show (cli *c, int argc, char **argv) {
  tifa_store *s;
  int i, n = 0, opts = 1, status = 0;
  for (i = 0; i < argc; i++) {                      /* the options out, the ids compacted */
    const char *a = argv[i];
    if (opts && strcmp(a, "--") == 0) { opts = 0; continue; }
    if (opts && (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0)) { fputs(usage_show, stdout); return 0; }
    if (opts && a[0] == '-' && a[1] != '\0') return badoption("show", a);
    argv[n++] = argv[i];
  }
  argc = n;
  for (i = 0; i < argc; i++) {
    if (argv[i][strspn(argv[i], "0123456789")] != '\0' || argv[i][0] == '\0') {
      cli_error("show needs article ids (whole numbers), got '%s'", argv[i]);
      fputs(usage_show, stderr);
      return 2;
    }
  }
  if (argc == 0) { cli_error("show needs an article id"); fputs(usage_show, stderr); return 2; }
  if (c->dbpath && tifa_shards_is(c->dbpath)) return corpus_show(c, argc, argv);
  if ((s = cli_openstore(c, 0)) == NULL) return 1;
  for (i = 0; i < argc; i++) {
    if (i > 0) fputc('\n', stdout);
    int64_t id = strtoll(argv[i], NULL, 10);
    if (cli_show_article(tifa_store_sqlite(s), id, id, c->width) != 0) status = 1;
  }
  tifa_store_close(s);
  return status;
}

/* }====== */
