/*
** tifa_store.h -- the document store of tifa: one SQLite file per corpus holding the
** ingested files (raw bytes kept), the articles cut from them, their paragraphs with
** character and byte offsets, and a Chinese full-text index (FTS5 with tifa's tokenizer).
** Nothing here includes lua.h. Character offsets count Unicode code points of an article's
** cleaned text, 0-based, end exclusive.
*/
#ifndef TIFA_STORE_H
#define TIFA_STORE_H

#include <stddef.h>
#include <stdint.h>
#include "tifa.h"
#include "tifa_read.h"             /* cutting pages into articles: split hooks */

typedef struct tifa_store tifa_store;
struct sqlite3;

#define TIFA_SCHEMA_VERSION 7       /* PRAGMA user_version of a store this build writes */

/* {====== Opening ====== */

#define TIFA_OPEN_READONLY  0x01    /* no writes; the file must exist */
#define TIFA_OPEN_CREATE    0x02    /* create the file (and its schema) if missing */
#define TIFA_OPEN_IMMUTABLE 0x04    /* with READONLY: the file cannot change while it is open (a
                                       sealed store, tifa_store_seal): read without locks or
                                       WAL files, so from a shared or network file system; a
                                       store in WAL mode (not sealed) fails with TIFA_ERROR */

/* Open the store at 'path'. On success returns TIFA_OK and a new handle in '*out', owned by
** the caller (release with tifa_store_close). On failure returns an error code (TIFA_DB,
** TIFA_BUSY, TIFA_NOTFOUND, TIFA_NOMEM), sets '*out' to NULL and writes a NUL-terminated
** message into 'err' ("file is not a database", "store was written by a newer tifa (schema
** version 3, this build reads up to 1)"). A writable open migrates an older schema forward.
** A word index built by another version's rules (words.h) is rebuilt by a writable open, and
** by a read-only open too where the file may be written and is not sealed (through a writable
** connection of its own); a store whose word index cannot be rebuilt opens, and refuses whole
** words (TIFA_MATCH_WORDS: "the word index of 'x.db' was built by another version of tifa
** ..."), counting db:words-like vocabularies from the texts instead. */
TIFA_API int tifa_store_open (const char *path, int flags, tifa_store **out, char *err, size_t errsz);

/* Seal the store (writable): its write-ahead log checkpointed into the file and removed, and
** the file set to rollback journaling, so that it is one self-contained file that readers on
** other machines can open with TIFA_OPEN_IMMUTABLE. Any later writable open unseals it (the
** store works in WAL mode). Returns TIFA_OK, TIFA_READONLY, or TIFA_BUSY/TIFA_DB with the
** message in tifa_store_errmsg (another process still has the store open). */
TIFA_API int tifa_store_seal (tifa_store *s);

/* 1 if the file at 'path' is a sealed store (an SQLite file in rollback-journal mode without
** a write-ahead log beside it), 0 if not (WAL mode, or a live "-wal" file), -1 if it cannot
** be read as an SQLite file. */
TIFA_API int tifa_store_sealed (const char *path);

/* Open the sample corpus built into the program (host/corpus/seeds) as a read-only store in
** memory. Same conventions as tifa_store_open. */
TIFA_API int tifa_store_open_sample (tifa_store **out, char *err, size_t errsz);

/* Close the store; NULL is a harmless no-op. Unfinished statements are finalized. */
TIFA_API void tifa_store_close (tifa_store *s);

/* The message of the last failure on 's' ("" if none); valid until the next call on 's'. */
TIFA_API const char *tifa_store_errmsg (tifa_store *s);
/* The path given to open, or "sample corpus" for the embedded one. Owned by 's'. */
TIFA_API const char *tifa_store_path (tifa_store *s);
TIFA_API int tifa_store_readonly (tifa_store *s);      /* 1 if opened read-only */
/* The SQLite connection, for read queries by the bindings. Owned by 's'. */
TIFA_API struct sqlite3 *tifa_store_sqlite (tifa_store *s);

