/*
** fold.c -- the folding applied at ingest (tifai_fold, tifa_text_fold): NFC, full-width
** letters and digits to ASCII, zero-width characters dropped, white space trimmed and
** collapsed, and no space kept between CJK characters or between CJK and digits.
** One pass does it all; only the spans around code points that NFC may change go through
** utf8proc (decompose and reencode into scratch memory owned here, never utf8proc_map).
** And the width variants of punctuation that searching treats as one (tifai_fold_width).
*/
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>
#include "text.h"

#define NFCOPTS  (UTF8PROC_COMPOSE | UTF8PROC_STABLE)

/* Decode the code point at s (valid UTF-8) and store its length in '*n'. */
static int32_t decode (const unsigned char *s, int *n) {
  unsigned c = s[0];
  if (c < 0x80) { *n = 1; return (int32_t)c; }
  if (c < 0xE0) { *n = 2; return ((int32_t)(c & 0x1F) << 6) | (s[1] & 0x3F); }
  if (c < 0xF0) {
    *n = 3;
    return ((int32_t)(c & 0x0F) << 12) | ((int32_t)(s[1] & 0x3F) << 6) | (s[2] & 0x3F);
  }
  *n = 4;
  return ((int32_t)(c & 0x07) << 18) | ((int32_t)(s[1] & 0x3F) << 12)
         | ((int32_t)(s[2] & 0x3F) << 6) | (s[3] & 0x3F);
}

static int zerowidth (int32_t cp) {
  return (cp >= 0x200B && cp <= 0x200F) || cp == 0x2060 || cp == 0xFEFF || cp == 0xAD;
}

/* Full-width ASCII letters and digits to half-width; anything else unchanged. */
static int32_t narrow (int32_t cp) {
  if ((cp >= 0xFF10 && cp <= 0xFF19) || (cp >= 0xFF21 && cp <= 0xFF3A)
      || (cp >= 0xFF41 && cp <= 0xFF5A))
    return cp - 0xFEE0;
  return cp;
}

/* 1 if NFC may change 'cp' or combine it with a neighbour: a combining mark, a code point
** with a canonical decomposition or taking part in a composition, a composition exclusion,
** a conjoining jamo. Every other code point is its own NFC and starts a segment that NFC
** treats independently of what comes before. The ranges tested first were checked
** against utf8proc 2.8 (Unicode 15): nothing in them may change. */
static int unstable (int32_t cp) {
  const utf8proc_property_t *p;
  if (cp < 0x300 || (cp >= 0x3400 && cp <= 0x9FFF) || (cp >= 0x3000 && cp <= 0x3029)
      || (cp >= 0xFF00 && cp <= 0xFFEF))
    return 0;
  if (cp >= 0x1100 && cp <= 0x11FF) return 1;              /* jamo compose algorithmically */
  p = utf8proc_get_property(cp);
  return p->combining_class != 0 || p->comb_index != UINT16_MAX || p->comp_exclusion
         || (p->decomp_seqindex != UINT16_MAX && p->decomp_type == 0);
}

/* CJK for the space rule: tifai_is_cjk without hangul, since Korean separates words. */
static int cjkword (int32_t cp) {
  if ((cp >= 0x1100 && cp <= 0x11FF) || (cp >= 0x3130 && cp <= 0x318F)
      || (cp >= 0xA960 && cp <= 0xA97F) || (cp >= 0xAC00 && cp <= 0xD7FF))
    return 0;
  return tifai_is_cjk(cp);
}

/* Whether the space between 'a' and 'b' goes: CJK-CJK, CJK-digit and digit-CJK. Never
** before a combining mark (U+302A-302F, U+3099-309A): it would then join 'a' and the
** result would no longer be NFC. */
static int dropspace (int32_t a, int32_t b) {
  int ca = cjkword(a), cb = cjkword(b);
  if (cb && b < 0x3400 && utf8proc_get_property(b)->combining_class != 0) return 0;
  return (ca && (cb || (b >= '0' && b <= '9'))) || (cb && a >= '0' && a <= '9');
}

