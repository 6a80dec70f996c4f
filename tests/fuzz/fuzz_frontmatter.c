/*
** fuzz_frontmatter.c -- libFuzzer target: Markdown front matter (host/read/frontmatter.c):
** YAML through libyaml, TOML through tifa's own reader, the keys into fields and meta; then the
** same bytes as a Markdown page through ingest's pass 1 and 2 (front matter blanked, cmark).
** The input is a file's bytes; its size picks the chunk size of reading and how the page is cut.
*/
#include "fuzz.h"
#include "frontmatter.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size) {
  static const size_t chunks[] = {65536, 1, 3, 7, 64, 4096};
  tifai_fm fm;
  char err[TIFA_ERRMAX];
  int line, i, rc = tifai_fm_read((const char *)data, size, &fm, err, sizeof(err), &line);
  fcheck(rc == TIFA_OK || rc == TIFA_FORMAT || rc == TIFA_NOMEM);
  if (rc == TIFA_FORMAT) fcheck(err[0] != '\0' && line >= 2);   /* libyaml counts CR, NEL too */
  if (rc == TIFA_OK) {
    fcheck(fm.lines == 0 || fm.lines >= 2);
    for (i = 0; i < TIFAI_F_N; i++) fcheck(fm.f[i] == NULL || (fm.lines > 0 && i != TIFAI_F_BODY));
    fcheck(fm.meta == NULL || (fm.meta[0] == '{' && fm.meta[strlen(fm.meta) - 1] == '}'));
  }
  tifai_fm_free(&fm);
  fuzz_page(data, size, TIFAI_FMT_MARKDOWN, chunks[size % 6], (int)(size / 6 % 3));
  return 0;
}
