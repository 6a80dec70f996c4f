/*
** extract_util.c -- what the extractors share: code point offsets of byte offsets, and the
** walk over the units of a text (see extract.h).
*/
#include "text.h"
#include "units.h"
#include "extract.h"

static size_t cpat (tifai_cursor *c, size_t byte) {
  if (byte < c->byte) {                       /* behind: from the last span's start, or 0 */
    int mark = byte >= c->mbyte;
    c->byte = mark ? c->mbyte : 0;
    c->cp = mark ? c->mcp : 0;
  }
  while (c->byte < byte) {
    c->byte += tifai_cplen(c->s[c->byte]);
    c->cp++;
  }
  return c->cp;
}

void tifai_span_set (tifai_cursor *c, tifa_span *sp, size_t byte, size_t nbyte) {
  sp->byte = byte;
  sp->nbyte = nbyte;
  sp->start = cpat(c, byte);
  c->mbyte = c->byte;                         /* byte itself, or past it in a broken sequence */
  c->mcp = c->cp;
  sp->end = cpat(c, byte + nbyte);
}

int tifai_unit_next (const char *s, size_t len, size_t *at, size_t *n, int *kind) {
  while (*at < len) {
    *n = tifai_unit(s + *at, len - *at, kind);
    if (*n > 0 && *kind != TIFAI_UNIT_TITLE) return 1;
    *at += *n > 0 ? 3 : tifai_cplen(s[*at]);              /* into a title: past its 《 */
  }
  return 0;
}
