/*
** test_text.c -- unit test of host/text: strict UTF-8, character classes, the encoding
** detector and the line decoder (each input fed whole, cut at every position, byte by byte
** and in random chunks), the fixtures in $TIFA_DATA/enc, and ingest folding (table cases,
** NFC against utf8proc on random text, idempotence).
*/
#include <iconv.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>
#include "check.h"
#include "text.h"

#define S(lit)  lit, (sizeof(lit) - 1)      /* a literal and its length (NULs included) */
#define NRAND   24                          /* random chunkings tried per input */


/* The ways to cut n bytes into chunks: 'way' 0 is whole, 1 to n-1 one cut at 'way', n byte
** by byte, then NRAND random ones. Writes the cut positions (ascending, inside (0, n)) to
** 'cuts' (room for n) and returns their number, or -1 when there is no such way. */
static int cutway (size_t way, size_t n, size_t *cuts) {
  size_t k, m = 0;
  if (way == 0) return 0;
  if (way < n) { cuts[0] = way; return 1; }
  if (way == n) {
    for (k = 1; k < n; k++) cuts[m++] = k;
    return (int)m;
  }
  if (way > n + NRAND) return -1;
  for (k = 1; k < n; k++)
    if (check_rnd() % 5 == 0) cuts[m++] = k;
  return (int)m;
}

/* Read $TIFA_DATA/enc/name; NULL (and a failed check) if it cannot. */
static char *readfixture (const char *name, size_t *len) {
  const char *dir = getenv("TIFA_DATA");
  char path[1024];
  FILE *f;
  char *p = NULL;
  long n;
  *len = 0;
  snprintf(path, sizeof(path), "%s/enc/%s", dir ? dir : "tests/data", name);
  f = fopen(path, "rb");
  if (f == NULL) { fprintf(stderr, "cannot open '%s'\n", path); check(f != NULL); return NULL; }
  if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0) {
    p = (char *)malloc((size_t)n + 1);
    if (p != NULL && fread(p, 1, (size_t)n, f) == (size_t)n) *len = (size_t)n;
    else { free(p); p = NULL; }
  }
  fclose(f);
  check(p != NULL);
  return p;
}

/* Convert with iconv (test data only). Returns a malloc'ed buffer and its length in '*outlen'. */
static char *convert (const char *to, const char *from, const char *s, size_t len, size_t *outlen) {
  iconv_t cd = iconv_open(to, from);
  size_t cap = 4 * len + 16, il = len, ol = cap;
  char *out = (char *)malloc(cap), *ip = (char *)s, *op = out;
  check(cd != (iconv_t)-1 && out != NULL);
  if (cd == (iconv_t)-1 || out == NULL) { free(out); exit(1); }
  if (iconv(cd, &ip, &il, &op, &ol) == (size_t)-1) check(!"iconv failed on test data");
  iconv_close(cd);
  *outlen = cap - ol;
  return out;
}

/* {====== UTF-8 ====== */

static const struct {
  const char *s; size_t len;
  int ok; size_t bad;                       /* tifa_utf8_valid's answer */
} u8cases[] = {
  {S(""), 1, 0}, {S("abc"), 1, 0}, {S("\xE4\xB8\xAD\xE6\x96\x87"), 1, 0},
  {S("\xC2\x80"), 1, 0}, {S("\xDF\xBF"), 1, 0}, {S("\xE0\xA0\x80"), 1, 0},
  {S("\xED\x9F\xBF"), 1, 0}, {S("\xEE\x80\x80"), 1, 0}, {S("\xEF\xBF\xBF"), 1, 0},
  {S("\xF0\x90\x80\x80"), 1, 0}, {S("\xF4\x8F\xBF\xBF"), 1, 0}, {S("a\0b"), 1, 0},
  {S("\x80"), 0, 0}, {S("\xBF"), 0, 0}, {S("\xC0\x80"), 0, 0}, {S("\xC1\xBF"), 0, 0},
  {S("\xE0\x9F\xBF"), 0, 0}, {S("\xED\xA0\x80"), 0, 0}, {S("\xED\xBF\xBF"), 0, 0},
  {S("\xF0\x8F\xBF\xBF"), 0, 0}, {S("\xF4\x90\x80\x80"), 0, 0}, {S("\xF5\x80\x80\x80"), 0, 0},
  {S("\xF8\x88\x80\x80\x80"), 0, 0}, {S("\xFE"), 0, 0}, {S("\xFF"), 0, 0},
  {S("a\xBF"), 0, 1}, {S("\xE4\xB8"), 0, 0}, {S("ab\xE4\xB8\xAD\xE4"), 0, 5},
  {S("\xE4\xB8\xAD\xE4\xB8" "a"), 0, 3}, {S("\xE4\x41\xAD"), 0, 0},
  {S("\xE4\xB8\xAD\xE6\x96\x87\xFF"), 0, 6}, {S("abcdefghij\xC3"), 0, 10},
  {S("\xF0\x9F\x98"), 0, 0}, {S("0123456789\xF0\x9F\x98\x80\xED\xB0\x80"), 0, 14},
};

static void test_utf8 (void) {
  size_t k, bad;
  unsigned char buf[80];
  for (k = 0; k < sizeof(u8cases) / sizeof(u8cases[0]); k++) {
    bad = 999;
    checkint(tifa_utf8_valid(u8cases[k].s, u8cases[k].len, &bad), u8cases[k].ok);
    if (!u8cases[k].ok) checkint(bad, u8cases[k].bad);
    else checkint(bad, 999);                /* untouched when valid */
    checkint(tifa_utf8_valid(u8cases[k].s, u8cases[k].len, NULL), u8cases[k].ok);
  }
  /* a bad byte at every position of a long ASCII run, behind and between valid sequences */
  for (k = 0; k < 64; k++) {
    memset(buf, 'a', sizeof(buf));
    memcpy(buf + 70, "\xE4\xB8\xAD", 3);
    buf[k] = 0x80;
    check(!tifa_utf8_valid((char *)buf, sizeof(buf), &bad));
    checkint(bad, k);
    buf[k] = 0xE4;                          /* a sequence cut short by ASCII */
    check(!tifa_utf8_valid((char *)buf, sizeof(buf), &bad));
    checkint(bad, k);
    buf[k] = 'a';
    check(tifa_utf8_valid((char *)buf, sizeof(buf), NULL));
  }
  checkint(tifa_utf8_len(S("")), 0);
  checkint(tifa_utf8_len(S("abc")), 3);
  checkint(tifa_utf8_len(S("\xE4\xB8\xAD\xE6\x96\x87" "abc")), 5);
  checkint(tifa_utf8_len(S("0123456789\xE4\xB8\xAD\xF0\xA0\xAE\xB7\xC3\xA9" "0123456789")), 23);
}

/* tifa_utf8_decode against utf8proc_iterate on every 1- to 3-byte string and on 4-byte
** strings with every lead and second byte; then tifa_utf8_len and tifa_utf8_valid on random
** valid text. */
static int samedecode (const unsigned char *s, size_t n) {
  int32_t cp = -2, ref = -2;
  int k = tifa_utf8_decode((const char *)s, n, &cp);
  utf8proc_ssize_t r = utf8proc_iterate(s, (utf8proc_ssize_t)n, &ref);
  return (r < 0) ? k == -1 : (k == r && cp == ref);
}

static void test_decode (void) {
  unsigned a, b, c;
  long bad = 0;
  unsigned char s[4];
  int32_t cp = 0;
  int k;
  for (a = 0; a < 256; a++) {
    s[0] = (unsigned char)a;
    for (b = 0; b < 256; b++) {
      s[1] = (unsigned char)b;
      for (c = 0; c < 256; c++) {
        s[2] = (unsigned char)c;
        s[3] = (unsigned char)(check_rnd() & 0xFF);
        if (!samedecode(s, 4) || !samedecode(s, 3)) bad++;
        if (a < 0xE0) break;                /* the third byte matters from E0 on */
      }
      if (!samedecode(s, 2) || !samedecode(s, 1)) bad++;
      if (a < 0xC0 || a >= 0xF5) break;     /* the second byte matters for leads only */
    }
  }
  checkint(bad, 0);
  checkint(tifa_utf8_decode("", 0, &cp), -1);
  checkint(tifa_utf8_decode(S("\xE4\xB8"), &cp), -1);      /* truncated */
  checkint(tifa_utf8_decode(S("\xE4\xB8\xAD" "x"), &cp), 3);
  checkint(cp, 0x4E2D);
  checkint(tifa_utf8_decode(S("\xF0\xA0\xAE\xB7"), &cp), 4);
  checkint(cp, 0x20BB7);
  for (k = 0; k < 2000; k++) {              /* random valid text: len and valid agree */
    unsigned char t[200];
    size_t n = 0, cps = 0;
    while (n + 4 <= sizeof(t)) {
      int32_t x = (int32_t)(check_rnd() % 4 == 0 ? check_rnd() % 0x80 : check_rnd() % 0x110000);
      utf8proc_ssize_t m;
      if (x >= 0xD800 && x <= 0xDFFF) continue;
      m = utf8proc_encode_char(x, t + n);
      n += (size_t)m;
      cps++;
    }
    check(tifa_utf8_valid((char *)t, n, NULL));
    checkint(tifa_utf8_len((char *)t, n), cps);
  }
}

