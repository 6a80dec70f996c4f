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
  int inner;                /* TIFA_WORDS_FINE or _SEARCH: 1 for a word inside the next word
                            ** whose 'inner' is 0 (it comes before that word); 0 otherwise */
} tifa_word;

/* Flags for tifa_words. */
#define TIFA_WORDS_SEARCH   1   /* also the dictionary's words of two or more characters
                                ** inside a longer word, before it, by where they start
                                ** (jieba's search mode: 民政 in 人民政府; for display, not
                                ** for counting) */
#define TIFA_WORDS_NOHMM    2   /* no model for unknown runs: they come out char by char */
#define TIFA_WORDS_SPLITUNITS 4 /* dates, numbers and titles in parts, as the PKU standard has
                                ** them: 2000年 12月 31日; 1万亿 美元; 10 多 家; 5% 左右;
                                ** 《 人民 日报 》 */
#define TIFA_WORDS_FINE     8   /* also the fine-grained cut of each word of four or more
                                ** characters, before it: its most probable partition into
                                ** dictionary words, with at most one part of one character,
                                ** never cutting between numerals or after the 第 of an
                                ** ordinal, each part after its own fine cut (人民政府: 人民
                                ** 政府; 共建一带一路: 共建 一带一路; 发展中国家: 发展 中 国家;
                                ** none for 国务院 or any word of three characters). What the
                                ** word index and the analytics count as whole words.
                                ** Overrides TIFA_WORDS_SEARCH. */

/* Called for each word in order; a nonzero return stops tifa_words, which returns it. */
typedef int (*tifa_word_fn) (void *ud, const char *s, const tifa_word *w);

/* The process's shared segmenter (the built-in dictionary; user words added to it are seen
** by every caller). Never NULL, never to be freed. */
TIFA_API tifa_segmenter *tifa_segmenter_default (void);

/* A segmenter of its own on the built-in dictionary. Returns TIFA_OK or TIFA_NOMEM. */
TIFA_API int tifa_segmenter_new (tifa_segmenter **out);
TIFA_API void tifa_segmenter_free (tifa_segmenter *g);       /* NULL and the default: no-op */

/* Add a word (valid UTF-8, 1 to 64 code points). 'freq' <= 0: the word (of two or more code
** points) comes out whole wherever the text holds it, unless another such word, longer,
** overlaps it there (the paths are ranked first by the sum of the squared lengths of such
** words on them); a word of the built-in dictionary on the way gives way. 'freq' > 0: the
** word ranks by that frequency, as jieba's user words do, and may lose. 'tag' may be NULL
** (nz). A word added again takes the new frequency and tag. Not safe while another thread
** segments with 'g'.
** Returns TIFA_OK, TIFA_ERROR (an empty, too long or invalid word) or TIFA_NOMEM. */
TIFA_API int tifa_segmenter_add_word (tifa_segmenter *g, const char *w, size_t len, double freq,
                                      const char *tag);

/* Use the built-in dictionary (on, the default) or only the user words (off: the user's
** dictionary defines the words, as jieba's set_dictionary). Off, a path is ranked first by
** its number of words, fewest first (maximum matching's rule: a word list says which strings
** are words, not how likely each is), then by its probability; user words added with no
** frequency take the built-in dictionary's for that, on or off. The model for unknown runs
** then never joins a character that the built-in dictionary has as a common word of its own
** (的, 是, 一, 年, ...). */
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
