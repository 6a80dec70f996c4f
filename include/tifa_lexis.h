/*
** tifa_lexis.h -- the words of a corpus in tifa: frequencies over a set of articles and by
** group, keywords (tf-idf against the corpus, TextRank) and key phrases, keyness of one set
** against another (log-likelihood and log ratio), collocates of a word, and extractive
** summaries that keep enumerations whole. Every function reads the store 's' and a set of
** articles given as (ids, nids), ids NULL meaning the whole corpus. Results are handed to a
** callback, row by row, in their final order; the strings it receives are valid during the
** call only. Errors: TIFA_OK, or a TIFA_* code with the message in tifa_store_errmsg(s).
**
** Words are those of tifa's segmenter (include/tifa_words.h, the default segmenter). Two
** kinds of counts appear:
**   corpus counts  (freq with unit "word", keyness, the collocates' totals, document
**                  frequencies): the words of the word index, as tifa_store_vocab gives
**                  them: words with a letter or a digit, lowercased, titles and texts, a
**                  dictionary word inside a longer word counted too;
**   text tokens    (keywords, TextRank, key phrases, collocation windows, summaries): the
**                  words of tifa_words on the title and the text, in order.
**
** A corpus held in several stores (the shards of tifa_shard.h) is read as one by the
** *_stores functions (see "Several stores" at the end), which give the answer of a single
** store holding the same articles.
*/
#ifndef TIFA_LEXIS_H
#define TIFA_LEXIS_H

#include <stddef.h>
#include <stdint.h>
#include "tifa.h"
#include "tifa_store.h"

struct tifa_freq;

/* {====== Frequencies ====== */

#define TIFA_LEXIS_WORD   0     /* words (the corpus counts of tifa_store_vocab) */
#define TIFA_LEXIS_CHAR   1     /* characters / character n-grams (tifa_freq_add_chars) */
#define TIFA_LEXIS_NGRAM  2     /* word n-grams (tifa_freq_add_words, n >= 2) */

typedef struct tifa_lexis_freq_opts {
  int unit;                         /* TIFA_LEXIS_* */
  size_t n;                         /* characters per char n-gram / words per word n-gram
                                    ** (0: 1 for chars and words, 2 for ngrams) */
  long limit;                       /* items to hand over at most (<= 0: all) */
  int64_t min;                      /* least count (default 1) */
  const struct tifa_freq *stop;     /* items not to count (count > 0), or NULL */
} tifa_lexis_freq_opts;

/* Called for each item by count descending, then by item (byte order). */
typedef int (*tifa_lexis_item_fn) (void *ud, const char *item, size_t len, int64_t count,
                                   int64_t articles);

/* Count the items of the articles (ids, nids), titles and texts: unit "word" n = 1 is exactly
** tifa_store_vocab (the word index for the whole corpus, so db:words and db:freq agree); the
** other units count title and text separately (no n-gram spans both) with tifa_freq_add_*.
** '*total' (may be NULL) gets the sum of the counts of every item counted, before 'min' and
** 'limit'. 'articles' of an item is the number of articles it occurs in. */
TIFA_API int tifa_lexis_freq (tifa_store *s, const int64_t *ids, size_t nids,
                              const tifa_lexis_freq_opts *o, int64_t *total,
                              tifa_lexis_item_fn f, void *ud);

#define TIFA_LEXIS_BY_ARTICLE 1     /* one group per article: its id in decimal */
#define TIFA_LEXIS_BY_OUTLET  2     /* the outlet ("" for none) */
#define TIFA_LEXIS_BY_MONTH   3     /* "YYYY-MM" of the date ("" when the date has no year
                                    ** and month, e.g. none or "--04-23") */
#define TIFA_LEXIS_BY_YEAR    4     /* "YYYY" of the date ("" when it has no year) */

/* Called for each group, sorted by group (byte order; articles by id), with the ids of its
** articles (sorted); 'ids' is valid during the call only. */
typedef int (*tifa_lexis_group_fn) (void *ud, const char *group, size_t len,
                                    const int64_t *ids, size_t nids);

