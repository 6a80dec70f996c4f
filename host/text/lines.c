/*
** lines.c -- the streaming decoder (tifa_lines_*): raw bytes in UTF-8, UTF-16 or GB18030 to
** checked UTF-8 lines with their byte ranges in the raw input. A line that fits in one chunk
** of UTF-8 goes to the callback in place; others are gathered (and converted: UTF-16 by hand,
** GB18030 by glibc iconv) in one buffer, so memory is bounded by the longest line.
*/
#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "text.h"

#define HIBITS  0x8080808080808080ULL
#define LOBITS  0x0101010101010101ULL

struct tifa_lines {
  int enc;                  /* TIFA_ENC_* */
  uint64_t pos;             /* raw offset of the next byte to decode */
  uint64_t start;           /* raw offset where the current line starts */
  int cr;                   /* the last unit was a CR ending a line: a LF next belongs to it */
  int stop;                 /* sticky: TIFA_ENCODING or the callback's non-zero result */
  int done;                 /* finish ran */
  const char *bom;          /* byte-order mark to skip, NULL for none */
  int bomlen;
  int headdone;             /* the BOM question is settled */
  int nhead;
  unsigned char head[3];    /* leading bytes that may be a BOM */
  /* UTF-8 */
  int need;                 /* continuation bytes due for a sequence split by a chunk end */
  unsigned lo, hi;          /* range of the next one */
  uint64_t lead;            /* offset of that sequence's lead byte */
  /* GB18030 */
  iconv_t cd;
  int npart, partlen;       /* a character split by a chunk end: bytes held, its length */
  unsigned char part[4];
  uint64_t partoff;
  /* UTF-16 */
  int odd;                  /* a code unit's first byte is pending */
  unsigned oddbyte;
  unsigned hisur;           /* a high surrogate waiting for its low half, 0 if none */
  uint64_t hioff;
  tifai_buf line;           /* the current line when it spans chunks or is converted */
  uint64_t erroff;
  char msg[64];
};

int tifa_lines_new (int encoding, tifa_lines **out, char *err, size_t errsz) {
  tifa_lines *d;
  *out = NULL;
  if (encoding < TIFA_ENC_UTF8 || encoding > TIFA_ENC_GB18030) {
    if (errsz > 0) snprintf(err, errsz, "unknown encoding %d", encoding);
    return TIFA_ERROR;
  }
  d = (tifa_lines *)calloc(1, sizeof(*d));
  if (d == NULL) {
    if (errsz > 0) snprintf(err, errsz, "%s", tifa_errstr(TIFA_NOMEM));
    return TIFA_NOMEM;
  }
  d->enc = encoding;
  d->cd = (iconv_t)-1;
  switch (encoding) {
    case TIFA_ENC_UTF8: case TIFA_ENC_UTF8_BOM: d->bom = "\xEF\xBB\xBF"; d->bomlen = 3; break;
    case TIFA_ENC_UTF16LE: d->bom = "\xFF\xFE"; d->bomlen = 2; break;
    case TIFA_ENC_UTF16BE: d->bom = "\xFE\xFF"; d->bomlen = 2; break;
    default:
      d->headdone = 1;
      d->cd = iconv_open("UTF-8", "GB18030");
      if (d->cd == (iconv_t)-1) {
        if (errsz > 0) snprintf(err, errsz, "cannot convert from GB18030 (%s)", strerror(errno));
        free(d);
        return TIFA_ERROR;
      }
      break;
  }
  *out = d;
  return TIFA_OK;
}

void tifa_lines_free (tifa_lines *d) {
  if (d == NULL) return;
  if (d->cd != (iconv_t)-1) iconv_close(d->cd);
  tifai_buf_free(&d->line);
  free(d);
}

const char *tifa_lines_errmsg (tifa_lines *d) {
  return d->msg;
}

uint64_t tifa_lines_erroffset (tifa_lines *d) {
  return d->erroff;
}

/* Record an encoding error ("invalid UTF-8 at byte 12") and stop. */
static int fail (tifa_lines *d, const char *what, uint64_t off) {
  snprintf(d->msg, sizeof(d->msg), "%s at byte %llu", what, (unsigned long long)off);
  d->erroff = off;
  d->stop = TIFA_ENCODING;
  return TIFA_ENCODING;
}

