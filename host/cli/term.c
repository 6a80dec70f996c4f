/*
** term.c -- output aligned by display width: Chinese characters take two columns, so
** printf's %-12s misaligns them; these helpers count columns with utf8proc_charwidth, cut
** text to a width (keeping a marked match in sight) and learn the terminal's width.
*/
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <utf8proc.h>
#include "cli.h"
#include "tifa_text.h"

#define ELLIPSIS  "\xE2\x80\xA6"    /* U+2026, one column */

static int cpwidth (int32_t cp) {
  int w = utf8proc_charwidth(cp);
  return w < 0 ? 0 : w;
}

/* The code point at s[0..len) and its length in '*n' (an invalid byte is U+FFFD, 1 byte). */
static int32_t decode (const char *s, size_t len, size_t *n) {
  int32_t cp;
  int k = tifa_utf8_decode(s, len, &cp);
  if (k <= 0) { k = 1; cp = 0xFFFD; }
  *n = (size_t)k;
  return cp;
}

/* Columns of one character when printed on a line: tabs and line ends as one space. */
static int colsof (int32_t cp) {
  return (cp == '\t' || cp == '\n' || cp == '\r') ? 1 : cpwidth(cp);
}

int term_width (const char *s, size_t len) {
  size_t i = 0, n;
  int w = 0;
  while (i < len) {
    int32_t cp = decode(s + i, len - i, &n);
    w += (cp == '\t') ? 1 : cpwidth(cp);
    i += n;
  }
  return w;
}

int term_columns (int given) {
  struct winsize ws;
  const char *env = getenv("COLUMNS");
  if (isatty(1) && ioctl(1, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) return ws.ws_col;   /* after a resize too */
  if (given > 0) return given;
  if (env && atoi(env) > 0) return atoi(env);
  return 80;
}

/* Print the characters of s[*i..len) that fit in 'avail' columns, tabs and line ends as
** spaces; advances '*i' and returns the columns used. */
static int putfit (FILE *f, const char *s, size_t len, size_t *i, int avail) {
  int used = 0;
  while (*i < len) {
    size_t n;
    int32_t cp = decode(s + *i, len - *i, &n);
    int cw = colsof(cp);
    if (used + cw > avail) break;
    if (cp == '\n' || cp == '\t' || cp == '\r') fputc(' ', f);
    else fwrite(s + *i, 1, n, f);
    used += cw;
    *i += n;
  }
  return used;
}

/* Print s[0..len) from display column 'from' on, in at most 'cols' columns: "…" first when
** 'from' > 0, "…" last when the text goes on; padded to 'cols' if 'pad'. */
static void slice (FILE *f, const char *s, size_t len, int from, int cols, int pad) {
  size_t i = 0, n;
  int col = 0, used = 0, rest;
  if (cols <= 0) return;
  if (from > 0) {
    while (i < len && col < from) { col += colsof(decode(s + i, len - i, &n)); i += n; }
    fputs(ELLIPSIS, f);
    used = 1;
  }
  rest = term_width(s + i, len - i);
  if (rest <= cols - used) used += putfit(f, s, len, &i, cols - used);
  else if (used < cols) {
    used += putfit(f, s, len, &i, cols - used - 1);
    fputs(ELLIPSIS, f);
    used++;
  }
  if (pad && used < cols) fprintf(f, "%*s", cols - used, "");
}

void term_cell (FILE *f, const char *s, int cols, int pad, int right) {
  size_t len = s ? strlen(s) : 0;
  int w = term_width(s ? s : "", len);
  if (w <= cols && !memchr(s ? s : "", '\n', len)) {
    if (right && pad) fprintf(f, "%*s", cols - w, "");
    fwrite(s ? s : "", 1, len, f);
    if (!right && pad) fprintf(f, "%*s", cols - w, "");
    return;
  }
  slice(f, s ? s : "", len, 0, cols, pad);
}

void term_cellmark (FILE *f, const char *s, int cols, int pad, int right) {
  size_t len = s ? strlen(s) : 0;
  const char *m = s ? strstr(s, TIFA_MARK_OPEN) : NULL, *e;
  int w, wb, we, from;
  if (m == NULL || (w = term_width(s, len)) <= cols || cols < 3) { term_cell(f, s, cols, pad, right); return; }
  e = strstr(m, TIFA_MARK_CLOSE);
  e = e ? e + strlen(TIFA_MARK_CLOSE) : m + strlen(TIFA_MARK_OPEN);
  wb = term_width(s, (size_t)(m - s));
  we = term_width(s, (size_t)(e - s));
  if (we <= cols - 1) { term_cell(f, s, cols, pad, right); return; }   /* in sight from the start */
  if (we - wb > cols - 2) from = wb;                /* a match wider than the cell: its start */
  else from = wb - (cols - (we - wb)) / 2;          /* the match centred */
  if (from > w - (cols - 1)) from = w - (cols - 1); /* no blank after the end */
  if (from < 1) from = 1;
  slice(f, s, len, from, cols, pad);
}

void term_wrap (FILE *f, const char *s, size_t len, int cols) {
  size_t i = 0, n;
  int col = 0;
  while (i < len) {
    int32_t cp = decode(s + i, len - i, &n);
    int cw = (cp == '\t') ? 1 : cpwidth(cp);
    if (cp == '\n') col = 0;
    else if (col + cw > cols && col > 0) { fputc('\n', f); col = 0; }
    fwrite(s + i, 1, n, f);
    if (cp != '\n') col += cw;
    i += n;
  }
}
