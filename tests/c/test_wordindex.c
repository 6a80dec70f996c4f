/*
** test_wordindex.c -- the word index: whole-word search and count (TIFA_MATCH_WORDS), the
** corpus vocabulary (tifa_store_vocab) from the index and from segmenting, their agreement
** with the segmenter, the index kept right through replace and delete, and its rebuild when
** the stamp says another segmenter built it. Tokens never hold a NUL byte, which FTS5
** cannot index (the fuzzer's "database disk image is malformed" on DELETE).
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <sqlite3.h>
#include "tifa.h"
#include "tifa_store.h"
#include "tifa_structure.h"
#include "tifa_words.h"
#include "store.h"
#include "check.h"

static char tmpdir[256];

static const char corpus[] =
  "{\"title\":\"推动共建一带一路高质量发展\",\"outlet\":\"新华社\",\"text\":\"我们要推动共建一带一路高质量发展。"
  "发展中国家的发展很重要。APEC会议召开，apec成员参加。\"}\n"
  "{\"title\":\"新质生产力\",\"outlet\":\"人民日报\",\"text\":\"因地制宜发展新质生产力。个人才能与人才培养。\"}\n"
  "{\"title\":\"天气\",\"outlet\":\"人民日报\",\"text\":\"中国家庭的今天天气很好。国家发展。\"}\n";

static int put (tifa_store *s, const char *name, const char *data) {
  tifa_ingest_opts o;
  tifa_ingest_report r;
  memset(&o, 0, sizeof(o));
  memset(&r, 0, sizeof(r));
  o.format = "jsonl";
  return tifa_store_ingest_buffer(s, name, data, strlen(data), &o, &r);
}

static int64_t total (tifa_store *s, const char *q, int flags) {
  int64_t t = -1, a = -1;
  if (tifa_store_countx(s, q, flags, &t, &a, NULL, NULL) != TIFA_OK) return -1;
  return t;
}

/* {====== Hits and their offsets ====== */

typedef struct hits {
  int n;
  int64_t ids[16];
  int64_t first[16][2];             /* the first match in the text */
} hits;

static int onhit (void *ud, const tifa_hit *h) {
  hits *x = (hits *)ud;
  if (x->n < 16) {
    x->ids[x->n] = h->article;
    x->first[x->n][0] = h->nmatch ? h->offsets[0] : -1;
    x->first[x->n][1] = h->nmatch ? h->offsets[1] : -1;
  }
  x->n++;
  return 0;
}

static int search (tifa_store *s, const char *q, hits *h) {
  tifa_search_opts o;
  memset(&o, 0, sizeof(o));
  memset(h, 0, sizeof(*h));
  o.flags = TIFA_MATCH_WORDS;
  return tifa_store_search(s, q, &o, onhit, h);
}

/* }====== */

/* {====== Vocabulary ====== */

typedef struct vocab {
  int n;
  tifa_freq *counts, *docs;
  char first[64];
  int64_t last;                     /* the previous count, to check the order */
  int ordered;
} vocab;

static int onword (void *ud, const char *w, size_t len, int64_t count, int64_t articles) {
  vocab *v = (vocab *)ud;
  if (v->n == 0) snprintf(v->first, sizeof(v->first), "%.*s", (int)len, w);
  if (v->n > 0 && count > v->last) v->ordered = 0;
  v->last = count;
  v->n++;
  tifa_freq_add(v->counts, w, len, count);
  tifa_freq_add(v->docs, w, len, articles);
  return 0;
}

static void vnew (vocab *v) {
  memset(v, 0, sizeof(*v));
  v->ordered = 1;
  tifa_freq_new(&v->counts);
  tifa_freq_new(&v->docs);
}

static void vfree (vocab *v) {
  tifa_freq_free(v->counts);
  tifa_freq_free(v->docs);
}

static int64_t vget (vocab *v, const char *w) { return tifa_freq_get(v->counts, w, strlen(w)); }
static int64_t vdocs (vocab *v, const char *w) { return tifa_freq_get(v->docs, w, strlen(w)); }

