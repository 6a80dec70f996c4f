/*
** track.c -- when and where words occur: timelines by month or year (tifa_timeline),
** dispersion over the articles (tifa_dispersion), and formulations tracked with their
** variants, exact or in parts (tifa_track), with lexicons to name them (tifa_lexicon_*).
*/
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sqlite3.h>
#include "tifa_track.h"
#include "tifa_text.h"
#include "store.h"
#include "text.h"
#include "each.h"
#include "track.h"

#define DEFAULT_CELLS  50
#define VARIANT_SLACK  12           /* a match this much longer than its exact form is shown whole */

/* {====== Timeline ====== */

typedef struct pair { int64_t id, n; } pair;

typedef struct counter {
  tifai_buf pairs;                  /* pair[] */
  const int64_t *set;               /* sorted, or NULL */
  size_t nset;
} counter;

static int oncount (void *ud, int64_t id, int64_t n) {
  counter *c = (counter *)ud;
  pair p;
  if (c->set && !tifai_ids_has(c->set, c->nset, id)) return 0;
  p.id = id; p.n = n;
  tifai_buf_add(&c->pairs, &p, sizeof(p));
  return c->pairs.oom ? TIFA_NOMEM : 0;
}

/* The period key of an ISO date: year*12 + month-1 by month, the year by year; -1 when the
** date cannot be placed. */
static int64_t periodkey (const char *d, int by) {
  int64_t y = 0, m = 0;
  int i;
  if (d == NULL) return -1;
  for (i = 0; i < 4; i++) {
    if (!isdigit((unsigned char)d[i])) return -1;
    y = y * 10 + (d[i] - '0');
  }
  if (by == TIFA_BY_YEAR) return y;
  if (d[4] != '-' || !isdigit((unsigned char)d[5]) || !isdigit((unsigned char)d[6])) return -1;
  m = (d[5] - '0') * 10 + (d[6] - '0');
  if (m < 1 || m > 12) return -1;
  return y * 12 + m - 1;
}

int tifa_timeline (tifa_store *s, const char *query, int flags, int by, const int64_t *ids,
                   size_t nids, tifa_period_fn f, void *ud, tifa_undated *u) {
  counter c;
  tifa_undated und = {0, 0};
  sqlite3_stmt *st = NULL;
  int64_t *set = NULL, total, narticles, lo = INT64_MAX, hi = -1, *keys = NULL, *cnt = NULL;
  size_t i, n = 0;
  int rc;
  memset(&c, 0, sizeof(c));
  if ((rc = tifai_ids_sorted(ids, nids, &set, &c.nset)) != TIFA_OK) goto done;
  c.set = set;
  if (query) {
    if (ids == NULL || c.nset > 0) rc = tifa_store_countx(s, query, flags, &total, &narticles, oncount, &c);
  }
  else if (ids) {
    for (i = 0; i < c.nset; i++) oncount(&c, set[i], 1);
  }
  else {                                          /* every article once */
    if (sqlite3_prepare_v2(tifa_store_sqlite(s), "SELECT id FROM article", -1, &st, NULL) != SQLITE_OK) {
      rc = tifai_store_dberr(s, "cannot read articles");
      goto done;
    }
    while (sqlite3_step(st) == SQLITE_ROW) oncount(&c, sqlite3_column_int64(st, 0), 1);
    sqlite3_finalize(st);
    st = NULL;
  }
  if (rc != TIFA_OK) goto done;
  if (c.pairs.oom) { rc = TIFA_NOMEM; goto done; }
  n = c.pairs.len / sizeof(pair);
  if ((keys = (int64_t *)malloc((n ? n : 1) * sizeof(int64_t))) == NULL) { rc = TIFA_NOMEM; goto done; }
  if (sqlite3_prepare_v2(tifa_store_sqlite(s), "SELECT date FROM article WHERE id = ?1", -1, &st,
                         NULL) != SQLITE_OK) {
    rc = tifai_store_dberr(s, "cannot read dates");
    goto done;
  }
  for (i = 0; i < n; i++) {
    pair *p = (pair *)c.pairs.p + i;
    sqlite3_bind_int64(st, 1, p->id);
    keys[i] = sqlite3_step(st) == SQLITE_ROW ? periodkey((const char *)sqlite3_column_text(st, 0), by) : -1;
    sqlite3_reset(st);
    if (keys[i] < 0) { und.count += p->n; und.articles++; continue; }
    if (keys[i] < lo) lo = keys[i];
    if (keys[i] > hi) hi = keys[i];
  }
  if (hi >= 0) {
    size_t np = (size_t)(hi - lo + 1);
    if ((cnt = (int64_t *)calloc(2 * np, sizeof(int64_t))) == NULL) { rc = TIFA_NOMEM; goto done; }
    for (i = 0; i < n; i++)
      if (keys[i] >= 0) {
        cnt[2 * (keys[i] - lo)] += ((pair *)c.pairs.p)[i].n;
        cnt[2 * (keys[i] - lo) + 1]++;
      }
    for (i = 0; i < np && rc == TIFA_OK; i++) {
      char name[32];
      tifa_period p;
      int64_t k = lo + (int64_t)i;
      if (by == TIFA_BY_YEAR) snprintf(name, sizeof(name), "%04lld", (long long)k);
      else snprintf(name, sizeof(name), "%04lld-%02d", (long long)(k / 12), (int)(k % 12) + 1);
      p.period = name;
      p.count = cnt[2 * i];
      p.articles = cnt[2 * i + 1];
      rc = f(ud, &p);
    }
  }
done:
  if (rc == TIFA_NOMEM) rc = tifai_store_fail(s, rc, "out of memory");
  if (u) *u = und;
  sqlite3_finalize(st);
  tifai_buf_free(&c.pairs);
  free(set);
  free(keys);
  free(cnt);
  return rc;
}

