/*
** similar.c -- the articles most similar to one: cosine of tf-idf vectors of character
** bigrams of normalized text, with the words each hit shares most (see tifa_reuse.h).
*/
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "tifa.h"
#include "tifa_reuse.h"
#include "tifa_words.h"
#include "shingles.h"
#include "buf.h"
#include "store.h"
#include "each.h"

typedef struct Slot {               /* a bigram of the set */
  uint64_t key;                     /* cp1 << 32 | cp2; 0: empty */
  uint32_t df, last;                /* articles with it; last article counted (+1) */
  uint32_t tf, seen;                /* count in the current article; article of 'tf' (+1) */
  double tw;                        /* its weight in the target (0: not in the target) */
} Slot;

typedef struct Table { Slot *s; size_t mask, n; } Table;

static Slot *slot (Table *t, uint64_t key) {           /* find or add; NULL: no memory */
  size_t i = 0;
  if (t->s) {
    i = (size_t)(key * 0x9E3779B97F4A7C15u >> 20) & t->mask;
    while (t->s[i].key && t->s[i].key != key) i = (i + 1) & t->mask;
    if (t->s[i].key == key) return &t->s[i];
  }
  if (t->s == NULL || 2 * (t->n + 1) > t->mask + 1) {   /* grow, then place the new key */
    size_t cap = t->s ? 2 * (t->mask + 1) : 4096, k;
    Slot *ns = (Slot *)calloc(cap, sizeof(*ns));
    if (ns == NULL) return NULL;
    for (k = 0; t->s && k <= t->mask; k++) if (t->s[k].key) {
      size_t j = (size_t)(t->s[k].key * 0x9E3779B97F4A7C15u >> 20) & (cap - 1);
      while (ns[j].key) j = (j + 1) & (cap - 1);
      ns[j] = t->s[k];
    }
    free(t->s); t->s = ns; t->mask = cap - 1;
    i = (size_t)(key * 0x9E3779B97F4A7C15u >> 20) & t->mask;
    while (t->s[i].key) i = (i + 1) & t->mask;
  }
  t->s[i].key = key; t->n++;
  return &t->s[i];
}

typedef struct Hit { int64_t id; double score; uint32_t doc; } Hit;
static int cmphit (const void *a, const void *b) {
  const Hit *p = (const Hit *)a, *q = (const Hit *)b;
  if (p->score != q->score) return p->score > q->score ? -1 : 1;
  return p->id < q->id ? -1 : p->id > q->id;
}

/* {====== Shared words ====== */

typedef struct WCount { const char *w; size_t len; long a, b; } WCount;

static int onword (void *ud, const char *s, const tifa_word *w) {
  WCount **pv = (WCount **)ud;
  WCount *v = pv[0];
  size_t *n = (size_t *)pv[1], *cap = (size_t *)pv[2], i;
  int side = *(int *)pv[3];
  const char *p = s + w->byte;
  if (w->end - w->start < 2 || strcmp(w->tag, "x") == 0 || strcmp(w->tag, "m") == 0 ||
      strcmp(w->tag, "t") == 0)
    return 0;
  for (i = 0; i < *n; i++)
    if (v[i].len == w->nbyte && memcmp(v[i].w, p, w->nbyte) == 0) break;
  if (i == *n) {
    if (side == 1) return 0;                    /* only words of the target count */
    if (*n == *cap) {
      size_t nc = *cap ? 2 * *cap : 64;
      WCount *nv = (WCount *)realloc(v, nc * sizeof(*nv));
      if (nv == NULL) return TIFA_NOMEM;
      pv[0] = v = nv; *cap = nc;
    }
    v[i].w = p; v[i].len = w->nbyte; v[i].a = v[i].b = 0;
    (*n)++;
  }
  if (side == 0) v[i].a++; else v[i].b++;
  return 0;
}

static int ontext (void *ud, const tifai_article *a) {
  tifai_buf *b = (tifai_buf *)ud;
  (void)a->id;
  tifai_buf_reset(b);
  tifai_buf_add(b, a->title, a->title_len);
  tifai_buf_addc(b, '\n');
  tifai_buf_add(b, a->text, a->text_len);
  return b->oom ? TIFA_NOMEM : TIFA_OK;
}

static int cmpwc (const void *a, const void *b) {
  const WCount *p = (const WCount *)a, *q = (const WCount *)b;
  long x = p->a < p->b ? p->a : p->b, y = q->a < q->b ? q->a : q->b;
  if (x != y) return x > y ? -1 : 1;
  if (p->len != q->len) return p->len > q->len ? -1 : 1;
  return memcmp(p->w, q->w, p->len);
}

