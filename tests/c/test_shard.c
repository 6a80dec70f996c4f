/*
** test_shard.c -- include/tifa_shard.h: FNV-1a 64 vectors, the id macros, the catalog
** (create, reopen, another shard count refused, a newer format refused, a torn temporary
** file ignored), the ingest's routing (each file in its shard, reported once), and the
** merge's checks on parts made in memory (a part cut short, a missing shard); the keys of
** paths, and a corpus by year (values to shards, kept; another key refused; progress).
*/
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <sqlite3.h>
#include "tifa_shard.h"
#include "check.h"

static char dir[512];

static void writefile (const char *name, const char *text) {
  char p[1024];
  FILE *f;
  snprintf(p, sizeof(p), "%s/%s", dir, name);
  f = fopen(p, "w");
  check(f != NULL);
  if (f) { fputs(text, f); fclose(f); }
}

static int nreported;
static void onfile (void *ud, const tifa_ingest_file *f) { (void)ud; (void)f; nreported++; }

static int tofile (void *ud, const char *line, size_t len) {
  fwrite(line, 1, len, (FILE *)ud);
  fputc('\n', (FILE *)ud);
  return 0;
}

static void testcatalog (void) {
  tifa_shards *c = NULL, *d = NULL;
  char err[TIFA_ERRMAX], corp[600], p[700];
  FILE *f;
  snprintf(corp, sizeof(corp), "%s/corp", dir);
  checkint(tifa_shards_is(corp), 0);
  checkint(tifa_shards_open(corp, TIFA_OPEN_READONLY, 0, &c, err, sizeof(err)), TIFA_NOTFOUND);
  check(c == NULL);
  checkint(tifa_shards_open(corp, TIFA_OPEN_CREATE, 3, &c, err, sizeof(err)), TIFA_OK);
  check(c != NULL);
  if (c == NULL) return;
  checkint(tifa_shards_is(corp), 1);
  checkint(tifa_shards_count(c), 3);
  checkint(strlen(tifa_shards_uuid(c)), 32);
  snprintf(p, sizeof(p), "%s/s3.db", corp);
  checkstr(tifa_shards_file(c, 3), p);
  check(tifa_shards_file(c, 4) == NULL && tifa_shards_file(c, 0) == NULL);
  check(access(p, F_OK) == 0);
  /* the rule: 1 + fnv1a64(path) % N */
  checkint(tifa_shards_route(c, "a"), 1 + (int)(UINT64_C(0xaf63dc4c8601ec8c) % 3));
  checkint(tifa_shards_route(c, "foobar"), 1 + (int)(UINT64_C(0x85944171f73967e8) % 3));
  /* a torn temporary file (a crash before link) changes nothing */
  snprintf(p, sizeof(p), "%s/%s.999.tmp", corp, TIFA_SHARDS_CATALOG);
  f = fopen(p, "w");
  if (f) { fputs("{\"tifa_shards\": 1, \"sha", f); fclose(f); }
  checkint(tifa_shards_open(corp, TIFA_OPEN_READONLY, 0, &d, err, sizeof(err)), TIFA_OK);
  if (d) {
    checkstr(tifa_shards_uuid(d), tifa_shards_uuid(c));
    checkint(tifa_shards_count(d), 3);
    tifa_shards_close(d);
  }
  checkint(tifa_shards_open(corp, TIFA_OPEN_CREATE, 3, &d, err, sizeof(err)), TIFA_OK);  /* exists */
  if (d) { checkstr(tifa_shards_uuid(d), tifa_shards_uuid(c)); tifa_shards_close(d); }
  d = NULL;
  checkint(tifa_shards_open(corp, TIFA_OPEN_CREATE, 4, &d, err, sizeof(err)), TIFA_ERROR);
  check(d == NULL);
  check(strstr(err, "has 3 shards; resharding is not supported") != NULL);
  tifa_shards_close(c);
  tifa_shards_close(NULL);
  /* a newer format */
  snprintf(corp, sizeof(corp), "%s/newer", dir);
  check(mkdir(corp, 0777) == 0);
  snprintf(p, sizeof(p), "%s/%s", corp, TIFA_SHARDS_CATALOG);
  f = fopen(p, "w");
  if (f) { fputs("{\"tifa_shards\": 2, \"shards\": 2}", f); fclose(f); }
  checkint(tifa_shards_open(corp, TIFA_OPEN_READONLY, 0, &d, err, sizeof(err)), TIFA_FORMAT);
  check(strstr(err, "format 2") != NULL);
}

