/*
** graphemes.c -- grapheme clusters (UAX #29, by utf8proc_grapheme_break_stateful): the
** first cluster of a text, and the display width of one cluster.
*/
#include <utf8proc.h>
#include "prims.h"

size_t tifa_text_grapheme (const char *s, size_t len) {
  utf8proc_int32_t state = 0;
  int32_t prev, cp;
  int k = tifa_utf8_decode(s, len, &prev);
  size_t i;
  if (k < 0) return len > 0;                /* not valid UTF-8: one byte, to make progress */
  for (i = (size_t)k; i < len; i += (size_t)k) {
    k = tifa_utf8_decode(s + i, len - i, &cp);
    if (k < 0 || utf8proc_grapheme_break_stateful(prev, cp, &state)) break;
    prev = cp;
  }
  return i;
}

#define VS16  0xFE0F                         /* variation selector: emoji presentation */
#define isri(cp)  ((cp) >= 0x1F1E6 && (cp) <= 0x1F1FF)   /* regional indicator */

int tifai_grapheme_width (const char *s, size_t len) {
  int w = 0, ri = 0;
  size_t i = 0;
  while (i < len) {
    int32_t cp;
    int k = tifa_utf8_decode(s + i, len - i, &cp);
    int cw;
    if (k < 0) break;
    cw = utf8proc_charwidth(cp);
    if ((cp == VS16 && i > 0) || (isri(cp) && ++ri == 2))
      cw = 2;                               /* an emoji (❤️) or a flag (🇨🇳): as terminals draw them */
    if (cw > w) w = cw;
    i += (size_t)k;
  }
  return w;
}
