/*
** ingest.c -- storing files: the walk over paths, one transaction per file (file row with
** its raw bytes, articles, paragraphs), the report, and bulk indexing of what was stored.
** A worker thread prepares the next files (prepare.c: hash, detect, decode, cut, fold)
** while this thread writes, so reading and storing overlap on two cores; files too large
** to prepare in memory are streamed by this thread alone. Only this thread touches SQLite.
*/
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <jansson.h>
#include <nettle/sha2.h>
#include "store.h"
#include "prepare.h"
#include "layout.h"
#include "reader.h"
#include "text.h"

#define CHUNK          (1 << 20)    /* bytes read at a time */
#define WHOLE_MAX      ((uint64_t)512 << 20)   /* text, markdown, html: one article in memory */
#define PREP_MAX       ((uint64_t)32 << 20)    /* larger files are streamed, not prepared */
#define AHEAD_FILES    1024         /* the worker prepares at most this many files ahead, */
#define AHEAD_BYTES    ((uint64_t)8 << 20)    /* and this many bytes (one file, if larger):
                                       enough to go on while the writer flushes the index */
#define STDIN_MAX      ((uint64_t)1 << 30)
#define INDEX_BATCH    ((uint64_t)64 << 20)   /* index after this much new text */
#define LAYOUT_VERSION "layout 4"   /* bump when the rules cut pages differently: re-ingest
                                       then re-cuts files stored with older rules */
#define SIDECAR        ".meta.json" /* NAME.meta.json beside NAME: fields for its articles */

/* {====== Entries: what a call will ingest, in order ====== */

typedef struct entry {
  char *path;                       /* as stored: absolute path, or the name given */
  int fd;                           /* open file, or -1 */
  const unsigned char *data;        /* a buffer to ingest instead of a file */
  uint64_t size;
  int outcome, rc;                  /* decided by the walk (SKIPPED/FAILED), else 0 */
  const char *why;                  /* the walk's reason */
  /* filled by prepare (worker or writer) */
  int prepared;                     /* 1: pass 1 done, and pass 2 too unless 'stream' */
  int stream;                       /* the writer reads pass 2 itself */
  int fmt;
  tifa_sniff_result res;
  char hex[TIFAI_HEXLEN + 1];
  int prc;                          /* pass 1/2 result, with 'msg' */
  char msg[TIFA_ERRMAX];
  unsigned char *raw;               /* the bytes, when prepared in memory */
  tifai_artlist arts;               /* the articles, when prepared */
  char **meta;                      /* "key=value": the sidecar's, then the call's; or NULL */
  char *cutsig;                     /* how it is cut (file.cut): rules, fields, hook */
  tifai_cutopts co;
  tifai_buf notes;                  /* the reader's notes on records (tifai_cutopts) */
  tifai_tape **tapes;               /* the worker's word tapes of the articles, or NULL */
  size_t ntapes;
  tifai_buf **fwd;                  /* the worker's cut of each article (forward index), or
                                    ** NULL; an entry NULL: cut when the ingest ends */
  size_t nfwd;
} entry;

static void freetapes (entry *e) {
  size_t i;
  for (i = 0; i < e->ntapes; i++) free(e->tapes[i]);
  free(e->tapes);
  e->tapes = NULL;
  e->ntapes = 0;
  if (e->fwd != NULL)
    for (i = 0; i < e->nfwd; i++) tifai_fwd_drop(e->fwd[i]);
  free(e->fwd);
  e->fwd = NULL;
  e->nfwd = 0;
}

static void freeentry (entry *e) {
  char **m;
  if (e->fd >= 0) close(e->fd);
  e->fd = -1;
  free(e->raw);
  e->raw = NULL;
  tifai_artlist_free(&e->arts);
  for (m = e->meta; m && *m; m++) free(*m);
  free(e->meta);
  e->meta = NULL;
  free(e->cutsig);
  e->cutsig = NULL;
  tifai_buf_free(&e->notes);
  freetapes(e);
}

/* }====== */

/* {====== The ingest of one call ====== */

typedef struct ingest {
  tifa_store *s;
  tifa_ingest_opts o;
  const char *genre;                /* o.genre as a static string, or NULL */
  tifa_ingest_report *r;
  sqlite3_stmt *findfile, *delfile, *insfile, *inscut, *insart, *inspara;
  unsigned char *chunk;             /* CHUNK bytes for the writer */
  entry *entries;
  size_t n, cap;
  /* the worker */
  pthread_t worker;
  int threaded;
  pthread_mutex_t mu;
  pthread_cond_t cv;
  size_t nextprep;                  /* next entry the worker prepares */
  size_t taken;                     /* entries the writer has finished */
  uint64_t ahead;                   /* bytes of the entries prepared but not finished */
  volatile sig_atomic_t stop;       /* tells the worker to end */
  sqlite3 *peek;                    /* the worker's own read-only connection, or NULL */
  sqlite3_stmt *peekfile;           /* SELECT sha256, format FROM file WHERE path = ?1 */
  /* the file being stored */
  int64_t fileid;
  long narticles;
  uint64_t filetext;                /* bytes of text stored for the current file */
  uint64_t pending;                 /* bytes committed but not yet indexed */
  int64_t newchars;                 /* characters of text stored by this call */
  const char *path;
  uint64_t size;                    /* its size */
  uint64_t total, done;             /* bytes of all entries, and of those finished */
  char msg[TIFA_ERRMAX];
  tifai_account *acct;              /* with o.account: the current file's accounting */
  long recfailed0;                  /* r->records_failed when the call began */
  int fwdok;                        /* the forward index is current: store the worker's cuts */
  tifai_buf *curfwd;                /* the cut of the article being stored, or NULL */
} ingest;

static const char *const kindnames[] = {"text", "heading", "item", "quote", "code"};

static int addentry (ingest *g, const char *path, int outcome, int rc, const char *why) {
  entry *e;
  if (g->n == g->cap) {
    size_t ncap = g->cap ? 2 * g->cap : 64;
    entry *ne = (entry *)realloc(g->entries, ncap * sizeof(entry));
    if (ne == NULL) return TIFA_NOMEM;
    g->entries = ne;
    g->cap = ncap;
  }
  e = &g->entries[g->n];
  memset(e, 0, sizeof(*e));
  e->fd = -1;
  e->outcome = outcome;
  e->rc = rc;
  e->why = why;
  if ((e->path = strdup(path)) == NULL) return TIFA_NOMEM;
  g->n++;
  return TIFA_OK;
}

