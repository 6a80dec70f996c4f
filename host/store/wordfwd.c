/*
** wordfwd.c -- the forward index: each article's words in order, as the segmenter cut them
** when it was stored, so that the corpus analytics (frequencies of a set, keywords,
** collocates, keyness, db:words of a set) read word ids instead of segmenting every article
** again. Two tables (schema 6): lex_word, the words met so far (id, word as written, tag),
** and article_lex, per article a blob of word ids in order (see the format below). The
** tokens are those of tifa_words in search mode with the built-in dictionary, the words the
** word index holds (wordindex.c) with the punctuation between them; so the forward index
** follows the word index's rules, and is rebuilt when the word index is (its stamp is the
** word index's stamp with FORWARD_RULES before it).
** The ingest's worker cuts each article (tifai_fwd_make), the writer stores the cut with the
** article (tifai_fwd_put); an article that comes another way is cut when the store is next
** opened writable or at the end of an ingest (tifai_fwd_fill). An article with no row (a
** read-only store, an update not yet cut) is segmented by the analytic that needs it.
*/
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>
#include "store.h"
#include "text.h"
#include "tifa_words.h"
#include "tifa_structure.h"

/* Bump when what a blob holds changes: stores cut their articles again. */
#define FORWARD_RULES  1

/* {====== Varints ====== */

static void putv (tifai_buf *b, uint64_t v) {
  unsigned char x[10];
  int n = 0;
  do { x[n++] = (unsigned char)((v & 0x7F) | (v > 0x7F ? 0x80 : 0)); v >>= 7; } while (v);
  tifai_buf_add(b, x, (size_t)n);
}

static const unsigned char *getv (const unsigned char *p, const unsigned char *e, uint64_t *v) {
  int shift = 0;
  *v = 0;
  while (p < e && shift < 64) {
    *v |= (uint64_t)(*p & 0x7F) << shift;
    if (!(*p++ & 0x80)) return p;
    shift += 7;
  }
  return NULL;
}

/* }====== */

/* {====== Cutting an article (any thread) ====== */

static tifa_segmenter *fwdseg;
static pthread_once_t fwdonce = PTHREAD_ONCE_INIT;

static void makeseg (void) {
  if (tifa_segmenter_new(&fwdseg) != TIFA_OK) fwdseg = NULL;
}

const tifa_segmenter *tifai_fwd_segmenter (void) {
  pthread_once(&fwdonce, makeseg);
  return fwdseg;
}

typedef struct cutctx {
  tifai_buf *out;                   /* tifai_fwdraw records */
  size_t prevend;                   /* byte after the previous word (not inner) */
  int piece;
} cutctx;

static int oncut (void *ud, const char *s, const tifa_word *w) {
  cutctx *c = (cutctx *)ud;
  tifai_fwdraw r;
  r.byte = (uint32_t)w->byte; r.nbyte = (uint32_t)w->nbyte;
  r.tag = w->tag;
  r.piece = (unsigned char)c->piece;
  r.inner = (unsigned char)(w->inner != 0);
  r.nl = (unsigned char)(w->byte > c->prevend
                         && memchr(s + c->prevend, '\n', w->byte - c->prevend) != NULL);
  r.gap = (unsigned char)(w->byte != c->prevend);
  if (!w->inner) c->prevend = w->byte + w->nbyte;
  tifai_buf_add(c->out, &r, sizeof(r));
  return c->out->oom ? TIFA_NOMEM : 0;
}

int tifai_fwd_cut (const char *title, size_t tlen, const char *text, size_t len, tifai_buf *out) {
  const tifa_segmenter *g = tifai_fwd_segmenter();
  int k, rc = TIFA_OK;
  if (g == NULL) return TIFA_NOMEM;
  tifai_buf_reset(out);
  for (k = 0; k < 2 && rc == TIFA_OK; k++) {
    cutctx c;
    c.out = out; c.prevend = 0; c.piece = k;
    if ((k ? len : tlen) == 0) continue;
    if ((k ? len : tlen) > UINT32_MAX) return TIFA_TOOBIG;
    rc = tifa_words(g, k ? text : title, k ? len : tlen, TIFAI_WORDS_INDEXED, oncut, &c);
  }
  return out->oom ? TIFA_NOMEM : rc;
}

tifai_buf *tifai_fwd_make (const char *title, size_t tlen, const char *text, size_t len) {
  tifai_buf *b = (tifai_buf *)calloc(1, sizeof(*b));
  if (b == NULL) return NULL;
  if (tifai_fwd_cut(title, tlen, text, len, b) != TIFA_OK) { tifai_fwd_drop(b); return NULL; }
  return b;
}

void tifai_fwd_drop (tifai_buf *b) {
  if (b == NULL) return;
  tifai_buf_free(b);
  free(b);
}

/* }====== */

/* {====== The lexicon in memory ====== */

