/*
** fuzz_tokenizer.c -- libFuzzer target: tifa's FTS5 tokenizers and the query compiler.
** The input's first line is a query, the rest a document (the whole input is both when
** there is no line break). The target checks the token rules (tifai_tokens) on the raw
** bytes, then, as the store does: folds the document, indexes it in a real in-memory SQLite
** through the registered tokenizers "tifa" and "tifa_words", compiles the query
** (tifai_query_parse), runs its MATCH expression on both tables, verifies it on the text
** (tifai_query_verify) and runs the query quoted, as FTS5 gets it from a user.
*/
#include <sqlite3.h>
#include "fuzz.h"
#include "tifa_text.h"
#include "store.h"
#include "buf.h"

static sqlite3 *db;
static sqlite3_stmt *ins, *insw, *sel, *selw, *selq;

static int ontoken (void *ud, const char *tok, int len, int start, int end, int prefix) {
  int n = *(int *)ud;
  fcheck(len > 0 && len <= 8);
  fcheck(0 <= start && start < end && end <= n);
  fcheck(tok != NULL && (prefix == 0 || prefix == 1));
  return 0;
}

static void prep (const char *sql, sqlite3_stmt **st) {
  int rc = sqlite3_prepare_v2(db, sql, -1, st, NULL);
  if (rc != SQLITE_OK) { fprintf(stderr, "fuzz_tokenizer: %s (%s)\n", sqlite3_errmsg(db), sql); abort(); }
}

int LLVMFuzzerInitialize (int *argc, char ***argv) {
  (void)argc; (void)argv;
  fcheck(sqlite3_open(":memory:", &db) == SQLITE_OK);
  fcheck(tifai_tokenizer_register(db) == SQLITE_OK);
  fcheck(sqlite3_exec(db, "CREATE VIRTUAL TABLE t USING fts5(title, text, tokenize='tifa');"
                          "CREATE VIRTUAL TABLE w USING fts5(title, text, tokenize='tifa_words');",
                      NULL, NULL, NULL) == SQLITE_OK);
  prep("INSERT INTO t(rowid, title, text) VALUES (1, ?1, ?2)", &ins);
  prep("INSERT INTO w(rowid, title, text) VALUES (1, ?1, ?2)", &insw);
  prep("SELECT rowid, tifa_hits(t) FROM t WHERE t MATCH ?1 ORDER BY rank", &sel);
  prep("SELECT rowid FROM w WHERE w MATCH ?1", &selw);
  prep("SELECT rowid, highlight(t, 1, '[', ']') FROM t WHERE t MATCH ?1", &selq);
  return 0;
}

/* Run 'st' with 'match' to the end; a MATCH that tifa compiled must not fail. */
static void runmatch (sqlite3_stmt *st, const char *match, size_t len, int mustwork) {
  int rc;
  sqlite3_bind_text(st, 1, match, (int)len, SQLITE_STATIC);
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) ;
  if (mustwork && rc != SQLITE_DONE) {
    fprintf(stderr, "fuzz_tokenizer: MATCH '%s' failed (%s)\n", match, sqlite3_errmsg(db));
    abort();
  }
  sqlite3_reset(st);
  sqlite3_clear_bindings(st);
}