/* Split the articles (ids, nids) into groups by 'by' (TIFA_LEXIS_BY_*), for counting each
** with tifa_lexis_freq: the groups partition the set, so their counts add up to the set's. */
TIFA_API int tifa_lexis_groups (tifa_store *s, const int64_t *ids, size_t nids, int by,
                                tifa_lexis_group_fn f, void *ud);

/* }====== */

/* {====== Document frequencies ====== */

/* The document frequencies of the corpus's words (from the word index), loaded in memory
** for repeated keyword extraction. */
typedef struct tifa_lexis_idf tifa_lexis_idf;

/* Load them. Returns TIFA_OK and '*out' (free with tifa_lexis_idf_free), or an error with
** '*out' NULL. Takes about 0.4 s for 20,000 articles; the object does not see later changes
** of the store. */
TIFA_API int tifa_lexis_idf_load (tifa_store *s, tifa_lexis_idf **out);
TIFA_API void tifa_lexis_idf_free (tifa_lexis_idf *d);        /* NULL is a harmless no-op */

/* The number of articles holding w[0..len) (ASCII letters are lowercased first), and the
** number of articles of the corpus in '*ndocs' (may be NULL). */
TIFA_API int64_t tifa_lexis_idf_df (const tifa_lexis_idf *d, const char *w, size_t len,
                                    int64_t *ndocs);

/* idf = ln(N / df), N the articles of the corpus, df at least 1 (a word the index does not
** know counts as in one article). */
TIFA_API double tifa_lexis_idf_get (const tifa_lexis_idf *d, const char *w, size_t len);

/* }====== */

/* {====== Distinctive articles ====== */

/* An article's distinctiveness: the mean idf (tifa_lexis_idf_get) of its content words (the
** keyword candidates of tifa_lexis_keywords, every occurrence), so the articles whose words
** the rest of the corpus uses least: a topic of their own. */
typedef struct tifa_lexis_distinct_opts {
  long limit;                       /* articles to hand over (<= 0: 10) */
  long min;                         /* content words an article needs to be ranked (<= 0: 50) */
  int words;                        /* its most distinctive words to hand over (<= 0: 5; at
                                    ** most 16): tf * idf within the article */
  const struct tifa_freq *stop;     /* words never counted, or NULL */
  const tifa_lexis_idf *idf;        /* document frequencies (NULL: loaded for the call) */
  int segment;                      /* 1: segment anew (as tifa_lexis_kw_opts) */
} tifa_lexis_distinct_opts;

typedef struct tifa_lexis_distinct_row {
  int64_t id;
  double score;                     /* the mean idf of its content words */
  int64_t tokens;                   /* its content words */
  const char *word[16]; size_t len[16];   /* its most distinctive words, 'nwords' of them */
  int nwords;
} tifa_lexis_distinct_row;

typedef int (*tifa_lexis_distinct_fn) (void *ud, const tifa_lexis_distinct_row *r);

/* The most distinctive articles of (ids, nids) (ids NULL: the corpus), by score descending
** (ties by id). Rows and their strings are valid during the call only. Reads the forward
** index: about 0.5 s for 20,000 articles. */
TIFA_API int tifa_lexis_distinctive (tifa_store *s, const int64_t *ids, size_t nids,
                                     const tifa_lexis_distinct_opts *opts,
                                     tifa_lexis_distinct_fn f, void *ud);

/* }====== */

/* {====== Keywords ====== */

#define TIFA_KW_TFIDF     0     /* tf * idf: tf = count / tokens of the set (as jieba) */
#define TIFA_KW_TEXTRANK  1     /* PageRank over the co-occurrence graph of content words */

typedef struct tifa_lexis_kw_opts {
  int method;                       /* TIFA_KW_* */
  long limit;                       /* keywords to hand over (<= 0: 10) */
  int phrases;                      /* 1: key phrases of several words too (see below) */
  int singles;                      /* 1: words of one character are candidates too */
  int window;                       /* TextRank window in words (<= 1: 5) */
  const struct tifa_freq *stop;     /* more words that are never keywords, or NULL */
  const tifa_lexis_idf *idf;        /* document frequencies (NULL: loaded for the call) */
  int segment;                      /* 1: segment the articles anew instead of reading the
                                    ** store's forward index (the same words; for tests) */
} tifa_lexis_kw_opts;

