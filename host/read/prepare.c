/*
** prepare.c -- one file into clean articles (see prepare.h): hashing and detection, then
** decoding, cutting by format, folding and the choice of title; and the in-memory list of
** articles that the ingest worker hands to the thread that stores them.
*/
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <nettle/sha2.h>
#include "prepare.h"
#include "reader.h"
#include "text.h"
#include "layout.h"

#define TITLE_MAX   100             /* a first line up to this many characters is the title */
#define TITLE_CUT   30              /* else the title is its first characters and "…" */

/* {====== Sources ====== */

static long readsome (tifai_source *src, unsigned char *buf, size_t n) {
  if (src->fd < 0) {
    size_t left = (size_t)(src->size - src->pos);
    if (n > left) n = left;
    if (n > 0) memcpy(buf, src->data + src->pos, n);
    src->pos += n;
    return (long)n;
  }
  for (;;) {
    ssize_t k = read(src->fd, buf, n);
    if (k >= 0) { src->pos += (uint64_t)k; return (long)k; }
    if (errno != EINTR) return -1;
  }
}

static int rewindsrc (tifai_source *src) {
  src->pos = 0;
  return (src->fd < 0 || lseek(src->fd, 0, SEEK_SET) == 0) ? 0 : -1;
}

/* }====== */

/* {====== Pass 1 ====== */

int tifai_prepare_sniff (tifai_source *src, unsigned char *chunk, size_t chunksz,
                         volatile sig_atomic_t *stop, tifa_sniff_result *res,
                         char hex[TIFAI_HEXLEN + 1], char *msg, size_t msgsz) {
  struct sha256_ctx h;
  unsigned char d[SHA256_DIGEST_SIZE];
  tifa_sniff *sn;
  long k;
  int i;
  if (rewindsrc(src) != 0) {
    snprintf(msg, msgsz, "cannot read (%s)", strerror(errno));
    return TIFA_IO;
  }
  if (tifa_sniff_new(&sn) != TIFA_OK) { snprintf(msg, msgsz, "out of memory"); return TIFA_NOMEM; }
  sha256_init(&h);
  while ((k = readsome(src, chunk, chunksz)) > 0) {
    sha256_update(&h, (size_t)k, chunk);
    tifa_sniff_feed(sn, chunk, (size_t)k);
    if (stop && *stop) { tifa_sniff_free(sn); return TIFA_INTERRUPTED; }
  }
  if (k < 0) {
    snprintf(msg, msgsz, "cannot read (%s)", strerror(errno));
    tifa_sniff_free(sn);
    return TIFA_IO;
  }
  tifa_sniff_finish(sn, res);
  tifa_sniff_free(sn);
  sha256_digest(&h, sizeof(d), d);
  for (i = 0; i < SHA256_DIGEST_SIZE; i++) sprintf(hex + 2 * i, "%02x", d[i]);
  return TIFA_OK;
}

/* }====== */

/* {====== Pass 2 ====== */

/* The string fields of an article a hook hands back, in one order. */
#define HOOKF  17
#define HOOKFIELDS(a) {&(a).title, &(a).kicker, &(a).subtitle, &(a).series, &(a).author, \
  &(a).affiliation, &(a).editor, &(a).outlet, &(a).place, &(a).date, &(a).date_precision, \
  &(a).url, &(a).meta, &(a).genre, &(a).date_source, &(a).effective, &(a).events}

typedef struct hookart {            /* an article added by a split hook: offsets + 1 */
  size_t f[HOOKF];                  /* title ... meta, genre ... events (hookfields) */
  size_t p0, np;                    /* paragraphs in 'paras' */
  int line_start, line_end;
} hookart;

struct tifa_cutter {                /* what a split hook added, copied */
  tifai_buf str, arts, paras, out, outparas;
  char msg[TIFA_ERRMAX];
};

typedef struct cutter {
  tifai_reader *reader;
  tifai_layout *layout;
  int fmt;
  const tifai_cutopts *co;
  tifa_cutter hook;
  tifai_article_fn artf;
  void *ud;
  volatile sig_atomic_t *stop;
  int rc;                           /* the first failure, with 'msg' */
  char *msg;
  size_t msgsz;
  tifai_buf text, fold, title, paras, meta, plain;
  char fdate[16];                   /* a date from the file's name, a 通过 or a lead */
  const tifa_cut_article *page;     /* the page's articles, for a lead's year; NULL: */
  size_t npage;                     /* the page as read, no layout */
  const char *ptitle;               /* the page's title as read, or NULL */
} cutter;

