/*
** freq.c -- a counter of strings (tifa_freq in tifa_structure.h): a compact hash table (an
** index of slots by open addressing over a dense array of entries, in insertion order), its
** keys copied into blocks of an arena, and the sorted view built on demand; and the
** counting of a text's words, word n-grams and character n-grams straight into it, with no
** string made per token (the stopword test reuses the token's hash).
*/
#include <stdlib.h>
#include <string.h>
#include "tifa_structure.h"
#include "tifa_text.h"
#include "tifa_words.h"
#include "structure.h"

#define BLOCK   65536           /* arena block size; longer keys get a block of their own */
#define NONE    ((size_t)-1)    /* an empty slot */

typedef struct block { struct block *next; size_t used, cap; char data[1]; } block;

struct tifa_freq {
  size_t *slot;                 /* nslot (a power of 2) indices into 'e', or NONE */
  size_t nslot;
  tifa_freq_entry *e;           /* the entries, in insertion order */
  uint64_t *hash;               /* the hash of each entry */
  size_t n, cap;                /* entries in use, allocated */
  tifa_freq_entry *sorted;      /* the sorted view, or NULL when out of date */
  block *arena;                 /* the keys; the head is the block being filled */
};

static uint64_t hashof (const char *w, size_t len) {      /* FNV-1a, 64 bits */
  uint64_t h = 0xcbf29ce484222325ULL;
  size_t i;
  for (i = 0; i < len; i++) { h ^= (unsigned char)w[i]; h *= 0x100000001b3ULL; }
  return h ^ (h >> 29);
}

int tifa_freq_new (tifa_freq **out) {
  *out = (tifa_freq *)calloc(1, sizeof(tifa_freq));
  return *out ? TIFA_OK : TIFA_NOMEM;
}

void tifa_freq_free (tifa_freq *f) {
  block *b, *next;
  if (f == NULL) return;
  for (b = f->arena; b; b = next) { next = b->next; free(b); }
  free(f->slot); free(f->e); free(f->hash); free(f->sorted);
  free(f);
}

/* The slot of w[0..len) with hash 'h': where it is, or the empty slot where it would go. */
static size_t find (const tifa_freq *f, const char *w, size_t len, uint64_t h) {
  size_t mask = f->nslot - 1, i = (size_t)h & mask;
  for (;;) {
    size_t k = f->slot[i];
    if (k == NONE) return i;
    if (f->hash[k] == h && f->e[k].len == len && memcmp(f->e[k].word, w, len) == 0) return i;
    i = (i + 1) & mask;
  }
}

/* Double the index (or make the first one). Returns 0, or -1 out of memory. */
static int rehash (tifa_freq *f) {
  size_t n = f->nslot ? f->nslot * 2 : 64, i;
  size_t *slot = (size_t *)malloc(n * sizeof(size_t));
  if (slot == NULL) return -1;
  for (i = 0; i < n; i++) slot[i] = NONE;
  free(f->slot);
  f->slot = slot;
  f->nslot = n;
  for (i = 0; i < f->n; i++) f->slot[find(f, f->e[i].word, f->e[i].len, f->hash[i])] = i;
  return 0;
}

/* A copy of w[0..len), NUL-terminated, in the arena; NULL out of memory. */
static const char *keep (tifa_freq *f, const char *w, size_t len) {
  block *b = f->arena;
  char *p;
  if (b == NULL || b->cap - b->used < len + 1) {
    size_t cap = (len + 1 > BLOCK / 4) ? len + 1 : BLOCK;
    block *nb = (block *)malloc(offsetof(block, data) + cap);
    if (nb == NULL) return NULL;
    nb->used = 0; nb->cap = cap;
    if (cap == BLOCK || b == NULL) { nb->next = b; f->arena = nb; }
    else { nb->next = b->next; b->next = nb; }      /* a big key: keep filling the head */
    b = nb;
  }
  p = b->data + b->used;
  memcpy(p, w, len);
  p[len] = '\0';
  b->used += len + 1;
  return p;
}

/* tifa_freq_add with the hash of w[0..len) given. */
static int addh (tifa_freq *f, const char *w, size_t len, uint64_t h, int64_t n) {
  size_t i;
  if (f->nslot == 0 && rehash(f) != 0) return TIFA_NOMEM;
  i = find(f, w, len, h);
  if (f->sorted) { free(f->sorted); f->sorted = NULL; }   /* the view is out of date */
  if (f->slot[i] != NONE) { f->e[f->slot[i]].count += n; return TIFA_OK; }
  if (f->n == f->cap) {                     /* grow the entries */
    size_t cap = f->cap ? f->cap * 2 : 32;
    tifa_freq_entry *e = (tifa_freq_entry *)realloc(f->e, cap * sizeof(*e));
    uint64_t *hs;
    if (e == NULL) return TIFA_NOMEM;
    f->e = e;
    hs = (uint64_t *)realloc(f->hash, cap * sizeof(*hs));
    if (hs == NULL) return TIFA_NOMEM;
    f->hash = hs;
    f->cap = cap;
  }
  if ((f->e[f->n].word = keep(f, w, len)) == NULL) return TIFA_NOMEM;
  f->e[f->n].len = len;
  f->e[f->n].count = n;
  f->hash[f->n] = h;
  f->slot[i] = f->n++;
  if (f->n * 4 > f->nslot * 3 && rehash(f) != 0) {  /* over 3/4 full: the entry stays, */
    f->slot[i] = NONE; f->n--;                      /* unreachable otherwise: undo it */
    return TIFA_NOMEM;
  }
  return TIFA_OK;
}

