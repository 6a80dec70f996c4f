/*
** enumerations.c -- enumerations (tifa_text_enumerations): one scan for markers at the start
** of clauses, grouped on the fly by style and index into the caller's array; then the array
** is sorted by enumeration, groups of one are dropped, and each item gets its extent. See
** tifa_structure.h for the rules.
*/
#include <stdlib.h>
#include <string.h>
#include "text.h"
#include "structure.h"

#define NSTYLE  10              /* TIFA_ENUM_* run from 1 to 9 */

const char *tifa_enum_style_name (int style) {
  static const char *const names[NSTYLE] = {"?", "一是", "第一", "（一）", "一、", "（1）",
                                            "1、", "1.", "首先", "一方面"};
  return (style > 0 && style < NSTYLE) ? names[style] : "?";
}

/* {====== Markers ====== */

/* Whether s[i..) starts with the UTF-8 string 'w'; the index after it, or 0. */
static size_t lit (const unsigned char *p, size_t i, size_t len, const char *w) {
  size_t n = strlen(w);
  return (len - i >= n && memcmp(p + i, w, n) == 0) ? i + n : 0;
}

static int digitof (int32_t c) {            /* 一 to 九; -1 if none, 0 for 十 */
  static const int32_t cn[] = {0x5341, 0x4E00, 0x4E8C, 0x4E09, 0x56DB, 0x4E94, 0x516D,
                               0x4E03, 0x516B, 0x4E5D};   /* 十一二三四五六七八九 */
  int k;
  for (k = 0; k < 10; k++) if (cn[k] == c) return k;
  return -1;
}

/* A Chinese numeral from 一 to 九十九 at p[i]: its value into '*v' and the index after it,
** or 0. */
static size_t numeral (const unsigned char *p, size_t i, size_t len, int *v) {
  int32_t c;
  size_t j;
  int a, b;
  if (i >= len) return 0;
  j = tifai_cp_next(p, i, len, &c);
  if ((a = digitof(c)) < 0) return 0;
  if (a == 0) a = 10;                       /* 十, 十一 ... 十九 */
  else if (j < len) {
    size_t k = tifai_cp_next(p, j, len, &c);
    if (digitof(c) == 0) { a *= 10; j = k; }              /* 二十 ... 九十 */
    else { *v = a; return j; }
  }
  else { *v = a; return j; }
  if (j < len) {
    size_t k = tifai_cp_next(p, j, len, &c);
    if ((b = digitof(c)) > 0) { a += b; j = k; }
  }
  *v = a;
  return j;
}

/* One to three digits, ASCII or full-width, at p[i]: the value and the index after, or 0. */
static size_t number (const unsigned char *p, size_t i, size_t len, int *v) {
  int n = 0, k = 0;
  while (i < len && k < 4) {
    int32_t c;
    size_t j = tifai_cp_next(p, i, len, &c);
    if (c >= '0' && c <= '9') n = n * 10 + (c - '0');
    else if (c >= 0xFF10 && c <= 0xFF19) n = n * 10 + (c - 0xFF10);
    else break;
    k++;
    i = j;
  }
  if (k == 0 || k > 3 || n == 0) return 0;
  *v = n;
  return i;
}

/* Whether p[i] is one of the code points in the UTF-8 string 'set'; the index after, or 0. */
static size_t oneof (const unsigned char *p, size_t i, size_t len, const char *set) {
  int32_t c, d;
  size_t j, k = 0, n = strlen(set);
  if (i >= len) return 0;
  j = tifai_cp_next(p, i, len, &c);
  while (k < n) {
    k = tifai_cp_next((const unsigned char *)set, k, n, &d);
    if (c == d) return j;
  }
  return 0;
}

typedef struct marker { int style, index; size_t end, label; } marker;

/* The marker at p[i], if any, into '*m' (index 0 for 最后: the caller numbers it). */
static int findmarker (const unsigned char *p, size_t i, size_t len, marker *m) {
  size_t j, k;
  int v;
  static const char *const seq[] = {"首先", "其次", "再次", "最后"};
  if ((j = lit(p, i, len, "第")) && (k = numeral(p, j, len, &v))) {
    if (!oneof(p, k, len, "，、：；")) return 0;
    m->style = TIFA_ENUM_DI; m->index = v; m->label = k; return 1;
  }
  if ((j = oneof(p, i, len, "（("))) {
    int style = TIFA_ENUM_PAREN;
    if (!(k = numeral(p, j, len, &v))) { k = number(p, j, len, &v); style = TIFA_ENUM_PARENNUM; }
    if (!k || !(k = oneof(p, k, len, "）)"))) return 0;
    m->style = style; m->index = v; m->label = k; return 1;
  }
  if ((k = numeral(p, i, len, &v))) {
    if ((j = lit(p, k, len, "是"))) { m->style = TIFA_ENUM_SHI; m->index = v; m->label = j; return 1; }
    if ((j = lit(p, k, len, "、"))) { m->style = TIFA_ENUM_DUN; m->index = v; m->label = j; return 1; }
    if (v == 1 && (j = lit(p, i, len, "一方面")) && oneof(p, j, len, "，,")) {
      m->style = TIFA_ENUM_FANGMIAN; m->index = 1; m->label = j; return 1;
    }
    return 0;
  }
  if ((k = number(p, i, len, &v))) {
    if ((j = lit(p, k, len, "、"))) { m->style = TIFA_ENUM_NUMDUN; m->index = v; m->label = j; return 1; }
    if ((j = oneof(p, k, len, ".．"))) {
      int32_t c = 0;
      if (j < len) tifai_cp_next(p, j, len, &c);
      if ((c >= '0' && c <= '9') || (c >= 0xFF10 && c <= 0xFF19)) return 0;    /* 5.2 */
      m->style = TIFA_ENUM_NUMDOT; m->index = v; m->label = j; return 1;
    }
    return 0;
  }
  if ((j = lit(p, i, len, "另一方面")) && oneof(p, j, len, "，,")) {
    m->style = TIFA_ENUM_FANGMIAN; m->index = 2; m->label = j; return 1;
  }
  for (v = 0; v < 4; v++)
    if ((j = lit(p, i, len, seq[v])) && oneof(p, j, len, "，,")) {
      m->style = TIFA_ENUM_SHOUXIAN; m->index = v < 3 ? v + 1 : 0; m->label = j; return 1;
    }
  return 0;
}

