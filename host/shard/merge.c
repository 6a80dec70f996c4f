/*
** merge.c -- the merge of parts (part.c) into a corpus's answer: checks that the parts are
** of one request and complete, then sums counts, vocabularies and timelines, or sorts kwic
** lines as tifa_kwic sorts them (its comparators are copied here, on the records).
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jansson.h>
#include "tifa_track.h"
#include "shard.h"
#include "text.h"

typedef struct rec {                /* a record of a part, with what sorting needs */
  json_t *j;
  const char *file, *s1, *s2, *s3;  /* kwic: l, m, r; words: w */
  size_t n1, n2, n3;
  int64_t id, seq, n, from, title;
  double score;                     /* search */
  int bydoc, sort;
  size_t part;                      /* in[part] holds it */
} rec;

typedef struct recs { rec *v; size_t n, cap; } recs;

static int addrec (recs *r, json_t *j, size_t src) {
  if (r->n == r->cap) {
    size_t ncap = r->cap ? 2 * r->cap : 1024;
    rec *nv = (rec *)realloc(r->v, ncap * sizeof(rec));
    if (nv == NULL) return TIFA_NOMEM;
    r->v = nv; r->cap = ncap;
  }
  memset(&r->v[r->n], 0, sizeof(rec));
  r->v[r->n].part = src;
  r->v[r->n++].j = j;
  return TIFA_OK;
}

static int64_t geti (json_t *j, const char *k) { return (int64_t)json_integer_value(json_object_get(j, k)); }
static const char *gets_ (json_t *j, const char *k, size_t *len) {
  json_t *v = json_object_get(j, k);
  if (len) *len = json_string_length(v);
  return json_string_value(v) ? json_string_value(v) : "";
}

/* {====== Orders ====== */

/* An article's place: by id, or (--by-doc) by file path and seq. */
static int cmpdoc (const rec *x, const rec *y) {
  if (x->bydoc) {
    int c = strcmp(x->file, y->file);
    if (c) return c;
    return (x->seq > y->seq) - (x->seq < y->seq);
  }
  return (x->id > y->id) - (x->id < y->id);
}

static int cmpcount (const void *a, const void *b) {
  const rec *x = (const rec *)a, *y = (const rec *)b;
  if (x->n != y->n) return x->n > y->n ? -1 : 1;
  return cmpdoc(x, y);
}

static int cmpword (const void *a, const void *b) {      /* by word, to sum */
  const rec *x = (const rec *)a, *y = (const rec *)b;
  return strcmp(x->s1, y->s1);
}

static int cmpvocab (const void *a, const void *b) {     /* n descending, then bytes */
  const rec *x = (const rec *)a, *y = (const rec *)b;
  if (x->n != y->n) return x->n > y->n ? -1 : 1;
  return strcmp(x->s1, y->s1);
}


static int cmpfwd (const char *s, size_t n, const char *t, size_t m) {
  int c = memcmp(s, t, n < m ? n : m);
  return c ? c : (n > m) - (n < m);
}

static int cmppos (const rec *x, const rec *y) {
  int c = cmpdoc(x, y);
  if (c) return c;
  if (x->title != y->title) return x->title ? -1 : 1;
  return (x->from > y->from) - (x->from < y->from);
}

static int cmpkwic (const void *a, const void *b) {
  const rec *x = (const rec *)a, *y = (const rec *)b;
  int c = 0;
  if (x->sort == TIFA_KWIC_LEFT) {
    c = tifai_utf8_cmpback(x->s1, x->n1, y->s1, y->n1);
    if (!c) c = cmpfwd(x->s2, x->n2, y->s2, y->n2);
    if (!c) c = cmpfwd(x->s3, x->n3, y->s3, y->n3);
  }
  else if (x->sort == TIFA_KWIC_RIGHT) {
    c = cmpfwd(x->s2, x->n2, y->s2, y->n2);
    if (!c) c = cmpfwd(x->s3, x->n3, y->s3, y->n3);
    if (!c) c = tifai_utf8_cmpback(x->s1, x->n1, y->s1, y->n1);
  }
  return c ? c : cmppos(x, y);
}

/* }====== */

typedef tifai_sink out;

static int emit (const out *o, json_t *j, int bydoc) {
  if (j == NULL) return TIFA_NOMEM;
  if (bydoc) json_object_del(j, "id");
  return tifai_sink_put(o, j);
}

