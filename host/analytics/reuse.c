/*
** reuse.c -- passages shared between articles (and within one): winnowed character n-grams
** of normalized text seed candidate pairs, which are aligned into maximal passages allowing
** small edits, formulaic n-grams (too frequent, or of the 套话 list) seeding nothing.
** See tifa_reuse.h for the method and its parameters.
*/
#include <stdlib.h>
#include <string.h>
#include "tifa.h"
#include "tifa_reuse.h"
#include "shingles.h"
#include "buf.h"
#include "store.h"
#include "each.h"
#include "reusecore.h"

#define N        TIFA_REUSE_NGRAM
#define WINDOW   TIFAI_RWINDOW
#define GAPMAX   3          /* characters an edit may skip on either side */
#define RESYNC   6          /* equal characters needed before and after an edit */
#define GROUPMAX 256        /* postings of one n-gram beyond which it is not paired */

static const char *const formulaic[] = {
  "以习近平同志为核心的党中央",
  "在以习近平同志为核心的党中央坚强领导下",
  "习近平新时代中国特色社会主义思想",
  "坚持以习近平新时代中国特色社会主义思想为指导",
  "深入学习贯彻习近平新时代中国特色社会主义思想",
  "全面贯彻落实党的二十大精神",
  "党的二十大和二十届二中全会精神",
  "党的二十届三中全会精神",
  "中共中央总书记、国家主席、中央军委主席",
  "中共中央政治局常委",
  "中共中央政治局委员",
  "全国人大常委会委员长",
  "全国政协主席",
  "国务院副总理",
  "习近平总书记重要讲话精神",
  "习近平总书记重要讲话和重要指示精神",
  "习近平总书记重要指示批示精神",
  "增强“四个意识”、坚定“四个自信”、做到“两个维护”",
  "深刻领悟“两个确立”的决定性意义",
  "以中国式现代化全面推进中华民族伟大复兴",
  "全面建设社会主义现代化国家",
  "实现中华民族伟大复兴的中国梦",
  "完整、准确、全面贯彻新发展理念",
  "加快构建新发展格局",
  "着力推动高质量发展",
  "坚持稳中求进工作总基调",
  "推动构建人类命运共同体",
  "统筹发展和安全",
  "各级党委和政府",
  "央视网消息（新闻联播）",
  NULL
};

const char *const *tifa_reuse_formulaic (void) { return formulaic; }

/* {====== Hash sets and the df sketch ====== */

static int hset_init (HSet *h, size_t want) {
  size_t cap = 64;
  while (cap < 2 * want) cap *= 2;
  h->k = (uint64_t *)malloc(cap * sizeof(*h->k));
  h->n = (uint32_t *)malloc(cap * sizeof(*h->n));
  h->g = (uint32_t *)calloc(cap, sizeof(*h->g));
  h->gen = 1;
  h->mask = cap - 1;
  h->cap = cap;
  return (h->k && h->n && h->g) ? TIFA_OK : TIFA_NOMEM;
}
static void hset_free (HSet *h) {
  free(h->k); free(h->n); free(h->g);
  h->k = NULL; h->n = NULL; h->g = NULL;
}
/* Empty the set for at most 'want' keys (no more than it was made for): O(1), so that a
** set made for the longest article costs a short one nothing. */
static void hset_clear (HSet *h, size_t want) {
  size_t cap = 64;
  while (cap < 2 * want && cap < h->cap) cap *= 2;
  h->mask = cap - 1;
  if (++h->gen == 0) { memset(h->g, 0, h->cap * sizeof(*h->g)); h->gen = 1; }
}
/* Add 'x' (at most (mask+1)/2 distinct keys); returns its count after adding. */
static uint32_t hset_add (HSet *h, uint64_t x) {
  size_t i = (size_t)x & h->mask;
  while (h->g[i] == h->gen && h->k[i] != x) i = (i + 1) & h->mask;
  if (h->g[i] != h->gen) { h->g[i] = h->gen; h->k[i] = x; h->n[i] = 0; }
  return ++h->n[i];
}
static uint32_t hset_get (const HSet *h, uint64_t x) {
  size_t i = (size_t)x & h->mask;
  while (h->g[i] == h->gen) {
    if (h->k[i] == x) return h->n[i];
    i = (i + 1) & h->mask;
  }
  return 0;
}

