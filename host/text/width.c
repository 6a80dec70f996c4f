/*
** width.c -- display width in terminal columns (utf8proc_charwidth, cluster by cluster) and
** truncation by width that never cuts a grapheme cluster.
*/
#include "prims.h"

/* Width of the cluster of 'n' bytes at s[0..): ASCII other than control characters is one
** column, without asking utf8proc. */
static size_t clusterwidth (const char *s, size_t n) {
  unsigned char c = (unsigned char)s[0];
  if (n == 1 && c < 0x80) return (c >= 0x20 && c < 0x7F);
  return (size_t)tifai_grapheme_width(s, n);
}

size_t tifa_text_width (const char *s, size_t len) {
  size_t w = 0;
  while (len > 0) {
    size_t n = tifa_text_grapheme(s, len);
    w += clusterwidth(s, n);
    s += n; len -= n;
  }
  return w;
}

size_t tifa_text_truncate (const char *s, size_t len, size_t width, size_t *used) {
  size_t w = 0, i = 0;
  while (i < len) {
    size_t n = tifa_text_grapheme(s + i, len - i);
    size_t cw = clusterwidth(s + i, n);
    if (w + cw > width) break;
    w += cw; i += n;
  }
  if (used) *used = w;
  return i;
}
