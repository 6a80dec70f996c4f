/*
** reusesteps.c -- text reuse in steps that run apart (tifa_reuse.h, "Reuse in steps"): the
** size and document frequencies of each part, its seed n-grams, the seeds paired across
** parts, and the pairs aligned in batches. The files between steps are binary, in this
** machine's byte order: a header (magic, byte-order mark, sections), then fixed records.
*/
#include <stdlib.h>
#include <string.h>
#include <stdarg.h>
#include "tifa.h"
#include "tifa_reuse.h"
#include "reusecore.h"
#include "shingles.h"
#include "each.h"
#include "store.h"
#include "buf.h"

#define ORDER      0x01020304u      /* byte-order mark */
#define MAXPARTS   4096

static const char postmagic[8] = {'T', 'I', 'F', 'A', 'R', 'P', 'O', '1'};
static const char seedmagic[8] = {'T', 'I', 'F', 'A', 'R', 'S', 'E', '1'};
static const char bitsmagic[8] = {'T', 'I', 'F', 'A', 'R', 'F', 'B', '1'};

typedef struct RBits { int64_t id; uint32_t len, zero; } RBits;    /* then (len + 7) / 8 bytes */

static const char pairmagic[8] = {'T', 'I', 'F', 'A', 'R', 'A', 'L', '1'};

typedef struct RSide { int64_t id, from, to, paragraph; int32_t field, zero; } RSide;
typedef struct RPair { RSide s, t; int64_t chars, edits, days; int32_t directed, zero; } RPair;

typedef struct RDoc {               /* a document of a postings file */
  int64_t id;
  int32_t day;
  uint32_t len, text, zero;
  uint64_t hash, where;
} RDoc;

typedef struct RPost { uint64_t h; int64_t id; uint32_t pos, zero; } RPost;
typedef struct RSeed { int64_t a, b; uint32_t pa, pb; } RSeed;    /* a: the first side */

static int fail (int rc, char *err, size_t errsz, const char *fmt, ...) {
  va_list ap;
  if (err && errsz) {
    va_start(ap, fmt);
    vsnprintf(err, errsz, fmt, ap);
    va_end(ap);
  }
  return rc;
}

static void source (tifai_source *src, tifa_store *const *stores, const int64_t *bases,
                    size_t n) {
  src->stores = stores; src->bases = bases; src->n = n;
}

/* The section of a posting with hash 'h', of a seed of articles (a, b). */
static uint32_t hashpart (uint64_t h, int parts) { return (uint32_t)(h >> 32) % (uint32_t)parts; }
static uint32_t pairpart (int64_t a, int64_t b, int parts) {
  uint64_t h = (uint64_t)a * 0x9E3779B97F4A7C15u ^ (uint64_t)b;
  h ^= h >> 33; h *= 0xFF51AFD7ED558CCDu; h ^= h >> 33;
  return (uint32_t)(h % (uint64_t)parts);
}

/* {====== Steps 1 and 2: size, document frequencies ====== */

int tifa_reuse_size (tifa_store *const *stores, const int64_t *bases, size_t n,
                     const int64_t *ids, size_t nids, int64_t *positions, int64_t *articles) {
  tifai_source src;
  tifai_scorpus c;
  int rc;
  if (n == 0) return TIFA_ERROR;
  source(&src, stores, bases, n);
  memset(&c, 0, sizeof(c));
  rc = tifai_scorpus_build(&src, ids, nids, &c);
  *positions = (int64_t)c.ncp;
  *articles = (int64_t)c.ndocs;
  tifai_scorpus_free(&c);
  return rc;
}

size_t tifa_reuse_counters (int64_t positions) {
  return tifai_reuse_counters(positions > 0 ? (size_t)positions : 0);
}

int tifa_reuse_df (tifa_store *const *stores, const int64_t *bases, size_t n,
                   const int64_t *ids, size_t nids, uint16_t *sketch, size_t counters) {
  tifai_source src;
  Ctx x;
  int rc;
  if (n == 0) return TIFA_ERROR;
  source(&src, stores, bases, n);
  memset(&x, 0, sizeof(x));
  rc = tifai_reuse_begin(&x, &src, NULL);
  if (rc == TIFA_OK) rc = tifai_scorpus_build(&src, ids, nids, &x.c);
  if (rc == TIFA_OK) rc = tifai_reuse_sketch(&x, sketch, counters);
  if (rc == TIFA_OK) rc = tifai_reuse_countdf(&x);
  tifai_reuse_end(&x);
  return rc;
}

void tifa_reuse_sketch_add (uint16_t *to, const uint16_t *from, size_t counters) {
  size_t i;
  for (i = 0; i < counters; i++) {
    uint32_t v = (uint32_t)to[i] + from[i];
    to[i] = (uint16_t)(v > UINT16_MAX ? UINT16_MAX : v);
  }
}

/* }====== */

/* {====== Step 3: postings ====== */

