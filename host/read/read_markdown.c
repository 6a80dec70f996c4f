/*
** read_markdown.c -- CommonMark reader, through cmark: one article per file, one paragraph per
** heading, paragraph, list item paragraph, quote paragraph or code block. Raw HTML (blocks, and
** paragraphs with inline tags, as in the 《新闻联播》 transcripts) goes through read_html.c's walker.
** Title: the document's first block when it is an ATX heading (then not repeated as a paragraph).
** Front matter (frontmatter.c) gives fields and meta, never text; its title wins over the
** heading, which then stays a heading paragraph unless it says the same.
*/
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmark.h>
#include "read_fmt.h"
#include "frontmatter.h"

/* {====== cmark's memory ======
** cmark's own allocator aborts the process when memory runs out. This one keeps each block
** on a list and, when an allocation fails, jumps back to md_finish, which frees every block
** and fails the file with TIFA_NOMEM. The state is per thread (a worker reads pages too) and
** not an automatic variable of md_finish, so that the jump leaves it determinate. */

typedef union mdhdr {                     /* before each block given to cmark */
  struct { union mdhdr *prev, *next; } l;
  long double align_;                     /* the blocks keep malloc's alignment */
  void *alignp_;
} mdhdr;

typedef struct mdstate {
  jmp_buf jb;
  mdhdr blocks;                           /* a ring of the blocks cmark holds */
  tifai_buf b, title;                     /* md_parse's buffers, freed after a jump too */
} mdstate;

static __thread mdstate mdst;

static void mdlink (mdhdr *h) {
  h->l.prev = &mdst.blocks;
  h->l.next = mdst.blocks.l.next;
  h->l.next->l.prev = h;
  mdst.blocks.l.next = h;
}

static void mdunlink (mdhdr *h) {
  h->l.prev->l.next = h->l.next;
  h->l.next->l.prev = h->l.prev;
}

static void *md_calloc (size_t n, size_t sz) {
  mdhdr *h;
  if (sz != 0 && n > (SIZE_MAX - sizeof(mdhdr)) / sz) longjmp(mdst.jb, 1);
  if ((h = (mdhdr *)calloc(1, sizeof(mdhdr) + n * sz)) == NULL) longjmp(mdst.jb, 1);
  mdlink(h);
  return h + 1;
}

static void *md_realloc (void *p, size_t n) {
  mdhdr *h = p ? (mdhdr *)p - 1 : NULL, *nh;
  if (n > SIZE_MAX - sizeof(mdhdr)) longjmp(mdst.jb, 1);
  if (h) mdunlink(h);
  if ((nh = (mdhdr *)realloc(h, sizeof(mdhdr) + n)) == NULL) {
    if (h) mdlink(h);                     /* still held: freed after the jump */
    longjmp(mdst.jb, 1);
  }
  mdlink(nh);
  return nh + 1;
}

static void md_free (void *p) {
  if (p == NULL) return;
  mdunlink((mdhdr *)p - 1);
  free((mdhdr *)p - 1);
}

static cmark_mem mdmem = {md_calloc, md_realloc, md_free};

/* }====== */

/* The source lines of block 'n', without the blank lines cmark counts at its end. */
static void lines (tifai_reader *r, cmark_node *n, int *l0, int *l1) {
  const tifai_lines *L = &r->lines;
  *l0 = cmark_node_get_start_line(n);
  *l1 = cmark_node_get_end_line(n);
  while (*l1 > *l0 && *l1 >= 1 && (size_t)*l1 <= L->n) {
    size_t a = L->v[*l1 - 1].off, b = (size_t)*l1 < L->n ? L->v[*l1].off : L->text.len;
    if (!tifai_isblank(L->text.p + a, b - a)) break;
    (*l1)--;
  }
}

/* The kind of leaf block 'n': heading or code by itself, else its innermost item or quote. */
static int kindof (cmark_node *n) {
  switch (cmark_node_get_type(n)) {
    case CMARK_NODE_HEADING: return TIFAI_PARA_HEADING;
    case CMARK_NODE_CODE_BLOCK: return TIFAI_PARA_CODE;
    default: break;
  }
  for (n = cmark_node_parent(n); n != NULL; n = cmark_node_parent(n)) {
    switch (cmark_node_get_type(n)) {
      case CMARK_NODE_ITEM: return TIFAI_PARA_ITEM;
      case CMARK_NODE_BLOCK_QUOTE: return TIFAI_PARA_QUOTE;
      default: break;
    }
  }
  return TIFAI_PARA_TEXT;
}

static void addesc (tifai_buf *b, const char *s) {
  const char *t;
  for (t = s; *t; t++) {
    const char *e = *t == '&' ? "&amp;" : *t == '<' ? "&lt;" : *t == '>' ? "&gt;" : NULL;
    if (e == NULL) continue;
    tifai_buf_add(b, s, (size_t)(t - s));
    tifai_buf_adds(b, e);
    s = t + 1;
  }
  tifai_buf_add(b, s, (size_t)(t - s));
}

