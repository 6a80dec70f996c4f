/*
** corpuscmd.c -- search, count, words and show on a corpus of shards (-d DIR): the shards'
** parts merged in memory (tifa_shards_run), the merged records read back (jansson) into what
** the store's printers in commands.c take, so that a corpus prints what one store holding
** the same files prints; its ids are the corpus's (shard * 10^10 + the shard's own).
*/
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jansson.h>
#include <sqlite3.h>
#include "cli.h"
#include "tifa_shard.h"
#include "tifa_structure.h"

#define STOPPED  (-100)             /* a callback's own failure, already reported */

typedef struct corpus {
  cli *c;
  tifa_shards *s;
  sqlite3_stmt **meta;              /* meta[k]: shard k+1's date, outlet, title of an id */
  sqlite3_stmt **prov;              /* prov[k]: the same and the id, of a file and seq */
  long n;                           /* records printed */
  /* count */
  int64_t *ids, *counts, total, articles;
  size_t nrows, cap;
  /* words */
  const tifa_freq *stop;
  long top;
} corpus;

static tifa_shards *running;        /* for Ctrl-C */

static void onsigint (int sig) {
  signal(sig, SIG_DFL);
  if (running) tifa_shards_interrupt(running);
}

/* Open the corpus at c->dbpath into 'k'; 0, or 1 with the message printed. */
static int opencorpus (cli *c, corpus *k) {
  char err[TIFA_ERRMAX];
  memset(k, 0, sizeof(*k));
  k->c = c;
  if (tifa_shards_open(c->dbpath, TIFA_OPEN_READONLY, 0, &k->s, err, sizeof(err)) != TIFA_OK) {
    cli_error("%s", err);
    return 1;
  }
  k->meta = (sqlite3_stmt **)calloc((size_t)tifa_shards_count(k->s), sizeof(sqlite3_stmt *));
  k->prov = (sqlite3_stmt **)calloc((size_t)tifa_shards_count(k->s), sizeof(sqlite3_stmt *));
  if (k->meta == NULL || k->prov == NULL) { cli_error("not enough memory"); return 1; }
  return 0;
}

static void closecorpus (corpus *k) {
  int i;
  for (i = 0; k->meta && k->s && i < tifa_shards_count(k->s); i++) sqlite3_finalize(k->meta[i]);
  for (i = 0; k->prov && k->s && i < tifa_shards_count(k->s); i++) sqlite3_finalize(k->prov[i]);
  free(k->meta);
  free(k->prov);
  free(k->ids);
  free(k->counts);
  tifa_shards_close(k->s);
}

/* Date, outlet and title of article 'id' (the corpus's) from its shard, "" when unknown;
** valid until the next lookup. */
static void lookup (corpus *k, int64_t id, const char **date, const char **outlet,
                    const char **title) {
  int shard = TIFA_SHARD_OF(id);
  char err[TIFA_ERRMAX];
  sqlite3_stmt *st;
  tifa_store *s;
  *date = *outlet = *title = "";
  if (shard < 1 || shard > tifa_shards_count(k->s)) return;
  if ((st = k->meta[shard - 1]) == NULL) {
    if ((s = tifa_shards_reader(k->s, shard, err, sizeof(err))) == NULL
        || sqlite3_prepare_v2(tifa_store_sqlite(s), "SELECT date, outlet, title FROM article "
                              "WHERE id = ?1", -1, &k->meta[shard - 1], NULL) != SQLITE_OK)
      return;
    st = k->meta[shard - 1];
  }
  sqlite3_reset(st);
  sqlite3_bind_int64(st, 1, TIFA_SHARD_LOCAL(id));
  if (sqlite3_step(st) == SQLITE_ROW) {
    if (sqlite3_column_text(st, 0)) *date = (const char *)sqlite3_column_text(st, 0);
    if (sqlite3_column_text(st, 1)) *outlet = (const char *)sqlite3_column_text(st, 1);
    if (sqlite3_column_text(st, 2)) *title = (const char *)sqlite3_column_text(st, 2);
  }
}

