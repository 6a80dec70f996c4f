/*
** citegraph.c -- the documents cited in 《》 across articles, aliases resolved
** (tifa_cite_citations, see tifa_cite.h): collect each article's titles
** (tifa_extract_citations), resolve short forms in the article, its file, then nearby
** articles of its outlet, and gather the citations by a document key (issuer and spaces
** left out) into documents.
*/
#include <stdlib.h>
#include <string.h>
#include <sqlite3.h>
#include "tifa.h"
#include "tifa_text.h"
#include "tifa_extract.h"
#include "tifa_cite.h"
#include "store.h"
#include "buf.h"
#include "each.h"

/* memmem, which C99 and POSIX lack: the first t[0..m) in s[0..n), or NULL */
static const char *findbytes (const char *s, size_t n, const char *t, size_t m) {
  size_t i;
  if (m == 0) return s;
  for (i = 0; i + m <= n; i++)
    if (s[i] == t[0] && memcmp(s + i, t, m) == 0) return s + i;
  return NULL;
}

#define SHORT_MAX     6         /* a title of at most this many characters may be a short form */
#define GENERIC_MAX   4         /* ... and a generic name, ending in a kind, at most this many */
#define OUTLET_NEAR   3         /* ids apart for the outlet's scope */
#define ISSUER_MAX    24        /* characters before 关于 that may be an issuer */

/* {====== Kinds ====== */

static const char *const kinds[][2] = {   /* suffix, kind: longer suffixes first */
  {"白皮书", "白皮书"}, {"日报", "报刊"}, {"晚报", "报刊"}, {"时报", "报刊"}, {"杂志", "报刊"},
  {"周刊", "报刊"}, {"求是", "报刊"}, {"纲要", "纲要"}, {"规划", "规划"}, {"意见", "意见"},
  {"通知", "通知"}, {"决定", "决定"}, {"决议", "决议"}, {"方案", "方案"}, {"计划", "计划"},
  {"办法", "办法"}, {"条例", "条例"}, {"规定", "规定"}, {"细则", "细则"}, {"法典", "法"},
  {"报告", "报告"}, {"公报", "公报"}, {"讲话", "讲话"}, {"章程", "章程"}, {"措施", "措施"},
  {"建议", "建议"}, {"准则", "准则"}, {"指南", "指南"}, {"清单", "清单"}, {"目录", "目录"},
  {"宣言", "宣言"}, {"声明", "声明"}, {"协定", "协定"}, {"公约", "公约"}, {"纪要", "纪要"},
  {"法", "法"}, {"报", "报刊"}, {NULL, NULL}
};

/* The index in 'kinds' of the suffix of t[0..len) after a trailing bracket, or -1. */
static int kindof (const char *t, size_t len) {
  int i;
  size_t k;
  if (len > 3 && memcmp(t + len - 3, "）", 3) == 0) {       /* drop a trailing （...） */
    for (k = len - 3; k >= 3; k--)
      if (memcmp(t + k - 3, "（", 3) == 0) { len = k - 3; break; }
  }
  else if (len > 1 && t[len - 1] == ')') {
    for (k = len - 1; k > 0; k--)
      if (t[k - 1] == '(') { len = k - 1; break; }
  }
  for (i = 0; kinds[i][0] != NULL; i++) {
    size_t n = strlen(kinds[i][0]);
    if (n <= len && memcmp(t + len - n, kinds[i][0], n) == 0) return i;
  }
  return -1;
}

const char *tifa_cite_kind (const char *title, size_t len) {
  int k = kindof(title, len);
  return k < 0 ? "其他" : kinds[k][1];
}

/* 1 if t (of 'ncp' characters) is a generic name: a kind, or short and ending in one */
static int generic (const char *t, size_t len, size_t ncp) {
  int k = kindof(t, len);
  if (k < 0) return 0;
  if (strlen(kinds[k][0]) == len) return 1;
  return ncp <= GENERIC_MAX && strlen(kinds[k][0]) >= 6;   /* a kind of 2+ characters */
}

/* }====== */

/* {====== Collecting ====== */

typedef struct Use {
  int64_t article;
  size_t art;               /* index in Coll.arts */
  size_t start, end, paragraph;
  size_t title, titlelen;   /* as written, in pool */
  size_t full, fulllen;     /* the extractor's full title (an alias's definition) */
  size_t docno, docnolen;   /* docnolen 0: none */
  size_t ncp;               /* characters of the title */
  int alias;
  size_t res, reslen;       /* the title it resolves to, in pool */
  int how;                  /* TIFA_CITE_* */
  size_t doc;               /* its document */
} Use;

