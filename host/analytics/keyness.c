/*
** keyness.c -- words over- and under-used in one set of articles against another
** (tifa_lexis_keyness): Dunning's log-likelihood G2 with its p-value, and Hardie's log ratio.
*/
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "tifa.h"
#include "tifa_lexis.h"
#include "store.h"
#include "lexis.h"
#include "lexsrc.h"

/* {====== Statistics ====== */

double tifa_lexis_ll (double a, double b, double c, double d) {
  double e1 = c * (a + b) / (c + d), e2 = d * (a + b) / (c + d), g = 0;
  if (a > 0 && e1 > 0) g += a * log(a / e1);
  if (b > 0 && e2 > 0) g += b * log(b / e2);
  return 2 * g;
}

double tifa_lexis_log_ratio (double a, double b, double c, double d) {
  if (a <= 0) a = 0.5;
  if (b <= 0) b = 0.5;
  return log2((a / c) / (b / d));
}

double tifa_lexis_pvalue (double g2) {
  return g2 <= 0 ? 1.0 : erfc(sqrt(g2 / 2));
}

/* }====== */

typedef struct knctx {
  tifai_lexmap words;
  int64_t *a, *b; size_t acap, bcap;
  int64_t c, d;
  int side;                         /* 0: counting into a; 1: into b; 2: b = all - a */
} knctx;

static int onword (void *ud, const char *w, size_t len, int64_t count, int64_t articles) {
  knctx *k = (knctx *)ud;
  size_t i;
  (void)articles;
  if (k->side == 0) {
    if (tifai_lexmap_intern(&k->words, w, len, &i, NULL) != 0) return TIFA_NOMEM;
  }
  else {
    long f = tifai_lexmap_find(&k->words, w, len);
    if (f >= 0) i = (size_t)f;
    else if (tifai_lexmap_intern(&k->words, w, len, &i, NULL) != 0) return TIFA_NOMEM;
  }
  if (tifai_lex_grow(&k->a, &k->acap, i + 1, sizeof(int64_t)) != 0
      || tifai_lex_grow(&k->b, &k->bcap, i + 1, sizeof(int64_t)) != 0)
    return TIFA_NOMEM;
  if (k->side == 0) { k->a[i] += count; k->c += count; }
  else if (k->side == 1) { k->b[i] += count; k->d += count; }
  else { k->b[i] += count - k->a[i]; k->d += count; }
  return 0;
}

typedef struct knrow { double key, ll; size_t i; } knrow;

static int cmpkn (const void *x, const void *y) {
  const knrow *a = (const knrow *)x, *b = (const knrow *)y;
  if (a->key != b->key) return a->key > b->key ? -1 : 1;
  if (a->ll != b->ll) return a->ll > b->ll ? -1 : 1;
  return (a->i > b->i) - (a->i < b->i);
}

int tifa_lexis_keyness (tifa_store *s, const int64_t *tids, size_t ntids,
                        const int64_t *rids, size_t nrids, int rest,
                        const tifa_lexis_keyness_opts *opts, int64_t *pc, int64_t *pd,
                        tifa_lexis_keyness_fn f, void *ud) {
  return tifa_lexis_keyness_stores(&s, NULL, 1, tids, ntids, rids, nrids, rest, opts, pc, pd,
                                   f, ud);
}