/* The corpus's id of the article 'seq' of 'file', and its date, outlet and title (as
** lookup), from the shard the path routes to, else from any that holds it; 0 if none does. */
static int64_t byprovenance (corpus *k, const char *file, int64_t seq, const char **date,
                             const char **outlet, const char **title) {
  int n = tifa_shards_count(k->s), first, i;
  char err[TIFA_ERRMAX];
  *date = *outlet = *title = "";
  if (file == NULL) return 0;
  first = tifa_shards_route(k->s, file);
  for (i = 0; i < n; i++) {                         /* the routed shard, then the others */
    int shard = i == 0 ? first : i < first ? i : i + 1;
    sqlite3_stmt *st = k->prov[shard - 1];
    tifa_store *s;
    if (st == NULL) {
      if ((s = tifa_shards_reader(k->s, shard, err, sizeof(err))) == NULL
          || sqlite3_prepare_v2(tifa_store_sqlite(s), "SELECT a.id, a.date, a.outlet, a.title "
                                "FROM article AS a JOIN file AS f ON f.id = a.file_id "
                                "WHERE f.path = ?1 AND a.seq = ?2", -1, &k->prov[shard - 1],
                                NULL) != SQLITE_OK)
        continue;
      st = k->prov[shard - 1];
    }
    sqlite3_reset(st);
    sqlite3_bind_text(st, 1, file, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, seq);
    if (sqlite3_step(st) == SQLITE_ROW) {
      if (sqlite3_column_text(st, 1)) *date = (const char *)sqlite3_column_text(st, 1);
      if (sqlite3_column_text(st, 2)) *outlet = (const char *)sqlite3_column_text(st, 2);
      if (sqlite3_column_text(st, 3)) *title = (const char *)sqlite3_column_text(st, 3);
      return TIFA_SHARD_ID(shard, sqlite3_column_int64(st, 0));
    }
  }
  return 0;
}

/* A merged line as JSON: NULL for the header (and prints an error for a line that is not
** JSON, setting '*bad'); '*end' is 1 for the trailer. */
static json_t *record (const char *line, size_t len, int *end, int *bad) {
  json_error_t je;
  json_t *j = json_loadb(line, len, 0, &je);
  *end = 0;
  if (j == NULL || !json_is_object(j)) {
    cli_error("a merged line is not a JSON object (%s)", j ? "not an object" : je.text);
    json_decref(j);
    *bad = 1;
    return NULL;
  }
  if (json_object_get(j, "tifa_merged")) { json_decref(j); return NULL; }
  *end = json_object_get(j, "end") != NULL;
  return j;
}

static int64_t geti (json_t *j, const char *key) {
  return (int64_t)json_integer_value(json_object_get(j, key));
}

/* Run 'analytic' over the corpus into 'f' with the merge's 'mflags'; the exit status (0, 1,
** or 2 for a bad query). */
static int run (corpus *k, const char *analytic, const char *query, const tifa_part_opts *o,
                int mflags, tifa_jsonl_fn f) {
  char err[TIFA_ERRMAX];
  int rc;
  running = k->s;
  signal(SIGINT, onsigint);
  rc = tifa_shards_run(k->s, analytic, query, o, 0, mflags, f, k, err, sizeof(err));
  signal(SIGINT, SIG_DFL);
  running = NULL;
  if (rc == TIFA_OK) return 0;
  if (rc != STOPPED) cli_error("%s", err);
  return rc == TIFA_SYNTAX ? 2 : 1;
}

/* {====== search ====== */

/* The offsets of a record ([start, end, ...]) into a new array; '*n' pairs. */
static int64_t *offsets (json_t *a, size_t *n) {
  size_t i, len = json_array_size(a);
  int64_t *v = (int64_t *)malloc((len ? len : 1) * sizeof(int64_t));
  *n = 0;
  if (v == NULL) return NULL;
  for (i = 0; i < len; i++) v[i] = (int64_t)json_integer_value(json_array_get(a, i));
  *n = len / 2;
  return v;
}

/* A hit of the merge (--by-doc: hits of one score in the order of their files and seqs, as
** a store ingested at once ranks them, whatever the sharding), printed as the store's. */
static int onhit (void *ud, const char *line, size_t len) {
  corpus *k = (corpus *)ud;
  const char *date, *outlet, *title;
  int end, bad = 0;
  json_t *j = record(line, len, &end, &bad);
  tifa_hit h;
  int64_t *off, *toff;
  if (j == NULL || end) { json_decref(j); return bad ? STOPPED : 0; }
  memset(&h, 0, sizeof(h));
  h.score = json_real_value(json_object_get(j, "score"));
  h.snippet = json_string_value(json_object_get(j, "snippet"));
  if (h.snippet == NULL) h.snippet = "";
  h.offsets = off = offsets(json_object_get(j, "offsets"), &h.nmatch);
  h.title_offsets = toff = offsets(json_object_get(j, "title_offsets"), &h.ntitle);
  if (off == NULL || toff == NULL) {
    free(off); free(toff); json_decref(j);
    cli_error("not enough memory");
    return STOPPED;
  }
  h.article = byprovenance(k, json_string_value(json_object_get(j, "file")), geti(j, "seq"), &date,
                           &outlet, &title);
  cli_search_hit(k->c, ++k->n, &h, date, outlet, title);
  free(off);
  free(toff);
  json_decref(j);
  return 0;
}