/* Emit 'j' and release it. */
static int emitnew (const out *o, json_t *j) {
  int rc = emit(o, j, 0);
  json_decref(j);
  return rc;
}

/* Timeline periods: the next of "YYYY" or "YYYY-MM". */
static void nextperiod (const char *p, char *q, size_t qsz) {
  int y = atoi(p), m;
  if (strlen(p) == 7) {
    m = atoi(p + 5) + 1;
    if (m > 12) { m = 1; y++; }
    snprintf(q, qsz, "%04d-%02d", y, m);
  }
  else snprintf(q, qsz, "%04d", y + 1);
}

/* {====== search-stats and search ====== */

typedef struct merger {             /* what the merges of search see */
  recs *r;
  json_t **heads, **trails;         /* per part */
  const char *const *names;
  size_t n;
  int bydoc, nshards;
  const out *o;
  char *err;
  size_t errsz;
} merger;

static int cmpsearch (const void *a, const void *b) {   /* score descending, then the doc */
  const rec *x = (const rec *)a, *y = (const rec *)b;
  if (x->score != y->score) return x->score > y->score ? -1 : 1;
  return cmpdoc(x, y);
}

static int shardof (merger *m, size_t src) { return (int)geti(m->heads[src], "shard"); }

/* Sum the statistics: one record a part, the same phrases in all; "shard_rows" (each shard's
** rows, null if missing) lets the search parts' merge see a shard that changed since. */
static int mergestats (merger *m) {
  json_t *first = NULL, *df = NULL, *rows = NULL, *rec_;
  int64_t nrows = 0, tokens = 0;
  size_t i, k, *per;
  int rc;
  if ((per = (size_t *)calloc(m->n, sizeof(size_t))) == NULL) return TIFA_NOMEM;
  for (i = 0; i < m->r->n; i++) per[m->r->v[i].part]++;
  for (i = 0; i < m->n; i++)
    if (per[i] != 1) {
      snprintf(m->err, m->errsz, "part '%s' holds %zu statistics records, not one", m->names[i], per[i]);
      free(per);
      return TIFA_FORMAT;
    }
  free(per);
  rows = json_array();
  for (k = 0; k < (size_t)m->nshards; k++) json_array_append_new(rows, json_null());
  for (i = 0; i < m->r->n; i++) {
    rec *x = &m->r->v[i];
    json_t *d = json_object_get(x->j, "df"), *ph = json_object_get(x->j, "phrases");
    int s = shardof(m, x->part);
    if (!json_is_array(d) || !json_is_array(ph) || json_array_size(d) != json_array_size(ph)) {
      snprintf(m->err, m->errsz, "part '%s': not search statistics", m->names[x->part]);
      json_decref(rows); json_decref(df);
      return TIFA_FORMAT;
    }
    if (first == NULL) {
      first = x->j;
      df = json_deep_copy(d);
    }
    else if (!json_equal(ph, json_object_get(first, "phrases"))) {
      snprintf(m->err, m->errsz, "parts '%s' and '%s' hold statistics of other phrases",
               m->names[m->r->v[0].part], m->names[x->part]);
      json_decref(rows); json_decref(df);
      return TIFA_FORMAT;
    }
    else
      for (k = 0; k < json_array_size(d); k++)
        json_array_set_new(df, k, json_integer(json_integer_value(json_array_get(df, k))
                                               + json_integer_value(json_array_get(d, k))));
    nrows += geti(x->j, "rows");
    tokens += geti(x->j, "tokens");
    json_array_set_new(rows, s > 0 ? (size_t)s - 1 : 0, json_integer(geti(x->j, "rows")));
  }
  if (first == NULL) {
    snprintf(m->err, m->errsz, "no statistics records");
    json_decref(rows);
    return TIFA_FORMAT;
  }
  rec_ = json_pack("{s:I, s:I, s:O, s:o}", "rows", (json_int_t)nrows, "tokens", (json_int_t)tokens,
                   "phrases", json_object_get(first, "phrases"), "df", df);
  if (rec_ == NULL) { json_decref(rows); return TIFA_NOMEM; }
  if (!m->bydoc) json_object_set(rec_, "shard_rows", rows);   /* --by-doc: any sharding's bytes */
  json_decref(rows);
  rc = emitnew(m->o, rec_);
  return rc == TIFA_OK ? emitnew(m->o, json_pack("{s:i}", "end", 1)) : rc;
}

