/*
** lcorpus.c -- the methods of a db that is a corpus of shards (tifa.open(DIR), tifa -d DIR):
**   db:count(query [, {words=}]) -> total, {[gid] = n}  db:words([{top=, min=, stopwords=, <set>}])
**   db:search(query [, {limit=, offset=, context=, words=}]) -> hits (the corpus's BM25)
**   db:kwic(query [, opts]) -> lines     db:timeline([query [, {by=, words=, <set>}]]) -> periods
**   db:article(gid) -> article | fail, msg    db:articles([filter]) -> iterator (gid order in a date)
**   db:freq([{unit=, n=, top=, min=, stopwords=, by=, <set>}]) -> items, total | groups
**   db:sql(sql, ...) -> rows: every shard's, with a first column 'shard'; rows.shards = N
** Each gives the value db:<method> gives on one store holding the same files, ids aside: an
** article's id is its gid (shard * 10^10 + its id in the shard). search, count, words, kwic
** and timeline run as the parts of every shard and their merge (tifa_shards_run), read back
** here; kwic, timeline and words over a set of articles run on each shard's share of it.
*/
#define LUA_LIB
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jansson.h>
#include "lua.h"
#include "lauxlib.h"
#include "lsandbox.h"
#include "buf.h"
#include "ltext.h"
#include "lanalytics.h"
#include "lcorpus.h"
#include "shardrun.h"
#include "tifa_structure.h"
#include "tifa_track.h"
#include "tifa_lexis.h"
#include "text.h"

#define TIFA_JSONTYPE     "tifa.json"
#define TIFA_SHARDCURTYPE "tifa.shardcursor"

/* {====== Parts and their merge ====== */

#define TIFA_RECORDSTYPE  "tifa.records"

static int records_gc (lua_State *L) {
  tifai_records *b = (tifai_records *)luaL_checkudata(L, 1, TIFA_RECORDSTYPE);
  size_t i;
  for (i = 0; i < b->n; i++) json_decref(b->v[i]);
  free(b->v);
  b->v = NULL;
  b->n = b->cap = 0;
  return 0;
}

static int torecords (void *ud, json_t *j) {
  tifai_records *b = (tifai_records *)ud;
  if (b->n == b->cap) {
    size_t ncap = b->cap ? 2 * b->cap : 64;
    json_t **nv = (json_t **)realloc(b->v, ncap * sizeof(json_t *));
    if (nv == NULL) return TIFA_NOMEM;
    b->v = nv; b->cap = ncap;
  }
  b->v[b->n++] = json_incref(j);
  return TIFA_OK;
}

tifai_records *tifai_corpus_run (lua_State *L, LDb *d, const char *analytic, const char *q,
                                 const tifa_part_opts *o, int *rcp) {
  tifai_records *out = (tifai_records *)lua_newuserdatauv(L, sizeof(tifai_records), 0);
  char err[TIFA_ERRMAX];
  const char *msg = err;
  int rc;
  memset(out, 0, sizeof(*out));
  if (tifai_newmetatable(L, TIFA_RECORDSTYPE)) {
    lua_pushcfunction(L, records_gc);
    lua_setfield(L, -2, "__gc");
  }
  lua_setmetatable(L, -2);
  rc = tifai_shards_runobj(d->c, analytic, q, o, tifai_sandbox_is(L) ? 1 : 0, 0, torecords, out,
                           err, sizeof(err));
  if (rcp) *rcp = rc;
  if (rc == TIFA_NOMEM) { luaL_error(L, "not enough memory"); return NULL; }
  if (rc == TIFA_OK) return out;
  lua_pop(L, 1);
  if (strncmp(err, "shard ", 6) == 0 && strstr(err, ": ") != NULL) msg = strstr(err, ": ") + 2;
  luaL_pushfail(L);
  lua_pushstring(L, msg);
  return NULL;
}

static tifai_records *runparts (lua_State *L, LDb *d, const char *analytic, const char *q,
                                const tifa_part_opts *o) {
  return tifai_corpus_run(L, d, analytic, q, o, NULL);
}

static int json_gc (lua_State *L) {
  json_t **j = (json_t **)luaL_checkudata(L, 1, TIFA_JSONTYPE);
  json_decref(*j);
  *j = NULL;
  return 0;
}

/* A holder of one record on the stack (freed by __gc, so that a push may raise). */
json_t **tifai_corpus_holder (lua_State *L) {
  json_t **j = (json_t **)lua_newuserdatauv(L, sizeof(json_t *), 0);
  *j = NULL;
  if (tifai_newmetatable(L, TIFA_JSONTYPE)) {
    lua_pushcfunction(L, json_gc);
    lua_setfield(L, -2, "__gc");
  }
  lua_setmetatable(L, -2);
  return j;
}

int tifai_corpus_nextline (lua_State *L, tifai_records *b, size_t *at, json_t **j) {
  (void)L;
  if (*at >= b->n) return 0;
  json_decref(*j);
  *j = b->v[*at];                                   /* handed over: freed as read */
  b->v[(*at)++] = NULL;
  return 1;
}

static lua_Integer jint (json_t *o, const char *k) {
  return (lua_Integer)json_integer_value(json_object_get(o, k));
}

/* Is the line a record (not the header nor the trailer)? */
static int isrecord (json_t *j) {
  return json_object_get(j, "end") == NULL && json_object_get(j, "tifa_merged") == NULL;
}

static int optbool (lua_State *L, int arg, const char *k) {
  int v = 0;
  if (lua_istable(L, arg)) {
    v = lua_getfield(L, arg, k) != LUA_TNIL && lua_toboolean(L, -1);
    lua_pop(L, 1);
  }
  return v;
}

