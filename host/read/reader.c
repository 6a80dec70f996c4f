/*
** reader.c -- the format readers of ingest (see reader.h): format names, the reader object
** and its dispatch to read_*.c, the line table of whole-document formats and the article
** builder shared by all formats.
*/
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "read_fmt.h"

/* {====== Format names ====== */
static int lower (int c) { return (c >= 'A' && c <= 'Z') ? c + ('a' - 'A') : c; }

static int eqi (const char *a, const char *b) {
  while (*a && lower((unsigned char)*a) == lower((unsigned char)*b)) { a++; b++; }
  return *a == '\0' && *b == '\0';
}

int tifai_format_of_path (const char *path) {
  static const struct { const char *ext; int fmt; } exts[] = {
    {"txt", TIFAI_FMT_TEXT}, {"md", TIFAI_FMT_MARKDOWN}, {"markdown", TIFAI_FMT_MARKDOWN},
    {"html", TIFAI_FMT_HTML}, {"htm", TIFAI_FMT_HTML}, {"xhtml", TIFAI_FMT_HTML},
    {"jsonl", TIFAI_FMT_JSONL}, {"ndjson", TIFAI_FMT_JSONL}, {"csv", TIFAI_FMT_CSV}};
  const char *base, *dot;
  size_t i;
  if (path == NULL) return TIFAI_FMT_TEXT;
  base = strrchr(path, '/');
  base = base ? base + 1 : path;
  dot = strrchr(base, '.');
  if (dot == NULL || dot == base) return TIFAI_FMT_TEXT;     /* ".md" alone is a hidden file */
  for (i = 0; i < sizeof(exts) / sizeof(exts[0]); i++)
    if (eqi(dot + 1, exts[i].ext)) return exts[i].fmt;
  return TIFAI_FMT_TEXT;
}

int tifai_format_of_name (const char *name) {
  static const char *const names[] = {"text", "markdown", "html", "jsonl", "csv"};
  int i;
  if (name == NULL) return 0;
  if (strcmp(name, "md") == 0) return TIFAI_FMT_MARKDOWN;
  for (i = 0; i < 5; i++)
    if (strcmp(name, names[i]) == 0) return i + 1;
  return 0;
}

const char *tifai_format_name (int fmt) {
  switch (fmt) {
    case TIFAI_FMT_TEXT: return "text";
    case TIFAI_FMT_MARKDOWN: return "markdown";
    case TIFAI_FMT_HTML: return "html";
    case TIFAI_FMT_JSONL: return "jsonl";
    case TIFAI_FMT_CSV: return "csv";
    default: return "?";
  }
}
/* }====== */

/* {====== White space ====== */
/* Byte length of the white-space character at s[0..len), or 0. */
static size_t wsat (const unsigned char *s, size_t len) {
  switch (s[0]) {
    case ' ': case '\t': case '\n': case '\v': case '\f': case '\r': return 1;
    case 0xC2: return (len >= 2 && s[1] == 0xA0) ? 2 : 0;                    /* NBSP */
    case 0xE1: return (len >= 3 && s[1] == 0x9A && s[2] == 0x80) ? 3 : 0;    /* U+1680 */
    case 0xE2:
      if (len < 3) return 0;
      if (s[1] == 0x80 && (s[2] <= 0x8B || s[2] == 0xA8 || s[2] == 0xA9 || s[2] == 0xAF))
        return 3;                                             /* U+2000-200B, 2028, 2029, 202F */
      return (s[1] == 0x81 && s[2] == 0x9F) ? 3 : 0;          /* U+205F */
    case 0xE3: return (len >= 3 && s[1] == 0x80 && s[2] == 0x80) ? 3 : 0;    /* U+3000 */
    case 0xEF: return (len >= 3 && s[1] == 0xBB && s[2] == 0xBF) ? 3 : 0;    /* BOM */
    default: return 0;
  }
}

/* Byte length of the white-space character that ends s[0..len), or 0. */
static size_t wsbefore (const unsigned char *s, size_t len) {
  size_t k;
  if (len == 0) return 0;
  if (s[len - 1] < 0x80) return wsat(s + len - 1, 1);
  for (k = 2; k <= 3 && k <= len; k++)
    if ((s[len - k] & 0xC0) != 0x80) return wsat(s + len - k, k) == k ? k : 0;
  return 0;
}

int tifai_isblank (const char *s, size_t len) {
  const unsigned char *u = (const unsigned char *)s;
  size_t i = 0, k;
  while (i < len) {
    if ((k = wsat(u + i, len - i)) == 0) return 0;
    i += k;
  }
  return 1;
}

void tifai_trim (const char **s, size_t *len) {
  const unsigned char *u = (const unsigned char *)*s;
  size_t n = *len, k;
  while (n > 0 && (k = wsat(u, n)) > 0) { u += k; n -= k; }
  while (n > 0 && (k = wsbefore(u, n)) > 0) n -= k;
  *s = (const char *)u;
  *len = n;
}
/* }====== */

