/*
** lexsrc.c -- an article's tokens for the lexis analytics, from the forward index or by
** segmenting (see lexsrc.h).
*/
#include <stdlib.h>
#include <string.h>
#include "tifa.h"
#include "tifa_text.h"
#include "tifa_words.h"
#include "store.h"
#include "each.h"
#include "lexsrc.h"

/* {====== A word's flags, as lexmap.c's ontoken gives them ====== */

static int tagok (const char *t) {
  switch (t[0]) {
    case 'n': return strcmp(t, "nd") != 0;
    case 'v': case 'a': case 'i': case 'l': case 'j': case 's': return 1;
    case 'e': return strcmp(t, "eng") == 0;
    default: return 0;
  }
}

#define KNOWN  0x80

/* The flags of word w of the lexicon (TIFAI_TOK_BREAK for a sentence end). */
static int wordflags (tifai_lexsrc *x, const tifai_fwdlex *lx, uint32_t w) {
  const char *p;
  size_t len, i, nc = 0;
  int f = 0, k;
  if (w < x->wfcap && (x->wf[w] & KNOWN)) return x->wf[w] & ~KNOWN;
  if (tifai_lex_grow(&x->wf, &x->wfcap, w + 1, 1) != 0
      || tifai_lex_grow(&x->wn, &x->wncap, w + 1, sizeof(uint16_t)) != 0)
    return -1;
  p = lx->keys.p + lx->off[w];
  len = lx->len[w];
  for (i = 0; i < len; i++) if (((unsigned char)p[i] & 0xC0) != 0x80) nc++;
  for (i = 0; i < len; ) {
    int32_t cp;
    if ((k = tifa_utf8_decode(p + i, len - i, &cp)) <= 0) break;
    i += (size_t)k;
    if (cp < 128 ? ((cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z'))
                 : (tifa_text_category(cp)[0] == 'L' || tifa_text_category(cp)[0] == 'N')) {
      f |= TIFAI_TOK_WORDISH;
      break;
    }
  }
  if (strcmp(lx->tag[w], "x") == 0 || !(f & TIFAI_TOK_WORDISH)) {
    f |= TIFAI_TOK_PUNCT;
    if (tifai_lex_isbreak(p, len)) f |= TIFAI_TOK_BREAK;
  }
  else if (tagok(lx->tag[w]) && (x->lf->singles || nc >= 2)
           && !tifai_freq_function_or_stop(x->lf, p, len))
    f |= TIFAI_TOK_CONTENT;
  x->wf[w] = (unsigned char)(f | KNOWN);
  x->wn[w] = (uint16_t)(nc > 0xFFFF ? 0xFFFF : nc);
  return f;
}

/* }====== */

/* {====== Tokens from the forward index ====== */

/* Rebuild the tokens of ft->t[from..to) into x->toks[k] and x->text[k]. */
static int rebuild (tifai_lexsrc *x, const tifai_fwdlex *lx, const tifai_fwdtoks *ft, size_t from,
                    size_t to, int k) {
  tifai_toks *v = &x->toks[k];
  tifai_buf *b = &x->text[k];
  size_t i, j, chars = 0;
  tifai_buf_reset(b);
  v->n = 0;
  for (i = from; i < to; i++) {
    const tifai_fwdtok *q = &ft->t[i];
    tifai_tok *t;
    int f;
    if (q->w >= lx->n) return TIFA_DB;
    if (q->inner && !(x->wflags & TIFA_WORDS_SEARCH)) continue;
    if ((f = wordflags(x, lx, q->w)) < 0
        || tifai_lex_grow(&v->t, &v->cap, v->n + 1, sizeof(tifai_tok)) != 0
        || tifai_lex_grow(&x->wid[k], &x->widcap[k], v->n + 1, sizeof(uint32_t)) != 0)
      return TIFA_NOMEM;
    x->wid[k][v->n] = q->w;
    if (v->n > 0 && q->nl) {                  /* a line end after the last word */
      j = v->n - 1;
      while (j > 0 && v->t[j].inner) j--;
      v->t[j].flags |= TIFAI_TOK_BREAK;
    }
    t = &v->t[v->n++];
    t->tag = lx->tag[q->w];
    t->nbyte = lx->len[q->w];
    t->inner = q->inner;
    t->flags = f;
    if (q->inner) {                           /* inside the next word that is not inner */
      size_t at = b->len;
      for (j = i + 1; j < to && ft->t[j].inner; j++) {}
      if (j < to && ft->t[j].gap) at++;
      t->byte = at + q->off;
      t->start = 0;                           /* its length, until its word is placed */
      t->end = x->wn[q->w];
      continue;
    }
    if (q->gap) { tifai_buf_addc(b, q->nl ? '\n' : ' '); chars++; }
    t->byte = b->len;
    t->start = chars;
    tifai_buf_add(b, lx->keys.p + lx->off[q->w], lx->len[q->w]);
    chars += x->wn[q->w];
    t->end = chars;
  }
  if (b->oom) return TIFA_NOMEM;
  for (i = 0; i < v->n; i++)                  /* inner words: their place in code points */
    if (v->t[i].inner) {
      size_t a, c = 0, n = v->t[i].end;
      for (j = i + 1; j < v->n && v->t[j].inner; j++) {}
      if (j >= v->n) continue;
      for (a = v->t[j].byte; a < v->t[i].byte && a < b->len; a++)
        if (((unsigned char)b->p[a] & 0xC0) != 0x80) c++;
      v->t[i].start = v->t[j].start + c;
      v->t[i].end = v->t[i].start + n;
    }
  if (v->n > 0) v->t[v->n - 1].flags |= TIFAI_TOK_BREAK;
  return TIFA_OK;
}

/* }====== */

/* {====== The walk ====== */

typedef struct walk {
  tifai_lexsrc *x;
  const tifai_fwdlex *lx;
  tifai_lexsrc_fn f;
  void *ud;
  int64_t base;                     /* of the store being read: its ids in the source */
  int rc;
} walk;

/* An article not in the forward index: read and segment it. */
static int segone (void *ud, const tifai_article *a) {
  walk *w = (walk *)ud;
  tifai_lexsrc *x = w->x;
  const char *s[2];
  size_t len[2];
  tifai_toks *t[2];
  int k, rc;
  s[0] = a->title; len[0] = a->title_len; s[1] = a->text; len[1] = a->text_len;
  for (k = 0; k < 2; k++) {
    t[k] = &x->toks[k];
    rc = tifai_lex_tokens(x->lf, s[k], len[k], x->wflags, t[k]);
    if (rc == TIFA_ENCODING) { t[k]->n = 0; rc = TIFA_OK; }
    if (rc != TIFA_OK) return rc;
    if (tifai_lex_grow(&x->wid[k], &x->widcap[k], t[k]->n + 1, sizeof(uint32_t)) != 0) return TIFA_NOMEM;
    if (t[k]->n > 0) memset(x->wid[k], 0xFF, t[k]->n * sizeof(uint32_t));     /* no word ids */
  }
  x->segmented++;
  return w->f(w->ud, w->base + a->id, s, len, t);
}

static int fromindex (void *ud, int64_t id, const unsigned char *p, size_t n, int none) {
  walk *w = (walk *)ud;
  tifai_lexsrc *x = w->x;
  tifai_fwdtoks *ft = (tifai_fwdtoks *)x->ft;
  const char *s[2];
  size_t len[2];
  tifai_toks *t[2];
  int k, rc;
  if (none) return tifai_each_article(x->s, &id, 1, segone, w);
  if ((rc = tifai_fwd_decode(p, n, ft)) != TIFA_OK) return rc;
  for (k = 0; k < 2; k++) {
    if ((rc = rebuild(x, w->lx, ft, k ? ft->ntitle : 0, k ? ft->n : ft->ntitle, k)) != TIFA_OK) return rc;
    t[k] = &x->toks[k];
    s[k] = x->text[k].p ? x->text[k].p : "";
    len[k] = x->text[k].len;
  }
  x->fromindex++;
  return w->f(w->ud, w->base + id, s, len, t);
}

/* Is the process's segmenter the forward index's (no user words)? */
static int samesegmenter (void) {
  const tifa_segmenter *g = tifai_fwd_segmenter();
  return g != NULL && tifa_segmenter_size(tifa_segmenter_default()) == tifa_segmenter_size(g);
}

int tifai_lexsrc_init (tifai_lexsrc *x, tifa_store *s, const tifai_lexfilter *lf, int wflags,
                       int segment) {
  memset(x, 0, sizeof(*x));
  x->self = s;
  x->one.stores = &x->self; x->one.bases = NULL; x->one.n = 1;
  x->src = &x->one;
  x->s = s; x->lf = lf; x->wflags = wflags; x->segment = segment;
  return TIFA_OK;
}

int tifai_lexsrc_initsrc (tifai_lexsrc *x, const tifai_source *src, const tifai_lexfilter *lf,
                          int wflags, int segment) {
  tifai_lexsrc_init(x, src->stores[0], lf, wflags, segment);
  x->src = src;
  return TIFA_OK;
}

/* Walk the local ids ids[0..nids) (NULL: all) of store k of the source. */
static int eachstore (tifai_lexsrc *x, size_t k, const int64_t *ids, size_t nids,
                      tifai_lexsrc_fn f, void *ud) {
  walk w;
  int rc;
  x->k = k;
  x->s = x->src->stores[k];
  if (x->wfk != k) {                            /* another lexicon: its words' flags anew */
    if (x->wfcap > 0) memset(x->wf, 0, x->wfcap);
    x->wfk = k;
  }
  w.x = x; w.f = f; w.ud = ud; w.rc = TIFA_OK;
  w.base = x->src->bases ? x->src->bases[k] : 0;
  w.lx = x->segment || !samesegmenter() ? NULL : tifai_fwd_lexicon(x->s);
  if (w.lx == NULL) return tifai_each_article(x->s, ids, nids, segone, &w);
  if (x->ft == NULL && (x->ft = calloc(1, sizeof(tifai_fwdtoks))) == NULL) return TIFA_NOMEM;
  x->s->interrupted = 0;
  rc = tifai_fwd_each(x->s, ids, nids, fromindex, &w);
  if (rc == TIFA_DB) rc = tifai_store_fail(x->s, TIFA_DB, "the forward index is damaged");
  return rc;
}

/* A failure of store k, not of the callback, is moved to stores[0]. */
static int storefail (tifai_lexsrc *x, size_t k, int rc) {
  if (rc == TIFA_OK || rc == TIFA_NOMEM || x->src->n == 1) return rc;
  return tifai_lex_srcfail(x->src, k, rc);
}

int tifai_lexsrc_each (tifai_lexsrc *x, const int64_t *ids, size_t nids, tifai_lexsrc_fn f,
                       void *ud) {
  const tifai_source *src = x->src;
  int64_t *loc = NULL;
  size_t i, j, k, m;
  int rc = TIFA_OK;
  if (src->n == 1 && src->bases == NULL) return eachstore(x, 0, ids, nids, f, ud);
  if (ids == NULL) {
    for (k = 0; k < src->n && rc == TIFA_OK; k++) rc = storefail(x, k, eachstore(x, k, NULL, 0, f, ud));
    return rc;
  }
  if ((loc = (int64_t *)malloc((nids ? nids : 1) * sizeof(int64_t))) == NULL) return TIFA_NOMEM;
  for (i = 0; i < nids && rc == TIFA_OK; i = j) {   /* runs of ids of one store */
    k = tifai_source_storeof(src, ids[i]);
    for (j = i + 1; j < nids && tifai_source_storeof(src, ids[j]) == k; j++) ;
    if (k == (size_t)-1) continue;
    for (m = i; m < j; m++) loc[m - i] = ids[m] - (src->bases ? src->bases[k] : 0);
    rc = storefail(x, k, eachstore(x, k, loc, j - i, f, ud));
  }
  free(loc);
  return rc;
}

void tifai_lexsrc_free (tifai_lexsrc *x) {
  int k;
  if (x->ft) { tifai_fwdtoks_free((tifai_fwdtoks *)x->ft); free(x->ft); }
  for (k = 0; k < 2; k++) { tifai_toks_free(&x->toks[k]); tifai_buf_free(&x->text[k]); free(x->wid[k]); }
  free(x->wf); free(x->wn);
  memset(x, 0, sizeof(*x));
}

/* }====== */

/* {====== Sources ====== */

int tifai_lex_srcfail (const tifai_source *src, size_t k, int rc) {
  tifa_store *s = src->stores[k];
  char msg[TIFA_ERRMAX];
  if (src->n <= 1) return rc;
  if (rc == TIFA_INTERRUPTED) return tifai_store_fail(src->stores[0], rc, "interrupted");
  memcpy(msg, s->errmsg, sizeof(msg));
  msg[sizeof(msg) - 1] = '\0';
  return tifai_store_fail(src->stores[0], rc, "%s: %s", s->path ? s->path : "?", msg);
}

static int cmpid (const void *x, const void *y) {
  int64_t a = *(const int64_t *)x, b = *(const int64_t *)y;
  return (a > b) - (a < b);
}

typedef struct vsum { tifa_freq *n, *a; } vsum;   /* counts, articles */

static int onvocab (void *ud, const char *w, size_t len, int64_t count, int64_t articles) {
  vsum *v = (vsum *)ud;
  if (tifa_freq_add(v->n, w, len, count) != TIFA_OK || tifa_freq_add(v->a, w, len, articles) != TIFA_OK)
    return TIFA_NOMEM;
  return 0;
}

int tifai_lex_vocab (const tifai_source *src, const tifa_vocab_opts *opts, tifa_vocab_fn f,
                     void *ud) {
  tifa_vocab_opts o;
  vsum v = {NULL, NULL};
  int64_t *loc = NULL;
  const tifa_freq_entry *e;
  size_t i, j, k, n;
  long given = 0;
  int rc = TIFA_OK;
  if (src->n == 1 && src->bases == NULL) return tifa_store_vocab(src->stores[0], opts, f, ud);
  memset(&o, 0, sizeof(o));
  if (opts) o = *opts;
  if (tifa_freq_new(&v.n) != TIFA_OK || tifa_freq_new(&v.a) != TIFA_OK) rc = TIFA_NOMEM;
  if (rc == TIFA_OK && o.ids) {                 /* the set, sorted: runs of one store */
    if ((loc = (int64_t *)malloc((o.nids ? o.nids : 1) * sizeof(int64_t))) == NULL) rc = TIFA_NOMEM;
    else {
      memcpy(loc, o.ids, o.nids * sizeof(int64_t));
      qsort(loc, o.nids, sizeof(int64_t), cmpid);
    }
  }
  for (k = 0; rc == TIFA_OK && o.ids == NULL && k < src->n; k++) {
    rc = tifa_store_vocab(src->stores[k], NULL, onvocab, &v);
    if (rc != TIFA_OK && rc != TIFA_NOMEM) rc = tifai_lex_srcfail(src, k, rc);
  }
  for (i = 0; rc == TIFA_OK && o.ids && i < o.nids; i = j) {
    tifa_vocab_opts so;
    k = tifai_source_storeof(src, loc[i]);
    for (j = i + 1; j < o.nids && tifai_source_storeof(src, loc[j]) == k; j++) ;
    if (k == (size_t)-1) continue;              /* in no store */
    for (n = i; n < j; n++) loc[n] -= src->bases ? src->bases[k] : 0;
    memset(&so, 0, sizeof(so));
    so.ids = loc + i; so.nids = j - i;
    rc = tifa_store_vocab(src->stores[k], &so, onvocab, &v);
    if (rc != TIFA_OK && rc != TIFA_NOMEM) rc = tifai_lex_srcfail(src, k, rc);
  }
  if (rc == TIFA_OK && tifa_freq_sorted(v.n, &e, &n) != TIFA_OK) rc = TIFA_NOMEM;
  for (i = 0; rc == TIFA_OK && i < n && (o.limit <= 0 || given < o.limit); i++) {
    if (e[i].count < (o.min > 0 ? o.min : 1)) break;   /* sorted: the rest are fewer */
    if (o.stop && tifa_freq_get(o.stop, e[i].word, e[i].len) > 0) continue;
    given++;
    rc = f(ud, e[i].word, e[i].len, e[i].count, tifa_freq_get(v.a, e[i].word, e[i].len));
  }
  if (rc == TIFA_NOMEM) rc = tifai_store_fail(src->stores[0], TIFA_NOMEM, "out of memory");
  tifa_freq_free(v.n); tifa_freq_free(v.a);
  free(loc);
  return rc;
}

/* }====== */
