/*
** duplicates.c -- clusters of near-identical articles (reprints): Jaccard similarity of sets
** of 5-character shingles, candidates from one-permutation MinHash with bands, each checked
** exactly, joined by union-find (see tifa_reuse.h).
*/
#include <stdlib.h>
#include <string.h>
#include "tifa.h"
#include "tifa_reuse.h"
#include "shingles.h"
#include "store.h"
#include "each.h"

#define K      5            /* shingle characters */
#define BINS   30           /* MinHash bins (of 32 by the top 5 bits) */

typedef struct Pair { uint32_t a, b; double j; } Pair;
typedef struct Entry {
  uint64_t key;
  uint64_t hash, where; int32_t day;    /* the doc's, for the order of tifai_sbefore */
  uint32_t doc;
} Entry;

static int cmpu32 (const void *a, const void *b) {
  uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
  return x < y ? -1 : x > y;
}
/* By key, then in the order of tifai_sbefore (docs are in id order), so that the pairs a
** bucket makes do not follow ids */
static int cmpentry (const void *a, const void *b) {
  const Entry *p = (const Entry *)a, *q = (const Entry *)b;
  if (p->key != q->key) return p->key < q->key ? -1 : 1;
  if (p->day != q->day) {
    if (p->day == TIFAI_NODAY || q->day == TIFAI_NODAY) return p->day == TIFAI_NODAY ? 1 : -1;
    return p->day < q->day ? -1 : 1;
  }
  if (p->hash != q->hash) return p->hash < q->hash ? -1 : 1;
  if (p->where != q->where) return p->where < q->where ? -1 : 1;
  return p->doc < q->doc ? -1 : p->doc > q->doc;
}
static int cmppair (const void *a, const void *b) {
  const Pair *p = (const Pair *)a, *q = (const Pair *)b;
  if (p->a != q->a) return p->a < q->a ? -1 : 1;
  return p->b < q->b ? -1 : p->b > q->b;
}

static uint32_t find (uint32_t *up, uint32_t x) {
  while (up[x] != x) { up[x] = up[up[x]]; x = up[x]; }
  return x;
}

/* Is doc a printed before doc b? (earlier full date; undated after dated; then id) */
static int before (const tifai_sdoc *a, const tifai_sdoc *b) {
  if (a->day != b->day) {
    if (a->day == TIFAI_NODAY) return 0;
    if (b->day == TIFAI_NODAY) return 1;
    return a->day < b->day;
  }
  return a->id < b->id;
}

static double jaccard (const uint32_t *a, size_t na, const uint32_t *b, size_t nb) {
  size_t i = 0, j = 0, both = 0;
  while (i < na && j < nb) {
    if (a[i] == b[j]) { both++; i++; j++; }
    else if (a[i] < b[j]) i++;
    else j++;
  }
  return (double)both / (double)(na + nb - both);
}

int tifa_duplicates (tifa_store *s, const int64_t *ids, size_t nids, double threshold,
                     tifa_dup_result **out) {
  return tifa_duplicates_stores(&s, NULL, 1, ids, nids, threshold, out);
}