/* }====== */

/* {====== Character classes ====== */

static void test_classes (void) {
  static const int32_t han[] = {0x4E00, 0x4E2D, 0x9FA5, 0x9FFF, 0x3007, 0x3400, 0x4DBF, 0xF900,
                                0xFA6D, 0x20000, 0x20BB7, 0x2A700, 0x2B740, 0x2B820, 0x2CEB0,
                                0x2F800, 0x30000, 0x3134A};
  static const int32_t nothan[] = {'A', '1', 0x3001, 0x3006, 0x3008, 0x4DC0, 0xFF0C, 0x3042,
                                   0xAC00, 0xFB00, 0x1F600, 0x10000, 0x40000};
  static const int32_t cjk[] = {0x3000, 0x3001, 0x3002, 0x300A, 0x3042, 0x30A2, 0x30FC, 0xAC00,
                                0x1100, 0x2014, 0x2018, 0x2019, 0x201C, 0x201D, 0x2026, 0xFE30,
                                0xFE4F, 0xFF01, 0xFF0C, 0xFF1A, 0xFF21, 0xFFE5, 0x4E2D, 0x20BB7,
                                0x2F00, 0x3220, 0x1B001};
  static const int32_t notcjk[] = {'A', '1', ' ', 0xE9, 0x2013, 0x2015, 0x201A, 0x2025, 0x2030,
                                   0xFE50, 0xFFF0, 0x4DC0, 0x1F600, 0x0E01};
  static const int32_t space[] = {' ', '\t', '\n', '\v', '\f', '\r', 0xA0, 0x1680, 0x2000,
                                  0x2003, 0x200A, 0x202F, 0x205F, 0x3000};
  static const int32_t notspace[] = {'a', 0, 0x1F, 0x85, 0x200B, 0x2028, 0x2029, 0xFEFF, 0x180E,
                                     0x3001};
  size_t k;
  int32_t cp;
  long bad = 0;
  for (k = 0; k < sizeof(han) / sizeof(han[0]); k++) {
    checkint(tifai_is_han(han[k]), 1);
    checkint(tifai_is_cjk(han[k]), 1);
  }
  for (k = 0; k < sizeof(nothan) / sizeof(nothan[0]); k++) checkint(tifai_is_han(nothan[k]), 0);
  for (k = 0; k < sizeof(cjk) / sizeof(cjk[0]); k++) checkint(tifai_is_cjk(cjk[k]), 1);
  for (k = 0; k < sizeof(notcjk) / sizeof(notcjk[0]); k++) checkint(tifai_is_cjk(notcjk[k]), 0);
  for (k = 0; k < sizeof(space) / sizeof(space[0]); k++) checkint(tifai_is_space(space[k]), 1);
  for (k = 0; k < sizeof(notspace) / sizeof(notspace[0]); k++)
    checkint(tifai_is_space(notspace[k]), 0);
  for (cp = 0x80; cp < 0x110000; cp++)      /* beyond ASCII, space is exactly Zs */
    if (tifai_is_space(cp) != (utf8proc_category(cp) == UTF8PROC_CATEGORY_ZS)) bad++;
  checkint(bad, 0);
  for (cp = 0, bad = 0; cp < 0x110000; cp++)    /* Han is CJK */
    if (tifai_is_han(cp) && !tifai_is_cjk(cp)) bad++;
  checkint(bad, 0);
}

/* }====== */

/* {====== Detection ====== */

typedef struct SniffCase {
  const char *in; size_t len;
  int rc, enc;                              /* enc checked when rc == TIFA_OK */
  size_t bom;
  uint64_t off;                             /* checked when rc != TIFA_OK */
  const char *reason;
} SniffCase;

static const SniffCase sniffcases[] = {
  {S(""), TIFA_OK, TIFA_ENC_UTF8, 0, 0, ""},
  {S("A"), TIFA_OK, TIFA_ENC_UTF8, 0, 0, ""},
  {S("hello, world\n"), TIFA_OK, TIFA_ENC_UTF8, 0, 0, ""},
  {S("\xE4\xB8\xAD\xE6\x96\x87\n"), TIFA_OK, TIFA_ENC_UTF8, 0, 0, ""},
  {S("\xEF\xBB\xBF"), TIFA_OK, TIFA_ENC_UTF8_BOM, 3, 0, ""},
  {S("\xEF\xBB\xBF\xE4\xB8\xAD\n"), TIFA_OK, TIFA_ENC_UTF8_BOM, 3, 0, ""},
  {S("\xEF\xBB\x80"), TIFA_OK, TIFA_ENC_UTF8, 0, 0, ""},               /* U+FEC0, no BOM */
  /* UTF-16: a BOM decides; NUL bytes are fine there, a NUL character (U+0000) is binary */
  {S("\xFF\xFE"), TIFA_OK, TIFA_ENC_UTF16LE, 2, 0, ""},
  {S("\xFE\xFF"), TIFA_OK, TIFA_ENC_UTF16BE, 2, 0, ""},
  {S("\xFF\xFE\x2D\x4E\x87\x65\x0A\x00"), TIFA_OK, TIFA_ENC_UTF16LE, 2, 0, ""},
  {S("\xFE\xFF\x4E\x2D\x65\x87\x00\x0A"), TIFA_OK, TIFA_ENC_UTF16BE, 2, 0, ""},
  {S("\xFF\xFE\x42\xD8\xB7\xDF"), TIFA_OK, TIFA_ENC_UTF16LE, 2, 0, ""},   /* a surrogate pair */
  {S("\xFE\xFF\xD8\x42\xDF\xB7"), TIFA_OK, TIFA_ENC_UTF16BE, 2, 0, ""},
  {S("\xFF\xFE\x2D\x4E\x41"), TIFA_ENCODING, 0, 0, 4, "truncated UTF-16 at byte 4"},
  {S("\xFF"), TIFA_ENCODING, 0, 0, 0, "invalid UTF-8 at byte 0 (nor GB18030)"},
  {S("\xFF\xFE\xB7\xDF"), TIFA_ENCODING, 0, 0, 2, "invalid UTF-16 at byte 2"},
  {S("\xFF\xFE\x41\x00\x42\xD8\x41\x00"), TIFA_ENCODING, 0, 0, 4, "invalid UTF-16 at byte 4"},
  {S("\xFF\xFE\x42\xD8"), TIFA_ENCODING, 0, 0, 2, "invalid UTF-16 at byte 2"},
  {S("\xFF\xFE\x42\xD8\x41"), TIFA_ENCODING, 0, 0, 2, "invalid UTF-16 at byte 2"},
  {S("\xFE\xFF\xDC\x00\x00\x41"), TIFA_ENCODING, 0, 0, 2, "invalid UTF-16 at byte 2"},
  {S("\xFF\xFE\x41\x00\x00\x00\x42\x00"), TIFA_BINARY, 0, 0, 4, "binary file (NUL character at byte 4)"},
  {S("\xFE\xFF\x00\x41\x00\x00"), TIFA_BINARY, 0, 0, 4, "binary file (NUL character at byte 4)"},
  /* NUL bytes: binary, whatever else is wrong */
  {S("ab\0cd"), TIFA_BINARY, 0, 0, 2, "binary file (NUL byte at byte 2)"},
  {S("\0"), TIFA_BINARY, 0, 0, 0, "binary file (NUL byte at byte 0)"},
  {S("\xFF\x80\x00"), TIFA_BINARY, 0, 0, 2, "binary file (NUL byte at byte 2)"},
  {S("\xEF\xBB\xBF" "a\0"), TIFA_BINARY, 0, 0, 4, "binary file (NUL byte at byte 4)"},
  {S("0123456789abcdef0123456789\0"), TIFA_BINARY, 0, 0, 26,
   "binary file (NUL byte at byte 26)"},
  /* GB18030 when UTF-8 fails early and GB18030 is strictly valid */
  {S("\xD6\xD0\xCE\xC4"), TIFA_OK, TIFA_ENC_GB18030, 0, 0, ""},                 /* 中文 */
  {S("0123456789abcdefghij\xD6\xD0\xCE\xC4\r\n"), TIFA_OK, TIFA_ENC_GB18030, 0, 0, ""},
  {S("\x95\x34\xB2\x35\x81\x30\x81\x30"), TIFA_OK, TIFA_ENC_GB18030, 0, 0, ""}, /* 4-byte */
  {S("\xC3\xA9\xC3\xA9\xC3\xA9\xD6\xD0"), TIFA_OK, TIFA_ENC_GB18030, 0, 0, ""}, /* 3 seqs */
  {S("\xE4\xB8"), TIFA_OK, TIFA_ENC_GB18030, 0, 0, ""},     /* cut UTF-8, but whole GB */
  /* damaged UTF-8: at least 4 valid multi-byte sequences before the break */
  {S("\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xD6\xD0"), TIFA_ENCODING, 0, 0, 8,
   "invalid UTF-8 at byte 8"},
  {S("\xE4\xB8\xAD\xE5\x8D\x8E\xE4\xBA\xBA\xE6\xB0\x91\xFF"), TIFA_ENCODING, 0, 0, 12,
   "invalid UTF-8 at byte 12"},
  {S("\xE4\xB8\xAD\xE5\x8D\x8E\xE4\xBA\xBA\xE6\xB0\x91\xE5\x85"), TIFA_ENCODING, 0, 0, 12,
   "invalid UTF-8 at byte 12"},                               /* truncated at the end */
  {S("\xEF\xBB\xBF\xFF"), TIFA_ENCODING, 0, 0, 3, "invalid UTF-8 at byte 3"},   /* BOM */
  /* neither */
  {S("\xE4\xB8\xAD\xE5\x8D\x8E\xE4\xBA\xBA\xFF"), TIFA_ENCODING, 0, 0, 9,
   "invalid UTF-8 at byte 9 (nor GB18030)"},
  {S("Caf\xE9 cr\xE8me\n"), TIFA_ENCODING, 0, 0, 3, "invalid UTF-8 at byte 3 (nor GB18030)"},
  {S("\x84\x31\xA5\x30"), TIFA_ENCODING, 0, 0, 0, "invalid UTF-8 at byte 0 (nor GB18030)"},
  {S("0123456789abcdef\x80"), TIFA_ENCODING, 0, 0, 16,
   "invalid UTF-8 at byte 16 (nor GB18030)"},
  {S("\xD6\xD0\xD6"), TIFA_ENCODING, 0, 0, 0, "invalid UTF-8 at byte 0 (nor GB18030)"},
  {S("\xED\xA0\x80"), TIFA_ENCODING, 0, 0, 0, "invalid UTF-8 at byte 0 (nor GB18030)"},
  {S("\xE4\xB8\xAD\xE5\x8D\x8E\xE4\xBA\xBA\xE6\xB0\x91\xF4\x90\x80\x80"), TIFA_ENCODING, 0, 0,
   12, "invalid UTF-8 at byte 12"},                           /* above U+10FFFF */
  {S("\xE4\xB8\xAD\xE5\x8D\x8E\xE4\xBA\xBA\xE6\xB0\x91\xE0\x9F\xBF"), TIFA_ENCODING, 0, 0,
   12, "invalid UTF-8 at byte 12"},                           /* overlong */
};

