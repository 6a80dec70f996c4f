/*
** layout_genre.c -- a page's genre, from the conventions of each genre (see layout_int.h):
** a law (three 第N条 bodies, or one and a dated event line of its making such as "2018年11月6日
** 国务院令第706号公布", or such a line right under the title: the decisions and amendments of a
** people's congress have no 条), an official document (公文:
** its lines read by the elements of GB/T 9704, gongwen.c, to a score of at least
** TIFAI_GW_THRESHOLD: a 发文字号 and a title, a title, 主送机关 and 成文日期, ...), a speech or
** report (a salutation
** such as "同志们：" under a short head), a court case (案例: the headings of the courts'
** guiding and typical cases, each a line of its own: the facts, 基本案情, 简要案情 or 案情回顾, and one
** more of 关键词, 裁判要点, 相关法条, 裁判结果, 裁判理由, 典型意义, ...), else a news page.
** Records are "record".
*/
#include "layout_int.h"
#include "gongwen.h"

/* Does a 第N条 provision label open s[0..len) ("第十二条　…", "第12条 …")? */
int tifai_law_provision (const char *s, size_t len) {
  size_t k = 0, n, d = 0;
  if (!startswith(s, len, "第")) return 0;
  k = 3;
  while (k < len) {
    int32_t cp = cpat(s + k, len - k, &n);
    if (!(isin(cp, "〇零一二三四五六七八九十百千") || (cp >= '0' && cp <= '9')
          || (cp >= 0xFF10 && cp <= 0xFF19)))
      break;
    k += n;
    d++;
  }
  if (d == 0 || d > 8 || !startswith(s + k, len - k, "条")) return 0;
  k += 3;
  if (k == len) return 1;
  {
    int32_t cp = cpat(s + k, len - k, &n);          /* then a space, or the text */
    return !isin(cp, "，、的之规中款项所和或及");
  }
}

/* Is s[0..len) one of a case's headings (【基本案情】 and 基本案情： too)? Its bit, or 0. The
** first four are the facts, which every write-up of a case gives. */
#define CASEFACTS  15u
static unsigned caseheading (const char *s, size_t len) {
  static const char *const heads[] = {"基本案情", "案情回顾", "案情简介", "简要案情", "关键词", "裁判要点",
    "裁判要旨", "相关法条", "裁判结果", "判决结果", "处理结果", "法院裁判", "裁判理由", "案例分析", "法官解读",
    "适用解析", "典型意义", NULL};
  size_t k;
  unsigned i;
  if (startswith(s, len, "【") && endswith(s, len, "】")) { s += 3; len -= 6; }
  else if (endswith(s, len, "：")) len -= 3;
  for (i = 0; heads[i] != NULL; i++)
    if ((k = strlen(heads[i])) == len && memcmp(s, heads[i], k) == 0) return 1u << i;
  return 0;
}

static int islive (const block *b) {
  return b->role != R_JOINED && b->role != R_DUP && b->role != R_DROP && b->role != R_FURN
         && b->role != R_PAGEMETA;
}

/* The genre of the page, after roles() (see the file's head); static strings. */
const char *tifai_genre_detect (tifai_layout *L) {
  size_t i, seen = 0, provisions = 0, events = 0;
  int salute = 0, nheads = 0;
  unsigned heads = 0;
  for (i = 0; i < L->nb; i++) {
    const block *b = &L->b[i];
    const char *s = btext(L, b);
    if (!islive(b)) continue;
    seen++;
    if (b->len <= 18) heads |= caseheading(s, b->len);
    if (b->kind != TIFAI_PARA_HEADING && tifai_law_provision(s, b->len)) provisions++;
    if (seen <= 12) {
      if (tifai_law_event(s, b->len, NULL, NULL)) events += seen <= 3 ? 2 : 1;   /* under the title */
      if (b->len <= 40 && rulestart(tifai_salutations, s, b->len) != NULL
          && b->len == strlen(rulestart(tifai_salutations, s, b->len)->lit))
        salute = 1;
    }
  }
  if (heads & CASEFACTS) for (; heads; heads &= heads - 1) nheads++;
  if (nheads >= 2) return "case";                   /* before law: a case quotes 条 */
  if (provisions >= 3 || (provisions >= 1 && events >= 1) || events >= 2) return "law";
  if (tifai_doc_score(L) >= TIFAI_GW_THRESHOLD) return "document";
  if (salute) return "speech";
  return "news";
}
