/*
** fold.c -- the folding applied at ingest (tifai_fold, tifa_text_fold): NFC, full-width
** letters and digits to ASCII, zero-width characters dropped, white space trimmed and
** collapsed, and no space kept between CJK characters or between CJK and digits.
** One pass does it all unless a code point that NFC may touch appears; then the text is
** mapped and normalized (utf8proc, only on the runs around such code points) first.
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
  const unsigned char *e = (const unsigned char *)out->p + out->len, *q = e - 1;
  int n;
  while ((*q & 0xC0) == 0x80) q--;
  return decode(q, &n);
}

/* Append the folding of s[0..len) (valid UTF-8) to 'out' in one pass. If 'nfc' is set and a
** code point that NFC may change turns up, stop and return 1 ('out' then holds part of the
** result); else return 0. */
static int onepass (tifai_buf *out, const unsigned char *s, size_t len, int nfc) {
  size_t start = out->len, i = 0, run = 0;  /* s[run..i) is still to be copied */
  while (i < len) {
    unsigned c = s[i];
    int32_t cp, m;
    size_t j;
    int n;
    if (c < 0x80) {
      if (c != ' ' && (c < '\t' || c > '\r')) { i++; continue; }
    }
    else if (c >= 0xE4 && c <= 0xE9) { i += 3; continue; }   /* U+4000-9FFF: Han */
    else {
      cp = decode(s + i, &n);
      if (!tifai_is_space(cp)) {
        if (nfc && unstable(cp)) return 1;
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
    if (j < len && out->len > start && !out->oom) {   /* inner, not leading or trailing */
      cp = narrow(decode(s + j, &n));
      if (!dropspace(lastcp(out), cp)) tifai_buf_addc(out, ' ');
    }
    run = i = j;
  }
  tifai_buf_add(out, s + run, len - run);
  return 0;
}

/* Append s[0..len) (valid UTF-8) to 'out' with zero-width characters dropped and full-width
** letters and digits narrowed. */
static void mapchars (tifai_buf *out, const unsigned char *s, size_t len) {
  size_t i = 0, run = 0;
  while (i < len) {
    int32_t cp, m;
    int n;
    if (s[i] < 0x80) { i++; continue; }
    cp = decode(s + i, &n);
    if (zerowidth(cp) || (m = narrow(cp)) != cp) {
      tifai_buf_add(out, s + run, i - run);
      if (!zerowidth(cp)) tifai_buf_addc(out, (int)m);
      run = i + (size_t)n;
    }
    i += (size_t)n;
  }
  tifai_buf_add(out, s + run, len - run);
}

/* Append the NFC of s[0..len) (valid UTF-8) to 'out'. Only the runs of unstable code points,
** with the stable one before them, go through utf8proc. Returns 0, or -1 if memory ran out
** ('out->oom' is then set). */
static int nfc (tifai_buf *out, const unsigned char *s, size_t len) {
  int32_t *w = NULL;                        /* code points of one run */
  size_t wcap = 0, i = 0, last = 0, done = 0;   /* last: start of the last stable code point */
  while (i < len && !out->oom) {
    utf8proc_ssize_t k;
    size_t j;
    int n;
    if (s[i] < 0x80) { last = i++; continue; }
    if (!unstable(decode(s + i, &n))) { last = i; i += (size_t)n; continue; }
    for (j = i + (size_t)n; j < len && unstable(decode(s + j, &n)); j += (size_t)n) {}
    tifai_buf_add(out, s + done, last - done);
    k = utf8proc_decompose(s + last, (utf8proc_ssize_t)(j - last), NULL, 0, NFCOPTS);
    if (k >= 0 && (size_t)k + 1 > wcap) {
      int32_t *nw = (int32_t *)realloc(w, ((size_t)k + 1) * sizeof(*w));
      if (nw == NULL) { out->oom = 1; break; }
      w = nw;
      wcap = (size_t)k + 1;
    }
    if (k >= 0) k = utf8proc_decompose(s + last, (utf8proc_ssize_t)(j - last), w, k, NFCOPTS);
    if (k >= 0) k = utf8proc_reencode(w, k, NFCOPTS);
    if (k >= 0) tifai_buf_add(out, w, (size_t)k);
    else tifai_buf_add(out, s + last, j - last);  /* cannot happen on valid UTF-8 */
    done = i = j;
  }
  free(w);
  tifai_buf_add(out, s + done, len - done);
  return out->oom ? -1 : 0;
}

long tifai_fold (tifai_buf *out, const char *s, size_t len) {
  const unsigned char *u = (const unsigned char *)s;
  size_t start = out->len;
  if (!tifa_utf8_valid(s, len, NULL)) return -1;
  if (out->oom) return -1;
  if (onepass(out, u, len, 1)) {            /* NFC has work: map, normalize, then fold */
    tifai_buf mapped = TIFAI_BUF_INIT, norm = TIFAI_BUF_INIT;
    out->len = start;
    if (out->p != NULL) out->p[start] = '\0';
    mapchars(&mapped, u, len);
    if (mapped.oom) out->oom = 1;
    else if (nfc(&norm, (const unsigned char *)(mapped.p ? mapped.p : ""), mapped.len) != 0)
      out->oom = 1;
    else onepass(out, (const unsigned char *)(norm.p ? norm.p : ""), norm.len, 0);
    tifai_buf_free(&mapped);
    tifai_buf_free(&norm);
  }
  if (out->oom) return -1;
  return out->p ? (long)tifa_utf8_len(out->p + start, out->len - start) : 0;
}

char *tifa_text_fold (const char *s, size_t len, size_t *outlen) {
  tifai_buf b = TIFAI_BUF_INIT;
  if (outlen) *outlen = 0;
  if (tifai_fold(&b, s, len) < 0) {
    tifai_buf_free(&b);
    return NULL;
  }
  return tifai_buf_detach(&b, outlen);
}
