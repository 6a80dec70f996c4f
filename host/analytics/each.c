/*
** each.c -- walk the articles an analytic reads (see each.h).
*/
#include <stdlib.h>
#include <string.h>
#include <sqlite3.h>
#include "tifa.h"
#include "store.h"
#include "each.h"
#include "buf.h"

/* a derived title (a copy of the text's start) is not read as text: each passage once */
#define EACH_COLS "SELECT id, " TIFAI_INDEXED_TITLE("article") ", text, date, outlet, author, " \
                  "nchars, kicker FROM article"
/* a store of schema 1 opened read-only has no kicker column (migration adds it) */
#define EACH_COLS1 "SELECT id, title, text, date, outlet, author, nchars, NULL FROM article"

static int row (sqlite3_stmt *st, int64_t base, tifai_article_fn f, void *ud) {
  tifai_article a;
  a.id = base + sqlite3_column_int64(st, 0);
  a.title = (const char *)sqlite3_column_text(st, 1);
  a.title_len = (size_t)sqlite3_column_bytes(st, 1);
  a.text = (const char *)sqlite3_column_text(st, 2);
  a.text_len = (size_t)sqlite3_column_bytes(st, 2);
  a.date = (const char *)sqlite3_column_text(st, 3);
  a.outlet = (const char *)sqlite3_column_text(st, 4);
  a.author = (const char *)sqlite3_column_text(st, 5);
  a.nchars = sqlite3_column_int64(st, 6);
  a.kicker = (const char *)sqlite3_column_text(st, 7);
  a.kicker_len = (size_t)sqlite3_column_bytes(st, 7);
  if (a.title == NULL) a.title = "";
  if (a.text == NULL) a.text = "";
  return f(ud, &a);
}

/* Walk stores[k] of 'src': every article (ids NULL) or the source's ids[0..nids), all of
** this store. A failure of the store itself (not one of 'f') is recorded on it and sets
** '*bad' to k + 1. Stops when any store of the source is interrupted. */
static int walk (const tifai_source *src, size_t k, const int64_t *ids, size_t nids,
                 tifai_article_fn f, void *ud, size_t *bad) {
  tifa_store *s = src->stores[k];
  int64_t base = src->bases ? src->bases[k] : 0;
  sqlite3_stmt *st;
  int rc = TIFA_OK, step = SQLITE_DONE;
  size_t i;
  if (sqlite3_prepare_v2(s->db, ids ? EACH_COLS " WHERE id = ?1" : EACH_COLS " ORDER BY id",
                         -1, &st, NULL) != SQLITE_OK
      && sqlite3_prepare_v2(s->db, ids ? EACH_COLS1 " WHERE id = ?1" : EACH_COLS1 " ORDER BY id",
                            -1, &st, NULL) != SQLITE_OK) {
    *bad = k + 1;
    return tifai_store_dberr(s, "cannot read articles");
  }
  if (ids == NULL) {
    while (rc == TIFA_OK && !tifai_source_stopped(src) && (step = sqlite3_step(st)) == SQLITE_ROW)
      rc = row(st, base, f, ud);
  }
  else {
    for (i = 0; i < nids && rc == TIFA_OK && !tifai_source_stopped(src); i++) {
      sqlite3_bind_int64(st, 1, ids[i] - base);
      if ((step = sqlite3_step(st)) == SQLITE_ROW) rc = row(st, base, f, ud);
      if (step == SQLITE_ROW) step = SQLITE_DONE;
      sqlite3_reset(st);
      if (step != SQLITE_DONE) break;
    }
  }
  if (rc == TIFA_OK && tifai_source_stopped(src)) {
    *bad = k + 1;
    rc = tifai_store_fail(s, TIFA_INTERRUPTED, "interrupted");
  }
  else if (rc == TIFA_OK && step != SQLITE_DONE && step != SQLITE_ROW) {
    *bad = k + 1;
    rc = tifai_store_dberr(s, "cannot read articles");
  }
  sqlite3_finalize(st);
  return rc;
}

int tifai_each_article (tifa_store *s, const int64_t *ids, size_t nids, tifai_article_fn f,
                        void *ud) {
  tifai_source src;
  size_t bad = 0;
  src.stores = &s; src.bases = NULL; src.n = 1;
  s->interrupted = 0;
  return walk(&src, 0, ids, nids, f, ud, &bad);
}

