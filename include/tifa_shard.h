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
#include "tifa_reuse.h"

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
/* As tifa_shards_open, with the key the corpus is sharded by: "path" (by the hash of the
** stored path), "year", "month" or "outlet" (each value of the key has its shard, given when
** first met and kept in the catalog's "assign"). 'key' NULL: the catalog's ("path" for a new
** corpus). A corpus with another key fails with TIFA_ERROR ("corpus 'DIR' is sharded by
** year; it cannot be extended by month"), an unknown key too. */
TIFA_API int tifa_shards_openkey (const char *dir, int flags, int nshards, const char *key,
                                  tifa_shards **out, char *err, size_t errsz);
/* The key of the corpus: "path", "year", "month" or "outlet" (static). */
TIFA_API const char *tifa_shards_key (const tifa_shards *c);
/* The key ("year" or "month") of a path by a date in it, the last component first: a file
** name with YYYYMMDD or YYYY-MM[-DD] (also _ or . between), a directory YYYY-MM, or YYYY
** (followed by a directory MM for a month). Writes "2019" or "2019-03" into 'buf' and
** returns 1, or returns 0 (no date, or only a year for "month"). */
TIFA_API int tifa_shards_pathkey (const char *path, const char *key, char *buf, size_t bufsz);
/* After tifa_shards_ingest on a corpus sharded by a key: the i-th value (0-based) of the
** catalog with its shard and the files of that ingest having it, then "(none)" (shard 0:
** files without a key, each in the shard its path's hash names), then NULL. */
TIFA_API const char *tifa_shards_keyval (const tifa_shards *c, size_t i, int *shard,
                                         long *nfiles);
/* The shard (1..N) of a stored path: 1 + tifa_fnv1a64(path) % N. */
TIFA_API int tifa_shards_route (const tifa_shards *c, const char *path);
/* Open shard 'shard' (1..N) as tifa_store_open does with 'flags'; read-only, a sealed shard
** (tifa_store_sealed) is opened TIFA_OPEN_IMMUTABLE. */
TIFA_API int tifa_shards_store (tifa_shards *c, int shard, int flags, tifa_store **out,
                                char *err, size_t errsz);

/* }====== */

/* {====== Ingest ====== */

/* Ingest paths[0..npaths) into the corpus. One walk (tifa_store_ingest's, as a dry run
** with an accept hook, on shard 1 opened read-only) lists the files and routes each: by
** the hash of its stored path, or by its key, from the path (tifa_shards_pathkey) or else
** from its first article with a date (year, month) or an outlet, which that walk then
** reads and cuts; new key values get shards in the catalog (the shard with the fewest
** files: those stored before this ingest, and those of it met before with values new to
** the catalog; the lowest on ties), written under a lock (tifa-shards.json.lock) to a
** temporary file renamed over the catalog. Files without a key go by hash.
** Then 'jobs' threads (<= 0: one per shard, at most the processors) each take the next
** shard, open it writable and ingest its files with tifa_store_ingest_files, so each file
** is read, cut and reported once. What the walk itself skips or fails is reported by it
** (counted in the shard its path hashes to). o's callbacks run under one lock;
** on_progress gets the bytes done over all shards of the walk's total; with o->split or
** o->account one thread works. 'nfiles' (may be NULL, else N longs) gets the files of each
** shard, 'narticles' its articles stored. '*r' gets the sums. Not for "-", o->dry_run nor
** a sealed corpus (tifa_store_sealed: TIFA_ERROR). Returns the first store-level error
** (message in 'err'; TIFA_INTERRUPTED
** after tifa_shards_interrupt: each shard keeps the files stored so far), else TIFA_ERROR
** if a file failed, else TIFA_OK. */
TIFA_API int tifa_shards_ingest (tifa_shards *c, const char *const *paths, size_t npaths,
                                 const tifa_ingest_opts *o, int jobs, tifa_ingest_report *r,
                                 long *nfiles, long *narticles, char *err, size_t errsz);
/* Interrupt every store of the corpus open in tifa_shards_ingest or tifa_shards_run, and the
** readers of tifa_shards_reader (signal-safe). A run it comes to while its parts work returns
** TIFA_INTERRUPTED ("shard N: interrupted"), even where the part was between statements. */
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
  long limit;                       /* count: the top N kept (0: all); kwic, words: merge;
                                       search: hits (default 20 if <= 0) */
  int64_t min;                      /* words: least count (merge only) */
  int by;                           /* timeline: TIFA_BY_* */
  int sort, width;                  /* kwic: TIFA_KWIC_*, context width */
  long offset;                      /* search: hits passed over (the part keeps offset+limit) */
  int context;                      /* search: snippet context (default 30 if <= 0) */
  const tifa_search_stats *stats;   /* search: the corpus's statistics (from the merge of
                                       the "search-stats" parts); NULL: this store's own */
  int64_t stats_rows;               /* search: this shard's rows when the statistics were
                                       taken (tifa_search_stats_rows), for the merge to
                                       check; 0: unknown (the merge checks their sum) */
  int noprov;                       /* records carry "id" without "file" and "seq": for a
                                       merge without TIFA_MERGE_BY_DOC in the same process,
                                       which orders by id (tifa_shards_run sets it so) */
  int cells;                        /* dispersion: plot cells (<= 0: 50) */
  long min_articles;                /* track: formulations in fewer articles are left out
                                       by the merge (< 0: 2 for the built-in lexicon, else 0) */
  int matches;                      /* track: the merge lists each formulation's matches */
} tifa_part_opts;