/* Sniff in[0..n) cut at cuts[0..ncuts). */
static int sniff (const char *in, size_t n, const size_t *cuts, int ncuts, tifa_sniff_result *r) {
  tifa_sniff *s = NULL;
  size_t prev = 0;
  int k, rc;
  if (tifa_sniff_new(&s) != TIFA_OK) { check(!"tifa_sniff_new failed"); exit(1); }
  tifa_sniff_feed(s, in, 0);                /* an empty chunk changes nothing */
  for (k = 0; k <= ncuts; k++) {
    size_t end = (k < ncuts) ? cuts[k] : n;
    tifa_sniff_feed(s, in + prev, end - prev);
    prev = end;
  }
  rc = tifa_sniff_finish(s, r);
  tifa_sniff_free(s);
  return rc;
}

/* Check every way of feeding in[0..n) against the expected result. */
static void checksniff (const char *what, const SniffCase *c) {
  size_t way, *cuts = (size_t *)malloc((c->len + 1) * sizeof(size_t));
  int ncuts;
  long bad = 0;
  for (way = 0; (ncuts = cutway(way, c->len, cuts)) >= 0; way++) {
    tifa_sniff_result r;
    memset(&r, 0x5A, sizeof(r));
    if (sniff(c->in, c->len, cuts, ncuts, &r) != r.rc || r.rc != c->rc || r.size != c->len
        || (c->rc == TIFA_OK && (r.encoding != c->enc || r.bom != c->bom || r.reason[0] != '\0'))
        || (c->rc != TIFA_OK && (r.offset != c->off || strcmp(r.reason, c->reason) != 0))) {
      if (bad++ == 0)
        fprintf(stderr, "sniff %s (way %zu): rc %d enc %d bom %zu size %llu off %llu '%s'\n",
                what, way, r.rc, r.encoding, r.bom, (unsigned long long)r.size,
                (unsigned long long)r.offset, r.reason);
    }
  }
  free(cuts);
  checkint(bad, 0);
}

static void test_sniff (void) {
  size_t k;
  char name[32];
  tifa_sniff *s = NULL;
  tifa_sniff_result r, r2;
  for (k = 0; k < sizeof(sniffcases) / sizeof(sniffcases[0]); k++) {
    snprintf(name, sizeof(name), "case %zu", k);
    checksniff(name, &sniffcases[k]);
  }
  checkstr(tifa_encoding_name(TIFA_ENC_UTF8), "UTF-8");
  checkstr(tifa_encoding_name(TIFA_ENC_UTF8_BOM), "UTF-8-BOM");
  checkstr(tifa_encoding_name(TIFA_ENC_UTF16LE), "UTF-16LE");
  checkstr(tifa_encoding_name(TIFA_ENC_UTF16BE), "UTF-16BE");
  checkstr(tifa_encoding_name(TIFA_ENC_GB18030), "GB18030");
  checkstr(tifa_encoding_name(0), "unknown");
  checkstr(tifa_encoding_name(99), "unknown");
  tifa_sniff_free(NULL);
  /* finish twice gives the same answer; feeding after finish is ignored */
  checkint(tifa_sniff_new(&s), TIFA_OK);
  tifa_sniff_feed(s, S("\xD6\xD0"));
  checkint(tifa_sniff_finish(s, &r), TIFA_OK);
  tifa_sniff_feed(s, S("\xFF"));
  checkint(tifa_sniff_finish(s, &r2), TIFA_OK);
  checkint(r2.encoding, TIFA_ENC_GB18030);
  checkint(r2.size, 2);
  tifa_sniff_free(s);
}

/* Large inputs: GB18030 over many iconv batches, damaged UTF-8 far in, binary far in. */
static void test_sniff_big (void) {
  static const char *zh = "\xE5\x9B\xBD\xE5\x86\x85\xE7\x94\x9F\xE4\xBA\xA7\xE6\x80\xBB"
                          "\xE5\x80\xBC\xE5\xA2\x9E\xE9\x95\xBF" "5.2%\xEF\xBC\x8C\n";
  size_t n = 0, cap = 400000, gblen, k;
  char *u8 = (char *)malloc(cap), *gb;
  SniffCase c;
  while (n + 64 < cap) { memcpy(u8 + n, zh, strlen(zh)); n += strlen(zh); }
  memset(&c, 0, sizeof(c));
  c.in = u8; c.len = n; c.rc = TIFA_OK; c.enc = TIFA_ENC_UTF8; c.reason = "";
  {
    tifa_sniff_result r;
    size_t cuts[3] = {1, 4097, 100000};
    checkint(sniff(u8, n, cuts, 3, &r), TIFA_OK);
    checkint(r.encoding, TIFA_ENC_UTF8);
    checkint(r.size, n);
  }
  gb = convert("GB18030", "UTF-8", u8, n, &gblen);
  for (k = 0; k < 3; k++) {
    tifa_sniff_result r;
    size_t cuts[4];
    cuts[0] = 1 + k; cuts[1] = 4095 + k; cuts[2] = 8191 + k; cuts[3] = gblen - 1 - k;
    checkint(sniff(gb, gblen, cuts, (int)k + 1, &r), TIFA_OK);
    checkint(r.encoding, TIFA_ENC_GB18030);
  }
  gb[gblen - 3] = '\x80';                   /* one bad byte near the end */
  {
    tifa_sniff_result r;
    checkint(sniff(gb, gblen, NULL, 0, &r), TIFA_ENCODING);
    checkint(r.offset, 0);
    checkstr(r.reason, "invalid UTF-8 at byte 0 (nor GB18030)");
  }
  for (k = n - 1; u8[k] != '%'; k--) {}    /* at a character boundary near the end */
  u8[k] = '\xFF';
  {
    tifa_sniff_result r;
    char want[64];
    checkint(sniff(u8, n, NULL, 0, &r), TIFA_ENCODING);
    checkint(r.offset, k);
    snprintf(want, sizeof(want), "invalid UTF-8 at byte %zu", k);
    checkstr(r.reason, want);
  }
  u8[n - 20] = '\0';
  {
    tifa_sniff_result r;
    checkint(sniff(u8, n, NULL, 0, &r), TIFA_BINARY);
    checkint(r.offset, n - 20);
  }
  free(u8);
  free(gb);
}

/* }====== */

/* {====== Lines ====== */

typedef struct Collect {
  tifai_buf out;            /* "[start,end)text|" per line, bytes < 0x20 and '|' escaped */
  int nlines;
  int stopat;               /* return 42 from the callback on this line (0: never) */
  int invalid;              /* lines that were not valid UTF-8 */
} Collect;

static int collect (void *ud, const char *line, size_t len, uint64_t a, uint64_t b) {
  Collect *c = (Collect *)ud;
  char tmp[64];
  size_t k;
  if (!tifa_utf8_valid(line, len, NULL)) c->invalid++;
  snprintf(tmp, sizeof(tmp), "[%llu,%llu)", (unsigned long long)a, (unsigned long long)b);
  tifai_buf_adds(&c->out, tmp);
  for (k = 0; k < len; k++) {
    unsigned char ch = (unsigned char)line[k];
    if (ch < 0x20 || ch == '|') {
      snprintf(tmp, sizeof(tmp), "\\x%02X", ch);
      tifai_buf_adds(&c->out, tmp);
    }
    else tifai_buf_addc(&c->out, ch);
  }
  tifai_buf_addc(&c->out, '|');
  c->nlines++;
  return (c->stopat != 0 && c->nlines == c->stopat) ? 42 : 0;
}

