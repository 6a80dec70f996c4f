/*
** summary.c -- extractive summaries (tifa_lexis_summary): sentences ranked by TextRank over
** their shared content words plus a position prior, enumerations taken whole or not at all.
*/
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "tifa.h"
#include "tifa_text.h"
#include "tifa_structure.h"
#include "tifa_lexis.h"
#include "lexis.h"

typedef struct sent {
  tifa_lexis_sentence x;
  size_t *w; size_t nw, wcap;       /* its content words, sorted, unique */
  size_t unit;                      /* the unit it is picked with */
  int chosen;
} sent;

static int cmpsz (const void *x, const void *y) {
  size_t a = *(const size_t *)x, b = *(const size_t *)y;
  return (a > b) - (a < b);
}

static size_t common (const sent *a, const sent *b) {
  size_t i = 0, j = 0, n = 0;
  while (i < a->nw && j < b->nw) {
    if (a->w[i] == b->w[j]) { n++; i++; j++; }
    else if (a->w[i] < b->w[j]) i++;
    else j++;
  }
  return n;
}

/* TextRank over the sentences' similarity; ranks divided by the largest. */
static int rank (sent *v, size_t n) {
  double *sim = (double *)calloc(n * n, sizeof(double)), *out = (double *)calloc(n, sizeof(double));
  double *ws = (double *)malloc(n * sizeof(double)), *nx = (double *)malloc(n * sizeof(double)), mx = 0;
  size_t i, j;
  int it;
  if (sim == NULL || out == NULL || ws == NULL || nx == NULL) {
    free(sim); free(out); free(ws); free(nx);
    return TIFA_NOMEM;
  }
  for (i = 0; i < n; i++)
    for (j = i + 1; j < n; j++) {
      size_t c = common(&v[i], &v[j]);
      double d;
      if (c == 0) continue;
      d = log((double)v[i].nw) + log((double)v[j].nw);
      sim[i * n + j] = sim[j * n + i] = (double)c / (d > 1e-9 ? d : 1.0);
      out[i] += sim[i * n + j];
      out[j] += sim[i * n + j];
    }
  for (i = 0; i < n; i++) ws[i] = 1.0;
  for (it = 0; it < 30; it++) {
    for (i = 0; i < n; i++) {
      double acc = 0;
      for (j = 0; j < n; j++) if (sim[i * n + j] > 0) acc += sim[i * n + j] / out[j] * ws[j];
      nx[i] = 0.15 + 0.85 * acc;
    }
    memcpy(ws, nx, n * sizeof(double));
  }
  for (i = 0; i < n; i++) if (ws[i] > mx) mx = ws[i];
  for (i = 0; i < n; i++) v[i].x.score = mx > 0 ? ws[i] / mx : 0;
  free(sim); free(out); free(ws); free(nx);
  return TIFA_OK;
}

/* 1 if a sentence of unit 'u' repeats a chosen one: more than 60% of the content words of
** the shorter of the two are shared (a lead repeated in the body, a kicker). */
static int redundant (const sent *v, size_t n, size_t u) {
  size_t i, j;
  for (i = 0; i < n; i++) {
    if (v[i].unit != u) continue;
    for (j = 0; j < n; j++) {
      size_t m = v[i].nw < v[j].nw ? v[i].nw : v[j].nw;
      if (v[j].chosen && m > 0 && (double)common(&v[i], &v[j]) > 0.6 * (double)m) return 1;
    }
  }
  return 0;
}

typedef struct unit { double score; size_t size, id; int enumeration; } unit;

static int cmpunit (const void *x, const void *y) {
  const unit *a = (const unit *)x, *b = (const unit *)y;
  if (a->score != b->score) return a->score > b->score ? -1 : 1;
  return (a->id > b->id) - (a->id < b->id);
}

