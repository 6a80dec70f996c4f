/*
** encoding.c -- encoding names and the streaming detector (tifa_sniff_*): UTF-16 by BOM,
** NUL bytes, strict UTF-8, then GB18030 (a structural check plus glibc iconv). All checks
** run side by side over the chunks, keeping only a split sequence between feeds, so memory
** does not grow with the input.
*/
#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "text.h"

#define HIBITS   0x8080808080808080ULL
#define GBBATCH  4096                       /* GB18030 characters checked by iconv per call */
#define ENOUGH   4                          /* multi-byte sequences that make UTF-8 certain */

const char *tifa_encoding_name (int enc) {
  switch (enc) {
    case TIFA_ENC_UTF8: return "UTF-8";
    case TIFA_ENC_UTF8_BOM: return "UTF-8-BOM";
    case TIFA_ENC_UTF16LE: return "UTF-16LE";
    case TIFA_ENC_UTF16BE: return "UTF-16BE";
    case TIFA_ENC_GB18030: return "GB18030";
    default: return "unknown";
  }
}

enum { UNDECIDED, U16LE, U16BE, BYTES };    /* what the first two bytes said */

struct tifa_sniff {
  uint64_t size;            /* bytes handed to the checks (the head waits outside) */
  unsigned char head[2];    /* the first bytes, held until the UTF-16 BOM question is settled */
  int nhead;
  int mode;                 /* UNDECIDED, U16LE, U16BE or BYTES */
  int done;                 /* finish ran: 'res' holds the answer */
  tifa_sniff_result res;
  /* UTF-16 */
  int odd;                  /* a code unit's first byte is pending */
  unsigned oddbyte;
  int hisur;                /* a high surrogate waits for its low half */
  uint64_t hioff;           /* ... at this offset */
  int u16bad;               /* 1 truncated, 2 invalid */
  uint64_t u16off;
  /* NUL bytes */
  int nul;
  uint64_t nuloff;
  /* UTF-8 */
  unsigned char bom3[3];    /* bytes 0-2, to recognise EF BB BF */
  int u8bad;
  uint64_t u8off;           /* first invalid or truncated sequence */
  int u8need;               /* continuation bytes still due for a sequence split by a chunk end */
  unsigned u8lo, u8hi;      /* range of the next continuation byte */
  uint64_t u8lead;          /* offset of that sequence's lead byte */
  int nmulti;               /* valid multi-byte sequences before any error (stops at ENOUGH) */
  /* GB18030 */
  int gbon;                 /* still worth checking: UTF-8 may yet fail early */
  int gbbad;
  int gbst;                 /* bytes of the current character seen (0 at a boundary) */
  int gblen;                /* its length: 2 or 4 (known after its second byte) */
  unsigned char gbch[4];
  iconv_t cd;               /* opened on the first multi-byte character */
  size_t ngb;
  unsigned char gb[GBBATCH];  /* complete multi-byte characters waiting for iconv */
};

int tifa_sniff_new (tifa_sniff **out) {
  tifa_sniff *s = (tifa_sniff *)calloc(1, sizeof(*s));
  *out = s;
  if (s == NULL) return TIFA_NOMEM;
  s->cd = (iconv_t)-1;
  s->gbon = 1;
  return TIFA_OK;
}

void tifa_sniff_free (tifa_sniff *s) {
  if (s == NULL) return;
  if (s->cd != (iconv_t)-1) iconv_close(s->cd);
  free(s);
}

/* {====== UTF-16 ====== */

static void u16unit (tifa_sniff *s, unsigned u, uint64_t off) {
  if (s->hisur) {
    s->hisur = 0;
    if (u >= 0xDC00 && u <= 0xDFFF) return;
    s->u16bad = 2; s->u16off = s->hioff;     /* a high surrogate without its low half */
    return;
  }
  if (u >= 0xD800 && u <= 0xDBFF) { s->hisur = 1; s->hioff = off; }
  else if (u >= 0xDC00 && u <= 0xDFFF) { s->u16bad = 2; s->u16off = off; }
  else if (u == 0 && !s->nul) { s->nul = 1; s->nuloff = off; }   /* U+0000: no text has it */
}

static void u16feed (tifa_sniff *s, const unsigned char *b, size_t n) {
  size_t i;
  for (i = 0; i < n && !s->u16bad; i++) {
    if (!s->odd) { s->odd = 1; s->oddbyte = b[i]; continue; }
    s->odd = 0;
    if (s->mode == U16LE) u16unit(s, s->oddbyte | ((unsigned)b[i] << 8), s->size + i - 1);
    else u16unit(s, (s->oddbyte << 8) | b[i], s->size + i - 1);
  }
}

