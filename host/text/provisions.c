/*
** provisions.c -- the provisions of laws and regulations (tifa_text_provisions): numerals
** (tifa_text_numeral), labels 第N条 and 第N条之M at the start of a paragraph, 项 markers,
** section levels from headings (编 分编 章 节), and one pass over an article's paragraphs.
** See tifa_structure.h for the rules. Pure C: no allocation.
*/
#include <string.h>
#include "text.h"
#include "structure.h"

#define MAXNUMERAL  999999999L

/* {====== Numerals ====== */

static int handigit (int32_t c) {           /* 〇 零 一 … 九 两; -1 if none */
  switch (c) {
    case 0x3007: case 0x96F6: return 0;     /* 〇 零 */
    case 0x4E00: return 1;                  /* 一 */
    case 0x4E8C: case 0x4E24: return 2;     /* 二 两 */
    case 0x4E09: return 3;
    case 0x56DB: return 4;
    case 0x4E94: return 5;
    case 0x516D: return 6;
    case 0x4E03: return 7;
    case 0x516B: return 8;
    case 0x4E5D: return 9;
    default: return -1;
  }
}

static long hanunit (int32_t c) {           /* 十 百 千 万; 0 if none */
  switch (c) {
    case 0x5341: return 10;
    case 0x767E: return 100;
    case 0x5343: return 1000;
    case 0x4E07: return 10000;
    default: return 0;
  }
}

static int arabicdigit (int32_t c) {        /* 0-9, ０-９; -1 if none */
  if (c >= '0' && c <= '9') return (int)(c - '0');
  if (c >= 0xFF10 && c <= 0xFF19) return (int)(c - 0xFF10);
  return -1;
}

static int isnumeral (int32_t c) {
  return handigit(c) >= 0 || hanunit(c) > 0 || arabicdigit(c) >= 0;
}

long tifa_text_numeral (const char *s, size_t len) {
  const unsigned char *p = (const unsigned char *)s;
  long total = 0, section = 0, cur = -1;    /* cur: the digit waiting for its unit */
  long positional = 0;                      /* the value read digit by digit (一〇一, 12) */
  int arabic = 0, han = 0, units = 0;
  size_t i = 0;
  if (len == 0) return -1;
  while (i < len) {
    int32_t c;
    int d;
    long u;
    i = tifai_cp_next(p, i, len, &c);
    if ((d = arabicdigit(c)) >= 0) arabic = 1;
    else if ((d = handigit(c)) >= 0) { han = 1; cur = d; }
    else if ((u = hanunit(c)) > 0) {
      han = units = 1;
      if (u == 10000) { total = (total + section + (cur > 0 ? cur : 0)) * 10000; section = 0; }
      else section += (cur > 0 ? cur : 1) * u;              /* 十 alone, 一千零十: one */
      cur = 0;
      if (total > MAXNUMERAL || section > MAXNUMERAL) return -1;
      continue;
    }
    else return -1;
    if (positional > MAXNUMERAL / 10) return -1;
    positional = positional * 10 + d;
  }
  if (arabic && han) return -1;
  if (!units) return positional;
  total += section + (cur > 0 ? cur : 0);
  return total > MAXNUMERAL ? -1 : total;
}

/* }====== */

/* {====== Labels ====== */

/* Whether p[i..len) starts with the UTF-8 string 'w'. */
static int startswith (const unsigned char *p, size_t i, size_t len, const char *w) {
  size_t n = strlen(w);
  return len - i >= n && memcmp(p + i, w, n) == 0;
}

static int isspacecp (int32_t c) {
  return tifai_is_blank(c) || c == 0x00A0 || c == 0x3000 || c == 0x200B || c == 0xFEFF;
}

/* The end of a run of numeral characters at p[i], or i if there is none. */
static size_t numeralrun (const unsigned char *p, size_t i, size_t len) {
  while (i < len) {
    int32_t c;
    size_t j = tifai_cp_next(p, i, len, &c);
    if (!isnumeral(c)) break;
    i = j;
  }
  return i;
}