/* Decode in[0..n) cut at cuts[0..ncuts) into c->out. Returns the first non-OK code (or OK);
** 'msg' and '*off' get the decoder's message and error offset. */
static int decode (int enc, const char *in, size_t n, const size_t *cuts, int ncuts, Collect *c,
                   char *msg, size_t msgsz, uint64_t *off) {
  tifa_lines *d = NULL;
  char err[TIFA_ERRMAX];
  size_t prev = 0;
  int k, rc = TIFA_OK;
  if (tifa_lines_new(enc, &d, err, sizeof(err)) != TIFA_OK) { check(!"tifa_lines_new"); exit(1); }
  rc = tifa_lines_feed(d, in, 0, collect, c);
  for (k = 0; k <= ncuts && rc == TIFA_OK; k++) {
    size_t end = (k < ncuts) ? cuts[k] : n;
    rc = tifa_lines_feed(d, in + prev, end - prev, collect, c);
    prev = end;
  }
  if (rc == TIFA_OK) rc = tifa_lines_finish(d, collect, c);
  snprintf(msg, msgsz, "%s", tifa_lines_errmsg(d));
  *off = tifa_lines_erroffset(d);
  tifa_lines_free(d);
  return rc;
}

typedef struct LineCase {
  int enc;
  const char *in; size_t len;
  const char *want;         /* the lines, as collect writes them */
  int rc;
  const char *msg;          /* for TIFA_ENCODING */
  uint64_t off;
} LineCase;

#define U8      TIFA_ENC_UTF8
#define GB      TIFA_ENC_GB18030
#define LE      TIFA_ENC_UTF16LE
#define BE      TIFA_ENC_UTF16BE
#define OK      TIFA_OK, "", 0
#define BAD     TIFA_ENCODING

static const LineCase linecases[] = {
  {U8, S(""), "", OK},
  {U8, S("a"), "[0,1)a|", OK},
  {U8, S("a\n"), "[0,1)a|", OK},
  {U8, S("a\nb"), "[0,1)a|[2,3)b|", OK},
  {U8, S("a\r\nb\r\n"), "[0,1)a|[3,4)b|", OK},
  {U8, S("a\rb\r"), "[0,1)a|[2,3)b|", OK},
  {U8, S("\n\n"), "[0,0)|[1,1)|", OK},
  {U8, S("\r\n\r\n"), "[0,0)|[2,2)|", OK},
  {U8, S("\r\r\n"), "[0,0)|[1,1)|", OK},
  {U8, S("\n\r"), "[0,0)|[1,1)|", OK},
  {U8, S("\r\n\n\r\r\n\r"), "[0,0)|[2,2)|[3,3)|[4,4)|[6,6)|", OK},
  {U8, S("a\0b\tc\n"), "[0,5)a\\x00b\\x09c|", OK},
  {U8, S("0123456789abcdefghijklmnopqrstuvwxyz\n0123456789\x0B\x0C" "abcdefghijklmnop\r\n"),
   "[0,36)0123456789abcdefghijklmnopqrstuvwxyz|[37,65)0123456789\\x0B\\x0Cabcdefghijklmnop|",
   OK},
  {U8, S("\xE4\xB8\xAD\xE6\x96\x87\n\xF0\xA0\xAE\xB7\xC3\xA9\r\n"),
   "[0,6)\xE4\xB8\xAD\xE6\x96\x87|[7,13)\xF0\xA0\xAE\xB7\xC3\xA9|", OK},
  {U8, S("\xEF\xBB\xBF\xE4\xB8\xAD\n"), "[3,6)\xE4\xB8\xAD|", OK},
  {U8, S("\xEF\xBB\xBF"), "", OK},
  {U8, S("\xEF\xBB\xBF\n"), "[3,3)|", OK},
  {U8, S("\xEF\xBB\xBF\xEF\xBB\xBF" "a"), "[3,7)\xEF\xBB\xBF" "a|", OK},   /* a second BOM stays */
  {U8, S("\xEF\xBB\x80\n"), "[0,3)\xEF\xBB\x80|", OK},    /* starts like a BOM, is U+FEC0 */
  {U8, S("\xEF" "a"), "", BAD, "invalid UTF-8 at byte 0", 0},
  {U8, S("\xEF\xBB"), "", BAD, "truncated UTF-8 at byte 0", 0},
  {TIFA_ENC_UTF8_BOM, S("\xEF\xBB\xBF" "a\nb"), "[3,4)a|[5,6)b|", OK},
  {TIFA_ENC_UTF8_BOM, S("a\nb"), "[0,1)a|[2,3)b|", OK},
  {U8, S("\xE4\xB8\xAD\xE6\x96\x87\xFF\n"), "", BAD, "invalid UTF-8 at byte 6", 6},
  {U8, S("ok\n\xE4\xB8\xAD\xE6\x96\x87\xFF\n"), "[0,2)ok|", BAD, "invalid UTF-8 at byte 9", 9},
  {U8, S("\xE4\xB8\xAD\n\xE6\x96\x87\xE4\xB8"), "[0,3)\xE4\xB8\xAD|", BAD,
   "truncated UTF-8 at byte 7", 7},
  {U8, S("\xE4\xB8\n"), "", BAD, "invalid UTF-8 at byte 0", 0},
  {U8, S("x\n\xED\xA0\x80\n"), "[0,1)x|", BAD, "invalid UTF-8 at byte 2", 2},
  {U8, S("abc\xC0\x80"), "", BAD, "invalid UTF-8 at byte 3", 3},
  {U8, S("abc\xF4\x90\x80\x80"), "", BAD, "invalid UTF-8 at byte 3", 3},
  {U8, S("0123456789abcdef0123\x80"), "", BAD, "invalid UTF-8 at byte 20", 20},
  {U8, S("a\n\xF0\x9F\x98"), "[0,1)a|", BAD, "truncated UTF-8 at byte 2", 2},
  /* GB18030 */
  {GB, S(""), "", OK},
  {GB, S("\xD6\xD0\xCE\xC4\n"), "[0,4)\xE4\xB8\xAD\xE6\x96\x87|", OK},
  {GB, S("abc\r\n\xD6\xD0"), "[0,3)abc|[5,7)\xE4\xB8\xAD|", OK},
  {GB, S("\xD6\xD0\r\xCE\xC4\r\n\r"), "[0,2)\xE4\xB8\xAD|[3,5)\xE6\x96\x87|[7,7)|", OK},
  {GB, S("\x95\x34\xB2\x35" "a\x81\x30\x81\x30\n"), "[0,9)\xF0\xA0\xAE\xB7" "a\xC2\x80|", OK},
  {GB, S("\xA1\xAA\xA1\xB0\xA3\xAC" "5.2%\xA1\xA3"),
   "[0,12)\xE2\x80\x94\xE2\x80\x9C\xEF\xBC\x8C" "5.2%\xE3\x80\x82|", OK},
  {GB, S("\x84\x31\x95\x33" "a"), "[0,5)\xEF\xBB\xBF" "a|", OK},    /* GB18030's BOM stays */
  {GB, S("\xD6\xD0\xFF"), "", BAD, "invalid GB18030 at byte 2", 2},
  {GB, S("ab\n\xD6\x20"), "[0,2)ab|", BAD, "invalid GB18030 at byte 3", 3},
  {GB, S("\xD6\n"), "", BAD, "invalid GB18030 at byte 0", 0},
  {GB, S("\x80"), "", BAD, "invalid GB18030 at byte 0", 0},
  {GB, S("\x84\x31\xA5\x30"), "", BAD, "invalid GB18030 at byte 0", 0},
  {GB, S("ab\xD6\xD0\x84\x31\xA5\x30\n"), "", BAD, "invalid GB18030 at byte 4", 4},
  {GB, S("\x81\x30\xFF\x30"), "", BAD, "invalid GB18030 at byte 0", 0},
  {GB, S("\x81\x30\x81\x7F"), "", BAD, "invalid GB18030 at byte 0", 0},
  {GB, S("\xD6\xD0\xD6"), "", BAD, "truncated GB18030 at byte 2", 2},
  {GB, S("x\n\x81\x30\x81"), "[0,1)x|", BAD, "truncated GB18030 at byte 2", 2},
  /* UTF-16 */
  {LE, S("\xFF\xFE"), "", OK},
  {LE, S("\xFF\xFE\x2D\x4E\r\0\n\0"), "[2,4)\xE4\xB8\xAD|", OK},
  {LE, S("\xFF\xFE" "a\0\r\0b\0"), "[2,4)a|[6,8)b|", OK},
  {LE, S("\xFF\xFE" "a\0\r\0\r\0\n\0\n\0"), "[2,4)a|[6,6)|[10,10)|", OK},
  {LE, S("a\0\n\0"), "[0,2)a|", OK},                             /* no BOM: nothing skipped */
  {LE, S("\xFF\xFE\xFF\xFE" "a\0"), "[2,6)\xEF\xBB\xBF" "a|", OK},
  {LE, S("\xFF\xFE\x42\xD8\xB7\xDF\n\0\0\0\xE9\0"), "[2,6)\xF0\xA0\xAE\xB7|[8,12)\\x00\xC3\xA9|",
   OK},
  {LE, S("\xFF\xFE\xB7\xDF"), "", BAD, "invalid UTF-16 at byte 2", 2},
  {LE, S("\xFF\xFE" "a\0\n\0\x42\xD8" "a\0"), "[2,4)a|", BAD, "invalid UTF-16 at byte 6", 6},
  {LE, S("\xFF\xFE\x42\xD8"), "", BAD, "invalid UTF-16 at byte 2", 2},
  {LE, S("\xFF\xFE" "a\0b"), "", BAD, "truncated UTF-16 at byte 4", 4},
  {LE, S("\xFF"), "", BAD, "truncated UTF-16 at byte 0", 0},
  {BE, S("\xFE\xFF"), "", OK},
  {BE, S("\xFE\xFF\x4E\x2D\x00\x0A"), "[2,4)\xE4\xB8\xAD|", OK},
  {BE, S("\xFE\xFF\xD8\x42\xDF\xB7\x00\x0D\x00\x0A\x00" "a"), "[2,6)\xF0\xA0\xAE\xB7|[10,12)a|",
   OK},
  {BE, S("\xFE\xFF\xDC\x00"), "", BAD, "invalid UTF-16 at byte 2", 2},
  {BE, S("\xFE\xFF\x00" "a\x00"), "", BAD, "truncated UTF-16 at byte 4", 4},
};