static int nomem (tifa_lines *d) {
  snprintf(d->msg, sizeof(d->msg), "%s", tifa_errstr(TIFA_NOMEM));
  d->stop = TIFA_NOMEM;
  return TIFA_NOMEM;
}

/* Deliver the current line: the gathered text followed by s[0..n), ending at raw offset
** 'end'. Returns the callback's result (or TIFA_NOMEM). */
static int endline (tifa_lines *d, const char *s, size_t n, uint64_t end, tifa_line_fn f,
                    void *ud) {
  int rc;
  if (d->line.len > 0 || d->line.oom) {
    tifai_buf_add(&d->line, s, n);
    if (d->line.oom) return nomem(d);
    s = d->line.p;
    n = d->line.len;
  }
  rc = f(ud, n > 0 ? s : "", n, d->start, end);
  tifai_buf_reset(&d->line);
  if (rc != 0) d->stop = rc;
  return rc;
}

/* {====== UTF-8 ====== */

static int feed8 (tifa_lines *d, const unsigned char *p, size_t n, tifa_line_fn f, void *ud) {
  size_t i = 0, seg;
  int rc;
  if (d->cr) {                              /* the LF of a CRLF split between chunks */
    d->cr = 0;
    if (p[0] == '\n') { i = 1; d->start = d->pos + 1; }
  }
  while (d->need > 0 && i < n) {            /* the rest of a sequence split by the chunk end */
    if (p[i] < d->lo || p[i] > d->hi) return fail(d, "invalid UTF-8", d->lead);
    d->lo = 0x80; d->hi = 0xBF;
    d->need--;
    i++;
  }
  seg = (d->start > d->pos) ? 1 : 0;       /* skip that LF; a completed sequence stays */
  while (i < n) {
    unsigned c = p[i], lo, hi;
    size_t k, len;
    if (c < 0x80) {
      if (c == '\n' || c == '\r') {
        rc = endline(d, (const char *)p + seg, i - seg, d->pos + i, f, ud);
        if (rc != 0) return rc;
        if (c == '\r') {
          if (i + 1 == n) d->cr = 1;
          else if (p[i + 1] == '\n') i++;
        }
        seg = ++i;
        d->start = d->pos + i;
        continue;
      }
      i++;
      while (i + 8 <= n) {                  /* skip eight bytes with no high bit and none < 0x0E */
        uint64_t w;
        memcpy(&w, p + i, 8);
        if ((w | ((w - LOBITS * 0x0E) & ~w)) & HIBITS) break;
        i += 8;
      }
      continue;
    }
    if (c >= 0xE1 && c <= 0xEF && c != 0xED && i + 2 < n
        && (p[i + 1] & 0xC0) == 0x80 && (p[i + 2] & 0xC0) == 0x80) {
      i += 3;                               /* the common 3-byte case (all of CJK) */
      continue;
    }
    len = (size_t)tifai_utf8_lead(c, &lo, &hi);
    if (len == 0) return fail(d, "invalid UTF-8", d->pos + i);
    for (k = 1; k < len && i + k < n; k++) {
      if (p[i + k] < lo || p[i + k] > hi) return fail(d, "invalid UTF-8", d->pos + i);
      lo = 0x80; hi = 0xBF;
    }
    if (k < len) {                          /* split by the chunk end: carry the state */
      d->need = (int)(len - k);
      d->lo = lo; d->hi = hi;
      d->lead = d->pos + i;
    }
    i += k;
  }
  tifai_buf_add(&d->line, p + seg, n - seg);
  if (d->line.oom) return nomem(d);
  d->pos += n;
  return TIFA_OK;
}

/* }====== */

/* {====== GB18030 ====== */

/* Convert the complete characters s[0..n) (at raw offset 'off') and append them to the line. */
static int conv (tifa_lines *d, const unsigned char *s, size_t n, uint64_t off) {
  char *ip = (char *)s, *op;
  size_t il = n, ol;
  if (n == 0) return TIFA_OK;
  if (tifai_buf_grow(&d->line, 2 * n) != 0) return nomem(d);   /* 2 bytes -> at most 3 */
  op = d->line.p + d->line.len;
  ol = d->line.cap - d->line.len - 1;
  if (iconv(d->cd, &ip, &il, &op, &ol) == (size_t)-1)
    return fail(d, "invalid GB18030", off + (uint64_t)(ip - (char *)s));
  d->line.len = (size_t)(op - d->line.p);
  d->line.p[d->line.len] = '\0';
  return TIFA_OK;
}

