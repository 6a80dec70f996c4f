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
static int compilequery (tifa_store *s, const char *query, int flags, tifai_query **q) {
  char err[TIFA_ERRMAX];
  int rc;
  s->interrupted = 0;
  s->errmsg[0] = '\0';
  if ((flags & TIFA_MATCH_WORDS) && s->wordstale)
    return tifai_store_fail(s, TIFA_DB, "the word index of '%s' was built by another version of "
                            "tifa and cannot be rebuilt read-only: open the store writable once "
                            "(a sealed store: 'seal --undo' first)", s->path);
  if ((rc = tifai_query_parse(query, flags, q, err, sizeof(err))) != TIFA_OK)
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

/* The state of one search, shared by the candidates it verifies. */
typedef struct searcher {
  tifa_store *s;
  tifai_query *q;
  sqlite3_stmt *get;                /* SELECT title, text FROM article WHERE id = ?1 */
  tifai_buf offs, toffs, snip;
  long skip, limit, found;
  int ctx;
  const char *mo, *mc;
  tifa_hit_fn f;
  void *ud;
} searcher;

/* Verify one candidate article and hand it over if it matches and is past the offset. */
static int candidate (searcher *x, int64_t id, double score) {
  int rc = TIFA_OK, step, v = 0;
  sqlite3_bind_int64(x->get, 1, id);
  if ((step = sqlite3_step(x->get)) == SQLITE_ROW) {
    const char *title = (const char *)sqlite3_column_text(x->get, 0);
    size_t tlen = (size_t)sqlite3_column_bytes(x->get, 0);
    const char *text = (const char *)sqlite3_column_text(x->get, 1);
    size_t len = (size_t)sqlite3_column_bytes(x->get, 1);
    tifai_buf_reset(&x->offs);
    tifai_buf_reset(&x->toffs);
    if (((title == NULL || text == NULL) && sqlite3_errcode(x->s->db) == SQLITE_NOMEM)
        || (v = tifai_query_verify(x->q, title ? title : "", tlen, text ? text : "", len,
                                   &x->offs, &x->toffs)) < 0)
      rc = tifai_store_fail(x->s, TIFA_NOMEM, "out of memory");
    else if (v > 0 && x->found++ >= x->skip) {
      tifa_hit h;
      h.article = id;
      h.score = score;
      h.nmatch = x->offs.len / (2 * sizeof(int64_t));
      h.offsets = (const int64_t *)x->offs.p;
      h.ntitle = x->toffs.len / (2 * sizeof(int64_t));
      h.title_offsets = (const int64_t *)x->toffs.p;
      snippet(&x->snip, text ? text : "", len, h.offsets, h.nmatch, x->ctx, x->mo, x->mc);
      if (x->offs.oom || x->toffs.oom || x->snip.oom)
        rc = tifai_store_fail(x->s, TIFA_NOMEM, "out of memory");
      else {
        h.snippet = x->snip.p ? x->snip.p : "";
        rc = x->f(x->ud, &h);
      }
    }
  }
  else if (step != SQLITE_DONE) rc = tifai_store_dberr(x->s, "cannot search");
  sqlite3_reset(x->get);
  return rc;
}

/* {====== Ranking statistics ====== */

/* Do statistics 'st' fit query 'q': as many phrases, the same when 'st' names them? */
static int checkstats (tifa_store *s, tifai_query *q, const tifa_search_stats *st) {
  tifai_buf ph = TIFAI_BUF_INIT;
  size_t n = tifai_query_phrases(q, &ph), i;
  int rc = TIFA_OK;
  if (ph.oom) rc = tifai_store_fail(s, TIFA_NOMEM, "out of memory");
  else if (st->nphrases != n)
    rc = tifai_store_fail(s, TIFA_ERROR, "ranking statistics for %zu phrase%s, the query has %zu",
                          st->nphrases, st->nphrases == 1 ? "" : "s", n);
  else if (st->phrases != NULL) {
    const char *a = st->phrases, *b = ph.p;
    for (i = 0; i < n; i++, a += strlen(a) + 1, b += strlen(b) + 1) {
      if (strcmp(a, b) != 0) {
        rc = tifai_store_fail(s, TIFA_ERROR, "ranking statistics of another query "
                              "(phrase %zu is %s, the query's %s)", i + 1, a, b);
        break;
      }
    }
  }
  tifai_buf_free(&ph);
  return rc;
}

void tifa_search_stats_free (tifa_search_stats *st) {
  if (st == NULL) return;
  free(st->df);
  free(st->phrases);
  memset(st, 0, sizeof(*st));
}

int tifa_store_search_stats (tifa_store *s, const char *query, int flags,
                             tifa_search_stats *out) {
  tifai_query *q = NULL;
  tifai_buf ph = TIFAI_BUF_INIT;
  sqlite3_stmt *st = NULL;
  const char *p;
  size_t n, i;
  int rc, step, words = (flags & TIFA_MATCH_WORDS) != 0;
  memset(out, 0, sizeof(*out));
  if ((rc = compilequery(s, query, flags, &q)) != TIFA_OK) return rc;
  n = tifai_query_phrases(q, &ph);
  if (ph.oom || (out->df = (int64_t *)calloc(n ? n : 1, sizeof(int64_t))) == NULL
      || (out->phrases = (char *)malloc(ph.len ? ph.len : 1)) == NULL) {
    rc = tifai_store_fail(s, TIFA_NOMEM, "out of memory");
    goto done;
  }
  if (ph.len) memcpy(out->phrases, ph.p, ph.len);
  out->nphrases = n;
  /* the totals: in any row of the index (none: an empty index, 0 and 0) */
  if (sqlite3_prepare_v2(s->db, words
        ? "SELECT tifa_totals(article_words, 0), tifa_totals(article_words, 1) FROM article_words LIMIT 1"
        : "SELECT tifa_totals(article_fts, 0), tifa_totals(article_fts, 1) FROM article_fts LIMIT 1",
        -1, &st, NULL) != SQLITE_OK) {
    rc = tifai_store_dberr(s, "cannot search");
    goto done;
  }
  if ((step = sqlite3_step(st)) == SQLITE_ROW) {
    out->rows = sqlite3_column_int64(st, 0);
    out->tokens = sqlite3_column_int64(st, 1);
  }
  else if (step != SQLITE_DONE) { rc = tifai_store_dberr(s, "cannot search"); goto done; }
  sqlite3_finalize(st);
  st = NULL;
  /* each phrase's articles, counted as FTS5's bm25 counts them (xQueryPhrase) */
  if (sqlite3_prepare_v2(s->db, words
        ? "SELECT count(*) FROM article_words WHERE article_words MATCH ?1"
        : "SELECT count(*) FROM article_fts WHERE article_fts MATCH ?1", -1, &st, NULL) != SQLITE_OK) {
    rc = tifai_store_dberr(s, "cannot search");
    goto done;
  }
  for (i = 0, p = ph.p; i < n; i++, p += strlen(p) + 1) {
    sqlite3_bind_text(st, 1, p, -1, SQLITE_STATIC);
    if (sqlite3_step(st) != SQLITE_ROW) { rc = tifai_store_dberr(s, "cannot search"); goto done; }
    out->df[i] = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
  }
done:
  sqlite3_finalize(st);
  tifai_buf_free(&ph);
  tifai_query_free(q);
  if (rc != TIFA_OK) {
    tifa_search_stats_free(out);
    if (s->interrupted) rc = tifai_store_fail(s, TIFA_INTERRUPTED, "interrupted");
  }
  return rc;
}

/* }====== */

int tifa_store_search (tifa_store *s, const char *query, const tifa_search_opts *o,
                       tifa_hit_fn f, void *ud) {
  searcher x;
  sqlite3_stmt *cand = NULL;
  long fetched = 0;
  int rc, step;
  memset(&x, 0, sizeof(x));
  x.s = s;
  x.f = f;
  x.ud = ud;
  x.limit = (o && o->limit > 0) ? o->limit : DEFAULT_LIMIT;
  x.skip = (o && o->offset > 0) ? o->offset : 0;
  x.ctx = (o && o->context > 0) ? o->context : DEFAULT_CONTEXT;
  x.mo = (o && o->mark_open) ? o->mark_open : TIFA_MARK_OPEN;
  x.mc = (o && o->mark_close) ? o->mark_close : TIFA_MARK_CLOSE;
  if ((rc = compilequery(s, query, o ? o->flags : 0, &x.q)) != TIFA_OK) return rc;
  if (o && o->stats && (rc = checkstats(s, x.q, o->stats)) != TIFA_OK) goto done;
  /* rank: bm25 (tifa_bm25, with the statistics given or the index's own) with the title
  ** weighted twice the text; smaller is better */
  if (sqlite3_prepare_v2(s->db, (o && (o->flags & TIFA_MATCH_WORDS))
        ? "SELECT rowid, tifa_bm25(article_words, ?4, 2.0, 1.0) AS r FROM article_words "
          "WHERE article_words MATCH ?1 ORDER BY r LIMIT ?2 OFFSET ?3"
        : "SELECT rowid, tifa_bm25(article_fts, ?4, 2.0, 1.0) AS r FROM article_fts "
          "WHERE article_fts MATCH ?1 ORDER BY r LIMIT ?2 OFFSET ?3", -1, &cand, NULL) != SQLITE_OK
      || sqlite3_prepare_v2(s->db, "SELECT " TIFAI_INDEXED_TITLE("article") ", text FROM article WHERE id = ?1", -1, &x.get, NULL) != SQLITE_OK) {
    rc = tifai_store_dberr(s, "cannot search");
    goto done;
  }
  sqlite3_bind_text(cand, 1, tifai_query_match(x.q), -1, SQLITE_STATIC);
  if (o && o->stats)
    sqlite3_bind_pointer(cand, 4, (void *)o->stats, TIFAI_STATS_PTR, NULL);
  for (;;) {                                      /* batches of candidates in rank order */
    long inbatch = 0, want = (x.skip + x.limit - x.found) * 2;
    if (want < BATCH) want = BATCH;
    sqlite3_bind_int64(cand, 2, want);
    sqlite3_bind_int64(cand, 3, fetched);
    while (rc == TIFA_OK && x.found < x.skip + x.limit && (step = sqlite3_step(cand)) == SQLITE_ROW) {
      inbatch++;
      fetched++;
      rc = candidate(&x, sqlite3_column_int64(cand, 0), -sqlite3_column_double(cand, 1));
    }
    if (rc == TIFA_OK && x.found < x.skip + x.limit && step != SQLITE_DONE) {
      rc = tifai_store_dberr(s, "cannot search");
      break;
    }
    sqlite3_reset(cand);
    if (rc != TIFA_OK || x.found >= x.skip + x.limit || inbatch < want) break;
  }
  /* articles not yet indexed (an ingest under way, or one cut short): verified one by one,
  ** after the ranked hits, with a score of 0 */
  if (rc == TIFA_OK && x.found < x.skip + x.limit && tifai_index_pending(s)) {
    sqlite3_finalize(cand);
    if (sqlite3_prepare_v2(s->db, "SELECT article_id FROM fts_pending ORDER BY article_id",
                           -1, &cand, NULL) != SQLITE_OK) {
      rc = tifai_store_dberr(s, "cannot search");
      goto done;
    }
    while (rc == TIFA_OK && x.found < x.skip + x.limit && (step = sqlite3_step(cand)) == SQLITE_ROW)
      rc = candidate(&x, sqlite3_column_int64(cand, 0), 0.0);
  }
done:
  sqlite3_finalize(cand);
  sqlite3_finalize(x.get);
  tifai_buf_free(&x.offs);
  tifai_buf_free(&x.toffs);
  tifai_buf_free(&x.snip);
  tifai_query_free(x.q);
  if (s->interrupted && rc != TIFA_OK) rc = tifai_store_fail(s, TIFA_INTERRUPTED, "interrupted");
  return rc;
}

/* Count by verification: every candidate's title and text searched for the query. */
static int countverify (tifa_store *s, tifai_query *q, sqlite3_stmt *st, int64_t *total,
                        int64_t *articles, tifa_count_fn f, void *ud) {
  tifai_buf offs = TIFAI_BUF_INIT, toffs = TIFAI_BUF_INIT;
  int rc = TIFA_OK, step, v;
  while ((step = sqlite3_step(st)) == SQLITE_ROW) {
    const char *title = (const char *)sqlite3_column_text(st, 1);
    size_t tlen = (size_t)sqlite3_column_bytes(st, 1);
    const char *text = (const char *)sqlite3_column_text(st, 2);
    size_t len = (size_t)sqlite3_column_bytes(st, 2);
    tifai_buf_reset(&offs);
    tifai_buf_reset(&toffs);
    if (((title == NULL || text == NULL) && sqlite3_errcode(s->db) == SQLITE_NOMEM)
        || (v = tifai_query_verify(q, title ? title : "", tlen, text ? text : "", len, &offs, &toffs)) < 0) {
      rc = tifai_store_fail(s, TIFA_NOMEM, "out of memory");
      break;
    }
    if (v > 0) {
      int64_t n = (int64_t)((offs.len + toffs.len) / (2 * sizeof(int64_t)));
      *total += n;
      (*articles)++;
      if (f && (rc = f(ud, sqlite3_column_int64(st, 0), n)) != 0) break;
    }
    if (offs.oom || toffs.oom) { rc = tifai_store_fail(s, TIFA_NOMEM, "out of memory"); break; }
  }
  if (rc == TIFA_OK && step != SQLITE_DONE) rc = tifai_store_dberr(s, "cannot count");
  tifai_buf_free(&offs);
  tifai_buf_free(&toffs);
  return rc;
}

/* Count from the index alone: the query is one unbroken run of letters and digits, so its
** bigram phrase matches exactly where it occurs (tifai_query_exact). */
static int countindex (tifa_store *s, sqlite3_stmt *st, int64_t *total, int64_t *articles,
                       tifa_count_fn f, void *ud) {
  int rc = TIFA_OK, step;
  while ((step = sqlite3_step(st)) == SQLITE_ROW) {
    int64_t n = sqlite3_column_int64(st, 1);
    if (n <= 0) continue;
    *total += n;
    (*articles)++;
    if (f && (rc = f(ud, sqlite3_column_int64(st, 0), n)) != 0) break;
  }
  if (rc == TIFA_OK && step != SQLITE_DONE) rc = tifai_store_dberr(s, "cannot count");
  return rc;
}

int tifa_store_count (tifa_store *s, const char *query, int64_t *total, int64_t *articles,
                      tifa_count_fn f, void *ud) {
  return tifa_store_countx(s, query, 0, total, articles, f, ud);
}

int tifa_store_countx (tifa_store *s, const char *query, int flags, int64_t *total,
                       int64_t *articles, tifa_count_fn f, void *ud) {
  tifai_query *q = NULL;
  sqlite3_stmt *st = NULL;
  int rc, exact;
  *total = 0;
  *articles = 0;
  if ((rc = compilequery(s, query, flags, &q)) != TIFA_OK) return rc;
  exact = tifai_query_exact(q);
  if (sqlite3_prepare_v2(s->db, exact
        ? "SELECT rowid, tifa_hits(article_fts) FROM article_fts WHERE article_fts MATCH ?1 ORDER BY rowid"
        : (flags & TIFA_MATCH_WORDS)
        ? "SELECT a.id, " TIFAI_INDEXED_TITLE("a") ", a.text FROM article AS a WHERE a.id IN "
          "(SELECT rowid FROM article_words WHERE article_words MATCH ?1) ORDER BY a.id"
        : "SELECT a.id, " TIFAI_INDEXED_TITLE("a") ", a.text FROM article AS a WHERE a.id IN "
          "(SELECT rowid FROM article_fts WHERE article_fts MATCH ?1) ORDER BY a.id",
        -1, &st, NULL) != SQLITE_OK) {
    rc = tifai_store_dberr(s, "cannot count");
    goto done;
  }
  sqlite3_bind_text(st, 1, tifai_query_match(q), -1, SQLITE_STATIC);
  rc = exact ? countindex(s, st, total, articles, f, ud) : countverify(s, q, st, total, articles, f, ud);
  /* then the articles not yet indexed, verified one by one */
  if (rc == TIFA_OK && tifai_index_pending(s)) {
    sqlite3_finalize(st);
    if (sqlite3_prepare_v2(s->db, "SELECT a.id, " TIFAI_INDEXED_TITLE("a") ", a.text FROM fts_pending AS p JOIN article AS a "
                           "ON a.id = p.article_id ORDER BY a.id", -1, &st, NULL) != SQLITE_OK) {
      rc = tifai_store_dberr(s, "cannot count");
      goto done;
    }
    rc = countverify(s, q, st, total, articles, f, ud);
  }
done:
  sqlite3_finalize(st);
  tifai_query_free(q);
  if (s->interrupted && rc != TIFA_OK) rc = tifai_store_fail(s, TIFA_INTERRUPTED, "interrupted");
  return rc;
}
