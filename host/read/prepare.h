/*
** prepare.h -- reading one file into clean articles, without the store: pass 1 hashes the
** bytes and detects the encoding (or refuses the file); pass 2 decodes them into lines, cuts
** articles with the format's reader and folds their text, handing over each article (and
** the raw bytes as they are read). Ingest stores what comes out: in the same thread for
** large files, or from a list that a worker thread prepared while the store was writing.
** Nothing here touches SQLite, so it may run in any thread.
*/
#ifndef TIFA_PREPARE_H
#define TIFA_PREPARE_H

#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include "tifa_text.h"
#include "tifa_read.h"
#include "buf.h"

#define TIFAI_HEXLEN  64            /* SHA-256 in hex, without the NUL */

typedef struct tifai_source {       /* a file descriptor or a buffer, read twice */
  int fd;                           /* -1 for a buffer */
  const unsigned char *data;        /* the buffer */
  uint64_t size, pos;
} tifai_source;

typedef struct tifai_parainfo {     /* a paragraph of a clean article */
  int64_t cstart, cend;             /* char offsets in the article's text */
  int64_t bstart, bend;             /* byte range in the raw file */
  int lstart, lend;                 /* source lines, 1-based, inclusive */
  int kind;                         /* TIFAI_PARA_* */
} tifai_parainfo;

typedef struct tifai_article {      /* a clean article; strings NUL-terminated, or NULL */
  const char *title;                /* never NULL */
  const char *author, *outlet, *date, *url, *meta;
  const char *kicker, *subtitle, *series, *affiliation, *editor, *place, *date_precision;
  const tifa_para_src *dropped;     /* lines the layout took out, with the reasons */
  const char *const *why;
  size_t ndropped;
  const char *text;                 /* never NULL: the folded paragraphs joined by "\n" */
  size_t titlelen, textlen;         /* bytes */
  int title_derived;                /* 1: the title is a copy of the text's start (no title
                                       given), which is not indexed as text */
  const char *genre;                /* "news", "law", "document", "speech", "case", "record", or NULL */
  const char *date_source;          /* "dateline", "field", "filename", "text" or "none" */
  const char *effective, *events;   /* a law's 施行 date and header events (JSON), or NULL */
  int64_t nchars;                   /* code points of text */
  const tifai_parainfo *paras;
  size_t npara;
  uint64_t byte_start, byte_end;
  int line_start, line_end;
} tifai_article;

/* Receives each article (valid during the call); a non-zero return stops pass 2. */
typedef int (*tifai_article_fn) (void *ud, const tifai_article *a);
/* Receives the raw bytes of pass 2 in order, 'at' their offset; non-zero stops. */
typedef int (*tifai_raw_fn) (void *ud, const void *p, size_t n, uint64_t at);

/* Pass 1 on 'src' (from its start): '*res' gets the detection, 'hex' the SHA-256. Returns
** TIFA_OK, TIFA_IO (message in 'msg') or TIFA_INTERRUPTED when '*stop' becomes non-zero.
** 'chunk' is scratch of 'chunksz' bytes. */
int tifai_prepare_sniff (tifai_source *src, unsigned char *chunk, size_t chunksz,
                         volatile sig_atomic_t *stop, tifa_sniff_result *res,
                         char hex[TIFAI_HEXLEN + 1], char *msg, size_t msgsz);

/* Pass 2 on 'src' (rewound here) in encoding 'enc' (TIFA_ENC_*) and format 'fmt'
** (TIFAI_FMT_*), 'size' bytes expected. Calls 'rawf' (may be NULL) per chunk and 'artf' per
** article. Returns TIFA_OK, or the failure's code with a message naming the line or byte
** ("invalid GB18030 at byte 1234", "line 2: invalid JSON (...)"), or what a callback
** returned (its message is the caller's). */
typedef struct tifai_cutopts {      /* how pass 2 cuts pages into articles */
  const char *path;                 /* the file's stored path (for split hooks) */
  const char *const *meta;          /* "key=value" fields for every article, or NULL */
  int (*split) (void *ud, const tifa_page *page, tifa_cutter *c);   /* or NULL: the rules */
  void *ud;
  int nolayout;                     /* 1: no layout analysis (benchmarks): a page is one article */
  const char *genre;                /* every page's genre and its rules (static), or NULL:
                                       detected page by page */
  struct tifai_account *acct;       /* or NULL: where each page's characters went, added up */
  tifai_buf *notes;                 /* or NULL: emptied, then gets the reader's notes on records
                                       (JSONL, CSV), each "F<line>:<message>" for a record left
                                       out or "W<line>:<message>" for one stored with a problem,
                                       NUL-terminated (tifai_prepare_note reads them) */
} tifai_cutopts;

int tifai_prepare_cut (tifai_source *src, unsigned char *chunk, size_t chunksz, int enc,
                       int fmt, uint64_t size, volatile sig_atomic_t *stop,
                       const tifai_cutopts *co, tifai_raw_fn rawf, tifai_article_fn artf,
                       void *ud, char *msg, size_t msgsz);

/* The note at '*at' in 'notes' (see tifai_cutopts): its line, whether the record was left
** out, and its message; moves '*at' past it. Returns 0 at the end. */
int tifai_prepare_note (const tifai_buf *notes, size_t *at, int *line, int *failed,
                        const char **msg);

/* {====== A list of articles kept in memory ====== */

typedef struct tifai_artlist {
  tifai_buf strings;                /* the articles' strings, NUL-separated */
  tifai_buf entries;                /* one record per article (offsets into 'strings') */
  tifai_buf paras;                  /* all paragraphs, in order */
  size_t n;                         /* articles */
} tifai_artlist;

#define TIFAI_ARTLIST_INIT {TIFAI_BUF_INIT, TIFAI_BUF_INIT, TIFAI_BUF_INIT, 0}

/* Copy 'a' to the end of the list; returns TIFA_OK or TIFA_NOMEM. */
int tifai_artlist_add (tifai_artlist *l, const tifai_article *a);
/* Article i of the list into '*a', pointing into the list (valid until it changes). */
void tifai_artlist_get (const tifai_artlist *l, size_t i, tifai_article *a);
void tifai_artlist_free (tifai_artlist *l);

/* }====== */

#endif
