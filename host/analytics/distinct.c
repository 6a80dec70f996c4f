/*
** distinct.c -- the most distinctive articles of a set (tifa_lexis_distinctive): each
** article's mean idf over its content words, read from the forward index (lexsrc.h).
*/
#include <stdlib.h>
#include <string.h>
#include "tifa.h"
#include "tifa_lexis.h"
#include "store.h"
#include "lexis.h"
#include "lexsrc.h"

typedef struct drow { int64_t id, tokens; double score; } drow;

typedef struct dctx {
  const tifa_lexis_distinct_opts *o;
  const tifa_lexis_idf *idf;
  tifai_lexsrc *src;
  double *widf; size_t widfcap;     /* idf by word id of the lexicon of store 'k' */
  unsigned char *known; size_t kcap;  /* 1: widf[w] is known */
  size_t k;                         /* the store whose word ids widf holds */
  drow *rows; size_t n, cap;
  /* the second pass: the words of one article */
  int words;
  tifai_lexmap w;                   /* lowercased words */
  struct { int64_t tf; double idf; } *wi; size_t wicap;
  tifa_lexis_distinct_fn f; void *ud;
  double score; int64_t tokens;
  char low[256];
} dctx;

static int scoreone (void *ud, int64_t id, const char *const s[2], const size_t len[2],
                     tifai_toks *const toks[2]) {
  dctx *c = (dctx *)ud;
  double sum = 0;
  int64_t n = 0;
  size_t i;
  int k;
  (void)len;
  if (c->src->k != c->k) {                  /* another store: other word ids */
    if (c->kcap > 0) memset(c->known, 0, c->kcap);
    c->k = c->src->k;
  }
  for (k = 0; k < 2; k++)
    for (i = 0; i < toks[k]->n; i++) {
      const tifai_tok *t = &toks[k]->t[i];
      uint32_t w = c->src->wid[k][i];
      if (!(t->flags & TIFAI_TOK_CONTENT)) continue;
      n++;
      if (w == UINT32_MAX) { sum += tifa_lexis_idf_get(c->idf, s[k] + t->byte, t->nbyte); continue; }
      if (w >= c->widfcap && (tifai_lex_grow(&c->widf, &c->widfcap, (size_t)w + 1, sizeof(double)) != 0
                              || tifai_lex_grow(&c->known, &c->kcap, (size_t)w + 1, 1) != 0))
        return TIFA_NOMEM;
      if (!c->known[w]) {
        c->widf[w] = tifa_lexis_idf_get(c->idf, s[k] + t->byte, t->nbyte);
        c->known[w] = 1;
      }
      sum += c->widf[w];
    }
  if (n < c->o->min) return 0;
  if (tifai_lex_grow(&c->rows, &c->cap, c->n + 1, sizeof(drow)) != 0) return TIFA_NOMEM;
  c->rows[c->n].id = id;
  c->rows[c->n].tokens = n;
  c->rows[c->n++].score = sum / (double)n;
  return 0;
}

typedef struct wrow { double key; size_t i; } wrow;
static const tifai_lexmap *sortmap;

static int cmpw (const void *x, const void *y) {
  const wrow *a = (const wrow *)x, *b = (const wrow *)y;
  if (a->key != b->key) return a->key > b->key ? -1 : 1;
  return strcmp(tifai_lexmap_key(sortmap, a->i, NULL), tifai_lexmap_key(sortmap, b->i, NULL));
}

