/*
** store.c -- opening and closing a tifa store: the SQLite connection, its settings (WAL,
** foreign keys, busy timeout), the schema and its forward migrations, and the embedded
** sample corpus opened read-only in memory.
*/
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "store.h"
#include "seeds.h"

#define BUSY_TIMEOUT_MS  5000       /* wait this long for another writer before failing */

/* {====== Messages ====== */

int tifai_store_fail (tifa_store *s, int rc, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(s->errmsg, sizeof(s->errmsg), fmt, ap);
  va_end(ap);
  return rc;
}

int tifai_rc_of_sqlite (int rc) {
  switch (rc & 0xff) {
    case SQLITE_OK: case SQLITE_DONE: case SQLITE_ROW: return TIFA_OK;
    case SQLITE_NOMEM: return TIFA_NOMEM;
    case SQLITE_BUSY: case SQLITE_LOCKED: return TIFA_BUSY;
    case SQLITE_READONLY: return TIFA_READONLY;
    case SQLITE_INTERRUPT: return TIFA_INTERRUPTED;
    case SQLITE_CANTOPEN: return TIFA_IO;
    case SQLITE_FULL: case SQLITE_IOERR: return TIFA_IO;
    default: return TIFA_DB;
  }
}

int tifai_store_dberr (tifa_store *s, const char *what) {
  int code = sqlite3_extended_errcode(s->db), rc = tifai_rc_of_sqlite(code);
  if (rc == TIFA_OK) rc = TIFA_DB;  /* a failure SQLite did not record: never report success */
  return tifai_store_fail(s, rc, "%s (%s)", what, sqlite3_errmsg(s->db));
}

const char *tifa_store_errmsg (tifa_store *s) { return s->errmsg; }
const char *tifa_store_path (tifa_store *s) { return s->path; }
int tifa_store_readonly (tifa_store *s) { return s->readonly; }
struct sqlite3 *tifa_store_sqlite (tifa_store *s) { return s->db; }

void tifa_store_interrupt (tifa_store *s) {
  s->interrupted = 1;
  sqlite3_interrupt(s->db);
}

/* }====== */

/* {====== Schema ====== */