static void sk_add (Sketch *s, uint64_t h) {
  uint16_t *a = SK_A(s, h), *b = SK_B(s, h);
  if (*a < UINT16_MAX) (*a)++;
  if (b != a && *b < UINT16_MAX) (*b)++;
}
static unsigned sk_get (const Sketch *s, uint64_t h) {
  unsigned a = *SK_A(s, h), b = *SK_B(s, h);
  return a < b ? a : b;
}

/* }====== */

#define GROW(p, n, cap) ((n) < (cap) || grow((void **)&(p), &(cap), sizeof(*(p))) == TIFA_OK)
static int grow (void **p, size_t *cap, size_t size) {
  size_t n = *cap ? 2 * *cap : 1024;
  void *q = realloc(*p, n * size);
  if (q == NULL) return TIFA_NOMEM;
  *p = q; *cap = n;
  return TIFA_OK;
}

static int isformulaic (const Ctx *x, uint64_t h) {
  return sk_get(&x->sk, h) > (unsigned)x->max_df || hset_get(&x->formula, h) != 0;
}

int tifai_reuse_isformulaic (const Ctx *x, size_t p) {
  uint64_t h;
  if (x->fbits) return (x->fbits[p >> 3] >> (p & 7)) & 1;
  h = tifai_shash(x->c.cp + p, N);
  return h != 0 && isformulaic(x, h);
}

/* {====== Document frequencies ====== */

size_t tifai_reuse_counters (size_t ncp) {
  size_t size = 1024;
  while (size < 2 * ncp) size *= 2;            /* counters: two or more per n-gram */
  return size;
}

int tifai_reuse_sketch (Ctx *x, uint16_t *r, size_t counters) {
  if (r == NULL) {
    counters = tifai_reuse_counters(x->c.ncp);
    if ((r = (uint16_t *)calloc(counters, sizeof(uint16_t))) == NULL) return TIFA_NOMEM;
    x->sk.owned = 1;
  }
  x->sk.r = r;
  x->sk.mask = counters / 32 - 1;
  return TIFA_OK;
}

int tifai_reuse_countdf (Ctx *x) {
  size_t d, maxlen = 0, nu;
  uint64_t *u = NULL;
  HSet seen;
  int rc;
  for (d = 0; d < x->c.ndocs; d++) if (x->c.docs[d].len > maxlen) maxlen = x->c.docs[d].len;
  if ((rc = hset_init(&seen, maxlen)) != TIFA_OK ||
      (u = (uint64_t *)malloc((maxlen + 1) * sizeof(*u))) == NULL) {
    hset_free(&seen);
    return TIFA_NOMEM;
  }
  for (d = 0; d < x->c.ndocs; d++) {
    const tifai_sdoc *D = &x->c.docs[d];
    const uint32_t *p = x->c.cp + D->start;
    uint32_t i;
    if (tifai_source_stopped(x->src)) { rc = tifai_stopped(x->s); break; }
    hset_clear(&seen, D->len);
    for (i = 0, nu = 0; i < D->len; i++) {       /* this document's n-grams, each once */
      uint64_t h = tifai_shash(p + i, N);
      if (h != 0 && hset_add(&seen, h) == 1) {
        u[nu++] = h;
        PREFETCH(SK_A(&x->sk, h));
      }
    }
    for (i = 0; i < nu; i++) sk_add(&x->sk, u[i]);
  }
  hset_free(&seen);
  free(u);
  return rc;
}

static int formulaset (Ctx *x) {
  const char *const *f = x->o && x->o->formulaic ? x->o->formulaic : formulaic;
  size_t nf = x->o && x->o->formulaic ? x->o->nformulaic : (size_t)-1, k, total = 0;
  uint32_t *buf;
  int rc;
  for (k = 0; k < nf && f[k]; k++) total += strlen(f[k]);
  if ((rc = hset_init(&x->formula, total + 1)) != TIFA_OK) return rc;
  if ((buf = (uint32_t *)malloc((total + 1) * sizeof(*buf))) == NULL) return TIFA_NOMEM;
  for (k = 0; k < nf && f[k]; k++) {
    size_t n = tifai_snorm(f[k], strlen(f[k]), buf, NULL), i;
    for (i = 0; i + N <= n; i++) hset_add(&x->formula, tifai_shash(buf + i, N));
  }
  free(buf);
  return TIFA_OK;
}

/* }====== */

