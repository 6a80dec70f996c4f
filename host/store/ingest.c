/*
** ingest.c -- reading files into the store. Each file is read twice in chunks: once to hash
** it (SHA-256) and detect its encoding (or refuse it), once in a transaction to decode it
** into lines, cut it into articles with its format's reader, fold the text and store file,
** articles and paragraphs. Memory is bounded by the largest article, not the file.
*/
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <nettle/sha2.h>
#include "store.h"
#include "reader.h"
#include "text.h"

#define CHUNK          (1 << 20)    /* bytes read at a time */
#define TITLE_MAX      100          /* a first line up to this many characters is the title */
#define TITLE_CUT      30           /* else the title is its first characters and "…" */
#define WHOLE_MAX      ((uint64_t)512 << 20)   /* text, markdown, html: one article in memory */
#define STDIN_MAX      ((uint64_t)1 << 30)
#define INDEX_BATCH    ((uint64_t)64 << 20)   /* index after this much new text */

/* {====== Sources: a file or a buffer, read twice ====== */

typedef struct source {
  int fd;                           /* -1 for a buffer */
  const unsigned char *data;        /* the buffer */
  uint64_t size, pos;
} source;

static long readsome (source *src, unsigned char *buf, size_t n) {
  if (src->fd < 0) {
    size_t left = (size_t)(src->size - src->pos);
    if (n > left) n = left;
    memcpy(buf, src->data + src->pos, n);
    src->pos += n;
    return (long)n;
  }
  for (;;) {
    ssize_t k = read(src->fd, buf, n);
    if (k >= 0) { src->pos += (uint64_t)k; return (long)k; }
    if (errno != EINTR) return -1;
  }
}

static int rewindsrc (source *src) {
  src->pos = 0;
  return (src->fd < 0 || lseek(src->fd, 0, SEEK_SET) == 0) ? 0 : -1;
}

/* }====== */

/* {====== The ingest of one call ====== */

typedef struct parainfo {           /* a stored paragraph, before its row is written */
  int64_t cstart, cend, bstart, bend;
  int lstart, lend, kind;
} parainfo;

typedef struct ingest {
  tifa_store *s;
  tifa_ingest_opts o;
  tifa_ingest_report *r;
  sqlite3_stmt *findfile, *delfile, *insfile, *insart, *inspara;
  unsigned char *chunk;             /* CHUNK bytes */
  /* the file being read */
  const char *path;
  int64_t fileid;
  long narticles;
  int fmt;
  tifai_reader *reader;
  int docrc;                        /* failure inside the article callback */
  tifai_buf text, fold, title, paras;
  uint64_t filetext;                /* bytes of text stored for the current file */
  uint64_t pending;                 /* bytes of text committed but not yet indexed */
  char msg[TIFA_ERRMAX];
} ingest;

static const char *const kindnames[] = {"text", "heading", "item", "quote", "code"};

static int prep (ingest *g, sqlite3_stmt **st, const char *sql) {
  if (sqlite3_prepare_v2(g->s->db, sql, -1, st, NULL) != SQLITE_OK)
    return tifai_store_dberr(g->s, "cannot prepare the ingest");
  return TIFA_OK;
}

