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
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "layout.h"
#include "read_fmt.h"
#include "text.h"

/* {====== Blocks ====== */

enum { R_BODY, R_HEAD, R_BYLINE, R_ATTRIB, R_PAGEMETA, R_FURN, R_DUP, R_DROP, R_JOINED };

enum { F_TITLE, F_KICKER, F_SUBTITLE, F_SERIES, F_AUTHOR, F_AFFIL, F_EDITOR, F_OUTLET,
       F_PLACE, F_DATE, F_PREC, F_URL, F_META, NF };

typedef struct block {
  size_t off, len;                  /* text in L->text (as read, trimmed, pieces joined) */
  int kind;                         /* TIFAI_PARA_* */
  int level;                        /* heading level (structured formats), else 0 */
  int role;                         /* R_* */
  const char *why;                  /* why dropped (static), or NULL */
  int l0, l1;
  uint64_t b0, b1;
  int indent;                       /* leading white space of its first line, code points */
  int gap;                          /* a blank line or a block boundary before it */
  int width;                        /* display columns of its first line (hard-wrap test) */
  size_t href;                      /* the block is one link: its target (str offset + 1) */
  int bold;                         /* all of it bold (HTML <strong>, <b>) */
  int part;                         /* repeats: 0 not known yet, 1 no, 2 it starts a part */
} block;

typedef struct art {
  size_t f[NF];                     /* field offsets + 1 in L->str; 0: none */
  size_t m0, nm;                    /* member blocks: L->mem[m0 .. m0+nm) */
  size_t d0, nd;                    /* dropped blocks: L->drop[d0 .. d0+nd) */
  int ended;                        /* a quote box's attribution closed it */
  int hasbody;
  int quotebox;
  int titleonly;                    /* a story heading with only a link after it: kept */
  tifai_buf meta;                   /* ,"key":"value" pairs for meta */
} art;

struct tifai_layout {
  tifai_buf text;                   /* block texts */
  tifai_buf str;                    /* field strings, NUL-terminated */
  block *b;
  size_t nb, cb;
  size_t *mem, nmem, cmem;          /* article members, in order */
  size_t *drop, ndrop, cdrop;       /* dropped blocks, by article */
  art *a;
  size_t na, ca;
  size_t pf[NF];                    /* page fields */
  tifai_buf pmeta;                  /* page meta pairs */
  int collection;                   /* the page is a collection: headings start articles */
  int storylevel;                   /* Markdown/HTML: the heading level that started an
                                       article by a cue (dateline, byline); its siblings do too */
  size_t ptitle;                    /* page title (str offset + 1), for articles without one */
  int64_t moved;                    /* characters notes() took out of blocks into fields */
  int64_t bullets;                  /* characters of list bullets ("- ") made item kinds */
  int titledated;                   /* the page's date came from the reader's title */
  /* output */
  tifa_cut_article *out;
  tifa_para_src *paras, *dropped, *page;
  const char **why;
  size_t cout, cparas, cdropped, cpage;
  int oom;
};

#define GROW(L, v, n, c, T) \
  ((n) < (c) || grow((void **)&(v), &(c), sizeof(T), (n) + 1) == 0 ? 0 : ((L)->oom = 1, -1))