typedef struct Art {
  int64_t id, file;
  size_t outlet, outletlen; /* in pool; outletlen 0: none */
  size_t u0, nu;            /* its uses */
} Art;

typedef struct Coll {
  tifai_buf pool;
  Use *us; size_t nu, capu;
  Art *arts; size_t nart, capart;
  tifa_citation *scratch; size_t capscratch;
  sqlite3_stmt *file;       /* SELECT file_id */
  int oom;
} Coll;

static int grow (void **p, size_t *cap, size_t need, size_t size) {
  size_t nc;
  void *np;
  if (need <= *cap) return 0;
  nc = *cap ? *cap * 2 : 64;
  while (nc < need) nc *= 2;
  np = realloc(*p, nc * size);
  if (np == NULL) return -1;
  *p = np; *cap = nc;
  return 0;
}

static size_t addstr (Coll *c, const char *s, size_t len) {
  size_t at = c->pool.len;
  tifai_buf_add(&c->pool, s, len);
  tifai_buf_addc(&c->pool, '\0');
  return at;
}

static int collect (void *ud, const tifai_article *a) {
  Coll *c = (Coll *)ud;
  const char *s = a->text;
  size_t n, i, para = 1, pb = 0;
  Art *r;
  if (grow((void **)&c->arts, &c->capart, c->nart + 1, sizeof(Art)) != 0) return TIFA_NOMEM;
  r = &c->arts[c->nart++];
  r->id = a->id;
  r->file = -1;
  sqlite3_bind_int64(c->file, 1, a->id);
  if (sqlite3_step(c->file) == SQLITE_ROW) r->file = sqlite3_column_int64(c->file, 0);
  sqlite3_reset(c->file);
  r->outletlen = a->outlet ? strlen(a->outlet) : 0;
  r->outlet = r->outletlen ? addstr(c, a->outlet, r->outletlen) : 0;
  r->u0 = c->nu; r->nu = 0;
  if (c->capscratch == 0 && grow((void **)&c->scratch, &c->capscratch, 256, sizeof(tifa_citation)))
    return TIFA_NOMEM;
  n = tifa_extract_citations(s, a->text_len, c->scratch, c->capscratch);   /* once, mostly */
  if (n > c->capscratch) {
    if (grow((void **)&c->scratch, &c->capscratch, n, sizeof(tifa_citation)) != 0) return TIFA_NOMEM;
    tifa_extract_citations(s, a->text_len, c->scratch, n);
  }
  for (i = 0; i < n; i++) {
    const tifa_citation *t = &c->scratch[i];
    Use *u;
    if (t->title.nbyte == 0) continue;                   /* 《》 */
    if (grow((void **)&c->us, &c->capu, c->nu + 1, sizeof(Use)) != 0) return TIFA_NOMEM;
    u = &c->us[c->nu++];
    memset(u, 0, sizeof(*u));
    u->article = a->id; u->art = c->nart - 1;
    u->start = t->at.start; u->end = t->at.end;
    if (t->at.byte < pb) { pb = 0; para = 1; }
    for (; pb < t->at.byte; pb++) para += s[pb] == '\n';
    u->paragraph = para;
    u->title = addstr(c, s + t->title.byte, t->title.nbyte); u->titlelen = t->title.nbyte;
    u->full = addstr(c, s + t->full_title.byte, t->full_title.nbyte);
    u->fulllen = t->full_title.nbyte;
    u->docnolen = t->docno.nbyte;
    u->docno = u->docnolen ? addstr(c, s + t->docno.byte, t->docno.nbyte) : 0;
    u->ncp = t->title.end - t->title.start;
    u->alias = t->alias && t->full_title.nbyte != t->title.nbyte;
  }
  c->arts[c->nart - 1].nu = c->nu - r->u0;
  return c->pool.oom ? TIFA_NOMEM : TIFA_OK;
}

/* }====== */

/* {====== Resolving short forms ====== */

#define P(c, off)  ((c)->pool.p + (off))

static int endswith (const char *s, size_t n, const char *t, size_t m) {
  return m <= n && memcmp(s + n - m, t, m) == 0;
}

