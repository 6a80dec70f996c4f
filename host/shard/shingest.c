/*
** shingest.c -- the ingest of a corpus of shards: threads over the shards, each running
** tifa_store_ingest on every path with an accept hook for the files routed to its shard.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "shard.h"

typedef struct job {                /* shared by the threads */
  tifa_shards *c;
  const char *const *paths;
  size_t npaths;
  const tifa_ingest_opts *o;        /* the caller's */
  pthread_mutex_t lock;             /* the caller's callbacks, 'next', the sums */
  int next;                         /* the next shard to take (1-based) */
  tifa_ingest_report *r;
  long *nfiles, *narticles;
  int rc;                           /* the first store-level error, else TIFA_ERROR/OK */
  char *err;
  size_t errsz;
} job;

typedef struct worker {             /* one shard's ingest */
  job *j;
  int shard;
} worker;

static int accept (void *ud, const char *path) {
  worker *w = (worker *)ud;
  return tifa_shards_route(w->j->c, path) == w->shard;
}

static void onfile (void *ud, const tifa_ingest_file *f) {
  worker *w = (worker *)ud;
  pthread_mutex_lock(&w->j->lock);
  w->j->o->on_file(w->j->o->ud, f);
  pthread_mutex_unlock(&w->j->lock);
}

static void onarticle (void *ud, const char *path, const tifa_cut_article *a) {
  worker *w = (worker *)ud;
  pthread_mutex_lock(&w->j->lock);
  w->j->o->on_article(w->j->o->ud, path, a);
  pthread_mutex_unlock(&w->j->lock);
}

static void onrecord (void *ud, const char *path, int line, int failed, const char *msg) {
  worker *w = (worker *)ud;
  pthread_mutex_lock(&w->j->lock);
  w->j->o->on_record(w->j->o->ud, path, line, failed, msg);
  pthread_mutex_unlock(&w->j->lock);
}

static int split (void *ud, const tifa_page *page, tifa_cutter *cut) {
  worker *w = (worker *)ud;
  return w->j->o->split(w->j->o->ud, page, cut);    /* one thread: no lock needed */
}

/* Ingest every path into shard 'w->shard'. */
static void ingestshard (worker *w) {
  job *j = w->j;
  tifa_ingest_opts o = *j->o;
  tifa_ingest_report r;
  tifa_store *s;
  char err[TIFA_ERRMAX];
  size_t i;
  int rc = tifa_shards_store(j->c, w->shard, 0, &s, err, sizeof(err)), bad = 0;
  memset(&r, 0, sizeof(r));
  if (rc == TIFA_OK) {
    pthread_mutex_lock(&j->c->lock);
    j->c->open[w->shard - 1] = s;
    pthread_mutex_unlock(&j->c->lock);
    o.accept = accept;
    o.ud = w;
    o.on_progress = NULL;
    o.on_file = j->o->on_file ? onfile : NULL;
    o.on_article = j->o->on_article ? onarticle : NULL;
    o.on_record = j->o->on_record ? onrecord : NULL;
    o.split = j->o->split ? split : NULL;
    for (i = 0; i < j->npaths && (rc == TIFA_OK || rc == TIFA_ERROR); i++) {
      int r1 = tifa_store_ingest(s, j->paths[i], &o, &r);
      if (r1 == TIFA_ERROR) bad = 1;
      else if (r1 != TIFA_OK) {
        rc = r1;
        snprintf(err, sizeof(err), "%s: %s", tifa_shards_file(j->c, w->shard), tifa_store_errmsg(s));
      }
    }
    pthread_mutex_lock(&j->c->lock);
    j->c->open[w->shard - 1] = NULL;
    pthread_mutex_unlock(&j->c->lock);
    tifa_store_close(s);
  }
  pthread_mutex_lock(&j->lock);
  j->r->files += r.files; j->r->added += r.added; j->r->replaced += r.replaced;
  j->r->unchanged += r.unchanged; j->r->skipped += r.skipped; j->r->failed += r.failed;
  j->r->articles += r.articles; j->r->bytes += r.bytes; j->r->records_failed += r.records_failed;
  if (j->nfiles) j->nfiles[w->shard - 1] = r.files;
  if (j->narticles) j->narticles[w->shard - 1] = r.articles;
  if (rc != TIFA_OK && rc != TIFA_ERROR) {
    if (j->rc == TIFA_OK || j->rc == TIFA_ERROR) { j->rc = rc; snprintf(j->err, j->errsz, "%s", err); }
  }
  else if ((bad || rc == TIFA_ERROR) && j->rc == TIFA_OK) j->rc = TIFA_ERROR;
  pthread_mutex_unlock(&j->lock);
}

static void *run (void *ud) {
  job *j = (job *)ud;
  for (;;) {
    worker w;
    pthread_mutex_lock(&j->lock);
    w.shard = j->next <= j->c->n ? j->next++ : 0;
    pthread_mutex_unlock(&j->lock);
    if (w.shard == 0) return NULL;
    w.j = j;
    ingestshard(&w);
  }
}

int tifa_shards_ingest (tifa_shards *c, const char *const *paths, size_t npaths,
                        const tifa_ingest_opts *o, int jobs, tifa_ingest_report *r,
                        long *nfiles, long *narticles, char *err, size_t errsz) {
  job j;
  pthread_t th[64];
  int k, started = 0;
  size_t i;
  if (o->dry_run) { snprintf(err, errsz, "a dry run does not work on a corpus of shards"); return TIFA_ERROR; }
  for (i = 0; i < npaths; i++)
    if (strcmp(paths[i], "-") == 0) {
      snprintf(err, errsz, "standard input cannot be ingested into a corpus of shards");
      return TIFA_ERROR;
    }
  memset(&j, 0, sizeof(j));
  j.c = c; j.paths = paths; j.npaths = npaths; j.o = o; j.r = r;
  j.nfiles = nfiles; j.narticles = narticles; j.err = err; j.errsz = errsz;
  j.next = 1;
  j.rc = TIFA_OK;
  pthread_mutex_init(&j.lock, NULL);
  if (jobs <= 0) {
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    jobs = cpus > 0 ? (int)cpus : 1;
  }
  if (jobs > c->n) jobs = c->n;
  if (jobs > 64) jobs = 64;
  if (o->split || o->account) jobs = 1;
  for (k = 1; k < jobs; k++)                        /* this thread is one of them */
    if (pthread_create(&th[started], NULL, run, &j) == 0) started++;
  run(&j);
  for (k = 0; k < started; k++) pthread_join(th[k], NULL);
  pthread_mutex_destroy(&j.lock);
  return j.rc;
}

void tifa_shards_interrupt (tifa_shards *c) {
  int k;
  for (k = 0; k < c->n; k++)                        /* no lock: a signal handler calls this */
    if (c->open[k]) tifa_store_interrupt(c->open[k]);
}
