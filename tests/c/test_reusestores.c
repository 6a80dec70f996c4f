/*
** test_reusestores.c -- text reuse over several stores read as one (tifa_reuse.h,
** tifa_reuse_stores, tifa_duplicates_stores, tifa_similar_stores): two stores holding
** alternate halves of the test files give the answers one store holding all of them gives,
** compared by provenance (file, seq) since ids differ: the same passages at the same offsets,
** the same clusters with bitwise the same similarity, the same hits with bitwise the same
** scores. Document frequencies are the whole's: a passage in four generated articles, two in
** each half, is formulaic over both (max_df 3) though each half alone would pair it. What
** could follow the order of ids does not: generated pairs of an article and a copy edited
** every few characters, and near-copies of one text, are read in one order by the store and
** in the other by the halves. The same computation in steps run apart (tifa_reuse_size ...
** tifa_reuse_fill, each half a part, their files in memory) gives tifa_reuse_stores's pairs,
** field for field, and its candidates, whatever the number of sections.
*/
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sqlite3.h>
#include "tifa.h"
#include "tifa_store.h"
#include "tifa_reuse.h"
#include "tifa_shard.h"
#include "check.h"

#define MAXFILE  160
#define NGEN     4                  /* generated articles sharing one passage */

static char tmpdir[256];
static char *files[MAXFILE];
static size_t nfiles;

/* The two halves read as one: the article of id L in half k is TIFA_SHARD_ID(k + 1, L). */
static tifa_store *half[2];
static const int64_t bases[2] = {TIFA_SHARD_ID(1, 0), TIFA_SHARD_ID(2, 0)};

/* {====== Fixture ====== */

