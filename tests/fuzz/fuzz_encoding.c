/*
** fuzz_encoding.c -- libFuzzer target: encoding detection (tifa_sniff, fed in chunks of a
** size the input's size picks) and conversion into UTF-8 lines (tifa_lines) in the
** detected encoding and in one the input's size picks (so every decoder sees bytes it
** must refuse), then folding (tifa_text_fold), normalization and OpenCC conversion of each
** decoded line, as ingest and tifa.text do.
*/
#include "fuzz.h"
#include "tifa_text.h"

typedef struct linest {
  size_t size;                      /* of the raw input */
  uint64_t last;                    /* end of the last line */
  int convert;                      /* also OpenCC (short inputs) */
} linest;

static int online (void *ud, const char *line, size_t len, uint64_t b0, uint64_t b1) {
  linest *st = (linest *)ud;
  size_t n;
  char *out;
  fcheck(tifa_utf8_valid(line, len, NULL));
  fcheck(b0 <= b1 && b1 <= st->size && b0 >= st->last);
  st->last = b1;
  if ((out = tifa_text_fold(line, len, &n)) != NULL) {
    fcheck(tifa_utf8_valid(out, n, NULL) && out[n] == '\0');
    tifa_free(out);
  }
  if ((out = tifa_text_normalize(line, len, TIFA_NORM_NFKC, &n)) != NULL) {
    fcheck(tifa_utf8_valid(out, n, NULL));
    tifa_free(out);
  }
  if (st->convert) {
    char err[TIFA_ERRMAX];
    if ((out = tifa_text_convert(line, len, TIFA_CONVERT_SIMPLIFIED, &n, err, sizeof(err))) != NULL) {
      fcheck(tifa_utf8_valid(out, n, NULL));
      tifa_free(out);
    }
  }
  return 0;
}

static int decode (const uint8_t *data, size_t size, int enc, size_t chunksz, int convert) {
  tifa_lines *d;
  char err[TIFA_ERRMAX];
  linest st;
  size_t at = 0;
  int rc = TIFA_OK;
  if (tifa_lines_new(enc, &d, err, sizeof(err)) != TIFA_OK) return -1;
  st.size = size;
  st.last = 0;
  st.convert = convert;
  while (at < size && rc == TIFA_OK) {
    size_t n = size - at < chunksz ? size - at : chunksz;
    rc = tifa_lines_feed(d, data + at, n, online, &st);
    at += n;
  }
  if (rc == TIFA_OK) rc = tifa_lines_finish(d, online, &st);
  if (rc == TIFA_ENCODING) {
    fcheck(tifa_lines_errmsg(d)[0] != '\0');
    fcheck(tifa_lines_erroffset(d) <= size);
  }
  else fcheck(rc == TIFA_OK);
  tifa_lines_free(d);
  return rc;
}

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size) {
  static const size_t chunks[] = {65536, 1, 2, 3, 5, 8, 4096};
  size_t chunksz = chunks[size % 7], at = 0;
  tifa_sniff *s;
  tifa_sniff_result r;
  if (tifa_sniff_new(&s) != TIFA_OK) return 0;
  while (at < size) {
    size_t n = size - at < chunksz ? size - at : chunksz;
    tifa_sniff_feed(s, data + at, n);
    at += n;
  }
  tifa_sniff_finish(s, &r);
  tifa_sniff_free(s);
  fcheck(r.size == size);
  if (r.rc == TIFA_OK) {
    fcheck(r.encoding >= TIFA_ENC_UTF8 && r.encoding <= TIFA_ENC_GB18030);
    fcheck(r.bom <= size);
    /* what detection accepts, decoding must accept: ingest relies on it */
    fcheck(decode(data, size, r.encoding, chunksz, size < 512 && size % 3 == 0) == TIFA_OK);
  }
  else {
    fcheck(r.rc == TIFA_BINARY || r.rc == TIFA_ENCODING);
    fcheck(r.offset <= size && r.reason[0] != '\0');
  }
  decode(data, size, TIFA_ENC_UTF8 + (int)(size / 7 % 5), chunksz, 0);
  return 0;
}