size_t tifa_provision_label (const char *s, size_t len, long *number, int *sub) {
  const unsigned char *p = (const unsigned char *)s;
  size_t i, j, k;
  long n;
  int32_t c;
  *number = 0; *sub = 0;
  if (!startswith(p, 0, len, "\xE7\xAC\xAC")) return 0;           /* 第 */
  j = numeralrun(p, 3, len);
  if (j == 3 || (n = tifa_text_numeral(s + 3, j - 3)) <= 0) return 0;
  i = j;
  while (i < len) {                         /* 第一百二十八 条: a stray space */
    k = tifai_cp_next(p, i, len, &c);
    if (!isspacecp(c)) break;
    i = k;
  }
  if (!startswith(p, i, len, "\xE6\x9D\xA1")) return 0;           /* 条 */
  i += 3;
  *number = n;
  if (startswith(p, i, len, "\xE4\xB9\x8B")) {                    /* 之 */
    j = numeralrun(p, i + 3, len);
    if (j > i + 3) {
      long m = tifa_text_numeral(s + i + 3, j - i - 3);
      if (m > 0 && m < 100) { *sub = (int)m; i = j; }
    }
  }
  return i;
}

size_t tifa_provision_item_label (const char *s, size_t len) {
  const unsigned char *p = (const unsigned char *)s;
  size_t i, j;
  int ascii;
  long n;
  if (startswith(p, 0, len, "\xEF\xBC\x88")) { i = 3; ascii = 0; }    /* （ */
  else if (len > 0 && p[0] == '(') { i = 1; ascii = 1; }
  else return 0;
  j = numeralrun(p, i, len);
  if (j == i || (n = tifa_text_numeral(s + i, j - i)) <= 0 || n > 99) return 0;
  {
    int32_t c;                              /* （1）, （１） are not 项 markers */
    tifai_cp_next(p, i, len, &c);
    if (arabicdigit(c) >= 0) return 0;
  }
  if (!ascii && startswith(p, j, len, "\xEF\xBC\x89")) return j + 3;   /* ） */
  if (ascii && j < len && p[j] == ')') return j + 1;
  return 0;
}

int tifa_section_level (const char *s, size_t len) {
  const unsigned char *p = (const unsigned char *)s;
  size_t j;
  if (!startswith(p, 0, len, "\xE7\xAC\xAC")) return 0;           /* 第 */
  j = numeralrun(p, 3, len);
  if (j == 3 || tifa_text_numeral(s + 3, j - 3) <= 0) return 0;
  if (startswith(p, j, len, "\xE7\xBC\x96")) return 1;            /* 编 */
  if (startswith(p, j, len, "\xE5\x88\x86\xE7\xBC\x96")) return 2;  /* 分编 */
  if (startswith(p, j, len, "\xE7\xAB\xA0")) return 3;            /* 章 */
  if (startswith(p, j, len, "\xE8\x8A\x82")) return 4;            /* 节 */
  return 0;
}

/* How a citation of a provision goes on: text after 第N条 that makes it a reference. */
static const char *const citing[] = {
  "\xE7\x9A\x84", "\xE8\xA7\x84\xE5\xAE\x9A", "\xE7\xAC\xAC",     /* 的 规定 第 */
  "\xE3\x80\x81", "\xEF\xBC\x8C", "\xE3\x80\x82", "\xEF\xBC\x9B", /* 、 ， 。 ； */
  ",", ";", ".",
  "\xE5\x92\x8C", "\xE4\xB8\x8E", "\xE6\x88\x96", "\xE5\x8F\x8A", /* 和 与 或 及 */
  "\xE8\x87\xB3", "\xE5\x88\xB0", "\xE4\xB9\x8B",                 /* 至 到 之 */
  "\xE6\x89\x80\xE8\xA7\x84", "\xE6\x89\x80\xE7\xA7\xB0",         /* 所规 所称 */
  "\xE6\x89\x80\xE5\x88\x97", "\xE4\xB8\xAD\xE7\x9A\x84",         /* 所列 中的 */
  "\xE4\xB8\xAD\xE8\xA7\x84", "\xE4\xBF\xAE\xE6\x94\xB9",         /* 中规 修改 */
  "\xE6\x94\xB9\xE4\xB8\xBA", "\xE5\xA2\x9E\xE5\x8A\xA0",         /* 改为 增加 */
  "\xE5\x88\xA0\xE5\x8E\xBB", "\xE4\xBD\x9C\xE4\xB8\xBA",         /* 删去 作为 */
  "\xE9\xA1\xB9", "\xE6\xAC\xBE", "\xE7\xAD\x89",                 /* 项 款 等 */
  "\xE3\x80\x8B", "\xE2\x80\x9D", "\xEF\xBC\x89", ")",            /* 》 ” ） */
  NULL
};

