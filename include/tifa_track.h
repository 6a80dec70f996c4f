/*
** tifa_track.h -- where and when words occur in a corpus: concordances (KWIC), timelines by
** month or year, dispersion over the articles, and the tracking of formulations (提法) with
** their variants. Every finding is traced to its passage: article id, paragraph and
** character offsets. Matches come from the store's search (tifa_store_search), so a query
** means here what it means there (include/tifa_store.h: terms, AND, OR, NEAR and its
** spans, title:, "quotes", punctuation in either width, TIFA_MATCH_WORDS): a NEAR's match is
** its whole span, one kwic line and one count per span. Character offsets count code points of the article's text (or title),
** 0-based, end exclusive, as in tifa_store.h. Sets of articles are (ids, nids), ids NULL
** meaning every article (any order, repeats ignored). Nothing here includes lua.h.
*/
#ifndef TIFA_TRACK_H
#define TIFA_TRACK_H

#include <stddef.h>
#include <stdint.h>
#include "tifa.h"
#include "tifa_store.h"

/* {====== Concordance (keyword in context) ====== */

#define TIFA_KWIC_ARTICLE  0        /* by article id, the title's matches first, then position */
#define TIFA_KWIC_LEFT     1        /* by the left context read backwards from the match */
#define TIFA_KWIC_RIGHT    2        /* by the right context read forwards from the match */

typedef struct tifa_kwic_opts {
  int width;                        /* characters of context each side (0: 15; < 0: none) */
  int sort;                         /* TIFA_KWIC_* */
  int flags;                        /* TIFA_MATCH_* */
  long limit;                       /* lines to hand over at most, after sorting (<= 0: all) */
  const int64_t *ids;               /* the articles to read (NULL: every article) */
  size_t nids;
} tifa_kwic_opts;

typedef struct tifa_kwic_line {     /* one match; strings are not NUL-terminated */
  int64_t id;                       /* article id */
  const char *date;                 /* the article's date as stored, or NULL */
  int title;                        /* 1: the match is in the title, 0: in the text */
  int64_t from, to;                 /* char offsets of the match in the text (or title) */
  int64_t paragraph;                /* 1-based paragraph of the text; 0 for the title */
  const char *left, *match, *right; /* the context before (up to 'width' characters, fewer */
  size_t left_len, match_len, right_len;   /* only at the ends), the match, the context
                                       after; line ends in contexts are shown as spaces */
} tifa_kwic_line;

/* Called for each line in the order asked; pointers are valid only during the call. A
** non-zero return stops and is returned. */
typedef int (*tifa_kwic_fn) (void *ud, const tifa_kwic_line *l);

/* Every match of 'query' in the articles of 'o' (titles and texts: as many lines as
** tifa_store_countx counts), with its context. 'o' may be NULL (defaults). Returns TIFA_OK,
** what 'f' returned, or the errors of tifa_store_search (TIFA_SYNTAX, TIFA_INTERRUPTED,
** TIFA_DB, TIFA_NOMEM) with the message in tifa_store_errmsg. */
TIFA_API int tifa_kwic (tifa_store *s, const char *query, const tifa_kwic_opts *o,
                        tifa_kwic_fn f, void *ud);

/* }====== */

/* {====== Timeline ====== */

#define TIFA_BY_MONTH  0            /* periods "YYYY-MM" */
#define TIFA_BY_YEAR   1            /* periods "YYYY" */

typedef struct tifa_period {
  const char *period;               /* "2024-03" or "2024", NUL-terminated */
  int64_t count;                    /* matches (or articles, for a NULL query) */
  int64_t articles;                 /* articles with a match (or articles) */
} tifa_period;

typedef struct tifa_undated {       /* what could not be placed in a period */
  int64_t count, articles;          /* no date, a month-day date ("--04-23"), or a year */
} tifa_undated;                     /* only when counting by month */

/* Called for every period from the first to the last with a match, in order, zeros
** included. A non-zero return stops and is returned. */
typedef int (*tifa_period_fn) (void *ud, const tifa_period *p);

/* The matches of 'query' (titles and texts, as tifa_store_countx counts them) per month or
** year ('by': TIFA_BY_*) of the articles' dates, over the set (ids, nids). A NULL 'query'
** counts the articles of the set instead. '*u' (may be NULL) gets what has no period.
** Returns TIFA_OK, what 'f' returned, or the errors of tifa_store_countx. */
TIFA_API int tifa_timeline (tifa_store *s, const char *query, int flags, int by,
                            const int64_t *ids, size_t nids, tifa_period_fn f, void *ud,
                            tifa_undated *u);

/* }====== */

/* {====== Dispersion ====== */

typedef struct tifa_dispersion_row {    /* an article with matches in its text */
  int64_t id;
  int64_t nchars;                   /* characters of its text */
  int64_t count;                    /* matches in its text */
  const int64_t *from;              /* 'count' char offsets where the matches start */
  const char *plot;                 /* 'cells' characters: '|' where a match falls, else '-' */
} tifa_dispersion_row;

typedef struct tifa_dispersion {    /* over the parts: every article of the set */
  int64_t parts;                    /* articles in the set (with and without matches) */
  int64_t total;                    /* matches in their texts */
  int64_t articles;                 /* articles with a match */
  double juilland_d;                /* Juilland's D, 0 (all in one part) .. 1 (even), with
                                       the parts' relative frequencies (count / nchars);
                                       NaN with fewer than 2 parts or no match */
  double dp;                        /* Gries's DP (deviation of proportions), 0 (even, in
                                       proportion to the parts' sizes) .. ~1 (all in one
                                       small part); NaN with no match */
  double dp_norm;                   /* DP / (1 - the smallest part's share) */
} tifa_dispersion_stats;