static int grow (void **v, size_t *cap, size_t sz, size_t need) {
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

static const char *btext (const tifai_layout *L, const block *b) { return L->text.p + b->off; }

/* }====== */

/* {====== Characters ====== */

static int32_t cpat (const char *s, size_t len, size_t *n) {
  int32_t cp;
  int k = tifa_utf8_decode(s, len, &cp);
  *n = k > 0 ? (size_t)k : 1;
  return k > 0 ? cp : 0xFFFD;
}

static int32_t lastcp (const char *s, size_t len) {
  size_t i = len, n;
  if (len == 0) return 0;
  while (i > 0 && ((unsigned char)s[i - 1] & 0xC0) == 0x80) i--;
  if (i > 0) i--;
  return cpat(s + i, len - i, &n);
}

static int isin (int32_t cp, const char *set) {
  size_t n, len = strlen(set);
  while (len > 0) {
    int32_t c = cpat(set, len, &n);
    if (c == cp) return 1;
    set += n;
    len -= n;
  }
  return 0;
}

#define CLOSERS  "，。、；：！？）」』”’》〉】〕,.;:!?)]"
#define ENDERS   "。！？!?…”’」』）)】》;；:：—.~"

static int nchars (const char *s, size_t len) {     /* code points of valid UTF-8 */
  const unsigned char *u = (const unsigned char *)s;
  size_t i;
  int n = 0;
  for (i = 0; i < len; i++) n += (u[i] & 0xC0) != 0x80;
  return n;
}

static int64_t solid (const char *s, size_t len) {    /* code points not white space */
  int64_t n = 0;
  size_t i, k;
  for (i = 0; i < len; i += k) if (!tifai_is_space(cpat(s + i, len - i, &k))) n++;
  return n;
}

static int cpwidth (int32_t cp) {
  return (cp >= 0x1100 && (tifai_is_cjk(cp) || (cp >= 0xFF00 && cp <= 0xFF60))) ? 2 : 1;
}

static int swidth (const char *s, size_t len) {
  size_t i = 0, n;
  int w = 0;
  while (i < len) { w += cpwidth(cpat(s + i, len - i, &n)); i += n; }
  return w;
}

static int startswith (const char *s, size_t len, const char *p) {
  size_t n = strlen(p);
  return len >= n && memcmp(s, p, n) == 0;
}

static int endswith (const char *s, size_t len, const char *p) {
  size_t n = strlen(p);
  return len >= n && memcmp(s + len - n, p, n) == 0;
}

static const tifai_rule *rulestart (const tifai_rule *t, const char *s, size_t len) {
  for (; t->lit; t++) if (startswith(s, len, t->lit)) return t;
  return NULL;
}

static const tifai_rule *ruleend (const tifai_rule *t, const char *s, size_t len) {
  for (; t->lit; t++) if (endswith(s, len, t->lit)) return t;
  return NULL;
}

static const char *findlit (const char *s, size_t len, const char *p) {
  size_t n = strlen(p), i;
  for (i = 0; i + n <= len; i++) if (memcmp(s + i, p, n) == 0) return s + i;
  return NULL;
}

/* Skip white space (ASCII, U+3000, NBSP) at s; returns the bytes skipped. */
static size_t skipspace (const char *s, size_t len) {
  size_t i = 0, n;
  while (i < len && tifai_is_space(cpat(s + i, len - i, &n))) i += n;
  return i;
}

static void trimspace (const char **s, size_t *len) {
  size_t k = skipspace(*s, *len);
  *s += k;
  *len -= k;
  while (*len > 0) {
    size_t i = *len, n;
    while (i > 0 && ((unsigned char)(*s)[i - 1] & 0xC0) == 0x80) i--;
    if (i > 0) i--;
    if (!tifai_is_space(cpat(*s + i, *len - i, &n))) break;
    *len = i;
  }
}

/* s[0..len) without white space (U+3000 too: "习　近　平" is 习近平) into q, as much as fits
** in qn bytes; its length. *all tells whether all of it fitted. */
static size_t nospace (const char *s, size_t len, char *q, size_t qn, int *all) {
  size_t i = 0, o = 0, n;
  for (; i < len; i += n) {
    int32_t c = cpat(s + i, len - i, &n);
    if (tifai_is_space(c)) continue;
    if (o + n > qn) break;
    memcpy(q + o, s + i, n);
    o += n;
  }
  *all = i >= len;
  return o;
}

/* Quotes and brackets are balanced (no opener left open, no stray closer). */
static int balanced (const char *s, size_t len) {
  static const char *const pairs[][2] = {{"“", "”"}, {"‘", "’"}, {"《", "》"}, {"（", "）"},
                                         {"(", ")"}, {"「", "」"}, {"『", "』"}, {"【", "】"}};
  size_t k;
  for (k = 0; k < sizeof(pairs) / sizeof(pairs[0]); k++) {
    const char *p = s, *e = s + len;
    int depth = 0;
    size_t no = strlen(pairs[k][0]), nc = strlen(pairs[k][1]);
    while (p < e) {
      if ((size_t)(e - p) >= no && memcmp(p, pairs[k][0], no) == 0) { depth++; p += no; }
      else if ((size_t)(e - p) >= nc && memcmp(p, pairs[k][1], nc) == 0) {
        if (--depth < 0) return 0;
        p += nc;
      }
      else p++;
    }
    if (depth != 0) return 0;
  }
  return 1;
}

/* A line that reads as a title or heading: short, no sentence punctuation inside (a colon
** may end it: a series label at the top of a page), quotes and brackets balanced. */
static int headlike (const char *s, size_t len) {
  size_t i = 0, n;
  int nc = 0;
  if (len == 0 || len > 64 * 4) return 0;           /* over 64 characters for sure */
  while (i < len) {
    int32_t cp = cpat(s + i, len - i, &n);
    i += n;
    nc++;
    if (isin(cp, "。，；！？!?;…") || (cp == ',' && i < len)) return 0;
    if ((cp == 0xFF1A || cp == ':') && i < len) return 0;      /* ： inside */
  }
  return nc <= 64 && balanced(s, len);
}

/* The text ends where no sentence or heading can: a Chinese character, a comma, an opener. */
static int endsopen (const char *s, size_t len) {
  int32_t cp = lastcp(s, len);
  return tifai_is_han(cp) || isin(cp, "，、“‘（《,");
}

/* }====== */

/* {====== Strings ====== */

static size_t addstr (tifai_layout *L, const char *s, size_t len) {
  size_t at = L->str.len;
  trimspace(&s, &len);
  if (len == 0) return 0;
  tifai_buf_add(&L->str, s, len);
  tifai_buf_addc(&L->str, '\0');
  return at + 1;
}

static const char *fstr (const tifai_layout *L, size_t f) { return f ? L->str.p + f - 1 : NULL; }

/* Strip 《》 around an outlet name. */
static size_t addoutlet (tifai_layout *L, const char *s, size_t len) {
  trimspace(&s, &len);
  if (startswith(s, len, "《") && endswith(s, len, "》")) { s += 3; len -= 6; }
  return addstr(L, s, len);
}

static size_t adddate (tifai_layout *L, const char *s, size_t len, size_t *prec) {
  char iso[16];
  const char *p;
  size_t k = skipspace(s, len);
  if (tifai_date_parse(s + k, len - k, iso, &p) == 0) return 0;
  *prec = addstr(L, p, strlen(p));
  return addstr(L, iso, strlen(iso));
}

static void metapair (tifai_buf *m, const char *k, const char *v, size_t vlen) {
  tifai_buf_addc(m, ',');
  tifai_buf_addjson(m, k, strlen(k));
  tifai_buf_addc(m, ':');
  tifai_buf_addjson(m, v, vlen);
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
  if (p->href != NULL) b->href = addstr(L, p->href, p->hreflen);
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

static size_t nextlive (const tifai_layout *L, size_t i) {
  for (i++; i < L->nb; i++) if (L->b[i].role != R_JOINED) return i;
  return L->nb;
}

static void repair (tifai_layout *L) {
  size_t i, j, k;
  for (i = 0; i < L->nb; i = nextlive(L, i)) {        /* page breaks */
    block *b = &L->b[i];
    if (b->role == R_JOINED) continue;
    while ((j = nextlive(L, i)) < L->nb) {
      block *n = &L->b[j];
      b = &L->b[i];
      if (b->kind != TIFAI_PARA_TEXT || n->kind != TIFAI_PARA_TEXT || b->bold || n->bold) break;
      if (!endsopen(btext(L, b), b->len) || headlike(btext(L, b), b->len)
          || rulestart(tifai_items, btext(L, b), b->len)) break;   /* items end open */
      if (headlike(btext(L, n), n->len) || rulestart(tifai_items, btext(L, n), n->len)
          || rulestart(tifai_bylines, btext(L, n), n->len)
          || rulestart(tifai_pagemeta, btext(L, n), n->len)
          || rulestart(tifai_furniture, btext(L, n), n->len))
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
  size_t j = nextlive(L, i), k, n;
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
  for (k = i, seen = 0; k < L->nb && seen <= 12; k = nextlive(L, k), seen++) {
    const tifai_rule *m;
    for (m = tifai_foot_marks; m->lit; m++)
      if (findlit(btext(L, &L->b[k]), L->b[k].len, m->lit)) return 1;
  }
  return 0;
}

static void roles (tifai_layout *L, int fmt) {
  size_t i, prev = (size_t)-1, live = 0;
  for (i = 0; i < L->nb; i = nextlive(L, i)) {         /* the page's foot, to the end */
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

static int newart (tifai_layout *L) {
  art *a;
  if (L->na == L->ca) {                                /* new slots zeroed: their meta is empty */
    size_t old = L->ca;
    if (grow((void **)&L->a, &L->ca, sizeof(art), L->na + 1) != 0) { L->oom = 1; return -1; }
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

static art *cur (tifai_layout *L) { return L->na ? &L->a[L->na - 1] : NULL; }

static void member (tifai_layout *L, size_t bi) {
  if (GROW(L, L->mem, L->nmem, L->cmem, size_t) != 0) return;
  L->mem[L->nmem++] = bi;
  cur(L)->nm++;
}

static void dropped (tifai_layout *L, size_t bi, const char *why) {
  if (GROW(L, L->drop, L->ndrop, L->cdrop, size_t) != 0) return;
  L->drop[L->ndrop++] = bi;
  L->b[bi].why = why;
  if (L->na > 0) cur(L)->nd++;                 /* before any article: listed with the first */
}

/* A byline: the names after the marker, several joined with "、". */
static void byline (tifai_layout *L, art *a, const char *s, size_t len) {
  const tifai_rule *r = rulestart(tifai_bylines, s, len);
  size_t k = r ? strlen(r->lit) : 0, i, n;
  tifai_buf t = TIFAI_BUF_INIT;
  int sp = 0;
  if (a->f[F_AUTHOR]) return;
  s += k;
  len -= k;
  trimspace(&s, &len);
  for (i = 0; i < len; i += n) {                       /* spaces between names become 、 */
    int32_t cp = cpat(s + i, len - i, &n);
    if (tifai_is_space(cp)) { sp = 1; continue; }
    if (sp && t.len > 0) tifai_buf_adds(&t, "、");
    sp = 0;
    tifai_buf_add(&t, s + i, n);
  }
  if (t.len > 0 && !t.oom) a->f[F_AUTHOR] = addstr(L, t.p, t.len);
  tifai_buf_free(&t);
}

/* Notes at the end of a body block: （据人民网）, （作者：X  affiliation）, ... Removed from
** the block and stored; repeated while one ends the block. */
static void notes (tifai_layout *L, art *a, block *b) {
  for (;;) {
    const char *s = btext(L, b), *open = NULL;
    const tifai_rule *r, *hit = NULL;
    size_t k, vlen;
    const char *v;
    if (!(endswith(s, b->len, "）") || endswith(s, b->len, ")"))) return;
    for (r = tifai_notes; r->lit; r++) {
      const char *p = s, *e = s + b->len, *q;
      while ((q = findlit(p, (size_t)(e - p), r->lit)) != NULL) { open = q; hit = r; p = q + 1; }
      if (hit) break;
    }
    if (!hit) return;
    k = strlen(hit->lit);
    v = open + k;
    vlen = (size_t)(s + b->len - v) - (endswith(s, b->len, "）") ? 3 : 1);
    if (memchr(v, '\n', vlen) != NULL || nchars(v, vlen) > 80) return;
    trimspace(&v, &vlen);
    if (hit->what == 1 && !a->f[F_OUTLET]) a->f[F_OUTLET] = addoutlet(L, v, vlen);
    else if (hit->what == 2) {
      size_t i = 0, n = 0;
      while (i < vlen) {                             /* the name ends at a space or comma */
        int32_t cp = cpat(v + i, vlen - i, &n);
        if (tifai_is_space(cp) || isin(cp, "，,、")) break;
        i += n;
      }
      if (!a->f[F_AUTHOR]) a->f[F_AUTHOR] = addstr(L, v, i);
      if (i < vlen) {
        size_t j = i + n;
        if (!a->f[F_AFFIL]) a->f[F_AFFIL] = addstr(L, v + j, vlen - j);
      }
    }
    else if (hit->what == 3 && !a->f[F_EDITOR]) a->f[F_EDITOR] = addstr(L, v, vlen);
    else if (hit->what == 4) byline(L, a, v, vlen);
    metapair(&a->meta, "note", open, (size_t)(s + b->len - open));
    L->moved += solid(open, (size_t)(s + b->len - open));   /* (the accounting's) */
    b->len = (size_t)(open - s);
    {
      const char *t = btext(L, b);
      size_t len = b->len;
      trimspace(&t, &len);
      b->len = len;
    }
    if (b->len == 0) return;
  }
}

typedef struct dline {              /* a dateline as found at the start of a block */
  size_t outlet;                    /* bytes of the outlet ("新华社") */
  size_t place0, place1;            /* the place between outlet and date, maybe empty */
  size_t end;                       /* just after 电 (or 消息, 讯) */
  int dated;                        /* iso and prec hold its date */
  char iso[16];
  const char *prec;
} dline;

/* A dateline at the start of s: OUTLET [PLACE] DATE电 ("新华社重庆4月23日电"), or OUTLET消息,
** OUTLET讯 ("央视网消息"). Returns 1 and fills '*d', or 0. */
static int parsedateline (const char *s, size_t len, dline *d) {
  const tifai_rule *r = rulestart(tifai_outlets, s, len);
  size_t k, n, used;
  if (r == NULL) return 0;
  memset(d, 0, sizeof(*d));
  k = d->outlet = strlen(r->lit);
  if (startswith(s + k, len - k, "消息") || startswith(s + k, len - k, "讯")) {
    d->place0 = d->place1 = k;
    d->end = k + (startswith(s + k, len - k, "讯") ? 3 : 6);
    return 1;
  }
  d->place0 = k;                                       /* up to 7 Chinese characters */
  while (k < len && tifai_is_han(cpat(s + k, len - k, &n)) && k - d->place0 < 7 * 3
         && tifai_date_parse(s + k, len - k, d->iso, &d->prec) == 0)
    k += n;
  if ((used = tifai_date_parse(s + k, len - k, d->iso, &d->prec)) == 0
      || !startswith(s + k + used, len - k - used, "电"))
    return 0;
  d->place1 = k;
  d->end = k + used + 3;
  d->dated = 1;
  return 1;
}

/* The fields of a dateline at the start of a body block; 本报 is the page's outlet, and
** "（记者 X Y）" after 电 names the authors. */
static void dateline (tifai_layout *L, art *a, const char *s, size_t len) {
  dline d;
  size_t k;
  if (!parsedateline(s, len, &d)) return;
  if (!a->f[F_OUTLET]) {
    if (d.outlet != 6 || memcmp(s, "本报", 6) != 0) a->f[F_OUTLET] = addstr(L, s, d.outlet);
    else a->f[F_OUTLET] = L->pf[F_OUTLET];
  }
  if (!d.dated) return;
  if (d.place1 > d.place0 && !a->f[F_PLACE]) a->f[F_PLACE] = addstr(L, s + d.place0, d.place1 - d.place0);
  if (!a->f[F_DATE]) {
    a->f[F_DATE] = addstr(L, d.iso, strlen(d.iso));
    a->f[F_PREC] = addstr(L, d.prec, strlen(d.prec));
  }
  k = d.end;
  if (startswith(s + k, len - k, "（记者") || startswith(s + k, len - k, "(记者")) {
    const char *e = findlit(s + k, len - k, startswith(s + k, len - k, "（") ? "）" : ")");
    size_t o = startswith(s + k, len - k, "（") ? 3 : 1;
    if (e) byline(L, a, s + k + o, (size_t)(e - (s + k + o)));
  }
}

/* Attribution of a quote box: ——NAME DATE 在...讲话. */
static void attribution (tifai_layout *L, art *a, const char *s, size_t len) {
  size_t i = 0, n, used = 0;
  char iso[16];
  const char *prec;
  while (startswith(s + i, len - i, "—")) i += 3;
  i += skipspace(s + i, len - i);
  {
    size_t j = i;
    while (j < len && (used = tifai_date_parse(s + j, len - j, iso, &prec)) == 0
           && !startswith(s + j, len - j, "在") && !startswith(s + j, len - j, "《")
           && !isin(cpat(s + j, len - j, &n), "，, ")) {
      cpat(s + j, len - j, &n);
      j += n;
    }
    if (j > i && nchars(s + i, j - i) <= 8 && !a->f[F_AUTHOR]) a->f[F_AUTHOR] = addstr(L, s + i, j - i);
    for (; j < len && used == 0; j += n) {
      used = tifai_date_parse(s + j, len - j, iso, &prec);
      cpat(s + j, len - j, &n);
    }
  }
  if (used && !a->f[F_DATE]) {
    a->f[F_DATE] = addstr(L, iso, strlen(iso));
    a->f[F_PREC] = addstr(L, prec, strlen(prec));
  }
  metapair(&a->meta, "attribution", s + i, len - i);
}

static int kickerlike (const char *s, size_t len) {
  return ruleend(tifai_kicker_ends, s, len) != NULL;
}

/* The fields of an article from its header lines h[0..n). */
static void header (tifai_layout *L, art *a, const size_t *h, size_t n) {
  const char *s;
  size_t len, i = 0;
  if (n == 0) return;
  s = btext(L, &L->b[h[0]]);
  len = L->b[h[0]].len;
  {                                                    /* SERIES｜TITLE */
    const char *bar = findlit(s, len, "｜");
    size_t bl = 3;
    if (bar == NULL) { bar = findlit(s, len, "|"); bl = 1; }
    L->b[h[0]].why = "title";
    if (bar != NULL && bar > s && nchars(s, (size_t)(bar - s)) <= 16) {
      L->b[h[0]].why = "series and title";
      a->f[F_SERIES] = addstr(L, s, (size_t)(bar - s));
      s = bar + bl;
      len -= (size_t)(s - btext(L, &L->b[h[0]]));
    }
    else if (n >= 2 && (endswith(s, len, "：") || endswith(s, len, ":"))) {
      a->f[F_SERIES] = addstr(L, s, len - (endswith(s, len, "：") ? 3 : 1));
      L->b[h[0]].why = "series";
      L->b[h[1]].why = "title";
      i = 1;
      s = btext(L, &L->b[h[1]]);
      len = L->b[h[1]].len;
    }
  }
  if (n - i >= 2 && kickerlike(s, len)) {               /* kicker above the title */
    a->f[F_KICKER] = addstr(L, s, len);
    L->b[h[i]].why = "kicker";
    i++;
    L->b[h[i]].why = "title";
    s = btext(L, &L->b[h[i]]);
    len = L->b[h[i]].len;
  }
  else if (n - i == 1) {                               /* KICKER TITLE on one line */
    const char *sp = NULL;
    size_t k, m;
    for (k = 0; k < len; k += m) {
      if (tifai_is_space(cpat(s + k, len - k, &m))) { sp = s + k; break; }
    }
    if (sp && kickerlike(s, (size_t)(sp - s))) {
      L->b[h[i]].why = "kicker and title";
      a->f[F_KICKER] = addstr(L, s, (size_t)(sp - s));
      len -= (size_t)(sp - s);
      s = sp;
    }
    {                                                  /* ... TITLE SUBTITLE: 李强作出批示 */
      const char *last = NULL;
      trimspace(&s, &len);
      for (k = 0; k < len; k += m)
        if (tifai_is_space(cpat(s + k, len - k, &m))) last = s + k + m;
      if (last && last < s + len && ruleend(tifai_subtitle_ends, last, (size_t)(s + len - last))
          && nchars(last, (size_t)(s + len - last)) <= 16) {
        a->f[F_SUBTITLE] = addstr(L, last, (size_t)(s + len - last));
        len = (size_t)(last - s);
        trimspace(&s, &len);
      }
    }
  }
  if (n - i >= 2) {                                    /* subtitle below, or two title lines */
    const block *last = &L->b[h[n - 1]];
    const char *ls = btext(L, last);
    int sub = ruleend(tifai_subtitle_ends, ls, last->len) != NULL || startswith(ls, last->len, "——");
    size_t nt = n - i - (sub ? 1 : 0);
    if (sub) { a->f[F_SUBTITLE] = addstr(L, ls, last->len); L->b[h[n - 1]].why = "subtitle"; }
    if (nt == 2 && !a->f[F_SERIES] && !a->f[F_KICKER] && nchars(s, len) > 10
        && !startswith(btext(L, &L->b[h[i + 1]]), L->b[h[i + 1]].len, "“")) {
      a->f[F_SERIES] = addstr(L, s, len);             /* a column banner above the title */
      L->b[h[i]].why = "series";
      i++;
      L->b[h[i]].why = "title";
      s = btext(L, &L->b[h[i]]);
      len = L->b[h[i]].len;
      nt = 1;
    }
    if (nt >= 2) {                                     /* one title on several lines */
      tifai_buf t = TIFAI_BUF_INIT;
      size_t k;
      tifai_buf_add(&t, s, len);
      for (k = i + 1; k < i + nt; k++) {
        tifai_buf_add(&t, btext(L, &L->b[h[k]]), L->b[h[k]].len);
        L->b[h[k]].why = "title";
      }
      if (!t.oom) a->f[F_TITLE] = addstr(L, t.p, t.len);
      tifai_buf_free(&t);
      return;
    }
  }
  a->f[F_TITLE] = addstr(L, s, len);
}

/* The page header: a SERIES｜TITLE line whose label names a collection. */
static int pageheader (tifai_layout *L, const block *b) {
  const char *s = btext(L, b), *bar;
  size_t bl = 3, len = b->len;
  const tifai_rule *r;
  if ((bar = findlit(s, len, "｜")) == NULL) { bar = findlit(s, len, "|"); bl = 1; }
  if (bar == NULL) return 0;
  for (r = tifai_collections; r->lit; r++)
    if ((size_t)(bar - s) == strlen(r->lit) && memcmp(s, r->lit, strlen(r->lit)) == 0) break;
  if (r->lit == NULL) return 0;
  L->collection = 1;
  L->pf[F_SERIES] = addstr(L, bar + bl, (size_t)(s + len - bar - bl));
  L->ptitle = L->pf[F_SERIES];
  return 1;
}

static void pagemeta (tifai_layout *L, const block *b) {
  const char *s = btext(L, b);
  const tifai_rule *r = rulestart(tifai_pagemeta, s, b->len);
  size_t k = strlen(r->lit);
  if (r->what == TIFAI_PM_OUTLET && !L->pf[F_OUTLET]) L->pf[F_OUTLET] = addoutlet(L, s + k, b->len - k);
  else if (r->what == TIFAI_PM_DATE && !L->pf[F_DATE])
    L->pf[F_DATE] = adddate(L, s + k, b->len - k, &L->pf[F_PREC]);
  else if (r->what == TIFAI_PM_EDITOR && !L->pf[F_EDITOR]) L->pf[F_EDITOR] = addstr(L, s + k, b->len - k);
  else if (r->what == TIFAI_PM_AUTHOR && !L->pf[F_AUTHOR]) L->pf[F_AUTHOR] = addstr(L, s + k, b->len - k);
}

/* Is the block a link to its article's source (查看原文)? */
static int sourcelink (const tifai_layout *L, const block *b) {
  const tifai_rule *r = rulestart(tifai_furniture, btext(L, b), b->len);
  return r != NULL && r->what == TIFAI_FURN_SOURCE;
}

static void furniture (tifai_layout *L, const block *b) {
  const char *s = btext(L, b);
  const tifai_rule *r = rulestart(tifai_furniture, s, b->len);
  size_t k;
  char key[64];
  if (r == NULL) {                                     /* ...公网安备... */
    metapair(&L->pmeta, "公网安备", s, b->len);
    return;
  }
  if (r->what != 1) return;
  k = strlen(r->lit);
  snprintf(key, sizeof(key), "%s", r->lit);
  k += skipspace(s + k, b->len - k);
  if (startswith(s + k, b->len - k, ":")) k += 1;
  else if (startswith(s + k, b->len - k, "：")) k += 3;
  if (strcmp(r->lit, "ICP备") == 0 || strcmp(r->lit, "©") == 0) k = 0;   /* the whole line */
  metapair(&L->pmeta, key, s + k, b->len - k);
}

/* A date in the page's title ("《新闻联播》 (20220924)", "2024年3月18日...") is the page's. */
static void titledate (tifai_layout *L, const char *s, size_t len) {
  size_t k, n;
  for (k = 0; k < len && !L->pf[F_DATE]; k += n) {
    const unsigned char *u = (const unsigned char *)s + k;
    char iso[32];
    const char *prec;
    cpat(s + k, len - k, &n);
    if ((k == 0 || !(u[-1] >= '0' && u[-1] <= '9')) && len - k >= 8) {   /* yyyymmdd */
      int j, y, m, dd;
      for (j = 0; j < 8 && u[j] >= '0' && u[j] <= '9'; j++) ;
      if (j == 8 && (len - k == 8 || !(u[8] >= '0' && u[8] <= '9'))) {
        y = (u[0] - '0') * 1000 + (u[1] - '0') * 100 + (u[2] - '0') * 10 + (u[3] - '0');
        m = (u[4] - '0') * 10 + (u[5] - '0');
        dd = (u[6] - '0') * 10 + (u[7] - '0');
        snprintf(iso, sizeof(iso), "%04d-%02d-%02d", y, m, dd);
        if (y >= 1900 && y <= 2100 && m >= 1 && m <= 12 && dd >= 1 && dd <= 31) {
          L->pf[F_DATE] = addstr(L, iso, strlen(iso));
          L->pf[F_PREC] = addstr(L, "day", 3);
        }
        continue;
      }
    }
    if (tifai_date_parse(s + k, len - k, iso, &prec) > 0 && strcmp(prec, "month-day") != 0) {
      L->pf[F_DATE] = addstr(L, iso, strlen(iso));
      L->pf[F_PREC] = addstr(L, prec, strlen(prec));
    }
  }
}

/* The first non-heading block after i (skipping page fields), or L->nb. */
static size_t after (const tifai_layout *L, size_t i) {
  for (i = nextlive(L, i); i < L->nb; i = nextlive(L, i)) {
    int r = L->b[i].role;
    if (r != R_HEAD && r != R_DUP) return i;
  }
  return L->nb;
}

static int isdateline (const tifai_layout *L, const block *b) {
  dline d;
  return parsedateline(btext(L, b), b->len, &d);
}

/* A numbered section heading: 一、…, （一）… */
static int numbered (const tifai_layout *L, const block *b) {
  const tifai_rule *r = rulestart(tifai_items, btext(L, b), b->len);
  size_t k;
  if (r == NULL || r->what != 0) return 0;
  k = strlen(r->lit);
  return endswith(r->lit, k, "、") || endswith(r->lit, k, "）");
}

/* Does a heading of level 1..lv on the page open a story by a cue (a dateline or byline
** under it)? */
static int cuedlevel (const tifai_layout *L, int lv) {
  size_t i, nx;
  for (i = 0; i < L->nb; i++) {
    const block *b = &L->b[i];
    if (b->role != R_HEAD || b->level == 0 || b->level > lv) continue;
    if ((nx = after(L, i)) < L->nb
        && (L->b[nx].role == R_BYLINE || (L->b[nx].role == R_BODY && isdateline(L, &L->b[nx]))))
      return 1;
  }
  return 0;
}

/* The first headings of a Markdown or HTML page whose reader took its title from the page
** ("# 中华人民共和国X法", then "## 第一章 总则"): with no story on the page opened by a cue
** at their level, they are the first section of the page's one article, not its title. */
static int firstsection (tifai_layout *L, const size_t *h, size_t n, int fmt) {
  int lv = L->b[h[n - 1]].level;
  return cur(L) == NULL && L->ptitle && (fmt == TIFAI_FMT_MARKDOWN || fmt == TIFAI_FMT_HTML)
         && lv > 1 && L->b[h[0]].level > 1 && !L->collection && !cuedlevel(L, lv);
}

/* A second top-level heading under the page's title, with no story opened by a cue at that
** level: "# 中华人民共和国民法典" then "# 继承编" is one document, the heading its subtitle. */
static int secondtitle (tifai_layout *L, const size_t *h, size_t n, int fmt) {
  return cur(L) == NULL && L->ptitle && (fmt == TIFAI_FMT_MARKDOWN || fmt == TIFAI_FMT_HTML)
         && n == 1 && L->b[h[0]].level == 1 && !L->collection && !cuedlevel(L, 1);
}

/* Is the page so far one document under the title its reader found (a law's "# title")? */
static int onedoc (tifai_layout *L, int fmt) {
  return L->na == 1 && L->ptitle && cur(L)->f[F_TITLE] == L->ptitle && !cur(L)->ended
         && (fmt == TIFAI_FMT_MARKDOWN || fmt == TIFAI_FMT_HTML);
}

/* Does the run of heading-like blocks h[0..n) start an article? */
static int starts (tifai_layout *L, const size_t *h, size_t n, size_t next, int fmt) {
  art *a = cur(L);
  const block *nb = next < L->nb ? &L->b[next] : NULL;
  int lv = L->b[h[n - 1]].level;
  int cue = (nb && nb->role == R_BYLINE) || (nb && nb->role == R_BODY && isdateline(L, nb));
  if (a != NULL && !a->ended && !L->collection && a->f[F_TITLE] && !a->hasbody && a->nm == 0
      && n == 1 && numbered(L, &L->b[h[0]]))
    return 0;                                          /* TITLE, then 一、…: its first section */
  if (cue && fmt != TIFAI_FMT_TEXT && lv > 0 && L->storylevel == 0)
    L->storylevel = lv;                                /* the first story's level, too */
  if (a == NULL || !a->hasbody || a->ended || L->collection) return 1;
  if (fmt != TIFAI_FMT_TEXT && L->storylevel > 0 && lv > 0 && lv <= L->storylevel) return 1;
  if (L->b[h[0]].bold && lv == 0 && !a->ended) return 0;      /* a bold sub-headline */
  if (cue) {
    if (fmt != TIFAI_FMT_TEXT && lv > 0) L->storylevel = lv;
    return 1;
  }
  if (fmt == TIFAI_FMT_TEXT && n >= 2 && kickerlike(btext(L, &L->b[h[0]]), L->b[h[0]].len))
    return 1;
  return 0;
}

/* Is the heading 'hb' a story of a news page that has only its link: a heading (Markdown,
** HTML) followed by a link line (查看原文, furniture) and then by a heading of its level, or
** by the page's foot? Video stories of 新闻联播 pages whose text the scrape lost are so: they
** are kept as articles with a title and no text (the story was aired; its headline counts). */
static int lonestory (const tifai_layout *L, size_t hb, size_t next) {
  int lv = L->b[hb].level;
  size_t k;
  if (lv <= 0 || next >= L->nb || L->b[next].role != R_FURN) return 0;
  if (!sourcelink(L, &L->b[next])) return 0;
  for (k = nextlive(L, next); k < L->nb; k = nextlive(L, k)) {   /* then the page's foot */
    int r = L->b[k].role;
    if (r != R_FURN && r != R_PAGEMETA && r != R_DUP && r != R_DROP) break;
  }
  return k >= L->nb || (L->b[k].role == R_HEAD && L->b[k].level == lv);
}

/* s[0..len) without white space (U+3000 too) into L->str: "习　近　平" is 习近平. */
static size_t addsqueezed (tifai_layout *L, const char *s, size_t len) {
  char buf[256];
  int all;
  return addstr(L, buf, nospace(s, len, buf, sizeof(buf), &all));
}

/* Is s[0..len) a person's name: two to four Chinese characters, spaces between allowed? */
static int aname (const char *s, size_t len) {
  size_t i = 0, n;
  int k = 0;
  while (i < len) {
    int32_t c = cpat(s + i, len - i, &n);
    i += n;
    if (tifai_is_space(c)) continue;
    if (!tifai_is_han(c)) return 0;
    k++;
  }
  return k >= 2 && k <= 4;
}

static int spaced (const char *s, size_t len) {      /* white space inside */
  size_t i = 0, n;
  while (i < len) { if (tifai_is_space(cpat(s + i, len - i, &n))) return 1; i += n; }
  return 0;
}

/* The speaker's line(s): "国务院总理" then "李　强", or both on one line. */
static int speaker (tifai_layout *L, art *a, const char *s, size_t len) {
  const tifai_rule *p;
  const char *at = NULL, *end;
  trimspace(&s, &len);
  if (!a->f[F_AUTHOR] && aname(s, len) && (a->f[F_AFFIL] || spaced(s, len))) {
    a->f[F_AUTHOR] = addsqueezed(L, s, len);         /* "李　强" after the post; "习　近　平" */
    return 1;
  }
  for (p = tifai_posts; p->lit && at == NULL; p++) {   /* the post, and a name after it */
    const char *q = findlit(s, len, p->lit);
    if (q != NULL && nchars(s, (size_t)(q - s)) <= 12) { at = q; end = q + strlen(p->lit); }
  }
  if (at == NULL || a->f[F_AFFIL]) return 0;
  if (end < s + len && !aname(end, (size_t)(s + len - end))) return 0;
  a->f[F_AFFIL] = addsqueezed(L, s, (size_t)(end - s));
  if (end < s + len) a->f[F_AUTHOR] = addsqueezed(L, end, (size_t)(s + len - end));
  return 1;
}

/* The head of a speech or report: the short lines above its salutation (see layout.h). The
** article starts here, with its title, subtitle, date and speaker; its head lines are
** dropped. Returns 1 if the page has such a head. */
static int reporthead (tifai_layout *L) {
  size_t i, sal = L->nb, h[12], n = 0, k;
  art *a;
  for (i = 0; i < L->nb && n < 12; i = nextlive(L, i)) {
    block *b = &L->b[i];
    if (b->role == R_JOINED) continue;
    if (b->role == R_FURN || b->role == R_PAGEMETA || b->role == R_DUP || b->role == R_DROP) continue;
    if (b->len <= 40 && rulestart(tifai_salutations, btext(L, b), b->len) != NULL
        && b->len == strlen(rulestart(tifai_salutations, btext(L, b), b->len)->lit)) { sal = i; break; }
    if (nchars(btext(L, b), b->len) > 64) return 0;
    if (n > 0 && b->role == R_HEAD && b->level > 0) return 0;   /* headings: a page of stories */
    h[n++] = i;
  }
  if (sal == L->nb || n < 2) return 0;
  if (newart(L) != 0) return 0;
  a = cur(L);
  a->f[F_TITLE] = addstr(L, btext(L, &L->b[h[0]]), L->b[h[0]].len);
  L->b[h[0]].role = R_DROP; L->b[h[0]].why = "title";
  for (k = 1; k < n; k++) {
    block *b = &L->b[h[k]];
    const char *s = btext(L, b);
    size_t len = b->len, prec = 0;
    b->role = R_DROP;
    if (startswith(s, len, "——")) {                   /* ——2024年3月5日在…上 */
      s += 6; len -= 6;
      trimspace(&s, &len);
      if (!a->f[F_SUBTITLE]) a->f[F_SUBTITLE] = addstr(L, s, len);
      if (!a->f[F_DATE] && (a->f[F_DATE] = adddate(L, s, len, &prec)) != 0) a->f[F_PREC] = prec;
      b->why = "subtitle";
    }
    else if ((startswith(s, len, "（") && endswith(s, len, "）")) || (startswith(s, len, "(") && endswith(s, len, ")"))) {
      size_t o = startswith(s, len, "（") ? 3 : 1;
      if (!a->f[F_DATE] && (a->f[F_DATE] = adddate(L, s + o, len - 2 * o, &prec)) != 0) {
        a->f[F_PREC] = prec;
        b->why = "date";
      }
      else b->why = "title repeat";
    }
    else if (speaker(L, a, s, len)) b->why = "speaker";
    else b->why = "title repeat";
  }
  return 1;
}

/* {====== Tables of contents ====== */

/* The item number that opens s[0..len) ("1.", "12、"), its length in *k; 0 if none. */
static int itemno (const char *s, size_t len, size_t *k) {
  size_t i = 0;
  int v = 0;
  while (i < len && i < 4 && s[i] >= '0' && s[i] <= '9') v = v * 10 + (s[i++] - '0');
  if (i == 0 || i > 3 || i == len) return 0;
  if (s[i] == '.') *k = i + 1;
  else if (startswith(s + i, len - i, "、") || startswith(s + i, len - i, "．")) *k = i + 3;
  else return 0;
  return v;
}

/* A sub-item of a list: "（1）…", "(1)…". */
static int subitem (const char *s, size_t len) {
  size_t i = startswith(s, len, "（") ? 3 : startswith(s, len, "(") ? 1 : 0, d = 0;
  if (i == 0) return 0;
  while (i < len && d < 3 && s[i] >= '0' && s[i] <= '9') i++, d++;
  return d > 0 && (startswith(s + i, len - i, "）") || startswith(s + i, len - i, ")"));
}

/* s[0..len) without white space into q (room for qn bytes); with SQ_ITEM, without its item
** number; with SQ_END, without a closing "；" or "。". Its length, or 0. */
#define SQ_ITEM  1
#define SQ_END   2
static size_t squeeze (const char *s, size_t len, int how, char *q, size_t qn) {
  size_t i = 0, o;
  int all;
  if ((how & SQ_ITEM) && itemno(s, len, &i) == 0) return 0;
  o = nospace(s + i, len - i, q, qn, &all);
  if (!all) return 0;
  while ((how & SQ_END) && o > 0 && (endswith(q, o, "；") || endswith(q, o, "。") || q[o - 1] == ';'))
    o -= q[o - 1] == ';' ? 1 : 3;
  return o;
}

/* The item number of block b, a line of prose; 0 if it has none. */
static int isitem (const tifai_layout *L, const block *b) {
  size_t k;
  return b->role == R_BODY ? itemno(btext(L, b), b->len, &k) : 0;
}

static int colon (const tifai_layout *L, const block *b) {
  return endswith(btext(L, b), b->len, "：") || endswith(btext(L, b), b->len, ":");
}

/* Is the numbered line bi (with the line after it when it ends in "：", as a scrape cuts
** "6.海采：" / "这个假期去哪？") the text of a heading after block `from`? Each heading
** compared takes one from *budget; none left, the answer is no. */
static int listsheading (const tifai_layout *L, size_t bi, size_t from, size_t *budget) {
  char q[512], t[512];
  const block *b = &L->b[bi];
  size_t nq = squeeze(btext(L, b), b->len, SQ_ITEM | SQ_END, q, sizeof(q)), k, nt;
  if (nq == 0) return 0;
  if (colon(L, b) && (k = nextlive(L, bi)) <= from && !isitem(L, &L->b[k])) {
    nt = squeeze(btext(L, &L->b[k]), L->b[k].len, SQ_END, t, sizeof(t));
    if (nt == 0 || nq + nt > sizeof(q)) return 0;
    memcpy(q + nq, t, nt);
    nq += nt;
  }
  for (k = nextlive(L, from); k < L->nb; k = nextlive(L, k)) {
    if (L->b[k].role != R_HEAD) continue;
    if (*budget == 0) return 0;
    --*budget;
    nt = squeeze(btext(L, &L->b[k]), L->b[k].len, 0, t, sizeof(t));
    if (nt == nq && memcmp(q, t, nq) == 0) return 1;
  }
  return 0;
}


/* A page's table of contents: a run of numbered lines near its top ("1.HEADLINE；", as the
** 新闻摘要 of a 新闻联播 page) of which two or more and at least half, or four or more, are
** headings found further down. It is no article: it is dropped, with the line that announces it
** ("本期节目主要内容：") and its heading when nothing else stands under that. */
#define TOCTOP   64                  /* live blocks from the top where such a list may start */
#define TOCMAX  200                  /* lines of a list compared with the headings */
#define TOCCMP  (1u << 18)           /* line-heading comparisons a page may cost */
static void contents (tifai_layout *L) {
  size_t i, seen = 0, budget = TOCCMP;
  for (i = 0; i < L->nb && seen < TOCTOP; i = nextlive(L, i), seen++) {
    size_t e = i, k, items = 0, hits = 0, p = L->nb, q, before[2];
    int want = 1;
    if (L->b[i].role == R_JOINED || isitem(L, &L->b[i]) != 1) continue;   /* a list starts at 1 */
    for (k = i; k < L->nb; k = nextlive(L, k)) {       /* the run: 1., 2., ... and (1), (2) */
      const block *b = &L->b[k];
      int v = isitem(L, b);
      if (b->role == R_DUP || b->role == R_DROP) continue;
      if (v >= want) { want = v + 1; items++; }        /* rising: a cut may skip numbers */
      else if (b->role == R_BODY && subitem(btext(L, b), b->len)) {}
      else if (b->role == R_BODY && colon(L, &L->b[e])) {}
      else break;                                      /* (the last two: a sub-item, a line
                                                          that goes on after "：") */
      e = k;
    }
    for (k = i; k <= e && items <= TOCMAX; k = nextlive(L, k))
      if (isitem(L, &L->b[k]) && listsheading(L, k, e, &budget)) hits++;
    if (items < 2 || hits < 2 || (2 * hits < items && hits < 4)) { i = e; continue; }
    for (k = i; k <= e; k = nextlive(L, k))
      if (L->b[k].role == R_BODY) { L->b[k].role = R_DROP; L->b[k].why = "table of contents"; }
    before[0] = before[1] = L->nb;                     /* the two live blocks before it */
    for (k = 0; k < i; k = nextlive(L, k))
      if (L->b[k].role != R_JOINED) { before[0] = before[1]; before[1] = k; }
    p = before[1];
    if (p < L->nb && L->b[p].role == R_BODY && nchars(btext(L, &L->b[p]), L->b[p].len) <= 20
        && colon(L, &L->b[p])) {
      L->b[p].role = R_DROP;
      L->b[p].why = "table of contents";
      p = before[0];
    }
    q = nextlive(L, e);
    if (p < L->nb && L->b[p].role == R_HEAD && (q >= L->nb || L->b[q].role == R_HEAD)) {
      L->b[p].role = R_DROP;
      L->b[p].why = "table of contents";
    }
    return;
  }
}

/* }====== */

/* Is s[0..len), white space aside, part of article a's kicker, title or subtitle? */
static int inhead (tifai_layout *L, const art *a, const char *s, size_t len) {
  char q[512], f[1024];
  size_t nq = squeeze(s, len, 0, q, sizeof(q) - 1), nf = 0;
  int k, all;
  static const int fields[] = {F_KICKER, F_TITLE, F_SUBTITLE};
  if (nq == 0) return 0;
  for (k = 0; k < 3; k++) {                            /* the three, run together */
    const char *t = fstr(L, a->f[fields[k]]);
    if (t) nf += nospace(t, strlen(t), f + nf, sizeof(f) - nf, &all);
  }
  q[nq] = '\0';
  return findlit(f, nf, q) != NULL;
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
        if (L->b[j].role == R_HEAD && n > 0 && fmt == TIFAI_FMT_TEXT && numbered(L, &L->b[j]))
          break;                                       /* a numbered heading under a title */
        if (L->b[j].role == R_HEAD && n > 0 && L->b[j].bold != L->b[h[n - 1]].bold)
          break;                                       /* a bold line under a heading */
        if (L->b[j].role == R_HEAD && n < 16) h[n++] = j;
        else if (L->b[j].role == R_DUP && ndup < 16) dup[ndup++] = j;   /* a line printed twice */
        j++;
      }
      next = after(L, i);
      if (cur(L) && L->b[h[0]].bold) {                /* the headline again, centred in bold */
        art *a = cur(L);
        size_t k, rep = 0;
        while (rep < n && inhead(L, a, btext(L, &L->b[h[rep]]), L->b[h[rep]].len)) rep++;
        if (rep == n) {
          for (k = 0; k < n; k++) dropped(L, h[k], "repeat of the headline");
          goto run;
        }
        if (rep > 0 && rep + 1 == n && a->nm == 0 && !a->hasbody && !a->f[F_SUBTITLE]
            && nchars(btext(L, &L->b[h[rep]]), L->b[h[rep]].len) <= 40) {
          const char *s = btext(L, &L->b[h[rep]]);   /* ... and one more bold line: its subtitle */
          size_t len = L->b[h[rep]].len;
          trimspace(&s, &len);
          for (k = 0; k < rep; k++) dropped(L, h[k], "repeat of the headline");
          a->f[F_SUBTITLE] = addstr(L, s, len);
          dropped(L, h[rep], "subtitle");
          goto run;
        }
      }
      if (top && n >= 1 && pageheader(L, &L->b[h[0]])) {        /* 合集|SERIES */
        dropped(L, h[0], "collection header");        /* the series of every article */
        memmove(h, h + 1, (n - 1) * sizeof(h[0]));
        n--;
        if (n == 0) { top = 0; goto run; }
      }
      top = 0;
      if (fmt != TIFAI_FMT_TEXT && lonestory(L, h[n - 1], next)) {  /* a story with no text */
        size_t k;
        for (k = 0; k + 1 < n; k++) dropped(L, h[k], "heading over articles");
        if (newart(L) != 0) return TIFA_NOMEM;
        L->b[h[n - 1]].why = NULL;
        header(L, cur(L), h + n - 1, 1);
        dropped(L, h[n - 1], L->b[h[n - 1]].why ? L->b[h[n - 1]].why : "title");
        cur(L)->titleonly = 1;
        goto run;
      }
      if (next >= L->nb || (L->b[next].role != R_BODY && L->b[next].role != R_BYLINE
                            && L->b[next].role != R_ATTRIB && after(L, next) >= L->nb
                            && L->b[next].role != R_PAGEMETA)) {
        size_t k;                                              /* nothing follows: dropped */
        if (cur(L) == NULL) { if (newart(L) != 0) return TIFA_NOMEM; }
        for (k = 0; k < n; k++)                                /* ... but a document's stay */
          if (onedoc(L, fmt)) { L->b[h[k]].kind = TIFAI_PARA_HEADING; member(L, h[k]); }
          else dropped(L, h[k], "heading with no text after it");
        goto run;
      }
      if (fmt != TIFAI_FMT_TEXT && n >= 2 && !firstsection(L, h, n, fmt)
          && starts(L, h + n - 1, 1, next, fmt)) {
        size_t k;                                              /* headings over articles */
        for (k = 0; k + 1 < n; k++) dropped(L, h[k], "heading over articles");
        h[0] = h[n - 1];
        n = 1;
      }
      if (firstsection(L, h, n, fmt)) {
        size_t k;
        if (newart(L) != 0) return TIFA_NOMEM;
        cur(L)->f[F_TITLE] = L->ptitle;
        for (k = 0; k < n; k++) { L->b[h[k]].kind = TIFAI_PARA_HEADING; member(L, h[k]); }
      }
      else if (secondtitle(L, h, n, fmt)) {
        const char *s = btext(L, &L->b[h[0]]);
        size_t len = L->b[h[0]].len;
        if (newart(L) != 0) return TIFA_NOMEM;
        trimspace(&s, &len);
        cur(L)->f[F_TITLE] = L->ptitle;
        cur(L)->f[F_SUBTITLE] = addstr(L, s, len);
        dropped(L, h[0], "subtitle");
      }
      else if (starts(L, h, n, next, fmt)) {
        if (newart(L) != 0) return TIFA_NOMEM;
        {
          size_t k;
          for (k = 0; k < n; k++) L->b[h[k]].why = NULL;
          header(L, cur(L), h, n);
          for (k = 0; k < n; k++) dropped(L, h[k], L->b[h[k]].why ? L->b[h[k]].why : "title");
        }
      }
      else {
        size_t k;
        for (k = 0; k < n; k++) { L->b[h[k]].kind = TIFAI_PARA_HEADING; member(L, h[k]); }
      }
    run:                                               /* the run's repeats, with it */
      {
        size_t k;
        for (k = 0; k < ndup; k++) dropped(L, dup[k], "repeat");
      }
      i = j;
      continue;
    }
    top = 0;
    switch (b->role) {
      case R_PAGEMETA: pagemeta(L, b); dropped(L, i, "page field"); break;
      case R_FURN:
        furniture(L, b);
        if (cur(L) && b->href && !cur(L)->f[F_URL] && sourcelink(L, b))
          cur(L)->f[F_URL] = b->href;                 /* the story's source, under it */
        dropped(L, i, "site furniture");
        break;
      case R_DUP: dropped(L, i, "repeat"); break;
      case R_DROP: dropped(L, i, b->why); break;
      case R_BYLINE:
        if (cur(L) == NULL && newart(L) != 0) return TIFA_NOMEM;
        byline(L, cur(L), btext(L, b), b->len);
        dropped(L, i, "byline");
        break;
      case R_ATTRIB:
        if (cur(L) == NULL && newart(L) != 0) return TIFA_NOMEM;
        attribution(L, cur(L), btext(L, b), b->len);
        dropped(L, i, "attribution");
        cur(L)->ended = 1;
        cur(L)->quotebox = 1;
        break;
      default: {
        art *a = cur(L);
        if (a == NULL || a->ended) {
          if (newart(L) != 0) return TIFA_NOMEM;
          a = cur(L);
          if (L->ptitle) a->f[F_TITLE] = L->ptitle;
        }
        if (b->kind == TIFAI_PARA_TEXT && a->nm < 8 && !a->f[F_PLACE] && !a->f[F_DATE])
          dateline(L, a, btext(L, b), b->len);        /* near the top, after captions */
        notes(L, a, b);
        if (b->len == 0) { dropped(L, i, "note"); break; }
        a->hasbody = 1;
        member(L, i);
        break;
      }
    }
    i = nextlive(L, i);
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
  if ((L->na > L->cout && grow((void **)&L->out, &L->cout, sizeof(*L->out), L->na) != 0)
      || (np > L->cparas && grow((void **)&L->paras, &L->cparas, sizeof(*L->paras), np) != 0)
      || (nd > L->cdropped && (grow((void **)&L->dropped, &L->cdropped, sizeof(*L->dropped), nd) != 0
                               || (L->cdropped = 0,
                                   grow((void **)&L->why, &L->cdropped, sizeof(*L->why), nd)) != 0)))
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
      f[F_DATE] = addstr(L, iso, strlen(iso));
      f[F_PREC] = addstr(L, "day", 3);
    }
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
      f[F_META] = m.oom ? 0 : addstr(L, m.p, m.len);
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
                     || strstr(b->why, "subtitle"))) {
        if (l0 == 0 || b->l0 < l0) l0 = b->l0;
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
  if (d->npara > L->cpage && grow((void **)&L->page, &L->cpage, sizeof(*L->page), d->npara) != 0)
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
    L->ptitle = addstr(L, d->title, strlen(d->title));
    titledate(L, d->title, strlen(d->title));
    L->titledated = L->pf[F_DATE] != 0;
  }
  if (record) {
    if (newart(L) != 0) return TIFA_NOMEM;
    for (i = 0; i < L->nb; i = nextlive(L, i)) {
      block *b = &L->b[i];
      if (b->role == R_JOINED) continue;
      if (b->role == R_BODY || b->role == R_HEAD) {
        art *a = cur(L);
        if (b->kind == TIFAI_PARA_TEXT && a->nm < 8 && !a->f[F_PLACE] && !a->f[F_DATE])
          dateline(L, a, btext(L, b), b->len);        /* the record's columns win, below */
        notes(L, cur(L), b);
        if (b->len) member(L, i); else dropped(L, i, "note");
      }
      else if (b->role == R_BYLINE) { byline(L, cur(L), btext(L, b), b->len); dropped(L, i, "byline"); }
      else if (b->role == R_PAGEMETA) { pagemeta(L, b); dropped(L, i, "page field"); }
      else if (b->role == R_FURN) { furniture(L, b); dropped(L, i, "site furniture"); }
      else if (b->role == R_DROP) { dropped(L, i, b->why); }
      else { member(L, i); }
    }
    cur(L)->f[F_TITLE] = L->ptitle;
  }
  else {
    contents(L);
    reporthead(L);
    if ((rc = articles(L, fmt)) != TIFA_OK) return rc;
  }
  if (L->oom || L->str.oom || L->text.oom) return TIFA_NOMEM;
  /* the reader's own fields win (JSONL, CSV, HTML <meta>) */
  for (i = 0; i < L->na; i++) {
    art *a = &L->a[i];
    if (d->author) a->f[F_AUTHOR] = addstr(L, d->author, strlen(d->author));
    if (d->outlet) a->f[F_OUTLET] = addoutlet(L, d->outlet, strlen(d->outlet));
    if (d->url && !a->f[F_URL]) a->f[F_URL] = addstr(L, d->url, strlen(d->url));  /* a story's link is nearer */
    if (d->date) {
      size_t prec = 0, iso = adddate(L, d->date, strlen(d->date), &prec);
      a->f[F_DATE] = iso ? iso : addstr(L, d->date, strlen(d->date));
      a->f[F_PREC] = iso ? prec : 0;
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
