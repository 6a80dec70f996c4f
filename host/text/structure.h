/*
** structure.h -- internal interface of the structure of texts (tifa_structure.h is the public
** half): the code point reader and character classes shared by clauses, paragraphs,
** enumerations and n-grams.
*/
#ifndef TIFA_STRUCTUREI_H
#define TIFA_STRUCTUREI_H

#include <stddef.h>
#include <stdint.h>
#include "tifa_structure.h"
#include "buf.h"

/* Decode the code point at p[i] (i < len) into '*c' and return the index after it. Invalid
** UTF-8 goes one byte at a time as U+FFFD, never past 'len'. */
size_t tifai_cp_next (const unsigned char *p, size_t i, size_t len, int32_t *c);

/* White space as units trim it: tifai_is_space (which has LF and CR) and U+2028, U+2029. */
int tifai_is_blank (int32_t c);

/* Punctuation (the Unicode categories P*) or white space (tifai_is_blank) or a control
** character: what breaks n-grams. */
int tifai_is_break (int32_t c);

/* Whether every code point of s[0..len) breaks n-grams (a word of punctuation). */
int tifai_all_break (const char *s, size_t len);

/* One element of an n-gram walk: a character or a word of the text. */
typedef struct tifai_elem {
  size_t byte, nbyte;           /* the element is s[byte .. byte+nbyte) */
  int brk;                      /* 1: punctuation or white space, which no n-gram spans */
} tifai_elem;

#define TIFAI_NGRAM_CHAR  0
#define TIFAI_NGRAM_WORD  1

/* Append the elements of the valid UTF-8 string s[0..len) to 'out' as an array of
** tifai_elem: its characters, or (TIFAI_NGRAM_WORD) the words of tifa_words with the
** default segmenter. A word breaks when all its code points do (tifai_is_break), whatever
** its tag. Returns TIFA_OK, TIFA_NOMEM ('out->oom') or the segmenter's error. */
int tifai_ngram_elems (tifai_buf *out, const char *s, size_t len, int unit);

#endif
