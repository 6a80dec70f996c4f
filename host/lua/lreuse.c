/*
** lreuse.c -- Lua binding of text reuse (include/tifa_reuse.h): methods of db and articles
**   db:reuse([set] [, opts]) -> {{source=side, target=side, chars, edits, directed, days}...}
**        side = {id, article, field, from, to, paragraph, text}
**   db:duplicates([set] [, opts]) -> {clusters..., canonical = {[id] = id}}
**   db:similar(article [, set] [, opts]) -> {{article, id, score, shared}...}
**   a:similar([set] [, opts]) -> the same
** Sets are those of lanalytics.h; options may be given in the set's filter table or as a
** table after it. Positions are 1-based inclusive characters of the side's field.
** On a corpus of shards (tifa.open(DIR)) each reads every shard at once (tifa_reuse_stores,
** ...): document frequencies and candidates are the corpus's, ids are its ids. db:reuse of
** every article of a corpus reads the pairs written back by tifa-dask (tifa_shards_reuse_load)
** when they were computed with the same options and no shard has changed since.
*/
#define LUA_LIB
#include <string.h>
#include "lua.h"
#include "lauxlib.h"
#include "lsandbox.h"
#include "tifa.h"
#include "tifa_reuse.h"
#include "tifa_shard.h"
#include "lanalytics.h"
#include "lcorpus.h"

#define TIFA_REUSERES  "tifa.reuse.result"

/* {====== Results owned by the collector ====== */

typedef struct LRes { int kind; void *r; } LRes;     /* kind: 0 reuse, 1 dup, 2 similar */

static int res_gc (lua_State *L) {
  LRes *u = (LRes *)luaL_checkudata(L, 1, TIFA_REUSERES);
  if (u->kind == 0) tifa_reuse_free((tifa_reuse_result *)u->r);
  else if (u->kind == 1) tifa_dup_free((tifa_dup_result *)u->r);
  else tifa_similar_free((tifa_similar_result *)u->r);
  u->r = NULL;
  return 0;
}

/* Push a holder that frees what C fills into '*slot' once collected. [-0, +1, m] */
static void **newres (lua_State *L, int kind) {
  LRes *u = (LRes *)lua_newuserdatauv(L, sizeof(LRes), 0);
  u->kind = kind; u->r = NULL;
  if (tifai_newmetatable(L, TIFA_REUSERES)) {
    lua_pushcfunction(L, res_gc);
    lua_setfield(L, -2, "__gc");
  }
  lua_setmetatable(L, -2);
  return &u->r;
}

/* }====== */

/* {====== Articles ======*/

/* The id of the article at 'idx' in its db (a corpus's: its corpus id). [-0, +0, v] */
static int64_t articleid (lua_State *L, int idx) {
  int64_t id;
  tifai_lua_checkarticle(L, idx, &id);          /* checked; the id local to its store */
  lua_getfield(L, idx, "id");
  id = (int64_t)lua_tointeger(L, -1);
  lua_pop(L, 1);
  return id;
}

/* }====== */

/* {====== Options ====== */

/* The options table: argument 'arg' when a table, or the table after it. Returns its index
** or 0. */
static int optsarg (lua_State *L, int arg) {
  if (lua_type(L, arg + 1) == LUA_TTABLE) return arg + 1;
  if (lua_type(L, arg) == LUA_TTABLE) return arg;
  return 0;
}

/* Integer field 'k' of the table at 'o' (0: none), at least 'min'; 'def' when absent. */
static lua_Integer optint (lua_State *L, int o, const char *k, lua_Integer def, lua_Integer min) {
  lua_Integer v;
  int isint;
  if (o == 0) return def;
  lua_getfield(L, o, k);
  if (lua_isnil(L, -1)) { lua_pop(L, 1); return def; }
  v = lua_tointegerx(L, -1, &isint);
  if (!isint) luaL_argerror(L, o, lua_pushfstring(L, "field '%s' must be an integer", k));
  if (v < min) luaL_argerror(L, o, lua_pushfstring(L, "field '%s' must be at least %d", k, (int)min));
  lua_pop(L, 1);
  return v;
}

