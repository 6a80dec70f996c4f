/*
** tokenizer.c -- tifa's FTS5 tokenizer ("tifa") and the token rules it shares with the query
** compiler. Letters and digits of every script are indexed as overlapping bigrams, Latin
** lowercased (one token per character: a run of n characters gives n-1 bigrams and its last
** character alone). Every substring of two or more characters is then a phrase of bigrams,
** and a single character a prefix query, so 1- and 2-character queries are exact where
** SQLite's trigram tokenizer finds nothing, and "G网" is found inside "5G网络".
*/
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

int tifai_tokenizer_register (sqlite3 *db, tifai_tapes **tapes) {
  static fts5_tokenizer tok = {tok_create, tok_delete, tok_tokenize};
  fts5_api *api = getfts5(db);
  int rc;
  if (api == NULL)                                  /* out of memory, most likely */
    return sqlite3_errcode(db) != SQLITE_OK ? sqlite3_errcode(db) : SQLITE_ERROR;
  rc = api->xCreateTokenizer(api, "tifa", NULL, &tok, NULL);
  if (rc == SQLITE_OK) rc = tifai_wordindex_register(api, tapes);
  if (rc == SQLITE_OK) rc = api->xCreateFunction(api, "tifa_hits", NULL, hitsfunc, NULL);
  return rc;
}

/* }====== */