/* {====== Seeds: winnowed n-grams, paired ====== */

/* The postings of document 'd': the least eligible hash of each window of WINDOW n-grams
** (the rightmost on ties), once per position. 'v' and 'rep' are scratch of d's length. */
static int winnow (Ctx *x, uint32_t d, uint64_t *v, HSet *rep) {
  const tifai_sdoc *D = &x->c.docs[d];
  const uint32_t *p = x->c.cp + D->start;
  uint32_t i, n = D->len, last = UINT32_MAX;
  if (x->self) {
    hset_clear(rep, n);
    for (i = D->text; i < n; i++) {
      uint64_t h = tifai_shash(p + i, N);
      if (h) hset_add(rep, h);
    }
  }
  for (i = 0; i < n; i++) {
    v[i] = tifai_shash(p + i, N);
    if (v[i]) PREFETCH(SK_A(&x->sk, v[i]));
  }
  for (i = 0; i < n; i++) {
    uint64_t h = v[i];
    unsigned df;
    v[i] = UINT64_MAX;
    if (h == 0 || hset_get(&x->formula, h)) continue;
    df = sk_get(&x->sk, h);
    if (df > (unsigned)x->max_df) continue;
    if (df >= 2 || (x->self && i >= D->text && hset_get(rep, h) >= 2)) v[i] = h;
  }
  for (i = 0; i + WINDOW <= n; i++) {
    uint32_t k, m = i;
    for (k = i + 1; k < i + WINDOW; k++) if (v[k] <= v[m]) m = k;
    if (v[m] == UINT64_MAX || m == last) continue;
    last = m;
    if (!GROW(x->post, x->npost, x->cpost)) return TIFA_NOMEM;
    x->post[x->npost].h = v[m];
    x->post[x->npost].doc = d;
    x->post[x->npost].pos = m;
    x->npost++;
  }
  return TIFA_OK;
}

static int cmppost (const void *a, const void *b) {
  const Posting *p = (const Posting *)a, *q = (const Posting *)b;
  if (p->h != q->h) return p->h < q->h ? -1 : 1;
  if (p->doc != q->doc) return p->doc < q->doc ? -1 : 1;
  return p->pos < q->pos ? -1 : p->pos > q->pos;
}
static int cmpseed (const void *a, const void *b) {
  const Seed *p = (const Seed *)a, *q = (const Seed *)b;
  if (p->docs != q->docs) return p->docs < q->docs ? -1 : 1;
  return p->pos < q->pos ? -1 : p->pos > q->pos;
}

/* Sort the 'n' records of 'size' bytes at 'base' by 'cmp', given a key that orders them
** coarsely: key(r) < nb, and key(r) < key(s) implies cmp(r, s) < 0. A counting sort by the
** key, then each bucket by qsort: the buckets are small, so this is several times faster
** than one qsort of all. Stops on an interrupt between buckets. Falls back to
** tifai_source_sort without memory for a copy. */
static int bucketsort (Ctx *x, void *base, size_t n, size_t size, size_t nb,
                       size_t (*key) (const void *), int (*cmp) (const void *, const void *)) {
  size_t *at, k, i;
  char *tmp, *b = (char *)base;
  if (n < 2) return TIFA_OK;
  at = (size_t *)calloc(nb + 1, sizeof(*at));
  tmp = (char *)malloc(n * size);
  if (at == NULL || tmp == NULL) {
    free(at); free(tmp);
    return tifai_source_sort(x->src, base, n, size, cmp);
  }
  for (i = 0; i < n; i++) at[key(b + i * size) + 1]++;
  for (k = 0; k < nb; k++) at[k + 1] += at[k];
  for (i = 0; i < n; i++) {
    size_t q = key(b + i * size);
    memcpy(tmp + at[q]++ * size, b + i * size, size);
  }
  for (k = nb; k > 0; k--) at[k] = at[k - 1];            /* at[k]: the start of bucket k */
  at[0] = 0;
  for (k = 0; k < nb; k++) {
    size_t end = k + 1 < nb ? at[k + 1] : n;
    if ((k & 4095) == 0 && tifai_source_stopped(x->src)) {
      free(at); free(tmp);
      return tifai_stopped(x->s);
    }
    if (end - at[k] > 1) qsort(tmp + at[k] * size, end - at[k], size, cmp);
  }
  memcpy(base, tmp, n * size);
  free(at); free(tmp);
  return TIFA_OK;
}