/* The hits of all parts by (score desc, id or provenance), 'offset' passed over, the next
** 'n'; refused if the parts were not ranked with the corpus's statistics, or if a shard's
** rows differ from those the statistics were taken with. */
static int mergesearch (merger *m, int missing) {
  json_t *args = json_object_get(m->heads[0], "args"), *stats = json_object_get(args, "stats");
  int64_t nrows = 0, offset = geti(args, "offset"), limit = geti(args, "n");
  size_t i, from, to;
  int rc = TIFA_OK;
  if (m->nshards > 1 && !json_is_object(stats)) {
    snprintf(m->err, m->errsz, "part '%s' was ranked with its shard's own statistics: search "
             "the shards with the corpus's (part search-stats, merge, part search --stats)", m->names[0]);
    return TIFA_FORMAT;
  }
  for (i = 0; i < m->n; i++) {
    int64_t now = geti(m->trails[i], "rows"), then = geti(m->trails[i], "stats_rows");
    if (then > 0 && now != then) {
      snprintf(m->err, m->errsz, "shard %d changed between the passes (%lld articles indexed, "
               "%lld when the statistics were taken): run again", shardof(m, i), (long long)now,
               (long long)then);
      return TIFA_FORMAT;
    }
    nrows += now;
  }
  if (json_is_object(stats) && !missing && nrows != geti(stats, "rows")) {
    snprintf(m->err, m->errsz, "the shards changed between the passes (%lld articles indexed, "
             "%lld when the statistics were taken): run again", (long long)nrows,
             (long long)geti(stats, "rows"));
    return TIFA_FORMAT;
  }
  if (m->r->n > 1) qsort(m->r->v, m->r->n, sizeof(rec), cmpsearch);
  from = offset > 0 && (size_t)offset < m->r->n ? (size_t)offset : offset > 0 ? m->r->n : 0;
  to = limit > 0 && (size_t)limit < m->r->n - from ? from + (size_t)limit : m->r->n;
  for (i = from; i < to && rc == TIFA_OK; i++) rc = emit(m->o, m->r->v[i].j, m->bydoc);
  return rc == TIFA_OK ? emitnew(m->o, json_pack("{s:i}", "end", 1)) : rc;
}

/* The statistics record in 'text' (a line of it holding "df"), and the header if any; NULL
** with the message in 'err'. */
static json_t *statsrecord (const char *text, size_t len, char *err, size_t errsz) {
  const char *p = text, *end = text + len;
  json_t *found = NULL;
  while (p < end && found == NULL) {
    const char *nl = memchr(p, '\n', (size_t)(end - p)), *e = nl ? nl : end;
    json_error_t je;
    json_t *j;
    if (e > p && (j = json_loadb(p, (size_t)(e - p), 0, &je)) != NULL) {
      json_t *a = json_object_get(j, "analytic");
      if (json_is_object(j) && (json_object_get(j, "tifa_part") || json_object_get(j, "tifa_merged"))
          && (!json_is_string(a) || strcmp(json_string_value(a), "search-stats") != 0)) {
        snprintf(err, errsz, "not search statistics (a '%s' answer)", json_is_string(a) ? json_string_value(a) : "?");
        json_decref(j);
        return NULL;
      }
      if (json_is_object(j) && json_object_get(j, "tifa_part") && geti(j, "shards") > 1) {
        snprintf(err, errsz, "the statistics of shard %lld of %lld: merge the parts of all "
                 "shards first", (long long)geti(j, "shard"), (long long)geti(j, "shards"));
        json_decref(j);
        return NULL;
      }
      if (json_is_object(j) && json_is_array(json_object_get(j, "df"))) found = j;
      else json_decref(j);
    }
    else if (e > p) {
      snprintf(err, errsz, "search statistics: not JSON (%s)", je.text);
      return NULL;
    }
    p = e + 1;
  }
  if (found == NULL) snprintf(err, errsz, "no search statistics (the merge of 'part search-stats')");
  return found;
}