static int prepareall (ingest *g) {
  int rc;
  if ((rc = prep(g, &g->findfile, "SELECT id, sha256, format FROM file WHERE path = ?1")) != TIFA_OK
      || (rc = prep(g, &g->delfile, "DELETE FROM file WHERE id = ?1")) != TIFA_OK
      || (rc = prep(g, &g->insfile, "INSERT INTO file (path, size, sha256, encoding, format, "
                    "ingested, raw) VALUES (?1, ?2, ?3, ?4, ?5, "
                    "strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), zeroblob(?2))")) != TIFA_OK
      || (rc = prep(g, &g->insart, "INSERT INTO article (file_id, seq, title, author, outlet, "
                    "date, url, meta, byte_start, byte_end, line_start, line_end, nchars, text) "
                    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)")) != TIFA_OK
      || (rc = prep(g, &g->inspara, "INSERT INTO paragraph (article_id, seq, kind, char_start, "
                    "char_end, byte_start, byte_end, line_start, line_end) "
                    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)")) != TIFA_OK)
    return rc;
  return TIFA_OK;
}

static void finalizeall (ingest *g) {
  sqlite3_finalize(g->findfile);
  sqlite3_finalize(g->delfile);
  sqlite3_finalize(g->insfile);
  sqlite3_finalize(g->insart);
  sqlite3_finalize(g->inspara);
}

/* Step a prepared insert/delete to completion and reset it. */
static int run (ingest *g, sqlite3_stmt *st, const char *what) {
  int rc = sqlite3_step(st);
  sqlite3_reset(st);
  if (rc != SQLITE_DONE) return tifai_store_dberr(g->s, what);
  return TIFA_OK;
}

static void bindtext (sqlite3_stmt *st, int i, const char *s) {
  if (s != NULL && *s != '\0') sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT);
  else sqlite3_bind_null(st, i);
}

/* Fold an optional metadata string into 'b'; returns b's string or NULL if empty. */
static const char *foldmeta (tifai_buf *b, const char *s) {
  tifai_buf_reset(b);
  if (s == NULL || tifai_fold(b, s, strlen(s)) <= 0) return NULL;
  return b->p;
}

/*
** The reader's callback: fold the paragraphs, choose the title, store the article and its
** paragraphs (or, in a dry run, only count it).
*/
static int storedoc (void *ud, const tifai_doc *d) {
  ingest *g = (ingest *)ud;
  size_t i, np = 0;
  int64_t nchars = 0;
  int rc, titled = 0;
  tifai_buf meta[4] = {TIFAI_BUF_INIT, TIFAI_BUF_INIT, TIFAI_BUF_INIT, TIFAI_BUF_INIT};
  if (g->s->interrupted) return g->docrc = TIFA_INTERRUPTED;
  tifai_buf_reset(&g->text);
  tifai_buf_reset(&g->title);
  tifai_buf_reset(&g->paras);
  if (d->title != NULL) {
    tifai_fold(&g->title, d->title, strlen(d->title));
    titled = g->title.len > 0;
  }
  for (i = 0; i < d->npara; i++) {
    const tifai_para *p = &d->paras[i];
    long n;
    parainfo pi;
    tifai_buf_reset(&g->fold);
    n = tifai_fold(&g->fold, p->text, p->len);
    if (n < 0 && !g->fold.oom) {
      snprintf(g->msg, sizeof(g->msg), "invalid UTF-8 in line %d", p->line_start);
      return g->docrc = TIFA_ENCODING;
    }
    if (n <= 0) continue;
    if (!titled) {                          /* the first line of text is the title */
      titled = 1;
      if (n <= TITLE_MAX) { tifai_buf_add(&g->title, g->fold.p, g->fold.len); continue; }
      else {
        const char *e = g->fold.p;
        int k;
        for (k = 0; k < TITLE_CUT; k++) {
          int32_t cp;
          e += tifa_utf8_decode(e, (size_t)(g->fold.p + g->fold.len - e), &cp);
        }
        tifai_buf_add(&g->title, g->fold.p, (size_t)(e - g->fold.p));
        tifai_buf_adds(&g->title, "\xE2\x80\xA6");       /* … */
      }
    }
    if (g->text.len > 0) { tifai_buf_addc(&g->text, '\n'); nchars++; }
    pi.cstart = nchars;
    tifai_buf_add(&g->text, g->fold.p, g->fold.len);
    nchars += n;
    pi.cend = nchars;
    pi.bstart = (int64_t)p->byte_start;
    pi.bend = (int64_t)p->byte_end;
    pi.lstart = p->line_start;
    pi.lend = p->line_end;
    pi.kind = (p->kind >= 0 && p->kind <= 4) ? p->kind : 0;
    tifai_buf_add(&g->paras, &pi, sizeof(pi));
    np++;
  }
  if (g->text.oom || g->title.oom || g->paras.oom || g->fold.oom)
    return g->docrc = TIFA_NOMEM;
  if (!titled && np == 0) return 0;         /* nothing in it */
  g->narticles++;
  if (g->o.dry_run) return 0;
  sqlite3_bind_int64(g->insart, 1, g->fileid);
  sqlite3_bind_int64(g->insart, 2, g->narticles - 1);
  sqlite3_bind_text(g->insart, 3, g->title.p ? g->title.p : "", (int)g->title.len, SQLITE_STATIC);
  bindtext(g->insart, 4, foldmeta(&meta[0], d->author));
  bindtext(g->insart, 5, foldmeta(&meta[1], d->outlet));
  bindtext(g->insart, 6, foldmeta(&meta[2], d->date));
  bindtext(g->insart, 7, d->url);
  bindtext(g->insart, 8, d->meta);
  sqlite3_bind_int64(g->insart, 9, (sqlite3_int64)d->byte_start);
  sqlite3_bind_int64(g->insart, 10, (sqlite3_int64)d->byte_end);
  sqlite3_bind_int(g->insart, 11, d->line_start);
  sqlite3_bind_int(g->insart, 12, d->line_end);
  sqlite3_bind_int64(g->insart, 13, nchars);
  sqlite3_bind_text(g->insart, 14, g->text.p ? g->text.p : "", (int)g->text.len, SQLITE_STATIC);
  rc = run(g, g->insart, "cannot store an article");
  g->filetext += g->text.len + g->title.len;
  for (i = 0; i < 4; i++) tifai_buf_free(&meta[i]);
  if (rc == TIFA_OK) {
    int64_t aid = sqlite3_last_insert_rowid(g->s->db);
    const parainfo *pis = (const parainfo *)g->paras.p;
    for (i = 0; i < np && rc == TIFA_OK; i++) {
      sqlite3_bind_int64(g->inspara, 1, aid);
      sqlite3_bind_int64(g->inspara, 2, (sqlite3_int64)i);
      sqlite3_bind_text(g->inspara, 3, kindnames[pis[i].kind], -1, SQLITE_STATIC);
      sqlite3_bind_int64(g->inspara, 4, pis[i].cstart);
      sqlite3_bind_int64(g->inspara, 5, pis[i].cend);
      sqlite3_bind_int64(g->inspara, 6, pis[i].bstart);
      sqlite3_bind_int64(g->inspara, 7, pis[i].bend);
      sqlite3_bind_int(g->inspara, 8, pis[i].lstart);
      sqlite3_bind_int(g->inspara, 9, pis[i].lend);
      rc = run(g, g->inspara, "cannot store a paragraph");
    }
  }
  if (rc != TIFA_OK) {
    snprintf(g->msg, sizeof(g->msg), "%s", g->s->errmsg);
    return g->docrc = rc;
  }
  return 0;
}

static int online (void *ud, const char *line, size_t len, uint64_t start, uint64_t end) {
  ingest *g = (ingest *)ud;
  int rc = tifai_reader_line(g->reader, line, len, start, end);
  if (rc != TIFA_OK && g->docrc == TIFA_OK) {
    g->docrc = rc;
    snprintf(g->msg, sizeof(g->msg), "%s", tifai_reader_errmsg(g->reader));
  }
  return rc;
}

/* }====== */

/* {====== One file ====== */

static void hexdigest (struct sha256_ctx *h, char *out) {
  unsigned char d[SHA256_DIGEST_SIZE];
  int i;
  sha256_digest(h, sizeof(d), d);
  for (i = 0; i < SHA256_DIGEST_SIZE; i++) sprintf(out + 2 * i, "%02x", d[i]);
}

static void report (ingest *g, const char *path, int outcome, int rc, const char *msg,
                    const char *enc, uint64_t size) {
  tifa_ingest_file f;
  tifa_ingest_report *r = g->r;
  r->files++;
  switch (outcome) {
    case TIFA_INGEST_ADDED: r->added++; r->articles += g->narticles; break;
    case TIFA_INGEST_REPLACED: r->replaced++; r->articles += g->narticles; break;
    case TIFA_INGEST_UNCHANGED: r->unchanged++; break;
    case TIFA_INGEST_SKIPPED: r->skipped++; break;
    default: r->failed++; break;
  }
  if (g->o.on_file == NULL) return;
  f.path = path;
  f.outcome = outcome;
  f.rc = rc;
  f.message = msg ? msg : "";
  f.encoding = enc ? enc : "";
  f.format = g->fmt ? tifai_format_name(g->fmt) : "";
  f.size = size;
  f.articles = (outcome == TIFA_INGEST_ADDED || outcome == TIFA_INGEST_REPLACED) ? g->narticles : 0;
  g->o.on_file(g->o.ud, &f);
}

/* Pass 1: hash the file and detect its encoding. */
static int sniff (ingest *g, source *src, tifa_sniff_result *res, char *hex) {
  struct sha256_ctx h;
  tifa_sniff *sn;
  long k;
  if (tifa_sniff_new(&sn) != TIFA_OK) return TIFA_NOMEM;
  sha256_init(&h);
  while ((k = readsome(src, g->chunk, CHUNK)) > 0) {
    sha256_update(&h, (size_t)k, g->chunk);
    tifa_sniff_feed(sn, g->chunk, (size_t)k);
    if (g->s->interrupted) { tifa_sniff_free(sn); return TIFA_INTERRUPTED; }
  }
  if (k < 0) {
    snprintf(g->msg, sizeof(g->msg), "cannot read (%s)", strerror(errno));
    tifa_sniff_free(sn);
    return TIFA_IO;
  }
  tifa_sniff_finish(sn, res);
  tifa_sniff_free(sn);
  hexdigest(&h, hex);
  return TIFA_OK;
}

/* Pass 2, inside the file's transaction: store the raw bytes, decode, read, store articles. */
static int readstore (ingest *g, source *src, int enc, uint64_t size) {
  tifa_lines *dec = NULL;
  sqlite3_blob *blob = NULL;
  uint64_t done = 0;
  long k;
  int rc;
  char err[TIFA_ERRMAX];
  if ((rc = tifa_lines_new(enc, &dec, err, sizeof(err))) != TIFA_OK) {
    snprintf(g->msg, sizeof(g->msg), "%s", err);
    return rc;
  }
  if ((rc = tifai_reader_new(g->fmt, storedoc, g, &g->reader)) != TIFA_OK) goto done;
  if (!g->o.dry_run && size > 0
      && sqlite3_blob_open(g->s->db, "main", "file", "raw", g->fileid, 1, &blob) != SQLITE_OK) {
    rc = tifai_store_dberr(g->s, "cannot store the raw bytes");
    snprintf(g->msg, sizeof(g->msg), "%s", g->s->errmsg);
    goto done;
  }
  while ((k = readsome(src, g->chunk, CHUNK)) > 0) {
    if (done + (uint64_t)k > size) { k = -2; break; }
    if (blob && sqlite3_blob_write(blob, g->chunk, (int)k, (int)done) != SQLITE_OK) {
      rc = tifai_store_dberr(g->s, "cannot store the raw bytes");
      snprintf(g->msg, sizeof(g->msg), "%s", g->s->errmsg);
      goto done;
    }
    rc = tifa_lines_feed(dec, g->chunk, (size_t)k, online, g);
    done += (uint64_t)k;
    if (rc != TIFA_OK) goto decodefail;
    if (g->s->interrupted) { rc = TIFA_INTERRUPTED; goto done; }
    if (g->o.on_progress) g->o.on_progress(g->o.ud, g->path, done, size);
  }
  if (k < 0 || done != size) {
    snprintf(g->msg, sizeof(g->msg), k == -1 ? "cannot read (%s)" : "file changed while being read",
             strerror(errno));
    rc = TIFA_IO;
    goto done;
  }
  if ((rc = tifa_lines_finish(dec, online, g)) != TIFA_OK) goto decodefail;
  rc = tifai_reader_finish(g->reader);
  if (rc != TIFA_OK && g->docrc == TIFA_OK) {
    g->docrc = rc;
    snprintf(g->msg, sizeof(g->msg), "%s", tifai_reader_errmsg(g->reader));
  }
  if (g->docrc != TIFA_OK) rc = g->docrc;
  goto done;
decodefail:
  if (g->docrc != TIFA_OK) rc = g->docrc;           /* the message is set already */
  else if (rc == TIFA_ENCODING) snprintf(g->msg, sizeof(g->msg), "%s", tifa_lines_errmsg(dec));
  else snprintf(g->msg, sizeof(g->msg), "%s", tifa_errstr(rc));
done:
  if (blob) sqlite3_blob_close(blob);
  tifai_reader_free(g->reader);
  g->reader = NULL;
  tifa_lines_free(dec);
  if (rc == TIFA_NOMEM && g->msg[0] == '\0') snprintf(g->msg, sizeof(g->msg), "out of memory");
  return rc;
}

/* Ingest one source as the file 'path'. Returns TIFA_OK unless the store itself failed. */
static int ingestone (ingest *g, const char *path, source *src) {
  tifa_sniff_result res;
  char hex[2 * SHA256_DIGEST_SIZE + 1];
  int64_t oldid = 0;
  int rc, outcome;
  const char *enc;
  g->path = path;
  g->msg[0] = '\0';
  g->narticles = 0;
  g->filetext = 0;
  g->docrc = TIFA_OK;
  if (g->fmt == 0) g->fmt = g->o.format ? tifai_format_of_name(g->o.format) : tifai_format_of_path(path);
  if ((rc = sniff(g, src, &res, hex)) != TIFA_OK) {
    report(g, path, TIFA_INGEST_FAILED, rc, g->msg[0] ? g->msg : tifa_errstr(rc), NULL, src->size);
    return rc == TIFA_INTERRUPTED ? rc : TIFA_OK;
  }
  if (res.rc == TIFA_BINARY) {
    report(g, path, TIFA_INGEST_SKIPPED, res.rc, res.reason, NULL, res.size);
    return TIFA_OK;
  }
  if (res.rc != TIFA_OK) {
    report(g, path, TIFA_INGEST_FAILED, res.rc, res.reason, NULL, res.size);
    return TIFA_OK;
  }
  enc = tifa_encoding_name(res.encoding);
  if (res.size == res.bom) {
    report(g, path, TIFA_INGEST_SKIPPED, TIFA_OK, "empty file", enc, res.size);
    return TIFA_OK;
  }
  if (res.size > WHOLE_MAX && g->fmt != TIFAI_FMT_JSONL && g->fmt != TIFAI_FMT_CSV) {
    snprintf(g->msg, sizeof(g->msg), "file too large for one article (%llu MB, at most %llu MB; "
             "split it, or use JSON Lines or CSV)", (unsigned long long)(res.size >> 20),
             (unsigned long long)(WHOLE_MAX >> 20));
    report(g, path, TIFA_INGEST_FAILED, TIFA_TOOBIG, g->msg, enc, res.size);
    return TIFA_OK;
  }
  if (!g->o.dry_run) {
    if (sqlite3_exec(g->s->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK) {
      rc = tifai_store_dberr(g->s, "cannot start a transaction");
      report(g, path, TIFA_INGEST_FAILED, rc, g->s->errmsg, enc, res.size);
      return rc;
    }
    sqlite3_bind_text(g->findfile, 1, path, -1, SQLITE_STATIC);
    if (sqlite3_step(g->findfile) == SQLITE_ROW) {
      oldid = sqlite3_column_int64(g->findfile, 0);
      if (strcmp((const char *)sqlite3_column_text(g->findfile, 1), hex) == 0
          && strcmp((const char *)sqlite3_column_text(g->findfile, 2), tifai_format_name(g->fmt)) == 0) {
        sqlite3_reset(g->findfile);
        sqlite3_exec(g->s->db, "ROLLBACK", NULL, NULL, NULL);
        report(g, path, TIFA_INGEST_UNCHANGED, TIFA_OK, "", enc, res.size);
        return TIFA_OK;
      }
    }
    sqlite3_reset(g->findfile);
    rc = TIFA_OK;
    if (oldid != 0) {
      sqlite3_bind_int64(g->delfile, 1, oldid);
      rc = run(g, g->delfile, "cannot remove the old version");
    }
    if (rc == TIFA_OK) {
      sqlite3_bind_text(g->insfile, 1, path, -1, SQLITE_STATIC);
      sqlite3_bind_int64(g->insfile, 2, (sqlite3_int64)res.size);
      sqlite3_bind_text(g->insfile, 3, hex, -1, SQLITE_STATIC);
      sqlite3_bind_text(g->insfile, 4, enc, -1, SQLITE_STATIC);
      sqlite3_bind_text(g->insfile, 5, tifai_format_name(g->fmt), -1, SQLITE_STATIC);
      rc = run(g, g->insfile, "cannot store the file");
      g->fileid = sqlite3_last_insert_rowid(g->s->db);
    }
    if (rc != TIFA_OK) {
      snprintf(g->msg, sizeof(g->msg), "%s", g->s->errmsg);
      sqlite3_exec(g->s->db, "ROLLBACK", NULL, NULL, NULL);
      report(g, path, TIFA_INGEST_FAILED, rc, g->msg, enc, res.size);
      return (rc == TIFA_NOMEM || rc == TIFA_IO || rc == TIFA_BUSY) ? rc : TIFA_OK;
    }
  }
  if (rewindsrc(src) != 0) {
    snprintf(g->msg, sizeof(g->msg), "cannot read (%s)", strerror(errno));
    rc = TIFA_IO;
  }
  else rc = readstore(g, src, res.encoding, res.size);
  if (rc == TIFA_OK && !g->o.dry_run && sqlite3_exec(g->s->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
    rc = tifai_store_dberr(g->s, "cannot commit");
    snprintf(g->msg, sizeof(g->msg), "%s", g->s->errmsg);
  }
  if (rc != TIFA_OK) {
    if (!g->o.dry_run) sqlite3_exec(g->s->db, "ROLLBACK", NULL, NULL, NULL);
    report(g, path, TIFA_INGEST_FAILED, rc, g->msg, enc, res.size);
    /* failures of the store itself end the call; failures of the file do not */
    return (rc == TIFA_INTERRUPTED || rc == TIFA_NOMEM || rc == TIFA_BUSY
            || (rc == TIFA_IO && src->pos == res.size)) ? rc : TIFA_OK;
  }
  outcome = oldid ? TIFA_INGEST_REPLACED : TIFA_INGEST_ADDED;
  report(g, path, outcome, TIFA_OK, "", enc, res.size);
  if (!g->o.dry_run && (g->pending += g->filetext) >= INDEX_BATCH) {
    g->pending = 0;
    return tifai_index_flush(g->s);
  }
  return TIFA_OK;
}

/* }====== */

/* {====== Paths ====== */

static int ingestpath (ingest *g, const char *path, int top);

static int hidden (const struct dirent *e) {
  return e->d_name[0] != '.';
}

static int ingestdir (ingest *g, const char *dir) {
  struct dirent **list = NULL;
  int n = scandir(dir, &list, hidden, alphasort), i, rc = TIFA_OK;
  tifai_buf p = TIFAI_BUF_INIT;
  if (n < 0) {
    report(g, dir, TIFA_INGEST_FAILED, TIFA_IO, strerror(errno), NULL, 0);
    return TIFA_OK;
  }
  for (i = 0; i < n; i++) {
    if (rc == TIFA_OK) {
      tifai_buf_reset(&p);
      tifai_buf_adds(&p, dir);
      if (p.len > 0 && p.p[p.len - 1] != '/') tifai_buf_addc(&p, '/');
      tifai_buf_adds(&p, list[i]->d_name);
      if (p.oom) rc = TIFA_NOMEM;
      else rc = ingestpath(g, p.p, 0);
    }
    free(list[i]);
  }
  free(list);
  tifai_buf_free(&p);
  return rc;
}

static int ingestpath (ingest *g, const char *path, int top) {
  struct stat st;
  source src;
  char *abs;
  int rc;
  if ((top ? stat(path, &st) : lstat(path, &st)) != 0) {
    report(g, path, TIFA_INGEST_FAILED, TIFA_IO, strerror(errno), NULL, 0);
    return TIFA_OK;
  }
  if (S_ISLNK(st.st_mode)) {                  /* inside a tree: follow links to files only */
    if (stat(path, &st) != 0 || S_ISDIR(st.st_mode)) {
      report(g, path, TIFA_INGEST_SKIPPED, TIFA_OK, "symbolic link not followed", NULL, 0);
      return TIFA_OK;
    }
  }
  if (S_ISDIR(st.st_mode)) return ingestdir(g, path);
  if (!S_ISREG(st.st_mode)) {
    report(g, path, TIFA_INGEST_SKIPPED, TIFA_OK, "not a regular file", NULL, 0);
    return TIFA_OK;
  }
  memset(&src, 0, sizeof(src));
  src.fd = open(path, O_RDONLY);
  if (src.fd < 0) {
    report(g, path, TIFA_INGEST_FAILED, TIFA_IO, strerror(errno), NULL, (uint64_t)st.st_size);
    return TIFA_OK;
  }
  src.size = (uint64_t)st.st_size;
  abs = realpath(path, NULL);
  g->fmt = 0;
  rc = ingestone(g, abs ? abs : path, &src);
  free(abs);
  close(src.fd);
  return rc;
}

/* Read standard input whole (it cannot be read twice) and ingest it as a buffer. */
static int ingeststdin (ingest *g) {
  tifai_buf b = TIFAI_BUF_INIT;
  source src;
  char name[128];
  int rc;
  for (;;) {
    ssize_t k;
    if (tifai_buf_grow(&b, CHUNK) != 0) break;
    k = read(0, b.p + b.len, CHUNK);
    if (k < 0 && errno == EINTR) continue;
    if (k <= 0) break;
    b.len += (size_t)k;
    if (b.len > STDIN_MAX) break;
  }
  if (b.oom || b.len > STDIN_MAX) {
    report(g, "-", TIFA_INGEST_FAILED, b.oom ? TIFA_NOMEM : TIFA_TOOBIG,
           b.oom ? "out of memory" : "standard input too large (save it to a file)", NULL, b.len);
    tifai_buf_free(&b);
    return TIFA_OK;
  }
  memset(&src, 0, sizeof(src));
  src.fd = -1;
  src.data = (const unsigned char *)b.p;
  src.size = b.len;
  if (g->o.stdin_name) snprintf(name, sizeof(name), "%s", g->o.stdin_name);
  else {
    struct sha256_ctx h;
    char hex[2 * SHA256_DIGEST_SIZE + 1];
    sha256_init(&h);
    sha256_update(&h, b.len, (const uint8_t *)(b.p ? b.p : ""));
    hexdigest(&h, hex);
    snprintf(name, sizeof(name), "stdin:%.16s", hex);
  }
  g->fmt = 0;
  rc = ingestone(g, name, &src);
  tifai_buf_free(&b);
  return rc;
}

/* }====== */

/* {====== Entry points ====== */

static int begin (ingest *g, tifa_store *s, const tifa_ingest_opts *o, tifa_ingest_report *r) {
  memset(g, 0, sizeof(*g));
  g->s = s;
  g->r = r;
  if (o) g->o = *o;
  s->interrupted = 0;
  s->errmsg[0] = '\0';
  if (s->readonly && !g->o.dry_run)
    return tifai_store_fail(s, TIFA_READONLY, "attempt to write a read-only store");
  if ((g->chunk = (unsigned char *)malloc(CHUNK)) == NULL)
    return tifai_store_fail(s, TIFA_NOMEM, "%s", tifa_errstr(TIFA_NOMEM));
  return prepareall(g);
}

static int end (ingest *g, int rc, long failedbefore) {
  finalizeall(g);
  if (!g->o.dry_run && !g->s->readonly && g->chunk != NULL && rc != TIFA_INTERRUPTED) {  /* index the rest */
    int r2 = tifai_index_pending(g->s) ? tifai_index_flush(g->s) : TIFA_OK;
    if (rc == TIFA_OK || rc == TIFA_ERROR) rc = (r2 == TIFA_OK) ? rc : r2;
  }
  free(g->chunk);
  tifai_buf_free(&g->text);
  tifai_buf_free(&g->fold);
  tifai_buf_free(&g->title);
  tifai_buf_free(&g->paras);
  if (rc == TIFA_OK && g->r->failed > failedbefore) {
    tifai_store_fail(g->s, TIFA_ERROR, "%ld file(s) could not be ingested",
                     g->r->failed - failedbefore);
    return TIFA_ERROR;
  }
  if (rc == TIFA_INTERRUPTED) tifai_store_fail(g->s, rc, "interrupted");
  return rc;
}

int tifa_store_ingest (tifa_store *s, const char *path, const tifa_ingest_opts *o,
                       tifa_ingest_report *r) {
  ingest g;
  long failed = r->failed;
  int rc = begin(&g, s, o, r);
  if (rc == TIFA_OK)
    rc = (strcmp(path, "-") == 0) ? ingeststdin(&g) : ingestpath(&g, path, 1);
  return end(&g, rc, failed);
}

int tifa_store_ingest_buffer (tifa_store *s, const char *name, const void *data, size_t len,
                              const tifa_ingest_opts *o, tifa_ingest_report *r) {
  ingest g;
  source src;
  long failed = r->failed;
  int rc = begin(&g, s, o, r);
  if (rc == TIFA_OK) {
    memset(&src, 0, sizeof(src));
    src.fd = -1;
    src.data = (const unsigned char *)data;
    src.size = len;
    g.fmt = 0;
    rc = ingestone(&g, name, &src);
  }
  return end(&g, rc, failed);
}

/* }====== */
