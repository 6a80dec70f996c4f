/*
** wordindex.c -- the word index (article_words): the FTS5 tokenizer "tifa_words", which
** indexes the words of tifa's segmenter (include/tifa_words.h) and the parts of their
** fine-grained cut (TIFA_WORDS_FINE) at the word's position: 一带一路 is found inside
** 共建一带一路, 政府 inside 人民政府, never 民政 there nor 国务 inside 国务院;
** the word boundaries that verification checks; the stamp that rebuilds the index when the
** segmenter changes; and the corpus vocabulary (tifa_store_vocab).
** The index segments with a segmenter of its own, the built-in dictionary and no user
** words: the tokens of an article must not change between its insert and its delete.
*/
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>
#include "store.h"
#include "text.h"
#include "dict.h"
#include "tifa_words.h"
#include "tifa_structure.h"

/* Bump when the index's tokens change (the segmenter's rules, or how a word becomes a token):
** stores rebuild their word index. 2: no NUL byte in a token. 3: the parts of the fine-grained
** cut inside a word, not every dictionary word inside it (jieba's search mode). 4: an
** ordinal is not cut inside its numeral (第二百条: 第二百 | 条, not 第二 | 百条). */
#define WORDINDEX_RULES  4

/* {====== The index's segmenter ====== */

static tifa_segmenter *indexseg;
static pthread_once_t indexonce = PTHREAD_ONCE_INIT;

static void makeseg (void) {
  if (tifa_segmenter_new(&indexseg) != TIFA_OK) indexseg = NULL;
}

/* The segmenter of the index, or NULL if out of memory. */
static const tifa_segmenter *segmenter (void) {
  pthread_once(&indexonce, makeseg);
  return indexseg;
}

/* Is s[0..len) a word the index keeps: has it a letter or a digit? */
static int wordlike (const char *s, size_t len) {
  size_t i = 0;
  while (i < len) {
    int32_t cp;
    int n = tifa_utf8_decode(s + i, len - i, &cp);
    if (n <= 0) return 0;
    if (tifai_indexed_cp(cp)) return 1;
    i += (size_t)n;
  }
  return 0;
}

/* Append s[0..len) lowercased to 'b', without its NUL bytes: FTS5 (3.40) keeps a term as a
** C string while it indexes, so a term with a NUL is cut short there and the index is left
** corrupt ("database disk image is malformed"). A word such as "a\0b" (from U+0000 in a
** UTF-16 file) becomes the token "ab"; verification on the text still requires "a\0b". */
static void addlower (tifai_buf *b, const char *s, size_t len) {
  size_t i = 0;
  while (i < len) {
    int32_t cp;
    int n = tifa_utf8_decode(s + i, len - i, &cp);
    if (n <= 0) return;
    if (cp == 0) { i += (size_t)n; continue; }
    if (cp < 0x80) tifai_buf_addc(b, (char)((cp >= 'A' && cp <= 'Z') ? cp + 32 : cp));
    else if (tifai_is_han(cp)) tifai_buf_add(b, s + i, (size_t)n);
    else {
      utf8proc_uint8_t u[4];
      utf8proc_ssize_t k = utf8proc_encode_char(utf8proc_tolower(cp), u);
      tifai_buf_add(b, u, (size_t)k);
    }
    i += (size_t)n;
  }
}

/* }====== */

/* {====== Tokens ====== */

#define COLOCATED  1                /* FTS5_TOKEN_COLOCATED */

/* Hand over the index's tokens of s[0..len): the words with a letter or a digit, lowercased,
** each at a new position, then the parts of its fine-grained cut at the same position
** ('flags' COLOCATED). 'query': the words alone (accurate mode), for a query string. */
typedef int (*wtoken_fn) (void *ud, int flags, const char *tok, int len, int start, int end);