/* Ask a running search, count or ingest on 's' to stop soon (safe from a signal handler);
** the call then fails with TIFA_INTERRUPTED and the store is left consistent. */
TIFA_API void tifa_store_interrupt (tifa_store *s);

/* }====== */

/* {====== Ingest ====== */

#define TIFA_INGEST_ADDED       1   /* a new file, stored */
#define TIFA_INGEST_REPLACED    2   /* a changed file: its old articles replaced */
#define TIFA_INGEST_UNCHANGED   3   /* same path and SHA-256 as stored: nothing done */
#define TIFA_INGEST_SKIPPED     4   /* not text (binary, empty, not a file): not an error */
#define TIFA_INGEST_FAILED      5   /* refused (encoding, format, I/O, ...); store unchanged */

typedef struct tifa_ingest_file {   /* the outcome for one file, handed to on_file */
  const char *path;                 /* as stored: absolute path, or the name given for stdin */
  int outcome;                      /* TIFA_INGEST_* */
  int rc;                           /* TIFA_OK or the failure's code */
  const char *message;              /* why skipped or failed ("invalid UTF-8 at byte 7"), or "" */
  const char *encoding;             /* detected encoding name, or "" if not detected */
  const char *format;               /* "text", "markdown", "html", "jsonl", "csv", or "" */
  uint64_t size;                    /* bytes */
  long articles;                    /* articles stored (or, with dry_run, that would be) */
  const tifa_account *account;      /* with tifa_ingest_opts.account, where the body's
                                       characters went (valid during the call); else NULL */
  long records_failed;              /* JSON Lines, CSV: records left out (see on_record) */
} tifa_ingest_file;

typedef struct tifa_ingest_opts {
  const char *format;               /* force a format by name; NULL: by extension */
  const char *stdin_name;           /* the stored path of '-' (default "stdin:" + SHA-256) */
  int dry_run;                      /* read and cut everything, store nothing */
  int nolayout;                     /* no layout analysis: each page (or record) is one
                                       article, its paragraphs as read */
  void (*on_file) (void *ud, const tifa_ingest_file *f);       /* after each file, or NULL */
  void (*on_progress) (void *ud, const char *path, uint64_t done, uint64_t total);
                                    /* bytes done of all the call's files, or NULL */
  const char *const *meta;          /* "key=value" fields for every article (title, kicker,
                                       subtitle, series, author, affiliation, editor, outlet,
                                       place, date, url; others go to meta), NULL-terminated.
                                       A file NAME may have a sidecar NAME.meta.json (a JSON
                                       object) with fields of its own; these win over it */
  int (*split) (void *ud, const tifa_page *page, tifa_cutter *c);
                                    /* cut each page instead of the rules: add its articles
                                       with tifa_cut_add and return TIFA_OK, or fail the file
                                       (tifa_cut_fail gives the message); NULL: the rules.
                                       Pages are then cut in the calling thread */
  void (*on_article) (void *ud, const char *path, const tifa_cut_article *a);
                                    /* each article as it will be stored (folded), or NULL */
  void (*on_record) (void *ud, const char *path, int line, int failed, const char *message);
                                    /* a record of a JSON Lines or CSV file that was left out
                                       ('failed' 1: "record has 3 fields, the header has 2",
                                       "record has no text", "invalid JSON (...)") or stored
                                       with a problem (0: "unreadable date '...' (the record is
                                       stored undated)"), at the line where it starts; before
                                       the file's on_file. Or NULL */
  void *ud;
  int account;                      /* 1: count where each file's characters go (see
                                       tifa_account in tifa_read.h), in on_file; files
                                       are then cut in the calling thread */
  const char *genre;                /* every page's genre, and its rules: "news", "law",
                                       "document", "speech", "case" (records stay "record"); NULL:
                                       each page's own, detected from its text. Another
                                       name fails the call with TIFA_MISUSE */
  int (*accept) (void *ud, const char *path);
                                    /* called by the walk before a file is read, with its
                                       absolute (stored) path, or with the path as met for
                                       what would be reported skipped or failed: 0 leaves it
                                       out (unread, unreported, uncounted). NULL: all. Not
                                       for "-" nor tifa_store_ingest_buffer (tifa_shard.h) */
} tifa_ingest_opts;

