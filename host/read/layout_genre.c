/*
** layout_genre.c -- a page's genre, from the conventions of each genre (see layout_int.h):
** a law (three 第N条 bodies, or one and a dated event line of its making such as "2018年11月6日
** 国务院令第706号公布", or such a line right under the title: the decisions and amendments of a
** people's congress have no 条), an official document (公文,
** GB/T 9704: a 发文字号 such as 国发〔2024〕1号 near the top, or a 主送机关 line ending in
** "：" under the title and a 成文日期 closing the text), a speech or report (a salutation
** such as "同志们：" under a short head), else a news page. Records are "record".
*/
#include "layout_int.h"

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

/* A 发文字号 within s[0..len): ORGAN〔YEAR〕N号 (also [YEAR], ［YEAR］). */
static int docnumber (const char *s, size_t len) {
  static const char *const open[] = {"〔", "［", "[", NULL};
  static const char *const close[] = {"〕", "］", "]", NULL};
  int k;
  for (k = 0; open[k]; k++) {
    const char *p = findlit(s, len, open[k]);
    size_t o = strlen(open[k]), i, c = strlen(close[k]);
    if (p == NULL || p == s) continue;
    p += o;
    for (i = 0; i < 4 && p + i < s + len && p[i] >= '0' && p[i] <= '9'; i++) ;
    if (i != 4 || p + 4 + c > s + len || memcmp(p + 4, close[k], c) != 0) continue;
    p += 4 + c;
    for (i = 0; p + i < s + len && p[i] >= '0' && p[i] <= '9'; i++) ;
    if (i > 0 && i <= 5 && startswith(p + i, (size_t)(s + len - p - i), "号")) return 1;
  }
  return 0;
}

/* Is s[0..len) a date alone (a 成文日期: 2024年1月5日, 二〇二四年一月五日)? */
static int datealone (const char *s, size_t len) {
  char iso[16];
  const char *prec;
  size_t used;
  trimspace(&s, &len);
  used = tifai_date_parse(s, len, iso, &prec);
  return used > 0 && used == len && strcmp(prec, "day") == 0;
}

static int islive (const block *b) {
  return b->role != R_JOINED && b->role != R_DUP && b->role != R_DROP && b->role != R_FURN
         && b->role != R_PAGEMETA;
}

/* The genre of the page, after roles() (see the file's head); static strings. */
const char *tifai_genre_detect (tifai_layout *L) {
  size_t i, seen = 0, provisions = 0, events = 0, last = L->nb;
  int docno = 0, salute = 0, addressee = 0;
  for (i = 0; i < L->nb; i++) {
    const block *b = &L->b[i];
    const char *s = btext(L, b);
    if (!islive(b)) continue;
    seen++;
    last = i;
    if (b->kind != TIFAI_PARA_HEADING && tifai_law_provision(s, b->len)) provisions++;
    if (seen <= 12) {
      if (tifai_law_event(s, b->len, NULL, NULL)) events += seen <= 3 ? 2 : 1;   /* under the title */
      if (nchars(s, b->len) <= 40 && docnumber(s, b->len)) docno = 1;
      if (b->len <= 40 && rulestart(tifai_salutations, s, b->len) != NULL
          && b->len == strlen(rulestart(tifai_salutations, s, b->len)->lit))
        salute = 1;
    }
    if (seen >= 2 && seen <= 4 && !addressee && nchars(s, b->len) <= 40 && b->level == 0
        && (endswith(s, b->len, "：") || endswith(s, b->len, ":")) && !salute
        && rulestart(tifai_salutations, s, b->len) == NULL)
      addressee = 1;
  }
  if (provisions >= 3 || (provisions >= 1 && events >= 1) || events >= 2) return "law";
  if (docno || (addressee && last < L->nb && datealone(btext(L, &L->b[last]), L->b[last].len)))
    return "document";
  if (salute) return "speech";
  return "news";
}
