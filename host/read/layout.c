/*
** layout.c -- cutting a page into articles (see layout.h). Five steps, each over the
** page's blocks (a block is a paragraph being assembled, its text as read):
**   1. blocks: lines become blocks; hard-wrapped lines and lines that start with closing
**      punctuation join the block before them (text files only);
**   2. repair: a block cut by a page break (it ends where no sentence can end, the next one
**      goes on) is joined to the next; a verbatim repeat is dropped;
**   3. roles: each block is prose, a heading-like line, a byline, an attribution, a page
**      header field, an editor line or site furniture (the tables of layout_rules.c); a
**      numbered list near the top that lists the page's own headings is its table of
**      contents, and dropped;
**   4. articles: runs of heading-like lines start an article (at the top, before a
**      byline or a dateline, after a quote box's attribution, on a collection page, or with
**      a kicker), or are section headings, or are dropped when nothing follows them;
**   5. fields: titles, kickers, subtitles and series from the header lines; author, outlet,
**      place and date from bylines, notes and datelines; page fields for every article.
** This file is the engine: the steps, the blocks and the output. The rules of each genre are
** files of their own (layout_int.h): layout_news.c, layout_speech.c, layout_law.c,
** layout_doc.c.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "layout_int.h"
#include "tifa_structure.h"

/* {====== The layout object ====== */

#define GROW(L, v, n, c, T) \
  ((n) < (c) || tifai_lay_grow((void **)&(v), &(c), sizeof(T), (n) + 1) == 0 ? 0 : ((L)->oom = 1, -1))

int tifai_lay_grow (void **v, size_t *cap, size_t sz, size_t need) {
  size_t nc = *cap ? *cap : 16;
  void *nv;
  while (nc < need) nc *= 2;
  if ((nv = realloc(*v, nc * sz)) == NULL) return -1;
  *v = nv;
  *cap = nc;
  return 0;
}

int tifai_layout_new (tifai_layout **out) {
  *out = (tifai_layout *)calloc(1, sizeof(**out));
  return *out ? TIFA_OK : TIFA_NOMEM;
}

void tifai_layout_free (tifai_layout *L) {
  size_t i;
  if (L == NULL) return;
  for (i = 0; i < L->ca; i++) tifai_buf_free(&L->a[i].meta);
  tifai_buf_free(&L->text);
  tifai_buf_free(&L->str);
  tifai_buf_free(&L->pmeta);
  free(L->b); free(L->mem); free(L->drop); free(L->a);
  free(L->out); free(L->paras); free(L->dropped); free(L->page); free(L->why);
  free(L);
}


/* }====== */
/* {====== Strings ====== */

size_t tifai_lay_addstr (tifai_layout *L, const char *s, size_t len) {
  size_t at = L->str.len;
  trimspace(&s, &len);
  if (len == 0) return 0;
  tifai_buf_add(&L->str, s, len);
  tifai_buf_addc(&L->str, '\0');
  return at + 1;
}


/* Strip 《》 around an outlet name. */
size_t tifai_lay_addoutlet (tifai_layout *L, const char *s, size_t len) {
  trimspace(&s, &len);
  if (startswith(s, len, "《") && endswith(s, len, "》")) { s += 3; len -= 6; }
  return tifai_lay_addstr(L, s, len);
}

size_t tifai_lay_adddate (tifai_layout *L, const char *s, size_t len, size_t *prec) {
  char iso[16];
  const char *p;
  size_t k = skipspace(s, len);
  if (tifai_date_parse(s + k, len - k, iso, &p) == 0) return 0;
  *prec = tifai_lay_addstr(L, p, strlen(p));
  return tifai_lay_addstr(L, iso, strlen(iso));
}

void tifai_lay_metapair (tifai_buf *m, const char *k, const char *v, size_t vlen) {
  tifai_buf key = TIFAI_BUF_INIT, val = TIFAI_BUF_INIT, out = TIFAI_BUF_INIT;
  const char *at = NULL;
  tifai_buf_addc(&key, ',');
  tifai_buf_addjson(&key, k, strlen(k));
  tifai_buf_adds(&key, ":\"");
  if (!key.oom && m->len >= key.len) {                  /* the key given before? */
    size_t i;
    for (i = 0; i + key.len <= m->len && at == NULL; i++)
      if (memcmp(m->p + i, key.p, key.len) == 0) at = m->p + i + key.len;
  }
  if (at == NULL) {
    tifai_buf_addc(m, ',');
    tifai_buf_addjson(m, k, strlen(k));
    tifai_buf_addc(m, ':');
    tifai_buf_addjson(m, v, vlen);
  }
  else {                                               /* one key, the values joined by */
    size_t off = (size_t)(at - m->p);                  /* a space: the new one last */
    while (off < m->len && m->p[off] != '"') off += m->p[off] == '\\' ? 2 : 1;
    tifai_buf_addc(&val, ' ');
    tifai_buf_addjson(&val, v, vlen);
    if (val.len >= 3 && off < m->len && !val.oom) {
      tifai_buf_add(&out, m->p, off);
      tifai_buf_add(&out, val.p, 1);                 /* the space, then the escaped value */
      tifai_buf_add(&out, val.p + 2, val.len - 3);
      tifai_buf_add(&out, m->p + off, m->len - off);
      if (out.oom) m->oom = 1;
      else { tifai_buf_reset(m); tifai_buf_add(m, out.p, out.len); }
    }
    else m->oom = 1;
  }
  if (key.oom) m->oom = 1;
  tifai_buf_free(&key);
  tifai_buf_free(&val);
  tifai_buf_free(&out);
}

/* }====== */

/* {====== 1. Blocks ====== */

