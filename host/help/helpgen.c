/*
** helpgen.c -- compile the API reference (the Markdown files in docs/) into the table tifa.help reads:
**   helpgen OUT.c SRCDIR docs/lua-api.md docs/text-utf8.md ...
** An entry is a '###' heading that starts with a code span naming the API (tifa.x, db:x,
** db.x, article:x, article.x; several spans before the arrow name several functions of one
** entry), the prose under it and its first code block (indented by 4 spaces after a blank
** line, or fenced), which is the example. Headings of other forms, and files without
** entries, give nothing. Entries are grouped by the '##' section they are in, or else by the
** file's '#' title; a group keeps the prose under its heading as its introduction.
** The prose is stored as plain text: soft line breaks joined, one line per paragraph, list
** item or table row, an empty line between paragraphs; emphasis and links lose their marks,
** code spans too, but in paragraphs and list items a code span's text stays between the
** bytes 1 and 2, so that tifa.help wraps no line inside it; a table row is a tab before each
** cell, and a rule under a header row is the line "\t-". A built-in tool of the build: it
** exits on the first error.
*/
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ARROW  "\xe2\x86\x92"                       /* U+2192 RIGHTWARDS ARROW */
#define CODE_OPEN   '\1'                           /* around a code span in prose (lhelp.h) */
#define CODE_CLOSE  '\2'
#define MAXNAMES 8

/* {====== Strings ====== */

typedef struct Str { char *p; size_t len, cap; } Str;

static void die (const char *fmt, ...) {
  va_list ap;
  fputs("helpgen: ", stderr);
  va_start(ap, fmt);
  vfprintf(stderr, fmt, ap);
  va_end(ap);
  fputc('\n', stderr);
  exit(EXIT_FAILURE);
}

static void sadd (Str *s, const char *p, size_t n) {
  if (n > ((size_t)-1) / 4 || s->len > ((size_t)-1) / 4) die("text too long");
  if (s->len + n + 1 > s->cap) {
    size_t cap = s->cap ? s->cap : 64;
    char *q;
    while (s->len + n + 1 > cap) cap *= 2;
    if ((q = (char *)realloc(s->p, cap)) == NULL) die("not enough memory");
    s->p = q;
    s->cap = cap;
  }
  if (n) memcpy(s->p + s->len, p, n);
  s->len += n;
  s->p[s->len] = '\0';
}

static void sadds (Str *s, const char *p) { sadd(s, p, strlen(p)); }
static void saddc (Str *s, char c) { sadd(s, &c, 1); }

/* The string made so far ("" when empty), handed over: 's' starts again. */
static char *sdetach (Str *s) {
  char *p;
  if (s->p == NULL) sadd(s, "", 0);
  p = s->p;
  s->p = NULL;
  s->len = s->cap = 0;
  return p;
}

static char *dupn (const char *p, size_t n) {
  Str s = {NULL, 0, 0};
  sadd(&s, p, n);
  return sdetach(&s);
}

/* }====== */

/* {====== Characters ====== */

/* The code point at s[0..n) and its length in '*len' (the docs are checked valid first). */
static long decode (const char *s, size_t n, size_t *len) {
  const unsigned char *u = (const unsigned char *)s;
  if (n == 0) { *len = 0; return -1; }
  if (u[0] < 0x80) { *len = 1; return u[0]; }
  if ((u[0] & 0xE0) == 0xC0 && n >= 2) { *len = 2; return ((long)(u[0] & 0x1F) << 6) | (u[1] & 0x3F); }
  if ((u[0] & 0xF0) == 0xE0 && n >= 3) {
    *len = 3;
    return ((long)(u[0] & 0x0F) << 12) | ((long)(u[1] & 0x3F) << 6) | (u[2] & 0x3F);
  }
  if ((u[0] & 0xF8) == 0xF0 && n >= 4) {
    *len = 4;
    return ((long)(u[0] & 0x07) << 18) | ((long)(u[1] & 0x3F) << 12) | ((long)(u[2] & 0x3F) << 6) | (u[3] & 0x3F);
  }
  *len = 1;
  return -1;
}

