/*
** merge_track.c -- the merge of "track" parts (part_track.c): the matches of all shards
** sorted and reduced as db:track reduces them (host/lua/ltrack.c: a match inside the one
** before dropped; totals, articles, first and last by date, periods with zeros, counts per
** article, variants), one record per formulation.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jansson.h>
#include "shard.h"

typedef struct tm_ {                /* a match */
  json_t *j;
  int64_t f, id, seq, from, to;
  int title, bydoc;                 /* bydoc: articles by (file, seq), not by id */
  const char *file, *date, *v;
} tm_;

static int64_t geti (json_t *j, const char *k) { return (int64_t)json_integer_value(json_object_get(j, k)); }

static int cmpdoc (const tm_ *x, const tm_ *y) {
  if (x->bydoc) {
    int c = strcmp(x->file, y->file);
    if (c) return c;
    return (x->seq > y->seq) - (x->seq < y->seq);
  }
  return (x->id > y->id) - (x->id < y->id);
}

static int cmpmatch (const void *a, const void *b) {   /* as ltrack.c's cmpmref */
  const tm_ *x = (const tm_ *)a, *y = (const tm_ *)b;
  int c;
  if (x->f != y->f) return x->f < y->f ? -1 : 1;
  if ((c = cmpdoc(x, y)) != 0) return c;
  if (x->title != y->title) return x->title ? -1 : 1;
  if (x->from != y->from) return x->from < y->from ? -1 : 1;
  return (x->to < y->to) - (x->to > y->to);       /* the longer first */
}

typedef struct per_ { const tm_ *m; int64_t count; } per_;

static int cmpper (const void *a, const void *b) {     /* count desc, then the article */
  const per_ *x = (const per_ *)a, *y = (const per_ *)b;
  if (x->count != y->count) return x->count > y->count ? -1 : 1;
  return cmpdoc(x->m, y->m);
}

typedef struct var_ { const char *v; int64_t n; } var_;

static int cmpvartext (const void *a, const void *b) {
  return strcmp(((const var_ *)a)->v, ((const var_ *)b)->v);
}

static int cmpvar (const void *a, const void *b) {      /* count desc, then bytes */
  const var_ *x = (const var_ *)a, *y = (const var_ *)b;
  if (x->n != y->n) return x->n > y->n ? -1 : 1;
  return strcmp(x->v, y->v);
}

typedef struct res_ { size_t f, first, n; int64_t articles; } res_;

static int cmpres (const void *a, const void *b) {      /* articles desc, total desc, order */
  const res_ *x = (const res_ *)a, *y = (const res_ *)b;
  if (x->articles != y->articles) return x->articles > y->articles ? -1 : 1;
  if (x->n != y->n) return x->n > y->n ? -1 : 1;
  return (x->f > y->f) - (x->f < y->f);
}

static int dated (const char *d) { return d && d[0] >= '0' && d[0] <= '9'; }

static int periodof (const char *d, int byyear, char *out) {
  int i;
  if (!dated(d)) return 0;
  for (i = 0; i < 4; i++) if (d[i] < '0' || d[i] > '9') return 0;
  if (byyear) { memcpy(out, d, 4); out[4] = '\0'; return 1; }
  if (d[4] != '-' || d[5] < '0' || d[5] > '1' || d[6] < '0' || d[6] > '9') return 0;
  memcpy(out, d, 7); out[7] = '\0';
  return 1;
}

static void nextperiod (char *p, int byyear) {        /* p: 8 bytes */
  unsigned y = (unsigned)atoi(p) % 10000u, m = byyear ? 0u : (unsigned)atoi(p + 5) % 100u;
  if (byyear) snprintf(p, 8, "%04u", (y + 1) % 10000u);
  else if (m >= 12) snprintf(p, 8, "%04u-01", (y + 1) % 10000u);
  else snprintf(p, 8, "%04u-%02u", y, (m + 1) % 100u);
}

/* The index of period 'p' (as periodof gives it): consecutive periods, consecutive indexes. */
static long periodindex (const char *p, int byyear) {
  long y = atol(p);
  return byyear ? y : y * 12 + atol(p + 5) - 1;
}

/* {[id,] file, seq[, date]} of match 'm' (file and seq if the parts gave them). */
static json_t *where (const tm_ *m, int bydoc, int withdate) {
  json_t *w = json_object();
  if (!bydoc) json_object_set_new(w, "id", json_integer((json_int_t)m->id));
  if (m->file != NULL) {
    json_object_set_new(w, "file", json_string(m->file));
    json_object_set_new(w, "seq", json_integer((json_int_t)m->seq));
  }
  if (withdate && m->date) json_object_set_new(w, "date", json_string(m->date));
  return w;
}