static size_t postkey (const void *a) { return (size_t)(((const Posting *)a)->h >> 48); }
static size_t seedkey (const void *a) { return (size_t)(((const Seed *)a)->docs >> 32); }

static int datesok (const Ctx *x, uint32_t da, uint32_t db) {
  int32_t a = x->c.docs[da].day, b = x->c.docs[db].day;
  if (x->within <= 0 || da == db) return 1;
  if (a == TIFAI_NODAY || b == TIFAI_NODAY) return 0;
  return (a > b ? (int64_t)a - b : (int64_t)b - a) <= x->within;
}

int tifai_reuse_pairseeds (Ctx *x, int sort) {
  size_t g0 = 0, g1, i, j, ngroups = 0;
  int rc = bucketsort(x, x->post, x->npost, sizeof(Posting), 65536, postkey, cmppost);
  if (rc != TIFA_OK) return rc;
  for (g0 = 0; g0 < x->npost; g0 = g1) {
    if ((++ngroups & 1023) == 0 && tifai_source_stopped(x->src)) return tifai_stopped(x->s);
    for (g1 = g0 + 1; g1 < x->npost && x->post[g1].h == x->post[g0].h; g1++) ;
    if (g1 - g0 < 2 || g1 - g0 > GROUPMAX) continue;
    for (i = g0; i < g1; i++) for (j = i + 1; j < g1; j++) {
      const Posting *a = &x->post[i], *b = &x->post[j];   /* a->doc <= b->doc, sorted */
      if (a->doc == b->doc) {
        const tifai_sdoc *D = &x->c.docs[a->doc];
        if (!x->self || a->pos < D->text || b->pos < a->pos + N) continue;
      }
      else if (!datesok(x, a->doc, b->doc)) continue;
      else if (tifai_sbefore(&x->c.docs[b->doc], &x->c.docs[a->doc])) {
        const Posting *t = a; a = b; b = t;     /* the first side by date and text, not id */
      }
      if (!GROW(x->seed, x->nseed, x->cseed)) return TIFA_NOMEM;
      x->seed[x->nseed].docs = (uint64_t)a->doc << 32 | b->doc;
      x->seed[x->nseed].pos = (uint64_t)(x->c.docs[a->doc].start + a->pos) << 32 |
                              (uint64_t)(x->c.docs[b->doc].start + b->pos);
      x->nseed++;
    }
  }
  free(x->post); x->post = NULL; x->npost = x->cpost = 0;
  return sort ? bucketsort(x, x->seed, x->nseed, sizeof(Seed), x->c.ndocs, seedkey, cmpseed) : TIFA_OK;
}

/* }====== */

/* {====== Alignment ====== */

#define EQ(c, i, j)  ((c)[i] != 0 && (c)[i] == (c)[j])

/* An edit at the next positions to compare (ni, nj), going 'dir': skip ga and gb characters
** (at most GAPMAX each, no separator among them) after which RESYNC characters are equal;
** the least skip wins. On success moves (ni, nj) past the skips and adds to '*edits'. The
** a side stays below 'alim', the b side at or above 'blim'. */
static int resync (const uint32_t *c, ptrdiff_t *ni, ptrdiff_t *nj, int dir, ptrdiff_t alim,
                   ptrdiff_t blim, int64_t *edits) {
  int t, ga, gb, k;
  for (t = 1; t <= 2 * GAPMAX; t++) {
    for (ga = 0; ga <= t && ga <= GAPMAX; ga++) {
      ptrdiff_t i = *ni, j = *nj;
      gb = t - ga;
      if (gb > GAPMAX) continue;
      for (k = 0; k < ga && c[i + dir * k] != 0; k++) ;
      if (k < ga) continue;
      for (k = 0; k < gb && c[j + dir * k] != 0; k++) ;
      if (k < gb) continue;
      i += dir * ga; j += dir * gb;
      for (k = 0; k < RESYNC; k++) {
        ptrdiff_t ii = i + dir * k, jj = j + dir * k;
        if (ii >= alim || jj < blim || !EQ(c, ii, jj)) break;
      }
      if (k == RESYNC) { *ni = i; *nj = j; *edits += ga > gb ? ga : gb; return 1; }
    }
  }
  return 0;
}

