/*
** shingest.c -- the ingest of a corpus of shards. One walk over the paths (the store's own,
** tifa_store_ingest with a dry run and an accept hook, so that the files are the ones a
** store would take) lists the files and routes each to a shard: by the hash of its stored
** path, or by its key (year, month, outlet: from the path, else from its text; catalog.c
** gives new values their shards). Then one thread per shard (at most 'jobs' at once)
** ingests the shard's list with tifa_store_ingest_files: its prepare thread reads and cuts
** each file once, its writer stores it, so 2 shards keep 4 threads busy on 2 cores.
*/
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <sqlite3.h>
#include "shard.h"

#define SIDECAR  ".meta.json"       /* as ingest.c: read with its file, never a file itself */

/* {====== The key of a path ====== */

static int isdig (char ch) { return ch >= '0' && ch <= '9'; }

/* A year at p[0..4) (1000-2999) and, if 'm', a month at m[0..2) (01-12): 1 if valid. */
static int okdate (const char *p, const char *m) {
  int y = (p[0] - '0') * 1000 + (p[1] - '0') * 100 + (p[2] - '0') * 10 + (p[3] - '0');
  int mo = m ? (m[0] - '0') * 10 + (m[1] - '0') : 1;
  return y >= 1000 && y <= 2999 && mo >= 1 && mo <= 12;
}

/* The date at the start of 'p' (len bytes, within a path component): YYYYMMDD, YYYY-MM[-DD]
** (or _ . as separators), or the whole component YYYY. *month is NULL when only a year. */
static int dateat (const char *p, size_t len, int whole, const char **month) {
  size_t k;
  for (k = 0; k < 4; k++) if (k >= len || !isdig(p[k])) return 0;
  if (len >= 8 && isdig(p[4]) && isdig(p[5]) && isdig(p[6]) && isdig(p[7]) && (len == 8 || !isdig(p[8]))
      && okdate(p, p + 4)) { *month = p + 4; return 1; }
  if (len >= 7 && (p[4] == '-' || p[4] == '_' || p[4] == '.') && isdig(p[5]) && isdig(p[6])
      && (len == 7 || !isdig(p[7])) && okdate(p, p + 5)) { *month = p + 5; return 1; }
  if (whole && len == 4 && okdate(p, NULL)) { *month = NULL; return 1; }
  return 0;
}

int tifa_shards_pathkey (const char *path, const char *key, char *buf, size_t bufsz) {
  const char *end = path + strlen(path), *comp, *year = NULL, *month = NULL;
  int wantmonth = strcmp(key, "month") == 0;
  if (!wantmonth && strcmp(key, "year") != 0) return 0;
  while (end > path && year == NULL) {              /* the components from the last */
    size_t len;
    const char *p;
    for (comp = end; comp > path && comp[-1] != '/'; comp--) ;
    len = (size_t)(end - comp);
    for (p = comp; p < end && year == NULL; p++) {  /* a date not inside a number */
      const char *m;
      if ((p == comp || !isdig(p[-1])) && dateat(p, (size_t)(end - p), p == comp && len == 4, &m)) {
        year = p;
        month = m;
      }
    }
    if (year != NULL && month == NULL && *end == '/') {   /* .../2019/03/...: the month */
      const char *n = end + 1;
      if (isdig(n[0]) && isdig(n[1]) && (n[2] == '/' || n[2] == '\0') && okdate(year, n)) month = n;
    }
    end = comp > path ? comp - 1 : path;
  }
  if (year == NULL || (wantmonth && month == NULL)) return 0;
  if (wantmonth) snprintf(buf, bufsz, "%.4s-%.2s", year, month);
  else snprintf(buf, bufsz, "%.4s", year);
  return 1;
}

/* The key of an article's date ("2019-03-01", "2019-03", "2019"), or 0. */
static int datekey (const char *d, int month, char *buf, size_t bufsz) {
  size_t len = d ? strlen(d) : 0;
  if (len < 4 || !isdig(d[0]) || !isdig(d[1]) || !isdig(d[2]) || !isdig(d[3])) return 0;
  if (!month) { snprintf(buf, bufsz, "%.4s", d); return 1; }
  if (len < 7 || d[4] != '-' || !isdig(d[5]) || !isdig(d[6])) return 0;
  snprintf(buf, bufsz, "%.7s", d);
  return 1;
}