int tifa_lexis_keyness_stores (tifa_store *const *stores, const int64_t *bases, size_t nstores,
                               const int64_t *tids, size_t ntids,
                               const int64_t *rids, size_t nrids, int rest,
                               const tifa_lexis_keyness_opts *opts, int64_t *pc, int64_t *pd,
                               tifa_lexis_keyness_fn f, void *ud) {
  tifai_source src;
  tifa_store *s = stores[0];                    /* failures are reported on stores[0] */
  tifa_lexis_keyness_opts o;
  tifa_vocab_opts vo;
  knctx k;
  knrow *rows = NULL;
  size_t n = 0, i;
  int rc;
  src.stores = stores; src.bases = bases; src.n = nstores;
  memset(&o, 0, sizeof(o));
  if (opts) o = *opts;
  if (o.min <= 0) o.min = 3;
  memset(&k, 0, sizeof(k));
  memset(&vo, 0, sizeof(vo));
  vo.ids = tids; vo.nids = ntids;
  rc = tifai_lex_vocab(&src, &vo, onword, &k);
  if (rc == TIFA_OK) {
    k.side = rest ? 2 : 1;
    vo.ids = rest ? NULL : rids; vo.nids = rest ? 0 : nrids;
    rc = tifai_lex_vocab(&src, &vo, onword, &k);
    if (rest) k.d -= k.c;
  }
  if (rc == TIFA_NOMEM) rc = tifai_store_fail(s, TIFA_NOMEM, "out of memory");
  if (rc == TIFA_OK && k.c == 0) rc = tifai_store_fail(s, TIFA_ERROR, "the target has no words");
  if (rc == TIFA_OK && k.d <= 0) rc = tifai_store_fail(s, TIFA_ERROR, "the reference has no words");
  if (rc == TIFA_OK && (rows = (knrow *)malloc((k.words.n + 1) * sizeof(knrow))) == NULL)
    rc = tifai_store_fail(s, TIFA_NOMEM, "out of memory");
  for (i = 0; rc == TIFA_OK && i < k.words.n; i++) {
    size_t len;
    const char *w = tifai_lexmap_key(&k.words, i, &len);
    double a = (double)k.a[i], b = (double)k.b[i], lr;
    int dir;
    if (k.a[i] + k.b[i] < o.min || (o.stop && tifa_freq_get(o.stop, w, len) > 0)) continue;
    lr = tifa_lexis_log_ratio(a, b, (double)k.c, (double)k.d);
    dir = a / (double)k.c >= b / (double)k.d ? 1 : -1;
    if (o.direction && dir != o.direction) continue;
    rows[n].ll = tifa_lexis_ll(a, b, (double)k.c, (double)k.d);
    rows[n].key = o.sort ? fabs(lr) : rows[n].ll;
    rows[n++].i = i;
  }
  if (rc == TIFA_OK) qsort(rows, n, sizeof(knrow), cmpkn);
  for (i = 0; rc == TIFA_OK && i < n && (o.limit <= 0 || (long)i < o.limit); i++) {
    tifa_lexis_keyness_row r;
    size_t j = rows[i].i;
    r.word = tifai_lexmap_key(&k.words, j, &r.len);
    r.a = k.a[j]; r.b = k.b[j];
    r.ll = rows[i].ll;
    r.log_ratio = tifa_lexis_log_ratio((double)r.a, (double)r.b, (double)k.c, (double)k.d);
    r.p = tifa_lexis_pvalue(r.ll);
    rc = f(ud, &r);
  }
  if (pc) *pc = k.c;
  if (pd) *pd = k.d;
  free(rows);
  tifai_lexmap_free(&k.words);
  free(k.a); free(k.b);
  return rc;
}

/* {====== By group ====== */

/* One group against the rest of its set, the same whatever counted it: the words i < nw, with
** word(src, i) their text, all[i] their count in the set (c tokens) and ga[i] in the group
** (gc tokens). Scores them into rows[] (room for nw), sorts them with 'cmp', then hands the
** group to g and its first o->limit rows to f. Returns TIFA_OK or what g or f returned. */
typedef const char *(*kword_fn) (const void *src, size_t i, size_t *len);

static int onegroup (const tifa_lexis_keyness_opts *o, size_t nw, kword_fn word, const void *src,
                     const int64_t *all, int64_t c, const int64_t *ga, int64_t gc, knrow *rows,
                     int (*cmp) (const void *, const void *), tifa_lexis_kgroup_fn g,
                     tifa_lexis_keyness_fn f, void *ud, const char *group, size_t glen,
                     size_t nids) {
  int64_t d = c - gc;
  size_t n = 0, i;
  int rc;
  if (gc == 0 || d <= 0) return TIFA_OK;
  for (i = 0; i < nw; i++) {
    size_t len;
    const char *w = word(src, i, &len);
    double a = (double)ga[i], b = (double)(all[i] - ga[i]), lr;
    int dir;
    if (all[i] < o->min || (o->stop && tifa_freq_get(o->stop, w, len) > 0)) continue;
    dir = a / (double)gc >= b / (double)d ? 1 : -1;
    if (o->direction && dir != o->direction) continue;
    lr = tifa_lexis_log_ratio(a, b, (double)gc, (double)d);
    rows[n].ll = tifa_lexis_ll(a, b, (double)gc, (double)d);
    rows[n].key = o->sort ? fabs(lr) : rows[n].ll;
    rows[n++].i = i;
  }
  if (n > 1) qsort(rows, n, sizeof(knrow), cmp);
  if ((rc = g(ud, group, glen, nids, gc, d)) != 0) return rc;
  for (i = 0; i < n && (o->limit <= 0 || (long)i < o->limit); i++) {
    tifa_lexis_keyness_row r;
    size_t j = rows[i].i;
    r.word = word(src, j, &r.len);
    r.a = ga[j]; r.b = all[j] - ga[j];
    r.ll = rows[i].ll;
    r.log_ratio = tifa_lexis_log_ratio((double)r.a, (double)r.b, (double)gc, (double)d);
    r.p = tifa_lexis_pvalue(r.ll);
    if ((rc = f(ud, &r)) != 0) return rc;
  }
  return TIFA_OK;
}

