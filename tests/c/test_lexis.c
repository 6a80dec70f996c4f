/*
** test_lexis.c -- the statistics of include/tifa_lexis.h against values computed by hand,
** and summaries of small texts: enumerations kept whole, provenance of each sentence; the
** forward index (host/store/wordfwd.c): keywords, collocates and a set's vocabulary read
** from it are those of segmenting anew, after its rebuild and with an article's row gone.
*/
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include <unistd.h>
#include <sqlite3.h>
#include "tifa_lexis.h"
#include "tifa_store.h"
#include "check.h"

static int near (double x, double y) { return fabs(x - y) < 1e-9; }

typedef struct got { size_t n; tifa_lexis_sentence s[32]; } got;

static int onsent (void *ud, const tifa_lexis_sentence *x) {
  got *g = (got *)ud;
  if (g->n < 32) g->s[g->n++] = *x;
  return 0;
}

static int has (const got *g, size_t index) {
  size_t i;
  for (i = 0; i < g->n; i++) if (g->s[i].index == index) return 1;
  return 0;
}

/* {====== The forward index ====== */

static char tmpdir[256];

#define OUTSZ 65536

/* Each answer written out as text, to compare two ways of computing it; 1 when full. */
static int append (char *out, const char *w, size_t len, const char *more) {
  size_t n = strlen(out), m = strlen(more);
  if (n + len + m + 1 > OUTSZ) return 1;
  memcpy(out + n, w, len);
  memcpy(out + n + len, more, m + 1);
  return 0;
}

static int addkw (void *ud, const char *w, size_t len, double score, int64_t count, int nwords) {
  char b[64];
  snprintf(b, sizeof(b), " %.12g %lld %d|", score, (long long)count, nwords);
  return append((char *)ud, w, len, b);
}

static int addcoll (void *ud, const tifa_lexis_coll_row *r) {
  char b[128];
  snprintf(b, sizeof(b), " %lld %lld %lld %lld %.12g|", (long long)r->joint, (long long)r->left,
           (long long)r->right, (long long)r->freq, r->llr);
  return append((char *)ud, r->word, r->len, b);
}

static int addvocab (void *ud, const char *w, size_t len, int64_t count, int64_t articles) {
  char b[64];
  snprintf(b, sizeof(b), " %lld %lld|", (long long)count, (long long)articles);
  return append((char *)ud, w, len, b);
}

/* keywords (tf-idf with phrases, TextRank), collocates of 发展 and the vocabulary of
** articles 1..3, into out[0..3]; 'segment' 1 segments anew. Returns the first failure. */
static int answers (tifa_store *s, int segment, char out[4][OUTSZ]) {
  static const int64_t ids[] = {1, 2, 3};
  tifa_lexis_kw_opts ko;
  tifa_lexis_coll_opts co;
  tifa_vocab_opts vo;
  int rc, k;
  for (k = 0; k < 4; k++) out[k][0] = '\0';
  memset(&ko, 0, sizeof(ko));
  ko.limit = 40; ko.phrases = 1; ko.segment = segment;
  rc = tifa_lexis_keywords(s, NULL, 0, &ko, addkw, out[0]);
  ko.method = TIFA_KW_TEXTRANK; ko.singles = 1;
  if (rc == TIFA_OK) rc = tifa_lexis_keywords(s, ids, 2, &ko, addkw, out[1]);
  memset(&co, 0, sizeof(co));
  co.min = 1; co.window = 3; co.segment = segment;
  if (rc == TIFA_OK) rc = tifa_lexis_collocates(s, "发展", strlen("发展"), NULL, 0, &co, NULL, addcoll, out[2]);
  memset(&vo, 0, sizeof(vo));
  vo.ids = ids; vo.nids = 3;
  if (rc == TIFA_OK && !segment) rc = tifa_store_vocab(s, &vo, addvocab, out[3]);
  return rc;
}