/* {====== Split hooks ====== */

static size_t hookstr (tifa_cutter *c, const char *s, size_t len) {
  size_t at = c->str.len;
  if (s == NULL) return 0;
  tifai_buf_add(&c->str, s, len);
  tifai_buf_addc(&c->str, '\0');
  return at + 1;
}

int tifa_cut_add (tifa_cutter *c, const tifa_cut_article *a) {
  hookart h;
  tifa_cut_article t = *a;
  const char *const *f[HOOKF] = HOOKFIELDS(t);
  size_t i;
  memset(&h, 0, sizeof(h));
  for (i = 0; i < HOOKF; i++) h.f[i] = *f[i] ? hookstr(c, *f[i], strlen(*f[i])) : 0;
  h.p0 = c->paras.len / sizeof(tifa_para_src);
  h.np = a->npara;
  h.line_start = a->line_start;
  h.line_end = a->line_end;
  for (i = 0; i < a->npara; i++) {
    tifa_para_src p = a->paras[i];
    p.text = (const char *)(uintptr_t)hookstr(c, p.text ? p.text : "", p.text ? p.len : 0);
    tifai_buf_add(&c->paras, &p, sizeof(p));
  }
  tifai_buf_add(&c->arts, &h, sizeof(h));
  return (c->str.oom || c->paras.oom || c->arts.oom) ? TIFA_NOMEM : TIFA_OK;
}

void tifa_cut_fail (tifa_cutter *c, const char *msg) {
  snprintf(c->msg, sizeof(c->msg), "%s", msg ? msg : "split hook failed");
}

/* The hook's articles as tifa_cut_article, pointing into 'c'. */
static const tifa_cut_article *hookarts (tifa_cutter *c, size_t *n) {
  size_t i, k, na = c->arts.len / sizeof(hookart);
  tifai_buf_reset(&c->out);
  tifai_buf_reset(&c->outparas);
  tifai_buf_grow(&c->out, na * sizeof(tifa_cut_article));
  tifai_buf_grow(&c->outparas, c->paras.len);
  if (c->out.oom || c->outparas.oom) { *n = 0; return NULL; }
  for (i = 0; i < na; i++) {
    hookart h;
    tifa_cut_article a;
    const char **f[HOOKF] = HOOKFIELDS(a);
    memcpy(&h, c->arts.p + i * sizeof(h), sizeof(h));
    memset(&a, 0, sizeof(a));
    for (k = 0; k < HOOKF; k++) *f[k] = h.f[k] ? c->str.p + h.f[k] - 1 : NULL;
    a.paras = (const tifa_para_src *)(const void *)(c->outparas.p) + h.p0;
    a.npara = h.np;
    a.line_start = h.line_start;
    a.line_end = h.line_end;
    for (k = 0; k < h.np; k++) {
      tifa_para_src p;
      memcpy(&p, c->paras.p + (h.p0 + k) * sizeof(p), sizeof(p));
      p.text = c->str.p + (uintptr_t)p.text - 1;
      memcpy(c->outparas.p + (h.p0 + k) * sizeof(p), &p, sizeof(p));
    }
    memcpy(c->out.p + i * sizeof(a), &a, sizeof(a));
  }
  *n = na;
  return (const tifa_cut_article *)(const void *)c->out.p;
}

static void hookfree (tifa_cutter *c) {
  tifai_buf_free(&c->str); tifai_buf_free(&c->arts); tifai_buf_free(&c->paras);
  tifai_buf_free(&c->out); tifai_buf_free(&c->outparas);
}

/* }====== */

/* {====== Folding an article ====== */

/* Fold an optional metadata string into 'b' at its end; returns its offset + 1, or 0 if
** it folds to nothing (offsets, since 'b' may move while it grows). */
static size_t foldmeta (tifai_buf *b, const char *s) {
  size_t at = b->len;
  if (s == NULL || tifai_fold(b, s, strlen(s)) <= 0) { b->len = at; return 0; }
  tifai_buf_addc(b, '\0');
  return at + 1;
}

static size_t plainmeta (tifai_buf *b, const char *s, size_t len) {
  size_t at = b->len;
  if (s == NULL || len == 0) return 0;
  tifai_buf_add(b, s, len);
  tifai_buf_addc(b, '\0');
  return at + 1;
}