static int cmpstr (const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

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

/* Append one random CJK character (U+4E00..U+9FA5) as UTF-8 to 'f'. */
static void putcjk (FILE *f) {
  unsigned cp = 0x4E00 + check_rnd() % (0x9FA6 - 0x4E00);
  fputc((int)(0xE0 | (cp >> 12)), f);
  fputc((int)(0x80 | ((cp >> 6) & 0x3F)), f);
  fputc((int)(0x80 | (cp & 0x3F)), f);
}

/* NGEN articles, each its own file, sharing a passage of 40 characters among text of their
** own; listed with the others (sorted by name, so two fall in each half). */
static void generate (void) {
  char shared[40 * 3 + 1], path[512];
  int k, i;
  FILE *f = fmemopen(shared, sizeof(shared), "w");
  check(f != NULL);
  if (f == NULL) return;
  for (i = 0; i < 40; i++) putcjk(f);
  fclose(f);
  for (k = 0; k < NGEN; k++) {
    snprintf(path, sizeof(path), "%s/gen%d.md", tmpdir, k);
    f = fopen(path, "w");
    check(f != NULL);
    if (f == NULL) return;
    fputs("# ", f);
    for (i = 0; i < 12; i++) putcjk(f);
    fputs("\n\n", f);
    for (i = 0; i < 150; i++) putcjk(f);
    fputs("。\n\n", f);
    fwrite(shared, 1, 40 * 3, f);
    fputs("。\n\n", f);
    for (i = 0; i < 150; i++) putcjk(f);
    fputs("。\n", f);
    fclose(f);
    files[nfiles++] = strdup(path);
  }
}

/* {====== Articles whose order differs ======
** Pairs of articles, the second the first with small edits every few characters, and a
** family of near-copies of one text: an alignment's edits and a MinHash bucket's pairs could
** follow which article comes first. Each goes to the other half than the store's order would
** put it first in: the one store reads A before B, the halves read B (half 1) before A. */

#define NPAIR    16                 /* pairs of an article and its edited copy */
#define NFAMILY  30                 /* near-copies of one text */
#define ALEN     400                /* characters of a generated text */

static char extra[2 * NPAIR + NFAMILY][600];    /* the files, in the one store's order */
static size_t nextra;

static unsigned pick (void) {       /* a CJK character of a small alphabet: repeats abound */
  return 0x4E00 + 37 * (check_rnd() % 40);
}

static void putcp (FILE *f, unsigned cp) {
  fputc((int)(0xE0 | (cp >> 12)), f);
  fputc((int)(0x80 | ((cp >> 6) & 0x3F)), f);
  fputc((int)(0x80 | (cp & 0x3F)), f);
}

/* Write the article of title 't' and text 'cp[0..n)' (a paragraph every 100 characters). */
static void writeart (const char *name, const unsigned *t, size_t nt, const unsigned *cp, size_t n) {
  FILE *f;
  size_t i;
  snprintf(extra[nextra], sizeof(extra[0]), "%s/%s", tmpdir, name);
  f = fopen(extra[nextra], "w");
  check(f != NULL);
  if (f == NULL) return;
  nextra++;
  fputs("# ", f);
  for (i = 0; i < nt; i++) putcp(f, t[i]);
  fputs("\n\n", f);
  for (i = 0; i < n; i++) {
    putcp(f, cp[i]);
    if (i % 100 == 99) fputs("。\n\n", f);
  }
  fputs("。\n", f);
  fclose(f);
}

/* 'out' = 'in' with an edit every 8 to 20 characters: a character changed, put in or left
** out, or two swapped. Returns its length. */
static size_t edit (const unsigned *in, size_t n, unsigned *out) {
  size_t i = 0, m = 0, next = 8 + check_rnd() % 13;
  while (i < n) {
    if (i == next && i + 2 < n) {
      switch (check_rnd() % 4) {
        case 0: out[m++] = pick(); i++; break;
        case 1: out[m++] = pick(); break;
        case 2: i++; break;
        default: out[m++] = in[i + 1]; out[m++] = in[i]; i += 2; break;
      }
      next = i + 8 + check_rnd() % 13;
    }
    else out[m++] = in[i++];
  }
  return m;
}

static void generate2 (void) {
  static unsigned a[ALEN], b[2 * ALEN], t[12];
  char name[64];
  size_t k, i, n;
  for (k = 0; k < NPAIR; k++) {
    for (i = 0; i < 12; i++) t[i] = pick();
    for (i = 0; i < ALEN; i++) a[i] = pick();
    snprintf(name, sizeof(name), "pair%02dA.md", (int)k);
    writeart(name, t, 12, a, ALEN);
    n = edit(a, ALEN, b);
    snprintf(name, sizeof(name), "pair%02dB.md", (int)k);
    writeart(name, t, 12, b, n);
  }
  for (i = 0; i < 12; i++) t[i] = pick();
  for (i = 0; i < ALEN; i++) a[i] = 0x4E00 + check_rnd() % 20000;
  for (k = 0; k < NFAMILY; k++) {             /* a few characters changed in each */
    size_t e, ne = 1 + check_rnd() % 3;
    memcpy(b, a, sizeof(a));
    for (e = 0; e < ne; e++) b[check_rnd() % ALEN] = 0x4E00 + check_rnd() % 20000;
    snprintf(name, sizeof(name), "family%02d.md", (int)k);
    writeart(name, t, 12, b, ALEN);
  }
}

/* }====== */

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

/* }====== */

/* {====== Provenance ====== */

/* The store and local id of 'id': of 'one' when 'one' is not NULL, else of the halves. */
static tifa_store *owner (tifa_store *one, int64_t id, int64_t *local) {
  if (one) { *local = id; return one; }
  *local = TIFA_SHARD_LOCAL(id);
  return half[TIFA_SHARD_OF(id) - 1];
}

/* "path#seq" of article 'id' into 'out' ("?" when it has none: a failed check). */
static void whereis (tifa_store *one, int64_t id, char *out, size_t sz) {
  sqlite3_stmt *st = NULL;
  int64_t local;
  tifa_store *s = owner(one, id, &local);
  snprintf(out, sz, "?");
  if (sqlite3_prepare_v2(tifa_store_sqlite(s), "SELECT f.path, a.seq FROM article AS a JOIN "
                         "file AS f ON f.id = a.file_id WHERE a.id = ?1", -1, &st, NULL) == SQLITE_OK) {
    sqlite3_bind_int64(st, 1, local);
    if (sqlite3_step(st) == SQLITE_ROW)
      snprintf(out, sz, "%s#%lld", (const char *)sqlite3_column_text(st, 0),
               (long long)sqlite3_column_int64(st, 1));
  }
  sqlite3_finalize(st);
  check(out[0] != '?');
}

/* A list of strings, compared once sorted. */
typedef struct lines { char **v; size_t n, cap; } lines;

static void add (lines *l, const char *s) {
  if (l->n == l->cap) {
    l->cap = l->cap ? 2 * l->cap : 64;
    l->v = (char **)realloc(l->v, l->cap * sizeof(*l->v));
  }
  l->v[l->n++] = strdup(s);
}

static void clear (lines *l) {
  size_t i;
  for (i = 0; i < l->n; i++) free(l->v[i]);
  free(l->v);
  memset(l, 0, sizeof(*l));
}

/* Sort both lists and check them equal, showing the first difference. Returns their size. */
static size_t same (lines *a, lines *b, const char *what) {
  size_t i;
  if (a->n > 1) qsort(a->v, a->n, sizeof(*a->v), cmpstr);
  if (b->n > 1) qsort(b->v, b->n, sizeof(*b->v), cmpstr);
  if (a->n != b->n) fprintf(stderr, "%s: %zu lines in one store, %zu over two\n", what, a->n, b->n);
  checkint(b->n, a->n);
  for (i = 0; i < a->n && i < b->n; i++)
    if (strcmp(a->v[i], b->v[i]) != 0) {
      fprintf(stderr, "%s: one store:\n  %s\nover two:\n  %s\n", what, a->v[i], b->v[i]);
      check(0);
      break;
    }
  return a->n;
}

/* }====== */

/* {====== The three analytics, canonical ====== */

static void side (tifa_store *one, const tifa_reuse_side *s, char *out, size_t sz) {
  char w[1100];
  whereis(one, s->id, w, sizeof(w));
  snprintf(out, sz, "%s %d %lld-%lld p%lld [%s]", w, s->field, (long long)s->from,
           (long long)s->to, (long long)s->paragraph, s->text);
}

/* Each pair as a line: sides by provenance when the pair is undirected (its source is the
** lower id, and ids differ), with chars then left out (a side's own count). */
static void reuselines (tifa_store *one, const tifa_reuse_result *r, lines *out) {
  static char a[20000], b[20000], line[41000];
  size_t k;
  for (k = 0; k < r->n; k++) {
    const tifa_reuse_pair *p = &r->pairs[k];
    int undirected = !p->directed && p->source.id != p->target.id;
    side(one, &p->source, a, sizeof(a));
    side(one, &p->target, b, sizeof(b));
    if (undirected && strcmp(a, b) > 0)
      snprintf(line, sizeof(line), "%s | %s | - %lld %d %lld", b, a, (long long)p->edits,
               p->directed, (long long)p->days);
    else if (undirected)
      snprintf(line, sizeof(line), "%s | %s | - %lld %d %lld", a, b, (long long)p->edits,
               p->directed, (long long)p->days);
    else
      snprintf(line, sizeof(line), "%s | %s | %lld %lld %d %lld", a, b, (long long)p->chars,
               (long long)p->edits, p->directed, (long long)p->days);
    add(out, line);
  }
}

static size_t checkreuse (tifa_store *one, const tifa_reuse_opts *o, const char *what) {
  tifa_reuse_result *r1 = NULL, *r2 = NULL;
  lines l1 = {0}, l2 = {0};
  size_t n = 0;
  checkint(tifa_reuse(one, NULL, 0, o, &r1), TIFA_OK);
  checkint(tifa_reuse_stores(half, bases, 2, NULL, 0, o, &r2), TIFA_OK);
  if (r1 && r2) {
    checkint(r2->articles, r1->articles);
    checkint(r2->candidates, r1->candidates);
    reuselines(one, r1, &l1);
    reuselines(NULL, r2, &l2);
    n = same(&l1, &l2, what);
  }
  tifa_reuse_free(r1); tifa_reuse_free(r2);
  clear(&l1); clear(&l2);
  return n;
}

/* Each cluster as a line: its members' provenance, sorted, its similarity to the bit and the
** full date of its first printing (which among one day's articles follows ids). */
static void duplines (tifa_store *one, const tifa_dup_result *d, lines *out) {
  size_t k, i;
  for (k = 0; k < d->n; k++) {
    const tifa_dup_cluster *c = &d->clusters[k];
    lines m = {0};
    char w[1100], line[16384];
    size_t at = 0;
    int64_t local;
    tifa_store *s;
    sqlite3_stmt *st = NULL;
    for (i = 0; i < c->n; i++) { whereis(one, c->ids[i], w, sizeof(w)); add(&m, w); }
    qsort(m.v, m.n, sizeof(*m.v), cmpstr);
    at += (size_t)snprintf(line, sizeof(line), "%a", c->similarity);
    for (i = 0; i < m.n && at < sizeof(line); i++)
      at += (size_t)snprintf(line + at, sizeof(line) - at, " %s", m.v[i]);
    s = owner(one, c->ids[0], &local);
    if (at < sizeof(line) &&
        sqlite3_prepare_v2(tifa_store_sqlite(s), "SELECT date FROM article WHERE id = ?1", -1,
                           &st, NULL) == SQLITE_OK) {
      sqlite3_bind_int64(st, 1, local);
      if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_bytes(st, 0) == 10)   /* full dates */
        snprintf(line + at, sizeof(line) - at, " first %s", (const char *)sqlite3_column_text(st, 0));
    }
    sqlite3_finalize(st);
    add(out, line);
    clear(&m);
  }
}

