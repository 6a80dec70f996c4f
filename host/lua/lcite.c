/*
** lcite.c -- quotations by speaker and the citation graph, as methods of db and articles
** (tifa_cite.h; docs/analytics-cite.md):
**   db:quotes([set or opts]) -> {{speaker, text, count, articles, first, quotes}, ...}
**   db:citations([set or opts]) -> {documents, edges, nodes, directed, self}  (a tifa.graph graph)
**   a:quotes([opts]), a:citations([opts]): the same for one article
** Positions are 1-based inclusive characters of the article's text ('from', 'to').
** On a corpus of shards (tifa.open(DIR)) each reads every shard at once
** (tifa_cite_quotes_stores, ...): groups and documents span the shards, ids are its ids,
** and the answer is the one a single store holding the same files gives.
*/
#define LUA_LIB
#include <string.h>
#include "lua.h"
#include "lauxlib.h"
#include "lsandbox.h"
#include "tifa.h"
#include "tifa_cite.h"
#include "lanalytics.h"

/* {====== Results owned by the collector ====== */

#define TIFA_QUOTES     "tifa.cite.quotes"
#define TIFA_CITATIONS  "tifa.cite.citations"

static int quotes_gc (lua_State *L) {
  tifa_quotes **p = (tifa_quotes **)luaL_checkudata(L, 1, TIFA_QUOTES);
  tifa_quotes_free(*p);
  *p = NULL;
  return 0;
}

static int citations_gc (lua_State *L) {
  tifa_citations **p = (tifa_citations **)luaL_checkudata(L, 1, TIFA_CITATIONS);
  tifa_citations_free(*p);
  *p = NULL;
  return 0;
}

/* Push a holder for a C result, freed by __gc, and return where the result goes. [-0, +1, m] */
static void **newholder (lua_State *L, const char *tname, lua_CFunction gc) {
  void **p = (void **)lua_newuserdatauv(L, sizeof(void *), 0);
  *p = NULL;
  if (tifai_newmetatable(L, tname)) {
    lua_pushcfunction(L, gc);
    lua_setfield(L, -2, "__gc");
  }
  lua_setmetatable(L, -2);
  return p;
}

/* }====== */

/* {====== Options ====== */

/* Field 'k' of the table at 'arg' (if it is a table that is not an article or a list) as a
** non-negative integer, or 'def'. [-0, +0, v] */
static lua_Integer optint (lua_State *L, int arg, const char *k, lua_Integer def, const char *fname) {
  lua_Integer v = def;
  if (lua_type(L, arg) != LUA_TTABLE) return def;
  if (lua_getfield(L, arg, k) != LUA_TNIL) {
    int ok;
    v = lua_tointegerx(L, -1, &ok);
    if (!ok || v < 0) {
      lua_pushfstring(L, "'%s' must be a non-negative integer, got %s", k,
                      ok ? "a negative number" : luaL_typename(L, -2));
      luaL_argerror(L, arg, lua_tostring(L, -1));
    }
  }
  lua_pop(L, 1);
  (void)fname;
  return v;
}

static int optflag (lua_State *L, int arg, const char *k) {
  int v;
  if (lua_type(L, arg) != LUA_TTABLE) return 0;
  lua_getfield(L, arg, k);
  v = lua_toboolean(L, -1);
  lua_pop(L, 1);
  return v;
}

/* Field 'k' as a string (kept alive by the table), or NULL. [-0, +0, v] */
static const char *optstr (lua_State *L, int arg, const char *k) {
  const char *s = NULL;
  if (lua_type(L, arg) != LUA_TTABLE) return NULL;
  if (lua_getfield(L, arg, k) == LUA_TSTRING) s = lua_tostring(L, -1);
  else if (!lua_isnil(L, -1)) {
    lua_pushfstring(L, "'%s' must be a string, got %s", k, luaL_typename(L, -1));
    luaL_argerror(L, arg, lua_tostring(L, -1));
  }
  lua_pop(L, 1);
  return s;
}

/* }====== */

/* {====== Quotations ====== */

static void setint (lua_State *L, const char *k, lua_Integer v) {
  lua_pushinteger(L, v);
  lua_setfield(L, -2, k);
}
static void setstr (lua_State *L, const char *k, const char *v) {
  if (v == NULL) return;
  lua_pushstring(L, v);
  lua_setfield(L, -2, k);
}

/* Push the article 'id': the one at 'self' (an article method), or from the db at 'dbidx'
** through the cache at 'cache'. [-0, +1, e] */
static void pushart (lua_State *L, int self, int dbidx, int64_t id, int cache) {
  if (self) lua_pushvalue(L, self);
  else tifai_lua_pusharticle(L, dbidx, id, cache);
}

