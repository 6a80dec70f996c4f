/*
** ltrack.c -- where and when words occur: methods of db and of articles
**   db:kwic(query [, opts]) -> lines        a:kwic(query [, opts]) -> lines
**   db:timeline(query [, opts]) -> periods  db:dispersion(query [, opts]) -> rows
**   db:track([formulations [, opts]]) -> results, or fail, msg (an unreadable lexicon file)
** opts hold the options and the set of articles (the fields of db:articles). Positions are
** 1-based inclusive characters, as db:search gives them. On a corpus of shards, db:track and
** db:dispersion are the parts' merge (lcorpustrack.c); db:track over a set runs on each
** shard's share here, db:dispersion over a set reads the shards as one
** (tifa_dispersion_stores).
*/
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "lua.h"
#include "lauxlib.h"
#include "lsandbox.h"
#include "lanalytics.h"
#include "lcorpus.h"
#include "ltext.h"
#include "tifa_text.h"
#include "tifa_track.h"

#define TIFA_KWICTYPE     "tifa.kwic"
#define TIFA_LEXICONTYPE  "tifa.lexicon"

/* The option 'k' of the table at 'arg' among 'lst' (NULL-terminated): its index, 'def' when
** absent; raises "bad argument #arg to 'f' (invalid option 'x' for 'k')". [-0, +0, v] */
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

static int optbool (lua_State *L, int arg, const char *k) {
  int v = 0;
  if (lua_istable(L, arg)) {
    v = lua_getfield(L, arg, k) != LUA_TNIL && lua_toboolean(L, -1);
    lua_pop(L, 1);
  }
  return v;
}

/* Check argument 'arg' is nil or a table. */
static void checkopts (lua_State *L, int arg) {
  if (!lua_isnoneornil(L, arg)) luaL_checktype(L, arg, LUA_TTABLE);
}

/* The store and the set of db:f(x, opts): the set comes from opts (argument 3). Pushes the
** db (its index in '*dbidx') and the set's box. [-0, +2, e] */
static tifa_store *callset (lua_State *L, const char *fname, const int64_t **ids, size_t *nids,
                            int *dbidx) {
  tifa_store *s = tifai_lua_checkdb(L, 1);
  lua_pushvalue(L, 1);
  *dbidx = lua_gettop(L);
  *ids = tifai_lua_articleset(L, 1, 3, nids, fname);
  return s;
}

/* {====== kwic ====== */

typedef struct lrec { int64_t id, from, to, para; int title; size_t ld, ll, lm, lr; } lrec;

static int onkwic (void *ud, const tifa_kwic_line *l) {
  tifai_buf *b = (tifai_buf *)ud;
  lrec r;
  r.id = l->id; r.from = l->from; r.to = l->to; r.para = l->paragraph; r.title = l->title;
  r.ld = l->date ? strlen(l->date) : (size_t)-1;
  r.ll = l->left_len; r.lm = l->match_len; r.lr = l->right_len;
  tifai_buf_add(b, &r, sizeof(r));
  if (l->date) tifai_buf_add(b, l->date, r.ld);
  tifai_buf_add(b, l->left, r.ll);
  tifai_buf_add(b, l->match, r.lm);
  tifai_buf_add(b, l->right, r.lr);
  return b->oom ? TIFA_NOMEM : 0;
}

/* Push the display width of the string field 'k' of the table on top. */
static size_t fieldwidth (lua_State *L, const char *k) {
  size_t len, w;
  const char *s;
  lua_getfield(L, -1, k);
  s = lua_tolstring(L, -1, &len);
  w = s ? tifa_text_width(s, len) : 0;
  lua_pop(L, 1);
  return w;
}

