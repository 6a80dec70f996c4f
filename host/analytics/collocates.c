/*
** collocates.c -- the collocates of a word within a window of words (tifa_lexis_collocates):
** joint frequencies on each side, the collocates' totals from the word index, and the
** measures log-likelihood, PMI and logDice.
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

typedef struct collctx {
  const tifa_lexis_coll_opts *o;
  char *node; size_t nlen;          /* lowercased */
  tifai_lexfilter lf;
  tifai_lexsrc src;                 /* the articles' tokens */
  size_t *pos; size_t poscap;       /* non-punctuation tokens of a piece */
  size_t *sent; size_t sentcap;     /* their sentence numbers */
  tifai_lexmap coll;
  struct cinfo { int64_t joint, left, right, freq; } *ci; size_t cicap;
  int64_t nodes, span, tokens, articles;
  int64_t *cand; size_t ncand, candcap;   /* candidates, by id in the source */
  int64_t base;                     /* the id base of the store whose candidates are read */
  char low[256];
} collctx;

static int isnode (collctx *c, const char *s, const tifai_tok *t) {
  if (t->nbyte != c->nlen || t->nbyte > sizeof(c->low)) return 0;
  tifai_lex_lower(c->low, s + t->byte, t->nbyte);
  return memcmp(c->low, c->node, c->nlen) == 0;
}

static int addcoll (collctx *c, const char *s, const tifai_tok *t, int right) {
  size_t i;
  if (t->nbyte > sizeof(c->low)) return 0;
  tifai_lex_lower(c->low, s + t->byte, t->nbyte);
  if (tifai_freq_function_or_stop(&c->lf, c->low, t->nbyte)) return 0;
  if (tifai_lexmap_intern(&c->coll, c->low, t->nbyte, &i, NULL) != 0
      || tifai_lex_grow(&c->ci, &c->cicap, i + 1, sizeof(*c->ci)) != 0)
    return TIFA_NOMEM;
  c->ci[i].joint++;
  if (right) c->ci[i].right++; else c->ci[i].left++;
  return 0;
}

/* The window of the node at position i: the other positions within 'window' in its
** sentence, and inside position i the words beside the node (高质量 in 高质量发展 for 发展). */
static int collpiece (collctx *c, const char *s, const tifai_toks *toks) {
  const tifai_tok *t = toks->t;
  size_t i, n = 0, sn = 0, w = (size_t)c->o->window, first = 0;
  if (tifai_lex_grow(&c->pos, &c->poscap, 2 * toks->n + 2, sizeof(size_t)) != 0
      || tifai_lex_grow(&c->sent, &c->sentcap, toks->n + 1, sizeof(size_t)) != 0)
    return TIFA_NOMEM;
  /* positions: the words of the text (inner 0) but punctuation, each with its first token
  ** (the inner words before it): pos[2k] = first token, pos[2k+1] = the word */
  for (i = 0; i < toks->n; i++) {
    if (t[i].inner) continue;
    if (!(t[i].flags & TIFAI_TOK_PUNCT)) { c->pos[2 * n] = first; c->pos[2 * n + 1] = i; c->sent[n++] = sn; }
    if (t[i].flags & TIFAI_TOK_BREAK) sn++;
    first = i + 1;
  }
  for (i = 0; i < n; i++) {
    size_t j, k, nd = (size_t)-1;
    for (k = c->pos[2 * i]; k <= c->pos[2 * i + 1]; k++) if (isnode(c, s, &t[k])) { nd = k; break; }
    if (nd == (size_t)-1) continue;
    c->nodes++;
    for (j = i > w ? i - w : 0; j < n && j <= i + w; j++) {
      if (c->sent[j] != c->sent[i]) continue;
      for (k = c->pos[2 * j]; k <= c->pos[2 * j + 1]; k++) {
        const tifai_tok *x = &t[k];
        if (j == i && x->byte < t[nd].byte + t[nd].nbyte && t[nd].byte < x->byte + x->nbyte)
          continue;                             /* the node, or a word overlapping it */
        c->span++;
        if (!(x->flags & TIFAI_TOK_WORDISH) || isnode(c, s, x)) continue;
        if (addcoll(c, s, x, j > i || (j == i && x->byte > t[nd].byte)) != 0) return TIFA_NOMEM;
      }
    }
  }
  return TIFA_OK;
}

static int collarticle (void *ud, int64_t id, const char *const s[2], const size_t len[2],
                        tifai_toks *const toks[2]) {
  collctx *c = (collctx *)ud;
  int64_t before = c->nodes;
  int rc = collpiece(c, s[0], toks[0]);
  (void)id; (void)len;
  if (rc == TIFA_OK) rc = collpiece(c, s[1], toks[1]);
  if (c->nodes > before) c->articles++;
  return rc;
}