/* The last code point in out->p[0..out->len) (valid UTF-8, not empty). */
static int32_t lastcp (const tifai_buf *out) {
  const unsigned char *q = (const unsigned char *)out->p + out->len - 1;
  int n;
  while ((*q & 0xC0) == 0x80) q--;
  return decode(q, &n);
}

typedef struct Fold {
  tifai_buf *out;
  size_t start;             /* out->len before this folding: what comes before does not count */
  int pending;              /* the last piece ended in white space, not yet kept or dropped */
  tifai_buf map;            /* scratch: a span with zero-width and full-width mapped */
  int32_t *w;               /* scratch: its code points for utf8proc */
  size_t wcap;
} Fold;

/* Position of the first code point in s[i..len) that NFC may touch, or len. */
static size_t nextunstable (const unsigned char *s, size_t i, size_t len) {
  while (i < len) {
    unsigned c = s[i];
    int n;
    if (c < 0x80) i = tifai_ascii_span(s, i + 1, len);
    else if (c >= 0xE4 && c <= 0xE9) i += 3;                 /* U+4000-9FFF */
    else if (unstable(decode(s + i, &n))) return i;
    else i += (size_t)n;
  }
  return len;
}

/* Keep or drop the space between what 'out' ends with and the code point at s (after a
** white-space run that had something before it). */
static void space (Fold *f, const unsigned char *s) {
  int n;
  if (f->out->oom) return;
  if (!dropspace(lastcp(f->out), narrow(decode(s, &n)))) tifai_buf_addc(f->out, ' ');
}

/* Append the folding of s[0..len), a piece of valid UTF-8 with NFC already holding, to
** f->out: narrow and drop characters, trim and collapse white space. A white-space run at
** the end of the piece is left pending for the next piece to settle. */
static void piece (Fold *f, const unsigned char *s, size_t len) {
  tifai_buf *out = f->out;
  size_t i = 0, run = 0, j;                 /* s[run..i) is still to be copied */
  int32_t cp, m;
  int n;
  if (f->pending) {                         /* white space carried from the last piece */
    for (j = 0; j < len; j += (size_t)n) {
      cp = decode(s + j, &n);
      if (!tifai_is_space(cp) && !zerowidth(cp)) break;
    }
    if (j == len) return;
    f->pending = 0;
    space(f, s + j);
    i = run = j;
  }
  while (i < len) {
    unsigned c = s[i];
    if (c < 0x80) {
      if (c != ' ' && (c < '\t' || c > '\r')) { i++; continue; }
    }
    else if (c >= 0xE4 && c <= 0xE9) { i += 3; continue; }   /* U+4000-9FFF: Han */
    else {
      cp = decode(s + i, &n);
      if (!tifai_is_space(cp)) {
        if (zerowidth(cp)) {
          tifai_buf_add(out, s + run, i - run);
          run = i += (size_t)n;
        }
        else if ((m = narrow(cp)) != cp) {
          tifai_buf_add(out, s + run, i - run);
          tifai_buf_addc(out, (int)m);
          run = i += (size_t)n;
        }
        else i += (size_t)n;
        continue;
      }
    }
    /* white space at i: skip it with any zero-width characters among it */
    tifai_buf_add(out, s + run, i - run);
    for (j = i; j < len; j += (size_t)n) {
      cp = decode(s + j, &n);
      if (!tifai_is_space(cp) && !zerowidth(cp)) break;
    }
    if (out->len > f->start) {              /* inner or trailing, not leading */
      if (j < len) space(f, s + j);
      else f->pending = 1;
    }
    run = i = j;
  }
  tifai_buf_add(out, s + run, len - run);
}

