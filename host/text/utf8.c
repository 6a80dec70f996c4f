/*
** utf8.c -- strict UTF-8 checks (Unicode table 3-7: shortest form, no surrogates, at most
** U+10FFFF) with a word-at-a-time path for ASCII runs, the character classes (Han, CJK,
** white space) shared by folding, the tokenizer and the search verifier, and the public
** categories and predicates (tifa_text_category, tifa_text_is_han, ...).
*/
#include <string.h>
#include <utf8proc.h>
#include "text.h"

#define HIBITS  0x8080808080808080ULL   /* the top bit of each byte of a 64-bit word */

/* Length (2 to 4) of the sequence led by 'c' and the range of its second byte (table 3-7);
** 0 if 'c' cannot start a multi-byte sequence. */
int tifai_utf8_lead (unsigned c, unsigned *lo, unsigned *hi) {
  *lo = 0x80; *hi = 0xBF;
  if (c < 0xC2) return 0;                   /* ASCII, continuation, or overlong C0/C1 */
  if (c < 0xE0) return 2;
  if (c < 0xF0) {
    if (c == 0xE0) *lo = 0xA0;              /* overlong */
    else if (c == 0xED) *hi = 0x9F;         /* surrogates */
    return 3;
  }
  if (c < 0xF5) {
    if (c == 0xF0) *lo = 0x90;              /* overlong */
    else if (c == 0xF4) *hi = 0x8F;         /* above U+10FFFF */
    return 4;
  }
  return 0;
}

/* Length of the sequence at s[0..n) (n >= 1), or -1 if it is invalid or truncated. */
static int seqlen (const unsigned char *s, size_t n) {
  unsigned lo, hi;
  int i, len;
  if (s[0] < 0x80) return 1;
  len = tifai_utf8_lead(s[0], &lo, &hi);
  if (len == 0 || n < (size_t)len || s[1] < lo || s[1] > hi) return -1;
  for (i = 2; i < len; i++)
    if ((s[i] & 0xC0) != 0x80) return -1;
  return len;
}

size_t tifai_ascii_span (const unsigned char *s, size_t i, size_t len) {
  while (i + 8 <= len) {                    /* eight bytes at a time */
    uint64_t w;
    memcpy(&w, s + i, 8);
    if (w & HIBITS) break;
    i += 8;
  }
  while (i < len && s[i] < 0x80) i++;
  return i;
}

int tifa_utf8_valid (const char *s, size_t len, size_t *bad) {
  const unsigned char *p = (const unsigned char *)s;
  size_t i = 0;
  while (i < len) {
    unsigned c = p[i];
    int k;
    if (c < 0x80) {
      i = tifai_ascii_span(p, i + 1, len);
      continue;
    }
    if (c >= 0xE1 && c <= 0xEF && c != 0xED && i + 2 < len
        && (p[i + 1] & 0xC0) == 0x80 && (p[i + 2] & 0xC0) == 0x80) {
      i += 3;                               /* the common 3-byte case (all of CJK) */
      continue;
    }
    k = seqlen(p + i, len - i);
    if (k < 0) {
      if (bad) *bad = i;
      return 0;
    }
    i += (size_t)k;
  }
  return 1;
}

size_t tifa_utf8_len (const char *s, size_t len) {
  const unsigned char *p = (const unsigned char *)s;
  size_t i = 0, cont = 0;                   /* continuation bytes seen */
  for (; i + 8 <= len; i += 8) {
    uint64_t w;
    memcpy(&w, p + i, 8);
    w = w & ~(w << 1) & HIBITS;             /* bytes 10xxxxxx: bit 7 set, bit 6 clear */
#if defined(__GNUC__)
    cont += (size_t)__builtin_popcountll(w);
#else
    for (; w != 0; w &= w - 1) cont++;
#endif
  }
  for (; i < len; i++)
    cont += ((p[i] & 0xC0) == 0x80);
  return len - cont;
}

int tifa_utf8_decode (const char *s, size_t len, int32_t *cp) {
  const unsigned char *p = (const unsigned char *)s;
  int k;
  if (len == 0) return -1;
  k = seqlen(p, len);
  switch (k) {
    case 1: *cp = p[0]; break;
    case 2: *cp = ((int32_t)(p[0] & 0x1F) << 6) | (p[1] & 0x3F); break;
    case 3: *cp = ((int32_t)(p[0] & 0x0F) << 12) | ((int32_t)(p[1] & 0x3F) << 6) | (p[2] & 0x3F);
            break;
    case 4: *cp = ((int32_t)(p[0] & 0x07) << 18) | ((int32_t)(p[1] & 0x3F) << 12)
                  | ((int32_t)(p[2] & 0x3F) << 6) | (p[3] & 0x3F);
            break;
    default: return -1;
  }
  return k;
}

/* {====== Character classes ====== */

