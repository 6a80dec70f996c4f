/*
** read_html.c -- HTML reader, through libxml2's HTML parser (never regular expressions): one
** article per page, its paragraphs delimited by block elements, its title from the single
** <h1> or <title>, its author, outlet, date and url from <meta> and <link rel=canonical>.
** The text walker also serves read_markdown.c for raw HTML inside Markdown.
*/
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <jansson.h>
#include "read_fmt.h"

/* {====== libxml2, loaded when first needed ======
** Most runs of tifa parse no HTML (search, count, scripts), and linking libxml2, which
** brings ICU and libstdc++, made every start a third slower. So this reader loads it the
** first time a page needs it (once, under pthread_once, so from any thread) and calls it
** through these pointers; the macros keep the code below in libxml2's own words. */
static struct {
  void (*InitParser) (void);
  htmlParserCtxtPtr (*NewParserCtxt) (void);
  void (*FreeParserCtxt) (htmlParserCtxtPtr);
  htmlDocPtr (*CtxtReadMemory) (htmlParserCtxtPtr, const char *, int, const char *,
                                const char *, int);
  void (*FreeDoc) (xmlDocPtr);
  xmlChar *(*GetProp) (const xmlNode *, const xmlChar *);
  xmlChar *(*NodeGetContent) (const xmlNode *);
  xmlFreeFunc *Free;                /* libxml2's variable xmlFree (its free function) */
  int ok;                           /* all found */
  char err[200];                    /* why not */
} X;
static pthread_once_t xonce = PTHREAD_ONCE_INIT;

#define LIBXML2  "libxml2.so.2"

static void loadxml (void) {
  void *h = dlopen(LIBXML2, RTLD_NOW | RTLD_LOCAL);
  if (h == NULL) { snprintf(X.err, sizeof(X.err), "%s", dlerror()); return; }
  /* POSIX's way to turn dlsym's object pointer into a function pointer */
  *(void **)(&X.InitParser) = dlsym(h, "xmlInitParser");
  *(void **)(&X.NewParserCtxt) = dlsym(h, "htmlNewParserCtxt");
  *(void **)(&X.FreeParserCtxt) = dlsym(h, "htmlFreeParserCtxt");
  *(void **)(&X.CtxtReadMemory) = dlsym(h, "htmlCtxtReadMemory");
  *(void **)(&X.FreeDoc) = dlsym(h, "xmlFreeDoc");
  *(void **)(&X.GetProp) = dlsym(h, "xmlGetProp");
  *(void **)(&X.NodeGetContent) = dlsym(h, "xmlNodeGetContent");
  X.Free = (xmlFreeFunc *)dlsym(h, "xmlFree");
  if (!X.InitParser || !X.NewParserCtxt || !X.FreeParserCtxt || !X.CtxtReadMemory
      || !X.FreeDoc || !X.GetProp || !X.NodeGetContent || !X.Free || !*X.Free) {
    snprintf(X.err, sizeof(X.err), "%s lacks a function tifa needs", LIBXML2);
    return;                                     /* the handle stays: harmless */
  }
  X.InitParser();                   /* never xmlCleanupParser: others may use libxml2 */
  X.ok = 1;
}

#undef xmlFree
#define xmlFree                 (*X.Free)
#define xmlInitParser           X.InitParser
#define htmlNewParserCtxt       X.NewParserCtxt
#define htmlFreeParserCtxt      X.FreeParserCtxt
#define htmlCtxtReadMemory      X.CtxtReadMemory
#define xmlFreeDoc(d)           ((d) ? X.FreeDoc(d) : (void)0)
#define xmlGetProp              X.GetProp
#define xmlNodeGetContent       X.NodeGetContent

/* }====== */

#ifndef HTML_PARSE_IGNORE_ENC
#define HTML_PARSE_IGNORE_ENC  0
#endif
#define PARSEOPTS  (HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | \
                    HTML_PARSE_NONET | HTML_PARSE_IGNORE_ENC)   /* input is UTF-8 already */
#define MAXLINE    65535        /* libxml2 keeps HTML line numbers in 16 bits */

/* {====== Elements ====== */
#define E_BLOCK  1              /* delimits paragraphs */
#define E_SKIP   2              /* no text of it is read */
#define E_CELL   4              /* table cell: a space between cells */
#define E_BR     8
#define E_HEAD   16
#define E_PRE    32

