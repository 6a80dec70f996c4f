/*
** layout_law.c -- the layout's rules for laws and other one-document pages (see
** layout_int.h): a Markdown or HTML page whose reader found its title ("# 中华人民共和国X法")
** is one document; its headings are its sections, a second top-level heading its subtitle;
** its 编/章/节 headings are sections in any format; the dated lines at its head ("2018年11月6日
** 中华人民共和国国务院令第706号公布") are events (fields), which give its date and 施行 date.
*/
#include "layout_int.h"

/* The first headings of a Markdown or HTML page whose reader took its title from the page
** ("# 中华人民共和国X法", then "## 第一章 总则"): with no story on the page opened by a cue
** at their level, they are the first section of the page's one article, not its title. */
int tifai_law_firstsection (tifai_layout *L, const size_t *h, size_t n, int fmt) {
  int lv = L->b[h[n - 1]].level;
  return cur(L) == NULL && L->ptitle && (fmt == TIFAI_FMT_MARKDOWN || fmt == TIFAI_FMT_HTML)
         && lv > 1 && L->b[h[0]].level > 1 && !L->collection && !tifai_news_cuedlevel(L, lv);
}

/* A second top-level heading under the page's title, with no story opened by a cue at that
** level: "# 中华人民共和国民法典" then "# 继承编" is one document, the heading its subtitle. */
int tifai_law_secondtitle (tifai_layout *L, const size_t *h, size_t n, int fmt) {
  return cur(L) == NULL && L->ptitle && (fmt == TIFAI_FMT_MARKDOWN || fmt == TIFAI_FMT_HTML)
         && n == 1 && L->b[h[0]].level == 1 && !L->collection && !tifai_news_cuedlevel(L, 1);
}

/* Is the page so far one document under the title its reader found (a law's "# title")? */
int tifai_law_onedoc (tifai_layout *L, int fmt) {
  return L->na == 1 && L->ptitle && cur(L)->f[F_TITLE] == L->ptitle && !cur(L)->ended
         && (fmt == TIFAI_FMT_MARKDOWN || fmt == TIFAI_FMT_HTML);
}

/* Is the run of headings h[0..n) the 编, 分编, 章 or 节 headings of a law page under its
** title ("第一章　总则")? They are sections of the one document, never a new article. */
int tifai_law_section (tifai_layout *L, const size_t *h, size_t n) {
  static const char *const units[] = {"编", "章", "节", NULL};
  size_t i;
  if (strcmp(L->genre, "law") != 0 || cur(L) == NULL || cur(L)->ended) return 0;
  for (i = 0; i < n; i++) {
    const char *s = btext(L, &L->b[h[i]]);
    size_t len = L->b[h[i]].len, k = 3, m;
    int u, d = 0;
    if (!startswith(s, len, "第")) return 0;
    while (k < len && (isin(cpat(s + k, len - k, &m), "〇零一二三四五六七八九十百千")
                       || (s[k] >= '0' && s[k] <= '9'))) { k += m; d++; }
    if (startswith(s + k, len - k, "分编")) k += 3;
    for (u = 0; units[u] && !startswith(s + k, len - k, units[u]); u++) ;
    if (d == 0 || units[u] == NULL) return 0;
  }
  return 1;
}

/* {====== Header events: "2018年11月6日 中华人民共和国国务院令第706号公布" ====== */

static const char *const eventkinds[] = {"通过", "公布", "发布", "修正", "修订", "施行", NULL};

static const char *kindname (const char *k) {     /* 发布 is a rule's 公布 */
  return strcmp(k, "发布") == 0 ? "公布" : k;
}

int tifai_law_event (const char *s, size_t len, char iso[16], const char **kind) {
  char d[16];
  const char *prec, *k = NULL;
  size_t used, o = 0, best = 0;
  int i;
  trimspace(&s, &len);
  if (startswith(s, len, "根据")) { s += 6; len -= 6; }   /* "根据DATE…《决定》第一次修正" */
  if (startswith(s, len, "（")) o = 3;
  else if (startswith(s, len, "(")) o = 1;
  if (len > 400 * 3 || (used = tifai_date_parse(s + o, len - o, d, &prec)) == 0
      || strcmp(prec, "day") != 0)
    return 0;
  if (o > 0 && (endswith(s, len, "）") || endswith(s, len, ")")))
    len -= endswith(s, len, "）") ? 3 : 1;
  trimspace(&s, &len);
  if (endswith(s, len, "公布施行") || endswith(s, len, "发布施行"))
    k = "公布";                                      /* (and 施行: tifai_law_events) */
  for (i = 0; eventkinds[i] && k == NULL; i++)       /* "...第二次修正": the line's end */
    if (endswith(s, len, eventkinds[i])) k = eventkinds[i];
  if (k == NULL && (findlit(s, len, "修正案") || findlit(s, len, "修改")))
    k = "修正";                                      /* "...通过的《…修正案》" */
  for (i = 0; eventkinds[i] && k == NULL; i++) {     /* else the first named */
    const char *p = findlit(s + o + used, len - o - used, eventkinds[i]);
    if (p && (best == 0 || (size_t)(p - s) < best)) { best = (size_t)(p - s); k = eventkinds[i]; }
  }
  if (k == NULL) return 0;
  if (iso) memcpy(iso, d, sizeof(d));
  if (kind) *kind = kindname(k);
  return 1;
}