/* Check every way of decoding c->in against c->want. */
static void checklines (const char *what, const LineCase *c) {
  size_t way, *cuts = (size_t *)malloc((c->len + 1) * sizeof(size_t));
  int ncuts;
  long bad = 0;
  for (way = 0; (ncuts = cutway(way, c->len, cuts)) >= 0; way++) {
    Collect col;
    char msg[128];
    uint64_t off;
    int rc;
    memset(&col, 0, sizeof(col));
    rc = decode(c->enc, c->in, c->len, cuts, ncuts, &col, msg, sizeof(msg), &off);
    if (rc != c->rc || strcmp(col.out.p ? col.out.p : "", c->want) != 0 || col.invalid != 0
        || strcmp(msg, c->msg) != 0 || (rc == TIFA_ENCODING && off != c->off)) {
      if (bad++ == 0)
        fprintf(stderr, "lines %s (way %zu): rc %d '%s' off %llu\n  got:  %s\n  want: %s\n",
                what, way, rc, msg, (unsigned long long)off, col.out.p ? col.out.p : "",
                c->want);
    }
    tifai_buf_free(&col.out);
  }
  free(cuts);
  checkint(bad, 0);
}

static void test_lines (void) {
  size_t k;
  char name[32], err[TIFA_ERRMAX];
  tifa_lines *d = (tifa_lines *)&d;
  Collect col;
  for (k = 0; k < sizeof(linecases) / sizeof(linecases[0]); k++) {
    snprintf(name, sizeof(name), "case %zu", k);
    checklines(name, &linecases[k]);
  }
  checkint(tifa_lines_new(9, &d, err, sizeof(err)), TIFA_ERROR);
  check(d == NULL);
  checkstr(err, "unknown encoding 9");
  tifa_lines_free(NULL);
  /* the callback's result stops decoding, and stays */
  memset(&col, 0, sizeof(col));
  col.stopat = 2;
  checkint(tifa_lines_new(U8, &d, err, sizeof(err)), TIFA_OK);
  checkstr(tifa_lines_errmsg(d), "");
  checkint(tifa_lines_feed(d, S("a\nb\nc\n"), collect, &col), 42);
  checkint(col.nlines, 2);
  checkint(tifa_lines_feed(d, S("d\n"), collect, &col), 42);
  checkint(tifa_lines_finish(d, collect, &col), 42);
  checkint(col.nlines, 2);
  tifa_lines_free(d);
  tifai_buf_free(&col.out);
  /* ... also when the last line is delivered by finish */
  memset(&col, 0, sizeof(col));
  col.stopat = 1;
  checkint(tifa_lines_new(GB, &d, err, sizeof(err)), TIFA_OK);
  checkint(tifa_lines_feed(d, S("\xD6\xD0"), collect, &col), TIFA_OK);
  checkint(tifa_lines_finish(d, collect, &col), 42);
  checkstr(col.out.p, "[0,2)\xE4\xB8\xAD|");
  tifa_lines_free(d);
  tifai_buf_free(&col.out);
  /* an encoding error stays too */
  memset(&col, 0, sizeof(col));
  checkint(tifa_lines_new(U8, &d, err, sizeof(err)), TIFA_OK);
  checkint(tifa_lines_feed(d, S("ab\xFF\n"), collect, &col), TIFA_ENCODING);
  checkint(tifa_lines_feed(d, S("ok\n"), collect, &col), TIFA_ENCODING);
  checkint(tifa_lines_finish(d, collect, &col), TIFA_ENCODING);
  checkstr(tifa_lines_errmsg(d), "invalid UTF-8 at byte 2");
  checkint(tifa_lines_erroffset(d), 2);
  checkint(col.nlines, 0);
  tifa_lines_free(d);
  tifai_buf_free(&col.out);
}

/* Random text in each encoding against a reference built line by line: the decoder must give
** the UTF-8 back, with each line's raw range. */
static void test_lines_random (void) {
  static const char *alphabet[] = {"\xE4\xB8\xAD", "\xE6\x96\x87", "\xEF\xBC\x8C", "\xE3\x80\x82",
    "a", "Z", "1", " ", "\t", "\xF0\xA0\xAE\xB7", "\xE2\x80\x94", "\xE2\x80\x9C", "\xC3\xA9",
    "\xE2\x82\xAC", "\xE3\x80\x87", "\xE3\x80\x80", "abcdefghijklmnop"};
  static const struct { int enc; const char *name; int unit; } encs[] = {
    {U8, "UTF-8", 1}, {TIFA_ENC_UTF8_BOM, "UTF-8", 1}, {GB, "GB18030", 1},
    {LE, "UTF-16LE", 2}, {BE, "UTF-16BE", 2}};
  int iter, e;
  long bad = 0;
  for (iter = 0; iter < 60; iter++) {
    for (e = 0; e < 5; e++) {
      tifai_buf raw = TIFAI_BUF_INIT, want = TIFAI_BUF_INIT;
      int nl = (int)(check_rnd() % 30), l, prevcr = 0, way;
      size_t unit = (size_t)encs[e].unit, *cuts;
      if (e == 1 || e >= 3) {               /* a BOM */
        if (e == 1) tifai_buf_add(&raw, "\xEF\xBB\xBF", 3);
        else tifai_buf_add(&raw, e == 3 ? "\xFF\xFE" : "\xFE\xFF", 2);
      }
      for (l = 0; l < nl; l++) {
        tifai_buf line = TIFAI_BUF_INIT;
        int nc = (int)(check_rnd() % (check_rnd() % 8 == 0 ? 300 : 12)), k, end = (int)(check_rnd() % 3);
        char *conv = NULL, tmp[64];
        size_t clen = 0;
        for (k = 0; k < nc; k++) tifai_buf_adds(&line, alphabet[check_rnd() % 17]);
        if (line.len == 0 && prevcr && end == 0) end = 1;    /* CR + empty LF line = CRLF */
        if (l == nl - 1 && line.len > 0 && check_rnd() % 2) end = 3;  /* no line end */
        if (line.len > 0) conv = convert(encs[e].name, "UTF-8", line.p, line.len, &clen);
        snprintf(tmp, sizeof(tmp), "[%zu,%zu)", raw.len, raw.len + clen);
        tifai_buf_adds(&want, tmp);
        if (line.len > 0) {
          for (k = 0; k < (int)line.len; k++) {
            if (line.p[k] == '\t') tifai_buf_adds(&want, "\\x09");
            else tifai_buf_addc(&want, line.p[k]);
          }
        }
        tifai_buf_addc(&want, '|');
        tifai_buf_add(&raw, conv, clen);
        free(conv);
        if (end == 0 || end == 2) {         /* LF, CRLF */
          if (end == 2) { tifai_buf_addc(&raw, '\r'); if (unit == 2) tifai_buf_addc(&raw, 0); }
          tifai_buf_addc(&raw, '\n');
          if (unit == 2) tifai_buf_addc(&raw, 0);
        }
        else if (end == 1) {
          tifai_buf_addc(&raw, '\r');
          if (unit == 2) tifai_buf_addc(&raw, 0);
        }
        if (unit == 2 && end != 3) {        /* fix the byte order of the line end unit(s) */
          size_t u = (end == 2) ? 2 : 1, j;
          for (j = 0; j < u && encs[e].enc == BE; j++) {
            char *q = raw.p + raw.len - 2 * (j + 1);
            char t = q[0]; q[0] = q[1]; q[1] = t;
          }
        }
        prevcr = (end == 1);
        tifai_buf_free(&line);
        if (end == 3) break;
      }
      cuts = (size_t *)malloc((raw.len + 1) * sizeof(size_t));
      for (way = 0; way < 8; way++) {
        Collect col;
        char msg[128];
        uint64_t off;
        int ncuts, rc;
        if (way == 0) ncuts = 0;
        else if (way == 1) ncuts = cutway(raw.len, raw.len, cuts);         /* byte by byte */
        else ncuts = cutway(raw.len + 1, raw.len, cuts);                   /* random */
        memset(&col, 0, sizeof(col));
        rc = decode(encs[e].enc, raw.p ? raw.p : "", raw.len, cuts, ncuts < 0 ? 0 : ncuts, &col,
                    msg, sizeof(msg), &off);
        if (rc != TIFA_OK || col.invalid
            || strcmp(col.out.p ? col.out.p : "", want.p ? want.p : "") != 0) {
          if (bad++ == 0)
            fprintf(stderr, "random lines %s: rc %d %s\n  got:  %s\n  want: %s\n", encs[e].name,
                    rc, msg, col.out.p ? col.out.p : "", want.p ? want.p : "");
        }
        tifai_buf_free(&col.out);
      }
      free(cuts);
      tifai_buf_free(&raw);
      tifai_buf_free(&want);
    }
  }
  checkint(bad, 0);
}