static uint32_t hashof (const char *s, size_t len, const char *tag) {   /* FNV-1a */
  uint32_t h = 2166136261u;
  size_t i;
  for (i = 0; i < len; i++) { h ^= (unsigned char)s[i]; h *= 16777619u; }
  h ^= 0xFF; h *= 16777619u;
  for (; *tag; tag++) { h ^= (unsigned char)*tag; h *= 16777619u; }
  return h;
}

static int growarr (void *pp, size_t *cap, size_t need, size_t size) {
  void **p = (void **)pp;
  size_t n = *cap ? *cap : 64;
  void *np;
  if (need <= *cap) return 0;
  while (n < need) n *= 2;
  if ((np = realloc(*p, n * size)) == NULL) return -1;
  memset((char *)np + *cap * size, 0, (n - *cap) * size);
  *p = np;
  *cap = n;
  return 0;
}

/* The tag's interned copy (tags are few). */
static const char *tagof (tifai_fwdlex *x, const char *tag) {
  size_t i;
  char *c;
  for (i = 0; i < x->ntags; i++) if (strcmp(x->tags[i], tag) == 0) return x->tags[i];
  if (growarr(&x->tags, &x->tagcap, x->ntags + 1, sizeof(char *)) != 0
      || (c = (char *)malloc(strlen(tag) + 1)) == NULL)
    return NULL;
  strcpy(c, tag);
  return x->tags[x->ntags++] = c;
}

static long lexfind (const tifai_fwdlex *x, const char *s, size_t len, const char *tag, uint32_t h) {
  size_t j;
  if (x->cap == 0) return -1;
  for (j = h & (x->cap - 1); x->slot[j]; j = (j + 1) & (x->cap - 1)) {
    size_t i = x->slot[j] - 1;
    if (x->hash[i] == h && x->len[i] == len && strcmp(x->tag[i], tag) == 0
        && memcmp(x->keys.p + x->off[i], s, len) == 0)
      return (long)i;
  }
  return -1;
}

static int rehash (tifai_fwdlex *x, size_t ncap) {
  uint32_t *ns = (uint32_t *)calloc(ncap, sizeof(uint32_t));
  size_t i;
  if (ns == NULL) return -1;
  for (i = 0; i < x->n; i++) {
    size_t j = x->hash[i] & (ncap - 1);
    while (ns[j]) j = (j + 1) & (ncap - 1);
    ns[j] = (uint32_t)(i + 1);
  }
  free(x->slot);
  x->slot = ns;
  x->cap = ncap;
  return 0;
}

/* Add word (s, len, tag) as id x->n (the next). Returns 0 or -1 (out of memory). */
static int lexadd (tifai_fwdlex *x, const char *s, size_t len, const char *tag, uint32_t h) {
  size_t i = x->n, j, c;
  if ((x->n + 1) * 2 > x->cap && rehash(x, x->cap ? 2 * x->cap : 1024) != 0) return -1;
  c = x->wcap; if (growarr(&x->off, &c, i + 1, sizeof(size_t)) != 0) return -1;
  c = x->wcap; if (growarr(&x->len, &c, i + 1, sizeof(uint32_t)) != 0) return -1;
  c = x->wcap; if (growarr(&x->hash, &c, i + 1, sizeof(uint32_t)) != 0) return -1;
  c = x->wcap; if (growarr(&x->tag, &c, i + 1, sizeof(char *)) != 0) return -1;
  x->wcap = c;
  if ((x->tag[i] = tagof(x, tag)) == NULL || tifai_buf_grow(&x->keys, len + 1) != 0) return -1;
  x->off[i] = x->keys.len;
  x->len[i] = (uint32_t)len;
  x->hash[i] = h;
  tifai_buf_add(&x->keys, s, len);
  tifai_buf_addc(&x->keys, 0);
  for (j = h & (x->cap - 1); x->slot[j]; j = (j + 1) & (x->cap - 1)) {}
  x->slot[j] = (uint32_t)(i + 1);
  x->n++;
  return 0;
}

static void lexfree (tifai_fwdlex *x) {
  size_t i;
  if (x == NULL) return;
  for (i = 0; i < x->ntags; i++) free(x->tags[i]);
  free(x->tags); free(x->slot); free(x->off); free(x->len); free(x->hash); free(x->tag);
  free(x->term); free(x->tcnt); free(x->tdoc); free(x->tlast); free(x->trank); free(x->tbyrank);
  free(x->tslot); free(x->toff); free(x->tlen); free(x->thash);
  tifai_buf_free(&x->keys);
  tifai_buf_free(&x->tkeys);
  sqlite3_finalize(x->insword);
  sqlite3_finalize(x->insart);
  free(x);
}

void tifai_fwd_close (tifa_store *s) {
  lexfree(s->fwd);
  s->fwd = NULL;
}