const char *tifa_shards_keyval (const tifa_shards *c, size_t i, int *shard, long *nfiles) {
  if (i < c->nassign) {
    *shard = c->assign[i].shard;
    *nfiles = c->assign[i].files;
    return c->assign[i].value;
  }
  if (i == c->nassign && c->key != TIFAI_KEY_PATH) {
    *shard = 0;
    *nfiles = c->nonefiles;
    return "(none)";
  }
  return NULL;
}

/* }====== */

/* {====== The walk: the files and their shards ====== */

typedef struct item {               /* a file the walk met */
  char *path;                       /* stored path */
  uint64_t size;
  char *value;                      /* its key value, or NULL */
  int shard;
} item;

typedef struct job {                /* shared by the threads */
  tifa_shards *c;
  const tifa_ingest_opts *o;        /* the caller's */
  pthread_mutex_t lock;             /* the caller's callbacks, 'next', the sums */
  int next;                         /* the next shard to take (1-based) */
  tifa_ingest_report *r;
  long *nfiles, *narticles;
  int rc;                           /* the first store-level error, else TIFA_ERROR/OK */
  char *err;
  size_t errsz;
  /* the walk */
  item *items;
  size_t n, cap;
  size_t *slots, nslots;            /* index of the items by path: i + 1, 0 empty */
  int content;                      /* the walk cuts files whose path gives no key */
  int oom;
  uint64_t total, *done;            /* bytes of all files; done[k] of shard k+1's */
} job;

static size_t slotof (job *j, const char *path) {
  size_t i = (size_t)tifa_fnv1a64(path, strlen(path)) & (j->nslots - 1);
  while (j->slots[i] != 0 && strcmp(j->items[j->slots[i] - 1].path, path) != 0)
    i = (i + 1) & (j->nslots - 1);
  return i;
}

static item *finditem (job *j, const char *path) {
  size_t i;
  if (j->nslots == 0) return NULL;
  i = slotof(j, path);
  return j->slots[i] ? &j->items[j->slots[i] - 1] : NULL;
}

static int additem (job *j, const char *path, uint64_t size) {
  item *it;
  size_t i;
  if (2 * (j->n + 1) > j->nslots) {                 /* keep the index half empty */
    size_t ns = j->nslots ? 2 * j->nslots : 1024;
    size_t *old = j->slots, on = j->nslots;
    if ((j->slots = (size_t *)calloc(ns, sizeof(size_t))) == NULL) { j->slots = old; return TIFA_NOMEM; }
    j->nslots = ns;
    for (i = 0; i < on; i++)
      if (old[i] != 0) j->slots[slotof(j, j->items[old[i] - 1].path)] = old[i];
    free(old);
  }
  if (j->n == j->cap) {
    size_t ncap = j->cap ? 2 * j->cap : 256;
    item *ni = (item *)realloc(j->items, ncap * sizeof(item));
    if (ni == NULL) return TIFA_NOMEM;
    j->items = ni;
    j->cap = ncap;
  }
  it = &j->items[j->n];
  memset(it, 0, sizeof(*it));
  if ((it->path = strdup(path)) == NULL) return TIFA_NOMEM;
  it->size = size;
  i = slotof(j, path);
  if (j->slots[i] == 0) j->slots[i] = j->n + 1;     /* a path given twice: the first */
  j->n++;
  j->total += size;
  return TIFA_OK;
}

/* The walk's hook: a regular file becomes an item (read by the walk's dry run only when its
** key needs its text); what the walk decides itself (skipped, failed) is taken, so that the
** dry run reports it. */
static int scanaccept (void *ud, const char *path) {
  job *j = (job *)ud;
  struct stat st;
  size_t len = strlen(path), k = strlen(SIDECAR);
  char key[64];
  item *it;
  if (stat(path, &st) != 0 || !S_ISREG(st.st_mode) || (len > k && strcmp(path + len - k, SIDECAR) == 0))
    return 1;
  if (additem(j, path, (uint64_t)st.st_size) != TIFA_OK) { j->oom = 1; return 0; }
  it = &j->items[j->n - 1];
  if (j->c->key == TIFAI_KEY_PATH) { it->shard = tifa_shards_route(j->c, path); return 0; }
  if (j->c->key != TIFAI_KEY_OUTLET && tifa_shards_pathkey(path, tifa_shards_key(j->c), key, sizeof(key))) {
    if ((it->value = strdup(key)) == NULL) j->oom = 1;
    return 0;
  }
  return j->content;                                /* its text tells */
}

