/*
** store.h -- internals of host/store shared between its files: the handle, the schema,
** the tokenizer and the query compiler. See tifa_store.h for the public half.
*/
#ifndef TIFA_STOREI_H
#define TIFA_STOREI_H

#include <signal.h>
#include <sqlite3.h>
#include "tifa_store.h"
#include "buf.h"

typedef struct tifai_tapes tifai_tapes;

struct tifa_store {
  sqlite3 *db;                      /* the connection */
  char *path;                       /* as given to open; "sample corpus" for the embedded one */
  int readonly;                     /* opened read-only */
  volatile sig_atomic_t interrupted;    /* set by tifa_store_interrupt */
  char errmsg[TIFA_ERRMAX];         /* last failure */
  tifai_tapes *tapes;               /* word tapes of committed articles, until the flush */
};

/* Record a failure message on 's' (printf-style) and return 'rc'. */
int tifai_store_fail (tifa_store *s, int rc, const char *fmt, ...);
/* Record SQLite's message for 'what' ("cannot insert article (disk is full)") and return the
** matching TIFA_* code (TIFA_BUSY for a locked store, TIFA_READONLY, TIFA_DB otherwise). */
int tifai_store_dberr (tifa_store *s, const char *what);
/* Map a SQLite result code to a TIFA_* code. */
int tifai_rc_of_sqlite (int rc);

/* Create or migrate the schema of a writable connection to TIFA_SCHEMA_VERSION. */
int tifai_schema_apply (tifa_store *s);
/* SQL for the title of article 't' (a table name or alias) as the indexes and searches see
** it: empty when it is derived from the text (article.title_source), so that no passage is
** counted twice. */
#define TIFAI_INDEXED_TITLE(t)  "iif(" t ".title_source = 'derived', '', " t ".title)"
/* Index the articles listed in fts_pending, in one transaction (bulk indexing is several
** times faster than indexing file by file). Returns TIFA_OK or the failure's code. */
int tifai_index_flush (tifa_store *s);
/* After an ingest that added 'newchars' characters: if that is a quarter of the store or
** more, merge the index into one segment ('optimize': queries read each term once; costs
** about a fifth of the ingest). Small additions leave it to FTS5's automerge. */
int tifai_index_tidy (tifa_store *s, int64_t newchars);
/* 1 if some articles wait for the index (search scans them), 0 if none. */
int tifai_index_pending (tifa_store *s);
/* Register tifa's FTS5 tokenizers ("tifa", "tifa_words") with the connection; the word
** tokenizer replays the tapes in '*tapes' ('tapes' may be NULL: it always segments).
** Returns a SQLite code. */
int tifai_tokenizer_register (sqlite3 *db, tifai_tapes **tapes);
/* Is cp a character the indexes keep (a letter or a digit of any script)? */
int tifai_indexed_cp (int32_t cp);

/* {====== The word index (wordindex.c) ====== */

/* Register the tokenizer "tifa_words", replaying the tapes in '*tapes' (may be NULL). */
int tifai_wordindex_register (fts5_api *api, tifai_tapes **tapes);
/* If the word index was built by other rules or another dictionary, rebuild it (one
** transaction). Call with no article pending. Returns TIFA_OK or the failure's code. */
int tifai_wordindex_check (tifa_store *s);
/* The word boundaries of s[0..len), for verification: in b[0..len], TIFAI_WORD_STARTS where
** a word of the accurate cut starts and TIFAI_WORD_ENDS where one ends; appended to 'inner',
** the spans of the dictionary words inside longer words (pairs of size_t byte offsets,
** sorted). Returns TIFA_OK or TIFA_NOMEM. */
#define TIFAI_WORD_STARTS  1
#define TIFAI_WORD_ENDS    2
int tifai_word_bounds (const char *s, size_t len, unsigned char *b, tifai_buf *inner);
/* Is s[from..to) words of the index: it starts and ends on boundaries of the accurate cut,
** or it is one word inside a longer one? 'b', 'inner' and 'ninner' as tifai_word_bounds
** made them. */
int tifai_word_at (const unsigned char *b, const size_t *inner, size_t ninner, size_t from,
                   size_t to);
