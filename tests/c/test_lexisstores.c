/*
** test_lexisstores.c -- the lexis analytics over several stores (the *_stores functions of
** include/tifa_lexis.h): six articles in one store, and the same six dealt alternately into
** two stores read as one (bases 0 and 1000, so the two orders of the articles differ), give
** the same answers, ids mapped, to the last bit of every score: frequencies and their groups,
** document frequencies, keywords (tf-idf with phrases, TextRank), keyness (against the rest,
** a reference, by group), collocates and distinctive articles.
*/
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include <unistd.h>
#include <sqlite3.h>
#include "tifa_lexis.h"
#include "tifa_store.h"
#include "check.h"

#define OUTSZ 65536
#define BASE  1000

static const char *const docs[6] = {
  "{\"title\":\"推动高质量发展\",\"date\":\"2023-03-01\",\"outlet\":\"人民日报\",\"text\":"
  "\"必须把坚持高质量发展作为新时代的硬道理。\\n推动高质量发展，建设现代化产业体系，发展新质生产力。\"}\n",
  "{\"title\":\"绿色低碳转型\",\"date\":\"2023-05-02\",\"outlet\":\"新华社\",\"text\":"
  "\"推进绿色低碳发展，建设美丽中国。绿色低碳发展是高质量发展的底色。\\n加快发展方式绿色转型。\"}\n",
  "{\"title\":\"科技创新\",\"date\":\"2024-01-03\",\"outlet\":\"人民日报\",\"text\":"
  "\"以科技创新引领现代化产业体系建设。科技创新是发展新质生产力的核心要素。\\n推动高质量发展。\"}\n",
  "{\"title\":\"乡村振兴\",\"date\":\"2024-02-04\",\"outlet\":\"新华社\",\"text\":"
  "\"全面推进乡村振兴，建设宜居宜业和美乡村。乡村振兴要推动高质量发展。\\n发展乡村特色产业。\"}\n",
  "{\"title\":\"新质生产力\",\"date\":\"2024-03-05\",\"outlet\":\"光明日报\",\"text\":"
  "\"发展新质生产力是推动高质量发展的内在要求。新质生产力以科技创新为主导。\\n发展新质生产力。\"}\n",
  "{\"title\":\"区域协调\",\"outlet\":\"光明日报\",\"text\":"
  "\"推动区域协调发展，构建优势互补的区域经济布局。区域协调发展是高质量发展的要求。\\n推动绿色低碳发展。\"}\n"
};

static tifa_store *one, *two[2];
static const int64_t bases[2] = {0, BASE};

/* The id in the single store of the source's id 'g' (articles dealt alternately). */
static int64_t unmap (int64_t g) {
  return g >= BASE ? 2 * (g - BASE) : 2 * g - 1;
}

/* The source's id of article 'i' of the single store. */
static int64_t map (int64_t i) {
  return i % 2 == 0 ? BASE + i / 2 : (i + 1) / 2;
}

typedef struct out { char s[OUTSZ]; size_t n; int mapped, byarticle; } out;

static void add (out *o, const char *fmt, ...) {
  va_list ap;
  int k;
  va_start(ap, fmt);
  k = vsnprintf(o->s + o->n, OUTSZ - o->n, fmt, ap);
  va_end(ap);
  if (k > 0 && o->n + (size_t)k < OUTSZ) o->n += (size_t)k;
}

static int64_t theid (const out *o, int64_t id) { return o->mapped ? unmap(id) : id; }

static int onitem (void *ud, const char *w, size_t len, int64_t count, int64_t articles) {
  add((out *)ud, "%.*s %lld %lld|", (int)len, w, (long long)count, (long long)articles);
  return 0;
}

static int ongroup (void *ud, const char *g, size_t len, const int64_t *ids, size_t nids) {
  out *o = (out *)ud;
  size_t i;
  if (o->byarticle)                                           /* by article: its id */
    add(o, "[%lld:", (long long)theid(o, strtoll(g, NULL, 10)));
  else add(o, "[%.*s:", (int)len, g);
  for (i = 0; i < nids; i++) add(o, " %lld", (long long)theid(o, ids[i]));
  add(o, "]");
  return 0;
}

static int onkw (void *ud, const char *w, size_t len, double score, int64_t count, int nwords) {
  add((out *)ud, "%.*s %.17g %lld %d|", (int)len, w, score, (long long)count, nwords);
  return 0;
}

static int onkn (void *ud, const tifa_lexis_keyness_row *r) {
  add((out *)ud, "%.*s %lld %lld %.17g %.17g|", (int)r->len, r->word, (long long)r->a,
      (long long)r->b, r->ll, r->log_ratio);
  return 0;
}

static int onkg (void *ud, const char *g, size_t len, size_t n, int64_t c, int64_t d) {
  add((out *)ud, "[%.*s %zu %lld %lld]", (int)len, g, n, (long long)c, (long long)d);
  return 0;
}

