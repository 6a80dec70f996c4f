/*
** test_bm25.c -- ranking statistics (include/tifa_store.h, tifa_store_search_stats and
** tifa_search_opts.stats): tifa_bm25 gives FTS5's bm25 to the bit; a store's own statistics
** rank as the index's do (so the phrases come in FTS5's order); two stores holding halves of
** a set of files, ranked with their summed statistics, give every article the score one store
** holding all the files gives it; statistics that do not fit the query fail with a message.
** Scores are compared with == on doubles: the promise is bitwise equality.
*/
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sqlite3.h>
#include "tifa.h"
#include "tifa_store.h"
#include "store.h"
#include "check.h"

#define MAXHIT   4096
#define MAXFILE  128

typedef struct query { const char *q; int flags; } query;

/* Every kind of phrase FTS5 sees: a one-character prefix, a bigram chain, a column filter on a
** phrase, on a NEAR and on a group, NEAR, OR, NOT (its right side dropped), AND, quotes, Latin,
** whole words. */
static const query queries[] = {
  {"党", 0}, {"高质量发展", 0}, {"title:发展", 0}, {"NEAR(发展 改革, 10)", 0},
  {"发展 OR 改革", 0}, {"发展 NOT 改革", 0}, {"GDP", 0}, {"cctv", 0}, {"\"中国式现代化\"", 0},
  {"title:NEAR(高质量 发展, 5)", 0}, {"(经济 OR 社会) 发展", 0}, {"title:(发展 OR 改革)", 0},
  {"人民 AND 创新 OR 党", 0}, {"人才", TIFA_MATCH_WORDS}, {"发展 OR 改革", TIFA_MATCH_WORDS},
  {"title:发展 经济", TIFA_MATCH_WORDS},
};
#define NQUERIES  ((int)(sizeof(queries) / sizeof(queries[0])))

typedef struct hits { size_t n; int64_t id[MAXHIT]; double score[MAXHIT]; } hits;

static int onhit (void *ud, const tifa_hit *h) {
  hits *x = (hits *)ud;
  if (x->n < MAXHIT) { x->id[x->n] = h->article; x->score[x->n] = h->score; x->n++; }
  return 0;
}

/* Search 'q' on 's' with statistics 'st' (NULL: the store's own) into 'x'; the return code. */
static int search (tifa_store *s, const query *q, const tifa_search_stats *st, hits *x) {
  tifa_search_opts o;
  memset(&o, 0, sizeof(o));
  memset(x, 0, sizeof(*x));
  o.limit = MAXHIT;
  o.flags = q->flags;
  o.stats = st;
  return tifa_store_search(s, q->q, &o, onhit, x);
}

/* {====== tifa_bm25 against FTS5's bm25, row by row ====== */

/* For query 'q' on 's': bm25(T, 2.0, 1.0), tifa_bm25(T, NULL, 2.0, 1.0) and tifa_bm25 with
** the store's own statistics are equal in every row. Returns the rows compared. */
static int samebm25 (tifa_store *s, const query *q) {
  const char *tbl = (q->flags & TIFA_MATCH_WORDS) ? "article_words" : "article_fts";
  char sql[512], err[TIFA_ERRMAX];
  tifai_query *pq = NULL;
  tifa_search_stats st;
  sqlite3_stmt *stmt = NULL;
  int rows = 0, rc;
  if (tifai_query_parse(q->q, q->flags, &pq, err, sizeof(err)) != TIFA_OK) {
    fprintf(stderr, "%s: %s\n", q->q, err);
    check(0);
    return 0;
  }
  check(tifa_store_search_stats(s, q->q, q->flags, &st) == TIFA_OK);
  snprintf(sql, sizeof(sql), "SELECT bm25(%s, 2.0, 1.0), tifa_bm25(%s, NULL, 2.0, 1.0), "
           "tifa_bm25(%s, ?2, 2.0, 1.0) FROM %s WHERE %s MATCH ?1", tbl, tbl, tbl, tbl, tbl);
  check(sqlite3_prepare_v2(tifa_store_sqlite(s), sql, -1, &stmt, NULL) == SQLITE_OK);
  sqlite3_bind_text(stmt, 1, tifai_query_match(pq), -1, SQLITE_STATIC);
  sqlite3_bind_pointer(stmt, 2, &st, TIFAI_STATS_PTR, NULL);
  while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
    double a = sqlite3_column_double(stmt, 0), b = sqlite3_column_double(stmt, 1),
           c = sqlite3_column_double(stmt, 2);
    if (a != b || a != c) fprintf(stderr, "%s: bm25 %.17g tifa_bm25 %.17g with stats %.17g\n",
                                  q->q, a, b, c);
    check(a == b);
    check(a == c);
    check(a < 0);
    rows++;
  }
  check(rc == SQLITE_DONE);
  sqlite3_finalize(stmt);
  tifa_search_stats_free(&st);
  tifai_query_free(pq);
  return rows;
}

