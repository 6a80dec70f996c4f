/*
** reusecmd.c -- 'tifa reuse-step': one step of the reuse of a corpus, run apart (by
** python/tifa-dask on the workers of a Dask cluster), its state in files (tifa_reuse.h,
** "Reuse in steps"; the formats in docs/shards.md). size, df, postings and align read the
** corpus (-d DIR, a shard with --shard S; or a store); sum and pairs read only files; finish
** merges the aligned sections into the answer and writes it back to the corpus.
*/
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <jansson.h>
#include <sqlite3.h>
#include "cli.h"
#include "tifa_reuse.h"
#include "tifa_shard.h"

static const char usage[] =
  "usage: " PROGNAME " [-d CORPUS] reuse-step STEP [options] [FILE...]\n"
  "One step of text reuse over a corpus, run apart (python/tifa-dask runs them on a Dask\n"
  "cluster; docs/shards.md gives the steps and their files):\n"
  "  size [--shard S]                          positions and articles of a shard\n"
  "  df --shard S --positions N -o SKETCH      its document frequencies (N: the corpus's)\n"
  "  sum -o SKETCH SKETCH...                   the shards' sketches added up\n"
  "  postings --shard S --sketch SKETCH --sections P -o FILE --bits BITS\n"
  "                                            its seed n-grams, its formulaic n-grams\n"
  "  pairs --section p --sections Q -o FILE POSTINGS...         seeds of article pairs\n"
  "  align --section q [--batch B] -o FILE SEEDS... --bits BITS...   passages (JSON Lines)\n"
  "  finish [--no-save] [-q] ALIGNED...        the answer, as JSON Lines; saved in the corpus\n"
  "                                            for db:reuse (unless --no-save)\n"
  "Options of the reuse, the same in every step: --min-chars N, --max-df N,\n"
  "--within-days N, --within (as db:reuse's).\n";

static const char skmagic[8] = {'T', 'I', 'F', 'A', 'R', 'S', 'K', '1'};
#define ORDER 0x01020304u

typedef struct Args {
  const char *step, *out, *sketch;
  char **bits; int nbits;           /* --bits: one (postings), or every shard's (align) */
  long shard, positions, parts, part, batch;
  int save, quiet;
  tifa_reuse_opts o;
  char **files; int nfiles;
} Args;

static int num (const char *opt, const char *v, long min, long *out) {
  char *end;
  long n;
  errno = 0;
  n = strtol(v, &end, 10);
  if (*v == '\0' || *end != '\0' || errno != 0 || n < min) {
    cli_error("option '%s' needs a whole number of at least %ld, got '%s'", opt, min, v);
    return 0;
  }
  *out = n;
  return 1;
}

static int parse (int argc, char **argv, Args *a) {
  int i, opts = 1, bitsnext = 0;
  long v;
  memset(a, 0, sizeof(*a));
  a->save = 1; a->parts = 0; a->part = 0;
  a->files = (char **)calloc((size_t)argc + 1, sizeof(char *));
  a->bits = (char **)calloc((size_t)argc + 1, sizeof(char *));
  if (a->files == NULL || a->bits == NULL) { cli_error("not enough memory"); return 1; }
  a->step = argv[0];
  for (i = 1; i < argc; i++) {
    const char *o = argv[i];
    if (opts && strcmp(o, "--") == 0) { opts = 0; continue; }
    if (opts && strcmp(o, "--within") == 0) { a->o.within = 1; continue; }
    if (opts && strcmp(o, "--no-save") == 0) { a->save = 0; continue; }
    if (opts && strcmp(o, "-q") == 0) { a->quiet = 1; continue; }
    if (opts && strcmp(o, "--bits") == 0) { bitsnext = 1; continue; }     /* the files after it */
    if (opts && o[0] == '-' && o[1] != '\0') {
      const char *val;
      bitsnext = 0;
      if (i + 1 >= argc) { cli_error("'%s' needs an argument", o); return 2; }
      val = argv[++i];
      if (strcmp(o, "-o") == 0) a->out = val;
      else if (strcmp(o, "--sketch") == 0) a->sketch = val;
      else if (strcmp(o, "--shard") == 0) { if (!num(o, val, 1, &a->shard)) return 2; }
      else if (strcmp(o, "--positions") == 0) { if (!num(o, val, 0, &a->positions)) return 2; }
      else if (strcmp(o, "--sections") == 0) { if (!num(o, val, 1, &a->parts)) return 2; }
      else if (strcmp(o, "--section") == 0) { if (!num(o, val, 1, &a->part)) return 2; }
      else if (strcmp(o, "--batch") == 0) { if (!num(o, val, 1, &a->batch)) return 2; }
      else if (strcmp(o, "--min-chars") == 0) { if (!num(o, val, 1, &v)) return 2; a->o.min_chars = v; }
      else if (strcmp(o, "--max-df") == 0) { if (!num(o, val, 1, &v)) return 2; a->o.max_df = v; }
      else if (strcmp(o, "--within-days") == 0) { if (!num(o, val, 0, &v)) return 2; a->o.within_days = v; }
      else { cli_error("unknown option '%s' (see '" PROGNAME " reuse-step --help')", o); return 2; }
      continue;
    }
    if (bitsnext) a->bits[a->nbits++] = argv[i];
    else a->files[a->nfiles++] = argv[i];
  }
  return 0;
}