/* Grow the match P (a0..a1 against b0..b1, equal so far) as far as it goes: first left,
** then right. For reuse within an article the two sides may not overlap: b starts at or
** after a's end. Edits are allowed only after RESYNC equal characters. */
static void align (const uint32_t *c, Passage *P, int self) {
  ptrdiff_t i = (ptrdiff_t)P->a0, j = (ptrdiff_t)P->b0, run = (ptrdiff_t)(P->a1 - P->a0);
  ptrdiff_t blim = self ? (ptrdiff_t)P->a1 : 0, alim = PTRDIFF_MAX;
  for (;;) {                                    /* left: compare c[i-1], c[j-1] */
    ptrdiff_t ni, nj;
    while (j - 1 >= blim && EQ(c, i - 1, j - 1)) { i--; j--; run++; }
    P->a0 = (size_t)i; P->b0 = (size_t)j;
    ni = i - 1; nj = j - 1;
    if (run < RESYNC || !resync(c, &ni, &nj, -1, alim, blim, &P->edits)) break;
    i = ni + 1; j = nj + 1; run = 0;
  }
  if (self) alim = (ptrdiff_t)P->b0;
  i = (ptrdiff_t)P->a1; j = (ptrdiff_t)P->b1; run = (ptrdiff_t)(P->a1 - P->a0);
  for (;;) {                                    /* right: compare c[i], c[j] */
    while (i < alim && EQ(c, i, j)) { i++; j++; run++; }
    P->a1 = (size_t)i; P->b1 = (size_t)j;
    if (run < RESYNC || !resync(c, &i, &j, 1, alim, 0, &P->edits)) break;
    run = 0;
  }
}

/* Normalized characters of c[a0..a1) outside formulaic n-grams. */
static size_t rarechars (Ctx *x, size_t a0, size_t a1) {
  size_t len = a1 - a0, i, k, n = 0;
  if (len > x->ccover) {
    uint8_t *p = (uint8_t *)realloc(x->cover, len);
    if (p == NULL) return len;                  /* no room to check: keep the passage */
    x->cover = p; x->ccover = len;
  }
  memset(x->cover, 0, len);
  for (i = 0; i + N <= len; i++)
    if (tifai_reuse_isformulaic(x, a0 + i))
      for (k = 0; k < N; k++) x->cover[i + k] = 1;
  for (i = 0; i < len; i++) n += !x->cover[i];
  return n;
}

int tifai_reuse_align (Ctx *x) {
  size_t s0, s1, k, first, *act = NULL, nact = 0, cact = 0, q, keep;
  const uint32_t *c = x->c.cp;
  for (s0 = 0; s0 < x->nseed; s0 = s1) {
    uint32_t da = (uint32_t)(x->seed[s0].docs >> 32), db = (uint32_t)x->seed[s0].docs;
    if ((x->candidates & 255) == 0 && tifai_source_stopped(x->src)) {
      free(act);
      return tifai_stopped(x->s);
    }
    for (s1 = s0 + 1; s1 < x->nseed && x->seed[s1].docs == x->seed[s0].docs; s1++) ;
    x->candidates++;
    first = x->npass;
    nact = 0;
    for (k = s0; k < s1; k++) {
      size_t pa = (size_t)(x->seed[k].pos >> 32), pb = (size_t)(uint32_t)x->seed[k].pos;
      Passage P;
      int covered = 0;
      for (q = 0, keep = 0; q < nact; q++) {      /* seeds ascend: drop passages now behind */
        const Passage *R = &x->pass[act[q]];
        if (R->a1 <= pa) continue;
        act[keep++] = act[q];
        if (pa >= R->a0 && pb >= R->b0 && pb < R->b1) covered = 1;
      }
      nact = keep;
      if (covered || memcmp(c + pa, c + pb, N * sizeof(*c)) != 0) continue;
      P.da = da; P.db = db; P.a0 = pa; P.a1 = pa + N; P.b0 = pb; P.b1 = pb + N; P.edits = 0;
      align(c, &P, da == db);
      if (!GROW(x->pass, x->npass, x->cpass) || !GROW(act, nact, cact)) { free(act); return TIFA_NOMEM; }
      act[nact++] = x->npass;
      x->pass[x->npass++] = P;                  /* kept (even if short) to cover its seeds */
    }
    {                                           /* then keep only the passages to report */
      size_t w = first;
      for (k = first; k < x->npass; k++) {
        Passage *P = &x->pass[k];
        size_t len = P->a1 - P->a0;
        if ((int64_t)len < x->min_chars || (int64_t)(P->b1 - P->b0) < x->min_chars) continue;
        if ((int64_t)rarechars(x, P->a0, P->a1) * 2 < x->min_chars) continue;
        x->pass[w++] = *P;
      }
      x->npass = w;
    }
  }
  free(x->seed); x->seed = NULL; x->nseed = x->cseed = 0;
  free(act);
  return TIFA_OK;
}