/* Where the next event starts in s[0..len) (a date, or 根据 and a date, right after the end
** of one: "…第一次修正根据2009年8月27日…第二次修正"); len if none. */
static size_t nextevent (const char *s, size_t len) {
  size_t k, n;
  for (k = 3; k < len; k += n) {
    char iso[16];
    const char *prec;
    size_t e, d = startswith(s + k, len - k, "根据") ? 6 : 0;
    const char *t = s;
    cpat(s + k, len - k, &n);
    if (tifai_date_parse(s + k + d, len - k - d, iso, &prec) == 0 || strcmp(prec, "day") != 0)
      continue;
    e = k;
    trimspace(&t, &e);
    while (e >= 3 && (endswith(t, e, "。") || endswith(t, e, "，") || endswith(t, e, "；"))) e -= 3;
    for (d = 0; eventkinds[d]; d++) if (endswith(t, e, eventkinds[d])) return k;
  }
  return len;
}

static void jsonstr (tifai_buf *b, const char *k, const char *v, size_t vlen) {
  tifai_buf_addjson(b, k, strlen(k));
  tifai_buf_addc(b, ':');
  tifai_buf_addjson(b, v, vlen);
}

/* The dated lines at a law's head (under its title, before its first heading or 条) become
** fields: each an event in L->pf[F_EVENTS] (a JSON list), the latest 公布, 修正 or 修订 the
** page's date, the latest 施行 its effective date; the lines are dropped as
** "header event". A line that goes on a wrapped event (no date, no heading, no 条) joins it. */
void tifai_law_events (tifai_layout *L, int fmt) {
  size_t i, nev = 0, heads = 0;
  char version[16] = "", effective[16] = "";
  tifai_buf j = TIFAI_BUF_INIT;
  int open = 0;                                      /* the last event may go on */
  tifai_buf_addc(&j, '[');
  for (i = 0; i < L->nb; i = tifai_lay_nextlive(L, i)) {
    block *b = &L->b[i];
    const char *s = btext(L, b), *kind;
    char iso[16];
    size_t at = 0, end;
    if (b->role == R_JOINED || b->role == R_DUP || b->role == R_FURN || b->role == R_PAGEMETA)
      continue;
    if (b->role != R_BODY && b->role != R_HEAD) break;
    if (!tifai_law_event(s, b->len, iso, &kind)) {
      size_t cont = nextevent(s, b->len);
      if (nev == 0 && b->role == R_HEAD && (fmt == TIFAI_FMT_TEXT || b->level <= 1) && heads < 3) {
        heads++;                                     /* a text file's title lines, a "# 合同编" */
        continue;
      }
      if (!(nev > 0 && open && !(b->role == R_HEAD && b->level > 0) && nchars(s, cont) <= 80
            && !startswith(s, b->len, "第")))
        break;
      {
        tifai_buf t = TIFAI_BUF_INIT;                /* a wrapped event goes on */
        const char *c = s;
        size_t cl = cont, k;
        tifai_buf_addjson(&t, s, cont);
        if (t.len >= 2) tifai_buf_add(&j, t.p + 1, t.len - 2);
        tifai_buf_free(&t);
        trimspace(&c, &cl);
        for (k = 0; eventkinds[k]; k++) if (endswith(c, cl, eventkinds[k])) open = 0;
      }
      at = cont;                                     /* and events may follow in the block */
    }
    for (; at < b->len; at = end) {                  /* a block may hold several, joined */
      const char *t = s + at;
      size_t tl;
      end = at + nextevent(s + at, b->len - at);
      tl = end - at;
      trimspace(&t, &tl);
      if (!tifai_law_event(t, tl, iso, &kind)) break;
      if (nev > 0) tifai_buf_adds(&j, "\"},");
      tifai_buf_addc(&j, '{');
      jsonstr(&j, "date", iso, strlen(iso));
      tifai_buf_addc(&j, ',');
      jsonstr(&j, "kind", kind, strlen(kind));
      tifai_buf_addc(&j, ',');
      tifai_buf_addjson(&j, "text", 4);
      tifai_buf_addc(&j, ':');
      tifai_buf_addjson(&j, t, tl);
      j.len--;                                       /* the text stays open for a wrap */
      if (strcmp(kind, "施行") == 0) { if (strcmp(iso, effective) > 0) memcpy(effective, iso, 16); }
      else if (strcmp(kind, "通过") != 0 && strcmp(iso, version) > 0) memcpy(version, iso, 16);
      if (strcmp(kind, "施行") != 0 && endswith(t, tl, "施行") && strcmp(iso, effective) > 0)
        memcpy(effective, iso, 16);                  /* "…公布施行" */
      open = 1;
      {
        size_t k;
        for (k = 0; eventkinds[k]; k++) if (endswith(t, tl, eventkinds[k])) open = 0;
      }
      nev++;
    }
    b->role = R_DROP;                                /* (a piece no event reads stays in */
    b->why = "header event";                         /* the text of the one before) */
    if (at < b->len && nev > 0) {
      tifai_buf t = TIFAI_BUF_INIT;
      tifai_buf_addjson(&t, s + at, b->len - at);
      if (t.len >= 2) tifai_buf_add(&j, t.p + 1, t.len - 2);
      tifai_buf_free(&t);
    }
  }
  if (nev > 0) {
    tifai_buf_adds(&j, "\"}]");
    if (!j.oom) L->pf[F_EVENTS] = tifai_lay_addstr(L, j.p, j.len);
    if (version[0]) {                                /* else the file's name, else 通过
                                                        (prepare.c) */
      L->pf[F_DATE] = tifai_lay_addstr(L, version, strlen(version));
      L->pf[F_PREC] = tifai_lay_addstr(L, "day", 3);
    }
    else L->pf[F_DATE] = L->pf[F_PREC] = 0;         /* not the title's "（1988年）" either */
    if (effective[0]) L->pf[F_EFFECTIVE] = tifai_lay_addstr(L, effective, strlen(effective));
  }
  tifai_buf_free(&j);
}

/* }====== */