/* {====== The articles: a shard, the whole corpus, or a store ====== */

typedef struct Db {
  tifa_shards *corpus;
  tifa_store *one;                  /* a store (-d STORE), or NULL */
  tifa_store **stores;
  int64_t *bases;
  size_t n;
} Db;

static void dbclose (Db *d) {
  tifa_store_close(d->one);
  tifa_shards_close(d->corpus);
  free(d->stores); free(d->bases);
}

/* Open the articles a step reads: shard 'shard' of a corpus (0: all its shards), or the
** store of -d (shard 0 only). Returns 0, or an exit status after the message. */
static int dbopen (cli *c, long shard, Db *d) {
  char err[TIFA_ERRMAX];
  int k, n;
  memset(d, 0, sizeof(*d));
  if (c->dbpath && tifa_shards_is(c->dbpath)) {
    if (tifa_shards_open(c->dbpath, TIFA_OPEN_READONLY, 0, &d->corpus, err, sizeof(err)) != TIFA_OK) {
      cli_error("%s", err);
      return 1;
    }
    n = tifa_shards_count(d->corpus);
    if (shard > n) { cli_error("corpus '%s' has %d shards, not %ld", c->dbpath, n, shard); return 2; }
    d->n = shard ? 1 : (size_t)n;
    d->stores = (tifa_store **)calloc(d->n, sizeof(*d->stores));
    d->bases = (int64_t *)calloc(d->n, sizeof(*d->bases));
    if (d->stores == NULL || d->bases == NULL) { cli_error("not enough memory"); return 1; }
    for (k = 0; k < (int)d->n; k++) {
      int s = shard ? (int)shard : k + 1;
      if ((d->stores[k] = tifa_shards_reader(d->corpus, s, err, sizeof(err))) == NULL) {
        cli_error("%s", err);
        return 1;
      }
      d->bases[k] = TIFA_SHARD_ID(s, 0);
    }
    return 0;
  }
  if (shard) { cli_error("--shard is for a corpus of shards; '%s' is a store", cli_storename(c)); return 2; }
  if ((d->one = cli_openstore(c, 0)) == NULL) return 1;
  d->n = 1;
  if ((d->stores = (tifa_store **)calloc(1, sizeof(*d->stores))) == NULL) { cli_error("not enough memory"); return 1; }
  d->stores[0] = d->one;
  return 0;
}

static int dbfail (Db *d, int rc) {
  cli_error("%s", rc == TIFA_NOMEM ? "not enough memory" : tifa_store_errmsg(d->stores[0]));
  return 1;
}

/* }====== */

/* {====== Sketch files: header, then the counters ====== */

typedef struct Sketch { uint16_t *r; size_t counters; void *map; size_t maplen; } Sketch;

