/*
** casing.c -- case mapping (upper, lower, case folding) and the Unicode normalization forms
** (NFC, NFD, NFKC, NFKD, and the folding of ingest), by utf8proc_decompose into scratch
** memory owned here and utf8proc_reencode (never utf8proc_map).
*/
#include <stdlib.h>
#include <utf8proc.h>
#include "text.h"
#include "prims.h"

/* Append s[0..len) (valid UTF-8) as utf8proc transforms it with 'opts'. */
static int transform (tifai_buf *out, const char *s, size_t len, utf8proc_option_t opts) {
  const utf8proc_uint8_t *u = (const utf8proc_uint8_t *)s;
  utf8proc_int32_t *buf;
  utf8proc_ssize_t n = utf8proc_decompose(u, (utf8proc_ssize_t)len, NULL, 0, opts);
  if (n < 0) { out->oom = 1; return TIFA_NOMEM; }   /* valid input: only UTF8PROC_ERROR_NOMEM */
  buf = (utf8proc_int32_t *)malloc(((size_t)n + 1) * sizeof(*buf));
  if (buf == NULL) { out->oom = 1; return TIFA_NOMEM; }
  n = utf8proc_decompose(u, (utf8proc_ssize_t)len, buf, n, opts);
  if (n >= 0) n = utf8proc_reencode(buf, n, opts);   /* composes; UTF-8 in place */
  if (n >= 0) tifai_buf_add(out, buf, (size_t)n);
  free(buf);
  if (n < 0) out->oom = 1;
  return out->oom ? TIFA_NOMEM : TIFA_OK;
}

int tifai_case (tifai_buf *out, const char *s, size_t len, int how) {
  size_t i = 0;
  if (how == TIFA_CASE_FOLD) return transform(out, s, len, UTF8PROC_CASEFOLD);
  while (i < len) {
    int32_t cp;
    int k = tifa_utf8_decode(s + i, len - i, &cp);
    if (k < 0) break;
    tifai_buf_addcp(out, how == TIFA_CASE_UPPER ? utf8proc_toupper(cp) : utf8proc_tolower(cp));
    i += (size_t)k;
  }
  return out->oom ? TIFA_NOMEM : TIFA_OK;
}

int tifai_normalize (tifai_buf *out, const char *s, size_t len, int form) {
  utf8proc_option_t opts = UTF8PROC_STABLE;
  switch (form) {
    case TIFA_NORM_FOLD: return tifai_fold(out, s, len) < 0 ? TIFA_NOMEM : TIFA_OK;
    case TIFA_NORM_NFD: opts |= UTF8PROC_DECOMPOSE; break;
    case TIFA_NORM_NFKC: opts |= UTF8PROC_COMPOSE | UTF8PROC_COMPAT; break;
    case TIFA_NORM_NFKD: opts |= UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT; break;
    default: opts |= UTF8PROC_COMPOSE; break;
  }
  return transform(out, s, len, opts);
}

/* The public calls: check, transform into a fresh buffer, hand it over. */
static char *finish (tifai_buf *b, int rc, size_t *outlen) {
  if (rc != TIFA_OK) { tifai_buf_free(b); return NULL; }
  tifai_buf_add(b, "", 0);                  /* NUL-terminated even when empty */
  return tifai_buf_detach(b, outlen);
}

char *tifa_text_case (const char *s, size_t len, int how, size_t *outlen) {
  tifai_buf b = TIFAI_BUF_INIT;
  if (outlen) *outlen = 0;
  if (!tifa_utf8_valid(s, len, NULL)) return NULL;
  return finish(&b, tifai_case(&b, s, len, how), outlen);
}

char *tifa_text_normalize (const char *s, size_t len, int form, size_t *outlen) {
  tifai_buf b = TIFAI_BUF_INIT;
  if (outlen) *outlen = 0;
  if (!tifa_utf8_valid(s, len, NULL)) return NULL;
  return finish(&b, tifai_normalize(&b, s, len, form), outlen);
}