/* How well use 'd' (another citation) resolves the short title of 'u': 3 when it defines
** it (以下简称), 2 when its full title ends with it, 1 when it contains it, else 0; its
** full title in '*f', '*flen'. */
static int match (const Coll *c, const Use *u, const Use *d, size_t *f, size_t *flen) {
  const char *t = P(c, u->title);
  if (d->alias) {
    if (d->titlelen == u->titlelen && memcmp(P(c, d->title), t, u->titlelen) == 0) {
      *f = d->full; *flen = d->fulllen;
      return 3;
    }
    return 0;
  }
  if (d->ncp <= u->ncp) return 0;
  *f = d->title; *flen = d->titlelen;
  if (endswith(P(c, d->title), d->titlelen, t, u->titlelen)) return 2;
  if (findbytes(P(c, d->title), d->titlelen, t, u->titlelen) != NULL) return 1;
  return 0;
}

/* The best resolution of 'u' among the uses of article 'a' (u excluded): the highest score,
** then the nearest before 'u' (when 'same'), else the nearest after. Returns the score. */
static int inarticle (const Coll *c, const Use *u, const Art *a, int same, size_t *f,
                      size_t *flen) {
  size_t i, bf = 0, bl = 0, bstart = 0;
  int best = 0, bestbefore = 0;
  for (i = a->u0; i < a->u0 + a->nu; i++) {
    const Use *d = &c->us[i];
    size_t ff, fl;
    int sc, before, better;
    if (d == u || (sc = match(c, u, d, &ff, &fl)) == 0) continue;
    before = same && d->start < u->start;
    better = sc > best;
    if (sc == best) {
      if (before) better = !bestbefore || d->start > bstart;      /* the nearest before */
      else better = !bestbefore && d->start < bstart;             /* else the first after */
    }
    if (better) { best = sc; bestbefore = before; bstart = d->start; bf = ff; bl = fl; }
  }
  if (best) { *f = bf; *flen = bl; }
  return best;
}

static void resolve (Coll *c, Use *u) {
  const Art *a = &c->arts[u->art];
  size_t f = 0, fl = 0, k;
  int sc = 0;
  u->how = TIFA_CITE_FULL;
  u->res = u->title; u->reslen = u->titlelen;
  if (u->alias) {
    u->how = TIFA_CITE_DEFINED;
    u->res = u->full; u->reslen = u->fulllen;
    return;
  }
  if (u->ncp > SHORT_MAX) return;
  if ((sc = inarticle(c, u, a, 1, &f, &fl)) > 0) { u->how = TIFA_CITE_ARTICLE; goto found; }
  for (k = 1; k <= c->nart; k++) {                       /* the same file, outward by index */
    int any = 0, side;
    for (side = -1; side <= 1; side += 2) {
      const Art *b;
      if ((side < 0 && k > u->art) || (side > 0 && u->art + k >= c->nart)) continue;
      b = &c->arts[side < 0 ? u->art - k : u->art + k];
      if (b->file != a->file || a->file < 0) continue;
      any = 1;
      if ((sc = inarticle(c, u, b, 0, &f, &fl)) > 0) { u->how = TIFA_CITE_FILE; goto found; }
    }
    if (!any) break;
  }
  if (a->outletlen > 0) {
    for (k = 1; k <= OUTLET_NEAR; k++) {
      int side;
      for (side = -1; side <= 1; side += 2) {
        const Art *b;
        if ((side < 0 && k > u->art) || (side > 0 && u->art + k >= c->nart)) continue;
        b = &c->arts[side < 0 ? u->art - k : u->art + k];
        if (b->id - a->id > OUTLET_NEAR || a->id - b->id > OUTLET_NEAR) continue;
        if (b->outletlen != a->outletlen || memcmp(P(c, b->outlet), P(c, a->outlet), a->outletlen))
          continue;
        if ((sc = inarticle(c, u, b, 0, &f, &fl)) > 0) { u->how = TIFA_CITE_OUTLET; goto found; }
      }
    }
  }
  if (generic(P(c, u->title), u->titlelen, u->ncp)) u->how = TIFA_CITE_UNRESOLVED;
  return;
found:
  u->res = f; u->reslen = fl;
}

/* }====== */

/* {====== Documents ====== */