/* The offset of the first byte of s[0..n) that is not valid UTF-8, or n. */
static size_t badutf8 (const char *s, size_t n) {
  size_t i = 0;
  while (i < n) {
    const unsigned char *u = (const unsigned char *)s + i;
    size_t k, len = u[0] < 0x80 ? 1 : (u[0] & 0xE0) == 0xC0 ? 2 : (u[0] & 0xF0) == 0xE0 ? 3
                  : (u[0] & 0xF8) == 0xF0 ? 4 : 0;
    long cp;
    if (len == 0 || i + len > n) return i;
    for (k = 1; k < len; k++) if ((u[k] & 0xC0) != 0x80) return i;
    cp = decode(s + i, n - i, &k);
    if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000)
        || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return i;
    i += len;
  }
  return n;
}

/* Is 'cp' a character of Chinese text, between which soft line breaks join without a space? */
static int iscjk (long cp) {
  return (cp >= 0x2E80 && cp <= 0x9FFF) || (cp >= 0xF900 && cp <= 0xFAFF)
      || (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFFEF) || cp >= 0x20000;
}

/* The last code point of s[0..n). */
static long lastcp (const char *s, size_t n) {
  size_t i = n, len;
  while (i > 0 && ((unsigned char)s[i - 1] & 0xC0) == 0x80) i--;
  return i > 0 ? decode(s + i - 1, n - i + 1, &len) : -1;
}

/* }====== */

/* {====== Lines ====== */

typedef struct Line { const char *p; size_t len; } Line;

static int isblank_line (Line l) {
  size_t i;
  for (i = 0; i < l.len; i++) if (l.p[i] != ' ' && l.p[i] != '\t') return 0;
  return 1;
}

/* Columns of leading white space (a tab to the next multiple of 4). */
static size_t indent (Line l, size_t *bytes) {
  size_t i, col = 0;
  for (i = 0; i < l.len && (l.p[i] == ' ' || l.p[i] == '\t'); i++)
    col = l.p[i] == '\t' ? (col / 4 + 1) * 4 : col + 1;
  if (bytes) *bytes = i;
  return col;
}

/* A line that is only an HTML comment, as "<!-- -->" that ends a list before a code block. */
static int iscomment (Line l) {
  size_t b, e = l.len;
  indent(l, &b);
  while (e > b && (l.p[e - 1] == ' ' || l.p[e - 1] == '\t')) e--;
  return e - b >= 7 && strncmp(l.p + b, "<!--", 4) == 0 && strncmp(l.p + e - 3, "-->", 3) == 0;
}

/* A fence (``` or ~~~ after at most 3 spaces)? */
static int isfence (Line l) {
  size_t b;
  return indent(l, &b) <= 3 && l.len - b >= 3
      && (strncmp(l.p + b, "```", 3) == 0 || strncmp(l.p + b, "~~~", 3) == 0);
}

/* The length of a list marker ("- ", "* ", "+ ", "12. ", "3) ") at s[0..n), or 0. */
static size_t listmarker (const char *s, size_t n) {
  size_t i = 0;
  if (n >= 2 && (s[0] == '-' || s[0] == '*' || s[0] == '+') && s[1] == ' ') return 2;
  while (i < n && i < 9 && s[i] >= '0' && s[i] <= '9') i++;
  if (i > 0 && i + 1 < n && (s[i] == '.' || s[i] == ')') && s[i + 1] == ' ') return i + 2;
  return 0;
}

/* }====== */

/* {====== Inline text ====== */

/* The end of the code span that opens at s[i] (a run of backticks) in s[0..n): the offset
** after its closing run, with the content's range in '*cb', '*ce'; or 0 if it never closes. */
static size_t codespan (const char *s, size_t n, size_t i, size_t *cb, size_t *ce) {
  size_t k = 0, j;
  while (i + k < n && s[i + k] == '`') k++;
  for (j = i + k; j < n; ) {
    if (s[j] == '`') {
      size_t r = 0;
      while (j + r < n && s[j + r] == '`') r++;
      if (r == k) {
        *cb = i + k;
        *ce = j;
        if (*ce - *cb >= 2 && s[*cb] == ' ' && s[*ce - 1] == ' ') { (*cb)++; (*ce)--; }
        return j + r;
      }
      j += r;
    }
    else j++;
  }
  return 0;
}

