/*
** fuzz_layout.c -- libFuzzer target: a page cut into articles as ingest cuts it: detection, decoding, the text
** and Markdown readers, the layout rules (joins, bylines, datelines, furniture, article
** starts) and folding, through pass 1 and 2 of prepare.c without a store.
** The input is a file's bytes; its size picks the chunk size of reading (so page breaks of
** the decoder fall anywhere) and how the page is cut (rules, no layout, a split hook).
*/
#include "fuzz.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size) {
  static const size_t chunks[] = {65536, 1, 3, 7, 64, 4096};
  size_t chunksz = chunks[size % 6];
  int how = (int)(size / 6 % 3);
  fuzz_page(data, size, (size / 18) % 2 ? TIFAI_FMT_MARKDOWN : TIFAI_FMT_TEXT, chunksz, how);
  return 0;
}
