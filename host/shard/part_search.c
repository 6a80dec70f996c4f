/*
** part_search.c -- the two parts of a corpus-wide search (docs/shards.md): "search-stats", a
** shard's share of the query's BM25 statistics (summed by the merge), and "search", the
** shard's best hits ranked with the corpus's statistics (merged by score).
*/
#include <stdlib.h>
#include <string.h>
#include <jansson.h>
#include <sqlite3.h>
#include "shard.h"

/* The articles the shard's index holds ("rows" of the statistics), now. */
static int indexrows (part *p, int words, int64_t *rows) {
  sqlite3_stmt *st;
  int step;
  *rows = 0;
  if (sqlite3_prepare_v2(tifa_store_sqlite(p->s), words
        ? "SELECT tifa_totals(article_words, 0) FROM article_words LIMIT 1"
        : "SELECT tifa_totals(article_fts, 0) FROM article_fts LIMIT 1", -1, &st, NULL) != SQLITE_OK)
    return TIFA_DB;
  if ((step = sqlite3_step(st)) == SQLITE_ROW) *rows = sqlite3_column_int64(st, 0);
  sqlite3_finalize(st);
  return step == SQLITE_ROW || step == SQLITE_DONE ? TIFA_OK : TIFA_DB;
}

int tifai_part_search_stats (part *p, const char *query, const tifa_part_opts *o) {
  tifa_search_stats st;
  json_t *ph, *df;
  const char *s;
  size_t i;
  int rc = tifa_store_search_stats(p->s, query, o->flags, &st);
  if (rc != TIFA_OK) return rc;
  ph = json_array();
  df = json_array();
  for (i = 0, s = st.phrases; i < st.nphrases; i++, s += strlen(s) + 1) {
    json_array_append_new(ph, json_string(s));
    json_array_append_new(df, json_integer((json_int_t)st.df[i]));
  }
  rc = tifai_part_emit(p, json_pack("{s:I, s:I, s:o, s:o}", "rows", (json_int_t)st.rows,
                                    "tokens", (json_int_t)st.tokens, "phrases", ph, "df", df));
  tifa_search_stats_free(&st);
  return rc == TIFA_OK ? tifai_part_emit(p, json_pack("{s:i}", "end", 1)) : rc;
}

/* {====== search ====== */

typedef struct shit {               /* a hit, copied out of the callback */
  int64_t id;
  double score;
  json_t *rest;                     /* {snippet, offsets, title_offsets} */
} shit;

typedef struct shits { shit *v; size_t n, cap; } shits;

static json_t *offsets (const int64_t *v, size_t n) {
  json_t *a = json_array();
  size_t i;
  for (i = 0; a && i < 2 * n; i++) json_array_append_new(a, json_integer((json_int_t)v[i]));
  return a;
}

static int onhit (void *ud, const tifa_hit *h) {
  shits *r = (shits *)ud;
  json_t *rest;
  if (r->n == r->cap) {
    size_t ncap = r->cap ? 2 * r->cap : 64;
    shit *nv = (shit *)realloc(r->v, ncap * sizeof(shit));
    if (nv == NULL) return TIFA_NOMEM;
    r->v = nv; r->cap = ncap;
  }
  rest = json_pack("{s:s, s:o, s:o}", "snippet", h->snippet, "offsets", offsets(h->offsets, h->nmatch),
                   "title_offsets", offsets(h->title_offsets, h->ntitle));
  if (rest == NULL) return TIFA_NOMEM;
  r->v[r->n].id = h->article;
  r->v[r->n].score = h->score;
  r->v[r->n++].rest = rest;
  return 0;
}

static void clearhits (shits *r) {
  size_t i;
  for (i = 0; i < r->n; i++) json_decref(r->v[i].rest);
  r->n = 0;
}

/* The shard's verified hits ranked with o->stats: its first offset+limit, and the hits after
** them that score as the last of those (the merge orders ties by id or by provenance, not by
** FTS5's order, so any of them may be in the corpus's first offset+limit). Hits come in score
** order (descending; articles not yet indexed last, with 0), so the search is run again with
** twice the hits while its last one ties the cut. */
int tifai_part_search (part *p, const char *query, const tifa_part_opts *o) {
  tifa_search_opts so;
  shits r = {NULL, 0, 0};
  long cut = (o->limit > 0 ? o->limit : 20) + (o->offset > 0 ? o->offset : 0), want = cut + 1;
  size_t i, keep = 0;
  int64_t rows = 0;
  json_t *end;
  int rc;
  memset(&so, 0, sizeof(so));
  so.context = o->context;
  so.flags = o->flags;
  so.stats = o->stats;
  if ((rc = indexrows(p, o->flags & TIFA_MATCH_WORDS, &rows)) != TIFA_OK)
    return rc;
  for (;;) {
    clearhits(&r);
    so.limit = want;
    if ((rc = tifa_store_search(p->s, query, &so, onhit, &r)) != TIFA_OK) goto done;
    if (r.n < (size_t)want || r.v[want - 1].score != r.v[cut - 1].score) break;
    want *= 2;
  }
  keep = r.n < (size_t)cut ? r.n : (size_t)cut;
  while (keep > 0 && keep < r.n && r.v[keep].score == r.v[keep - 1].score) keep++;
  for (i = 0; i < keep && rc == TIFA_OK; i++) {
    json_t *j = json_object(), *rest = r.v[i].rest;
    if ((rc = tifai_part_provenance(p, j, r.v[i].id)) != TIFA_OK) { json_decref(j); break; }
    json_object_set_new(j, "score", json_real(r.v[i].score));
    json_object_set(j, "snippet", json_object_get(rest, "snippet"));
    json_object_set(j, "offsets", json_object_get(rest, "offsets"));
    json_object_set(j, "title_offsets", json_object_get(rest, "title_offsets"));
    rc = tifai_part_emit(p, j);
  }
  if (rc == TIFA_OK) {                              /* the rows: the merge checks them */
    end = json_pack("{s:i, s:I}", "end", 1, "rows", (json_int_t)rows);
    if (end && o->stats_rows > 0)
      json_object_set_new(end, "stats_rows", json_integer((json_int_t)o->stats_rows));
    rc = tifai_part_emit(p, end);
  }
done:
  clearhits(&r);
  free(r.v);
  return rc;
}

/* }====== */