/* Push the groups of 'q' as a list. [-0, +1, e] */
static void pushquotes (lua_State *L, const tifa_quotes *q, int self, int dbidx, int cache) {
  size_t i, j, n = tifa_quotes_count(q);
  lua_createtable(L, (int)n, 0);
  for (i = 0; i < n; i++) {
    const tifa_quote_group *g = tifa_quotes_group(q, i);
    lua_createtable(L, 0, 7);
    setstr(L, "speaker", g->speaker);
    setstr(L, "text", g->text);
    setint(L, "count", (lua_Integer)g->count);
    setint(L, "articles", (lua_Integer)g->narticles);
    lua_createtable(L, 0, 2);                            /* first = {id, date} */
    setint(L, "id", g->first_article);
    setstr(L, "date", g->first_date);
    lua_setfield(L, -2, "first");
    lua_createtable(L, (int)g->count, 0);
    for (j = 0; j < g->count; j++) {
      const tifa_quote_use *u = &g->uses[j];
      lua_createtable(L, 0, 8);
      setint(L, "id", u->article);
      pushart(L, self, dbidx, u->article, cache);
      lua_setfield(L, -2, "article");
      setint(L, "from", (lua_Integer)u->start + 1);
      setint(L, "to", (lua_Integer)u->end);
      setint(L, "paragraph", (lua_Integer)u->paragraph);
      setstr(L, "text", u->text);
      setstr(L, "speaker_as_written", u->speaker);
      lua_pushboolean(L, u->attributed);
      lua_setfield(L, -2, "attributed");
      lua_rawseti(L, -2, (lua_Integer)j + 1);
    }
    lua_setfield(L, -2, "quotes");
    lua_rawseti(L, -2, (lua_Integer)i + 1);
  }
}

/* The options of quotes from the table at 'arg' (if any) into 'o'. [-0, +0, v] */
static void quoteopts (lua_State *L, int arg, tifa_quote_opts *o) {
  memset(o, 0, sizeof(*o));
  o->speaker = optstr(L, arg, "speaker");
  o->min_articles = (size_t)optint(L, arg, "min_articles", 1, "quotes");
  o->min_chars = (size_t)optint(L, arg, "min_chars", 4, "quotes");
  o->unattributed = optflag(L, arg, "unattributed");
}

/* db:quotes([set or opts]) */
static int db_quotes (lua_State *L) {
  tifai_lua_stores S;
  size_t nids;
  const int64_t *ids;
  tifa_quote_opts o;
  tifa_quotes **res;
  int rc;
  lua_settop(L, 2);
  tifai_lua_pushstores(L, 1, &S);                        /* 3 */
  quoteopts(L, 2, &o);
  ids = tifai_lua_articleset(L, 1, 2, &nids, "quotes");
  res = (tifa_quotes **)newholder(L, TIFA_QUOTES, quotes_gc);
  rc = tifa_cite_quotes_stores(S.stores, S.bases, S.n, ids, nids, &o, res);
  if (rc != TIFA_OK) return tifai_lua_storefail(L, S.stores[0], rc);
  lua_newtable(L);                                       /* article cache */
  pushquotes(L, *res, 0, 1, lua_gettop(L));
  return 1;
}

/* The store of the article at 'idx' and its id in its db ('*id': a corpus's gid), with the
** base of the store's ids in '*base' (0 for a store). [-0, +0, v] */
static tifa_store *checkarticle (lua_State *L, int idx, int64_t *id, int64_t *base) {
  int64_t local;
  tifa_store *s = tifai_lua_checkarticle(L, idx, &local);
  lua_getfield(L, idx, "id");
  *id = lua_isinteger(L, -1) ? (int64_t)lua_tointeger(L, -1) : local;
  lua_pop(L, 1);
  *base = *id - local;
  return s;
}

/* a:quotes([opts]) */
static int article_quotes (lua_State *L) {
  int64_t id, base;
  tifa_store *s = checkarticle(L, 1, &id, &base);
  tifa_quote_opts o;
  tifa_quotes **res;
  int rc;
  lua_settop(L, 2);
  if (!lua_isnoneornil(L, 2)) luaL_checktype(L, 2, LUA_TTABLE);
  quoteopts(L, 2, &o);
  res = (tifa_quotes **)newholder(L, TIFA_QUOTES, quotes_gc);
  rc = tifa_cite_quotes_stores(&s, &base, 1, &id, 1, &o, res);
  if (rc != TIFA_OK) return tifai_lua_storefail(L, s, rc);
  pushquotes(L, *res, 1, 0, 0);
  return 1;
}

/* }====== */

/* {====== Citations ====== */

