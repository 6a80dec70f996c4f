/*
** ngrams.c -- the elements n-grams are made of (tifai_ngram_elems): the characters or the
** words of a text, each marked when it breaks n-grams (punctuation, white space).
*/
#include <utf8proc.h>
#include "text.h"
#include "structure.h"
#include "tifa_words.h"

int tifai_is_break (int32_t c) {
  if ((c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z')) return 0;
  if (tifai_is_han(c)) return 0;            /* most of Chinese text: no lookup */
  if (tifai_is_blank(c)) return 1;
  switch (utf8proc_category(c)) {
    case UTF8PROC_CATEGORY_PC: case UTF8PROC_CATEGORY_PD: case UTF8PROC_CATEGORY_PS:
    case UTF8PROC_CATEGORY_PE: case UTF8PROC_CATEGORY_PI: case UTF8PROC_CATEGORY_PF:
    case UTF8PROC_CATEGORY_PO: case UTF8PROC_CATEGORY_CC: case UTF8PROC_CATEGORY_ZL:
    case UTF8PROC_CATEGORY_ZP: return 1;
    default: return 0;
  }
}

int tifai_all_break (const char *s, size_t len) {
  const unsigned char *p = (const unsigned char *)s;
  size_t i = 0;
  while (i < len) {
    int32_t c;
    i = tifai_cp_next(p, i, len, &c);
    if (!tifai_is_break(c)) return 0;
  }
  return 1;
}

static void addelem (tifai_buf *out, size_t byte, size_t nbyte, int brk) {
  tifai_elem e;
  e.byte = byte; e.nbyte = nbyte; e.brk = brk;
  tifai_buf_add(out, &e, sizeof(e));
}

static int addword (void *ud, const char *s, const tifa_word *w) {
  tifai_buf *out = (tifai_buf *)ud;
  addelem(out, w->byte, w->nbyte, tifai_all_break(s + w->byte, w->nbyte));
  return out->oom ? TIFA_NOMEM : TIFA_OK;
}

int tifai_ngram_elems (tifai_buf *out, const char *s, size_t len, int unit) {
  const unsigned char *p = (const unsigned char *)s;
  size_t i = 0;
  if (unit == TIFAI_NGRAM_WORD)
    return tifa_words(tifa_segmenter_default(), s, len, 0, addword, out);
  while (i < len) {
    int32_t c;
    size_t j = tifai_cp_next(p, i, len, &c);
    addelem(out, i, j - i, tifai_is_break(c));
    i = j;
  }
  return out->oom ? TIFA_NOMEM : TIFA_OK;
}
