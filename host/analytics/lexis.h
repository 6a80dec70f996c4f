/*
** lexis.h -- what the lexis analytics (corpusfreq.c, keywords.c, keyness.c, collocates.c,
** summary.c) share: a string interning map, the text tokens of an article and the test of a
** content word. Internal: tifai_ names, no Lua.
*/
#ifndef TIFA_LEXIS_INTERNAL_H
#define TIFA_LEXIS_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include "tifa_structure.h"
#include "tifa_words.h"
#include "buf.h"

/* {====== Interning map: strings -> 0, 1, 2, ... in the order first seen ====== */
typedef struct tifai_lexmap {
  uint32_t *slot;           /* open addressing: index + 1, 0 for empty */
  size_t cap;               /* slots, a power of two (0 before the first intern) */
  size_t n;                 /* strings held */
  size_t *off;              /* where string i starts in 'keys' */
  uint32_t *klen;           /* its length */
  uint32_t *hash;           /* its hash */
  size_t kcap;              /* room of off/klen/hash */
  tifai_buf keys;           /* the strings, each followed by a NUL */
} tifai_lexmap;

#define TIFAI_LEXMAP_INIT {NULL, 0, 0, NULL, NULL, NULL, 0, TIFAI_BUF_INIT}

/* The index of s[0..len), adding it if new ('*isnew' set to 1, may be NULL). Returns 0, or
** -1 when out of memory (the map unchanged). */
int tifai_lexmap_intern (tifai_lexmap *m, const char *s, size_t len, size_t *idx, int *isnew);
/* The index of s[0..len), or -1. */
long tifai_lexmap_find (const tifai_lexmap *m, const char *s, size_t len);
/* String i (NUL-terminated) and its length. */
const char *tifai_lexmap_key (const tifai_lexmap *m, size_t i, size_t *len);
void tifai_lexmap_free (tifai_lexmap *m);
/* }====== */

/* Grow the array '*p' of elements of 'size' bytes to hold at least 'need' (new elements
** zeroed); '*cap' is its room. Returns 0 or -1 (unchanged). */
int tifai_lex_grow (void *p, size_t *cap, size_t need, size_t size);

/* {====== Tokens ====== */
#define TIFAI_TOK_CONTENT  1        /* a keyword candidate (see tifa_lexis_keywords) */
#define TIFAI_TOK_PUNCT    2        /* punctuation or a symbol (tag x) */
#define TIFAI_TOK_BREAK    4        /* ends a sentence: 。！？；!?; or a line end after it */

/* 1 if the token s[0..n) ends a sentence (。！？；!?; … ……): TIFAI_TOK_BREAK. */
int tifai_lex_isbreak (const char *s, size_t n);
#define TIFAI_TOK_WORDISH  8        /* has a letter or a digit */

typedef struct tifai_tok {
  size_t byte, nbyte, start, end;
  const char *tag;
  int flags;                        /* TIFAI_TOK_* */
  int inner;                        /* TIFA_WORDS_FINE: inside the next word with inner 0 */
} tifai_tok;

typedef struct tifai_toks {
  tifai_tok *t; size_t n, cap;
} tifai_toks;

/* What makes a content word: the built-in function words plus the caller's stopwords. */
typedef struct tifai_lexfilter {
  tifa_freq *function;              /* owned */
  const tifa_freq *stop;            /* the caller's, or NULL */
  int singles;                      /* words of one character too */
} tifai_lexfilter;

int tifai_lexfilter_init (tifai_lexfilter *lf, const tifa_freq *stop, int singles);
/* 1 if w[0..len) is a function word or one of the caller's stopwords. */
int tifai_freq_function_or_stop (const tifai_lexfilter *lf, const char *w, size_t len);
void tifai_lexfilter_free (tifai_lexfilter *lf);

/* Replace the tokens in 'v' by those of s[0..len) (valid UTF-8), with their flags; 'wflags'
** for tifa_words (0, or TIFA_WORDS_FINE for the parts of longer words too: the whole words
** of the word index). TIFA_WORDS_SEARCH is read as TIFA_WORDS_FINE: no analytic counts the
** dictionary's words that merely lie inside a longer word (民政 in 人民政府).
** Returns TIFA_OK, TIFA_ENCODING or TIFA_NOMEM. */
int tifai_lex_tokens (const tifai_lexfilter *lf, const char *s, size_t len, int wflags,
                      tifai_toks *v);
void tifai_toks_free (tifai_toks *v);

/* Lowercase the ASCII letters of s[0..len) into 'out' (room for len bytes). */
void tifai_lex_lower (char *out, const char *s, size_t len);
/* }====== */

#endif