typedef struct walker {
  wtoken_fn f;
  void *ud;
  tifai_buf tok;                    /* the current token, lowercased */
  tifai_buf inner;                  /* pending inner words: pairs of size_t (byte, nbyte) */
  int rc;
} walker;

static int emit (walker *w, const char *s, size_t byte, size_t nbyte, int flags) {
  tifai_buf_reset(&w->tok);
  addlower(&w->tok, s + byte, nbyte);
  if (w->tok.oom) return w->rc = SQLITE_NOMEM;
  return w->f(w->ud, flags, w->tok.p, (int)w->tok.len, (int)byte, (int)(byte + nbyte));
}

static int onword (void *ud, const char *s, const tifa_word *x) {
  walker *w = (walker *)ud;
  size_t i, n;
  int rc;
  if (!wordlike(s + x->byte, x->nbyte)) return 0;
  if (x->inner) {                   /* it comes before its word: keep it until then */
    size_t r[2];
    r[0] = x->byte; r[1] = x->nbyte;
    tifai_buf_add(&w->inner, r, sizeof(r));
    return w->inner.oom ? (w->rc = SQLITE_NOMEM) : 0;
  }
  if ((rc = emit(w, s, x->byte, x->nbyte, 0)) != 0) return rc;
  n = w->inner.len / (2 * sizeof(size_t));
  for (i = 0; i < n; i++) {
    const size_t *r = (const size_t *)w->inner.p + 2 * i;
    if ((rc = emit(w, s, r[0], r[1], COLOCATED)) != 0) return rc;
  }
  tifai_buf_reset(&w->inner);
  return 0;
}

static int wordtokens (const char *s, size_t len, int query, wtoken_fn f, void *ud) {
  const tifa_segmenter *g = segmenter();
  walker w;
  int rc;
  if (g == NULL) return SQLITE_NOMEM;
  if (s == NULL) s = "";                /* SQLite's empty text may come as NULL */
  memset(&w, 0, sizeof(w));
  w.f = f;
  w.ud = ud;
  rc = tifa_words(g, s, len, query ? 0 : TIFA_WORDS_FINE, onword, &w);
  if (rc == TIFA_ENCODING) rc = 0;  /* the store holds valid UTF-8; nothing to index else */
  else if (rc == TIFA_NOMEM) rc = SQLITE_NOMEM;
  else if (w.rc) rc = w.rc;
  tifai_buf_free(&w.tok);
  tifai_buf_free(&w.inner);
  return rc;
}

static int countword (void *ud, int flags, const char *tok, int len, int start, int end) {
  (void)flags; (void)tok; (void)len; (void)start; (void)end;
  (*(int *)ud)++;
  return 0;
}

int tifai_words_any (const char *s, size_t len) {
  int n = 0;
  if (wordtokens(s, len, 1, countword, &n) != 0) return -1;
  return n > 0;
}

typedef struct bounds {
  unsigned char *b;
  tifai_buf *inner;
} bounds;

static int markbound (void *ud, int flags, const char *tok, int len, int start, int end) {
  bounds *x = (bounds *)ud;
  (void)tok; (void)len;
  if (flags) {                      /* a word inside a longer one: its span alone */
    size_t r[2];
    r[0] = (size_t)start; r[1] = (size_t)end;
    tifai_buf_add(x->inner, r, sizeof(r));
    return x->inner->oom ? SQLITE_NOMEM : 0;
  }
  x->b[start] |= TIFAI_WORD_STARTS;
  x->b[end] |= TIFAI_WORD_ENDS;
  return 0;
}

static int cmpspan (const void *a, const void *b) {
  const size_t *x = (const size_t *)a, *y = (const size_t *)b;
  return x[0] != y[0] ? (x[0] > y[0]) - (x[0] < y[0]) : (x[1] > y[1]) - (x[1] < y[1]);
}

