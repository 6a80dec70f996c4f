/*
** shingles.c -- articles as normalized characters with their character n-grams (shingles),
** the ground of text reuse, near-duplicates and similar articles (see shingles.h).
*/
#include <stdlib.h>
#include <string.h>
#include <sqlite3.h>
#include <utf8proc.h>
#include "tifa.h"
#include "tifa_text.h"
#include "tifa_reuse.h"
#include "shingles.h"
#include "store.h"

/* {====== Normalization ====== */

size_t tifai_snorm (const char *s, size_t len, uint32_t *out, uint32_t *map) {
  size_t i = 0, n = 0;
  uint32_t ci = 0;                              /* code point index in 's' */
  while (i < len) {
    unsigned char b = (unsigned char)s[i];
    int32_t cp;
    int k;
    if (b < 0x80) {                             /* ASCII: letters and digits only */
      i++;
      if ((b >= '0' && b <= '9') || (b >= 'a' && b <= 'z')) cp = b;
      else if (b >= 'A' && b <= 'Z') cp = b + 32;
      else { ci++; continue; }
    }
    else {
      k = tifa_utf8_decode(s + i, len - i, &cp);
      if (k < 0) { i++; ci++; continue; }       /* not expected in stored text */
      i += (size_t)k;
      switch (utf8proc_category(cp)) {
        case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LT:
          cp = utf8proc_tolower(cp); break;
        case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO:
        case UTF8PROC_CATEGORY_ND: case UTF8PROC_CATEGORY_NL: case UTF8PROC_CATEGORY_NO:
          break;
        default: ci++; continue;
      }
    }
    if (map) map[n] = ci;
    out[n++] = (uint32_t)cp;
    ci++;
  }
  return n;
}

uint64_t tifai_shash (const uint32_t *p, int n) {
  uint64_t h = 0x9E3779B97F4A7C15u;
  int k;
  for (k = 0; k < n; k++) {
    if (p[k] == 0) return 0;
    h = (h ^ p[k]) * 0x100000001B3u;
    h ^= h >> 29;
  }
  h ^= h >> 33; h *= 0xFF51AFD7ED558CCDu;      /* fmix64 of MurmurHash3 */
  h ^= h >> 33; h *= 0xC4CEB9FE1A85EC53u;
  h ^= h >> 33;
  return h ? h : 1;
}

int32_t tifai_sday (const char *d) {
  int y, m, day, k;
  if (d == NULL) return TIFAI_NODAY;
  for (k = 0; k < 10; k++) {
    if (k == 4 || k == 7) { if (d[k] != '-') return TIFAI_NODAY; }
    else if (d[k] < '0' || d[k] > '9') return TIFAI_NODAY;
  }
  if (d[10] != '\0') return TIFAI_NODAY;
  y = atoi(d); m = atoi(d + 5); day = atoi(d + 8);
  if (m < 1 || m > 12 || day < 1 || day > 31) return TIFAI_NODAY;
  {                                             /* days_from_civil (H. Hinnant) */
    int yy = y - (m <= 2);
    int era = (yy >= 0 ? yy : yy - 399) / 400;
    int yoe = yy - era * 400;
    int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return (int32_t)(era * 146097 + doe - 719468);
  }
}

int tifai_sbefore (const tifai_sdoc *a, const tifai_sdoc *b) {
  if (a->day != b->day) {                       /* undated after dated, as duplicates.c */
    if (a->day == TIFAI_NODAY) return 0;
    if (b->day == TIFAI_NODAY) return 1;
    return a->day < b->day;
  }
  if (a->hash != b->hash) return a->hash < b->hash;
  if (a->where != b->where) return a->where < b->where;
  return a->id < b->id;
}

int tifai_sfield (const tifai_sdoc *d, size_t p) {
  if (p >= d->text) return TIFA_FIELD_TEXT;
  if (p >= d->title) return TIFA_FIELD_TITLE;
  return TIFA_FIELD_KICKER;
}

/* }====== */

/* {====== The set as one array ====== */

typedef struct Build {
  tifai_scorpus *c;
  size_t cap, dcap;                 /* allocated code points, documents */
} Build;

static int reserve (Build *B, size_t more) {
  tifai_scorpus *c = B->c;
  if (c->ncp + more + TIFAI_SPAD > B->cap) {
    size_t cap = B->cap ? B->cap : 4096;
    uint32_t *p;
    while (cap < c->ncp + more + TIFAI_SPAD) cap *= 2;
    p = (uint32_t *)realloc(c->cp ? c->cp - TIFAI_SPAD : NULL, (cap + TIFAI_SPAD) * sizeof(*p));
    if (p == NULL) return TIFA_NOMEM;
    if (c->cp == NULL) memset(p, 0, TIFAI_SPAD * sizeof(*p));
    c->cp = p + TIFAI_SPAD;
    B->cap = cap;
  }
  return TIFA_OK;
}