typedef struct tifa_ingest_report { /* totals over one call */
  long files;                       /* files looked at */
  long added, replaced, unchanged, skipped, failed;
  long articles;                    /* articles stored */
  uint64_t bytes;                   /* bytes read */
  long records_failed;              /* records of stored files left out (on_record) */
} tifa_ingest_report;

/* Ingest the file or directory (recursively; hidden entries skipped) at 'path', or standard
** input for "-". Each file is one transaction: a failure, a crash or a full disk leaves the
** store as it was before that file. Adds to '*r' (which the caller zeroes once). Returns
** TIFA_OK when every file went in or was skipped, TIFA_ERROR when some failed (see on_file)
** or a stored file left some records out (see on_record), and other codes when the store
** itself failed (TIFA_READONLY, TIFA_BUSY, TIFA_DB, ...). */
TIFA_API int tifa_store_ingest (tifa_store *s, const char *path, const tifa_ingest_opts *o,
                                tifa_ingest_report *r);

/* Ingest the files paths[0..n) as tifa_store_ingest would ingest each, in one call (one
** prepare thread ahead of the writer, one index flush at the end), without walking: each
** is taken as the stored path of a regular file, as the walk gives it to the accept hook
** (absolute, resolved); a path that is no longer a regular file is reported failed or
** skipped. For a caller that walked once and shares the files out among stores
** (tifa_shards_ingest); o->accept is not called. Returns as tifa_store_ingest. */
TIFA_API int tifa_store_ingest_files (tifa_store *s, const char *const *paths, size_t n,
                                      const tifa_ingest_opts *o, tifa_ingest_report *r);

/* Ingest 'len' bytes at 'data' as the file named 'name' (for embedding and tests). */
TIFA_API int tifa_store_ingest_buffer (tifa_store *s, const char *name, const void *data,
                                       size_t len, const tifa_ingest_opts *o,
                                       tifa_ingest_report *r);

/* }====== */

/* {====== Search ====== */

/* Queries: terms separated by spaces must all occur (AND); "double quotes" keep a term with
** spaces ("" for a quote inside); AND, OR, NOT (upper case), parentheses (64 deep at most),
** NEAR(t1 t2 ..., N) and title: combine terms, with NOT binding tighter than AND and AND
** tighter than OR, each grouping to the left.
** A term matches where its folded text occurs in the folded article (title or text),
** case-insensitively for Latin letters; any substring counts, one or two Chinese characters
** included; ASCII ',' is part of a term except inside NEAR( ). Matches are counted without
** overlap, as grep -o counts them.
** Parentheses group only around a query expression: a '(' whose text up to its ')' is one
** bare word (no space, quote or parenthesis in it, nor a comma inside NEAR) is text and part
** of the term around it, so (一), 第(一)项, (试行) and (2024) are searched as written, and
** (a OR b) c, (a b) and ((一) OR (二)) group. After title: the rule is the same
** (title:(试行) is text, title:(a OR b) groups); the '(' of NEAR( always opens its operands.
** Width: folding (tifa_text_fold) makes full-width letters and digits ASCII; searching also
** treats punctuation and symbols in either width as one character (Unicode's <wide> and
** <narrow> compatibility mappings, which the index ignores as it holds no punctuation): the
** full-width forms U+FF01-FF5E match ASCII ! to ~ (（）：，；［］？ and ( ) : , ; [ ] ?),
** U+3000 a space, ｟｠ U+2985-2986, ￠￡￢￣￤￥￦ ¢£¬¯¦¥₩, and the half-width ｡｢｣､･ match
** 。「」、・. Nothing else folds: 。 is not '.', 、 not ',', 【】 and 〔〕 not [], “” not ".
** NEAR(t1 t2 ..., N) (N defaults to 10) counts and shows spans. A span is a stretch of
** the title or of the text that holds one occurrence of each term, no two overlapping, in
** any order, with at most N characters of it outside those occurrences (for two terms:
** at most N characters between them); it runs from the first character of its first term
** to the last of its last. Spans are found left to right: the first is the span that ends
** first, as short as it can be there; the next is sought after its end, so spans never
** overlap and an occurrence belongs to one span at most. An article without a span does
** not satisfy the NEAR. In 处以罚款；情节严重的，吊销许可证。另处罚款。吊销执照。,
** NEAR(罚款 吊销, 10) finds two spans, 罚款；情节严重的，吊销 and 罚款。吊销; with N = 6 one,
** 吊销许可证。另处罚款 (the span that ends first). (Operands that overlap one another, as
** 国家 and 家安, may need many tries to place: after 100,000 for one end, none is taken.)
** title:TERM, title:"a phrase", title:NEAR(...) and title:(expression) match in the title
** only; a derived title (title_source 'derived', made up from the text) is never searched,
** as it is not indexed. A match is a term's occurrence, or a NEAR's span, outside the right
** side of NOT: search hits carry their offsets (a span's whole stretch) and count sums them.
** With TIFA_MATCH_WORDS, a term matches only where it begins and ends on word boundaries
** of tifa's segmenter (include/tifa_words.h, the built-in dictionary, no user words), or is
** one dictionary word inside a longer word: 人才 then finds 人才 but not 个人才能 (个人 才能),
** 一带一路 finds 共建一带一路, and 国家 发展 (two words) finds 国家发展 but 家发 nothing;
** candidates come from the word index (article_words), whose
** tokens are those words, lowercased, each dictionary word inside a longer word at that
** word's position. */