static int skwrite (const char *path, const uint16_t *r, size_t counters) {
  FILE *f = fopen(path, "wb");
  uint32_t hdr[2] = {ORDER, 0};
  uint64_t n = counters;
  int ok = f != NULL && fwrite(skmagic, 1, 8, f) == 8 && fwrite(hdr, sizeof(hdr), 1, f) == 1
           && fwrite(&n, sizeof(n), 1, f) == 1 && fwrite(r, sizeof(*r), counters, f) == counters;
  if (f && fclose(f) != 0) ok = 0;
  if (!ok) cli_error("cannot write '%s' (%s)", path, strerror(errno));
  return ok ? 0 : 1;
}

/* Map the sketch at 'path' (read-only). */
static int skmap (const char *path, Sketch *s) {
  int fd = open(path, O_RDONLY);
  struct stat st;
  const unsigned char *p;
  uint32_t hdr[2];
  uint64_t n;
  memset(s, 0, sizeof(*s));
  if (fd < 0 || fstat(fd, &st) != 0) {
    cli_error("cannot open '%s' (%s)", path, strerror(errno));
    if (fd >= 0) close(fd);
    return 1;
  }
  if ((size_t)st.st_size < 24 || (s->map = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_SHARED, fd, 0)) == MAP_FAILED) {
    cli_error("'%s' is not a reuse sketch", path);
    s->map = NULL;
    close(fd);
    return 1;
  }
  close(fd);
  s->maplen = (size_t)st.st_size;
  p = (const unsigned char *)s->map;
  memcpy(hdr, p + 8, sizeof(hdr));
  memcpy(&n, p + 16, sizeof(n));
  if (memcmp(p, skmagic, 8) != 0 || hdr[0] != ORDER || (uint64_t)s->maplen != 24 + n * 2 || n < 1024 || (n & (n - 1))) {
    cli_error("'%s' is not a reuse sketch of this machine", path);
    return 1;
  }
  s->r = (uint16_t *)(void *)(p + 24);
  s->counters = (size_t)n;
  return 0;
}

static void skunmap (Sketch *s) { if (s->map) munmap(s->map, s->maplen); }

/* }====== */

static FILE *openout (const char *path) {
  FILE *f;
  if (path == NULL) { cli_error("the step needs -o FILE"); return NULL; }
  if ((f = fopen(path, "wb")) == NULL) cli_error("cannot write '%s' (%s)", path, strerror(errno));
  return f;
}

static int closeout (FILE *f, const char *path, int status) {
  if (fclose(f) != 0 && status == 0) { cli_error("cannot write '%s' (%s)", path, strerror(errno)); return 1; }
  if (status != 0) remove(path);
  return status;
}

/* Open the input files[0..n) of 'step'; NULL (after the message) if one cannot be read. */
static FILE **openins (const char *step, char **files, int n) {
  FILE **in = (FILE **)calloc((size_t)n + 1, sizeof(FILE *));
  int i;
  if (in == NULL) { cli_error("not enough memory"); return NULL; }
  if (n == 0) { cli_error("reuse-step %s needs its input files", step); free(in); return NULL; }
  for (i = 0; i < n; i++)
    if ((in[i] = fopen(files[i], "rb")) == NULL) {
      cli_error("cannot open '%s' (%s)", files[i], strerror(errno));
      while (i-- > 0) fclose(in[i]);
      free(in);
      return NULL;
    }
  return in;
}

static void closeins (FILE **in, int n) {
  int i;
  for (i = 0; in && i < n; i++) fclose(in[i]);
  free(in);
}

/* {====== Steps ====== */

static int step_size (cli *c, Args *a) {
  Db d;
  int64_t pos, arts;
  int rc, st = dbopen(c, a->shard, &d);
  if (st == 0) {
    if ((rc = tifa_reuse_size(d.stores, d.bases, d.n, NULL, 0, &pos, &arts)) != TIFA_OK) st = dbfail(&d, rc);
    else printf("positions %lld articles %lld\n", (long long)pos, (long long)arts);
  }
  dbclose(&d);
  return st;
}