/* Ingest 12 files into 3 shards: each lands in its routed shard, reported once. */
static void testingest (void) {
  tifa_shards *c = NULL;
  tifa_ingest_opts o;
  tifa_ingest_report r;
  char err[TIFA_ERRMAX], corp[600], files[600], name[64], text[256];
  const char *paths[1];
  long nfiles[3], narts[3];
  int k, s, wrong = 0, total = 0;
  snprintf(corp, sizeof(corp), "%s/ing", dir);
  snprintf(files, sizeof(files), "%s/files", dir);
  check(mkdir(files, 0777) == 0);
  for (k = 0; k < 12; k++) {
    snprintf(name, sizeof(name), "files/f%02d.txt", k);
    snprintf(text, sizeof(text), "第%d号文件\n\n推动高质量发展，坚持改革开放。第%d段。\n", k, k);
    writefile(name, text);
  }
  if (tifa_shards_open(corp, TIFA_OPEN_CREATE, 3, &c, err, sizeof(err)) != TIFA_OK) { check(0); return; }
  memset(&o, 0, sizeof(o));
  memset(&r, 0, sizeof(r));
  o.on_file = onfile;
  o.dry_run = 1;
  paths[0] = files;
  checkint(tifa_shards_ingest(c, paths, 1, &o, 2, &r, nfiles, narts, err, sizeof(err)), TIFA_ERROR);
  o.dry_run = 0;
  checkint(tifa_shards_ingest(c, paths, 1, &o, 2, &r, nfiles, narts, err, sizeof(err)), TIFA_OK);
  checkint(r.files, 12);
  checkint(r.added, 12);
  checkint(nreported, 12);
  for (s = 1; s <= 3; s++) {
    tifa_store *st;
    sqlite3_stmt *q;
    if (tifa_shards_store(c, s, TIFA_OPEN_READONLY, &st, err, sizeof(err)) != TIFA_OK) { check(0); continue; }
    if (sqlite3_prepare_v2(tifa_store_sqlite(st), "SELECT path FROM file", -1, &q, NULL) == SQLITE_OK) {
      int n = 0;
      while (sqlite3_step(q) == SQLITE_ROW) {
        if (tifa_shards_route(c, (const char *)sqlite3_column_text(q, 0)) != s) wrong++;
        n++;
      }
      checkint(n, nfiles[s - 1]);
      total += n;
      sqlite3_finalize(q);
    }
    tifa_store_close(st);
  }
  checkint(wrong, 0);
  checkint(total, 12);
  /* again: all unchanged */
  memset(&r, 0, sizeof(r));
  checkint(tifa_shards_ingest(c, paths, 1, &o, 0, &r, NULL, NULL, err, sizeof(err)), TIFA_OK);
  checkint(r.unchanged, 12);
  /* parts and merges: a count over the shards is the count of all files */
  {
    FILE *in[3];
    const char *names[3] = {"p1", "p2", "p3"};
    char *out = NULL;
    size_t outlen = 0;
    FILE *o2;
    for (s = 1; s <= 3; s++) {
      tifa_store *st;
      in[s - 1] = tmpfile();
      if (tifa_shards_store(c, s, TIFA_OPEN_READONLY, &st, err, sizeof(err)) != TIFA_OK) { check(0); continue; }
      checkint(tifa_part(st, "count", "发展", s, 3, tifa_shards_uuid(c), NULL, tofile, in[s - 1]), TIFA_OK);
      checkint(tifa_part(st, "frobnicate", "发展", s, 3, NULL, NULL, tofile, stderr), TIFA_ERROR);
      tifa_store_close(st);
      rewind(in[s - 1]);
    }
    o2 = open_memstream(&out, &outlen);
    checkint(tifa_merge(in, names, 3, 0, tofile, o2, err, sizeof(err)), TIFA_OK);
    fclose(o2);
    check(out && strstr(out, "{\"end\":1,\"total\":12,\"articles\":12}") != NULL);
    free(out);
    rewind(in[0]); rewind(in[2]);
    checkint(tifa_merge((FILE *const []){in[0], in[2]}, (const char *const []){"p1", "p3"}, 2, 0,
                        tofile, stderr, err, sizeof(err)), TIFA_FORMAT);
    checkstr(err, "missing shard 2 of 3");
    for (s = 0; s < 3; s++) fclose(in[s]);
  }
  tifa_shards_close(c);
}

