/*
** numbers.c -- numbers as policy texts write them (tifai_number_scan): Arabic or full-width
** digits, Chinese numerals, magnitudes (万, 亿), units and hedges, each from a table below;
** times (tifai_time_scan).
*/
#include <stdlib.h>
#include <string.h>
#include "text.h"
#include "units.h"
#include "extract.h"

/* {====== Tables: extend here ====== */

/* Units, longest first where one starts another. 'strong' units make a number of Chinese
** numerals sure (三元, 五倍); the others follow only digits or a magnitude (5个, 一亿人). */
static const struct unitdef {
  const char *text, *name;  /* as written; canonical */
  int strong;
} units[] = {
  {"%", "%", 1}, {"\xEF\xBC\x85", "%", 1}, {"\xE2\x80\xB0", "\xE2\x80\xB0", 1},   /* ％ ‰ */
  {"个百分点", "个百分点", 1}, {"百分点", "百分点", 1},
  {"美元", "美元", 1}, {"欧元", "欧元", 1}, {"日元", "日元", 1}, {"港元", "港元", 1},
  {"元", "元", 1},
  {"平方公里", "平方公里", 1}, {"平方米", "平方米", 1}, {"立方米", "立方米", 1},
  {"公里", "公里", 1}, {"千米", "千米", 1}, {"厘米", "厘米", 0}, {"毫米", "毫米", 0},
  {"米", "米", 0}, {"公顷", "公顷", 1}, {"亩", "亩", 1}, {"吨", "吨", 1}, {"公斤", "公斤", 1},
  {"千克", "千克", 1}, {"千瓦时", "千瓦时", 1}, {"千瓦", "千瓦", 1}, {"倍", "倍", 1},
  {"\xE2\x84\x83", "\xE2\x84\x83", 1}, {"摄氏度", "\xE2\x84\x83", 1},   /* ℃ */
  {"岁", "岁", 1}, {"周年", "周年", 1}, {"人次", "人次", 1},
  {"个月", "个月", 0}, {"小时", "小时", 0}, {"分钟", "分钟", 0}, {"秒", "秒", 0},
  {"年", "年", 0}, {"天", "天", 0}, {"周", "周", 0},
  {"人", "人", 0}, {"户", "户", 0}, {"家", "家", 0}, {"个", "个", 0}, {"项", "项", 0},
  {"件", "件", 0}, {"次", "次", 0}, {"所", "所", 0}, {"座", "座", 0}, {"条", "条", 0},
  {"篇", "篇", 0}, {"名", "名", 0}, {"位", "位", 0}, {"批", "批", 0}, {"台", "台", 0},
  {"辆", "辆", 0}, {"艘", "艘", 0}, {"套", "套", 0}, {"处", "处", 0}, {"种", "种", 0},
  {"类", "类", 0}, {"款", "款", 0}, {"份", "份", 0}, {"分", "分", 0}, {"届", "届", 0},
  {NULL, NULL, 0}
};

/* Words that start like a unit but are not one: "14亿多人口" is 14亿多 + 人口. */
static const char *const notunits[] = {
  "人口", "人民", "人均", "人才", "人员", "人类", "人大", "人士", "人工", "人们", "人物",
  "人文", "人心", "人生", "元素", "元首", "元旦", "元年", "元化", "家庭", "家长", "家乡",
  "家园", "家族", "个人", "个体", "个性", "个别", "名单", "名称", "名义", "项目", "条件",
  "条例", "次数", "所有", "所以", "所在", "座谈", "位于", "位置", "批准", "批示", "台阶",
  "种类", "类型", "处理", "分之", "分析", "分别", "年代", "年轻", "年龄", "天然", "天下",
  "周期", "周边", "周围", "米饭", "件事", "份额",
  NULL
};

/* Hedges: before the number (超4亿), between number and unit (1000多家, 14亿多), after
** the unit (18%以上). */
static const char *const hedges_pre[] = {"超", "约", "近", "逾", NULL};
static const char *const hedges_mid[] = {"多", "余", NULL};
const char *const tifai_hedges_post[] = {"以上", "以下", "以内", "左右", "之多", "有余", NULL};

/* }====== */

/* The length of the longest (first, as the tables are ordered) entry of 'tab' at s; its index
** in '*k'. */
static size_t lookup (const char *s, size_t len, const char *const *tab, int *k) {
  int i;
  for (i = 0; tab[i] != NULL; i++) {
    size_t n;
    if (len == 0 || s[0] != tab[i][0]) continue;       /* most calls end here */
    n = strlen(tab[i]);
    if (n <= len && memcmp(s, tab[i], n) == 0) { *k = i; return n; }
  }
  return 0;
}

static size_t unitat (const char *s, size_t len, const struct unitdef **u) {
  int i, k;
  if (lookup(s, len, notunits, &k) > 0) return 0;
  for (i = 0; units[i].text != NULL; i++) {
    size_t n;
    if (len == 0 || s[0] != units[i].text[0]) continue;
    n = strlen(units[i].text);
    if (n <= len && memcmp(s, units[i].text, n) == 0) { *u = &units[i]; return n; }
  }
  return 0;
}

