/*
** fuzz_words.c -- libFuzzer target: word segmentation (tifa_words) with every mix of flags
** (search mode, no HMM, split units) on the default segmenter, and on a segmenter of its own
** with user words cut from the input (tifa_segmenter_add_word). Checks that words lie inside
** the input, in order, on code point boundaries, with offsets that agree.
*/
#include "fuzz.h"
#include "tifa_text.h"
#include "tifa_words.h"

typedef struct wst {
  size_t len;
  size_t lastend;                   /* end of the last outer word */
  size_t words;
} wst;

static int onword (void *ud, const char *s, const tifa_word *w) {
  wst *st = (wst *)ud;
  fcheck(w->nbyte > 0 && w->byte + w->nbyte <= st->len);
  fcheck(w->start < w->end);
  fcheck(tifa_utf8_len(s, w->byte) == w->start);
  fcheck(tifa_utf8_len(s + w->byte, w->nbyte) == w->end - w->start);
  fcheck(w->tag != NULL && w->tag[0] != '\0');
  if (!w->inner) {
    fcheck(w->byte >= st->lastend);
    st->lastend = w->byte + w->nbyte;
  }
  st->words++;
  return 0;
}

static void segment (const tifa_segmenter *g, const char *s, size_t len, int flags) {
  wst st;
  int rc;
  memset(&st, 0, sizeof(st));
  st.len = len;
  rc = tifa_words(g, s, len, flags, onword, &st);
  fcheck(rc == TIFA_OK);
}

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size) {
  const char *s = (const char *)data;
  tifa_segmenter *own;
  size_t i;
  if (!tifa_utf8_valid(s, size, NULL)) {            /* refused, nothing called */
    wst st;
    memset(&st, 0, sizeof(st));
    fcheck(tifa_words(tifa_segmenter_default(), s, size, 0, onword, &st) == TIFA_ENCODING);
    fcheck(st.words == 0);
    return 0;
  }
  for (i = 0; i < 8; i++) segment(tifa_segmenter_default(), s, size, (int)i);
  if (tifa_segmenter_new(&own) != TIFA_OK) return 0;
  {                                 /* user words: the lines of the input's first half */
    size_t at = 0, half = size / 2;
    while (at < half) {
      size_t n = 0;
      while (at + n < half && s[at + n] != '\n') n++;
      if (tifa_utf8_valid(s + at, n, NULL))
        tifa_segmenter_add_word(own, s + at, n, (double)(n % 5) * 100 - 100, (n % 2) ? "nr" : NULL);
      at += n + 1;
    }
  }
  tifa_segmenter_builtin(own, (int)(size % 2));
  segment(own, s, size, 0);
  segment(own, s, size, TIFA_WORDS_SEARCH);
  tifa_segmenter_free(own);
  return 0;
}