/* __tostring of a concordance: "id  left match right", the left contexts right-aligned by
** display width. */
static int kwic_tostring (lua_State *L) {
  lua_Integer i, n = luaL_len(L, 1);
  size_t wl = 0, wm = 0, wid = 2;
  tifai_buf *b;
  for (i = 1; i <= n; i++) {
    size_t w;
    char num[32];
    lua_geti(L, 1, i);
    if (lua_istable(L, -1)) {
      if ((w = fieldwidth(L, "left")) > wl) wl = w;
      if ((w = fieldwidth(L, "match")) > wm) wm = w;
      lua_getfield(L, -1, "id");
      snprintf(num, sizeof(num), "%lld", (long long)lua_tointeger(L, -1));
      if (strlen(num) > wid) wid = strlen(num);
      lua_pop(L, 1);
    }
    lua_pop(L, 1);
  }
  b = tifai_lua_newbox(L);
  if (n == 0) tifai_buf_adds(b, "(no matches)");
  for (i = 1; i <= n; i++) {
    size_t k;
    char num[32];
    const char *s;
    size_t len;
    lua_geti(L, 1, i);
    if (!lua_istable(L, -1)) { lua_pop(L, 1); continue; }
    lua_getfield(L, -1, "id");
    snprintf(num, sizeof(num), "%*lld", (int)wid, (long long)lua_tointeger(L, -1));
    lua_pop(L, 1);
    if (i > 1) tifai_buf_addc(b, '\n');
    tifai_buf_adds(b, num);
    tifai_buf_adds(b, "  ");
    for (k = fieldwidth(L, "left"); k < wl; k++) tifai_buf_addc(b, ' ');
    lua_getfield(L, -1, "left"); s = lua_tolstring(L, -1, &len);
    if (s) tifai_buf_add(b, s, len);
    lua_pop(L, 1);
    tifai_buf_adds(b, " " TIFA_MARK_OPEN);          /* «match» */
    lua_getfield(L, -1, "match"); s = lua_tolstring(L, -1, &len);
    if (s) tifai_buf_add(b, s, len);
    lua_pop(L, 1);
    tifai_buf_adds(b, TIFA_MARK_CLOSE " ");
    for (k = fieldwidth(L, "match"); k < wm; k++) tifai_buf_addc(b, ' ');
    lua_getfield(L, -1, "right"); s = lua_tolstring(L, -1, &len);
    if (s) tifai_buf_add(b, s, len);
    lua_pop(L, 2);
  }
  if (b->oom) return luaL_error(L, "not enough memory");
  lua_pushlstring(L, b->p ? b->p : "", b->len);
  return 1;
}

void tifai_lua_setkwicmeta (lua_State *L) {
  if (tifai_newmetatable(L, TIFA_KWICTYPE)) {
    lua_pushcfunction(L, kwic_tostring);
    lua_setfield(L, -2, "__tostring");
  }
  lua_setmetatable(L, -2);
}

static int kwic_aux (lua_State *L, int isarticle) {
  static const char *const sorts[] = {"article", "left", "right", NULL};
  const char *q = luaL_checkstring(L, 2);
  tifa_kwic_opts o;
  tifa_store *s;
  tifai_buf *box;
  size_t at = 0;
  lua_Integer n = 0;
  int rc, dbidx, cache;
  int64_t aid, shown = 0;
  checkopts(L, 3);
  lua_settop(L, 3);
  memset(&o, 0, sizeof(o));
  o.width = (int)optint(L, 3, "width", 15);
  if (o.width == 0) o.width = -1;                 /* 0: no context (the C default is 15) */
  if (o.width < 0) o.width = -1;
  o.sort = optchoice(L, 3, "sort", sorts, 0);
  o.limit = (long)optint(L, 3, "limit", 0);
  if (optbool(L, 3, "words")) o.flags |= TIFA_MATCH_WORDS;
  if (isarticle) {                                /* the set: this article */
    s = tifai_lua_checkarticle(L, 1, &aid);       /* aid: its shard's id, on a corpus */
    o.ids = &aid;
    o.nids = 1;
    dbidx = 0;
    lua_getfield(L, 1, "id");                     /* the id the article shows (a gid) */
    shown = (int64_t)lua_tointeger(L, -1);
    lua_pop(L, 1);
  }
  else s = callset(L, "kwic", &o.ids, &o.nids, &dbidx);
  box = tifai_lua_newbox(L);
  rc = tifa_kwic(s, q, &o, onkwic, box);
  if (rc == TIFA_NOMEM || box->oom) return luaL_error(L, "not enough memory");
  if (rc != TIFA_OK) return tifai_lua_storefail(L, s, rc);
  lua_newtable(L);
  cache = lua_gettop(L);
  lua_newtable(L);
  while (at < box->len) {
    lrec r;
    memcpy(&r, box->p + at, sizeof(r));
    at += sizeof(r);
    lua_createtable(L, 0, 10);
    if (isarticle) lua_pushvalue(L, 1);
    else tifai_lua_pusharticle(L, dbidx, r.id, cache);
    lua_setfield(L, -2, "article");
    lua_pushinteger(L, (lua_Integer)(isarticle ? shown : r.id)); lua_setfield(L, -2, "id");
    if (r.ld != (size_t)-1) {
      lua_pushlstring(L, box->p + at, r.ld); lua_setfield(L, -2, "date");
      at += r.ld;
    }
    lua_pushlstring(L, box->p + at, r.ll); lua_setfield(L, -2, "left");
    at += r.ll;
    lua_pushlstring(L, box->p + at, r.lm); lua_setfield(L, -2, "match");
    at += r.lm;
    lua_pushlstring(L, box->p + at, r.lr); lua_setfield(L, -2, "right");
    at += r.lr;
    lua_pushinteger(L, (lua_Integer)r.from + 1); lua_setfield(L, -2, "from");
    lua_pushinteger(L, (lua_Integer)r.to); lua_setfield(L, -2, "to");
    lua_pushinteger(L, (lua_Integer)r.para); lua_setfield(L, -2, "paragraph");
    lua_pushstring(L, r.title ? "title" : "text"); lua_setfield(L, -2, "field");
    lua_rawseti(L, -2, ++n);
  }
  tifai_lua_setkwicmeta(L);
  return 1;
}

