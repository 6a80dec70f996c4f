/*
** each.c -- walk the articles an analytic reads (see each.h).
*/
#include <string.h>
#include <sqlite3.h>
#include "tifa.h"
#include "store.h"
#include "each.h"

#define EACH_COLS "SELECT id, title, text, date, outlet, author, nchars, kicker FROM article"
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
