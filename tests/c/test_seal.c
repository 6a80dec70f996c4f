/*
** test_seal.c -- sealed stores (include/tifa_store.h, tifa_store_seal, tifa_store_sealed and
** TIFA_OPEN_IMMUTABLE): a store in WAL mode is not sealed and cannot be opened immutable; a
** sealed store is one file in rollback mode that an immutable reader reads as any reader does
** (the same articles, the same search); a writable open unseals it; sealing while another
** connection holds the store fails with TIFA_BUSY and leaves it readable.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sqlite3.h>
#include "tifa.h"
#include "tifa_store.h"
#include "check.h"

static char tmpdir[256];

static int onhit (void *ud, const tifa_hit *h) {
  (void)h;
  (*(long *)ud)++;
  return 0;
}

static long hits (tifa_store *s, const char *q) {
  tifa_search_opts o;
  long n = 0;
  memset(&o, 0, sizeof(o));
  o.limit = 10000;
  if (tifa_store_search(s, q, &o, onhit, &n) != TIFA_OK) return -1;
  return n;
}

static int64_t articles (tifa_store *s) {
  sqlite3_stmt *st;
  int64_t n = -1;
  if (sqlite3_prepare_v2(tifa_store_sqlite(s), "SELECT count(*) FROM article", -1, &st, NULL) != SQLITE_OK)
    return -1;
  if (sqlite3_step(st) == SQLITE_ROW) n = sqlite3_column_int64(st, 0);
  sqlite3_finalize(st);
  return n;
}

static int exists (const char *path) {
  struct stat st;
  return stat(path, &st) == 0;
}

int main (void) {
  const char *seeds = getenv("TIFA_SEEDS");
  char path[512], wal[520], err[TIFA_ERRMAX];
  tifa_store *w = NULL, *r = NULL, *r2 = NULL;
  tifa_ingest_opts io;
  tifa_ingest_report rep;
  int64_t n;
  long h;
  if (seeds == NULL) { fprintf(stderr, "test_seal: TIFA_SEEDS is not set\n"); return 1; }
  snprintf(tmpdir, sizeof(tmpdir), "%s/tifa_seal_XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
  if (mkdtemp(tmpdir) == NULL) { perror("mkdtemp"); return 1; }
  snprintf(path, sizeof(path), "%s/s.db", tmpdir);
  snprintf(wal, sizeof(wal), "%s-wal", path);

  /* not a store at all */
  checkint(tifa_store_sealed(path), -1);

  /* a new store is in WAL mode: not sealed, not openable immutable */
  checkint(tifa_store_open(path, TIFA_OPEN_CREATE, &w, err, sizeof(err)), TIFA_OK);
  memset(&io, 0, sizeof(io));
  memset(&rep, 0, sizeof(rep));
  checkint(tifa_store_ingest(w, seeds, &io, &rep), TIFA_OK);
  n = articles(w);
  check(n > 0);
  h = hits(w, "发展");
  check(h > 0);
  checkint(tifa_store_sealed(path), 0);
  checkint(tifa_store_open(path, TIFA_OPEN_READONLY | TIFA_OPEN_IMMUTABLE, &r, err, sizeof(err)), TIFA_ERROR);
  check(r == NULL);
  check(strstr(err, "not sealed") != NULL);

  /* another connection holds it: sealing is refused, nothing changes */
  checkint(tifa_store_open(path, TIFA_OPEN_READONLY, &r2, err, sizeof(err)), TIFA_OK);
  checkint(articles(r2), n);
  checkint(tifa_store_seal(w), TIFA_BUSY);
  check(strstr(tifa_store_errmsg(w), "another process") != NULL);
  checkint(tifa_store_sealed(path), 0);
  tifa_store_close(r2);
  r2 = NULL;

  /* sealed: one file, read immutable with the same answers */
  checkint(tifa_store_seal(w), TIFA_OK);
  tifa_store_close(w);
  w = NULL;
  checkint(tifa_store_sealed(path), 1);
  check(!exists(wal));
  checkint(tifa_store_open(path, TIFA_OPEN_IMMUTABLE, &r, err, sizeof(err)), TIFA_ERROR);   /* not read-only */
  check(strstr(err, "read-only") != NULL);
  checkint(tifa_store_open(path, TIFA_OPEN_READONLY | TIFA_OPEN_IMMUTABLE, &r, err, sizeof(err)), TIFA_OK);
  checkint(articles(r), n);
  checkint(hits(r, "发展"), h);
  check(!exists(wal));
  tifa_store_close(r);
  r = NULL;

  /* a read-only seal is refused; a writable open unseals */
  checkint(tifa_store_open(path, TIFA_OPEN_READONLY, &r, err, sizeof(err)), TIFA_OK);
  checkint(tifa_store_seal(r), TIFA_READONLY);
  tifa_store_close(r);
  r = NULL;
  checkint(tifa_store_sealed(path), 1);
  checkint(tifa_store_open(path, 0, &w, err, sizeof(err)), TIFA_OK);
  checkint(tifa_store_sealed(path), 0);
  tifa_store_close(w);

  /* a path that needs escaping in a URI ('%', '?', '#', a space) */
  {
    char odd[600];
    snprintf(odd, sizeof(odd), "%s/a %%b?c#d.db", tmpdir);
    checkint(rename(path, odd), 0);
    if (exists(wal)) unlink(wal);
    snprintf(wal, sizeof(wal), "%s-shm", path);
    if (exists(wal)) unlink(wal);
    checkint(tifa_store_open(odd, 0, &w, err, sizeof(err)), TIFA_OK);
    checkint(tifa_store_seal(w), TIFA_OK);
    tifa_store_close(w);
    checkint(tifa_store_open(odd, TIFA_OPEN_READONLY | TIFA_OPEN_IMMUTABLE, &r, err, sizeof(err)), TIFA_OK);
    checkint(articles(r), n);
    tifa_store_close(r);
    unlink(odd);
  }
  {
    char cmd[600];
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
    if (system(cmd) != 0) fprintf(stderr, "test_seal: cannot remove %s\n", tmpdir);
  }
  return check_done("test_seal");
}