/* }====== */

/* {====== Dispersion ====== */

typedef struct disprow {            /* an article with matches in its text, of any store */
  int64_t id;                       /* the source's id */
  int64_t nc, nmatch;               /* its characters, its matches */
  size_t at;                        /* their starts: int64_t[nmatch] at 'at' of the starts */
} disprow;

typedef struct dispsums {           /* over the stores, in store order */
  int64_t parts, chars, minchars, total;
  tifai_buf rows;                   /* disprow[] */
  tifai_buf starts;                 /* int64_t[] */
} dispsums;

/* The share of store 's' (its ids based at 'base'): its parts (the articles of 'set' with
** text; set NULL: all), their characters and the fewest, its matches (every hit's, as
** tifa_dispersion counts them), and its rows in id order. Fails on 's'. */
static int dispshare (tifa_store *s, int64_t base, const char *query, int flags,
                      const int64_t *set, size_t nset, dispsums *d) {
  tifai_hits h = TIFAI_HITS_INIT;
  sqlite3_stmt *st = NULL;
  size_t i, j;
  int rc = TIFA_OK;
  if (sqlite3_prepare_v2(tifa_store_sqlite(s), set == NULL ? "SELECT count(*), sum(nchars), "
                         "min(nchars) FROM article WHERE nchars > 0" : "SELECT nchars FROM article "
                         "WHERE id = ?1", -1, &st, NULL) != SQLITE_OK)
    return tifai_store_dberr(s, "cannot read articles");
  if (set == NULL) {
    if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int64(st, 0) > 0) {
      int64_t m = sqlite3_column_int64(st, 2);
      d->parts += sqlite3_column_int64(st, 0);
      d->chars += sqlite3_column_int64(st, 1);
      if (d->minchars < 0 || m < d->minchars) d->minchars = m;
    }
  }
  else {
    for (i = 0; i < nset; i++) {
      sqlite3_bind_int64(st, 1, set[i]);
      if (sqlite3_step(st) == SQLITE_ROW) {
        int64_t nc = sqlite3_column_int64(st, 0);
        if (nc > 0) {
          d->parts++;
          d->chars += nc;
          if (d->minchars < 0 || nc < d->minchars) d->minchars = nc;
        }
      }
      sqlite3_reset(st);
    }
  }
  sqlite3_finalize(st);
  st = NULL;
  if ((rc = tifai_hits_find(s, query, flags, set, nset, &h)) != TIFA_OK) goto done;
  if (sqlite3_prepare_v2(tifa_store_sqlite(s), "SELECT nchars FROM article WHERE id = ?1", -1, &st,
                         NULL) != SQLITE_OK) {
    rc = tifai_store_dberr(s, "cannot read articles");
    goto done;
  }
  for (i = 0; i < h.n; i++) {
    const tifai_hitrec *r = tifai_hits_rec(&h, i);
    const int64_t *from = tifai_hits_offs(&h, r);
    disprow row;
    d->total += (int64_t)r->nmatch;
    if (r->nmatch == 0) continue;                 /* a match in the title only */
    row.nc = 0;
    sqlite3_bind_int64(st, 1, r->id);
    if (sqlite3_step(st) == SQLITE_ROW) row.nc = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    if (row.nc <= 0) continue;
    row.id = base + r->id;
    row.nmatch = (int64_t)r->nmatch;
    row.at = d->starts.len / sizeof(int64_t);
    for (j = 0; j < r->nmatch; j++)               /* the starts: the even places */
      tifai_buf_add(&d->starts, &from[2 * j], sizeof(int64_t));
    tifai_buf_add(&d->rows, &row, sizeof(row));
  }
  if (d->rows.oom || d->starts.oom) rc = tifai_store_fail(s, TIFA_NOMEM, "out of memory");