static const struct elem { const char *name; unsigned char flags, kind; } elems[] = {
  {"p", E_BLOCK, 0}, {"div", E_BLOCK, 0}, {"br", E_BR, 0}, {"span", 0, 0}, {"a", 0, 0},
  {"strong", 0, 0}, {"b", 0, 0}, {"em", 0, 0}, {"i", 0, 0}, {"font", 0, 0}, {"img", 0, 0},
  {"li", E_BLOCK, TIFAI_PARA_ITEM + 1}, {"td", E_CELL, 0}, {"th", E_CELL, 0},
  {"tr", E_BLOCK, 0}, {"table", E_BLOCK, 0}, {"tbody", E_BLOCK, 0}, {"thead", E_BLOCK, 0},
  {"tfoot", E_BLOCK, 0}, {"caption", E_BLOCK, 0}, {"ul", E_BLOCK, 0}, {"ol", E_BLOCK, 0},
  {"h1", E_BLOCK, TIFAI_PARA_HEADING + 1}, {"h2", E_BLOCK, TIFAI_PARA_HEADING + 1},
  {"h3", E_BLOCK, TIFAI_PARA_HEADING + 1}, {"h4", E_BLOCK, TIFAI_PARA_HEADING + 1},
  {"h5", E_BLOCK, TIFAI_PARA_HEADING + 1}, {"h6", E_BLOCK, TIFAI_PARA_HEADING + 1},
  {"blockquote", E_BLOCK, TIFAI_PARA_QUOTE + 1}, {"pre", E_BLOCK | E_PRE, TIFAI_PARA_CODE + 1},
  {"dl", E_BLOCK, 0}, {"dt", E_BLOCK, TIFAI_PARA_ITEM + 1}, {"dd", E_BLOCK, TIFAI_PARA_ITEM + 1},
  {"section", E_BLOCK, 0}, {"article", E_BLOCK, 0}, {"header", E_BLOCK, 0},
  {"footer", E_BLOCK, 0}, {"figure", E_BLOCK, 0}, {"figcaption", E_BLOCK, 0},
  {"main", E_BLOCK, 0}, {"aside", E_BLOCK, 0}, {"address", E_BLOCK, 0}, {"hr", E_BLOCK, 0},
  {"center", E_BLOCK, 0}, {"fieldset", E_BLOCK, 0}, {"legend", E_BLOCK, 0},
  {"details", E_BLOCK, 0}, {"summary", E_BLOCK, 0}, {"hgroup", E_BLOCK, 0},
  {"menu", E_BLOCK, 0}, {"dialog", E_BLOCK, 0}, {"form", E_BLOCK, 0},
  {"body", E_BLOCK, 0}, {"html", E_BLOCK, 0}, {"head", E_HEAD, 0},
  {"script", E_SKIP, 0}, {"style", E_SKIP, 0}, {"noscript", E_SKIP, 0},
  {"template", E_SKIP, 0}, {"nav", E_SKIP, 0}, {"iframe", E_SKIP, 0}, {"object", E_SKIP, 0},
  {"embed", E_SKIP, 0}, {"svg", E_SKIP, 0}, {"math", E_SKIP, 0}, {"canvas", E_SKIP, 0},
  {"select", E_SKIP, 0}, {"textarea", E_SKIP, 0}, {"button", E_SKIP, 0},
  {"audio", E_SKIP, 0}, {"video", E_SKIP, 0}, {"datalist", E_SKIP, 0}, {"title", E_SKIP, 0}};

static const struct elem *lookup (const xmlChar *name) {
  static const struct elem none = {"", 0, 0};
  size_t i;
  if (name == NULL) return &none;
  for (i = 0; i < sizeof(elems) / sizeof(elems[0]); i++)
    if (elems[i].name[0] == (char)name[0] && strcmp(elems[i].name, (const char *)name) == 0)
      return &elems[i];
  return &none;
}

/* The kind of a paragraph starting at 'n': set by its innermost heading, item, quote or pre. */
static int kindof (xmlNode *n, int dflt) {
  for (; n != NULL && n->type == XML_ELEMENT_NODE; n = n->parent) {
    const struct elem *e = lookup(n->name);
    if (e->kind) return e->kind - 1;
  }
  return dflt;
}
/* }====== */

/* {====== Page metadata ====== */
#define M_AUTHOR  0
#define M_OUTLET  1
#define M_DATE    2
#define M_URL     3
#define M_TITLE   4
#define M_N       5