enum { M_TITLE, M_KICKER, M_SUBTITLE, M_SERIES, M_AUTHOR, M_AFFIL, M_EDITOR, M_OUTLET,
       M_PLACE, M_DATE, M_PREC, M_URL, M_META, M_N };

static const char *const fieldnames[] = {"title", "kicker", "subtitle", "series", "author",
  "affiliation", "editor", "outlet", "place", "date", "date_precision", "url", NULL};

static void jsonpair (tifai_buf *b, const char *k, size_t klen, const char *v) {
  tifai_buf_addc(b, ',');
  tifai_buf_addjson(b, k, klen);
  tifai_buf_addc(b, ':');
  tifai_buf_addjson(b, v, strlen(v));
}

/* The last full date in the base name of 'path' ("X(2018-11-06).md", "X_20181106.txt",
** "2018年11月6日X.txt") into 'iso', its precision in '*prec'; 1 if there is one. */
static int filedate (const char *path, char iso[16], const char **prec) {
  const char *s = strrchr(path, '/'), *p;
  size_t len;
  int found = 0;
  s = s ? s + 1 : path;
  len = strlen(s);
  for (p = s; p < s + len; p++) {
    char d[16];
    const char *pr;
    size_t used;
    if (p > s && p[-1] >= '0' && p[-1] <= '9') continue;
    if ((used = tifai_date_parse(p, (size_t)(s + len - p), d, &pr)) > 0 && strcmp(pr, "day") == 0
        && !(p[used] >= '0' && p[used] <= '9')) {
      memcpy(iso, d, 16); *prec = pr; found = 1; p += used - 1; continue;
    }
    if (s + len - p >= 8 && strspn(p, "0123456789") == 8) {   /* yyyymmdd */
      int y = (p[0] - '0') * 1000 + (p[1] - '0') * 100 + (p[2] - '0') * 10 + (p[3] - '0');
      int m = (p[4] - '0') * 10 + (p[5] - '0'), dd = (p[6] - '0') * 10 + (p[7] - '0');
      if (y >= 1900 && y <= 2100 && m >= 1 && m <= 12 && dd >= 1 && dd <= 31) {
        snprintf(iso, 16, "%04d-%02d-%02d", y, m, dd);
        *prec = "day";
        found = 1;
      }
      p += 7;
    }
  }
  return found;
}