static int ispunct_ascii (char c) {
  return c != '\0' && strchr("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", c) != NULL;
}

/* Append s[0..n) without its Markdown marks: code spans as their content (with 'code', between
** CODE_OPEN and CODE_CLOSE), **strong** and *emphasis* as their text, [text](url) as text,
** backslash escapes as the character, HTML comments left out. */
static void inline_text (Str *out, const char *s, size_t n, int code) {
  size_t i = 0;
  while (i < n) {
    char c = s[i];
    size_t cb, ce, e;
    if (c == '`' && (e = codespan(s, n, i, &cb, &ce)) != 0) {
      if (code) saddc(out, CODE_OPEN);
      sadd(out, s + cb, ce - cb);
      if (code) saddc(out, CODE_CLOSE);
      i = e;
    }
    else if (c == '`') {                            /* an unclosed run: literal */
      while (i < n && s[i] == '`') saddc(out, s[i++]);
    }
    else if (c == '\\' && i + 1 < n && ispunct_ascii(s[i + 1])) {
      saddc(out, s[i + 1]);
      i += 2;
    }
    else if (c == '*' && i + 1 < n && s[i + 1] == '*') i += 2;
    else if (c == '*' && i + 1 < n && s[i + 1] != ' ' && (i == 0 || s[i - 1] == ' ' || s[i - 1] == '(')
             && memchr(s + i + 1, '*', n - i - 1) != NULL) i += 1;      /* *emphasis* opens */
    else if (c == '*' && i > 0 && s[i - 1] != ' '
             && (i + 1 == n || s[i + 1] == ' ' || ispunct_ascii(s[i + 1]))) i += 1;
    else if (c == '<' && n - i >= 4 && strncmp(s + i, "<!--", 4) == 0) {
      const char *end = NULL;
      size_t j;
      for (j = i + 4; j + 3 <= n; j++) if (strncmp(s + j, "-->", 3) == 0) { end = s + j; break; }
      i = end ? (size_t)(end - s) + 3 : n;
    }
    else if (c == '[') {                            /* [text](url) -> text */
      size_t j = i + 1, depth = 1, k;
      while (j < n && depth > 0) {
        if (s[j] == '`' && (k = codespan(s, n, j, &cb, &ce)) != 0) { j = k; continue; }
        if (s[j] == '[') depth++;
        else if (s[j] == ']') depth--;
        j++;
      }
      if (depth == 0 && j < n && s[j] == '(' && (k = j) < n && memchr(s + j, ')', n - j) != NULL) {
        while (k < n && s[k] != ')') k++;
        inline_text(out, s + i + 1, j - 1 - (i + 1), code);
        i = k + 1;
      }
      else saddc(out, s[i++]);
    }
    else saddc(out, s[i++]);
  }
}

/* The first sentence of a paragraph (Markdown s[0..n)), without its marks and its final
** '.', ':' or ';': it ends at '.' before a space or the end (not in e.g., i.e., cf., vs.,
** etc.), at "; ", at 。 or ；, and only outside code spans and parentheses. */
static char *summary (const char *s, size_t n) {
  Str out = {NULL, 0, 0};
  size_t i = 0, end = n, depth = 0, cb, ce, k;
  while (i < n) {
    if (s[i] == '`' && (k = codespan(s, n, i, &cb, &ce)) != 0) { i = k; continue; }
    if (s[i] == '(') depth++;
    else if (s[i] == ')' && depth > 0) depth--;
    else if (depth == 0 && s[i] == '.' && (i + 1 == n || s[i + 1] == ' ')) {
      static const char *const abbr[] = {"e.g", "i.e", "cf", "vs", "etc", NULL};
      int a, isabbr = 0;
      for (a = 0; abbr[a]; a++) {
        size_t m = strlen(abbr[a]);
        if (i >= m && strncmp(s + i - m, abbr[a], m) == 0 && (i == m || s[i - m - 1] == ' ' || s[i - m - 1] == '('))
          isabbr = 1;
      }
      if (!isabbr) { end = i; break; }
    }
    else if (depth == 0 && s[i] == ';' && i + 1 < n && s[i + 1] == ' ') { end = i; break; }
    else if (depth == 0 && n - i >= 3 && (strncmp(s + i, "\xe3\x80\x82", 3) == 0    /* 。 */
                                        || strncmp(s + i, "\xef\xbc\x9b", 3) == 0)) { /* ； */
      end = i;
      break;
    }
    i++;
  }
  inline_text(&out, s, end, 0);
  while (out.len > 0 && strchr(" .:;", out.p[out.len - 1])) out.p[--out.len] = '\0';
  return sdetach(&out);
}

