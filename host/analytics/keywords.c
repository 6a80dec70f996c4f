/*
** keywords.c -- keywords of a set of articles against the corpus (tifa_lexis_keywords):
** tf-idf with the word index's document frequencies (tifa_lexis_idf_*), TextRank over the
** co-occurrence graph of content words, and key phrases made of adjacent candidates.
*/
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sqlite3.h>
#include "tifa.h"
#include "tifa_lexis.h"
#include "store.h"
#include "each.h"
#include "lexis.h"
#include "lexsrc.h"

/* {====== Document frequencies ====== */

struct tifa_lexis_idf {
  tifai_lexmap words;
  int64_t *df; size_t dfcap;
  int64_t ndocs;
};

static int ondf (void *ud, const char *w, size_t len, int64_t count, int64_t articles) {
  tifa_lexis_idf *d = (tifa_lexis_idf *)ud;
  size_t i;
  (void)count;
  if (tifai_lexmap_intern(&d->words, w, len, &i, NULL) != 0
      || tifai_lex_grow(&d->df, &d->dfcap, i + 1, sizeof(int64_t)) != 0)
    return TIFA_NOMEM;
  d->df[i] = articles;
  return 0;
}

int tifa_lexis_idf_load (tifa_store *s, tifa_lexis_idf **out) {
  return tifa_lexis_idf_load_stores(&s, NULL, 1, out);
}

int tifa_lexis_idf_load_stores (tifa_store *const *stores, const int64_t *bases, size_t n,
                                tifa_lexis_idf **out) {
  tifa_lexis_idf *d = (tifa_lexis_idf *)calloc(1, sizeof(*d));
  tifa_store *s = stores[0];                    /* failures are reported on stores[0] */
  tifai_source src;
  size_t k;
  int rc = TIFA_OK;
  *out = NULL;
  src.stores = stores; src.bases = bases; src.n = n;
  if (d == NULL) return tifai_store_fail(s, TIFA_NOMEM, "out of memory");
  for (k = 0; rc == TIFA_OK && k < n; k++) {     /* the corpus's articles: every store's */
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(stores[k]->db, "SELECT count(*) FROM article", -1, &st, NULL) != SQLITE_OK
        || sqlite3_step(st) != SQLITE_ROW)
      rc = tifai_lex_srcfail(&src, k, tifai_store_dberr(stores[k], "cannot count articles"));
    else d->ndocs += sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
  }
  if (rc == TIFA_OK) rc = tifai_lex_vocab(&src, NULL, ondf, d);
  if (rc == TIFA_NOMEM) rc = tifai_store_fail(s, TIFA_NOMEM, "out of memory");
  if (rc != TIFA_OK) { tifa_lexis_idf_free(d); return rc; }
  *out = d;
  return TIFA_OK;
}

void tifa_lexis_idf_free (tifa_lexis_idf *d) {
  if (d == NULL) return;
  tifai_lexmap_free(&d->words);
  free(d->df);
  free(d);
}

int64_t tifa_lexis_idf_df (const tifa_lexis_idf *d, const char *w, size_t len, int64_t *ndocs) {
  char buf[256];
  long i;
  if (ndocs) *ndocs = d->ndocs;
  if (len > sizeof(buf)) return 0;
  tifai_lex_lower(buf, w, len);
  i = tifai_lexmap_find(&d->words, buf, len);
  return i < 0 ? 0 : d->df[i];
}

double tifa_lexis_idf_get (const tifa_lexis_idf *d, const char *w, size_t len) {
  int64_t n, df = tifa_lexis_idf_df(d, w, len, &n);
  if (df < 1) df = 1;
  if (n < df) n = df;
  return log((double)n / (double)df);
}

/* }====== */

/* {====== Counting the candidates ====== */

#define MAXPH 4                     /* words in a phrase at most */
#define MINPH 2                     /* occurrences of a kept phrase at least */

typedef struct kwctx {
  const tifa_lexis_kw_opts *o;
  tifai_lexfilter lf;
  tifai_lexsrc src;                 /* the articles' tokens */
  const tifai_toks *toks;           /* those of the piece being counted */
  tifai_lexmap words;               /* candidates */
  int64_t *count; size_t ccap;
  int64_t total;                    /* candidate tokens */
  tifai_lexmap edges;               /* TextRank: pairs (a, b), a < b, as 8 bytes */
  double *weight; size_t wcap;
  tifai_lexmap phr;                 /* phrases */
  struct phinfo { int64_t count, maxext; uint32_t w[MAXPH]; int nw; long pre, suf; } *ph;
  size_t phcap;
  size_t *wi; size_t wicap;         /* the word index of each token (or (size_t)-1) */
  int window;
} kwctx;

