/*
** test_wordtape.c -- word tapes (wordtape.c, wordindex.c): a text's word-index tokens
** recorded ahead and replayed by the tokenizer give the very index that segmenting gives
** (terms, columns, positions), the tokenizer does replay them, a tape is found by its text
** only, and an ingest with the worker's tapes builds the same word index as one without.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sqlite3.h>
#include "tifa.h"
#include "tifa_store.h"
#include "store.h"
#include "check.h"

static char tmpdir[256];

static const char *const texts[] = {
  "推动共建一带一路高质量发展。发展中国家的发展很重要。",
  "APEC会议召开，apec成员参加；5G网络覆盖12306个站点，ＡＩ＋制造。",
  "因地制宜发展新质生产力。个人才能与人才培养。",
  "Ça va? Ünïcode Wörter, ελληνικά, русский текст; 한국어 日本語のテキスト。",
  "中华人民共和国国务院关于稳中求进、以进促稳、先立后破的意见",
  "a\0b 《\0见》",                        /* a NUL inside a word: left out of the token */
  "",
  "。，；！",                              /* no word at all */
};
static const size_t textlens[] = {0, 0, 0, 0, 0, 11, 0, 0};

static size_t lenof (int i) { return textlens[i] ? textlens[i] : strlen(texts[i]); }

static int wexec (sqlite3 *db, const char *sql) {
  int rc = sqlite3_exec(db, sql, NULL, NULL, NULL);
  if (rc != SQLITE_OK) fprintf(stderr, "%s: %s\n", sql, sqlite3_errmsg(db));
  return rc;
}

/* A word table 'w' (with its instance vocabulary 'v') in memory, its tokenizer replaying
** the tapes in '*tapes'. */
static sqlite3 *wordtable (tifai_tapes **tapes) {
  sqlite3 *db = NULL;
  check(sqlite3_open(":memory:", &db) == SQLITE_OK);
  checkint(tifai_tokenizer_register(db, tapes), SQLITE_OK);
  checkint(wexec(db, "CREATE VIRTUAL TABLE w USING fts5(title, text, tokenize='tifa_words');"
                     "CREATE VIRTUAL TABLE v USING fts5vocab(w, 'instance')"), SQLITE_OK);
  return db;
}

static void insert (sqlite3 *db, int64_t id, const char *title, size_t tlen, const char *text,
                    size_t len) {
  sqlite3_stmt *st = NULL;
  checkint(sqlite3_prepare_v2(db, "INSERT INTO w (rowid, title, text) VALUES (?1, ?2, ?3)", -1,
                              &st, NULL), SQLITE_OK);
  sqlite3_bind_int64(st, 1, id);
  sqlite3_bind_text(st, 2, title, (int)tlen, SQLITE_STATIC);
  sqlite3_bind_text(st, 3, text, (int)len, SQLITE_STATIC);
  checkint(sqlite3_step(st), SQLITE_DONE);
  sqlite3_finalize(st);
}