static lua_Integer optint (lua_State *L, int arg, const char *k, lua_Integer def) {
  lua_Integer v = def;
  if (lua_istable(L, arg)) {
    if (lua_getfield(L, arg, k) != LUA_TNIL) {
      int ok;
      v = lua_tointegerx(L, -1, &ok);
      if (!ok) luaL_argerror(L, arg, lua_pushfstring(L, "integer expected for '%s', got %s", k,
                                                     luaL_typename(L, -2)));
    }
    lua_pop(L, 1);
  }
  return v;
}

static int optchoice (lua_State *L, int arg, const char *k, const char *const lst[], int def) {
  const char *v;
  int i;
  if (!lua_istable(L, arg) || lua_getfield(L, arg, k) == LUA_TNIL) {
    if (lua_istable(L, arg)) lua_pop(L, 1);
    return def;
  }
  v = lua_tostring(L, -1);
  for (i = 0; v && lst[i]; i++)
    if (strcmp(lst[i], v) == 0) { lua_pop(L, 1); return i; }
  return luaL_argerror(L, arg, lua_pushfstring(L, "invalid option '%s' for '%s'",
                                                v ? v : luaL_typename(L, -1), k));
}

/* }====== */

/* {====== Sets of articles: each shard's analytic over its share, combined here ======
** The parts read every article; a set (a filter, a list, db:select's) is split by shard
** (its gids sorted come grouped by shard) and each shard's analytic reads its share. */

typedef struct Split {
  const int64_t *loc;               /* the local ids, shard by shard */
  size_t *lo, *hi;                  /* shard k's: loc[lo[k - 1] .. hi[k - 1]) */
} Split;

/* Split the sorted gids ids[0..n) of 'd' by shard into 'sp'; pushes the box. [-0, +1, m] */
static void splitset (lua_State *L, LDb *d, const int64_t *ids, size_t n, Split *sp) {
  int64_t *loc = (int64_t *)lua_newuserdatauv(L, (n + 1) * sizeof(int64_t)
                                              + 2 * (size_t)d->n * sizeof(size_t), 0);
  size_t i = 0;
  int k;
  sp->loc = loc;
  sp->lo = (size_t *)(loc + n + 1);
  sp->hi = sp->lo + d->n;
  for (k = 1; k <= d->n; k++) {
    while (i < n && TIFA_SHARD_OF(ids[i]) < k) i++;   /* not of the corpus: left out */
    sp->lo[k - 1] = i;
    while (i < n && TIFA_SHARD_OF(ids[i]) == k) { loc[i] = TIFA_SHARD_LOCAL(ids[i]); i++; }
    sp->hi[k - 1] = i;
  }
}

/* {------ kwic ------ */

typedef struct KLine {
  int64_t id, from, to, para;       /* id: the gid */
  int title;
  size_t d, l, m, r, dl, ll, ml, rl;   /* offsets and lengths in the strings' box */
  const char *pd, *pl, *pm, *pr;    /* then pointers (pd NULL: no date) */
} KLine;

typedef struct KGather { tifai_buf *lines, *str; int shard; } KGather;

static int onkline (void *ud, const tifa_kwic_line *l) {
  KGather *g = (KGather *)ud;
  KLine x;
  memset(&x, 0, sizeof(x));
  x.id = TIFA_SHARD_ID(g->shard, l->id);
  x.from = l->from; x.to = l->to; x.para = l->paragraph; x.title = l->title;
  x.d = l->date ? g->str->len : (size_t)-1;
  x.dl = l->date ? strlen(l->date) : 0;
  if (l->date) tifai_buf_add(g->str, l->date, x.dl);
  x.l = g->str->len; x.ll = l->left_len; tifai_buf_add(g->str, l->left, x.ll);
  x.m = g->str->len; x.ml = l->match_len; tifai_buf_add(g->str, l->match, x.ml);
  x.r = g->str->len; x.rl = l->right_len; tifai_buf_add(g->str, l->right, x.rl);
  tifai_buf_add(g->lines, &x, sizeof(x));
  return g->lines->oom || g->str->oom ? TIFA_NOMEM : 0;
}

/* The orders of tifa_kwic (kwic.c), over the corpus's ids. */
static int cmpfwd (const char *s, size_t n, const char *t, size_t m) {
  int c = memcmp(s, t, n < m ? n : m);
  return c ? c : (n > m) - (n < m);
}

static int cmppos (const KLine *x, const KLine *y) {
  if (x->id != y->id) return x->id < y->id ? -1 : 1;
  if (x->title != y->title) return x->title ? -1 : 1;
  return (x->from > y->from) - (x->from < y->from);
}

static int cmpleft (const void *a, const void *b) {
  const KLine *x = (const KLine *)a, *y = (const KLine *)b;
  int c = tifai_utf8_cmpback(x->pl, x->ll, y->pl, y->ll);
  if (!c) c = cmpfwd(x->pm, x->ml, y->pm, y->ml);
  if (!c) c = cmpfwd(x->pr, x->rl, y->pr, y->rl);
  return c ? c : cmppos(x, y);
}

static int cmpright (const void *a, const void *b) {
  const KLine *x = (const KLine *)a, *y = (const KLine *)b;
  int c = cmpfwd(x->pm, x->ml, y->pm, y->ml);
  if (!c) c = cmpfwd(x->pr, x->rl, y->pr, y->rl);
  if (!c) c = tifai_utf8_cmpback(x->pl, x->ll, y->pl, y->ll);
  return c ? c : cmppos(x, y);
}

static int cmparticle (const void *a, const void *b) {
  return cmppos((const KLine *)a, (const KLine *)b);
}

