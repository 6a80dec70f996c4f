/*
** fuzz_jsonl.c -- libFuzzer target: the JSON Lines reader (jansson; field names and synonyms, meta, one record
** per line, errors naming the line) with the layout and folding of records at ingest.
** The input is a file's bytes; its size picks the chunk size of reading (so page breaks of
** the decoder fall anywhere) and how the page is cut (rules, no layout, a split hook).
*/
#include "fuzz.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size) {
  static const size_t chunks[] = {65536, 1, 3, 7, 64, 4096};
  size_t chunksz = chunks[size % 6];
  int how = (int)(size / 6 % 3);
  fuzz_page(data, size, TIFAI_FMT_JSONL, chunksz, how);
  return 0;
}