/* {====== Line table ====== */
static int lines_add (tifai_lines *L, const char *s, size_t len, uint64_t b0, uint64_t b1) {
  size_t i, off;
  if (L->n == L->cap) {
    size_t ncap = L->cap ? 2 * L->cap : 256;
    tifai_line *nv = (tifai_line *)realloc(L->v, ncap * sizeof(*nv));
    if (nv == NULL) return TIFA_NOMEM;
    L->v = nv;
    L->cap = ncap;
  }
  off = L->text.len;
  tifai_buf_add(&L->text, s, len);
  tifai_buf_addc(&L->text, '\n');
  if (L->text.oom) return TIFA_NOMEM;
  for (i = off; i < off + len; i++)          /* keep line numbers the same for cmark and libxml2 */
    if (L->text.p[i] == '\r' || L->text.p[i] == '\0') L->text.p[i] = ' ';
  L->v[L->n].off = off;
  L->v[L->n].raw_start = b0;
  L->v[L->n].raw_end = b1;
  L->n++;
  return TIFA_OK;
}

static void lines_free (tifai_lines *L) {
  tifai_buf_free(&L->text);
  free(L->v);
  L->v = NULL;
  L->n = L->cap = 0;
}

void tifai_lines_range (const tifai_lines *L, int l0, int l1, uint64_t *b0, uint64_t *b1) {
  if (L->n == 0) { *b0 = *b1 = 0; return; }
  if (l0 < 1) l0 = 1;
  if ((size_t)l0 > L->n) l0 = (int)L->n;
  if (l1 < l0) l1 = l0;
  if ((size_t)l1 > L->n) l1 = (int)L->n;
  *b0 = L->v[l0 - 1].raw_start;
  *b1 = L->v[l1 - 1].raw_end;
}
/* }====== */

/* {====== Article builder ====== */
int tifai_docb_add (tifai_docb *b, const char *s, size_t len, int kind,
                    int l0, int l1, uint64_t b0, uint64_t b1) {
  return tifai_docb_addlink(b, s, len, kind, l0, l1, b0, b1, NULL, 0);
}

int tifai_docb_addlink (tifai_docb *b, const char *s, size_t len, int kind, int l0, int l1,
                        uint64_t b0, uint64_t b1, const char *href, size_t hreflen) {
  tifai_para *p;
  if (b->oom) return TIFA_NOMEM;
  if (tifai_isblank(s, len)) return TIFA_OK;
  if (b->n == b->cap) {
    size_t ncap = b->cap ? 2 * b->cap : 32;
    tifai_para *nv = (tifai_para *)realloc(b->v, ncap * sizeof(*nv));
    size_t *noff;
    if (nv == NULL) { b->oom = 1; return TIFA_NOMEM; }
    b->v = nv;
    noff = (size_t *)realloc(b->off, ncap * sizeof(*noff));
    if (noff == NULL) { b->oom = 1; return TIFA_NOMEM; }
    b->off = noff;
    b->cap = ncap;
  }
  b->off[b->n] = b->text.len;
  tifai_buf_add(&b->text, s, len);
  tifai_buf_addc(&b->text, '\0');
  if (href != NULL && hreflen > 0) {                  /* the target after the text's NUL */
    tifai_buf_add(&b->text, href, hreflen);
    tifai_buf_addc(&b->text, '\0');
  }
  else hreflen = 0;
  if (b->text.oom) { b->oom = 1; return TIFA_NOMEM; }
  p = &b->v[b->n++];
  p->text = NULL;
  p->len = len;
  p->kind = kind;
  p->level = 0;
  p->href = NULL;
  p->hreflen = hreflen;
  p->soft = 0;
  p->bold = 0;
  p->line_start = l0;
  p->line_end = l1 < l0 ? l0 : l1;
  p->byte_start = b0;
  p->byte_end = b1 < b0 ? b0 : b1;
  return TIFA_OK;
}

int tifai_docb_addlines (tifai_docb *b, const char *s, size_t len, int kind,
                         int l0, int l1, uint64_t b0, uint64_t b1) {
  size_t i = 0, start = 0;
  int rc = TIFA_OK, soft = 0;
  for (i = 0; i <= len && rc == TIFA_OK; i++) {
    if (i == len || s[i] == '\n' || s[i] == '\r') {
      size_t before = b->n;
      rc = tifai_docb_add(b, s + start, i - start, kind, l0, l1, b0, b1);
      if (b->n > before) { b->v[before].soft = soft; soft = 1; }
      else soft = 0;                                  /* a blank line: a paragraph starts */
      if (i + 1 < len && s[i] == '\r' && s[i + 1] == '\n') i++;
      start = i + 1;
    }
  }
  return rc;
}

void tifai_docb_remove (tifai_docb *b, size_t i, size_t n) {
  if (i >= b->n) return;
  if (n > b->n - i) n = b->n - i;
  memmove(b->v + i, b->v + i + n, (b->n - i - n) * sizeof(*b->v));
  memmove(b->off + i, b->off + i + n, (b->n - i - n) * sizeof(*b->off));
  b->n -= n;
}