/* The result of one formulation from its matches v[0..n) (sorted, reduced). */
static json_t *result (json_t *fj, const tm_ *v, size_t n, int64_t articles, int byyear,
                       int bydoc, int matches, per_ *per, var_ *var) {
  json_t *r = json_object(), *a;
  size_t i, np = 0, nv = 0, first = (size_t)-1, last = (size_t)-1;
  char lo[8] = "", hi[8] = "", p[8];
  json_object_set(r, "formulation", json_object_get(fj, "formulation"));
  json_object_set(r, "forms", json_object_get(fj, "forms"));
  json_object_set_new(r, "total", json_integer((json_int_t)n));
  json_object_set_new(r, "articles", json_integer((json_int_t)articles));
  for (i = 0; i < n; i++) {
    if (np == 0 || cmpdoc(per[np - 1].m, &v[i]) != 0) { per[np].m = &v[i]; per[np++].count = 0; }
    per[np - 1].count++;
    var[nv].v = v[i].v; var[nv++].n = 1;
    if (dated(v[i].date)) {
      if (first == (size_t)-1 || strcmp(v[i].date, v[first].date) < 0) first = i;
      if (last == (size_t)-1 || strcmp(v[i].date, v[last].date) >= 0) last = i;
    }
    if (periodof(v[i].date, byyear, p)) {
      if (!lo[0] || strcmp(p, lo) < 0) strcpy(lo, p);
      if (!hi[0] || strcmp(p, hi) > 0) strcpy(hi, p);
    }
  }
  if (first == (size_t)-1 && n > 0) { first = 0; last = n - 1; }    /* no dates: by article */
  if (first != (size_t)-1) {
    json_object_set_new(r, "first", where(&v[first], bydoc, 1));
    json_object_set_new(r, "last", where(&v[last], bydoc, 1));
  }
  a = json_array();                                /* months (or years), zeros included */
  if (lo[0]) {
    long m = 0, base = periodindex(lo, byyear), np_ = periodindex(hi, byyear) - base + 1;
    int64_t *cnt = (int64_t *)calloc((size_t)(np_ < 100001 ? np_ : 100001), sizeof(int64_t));
    if (cnt == NULL) { json_decref(a); json_decref(r); return NULL; }
    for (i = 0; i < n; i++) {
      long k;
      if (periodof(v[i].date, byyear, p) && (k = periodindex(p, byyear) - base) >= 0 && k < np_
          && k < 100001) cnt[k]++;
    }
    strcpy(p, lo);
    for (;;) {
      json_array_append_new(a, json_pack("{s:s, s:I}", "p", p, "n", (json_int_t)cnt[m]));
      if (strcmp(p, hi) >= 0 || ++m > 100000) break;
      nextperiod(p, byyear);
    }
    free(cnt);
  }
  json_object_set_new(r, byyear ? "years" : "months", a);
  if (np > 1) qsort(per, np, sizeof(per_), cmpper);
  a = json_array();
  for (i = 0; i < np; i++) {
    json_t *w = where(per[i].m, bydoc, 0);
    json_object_set_new(w, "count", json_integer((json_int_t)per[i].count));
    json_array_append_new(a, w);
  }
  json_object_set_new(r, "per", a);
  if (nv > 1) qsort(var, nv, sizeof(var_), cmpvartext);            /* count each variant */
  {
    size_t k = 0;
    for (i = 0; i < nv; i++) {
      if (k > 0 && strcmp(var[k - 1].v, var[i].v) == 0) var[k - 1].n++;
      else var[k++] = var[i];
    }
    nv = k;
  }
  if (nv > 1) qsort(var, nv, sizeof(var_), cmpvar);
  a = json_array();
  for (i = 0; i < nv; i++) json_array_append_new(a, json_pack("{s:s, s:I}", "v", var[i].v, "n", (json_int_t)var[i].n));
  json_object_set_new(r, "variants", a);
  if (matches) {
    a = json_array();
    for (i = 0; i < n; i++) {
      json_t *m = json_deep_copy(v[i].j);
      json_object_del(m, "f");
      if (bydoc) json_object_del(m, "id");
      json_array_append_new(a, m);
    }
    json_object_set_new(r, "matches", a);
  }
  return r;
}