/* Whether a clause may start after code point 'c'. */
static int opens (int32_t c) {
  switch (c) {
    case ',': case ';': case ':':
    case 0xFF0C: case 0xFF1B: case 0xFF1A: case 0x3002: case 0xFF01: case 0xFF1F: return 1;
    default: return tifai_is_blank(c);
  }
}

/* }====== */

static int byitem (const void *a, const void *b) {
  const tifa_enum_item *x = (const tifa_enum_item *)a, *y = (const tifa_enum_item *)b;
  if (x->group != y->group) return x->group < y->group ? -1 : 1;
  return (x->index > y->index) - (x->index < y->index);
}

static int inline_style (int style) {
  return style == TIFA_ENUM_SHI || style == TIFA_ENUM_DI || style == TIFA_ENUM_SHOUXIAN
      || style == TIFA_ENUM_FANGMIAN;
}

/* Set the end of 'it' (whose start is set) to 'to', less the white space before it. */
static void extent (const unsigned char *p, size_t to, tifa_enum_item *it) {
  size_t i = it->span.byte, cp = it->span.start;
  it->span.nbyte = 0;
  it->span.end = cp;
  while (i < to) {
    int32_t c;
    size_t j = tifai_cp_next(p, i, to, &c);
    cp++;
    if (!tifai_is_blank(c)) { it->span.nbyte = j - it->span.byte; it->span.end = cp; }
    i = j;
  }
}

size_t tifa_text_enumerations (const char *s, size_t len, tifa_enum_item *items, size_t cap) {
  const unsigned char *p = (const unsigned char *)s;
  struct { size_t group; int last; } open[NSTYLE];          /* last == 0: none open */
  size_t i = 0, cp = 0, n = 0, ngroup = 0, k, out;
  int start = 1;                            /* a clause may start here */
  memset(open, 0, sizeof(open));
  while (i < len) {
    int32_t c;
    size_t j = tifai_cp_next(p, i, len, &c);
    marker m;
    if (start && !tifai_is_blank(c) && findmarker(p, i, len, &m)) {
      int st = m.style, *last = &open[st].last, take = 1, final = (m.index == 0);
      if (final) m.index = *last ? *last + 1 : 0;  /* 最后 */
      if (m.index == 1) { open[st].group = ngroup++; *last = 1; }
      else if (*last && m.index == *last + 1) *last = m.index;
      else take = 0;
      if (take && n < cap) {
        tifa_enum_item *it = &items[n];
        it->span.byte = i; it->span.start = cp;
        it->label = m.label - i;
        it->style = st; it->index = m.index; it->group = open[st].group;
      }
      n += (size_t)take;
      if (take && (final || (st == TIFA_ENUM_FANGMIAN && m.index == 2)))
        *last = 0;                          /* 最后 and 另一方面 close their enumeration */
    }
    start = opens(c);
    i = j;
    cp++;
  }
  if (n > cap || n == 0) return n;        /* (qsort wants an array, even of none) */
  qsort(items, n, sizeof(tifa_enum_item), byitem);
  for (k = out = 0, ngroup = 0; k < n; ) {  /* drop groups of one, number groups anew */
    size_t e = k + 1, g;
    while (e < n && items[e].group == items[k].group) e++;
    if (e - k < 2) { k = e; continue; }
    for (g = k; g < e; g++) {
      tifa_enum_item it = items[g];
      size_t to;
      if (g + 1 < e) to = items[g + 1].span.byte;
      else if (inline_style(it.style))
        to = it.span.byte + tifa_text_sentence(s + it.span.byte, len - it.span.byte);
      else to = it.span.byte + tifa_text_line(s + it.span.byte, len - it.span.byte);
      extent(p, to, &it);
      it.group = ngroup;
      items[out++] = it;
    }
    ngroup++;
    k = e;
  }
  return out;
}