static size_t checkdup (tifa_store *one, double threshold, const char *what) {
  tifa_dup_result *d1 = NULL, *d2 = NULL;
  lines l1 = {0}, l2 = {0};
  size_t n = 0;
  checkint(tifa_duplicates(one, NULL, 0, threshold, &d1), TIFA_OK);
  checkint(tifa_duplicates_stores(half, bases, 2, NULL, 0, threshold, &d2), TIFA_OK);
  if (d1 && d2) {
    size_t k, i;
    checkint(d2->nids, d1->nids);
    checkint(d2->candidates, d1->candidates);
    for (k = 0; k < d2->nids; k++) {         /* canonical: a member of its own cluster */
      int found = d2->canonical[k] == d2->ids[k];
      for (i = 0; i < d2->n && !found; i++) {
        size_t j, in = 0, first = 0;
        for (j = 0; j < d2->clusters[i].n; j++) {
          in |= d2->clusters[i].ids[j] == d2->ids[k];
          first |= d2->clusters[i].ids[j] == d2->canonical[k] && j == 0;
        }
        found = in && first;
      }
      check(found);
    }
    duplines(one, d1, &l1);
    duplines(NULL, d2, &l2);
    n = same(&l1, &l2, what);
  }
  tifa_dup_free(d1); tifa_dup_free(d2);
  clear(&l1); clear(&l2);
  return n;
}