/* }====== */

/* {====== A store's own statistics ====== */

/* Search each query with and without the store's statistics: the same hits, the same scores.
** Adds each query's hits to found[]. */
static void ownstats (tifa_store *s, int *found) {
  static hits a, b;
  int i;
  for (i = 0; i < NQUERIES; i++) {
    const query *q = &queries[i];
    tifa_search_stats st;
    size_t j;
    int rows = samebm25(s, q);
    checkint(tifa_store_search_stats(s, q->q, q->flags, &st), TIFA_OK);
    check(st.nphrases >= 1 && st.df != NULL && st.phrases != NULL);
    check(st.rows > 0 && st.tokens > st.rows);
    for (j = 0; j < st.nphrases; j++) check(st.df[j] >= 0 && st.df[j] <= st.rows);
    checkint(search(s, q, NULL, &a), TIFA_OK);
    checkint(search(s, q, &st, &b), TIFA_OK);
    if (a.n != b.n) fprintf(stderr, "%s: %zu hits, %zu with its statistics\n", q->q, a.n, b.n);
    checkint(b.n, a.n);
    for (j = 0; j < a.n && j < b.n; j++) {
      check(a.id[j] == b.id[j]);
      if (a.score[j] != b.score[j])
        fprintf(stderr, "%s: hit %zu %.17g, with its statistics %.17g\n", q->q, j, a.score[j], b.score[j]);
      check(a.score[j] == b.score[j]);
    }
    check((size_t)rows >= a.n);       /* every ranked hit is a row of the index */
    found[i] += (int)a.n;
    if (getenv("TIFA_TEST_VERBOSE"))
      fprintf(stderr, "%-28s %zu phrases, %zu hits, %d rows\n", q->q, st.nphrases, a.n, rows);
    tifa_search_stats_free(&st);
  }
}

/* }====== */

/* {====== Statistics that do not fit ====== */

static void misfits (tifa_store *s) {
  static hits x;
  const query near = {"NEAR(发展 改革, 10)", 0}, other = {"改革", 0}, one = {"发展", 0};
  tifa_search_stats st, st2;
  tifai_query *pq = NULL;
  sqlite3_stmt *stmt = NULL;
  char err[TIFA_ERRMAX];
  checkint(tifa_store_search_stats(s, near.q, 0, &st), TIFA_OK);
  checkint(st.nphrases, 2);                 /* NEAR's two terms: two phrases */
  st.nphrases = 1;
  checkint(search(s, &near, &st, &x), TIFA_ERROR);
  checkstr(tifa_store_errmsg(s), "ranking statistics for 1 phrase, the query has 2");
  checkint(x.n, 0);
  st.nphrases = 2;
  checkint(search(s, &near, &st, &x), TIFA_OK);   /* the handle recovers */
  /* another query's statistics with as many phrases: caught by the phrases */
  checkint(tifa_store_search_stats(s, one.q, 0, &st2), TIFA_OK);
  checkint(search(s, &other, &st2, &x), TIFA_ERROR);
  check(strstr(tifa_store_errmsg(s), "ranking statistics of another query") != NULL);
  /* without phrases, only the count can be checked: the ranking function itself checks it
  ** against FTS5's own count */
  free(st2.phrases);
  st2.phrases = NULL;
  checkint(search(s, &other, &st2, &x), TIFA_OK);
  checkint(tifai_query_parse(near.q, 0, &pq, err, sizeof(err)), TIFA_OK);
  check(sqlite3_prepare_v2(tifa_store_sqlite(s), "SELECT tifa_bm25(article_fts, ?2, 2.0, 1.0) "
                           "FROM article_fts WHERE article_fts MATCH ?1", -1, &stmt, NULL) == SQLITE_OK);
  sqlite3_bind_text(stmt, 1, tifai_query_match(pq), -1, SQLITE_STATIC);
  sqlite3_bind_pointer(stmt, 2, &st2, TIFAI_STATS_PTR, NULL);
  check(sqlite3_step(stmt) == SQLITE_ERROR);
  checkstr(sqlite3_errmsg(tifa_store_sqlite(s)), "ranking statistics for 1 phrase, the query has 2");
  sqlite3_finalize(stmt);
  tifai_query_free(pq);
  /* a column filter is part of the phrase it filters */
  tifa_search_stats_free(&st2);
  checkint(tifa_store_search_stats(s, "title:发展 OR 改革", 0, &st2), TIFA_OK);
  checkint(st2.nphrases, 2);
  check(strncmp(st2.phrases, "title : ", 8) == 0);
  check(strncmp(st2.phrases + strlen(st2.phrases) + 1, "title : ", 8) != 0);
  tifa_search_stats_free(&st2);
  tifa_search_stats_free(&st);
  tifa_search_stats_free(NULL);
  /* a malformed query fails as search does, leaving the statistics empty */
  checkint(tifa_store_search_stats(s, "(发展", 0, &st), TIFA_SYNTAX);
  check(st.df == NULL && st.phrases == NULL && st.nphrases == 0);
}