/* The words of the target most shared with each hit: those in both, by the lesser count. */
static int sharedwords (const tifai_source *src, int64_t target, tifa_similar_result *r,
                        tifai_buf *out, size_t *offs) {
  tifai_buf tb = TIFAI_BUF_INIT, hb = TIFAI_BUF_INIT;
  WCount *v = NULL;
  size_t n = 0, cap = 0, h, i;
  int side = 0, rc;
  void *pv[4];
  pv[0] = v; pv[1] = &n; pv[2] = &cap; pv[3] = &side;
  rc = tifai_source_each(src, &target, 1, ontext, &tb);
  if (rc == TIFA_OK) rc = tifa_words(tifa_segmenter_default(), tb.p ? tb.p : "", tb.len, 0, onword, pv);
  v = (WCount *)pv[0];
  for (h = 0; rc == TIFA_OK && h < r->n; h++) {
    WCount *tmp;
    for (i = 0; i < n; i++) v[i].b = 0;
    rc = tifai_source_each(src, &r->hits[h].id, 1, ontext, &hb);
    side = 1;
    if (rc == TIFA_OK) rc = tifa_words(tifa_segmenter_default(), hb.p ? hb.p : "", hb.len, 0, onword, pv);
    if (rc != TIFA_OK) break;
    if ((tmp = (WCount *)malloc((n + 1) * sizeof(*tmp))) == NULL) { rc = TIFA_NOMEM; break; }
    if (n > 0) memcpy(tmp, v, n * sizeof(*v));    /* v is NULL when the target has no word */
    if (n > 1) qsort(tmp, n, sizeof(*tmp), cmpwc);
    for (i = 0; i < n && i < TIFA_SIMILAR_SHARED && tmp[i].b > 0; i++) {
      offs[h * TIFA_SIMILAR_SHARED + i] = out->len + 1;      /* +1: 0 means none */
      tifai_buf_add(out, tmp[i].w, tmp[i].len);
      tifai_buf_addc(out, 0);
    }
    free(tmp);
  }
  if (rc == TIFA_OK && out->oom) rc = TIFA_NOMEM;
  free(v); tifai_buf_free(&tb); tifai_buf_free(&hb);
  return rc;
}

/* }====== */

#define KEY(c, i)  ((uint64_t)(c)[i] << 32 | (c)[(i) + 1])

int tifa_similar (tifa_store *s, int64_t id, const int64_t *ids, size_t nids, long top,
                  tifa_similar_result **out) {
  return tifa_similar_stores(&s, NULL, 1, id, ids, nids, top, out);
}