int tifa_lexis_summary (const char *s, size_t len, size_t want,
                        tifa_lexis_sentence_fn f, void *ud) {
  tifai_lexfilter lf;
  tifai_toks toks = {NULL, 0, 0};
  tifai_lexmap words = TIFAI_LEXMAP_INIT;
  tifa_units u;
  tifa_span sp;
  tifa_enum_item *items = NULL;
  sent *v = NULL;
  unit *units = NULL;
  size_t n = 0, cap = 0, i, j, k, ne, para = 1, at = 0, taken = 0;
  int rc = TIFA_OK;
  if (!tifa_utf8_valid(s, len, NULL)) return TIFA_ENCODING;
  if (tifai_lexfilter_init(&lf, NULL, 0) != TIFA_OK) { rc = TIFA_NOMEM; goto done; }
  tifa_units_init(&u, s, len, TIFA_UNIT_SENTENCE);
  while (tifa_units_next(&u, &sp)) {
    if (tifai_lex_grow(&v, &cap, n + 1, sizeof(sent)) != 0) { rc = TIFA_NOMEM; goto done; }
    for (; at < sp.byte; at++) if (s[at] == '\n') para++;
    v[n].x.byte = sp.byte; v[n].x.nbyte = sp.nbyte; v[n].x.start = sp.start; v[n].x.end = sp.end;
    v[n].x.paragraph = para;
    v[n].x.index = n + 1;
    v[n].unit = n;
    n++;
  }
  if (n == 0) goto done;
  if ((rc = tifai_lex_tokens(&lf, s, len, 0, &toks)) != TIFA_OK) goto done;
  for (i = 0, j = 0; i < toks.n; i++) {          /* the content words of each sentence */
    size_t w;
    if (!(toks.t[i].flags & TIFAI_TOK_CONTENT)) continue;
    while (j + 1 < n && toks.t[i].byte >= v[j].x.byte + v[j].x.nbyte) j++;
    if (tifai_lexmap_intern(&words, s + toks.t[i].byte, toks.t[i].nbyte, &w, NULL) != 0
        || tifai_lex_grow(&v[j].w, &v[j].wcap, v[j].nw + 1, sizeof(size_t)) != 0) {
      rc = TIFA_NOMEM; goto done;
    }
    v[j].w[v[j].nw++] = w;
  }
  for (i = 0; i < n; i++) {
    size_t m = 0;
    if (v[i].nw > 1) qsort(v[i].w, v[i].nw, sizeof(size_t), cmpsz);
    for (k = 0; k < v[i].nw; k++) if (m == 0 || v[i].w[m - 1] != v[i].w[k]) v[i].w[m++] = v[i].w[k];
    v[i].nw = m;
  }
  if ((rc = rank(v, n)) != TIFA_OK) goto done;
  for (i = 0; i < n; i++)
    if (i == 0) v[i].x.score += 0.25;
    else if (v[i].x.paragraph != v[i - 1].x.paragraph) v[i].x.score += 0.1;
  ne = tifa_text_enumerations(s, len, NULL, 0);  /* enumerations: one unit each */
  if (ne > 0) {
    if ((items = (tifa_enum_item *)malloc(ne * sizeof(*items))) == NULL) { rc = TIFA_NOMEM; goto done; }
    ne = tifa_text_enumerations(s, len, items, ne);
  }
  for (i = 0; i < ne; i = k) {
    size_t lo = items[i].span.byte, hi = items[i].span.byte + items[i].span.nbyte, target = (size_t)-1;
    for (k = i; k < ne && items[k].group == items[i].group; k++) {
      if (items[k].span.byte < lo) lo = items[k].span.byte;
      if (items[k].span.byte + items[k].span.nbyte > hi) hi = items[k].span.byte + items[k].span.nbyte;
    }
    for (j = 0; j < n; j++) {
      size_t old;
      if (v[j].x.byte >= hi || v[j].x.byte + v[j].x.nbyte <= lo) continue;
      v[j].x.enumeration = 1;
      if (target == (size_t)-1) { target = v[j].unit; continue; }
      old = v[j].unit;
      if (old != target) { size_t q; for (q = 0; q < n; q++) if (v[q].unit == old) v[q].unit = target; }
    }
  }
  if ((units = (unit *)calloc(n, sizeof(unit))) == NULL) { rc = TIFA_NOMEM; goto done; }
  for (i = 0; i < n; i++) units[i].id = i;
  for (i = 0; i < n; i++) {
    unit *x = &units[v[i].unit];
    if (x->size == 0 || v[i].x.score > x->score) x->score = v[i].x.score;
    x->size++;
    if (v[i].x.enumeration) x->enumeration = 1;
  }
  qsort(units, n, sizeof(unit), cmpunit);
  for (i = 0; i < n && units[i].size > 0; i++) {
    if (taken + units[i].size > want && !(taken == 0 && i == 0)) continue;
    if (redundant(v, n, units[i].id)) continue;
    taken += units[i].size;
    for (j = 0; j < n; j++) if (v[j].unit == units[i].id) v[j].chosen = 1;
    if (taken >= want) break;
  }
  for (i = 0; i < n && rc == TIFA_OK; i++) {
    if (!v[i].chosen) continue;
    rc = f(ud, &v[i].x);
  }
done:
  for (i = 0; i < n; i++) free(v[i].w);
  free(v); free(units); free(items);
  tifai_toks_free(&toks);
  tifai_lexmap_free(&words);
  tifai_lexfilter_free(&lf);
  return rc;
}