/* Fold s[0..len) (valid UTF-8) that NFC may change: drop and narrow characters first, then
** normalize with utf8proc into scratch memory, then fold the result as a piece. */
static void span (Fold *f, const unsigned char *s, size_t len) {
  utf8proc_option_t o = (utf8proc_option_t)NFCOPTS;
  const utf8proc_uint8_t *u;
  utf8proc_ssize_t k;
  size_t i = 0, run = 0;
  tifai_buf_reset(&f->map);
  while (i < len) {
    int32_t cp, m;
    int n;
    if (s[i] < 0x80) { i++; continue; }
    cp = decode(s + i, &n);
    m = narrow(cp);
    if (zerowidth(cp) || m != cp) {
      tifai_buf_add(&f->map, s + run, i - run);
      if (m != cp) tifai_buf_addc(&f->map, (int)m);
      run = i + (size_t)n;
    }
    i += (size_t)n;
  }
  tifai_buf_add(&f->map, s + run, len - run);
  if (f->map.oom || f->map.len == 0) { f->out->oom |= f->map.oom; return; }
  u = (const utf8proc_uint8_t *)f->map.p;
  k = utf8proc_decompose(u, (utf8proc_ssize_t)f->map.len, NULL, 0, o);       /* measure */
  if (k >= 0 && (size_t)k + 1 > f->wcap) {
    int32_t *nw = (int32_t *)realloc(f->w, ((size_t)k + 1) * sizeof(*nw));
    if (nw == NULL) { f->out->oom = 1; return; }
    f->w = nw;
    f->wcap = (size_t)k + 1;
  }
  if (k >= 0) k = utf8proc_decompose(u, (utf8proc_ssize_t)f->map.len, f->w, k, o);
  if (k >= 0) k = utf8proc_reencode(f->w, k, o);  /* UTF-8 in place, in f->w */
  if (k >= 0) piece(f, (const unsigned char *)f->w, (size_t)k);
  else piece(f, u, f->map.len);             /* cannot happen on valid UTF-8 */
}

long tifai_fold (tifai_buf *out, const char *s, size_t len) {
  const unsigned char *u = (const unsigned char *)s;
  Fold f;
  size_t pos = 0, a, b, e;
  int n;
  if (!tifa_utf8_valid(s, len, NULL) || out->oom) return -1;
  memset(&f, 0, sizeof(f));
  f.out = out;
  f.start = out->len;
  while (pos < len && !out->oom) {
    a = nextunstable(u, pos, len);
    if (a == len) { piece(&f, u + pos, len - pos); break; }
    /* the span NFC works on: from the last code point before 'a' that is kept (not
    ** zero-width) to the next stable code point that is kept */
    for (b = a; b > pos; ) {
      size_t q = b - 1;
      while ((u[q] & 0xC0) == 0x80) q--;
      b = q;
      if (!zerowidth(decode(u + q, &n))) break;
    }
    for (e = a; e < len; e += (size_t)n) {
      int32_t cp = decode(u + e, &n);
      if (e > a && !unstable(cp) && !zerowidth(cp)) break;
    }
    piece(&f, u + pos, b - pos);
    span(&f, u + b, e - b);
    pos = e;
  }
  tifai_buf_free(&f.map);
  free(f.w);
  if (out->oom) return -1;
  return out->p ? (long)tifa_utf8_len(out->p + f.start, out->len - f.start) : 0;
}

char *tifa_text_fold (const char *s, size_t len, size_t *outlen) {
  tifai_buf b = TIFAI_BUF_INIT;
  if (outlen) *outlen = 0;
  if (tifai_fold(&b, s, len) < 0) {
    tifai_buf_free(&b);
    return NULL;
  }
  tifai_buf_add(&b, "", 0);                 /* NUL-terminated even when empty */
  return tifai_buf_detach(&b, outlen);
}

int32_t tifai_fold_width (int32_t cp) {
  static const int32_t signs[] = {0xA2, 0xA3, 0xAC, 0xAF, 0xA6, 0xA5, 0x20A9};  /* U+FFE0.. */
  static const int32_t narrowcjk[] = {0x3002, 0x300C, 0x300D, 0x3001, 0x30FB};  /* U+FF61.. */
  if (cp < 0x3000) return cp;
  if (cp == 0x3000) return ' ';
  if (cp >= 0xFF01 && cp <= 0xFF5E) return cp - 0xFEE0;
  if (cp == 0xFF5F) return 0x2985;
  if (cp == 0xFF60) return 0x2986;
  if (cp >= 0xFF61 && cp <= 0xFF65) return narrowcjk[cp - 0xFF61];
  if (cp >= 0xFFE0 && cp <= 0xFFE6) return signs[cp - 0xFFE0];
  return cp;
}
