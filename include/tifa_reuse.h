/*
** tifa_reuse.h -- text reuse in a tifa store: passages that articles share (reprints,
** quotations, summaries that repeat a body), clusters of near-identical articles, and the
** articles most similar to one. Works on unspaced Chinese: texts are compared as
** normalized characters (letters and digits only, Latin lowercased; punctuation, symbols and
** white space left out), and every finding is mapped back to the article's own text.
** Nothing here includes lua.h. Character offsets count code points of a field (an
** article's text, title or kicker), 0-based, end exclusive, as in tifa_store.h.
** Every function takes its articles as (ids, nids): a list of article ids (ids not in the
** store are skipped), or ids == NULL for the whole store.
*/
#ifndef TIFA_REUSE_H
#define TIFA_REUSE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include "tifa.h"
#include "tifa_store.h"

/* {====== Shared passages ======
** Method (after passim, on characters instead of words):
**  1. Each article's kicker, title and text are normalized (see above); the three fields are
**     kept apart, so no match runs from one into another.
**  2. Every 8-character n-gram of the normalized text is hashed, and the number of articles
**     holding it (its document frequency, df) is counted over the set.
**  3. An n-gram is FORMULAIC when its df is above 'max_df' or when it lies inside one of the
**     formulaic phrases (tifa_reuse_formulaic: 套话 such as 以习近平同志为核心的党中央).
**     Only n-grams with 2 <= df <= max_df that are not formulaic seed an alignment (and,
**     for reuse within one article, n-grams that occur twice in it): passages every article
**     shares never make pairs. Seeds are winnowed (the least hash in each window of 4
**     n-grams), which keeps every shared stretch of 11 or more characters with a seed.
**  4. Each pair of articles sharing a seed is aligned from it, both ways, into the longest
**     passage that matches, allowing small edits: after a run of at least 6 equal
**     characters, up to 3 characters may be skipped on either side (a changed word, an
**     inserted character) if the next 6 are equal again. The passage grows through
**     formulaic stretches, so a long passage that contains a formulaic phrase is found whole.
**     The alignment reads the pair from its earlier article (by full date, undated last;
**     then by a hash of the normalized text), not from its lower id, so that ids, which differ
**     between a store and the shards of a corpus, do not decide which edits it takes.
**  5. A passage is reported when it has at least 'min_chars' normalized characters and at
**     least half of min_chars of them lie outside formulaic n-grams.
** Direction: when both articles have full ISO dates (YYYY-MM-DD) that differ, the earlier
** is the source and the pair is directed; on the same day, or when a date is missing or
** partial ("--04-23", "2024-04"), it is undirected and the article with the lower id is the
** source. Reuse within one article (a summary that repeats its body): the passage that comes
** first in the text is the source; such pairs are undirected with days == 0. A title or
** kicker is never paired with its own article's text. */

#define TIFA_FIELD_TEXT     0       /* article.text */
#define TIFA_FIELD_TITLE    1       /* article.title */
#define TIFA_FIELD_KICKER   2       /* article.kicker (引题) */

#define TIFA_REUSE_NGRAM    8       /* characters of a seed n-gram */
#define TIFA_REUSE_MAXDF    12      /* default max_df: tuned on CCTV Xinwen Lianbo transcripts
                                    ** (20,896 items, 2022-2026), where a news item is echoed
                                    ** by the day's summary, a follow-up and a few reports */
#define TIFA_REUSE_MINCHARS 20      /* default min_chars */
#define TIFA_REUSE_NODAYS   INT64_MIN   /* 'days' when either date is not a full date */

typedef struct tifa_reuse_side {    /* one side of a shared passage */
  int64_t id;                       /* article id */
  int field;                        /* TIFA_FIELD_* */
  int64_t from, to;                 /* code points of the field, 0-based, end exclusive: the
                                       passage from its first to its last letter or digit */
  int64_t paragraph;                /* 1-based paragraph of the text (0 for title, kicker) */
  const char *text;                 /* the passage as it stands in the field (NUL-terminated) */
  size_t len;                       /* bytes of 'text' */
} tifa_reuse_side;

typedef struct tifa_reuse_pair {    /* a passage of 'source' found again in 'target' */
  tifa_reuse_side source, target;
  int64_t chars;                    /* normalized characters of the source passage */
  int64_t edits;                    /* characters skipped by the alignment (0: exact) */
  int directed;                     /* 1 if source is dated before target */
  int64_t days;                     /* target's date minus source's, or TIFA_REUSE_NODAYS */
} tifa_reuse_pair;