/* {====== Sources ====== */

size_t tifai_source_storeof (const tifai_source *src, int64_t id) {
  size_t lo = 0, hi = src->n;                   /* bases[lo-1] <= id < bases[hi] */
  if (src->bases == NULL) return 0;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (src->bases[mid] <= id) lo = mid + 1;
    else hi = mid;
  }
  return lo == 0 ? TIFAI_NOSTORE : lo - 1;
}

int tifai_source_each (const tifai_source *src, const int64_t *ids, size_t nids,
                       tifai_article_fn f, void *ud) {
  size_t k, i, j, bad = 0;
  int rc = TIFA_OK;
  for (k = 0; k < src->n; k++) src->stores[k]->interrupted = 0;
  if (ids == NULL) {
    for (k = 0; k < src->n && rc == TIFA_OK; k++) rc = walk(src, k, NULL, 0, f, ud, &bad);
  }
  else {
    for (i = 0; i < nids && rc == TIFA_OK; i = j) {   /* runs of ids of one store */
      k = tifai_source_storeof(src, ids[i]);
      for (j = i + 1; j < nids && tifai_source_storeof(src, ids[j]) == k; j++) ;
      if (k != TIFAI_NOSTORE) rc = walk(src, k, ids + i, j - i, f, ud, &bad);
    }
  }
  if (rc != TIFA_OK && bad > 0 && src->n > 1) {      /* the message to stores[0] */
    tifa_store *s = src->stores[bad - 1];
    char msg[TIFA_ERRMAX];
    if (rc == TIFA_INTERRUPTED) tifai_store_fail(src->stores[0], rc, "interrupted");
    else {
      memcpy(msg, s->errmsg, sizeof(msg));
      msg[sizeof(msg) - 1] = '\0';
      tifai_store_fail(src->stores[0], rc, "%s: %s", s->path ? s->path : "?", msg);
    }
  }
  return rc;
}

int tifai_source_stopped (const tifai_source *src) {
  size_t k;
  for (k = 0; k < src->n; k++) if (src->stores[k]->interrupted) return 1;
  return 0;
}

/* }====== */

/* {====== Interrupts ====== */

#define SORTRUN  4096               /* elements qsort'ed at once: well under a millisecond */

int tifai_stopped (tifa_store *s) {
  return tifai_store_fail(s, TIFA_INTERRUPTED, "interrupted");
}

int tifai_sort (tifa_store *s, void *base, size_t n, size_t size,
                int (*cmp) (const void *, const void *)) {
  tifai_source src;
  src.stores = &s; src.bases = NULL; src.n = 1;
  return tifai_source_sort(&src, base, n, size, cmp);
}

int tifai_source_sort (const tifai_source *so, void *base, size_t n, size_t size,
                       int (*cmp) (const void *, const void *)) {
  char *a = (char *)base, *tmp, *src, *dst;
  size_t run, lo;
  if (n < 2) return TIFA_OK;
  if (n <= SORTRUN || (tmp = (char *)malloc(n * size)) == NULL) {
    qsort(base, n, size, cmp);
    return TIFA_OK;
  }
  for (lo = 0; lo < n; lo += SORTRUN) {
    if (tifai_source_stopped(so)) { free(tmp); return tifai_stopped(so->stores[0]); }
    qsort(a + lo * size, n - lo < SORTRUN ? n - lo : SORTRUN, size, cmp);
  }
  src = a; dst = tmp;
  for (run = SORTRUN; run < n; run *= 2) {         /* merge runs pairwise, src to dst */
    for (lo = 0; lo < n; lo += 2 * run) {
      size_t mid = lo + run < n ? lo + run : n, hi = lo + 2 * run < n ? lo + 2 * run : n;
      size_t i = lo, j = mid, k = lo;
      while (i < mid && j < hi) {
        if ((k & (SORTRUN - 1)) == 0 && tifai_source_stopped(so)) {
          if (src != a) memcpy(a, src, n * size);   /* base keeps its elements */
          free(tmp);
          return tifai_stopped(so->stores[0]);
        }
        if (cmp(src + j * size, src + i * size) < 0) memcpy(dst + k * size, src + (j++) * size, size);
        else memcpy(dst + k * size, src + (i++) * size, size);     /* the left first on ties */
        k++;
      }
      if (i < mid) memcpy(dst + k * size, src + i * size, (mid - i) * size);
      if (j < hi) memcpy(dst + k * size, src + j * size, (hi - j) * size);
    }
    { char *t = src; src = dst; dst = t; }
  }
  if (src != a) memcpy(a, src, n * size);
  free(tmp);
  return TIFA_OK;
}