static int64_t one (tifa_store *s, const char *sql) {
  sqlite3_stmt *st;
  int64_t v = -1;
  if (sqlite3_prepare_v2(tifa_store_sqlite(s), sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
    v = sqlite3_column_int64(st, 0);
  sqlite3_finalize(st);
  return v;
}

static void forward (void) {
  static const char jsonl[] =
    "{\"title\":\"推动高质量发展\",\"text\":\"必须把坚持高质量发展作为新时代的硬道理。\\n"
    "上海市人民政府推动经济发展，共建一带一路，国务院发展研究中心指出：发展是第一要务！\"}\n"
    "{\"title\":\"第二篇\",\"text\":\"高质量发展是新时代的硬道理；发展新质生产力。\\n\\n"
    "Apple 和 AI 发展迅速，2024年12月31日发布。\"}\n"
    "{\"title\":\"第三篇\",\"text\":\"绿色发展、协调发展、开放发展\\n推动发展格局\\n发展动力。人民政府的发展规划（试行）\"}\n"
    "{\"title\":\"第四篇\",\"text\":\"没有那个词的文章：天气晴朗，我们吃饭。\"}\n";
  static char a[4][OUTSZ], b[4][OUTSZ];
  char path[300], err[TIFA_ERRMAX];
  tifa_store *s = NULL;
  tifa_ingest_report r;
  int rc, k;
  snprintf(path, sizeof(path), "%s/fwd.db", tmpdir);
  check(tifa_store_open(path, TIFA_OPEN_CREATE, &s, err, sizeof(err)) == TIFA_OK);
  if (s == NULL) return;
  memset(&r, 0, sizeof(r));
  check(tifa_store_ingest_buffer(s, "fwd.jsonl", jsonl, strlen(jsonl), NULL, &r) == TIFA_OK);
  checkint(one(s, "SELECT count(*) FROM article_lex"), 4);
  /* read from the forward index, and segmented anew: the same */
  check(answers(s, 0, a) == TIFA_OK);
  check(answers(s, 1, b) == TIFA_OK);
  for (k = 0; k < 3; k++) { check(a[k][0] != '\0'); checkstr(a[k], b[k]); }
  check(strstr(a[2], "高质量") != NULL);                      /* 高质量 beside 发展 */
  /* the vocabulary of a set from the forward index: the word index's words, as segmenting
  ** gives them (an article without a row makes tifa_store_vocab segment them all) */
  check(a[3][0] != '\0' && strstr(a[3], "民政 ") == NULL);   /* no 民政 in 人民政府 */
  check(sqlite3_exec(tifa_store_sqlite(s), "DELETE FROM article_lex WHERE article_id = 2",
                     NULL, NULL, NULL) == SQLITE_OK);
  check(answers(s, 0, b) == TIFA_OK);
  for (k = 0; k < 4; k++) checkstr(b[k], a[k]);
  /* a damaged blob fails, it does not crash */
  check(sqlite3_exec(tifa_store_sqlite(s), "UPDATE article_lex SET toks = x'8080' WHERE article_id = 3",
                     NULL, NULL, NULL) == SQLITE_OK);
  rc = answers(s, 0, b);
  check(rc == TIFA_DB);
  /* another stamp: the next open cuts every article again; a missing row is filled */
  check(sqlite3_exec(tifa_store_sqlite(s), "UPDATE index_stamp SET stamp = 'forward 0' "
                     "WHERE name = 'forward'; DELETE FROM lex_word", NULL, NULL, NULL) == SQLITE_OK);
  tifa_store_close(s);
  check(tifa_store_open(path, 0, &s, err, sizeof(err)) == TIFA_OK);
  if (s == NULL) return;
  checkint(one(s, "SELECT count(*) FROM article_lex"), 4);
  checkint(one(s, "SELECT count(*) FROM index_stamp WHERE name = 'forward' AND stamp LIKE 'forward 1;%'"), 1);
  check(answers(s, 0, b) == TIFA_OK);
  for (k = 0; k < 4; k++) checkstr(b[k], a[k]);
  /* an article deleted takes its row with it */
  check(sqlite3_exec(tifa_store_sqlite(s), "DELETE FROM article WHERE id = 4", NULL, NULL, NULL) == SQLITE_OK);
  checkint(one(s, "SELECT count(*) FROM article_lex"), 3);
  tifa_store_close(s);
  unlink(path);
}

/* }====== */

int main (void) {
  /* G2: a = 10 in c = 1000, b = 5 in d = 2000: E1 = 5, E2 = 10,
  ** G2 = 2 (10 ln 2 + 5 ln 0.5) = 10 ln 2 */
  check(near(tifa_lexis_ll(10, 5, 1000, 2000), 10 * log(2)));
  check(near(tifa_lexis_log_ratio(10, 5, 1000, 2000), 2));             /* log2(0.01 / 0.0025) */
  check(near(tifa_lexis_ll(0, 4, 10, 10), 8 * log(2)));                /* a zero term is 0 */
  check(near(tifa_lexis_log_ratio(0, 4, 10, 10), -3));                 /* 0 taken as 0.5 */
  check(near(tifa_lexis_ll(5, 5, 100, 100), 0));                       /* the same rate */
  check(fabs(tifa_lexis_pvalue(3.841458820694124) - 0.05) < 1e-9);     /* chi2(1) at 0.95 */
  check(fabs(tifa_lexis_pvalue(10.827566170662733) - 0.001) < 1e-9);
  check(tifa_lexis_pvalue(0) == 1.0);

  { /* an enumeration of three sentences: all three or none */
    static const char text[] =
      "今年工作有三项重点任务。\n"
      "一是推进科技创新和产业升级。二是推进产业升级和区域协调。三是推进区域协调和科技创新。\n"
      "天气晴朗。我们吃饭。";
    size_t n;
    for (n = 1; n <= 6; n++) {
      got g;
      size_t i;
      memset(&g, 0, sizeof(g));
      check(tifa_lexis_summary(text, strlen(text), n, onsent, &g) == TIFA_OK);
      check(g.n >= 1);
      check(has(&g, 2) == has(&g, 3) && has(&g, 3) == has(&g, 4));
      if (has(&g, 2)) check(g.s[1].enumeration || g.s[0].enumeration);
      for (i = 0; i < g.n; i++) {
        check(g.s[i].nbyte > 0 && g.s[i].start < g.s[i].end);
        if (i > 0) check(g.s[i].index > g.s[i - 1].index);
        if (g.s[i].index >= 2 && g.s[i].index <= 4) check(g.s[i].paragraph == 2);
        if (g.s[i].index == 1) check(g.s[i].start == 0 && g.s[i].paragraph == 1);
      }
      if (n >= 4) check(has(&g, 2));            /* the central sentences fit: taken */
    }
  }
  { /* the text of each sentence is where its offsets say */
    static const char text[] = "第一句话。第二句话！\n第三句话？";
    got g;
    memset(&g, 0, sizeof(g));
    check(tifa_lexis_summary(text, strlen(text), 10, onsent, &g) == TIFA_OK);
    check(g.n == 3);
    check(g.s[2].byte == strlen("第一句话。第二句话！\n") && g.s[2].start == 11 && g.s[2].end == 16);
    check(g.s[2].paragraph == 2 && g.s[1].paragraph == 1);
  }
  check(tifa_lexis_summary("\xff", 1, 3, onsent, NULL) == TIFA_ENCODING);
  snprintf(tmpdir, sizeof(tmpdir), "/tmp/tifa_test_lexis.XXXXXX");
  if (mkdtemp(tmpdir) != NULL) {
    char p[300];
    forward();
    snprintf(p, sizeof(p), "%s/fwd.db-wal", tmpdir); unlink(p);
    snprintf(p, sizeof(p), "%s/fwd.db-shm", tmpdir); unlink(p);
    rmdir(tmpdir);
  }
  else check(0);
  if (check_failures) fprintf(stderr, "%d checks failed\n", check_failures);
  return check_failures != 0;
}
