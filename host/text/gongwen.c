/*
** gongwen.c -- official documents (公文) read line by line by the elements of GB/T 9704-2012
** (tifai_gongwen_read, see gongwen.h): the head (版头: marks, 发文机关标志, 发文字号, 签发人),
** the title and 主送机关, the body, the end of the body (附件说明, 署名, 成文日期, 附注, 附件)
** and the 版记 (抄送, 印发). Each rule is the element's usual form plus its place.
*/
#include <string.h>
#include "text.h"
#include "structure.h"
#include "gongwen.h"

/* The length of the code point led by byte c (1 for a stray continuation byte) */
#define cplen(c)  ((unsigned char)(c) < 0xC0 ? 1 : (unsigned char)(c) < 0xE0 ? 2 \
                   : (unsigned char)(c) < 0xF0 ? 3 : 4)

#define MAXTITLE  3         /* lines of a title */
#define MAXSIGN   4         /* lines of a 署名 */
#define MAXLINE   40        /* code points of a short line: a title's, an organ's */

static const char *const rolenames[] = {"body", "mark", "organ_mark", "docno", "signer",
  "title", "addressee", "attachment_note", "signature", "date", "note", "attachment", "cc",
  "issued"};

const char *tifai_gongwen_role_name (int role) {
  return role >= 0 && role < TIFAI_GW_NROLES ? rolenames[role] : "?";
}

/* {====== Characters and words ====== */

static int32_t cpat (const char *s, size_t len, size_t *n) {
  int32_t c;
  *n = tifai_cp_next((const unsigned char *)s, 0, len, &c);
  return c;
}

static size_t lit (const char *s, size_t len, const char *w) {
  size_t n = strlen(w);
  return len >= n && memcmp(s, w, n) == 0 ? n : 0;
}

static int endsw (const char *s, size_t len, const char *w) {
  size_t n = strlen(w);
  return len >= n && memcmp(s + len - n, w, n) == 0;
}

static size_t skipsp (const char *s, size_t len) {
  size_t i = 0, n;
  while (i < len && tifai_is_space(cpat(s + i, len - i, &n))) i += n;
  return i;
}

static size_t rtrim (const char *s, size_t len) {    /* len without trailing white space */
  while (len > 0) {
    size_t i = len, n;
    while (i > 0 && ((unsigned char)s[i - 1] & 0xC0) == 0x80) i--;
    if (i > 0) i--;
    if (!tifai_is_space(cpat(s + i, len - i, &n))) break;
    len = i;
  }
  return len;
}

static size_t nchars (const char *s, size_t len) {
  size_t i, k = 0;
  for (i = 0; i < len; i++) k += ((unsigned char)s[i] & 0xC0) != 0x80;
  return k;
}

/* A digit, ASCII or full-width: its value, its length in '*n'; -1 if none. */
static int digit (const char *s, size_t len, size_t *n) {
  const unsigned char *u = (const unsigned char *)s;
  if (len >= 1 && u[0] >= '0' && u[0] <= '9') { *n = 1; return u[0] - '0'; }
  if (len >= 3 && u[0] == 0xEF && u[1] == 0xBC && u[2] >= 0x90 && u[2] <= 0x99) {
    *n = 3;
    return u[2] - 0x90;
  }
  return -1;
}

/* Up to 'max' digits at s: their count in '*nd', their value in '*v'; the bytes read. */
static size_t digits (const char *s, size_t len, int max, int *nd, long *v) {
  size_t at = 0, n;
  int d;
  *nd = 0;
  *v = 0;
  while (*nd < max && (d = digit(s + at, len - at, &n)) >= 0) {
    *v = *v * 10 + d;
    at += n;
    (*nd)++;
  }
  return at;
}

/* Does s[0..len) hold punctuation (or a symbol that no organ name has)? */
static int haspunct (const char *s, size_t len) {
  size_t i = 0, n;
  while (i < len) {
    int32_t c = cpat(s + i, len - i, &n);
    if (tifai_is_break(c) && !tifai_is_blank(c)) return 1;
    i += n;
  }
  return 0;
}

