/*
** dict.c -- the built-in dictionary, read in place from the image dict_blob.S builds into
** the library (see dict.h).
*/
#include <pthread.h>
#include <string.h>
#include "dict.h"

extern const char tifai_dict_blob[], tifai_dict_blob_end[];

static tifai_dict D;
static int checked;                   /* 1 valid, -1 damaged */
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void check (void) {
  {
    const char *p = tifai_dict_blob;
    size_t size = (size_t)(tifai_dict_blob_end - tifai_dict_blob), need;
    const tifai_dict_header *h = (const tifai_dict_header *)p;
    need = sizeof *h;
    if (size >= need && memcmp(h->magic, TIFAI_DICT_MAGIC, 8) == 0)
      need += 256 * TIFAI_DICT_TAGLEN + 0x10000 * sizeof(uint32_t) + 0x10000 * 4 * sizeof(float)
              + (size_t)h->nnodes * sizeof(tifai_dict_node) + (size_t)h->nedges * sizeof(tifai_dict_edge);
    if (size < need || h->nnodes == 0) {
      checked = -1;
      return;
    }
    p += sizeof *h;
    D.tags = (const char (*)[TIFAI_DICT_TAGLEN])p;
    p += 256 * TIFAI_DICT_TAGLEN;
    D.root = (const uint32_t *)p;
    p += 0x10000 * sizeof(uint32_t);
    D.emit = (const float *)p;
    p += 0x10000 * 4 * sizeof(float);
    D.nodes = (const tifai_dict_node *)p;
    p += (size_t)h->nnodes * sizeof(tifai_dict_node);
    D.edges = (const tifai_dict_edge *)p;
    D.h = h;
    checked = 1;
  }
}

const tifai_dict *tifai_dict_builtin (void) {
  pthread_once(&once, check);
  return checked > 0 ? &D : NULL;
}