static int step_df (cli *c, Args *a) {
  Db d;
  uint16_t *r = NULL;
  size_t counters = tifa_reuse_counters(a->positions);
  int rc, st;
  if (a->out == NULL) { cli_error("df needs -o FILE"); return 2; }
  if ((st = dbopen(c, a->shard, &d)) == 0) {
    if ((r = (uint16_t *)calloc(counters, sizeof(*r))) == NULL) { cli_error("not enough memory"); st = 1; }
    else if ((rc = tifa_reuse_df(d.stores, d.bases, d.n, NULL, 0, r, counters)) != TIFA_OK) st = dbfail(&d, rc);
    else st = skwrite(a->out, r, counters);
  }
  free(r);
  dbclose(&d);
  return st;
}

/* Open the sketch file 'path' for reading its counters; '*counters' gets their number. */
static FILE *skopen (const char *path, size_t *counters) {
  FILE *f = fopen(path, "rb");
  char m[8];
  uint32_t hdr[2];
  uint64_t n;
  if (f == NULL) { cli_error("cannot open '%s' (%s)", path, strerror(errno)); return NULL; }
  if (fread(m, 1, 8, f) != 8 || memcmp(m, skmagic, 8) != 0 || fread(hdr, sizeof(hdr), 1, f) != 1
      || hdr[0] != ORDER || fread(&n, sizeof(n), 1, f) != 1 || n < 1024 || (n & (n - 1))) {
    cli_error("'%s' is not a reuse sketch of this machine", path);
    fclose(f);
    return NULL;
  }
  *counters = (size_t)n;
  return f;
}

/* The sketches added up, a block of counters at a time from each. */
static int step_sum (Args *a) {
  enum { BLOCK = 1 << 20 };
  FILE **in = NULL, *out = NULL;
  uint16_t *sum = NULL, *b = NULL;
  size_t counters = 0, n, at, got;
  int i, st = 0;
  uint32_t hdr[2] = {ORDER, 0};
  uint64_t n64;
  if (a->out == NULL || a->nfiles == 0) { cli_error("sum needs -o FILE and the sketches"); return 2; }
  if ((in = (FILE **)calloc((size_t)a->nfiles, sizeof(*in))) == NULL
      || (sum = (uint16_t *)malloc(BLOCK * sizeof(*sum))) == NULL
      || (b = (uint16_t *)malloc(BLOCK * sizeof(*b))) == NULL) { cli_error("not enough memory"); st = 1; goto done; }
  for (i = 0; i < a->nfiles; i++) {
    if ((in[i] = skopen(a->files[i], &n)) == NULL) { st = 1; goto done; }
    if (i == 0) counters = n;
    else if (n != counters) {
      cli_error("'%s' has %zu counters, '%s' %zu: not sketches of one corpus", a->files[i], n, a->files[0], counters);
      st = 1;
      goto done;
    }
  }
  if ((out = openout(a->out)) == NULL) { st = 1; goto done; }
  n64 = counters;
  if (fwrite(skmagic, 1, 8, out) != 8 || fwrite(hdr, sizeof(hdr), 1, out) != 1 || fwrite(&n64, sizeof(n64), 1, out) != 1) st = 1;
  for (at = 0; st == 0 && at < counters; at += n) {
    n = counters - at < BLOCK ? counters - at : BLOCK;
    for (i = 0; st == 0 && i < a->nfiles; i++) {
      if ((got = fread(i ? b : sum, sizeof(*b), n, in[i])) != n) { cli_error("'%s' ends early", a->files[i]); st = 1; }
      else if (i) tifa_reuse_sketch_add(sum, b, n);
    }
    if (st == 0 && fwrite(sum, sizeof(*sum), n, out) != n) st = 1;
  }
  if (st == 1 && out && ferror(out)) cli_error("cannot write '%s' (%s)", a->out, strerror(errno));
  if (out) st = closeout(out, a->out, st);
done:
  for (i = 0; in && i < a->nfiles; i++) if (in[i]) fclose(in[i]);
  free(in); free(sum); free(b);
  return st;
}

