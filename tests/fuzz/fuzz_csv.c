/*
** fuzz_csv.c -- libFuzzer target: the CSV reader (libcsv; a header row naming the fields, quoted fields over
** several lines) with the layout and folding of records at ingest.
** The input is a file's bytes; its size picks the chunk size of reading (so page breaks of
** the decoder fall anywhere) and how the page is cut (rules, no layout, a split hook).
*/
#include "fuzz.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size) {
  static const size_t chunks[] = {65536, 1, 3, 7, 64, 4096};
  size_t chunksz = chunks[size % 6];
  int how = (int)(size / 6 % 3);
  fuzz_page(data, size, TIFAI_FMT_CSV, chunksz, how);
  return 0;
}
