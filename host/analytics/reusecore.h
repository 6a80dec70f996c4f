/*
** reusecore.h -- the steps of text reuse (reuse.c) that run in one process
** (tifa_reuse_stores) or apart, on the parts of a corpus (reusesteps.c: tifa_reuse_size and
** the other steps of tifa_reuse.h). The method is in tifa_reuse.h.
*/
#ifndef TIFA_REUSECORE_H
#define TIFA_REUSECORE_H

#include <stddef.h>
#include <stdint.h>
#include "tifa_reuse.h"
#include "shingles.h"
#include "each.h"

#define TIFAI_RWINDOW  4            /* winnowing window, in n-grams */

typedef struct HSet {               /* open addressing set of non-zero hashes, with counts */
  uint64_t *k;
  uint32_t *n;
  uint32_t *g;                      /* a slot is in use when g[i] == gen */
  uint32_t gen;
  size_t mask;                      /* in use now (a key's slot is key & mask) */
  size_t cap;                       /* allocated slots */
} HSet;

typedef struct Sketch {             /* count-min sketch of document frequencies: two */
  uint16_t *r;                      /* saturating counters per key, in one cache line */
  size_t mask;                      /* of the line index; lines of 32 counters */
  int owned;                        /* r is the context's to free */
} Sketch;

#if defined(__GNUC__)
#define PREFETCH(p)  __builtin_prefetch(p)
#else
#define PREFETCH(p)  ((void)0)
#endif

#define SK_A(s, h)  (&(s)->r[(((size_t)(h) & (s)->mask) << 5) | (((h) >> 40) & 31)])
#define SK_B(s, h)  (&(s)->r[(((size_t)(h) & (s)->mask) << 5) | (((h) >> 50) & 31)])



typedef struct Posting { uint64_t h; uint32_t doc, pos; } Posting;
typedef struct Seed { uint64_t docs, pos; } Seed;   /* da<<32|db, pa<<32|pb (positions in cp) */
typedef struct Passage {
  uint32_t da, db;                  /* documents (indices) */
  size_t a0, a1, b0, b1;            /* positions in cp, end exclusive */
  int64_t edits;
} Passage;

typedef struct Ctx {
  const tifai_source *src;          /* the articles' stores */
  tifa_store *s;                    /* src->stores[0]: failures are reported there */
  const tifa_reuse_opts *o;
  int64_t min_chars, max_df, within;
  int self;
  tifai_scorpus c;
  Sketch sk;
  HSet formula;                     /* hashes of the formulaic phrases' n-grams */
  Posting *post; size_t npost, cpost;
  Seed *seed; size_t nseed, cseed;
  Passage *pass; size_t npass, cpass;
  size_t candidates;
  uint8_t *cover;                   /* scratch: one flag per position of a passage */
  uint8_t *fbits;                   /* or NULL: bit p of position p of cp is 1 when the n-gram
                                       there is formulaic (tifai_reuse_isformulaic), given by
                                       the postings step instead of the sketch */
  size_t ccover;
} Ctx;


/* Options of 'o' (NULL: defaults) into 'x' (zeroed by the caller), its articles from 'src',
** and the hashes of the formulaic phrases' n-grams. TIFA_OK or TIFA_NOMEM. */
int tifai_reuse_begin (Ctx *x, const tifai_source *src, const tifa_reuse_opts *o);
/* Is the n-gram at position p of x->c.cp (within a document) formulaic: too frequent, or
** of a formulaic phrase? By x->fbits when set, else by the sketch. */
int tifai_reuse_isformulaic (const Ctx *x, size_t p);
/* Everything 'x' holds (a sketch it does not own is left alone). */
void tifai_reuse_end (Ctx *x);

/* Counters of the sketch for a set of 'ncp' positions (tifai_scorpus.ncp): a power of two,
** at least 2 * ncp, at least 1024. */
size_t tifai_reuse_counters (size_t ncp);
/* Allocate x->sk for x->c, zeroed (or use 'r' of 'counters', not owned, when not NULL). */
int tifai_reuse_sketch (Ctx *x, uint16_t *r, size_t counters);
/* Add the document frequencies of x->c's n-grams into x->sk. */
int tifai_reuse_countdf (Ctx *x);
/* Winnow every document of x->c into x->post (positions in cp). */
int tifai_reuse_winnow (Ctx *x);
/* The postings x->post paired into seeds x->seed (positions start + pos of each document),
** sorted by (docs, pos) when 'sort'. Frees the postings. */
int tifai_reuse_pairseeds (Ctx *x, int sort);
/* Align the seeds x->seed (sorted) into the passages x->pass to report. Frees the seeds. */
int tifai_reuse_align (Ctx *x);
/* The passages x->pass as the result 'r', read back from the articles. */
int tifai_reuse_results (Ctx *x, tifa_reuse_result *r);

#endif
