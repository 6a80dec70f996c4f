/*
** reusesave.c -- the pairs of a corpus's reuse written back (DIR/reuse.db) and read again
** while the shards are as they were (tifa_shard.h, "Reuse written back").
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sqlite3.h>
#include "tifa_shard.h"
#include "shard.h"

static const char schema[] =
  "CREATE TABLE IF NOT EXISTS reuse_run (\n"
  "  opts TEXT PRIMARY KEY,           -- the options, as reusekey writes them\n"
  "  stamp TEXT NOT NULL,             -- the shards when computed (stamp)\n"
  "  made TEXT NOT NULL,              -- ISO 8601 UTC\n"
  "  pairs INTEGER NOT NULL, candidates INTEGER NOT NULL, articles INTEGER NOT NULL\n"
  ");\n"
  "CREATE TABLE IF NOT EXISTS reuse_pair (\n"
  "  opts TEXT NOT NULL, k INTEGER NOT NULL,   -- k: the pair's place in the answer, from 0\n"
  "  s_id INTEGER NOT NULL, s_field INTEGER NOT NULL, s_from INTEGER NOT NULL,\n"
  "  s_to INTEGER NOT NULL, s_paragraph INTEGER NOT NULL,\n"
  "  t_id INTEGER NOT NULL, t_field INTEGER NOT NULL, t_from INTEGER NOT NULL,\n"
  "  t_to INTEGER NOT NULL, t_paragraph INTEGER NOT NULL,\n"
  "  chars INTEGER NOT NULL, edits INTEGER NOT NULL, directed INTEGER NOT NULL,\n"
  "  days INTEGER,                    -- NULL: not both full dates\n"
  "  -- the passages' texts are read from the articles (tifa_reuse_fill)\n"
  "  PRIMARY KEY (opts, k)\n"
  ") WITHOUT ROWID;\n";

/* The options as the computation takes them (defaults and bounds of tifa_reuse_stores), or
** 0 for a custom formulaic list, which is not kept. */
static int reusekey (const tifa_reuse_opts *o, char *buf, size_t size) {
  long long min_chars = o && o->min_chars > 0 ? o->min_chars : TIFA_REUSE_MINCHARS;
  long long max_df = o && o->max_df > 0 ? o->max_df : TIFA_REUSE_MAXDF;
  long long days = o && o->within_days > 0 ? o->within_days : 0;
  if (o && o->formulaic) return 0;
  if (min_chars < TIFA_REUSE_NGRAM) min_chars = TIFA_REUSE_NGRAM;
  if (max_df > UINT16_MAX - 1) max_df = UINT16_MAX - 1;
  snprintf(buf, size, "min_chars=%lld max_df=%lld within_days=%lld within=%d", min_chars,
           max_df, days, o && o->within ? 1 : 0);
  return 1;
}

/* The stamp of the shards: the corpus's uuid, then each shard's articles and greatest id. */
static int stamp (tifa_shards *c, char *buf, size_t size, char *err, size_t errsz) {
  size_t at;
  int k;
  at = (size_t)snprintf(buf, size, "%s", tifa_shards_uuid(c));
  for (k = 1; k <= c->n; k++) {
    tifa_store *s = tifa_shards_reader(c, k, err, errsz);
    sqlite3_stmt *st = NULL;
    if (s == NULL) return TIFA_DB;
    if (sqlite3_prepare_v2(tifa_store_sqlite(s), "SELECT count(*), coalesce(max(id), 0) FROM article",
                           -1, &st, NULL) != SQLITE_OK || sqlite3_step(st) != SQLITE_ROW) {
      snprintf(err, errsz, "%s: %s", tifa_shards_file(c, k), sqlite3_errmsg(tifa_store_sqlite(s)));
      sqlite3_finalize(st);
      return TIFA_DB;
    }
    if (at < size)
      at += (size_t)snprintf(buf + at, size - at, " %lld:%lld", (long long)sqlite3_column_int64(st, 0),
                             (long long)sqlite3_column_int64(st, 1));
    sqlite3_finalize(st);
  }
  return at < size ? TIFA_OK : TIFA_TOOBIG;
}

static int dbfail (sqlite3 *db, const char *path, char *err, size_t errsz) {
  int code = db ? sqlite3_errcode(db) : SQLITE_CANTOPEN;
  snprintf(err, errsz, "%s: %s", path, db ? sqlite3_errmsg(db) : "cannot open");
  return code == SQLITE_BUSY || code == SQLITE_LOCKED ? TIFA_BUSY
       : code == SQLITE_CANTOPEN || code == SQLITE_READONLY ? TIFA_IO : TIFA_DB;
}