static int onarticle (void *ud, const tifai_article *a) {
  const char *k = a->kicker;
  size_t klen = a->kicker_len;
  Build *B = (Build *)ud;
  tifai_scorpus *c = B->c;
  tifai_sdoc *d;
  size_t at;
  if (c->ndocs == B->dcap) {
    size_t n = B->dcap ? 2 * B->dcap : 256;
    tifai_sdoc *p = (tifai_sdoc *)realloc(c->docs, n * sizeof(*p));
    if (p == NULL) return TIFA_NOMEM;
    c->docs = p; B->dcap = n;
  }
  if (reserve(B, klen + a->title_len + a->text_len + 4) != TIFA_OK) return TIFA_NOMEM;
  d = &c->docs[c->ndocs++];
  d->id = a->id;
  d->day = tifai_sday(a->date);
  d->start = at = c->ncp;
  c->cp[at++] = 0;
  if (k) at += tifai_snorm(k, klen, c->cp + at, NULL);
  c->cp[at++] = 0;
  d->title = (uint32_t)(at - d->start);
  at += tifai_snorm(a->title, a->title_len, c->cp + at, NULL);
  c->cp[at++] = 0;
  d->text = (uint32_t)(at - d->start);
  at += tifai_snorm(a->text, a->text_len, c->cp + at, NULL);
  c->cp[at++] = 0;
  d->len = (uint32_t)(at - d->start);
  {                                             /* FNV-1a over the code points, then fmix64 */
    uint64_t h = 0xCBF29CE484222325u;
    size_t i;
    for (i = d->start; i < at; i++) h = (h ^ c->cp[i]) * 0x100000001B3u;
    h ^= h >> 33; h *= 0xFF51AFD7ED558CCDu;
    h ^= h >> 33; h *= 0xC4CEB9FE1A85EC53u;
    d->hash = h ^ (h >> 33);
    d->where = 0;                               /* (where(), once all are read) */
  }
  c->ncp = at;
  return TIFA_OK;
}

static int cmpid (const void *a, const void *b) {
  int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
  return x < y ? -1 : x > y;
}

/* d->where of every document of 'c' (in id order) from its store: a scan of each store's
** articles when 'all' (the whole source), else a lookup per document. */
static int where (const tifai_source *src, int all, tifai_scorpus *c) {
  size_t k, d = 0;
  for (k = 0; k < src->n; k++) {
    tifa_store *s = src->stores[k];
    int64_t base = src->bases ? src->bases[k] : 0, next = k + 1 < src->n && src->bases ? src->bases[k + 1] : INT64_MAX;
    sqlite3_stmt *st = NULL;
    int rc;
    if (d >= c->ndocs) break;
    if (c->docs[d].id >= next) continue;                          /* none in this store */
    if (sqlite3_prepare_v2(tifa_store_sqlite(s), all
          ? "SELECT a.id, f.path, a.seq FROM article AS a JOIN file AS f ON f.id = a.file_id ORDER BY a.id"
          : "SELECT a.id, f.path, a.seq FROM article AS a JOIN file AS f ON f.id = a.file_id WHERE a.id = ?1",
          -1, &st, NULL) != SQLITE_OK)
      return tifai_store_fail(src->stores[0], TIFA_DB, "%s", sqlite3_errmsg(tifa_store_sqlite(s)));
    for (;;) {
      int64_t id;
      if (!all) {
        if (d >= c->ndocs || c->docs[d].id >= next) break;
        sqlite3_reset(st);
        sqlite3_bind_int64(st, 1, c->docs[d].id - base);
      }
      if ((rc = sqlite3_step(st)) != SQLITE_ROW) {
        if (rc != SQLITE_DONE) {
          sqlite3_finalize(st);
          return tifai_store_fail(src->stores[0], TIFA_DB, "%s", sqlite3_errmsg(tifa_store_sqlite(s)));
        }
        if (all) break;
        d++;                                    /* (gone since read: its where stays 0) */
        continue;
      }
      id = base + sqlite3_column_int64(st, 0);
      while (d < c->ndocs && c->docs[d].id < id) d++;
      if (d < c->ndocs && c->docs[d].id == id) {
        const unsigned char *p = sqlite3_column_text(st, 1);
        uint64_t h = 0xCBF29CE484222325u;
        for (; p && *p; p++) h = (h ^ *p) * 0x100000001B3u;
        h ^= (uint64_t)sqlite3_column_int64(st, 2) * 0x9E3779B97F4A7C15u;
        h ^= h >> 33; h *= 0xFF51AFD7ED558CCDu; h ^= h >> 33;
        c->docs[d].where = h;
        if (!all) d++;
      }
    }
    sqlite3_finalize(st);
  }
  return TIFA_OK;
}

int tifai_scorpus_build (const tifai_source *src, const int64_t *ids, size_t nids,
                         tifai_scorpus *c) {
  Build B;
  int rc;
  int64_t *sorted = NULL;
  size_t i, n = 0;
  B.c = c; B.cap = B.dcap = 0;
  rc = reserve(&B, 0);
  if (rc == TIFA_OK && ids != NULL) {           /* in id order, each once */
    if ((sorted = (int64_t *)malloc((nids ? nids : 1) * sizeof(*sorted))) == NULL) rc = TIFA_NOMEM;
    else {
      if (nids) memcpy(sorted, ids, nids * sizeof(*ids));
      qsort(sorted, nids, sizeof(*sorted), cmpid);
      for (i = 0; i < nids; i++) if (n == 0 || sorted[n - 1] != sorted[i]) sorted[n++] = sorted[i];
    }
  }
  if (rc == TIFA_OK) rc = tifai_source_each(src, ids ? sorted : NULL, n, onarticle, &B);
  if (rc == TIFA_OK) rc = where(src, ids == NULL, c);
  free(sorted);
  if (rc == TIFA_OK) memset(c->cp + c->ncp, 0, TIFAI_SPAD * sizeof(uint32_t));
  return rc;
}

void tifai_scorpus_free (tifai_scorpus *c) {
  if (c->cp) free(c->cp - TIFAI_SPAD);
  free(c->docs);
  c->cp = NULL; c->docs = NULL; c->ncp = c->ndocs = 0;
}

/* }====== */