/* Fold and hand over one article as cut. */
static int emit (cutter *c, const tifa_cut_article *ca) {
  tifai_article a;
  size_t i, np = 0, m[M_N];
  const char *f[M_N];
  int64_t nchars = 0;
  int titled = 0, derived = 0, metadate;
  int record = c->fmt == TIFAI_FMT_JSONL || c->fmt == TIFAI_FMT_CSV;   /* its text is all text */
  tifai_buf_reset(&c->text);
  tifai_buf_reset(&c->title);
  tifai_buf_reset(&c->paras);
  tifai_buf_reset(&c->meta);
  tifai_buf_reset(&c->plain);
  f[M_TITLE] = ca->title; f[M_KICKER] = ca->kicker; f[M_SUBTITLE] = ca->subtitle;
  f[M_SERIES] = ca->series; f[M_AUTHOR] = ca->author; f[M_AFFIL] = ca->affiliation;
  f[M_EDITOR] = ca->editor; f[M_OUTLET] = ca->outlet; f[M_PLACE] = ca->place;
  f[M_DATE] = ca->date; f[M_PREC] = ca->date_precision; f[M_URL] = ca->url; f[M_META] = ca->meta;
  /* fields given for every article ("key=value"): known keys replace, others go to meta */
  memset(m, 0, sizeof(m));
  if (c->co && c->co->meta) {
    const char *const *kv;
    tifai_buf extra = TIFAI_BUF_INIT;
    for (kv = c->co->meta; *kv; kv++) {
      const char *eq = strchr(*kv, '=');
      size_t klen;
      int k;
      if (eq == NULL) continue;
      klen = (size_t)(eq - *kv);
      for (k = 0; fieldnames[k]; k++)
        if (strlen(fieldnames[k]) == klen && memcmp(fieldnames[k], *kv, klen) == 0) break;
      if (fieldnames[k] == NULL) { jsonpair(&extra, *kv, klen, eq + 1); continue; }
      if (k == M_DATE) {
        char iso[16];
        const char *prec;
        size_t used = tifai_date_parse(eq + 1, strlen(eq + 1), iso, &prec);
        if (used > 0 && used == strlen(eq + 1)) {
          m[M_DATE] = plainmeta(&c->plain, iso, strlen(iso));
          m[M_PREC] = plainmeta(&c->plain, prec, strlen(prec));
          continue;
        }
        m[M_PREC] = 0;
        f[M_PREC] = NULL;
      }
      m[k] = plainmeta(&c->plain, eq + 1, strlen(eq + 1));
    }
    if (extra.len > 0) {                             /* merge into the meta object */
      const char *old = f[M_META];
      tifai_buf mj = TIFAI_BUF_INIT;
      if (old && old[0] == '{' && strlen(old) > 2) {
        tifai_buf_add(&mj, old, strlen(old) - 1);
        tifai_buf_add(&mj, extra.p, extra.len);
      }
      else { tifai_buf_addc(&mj, '{'); tifai_buf_add(&mj, extra.p + 1, extra.len - 1); }
      tifai_buf_addc(&mj, '}');
      m[M_META] = plainmeta(&c->plain, mj.p, mj.len);
      tifai_buf_free(&mj);
    }
    tifai_buf_free(&extra);
    for (i = 0; i < M_N; i++) if (m[i]) f[i] = NULL;  /* resolved below, after 'plain' settles */
  }
  metadate = m[M_DATE] != 0;
  {
    const char *t = m[M_TITLE] ? NULL : f[M_TITLE];
    if (m[M_TITLE]) t = c->plain.p + m[M_TITLE] - 1;
    if (t != NULL) {
      tifai_fold(&c->title, t, strlen(t));
      titled = c->title.len > 0;
    }
  }
  for (i = 0; i < ca->npara; i++) {
    const tifa_para_src *p = &ca->paras[i];
    tifai_parainfo pi;
    long n;
    tifai_buf_reset(&c->fold);
    n = tifai_fold(&c->fold, p->text, p->len);
    if (c->fold.oom) {                      /* now: the next line's reset forgets it */
      snprintf(c->msg, c->msgsz, "out of memory");
      return c->rc = TIFA_NOMEM;
    }
    if (n < 0) {
      snprintf(c->msg, c->msgsz, "invalid UTF-8 in line %d", p->line_start);
      return c->rc = TIFA_ENCODING;
    }
    if (n <= 0) continue;
    if (!titled) {                          /* the first line of text is the title */
      int whole = n <= (record ? TITLE_CUT : TITLE_MAX);
      titled = 1;
      if (whole && ca->npara > 1 && !record) { tifai_buf_add(&c->title, c->fold.p, c->fold.len); continue; }
      derived = 1;                          /* a copy of the text's start, which stays text */
      if (whole) tifai_buf_add(&c->title, c->fold.p, c->fold.len);
      else {
        const char *e = c->fold.p;
        int k;
        for (k = 0; k < TITLE_CUT; k++) {
          int32_t cp;
          e += tifa_utf8_decode(e, (size_t)(c->fold.p + c->fold.len - e), &cp);
        }
        tifai_buf_add(&c->title, c->fold.p, (size_t)(e - c->fold.p));
        tifai_buf_adds(&c->title, "\xE2\x80\xA6");       /* … */
      }
    }
    if (c->text.len > 0) { tifai_buf_addc(&c->text, '\n'); nchars++; }
    pi.cstart = nchars;
    tifai_buf_add(&c->text, c->fold.p, c->fold.len);
    nchars += n;
    pi.cend = nchars;
    pi.bstart = (int64_t)p->byte_start;
    pi.bend = (int64_t)p->byte_end;
    pi.lstart = p->line_start;
    pi.lend = p->line_end;
    pi.kind = (p->kind >= 0 && p->kind <= TIFAI_PARA_CODE) ? p->kind : TIFAI_PARA_TEXT;
    tifai_buf_add(&c->paras, &pi, sizeof(pi));
    np++;
  }
  {                                         /* the other fields: folded or as they are */
    size_t o[M_N];
    o[M_TITLE] = 0;
    for (i = M_KICKER; i < M_N; i++) {
      const char *v = m[i] ? c->plain.p + m[i] - 1 : f[i];
      if (i == M_DATE || i == M_PREC || i == M_URL || i == M_META)
        o[i] = v ? plainmeta(&c->meta, v, strlen(v)) : 0;
      else o[i] = foldmeta(&c->meta, v);
    }
    memcpy(m, o, sizeof(m));
  }
  if (c->text.oom || c->title.oom || c->paras.oom || c->fold.oom || c->meta.oom || c->plain.oom) {
    snprintf(c->msg, c->msgsz, "out of memory");
    return c->rc = TIFA_NOMEM;
  }
  if (!titled && np == 0) return 0;         /* nothing in it */
  memset(&a, 0, sizeof(a));
#define MS(k)  (m[k] ? c->meta.p + m[k] - 1 : NULL)
  a.title = c->title.p ? c->title.p : "";
  a.titlelen = c->title.len;
  a.title_derived = derived;
  a.kicker = MS(M_KICKER);
  a.subtitle = MS(M_SUBTITLE);
  a.series = MS(M_SERIES);
  a.author = MS(M_AUTHOR);
  a.affiliation = MS(M_AFFIL);
  a.editor = MS(M_EDITOR);
  a.outlet = MS(M_OUTLET);
  a.place = MS(M_PLACE);
  a.date = MS(M_DATE);
  a.date_precision = a.date ? MS(M_PREC) : NULL;
  a.url = MS(M_URL);
  a.meta = MS(M_META);
#undef MS
  a.genre = c->co && c->co->genre ? c->co->genre : ca->genre ? ca->genre : record ? "record" : NULL;
  a.effective = ca->effective;
  a.events = ca->events;
  a.date_source = !a.date ? "none" : metadate ? "field" : ca->date_source ? ca->date_source : "field";
  c->fdate[0] = '\0';
  if (!a.date && c->co && c->co->path && filedate(c->co->path, c->fdate, &a.date_precision)) {
    a.date = c->fdate;                      /* "…(2018-11-06).md", "…_20181106.txt" */
    a.date_source = "filename";
  }
  if (!a.date && a.events) {                /* a law passed and never published apart: */
    const char *p = a.events, *q;           /* its latest 通过 */
    while ((q = strstr(p, "\",\"kind\":\"通过\"")) != NULL) {
      if (q - a.events >= 10 && (c->fdate[0] == '\0' || memcmp(q - 10, c->fdate, 10) > 0)) {
        memcpy(c->fdate, q - 10, 10);
        c->fdate[10] = '\0';
      }
      p = q + 1;
    }
    if (c->fdate[0]) { a.date = c->fdate; a.date_precision = "day"; a.date_source = "field"; }
  }
  if (!a.date && c->page) {                 /* the event its first sentence reports */
    size_t npg;
    const tifa_para_src *pg = tifai_layout_page(c->layout, &npg);
    if (tifai_layout_leaddate(ca, c->page, c->npage, pg, npg, c->ptitle, c->fdate,
                              &a.date_precision)) {
      a.date = c->fdate;
      a.date_source = "text";
    }
  }
  a.dropped = ca->dropped;
  a.why = ca->why;
  a.ndropped = ca->ndropped;
  a.text = c->text.p ? c->text.p : "";
  a.textlen = c->text.len;
  a.nchars = nchars;
  a.paras = (const tifai_parainfo *)c->paras.p;
  a.npara = np;
  a.line_start = ca->line_start;
  a.line_end = ca->line_end;
  a.byte_start = np ? (uint64_t)a.paras[0].bstart : 0;
  a.byte_end = np ? (uint64_t)a.paras[np - 1].bend : 0;
  for (i = 0; i < np; i++) {
    if ((uint64_t)a.paras[i].bstart < a.byte_start) a.byte_start = (uint64_t)a.paras[i].bstart;
    if ((uint64_t)a.paras[i].bend > a.byte_end) a.byte_end = (uint64_t)a.paras[i].bend;
  }
  for (i = 0; i < ca->ndropped; i++)        /* the header lines belong to it too */
    if (ca->dropped[i].byte_start < a.byte_start && ca->dropped[i].line_start >= a.line_start)
      a.byte_start = ca->dropped[i].byte_start;
  if ((c->rc = c->artf(c->ud, &a)) != 0) return c->rc;
  return 0;
}

