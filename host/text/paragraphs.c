/*
** paragraphs.c -- lines (tifa_text_line) and the walk over trimmed units of a text: sentences,
** clauses within sentences, paragraphs (tifa_units_*). See tifa_structure.h.
*/
#include "text.h"
#include "structure.h"

size_t tifa_text_line (const char *s, size_t len) {
  const unsigned char *p = (const unsigned char *)s;
  size_t i = 0;
  while (i < len) {
    int32_t c;
    size_t j;
    if (p[i] >= 0x20 && p[i] < 0x80) { i++; continue; }
    j = tifai_cp_next(p, i, len, &c);
    if (c == '\r') return (j < len && p[j] == '\n') ? j + 1 : j;
    if (c == '\n' || c == 0x2028 || c == 0x2029) return j;
    i = j;
  }
  return len;
}

void tifa_units_init (tifa_units *u, const char *s, size_t len, int kind) {
  u->s = s;
  u->len = len;
  u->byte = u->cp = u->send = 0;
  u->kind = kind;
}

/* The length of the next piece (untrimmed) at u->byte; at least one code point. */
static size_t piece (tifa_units *u) {
  const char *p = u->s + u->byte;
  size_t rest = u->len - u->byte, n;
  switch (u->kind) {
    case TIFA_UNIT_PARAGRAPH: n = tifa_text_line(p, rest); break;
    case TIFA_UNIT_CLAUSE:
      if (u->byte >= u->send) u->send = u->byte + tifa_text_sentence(p, rest);
      n = tifa_text_clause(p, u->send - u->byte);
      break;
    default: n = tifa_text_sentence(p, rest); break;
  }
  return n > 0 ? n : rest;
}

int tifa_units_next (tifa_units *u, tifa_span *out) {
  const unsigned char *p = (const unsigned char *)u->s;
  while (u->byte < u->len) {
    size_t end = u->byte + piece(u), i = u->byte, cp = u->cp;
    int found = 0;
    while (i < end) {                       /* count code points, find the first and last */
      int32_t c;                            /* that are not white space */
      size_t j = tifai_cp_next(p, i, end, &c);
      if (!tifai_is_blank(c)) {
        if (!found) { found = 1; out->byte = i; out->start = cp; }
        out->nbyte = j - out->byte;
        out->end = cp + 1;
      }
      i = j;
      cp++;
    }
    u->byte = end;
    u->cp = cp;
    if (found) return 1;
  }
  return 0;
}
