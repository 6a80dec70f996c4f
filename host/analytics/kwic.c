/*
** kwic.c -- concordances: every match of a query with the text around it (tifa_kwic), and
** the ground of the track family (track.h): the matches of a query over a set of articles,
** taken from the store's search and gathered by article.
*/
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include "tifa_track.h"
#include "store.h"
#include "each.h"
#include "track.h"
#include "text.h"

#define DEFAULT_WIDTH  15

/* {====== Matches of a query ====== */

static int cmpid (const void *a, const void *b) {
  int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
  return (x > y) - (x < y);
}

int tifai_ids_sorted (const int64_t *ids, size_t nids, int64_t **out, size_t *n) {
  size_t i, k = 0;
  *out = NULL;
  *n = 0;
  if (ids == NULL) return TIFA_OK;
  if ((*out = (int64_t *)malloc((nids ? nids : 1) * sizeof(int64_t))) == NULL) return TIFA_NOMEM;
  if (nids) memcpy(*out, ids, nids * sizeof(int64_t));
  qsort(*out, nids, sizeof(int64_t), cmpid);
  for (i = 0; i < nids; i++)
    if (k == 0 || (*out)[k - 1] != (*out)[i]) (*out)[k++] = (*out)[i];
  *n = k;
  return TIFA_OK;
}

int tifai_ids_has (const int64_t *v, size_t n, int64_t id) {
  size_t lo = 0, hi = n;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (v[mid] < id) lo = mid + 1; else hi = mid;
  }
  return lo < n && v[lo] == id;
}

int64_t tifai_charmap (const char *s, size_t len, tifai_buf *map) {
  size_t i, n = 0;
  int64_t *m;
  tifai_buf_reset(map);
  if (tifai_buf_grow(map, (len + 1) * sizeof(int64_t)) != 0) return -1;
  m = (int64_t *)map->p;
  for (i = 0; i < len; i++)
    if (((unsigned char)s[i] & 0xC0) != 0x80) m[n++] = (int64_t)i;
  m[n] = (int64_t)len;
  map->len = (n + 1) * sizeof(int64_t);
  return (int64_t)n;
}

typedef struct finder {
  tifai_hits *h;
  const int64_t *set;               /* sorted, or NULL for all */
  size_t nset;
} finder;

static int onhit (void *ud, const tifa_hit *x) {
  finder *fd = (finder *)ud;
  tifai_hitrec r;
  if (fd->set && !tifai_ids_has(fd->set, fd->nset, x->article)) return 0;
  r.id = x->article;
  r.nmatch = x->nmatch;
  r.ntitle = x->ntitle;
  r.at = fd->h->offs.len / sizeof(int64_t);
  tifai_buf_add(&fd->h->offs, x->offsets, 2 * x->nmatch * sizeof(int64_t));
  tifai_buf_add(&fd->h->offs, x->title_offsets, 2 * x->ntitle * sizeof(int64_t));
  tifai_buf_add(&fd->h->recs, &r, sizeof(r));
  return (fd->h->offs.oom || fd->h->recs.oom) ? TIFA_NOMEM : 0;
}

static int cmprec (const void *a, const void *b) {
  const tifai_hitrec *x = (const tifai_hitrec *)a, *y = (const tifai_hitrec *)b;
  return (x->id > y->id) - (x->id < y->id);
}

int tifai_hits_find (tifa_store *s, const char *query, int flags, const int64_t *ids,
                     size_t nids, tifai_hits *h) {
  tifa_search_opts o;
  finder fd;
  int64_t *set = NULL;
  size_t i;
  int rc;
  memset(&o, 0, sizeof(o));
  o.limit = LONG_MAX / 4;           /* every hit (search doubles what it asks the index for) */
  o.context = 1;                    /* the snippet is not used: keep it short */
  o.flags = flags;
  if ((rc = tifai_ids_sorted(ids, nids, &set, &fd.nset)) != TIFA_OK)
    return tifai_store_fail(s, rc, "out of memory");
  fd.h = h;
  fd.set = set;
  if (ids != NULL && fd.nset == 0) rc = TIFA_OK;          /* an empty set: nothing to find */
  else rc = tifa_store_search(s, query, &o, onhit, &fd);
  free(set);
  if (rc == TIFA_NOMEM) return tifai_store_fail(s, rc, "out of memory");
  if (rc != TIFA_OK) return rc;
  h->n = h->recs.len / sizeof(tifai_hitrec);
  if (h->n) qsort(h->recs.p, h->n, sizeof(tifai_hitrec), cmprec);
  if ((h->ids = (int64_t *)malloc((h->n ? h->n : 1) * sizeof(int64_t))) == NULL)
    return tifai_store_fail(s, TIFA_NOMEM, "out of memory");
  for (i = 0; i < h->n; i++) h->ids[i] = tifai_hits_rec(h, i)->id;
  return TIFA_OK;
}

