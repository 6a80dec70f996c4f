/*
** layout_int.h -- what the files of the layout share: the page's blocks and articles as the
** engine (layout.c) builds them, the character helpers (static inline: they are hot), and
** the rules of each genre: news pages (layout_news.c), speeches and reports
** (layout_speech.c), laws and one-document pages (layout_law.c), official documents
** (layout_doc.c), and the genre of a page
** (layout_genre.c). Internal to host/read: only the layout*.c files include it.
*/
#ifndef TIFA_LAYOUT_INT_H
#define TIFA_LAYOUT_INT_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "layout.h"
#include "read_fmt.h"
#include "text.h"

/* {====== Blocks and articles ====== */

enum { R_BODY, R_HEAD, R_BYLINE, R_ATTRIB, R_PAGEMETA, R_FURN, R_DUP, R_DROP, R_JOINED };

enum { F_TITLE, F_KICKER, F_SUBTITLE, F_SERIES, F_AUTHOR, F_AFFIL, F_EDITOR, F_OUTLET,
       F_PLACE, F_DATE, F_PREC, F_URL, F_META, F_EFFECTIVE, F_EVENTS, NF };

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
  const char *dsrc;                 /* where its date came from (static): "dateline"; NULL:
                                       a field */
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
  const char *genre;                /* the page's genre (static; layout_genre.c) */
  const char *forced;               /* the genre every page has (tifai_layout_genre), or NULL */
  /* output */
  tifa_cut_article *out;
  tifa_para_src *paras, *dropped, *page;
  const char **why;
  size_t cout, cparas, cdropped, cpage;
  int oom;
};

/* }====== */

/* {====== Characters ====== */

static inline int32_t cpat (const char *s, size_t len, size_t *n) {
  int32_t cp;
  int k = tifa_utf8_decode(s, len, &cp);
  *n = k > 0 ? (size_t)k : 1;
  return k > 0 ? cp : 0xFFFD;
}

static inline int32_t lastcp (const char *s, size_t len) {
  size_t i = len, n;
  if (len == 0) return 0;
  while (i > 0 && ((unsigned char)s[i - 1] & 0xC0) == 0x80) i--;
  if (i > 0) i--;
  return cpat(s + i, len - i, &n);
}