static int addedge (kwctx *c, size_t a, size_t b) {
  uint32_t key[2];
  size_t e;
  if (a == b) return 0;
  key[0] = (uint32_t)(a < b ? a : b); key[1] = (uint32_t)(a < b ? b : a);
  if (tifai_lexmap_intern(&c->edges, (const char *)key, sizeof(key), &e, NULL) != 0
      || tifai_lex_grow(&c->weight, &c->wcap, e + 1, sizeof(double)) != 0)
    return TIFA_NOMEM;
  c->weight[e] += 1;
  return 0;
}

/* The phrase of tokens [i, i+k) (adjacent candidates); its index into '*out' (or -1). */
static int addphrase (kwctx *c, const char *s, size_t i, size_t k, long *out) {
  const tifai_tok *t = c->toks->t;
  size_t p, j;
  if (tifai_lexmap_intern(&c->phr, s + t[i].byte, t[i + k - 1].byte + t[i + k - 1].nbyte - t[i].byte,
                          &p, NULL) != 0
      || tifai_lex_grow(&c->ph, &c->phcap, p + 1, sizeof(*c->ph)) != 0)
    return TIFA_NOMEM;
  if (c->ph[p].nw == 0) {                     /* first met as a phrase (it may have been
                                              ** interned before as another's suffix) */
    c->ph[p].nw = (int)k;
    for (j = 0; j < k; j++) c->ph[p].w[j] = (uint32_t)c->wi[i + j];
    c->ph[p].pre = c->ph[p].suf = -1;
  }
  c->ph[p].count++;
  *out = (long)p;
  return 0;
}

static int countpiece (kwctx *c, const char *s, const tifai_toks *toks) {
  const tifai_tok *t = toks->t;
  size_t i, j, n = toks->n;
  c->toks = toks;
  if (tifai_lex_grow(&c->wi, &c->wicap, n + 1, sizeof(size_t)) != 0) return TIFA_NOMEM;
  for (i = 0; i < n; i++) {
    size_t w;
    c->wi[i] = (size_t)-1;
    if (!(t[i].flags & TIFAI_TOK_CONTENT)) continue;
    if (tifai_lexmap_intern(&c->words, s + t[i].byte, t[i].nbyte, &w, NULL) != 0
        || tifai_lex_grow(&c->count, &c->ccap, w + 1, sizeof(int64_t)) != 0)
      return TIFA_NOMEM;
    c->wi[i] = w;
    c->count[w]++;
    c->total++;
  }
  if (c->o->method == TIFA_KW_TEXTRANK)
    for (i = 0; i < n; i++) {
      if (c->wi[i] == (size_t)-1) continue;
      for (j = i + 1; j < n && j < i + (size_t)c->window; j++)
        if (c->wi[j] != (size_t)-1 && addedge(c, c->wi[i], c->wi[j]) != 0) return TIFA_NOMEM;
    }
  if (c->o->phrases)
    for (i = 0; i < n; i++) {                 /* every run of 2..MAXPH adjacent candidates */
      long prev[MAXPH + 1];                   /* prev[k]: the phrase of k words at i */
      size_t k;
      if (c->wi[i] == (size_t)-1) continue;
      prev[1] = -1;
      for (k = 2; k <= MAXPH && i + k <= n; k++) {
        const tifai_tok *a = &t[i + k - 2], *b = &t[i + k - 1];
        long p;
        if (c->wi[i + k - 1] == (size_t)-1 || a->byte + a->nbyte != b->byte) break;
        if (addphrase(c, s, i, k, &p) != 0) return TIFA_NOMEM;
        prev[k] = p;
        c->ph[p].pre = prev[k - 1];           /* the phrase less its last word */
        if (k > 2) {                          /* ... and less its first word */
          long q;
          if (tifai_lexmap_intern(&c->phr, s + t[i + 1].byte, b->byte + b->nbyte - t[i + 1].byte,
                                  (size_t *)&q, NULL) != 0)
            return TIFA_NOMEM;
          c->ph[p].suf = q;
        }
      }
    }
  return TIFA_OK;
}

static int kwarticle (void *ud, int64_t id, const char *const s[2], const size_t len[2],
                      tifai_toks *const toks[2]) {
  kwctx *c = (kwctx *)ud;
  int rc = countpiece(c, s[0], toks[0]);
  (void)id; (void)len;
  if (rc == TIFA_OK) rc = countpiece(c, s[1], toks[1]);
  return rc;
}

/* }====== */

/* {====== Scoring ====== */

/* The edges in an order that does not depend on the order the articles were read in: by
** their words' bytes (rank[w]: word w's place in byte order). */
static const tifai_lexmap *sortw;