/* }====== */

/* {====== UTF-8 ====== */

static void u8fail (tifa_sniff *s, uint64_t off) {
  s->u8bad = 1;
  s->u8off = off;
}

/* Check b[0..n) (at offset s->size) as the continuation of the UTF-8 seen so far. */
static void u8feed (tifa_sniff *s, const unsigned char *b, size_t n) {
  size_t i = 0;
  while (s->u8need > 0 && i < n) {          /* finish a sequence split by the last chunk end */
    if (b[i] < s->u8lo || b[i] > s->u8hi) { u8fail(s, s->u8lead); return; }
    s->u8lo = 0x80; s->u8hi = 0xBF;
    i++;
    if (--s->u8need == 0 && s->nmulti < ENOUGH) s->nmulti++;
  }
  while (i < n) {
    unsigned c = b[i], lo, hi;
    size_t k, len;
    if (c < 0x80) {
      i++;
      while (i + 8 <= n) {
        uint64_t w;
        memcpy(&w, b + i, 8);
        if (w & HIBITS) break;
        i += 8;
      }
      continue;
    }
    len = (size_t)tifai_utf8_lead(c, &lo, &hi);
    if (len == 0) { u8fail(s, s->size + i); return; }
    for (k = 1; k < len && i + k < n; k++) {
      if (b[i + k] < lo || b[i + k] > hi) { u8fail(s, s->size + i); return; }
      lo = 0x80; hi = 0xBF;
    }
    if (k < len) {                          /* split by the chunk end: carry the state */
      s->u8need = (int)(len - k);
      s->u8lo = lo; s->u8hi = hi;
      s->u8lead = s->size + i;
      return;
    }
    if (s->nmulti < ENOUGH) s->nmulti++;
    i += len;
  }
}

/* }====== */

/* {====== GB18030 ====== */

/* Run iconv over the batch of complete characters; any refusal makes the input not GB18030.
** Returns 0 if the batch converted. */
static int gbflush (tifa_sniff *s) {
  char out[4 * GBBATCH], *ip = (char *)s->gb, *op;
  size_t il = s->ngb, ol;
  if (s->ngb == 0) return 0;
  s->ngb = 0;
  if (s->cd == (iconv_t)-1) {
    s->cd = iconv_open("UTF-8", "GB18030");
    if (s->cd == (iconv_t)-1) return -1;    /* no converter: cannot call it GB18030 */
  }
  while (il > 0) {
    op = out; ol = sizeof(out);
    if (iconv(s->cd, &ip, &il, &op, &ol) == (size_t)-1 && errno != E2BIG) return -1;
  }
  return 0;
}

static void gbfail (tifa_sniff *s) {
  s->gbbad = 1;
  s->gbon = 0;
}

/* Structural check (1 byte 00-7F; 2 bytes 81-FE 40-7E|80-FE; 4 bytes 81-FE 30-39 81-FE 30-39);
** complete multi-byte characters go to the iconv batch. */
static void gbfeed (tifa_sniff *s, const unsigned char *b, size_t n) {
  size_t i;
  for (i = 0; i < n; i++) {
    unsigned c = b[i];
    switch (s->gbst) {
      case 0:
        if (c < 0x80) {
          while (i + 9 <= n) {              /* skip ASCII eight bytes at a time */
            uint64_t w;
            memcpy(&w, b + i + 1, 8);
            if (w & HIBITS) break;
            i += 8;
          }
          continue;
        }
        if (c == 0x80 || c == 0xFF) { gbfail(s); return; }
        break;
      case 1:
        if ((c >= 0x40 && c <= 0xFE && c != 0x7F)) s->gblen = 2;
        else if (c >= 0x30 && c <= 0x39) s->gblen = 4;
        else { gbfail(s); return; }
        break;
      case 2:
        if (c < 0x81 || c > 0xFE) { gbfail(s); return; }
        break;
      default:
        if (c < 0x30 || c > 0x39) { gbfail(s); return; }
        break;
    }
    s->gbch[s->gbst++] = (unsigned char)c;
    if (s->gbst >= 2 && s->gbst == s->gblen) {
      if (s->ngb + 4 > GBBATCH && gbflush(s) != 0) { gbfail(s); return; }
      memcpy(s->gb + s->ngb, s->gbch, (size_t)s->gblen);
      s->ngb += (size_t)s->gblen;
      s->gbst = 0;
    }
  }
}

/* }====== */

