/*
** test_shardrun.c -- the local parallel path (tifa_shards_run, tifa_shards_reader): over a
** corpus of 3 shards of the seeds and the genre fixtures, the answer of the threads is the
** merge of the parts made one by one with tifa_part (count, kwic, words, timeline; search's
** two rounds), with any number of threads; the readers are opened once; an interrupt, a bad
** query and a shard that cannot be read fail naming the shard, and the readers serve again.
*/
#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <sqlite3.h>
#include "tifa_shard.h"
#include "tifa_track.h"
#include "check.h"

static char dir[512];

static int tofile (void *ud, const char *line, size_t len) {
  fwrite(line, 1, len, (FILE *)ud);
  fputc('\n', (FILE *)ud);
  return 0;
}

static int stopat (void *ud, const char *line, size_t len) {   /* fails on the second line */
  (void)line; (void)len;
  return ++*(int *)ud == 2 ? 42 : 0;
}

/* Ctrl-C from another thread, again and again until 'stop' */
typedef struct interrupter { tifa_shards *c; volatile int stop; } interrupter;

static void *interrupting (void *ud) {
  interrupter *x = (interrupter *)ud;
  while (!x->stop) tifa_shards_interrupt(x->c);
  return NULL;
}

/* The answer of tifa_shards_run, as text (malloc'ed); NULL if it failed. */
static char *run (tifa_shards *c, const char *analytic, const char *query,
                  const tifa_part_opts *o, int jobs) {
  char *out = NULL, err[TIFA_ERRMAX];
  size_t len = 0;
  FILE *f = open_memstream(&out, &len);
  int rc = tifa_shards_run(c, analytic, query, o, jobs, 0, tofile, f, err, sizeof(err));
  fclose(f);
  if (rc != TIFA_OK) {
    fprintf(stderr, "tifa_shards_run %s %s: %s\n", analytic, query ? query : "", err);
    free(out);
    return NULL;
  }
  return out;
}

/* The same by hand: each shard's part with tifa_part (its own store), then tifa_merge; the
** parts without provenance, as tifa_shards_run makes them for a merge by id. */
static char *byhand (tifa_shards *c, const char *analytic, const char *query,
                     const tifa_part_opts *po) {
  tifa_part_opts np = *po, *o = &np;
  FILE *in[3], *f;
  np.noprov = strcmp(analytic, "count") == 0 || strcmp(analytic, "kwic") == 0;
  const char *names[3] = {"shard 1", "shard 2", "shard 3"};
  char *out = NULL, err[TIFA_ERRMAX];
  size_t len = 0;
  int s, rc = TIFA_OK;
  for (s = 1; s <= 3; s++) {
    tifa_store *st;
    in[s - 1] = tmpfile();
    if (tifa_shards_store(c, s, TIFA_OPEN_READONLY, &st, err, sizeof(err)) != TIFA_OK) { check(0); rc = 1; continue; }
    if (tifa_part(st, analytic, query, s, 3, tifa_shards_uuid(c), o, tofile, in[s - 1]) != TIFA_OK) rc = 1;
    tifa_store_close(st);
    rewind(in[s - 1]);
  }
  f = open_memstream(&out, &len);
  if (rc == TIFA_OK) rc = tifa_merge(in, names, 3, 0, tofile, f, err, sizeof(err));
  fclose(f);
  for (s = 0; s < 3; s++) fclose(in[s]);
  if (rc != TIFA_OK) { free(out); return NULL; }
  return out;
}

/* tifa_shards_run == the parts merged by hand, with 1, 2 and 8 threads and the default. */
static void same (tifa_shards *c, const char *analytic, const char *query, const tifa_part_opts *o,
                  int minlines) {
  char *want = byhand(c, analytic, query, o), *p;
  int jobs[] = {1, 2, 8, 0}, k, lines = 0;
  check(want != NULL);
  if (want == NULL) return;
  for (p = want; *p; p++) lines += *p == '\n';
  if (lines < minlines) {
    fprintf(stderr, "%s %s: %d lines, expected %d or more\n", analytic, query ? query : "", lines, minlines);
    check(0);
  }
  for (k = 0; k < 4; k++) {
    char *got = run(c, analytic, query, o, jobs[k]);
    check(got != NULL);
    if (got && (strcmp(analytic, "count") == 0 || strcmp(analytic, "kwic") == 0))
      check(strstr(got, "\"file\":") == NULL);            /* no lookups for a merge by id */
    if (got && strcmp(got, want) != 0) {
      fprintf(stderr, "%s %s, %d jobs: the run differs from the merge of the parts\n", analytic,
              query ? query : "", jobs[k]);
      check(0);
    }
    free(got);
  }
  free(want);
}