static int cmpword (const void *x, const void *y) {
  return strcmp(tifai_lexmap_key(sortw, *(const uint32_t *)x, NULL),
                tifai_lexmap_key(sortw, *(const uint32_t *)y, NULL));
}

typedef struct kedge { uint32_t lo, hi; size_t e; } kedge;   /* ranks, lo < hi; the edge */

static int cmpedge (const void *x, const void *y) {
  const kedge *a = (const kedge *)x, *b = (const kedge *)y;
  if (a->lo != b->lo) return a->lo < b->lo ? -1 : 1;
  return (a->hi > b->hi) - (a->hi < b->hi);
}

static void textrank (kwctx *c, double *ws) {
  size_t n = c->words.n, ne = c->edges.n, e, i;
  int it;
  double *out = (double *)calloc(n ? n : 1, sizeof(double));
  double *nx = (double *)calloc(n ? n : 1, sizeof(double));
  uint32_t *ord = (uint32_t *)malloc((n ? n : 1) * sizeof(uint32_t));
  uint32_t *rank = (uint32_t *)malloc((n ? n : 1) * sizeof(uint32_t));
  kedge *ed = (kedge *)malloc((ne ? ne : 1) * sizeof(kedge));
  double mx = 0;
  if (out == NULL || nx == NULL || ord == NULL || rank == NULL || ed == NULL) goto done;
  for (i = 0; i < n; i++) ord[i] = (uint32_t)i;
  sortw = &c->words;
  qsort(ord, n, sizeof(uint32_t), cmpword);
  for (i = 0; i < n; i++) rank[ord[i]] = (uint32_t)i;
  for (e = 0; e < ne; e++) {
    uint32_t k[2];                      /* keys are bytes: copy, they may be unaligned */
    memcpy(k, tifai_lexmap_key(&c->edges, e, NULL), sizeof(k));
    ed[e].lo = rank[k[0]] < rank[k[1]] ? rank[k[0]] : rank[k[1]];
    ed[e].hi = rank[k[0]] < rank[k[1]] ? rank[k[1]] : rank[k[0]];
    ed[e].e = e;
  }
  qsort(ed, ne, sizeof(kedge), cmpedge);
  for (e = 0; e < ne; e++) {             /* by rank: ord[] turns a rank into the word */
    out[ord[ed[e].lo]] += c->weight[ed[e].e];
    out[ord[ed[e].hi]] += c->weight[ed[e].e];
  }
  for (i = 0; i < n; i++) ws[i] = 1.0 / (double)n;
  for (it = 0; it < 10; it++) {
    for (i = 0; i < n; i++) nx[i] = 0;
    for (e = 0; e < ne; e++) {
      uint32_t a = ord[ed[e].lo], b = ord[ed[e].hi];
      double w = c->weight[ed[e].e];
      nx[a] += w / out[b] * ws[b];
      nx[b] += w / out[a] * ws[a];
    }
    for (i = 0; i < n; i++) ws[i] = 0.15 + 0.85 * nx[i];
  }
  for (i = 0; i < n; i++) if (ws[i] > mx) mx = ws[i];
  if (mx > 0) for (i = 0; i < n; i++) ws[i] /= mx;
done:
  free(out); free(nx); free(ord); free(rank); free(ed);
}

typedef struct kwrow { double score; long idx; int phrase; } kwrow;
static const tifai_lexmap *sortp;

static int cmprow (const void *x, const void *y) {
  const kwrow *a = (const kwrow *)x, *b = (const kwrow *)y;
  int c;
  if (a->score != b->score) return a->score > b->score ? -1 : 1;
  c = strcmp(tifai_lexmap_key(a->phrase ? sortp : sortw, (size_t)a->idx, NULL),
             tifai_lexmap_key(b->phrase ? sortp : sortw, (size_t)b->idx, NULL));
  return c ? c : a->phrase - b->phrase;
}