static void scanarticle (void *ud, const char *path, const tifa_cut_article *a) {
  job *j = (job *)ud;
  item *it = finditem(j, path);
  char key[64];
  const char *v = NULL;
  if (it == NULL || it->value != NULL) return;
  if (j->c->key == TIFAI_KEY_OUTLET) v = a->outlet && *a->outlet ? a->outlet : NULL;
  else if (datekey(a->date, j->c->key == TIFAI_KEY_MONTH, key, sizeof(key))) v = key;
  if (v != NULL && (it->value = strdup(v)) == NULL) j->oom = 1;
}

/* The dry run's outcome of a file: an item's is the shard's to report; the walk's own
** (skipped, failed) goes to the caller, counted in the shard its path hashes to. */
static void scanfile (void *ud, const tifa_ingest_file *f) {
  job *j = (job *)ud;
  int k;
  if (finditem(j, f->path) != NULL) return;
  k = tifa_shards_route(j->c, f->path);
  j->r->files++;
  if (f->outcome == TIFA_INGEST_SKIPPED) j->r->skipped++;
  else { j->r->failed++; if (j->rc == TIFA_OK) j->rc = TIFA_ERROR; }
  if (j->nfiles) j->nfiles[k - 1]++;
  if (j->o->on_file) j->o->on_file(j->o->ud, f);
}

/* The files stored in each shard now, into files[]. */
static int countfiles (tifa_shards *c, long *files, char *err, size_t errsz) {
  int k, rc = TIFA_OK;
  for (k = 1; k <= c->n && rc == TIFA_OK; k++) {
    tifa_store *s;
    sqlite3_stmt *st;
    if ((rc = tifa_shards_store(c, k, TIFA_OPEN_READONLY, &s, err, errsz)) != TIFA_OK) break;
    if (sqlite3_prepare_v2(tifa_store_sqlite(s), "SELECT count(*) FROM file", -1, &st, NULL) == SQLITE_OK
        && sqlite3_step(st) == SQLITE_ROW) files[k - 1] = (long)sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    tifa_store_close(s);
  }
  return rc;
}

/* Walk the paths once with the store's walk; route every file. */
static int walkall (job *j, const char *const *paths, size_t npaths) {
  tifa_shards *c = j->c;
  tifa_ingest_opts o;
  tifa_ingest_report r0;
  tifa_store *s;
  const char **vals = NULL;
  long *files = NULL;
  size_t i;
  int rc = tifa_shards_store(c, 1, TIFA_OPEN_READONLY, &s, j->err, j->errsz);
  if (rc != TIFA_OK) return rc;
  memset(&o, 0, sizeof(o));
  o.format = j->o->format; o.nolayout = j->o->nolayout; o.meta = j->o->meta; o.genre = j->o->genre;
  o.dry_run = 1;                                    /* reads only files whose key needs text */
  o.accept = scanaccept;
  o.on_file = scanfile;
  j->content = c->key != TIFAI_KEY_PATH;
  if (j->content) o.on_article = scanarticle;
  o.ud = j;
  memset(&r0, 0, sizeof(r0));
  pthread_mutex_lock(&c->lock);
  c->open[0] = s;
  pthread_mutex_unlock(&c->lock);
  for (i = 0; i < npaths && !c->stop && !j->oom; i++) {
    int r1 = tifa_store_ingest(s, paths[i], &o, &r0);
    if (r1 != TIFA_OK && r1 != TIFA_ERROR) {
      rc = r1;
      snprintf(j->err, j->errsz, "%s", tifa_store_errmsg(s));
      break;
    }
  }
  pthread_mutex_lock(&c->lock);
  c->open[0] = NULL;
  pthread_mutex_unlock(&c->lock);
  tifa_store_close(s);
  if (rc == TIFA_OK && c->stop) { rc = TIFA_INTERRUPTED; snprintf(j->err, j->errsz, "interrupted"); }
  if (rc == TIFA_OK && j->oom) { rc = TIFA_NOMEM; snprintf(j->err, j->errsz, "not enough memory"); }
  if (rc != TIFA_OK || c->key == TIFAI_KEY_PATH) return rc;
  vals = (const char **)calloc(j->n + 1, sizeof(char *));
  files = (long *)calloc((size_t)c->n, sizeof(long));
  if (vals == NULL || files == NULL) { rc = TIFA_NOMEM; snprintf(j->err, j->errsz, "not enough memory"); }
  if (rc == TIFA_OK) rc = countfiles(c, files, j->err, j->errsz);
  for (i = 0; i < j->n && rc == TIFA_OK; i++) vals[i] = j->items[i].value;
  if (rc == TIFA_OK) rc = tifai_shards_assign(c, vals, j->n, files, j->err, j->errsz);
  for (i = 0; i < j->n && rc == TIFA_OK; i++) {
    item *it = &j->items[i];
    it->shard = it->value ? tifai_shards_lookup(c, it->value) : tifa_shards_route(c, it->path);
  }
  free(vals);
  free(files);
  return rc;
}