/* db:kwic over the set 'sp': tifa_kwic on each shard's share, sorted and cut here as
** tifa_kwic sorts and cuts. Pushes the lines, or fail, msg. [-0, +3|+4, e] */
static int setkwic (lua_State *L, LDb *d, const char *q, const tifa_kwic_opts *o, const Split *sp) {
  KGather g;
  KLine *v;
  size_t i, n;
  int k, cache;
  g.lines = tifai_lua_newbox(L);
  g.str = tifai_lua_newbox(L);
  for (k = 1; k <= d->n; k++) {
    tifa_kwic_opts ko = *o;
    int rc;
    if (sp->lo[k - 1] == sp->hi[k - 1]) continue;
    ko.ids = sp->loc + sp->lo[k - 1];
    ko.nids = sp->hi[k - 1] - sp->lo[k - 1];
    ko.sort = TIFA_KWIC_ARTICLE;
    ko.limit = 0;
    g.shard = k;
    rc = tifa_kwic(d->rd[k - 1], q, &ko, onkline, &g);
    if (rc == TIFA_NOMEM || g.lines->oom || g.str->oom) return luaL_error(L, "not enough memory");
    if (rc != TIFA_OK) return tifai_lua_storefail(L, d->rd[k - 1], rc);
  }
  n = g.lines->len / sizeof(KLine);
  v = (KLine *)g.lines->p;
  for (i = 0; i < n; i++) {                         /* the strings are complete: pointers */
    v[i].pd = v[i].d == (size_t)-1 ? NULL : g.str->p + v[i].d;
    v[i].pl = g.str->p + v[i].l;
    v[i].pm = g.str->p + v[i].m;
    v[i].pr = g.str->p + v[i].r;
  }
  if (n > 1) qsort(v, n, sizeof(KLine), o->sort == TIFA_KWIC_LEFT ? cmpleft
                                       : o->sort == TIFA_KWIC_RIGHT ? cmpright : cmparticle);
  if (o->limit > 0 && (size_t)o->limit < n) n = (size_t)o->limit;
  lua_newtable(L);                                  /* the articles, by gid */
  cache = lua_gettop(L);
  lua_createtable(L, (int)n, 0);
  for (i = 0; i < n; i++) {
    lua_createtable(L, 0, 10);
    tifai_lua_pusharticle(L, 1, v[i].id, cache);
    lua_setfield(L, -2, "article");
    lua_pushinteger(L, (lua_Integer)v[i].id); lua_setfield(L, -2, "id");
    if (v[i].pd) { lua_pushlstring(L, v[i].pd, v[i].dl); lua_setfield(L, -2, "date"); }
    lua_pushlstring(L, v[i].pl, v[i].ll); lua_setfield(L, -2, "left");
    lua_pushlstring(L, v[i].pm, v[i].ml); lua_setfield(L, -2, "match");
    lua_pushlstring(L, v[i].pr, v[i].rl); lua_setfield(L, -2, "right");
    lua_pushinteger(L, (lua_Integer)v[i].from + 1); lua_setfield(L, -2, "from");
    lua_pushinteger(L, (lua_Integer)v[i].to); lua_setfield(L, -2, "to");
    lua_pushinteger(L, (lua_Integer)v[i].para); lua_setfield(L, -2, "paragraph");
    lua_pushstring(L, v[i].title ? "title" : "text"); lua_setfield(L, -2, "field");
    lua_rawseti(L, -2, (lua_Integer)i + 1);
  }
  tifai_lua_setkwicmeta(L);
  return 1;
}

/* }------ */

/* {------ timeline ------ */

typedef tifai_periodrec PRec;

static int cmpprec (const void *a, const void *b) {
  return strcmp(((const PRec *)a)->period, ((const PRec *)b)->period);
}

/* The period after 'p' ("2024" or "2024-03") into 'out'. */
static void nextperiod (const char *p, char *out, size_t sz) {
  unsigned y = (unsigned)atoi(p) % 10000u, m = strlen(p) > 5 ? (unsigned)atoi(p + 5) % 100u : 0;
  if (m == 0) snprintf(out, sz, "%04u", (y + 1) % 10000u);
  else if (m >= 12) snprintf(out, sz, "%04u-01", (y + 1) % 10000u);
  else snprintf(out, sz, "%04u-%02u", y, m + 1);
}

static void pushperiod (lua_State *L, const char *p, int64_t count, int64_t articles, lua_Integer i) {
  lua_createtable(L, 0, 3);
  lua_pushstring(L, p); lua_setfield(L, -2, "period");
  lua_pushinteger(L, (lua_Integer)count); lua_setfield(L, -2, "count");
  lua_pushinteger(L, (lua_Integer)articles); lua_setfield(L, -2, "articles");
  lua_rawseti(L, -2, i);
}

/* db:timeline over the set 'sp': each shard's periods summed, and the empty ones between
** the first and the last filled as tifa_timeline fills them. Pushes the list (without its
** fields undated, by), or fail, msg. '*u' gets the sums of what has no period. */
static int settimeline (lua_State *L, LDb *d, const char *q, int flags, int by, const Split *sp,
                        tifa_undated *u) {
  tifai_buf *b = tifai_lua_newbox(L);
  PRec *v;
  size_t i, n, k2;
  lua_Integer np = 0;
  char cur[16];
  int k;
  u->count = u->articles = 0;
  for (k = 1; k <= d->n; k++) {
    tifa_undated su;
    int rc;
    if (sp->lo[k - 1] == sp->hi[k - 1]) continue;
    memset(&su, 0, sizeof(su));
    rc = tifa_timeline(d->rd[k - 1], q, flags, by, sp->loc + sp->lo[k - 1],
                       sp->hi[k - 1] - sp->lo[k - 1], tifai_lua_onperiodbox, b, &su);
    if (rc == TIFA_NOMEM || b->oom) return luaL_error(L, "not enough memory");
    if (rc != TIFA_OK) return tifai_lua_storefail(L, d->rd[k - 1], rc);
    u->count += su.count;
    u->articles += su.articles;
  }
  n = b->len / sizeof(PRec);
  v = (PRec *)b->p;
  if (n > 1) qsort(v, n, sizeof(PRec), cmpprec);
  for (i = 0, k2 = 0; i < n; i++) {                 /* one record a period, summed */
    if (k2 > 0 && strcmp(v[k2 - 1].period, v[i].period) == 0) {
      v[k2 - 1].count += v[i].count;
      v[k2 - 1].articles += v[i].articles;
    }
    else v[k2++] = v[i];
  }
  lua_newtable(L);
  for (i = 0; i < k2; i++) {
    if (i > 0)                                      /* the empty periods before it */
      for (nextperiod(v[i - 1].period, cur, sizeof(cur)); strcmp(cur, v[i].period) < 0;
           nextperiod(cur, cur, sizeof(cur)))
        pushperiod(L, cur, 0, 0, ++np);
    pushperiod(L, v[i].period, v[i].count, v[i].articles, ++np);
  }
  return 1;
}