/* }====== */

/* {====== Prose and examples ====== */

typedef struct Body {
  Str text;                 /* the prose, as described at the top */
  Str example;              /* the first code block */
  int hasexample;
  char *summary;            /* the first sentence of the first paragraph (NULL: none yet) */
  Str raw;                  /* the paragraph being joined */
  size_t rawindent;         /* its indentation */
  int inblock;              /* raw holds a paragraph */
  int pendingblank;         /* a blank line came since the last line put out */
} Body;

static void putline (Body *b, const char *s, size_t n) {
  if (b->text.len > 0) {
    if (b->pendingblank) saddc(&b->text, '\n');
    saddc(&b->text, '\n');
  }
  b->pendingblank = 0;
  sadd(&b->text, s, n);
}

static void flush (Body *b) {
  Str line = {NULL, 0, 0};
  size_t k;
  if (!b->inblock) return;
  for (k = 0; k < b->rawindent; k++) saddc(&line, ' ');
  inline_text(&line, b->raw.p, b->raw.len, 1);     /* wrapped: keep code whole */
  while (line.len > 0 && line.p[line.len - 1] == ' ') line.len--;
  putline(b, line.p, line.len);
  if (b->summary == NULL) {                         /* without a list marker */
    size_t m = listmarker(b->raw.p, b->raw.len);
    b->summary = summary(b->raw.p + m, b->raw.len - m);
  }
  free(line.p);
  b->raw.len = 0;
  b->inblock = 0;
}

/* A table row '| a | b |' as "\ta\tb"; a rule row '|---|:--:|' as "\t-". */
static void tablerow (Body *b, const char *s, size_t n) {
  Str row = {NULL, 0, 0};
  size_t i = 0, cb, ce, k;
  int rule = 1;
  while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t')) n--;
  if (n > 0 && s[0] == '|') { s++; n--; }
  if (n > 0 && s[n - 1] == '|' && (n < 2 || s[n - 2] != '\\')) n--;
  while (i <= n) {                                   /* one cell per pass */
    size_t j = i, a, e;
    while (j < n && s[j] != '|') {
      if (s[j] == '`' && (k = codespan(s, n, j, &cb, &ce)) != 0) j = k;
      else j += (s[j] == '\\' && j + 1 < n) ? 2 : 1;
    }
    for (a = i; a < j && s[a] == ' '; a++) ;
    for (e = j; e > a && s[e - 1] == ' '; e--) ;
    for (k = a; k < e; k++) if (!strchr("-: ", s[k])) rule = 0;
    if (e == a) rule = 0;
    saddc(&row, '\t');
    inline_text(&row, s + a, e - a, 0);
    i = j + 1;
  }
  if (rule) putline(b, "\t-", 2);
  else putline(b, row.p, row.len);
  free(row.p);
}

