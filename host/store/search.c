/*
** search.c -- ranked search and counting over the FTS5 index: candidates come from the index
** in BM25 order (or id order for counting), each is verified against its text by the query
** (no false positives), and hits carry a snippet and the char offset of every match.
*/
#include <stdlib.h>
#include <string.h>
#include "store.h"
#include "text.h"

#define DEFAULT_LIMIT    20
#define DEFAULT_CONTEXT  30
#define BATCH            64         /* candidates fetched from the index at a time */

/* Compile 'query' or record why not. */
static int compilequery (tifa_store *s, const char *query, tifai_query **q) {
  char err[TIFA_ERRMAX];
  int rc;
  s->interrupted = 0;
  s->errmsg[0] = '\0';
  if ((rc = tifai_query_parse(query, q, err, sizeof(err))) != TIFA_OK)
    return tifai_store_fail(s, rc, "%s", err);
  return TIFA_OK;
}

/* Advance 'p' by 'n' code points within [p, e); returns the new position. */
static const char *skipchars (const char *p, const char *e, int64_t n) {
  while (n > 0 && p < e) {
    p++;
    while (p < e && ((unsigned char)*p & 0xC0) == 0x80) p++;
    n--;
  }
  return p;
}

/*
** Build the snippet of a hit in 'b': 'ctx' characters before the first match to 'ctx' after
** the last match that fits in a window of 2*ctx + match characters, newlines shown as " ¶ ",
** with the matches between the marks.
*/
static void snippet (tifai_buf *b, const char *text, size_t len, const int64_t *offs,
                     size_t n, int ctx, const char *mo, const char *mc) {
  const char *e = text + len, *p;
  int64_t from, to, pos;
  size_t i = 0;
  tifai_buf_reset(b);
  if (n == 0) {                                   /* a match in the title only: the lead */
    p = skipchars(text, e, 2 * ctx);
    tifai_buf_add(b, text, (size_t)(p - text));
    if (p < e) tifai_buf_adds(b, "\xE2\x80\xA6");
    goto newlines;
  }
  from = offs[0] - ctx < 0 ? 0 : offs[0] - ctx;
  to = offs[1] + ctx;
  while (i + 1 < n && offs[2 * (i + 1) + 1] <= offs[0] + 2 * ctx) i++;
  if (offs[2 * i + 1] + ctx > to) to = offs[2 * i + 1] + ctx;
  if (from > 0) tifai_buf_adds(b, "\xE2\x80\xA6");
  p = skipchars(text, e, from);
  pos = from;
  {
    size_t m = 0;
    while (p < e && pos < to) {
      const char *q;
      if (m <= i && pos == offs[2 * m]) {
        q = skipchars(p, e, offs[2 * m + 1] - pos);
        tifai_buf_adds(b, mo);
        tifai_buf_add(b, p, (size_t)(q - p));
        tifai_buf_adds(b, mc);
        pos = offs[2 * m + 1];
        p = q;
        m++;
        while (m <= i && offs[2 * m] < pos) m++;   /* overlapping matches */
        continue;
      }
      q = skipchars(p, e, 1);
      tifai_buf_add(b, p, (size_t)(q - p));
      p = q;
      pos++;
    }
  }
  if (p < e) tifai_buf_adds(b, "\xE2\x80\xA6");
newlines:
  if (b->oom || b->p == NULL) return;
  {                                               /* newlines become " ¶ " */
    tifai_buf t = TIFAI_BUF_INIT;
    size_t j;
    for (j = 0; j < b->len; j++) {
      if (b->p[j] == '\n') tifai_buf_adds(&t, " \xC2\xB6 ");
      else tifai_buf_addc(&t, b->p[j]);
    }
    if (!t.oom) { tifai_buf_free(b); *b = t; }
    else tifai_buf_free(&t);
  }
}