static double optnum (lua_State *L, int o, const char *k, double def, double lo, double hi) {
  double v;
  int isnum;
  if (o == 0) return def;
  lua_getfield(L, o, k);
  if (lua_isnil(L, -1)) { lua_pop(L, 1); return def; }
  v = lua_tonumberx(L, -1, &isnum);
  if (!isnum) luaL_argerror(L, o, lua_pushfstring(L, "field '%s' must be a number", k));
  if (!(v > lo && v <= hi))
    luaL_argerror(L, o, lua_pushfstring(L, "field '%s' must be in (%f, %f]", k, lo, hi));
  lua_pop(L, 1);
  return v;
}

/* }====== */

/* {====== db:reuse ====== */

static const char *const fieldnames[] = {"text", "title", "kicker"};

static void pushside (lua_State *L, const tifa_reuse_side *s, int cache) {
  lua_createtable(L, 0, 7);
  lua_pushinteger(L, (lua_Integer)s->id); lua_setfield(L, -2, "id");
  tifai_lua_pusharticle(L, 1, s->id, cache); lua_setfield(L, -2, "article");
  lua_pushstring(L, fieldnames[s->field]); lua_setfield(L, -2, "field");
  lua_pushinteger(L, (lua_Integer)s->from + 1); lua_setfield(L, -2, "from");
  lua_pushinteger(L, (lua_Integer)s->to); lua_setfield(L, -2, "to");
  if (s->field == TIFA_FIELD_TEXT) {
    lua_pushinteger(L, (lua_Integer)s->paragraph); lua_setfield(L, -2, "paragraph");
  }
  lua_pushlstring(L, s->text, s->len); lua_setfield(L, -2, "text");
}

/* Phrases for the option 'formulaic' at 'o': nil keeps the built-in list, false means none,
** a list of strings replaces it (kept alive by the table on the stack). */
static void formulaicopt (lua_State *L, int o, tifa_reuse_opts *opt) {
  static const char *const none[] = {NULL};
  int t;
  size_t n, i;
  const char **v;
  if (o == 0) return;
  t = lua_getfield(L, o, "formulaic");                            /* kept on the stack */
  if (t == LUA_TNIL) return;
  if (t == LUA_TBOOLEAN && !lua_toboolean(L, -1)) { opt->formulaic = none; opt->nformulaic = 0; return; }
  if (t != LUA_TTABLE)
    luaL_argerror(L, o, "field 'formulaic' must be false or a list of strings");
  n = (size_t)lua_rawlen(L, -1);
  v = (const char **)lua_newuserdatauv(L, (n + 1) * sizeof(*v), 0);
  for (i = 0; i < n; i++) {
    lua_rawgeti(L, -2, (lua_Integer)i + 1);
    if (lua_type(L, -1) != LUA_TSTRING)
      luaL_argerror(L, o, lua_pushfstring(L, "field 'formulaic' item %d is not a string", (int)i + 1));
    v[i] = lua_tostring(L, -1);
    lua_pop(L, 1);                                                /* held by the list */
  }
  v[n] = NULL;
  opt->formulaic = v; opt->nformulaic = n;
}

/* Let a pending interrupt stop a long loop that builds results: the hooks that interrupts
** set (main.c's lstop, lhost.c's stophook) watch calls, and no other event comes while C
** runs. Every 1024 steps, a call to a C function that does nothing. [-0, +0, e] */
static int nop (lua_State *L) { (void)L; return 0; }
#define safepoint(L, k) \
  do { if (((k) & 1023) == 1023) { lua_pushcfunction(L, nop); lua_call(L, 0, 0); } } while (0)