static void insert (sqlite3_stmt *st, const char *title, size_t tlen, const char *text, size_t len) {
  sqlite3_bind_text(st, 1, title, (int)tlen, SQLITE_STATIC);
  sqlite3_bind_text(st, 2, text, (int)len, SQLITE_STATIC);
  if (sqlite3_step(st) != SQLITE_DONE) {
    fprintf(stderr, "fuzz_tokenizer: cannot index (%s)\n", sqlite3_errmsg(db));
    abort();
  }
  sqlite3_reset(st);
}

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size) {
  const char *s = (const char *)data, *nl = memchr(s, '\n', size);
  const char *doc = nl ? nl + 1 : s;
  size_t qlen = nl ? (size_t)(nl - s) : size, dlen = nl ? size - (size_t)(doc - s) : size;
  char *query, *text = NULL, *title = NULL;
  size_t tlen = 0, xlen = 0;
  int n, flags;
  if (size > 1 << 20) return 0;
  n = (int)size;
  tifai_tokens(s, n, 0, ontoken, &n);               /* the raw bytes: any input */
  tifai_tokens(s, n, TIFAI_TOK_QUERY, ontoken, &n);
  tifai_tokens_exact(s, n);
  if ((query = (char *)malloc(qlen + 1)) == NULL) return 0;
  memcpy(query, s, qlen);
  query[qlen] = '\0';
  /* the document as stored: folded, its first line the title */
  if (tifa_utf8_valid(doc, dlen, NULL)) {
    const char *e = memchr(doc, '\n', dlen);
    size_t l0 = e ? (size_t)(e - doc) : 0;
    title = tifa_text_fold(doc, l0, &tlen);
    text = tifa_text_fold(doc + (e ? l0 + 1 : 0), dlen - (e ? l0 + 1 : 0), &xlen);
  }
  /* fresh tables for each input, so that an input replays alone: over many inputs in one
  ** table the word index ('w') can end up "malformed" on DELETE (see docs/fuzzing.md) */
  fcheck(sqlite3_exec(db, "DROP TABLE IF EXISTS t; DROP TABLE IF EXISTS w;"
                          "CREATE VIRTUAL TABLE t USING fts5(title, text, tokenize='tifa');"
                          "CREATE VIRTUAL TABLE w USING fts5(title, text, tokenize='tifa_words');",
                      NULL, NULL, NULL) == SQLITE_OK);
  if (title && text) {
    insert(ins, title, tlen, text, xlen);
    insert(insw, title, tlen, text, xlen);
  }
  for (flags = 0; flags <= TIFA_MATCH_WORDS; flags += TIFA_MATCH_WORDS) {
    tifai_query *q = NULL;
    char err[TIFA_ERRMAX];
    int rc = tifai_query_parse(query, flags, &q, err, sizeof(err));
    if (rc != TIFA_OK) {
      fcheck(q == NULL && err[0] != '\0');
      continue;
    }
    {
      const char *m = tifai_query_match(q);
      fcheck(m != NULL);
      runmatch(flags ? selw : sel, m, strlen(m), 1);
      tifai_query_exact(q);
      if (title && text) {
        tifai_buf offs = TIFAI_BUF_INIT, toffs = TIFAI_BUF_INIT;
        int ok = tifai_query_verify(q, title, tlen, text, xlen, &offs, &toffs);
        if (ok > 0) {
          size_t i;
          const int64_t *o = (const int64_t *)offs.p;
          for (i = 0; i + 1 < offs.len / sizeof(int64_t); i += 2)
            fcheck(0 <= o[i] && o[i] <= o[i + 1] && o[i + 1] <= (int64_t)tifa_utf8_len(text, xlen));
        }
        tifai_buf_free(&offs);
        tifai_buf_free(&toffs);
      }
    }
    tifai_query_free(q);
  }
  {                                 /* the query as a user's quoted FTS5 string */
    tifai_buf b = TIFAI_BUF_INIT;
    size_t i;
    tifai_buf_adds(&b, "\"");
    for (i = 0; i < qlen; i++) tifai_buf_add(&b, query[i] == '"' ? "\"\"" : query + i, query[i] == '"' ? 2 : 1);
    tifai_buf_adds(&b, "\"");
    if (!b.oom) runmatch(selq, b.p, b.len, 0);
    tifai_buf_free(&b);
  }
  /* as a re-ingest replaces an article: FTS5 tokenizes the row again to delete it, and
  ** must find what it indexed ("database disk image is malformed" otherwise) */
  {
    static const char *const tables[] = {"t", "w"};
    int k;
    for (k = 0; k < 2; k++) {
      char sql[32];
      snprintf(sql, sizeof(sql), "DELETE FROM %s", tables[k]);
      if (sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK) {
        fprintf(stderr, "fuzz_tokenizer: cannot delete from '%s' (%s)\n", tables[k], sqlite3_errmsg(db));
        abort();
      }
    }
  }
  tifa_free(title);
  tifa_free(text);
  free(query);
  return 0;
}
