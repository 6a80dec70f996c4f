/*
** read_text.c -- plain text reader: the file is one article and each non-blank line is one
** paragraph (scraped Chinese text puts one paragraph per line; the store joins broken ones).
** No title: the store takes the first non-empty line, which stays a paragraph.
*/
#include "read_fmt.h"

static int text_line (tifai_reader *r, const char *s, size_t len, uint64_t b0, uint64_t b1) {
  return tifai_docb_add(&r->docb, s, len, TIFAI_PARA_TEXT, r->nline, r->nline, b0, b1);
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