/* Hand b[0..n) to the checks that still matter. */
static void feed (tifa_sniff *s, const unsigned char *b, size_t n) {
  if (n == 0) return;
  if (s->mode == U16LE || s->mode == U16BE) {
    u16feed(s, b, n);
    s->size += n;
    return;
  }
  if (!s->nul) {
    const unsigned char *z = (const unsigned char *)memchr(b, 0, n);
    if (z != NULL) { s->nul = 1; s->nuloff = s->size + (uint64_t)(z - b); }
  }
  if (!s->nul) {                            /* after a NUL the answer is known: binary */
    size_t k;
    for (k = 0; s->size + k < 3 && k < n; k++) s->bom3[s->size + k] = b[k];
    if (!s->u8bad) u8feed(s, b, n);
    if (s->nmulti >= ENOUGH || (s->size + n >= 3 && memcmp(s->bom3, "\xEF\xBB\xBF", 3) == 0))
      s->gbon = 0;                          /* UTF-8 either way: GB18030 no longer matters */
    if (s->gbon) gbfeed(s, b, n);
  }
  s->size += n;
}

/* Settle the mode from the (at most two) held bytes and pass them on. */
static void decide (tifa_sniff *s) {
  if (s->nhead == 2 && s->head[0] == 0xFF && s->head[1] == 0xFE) s->mode = U16LE;
  else if (s->nhead == 2 && s->head[0] == 0xFE && s->head[1] == 0xFF) s->mode = U16BE;
  else s->mode = BYTES;
  feed(s, s->head, (size_t)s->nhead);
}

void tifa_sniff_feed (tifa_sniff *s, const void *p, size_t n) {
  const unsigned char *b = (const unsigned char *)p;
  if (s->done) return;
  while (s->mode == UNDECIDED && n > 0) {
    s->head[s->nhead++] = *b++;
    n--;
    if (s->nhead == 2) decide(s);
  }
  if (s->mode != UNDECIDED) feed(s, b, n);
}

static int result (tifa_sniff_result *r, int rc, int enc, uint64_t off, const char *fmt) {
  r->rc = rc;
  r->encoding = enc;
  r->offset = off;
  if (fmt != NULL) snprintf(r->reason, sizeof(r->reason), fmt, (unsigned long long)off);
  return rc;
}

int tifa_sniff_finish (tifa_sniff *s, tifa_sniff_result *r) {
  tifa_sniff_result *res = &s->res;
  if (s->done) { *r = *res; return r->rc; }
  if (s->mode == UNDECIDED) decide(s);
  s->done = 1;
  memset(res, 0, sizeof(*res));
  res->size = s->size;
  if (s->mode == U16LE || s->mode == U16BE) {
    int enc = (s->mode == U16LE) ? TIFA_ENC_UTF16LE : TIFA_ENC_UTF16BE;
    if (!s->u16bad && s->hisur) { s->u16bad = 2; s->u16off = s->hioff; }
    if (!s->u16bad && s->odd) { s->u16bad = 1; s->u16off = s->size - 1; }
    if (s->u16bad == 1) result(res, TIFA_ENCODING, enc, s->u16off, "truncated UTF-16 at byte %llu");
    else if (s->u16bad) result(res, TIFA_ENCODING, enc, s->u16off, "invalid UTF-16 at byte %llu");
    else if (s->nul) result(res, TIFA_BINARY, enc, s->nuloff, "binary file (NUL character at byte %llu)");
    else { result(res, TIFA_OK, enc, 0, NULL); res->bom = 2; }
  }
  else if (s->nul)
    result(res, TIFA_BINARY, 0, s->nuloff, "binary file (NUL byte at byte %llu)");
  else {
    int bom = (s->size >= 3 && memcmp(s->bom3, "\xEF\xBB\xBF", 3) == 0);
    if (!s->u8bad && s->u8need > 0) u8fail(s, s->u8lead);     /* truncated at the end */
    if (s->gbon && !s->gbbad && (s->gbst != 0 || gbflush(s) != 0)) gbfail(s);
    if (!s->u8bad) {
      result(res, TIFA_OK, bom ? TIFA_ENC_UTF8_BOM : TIFA_ENC_UTF8, 0, NULL);
      res->bom = bom ? 3 : 0;
    }
    else if (bom || s->nmulti >= ENOUGH)
      result(res, TIFA_ENCODING, TIFA_ENC_UTF8, s->u8off, "invalid UTF-8 at byte %llu");
    else if (s->gbon && !s->gbbad)
      result(res, TIFA_OK, TIFA_ENC_GB18030, 0, NULL);
    else
      result(res, TIFA_ENCODING, 0, s->u8off, "invalid UTF-8 at byte %llu (nor GB18030)");
  }
  *r = *res;
  return r->rc;
}
