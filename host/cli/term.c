/*
** term.c -- output aligned by display width: Chinese characters take two columns, so
** printf's %-12s misaligns them; these helpers count columns with utf8proc_charwidth.
*/
#include <string.h>
#include <utf8proc.h>
#include "cli.h"
#include "tifa_text.h"

static int cpwidth (int32_t cp) {
  int w = utf8proc_charwidth(cp);
  return w < 0 ? 0 : w;
}

int term_width (const char *s, size_t len) {
  size_t i = 0;
  int w = 0;
  while (i < len) {
    int32_t cp;
    int n = tifa_utf8_decode(s + i, len - i, &cp);
    if (n <= 0) { n = 1; cp = 0xFFFD; }
    w += (cp == '\t') ? 1 : cpwidth(cp);
    i += (size_t)n;
  }
  return w;
}

void term_cell (FILE *f, const char *s, int cols, int pad, int right) {
  size_t len = s ? strlen(s) : 0, i = 0;
  int w = term_width(s ? s : "", len), used = 0;
  if (w <= cols) {
    if (right && pad) fprintf(f, "%*s", cols - w, "");
    fwrite(s ? s : "", 1, len, f);
    if (!right && pad) fprintf(f, "%*s", cols - w, "");
    return;
  }
  while (i < len) {                       /* cut, leaving a column for the ellipsis */
    int32_t cp;
    int n = tifa_utf8_decode(s + i, len - i, &cp), cw;
    if (n <= 0) { n = 1; cp = 0xFFFD; }
    cw = (cp == '\t' || cp == '\n') ? 1 : cpwidth(cp);
    if (used + cw > cols - 1) break;
    if (cp == '\n' || cp == '\t') fputc(' ', f);
    else fwrite(s + i, 1, (size_t)n, f);
    used += cw;
    i += (size_t)n;
  }
  fputs("\xE2\x80\xA6", f);
  used++;
  if (pad && used < cols) fprintf(f, "%*s", cols - used, "");
}
