/*
** dict.h -- the image of the built-in dictionary: jieba's words and tifa's policy lexicon as
** a trie over code points, with jieba's HMM emission table; written at build time by
** host/dict/dictc.c and read in place (no loading) from the library's read-only data.
** Layout, in this order: header, tag names, root table (the child of the root for each
** BMP code point, 0 if none), emissions (4 floats per BMP code point: B, E, M, S), nodes
** (node 0 is the root), edges (each node's children, in code point order).
*/
#ifndef TIFA_DICT_H
#define TIFA_DICT_H

#include <stddef.h>
#include <stdint.h>

#define TIFAI_DICT_MAGIC    "tifadic1"
#define TIFAI_DICT_MAXLEN   64          /* code points in a word */
#define TIFAI_DICT_TAGLEN   8           /* bytes of a tag name, with its NUL */
#define TIFAI_DICT_NOWORD   1.0f        /* 'logp' of a node that ends no word */
#define TIFAI_DICT_NOEMIT   (-1e30f)    /* emission of a character the HMM never saw */

typedef struct tifai_dict_header {
  char magic[8];
  uint32_t nwords, nnodes, nedges, ntags;
  double logtotal;                      /* log of the sum of all frequencies */
} tifai_dict_header;

typedef struct tifai_dict_node {
  uint32_t first, n;                    /* children: edges[first .. first+n) */
  float logp;                           /* log(freq/total), or TIFAI_DICT_NOWORD */
  uint16_t tag, pad;
} tifai_dict_node;

typedef struct tifai_dict_edge {
  uint32_t cp, child;
} tifai_dict_edge;

/* The built-in dictionary, checked once; NULL if the image is damaged. */
typedef struct tifai_dict {
  const tifai_dict_header *h;
  const char (*tags)[TIFAI_DICT_TAGLEN];
  const uint32_t *root;
  const float *emit;
  const tifai_dict_node *nodes;
  const tifai_dict_edge *edges;
} tifai_dict;

const tifai_dict *tifai_dict_builtin (void);

/* The child of node 'n' by code point 'cp', or 0 if none. */
static inline uint32_t tifai_dict_child (const tifai_dict *d, uint32_t n, uint32_t cp) {
  const tifai_dict_edge *e;
  uint32_t lo, hi;
  if (n == 0) {
    if (cp < 0x10000) return d->root[cp];
  }
  e = d->edges + d->nodes[n].first;
  lo = 0; hi = d->nodes[n].n;
  if (hi <= 8) {
    for (; lo < hi; lo++)
      if (e[lo].cp == cp) return e[lo].child;
      else if (e[lo].cp > cp) return 0;
    return 0;
  }
  while (lo < hi) {
    uint32_t mid = (lo + hi) / 2;
    if (e[mid].cp < cp) lo = mid + 1;
    else hi = mid;
  }
  return (lo < d->nodes[n].n && e[lo].cp == cp) ? e[lo].child : 0;
}

#endif