static int step_postings (cli *c, Args *a) {
  Db d;
  Sketch s;
  FILE *out;
  char err[TIFA_ERRMAX] = "";
  int rc, st;
  if (a->sketch == NULL || a->parts < 1 || a->nbits != 1) {
    cli_error("postings needs --sketch FILE, --sections P and --bits FILE");
    return 2;
  }
  if ((st = skmap(a->sketch, &s)) != 0) return st;
  if ((st = dbopen(c, a->shard, &d)) == 0) {
    FILE *bits = NULL;
    if ((out = openout(a->out)) == NULL) st = 1;
    else if ((bits = openout(a->bits[0])) == NULL) st = closeout(out, a->out, 1);
    else {
      rc = tifa_reuse_postings(d.stores, d.bases, d.n, NULL, 0, &a->o, s.r, s.counters, (int)a->parts,
                               out, bits, err, sizeof(err));
      if (rc != TIFA_OK) st = err[0] ? (cli_error("%s", err), 1) : dbfail(&d, rc);
      st = closeout(out, a->out, st);
      st = closeout(bits, a->bits[0], st);
    }
  }
  skunmap(&s);
  dbclose(&d);
  return st;
}

static int step_pairs (Args *a) {
  FILE **in, *out;
  char err[TIFA_ERRMAX] = "";
  int rc, st = 0;
  if (a->parts < 1 || a->part < 1) { cli_error("pairs needs --section p and --sections Q"); return 2; }
  if ((in = openins(a->step, a->files, a->nfiles)) == NULL) return 1;
  if ((out = openout(a->out)) == NULL) { closeins(in, a->nfiles); return 1; }
  rc = tifa_reuse_pairs(in, (const char *const *)a->files, (size_t)a->nfiles, (int)a->part - 1, &a->o,
                        (int)a->parts, out, err, sizeof(err));
  if (rc != TIFA_OK) { cli_error("%s", rc == TIFA_NOMEM ? "not enough memory" : err); st = 1; }
  closeins(in, a->nfiles);
  return closeout(out, a->out, st);
}

/* {====== Pairs as JSON ====== */

static const char *const fieldname[] = {"text", "title", "kicker"};

static json_t *jside (const tifa_reuse_side *s) {
  return json_pack("{sI ss sI sI sI ss%}", "id", (json_int_t)s->id, "field", fieldname[s->field],
                   "from", (json_int_t)s->from, "to", (json_int_t)s->to,
                   "paragraph", (json_int_t)s->paragraph, "text", s->text, s->len);
}

static json_t *jpair (const tifa_reuse_pair *p) {
  json_t *j = json_pack("{so so sI sI sb}", "source", jside(&p->source), "target", jside(&p->target),
                        "chars", (json_int_t)p->chars, "edits", (json_int_t)p->edits,
                        "directed", p->directed);
  if (j) json_object_set_new(j, "days", p->days == TIFA_REUSE_NODAYS ? json_null() : json_integer(p->days));
  return j;
}

static int putjson (FILE *f, json_t *j) {
  int rc = j && json_dumpf(j, f, JSON_COMPACT | JSON_PRESERVE_ORDER) == 0 && putc('\n', f) != EOF;
  json_decref(j);
  return rc ? TIFA_OK : TIFA_IO;
}

/* }====== */

static int step_align (cli *c, Args *a) {
  Db d;
  FILE **in = NULL, **bits = NULL, *out = NULL;
  char err[TIFA_ERRMAX] = "";
  int rc, st;
  if (a->part < 1 || a->nbits < 1) { cli_error("align needs --section q and --bits FILE..."); return 2; }
  if ((st = dbopen(c, 0, &d)) == 0 && (in = openins(a->step, a->files, a->nfiles)) == NULL) st = 1;
  if (st == 0 && (bits = openins(a->step, a->bits, a->nbits)) == NULL) st = 1;
  if (st == 0 && (out = openout(a->out)) == NULL) st = 1;
  if (st == 0) {
    rc = tifa_reuse_align(d.stores, d.bases, d.n, in, (const char *const *)a->files, (size_t)a->nfiles,
                          (int)a->part - 1, bits, (const char *const *)a->bits, (size_t)a->nbits, &a->o,
                          a->batch, out, err, sizeof(err));
    if (rc != TIFA_OK) st = err[0] ? (cli_error("%s", err), 1) : dbfail(&d, rc);
    st = closeout(out, a->out, st);
  }
  closeins(in, a->nfiles);
  closeins(bits, a->nbits);
  dbclose(&d);
  return st;
}