static const struct { const char *name; int field, rank; } metas[] = {
  {"author", M_AUTHOR, 0}, {"article:author", M_AUTHOR, 1},
  {"og:site_name", M_OUTLET, 0}, {"application-name", M_OUTLET, 1},
  {"contentsource", M_OUTLET, 2},                          /* gov.cn pages (TRS) */
  {"article:published_time", M_DATE, 0}, {"pubdate", M_DATE, 1},
  {"publishdate", M_DATE, 2}, {"date", M_DATE, 3}, {"og:url", M_URL, 0}};
/* }====== */

typedef struct hwalk {
  tifai_reader *r;
  int line0;                /* line of r->lines where the HTML starts */
  int dkind;                /* kind of paragraphs outside headings, items, ... */
  int page;                 /* a whole page: read title, meta and the h1 */
  int rc;
  int cur;                  /* line cursor, relative to the HTML (1-based) */
  int skip, head, pre;      /* depths inside skipped elements, <head>, <pre> */
  tifai_buf p;              /* the paragraph being built */
  int pl0, pl1;             /* its lines (relative); pl0 == 0 while it is empty */
  int pkind;
  int space;                /* collapsed white space pending */
  int spnl;                 /* ... and it held a line break */
  int brk;                  /* a <br> ended the paragraph's text so far */
  int plain;                /* some of its text is outside <strong>/<b> */
  int nh1, inh1;            /* count of <h1>; inside the first one */
  size_t h1first, h1n;      /* the paragraphs made from the first <h1> */
  char *f[M_N];             /* page fields (malloc'd) */
  int frank[M_N];
  json_t *meta;             /* description, keywords */
} hwalk;

