/*
** run.c -- the local parallel path of a corpus of shards: each shard's part of an analytic
** computed in a thread of its own, over the shard's store opened read-only once and kept
** (the readers), written to memory, then merged by tifa_merge as parts from a cluster are.
** "search" is two such rounds: the ranking statistics, then the ranked parts. In one process
** the parts hand their records to the merge as objects (nothing printed and parsed again).
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <jansson.h>
#include <sqlite3.h>
#include "shard.h"

/* {====== Readers ====== */

/* Shard 'k' (1..N) read-only, opened on first use; the code of the failure, message in
** 'err'. Safe from several threads: a store opened twice by a race is closed again. */
static int reader (tifa_shards *c, int k, tifa_store **out, char *err, size_t errsz) {
  tifa_store *s;
  int rc;
  *out = NULL;
  if (k < 1 || k > c->n) {
    snprintf(err, errsz, "no shard %d (the corpus has %d)", k, c->n);
    return TIFA_ERROR;
  }
  pthread_mutex_lock(&c->lock);
  s = c->readers[k - 1];
  pthread_mutex_unlock(&c->lock);
  if (s != NULL) { *out = s; return TIFA_OK; }
  if ((rc = tifa_shards_store(c, k, TIFA_OPEN_READONLY, &s, err, errsz)) != TIFA_OK) return rc;
  pthread_mutex_lock(&c->lock);
  if (c->readers[k - 1] == NULL) c->readers[k - 1] = s;
  else { tifa_store_close(s); s = c->readers[k - 1]; }   /* another thread was first */
  pthread_mutex_unlock(&c->lock);
  *out = s;
  return TIFA_OK;
}

tifa_store *tifa_shards_reader (tifa_shards *c, int shard, char *err, size_t errsz) {
  tifa_store *s;
  reader(c, shard, &s, err, errsz);
  return s;
}

/* }====== */

/* {====== A round: the parts in threads, then the merge ====== */

typedef struct task {              /* shared by the threads of a round */
  tifa_shards *c;
  const char *analytic, *query;
  const tifa_part_opts *o;
  const char *stats;                /* search: the merged statistics, for each shard's rows */
  size_t statslen;
  pthread_mutex_t lock;             /* 'next' and the failure */
  int next;                         /* the next shard to take (1-based) */
  json_t ***recs;                   /* recs[k][0..len[k]): shard k+1's part, a line each */
  size_t *len, *cap;
  int rc, failed;                   /* the failure of the lowest shard that failed */
  char *err;
  size_t errsz;
  int mflags;                       /* the merge's TIFA_MERGE_* */
} task;

static int putline (void *ud, const char *line, size_t len) {
  FILE *f = (FILE *)ud;
  if (fwrite(line, 1, len, f) != len || putc('\n', f) == EOF) return TIFA_NOMEM;
  return TIFA_OK;
}

typedef struct lines { task *r; int k; } lines;    /* where a part's records go */

static int putrec (void *ud, json_t *j) {
  lines *l = (lines *)ud;
  task *r = l->r;
  int k = l->k - 1;
  if (r->len[k] == r->cap[k]) {
    size_t ncap = r->cap[k] ? 2 * r->cap[k] : 64;
    json_t **nv = (json_t **)realloc(r->recs[k], ncap * sizeof(json_t *));
    if (nv == NULL) return TIFA_NOMEM;
    r->recs[k] = nv; r->cap[k] = ncap;
  }
  r->recs[k][r->len[k]++] = json_incref(j);
  return TIFA_OK;
}