int tifa_search_stats_parse (const char *text, size_t len, tifa_search_stats *st,
                             char *err, size_t errsz) {
  json_t *j, *df, *ph;
  size_t i, n, bytes = 0;
  char *q;
  memset(st, 0, sizeof(*st));
  if ((j = statsrecord(text, len, err, errsz)) == NULL) return TIFA_FORMAT;
  df = json_object_get(j, "df");
  ph = json_object_get(j, "phrases");
  n = json_array_size(df);
  if (!json_is_integer(json_object_get(j, "rows")) || !json_is_integer(json_object_get(j, "tokens"))
      || !json_is_array(ph) || json_array_size(ph) != n) {
    snprintf(err, errsz, "search statistics: not rows, tokens, phrases and df");
    json_decref(j);
    return TIFA_FORMAT;
  }
  for (i = 0; i < n; i++) {
    if (!json_is_integer(json_array_get(df, i)) || !json_is_string(json_array_get(ph, i))) {
      snprintf(err, errsz, "search statistics: phrase %zu is not a string with a count", i + 1);
      json_decref(j);
      return TIFA_FORMAT;
    }
    bytes += json_string_length(json_array_get(ph, i)) + 1;
  }
  st->df = (int64_t *)malloc((n ? n : 1) * sizeof(int64_t));
  st->phrases = (char *)malloc(bytes ? bytes : 1);
  if (st->df == NULL || st->phrases == NULL) {
    tifa_search_stats_free(st);
    json_decref(j);
    snprintf(err, errsz, "not enough memory");
    return TIFA_NOMEM;
  }
  for (i = 0, q = st->phrases; i < n; i++) {
    size_t l = json_string_length(json_array_get(ph, i));
    st->df[i] = (int64_t)json_integer_value(json_array_get(df, i));
    memcpy(q, json_string_value(json_array_get(ph, i)), l + 1);
    q += l + 1;
  }
  st->nphrases = n;
  st->rows = geti(j, "rows");
  st->tokens = geti(j, "tokens");
  json_decref(j);
  return TIFA_OK;
}

int64_t tifa_search_stats_rows (const char *text, size_t len, int shard) {
  char err[8];
  json_t *j = statsrecord(text, len, err, sizeof(err));
  int64_t rows = 0;
  if (j != NULL) {
    json_t *v = json_array_get(json_object_get(j, "shard_rows"), shard > 0 ? (size_t)shard - 1 : 0);
    rows = json_is_integer(v) ? (int64_t)json_integer_value(v) : 0;
    json_decref(j);
  }
  return rows;
}

/* }====== */

/* {====== dispersion ====== */

static int cmpbydoc (const void *a, const void *b) { return cmpdoc((const rec *)a, (const rec *)b); }

static json_t *measure (double v) { return isnan(v) ? json_null() : json_real(v); }

/* The rows in article order, and the measures computed as tifa_dispersion computes them,
** term by term in that order, from the parts' sums: the same doubles as one store's. */
static int mergedisp (merger *m) {
  int64_t parts = 0, chars = 0, minchars = -1, total = 0, narticles = 0;
  double sp = 0, sp2 = 0, dev = 0, shares = 0, d = NAN, dp = NAN, dpn = NAN;
  size_t i;
  int rc = TIFA_OK;
  for (i = 0; i < m->n; i++) {
    json_t *t = m->trails[i];
    int64_t mc = geti(t, "minchars");
    parts += geti(t, "parts");
    chars += geti(t, "chars");
    total += geti(t, "total");
    if (geti(t, "parts") > 0 && (minchars < 0 || mc < minchars)) minchars = mc;
  }
  if (m->r->n > 1) qsort(m->r->v, m->r->n, sizeof(rec), cmpbydoc);
  for (i = 0; i < m->r->n; i++) {
    json_t *j = m->r->v[i].j;
    int64_t c = geti(j, "count"), nc = geti(j, "nchars");
    if (nc <= 0 || total <= 0 || chars <= 0) {
      snprintf(m->err, m->errsz, "part '%s': a dispersion row without text or matches",
               m->names[m->r->v[i].part]);
      return TIFA_FORMAT;
    }
    narticles++;
    sp += (double)c / (double)nc;
    sp2 += ((double)c / (double)nc) * ((double)c / (double)nc);
    dev += fabs((double)c / (double)total - (double)nc / (double)chars);
    shares += (double)nc / (double)chars;
  }
  if (total > 0 && parts > 0 && chars > 0) {
    double mean = sp / (double)parts, var = sp2 / (double)parts - mean * mean;
    if (var < 0) var = 0;
    if (parts > 1) d = 1.0 - (sqrt(var) / mean) / sqrt((double)(parts - 1));
    dp = 0.5 * (dev + (1.0 - shares));
    dpn = parts > 1 ? dp / (1.0 - (double)minchars / (double)chars) : NAN;
  }
  for (i = 0; i < m->r->n && rc == TIFA_OK; i++) rc = emit(m->o, m->r->v[i].j, m->bydoc);
  if (rc == TIFA_OK)
    rc = emitnew(m->o, json_pack("{s:i, s:I, s:I, s:I, s:o, s:o, s:o}", "end", 1, "parts",
                                 (json_int_t)parts, "total", (json_int_t)total, "articles",
                                 (json_int_t)narticles, "juilland_d", measure(d), "dp", measure(dp),
                                 "dp_norm", measure(dpn)));
  return rc;
}