static int newblock (tifai_layout *L, const tifai_para *p, int gap, int fmt) {
  block *b;
  const char *s = p->text;
  size_t len = p->len, lead;
  if (GROW(L, L->b, L->nb, L->cb, block) != 0) return TIFA_NOMEM;
  b = &L->b[L->nb++];
  memset(b, 0, sizeof(*b));
  lead = skipspace(s, len);
  b->indent = nchars(s, lead);
  trimspace(&s, &len);
  b->off = L->text.len;
  b->len = len;
  tifai_buf_add(&L->text, s, len);
  tifai_buf_addc(&L->text, '\0');
  b->kind = p->kind;
  b->level = p->level;
  b->l0 = p->line_start;
  b->l1 = p->line_end;
  b->b0 = p->byte_start;
  b->b1 = p->byte_end;
  b->gap = gap;
  b->width = fmt == TIFAI_FMT_TEXT ? swidth(s, len) + b->indent : 0;   /* for hard wraps */
  if (p->href != NULL) b->href = tifai_lay_addstr(L, p->href, p->hreflen);
  b->bold = p->bold;
  return L->text.oom || L->str.oom ? TIFA_NOMEM : TIFA_OK;
}

/* Append block 'src' (the last block) to block 'dst'. Blocks are contiguous in L->text
** only when dst is the block just before, so the text is rebuilt at the end. */
static void jointo (tifai_layout *L, size_t dst, size_t src) {
  block *d = &L->b[dst], *s = &L->b[src];
  size_t n, dlen = d->len, slen = s->len, doff = d->off, soff = s->off, off;
  int32_t a = lastcp(btext(L, d), dlen), c = cpat(btext(L, s), slen, &n);
  int space = (a < 0x80 && c < 0x80 && a != ' ' && ((a >= '0' && a <= '9') || (a | 32) >= 'a')
               && ((c >= '0' && c <= '9') || (c | 32) >= 'a'));
  if (tifai_buf_grow(&L->text, dlen + slen + 2) != 0) return;   /* no moves while copying */
  off = L->text.len;
  tifai_buf_add(&L->text, L->text.p + doff, dlen);
  if (space) tifai_buf_addc(&L->text, ' ');
  tifai_buf_add(&L->text, L->text.p + soff, slen);
  tifai_buf_addc(&L->text, '\0');
  d->off = off;
  d->len = dlen + (space ? 1 : 0) + slen;
  if (s->l1 > d->l1) d->l1 = s->l1;
  if (s->b1 > d->b1) d->b1 = s->b1;
  s->role = R_JOINED;
}

/* The column width lines wrap at, when the page is hard-wrapped: most lines followed by
** another line (no blank between) have the same width, give or take a character. 0 if not. */
static int wrapwidth (const tifai_doc *d, const tifai_layout *L) {
  int hist[512] = {0}, best = 0, n = 0, near = 0, k;
  size_t i;
  for (i = 0; i + 1 < d->npara; i++) {
    const block *b = &L->b[i];
    if (d->paras[i + 1].line_start != d->paras[i].line_end + 1) continue;
    if (b->width < 512) hist[b->width]++;
    n++;
  }
  if (n < 3) return 0;
  for (k = 0; k < 512; k++) if (hist[k] > hist[best]) best = k;
  for (k = best - 3; k <= best + 3; k++) if (k >= 0 && k < 512) near += hist[k];
  return (best >= 40 && near * 10 >= n * 6) ? best : 0;
}

/* A number cut at the line's end, in prose: "...稳中向好。国内生产总值达到74.4" then "万亿元，
** 增长6.7%" (a digit or point ends a line with sentence punctuation in it, a Chinese character
** or % starts the next; no page field or furniture on either side: "ICP备…号-1"). */
static int furnlike (const char *s, size_t len) {
  return rulestart(tifai_furniture, s, len) || rulestart(tifai_pagemeta, s, len)
         || findlit(s, len, "公网安备") || findlit(s, len, "ICP");
}

static int cutnumber (const tifai_layout *L, const block *p, const block *b, int32_t next) {
  const char *s = btext(L, p);
  int32_t last = lastcp(s, p->len);
  return ((last >= '0' && last <= '9') || last == '.')
         && (tifai_is_han(next) || next == '%' || next == 0xFF05)
         && (findlit(s, p->len, "。") || findlit(s, p->len, "，"))
         && !furnlike(s, p->len) && !furnlike(btext(L, b), b->len);
}

/* Runs of lines with no blank line between them, in a page whose paragraphs are separated by
** blank lines: when a line after the first starts with closing punctuation (，。、》” ...),
** the run's line breaks are not the author's but a converter's, as where a wiki's link texts
** were put on lines of their own ("...所作的 / 政府工作报告 / 。会议..."): the run is one
** paragraph. Runs with list items are left to the other rules. */
static void softruns (tifai_layout *L) {
  size_t s = 0, e, k, ngap = 0;
  for (k = 0; k < L->nb; k++) ngap += L->b[k].gap != 0;
  if (ngap < 3 || ngap * 8 < L->nb) return;          /* lines are paragraphs on this page */
  while (s < L->nb) {
    int closer = 0, items = 0;
    for (e = s + 1; e < L->nb && !L->b[e].gap; e++) {
      size_t n;
      int32_t c = cpat(btext(L, &L->b[e]), L->b[e].len, &n);
      if (isin(c, CLOSERS) && !isin(lastcp(btext(L, &L->b[e - 1]), L->b[e - 1].len), "。！？!?"))
        closer = 1;                                    /* cut mid-sentence */
      items |= rulestart(tifai_items, btext(L, &L->b[e]), L->b[e].len) != NULL;
    }
    if (closer && !items)
      for (k = s + 1; k < e; k++) jointo(L, s, k);
    s = e;
  }
}

static int blocks (tifai_layout *L, const tifai_doc *d, int fmt) {
  size_t i, first = 0;
  int W;
  for (i = 0; i < d->npara; i++) {
    int gap = fmt != TIFAI_FMT_TEXT ? !d->paras[i].soft
            : i == 0 || d->paras[i].line_start > d->paras[i - 1].line_end + 1;
    if (newblock(L, &d->paras[i], gap, fmt) != TIFA_OK) return TIFA_NOMEM;
  }
  if (fmt != TIFAI_FMT_TEXT) {                         /* a record's text with line breaks */
    softruns(L);
    return L->text.oom ? TIFA_NOMEM : TIFA_OK;
  }
  W = wrapwidth(d, L);
  if (W == 0) softruns(L);
  for (i = 1; i < L->nb; i++) {                       /* join wrapped lines */
    block *b = &L->b[i];
    const block *p;
    size_t n;
    int32_t c;
    if (b->role == R_JOINED) continue;
    if (b->gap) { first = i; continue; }
    p = &L->b[first];
    c = cpat(btext(L, b), b->len, &n);
    if (isin(c, CLOSERS)                               /* a line can't start with these */
        || (W > 0 && L->b[i - 1].width >= W - 3 && b->indent == 0
            && rulestart(tifai_items, btext(L, b), b->len) == NULL)
        || cutnumber(L, p, b, c)) {
      jointo(L, first, i);
    }
    else first = i;
  }
  return L->text.oom ? TIFA_NOMEM : TIFA_OK;
}