static int isws (int c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

/* A malloc'd copy of 's' with ASCII white-space runs collapsed and both ends trimmed; NULL
** (and *rc untouched) when it is blank, NULL and *rc = TIFA_NOMEM when memory ran out. */
static char *clean (const char *s, int *rc) {
  tifai_buf b = TIFAI_BUF_INIT;
  const char *t;
  size_t n;
  int sp = 0;
  if (s == NULL) return NULL;
  for (; *s; s++) {
    if (isws((unsigned char)*s)) { sp = b.len > 0; continue; }
    if (sp) { tifai_buf_addc(&b, ' '); sp = 0; }
    tifai_buf_addc(&b, *s);
  }
  if (b.oom) { *rc = TIFA_NOMEM; tifai_buf_free(&b); return NULL; }
  t = b.p;
  n = b.len;
  if (t == NULL || (tifai_trim(&t, &n), n == 0)) { tifai_buf_free(&b); return NULL; }
  memmove(b.p, t, n);
  b.p[n] = '\0';
  return b.p;
}

static void setfield (hwalk *w, int field, int rank, const xmlChar *value) {
  char *v;
  if (w->f[field] != NULL && w->frank[field] <= rank) return;
  if ((v = clean((const char *)value, &w->rc)) == NULL) return;
  free(w->f[field]);
  w->f[field] = v;
  w->frank[field] = rank;
}

static int eqi (const char *a, const char *b) {
  for (; *a && *b; a++, b++) {
    int x = (*a >= 'A' && *a <= 'Z') ? *a + 32 : *a, y = (*b >= 'A' && *b <= 'Z') ? *b + 32 : *b;
    if (x != y) return 0;
  }
  return *a == *b;
}

static void addmeta (hwalk *w, const char *key, const xmlChar *value) {
  char *v = clean((const char *)value, &w->rc);
  json_t *s;
  if (v == NULL) return;
  if (w->meta == NULL && (w->meta = json_object()) == NULL) { free(v); w->rc = TIFA_NOMEM; return; }
  if ((s = json_string_nocheck(v)) == NULL || json_object_set_new(w->meta, key, s) != 0)
    w->rc = TIFA_NOMEM;
  free(v);
}

/* <meta name|property=... content=...> and <link rel=canonical href=...> */
static void readmeta (hwalk *w, xmlNode *n) {
  xmlChar *name, *val;
  size_t i;
  if (strcmp((const char *)n->name, "link") == 0) {
    if ((name = xmlGetProp(n, (const xmlChar *)"rel")) == NULL) return;
    if (eqi((const char *)name, "canonical") && (val = xmlGetProp(n, (const xmlChar *)"href"))) {
      setfield(w, M_URL, 1, val);
      xmlFree(val);
    }
    xmlFree(name);
    return;
  }
  name = xmlGetProp(n, (const xmlChar *)"name");
  if (name == NULL) name = xmlGetProp(n, (const xmlChar *)"property");
  if (name == NULL) return;
  if ((val = xmlGetProp(n, (const xmlChar *)"content")) != NULL) {
    for (i = 0; i < sizeof(metas) / sizeof(metas[0]); i++)
      if (eqi((const char *)name, metas[i].name)) setfield(w, metas[i].field, metas[i].rank, val);
    if (eqi((const char *)name, "description")) addmeta(w, "description", val);
    else if (eqi((const char *)name, "keywords")) addmeta(w, "keywords", val);
    xmlFree(val);
  }
  xmlFree(name);
}

/* {====== Paragraphs ====== */
/* Hand the paragraph being built to the article builder. */
static void flush (hwalk *w) {
  const char *s = w->p.p;
  size_t n = w->p.len;
  uint64_t b0, b1;
  int l0, l1;
  if (w->p.oom) w->rc = TIFA_NOMEM;
  if (n > 0 && w->rc == TIFA_OK) {
    if (w->pkind == TIFAI_PARA_CODE) {           /* keep the indentation of code */
      while (n > 0 && (*s == '\n' || *s == '\r')) { s++; n--; }
      while (n > 0 && (s[n - 1] == '\n' || s[n - 1] == ' ' || s[n - 1] == '\t')) n--;
    }
    else tifai_trim(&s, &n);
    l0 = w->line0 + w->pl0 - 1;
    l1 = w->line0 + w->pl1 - 1;
    tifai_lines_range(&w->r->lines, l0, l1, &b0, &b1);
    {
      size_t before = w->r->docb.n;
      w->rc = tifai_docb_add(&w->r->docb, s, n, w->pkind, l0, l1, b0, b1);
      if (w->r->docb.n > before && !w->plain) w->r->docb.v[before].bold = 1;
    }
  }
  tifai_buf_reset(&w->p);
  w->pl0 = w->pl1 = 0;
  w->space = w->spnl = w->brk = w->plain = 0;
}

/* East Asian wide characters: Han, kana, hangul, CJK punctuation, full-width forms. */
static int iswide (uint32_t c) {
  return (c >= 0x2E80 && c <= 0xA4CF) || (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF)
      || (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF60) || (c >= 0xFFE0 && c <= 0xFFE6)
      || (c >= 0x20000 && c <= 0x3FFFD);
}

/* The code point of the UTF-8 sequence at 's' (valid UTF-8 assumed; 0 for a stray byte). */
static uint32_t decode (const unsigned char *s) {
  if (s[0] < 0x80) return s[0];
  if (s[0] >= 0xF0)
    return ((uint32_t)(s[0] & 7) << 18) | ((uint32_t)(s[1] & 63) << 12)
         | ((uint32_t)(s[2] & 63) << 6) | (s[3] & 63);
  if (s[0] >= 0xE0)
    return ((uint32_t)(s[0] & 15) << 12) | ((uint32_t)(s[1] & 63) << 6) | (s[2] & 63);
  if (s[0] >= 0xC0) return ((uint32_t)(s[0] & 31) << 6) | (s[1] & 63);
  return 0;
}

/* A line break between two wide characters vanishes, as browsers render Chinese (CSS Text 3
** segment breaks); other collapsed white space becomes one space. */
static int keepspace (hwalk *w, const char *next) {
  const unsigned char *e = (const unsigned char *)w->p.p + w->p.len;
  size_t k = 1;
  if (!w->spnl) return 1;
  while (k < 4 && k < w->p.len && (e[-(long)k] & 0xC0) == 0x80) k++;
  return !(iswide(decode(e - k)) && iswide(decode((const unsigned char *)next)));
}

/* Is text node 'n' inside <strong> or <b>, within its paragraph's block? */
static int inbold (xmlNode *n) {
  for (n = n->parent; n != NULL && n->type == XML_ELEMENT_NODE; n = n->parent) {
    const struct elem *e = lookup(n->name);
    if (strcmp(e->name, "strong") == 0 || strcmp(e->name, "b") == 0) return 1;
    if (e->flags & E_BLOCK) return 0;
  }
  return 0;
}

/* Append the text of node 'n': white space collapsed (kept inside <pre>); moves the cursor. */
static void addtext (hwalk *w, xmlNode *n, const char *s) {
  int line = w->cur;
  while (*s) {
    if (isws((unsigned char)*s)) {
      if (*s == '\n') line++;
      if (w->pre) tifai_buf_addc(&w->p, *s);
      else if (w->p.len > 0 && w->p.p[w->p.len - 1] != '\n') {
        w->space = 1;
        if (*s == '\n') w->spnl = 1;
      }
      s++;
    }
    else {
      size_t k = 1;
      while (s[k] && !isws((unsigned char)s[k])) k++;
      if (w->pl0 == 0) { w->pl0 = line; w->pkind = kindof(n->parent, w->dkind); }
      w->pl1 = line;
      if (w->space && keepspace(w, s)) tifai_buf_addc(&w->p, ' ');
      w->space = w->spnl = 0;
      tifai_buf_add(&w->p, s, k);
      if (w->brk && !tifai_isblank(s, k)) w->brk = 0;
      if (!w->plain && !tifai_isblank(s, k) && !inbold(n)) w->plain = 1;
      s += k;
    }
  }
  w->cur = line;
}

/* <br>: a line break; two in a row (white space between) end the paragraph. */
static void addbreak (hwalk *w) {
  if (w->pre) tifai_buf_addc(&w->p, '\n');
  else if (w->brk) flush(w);
  else if (w->p.len > 0) {
    tifai_buf_addc(&w->p, '\n');
    w->space = w->spnl = 0;
    w->brk = 1;
  }
}

/* Enter node 'n' in document order; returns 1 to walk its children. */
static int enter (hwalk *w, xmlNode *n) {
  const struct elem *e;
  const char *name;
  if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
    const char *s = (const char *)n->content;
    if (s == NULL) return 0;
    if (w->skip || w->head) { for (; *s; s++) w->cur += (*s == '\n'); }
    else addtext(w, n, s);
    return 0;
  }
  if (n->type == XML_COMMENT_NODE && n->content != NULL) {
    const char *s = (const char *)n->content;
    for (; *s; s++) w->cur += (*s == '\n');
  }
  if (n->type != XML_ELEMENT_NODE) return n->type == XML_HTML_DOCUMENT_NODE;
  if (n->line > w->cur && n->line < MAXLINE) w->cur = n->line;
  name = (const char *)n->name;
  if (w->page && (strcmp(name, "meta") == 0 || strcmp(name, "link") == 0)) {
    readmeta(w, n);
    return 0;
  }
  e = lookup(n->name);
  if (w->page && strcmp(name, "title") == 0 && w->f[M_TITLE] == NULL) {
    xmlChar *t = xmlNodeGetContent(n);
    if (t != NULL) { setfield(w, M_TITLE, 0, t); xmlFree(t); }
  }
  if (e->flags & E_HEAD) w->head++;
  if (e->flags & E_SKIP) w->skip++;
  if (w->skip || w->head) return 1;
  if (e->flags & E_BLOCK) {
    flush(w);
    if (w->page && strcmp(name, "h1") == 0 && ++w->nh1 == 1) {
      w->inh1 = 1;
      w->h1first = w->r->docb.n;
    }
  }
  if ((e->flags & E_CELL) && w->p.len > 0) w->space = 1;
  if (e->flags & E_BR) addbreak(w);
  if (e->flags & E_PRE) w->pre++;
  return 1;
}