/* The next run of non-white space in s[*at .. len): returns 1 and its span, or 0. */
static int nexttoken (const char *s, size_t len, size_t *at, size_t *b, size_t *e) {
  size_t n;
  *at += skipsp(s + *at, len - *at);
  if (*at >= len) return 0;
  *b = *at;
  while (*at < len && !tifai_is_space(cpat(s + *at, len - *at, &n))) *at += n;
  *e = *at;
  return 1;
}

/* What the names of organs end with (发文机关, 主送机关, 署名, 抄送). */
static const char *const organends[] = {"院", "部", "委", "厅", "局", "署", "办", "室", "会",
  "政府", "机构", "单位", "中心", "银行", "行", "处", "司", "中央", "党委", "党组", "公司", "集团",
  "大学", "学校", "小组", "总队", "军区", "法院", "检察院", "办事处", NULL};

static int organlike (const char *s, size_t len) {
  int i;
  if (len < 6) return 0;                                          /* two characters at least */
  for (i = 0; organends[i] != NULL; i++) if (endsw(s, len, organends[i])) return 1;
  return 0;
}

/* A line of organ names separated by white space, each organ-like, no punctuation. */
static int organline (const char *s, size_t len) {
  size_t at = 0, b, e;
  int k = 0;
  if (nchars(s, len) > MAXLINE || haspunct(s, len)) return 0;
  while (nexttoken(s, len, &at, &b, &e)) {
    if (!organlike(s + b, e - b)) return 0;
    k++;
  }
  return k > 0;
}

static void addspan (tifai_gw_span *list, size_t *n, size_t byte, size_t nbyte) {
  if (nbyte == 0) return;
  if (*n < TIFAI_GW_MAXLIST) { list[*n].byte = byte; list[*n].nbyte = nbyte; }
  (*n)++;
}

/* }====== */

/* {====== The forms of the elements ====== */

static const char *const brackets[][2] = {{"〔", "〕"}, {"[", "]"}, {"［", "］"}, {"(", ")"},
  {"（", "）"}, {"【", "】"}, {NULL, NULL}};

size_t tifai_gongwen_docno (const char *s, size_t len, tifai_gw_docno *d) {
  size_t at = 0, n, k;
  int han = 0, i, nd;
  long v;
  while (at < len && han < 12) {
    int32_t c = cpat(s + at, len - at, &n);
    if (!tifai_is_han(c)) break;
    at += n;
    han++;
  }
  if (han == 0) return 0;
  d->organ.byte = 0;
  d->organ.nbyte = at;
  for (i = 0; brackets[i][0] != NULL; i++)
    if ((k = lit(s + at, len - at, brackets[i][0])) > 0) break;
  if (brackets[i][0] == NULL) return 0;
  at += k;
  at += digits(s + at, len - at, 4, &nd, &v);
  if (nd != 4 || v < 1000) return 0;
  d->year = (int)v;
  if ((k = lit(s + at, len - at, brackets[i][1])) == 0) return 0;
  at += k;
  at += digits(s + at, len - at, 6, &nd, &v);
  if (nd == 0 || (k = lit(s + at, len - at, "号")) == 0) return 0;
  d->number = v;
  return at + k;
}

/* A label at s, the word 'w' and a colon (签发人：, 抄送：): its bytes and the colon's, 0 if
** none. */
static size_t label (const char *s, size_t len, const char *w) {
  size_t k = lit(s, len, w), c;
  if (k == 0) return 0;
  k += skipsp(s + k, len - k);
  if ((c = lit(s + k, len - k, "：")) == 0 && (c = lit(s + k, len - k, ":")) == 0) return 0;
  return k + c;
}

/* 签发人：names at s: the bytes of the label and colon, 0 if none. */
static size_t signerlabel (const char *s, size_t len) { return label(s, len, "签发人"); }

static void names (const char *s, size_t base, size_t len, tifai_gw_span *list, size_t *n) {
  size_t at = 0, b, e;
  while (nexttoken(s + base, len, &at, &b, &e)) addspan(list, n, base + b, e - b);
}

