/*
** corpusfreq.c -- frequencies over a set of articles and by group (tifa_lexis_freq,
** tifa_lexis_groups): words from the word index (tifa_store_vocab), characters and n-grams
** counted in C by tifa_freq_add_*.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sqlite3.h>
#include "tifa.h"
#include "tifa_structure.h"
#include "tifa_lexis.h"
#include "store.h"
#include "each.h"
#include "lexis.h"
#include "lexsrc.h"

/* {====== Counting ====== */

typedef struct sumctx {
  int64_t total;
  tifa_lexis_item_fn f; void *ud;
  long limit, given;
  int64_t min;
} sumctx;

static int sumvocab (void *ud, const char *w, size_t len, int64_t count, int64_t articles) {
  sumctx *c = (sumctx *)ud;
  c->total += count;
  if (count < c->min || (c->limit > 0 && c->given >= c->limit)) return 0;
  c->given++;
  return c->f ? c->f(c->ud, w, len, count, articles) : 0;
}

typedef struct countctx {
  tifa_freq *all, *docs, *one;      /* the set's counts; articles; this article's */
  const tifa_lexis_freq_opts *o;
  size_t n;
} countctx;

static int countone (void *ud, const tifai_article *a) {
  countctx *c = (countctx *)ud;
  const tifa_freq_entry *e;
  size_t n, i;
  int rc = TIFA_OK, k;
  tifa_freq_free(c->one);
  c->one = NULL;
  if (tifa_freq_new(&c->one) != TIFA_OK) return TIFA_NOMEM;
  for (k = 0; k < 2 && rc == TIFA_OK; k++) {
    const char *s = k ? a->text : a->title;
    size_t len = k ? a->text_len : a->title_len;
    if (len == 0) continue;
    rc = c->o->unit == TIFA_LEXIS_CHAR ? tifa_freq_add_chars(c->one, s, len, c->n, c->o->stop)
                                       : tifa_freq_add_words(c->one, s, len, c->n, c->o->stop);
    if (rc == TIFA_ENCODING) rc = TIFA_OK;          /* the store holds valid UTF-8 */
  }
  if (rc != TIFA_OK) return rc;
  if (tifa_freq_sorted(c->one, &e, &n) != TIFA_OK) return TIFA_NOMEM;
  for (i = 0; i < n; i++)
    if (tifa_freq_add(c->all, e[i].word, e[i].len, e[i].count) != TIFA_OK
        || tifa_freq_add(c->docs, e[i].word, e[i].len, 1) != TIFA_OK)
      return TIFA_NOMEM;
  return TIFA_OK;
}

int tifa_lexis_freq (tifa_store *s, const int64_t *ids, size_t nids,
                     const tifa_lexis_freq_opts *opts, int64_t *total,
                     tifa_lexis_item_fn f, void *ud) {
  return tifa_lexis_freq_stores(&s, NULL, 1, ids, nids, opts, total, f, ud);
}

int tifa_lexis_freq_stores (tifa_store *const *stores, const int64_t *bases, size_t nstores,
                            const int64_t *ids, size_t nids, const tifa_lexis_freq_opts *opts,
                            int64_t *total, tifa_lexis_item_fn f, void *ud) {
  tifai_source src;
  tifa_store *s = stores[0];                    /* failures are reported on stores[0] */
  tifa_lexis_freq_opts o;
  sumctx sc;
  int rc = TIFA_OK;
  src.stores = stores; src.bases = bases; src.n = nstores;
  memset(&o, 0, sizeof(o));
  if (opts) o = *opts;
  if (o.n == 0) o.n = o.unit == TIFA_LEXIS_NGRAM ? 2 : 1;
  memset(&sc, 0, sizeof(sc));
  sc.f = f; sc.ud = ud; sc.limit = o.limit; sc.min = o.min > 0 ? o.min : 1;
  if (o.unit == TIFA_LEXIS_WORD && o.n == 1) {
    tifa_vocab_opts vo;
    memset(&vo, 0, sizeof(vo));
    vo.ids = ids; vo.nids = nids; vo.stop = o.stop;
    rc = tifai_lex_vocab(&src, &vo, sumvocab, &sc);
  }
  else {
    countctx c;
    const tifa_freq_entry *e;
    size_t n, i;
    memset(&c, 0, sizeof(c));
    c.o = &o; c.n = o.n;
    if (tifa_freq_new(&c.all) != TIFA_OK || tifa_freq_new(&c.docs) != TIFA_OK) rc = TIFA_NOMEM;
    if (rc == TIFA_OK) rc = tifai_source_each(&src, ids, nids, countone, &c);
    if (rc == TIFA_OK && tifa_freq_sorted(c.all, &e, &n) != TIFA_OK) rc = TIFA_NOMEM;
    for (i = 0; rc == TIFA_OK && i < n; i++)
      rc = sumvocab(&sc, e[i].word, e[i].len, e[i].count, tifa_freq_get(c.docs, e[i].word, e[i].len));
    tifa_freq_free(c.all); tifa_freq_free(c.docs); tifa_freq_free(c.one);
    if (rc == TIFA_NOMEM) rc = tifai_store_fail(s, TIFA_NOMEM, "out of memory");
  }
  if (total) *total = sc.total;
  return rc;
}

/* }====== */

/* {====== Groups ====== */

typedef struct grow { char *key; int64_t id; } grow;

