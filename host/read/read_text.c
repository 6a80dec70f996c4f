/*
** read_text.c -- plain text reader: the file is one article and each non-blank line is one
** paragraph (scraped Chinese text puts one paragraph per line; the store joins broken ones).
** No title: the store takes the first non-empty line, which stays a paragraph.
*/
#include <string.h>
#include "read_fmt.h"

/* Only zero-width characters (U+200B-U+200D, U+2060, U+FEFF): an invisible line, no blank. */
static int zwonly (const char *s, size_t len) {
  size_t i = 0;
  if (len == 0) return 0;
  while (i < len) {
    if (i + 3 <= len && (unsigned char)s[i] == 0xE2 && (unsigned char)s[i + 1] == 0x80
        && (unsigned char)s[i + 2] >= 0x8B && (unsigned char)s[i + 2] <= 0x8D) i += 3;
    else if (i + 3 <= len && memcmp(s + i, "\xE2\x81\xA0", 3) == 0) i += 3;
    else if (i + 3 <= len && memcmp(s + i, "\xEF\xBB\xBF", 3) == 0) i += 3;
    else return 0;
  }
  return 1;
}

static int text_line (tifai_reader *r, const char *s, size_t len, uint64_t b0, uint64_t b1) {
  tifai_docb *d = &r->docb;
  if (zwonly(s, len) && d->n > 0 && d->v[d->n - 1].line_end == r->nline - 1) {
    d->v[d->n - 1].line_end = r->nline;       /* it joins the paragraph above: no blank line */
    d->v[d->n - 1].byte_end = b1;
    return TIFA_OK;
  }
  return tifai_docb_add(d, s, len, TIFAI_PARA_TEXT, r->nline, r->nline, b0, b1);
}

static int text_finish (tifai_reader *r) {
  tifai_doc d = {0};
  d.byte_start = r->raw0;
  d.byte_end = r->raw1;
  d.line_start = 1;
  d.line_end = r->nline;
  return tifai_reader_emit(r, &d);
}

const tifai_fmtops tifai_fmt_text = {0, text_line, text_finish, NULL};