/* Render the lines of a body into b. */
static void render (Body *b, const Line *ls, size_t n) {
  size_t k = 0;
  int blankbefore = 1;
  while (k < n) {
    Line l = ls[k];
    size_t ib, ind = indent(l, &ib), m;
    if (isfence(l) || (blankbefore && ind >= 4 && !isblank_line(l))) {     /* a code block */
      int fenced = isfence(l);
      Str code = {NULL, 0, 0};
      size_t last = 0;                             /* code.len after the last non-blank line */
      flush(b);
      if (fenced) k++;
      while (k < n) {
        Line c = ls[k];
        size_t cbytes, cind = indent(c, &cbytes);
        if (fenced && isfence(c)) { k++; break; }
        if (!fenced && !isblank_line(c) && cind < 4) break;
        if (code.len > 0 || !isblank_line(c)) {
          size_t skip = 0, col = 0;
          if (!fenced) while (skip < c.len && col < 4) { col = c.p[skip] == '\t' ? 4 : col + 1; skip++; }
          if (code.len > 0) saddc(&code, '\n');
          sadd(&code, c.p + skip, c.len - skip);
          if (!isblank_line(c)) last = code.len;
        }
        k++;
      }
      code.len = last;
      if (code.p) code.p[code.len] = '\0';
      if (!b->hasexample && code.len > 0) {
        sadd(&b->example, code.p, code.len);
        b->hasexample = 1;
      }
      free(code.p);
      blankbefore = 1;
      b->pendingblank = 1;
      continue;
    }
    k++;
    if (isblank_line(l) || iscomment(l)) {
      flush(b);
      blankbefore = 1;
      b->pendingblank = 1;
      continue;
    }
    if (l.p[ib] == '|') {
      flush(b);
      tablerow(b, l.p + ib, l.len - ib);
      blankbefore = 0;
      continue;
    }
    {
      const char *s = l.p + ib;
      size_t len = l.len - ib;
      while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t')) len--;
      m = listmarker(s, len);
      if (m > 0 || !b->inblock || blankbefore) {
        flush(b);
        b->rawindent = ind;
        b->inblock = 1;
      }
      else {                                        /* a soft line break */
        size_t cl;
        if (!(iscjk(lastcp(b->raw.p, b->raw.len)) && iscjk(decode(s, len, &cl)))) saddc(&b->raw, ' ');
      }
      sadd(&b->raw, s, len);
    }
    blankbefore = 0;
  }
  flush(b);
}

/* }====== */

/* {====== Documents ====== */

typedef struct Group { char *name, *intro; } Group;
typedef struct Entry {
  char *names[MAXNAMES];
  int nnames, group;
  char *sig, *summary, *text, *example;
  const char *file;
  size_t line;
} Entry;

static Group *groups;
static size_t ngroups;
static Entry *entries;
static size_t nentries;

static int findgroup (const char *name) {
  size_t i;
  for (i = 0; i < ngroups; i++) if (strcmp(groups[i].name, name) == 0) return (int)i;
  return -1;
}

/* The entry that documents 'name' already, or NULL. */
static const Entry *documented (const char *name) {
  size_t i;
  int k;
  for (i = 0; i < nentries; i++)
    for (k = 0; k < entries[i].nnames; k++) if (strcmp(entries[i].names[k], name) == 0) return &entries[i];
  return NULL;
}

/* The names an entry heading gives (text after "### "): the API names at the start of the
** code spans before the arrow. Returns their number. */
static int headingnames (const char *h, size_t n, char **names) {
  static const char *const roots[] = {"tifa.", "db:", "db.", "article:", "article.", NULL};
  size_t i = 0, cb, ce, e;
  int nn = 0;
  while (i < n) {
    if ((n - i >= 3 && strncmp(h + i, ARROW, 3) == 0) || (n - i >= 2 && strncmp(h + i, "->", 2) == 0))
      break;                                        /* the names come before the arrow */
    if (h[i] == '`' && (e = codespan(h, n, i, &cb, &ce)) != 0) {
      size_t j = cb;
      int r;
      while (j < ce && (h[j] == '_' || h[j] == '.' || h[j] == ':' || (h[j] >= 'a' && h[j] <= 'z')
                        || (h[j] >= 'A' && h[j] <= 'Z') || (h[j] >= '0' && h[j] <= '9'))) j++;
      for (r = 0; roots[r]; r++) {
        size_t m = strlen(roots[r]);
        if (j - cb > m && strncmp(h + cb, roots[r], m) == 0 && nn < MAXNAMES) {
          names[nn++] = dupn(h + cb, j - cb);
          break;
        }
      }
      i = e;
    }
    else i++;
  }
  return nn;
}

/* Is l a heading (a '#' in column 1, then '#'s and a space)? Its level, else 0. */
static int headinglevel (Line l, size_t *textstart) {
  size_t i = 0;
  while (i < l.len && l.p[i] == '#') i++;
  if (i == 0 || i > 6 || i >= l.len || l.p[i] != ' ') return 0;
  *textstart = i + 1;
  return (int)i;
}