static int wordsone (void *ud, int64_t id, const char *const s[2], const size_t len[2],
                     tifai_toks *const toks[2]) {
  dctx *c = (dctx *)ud;
  tifa_lexis_distinct_row r;
  wrow *v;
  size_t i, j;
  int k, rc;
  (void)len;
  tifai_lexmap_free(&c->w);
  for (k = 0; k < 2; k++)
    for (i = 0; i < toks[k]->n; i++) {
      const tifai_tok *t = &toks[k]->t[i];
      if (!(t->flags & TIFAI_TOK_CONTENT) || t->nbyte > sizeof(c->low)) continue;
      tifai_lex_lower(c->low, s[k] + t->byte, t->nbyte);
      if (tifai_lexmap_intern(&c->w, c->low, t->nbyte, &j, NULL) != 0
          || tifai_lex_grow(&c->wi, &c->wicap, j + 1, sizeof(*c->wi)) != 0)
        return TIFA_NOMEM;
      if (c->wi[j].tf++ == 0) c->wi[j].idf = tifa_lexis_idf_get(c->idf, c->low, t->nbyte);
    }
  if ((v = (wrow *)malloc((c->w.n + 1) * sizeof(wrow))) == NULL) return TIFA_NOMEM;
  for (i = 0; i < c->w.n; i++) { v[i].key = (double)c->wi[i].tf * c->wi[i].idf; v[i].i = i; }
  sortmap = &c->w;
  if (c->w.n > 1) qsort(v, c->w.n, sizeof(wrow), cmpw);
  memset(&r, 0, sizeof(r));
  r.id = id;
  for (i = 0; i < c->n; i++) if (c->rows[i].id == id) { r.score = c->rows[i].score; r.tokens = c->rows[i].tokens; break; }
  for (i = 0; i < c->w.n && (int)i < c->words; i++) {
    r.word[i] = tifai_lexmap_key(&c->w, v[i].i, &r.len[i]);
    r.nwords++;
  }
  rc = c->f(c->ud, &r);
  free(v);
  if (c->wicap > 0) memset(c->wi, 0, c->wicap * sizeof(*c->wi));
  return rc;
}

static int cmprow (const void *x, const void *y) {
  const drow *a = (const drow *)x, *b = (const drow *)y;
  if (a->score != b->score) return a->score > b->score ? -1 : 1;
  return (a->id > b->id) - (a->id < b->id);
}

int tifa_lexis_distinctive (tifa_store *s, const int64_t *ids, size_t nids,
                            const tifa_lexis_distinct_opts *opts,
                            tifa_lexis_distinct_fn f, void *ud) {
  return tifa_lexis_distinctive_stores(&s, NULL, 1, ids, nids, opts, f, ud);
}

int tifa_lexis_distinctive_stores (tifa_store *const *stores, const int64_t *bases,
                                   size_t nstores, const int64_t *ids, size_t nids,
                                   const tifa_lexis_distinct_opts *opts,
                                   tifa_lexis_distinct_fn f, void *ud) {
  tifai_source so;
  tifa_store *s = stores[0];                    /* failures are reported on stores[0] */
  tifa_lexis_distinct_opts o;
  tifa_lexis_idf *own = NULL;
  tifai_lexfilter lf;
  tifai_lexsrc src;
  dctx c;
  int64_t *top = NULL;
  size_t i, n;
  int rc = TIFA_OK;
  so.stores = stores; so.bases = bases; so.n = nstores;
  memset(&o, 0, sizeof(o));
  if (opts) o = *opts;
  if (o.limit <= 0) o.limit = 10;
  if (o.min <= 0) o.min = 50;
  memset(&c, 0, sizeof(c));
  c.o = &o; c.f = f; c.ud = ud;
  c.words = o.words <= 0 ? 5 : o.words > 16 ? 16 : o.words;
  if ((c.idf = o.idf) == NULL) {
    if ((rc = tifa_lexis_idf_load_stores(stores, bases, nstores, &own)) != TIFA_OK) return rc;
    c.idf = own;
  }
  if (tifai_lexfilter_init(&lf, o.stop, 0) != TIFA_OK) rc = TIFA_NOMEM;
  tifai_lexsrc_initsrc(&src, &so, &lf, 0, o.segment);
  c.src = &src;
  if (rc == TIFA_OK) rc = tifai_lexsrc_each(&src, ids, nids, scoreone, &c);
  if (rc == TIFA_OK) {
    if (c.n > 1) qsort(c.rows, c.n, sizeof(drow), cmprow);
    n = c.n < (size_t)o.limit ? c.n : (size_t)o.limit;
    if ((top = (int64_t *)malloc((n + 1) * sizeof(int64_t))) == NULL) rc = TIFA_NOMEM;
    for (i = 0; rc == TIFA_OK && i < n; i++) top[i] = c.rows[i].id;
    c.n = n;                        /* the rows handed over, in order */
    if (rc == TIFA_OK && n > 0) rc = tifai_lexsrc_each(&src, top, n, wordsone, &c);
  }
  if (rc == TIFA_NOMEM) rc = tifai_store_fail(s, TIFA_NOMEM, "out of memory");
  free(top); free(c.rows); free(c.wi); free(c.widf); free(c.known);
  tifai_lexmap_free(&c.w);
  tifai_lexsrc_free(&src);
  tifai_lexfilter_free(&lf);
  tifa_lexis_idf_free(own);
  return rc;
}