static int db_kwic (lua_State *L) { return kwic_aux(L, 0); }
static int article_kwic (lua_State *L) { return kwic_aux(L, 1); }

/* }====== */

/* {====== timeline ====== */

static int onperiod (void *ud, const tifa_period *p) {
  lua_State *L = (lua_State *)ud;                 /* pushing cannot fail but by memory: */
  lua_Integer n = (lua_Integer)lua_rawlen(L, -1); /* an error then unwinds cleanly (no C */
  lua_createtable(L, 0, 3);                       /* memory is held by tifa_timeline's */
  lua_pushstring(L, p->period); lua_setfield(L, -2, "period");   /* caller but its own) */
  lua_pushinteger(L, (lua_Integer)p->count); lua_setfield(L, -2, "count");
  lua_pushinteger(L, (lua_Integer)p->articles); lua_setfield(L, -2, "articles");
  lua_rawseti(L, -2, n + 1);
  return 0;
}

int tifai_lua_onperiodbox (void *ud, const tifa_period *p) {
  tifai_buf *b = (tifai_buf *)ud;
  tifai_periodrec r;
  memset(&r, 0, sizeof(r));
  strncpy(r.period, p->period, sizeof(r.period) - 1);
  r.count = p->count;
  r.articles = p->articles;
  tifai_buf_add(b, &r, sizeof(r));
  return b->oom ? TIFA_NOMEM : 0;
}

/* db:timeline(query [, {by=, words=, <set>}]) */
static int db_timeline (lua_State *L) {
  static const char *const bys[] = {"month", "year", NULL};
  const char *q = luaL_optstring(L, 2, NULL);
  const int64_t *ids;
  size_t nids, at = 0;
  tifa_undated u;
  tifa_store *s;
  tifai_buf *box;
  int rc, dbidx, by, flags;
  lua_Integer n = 0;
  checkopts(L, 3);
  lua_settop(L, 3);
  by = optchoice(L, 3, "by", bys, 0);
  flags = optbool(L, 3, "words") ? TIFA_MATCH_WORDS : 0;
  s = callset(L, "timeline", &ids, &nids, &dbidx);
  box = tifai_lua_newbox(L);
  rc = tifa_timeline(s, q, flags, by, ids, nids, tifai_lua_onperiodbox, box, &u);
  if (rc == TIFA_NOMEM || box->oom) return luaL_error(L, "not enough memory");
  if (rc != TIFA_OK) return tifai_lua_storefail(L, s, rc);
  lua_newtable(L);
  while (at < box->len) {
    tifai_periodrec r;
    tifa_period p;
    memcpy(&r, box->p + at, sizeof(r));
    at += sizeof(r);
    p.period = r.period; p.count = r.count; p.articles = r.articles;
    onperiod(L, &p);
    n++;
  }
  lua_pushinteger(L, (lua_Integer)u.count); lua_setfield(L, -2, "undated");
  lua_pushinteger(L, (lua_Integer)u.articles); lua_setfield(L, -2, "undated_articles");
  lua_pushstring(L, bys[by]); lua_setfield(L, -2, "by");
  return 1;
}

/* }====== */

/* {====== dispersion ====== */

static int ondisp (void *ud, const tifa_dispersion_row *r) {
  tifai_buf *b = (tifai_buf *)ud;
  size_t pl = strlen(r->plot);
  int64_t h[4];
  h[0] = r->id; h[1] = r->nchars; h[2] = r->count; h[3] = (int64_t)pl;
  tifai_buf_add(b, h, sizeof(h));
  tifai_buf_add(b, r->from, (size_t)r->count * sizeof(int64_t));
  tifai_buf_add(b, r->plot, pl);
  return b->oom ? TIFA_NOMEM : 0;
}

static void pushmeasure (lua_State *L, double v, const char *k) {
  if (isnan(v)) return;
  lua_pushnumber(L, v);
  lua_setfield(L, -2, k);
}