/* }====== */

/* The reader's callback: cut the page into articles (the layout rules, or a split hook)
** and hand each over. */
static int cutdoc (void *ud, const tifai_doc *d) {
  cutter *c = (cutter *)ud;
  const tifa_cut_article *arts;
  tifa_cut_article one;
  size_t n = 0, i;
  int rc;
  if (c->stop && *c->stop) return c->rc = TIFA_INTERRUPTED;
  if (c->co && c->co->nolayout) {           /* the page as one article, as read */
    tifai_buf_reset(&c->fold);
    for (i = 0; i < d->npara; i++) {
      tifa_para_src p;
      p.text = d->paras[i].text;
      p.len = d->paras[i].len;
      p.kind = d->paras[i].kind;
      p.line_start = d->paras[i].line_start;
      p.line_end = d->paras[i].line_end;
      p.byte_start = d->paras[i].byte_start;
      p.byte_end = d->paras[i].byte_end;
      tifai_buf_add(&c->fold, &p, sizeof(p));
    }
    if (c->fold.oom) return c->rc = TIFA_NOMEM;
    c->page = NULL;                         /* as read: no lead dates */
    memset(&one, 0, sizeof(one));
    one.title = d->title; one.author = d->author; one.outlet = d->outlet; one.date = d->date;
    one.url = d->url; one.meta = d->meta;
    one.paras = (const tifa_para_src *)(const void *)c->fold.p;
    one.npara = d->npara;
    one.line_start = d->line_start;
    one.line_end = d->line_end;
    {                                       /* emit reuses 'fold': copy the paragraphs out */
      tifai_buf keep = c->fold;
      tifai_buf_reset(&c->hook.outparas);
      tifai_buf_add(&c->hook.outparas, keep.p, keep.len);
      if (c->hook.outparas.oom) return c->rc = TIFA_NOMEM;
      one.paras = (const tifa_para_src *)(const void *)c->hook.outparas.p;
    }
    if (c->co->acct && tifai_account_page(c->co->acct, d, &one, 1, c->fmt == TIFAI_FMT_MARKDOWN, 0, 0) != TIFA_OK)
      return c->rc = TIFA_NOMEM;
    return emit(c, &one);
  }
  if ((rc = tifai_layout_cut(c->layout, d, c->fmt, &arts, &n)) != TIFA_OK) {
    snprintf(c->msg, c->msgsz, "out of memory");
    return c->rc = rc;
  }
  if (c->co && c->co->split) {
    tifa_page pg;
    memset(&pg, 0, sizeof(pg));
    pg.path = c->co->path ? c->co->path : "";
    pg.format = tifai_format_name(c->fmt);
    pg.paras = tifai_layout_page(c->layout, &pg.npara);
    pg.cut = arts;
    pg.ncut = n;
    tifai_buf_reset(&c->hook.str);
    tifai_buf_reset(&c->hook.arts);
    tifai_buf_reset(&c->hook.paras);
    c->hook.msg[0] = '\0';
    if ((rc = c->co->split(c->co->ud, &pg, &c->hook)) != TIFA_OK) {
      snprintf(c->msg, c->msgsz, "%s", c->hook.msg[0] ? c->hook.msg : "split hook failed");
      return c->rc = rc;
    }
    if ((arts = hookarts(&c->hook, &n)) == NULL && n == 0 && c->hook.out.oom) {
      snprintf(c->msg, c->msgsz, "out of memory");
      return c->rc = TIFA_NOMEM;
    }
  }
  rc = TIFA_OK;
  if (c->co && c->co->acct) {               /* before emit, which reuses the hook's buffers */
    int64_t notes = 0, bullets = 0;
    int dated = 0;
    if (!c->co->split) tifai_layout_moved(c->layout, &notes, &bullets, &dated);
    rc = tifai_account_page(c->co->acct, d, arts, n,
                            c->fmt == TIFAI_FMT_MARKDOWN ? 1 + dated : 0, notes, bullets);
  }
  if (rc != TIFA_OK) {
    snprintf(c->msg, c->msgsz, "out of memory");
    return c->rc = TIFA_NOMEM;
  }
  c->page = arts;
  c->npage = n;
  c->ptitle = d->title;
  for (i = 0; i < n; i++)
    if ((rc = emit(c, &arts[i])) != 0) return rc;
  return 0;
}