void tifai_docb_reset (tifai_docb *b) {
  tifai_buf_reset(&b->text);
  b->n = 0;
  b->oom = 0;
}

void tifai_docb_free (tifai_docb *b) {
  tifai_buf_free(&b->text);
  free(b->v);
  free(b->off);
  b->v = NULL;
  b->off = NULL;
  b->n = b->cap = 0;
  b->oom = 0;
}
/* }====== */

/* {====== The reader ====== */
int tifai_reader_fail (tifai_reader *r, int rc, int line, const char *fmt, ...) {
  va_list ap;
  int n = 0;
  if (line > 0) n = snprintf(r->err, sizeof(r->err), "line %d: ", line);
  if (n < 0 || (size_t)n >= sizeof(r->err)) n = 0;
  va_start(ap, fmt);
  vsnprintf(r->err + n, sizeof(r->err) - (size_t)n, fmt, ap);
  va_end(ap);
  return rc;
}

int tifai_reader_note (tifai_reader *r, int failed, int line, const char *fmt, ...) {
  char msg[TIFA_ERRMAX];
  va_list ap;
  if (r->note == NULL) return TIFA_OK;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof(msg), fmt, ap);
  va_end(ap);
  return r->note(r->noteud, line, failed, msg);
}

void tifai_reader_onnote (tifai_reader *r, tifai_note_fn f, void *ud) {
  r->note = f;
  r->noteud = ud;
}

int tifai_reader_emit (tifai_reader *r, tifai_doc *d) {
  tifai_docb *b = &r->docb;
  size_t i;
  int rc = TIFA_OK;
  if (b->oom) rc = TIFA_NOMEM;
  else if (b->n > 0) {
    for (i = 0; i < b->n; i++) {
      b->v[i].text = b->text.p + b->off[i];
      b->v[i].href = b->v[i].hreflen ? b->v[i].text + b->v[i].len + 1 : NULL;
    }
    d->paras = b->v;
    d->npara = b->n;
    rc = r->f(r->ud, d);
  }
  tifai_docb_reset(b);
  return rc;
}

int tifai_reader_new (int fmt, tifai_doc_fn f, void *ud, tifai_reader **out) {
  tifai_reader *r;
  const tifai_fmtops *ops;
  *out = NULL;
  switch (fmt) {
    case TIFAI_FMT_MARKDOWN: ops = &tifai_fmt_markdown; break;
    case TIFAI_FMT_HTML: ops = &tifai_fmt_html; break;
    case TIFAI_FMT_JSONL: ops = &tifai_fmt_jsonl; break;
    case TIFAI_FMT_CSV: ops = &tifai_fmt_csv; break;
    default: fmt = TIFAI_FMT_TEXT; ops = &tifai_fmt_text; break;
  }
  r = (tifai_reader *)calloc(1, sizeof(*r));
  if (r == NULL) return TIFA_NOMEM;
  r->fmt = fmt;
  r->ops = ops;
  r->f = f;
  r->ud = ud;
  *out = r;
  return TIFA_OK;
}

/* Record a result: errors and stops are sticky, so later calls return them again. */
static int setrc (tifai_reader *r, int rc) {
  if (rc == TIFA_NOMEM && r->err[0] == '\0') tifai_reader_fail(r, rc, 0, "out of memory");
  r->rc = rc;
  return rc;
}

int tifai_reader_line (tifai_reader *r, const char *line, size_t len,
                       uint64_t raw_start, uint64_t raw_end) {
  if (r->rc != TIFA_OK) return r->rc;
  if (r->finished) return setrc(r, tifai_reader_fail(r, TIFA_ERROR, 0, "line fed after the end"));
  if (r->nline == 0x7fffffff)
    return setrc(r, tifai_reader_fail(r, TIFA_TOOBIG, r->nline, "too many lines"));
  if (len > 0 && line[len - 1] == '\n') len--;          /* tolerate lines fed with their ending */
  if (len > 0 && line[len - 1] == '\r') len--;
  if (r->nline == 0) {
    r->raw0 = raw_start;
    if (len >= 3 && memcmp(line, "\xEF\xBB\xBF", 3) == 0) { line += 3; len -= 3; }   /* BOM */
  }
  r->nline++;
  r->raw1 = raw_end;
  if (r->ops->keeplines)
    return setrc(r, lines_add(&r->lines, line, len, raw_start, raw_end));
  return setrc(r, r->ops->line(r, line, len, raw_start, raw_end));
}

int tifai_reader_finish (tifai_reader *r) {
  if (r->rc != TIFA_OK || r->finished) return r->rc;
  r->finished = 1;
  return setrc(r, r->ops->finish(r));
}

const char *tifai_reader_errmsg (tifai_reader *r) {
  return r ? r->err : "";
}

void tifai_reader_free (tifai_reader *r) {
  if (r == NULL) return;
  if (r->ops->close) r->ops->close(r);
  tifai_html_close(r);
  lines_free(&r->lines);
  tifai_docb_free(&r->docb);
  free(r);
}
/* }====== */