/* }------ */

/* {------ words ------ */

typedef struct WFreq { struct tifa_freq *n, *a; } WFreq;   /* counts, articles */

static int wfreq_gc (lua_State *L) {
  WFreq *w = (WFreq *)lua_touserdata(L, 1);
  tifa_freq_free(w->n);
  tifa_freq_free(w->a);
  w->n = w->a = NULL;
  return 0;
}

static int onword (void *ud, const char *w, size_t len, int64_t count, int64_t articles) {
  WFreq *f = (WFreq *)ud;
  if (tifa_freq_add(f->n, w, len, count) != TIFA_OK || tifa_freq_add(f->a, w, len, articles) != TIFA_OK)
    return TIFA_NOMEM;
  return 0;
}

/* The items of every shard (of its share of the set 'sp', or of all its articles if 'sp' is
** NULL) counted by tifa_lexis_freq with 'o' (its limit and min are applied here), summed, in
** the store's order (count descending, then the item's bytes), those counted at least 'min',
** the first 'top' (<= 0: all). Pushes the list of {<key> =, count =, articles =} and returns
** 1, with the sum of all counts in '*total'; or pushes fail, msg and returns 2. */
static int sumitems (lua_State *L, LDb *d, const Split *sp, const tifa_lexis_freq_opts *o,
                     int64_t min, lua_Integer top, const char *key, int64_t *total) {
  WFreq *f = (WFreq *)lua_newuserdatauv(L, sizeof(WFreq), 0);
  const tifa_freq_entry *e;
  size_t i, n;
  lua_Integer k = 0;
  int s;
  f->n = f->a = NULL;
  *total = 0;
  if (tifai_newmetatable(L, "tifa.wordsums")) {
    lua_pushcfunction(L, wfreq_gc);
    lua_setfield(L, -2, "__gc");
  }
  lua_setmetatable(L, -2);
  if (tifa_freq_new(&f->n) != TIFA_OK || tifa_freq_new(&f->a) != TIFA_OK)
    return luaL_error(L, "not enough memory");
  for (s = 1; s <= d->n; s++) {
    tifa_lexis_freq_opts so = *o;
    int64_t t = 0;
    int rc;
    if (sp && sp->lo[s - 1] == sp->hi[s - 1]) continue;
    so.limit = 0;
    so.min = 1;
    rc = tifa_lexis_freq(d->rd[s - 1], sp ? sp->loc + sp->lo[s - 1] : NULL,
                         sp ? sp->hi[s - 1] - sp->lo[s - 1] : 0, &so, &t, onword, f);
    if (rc == TIFA_NOMEM) return luaL_error(L, "not enough memory");
    if (rc != TIFA_OK) return tifai_lua_storefail(L, d->rd[s - 1], rc);
    *total += t;
  }
  if (tifa_freq_sorted(f->n, &e, &n) != TIFA_OK) return luaL_error(L, "not enough memory");
  lua_newtable(L);
  for (i = 0; i < n && (top <= 0 || k < top); i++) {
    if (e[i].count < (min > 0 ? min : 1)) break;    /* sorted: the rest are fewer */
    lua_createtable(L, 0, 3);
    lua_pushlstring(L, e[i].word, e[i].len); lua_setfield(L, -2, key);
    lua_pushinteger(L, (lua_Integer)e[i].count); lua_setfield(L, -2, "count");
    lua_pushinteger(L, (lua_Integer)tifa_freq_get(f->a, e[i].word, e[i].len));
    lua_setfield(L, -2, "articles");
    lua_rawseti(L, -2, ++k);
  }
  return 1;
}

/* db:freq([{unit=, n=, top=, min=, stopwords=, <set>}]) -> items, total: each shard's items
** summed; with by = ..., the groups of the whole corpus, as llexis.c's db:freq gives them */
static int corpus_freq (lua_State *L) {
  static const char *const units[] = {"word", "char", "ngram", NULL};
  LDb *d = tifai_lua_todb(L, 1);
  tifa_lexis_freq_opts o;
  const int64_t *ids;
  size_t nids;
  int64_t total = 0, min;
  lua_Integer n, top;
  Split sp;
  if (!lua_isnoneornil(L, 2)) luaL_checktype(L, 2, LUA_TTABLE);
  lua_settop(L, 2);
  memset(&o, 0, sizeof(o));
  o.unit = optchoice(L, 2, "unit", units, 0);
  n = optint(L, 2, "n", 0);
  if (n < 0 || n > 16) return luaL_argerror(L, 2, "field 'n' out of range");
  o.n = (size_t)n;
  if (o.unit == TIFA_LEXIS_NGRAM && o.n == 1) o.unit = TIFA_LEXIS_WORD;
  top = optint(L, 2, "top", 0);
  min = (int64_t)optint(L, 2, "min", 1);
  if (lua_istable(L, 2) && lua_getfield(L, 2, "by") != LUA_TNIL
      && (!lua_isstring(L, -1) || strcmp(lua_tostring(L, -1), "none") != 0)) {
    const luaL_Reg *r;                          /* by groups: the store's db:freq, which reads */
    lua_settop(L, 2);                           /* every shard at once (llexis.c) */
    for (r = tifai_lexis_db; r->name != NULL; r++)
      if (strcmp(r->name, "freq") == 0) return r->func(L);
  }
  lua_settop(L, 2);
  ids = tifai_lua_articleset(L, 1, 2, &nids, "freq");   /* 3 */
  if (lua_istable(L, 2)) o.stop = tifai_text_stopset(L, 2, "stopwords");   /* 4 */
  lua_settop(L, 4);
  if (ids != NULL) splitset(L, d, ids, nids, &sp);
  if (sumitems(L, d, ids ? &sp : NULL, &o, min, top, "item", &total) == 2) return 2;
  lua_pushinteger(L, (lua_Integer)total);
  return 2;
}