/* The part of 'analytic' ("count", "words", "timeline", "kwic", "search-stats", "search",
** "dispersion", "track") for 'query' (NULL for words and an article timeline; for track the
** lexicon's text, as tifa_lexicon_parse reads it, or NULL: the built-in lexicon) over 's',
** shard 'shard' of 'nshards' of the corpus 'uuid' (0, 1, NULL: a single store), a line at a
** time to 'f'. Returns TIFA_OK, what 'f'
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
** twice; search: "shard 2 changed between the passes (...): run again", a shard's part
** ranked with its own statistics) or TIFA_NOMEM with the message in 'err'; or what 'f'
** returned. The parts of a Lua script (analytic "script", written by 'tifa part script',
** host/lua/lscriptpart.c: one record {"value":V} each) are checked alike and merged into
** their records in shard order, {"shard":S,"value":V}; the script's merge() runs on those. */
TIFA_API int tifa_merge (FILE *const *in, const char *const *names, size_t n, int flags,
                         tifa_jsonl_fn f, void *ud, char *err, size_t errsz);

/* Parse a merged "search-stats" answer (the record line of 'tifa merge' of search-stats
** parts, or the whole merged output; a single store's part too) into '*out' (free with
** tifa_search_stats_free). Returns TIFA_OK, or TIFA_FORMAT with the message in 'err' (not
** statistics; one shard's part of several: "merge the parts first"). */
TIFA_API int tifa_search_stats_parse (const char *text, size_t len, tifa_search_stats *out,
                                      char *err, size_t errsz);
/* The rows of shard 'shard' (0 for a single store) when the statistics in 'text' (as for
** tifa_search_stats_parse; "shard_rows") were taken, for tifa_part_opts.stats_rows; 0 if
** they do not say. */
TIFA_API int64_t tifa_search_stats_rows (const char *text, size_t len, int shard);

/* }====== */

/* {====== The local parallel path ======
** A corpus on one machine answers through the same parts and merges as on a cluster: the
** part of every shard in its own thread, in memory, then the merge. */

/* Run 'analytic' (as tifa_part: count, words, timeline, kwic, search, ...) for 'query' over
** every shard of 'c': 'jobs' threads (<= 0: one per shard, at most the processors), each
** shard opened read-only once and kept open in 'c' for later runs; then merge the parts with
** 'mflags' (TIFA_MERGE_*) into 'f', as tifa_merge does. "search" runs two rounds: the
** "search-stats" parts and their merge, then the "search" parts ranked with those statistics
** (o->stats is ignored). Returns TIFA_OK, or the first failing shard's code with "shard 2: "
** and its message in 'err', or tifa_merge's. Not reentrant on one 'c'. */
TIFA_API int tifa_shards_run (tifa_shards *c, const char *analytic, const char *query,
                              const tifa_part_opts *o, int jobs, int mflags,
                              tifa_jsonl_fn f, void *ud, char *err, size_t errsz);

/* The store of shard 'shard' (1..N) opened read-only and kept in 'c' (closed with it): the one
** tifa_shards_run uses; NULL with the message in 'err' if it cannot be opened. */
TIFA_API tifa_store *tifa_shards_reader (tifa_shards *c, int shard, char *err, size_t errsz);

/* }====== */

/* {====== Reuse written back ======
** A corpus keeps the pairs of a reuse computed over all its articles (by tifa-dask, whose
** last step saves them) in DIR/reuse.db, one answer per set of options, with a stamp of
** the shards (each one's articles and greatest id, and the corpus's uuid): db:reuse then
** reads them instead of computing, as long as no shard has changed. Only the built-in
** formulaic phrases (o->formulaic NULL) are kept. */

#define TIFA_SHARDS_REUSE  "reuse.db"

/* Save 'r', the reuse of every article of 'c' with options 'o' (NULL: defaults), replacing
** an answer saved before for the same options. Returns TIFA_OK, TIFA_ERROR for a custom
** formulaic list, or TIFA_DB/TIFA_IO/TIFA_BUSY with the message in 'err'. */
TIFA_API int tifa_shards_reuse_save (tifa_shards *c, const tifa_reuse_opts *o,
                                     const tifa_reuse_result *r, char *err, size_t errsz);
/* The answer saved for options 'o' in '*out' (free with tifa_reuse_free; 'candidates' and
** 'articles' as saved): TIFA_OK; TIFA_NOTFOUND when none is saved for 'o', the shards
** changed since (it is stale), or 'o' has a custom formulaic list; else a code with the
** message in 'err'. */
TIFA_API int tifa_shards_reuse_load (tifa_shards *c, const tifa_reuse_opts *o,
                                     tifa_reuse_result **out, char *err, size_t errsz);

/* }====== */

#endif
