/*
** units.c -- the units segmentation never splits (see units.h), found by the first byte:
** a digit (a date, a time, a number, a Latin word), a letter (a URL, a Latin word), 《 (a
** title), a Chinese numeral or a hedge (a date, a number), and for any Han character a
** look of at most six characters ahead for the bracket of a document number.
*/
#include <string.h>
#include "text.h"
#include "units.h"
#include "extract.h"

#define MAXTITLE    100     /* code points inside 《》 */
#define MAXISSUER   6       /* Han characters before the bracket of a document number */

/* Characters that never belong to the issuer of a document number: "印发了国发〔2024〕1号"
** starts at 国, not at 印. */
static const char *const notissuer[] = {
  "的", "了", "和", "与", "及", "在", "是", "为", "对", "将", "按", "照", "据", "印", "见",
  "称", "于", "由", "等", "号", "第", "以", "简", NULL
};

/* Brackets around the year of a document number: open, close */
static const char *const docbrackets[][2] = {
  {"〔", "〕"}, {"[", "]"}, {"（", "）"}, {"［", "］"}, {"【", "】"}, {NULL, NULL}
};

static int isalnum_ascii (unsigned c) {
  return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

static int isdigit_any (const char *s, size_t len) {
  const unsigned char *u = (const unsigned char *)s;
  return (len >= 1 && u[0] >= '0' && u[0] <= '9')
      || (len >= 3 && u[0] == 0xEF && u[1] == 0xBC && u[2] >= 0x90 && u[2] <= 0x99);
}

/* Digits at s (ASCII or full-width), at most 'maxd': bytes read and their count in '*nd' */
static size_t digits (const char *s, size_t len, int maxd, int *nd) {
  size_t at = 0;
  *nd = 0;
  while (*nd < maxd && isdigit_any(s + at, len - at)) {
    at += ((unsigned char)s[at] < 0x80) ? 1 : 3;
    (*nd)++;
  }
  return at;
}

static size_t lit (const char *s, size_t len, const char *w) {
  size_t n;
  if (len == 0 || s[0] != w[0]) return 0;
  n = strlen(w);
  return n <= len && memcmp(s, w, n) == 0 ? n : 0;
}

/* A Latin word: letters and digits, with '-', '.', '_', '+' or '&' between two of them
** (COVID-19, iPhone15, 5G, U.S.A). */
static size_t latin (const unsigned char *u, size_t len) {
  size_t at = 0;
  while (at < len) {
    if (isalnum_ascii(u[at])) at++;
    else if (at > 0 && at + 1 < len && strchr("-._+&", u[at]) && isalnum_ascii(u[at + 1])) at++;
    else break;
  }
  return at;
}

static int hasletter (const unsigned char *u, size_t len) {
  size_t i;
  for (i = 0; i < len; i++)
    if ((u[i] | 0x20) >= 'a' && (u[i] | 0x20) <= 'z') return 1;
  return 0;
}

/* A URL: http://, https:// or www., then printable ASCII but for quotes and angle brackets,
** without trailing punctuation. */
static size_t url (const char *s, size_t len) {
  size_t at;
  if ((at = lit(s, len, "http://")) == 0 && (at = lit(s, len, "https://")) == 0
      && (at = lit(s, len, "www.")) == 0)
    return 0;
  while (at < len && s[at] > ' ' && s[at] < 0x7F && !strchr("\"'<>`", s[at])) at++;
  while (at > 0 && strchr(".,;:!?)]'", s[at - 1])) at--;
  return at;
}

/* 《...》 with 〈〉 and inner 《》 balanced, on one line, at most MAXTITLE code points. */
static size_t title (const char *s, size_t len) {
  size_t at = 3;
  int depth = 1, n = 0;
  while (at < len && n <= MAXTITLE) {
    unsigned char c = (unsigned char)s[at];
    if (c == '\n' || c == '\r' || lit(s + at, len - at, "\xE2\x80\xA8") || lit(s + at, len - at, "\xE2\x80\xA9"))
      return 0;
    if (lit(s + at, len - at, "《") || lit(s + at, len - at, "〈")) depth++;
    else if (lit(s + at, len - at, "》") || lit(s + at, len - at, "〉")) {
      if (--depth == 0) return at > 3 && lit(s + at, len - at, "》") ? at + 3 : 0;  /* not 《》 */
    }
    at += c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    n++;
  }
  return 0;
}

/* The bracketed part of a document number at s: 〔2024〕379号, [2024]1号, （2024）12号. */
static size_t docyear (const char *s, size_t len) {
  size_t at, k;
  int i, nd;
  for (i = 0; docbrackets[i][0] != NULL; i++)
    if ((at = lit(s, len, docbrackets[i][0])) > 0) break;
  if (docbrackets[i][0] == NULL) return 0;
  at += digits(s + at, len - at, 4, &nd);
  if (nd != 4 || (k = lit(s + at, len - at, docbrackets[i][1])) == 0) return 0;
  at += k;
  k = digits(s + at, len - at, 5, &nd);
  if (nd == 0 || lit(s + at + k, len - at - k, "号") == 0) return 0;
  return at + k + 3;
}

/* A document number: an issuer of 1 to MAXISSUER Han characters (国发, 发改环资), or none
** before 〔, then docyear. Looks at one byte per character until a bracket or a non-Han
** character. */
static size_t docno (const char *s, size_t len) {
  const unsigned char *u = (const unsigned char *)s;
  size_t at = 0, k;
  int n, j;
  for (n = 0; n <= MAXISSUER && at < len; n++) {
    if (u[at] == '[' || u[at] == 0xE3 || u[at] == 0xEF) {       /* 〔 【 or ［ （ */
      if ((n == 0 && u[at] != 0xE3) || (k = docyear(s + at, len - at)) == 0) return 0;
      for (j = 0; j < n; j++) {
        int i;
        for (i = 0; notissuer[i] != NULL; i++)
          if (memcmp(s + 3 * (size_t)j, notissuer[i], 3) == 0) return 0;
      }
      return at + k;
    }
    if (u[at] < 0xE4 || u[at] > 0xE9 || len - at < 3) return 0;   /* not Han */
    at += 3;
  }
  return 0;
}

size_t tifai_unit (const char *s, size_t len, int *kind) {
  const unsigned char *u = (const unsigned char *)s;
  char iso[16];
  const char *prec;
  tifai_number num;
  size_t n, m;
  *kind = TIFAI_UNIT_NONE;
  if (len == 0) return 0;
  if (u[0] < 0x80) {
    if (u[0] >= '0' && u[0] <= '9') {
      if ((n = tifai_date_parse(s, len, iso, &prec)) > 0 || (n = tifai_time_scan(s, len)) > 0) {
        *kind = TIFAI_UNIT_DATE;
        return n;
      }
      m = latin(u, len);
      n = tifai_number_scan(s, len, &num);
      if (m >= n && hasletter(u, m)) { *kind = TIFAI_UNIT_LATIN; return m; }
      if (n > 0) *kind = TIFAI_UNIT_NUMBER;
      return n;
    }
    if ((u[0] | 0x20) >= 'a' && (u[0] | 0x20) <= 'z') {
      if ((n = url(s, len)) > 0) { *kind = TIFAI_UNIT_URL; return n; }
      n = latin(u, len);
      *kind = TIFAI_UNIT_LATIN;
      return n;
    }
    if (u[0] == '[' && (n = docyear(s, len)) > 0) { *kind = TIFAI_UNIT_DOCNO; return n; }
    return 0;
  }
  if (u[0] < 0xE2 || u[0] > 0xEF) return 0;
  if (lit(s, len, "《")) {
    if ((n = title(s, len)) > 0) *kind = TIFAI_UNIT_TITLE;
    return n;
  }
  if (tifai_number_lead(s, len)) {
    if ((n = tifai_date_parse(s, len, iso, &prec)) > 0 || (n = tifai_time_scan(s, len)) > 0) {
      *kind = TIFAI_UNIT_DATE;
      return n;
    }
    if ((n = tifai_number_scan(s, len, &num)) > 0) {
      *kind = TIFAI_UNIT_NUMBER;
      return n;
    }
  }
  if ((n = docno(s, len)) > 0) *kind = TIFAI_UNIT_DOCNO;
  return n;
}