static inline int isin (int32_t cp, const char *set) {
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

static inline int nchars (const char *s, size_t len) {     /* code points of valid UTF-8 */
  const unsigned char *u = (const unsigned char *)s;
  size_t i;
  int n = 0;
  for (i = 0; i < len; i++) n += (u[i] & 0xC0) != 0x80;
  return n;
}

static inline int64_t solid (const char *s, size_t len) {    /* code points not white space */
  int64_t n = 0;
  size_t i, k;
  for (i = 0; i < len; i += k) if (!tifai_is_space(cpat(s + i, len - i, &k))) n++;
  return n;
}

static inline int cpwidth (int32_t cp) {
  return (cp >= 0x1100 && (tifai_is_cjk(cp) || (cp >= 0xFF00 && cp <= 0xFF60))) ? 2 : 1;
}

static inline int swidth (const char *s, size_t len) {
  size_t i = 0, n;
  int w = 0;
  while (i < len) { w += cpwidth(cpat(s + i, len - i, &n)); i += n; }
  return w;
}

static inline int startswith (const char *s, size_t len, const char *p) {
  size_t n = strlen(p);
  return len >= n && memcmp(s, p, n) == 0;
}

static inline int endswith (const char *s, size_t len, const char *p) {
  size_t n = strlen(p);
  return len >= n && memcmp(s + len - n, p, n) == 0;
}

static inline const tifai_rule *rulestart (const tifai_rule *t, const char *s, size_t len) {
  for (; t->lit; t++) if (startswith(s, len, t->lit)) return t;
  return NULL;
}

static inline const tifai_rule *ruleend (const tifai_rule *t, const char *s, size_t len) {
  for (; t->lit; t++) if (endswith(s, len, t->lit)) return t;
  return NULL;
}

static inline const char *findlit (const char *s, size_t len, const char *p) {
  size_t n = strlen(p), i;
  for (i = 0; i + n <= len; i++) if (memcmp(s + i, p, n) == 0) return s + i;
  return NULL;
}

/* Skip white space (ASCII, U+3000, NBSP) at s; returns the bytes skipped. */
static inline size_t skipspace (const char *s, size_t len) {
  size_t i = 0, n;
  while (i < len && tifai_is_space(cpat(s + i, len - i, &n))) i += n;
  return i;
}

static inline void trimspace (const char **s, size_t *len) {
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
static inline size_t nospace (const char *s, size_t len, char *q, size_t qn, int *all) {
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
static inline int balanced (const char *s, size_t len) {
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
static inline int headlike (const char *s, size_t len) {
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
static inline int endsopen (const char *s, size_t len) {
  int32_t cp = lastcp(s, len);
  return tifai_is_han(cp) || isin(cp, "，、“‘（《,");
}

/* }====== */

/* {====== Blocks, fields, articles ====== */

static inline const char *btext (const tifai_layout *L, const block *b) { return L->text.p + b->off; }
static inline const char *fstr (const tifai_layout *L, size_t f) { return f ? L->str.p + f - 1 : NULL; }
static inline art *cur (tifai_layout *L) { return L->na ? &L->a[L->na - 1] : NULL; }

/* }====== */

/* {====== The engine (layout.c), for the genres' rules ======
** Fields are offsets + 1 into L->str (0: none); addstr trims and returns 0 for empty text. */

size_t tifai_lay_addstr (tifai_layout *L, const char *s, size_t len);
size_t tifai_lay_addoutlet (tifai_layout *L, const char *s, size_t len);
size_t tifai_lay_adddate (tifai_layout *L, const char *s, size_t len, size_t *prec);
/* Add the pair k: v to the meta pairs 'm' (,"k":"v"). A key given again keeps one pair, its
** values joined by a space in the order given (notes of several paragraphs). */
void tifai_lay_metapair (tifai_buf *m, const char *k, const char *v, size_t vlen);
size_t tifai_lay_nextlive (const tifai_layout *L, size_t i);
int tifai_lay_newart (tifai_layout *L);
void tifai_lay_member (tifai_layout *L, size_t bi);
void tifai_lay_dropped (tifai_layout *L, size_t bi, const char *why);
size_t tifai_lay_after (const tifai_layout *L, size_t i);

/* }====== */

/* {====== News pages (layout_news.c): bylines, notes, datelines, story headers and levels,
** page fields and furniture, the page's table of contents ====== */

void tifai_news_byline (tifai_layout *L, art *a, const char *s, size_t len);
void tifai_news_notes (tifai_layout *L, art *a, block *b);
void tifai_news_dateline (tifai_layout *L, art *a, const char *s, size_t len);
void tifai_news_attribution (tifai_layout *L, art *a, const char *s, size_t len);
void tifai_news_header (tifai_layout *L, art *a, const size_t *h, size_t n);
int tifai_news_pageheader (tifai_layout *L, const block *b);
void tifai_news_pagemeta (tifai_layout *L, const block *b);
int tifai_news_sourcelink (const tifai_layout *L, const block *b);
void tifai_news_furniture (tifai_layout *L, const block *b);
void tifai_news_titledate (tifai_layout *L, const char *s, size_t len);
int tifai_news_numbered (const tifai_layout *L, const block *b);
int tifai_news_cuedlevel (const tifai_layout *L, int lv);
int tifai_news_starts (tifai_layout *L, const size_t *h, size_t n, size_t next, int fmt);
int tifai_news_lonestory (const tifai_layout *L, size_t hb, size_t next);
void tifai_news_contents (tifai_layout *L);
int tifai_news_inhead (tifai_layout *L, const art *a, const char *s, size_t len);
/* A date alone in the head of a Markdown or HTML page under its title: the page's date. */
void tifai_news_headdate (tifai_layout *L, int fmt);

/* }====== */

/* {====== Speeches and reports (layout_speech.c) ====== */

int tifai_speech_reporthead (tifai_layout *L);

/* }====== */

/* {====== Laws and other one-document pages (layout_law.c) ====== */

int tifai_law_firstsection (tifai_layout *L, const size_t *h, size_t n, int fmt);
int tifai_law_secondtitle (tifai_layout *L, const size_t *h, size_t n, int fmt);
int tifai_law_onedoc (tifai_layout *L, int fmt);
/* Are the headings h[0..n) a law's 编/分编/章/节 headings under its title (sections)? */
int tifai_law_section (tifai_layout *L, const size_t *h, size_t n);
/* Does a 第N条 label open s[0..len) ("第十二条　…")? */
int tifai_law_provision (const char *s, size_t len);
/* Is s[0..len) a law's header event, "<date> <event>" (also in parentheses)? Then 1, its
** date in 'iso' and its kind in '*kind' (static: 通过, 公布, 修正, 修订, 施行; 发布 is
** 公布); either may be NULL. */
int tifai_law_event (const char *s, size_t len, char iso[16], const char **kind);
/* A law page's header events into page fields (events, date, effective), after roles(). */
void tifai_law_events (tifai_layout *L, int fmt);

/* }====== */

/* {====== Official documents (layout_doc.c) ====== */

/* How much the page's live lines look like a 公文 (tifai_gongwen_read's score), after
** roles(); -1 when out of memory. */
int tifai_doc_score (tifai_layout *L);
/* A 公文 page's elements into page fields (title, date, meta) and dropped lines with the
** reasons "title" and "document ..." (fields); its headings become sections. 1 if the page
** reads as a 公文, else 0 and nothing changed. After roles() and the genre. */
int tifai_doc_read (tifai_layout *L);

/* }====== */

/* {====== Genres (layout_genre.c) ====== */

/* The page's genre after roles(): "law", "document", "speech", "case" or "news" (static). */
const char *tifai_genre_detect (tifai_layout *L);

/* }====== */

#endif