static int put (FILE *f, const void *p, size_t size) {
  return fwrite(p, 1, size, f) == size ? TIFA_OK : TIFA_IO;
}

/* The formulaic bits of x's documents to 'f': header, then each document's record and bits. */
static int putbits (Ctx *x, FILE *f) {
  uint32_t hdr[2] = {ORDER, 0};
  uint64_t ndocs = x->c.ndocs;
  uint8_t *b = NULL;
  size_t d, cap = 0;
  int rc = put(f, bitsmagic, 8);
  if (rc == TIFA_OK) rc = put(f, hdr, sizeof(hdr));
  if (rc == TIFA_OK) rc = put(f, &ndocs, sizeof(ndocs));
  for (d = 0; rc == TIFA_OK && d < x->c.ndocs; d++) {
    const tifai_sdoc *D = &x->c.docs[d];
    size_t nb = ((size_t)D->len + 7) / 8, i;
    RBits r;
    if (nb > cap) {
      uint8_t *p = (uint8_t *)realloc(b, nb);
      if (p == NULL) { rc = TIFA_NOMEM; break; }
      b = p; cap = nb;
    }
    memset(b, 0, nb);
    for (i = 0; i < D->len; i++)
      if (tifai_reuse_isformulaic(x, D->start + i)) b[i >> 3] |= (uint8_t)(1u << (i & 7));
    r.id = D->id; r.len = D->len; r.zero = 0;
    rc = put(f, &r, sizeof(r));
    if (rc == TIFA_OK) rc = put(f, b, nb);
  }
  free(b);
  if (rc == TIFA_OK && fflush(f) != 0) rc = TIFA_IO;
  return rc;
}

int tifa_reuse_postings (tifa_store *const *stores, const int64_t *bases, size_t n,
                         const int64_t *ids, size_t nids, const tifa_reuse_opts *o,
                         const uint16_t *sketch, size_t counters, int parts, FILE *out,
                         FILE *bits, char *err, size_t errsz) {
  tifai_source src;
  Ctx x;
  uint64_t *count = NULL, ndocs;
  uint32_t hdr[2];
  size_t k, d;
  int rc, p;
  if (n == 0) return TIFA_ERROR;
  if (parts < 1 || parts > MAXPARTS) return fail(TIFA_ERROR, err, errsz, "bad number of sections %d", parts);
  source(&src, stores, bases, n);
  memset(&x, 0, sizeof(x));
  rc = tifai_reuse_begin(&x, &src, o);
  if (rc == TIFA_OK) rc = tifai_scorpus_build(&src, ids, nids, &x.c);
  if (rc == TIFA_OK) rc = tifai_reuse_sketch(&x, (uint16_t *)(uintptr_t)sketch, counters);
  if (rc == TIFA_OK) rc = tifai_reuse_winnow(&x);
  if (rc == TIFA_OK && (count = (uint64_t *)calloc((size_t)parts, sizeof(*count))) == NULL) rc = TIFA_NOMEM;
  if (rc != TIFA_OK) goto done;
  for (k = 0; k < x.npost; k++) count[hashpart(x.post[k].h, parts)]++;
  hdr[0] = ORDER; hdr[1] = (uint32_t)parts;
  ndocs = x.c.ndocs;
  rc = put(out, postmagic, 8);
  if (rc == TIFA_OK) rc = put(out, hdr, sizeof(hdr));
  if (rc == TIFA_OK) rc = put(out, &ndocs, sizeof(ndocs));
  if (rc == TIFA_OK) rc = put(out, count, (size_t)parts * sizeof(*count));
  for (d = 0; rc == TIFA_OK && d < x.c.ndocs; d++) {
    const tifai_sdoc *D = &x.c.docs[d];
    RDoc r;
    memset(&r, 0, sizeof(r));
    r.id = D->id; r.day = D->day; r.len = D->len; r.text = D->text; r.hash = D->hash; r.where = D->where;
    rc = put(out, &r, sizeof(r));
  }
  for (p = 0; rc == TIFA_OK && p < parts; p++)
    for (k = 0; rc == TIFA_OK && k < x.npost; k++) {
      RPost r;
      if (hashpart(x.post[k].h, parts) != (uint32_t)p) continue;
      r.h = x.post[k].h; r.id = x.c.docs[x.post[k].doc].id; r.pos = x.post[k].pos; r.zero = 0;
      rc = put(out, &r, sizeof(r));
    }
  if (rc == TIFA_OK && fflush(out) != 0) rc = TIFA_IO;
  if (rc == TIFA_OK && bits) rc = putbits(&x, bits);
  if (rc == TIFA_IO) fail(rc, err, errsz, "cannot write the postings");
done:
  free(count);
  tifai_reuse_end(&x);
  return rc;
}

/* }====== */

/* {====== Reading step files ====== */

static int get (FILE *f, void *p, size_t size) {
  return fread(p, 1, size, f) == size ? TIFA_OK : TIFA_FORMAT;
}

