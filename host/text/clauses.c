/*
** clauses.c -- clauses within a sentence (tifa_text_clause): one forward scan that counts
** the depth of quotes and brackets and stops after ， ； ： at depth 0. See tifa_structure.h.
*/
#include <utf8proc.h>
#include "text.h"
#include "structure.h"

size_t tifai_cp_next (const unsigned char *p, size_t i, size_t len, int32_t *c) {
  int n;
  if (p[i] < 0x80) { *c = p[i]; return i + 1; }
  n = tifa_utf8_decode((const char *)p + i, len - i, c);
  if (n < 0) { *c = 0xFFFD; return i + 1; }
  return i + (size_t)n;
}

int tifai_is_blank (int32_t c) {
  return tifai_is_space(c) || c == 0x2028 || c == 0x2029;
}

enum { OTHER, OPEN, CLOSE, TOGGLE, DELIM, ADELIM };

static int kind (int32_t c) {
  if (c < 0x80) {
    switch (c) {
      case '(': case '[': case '{': return OPEN;
      case ')': case ']': case '}': return CLOSE;
      case '"': return TOGGLE;
      case ',': case ';': case ':': return ADELIM;
      default: return OTHER;
    }
  }
  if (tifai_is_han(c)) return OTHER;        /* most of Chinese text: no lookup */
  switch (c) {
    case 0xFF0C: case 0xFF1B: case 0xFF1A: return DELIM;    /* ，；： */
    case 0xFF02: return TOGGLE;                             /* ＂ */
    default: break;
  }
  switch (utf8proc_category(c)) {
    case UTF8PROC_CATEGORY_PS: case UTF8PROC_CATEGORY_PI: return OPEN;
    case UTF8PROC_CATEGORY_PE: case UTF8PROC_CATEGORY_PF: return CLOSE;
    default: return OTHER;
  }
}

size_t tifa_text_clause (const char *s, size_t len) {
  const unsigned char *p = (const unsigned char *)s;
  size_t i = 0, depth = 0;
  int quoted = 0;                           /* inside ASCII "..." */
  while (i < len) {
    int32_t c;
    size_t j = tifai_cp_next(p, i, len, &c);
    int k = kind(c);
    if (k == OPEN) depth++;
    else if (k == CLOSE) { if (depth > 0) depth--; }
    else if (k == TOGGLE) quoted = !quoted;
    else if (k >= DELIM && depth == 0 && !quoted) {
      int32_t d = 0;
      if (j < len) tifai_cp_next(p, j, len, &d);
      if (k == DELIM || j == len || d >= 0x80 || tifai_is_blank(d)) {
        while (j < len) {                   /* the white space after it */
          size_t e = tifai_cp_next(p, j, len, &d);
          if (!tifai_is_blank(d)) break;
          j = e;
        }
        return j;
      }
    }
    i = j;
  }
  return len;
}
