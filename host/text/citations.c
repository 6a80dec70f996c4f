/*
** citations.c -- documents cited in a text (tifa_extract_citations): titles in 《》, the
** 文号 in the brackets after them, and aliases (（以下简称《意见》）) resolved to the full title.
*/
#include <string.h>
#include "text.h"
#include "units.h"
#include "extract.h"

#define MAXALIAS    64      /* aliases remembered per text; later ones replace the oldest */

/* Words that introduce an alias inside the brackets after a title */
static const char *const aliaswords[] = {"以下简称", "以下称", "下称", "简称", "即", NULL};

typedef struct Alias {
  size_t byte, nbyte;       /* the alias, inside its 《》 */
  size_t full, nfull;       /* the full title */
  size_t doc, ndoc;         /* its document number, ndoc == 0: none */
} Alias;

static size_t prefix (const char *s, size_t len, const char *w) {
  size_t n = strlen(w);
  return n <= len && memcmp(s, w, n) == 0 ? n : 0;
}

/* The brackets at s[at] after a title: a document number and an alias, each optional, in
** "（国发〔2024〕1号）", "（以下简称《意见》）", "（发改环资〔2024〕379号，以下简称《政策措施》）".
** Returns the end of the brackets, or 0 if there are none. */
static size_t bracket (const char *s, size_t len, size_t at, Alias *a) {
  size_t k, n, close;
  int kind, i;
  if ((k = prefix(s + at, len - at, "（")) == 0 && (k = prefix(s + at, len - at, "(")) == 0) return 0;
  for (close = at + k; close < len && s[close] != '\n' && !prefix(s + close, len - close, "）")
       && s[close] != ')'; close += tifai_cplen(s[close])) {}
  if (close >= len || s[close] == '\n') return 0;
  at += k;
  if ((n = tifai_unit(s + at, close - at, &kind)) > 0 && kind == TIFAI_UNIT_DOCNO) {
    a->doc = at;
    a->ndoc = n;
    at += n;
    if ((k = prefix(s + at, close - at, "，")) > 0 || (k = prefix(s + at, close - at, "、")) > 0
        || (k = prefix(s + at, close - at, ",")) > 0 || (k = prefix(s + at, close - at, "；")) > 0)
      at += k;
  }
  for (i = 0; aliaswords[i] != NULL; i++)
    if ((k = prefix(s + at, close - at, aliaswords[i])) > 0) {
      at += k;
      if ((n = tifai_unit(s + at, close - at, &kind)) > 0 && kind == TIFAI_UNIT_TITLE
          && n > 6 && at + n == close) {
        a->byte = at + 3;
        a->nbyte = n - 6;
      }
      break;
    }
  return close + (s[close] == ')' ? 1 : 3);
}

/* The brackets after a title: one or two (《...》（国发〔2024〕1号）（以下简称《意见》）) */
static void brackets (const char *s, size_t len, size_t at, Alias *a) {
  a->ndoc = a->nbyte = 0;
  if ((at = bracket(s, len, at, a)) > 0) bracket(s, len, at, a);
}

/* A title broken across lines at s[at], 《 and 》 alone on their lines around it, as pages
** made from Wikisource's links have it: 《\n建议\n》. Returns its length with the marks, the
** title in s[*tb .. *tb + *tn), or 0. */
static size_t splittitle (const char *s, size_t len, size_t at, size_t *tb, size_t *tn) {
  size_t k = at + 3, ncp = 0;
  if (k >= len || s[k] != '\n') return 0;
  *tb = ++k;
  for (; k < len && s[k] != '\n'; k += tifai_cplen(s[k])) {
    if (prefix(s + k, len - k, "《") || prefix(s + k, len - k, "》") || ++ncp > 100) return 0;
  }
  *tn = k - *tb;
  if (ncp == 0 || k >= len || !prefix(s + k + 1, len - k - 1, "》")) return 0;
  return k + 4 - at;
}

static const Alias *findalias (const Alias *al, int nal, const char *s, size_t byte, size_t nbyte) {
  int i;
  for (i = nal - 1; i >= 0; i--)
    if (al[i].nbyte == nbyte && memcmp(s + al[i].byte, s + byte, nbyte) == 0) return &al[i];
  return NULL;
}

size_t tifa_extract_citations (const char *s, size_t len, tifa_citation *out, size_t max) {
  tifai_cursor c = TIFAI_CURSOR_INIT(s);
  Alias al[MAXALIAS];
  int nal = 0, kind;
  size_t at = 0, count = 0, n;
  while (at < len) {
    const char *p = memchr(s + at, 0xE3, len - at);          /* 《 is E3 80 8A */
    const Alias *def;
    Alias a;
    size_t tb, tn;
    if (p == NULL) break;
    at = (size_t)(p - s);
    if (!prefix(s + at, len - at, "《")) { at++; continue; }
    if ((n = tifai_unit(s + at, len - at, &kind)) > 0) { tb = at + 3; tn = n - 6; }
    else if ((n = splittitle(s, len, at, &tb, &tn)) == 0) { at++; continue; }
    brackets(s, len, at + n, &a);
    def = findalias(al, nal, s, tb, tn);
    if (count < max) {
      tifa_citation *r = &out[count];
      memset(r, 0, sizeof(*r));
      tifai_span_set(&c, &r->at, at, n);
      tifai_span_set(&c, &r->title, tb, tn);
      if (def != NULL) {
        tifai_span_set(&c, &r->full_title, def->full, def->nfull);
        if (def->ndoc > 0) tifai_span_set(&c, &r->docno, def->doc, def->ndoc);
        r->alias = 1;
      }
      else {
        r->full_title = r->title;
        if (a.ndoc > 0) tifai_span_set(&c, &r->docno, a.doc, a.ndoc);
      }
    }
    count++;
    if (a.nbyte > 0) {                                         /* remember the alias */
      if (nal == MAXALIAS) { memmove(al, al + 1, sizeof(al[0]) * (MAXALIAS - 1)); nal--; }
      if (def != NULL) { a.full = def->full; a.nfull = def->nfull; a.doc = def->doc; a.ndoc = def->ndoc; }
      else { a.full = tb; a.nfull = tn; }
      al[nal++] = a;
    }
    at += n;
  }
  return count;
}