/* Read a header: magic, order, sections (which must be 'parts' if > 0, else taken), and
** (postings) the number of documents; then the sections' counts into count[]. */
static int header (FILE *f, const char *name, const char *magic, const char *what, int *parts,
                   uint64_t *ndocs, uint64_t **count, char *err, size_t errsz) {
  char m[8];
  uint32_t hdr[2];
  if (get(f, m, 8) != TIFA_OK || memcmp(m, magic, 8) != 0)
    return fail(TIFA_FORMAT, err, errsz, "'%s' is not a file of %s", name, what);
  if (get(f, hdr, sizeof(hdr)) != TIFA_OK || hdr[0] != ORDER)
    return fail(TIFA_FORMAT, err, errsz, "'%s' was written on a machine of another byte order", name);
  if (hdr[1] < 1 || hdr[1] > MAXPARTS || (*parts > 0 && hdr[1] != (uint32_t)*parts))
    return fail(TIFA_FORMAT, err, errsz, "'%s' has %u sections, not %d", name, hdr[1], *parts);
  *parts = (int)hdr[1];
  if (ndocs && get(f, ndocs, sizeof(*ndocs)) != TIFA_OK)
    return fail(TIFA_FORMAT, err, errsz, "'%s' ends early", name);
  if ((*count = (uint64_t *)malloc((size_t)*parts * sizeof(**count))) == NULL) return TIFA_NOMEM;
  if (get(f, *count, (size_t)*parts * sizeof(**count)) != TIFA_OK)
    return fail(TIFA_FORMAT, err, errsz, "'%s' ends early", name);
  return TIFA_OK;
}

/* Append 'n' records of 'size' bytes from 'f' to the array *v (*nv used, *cv allocated). */
static int append (FILE *f, const char *name, void **v, size_t *nv, size_t *cv, uint64_t n,
                   size_t size, char *err, size_t errsz) {
  if (*nv + n > *cv) {
    size_t cap = *cv ? *cv : 1024;
    void *p;
    while (cap < *nv + n) cap *= 2;
    if ((p = realloc(*v, cap * size)) == NULL) return TIFA_NOMEM;
    *v = p; *cv = cap;
  }
  if (n && fread((char *)*v + *nv * size, size, (size_t)n, f) != (size_t)n)
    return fail(TIFA_FORMAT, err, errsz, "'%s' ends early", name);
  *nv += (size_t)n;
  return TIFA_OK;
}

static int skip (FILE *f, const char *name, uint64_t bytes, char *err, size_t errsz) {
  if (bytes && fseeko(f, (off_t)bytes, SEEK_CUR) != 0)
    return fail(TIFA_FORMAT, err, errsz, "cannot read '%s'", name);
  return TIFA_OK;
}

/* }====== */

/* {====== Step 4: pairs ====== */

static int cmpdoc (const void *a, const void *b) {
  const RDoc *p = (const RDoc *)a, *q = (const RDoc *)b;
  return p->id < q->id ? -1 : p->id > q->id;
}

/* Index of article 'id' in docs[0..n) (sorted), or n. */
static size_t finddoc (const tifai_sdoc *docs, size_t n, int64_t id) {
  size_t lo = 0, hi = n;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (docs[mid].id < id) lo = mid + 1; else hi = mid;
  }
  return lo < n && docs[lo].id == id ? lo : n;
}