/* Do two vocabularies hold the same words with the same counts? */
static int vsame (vocab *a, vocab *b) {
  const tifa_freq_entry *e;
  size_t n, i;
  if (a->n != b->n || tifa_freq_sorted(a->counts, &e, &n) != TIFA_OK) return 0;
  for (i = 0; i < n; i++)
    if (tifa_freq_get(b->counts, e[i].word, e[i].len) != e[i].count
        || tifa_freq_get(b->docs, e[i].word, e[i].len) != tifa_freq_get(a->docs, e[i].word, e[i].len))
      return 0;
  return 1;
}

/* The vocabulary as the segmenter gives it: search-mode words with a letter or digit,
** lowercased (ASCII here), over titles and texts; computed apart from the store. */
typedef struct seg { tifa_freq *f; const char *s; } seg;

static int onseg (void *ud, const char *s, const tifa_word *w) {
  seg *x = (seg *)ud;
  char buf[256];
  size_t i, keep = 0;
  (void)x->s;
  if (w->nbyte >= sizeof(buf)) return 0;
  for (i = 0; i < w->nbyte; i++) {
    char c = s[w->byte + i];
    buf[i] = (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
    if ((unsigned char)c >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
      keep = 1;
  }
  if (strcmp(w->tag, "x") == 0) keep = 0;
  if (keep) tifa_freq_add(x->f, buf, w->nbyte, 1);
  return 0;
}

static int64_t segcount (const char *text, const char *word) {
  seg x;
  int64_t n;
  tifa_freq_new(&x.f);
  x.s = text;
  tifa_words(tifa_segmenter_default(), text, strlen(text), TIFA_WORDS_SEARCH, onseg, &x);
  n = tifa_freq_get(x.f, word, strlen(word));
  tifa_freq_free(x.f);
  return n;
}

/* }====== */

static int64_t dbint (tifa_store *s, const char *sql) {
  sqlite3_stmt *st = NULL;
  int64_t v = -1;
  if (sqlite3_prepare_v2(tifa_store_sqlite(s), sql, -1, &st, NULL) == SQLITE_OK
      && sqlite3_step(st) == SQLITE_ROW)
    v = sqlite3_column_int64(st, 0);
  sqlite3_finalize(st);
  return v;
}

/* Are both indexes sound and do they hold what their tokenizers make of the articles? (rank 1:
** check against the content table too; without it FTS5 checks an external-content index
** only against itself.) */
static int intact (tifa_store *s) {
  return sqlite3_exec(tifa_store_sqlite(s), "INSERT INTO article_words(article_words, rank) "
                      "VALUES('integrity-check', 1)", NULL, NULL, NULL) == SQLITE_OK
      && sqlite3_exec(tifa_store_sqlite(s), "INSERT INTO article_fts(article_fts, rank) "
                      "VALUES('integrity-check', 1)", NULL, NULL, NULL) == SQLITE_OK;
}

/* {====== NUL bytes ====== */

static int wexec (sqlite3 *db, const char *sql) {
  int rc = sqlite3_exec(db, sql, NULL, NULL, NULL);
  if (rc != SQLITE_OK) fprintf(stderr, "  %s: %s\n", sql, sqlite3_errmsg(db));
  return rc;
}

static int winsert (sqlite3 *db, const char *text, int len) {
  sqlite3_stmt *st = NULL;
  int rc = sqlite3_prepare_v2(db, "INSERT INTO w(rowid, title, text) VALUES (1, '', ?1)", -1, &st, NULL);
  if (rc == SQLITE_OK) {
    sqlite3_bind_text(st, 1, text, len, SQLITE_STATIC);
    rc = sqlite3_step(st) == SQLITE_DONE ? SQLITE_OK : sqlite3_errcode(db);
  }
  sqlite3_finalize(st);
  return rc;
}

/* A word with a NUL inside ("a\0b": the segmenter keeps it whole) in a plain FTS5 table: FTS5
** 3.40 keeps a pending term as a C string, so a token with a NUL was cut short and left the
** index corrupt; the fuzzer saw it as a failed DELETE after many inserts and deletes. */
static void test_nul_fts5 (void) {
  sqlite3 *db = NULL;
  sqlite3_stmt *st = NULL;
  int i;
  checkint(sqlite3_open(":memory:", &db), SQLITE_OK);
  checkint(tifai_tokenizer_register(db, NULL), SQLITE_OK);
  checkint(wexec(db, "CREATE VIRTUAL TABLE w USING fts5(title, text, tokenize='tifa_words');"
                     "CREATE VIRTUAL TABLE v USING fts5vocab(w, 'row')"), SQLITE_OK);
  /* the fuzzer's sequence, minimized: seven rows in and out, then one with a NUL */
  for (i = 0; i < 7; i++) {
    checkint(winsert(db, "x", 1), SQLITE_OK);
    checkint(wexec(db, "DELETE FROM w"), SQLITE_OK);
  }
  checkint(winsert(db, "\xe3\x80\x8a\0\xe8\xa7\x81\xe3\x80\x8b", 10), SQLITE_OK);   /* 《\0见》 */
  checkint(wexec(db, "INSERT INTO w(w) VALUES('integrity-check')"), SQLITE_OK);
  checkint(wexec(db, "DELETE FROM w"), SQLITE_OK);      /* was: database disk image is malformed */
  checkint(wexec(db, "INSERT INTO w(w) VALUES('integrity-check')"), SQLITE_OK);
  /* one row alone: the index agrees with the text, and the NUL is left out of the term */
  checkint(winsert(db, "a\0b", 3), SQLITE_OK);
  checkint(wexec(db, "INSERT INTO w(w) VALUES('integrity-check')"), SQLITE_OK);   /* was: malformed */
  checkint(sqlite3_prepare_v2(db, "SELECT group_concat(term || ':' || length(CAST(term AS BLOB)), ' ') "
                              "FROM v", -1, &st, NULL), SQLITE_OK);
  checkint(sqlite3_step(st), SQLITE_ROW);
  checkstr((const char *)sqlite3_column_text(st, 0), "ab:2");
  sqlite3_finalize(st);
  checkint(wexec(db, "DELETE FROM w"), SQLITE_OK);
  checkint(wexec(db, "INSERT INTO w(w) VALUES('integrity-check')"), SQLITE_OK);
  sqlite3_close(db);
}

static int putbuf (tifa_store *s, const char *name, const char *data, size_t len,
                   const char *format, tifa_ingest_report *r) {
  tifa_ingest_opts o;
  memset(&o, 0, sizeof(o));
  memset(r, 0, sizeof(*r));
  o.format = format;
  return tifa_store_ingest_buffer(s, name, data, len, &o, r);
}

/* UTF-16 text can hold U+0000 as two zero bytes. Such a file once went in: the NUL reached
** the article and its word index (and corrupted it, see test_nul_fts5). It is a binary file
** now, skipped like a UTF-8 file with a NUL byte; the store and its indexes stay as they were. */
static void test_nul_store (tifa_store *s) {
  static const char text1[] = "\xff\xfe" "\x07\x68\x98\x98" "\n\0\n\0"   /* BOM, 标题 */
    "\x11\x53\x55\x5c" "a\0\0\0b\0" "\x2d\x4e\xfd\x56" "\n\0";        /* 发展a\0b中国 */
  static const char text2[] = "\xff\xfe" "\x07\x68\x98\x98" "\n\0\n\0"
    "\x11\x53\x55\x5c" "\x2d\x4e\xfd\x56" "\n\0";                        /* 发展中国 */
  tifa_ingest_report r;
  int64_t n0 = total(s, "中国", TIFA_MATCH_WORDS);
  int64_t a0 = dbint(s, "SELECT count(*) FROM article");
  checkint(putbuf(s, "nul.txt", text1, sizeof(text1) - 1, "text", &r), TIFA_OK);
  checkint(r.skipped, 1);
  checkint(r.articles, 0);
  checkint(dbint(s, "SELECT count(*) FROM article"), a0);
  checkint(dbint(s, "SELECT count(*) FROM article WHERE instr(text, char(0)) > 0"), 0);
  check(intact(s));
  checkint(total(s, "中国", TIFA_MATCH_WORDS), n0);
  /* the same file without the NUL goes in, and out again when it is emptied */
  checkint(putbuf(s, "nul.txt", text2, sizeof(text2) - 1, "text", &r), TIFA_OK);
  checkint(r.added, 1);
  check(intact(s));
  checkint(total(s, "中国", TIFA_MATCH_WORDS), n0 + 1);
  checkint(putbuf(s, "nul.txt", "", 0, "text", &r), TIFA_OK);
  check(intact(s));
  checkint(dbint(s, "SELECT count(*) FROM pragma_integrity_check WHERE integrity_check <> 'ok'"), 0);
}

/* }====== */

static void test_search (tifa_store *s) {
  hits h;
  /* a word, and the same characters across two words */
  checkint(total(s, "人才", 0), 2);                /* 个人才能, 人才培养 */
  checkint(total(s, "人才", TIFA_MATCH_WORDS), 1);
  checkint(total(s, "国家", 0), 3);                /* 发展中国家, 中国家庭, 国家发展 */
  checkint(total(s, "国家", TIFA_MATCH_WORDS), 2);  /* 国家 inside 发展中国家; not 中国家庭 */
  /* a dictionary word inside a longer one counts; a span across inner words does not */
  checkint(total(s, "一带一路", TIFA_MATCH_WORDS), 2);
  checkint(total(s, "质量发展", 0), 2);
  checkint(total(s, "质量发展", TIFA_MATCH_WORDS), 0);
  /* several words, in one term or as AND */
  checkint(total(s, "国家发展", TIFA_MATCH_WORDS), 1);
  checkint(total(s, "国家 发展", TIFA_MATCH_WORDS), 2 + 5);
  checkint(total(s, "家发", 0), 1);
  checkint(total(s, "家发", TIFA_MATCH_WORDS), 0);
  /* Latin words without case */
  checkint(total(s, "APEC", TIFA_MATCH_WORDS), 2);
  checkint(total(s, "ape", TIFA_MATCH_WORDS), 0);
  checkint(total(s, "ape", 0), 2);
  /* NOT and OR */
  checkint(total(s, "发展 NOT 人才", TIFA_MATCH_WORDS), 4 + 1);
  checkint(total(s, "人才 OR 天气", TIFA_MATCH_WORDS), 1 + 2);
  /* hits carry the character offsets of the words */
  checkint(search(s, "人才", &h), TIFA_OK);
  checkint(h.n, 1);
  checkint(h.first[0][0], 17);                     /* 因地制宜发展新质生产力。个人才能与人才培养。 */
  checkint(h.first[0][1], 19);
  checkint(search(s, "一带一路", &h), TIFA_OK);
  checkint(h.n, 1);
  checkint(h.first[0][0], 7);                      /* 我们要推动共建一带一路... */
  checkint(h.first[0][1], 11);
  checkint(search(s, "中国家庭", &h), TIFA_OK);
  checkint(h.n, 1);
  /* the parts of a longer word's fine-grained cut, never a word that lies inside it */
  checkint(total(s, "高质量", TIFA_MATCH_WORDS), 2);   /* 高质量发展: 高质量 | 发展, as 一带一路 */
  checkint(total(s, "共建", TIFA_MATCH_WORDS), 2);     /* 共建一带一路: 共建 | 一带一路 */
  checkint(total(s, "中国", 0), 2);
  checkint(total(s, "中国", TIFA_MATCH_WORDS), 1);     /* 中国家庭; 发展中国家 is 发展 | 中 | 国家 */
  checkint(total(s, "今天", TIFA_MATCH_WORDS), 1);     /* 今天天气: 今天 | 天气 */
  /* nothing to search for */
  checkint(search(s, "，。", &h), TIFA_SYNTAX);
  checkint(strstr(tifa_store_errmsg(s), "a query needs a word") != NULL, 1);
}

static void test_vocab (tifa_store *s, const char *firsttext) {
  vocab whole, seg1, some;
  tifa_vocab_opts o;
  int64_t ids[2] = {1, 3};
  tifa_freq *stop;
  /* the whole corpus, from the index */
  vnew(&whole);
  checkint(tifa_store_vocab(s, NULL, onword, &whole), TIFA_OK);
  check(whole.n > 20);
  checkint(whole.ordered, 1);
  checkstr(whole.first, "发展");
  checkint(vget(&whole, "发展"), total(s, "发展", TIFA_MATCH_WORDS));
  checkint(vdocs(&whole, "发展"), 3);
  checkint(vget(&whole, "apec"), 2);               /* lowercased, one word */
  checkint(vget(&whole, "APEC"), 0);
  checkint(vget(&whole, "一带一路"), 2);
  checkint(vget(&whole, "共建一带一路"), 2);
  checkint(vget(&whole, "。"), 0);                  /* no punctuation */
  checkint(vget(&whole, "人才"), 1);
  checkint(vget(&whole, "个人"), 1);
  /* the same from segmenting every article (ids: all three) */
  vnew(&seg1);
  {
    int64_t all[3] = {1, 2, 3};
    memset(&o, 0, sizeof(o));
    o.ids = all;
    o.nids = 3;
    checkint(tifa_store_vocab(s, &o, onword, &seg1), TIFA_OK);
  }
  checkint(vsame(&whole, &seg1), 1);
  /* the first article's text as the segmenter alone counts it */
  checkint(vget(&whole, "高质量发展") - 1, segcount(firsttext, "高质量发展"));   /* and its title */
  /* some articles, a limit, a least count, stopwords */
  vnew(&some);
  memset(&o, 0, sizeof(o));
  o.ids = ids;
  o.nids = 2;
  o.limit = 3;
  o.min = 2;
  tifa_freq_new(&stop);
  tifa_freq_add(stop, "发展", 6, 1);
  o.stop = stop;
  checkint(tifa_store_vocab(s, &o, onword, &some), TIFA_OK);
  checkint(some.n, 3);
  check(some.last >= 2);
  checkint(vget(&some, "发展"), 0);
  vfree(&some);
  vnew(&some);
  o.limit = 0;
  checkint(tifa_store_vocab(s, &o, onword, &some), TIFA_OK);
  checkint(vget(&some, "发展"), 0);
  checkint(vget(&some, "人才"), 0);                 /* only in article 2 */
  checkint(vget(&some, "天气"), 2);                 /* article 3: title and text */
  checkint(vdocs(&some, "天气"), 1);
  checkint(vget(&some, "国家"), 2);                 /* 发展中国家 (1), 国家发展 (3) */
  checkint(vdocs(&some, "国家"), 2);
  checkint(vget(&some, "一带一路"), 2);
  tifa_freq_free(stop);
  vfree(&whole);
  vfree(&seg1);
  vfree(&some);
}

int main (void) {
  char path[512], err[TIFA_ERRMAX];
  tifa_store *s = NULL;
  const char *first = "我们要推动共建一带一路高质量发展。发展中国家的发展很重要。APEC会议召开，apec成员参加。";
  int rc;
  snprintf(tmpdir, sizeof(tmpdir), "/tmp/tifa_test_words.XXXXXX");
  if (mkdtemp(tmpdir) == NULL) { perror("mkdtemp"); return 1; }
  snprintf(path, sizeof(path), "%s/w.db", tmpdir);
  rc = tifa_store_open(path, TIFA_OPEN_CREATE, &s, err, sizeof(err));
  checkint(rc, TIFA_OK);
  if (rc != TIFA_OK) { fprintf(stderr, "%s\n", err); return 1; }
  checkint(put(s, "c.jsonl", corpus), TIFA_OK);
  checkint(dbint(s, "SELECT count(*) FROM article"), 3);
  test_search(s);
  test_vocab(s, first);
  check(intact(s));
  test_nul_fts5();
  test_nul_store(s);

  /* replacing the file keeps the word index right (the delete uses the same tokens) */
  checkint(put(s, "c.jsonl", "{\"title\":\"人才\",\"text\":\"人才强国。\"}\n"), TIFA_OK);
  check(intact(s));
  checkint(total(s, "人才", TIFA_MATCH_WORDS), 2);
  checkint(total(s, "一带一路", TIFA_MATCH_WORDS), 0);
  {
    vocab v;
    vnew(&v);
    checkint(tifa_store_vocab(s, NULL, onword, &v), TIFA_OK);
    checkint(vget(&v, "人才"), 2);
    checkint(vget(&v, "一带一路"), 0);
    vfree(&v);
  }
  tifa_store_close(s);

  /* a store whose stamp names another segmenter is rebuilt when opened writable */
  rc = tifa_store_open(path, 0, &s, err, sizeof(err));
  checkint(rc, TIFA_OK);
  if (rc == TIFA_OK) {
    checkint(sqlite3_exec(tifa_store_sqlite(s), "UPDATE index_stamp SET stamp = 'rules 0' WHERE name = 'words';"
                          "DELETE FROM article_words_data WHERE id > 10;", NULL, NULL, NULL), SQLITE_OK);
    check(!intact(s));                             /* damaged on purpose */
    tifa_store_close(s);
  }
  rc = tifa_store_open(path, 0, &s, err, sizeof(err));
  checkint(rc, TIFA_OK);
  if (rc == TIFA_OK) {
    check(intact(s));
    check(dbint(s, "SELECT stamp <> 'rules 0' FROM index_stamp WHERE name = 'words'") == 1);
    checkint(total(s, "人才", TIFA_MATCH_WORDS), 2);
    tifa_store_close(s);
  }
  /* read-only: searching words works */
  rc = tifa_store_open(path, TIFA_OPEN_READONLY, &s, err, sizeof(err));
  checkint(rc, TIFA_OK);
  if (rc == TIFA_OK) {
    checkint(total(s, "人才", TIFA_MATCH_WORDS), 2);
    tifa_store_close(s);
  }
  /* an index of other rules (an older tifa) met by a read-only open: rebuilt through a
  ** writable connection of the open's own, so whole words answer by this build's rules */
  rc = tifa_store_open(path, 0, &s, err, sizeof(err));
  checkint(rc, TIFA_OK);
  if (rc == TIFA_OK) {
    checkint(sqlite3_exec(tifa_store_sqlite(s), "UPDATE index_stamp SET stamp = 'rules 0' WHERE name = 'words';"
                          "DELETE FROM article_words_data WHERE id > 10;", NULL, NULL, NULL), SQLITE_OK);
    tifa_store_close(s);
  }
  rc = tifa_store_open(path, TIFA_OPEN_READONLY, &s, err, sizeof(err));
  checkint(rc, TIFA_OK);
  if (rc == TIFA_OK) {
    check(dbint(s, "SELECT stamp <> 'rules 0' FROM index_stamp WHERE name = 'words'") == 1);
    checkint(total(s, "人才", TIFA_MATCH_WORDS), 2);          /* the damaged index rebuilt */
    tifa_store_close(s);
    {                                               /* and moved into the file: no log left */
      char wal[600];
      struct stat st;
      snprintf(wal, sizeof(wal), "%s-wal", path);
      check(stat(wal, &st) != 0 || st.st_size == 0);
    }
  }
  /* a sealed store cannot be rebuilt (a writable open would unseal it): whole words are
  ** refused with the reason, characters still count, and the vocabulary comes from the texts */
  rc = tifa_store_open(path, 0, &s, err, sizeof(err));
  checkint(rc, TIFA_OK);
  if (rc == TIFA_OK) {
    checkint(sqlite3_exec(tifa_store_sqlite(s), "UPDATE index_stamp SET stamp = 'rules 0' WHERE name = 'words'",
                          NULL, NULL, NULL), SQLITE_OK);
    checkint(tifa_store_seal(s), TIFA_OK);
    tifa_store_close(s);
  }
  rc = tifa_store_open(path, TIFA_OPEN_READONLY | TIFA_OPEN_IMMUTABLE, &s, err, sizeof(err));
  checkint(rc, TIFA_OK);
  if (rc == TIFA_OK) {
    checkint(total(s, "人才", TIFA_MATCH_WORDS), -1);
    check(strstr(tifa_store_errmsg(s), "built by another version of tifa") != NULL);
    checkint(total(s, "人才", 0), 2);
    {
      vocab v;
      vnew(&v);
      checkint(tifa_store_vocab(s, NULL, onword, &v), TIFA_OK);
      checkint(vget(&v, "人才"), 2);
      vfree(&v);
    }
    check(dbint(s, "SELECT stamp = 'rules 0' FROM index_stamp WHERE name = 'words'") == 1);
    tifa_store_close(s);
  }
  {
    char cmd[600];
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
    if (system(cmd) != 0) fprintf(stderr, "cannot remove '%s'\n", tmpdir);
  }
  return check_done("wordindex");
}