/* }====== */

/* {====== The order of articles a store and a corpus share ====== */

typedef struct rankkey {
  size_t at;                        /* the file's path in the buffer of paths, */
  const char *path;                 /* ... and there once it is filled */
  int64_t seq;
  size_t i;                         /* the place in ids */
} rankkey;

static int cmprank (const void *a, const void *b) {
  const rankkey *x = (const rankkey *)a, *y = (const rankkey *)b;
  int c = strcmp(x->path, y->path);
  if (c != 0) return c;
  if (x->seq != y->seq) return x->seq < y->seq ? -1 : 1;
  return x->i < y->i ? -1 : x->i > y->i;
}

int tifai_source_order (const tifai_source *src, const int64_t *ids, size_t n, size_t *order) {
  tifai_buf paths = TIFAI_BUF_INIT;
  rankkey *keys = (rankkey *)malloc((n + 1) * sizeof(rankkey));
  sqlite3_stmt **st = (sqlite3_stmt **)calloc(src->n, sizeof(sqlite3_stmt *));
  size_t i, k, bad = 0;
  int rc = TIFA_OK;
  if (keys == NULL || st == NULL) {
    rc = tifai_store_fail(src->stores[0], TIFA_NOMEM, "out of memory");
    goto done;
  }
  tifai_buf_addc(&paths, '\0');                   /* offset 0: "" (an id in no store) */
  for (i = 0; i < n && rc == TIFA_OK; i++) {
    int64_t base;
    keys[i].at = 0; keys[i].seq = -1; keys[i].i = i;
    if ((k = tifai_source_storeof(src, ids[i])) == TIFAI_NOSTORE) continue;
    base = src->bases ? src->bases[k] : 0;
    if (st[k] == NULL && sqlite3_prepare_v2(src->stores[k]->db, "SELECT f.path, a.seq FROM "
                                            "article a JOIN file f ON f.id = a.file_id WHERE "
                                            "a.id = ?1", -1, &st[k], NULL) != SQLITE_OK) {
      bad = k + 1;
      rc = tifai_store_dberr(src->stores[k], "cannot read articles");
      break;
    }
    sqlite3_bind_int64(st[k], 1, ids[i] - base);
    if (sqlite3_step(st[k]) == SQLITE_ROW) {
      keys[i].at = paths.len;
      tifai_buf_add(&paths, sqlite3_column_text(st[k], 0), (size_t)sqlite3_column_bytes(st[k], 0));
      tifai_buf_addc(&paths, '\0');
      keys[i].seq = sqlite3_column_int64(st[k], 1);
    }
    sqlite3_reset(st[k]);
  }
  if (rc == TIFA_OK && paths.oom)
    rc = tifai_store_fail(src->stores[0], TIFA_NOMEM, "out of memory");
  if (rc == TIFA_OK) {
    for (i = 0; i < n; i++) keys[i].path = paths.p + keys[i].at;
    qsort(keys, n, sizeof(rankkey), cmprank);
    for (i = 0; i < n; i++) order[i] = keys[i].i;
  }
done:
  if (bad > 0 && src->n > 1) {                    /* the message to stores[0] */
    tifa_store *s = src->stores[bad - 1];
    char msg[TIFA_ERRMAX];
    memcpy(msg, s->errmsg, sizeof(msg));
    msg[sizeof(msg) - 1] = '\0';
    tifai_store_fail(src->stores[0], rc, "%s: %s", s->path ? s->path : "?", msg);
  }
  for (k = 0; st != NULL && k < src->n; k++) sqlite3_finalize(st[k]);
  free(st);
  free(keys);
  tifai_buf_free(&paths);
  return rc;
}

/* }====== */