/* Read the rows of lex_word not yet in memory. */
static int lexsync (tifa_store *s) {
  tifai_fwdlex *x = s->fwd;
  sqlite3_stmt *st = NULL;
  int rc = TIFA_OK, step;
  if (x == NULL && (x = s->fwd = (tifai_fwdlex *)calloc(1, sizeof(*x))) == NULL)
    return tifai_store_fail(s, TIFA_NOMEM, "out of memory");
  if (sqlite3_prepare_v2(s->db, "SELECT id, word, tag FROM lex_word WHERE id >= ?1 ORDER BY id",
                         -1, &st, NULL) != SQLITE_OK)
    return tifai_store_dberr(s, "cannot read the forward index");
  sqlite3_bind_int64(st, 1, (sqlite3_int64)x->n);
  while ((step = sqlite3_step(st)) == SQLITE_ROW) {
    const char *w = (const char *)sqlite3_column_text(st, 1), *tag = (const char *)sqlite3_column_text(st, 2);
    size_t len = (size_t)sqlite3_column_bytes(st, 1);
    if (sqlite3_column_int64(st, 0) != (sqlite3_int64)x->n) {     /* ids are dense from 0 */
      rc = tifai_store_fail(s, TIFA_DB, "the forward index is damaged (lex_word)");
      break;
    }
    if (w == NULL) w = "";
    if (tag == NULL) tag = "";
    if (lexadd(x, w, len, tag, hashof(w, len, tag)) != 0) { rc = tifai_store_fail(s, TIFA_NOMEM, "out of memory"); break; }
  }
  if (rc == TIFA_OK && step != SQLITE_DONE) rc = tifai_store_dberr(s, "cannot read the forward index");
  sqlite3_finalize(st);
  return rc;
}

const tifai_fwdlex *tifai_fwd_lexicon (tifa_store *s) {
  int64_t top = 0;
  sqlite3_stmt *st = NULL;
  if (!tifai_fwd_usable(s)) return NULL;
  if (sqlite3_prepare_v2(s->db, "SELECT coalesce(max(id) + 1, 0) FROM lex_word", -1, &st, NULL) != SQLITE_OK)
    return NULL;
  if (sqlite3_step(st) == SQLITE_ROW) top = sqlite3_column_int64(st, 0);
  sqlite3_finalize(st);
  if ((s->fwd == NULL || (int64_t)s->fwd->n < top) && lexsync(s) != TIFA_OK) return NULL;
  return s->fwd;
}

/* }====== */

/* {====== Storing (the writer) ====== */

/* A blob: varint ntitle (tokens of the title), then per token varint (id << 3 | inner << 2 |
** nl << 1 | gap), and for an inner word varint (its start - its word's start), in bytes.
** nl: a line end lies between the previous word and this token; gap: it does not start
** where the previous word ended (inner words: measured from that word too). */

static int encode (tifa_store *s, const tifai_buf *raw, const char *title, const char *text,
                   tifai_buf *blob, sqlite3_stmt *insword) {
  tifai_fwdlex *x = s->fwd;
  const tifai_fwdraw *r = (const tifai_fwdraw *)raw->p;
  size_t n = raw->len / sizeof(tifai_fwdraw), i, j, ntitle = 0;
  tifai_buf_reset(blob);
  for (i = 0; i < n; i++) if (r[i].piece == 0) ntitle++;
  putv(blob, ntitle);
  for (i = 0; i < n; i++) {
    const char *p = (r[i].piece ? text : title) + r[i].byte;
    uint32_t h = hashof(p, r[i].nbyte, r[i].tag);
    long id = lexfind(x, p, r[i].nbyte, r[i].tag, h);
    if (id < 0) {
      id = (long)x->n;
      if (lexadd(x, p, r[i].nbyte, r[i].tag, h) != 0) return TIFA_NOMEM;
      sqlite3_bind_int64(insword, 1, id);
      sqlite3_bind_text(insword, 2, p, (int)r[i].nbyte, SQLITE_STATIC);
      sqlite3_bind_text(insword, 3, r[i].tag, -1, SQLITE_STATIC);
      if (sqlite3_step(insword) != SQLITE_DONE) {
        sqlite3_reset(insword);
        x->n--;                       /* not stored: forget it (its slot is found no more) */
        for (j = 0; j < x->cap; j++) if (x->slot[j] == (uint32_t)(id + 1)) x->slot[j] = 0;
        rehash(x, x->cap);
        return tifai_store_dberr(s, "cannot store the forward index");
      }
      sqlite3_reset(insword);
    }
    putv(blob, ((uint64_t)id << 3) | (uint64_t)(r[i].inner << 2 | r[i].nl << 1 | r[i].gap));
    if (r[i].inner) {                 /* its word is the next token not inner */
      for (j = i + 1; j < n && r[j].inner; j++) {}
      putv(blob, j < n && r[j].byte <= r[i].byte ? r[i].byte - r[j].byte : 0);
    }
  }
  return blob->oom ? TIFA_NOMEM : TIFA_OK;
}