int tifai_word_bounds (const char *s, size_t len, unsigned char *b, tifai_buf *inner) {
  bounds x;
  size_t n0 = inner->len;
  memset(b, 0, len + 1);
  x.b = b;
  x.inner = inner;
  if (wordtokens(s, len, 0, markbound, &x) != 0 || inner->oom) return TIFA_NOMEM;
  if (inner->len > n0)
    qsort(inner->p + n0, (inner->len - n0) / (2 * sizeof(size_t)), 2 * sizeof(size_t), cmpspan);
  return TIFA_OK;
}

int tifai_word_at (const unsigned char *b, const size_t *inner, size_t ninner, size_t from,
                   size_t to) {
  size_t lo = 0, hi = ninner;
  if ((b[from] & TIFAI_WORD_STARTS) && (b[to] & TIFAI_WORD_ENDS)) return 1;
  while (lo < hi) {                 /* the first span at or after (from, to) */
    size_t mid = lo + (hi - lo) / 2;
    const size_t *r = inner + 2 * mid;
    if (r[0] < from || (r[0] == from && r[1] < to)) lo = mid + 1;
    else hi = mid;
  }
  return lo < ninner && inner[2 * lo] == from && inner[2 * lo + 1] == to;
}

/* }====== */

/* {====== Tapes ====== */

/* A tape holds the tokens wordtokens hands over for a document, each as two varints: the
** start's distance from the previous token's start (zigzag: an inner word may start before
** the one handed over just before it), and the length times two, plus one when COLOCATED.
** Replaying it makes each token from the text as emit does, so the tokens are the same. */

static void putvarint (tifai_buf *b, uint64_t v) {
  unsigned char x[10];
  int n = 0;
  do { x[n++] = (unsigned char)((v & 0x7F) | (v > 0x7F ? 0x80 : 0)); v >>= 7; } while (v);
  tifai_buf_add(b, x, (size_t)n);
}

static const unsigned char *getvarint (const unsigned char *p, const unsigned char *e,
                                       uint64_t *v) {
  int shift = 0;
  *v = 0;
  while (p < e && shift < 64) {
    *v |= (uint64_t)(*p & 0x7F) << shift;
    if (!(*p++ & 0x80)) return p;
    shift += 7;
  }
  return NULL;                      /* cut short: not a tape of ours */
}

typedef struct recorder {
  tifai_buf rec;
  int64_t last;                     /* the previous token's start */
} recorder;

static int record (void *ud, int flags, const char *tok, int len, int start, int end) {
  recorder *r = (recorder *)ud;
  int64_t d = (int64_t)start - r->last;
  (void)tok; (void)len;
  putvarint(&r->rec, d >= 0 ? (uint64_t)d << 1 : ((uint64_t)(-d) << 1) - 1);
  putvarint(&r->rec, ((uint64_t)(end - start) << 1) | (flags ? 1u : 0u));
  r->last = start;
  return r->rec.oom ? SQLITE_NOMEM : 0;
}

tifai_tape *tifai_wordtape_make (const char *s, size_t len) {
  recorder r = {TIFAI_BUF_INIT, 0};
  tifai_tape *t = NULL;
  if (len <= INT32_MAX && wordtokens(s, len, 0, record, &r) == 0 && !r.rec.oom)
    t = tifai_tape_new(s, len, r.rec.p, r.rec.len);
  tifai_buf_free(&r.rec);
  return t;
}