int tifai_merge_track (json_t *const *recs, size_t nrecs, json_t *args, int bydoc,
                       const tifai_sink *out, char *err, size_t errsz) {
  json_t **forms = NULL;
  tm_ *v = NULL;
  per_ *per = NULL;
  var_ *var = NULL;
  res_ *res = NULL;
  size_t nf = 0, n = 0, i, j, nr = 0;
  int64_t minart = geti(args, "min_articles");
  const char *by = json_string_value(json_object_get(args, "by"));
  int byyear = by != NULL && strcmp(by, "year") == 0;
  int matches = json_is_true(json_object_get(args, "matches")), rc = TIFA_OK;
  for (i = 0; i < nrecs; i++)                       /* the formulations: 0 .. nf-1 */
    if (json_object_get(recs[i], "formulation")) {
      int64_t k = geti(recs[i], "f");
      if (k < 0 || k >= (int64_t)nrecs) {
        snprintf(err, errsz, "track: formulation %lld out of range", (long long)k);
        return TIFA_FORMAT;
      }
      if ((size_t)k + 1 > nf) nf = (size_t)k + 1;
    }
  forms = (json_t **)calloc(nf ? nf : 1, sizeof(json_t *));
  v = (tm_ *)calloc(nrecs ? nrecs : 1, sizeof(tm_));
  per = (per_ *)calloc(nrecs ? nrecs : 1, sizeof(per_));
  var = (var_ *)calloc(nrecs ? nrecs : 1, sizeof(var_));
  res = (res_ *)calloc(nf ? nf : 1, sizeof(res_));
  if (forms == NULL || v == NULL || per == NULL || var == NULL || res == NULL) { rc = TIFA_NOMEM; goto done; }
  for (i = 0; i < nrecs; i++) {
    json_t *r = recs[i];
    if (json_object_get(r, "formulation")) { forms[geti(r, "f")] = r; continue; }
    v[n].j = r;
    v[n].bydoc = bydoc;
    v[n].f = geti(r, "f"); v[n].id = geti(r, "id"); v[n].seq = geti(r, "seq");
    v[n].from = geti(r, "from"); v[n].to = geti(r, "to"); v[n].title = (int)geti(r, "t");
    v[n].file = json_string_value(json_object_get(r, "file"));
    v[n].date = json_string_value(json_object_get(r, "date"));
    v[n].v = json_string_value(json_object_get(r, "v"));
    if ((bydoc && v[n].file == NULL) || v[n].v == NULL || v[n].f < 0 || (size_t)v[n].f >= nf || forms[v[n].f] == NULL) {
      snprintf(err, errsz, "track: a match without its file, variant or formulation");
      rc = TIFA_FORMAT;
      goto done;
    }
    n++;
  }
  for (i = 0; i < nf; i++)
    if (forms[i] == NULL) { snprintf(err, errsz, "track: formulation %zu missing", i); rc = TIFA_FORMAT; goto done; }
  if (n > 1) qsort(v, n, sizeof(tm_), cmpmatch);
  for (i = 0, j = 0; i < n; i++) {                 /* drop a match inside the one before */
    if (j > 0 && v[j - 1].f == v[i].f && cmpdoc(&v[j - 1], &v[i]) == 0
        && v[j - 1].title == v[i].title && v[i].from < v[j - 1].to) continue;
    v[j++] = v[i];
  }
  n = j;
  for (i = 0, j = 0; i < nf; i++) {                /* which to give, in which order */
    size_t e = j, x;
    int64_t arts = 0;
    while (e < n && v[e].f == (int64_t)i) e++;
    for (x = j; x < e; x++) if (x == j || cmpdoc(&v[x], &v[x - 1]) != 0) arts++;
    if (arts >= minart && (e > j || minart <= 0)) {
      res[nr].f = i; res[nr].first = j; res[nr].n = e - j; res[nr].articles = arts;
      nr++;
    }
    j = e;
  }
  if (json_is_null(json_object_get(args, "lexicon")) && nr > 1) qsort(res, nr, sizeof(res_), cmpres);
  for (i = 0; i < nr && rc == TIFA_OK; i++) {
    json_t *r = result(forms[res[i].f], v + res[i].first, res[i].n, res[i].articles, byyear,
                       bydoc, matches, per, var);
    rc = tifai_sink_put(out, r);
    json_decref(r);
  }
  if (rc == TIFA_OK) {
    json_t *e = json_pack("{s:i}", "end", 1);
    rc = tifai_sink_put(out, e);
    json_decref(e);
  }
done:
  if (rc == TIFA_NOMEM) snprintf(err, errsz, "not enough memory");
  free(forms); free(v); free(per); free(var); free(res);
  return rc;
}
