/*
** shard.h -- what the files of host/shard share: the corpus handle.
*/
#ifndef TIFA_SHARD_INTERNAL_H
#define TIFA_SHARD_INTERNAL_H

#include <pthread.h>
#include <signal.h>
#include "tifa_shard.h"

struct tifa_shards {
  char *dir;                        /* the directory as given */
  int n;                            /* shards */
  char uuid[33];
  char **files;                     /* files[k]: "DIR/s(k+1).db" */
  tifa_store **open;                /* open[k]: shard k+1 while tifa_shards_ingest works on it */
  tifa_store **readers;             /* readers[k]: shard k+1 read-only, kept (run.c), or NULL */
  pthread_mutex_t lock;             /* guards 'open' and 'readers' */
  /* the key (catalog.c, shingest.c) */
  int key;                          /* TIFAI_KEY_* */
  struct tifai_keyval *assign;      /* the catalog's "assign", in its order */
  size_t nassign, capassign;
  long nonefiles;                   /* the last ingest's files without a key */
  volatile sig_atomic_t stop;       /* tifa_shards_interrupt was called */
};

/* {====== The key of a corpus (catalog.c) ====== */

#define TIFAI_KEY_PATH    0         /* "path": by the hash of the stored path */
#define TIFAI_KEY_YEAR    1
#define TIFAI_KEY_MONTH   2
#define TIFAI_KEY_OUTLET  3

typedef struct tifai_keyval {       /* a key value and its shard */
  char *value;
  int shard;                        /* 1..N */
  long files;                       /* files of the last ingest with this value */
} tifai_keyval;

/* The shard of key value 'v' in the catalog, or 0. */
int tifai_shards_lookup (const tifa_shards *c, const char *v);
/* Give the key values met, vals[0..n) (a file's value each, in the walk's order; NULL: no
** key), a shard each, under the catalog's lock: the catalog read again (another ingest may
** have assigned some), each new value to the shard with the fewest files (files[k]: the
** files stored in shard k+1, plus those of this ingest with values new to the catalog met
** so far, which cannot be stored yet; updated), the lowest on ties;
** the catalog rewritten (tmp + rename) if a value was added. Counts each value's files in
** its 'files'. Returns TIFA_OK, or a code with the message in 'err'. */
int tifai_shards_assign (tifa_shards *c, const char *const *vals, size_t n, long *files,
                         char *err, size_t errsz);

/* }====== */

struct json_t;
struct sqlite3_stmt;

#include "shardrun.h"               /* tifai_json_fn */

/* Where records go (part.c): to 'jf' as objects when it is set (parts and merges in one
** process: nothing printed and parsed again), else to 'f' as lines of text. */
typedef struct tifai_sink {
  tifa_jsonl_fn f;
  tifai_json_fn jf;
  void *ud;
} tifai_sink;

/* Hand 'j' (borrowed; NULL: TIFA_NOMEM) to 'k'; what its function returned. */
int tifai_sink_put (const tifai_sink *k, struct json_t *j);

/* A part being written (part.c): the store, its shard (0: a single store), the sink. */
typedef struct part {
  tifa_store *s;
  int shard;
  struct sqlite3_stmt *prov;        /* an article's (file path, seq) */
  int noprov;                       /* tifa_part_opts.noprov: "id" only */
  tifai_sink out;
} part;

/* tifa_part into the sink 'out'. */
int tifai_part_to (tifa_store *s, const char *analytic, const char *query, int shard,
                   int nshards, const char *uuid, const tifa_part_opts *o, const tifai_sink *out);
/* tifa_merge of parts already read: parts[i][0..lens[i]) the objects of part i, a line each,
** all taken (released, whatever the result); the records to 'out'. */
int tifai_merge_objects (struct json_t **const *parts, const size_t *lens,
                         const char *const *names, size_t n, int flags, const tifai_sink *out,
                         char *err, size_t errsz);

/* Write 'j' (a jansson json_t *, taken; NULL: TIFA_NOMEM) to the part's sink. */
int tifai_part_emit (part *p, struct json_t *j);
/* Set "id" (the corpus's), "file", "seq" of article 'id' (the store's) in 'j'. */
int tifai_part_provenance (part *p, struct json_t *j, int64_t id);
/* The parts of search (part_search.c): "search-stats" and "search" records and trailer. */
int tifai_part_search_stats (part *p, const char *query, const tifa_part_opts *o);
int tifai_part_search (part *p, const char *query, const tifa_part_opts *o);
/* The part of track (part_track.c): 'lexicon' as tifa_lexicon_parse reads it, NULL: built in. */
int tifai_part_track (part *p, const char *lexicon, const tifa_part_opts *o);
/* The merge of track (merge_track.c): the records of all parts, the request's args; the
** results and the trailer to 'out', or TIFA_FORMAT / TIFA_NOMEM with the message in 'err'. */
int tifai_merge_track (struct json_t *const *recs, size_t n, struct json_t *args, int bydoc,
                       const tifai_sink *out, char *err, size_t errsz);

#endif