/* }====== */

/* {====== Results: back to the articles' own text ====== */

typedef struct SideRef {            /* a side of a reported pair, to map to its article */
  uint32_t doc;
  size_t p0, p1;                    /* positions in cp */
  tifa_reuse_side *side;
  size_t textat;                    /* offset of its text in the arena */
} SideRef;

static int cmpref (const void *a, const void *b) {
  const SideRef *p = (const SideRef *)a, *q = (const SideRef *)b;
  if (p->doc != q->doc) return p->doc < q->doc ? -1 : 1;
  return p->p0 < q->p0 ? -1 : p->p0 > q->p0;
}

typedef struct Fill {
  Ctx *x;
  SideRef *refs; size_t nref, at;   /* refs by document; 'at' the next to fill */
  tifai_buf arena;
  uint32_t *norm, *map; size_t cap; /* one field normalized, with its map */
  int rc;
} Fill;

/* Advance the cursor (*ci code points, *bi bytes) of s[0..len) to code point 'to'. */
static void seek (const char *s, size_t len, size_t to, size_t *ci, size_t *bi) {
  size_t b = *bi, c = *ci;
  while (c < to && b < len) {
    b++;
    while (b < len && ((unsigned char)s[b] & 0xC0) == 0x80) b++;
    c++;
  }
  *ci = c; *bi = b;
}

/* Fill the sides of article 'a' (refs by position, so each field is read once, in order). */
static int onfill (void *ud, const tifai_article *a) {
  const char *kicker = a->kicker;
  size_t klen = a->kicker_len;
  Fill *F = (Fill *)ud;
  Ctx *x = F->x;
  int cur = -1;                                 /* field normalized in F->norm */
  const char *s = NULL;
  size_t len = 0, base = 0, nn = 0, ci = 0, bi = 0, para = 1;
  while (F->at < F->nref && x->c.docs[F->refs[F->at].doc].id < a->id) F->at++;
  while (F->at < F->nref && x->c.docs[F->refs[F->at].doc].id == a->id) {
    SideRef *r = &F->refs[F->at++];
    const tifai_sdoc *D = &x->c.docs[r->doc];
    size_t rel = r->p0 - D->start, rel1 = r->p1 - D->start, c1, b1, k;
    int field = tifai_sfield(D, rel);
    if (field != cur) {
      cur = field;
      s = field == TIFA_FIELD_TEXT ? a->text : field == TIFA_FIELD_TITLE ? a->title : kicker;
      len = field == TIFA_FIELD_TEXT ? a->text_len : field == TIFA_FIELD_TITLE ? a->title_len : klen;
      base = field == TIFA_FIELD_TEXT ? D->text : field == TIFA_FIELD_TITLE ? D->title : 1;
      if (s == NULL) { s = ""; len = 0; }
      if (len + 1 > F->cap) {
        uint32_t *p = (uint32_t *)realloc(F->norm, (len + 1) * sizeof(*p));
        uint32_t *m = p ? (uint32_t *)realloc(F->map, (len + 1) * sizeof(*m)) : NULL;
        if (p) F->norm = p;
        if (m == NULL) return TIFA_NOMEM;
        F->map = m; F->cap = len + 1;
      }
      nn = tifai_snorm(s, len, F->norm, F->map);
      ci = bi = 0; para = 1;
    }
    if (rel < base || rel1 - base > nn) return TIFA_ERROR;    /* the article changed */
    r->side->id = a->id;
    r->side->field = field;
    r->side->from = F->map[rel - base];
    r->side->to = (int64_t)F->map[rel1 - 1 - base] + 1;
    k = bi;
    seek(s, len, (size_t)r->side->from, &ci, &bi);             /* refs ascend: 'from' too */
    for (; k < bi; k++) para += s[k] == '\n';
    c1 = ci; b1 = bi;
    seek(s, len, (size_t)r->side->to, &c1, &b1);
    r->side->paragraph = field == TIFA_FIELD_TEXT ? (int64_t)para : 0;
    r->textat = F->arena.len;
    r->side->len = b1 - bi;
    tifai_buf_add(&F->arena, s + bi, b1 - bi);
    tifai_buf_addc(&F->arena, 0);
  }
  return F->arena.oom ? TIFA_NOMEM : TIFA_OK;
}