static int oncount (void *ud, int64_t article, int64_t n) {
  collctx *c = (collctx *)ud;
  (void)n;
  if (tifai_lex_grow(&c->cand, &c->candcap, c->ncand + 1, sizeof(int64_t)) != 0) return TIFA_NOMEM;
  c->cand[c->ncand++] = c->base + article;
  return 0;
}

/* The articles whose word index holds the node (q: the node as an FTS5 phrase), as the
** candidates: a word of the index is a token here, so every article with the node is among
** them (an article without is read for nothing). Articles not yet indexed: all of them, by
** tifa_store_countx, which scans them. */
static int candidates (tifa_store *s, collctx *c, const char *q) {
  sqlite3_stmt *st = NULL;
  int rc = TIFA_OK, step;
  int64_t total, narts;
  if (tifai_index_pending(s)) return tifa_store_countx(s, q, TIFA_MATCH_WORDS, &total, &narts, oncount, c);
  if (sqlite3_prepare_v2(s->db, "SELECT rowid FROM article_words WHERE article_words MATCH ?1 "
                         "ORDER BY rowid", -1, &st, NULL) != SQLITE_OK)
    return tifai_store_dberr(s, "cannot find the node");
  sqlite3_bind_text(st, 1, q, -1, SQLITE_STATIC);
  while (rc == TIFA_OK && (step = sqlite3_step(st)) == SQLITE_ROW)
    rc = oncount(c, sqlite3_column_int64(st, 0), 0);
  if (rc == TIFA_OK && step != SQLITE_DONE) rc = tifai_store_dberr(s, "cannot find the node");
  sqlite3_finalize(st);
  return rc;
}

static int ontotal (void *ud, const char *w, size_t len, int64_t count, int64_t articles) {
  collctx *c = (collctx *)ud;
  long i = tifai_lexmap_find(&c->coll, w, len);
  (void)articles;
  c->tokens += count;
  if (i >= 0) c->ci[i].freq = count;
  return 0;
}

static int cmpid (const void *x, const void *y) {
  int64_t a = *(const int64_t *)x, b = *(const int64_t *)y;
  return (a > b) - (a < b);
}

typedef struct crow { double key; size_t i; tifa_lexis_coll_row r; } crow;

/* by the measure, the joint frequency, then the word's bytes (not the order met in, which
** follows the articles' ids) */
static int cmpcrow (const void *x, const void *y) {
  const crow *a = (const crow *)x, *b = (const crow *)y;
  if (a->key != b->key) return a->key > b->key ? -1 : 1;
  if (a->r.joint != b->r.joint) return a->r.joint > b->r.joint ? -1 : 1;
  return strcmp(a->r.word, b->r.word);
}

/* The measures of one collocate (see tifa_lexis.h). */
static void measures (tifa_lexis_coll_row *r, double R, double R1, double N) {
  double o11 = (double)r->joint, c1 = (double)r->freq, e11, o[4], e[4], g = 0;
  int k;
  if (c1 < 1) c1 = 1;
  e11 = R1 * c1 / N;
  r->pmi = log2(o11 / e11);
  r->logdice = 14 + log2(2 * o11 / (R + c1));
  o[0] = o11; o[1] = R1 - o11; o[2] = c1 - o11; o[3] = N - R1 - c1 + o11;
  e[0] = e11; e[1] = R1 * (N - c1) / N; e[2] = (N - R1) * c1 / N; e[3] = (N - R1) * (N - c1) / N;
  for (k = 0; k < 4; k++) if (o[k] > 0 && e[k] > 0) g += o[k] * log(o[k] / e[k]);
  r->llr = o11 < e11 ? -2 * g : 2 * g;
}

int tifa_lexis_collocates (tifa_store *s, const char *node, size_t len,
                           const int64_t *ids, size_t nids,
                           const tifa_lexis_coll_opts *opts, tifa_lexis_coll_stats *st,
                           tifa_lexis_coll_fn f, void *ud) {
  return tifa_lexis_collocates_stores(&s, NULL, 1, node, len, ids, nids, opts, st, f, ud);
}