/*
** Migrations: migrations[i] takes a store from user_version i to i+1. Never edit one that
** has shipped; add the next. Version 1 is the foundation schema.
*/
static const char *const migrations[] = {
  /* 0 -> 1 */
  "CREATE TABLE file (\n"
  "  id INTEGER PRIMARY KEY,\n"
  "  path TEXT NOT NULL UNIQUE,       -- absolute path, or the name given for stdin\n"
  "  size INTEGER NOT NULL,           -- bytes\n"
  "  sha256 TEXT NOT NULL,            -- of the raw bytes, hex\n"
  "  encoding TEXT NOT NULL,          -- UTF-8, UTF-8-BOM, UTF-16LE, UTF-16BE, GB18030\n"
  "  format TEXT NOT NULL,            -- text, markdown, html, jsonl, csv\n"
  "  ingested TEXT NOT NULL,          -- ISO 8601 UTC\n"
  "  raw BLOB NOT NULL                -- the bytes as read; last, so rows scan without it\n"
  ");\n"
  "CREATE TABLE article (\n"
  "  id INTEGER PRIMARY KEY,\n"
  "  file_id INTEGER NOT NULL REFERENCES file(id) ON DELETE CASCADE,\n"
  "  seq INTEGER NOT NULL,            -- position in its file, from 0\n"
  "  title TEXT NOT NULL,\n"
  "  author TEXT, outlet TEXT, date TEXT, url TEXT,\n"
  "  meta TEXT,                       -- JSON object of other fields\n"
  "  byte_start INTEGER NOT NULL, byte_end INTEGER NOT NULL,   -- range in file.raw\n"
  "  line_start INTEGER NOT NULL, line_end INTEGER NOT NULL,   -- 1-based, inclusive\n"
  "  nchars INTEGER NOT NULL,         -- code points of text\n"
  "  text TEXT NOT NULL,              -- cleaned text: paragraphs joined by newlines\n"
  "  UNIQUE (file_id, seq)\n"
  ");\n"
  "CREATE INDEX article_date ON article(date);\n"
  "CREATE INDEX article_outlet ON article(outlet);\n"
  "CREATE TABLE paragraph (\n"
  "  article_id INTEGER NOT NULL REFERENCES article(id) ON DELETE CASCADE,\n"
  "  seq INTEGER NOT NULL,            -- from 0\n"
  "  kind TEXT NOT NULL,              -- text, heading, item, quote, code\n"
  "  char_start INTEGER NOT NULL, char_end INTEGER NOT NULL,   -- in article.text\n"
  "  byte_start INTEGER NOT NULL, byte_end INTEGER NOT NULL,   -- in file.raw\n"
  "  line_start INTEGER NOT NULL, line_end INTEGER NOT NULL,\n"
  "  PRIMARY KEY (article_id, seq)\n"
  ") WITHOUT ROWID;\n"
  "CREATE VIRTUAL TABLE article_fts USING fts5(title, text, content='article',\n"
  "  content_rowid='id', tokenize='tifa', columnsize=1, detail=full);\n"
  "-- articles not yet in the index: ingest commits each file with its articles listed here,\n"
  "-- and the index takes them in bulk (tifai_index_flush); search scans them meanwhile\n"
  "CREATE TABLE fts_pending (article_id INTEGER PRIMARY KEY);\n"
  "-- merge segments 16 at a time, not 4: bulk indexing 30% faster, the index 8% larger\n"
  "INSERT INTO article_fts (article_fts, rank) VALUES ('automerge', 16);\n"
  "CREATE TRIGGER article_fts_insert AFTER INSERT ON article BEGIN\n"
  "  INSERT INTO fts_pending (article_id) VALUES (new.id);\n"
  "END;\n"
  "CREATE TRIGGER article_fts_delete AFTER DELETE ON article BEGIN\n"
  "  INSERT INTO article_fts(article_fts, rowid, title, text)\n"
  "    SELECT 'delete', old.id, old.title, old.text\n"
  "    WHERE NOT EXISTS (SELECT 1 FROM fts_pending WHERE article_id = old.id);\n"
  "  DELETE FROM fts_pending WHERE article_id = old.id;\n"
  "END;\n"
  "CREATE TRIGGER article_fts_update AFTER UPDATE OF title, text ON article BEGIN\n"
  "  INSERT INTO article_fts(article_fts, rowid, title, text)\n"
  "    SELECT 'delete', old.id, old.title, old.text\n"
  "    WHERE NOT EXISTS (SELECT 1 FROM fts_pending WHERE article_id = old.id);\n"
  "  INSERT OR IGNORE INTO fts_pending (article_id) VALUES (new.id);\n"
  "END;\n",
  /* 1 -> 2: the layout of pages (issue 3): article fields found by the rules, and how each
  ** file was cut, so that a re-ingest re-cuts files cut by older rules */
  "ALTER TABLE article ADD COLUMN kicker TEXT;\n"
  "ALTER TABLE article ADD COLUMN subtitle TEXT;\n"
  "ALTER TABLE article ADD COLUMN series TEXT;\n"
  "ALTER TABLE article ADD COLUMN affiliation TEXT;\n"
  "ALTER TABLE article ADD COLUMN editor TEXT;\n"
  "ALTER TABLE article ADD COLUMN place TEXT;\n"
  "ALTER TABLE article ADD COLUMN date_precision TEXT;  -- day, month, year, month-day\n"
  "-- how each file was cut (rules version, fields, hook); apart from file, whose raw bytes\n"
  "-- must stay the last column (a column after them would make SQLite build the blob in memory)\n"
  "CREATE TABLE file_cut (\n"
  "  file_id INTEGER PRIMARY KEY REFERENCES file(id) ON DELETE CASCADE,\n"
  "  cut TEXT NOT NULL\n"
  ");\n"
  "CREATE INDEX article_series ON article(series);\n"
  "CREATE INDEX article_author ON article(author);\n",
  /* 2 -> 3: the word index (issue 4): the segmenter's words, for whole-word search and the
  ** corpus vocabulary; filled by tifai_wordindex_check, which also rebuilds it when the
  ** segmenter changes (the stamp says what built it) */
  "CREATE VIRTUAL TABLE article_words USING fts5(title, text, content='article',\n"
  "  content_rowid='id', tokenize='tifa_words', columnsize=1, detail=full);\n"
  "INSERT INTO article_words (article_words, rank) VALUES ('automerge', 16);\n"
  "CREATE VIRTUAL TABLE article_words_vocab USING fts5vocab(article_words, 'row');\n"
  "CREATE TABLE index_stamp (name TEXT PRIMARY KEY, stamp TEXT NOT NULL) WITHOUT ROWID;\n"
  "DROP TRIGGER article_fts_delete;\n"
  "DROP TRIGGER article_fts_update;\n"
  "CREATE TRIGGER article_fts_delete AFTER DELETE ON article BEGIN\n"
  "  INSERT INTO article_fts(article_fts, rowid, title, text)\n"
  "    SELECT 'delete', old.id, old.title, old.text\n"
  "    WHERE NOT EXISTS (SELECT 1 FROM fts_pending WHERE article_id = old.id);\n"
  "  INSERT INTO article_words(article_words, rowid, title, text)\n"
  "    SELECT 'delete', old.id, old.title, old.text\n"
  "    WHERE NOT EXISTS (SELECT 1 FROM fts_pending WHERE article_id = old.id);\n"
  "  DELETE FROM fts_pending WHERE article_id = old.id;\n"
  "END;\n"
  "CREATE TRIGGER article_fts_update AFTER UPDATE OF title, text ON article BEGIN\n"
  "  INSERT INTO article_fts(article_fts, rowid, title, text)\n"
  "    SELECT 'delete', old.id, old.title, old.text\n"
  "    WHERE NOT EXISTS (SELECT 1 FROM fts_pending WHERE article_id = old.id);\n"
  "  INSERT INTO article_words(article_words, rowid, title, text)\n"
  "    SELECT 'delete', old.id, old.title, old.text\n"
  "    WHERE NOT EXISTS (SELECT 1 FROM fts_pending WHERE article_id = old.id);\n"
  "  INSERT OR IGNORE INTO fts_pending (article_id) VALUES (new.id);\n"
  "END;\n",
  /* 3 -> 4: records (issue 18): where a title comes from; a derived one (a copy of the
  ** text's start, for a record or page that gave none) is indexed as empty, so that a
  ** count, kwic or timeline counts each passage once. Rows stored before are NULL: 'field' */
  "ALTER TABLE article ADD COLUMN title_source TEXT;  -- field, derived\n"
  "DROP TRIGGER article_fts_delete;\n"
  "DROP TRIGGER article_fts_update;\n"
  "CREATE TRIGGER article_fts_delete AFTER DELETE ON article BEGIN\n"
  "  INSERT INTO article_fts(article_fts, rowid, title, text)\n"
  "    SELECT 'delete', old.id, iif(old.title_source = 'derived', '', old.title), old.text\n"
  "    WHERE NOT EXISTS (SELECT 1 FROM fts_pending WHERE article_id = old.id);\n"
  "  INSERT INTO article_words(article_words, rowid, title, text)\n"
  "    SELECT 'delete', old.id, iif(old.title_source = 'derived', '', old.title), old.text\n"
  "    WHERE NOT EXISTS (SELECT 1 FROM fts_pending WHERE article_id = old.id);\n"
  "  DELETE FROM fts_pending WHERE article_id = old.id;\n"
  "END;\n"
  "CREATE TRIGGER article_fts_update AFTER UPDATE OF title, text, title_source ON article BEGIN\n"
  "  INSERT INTO article_fts(article_fts, rowid, title, text)\n"
  "    SELECT 'delete', old.id, iif(old.title_source = 'derived', '', old.title), old.text\n"
  "    WHERE NOT EXISTS (SELECT 1 FROM fts_pending WHERE article_id = old.id);\n"
  "  INSERT INTO article_words(article_words, rowid, title, text)\n"
  "    SELECT 'delete', old.id, iif(old.title_source = 'derived', '', old.title), old.text\n"
  "    WHERE NOT EXISTS (SELECT 1 FROM fts_pending WHERE article_id = old.id);\n"
  "  INSERT OR IGNORE INTO fts_pending (article_id) VALUES (new.id);\n"
  "END;\n",
  /* 4 -> 5: genres (issue 18): each article's genre, where its date came from, and a law's
  ** 施行 date and dated header events (a JSON list). Rows stored before are NULL */
  "ALTER TABLE article ADD COLUMN genre TEXT;        -- news, law, document, speech, record\n"
  "ALTER TABLE article ADD COLUMN date_source TEXT;  -- dateline, field, filename, text, none\n"
  "ALTER TABLE article ADD COLUMN effective TEXT;    -- ISO 8601\n"
  "ALTER TABLE article ADD COLUMN events TEXT;       -- [{\"date\":..,\"kind\":..,\"text\":..}]\n",
  /* 5 -> 6: the forward index (issue 19): each article's words in order, as word ids, for
  ** the corpus analytics (wordfwd.c); filled by tifai_fwd_check at open and by the ingest.
  ** An article deleted or changed loses its row (an update is cut again later) */
  "CREATE TABLE lex_word (id INTEGER PRIMARY KEY, word TEXT NOT NULL, tag TEXT NOT NULL);\n"
  "CREATE TABLE article_lex (article_id INTEGER PRIMARY KEY, toks BLOB NOT NULL);\n"
  "CREATE TRIGGER article_lex_delete AFTER DELETE ON article BEGIN\n"
  "  DELETE FROM article_lex WHERE article_id = old.id;\n"
  "END;\n"
  "CREATE TRIGGER article_lex_update AFTER UPDATE OF title, text, title_source ON article BEGIN\n"
  "  DELETE FROM article_lex WHERE article_id = old.id;\n"
  "END;\n",
  /* 6 -> 7: the indexes' content is what they index (issue 18): a view with a derived title
  ** as empty, so that FTS5's integrity-check against the content holds (with the article
  ** table as content, every derived title read as corrupt). Both indexes are made again:
  ** the characters' here, from the view, without the pending articles (the flush takes
  ** them); the words' at open (tifai_wordindex_check, its stamp gone) */
  "CREATE VIEW article_indexed AS\n"
  "  SELECT id, iif(title_source = 'derived', '', title) AS title, text FROM article;\n"
  "DROP TABLE article_words_vocab;\n"
  "DROP TABLE article_words;\n"
  "DROP TABLE article_fts;\n"
  "CREATE VIRTUAL TABLE article_fts USING fts5(title, text, content='article_indexed',\n"
  "  content_rowid='id', tokenize='tifa', columnsize=1, detail=full);\n"
  "INSERT INTO article_fts (article_fts, rank) VALUES ('automerge', 16);\n"
  "INSERT INTO article_fts (rowid, title, text) SELECT id, title, text FROM article_indexed\n"
  "  WHERE id NOT IN (SELECT article_id FROM fts_pending) ORDER BY id;\n"
  "CREATE VIRTUAL TABLE article_words USING fts5(title, text, content='article_indexed',\n"
  "  content_rowid='id', tokenize='tifa_words', columnsize=1, detail=full);\n"
  "INSERT INTO article_words (article_words, rank) VALUES ('automerge', 16);\n"
  "CREATE VIRTUAL TABLE article_words_vocab USING fts5vocab(article_words, 'row');\n"
  "DELETE FROM index_stamp WHERE name = 'words';\n"
};