static int hashtml (cmark_node *n) {
  cmark_iter *it = cmark_iter_new(n);          /* an iterator: inlines may nest deeply */
  cmark_event_type ev;
  int found = 0;
  while (!found && (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE)
    found = cmark_node_get_type(cmark_iter_get_node(it)) == CMARK_NODE_HTML_INLINE;
  cmark_iter_free(it);
  return found;
}

/* The target of a paragraph that is one link ("[查看原文](url)", white space around it
** allowed), or NULL. */
static const char *onelink (cmark_node *n) {
  cmark_node *c, *link = NULL;
  for (c = cmark_node_first_child(n); c != NULL; c = cmark_node_next(c)) {
    cmark_node_type t = cmark_node_get_type(c);
    if (t == CMARK_NODE_LINK && link == NULL) link = c;
    else if (t == CMARK_NODE_SOFTBREAK || t == CMARK_NODE_LINEBREAK) continue;
    else if (t == CMARK_NODE_TEXT) {
      const char *s = cmark_node_get_literal(c);
      if (s && !tifai_isblank(s, strlen(s))) return NULL;
    }
    else return NULL;
  }
  return link ? cmark_node_get_url(link) : NULL;
}

/* The text of the inlines of 'n' into 'b'. mode 0: plain text, raw HTML dropped; mode 1: an
** HTML fragment (text escaped, raw HTML kept, line breaks as "<br>\n" so lines still count). */
static void inlines (cmark_node *n, tifai_buf *b, int mode) {
  cmark_iter *it = cmark_iter_new(n);
  cmark_event_type ev;
  while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
    cmark_node *c = cmark_iter_get_node(it);
    if (ev != CMARK_EVENT_ENTER) continue;
    switch (cmark_node_get_type(c)) {
      case CMARK_NODE_TEXT: case CMARK_NODE_CODE:
        if (mode) addesc(b, cmark_node_get_literal(c));
        else tifai_buf_adds(b, cmark_node_get_literal(c));
        break;
      case CMARK_NODE_SOFTBREAK: case CMARK_NODE_LINEBREAK:
        tifai_buf_adds(b, mode ? "<br>\n" : "\n");
        break;
      case CMARK_NODE_HTML_INLINE:
        if (mode) tifai_buf_adds(b, cmark_node_get_literal(c));
        break;
      case CMARK_NODE_IMAGE:                         /* alt text is not article text */
        cmark_iter_reset(it, c, CMARK_EVENT_EXIT);
        break;
      default: break;
    }
  }
  cmark_iter_free(it);
}

/* A paragraph or heading: plain when it has no raw HTML, else through the HTML walker. */
static int textblock (tifai_reader *r, cmark_node *n, tifai_buf *b) {
  int l0, l1, html = hashtml(n);
  uint64_t b0, b1;
  lines(r, n, &l0, &l1);
  tifai_buf_reset(b);
  inlines(n, b, html);
  if (b->oom) return TIFA_NOMEM;
  if (b->len == 0) return TIFA_OK;
  if (html) return tifai_html_fragment(r, b->p, b->len, l0, kindof(n));
  tifai_lines_range(&r->lines, l0, l1, &b0, &b1);
  {
    size_t before = r->docb.n;
    const char *href = cmark_node_get_type(n) == CMARK_NODE_PARAGRAPH ? onelink(n) : NULL;
    int rc = tifai_docb_addlink(&r->docb, b->p, b->len, kindof(n), l0, l1, b0, b1,
                                href, href ? strlen(href) : 0);
    if (r->docb.n > before && cmark_node_get_type(n) == CMARK_NODE_HEADING)
      r->docb.v[before].level = cmark_node_get_heading_level(n);
    return rc;
  }
}

static int leafblock (tifai_reader *r, cmark_node *n) {
  const char *s = cmark_node_get_literal(n);
  size_t len = s ? strlen(s) : 0;
  uint64_t b0, b1;
  int l0, l1;
  lines(r, n, &l0, &l1);
  if (len == 0) return TIFA_OK;
  if (cmark_node_get_type(n) == CMARK_NODE_HTML_BLOCK)
    return tifai_html_fragment(r, s, len, l0, kindof(n));
  while (len > 0 && s[len - 1] == '\n') len--;
  tifai_lines_range(&r->lines, l0, l1, &b0, &b1);
  return tifai_docb_add(&r->docb, s, len, TIFAI_PARA_CODE, l0, l1, b0, b1);
}

/* The title: the first block if it is an ATX heading ('#' in its source line, not setext). */
static int title (tifai_reader *r, cmark_node *doc, cmark_node **h, tifai_buf *tb, char **out) {
  cmark_node *n = cmark_node_first_child(doc);
  const char *s, *t;
  size_t len;
  int line;
  *h = NULL;
  *out = NULL;
  if (n == NULL || cmark_node_get_type(n) != CMARK_NODE_HEADING) return TIFA_OK;
  line = cmark_node_get_start_line(n);
  if (line < 1 || (size_t)line > r->lines.n) return TIFA_OK;
  s = r->lines.text.p + r->lines.v[line - 1].off;
  while (*s == ' ') s++;
  if (*s != '#') return TIFA_OK;
  inlines(n, tb, 0);
  if (tb->oom) return TIFA_NOMEM;
  *h = n;                                       /* even when blank: "#" alone is no paragraph */
  t = tb->p;
  len = tb->len;
  if (t != NULL) tifai_trim(&t, &len);
  if (len == 0) return TIFA_OK;
  memmove(tb->p, t, len);
  tb->p[len] = '\0';
  *out = tb->p;                                 /* owned by 'tb' */
  return TIFA_OK;
}