/* The key of title t[0..len) into 'b': spaces dropped, full-width ASCII folded, an issuer
** before 关于 left out. */
static void titlekey (tifai_buf *b, const char *t, size_t len) {
  size_t i = 0, ncp = 0, start = b->len;
  while (i < len) {
    int32_t cp;
    int k = tifa_utf8_decode(t + i, len - i, &cp);
    if (k <= 0) { i++; continue; }
    if (ncp > 0 && ncp <= ISSUER_MAX && k == 3 && i + 6 <= len && memcmp(t + i, "关于", 6) == 0 &&
        b->len > start) {
      b->len = start;                                    /* drop the issuer */
      if (b->p) b->p[b->len] = '\0';
      ncp = ISSUER_MAX + 1;                              /* only once */
    }
    i += (size_t)k;
    if (ncp <= ISSUER_MAX) ncp++;
    if (cp == ' ' || cp == '\t' || cp == 0x3000 || cp == 0xA0) continue;
    if (cp >= 0xFF01 && cp <= 0xFF5E) cp -= 0xFEE0;
    tifai_buf_addcp(b, cp);
  }
}

typedef struct Doc {
  size_t key, keylen;       /* in Coll.pool */
  size_t title, titlelen;   /* the longest form */
  size_t docno, docnolen;
  int resolved;
  size_t count, narticles;
} Doc;

struct tifa_citations {
  size_t n;
  tifa_cite_doc *docs;
  tifa_cite_use *uses;
  const char **aliases;
  char *pool;
};

size_t tifa_citations_count (const tifa_citations *c) { return c ? c->n : 0; }
const tifa_cite_doc *tifa_citations_doc (const tifa_citations *c, size_t i) {
  return c && i < c->n ? &c->docs[i] : NULL;
}
void tifa_citations_free (tifa_citations *c) {
  if (c == NULL) return;
  free(c->docs); free(c->uses); free(c->aliases); free(c->pool); free(c);
}

typedef struct Ord { size_t doc; int64_t article; size_t start, u; } Ord;

static int cmpord (const void *a, const void *b) {
  const Ord *x = (const Ord *)a, *y = (const Ord *)b;
  if (x->doc != y->doc) return x->doc < y->doc ? -1 : 1;
  if (x->article != y->article) return x->article < y->article ? -1 : 1;
  return x->start < y->start ? -1 : x->start > y->start;
}

static int cmpdoc (const void *a, const void *b) {
  const tifa_cite_doc *x = (const tifa_cite_doc *)a, *y = (const tifa_cite_doc *)b;
  if (x->narticles != y->narticles) return x->narticles > y->narticles ? -1 : 1;
  if (x->count != y->count) return x->count > y->count ? -1 : 1;
  return strcmp(x->title, y->title);
}

static uint64_t hashstr (const char *s, size_t n) {
  uint64_t h = 1469598103934665603u;
  while (n--) h = (h ^ (unsigned char)*s++) * 1099511628211u;
  return h;
}