/* A line that is a 发文字号: alone, in brackets (（国办函〔2024〕12号）), or followed by
** white space and 签发人：names. */
static int docnoline (const char *s, size_t len, tifai_gw_docno *d, size_t *db, size_t *dn,
                      size_t *sig) {
  size_t o = 0, n, k;
  *sig = 0;
  if ((k = lit(s, len, "（")) > 0 || (k = lit(s, len, "(")) > 0) {
    if (!endsw(s, len, "）") && !endsw(s, len, ")")) return 0;
    o = k;
    len -= endsw(s, len, ")") ? 1 : 3;
  }
  if ((n = tifai_gongwen_docno(s + o, len - o, d)) == 0) return 0;
  d->organ.byte += o;
  *db = o;
  *dn = n;
  k = o + n + skipsp(s + o + n, len - o - n);
  if (k == len) return 1;
  if (o == 0 && k > o + n && signerlabel(s + k, len - k) > 0) { *sig = k; return 1; }
  return 0;
}

static int isdocno (const char *s, size_t len) {
  tifai_gw_docno d;
  size_t b, n, sig;
  return docnoline(s, len, &d, &b, &n, &sig);
}

/* 份号 (six digits), 密级 (绝密, 机密, 秘密, with ★ and a term), 紧急程度: a line of them. */
static int markline (const char *s, size_t len, size_t base, tifai_gongwen *g) {
  static const char *const secrecy[] = {"绝密", "机密", "秘密", NULL};
  static const char *const urgency[] = {"特急", "加急", "特提", "平急", NULL};
  size_t at = 0, b, e, k;
  int i, any = 0;
  tifai_gw_span cn = {0, 0}, se = {0, 0}, ur = {0, 0};
  while (nexttoken(s, len, &at, &b, &e)) {
    int nd;
    long v;
    if (digits(s + b, e - b, 7, &nd, &v) == e - b && nd == 6) {     /* 份号: six digits */
      cn.byte = b;
      cn.nbyte = e - b;
      any = 1;
      continue;
    }
    for (i = 0; secrecy[i] != NULL; i++) if ((k = lit(s + b, e - b, secrecy[i])) > 0) break;
    if (secrecy[i] != NULL) {
      if (b + k < e && !lit(s + b + k, e - b - k, "★")) return 0;   /* 机密★1年, 机密★长期 */
      if (b + k == e && at < len) {                                  /* 机密 ★1年 */
        size_t a2 = at, b2, e2;
        if (nexttoken(s, len, &a2, &b2, &e2) && lit(s + b2, e2 - b2, "★")) { e = e2; at = a2; }
      }
      se.byte = b;
      se.nbyte = e - b;
      any = 1;
      continue;
    }
    for (i = 0; urgency[i] != NULL; i++) if (e - b == 6 && lit(s + b, 6, urgency[i])) break;
    if (urgency[i] == NULL) return 0;
    ur.byte = b;
    ur.nbyte = e - b;
    any = 1;
  }
  if (any) {                                      /* the spans, relative to the text */
    if (cn.nbyte) { g->copyno = cn; g->copyno.byte += base; }
    if (se.nbyte) { g->secrecy = se; g->secrecy.byte += base; }
    if (ur.nbyte) { g->urgency = ur; g->urgency.byte += base; }
  }
  return any;
}

/* 发文机关标志: a short line without punctuation ending in 文件 (国务院文件, 中共北京市委文件). */
static int organmarkfile (const char *s, size_t len) {
  return len > 6 && nchars(s, len) <= MAXLINE && endsw(s, len, "文件") && !haspunct(s, len);
}

/* 发文机关标志 of a 命令（令） (GB/T 9704 10.3): the organ's name and 令 or 命令, a short line
** without punctuation (中华人民共和国国务院令, 中华人民共和国主席令, 某某部令). */
static int organmarkorder (const char *s, size_t len) {
  return len > 6 && nchars(s, len) <= MAXLINE && endsw(s, len, "令") && !haspunct(s, len);
}