/* 1 if s[0..len) (a query term) holds a word the index keeps, 0 if not, -1 when the
** segmenter ran out of memory. */
int tifai_words_any (const char *s, size_t len);

/* }====== */

/* {====== Tapes (wordtape.c) ======
** A text's word-index tokens recorded ahead of its insert (by the ingest's worker thread),
** kept by the text until the index flush inserts it: the word tokenizer then replays the
** tape instead of segmenting the text again on the writer's thread. */

typedef struct tifai_tape {
  uint64_t h[2];                    /* the text's key: a seeded 128-bit hash of its bytes */
  size_t textlen;                   /* and its length */
  size_t n;                         /* bytes of records */
  unsigned char rec[];              /* the tokens, as tifai_wordtape_make records them */
} tifai_tape;

/* The tokens of the word index for s[0..len) as a tape, or NULL when out of memory. */
tifai_tape *tifai_wordtape_make (const char *s, size_t len);
/* A tape for s[0..len) holding rec[0..n), or NULL when out of memory. */
tifai_tape *tifai_tape_new (const char *s, size_t len, const void *rec, size_t n);
/* The key of s[0..len) into h. */
void tifai_tape_key (const char *s, size_t len, uint64_t h[2]);
/* Keep 't' in '*set' (created on first use), which takes it over: a tape of the same text
** already there stays, and 't' is freed. Returns TIFA_OK, or TIFA_NOMEM ('t' freed). */
int tifai_tapes_put (tifai_tapes **set, tifai_tape *t);
/* The tape of s[0..len) in 'set', or NULL. */
const tifai_tape *tifai_tapes_find (const tifai_tapes *set, const char *s, size_t len);
/* Free every tape and the set; '*set' becomes NULL. */
void tifai_tapes_free (tifai_tapes **set);

/* }====== */

/* {====== Tokens ====== */

/* The index's tokens: a run of letters and digits (any script, Latin lowercased) gives one
** token per character, the bigram of that character and the next one in the run, or the
** character alone at the end of the run; anything else separates. So token positions step
** once per character, and any substring of two or more characters is the phrase of its
** bigrams. */
#define TIFAI_TOK_QUERY   0x01      /* query form: no unigram after the last bigram of a
                                    ** run that ends the input (see tifai_tokens) */
typedef int (*tifai_token_fn) (void *ud, const char *tok, int len, int start, int end,
                               int prefix);
/* Tokenize UTF-8 text[0..len), calling 'f' per token with its byte range. In query form a
** run that ends the input gives no last character alone, and a one-character run at the
** very end (of any script) is handed over with prefix = 1 (it may begin a bigram in the
** document). Returns 0 or what 'f' returned. */
int tifai_tokens (const char *text, int len, int flags, tifai_token_fn f, void *ud);

/* 1 if text[0..len) is one run of indexed characters (letters and digits, no separator),
** so that its bigram phrase in the index matches exactly where the text occurs. */
int tifai_tokens_exact (const char *text, int len);

/* }====== */

/* {====== Queries ====== */

typedef struct tifai_query tifai_query;
/* Parse 'q'. On success returns TIFA_OK and '*out'; otherwise TIFA_SYNTAX (or TIFA_NOMEM)
** with a message in 'err'. */
int tifai_query_parse (const char *q, int flags, tifai_query **out, char *err, size_t errsz);
void tifai_query_free (tifai_query *q);
/* The FTS5 MATCH expression that finds a superset of the matching articles (NUL-terminated,
** owned by 'q'). */
const char *tifai_query_match (tifai_query *q);
/* 1 if the index alone counts the query's matches exactly: one term, one run of indexed
** characters, that cannot overlap itself. */
int tifai_query_exact (tifai_query *q);
/* Verify the query on one article: returns 1 if it matches, filling 'offs' (and 'toffs' for
** the title) with the char offsets of the matches of its positive terms, sorted; 0 if it does
** not match; -1 if memory ran out (the answer is unknown). */
int tifai_query_verify (tifai_query *q, const char *title, size_t tlen, const char *text,
                        size_t len, tifai_buf *offs, tifai_buf *toffs);

/* }====== */

#endif