#define TIFA_MATCH_WORDS  0x01      /* terms match whole words only */

typedef struct tifa_hit {           /* one article found, handed to the search callback */
  int64_t article;                  /* article id */
  double score;                     /* BM25 relevance, higher is better */
  const char *snippet;              /* text around the first match, matches between marks */
  size_t nmatch;                    /* matches in the text */
  const int64_t *offsets;           /* 2*nmatch char offsets into the text: start, end */
  size_t ntitle;                    /* matches in the title */
  const int64_t *title_offsets;     /* 2*ntitle char offsets into the title */
} tifa_hit;

/* The marks around a match wherever a match is shown in text: search snippets, tifa search,
** concordances and the prompt. « and » rather than 【 and 】, which Chinese pages use for
** their own labels (【学习进行时】). */
#define TIFA_MARK_OPEN   "\xC2\xAB"        /* « */
#define TIFA_MARK_CLOSE  "\xC2\xBB"        /* » */

/* Ranking statistics. A hit's score is FTS5's BM25 (k1 1.2, b 0.75, the title weighted twice
** the text) over the query's index expression, whose statistics are: the articles indexed,
** their tokens (titles and texts; the word index's with TIFA_MATCH_WORDS), and for each of its
** phrases (in FTS5's order) the articles that hold it. Each is a sum over articles, so a corpus
** held in several stores (shards) that ranks every store's articles with the sums of the
** stores' statistics gives each article the score, to the bit, that one store holding every
** article gives it. Articles not yet indexed count in none of them (and score 0). */
typedef struct tifa_search_stats {
  int64_t rows;                     /* articles indexed */
  int64_t tokens;                   /* index tokens of their titles and texts */
  size_t nphrases;                  /* phrases of the query's index expression */
  int64_t *df;                      /* per phrase: articles holding it */
  char *phrases;                    /* the phrases, each a MATCH expression followed by a
                                       NUL ("高质" + "质量", title : "发展", "党"*), or NULL;
                                       to check that statistics are the query's */
} tifa_search_stats;

