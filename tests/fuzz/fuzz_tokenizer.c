/*
** fuzz_tokenizer.c -- libFuzzer target: tifa's FTS5 tokenizers and the query compiler.
** The input's first line is a query, the rest a document (the whole input is both when
** there is no line break). The target checks the token rules (tifai_tokens) on the raw
** bytes, then, as the store does: folds the document, indexes it in a real in-memory SQLite
** through the registered tokenizers "tifa" and "tifa_words", compiles the query
** (tifai_query_parse), runs its MATCH expression on both tables, verifies it on the text
** (tifai_query_verify) and runs the query quoted, as FTS5 gets it from a user.
** Besides, a second pair of tables laid out as the store's (external content, as
** article_fts and article_words) keeps its rows from one input to the next: each input's
** document goes in, the previous one out, with FTS5's integrity-check after each step, as
** re-ingest does to a store over time. A token FTS5 cannot take (one with a NUL byte did)
** corrupts an index only after some inputs; the check finds it at the first.
*/
#include <sqlite3.h>
#include "fuzz.h"
#include "tifa_text.h"
#include "store.h"
#include "buf.h"

static sqlite3 *db;
static sqlite3_stmt *ins, *insw, *sel, *selw, *selq;

/* The kept tables: made anew every KEEP_INPUTS inputs, so that they stay small. */
#define KEEP_INPUTS  64
static sqlite3_stmt *kadd;         /* a row into doc */
static long ninputs;
static sqlite3_int64 kept;          /* the row left in by the previous input, or 0 */

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
  fcheck(tifai_tokenizer_register(db, NULL) == SQLITE_OK);
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

/* (Re)make the kept tables: a content table and its two indexes, set up as the store's. */
static void keepnew (void) {
  sqlite3_finalize(kadd);
  fcheck(sqlite3_exec(db, "DROP TABLE IF EXISTS kt; DROP TABLE IF EXISTS kw; DROP TABLE IF EXISTS doc;"
                          "CREATE TABLE doc (id INTEGER PRIMARY KEY, title TEXT, text TEXT);"
                          "CREATE VIRTUAL TABLE kt USING fts5(title, text, content='doc', "
                          "content_rowid='id', tokenize='tifa', columnsize=1, detail=full);"
                          "CREATE VIRTUAL TABLE kw USING fts5(title, text, content='doc', "
                          "content_rowid='id', tokenize='tifa_words', columnsize=1, detail=full);"
                          "INSERT INTO kt (kt, rank) VALUES ('automerge', 16);"
                          "INSERT INTO kw (kw, rank) VALUES ('automerge', 16);",
                      NULL, NULL, NULL) == SQLITE_OK);
  prep("INSERT INTO doc (id, title, text) VALUES (?1, ?2, ?3)", &kadd);
  kept = 0;
}

/* Run 'sql' with ?1 = 'id' to the end; abort with SQLite's message if it fails. */
static void keeprun (const char *sql, sqlite3_int64 id) {
  sqlite3_stmt *st;
  int rc;
  prep(sql, &st);
  sqlite3_bind_int64(st, 1, id);
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) ;
  if (rc != SQLITE_DONE) {
    fprintf(stderr, "fuzz_tokenizer: %s (%s)\n", sqlite3_errmsg(db), sql);
    abort();
  }
  sqlite3_finalize(st);
}

/* Both kept indexes against their content: a token that differs between the insert and the
** check, or that FTS5 cannot hold, shows here as "database disk image is malformed". */
static void keepcheck (const char *after) {
  static const char *const sql[] = {"INSERT INTO kt (kt, rank) VALUES ('integrity-check', 1)",
                                    "INSERT INTO kw (kw, rank) VALUES ('integrity-check', 1)"};
  int k;
  for (k = 0; k < 2; k++)
    if (sqlite3_exec(db, sql[k], NULL, NULL, NULL) != SQLITE_OK) {
      fprintf(stderr, "fuzz_tokenizer: kept index '%s' broken after %s, input %ld (%s)\n",
              k ? "kw" : "kt", after, ninputs, sqlite3_errmsg(db));
      abort();
    }
}

/* This input's document in, the previous one out, as a re-ingest replaces an article. */
static void keep (const char *title, size_t tlen, const char *text, size_t len) {
  sqlite3_int64 old = kept;
  if (++ninputs % KEEP_INPUTS == 1) { keepnew(); old = 0; }
  if (title && text) {
    kept = ninputs;
    sqlite3_bind_int64(kadd, 1, kept);
    sqlite3_bind_text(kadd, 2, title, (int)tlen, SQLITE_STATIC);
    sqlite3_bind_text(kadd, 3, text, (int)len, SQLITE_STATIC);
    if (sqlite3_step(kadd) != SQLITE_DONE) {
      fprintf(stderr, "fuzz_tokenizer: cannot keep a row (%s)\n", sqlite3_errmsg(db));
      abort();
    }
    sqlite3_reset(kadd);
    sqlite3_clear_bindings(kadd);
    keeprun("INSERT INTO kt (rowid, title, text) SELECT id, title, text FROM doc WHERE id = ?1", kept);
    keeprun("INSERT INTO kw (rowid, title, text) SELECT id, title, text FROM doc WHERE id = ?1", kept);
    keepcheck("an insert");
  }
  else kept = 0;
  if (old) {
    keeprun("INSERT INTO kt (kt, rowid, title, text) SELECT 'delete', id, title, text FROM doc "
            "WHERE id = ?1", old);
    keeprun("INSERT INTO kw (kw, rowid, title, text) SELECT 'delete', id, title, text FROM doc "
            "WHERE id = ?1", old);
    keeprun("DELETE FROM doc WHERE id = ?1", old);
    keepcheck("a delete");
  }
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
  /* fresh tables for each input, so that an input replays alone (the kept ones are below) */
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
  keep(title, tlen, text, xlen);
  tifa_free(title);
  tifa_free(text);
  free(query);
  return 0;
}
