/*
** lexsrc.h -- where the lexis analytics get an article's tokens: from the forward index
** (host/store/wordfwd.c) when it holds the article and the process's segmenter is the one
** it was cut with (no user words), else by segmenting the article as tifai_lex_tokens does.
** The tokens are the same either way (tests/c/test_lexis.c compares them); from the forward
** index their bytes point into a text rebuilt from the words (the words in order, a space
** where the article had something between two words), not into the article.
*/
#ifndef TIFA_LEXSRC_H
#define TIFA_LEXSRC_H

#include "tifa_store.h"
#include "lexis.h"

typedef struct tifai_lexsrc {
  tifa_store *s;
  const tifai_lexfilter *lf;
  int wflags;                       /* 0 or TIFA_WORDS_SEARCH */
  int segment;                      /* 1: never the forward index (tifai_lexsrc_init's 'force') */
  unsigned char *wf; size_t wfcap;  /* per word of the lexicon: its flags + 0x80 once known */
  uint16_t *wn; size_t wncap;       /* its code points */
  void *ft;                         /* tifai_fwdtoks */
  tifai_toks toks[2];               /* title, text */
  uint32_t *wid[2]; size_t widcap[2];   /* from the forward index: each token's word id in
                                    ** the lexicon (tifai_fwdlex); else UINT32_MAX */
  tifai_buf text[2];                /* the rebuilt texts */
  int64_t fromindex, segmented;     /* articles read each way */
} tifai_lexsrc;

/* The tokens of one article: piece 0 its title (as the indexes see it: empty when derived),
** piece 1 its text; s[k] what toks[k] point into. */
typedef int (*tifai_lexsrc_fn) (void *ud, int64_t id, const char *const s[2],
                                const size_t len[2], tifai_toks *const toks[2]);

/* Start a source with the content-word filter 'lf' and 'wflags' (0 or TIFA_WORDS_SEARCH);
** 'segment' 1 never reads the forward index. Returns TIFA_OK. */
int tifai_lexsrc_init (tifai_lexsrc *x, tifa_store *s, const tifai_lexfilter *lf, int wflags,
                       int segment);
/* Walk the articles ids[0..nids) (NULL: all, in id order), calling 'f' for each that
** exists. Returns TIFA_OK, what 'f' returned, or a failure's code (message in the store). */
int tifai_lexsrc_each (tifai_lexsrc *x, const int64_t *ids, size_t nids, tifai_lexsrc_fn f,
                       void *ud);
void tifai_lexsrc_free (tifai_lexsrc *x);

#endif