/* Gather the resolved uses into documents and build the result. */
static int build (Coll *c, tifa_citations **out) {
  size_t i, j, nd = 0, hcap = 1, *slot = NULL, na = 0;
  Doc *docs = NULL;
  Ord *ord = NULL;
  tifai_buf kb = TIFAI_BUF_INIT;
  tifa_citations *r = (tifa_citations *)calloc(1, sizeof(*r));
  size_t *keyof = NULL;                                  /* key offsets in kb, per use */
  int rc = TIFA_NOMEM;
  while (hcap < 2 * c->nu + 2) hcap *= 2;
  slot = (size_t *)malloc(hcap * sizeof(size_t));
  docs = (Doc *)malloc(c->nu * sizeof(Doc) + 1);
  ord = (Ord *)malloc(c->nu * sizeof(Ord) + 1);
  keyof = (size_t *)malloc((c->nu + 1) * sizeof(size_t));
  if (!r || !slot || !docs || !ord || !keyof) goto done;
  for (i = 0; i < hcap; i++) slot[i] = (size_t)-1;
  for (i = 0; i < c->nu; i++) {
    keyof[i] = kb.len;
    titlekey(&kb, P(c, c->us[i].res), c->us[i].reslen);
    tifai_buf_addc(&kb, '\0');
  }
  if (kb.oom) goto done;
  for (i = 0; i < c->nu; i++) {
    Use *u = &c->us[i];
    const char *k = kb.p + keyof[i];
    size_t kl = strlen(k), h;
    Doc *d;
    for (h = (size_t)hashstr(k, kl) & (hcap - 1); slot[h] != (size_t)-1; h = (h + 1) & (hcap - 1)) {
      d = &docs[slot[h]];
      if (d->keylen == kl && memcmp(kb.p + d->key, k, kl) == 0 &&
          d->resolved == (u->how != TIFA_CITE_UNRESOLVED)) break;
    }
    if (slot[h] == (size_t)-1) {
      slot[h] = nd;
      d = &docs[nd++];
      memset(d, 0, sizeof(*d));
      d->key = keyof[i]; d->keylen = kl;
      d->title = u->res; d->titlelen = u->reslen;
      d->resolved = u->how != TIFA_CITE_UNRESOLVED;
    }
    d = &docs[slot[h]];
    u->doc = slot[h];
    if (u->reslen > d->titlelen) { d->title = u->res; d->titlelen = u->reslen; }
    if (d->docnolen == 0 && u->docnolen > 0) { d->docno = u->docno; d->docnolen = u->docnolen; }
    ord[i].doc = u->doc; ord[i].article = u->article; ord[i].start = u->start; ord[i].u = i;
  }
  qsort(ord, c->nu, sizeof(Ord), cmpord);
  r->docs = (tifa_cite_doc *)malloc(nd * sizeof(tifa_cite_doc) + 1);
  r->uses = (tifa_cite_use *)malloc(c->nu * sizeof(tifa_cite_use) + 1);
  r->aliases = (const char **)malloc(2 * c->nu * sizeof(char *) + 1);
  if (!r->docs || !r->uses || !r->aliases) goto done;
  for (i = 0; i < c->nu; i = j) {                        /* one document per run of 'ord' */
    const Doc *d = &docs[ord[i].doc];
    tifa_cite_doc *t = &r->docs[ord[i].doc];
    size_t a0 = na;
    int64_t last = -1;
    t->title = P(c, d->title);
    t->kind = tifa_cite_kind(t->title, d->titlelen);
    t->docno = d->docnolen ? P(c, d->docno) : NULL;
    t->resolved = d->resolved;
    t->count = 0; t->narticles = 0;
    t->uses = r->uses + i;
    t->aliases = r->aliases + a0;
    for (j = i; j < c->nu && ord[j].doc == ord[i].doc; j++) {
      const Use *u = &c->us[ord[j].u];
      tifa_cite_use *o = &r->uses[j];
      size_t forms[2], k, m;
      o->article = u->article; o->start = u->start; o->end = u->end;
      o->paragraph = u->paragraph;
      o->as_written = P(c, u->title);
      o->how = u->how;
      t->count++;
      if (u->article != last) { t->narticles++; last = u->article; }
      forms[0] = u->res; forms[1] = u->title;
      for (k = 0; k < 2; k++) {                          /* the other forms, once each */
        const char *f = P(c, forms[k]);
        if (strcmp(f, t->title) == 0) continue;
        for (m = a0; m < na && strcmp(r->aliases[m], f) != 0; m++) ;
        if (m == na) r->aliases[na++] = f;
      }
    }
    t->naliases = na - a0;
  }
  qsort(r->docs, nd, sizeof(tifa_cite_doc), cmpdoc);
  r->n = nd;
  r->pool = c->pool.p;
  c->pool.p = NULL; c->pool.len = c->pool.cap = 0;
  *out = r; r = NULL;
  rc = TIFA_OK;
done:
  if (r) { r->pool = NULL; tifa_citations_free(r); }
  free(slot); free(docs); free(ord); free(keyof);
  tifai_buf_free(&kb);
  return rc;
}

int tifa_cite_citations (tifa_store *s, const int64_t *ids, size_t nids, tifa_citations **out) {
  Coll c;
  size_t i;
  int rc;
  memset(&c, 0, sizeof(c));
  *out = NULL;
  if (sqlite3_prepare_v2(tifa_store_sqlite(s), "SELECT file_id FROM article WHERE id = ?1", -1,
                         &c.file, NULL) != SQLITE_OK)
    return tifai_store_dberr(s, "cannot read articles");
  rc = tifai_each_article(s, ids, nids, collect, &c);
  sqlite3_finalize(c.file);
  if (rc == TIFA_OK && c.pool.oom) rc = TIFA_NOMEM;
  if (rc == TIFA_OK && c.pool.p == NULL) tifai_buf_addc(&c.pool, '\0');
  if (rc == TIFA_OK) {
    for (i = 0; i < c.nu; i++) resolve(&c, &c.us[i]);
    rc = build(&c, out);
  }
  if (rc == TIFA_NOMEM) tifai_store_fail(s, TIFA_NOMEM, "not enough memory");
  tifai_buf_free(&c.pool);
  free(c.us); free(c.arts); free(c.scratch);
  return rc;
}

/* }====== */