/* Hand over the tokens of tape 't' for s[0..len), made as emit makes them. */
static int replay (const tifai_tape *t, const char *s, size_t len, wtoken_fn f, void *ud) {
  const unsigned char *p = t->rec, *e = t->rec + t->n;
  tifai_buf tok = TIFAI_BUF_INIT;
  int64_t start = 0;
  int rc = 0;
  while (p < e && rc == 0) {
    uint64_t d, l;
    if ((p = getvarint(p, e, &d)) == NULL || (p = getvarint(p, e, &l)) == NULL) {
      rc = SQLITE_ERROR;
      break;
    }
    start += (d & 1) ? -(int64_t)((d + 1) >> 1) : (int64_t)(d >> 1);
    if (start < 0 || (uint64_t)start + (l >> 1) > len) { rc = SQLITE_ERROR; break; }
    tifai_buf_reset(&tok);
    addlower(&tok, s + start, (size_t)(l >> 1));
    if (tok.oom) { rc = SQLITE_NOMEM; break; }
    rc = f(ud, (int)(l & 1), tok.p, (int)tok.len, (int)start, (int)(start + (int64_t)(l >> 1)));
  }
  tifai_buf_free(&tok);
  return rc;
}

/* }====== */

/* {====== The FTS5 tokenizer ====== */

typedef struct ftsctx {
  void *pctx;
  int (*xtoken) (void *, int, const char *, int, int, int);
} ftsctx;

static int ftstoken (void *ud, int flags, const char *tok, int len, int start, int end) {
  ftsctx *c = (ftsctx *)ud;
  return c->xtoken(c->pctx, flags ? FTS5_TOKEN_COLOCATED : 0, tok, len, start, end);
}

static int wtok_create (void *ctx, const char **azArg, int nArg, Fts5Tokenizer **out) {
  static tifai_tapes *none = NULL;
  (void)azArg; (void)nArg;
  if (segmenter() == NULL) return SQLITE_NOMEM;
  *out = (Fts5Tokenizer *)(ctx != NULL ? ctx : (void *)&none);   /* the tapes' slot */
  return SQLITE_OK;
}

static void wtok_delete (Fts5Tokenizer *t) { (void)t; }

static int wtok_tokenize (Fts5Tokenizer *t, void *pctx, int flags, const char *text, int len,
                          int (*xtoken) (void *, int, const char *, int, int, int)) {
  ftsctx c;
  size_t n = (size_t)(len < 0 ? 0 : len);
  c.pctx = pctx;
  c.xtoken = xtoken;
  if (!(flags & FTS5_TOKENIZE_QUERY) && n > 0) {
    const tifai_tape *tape = tifai_tapes_find(*(tifai_tapes **)t, text, n);
    if (tape != NULL) return replay(tape, text, n, ftstoken, &c);
  }
  return wordtokens(text, n, (flags & FTS5_TOKENIZE_QUERY) != 0, ftstoken, &c);
}

int tifai_wordindex_register (fts5_api *api, tifai_tapes **tapes) {
  static fts5_tokenizer tok = {wtok_create, wtok_delete, wtok_tokenize};
  return api->xCreateTokenizer(api, "tifa_words", (void *)tapes, &tok, NULL);
}

/* }====== */

/* {====== The stamp ====== */

/* What the word index was built with: the rules and the dictionary. */
static void stamp (char *buf, size_t sz) {
  const tifai_dict *d = tifai_dict_builtin();
  if (d == NULL) snprintf(buf, sz, "rules %d, no dictionary", WORDINDEX_RULES);
  else snprintf(buf, sz, "rules %d, dictionary of %u words, %u nodes, %.9g", WORDINDEX_RULES,
                (unsigned)d->h->nwords, (unsigned)d->h->nnodes, d->h->logtotal);
}

int tifai_wordindex_current (tifa_store *s) {
  char want[128];
  sqlite3_stmt *st = NULL;
  int same = 0;
  stamp(want, sizeof(want));
  if (sqlite3_prepare_v2(s->db, "SELECT stamp = ?1 FROM index_stamp WHERE name = 'words'", -1,
                         &st, NULL) != SQLITE_OK)
    return -1;
  sqlite3_bind_text(st, 1, want, -1, SQLITE_STATIC);
  if (sqlite3_step(st) == SQLITE_ROW) same = sqlite3_column_int(st, 0);
  sqlite3_finalize(st);
  return same != 0;
}