done:
  sqlite3_finalize(st);
  tifai_hits_free(&h);
  return rc;
}

int tifa_dispersion (tifa_store *s, const char *query, int flags, const int64_t *ids,
                     size_t nids, int cells, tifa_dispersion_fn f, void *ud,
                     tifa_dispersion_stats *out) {
  return tifa_dispersion_stores(&s, NULL, 1, query, flags, ids, nids, cells, f, ud, out);
}

int tifa_dispersion_stores (tifa_store *const *stores, const int64_t *bases, size_t n,
                            const char *query, int flags, const int64_t *ids, size_t nids,
                            int cells, tifa_dispersion_fn f, void *ud,
                            tifa_dispersion_stats *out) {
  dispsums d;
  int64_t *set = NULL, *local = NULL, narticles = 0;
  double sp = 0, sp2 = 0, dev = 0, shares = 0;
  char *plot = NULL;
  size_t i, j, k, nset = 0, lo = 0, bad = 0;
  int rc;
  memset(out, 0, sizeof(*out));
  out->juilland_d = out->dp = out->dp_norm = NAN;
  if (n == 0) return TIFA_ERROR;
  memset(&d, 0, sizeof(d));
  d.minchars = -1;
  if (cells <= 0) cells = DEFAULT_CELLS;
  if ((plot = (char *)malloc((size_t)cells + 1)) == NULL
      || (rc = tifai_ids_sorted(ids, nids, &set, &nset)) != TIFA_OK
      || (local = (int64_t *)malloc((nset + 1) * sizeof(int64_t))) == NULL) {
    rc = tifai_store_fail(stores[0], TIFA_NOMEM, "out of memory");
    goto done;
  }
  while (lo < nset && bases != NULL && set[lo] < bases[0]) lo++;   /* in no store */
  for (k = 0; k < n && rc == TIFA_OK; k++) {     /* each store's share, in id order */
    int64_t base = bases ? bases[k] : 0;
    size_t hi = lo;
    while (hi < nset && (bases == NULL || k + 1 == n || set[hi] < bases[k + 1])) {
      local[hi - lo] = set[hi] - base;
      hi++;
    }
    if (ids == NULL || hi > lo)
      rc = dispshare(stores[k], base, query, flags, ids ? local : NULL, hi - lo, &d);
    if (rc != TIFA_OK) bad = k + 1;
    lo = hi;
  }
  for (i = 0; rc == TIFA_OK && i < d.rows.len / sizeof(disprow); i++) {   /* as one store */
    const disprow *r = (const disprow *)d.rows.p + i;
    const int64_t *from = (const int64_t *)d.starts.p + r->at;
    double rel = (double)r->nmatch / (double)r->nc;
    tifa_dispersion_row row;
    narticles++;
    sp += rel;
    sp2 += rel * rel;
    dev += fabs((double)r->nmatch / (double)d.total - (double)r->nc / (double)d.chars);
    shares += (double)r->nc / (double)d.chars;
    memset(plot, '-', (size_t)cells);
    plot[cells] = '\0';
    for (j = 0; j < (size_t)r->nmatch; j++) {
      int64_t c = from[j] * cells / r->nc;
      plot[c < cells ? c : cells - 1] = '|';
    }
    row.id = r->id;
    row.nchars = r->nc;
    row.count = r->nmatch;
    row.from = from;
    row.plot = plot;
    rc = f(ud, &row);
  }
  if (rc != TIFA_OK) goto done;
  out->parts = d.parts;
  out->total = d.total;
  out->articles = narticles;
  if (d.total > 0 && d.parts > 0 && d.chars > 0) {
    double mean = sp / (double)d.parts, var = sp2 / (double)d.parts - mean * mean;
    if (var < 0) var = 0;
    if (d.parts > 1) out->juilland_d = 1.0 - (sqrt(var) / mean) / sqrt((double)(d.parts - 1));
    out->dp = 0.5 * (dev + (1.0 - shares));       /* the parts without a match: |0 - s_i| */
    out->dp_norm = d.parts > 1 ? out->dp / (1.0 - (double)d.minchars / (double)d.chars) : NAN;
  }
done:
  if (rc == TIFA_NOMEM && bad == 0) tifai_store_fail(stores[0], rc, "out of memory");
  if (bad > 0 && n > 1) {                         /* the message to stores[0] */
    tifa_store *s = stores[bad - 1];
    char msg[TIFA_ERRMAX];
    if (rc == TIFA_INTERRUPTED) tifai_store_fail(stores[0], rc, "interrupted");
    else {
      memcpy(msg, s->errmsg, sizeof(msg));
      msg[sizeof(msg) - 1] = '\0';
      tifai_store_fail(stores[0], rc, "%s: %s", s->path ? s->path : "?", msg);
    }
  }
  tifai_buf_free(&d.rows);
  tifai_buf_free(&d.starts);
  free(set);
  free(local);
  free(plot);
  return rc;
}