/* db:dispersion(query [, {cells=, words=, <set>}]) */
static int db_dispersion (lua_State *L) {
  const char *q = luaL_checkstring(L, 2);
  const int64_t *ids;
  size_t nids, at = 0;
  tifa_dispersion_stats st;
  tifai_lua_stores S;
  tifai_buf *box;
  int rc, cache, flags, cells;
  lua_Integer n = 0;
  checkopts(L, 3);
  lua_settop(L, 3);
  flags = optbool(L, 3, "words") ? TIFA_MATCH_WORDS : 0;
  cells = (int)optint(L, 3, "cells", 50);
  luaL_argcheck(L, cells > 0 && cells <= 1000, 3, "'cells' out of range");
  (void)tifai_lua_tocorpus(L, 1);                /* self is checked first */
  ids = tifai_lua_articleset(L, 1, 3, &nids, "dispersion");     /* 4 */
  if (ids == NULL && tifai_lua_tocorpus(L, 1)) {  /* all of a corpus: the shards' parts merged */
    tifa_part_opts o;
    memset(&o, 0, sizeof(o));
    o.flags = flags;
    o.cells = cells;
    return tifai_corpus_dispersion(L, q, &o);
  }
  tifai_lua_pushstores(L, 1, &S);                 /* 5: the store, or the shards read as one */
  box = tifai_lua_newbox(L);
  rc = tifa_dispersion_stores(S.stores, S.bases, S.n, q, flags, ids, nids, cells, ondisp, box, &st);
  if (rc == TIFA_NOMEM || box->oom) return luaL_error(L, "not enough memory");
  if (rc != TIFA_OK) return tifai_lua_storefail(L, S.stores[0], rc);
  lua_newtable(L);
  cache = lua_gettop(L);
  lua_newtable(L);
  while (at < box->len) {
    int64_t h[4], j;
    memcpy(h, box->p + at, sizeof(h));
    at += sizeof(h);
    lua_createtable(L, 0, 7);
    tifai_lua_pusharticle(L, 1, h[0], cache); lua_setfield(L, -2, "article");
    lua_pushinteger(L, (lua_Integer)h[0]); lua_setfield(L, -2, "id");
    lua_pushinteger(L, (lua_Integer)h[1]); lua_setfield(L, -2, "nchars");
    lua_pushinteger(L, (lua_Integer)h[2]); lua_setfield(L, -2, "count");
    lua_createtable(L, (int)h[2], 0);
    lua_createtable(L, (int)h[2], 0);
    for (j = 0; j < h[2]; j++) {
      int64_t f;
      memcpy(&f, box->p + at + (size_t)j * sizeof(int64_t), sizeof(f));
      lua_pushinteger(L, (lua_Integer)f + 1); lua_rawseti(L, -2, j + 1);
      lua_pushnumber(L, h[1] > 0 ? (double)f / (double)h[1] : 0.0); lua_rawseti(L, -3, j + 1);
    }
    at += (size_t)h[2] * sizeof(int64_t);
    lua_setfield(L, -3, "from");
    lua_setfield(L, -2, "positions");
    lua_pushlstring(L, box->p + at, (size_t)h[3]); lua_setfield(L, -2, "plot");
    at += (size_t)h[3];
    lua_rawseti(L, -2, ++n);
  }
  lua_pushinteger(L, (lua_Integer)st.parts); lua_setfield(L, -2, "parts");
  lua_pushinteger(L, (lua_Integer)st.total); lua_setfield(L, -2, "total");
  lua_pushinteger(L, (lua_Integer)st.articles); lua_setfield(L, -2, "articles");
  pushmeasure(L, st.juilland_d, "juilland_d");
  pushmeasure(L, st.dp, "dp");
  pushmeasure(L, st.dp_norm, "dp_norm");
  return 1;
}

/* }====== */

/* {====== track ====== */

typedef struct LLex { tifa_lexicon *lx; } LLex;

static int lex_gc (lua_State *L) {
  LLex *x = (LLex *)luaL_checkudata(L, 1, TIFA_LEXICONTYPE);
  tifa_lexicon_free(x->lx);
  x->lx = NULL;
  return 0;
}

/* Push a lexicon holder (closed); returns it. [-0, +1, m] */
static LLex *newlex (lua_State *L) {
  LLex *x = (LLex *)lua_newuserdatauv(L, sizeof(LLex), 0);
  x->lx = NULL;
  if (tifai_newmetatable(L, TIFA_LEXICONTYPE)) {
    lua_pushcfunction(L, lex_gc);
    lua_setfield(L, -2, "__gc");
  }
  lua_setmetatable(L, -2);
  return x;
}

/* Is the string a lexicon file's name rather than a formulation? */
static int isfilename (const char *s, size_t len) {
  return strchr(s, '/') != NULL || (len > 4 && strcmp(s + len - 4, ".txt") == 0);
}

typedef struct mrec {               /* a match in the box, then its date and variant */
  int64_t id, from, to, para;
  uint32_t fi, fo;
  int title, exact;
  size_t ld, lv;                    /* date length ((size_t)-1: none), variant length */
} mrec;