/* Whether the label of s[0..len), 'label' bytes long, is followed by a citation's words. */
static int cites (const char *s, size_t len, size_t label) {
  const unsigned char *p = (const unsigned char *)s;
  const char *const *w;
  int32_t c;
  if (label >= len) return 0;               /* the label alone */
  tifai_cp_next(p, label, len, &c);
  if (isspacecp(c)) return 0;
  for (w = citing; *w; w++) if (startswith(p, label, len, *w)) return 1;
  return 0;
}

/* }====== */

/* {====== Provisions ====== */

size_t tifa_text_provisions (const char *s, const tifa_para *paras, size_t n,
                             tifa_provision *out, size_t cap) {
  size_t open[TIFA_SECTION_DEPTH];          /* the open heading of each level */
  int isopen[TIFA_SECTION_DEPTH] = {0, 0, 0, 0};
  size_t i, np = 0;
  long prevn = 0;                           /* the last provision's number and sub */
  int prevs = 0, inprov = 0;                /* inprov: paragraphs go to provision np - 1 */
  for (i = 0; i < n; i++) {
    const char *ps = s + paras[i].byte;
    size_t plen = paras[i].nbyte, label;
    long num;
    int sub;
    if (paras[i].heading) {
      int lv = tifa_section_level(ps, plen), k;
      if (lv == 0) lv = 3;                  /* 附则, 序言, 基本案情: as a 章 */
      for (k = lv - 1; k < TIFA_SECTION_DEPTH; k++) isopen[k] = 0;
      open[lv - 1] = i;
      isopen[lv - 1] = 1;
      inprov = 0;
      continue;
    }
    label = tifa_provision_label(ps, plen, &num, &sub);
    if (label > 0) {
      int next = np == 0 ? (num == 1 && sub == 0)
                         : ((num == prevn + 1 && sub == 0) || (num == prevn && sub == prevs + 1));
      if (next || !cites(ps, plen, label)) {
        if (np < cap) {
          tifa_provision *p = &out[np];
          int k;
          p->number = num;
          p->sub = sub;
          p->label = label;
          p->first = p->last = i;
          p->clauses = 1;
          p->nsection = 0;
          for (k = 0; k < TIFA_SECTION_DEPTH; k++)
            if (isopen[k]) p->section[p->nsection++] = open[k];
        }
        np++;
        prevn = num;
        prevs = sub;
        inprov = 1;
        continue;
      }
    }
    if (inprov && np <= cap) {
      tifa_provision *p = &out[np - 1];
      p->last = i;
      if (tifa_provision_item_label(ps, plen) == 0) p->clauses++;
    }
  }
  return np;
}

size_t tifa_provision_items (const char *s, size_t len, tifa_enum_item *items, size_t cap) {
  size_t n = tifa_text_enumerations(s, len, items, cap), i, k = 0, g = 0, last = (size_t)-1;
  if (n > cap) return n;
  for (i = 0; i < n; i++) {
    if (items[i].style != TIFA_ENUM_PAREN) continue;
    if (items[i].group != last) {           /* renumber the groups kept: 0, 1, ... */
      if (last != (size_t)-1) g++;
      last = items[i].group;
    }
    items[k] = items[i];
    items[k++].group = g;
  }
  return k;
}

/* }====== */