/* The reader's note hook: keep the note for the caller (see tifai_cutopts). */
static int addnote (void *ud, int line, int failed, const char *msg) {
  tifai_buf *b = (tifai_buf *)ud;
  char head[24];
  snprintf(head, sizeof(head), "%c%d:", failed ? 'F' : 'W', line);
  tifai_buf_adds(b, head);
  tifai_buf_adds(b, msg);
  tifai_buf_addc(b, '\0');
  return b->oom ? TIFA_NOMEM : TIFA_OK;
}

int tifai_prepare_note (const tifai_buf *notes, size_t *at, int *line, int *failed,
                        const char **msg) {
  const char *s, *colon;
  if (notes == NULL || *at >= notes->len) return 0;
  s = notes->p + *at;
  *failed = s[0] == 'F';
  *line = atoi(s + 1);
  colon = strchr(s, ':');
  *msg = colon ? colon + 1 : s;
  *at += strlen(s) + 1;
  return 1;
}

static int online (void *ud, const char *line, size_t len, uint64_t start, uint64_t end) {
  cutter *c = (cutter *)ud;
  int rc = tifai_reader_line(c->reader, line, len, start, end);
  if (rc != TIFA_OK && c->rc == TIFA_OK) {
    c->rc = rc;
    snprintf(c->msg, c->msgsz, "%s", tifai_reader_errmsg(c->reader));
  }
  return rc;
}