#define NMIGRATIONS  ((int)(sizeof(migrations) / sizeof(migrations[0])))

/* Run 'sql' and store the first column of its first row in '*v' (0 if no row). Returns a
** SQLite result code. */
static int onevalue (sqlite3 *db, const char *sql, double *v) {
  sqlite3_stmt *st = NULL;
  int rc = sqlite3_prepare_v2(db, sql, -1, &st, NULL);
  *v = 0;
  if (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) *v = sqlite3_column_double(st, 0);
  if (rc == SQLITE_ROW || rc == SQLITE_DONE) rc = SQLITE_OK;
  sqlite3_finalize(st);
  return rc;
}

static int userversion (sqlite3 *db, int *v) {
  double d;
  int rc = onevalue(db, "PRAGMA user_version", &d);
  *v = (int)d;
  return rc;
}

int tifai_schema_apply (tifa_store *s) {
  int v, rc;
  char sql[64];
  if ((rc = userversion(s->db, &v)) != SQLITE_OK)
    return tifai_store_dberr(s, "cannot read the schema version");
  if (v > NMIGRATIONS)
    return tifai_store_fail(s, TIFA_DB, "store was written by a newer tifa (schema version %d, "
                            "this build reads up to %d)", v, NMIGRATIONS);
  while (v < NMIGRATIONS) {
    if (sqlite3_exec(s->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
      return tifai_store_dberr(s, "cannot migrate the schema");
    if ((rc = userversion(s->db, &v)) != SQLITE_OK || v >= NMIGRATIONS) {
      /* the message before ROLLBACK, which clears it */
      rc = rc != SQLITE_OK ? tifai_store_dberr(s, "cannot read the schema version") : TIFA_OK;
      sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);   /* or another process migrated it */
      if (rc != TIFA_OK) return rc;
      break;
    }
    snprintf(sql, sizeof(sql), "PRAGMA user_version = %d", v + 1);
    if (sqlite3_exec(s->db, migrations[v], NULL, NULL, NULL) != SQLITE_OK
        || sqlite3_exec(s->db, sql, NULL, NULL, NULL) != SQLITE_OK) {
      rc = tifai_store_dberr(s, "cannot migrate the schema");
      sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
      return rc;
    }
    if (sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
      rc = tifai_store_dberr(s, "cannot migrate the schema");
      sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
      return rc;
    }
    v++;
  }
  return TIFA_OK;
}

/* Check a read-only store: it must have been made by tifa, at a version this build reads. */
static int schema_check (tifa_store *s) {
  int v;
  if (userversion(s->db, &v) != SQLITE_OK)
    return tifai_store_dberr(s, "cannot read the schema version");
  if (v == 0)
    return tifai_store_fail(s, TIFA_DB, "not a tifa store (no schema; open it writable to "
                            "create one)");
  if (v > NMIGRATIONS)
    return tifai_store_fail(s, TIFA_DB, "store was written by a newer tifa (schema version %d, "
                            "this build reads up to %d)", v, NMIGRATIONS);
  if (v < NMIGRATIONS)
    return tifai_store_fail(s, TIFA_DB, "store has schema version %d and needs migrating to %d "
                            "(open it writable once)", v, NMIGRATIONS);
  return TIFA_OK;
}

int tifai_index_flush (tifa_store *s) {
  int rc = TIFA_OK;
  if (sqlite3_exec(s->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
    rc = tifai_store_dberr(s, "cannot update the index");
  else if (sqlite3_exec(s->db, "INSERT INTO article_fts (rowid, title, text) SELECT a.id, "
                        TIFAI_INDEXED_TITLE("a") ", a.text FROM fts_pending AS p JOIN article AS a "
                        "ON a.id = p.article_id ORDER BY a.id; "
                        "INSERT INTO article_words (rowid, title, text) SELECT a.id, "
                        TIFAI_INDEXED_TITLE("a") ", a.text FROM fts_pending AS p JOIN article AS a "
                        "ON a.id = p.article_id "
                        "ORDER BY a.id; DELETE FROM fts_pending; COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
    rc = tifai_store_dberr(s, "cannot update the index");
    sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
  }
  tifai_tapes_free(&s->tapes);      /* replayed, or of articles no longer pending */
  return rc;
}

int tifai_index_tidy (tifa_store *s, int64_t newchars) {
  double total;
  onevalue(s->db, "SELECT total(nchars) FROM article", &total);
  if ((double)newchars * 4 < total) return TIFA_OK;   /* a small addition: leave it */
  if (sqlite3_exec(s->db, "INSERT INTO article_fts (article_fts) VALUES ('optimize'); "
                   "INSERT INTO article_words (article_words) VALUES ('optimize')", NULL, NULL,
                   NULL) != SQLITE_OK)
    return tifai_store_dberr(s, "cannot optimize the index");
  return TIFA_OK;
}

int tifai_index_pending (tifa_store *s) {
  double n;
  onevalue(s->db, "SELECT EXISTS (SELECT 1 FROM fts_pending)", &n);
  return n != 0;
}

/* }====== */

/* A database with tables but no tifa schema (user_version 0) belongs to another program:
** refuse it before anything is written to it, the journal mode included. */
static int notforeign (tifa_store *s) {
  int v;
  double ntables;
  if (userversion(s->db, &v) != SQLITE_OK
      || onevalue(s->db, "SELECT count(*) FROM sqlite_schema", &ntables) != SQLITE_OK)
    return tifai_store_dberr(s, "cannot read the schema");
  if (v == 0 && ntables > 0)
    return tifai_store_fail(s, TIFA_DB, "not a tifa store (a database of another program: "
                            "it holds %d tables or indexes and no tifa schema)", (int)ntables);
  return TIFA_OK;
}

/* {====== Open and close ====== */

static int setup (tifa_store *s) {
  int rc;
  sqlite3_busy_timeout(s->db, BUSY_TIMEOUT_MS);
  sqlite3_extended_result_codes(s->db, 1);
  if ((rc = tifai_tokenizer_register(s->db, &s->tapes)) != SQLITE_OK)   /* fts5_api sets no error on db */
    return tifai_store_fail(s, tifai_rc_of_sqlite(rc), "cannot register the tokenizer (%s)",
                            sqlite3_errstr(rc));
  /* a first read tells a non-database file at once, with SQLite's own words */
  if (sqlite3_exec(s->db, "SELECT count(*) FROM sqlite_schema", NULL, NULL, NULL) != SQLITE_OK)
    return tifai_store_dberr(s, "cannot read the store");
  if (sqlite3_exec(s->db, "PRAGMA foreign_keys = ON", NULL, NULL, NULL) != SQLITE_OK)
    return tifai_store_dberr(s, "cannot set up the store");
  if (s->readonly) return schema_check(s);
  if ((rc = notforeign(s)) != TIFA_OK) return rc;
  /* 16 KiB pages (for a new file only): fewer, larger FTS5 leaves; measured in bench/ */
  rc = sqlite3_exec(s->db, "PRAGMA page_size = 16384; PRAGMA journal_mode = WAL; "
                    "PRAGMA synchronous = NORMAL", NULL, NULL, NULL);
  if (rc != SQLITE_OK) return tifai_store_dberr(s, "cannot set up the store");
  if ((rc = tifai_schema_apply(s)) != TIFA_OK) return rc;
  /* articles a crash left out of the index go in now (readers scan them meanwhile); not
  ** while another process ingests: it will index them itself */
  if (tifai_index_pending(s)) {
    sqlite3_busy_timeout(s->db, 0);
    rc = tifai_index_flush(s);
    sqlite3_busy_timeout(s->db, BUSY_TIMEOUT_MS);
    if (rc != TIFA_OK && rc != TIFA_BUSY) return rc;
    s->errmsg[0] = '\0';
  }
  /* a word index built by other rules or another dictionary is rebuilt (a new or migrated
  ** store's is built here); not while articles wait or another process writes */
  if (!tifai_index_pending(s)) {
    sqlite3_busy_timeout(s->db, 0);
    rc = tifai_wordindex_check(s);
    sqlite3_busy_timeout(s->db, BUSY_TIMEOUT_MS);
    if (rc != TIFA_OK && rc != TIFA_BUSY) return rc;
    s->errmsg[0] = '\0';
  }
  /* the forward index follows the word index: rebuilt with it, filled where an article has
  ** no row (a migrated store, an article updated) */
  if (!tifai_index_pending(s)) {
    sqlite3_busy_timeout(s->db, 0);
    rc = tifai_fwd_check(s);
    sqlite3_busy_timeout(s->db, BUSY_TIMEOUT_MS);
    if (rc != TIFA_OK && rc != TIFA_BUSY) return rc;
    s->errmsg[0] = '\0';
  }
  return TIFA_OK;
}

static int newstore (const char *path, tifa_store **out, char *err, size_t errsz) {
  tifa_store *s = (tifa_store *)calloc(1, sizeof(*s));
  if (s == NULL || (s->path = strdup(path)) == NULL) {
    free(s);
    snprintf(err, errsz, "%s", tifa_errstr(TIFA_NOMEM));
    return TIFA_NOMEM;
  }
  *out = s;
  return TIFA_OK;
}

static int openfail (tifa_store *s, int rc, char *err, size_t errsz) {
  snprintf(err, errsz, "%s", s->errmsg);
  tifa_store_close(s);
  return rc;
}

/* Open 'path' as the URI file:PATH?immutable=1 (the path percent-encoded). */
static int immutable (tifa_store *s, const char *path, int oflags) {
  static const char hex[] = "0123456789ABCDEF";
  size_t n = strlen(path), i, k = 0;
  char *uri = (char *)malloc(3 * n + 32);
  int rc;
  if (uri == NULL) return SQLITE_NOMEM;
  memcpy(uri, "file:", 5); k = 5;
  for (i = 0; i < n; i++) {
    unsigned char c = (unsigned char)path[i];
    if (c == '%' || c == '?' || c == '#' || c <= ' ' || c >= 0x7f) {
      uri[k++] = '%'; uri[k++] = hex[c >> 4]; uri[k++] = hex[c & 15];
    }
    else uri[k++] = (char)c;
  }
  memcpy(uri + k, "?immutable=1", 13);
  rc = sqlite3_open_v2(uri, &s->db, oflags | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI, NULL);
  free(uri);
  return rc;
}

int tifa_store_sealed (const char *path) {
  unsigned char h[100];
  char *wal;
  struct stat st;
  FILE *f = fopen(path, "rb");
  int live;
  if (f == NULL) return -1;
  if (fread(h, 1, sizeof(h), f) != sizeof(h) || memcmp(h, "SQLite format 3", 16) != 0) {
    fclose(f);
    return -1;
  }
  fclose(f);
  if ((wal = (char *)malloc(strlen(path) + 5)) == NULL) return -1;
  strcpy(wal, path);
  strcat(wal, "-wal");
  live = stat(wal, &st) == 0 && st.st_size > 0;
  free(wal);
  return h[18] == 1 && h[19] == 1 && !live;   /* read/write versions: 1 rollback, 2 WAL */
}

int tifa_store_seal (tifa_store *s) {
  sqlite3_stmt *st;
  int rc;
  if (s->readonly) return tifai_store_fail(s, TIFA_READONLY, "cannot seal a store opened read-only");
  sqlite3_busy_timeout(s->db, 0);
  rc = sqlite3_exec(s->db, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL);
  if (rc == SQLITE_OK) rc = sqlite3_prepare_v2(s->db, "PRAGMA journal_mode = DELETE", -1, &st, NULL);
  if (rc == SQLITE_OK) {
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW && strcmp((const char *)sqlite3_column_text(st, 0), "delete") != 0) rc = SQLITE_BUSY;
    else if (rc == SQLITE_ROW) rc = SQLITE_OK;
    sqlite3_finalize(st);
  }
  sqlite3_busy_timeout(s->db, BUSY_TIMEOUT_MS);
  if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
    return tifai_store_fail(s, TIFA_BUSY, "cannot seal the store: another process has it open");
  if (rc != SQLITE_OK) return tifai_store_dberr(s, "cannot seal the store");
  return TIFA_OK;
}

int tifa_store_open (const char *path, int flags, tifa_store **out, char *err, size_t errsz) {
  tifa_store *s;
  struct stat st;
  int rc, oflags;
  *out = NULL;
  if ((rc = newstore(path, &s, err, errsz)) != TIFA_OK) return rc;
  s->readonly = (flags & TIFA_OPEN_READONLY) != 0;
  if (stat(path, &st) != 0 && !(flags & TIFA_OPEN_CREATE) ) {
    tifai_store_fail(s, TIFA_NOTFOUND, "no such store");
    return openfail(s, TIFA_NOTFOUND, err, errsz);
  }
  oflags = s->readonly ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  if (flags & TIFA_OPEN_IMMUTABLE) {
    if (!s->readonly) {
      tifai_store_fail(s, TIFA_ERROR, "an immutable store is opened read-only");
      return openfail(s, TIFA_ERROR, err, errsz);
    }
    if (tifa_store_sealed(path) != 1) {
      tifai_store_fail(s, TIFA_ERROR, "store is not sealed (it is in WAL mode or being written)");
      return openfail(s, TIFA_ERROR, err, errsz);
    }
    rc = immutable(s, path, oflags);
  }
  else rc = sqlite3_open_v2(path, &s->db, oflags | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK) {
    if (s->db == NULL) tifai_store_fail(s, TIFA_NOMEM, "%s", tifa_errstr(TIFA_NOMEM));
    else tifai_store_fail(s, tifai_rc_of_sqlite(rc), "%s", sqlite3_errmsg(s->db));
    return openfail(s, s->db ? tifai_rc_of_sqlite(rc) : TIFA_NOMEM, err, errsz);
  }
  if ((rc = setup(s)) != TIFA_OK) return openfail(s, rc, err, errsz);
  if (s->readonly && tifai_wordindex_current(s) == 0) {
    /* a word index built by another version's rules (an upgrade): rebuilt as a writable open
    ** rebuilds it, where the file may be written and is not sealed (a writable open would
    ** unseal it), and seen by this connection's next read; else whole words are refused */
    tifa_store *w = NULL;
    char e2[TIFA_ERRMAX];
    if (!(flags & TIFA_OPEN_IMMUTABLE) && tifa_store_sealed(path) != 1 && access(path, W_OK) == 0
        && tifa_store_open(path, 0, &w, e2, sizeof(e2)) == TIFA_OK) {
      /* into the file: this connection, open, keeps the log from going when 'w' closes */
      sqlite3_exec(w->db, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL);
      tifa_store_close(w);
    }
    s->wordstale = tifai_wordindex_current(s) == 0;
  }
  *out = s;
  return TIFA_OK;
}

int tifa_store_open_sample (tifa_store **out, char *err, size_t errsz) {
  tifa_store *s;
  tifa_ingest_report r;
  const tifai_seed *seed;
  int rc;
  *out = NULL;
  if ((rc = newstore("sample corpus", &s, err, errsz)) != TIFA_OK) return rc;
  rc = sqlite3_open_v2(":memory:", &s->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_MEMORY, NULL);
  if (rc != SQLITE_OK) {
    tifai_store_fail(s, TIFA_NOMEM, "%s", tifa_errstr(TIFA_NOMEM));
    return openfail(s, TIFA_NOMEM, err, errsz);
  }
  if ((rc = setup(s)) != TIFA_OK) return openfail(s, rc, err, errsz);
  memset(&r, 0, sizeof(r));
  for (seed = tifai_seeds; seed->name != NULL; seed++) {
    char name[256];
    snprintf(name, sizeof(name), "sample/%s", seed->name);
    rc = tifa_store_ingest_buffer(s, name, seed->data, seed->size, NULL, &r);
    if (rc != TIFA_OK) {
      if (r.failed > 0) tifai_store_fail(s, TIFA_ERROR, "cannot load the sample corpus (%s)", name);
      return openfail(s, rc, err, errsz);
    }
  }
  if (sqlite3_exec(s->db, "PRAGMA query_only = 1", NULL, NULL, NULL) != SQLITE_OK) {
    rc = tifai_store_dberr(s, "cannot set up the store");
    return openfail(s, rc, err, errsz);
  }
  s->readonly = 1;
  *out = s;
  return TIFA_OK;
}

void tifa_store_close (tifa_store *s) {
  if (s == NULL) return;
  tifai_fwd_close(s);               /* its statements first */
  sqlite3_close_v2(s->db);          /* finalizes nothing itself; statements are ours to end */
  tifai_tapes_free(&s->tapes);
  free(s->path);
  free(s);
}

/* }====== */
