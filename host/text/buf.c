/*
** buf.c -- growable byte buffers (see buf.h).
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "buf.h"

int tifai_buf_grow (tifai_buf *b, size_t extra) {
  size_t need, ncap;
  char *np;
  if (b->oom) return -1;
  if (extra > SIZE_MAX - b->len - 1) { b->oom = 1; return -1; }
  need = b->len + extra + 1;
  if (need <= b->cap) return 0;
  ncap = b->cap ? b->cap : 64;
  while (ncap < need) ncap = (ncap > SIZE_MAX / 2) ? need : ncap * 2;
  np = (char *)realloc(b->p, ncap);
  if (np == NULL) { b->oom = 1; return -1; }
  b->p = np;
  b->cap = ncap;
  return 0;
}

void tifai_buf_add (tifai_buf *b, const void *s, size_t n) {
  if (tifai_buf_grow(b, n) != 0) return;
  if (n > 0) memcpy(b->p + b->len, s, n);
  b->len += n;
  b->p[b->len] = '\0';
}

void tifai_buf_adds (tifai_buf *b, const char *s) {
  tifai_buf_add(b, s, strlen(s));
}

void tifai_buf_addc (tifai_buf *b, int c) {
  char ch = (char)c;
  tifai_buf_add(b, &ch, 1);
}

void tifai_buf_addcp (tifai_buf *b, int32_t cp) {
  unsigned char u[4];
  size_t n;
  if (cp < 0x80) { u[0] = (unsigned char)cp; n = 1; }
  else if (cp < 0x800) {
    u[0] = (unsigned char)(0xC0 | (cp >> 6)); u[1] = (unsigned char)(0x80 | (cp & 0x3F)); n = 2;
  }
  else if (cp < 0x10000) {
    u[0] = (unsigned char)(0xE0 | (cp >> 12)); u[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
    u[2] = (unsigned char)(0x80 | (cp & 0x3F)); n = 3;
  }
  else {
    u[0] = (unsigned char)(0xF0 | (cp >> 18)); u[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
    u[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F)); u[3] = (unsigned char)(0x80 | (cp & 0x3F)); n = 4;
  }
  tifai_buf_add(b, u, n);
}

void tifai_buf_reset (tifai_buf *b) {
  b->len = 0;
  b->oom = 0;
  if (b->p) b->p[0] = '\0';
}

void tifai_buf_free (tifai_buf *b) {
  free(b->p);
  b->p = NULL;
  b->len = b->cap = 0;
  b->oom = 0;
}

char *tifai_buf_detach (tifai_buf *b, size_t *len) {
  char *p;
  if (b->oom) { tifai_buf_free(b); if (len) *len = 0; return NULL; }
  if (b->p == NULL) {                       /* never grown: an empty string */
    if (tifai_buf_grow(b, 0) != 0) { if (len) *len = 0; return NULL; }
    b->p[0] = '\0';
  }
  p = b->p;
  if (len) *len = b->len;
  b->p = NULL;
  b->len = b->cap = 0;
  return p;
}

void tifai_buf_addjson (tifai_buf *b, const char *s, size_t len) {
  size_t i, run = 0;
  tifai_buf_addc(b, '"');
  for (i = 0; i < len; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c != '"' && c != '\\' && c >= 0x20) continue;
    tifai_buf_add(b, s + run, i - run);
    if (c == '"' || c == '\\') { tifai_buf_addc(b, '\\'); tifai_buf_addc(b, c); }
    else {
      char e[8];
      snprintf(e, sizeof(e), "\\u%04x", c);
      tifai_buf_adds(b, e);
    }
    run = i + 1;
  }
  tifai_buf_add(b, s + run, len - run);
  tifai_buf_addc(b, '"');
}
