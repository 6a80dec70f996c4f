/*
** each.c -- walk the articles an analytic reads (see each.h).
*/
#include <stdlib.h>
#include <string.h>
#include <sqlite3.h>
#include "tifa.h"
#include "store.h"
#include "each.h"

/* a derived title (a copy of the text's start) is not read as text: each passage once */
#define EACH_COLS "SELECT id, " TIFAI_INDEXED_TITLE("article") ", text, date, outlet, author, " \
                  "nchars, kicker FROM article"
/* a store of schema 1 opened read-only has no kicker column (migration adds it) */
#define EACH_COLS1 "SELECT id, title, text, date, outlet, author, nchars, NULL FROM article"

static int row (sqlite3_stmt *st, tifai_article_fn f, void *ud) {
  tifai_article a;
  a.id = sqlite3_column_int64(st, 0);
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

int tifai_each_article (tifa_store *s, const int64_t *ids, size_t nids, tifai_article_fn f,
                        void *ud) {
  sqlite3_stmt *st;
  int rc = TIFA_OK, step = SQLITE_DONE;
  size_t i;
  s->interrupted = 0;
  if (sqlite3_prepare_v2(s->db, ids ? EACH_COLS " WHERE id = ?1" : EACH_COLS " ORDER BY id",
                         -1, &st, NULL) != SQLITE_OK
      && sqlite3_prepare_v2(s->db, ids ? EACH_COLS1 " WHERE id = ?1" : EACH_COLS1 " ORDER BY id",
                            -1, &st, NULL) != SQLITE_OK)
    return tifai_store_dberr(s, "cannot read articles");
  if (ids == NULL) {
    while (rc == TIFA_OK && !s->interrupted && (step = sqlite3_step(st)) == SQLITE_ROW)
      rc = row(st, f, ud);
  }
  else {
    for (i = 0; i < nids && rc == TIFA_OK && !s->interrupted; i++) {
      sqlite3_bind_int64(st, 1, ids[i]);
      if ((step = sqlite3_step(st)) == SQLITE_ROW) rc = row(st, f, ud);
      if (step == SQLITE_ROW) step = SQLITE_DONE;
      sqlite3_reset(st);
      if (step != SQLITE_DONE) break;
    }
  }
  if (rc == TIFA_OK && s->interrupted) rc = tifai_store_fail(s, TIFA_INTERRUPTED, "interrupted");
  else if (rc == TIFA_OK && step != SQLITE_DONE && step != SQLITE_ROW)
    rc = tifai_store_dberr(s, "cannot read articles");
  sqlite3_finalize(st);
  return rc;
}

/* {====== Interrupts ====== */

#define SORTRUN  4096               /* elements qsort'ed at once: well under a millisecond */

int tifai_stopped (tifa_store *s) {
  return tifai_store_fail(s, TIFA_INTERRUPTED, "interrupted");
}

int tifai_sort (tifa_store *s, void *base, size_t n, size_t size,
                int (*cmp) (const void *, const void *)) {
  char *a = (char *)base, *tmp, *src, *dst;
  size_t run, lo;
  if (n < 2) return TIFA_OK;
  if (n <= SORTRUN || (tmp = (char *)malloc(n * size)) == NULL) {
    qsort(base, n, size, cmp);
    return TIFA_OK;
  }
  for (lo = 0; lo < n; lo += SORTRUN) {
    if (TIFAI_STOPPED(s)) { free(tmp); return tifai_stopped(s); }
    qsort(a + lo * size, n - lo < SORTRUN ? n - lo : SORTRUN, size, cmp);
  }
  src = a; dst = tmp;
  for (run = SORTRUN; run < n; run *= 2) {         /* merge runs pairwise, src to dst */
    for (lo = 0; lo < n; lo += 2 * run) {
      size_t mid = lo + run < n ? lo + run : n, hi = lo + 2 * run < n ? lo + 2 * run : n;
      size_t i = lo, j = mid, k = lo;
      while (i < mid && j < hi) {
        if ((k & (SORTRUN - 1)) == 0 && TIFAI_STOPPED(s)) {
          if (src != a) memcpy(a, src, n * size);   /* base keeps its elements */
          free(tmp);
          return tifai_stopped(s);
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
