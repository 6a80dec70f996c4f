/*
** shingles.h -- the ground of the reuse analytics (reuse.c, duplicates.c, similar.c): the
** articles of a set as normalized characters (letters and digits, Latin lowercased), one
** array for the whole set, with hashes of character n-grams (shingles).
** A document's positions: [0] kicker [0] title [0] text [0], 0 separating the fields; a
** shingle never holds a 0, so none runs across fields or articles.
*/
#ifndef TIFA_SHINGLES_H
#define TIFA_SHINGLES_H

#include <stddef.h>
#include <stdint.h>
#include "tifa_store.h"
#include "each.h"

#define TIFAI_NODAY  INT32_MIN      /* day of an article with no full ISO date */
#define TIFAI_SPAD   16             /* zeros before and after the whole array */

typedef struct tifai_sdoc {
  int64_t id;
  int32_t day;                      /* days since 1970-01-01 of a full date, or TIFAI_NODAY */
  size_t start;                     /* index in cp of the document's first 0 */
  uint32_t len;                     /* positions, separators included */
  uint32_t title, text;             /* offsets from 'start' of the title's and text's first
                                       position (the kicker's is 1) */
  uint64_t hash;                    /* of its positions: an order of documents that follows
                                       their dates and content, not their ids (tifai_sbefore) */
  uint64_t where;                   /* of its file's stored path and its seq there: the order
                                       of copies of one text on one day (tifai_sbefore) */
} tifai_sdoc;

typedef struct tifai_scorpus {
  tifai_sdoc *docs;                 /* in the order read (id order for a sorted set) */
  size_t ndocs;
  uint32_t *cp;                     /* normalized code points; cp - TIFAI_SPAD is the block */
  size_t ncp;
} tifai_scorpus;

/* Read the articles (ids, nids) of the source 'src' (each.h) into 'c' (zeroed by the
** caller), in id order. Returns TIFA_OK, TIFA_NOMEM, or the store's failure (message in
** tifa_store_errmsg of src->stores[0]). 'c' is to be freed either way. */
int tifai_scorpus_build (const tifai_source *src, const int64_t *ids, size_t nids,
                         tifai_scorpus *c);
void tifai_scorpus_free (tifai_scorpus *c);

/* Does document 'a' come before 'b' (a != b): by day (undated last), then by hash, then by
** where (its file and place in it), then by id? A store and the shards of a corpus holding
** the same articles number them differently, so whatever an analytic decides by the order
** of two documents (which is the first side of an alignment, which documents of a MinHash
** bucket are paired) it decides in this order, the same in both: copies of one text on one
** day (a hash tie; a reprint) go by their files' paths, which a store and its shards share.
** By day first, the earlier article is the first side, as when ids follow dates. */
int tifai_sbefore (const tifai_sdoc *a, const tifai_sdoc *b);

/* The field (TIFA_FIELD_*) of position 'p' (an offset from d->start). */
int tifai_sfield (const tifai_sdoc *d, size_t p);

/* Normalize the valid UTF-8 s[0..len) into 'out' (room for len code points): letters and
** digits only, ASCII letters lowercased. 'map', when not NULL, gets for each output the
** index of its code point in 's'. Returns the number written. */
size_t tifai_snorm (const char *s, size_t len, uint32_t *out, uint32_t *map);

/* Hash of the 'n' code points at 'p'; 0 when one of them is 0 (a separator). */
uint64_t tifai_shash (const uint32_t *p, int n);

/* Days since 1970-01-01 of an ISO date YYYY-MM-DD, or TIFAI_NODAY for anything else. */
int32_t tifai_sday (const char *date);


#endif