int tifa_reuse_pairs (FILE *const *in, const char *const *names, size_t nin, int part,
                      const tifa_reuse_opts *o, int parts, FILE *out, char *err, size_t errsz) {
  tifai_source src;
  Ctx x;
  RDoc *docs = NULL;
  RPost *post = NULL;
  uint64_t *count = NULL, *pcount = NULL;
  size_t ndocs = 0, cdocs = 0, npost = 0, cpost = 0, f, k;
  uint32_t hdr[2];
  int rc = TIFA_OK, inparts = 0, q;
  source(&src, NULL, NULL, 0);
  memset(&x, 0, sizeof(x));
  if (parts < 1 || parts > MAXPARTS) return fail(TIFA_ERROR, err, errsz, "bad number of sections %d", parts);
  for (f = 0; rc == TIFA_OK && f < nin; f++) {
    uint64_t nd, before = 0;
    int pp;
    free(count); count = NULL;
    rc = header(in[f], names[f], postmagic, "reuse postings", &inparts, &nd, &count, err, errsz);
    if (rc == TIFA_OK && (part < 0 || part >= inparts))
      rc = fail(TIFA_ERROR, err, errsz, "no section %d in '%s' (%d sections)", part + 1, names[f], inparts);
    if (rc == TIFA_OK) rc = append(in[f], names[f], (void **)&docs, &ndocs, &cdocs, nd, sizeof(RDoc), err, errsz);
    for (pp = 0; rc == TIFA_OK && pp < part; pp++) before += count[pp];
    if (rc == TIFA_OK) rc = skip(in[f], names[f], before * sizeof(RPost), err, errsz);
    if (rc == TIFA_OK) rc = append(in[f], names[f], (void **)&post, &npost, &cpost, count[part], sizeof(RPost), err, errsz);
  }
  if (rc != TIFA_OK) goto done;
  qsort(docs, ndocs, sizeof(*docs), cmpdoc);
  for (k = 1; k < ndocs; k++)
    if (docs[k].id == docs[k - 1].id) {
      rc = fail(TIFA_FORMAT, err, errsz, "article %lld is in two postings files", (long long)docs[k].id);
      goto done;
    }
  if ((rc = tifai_reuse_begin(&x, &src, o)) != TIFA_OK) goto done;
  if ((x.c.docs = (tifai_sdoc *)calloc(ndocs ? ndocs : 1, sizeof(*x.c.docs))) == NULL ||
      (x.post = (Posting *)malloc((npost ? npost : 1) * sizeof(*x.post))) == NULL) { rc = TIFA_NOMEM; goto done; }
  for (k = 0; k < ndocs; k++) {             /* positions stay relative: every start is 0 */
    tifai_sdoc *D = &x.c.docs[k];
    D->id = docs[k].id; D->day = docs[k].day; D->start = 0; D->len = docs[k].len;
    D->text = docs[k].text; D->hash = docs[k].hash; D->where = docs[k].where;
  }
  x.c.ndocs = ndocs;
  for (k = 0; k < npost; k++) {
    size_t d = finddoc(x.c.docs, ndocs, post[k].id);
    if (d == ndocs || post[k].pos >= x.c.docs[d].len) {
      rc = fail(TIFA_FORMAT, err, errsz, "a posting of article %lld is not in its file's documents",
                (long long)post[k].id);
      goto done;
    }
    x.post[k].h = post[k].h; x.post[k].doc = (uint32_t)d; x.post[k].pos = post[k].pos;
  }
  x.npost = x.cpost = npost;
  free(post); post = NULL;
  if ((rc = tifai_reuse_pairseeds(&x, 1)) != TIFA_OK) goto done;   /* by (a, b, pa, pb) */
  if ((pcount = (uint64_t *)calloc((size_t)parts, sizeof(*pcount))) == NULL) { rc = TIFA_NOMEM; goto done; }
  for (k = 0; k < x.nseed; k++) {
    const tifai_sdoc *A = &x.c.docs[x.seed[k].docs >> 32], *B = &x.c.docs[(uint32_t)x.seed[k].docs];
    pcount[pairpart(A->id, B->id, parts)]++;
  }
  hdr[0] = ORDER; hdr[1] = (uint32_t)parts;
  rc = put(out, seedmagic, 8);
  if (rc == TIFA_OK) rc = put(out, hdr, sizeof(hdr));
  if (rc == TIFA_OK) rc = put(out, pcount, (size_t)parts * sizeof(*pcount));
  for (q = 0; rc == TIFA_OK && q < parts; q++)
    for (k = 0; rc == TIFA_OK && k < x.nseed; k++) {
      const tifai_sdoc *A = &x.c.docs[x.seed[k].docs >> 32], *B = &x.c.docs[(uint32_t)x.seed[k].docs];
      RSeed s;
      if (pairpart(A->id, B->id, parts) != (uint32_t)q) continue;
      s.a = A->id; s.b = B->id;
      s.pa = (uint32_t)(x.seed[k].pos >> 32); s.pb = (uint32_t)x.seed[k].pos;
      rc = put(out, &s, sizeof(s));
    }
  if (rc == TIFA_OK && fflush(out) != 0) rc = TIFA_IO;
  if (rc == TIFA_IO) fail(rc, err, errsz, "cannot write the seeds");
done:
  free(docs); free(post); free(count); free(pcount);
  tifai_reuse_end(&x);
  return rc;
}

/* }====== */

/* {====== Step 5: align ====== */

/* A section of a seeds file, read in order (sorted by a, b, pa, pb: the pairs step wrote it
** so). */
typedef struct Run {
  FILE *f;
  const char *name;
  off_t start;                      /* of the section */
  uint64_t count, left;             /* its records; those not yet read */
  RSeed buf[1024];
  size_t n, at;
} Run;

/* The run's next seed, or NULL at its end (or on a read error: '*rc'). */
static const RSeed *runpeek (Run *r, int *rc, char *err, size_t errsz) {
  if (r->at == r->n) {
    size_t want = r->left < 1024 ? (size_t)r->left : 1024;
    if (want == 0) return NULL;
    if (fread(r->buf, sizeof(RSeed), want, r->f) != want) {
      *rc = fail(TIFA_FORMAT, err, errsz, "'%s' ends early", r->name);
      return NULL;
    }
    r->n = want; r->at = 0; r->left -= want;
  }
  return &r->buf[r->at];
}

static int cmprseed (const RSeed *p, const RSeed *q) {
  if (p->a != q->a) return p->a < q->a ? -1 : 1;
  if (p->b != q->b) return p->b < q->b ? -1 : 1;
  if (p->pa != q->pa) return p->pa < q->pa ? -1 : 1;
  return p->pb < q->pb ? -1 : p->pb > q->pb;
}

