/*
** date.c -- dates as Chinese pages write them, to ISO 8601 with their precision
** (tifai_date_parse): 2024-03-18, 2024/3/18, 2024.3.18, 2024年3月18日, 2024年3月, 2024年,
** 3月18日, 二〇二四年三月十八日; digits may be full-width.
*/
#include <stdio.h>
#include <string.h>
#include "text.h"

/* The value of the digit at s (ASCII, full-width, or a Chinese numeral 〇一二...九 when
** 'han' is set), its length in '*n'; -1 if there is none. */
static int digitat (const char *s, size_t len, int han, int *n) {
  static const char *const hanz[] = {"\xE3\x80\x87", "\xE4\xB8\x80", "\xE4\xBA\x8C",   /* 〇一二 */
    "\xE4\xB8\x89", "\xE5\x9B\x9B", "\xE4\xBA\x94", "\xE5\x85\xAD", "\xE4\xB8\x83",     /* 三四五六七 */
    "\xE5\x85\xAB", "\xE4\xB9\x9D"};                                                    /* 八九 */
  const unsigned char *u = (const unsigned char *)s;
  int i;
  if (len >= 1 && u[0] >= '0' && u[0] <= '9') { *n = 1; return u[0] - '0'; }
  if (len >= 3 && u[0] == 0xEF && u[1] == 0xBC && u[2] >= 0x90 && u[2] <= 0x99) {
    *n = 3;
    return u[2] - 0x90;                     /* ０-９ */
  }
  if (han && len >= 3) {
    for (i = 0; i < 10; i++)
      if (memcmp(s, hanz[i], 3) == 0) { *n = 3; return i; }
    if (memcmp(s, "\xE9\x9B\xB6", 3) == 0 || memcmp(s, "\xE2\x97\x8B", 3) == 0) {   /* 零 ○ */
      *n = 3;
      return 0;
    }
  }
  return -1;
}

/* A number of at most 'maxd' digits at s; returns its length in bytes (0: none) and the
** count of digits in '*nd'. Chinese numerals: digit by digit (二〇二四), or with 十 for
** months and days (十, 十二, 二十三). */
static size_t number (const char *s, size_t len, int han, int maxd, int *v, int *nd) {
  size_t at = 0;
  int n, d;
  *v = 0;
  *nd = 0;
  if (han && len >= 3 && memcmp(s, "\xE5\x8D\x81", 3) == 0) {          /* 十, 十N */
    *v = 10;
    *nd = 2;
    at = 3;
    if ((d = digitat(s + at, len - at, 1, &n)) > 0) { *v += d; at += (size_t)n; }
    return at;
  }
  while (*nd < maxd && (d = digitat(s + at, len - at, han, &n)) >= 0) {
    *v = *v * 10 + d;
    (*nd)++;
    at += (size_t)n;
    if (han && *nd == 1 && len - at >= 3 && memcmp(s + at, "\xE5\x8D\x81", 3) == 0) {
      at += 3;                                                          /* N十, N十M */
      *v *= 10;
      if ((d = digitat(s + at, len - at, 1, &n)) > 0) { *v += d; at += (size_t)n; }
      *nd = 2;
      return at;
    }
  }
  return at;
}

static int lit (const char *s, size_t len, size_t at, const char *w) {
  size_t n = strlen(w);
  return len - at >= n && memcmp(s + at, w, n) == 0 ? (int)n : 0;
}

static int validmd (int m, int d) {
  static const int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m >= 1 && m <= 12 && (d == 0 || (d >= 1 && d <= days[m - 1]));
}

static size_t finish (char *out, const char **prec, int y, int m, int d, size_t used) {
  if (y > 0 && m > 0 && d > 0) { sprintf(out, "%04d-%02d-%02d", y, m, d); *prec = "day"; }
  else if (y > 0 && m > 0) { sprintf(out, "%04d-%02d", y, m); *prec = "month"; }
  else if (y > 0) { sprintf(out, "%04d", y); *prec = "year"; }
  else { sprintf(out, "--%02d-%02d", m, d); *prec = "month-day"; }
  return used;
}

size_t tifai_date_parse (const char *s, size_t len, char out[16], const char **prec) {
  int y = 0, m = 0, d = 0, nd, k;
  size_t at, n;
  int han;
  for (han = 0; han <= 1; han++) {
    /* year: 4 digits, then 年 or a separator */
    at = number(s, len, han, 4, &y, &nd);
    if (nd == 4 && y >= 1000) {
      if ((k = lit(s, len, at, "\xE5\xB9\xB4")) > 0) {                 /* 年 */
        size_t at2 = at + (size_t)k;
        n = number(s + at2, len - at2, han, 2, &m, &nd);
        if (nd > 0 && (k = lit(s, len, at2 + n, "\xE6\x9C\x88")) > 0 && validmd(m, 0)) {   /* 月 */
          size_t at3 = at2 + n + (size_t)k;
          n = number(s + at3, len - at3, han, 2, &d, &nd);
          if (nd > 0 && validmd(m, d)) {
            size_t e = at3 + n;
            if ((k = lit(s, len, e, "\xE6\x97\xA5")) > 0 || (k = lit(s, len, e, "\xE5\x8F\xB7")) > 0)
              e += (size_t)k;                                          /* 日 号 */
            return finish(out, prec, y, m, d, e);
          }
          return finish(out, prec, y, m, 0, at3);
        }
        return finish(out, prec, y, 0, 0, at2);
      }
      if (!han && at < len && (s[at] == '-' || s[at] == '/' || s[at] == '.')) {
        char sep = s[at];
        size_t at2 = at + 1;
        n = number(s + at2, len - at2, 0, 2, &m, &nd);
        if (nd > 0 && validmd(m, 0)) {
          size_t at3 = at2 + n;
          if (at3 < len && s[at3] == sep) {
            n = number(s + at3 + 1, len - at3 - 1, 0, 2, &d, &nd);
            if (nd > 0 && validmd(m, d)) return finish(out, prec, y, m, d, at3 + 1 + n);
          }
          if (sep == '-') return finish(out, prec, y, m, 0, at3);
        }
      }
    }
    /* month and day: N月N日 */
    at = number(s, len, han, 2, &m, &nd);
    if (nd > 0 && (k = lit(s, len, at, "\xE6\x9C\x88")) > 0) {
      size_t at2 = at + (size_t)k;
      n = number(s + at2, len - at2, han, 2, &d, &nd);
      if (nd > 0 && validmd(m, d)) {
        size_t e = at2 + n;
        if ((k = lit(s, len, e, "\xE6\x97\xA5")) > 0 || (k = lit(s, len, e, "\xE5\x8F\xB7")) > 0) {
          y = 0;
          return finish(out, prec, 0, m, d, e + (size_t)k);
        }
      }
    }
  }
  return 0;
}
