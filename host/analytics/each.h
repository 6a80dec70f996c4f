/*
** each.h -- the articles an analytic reads: the internal ground of host/analytics.
** Every analytic takes its articles as (ids, nids): a list of article ids, or ids == NULL
** for the whole corpus. tifai_each_article hands them over one at a time, in id order,
** with the fields the analytics use; nothing is copied, so a callback that keeps a string
** copies it.
*/
#ifndef TIFA_EACH_H
#define TIFA_EACH_H

#include <stddef.h>
#include <stdint.h>
#include "tifa_store.h"

typedef struct tifai_article {      /* one article, valid during the callback only */
  int64_t id;
  const char *title; size_t title_len;
  const char *text; size_t text_len;   /* article.text: paragraphs joined by '\n' */
  const char *kicker; size_t kicker_len;   /* the line above the title, or NULL */
  const char *date;                 /* ISO date as stored, or NULL */
  const char *outlet;               /* or NULL */
  const char *author;               /* or NULL */
  int64_t nchars;                   /* code points of text */
} tifai_article;

/* Called for each article; a non-zero return stops the walk and is returned by it. */
typedef int (*tifai_article_fn) (void *ud, const tifai_article *a);

/* Walk the articles 'ids[0..nids)' (ids NULL: every article) in id order, skipping ids not
** in the store (a list need not be sorted or unique: it is walked as given when not NULL).
** Returns TIFA_OK, what 'f' returned, or TIFA_STORE/TIFA_INTERRUPTED with the message in
** tifa_store_errmsg. */
int tifai_each_article (tifa_store *s, const int64_t *ids, size_t nids, tifai_article_fn f,
                        void *ud);

/* {====== Sources: the articles of several stores ======
** A corpus held in several stores (the shards of tifa_shard.h) is read as one through a
** source: the article of id L in stores[k] is the source's article bases[k] + L. The bases
** ascend and every id of stores[k] is below bases[k+1] - bases[k], so that the source's ids
** ascend store by store (the analytics are given the bases: they know no id scheme). One
** store is the source {&s, NULL, 1}: bases NULL means 0 for every store. n >= 1. A failure
** is reported on stores[0] (tifa_store_errmsg), where one of another store is copied, after
** the store's path when n > 1. */

typedef struct tifai_source {
  tifa_store *const *stores;        /* [0..n) */
  const int64_t *bases;             /* id base of each store; NULL: all 0 */
  size_t n;
} tifai_source;

/* tifai_each_article over a source: every article (ids NULL) in id order, store after
** store, each with id = base + its id in its store; or the ids 'ids[0..nids)' of the
** source, walked as given (ids below bases[0] are in no store and skipped). Returns as
** tifai_each_article, the message on stores[0]. */
int tifai_source_each (const tifai_source *src, const int64_t *ids, size_t nids,
                       tifai_article_fn f, void *ud);

/* The store of the source's id 'id' (the last whose base is at most 'id'), or TIFAI_NOSTORE
** for an id below every base. */
#define TIFAI_NOSTORE  ((size_t)-1)
size_t tifai_source_storeof (const tifai_source *src, int64_t id);

/* }====== */

/* {====== The order of articles a store and a corpus share ======
** Ids order a store's articles as they were ingested, and a corpus's shard by shard, so
** where an analytic's answer depends on the order of its articles (the first of equals, the
** order of a list) and should be the same on one store and on the shards of a corpus holding
** the same files, it orders them by what both keep: the stored path of the file, then the
** article's place in it (seq). */

/* The articles ids[0..n) of 'src' (its ids, each in one of its stores) in that order:
** order[k] is the index in ids of the article at place k (an id in no store first; repeats
** by their places in ids). Returns TIFA_OK, TIFA_NOMEM or the store's error, with the
** message on src->stores[0] (after the failing store's path when n > 1). */
int tifai_source_order (const tifai_source *src, const int64_t *ids, size_t n,
                        size_t *order);

/* }====== */

/* {====== Interrupts ======
** tifa_store_interrupt (from a signal handler) sets s->interrupted. tifai_each_article clears
** it as it starts and tests it between articles; the long loops of an analytic outside it
** (over all n-grams, pairs, candidates) test it too, every few milliseconds at most, and fail
** with TIFA_INTERRUPTED ("interrupted" in tifa_store_errmsg): sqlite3_interrupt, which the
** same call makes, stops only statements, and only those running at the time. */

#define TIFAI_STOPPED(s)  ((s)->interrupted)    /* (store.h) */
/* Record the interrupt on 's' and return TIFA_INTERRUPTED. */
int tifai_stopped (tifa_store *s);

/* qsort(base, n, size, cmp), but stopping soon after s->interrupted is set (a merge of runs
** sorted by qsort, for qsort itself cannot be left): returns TIFA_OK, or TIFA_INTERRUPTED
** (by tifai_stopped) with base[] in some order. Equal elements come in no set order, as
** with qsort. It needs n * size bytes more; without them it is qsort, which cannot stop. */
int tifai_sort (tifa_store *s, void *base, size_t n, size_t size,
                int (*cmp) (const void *, const void *));

/* The same over a source: tifai_source_stopped is 1 when any of its stores is interrupted,
** and tifai_source_sort stops on it (failing on stores[0]). */
int tifai_source_stopped (const tifai_source *src);
int tifai_source_sort (const tifai_source *src, void *base, size_t n, size_t size,
                       int (*cmp) (const void *, const void *));

/* }====== */

#endif