static int prep (ingest *g, sqlite3_stmt **st, const char *sql) {
  if (sqlite3_prepare_v2(g->s->db, sql, -1, st, NULL) != SQLITE_OK)
    return tifai_store_dberr(g->s, "cannot prepare the ingest");
  return TIFA_OK;
}

static int prepareall (ingest *g) {
  int rc;
  if ((rc = prep(g, &g->findfile, "SELECT f.id, f.sha256, f.format, c.cut FROM file AS f LEFT JOIN file_cut AS c "
                    "ON c.file_id = f.id WHERE f.path = ?1")) != TIFA_OK
      || (rc = prep(g, &g->delfile, "DELETE FROM file WHERE id = ?1")) != TIFA_OK
      || (rc = prep(g, &g->insfile, "INSERT INTO file (path, size, sha256, encoding, format, "
                    "ingested, raw) VALUES (?1, ?2, ?3, ?4, ?5, "
                    "strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), ?6)")) != TIFA_OK
      || (rc = prep(g, &g->inscut, "INSERT INTO file_cut (file_id, cut) VALUES (?1, ?2)")) != TIFA_OK
      || (rc = prep(g, &g->insart, "INSERT INTO article (file_id, seq, title, author, outlet, "
                    "date, url, meta, byte_start, byte_end, line_start, line_end, nchars, text, "
                    "kicker, subtitle, series, affiliation, editor, place, date_precision, "
                    "title_source, genre, date_source, effective, events) VALUES (?1, ?2, ?3, "
                    "?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, "
                    "?20, ?21, ?22, ?23, ?24, ?25, ?26)")) != TIFA_OK
      || (rc = prep(g, &g->inspara, "INSERT INTO paragraph (article_id, seq, kind, char_start, "
                    "char_end, byte_start, byte_end, line_start, line_end) "
                    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)")) != TIFA_OK)
    return rc;
  return TIFA_OK;
}

/* Step a prepared insert/delete to completion and reset it. */
static int run (ingest *g, sqlite3_stmt *st, const char *what) {
  int rc = sqlite3_step(st);
  sqlite3_reset(st);
  if (rc != SQLITE_DONE) return tifai_store_dberr(g->s, what);
  return TIFA_OK;
}

static void bindtext (sqlite3_stmt *st, int i, const char *s) {
  if (s != NULL && *s != '\0') sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC);
  else sqlite3_bind_null(st, i);
}

/* Hand 'a' to the caller's on_article, as a tifa_cut_article (paragraphs from its text). */
static void onarticle (ingest *g, const tifai_article *a) {
  tifa_cut_article c;
  tifa_para_src *p = a->npara ? (tifa_para_src *)malloc(a->npara * sizeof(*p)) : NULL;
  const char *t = a->text;
  size_t i;
  if (a->npara && p == NULL) return;
  memset(&c, 0, sizeof(c));
  c.title = a->title; c.kicker = a->kicker; c.subtitle = a->subtitle; c.series = a->series;
  c.author = a->author; c.affiliation = a->affiliation; c.editor = a->editor;
  c.outlet = a->outlet; c.place = a->place; c.date = a->date;
  c.date_precision = a->date_precision; c.url = a->url; c.meta = a->meta;
  c.genre = a->genre; c.date_source = a->date_source; c.effective = a->effective;
  c.events = a->events;
  for (i = 0; i < a->npara; i++) {                  /* paragraphs are the lines of the text */
    const char *e = strchr(t, '\n');
    p[i].text = t;
    p[i].len = e ? (size_t)(e - t) : strlen(t);
    p[i].kind = a->paras[i].kind;
    p[i].line_start = a->paras[i].lstart;
    p[i].line_end = a->paras[i].lend;
    p[i].byte_start = (uint64_t)a->paras[i].bstart;
    p[i].byte_end = (uint64_t)a->paras[i].bend;
    t = e ? e + 1 : t + p[i].len;
  }
  c.paras = p;
  c.npara = a->npara;
  c.dropped = a->dropped;
  c.why = a->why;
  c.ndropped = a->ndropped;
  c.line_start = a->line_start;
  c.line_end = a->line_end;
  g->o.on_article(g->o.ud, g->path, &c);
  free(p);
}

/* Store one clean article of the current file with its paragraphs. */
static int storearticle (void *ud, const tifai_article *a) {
  ingest *g = (ingest *)ud;
  int rc;
  size_t i;
  g->narticles++;
  if (g->o.on_article) onarticle(g, a);
  if (g->o.dry_run) return TIFA_OK;
  sqlite3_bind_int64(g->insart, 1, g->fileid);
  sqlite3_bind_int64(g->insart, 2, g->narticles - 1);
  sqlite3_bind_text(g->insart, 3, a->title, (int)a->titlelen, SQLITE_STATIC);
  bindtext(g->insart, 4, a->author);
  bindtext(g->insart, 5, a->outlet);
  bindtext(g->insart, 6, a->date);
  bindtext(g->insart, 7, a->url);
  bindtext(g->insart, 8, a->meta);
  sqlite3_bind_int64(g->insart, 9, (sqlite3_int64)a->byte_start);
  sqlite3_bind_int64(g->insart, 10, (sqlite3_int64)a->byte_end);
  sqlite3_bind_int(g->insart, 11, a->line_start);
  sqlite3_bind_int(g->insart, 12, a->line_end);
  sqlite3_bind_int64(g->insart, 13, a->nchars);
  sqlite3_bind_text(g->insart, 14, a->text, (int)a->textlen, SQLITE_STATIC);
  bindtext(g->insart, 15, a->kicker);
  bindtext(g->insart, 16, a->subtitle);
  bindtext(g->insart, 17, a->series);
  bindtext(g->insart, 18, a->affiliation);
  bindtext(g->insart, 19, a->editor);
  bindtext(g->insart, 20, a->place);
  bindtext(g->insart, 21, a->date_precision);
  sqlite3_bind_text(g->insart, 22, a->title_derived ? "derived" : "field", -1, SQLITE_STATIC);
  bindtext(g->insart, 23, a->genre);
  bindtext(g->insart, 24, a->date_source);
  bindtext(g->insart, 25, a->effective);
  bindtext(g->insart, 26, a->events);
  rc = run(g, g->insart, "cannot store an article");
  g->filetext += a->textlen + a->titlelen;
  g->newchars += a->nchars;
  if (rc == TIFA_OK) {
    int64_t aid = sqlite3_last_insert_rowid(g->s->db);
    if (g->curfwd != NULL)                          /* its words, as the worker cut them */
      rc = tifai_fwd_put(g->s, aid, g->curfwd, a->title_derived ? "" : a->title, a->text);
    for (i = 0; i < a->npara && rc == TIFA_OK; i++) {
      const tifai_parainfo *p = &a->paras[i];
      sqlite3_bind_int64(g->inspara, 1, aid);
      sqlite3_bind_int64(g->inspara, 2, (sqlite3_int64)i);
      sqlite3_bind_text(g->inspara, 3, kindnames[p->kind], -1, SQLITE_STATIC);
      sqlite3_bind_int64(g->inspara, 4, p->cstart);
      sqlite3_bind_int64(g->inspara, 5, p->cend);
      sqlite3_bind_int64(g->inspara, 6, p->bstart);
      sqlite3_bind_int64(g->inspara, 7, p->bend);
      sqlite3_bind_int(g->inspara, 8, p->lstart);
      sqlite3_bind_int(g->inspara, 9, p->lend);
      rc = run(g, g->inspara, "cannot store a paragraph");
    }
  }
  if (rc != TIFA_OK) snprintf(g->msg, sizeof(g->msg), "%s", g->s->errmsg);
  else if (g->s->interrupted) rc = TIFA_INTERRUPTED;
  return rc;
}

/* }====== */

/* {====== Preparing an entry (worker or writer) ====== */

/* Was the stored file cut the way this call cuts it? A split hook always cuts again. */
static int samecut (const entry *e, const char *stored) {
  const char *sig = e->cutsig ? e->cutsig : LAYOUT_VERSION;
  return stored != NULL && strcmp(stored, sig) == 0 && strstr(sig, "\nsplit") == NULL;
}

/* Pass 1, and pass 2 into memory for a file small enough and not stored already (as 'peek',
** a statement of the worker's connection, tells; NULL: no look); 'chunk' is scratch. */
static void prepare (ingest *g, entry *e, unsigned char *chunk, volatile sig_atomic_t *stop,
                     sqlite3_stmt *peek) {
  tifai_source src;
  int wholefmt;
  e->fmt = g->o.format ? tifai_format_of_name(g->o.format) : tifai_format_of_path(e->path);
  if (e->fmt == 0) e->fmt = TIFAI_FMT_TEXT;
  e->stream = 1;
  if (e->data == NULL && e->fd < 0 && (e->fd = open(e->path, O_RDONLY | O_CLOEXEC)) < 0) {
    e->prc = TIFA_IO;
    snprintf(e->msg, sizeof(e->msg), "cannot open (%s)", strerror(errno));
    return;
  }
  memset(&src, 0, sizeof(src));
  src.fd = e->fd;
  src.data = e->data;
  src.size = e->size;
  e->prc = tifai_prepare_sniff(&src, chunk, CHUNK, stop, &e->res, e->hex, e->msg, sizeof(e->msg));
  if (e->prc == TIFA_OK && peek != NULL && e->res.rc == TIFA_OK) {   /* stored already? */
    int same = 0;
    sqlite3_bind_text(peek, 1, e->path, -1, SQLITE_STATIC);
    if (sqlite3_step(peek) == SQLITE_ROW)
      same = strcmp((const char *)sqlite3_column_text(peek, 0), e->hex) == 0
             && strcmp((const char *)sqlite3_column_text(peek, 1), tifai_format_name(e->fmt)) == 0
             && samecut(e, (const char *)sqlite3_column_text(peek, 2));
    sqlite3_reset(peek);
    if (same) return;              /* the writer confirms it in its transaction */
  }
  wholefmt = e->fmt != TIFAI_FMT_JSONL && e->fmt != TIFAI_FMT_CSV;
  if (e->prc != TIFA_OK || e->res.rc != TIFA_OK || e->res.size == e->res.bom
      || (wholefmt && e->res.size > WHOLE_MAX) || e->res.size > PREP_MAX || g->o.dry_run
      || g->o.split || g->o.on_article || g->o.account)
    return;                                         /* decided, or left to the writer */
  if (e->data == NULL) {                            /* the bytes into memory, once */
    size_t got = 0;
    long k;
    if ((e->raw = (unsigned char *)malloc((size_t)e->res.size + 1)) == NULL) return;
    if (lseek(e->fd, 0, SEEK_SET) != 0) { free(e->raw); e->raw = NULL; return; }
    while (got < e->res.size && (k = (long)read(e->fd, e->raw + got, (size_t)e->res.size - got)) > 0)
      got += (size_t)k;
    if (got != e->res.size) { free(e->raw); e->raw = NULL; return; }   /* the writer retries */
    src.fd = -1;
    src.data = e->raw;
  }
  e->co.notes = &e->notes;
  e->prc = tifai_prepare_cut(&src, chunk, CHUNK, e->res.encoding, e->fmt, e->res.size, stop,
                             &e->co, NULL, (tifai_article_fn)tifai_artlist_add, &e->arts, e->msg,
                             sizeof(e->msg));
  e->stream = 0;
}

/* The word tapes of a prepared entry's titles and texts, segmented here on the worker's
** thread so that the writer's index flush replays them (wordtape.c). A tape that cannot be
** made is left out: the flush segments that text itself. */
static void maketapes (entry *e, volatile sig_atomic_t *stop) {
  size_t i, k = 0;
  if (e->stream || e->prc != TIFA_OK || e->arts.n == 0) return;
  if ((e->tapes = (tifai_tape **)calloc(2 * e->arts.n, sizeof(*e->tapes))) == NULL) return;
  for (i = 0; i < e->arts.n && !*stop; i++) {
    tifai_article a;
    tifai_artlist_get(&e->arts, i, &a);
    if (a.titlelen > 0 && !a.title_derived                     /* not indexed: no tape */
        && (e->tapes[k] = tifai_wordtape_make(a.title, a.titlelen)) != NULL) k++;
    if (a.textlen > 0 && (e->tapes[k] = tifai_wordtape_make(a.text, a.textlen)) != NULL) k++;
  }
  e->ntapes = k;
  if ((e->fwd = (tifai_buf **)calloc(e->arts.n, sizeof(*e->fwd))) == NULL) return;
  e->nfwd = e->arts.n;
  for (i = 0; i < e->arts.n && !*stop; i++) {        /* the forward index's cut */
    tifai_article a;
    tifai_artlist_get(&e->arts, i, &a);
    e->fwd[i] = tifai_fwd_make(a.title_derived ? "" : a.title, a.title_derived ? 0 : a.titlelen,
                               a.text, a.textlen);
  }
}

static void *workermain (void *ud) {
  ingest *g = (ingest *)ud;
  unsigned char *chunk = (unsigned char *)malloc(CHUNK);
  for (;;) {
    entry *e;
    pthread_mutex_lock(&g->mu);
    while (!g->stop && g->nextprep < g->n && g->nextprep > g->taken
           && (g->nextprep >= g->taken + AHEAD_FILES || g->ahead >= AHEAD_BYTES))
      pthread_cond_wait(&g->cv, &g->mu);
    if (g->stop || g->nextprep >= g->n) { pthread_mutex_unlock(&g->mu); break; }
    e = &g->entries[g->nextprep];
    pthread_mutex_unlock(&g->mu);
    if (e->outcome == 0 && chunk != NULL) {
      prepare(g, e, chunk, &g->stop, g->peekfile);
      maketapes(e, &g->stop);
    }
    pthread_mutex_lock(&g->mu);
    e->prepared = 1;
    g->ahead += e->size;
    g->nextprep++;
    pthread_cond_broadcast(&g->cv);
    pthread_mutex_unlock(&g->mu);
  }
  free(chunk);
  return NULL;
}

/* Wait for entry i to be prepared (or prepare it here when there is no worker). */
static void awaitentry (ingest *g, size_t i) {
  entry *e = &g->entries[i];
  if (!g->threaded) {
    if (e->outcome == 0) prepare(g, e, g->chunk, &g->s->interrupted, NULL);
    e->prepared = 1;
    return;
  }
  pthread_mutex_lock(&g->mu);
  while (!e->prepared) pthread_cond_wait(&g->cv, &g->mu);
  pthread_mutex_unlock(&g->mu);
}

static void doneentry (ingest *g, size_t i) {
  freeentry(&g->entries[i]);
  if (!g->threaded) return;
  pthread_mutex_lock(&g->mu);
  g->taken = i + 1;
  g->ahead -= g->entries[i].size;
  pthread_cond_broadcast(&g->cv);
  pthread_mutex_unlock(&g->mu);
}

/* }====== */

/* {====== Storing an entry ====== */

#define NOTES_MAX  100                 /* on_record calls per file; the rest are counted */

static void report (ingest *g, entry *e, int outcome, int rc, const char *msg, const char *enc) {
  tifa_ingest_file f;
  tifa_ingest_report *r = g->r;
  long nfailed = 0, nnote = 0;
  size_t at = 0;
  int line, failed;
  const char *note;
  int kept = outcome == TIFA_INGEST_ADDED || outcome == TIFA_INGEST_REPLACED;
  if (outcome == TIFA_INGEST_SKIPPED && e->notes.len > 0) {    /* "no text": say why */
    while (tifai_prepare_note(&e->notes, &at, &line, &failed, &note)) nfailed += failed;
    if (nfailed > 0) { outcome = TIFA_INGEST_FAILED; rc = TIFA_FORMAT; msg = "no record could be read"; }
    at = 0;
    nfailed = 0;
  }
  while ((kept || outcome == TIFA_INGEST_FAILED)                 /* the records first */
         && tifai_prepare_note(&e->notes, &at, &line, &failed, &note)) {
    nfailed += failed;
    if (g->o.on_record && nnote++ < NOTES_MAX) g->o.on_record(g->o.ud, e->path, line, failed, note);
  }
  if (g->o.on_record && nnote > NOTES_MAX) {       /* a file of another format, say */
    char more[80];                                 /* not g->msg: it may be 'msg' */
    snprintf(more, sizeof(more), "%ld more records with problems not shown", nnote - NOTES_MAX);
    g->o.on_record(g->o.ud, e->path, 0, 0, more);
  }
  if (kept) r->records_failed += nfailed;          /* a failed file counts as one failure */
  r->files++;
  switch (outcome) {
    case TIFA_INGEST_ADDED: r->added++; r->articles += g->narticles; r->bytes += e->size; break;
    case TIFA_INGEST_REPLACED: r->replaced++; r->articles += g->narticles; r->bytes += e->size; break;
    case TIFA_INGEST_UNCHANGED: r->unchanged++; break;
    case TIFA_INGEST_SKIPPED: r->skipped++; break;
    default: r->failed++; break;
  }
  if (g->o.on_file == NULL) return;
  f.path = e->path;
  f.outcome = outcome;
  f.rc = rc;
  f.message = msg ? msg : "";
  f.encoding = enc ? enc : "";
  f.format = e->fmt ? tifai_format_name(e->fmt) : "";
  f.size = e->size;
  f.articles = (outcome == TIFA_INGEST_ADDED || outcome == TIFA_INGEST_REPLACED) ? g->narticles : 0;
  f.records_failed = kept ? nfailed : 0;
  f.account = g->acct && (outcome == TIFA_INGEST_ADDED || outcome == TIFA_INGEST_REPLACED)
              ? tifai_account_get(g->acct) : NULL;
  g->o.on_file(g->o.ud, &f);
}

/* The writer's share of pass 2 for a streamed file: raw bytes into the blob as they come. */
typedef struct rawsink { ingest *g; sqlite3_blob *blob; } rawsink;

static int rawchunk (void *ud, const void *p, size_t n, uint64_t at) {
  rawsink *k = (rawsink *)ud;
  ingest *g = k->g;
  if (k->blob && sqlite3_blob_write(k->blob, p, (int)n, (int)at) != SQLITE_OK) {
    int rc = tifai_store_dberr(g->s, "cannot store the raw bytes");
    snprintf(g->msg, sizeof(g->msg), "%s", g->s->errmsg);
    return rc;
  }
  if (g->o.on_progress) g->o.on_progress(g->o.ud, g->path, g->done + at + n, g->total);
  return g->s->interrupted ? TIFA_INTERRUPTED : TIFA_OK;
}

static int streamart (void *ud, const tifai_article *a) {
  return storearticle(((rawsink *)ud)->g, a);
}

/* Pass 2 by the writer, streaming (large files, or a prepared copy that could not be read). */
static int streamentry (ingest *g, entry *e) {
  tifai_source src;
  rawsink k;
  char msg[TIFA_ERRMAX];
  int rc;
  memset(&src, 0, sizeof(src));
  src.fd = e->fd;
  src.data = e->data;
  src.size = e->size;
  k.g = g;
  k.blob = NULL;
  if (!g->o.dry_run && e->res.size > 0
      && sqlite3_blob_open(g->s->db, "main", "file", "raw", g->fileid, 1, &k.blob) != SQLITE_OK) {
    rc = tifai_store_dberr(g->s, "cannot store the raw bytes");
    snprintf(g->msg, sizeof(g->msg), "%s", g->s->errmsg);
    return rc;
  }
  g->msg[0] = '\0';
  e->co.notes = &e->notes;
  rc = tifai_prepare_cut(&src, g->chunk, CHUNK, e->res.encoding, e->fmt, e->res.size,
                         &g->s->interrupted, &e->co, rawchunk, streamart, &k, msg, sizeof(msg));
  if (rc != TIFA_OK && g->msg[0] == '\0') snprintf(g->msg, sizeof(g->msg), "%s", msg);
  if (k.blob) sqlite3_blob_close(k.blob);
  return rc;
}

/* Store entry e in its own transaction. Returns TIFA_OK unless the store itself failed
** (then the call ends); failures of the file are reported and the call goes on. */
static int storeentry (ingest *g, entry *e) {
  int64_t oldid = 0;
  int rc, outcome;
  const char *enc;
  size_t i;
  g->narticles = 0;
  if (g->acct) tifai_account_reset(g->acct);
  g->filetext = 0;
  g->path = e->path;
  g->size = e->size;
  g->msg[0] = '\0';
  if (e->outcome != 0) { report(g, e, e->outcome, e->rc, e->why, NULL); return TIFA_OK; }
  if (e->prc != TIFA_OK && e->stream) {             /* pass 1 failed */
    report(g, e, TIFA_INGEST_FAILED, e->prc, e->msg, NULL);
    return e->prc == TIFA_INTERRUPTED ? e->prc : TIFA_OK;
  }
  if (e->res.rc == TIFA_BINARY) { report(g, e, TIFA_INGEST_SKIPPED, e->res.rc, e->res.reason, NULL); return TIFA_OK; }
  if (e->res.rc != TIFA_OK) { report(g, e, TIFA_INGEST_FAILED, e->res.rc, e->res.reason, NULL); return TIFA_OK; }
  enc = tifa_encoding_name(e->res.encoding);
  if (e->res.size == e->res.bom) { report(g, e, TIFA_INGEST_SKIPPED, TIFA_OK, "empty file", enc); return TIFA_OK; }
  if (e->res.size > WHOLE_MAX && e->fmt != TIFAI_FMT_JSONL && e->fmt != TIFAI_FMT_CSV) {
    snprintf(g->msg, sizeof(g->msg), "file too large for one article (%llu MB, at most %llu MB; "
             "split it, or use JSON Lines or CSV)", (unsigned long long)(e->res.size >> 20),
             (unsigned long long)(WHOLE_MAX >> 20));
    report(g, e, TIFA_INGEST_FAILED, TIFA_TOOBIG, g->msg, enc);
    return TIFA_OK;
  }
  if (e->res.size > (uint64_t)sqlite3_limit(g->s->db, SQLITE_LIMIT_LENGTH, -1)) {
    snprintf(g->msg, sizeof(g->msg), "file too large for the store (%llu MB, at most %d MB)",
             (unsigned long long)(e->res.size >> 20), sqlite3_limit(g->s->db, SQLITE_LIMIT_LENGTH, -1) >> 20);
    report(g, e, TIFA_INGEST_FAILED, TIFA_TOOBIG, g->msg, enc);
    return TIFA_OK;
  }
  if (!e->stream && e->prc != TIFA_OK) {            /* pass 2 failed in the worker */
    report(g, e, TIFA_INGEST_FAILED, e->prc, e->msg, enc);
    return e->prc == TIFA_INTERRUPTED ? e->prc : TIFA_OK;
  }
  if (g->o.dry_run) {                               /* cut it, store nothing */
    rc = streamentry(g, e);
    if (rc != TIFA_OK) { report(g, e, TIFA_INGEST_FAILED, rc, g->msg, enc); return rc == TIFA_INTERRUPTED ? rc : TIFA_OK; }
    report(g, e, g->narticles ? TIFA_INGEST_ADDED : TIFA_INGEST_SKIPPED, TIFA_OK,
           g->narticles ? "" : "no text", enc);
    return TIFA_OK;
  }
  if (sqlite3_exec(g->s->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK) {
    rc = tifai_store_dberr(g->s, "cannot start a transaction");
    report(g, e, TIFA_INGEST_FAILED, rc, g->s->errmsg, enc);
    return rc;
  }
  sqlite3_bind_text(g->findfile, 1, e->path, -1, SQLITE_STATIC);
  if ((rc = sqlite3_step(g->findfile)) != SQLITE_ROW && rc != SQLITE_DONE) {
    rc = tifai_store_dberr(g->s, "cannot look the file up");   /* not "a new file" */
    sqlite3_reset(g->findfile);
    sqlite3_exec(g->s->db, "ROLLBACK", NULL, NULL, NULL);
    report(g, e, TIFA_INGEST_FAILED, rc, g->s->errmsg, enc);
    return rc;
  }
  if (rc == SQLITE_ROW) {
    const char *sha = (const char *)sqlite3_column_text(g->findfile, 1);
    const char *fmt = (const char *)sqlite3_column_text(g->findfile, 2);   /* NULL: no memory */
    oldid = sqlite3_column_int64(g->findfile, 0);
    if (sha != NULL && fmt != NULL && strcmp(sha, e->hex) == 0
        && strcmp(fmt, tifai_format_name(e->fmt)) == 0
        && samecut(e, (const char *)sqlite3_column_text(g->findfile, 3))) {
      sqlite3_reset(g->findfile);
      sqlite3_exec(g->s->db, "ROLLBACK", NULL, NULL, NULL);
      report(g, e, TIFA_INGEST_UNCHANGED, TIFA_OK, "", enc);
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
    const void *raw = e->raw ? (const void *)e->raw : (const void *)e->data;
    sqlite3_bind_text(g->insfile, 1, e->path, -1, SQLITE_STATIC);
    sqlite3_bind_int64(g->insfile, 2, (sqlite3_int64)e->res.size);
    sqlite3_bind_text(g->insfile, 3, e->hex, -1, SQLITE_STATIC);
    sqlite3_bind_text(g->insfile, 4, enc, -1, SQLITE_STATIC);
    sqlite3_bind_text(g->insfile, 5, tifai_format_name(e->fmt), -1, SQLITE_STATIC);
    if (!e->stream && raw != NULL) sqlite3_bind_blob64(g->insfile, 6, raw, e->res.size, SQLITE_STATIC);
    else sqlite3_bind_zeroblob64(g->insfile, 6, e->res.size);
    rc = run(g, g->insfile, "cannot store the file");
    g->fileid = sqlite3_last_insert_rowid(g->s->db);
    if (rc == TIFA_OK) {
      sqlite3_bind_int64(g->inscut, 1, g->fileid);
      sqlite3_bind_text(g->inscut, 2, e->cutsig ? e->cutsig : LAYOUT_VERSION, -1, SQLITE_STATIC);
      rc = run(g, g->inscut, "cannot store the file");
    }
  }
  if (rc == TIFA_OK) {
    if (e->stream) rc = streamentry(g, e);
    else {
      for (i = 0; i < e->arts.n && rc == TIFA_OK; i++) {
        tifai_article a;
        tifai_artlist_get(&e->arts, i, &a);
        g->curfwd = g->fwdok && e->fwd ? e->fwd[i] : NULL;
        rc = storearticle(g, &a);
      }
      g->curfwd = NULL;
    }
  }
  else snprintf(g->msg, sizeof(g->msg), "%s", g->s->errmsg);
  if (rc == TIFA_OK && g->narticles == 0) {        /* no text (front matter only, say): not */
    sqlite3_bind_int64(g->delfile, 1, g->fileid);   /* kept, and no old version either */
    if ((rc = run(g, g->delfile, "cannot remove the file")) != TIFA_OK)
      snprintf(g->msg, sizeof(g->msg), "%s", g->s->errmsg);
  }
  if (rc == TIFA_OK && sqlite3_exec(g->s->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
    rc = tifai_store_dberr(g->s, "cannot commit");
    snprintf(g->msg, sizeof(g->msg), "%s", g->s->errmsg);
  }
  if (rc != TIFA_OK) {
    sqlite3_exec(g->s->db, "ROLLBACK", NULL, NULL, NULL);
    tifai_fwd_close(g->s);                         /* words it added to lex_word are gone */
    if (rc == TIFA_INTERRUPTED && g->msg[0] == '\0') snprintf(g->msg, sizeof(g->msg), "interrupted");
    report(g, e, TIFA_INGEST_FAILED, rc, g->msg, enc);
    /* the store's own failures end the call; a file's do not */
    return (rc == TIFA_INTERRUPTED || rc == TIFA_NOMEM || rc == TIFA_BUSY || rc == TIFA_READONLY
            || (rc == TIFA_IO && strstr(g->msg, "disk") != NULL)) ? rc : TIFA_OK;
  }
  if (g->narticles == 0) {
    report(g, e, TIFA_INGEST_SKIPPED, TIFA_OK, "no text", enc);
    freetapes(e);
    return TIFA_OK;
  }
  outcome = oldid ? TIFA_INGEST_REPLACED : TIFA_INGEST_ADDED;
  report(g, e, outcome, TIFA_OK, "", enc);
  for (i = 0; i < e->ntapes; i++)                  /* its articles wait for the flush; */
    tifai_tapes_put(&g->s->tapes, e->tapes[i]);     /* a tape refused: segmented there */
  e->ntapes = 0;                                    /* the store's now */
  freetapes(e);
  if ((g->pending += g->filetext) >= INDEX_BATCH) {
    g->pending = 0;
    return tifai_index_flush(g->s);
  }
  return TIFA_OK;
}

/* }====== */

/* {====== Paths ====== */

static int walk (ingest *g, const char *path, int top);

static int visible (const struct dirent *e) {
  size_t n = strlen(e->d_name), k = strlen(SIDECAR);
  return e->d_name[0] != '.' && !(n > k && strcmp(e->d_name + n - k, SIDECAR) == 0);
}

static int addpair (char ***v, size_t *n, const char *k, size_t klen, const char *val, size_t vlen) {
  char **nv = (char **)realloc(*v, (*n + 2) * sizeof(char *));
  char *kv;
  if (nv == NULL) return TIFA_NOMEM;
  *v = nv;
  if ((kv = (char *)malloc(klen + vlen + 2)) == NULL) { nv[*n] = NULL; return TIFA_NOMEM; }
  memcpy(kv, k, klen);
  kv[klen] = '=';
  memcpy(kv + klen + 1, val, vlen);
  kv[klen + 1 + vlen] = '\0';
  nv[(*n)++] = kv;
  nv[*n] = NULL;
  return TIFA_OK;
}

/* The fields of entry e: its sidecar NAME.meta.json (a JSON object of strings or numbers)
** if there is one, then the call's --meta; and the signature of how it is cut. Returns
** TIFA_OK, TIFA_NOMEM, or TIFA_FORMAT with the reason in e->msg. */
static int entryfields (ingest *g, entry *e) {
  tifai_buf sig = TIFAI_BUF_INIT, side = TIFAI_BUF_INIT;
  size_t n = 0;
  int rc = TIFA_OK;
  const char *const *kv;
  struct stat st;
  tifai_buf_adds(&sig, g->o.nolayout ? "layout none" : LAYOUT_VERSION);
  if (g->genre) { tifai_buf_adds(&sig, " genre "); tifai_buf_adds(&sig, g->genre); }
  tifai_buf_adds(&side, e->path);
  tifai_buf_adds(&side, SIDECAR);
  if (!side.oom && e->data == NULL && stat(side.p, &st) == 0 && S_ISREG(st.st_mode)) {
    json_error_t err;
    json_t *o = json_load_file(side.p, 0, &err);
    const char *k;
    json_t *v;
    if (o == NULL || !json_is_object(o)) {
      snprintf(e->msg, sizeof(e->msg), "%s: %s%s (line %d)", side.p,
               o ? "not a JSON object" : "invalid JSON: ", o ? "" : err.text, o ? 1 : err.line);
      json_decref(o);
      rc = TIFA_FORMAT;
      goto done;
    }
    json_object_foreach(o, k, v) {
      char num[64];
      const char *val = NULL;
      if (json_is_string(v)) val = json_string_value(v);
      else if (json_is_integer(v)) { snprintf(num, sizeof(num), "%lld", (long long)json_integer_value(v)); val = num; }
      else if (json_is_real(v)) { snprintf(num, sizeof(num), "%g", json_real_value(v)); val = num; }
      if (val == NULL) continue;
      if ((rc = addpair(&e->meta, &n, k, strlen(k), val, strlen(val))) != TIFA_OK) break;
      tifai_buf_addc(&sig, '\n');
      tifai_buf_adds(&sig, e->meta[n - 1]);
    }
    json_decref(o);
    if (rc != TIFA_OK) goto done;
  }
  for (kv = g->o.meta; kv && *kv; kv++) {
    const char *eq = strchr(*kv, '=');
    if (eq == NULL) continue;
    if ((rc = addpair(&e->meta, &n, *kv, (size_t)(eq - *kv), eq + 1, strlen(eq + 1))) != TIFA_OK)
      goto done;
    tifai_buf_addc(&sig, '\n');
    tifai_buf_adds(&sig, *kv);
  }
  if (g->o.split) tifai_buf_adds(&sig, "\nsplit");
  if (sig.oom) { rc = TIFA_NOMEM; goto done; }
  e->cutsig = tifai_buf_detach(&sig, NULL);
  e->co.path = e->path;
  e->co.meta = (const char *const *)e->meta;
  e->co.split = g->o.split;
  e->co.ud = g->o.ud;
  e->co.nolayout = g->o.nolayout;
  e->co.genre = g->genre;
  e->co.acct = g->acct;
done:
  tifai_buf_free(&sig);
  tifai_buf_free(&side);
  return rc;
}

/* The accept hook of the options: 1 if 'path' is this call's (always without a hook). */
static int accepts (ingest *g, const char *path) {
  return g->o.accept == NULL || g->o.accept(g->o.ud, path);
}

static int walkdir (ingest *g, const char *dir) {
  struct dirent **list = NULL;
  int n = scandir(dir, &list, visible, alphasort), i, rc = TIFA_OK;
  tifai_buf p = TIFAI_BUF_INIT;
  if (n < 0) return accepts(g, dir) ? addentry(g, dir, TIFA_INGEST_FAILED, TIFA_IO, strerror(errno)) : TIFA_OK;
  for (i = 0; i < n; i++) {
    if (rc == TIFA_OK) {
      tifai_buf_reset(&p);
      tifai_buf_adds(&p, dir);
      if (p.len > 0 && p.p[p.len - 1] != '/') tifai_buf_addc(&p, '/');
      tifai_buf_adds(&p, list[i]->d_name);
      rc = p.oom ? TIFA_NOMEM : walk(g, p.p, 0);
    }
    free(list[i]);
  }
  free(list);
  tifai_buf_free(&p);
  return rc;
}

/* Add the file at 'path', or the files below it, to the entries. */
static int walk (ingest *g, const char *path, int top) {
  struct stat st;
  char *abs;
  int rc;
  if ((top ? stat(path, &st) : lstat(path, &st)) != 0)
    return accepts(g, path) ? addentry(g, path, TIFA_INGEST_FAILED, TIFA_IO, strerror(errno)) : TIFA_OK;
  if (S_ISLNK(st.st_mode)) {                  /* inside a tree: follow links to files only */
    if (stat(path, &st) != 0 || S_ISDIR(st.st_mode))
      return accepts(g, path) ? addentry(g, path, TIFA_INGEST_SKIPPED, TIFA_OK, "symbolic link not followed") : TIFA_OK;
  }
  if (S_ISDIR(st.st_mode)) return walkdir(g, path);
  if (!S_ISREG(st.st_mode))
    return accepts(g, path) ? addentry(g, path, TIFA_INGEST_SKIPPED, TIFA_OK, "not a regular file") : TIFA_OK;
  {
    size_t n = strlen(path), k = strlen(SIDECAR);
    if (n > k && strcmp(path + n - k, SIDECAR) == 0)
      return accepts(g, path) ? addentry(g, path, TIFA_INGEST_SKIPPED, TIFA_OK, "metadata sidecar (read with its file)") : TIFA_OK;
  }
  errno = 0;
  abs = realpath(path, NULL);
  if (abs == NULL && errno == ENOMEM) return TIFA_NOMEM;   /* not the path as given instead */
  if (!accepts(g, abs ? abs : path)) { free(abs); return TIFA_OK; }
  rc = addentry(g, abs ? abs : path, 0, TIFA_OK, NULL);
  free(abs);
  if (rc == TIFA_OK) g->entries[g->n - 1].size = (uint64_t)st.st_size;
  return rc;
}

/* }====== */

/* {====== Entry points ====== */

static int begin (ingest *g, tifa_store *s, const tifa_ingest_opts *o, tifa_ingest_report *r) {
  memset(g, 0, sizeof(*g));
  g->s = s;
  g->r = r;
  g->recfailed0 = r->records_failed;
  if (o) g->o = *o;
  s->interrupted = 0;
  s->errmsg[0] = '\0';
  if (s->readonly && !g->o.dry_run)
    return tifai_store_fail(s, TIFA_READONLY, "attempt to write a read-only store");
  if (g->o.genre) {                                  /* the layout keeps static names */
    static const char *const genres[] = {"news", "law", "document", "speech", "case", NULL};
    int k;
    for (k = 0; genres[k] && strcmp(genres[k], g->o.genre) != 0; k++) ;
    if (genres[k] == NULL)
      return tifai_store_fail(s, TIFA_ERROR, "unknown genre '%s' (news, law, document, speech, case)",
                              g->o.genre);
    g->genre = genres[k];
  }
  g->fwdok = !s->readonly && !g->o.dry_run && tifai_fwd_usable(s);
  if ((g->chunk = (unsigned char *)malloc(CHUNK)) == NULL
      || (g->o.account && tifai_account_new(&g->acct) != TIFA_OK))
    return tifai_store_fail(s, TIFA_NOMEM, "%s", tifa_errstr(TIFA_NOMEM));
  return prepareall(g);
}

/* Store every entry in order, with a worker preparing ahead when there are several. */
static int storeall (ingest *g) {
  size_t i;
  int rc = TIFA_OK;
  for (i = 0; i < g->n; i++) {
    entry *e = &g->entries[i];
    g->total += e->size;
    if (e->outcome == 0 && (rc = entryfields(g, e)) != TIFA_OK) {
      if (rc == TIFA_NOMEM) return tifai_store_fail(g->s, rc, "%s", tifa_errstr(rc));
      e->outcome = TIFA_INGEST_FAILED;
      e->rc = rc;
      e->why = e->msg;
      rc = TIFA_OK;
    }
  }
  if (g->n > 1 && !g->o.dry_run && strcmp(tifa_store_path(g->s), "sample corpus") != 0
      && sqlite3_open_v2(tifa_store_path(g->s), &g->peek, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX,
                         NULL) == SQLITE_OK)
    sqlite3_prepare_v2(g->peek, "SELECT f.sha256, f.format, c.cut FROM file AS f LEFT JOIN file_cut AS c "
                       "ON c.file_id = f.id WHERE f.path = ?1", -1, &g->peekfile, NULL);
  if (g->n > 1 && pthread_mutex_init(&g->mu, NULL) == 0) {
    if (pthread_cond_init(&g->cv, NULL) == 0) {
      if (pthread_create(&g->worker, NULL, workermain, g) == 0) g->threaded = 1;
      else pthread_cond_destroy(&g->cv);
    }
    if (!g->threaded) pthread_mutex_destroy(&g->mu);
  }
  for (i = 0; i < g->n && rc == TIFA_OK; i++) {
    awaitentry(g, i);
    rc = storeentry(g, &g->entries[i]);
    g->done += g->entries[i].size;
    if (g->o.on_progress) g->o.on_progress(g->o.ud, g->entries[i].path, g->done, g->total);
    doneentry(g, i);
  }
  /* the entries left after a failure are the worker's until it has stopped (it may be
  ** preparing one); end() frees them */
  if (g->threaded) {
    pthread_mutex_lock(&g->mu);
    g->stop = 1;
    pthread_cond_broadcast(&g->cv);
    pthread_mutex_unlock(&g->mu);
    pthread_join(g->worker, NULL);
    pthread_cond_destroy(&g->cv);
    pthread_mutex_destroy(&g->mu);
    g->threaded = 0;
  }
  sqlite3_finalize(g->peekfile);
  sqlite3_close_v2(g->peek);                        /* NULL is harmless */
  g->peekfile = NULL;
  g->peek = NULL;
  return rc;
}

static int end (ingest *g, int rc, long failedbefore) {
  size_t i;
  for (i = 0; i < g->n; i++) { freeentry(&g->entries[i]); free(g->entries[i].path); }
  free(g->entries);
  sqlite3_finalize(g->findfile);
  sqlite3_finalize(g->delfile);
  sqlite3_finalize(g->insfile);
  sqlite3_finalize(g->inscut);
  sqlite3_finalize(g->insart);
  sqlite3_finalize(g->inspara);
  if (!g->o.dry_run && !g->s->readonly && g->chunk != NULL && rc != TIFA_INTERRUPTED) {
    int r2 = tifai_index_pending(g->s) ? tifai_index_flush(g->s) : TIFA_OK;   /* the rest */
    if (r2 == TIFA_OK && g->newchars > 0) r2 = tifai_index_tidy(g->s, g->newchars);
    if (r2 == TIFA_OK && g->newchars > 0) r2 = tifai_fwd_check(g->s);   /* articles not cut */
    if (rc == TIFA_OK) rc = r2;
  }
  free(g->chunk);
  tifai_account_free(g->acct);
  if (rc == TIFA_NOMEM && g->s->errmsg[0] == '\0')  /* from a step that sets no message */
    tifai_store_fail(g->s, rc, "%s", tifa_errstr(rc));
  if (rc == TIFA_OK && g->r->failed > failedbefore) {
    tifai_store_fail(g->s, TIFA_ERROR, "%ld file(s) could not be ingested",
                     g->r->failed - failedbefore);
    return TIFA_ERROR;
  }
  if (rc == TIFA_OK && g->r->records_failed > g->recfailed0) {
    tifai_store_fail(g->s, TIFA_ERROR, "%ld record(s) could not be ingested",
                     g->r->records_failed - g->recfailed0);
    return TIFA_ERROR;
  }
  if (rc == TIFA_INTERRUPTED) tifai_store_fail(g->s, rc, "interrupted");
  return rc;
}

int tifa_store_ingest (tifa_store *s, const char *path, const tifa_ingest_opts *o,
                       tifa_ingest_report *r) {
  ingest g;
  long failed = r->failed;
  tifai_buf in = TIFAI_BUF_INIT;
  int rc = begin(&g, s, o, r);
  if (rc == TIFA_OK && strcmp(path, "-") == 0) {    /* standard input: read it whole */
    char name[128];
    for (;;) {
      ssize_t k;
      if (tifai_buf_grow(&in, CHUNK) != 0) break;
      k = read(0, in.p + in.len, CHUNK);
      if (k < 0 && errno == EINTR) continue;
      if (k <= 0) break;
      in.len += (size_t)k;
      if (in.len > STDIN_MAX) break;
    }
    if (g.o.stdin_name) snprintf(name, sizeof(name), "%s", g.o.stdin_name);
    else {
      struct sha256_ctx h;
      unsigned char d[SHA256_DIGEST_SIZE];
      sha256_init(&h);
      sha256_update(&h, in.len, (const uint8_t *)(in.p ? in.p : ""));
      sha256_digest(&h, sizeof(d), d);
      snprintf(name, sizeof(name), "stdin:%02x%02x%02x%02x%02x%02x%02x%02x", d[0], d[1], d[2],
               d[3], d[4], d[5], d[6], d[7]);
    }
    if (in.oom || in.len > STDIN_MAX)
      rc = addentry(&g, name, TIFA_INGEST_FAILED, in.oom ? TIFA_NOMEM : TIFA_TOOBIG,
                    in.oom ? "out of memory" : "standard input too large (save it to a file)");
    else if ((rc = addentry(&g, name, 0, TIFA_OK, NULL)) == TIFA_OK) {
      g.entries[0].data = (const unsigned char *)(in.p ? in.p : "");
      g.entries[0].size = in.len;
    }
  }
  else if (rc == TIFA_OK) rc = walk(&g, path, 1);
  if (rc == TIFA_OK) rc = storeall(&g);
  rc = end(&g, rc, failed);
  tifai_buf_free(&in);
  return rc;
}

int tifa_store_ingest_files (tifa_store *s, const char *const *paths, size_t n,
                             const tifa_ingest_opts *o, tifa_ingest_report *r) {
  ingest g;
  long failed = r->failed;
  int rc = begin(&g, s, o, r);
  size_t i;
  for (i = 0; i < n && rc == TIFA_OK; i++) {        /* walked already: no walk, no hook */
    struct stat st;
    if (stat(paths[i], &st) != 0) rc = addentry(&g, paths[i], TIFA_INGEST_FAILED, TIFA_IO, strerror(errno));
    else if (!S_ISREG(st.st_mode)) rc = addentry(&g, paths[i], TIFA_INGEST_SKIPPED, TIFA_OK, "not a regular file");
    else if ((rc = addentry(&g, paths[i], 0, TIFA_OK, NULL)) == TIFA_OK)
      g.entries[g.n - 1].size = (uint64_t)st.st_size;
  }
  if (rc == TIFA_OK) rc = storeall(&g);
  return end(&g, rc, failed);
}

int tifa_store_ingest_buffer (tifa_store *s, const char *name, const void *data, size_t len,
                              const tifa_ingest_opts *o, tifa_ingest_report *r) {
  ingest g;
  long failed = r->failed;
  int rc = begin(&g, s, o, r);
  if (rc == TIFA_OK && (rc = addentry(&g, name, 0, TIFA_OK, NULL)) == TIFA_OK) {
    g.entries[0].data = (const unsigned char *)data;
    g.entries[0].size = len;
    rc = storeall(&g);
  }
  return end(&g, rc, failed);
}

/* }====== */