/* {====== script ====== */

static int cmpshard (const void *a, const void *b) {
  const rec *x = (const rec *)a, *y = (const rec *)b;
  return (x->n > y->n) - (x->n < y->n);
}

/* A script's parts (lscriptpart.c): one record {"value":V} each, emitted in shard order as
** {"shard":S,"value":V}; the script's merge() runs on them (tifa merge --script). */
static int mergescript (merger *m) {
  size_t i, *count = (size_t *)calloc(m->n, sizeof(size_t));
  int rc = TIFA_OK;
  if (count == NULL) return TIFA_NOMEM;
  for (i = 0; i < m->r->n; i++) {
    rec *x = &m->r->v[i];
    count[x->part]++;
    x->n = geti(m->heads[x->part], "shard");        /* the sort key */
    if (json_object_size(x->j) != 1 || json_object_get(x->j, "value") == NULL) {
      snprintf(m->err, m->errsz, "part '%s': not a script's record", m->names[x->part]);
      rc = TIFA_FORMAT;
    }
  }
  for (i = 0; i < m->n && rc == TIFA_OK; i++)
    if (count[i] != 1) {
      snprintf(m->err, m->errsz, "part '%s': %zu values (a script's part has one)", m->names[i], count[i]);
      rc = TIFA_FORMAT;
    }
  free(count);
  if (rc != TIFA_OK) return rc;
  if (m->r->n > 1) qsort(m->r->v, m->r->n, sizeof(rec), cmpshard);
  for (i = 0; i < m->r->n && rc == TIFA_OK; i++)
    rc = emitnew(m->o, json_pack("{s:I, s:O}", "shard", (json_int_t)m->r->v[i].n, "value",
                                 json_object_get(m->r->v[i].j, "value")));
  if (rc == TIFA_OK) rc = emitnew(m->o, json_pack("{s:i}", "end", 1));
  return rc;
}

/* }====== */

/* The lines of 'in' parsed into (*out)[0..*n), with a JSON error's line in 'err'; a line
** after the trailer ({"end":...}) is left for the merge to refuse unparsed. */
static int readpart (FILE *in, const char *name, json_t ***lines, size_t *n, char *err,
                     size_t errsz) {
  char *line = NULL;
  size_t cap = 0, vcap = 0;
  ssize_t len;
  int rc = TIFA_OK, ended = 0;
  *lines = NULL; *n = 0;
  while ((len = getline(&line, &cap, in)) > 0) {
    json_error_t je;
    json_t *j;
    if (line[len - 1] == '\n') line[--len] = '\0';
    if (*n == vcap) {
      json_t **nv = (json_t **)realloc(*lines, (vcap = vcap ? 2 * vcap : 64) * sizeof(json_t *));
      if (nv == NULL) { snprintf(err, errsz, "not enough memory"); rc = TIFA_NOMEM; break; }
      *lines = nv;
    }
    if (ended) j = json_object();                   /* a stand-in: the merge names the line */
    else if ((j = json_loadb(line, (size_t)len, 0, &je)) == NULL || !json_is_object(j)) {
      snprintf(err, errsz, "part '%s', line %zu: not JSON (%s)", name, *n + 1,
               j ? "not an object" : je.text);
      json_decref(j);
      rc = TIFA_FORMAT;
      break;
    }
    else ended = json_object_get(j, "end") != NULL;
    if (j == NULL) { snprintf(err, errsz, "not enough memory"); rc = TIFA_NOMEM; break; }
    (*lines)[(*n)++] = j;
  }
  free(line);
  return rc;
}