/* Leave node 'n', after its children. */
static void leave (hwalk *w, xmlNode *n) {
  const struct elem *e;
  if (n->type != XML_ELEMENT_NODE) return;
  e = lookup(n->name);
  if (e->flags & E_HEAD) { w->head--; return; }
  if (e->flags & E_SKIP) { w->skip--; return; }
  if (w->skip || w->head) return;
  if (e->flags & E_PRE) w->pre--;
  if (e->flags & E_BLOCK) {
    flush(w);
    if (w->inh1 && strcmp((const char *)n->name, "h1") == 0) {
      w->inh1 = 0;
      w->h1n = w->r->docb.n - w->h1first;
    }
  }
}

/* Walk the tree in document order without recursion (pages can nest deeply). */
static void walk (hwalk *w, xmlDoc *doc) {
  xmlNode *root = (xmlNode *)doc, *n = root;
  while (n != NULL && w->rc == TIFA_OK) {
    if (enter(w, n) && n->children != NULL) { n = n->children; continue; }
    for (;;) {
      leave(w, n);
      if (n == root) { n = NULL; break; }
      if (n->next != NULL) { n = n->next; break; }
      n = n->parent;
    }
  }
  flush(w);
}

/* Parse s[0..len) with the reader's parser context. Returns TIFA_OK and '*doc' (NULL when
** libxml2 gave no tree for a reason other than memory) or TIFA_NOMEM. */
static int parse (tifai_reader *r, const char *s, size_t len, xmlDoc **doc) {
  htmlParserCtxtPtr ctx = (htmlParserCtxtPtr)r->xml;
  *doc = NULL;
  if (len > 0x7fffffff) return TIFA_TOOBIG;
  if (ctx == NULL) {
    pthread_once(&xonce, loadxml);
    if (!X.ok) return tifai_reader_fail(r, TIFA_ERROR, 0, "cannot load %s (%s)", LIBXML2, X.err);
    if ((ctx = htmlNewParserCtxt()) == NULL) return TIFA_NOMEM;
    r->xml = ctx;
  }
  *doc = htmlCtxtReadMemory(ctx, s, (int)len, NULL, "UTF-8", PARSEOPTS);
  if (*doc == NULL && ctx->errNo == XML_ERR_NO_MEMORY) return TIFA_NOMEM;
  return TIFA_OK;
}