int tifai_fwd_put (tifa_store *s, int64_t id, const tifai_buf *raw, const char *title,
                   const char *text) {
  sqlite3_stmt *insword, *insart;
  tifai_buf blob = TIFAI_BUF_INIT;
  int rc = TIFA_OK;
  if (s->fwd == NULL && (rc = lexsync(s)) != TIFA_OK) return rc;
  if ((s->fwd->insword == NULL
       && sqlite3_prepare_v2(s->db, "INSERT INTO lex_word (id, word, tag) VALUES (?1, ?2, ?3)", -1,
                             &s->fwd->insword, NULL) != SQLITE_OK)
      || (s->fwd->insart == NULL
          && sqlite3_prepare_v2(s->db, "INSERT OR REPLACE INTO article_lex (article_id, toks) "
                                "VALUES (?1, ?2)", -1, &s->fwd->insart, NULL) != SQLITE_OK))
    rc = tifai_store_dberr(s, "cannot store the forward index");
  insword = s->fwd->insword;
  insart = s->fwd->insart;
  if (rc == TIFA_OK) rc = encode(s, raw, title, text, &blob, insword);
  if (rc == TIFA_OK) {
    sqlite3_bind_int64(insart, 1, id);
    sqlite3_bind_blob(insart, 2, blob.p ? blob.p : "", (int)blob.len, SQLITE_STATIC);
    if (sqlite3_step(insart) != SQLITE_DONE) rc = tifai_store_dberr(s, "cannot store the forward index");
  }
  if (rc == TIFA_NOMEM) rc = tifai_store_fail(s, TIFA_NOMEM, "out of memory");
  if (insart != NULL) { sqlite3_reset(insart); sqlite3_clear_bindings(insart); }
  tifai_buf_free(&blob);
  return rc;
}