/* Han: unified ideographs with extension A, compatibility ideographs, U+3007, and planes 2
** and 3 whole (extensions B to I and the compatibility supplement; the rest is reserved for
** ideographs). */
int tifai_is_han (int32_t cp) {
  if (cp < 0x3007) return 0;
  if (cp <= 0x9FFF) return cp >= 0x4E00 || (cp >= 0x3400 && cp <= 0x4DBF) || cp == 0x3007;
  if (cp <= 0xFAFF) return cp >= 0xF900;
  return cp >= 0x20000 && cp <= 0x3FFFF;
}

/* CJK: Han; the CJK radicals and description characters (U+2E80-2FFF); CJK symbols and
** punctuation, kana, bopomofo, compatibility jamo, kanbun, strokes, enclosed and compatibility
** characters (U+3000-33FF); hangul; vertical and compatibility forms; half- and full-width
** forms; kana supplements; and the dash, quotes and ellipsis of Chinese text (U+2014,
** U+2018/2019, U+201C/201D, U+2026). */
int tifai_is_cjk (int32_t cp) {
  if (cp < 0x1100) return 0;
  if (cp <= 0x11FF) return 1;                               /* hangul jamo */
  if (cp < 0x2E80) return cp == 0x2014 || cp == 0x2018 || cp == 0x2019 || cp == 0x201C
                        || cp == 0x201D || cp == 0x2026;
  if (cp <= 0x33FF) return 1;
  if (cp <= 0x9FFF) return tifai_is_han(cp);
  if (cp < 0xA960) return 0;
  if (cp <= 0xA97F) return 1;                               /* hangul jamo extended-A */
  if (cp < 0xAC00) return 0;
  if (cp <= 0xD7FF) return 1;                               /* syllables, jamo extended-B */
  if (cp < 0xF900) return 0;
  if (cp <= 0xFAFF) return 1;                               /* compatibility ideographs */
  if (cp < 0xFE10) return 0;
  if (cp <= 0xFE1F) return 1;                               /* vertical forms */
  if (cp < 0xFE30) return 0;
  if (cp <= 0xFE4F) return 1;                               /* compatibility forms */
  if (cp < 0xFF00) return 0;
  if (cp <= 0xFFEF) return 1;                               /* half- and full-width forms */
  if (cp >= 0x1AFF0 && cp <= 0x1B16F) return 1;             /* kana supplements */
  return tifai_is_han(cp);
}

/* White space: ASCII (\t \n \v \f \r and space) and the category Zs (NBSP, U+1680,
** U+2000-200A, U+202F, U+205F, U+3000). */
int tifai_is_space (int32_t cp) {
  if (cp < 0x80) return cp == ' ' || (cp >= '\t' && cp <= '\r');
  if (cp == 0xA0 || cp == 0x3000) return 1;
  if (cp < 0x1680 || cp > 0x205F) return 0;                 /* no Zs outside, so no lookup */
  return utf8proc_category(cp) == UTF8PROC_CATEGORY_ZS;
}

/* }====== */

/* {====== Categories and predicates (tifa_text.h) ====== */

const char *tifa_text_category (int32_t cp) {
  return utf8proc_codepoint_valid(cp) ? utf8proc_category_string(cp) : "Cn";
}

int tifa_text_is_han (int32_t cp) {
  return tifai_is_han(cp);
}

int tifa_text_is_punct (int32_t cp) {
  utf8proc_category_t c;
  if (!utf8proc_codepoint_valid(cp)) return 0;
  c = utf8proc_category(cp);
  return c >= UTF8PROC_CATEGORY_PC && c <= UTF8PROC_CATEGORY_PO;
}

int tifa_text_is_cjk_punct (int32_t cp) {
  if (!tifa_text_is_punct(cp)) return 0;
  if (cp >= 0x3000) return cp <= 0x303F || (cp >= 0xFE10 && cp <= 0xFE6F)
                           || (cp >= 0xFF00 && cp <= 0xFFEF);
  return cp == 0xB7 || cp == 0x2014 || cp == 0x2015 || cp == 0x2018 || cp == 0x2019
         || cp == 0x201C || cp == 0x201D || cp == 0x2026 || cp == 0x2E3A || cp == 0x2E3B;
}

/* }====== */

int tifai_utf8_cmpback (const char *s, size_t n, const char *t, size_t m) {
  while (n > 0 && m > 0) {
    size_t i = n - 1, j = m - 1, a, b;
    int c;
    while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80) i--;
    while (j > 0 && ((unsigned char)t[j] & 0xC0) == 0x80) j--;
    a = n - i; b = m - j;
    c = memcmp(s + i, t + j, a < b ? a : b);
    if (c == 0 && a != b) c = a < b ? -1 : 1;
    if (c) return c;
    n = i; m = j;
  }
  return (n > 0) - (m > 0);
}
