/*
** wordtape.c -- tapes: a text's tokens recorded ahead of its insert into an index, kept by
** the text until the insert replays them. The ingest's worker thread segments the articles
** it prepares (tifai_wordtape_make, wordindex.c); the writer keeps a file's tapes once the
** file is committed (tifai_tapes_put), and when the index flush inserts those articles the
** word tokenizer replays each text's tape instead of segmenting it again on the writer's
** thread (tifai_tapes_find). A tape is found by the text's length and a 128-bit hash of its
** bytes, seeded per process.
*/
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "store.h"

struct tifai_tapes {
  tifai_tape **slot;                /* open addressing; NULL: free */
  size_t cap, n;                    /* cap: a power of two */
};

/* {====== The key ====== */

static uint64_t seed[2];
static pthread_once_t seedonce = PTHREAD_ONCE_INIT;

static void makeseed (void) {      /* where the program was loaded, and when */
  seed[0] = (uint64_t)(uintptr_t)&seed ^ ((uint64_t)time(NULL) << 32);
  seed[1] = (uint64_t)(uintptr_t)&makeseed * 0x9E3779B97F4A7C15u ^ (uint64_t)clock();
}

static uint64_t rotl (uint64_t x, int r) { return (x << r) | (x >> (64 - r)); }

static uint64_t fmix (uint64_t h) {   /* MurmurHash3's finalizer */
  h ^= h >> 33; h *= 0xFF51AFD7ED558CCDu;
  h ^= h >> 33; h *= 0xC4CEB9FE1A85EC53u;
  return h ^ (h >> 33);
}

void tifai_tape_key (const char *s, size_t len, uint64_t h[2]) {
  uint64_t a, b, w;
  size_t i = 0;
  pthread_once(&seedonce, makeseed);
  a = seed[0] ^ len;
  b = seed[1] + len;
  for (; i + 8 <= len; i += 8) {   /* two lanes over the same words */
    memcpy(&w, s + i, 8);
    a = rotl(a ^ (w * 0x87C37B91114253D5u), 31) * 0x9E3779B97F4A7C15u;
    b = rotl(b + (w * 0x4CF5AD432745937Fu), 27) * 0xC2B2AE3D27D4EB4Fu + 0x52DCE729u;
  }
  if (i < len) {
    w = 0;
    memcpy(&w, s + i, len - i);
    a = rotl(a ^ (w * 0x87C37B91114253D5u), 31) * 0x9E3779B97F4A7C15u;
    b = rotl(b + (w * 0x4CF5AD432745937Fu), 27) * 0xC2B2AE3D27D4EB4Fu + 0x52DCE729u;
  }
  h[0] = fmix(a + b);
  h[1] = fmix(b ^ rotl(a, 17));
}

/* }====== */

/* {====== Tapes ====== */

tifai_tape *tifai_tape_new (const char *s, size_t len, const void *rec, size_t n) {
  tifai_tape *t = (tifai_tape *)malloc(sizeof(*t) + n);
  if (t == NULL) return NULL;
  tifai_tape_key(s, len, t->h);
  t->textlen = len;
  t->n = n;
  if (n > 0) memcpy(t->rec, rec, n);
  return t;
}

static size_t slotof (const tifai_tapes *set, const uint64_t h[2]) {
  return (size_t)h[0] & (set->cap - 1);
}

static int same (const tifai_tape *t, const uint64_t h[2], size_t len) {
  return t->h[0] == h[0] && t->h[1] == h[1] && t->textlen == len;
}

static int grow (tifai_tapes *set) {
  size_t cap = set->cap ? 2 * set->cap : 1024, i;
  tifai_tape **old = set->slot, **slot = (tifai_tape **)calloc(cap, sizeof(*slot));
  if (slot == NULL) return 0;
  set->slot = slot;
  for (i = 0; i < set->cap; i++) {
    if (old[i] != NULL) {
      size_t j = (size_t)old[i]->h[0] & (cap - 1);
      while (slot[j] != NULL) j = (j + 1) & (cap - 1);
      slot[j] = old[i];
    }
  }
  set->cap = cap;
  free(old);
  return 1;
}

int tifai_tapes_put (tifai_tapes **pset, tifai_tape *t) {
  tifai_tapes *set = *pset;
  size_t j;
  if (set == NULL && (set = *pset = (tifai_tapes *)calloc(1, sizeof(*set))) == NULL) {
    free(t);
    return TIFA_NOMEM;
  }
  if (4 * (set->n + 1) > 3 * set->cap && !grow(set)) { free(t); return TIFA_NOMEM; }
  for (j = slotof(set, t->h); set->slot[j] != NULL; j = (j + 1) & (set->cap - 1)) {
    if (same(set->slot[j], t->h, t->textlen)) { free(t); return TIFA_OK; }  /* the same text */
  }
  set->slot[j] = t;
  set->n++;
  return TIFA_OK;
}

const tifai_tape *tifai_tapes_find (const tifai_tapes *set, const char *s, size_t len) {
  uint64_t h[2];
  size_t j;
  if (set == NULL || set->n == 0) return NULL;
  tifai_tape_key(s, len, h);
  for (j = slotof(set, h); set->slot[j] != NULL; j = (j + 1) & (set->cap - 1))
    if (same(set->slot[j], h, len)) return set->slot[j];
  return NULL;
}

void tifai_tapes_free (tifai_tapes **pset) {
  tifai_tapes *set = *pset;
  size_t i;
  if (set == NULL) return;
  for (i = 0; i < set->cap; i++) free(set->slot[i]);
  free(set->slot);
  free(set);
  *pset = NULL;
}

/* }====== */