/* Every instance of the index, one per line (term, row, column, position), in 'out'. */
static char *instances (sqlite3 *db, const char *sql) {
  sqlite3_stmt *st = NULL;
  tifai_buf b = TIFAI_BUF_INIT;
  checkint(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
  while (st && sqlite3_step(st) == SQLITE_ROW) {
    char line[64];
    tifai_buf_add(&b, sqlite3_column_blob(st, 0), (size_t)sqlite3_column_bytes(st, 0));
    snprintf(line, sizeof(line), " %lld %s %lld\n", (long long)sqlite3_column_int64(st, 1),
             (const char *)sqlite3_column_text(st, 2), (long long)sqlite3_column_int64(st, 3));
    tifai_buf_adds(&b, line);
  }
  sqlite3_finalize(st);
  tifai_buf_addc(&b, 0);
  return b.p;
}

#define VOCAB "SELECT term, doc, col, offset FROM v ORDER BY term, doc, col, offset"

/* Replayed tapes give the index that segmenting gives, position for position. */
static void test_replay (void) {
  tifai_tapes *tapes = NULL;
  sqlite3 *plain = wordtable(NULL), *taped = wordtable(&tapes);
  int i, n = (int)(sizeof(texts) / sizeof(texts[0]));
  char *a, *b;
  for (i = 0; i < n; i++) {
    tifai_tape *t = tifai_wordtape_make(texts[i], lenof(i));
    check(t != NULL);
    checkint(tifai_tapes_put(&tapes, t), TIFA_OK);
    check(tifai_tapes_find(tapes, texts[i], lenof(i)) != NULL);
  }
  for (i = 0; i < n; i++) {
    const char *title = texts[(i + 1) % n];
    insert(plain, i + 1, title, lenof((i + 1) % n), texts[i], lenof(i));
    insert(taped, i + 1, title, lenof((i + 1) % n), texts[i], lenof(i));
  }
  a = instances(plain, VOCAB);
  b = instances(taped, VOCAB);
  check(strlen(a) > 500);                          /* the texts have many words */
  check(strstr(a, "一带一路 1 text ") != NULL);    /* the inner word */
  check(strstr(a, "ab 6 text 0\n") != NULL);       /* "a\0b" indexed as "ab" */
  checkstr(b, a);
  checkint(wexec(taped, "INSERT INTO w(w) VALUES('integrity-check')"), SQLITE_OK);
  /* deletes replay the same tokens: the index empties cleanly */
  checkint(wexec(taped, "DELETE FROM w"), SQLITE_OK);
  checkint(wexec(taped, "INSERT INTO w(w) VALUES('integrity-check')"), SQLITE_OK);
  free(b);
  b = instances(taped, VOCAB);
  checkstr(b, "");
  free(a);
  free(b);
  sqlite3_close(plain);
  sqlite3_close(taped);
  tifai_tapes_free(&tapes);
  check(tapes == NULL);
}

/* The tokenizer does replay: a tape made from another text of the same length, filed under
** this text, gives the other text's words. */
static void test_replayed (void) {
  static const char x[] = "发展新质生产力", y[] = "高质量的发展";   /* 21 and 18 bytes */
  static const char x2[] = "国家发展新质生产力的";               /* for the other length */
  tifai_tapes *tapes = NULL;
  tifai_tape *ty = tifai_wordtape_make(y, strlen(y)), *forged;
  sqlite3 *db = wordtable(&tapes);
  char *got;
  check(ty != NULL);
  /* y's tokens padded to x's length: the same records under x's key */
  forged = ty ? tifai_tape_new(x, strlen(x), ty->rec, ty->n) : NULL;
  check(forged != NULL);
  checkint(tifai_tapes_put(&tapes, forged), TIFA_OK);
  check(tifai_tapes_find(tapes, x, strlen(x)) == forged);
  check(tifai_tapes_find(tapes, x, strlen(x) - 3) == NULL);   /* a prefix is another text */
  check(tifai_tapes_find(tapes, x2, strlen(x2)) == NULL);
  check(tifai_tapes_find(tapes, y, strlen(y)) == NULL);
  insert(db, 1, "", 0, x, strlen(x));
  got = instances(db, VOCAB);
  /* y's words 高质量 / 的 / 发展 are x's bytes 发展新 / 质 / 生产: never x's own words */
  check(strstr(got, "发展新 1 text 0\n") != NULL);
  check(strstr(got, "生产 1 text 2\n") != NULL);
  check(strstr(got, "新质生产力") == NULL);
  free(got);
  /* a second tape of the same text is dropped; the first stays */
  checkint(tifai_tapes_put(&tapes, tifai_tape_new(x, strlen(x), "", 0)), TIFA_OK);
  check(tifai_tapes_find(tapes, x, strlen(x)) == forged);
  sqlite3_close(db);
  tifai_tapes_free(&tapes);
  free(ty);
  /* many tapes: the set grows and finds each */
  {
    char buf[64];
    int i, found = 0;
    for (i = 0; i < 5000; i++) {
      snprintf(buf, sizeof(buf), "第%d条", i);
      checkint(tifai_tapes_put(&tapes, tifai_wordtape_make(buf, strlen(buf))), TIFA_OK);
    }
    for (i = 0; i < 5000; i++) {
      snprintf(buf, sizeof(buf), "第%d条", i);
      found += tifai_tapes_find(tapes, buf, strlen(buf)) != NULL;
    }
    checkint(found, 5000);
    check(tifai_tapes_find(tapes, "第5000条", strlen("第5000条")) == NULL);
    tifai_tapes_free(&tapes);
  }
}

static void copyfile (const char *from, const char *to) {
  FILE *in = fopen(from, "rb"), *out = fopen(to, "wb");
  char buf[65536];
  size_t n;
  check(in != NULL && out != NULL);
  while (in && out && (n = fread(buf, 1, sizeof(buf), in)) > 0) check(fwrite(buf, 1, n, out) == n);
  if (in) fclose(in);
  if (out) fclose(out);
}

static tifa_store *openstore (const char *name) {
  char path[512], err[256];
  tifa_store *s = NULL;
  snprintf(path, sizeof(path), "%s/%s", tmpdir, name);
  checkint(tifa_store_open(path, TIFA_OPEN_CREATE, &s, err, sizeof(err)), TIFA_OK);
  return s;
}

static char *storeinstances (tifa_store *s) {
  sqlite3 *db = s->db;
  checkint(wexec(db, "CREATE VIRTUAL TABLE temp.v USING fts5vocab(main, article_words, 'instance')"),
           SQLITE_OK);
  return instances(db, VOCAB);
}

/* The seed pages in one call (the worker prepares them and makes their tapes) and one call
** per page (no worker: the flush segments): the same articles, the same word index. */
static void test_ingest (void) {
  static const char *const seeds[] = {"000_5f02c2555ca2acf2.txt", "001_f34ecce1adfb7df6.txt",
    "002_41f0111f64e2b8b0.txt", "003_e65765651145426b.txt", "004_19c2e8de30fa8799.txt"};
  const char *dir = getenv("TIFA_SEEDS");
  char from[1024], to[1024], sub[300];
  tifa_store *a, *b;
  tifa_ingest_report r;
  char *ia, *ib;
  size_t i;
  check(dir != NULL);
  if (dir == NULL) return;
  snprintf(sub, sizeof(sub), "%s/pages", tmpdir);
  check(mkdir(sub, 0700) == 0);
  for (i = 0; i < 5; i++) {
    snprintf(from, sizeof(from), "%s/%s", dir, seeds[i]);
    snprintf(to, sizeof(to), "%s/%s", sub, seeds[i]);
    copyfile(from, to);
  }
  a = openstore("a.db");
  b = openstore("b.db");
  memset(&r, 0, sizeof(r));
  checkint(tifa_store_ingest(a, sub, NULL, &r), TIFA_OK);
  checkint(r.added, 5);
  check(r.articles >= 10);
  check(a->tapes == NULL);                         /* replayed, then let go */
  for (i = 0; i < 5; i++) {
    snprintf(to, sizeof(to), "%s/%s", sub, seeds[i]);
    memset(&r, 0, sizeof(r));
    checkint(tifa_store_ingest(b, to, NULL, &r), TIFA_OK);
    checkint(r.added, 1);
  }
  ia = storeinstances(a);
  ib = storeinstances(b);
  check(strlen(ia) > 10000);
  checkstr(ia, ib);
  checkint(wexec(a->db, "INSERT INTO article_words(article_words) VALUES('integrity-check')"),
           SQLITE_OK);
  free(ia);
  free(ib);
  tifa_store_close(a);
  tifa_store_close(b);
}

int main (void) {
  char cmd[300];
  snprintf(tmpdir, sizeof(tmpdir), "/tmp/tifa_wordtape_XXXXXX");
  if (mkdtemp(tmpdir) == NULL) { perror("mkdtemp"); return 1; }
  test_replay();
  test_replayed();
  test_ingest();
  snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
  if (system(cmd) != 0) fprintf(stderr, "could not remove %s\n", tmpdir);
  return check_done("test_wordtape");
}