/* }====== */

/* {====== Formulations ====== */

typedef struct form {               /* a form made ready */
  char *exact;                      /* folded, white space removed */
  size_t exactlen;
  int64_t exactchars;
  char **parts;                     /* folded parts */
  size_t *partlen;
  size_t nparts;
  char *qexact, *qparts;            /* the queries */
} form;

typedef struct occ { int64_t from, to; int part; } occ;   /* part -1: an exact match */

typedef struct tracker {
  tifa_store *s;
  const tifa_formulation *fs;
  size_t fi, fo;                    /* the formulation and form at work */
  form *fm;
  const tifai_hits *he, *hp;        /* hits of the exact query, of the parts */
  size_t ne, np;                    /* cursors in them */
  tifai_buf map, occs, sent, out, var;
  tifa_track_fn f;
  void *ud;
} tracker;

/* Is the separator of parts at s? Returns its length in bytes, 0 if none. */
static size_t separator (const char *s, const char *e) {
  if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r' || *s == ';') return 1;
  if (e - s >= 3 && (memcmp(s, "\xE3\x80\x81", 3) == 0        /* 、 */
                     || memcmp(s, "\xEF\xBC\x9B", 3) == 0     /* ； */
                     || memcmp(s, "\xE3\x80\x80", 3) == 0))   /* U+3000 */
    return 3;
  return 0;
}

static void quote (tifai_buf *b, const char *s, size_t n) {
  size_t i;
  tifai_buf_addc(b, '"');
  for (i = 0; i < n; i++) {
    if (s[i] == '"') tifai_buf_addc(b, '"');
    tifai_buf_addc(b, s[i]);
  }
  tifai_buf_addc(b, '"');
}

static void freeform (form *fm) {
  size_t i;
  free(fm->exact);
  for (i = 0; i < fm->nparts; i++) free(fm->parts[i]);
  free(fm->parts);
  free(fm->partlen);
  free(fm->qexact);
  free(fm->qparts);
  memset(fm, 0, sizeof(*fm));
}