/* }====== */

/* {====== Fixtures ====== */

typedef struct Fixture {
  const char *file;
  size_t size;
  int rc, enc;
  size_t bom;
  uint64_t off;
  const char *reason;
  const char *lines;        /* as collect writes them, NULL: not decoded */
  int lrc;
  const char *lmsg;
} Fixture;

#define GBLINES \
  "[0,12)\xE6\x94\xBF\xE5\xBA\x9C\xE5\xB7\xA5\xE4\xBD\x9C\xE6\x8A\xA5\xE5\x91\x8A|" \
  "[13,67)\xE2\x80\x94\xE2\x80\x94" "2024\xE5\xB9\xB4" "3\xE6\x9C\x88" "5\xE6\x97\xA5\xE5\x9C\xA8" \
  "\xE7\xAC\xAC\xE5\x8D\x81\xE5\x9B\x9B\xE5\xB1\x8A\xE5\x85\xA8\xE5\x9B\xBD\xE4\xBA\xBA\xE6\xB0" \
  "\x91\xE4\xBB\xA3\xE8\xA1\xA8\xE5\xA4\xA7\xE4\xBC\x9A\xE7\xAC\xAC\xE4\xBA\x8C\xE6\xAC\xA1\xE4" \
  "\xBC\x9A\xE8\xAE\xAE\xE4\xB8\x8A|" \
  "[68,84)\xE5\x9B\xBD\xE5\x8A\xA1\xE9\x99\xA2\xE6\x80\xBB\xE7\x90\x86\xE3\x80\x80\xE6\x9D\x8E" \
  "\xE5\xBC\xBA|" \
  "[85,95)\xE5\x90\x84\xE4\xBD\x8D\xE4\xBB\xA3\xE8\xA1\xA8\xEF\xBC\x9A|" \
  "[96,172)\xE7\x8E\xB0\xE5\x9C\xA8\xEF\xBC\x8C\xE6\x88\x91\xE4\xBB\xA3\xE8\xA1\xA8\xE5\x9B\xBD" \
  "\xE5\x8A\xA1\xE9\x99\xA2\xEF\xBC\x8C\xE5\x90\x91\xE5\xA4\xA7\xE4\xBC\x9A\xE6\x8A\xA5\xE5\x91" \
  "\x8A\xE6\x94\xBF\xE5\xBA\x9C\xE5\xB7\xA5\xE4\xBD\x9C\xEF\xBC\x8C\xE8\xAF\xB7\xE4\xBA\x88\xE5" \
  "\xAE\xA1\xE8\xAE\xAE\xEF\xBC\x8C\xE5\xB9\xB6\xE8\xAF\xB7\xE5\x85\xA8\xE5\x9B\xBD\xE6\x94\xBF" \
  "\xE5\x8D\x8F\xE5\xA7\x94\xE5\x91\x98\xE6\x8F\x90\xE5\x87\xBA\xE6\x84\x8F\xE8\xA7\x81\xE3\x80" \
  "\x82|" \
  "[173,210)\xE5\x9B\xBD\xE5\x86\x85\xE7\x94\x9F\xE4\xBA\xA7\xE6\x80\xBB\xE5\x80\xBC\xE8\xB6\x85" \
  "\xE8\xBF\x87" "126\xE4\xB8\x87\xE4\xBA\xBF\xE5\x85\x83\xEF\xBC\x8C\xE5\xA2\x9E\xE9\x95\xBF" \
  "5.2%\xE3\x80\x82|" \
  "[211,248)\xE7\x94\x9F\xE5\x83\xBB\xE5\xAD\x97\xE2\x80\x9C\xF0\xA0\xAE\xB7\xE2\x80\x9D\xE5" \
  "\x9C\xA8GB18030\xE4\xB8\xAD\xE5\x8D\xA0\xE5\x9B\x9B\xE4\xB8\xAA\xE5\xAD\x97\xE8\x8A\x82\xE3" \
  "\x80\x82|"

#define U16L1 "\xE4\xB8\xAD\xE5\x8D\x8E\xE4\xBA\xBA\xE6\xB0\x91\xE5\x85\xB1\xE5\x92\x8C\xE5\x9B" \
  "\xBD\xE6\x94\xBF\xE5\xBA\x9C\xE4\xBF\xA1\xE6\x81\xAF\xE5\x85\xAC\xE5\xBC\x80\xE6\x9D\xA1" \
  "\xE4\xBE\x8B|"
#define U16L2 "\xE7\xAC\xAC\xE4\xB8\x80\xE6\x9D\xA1\xE3\x80\x80\xE4\xB8\xBA\xE4\xBA\x86\xE4\xBF" \
  "\x9D\xE9\x9A\x9C\xE5\x85\xAC\xE6\xB0\x91\xE3\x80\x81\xE6\xB3\x95\xE4\xBA\xBA\xE5\x92\x8C\xE5" \
  "\x85\xB6\xE4\xBB\x96\xE7\xBB\x84\xE7\xBB\x87\xE4\xBE\x9D\xE6\xB3\x95\xE8\x8E\xB7\xE5\x8F\x96" \
  "\xE6\x94\xBF\xE5\xBA\x9C\xE4\xBF\xA1\xE6\x81\xAF\xEF\xBC\x8C\xE5\x88\xB6\xE5\xAE\x9A\xE6\x9C" \
  "\xAC\xE6\x9D\xA1\xE4\xBE\x8B\xE3\x80\x82|"
#define U16L3 "\xE9\x99\x84\xEF\xBC\x9A\xE7\x94\x9F\xE5\x83\xBB\xE5\xAD\x97\xF0\xA0\xAE\xB7|"
#define ZY "\xE4\xB8\x80\xE3\x80\x81\xE6\x80\xBB\xE4\xBD\x93\xE8\xA6\x81\xE6\xB1\x82|"   /* 一、总体要求 */
#define ZR "\xE4\xBA\x8C\xE3\x80\x81\xE4\xB8\xBB\xE8\xA6\x81\xE4\xBB\xBB\xE5\x8A\xA1|"   /* 二、主要任务 */
#define BZ "\xE4\xB8\x89\xE3\x80\x81\xE4\xBF\x9D\xE9\x9A\x9C\xE6\x8E\xAA\xE6\x96\xBD|"   /* 三、保障措施 */

static const Fixture fixtures[] = {
  {"gb18030.txt", 249, TIFA_OK, TIFA_ENC_GB18030, 0, 0, "", GBLINES, TIFA_OK, ""},
  {"utf16le_bom.txt", 120, TIFA_OK, TIFA_ENC_UTF16LE, 2, 0, "",
   "[2,32)" U16L1 "[36,102)" U16L2 "[106,120)" U16L3, TIFA_OK, ""},
  {"utf16be_bom.txt", 118, TIFA_OK, TIFA_ENC_UTF16BE, 2, 0, "",
   "[2,32)" U16L1 "[34,100)" U16L2 "[102,116)" U16L3, TIFA_OK, ""},
  {"utf8_bom.txt", 65, TIFA_OK, TIFA_ENC_UTF8_BOM, 3, 0, "",
   "[3,45)\xE5\x85\xB3\xE4\xBA\x8E\xE8\xBF\x9B\xE4\xB8\x80\xE6\xAD\xA5\xE4\xBC\x98\xE5\x8C\x96"
   "\xE8\x90\xA5\xE5\x95\x86\xE7\x8E\xAF\xE5\xA2\x83\xE7\x9A\x84\xE6\x84\x8F\xE8\xA7\x81|"
   "[46,64)" ZY, TIFA_OK, ""},
  {"crlf.txt", 62, TIFA_OK, TIFA_ENC_UTF8, 0, 0, "",
   "[0,18)" ZY "[20,38)" ZR "[40,40)|[42,60)" BZ, TIFA_OK, ""},
  {"cr.txt", 58, TIFA_OK, TIFA_ENC_UTF8, 0, 0, "",
   "[0,18)" ZY "[19,37)" ZR "[38,38)|[39,57)" BZ, TIFA_OK, ""},
  {"invalid_utf8.txt", 39, TIFA_ENCODING, 0, 0, 28, "invalid UTF-8 at byte 28",
   "[0,15)\xE5\x9B\xBD\xE5\x8A\xA1\xE9\x99\xA2\xE9\x80\x9A\xE7\x9F\xA5|", TIFA_ENCODING,
   "invalid UTF-8 at byte 28"},
  {"truncated_utf8.txt", 33, TIFA_ENCODING, 0, 0, 31, "invalid UTF-8 at byte 31",
   "[0,21)\xE4\xB8\xAD\xE5\x8D\x8E\xE4\xBA\xBA\xE6\xB0\x91\xE5\x85\xB1\xE5\x92\x8C\xE5\x9B\xBD|",
   TIFA_ENCODING, "truncated UTF-8 at byte 31"},
  {"binary.bin", 29, TIFA_BINARY, 0, 0, 8, "binary file (NUL byte at byte 8)", NULL, 0, NULL},
  {"empty.txt", 0, TIFA_OK, TIFA_ENC_UTF8, 0, 0, "", "", TIFA_OK, ""},
  {"latin1.txt", 18, TIFA_ENCODING, 0, 0, 3, "invalid UTF-8 at byte 3 (nor GB18030)", NULL, 0,
   NULL},
};