static int db_reuse (lua_State *L) {
  tifai_lua_stores S;
  tifa_reuse_opts opt;
  tifa_reuse_result **res;
  const int64_t *ids;
  size_t nids, k;
  int o, cache, rc;
  lua_settop(L, 3);
  tifai_lua_pushstores(L, 1, &S);                         /* 4 */
  o = optsarg(L, 2);
  memset(&opt, 0, sizeof(opt));
  opt.min_chars = optint(L, o, "min_chars", TIFA_REUSE_MINCHARS, 1);
  opt.max_df = optint(L, o, "max_df", TIFA_REUSE_MAXDF, 1);
  opt.within_days = optint(L, o, "within_days", 0, 0);
  if (o) {                             /* 'within'; 'self' is its older name */
    if (lua_getfield(L, o, "within") == LUA_TNIL) { lua_pop(L, 1); lua_getfield(L, o, "self"); }
    opt.within = lua_toboolean(L, -1);
    lua_pop(L, 1);
  }
  formulaicopt(L, o, &opt);
  ids = tifai_lua_articleset(L, 1, 2, &nids, "reuse");
  res = (tifa_reuse_result **)newres(L, 0);
  rc = TIFA_NOTFOUND;
  if (ids == NULL && S.bases != NULL) {         /* a corpus's answer written back (tifa-dask) */
    char err[TIFA_ERRMAX];
    rc = tifa_shards_reuse_load(tifai_lua_tocorpus(L, 1), &opt, res, err, sizeof(err));
    if (rc == TIFA_NOMEM) return luaL_error(L, "not enough memory");
    if (rc != TIFA_OK && rc != TIFA_NOTFOUND) return tifai_lua_failmsg(L, err);
  }
  if (rc == TIFA_NOTFOUND) rc = tifa_reuse_stores(S.stores, S.bases, S.n, ids, nids, &opt, res);
  if (rc != TIFA_OK) return tifai_lua_storefail(L, S.stores[0], rc);
  lua_newtable(L);
  cache = lua_gettop(L);
  lua_createtable(L, (int)(*res)->n, 0);
  for (k = 0; k < (*res)->n; k++) {
    const tifa_reuse_pair *p = &(*res)->pairs[k];
    safepoint(L, k);
    lua_createtable(L, 0, 6);
    pushside(L, &p->source, cache); lua_setfield(L, -2, "source");
    pushside(L, &p->target, cache); lua_setfield(L, -2, "target");
    lua_pushinteger(L, (lua_Integer)p->chars); lua_setfield(L, -2, "chars");
    lua_pushinteger(L, (lua_Integer)p->edits); lua_setfield(L, -2, "edits");
    lua_pushboolean(L, p->directed); lua_setfield(L, -2, "directed");
    if (p->days != TIFA_REUSE_NODAYS) {
      lua_pushinteger(L, (lua_Integer)p->days); lua_setfield(L, -2, "days");
    }
    lua_rawseti(L, -2, (lua_Integer)k + 1);
  }
  return 1;
}

/* }====== */

/* {====== db:duplicates ====== */