int tifa_freq_add (tifa_freq *f, const char *w, size_t len, int64_t n) {
  return addh(f, w, len, hashof(w, len), n);
}

/* tifa_freq_get with the hash of w[0..len) given. */
static int64_t geth (const tifa_freq *f, const char *w, size_t len, uint64_t h) {
  size_t i;
  if (f->nslot == 0) return 0;
  i = find(f, w, len, h);
  return f->slot[i] == NONE ? 0 : f->e[f->slot[i]].count;
}

int64_t tifa_freq_get (const tifa_freq *f, const char *w, size_t len) {
  return geth(f, w, len, hashof(w, len));
}

size_t tifa_freq_size (const tifa_freq *f) {
  return f->n;
}

static int bycount (const void *a, const void *b) {
  const tifa_freq_entry *x = (const tifa_freq_entry *)a, *y = (const tifa_freq_entry *)b;
  int c;
  if (x->count != y->count) return x->count > y->count ? -1 : 1;
  c = memcmp(x->word, y->word, x->len < y->len ? x->len : y->len);
  if (c != 0) return c;
  return (x->len > y->len) - (x->len < y->len);
}

int tifa_freq_sorted (tifa_freq *f, const tifa_freq_entry **out, size_t *n) {
  if (f->sorted == NULL && f->n > 0) {
    f->sorted = (tifa_freq_entry *)malloc(f->n * sizeof(tifa_freq_entry));
    if (f->sorted == NULL) { *out = NULL; *n = 0; return TIFA_NOMEM; }
    memcpy(f->sorted, f->e, f->n * sizeof(tifa_freq_entry));
    qsort(f->sorted, f->n, sizeof(tifa_freq_entry), bycount);
  }
  *out = f->sorted;
  *n = f->n;
  return TIFA_OK;
}

/* {====== Counting a text ====== */

/* Count one token w[0..len) unless it is a stopword. Returns TIFA_OK or TIFA_NOMEM. */
static int count1 (tifa_freq *f, const tifa_freq *stop, const char *w, size_t len) {
  uint64_t h = hashof(w, len);
  if (stop != NULL && geth(stop, w, len, h) != 0) return TIFA_OK;
  return addh(f, w, len, h, 1);
}

int tifa_freq_add_chars (tifa_freq *f, const char *s, size_t len, size_t n,
                         const tifa_freq *stop) {
  const unsigned char *p = (const unsigned char *)s;
  size_t i = 0, from = 0, run = 0;          /* the run of non-breaking characters: s[from..i) */
  int rc = TIFA_OK;
  if (n == 0) return TIFA_ERROR;
  if (!tifa_utf8_valid(s, len, NULL)) return TIFA_ENCODING;
  while (i < len && rc == TIFA_OK) {
    int32_t c;
    size_t j = tifai_cp_next(p, i, len, &c);
    if (tifai_is_break(c)) run = 0;
    else {
      if (run++ == 0) from = i;
      else if (run > n) {                   /* the window slides by one character */
        from = tifai_cp_next(p, from, len, &c);
        run = n;
      }
      if (run == n) rc = count1(f, stop, s + from, j - from);
    }
    i = j;
  }
  return rc;
}

/* The state of a count of word n-grams, for the segmenter's callback. */
typedef struct Grams {
  tifa_freq *f;
  const tifa_freq *stop;
  size_t n;                     /* words per n-gram */
  size_t run;                   /* non-breaking words in a row so far */
  size_t *ring;                 /* n pairs (byte, nbyte): the last n words of the run */
  tifai_buf key;                /* the n-gram being counted, words joined by ' ' */
} Grams;

static int addword (void *ud, const char *s, const tifa_word *w) {
  Grams *g = (Grams *)ud;
  size_t k, at;
  if (g->n == 1) return count1(g->f, g->stop, s + w->byte, w->nbyte);
  if (tifai_all_break(s + w->byte, w->nbyte)) { g->run = 0; return TIFA_OK; }
  at = g->run++ % g->n;
  g->ring[2 * at] = w->byte;
  g->ring[2 * at + 1] = w->nbyte;
  if (g->run < g->n) return TIFA_OK;
  tifai_buf_reset(&g->key);
  for (k = 1; k <= g->n; k++) {             /* the oldest word is the one after 'at' */
    size_t r = (at + k) % g->n;
    if (k > 1) tifai_buf_addc(&g->key, ' ');
    tifai_buf_add(&g->key, s + g->ring[2 * r], g->ring[2 * r + 1]);
  }
  if (g->key.oom) return TIFA_NOMEM;
  return count1(g->f, g->stop, g->key.p, g->key.len);
}

int tifa_freq_add_words (tifa_freq *f, const char *s, size_t len, size_t n,
                         const tifa_freq *stop) {
  Grams g;
  tifai_buf init = TIFAI_BUF_INIT;
  int rc;
  if (n == 0) return TIFA_ERROR;
  if (!tifa_utf8_valid(s, len, NULL)) return TIFA_ENCODING;
  if (n > 1 && n > len) return TIFA_OK;     /* no room for n words: spare the ring */
  if (n > SIZE_MAX / (2 * sizeof(size_t))) return TIFA_NOMEM;
  g.f = f; g.stop = stop; g.n = n; g.run = 0; g.ring = NULL; g.key = init;
  if (n > 1 && (g.ring = (size_t *)malloc(2 * n * sizeof(size_t))) == NULL) return TIFA_NOMEM;
  rc = tifa_words(tifa_segmenter_default(), s, len, 0, addword, &g);
  free(g.ring);
  tifai_buf_free(&g.key);
  return rc;
}

/* }====== */
