/*
** reader.h -- the format readers of ingest: they take a file as decoded UTF-8 lines (with
** each line's byte range in the raw file) and hand over articles as read, i.e. decoded but
** not yet folded or stored. One reader per format: read_text.c (plain text), read_markdown.c
** (CommonMark, via cmark), read_html.c (via libxml2's HTML parser, loaded when first needed),
** read_jsonl.c (via jansson), read_csv.c (via libcsv). Readers may run in several threads at
** once, each reader object in one. The store folds, cuts and stores what they hand over.
*/
#ifndef TIFA_READER_H
#define TIFA_READER_H

#include <stddef.h>
#include <stdint.h>

#define TIFAI_FMT_TEXT      1
#define TIFAI_FMT_MARKDOWN  2
#define TIFAI_FMT_HTML      3
#define TIFAI_FMT_JSONL     4
#define TIFAI_FMT_CSV       5

/* Kinds of paragraph, kept so that later stages can tell structure from prose. */
#define TIFAI_PARA_TEXT     0
#define TIFAI_PARA_HEADING  1       /* a heading inside the article (md #, html h1-h6) */
#define TIFAI_PARA_ITEM     2       /* a list item */
#define TIFAI_PARA_QUOTE    3       /* a block quote */
#define TIFAI_PARA_CODE     4       /* preformatted text */

typedef struct tifai_para {         /* one paragraph as read */
  const char *text;                 /* decoded UTF-8, not folded; may hold inner newlines */
  size_t len;                       /* bytes of 'text' */
  uint64_t byte_start, byte_end;    /* its source range in the raw file, bytes */
  int line_start, line_end;         /* its source lines, 1-based, inclusive */
  int kind;                         /* TIFAI_PARA_* */
  int level;                        /* heading level 1-6 (Markdown, HTML), else 0 */
  int bold;                         /* HTML: all its text is in <strong> or <b> */
  int soft;                         /* a piece of a text field after a single line break
                                       (no blank line before it): tifai_docb_addlines */
  const char *href;                 /* the paragraph is one link: its target (NUL-terminated,
                                       hreflen bytes); NULL otherwise */
  size_t hreflen;
} tifai_para;

typedef struct tifai_doc {          /* one article as read; strings NUL-terminated or NULL */
  const char *title;                /* NULL: the store takes the first paragraph's line */
  const char *author, *outlet, *date, *url;     /* NULL when the format gives none */
  const char *meta;                 /* a JSON object of other fields, or NULL */
  const tifai_para *paras;
  size_t npara;
  uint64_t byte_start, byte_end;    /* the article's range in the raw file */
  int line_start, line_end;         /* 1-based, inclusive */
  int front_lines;                  /* Markdown: lines 1..front_lines are front matter, read
                                       into the fields and meta above (0: none) */
} tifai_doc;

/* Receives each article; everything it points to is valid only during the call. A
** non-zero return stops reading and is returned by tifai_reader_line/finish. */
typedef int (*tifai_doc_fn) (void *ud, const tifai_doc *doc);

typedef struct tifai_reader tifai_reader;

/* Receives a record (JSON Lines, CSV) that is not stored ('failed' 1: "record has no text")
** or is stored with a problem ('failed' 0: an unreadable date, left out), with the line where
** the record starts. The message is valid only during the call. A non-zero return stops
** reading, as for tifai_doc_fn. */
typedef int (*tifai_note_fn) (void *ud, int line, int failed, const char *msg);

/* The format for a path by its extension (case-insensitive): .txt and unknown -> TEXT,
** .md/.markdown -> MARKDOWN, .html/.htm/.xhtml -> HTML, .jsonl/.ndjson -> JSONL, .csv -> CSV. */
int tifai_format_of_path (const char *path);
/* The format named "text", "markdown"/"md", "html", "jsonl", "csv"; 0 if none. */
int tifai_format_of_name (const char *name);
/* Static lowercase name of a format ("text", "markdown", "html", "jsonl", "csv"). */
const char *tifai_format_name (int fmt);

/* Create a reader for 'fmt' that calls 'f(ud, doc)' for each article. Returns TIFA_OK and
** '*out', or TIFA_NOMEM ('*out' NULL). */
int tifai_reader_new (int fmt, tifai_doc_fn f, void *ud, tifai_reader **out);
/* Send the reader's notes to 'f(ud, ...)'. Without it, records that cannot be stored are
** left out without a word. */
void tifai_reader_onnote (tifai_reader *r, tifai_note_fn f, void *ud);
/* Feed the next line of the file, in order (line numbers are counted from 1). Returns
** TIFA_OK, the callback's non-zero result, TIFA_NOMEM, or TIFA_FORMAT with a message
** (tifai_reader_errmsg) that names the line, e.g. "line 57: invalid JSON (...)". */
int tifai_reader_line (tifai_reader *r, const char *line, size_t len,
                       uint64_t raw_start, uint64_t raw_end);
/* End of input: whole-document formats (text, markdown, html) parse and deliver here. */
int tifai_reader_finish (tifai_reader *r);
const char *tifai_reader_errmsg (tifai_reader *r);     /* "" if none; owned by 'r' */
void tifai_reader_free (tifai_reader *r);              /* NULL is a no-op */

#endif
