/*
** sentence.c -- the sentence splitter (tifa_text_sentence): one forward scan over UTF-8 for a
** run of terminators and closing quotes, a look at the character after it (which decides for
** '.', '．', '!' and '?'), then the white space that stays with the sentence. See tifa_text.h
** for the rules.
*/
#include <utf8proc.h>
#include "text.h"

/* Kinds of code points, ordered so that the strongest terminator of a run is the maximum */
enum { OTHER, SPACE, LINEEND, CLOSER,
       DOT,         /* '.' and the small full stop: only before white space or the end */
       FWDOT,       /* '．': also before a non-ASCII character that is not a full-width letter */
       BANG,        /* ASCII '!' and '?': also before any non-ASCII character */
       STOP };      /* 。！？…: always */

/* Decode the code point at p[i] (i < len) into '*c' and return the index after it. Input that
** breaks the contract (invalid UTF-8) goes one byte at a time as U+FFFD, never past 'len'. */
static size_t step (const unsigned char *p, size_t i, size_t len, int32_t *c) {
  int n;
  if (p[i] < 0x80) { *c = p[i]; return i + 1; }
  n = tifa_utf8_decode((const char *)p + i, len - i, c);
  if (n < 0) { *c = 0xFFFD; return i + 1; }
  return i + (size_t)n;
}

static int kind (int32_t c) {
  if (c < 0x80) {
    switch (c) {
      case '\n': case '\r': return LINEEND;
      case ' ': case '\t': case '\v': case '\f': return SPACE;
      case '.': return DOT;
      case '!': case '?': return BANG;
      case '"': case '\'': case ')': case ']': case '}': return CLOSER;
      default: return OTHER;
    }
  }
  if (tifai_is_han(c)) return OTHER;        /* most of Chinese text: no lookup */
  switch (c) {
    case 0x2028: case 0x2029: return LINEEND;               /* line, paragraph separator */
    case 0xFE52: return DOT;                                /* small full stop */
    case 0xFF0E: return FWDOT;
    case 0x3002: case 0xFF61: case 0xFE12:                  /* ideographic full stops */
    case 0xFF01: case 0xFF1F: case 0xFE56: case 0xFE57:     /* ！？ and small forms */
    case 0x203C: case 0x2047: case 0x2048: case 0x2049:     /* ‼ ⁇ ⁈ ⁉ */
    case 0x2026: case 0x22EF: return STOP;                  /* … ⋯ */
    case 0xFF02: case 0xFF07: return CLOSER;                /* ＂ ＇ (category Po) */
    default: break;
  }
  if (tifai_is_space(c)) return SPACE;
  switch (utf8proc_category(c)) {
    case UTF8PROC_CATEGORY_PE: case UTF8PROC_CATEGORY_PF: return CLOSER;
    default: return OTHER;
  }
}

static int isdigit_fw (int32_t c) {         /* ASCII or full-width digit */
  return (c >= '0' && c <= '9') || (c >= 0xFF10 && c <= 0xFF19);
}

static int isalnum_fw (int32_t c) {         /* full-width digit or Latin letter */
  return (c >= 0xFF10 && c <= 0xFF19) || (c >= 0xFF21 && c <= 0xFF3A)
      || (c >= 0xFF41 && c <= 0xFF5A);
}

/* The end of the sentence whose ending (terminator run or line end) stops before p[i]: skip
** white space and line ends, but if they hold a line end ('nl' says the ending was one) and
** text follows, stop after the last line end. Scans past the result only over white space,
** which the next call reads once more: the whole walk stays linear. */
static size_t trailing (const unsigned char *p, size_t i, size_t len, int nl) {
  size_t cut = i;                           /* just after the last line end */
  while (i < len) {
    int32_t c;
    size_t j = step(p, i, len, &c);
    int k = kind(c);
    if (k == LINEEND) { nl = 1; cut = j; }
    else if (k != SPACE) break;
    i = j;
  }
  return (i < len && nl) ? cut : i;
}

size_t tifa_text_sentence (const char *s, size_t len) {
  const unsigned char *p = (const unsigned char *)s;
  size_t i = 0;
  int number = 1, digits = 0;               /* so far only white space and digits; any digit */
  while (i < len) {
    int32_t c;
    size_t j = step(p, i, len, &c);
    int k = kind(c);
    if (k == LINEEND) return trailing(p, j, len, 1);
    if (k >= DOT) {                         /* a run of terminators and closers */
      int top = k, dots = (k <= FWDOT);     /* its strongest terminator; dots in a row */
      int end;
      for (i = j; i < len; i = j) {
        j = step(p, i, len, &c);
        k = kind(c);
        if (k == DOT || k == FWDOT) { if (++dots >= 3) top = STOP; }
        else if (k == BANG || k == STOP || k == CLOSER) dots = 0;
        else break;
        if (k > top) top = k;
      }                                     /* i: end of the run; c, k: what follows (i < len) */
      if (top <= FWDOT && number && digits) end = 0;        /* a list number "1. " */
      else if (i == len || k == SPACE || k == LINEEND || top == STOP) end = 1;
      else if (top == BANG) end = (c >= 0x80);
      else if (top == FWDOT) end = (c >= 0x80 && !isalnum_fw(c));
      else end = 0;
      if (end) return trailing(p, i, len, 0);
      if (top > FWDOT) number = 0;          /* "1.2. " is still a number */
      continue;
    }
    if (isdigit_fw(c)) digits = 1;
    else if (k != SPACE) number = 0;
    i = j;
  }
  return len;
}