/* A part without its trailer. */
static void testcut (void) {
  FILE *f = tmpfile();
  const char *names[1] = {"cut"};
  char err[TIFA_ERRMAX];
  fputs("{\"tifa_part\":1,\"tifa\":\"0.1.0\",\"analytic\":\"count\",\"args\":{},\"shard\":0,"
        "\"shards\":1,\"corpus\":null}\n{\"id\":1,\"file\":\"/a\",\"seq\":0,\"n\":2}\n", f);
  rewind(f);
  checkint(tifa_merge(&f, names, 1, 0, tofile, stderr, err, sizeof(err)), TIFA_FORMAT);
  checkstr(err, "part 'cut' ends early (no trailer)");
  fclose(f);
  f = tmpfile();
  fputs("{\"n\":1}\n", f);
  rewind(f);
  checkint(tifa_merge(&f, names, 1, 0, tofile, stderr, err, sizeof(err)), TIFA_FORMAT);
  check(strstr(err, "not a tifa part") != NULL);
  fclose(f);
}

/* The key of a path: dates in file names and directories, not inside longer numbers. */
static void testpathkey (void) {
  static const struct { const char *path, *key, *want; } v[] = {
    {"/data/xwlb/20190101.md", "year", "2019"}, {"/data/xwlb/20190101.md", "month", "2019-01"},
    {"/a/2019/x.md", "year", "2019"}, {"/a/2019/x.md", "month", NULL},
    {"/a/2019/03/x.md", "month", "2019-03"}, {"/a/2019-03/x.md", "month", "2019-03"},
    {"/a/2019-01-01-notice.html", "month", "2019-01"}, {"/a/news_2020_12_31.txt", "month", "2020-12"},
    {"/2018/b/20210405.md", "year", "2021"},          /* the last component first */
    {"/a/12019010199.md", "year", NULL},              /* inside a longer number */
    {"/a/20191301.md", "year", NULL},                 /* month 13 */
    {"/a/x2019/y.md", "year", NULL},                  /* a year alone is a whole component */
    {"/a/b.md", "year", NULL}, {"/a/20190101.md", "outlet", NULL}, {"", "year", NULL},
  };
  char buf[32];
  size_t i;
  for (i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
    int got = tifa_shards_pathkey(v[i].path, v[i].key, buf, sizeof(buf));
    checkint(got, v[i].want != NULL);
    if (got && v[i].want) checkstr(buf, v[i].want);
  }
}

static uint64_t lastdone, lasttotal;
static int backwards;
static void onprogress (void *ud, const char *path, uint64_t done, uint64_t total) {
  (void)ud; (void)path;
  if (done < lastdone || (lasttotal && total != lasttotal)) backwards = 1;
  lastdone = done;
  lasttotal = total;
}