/* }------ */

/* }====== */

/* {====== count, words, timeline, kwic, search ====== */

/* db:count(query [, {words=}]) -> total, {[gid] = n} */
static int corpus_count (lua_State *L) {
  LDb *d = tifai_lua_todb(L, 1);
  const char *q = luaL_checkstring(L, 2);
  tifa_part_opts o;
  tifai_records *b;
  json_t **j;
  size_t at = 0;
  lua_Integer total = 0;
  memset(&o, 0, sizeof(o));
  if (!lua_isnoneornil(L, 3)) {
    luaL_checktype(L, 3, LUA_TTABLE);
    if (optbool(L, 3, "words")) o.flags |= TIFA_MATCH_WORDS;
  }
  lua_settop(L, 3);
  if ((b = runparts(L, d, "count", q, &o)) == NULL) return 2;
  j = tifai_corpus_holder(L);
  lua_newtable(L);
  while (tifai_corpus_nextline(L, b, &at, j)) {
    if (json_object_get(*j, "end")) total = jint(*j, "total");
    else if (isrecord(*j)) {
      lua_pushinteger(L, jint(*j, "n"));
      lua_rawseti(L, -2, jint(*j, "id"));
    }
  }
  lua_pushinteger(L, total);
  lua_insert(L, -2);
  return 2;
}

/* db:words([{top=, min=, stopwords=, <set>}]) */
static int corpus_words (lua_State *L) {
  LDb *d = tifai_lua_todb(L, 1);
  struct tifa_freq *stop = NULL;
  tifa_part_opts o;
  tifai_records *b;
  json_t **j;
  const int64_t *ids;
  size_t at = 0, nids;
  lua_Integer n = 0, top = 0;
  memset(&o, 0, sizeof(o));
  if (!lua_isnoneornil(L, 2)) {
    luaL_checktype(L, 2, LUA_TTABLE);
    if (lua_getfield(L, 2, "top") != LUA_TNIL) top = luaL_checkinteger(L, -1);
    if (lua_getfield(L, 2, "min") != LUA_TNIL) o.min = (int64_t)luaL_checkinteger(L, -1);
  }
  lua_settop(L, 2);
  ids = tifai_lua_articleset(L, 1, 2, &nids, "words");   /* 3 */
  if (!lua_isnil(L, 2)) stop = tifai_text_stopset(L, 2, "stopwords");   /* 4 */
  lua_settop(L, 4);
  if (ids != NULL) {                                /* a set: each shard's share */
    tifa_lexis_freq_opts lo;
    Split sp;
    int64_t total;
    memset(&lo, 0, sizeof(lo));
    lo.stop = stop;                                 /* unit word: tifa_store_vocab's counts */
    splitset(L, d, ids, nids, &sp);
    return sumitems(L, d, &sp, &lo, o.min, top, "word", &total);
  }
  o.limit = stop ? 0 : (long)top;                   /* cut after the stop words are out */
  if ((b = runparts(L, d, "words", NULL, &o)) == NULL) return 2;
  j = tifai_corpus_holder(L);
  lua_newtable(L);
  while (tifai_corpus_nextline(L, b, &at, j) && (stop == NULL || top <= 0 || n < top)) {
    const char *w;
    if (!isrecord(*j)) continue;
    w = json_string_value(json_object_get(*j, "w"));
    if (w == NULL) continue;
    if (stop && tifa_freq_get(stop, w, json_string_length(json_object_get(*j, "w"))) > 0) continue;
    lua_createtable(L, 0, 3);
    lua_pushlstring(L, w, json_string_length(json_object_get(*j, "w")));
    lua_setfield(L, -2, "word");
    lua_pushinteger(L, jint(*j, "n")); lua_setfield(L, -2, "count");
    lua_pushinteger(L, jint(*j, "a")); lua_setfield(L, -2, "articles");
    lua_rawseti(L, -2, ++n);
  }
  return 1;
}