/* The least next seed of the runs (the head of their merge), not taken: runs[*k].at++ takes
** it. NULL at the end of all, or on an error ('*rc'). */
static const RSeed *peekseed (Run *runs, size_t n, size_t *bk, int *rc, char *err, size_t errsz) {
  const RSeed *best = NULL, *s;
  size_t k;
  for (k = 0; k < n && *rc == TIFA_OK; k++)
    if ((s = runpeek(&runs[k], rc, err, errsz)) != NULL && (best == NULL || cmprseed(s, best) < 0)) {
      best = s; *bk = k;
    }
  return *rc == TIFA_OK ? best : NULL;
}

/* Open section 'part' of each file as a run. */
static int openruns (FILE *const *in, const char *const *names, size_t nin, int part, Run *runs,
                     char *err, size_t errsz) {
  size_t fi;
  int rc = TIFA_OK, inparts = 0;
  for (fi = 0; rc == TIFA_OK && fi < nin; fi++) {
    uint64_t *count = NULL, before = 0;
    int pp;
    rc = header(in[fi], names[fi], seedmagic, "reuse seeds", &inparts, NULL, &count, err, errsz);
    if (rc == TIFA_OK && (part < 0 || part >= inparts))
      rc = fail(TIFA_ERROR, err, errsz, "no section %d in '%s' (%d sections)", part + 1, names[fi], inparts);
    for (pp = 0; rc == TIFA_OK && pp < part; pp++) before += count[pp];
    if (rc == TIFA_OK) rc = skip(in[fi], names[fi], before * sizeof(RSeed), err, errsz);
    if (rc == TIFA_OK && (runs[fi].start = ftello(in[fi])) < 0)
      rc = fail(TIFA_FORMAT, err, errsz, "cannot read '%s'", names[fi]);
    if (rc == TIFA_OK) {
      runs[fi].f = in[fi]; runs[fi].name = names[fi];
      runs[fi].count = runs[fi].left = count[part];
    }
    free(count);
  }
  return rc;
}

/* Read every run again from the start of its section. */
static int rewindruns (Run *runs, size_t n, char *err, size_t errsz) {
  size_t k;
  for (k = 0; k < n; k++) {
    if (fseeko(runs[k].f, runs[k].start, SEEK_SET) != 0)
      return fail(TIFA_FORMAT, err, errsz, "cannot read '%s'", runs[k].name);
    runs[k].left = runs[k].count;
    runs[k].n = runs[k].at = 0;
  }
  return TIFA_OK;
}

/* Add 'id' to the set 'ids' (open addressing, *cap slots, a power of two; 0 marks an empty
** slot: no article has id 0), growing it. */
static int addid (int64_t **ids, size_t *n, size_t *cap, int64_t id) {
  size_t i, k;
  if (2 * (*n + 1) > *cap) {
    size_t ncap = *cap ? 2 * *cap : 4096;
    int64_t *nv = (int64_t *)calloc(ncap, sizeof(*nv));
    if (nv == NULL) return TIFA_NOMEM;
    for (k = 0; k < *cap; k++)
      if ((*ids)[k]) {
        for (i = (size_t)((uint64_t)(*ids)[k] * 0x9E3779B97F4A7C15u >> 20) & (ncap - 1); nv[i]; i = (i + 1) & (ncap - 1)) ;
        nv[i] = (*ids)[k];
      }
    free(*ids);
    *ids = nv; *cap = ncap;
  }
  for (i = (size_t)((uint64_t)id * 0x9E3779B97F4A7C15u >> 20) & (*cap - 1); (*ids)[i]; i = (i + 1) & (*cap - 1))
    if ((*ids)[i] == id) return TIFA_OK;
  (*ids)[i] = id;
  (*n)++;
  return TIFA_OK;
}

static int cmpid (const void *a, const void *b) {
  int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
  return x < y ? -1 : x > y;
}