/* A corpus by year: values from names and text to the shard with the fewest files, kept in
** the catalog; another key refused; progress over all shards reaches the walk's total. */
static void testkeys (void) {
  tifa_shards *c = NULL, *d = NULL;
  tifa_ingest_opts o;
  tifa_ingest_report r;
  char err[TIFA_ERRMAX], corp[600], files[600];
  const char *paths[1], *v;
  long nfiles[2], narts[2], nf, sum = 0;
  int sh;
  size_t i;
  snprintf(corp, sizeof(corp), "%s/byyear", dir);
  snprintf(files, sizeof(files), "%s/dated", dir);
  check(mkdir(files, 0777) == 0);
  writefile("dated/20190101.txt", "一号文件\n\n推动高质量发展。\n");
  writefile("dated/20190102.txt", "二号文件\n\n坚持改革开放。\n");
  writefile("dated/20200101.txt", "三号文件\n\n深化改革。\n");
  writefile("dated/notes.md", "# 四号文件\n\n2021年5月6日\n\n扩大开放。\n");
  writefile("dated/plain.md", "# 五号文件\n\n没有日期。\n");
  checkint(tifa_shards_openkey(corp, TIFA_OPEN_CREATE, 2, "weekday", &c, err, sizeof(err)), TIFA_ERROR);
  check(strstr(err, "unknown shard key 'weekday'") != NULL);
  if (tifa_shards_openkey(corp, TIFA_OPEN_CREATE, 2, "year", &c, err, sizeof(err)) != TIFA_OK) { check(0); return; }
  checkstr(tifa_shards_key(c), "year");
  memset(&o, 0, sizeof(o));
  memset(&r, 0, sizeof(r));
  o.on_progress = onprogress;
  paths[0] = files;
  checkint(tifa_shards_ingest(c, paths, 1, &o, 2, &r, nfiles, narts, err, sizeof(err)), TIFA_OK);
  checkint(r.added, 5);
  checkint(nfiles[0] + nfiles[1], 5);
  check(!backwards);
  check(lasttotal > 0 && lastdone == lasttotal);
  /* 2019 (2 files) -> 1 on the tie; 2020 -> 2 (0 < 2); 2021 from the text -> 2 (1 < 2) */
  for (i = 0; (v = tifa_shards_keyval(c, i, &sh, &nf)) != NULL; i++) {
    if (strcmp(v, "2019") == 0) { checkint(sh, 1); checkint(nf, 2); }
    else if (strcmp(v, "2020") == 0) checkint(sh, 2);
    else if (strcmp(v, "2021") == 0) checkint(sh, 2);
    else if (strcmp(v, "(none)") == 0) { checkint(sh, 0); checkint(nf, 1); }
    else check(0);
    sum += nf;
  }
  checkint(i, 4);
  checkint(sum, 5);
  tifa_shards_close(c);
  /* reopened: the catalog keeps the values; another key is refused */
  checkint(tifa_shards_openkey(corp, 0, 0, "month", &d, err, sizeof(err)), TIFA_ERROR);
  check(strstr(err, "is sharded by year; it cannot be extended by month") != NULL);
  if (tifa_shards_open(corp, 0, 0, &d, err, sizeof(err)) != TIFA_OK) { check(0); return; }
  checkstr(tifa_shards_key(d), "year");
  checkstr(tifa_shards_keyval(d, 0, &sh, &nf), "2019");
  checkint(sh, 1);
  checkstr(tifa_shards_keyval(d, 2, &sh, &nf), "2021");
  checkint(sh, 2);
  tifa_shards_close(d);
}

int main (void) {
  char cmd[700];
  /* FNV-1a 64 test vectors (Fowler, Noll, Vo) */
  checkint(tifa_fnv1a64("", 0) == UINT64_C(0xcbf29ce484222325), 1);
  checkint(tifa_fnv1a64("a", 1) == UINT64_C(0xaf63dc4c8601ec8c), 1);
  checkint(tifa_fnv1a64("foobar", 6) == UINT64_C(0x85944171f73967e8), 1);
  /* ids */
  checkint(TIFA_SHARD_ID(3, 1234), INT64_C(30000001234));
  checkint(TIFA_SHARD_OF(INT64_C(30000001234)), 3);
  checkint(TIFA_SHARD_LOCAL(INT64_C(30000001234)), 1234);
  checkint(TIFA_SHARD_OF(INT64_C(9999999999)), 0);            /* a single store's id */
  check(TIFA_SHARD_ID(900718, TIFA_SHARD_ID_BASE - 1) < (INT64_C(1) << 53));
  snprintf(dir, sizeof(dir), "%s/tifa_shard_XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
  if (mkdtemp(dir) == NULL) { perror("mkdtemp"); return 1; }
  testcatalog();
  testingest();
  testcut();
  testpathkey();
  testkeys();
  snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
  if (system(cmd) != 0) fprintf(stderr, "could not remove %s\n", dir);
  return check_done("shard");
}
