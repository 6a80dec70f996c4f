/*
** part.c -- the parts of analytics: one shard's (or one store's) share of an answer, as JSON
** Lines (docs/shards.md): a header with the request, records, a trailer.
*/
#include <stdlib.h>
#include <string.h>
#include <jansson.h>
#include <sqlite3.h>
#include "tifa_track.h"
#include "store.h"                 /* tifai_store_fail */
#include "shard.h"

int tifai_sink_put (const tifai_sink *k, json_t *j) {
  char *line;
  int rc;
  if (j == NULL) return TIFA_NOMEM;
  if (k->jf) return k->jf(k->ud, j);
  line = json_dumps(j, JSON_COMPACT | JSON_PRESERVE_ORDER);
  if (line == NULL) return TIFA_NOMEM;
  rc = k->f(k->ud, line, strlen(line));
  free(line);
  return rc;
}

int tifai_part_emit (part *p, json_t *j) {
  int rc = tifai_sink_put(&p->out, j);
  json_decref(j);
  return rc;
}

static json_int_t gid (part *p, int64_t local) {
  return (json_int_t)(p->shard > 0 ? TIFA_SHARD_ID(p->shard, local) : local);
}

int tifai_part_provenance (part *p, json_t *j, int64_t id) {
  int rc = TIFA_OK;
  if (p->noprov) {
    json_object_set_new(j, "id", json_integer(gid(p, id)));
    return TIFA_OK;
  }
  if (p->prov == NULL && sqlite3_prepare_v2(tifa_store_sqlite(p->s),
        "SELECT f.path, a.seq FROM article AS a JOIN file AS f ON f.id = a.file_id WHERE a.id = ?1",
        -1, &p->prov, NULL) != SQLITE_OK) return TIFA_DB;
  sqlite3_bind_int64(p->prov, 1, id);
  json_object_set_new(j, "id", json_integer(gid(p, id)));
  if (sqlite3_step(p->prov) == SQLITE_ROW) {
    json_object_set_new(j, "file", json_string((const char *)sqlite3_column_text(p->prov, 0)));
    json_object_set_new(j, "seq", json_integer(sqlite3_column_int64(p->prov, 1)));
  }
  else rc = TIFA_DB;
  sqlite3_reset(p->prov);
  return rc;
}

/* {====== count ====== */

typedef struct hit { int64_t id, n; } hit;

typedef struct hits { hit *v; size_t n, cap; } hits;

static int addhit (void *ud, int64_t article, int64_t n) {
  hits *h = (hits *)ud;
  if (h->n == h->cap) {
    size_t ncap = h->cap ? 2 * h->cap : 256;
    hit *nv = (hit *)realloc(h->v, ncap * sizeof(hit));
    if (nv == NULL) return TIFA_NOMEM;
    h->v = nv; h->cap = ncap;
  }
  h->v[h->n].id = article;
  h->v[h->n++].n = n;
  return 0;
}

static int cmphit (const void *a, const void *b) {   /* n descending, then id */
  const hit *x = (const hit *)a, *y = (const hit *)b;
  if (x->n != y->n) return x->n > y->n ? -1 : 1;
  return (x->id > y->id) - (x->id < y->id);
}

/* Move the first 'k' hits in cmphit's order to v[0..k), sorted (k < n): a heap of the k
** best so far, its worst at the top, so that a short top of many hits costs n log k. */
static void tophits (hit *v, size_t n, size_t k) {
  size_t i, j, c;
  hit t;
  for (i = k / 2; i-- > 0;)                     /* heapify v[0..k): the worst on top */
    for (j = i; (c = 2 * j + 1) < k; j = c) {
      if (c + 1 < k && cmphit(&v[c + 1], &v[c]) > 0) c++;
      if (cmphit(&v[c], &v[j]) <= 0) break;
      t = v[j]; v[j] = v[c]; v[c] = t;
    }
  for (i = k; i < n; i++) {
    if (cmphit(&v[i], &v[0]) >= 0) continue;    /* not better than the worst kept */
    v[0] = v[i];
    for (j = 0; (c = 2 * j + 1) < k; j = c) {
      if (c + 1 < k && cmphit(&v[c + 1], &v[c]) > 0) c++;
      if (cmphit(&v[c], &v[j]) <= 0) break;
      t = v[j]; v[j] = v[c]; v[c] = t;
    }
  }
  qsort(v, k, sizeof(hit), cmphit);
}