static int ontrack (void *ud, const tifa_track_match *m) {
  tifai_buf *b = (tifai_buf *)ud;
  mrec r;
  r.id = m->id; r.from = m->from; r.to = m->to; r.para = m->paragraph;
  r.fi = (uint32_t)m->formulation; r.fo = (uint32_t)m->form;
  r.title = m->title; r.exact = m->exact;
  r.ld = m->date ? strlen(m->date) : (size_t)-1;
  r.lv = m->variant_len;
  tifai_buf_add(b, &r, sizeof(r));
  if (m->date) tifai_buf_add(b, m->date, r.ld);
  tifai_buf_add(b, m->variant, r.lv);
  return b->oom ? TIFA_NOMEM : 0;
}

typedef struct gidbox { tifai_buf *b; int shard; } gidbox;

static int ontrackgid (void *ud, const tifa_track_match *m) {   /* the id made the gid */
  gidbox *g = (gidbox *)ud;
  tifa_track_match x = *m;
  x.id = TIFA_SHARD_ID(g->shard, m->id);
  return ontrack(g->b, &x);
}

/* tifa_track on each shard's share of the set of gids ids[0..n) (sorted: grouped by shard) of
** the corpus at 1, one shard after another, the matches with gids into 'b': in the order
** tifa_track gives them, which the sort below does not need. On failure '*fs' is the store
** that failed. [-0, +0, m] */
static int trackshares (lua_State *L, const tifa_formulation *f, size_t nf, int flags,
                        const int64_t *ids, size_t n, tifai_buf *b, tifa_store **fs) {
  LDb *d = tifai_lua_todb(L, 1);
  int64_t *loc = (int64_t *)lua_newuserdatauv(L, (n ? n : 1) * sizeof(int64_t), 0);
  size_t i = 0;
  int k, rc = TIFA_OK;
  gidbox g;
  g.b = b;
  for (k = 1; k <= d->n && rc == TIFA_OK; k++) {
    size_t lo;
    while (i < n && TIFA_SHARD_OF(ids[i]) < k) i++;   /* not of the corpus: left out */
    for (lo = i; i < n && TIFA_SHARD_OF(ids[i]) == k; i++) loc[i] = TIFA_SHARD_LOCAL(ids[i]);
    if (i == lo) continue;
    g.shard = k;
    *fs = d->rd[k - 1];
    rc = tifa_track(d->rd[k - 1], f, nf, flags, loc + lo, i - lo, ontrackgid, &g);
  }
  lua_pop(L, 1);                                  /* the local ids */
  return rc;
}

typedef struct mref { mrec r; const char *date, *variant; } mref;  /* r copied out: the box packs records unaligned */

static int cmpmref (const void *a, const void *b) {
  const mrec *x = &((const mref *)a)->r, *y = &((const mref *)b)->r;
  if (x->fi != y->fi) return x->fi < y->fi ? -1 : 1;
  if (x->id != y->id) return x->id < y->id ? -1 : 1;
  if (x->title != y->title) return x->title ? -1 : 1;
  if (x->from != y->from) return x->from < y->from ? -1 : 1;
  return (x->to < y->to) - (x->to > y->to);       /* the longer first */
}

/* A full date (YYYY-...) compares as a date; others do not. */
static int dated (const char *d) {
  return d && d[0] >= '0' && d[0] <= '9';
}

/* Push {id=, date=, article=} for the match 'm'. */
static void pushwhen (lua_State *L, int dbidx, int cache, const mref *m) {
  lua_createtable(L, 0, 3);
  lua_pushinteger(L, (lua_Integer)m->r.id); lua_setfield(L, -2, "id");
  if (m->date) { lua_pushstring(L, m->date); lua_setfield(L, -2, "date"); }
  tifai_lua_pusharticle(L, dbidx, m->r.id, cache); lua_setfield(L, -2, "article");
}

typedef struct percount { int64_t id, count; } percount;

static int cmpper (const void *a, const void *b) {
  const percount *x = (const percount *)a, *y = (const percount *)b;
  if (x->count != y->count) return x->count > y->count ? -1 : 1;
  return (x->id > y->id) - (x->id < y->id);
}

/* The period of a date: "YYYY-MM" (by month) or "YYYY", into 'out'; 0 if it has none. */
static int periodof (const char *d, int byyear, char *out) {
  int i;
  if (!dated(d)) return 0;
  for (i = 0; i < 4; i++) if (d[i] < '0' || d[i] > '9') return 0;
  if (byyear) { memcpy(out, d, 4); out[4] = '\0'; return 1; }
  if (d[4] != '-' || d[5] < '0' || d[5] > '1' || d[6] < '0' || d[6] > '9') return 0;
  memcpy(out, d, 7); out[7] = '\0';
  return 1;
}

static void nextperiod (char *p, int byyear) {
  int y = atoi(p) % 10000, m = byyear ? 0 : atoi(p + 5) % 100;
  char t[32];
  if (byyear) snprintf(t, sizeof(t), "%04d", (y + 1) % 10000);
  else if (m >= 12) snprintf(t, sizeof(t), "%04d-01", (y + 1) % 10000);
  else snprintf(t, sizeof(t), "%04d-%02d", y, m + 1);
  memcpy(p, t, 8);
  p[7] = byyear ? p[7] : '\0';
}

