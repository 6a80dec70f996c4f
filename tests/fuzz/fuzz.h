/*
** fuzz.h -- shared by the libFuzzer targets tests/fuzz/fuzz_<name>.c: the entry points'
** prototypes, a check that aborts (so libFuzzer and the replay driver both report it), and
** the run of a page through ingest's pass 1 and 2 (encoding, reader, layout, folding)
** without a store.
*/
#ifndef TIFA_FUZZ_H
#define TIFA_FUZZ_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tifa.h"
#include "prepare.h"
#include "reader.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);
int LLVMFuzzerInitialize (int *argc, char ***argv);

/* An invariant of the API broken: abort, so that the input is kept as a crash. */
#define fcheck(c)  ((c) ? (void)0 : (fprintf(stderr, "%s:%d: check failed: %s\n", \
                                             __FILE__, __LINE__, #c), abort()))

/* {====== A page through ingest, without a store ====== */

typedef struct fuzz_cut {
  tifai_artlist list;               /* what pass 2 handed over, as ingest keeps it */
  size_t size;                      /* of the input */
} fuzz_cut;

/* Every article of a page: check its invariants, then keep it as ingest's worker does. */
static inline int fuzz_onarticle (void *ud, const tifai_article *a) {
  fuzz_cut *c = (fuzz_cut *)ud;
  size_t i;
  fcheck(a->title != NULL && a->text != NULL);
  fcheck(strlen(a->text) == a->textlen);
  fcheck(tifa_utf8_valid(a->text, a->textlen, NULL));
  fcheck(tifa_utf8_valid(a->title, a->titlelen, NULL));
  fcheck((int64_t)tifa_utf8_len(a->text, a->textlen) == a->nchars);
  for (i = 0; i < a->npara; i++) {
    const tifai_parainfo *p = &a->paras[i];
    fcheck(0 <= p->cstart && p->cstart <= p->cend && p->cend <= a->nchars);
    fcheck(p->bstart <= p->bend && (uint64_t)p->bend <= c->size);
  }
  return tifai_artlist_add(&c->list, a);
}

/* The split hook of a user who keeps what the rules cut (tifa_cut_add copies and folds it). */
static inline int fuzz_split (void *ud, const tifa_page *page, tifa_cutter *cut) {
  size_t i;
  (void)ud;
  for (i = 0; i < page->ncut; i++) {
    int rc = tifa_cut_add(cut, &page->cut[i]);
    if (rc != TIFA_OK) return rc;
  }
  return TIFA_OK;
}

/* Run data[0..size) through pass 1 (detection) and pass 2 in format 'fmt' (TIFAI_FMT_*),
** in chunks of 'chunksz' bytes; 'how' 0: the rules, 1: no layout, 2: a split hook. Returns
** what pass 2 returned (or -1 when pass 1 refused the bytes). */
static inline int fuzz_page (const uint8_t *data, size_t size, int fmt, size_t chunksz, int how) {
  static unsigned char chunk[1 << 16];
  static const char *const meta[] = {"outlet=fuzz", "topic=x", NULL};
  tifai_source src;
  tifa_sniff_result res;
  tifai_cutopts co;
  fuzz_cut c;
  char hex[TIFAI_HEXLEN + 1], msg[TIFA_ERRMAX];
  int rc;
  size_t i;
  if (chunksz == 0 || chunksz > sizeof(chunk)) chunksz = sizeof(chunk);
  memset(&src, 0, sizeof(src));
  src.fd = -1;
  src.data = data;
  src.size = size;
  rc = tifai_prepare_sniff(&src, chunk, chunksz, NULL, &res, hex, msg, sizeof(msg));
  fcheck(rc == TIFA_OK);
  fcheck(res.size == size && strlen(hex) == TIFAI_HEXLEN);
  if (res.rc != TIFA_OK) return -1;
  memset(&co, 0, sizeof(co));
  co.path = "fuzz/page";
  co.meta = (how == 2) ? meta : NULL;
  co.nolayout = (how == 1);
  co.split = (how == 2) ? fuzz_split : NULL;
  memset(&c, 0, sizeof(c));
  c.size = size;
  rc = tifai_prepare_cut(&src, chunk, chunksz, res.encoding, fmt, size, NULL, &co, NULL,
                         fuzz_onarticle, &c, msg, sizeof(msg));
  fcheck(rc == TIFA_OK || rc == TIFA_NOMEM || msg[0] != '\0');
  for (i = 0; i < c.list.n; i++) {                  /* read back as the writer does */
    tifai_article a;
    tifai_artlist_get(&c.list, i, &a);
    fcheck(a.title != NULL && a.text != NULL && strlen(a.text) == a.textlen);
  }
  tifai_artlist_free(&c.list);
  return rc;
}

/* }====== */

#endif
