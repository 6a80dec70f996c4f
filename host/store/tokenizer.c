/*
** tokenizer.c -- tifa's FTS5 tokenizer ("tifa") and the token rules it shares with the query
** compiler. Letters and digits of every script are indexed as overlapping bigrams, Latin
** lowercased (one token per character: a run of n characters gives n-1 bigrams and its last
** character alone). Every substring of two or more characters is then a phrase of bigrams,
** and a single character a prefix query, so 1- and 2-character queries are exact where
** SQLite's trigram tokenizer finds nothing, and "G网" is found inside "5G网络".
*/
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <utf8proc.h>
#include "store.h"
#include "text.h"

/* {====== Character classes ====== */

/* Is cp indexed: a letter or a digit of any script (Han, kana, hangul, Latin, ...)?
** Everything else (punctuation, spaces, symbols) separates runs. */
int tifai_indexed_cp (int32_t cp) {
  if (cp < 0x80)
    return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9');
  if (tifai_is_han(cp)) return 1;
  if (cp == 0x30FB) return 0;                       /* the katakana middle dot separates */
  switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_ND:
    case UTF8PROC_CATEGORY_NL: case UTF8PROC_CATEGORY_NO: case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC:
      return 1;
    default:
      return 0;
  }
}

/* Decode the code point at s[i] (the store holds valid UTF-8; anything else decodes as
** U+FFFD one byte at a time, so no input runs past the end) and lowercase it into 'out'
** (at most 4 bytes); returns the bytes consumed and sets '*olen'. */
static int lowered (const char *s, int len, int i, int32_t *cp, char *out, int *olen) {
  int n = tifa_utf8_decode(s + i, (size_t)(len - i), cp);
  if (n <= 0) { *cp = 0xFFFD; n = 1; }
  if (*cp < 0x80) {
    out[0] = (char)((*cp >= 'A' && *cp <= 'Z') ? *cp + 32 : *cp);
    *olen = 1;
  }
  else if (tifai_is_han(*cp)) {                     /* no case: copy as is */
    memcpy(out, s + i, (size_t)n);
    *olen = n;
  }
  else *olen = (int)utf8proc_encode_char(utf8proc_tolower(*cp), (utf8proc_uint8_t *)out);
  return n;
}

/* }====== */

/* {====== Token rules ====== */

/*
** Walk text[0..len) and hand over tokens. A run of indexed characters c1..cn gives the
** bigrams c1c2 .. c(n-1)cn, each at the position of its first character, then, depending
** on 'mode':
**   DOC:   cn alone, so that positions step once per character;
**   FTSQ:  what FTS5 asks for a quoted query string: nothing more, or c1 alone for a
**          one-character run (the query compiler quotes each token by itself);
**   TERM:  the tokens of a query term: as DOC, but a run that ends the term gives no last
**          character alone, or, when it is one character long, that character as a prefix
**          (it may begin a bigram in the document).
*/
#define M_DOC   0
#define M_FTSQ  1
#define M_TERM  2

static int walk (const char *text, int len, int mode, tifai_token_fn f, void *ud) {
  int i = 0, rc;
  char tok[8];
  while (i < len) {
    int32_t cp;
    int tl, n = lowered(text, len, i, &cp, tok, &tl), start = i;
    if (!tifai_indexed_cp(cp)) { i += n; continue; }
    for (;;) {                                      /* tok[0..tl) is the current character */
      int32_t cp2 = 0;
      int next = i + n, n2 = 0, tl2 = 0, more = 0;
      char tok2[4];
      if (next < len) { n2 = lowered(text, len, next, &cp2, tok2, &tl2); more = tifai_indexed_cp(cp2); }
      if (more) {
        memcpy(tok + tl, tok2, (size_t)tl2);
        if ((rc = f(ud, tok, tl + tl2, i, next + n2, 0)) != 0) return rc;
        memcpy(tok, tok2, (size_t)tl2);
        tl = tl2;
        i = next;
        n = n2;
        continue;
      }
      /* 'i' is the last character of the run */
      if (mode == M_DOC || (mode == M_FTSQ && i == start)
          || (mode == M_TERM && (next < len || i == start))) {
        int prefix = (mode == M_TERM && next >= len);
        if ((rc = f(ud, tok, tl, i, next, prefix)) != 0) return rc;
      }
      i = next;
      break;
    }
  }
  return 0;
}

int tifai_tokens_exact (const char *text, int len) {
  int i = 0;
  if (len <= 0) return 0;
  while (i < len) {
    int32_t cp;
    int n = tifa_utf8_decode(text + i, (size_t)(len - i), &cp);
    if (n <= 0 || !tifai_indexed_cp(cp)) return 0;
    i += n;
  }
  return 1;
}

int tifai_tokens (const char *text, int len, int flags, tifai_token_fn f, void *ud) {
  return walk(text, len, (flags & TIFAI_TOK_QUERY) ? M_TERM : M_DOC, f, ud);
}