/* }====== */

/* {====== The shards' ingests ====== */

typedef struct worker {             /* one shard's ingest */
  job *j;
  int shard;
} worker;

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

/* Bytes done of the whole ingest: the sum over the shards, of the walk's total. */
static void onprogress (void *ud, const char *path, uint64_t done, uint64_t total) {
  worker *w = (worker *)ud;
  job *j = w->j;
  uint64_t sum = 0;
  int k;
  (void)total;
  pthread_mutex_lock(&j->lock);
  j->done[w->shard - 1] = done;
  for (k = 0; k < j->c->n; k++) sum += j->done[k];
  j->o->on_progress(j->o->ud, path, sum, j->total);
  pthread_mutex_unlock(&j->lock);
}

static int split (void *ud, const tifa_page *page, tifa_cutter *cut) {
  worker *w = (worker *)ud;
  return w->j->o->split(w->j->o->ud, page, cut);    /* one thread: no lock needed */
}

/* Ingest the files routed to shard 'w->shard'. */
static void ingestshard (worker *w) {
  job *j = w->j;
  tifa_ingest_opts o = *j->o;
  tifa_ingest_report r;
  tifa_store *s = NULL;
  char err[TIFA_ERRMAX];
  const char **list = (const char **)malloc((j->n + 1) * sizeof(char *));
  size_t i, n = 0;
  int rc = list ? TIFA_OK : TIFA_NOMEM;
  memset(&r, 0, sizeof(r));
  if (rc != TIFA_OK) snprintf(err, sizeof(err), "not enough memory");
  for (i = 0; i < j->n && list; i++) if (j->items[i].shard == w->shard) list[n++] = j->items[i].path;
  if (rc == TIFA_OK && j->c->stop) { rc = TIFA_INTERRUPTED; snprintf(err, sizeof(err), "interrupted"); }
  if (rc == TIFA_OK) rc = tifa_shards_store(j->c, w->shard, 0, &s, err, sizeof(err));
  if (rc == TIFA_OK) {
    pthread_mutex_lock(&j->c->lock);
    j->c->open[w->shard - 1] = s;
    pthread_mutex_unlock(&j->c->lock);
    if (j->c->stop) tifa_store_interrupt(s);        /* the signal came before 'open' was set */
    o.accept = NULL;
    o.ud = w;
    o.on_progress = j->o->on_progress ? onprogress : NULL;
    o.on_file = j->o->on_file ? onfile : NULL;
    o.on_article = j->o->on_article ? onarticle : NULL;
    o.on_record = j->o->on_record ? onrecord : NULL;
    o.split = j->o->split ? split : NULL;
    rc = n > 0 ? tifa_store_ingest_files(s, list, n, &o, &r) : TIFA_OK;
    if (rc != TIFA_OK && rc != TIFA_ERROR)
      snprintf(err, sizeof(err), "%s: %s", tifa_shards_file(j->c, w->shard), tifa_store_errmsg(s));
    pthread_mutex_lock(&j->c->lock);
    j->c->open[w->shard - 1] = NULL;
    pthread_mutex_unlock(&j->c->lock);
    tifa_store_close(s);
  }
  free(list);
  pthread_mutex_lock(&j->lock);
  j->r->files += r.files; j->r->added += r.added; j->r->replaced += r.replaced;
  j->r->unchanged += r.unchanged; j->r->skipped += r.skipped; j->r->failed += r.failed;
  j->r->articles += r.articles; j->r->bytes += r.bytes; j->r->records_failed += r.records_failed;
  if (j->nfiles) j->nfiles[w->shard - 1] += r.files;
  if (j->narticles) j->narticles[w->shard - 1] = r.articles;
  if (rc != TIFA_OK && rc != TIFA_ERROR) {
    if (j->rc == TIFA_OK || j->rc == TIFA_ERROR) { j->rc = rc; snprintf(j->err, j->errsz, "%s", err); }
  }
  else if (rc == TIFA_ERROR && j->rc == TIFA_OK) j->rc = TIFA_ERROR;
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
  int k, started = 0, rc;
  size_t i;
  if (o->dry_run) { snprintf(err, errsz, "a dry run does not work on a corpus of shards"); return TIFA_ERROR; }
  for (i = 0; i < npaths; i++)
    if (strcmp(paths[i], "-") == 0) {
      snprintf(err, errsz, "standard input cannot be ingested into a corpus of shards");
      return TIFA_ERROR;
    }
  for (k = 1; k <= c->n; k++)               /* readers elsewhere may hold it immutable */
    if (tifa_store_sealed(c->files[k - 1]) == 1) {
      snprintf(err, errsz, "corpus '%s' is sealed (shard %d): 'tifa -d %s seal --undo' first",
               c->dir, k, c->dir);
      return TIFA_ERROR;
    }
  memset(&j, 0, sizeof(j));
  j.c = c; j.o = o; j.r = r;
  j.nfiles = nfiles; j.narticles = narticles; j.err = err; j.errsz = errsz;
  j.next = 1;
  j.rc = TIFA_OK;
  if (nfiles) memset(nfiles, 0, (size_t)c->n * sizeof(long));
  if (narticles) memset(narticles, 0, (size_t)c->n * sizeof(long));
  c->stop = 0;
  c->nonefiles = 0;
  for (i = 0; i < c->nassign; i++) c->assign[i].files = 0;
  if ((j.done = (uint64_t *)calloc((size_t)c->n, sizeof(uint64_t))) == NULL) {
    snprintf(err, errsz, "not enough memory");
    return TIFA_NOMEM;
  }
  pthread_mutex_init(&j.lock, NULL);
  rc = walkall(&j, paths, npaths);
  if (rc != TIFA_OK) j.rc = rc;
  else {
    if (jobs <= 0) {
      long cpus = sysconf(_SC_NPROCESSORS_ONLN);
      jobs = cpus > 0 ? (int)cpus : 1;
    }
    if (jobs > c->n) jobs = c->n;
    if (jobs > 64) jobs = 64;
    if (o->split || o->account) jobs = 1;
    for (k = 1; k < jobs; k++)                      /* this thread is one of them */
      if (pthread_create(&th[started], NULL, run, &j) == 0) started++;
    run(&j);
    for (k = 0; k < started; k++) pthread_join(th[k], NULL);
  }
  pthread_mutex_destroy(&j.lock);
  for (i = 0; i < j.n; i++) { free(j.items[i].path); free(j.items[i].value); }
  free(j.items);
  free(j.slots);
  free(j.done);
  return j.rc;
}

void tifa_shards_interrupt (tifa_shards *c) {
  int k;
  c->stop = 1;
  for (k = 0; k < c->n; k++) {                      /* no lock: a signal handler calls this */
    if (c->open[k]) tifa_store_interrupt(c->open[k]);
    if (c->readers && c->readers[k]) tifa_store_interrupt(c->readers[k]);
  }
}

/* }====== */