int tifa_store_search (tifa_store *s, const char *query, const tifa_search_opts *o,
                       tifa_hit_fn f, void *ud) {
  tifai_query *q = NULL;
  sqlite3_stmt *cand = NULL, *get = NULL;
  tifai_buf offs = TIFAI_BUF_INIT, toffs = TIFAI_BUF_INIT, snip = TIFAI_BUF_INIT;
  long limit = (o && o->limit > 0) ? o->limit : DEFAULT_LIMIT;
  long skip = (o && o->offset > 0) ? o->offset : 0, found = 0, fetched = 0;
  int ctx = (o && o->context > 0) ? o->context : DEFAULT_CONTEXT;
  const char *mo = (o && o->mark_open) ? o->mark_open : "\xC2\xAB";
  const char *mc = (o && o->mark_close) ? o->mark_close : "\xC2\xBB";
  int rc;
  if ((rc = compilequery(s, query, &q)) != TIFA_OK) return rc;
  /* rank: bm25 with the title weighted twice the text; smaller is better */
  if (sqlite3_prepare_v2(s->db, "SELECT rowid, bm25(article_fts, 2.0, 1.0) AS r FROM article_fts "
                         "WHERE article_fts MATCH ?1 ORDER BY r LIMIT ?2 OFFSET ?3", -1, &cand, NULL) != SQLITE_OK
      || sqlite3_prepare_v2(s->db, "SELECT title, text FROM article WHERE id = ?1", -1, &get, NULL) != SQLITE_OK) {
    rc = tifai_store_dberr(s, "cannot search");
    goto done;
  }
  sqlite3_bind_text(cand, 1, tifai_query_match(q), -1, SQLITE_STATIC);
  for (;;) {                                      /* batches of candidates in rank order */
    long inbatch = 0, want = (skip + limit - found) * 2;
    int step;
    if (want < BATCH) want = BATCH;
    sqlite3_bind_int64(cand, 2, want);
    sqlite3_bind_int64(cand, 3, fetched);
    while ((step = sqlite3_step(cand)) == SQLITE_ROW) {
      int64_t id = sqlite3_column_int64(cand, 0);
      double score = -sqlite3_column_double(cand, 1);
      inbatch++;
      fetched++;
      sqlite3_bind_int64(get, 1, id);
      if (sqlite3_step(get) == SQLITE_ROW) {
        const char *title = (const char *)sqlite3_column_text(get, 0);
        size_t tlen = (size_t)sqlite3_column_bytes(get, 0);
        const char *text = (const char *)sqlite3_column_text(get, 1);
        size_t len = (size_t)sqlite3_column_bytes(get, 1);
        tifai_buf_reset(&offs);
        tifai_buf_reset(&toffs);
        if (tifai_query_verify(q, title ? title : "", tlen, text ? text : "", len, &offs, &toffs) > 0) {
          if (found++ >= skip) {
            tifa_hit h;
            h.article = id;
            h.score = score;
            h.nmatch = offs.len / (2 * sizeof(int64_t));
            h.offsets = (const int64_t *)offs.p;
            h.ntitle = toffs.len / (2 * sizeof(int64_t));
            h.title_offsets = (const int64_t *)toffs.p;
            snippet(&snip, text ? text : "", len, h.offsets, h.nmatch, ctx, mo, mc);
            if (offs.oom || toffs.oom || snip.oom) { rc = tifai_store_fail(s, TIFA_NOMEM, "out of memory"); }
            else {
              h.snippet = snip.p ? snip.p : "";
              rc = f(ud, &h);
            }
          }
        }
      }
      sqlite3_reset(get);
      if (rc != TIFA_OK || found >= skip + limit) break;
    }
    if (step != SQLITE_ROW && step != SQLITE_DONE) { rc = tifai_store_dberr(s, "cannot search"); break; }
    sqlite3_reset(cand);
    if (rc != TIFA_OK || found >= skip + limit || inbatch < want) break;
  }
done:
  sqlite3_finalize(cand);
  sqlite3_finalize(get);
  tifai_buf_free(&offs);
  tifai_buf_free(&toffs);
  tifai_buf_free(&snip);
  tifai_query_free(q);
  if (s->interrupted && rc != TIFA_OK) rc = tifai_store_fail(s, TIFA_INTERRUPTED, "interrupted");
  return rc;
}

int tifa_store_count (tifa_store *s, const char *query, int64_t *total, int64_t *articles,
                      tifa_count_fn f, void *ud) {
  tifai_query *q = NULL;
  sqlite3_stmt *st = NULL;
  tifai_buf offs = TIFAI_BUF_INIT, toffs = TIFAI_BUF_INIT;
  int rc, step;
  *total = 0;
  *articles = 0;
  if ((rc = compilequery(s, query, &q)) != TIFA_OK) return rc;
  if (sqlite3_prepare_v2(s->db, "SELECT a.id, a.title, a.text FROM article AS a WHERE a.id IN "
                         "(SELECT rowid FROM article_fts WHERE article_fts MATCH ?1) ORDER BY a.id",
                         -1, &st, NULL) != SQLITE_OK) {
    rc = tifai_store_dberr(s, "cannot count");
    goto done;
  }
  sqlite3_bind_text(st, 1, tifai_query_match(q), -1, SQLITE_STATIC);
  while ((step = sqlite3_step(st)) == SQLITE_ROW) {
    const char *title = (const char *)sqlite3_column_text(st, 1);
    size_t tlen = (size_t)sqlite3_column_bytes(st, 1);
    const char *text = (const char *)sqlite3_column_text(st, 2);
    size_t len = (size_t)sqlite3_column_bytes(st, 2);
    tifai_buf_reset(&offs);
    tifai_buf_reset(&toffs);
    if (tifai_query_verify(q, title ? title : "", tlen, text ? text : "", len, &offs, &toffs) > 0) {
      int64_t n = (int64_t)((offs.len + toffs.len) / (2 * sizeof(int64_t)));
      *total += n;
      (*articles)++;
      if (f && (rc = f(ud, sqlite3_column_int64(st, 0), n)) != 0) break;
    }
    if (offs.oom || toffs.oom) { rc = tifai_store_fail(s, TIFA_NOMEM, "out of memory"); break; }
  }
  if (rc == TIFA_OK && step != SQLITE_DONE) rc = tifai_store_dberr(s, "cannot count");
done:
  sqlite3_finalize(st);
  tifai_buf_free(&offs);
  tifai_buf_free(&toffs);
  tifai_query_free(q);
  if (s->interrupted && rc != TIFA_OK) rc = tifai_store_fail(s, TIFA_INTERRUPTED, "interrupted");
  return rc;
}
