/*
** tifa_read.h -- how tifa reads a file into articles: the paragraphs of a page, the articles
** cut from it, and what a split hook (tifa_ingest_opts.split, in tifa_store.h) receives and
** hands back. Included by tifa_store.h; it needs no store, so the readers (host/read/) use it
** without depending on the store. Nothing here includes lua.h.
*/
#ifndef TIFA_READ_H
#define TIFA_READ_H

#include <stddef.h>
#include <stdint.h>
#include "tifa.h"

/* {====== Cutting pages into articles ======
** Ingest reads a file as a page (a paragraph per line of text, or per block of Markdown,
** HTML and records) and cuts it into articles with the layout rules (layout.c): it
** joins paragraphs that page breaks and hard wraps cut, drops verbatim repeats, takes
** bylines, datelines, editors, sources and site furniture out of the text into fields, and
** finds where articles start (titles, kickers, subtitles, series labels). A split hook
** (tifa_ingest_opts.split) may cut a page its own way instead.
*/

#define TIFA_PARA_TEXT      0       /* prose */
#define TIFA_PARA_HEADING   1       /* a section heading inside an article */
#define TIFA_PARA_ITEM      2       /* a list item: "- ...", "（一）...", "一、...", "一是..." */
#define TIFA_PARA_QUOTE     3       /* a quotation (block quote, quote box) */
#define TIFA_PARA_CODE      4       /* preformatted text */

typedef struct tifa_para_src {      /* a paragraph and where it came from */
  const char *text;                 /* UTF-8, not NUL-terminated */
  size_t len;                       /* bytes */
  int kind;                         /* TIFA_PARA_* */
  int line_start, line_end;         /* source lines, 1-based, inclusive */
  uint64_t byte_start, byte_end;    /* source bytes, end exclusive */
} tifa_para_src;

typedef struct tifa_cut_article {   /* an article as cut; strings NUL-terminated or NULL */
  const char *title, *kicker, *subtitle, *series;
  const char *author, *affiliation, *editor, *outlet, *place;
  const char *date;                 /* ISO 8601: 2024-03-18, 2024-03, 2024 or --04-23 */
  const char *date_precision;       /* "day", "month", "year", "month-day", or NULL */
  const char *url;
  const char *meta;                 /* a JSON object of other fields, or NULL */
  const tifa_para_src *paras;       /* its paragraphs, in order */
  size_t npara;
  const tifa_para_src *dropped;     /* lines taken out (bylines, furniture, repeats...), */
  const char *const *why;           /* each with the reason: why[i] for dropped[i] */
  size_t ndropped;
  int line_start, line_end;         /* the lines it spans, 1-based */
  const char *genre;                /* "news", "law", "document", "speech", "case", "record", or NULL */
  const char *date_source;          /* where 'date' came from: "dateline", "field",
                                       "filename", "text", or NULL (no date: "none") */
  const char *effective;            /* a law's 施行 date (ISO 8601), or NULL */
  const char *events;               /* a law's dated header lines as a JSON list of
                                       {"date":..., "kind":..., "text":...}, or NULL */
} tifa_cut_article;

typedef struct tifa_page {          /* what a split hook receives */
  const char *path;                 /* as stored */
  const char *format;               /* "text", "markdown", ... */
  const tifa_para_src *paras;       /* the page as read: a paragraph per line or block */
  size_t npara;
  const tifa_cut_article *cut;      /* what the layout rules made of it */
  size_t ncut;
} tifa_page;

typedef struct tifa_cutter tifa_cutter;

/* Where the characters of a file's body went (tifa_ingest_opts.account). The body is what
** the format's reader hands to the layout, after decoding and the reader's own markup
** stripping (Markdown syntax, HTML tags, a record's columns other than its text): its code
** points other than white space (joins and trims only move white space), counted before
** folding. Each goes to an article's text ('kept'), one of its fields ('fields': title,
** kicker, dateline...), or a dropped block with its reason ('dropped'); 'missing' is what is
** left (body - kept - fields - dropped; negative when text was counted twice). */
typedef struct tifa_account_part {  /* the blocks taken out for one reason */
  const char *why;                  /* "title", "repeat", "site furniture", ... (static) */
  int field;                        /* 1: into a field; 0: dropped */
  long blocks;
  int64_t chars;
} tifa_account_part;

typedef struct tifa_account_gap {   /* a paragraph as read that no article holds */
  int line_start, line_end;         /* source lines, 1-based, inclusive */
  int64_t chars;
} tifa_account_gap;

typedef struct tifa_account {
  int64_t body, kept, fields, dropped, missing;
  const tifa_account_part *parts;   /* by reason, in the order first met */
  size_t nparts;
  const tifa_account_gap *gaps;     /* where text went missing, in page order */
  size_t ngaps;
} tifa_account;

/* From a split hook: add article 'a' (copied; fields are folded as at ingest; a NULL title
** takes the first paragraph's line). Returns TIFA_OK or TIFA_NOMEM. */
TIFA_API int tifa_cut_add (tifa_cutter *c, const tifa_cut_article *a);
/* From a split hook about to fail: the message for the file's report (copied). */
TIFA_API void tifa_cut_fail (tifa_cutter *c, const char *msg);

/* }====== */

#endif