int tifa_merge (FILE *const *in, const char *const *names, size_t n, int flags,
                tifa_jsonl_fn f, void *ud, char *err, size_t errsz) {
  json_t ***parts;
  size_t *lens, i, k;
  int rc = TIFA_OK;
  tifai_sink o;
  o.f = f; o.jf = NULL; o.ud = ud;
  if (n == 0) { snprintf(err, errsz, "no parts to merge"); return TIFA_FORMAT; }
  parts = (json_t ***)calloc(n, sizeof(json_t **));
  lens = (size_t *)calloc(n, sizeof(size_t));
  if (parts == NULL || lens == NULL) {
    free(parts); free(lens);
    snprintf(err, errsz, "not enough memory");
    return TIFA_NOMEM;
  }
  for (i = 0; i < n && rc == TIFA_OK; i++) rc = readpart(in[i], names[i], &parts[i], &lens[i], err, errsz);
  if (rc == TIFA_OK) rc = tifai_merge_objects(parts, lens, names, n, flags, &o, err, errsz);
  else
    for (i = 0; i < n; i++)
      for (k = 0; k < lens[i]; k++) json_decref(parts[i][k]);
  for (i = 0; i < n; i++) free(parts[i]);
  free(parts);
  free(lens);
  return rc;
}

int tifai_merge_objects (json_t **const *parts, const size_t *lens, const char *const *names,
                         size_t n, int flags, const tifai_sink *o, char *err, size_t errsz) {
  json_t *head = NULL, *trail = NULL, **heads = NULL, **trails = NULL;
  recs r = {NULL, 0, 0};
  char *seen = NULL;
  size_t i, k;
  int rc = TIFA_OK, nshards = 0, bydoc = flags & TIFA_MERGE_BY_DOC, sort = 0;
  int64_t total = 0, articles = 0, un = 0, ua = 0, limit = 0, min = 1;
  const char *analytic = "";
  merger mg;
  if (n == 0) { snprintf(err, errsz, "no parts to merge"); return TIFA_FORMAT; }
  if ((heads = (json_t **)calloc(n, sizeof(json_t *))) == NULL
      || (trails = (json_t **)calloc(n, sizeof(json_t *))) == NULL) goto nomem;
  for (i = 0; i < n && rc == TIFA_OK; i++) {        /* take every part's lines */
    long lineno = 0;
    int ended = 0;
    while ((size_t)lineno < lens[i]) {
      json_t *j = parts[i][lineno];
      parts[i][lineno++] = NULL;
      if (ended) {
        snprintf(err, errsz, "part '%s' goes on after its end (line %ld)", names[i], lineno);
        json_decref(j);
        rc = TIFA_FORMAT;
        break;
      }
      if (!json_is_object(j)) {
        snprintf(err, errsz, "part '%s', line %ld: not JSON (not an object)", names[i], lineno);
        json_decref(j);
        rc = TIFA_FORMAT;
        break;
      }
      if (lineno == 1) {
        if (!json_is_integer(json_object_get(j, "tifa_part"))) {
          snprintf(err, errsz, "'%s' is not a tifa part (no header)", names[i]);
          json_decref(j);
          rc = TIFA_FORMAT;
          break;
        }
        heads[i] = j;
        continue;
      }
      if (json_object_get(j, "end")) {
        ended = 1;
        if (trail == NULL) trail = json_object();
        if (json_object_get(j, "total")) { total += geti(j, "total"); articles += geti(j, "articles"); }
        if (json_object_get(j, "undated")) {
          un += geti(json_object_get(j, "undated"), "n");
          ua += geti(json_object_get(j, "undated"), "a");
        }
        trails[i] = j;
        continue;
      }
      if (addrec(&r, j, i) != TIFA_OK) { json_decref(j); goto nomem; }
    }
    if (rc != TIFA_OK) break;
    if (lineno == 0) { snprintf(err, errsz, "part '%s' is empty", names[i]); rc = TIFA_FORMAT; }
    else if (!ended) { snprintf(err, errsz, "part '%s' ends early (no trailer)", names[i]); rc = TIFA_FORMAT; }
  }
  if (rc != TIFA_OK) goto done;
  /* one request, every shard once */
  head = heads[0];
  analytic = gets_(head, "analytic", NULL);
  nshards = (int)geti(head, "shards");
  if (nshards < 1 || nshards > 900000 || json_integer_value(json_object_get(head, "tifa_part")) > 1) {
    snprintf(err, errsz, "part '%s': unknown format or shard count", names[0]);
    rc = TIFA_FORMAT;
    goto done;
  }
  if ((seen = (char *)calloc((size_t)nshards + 1, 1)) == NULL) goto nomem;
  for (i = 0; i < n; i++) {
    json_t *h = heads[i];
    int s = (int)geti(h, "shard");
    if (!json_equal(json_object_get(h, "analytic"), json_object_get(head, "analytic"))
        || !json_equal(json_object_get(h, "args"), json_object_get(head, "args"))
        || !json_equal(json_object_get(h, "tifa"), json_object_get(head, "tifa"))
        || !json_equal(json_object_get(h, "corpus"), json_object_get(head, "corpus"))
        || geti(h, "shards") != nshards) {
      snprintf(err, errsz, "parts '%s' and '%s' are of different requests (analytic, arguments, "
               "corpus or tifa version)", names[0], names[i]);
      rc = TIFA_FORMAT;
      goto done;
    }
    if (s < (nshards > 1 ? 1 : 0) || s > nshards) {
      snprintf(err, errsz, "part '%s': shard %d of %d", names[i], s, nshards);
      rc = TIFA_FORMAT;
      goto done;
    }
    if (seen[s]) {
      snprintf(err, errsz, "shard %d given twice (part '%s')", s, names[i]);
      rc = TIFA_FORMAT;
      goto done;
    }
    seen[s] = 1;
  }
  {
    json_t *missing = json_array(), *shards = json_array(), *mh;
    for (k = 1; k <= (size_t)nshards; k++) {
      if (nshards == 1 && seen[0]) break;             /* a single store */
      if (!seen[k]) {
        if (!(flags & TIFA_MERGE_ALLOW_MISSING)) {
          snprintf(err, errsz, "missing shard %zu of %d", k, nshards);
          json_decref(missing); json_decref(shards);
          rc = TIFA_FORMAT;
          goto done;
        }
        json_array_append_new(missing, json_integer((json_int_t)k));
      }
      else json_array_append_new(shards, json_integer((json_int_t)k));
    }
    mh = json_pack("{s:i, s:O, s:O, s:O}", "tifa_merged", 1, "tifa", json_object_get(head, "tifa"),
                   "analytic", json_object_get(head, "analytic"), "args", json_object_get(head, "args"));
    if (mh == NULL) { json_decref(missing); json_decref(shards); goto nomem; }
    if (!bydoc) {                                   /* --by-doc: the same bytes for any sharding */
      json_object_set(mh, "corpus", json_object_get(head, "corpus"));
      json_object_set(mh, "shards", shards);
    }
    if (json_array_size(missing) > 0) json_object_set(mh, "missing", missing);
    json_decref(missing); json_decref(shards);
    rc = emit(o, mh, 0);
    json_decref(mh);
    if (rc != TIFA_OK) goto done;
  }
  {
    json_t *args = json_object_get(head, "args");
    const char *s = gets_(args, "sort", NULL);
    limit = geti(args, "n");
    if (json_object_get(args, "min")) min = geti(args, "min");
    sort = strcmp(s, "left") == 0 ? TIFA_KWIC_LEFT : strcmp(s, "right") == 0 ? TIFA_KWIC_RIGHT : TIFA_KWIC_ARTICLE;
  }
  mg.r = &r; mg.heads = heads; mg.trails = trails; mg.names = names; mg.n = n;
  mg.bydoc = bydoc; mg.nshards = nshards; mg.o = o; mg.err = err; mg.errsz = errsz;
  for (i = 0; i < r.n; i++) {                       /* the sort keys */
    rec *x = &r.v[i];
    x->bydoc = bydoc; x->sort = sort;
    x->id = geti(x->j, "id"); x->seq = geti(x->j, "seq"); x->n = geti(x->j, "n");
    x->file = gets_(x->j, "file", NULL);
    x->score = json_number_value(json_object_get(x->j, "score"));
    x->from = geti(x->j, "from"); x->title = geti(x->j, "t");
    if (json_object_get(x->j, "w")) x->s1 = gets_(x->j, "w", &x->n1);
    else if (json_object_get(x->j, "p") && !json_object_get(x->j, "l")) x->s1 = gets_(x->j, "p", &x->n1);
    else {
      x->s1 = gets_(x->j, "l", &x->n1);
      x->s2 = gets_(x->j, "m", &x->n2);
      x->s3 = gets_(x->j, "r", &x->n3);
    }
  }
  if (strcmp(analytic, "count") == 0 || strcmp(analytic, "kwic") == 0) {
    size_t take;
    if (r.n > 1) qsort(r.v, r.n, sizeof(rec), analytic[0] == 'c' ? cmpcount : cmpkwic);
    take = limit > 0 && (size_t)limit < r.n ? (size_t)limit : r.n;
    for (i = 0; i < take && rc == TIFA_OK; i++) rc = emit(o, r.v[i].j, bydoc);
    if (rc == TIFA_OK)
      rc = emitnew(o, analytic[0] == 'c' ? json_pack("{s:i, s:I, s:I}", "end", 1, "total",
                   (json_int_t)total, "articles", (json_int_t)articles) : json_pack("{s:i}", "end", 1));
  }
  else if (strcmp(analytic, "words") == 0 || strcmp(analytic, "timeline") == 0) {
    size_t m = 0, take, emitted = 0;
    if (r.n > 1) qsort(r.v, r.n, sizeof(rec), cmpword);          /* sum equal words (periods) */
    for (i = 0; i < r.n; i++) {
      if (m > 0 && strcmp(r.v[m - 1].s1, r.v[i].s1) == 0) {
        r.v[m - 1].n += r.v[i].n;
        json_object_set_new(r.v[m - 1].j, "n", json_integer((json_int_t)r.v[m - 1].n));
        json_object_set_new(r.v[m - 1].j, "a", json_integer(geti(r.v[m - 1].j, "a") + geti(r.v[i].j, "a")));
        json_decref(r.v[i].j);
      }
      else r.v[m++] = r.v[i];
    }
    r.n = m;
    if (analytic[0] == 'w') {
      size_t kept = 0;
      for (i = 0; i < m; i++)
        if (r.v[i].n >= min) r.v[kept++] = r.v[i];
        else json_decref(r.v[i].j);
      r.n = kept;
      if (kept > 1) qsort(r.v, kept, sizeof(rec), cmpvocab);
      take = limit > 0 && (size_t)limit < kept ? (size_t)limit : kept;
      for (i = 0; i < take && rc == TIFA_OK; i++) rc = emit(o, r.v[i].j, 0);
      if (rc == TIFA_OK) rc = emitnew(o, json_pack("{s:i}", "end", 1));
    }
    else {                                          /* every period from the first to the last */
      char p[32];
      for (i = 0; i < m && rc == TIFA_OK; i++) {
        if (i > 0) {
          nextperiod(r.v[i - 1].s1, p, sizeof(p));
          while (strcmp(p, r.v[i].s1) < 0 && rc == TIFA_OK && emitted++ < 100000) {
            rc = emitnew(o, json_pack("{s:s, s:i, s:i}", "p", p, "n", 0, "a", 0));
            nextperiod(p, p, sizeof(p));
          }
        }
        if (rc == TIFA_OK) rc = emit(o, r.v[i].j, 0);
      }
      if (rc == TIFA_OK)
        rc = emitnew(o, json_pack("{s:i, s:{s:I, s:I}}", "end", 1, "undated", "n", (json_int_t)un,
                                "a", (json_int_t)ua));
    }
  }
  else if (strcmp(analytic, "search-stats") == 0) rc = mergestats(&mg);
  else if (strcmp(analytic, "dispersion") == 0) rc = mergedisp(&mg);
  else if (strcmp(analytic, "track") == 0) {
    json_t **js = (json_t **)malloc((r.n ? r.n : 1) * sizeof(json_t *));
    if (js == NULL) goto nomem;
    for (i = 0; i < r.n; i++) js[i] = r.v[i].j;
    rc = tifai_merge_track(js, r.n, json_object_get(head, "args"), bydoc, o, err, errsz);
    free(js);
  }
  else if (strcmp(analytic, "search") == 0) rc = mergesearch(&mg, nshards > 1 && n < (size_t)nshards);
  else if (strcmp(analytic, "script") == 0) rc = mergescript(&mg);
  else {
    snprintf(err, errsz, "part '%s': unknown analytic '%s'", names[0], analytic);
    rc = TIFA_FORMAT;
  }
  if (rc == TIFA_NOMEM) snprintf(err, errsz, "not enough memory");
  goto done;
nomem:
  snprintf(err, errsz, "not enough memory");
  rc = TIFA_NOMEM;
done:
  for (i = 0; i < n; i++)                           /* the lines not taken */
    for (k = 0; k < lens[i]; k++) json_decref(parts[i][k]);
  for (i = 0; i < r.n; i++) json_decref(r.v[i].j);
  for (i = 0; heads && i < n; i++) json_decref(heads[i]);
  for (i = 0; trails && i < n; i++) json_decref(trails[i]);
  json_decref(trail);
  free(heads);
  free(trails);
  free(r.v);
  free(seen);
  return rc;
}