int tifa_shards_reuse_save (tifa_shards *c, const tifa_reuse_opts *o, const tifa_reuse_result *r,
                            char *err, size_t errsz) {
  char key[160], st[4096], path[4096], made[32];
  sqlite3 *db = NULL;
  sqlite3_stmt *run = NULL, *pair = NULL, *del = NULL;
  time_t now = time(NULL);
  struct tm tm;
  size_t k;
  int rc;
  if (!reusekey(o, key, sizeof(key))) {
    snprintf(err, errsz, "only a reuse with the built-in formulaic phrases is kept");
    return TIFA_ERROR;
  }
  if ((rc = stamp(c, st, sizeof(st), err, errsz)) != TIFA_OK) return rc;
  snprintf(path, sizeof(path), "%s/%s", c->dir, TIFA_SHARDS_REUSE);
  gmtime_r(&now, &tm);
  strftime(made, sizeof(made), "%Y-%m-%dT%H:%M:%SZ", &tm);
  if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK
      || sqlite3_busy_timeout(db, 5000) != SQLITE_OK
      || sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK
      || sqlite3_exec(db, schema, NULL, NULL, NULL) != SQLITE_OK
      || sqlite3_prepare_v2(db, "DELETE FROM reuse_pair WHERE opts = ?1", -1, &del, NULL) != SQLITE_OK
      || sqlite3_prepare_v2(db, "INSERT OR REPLACE INTO reuse_run VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                            -1, &run, NULL) != SQLITE_OK
      || sqlite3_prepare_v2(db, "INSERT INTO reuse_pair VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9,"
                            " ?10, ?11, ?12, ?13, ?14, ?15, ?16)", -1, &pair, NULL) != SQLITE_OK) {
    rc = dbfail(db, path, err, errsz);
    goto done;
  }
  sqlite3_bind_text(del, 1, key, -1, SQLITE_STATIC);
  if (sqlite3_step(del) != SQLITE_DONE) { rc = dbfail(db, path, err, errsz); goto done; }
  sqlite3_bind_text(run, 1, key, -1, SQLITE_STATIC);
  sqlite3_bind_text(run, 2, st, -1, SQLITE_STATIC);
  sqlite3_bind_text(run, 3, made, -1, SQLITE_STATIC);
  sqlite3_bind_int64(run, 4, (sqlite3_int64)r->n);
  sqlite3_bind_int64(run, 5, (sqlite3_int64)r->candidates);
  sqlite3_bind_int64(run, 6, (sqlite3_int64)r->articles);
  if (sqlite3_step(run) != SQLITE_DONE) { rc = dbfail(db, path, err, errsz); goto done; }
  for (k = 0; k < r->n; k++) {
    const tifa_reuse_pair *p = &r->pairs[k];
    const tifa_reuse_side *side[2];
    int i, j = 3;
    side[0] = &p->source; side[1] = &p->target;
    sqlite3_bind_text(pair, 1, key, -1, SQLITE_STATIC);
    sqlite3_bind_int64(pair, 2, (sqlite3_int64)k);
    for (i = 0; i < 2; i++) {
      sqlite3_bind_int64(pair, j++, side[i]->id);
      sqlite3_bind_int(pair, j++, side[i]->field);
      sqlite3_bind_int64(pair, j++, side[i]->from);
      sqlite3_bind_int64(pair, j++, side[i]->to);
      sqlite3_bind_int64(pair, j++, side[i]->paragraph);
    }
    sqlite3_bind_int64(pair, 13, p->chars);
    sqlite3_bind_int64(pair, 14, p->edits);
    sqlite3_bind_int(pair, 15, p->directed);
    if (p->days == TIFA_REUSE_NODAYS) sqlite3_bind_null(pair, 16);
    else sqlite3_bind_int64(pair, 16, p->days);
    if (sqlite3_step(pair) != SQLITE_DONE) { rc = dbfail(db, path, err, errsz); goto done; }
    sqlite3_reset(pair);
  }
  if (sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) rc = dbfail(db, path, err, errsz);
done:
  sqlite3_finalize(del); sqlite3_finalize(run); sqlite3_finalize(pair);
  sqlite3_close(db);            /* an open transaction is rolled back */
  return rc;
}

/* The texts of r's sides, from the corpus's articles. */
static int fill (tifa_shards *c, tifa_reuse_result *r, char *err, size_t errsz) {
  tifa_store **stores = (tifa_store **)calloc((size_t)c->n, sizeof(*stores));
  int64_t *bases = (int64_t *)calloc((size_t)c->n, sizeof(*bases));
  int k, rc = TIFA_OK;
  if (stores == NULL || bases == NULL) rc = TIFA_NOMEM;
  for (k = 0; rc == TIFA_OK && k < c->n; k++) {
    if ((stores[k] = tifa_shards_reader(c, k + 1, err, errsz)) == NULL) rc = TIFA_DB;
    bases[k] = TIFA_SHARD_ID(k + 1, 0);
  }
  if (rc == TIFA_OK && (rc = tifa_reuse_fill(stores, bases, (size_t)c->n, r)) != TIFA_OK && rc != TIFA_NOMEM)
    snprintf(err, errsz, "%s", tifa_store_errmsg(stores[0]));
  free(stores); free(bases);
  return rc;
}

