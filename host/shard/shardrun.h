/*
** shardrun.h -- the local parallel path for a caller in the same process (the Lua library,
** host/lua/lcorpus.c): tifa_shards_run with the merged records handed over as parsed JSON
** objects instead of lines of text. The parts reach the merge as objects too, so a corpus
** answering a script prints and parses nothing between its parts, the merge and the caller;
** the records are the ones the text would carry (docs/shards.md).
*/
#ifndef TIFA_SHARDRUN_H
#define TIFA_SHARDRUN_H

#include "tifa_shard.h"

struct json_t;

/* A record for the caller: 'j' is borrowed (json_incref it to keep it past the call).
** Returns TIFA_OK, or a code that stops the merge and is returned by it. */
typedef int (*tifai_json_fn) (void *ud, struct json_t *j);

/* tifa_shards_run, each merged record (header and trailer too) to 'f' as an object. */
int tifai_shards_runobj (tifa_shards *c, const char *analytic, const char *query,
                         const tifa_part_opts *o, int jobs, int mflags, tifai_json_fn f,
                         void *ud, char *err, size_t errsz);

#endif