/* The hits of one target as lines: provenance, score to the bit, shared words. */
static void similarlines (tifa_store *one, const tifa_similar_result *r, lines *out) {
  size_t k, i;
  for (k = 0; k < r->n; k++) {
    char w[1100], line[2048];
    size_t at;
    whereis(one, r->hits[k].id, w, sizeof(w));
    at = (size_t)snprintf(line, sizeof(line), "%a %s", r->hits[k].score, w);
    for (i = 0; i < TIFA_SIMILAR_SHARED && r->hits[k].shared[i] && at < sizeof(line); i++)
      at += (size_t)snprintf(line + at, sizeof(line) - at, " %s", r->hits[k].shared[i]);
    add(out, line);
  }
}

/* The similar articles (all of them, so no tie is cut) of every third article, in one store
** and over both: the same. Returns the hits compared. */
static size_t checksimilar (tifa_store *one) {
  sqlite3_stmt *st = NULL;
  size_t n = 0;
  check(sqlite3_prepare_v2(tifa_store_sqlite(one), "SELECT id FROM article WHERE id % 3 = 1 "
                           "ORDER BY id", -1, &st, NULL) == SQLITE_OK);
  while (st && sqlite3_step(st) == SQLITE_ROW) {
    int64_t id = sqlite3_column_int64(st, 0), gid = 0;
    char w[1100];
    tifa_similar_result *m1 = NULL, *m2 = NULL;
    lines l1 = {0}, l2 = {0};
    int k;
    whereis(one, id, w, sizeof(w));
    for (k = 0; k < 2 && gid == 0; k++) {     /* the same article among the halves */
      sqlite3_stmt *q = NULL;
      size_t plen = strcspn(w, "#");
      if (sqlite3_prepare_v2(tifa_store_sqlite(half[k]), "SELECT a.id FROM article AS a JOIN "
                             "file AS f ON f.id = a.file_id WHERE f.path = ?1 AND a.seq = ?2",
                             -1, &q, NULL) == SQLITE_OK) {
        sqlite3_bind_text(q, 1, w, (int)plen, SQLITE_TRANSIENT);
        sqlite3_bind_int64(q, 2, atoll(w + plen + 1));
        if (sqlite3_step(q) == SQLITE_ROW) gid = bases[k] + sqlite3_column_int64(q, 0);
      }
      sqlite3_finalize(q);
    }
    check(gid != 0);
    checkint(tifa_similar(one, id, NULL, 0, 100000, &m1), TIFA_OK);
    checkint(tifa_similar_stores(half, bases, 2, gid, NULL, 0, 100000, &m2), TIFA_OK);
    if (m1 && m2) {
      similarlines(one, m1, &l1);
      similarlines(NULL, m2, &l2);
      n += same(&l1, &l2, w);
    }
    tifa_similar_free(m1); tifa_similar_free(m2);
    clear(&l1); clear(&l2);
  }
  sqlite3_finalize(st);
  return n;
}