static int db_duplicates (lua_State *L) {
  tifai_lua_stores S;
  tifa_dup_result **res;
  const int64_t *ids;
  size_t nids, k, i;
  double threshold;
  int o, cache, rc;
  lua_settop(L, 3);
  tifai_lua_pushstores(L, 1, &S);                         /* 4 */
  o = optsarg(L, 2);
  threshold = optnum(L, o, "threshold", 0.8, 0, 1);
  ids = tifai_lua_articleset(L, 1, 2, &nids, "duplicates");
  res = (tifa_dup_result **)newres(L, 1);
  rc = tifa_duplicates_stores(S.stores, S.bases, S.n, ids, nids, threshold, res);
  if (rc != TIFA_OK) return tifai_lua_storefail(L, S.stores[0], rc);
  lua_newtable(L);
  cache = lua_gettop(L);
  lua_createtable(L, (int)(*res)->n, 1);
  for (k = 0; k < (*res)->n; k++) {
    const tifa_dup_cluster *c = &(*res)->clusters[k];
    lua_createtable(L, 0, 3);
    lua_createtable(L, (int)c->n, 0);
    for (i = 0; i < c->n; i++) {
      tifai_lua_pusharticle(L, 1, c->ids[i], cache);
      lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    lua_setfield(L, -2, "articles");
    lua_createtable(L, (int)c->n, 0);
    for (i = 0; i < c->n; i++) {
      lua_pushinteger(L, (lua_Integer)c->ids[i]);
      lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    lua_setfield(L, -2, "ids");
    lua_pushnumber(L, c->similarity); lua_setfield(L, -2, "similarity");
    lua_rawseti(L, -2, (lua_Integer)k + 1);
  }
  lua_createtable(L, 0, (int)(*res)->nids);
  for (k = 0; k < (*res)->nids; k++) {
    lua_pushinteger(L, (lua_Integer)(*res)->canonical[k]);
    lua_rawseti(L, -2, (lua_Integer)(*res)->ids[k]);
  }
  lua_setfield(L, -2, "canonical");
  return 1;
}

/* }====== */

/* {====== db:similar, a:similar ====== */

/* similar(target 'id', set and options after 'arg'); 'dbidx' is the db. */
static int similar (lua_State *L, int64_t id, int dbidx, int arg) {
  tifai_lua_stores S;
  tifa_similar_result **res;
  const int64_t *ids = NULL;
  size_t nids = 0, k, i;
  lua_Integer top;
  int o, cache, rc;
  lua_settop(L, arg + 2);
  tifai_lua_pushstores(L, dbidx, &S);                     /* arg + 3 */
  o = optsarg(L, arg + 1);
  top = optint(L, o, "top", 10, 1);
  ids = tifai_lua_articleset(L, dbidx, arg + 1, &nids, "similar");
  res = (tifa_similar_result **)newres(L, 2);
  rc = tifa_similar_stores(S.stores, S.bases, S.n, id, ids, nids, (long)top, res);
  if (rc != TIFA_OK) return tifai_lua_storefail(L, S.stores[0], rc);
  lua_newtable(L);
  cache = lua_gettop(L);
  lua_createtable(L, (int)(*res)->n, 0);
  for (k = 0; k < (*res)->n; k++) {
    const tifa_similar_hit *h = &(*res)->hits[k];
    lua_createtable(L, 0, 4);
    tifai_lua_pusharticle(L, dbidx, h->id, cache);
    lua_setfield(L, -2, "article");
    lua_pushinteger(L, (lua_Integer)h->id); lua_setfield(L, -2, "id");
    lua_pushnumber(L, h->score); lua_setfield(L, -2, "score");
    lua_newtable(L);
    for (i = 0; i < TIFA_SIMILAR_SHARED && h->shared[i]; i++) {
      lua_pushstring(L, h->shared[i]);
      lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    lua_setfield(L, -2, "shared");
    lua_rawseti(L, -2, (lua_Integer)k + 1);
  }
  return 1;
}

static int db_similar (lua_State *L) {
  int64_t id;
  (void)tifai_lua_tocorpus(L, 1);               /* self is checked first */
  if (lua_isinteger(L, 2)) id = (int64_t)lua_tointeger(L, 2);
  else if (lua_type(L, 2) == LUA_TTABLE) id = articleid(L, 2);
  else return luaL_typeerror(L, 2, "article");
  return similar(L, id, 1, 2);
}

/* a:similar([set] [, opts]) = db:similar(a, set, opts), the db being the article's */
static int article_similar (lua_State *L) {
  int64_t id = articleid(L, 1);
  lua_settop(L, 3);
  tifai_lua_pushdbof(L, 1);
  lua_insert(L, 1);                             /* db, article, set or opts, opts */
  return similar(L, id, 1, 2);
}

/* }====== */

const luaL_Reg tifai_reuse_db[] = {
  {"reuse", db_reuse},
  {"duplicates", db_duplicates},
  {"similar", db_similar},
  {NULL, NULL}
};
const luaL_Reg tifai_reuse_article[] = {
  {"similar", article_similar},
  {NULL, NULL}
};