static int count (part *p, const char *query, const tifa_part_opts *o) {
  hits h = {NULL, 0, 0};
  int64_t total = 0, articles = 0;
  size_t i, n;
  int rc = tifa_store_countx(p->s, query, o->flags, &total, &articles, addhit, &h);
  if (rc == TIFA_OK) {
    n = o->limit > 0 && (size_t)o->limit < h.n ? (size_t)o->limit : h.n;
    if (n < h.n) tophits(h.v, h.n, n);
    else if (h.n > 1) qsort(h.v, h.n, sizeof(hit), cmphit);
    for (i = 0; i < n && rc == TIFA_OK; i++) {
      json_t *j = json_object();
      if ((rc = tifai_part_provenance(p, j, h.v[i].id)) != TIFA_OK) { json_decref(j); break; }
      json_object_set_new(j, "n", json_integer(h.v[i].n));
      rc = tifai_part_emit(p, j);
    }
    if (rc == TIFA_OK)
      rc = tifai_part_emit(p, json_pack("{s:i, s:I, s:I}", "end", 1, "total", (json_int_t)total,
                             "articles", (json_int_t)articles));
  }
  free(h.v);
  return rc;
}

/* }====== */

static int onword (void *ud, const char *w, size_t len, int64_t n, int64_t a) {
  return tifai_part_emit((part *)ud, json_pack("{s:s%, s:I, s:I}", "w", w, len, "n", (json_int_t)n,
                                    "a", (json_int_t)a));
}

static int words (part *p) {
  tifa_vocab_opts v;
  int rc;
  memset(&v, 0, sizeof(v));
  v.min = 1;
  rc = tifa_store_vocab(p->s, &v, onword, p);
  return rc == TIFA_OK ? tifai_part_emit(p, json_pack("{s:i}", "end", 1)) : rc;
}

static int onperiod (void *ud, const tifa_period *t) {
  return tifai_part_emit((part *)ud, json_pack("{s:s, s:I, s:I}", "p", t->period, "n", (json_int_t)t->count,
                                    "a", (json_int_t)t->articles));
}

static int timeline (part *p, const char *query, const tifa_part_opts *o) {
  tifa_undated u;
  int rc;
  memset(&u, 0, sizeof(u));
  rc = tifa_timeline(p->s, query, o->flags, o->by, NULL, 0, onperiod, p, &u);
  if (rc != TIFA_OK) return rc;
  return tifai_part_emit(p, json_pack("{s:i, s:{s:I, s:I}}", "end", 1, "undated", "n", (json_int_t)u.count,
                           "a", (json_int_t)u.articles));
}

static int online (void *ud, const tifa_kwic_line *l) {
  part *p = (part *)ud;
  json_t *j = json_object();
  int rc = tifai_part_provenance(p, j, l->id);
  if (rc != TIFA_OK) { json_decref(j); return rc; }
  json_object_set_new(j, "date", l->date ? json_string(l->date) : json_null());
  json_object_set_new(j, "t", json_integer(l->title));
  json_object_set_new(j, "from", json_integer((json_int_t)l->from));
  json_object_set_new(j, "to", json_integer((json_int_t)l->to));
  json_object_set_new(j, "p", json_integer((json_int_t)l->paragraph));
  json_object_set_new(j, "l", json_stringn(l->left, l->left_len));
  json_object_set_new(j, "m", json_stringn(l->match, l->match_len));
  json_object_set_new(j, "r", json_stringn(l->right, l->right_len));
  return tifai_part_emit(p, j);
}

static int kwic (part *p, const char *query, const tifa_part_opts *o) {
  tifa_kwic_opts k;
  int rc;
  memset(&k, 0, sizeof(k));
  k.width = o->width;
  k.sort = TIFA_KWIC_ARTICLE;                       /* the merge sorts */
  k.flags = o->flags;
  rc = tifa_kwic(p->s, query, &k, online, p);
  return rc == TIFA_OK ? tifai_part_emit(p, json_pack("{s:i}", "end", 1)) : rc;
}

/* {====== dispersion ====== */