static void test_fixtures (void) {
  size_t k;
  for (k = 0; k < sizeof(fixtures) / sizeof(fixtures[0]); k++) {
    const Fixture *f = &fixtures[k];
    size_t len;
    char *data = readfixture(f->file, &len);
    SniffCase sc;
    if (data == NULL) continue;
    checkint(len, f->size);
    sc.in = data; sc.len = len; sc.rc = f->rc; sc.enc = f->enc; sc.bom = f->bom;
    sc.off = f->off; sc.reason = f->reason;
    checksniff(f->file, &sc);
    if (f->lines != NULL) {
      LineCase lc;
      lc.enc = f->enc ? f->enc : TIFA_ENC_UTF8;
      lc.in = data; lc.len = len; lc.want = f->lines; lc.rc = f->lrc; lc.msg = f->lmsg;
      lc.off = f->off;
      checklines(f->file, &lc);
    }
    free(data);
  }
}

/* }====== */

/* {====== Folding ====== */

static const struct {
  const char *in; size_t len;
  const char *want; size_t wantlen;
  long cps;                                 /* tifai_fold's result */
} foldcases[] = {
  {S(""), S(""), 0},
  {S("   \t\n"), S(""), 0},
  {S("abc"), S("abc"), 3},
  {S("  Hello   world  "), S("Hello world"), 11},
  {S("Hello\t\r\n world"), S("Hello world"), 11},
  /* 习近平 10 月 12 日下午 -> 习近平10月12日下午 */
  {S("\xE4\xB9\xA0\xE8\xBF\x91\xE5\xB9\xB3 10 \xE6\x9C\x88 12 \xE6\x97\xA5\xE4\xB8\x8B\xE5\x8D\x88"),
   S("\xE4\xB9\xA0\xE8\xBF\x91\xE5\xB9\xB3" "10\xE6\x9C\x88" "12\xE6\x97\xA5\xE4\xB8\x8B\xE5\x8D\x88"),
   11},
  {S("APEC \xE4\xBC\x9A\xE8\xAE\xAE"), S("APEC \xE4\xBC\x9A\xE8\xAE\xAE"), 7},    /* APEC 会议 */
  {S("\xE4\xBC\x9A\xE8\xAE\xAE  APEC"), S("\xE4\xBC\x9A\xE8\xAE\xAE APEC"), 7},
  {S("\xE3\x80\x80\xE3\x80\x80\xE5\x85\xA8\xE5\x9B\xBD\xE4\xB8\xA4\xE4\xBC\x9A"),  /* 　　全国两会 */
   S("\xE5\x85\xA8\xE5\x9B\xBD\xE4\xB8\xA4\xE4\xBC\x9A"), 4},
  {S("\xE8\xA6\x81 \xE6\xB1\x82"), S("\xE8\xA6\x81\xE6\xB1\x82"), 2},              /* 要 求 */
  {S("\xE8\xA6\x81\xE3\x80\x80\xC2\xA0 \xE6\xB1\x82"), S("\xE8\xA6\x81\xE6\xB1\x82"), 2},
  {S("\xEF\xBC\xA1\xEF\xBC\xA2\xEF\xBC\xA3\xEF\xBC\x91\xEF\xBC\x92\xEF\xBC\x93"), S("ABC123"), 6},
  {S("\xEF\xBD\x88\xEF\xBD\x89\xE3\x80\x80\xEF\xBD\x97\xEF\xBD\x9A"), S("hi wz"), 5},
  {S("\xE7\xAC\xAC \xEF\xBC\x91 \xE6\x9D\xA1"), S("\xE7\xAC\xAC" "1\xE6\x9D\xA1"), 3},  /* 第 １ 条 */
  {S("2024 \xE5\xB9\xB4"), S("2024\xE5\xB9\xB4"), 5},
  {S("\xE5\xB9\xB4 2024"), S("\xE5\xB9\xB4" "2024"), 5},
  {S("\xE5\xA2\x9E\xE9\x95\xBF 5.2 %"), S("\xE5\xA2\x9E\xE9\x95\xBF" "5.2 %"), 7},
  {S("a 1"), S("a 1"), 3},
  {S("iPhone 15 \xE5\x8F\x91\xE5\xB8\x83"), S("iPhone 15\xE5\x8F\x91\xE5\xB8\x83"), 11},
  {S("\xE5\x8F\x91\xE5\xB1\x95 \xEF\xBC\x8C"), S("\xE5\x8F\x91\xE5\xB1\x95\xEF\xBC\x8C"), 3},
  {S("\xE2\x80\x9C \xE4\xBD\xA0\xE5\xA5\xBD \xE2\x80\x9D"),          /* “ 你好 ” */
   S("\xE2\x80\x9C\xE4\xBD\xA0\xE5\xA5\xBD\xE2\x80\x9D"), 4},
  {S("GDP \xEF\xBC\x8C"), S("GDP \xEF\xBC\x8C"), 5},           /* Latin and CJK punctuation */
  {S("\xEB\x8C\x80\xED\x95\x9C \xEB\xAF\xBC\xEA\xB5\xAD"),     /* 대한 민국: Korean keeps it */
   S("\xEB\x8C\x80\xED\x95\x9C \xEB\xAF\xBC\xEA\xB5\xAD"), 5},
  {S("\xE3\x81\x93\xE3\x82\x8C \xE3\x83\x9A\xE3\x83\xB3"),     /* これ ペン */
   S("\xE3\x81\x93\xE3\x82\x8C\xE3\x83\x9A\xE3\x83\xB3"), 4},
  {S("\xE3\x88\xA0 \xE6\x80\xBB\xE5\x88\x99"), S("\xE3\x88\xA0\xE6\x80\xBB\xE5\x88\x99"), 3},
  /* zero-width characters go, also inside and around white space */
  {S("\xE4\xB8\xAD\xE2\x80\x8B\xE6\x96\x87"), S("\xE4\xB8\xAD\xE6\x96\x87"), 2},
  {S("a\xC2\xAD" "b\xE2\x81\xA0" "c\xE2\x80\x8F"), S("abc"), 3},
  {S("\xEF\xBB\xBF\xE6\xA0\x87\xE9\xA2\x98"), S("\xE6\xA0\x87\xE9\xA2\x98"), 2},
  {S("a\xE2\x80\x8B b"), S("a b"), 3},
  {S("\xE4\xB8\xAD \xE2\x80\x8C \xE6\x96\x87"), S("\xE4\xB8\xAD\xE6\x96\x87"), 2},
  {S("\xE2\x80\x8B  x \xE2\x80\x8D"), S("x"), 1},
  {S("a\xC2\xA0" "b\xE2\x80\x83" "c\xE2\x80\xAF" "d\xE2\x81\x9F" "e\xE1\x9A\x80" "f"),
   S("a b c d e f"), 11},
  {S("a\xE2\x80\x80" "b"), S("a b"), 3},    /* U+2000 (NFC makes it U+2002): still a space */
  /* NFC */
  {S("e\xCC\x81"), S("\xC3\xA9"), 1},
  {S("A\xCC\x8A"), S("\xC3\x85"), 1},
  {S("\xE2\x84\xAB"), S("\xC3\x85"), 1},    /* U+212B ANGSTROM SIGN */
  {S("\xEF\xA4\x80"), S("\xE8\xB1\x88"), 1},    /* U+F900 -> U+8C48 */
  {S("\xE1\x84\x80\xE1\x85\xA1"), S("\xEA\xB0\x80"), 1},    /* conjoining jamo -> 가 */
  {S("\xE3\x81\x8B\xE3\x82\x99"), S("\xE3\x81\x8C"), 1},    /* か + dakuten -> が */
  {S("\xE3\x81\x8B \xE3\x82\x99"), S("\xE3\x81\x8B \xE3\x82\x99"), 3},  /* the space stays */
  {S("q\xCC\xA3\xCC\x87"), S("q\xCC\xA3\xCC\x87"), 3},
  {S("q\xCC\x87\xCC\xA3"), S("q\xCC\xA3\xCC\x87"), 3},      /* canonical order */
  {S("e\xE2\x80\x8B\xCC\x81"), S("\xC3\xA9"), 1},           /* zero-width goes before NFC */
  {S("\xEF\xBC\xA1\xCC\x81"), S("\xC3\x81"), 1},            /* full-width A, then NFC */
  {S("  \xE4\xB8\xAD e\xCC\x81  \xE6\x96\x87 "), S("\xE4\xB8\xAD \xC3\xA9 \xE6\x96\x87"), 5},
  /* NFC spans next to white space (α and е may start a composition, so NFC looks at them) */
  {S("\xCE\xB1   \xCE\xB2"), S("\xCE\xB1 \xCE\xB2"), 3},
  {S("  \xCE\xB1  "), S("\xCE\xB1"), 1},
  {S("\xE4\xB8\xAD \xCE\xB1 \xE6\x96\x87"), S("\xE4\xB8\xAD \xCE\xB1 \xE6\x96\x87"), 5},
  {S("\xD0\xB5\xCC\x88 \xE2\x80\x8B e\xCC\x81"), S("\xD1\x91 \xC3\xA9"), 3},
  {S("a\xE2\x80\x80\xE2\x80\x81" "b"), S("a b"), 3},
  {S("\xE2\x80\x80\xE2\x80\x81"), S(""), 0},
  {S("\xE4\xB8\xAD\xE2\x80\x80\xE6\x96\x87"), S("\xE4\xB8\xAD\xE6\x96\x87"), 2},
  {S("1\xE2\x80\x80\xE2\x80\x8B\xE6\x9C\x88"), S("1\xE6\x9C\x88"), 2},
  /* controls other than white space stay */
  {S("a\0b"), S("a\0b"), 3},
};