typedef struct tifa_reuse_opts {    /* zeroed fields take the defaults */
  int64_t min_chars;                /* least passage (default TIFA_REUSE_MINCHARS) */
  int64_t max_df;                   /* most articles an n-gram may be in to seed a pair
                                       (default TIFA_REUSE_MAXDF) */
  int64_t within_days;              /* > 0: only pairs of full dates at most this many days
                                       apart (same-day pairs included); <= 0: any pair */
  int within;                       /* 1: also passages repeated within one article (default
                                       0: left out, as a law's penalty clauses repeated from
                                       条 to 条 or a summary over its own body) */
  const char *const *formulaic;     /* NULL: the built-in list (tifa_reuse_formulaic);
                                       else these phrases (UTF-8, NUL-terminated) instead */
  size_t nformulaic;
} tifa_reuse_opts;

typedef struct tifa_reuse_result {  /* owned by the caller: release with tifa_reuse_free */
  tifa_reuse_pair *pairs;           /* ordered by source id, target id, source field, from */
  size_t n;
  size_t candidates;                /* article pairs that shared a seed (for benchmarks) */
  size_t articles;                  /* articles read */
  char *mem;                        /* private: the passages' text */
} tifa_reuse_result;

/* Find the passages that the articles (ids, nids) share with one another (and, with
** o->within, within themselves). 'o' may be NULL (all defaults). On success returns TIFA_OK
** and a new result in '*out'; otherwise returns TIFA_NOMEM, TIFA_DB or
** TIFA_INTERRUPTED (message in tifa_store_errmsg) with '*out' NULL. */
TIFA_API int tifa_reuse (tifa_store *s, const int64_t *ids, size_t nids,
                         const tifa_reuse_opts *o, tifa_reuse_result **out);
TIFA_API void tifa_reuse_free (tifa_reuse_result *r);          /* NULL is a no-op */

/* The built-in formulaic phrases (NULL-terminated list of static strings). */
TIFA_API const char *const *tifa_reuse_formulaic (void);

/* }====== */

/* {====== Near-duplicate articles ======
** Two articles are near-duplicates when the Jaccard similarity of their sets of 5-character
** shingles (of normalized kicker, title and text) is at least 'threshold'. Candidates come
** from MinHash (one permutation, 30 bins, banded so that a pair at the threshold is missed
** with probability below 0.1%) and every candidate is checked exactly. Clusters are the
** connected components (union-find) of checked pairs. */

typedef struct tifa_dup_cluster {
  const int64_t *ids;               /* members, the first printing first (earliest full date,
                                       then lowest id; undated after dated), then by id */
  size_t n;                         /* members (>= 2) */
  double similarity;                /* least Jaccard of the pairs that joined the cluster */
} tifa_dup_cluster;

typedef struct tifa_dup_result {    /* owned by the caller: release with tifa_dup_free */
  tifa_dup_cluster *clusters;       /* in order of their lowest id */
  size_t n;
  int64_t *ids;                     /* every article read, by id */
  int64_t *canonical;               /* canonical[i]: first printing of ids[i] (ids[i] itself
                                       when it is in no cluster) */
  size_t nids;
  size_t candidates;                /* candidate pairs checked */
  int64_t *mem;                     /* private: the clusters' ids */
} tifa_dup_result;

/* Cluster the near-duplicates among the articles (ids, nids); 'threshold' in (0, 1]
** (<= 0: 0.8). Articles without a shingle (fewer than 5 letters or digits) join no cluster.
** Same returns as tifa_reuse. */
TIFA_API int tifa_duplicates (tifa_store *s, const int64_t *ids, size_t nids, double threshold,
                              tifa_dup_result **out);
TIFA_API void tifa_dup_free (tifa_dup_result *r);              /* NULL is a no-op */

/* }====== */

/* {====== Similar articles ======
** Score: cosine of tf-idf vectors of character bigrams of the normalized title and text
** (tf: 1 + ln count; idf: ln(N / df) over the set, N its size), which ranks articles on the
** same matter high without a segmenter's choices. Each hit also names the words it shares
** most with the article (words of tifa's segmenter that both contain, by weight). */

#define TIFA_SIMILAR_SHARED 5       /* shared words kept per hit */

typedef struct tifa_similar_hit {
  int64_t id;
  double score;                     /* in [0, 1] */
  const char *shared[TIFA_SIMILAR_SHARED];    /* NUL-terminated words, NULL after the last */
} tifa_similar_hit;