static void readdoc (const char *srcdir, const char *file) {
  Str path = {NULL, 0, 0}, data = {NULL, 0, 0};
  FILE *f;
  char chunk[8192];
  size_t got, nl = 0, i, bad, start;
  Line *ls;
  char *group = NULL;                               /* the group entries go into now */
  const Line *intro = NULL;                         /* the lines under its heading */
  size_t nintro = 0;
  sadds(&path, srcdir);
  saddc(&path, '/');
  sadds(&path, file);
  if ((f = fopen(path.p, "rb")) == NULL) die("cannot open '%s' (%s)", path.p, strerror(errno));
  while ((got = fread(chunk, 1, sizeof(chunk), f)) > 0) sadd(&data, chunk, got);
  if (ferror(f)) die("cannot read '%s' (%s)", path.p, strerror(errno));
  fclose(f);
  if (data.p == NULL) sadd(&data, "", 0);
  if ((bad = badutf8(data.p, data.len)) != data.len) die("%s: invalid UTF-8 at byte %zu", file, bad + 1);
  for (i = 0; i < data.len; i++) if (data.p[i] == '\n') nl++;
  if ((ls = (Line *)calloc(nl + 1, sizeof(Line))) == NULL) die("not enough memory");
  nl = 0;
  for (start = 0, i = 0; i <= data.len; i++) {
    if (i == data.len || data.p[i] == '\n') {
      size_t e = i;
      if (e > start && data.p[e - 1] == '\r') e--;
      if (i < data.len || e > start) { ls[nl].p = data.p + start; ls[nl].len = e - start; nl++; }
      start = i + 1;
    }
  }
  for (i = 0; i < nl; ) {
    size_t ts, j;
    int level = headinglevel(ls[i], &ts), infence = 0;
    if (level == 0) { i++; continue; }
    for (j = i + 1; j < nl; j++) {                  /* the body: up to the next heading */
      if (isfence(ls[j])) infence = !infence;
      else if (!infence && headinglevel(ls[j], &start)) break;
    }
    if (level <= 2) {
      Str name = {NULL, 0, 0};
      inline_text(&name, ls[i].p + ts, ls[i].len - ts, 0);
      while (name.len > 0 && name.p[name.len - 1] == ' ') name.p[--name.len] = '\0';
      free(group);
      group = sdetach(&name);
      intro = ls + i + 1;
      nintro = j - i - 1;
    }
    else if (level == 3 && ts < ls[i].len && ls[i].p[ts] == '`') {
      Entry e;
      int k, kept = 0;
      memset(&e, 0, sizeof(e));
      e.nnames = headingnames(ls[i].p + ts, ls[i].len - ts, e.names);
      for (k = 0; k < e.nnames && k < MAXNAMES; k++) {   /* the first document of a name wins */
        const Entry *d = documented(e.names[k]);
        if (d) {
          fprintf(stderr, "helpgen: %s:%zu: warning: '%s' is documented already (%s:%zu); "
                  "this one is left out\n", file, i + 1, e.names[k], d->file, d->line);
          free(e.names[k]);
        }
        else e.names[kept++] = e.names[k];
      }
      e.nnames = kept;
      if (e.nnames > 0) {
        Body b;
        Str sig = {NULL, 0, 0};
        memset(&b, 0, sizeof(b));
        if (group == NULL) group = dupn(file, strlen(file));
        if ((e.group = findgroup(group)) < 0) {   /* a new group, with its introduction */
          Body gb;
          Group *g = (Group *)realloc(groups, (ngroups + 1) * sizeof(Group));
          if (g == NULL) die("not enough memory");
          groups = g;
          memset(&gb, 0, sizeof(gb));
          render(&gb, intro, nintro);
          groups[ngroups].name = dupn(group, strlen(group));
          groups[ngroups].intro = sdetach(&gb.text);
          free(gb.example.p);
          free(gb.raw.p);
          free(gb.summary);
          e.group = (int)ngroups++;
        }
        inline_text(&sig, ls[i].p + ts, ls[i].len - ts, 0);
        while (sig.len > 0 && sig.p[sig.len - 1] == ' ') sig.p[--sig.len] = '\0';
        e.sig = sdetach(&sig);
        render(&b, ls + i + 1, j - i - 1);
        e.text = sdetach(&b.text);
        e.example = sdetach(&b.example);
        e.summary = b.summary ? b.summary : dupn("", 0);
        free(b.raw.p);
        e.file = file;
        e.line = i + 1;
        {
          Entry *ne = (Entry *)realloc(entries, (nentries + 1) * sizeof(Entry));
          if (ne == NULL) die("not enough memory");
          entries = ne;
          entries[nentries++] = e;
        }
      }
    }
    i = j;
  }
  free(group);
  free(ls);
  free(data.p);
  free(path.p);
}