/* Called for each keyword (or phrase), by score descending (ties by bytes, a word before a
** phrase). 'count' is its occurrences in the set; 'nwords' is 1 for a word, the number of
** words of a phrase. */
typedef int (*tifa_lexis_kw_fn) (void *ud, const char *w, size_t len, double score,
                                 int64_t count, int nwords);

/* The keywords of the articles (ids, nids) taken together. Candidates are the text tokens of
** two characters or more (or one, with 'singles') tagged as nouns, verbs, adjectives,
** idioms, abbreviations, place words (n* v* a* i l j s), Latin words (eng) or titles in 《》
** (nw), and neither function words (the built-in "function" list) nor in 'stop'.
**   tfidf:    score = count / tokens * ln(N / df).
**   textrank: the words are vertices; two candidates closer than 'window' positions in the
**             text (tokens in between counted, punctuation included) add 1 to the weight of
**             their edge; weighted PageRank with damping 0.85, 10 iterations (as jieba); the
**             scores are divided by the largest; the edges are summed in the order of
**             their words' bytes, so that the order of the articles changes no bit.
** Phrases: runs of 2 to 4 adjacent candidates (nothing between them in the text) that occur
** at least twice are scored: tfidf as one term whose idf is the sum of its words' idfs;
** textrank as the sum over its words of score(word) * count(phrase) / count(word). A phrase
** is dropped when a longer kept phrase holds it as often as it occurs, and a word when a
** kept phrase holds every occurrence of it. */
TIFA_API int tifa_lexis_keywords (tifa_store *s, const int64_t *ids, size_t nids,
                                  const tifa_lexis_kw_opts *o, tifa_lexis_kw_fn f, void *ud);

/* }====== */

/* {====== Keyness ====== */

/* Dunning's log-likelihood G2 of a word seen a times in a target of c tokens and b times in
** a reference of d tokens: 2 * (a ln(a/E1) + b ln(b/E2)), E1 = c(a+b)/(c+d),
** E2 = d(a+b)/(c+d), a term with a zero count being 0. */
TIFA_API double tifa_lexis_ll (double a, double b, double c, double d);

/* Hardie's log ratio: log2((a/c) / (b/d)), a zero count taken as 0.5. */
TIFA_API double tifa_lexis_log_ratio (double a, double b, double c, double d);

/* The p-value of G2 (chi-square, one degree of freedom): erfc(sqrt(G2 / 2)). */
TIFA_API double tifa_lexis_pvalue (double g2);

typedef struct tifa_lexis_keyness_opts {
  long limit;                       /* rows to hand over (<= 0: all) */
  int64_t min;                      /* least a + b (default 3) */
  int sort;                         /* 0: by G2; 1: by |log ratio| (then G2) */
  int direction;                    /* 0: both; 1: over-used only; -1: under-used only */
  const struct tifa_freq *stop;     /* words to leave out, or NULL */
} tifa_lexis_keyness_opts;

typedef struct tifa_lexis_keyness_row {
  const char *word; size_t len;
  int64_t a, b;                     /* counts in the target and in the reference */
  double ll;                        /* G2 */
  double log_ratio;                 /* > 0: over-used in the target */
  double p;                         /* tifa_lexis_pvalue(ll) */
} tifa_lexis_keyness_row;

typedef int (*tifa_lexis_keyness_fn) (void *ud, const tifa_lexis_keyness_row *r);

/* The keyness of the words (corpus counts) of the target (tids, ntids) against the reference
** (rids, nrids); with 'rest' set the reference is the corpus minus the target (rids ignored).
** Rows come by G2 (or |log ratio|) descending; '*c' and '*d' (may be NULL) get the tokens
** of the target and of the reference. An empty target or reference (no words) is
** TIFA_ERROR ("the target has no words"). */
TIFA_API int tifa_lexis_keyness (tifa_store *s, const int64_t *tids, size_t ntids,
                                 const int64_t *rids, size_t nrids, int rest,
                                 const tifa_lexis_keyness_opts *o, int64_t *c, int64_t *d,
                                 tifa_lexis_keyness_fn f, void *ud);

/* Called for each group before its rows: the group (as tifa_lexis_groups names it), its
** articles, and the tokens of the group (c) and of the rest of the set (d). */
typedef int (*tifa_lexis_kgroup_fn) (void *ud, const char *group, size_t len, size_t narticles,
                                     int64_t c, int64_t d);