int tifai_prepare_cut (tifai_source *src, unsigned char *chunk, size_t chunksz, int enc,
                       int fmt, uint64_t size, volatile sig_atomic_t *stop,
                       const tifai_cutopts *co, tifai_raw_fn rawf, tifai_article_fn artf,
                       void *ud, char *msg, size_t msgsz) {
  cutter c;
  tifa_lines *dec = NULL;
  uint64_t done = 0;
  long k = 0;
  int rc;
  memset(&c, 0, sizeof(c));
  c.artf = artf;
  c.ud = ud;
  c.fmt = fmt;
  c.co = co;
  c.stop = stop;
  c.msg = msg;
  c.msgsz = msgsz;
  msg[0] = '\0';
  if (rewindsrc(src) != 0) {
    snprintf(msg, msgsz, "cannot read (%s)", strerror(errno));
    return TIFA_IO;
  }
  if ((rc = tifa_lines_new(enc, &dec, msg, msgsz)) != TIFA_OK) return rc;
  if ((rc = tifai_layout_new(&c.layout)) != TIFA_OK
      || (rc = tifai_reader_new(fmt, cutdoc, &c, &c.reader)) != TIFA_OK) {
    snprintf(msg, msgsz, "out of memory");
    goto done;
  }
  if (co && co->genre && !(fmt == TIFAI_FMT_JSONL || fmt == TIFAI_FMT_CSV)) {
    tifai_layout_genre(c.layout, co->genre);       /* (a record stays a record) */
  }
  if (co && co->notes) {
    tifai_buf_reset(co->notes);
    tifai_reader_onnote(c.reader, addnote, co->notes);
  }
  while ((k = readsome(src, chunk, chunksz)) > 0) {
    if (done + (uint64_t)k > size) break;
    if (rawf && (rc = rawf(ud, chunk, (size_t)k, done)) != TIFA_OK) goto done;
    rc = tifa_lines_feed(dec, chunk, (size_t)k, online, &c);
    done += (uint64_t)k;
    if (rc != TIFA_OK) goto failed;
    if (stop && *stop) { rc = TIFA_INTERRUPTED; goto done; }
  }
  if (k != 0 || done != size) {
    if (k < 0) snprintf(msg, msgsz, "cannot read (%s)", strerror(errno));
    else snprintf(msg, msgsz, "file changed while being read");
    rc = TIFA_IO;
    goto done;
  }
  if ((rc = tifa_lines_finish(dec, online, &c)) != TIFA_OK) goto failed;
  rc = tifai_reader_finish(c.reader);
  if (rc != TIFA_OK && c.rc == TIFA_OK) {
    c.rc = rc;
    snprintf(msg, msgsz, "%s", tifai_reader_errmsg(c.reader));
  }
  if (c.rc != TIFA_OK) rc = c.rc;
  goto done;
failed:
  if (c.rc != TIFA_OK) rc = c.rc;                   /* the message is set already */
  else if (rc == TIFA_ENCODING) snprintf(msg, msgsz, "%s", tifa_lines_errmsg(dec));
  else snprintf(msg, msgsz, "%s", tifa_errstr(rc));
done:
  tifai_reader_free(c.reader);
  tifai_layout_free(c.layout);
  hookfree(&c.hook);
  tifai_buf_free(&c.plain);
  tifa_lines_free(dec);
  tifai_buf_free(&c.text);
  tifai_buf_free(&c.fold);
  tifai_buf_free(&c.title);
  tifai_buf_free(&c.paras);
  tifai_buf_free(&c.meta);
  if (rc == TIFA_NOMEM && msg[0] == '\0') snprintf(msg, msgsz, "out of memory");
  return rc;
}

