/*
** lset.c -- sets of articles: db:select(filter | query | list) -> set
**   A set is a list of articles (ipairs, #s) with the analytics as methods: s:keywords(),
**   s:freq{by = "month"}, s:kwic("发展"), s:keyness(other), s:reuse() ... Each calls the db
**   method of that name with the set as the articles it reads: as its first argument when the
**   method takes the articles first (keywords, keyness, quotes, citations), else in its options table as the field 'articles' (which every analytic's
**   filter takes, together with the other filter fields).
*/
#define LUA_LIB
#include <string.h>
#include "lua.h"
#include "lauxlib.h"
#include "lsandbox.h"
#include <sqlite3.h>
#include "buf.h"
#include "ltext.h"
#include "lanalytics.h"

#define TIFA_SETTYPE "tifa.set"

/* How a method takes its articles: the argument (after self) that is the set itself, or
** the options argument that gets the field 'articles'. */
enum { AS_ARG, AS_OPTS };

static const struct forward {
  const char *name;
  int how, pos;                     /* pos: 1 = the first argument after self */
} forwards[] = {
  {"words", AS_OPTS, 1}, {"freq", AS_OPTS, 1}, {"reuse", AS_OPTS, 1},
  {"duplicates", AS_OPTS, 1}, {"kwic", AS_OPTS, 2}, {"timeline", AS_OPTS, 2},
  {"track", AS_OPTS, 2}, {"collocates", AS_OPTS, 2},
  {"keywords", AS_ARG, 1}, {"keyness", AS_ARG, 1}, {"quotes", AS_ARG, 1},
  {"citations", AS_ARG, 1}, {"dispersion", AS_OPTS, 2},
  {NULL, 0, 0}
};

/* The owners of sets: set -> db (weak keys), so a set keeps its store open. */
static const char ownerskey = 0;

static void pushowners (lua_State *L) {
  if (lua_rawgetp(L, LUA_REGISTRYINDEX, &ownerskey) == LUA_TNIL) {
    lua_pop(L, 1);
    lua_newtable(L);
    lua_createtable(L, 0, 1);
    lua_pushliteral(L, "k");
    lua_setfield(L, -2, "__mode");
    lua_setmetatable(L, -2);
    lua_pushvalue(L, -1);
    lua_rawsetp(L, LUA_REGISTRYINDEX, &ownerskey);
  }
}

/* {====== the set's methods ====== */

/* A set is a table with the set's metatable; its db is in the owners table. */
static int isset (lua_State *L, int idx) {
  int r = 0;
  if (lua_type(L, idx) == LUA_TTABLE && lua_getmetatable(L, idx)) {
    luaL_getmetatable(L, TIFA_SETTYPE);
    r = lua_rawequal(L, -1, -2);
    lua_pop(L, 2);
  }
  return r;
}

/* Push the db of the set at 'idx'. [-0, +1, v] */
static void pushsetdb (lua_State *L, int idx) {
  if (!isset(L, idx)) luaL_typeerror(L, idx, TIFA_SETTYPE);
  pushowners(L);
  lua_pushvalue(L, idx);
  lua_rawget(L, -2);
  lua_remove(L, -2);
  if (lua_isnil(L, -1)) luaL_error(L, "set has no database");
}

/* s:name(a1, a2, ...) -> db:name(...) with the set put in: upvalue 1 is the forward entry */
static int set_forward (lua_State *L) {
  const struct forward *f = (const struct forward *)lua_touserdata(L, lua_upvalueindex(1));
  int nargs = lua_gettop(L) - 1, i, top;
  pushsetdb(L, 1);
  if (lua_getfield(L, -1, f->name) != LUA_TFUNCTION)
    return luaL_error(L, "the database has no method '%s'", f->name);
  lua_insert(L, -2);                                /* method, db */
  top = lua_gettop(L) - 2;                          /* below the method */
  for (i = 1; i < f->pos; i++) {                    /* the arguments before the set's place */
    if (i <= nargs) lua_pushvalue(L, i + 1); else lua_pushnil(L);
  }
  lua_newtable(L);                                  /* {articles = set}, or the options + it */
  if (f->how == AS_OPTS && f->pos <= nargs && !lua_isnil(L, f->pos + 1)) {
    luaL_checktype(L, f->pos + 1, LUA_TTABLE);
    lua_pushnil(L);
    while (lua_next(L, f->pos + 1)) {
      lua_pushvalue(L, -2);
      lua_insert(L, -2);
      lua_settable(L, -4);
    }
  }
  lua_pushvalue(L, 1);
  lua_setfield(L, -2, "articles");
  for (i = f->how == AS_ARG ? f->pos : f->pos + 1; i <= nargs; i++) lua_pushvalue(L, i + 1);
  lua_call(L, lua_gettop(L) - top - 1, LUA_MULTRET);
  return lua_gettop(L) - top;
}

