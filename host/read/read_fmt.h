/*
** read_fmt.h -- internals shared by reader.c and the format readers read_*.c: the reader
** object, the line table of whole-document formats, the article builder, the HTML text
** extractor (read_html.c, also used by read_markdown.c) and the record field names (JSONL, CSV).
*/
#ifndef TIFA_READ_FMT_H
#define TIFA_READ_FMT_H

#include <stddef.h>
#include <stdint.h>
#include "tifa.h"
#include "buf.h"
#include "reader.h"

/* {====== Line table: a whole document as fed ====== */
typedef struct tifai_line {
  size_t off;                       /* start of the line in the table's text */
  uint64_t raw_start, raw_end;      /* as fed */
} tifai_line;

typedef struct tifai_lines {
  tifai_buf text;                   /* the lines, each followed by "\n" */
  tifai_line *v;                    /* v[i] is line i+1 */
  size_t n, cap;
} tifai_lines;

/* The raw byte range of lines l0..l1 (1-based, clamped to the table); 0, 0 if it is empty. */
void tifai_lines_range (const tifai_lines *L, int l0, int l1, uint64_t *b0, uint64_t *b1);
/* }====== */

/* {====== Article builder: the paragraphs of the article being read ====== */
typedef struct tifai_docb {
  tifai_buf text;                   /* paragraph texts, each NUL-terminated */
  tifai_para *v;                    /* v[i].text is set only when handed over */
  size_t *off;                      /* off[i]: where v[i]'s text starts in 'text' */
  size_t n, cap;
  int oom;                          /* sticky, as in tifai_buf */
} tifai_docb;

/* Copy s[0..len) as a new paragraph, unless it is blank (white space only, Unicode spaces
** included). Returns TIFA_OK or TIFA_NOMEM. */
int tifai_docb_add (tifai_docb *b, const char *s, size_t len, int kind,
                    int l0, int l1, uint64_t b0, uint64_t b1);
/* The same for a paragraph that is one link, whose target is href[0..hreflen). */
int tifai_docb_addlink (tifai_docb *b, const char *s, size_t len, int kind, int l0, int l1,
                        uint64_t b0, uint64_t b1, const char *href, size_t hreflen);
/* The same for each piece of s[0..len) between line breaks ("\n", "\r\n", "\r"); every
** piece gets the same source range, and is 'soft' when a single line break (no blank line)
** comes before it. */
int tifai_docb_addlines (tifai_docb *b, const char *s, size_t len, int kind,
                         int l0, int l1, uint64_t b0, uint64_t b1);
/* Drop the 'n' paragraphs from index 'i' on. */
void tifai_docb_remove (tifai_docb *b, size_t i, size_t n);
void tifai_docb_reset (tifai_docb *b);
void tifai_docb_free (tifai_docb *b);

/* 1 if s[0..len) holds only white space (ASCII, NBSP, U+2000-U+200B, U+3000, BOM, ...). */
int tifai_isblank (const char *s, size_t len);
/* Narrow *s, *len to exclude the same white space at both ends. */
void tifai_trim (const char **s, size_t *len);
/* }====== */

/* {====== The reader ====== */
typedef struct tifai_fmtops {
  int keeplines;                    /* 1: reader.c keeps every line in r->lines (whole documents) */
  int (*line) (tifai_reader *r, const char *s, size_t len,   /* each line; NULL if keeplines */
               uint64_t b0, uint64_t b1);
  int (*finish) (tifai_reader *r);  /* end of input: parse (whole documents), check, deliver */
  void (*close) (tifai_reader *r);  /* frees r->st; may be NULL */
} tifai_fmtops;

struct tifai_reader {
  int fmt;                          /* TIFAI_FMT_* */
  const tifai_fmtops *ops;
  tifai_doc_fn f;
  void *ud;
  int rc;                           /* sticky: the first error or stop, TIFA_OK until then */
  int finished;                     /* tifai_reader_finish was called */
  int nline;                        /* lines fed so far; the current line's number */
  uint64_t raw0, raw1;              /* raw range of all lines fed */
  tifai_lines lines;                /* whole-document formats */
  tifai_docb docb;                  /* the article being built */
  void *st;                         /* per-format state (csv) */
  tifai_note_fn note;               /* records left out or stored with a problem, or NULL */
  void *noteud;
  void *xml;                        /* libxml2 parser context (html, markdown), made on first use */
  char err[TIFA_ERRMAX];
};

extern const tifai_fmtops tifai_fmt_text, tifai_fmt_markdown, tifai_fmt_html,
                          tifai_fmt_jsonl, tifai_fmt_csv;

/* Write "line N: <message>" into r->err (N omitted when line <= 0) and return 'rc'. */
int tifai_reader_fail (tifai_reader *r, int rc, int line, const char *fmt, ...)
#if defined(__GNUC__)
  __attribute__((format(printf, 4, 5)))
#endif
  ;
/* A record left out ('failed' 1) or stored with a problem (0), at 'line': to the note hook,
** if any. Returns TIFA_OK or the hook's non-zero result. */
int tifai_reader_note (tifai_reader *r, int failed, int line, const char *fmt, ...)
#if defined(__GNUC__)
  __attribute__((format(printf, 4, 5)))
#endif
  ;
/* Hand over 'd' with the paragraphs of r->docb, then reset r->docb. An article without
** paragraphs is not handed over. Returns TIFA_OK, TIFA_NOMEM (the builder ran out of memory)
** or the callback's non-zero result. */
int tifai_reader_emit (tifai_reader *r, tifai_doc *d);
/* }====== */

/* {====== HTML text (read_html.c) ====== */
/* Append the paragraphs of the HTML fragment s[0..len) to r->docb. 'line0' is the line of
** r->lines where the fragment starts; 'kind' is the kind of paragraphs not inside a heading,
** list item, quote or pre. Returns TIFA_OK, TIFA_NOMEM or TIFA_TOOBIG (over 2 GB). */
int tifai_html_fragment (tifai_reader *r, const char *s, size_t len, int line0, int kind);
/* Free r->xml, if any. */
void tifai_html_close (tifai_reader *r);
/* }====== */

/* {====== Record fields (read_jsonl.c, also used by read_csv.c) ====== */
struct json_t;                      /* jansson's json_t */
#define TIFAI_F_BODY    0
#define TIFAI_F_TITLE   1
#define TIFAI_F_DATE    2
#define TIFAI_F_AUTHOR  3
#define TIFAI_F_OUTLET  4
#define TIFAI_F_URL     5
#define TIFAI_F_N       6

/* The field a record key names (ASCII case-insensitive: text/content/body/正文/内容, title/标题,
** date/日期/发布日期/发布时间, author/作者, source/outlet/来源/媒体, url/link/链接/网址),
** or -1; '*rank' orders synonyms: when a record has several, the lowest rank wins and the
** others go to meta. */
int tifai_field_of (const char *key, size_t len, int *rank);
/* Hand over the article of one record: fields f[TIFAI_F_*] (NULL or blank: absent; the body
** is split into paragraphs at line breaks), 'meta' (a jansson object or NULL; its compact
** UTF-8 JSON becomes doc->meta) and the record's source range. Returns as tifai_reader_emit. */
int tifai_record_emit (tifai_reader *r, const char *const f[TIFAI_F_N], struct json_t *meta,
                       int l0, int l1, uint64_t b0, uint64_t b1);
/* }====== */

#endif