/* The part of shard 'k' into r->buf[k - 1]. */
static void runpart (task *r, int k) {
  char err[TIFA_ERRMAX];
  tifa_part_opts o = *r->o;
  tifa_store *s;
  tifai_sink out;
  lines l;
  /* count, kwic and track, merged by id, need no (file, seq) lookup per record (search's
  ** by-doc order does) */
  o.noprov = !(r->mflags & TIFA_MERGE_BY_DOC)
             && (strcmp(r->analytic, "count") == 0 || strcmp(r->analytic, "kwic") == 0
                 || strcmp(r->analytic, "track") == 0);
  int rc = reader(r->c, k, &s, err, sizeof(err));
  if (r->stats) o.stats_rows = tifa_search_stats_rows(r->stats, r->statslen, k);
  if (rc == TIFA_OK && r->c->stop) rc = TIFA_INTERRUPTED;   /* Ctrl-C came before the reader */
  else if (rc == TIFA_OK) {
    l.r = r; l.k = k;
    out.f = NULL; out.jf = putrec; out.ud = &l;
    rc = tifai_part_to(s, r->analytic, r->query, k, r->c->n, r->c->uuid, &o, &out);
    /* SQLite forgets an interrupt that comes between two statements: the stop mark does not */
    if (rc == TIFA_OK && r->c->stop) rc = TIFA_INTERRUPTED;
    if (rc == TIFA_NOMEM) snprintf(err, sizeof(err), "not enough memory");
    else if (rc == TIFA_ERROR && r->len[k - 1] == 0)    /* refused before its header */
      snprintf(err, sizeof(err), "unknown analytic '%s'", r->analytic);
    else if (rc == TIFA_SYNTAX && r->len[k - 1] == 0)
      snprintf(err, sizeof(err), "%s needs a query", r->analytic);
    else if (rc != TIFA_OK && tifa_store_errmsg(s)[0] != '\0')
      snprintf(err, sizeof(err), "%s", tifa_store_errmsg(s));
    else if (rc != TIFA_OK) snprintf(err, sizeof(err), "%s", sqlite3_errmsg(tifa_store_sqlite(s)));
  }
  if (rc != TIFA_OK && r->c->stop) {                /* however the part saw it */
    rc = TIFA_INTERRUPTED;
    snprintf(err, sizeof(err), "interrupted");
  }
  if (rc == TIFA_OK) return;
  pthread_mutex_lock(&r->lock);
  if (r->failed == 0 || k < r->failed) {
    r->failed = k;
    r->rc = rc;
    snprintf(r->err, r->errsz, "shard %d: %s", k, err);
  }
  pthread_mutex_unlock(&r->lock);
}

static void *worker (void *ud) {
  task *r = (task *)ud;
  for (;;) {
    int k;
    pthread_mutex_lock(&r->lock);
    k = r->next <= r->c->n ? r->next++ : 0;
    pthread_mutex_unlock(&r->lock);
    if (k == 0) return NULL;
    runpart(r, k);
  }
}