int tifai_gongwen_number (const char *s, size_t len, tifai_gw_docno *d) {
  size_t at = 0, k, o = 0;
  int nd;
  long v;
  if ((k = lit(s, len, "（")) > 0 || (k = lit(s, len, "(")) > 0) {
    if (!endsw(s, len, "）") && !endsw(s, len, ")")) return 0;
    o = at = k;
    len -= endsw(s, len, ")") ? 1 : 3;
  }
  memset(d, 0, sizeof(*d));
  d->organ.byte = o;
  k = digits(s + at, len - at, 4, &nd, &v);
  if (nd == 4 && v >= 1000 && lit(s + at + k, len - at - k, "年")) {
    d->year = (int)v;
    at += k + 3;
  }
  if ((k = lit(s + at, len - at, "第")) == 0) return 0;
  at += k;
  at += digits(s + at, len - at, 6, &nd, &v);
  if (nd == 0 || (k = lit(s + at, len - at, "号")) == 0) return 0;
  d->number = v;
  return at + k == len;
}

/* The 文种 a title ends with (a closing （试行）, （2024年修订） aside). */
static const char *const kinds[] = {"通知", "意见", "决定", "方案", "批复", "复函", "函", "报告",
  "通报", "公告", "通告", "办法", "规定", "请示", "决议", "纪要", "议案", "公报", "命令", "细则",
  "规划", "要点", "指引", "指南", NULL};

static int endskind (const char *s, size_t len) {
  size_t i, open = len;
  int k;
  for (i = 0; i < len; i += cplen(s[i])) if (lit(s + i, len - i, "（") || s[i] == '(') open = i;
  if ((endsw(s, len, "）") || endsw(s, len, ")")) && open < len) len = open;
  for (k = 0; kinds[k] != NULL; k++) if (endsw(s, len, kinds[k])) return 1;
  return 0;
}

static int titlepiece (const char *s, size_t len) {      /* no sentence punctuation */
  static const char *const stops[] = {"。", "，", "；", "：", "！", "？", ":", ";", NULL};
  size_t i, k;
  int j;
  if (len == 0 || nchars(s, len) > MAXLINE * 2) return 0;
  for (i = 0; i < len; i += cplen(s[i]))
    for (j = 0; stops[j] != NULL; j++) if ((k = lit(s + i, len - i, stops[j])) > 0) return 0;
  return 1;
}

static int hasword (const char *s, size_t len, const char *w) {
  size_t n = strlen(w), i;
  for (i = 0; i + n <= len; i++) if (memcmp(s + i, w, n) == 0) return 1;
  return 0;
}

/* A 成文日期: a date to the day alone on its line; its ISO form into 'iso'. */
static int datealone (const char *s, size_t len, char iso[16]) {
  const char *prec;
  size_t used = tifai_date_parse(s, len, iso, &prec);
  return used > 0 && rtrim(s, len) == used && strcmp(prec, "day") == 0;
}

/* 署名 and 成文日期 on one line, as scraped pages print them: ORGANS DATE (国务院办公厅　2024年2月1
** 日). The date's ISO form into 'iso', the organs' length into '*on'. */
static int signdate (const char *s, size_t len, char iso[16], size_t *on) {
  size_t i;
  len = rtrim(s, len);
  for (i = 0; i < len; i += cplen(s[i])) {
    const char *prec;
    size_t used;
    if (!tifai_is_space(cpat(s + i, len - i, &used))) continue;
    used = tifai_date_parse(s + i + used, len - i - used, iso, &prec);
    if (used > 0 && i + cplen(s[i]) + used == len && strcmp(prec, "day") == 0) {
      *on = rtrim(s, i);
      return *on > 0 && organline(s, *on);
    }
  }
  return 0;
}

/* The 签发人职务 and name over the date of a 命令（令） or 公告 (GB/T 9704 10.3): a post and
** a name of two to four Han characters (总理　李强, 国务院总理 李强, 部长 王五). */
static const char *const posts[] = {"总理", "主席", "委员长", "部长", "主任", "局长", "署长",
  "行长", "省长", "市长", "县长", "区长", "州长", "院长", "检察长", "书记", "会长", "社长", NULL};

