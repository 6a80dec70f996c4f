/*
** fuzz_merge.c -- libFuzzer target: the merge of partial results (host/shard/merge.c). Parts
** come from other machines and may be cut short or damaged: the input is split at its first
** NUL byte into two parts (no NUL: one part), read through fmemopen as tifa merge reads
** files, and merged with the flags its size picks. The merge must take it or refuse it with
** a message, and every line it writes must be JSON-ish text: one object, no line break.
*/
#include "fuzz.h"
#include "tifa_shard.h"

static int online (void *ud, const char *line, size_t len) {
  size_t *n = (size_t *)ud;
  fcheck(len > 0 && line[0] == '{' && line[len - 1] == '}');
  fcheck(memchr(line, '\n', len) == NULL);
  (*n)++;
  return 0;
}

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size) {
  const char *s = (const char *)data, *z = memchr(s, '\0', size);
  size_t n1 = z ? (size_t)(z - s) : size, lines = 0;
  FILE *in[2] = {NULL, NULL};
  const char *names[2] = {"p1", "p2"};
  char err[TIFA_ERRMAX];
  size_t nin = z ? 2 : 1, i;
  int rc;
  /* fmemopen of a 0-byte buffer fails on some libcs: give each part one byte at least */
  static char empty[1] = {'\n'};
  in[0] = fmemopen(n1 ? (void *)s : empty, n1 ? n1 : 1, "r");
  if (z) in[1] = fmemopen(size - n1 - 1 ? (void *)(z + 1) : empty, size - n1 - 1 ? size - n1 - 1 : 1, "r");
  for (i = 0; i < nin; i++) if (in[i] == NULL) goto done;
  err[0] = '\0';
  rc = tifa_merge((FILE *const *)in, names, nin, (int)(size % 4), online, &lines, err, sizeof(err));
  fcheck(rc == TIFA_OK || rc == TIFA_FORMAT || rc == TIFA_NOMEM);
  if (rc != TIFA_OK) fcheck(err[0] != '\0');
  else fcheck(lines >= 2);                    /* a header and a trailer at least */
done:
  for (i = 0; i < nin; i++) if (in[i]) fclose(in[i]);
  return 0;
}
