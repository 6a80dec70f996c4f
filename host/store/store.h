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
#include "tifa_words.h"

typedef struct tifai_tapes tifai_tapes;
typedef struct tifai_fwdlex tifai_fwdlex;

struct tifa_store {
  sqlite3 *db;                      /* the connection */
  char *path;                       /* as given to open; "sample corpus" for the embedded one */
  int readonly;                     /* opened read-only */
  int wordstale;                    /* read-only, and its word index built by other rules
                                       (tifai_wordindex_current): whole words are refused */
  volatile sig_atomic_t interrupted;    /* set by tifa_store_interrupt */
  char errmsg[TIFA_ERRMAX];         /* last failure */
  tifai_tapes *tapes;               /* word tapes of committed articles, until the flush */
  tifai_fwdlex *fwd;                /* the forward index's lexicon, read when first needed */
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
/* The auxiliary functions it registers beside: tifa_hits(T), the phrase instances of the row;
** tifa_bm25(T, stats, w1, w2, ...), FTS5's bm25(T, w1, w2, ...) to the bit, with the
** statistics of T ('stats' NULL) or of a tifa_search_stats bound with sqlite3_bind_pointer
** and this type; tifa_totals(T, k), the rows (k 0) or tokens (k 1) of T. */
#define TIFAI_STATS_PTR  "tifa_search_stats"
/* Is cp a character the indexes keep (a letter or a digit of any script)? */
int tifai_indexed_cp (int32_t cp);

/* {====== The word index (wordindex.c) ====== */

/* Register the tokenizer "tifa_words", replaying the tapes in '*tapes' (may be NULL). */
int tifai_wordindex_register (fts5_api *api, tifai_tapes **tapes);
/* If the word index was built by other rules or another dictionary, rebuild it (one
** transaction). Call with no article pending. Returns TIFA_OK or the failure's code. */
int tifai_wordindex_check (tifa_store *s);
/* Was the word index built by this build's rules and dictionary? 1 yes, 0 no, -1 if it
** cannot be read. */
int tifai_wordindex_current (tifa_store *s);
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

/* {====== The forward index (wordfwd.c) ======
** Each article's words in order (tables lex_word and article_lex), cut when it is stored
** by the word index's segmenter in search mode: what the corpus analytics read instead of
** segmenting the articles again. */

/* A word of an article as the cutter hands it over (the writer turns it into an id). */
typedef struct tifai_fwdraw {
  uint32_t byte, nbyte;             /* in the title (piece 0) or the text (piece 1) */
  const char *tag;                  /* static, from tifa_words */
  unsigned char piece, inner;       /* inner: inside the next word that is not inner */
  unsigned char nl;                 /* a line end lies between the previous word and this */
  unsigned char gap;                /* it does not start where the previous word ended */
} tifai_fwdraw;

/* The lexicon: words as written with their tag, ids 0, 1, ... as in lex_word; and for the
** vocabulary the word index's term of each (lowercased; UINT32_MAX for none). */
struct tifai_fwdlex {
  size_t n, cap, wcap;
  uint32_t *slot;                   /* open addressing: id + 1, 0 for empty */
  size_t *off; uint32_t *len, *hash;
  const char **tag;
  tifai_buf keys;                   /* the words, each followed by a NUL */
  char **tags; size_t ntags, tagcap;
  uint32_t *term; size_t termcap, nmapped;
  size_t nterms, tcap, twcap;
  uint32_t *tslot; size_t *toff; uint32_t *tlen, *thash;
  int64_t *tcnt, *tdoc, *tlast;    /* a count's scratch: zero between calls; tlast stamps */
  int64_t tround;                   /* calls of tifai_fwd_vocab, for the stamps */
  uint32_t *trank; size_t trankcap, nranked;   /* each term's place by bytes */
  uint32_t *tbyrank; size_t tbyrankcap;          /* and the term at each place */
  sqlite3_stmt *insword, *insart;   /* the writer's statements, prepared on first use */
  tifai_buf tkeys;
};

/* The mode of tifa_words whose words the word index holds and the forward index keeps (the
** analytics' TIFA_WORDS_SEARCH becomes it in tifai_lex_tokens). */
#define TIFAI_WORDS_INDEXED  TIFA_WORDS_FINE
/* The segmenter the forward index cuts with (the built-in dictionary), or NULL. */
const tifa_segmenter *tifai_fwd_segmenter (void);
/* Cut title[0..tlen) and text[0..len) into 'out' (tifai_fwdraw records, replacing what it
** held). Any thread. Returns TIFA_OK, TIFA_ENCODING, TIFA_TOOBIG or TIFA_NOMEM. */
int tifai_fwd_cut (const char *title, size_t tlen, const char *text, size_t len, tifai_buf *out);
/* The same in a new buffer (release with tifai_fwd_drop), or NULL on failure. */
tifai_buf *tifai_fwd_make (const char *title, size_t tlen, const char *text, size_t len);
void tifai_fwd_drop (tifai_buf *b);                 /* NULL: no-op */
/* Store the cut 'raw' of article 'id' (title and text as cut), adding new words to
** lex_word. Call inside the writer's transaction. Returns TIFA_OK or the failure's code. */
int tifai_fwd_put (tifa_store *s, int64_t id, const tifai_buf *raw, const char *title,
                   const char *text);
/* Cut and store every article that has no row in article_lex (one transaction). */
int tifai_fwd_fill (tifa_store *s);
/* At open (writable): when the forward index was built for another word index or other
** rules, empty it; then fill it. */
int tifai_fwd_check (tifa_store *s);
/* 1 if the forward index is made by the rules of the word index as stored. */
int tifai_fwd_usable (tifa_store *s);
/* The lexicon, read up to the last word stored; NULL when the forward index is not usable
** or on failure. Owned by 's'; valid until the next call that writes. */
const tifai_fwdlex *tifai_fwd_lexicon (tifa_store *s);
void tifai_fwd_close (tifa_store *s);               /* free the lexicon in memory */

/* A decoded blob: the tokens of the title (the first 'ntitle') then of the text. */
typedef struct tifai_fwdtok {
  uint32_t w;                       /* lexicon id */
  uint32_t off;                     /* inner: bytes from its word's start */
  unsigned char inner, nl, gap;     /* as in tifai_fwdraw */
} tifai_fwdtok;
typedef struct tifai_fwdtoks { tifai_fwdtok *t; size_t n, cap, ntitle; } tifai_fwdtoks;

/* Decode blob p[0..n) into 'v' (its room reused). Returns TIFA_OK, TIFA_DB (not a blob of
** ours) or TIFA_NOMEM. */
int tifai_fwd_decode (const unsigned char *p, size_t n, tifai_fwdtoks *v);
void tifai_fwdtoks_free (tifai_fwdtoks *v);
/* Called per article with its blob; 'none' 1 when the article has no row (then p is NULL).
** A nonzero return stops the walk and is returned by it. */
typedef int (*tifai_fwd_fn) (void *ud, int64_t id, const unsigned char *p, size_t n, int none);
/* Walk the articles ids[0..nids) as given (ids that are no article: 'none'), or every
** article in id order (ids NULL). Returns TIFA_OK, what 'f' returned, or a failure's code. */
int tifai_fwd_each (tifa_store *s, const int64_t *ids, size_t nids, tifai_fwd_fn f, void *ud);
/* tifa_store_vocab of a set of articles from the forward index: TIFAI_FWD_NONE when the
** index cannot answer (not usable, or an article not cut), and the caller segments. */
#define TIFAI_FWD_NONE  (-1)
int tifai_fwd_vocab (tifa_store *s, const tifa_vocab_opts *o, tifa_vocab_fn f, void *ud);
/* The lexicon with each word's term (x->term[w], x->nterms terms, term t the string
** x->tkeys.p + x->toff[t] of x->tlen[t] bytes), or NULL when the forward index is not
** usable or memory ran out. */
const tifai_fwdlex *tifai_fwd_terms (tifa_store *s);
/* Add the occurrences of each term in the articles ids[0..nids) (NULL: all) to cnt[term]
** (room for the nterms of tifai_fwd_terms, called just before), and their sum to
** '*tokens'. Returns TIFA_OK, TIFAI_FWD_NONE (an article not cut: cnt is partly added to)
** or a failure's code. */
int tifai_fwd_count (tifa_store *s, const int64_t *ids, size_t nids, int64_t *cnt,
                     int64_t *tokens);

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
/* The phrases of the MATCH expression in FTS5's order (the numbering of xPhraseCount and
** xQueryPhrase), each appended to 'out' as a MATCH expression of its own followed by a NUL:
** the phrase as written ("高质" + "质量", "党"*), with "title : " before it when a column
** filter reaches it. Returns how many ('out->oom' set when memory ran out). */
size_t tifai_query_phrases (tifai_query *q, tifai_buf *out);
/* Verify the query on one article: returns 1 if it matches, filling 'offs' (and 'toffs' for
** the title) with the char offsets of the matches of its positive terms, sorted; 0 if it does
** not match; -1 if memory ran out (the answer is unknown). */
int tifai_query_verify (tifai_query *q, const char *title, size_t tlen, const char *text,
                        size_t len, tifai_buf *offs, tifai_buf *toffs);

/* }====== */

#endif