/* Parse the page and add its blocks; a failed allocation inside cmark jumps out of here.
** 'fmtitle': the front matter's title, or NULL. */
static int md_parse (tifai_reader *r, const char *fmtitle, char **t) {
  cmark_parser *p = cmark_parser_new_with_mem(CMARK_OPT_DEFAULT | CMARK_OPT_SOURCEPOS, &mdmem);
  cmark_node *doc, *h = NULL;
  cmark_iter *it;
  cmark_event_type ev;
  int rc;
  cmark_parser_feed(p, r->lines.text.p, r->lines.text.len);
  doc = cmark_parser_finish(p);
  cmark_parser_free(p);
  if (doc == NULL) return TIFA_NOMEM;
  rc = title(r, doc, &h, &mdst.title, t);
  if (fmtitle != NULL && h != NULL && (*t == NULL || strcmp(*t, fmtitle) != 0))
    h = NULL;                           /* another heading: a line of the text, not lost */
  it = cmark_iter_new(doc);
  while (rc == TIFA_OK && (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
    cmark_node *n = cmark_iter_get_node(it);
    if (ev != CMARK_EVENT_ENTER) continue;
    switch (cmark_node_get_type(n)) {
      case CMARK_NODE_PARAGRAPH: case CMARK_NODE_HEADING:
        if (n != h) rc = textblock(r, n, &mdst.b);
        cmark_iter_reset(it, n, CMARK_EVENT_EXIT);     /* its inlines are done */
        break;
      case CMARK_NODE_CODE_BLOCK: case CMARK_NODE_HTML_BLOCK:
        rc = leafblock(r, n);
        break;
      default: break;
    }
  }
  cmark_iter_free(it);
  cmark_node_free(doc);
  return rc;
}

/* Read the front matter into 'fm' and blank its lines, so that cmark sees none of it
** (line numbers stay). Returns TIFA_OK, TIFA_NOMEM or TIFA_FORMAT naming the line. */
static int frontmatter (tifai_reader *r, tifai_fm *fm) {
  char msg[TIFA_ERRMAX];
  int line, rc = tifai_fm_read(r->lines.text.p, r->lines.text.len, fm, msg, sizeof(msg), &line);
  size_t i, k;
  if (rc == TIFA_FORMAT) return tifai_reader_fail(r, rc, line, "%s", msg);
  if (rc != TIFA_OK) return rc;
  for (i = 0; i < (size_t)fm->lines && i < r->lines.n; i++)
    for (k = r->lines.v[i].off; r->lines.text.p[k] != '\n'; k++) r->lines.text.p[k] = ' ';
  return TIFA_OK;
}

static int md_finish (tifai_reader *r) {
  tifai_doc d = {0};
  static __thread char *t;              /* set inside md_parse: not automatic (setjmp) */
  static __thread tifai_fm fm;          /* likewise */
  int rc;
  if (r->lines.n == 0) return TIFA_OK;
  if ((rc = frontmatter(r, &fm)) != TIFA_OK) { tifai_fm_free(&fm); return rc; }
  mdst.blocks.l.prev = mdst.blocks.l.next = &mdst.blocks;
  memset(&mdst.b, 0, sizeof(mdst.b));
  memset(&mdst.title, 0, sizeof(mdst.title));
  t = NULL;
  if (setjmp(mdst.jb) == 0) rc = md_parse(r, fm.f[TIFAI_F_TITLE], &t);
  else rc = TIFA_NOMEM;                 /* out of memory inside cmark */
  while (mdst.blocks.l.next != &mdst.blocks) md_free(mdst.blocks.l.next + 1);
  tifai_buf_free(&mdst.b);
  tifai_html_close(r);
  if (rc == TIFA_OK) {
    d.title = fm.f[TIFAI_F_TITLE] ? fm.f[TIFAI_F_TITLE] : t;
    d.date = fm.f[TIFAI_F_DATE];
    d.author = fm.f[TIFAI_F_AUTHOR];
    d.outlet = fm.f[TIFAI_F_OUTLET];
    d.url = fm.f[TIFAI_F_URL];
    d.meta = fm.meta;
    d.front_lines = fm.lines;
    d.byte_start = r->raw0;
    d.byte_end = r->raw1;
    d.line_start = 1;
    d.line_end = r->nline;
    rc = tifai_reader_emit(r, &d);
  }
  tifai_buf_free(&mdst.title);          /* t pointed into it */
  tifai_fm_free(&fm);
  return rc;
}

const tifai_fmtops tifai_fmt_markdown = {1, NULL, md_finish, NULL};
