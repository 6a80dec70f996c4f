/*
** seeds.h -- the sample corpus built into the program: the five scraped pages of
** host/corpus/seeds, embedded at build time by embed.cmake. tifa opens them, read-only and
** in memory, when no store is given.
*/
#ifndef TIFA_SEEDS_H
#define TIFA_SEEDS_H

#include <stddef.h>

typedef struct tifai_seed {
  const char *name;                 /* file name, e.g. "000_5f02c2555ca2acf2.txt" */
  const unsigned char *data;        /* its bytes (NUL-terminated for convenience) */
  size_t size;                      /* bytes, without the NUL */
} tifai_seed;

extern const tifai_seed tifai_seeds[];   /* ends with an entry whose name is NULL */

#endif