int tifa_duplicates_stores (tifa_store *const *stores, const int64_t *bases, size_t nstores,
                            const int64_t *ids, size_t nids, double threshold,
                            tifa_dup_result **out) {
  tifai_source src;
  tifa_store *s;                                /* failures are reported on stores[0] */
  tifai_scorpus c;
  tifa_dup_result *r = NULL;
  uint32_t *sh = NULL, *up = NULL;
  size_t *off = NULL, d, nsh = 0, ne = 0, np = 0, cp = 0, k, i;
  Entry *e = NULL;
  Pair *pairs = NULL;
  double *low = NULL;
  int rc, rows;
  memset(&c, 0, sizeof(c));
  *out = NULL;
  if (nstores == 0) return TIFA_ERROR;         /* no store to hold a message */
  src.stores = stores; src.bases = bases; src.n = nstores;
  s = stores[0];
  if (threshold <= 0) threshold = 0.8;
  rows = threshold >= 0.7 ? 3 : threshold >= 0.4 ? 2 : 1;
  rc = tifai_scorpus_build(&src, ids, nids, &c);
  if (rc != TIFA_OK) goto done;
  rc = TIFA_NOMEM;
  off = (size_t *)malloc((c.ndocs + 1) * sizeof(*off));
  sh = (uint32_t *)malloc((c.ncp + 1) * sizeof(*sh));
  e = (Entry *)malloc((c.ndocs * (BINS / rows) + 1) * sizeof(*e));
  up = (uint32_t *)malloc((c.ndocs + 1) * sizeof(*up));
  low = (double *)malloc((c.ndocs + 1) * sizeof(*low));
  r = (tifa_dup_result *)calloc(1, sizeof(*r));
  if (!off || !sh || !e || !up || !low || !r) goto done;
  for (d = 0; d < c.ndocs; d++) {               /* each document's shingles, sorted, once */
    const tifai_sdoc *D = &c.docs[d];
    size_t n0 = nsh, w = nsh;
    uint32_t m[32];
    if ((d & 63) == 0 && tifai_source_stopped(&src)) { rc = tifai_stopped(s); goto done; }
    off[d] = nsh;
    for (k = 0; k < D->len; k++) {
      uint64_t h = tifai_shash(c.cp + D->start + k, K);
      if (h) sh[nsh++] = (uint32_t)(h >> 32);
    }
    if (nsh - n0 > 1) qsort(sh + n0, nsh - n0, sizeof(*sh), cmpu32);
    for (k = n0; k < nsh; k++) if (w == n0 || sh[w - 1] != sh[k]) sh[w++] = sh[k];
    nsh = w;
    up[d] = (uint32_t)d; low[d] = 1.0;
    if (nsh == n0) continue;                    /* no shingle: no cluster */
    for (k = 0; k < 32; k++) m[k] = UINT32_MAX; /* the least of each bin: the first in it */
    for (k = nsh; k-- > n0; ) m[sh[k] >> 27] = sh[k];
    for (k = 0; k + (size_t)rows <= BINS; k += (size_t)rows) {
      uint64_t key = 0x9E3779B97F4A7C15u * (k + 1);
      int t;
      for (t = 0; t < rows; t++) key = (key ^ m[k + (size_t)t]) * 0x100000001B3u, key ^= key >> 31;
      e[ne].key = key; e[ne].hash = D->hash; e[ne].where = D->where; e[ne].day = D->day; e[ne].doc = (uint32_t)d;
      ne++;
    }
  }
  off[c.ndocs] = nsh;
  if ((rc = tifai_source_sort(&src, e, ne, sizeof(*e), cmpentry)) != TIFA_OK) goto done;
  rc = TIFA_NOMEM;
  for (k = 0; k < ne; k = i) {                  /* documents in one bucket: candidates */
    size_t a, b;
    if ((k & 1023) == 0 && tifai_source_stopped(&src)) { rc = tifai_stopped(s); goto done; }
    for (i = k + 1; i < ne && e[i].key == e[k].key; i++) ;
    for (a = k; a < i; a++) for (b = a + 1; b < i && (b - a <= 8 || a == k); b++) {
      if (np == cp) {
        size_t n = cp ? 2 * cp : 1024;
        Pair *p = (Pair *)realloc(pairs, n * sizeof(*p));
        if (p == NULL) goto done;
        pairs = p; cp = n;
      }
      pairs[np].a = e[a].doc < e[b].doc ? e[a].doc : e[b].doc;     /* each pair once */
      pairs[np].b = e[a].doc < e[b].doc ? e[b].doc : e[a].doc;
      np++;
    }
  }
  if ((rc = tifai_source_sort(&src, pairs, np, sizeof(*pairs), cmppair)) != TIFA_OK) goto done;
  rc = TIFA_NOMEM;
  for (k = 0, i = 0; k < np; k++) {             /* each candidate once, checked exactly */
    uint32_t a = pairs[k].a, b = pairs[k].b;
    double j;
    if ((k & 1023) == 0 && tifai_source_stopped(&src)) { rc = tifai_stopped(s); goto done; }
    if (k > 0 && pairs[k - 1].a == a && pairs[k - 1].b == b) continue;
    r->candidates++;
    j = jaccard(sh + off[a], off[a + 1] - off[a], sh + off[b], off[b + 1] - off[b]);
    if (j >= threshold) {
      uint32_t ra = find(up, a), rb = find(up, b);
      double lo = j < low[ra] ? j : low[ra];
      if (low[rb] < lo) lo = low[rb];
      if (ra != rb) up[rb] = ra;
      low[ra] = lo;
    }
  }
  {                                             /* clusters, canonical printings */
    size_t *size = (size_t *)calloc(c.ndocs + 1, sizeof(*size)), nc = 0, at = 0;
    uint32_t *first = (uint32_t *)malloc((c.ndocs + 1) * sizeof(*first));
    size_t *slot = (size_t *)malloc((c.ndocs + 1) * sizeof(*slot));
    int64_t *mem;
    if (!size || !first || !slot) { free(size); free(first); free(slot); goto done; }
    for (d = 0; d < c.ndocs; d++) {
      uint32_t root = find(up, (uint32_t)d);
      if (size[root]++ == 0 || before(&c.docs[d], &c.docs[first[root]])) first[root] = (uint32_t)d;
    }
    r->nids = c.ndocs;
    r->ids = (int64_t *)malloc((c.ndocs + 1) * sizeof(int64_t));
    r->canonical = (int64_t *)malloc((c.ndocs + 1) * sizeof(int64_t));
    for (d = 0; d < c.ndocs; d++) if (find(up, (uint32_t)d) == d && size[d] >= 2) nc++;
    r->clusters = (tifa_dup_cluster *)calloc(nc + 1, sizeof(*r->clusters));
    mem = (int64_t *)malloc((c.ndocs + 1) * sizeof(int64_t));
    if (!r->ids || !r->canonical || !r->clusters || !mem) {
      free(size); free(first); free(slot); free(mem); goto done;
    }
    r->mem = mem;
    for (d = 0; d < c.ndocs; d++) {             /* clusters in order of their first id */
      uint32_t root = find(up, (uint32_t)d);
      r->ids[d] = c.docs[d].id;
      r->canonical[d] = c.docs[first[root]].id;
    }
    for (d = 0; d < c.ndocs; d++) slot[d] = (size_t)-1;
    for (d = 0; d < c.ndocs; d++) {
      uint32_t root = find(up, (uint32_t)d);
      tifa_dup_cluster *C;
      if (size[root] < 2) continue;
      if (slot[root] == (size_t)-1) {
        slot[root] = r->n++;
        C = &r->clusters[slot[root]];
        C->ids = mem + at; C->n = 0; C->similarity = low[root];
        at += size[root];
        mem[C->ids - mem] = c.docs[first[root]].id;
        C->n = 1;
      }
      C = &r->clusters[slot[root]];
      if (d != first[root]) mem[(C->ids - mem) + C->n++] = c.docs[d].id;
    }
    free(size); free(first); free(slot);
  }
  rc = TIFA_OK;
done:
  free(off); free(sh); free(e); free(up); free(low); free(pairs);
  tifai_scorpus_free(&c);
  if (rc != TIFA_OK) { tifa_dup_free(r); return rc; }
  *out = r;
  return TIFA_OK;
}

void tifa_dup_free (tifa_dup_result *r) {
  if (r == NULL) return;
  free(r->clusters); free(r->ids); free(r->canonical); free(r->mem);
  free(r);
}