static int postline (const char *s, size_t len) {
  size_t at = 0, b, e, k, n;
  int i, post = 0;
  if (nchars(s, len) > MAXLINE || haspunct(s, len)) return 0;
  if (!nexttoken(s, len, &at, &b, &e)) return 0;
  for (i = 0; posts[i] != NULL; i++) if (endsw(s + b, e - b, posts[i])) post = 1;
  if (!post || !nexttoken(s, len, &at, &b, &e)) return 0;
  k = nchars(s + b, e - b);
  for (; b < e; b += n) if (!tifai_is_han(cpat(s + b, e - b, &n))) return 0;
  return k >= 2 && k <= 4 && !nexttoken(s, len, &at, &b, &e);
}

/* 附注: a line in （） under the date. */
static int noteline (const char *s, size_t len) {
  return ((lit(s, len, "（") && endsw(s, len, "）")) || (lit(s, len, "(") && endsw(s, len, ")")))
         && len > 4;
}

/* The first line of a 附件 part: 附件, 附件1, 附件 2, 附件一 alone on its line. */
static int attachlabel (const char *s, size_t len) {
  static const char hanz[] = "一二三四五六七八九十";
  size_t k = lit(s, len, "附件"), n;
  int nd;
  long v;
  if (k == 0) return 0;
  k += skipsp(s + k, len - k);
  if (k == len) return 1;
  n = digits(s + k, len - k, 3, &nd, &v);
  if (nd > 0) return k + n == len;
  if (len - k != 3) return 0;
  for (n = 0; n + 3 < sizeof(hanz); n += 3) if (memcmp(s + k, hanz + n, 3) == 0) return 1;
  return 0;
}

/* The number of an item of a list at s (1. 1． 1、 （1） (1)): the bytes, white space after
** it included; 0 if none. */
static size_t itemnumber (const char *s, size_t len) {
  size_t at = 0, k;
  int nd, paren = 0;
  long v;
  if ((k = lit(s, len, "（")) > 0 || (k = lit(s, len, "(")) > 0) { at = k; paren = 1; }
  at += digits(s + at, len - at, 3, &nd, &v);
  if (nd == 0) return 0;
  if (paren) {
    if ((k = lit(s + at, len - at, "）")) == 0 && (k = lit(s + at, len - at, ")")) == 0) return 0;
  }
  else if ((k = lit(s + at, len - at, "．")) == 0 && (k = lit(s + at, len - at, "、")) == 0) {
    if (at >= len || s[at] != '.' || (at + 1 < len && s[at + 1] >= '0' && s[at + 1] <= '9'))
      return 0;                                       /* 1.5 is a number, 1. an item */
    k = 1;
  }
  at += k;
  return at + skipsp(s + at, len - at);
}

/* 附件： or 附件:, the bytes with the white space after; 0 if none. */
static size_t attachnote (const char *s, size_t len) {
  size_t k = lit(s, len, "附件"), c;
  if (k == 0) return 0;
  k += skipsp(s + k, len - k);
  if ((c = lit(s + k, len - k, "：")) == 0 && (c = lit(s + k, len - k, ":")) == 0) return 0;
  k += c;
  return k + skipsp(s + k, len - k);
}

/* An attachment's name at s[base .. base+len), without its number and final 。 or ； */
static void attachitem (const char *s, size_t base, size_t len, tifai_gongwen *g) {
  size_t k = itemnumber(s + base, len);
  base += k;
  len -= k;
  while (len >= 3 && (endsw(s + base, len, "。") || endsw(s + base, len, "；"))) len -= 3;
  addspan(g->attachments, &g->nattachments, base, rtrim(s + base, len));
}

/* Words that open a salutation, which is no 主送机关 */
static const char *const salutes[] = {"同志们", "各位", "女士们", "先生们", "朋友们", "同学们",
  "老师们", "亲爱的", NULL};