/* }====== */

/* {====== 2. Repair ====== */

/* Does block b start a part of its own, so that a verbatim copy of an earlier block across
** it is that part's text and no repeat: a heading, a list item, a 条, 章, 节 or 编? */
static int part1 (const tifai_layout *L, const block *b) {
  const char *s = btext(L, b);
  size_t k = 0, k0, w;
  int ordinal = 0;                                     /* 第…, not 一、 */
  if (b->kind == TIFAI_PARA_HEADING || headlike(s, b->len) || rulestart(tifai_items, s, b->len))
    return 1;
  if (startswith(s, b->len, "“")) k = 3;              /* an amendment quotes the new 条 */
  if (startswith(s + k, b->len - k, "第")) { k += 3; ordinal = 1; }
  for (k0 = k; k < b->len; k += w)                     /* numerals, then 条章节编款 or 、 */
    if (!isin(cpat(s + k, b->len - k, &w), ordinal ? "零〇一二三四五六七八九十百千0123456789"
                                                   : "零〇一二三四五六七八九十百千"))
      break;
  if (k == k0 || k >= b->len) return 0;
  return isin(cpat(s + k, b->len - k, &w), ordinal ? "条章节编款" : "、");
}

static int part (const tifai_layout *L, block *b) {      /* part1, once per block */
  if (b->part == 0) b->part = 1 + part1(L, b);
  return b->part == 2;
}

size_t tifai_lay_nextlive (const tifai_layout *L, size_t i) {
  for (i++; i < L->nb; i++) if (L->b[i].role != R_JOINED) return i;
  return L->nb;
}

/* Does s[0..len) open with a provision of a law (第N条, 第N条之M), not with a citation of
** one going on (第三十二条的规定, 第十条、第十一条, 第五条第二款)? A page break never joins
** such a block to the one before: the header line above a law's 第一条 ends open, and so does
** a heading wrapped onto two lines. */
static int provisionstart (const char *s, size_t len) {
  long number;
  int sub;
  size_t n = tifa_provision_label(s, len, &number, &sub), w;
  if (n == 0) return 0;
  while (n < len && (s[n] == ' ' || startswith(s + n, len - n, "\xE3\x80\x80"))) n += s[n] == ' ' ? 1 : 3;
  return n >= len || !isin(cpat(s + n, len - n, &w), "的、，,之中款项第和及或至到");
}

static void repair (tifai_layout *L) {
  size_t i, j, k;
  for (i = 0; i < L->nb; i = tifai_lay_nextlive(L, i)) {        /* page breaks */
    block *b = &L->b[i];
    if (b->role == R_JOINED) continue;
    while ((j = tifai_lay_nextlive(L, i)) < L->nb) {
      block *n = &L->b[j];
      b = &L->b[i];
      if (b->kind != TIFAI_PARA_TEXT || n->kind != TIFAI_PARA_TEXT || b->bold || n->bold) break;
      if (!endsopen(btext(L, b), b->len) || headlike(btext(L, b), b->len)
          || rulestart(tifai_items, btext(L, b), b->len)) break;   /* items end open */
      if (headlike(btext(L, n), n->len) || rulestart(tifai_items, btext(L, n), n->len)
          || rulestart(tifai_bylines, btext(L, n), n->len)
          || rulestart(tifai_pagemeta, btext(L, n), n->len)
          || rulestart(tifai_furniture, btext(L, n), n->len)
          || provisionstart(btext(L, n), n->len))
        break;
      jointo(L, i, j);
    }
  }
  for (i = 0; i < L->nb; i++) {                        /* verbatim repeats */
    block *b = &L->b[i];
    size_t prev = i;
    if (b->role != R_BODY || b->kind == TIFAI_PARA_HEADING || nchars(btext(L, b), b->len) < 16)
      continue;
    while (prev > 0 && L->b[prev - 1].role == R_JOINED) prev--;
    for (k = i; k-- > (i > 8 ? i - 8 : 0); ) {         /* the nearest copy, if any */
      block *o = &L->b[k];
      if (o->role == R_BODY && o->kind != TIFAI_PARA_HEADING && o->len == b->len
          && memcmp(btext(L, o), btext(L, b), b->len) == 0)   /* (a headline's repeat: 4.) */
        break;
    }
    if (k == (size_t)-1 || k < (i > 8 ? i - 8 : 0)) continue;
    if (k + 1 != prev) {                               /* not the block right before: */
      if (part(L, b)) continue;                        /* an item, a 条, or one across */
      for (j = k + 1; j < i && (L->b[j].role == R_JOINED || !part(L, &L->b[j])); j++) ;
      if (j < i) continue;                             /* another section, 条 or item */
    }
    b->role = R_DUP;
    b->why = "repeat";
  }
}

/* }====== */

/* {====== 3. Roles ====== */

static int names (const char *s, size_t len) {       /* a short run of names */
  return len > 0 && nchars(s, len) <= 24 && headlike(s, len);
}

/* "——NAME DATE 在…讲话" closing a quote box: it names a speech or writing or has a date,
** and prose does not go on after it (a run of "——" lines is a list). */
static int attribution_like (const tifai_layout *L, size_t i, const char *s, size_t len) {
  static const char *const ends[] = {"讲话", "发言", "致辞", "谈话", "文章", "报告", "贺信",
                                     "回信", "批示", "指示", "讲话中", "著作", "序言", NULL};
  size_t j = tifai_lay_nextlive(L, i), k, n;
  int dated = 0, said = 0;
  char iso[16];
  const char *prec;
  for (k = 0; k < len && !dated; k += n) {
    dated = tifai_date_parse(s + k, len - k, iso, &prec) > 0;
    cpat(s + k, len - k, &n);
  }
  for (k = 0; ends[k] && !said; k++) said = endswith(s, len, ends[k]);
  if (!dated && !said) return 0;
  if (j < L->nb) {
    const block *nb = &L->b[j];
    const char *t = btext(L, nb);
    if (startswith(t, nb->len, "——") || !headlike(t, nb->len)) return 0;
  }
  return 1;
}