/* x->fbits of x->c's documents, from the bits files f[0..n) (each document's in one). */
static int getbits (Ctx *x, FILE *const *f, const char *const *names, size_t n, char *err,
                    size_t errsz) {
  uint8_t *b = NULL;
  size_t k, cap = 0, found = 0;
  int rc = TIFA_OK;
  if ((x->fbits = (uint8_t *)calloc(x->c.ncp / 8 + 1, 1)) == NULL) return TIFA_NOMEM;
  for (k = 0; rc == TIFA_OK && k < n; k++) {
    char m[8];
    uint32_t hdr[2];
    uint64_t nd, d;
    if (get(f[k], m, 8) != TIFA_OK || memcmp(m, bitsmagic, 8) != 0 || get(f[k], hdr, sizeof(hdr)) != TIFA_OK
        || hdr[0] != ORDER || get(f[k], &nd, sizeof(nd)) != TIFA_OK) {
      rc = fail(TIFA_FORMAT, err, errsz, "'%s' is not a file of formulaic bits of this machine", names[k]);
      break;
    }
    for (d = 0; rc == TIFA_OK && d < nd; d++) {
      RBits r;
      size_t nb, at, i;
      if (get(f[k], &r, sizeof(r)) != TIFA_OK) { rc = fail(TIFA_FORMAT, err, errsz, "'%s' ends early", names[k]); break; }
      nb = ((size_t)r.len + 7) / 8;
      if (nb > cap) {
        uint8_t *p = (uint8_t *)realloc(b, nb);
        if (p == NULL) { rc = TIFA_NOMEM; break; }
        b = p; cap = nb;
      }
      if (get(f[k], b, nb) != TIFA_OK) { rc = fail(TIFA_FORMAT, err, errsz, "'%s' ends early", names[k]); break; }
      if ((at = finddoc(x->c.docs, x->c.ndocs, r.id)) == x->c.ndocs) continue;     /* not aligned here */
      if (x->c.docs[at].len != r.len) {
        rc = fail(TIFA_FORMAT, err, errsz, "article %lld has changed since '%s' was made: run every step again",
                  (long long)r.id, names[k]);
        break;
      }
      for (i = 0; i < r.len; i++)
        if ((b[i >> 3] >> (i & 7)) & 1) {
          size_t p = x->c.docs[at].start + i;
          x->fbits[p >> 3] |= (uint8_t)(1u << (p & 7));
        }
      found++;
    }
  }
  free(b);
  if (rc == TIFA_OK && found != x->c.ndocs)
    rc = fail(TIFA_FORMAT, err, errsz, "the formulaic bits of %lu article(s) are missing",
              (unsigned long)(x->c.ndocs - found));
  return rc;
}

static void side2r (const tifa_reuse_side *a, RSide *b) {
  b->id = a->id; b->from = a->from; b->to = a->to; b->paragraph = a->paragraph;
  b->field = a->field; b->zero = 0;
}

/* The pairs of 'r' to 'f': header (magic, order, pairs, candidates), then the records. */
static int putpairs (const tifa_reuse_result *r, size_t candidates, FILE *f) {
  uint32_t hdr[2] = {ORDER, 0};
  uint64_t nc[2];
  size_t k;
  int rc;
  nc[0] = r->n; nc[1] = candidates;
  rc = put(f, pairmagic, 8);
  if (rc == TIFA_OK) rc = put(f, hdr, sizeof(hdr));
  if (rc == TIFA_OK) rc = put(f, nc, sizeof(nc));
  for (k = 0; rc == TIFA_OK && k < r->n; k++) {
    const tifa_reuse_pair *p = &r->pairs[k];
    RPair q;
    memset(&q, 0, sizeof(q));
    side2r(&p->source, &q.s); side2r(&p->target, &q.t);
    q.chars = p->chars; q.edits = p->edits; q.days = p->days; q.directed = p->directed;
    rc = put(f, &q, sizeof(q));
  }
  if (rc == TIFA_OK && fflush(f) != 0) rc = TIFA_IO;
  return rc;
}