int tifai_fwd_fill (tifa_store *s) {
  sqlite3_stmt *st = NULL;
  tifai_buf raw = TIFAI_BUF_INIT;
  int rc = TIFA_OK, step;
  if (s->readonly) return TIFA_OK;
  if (sqlite3_exec(s->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
    return tifai_store_dberr(s, "cannot fill the forward index");
  if (sqlite3_prepare_v2(s->db, "SELECT a.id, " TIFAI_INDEXED_TITLE("a") ", a.text FROM article AS a "
                         "WHERE NOT EXISTS (SELECT 1 FROM article_lex AS l WHERE l.article_id = a.id) "
                         "ORDER BY a.id", -1, &st, NULL) != SQLITE_OK)
    rc = tifai_store_dberr(s, "cannot fill the forward index");
  while (rc == TIFA_OK && (step = sqlite3_step(st)) == SQLITE_ROW) {
    const char *title = (const char *)sqlite3_column_text(st, 1);
    size_t tlen = (size_t)sqlite3_column_bytes(st, 1);
    const char *text = (const char *)sqlite3_column_text(st, 2);
    size_t len = (size_t)sqlite3_column_bytes(st, 2);
    if (s->interrupted) { rc = tifai_store_fail(s, TIFA_INTERRUPTED, "interrupted"); break; }
    rc = tifai_fwd_cut(title ? title : "", tlen, text ? text : "", len, &raw);
    if (rc == TIFA_ENCODING || rc == TIFA_TOOBIG) { rc = TIFA_OK; continue; }   /* segmented when read */
    if (rc == TIFA_NOMEM) { rc = tifai_store_fail(s, TIFA_NOMEM, "out of memory"); break; }
    rc = tifai_fwd_put(s, sqlite3_column_int64(st, 0), &raw, title ? title : "", text ? text : "");
  }
  if (rc == TIFA_OK && step != SQLITE_DONE) rc = tifai_store_dberr(s, "cannot fill the forward index");
  sqlite3_finalize(st);
  tifai_buf_free(&raw);
  if (rc == TIFA_OK && sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
    rc = tifai_store_dberr(s, "cannot fill the forward index");
  if (rc != TIFA_OK) {
    sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
    tifai_fwd_close(s);               /* the rows it added are gone */
  }
  return rc;
}

/* }====== */

/* {====== The stamp ====== */

/* The stamp the forward index wants: FORWARD_RULES and the word index's stamp as stored. */
static int wantstamp (tifa_store *s, char *buf, size_t sz) {
  sqlite3_stmt *st = NULL;
  int ok = 0;
  if (sqlite3_prepare_v2(s->db, "SELECT stamp FROM index_stamp WHERE name = 'words'", -1, &st,
                         NULL) != SQLITE_OK)
    return 0;
  if (sqlite3_step(st) == SQLITE_ROW) {
    snprintf(buf, sz, "forward %d; %s", FORWARD_RULES, (const char *)sqlite3_column_text(st, 0));
    ok = 1;
  }
  sqlite3_finalize(st);
  return ok;
}

int tifai_fwd_usable (tifa_store *s) {
  char want[200];
  sqlite3_stmt *st = NULL;
  int same = 0;
  if (!wantstamp(s, want, sizeof(want))) return 0;
  if (sqlite3_prepare_v2(s->db, "SELECT stamp = ?1 FROM index_stamp WHERE name = 'forward'", -1,
                         &st, NULL) != SQLITE_OK)
    return 0;
  sqlite3_bind_text(st, 1, want, -1, SQLITE_STATIC);
  if (sqlite3_step(st) == SQLITE_ROW) same = sqlite3_column_int(st, 0);
  sqlite3_finalize(st);
  return same;
}

int tifai_fwd_check (tifa_store *s) {
  char want[200];
  sqlite3_stmt *st = NULL;
  int rc = TIFA_OK;
  if (s->readonly || !wantstamp(s, want, sizeof(want))) return TIFA_OK;
  if (!tifai_fwd_usable(s)) {       /* other rules: cut every article again */
    tifai_fwd_close(s);
    if (sqlite3_exec(s->db, "BEGIN IMMEDIATE; DELETE FROM article_lex; DELETE FROM lex_word",
                     NULL, NULL, NULL) != SQLITE_OK)
      rc = tifai_store_dberr(s, "cannot rebuild the forward index");
    else if (sqlite3_prepare_v2(s->db, "INSERT OR REPLACE INTO index_stamp (name, stamp) "
                                "VALUES ('forward', ?1)", -1, &st, NULL) != SQLITE_OK)
      rc = tifai_store_dberr(s, "cannot rebuild the forward index");
    else {
      sqlite3_bind_text(st, 1, want, -1, SQLITE_STATIC);
      if (sqlite3_step(st) != SQLITE_DONE) rc = tifai_store_dberr(s, "cannot rebuild the forward index");
    }
    sqlite3_finalize(st);
    if (rc == TIFA_OK && sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
      rc = tifai_store_dberr(s, "cannot rebuild the forward index");
    if (rc != TIFA_OK) { sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL); return rc; }
  }
  return tifai_fwd_fill(s);
}

/* }====== */

/* {====== Reading ====== */

int tifai_fwd_decode (const unsigned char *p, size_t n, tifai_fwdtoks *v) {
  const unsigned char *e = p + n;
  uint64_t x, nt;
  v->n = 0;
  if ((p = getv(p, e, &nt)) == NULL) return TIFA_DB;
  v->ntitle = (size_t)nt;
  while (p < e) {
    tifai_fwdtok *t;
    if ((p = getv(p, e, &x)) == NULL) return TIFA_DB;
    if (v->n >= v->cap && growarr(&v->t, &v->cap, v->n + 1, sizeof(tifai_fwdtok)) != 0)
      return TIFA_NOMEM;
    t = &v->t[v->n++];
    t->w = (uint32_t)(x >> 3);
    t->inner = (unsigned char)((x >> 2) & 1);
    t->nl = (unsigned char)((x >> 1) & 1);
    t->gap = (unsigned char)(x & 1);
    t->off = 0;
    if (t->inner) {
      if ((p = getv(p, e, &x)) == NULL) return TIFA_DB;
      t->off = (uint32_t)x;
    }
  }
  return v->ntitle <= v->n ? TIFA_OK : TIFA_DB;
}

void tifai_fwdtoks_free (tifai_fwdtoks *v) {
  free(v->t);
  memset(v, 0, sizeof(*v));
}

int tifai_fwd_each (tifa_store *s, const int64_t *ids, size_t nids, tifai_fwd_fn f, void *ud) {
  sqlite3_stmt *st = NULL;
  size_t i;
  int rc = TIFA_OK, step = SQLITE_DONE;
  if (sqlite3_prepare_v2(s->db, ids ? "SELECT article_id, toks FROM article_lex WHERE article_id = ?1"
                                    : "SELECT a.id, l.toks FROM article AS a LEFT JOIN article_lex AS l "
                                      "ON l.article_id = a.id ORDER BY a.id", -1, &st, NULL) != SQLITE_OK)
    return tifai_store_dberr(s, "cannot read the forward index");
  if (ids == NULL) {
    while (rc == TIFA_OK && !s->interrupted && (step = sqlite3_step(st)) == SQLITE_ROW)
      rc = f(ud, sqlite3_column_int64(st, 0), (const unsigned char *)sqlite3_column_blob(st, 1),
             (size_t)sqlite3_column_bytes(st, 1), sqlite3_column_type(st, 1) == SQLITE_NULL);
  }
  else
    for (i = 0; i < nids && rc == TIFA_OK && !s->interrupted; i++) {
      sqlite3_bind_int64(st, 1, ids[i]);
      if ((step = sqlite3_step(st)) == SQLITE_ROW)
        rc = f(ud, ids[i], (const unsigned char *)sqlite3_column_blob(st, 1),
               (size_t)sqlite3_column_bytes(st, 1), 0);
      else if (step == SQLITE_DONE) rc = f(ud, ids[i], NULL, 0, 1);
      if (step == SQLITE_ROW) step = SQLITE_DONE;
      sqlite3_reset(st);
      if (step != SQLITE_DONE) break;
    }
  if (rc == TIFA_OK && s->interrupted) rc = tifai_store_fail(s, TIFA_INTERRUPTED, "interrupted");
  else if (rc == TIFA_OK && step != SQLITE_DONE) rc = tifai_store_dberr(s, "cannot read the forward index");
  sqlite3_finalize(st);
  return rc;
}

/* }====== */

/* {====== The vocabulary of a set (tifa_store_vocab) ====== */

/* The word index's token of word w: lowercased, no NUL (as wordindex.c's addlower), or -1
** when the index keeps no such word (no letter or digit). */
static int termof (tifai_fwdlex *x, size_t w) {
  const char *s = x->keys.p + x->off[w];
  size_t len = x->len[w], i = 0, j;
  int word = 0;
  tifai_buf b = TIFAI_BUF_INIT;
  uint32_t h = 2166136261u;
  long found = -1;
  while (i < len) {
    int32_t cp;
    int n = tifa_utf8_decode(s + i, len - i, &cp);
    if (n <= 0) break;
    if (tifai_indexed_cp(cp)) word = 1;
    if (cp == 0) {}
    else if (cp < 0x80) tifai_buf_addc(&b, (char)((cp >= 'A' && cp <= 'Z') ? cp + 32 : cp));
    else if (tifai_is_han(cp)) tifai_buf_add(&b, s + i, (size_t)n);
    else {
      utf8proc_uint8_t u[4];
      utf8proc_ssize_t k = utf8proc_encode_char(utf8proc_tolower(cp), u);
      tifai_buf_add(&b, u, (size_t)k);
    }
    i += (size_t)n;
  }
  if (!word || b.oom) { x->term[w] = UINT32_MAX; tifai_buf_free(&b); return b.oom ? -2 : 0; }
  for (i = 0; i < b.len; i++) { h ^= (unsigned char)b.p[i]; h *= 16777619u; }
  if (x->tcap > 0)
    for (j = h & (x->tcap - 1); x->tslot[j]; j = (j + 1) & (x->tcap - 1)) {
      size_t t = x->tslot[j] - 1;
      if (x->thash[t] == h && x->tlen[t] == b.len && memcmp(x->tkeys.p + x->toff[t], b.p, b.len) == 0) {
        found = (long)t;
        break;
      }
    }
  if (found < 0) {
    size_t t = x->nterms, c;
    if ((x->nterms + 1) * 2 > x->tcap) {
      size_t ncap = x->tcap ? 2 * x->tcap : 1024, k;
      uint32_t *ns = (uint32_t *)calloc(ncap, sizeof(uint32_t));
      if (ns == NULL) { tifai_buf_free(&b); return -2; }
      for (k = 0; k < x->nterms; k++) {
        size_t q = x->thash[k] & (ncap - 1);
        while (ns[q]) q = (q + 1) & (ncap - 1);
        ns[q] = (uint32_t)(k + 1);
      }
      free(x->tslot); x->tslot = ns; x->tcap = ncap;
    }
    c = x->twcap; if (growarr(&x->toff, &c, t + 1, sizeof(size_t)) != 0) { tifai_buf_free(&b); return -2; }
    c = x->twcap; if (growarr(&x->tlen, &c, t + 1, sizeof(uint32_t)) != 0) { tifai_buf_free(&b); return -2; }
    c = x->twcap; if (growarr(&x->thash, &c, t + 1, sizeof(uint32_t)) != 0) { tifai_buf_free(&b); return -2; }
    c = x->twcap;
    if (growarr(&x->tcnt, &c, t + 1, sizeof(int64_t)) != 0) { tifai_buf_free(&b); return -2; }
    c = x->twcap; if (growarr(&x->tdoc, &c, t + 1, sizeof(int64_t)) != 0) { tifai_buf_free(&b); return -2; }
    c = x->twcap; if (growarr(&x->tlast, &c, t + 1, sizeof(int64_t)) != 0) { tifai_buf_free(&b); return -2; }
    x->twcap = c;
    if (tifai_buf_grow(&x->tkeys, b.len + 1) != 0) { tifai_buf_free(&b); return -2; }
    x->toff[t] = x->tkeys.len; x->tlen[t] = (uint32_t)b.len; x->thash[t] = h;
    tifai_buf_add(&x->tkeys, b.p, b.len);
    tifai_buf_addc(&x->tkeys, 0);
    for (j = h & (x->tcap - 1); x->tslot[j]; j = (j + 1) & (x->tcap - 1)) {}
    x->tslot[j] = (uint32_t)(t + 1);
    x->nterms++;
    found = (long)t;
  }
  x->term[w] = (uint32_t)found;
  tifai_buf_free(&b);
  return 0;
}

/* The terms of every word of the lexicon, made for those added since last time. */
static int terms (tifai_fwdlex *x) {
  size_t c = x->termcap;
  if (x->nmapped == x->n) return 0;
  if (growarr(&x->term, &c, x->n, sizeof(uint32_t)) != 0) return -1;
  x->termcap = c;
  for (; x->nmapped < x->n; x->nmapped++)
    if (termof(x, x->nmapped) != 0) return -1;
  return 0;
}

typedef struct vocabctx {
  tifai_fwdlex *x;
  tifai_fwdtoks toks;
  int64_t doc;                      /* articles read, the stamp of tlast */
  uint32_t *seen; size_t nseen, seencap;    /* the terms counted (tcnt > 0) */
  int missing, rc;
} vocabctx;

static int vocabone (void *ud, int64_t id, const unsigned char *p, size_t n, int none) {
  vocabctx *c = (vocabctx *)ud;
  tifai_fwdlex *x = c->x;
  size_t i;
  (void)id;
  if (none) { c->missing = 1; return 1; }
  if ((c->rc = tifai_fwd_decode(p, n, &c->toks)) != TIFA_OK) return 1;
  c->doc++;
  for (i = 0; i < c->toks.n; i++) {
    uint32_t w = c->toks.t[i].w, t;
    if (w >= x->n) { c->rc = TIFA_DB; return 1; }
    if ((t = x->term[w]) == UINT32_MAX) continue;
    if (x->tcnt[t]++ == 0) {
      if (growarr(&c->seen, &c->seencap, c->nseen + 1, sizeof(uint32_t)) != 0) {
        x->tcnt[t] = 0;
        c->rc = TIFA_NOMEM;
        return 1;
      }
      c->seen[c->nseen++] = t;
    }
    if (x->tlast[t] != c->doc) { x->tlast[t] = c->doc; x->tdoc[t]++; }
  }
  return 0;
}

typedef struct vrow { uint32_t t, rank; int64_t cnt, docs; } vrow;
static const tifai_fwdlex *sortlex;

static int cmpterm (const void *a, const void *b) {  /* by bytes, as SQLite's BINARY */
  uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
  size_t lx = sortlex->tlen[x], ly = sortlex->tlen[y];
  int c = memcmp(sortlex->tkeys.p + sortlex->toff[x], sortlex->tkeys.p + sortlex->toff[y], lx < ly ? lx : ly);
  return c ? c : (lx > ly) - (lx < ly);
}

static int cmpvrow (const void *a, const void *b) {
  const vrow *x = (const vrow *)a, *y = (const vrow *)b;
  if (x->cnt != y->cnt) return x->cnt > y->cnt ? -1 : 1;
  return (x->rank > y->rank) - (x->rank < y->rank);
}

/* trank: each term's place in the order of their bytes, made again when terms were added. */
static int ranks (tifai_fwdlex *x) {
  uint32_t *ord;
  size_t i, c = x->trankcap, c2 = x->tbyrankcap;
  if (x->nranked == x->nterms) return 0;
  if (growarr(&x->trank, &c, x->nterms, sizeof(uint32_t)) != 0) return -1;
  x->trankcap = c;
  if (growarr(&x->tbyrank, &c2, x->nterms, sizeof(uint32_t)) != 0) return -1;
  x->tbyrankcap = c2;
  ord = x->tbyrank;
  for (i = 0; i < x->nterms; i++) ord[i] = (uint32_t)i;
  sortlex = x;
  qsort(ord, x->nterms, sizeof(uint32_t), cmpterm);
  for (i = 0; i < x->nterms; i++) x->trank[ord[i]] = (uint32_t)i;
  x->nranked = x->nterms;
  return 0;
}

/* Sort a[0..n) (tmp: room for n more) ascending: LSD radix sort, a byte a pass. */
static void radix64 (uint64_t *a, uint64_t *tmp, size_t n) {
  size_t cnt[256], i;
  int shift;
  for (shift = 0; shift < 64; shift += 8) {
    size_t sum = 0;
    uint64_t *t;
    memset(cnt, 0, sizeof(cnt));
    for (i = 0; i < n; i++) cnt[(a[i] >> shift) & 0xFF]++;
    if (cnt[(a[0] >> shift) & 0xFF] == n) continue;     /* all the same byte: no pass */
    for (i = 0; i < 256; i++) { size_t k = cnt[i]; cnt[i] = sum; sum += k; }
    for (i = 0; i < n; i++) tmp[cnt[(a[i] >> shift) & 0xFF]++] = a[i];
    t = a; a = tmp; tmp = t;
    memcpy(tmp, a, n * sizeof(uint64_t));           /* the result stays in the caller's a */
  }
}

typedef struct countctx {
  const tifai_fwdlex *x;
  tifai_fwdtoks toks;
  int64_t *cnt, tokens;
  int missing, rc;
} countctx;

static int countone (void *ud, int64_t id, const unsigned char *p, size_t n, int none) {
  countctx *c = (countctx *)ud;
  size_t i;
  (void)id;
  if (none) { c->missing = 1; return 1; }
  if ((c->rc = tifai_fwd_decode(p, n, &c->toks)) != TIFA_OK) return 1;
  for (i = 0; i < c->toks.n; i++) {
    uint32_t w = c->toks.t[i].w, t;
    if (w >= c->x->nmapped) { c->rc = TIFA_DB; return 1; }
    if ((t = c->x->term[w]) == UINT32_MAX) continue;
    c->cnt[t]++;
    c->tokens++;
  }
  return 0;
}

int tifai_fwd_count (tifa_store *s, const int64_t *ids, size_t nids, int64_t *cnt,
                     int64_t *tokens) {
  countctx c;
  int rc;
  memset(&c, 0, sizeof(c));
  if ((c.x = s->fwd) == NULL) return TIFAI_FWD_NONE;
  c.cnt = cnt;
  rc = tifai_fwd_each(s, ids, nids, countone, &c);
  tifai_fwdtoks_free(&c.toks);
  if (c.missing) return TIFAI_FWD_NONE;
  if (rc == 1) rc = c.rc == TIFA_NOMEM ? tifai_store_fail(s, TIFA_NOMEM, "out of memory")
                    : tifai_store_fail(s, TIFA_DB, "the forward index is damaged");
  if (rc == TIFA_OK && tokens) *tokens += c.tokens;
  return rc;
}

const tifai_fwdlex *tifai_fwd_terms (tifa_store *s) {
  tifai_fwdlex *x = (tifai_fwdlex *)tifai_fwd_lexicon(s);
  if (x == NULL || terms(x) != 0 || ranks(x) != 0) return NULL;
  return x;
}

int tifai_fwd_vocab (tifa_store *s, const tifa_vocab_opts *o, tifa_vocab_fn f, void *ud) {
  tifai_fwdlex *x = (tifai_fwdlex *)tifai_fwd_lexicon(s);
  vocabctx c;
  vrow *rows = NULL;
  size_t i, nr = 0;
  long given = 0;
  int rc;
  if (x == NULL) return TIFAI_FWD_NONE;
  if (terms(x) != 0 || ranks(x) != 0) return tifai_store_fail(s, TIFA_NOMEM, "out of memory");
  memset(&c, 0, sizeof(c));
  c.x = x;
  c.doc = ++x->tround << 32;        /* tlast: no article of an earlier call matches */
  rc = tifai_fwd_each(s, o->ids, o->nids, vocabone, &c);
  tifai_fwdtoks_free(&c.toks);
  if (!c.missing && rc == 1)
    rc = c.rc == TIFA_NOMEM ? tifai_store_fail(s, TIFA_NOMEM, "out of memory")
                            : tifai_store_fail(s, TIFA_DB, "the forward index is damaged");
  nr = c.nseen;
  if (rc == TIFA_OK && !c.missing && (rows = (vrow *)malloc((nr ? nr : 1) * sizeof(vrow))) == NULL)
    rc = tifai_store_fail(s, TIFA_NOMEM, "out of memory");
  if (rows != NULL) {               /* by count, then bytes: keys (~count << 32 | rank) */
    uint64_t *key = (uint64_t *)malloc((2 * nr + 1) * sizeof(uint64_t));
    if (key != NULL) {
      for (i = 0; i < nr; i++) {
        int64_t n = x->tcnt[c.seen[i]];
        key[i] = ((uint64_t)(0xFFFFFFFFu - (uint32_t)(n > 0xFFFFFFFF ? 0xFFFFFFFF : n)) << 32)
                 | x->trank[c.seen[i]];
      }
      radix64(key, key + nr, nr);
      for (i = 0; i < nr; i++) {
        uint32_t t = x->tbyrank[(uint32_t)key[i]];
        rows[i].t = t; rows[i].cnt = x->tcnt[t]; rows[i].rank = (uint32_t)key[i]; rows[i].docs = x->tdoc[t];
      }
      free(key);
    }
    else {                          /* no room for keys: qsort */
      for (i = 0; i < nr; i++) {
        rows[i].t = c.seen[i]; rows[i].cnt = x->tcnt[c.seen[i]]; rows[i].rank = x->trank[c.seen[i]];
        rows[i].docs = x->tdoc[c.seen[i]];
      }
      qsort(rows, nr, sizeof(vrow), cmpvrow);
    }
  }
  for (i = 0; i < c.nseen; i++) x->tcnt[c.seen[i]] = x->tdoc[c.seen[i]] = 0;   /* for the next call */
  free(c.seen);
  if (c.missing) return TIFAI_FWD_NONE;       /* some article is not cut: segment them */
  if (rc != TIFA_OK) return rc;
  for (i = 0; rc == TIFA_OK && i < nr && (o->limit <= 0 || given < o->limit); i++) {
    const char *w = x->tkeys.p + x->toff[rows[i].t];
    size_t len = x->tlen[rows[i].t];
    if (rows[i].cnt < (o->min > 0 ? o->min : 1) || (o->stop && tifa_freq_get(o->stop, w, len) > 0)) continue;
    given++;
    rc = f(ud, w, len, rows[i].cnt, rows[i].docs);
  }
  free(rows);
  return rc;
}

/* }====== */