/* {====== Self-references: 本法, 本条例, ... ====== */

/* The words after 本 that name a whole document, with their kind (as tifa_cite_kind names
** it) and the characters after them that make the word another (本法院, 本章程序 = 本章 程序,
** 本报告期, 本规划区): longer words first. 本章, 本节, 本条, 本款, 本项, 本编 name parts. */
static const char *const selfwords[][3] = {
  {"规划纲要", "纲要", ""}, {"议定书", "议定书", ""}, {"修正案", "修正案", ""},
  {"宪法", "法", ""}, {"法典", "法", ""}, {"法律", "法", ""}, {"条例", "条例", ""},
  {"规定", "规定", ""}, {"办法", "办法", ""}, {"决定", "决定", "书"}, {"决议", "决议", "书"},
  {"意见", "意见", "书"}, {"解释", "解释", ""}, {"细则", "细则", ""}, {"规则", "规则", ""},
  {"准则", "准则", ""}, {"纲要", "纲要", ""}, {"规划", "规划", "区"}, {"通知", "通知", ""},
  {"公告", "公告", ""}, {"公约", "公约", ""}, {"协定", "协定", ""}, {"条约", "条约", ""},
  {"章程", "章程", "序"}, {"方案", "方案", ""}, {"计划", "计划", "单"}, {"标准", "标准", "化"},
  {"规范", "规范", "化"}, {"守则", "守则", ""}, {"指南", "指南", "针"}, {"指引", "指引", ""},
  {"措施", "措施", ""}, {"报告", "报告", "期人"}, {"法", "法", "院庭官宝人学医师警治门术兰"},
  {NULL, NULL, NULL}
};

/* Characters that make a word with the 本 after them (基本, 根本, 日本, 成本, 资本, 原本,
** 版本, 文本, ...; 特本, 山本: names): 基本法 and 基本准则 are no self-references. */
static const char notbefore[] =
  "基根日成资原样文版账簿脚课剧标范蓝副正读底血老保还亏折手教译善珍刻抄稿画话股母赔够"
  "特山松桥岸宫杉藤森冈坂户传拓唱戏台绘书";

/* Words that end in one of those and take the 本 after them as its own word: 构成本法规定的,
** 完成本规划, 确保本条例实施, 修正本法 */
static const char verbsbefore[] =
  "构成完成造成形成组成促成达成变成生成确保担保修正更正纠正改正解读宣读规范达标投资出资融资";

/* 1 if the code point of 3 bytes at p is one of those in 'set' (all of 3 bytes) */
static int inset (const char *set, const char *p) {
  const char *q;
  for (q = set; *q; q += 3)
    if (memcmp(q, p, 3) == 0) return 1;
  return 0;
}

/* 1 if the two code points of 3 bytes at p are one of the words of two in 'set' */
static int inword (const char *set, const char *p) {
  const char *q;
  for (q = set; *q; q += 6)
    if (memcmp(q, p, 6) == 0) return 1;
  return 0;
}

size_t tifa_extract_selfrefs (const char *s, size_t len, tifa_selfref *out, size_t max) {
  tifai_cursor c = TIFAI_CURSOR_INIT(s);
  size_t at = 0, count = 0, n;
  int kind, depth = 0;                                       /* “ opened on this line */
  while (at + 3 < len) {
    size_t k, w;
    int i;
    if ((unsigned char)s[at] == 0xE3 && prefix(s + at, len - at, "《")      /* skip titles */
        && (n = tifai_unit(s + at, len - at, &kind)) > 0) {
      at += n;
      continue;
    }
    if (s[at] == '\n') depth = 0;
    else if (prefix(s + at, len - at, "“")) depth++;
    else if (prefix(s + at, len - at, "”") && depth > 0) depth--;
    if (!prefix(s + at, len - at, "本")) { at += tifai_cplen(s[at]); continue; }
    if (at >= 3 && ((unsigned char)s[at - 3] & 0xF0) == 0xE0 && inset(notbefore, s + at - 3)
        && !(at >= 6 && ((unsigned char)s[at - 6] & 0xF0) == 0xE0 && inword(verbsbefore, s + at - 6))) {
      at += 3;
      continue;
    }
    k = at + 3;
    if ((w = prefix(s + k, len - k, "实施")) > 0 || (w = prefix(s + k, len - k, "暂行")) > 0) k += w;
    for (i = 0; selfwords[i][0] != NULL; i++)
      if ((w = prefix(s + k, len - k, selfwords[i][0])) > 0) break;
    if (selfwords[i][0] == NULL) { at += 3; continue; }
    if (k + w + 3 <= len && inset(selfwords[i][2], s + k + w)) { at += 3; continue; }
    if (strcmp(selfwords[i][0], "法") == 0 && prefix(s + k + w, len - k - w, "规")
        && !prefix(s + k + w, len - k - w, "规定"))
      w += 3;                                                /* 本法规, not 本法 规定 */
    if (count < max) {
      tifa_selfref *r = &out[count];
      memset(r, 0, sizeof(*r));
      tifai_span_set(&c, &r->at, at, k + w - at);
      r->kind = selfwords[i][1];
      r->quoted = depth > 0;
    }
    count++;
    at = k + w;
  }
  return count;
}

/* }====== */