/* }====== */

/* {====== The FTS5 tokenizer ====== */

typedef struct ftsctx {
  void *pctx;
  int (*xtoken) (void *, int, const char *, int, int, int);
} ftsctx;

static int ftstoken (void *ud, const char *tok, int len, int start, int end, int prefix) {
  ftsctx *c = (ftsctx *)ud;
  (void)prefix;
  return c->xtoken(c->pctx, 0, tok, len, start, end);
}

static int tok_create (void *ctx, const char **azArg, int nArg, Fts5Tokenizer **out) {
  static int dummy;
  (void)ctx; (void)azArg; (void)nArg;
  *out = (Fts5Tokenizer *)&dummy;           /* no state: the rules are fixed */
  return SQLITE_OK;
}

static void tok_delete (Fts5Tokenizer *t) { (void)t; }

static int tok_tokenize (Fts5Tokenizer *t, void *pctx, int flags, const char *text, int len,
                         int (*xtoken) (void *, int, const char *, int, int, int)) {
  ftsctx c;
  (void)t;
  c.pctx = pctx;
  c.xtoken = xtoken;
  return walk(text, len, (flags & FTS5_TOKENIZE_QUERY) ? M_FTSQ : M_DOC, ftstoken, &c);
}

static fts5_api *getfts5 (sqlite3 *db) {
  fts5_api *api = NULL;
  sqlite3_stmt *st = NULL;
  if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &st, NULL) == SQLITE_OK) {
    sqlite3_bind_pointer(st, 1, (void *)&api, "fts5_api_ptr", NULL);
    sqlite3_step(st);
  }
  sqlite3_finalize(st);
  return api;
}

/* tifa_hits(article_fts): the number of phrase instances in the current row, so that count
** can sum matches from the index alone when the query allows (tifai_query_exact). */
static void hitsfunc (const Fts5ExtensionApi *api, Fts5Context *fctx, sqlite3_context *ctx,
                      int nval, sqlite3_value **val) {
  int n = 0, rc = api->xInstCount(fctx, &n);
  (void)nval; (void)val;
  if (rc != SQLITE_OK) sqlite3_result_error_code(ctx, rc);
  else sqlite3_result_int(ctx, n);
}

/* {------ Ranking ------ */

/*
** tifa_bm25(T, stats, w1, w2, ...): FTS5's bm25(T, w1, w2, ...), a copy of SQLite 3.40's
** fts5Bm25Function and fts5Bm25GetData (ext/fts5/fts5_aux.c) keeping their operations and
** their order, so that its scores are bm25's to the bit. Its statistics (the rows of T, their
** tokens, and per phrase of the query the rows that hold it) are T's when 'stats' is NULL,
** else those of the tifa_search_stats bound as a pointer of type TIFAI_STATS_PTR (a corpus's,
** summed over its stores: tifa_store_search_stats). Stats for another number of phrases than
** the query's, or for no row, fail the statement.
*/
typedef struct bm25data {
  int nphrase;                      /* phrases in the query */
  double avgdl;                     /* tokens per row */
  double *idf;                      /* per phrase */
  double *freq;                     /* per phrase, for the current row */
} bm25data;

static int countcb (const Fts5ExtensionApi *api, Fts5Context *fctx, void *ud) {
  (void)api; (void)fctx;
  (*(sqlite3_int64 *)ud)++;
  return SQLITE_OK;
}

/* The bm25data of the current query, made on first use; on a mismatch of 'st' with the
** query, SQLITE_ERROR and a message in 'msg'. */
static int bm25data_get (const Fts5ExtensionApi *api, Fts5Context *fctx,
                         const tifa_search_stats *st, bm25data **out, char *msg, size_t msgsz) {
  int rc = SQLITE_OK;
  bm25data *p = (bm25data *)api->xGetAuxdata(fctx, 0);
  if (p == NULL) {
    int nphrase, i;
    sqlite3_int64 nrow = 0, ntoken = 0, nbyte;
    nphrase = api->xPhraseCount(fctx);
    if (st != NULL && (st->nphrases != (size_t)nphrase || st->rows < 1)) {
      if (st->rows < 1) snprintf(msg, msgsz, "ranking statistics of no article");
      else snprintf(msg, msgsz, "ranking statistics for %zu phrase%s, the query has %d",
                    st->nphrases, st->nphrases == 1 ? "" : "s", nphrase);
      *out = NULL;
      return SQLITE_ERROR;
    }
    nbyte = (sqlite3_int64)sizeof(bm25data) + nphrase * 2 * (sqlite3_int64)sizeof(double);
    p = (bm25data *)sqlite3_malloc64((sqlite3_uint64)nbyte);
    if (p == NULL) rc = SQLITE_NOMEM;
    else {
      memset(p, 0, (size_t)nbyte);
      p->nphrase = nphrase;
      p->idf = (double *)&p[1];
      p->freq = &p->idf[nphrase];
    }
    if (st != NULL) { nrow = st->rows; ntoken = st->tokens; }
    else {
      if (rc == SQLITE_OK) rc = api->xRowCount(fctx, &nrow);
      if (rc == SQLITE_OK) rc = api->xColumnTotalSize(fctx, -1, &ntoken);
    }
    if (rc == SQLITE_OK) p->avgdl = (double)ntoken / (double)nrow;
    for (i = 0; rc == SQLITE_OK && i < nphrase; i++) {
      sqlite3_int64 nhit = 0;
      if (st != NULL) nhit = st->df[i];
      else rc = api->xQueryPhrase(fctx, i, (void *)&nhit, countcb);
      if (rc == SQLITE_OK) {        /* log((N - n + 0.5) / (n + 0.5)), at least 1e-6 */
        double idf = log((nrow - nhit + 0.5) / (nhit + 0.5));
        if (idf <= 0.0) idf = 1e-6;
        p->idf[i] = idf;
      }
    }
    if (rc != SQLITE_OK) sqlite3_free(p);
    else rc = api->xSetAuxdata(fctx, p, sqlite3_free);
    if (rc != SQLITE_OK) p = NULL;
  }
  *out = p;
  return rc;
}