int tifa_lexis_collocates_stores (tifa_store *const *stores, const int64_t *bases,
                                  size_t nstores, const char *node, size_t len,
                                  const int64_t *ids, size_t nids,
                                  const tifa_lexis_coll_opts *opts, tifa_lexis_coll_stats *st,
                                  tifa_lexis_coll_fn f, void *ud) {
  tifai_source src;
  tifa_store *s = stores[0];                    /* failures are reported on stores[0] */
  tifa_lexis_coll_opts o;
  collctx c;
  tifai_buf q = TIFAI_BUF_INIT;
  tifa_vocab_opts vo;
  crow *rows = NULL;
  int64_t *set = NULL;
  size_t i, n = 0, m = 0, k;
  int rc = TIFA_OK;
  src.stores = stores; src.bases = bases; src.n = nstores;
  memset(&o, 0, sizeof(o));
  if (opts) o = *opts;
  if (o.window <= 0) o.window = 5;
  if (o.min <= 0) o.min = 3;
  memset(&c, 0, sizeof(c));
  c.o = &o;
  if (len == 0 || len > sizeof(c.low)) return tifai_store_fail(s, TIFA_ERROR, "bad node word");
  if ((c.node = (char *)malloc(len)) == NULL) return tifai_store_fail(s, TIFA_NOMEM, "out of memory");
  tifai_lex_lower(c.node, node, len);
  c.nlen = len;
  if (tifai_lexfilter_init(&c.lf, o.stop, 1) != TIFA_OK) rc = TIFA_NOMEM;
  tifai_buf_addc(&q, '"');                      /* the articles holding the word: the index */
  for (i = 0; i < len; i++) {
    if (node[i] == '"') tifai_buf_addc(&q, '"');
    tifai_buf_addc(&q, node[i]);
  }
  tifai_buf_addc(&q, '"');
  if (q.oom) rc = TIFA_NOMEM;
  for (k = 0; rc == TIFA_OK && k < nstores; k++) {   /* every store's, ids ascending */
    c.base = bases ? bases[k] : 0;
    rc = candidates(stores[k], &c, q.p);
    if (rc != TIFA_OK && rc != TIFA_NOMEM) rc = tifai_lex_srcfail(&src, k, rc);
  }
  if (rc == TIFA_OK && ids) {                   /* keep those of the set */
    if ((set = (int64_t *)malloc((nids ? nids : 1) * sizeof(int64_t))) == NULL) rc = TIFA_NOMEM;
    else {
      memcpy(set, ids, nids * sizeof(int64_t));
      qsort(set, nids, sizeof(int64_t), cmpid);
      for (i = 0; i < c.ncand; i++)
        if (bsearch(&c.cand[i], set, nids, sizeof(int64_t), cmpid)) c.cand[m++] = c.cand[i];
      c.ncand = m;
    }
  }
  tifai_lexsrc_initsrc(&c.src, &src, &c.lf, TIFA_WORDS_SEARCH, o.segment);
  if (rc == TIFA_OK && c.ncand > 0) rc = tifai_lexsrc_each(&c.src, c.cand, c.ncand, collarticle, &c);
  if (rc == TIFA_OK) {
    memset(&vo, 0, sizeof(vo));
    vo.ids = ids; vo.nids = nids;
    rc = tifai_lex_vocab(&src, &vo, ontotal, &c);
  }
  if (rc == TIFA_OK && (rows = (crow *)malloc((c.coll.n + 1) * sizeof(crow))) == NULL) rc = TIFA_NOMEM;
  for (i = 0; rc == TIFA_OK && i < c.coll.n; i++) {
    tifa_lexis_coll_row *r = &rows[n].r;
    if (c.ci[i].joint < o.min) continue;
    r->word = tifai_lexmap_key(&c.coll, i, &r->len);
    r->joint = c.ci[i].joint; r->left = c.ci[i].left; r->right = c.ci[i].right;
    r->freq = c.ci[i].freq;
    measures(r, (double)c.nodes, (double)c.span, (double)(c.tokens > c.span ? c.tokens : c.span + 1));
    rows[n].key = o.measure == TIFA_COLL_PMI ? r->pmi : o.measure == TIFA_COLL_LOGDICE ? r->logdice : r->llr;
    rows[n++].i = i;
  }
  if (rc == TIFA_OK) qsort(rows, n, sizeof(crow), cmpcrow);
  if (st) { st->node = c.nodes; st->span = c.span; st->tokens = c.tokens; st->articles = c.articles; }
  for (i = 0; rc == TIFA_OK && i < n && (o.limit <= 0 || (long)i < o.limit); i++) rc = f(ud, &rows[i].r);
  if (rc == TIFA_NOMEM) rc = tifai_store_fail(s, TIFA_NOMEM, "out of memory");
  free(rows); free(set); free(c.node); free(c.pos); free(c.sent); free(c.ci); free(c.cand);
  tifai_buf_free(&q);
  tifai_lexfilter_free(&c.lf);
  tifai_lexsrc_free(&c.src);
  tifai_lexmap_free(&c.coll);
  return rc;
}