int tifa_reuse_align (tifa_store *const *stores, const int64_t *bases, size_t n,
                      FILE *const *in, const char *const *names, size_t nin, int part,
                      FILE *const *bits, const char *const *bnames, size_t nbits,
                      const tifa_reuse_opts *o, long batch, FILE *out, char *err, size_t errsz) {
  tifai_source src;
  Ctx x;
  tifa_reuse_result r;
  Run *runs = NULL;
  int64_t *set = NULL;
  size_t nset = 0, cset = 0, k, j, bk = 0;
  const RSeed *s;
  RSeed last;
  size_t da = 0, db = 0;
  int rc = TIFA_OK;
  if (n == 0) return TIFA_ERROR;
  source(&src, stores, bases, n);
  memset(&x, 0, sizeof(x));
  memset(&r, 0, sizeof(r));
  if (batch <= 0) batch = 1L << 20;
  if ((runs = (Run *)calloc(nin ? nin : 1, sizeof(*runs))) == NULL) { rc = TIFA_NOMEM; goto done; }
  if ((rc = openruns(in, names, nin, part, runs, err, errsz)) != TIFA_OK) goto done;
  /* first pass: the articles of the section's pairs, each read once */
  memset(&last, 0, sizeof(last));
  while ((s = peekseed(runs, nin, &bk, &rc, err, errsz)) != NULL) {
    runs[bk].at++;
    if (s->a == last.a && s->b == last.b) continue;           /* (a pair's seeds come together) */
    last = *s;
    if ((rc = addid(&set, &nset, &cset, s->a)) != TIFA_OK || (rc = addid(&set, &nset, &cset, s->b)) != TIFA_OK) break;
  }
  if (rc != TIFA_OK) goto done;
  for (k = 0, j = 0; k < cset; k++) if (set[k]) set[j++] = set[k];
  qsort(set, nset, sizeof(*set), cmpid);
  rc = tifai_reuse_begin(&x, &src, o);
  if (rc == TIFA_OK) rc = tifai_scorpus_build(&src, set, nset, &x.c);
  if (rc == TIFA_OK) rc = getbits(&x, bits, bnames, nbits, err, errsz);
  if (rc == TIFA_OK) rc = rewindruns(runs, nin, err, errsz);
  free(set); set = NULL;
  /* second pass: the seeds in their order, at most 'batch' at a time (whole pairs), aligned;
  ** the passages gather in x.pass */
  memset(&last, 0, sizeof(last));
  while (rc == TIFA_OK) {
    size_t ns = 0, cap = (size_t)batch;
    if ((x.seed = (Seed *)malloc(cap * sizeof(*x.seed))) == NULL) { rc = TIFA_NOMEM; break; }
    while ((s = peekseed(runs, nin, &bk, &rc, err, errsz)) != NULL) {
      if (ns >= (size_t)batch && (s->a != last.a || s->b != last.b)) break;    /* a new pair */
      if (ns == cap) {                          /* one pair's seeds past the batch */
        Seed *p = (Seed *)realloc(x.seed, 2 * cap * sizeof(*p));
        if (p == NULL) { rc = TIFA_NOMEM; break; }
        x.seed = p; cap *= 2;
      }
      if (ns == 0 || s->a != last.a || s->b != last.b) {
        da = finddoc(x.c.docs, x.c.ndocs, s->a); db = finddoc(x.c.docs, x.c.ndocs, s->b);
      }
      if (da == x.c.ndocs || db == x.c.ndocs || s->pa >= x.c.docs[da].len || s->pb >= x.c.docs[db].len) {
        rc = x.s ? tifai_store_fail(x.s, TIFA_ERROR, "article %lld or %lld is not in the corpus, or has "
                                    "changed: run every step again", (long long)s->a, (long long)s->b) : TIFA_ERROR;
        break;
      }
      x.seed[ns].docs = (uint64_t)da << 32 | db;
      x.seed[ns].pos = (uint64_t)(x.c.docs[da].start + s->pa) << 32 | (x.c.docs[db].start + s->pb);
      ns++;
      last = *s;
      runs[bk].at++;
    }
    x.nseed = x.cseed = ns;
    if (rc == TIFA_OK) rc = tifai_reuse_align(&x);          /* frees the seeds */
    if (s == NULL) break;                                   /* (every run ended) */
  }
  if (rc == TIFA_OK) rc = tifai_reuse_results(&x, &r);
  if (rc == TIFA_OK) rc = putpairs(&r, x.candidates, out);
  if (rc == TIFA_IO) fail(rc, err, errsz, "cannot write the pairs");
done:
  free(r.pairs); free(r.mem);
  free(runs); free(set);
  tifai_reuse_end(&x);
  return rc;
}

/* }====== */

/* {====== Step 6: the pairs read back, their texts filled ====== */

static void r2side (const RSide *a, tifa_reuse_side *b) {
  b->id = a->id; b->from = a->from; b->to = a->to; b->paragraph = a->paragraph;
  b->field = a->field; b->text = NULL; b->len = 0;
}

int tifa_reuse_read (FILE *const *in, const char *const *names, size_t nin, tifa_reuse_result **out,
                     char *err, size_t errsz) {
  tifa_reuse_result *r = *out;
  size_t k, cap;
  int rc = TIFA_OK;
  if (r == NULL && (r = *out = (tifa_reuse_result *)calloc(1, sizeof(*r))) == NULL) return TIFA_NOMEM;
  cap = r->n;
  for (k = 0; rc == TIFA_OK && k < nin; k++) {
    char m[8];
    uint32_t hdr[2];
    uint64_t nc[2], i;
    if (get(in[k], m, 8) != TIFA_OK || memcmp(m, pairmagic, 8) != 0 || get(in[k], hdr, sizeof(hdr)) != TIFA_OK
        || hdr[0] != ORDER || get(in[k], nc, sizeof(nc)) != TIFA_OK)
      return fail(TIFA_FORMAT, err, errsz, "'%s' is not a file of aligned reuse pairs of this machine", names[k]);
    if (r->n + nc[0] > cap) {
      tifa_reuse_pair *p;
      while (cap < r->n + nc[0]) cap = cap ? 2 * cap : 1024;
      if ((p = (tifa_reuse_pair *)realloc(r->pairs, cap * sizeof(*p))) == NULL) return TIFA_NOMEM;
      r->pairs = p;
    }
    for (i = 0; i < nc[0]; i++) {
      tifa_reuse_pair *p = &r->pairs[r->n];
      RPair q;
      if (get(in[k], &q, sizeof(q)) != TIFA_OK || q.s.field < 0 || q.s.field > 2 || q.t.field < 0 || q.t.field > 2)
        return fail(TIFA_FORMAT, err, errsz, "'%s' ends early: run its align step again", names[k]);
      r2side(&q.s, &p->source); r2side(&q.t, &p->target);
      p->chars = q.chars; p->edits = q.edits; p->days = q.days; p->directed = q.directed;
      r->n++;
    }
    r->candidates += (size_t)nc[1];
  }
  return rc;
}