/* Split a list of organs s[base .. base+len) (主送机关, 抄送) at ， , ；; and at 、 only when
** each of its pieces is an organ's name: 各省、自治区、直辖市人民政府 stays one. */
static void organlist (const char *s, size_t base, size_t len, tifai_gw_span *list, size_t *n) {
  static const char *const seps[] = {"，", "；", ",", ";", NULL};
  size_t at = 0, b, k = 0;
  int j;
  while (len > 0 && (endsw(s + base, len, "：") || endsw(s + base, len, "。")))  len -= 3;
  if (len > 0 && (s[base + len - 1] == ':' || s[base + len - 1] == '.')) len--;
  while (at < len) {
    size_t e = at, m, p;
    int all = 1;
    for (b = at; e < len; e += cplen(s[base + e])) {
      for (j = 0; seps[j] != NULL; j++) if ((k = lit(s + base + e, len - e, seps[j])) > 0) break;
      if (seps[j] != NULL) break;
    }
    /* the group s[b..e): split at 、 if every piece is organ-like */
    for (p = b, m = b; m <= e; m += (m < e ? cplen(s[base + m]) : 1))
      if (m == e || lit(s + base + m, e - m, "、")) {
        size_t q = p + skipsp(s + base + p, m - p);
        if (!organlike(s + base + q, rtrim(s + base + q, m - q))) all = 0;
        p = m + 3;
      }
    if (all) {
      for (p = b, m = b; m <= e; m += (m < e ? cplen(s[base + m]) : 1))
        if (m == e || lit(s + base + m, e - m, "、")) {
          size_t q = p + skipsp(s + base + p, m - p);
          addspan(list, n, base + q, rtrim(s + base + q, m - q));
          p = m + 3;
        }
    }
    else {
      size_t q = b + skipsp(s + base + b, e - b);
      addspan(list, n, base + q, rtrim(s + base + q, e - q));
    }
    at = e < len ? e + k : len;
  }
}

/* Words of a sentence that ends in ： (现将有关事项通知如下：), which is no 主送机关 */
static const char *const notorgans[] = {"如下", "现将", "为了", "根据", "按照", "依据", "经研究",
  NULL};

/* 主送机关: a line ending in ： (or :), no 。, no salutation, no words of a sentence. */
static int addresseeline (const char *s, size_t len) {
  int i;
  if (!(endsw(s, len, "：") || endsw(s, len, ":")) || len < 4 || nchars(s, len) > 150
      || hasword(s, len, "。") || hasword(s, len, "！"))
    return 0;
  for (i = 0; salutes[i] != NULL; i++) if (lit(s, len, salutes[i])) return 0;
  for (i = 0; notorgans[i] != NULL; i++) if (hasword(s, len, notorgans[i])) return 0;
  return 1;
}

/* 印发: ORGAN DATE印发; the date ISO into 'iso', the organ's length into '*on'. */
static int issuedline (const char *s, size_t len, char iso[16], size_t *on) {
  size_t i;
  if (!endsw(s, len, "印发")) return 0;
  len = rtrim(s, len - 6);
  for (i = 0; i < len; i += cplen(s[i])) {
    const char *prec;
    size_t used = tifai_date_parse(s + i, len - i, iso, &prec);
    if (used > 0 && used == len - i && strcmp(prec, "day") == 0) {
      *on = rtrim(s, i);
      return *on == 0 || !haspunct(s, *on);
    }
  }
  return 0;
}

/* 抄送：…: the bytes of the label, 0 if none. */
static size_t ccline (const char *s, size_t len) { return label(s, len, "抄送"); }

/* Lines that close a body and are no 署名 although short and bare: 特此通知, 此复 */
static int closing (const char *s, size_t len) {
  return lit(s, len, "特此") || lit(s, len, "此复") || lit(s, len, "此函");
}

/* }====== */

#define LINE(i)  (s + lines[i].byte), lines[i].nbyte

/* The number of lines (1 to MAXTITLE) of a title starting at line i; 0 if none. */
static size_t titleat (const char *s, const tifa_para *lines, size_t n, size_t i) {
  size_t k;
  int guan = 0;
  for (k = 0; k < MAXTITLE && i + k < n; k++) {
    if (!titlepiece(LINE(i + k)) || isdocno(LINE(i + k))) return 0;
    if (hasword(LINE(i + k), "关于")) guan = 1;
    if (endskind(LINE(i + k))) {
      if (guan) return k + 1;
      if (k == 0 && nchars(LINE(i)) <= 20 && (endsw(LINE(i), "公告") || endsw(LINE(i), "通告")))
        return 1;                                       /* 国家税务总局公告 */
      return 0;
    }
    if (nchars(LINE(i + k)) > MAXLINE) return 0;       /* a title's lines are short */
  }
  return 0;
}