static int emit (kwctx *c, const tifa_lexis_idf *idf, tifa_lexis_kw_fn f, void *ud) {
  size_t nw = c->words.n, np = c->phr.n, i, nr = 0;
  double *ws = (double *)calloc(nw ? nw : 1, sizeof(double));
  int64_t *wext = (int64_t *)calloc(nw ? nw : 1, sizeof(int64_t));
  kwrow *rows = (kwrow *)malloc((nw + np + 1) * sizeof(kwrow));
  long limit = c->o->limit > 0 ? c->o->limit : 10;
  int rc = TIFA_OK, j;
  if (ws == NULL || wext == NULL || rows == NULL) { rc = TIFA_NOMEM; goto done; }
  if (c->o->method == TIFA_KW_TEXTRANK) textrank(c, ws);
  else
    for (i = 0; i < nw; i++) {
      size_t len;
      const char *w = tifai_lexmap_key(&c->words, i, &len);
      ws[i] = (double)c->count[i] / (double)c->total * tifa_lexis_idf_get(idf, w, len);
    }
  for (i = 0; i < np; i++) c->ph[i].maxext = 0;
  for (i = 0; i < np; i++) {                  /* the best count of a one-word extension */
    struct phinfo *p = &c->ph[i];
    if (p->count < MINPH) continue;
    if (p->pre >= 0 && c->ph[p->pre].maxext < p->count) c->ph[p->pre].maxext = p->count;
    if (p->suf >= 0 && c->ph[p->suf].maxext < p->count) c->ph[p->suf].maxext = p->count;
    if (p->nw == 2)
      for (j = 0; j < 2; j++) if (wext[p->w[j]] < p->count) wext[p->w[j]] = p->count;
  }
  for (i = 0; i < nw; i++)
    if (wext[i] < c->count[i]) { rows[nr].score = ws[i]; rows[nr].idx = (long)i; rows[nr++].phrase = 0; }
  for (i = 0; i < np; i++) {
    struct phinfo *p = &c->ph[i];
    double sc = 0;
    if (p->count < MINPH || p->maxext >= p->count) continue;
    for (j = 0; j < p->nw; j++) {
      size_t len;
      const char *w = tifai_lexmap_key(&c->words, p->w[j], &len);
      if (c->o->method == TIFA_KW_TEXTRANK) sc += ws[p->w[j]] * (double)p->count / (double)c->count[p->w[j]];
      else sc += tifa_lexis_idf_get(idf, w, len);
    }
    if (c->o->method != TIFA_KW_TEXTRANK) sc *= (double)p->count / (double)c->total;
    rows[nr].score = sc; rows[nr].idx = (long)i; rows[nr++].phrase = 1;
  }
  sortw = &c->words; sortp = &c->phr;
  qsort(rows, nr, sizeof(kwrow), cmprow);
  for (i = 0; rc == TIFA_OK && i < nr && (long)i < limit; i++) {
    size_t len;
    const char *w = tifai_lexmap_key(rows[i].phrase ? &c->phr : &c->words, (size_t)rows[i].idx, &len);
    rc = f(ud, w, len, rows[i].score,
           rows[i].phrase ? c->ph[rows[i].idx].count : c->count[rows[i].idx],
           rows[i].phrase ? c->ph[rows[i].idx].nw : 1);
  }
done:
  free(ws); free(wext); free(rows);
  return rc;
}

/* }====== */

int tifa_lexis_keywords (tifa_store *s, const int64_t *ids, size_t nids,
                         const tifa_lexis_kw_opts *opts, tifa_lexis_kw_fn f, void *ud) {
  return tifa_lexis_keywords_stores(&s, NULL, 1, ids, nids, opts, f, ud);
}

int tifa_lexis_keywords_stores (tifa_store *const *stores, const int64_t *bases, size_t n,
                                const int64_t *ids, size_t nids, const tifa_lexis_kw_opts *opts,
                                tifa_lexis_kw_fn f, void *ud) {
  tifai_source src;
  tifa_store *s = stores[0];                    /* failures are reported on stores[0] */
  tifa_lexis_kw_opts o;
  tifa_lexis_idf *own = NULL;
  const tifa_lexis_idf *idf;
  kwctx c;
  int rc = TIFA_OK;
  src.stores = stores; src.bases = bases; src.n = n;
  memset(&o, 0, sizeof(o));
  if (opts) o = *opts;
  memset(&c, 0, sizeof(c));
  c.o = &o;
  c.window = o.window > 1 ? o.window : 5;
  idf = o.idf;
  if (idf == NULL && o.method == TIFA_KW_TFIDF) {
    if ((rc = tifa_lexis_idf_load_stores(stores, bases, n, &own)) != TIFA_OK) return rc;
    idf = own;
  }
  if (tifai_lexfilter_init(&c.lf, o.stop, o.singles) != TIFA_OK) rc = TIFA_NOMEM;
  tifai_lexsrc_initsrc(&c.src, &src, &c.lf, 0, o.segment);
  if (rc == TIFA_OK) rc = tifai_lexsrc_each(&c.src, ids, nids, kwarticle, &c);
  if (rc == TIFA_OK) rc = emit(&c, idf, f, ud);
  if (rc == TIFA_NOMEM) rc = tifai_store_fail(s, TIFA_NOMEM, "out of memory");
  tifai_lexfilter_free(&c.lf);
  tifai_lexsrc_free(&c.src);
  tifai_lexmap_free(&c.words); tifai_lexmap_free(&c.edges); tifai_lexmap_free(&c.phr);
  free(c.count); free(c.weight); free(c.ph); free(c.wi);
  tifa_lexis_idf_free(own);
  return rc;
}