/* A bold line that reads as a heading: short, no sentence punctuation, not ending open (a
** colon inside is allowed: "国际人士：美西方制裁…"). */
static int boldhead (const char *s, size_t len) {
  size_t i = 0, n;
  int nc = 0;
  if (len == 0 || len > 64 * 4) return 0;
  while (i < len) {
    int32_t cp = cpat(s + i, len - i, &n);
    i += n;
    nc++;
    if (isin(cp, "。！？!?；;")) return 0;
  }
  return nc <= 64 && !isin(lastcp(s, len), "，、：:,") && balanced(s, len);
}

/* Is the literal 'lit' that starts s[0..len) a word of a sentence ("承办单位应当…", a
** clause of a regulation) rather than the key of a "key: value" line of furniture? */
static int keyword (const char *s, size_t len, const char *lit) {
  size_t k = strlen(lit), n;
  return k < len && tifai_is_han(cpat(s + k, len - k, &n)) && tifai_is_han(lastcp(lit, k))
         && (endswith(s, len, "。") || endswith(s, len, "；"));
}

/* Does a text block that starts the page's foot (see tifai_page_feet) begin at block i? */
static int pagefoot (const tifai_layout *L, size_t i) {
  const block *b = &L->b[i];
  size_t k, seen;
  if (b->kind != TIFAI_PARA_TEXT || rulestart(tifai_page_feet, btext(L, b), b->len) == NULL)
    return 0;
  for (k = i, seen = 0; k < L->nb && seen <= 12; k = tifai_lay_nextlive(L, k), seen++) {
    const tifai_rule *m;
    for (m = tifai_foot_marks; m->lit; m++)
      if (findlit(btext(L, &L->b[k]), L->b[k].len, m->lit)) return 1;
  }
  return 0;
}

static void roles (tifai_layout *L, int fmt) {
  size_t i, prev = (size_t)-1, live = 0;
  for (i = 0; i < L->nb; i = tifai_lay_nextlive(L, i)) {         /* the page's foot, to the end */
    if (L->b[i].role == R_BODY && pagefoot(L, i)) {
      for (; i < L->nb; i++)
        if (L->b[i].role != R_JOINED) { L->b[i].role = R_DROP; L->b[i].why = "page foot (licence)"; }
      break;
    }
  }
  for (i = 0; i < L->nb; prev = (L->b[i].role == R_JOINED || L->b[i].role == R_DUP) ? prev : i, i++) {
    block *b = &L->b[i];
    const char *s = btext(L, b);
    const tifai_rule *r;
    int nc;
    if (b->role != R_BODY) continue;
    r = rulestart(tifai_placeholders, s, b->len);
    if (r != NULL && strlen(r->lit) == b->len) { b->role = R_DROP; b->why = "placeholder"; continue; }
    live++;
    nc = nchars(s, b->len);
    if (b->kind == TIFAI_PARA_HEADING) { b->role = R_HEAD; continue; }
    if (fmt != TIFAI_FMT_TEXT && b->bold && b->kind == TIFAI_PARA_TEXT && boldhead(s, b->len)) {
      b->role = R_HEAD;                                /* <p><strong>a sub-headline</strong></p> */
      continue;
    }
    if (b->kind != TIFAI_PARA_TEXT) continue;
    if (nc <= 80 && (r = rulestart(tifai_furniture, s, b->len)) != NULL
        && (r->what != 1 || !keyword(s, b->len, r->lit))) {
      b->role = R_FURN; b->why = "site furniture"; continue;
    }
    if (b->len <= 80 * 4 && nc <= 80 && findlit(s, b->len, "公网安备") != NULL) {
      b->role = R_FURN; b->why = "site furniture"; continue;
    }
    if (nc <= 60 && rulestart(tifai_pagemeta, s, b->len) != NULL) {
      b->role = R_PAGEMETA; b->why = "page field"; continue;
    }
    if (nc <= 40 && (r = rulestart(tifai_bylines, s, b->len)) != NULL) {
      size_t k = strlen(r->lit);
      if (names(s + k, b->len - k) && b->len > k) { b->role = R_BYLINE; b->why = "byline"; continue; }
    }
    if (nc <= 120 && startswith(s, b->len, "——") && attribution_like(L, i, s, b->len)) {
      b->role = R_ATTRIB; b->why = "attribution"; continue;
    }
    if (fmt == TIFAI_FMT_TEXT && headlike(s, b->len) && rulestart(tifai_items, s, b->len) == NULL
        && (b->gap || prev == (size_t)-1 || L->b[prev].role != R_BODY)
        && (live <= 2 || !(endswith(s, b->len, "：") || endswith(s, b->len, ":"))))
      b->role = R_HEAD;                                /* a short line on its own */
    else if (headlike(s, b->len) && nc <= 40
             && (startswith(s, b->len, "一、") || startswith(s, b->len, "二、")
                 || startswith(s, b->len, "三、") || startswith(s, b->len, "四、")
                 || startswith(s, b->len, "五、") || startswith(s, b->len, "六、")
                 || startswith(s, b->len, "七、") || startswith(s, b->len, "八、")
                 || startswith(s, b->len, "九、") || startswith(s, b->len, "十、")))
      b->role = R_HEAD;                                /* 一、... alone on its line: a heading */
    else if ((r = rulestart(tifai_items, s, b->len)) != NULL) {
      b->kind = TIFAI_PARA_ITEM;
      if (r->what == 1) {                              /* the bullet itself goes */
        size_t k = strlen(r->lit);
        L->bullets += solid(s, k);                     /* (the accounting's) */
        b->off += k;
        b->len -= k;
      }
    }
  }
}

/* }====== */

/* {====== 4 and 5. Articles and their fields ====== */