/* search: the run's two rounds == search-stats parts merged, parsed, then search parts */
static void samesearch (tifa_shards *c, const char *query, const tifa_part_opts *o, int minlines) {
  tifa_part_opts so = *o;
  tifa_search_stats st;
  char *stats = byhand(c, "search-stats", query, o), *want, *got, err[TIFA_ERRMAX];
  memset(&st, 0, sizeof(st));
  check(stats != NULL);
  if (stats == NULL) return;
  checkint(tifa_search_stats_parse(stats, strlen(stats), &st, err, sizeof(err)), TIFA_OK);
  so.stats = &st;
  {                                                 /* the parts by hand, with their rows */
    FILE *in[3], *f;
    const char *names[3] = {"shard 1", "shard 2", "shard 3"};
    size_t len = 0;
    int s, lines = 0;
    char *p;
    want = NULL;
    for (s = 1; s <= 3; s++) {
      tifa_store *store;
      in[s - 1] = tmpfile();
      so.stats_rows = tifa_search_stats_rows(stats, strlen(stats), s);
      if (tifa_shards_store(c, s, TIFA_OPEN_READONLY, &store, err, sizeof(err)) != TIFA_OK) { check(0); continue; }
      checkint(tifa_part(store, "search", query, s, 3, tifa_shards_uuid(c), &so, tofile, in[s - 1]), TIFA_OK);
      tifa_store_close(store);
      rewind(in[s - 1]);
    }
    f = open_memstream(&want, &len);
    checkint(tifa_merge(in, names, 3, 0, tofile, f, err, sizeof(err)), TIFA_OK);
    fclose(f);
    for (s = 0; s < 3; s++) fclose(in[s]);
    for (p = want; p && *p; p++) lines += *p == '\n';
    check(lines >= minlines);
  }
  got = run(c, "search", query, o, 0);
  check(got != NULL && want != NULL);
  if (got && want && strcmp(got, want) != 0) {
    fprintf(stderr, "search %s: the run differs from the two rounds by hand\n", query);
    check(0);
  }
  free(got);
  free(want);
  free(stats);
  tifa_search_stats_free(&st);
}