/* The 发文字号 of line 'i' (which starts at byte 'at'): at db, dn bytes, parts 'dp' */
static void setdocno (tifai_gongwen *g, const tifai_gw_docno *dp, size_t at, size_t i, size_t db,
                      size_t dn) {
  g->docno_line = i;
  g->docno.byte = at + db;
  g->docno.nbyte = dn;
  g->docno_parts = *dp;
  g->docno_parts.organ.byte += at;
}

static void clear (tifai_gongwen *g, size_t n) {
  memset(g, 0, sizeof(*g));
  g->docno_line = g->title_first = g->title_last = g->date_line = n;
}

int tifai_gongwen_read (const char *s, const tifa_para *lines, size_t n, int *roles,
                        tifai_gongwen *out) {
  size_t i = 0, j, k, d, bodystart, om = 0, sig = 0, db, dn, son = 0;
  int score = 0, docno = 0;
  tifai_gw_docno dp;
  char iso[16];
  clear(out, n);
  for (k = 0; k < n; k++) roles[k] = TIFAI_GW_BODY;
  /* 版头: marks, 发文机关标志, 发文字号, 签发人 */
  while (i < n && i < 3 && markline(LINE(i), lines[i].byte, out)) roles[i++] = TIFAI_GW_MARK;
  if (i > 0) score += 5;
  while (i < n && om < 3 && (organmarkfile(LINE(i)) || organline(LINE(i)) || organmarkorder(LINE(i)))) {
    i++;
    om++;
    if (organmarkorder(LINE(i - 1))) break;
  }
  if (om > 0) {
    int file = organmarkfile(LINE(i - 1));
    if (organmarkorder(LINE(i - 1)) && i < n && tifai_gongwen_number(LINE(i), &dp)) {
      for (k = i - om; k < i; k++) roles[k] = TIFAI_GW_ORGAN_MARK;   /* 国务院令, 第777号 */
      score += 15;
      docno = out->order = 1;
      setdocno(out, &dp, lines[i].byte, i, 0, lines[i].nbyte);
      out->docno_parts.organ.byte = lines[i - 1].byte;
      out->docno_parts.organ.nbyte = lines[i - 1].nbyte;
      roles[i++] = TIFAI_GW_DOCNO;
    }
    else if (file || (i < n && (docnoline(LINE(i), &dp, &db, &dn, &sig) || titleat(s, lines, n, i)))) {
      for (k = i - om; k < i; k++) roles[k] = TIFAI_GW_ORGAN_MARK;
      score += 15;
    }
    else i -= om;                                       /* organs at the top: a 署名? body */
  }
  for (k = 0; k < 2 && i < n; k++) {                    /* 发文字号 above the title, 签发人 */
    if (!docno && docnoline(LINE(i), &dp, &db, &dn, &sig)) {
      docno = 1;
      setdocno(out, &dp, lines[i].byte, i, db, dn);
      if (sig > 0) {
        size_t l = signerlabel(s + lines[i].byte + sig, lines[i].nbyte - sig);
        names(s, lines[i].byte + sig + l, lines[i].nbyte - sig - l, out->signers, &out->nsigners);
      }
      roles[i++] = TIFAI_GW_DOCNO;
    }
    else if (i < n && (sig = signerlabel(LINE(i))) > 0) {
      names(s, lines[i].byte + sig, lines[i].nbyte - sig, out->signers, &out->nsigners);
      roles[i++] = TIFAI_GW_SIGNER;
    }
  }
  if (out->nsigners > 0) score += 5;
  /* 标题, then (scraped pages) the 发文字号 under it, then the 主送机关 */
  if ((k = titleat(s, lines, n, i)) > 0) {
    score += 25;
    out->title_first = i;
    out->title_last = i + k - 1;
    while (k-- > 0) roles[i++] = TIFAI_GW_TITLE;
    if (!docno && i < n && docnoline(LINE(i), &dp, &db, &dn, &sig) && sig == 0) {
      docno = 1;
      setdocno(out, &dp, lines[i].byte, i, db, dn);
      roles[i++] = TIFAI_GW_DOCNO;
    }
    else if (!docno && i < n && tifai_gongwen_number(LINE(i), &dp)) {      /* a 公告's 2024年第3号 */
      docno = 1;
      setdocno(out, &dp, lines[i].byte, i, 0, lines[i].nbyte);
      out->docno_parts.organ.nbyte = 0;
      roles[i++] = TIFAI_GW_DOCNO;
    }
    if (i < n && addresseeline(LINE(i))) {
      organlist(s, lines[i].byte, lines[i].nbyte, out->addressees, &out->naddressees);
      roles[i++] = TIFAI_GW_ADDRESSEE;
      score += 20;
    }
  }
  if (docno) score += 30;
  bodystart = i;
  /* 版记 at the end: 印发, 抄送 */
  j = n;
  if (j > bodystart && issuedline(LINE(j - 1), out->issued_date, &k)) {
    j--;
    out->issuer.byte = lines[j].byte;
    out->issuer.nbyte = k;
    roles[j] = TIFAI_GW_ISSUED;
    score += 10;
  }
  else out->issued_date[0] = '\0';
  if (j > bodystart && (k = ccline(LINE(j - 1))) > 0) {
    j--;
    organlist(s, lines[j].byte + k, lines[j].nbyte - k, out->cc, &out->ncc);
    roles[j] = TIFAI_GW_CC;
    score += 5;
  }
  /* 成文日期: the first date alone after the body that only 附注, a 附件 part and the 版记
  ** follow */
  for (d = bodystart + 1; d < j; d++) {                 /* a body line at least before it */
    if (!datealone(LINE(d), iso) && !signdate(LINE(d), iso, &son)) continue;
    for (k = d + 1; k < j && noteline(LINE(k)); k++) {}
    if (k == j || attachlabel(LINE(k))) break;
  }
  if (d < j) {
    son = 0;
    if (!datealone(LINE(d), iso)) signdate(LINE(d), iso, &son);
    memcpy(out->date, iso, sizeof(iso));
    out->date_line = d;
    roles[d] = TIFAI_GW_DATE;
    score += 15;
    for (k = d + 1; k < j && noteline(LINE(k)); k++) roles[k] = TIFAI_GW_NOTE;
    for (; k < j; k++) roles[k] = TIFAI_GW_ATTACHMENT;
    /* 署名 right above the date */
    for (k = d; k > bodystart && d - k < MAXSIGN && (organline(LINE(k - 1)) || postline(LINE(k - 1)))
                && !closing(LINE(k - 1)); k--) {}
    if (k < d || son > 0) score += 10;
    for (i = k; i < d; i++) {
      if (postline(LINE(i)))                            /* 总理　李强: one signature */
        addspan(out->signatures, &out->nsignatures, lines[i].byte, lines[i].nbyte);
      else names(s, lines[i].byte, lines[i].nbyte, out->signatures, &out->nsignatures);
      roles[i] = TIFAI_GW_SIGNATURE;
    }
    if (son > 0) names(s, lines[d].byte, son, out->signatures, &out->nsignatures);
    /* 附件说明 right above that: 附件：1. …, then 2. … */
    for (i = k; i > bodystart && k - i < TIFAI_GW_MAXLIST; i--) {
      if (attachnote(LINE(i - 1)) > 0) break;
      if (itemnumber(LINE(i - 1)) == 0) { i = bodystart; break; }
    }
    if (i > bodystart && attachnote(LINE(i - 1)) > 0) {
      size_t a;
      i--;
      for (a = i; a < k; a++) {
        size_t l = a == i ? attachnote(LINE(a)) : 0;
        attachitem(s, lines[a].byte + l, lines[a].nbyte - l, out);
        roles[a] = TIFAI_GW_ATTACHMENT_NOTE;
      }
      score += 5;
    }
  }
  if (score > 100) score = 100;
  out->score = score;
  if (score < TIFAI_GW_THRESHOLD) {                     /* unsure: say nothing */
    clear(out, n);
    out->score = score;
    for (k = 0; k < n; k++) roles[k] = TIFAI_GW_BODY;
  }
  else out->found = 1;
  return out->score;
}