static int cmppair (const void *a, const void *b) {
  const tifa_reuse_pair *p = (const tifa_reuse_pair *)a, *q = (const tifa_reuse_pair *)b;
  if (p->source.id != q->source.id) return p->source.id < q->source.id ? -1 : 1;
  if (p->target.id != q->target.id) return p->target.id < q->target.id ? -1 : 1;
  if (p->source.field != q->source.field) return p->source.field < q->source.field ? -1 : 1;
  if (p->source.from != q->source.from) return p->source.from < q->source.from ? -1 : 1;
  return p->target.from < q->target.from ? -1 : p->target.from > q->target.from;
}

int tifai_reuse_results (Ctx *x, tifa_reuse_result *r) {
  Fill F;
  size_t k, nref = 2 * x->npass;
  int64_t *ids = NULL;
  size_t nids = 0;
  int rc = TIFA_OK;
  memset(&F, 0, sizeof(F));
  r->n = x->npass;
  r->pairs = (tifa_reuse_pair *)calloc(x->npass ? x->npass : 1, sizeof(*r->pairs));
  F.refs = (SideRef *)calloc(nref ? nref : 1, sizeof(*F.refs));
  ids = (int64_t *)malloc((nref ? nref : 1) * sizeof(*ids));
  if (r->pairs == NULL || F.refs == NULL || ids == NULL) { rc = TIFA_NOMEM; goto done; }
  for (k = 0; k < x->npass; k++) {
    const Passage *P = &x->pass[k];
    const tifai_sdoc *A = &x->c.docs[P->da], *B = &x->c.docs[P->db];
    tifa_reuse_pair *R = &r->pairs[k];
    int swap = 0;
    R->edits = P->edits;
    if (P->da == P->db) R->days = 0;            /* within one article: a comes first */
    else if (A->day != TIFAI_NODAY && B->day != TIFAI_NODAY && A->day != B->day) {
      swap = B->day < A->day;
      R->directed = 1;
      R->days = swap ? (int64_t)A->day - B->day : (int64_t)B->day - A->day;
    }
    else {                                      /* undirected: the lower id first */
      swap = B->id < A->id;
      R->days = A->day != TIFAI_NODAY && B->day != TIFAI_NODAY ? 0 : TIFA_REUSE_NODAYS;
    }
    F.refs[2 * k].doc = swap ? P->db : P->da;
    F.refs[2 * k].p0 = swap ? P->b0 : P->a0;
    F.refs[2 * k].p1 = swap ? P->b1 : P->a1;
    F.refs[2 * k].side = &R->source;
    F.refs[2 * k + 1].doc = swap ? P->da : P->db;
    F.refs[2 * k + 1].p0 = swap ? P->a0 : P->b0;
    F.refs[2 * k + 1].p1 = swap ? P->a1 : P->b1;
    F.refs[2 * k + 1].side = &R->target;
    R->chars = (int64_t)(F.refs[2 * k].p1 - F.refs[2 * k].p0);
  }
  if ((rc = tifai_source_sort(x->src, F.refs, nref, sizeof(*F.refs), cmpref)) != TIFA_OK) goto done;
  for (k = 0; k < nref; k++) {
    int64_t id = x->c.docs[F.refs[k].doc].id;
    if (nids == 0 || ids[nids - 1] != id) ids[nids++] = id;
  }
  F.x = x; F.nref = nref;
  if (nids > 0) rc = tifai_source_each(x->src, ids, nids, onfill, &F);
  if (rc == TIFA_ERROR) rc = tifai_store_fail(x->s, TIFA_ERROR, "articles changed while read");
  if (rc != TIFA_OK) goto done;
  r->mem = tifai_buf_detach(&F.arena, NULL);
  if (r->mem == NULL && nref > 0) { rc = TIFA_NOMEM; goto done; }
  for (k = 0; k < nref; k++) F.refs[k].side->text = r->mem + F.refs[k].textat;
  rc = tifai_source_sort(x->src, r->pairs, r->n, sizeof(*r->pairs), cmppair);
done:
  tifai_buf_free(&F.arena);
  free(F.refs); free(ids); free(F.norm); free(F.map);
  return rc;
}