static void bm25func (const Fts5ExtensionApi *api, Fts5Context *fctx, sqlite3_context *ctx,
                      int nval, sqlite3_value **val) {
  const double k1 = 1.2, b = 0.75;
  const tifa_search_stats *st = NULL;
  char msg[128];
  int rc, i, ninst = 0;
  double score = 0.0, d = 0.0, *freq = NULL;
  bm25data *data;
  if (nval > 0) {                   /* the statistics, then the columns' weights */
    st = (const tifa_search_stats *)sqlite3_value_pointer(val[0], TIFAI_STATS_PTR);
    nval--;
    val++;
  }
  msg[0] = '\0';
  rc = bm25data_get(api, fctx, st, &data, msg, sizeof(msg));
  if (rc == SQLITE_OK) {
    freq = data->freq;
    memset(freq, 0, sizeof(double) * (size_t)data->nphrase);
    rc = api->xInstCount(fctx, &ninst);
  }
  for (i = 0; rc == SQLITE_OK && i < ninst; i++) {
    int ip, ic, io;
    rc = api->xInst(fctx, i, &ip, &ic, &io);
    if (rc == SQLITE_OK) {
      double w = (nval > ic) ? sqlite3_value_double(val[ic]) : 1.0;
      freq[ip] += w;
    }
  }
  if (rc == SQLITE_OK) {            /* the row's length in tokens */
    int ntok;
    rc = api->xColumnSize(fctx, -1, &ntok);
    d = (double)ntok;
  }
  for (i = 0; rc == SQLITE_OK && i < data->nphrase; i++)
    score += data->idf[i] * ((freq[i] * (k1 + 1.0)) / (freq[i] + k1 * (1 - b + b * d / data->avgdl)));
  if (rc == SQLITE_OK) sqlite3_result_double(ctx, -1.0 * score);
  else if (msg[0] != '\0') sqlite3_result_error(ctx, msg, -1);
  else sqlite3_result_error_code(ctx, rc);
}

/* tifa_totals(T, k): the rows of T (k = 0) or their tokens (k = 1), in any row, with or
** without MATCH: this store's share of a corpus's statistics. */
static void totalsfunc (const Fts5ExtensionApi *api, Fts5Context *fctx, sqlite3_context *ctx,
                        int nval, sqlite3_value **val) {
  sqlite3_int64 n = 0;
  int rc = (nval > 0 && sqlite3_value_int(val[0]) == 1) ? api->xColumnTotalSize(fctx, -1, &n)
                                                         : api->xRowCount(fctx, &n);
  if (rc != SQLITE_OK) sqlite3_result_error_code(ctx, rc);
  else sqlite3_result_int64(ctx, n);
}

/* }------ */

int tifai_tokenizer_register (sqlite3 *db, tifai_tapes **tapes) {
  static fts5_tokenizer tok = {tok_create, tok_delete, tok_tokenize};
  fts5_api *api = getfts5(db);
  int rc;
  if (api == NULL)                                  /* out of memory, most likely */
    return sqlite3_errcode(db) != SQLITE_OK ? sqlite3_errcode(db) : SQLITE_ERROR;
  rc = api->xCreateTokenizer(api, "tifa", NULL, &tok, NULL);
  if (rc == SQLITE_OK) rc = tifai_wordindex_register(api, tapes);
  if (rc == SQLITE_OK) rc = api->xCreateFunction(api, "tifa_hits", NULL, hitsfunc, NULL);
  if (rc == SQLITE_OK) rc = api->xCreateFunction(api, "tifa_bm25", NULL, bm25func, NULL);
  if (rc == SQLITE_OK) rc = api->xCreateFunction(api, "tifa_totals", NULL, totalsfunc, NULL);
  return rc;
}

/* }====== */