int tifai_lay_newart (tifai_layout *L) {
  art *a;
  if (L->na == L->ca) {                                /* new slots zeroed: their meta is empty */
    size_t old = L->ca;
    if (tifai_lay_grow((void **)&L->a, &L->ca, sizeof(art), L->na + 1) != 0) { L->oom = 1; return -1; }
    memset(L->a + old, 0, (L->ca - old) * sizeof(art));
  }
  a = &L->a[L->na];
  {
    tifai_buf keep = a->meta;                          /* keep its buffer from page to page */
    memset(a, 0, sizeof(*a));
    a->meta = keep;
    tifai_buf_reset(&a->meta);
  }
  a->m0 = L->nmem;
  a->d0 = L->na == 0 ? 0 : L->ndrop;                   /* the first takes what was dropped */
  a->nd = L->na == 0 ? L->ndrop : 0;                   /* before it */
  L->na++;
  return 0;
}


void tifai_lay_member (tifai_layout *L, size_t bi) {
  if (GROW(L, L->mem, L->nmem, L->cmem, size_t) != 0) return;
  L->mem[L->nmem++] = bi;
  cur(L)->nm++;
}

void tifai_lay_dropped (tifai_layout *L, size_t bi, const char *why) {
  if (GROW(L, L->drop, L->ndrop, L->cdrop, size_t) != 0) return;
  L->drop[L->ndrop++] = bi;
  L->b[bi].why = why;
  if (L->na > 0) cur(L)->nd++;                 /* before any article: listed with the first */
}


/* The first non-heading block after i (skipping page fields), or L->nb. */
size_t tifai_lay_after (const tifai_layout *L, size_t i) {
  for (i = tifai_lay_nextlive(L, i); i < L->nb; i = tifai_lay_nextlive(L, i)) {
    int r = L->b[i].role;
    if (r != R_HEAD && r != R_DUP) return i;
  }
  return L->nb;
}