/* }====== */

static int isgen (const char *where) {         /* tmpdir/genK.md#0 */
  size_t n = strlen(tmpdir);
  return strncmp(where, tmpdir, n) == 0 && strncmp(where + n, "/gen", 4) == 0;
}

/* Pairs of two articles of the files generate() made in 'r'. */
static size_t genpairs (tifa_store *one, const tifa_reuse_result *r) {
  size_t k, n = 0;
  for (k = 0; r && k < r->n; k++) {
    char a[1100], b[1100];
    whereis(one, r->pairs[k].source.id, a, sizeof(a));
    whereis(one, r->pairs[k].target.id, b, sizeof(b));
    n += isgen(a) && isgen(b);
  }
  return n;
}

/* Every article of both halves by id, with ids of no store mixed in: the same as NULL. */
static void idlists (void) {
  int64_t ids[2048];
  size_t n = 0, k;
  tifa_reuse_result *r1 = NULL, *r2 = NULL;
  tifa_similar_result *m = NULL;
  ids[n++] = 7;                                 /* below bases[0]: in no store */
  for (k = 0; k < 2; k++) {
    sqlite3_stmt *st = NULL;
    check(sqlite3_prepare_v2(tifa_store_sqlite(half[k]), "SELECT id FROM article ORDER BY id",
                             -1, &st, NULL) == SQLITE_OK);
    while (st && sqlite3_step(st) == SQLITE_ROW && n < 2040)
      ids[n++] = bases[k] + sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
  }
  ids[n++] = TIFA_SHARD_ID(2, 99999);           /* past the last article of half 2 */
  checkint(tifa_reuse_stores(half, bases, 2, NULL, 0, NULL, &r1), TIFA_OK);
  checkint(tifa_reuse_stores(half, bases, 2, ids, n, NULL, &r2), TIFA_OK);
  if (r1 && r2) {
    checkint(r2->articles, n - 2);
    checkint(r2->n, r1->n);
    for (k = 0; k < r1->n && k < r2->n; k++) {
      check(r1->pairs[k].source.id == r2->pairs[k].source.id);
      check(r1->pairs[k].target.id == r2->pairs[k].target.id);
      check(r1->pairs[k].source.from == r2->pairs[k].source.from);
    }
  }
  tifa_reuse_free(r1); tifa_reuse_free(r2);
  /* an id of no store: not found, the message on stores[0] */
  checkint(tifa_similar_stores(half, bases, 2, 7, NULL, 0, 3, &m), TIFA_NOTFOUND);
  check(m == NULL);
  checkstr(tifa_store_errmsg(half[0]), "article 7 not found");
  checkint(tifa_reuse_stores(half, bases, 0, NULL, 0, NULL, &r1), TIFA_ERROR);
  check(r1 == NULL);
}