static int oncoll (void *ud, const tifa_lexis_coll_row *r) {
  add((out *)ud, "%.*s %lld %lld %lld %lld %.17g %.17g %.17g|", (int)r->len, r->word,
      (long long)r->joint, (long long)r->left, (long long)r->right, (long long)r->freq, r->llr,
      r->pmi, r->logdice);
  return 0;
}

static int ondist (void *ud, const tifa_lexis_distinct_row *r) {
  out *o = (out *)ud;
  int i;
  add(o, "%lld %.17g %lld", (long long)theid(o, r->id), r->score, (long long)r->tokens);
  for (i = 0; i < r->nwords; i++) add(o, " %.*s", (int)r->len[i], r->word[i]);
  add(o, "|");
  return 0;
}

/* Every answer over the stores 'st' (n of them; bases NULL for one), ids of the single store
** 'ids' turned into the source's when 'mapped'. */
static void answers (tifa_store *const *st, const int64_t *bs, size_t n, int mapped, out *o) {
  static const int64_t set[3] = {1, 3, 4}, ref[2] = {2, 6};
  int64_t s3[3], r2[2], c = 0, d = 0;
  tifa_lexis_freq_opts fo;
  tifa_lexis_kw_opts ko;
  tifa_lexis_keyness_opts no;
  tifa_lexis_coll_opts co;
  tifa_lexis_distinct_opts dopt;
  tifa_lexis_coll_stats cs;
  tifa_lexis_idf *idf = NULL;
  int64_t total = 0, nd = 0;
  size_t i;
  memset(o, 0, sizeof(*o));
  o->mapped = mapped;
  for (i = 0; i < 3; i++) s3[i] = mapped ? map(set[i]) : set[i];
  for (i = 0; i < 2; i++) r2[i] = mapped ? map(ref[i]) : ref[i];
  if (mapped) { int64_t t = s3[0]; s3[0] = s3[2]; s3[2] = t; }   /* a set need not be sorted */
  memset(&fo, 0, sizeof(fo));
  check(tifa_lexis_freq_stores(st, bs, n, NULL, 0, &fo, &total, onitem, o) == TIFA_OK);
  add(o, "\ntotal %lld\n", (long long)total);
  fo.unit = TIFA_LEXIS_CHAR; fo.n = 2; fo.min = 2;
  check(tifa_lexis_freq_stores(st, bs, n, s3, 3, &fo, &total, onitem, o) == TIFA_OK);
  add(o, "\ntotal %lld\n", (long long)total);
  check(tifa_lexis_groups_stores(st, bs, n, NULL, 0, TIFA_LEXIS_BY_OUTLET, ongroup, o) == TIFA_OK);
  check(tifa_lexis_groups_stores(st, bs, n, s3, 3, TIFA_LEXIS_BY_YEAR, ongroup, o) == TIFA_OK);
  add(o, "\n");
  check(tifa_lexis_idf_load_stores(st, bs, n, &idf) == TIFA_OK);
  if (idf) {
    int64_t df = tifa_lexis_idf_df(idf, "乡村", strlen("乡村"), &nd);
    add(o, "df %lld %lld", (long long)df, (long long)nd);
    add(o, " %lld %.17g\n", (long long)tifa_lexis_idf_df(idf, "发展", strlen("发展"), NULL),
        tifa_lexis_idf_get(idf, "区域", strlen("区域")));
  }
  memset(&ko, 0, sizeof(ko));
  ko.limit = 40; ko.phrases = 1;
  check(tifa_lexis_keywords_stores(st, bs, n, NULL, 0, &ko, onkw, o) == TIFA_OK);
  add(o, "\n");
  ko.method = TIFA_KW_TEXTRANK; ko.singles = 1; ko.window = 4;
  check(tifa_lexis_keywords_stores(st, bs, n, NULL, 0, &ko, onkw, o) == TIFA_OK);
  add(o, "\n");
  ko.idf = idf; ko.method = TIFA_KW_TFIDF;
  check(tifa_lexis_keywords_stores(st, bs, n, s3, 3, &ko, onkw, o) == TIFA_OK);
  add(o, "\n");
  memset(&no, 0, sizeof(no));
  no.min = 2;
  check(tifa_lexis_keyness_stores(st, bs, n, s3, 3, NULL, 0, 1, &no, &c, &d, onkn, o) == TIFA_OK);
  add(o, "\n%lld %lld\n", (long long)c, (long long)d);
  check(tifa_lexis_keyness_stores(st, bs, n, s3, 3, r2, 2, 0, &no, &c, &d, onkn, o) == TIFA_OK);
  add(o, "\n%lld %lld\n", (long long)c, (long long)d);
  check(tifa_lexis_keyness_groups_stores(st, bs, n, NULL, 0, TIFA_LEXIS_BY_OUTLET, &no, onkg,
                                         onkn, o) == TIFA_OK);
  add(o, "\n");
  memset(&co, 0, sizeof(co));
  co.min = 1; co.window = 3;
  check(tifa_lexis_collocates_stores(st, bs, n, "发展", strlen("发展"), NULL, 0, &co, &cs, oncoll,
                                     o) == TIFA_OK);
  add(o, "\n%lld %lld %lld %lld\n", (long long)cs.node, (long long)cs.span, (long long)cs.tokens,
      (long long)cs.articles);
  co.measure = TIFA_COLL_LOGDICE;
  check(tifa_lexis_collocates_stores(st, bs, n, "发展", strlen("发展"), s3, 3, &co, &cs, oncoll,
                                     o) == TIFA_OK);
  add(o, "\n%lld %lld %lld %lld\n", (long long)cs.node, (long long)cs.span, (long long)cs.tokens,
      (long long)cs.articles);
  memset(&dopt, 0, sizeof(dopt));
  dopt.min = 1; dopt.words = 3;
  check(tifa_lexis_distinctive_stores(st, bs, n, NULL, 0, &dopt, ondist, o) == TIFA_OK);
  add(o, "\n");
  tifa_lexis_idf_free(idf);
}