static int articles (tifai_layout *L, int fmt) {
  size_t i = 0, h[16];
  int top = 1, body = 0;
  for (i = 0; i < L->nb; i++) body |= L->b[i].role == R_BODY;
  if (!body)                                   /* only short lines: they are the text */
    for (i = 0; i < L->nb; i++) if (L->b[i].role == R_HEAD) L->b[i].role = R_BODY;
  i = 0;
  while (i < L->nb) {
    block *b = &L->b[i];
    if (b->role == R_JOINED) { i++; continue; }
    if (b->role == R_HEAD) {
      size_t n = 0, j = i, next, dup[16], ndup = 0;
      while (j < L->nb && (L->b[j].role == R_HEAD || L->b[j].role == R_JOINED || L->b[j].role == R_DUP)) {
        if (L->b[j].role == R_HEAD && n > 0 && fmt == TIFAI_FMT_TEXT && tifai_news_numbered(L, &L->b[j]))
          break;                                       /* a numbered heading under a title */
        if (L->b[j].role == R_HEAD && n > 0 && L->b[j].bold != L->b[h[n - 1]].bold)
          break;                                       /* a bold line under a heading */
        if (L->b[j].role == R_HEAD && n < 16) h[n++] = j;
        else if (L->b[j].role == R_DUP && ndup < 16) dup[ndup++] = j;   /* a line printed twice */
        j++;
      }
      next = tifai_lay_after(L, i);
      if (cur(L) && L->b[h[0]].bold) {                /* the headline again, centred in bold */
        art *a = cur(L);
        size_t k, rep = 0;
        while (rep < n && tifai_news_inhead(L, a, btext(L, &L->b[h[rep]]), L->b[h[rep]].len)) rep++;
        if (rep == n) {
          for (k = 0; k < n; k++) tifai_lay_dropped(L, h[k], "repeat of the headline");
          goto run;
        }
        if (rep > 0 && rep + 1 == n && a->nm == 0 && !a->hasbody && !a->f[F_SUBTITLE]
            && nchars(btext(L, &L->b[h[rep]]), L->b[h[rep]].len) <= 40) {
          const char *s = btext(L, &L->b[h[rep]]);   /* ... and one more bold line: its subtitle */
          size_t len = L->b[h[rep]].len;
          trimspace(&s, &len);
          for (k = 0; k < rep; k++) tifai_lay_dropped(L, h[k], "repeat of the headline");
          a->f[F_SUBTITLE] = tifai_lay_addstr(L, s, len);
          tifai_lay_dropped(L, h[rep], "subtitle");
          goto run;
        }
      }
      if (top && n >= 1 && tifai_news_pageheader(L, &L->b[h[0]])) {        /* 合集|SERIES */
        tifai_lay_dropped(L, h[0], "collection header");        /* the series of every article */
        memmove(h, h + 1, (n - 1) * sizeof(h[0]));
        n--;
        if (n == 0) { top = 0; goto run; }
      }
      top = 0;
      if (fmt != TIFAI_FMT_TEXT && tifai_news_lonestory(L, h[n - 1], next)) {  /* a story with no text */
        size_t k;
        for (k = 0; k + 1 < n; k++) tifai_lay_dropped(L, h[k], "heading over articles");
        if (tifai_lay_newart(L) != 0) return TIFA_NOMEM;
        L->b[h[n - 1]].why = NULL;
        tifai_news_header(L, cur(L), h + n - 1, 1);
        tifai_lay_dropped(L, h[n - 1], L->b[h[n - 1]].why ? L->b[h[n - 1]].why : "title");
        cur(L)->titleonly = 1;
        goto run;
      }
      if (next >= L->nb || (L->b[next].role != R_BODY && L->b[next].role != R_BYLINE
                            && L->b[next].role != R_ATTRIB && tifai_lay_after(L, next) >= L->nb
                            && L->b[next].role != R_PAGEMETA)) {
        size_t k;                                              /* nothing follows: dropped */
        if (cur(L) == NULL) { if (tifai_lay_newart(L) != 0) return TIFA_NOMEM; }
        for (k = 0; k < n; k++)                                /* ... but a document's stay */
          if (tifai_law_onedoc(L, fmt)) { L->b[h[k]].kind = TIFAI_PARA_HEADING; tifai_lay_member(L, h[k]); }
          else tifai_lay_dropped(L, h[k], "heading with no text after it");
        goto run;
      }
      if (fmt != TIFAI_FMT_TEXT && n >= 2 && !tifai_law_firstsection(L, h, n, fmt)
          && !tifai_law_section(L, h, n)
          && tifai_news_starts(L, h + n - 1, 1, next, fmt)) {
        size_t k;                                              /* headings over articles */
        for (k = 0; k + 1 < n; k++) tifai_lay_dropped(L, h[k], "heading over articles");
        h[0] = h[n - 1];
        n = 1;
      }
      if (tifai_law_firstsection(L, h, n, fmt)) {
        size_t k;
        if (tifai_lay_newart(L) != 0) return TIFA_NOMEM;
        cur(L)->f[F_TITLE] = L->ptitle;
        for (k = 0; k < n; k++) { L->b[h[k]].kind = TIFAI_PARA_HEADING; tifai_lay_member(L, h[k]); }
      }
      else if (tifai_law_secondtitle(L, h, n, fmt)) {
        const char *s = btext(L, &L->b[h[0]]);
        size_t len = L->b[h[0]].len;
        if (tifai_lay_newart(L) != 0) return TIFA_NOMEM;
        trimspace(&s, &len);
        cur(L)->f[F_TITLE] = L->ptitle;
        cur(L)->f[F_SUBTITLE] = tifai_lay_addstr(L, s, len);
        tifai_lay_dropped(L, h[0], "subtitle");
      }
      else if (tifai_law_section(L, h, n)) {
        size_t k;                                      /* 第一章 under a law's title */
        for (k = 0; k < n; k++) { L->b[h[k]].kind = TIFAI_PARA_HEADING; tifai_lay_member(L, h[k]); }
      }
      else if (tifai_news_starts(L, h, n, next, fmt)) {
        if (tifai_lay_newart(L) != 0) return TIFA_NOMEM;
        {
          size_t k;
          for (k = 0; k < n; k++) L->b[h[k]].why = NULL;
          tifai_news_header(L, cur(L), h, n);
          for (k = 0; k < n; k++) tifai_lay_dropped(L, h[k], L->b[h[k]].why ? L->b[h[k]].why : "title");
        }
      }
      else {
        size_t k;
        for (k = 0; k < n; k++) { L->b[h[k]].kind = TIFAI_PARA_HEADING; tifai_lay_member(L, h[k]); }
      }
    run:                                               /* the run's repeats, with it */
      {
        size_t k;
        for (k = 0; k < ndup; k++) tifai_lay_dropped(L, dup[k], "repeat");
      }
      i = j;
      continue;
    }
    top = 0;
    switch (b->role) {
      case R_PAGEMETA: tifai_news_pagemeta(L, b); tifai_lay_dropped(L, i, "page field"); break;
      case R_FURN:
        tifai_news_furniture(L, b);
        if (cur(L) && b->href && !cur(L)->f[F_URL] && tifai_news_sourcelink(L, b))
          cur(L)->f[F_URL] = b->href;                 /* the story's source, under it */
        tifai_lay_dropped(L, i, "site furniture");
        break;
      case R_DUP: tifai_lay_dropped(L, i, "repeat"); break;
      case R_DROP: tifai_lay_dropped(L, i, b->why); break;
      case R_BYLINE:
        if (cur(L) == NULL && tifai_lay_newart(L) != 0) return TIFA_NOMEM;
        tifai_news_byline(L, cur(L), btext(L, b), b->len);
        tifai_lay_dropped(L, i, "byline");
        break;
      case R_ATTRIB:
        if (cur(L) == NULL && tifai_lay_newart(L) != 0) return TIFA_NOMEM;
        tifai_news_attribution(L, cur(L), btext(L, b), b->len);
        tifai_lay_dropped(L, i, "attribution");
        cur(L)->ended = 1;
        cur(L)->quotebox = 1;
        break;
      default: {
        art *a = cur(L);
        if (a == NULL || a->ended) {
          if (tifai_lay_newart(L) != 0) return TIFA_NOMEM;
          a = cur(L);
          if (L->ptitle) a->f[F_TITLE] = L->ptitle;
        }
        if (b->kind == TIFAI_PARA_TEXT && a->nm < 8 && !a->f[F_PLACE] && !a->f[F_DATE])
          tifai_news_dateline(L, a, btext(L, b), b->len);        /* near the top, after captions */
        tifai_news_notes(L, a, b);
        if (b->len == 0) { tifai_lay_dropped(L, i, "note"); break; }
        a->hasbody = 1;
        tifai_lay_member(L, i);
        break;
      }
    }
    i = tifai_lay_nextlive(L, i);
  }
  return L->oom || L->str.oom ? TIFA_NOMEM : TIFA_OK;
}

/* }====== */

/* {====== Output ====== */

static void topara (const tifai_layout *L, const block *b, tifa_para_src *p) {
  p->text = btext(L, b);
  p->len = b->len;
  p->kind = b->kind;
  p->line_start = b->l0;
  p->line_end = b->l1;
  p->byte_start = b->b0;
  p->byte_end = b->b1;
}

void tifai_layout_moved (const tifai_layout *L, int64_t *notes, int64_t *bullets, int *dated) {
  *dated = L->titledated;
  *notes = L->moved;
  *bullets = L->bullets;
}

const tifa_para_src *tifai_layout_page (tifai_layout *L, size_t *n) {
  *n = L->cpage;
  return L->page;
}