/* Length of the GB18030 character at s[0..n): 1, 2 or 4; 0 if s is the valid start of a
** character that n bytes do not complete; -1 if invalid. */
static int gblen (const unsigned char *s, size_t n) {
  unsigned c = s[0];
  if (c < 0x80) return 1;
  if (c == 0x80 || c == 0xFF) return -1;
  if (n < 2) return 0;
  c = s[1];
  if (c >= 0x40 && c <= 0xFE && c != 0x7F) return 2;
  if (c < 0x30 || c > 0x39) return -1;
  if (n < 3) return 0;
  if (s[2] < 0x81 || s[2] > 0xFE) return -1;
  if (n < 4) return 0;
  return (s[3] >= 0x30 && s[3] <= 0x39) ? 4 : -1;
}

static int feedgb (tifa_lines *d, const unsigned char *p, size_t n, tifa_line_fn f, void *ud) {
  size_t i = 0, seg;
  int rc, k, multi = 0;                     /* multi: p[seg..i) holds a multi-byte character */
  if (d->cr) {
    d->cr = 0;
    if (p[0] == '\n') { i = 1; d->start = d->pos + 1; }
  }
  if (d->npart > 0) {                       /* complete a character split by the chunk end */
    while (d->npart < 4 && i < n) {
      d->part[d->npart++] = p[i++];
      k = gblen(d->part, (size_t)d->npart);
      if (k < 0) return fail(d, "invalid GB18030", d->partoff);
      if (k > 0) break;
    }
    if (gblen(d->part, (size_t)d->npart) == 0) { d->pos += n; return TIFA_OK; }
    rc = conv(d, d->part, (size_t)d->npart, d->partoff);
    if (rc != TIFA_OK) return rc;
    d->npart = 0;
  }
  seg = i;
  while (i < n) {
    unsigned c = p[i];
    if (c < 0x80) {
      if (c == '\n' || c == '\r') {
        if (multi) {
          rc = conv(d, p + seg, i - seg, d->pos + seg);
          if (rc == TIFA_OK) rc = endline(d, "", 0, d->pos + i, f, ud);
        }
        else rc = endline(d, (const char *)p + seg, i - seg, d->pos + i, f, ud);
        if (rc != 0) return rc;
        if (c == '\r') {
          if (i + 1 == n) d->cr = 1;
          else if (p[i + 1] == '\n') i++;
        }
        seg = ++i;
        multi = 0;
        d->start = d->pos + i;
        continue;
      }
      i++;
      continue;
    }
    k = gblen(p + i, n - i);
    if (k < 0) return fail(d, "invalid GB18030", d->pos + i);
    if (k == 0) {                           /* split by the chunk end: hold the bytes */
      d->npart = (int)(n - i);
      memcpy(d->part, p + i, n - i);
      d->partoff = d->pos + i;
      break;
    }
    multi = 1;
    i += (size_t)k;
  }
  if (multi) rc = conv(d, p + seg, i - seg, d->pos + seg);
  else {
    tifai_buf_add(&d->line, p + seg, i - seg);
    rc = d->line.oom ? nomem(d) : TIFA_OK;
  }
  d->pos += n;
  return rc;
}

/* }====== */

/* {====== UTF-16 ====== */