static int ingest (tifa_store *s, const int *which, int n) {
  char buf[4096];
  tifa_ingest_report r;
  int i;
  buf[0] = '\0';
  for (i = 0; i < n; i++) strcat(buf, docs[which[i]]);
  memset(&r, 0, sizeof(r));
  return tifa_store_ingest_buffer(s, "x.jsonl", buf, strlen(buf), NULL, &r);
}

int main (void) {
  static const int all[6] = {0, 1, 2, 3, 4, 5}, odd[3] = {0, 2, 4}, even[3] = {1, 3, 5};
  static out a, b, c;             /* c: the groups of a failing walk (none, or a part) */
  char dir[64], path[300], err[TIFA_ERRMAX];
  const char *names[3] = {"one.db", "a.db", "b.db"};
  tifa_store **slot[3];
  int k;
  slot[0] = &one; slot[1] = &two[0]; slot[2] = &two[1];
  snprintf(dir, sizeof(dir), "/tmp/tifa_test_lexisstores.XXXXXX");
  if (mkdtemp(dir) == NULL) { check(0); return 1; }
  for (k = 0; k < 3; k++) {
    snprintf(path, sizeof(path), "%s/%s", dir, names[k]);
    check(tifa_store_open(path, TIFA_OPEN_CREATE, slot[k], err, sizeof(err)) == TIFA_OK);
  }
  if (one && two[0] && two[1]) {
    check(ingest(one, all, 6) == TIFA_OK);
    check(ingest(two[0], odd, 3) == TIFA_OK);
    check(ingest(two[1], even, 3) == TIFA_OK);
    answers(&one, NULL, 1, 0, &a);
    answers(two, bases, 2, 1, &b);
    checkstr(b.s, a.s);
    check(a.n > 2000 && a.n < OUTSZ - 100);                      /* answers, and all of them */
    check(strstr(a.s, "df 1 6 ") != NULL);                       /* 乡村 in one article of six */
    check(strstr(a.s, "高质量发展 ") != NULL && strstr(a.s, "[人民日报: 1 3]") != NULL);
    /* groups by article: named by the source's ids, in their order */
    memset(&b, 0, sizeof(b));
    b.mapped = b.byarticle = 1;
    check(tifa_lexis_groups_stores(two, bases, 2, NULL, 0, TIFA_LEXIS_BY_ARTICLE, ongroup, &b) == TIFA_OK);
    checkstr(b.s, "[1: 1][3: 3][5: 5][2: 2][4: 4][6: 6]");
    { /* one of the two stores: its own counts */
      tifa_lexis_freq_opts fo;
      int64_t t1 = 0, t2 = 0;
      memset(&fo, 0, sizeof(fo));
      check(tifa_lexis_freq_stores(&one, NULL, 1, NULL, 0, &fo, &t1, NULL, NULL) == TIFA_OK);
      check(tifa_lexis_freq_stores(two, bases, 1, NULL, 0, &fo, &t2, NULL, NULL) == TIFA_OK);
      check(t1 == 141 && t2 > 0 && t2 < t1);
    }
    { /* a failure of the second store is reported on the first, after its path */
      check(sqlite3_exec(tifa_store_sqlite(two[1]), "DROP TABLE article_lex; DROP TABLE article",
                         NULL, NULL, NULL) == SQLITE_OK);
      check(tifa_lexis_groups_stores(two, bases, 2, NULL, 0, TIFA_LEXIS_BY_YEAR, ongroup, &c) == TIFA_DB);
      check(c.n == 0 || strstr(c.s, "[") != NULL);
      check(strstr(tifa_store_errmsg(two[0]), "/b.db: cannot group articles") != NULL);
    }
  }
  for (k = 0; k < 3; k++) {
    tifa_store_close(*slot[k]);
    snprintf(path, sizeof(path), "%s/%s", dir, names[k]); unlink(path);
    snprintf(path, sizeof(path), "%s/%s-wal", dir, names[k]); unlink(path);
    snprintf(path, sizeof(path), "%s/%s-shm", dir, names[k]); unlink(path);
  }
  rmdir(dir);
  return check_done("lexisstores");
}