static int output (tifai_layout *L, const tifai_doc *d, const tifa_cut_article **arts, size_t *n) {
  size_t i, k, np = 0, nd = 0, field;
  for (i = 0; i < L->na; i++) { np += L->a[i].nm; nd += L->a[i].nd; }
  if ((L->na > L->cout && tifai_lay_grow((void **)&L->out, &L->cout, sizeof(*L->out), L->na) != 0)
      || (np > L->cparas && tifai_lay_grow((void **)&L->paras, &L->cparas, sizeof(*L->paras), np) != 0)
      || (nd > L->cdropped && (tifai_lay_grow((void **)&L->dropped, &L->cdropped, sizeof(*L->dropped), nd) != 0
                               || (L->cdropped = 0,
                                   tifai_lay_grow((void **)&L->why, &L->cdropped, sizeof(*L->why), nd)) != 0)))
    return TIFA_NOMEM;
  /* page fields and the reader's fields */
  for (i = 0; i < L->na; i++) {
    art *a = &L->a[i];
    tifa_cut_article *o = &L->out[i];
    size_t f[NF];
    memcpy(f, a->f, sizeof(f));
    for (field = 0; field < NF; field++)
      if (!f[field] && L->pf[field] && field != F_TITLE && field != F_PREC) {
        if (field == F_DATE && f[F_DATE]) continue;
        f[field] = L->pf[field];
        if (field == F_DATE) f[F_PREC] = L->pf[F_PREC];
      }
    /* a month-day date takes the page's year */
    if (f[F_DATE] && strncmp(fstr(L, f[F_DATE]), "--", 2) == 0 && L->pf[F_DATE]
        && strlen(fstr(L, L->pf[F_DATE])) >= 4) {
      char iso[16];
      snprintf(iso, sizeof(iso), "%.4s-%s", fstr(L, L->pf[F_DATE]), fstr(L, f[F_DATE]) + 2);
      f[F_DATE] = tifai_lay_addstr(L, iso, strlen(iso));
      f[F_PREC] = tifai_lay_addstr(L, "day", 3);
    }
    if (!a->f[F_DATE]) a->dsrc = NULL;                 /* the page's date: a field */
    if (a->quotebox) {
      for (k = 0; k < a->nm; k++) {
        block *b = &L->b[L->mem[a->m0 + k]];
        if (b->kind == TIFAI_PARA_TEXT) b->kind = TIFAI_PARA_QUOTE;
      }
    }
    memset(o, 0, sizeof(*o));
    o->npara = a->nm;
    o->ndropped = a->nd;
    /* meta: the reader's object, then the page's and the article's pairs */
    if (a->meta.len > 0 || L->pmeta.len > 0) {
      tifai_buf m = TIFAI_BUF_INIT;
      if (d->meta && d->meta[0] == '{' && strlen(d->meta) > 2) {
        tifai_buf_add(&m, d->meta, strlen(d->meta) - 1);
        tifai_buf_addc(&m, ',');
      }
      else tifai_buf_addc(&m, '{');
      if (L->pmeta.len) tifai_buf_add(&m, L->pmeta.p + 1, L->pmeta.len - 1);
      if (a->meta.len) {
        if (L->pmeta.len) tifai_buf_addc(&m, ',');
        tifai_buf_add(&m, a->meta.p + 1, a->meta.len - 1);
      }
      tifai_buf_addc(&m, '}');
      f[F_META] = m.oom ? 0 : tifai_lay_addstr(L, m.p, m.len);
      tifai_buf_free(&m);
    }
    else f[F_META] = 0;
    memcpy(a->f, f, sizeof(f));
  }
  if (L->str.oom) return TIFA_NOMEM;
  np = nd = 0;
  for (i = 0; i < L->na; i++) {
    art *a = &L->a[i];
    tifa_cut_article *o = &L->out[i];
    int l0 = 0, l1 = 0;
    o->title = fstr(L, a->f[F_TITLE]);
    o->kicker = fstr(L, a->f[F_KICKER]);
    o->subtitle = fstr(L, a->f[F_SUBTITLE]);
    o->series = fstr(L, a->f[F_SERIES]);
    o->author = fstr(L, a->f[F_AUTHOR]);
    o->affiliation = fstr(L, a->f[F_AFFIL]);
    o->editor = fstr(L, a->f[F_EDITOR]);
    o->outlet = fstr(L, a->f[F_OUTLET]);
    o->place = fstr(L, a->f[F_PLACE]);
    o->date = fstr(L, a->f[F_DATE]);
    o->date_precision = fstr(L, a->f[F_PREC]);
    o->url = fstr(L, a->f[F_URL]);
    o->genre = L->genre;
    o->date_source = o->date ? (a->dsrc ? a->dsrc : "field") : NULL;
    o->effective = fstr(L, a->f[F_EFFECTIVE]);
    o->events = fstr(L, a->f[F_EVENTS]);
    o->meta = a->f[F_META] ? fstr(L, a->f[F_META]) : (d->meta && *d->meta ? d->meta : NULL);
    o->paras = L->paras ? L->paras + np : NULL;       /* NULL + 0 is undefined in C */
    o->dropped = L->dropped ? L->dropped + nd : NULL;
    o->why = L->why ? L->why + nd : NULL;
    for (k = 0; k < a->nm; k++) {
      const block *b = &L->b[L->mem[a->m0 + k]];
      topara(L, b, &L->paras[np++]);
      if (l0 == 0 || b->l0 < l0) l0 = b->l0;
      if (b->l1 > l1) l1 = b->l1;
    }
    for (k = 0; k < a->nd; k++) {
      const block *b = &L->b[L->drop[a->d0 + k]];
      topara(L, b, &L->dropped[nd]);
      L->why[nd++] = b->why ? b->why : "dropped";
      if (b->why && (strstr(b->why, "title") || strstr(b->why, "kicker") || strstr(b->why, "series")
                     || strstr(b->why, "subtitle") || strcmp(b->why, "header event") == 0
                     || strncmp(b->why, "document ", 9) == 0)) {
        if (l0 == 0 || b->l0 < l0) l0 = b->l0;
        if (strncmp(b->why, "document ", 9) == 0 && b->l1 > l1) l1 = b->l1;   /* 署名, 版记 */
      }
    }
    o->line_start = l0 ? l0 : d->line_start;
    o->line_end = l1 ? l1 : d->line_end;
  }
  *arts = L->out;
  *n = L->na;
  return TIFA_OK;
}

/* }====== */

void tifai_layout_genre (tifai_layout *L, const char *genre) { L->forced = genre; }