/* {====== Reuse in steps ====== */

/* The steps over the two halves as parts, 'parts' sections, into '*out' (sorted, filled). */
static int steps (const tifa_reuse_opts *o, int parts, tifa_reuse_result **out) {
  int64_t pos[2], arts[2];
  size_t counters, k;
  uint16_t *sk[2];
  FILE *post[2], *bits[2], **seeds, **al;
  const char *names[8] = {"p1", "p2", "p3", "p4", "p5", "p6", "p7", "p8"};
  char err[TIFA_ERRMAX] = "";
  int rc = TIFA_OK, p;
  *out = NULL;
  for (k = 0; k < 2; k++) checkint(tifa_reuse_size(&half[k], &bases[k], 1, NULL, 0, &pos[k], &arts[k]), TIFA_OK);
  counters = tifa_reuse_counters(pos[0] + pos[1]);
  for (k = 0; k < 2; k++) {
    sk[k] = (uint16_t *)calloc(counters, sizeof(uint16_t));
    checkint(tifa_reuse_df(&half[k], &bases[k], 1, NULL, 0, sk[k], counters), TIFA_OK);
  }
  tifa_reuse_sketch_add(sk[0], sk[1], counters);
  seeds = (FILE **)calloc((size_t)parts, sizeof(FILE *));
  al = (FILE **)calloc((size_t)parts, sizeof(FILE *));
  for (k = 0; k < 2; k++) {
    post[k] = tmpfile(); bits[k] = tmpfile();
    rc = tifa_reuse_postings(&half[k], &bases[k], 1, NULL, 0, o, sk[0], counters, parts, post[k],
                             bits[k], err, sizeof(err));
    checkint(rc, TIFA_OK);
  }
  for (p = 0; p < parts; p++) {
    seeds[p] = tmpfile();
    for (k = 0; k < 2; k++) rewind(post[k]);
    checkint(tifa_reuse_pairs(post, names, 2, p, o, parts, seeds[p], err, sizeof(err)), TIFA_OK);
  }
  for (p = 0; p < parts; p++) {
    al[p] = tmpfile();
    for (k = 0; k < (size_t)parts; k++) rewind(seeds[k]);
    for (k = 0; k < 2; k++) rewind(bits[k]);
    rc = tifa_reuse_align(half, bases, 2, seeds, names, (size_t)parts, p, bits, names, 2, o, 7, al[p],
                          err, sizeof(err));
    checkint(rc, TIFA_OK);
    if (rc != TIFA_OK) fprintf(stderr, "align: %s %s\n", err, tifa_store_errmsg(half[0]));
    rewind(al[p]);
  }
  rc = tifa_reuse_read(al, names, (size_t)parts, out, err, sizeof(err));
  checkint(rc, TIFA_OK);
  if (rc == TIFA_OK) {
    tifa_reuse_sort((*out)->pairs, (*out)->n);
    rc = tifa_reuse_fill(half, bases, 2, *out);
    checkint(rc, TIFA_OK);
    (*out)->articles = (size_t)(arts[0] + arts[1]);
  }
  for (k = 0; k < 2; k++) { free(sk[k]); fclose(post[k]); fclose(bits[k]); }
  for (p = 0; p < parts; p++) { fclose(seeds[p]); fclose(al[p]); }
  free(seeds); free(al);
  /* a file that is not what a step reads is named */
  {
    FILE *bad = tmpfile(), *o2 = tmpfile();
    const char *bn[1] = {"bad.po"};
    fputs("not postings", bad);
    rewind(bad);
    checkint(tifa_reuse_pairs(&bad, bn, 1, 0, o, parts, o2, err, sizeof(err)), TIFA_FORMAT);
    check(strstr(err, "'bad.po' is not a file of reuse postings") != NULL);
    fclose(bad); fclose(o2);
  }
  return rc;
}