static const char *const hownames[] = {"full", "defined", "article", "unresolved", "self"};

/* t.label = s cut into lines of at most 'w' characters, t at 'idx'. [-0, +0, m] */
static void setlabel (lua_State *L, int idx, const char *s, int w) {
  luaL_Buffer b;
  int n = 0;
  idx = lua_absindex(L, idx);
  luaL_buffinit(L, &b);
  for (; *s; s++) {
    if (((unsigned char)*s & 0xC0) != 0x80) {            /* a character starts */
      if (n > 0 && n % w == 0) luaL_addchar(&b, '\n');
      n++;
    }
    luaL_addchar(&b, *s);
  }
  luaL_pushresult(&b);
  lua_setfield(L, idx, "label");
}

/* Push the citation 'v' as {from, to, [1], [2], paragraph, text, how}. [-0, +1, m] */
static void pushuse (lua_State *L, const tifa_cite_use *v) {
  lua_createtable(L, 2, 5);
  lua_pushinteger(L, (lua_Integer)v->start + 1);
  lua_pushvalue(L, -1);
  lua_rawseti(L, -3, 1);
  lua_setfield(L, -2, "from");
  lua_pushinteger(L, (lua_Integer)v->end);
  lua_pushvalue(L, -1);
  lua_rawseti(L, -3, 2);
  lua_setfield(L, -2, "to");
  setint(L, "paragraph", (lua_Integer)v->paragraph);
  setstr(L, "text", v->as_written);
  setstr(L, "how", hownames[v->how]);
}

/* Push the self-references of 'c' as a list of {id, article, title, kind, count, offsets}.
** [-0, +1, e] */
static void pushself (lua_State *L, const tifa_citations *c, int self, int dbidx, int cache) {
  size_t i, j, n = tifa_citations_nself(c);
  lua_createtable(L, (int)n, 0);
  for (i = 0; i < n; i++) {
    const tifa_cite_self *t = tifa_citations_self(c, i);
    lua_createtable(L, 0, 6);
    setint(L, "id", t->article);
    pushart(L, self, dbidx, t->article, cache);
    lua_setfield(L, -2, "article");
    setstr(L, "title", t->title);
    setstr(L, "kind", t->kind);
    setint(L, "count", (lua_Integer)t->count);
    lua_createtable(L, (int)t->count, 0);
    for (j = 0; j < t->count; j++) {
      pushuse(L, &t->uses[j]);
      lua_rawseti(L, -2, (lua_Integer)j + 1);
    }
    lua_setfield(L, -2, "offsets");
    lua_rawseti(L, -2, (lua_Integer)i + 1);
  }
}