static void walkfree (hwalk *w) {
  int i;
  tifai_buf_free(&w->p);
  for (i = 0; i < M_N; i++) free(w->f[i]);
  json_decref(w->meta);
}

int tifai_html_fragment (tifai_reader *r, const char *s, size_t len, int line0, int kind) {
  hwalk w;
  xmlDoc *doc;
  memset(&w, 0, sizeof(w));
  w.r = r;
  w.line0 = line0;
  w.dkind = kind;
  w.cur = 1;
  if ((w.rc = parse(r, s, len, &doc)) == TIFA_OK && doc != NULL) walk(&w, doc);
  xmlFreeDoc(doc);
  walkfree(&w);
  return w.rc;
}

void tifai_html_close (tifai_reader *r) {
  if (r->xml != NULL) htmlFreeParserCtxt((htmlParserCtxtPtr)r->xml);
  r->xml = NULL;
}
/* }====== */

/* {====== The HTML format ====== */
/* The title from the single <h1>: its paragraphs joined, then removed from the article. */
static char *h1title (hwalk *w) {
  tifai_docb *b = &w->r->docb;
  tifai_buf t = TIFAI_BUF_INIT;
  size_t i;
  for (i = w->h1first; i < w->h1first + w->h1n; i++) {
    if (t.len > 0) tifai_buf_addc(&t, ' ');
    tifai_buf_add(&t, b->text.p + b->off[i], b->v[i].len);
  }
  for (i = 0; i < t.len; i++)                  /* a title is one line: <br> becomes a space */
    if (t.p[i] == '\n') t.p[i] = ' ';
  if (t.oom) { w->rc = TIFA_NOMEM; tifai_buf_free(&t); return NULL; }
  tifai_docb_remove(b, w->h1first, w->h1n);
  return t.p;
}

static int html_finish (tifai_reader *r) {
  tifai_lines *L = &r->lines;
  tifai_doc d = {0};
  hwalk w;
  xmlDoc *doc = NULL;
  char *title = NULL, *meta = NULL;
  if (L->n == 0 || tifai_isblank(L->text.p, L->text.len)) return TIFA_OK;
  memset(&w, 0, sizeof(w));
  w.r = r;
  w.line0 = 1;
  w.dkind = TIFAI_PARA_TEXT;
  w.page = 1;
  w.cur = 1;
  if ((w.rc = parse(r, L->text.p, L->text.len, &doc)) == TIFA_OK && doc != NULL) walk(&w, doc);
  xmlFreeDoc(doc);
  tifai_html_close(r);                          /* a page is parsed once */
  if (w.rc == TIFA_OK && w.nh1 == 1 && w.h1n > 0) title = h1title(&w);
  if (w.rc == TIFA_OK && w.meta != NULL && (meta = json_dumps(w.meta, JSON_COMPACT)) == NULL)
    w.rc = TIFA_NOMEM;
  if (w.rc == TIFA_OK) {
    d.title = title ? title : w.f[M_TITLE];
    d.author = w.f[M_AUTHOR];
    d.outlet = w.f[M_OUTLET];
    d.date = w.f[M_DATE];
    d.url = w.f[M_URL];
    d.meta = meta;
    d.byte_start = r->raw0;
    d.byte_end = r->raw1;
    d.line_start = 1;
    d.line_end = r->nline;
    w.rc = tifai_reader_emit(r, &d);
  }
  free(title);
  free(meta);
  walkfree(&w);
  return w.rc;
}

const tifai_fmtops tifai_fmt_html = {1, NULL, html_finish, NULL};
/* }====== */