void tifai_hits_free (tifai_hits *h) {
  tifai_buf_free(&h->recs);
  tifai_buf_free(&h->offs);
  free(h->ids);
  h->ids = NULL;
  h->n = 0;
}

/* }====== */

/* {====== Concordance ====== */

typedef struct kline {              /* a line; strings first as offsets into 'str', then pointers */
  int64_t id, from, to, para;
  int title;
  size_t date, l, m, r;             /* offsets into the strings, (size_t)-1: no date */
  size_t ll, ml, rl;
  const char *pd, *pl, *pm, *pr;
} kline;

typedef struct kwic {
  tifa_store *s;
  const tifai_hits *h;
  size_t next;                      /* the next hit record to meet */
  int width;
  tifai_buf lines;                  /* kline[] */
  tifai_buf str;                    /* the lines' strings */
  tifai_buf map;                    /* char -> byte of the current text */
} kwic;

/* Append s[a..b) with line ends as spaces; returns its offset in 'str'. */
static size_t addctx (kwic *k, const char *s, int64_t a, int64_t b) {
  size_t at = k->str.len;
  int64_t i;
  for (i = a; i < b; i++) tifai_buf_addc(&k->str, (s[i] == '\n' || s[i] == '\r') ? ' ' : s[i]);
  return at;
}

/* The lines of the matches 'offs[0..2n)' in one text (or title) of article 'a'. */
static int addlines (kwic *k, const tifai_article *a, const char *text, size_t len,
                     const int64_t *offs, size_t n, int title) {
  int64_t nch = tifai_charmap(text, len, &k->map), para = 1, scanned = 0;
  const int64_t *m = (const int64_t *)k->map.p;
  size_t i, date = (size_t)-1;
  if (nch < 0) return TIFA_NOMEM;
  if (a->date) { date = k->str.len; tifai_buf_add(&k->str, a->date, strlen(a->date) + 1); }
  for (i = 0; i < n; i++) {
    kline l;
    int64_t from = offs[2 * i], to = offs[2 * i + 1], lf, rt;
    if (from < 0) from = 0;
    if (to > nch) to = nch;
    if (from > to) from = to;
    lf = k->width > 0 && from > k->width ? from - k->width : 0;
    rt = k->width > 0 ? (to + k->width < nch ? to + k->width : nch) : to;
    if (k->width < 0) lf = from;
    while (scanned < m[from]) if (text[scanned++] == '\n') para++;   /* offsets are sorted */
    l.id = a->id; l.from = from; l.to = to; l.title = title;
    l.para = title ? 0 : para;
    l.date = date;
    l.l = addctx(k, text, m[lf], m[from]); l.ll = (size_t)(m[from] - m[lf]);
    l.m = addctx(k, text, m[from], m[to]); l.ml = (size_t)(m[to] - m[from]);
    l.r = addctx(k, text, m[to], m[rt]); l.rl = (size_t)(m[rt] - m[to]);
    tifai_buf_add(&k->lines, &l, sizeof(l));
  }
  return (k->lines.oom || k->str.oom) ? TIFA_NOMEM : TIFA_OK;
}