int tifa_similar_stores (tifa_store *const *stores, const int64_t *bases, size_t nstores,
                         int64_t id, const int64_t *ids, size_t nids, long top,
                         tifa_similar_result **out) {
  tifai_source src;
  tifa_store *s;                                /* failures are reported on stores[0] */
  tifai_scorpus c, t;
  Table tab = {NULL, 0, 0};
  Hit *hits = NULL;
  size_t d, i, nh = 0, *offs = NULL;
  tifai_buf words = TIFAI_BUF_INIT;
  tifa_similar_result *r = NULL;
  double tnorm = 0;
  int rc;
  memset(&c, 0, sizeof(c)); memset(&t, 0, sizeof(t));
  *out = NULL;
  if (nstores == 0) return TIFA_ERROR;         /* no store to hold a message */
  src.stores = stores; src.bases = bases; src.n = nstores;
  s = stores[0];
  if (top <= 0) top = 10;
  rc = tifai_scorpus_build(&src, &id, 1, &t);
  if (rc == TIFA_OK && t.ndocs == 0) rc = tifai_store_fail(s, TIFA_NOTFOUND, "article %lld not found", (long long)id);
  if (rc == TIFA_OK) rc = tifai_scorpus_build(&src, ids, nids, &c);
  if (rc != TIFA_OK) goto done;
  rc = TIFA_NOMEM;
  for (d = 0; d < c.ndocs; d++) {               /* document frequencies */
    const uint32_t *p = c.cp + c.docs[d].start + c.docs[d].title;
    size_t n = c.docs[d].len - c.docs[d].title;
    if ((d & 63) == 0 && tifai_source_stopped(&src)) { rc = tifai_stopped(s); goto done; }
    for (i = 0; i + 1 < n; i++) if (p[i] && p[i + 1]) {
      Slot *sl = slot(&tab, KEY(p, i));
      if (sl == NULL) goto done;
      if (sl->last != d + 1) { sl->last = (uint32_t)d + 1; sl->df++; }
    }
  }
  {                                             /* the target's vector */
    const uint32_t *p = t.cp + t.docs[0].start + t.docs[0].title;
    size_t n = t.docs[0].len - t.docs[0].title;
    for (i = 0; i + 1 < n; i++) if (p[i] && p[i + 1]) {
      Slot *sl = slot(&tab, KEY(p, i));
      if (sl == NULL) goto done;
      if (sl->seen != UINT32_MAX) { sl->seen = UINT32_MAX; sl->tf = 0; }
      sl->tf++;
    }
    for (i = 0; i + 1 < n; i++) if (p[i] && p[i + 1]) {
      Slot *sl = slot(&tab, KEY(p, i));
      if (sl->tw == 0 && sl->df > 0) {
        sl->tw = (1 + log((double)sl->tf)) * log((double)c.ndocs / sl->df + 1e-9);
        if (sl->tw <= 0) sl->tw = 1e-12;
        tnorm += sl->tw * sl->tw;
      }
    }
    tnorm = sqrt(tnorm);
  }
  if ((hits = (Hit *)malloc((c.ndocs + 1) * sizeof(*hits))) == NULL) goto done;
  for (d = 0; d < c.ndocs; d++) {               /* cosine with each article */
    const uint32_t *p = c.cp + c.docs[d].start + c.docs[d].title;
    size_t n = c.docs[d].len - c.docs[d].title;
    double dot = 0, norm = 0;
    if ((d & 63) == 0 && tifai_source_stopped(&src)) { rc = tifai_stopped(s); goto done; }
    if (c.docs[d].id == id) continue;
    for (i = 0; i + 1 < n; i++) if (p[i] && p[i + 1]) {
      Slot *sl = slot(&tab, KEY(p, i));
      if (sl->seen != d + 1) { sl->seen = (uint32_t)d + 1; sl->tf = 0; sl->last = 0; }
      sl->tf++;
    }
    for (i = 0; i + 1 < n; i++) if (p[i] && p[i + 1]) {
      Slot *sl = slot(&tab, KEY(p, i));
      double w;
      if (sl->last == UINT32_MAX) continue;     /* counted already */
      sl->last = UINT32_MAX;
      w = (1 + log((double)sl->tf)) * log((double)c.ndocs / sl->df + 1e-9);
      if (w < 0) w = 0;
      norm += w * w;
      dot += w * sl->tw;
    }
    if (dot > 0 && norm > 0 && tnorm > 0) {
      hits[nh].id = c.docs[d].id; hits[nh].doc = (uint32_t)d;
      hits[nh].score = dot / (sqrt(norm) * tnorm);
      if (hits[nh].score > 1) hits[nh].score = 1;
      nh++;
    }
  }
  if (nh > 1) qsort(hits, nh, sizeof(*hits), cmphit);
  if (nh > (size_t)top) nh = (size_t)top;
  if ((r = (tifa_similar_result *)calloc(1, sizeof(*r))) == NULL) goto done;
  if ((r->hits = (tifa_similar_hit *)calloc(nh + 1, sizeof(*r->hits))) == NULL) goto done;
  if ((offs = (size_t *)calloc(nh * TIFA_SIMILAR_SHARED + 1, sizeof(*offs))) == NULL) goto done;
  r->n = nh;
  for (i = 0; i < nh; i++) { r->hits[i].id = hits[i].id; r->hits[i].score = hits[i].score; }
  rc = sharedwords(&src, id, r, &words, offs);
  if (rc != TIFA_OK) goto done;
  r->mem = tifai_buf_detach(&words, NULL);
  for (i = 0; i < nh * TIFA_SIMILAR_SHARED; i++)
    if (offs[i]) r->hits[i / TIFA_SIMILAR_SHARED].shared[i % TIFA_SIMILAR_SHARED] = r->mem + offs[i] - 1;
  rc = TIFA_OK;
done:
  free(tab.s); free(hits); free(offs); tifai_buf_free(&words);
  tifai_scorpus_free(&c); tifai_scorpus_free(&t);
  if (rc != TIFA_OK) { tifa_similar_free(r); return rc; }
  *out = r;
  return TIFA_OK;
}

void tifa_similar_free (tifa_similar_result *r) {
  if (r == NULL) return;
  free(r->hits); free(r->mem);
  free(r);
}
