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

typedef struct cutter {
  tifai_reader *reader;
  tifai_article_fn artf;
  void *ud;
  volatile sig_atomic_t *stop;
  int rc;                           /* the first failure, with 'msg' */
  char *msg;
  size_t msgsz;
  tifai_buf text, fold, title, paras, meta;
} cutter;

/* Fold an optional metadata string into 'b' at its end; returns its offset + 1, or 0 if
** it folds to nothing (offsets, since 'b' may move while it grows). */
static size_t foldmeta (tifai_buf *b, const char *s) {
  size_t at = b->len;
  if (s == NULL || tifai_fold(b, s, strlen(s)) <= 0) { b->len = at; return 0; }
  tifai_buf_addc(b, '\0');
  return at + 1;
}

/* The reader's callback: fold the paragraphs, choose the title, hand over the article. */
static int cutdoc (void *ud, const tifai_doc *d) {
  cutter *c = (cutter *)ud;
  tifai_article a;
  size_t i, np = 0, m[5];
  int64_t nchars = 0;
  int titled = 0;
  if (c->stop && *c->stop) return c->rc = TIFA_INTERRUPTED;
  tifai_buf_reset(&c->text);
  tifai_buf_reset(&c->title);
  tifai_buf_reset(&c->paras);
  tifai_buf_reset(&c->meta);
  if (d->title != NULL) {
    tifai_fold(&c->title, d->title, strlen(d->title));
    titled = c->title.len > 0;
  }
  for (i = 0; i < d->npara; i++) {
    const tifai_para *p = &d->paras[i];
    tifai_parainfo pi;
    long n;
    tifai_buf_reset(&c->fold);
    n = tifai_fold(&c->fold, p->text, p->len);
    if (n < 0 && !c->fold.oom) {
      snprintf(c->msg, c->msgsz, "invalid UTF-8 in line %d", p->line_start);
      return c->rc = TIFA_ENCODING;
    }
    if (n <= 0) continue;
    if (!titled) {                          /* the first line of text is the title */
      titled = 1;
      if (n <= TITLE_MAX) { tifai_buf_add(&c->title, c->fold.p, c->fold.len); continue; }
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
  m[0] = foldmeta(&c->meta, d->author);
  m[1] = foldmeta(&c->meta, d->outlet);
  m[2] = foldmeta(&c->meta, d->date);
  if (c->text.oom || c->title.oom || c->paras.oom || c->fold.oom || c->meta.oom) {
    snprintf(c->msg, c->msgsz, "out of memory");
    return c->rc = TIFA_NOMEM;
  }
  if (!titled && np == 0) return 0;         /* nothing in it */
  memset(&a, 0, sizeof(a));
  a.title = c->title.p ? c->title.p : "";
  a.titlelen = c->title.len;
  a.author = m[0] ? c->meta.p + m[0] - 1 : NULL;
  a.outlet = m[1] ? c->meta.p + m[1] - 1 : NULL;
  a.date = m[2] ? c->meta.p + m[2] - 1 : NULL;
  a.url = (d->url && *d->url) ? d->url : NULL;
  a.meta = (d->meta && *d->meta) ? d->meta : NULL;
  a.text = c->text.p ? c->text.p : "";
  a.textlen = c->text.len;
  a.nchars = nchars;
  a.paras = (const tifai_parainfo *)c->paras.p;
  a.npara = np;
  a.byte_start = d->byte_start;
  a.byte_end = d->byte_end;
  a.line_start = d->line_start;
  a.line_end = d->line_end;
  if ((c->rc = c->artf(c->ud, &a)) != 0) return c->rc;
  return 0;
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
                       int fmt, uint64_t size, volatile sig_atomic_t *stop, tifai_raw_fn rawf,
                       tifai_article_fn artf, void *ud, char *msg, size_t msgsz) {
  cutter c;
  tifa_lines *dec = NULL;
  uint64_t done = 0;
  long k = 0;
  int rc;
  memset(&c, 0, sizeof(c));
  c.artf = artf;
  c.ud = ud;
  c.stop = stop;
  c.msg = msg;
  c.msgsz = msgsz;
  msg[0] = '\0';
  if (rewindsrc(src) != 0) {
    snprintf(msg, msgsz, "cannot read (%s)", strerror(errno));
    return TIFA_IO;
  }
  if ((rc = tifa_lines_new(enc, &dec, msg, msgsz)) != TIFA_OK) return rc;
  if ((rc = tifai_reader_new(fmt, cutdoc, &c, &c.reader)) != TIFA_OK) {
    snprintf(msg, msgsz, "out of memory");
    goto done;
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
  size_t titlelen, textlen;
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
  e.titlelen = a->titlelen;
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
  a->titlelen = e.titlelen;
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