/* The keyness of each group of the set (ids, nids; ids NULL: the corpus) split by 'by'
** (TIFA_LEXIS_BY_*) against the rest of the set, in one pass over the forward index: 'g'
** for each group that has words and the rest too, then 'f' for its rows, as
** tifa_lexis_keyness with rest = 1 would give them for that group. */
TIFA_API int tifa_lexis_keyness_groups (tifa_store *s, const int64_t *ids, size_t nids, int by,
                                        const tifa_lexis_keyness_opts *o,
                                        tifa_lexis_kgroup_fn g, tifa_lexis_keyness_fn f,
                                        void *ud);

/* }====== */

/* {====== Collocates ====== */

#define TIFA_COLL_LLR      0
#define TIFA_COLL_PMI      1
#define TIFA_COLL_LOGDICE  2

typedef struct tifa_lexis_coll_opts {
  int window;                       /* words on each side (<= 0: 5) */
  int measure;                      /* TIFA_COLL_*: the order of the rows */
  int64_t min;                      /* least joint frequency (<= 0: 3) */
  long limit;                       /* rows to hand over (<= 0: all) */
  const struct tifa_freq *stop;     /* words never collocates, or NULL */
  int segment;                      /* 1: segment the articles anew (as tifa_lexis_kw_opts) */
} tifa_lexis_coll_opts;

typedef struct tifa_lexis_coll_row {
  const char *word; size_t len;
  int64_t joint;                    /* O11: occurrences within the windows of the node */
  int64_t left, right;              /* of them, before / after the node */
  int64_t freq;                     /* C1: the collocate's corpus count in the set */
  double llr, pmi, logdice;         /* every measure; 'measure' chose the order */
} tifa_lexis_coll_row;

typedef struct tifa_lexis_coll_stats {
  int64_t node;                     /* R: the node's occurrences (text tokens) */
  int64_t span;                     /* R1: tokens inside its windows */
  int64_t tokens;                   /* N: corpus count of every word of the set */
  int64_t articles;                 /* articles holding the node */
} tifa_lexis_coll_stats;

typedef int (*tifa_lexis_coll_fn) (void *ud, const tifa_lexis_coll_row *r);

/* The collocates of the word node[0..len) in the articles (ids, nids). The node's occurrences
** are text tokens equal to it (ASCII case folded); a window holds up to 'window' tokens on
** each side, not counting punctuation, and never crosses the end of a sentence (。！？；
** and line ends) or of the title. Candidates are tokens with a letter or a digit, not the
** node, not function words (the "function" list) nor in 'stop'. With E11 = R1 * C1 / N:
**   llr     = signed G2 of the 2x2 table O11, R1-O11, C1-O11, N-R1-C1+O11 (cells below 0
**             taken as 0), negative when O11 < E11;
**   pmi     = log2(O11 / E11);
**   logdice = 14 + log2(2 * O11 / (R + C1))   (Rychly 2008).
** Rows with O11 >= min come by the measure, descending (ties by O11, then by the word's
** bytes). 'st' (may be NULL) gets the totals. */
TIFA_API int tifa_lexis_collocates (tifa_store *s, const char *node, size_t len,
                                    const int64_t *ids, size_t nids,
                                    const tifa_lexis_coll_opts *o, tifa_lexis_coll_stats *st,
                                    tifa_lexis_coll_fn f, void *ud);

/* }====== */

/* {====== Summaries ====== */

typedef struct tifa_lexis_sentence {
  size_t byte, nbyte;               /* the sentence in the text */
  size_t start, end;                /* the same in code points (0-based, end exclusive) */
  size_t paragraph;                 /* 1-based line of the text it is on */
  size_t index;                     /* 1-based number of the sentence in the text */
  double score;                     /* its rank: TextRank plus the position prior */
  int enumeration;                  /* 1 if it is part of an enumeration taken whole */
} tifa_lexis_sentence;

typedef int (*tifa_lexis_sentence_fn) (void *ud, const tifa_lexis_sentence *x);