int tifa_shards_reuse_load (tifa_shards *c, const tifa_reuse_opts *o, tifa_reuse_result **out,
                            char *err, size_t errsz) {
  char key[160], st[4096], path[4096];
  sqlite3 *db = NULL;
  sqlite3_stmt *run = NULL, *pair = NULL;
  tifa_reuse_result *r = NULL;
  size_t n = 0, k = 0;
  FILE *probe;
  int rc = TIFA_OK;
  *out = NULL;
  if (!reusekey(o, key, sizeof(key))) return TIFA_NOTFOUND;
  snprintf(path, sizeof(path), "%s/%s", c->dir, TIFA_SHARDS_REUSE);
  if ((probe = fopen(path, "rb")) == NULL) return TIFA_NOTFOUND;
  fclose(probe);
  if ((rc = stamp(c, st, sizeof(st), err, errsz)) != TIFA_OK) return rc;
  if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK
      || sqlite3_busy_timeout(db, 5000) != SQLITE_OK
      || sqlite3_exec(db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK
      || sqlite3_prepare_v2(db, "SELECT stamp, pairs, candidates, articles FROM reuse_run WHERE opts = ?1",
                            -1, &run, NULL) != SQLITE_OK) {
    rc = sqlite3_errcode(db) == SQLITE_ERROR ? TIFA_NOTFOUND : dbfail(db, path, err, errsz);
    goto done;                                      /* (SQLITE_ERROR: no such table) */
  }
  sqlite3_bind_text(run, 1, key, -1, SQLITE_STATIC);
  if (sqlite3_step(run) != SQLITE_ROW || strcmp((const char *)sqlite3_column_text(run, 0), st) != 0) {
    rc = TIFA_NOTFOUND;                             /* none for these options, or stale */
    goto done;
  }
  n = (size_t)sqlite3_column_int64(run, 1);
  if ((r = (tifa_reuse_result *)calloc(1, sizeof(*r))) == NULL
      || (r->pairs = (tifa_reuse_pair *)calloc(n ? n : 1, sizeof(*r->pairs))) == NULL) { rc = TIFA_NOMEM; goto done; }
  r->candidates = (size_t)sqlite3_column_int64(run, 2);
  r->articles = (size_t)sqlite3_column_int64(run, 3);
  if (sqlite3_prepare_v2(db, "SELECT * FROM reuse_pair WHERE opts = ?1 ORDER BY k", -1, &pair, NULL) != SQLITE_OK) {
    rc = dbfail(db, path, err, errsz);
    goto done;
  }
  sqlite3_bind_text(pair, 1, key, -1, SQLITE_STATIC);
  for (k = 0; (rc = sqlite3_step(pair)) == SQLITE_ROW && k < n; k++) {
    tifa_reuse_pair *p = &r->pairs[k];
    tifa_reuse_side *side[2];
    int i, j = 2;
    side[0] = &p->source; side[1] = &p->target;
    for (i = 0; i < 2; i++) {
      side[i]->id = sqlite3_column_int64(pair, j++);
      side[i]->field = sqlite3_column_int(pair, j++);
      side[i]->from = sqlite3_column_int64(pair, j++);
      side[i]->to = sqlite3_column_int64(pair, j++);
      side[i]->paragraph = sqlite3_column_int64(pair, j++);
    }
    p->chars = sqlite3_column_int64(pair, 12);
    p->edits = sqlite3_column_int64(pair, 13);
    p->directed = sqlite3_column_int(pair, 14);
    p->days = sqlite3_column_type(pair, 15) == SQLITE_NULL ? TIFA_REUSE_NODAYS : sqlite3_column_int64(pair, 15);
  }
  if (rc != SQLITE_DONE || k != n) {
    snprintf(err, errsz, "%s: the saved reuse is damaged (%s)", path, rc == SQLITE_DONE || rc == SQLITE_ROW
             ? "pairs missing" : sqlite3_errmsg(db));
    rc = TIFA_DB;
    goto done;
  }
  r->n = n;
  if ((rc = fill(c, r, err, errsz)) != TIFA_OK) goto done;
  rc = TIFA_OK;
done:
  sqlite3_finalize(run); sqlite3_finalize(pair);
  sqlite3_close(db);
  if (rc != TIFA_OK) { tifa_reuse_free(r); return rc; }
  *out = r;
  return TIFA_OK;
}
