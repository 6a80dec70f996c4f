/*
** tifa_shard.h -- a corpus of shards: a directory holding a catalog (tifa-shards.json) and
** ordinary stores s1.db .. sN.db, each file of the corpus in exactly one of them, chosen by
** a hash of its stored path; the ingest of such a corpus (shards in parallel threads); and the
** parts and merges of analytics: each shard computes a part (JSON Lines), the merge of the
** parts gives the corpus's answer, the one a single store holding the same files gives.
** docs/shards.md describes the files; this header is the manual of the functions.
*/
#ifndef TIFA_SHARD_H
#define TIFA_SHARD_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include "tifa.h"
#include "tifa_store.h"

/* {====== Ids ====== */

/* An article of a corpus is named by one integer, shard * 10^10 + its id in the shard,
** shards counted from 1: article 1234 of s3.db is 30000001234. A single store's ids are
** below 10^10, so TIFA_SHARD_OF gives 0 for them. Exact in doubles (below 2^53) for shards up
** to 900,718. */
#define TIFA_SHARD_ID_BASE    INT64_C(10000000000)
#define TIFA_SHARD_ID(shard, local)  ((int64_t)(shard) * TIFA_SHARD_ID_BASE + (local))
#define TIFA_SHARD_OF(id)     ((int)((id) / TIFA_SHARD_ID_BASE))
#define TIFA_SHARD_LOCAL(id)  ((id) % TIFA_SHARD_ID_BASE)

/* FNV-1a 64 of s[0..len) (offset basis 14695981039346656037, prime 1099511628211). */
TIFA_API uint64_t tifa_fnv1a64 (const void *s, size_t len);

/* }====== */

/* {====== The catalog ====== */

#define TIFA_SHARDS_CATALOG  "tifa-shards.json"

typedef struct tifa_shards tifa_shards;

/* 1 if 'dir' is a directory holding a catalog, else 0. */
TIFA_API int tifa_shards_is (const char *dir);

/* Open the corpus at 'dir' (flags TIFA_OPEN_READONLY: it must exist), or create it
** (TIFA_OPEN_CREATE with 'nshards' >= 1: the directory, the catalog and the empty stores; an
** existing corpus is opened). 'nshards' 0 takes the catalog's number; another number than
** the catalog's fails with TIFA_ERROR ("corpus 'DIR' has 3 shards; resharding is not
** supported"). A catalog of a newer format fails with TIFA_FORMAT. Returns TIFA_OK and
** '*out', or a code with the message in 'err'. */
TIFA_API int tifa_shards_open (const char *dir, int flags, int nshards, tifa_shards **out,
                               char *err, size_t errsz);
TIFA_API void tifa_shards_close (tifa_shards *c);                         /* NULL: no-op */
TIFA_API int tifa_shards_count (const tifa_shards *c);
TIFA_API const char *tifa_shards_uuid (const tifa_shards *c);             /* 32 hex digits */
TIFA_API const char *tifa_shards_file (const tifa_shards *c, int shard);  /* "DIR/s3.db" */
/* The shard (1..N) of a stored path: 1 + tifa_fnv1a64(path) % N. */
TIFA_API int tifa_shards_route (const tifa_shards *c, const char *path);
/* Open shard 'shard' (1..N) as tifa_store_open does with 'flags'. */
TIFA_API int tifa_shards_store (tifa_shards *c, int shard, int flags, tifa_store **out,
                                char *err, size_t errsz);

/* }====== */

/* {====== Ingest ====== */

/* Ingest paths[0..npaths) into the corpus: 'jobs' threads (<= 0: one per shard, at most
** the processors) each take the next shard, open it writable and call tifa_store_ingest
** on every path with an accept hook keeping the files routed to that shard, so each file
** is walked by all and reported by one. o's callbacks run under one lock (on_progress not
** at all); with o->split or o->account one thread works. 'nfiles' (may be NULL, else N
** longs) gets the files of each shard, 'narticles' its articles stored. '*r' gets the sums.
** Not for "-" nor o->dry_run (TIFA_ERROR). Returns the first store-level error (message
** in 'err'), else TIFA_ERROR if a file failed, else TIFA_OK. */
TIFA_API int tifa_shards_ingest (tifa_shards *c, const char *const *paths, size_t npaths,
                                 const tifa_ingest_opts *o, int jobs, tifa_ingest_report *r,
                                 long *nfiles, long *narticles, char *err, size_t errsz);
/* Interrupt every store of the corpus open in tifa_shards_ingest (signal-safe). */
TIFA_API void tifa_shards_interrupt (tifa_shards *c);

/* }====== */

/* {====== Parts and merges ====== */

/* A part is JSON Lines: a header {"tifa_part":1,"tifa":VERSION,"analytic":A,"args":{...},
** "shard":S,"shards":N,"corpus":UUID} (0, 1, null for a single store), one record a line,
** and a trailer {"end":1,...}; a part without its trailer was cut short. Records carry each
** article's provenance (file path, seq) beside its id (TIFA_SHARD_ID on a shard). */

typedef int (*tifa_jsonl_fn) (void *ud, const char *line, size_t len);  /* no '\n' */

typedef struct tifa_part_opts {
  int flags;                        /* TIFA_MATCH_* */
  long limit;                       /* count: the top N kept (0: all); kwic, words: merge */
  int64_t min;                      /* words: least count (merge only) */
  int by;                           /* timeline: TIFA_BY_* */
  int sort, width;                  /* kwic: TIFA_KWIC_*, context width */
} tifa_part_opts;

/* The part of 'analytic' ("count", "words", "timeline", "kwic") for 'query' (NULL for
** words and an article timeline) over 's', shard 'shard' of 'nshards' of the corpus 'uuid'
** (0, 1, NULL: a single store), a line at a time to 'f'. Returns TIFA_OK, what 'f'
** returned, the analytic's error (message in tifa_store_errmsg(s)), or TIFA_ERROR for an
** unknown analytic. */
TIFA_API int tifa_part (tifa_store *s, const char *analytic, const char *query, int shard,
                        int nshards, const char *uuid, const tifa_part_opts *o,
                        tifa_jsonl_fn f, void *ud);

#define TIFA_MERGE_BY_DOC        0x01   /* order ties by (file, seq) and leave ids out */
#define TIFA_MERGE_ALLOW_MISSING 0x02   /* shards may be missing ("missing":[...]) */

/* Merge the parts read from in[0..n) (names[] for messages) into 'f': a header
** {"tifa_merged":1,...,"shards":[...]}, the records, a trailer. Returns TIFA_OK; TIFA_FORMAT
** (not a part, "part 'p2' ends early", "different requests", "missing shard 2", a shard
** twice) or TIFA_NOMEM with the message in 'err'; or what 'f' returned. */
TIFA_API int tifa_merge (FILE *const *in, const char *const *names, size_t n, int flags,
                         tifa_jsonl_fn f, void *ud, char *err, size_t errsz);

/* }====== */

#endif