/* db:timeline([query [, {by=, words=, <set>}]]) */
static int corpus_timeline (lua_State *L) {
  static const char *const bys[] = {"month", "year", NULL};
  LDb *d = tifai_lua_todb(L, 1);
  const char *q = luaL_optstring(L, 2, NULL);
  tifa_part_opts o;
  tifai_records *b;
  json_t **j;
  size_t at = 0;
  lua_Integer n = 0, undated = 0, undated_a = 0;
  const int64_t *ids;
  size_t nids;
  int by;
  if (!lua_isnoneornil(L, 3)) luaL_checktype(L, 3, LUA_TTABLE);
  lua_settop(L, 3);
  memset(&o, 0, sizeof(o));
  by = optchoice(L, 3, "by", bys, 0);
  o.by = by == 1 ? TIFA_BY_YEAR : TIFA_BY_MONTH;
  if (optbool(L, 3, "words")) o.flags |= TIFA_MATCH_WORDS;
  ids = tifai_lua_articleset(L, 1, 3, &nids, "timeline");   /* 4 */
  if (ids != NULL) {                                /* a set: each shard's share */
    Split sp;
    tifa_undated u;
    splitset(L, d, ids, nids, &sp);
    if (settimeline(L, d, q, o.flags, o.by, &sp, &u) == 2) return 2;
    undated = (lua_Integer)u.count;
    undated_a = (lua_Integer)u.articles;
    goto fields;
  }
  if ((b = runparts(L, d, "timeline", q, &o)) == NULL) return 2;
  j = tifai_corpus_holder(L);
  lua_newtable(L);
  while (tifai_corpus_nextline(L, b, &at, j)) {
    if (json_object_get(*j, "end")) {
      json_t *u = json_object_get(*j, "undated");
      undated = jint(u, "n");
      undated_a = jint(u, "a");
    }
    else if (isrecord(*j)) {
      lua_createtable(L, 0, 3);
      lua_pushstring(L, json_string_value(json_object_get(*j, "p"))); lua_setfield(L, -2, "period");
      lua_pushinteger(L, jint(*j, "n")); lua_setfield(L, -2, "count");
      lua_pushinteger(L, jint(*j, "a")); lua_setfield(L, -2, "articles");
      lua_rawseti(L, -2, ++n);
    }
  }
fields:
  lua_pushinteger(L, undated); lua_setfield(L, -2, "undated");
  lua_pushinteger(L, undated_a); lua_setfield(L, -2, "undated_articles");
  lua_pushstring(L, bys[by]); lua_setfield(L, -2, "by");
  return 1;
}

/* Set the string field 'k' of the table on top from the JSON field 'jk' of 'o'. */
static void setstr (lua_State *L, json_t *o, const char *jk, const char *k) {
  json_t *v = json_object_get(o, jk);
  if (!json_is_string(v)) return;
  lua_pushlstring(L, json_string_value(v), json_string_length(v));
  lua_setfield(L, -2, k);
}

/* db:kwic(query [, {width=, sort=, limit=, words=, <set>}]) */
static int corpus_kwic (lua_State *L) {
  static const char *const sorts[] = {"article", "left", "right", NULL};
  LDb *d = tifai_lua_todb(L, 1);
  const char *q = luaL_checkstring(L, 2);
  tifa_part_opts o;
  tifai_records *b;
  json_t **j;
  size_t at = 0;
  lua_Integer n = 0;
  const int64_t *ids;
  size_t nids;
  int cache;
  if (!lua_isnoneornil(L, 3)) luaL_checktype(L, 3, LUA_TTABLE);
  lua_settop(L, 3);
  memset(&o, 0, sizeof(o));
  o.width = (int)optint(L, 3, "width", 15);
  if (o.width <= 0) o.width = -1;                   /* 0: no context, as on a store */
  o.sort = optchoice(L, 3, "sort", sorts, 0);
  o.limit = (long)optint(L, 3, "limit", 0);
  if (optbool(L, 3, "words")) o.flags |= TIFA_MATCH_WORDS;
  ids = tifai_lua_articleset(L, 1, 3, &nids, "kwic");   /* 4 */
  if (ids != NULL) {                                /* a set: each shard's share */
    tifa_kwic_opts ko;
    Split sp;
    memset(&ko, 0, sizeof(ko));
    ko.width = o.width; ko.sort = o.sort; ko.flags = o.flags; ko.limit = o.limit;
    splitset(L, d, ids, nids, &sp);
    return setkwic(L, d, q, &ko, &sp);
  }
  lua_settop(L, 3);
  if ((b = runparts(L, d, "kwic", q, &o)) == NULL) return 2;   /* 4 */
  j = tifai_corpus_holder(L);                                 /* 5 */
  lua_newtable(L);                                  /* 6: the articles, by gid */
  cache = lua_gettop(L);
  lua_newtable(L);
  while (tifai_corpus_nextline(L, b, &at, j)) {
    lua_Integer id;
    if (!isrecord(*j)) continue;
    id = jint(*j, "id");
    lua_createtable(L, 0, 10);
    tifai_lua_pusharticle(L, 1, id, cache);
    lua_setfield(L, -2, "article");
    lua_pushinteger(L, id); lua_setfield(L, -2, "id");
    setstr(L, *j, "date", "date");
    setstr(L, *j, "l", "left");
    setstr(L, *j, "m", "match");
    setstr(L, *j, "r", "right");
    lua_pushinteger(L, jint(*j, "from") + 1); lua_setfield(L, -2, "from");
    lua_pushinteger(L, jint(*j, "to")); lua_setfield(L, -2, "to");
    lua_pushinteger(L, jint(*j, "p")); lua_setfield(L, -2, "paragraph");
    lua_pushstring(L, json_is_true(json_object_get(*j, "t")) || jint(*j, "t") ? "title" : "text");
    lua_setfield(L, -2, "field");
    lua_rawseti(L, -2, ++n);
  }
  tifai_lua_setkwicmeta(L);
  return 1;
}

/* Push the list of {from, to} pairs (1-based, inclusive) of the flat JSON array 'a'. */
static void pushoffsets (lua_State *L, json_t *a) {
  size_t i, n = json_array_size(a) / 2;
  lua_createtable(L, (int)n, 0);
  for (i = 0; i < n; i++) {
    lua_createtable(L, 2, 0);
    lua_pushinteger(L, (lua_Integer)json_integer_value(json_array_get(a, 2 * i)) + 1);
    lua_rawseti(L, -2, 1);
    lua_pushinteger(L, (lua_Integer)json_integer_value(json_array_get(a, 2 * i + 1)));
    lua_rawseti(L, -2, 2);
    lua_rawseti(L, -2, (lua_Integer)i + 1);
  }
}