/* Push the result of formulation 'f' from its matches v[0..n) (sorted). [-0, +1, e] */
static void pushresult (lua_State *L, const tifa_formulation *f, const mref *v, size_t n,
                        int dbidx, int cache, int byyear, int withmatches, percount *per) {
  size_t i, k = 0, np = 0, first = (size_t)-1, last = (size_t)-1;
  char lo[8] = "", hi[8] = "", p[8];
  lua_createtable(L, 0, 12);
  lua_pushstring(L, f->label); lua_setfield(L, -2, "formulation");
  lua_createtable(L, (int)f->nforms, 0);
  for (i = 0; i < f->nforms; i++) { lua_pushstring(L, f->forms[i]); lua_rawseti(L, -2, (lua_Integer)i + 1); }
  lua_setfield(L, -2, "forms");
  lua_pushinteger(L, (lua_Integer)n); lua_setfield(L, -2, "total");
  lua_newtable(L);                                /* variants */
  if (withmatches) lua_createtable(L, (int)n, 0); /* matches */
  for (i = 0; i < n; i++) {
    const mrec *r = &v[i].r;
    lua_pushlstring(L, v[i].variant, r->lv);
    lua_pushvalue(L, -1);
    lua_rawget(L, withmatches ? -4 : -3);
    lua_pushinteger(L, lua_tointeger(L, -1) + 1);
    lua_remove(L, -2);
    lua_rawset(L, withmatches ? -4 : -3);
    if (withmatches) {
      lua_createtable(L, 0, 8);
      lua_pushinteger(L, (lua_Integer)r->id); lua_setfield(L, -2, "id");
      lua_pushinteger(L, (lua_Integer)r->from + 1); lua_setfield(L, -2, "from");
      lua_pushinteger(L, (lua_Integer)r->to); lua_setfield(L, -2, "to");
      lua_pushlstring(L, v[i].variant, r->lv); lua_setfield(L, -2, "text");
      lua_pushinteger(L, (lua_Integer)r->para); lua_setfield(L, -2, "paragraph");
      lua_pushstring(L, r->title ? "title" : "text"); lua_setfield(L, -2, "field");
      lua_pushboolean(L, r->exact); lua_setfield(L, -2, "exact");
      lua_pushstring(L, f->forms[r->fo]); lua_setfield(L, -2, "form");
      lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    if (np == 0 || per[np - 1].id != r->id) { per[np].id = r->id; per[np].count = 0; np++; }
    per[np - 1].count++;
    if (dated(v[i].date)) {
      if (first == (size_t)-1 || strcmp(v[i].date, v[first].date) < 0) first = i;
      if (last == (size_t)-1 || strcmp(v[i].date, v[last].date) >= 0) last = i;
    }
    if (periodof(v[i].date, byyear, p)) {
      if (!lo[0] || strcmp(p, lo) < 0) strcpy(lo, p);
      if (!hi[0] || strcmp(p, hi) > 0) strcpy(hi, p);
    }
  }
  if (withmatches) lua_setfield(L, -3, "matches");
  lua_setfield(L, -2, "variants");
  lua_pushinteger(L, (lua_Integer)np); lua_setfield(L, -2, "articles");
  if (first == (size_t)-1 && n > 0) { first = 0; last = n - 1; }    /* no dates: by id */
  if (first != (size_t)-1) {
    pushwhen(L, dbidx, cache, &v[first]); lua_setfield(L, -2, "first");
    pushwhen(L, dbidx, cache, &v[last]); lua_setfield(L, -2, "last");
  }
  lua_newtable(L);                                /* months (or years), zeros included */
  if (lo[0]) {
    lua_Integer m = 0;
    strcpy(p, lo);
    for (;;) {
      int64_t c = 0;
      for (i = 0; i < n; i++) {
        char q[8];
        if (periodof(v[i].date, byyear, q) && strcmp(q, p) == 0) c++;
      }
      lua_createtable(L, 0, 2);
      lua_pushstring(L, p); lua_setfield(L, -2, "period");
      lua_pushinteger(L, (lua_Integer)c); lua_setfield(L, -2, "count");
      lua_rawseti(L, -2, ++m);
      if (strcmp(p, hi) >= 0 || m > 100000) break;
      nextperiod(p, byyear);
    }
  }
  lua_setfield(L, -2, byyear ? "years" : "months");
  qsort(per, np, sizeof(percount), cmpper);
  lua_createtable(L, (int)np, 0);
  for (k = 0; k < np; k++) {
    lua_createtable(L, 0, 3);
    lua_pushinteger(L, (lua_Integer)per[k].id); lua_setfield(L, -2, "id");
    lua_pushinteger(L, (lua_Integer)per[k].count); lua_setfield(L, -2, "count");
    tifai_lua_pusharticle(L, dbidx, per[k].id, cache); lua_setfield(L, -2, "article");
    lua_rawseti(L, -2, (lua_Integer)k + 1);
  }
  lua_setfield(L, -2, "per");
}

typedef struct fres { size_t fi, first, n; lua_Integer articles; } fres;

static int cmpfres (const void *a, const void *b) {   /* articles desc, total desc, order */
  const fres *x = (const fres *)a, *y = (const fres *)b;
  if (x->articles != y->articles) return x->articles > y->articles ? -1 : 1;
  if (x->n != y->n) return x->n > y->n ? -1 : 1;
  return (x->fi > y->fi) - (x->fi < y->fi);
}

/* db:track([formulations [, {min_articles=, by=, matches=, words=, <set>}]]) */
static int db_track (lua_State *L) {
  static const char *const bys[] = {"month", "year", NULL};
  char err[TIFA_ERRMAX];
  const int64_t *ids;
  size_t nids, nf, i, at = 0, nrec, j;
  const tifa_formulation *fs;
  const char *lexicon = NULL;                     /* a corpus's: the text (NULL: built in) */
  tifa_store *s;
  tifai_buf *box;
  LLex *lx;
  mref *v;
  percount *per;
  int rc, dbidx, cache, flags, byyear, builtin = lua_isnoneornil(L, 2), withmatches, corpus;
  lua_Integer minart, n = 0;
  checkopts(L, 3);
  lua_settop(L, 3);
  byyear = optchoice(L, 3, "by", bys, 0);
  flags = optbool(L, 3, "words") ? TIFA_MATCH_WORDS : 0;
  minart = optint(L, 3, "min_articles", builtin ? 2 : 0);
  withmatches = 1;
  if (lua_istable(L, 3)) {
    if (lua_getfield(L, 3, "matches") != LUA_TNIL) withmatches = lua_toboolean(L, -1);
    lua_pop(L, 1);
  }
  corpus = tifai_lua_tocorpus(L, 1) != NULL;
  if (corpus) {                                        /* 4: db, 5: set (gids), as below */
    s = NULL;
    lua_pushvalue(L, 1);
    dbidx = 4;
    ids = tifai_lua_articleset(L, 1, 3, &nids, "track");
  }
  else s = callset(L, "track", &ids, &nids, &dbidx);   /* 4: db, 5: set */
  lx = newlex(L);                                      /* 6 */
  if (builtin) rc = tifa_lexicon_builtin(&lx->lx);
  else {
    luaL_Buffer b;
    size_t len;
    const char *lexpath = NULL;                   /* the lexicon's file, if a file */
    int t = lua_type(L, 2);
    luaL_argexpected(L, t == LUA_TSTRING || t == LUA_TTABLE, 2, "string or table");
    if (t == LUA_TSTRING && isfilename(lua_tostring(L, 2), lua_rawlen(L, 2))) {
      const char *path = lexpath = lua_tostring(L, 2);
      FILE *fp = fopen(path, "rb");
      size_t got;
      if (fp == NULL) {
        luaL_pushfail(L);
        lua_pushfstring(L, "cannot open lexicon '%s' (%s)", path, strerror(errno));
        return 2;
      }
      luaL_buffinit(L, &b);                       /* fp is not closed if this raises: rare */
      do {
        char *p = luaL_prepbuffer(&b);
        got = fread(p, 1, LUAL_BUFFERSIZE, fp);
        luaL_addsize(&b, got);
      } while (got == LUAL_BUFFERSIZE);
      fclose(fp);
      luaL_pushresult(&b);
    }
    else if (t == LUA_TSTRING) lua_pushvalue(L, 2);
    else {
      lua_Integer k, m = luaL_len(L, 2);
      luaL_buffinit(L, &b);
      for (k = 1; k <= m; k++) {
        lua_geti(L, 2, k);
        if (lua_type(L, -1) != LUA_TSTRING)
          return luaL_argerror(L, 2, lua_pushfstring(L, "string expected at index %d, got %s",
                                                     (int)k, luaL_typename(L, -1)));
        luaL_addvalue(&b);
        luaL_addchar(&b, '\n');
      }
      luaL_pushresult(&b);
    }
    {
      const char *text = lua_tolstring(L, -1, &len);
      rc = tifa_lexicon_parse(text, len, &lx->lx, err, sizeof(err));
    }
    if (rc == TIFA_SYNTAX && lexpath)
      return luaL_argerror(L, 2, lua_pushfstring(L, "bad lexicon '%s' (%s)", lexpath, err));
    if (rc == TIFA_SYNTAX) return luaL_argerror(L, 2, lua_pushfstring(L, "bad lexicon (%s)", err));
    if (corpus && ids == NULL) lexicon = lua_tostring(L, -1);   /* 7, for the parts */
    else lua_pop(L, 1);
  }
  if (rc != TIFA_OK) return luaL_error(L, "not enough memory");
  if (corpus && ids == NULL) {                  /* the parts, which parse the same text */
    tifa_part_opts o;
    memset(&o, 0, sizeof(o));
    o.flags = flags;
    o.by = byyear ? TIFA_BY_YEAR : TIFA_BY_MONTH;
    o.min_articles = minart > 0 ? (long)minart : 0;     /* < 0 gives what 0 gives */
    o.matches = withmatches;
    return tifai_corpus_track(L, lexicon, &o);
  }
  fs = tifa_lexicon_formulations(lx->lx, &nf);
  box = tifai_lua_newbox(L);                           /* 7 */
  if (corpus) rc = trackshares(L, fs, nf, flags, ids, nids, box, &s);
  else rc = tifa_track(s, fs, nf, flags, ids, nids, ontrack, box);
  if (rc == TIFA_NOMEM || box->oom) return luaL_error(L, "not enough memory");
  if (rc == TIFA_ERROR) return luaL_argerror(L, 2, tifa_store_errmsg(s));
  if (rc != TIFA_OK) return tifai_lua_storefail(L, s, rc);
  for (nrec = 0, at = 0; at < box->len; nrec++) {      /* index the records, then sort */
    mrec r;
    memcpy(&r, box->p + at, sizeof(r));
    at += sizeof(r) + (r.ld == (size_t)-1 ? 0 : r.ld) + r.lv;
  }
  v = (mref *)lua_newuserdatauv(L, (nrec ? nrec : 1) * sizeof(mref), 0);          /* 8 */
  per = (percount *)lua_newuserdatauv(L, (nrec ? nrec : 1) * sizeof(percount), 0);  /* 9 */
  for (i = 0, at = 0; at < box->len; i++) {
    char *d;
    memcpy(&v[i].r, box->p + at, sizeof(mrec));
    at += sizeof(mrec);
    d = v[i].r.ld == (size_t)-1 ? NULL : box->p + at;
    at += v[i].r.ld == (size_t)-1 ? 0 : v[i].r.ld;
    v[i].variant = box->p + at;
    at += v[i].r.lv;
    v[i].date = d;
  }
  lua_newtable(L);                                     /* 10: article cache */
  cache = lua_gettop(L);
  for (i = 0; i < nrec; i++) {                          /* dates as strings: copy out, NUL */
    if (v[i].date) {
      lua_pushlstring(L, v[i].date, v[i].r.ld);       /* interned, kept in the cache table */
      v[i].date = lua_tostring(L, -1);
      lua_pushvalue(L, -1);
      lua_rawset(L, cache);
    }
  }
  qsort(v, nrec, sizeof(mref), cmpmref);
  {                                                    /* drop a match inside the one before */
    size_t k = 0;
    for (i = 0; i < nrec; i++) {
      if (k > 0 && v[k - 1].r.fi == v[i].r.fi && v[k - 1].r.id == v[i].r.id
          && v[k - 1].r.title == v[i].r.title && v[i].r.from < v[k - 1].r.to) continue;
      v[k++] = v[i];
    }
    nrec = k;
  }
  {                                                    /* which to push, in which order */
    fres *fr = (fres *)lua_newuserdatauv(L, (nf ? nf : 1) * sizeof(fres), 0);   /* 11 */
    size_t nr = 0;
    for (i = 0, j = 0; i < nf; i++) {
      size_t e = j, x;
      lua_Integer arts = 0;
      while (e < nrec && v[e].r.fi == i) e++;
      for (x = j; x < e; x++) if (x == j || v[x].r.id != v[x - 1].r.id) arts++;
      if (arts >= minart && (e > j || minart <= 0)) {
        fr[nr].fi = i; fr[nr].first = j; fr[nr].n = e - j; fr[nr].articles = arts;
        nr++;
      }
      j = e;
    }
    if (builtin) qsort(fr, nr, sizeof(fres), cmpfres);
    lua_createtable(L, (int)nr, 0);
    for (i = 0; i < nr; i++) {
      pushresult(L, &fs[fr[i].fi], v + fr[i].first, fr[i].n, dbidx, cache, byyear, withmatches, per);
      lua_rawseti(L, -2, ++n);
    }
  }
  return 1;
}

/* }====== */

const luaL_Reg tifai_track_db[] = {
  {"kwic", db_kwic}, {"timeline", db_timeline}, {"dispersion", db_dispersion},
  {"track", db_track},
  {NULL, NULL}
};

const luaL_Reg tifai_track_article[] = {
  {"kwic", article_kwic},
  {NULL, NULL}
};