/* }====== */

int tifa_reuse (tifa_store *s, const int64_t *ids, size_t nids, const tifa_reuse_opts *o,
                tifa_reuse_result **out) {
  return tifa_reuse_stores(&s, NULL, 1, ids, nids, o, out);
}

int tifai_reuse_begin (Ctx *x, const tifai_source *src, const tifa_reuse_opts *o) {
  x->src = src; x->s = src->n ? src->stores[0] : NULL; x->o = o;
  x->min_chars = o && o->min_chars > 0 ? o->min_chars : TIFA_REUSE_MINCHARS;
  x->max_df = o && o->max_df > 0 ? o->max_df : TIFA_REUSE_MAXDF;
  if (x->max_df > UINT16_MAX - 1) x->max_df = UINT16_MAX - 1;
  if (x->min_chars < N) x->min_chars = N;
  x->within = o ? o->within_days : 0;
  x->self = o && o->within;
  return formulaset(x);
}

void tifai_reuse_end (Ctx *x) {
  if (x->sk.owned) free(x->sk.r);
  x->sk.r = NULL;
  hset_free(&x->formula);
  free(x->post); free(x->seed); free(x->pass); free(x->cover); free(x->fbits);
  x->post = NULL; x->seed = NULL; x->pass = NULL; x->cover = NULL; x->fbits = NULL;
  tifai_scorpus_free(&x->c);
}

int tifai_reuse_winnow (Ctx *x) {
  uint64_t *v = NULL;
  HSet rep;
  size_t d, maxlen = 0;
  int rc = TIFA_OK;
  memset(&rep, 0, sizeof(rep));
  for (d = 0; d < x->c.ndocs; d++) if (x->c.docs[d].len > maxlen) maxlen = x->c.docs[d].len;
  if ((v = (uint64_t *)malloc((maxlen + 1) * sizeof(*v))) == NULL) rc = TIFA_NOMEM;
  else rc = hset_init(&rep, x->self ? maxlen : 1);
  for (d = 0; rc == TIFA_OK && d < x->c.ndocs; d++)
    rc = tifai_source_stopped(x->src) ? tifai_stopped(x->s) : winnow(x, (uint32_t)d, v, &rep);
  free(v); hset_free(&rep);
  return rc;
}

int tifa_reuse_stores (tifa_store *const *stores, const int64_t *bases, size_t n,
                       const int64_t *ids, size_t nids, const tifa_reuse_opts *o,
                       tifa_reuse_result **out) {
  tifai_source src;
  Ctx x;
  tifa_reuse_result *r = NULL;
  int rc;
  memset(&x, 0, sizeof(x));
  *out = NULL;
  if (n == 0) return TIFA_ERROR;              /* no store to hold a message */
  src.stores = stores; src.bases = bases; src.n = n;
  if ((r = (tifa_reuse_result *)calloc(1, sizeof(*r))) == NULL) return TIFA_NOMEM;
  rc = tifai_reuse_begin(&x, &src, o);
  if (rc == TIFA_OK) rc = tifai_scorpus_build(&src, ids, nids, &x.c);
  if (rc == TIFA_OK) rc = tifai_reuse_sketch(&x, NULL, 0);
  if (rc == TIFA_OK) rc = tifai_reuse_countdf(&x);
  if (rc == TIFA_OK) rc = tifai_reuse_winnow(&x);
  if (rc == TIFA_OK) rc = tifai_reuse_pairseeds(&x, 1);
  if (rc == TIFA_OK) rc = tifai_reuse_align(&x);
  if (rc == TIFA_OK) rc = tifai_reuse_results(&x, r);
  r->candidates = x.candidates;
  r->articles = x.c.ndocs;
  tifai_reuse_end(&x);
  if (rc != TIFA_OK) { tifa_reuse_free(r); return rc; }
  *out = r;
  return TIFA_OK;
}

void tifa_reuse_sort (tifa_reuse_pair *pairs, size_t n) {
  if (n > 1) qsort(pairs, n, sizeof(*pairs), cmppair);
}

void tifa_reuse_free (tifa_reuse_result *r) {
  if (r == NULL) return;
  free(r->pairs);
  free(r->mem);
  free(r);
}
