/*
** bench/words_speed.c -- segmentation speed of the C API: segments each line of a UTF-8 file in
** accurate mode and prints "first_call_ms bytes words seconds MB/s": the first call, on a
** short text, shows what the dictionary costs to "load"; the file is read before timing.
**   usage: tifa_bench_words FILE [search]
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "tifa_words.h"

static int count (void *ud, const char *s, const tifa_word *w) {
  (void)s; (void)w;
  ++*(size_t *)ud;
  return 0;
}

int main (int argc, char **argv) {
  FILE *f;
  char *buf;
  long size;
  size_t words = 0, i = 0;
  struct timespec t0, t1;
  double secs;
  int flags = argc > 2 && strcmp(argv[2], "search") == 0 ? TIFA_WORDS_SEARCH : 0;
  if (argc < 2 || !(f = fopen(argv[1], "rb"))) {
    fprintf(stderr, "usage: tifa_bench_words FILE [search]\n");
    return 2;
  }
  fseek(f, 0, SEEK_END);
  size = ftell(f);
  rewind(f);
  buf = malloc((size_t)size + 1);
  if (!buf || fread(buf, 1, (size_t)size, f) != (size_t)size) return 1;
  fclose(f);
  clock_gettime(CLOCK_MONOTONIC, &t0);       /* the dictionary's first use: its "load" */
  tifa_words(tifa_segmenter_default(), "新质生产力", strlen("新质生产力"), 0, count, &words);
  clock_gettime(CLOCK_MONOTONIC, &t1);
  printf("%.3f ", ((double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9) * 1e3);
  words = 0;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  while (i < (size_t)size) {
    char *nl = memchr(buf + i, '\n', (size_t)size - i);
    size_t end = nl ? (size_t)(nl - buf) : (size_t)size;
    if (tifa_words(tifa_segmenter_default(), buf + i, end - i, flags, count, &words) != 0) {
      fprintf(stderr, "tifa_bench_words: %s: invalid UTF-8 near byte %zu\n", argv[1], i);
      return 1;
    }
    i = end + 1;
  }
  clock_gettime(CLOCK_MONOTONIC, &t1);
  secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
  printf("%ld %zu %.3f %.1f\n", size, words, secs, (double)size / secs / 1e6);
  free(buf);
  return 0;
}