static int onarticle (void *ud, const tifai_article *a) {
  kwic *k = (kwic *)ud;
  const tifai_hitrec *r;
  int rc;
  while (k->next < k->h->n && tifai_hits_rec(k->h, k->next)->id < a->id) k->next++;
  if (k->next >= k->h->n || (r = tifai_hits_rec(k->h, k->next))->id != a->id) return 0;
  k->next++;
  rc = addlines(k, a, a->title, a->title_len, tifai_hits_offs(k->h, r) + 2 * r->nmatch, r->ntitle, 1);
  if (rc == TIFA_OK)
    rc = addlines(k, a, a->text, a->text_len, tifai_hits_offs(k->h, r), r->nmatch, 0);
  return rc;
}


static int cmpfwd (const char *s, size_t n, const char *t, size_t m) {
  int c = memcmp(s, t, n < m ? n : m);
  return c ? c : (n > m) - (n < m);
}

static int cmppos (const kline *x, const kline *y) {
  if (x->id != y->id) return x->id < y->id ? -1 : 1;
  if (x->title != y->title) return x->title ? -1 : 1;
  return (x->from > y->from) - (x->from < y->from);
}

static int cmpleft (const void *a, const void *b) {
  const kline *x = (const kline *)a, *y = (const kline *)b;
  int c = tifai_utf8_cmpback(x->pl, x->ll, y->pl, y->ll);
  if (!c) c = cmpfwd(x->pm, x->ml, y->pm, y->ml);
  if (!c) c = cmpfwd(x->pr, x->rl, y->pr, y->rl);
  return c ? c : cmppos(x, y);
}

static int cmpright (const void *a, const void *b) {
  const kline *x = (const kline *)a, *y = (const kline *)b;
  int c = cmpfwd(x->pm, x->ml, y->pm, y->ml);
  if (!c) c = cmpfwd(x->pr, x->rl, y->pr, y->rl);
  if (!c) c = tifai_utf8_cmpback(x->pl, x->ll, y->pl, y->ll);
  return c ? c : cmppos(x, y);
}

static int cmparticle (const void *a, const void *b) {
  return cmppos((const kline *)a, (const kline *)b);
}

int tifa_kwic (tifa_store *s, const char *query, const tifa_kwic_opts *o, tifa_kwic_fn f,
               void *ud) {
  tifai_hits h = TIFAI_HITS_INIT;
  kwic k;
  size_t i, n;
  kline *v;
  int rc;
  memset(&k, 0, sizeof(k));
  k.s = s;
  k.h = &h;
  k.width = (o && o->width) ? o->width : DEFAULT_WIDTH;
  rc = tifai_hits_find(s, query, o ? o->flags : 0, o ? o->ids : NULL, o ? o->nids : 0, &h);
  if (rc == TIFA_OK && h.n > 0) rc = tifai_each_article(s, h.ids, h.n, onarticle, &k);
  if (rc == TIFA_NOMEM) rc = tifai_store_fail(s, rc, "out of memory");
  if (rc != TIFA_OK) goto done;
  n = k.lines.len / sizeof(kline);
  v = (kline *)k.lines.p;
  for (i = 0; i < n; i++) {                       /* 'str' is complete: offsets to pointers */
    v[i].pd = v[i].date == (size_t)-1 ? NULL : k.str.p + v[i].date;
    v[i].pl = k.str.p + v[i].l;
    v[i].pm = k.str.p + v[i].m;
    v[i].pr = k.str.p + v[i].r;
  }
  if (n > 1)
    qsort(v, n, sizeof(kline), (o && o->sort == TIFA_KWIC_LEFT) ? cmpleft
                               : (o && o->sort == TIFA_KWIC_RIGHT) ? cmpright : cmparticle);
  if (o && o->limit > 0 && (size_t)o->limit < n) n = (size_t)o->limit;
  for (i = 0; i < n && rc == TIFA_OK; i++) {
    tifa_kwic_line l;
    l.id = v[i].id; l.date = v[i].pd; l.title = v[i].title;
    l.from = v[i].from; l.to = v[i].to; l.paragraph = v[i].para;
    l.left = v[i].pl; l.left_len = v[i].ll;
    l.match = v[i].pm; l.match_len = v[i].ml;
    l.right = v[i].pr; l.right_len = v[i].rl;
    rc = f(ud, &l);
  }
done:
  tifai_hits_free(&h);
  tifai_buf_free(&k.lines);
  tifai_buf_free(&k.str);
  tifai_buf_free(&k.map);
  return rc;
}

/* }====== */