static int cmpgrow (const void *x, const void *y) {
  const grow *a = (const grow *)x, *b = (const grow *)y;
  int c = strcmp(a->key, b->key);
  return c ? c : (a->id > b->id) - (a->id < b->id);
}

static int cmpid (const void *x, const void *y) {
  int64_t a = *(const int64_t *)x, b = *(const int64_t *)y;
  return (a > b) - (a < b);
}

/* "YYYY-MM" from an ISO date, or "" */
static void monthof (const char *d, char out[8]) {
  int i;
  out[0] = 0;
  if (d == NULL || strlen(d) < 7 || d[4] != '-') return;
  for (i = 0; i < 7; i++) if (i != 4 && (d[i] < '0' || d[i] > '9')) return;
  memcpy(out, d, 7);
  out[7] = 0;
}

/* "YYYY" from an ISO date, or "" */
static void yearof (const char *d, char out[8]) {
  int i;
  out[0] = 0;
  if (d == NULL || strlen(d) < 4) return;
  for (i = 0; i < 4; i++) if (d[i] < '0' || d[i] > '9') return;
  memcpy(out, d, 4);
  out[4] = 0;
}

int tifa_lexis_groups (tifa_store *s, const int64_t *ids, size_t nids, int by,
                       tifa_lexis_group_fn f, void *ud) {
  return tifa_lexis_groups_stores(&s, NULL, 1, ids, nids, by, f, ud);
}

int tifa_lexis_groups_stores (tifa_store *const *stores, const int64_t *bases, size_t nstores,
                              const int64_t *ids, size_t nids, int by,
                              tifa_lexis_group_fn f, void *ud) {
  tifai_source src;
  tifa_store *s = stores[0];                    /* failures are reported on stores[0] */
  sqlite3_stmt *st = NULL;
  grow *rows = NULL;
  int64_t *gids = NULL, *sorted = NULL;
  size_t n = 0, cap = 0, i, j, k;
  int rc = TIFA_OK, step = SQLITE_DONE;
  src.stores = stores; src.bases = bases; src.n = nstores;
  if (ids) {                                    /* the set, sorted, for a binary search */
    sorted = (int64_t *)malloc((nids ? nids : 1) * sizeof(int64_t));
    if (sorted == NULL) return tifai_store_fail(s, TIFA_NOMEM, "out of memory");
    memcpy(sorted, ids, nids * sizeof(int64_t));
    qsort(sorted, nids, sizeof(int64_t), cmpid);
  }
  for (k = 0; rc == TIFA_OK && k < nstores; k++) {     /* each store's articles, in id order */
    tifa_store *sk = stores[k];
    int64_t base = bases ? bases[k] : 0;
    if (sqlite3_prepare_v2(sk->db, "SELECT id, outlet, date FROM article ORDER BY id", -1, &st,
                           NULL) != SQLITE_OK)
      rc = tifai_lex_srcfail(&src, k, tifai_store_dberr(sk, "cannot group articles"));
    while (rc == TIFA_OK && (step = sqlite3_step(st)) == SQLITE_ROW) {
      int64_t id = base + sqlite3_column_int64(st, 0);
      char buf[32];
      const char *key = buf;
      if (sorted && bsearch(&id, sorted, nids, sizeof(int64_t), cmpid) == NULL) continue;
      if (by == TIFA_LEXIS_BY_ARTICLE) snprintf(buf, sizeof(buf), "%020lld", (long long)id);
      else if (by == TIFA_LEXIS_BY_OUTLET) {
        key = (const char *)sqlite3_column_text(st, 1);
        if (key == NULL) key = "";
      }
      else if (by == TIFA_LEXIS_BY_YEAR) yearof((const char *)sqlite3_column_text(st, 2), buf);
      else monthof((const char *)sqlite3_column_text(st, 2), buf);
      if (tifai_lex_grow(&rows, &cap, n + 1, sizeof(grow)) != 0
          || (rows[n].key = (char *)malloc(strlen(key) + 1)) == NULL) {
        rc = tifai_store_fail(s, TIFA_NOMEM, "out of memory");
        break;
      }
      strcpy(rows[n].key, key);
      rows[n++].id = id;
    }
    if (rc == TIFA_OK && step != SQLITE_DONE)
      rc = tifai_lex_srcfail(&src, k, tifai_store_dberr(sk, "cannot group articles"));
    sqlite3_finalize(st);
    st = NULL;
  }
  if (rc == TIFA_OK && n > 0) {
    qsort(rows, n, sizeof(grow), cmpgrow);
    if ((gids = (int64_t *)malloc(n * sizeof(int64_t))) == NULL)
      rc = tifai_store_fail(s, TIFA_NOMEM, "out of memory");
  }
  for (i = 0; rc == TIFA_OK && i < n; i = j) {
    const char *key = rows[i].key;
    for (j = i; j < n && strcmp(rows[j].key, key) == 0; j++) gids[j - i] = rows[j].id;
    if (by == TIFA_LEXIS_BY_ARTICLE) {          /* drop the zero padding */
      while (key[0] == '0' && key[1]) key++;
    }
    rc = f(ud, key, strlen(key), gids, j - i);
  }
  for (i = 0; i < n; i++) free(rows[i].key);
  free(rows); free(gids); free(sorted);
  return rc;
}

/* }====== */