static int ondisp (void *ud, const tifa_dispersion_row *r) {
  part *p = (part *)ud;
  json_t *j = json_object(), *from = json_array();
  int64_t i;
  int rc = tifai_part_provenance(p, j, r->id);
  for (i = 0; i < r->count; i++) json_array_append_new(from, json_integer((json_int_t)r->from[i]));
  if (rc != TIFA_OK) { json_decref(j); json_decref(from); return rc; }
  json_object_set_new(j, "nchars", json_integer((json_int_t)r->nchars));
  json_object_set_new(j, "count", json_integer((json_int_t)r->count));
  json_object_set_new(j, "from", from);
  json_object_set_new(j, "plot", json_string(r->plot));
  return tifai_part_emit(p, j);
}

/* The rows of the shard's articles with a match; the trailer has what the measures need from
** the articles without one: the parts (articles with text), their characters, the fewest. */
static int dispersion (part *p, const char *query, const tifa_part_opts *o) {
  tifa_dispersion_stats st;
  sqlite3_stmt *q;
  int64_t chars = 0, minchars = 0;
  int rc = tifa_dispersion(p->s, query, o->flags, NULL, 0, o->cells, ondisp, p, &st);
  if (rc != TIFA_OK) return rc;
  if (sqlite3_prepare_v2(tifa_store_sqlite(p->s), "SELECT sum(nchars), min(nchars) FROM article "
                         "WHERE nchars > 0", -1, &q, NULL) != SQLITE_OK) return TIFA_DB;
  if (sqlite3_step(q) == SQLITE_ROW) {
    chars = sqlite3_column_int64(q, 0);
    minchars = sqlite3_column_int64(q, 1);
  }
  sqlite3_finalize(q);
  return tifai_part_emit(p, json_pack("{s:i, s:I, s:I, s:I, s:I}", "end", 1, "parts", (json_int_t)st.parts,
                                      "chars", (json_int_t)chars, "minchars", (json_int_t)minchars,
                                      "total", (json_int_t)st.total));
}

/* }====== */

static const char *const sortnames[] = {"article", "left", "right"};

int tifa_part (tifa_store *s, const char *analytic, const char *query, int shard, int nshards,
               const char *uuid, const tifa_part_opts *o, tifa_jsonl_fn f, void *ud) {
  tifai_sink out;
  out.f = f; out.jf = NULL; out.ud = ud;
  return tifai_part_to(s, analytic, query, shard, nshards, uuid, o, &out);
}