/* }====== */

/* {====== Two halves and the whole ====== */

static char tmpdir[256];
static char *files[MAXFILE];
static size_t nfiles;

static int cmpstr (const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Add the regular files of 'dir' (not hidden) to files[]. */
static void listdir (const char *dir) {
  DIR *d = opendir(dir);
  struct dirent *e;
  check(d != NULL);
  if (d == NULL) return;
  while ((e = readdir(d)) != NULL && nfiles < MAXFILE) {
    char path[1024];
    if (e->d_name[0] == '.') continue;
    snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
    files[nfiles++] = strdup(path);
  }
  closedir(d);
}

static tifa_store *create (const char *name) {
  char path[512], err[TIFA_ERRMAX];
  tifa_store *s = NULL;
  snprintf(path, sizeof(path), "%s/%s", tmpdir, name);
  if (tifa_store_open(path, TIFA_OPEN_CREATE, &s, err, sizeof(err)) != TIFA_OK)
    fprintf(stderr, "%s: %s\n", path, err);
  check(s != NULL);
  return s;
}

static void ingest (tifa_store *s, const char *path) {
  tifa_ingest_opts o;
  tifa_ingest_report r;
  int rc;
  memset(&o, 0, sizeof(o));
  memset(&r, 0, sizeof(r));
  rc = tifa_store_ingest(s, path, &o, &r);
  check(rc == TIFA_OK || rc == TIFA_ERROR);         /* a file refused is refused by both */
}

/* The file path and position of article 'id' of 's', as "path#seq" into 'out'. */
static void whereis (tifa_store *s, int64_t id, char *out, size_t sz) {
  sqlite3_stmt *st = NULL;
  out[0] = '\0';
  if (sqlite3_prepare_v2(tifa_store_sqlite(s), "SELECT f.path, a.seq FROM article AS a JOIN "
                         "file AS f ON f.id = a.file_id WHERE a.id = ?1", -1, &st, NULL) == SQLITE_OK) {
    sqlite3_bind_int64(st, 1, id);
    if (sqlite3_step(st) == SQLITE_ROW)
      snprintf(out, sz, "%s#%lld", (const char *)sqlite3_column_text(st, 0),
               (long long)sqlite3_column_int64(st, 1));
  }
  sqlite3_finalize(st);
  check(out[0] != '\0');
}

/* Each hit of 'part' (ranked with the whole's statistics) has its score in 'whole'. Returns
** how many of them were found. */
static size_t samescores (tifa_store *ps, const hits *part, tifa_store *ws, const hits *whole,
                          const char *q) {
  size_t i, j, same = 0;
  for (i = 0; i < part->n; i++) {
    char a[1100], b[1100];
    whereis(ps, part->id[i], a, sizeof(a));
    for (j = 0; j < whole->n; j++) {
      whereis(ws, whole->id[j], b, sizeof(b));
      if (strcmp(a, b) == 0) break;
    }
    check(j < whole->n);
    if (j == whole->n) continue;
    if (part->score[i] != whole->score[j])
      fprintf(stderr, "%s: %s scores %.17g in its half, %.17g in the whole\n", q, a,
              part->score[i], whole->score[j]);
    check(part->score[i] == whole->score[j]);
    same++;
  }
  return same;
}

static void halves (int *found) {
  static hits ha, hb, hc, h0;
  const char *data = getenv("TIFA_DATA"), *seeds = getenv("TIFA_SEEDS");
  char dir[1024];
  tifa_store *a, *b, *c;
  size_t i;
  int qi;
  check(data != NULL && seeds != NULL);
  if (data == NULL || seeds == NULL) return;
  listdir(seeds);
  snprintf(dir, sizeof(dir), "%s/layout", data);
  listdir(dir);
  snprintf(dir, sizeof(dir), "%s/genres", data);
  listdir(dir);
  qsort(files, nfiles, sizeof(files[0]), cmpstr);
  check(nfiles >= 20);
  a = create("a.db");
  b = create("b.db");
  c = create("c.db");
  if (a == NULL || b == NULL || c == NULL) goto done;
  for (i = 0; i < nfiles; i++) {
    ingest(i % 2 ? b : a, files[i]);
    ingest(c, files[i]);
  }
  ownstats(c, found);
  for (qi = 0; qi < NQUERIES; qi++) {
    const query *q = &queries[qi];
    tifa_search_stats sa, sb, sc, sum;
    size_t j;
    checkint(tifa_store_search_stats(a, q->q, q->flags, &sa), TIFA_OK);
    checkint(tifa_store_search_stats(b, q->q, q->flags, &sb), TIFA_OK);
    checkint(tifa_store_search_stats(c, q->q, q->flags, &sc), TIFA_OK);
    checkint(sa.nphrases, sc.nphrases);
    checkint(sb.nphrases, sc.nphrases);
    check(sa.rows > 0 && sb.rows > 0);
    /* the halves' shares add up to the whole's */
    checkint(sa.rows + sb.rows, sc.rows);
    checkint(sa.tokens + sb.tokens, sc.tokens);
    memset(&sum, 0, sizeof(sum));
    sum.rows = sa.rows + sb.rows;
    sum.tokens = sa.tokens + sb.tokens;
    sum.nphrases = sa.nphrases;
    sum.df = (int64_t *)calloc(sum.nphrases, sizeof(int64_t));
    sum.phrases = sa.phrases;               /* borrowed */
    for (j = 0; j < sum.nphrases && j < sb.nphrases && j < sc.nphrases; j++) {
      sum.df[j] = sa.df[j] + sb.df[j];
      checkint(sum.df[j], sc.df[j]);
    }
    checkint(search(c, q, NULL, &hc), TIFA_OK);
    checkint(search(a, q, &sum, &ha), TIFA_OK);
    checkint(search(b, q, &sum, &hb), TIFA_OK);
    checkint(ha.n + hb.n, hc.n);
    checkint(samescores(a, &ha, c, &hc, q->q) + samescores(b, &hb, c, &hc, q->q), hc.n);
    /* ranked with its own statistics instead, a half gives other scores (the test can fail) */
    checkint(search(a, q, NULL, &h0), TIFA_OK);
    if (h0.n > 0 && sa.rows != sc.rows) {
      int differ = 0;
      for (j = 0; j < h0.n && j < ha.n; j++) differ |= h0.score[j] != ha.score[j];
      check(differ);
    }
    sum.phrases = NULL;
    tifa_search_stats_free(&sum);
    tifa_search_stats_free(&sa);
    tifa_search_stats_free(&sb);
    tifa_search_stats_free(&sc);
  }
done:
  tifa_store_close(a);
  tifa_store_close(b);
  tifa_store_close(c);
  for (i = 0; i < nfiles; i++) free(files[i]);
  {
    static const char *const names[] = {"a.db", "b.db", "c.db"};
    static const char *const sufs[] = {"", "-wal", "-shm", "-journal"};
    size_t k, m;
    for (k = 0; k < 3; k++)
      for (m = 0; m < 4; m++) {
        char p[600];
        snprintf(p, sizeof(p), "%s/%s%s", tmpdir, names[k], sufs[m]);
        unlink(p);
      }
    rmdir(tmpdir);
  }
}

/* }====== */

int main (void) {
  char err[TIFA_ERRMAX];
  tifa_store *s = NULL;
  int found[NQUERIES], i;
  memset(found, 0, sizeof(found));
  checkint(tifa_store_open_sample(&s, err, sizeof(err)), TIFA_OK);
  if (s != NULL) {
    ownstats(s, found);
    misfits(s);
    tifa_store_close(s);
  }
  snprintf(tmpdir, sizeof(tmpdir), "%s/tifa_bm25_XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
  check(mkdtemp(tmpdir) != NULL);
  halves(found);
  for (i = 0; i < NQUERIES; i++) {          /* every query but GDP ranked something */
    if (strcmp(queries[i].q, "GDP") == 0) continue;
    if (found[i] == 0) fprintf(stderr, "%s: no hits\n", queries[i].q);
    check(found[i] > 0);
  }
  return check_done("test_bm25");
}