int corpus_search (cli *c, const char *query, const tifa_search_opts *so) {
  tifa_part_opts o;
  corpus k;
  int status;
  if (opencorpus(c, &k) != 0) { closecorpus(&k); return 1; }
  memset(&o, 0, sizeof(o));
  o.flags = so->flags;
  o.limit = so->limit > 0 ? so->limit : 20;
  o.offset = so->offset;
  o.context = so->context;
  status = run(&k, "search", query, &o, TIFA_MERGE_BY_DOC, onhit);
  if (status == 0 && k.n == 0)
    fprintf(stderr, PROGNAME ": no match for '%s' in %s\n", query, c->dbpath);
  closecorpus(&k);
  return status;
}

/* }====== */

/* {====== count ====== */

static int onrow (void *ud, const char *line, size_t len) {
  corpus *k = (corpus *)ud;
  int end, bad = 0;
  json_t *j = record(line, len, &end, &bad);
  if (j == NULL) return bad ? STOPPED : 0;
  if (end) {
    k->total = geti(j, "total");
    k->articles = geti(j, "articles");
  }
  else if (k->nrows < (size_t)k->top) {             /* the merge gives the top N in order */
    if (k->nrows == k->cap) {
      size_t ncap = k->cap ? 2 * k->cap : 64;
      int64_t *ids = (int64_t *)realloc(k->ids, ncap * sizeof(int64_t));
      int64_t *counts = ids ? (int64_t *)realloc(k->counts, ncap * sizeof(int64_t)) : NULL;
      if (ids) k->ids = ids;
      if (counts == NULL) { json_decref(j); cli_error("not enough memory"); return STOPPED; }
      k->counts = counts;
      k->cap = ncap;
    }
    k->ids[k->nrows] = geti(j, "id");
    k->counts[k->nrows++] = geti(j, "n");
  }
  json_decref(j);
  return 0;
}

int corpus_count (cli *c, const char *query, int flags, long top) {
  tifa_part_opts o;
  corpus k;
  size_t i;
  int status;
  if (opencorpus(c, &k) != 0) { closecorpus(&k); return 1; }
  memset(&o, 0, sizeof(o));
  o.flags = flags;
  o.limit = top > 0 ? top : 1;                      /* a part's 0 is all; the command's, none */
  k.top = top;
  status = run(&k, "count", query, &o, 0, onrow);
  if (status == 0) {
    const char *date, *outlet, *title;
    cli_count_total(k.total, k.articles);
    for (i = 0; i < k.nrows; i++) {
      lookup(&k, k.ids[i], &date, &outlet, &title);
      cli_count_row(c, k.ids[i], k.counts[i], date, title);
    }
  }
  closecorpus(&k);
  return status;
}

/* }====== */

/* {====== words ====== */

static int onword (void *ud, const char *line, size_t len) {
  corpus *k = (corpus *)ud;
  int end, bad = 0;
  json_t *j = record(line, len, &end, &bad), *w;
  if (j == NULL || end) { json_decref(j); return bad ? STOPPED : 0; }
  w = json_object_get(j, "w");
  if ((k->top <= 0 || k->n < k->top)                /* the merge's order: the store's */
      && (k->stop == NULL || tifa_freq_get(k->stop, json_string_value(w), json_string_length(w)) == 0)) {
    k->n++;
    cli_words_row(NULL, json_string_value(w), json_string_length(w), geti(j, "n"), geti(j, "a"));
  }
  json_decref(j);
  return 0;
}

int corpus_words (cli *c, long top, long min, const struct tifa_freq *stop) {
  tifa_part_opts o;
  corpus k;
  int status;
  if (opencorpus(c, &k) != 0) { closecorpus(&k); return 1; }
  memset(&o, 0, sizeof(o));
  o.limit = stop ? 0 : top;                         /* stopwords go after the merge's cut */
  o.min = min;
  k.stop = stop;
  k.top = top;
  status = run(&k, "words", NULL, &o, 0, onword);
  closecorpus(&k);
  return status == 2 ? 1 : status;
}

/* }====== */

/* {====== show ====== */

int corpus_show (cli *c, int argc, char **argv) {
  corpus k;
  char err[TIFA_ERRMAX];
  int i, status = 0;
  if (opencorpus(c, &k) != 0) { closecorpus(&k); return 1; }
  for (i = 0; i < argc; i++) {
    int64_t id = strtoll(argv[i], NULL, 10);
    int shard = TIFA_SHARD_OF(id);
    tifa_store *s;
    if (i > 0) fputc('\n', stdout);
    if (shard < 1 || shard > tifa_shards_count(k.s)) {
      cli_error("no article %lld (a corpus's ids are shard * 10^10 + the shard's own, "
                "shards 1 to %d)", (long long)id, tifa_shards_count(k.s));
      status = 1;
    }
    else if ((s = tifa_shards_reader(k.s, shard, err, sizeof(err))) == NULL) {
      cli_error("shard %d: %s", shard, err);
      status = 1;
    }
    else if (cli_show_article(tifa_store_sqlite(s), TIFA_SHARD_LOCAL(id), id, c->width) != 0)
      status = 1;
  }
  closecorpus(&k);
  return status;
}

/* }====== */