static int feed16 (tifa_lines *d, const unsigned char *p, size_t n, tifa_line_fn f, void *ud) {
  unsigned char tmp[256];                   /* UTF-8 waiting to be appended to the line */
  size_t i, nt = 0;
  int rc;
  for (i = 0; i < n; i++) {
    uint64_t off = d->pos + i - 1;          /* offset of the unit that ends at p[i] */
    uint32_t u;
    if (!d->odd) { d->odd = 1; d->oddbyte = p[i]; continue; }
    d->odd = 0;
    u = (d->enc == TIFA_ENC_UTF16LE) ? (d->oddbyte | ((uint32_t)p[i] << 8))
                                     : ((d->oddbyte << 8) | p[i]);
    if (d->hisur) {
      if (u < 0xDC00 || u > 0xDFFF) return fail(d, "invalid UTF-16", d->hioff);
      u = 0x10000 + ((d->hisur - 0xD800) << 10) + (u - 0xDC00);
      d->hisur = 0;
    }
    else if (u >= 0xD800 && u <= 0xDBFF) {
      d->hisur = u;
      d->hioff = off;
      continue;
    }
    else if (u >= 0xDC00 && u <= 0xDFFF) return fail(d, "invalid UTF-16", off);
    else if (u == '\n' || u == '\r') {
      int lf = d->cr && u == '\n';
      d->cr = (u == '\r');
      if (lf) {                             /* the LF of a CRLF */
        d->start = off + 2;
        continue;
      }
      tifai_buf_add(&d->line, tmp, nt);
      nt = 0;
      rc = endline(d, "", 0, off, f, ud);
      if (rc != 0) return rc;
      d->start = off + 2;
      continue;
    }
    d->cr = 0;
    if (nt + 4 > sizeof(tmp)) {
      tifai_buf_add(&d->line, tmp, nt);
      nt = 0;
    }
    if (u < 0x80) tmp[nt++] = (unsigned char)u;
    else if (u < 0x800) {
      tmp[nt++] = (unsigned char)(0xC0 | (u >> 6));
      tmp[nt++] = (unsigned char)(0x80 | (u & 0x3F));
    }
    else if (u < 0x10000) {
      tmp[nt++] = (unsigned char)(0xE0 | (u >> 12));
      tmp[nt++] = (unsigned char)(0x80 | ((u >> 6) & 0x3F));
      tmp[nt++] = (unsigned char)(0x80 | (u & 0x3F));
    }
    else {
      tmp[nt++] = (unsigned char)(0xF0 | (u >> 18));
      tmp[nt++] = (unsigned char)(0x80 | ((u >> 12) & 0x3F));
      tmp[nt++] = (unsigned char)(0x80 | ((u >> 6) & 0x3F));
      tmp[nt++] = (unsigned char)(0x80 | (u & 0x3F));
    }
  }
  tifai_buf_add(&d->line, tmp, nt);
  if (d->line.oom) return nomem(d);
  d->pos += n;
  return TIFA_OK;
}

/* }====== */

/* Decode p[0..n) (not empty) at offset d->pos; each feedX advances d->pos. */
static int feed (tifa_lines *d, const unsigned char *p, size_t n, tifa_line_fn f, void *ud) {
  if (n == 0) return TIFA_OK;
  switch (d->enc) {
    case TIFA_ENC_UTF16LE: case TIFA_ENC_UTF16BE: return feed16(d, p, n, f, ud);
    case TIFA_ENC_GB18030: return feedgb(d, p, n, f, ud);
    default: return feed8(d, p, n, f, ud);
  }
}

/* Settle the BOM question with the held bytes: skip a whole BOM, else decode them. */
static int settle (tifa_lines *d, tifa_line_fn f, void *ud) {
  d->headdone = 1;
  if (d->nhead == d->bomlen) {
    d->pos = d->start = (uint64_t)d->bomlen;
    return TIFA_OK;
  }
  return feed(d, d->head, (size_t)d->nhead, f, ud);
}

int tifa_lines_feed (tifa_lines *d, const void *p, size_t n, tifa_line_fn f, void *ud) {
  const unsigned char *b = (const unsigned char *)p;
  int rc;
  if (d->stop != 0) return d->stop;
  if (d->done) return TIFA_OK;
  while (!d->headdone && n > 0) {           /* hold bytes while they may be the BOM */
    if (*b != (unsigned char)d->bom[d->nhead]) {
      rc = settle(d, f, ud);
      if (rc != TIFA_OK) return rc;
      break;
    }
    d->head[d->nhead++] = *b++;
    n--;
    if (d->nhead == d->bomlen) settle(d, f, ud);
  }
  if (!d->headdone) return TIFA_OK;
  return feed(d, b, n, f, ud);
}

int tifa_lines_finish (tifa_lines *d, tifa_line_fn f, void *ud) {
  int rc;
  if (d->stop != 0) return d->stop;
  if (d->done) return TIFA_OK;
  if (!d->headdone && (rc = settle(d, f, ud)) != TIFA_OK) return rc;
  d->done = 1;
  if (d->need > 0) return fail(d, "truncated UTF-8", d->lead);
  if (d->npart > 0) return fail(d, "truncated GB18030", d->partoff);
  if (d->hisur) return fail(d, "invalid UTF-16", d->hioff);
  if (d->odd) return fail(d, "truncated UTF-16", d->pos - 1);
  if (d->pos > d->start) return endline(d, "", 0, d->pos, f, ud);
  return TIFA_OK;
}