/* An extractive summary of s[0..len) (valid UTF-8, paragraphs separated by line ends) in
** about 'n' sentences (tifa_units sentences), handed over in text order. Sentences are
** ranked by TextRank over their similarity (shared content words / (ln|Si| + ln|Sj|),
** Mihalcea & Tarau 2004), damping 0.85, scores divided by the largest, plus 0.25 for the
** first sentence and 0.1 for the first of a paragraph. Units are picked by rank: a
** sentence, or every sentence an enumeration (tifa_text_enumerations) touches, taken
** whole or not at all, with the unit's best score; a unit is taken while the summary stays
** within 'n' sentences (an enumeration larger than 'n' is taken only when it ranks first),
** unless one of its sentences repeats a sentence taken (more than 60% of the content words
** of the shorter one shared).
** Returns TIFA_OK, TIFA_ENCODING,
** TIFA_NOMEM, or what 'f' returned. */
TIFA_API int tifa_lexis_summary (const char *s, size_t len, size_t n,
                                 tifa_lexis_sentence_fn f, void *ud);

/* }====== */

/* {====== Several stores ======
** The same analytics over n >= 1 stores read as one corpus, as tifa_reuse_stores reads them:
** the article of id L in stores[k] is bases[k] + L (the bases ascend and each store's ids
** stay below the next base; bases NULL: 0, for one store), and (ids, nids) are such ids.
** Every count is the corpus's: the word counts of a set and of the corpus, the articles and
** document frequencies of idf, the collocates' totals, the reference of keyness. What an
** analytic sums in floating point it sums in an order that does not depend on the articles'
** ids, so the answer is the one a single store holding the same articles gives, ids aside:
** a group by article is named by its id here, and rows of equal score that are ordered by id
** (distinctive) follow these ids. A failure's message is on stores[0] (tifa_store_errmsg),
** after the failing store's path when n > 1. With one store and bases NULL each is the
** function without _stores. (tifa_lexis_summary reads one text and needs no other form.) */

TIFA_API int tifa_lexis_freq_stores (tifa_store *const *stores, const int64_t *bases, size_t n,
                                     const int64_t *ids, size_t nids,
                                     const tifa_lexis_freq_opts *o, int64_t *total,
                                     tifa_lexis_item_fn f, void *ud);
TIFA_API int tifa_lexis_groups_stores (tifa_store *const *stores, const int64_t *bases, size_t n,
                                       const int64_t *ids, size_t nids, int by,
                                       tifa_lexis_group_fn f, void *ud);
TIFA_API int tifa_lexis_idf_load_stores (tifa_store *const *stores, const int64_t *bases,
                                         size_t n, tifa_lexis_idf **out);
TIFA_API int tifa_lexis_distinctive_stores (tifa_store *const *stores, const int64_t *bases,
                                            size_t n, const int64_t *ids, size_t nids,
                                            const tifa_lexis_distinct_opts *opts,
                                            tifa_lexis_distinct_fn f, void *ud);
TIFA_API int tifa_lexis_keywords_stores (tifa_store *const *stores, const int64_t *bases,
                                         size_t n, const int64_t *ids, size_t nids,
                                         const tifa_lexis_kw_opts *o, tifa_lexis_kw_fn f,
                                         void *ud);
TIFA_API int tifa_lexis_keyness_stores (tifa_store *const *stores, const int64_t *bases,
                                        size_t n, const int64_t *tids, size_t ntids,
                                        const int64_t *rids, size_t nrids, int rest,
                                        const tifa_lexis_keyness_opts *o, int64_t *c,
                                        int64_t *d, tifa_lexis_keyness_fn f, void *ud);
TIFA_API int tifa_lexis_keyness_groups_stores (tifa_store *const *stores, const int64_t *bases,
                                               size_t n, const int64_t *ids, size_t nids,
                                               int by, const tifa_lexis_keyness_opts *o,
                                               tifa_lexis_kgroup_fn g, tifa_lexis_keyness_fn f,
                                               void *ud);
TIFA_API int tifa_lexis_collocates_stores (tifa_store *const *stores, const int64_t *bases,
                                           size_t n, const char *node, size_t len,
                                           const int64_t *ids, size_t nids,
                                           const tifa_lexis_coll_opts *o,
                                           tifa_lexis_coll_stats *st, tifa_lexis_coll_fn f,
                                           void *ud);

/* }====== */

#endif