/* db:search(query [, {limit=, offset=, context=, words=}]): ranked with the corpus's
** statistics, so each hit has the score one store gives it */
static int corpus_search (lua_State *L) {
  LDb *d = tifai_lua_todb(L, 1);
  const char *q = luaL_checkstring(L, 2);
  tifa_part_opts o;
  tifa_search_opts so;
  tifai_records *b;
  json_t **j;
  size_t at = 0;
  lua_Integer n = 0;
  tifai_lua_searchopts(L, 3, &so);                 /* read as db:search on a store reads them */
  memset(&o, 0, sizeof(o));
  o.limit = so.limit; o.offset = so.offset; o.context = so.context; o.flags = so.flags;
  lua_settop(L, 3);
  if (o.limit <= 0) o.limit = 20;                   /* the store's default */
  if ((b = runparts(L, d, "search", q, &o)) == NULL) return 2;
  j = tifai_corpus_holder(L);
  lua_newtable(L);
  while (tifai_corpus_nextline(L, b, &at, j)) {
    lua_Integer id;
    int k;
    if (!isrecord(*j)) continue;
    id = jint(*j, "id");
    k = TIFA_SHARD_OF(id);
    lua_createtable(L, 0, 7);
    lua_pushinteger(L, TIFA_SHARD_LOCAL(id)); lua_setfield(L, -2, "id");   /* for the provision */
    lua_pushnumber(L, json_number_value(json_object_get(*j, "score"))); lua_setfield(L, -2, "score");
    pushoffsets(L, json_object_get(*j, "offsets")); lua_setfield(L, -2, "offsets");
    pushoffsets(L, json_object_get(*j, "title_offsets")); lua_setfield(L, -2, "title_offsets");
    if (k >= 1 && k <= d->n) tifai_lua_hitprovision(L, d->rd[k - 1], -1);
    lua_pushinteger(L, id); lua_setfield(L, -2, "id");
    setstr(L, *j, "snippet", "snippet");
    tifai_lua_pusharticle(L, 1, id, 0);
    lua_setfield(L, -2, "article");
    lua_rawseti(L, -2, ++n);
  }
  return 1;
}

/* }====== */

/* {====== Articles ====== */

/* db:article(gid) */
static int corpus_article (lua_State *L) {
  LDb *d = tifai_lua_todb(L, 1);
  lua_Integer id = luaL_checkinteger(L, 2);
  int k = id > 0 ? TIFA_SHARD_OF(id) : 0;
  if (k < 1 || k > d->n) {
    luaL_pushfail(L);
    lua_pushliteral(L, "not found");
    return 2;
  }
  tifai_lua_pusharticle(L, 1, id, 0);
  if (lua_isnil(L, -1)) lua_pushliteral(L, "not found");
  return lua_isnil(L, -2) ? 2 : 1;
}

/* The shards' statements of db:articles, read together: each shard's next row is kept,
** and the earliest (by date, undated last, then by shard: gid order in a date) is taken. */
typedef struct ShardCur {
  int n;
  sqlite3_stmt **st;                /* st[k - 1]: shard k's; NULL once done */
  char *has;                        /* has[k - 1]: its row is stepped and not yet taken */
} ShardCur;

static int shardcur_close (lua_State *L) {
  ShardCur *c = (ShardCur *)luaL_checkudata(L, 1, TIFA_SHARDCURTYPE);
  int k;
  for (k = 0; k < c->n; k++) { sqlite3_finalize(c->st[k]); c->st[k] = NULL; }
  return 0;
}

/* Is the row of 'a' before that of 'b' (shard a before b)? */
static int before (sqlite3_stmt *a, sqlite3_stmt *b) {
  int na = sqlite3_column_type(a, 4) == SQLITE_NULL, nb = sqlite3_column_type(b, 4) == SQLITE_NULL;
  if (na != nb) return nb;
  if (!na) {
    const char *da = (const char *)sqlite3_column_text(a, 4), *db = (const char *)sqlite3_column_text(b, 4);
    int c = strcmp(da ? da : "", db ? db : "");
    if (c != 0) return c < 0;
  }
  return 1;
}

/* the iterator: upvalue 1 the cursors, upvalue 2 the db */
static int articles_aux (lua_State *L) {
  ShardCur *c = (ShardCur *)luaL_checkudata(L, lua_upvalueindex(1), TIFA_SHARDCURTYPE);
  int k, best = -1;
  tifai_lua_todb(L, lua_upvalueindex(2));           /* raises once closed */
  for (k = 0; k < c->n; k++) {
    if (c->st[k] == NULL) continue;
    if (!c->has[k]) {
      int step = sqlite3_step(c->st[k]);
      if (step == SQLITE_ROW) c->has[k] = 1;
      else {
        const char *msg = step == SQLITE_DONE ? NULL
                        : lua_pushstring(L, sqlite3_errmsg(sqlite3_db_handle(c->st[k])));
        sqlite3_finalize(c->st[k]);
        c->st[k] = NULL;
        if (msg) return luaL_error(L, "cannot read articles (%s)", msg);
        continue;
      }
    }
    if (best < 0 || !before(c->st[best], c->st[k])) best = k;
  }
  if (best < 0) return 0;
  c->has[best] = 0;
  tifai_lua_pushrow(L, c->st[best], lua_upvalueindex(2),
                    TIFA_SHARD_ID(best + 1, sqlite3_column_int64(c->st[best], 0)));
  return 1;
}