/* s:ids() -> list of article ids */
static int set_ids (lua_State *L) {
  lua_Integer i, n;
  if (!isset(L, 1)) luaL_typeerror(L, 1, TIFA_SETTYPE);
  n = luaL_len(L, 1);
  lua_createtable(L, (int)n, 0);
  for (i = 1; i <= n; i++) {
    lua_geti(L, 1, i);
    lua_getfield(L, -1, "id");
    lua_rawseti(L, -3, i);
    lua_pop(L, 1);
  }
  return 1;
}

static int set_tostring (lua_State *L) {
  lua_pushfstring(L, "tifa.set (%I articles)", (LUAI_UACINT)luaL_len(L, 1));
  return 1;
}

/* }====== */

/* Push a new set of the articles 'ids[0..n)' of the db at 'dbidx'. [-0, +1, e] */
static void pushset (lua_State *L, int dbidx, const int64_t *ids, size_t n) {
  size_t i;
  int cache;
  dbidx = lua_absindex(L, dbidx);
  lua_newtable(L);                                  /* the articles' cache */
  cache = lua_gettop(L);
  lua_createtable(L, (int)n, 0);
  for (i = 0; i < n; i++) {
    tifai_lua_pusharticle(L, dbidx, ids[i], cache);
    lua_rawseti(L, -2, (lua_Integer)i + 1);
  }
  luaL_setmetatable(L, TIFA_SETTYPE);
  pushowners(L);
  lua_pushvalue(L, -2);
  lua_pushvalue(L, dbidx);
  lua_rawset(L, -3);
  lua_pop(L, 1);
  lua_remove(L, cache);
}

/* db:select([filter | query | list]) -> set: the articles of a filter (the fields of
** db:articles), a list, or those a query (a string, as db:count takes it) matches */
static int db_select (lua_State *L) {
  tifa_store *s = tifai_lua_tocorpus(L, 1) ? NULL : tifai_lua_checkdb(L, 1);
  size_t n;
  const int64_t *ids;
  lua_settop(L, 2);
  if (lua_type(L, 2) == LUA_TSTRING) {              /* the articles a query matches */
    lua_Integer k = 0;
    lua_getfield(L, 1, "count");
    lua_pushvalue(L, 1);
    lua_pushvalue(L, 2);
    lua_call(L, 2, 2);                              /* total, per | fail, msg */
    if (lua_isnil(L, -2)) return 2;
    lua_createtable(L, 0, 1);                       /* {articles = {ids...}} */
    lua_newtable(L);
    lua_pushnil(L);
    while (lua_next(L, -4)) {
      lua_pop(L, 1);
      lua_pushvalue(L, -1);
      lua_rawseti(L, -3, ++k);
    }
    lua_setfield(L, -2, "articles");
    lua_replace(L, 2);
    lua_settop(L, 2);
  }
  ids = tifai_lua_articleset(L, 1, 2, &n, "select");
  if (ids == NULL && s == NULL) {                   /* every article of a corpus (gids) */
    lua_createtable(L, 0, 1);
    lua_pushliteral(L, "1");
    lua_setfield(L, -2, "where");
    ids = tifai_lua_articleset(L, 1, -1, &n, "select");
  }
  else if (ids == NULL) {                           /* every article */
    sqlite3_stmt *st;
    tifai_buf *all = tifai_lua_newbox(L);
    int step;
    if (sqlite3_prepare_v2(tifa_store_sqlite(s), "SELECT id FROM article ORDER BY id", -1, &st,
                           NULL) != SQLITE_OK)
      return luaL_error(L, "cannot read articles (%s)", sqlite3_errmsg(tifa_store_sqlite(s)));
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
      int64_t id = sqlite3_column_int64(st, 0);
      tifai_buf_add(all, &id, sizeof(id));
    }
    sqlite3_finalize(st);
    if (step != SQLITE_DONE)
      return luaL_error(L, "cannot read articles (%s)", sqlite3_errmsg(tifa_store_sqlite(s)));
    if (all->oom) return luaL_error(L, "not enough memory");
    ids = (const int64_t *)all->p;
    n = all->len / sizeof(int64_t);
  }
  pushset(L, 1, ids, n);
  return 1;
}

static const luaL_Reg set_meth[] = {
  {"ids", set_ids},
  {NULL, NULL}
};

int tifai_luaopen_set (lua_State *L) {
  const struct forward *f;
  tifai_newmetatable(L, TIFA_SETTYPE);
  lua_pushcfunction(L, set_tostring);
  lua_setfield(L, -2, "__tostring");
  lua_newtable(L);                                  /* the methods */
  luaL_setfuncs(L, set_meth, 0);
  for (f = forwards; f->name; f++) {
    lua_pushlightuserdata(L, (void *)f);
    lua_pushcclosure(L, set_forward, 1);
    lua_setfield(L, -2, f->name);
  }
  lua_setfield(L, -2, "__index");
  lua_pop(L, 1);
  return 0;
}

const luaL_Reg tifai_set_db[] = {
  {"select", db_select},
  {NULL, NULL}
};