typedef int (*tifa_dispersion_fn) (void *ud, const tifa_dispersion_row *r);

/* Where 'query' occurs in the texts of the set (titles are not counted): one row per
** article with a match, in id order, each with a strip of 'cells' characters (<= 0: 50),
** then the measures over the whole set in '*out'. Returns TIFA_OK, what 'f' returned, or the
** errors of tifa_store_search. */
TIFA_API int tifa_dispersion (tifa_store *s, const char *query, int flags, const int64_t *ids,
                              size_t nids, int cells, tifa_dispersion_fn f, void *ud,
                              tifa_dispersion_stats *out);

/* The same over several stores read as one (a corpus's shards: tifa_reuse.h, "Several stores
** read as one"): the article of id L in stores[k] is bases[k] + L (bases ascend; NULL: 0, for
** one store), and (ids, nids) and the rows' ids are such ids. The parts, the matches and the
** characters are the stores' together, and the measures are summed row by row in id order,
** store after store: the answer of one store holding the same articles, but for the order of
** the rows and the last bits of the measures, which follow the order of the ids. n >= 1
** (n == 0 returns TIFA_ERROR); a failure's message is on stores[0], after the failing store's
** path when n > 1. With one store and bases NULL this is tifa_dispersion. */
TIFA_API int tifa_dispersion_stores (tifa_store *const *stores, const int64_t *bases, size_t n,
                                     const char *query, int flags, const int64_t *ids,
                                     size_t nids, int cells, tifa_dispersion_fn f, void *ud,
                                     tifa_dispersion_stats *out);

/* }====== */

/* {====== Formulations ======
** A formulation is tracked by a label and its forms (aliases). A form is text, maybe in
** parts: parts are separated by 、 ； ; or white space. A form matches where its exact text
** occurs (the form without its white space: "稳中求进、以进促稳、先立后破"), and, if it has
** two parts or more, where its parts occur in order within one sentence (tifa_text_sentence)
** with other text between them, not overlapping an exact match: "稳中求进 先立后破" finds
** "坚持稳中求进，……先立后破。". Matches are looked for in titles and texts; a form or part
** matches as a query term does (Latin in any case, punctuation in either width).
*/

typedef struct tifa_formulation {
  const char *label;                /* the name reported (NUL-terminated) */
  const char *const *forms;         /* its forms (NUL-terminated strings) */
  size_t nforms;
} tifa_formulation;

typedef struct tifa_track_match {
  size_t formulation;               /* index in the caller's array */
  size_t form;                      /* index in its forms */
  int64_t id;                       /* article id */
  const char *date;                 /* its date as stored, or NULL */
  int title;                        /* 1: in the title */
  int64_t from, to;                 /* char offsets of the whole match */
  int64_t paragraph;                /* 1-based; 0 for the title */
  int exact;                        /* 1: the exact text; 0: the parts with text between */
  const char *variant;              /* what matched as the analyst reads it: the text itself
                                       when the match is at most 12 characters longer than the
                                       exact form, else the parts joined with "…" */
  size_t variant_len;
} tifa_track_match;

/* Called for each match: formulation by formulation, in article id order, then by position
** (title first). Pointers are valid only during the call. Non-zero stops and is returned. */
typedef int (*tifa_track_fn) (void *ud, const tifa_track_match *m);

/* Find the 'n' formulations 'fs' in the set (ids, nids). 'flags': TIFA_MATCH_*. Returns
** TIFA_OK, what 'f' returned, TIFA_ERROR for a form with no text, or the errors of
** tifa_store_search. */
TIFA_API int tifa_track (tifa_store *s, const tifa_formulation *fs, size_t n, int flags,
                         const int64_t *ids, size_t nids, tifa_track_fn f, void *ud);

/* A lexicon: formulations read from text, one per line:
**     # a comment (a line whose first non-blank character is '#')
**     新质生产力                                  a formulation: label and form
**     稳中求进、以进促稳、先立后破                   a form in parts
**     双碳 = 碳达峰碳中和 | 碳达峰 碳中和 | 双碳     a label with its forms, split on '|'
** Blank lines are skipped; white space around labels and forms is trimmed. */
typedef struct tifa_lexicon tifa_lexicon;

/* Parse text[0..len) into a new lexicon in '*out' (free with tifa_lexicon_free). Returns
** TIFA_OK, TIFA_NOMEM, or TIFA_SYNTAX with "line N: ..." in 'err' (a line with '=' but no
** label or no form; text that is not valid UTF-8: "line N: not valid UTF-8 (byte B)"). */
TIFA_API int tifa_lexicon_parse (const char *text, size_t len, tifa_lexicon **out, char *err,
                                 size_t errsz);
/* The built-in lexicon: the formulations of tifa's policy lexicon (host/dict/policy.txt,
** the lines tagged nz) and a few formulations in parts of current policy language (稳中求进、
** 以进促稳、先立后破; 发展是硬道理 with 新时代的硬道理). In '*out', as tifa_lexicon_parse. */
TIFA_API int tifa_lexicon_builtin (tifa_lexicon **out);
/* Its formulations, owned by 'lx'. */
TIFA_API const tifa_formulation *tifa_lexicon_formulations (const tifa_lexicon *lx, size_t *n);
TIFA_API void tifa_lexicon_free (tifa_lexicon *lx);     /* NULL is a harmless no-op */

/* }====== */

#endif