int tifai_wordindex_check (tifa_store *s) {
  char want[128];
  sqlite3_stmt *st = NULL;
  int same, rc;
  stamp(want, sizeof(want));
  if ((same = tifai_wordindex_current(s)) < 0)
    return tifai_store_dberr(s, "cannot read the word index");
  if (same) return TIFA_OK;
  if (sqlite3_exec(s->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
    return tifai_store_dberr(s, "cannot rebuild the word index");
  rc = sqlite3_exec(s->db, "INSERT INTO article_words (article_words) VALUES ('delete-all'); "
                    "INSERT INTO article_words (rowid, title, text) SELECT a.id, "   /* not 'rebuild': */
                    TIFAI_INDEXED_TITLE("a") ", a.text FROM article AS a "          /* derived titles */
                    "WHERE a.id NOT IN (SELECT article_id FROM fts_pending) ORDER BY a.id; "
                    "INSERT INTO article_words (article_words) VALUES ('optimize')",  /* one segment, */
                    NULL, NULL, NULL);                                                /* as an ingest leaves it */
  if (rc == SQLITE_OK
      && sqlite3_prepare_v2(s->db, "INSERT OR REPLACE INTO index_stamp (name, stamp) "
                            "VALUES ('words', ?1)", -1, &st, NULL) == SQLITE_OK) {
    sqlite3_bind_text(st, 1, want, -1, SQLITE_STATIC);
    rc = sqlite3_step(st) == SQLITE_DONE ? SQLITE_OK : SQLITE_ERROR;
    sqlite3_finalize(st);
  }
  if (rc != SQLITE_OK || sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
    rc = tifai_store_dberr(s, "cannot rebuild the word index");
    sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
    return rc;
  }
  return TIFA_OK;
}

/* }====== */

/* {====== The vocabulary ====== */

typedef struct counter {
  tifa_freq *all, *docs, *seen;     /* counts; articles; this article's words */
  int rc;
} counter;

static int countone (void *ud, int flags, const char *tok, int len, int start, int end) {
  counter *c = (counter *)ud;
  (void)flags; (void)start; (void)end;
  if (tifa_freq_add(c->all, tok, (size_t)len, 1) != TIFA_OK
      || (tifa_freq_get(c->seen, tok, (size_t)len) == 0
          && (tifa_freq_add(c->seen, tok, (size_t)len, 1) != TIFA_OK
              || tifa_freq_add(c->docs, tok, (size_t)len, 1) != TIFA_OK)))
    return c->rc = SQLITE_NOMEM;
  return 0;
}

/* Count the words of the articles 'ids' (all of them if NULL) by segmenting them. */
static int countarticles (tifa_store *s, const tifa_vocab_opts *o, counter *c) {
  sqlite3_stmt *st = NULL;
  size_t i = 0;
  int rc = TIFA_OK, step;
  if (sqlite3_prepare_v2(s->db, o->ids ? "SELECT " TIFAI_INDEXED_TITLE("article")
                                         ", text FROM article WHERE id = ?1"
                                       : "SELECT " TIFAI_INDEXED_TITLE("article")
                                         ", text FROM article ORDER BY id",
                         -1, &st, NULL) != SQLITE_OK)
    return tifai_store_dberr(s, "cannot count words");
  for (;;) {
    if (o->ids) {
      if (i >= o->nids) break;
      sqlite3_reset(st);
      sqlite3_bind_int64(st, 1, o->ids[i++]);
    }
    if (s->interrupted) { rc = tifai_store_fail(s, TIFA_INTERRUPTED, "interrupted"); break; }
    if ((step = sqlite3_step(st)) == SQLITE_ROW) {
      int k;
      tifa_freq_free(c->seen);
      c->seen = NULL;
      if (tifa_freq_new(&c->seen) != TIFA_OK) { rc = tifai_store_fail(s, TIFA_NOMEM, "out of memory"); break; }
      for (k = 0; k < 2; k++)
        if (wordtokens((const char *)sqlite3_column_text(st, k), (size_t)sqlite3_column_bytes(st, k),
                       0, countone, c) != 0)
          break;
      if (c->rc) { rc = tifai_store_fail(s, TIFA_NOMEM, "out of memory"); break; }
    }
    else if (step == SQLITE_DONE) { if (!o->ids) break; }
    else { rc = tifai_store_dberr(s, "cannot count words"); break; }
  }
  sqlite3_finalize(st);
  return rc;
}

static int keep (const tifa_vocab_opts *o, const char *w, size_t len, int64_t n) {
  return n >= (o->min > 0 ? o->min : 1) && (o->stop == NULL || tifa_freq_get(o->stop, w, len) == 0);
}

int tifa_store_vocab (tifa_store *s, const tifa_vocab_opts *opts, tifa_vocab_fn f, void *ud) {
  tifa_vocab_opts o;
  long given = 0;
  int rc = TIFA_OK;
  memset(&o, 0, sizeof(o));
  if (opts) o = *opts;
  s->interrupted = 0;
  if (o.ids == NULL && !tifai_index_pending(s) && !s->wordstale) {   /* the whole corpus, from the index */
    sqlite3_stmt *st = NULL;
    int step;
    if (sqlite3_prepare_v2(s->db, "SELECT term, cnt, doc FROM article_words_vocab "
                           "WHERE cnt >= ?1 ORDER BY cnt DESC, term", -1, &st, NULL) != SQLITE_OK)
      return tifai_store_dberr(s, "cannot count words");
    sqlite3_bind_int64(st, 1, o.min > 0 ? o.min : 1);
    while ((o.limit <= 0 || given < o.limit) && (step = sqlite3_step(st)) == SQLITE_ROW) {
      const char *w = (const char *)sqlite3_column_text(st, 0);
      size_t len = (size_t)sqlite3_column_bytes(st, 0);
      int64_t n = sqlite3_column_int64(st, 1);
      if (!keep(&o, w, len, n)) continue;
      given++;
      if ((rc = f(ud, w, len, n, sqlite3_column_int64(st, 2))) != 0) break;
    }
    if (rc == TIFA_OK && (o.limit <= 0 || given < o.limit) && step != SQLITE_DONE)
      rc = tifai_store_dberr(s, "cannot count words");
    sqlite3_finalize(st);
  }
  else if ((rc = tifai_fwd_vocab(s, &o, f, ud)) != TIFAI_FWD_NONE) {}   /* from wordfwd.c */
  else {                                            /* some articles: segment them */
    counter c;
    const tifa_freq_entry *e;
    size_t n, i;
    rc = TIFA_OK;
    memset(&c, 0, sizeof(c));
    if (tifa_freq_new(&c.all) != TIFA_OK || tifa_freq_new(&c.docs) != TIFA_OK)
      rc = tifai_store_fail(s, TIFA_NOMEM, "out of memory");
    if (rc == TIFA_OK) rc = countarticles(s, &o, &c);
    if (rc == TIFA_OK && tifa_freq_sorted(c.all, &e, &n) != TIFA_OK)
      rc = tifai_store_fail(s, TIFA_NOMEM, "out of memory");
    for (i = 0; rc == TIFA_OK && i < n && (o.limit <= 0 || given < o.limit); i++) {
      if (!keep(&o, e[i].word, e[i].len, e[i].count)) continue;
      given++;
      rc = f(ud, e[i].word, e[i].len, e[i].count, tifa_freq_get(c.docs, e[i].word, e[i].len));
    }
    tifa_freq_free(c.all);
    tifa_freq_free(c.docs);
    tifa_freq_free(c.seen);
  }
  if (s->interrupted && rc != TIFA_OK) rc = tifai_store_fail(s, TIFA_INTERRUPTED, "interrupted");
  return rc;
}

/* }====== */