/* db:articles([filter]) -> iterator, nil, nil, cursors */
static int corpus_articles (lua_State *L) {
  LDb *d = tifai_lua_todb(L, 1);
  ShardCur *c;
  int k;
  lua_settop(L, 2);
  c = (ShardCur *)lua_newuserdatauv(L, sizeof(ShardCur) + (size_t)d->n * (sizeof(sqlite3_stmt *) + 1), 0);
  c->n = 0;
  c->st = (sqlite3_stmt **)(c + 1);
  c->has = (char *)(c->st + d->n);
  if (tifai_newmetatable(L, TIFA_SHARDCURTYPE)) {
    lua_pushcfunction(L, shardcur_close);
    lua_setfield(L, -2, "__gc");
    lua_pushcfunction(L, shardcur_close);
    lua_setfield(L, -2, "__close");
  }
  lua_setmetatable(L, -2);                          /* 3 */
  for (k = 0; k < d->n; k++) {
    sqlite3_stmt **slot = tifai_lua_articlestmt(L, d->rd[k], 2, "articles");
    c->st[k] = *slot;                               /* taken over */
    c->has[k] = 0;
    c->n = k + 1;
    *slot = NULL;
    lua_pop(L, 1);
  }
  lua_pushvalue(L, 3);
  lua_pushvalue(L, 1);
  lua_pushcclosure(L, articles_aux, 2);
  lua_pushnil(L);
  lua_pushnil(L);
  lua_pushvalue(L, 3);                              /* the cursors close on break */
  return 4;
}

/* }====== */

/* {====== SQL ====== */

/* Is the rest of a statement only blanks and semicolons? */
static int onlyblanks (const char *t) {
  while (t && (*t == ' ' || *t == '\n' || *t == '\t' || *t == ';' || *t == '\r')) t++;
  return t == NULL || *t == '\0';
}

int tifai_corpus_sql (lua_State *L) {
  LDb *d = tifai_lua_todb(L, 1);
  const char *sql = luaL_checkstring(L, 2);
  int n = lua_gettop(L), i, k, ncol = 0, step, rows;
  lua_Integer row = 0;
  lua_newtable(L);                                  /* n + 1: the rows */
  rows = lua_gettop(L);
  for (k = 1; k <= d->n; k++) {
    sqlite3 *db = tifa_store_sqlite(d->rd[k - 1]);
    sqlite3_stmt **st = tifai_lua_newcursor(L);
    const char *tail = NULL;
    lua_toclose(L, -1);                             /* finalized however we leave */
    if (sqlite3_prepare_v2(db, sql, -1, st, &tail) != SQLITE_OK) {
      luaL_pushfail(L);
      lua_pushstring(L, sqlite3_errmsg(db));
      return 2;
    }
    if (*st == NULL) return luaL_argerror(L, 2, "no SQL statement");
    if (!onlyblanks(tail)) return luaL_argerror(L, 2, "one statement at a time");
    if (!sqlite3_stmt_readonly(*st)) {
      luaL_pushfail(L);
      lua_pushliteral(L, "attempt to write a read-only database");
      return 2;
    }
    if (sqlite3_bind_parameter_count(*st) != n - 2)
      return luaL_error(L, "bad argument #%d to 'sql' (%d parameter(s) expected, got %d)", 2,
                        sqlite3_bind_parameter_count(*st), n - 2);
    for (i = 3; i <= n; i++) tifai_lua_bindvalue(L, *st, i - 2, i, i - 1);
    if (k == 1) {                                   /* rows.columns, rows.shards */
      ncol = sqlite3_column_count(*st);
      lua_createtable(L, 0, 2);
      lua_createtable(L, 0, 2);
      lua_createtable(L, ncol + 1, 0);
      lua_pushliteral(L, "shard");
      lua_rawseti(L, -2, 1);
      for (i = 0; i < ncol; i++) {
        lua_pushstring(L, sqlite3_column_name(*st, i));
        lua_rawseti(L, -2, i + 2);
      }
      lua_setfield(L, -2, "columns");
      lua_pushinteger(L, d->n);
      lua_setfield(L, -2, "shards");
      lua_setfield(L, -2, "__index");
      lua_pushliteral(L, "tifa.rows");
      lua_setfield(L, -2, "__metatable");
      lua_setmetatable(L, rows);
    }
    else if (sqlite3_column_count(*st) != ncol)
      return luaL_error(L, "bad argument #1 to 'sql' (shard %d gives %d columns, shard 1 %d)", k,
                        sqlite3_column_count(*st), ncol);
    while ((step = sqlite3_step(*st)) == SQLITE_ROW) {
      lua_createtable(L, 0, ncol + 1);
      lua_pushinteger(L, k);
      lua_setfield(L, -2, "shard");
      for (i = 0; i < ncol; i++) {
        switch (sqlite3_column_type(*st, i)) {
          case SQLITE_INTEGER: lua_pushinteger(L, (lua_Integer)sqlite3_column_int64(*st, i)); break;
          case SQLITE_FLOAT: lua_pushnumber(L, sqlite3_column_double(*st, i)); break;
          case SQLITE_NULL: continue;
          default:
            lua_pushlstring(L, (const char *)sqlite3_column_blob(*st, i), (size_t)sqlite3_column_bytes(*st, i));
        }
        lua_setfield(L, -2, sqlite3_column_name(*st, i));
      }
      lua_rawseti(L, rows, ++row);
    }
    if (step != SQLITE_DONE) {
      luaL_pushfail(L);
      lua_pushstring(L, sqlite3_errmsg(db));
      return 2;
    }
    lua_closeslot(L, -1);
    lua_pop(L, 1);
  }
  lua_settop(L, rows);
  return 1;
}

/* }====== */

const luaL_Reg tifai_corpus_db[] = {
  {"count", corpus_count}, {"words", corpus_words}, {"timeline", corpus_timeline},
  {"kwic", corpus_kwic}, {"search", corpus_search}, {"freq", corpus_freq}, {"article", corpus_article},
  {"articles", corpus_articles},
  {NULL, NULL}
};
