/*
** shard.h -- what the files of host/shard share: the corpus handle.
*/
#ifndef TIFA_SHARD_INTERNAL_H
#define TIFA_SHARD_INTERNAL_H

#include <pthread.h>
#include "tifa_shard.h"

struct tifa_shards {
  char *dir;                        /* the directory as given */
  int n;                            /* shards */
  char uuid[33];
  char **files;                     /* files[k]: "DIR/s(k+1).db" */
  tifa_store **open;                /* open[k]: shard k+1 while tifa_shards_ingest works on it */
  pthread_mutex_t lock;             /* guards 'open' */
};

#endif