/* Articles of the stores of 'd' (the sum of their counts). */
static int64_t articles (Db *d) {
  int64_t total = 0;
  size_t k;
  for (k = 0; k < d->n; k++) {
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(tifa_store_sqlite(d->stores[k]), "SELECT count(*) FROM article", -1, &st, NULL) == SQLITE_OK
        && sqlite3_step(st) == SQLITE_ROW) total += sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
  }
  return total;
}

static int step_finish (cli *c, Args *a) {
  Db d;
  FILE **in;
  tifa_reuse_result *r = NULL;
  char err[TIFA_ERRMAX] = "";
  size_t k;
  int st, rc;
  if ((in = openins(a->step, a->files, a->nfiles)) == NULL) return 1;
  rc = tifa_reuse_read(in, (const char *const *)a->files, (size_t)a->nfiles, &r, err, sizeof(err));
  closeins(in, a->nfiles);
  if (rc != TIFA_OK) {
    cli_error("%s", rc == TIFA_NOMEM ? "not enough memory" : err);
    tifa_reuse_free(r);
    return 1;
  }
  if ((st = dbopen(c, 0, &d)) == 0) {
    tifa_reuse_sort(r->pairs, r->n);
    r->articles = (size_t)articles(&d);
    if (!a->quiet && (rc = tifa_reuse_fill(d.stores, d.bases, d.n, r)) != TIFA_OK) st = dbfail(&d, rc);
    for (k = 0; st == 0 && !a->quiet && k < r->n; k++)
      if (putjson(stdout, jpair(&r->pairs[k])) != TIFA_OK) { cli_error("cannot write (%s)", strerror(errno)); st = 1; }
    if (st == 0 && !a->quiet)
      putjson(stdout, json_pack("{si sI sI sI}", "end", 1, "pairs", (json_int_t)r->n,
                                "candidates", (json_int_t)r->candidates, "articles", (json_int_t)r->articles));
    if (st == 0 && a->save && d.corpus
        && (rc = tifa_shards_reuse_save(d.corpus, &a->o, r, err, sizeof(err))) != TIFA_OK) {
      cli_error("cannot save the pairs in the corpus (%s)", err);
      st = 1;
    }
    dbclose(&d);
  }
  tifa_reuse_free(r);
  return st;
}

int cmd_reuse_step (cli *c, int argc, char **argv) {
  Args a;
  int st;
  if (argc < 1) { cli_error("reuse-step needs a step"); fputs(usage, stderr); return 2; }
  if (strcmp(argv[0], "--help") == 0 || strcmp(argv[0], "-h") == 0) { fputs(usage, stdout); return 0; }
  if ((st = parse(argc, argv, &a)) != 0) { free(a.files); free(a.bits); return st; }
  if (strcmp(a.step, "size") == 0) st = step_size(c, &a);
  else if (strcmp(a.step, "df") == 0) st = step_df(c, &a);
  else if (strcmp(a.step, "sum") == 0) st = step_sum(&a);
  else if (strcmp(a.step, "postings") == 0) st = step_postings(c, &a);
  else if (strcmp(a.step, "pairs") == 0) st = step_pairs(&a);
  else if (strcmp(a.step, "align") == 0) st = step_align(c, &a);
  else if (strcmp(a.step, "finish") == 0) st = step_finish(c, &a);
  else { cli_error("unknown step '%s' (size, df, sum, postings, pairs, align, finish)", a.step); st = 2; }
  free(a.files); free(a.bits);
  return st;
}