/* }====== */

/* {====== Output ====== */

/* s as a C string literal, a line of source per line of text ('?' after '?' escaped, so no
** trigraph forms; bytes >= 0x80 as they are). */
static void cstring (FILE *out, const char *s) {
  fputc('"', out);
  for (; *s; s++) {
    unsigned char c = (unsigned char)*s;
    if (c == '"' || c == '\\') fprintf(out, "\\%c", c);
    else if (c == '\n') fputs(s[1] ? "\\n\"\n  \"" : "\\n", out);
    else if (c == '\t') fputs("\\t", out);
    else if (c == '?' && s[1] == '?') fputs("?\\", out);   /* "?\?" */
    else if (c < 0x20 || c == 0x7F) fprintf(out, "\\%03o", c);
    else fputc(c, out);
  }
  fputc('"', out);
}

static void writeout (const char *outpath, char **files, int nfiles) {
  Str tmp = {NULL, 0, 0};
  FILE *out;
  size_t i;
  int k;
  sadds(&tmp, outpath);
  sadds(&tmp, ".tmp");
  if ((out = fopen(tmp.p, "wb")) == NULL) die("cannot open '%s' (%s)", tmp.p, strerror(errno));
  fputs("/* generated by host/help/helpgen.c from", out);
  for (k = 0; k < nfiles; k++) fprintf(out, " %s", files[k]);
  fputs(": do not edit */\n#include <stddef.h>\n#include \"lhelp.h\"\n\n", out);
  for (i = 0; i < nentries; i++) {
    const Entry *e = &entries[i];
    fprintf(out, "/* %s:%zu */\nstatic const char sig%zu[] = ", e->file, e->line, i);
    cstring(out, e->sig);
    fprintf(out, ";\nstatic const char text%zu[] = ", i);
    cstring(out, e->text);
    fprintf(out, ";\nstatic const char example%zu[] = ", i);
    cstring(out, e->example);
    fputs(";\n\n", out);
  }
  fputs("const tifai_helpgroup tifai_helpgroups[] = {\n", out);
  for (i = 0; i < ngroups; i++) {
    fputs("  {", out);
    cstring(out, groups[i].name);
    fputs(",\n   ", out);
    cstring(out, groups[i].intro);
    fputs("},\n", out);
  }
  fputs("  {NULL, NULL}\n};\n\nconst tifai_helpentry tifai_helpentries[] = {\n", out);
  for (i = 0; i < nentries; i++) {
    const Entry *e = &entries[i];
    for (k = 0; k < e->nnames; k++) {
      fputs("  {", out);
      cstring(out, e->names[k]);
      fprintf(out, ", %d, sig%zu, ", e->group, i);
      cstring(out, e->summary);
      fprintf(out, ", text%zu, example%zu, ", i, i);
      cstring(out, e->file);
      fputs("},\n", out);
    }
  }
  fputs("  {NULL, 0, NULL, NULL, NULL, NULL, NULL}\n};\n", out);
  if (ferror(out) | fclose(out)) die("cannot write '%s'", tmp.p);
  if (rename(tmp.p, outpath) != 0) die("cannot rename '%s' (%s)", tmp.p, strerror(errno));
  free(tmp.p);
}

/* }====== */

int main (int argc, char **argv) {
  int k;
  size_t i;
  if (argc < 3) die("usage: helpgen OUT.c SRCDIR DOC.md...");
  for (k = 3; k < argc; k++) readdoc(argv[2], argv[k]);
  writeout(argv[1], argv + 3, argc - 3);
  for (i = 0; i < nentries; i++) {
    for (k = 0; k < entries[i].nnames; k++) free(entries[i].names[k]);
    free(entries[i].sig); free(entries[i].summary); free(entries[i].text); free(entries[i].example);
  }
  for (i = 0; i < ngroups; i++) { free(groups[i].name); free(groups[i].intro); }
  free(entries);
  free(groups);
  return 0;
}
