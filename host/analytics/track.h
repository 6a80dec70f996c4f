/*
** track.h -- the internal ground of the track family (kwic.c, track.c): every match of a
** query over a set of articles, from the store's search, gathered by article.
*/
#ifndef TIFA_TRACK_INT_H
#define TIFA_TRACK_INT_H

#include <stddef.h>
#include <stdint.h>
#include "buf.h"
#include "tifa_store.h"

typedef struct tifai_hitrec {
  int64_t id;                       /* article id */
  size_t nmatch, ntitle;            /* matches in the text, in the title */
  size_t at;                        /* their offsets: offs[at .. at + 2*(nmatch+ntitle)),
                                       the text's pairs first */
} tifai_hitrec;

typedef struct tifai_hits {
  tifai_buf recs;                   /* tifai_hitrec[], sorted by id */
  tifai_buf offs;                   /* int64_t[] char offsets, start and end */
  int64_t *ids;                     /* the ids of recs in order (malloc'ed) */
  size_t n;                         /* records */
} tifai_hits;

#define TIFAI_HITS_INIT  {TIFAI_BUF_INIT, TIFAI_BUF_INIT, NULL, 0}

/* Every match of 'query' in the articles of (ids, nids) (ids NULL: all), by the store's
** search (tifa_store_search), into 'h' sorted by article id. Returns TIFA_OK or the search's
** error (message in tifa_store_errmsg); 'h' is freed with tifai_hits_free either way. */
int tifai_hits_find (tifa_store *s, const char *query, int flags, const int64_t *ids,
                     size_t nids, tifai_hits *h);
void tifai_hits_free (tifai_hits *h);
static inline const tifai_hitrec *tifai_hits_rec (const tifai_hits *h, size_t i) {
  return (const tifai_hitrec *)h->recs.p + i;
}
static inline const int64_t *tifai_hits_offs (const tifai_hits *h, const tifai_hitrec *r) {
  return (const int64_t *)h->offs.p + r->at;
}

/* A sorted, unique copy of (ids, nids) in '*out' (malloc'ed; NULL when ids is NULL), its
** length in '*n'. Returns TIFA_OK or TIFA_NOMEM. */
int tifai_ids_sorted (const int64_t *ids, size_t nids, int64_t **out, size_t *n);
int tifai_ids_has (const int64_t *sorted, size_t n, int64_t id);

/* The byte offset of every char of s[0..len) in 'map' (nchars + 1 entries, the last = len);
** returns the number of chars, or -1 on out of memory. */
int64_t tifai_charmap (const char *s, size_t len, tifai_buf *map);



#endif
