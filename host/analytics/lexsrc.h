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
#include "each.h"
#include "lexis.h"

typedef struct tifai_lexsrc {
  tifa_store *s;                    /* the store being read: src->stores[k] */
  const tifai_source *src;          /* the stores read (each.h); 'one' for a single store */
  tifai_source one;
  tifa_store *self;                 /* one.stores[0] */
  size_t k;                         /* the index in 'src' of the store being read */
  const tifai_lexfilter *lf;
  int wflags;                       /* 0 or TIFA_WORDS_SEARCH */
  int segment;                      /* 1: never the forward index (tifai_lexsrc_init's 'force') */
  unsigned char *wf; size_t wfcap;  /* per word of the lexicon: its flags + 0x80 once known */
  uint16_t *wn; size_t wncap;       /* its code points */
  size_t wfk;                       /* the store of the lexicon wf and wn are of */
  void *ft;                         /* tifai_fwdtoks */
  tifai_toks toks[2];               /* title, text */
  uint32_t *wid[2]; size_t widcap[2];   /* from the forward index: each token's word id in
                                    ** the lexicon (tifai_fwdlex) of store k; else UINT32_MAX */
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
/* The same over the stores of 'src' (each.h), which must outlive 'x': the article of id L in
** src->stores[k] is src->bases[k] + L, and its word ids are those of store k's lexicon. */
int tifai_lexsrc_initsrc (tifai_lexsrc *x, const tifai_source *src, const tifai_lexfilter *lf,
                          int wflags, int segment);
/* Walk the articles ids[0..nids) (NULL: all, in id order, store after store), calling 'f'
** for each that exists, with its id in the source; a list is walked as given. Returns
** TIFA_OK, what 'f' returned, or a failure's code (message on the source's first store,
** after the failing store's path when there are several: tifai_lex_srcfail). */
int tifai_lexsrc_each (tifai_lexsrc *x, const int64_t *ids, size_t nids, tifai_lexsrc_fn f,
                       void *ud);
void tifai_lexsrc_free (tifai_lexsrc *x);

/* {====== Sources (each.h) for the lexis analytics ====== */

/* After store k of 'src' failed with 'rc' (its message in it): with several stores, give
** stores[0] the message "PATH: message" (as tifai_source_each). Returns 'rc'. */
int tifai_lex_srcfail (const tifai_source *src, size_t k, int rc);

/* tifa_store_vocab over a source: the words of the source's articles o->ids[0..o->nids)
** (NULL: all), each store's counted and summed, in tifa_store_vocab's order (count
** descending, then bytes), with its 'min', 'limit' and 'stop'. One store with bases NULL is
** tifa_store_vocab itself. Returns as it, the message on stores[0]. */
int tifai_lex_vocab (const tifai_source *src, const tifa_vocab_opts *o, tifa_vocab_fn f,
                     void *ud);

/* }====== */

#endif
