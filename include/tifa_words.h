/*
** tifa_words.h -- Chinese word segmentation in tifa: a dictionary (jieba's 349k words with
** their frequencies and part-of-speech tags, compiled at build time and built into the
** library, plus tifa's policy lexicon) searched for the most probable path through the
** words it knows, and a hidden Markov model for the runs of characters it does not know (the
** approach of jieba). Units are never split: dates, numbers with their units and hedges,
** titles in 《》, document numbers (文号), URLs, Latin and digit words.
** Offsets named 'byte' count bytes of the input; 'start' and 'end' count code points,
** 0-based, end exclusive.
*/
#ifndef TIFA_WORDS_H
#define TIFA_WORDS_H

#include <stddef.h>
#include "tifa.h"

typedef struct tifa_segmenter tifa_segmenter;

/* One word of the input. 'tag' is a static string: jieba's tags (n, v, a, d, nr, ns, nt, nz,
** ...) for words of the dictionary; for units: t (a date or time), m (a number, with its
** unit and hedge if any), nw (a title in 《》), nd (a document number), url, eng (a Latin
** or digit word), x (punctuation and symbols); for unknown words, the model's guess. */
typedef struct tifa_word {
  size_t byte, nbyte;       /* the word is s[byte .. byte+nbyte) */
  size_t start, end;        /* the same in code points */
  const char *tag;
  int inner;                /* search mode: 1 for a word inside the next word whose 'inner'
                            ** is 0 (it comes before that word); 0 otherwise */
} tifa_word;

/* Flags for tifa_words. */
#define TIFA_WORDS_SEARCH   1   /* also the dictionary's words of two or more characters
                                ** inside a longer word, before it, by where they start */
#define TIFA_WORDS_NOHMM    2   /* no model for unknown runs: they come out char by char */
#define TIFA_WORDS_SPLITUNITS 4 /* dates and numbers in parts, as the PKU standard has them:
                                ** 2000年 12月 31日; 1万亿 美元; 10 多 家; 5% 左右 */

/* Called for each word in order; a nonzero return stops tifa_words, which returns it. */
typedef int (*tifa_word_fn) (void *ud, const char *s, const tifa_word *w);

/* The process's shared segmenter (the built-in dictionary; user words added to it are seen
** by every caller). Never NULL, never to be freed. */
TIFA_API tifa_segmenter *tifa_segmenter_default (void);

/* A segmenter of its own on the built-in dictionary. Returns TIFA_OK or TIFA_NOMEM. */
TIFA_API int tifa_segmenter_new (tifa_segmenter **out);
TIFA_API void tifa_segmenter_free (tifa_segmenter *g);       /* NULL and the default: no-op */

/* Add a word (valid UTF-8, 1 to 64 code points). 'freq' <= 0 picks a frequency that makes
** the word come out whole where it occurs; 'tag' may be NULL (nz). A word added again takes
** the new frequency and tag. Not safe while another thread segments with 'g'.
** Returns TIFA_OK, TIFA_ERROR (an empty, too long or invalid word) or TIFA_NOMEM. */
TIFA_API int tifa_segmenter_add_word (tifa_segmenter *g, const char *w, size_t len, double freq,
                                      const char *tag);

/* Use the built-in dictionary (on, the default) or only the user words (off: the user's
** dictionary defines the words, as jieba's set_dictionary). User words added with no
** frequency take the built-in dictionary's when it has the word, on or off. */
TIFA_API void tifa_segmenter_builtin (tifa_segmenter *g, int on);

/* Load a user dictionary: UTF-8 text, one word per line, optionally followed by a frequency
** and a tag separated by white space (jieba's format); '#' starts a comment line. On
** failure, 'err' (TIFA_ERRMAX bytes) names the file and line; the words of the lines before
** it stay added. Returns TIFA_OK, TIFA_IO,
** TIFA_ENCODING, TIFA_FORMAT or TIFA_NOMEM. */
TIFA_API int tifa_segmenter_load (tifa_segmenter *g, const char *path, char *err);

/* Segment s[0..len) (valid UTF-8; otherwise TIFA_ENCODING and no call of 'f') and call 'f'
** for each word. 'flags' is a mix of TIFA_WORDS_*. Returns TIFA_OK, TIFA_ENCODING,
** TIFA_NOMEM, or what 'f' returned. Safe from several threads at once. */
TIFA_API int tifa_words (const tifa_segmenter *g, const char *s, size_t len, int flags,
                         tifa_word_fn f, void *ud);

/* Number of words in the dictionary of 'g' (built-in and user). */
TIFA_API size_t tifa_segmenter_size (const tifa_segmenter *g);

#endif