/* The parts of every shard, in 'jobs' threads, then their merge into 'f'. */
static int ontask (tifa_shards *c, const char *analytic, const char *query,
                    const tifa_part_opts *o, const char *stats, size_t statslen, int jobs,
                    int mflags, const tifai_sink *out, char *err, size_t errsz) {
  task r;
  pthread_t *th = NULL;
  char **names = NULL;
  int k, started = 0, rc;
  size_t i;
  memset(&r, 0, sizeof(r));
  r.c = c; r.analytic = analytic; r.query = query; r.o = o;
  r.stats = stats; r.statslen = statslen;
  r.next = 1; r.rc = TIFA_OK; r.err = err; r.errsz = errsz; r.mflags = mflags;
  r.recs = (json_t ***)calloc((size_t)c->n, sizeof(json_t **));
  r.len = (size_t *)calloc((size_t)c->n, sizeof(size_t));
  r.cap = (size_t *)calloc((size_t)c->n, sizeof(size_t));
  names = (char **)calloc((size_t)c->n, sizeof(char *));
  if (jobs <= 0) {
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    jobs = cpus > 0 ? (int)cpus : 1;
  }
  if (jobs > c->n) jobs = c->n;
  if (jobs > 256) jobs = 256;
  if (r.recs == NULL || r.len == NULL || r.cap == NULL || names == NULL
      || (jobs > 1 && (th = (pthread_t *)calloc((size_t)jobs, sizeof(pthread_t))) == NULL)) {
    snprintf(err, errsz, "not enough memory");
    rc = TIFA_NOMEM;
    goto done;
  }
  pthread_mutex_init(&r.lock, NULL);
  for (k = 1; k < jobs; k++)                        /* this thread is one of them */
    if (pthread_create(&th[started], NULL, worker, &r) == 0) started++;
  worker(&r);
  for (k = 0; k < started; k++) pthread_join(th[k], NULL);
  pthread_mutex_destroy(&r.lock);
  if ((rc = r.rc) != TIFA_OK) goto done;
  for (k = 0; k < c->n; k++) {
    char name[32];
    snprintf(name, sizeof(name), "shard %d", k + 1);
    if ((names[k] = strdup(name)) == NULL) {
      snprintf(err, errsz, "not enough memory");
      rc = TIFA_NOMEM;
      goto done;
    }
  }
  rc = tifai_merge_objects(r.recs, r.len, (const char *const *)names, (size_t)c->n, mflags,
                           out, err, errsz);       /* takes the records */
  for (k = 0; k < c->n; k++) r.len[k] = 0;
done:
  for (k = 0; k < c->n; k++) {
    if (names) free(names[k]);
    if (r.recs && r.len) {
      for (i = 0; i < r.len[k]; i++) json_decref(r.recs[k][i]);
      free(r.recs[k]);
    }
  }
  free(names);
  free(r.recs);
  free(r.len);
  free(r.cap);
  free(th);
  return rc;
}

/* }====== */

/* tifa_shards_run into the sink 'out'. */
static int runto (tifa_shards *c, const char *analytic, const char *query,
                  const tifa_part_opts *o, int jobs, int mflags, const tifai_sink *out,
                  char *err, size_t errsz) {
  static const tifa_part_opts none;
  tifa_part_opts p = o ? *o : none;
  tifa_search_stats st;
  tifai_sink tomem;
  char *stats = NULL;
  size_t len = 0;
  FILE *mem;
  int rc;
  p.stats = NULL;                                   /* the corpus's, by the first round */
  p.stats_rows = 0;
  c->stop = 0;
  if (strcmp(analytic, "search") != 0)
    return ontask(c, analytic, query, &p, NULL, 0, jobs, mflags, out, err, errsz);
  if ((mem = open_memstream(&stats, &len)) == NULL) {
    snprintf(err, errsz, "not enough memory");
    return TIFA_NOMEM;
  }
  tomem.f = putline; tomem.jf = NULL; tomem.ud = mem;
  rc = ontask(c, "search-stats", query, &p, NULL, 0, jobs, 0, &tomem, err, errsz);
  if (fclose(mem) != 0 && rc == TIFA_OK) {
    snprintf(err, errsz, "not enough memory");
    rc = TIFA_NOMEM;
  }
  if (rc == TIFA_OK && (rc = tifa_search_stats_parse(stats, len, &st, err, errsz)) == TIFA_OK) {
    p.stats = &st;
    rc = ontask(c, "search", query, &p, stats, len, jobs, mflags, out, err, errsz);
    tifa_search_stats_free(&st);
  }
  free(stats);
  return rc;
}

int tifa_shards_run (tifa_shards *c, const char *analytic, const char *query,
                     const tifa_part_opts *o, int jobs, int mflags, tifa_jsonl_fn f, void *ud,
                     char *err, size_t errsz) {
  tifai_sink out;
  out.f = f; out.jf = NULL; out.ud = ud;
  return runto(c, analytic, query, o, jobs, mflags, &out, err, errsz);
}

int tifai_shards_runobj (tifa_shards *c, const char *analytic, const char *query,
                         const tifa_part_opts *o, int jobs, int mflags, tifai_json_fn f,
                         void *ud, char *err, size_t errsz) {
  tifai_sink out;
  out.f = NULL; out.jf = f; out.ud = ud;
  return runto(c, analytic, query, o, jobs, mflags, &out, err, errsz);
}