/* An ASCII or full-width digit at u: its value and length in '*n'; -1 if none. */
static int digitat (const unsigned char *u, size_t len, int *n) {
  if (len >= 1 && u[0] >= '0' && u[0] <= '9') { *n = 1; return u[0] - '0'; }
  if (len >= 3 && u[0] == 0xEF && u[1] == 0xBC && u[2] >= 0x90 && u[2] <= 0x99) {
    *n = 3;
    return u[2] - 0x90;
  }
  return -1;
}

static int isascii_digit (const unsigned char *u, size_t len, size_t i) {
  return i < len && u[i] >= '0' && u[i] <= '9';
}

/* Digits with ',' groups of three (1,000) and a decimal part ('.' or '．'): bytes read, value. */
static size_t arabic (const char *s, size_t len, double *v) {
  const unsigned char *u = (const unsigned char *)s;
  char num[48];
  size_t at = 0, k = 0, m;
  int d, n, dot = 0;
  while (k < sizeof(num) - 1) {
    if ((d = digitat(u + at, len - at, &n)) >= 0) {
      num[k++] = (char)('0' + d);
      at += (size_t)n;
    }
    else if (!dot && k > 0 && at < len && u[at] == ',' && isascii_digit(u, len, at + 1)
             && isascii_digit(u, len, at + 2) && isascii_digit(u, len, at + 3)
             && !isascii_digit(u, len, at + 4))
      at++;                                             /* a thousands separator */
    else if (!dot && k > 0
             && ((m = (at < len && u[at] == '.') ? 1 : 0) > 0
                 || (m = (len - at >= 3 && memcmp(u + at, "\xEF\xBC\x8E", 3) == 0) ? 3 : 0) > 0)
             && digitat(u + at + m, len - at - m, &n) >= 0) {
      num[k++] = '.';                                   /* 5.2, ５．２ */
      at += m;
      dot = 1;
    }
    else break;
  }
  num[k] = '\0';
  *v = k > 0 ? strtod(num, NULL) : 0;
  return at;
}

/* The value of the Chinese numeral at s: 0-9 for digits, 10, 100, 1000 for places, 1e4 and
** 1e8 for 万 and 亿; -1 if none. */
static double hanat (const char *s, size_t len) {
  static const char *const hz[] = {"〇", "○", "零", "一", "二", "两", "三", "四", "五", "六",
    "七", "八", "九", "十", "百", "千", "万", "亿", NULL};
  static const double hv[] = {0, 0, 0, 1, 2, 2, 3, 4, 5, 6, 7, 8, 9, 10, 100, 1000, 1e4, 1e8};
  int k;
  if (len < 3 || (unsigned char)s[0] < 0xE2 || (unsigned char)s[0] > 0xE9) return -1;
  return lookup(s, len, hz, &k) > 0 ? hv[k] : -1;
}

/* A number in Chinese numerals (十四亿, 三千万, 二〇二四, 一亿二千万): bytes read, value, and
** whether it has a magnitude. Digits after a place (十四五) end it. */
static size_t chinese (const char *s, size_t len, double *v, int *mag) {
  double total = 0, section = 0, num = -1, c;
  size_t at = 0;
  int place = 0, seq = 0;
  *mag = 0;
  c = hanat(s, len);
  if (c < 0 || c == 100 || c == 1000 || c >= 1e4) return 0;   /* 百年, 千万, 万一 */
  while ((c = hanat(s + at, len - at)) >= 0) {
    if (c < 10) {
      if (num >= 0 && place) break;
      num = num >= 0 ? num * 10 + c : c;
      seq++;
    }
    else if (c < 1e4) {
      if (seq > 1) break;
      section += (num >= 0 ? num : 1) * c;
      num = -1; place = 1; seq = 0;
    }
    else {
      double cur = section + (num > 0 ? num : 0);
      if (cur <= 0 && total <= 0) break;
      if (c == 1e4) total += cur * 1e4;
      else total = (total + cur) * 1e8;
      section = 0; num = -1; place = 1; seq = 0; *mag = 1;
    }
    at += 3;
  }
  *v = total + section + (num > 0 ? num : 0);
  return at;
}

/* Magnitudes after digits: 126万亿, 3.5万, 5千万 (but 5千米 is 5 and a unit). */
static size_t magnitudes (const char *s, size_t len, double *v) {
  const struct unitdef *u;
  size_t at = 0;
  double c;
  while ((c = hanat(s + at, len - at)) >= 10 && unitat(s + at, len - at, &u) == 0) {
    *v *= c;
    at += 3;
  }
  return at;
}