typedef struct tifa_similar_result {  /* owned by the caller: release with tifa_similar_free */
  tifa_similar_hit *hits;           /* best first */
  size_t n;
  char *mem;                        /* private: the shared words */
} tifa_similar_result;

/* The 'top' articles of (ids, nids) most similar to article 'id' (not itself; top <= 0:
** 10). Returns TIFA_NOTFOUND when 'id' is not in the store, else as tifa_reuse. */
TIFA_API int tifa_similar (tifa_store *s, int64_t id, const int64_t *ids, size_t nids, long top,
                           tifa_similar_result **out);
TIFA_API void tifa_similar_free (tifa_similar_result *r);      /* NULL is a no-op */

/* }====== */

/* {====== Several stores read as one ======
** A corpus held in several stores (the shards of tifa_shard.h) is analysed as one: the
** article of id L in stores[k] is the article bases[k] + L. The bases ascend and every id of
** stores[k] is below bases[k+1] - bases[k] (a corpus's: bases[k] = TIFA_SHARD_ID(k + 1, 0)),
** so ids ascend store after store; ids in (ids, nids), 'id' and the results are such ids
** (ids below bases[0] are in no store and skipped). n >= 1 (n == 0 returns TIFA_ERROR); bases
** NULL means 0 for every store, for one store. Each function runs the one above over all
** the stores' articles at once: document frequencies, the formulaic n-grams, the candidate
** pairs and idf are the whole corpus's, and what depends on the order of two articles (the
** side an alignment reads from, the pairs a MinHash bucket makes) follows their dates and
** texts, not their ids. So the answer is the one a single store holding the same articles
** gives, but for what the documentation above ties to ids: the order of results, the source
** of an undirected pair (the lower id) and so its 'chars', a cluster's first printing among
** articles of one day, the order of equal scores and which of them make a 'top'; and, for
** two articles of one day and the same normalized text, the side an alignment reads from.
** A failure's message is on stores[0] (tifa_store_errmsg), after the failing store's path
** when n > 1. With one store and bases NULL these are tifa_reuse, tifa_duplicates and
** tifa_similar. */

TIFA_API int tifa_reuse_stores (tifa_store *const *stores, const int64_t *bases, size_t n,
                                const int64_t *ids, size_t nids, const tifa_reuse_opts *o,
                                tifa_reuse_result **out);
TIFA_API int tifa_duplicates_stores (tifa_store *const *stores, const int64_t *bases, size_t n,
                                     const int64_t *ids, size_t nids, double threshold,
                                     tifa_dup_result **out);
TIFA_API int tifa_similar_stores (tifa_store *const *stores, const int64_t *bases, size_t n,
                                  int64_t id, const int64_t *ids, size_t nids, long top,
                                  tifa_similar_result **out);

/* }====== */

/* {====== Reuse in steps ======
** tifa_reuse_stores cut into steps that run apart: each step of each part of the corpus (a
** shard) in its own process, on any machine that sees the corpus and the steps' files (a
** shared file system). python/tifa-dask runs them as Dask tasks through 'tifa reuse-step'
** (docs/shards.md gives the files' formats). Over the same articles and options the answer is
** tifa_reuse_stores's, pair for pair: the sketch of document frequencies is a sum of
** per-document counts, so the parts' sketches add up to the corpus's; the seed n-grams of
** every part are grouped by n-gram across parts, then by pair of articles; each pair is
** aligned from the same seeds, in the same order (tifai_sbefore's, of dates and texts).
**  1. size      tifa_reuse_size of each part; the sum of 'positions' is the corpus's.
**  2. df        tifa_reuse_df of each part into a zeroed sketch of
**               tifa_reuse_counters(corpus positions) counters; tifa_reuse_sketch_add sums
**               the parts' sketches, in any order.
**  3. postings  tifa_reuse_postings of each part, with the summed sketch: the part's
**               documents and its seed n-grams, cut by hash into 'parts' sections, and
**               which of its n-grams are formulaic.
**  4. pairs     tifa_reuse_pairs of section p (0-based) of every part's postings: the seeds
**               of article pairs, cut by pair into 'parts' sections.
**  5. align     tifa_reuse_align of section q of every pairs output, with every part's
**               formulaic bits: the passages of those article pairs.
**  6. finish    tifa_reuse_read of every section's pairs, tifa_reuse_sort, and (for their
**               text) tifa_reuse_fill: tifa_reuse_stores's answer; 'candidates' add up.
** Every step takes the same options (the built-in formulaic phrases or one list for all).
** Step files hold numbers in this machine's byte order (a header says which): a cluster's
** machines share one. Returns TIFA_OK; TIFA_NOMEM, TIFA_DB, TIFA_INTERRUPTED as tifa_reuse
** (message in tifa_store_errmsg of stores[0]); TIFA_IO or TIFA_FORMAT for a step file that
** cannot be written or read, or is not what the step expects (message in 'err'). */