/* }====== */

/* {====== The article list ====== */

typedef struct artentry {           /* offsets into the list's buffers; 0 = NULL string */
  size_t title, author, outlet, date, url, meta, text;   /* offset + 1 in 'strings' */
  size_t kicker, subtitle, series, affiliation, editor, place, date_precision;
  size_t genre, date_source, effective, events;
  size_t titlelen, textlen;
  int title_derived;
  int64_t nchars;
  size_t para0, npara;              /* first paragraph in 'paras', count */
  uint64_t byte_start, byte_end;
  int line_start, line_end;
} artentry;

static size_t addstr (tifai_buf *b, const char *s, size_t len) {
  size_t at = b->len;
  if (s == NULL) return 0;
  tifai_buf_add(b, s, len);
  tifai_buf_addc(b, '\0');
  return at + 1;
}

int tifai_artlist_add (tifai_artlist *l, const tifai_article *a) {
  artentry e;
  memset(&e, 0, sizeof(e));
  e.title = addstr(&l->strings, a->title, a->titlelen);
  e.author = addstr(&l->strings, a->author, a->author ? strlen(a->author) : 0);
  e.outlet = addstr(&l->strings, a->outlet, a->outlet ? strlen(a->outlet) : 0);
  e.date = addstr(&l->strings, a->date, a->date ? strlen(a->date) : 0);
  e.url = addstr(&l->strings, a->url, a->url ? strlen(a->url) : 0);
  e.meta = addstr(&l->strings, a->meta, a->meta ? strlen(a->meta) : 0);
  e.text = addstr(&l->strings, a->text, a->textlen);
#define ADDS(f)  e.f = addstr(&l->strings, a->f, a->f ? strlen(a->f) : 0)
  ADDS(kicker); ADDS(subtitle); ADDS(series); ADDS(affiliation); ADDS(editor); ADDS(place);
  ADDS(date_precision); ADDS(genre); ADDS(date_source); ADDS(effective); ADDS(events);
#undef ADDS
  e.titlelen = a->titlelen;
  e.title_derived = a->title_derived;
  e.textlen = a->textlen;
  e.nchars = a->nchars;
  e.para0 = l->paras.len / sizeof(tifai_parainfo);
  e.npara = a->npara;
  e.byte_start = a->byte_start;
  e.byte_end = a->byte_end;
  e.line_start = a->line_start;
  e.line_end = a->line_end;
  tifai_buf_add(&l->paras, a->paras, a->npara * sizeof(tifai_parainfo));
  tifai_buf_add(&l->entries, &e, sizeof(e));
  if (l->strings.oom || l->paras.oom || l->entries.oom) return TIFA_NOMEM;
  l->n++;
  return TIFA_OK;
}

void tifai_artlist_get (const tifai_artlist *l, size_t i, tifai_article *a) {
  artentry e;
  const char *s = l->strings.p;
  memcpy(&e, l->entries.p + i * sizeof(e), sizeof(e));
  a->title = s + e.title - 1;
  a->author = e.author ? s + e.author - 1 : NULL;
  a->outlet = e.outlet ? s + e.outlet - 1 : NULL;
  a->date = e.date ? s + e.date - 1 : NULL;
  a->url = e.url ? s + e.url - 1 : NULL;
  a->meta = e.meta ? s + e.meta - 1 : NULL;
  a->text = s + e.text - 1;
#define GETS(f)  a->f = e.f ? s + e.f - 1 : NULL
  GETS(kicker); GETS(subtitle); GETS(series); GETS(affiliation); GETS(editor); GETS(place);
  GETS(date_precision); GETS(genre); GETS(date_source); GETS(effective); GETS(events);
#undef GETS
  a->dropped = NULL;
  a->why = NULL;
  a->ndropped = 0;
  a->titlelen = e.titlelen;
  a->title_derived = e.title_derived;
  a->textlen = e.textlen;
  a->nchars = e.nchars;
  a->paras = e.npara ? (const tifai_parainfo *)(const void *)l->paras.p + e.para0 : NULL;
  a->npara = e.npara;
  a->byte_start = e.byte_start;
  a->byte_end = e.byte_end;
  a->line_start = e.line_start;
  a->line_end = e.line_end;
}

void tifai_artlist_free (tifai_artlist *l) {
  tifai_buf_free(&l->strings);
  tifai_buf_free(&l->entries);
  tifai_buf_free(&l->paras);
  l->n = 0;
}

/* }====== */