int tifai_number_lead (const char *s, size_t len) {
  const unsigned char *u = (const unsigned char *)s;
  int k;
  if (len >= 1 && u[0] >= '0' && u[0] <= '9') return 1;
  if (len < 3 || u[0] < 0xE2 || u[0] > 0xEF) return 0;
  switch (((u[0] & 0x0F) << 12) | ((u[1] & 0x3F) << 6) | (u[2] & 0x3F)) {
    case 0x3007: case 0x25CB: case 0x96F6:                     /* 〇 ○ 零 */
    case 0x4E00: case 0x4E8C: case 0x4E24: case 0x4E09: case 0x56DB:     /* 一二两三四 */
    case 0x4E94: case 0x516D: case 0x4E03: case 0x516B: case 0x4E5D:     /* 五六七八九 */
    case 0x5341: case 0x767E:                                   /* 十 百 */
    case 0xFF10: case 0xFF11: case 0xFF12: case 0xFF13: case 0xFF14:     /* ０-９ */
    case 0xFF15: case 0xFF16: case 0xFF17: case 0xFF18: case 0xFF19:
      return 1;
    default:
      return lookup(s, len, hedges_pre, &k) > 0;
  }
}

size_t tifai_number_scan (const char *s, size_t len, tifai_number *n) {
  const struct unitdef *u = NULL;
  size_t at = 0, k;
  int i, mag = 0, han = 0, sure = 0;
  n->value = 0;
  n->unit = n->hedge = NULL;
  if ((k = lookup(s, len, hedges_pre, &i)) > 0) { n->hedge = hedges_pre[i]; at = k; }
  if (len - at >= 9 && memcmp(s + at, "百分之", 9) == 0) {
    at += 9;
    if ((k = arabic(s + at, len - at, &n->value)) == 0 && (k = chinese(s + at, len - at, &n->value, &mag)) == 0)
      return 0;
    n->unit = "%";
    at += k;
    sure = 1;
  }
  else {
    if ((k = arabic(s + at, len - at, &n->value)) > 0) {
      at += k;
      k = magnitudes(s + at, len - at, &n->value);
    }
    else if ((k = chinese(s + at, len - at, &n->value, &mag)) > 0) han = 1;
    else return 0;
    at += k;
    if ((k = lookup(s + at, len - at, hedges_mid, &i)) > 0 && n->hedge == NULL) {
      n->hedge = hedges_mid[i];
      at += k;
    }
    if ((k = unitat(s + at, len - at, &u)) > 0) { n->unit = u->name; at += k; }
    sure = !han || mag || (u != NULL && u->strong);
  }
  if (!sure) return 0;
  if ((k = lookup(s + at, len - at, tifai_hedges_post, &i)) > 0 && n->hedge == NULL) {
    n->hedge = tifai_hedges_post[i];
    at += k;
  }
  return at;
}

/* 1 or 2 digits: bytes read, value */
static size_t twodigits (const char *s, size_t len, int *v) {
  size_t at = 0;
  int d, n, nd = 0;
  *v = 0;
  while (nd < 2 && (d = digitat((const unsigned char *)s + at, len - at, &n)) >= 0) {
    *v = *v * 10 + d;
    at += (size_t)n;
    nd++;
  }
  if (digitat((const unsigned char *)s + at, len - at, &n) >= 0) return 0;   /* 3 digits */
  return at;
}

size_t tifai_time_scan (const char *s, size_t len) {
  size_t at, k;
  int h, m;
  if ((at = twodigits(s, len, &h)) == 0 || h > 24) return 0;
  if (len - at >= 3 && memcmp(s + at, "时", 3) == 0) {
    at += 3;
    if ((k = twodigits(s + at, len - at, &m)) > 0 && m < 60 && len - at - k >= 3
        && memcmp(s + at + k, "分", 3) == 0)
      at += k + 3;
    return at;
  }
  if (at < len && s[at] == ':' && (k = twodigits(s + at + 1, len - at - 1, &m)) == 2 && m < 60)
    return at + 1 + k;
  return 0;
}

/* {====== Extraction: tifa_extract_dates, tifa_extract_numbers ====== */

size_t tifa_extract_dates (const char *s, size_t len, tifa_date *out, size_t max) {
  tifai_cursor c = TIFAI_CURSOR_INIT(s);
  size_t at = 0, n, count = 0;
  int kind;
  while (tifai_unit_next(s, len, &at, &n, &kind)) {
    char iso[16];
    const char *prec;
    if (kind == TIFAI_UNIT_DATE && tifai_date_parse(s + at, n, iso, &prec) == n) {
      if (count < max) {
        tifai_span_set(&c, &out[count].at, at, n);
        memcpy(out[count].iso, iso, sizeof(iso));
        out[count].precision = prec;
      }
      count++;
    }
    at += n;
  }
  return count;
}

size_t tifa_extract_numbers (const char *s, size_t len, tifa_number *out, size_t max) {
  tifai_cursor c = TIFAI_CURSOR_INIT(s);
  size_t at = 0, n, count = 0;
  int kind;
  while (tifai_unit_next(s, len, &at, &n, &kind)) {
    tifai_number num;
    if (kind == TIFAI_UNIT_NUMBER && tifai_number_scan(s + at, n, &num) == n) {
      if (count < max) {
        tifai_span_set(&c, &out[count].at, at, n);
        out[count].value = num.value;
        out[count].unit = num.unit;
        out[count].hedge = num.hedge;
      }
      count++;
    }
    at += n;
  }
  return count;
}

/* }====== */