/* NFC of s[0..n) through utf8proc, as a reference. */
static char *refnfc (const char *s, size_t n, size_t *outlen) {
  utf8proc_option_t o = (utf8proc_option_t)(UTF8PROC_COMPOSE | UTF8PROC_STABLE);
  utf8proc_ssize_t k = utf8proc_decompose((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n,
                                          NULL, 0, o);
  int32_t *w = (int32_t *)malloc(((size_t)(k > 0 ? k : 0) + 1) * sizeof(int32_t));
  k = utf8proc_decompose((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, w, k, o);
  k = utf8proc_reencode(w, k, o);
  *outlen = (size_t)k;
  return (char *)w;
}

static void test_fold (void) {
  size_t k, len;
  long bad = 0;
  char *r;
  tifai_buf b = TIFAI_BUF_INIT;
  int iter;
  for (k = 0; k < sizeof(foldcases) / sizeof(foldcases[0]); k++) {
    size_t wantlen = foldcases[k].wantlen;
    r = tifa_text_fold(foldcases[k].in, foldcases[k].len, &len);
    check(r != NULL);
    if (r == NULL) continue;
    if (len != wantlen || memcmp(r, foldcases[k].want, len) != 0 || r[len] != '\0') {
      check_failures++;
      fprintf(stderr, "fold case %zu:\n  got:  %s\n  want: %s\n", k, r, foldcases[k].want);
    }
    tifa_free(r);
    tifai_buf_reset(&b);
    checkint(tifai_fold(&b, foldcases[k].in, foldcases[k].len), foldcases[k].cps);
    checkint(b.len, wantlen);
  }
  /* invalid UTF-8: NULL, and 'out' is left as it was */
  check(tifa_text_fold(S("ab\xFF"), &len) == NULL);
  checkint(len, 0);
  check(tifa_text_fold(S("\xE4\xB8"), NULL) == NULL);
  tifai_buf_reset(&b);
  tifai_buf_adds(&b, "x");
  checkint(tifai_fold(&b, S("a b\xC0\x80")), -1);
  checkstr(b.p, "x");
  checkint(b.len, 1);
  check(!b.oom);
  /* appending: leading space of the new part goes, the earlier content does not count */
  tifai_buf_reset(&b);
  tifai_buf_adds(&b, "x");
  checkint(tifai_fold(&b, S("  \xE4\xB8\xAD \xE6\x96\x87 ")), 2);
  checkstr(b.p, "x\xE4\xB8\xAD\xE6\x96\x87");
  r = tifa_text_fold("", 0, &len);          /* empty: a real empty string */
  check(r != NULL && len == 0 && r[0] == '\0');
  tifa_free(r);
  /* NFC against utf8proc on random text without white space or full-width characters; the
  ** zero-width ones (the last two of 'alpha') are left out of the reference's input */
  for (iter = 0; iter < 20000; iter++) {
    static const char *alpha[] = {"a", "e", "A", "\xC3\xA9", "\xCC\x81", "\xCC\x80", "\xCC\xA3",
      "\xCC\x82", "\xED\x95\x9C", "\xE1\x84\x80", "\xE1\x85\xA1", "\xE1\x86\xA8", "\xEA\xB0\x80",
      "\xE3\x81\x8B", "\xE3\x82\x99", "\xE3\x82\x9A", "\xEF\xA4\x80", "\xE4\xB8\xAD", "\xE3\x80\x87",
      "\xE1\xBA\xBF", "\xCD\x84", "\xE0\xA5\x98", "\xE0\xA7\x87", "\xE0\xA6\xBE", "\xE2\x84\xA6",
      "\xE2\x84\xAB", "x", "1", "\xEF\xBC\x8C", "\xE3\x80\x82", "\xF0\xAF\xA0\x80", "\xE3\x80\xAA",
      "\xD7\x90", "\xD6\xB8", "\xE0\xBD\xB1", "\xE0\xBD\xB2", "\xF0\x9D\x85\x97", "\xF0\x9D\x85\xA5",
      "\xCE\xB1", "\xCD\x82", "\xD0\xB5", "\xCC\x88", "\xE2\x80\x8B", "\xC2\xAD"};
    const size_t na = sizeof(alpha) / sizeof(alpha[0]);
    tifai_buf s = TIFAI_BUF_INIT, kept = TIFAI_BUF_INIT;
    int n = (int)(check_rnd() % 24), j;
    size_t rl;
    char *ref;
    for (j = 0; j < n; j++) {
      size_t x = check_rnd() % na;
      tifai_buf_adds(&s, alpha[x]);
      if (x < na - 2) tifai_buf_adds(&kept, alpha[x]);
    }
    ref = refnfc(kept.p ? kept.p : "", kept.len, &rl);
    tifai_buf_free(&kept);
    r = tifa_text_fold(s.p ? s.p : "", s.len, &len);
    if (r == NULL || len != rl || memcmp(r, ref, rl) != 0) {
      if (bad++ == 0) fprintf(stderr, "fold NFC:\n  in:   %s\n  got:  %s\n  want: %s\n",
                              s.p ? s.p : "", r ? r : "(null)", ref);
    }
    tifa_free(r);
    free(ref);
    tifai_buf_free(&s);
  }
  checkint(bad, 0);
  /* folding is idempotent, and its output is NFC */
  for (iter = 0, bad = 0; iter < 20000; iter++) {
    static const char *alpha[] = {" ", "  ", "\t", "\xE3\x80\x80", "\xC2\xA0", "\xE2\x80\x8B",
      "\xE4\xB8\xAD", "\xE6\x96\x87", "\xEF\xBC\x8C", "\xE2\x80\x9C", "a", "Z", "1", "9",
      "\xEF\xBC\x91", "\xEF\xBC\xA1", "\xCC\x81", "\xE3\x82\x99", "\xE3\x81\x8B", "\xEA\xB0\x80",
      "\xE1\x86\xA8", "\xEF\xA4\x80", "e", "-", "\xE2\x80\x80", "\xCE\xB1", "\xD0\xB5",
      "\xCC\x88", "\xE2\x80\x8C"};
    tifai_buf s = TIFAI_BUF_INIT;
    int n = (int)(check_rnd() % 20), j;
    size_t l2, rl;
    char *r2, *ref;
    for (j = 0; j < n; j++) tifai_buf_adds(&s, alpha[check_rnd() % (sizeof(alpha) / sizeof(alpha[0]))]);
    r = tifa_text_fold(s.p ? s.p : "", s.len, &len);
    r2 = r ? tifa_text_fold(r, len, &l2) : NULL;
    ref = r ? refnfc(r, len, &rl) : NULL;
    if (r2 == NULL || l2 != len || memcmp(r, r2, len) != 0 || rl != len
        || memcmp(ref, r, len) != 0 || (len > 0 && (r[0] == ' ' || r[len - 1] == ' '))
        || strstr(r, "  ") != NULL) {
      if (bad++ == 0) fprintf(stderr, "fold twice:\n  in:   %s\n  once: %s\n  twice: %s\n",
                              s.p ? s.p : "", r ? r : "(null)", r2 ? r2 : "(null)");
    }
    tifa_free(r);
    tifa_free(r2);
    free(ref);
    tifai_buf_free(&s);
  }
  checkint(bad, 0);
  tifai_buf_free(&b);
}

/* }====== */

int main (void) {
  test_utf8();
  test_decode();
  test_classes();
  test_sniff();
  test_sniff_big();
  test_lines();
  test_lines_random();
  test_fixtures();
  test_fold();
  return check_done("text");
}
