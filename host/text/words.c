/*
** words.c -- STUB until the segmenter lands: one word per code point.
*/
#include <stdlib.h>
#include "tifa_words.h"
#include "text.h"

struct tifa_segmenter { int dummy; };
static tifa_segmenter defseg;

tifa_segmenter *tifa_segmenter_default (void) { return &defseg; }
int tifa_segmenter_new (tifa_segmenter **out) {
  *out = calloc(1, sizeof(**out));
  return *out ? TIFA_OK : TIFA_NOMEM;
}
void tifa_segmenter_free (tifa_segmenter *g) { if (g != &defseg) free(g); }
int tifa_segmenter_add_word (tifa_segmenter *g, const char *w, size_t len, double freq,
                             const char *tag) {
  (void)g; (void)w; (void)len; (void)freq; (void)tag;
  return TIFA_OK;
}
int tifa_segmenter_load (tifa_segmenter *g, const char *path, char *err) {
  (void)g; (void)path; (void)err;
  return TIFA_OK;
}
size_t tifa_segmenter_size (const tifa_segmenter *g) { (void)g; return 0; }

int tifa_words (const tifa_segmenter *g, const char *s, size_t len, int flags,
                tifa_word_fn f, void *ud) {
  size_t i = 0, n = 0;
  (void)g; (void)flags;
  if (!tifa_utf8_valid(s, len, NULL)) return TIFA_ENCODING;
  while (i < len) {
    int32_t cp;
    int k = tifa_utf8_decode(s + i, len - i, &cp);
    tifa_word w;
    int rc;
    w.byte = i; w.nbyte = (size_t)k; w.start = n; w.end = n + 1; w.tag = "x";
    if ((rc = f(ud, s, &w)) != 0) return rc;
    i += (size_t)k; n++;
  }
  return TIFA_OK;
}