/* Push the citation graph of 'c': documents (the first 'top', cited by at least 'min'
** articles), edges, nodes, and the self-references apart ('self'). [-0, +1, e] */
static void pushcitations (lua_State *L, const tifa_citations *c, size_t top, size_t min,
                           int self, int dbidx, int cache) {
  size_t i, j, k, n = tifa_citations_count(c), nd = 0, ne = 0;
  int base;
  lua_createtable(L, 0, 5);
  base = lua_gettop(L);
  lua_newtable(L);                                       /* base+1: documents */
  lua_newtable(L);                                       /* base+2: edges */
  lua_newtable(L);                                       /* base+3: nodes */
  lua_newtable(L);                                       /* base+4: article nodes made */
  for (i = 0; i < n && (top == 0 || nd < top); i++) {
    const tifa_cite_doc *d = tifa_citations_doc(c, i);
    if (d->narticles < min) continue;
    lua_createtable(L, 0, 8);                            /* the document */
    setstr(L, "title", d->title);
    setstr(L, "kind", d->kind);
    setstr(L, "docno", d->docno);
    lua_pushboolean(L, d->resolved);
    lua_setfield(L, -2, "resolved");
    setint(L, "count", (lua_Integer)d->count);
    setint(L, "narticles", (lua_Integer)d->narticles);
    lua_createtable(L, (int)d->naliases, 0);
    for (j = 0; j < d->naliases; j++) {
      lua_pushstring(L, d->aliases[j]);
      lua_rawseti(L, -2, (lua_Integer)j + 1);
    }
    lua_setfield(L, -2, "aliases");
    lua_createtable(L, 0, 3);                            /* its node */
    setstr(L, "id", d->title);
    setlabel(L, -1, d->title, 14);
    setstr(L, "kind", d->kind);
    lua_rawseti(L, base + 3, (lua_Integer)lua_rawlen(L, base + 3) + 1);
    lua_createtable(L, (int)d->narticles, 0);            /* articles = {{id, article, count, offsets}} */
    for (j = 0, k = 0; j < d->count; j = k) {
      const tifa_cite_use *u = &d->uses[j];
      size_t m;
      lua_createtable(L, 0, 4);
      setint(L, "id", u->article);
      pushart(L, self, dbidx, u->article, cache);
      if (lua_rawgeti(L, base + 4, u->article) == LUA_TNIL) {   /* the article's node, once */
        lua_createtable(L, 0, 3);
        setint(L, "id", u->article);
        lua_getfield(L, -3, "title");
        if (lua_isstring(L, -1)) {
          const char *t = lua_tostring(L, -1);
          lua_pushfstring(L, "#%I %s", (LUAI_UACINT)u->article, t);
          lua_remove(L, -2);
          setlabel(L, -2, lua_tostring(L, -1), 14);
        }
        lua_pop(L, 1);
        lua_pushliteral(L, "article");
        lua_setfield(L, -2, "kind");
        lua_rawseti(L, base + 3, (lua_Integer)lua_rawlen(L, base + 3) + 1);
        lua_pushboolean(L, 1);
        lua_rawseti(L, base + 4, u->article);
      }
      lua_pop(L, 1);
      lua_setfield(L, -2, "article");
      for (k = j; k < d->count && d->uses[k].article == u->article; k++) ;
      setint(L, "count", (lua_Integer)(k - j));
      lua_createtable(L, (int)(k - j), 0);
      for (m = j; m < k; m++) {
        pushuse(L, &d->uses[m]);
        lua_rawseti(L, -2, (lua_Integer)(m - j) + 1);
      }
      lua_setfield(L, -2, "offsets");
      lua_rawseti(L, -2, (lua_Integer)lua_rawlen(L, -2) + 1);
      lua_createtable(L, 0, 4);                          /* the edge article -> document */
      setint(L, "from", u->article);
      setstr(L, "to", d->title);
      setint(L, "count", (lua_Integer)(k - j));
      setint(L, "weight", (lua_Integer)(k - j));
      lua_rawseti(L, base + 2, (lua_Integer)++ne);
    }
    lua_setfield(L, -2, "articles");
    lua_rawseti(L, base + 1, (lua_Integer)++nd);
  }
  lua_pop(L, 1);
  lua_setfield(L, base, "nodes");
  lua_setfield(L, base, "edges");
  lua_setfield(L, base, "documents");
  lua_pushboolean(L, 1);
  lua_setfield(L, base, "directed");
  pushself(L, c, self, dbidx, cache);
  lua_setfield(L, base, "self");
}

/* db:citations([set or opts]) */
static int db_citations (lua_State *L) {
  tifai_lua_stores S;
  size_t nids, top, min;
  const int64_t *ids;
  tifa_citations **res;
  int rc;
  lua_settop(L, 2);
  tifai_lua_pushstores(L, 1, &S);                        /* 3 */
  top = (size_t)optint(L, 2, "top", 0, "citations");
  min = (size_t)optint(L, 2, "min_articles", 1, "citations");
  ids = tifai_lua_articleset(L, 1, 2, &nids, "citations");
  res = (tifa_citations **)newholder(L, TIFA_CITATIONS, citations_gc);
  rc = tifa_cite_citations_stores(S.stores, S.bases, S.n, ids, nids, res);
  if (rc != TIFA_OK) return tifai_lua_storefail(L, S.stores[0], rc);
  lua_newtable(L);                                       /* article cache */
  pushcitations(L, *res, top, min, 0, 1, lua_gettop(L));
  return 1;
}

/* a:citations([opts]) */
static int article_citations (lua_State *L) {
  int64_t id, base;
  tifa_store *s = checkarticle(L, 1, &id, &base);
  tifa_citations **res;
  size_t top, min;
  int rc;
  lua_settop(L, 2);
  if (!lua_isnoneornil(L, 2)) luaL_checktype(L, 2, LUA_TTABLE);
  top = (size_t)optint(L, 2, "top", 0, "citations");
  min = (size_t)optint(L, 2, "min_articles", 1, "citations");
  res = (tifa_citations **)newholder(L, TIFA_CITATIONS, citations_gc);
  rc = tifa_cite_citations_stores(&s, &base, 1, &id, 1, res);
  if (rc != TIFA_OK) return tifai_lua_storefail(L, s, rc);
  pushcitations(L, *res, top, min, 1, 0, 0);
  return 1;
}

/* }====== */

const luaL_Reg tifai_cite_db[] = {
  {"quotes", db_quotes},
  {"citations", db_citations},
  {NULL, NULL}
};

const luaL_Reg tifai_cite_article[] = {
  {"quotes", article_quotes},
  {"citations", article_citations},
  {NULL, NULL}
};