typedef struct FRef { tifa_reuse_side *side; } FRef;

static int cmpfref (const void *a, const void *b) {
  const tifa_reuse_side *p = ((const FRef *)a)->side, *q = ((const FRef *)b)->side;
  if (p->id != q->id) return p->id < q->id ? -1 : 1;
  if (p->field != q->field) return p->field < q->field ? -1 : 1;
  return p->from < q->from ? -1 : p->from > q->from;
}

typedef struct FillT {
  FRef *refs; size_t n, at;
  size_t *off;                      /* off[k]: the text of refs[k] in the arena */
  tifai_buf arena;
} FillT;

/* The byte offset of code point 'to' of s[0..len), from the cursor (*ci, *bi), moved there. */
static void seekcp (const char *s, size_t len, int64_t to, int64_t *ci, size_t *bi) {
  while (*ci < to && *bi < len) {
    (*bi)++;
    while (*bi < len && ((unsigned char)s[*bi] & 0xC0) == 0x80) (*bi)++;
    (*ci)++;
  }
}

static int onfilltext (void *ud, const tifai_article *a) {
  FillT *F = (FillT *)ud;
  int cur = -1;
  const char *s = NULL;
  size_t len = 0, bi = 0;
  int64_t ci = 0;
  while (F->at < F->n && F->refs[F->at].side->id < a->id) return TIFA_NOTFOUND;
  while (F->at < F->n && F->refs[F->at].side->id == a->id) {
    tifa_reuse_side *d = F->refs[F->at].side;
    size_t b0, b1;
    int64_t c1;
    if (d->field != cur) {
      cur = d->field;
      s = cur == TIFA_FIELD_TEXT ? a->text : cur == TIFA_FIELD_TITLE ? a->title : a->kicker;
      len = cur == TIFA_FIELD_TEXT ? a->text_len : cur == TIFA_FIELD_TITLE ? a->title_len : a->kicker_len;
      if (s == NULL) { s = ""; len = 0; }
      ci = 0; bi = 0;
    }
    seekcp(s, len, d->from, &ci, &bi);
    b0 = bi; c1 = ci; b1 = bi;
    seekcp(s, len, d->to, &c1, &b1);
    if (ci != d->from || c1 != d->to) return TIFA_NOTFOUND;      /* the field is shorter */
    F->off[F->at] = F->arena.len;
    d->len = b1 - b0;
    tifai_buf_add(&F->arena, s + b0, b1 - b0);
    tifai_buf_addc(&F->arena, 0);
    F->at++;
  }
  return F->arena.oom ? TIFA_NOMEM : TIFA_OK;
}

int tifa_reuse_fill (tifa_store *const *stores, const int64_t *bases, size_t n, tifa_reuse_result *r) {
  tifai_source src;
  FillT F;
  int64_t *ids = NULL;
  size_t k, nids = 0;
  int rc = TIFA_OK;
  if (n == 0) return TIFA_ERROR;
  source(&src, stores, bases, n);
  memset(&F, 0, sizeof(F));
  F.n = 2 * r->n;
  F.refs = (FRef *)malloc((F.n ? F.n : 1) * sizeof(*F.refs));
  F.off = (size_t *)malloc((F.n ? F.n : 1) * sizeof(*F.off));
  ids = (int64_t *)malloc((F.n ? F.n : 1) * sizeof(*ids));
  if (F.refs == NULL || F.off == NULL || ids == NULL) { rc = TIFA_NOMEM; goto done; }
  for (k = 0; k < r->n; k++) { F.refs[2 * k].side = &r->pairs[k].source; F.refs[2 * k + 1].side = &r->pairs[k].target; }
  qsort(F.refs, F.n, sizeof(*F.refs), cmpfref);
  for (k = 0; k < F.n; k++)
    if (nids == 0 || ids[nids - 1] != F.refs[k].side->id) ids[nids++] = F.refs[k].side->id;
  if (nids > 0) rc = tifai_source_each(&src, ids, nids, onfilltext, &F);
  if (rc == TIFA_OK && F.at < F.n) rc = TIFA_NOTFOUND;
  if (rc == TIFA_NOTFOUND)
    tifai_store_fail(stores[0], TIFA_NOTFOUND, "article %lld is not as it was when its reuse was computed",
                     (long long)(F.at < F.n ? F.refs[F.at].side->id : 0));
  if (rc != TIFA_OK) goto done;
  free(r->mem);
  if ((r->mem = tifai_buf_detach(&F.arena, NULL)) == NULL && F.n > 0) { rc = TIFA_NOMEM; goto done; }
  for (k = 0; k < F.n; k++) F.refs[k].side->text = r->mem + F.off[k];
done:
  tifai_buf_free(&F.arena);
  free(F.refs); free(F.off); free(ids);
  return rc;
}

/* }====== */