int tifai_layout_cut (tifai_layout *L, const tifai_doc *d, int fmt,
                      const tifa_cut_article **arts, size_t *n) {
  size_t i;
  int rc;
  int record = (fmt == TIFAI_FMT_JSONL || fmt == TIFAI_FMT_CSV);
  *arts = NULL;
  *n = 0;
  tifai_buf_reset(&L->text);
  tifai_buf_reset(&L->str);
  tifai_buf_reset(&L->pmeta);
  L->nb = L->nmem = L->ndrop = L->na = 0;
  L->collection = 0;
  L->storylevel = 0;
  L->ptitle = 0;
  L->moved = L->bullets = 0;
  L->titledated = 0;
  L->oom = 0;
  memset(L->pf, 0, sizeof(L->pf));
  tifai_buf_addc(&L->str, '\0');                       /* offsets start at 1 */
  if ((rc = blocks(L, d, fmt)) != TIFA_OK) return rc;
  if (d->npara > L->cpage && tifai_lay_grow((void **)&L->page, &L->cpage, sizeof(*L->page), d->npara) != 0)
    return TIFA_NOMEM;
  for (i = 0; i < d->npara; i++) {
    L->page[i].text = d->paras[i].text;
    L->page[i].len = d->paras[i].len;
    L->page[i].kind = d->paras[i].kind;
    L->page[i].line_start = d->paras[i].line_start;
    L->page[i].line_end = d->paras[i].line_end;
    L->page[i].byte_start = d->paras[i].byte_start;
    L->page[i].byte_end = d->paras[i].byte_end;
  }
  L->cpage = d->npara;
  repair(L);
  roles(L, fmt);
  if (record) {                                        /* a record is one article: */
    for (i = 0; i < L->nb; i++)                        /* its headings are sections */
      if (L->b[i].role == R_HEAD) { L->b[i].role = R_BODY; L->b[i].kind = TIFAI_PARA_HEADING; }
  }
  if (d->title) {
    L->ptitle = tifai_lay_addstr(L, d->title, strlen(d->title));
    tifai_news_titledate(L, d->title, strlen(d->title));
    L->titledated = L->pf[F_DATE] != 0;
  }
  if (record) {
    if (tifai_lay_newart(L) != 0) return TIFA_NOMEM;
    for (i = 0; i < L->nb; i = tifai_lay_nextlive(L, i)) {
      block *b = &L->b[i];
      if (b->role == R_JOINED) continue;
      if (b->role == R_BODY || b->role == R_HEAD) {
        art *a = cur(L);
        if (b->kind == TIFAI_PARA_TEXT && a->nm < 8 && !a->f[F_PLACE] && !a->f[F_DATE])
          tifai_news_dateline(L, a, btext(L, b), b->len);        /* the record's columns win, below */
        tifai_news_notes(L, cur(L), b);
        if (b->len) tifai_lay_member(L, i); else tifai_lay_dropped(L, i, "note");
      }
      else if (b->role == R_BYLINE) { tifai_news_byline(L, cur(L), btext(L, b), b->len); tifai_lay_dropped(L, i, "byline"); }
      else if (b->role == R_PAGEMETA) { tifai_news_pagemeta(L, b); tifai_lay_dropped(L, i, "page field"); }
      else if (b->role == R_FURN) { tifai_news_furniture(L, b); tifai_lay_dropped(L, i, "site furniture"); }
      else if (b->role == R_DROP) { tifai_lay_dropped(L, i, b->why); }
      else { tifai_lay_member(L, i); }
    }
    cur(L)->f[F_TITLE] = L->ptitle;
  }
  L->genre = L->forced ? L->forced : record ? "record" : tifai_genre_detect(L);
  if (!record) {
    if (strcmp(L->genre, "law") == 0) tifai_law_events(L, fmt);
    else if (strcmp(L->genre, "document") == 0) tifai_doc_read(L);
    tifai_news_headdate(L, fmt);
    tifai_news_contents(L);
    tifai_speech_reporthead(L);
    if ((rc = articles(L, fmt)) != TIFA_OK) return rc;
  }
  if (L->oom || L->str.oom || L->text.oom) return TIFA_NOMEM;
  /* the reader's own fields win (JSONL, CSV, HTML <meta>) */
  for (i = 0; i < L->na; i++) {
    art *a = &L->a[i];
    if (d->author) a->f[F_AUTHOR] = tifai_lay_addstr(L, d->author, strlen(d->author));
    if (d->outlet) a->f[F_OUTLET] = tifai_lay_addoutlet(L, d->outlet, strlen(d->outlet));
    if (d->url && !a->f[F_URL]) a->f[F_URL] = tifai_lay_addstr(L, d->url, strlen(d->url));  /* a story's link is nearer */
    if (d->date) {
      size_t prec = 0, iso = tifai_lay_adddate(L, d->date, strlen(d->date), &prec);
      a->f[F_DATE] = iso ? iso : tifai_lay_addstr(L, d->date, strlen(d->date));
      a->f[F_PREC] = iso ? prec : 0;
      a->dsrc = NULL;                                /* a field of the reader's */
    }
    if (!a->f[F_TITLE] && L->ptitle && (record || L->na == 1)) a->f[F_TITLE] = L->ptitle;
    if (d->front_lines > 0 && L->ptitle && L->na == 1 && a->f[F_TITLE] && !a->f[F_SUBTITLE]
        && a->f[F_TITLE] != L->ptitle && strcmp(fstr(L, a->f[F_TITLE]), fstr(L, L->ptitle)) != 0) {
      a->f[F_SUBTITLE] = a->f[F_TITLE];              /* front matter's title wins; the */
      a->f[F_TITLE] = L->ptitle;                     /* heading guessed stays, as subtitle */
    }
  }
  /* articles without paragraphs are not articles */
  {
    size_t w = 0;
    for (i = 0; i < L->na; i++) {
      if (L->a[i].nm == 0 && L->a[i].titleonly) {} /* a story with no text: kept */
      else if (L->a[i].nm == 0 && i + 1 < L->na) {     /* its dropped lines go to the next */
        L->a[i + 1].d0 = L->a[i].d0;
        L->a[i + 1].nd += L->a[i].nd;
        continue;
      }
      else if (L->a[i].nm == 0) {
        if (w > 0) {                                   /* ... or to the one before */
          L->a[w - 1].nd += L->a[i].nd;
        }
        continue;
      }
      if (w != i) {
        tifai_buf keep = L->a[w].meta;
        L->a[w] = L->a[i];
        L->a[i].meta = keep;
      }
      w++;
    }
    L->na = w;
  }
  return output(L, d, arts, n);
}