/* Fill '*out' with this store's share of the statistics of 'query' (flags TIFA_MATCH_*):
** summed over a corpus's stores (rows, tokens and each df; the phrases are the same in all),
** the corpus's. 'df' and 'phrases' are malloc'ed (release with tifa_search_stats_free, or each
** with tifa_free). Returns TIFA_OK, or the errors of tifa_store_search ('*out' then empty).
** tifa_store_search with tifa_search_opts.stats fails with TIFA_ERROR when they do not fit
** the query: "ranking statistics for 3 phrases, the query has 4" (or, when 'phrases' is not
** NULL, "ranking statistics of another query (phrase 1 is ..., the query's ...)"). */
TIFA_API int tifa_store_search_stats (tifa_store *s, const char *query, int flags,
                                      tifa_search_stats *out);
/* Free what 'st' holds and empty it; NULL is a harmless no-op. */
TIFA_API void tifa_search_stats_free (tifa_search_stats *st);

typedef struct tifa_search_opts {
  long limit;                       /* hits to hand over at most (default 20 if <= 0) */
  long offset;                      /* verified hits to pass over first */
  int context;                      /* characters of snippet context each side (default 30) */
  const char *mark_open, *mark_close;   /* snippet marks (default TIFA_MARK_OPEN, _CLOSE) */
  int flags;                        /* TIFA_MATCH_* */
  const tifa_search_stats *stats;   /* rank with these statistics (a corpus's, see
                                       tifa_store_search_stats); NULL: this store's own */
} tifa_search_opts;

/* Called for each hit in rank order; pointers are valid only during the call. A non-zero
** return stops the search (and is returned). */
typedef int (*tifa_hit_fn) (void *ud, const tifa_hit *h);

/* Search for 'query'. Returns TIFA_OK, TIFA_SYNTAX (message in tifa_store_errmsg, e.g.
** "malformed query: unbalanced parenthesis at character 7"), TIFA_INTERRUPTED or TIFA_DB. */
TIFA_API int tifa_store_search (tifa_store *s, const char *query, const tifa_search_opts *o,
                                tifa_hit_fn f, void *ud);

/* Called for each article with at least one match: the indexed articles in id order, then
** any not yet indexed (an ingest under way) in id order. A non-zero return stops counting
** and is returned. */
typedef int (*tifa_count_fn) (void *ud, int64_t article, int64_t n);

/* Count every match of 'query' (for AND and OR: the matches of its terms, for NEAR its
** spans, in articles that satisfy it) over the corpus: '*total' gets the sum, '*articles' the number of
** articles with a match. Same errors as tifa_store_search. */
TIFA_API int tifa_store_count (tifa_store *s, const char *query, int64_t *total,
                               int64_t *articles, tifa_count_fn f, void *ud);
/* The same with 'flags' (TIFA_MATCH_*). */
TIFA_API int tifa_store_countx (tifa_store *s, const char *query, int flags, int64_t *total,
                                int64_t *articles, tifa_count_fn f, void *ud);

/* }====== */

/* {====== Vocabulary ====== */

/* The words of the corpus, as the word index holds them (see TIFA_MATCH_WORDS): every word
** with a letter or a digit, lowercased, in titles and texts; a dictionary word inside a
** longer word counts too (共建一带一路 counts for 共建一带一路, 共建 and 一带一路). */

typedef struct tifa_vocab_opts {
  long limit;                       /* words to hand over at most (<= 0: all) */
  int64_t min;                      /* least count (default 1) */
  const int64_t *ids;               /* only these articles (NULL: the whole corpus, read */
  size_t nids;                      /* from the index; else the articles are segmented) */
  const struct tifa_freq *stop;     /* words not to hand over (count > 0), or NULL */
} tifa_vocab_opts;

/* Called for each word, by count descending, then by word (byte order); 'word' is valid
** only during the call. A non-zero return stops and is returned. */
typedef int (*tifa_vocab_fn) (void *ud, const char *word, size_t len, int64_t count,
                              int64_t articles);

/* Hand over the corpus's words with their counts and the number of articles each occurs
** in. Returns TIFA_OK, TIFA_INTERRUPTED, TIFA_NOMEM or TIFA_DB. */
TIFA_API int tifa_store_vocab (tifa_store *s, const tifa_vocab_opts *o, tifa_vocab_fn f, void *ud);

/* }====== */

#endif