int tifai_part_to (tifa_store *s, const char *analytic, const char *query, int shard,
                   int nshards, const char *uuid, const tifa_part_opts *o, const tifai_sink *out) {
  static const tifa_part_opts none;
  part p;
  json_t *h, *args;
  int rc, words_ = 0, began = 0;
  if (o == NULL) o = &none;
  memset(&p, 0, sizeof(p));
  p.s = s; p.shard = shard; p.out = *out;
  p.noprov = o != NULL && o->noprov;
  args = json_object();
  if (strcmp(analytic, "track") == 0) {             /* the lexicon's text, or null: built in */
    json_object_set_new(args, "lexicon", query ? json_string(query) : json_null());
    json_object_set_new(args, "words", json_boolean(o->flags & TIFA_MATCH_WORDS));
    json_object_set_new(args, "by", json_string(o->by == TIFA_BY_YEAR ? "year" : "month"));
    json_object_set_new(args, "min_articles", json_integer(o->min_articles >= 0 ? o->min_articles
                                                           : query ? 0 : 2));
    json_object_set_new(args, "matches", json_boolean(o->matches));
  }
  else if (strcmp(analytic, "dispersion") == 0) {
    if (query == NULL) { json_decref(args); return TIFA_SYNTAX; }
    json_object_set_new(args, "query", json_string(query));
    json_object_set_new(args, "words", json_boolean(o->flags & TIFA_MATCH_WORDS));
    json_object_set_new(args, "cells", json_integer(o->cells > 0 ? o->cells : 50));
  }
  else if (strcmp(analytic, "count") == 0 || strcmp(analytic, "kwic") == 0 || strcmp(analytic, "timeline") == 0) {
    json_object_set_new(args, "query", query ? json_string(query) : json_null());
    json_object_set_new(args, "words", json_boolean(o->flags & TIFA_MATCH_WORDS));
    if (strcmp(analytic, "timeline") == 0)
      json_object_set_new(args, "by", json_string(o->by == TIFA_BY_YEAR ? "year" : "month"));
    else json_object_set_new(args, "n", json_integer(o->limit));
    if (strcmp(analytic, "kwic") == 0) {
      json_object_set_new(args, "sort", json_string(sortnames[o->sort >= 0 && o->sort <= 2 ? o->sort : 0]));
      json_object_set_new(args, "width", json_integer(o->width));
    }
    if (query == NULL && strcmp(analytic, "timeline") != 0) {
      json_decref(args);
      return TIFA_SYNTAX;
    }
  }
  else if (strcmp(analytic, "words") == 0) {
    words_ = 1;
    json_object_set_new(args, "n", json_integer(o->limit));
    json_object_set_new(args, "min", json_integer(o->min > 0 ? o->min : 1));
  }
  else if (strcmp(analytic, "search-stats") == 0 || strcmp(analytic, "search") == 0) {
    if (query == NULL) { json_decref(args); return TIFA_SYNTAX; }
    json_object_set_new(args, "query", json_string(query));
    json_object_set_new(args, "words", json_boolean(o->flags & TIFA_MATCH_WORDS));
    if (analytic[6] == '\0') {                      /* search: what ranks and cuts */
      const tifa_search_stats *st = o->stats;
      json_t *stats = json_null();
      size_t i;
      json_object_set_new(args, "n", json_integer(o->limit > 0 ? o->limit : 20));
      json_object_set_new(args, "offset", json_integer(o->offset > 0 ? o->offset : 0));
      json_object_set_new(args, "context", json_integer(o->context > 0 ? o->context : 30));
      if (st) {                                     /* the statistics: all parts the same */
        json_t *df = json_array();
        for (i = 0; i < st->nphrases; i++) json_array_append_new(df, json_integer(st->df[i]));
        stats = json_pack("{s:I, s:I, s:o}", "rows", (json_int_t)st->rows,
                          "tokens", (json_int_t)st->tokens, "df", df);
      }
      json_object_set_new(args, "stats", stats);
    }
  }
  else {
    json_decref(args);
    return TIFA_ERROR;
  }
  h = json_pack("{s:i, s:s, s:s, s:o, s:i, s:i}", "tifa_part", 1, "tifa", TIFA_VERSION,
                "analytic", analytic, "args", args, "shard", shard, "shards", nshards);
  if (h == NULL) return TIFA_NOMEM;
  json_object_set_new(h, "corpus", uuid ? json_string(uuid) : json_null());
  if ((rc = tifai_part_emit(&p, h)) != TIFA_OK) return rc;
  /* one read transaction for the whole part: one snapshot of the store (an ingest that
  ** commits meanwhile is not half seen), and its lock taken once instead of by every
  ** statement (a lookup per record took and dropped it each time) */
  if (sqlite3_get_autocommit(tifa_store_sqlite(s))
      && sqlite3_exec(tifa_store_sqlite(s), "BEGIN", NULL, NULL, NULL) == SQLITE_OK) began = 1;
  if (words_) rc = words(&p);
  else if (strcmp(analytic, "search-stats") == 0) rc = tifai_part_search_stats(&p, query, o);
  else if (strcmp(analytic, "search") == 0) rc = tifai_part_search(&p, query, o);
  else if (strcmp(analytic, "dispersion") == 0) rc = dispersion(&p, query, o);
  else if (strcmp(analytic, "track") == 0) rc = tifai_part_track(&p, query, o);
  else if (analytic[0] == 'c') rc = count(&p, query, o);
  else if (analytic[0] == 't') rc = timeline(&p, query, o);
  else rc = kwic(&p, query, o);
  if (p.prov) sqlite3_finalize(p.prov);
  if (began) {                                      /* ending it clears SQLite's message */
    sqlite3 *db = tifa_store_sqlite(s);
    int tries;
    if (rc != TIFA_OK && tifa_store_errmsg(s)[0] == '\0' && sqlite3_errcode(db) != SQLITE_OK)
      tifai_store_fail(s, rc, "%s", sqlite3_errmsg(db));
    for (tries = 0; tries < 100 && !sqlite3_get_autocommit(db); tries++)   /* interrupted? */
      if (sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
        sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
  }
  return rc;
}