/* Make 'fm' from the text 'src': TIFA_OK, TIFA_NOMEM, or TIFA_ERROR if it has no text. */
static int makeform (form *fm, const char *src) {
  const char *p = src, *e = src + strlen(src);
  tifai_buf b = TIFAI_BUF_INIT, q = TIFAI_BUF_INIT;
  size_t i, cap = 0;
  memset(fm, 0, sizeof(*fm));
  for (; p < e; p++)                              /* the exact text: no white space */
    if (!(*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')) tifai_buf_addc(&b, *p);
  if (b.len == 0) { tifai_buf_free(&b); return TIFA_ERROR; }
  if (b.oom || (fm->exact = tifa_text_fold(b.p, b.len, &fm->exactlen)) == NULL) goto nomem;
  fm->exactchars = (int64_t)tifa_utf8_len(fm->exact, fm->exactlen);
  for (p = src; p < e; ) {                        /* the parts */
    const char *w;
    size_t sl;
    while (p < e && (sl = separator(p, e)) > 0) p += sl;
    for (w = p; w < e && separator(w, e) == 0; w++) ;
    if (w == p) break;
    if (fm->nparts == cap) {
      size_t nc = cap ? 2 * cap : 4;
      char **np = (char **)realloc(fm->parts, nc * sizeof(char *));
      size_t *nl;
      if (np == NULL) goto nomem;
      fm->parts = np;
      if ((nl = (size_t *)realloc(fm->partlen, nc * sizeof(size_t))) == NULL) goto nomem;
      fm->partlen = nl;
      cap = nc;
    }
    if ((fm->parts[fm->nparts] = tifa_text_fold(p, (size_t)(w - p), &fm->partlen[fm->nparts])) == NULL)
      goto nomem;
    fm->nparts++;
    p = w;
  }
  quote(&q, fm->exact, fm->exactlen);
  if (q.oom || (fm->qexact = tifai_buf_detach(&q, NULL)) == NULL) goto nomem;
  if (fm->nparts >= 2) {
    for (i = 0; i < fm->nparts; i++) {
      if (i) tifai_buf_addc(&q, ' ');
      quote(&q, fm->parts[i], fm->partlen[i]);
    }
    if (q.oom || (fm->qparts = tifai_buf_detach(&q, NULL)) == NULL) goto nomem;
  }
  tifai_buf_free(&b);
  return TIFA_OK;
nomem:
  tifai_buf_free(&b);
  tifai_buf_free(&q);
  freeform(fm);
  return TIFA_NOMEM;
}

/* Does s[0..n) equal the folded 't[0..m)', ASCII letters in any case and punctuation in
** either width (tifai_fold_width), as the query matched them? */
static int same (const char *s, size_t n, const char *t, size_t m) {
  size_t i = 0, j = 0;
  while (i < n && j < m) {
    int32_t a, b;
    int k = tifa_utf8_decode(s + i, n - i, &a), l = tifa_utf8_decode(t + j, m - j, &b);
    if (k <= 0 || l <= 0) return 0;
    a = tifai_fold_width(a);
    b = tifai_fold_width(b);
    if (a < 0x80) a = tolower(a);
    if (b < 0x80) b = tolower(b);
    if (a != b) return 0;
    i += (size_t)k;
    j += (size_t)l;
  }
  return i == n && j == m;
}

static int cmpocc (const void *a, const void *b) {
  const occ *x = (const occ *)a, *y = (const occ *)b;
  if (x->from != y->from) return x->from < y->from ? -1 : 1;
  return (x->part > y->part) - (x->part < y->part);
}

/* The matches in one text (or title) of article 'a': 'eo[0..2ne)' the exact form's offsets,
** 'po[0..2np)' the parts' offsets (any part). Hands them over in order. */
static int matchtext (tracker *t, const tifai_article *a, const char *text, size_t len,
                      const int64_t *eo, size_t ne, const int64_t *po, size_t np, int title) {
  form *fm = t->fm;
  int64_t nch = tifai_charmap(text, len, &t->map), para = 1, scanned = 0, *sent;
  const int64_t *m = (const int64_t *)t->map.p;
  size_t i, j, nocc, nsent = 0, nout, k;
  occ *v, *out;
  int rc = TIFA_OK;
  if (nch < 0) return TIFA_NOMEM;
  tifai_buf_reset(&t->occs);
  tifai_buf_reset(&t->out);
  for (i = 0; i < ne; i++) {                      /* exact matches go straight out */
    occ o;
    o.from = eo[2 * i]; o.to = eo[2 * i + 1]; o.part = -1;
    tifai_buf_add(&t->out, &o, sizeof(o));
  }
  for (i = 0; i < np; i++) {                      /* the parts that are not inside an exact match */
    occ o;
    int64_t a0 = po[2 * i], b0 = po[2 * i + 1];
    int inexact = 0;
    if (a0 < 0 || b0 > nch || a0 >= b0) continue;
    for (j = 0; j < ne && !inexact; j++) inexact = a0 < eo[2 * j + 1] && b0 > eo[2 * j];
    if (inexact) continue;
    o.from = a0; o.to = b0; o.part = -2;
    for (j = 0; j < fm->nparts; j++)
      if (same(text + m[a0], (size_t)(m[b0] - m[a0]), fm->parts[j], fm->partlen[j])) {
        o.part = (int)j;
        tifai_buf_add(&t->occs, &o, sizeof(o));   /* a text that is two parts counts for both */
      }
  }
  nocc = t->occs.len / sizeof(occ);
  v = (occ *)t->occs.p;
  if (nocc >= fm->nparts && fm->nparts >= 2) {
    size_t at = 0;                                /* the sentences' ends, in chars */
    int64_t c = 0;
    tifai_buf_reset(&t->sent);
    while (at < len) {
      size_t sl = tifa_text_sentence(text + at, len - at);
      size_t x;
      if (sl == 0) break;
      for (x = at; x < at + sl; x++) if (((unsigned char)text[x] & 0xC0) != 0x80) c++;
      at += sl;
      tifai_buf_add(&t->sent, &c, sizeof(c));
    }
    if (t->sent.oom) return TIFA_NOMEM;
    sent = (int64_t *)t->sent.p;
    nsent = t->sent.len / sizeof(int64_t);
    qsort(v, nocc, sizeof(occ), cmpocc);
    {                                             /* greedy, leftmost, sentence by sentence */
      size_t si = 0, x = 0, y;
      int64_t pos = 0;
      while (x < nocc) {
        int64_t send;
        size_t want = 1;
        occ chain0 = v[x], last = v[x];
        if (v[x].part != 0 || v[x].from < pos) { x++; continue; }
        while (si < nsent && sent[si] <= v[x].from) si++;
        send = si < nsent ? sent[si] : nch;
        for (y = x + 1; y < nocc && v[y].from < send && want < fm->nparts; y++) {
          if (v[y].from < last.to) continue;
          if (v[y].part == (int)want) { last = v[y]; want++; }
          else if (v[y].part == 0 && want == 1) chain0 = last = v[y];   /* a closer first part */
        }
        if (want == fm->nparts) {
          occ o;
          o.from = chain0.from; o.to = last.to; o.part = -3;
          tifai_buf_add(&t->out, &o, sizeof(o));
          pos = last.to;
        }
        else pos = send;                          /* no more in this sentence */
        while (x < nocc && v[x].from < pos) x++;
      }
    }
  }
  if (t->out.oom || t->occs.oom) return TIFA_NOMEM;
  out = (occ *)t->out.p;
  nout = t->out.len / sizeof(occ);
  if (nout > 1) qsort(out, nout, sizeof(occ), cmpocc);
  for (k = 0; k < nout && rc == TIFA_OK; k++) {
    tifa_track_match mt;
    int64_t from = out[k].from, to = out[k].to;
    if (from < 0 || to > nch || from > to) continue;
    while (scanned < m[from]) if (text[scanned++] == '\n') para++;
    tifai_buf_reset(&t->var);
    if (out[k].part == -1 || to - from <= fm->exactchars + VARIANT_SLACK) {
      int64_t y;
      for (y = m[from]; y < m[to]; y++)
        tifai_buf_addc(&t->var, text[y] == '\n' ? ' ' : text[y]);
    }
    else {                                        /* the parts as found, joined by … */
      size_t w = 0;
      for (j = 0; j < nocc && w < fm->nparts; j++)
        if (v[j].from >= from && v[j].to <= to && v[j].part == (int)w
            && (w == 0 || v[j].from >= 0)) {
          if (w) tifai_buf_adds(&t->var, "\xE2\x80\xA6");
          tifai_buf_add(&t->var, text + m[v[j].from], (size_t)(m[v[j].to] - m[v[j].from]));
          w++;
        }
    }
    tifai_buf_addc(&t->var, '\0');
    if (t->var.oom) return TIFA_NOMEM;
    mt.formulation = t->fi;
    mt.form = t->fo;
    mt.id = a->id;
    mt.date = a->date;
    mt.title = title;
    mt.from = from;
    mt.to = to;
    mt.paragraph = title ? 0 : para;
    mt.exact = out[k].part == -1;
    mt.variant = t->var.p;
    mt.variant_len = t->var.len - 1;
    rc = t->f(t->ud, &mt);
  }
  return rc;
}

/* The record of article 'id' in 'h' from cursor '*c' on (articles come in id order). */
static const tifai_hitrec *recof (const tifai_hits *h, size_t *c, int64_t id) {
  if (h == NULL) return NULL;
  while (*c < h->n && tifai_hits_rec(h, *c)->id < id) (*c)++;
  return (*c < h->n && tifai_hits_rec(h, *c)->id == id) ? tifai_hits_rec(h, *c) : NULL;
}

static int trackarticle (void *ud, const tifai_article *a) {
  tracker *t = (tracker *)ud;
  const tifai_hitrec *re = recof(t->he, &t->ne, a->id), *rp = recof(t->hp, &t->np, a->id);
  const int64_t *eo = re ? tifai_hits_offs(t->he, re) : NULL, *po = rp ? tifai_hits_offs(t->hp, rp) : NULL;
  int rc;
  rc = matchtext(t, a, a->title, a->title_len, re ? eo + 2 * re->nmatch : NULL, re ? re->ntitle : 0,
                 rp ? po + 2 * rp->nmatch : NULL, rp ? rp->ntitle : 0, 1);
  if (rc == TIFA_OK)
    rc = matchtext(t, a, a->text, a->text_len, eo, re ? re->nmatch : 0, po, rp ? rp->nmatch : 0, 0);
  return rc;
}

int tifa_track (tifa_store *s, const tifa_formulation *fs, size_t n, int flags,
                const int64_t *ids, size_t nids, tifa_track_fn f, void *ud) {
  tracker t;
  form fm;
  int rc = TIFA_OK;
  memset(&t, 0, sizeof(t));
  memset(&fm, 0, sizeof(fm));
  t.s = s;
  t.fs = fs;
  t.f = f;
  t.ud = ud;
  t.fm = &fm;
  for (t.fi = 0; t.fi < n && rc == TIFA_OK; t.fi++)
    for (t.fo = 0; t.fo < fs[t.fi].nforms && rc == TIFA_OK; t.fo++) {
      tifai_hits he = TIFAI_HITS_INIT, hp = TIFAI_HITS_INIT;
      tifai_buf all = TIFAI_BUF_INIT;
      size_t i, j;
      if ((rc = makeform(&fm, fs[t.fi].forms[t.fo])) != TIFA_OK) {
        if (rc == TIFA_ERROR) tifai_store_fail(s, rc, "formulation '%s' has no text", fs[t.fi].label);
        else rc = tifai_store_fail(s, rc, "out of memory");
        break;
      }
      rc = tifai_hits_find(s, fm.qexact, flags, ids, nids, &he);
      if (rc == TIFA_OK && fm.qparts) rc = tifai_hits_find(s, fm.qparts, flags, ids, nids, &hp);
      if (rc == TIFA_OK) {                        /* the articles of either, in id order */
        for (i = j = 0; i < he.n || j < hp.n; ) {
          int64_t id;
          if (j >= hp.n || (i < he.n && he.ids[i] <= hp.ids[j])) {
            id = he.ids[i++];
            if (j < hp.n && hp.ids[j] == id) j++;
          }
          else id = hp.ids[j++];
          tifai_buf_add(&all, &id, sizeof(id));
        }
        if (all.oom) rc = tifai_store_fail(s, TIFA_NOMEM, "out of memory");
      }
      if (rc == TIFA_OK && all.len > 0) {
        t.he = &he;
        t.hp = fm.qparts ? &hp : NULL;
        t.ne = t.np = 0;
        rc = tifai_each_article(s, (const int64_t *)all.p, all.len / sizeof(int64_t), trackarticle, &t);
        if (rc == TIFA_NOMEM) rc = tifai_store_fail(s, rc, "out of memory");
      }
      tifai_hits_free(&he);
      tifai_hits_free(&hp);
      tifai_buf_free(&all);
      freeform(&fm);
    }
  freeform(&fm);
  tifai_buf_free(&t.map);
  tifai_buf_free(&t.occs);
  tifai_buf_free(&t.sent);
  tifai_buf_free(&t.out);
  tifai_buf_free(&t.var);
  return rc;
}

/* }====== */

/* {====== Lexicons ====== */

struct tifa_lexicon {
  char *text;                       /* a copy of the source, cut in place */
  tifa_formulation *fs;
  const char **forms;               /* every formulation's forms, in a row */
  size_t n;
};

static char *trim (char *p, char *e) {          /* trims [p, e) in place; returns p */
  while (p < e && (*p == ' ' || *p == '\t' || *p == '\r')) p++;
  while (e > p && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r')) e--;
  *e = '\0';
  return p;
}

int tifa_lexicon_parse (const char *text, size_t len, tifa_lexicon **out, char *err, size_t errsz) {
  tifa_lexicon *lx = (tifa_lexicon *)calloc(1, sizeof(tifa_lexicon));
  size_t lines = 1, i, nforms = 0, nf = 0;
  size_t *first = NULL, *count = NULL;
  char *p, *e;
  long line = 0;
  *out = NULL;
  if (err && errsz) err[0] = '\0';
  {                                             /* forms are searched: valid UTF-8 only */
    size_t bad, k;
    if (!tifa_utf8_valid(text, len, &bad)) {
      for (k = 0, line = 1; k < bad; k++) line += text[k] == '\n';
      if (err) snprintf(err, errsz, "line %ld: not valid UTF-8 (byte %lu)", line, (unsigned long)bad + 1);
      free(lx);
      return TIFA_SYNTAX;
    }
    line = 0;
  }
  if (lx == NULL || (lx->text = (char *)malloc(len + 1)) == NULL) goto nomem;
  memcpy(lx->text, text, len);
  lx->text[len] = '\0';
  for (i = 0; i < len; i++) if (text[i] == '\n' || text[i] == '|') lines++;
  lx->fs = (tifa_formulation *)calloc(lines, sizeof(tifa_formulation));
  lx->forms = (const char **)calloc(lines, sizeof(char *));
  first = (size_t *)calloc(lines, sizeof(size_t));
  count = (size_t *)calloc(lines, sizeof(size_t));
  if (!lx->fs || !lx->forms || !first || !count) goto nomem;
  for (p = lx->text; *p || p < lx->text + len; p = e + 1) {
    char *eq, *l;
    e = strchr(p, '\n');
    if (e == NULL) e = lx->text + len;
    line++;
    *e = '\0';
    l = trim(p, e);
    if (*l == '\0' || *l == '#') { if (e >= lx->text + len) break; continue; }
    first[nf] = nforms;
    if ((eq = strchr(l, '=')) != NULL) {
      char *f = eq + 1, *bar;
      lx->fs[nf].label = trim(l, eq);
      if (*lx->fs[nf].label == '\0') {
        if (err) snprintf(err, errsz, "line %ld: no label before '='", line);
        goto fail;
      }
      for (;;) {
        char *fe = (bar = strchr(f, '|')) ? bar : f + strlen(f), *w;
        int last = bar == NULL;
        w = trim(f, fe);
        if (*w) lx->forms[nforms++] = w;
        if (last) break;
        f = bar + 1;
      }
      if (nforms == first[nf]) {
        if (err) snprintf(err, errsz, "line %ld: no form after '='", line);
        goto fail;
      }
    }
    else {
      lx->fs[nf].label = l;
      lx->forms[nforms++] = l;
    }
    count[nf] = nforms - first[nf];
    nf++;
    if (e >= lx->text + len) break;
  }
  for (i = 0; i < nf; i++) {                      /* 'forms' is complete: point into it */
    lx->fs[i].forms = lx->forms + first[i];
    lx->fs[i].nforms = count[i];
  }
  lx->n = nf;
  free(first);
  free(count);
  *out = lx;
  return TIFA_OK;
nomem:
  if (err) snprintf(err, errsz, "out of memory");
  free(first);
  free(count);
  tifa_lexicon_free(lx);
  return TIFA_NOMEM;
fail:
  free(first);
  free(count);
  tifa_lexicon_free(lx);
  return TIFA_SYNTAX;
}

/* tifa's policy lexicon (host/dict/policy.txt): its lines tagged nz, in its order, then
** formulations in parts and their aliases. */
static const char builtin[] =
  "新质生产力\n新型生产关系\n中国式现代化\n高质量发展\n人类命运共同体\n两个确立\n"
  "两个维护\n四个意识\n四个自信\n两个一百年\n第二个百年奋斗目标\n第一个百年奋斗目标\n"
  "五大任务\n五位一体\n四个全面\n新发展理念\n新发展格局\n新发展阶段\n"
  "一带一路\n共建一带一路\n碳达峰\n碳中和\n碳达峰碳中和\n双碳\n"
  "共同富裕\n全过程人民民主\n全面从严治党\n自我革命\n总体国家安全观\n习近平新时代中国特色社会主义思想\n"
  "新时代中国特色社会主义\n中华民族伟大复兴\n中华民族共同体意识\n铸牢中华民族共同体意识\n全国统一大市场\n供给侧结构性改革\n"
  "需求侧管理\n乡村振兴\n新型城镇化\n新型工业化\n科技自立自强\n高水平科技自立自强\n"
  "未来产业\n战略性新兴产业\n数字经济\n数实融合\n数据要素\n新型举国体制\n"
  "发展新动能\n系统观念\n底线思维\n极限思维\n两山理论\n美丽中国\n"
  "健康中国\n平安中国\n法治中国\n数字中国\n制造强国\n质量强国\n"
  "网络强国\n教育强国\n科技强国\n人才强国\n文化强国\n体育强国\n"
  "交通强国\n农业强国\n金融强国\n两岸融合发展\n一国两制\n高度自治\n"
  "长三角一体化\n京津冀协同发展\n西部大开发\n东北全面振兴\n中部地区崛起\n黄河流域生态保护\n"
  "自由贸易试验区\n制度型开放\n高水平对外开放\n外循环\n内循环\n国内大循环\n"
  "国内国际双循环\n小巨人\n独角兽企业\n链长制\n河长制\n林长制\n"
  "营商环境\n投资于人\n设备更新\n超长期特别国债\n地方政府专项债券\n重大风险\n"
  "意识形态\n两个结合\n第二个结合\n中华优秀传统文化\n社会主义核心价值观\n文化自信\n"
  "历史自信\n大食物观\n耕地保护\n粮食安全\n种业振兴\n百县千乡万村\n"
  "千万工程\n和美乡村\n宜居宜业和美乡村\n全球发展倡议\n全球安全倡议\n全球文明倡议\n"
  "全球治理倡议\n政府工作报告\n新时代\n新征程\n新阶段\n新赶考之路\n"
  "两个毫不动摇\n三个务必\n九个坚持\n五个必由之路\n"
  "# formulations in parts, and aliases\n"
  "稳中求进、以进促稳、先立后破\n"
  "发展是硬道理 = 发展是硬道理 | 发展才是硬道理 | 新时代的硬道理\n"
  "稳中求进 = 稳中求进 | 稳中有进\n";

int tifa_lexicon_builtin (tifa_lexicon **out) {
  return tifa_lexicon_parse(builtin, sizeof(builtin) - 1, out, NULL, 0);
}

const tifa_formulation *tifa_lexicon_formulations (const tifa_lexicon *lx, size_t *n) {
  *n = lx ? lx->n : 0;
  return lx ? lx->fs : NULL;
}

void tifa_lexicon_free (tifa_lexicon *lx) {
  if (lx == NULL) return;
  free(lx->text);
  free(lx->fs);
  free(lx->forms);
  free(lx);
}

/* }====== */