static int sameside (const tifa_reuse_side *a, const tifa_reuse_side *b) {
  return a->id == b->id && a->field == b->field && a->from == b->from && a->to == b->to
         && a->paragraph == b->paragraph && a->len == b->len && memcmp(a->text, b->text, a->len) == 0;
}

/* The steps' answer is tifa_reuse_stores's, pair for pair. Returns the pairs. */
static size_t checksteps (const tifa_reuse_opts *o, int parts, const char *what) {
  tifa_reuse_result *r1 = NULL, *r2 = NULL;
  size_t k, n = 0, bad = 0;
  checkint(tifa_reuse_stores(half, bases, 2, NULL, 0, o, &r1), TIFA_OK);
  if (steps(o, parts, &r2) == TIFA_OK && r1 && r2) {
    checkint(r2->n, r1->n);
    checkint(r2->candidates, r1->candidates);
    checkint(r2->articles, r1->articles);
    for (k = 0; k < r1->n && k < r2->n; k++) {
      const tifa_reuse_pair *p = &r1->pairs[k], *q = &r2->pairs[k];
      if (!sameside(&p->source, &q->source) || !sameside(&p->target, &q->target) || p->chars != q->chars
          || p->edits != q->edits || p->directed != q->directed || p->days != q->days) {
        if (bad++ < 3) fprintf(stderr, "%s: pair %zu differs in steps\n", what, k);
      }
    }
    checkint(bad, 0);
    n = r1->n;
  }
  tifa_reuse_free(r1); tifa_reuse_free(r2);
  return n;
}

/* }====== */