int main (void) {
  const char *seeds = getenv("TIFA_SEEDS"), *data = getenv("TIFA_DATA");
  char corp[600], genres[600], err[TIFA_ERRMAX], cmd[4096], bad[600];
  const char *paths[2];
  tifa_shards *c = NULL, *b = NULL;
  tifa_ingest_opts io;
  tifa_ingest_report r;
  tifa_part_opts o;
  tifa_store *s1, *s1again;
  int n = 0;
  if (seeds == NULL || data == NULL) { fprintf(stderr, "TIFA_SEEDS and TIFA_DATA must be set\n"); return 1; }
  snprintf(dir, sizeof(dir), "%s/tifa_shardrun_XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
  if (mkdtemp(dir) == NULL) { perror("mkdtemp"); return 1; }
  snprintf(corp, sizeof(corp), "%s/corp", dir);
  snprintf(genres, sizeof(genres), "%s/genres", data);
  paths[0] = seeds;
  paths[1] = genres;
  memset(&io, 0, sizeof(io));
  memset(&r, 0, sizeof(r));
  checkint(tifa_shards_open(corp, TIFA_OPEN_CREATE, 3, &c, err, sizeof(err)), TIFA_OK);
  if (c == NULL) return check_done("shardrun");
  checkint(tifa_shards_ingest(c, paths, 2, &io, 2, &r, NULL, NULL, err, sizeof(err)), TIFA_OK);
  check(r.articles > 20);

  /* the readers: opened once, kept; shard 4 does not exist */
  s1 = tifa_shards_reader(c, 1, err, sizeof(err));
  s1again = tifa_shards_reader(c, 1, err, sizeof(err));
  check(s1 != NULL && s1 == s1again);
  check(tifa_shards_reader(c, 4, err, sizeof(err)) == NULL);
  checkstr(err, "no shard 4 (the corpus has 3)");
  tifa_shards_interrupt(c);                         /* idle readers: no harm */

  memset(&o, 0, sizeof(o));
  same(c, "count", "发展", &o, 10);
  o.limit = 3;
  same(c, "count", "发展", &o, 5);
  o.limit = 0;
  o.flags = TIFA_MATCH_WORDS;
  same(c, "count", "人才", &o, 3);
  o.flags = 0;
  same(c, "kwic", "发展", &o, 20);
  o.sort = TIFA_KWIC_LEFT;
  o.width = 8;
  same(c, "kwic", "发展", &o, 20);
  o.sort = TIFA_KWIC_RIGHT;
  o.limit = 5;
  same(c, "kwic", "改革", &o, 7);
  memset(&o, 0, sizeof(o));
  same(c, "words", NULL, &o, 100);
  same(c, "timeline", "发展", &o, 3);
  /* the statistics part is a part like the others; search is its two rounds */
  same(c, "search-stats", "高质量发展 OR title:改革", &o, 3);
  samesearch(c, "高质量发展", &o, 3);
  samesearch(c, "党", &o, 10);
  o.limit = 3;
  o.offset = 2;
  samesearch(c, "发展 OR 改革", &o, 5);
  memset(&o, 0, sizeof(o));

  /* what the callback returns stops the merge and is returned */
  checkint(tifa_shards_run(c, "count", "发展", &o, 0, 0, stopat, &n, err, sizeof(err)), 42);
  /* failures name the shard: a bad query (every shard's: the first), an unknown analytic */
  checkint(tifa_shards_run(c, "count", "(发展", &o, 0, 0, tofile, stdout, err, sizeof(err)), TIFA_SYNTAX);
  check(strncmp(err, "shard 1: ", 9) == 0 && strstr(err, "parenthesis") != NULL);
  /* each part reads in one transaction, ended whatever the part gave: no reader is left in
  ** one (it would pin its snapshot: a later run would not see a later ingest) */
  {
    int k;
    for (k = 1; k <= 3; k++) {
      tifa_store *s = tifa_shards_reader(c, k, err, sizeof(err));
      check(s != NULL && sqlite3_get_autocommit(tifa_store_sqlite(s)) == 1);
    }
  }
  checkint(tifa_shards_run(c, "frobnicate", "发展", &o, 0, 0, tofile, stdout, err, sizeof(err)), TIFA_ERROR);
  checkstr(err, "shard 1: unknown analytic 'frobnicate'");

  /* interrupted (the readers' every statement, from another thread): "shard N: interrupted";
  ** then, uninterrupted, the same readers answer as before */
  {
    interrupter x;
    pthread_t th;
    char *before = run(c, "kwic", "发展", &o, 0), *after;
    int k, rc = TIFA_OK;
    x.c = c;
    x.stop = 0;
    if (pthread_create(&th, NULL, interrupting, &x) == 0) {
      for (k = 0; k < 500 && rc == TIFA_OK; k++) {
        FILE *f = fopen("/dev/null", "w");
        rc = tifa_shards_run(c, "kwic", "发展", &o, 0, 0, tofile, f, err, sizeof(err));
        fclose(f);
      }
      x.stop = 1;
      pthread_join(th, NULL);
      checkint(rc, TIFA_INTERRUPTED);
      check(strncmp(err, "shard ", 6) == 0 && strstr(err, ": interrupted") != NULL);
    }
    after = run(c, "kwic", "发展", &o, 0);
    check(before != NULL && after != NULL && strcmp(before, after) == 0);
    free(before);
    free(after);
  }

  /* a shard that is not a store */
  snprintf(bad, sizeof(bad), "%s/bad", dir);
  snprintf(cmd, sizeof(cmd), "cp -r '%s' '%s' && rm -f '%s'/s2.db-* && head -c 8192 /dev/zero | tr '\\0' x > '%s/s2.db'",
           corp, bad, bad, bad);
  check(system(cmd) == 0);
  checkint(tifa_shards_open(bad, TIFA_OPEN_READONLY, 0, &b, err, sizeof(err)), TIFA_OK);
  if (b) {
    check(tifa_shards_run(b, "count", "发展", &o, 0, 0, tofile, stdout, err, sizeof(err)) != TIFA_OK);
    check(strncmp(err, "shard 2: ", 9) == 0);
    check(tifa_shards_run(b, "words", NULL, &o, 1, 0, tofile, stdout, err, sizeof(err)) != TIFA_OK);
    check(strncmp(err, "shard 2: ", 9) == 0);
    tifa_shards_close(b);
  }
  tifa_shards_close(c);
  snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
  if (system(cmd) != 0) fprintf(stderr, "could not remove %s\n", dir);
  return check_done("shardrun");
}