typedef struct kgctx {
  const tifai_source *src;
  const tifa_lexis_keyness_opts *o;
  knctx all;                        /* the set: words, counts in 'a', tokens in 'c' */
  int64_t *ga; size_t gacap;        /* one group's counts, by word of 'all' */
  int64_t gc;
  knrow *rows;
  int (*cmp) (const void *, const void *);   /* the order of a group's rows */
  tifa_lexis_kgroup_fn g; tifa_lexis_keyness_fn f; void *ud;
} kgctx;

static int ongword (void *ud, const char *w, size_t len, int64_t count, int64_t articles) {
  kgctx *k = (kgctx *)ud;
  long i = tifai_lexmap_find(&k->all.words, w, len);
  (void)articles;
  if (i < 0) return 0;              /* not in the set's words: cannot be */
  k->ga[i] += count;
  k->gc += count;
  return 0;
}

static const char *mapword (const void *src, size_t i, size_t *len) {
  return tifai_lexmap_key((const tifai_lexmap *)src, i, len);
}

static int ongroupkn (void *ud, const char *group, size_t glen, const int64_t *ids, size_t nids) {
  kgctx *k = (kgctx *)ud;
  const tifa_lexis_keyness_opts *o = k->o;
  tifa_vocab_opts vo;
  int rc;
  if (k->all.words.n > 0) memset(k->ga, 0, k->all.words.n * sizeof(int64_t));
  k->gc = 0;
  memset(&vo, 0, sizeof(vo));
  vo.ids = ids; vo.nids = nids;
  if ((rc = tifai_lex_vocab(k->src, &vo, ongword, k)) != TIFA_OK) return rc;
  return onegroup(o, k->all.words.n, mapword, &k->all.words, k->all.a, k->all.c, k->ga, k->gc,
                  k->rows, k->cmp, k->g, k->f, k->ud, group, glen, nids);
}

/* Several stores: as cmpkf orders the rows of one store's forward index (the usual way),
** on the words of the set (sortkg) with their counts in it and in the group. */
static const kgctx *sortkg;

static int cmpkg (const void *x, const void *y) {
  const knrow *a = (const knrow *)x, *b = (const knrow *)y;
  const kgctx *k = sortkg;
  int64_t ga, gb, ra, rb;
  if (a->key != b->key) return a->key > b->key ? -1 : 1;
  if (a->ll != b->ll) return a->ll > b->ll ? -1 : 1;
  ga = k->ga[a->i]; gb = k->ga[b->i];
  if ((ga > 0) != (gb > 0)) return ga > 0 ? -1 : 1;
  if (ga > 0 && ga != gb) return ga > gb ? -1 : 1;
  ra = k->all.a[a->i]; rb = k->all.a[b->i];
  if (ga == 0 && ra != rb) return ra > rb ? -1 : 1;
  return strcmp(tifai_lexmap_key(&k->all.words, a->i, NULL), tifai_lexmap_key(&k->all.words, b->i, NULL));
}

static int ongroupkg (void *ud, const char *group, size_t glen, const int64_t *ids, size_t nids) {
  sortkg = (const kgctx *)ud;
  return ongroupkn(ud, group, glen, ids, nids);
}

/* From the forward index: counts by term of the lexicon (tifai_fwd_terms). */
typedef struct kfctx {
  tifa_store *s;
  const tifa_lexis_keyness_opts *o;
  const tifai_fwdlex *x;
  int64_t *all, *ga, c, gc;
  knrow *rows;
  tifa_lexis_kgroup_fn g; tifa_lexis_keyness_fn f; void *ud;
} kfctx;

static const kfctx *sortkf;

/* As tifa_lexis_keyness orders its rows: key, G2, then the target's words by count and
** bytes, then the others by the reference's count and bytes. */
static int cmpkf (const void *x, const void *y) {
  const knrow *a = (const knrow *)x, *b = (const knrow *)y;
  const kfctx *k = sortkf;
  int64_t ga, gb;
  if (a->key != b->key) return a->key > b->key ? -1 : 1;
  if (a->ll != b->ll) return a->ll > b->ll ? -1 : 1;
  ga = k->ga[a->i]; gb = k->ga[b->i];
  if ((ga > 0) != (gb > 0)) return ga > 0 ? -1 : 1;
  if (ga > 0 && ga != gb) return ga > gb ? -1 : 1;
  if (ga == 0 && k->all[a->i] != k->all[b->i]) return k->all[a->i] > k->all[b->i] ? -1 : 1;
  return (k->x->trank[a->i] > k->x->trank[b->i]) - (k->x->trank[a->i] < k->x->trank[b->i]);
}

static const char *fwdword (const void *src, size_t i, size_t *len) {
  const tifai_fwdlex *x = (const tifai_fwdlex *)src;
  *len = x->tlen[i];
  return x->tkeys.p + x->toff[i];
}