int main (void) {
  const char *data = getenv("TIFA_DATA"), *seeds = getenv("TIFA_SEEDS");
  static const char *const dirs[] = {"layout", "genres", "gongwen", "reuse", NULL};
  static const char *const phrases[] = {"进一步形成大保护大开放高质量发展新格局", "新时代推动西部大开发座谈会", NULL};
  char dir[1024];
  tifa_store *one = NULL;
  tifa_reuse_opts o;
  tifa_reuse_result *r = NULL;
  size_t i, n;
  check(data != NULL && seeds != NULL);
  if (data == NULL || seeds == NULL) return check_done("test_reusestores");
  snprintf(tmpdir, sizeof(tmpdir), "%s/tifa_reusestores_XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
  check(mkdtemp(tmpdir) != NULL);
  listdir(seeds);
  for (i = 0; dirs[i]; i++) {
    snprintf(dir, sizeof(dir), "%s/%s", data, dirs[i]);
    listdir(dir);
  }
  generate();
  qsort(files, nfiles, sizeof(files[0]), cmpstr);
  check(nfiles >= 40);
  one = create("one.db");
  half[0] = create("a.db");
  half[1] = create("b.db");
  if (one == NULL || half[0] == NULL || half[1] == NULL) goto done;
  for (i = 0; i < nfiles; i++) {
    ingest(half[i % 2], files[i]);
    ingest(one, files[i]);
  }
  generate2();
  for (i = 0; i < nextra; i++) {                /* the one store: A before B, the halves: */
    ingest(one, extra[i]);                      /* B (half 1) before A (half 2) */
    ingest(half[(i + 1) % 2], extra[i]);
  }

  memset(&o, 0, sizeof(o));
  n = checkreuse(one, NULL, "reuse");
  check(n > 20);                                /* the fixture reuses: the test has matter */
  o.within = 1;
  check(checkreuse(one, &o, "reuse within") > n);
  o.within = 0; o.min_chars = 12; o.max_df = 3;
  check(checkreuse(one, &o, "reuse max_df 3") > 0);
  o.max_df = 0; o.within_days = 1;
  checkreuse(one, &o, "reuse within_days 1");
  o.within_days = 0;
  o.formulaic = phrases; o.nformulaic = 2;
  checkreuse(one, &o, "reuse formulaic");

  /* in steps, as run apart: 1 and 3 sections, with options */
  memset(&o, 0, sizeof(o));
  check(checksteps(&o, 1, "steps") > 20);
  check(checksteps(&o, 3, "steps 3 sections") > 20);
  o.within = 1; o.min_chars = 12; o.max_df = 3;
  check(checksteps(&o, 2, "steps within, max_df 3") > 0);
  o.within = 0; o.max_df = 0; o.within_days = 1;
  checksteps(&o, 3, "steps within_days 1");

  /* the generated passage is in 4 articles, 2 in each half: over both, at max_df 3, it is
  ** formulaic and pairs nothing, as in one store; each half alone would pair it */
  memset(&o, 0, sizeof(o));
  o.max_df = 3;
  checkint(tifa_reuse(half[0], NULL, 0, &o, &r), TIFA_OK);
  check(genpairs(half[0], r) == 1);
  tifa_reuse_free(r);
  checkint(tifa_reuse_stores(half, bases, 2, NULL, 0, &o, &r), TIFA_OK);
  checkint(genpairs(NULL, r), 0);
  tifa_reuse_free(r);
  o.max_df = 0;                                 /* at the default (12) it pairs 6 ways */
  checkint(tifa_reuse_stores(half, bases, 2, NULL, 0, &o, &r), TIFA_OK);
  checkint(genpairs(NULL, r), NGEN * (NGEN - 1) / 2);
  tifa_reuse_free(r);

  check(checkdup(one, 0, "duplicates") > 0);
  checkdup(one, 0.5, "duplicates 0.5");
  checkdup(one, 0.2, "duplicates 0.2");
  check(checksimilar(one) > 1000);
  idlists();

done:
  tifa_store_close(one);
  tifa_store_close(half[0]);
  tifa_store_close(half[1]);
  for (i = 0; i < nfiles; i++) free(files[i]);
  {
    static const char *const names[] = {"one.db", "a.db", "b.db"};
    static const char *const sufs[] = {"", "-wal", "-shm", "-journal"};
    char p[600];
    size_t k, m;
    for (k = 0; k < 3; k++)
      for (m = 0; m < 4; m++) {
        snprintf(p, sizeof(p), "%s/%s%s", tmpdir, names[k], sufs[m]);
        unlink(p);
      }
    for (k = 0; k < NGEN; k++) {
      snprintf(p, sizeof(p), "%s/gen%d.md", tmpdir, (int)k);
      unlink(p);
    }
    for (k = 0; k < nextra; k++) unlink(extra[k]);
    rmdir(tmpdir);
  }
  return check_done("test_reusestores");
}
