/*
** replay.c -- a stand-in for libFuzzer's main in the normal build: feeds every file of the
** directories (or the files) named on the command line to LLVMFuzzerTestOneInput, after
** LLVMFuzzerInitialize, in name order. ctest runs each target so over its regression inputs
** (tests/fuzz/regress/<name>/) and its seeds: a crash found once stays found.
**   fuzz_<name> DIR|FILE ...      exit status 0 when every input ran; a missing argument is
**                                 not an error (an empty regression folder)
*/
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);
int LLVMFuzzerInitialize (int *argc, char ***argv) __attribute__((weak));

static long ran;

static int runfile (const char *path) {
  FILE *fp = fopen(path, "rb");
  uint8_t *buf = NULL;
  size_t n = 0, cap = 0, k;
  if (fp == NULL) { fprintf(stderr, "replay: cannot open '%s'\n", path); return 1; }
  do {
    if (n == cap) {
      uint8_t *nb = (uint8_t *)realloc(buf, cap = cap ? 2 * cap : 65536);
      if (nb == NULL) { free(buf); fclose(fp); fprintf(stderr, "replay: out of memory\n"); return 1; }
      buf = nb;
    }
    k = fread(buf + n, 1, cap - n, fp);
    n += k;
  } while (k > 0);
  fclose(fp);
  {                       /* an exact-size copy, so that ASan sees a read past the input */
    uint8_t *exact = (uint8_t *)malloc(n ? n : 1);
    if (exact == NULL) { free(buf); return 1; }
    memcpy(exact, buf, n);
    free(buf);
    LLVMFuzzerTestOneInput(exact, n);
    free(exact);
  }
  ran++;
  return 0;
}

static int bystr (const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

static int runpath (const char *path) {
  struct stat st;
  DIR *d;
  struct dirent *e;
  char **names = NULL;
  size_t n = 0, i;
  int bad = 0;
  if (stat(path, &st) != 0) return 0;               /* no such folder: nothing to replay */
  if (!S_ISDIR(st.st_mode)) return runfile(path);
  if ((d = opendir(path)) == NULL) { fprintf(stderr, "replay: cannot open '%s'\n", path); return 1; }
  while ((e = readdir(d)) != NULL) {
    char **nv;
    if (e->d_name[0] == '.') continue;              /* hidden: ., .., .stamp, README */
    if ((nv = (char **)realloc(names, (n + 1) * sizeof(*names))) == NULL) break;
    names = nv;
    if ((names[n] = (char *)malloc(strlen(path) + strlen(e->d_name) + 2)) == NULL) break;
    sprintf(names[n++], "%s/%s", path, e->d_name);
  }
  closedir(d);
  if (n) qsort(names, n, sizeof(*names), bystr);
  for (i = 0; i < n; i++) {
    if (stat(names[i], &st) == 0 && S_ISREG(st.st_mode)) bad |= runfile(names[i]);
    free(names[i]);
  }
  free(names);
  return bad;
}

int main (int argc, char **argv) {
  int i, bad = 0;
  if (LLVMFuzzerInitialize) LLVMFuzzerInitialize(&argc, &argv);
  for (i = 1; i < argc; i++) bad |= runpath(argv[i]);
  fprintf(stderr, "replay: %ld input(s) ran\n", ran);
  return bad;
}