static int ongroupkf (void *ud, const char *group, size_t glen, const int64_t *ids, size_t nids) {
  kfctx *k = (kfctx *)ud;
  const tifa_lexis_keyness_opts *o = k->o;
  const tifai_fwdlex *x = k->x;
  int rc;
  if (x->nterms > 0) memset(k->ga, 0, x->nterms * sizeof(int64_t));
  k->gc = 0;
  if ((rc = tifai_fwd_count(k->s, ids, nids, k->ga, &k->gc)) != TIFA_OK)
    return rc == TIFAI_FWD_NONE ? tifai_store_fail(k->s, TIFA_ERROR, "the forward index changed") : rc;
  sortkf = k;
  return onegroup(o, x->nterms, fwdword, x, k->all, k->c, k->ga, k->gc, k->rows, cmpkf, k->g,
                  k->f, k->ud, group, glen, nids);
}

/* The groups from the forward index, or TIFAI_FWD_NONE when it cannot answer. */
static int groupsfwd (tifa_store *s, const int64_t *ids, size_t nids, int by,
                      const tifa_lexis_keyness_opts *o, tifa_lexis_kgroup_fn g,
                      tifa_lexis_keyness_fn f, void *ud) {
  kfctx k;
  int rc;
  memset(&k, 0, sizeof(k));
  k.s = s; k.o = o; k.g = g; k.f = f; k.ud = ud;
  if ((k.x = tifai_fwd_terms(s)) == NULL) return TIFAI_FWD_NONE;
  if ((k.all = (int64_t *)calloc(k.x->nterms + 1, sizeof(int64_t))) == NULL
      || (k.ga = (int64_t *)calloc(k.x->nterms + 1, sizeof(int64_t))) == NULL
      || (k.rows = (knrow *)malloc((k.x->nterms + 1) * sizeof(knrow))) == NULL)
    rc = tifai_store_fail(s, TIFA_NOMEM, "out of memory");
  else rc = tifai_fwd_count(s, ids, nids, k.all, &k.c);
  if (rc == TIFA_OK) rc = tifa_lexis_groups(s, ids, nids, by, ongroupkf, &k);
  free(k.all); free(k.ga); free(k.rows);
  return rc;
}

int tifa_lexis_keyness_groups (tifa_store *s, const int64_t *ids, size_t nids, int by,
                               const tifa_lexis_keyness_opts *opts,
                               tifa_lexis_kgroup_fn g, tifa_lexis_keyness_fn f, void *ud) {
  return tifa_lexis_keyness_groups_stores(&s, NULL, 1, ids, nids, by, opts, g, f, ud);
}

int tifa_lexis_keyness_groups_stores (tifa_store *const *stores, const int64_t *bases,
                                      size_t nstores, const int64_t *ids, size_t nids, int by,
                                      const tifa_lexis_keyness_opts *opts,
                                      tifa_lexis_kgroup_fn g, tifa_lexis_keyness_fn f,
                                      void *ud) {
  tifai_source src;
  tifa_store *s = stores[0];                    /* failures are reported on stores[0] */
  tifa_lexis_keyness_opts o;
  tifa_vocab_opts vo;
  kgctx k;
  int rc, one = nstores == 1 && bases == NULL;
  src.stores = stores; src.bases = bases; src.n = nstores;
  memset(&o, 0, sizeof(o));
  if (opts) o = *opts;
  if (o.min <= 0) o.min = 3;
  if (one && (rc = groupsfwd(s, ids, nids, by, &o, g, f, ud)) != TIFAI_FWD_NONE) return rc;
  memset(&k, 0, sizeof(k));
  k.src = &src; k.o = &o; k.g = g; k.f = f; k.ud = ud;
  k.cmp = one ? cmpkn : cmpkg;
  memset(&vo, 0, sizeof(vo));
  vo.ids = ids; vo.nids = nids;
  rc = tifai_lex_vocab(&src, &vo, onword, &k.all);
  if (rc == TIFA_OK
      && ((k.ga = (int64_t *)calloc(k.all.words.n + 1, sizeof(int64_t))) == NULL
          || (k.rows = (knrow *)malloc((k.all.words.n + 1) * sizeof(knrow))) == NULL))
    rc = TIFA_NOMEM;
  if (rc == TIFA_OK) rc = tifa_lexis_groups_stores(stores, bases, nstores, ids, nids, by,
                                                   one ? ongroupkn : ongroupkg, &k);
  if (rc == TIFA_NOMEM) rc = tifai_store_fail(s, TIFA_NOMEM, "out of memory");
  free(k.ga); free(k.rows);
  tifai_lexmap_free(&k.all.words);
  free(k.all.a); free(k.all.b);
  return rc;
}

/* }====== */