/* Step 1: the normalized positions and the number of articles of (ids, nids). */
TIFA_API int tifa_reuse_size (tifa_store *const *stores, const int64_t *bases, size_t n,
                              const int64_t *ids, size_t nids, int64_t *positions,
                              int64_t *articles);
/* The counters of the sketch for a corpus of 'positions' (a power of two, >= 1024). */
TIFA_API size_t tifa_reuse_counters (int64_t positions);
/* Step 2: add the document frequencies of (ids, nids) into 'sketch' of 'counters' counters
** (as tifa_reuse_counters gives; the caller zeroes it first). */
TIFA_API int tifa_reuse_df (tifa_store *const *stores, const int64_t *bases, size_t n,
                            const int64_t *ids, size_t nids, uint16_t *sketch, size_t counters);
/* to[i] += from[i] for i < counters, saturating at UINT16_MAX. */
TIFA_API void tifa_reuse_sketch_add (uint16_t *to, const uint16_t *from, size_t counters);
/* Step 3: the documents and seed n-grams of (ids, nids) under the corpus's 'sketch', in
** 'parts' (1..4096) sections, to 'out'; and to 'bits' (unless NULL) the documents' formulaic
** n-grams, a bit per position, which step 5 reads instead of the sketch. */
TIFA_API int tifa_reuse_postings (tifa_store *const *stores, const int64_t *bases, size_t n,
                                  const int64_t *ids, size_t nids, const tifa_reuse_opts *o,
                                  const uint16_t *sketch, size_t counters, int parts, FILE *out,
                                  FILE *bits, char *err, size_t errsz);
/* Step 4: section 'part' of the postings in[0..nin) (every part's, names[] for messages),
** paired into seeds, in 'parts' sections, to 'out'. Reads no store. */
TIFA_API int tifa_reuse_pairs (FILE *const *in, const char *const *names, size_t nin, int part,
                               const tifa_reuse_opts *o, int parts, FILE *out, char *err,
                               size_t errsz);
/* Step 5: section 'part' of the seeds in[0..nin) (every pairs output), aligned, with the
** formulaic bits bits[0..nbits) of step 3 (every part's), the pairs to 'out' (binary; read
** with tifa_reuse_read). The section's articles are read once; its seeds are aligned at most
** 'batch' at a time (<= 0: 2^20; a pair's seeds are never cut). */
TIFA_API int tifa_reuse_align (tifa_store *const *stores, const int64_t *bases, size_t n,
                               FILE *const *in, const char *const *names, size_t nin, int part,
                               FILE *const *bits, const char *const *bnames, size_t nbits,
                               const tifa_reuse_opts *o, long batch, FILE *out, char *err,
                               size_t errsz);
/* Add the pairs of the aligned sections in[0..nin) (names[] for messages) to '*r' (a new
** result when *r is NULL; free with tifa_reuse_free), their candidates to r->candidates.
** The pairs come without their text (NULL: tifa_reuse_fill reads it) and unsorted. Reads no
** store. */
TIFA_API int tifa_reuse_read (FILE *const *in, const char *const *names, size_t nin,
                              tifa_reuse_result **r, char *err, size_t errsz);
/* Fill the text of every side of r's pairs from its article's field (from, to), replacing
** what was there; the articles are those of the stores (the ids as in tifa_reuse_stores).
** Returns TIFA_OK, TIFA_NOMEM, the stores' failure, or TIFA_NOTFOUND (message on stores[0])
** when an article is missing or shorter than a side: the corpus changed. */
TIFA_API int tifa_reuse_fill (tifa_store *const *stores, const int64_t *bases, size_t n,
                              tifa_reuse_result *r);
/* Sort pairs as a tifa_reuse_result's are: by source id, target id, source field, from. */
TIFA_API void tifa_reuse_sort (tifa_reuse_pair *pairs, size_t n);

/* }====== */

#endif
