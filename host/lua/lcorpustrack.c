/*
** lcorpustrack.c -- db:track and db:dispersion on a corpus of shards (ltrack.c hands them
** over once it has checked the arguments):
**   db:track([formulations [, {min_articles=, by=, matches=, words=}]]) -> results
**   db:dispersion(query [, {cells=, words=}]) -> rows
** Both run as the parts of every shard and their merge (tifa_shards_run; docs/shards.md, the
** track and dispersion parts) and build from the merged records the tables ltrack.c builds
** for a store, ids aside: an article's id is its gid. Over a set of articles both run in
** ltrack.c: db:track on each shard's share, db:dispersion on the shards read as one.
*/
#define LUA_LIB
#include <string.h>
#include <jansson.h>
#include "lua.h"
#include "lauxlib.h"
#include "lanalytics.h"
#include "lcorpus.h"
#include "tifa_track.h"

static lua_Integer jint (json_t *o, const char *k) {
  return (lua_Integer)json_integer_value(json_object_get(o, k));
}

/* Is the line a record (not the header nor the trailer)? */
static int isrecord (json_t *j) {
  return json_object_get(j, "end") == NULL && json_object_get(j, "tifa_merged") == NULL;
}

/* Push the JSON string 'v' (nil if it is none). */
static void pushjstring (lua_State *L, json_t *v) {
  if (json_is_string(v)) lua_pushlstring(L, json_string_value(v), json_string_length(v));
  else lua_pushnil(L);
}

/* {====== track ====== */

/* Push {id=, date=, article=} of the merge's {id,file,seq,date} 'w'. */
static void pushwhen (lua_State *L, json_t *w, int cache) {
  lua_createtable(L, 0, 3);
  lua_pushinteger(L, jint(w, "id")); lua_setfield(L, -2, "id");
  if (json_is_string(json_object_get(w, "date"))) {
    pushjstring(L, json_object_get(w, "date"));
    lua_setfield(L, -2, "date");
  }
  tifai_lua_pusharticle(L, 1, jint(w, "id"), cache); lua_setfield(L, -2, "article");
}

/* Push the result of one formulation, from its merged record 'r', as ltrack.c's pushresult. */
static void pushresult (lua_State *L, json_t *r, int byyear, int cache) {
  json_t *forms = json_object_get(r, "forms"), *a, *x;
  size_t i;
  lua_createtable(L, 0, 12);
  pushjstring(L, json_object_get(r, "formulation")); lua_setfield(L, -2, "formulation");
  lua_createtable(L, (int)json_array_size(forms), 0);
  json_array_foreach(forms, i, x) { pushjstring(L, x); lua_rawseti(L, -2, (lua_Integer)i + 1); }
  lua_setfield(L, -2, "forms");
  lua_pushinteger(L, jint(r, "total")); lua_setfield(L, -2, "total");
  lua_newtable(L);                                  /* variants: variant = count */
  json_array_foreach(json_object_get(r, "variants"), i, x) {
    pushjstring(L, json_object_get(x, "v"));
    lua_pushinteger(L, jint(x, "n"));
    lua_rawset(L, -3);
  }
  lua_setfield(L, -2, "variants");
  if ((a = json_object_get(r, "matches")) != NULL) {
    lua_createtable(L, (int)json_array_size(a), 0);
    json_array_foreach(a, i, x) {
      lua_createtable(L, 0, 8);
      lua_pushinteger(L, jint(x, "id")); lua_setfield(L, -2, "id");
      lua_pushinteger(L, jint(x, "from") + 1); lua_setfield(L, -2, "from");
      lua_pushinteger(L, jint(x, "to")); lua_setfield(L, -2, "to");
      pushjstring(L, json_object_get(x, "v")); lua_setfield(L, -2, "text");
      lua_pushinteger(L, jint(x, "p")); lua_setfield(L, -2, "paragraph");
      lua_pushstring(L, jint(x, "t") ? "title" : "text"); lua_setfield(L, -2, "field");
      lua_pushboolean(L, json_is_true(json_object_get(x, "exact"))); lua_setfield(L, -2, "exact");
      pushjstring(L, json_array_get(forms, (size_t)jint(x, "fo"))); lua_setfield(L, -2, "form");
      lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    lua_setfield(L, -2, "matches");
  }
  lua_pushinteger(L, jint(r, "articles")); lua_setfield(L, -2, "articles");
  if ((x = json_object_get(r, "first")) != NULL) { pushwhen(L, x, cache); lua_setfield(L, -2, "first"); }
  if ((x = json_object_get(r, "last")) != NULL) { pushwhen(L, x, cache); lua_setfield(L, -2, "last"); }
  a = json_object_get(r, byyear ? "years" : "months");
  lua_createtable(L, (int)json_array_size(a), 0);   /* zeros included */
  json_array_foreach(a, i, x) {
    lua_createtable(L, 0, 2);
    pushjstring(L, json_object_get(x, "p")); lua_setfield(L, -2, "period");
    lua_pushinteger(L, jint(x, "n")); lua_setfield(L, -2, "count");
    lua_rawseti(L, -2, (lua_Integer)i + 1);
  }
  lua_setfield(L, -2, byyear ? "years" : "months");
  a = json_object_get(r, "per");
  lua_createtable(L, (int)json_array_size(a), 0);
  json_array_foreach(a, i, x) {
    lua_createtable(L, 0, 3);
    lua_pushinteger(L, jint(x, "id")); lua_setfield(L, -2, "id");
    lua_pushinteger(L, jint(x, "count")); lua_setfield(L, -2, "count");
    tifai_lua_pusharticle(L, 1, jint(x, "id"), cache); lua_setfield(L, -2, "article");
    lua_rawseti(L, -2, (lua_Integer)i + 1);
  }
  lua_setfield(L, -2, "per");
}

int tifai_corpus_track (lua_State *L, const char *lexicon, const tifa_part_opts *o) {
  LDb *d = tifai_lua_todb(L, 1);
  tifai_records *b;
  json_t **j;
  size_t at = 0;
  lua_Integer n = 0;
  int rc, cache;
  if ((b = tifai_corpus_run(L, d, "track", lexicon, o, &rc)) == NULL) {
    if (rc == TIFA_ERROR) return luaL_argerror(L, 2, lua_tostring(L, -1));   /* a form with no text */
    return 2;
  }
  j = tifai_corpus_holder(L);
  lua_newtable(L);                                  /* the articles, by gid */
  cache = lua_gettop(L);
  lua_newtable(L);
  while (tifai_corpus_nextline(L, b, &at, j))
    if (isrecord(*j)) {
      pushresult(L, *j, o->by == TIFA_BY_YEAR, cache);
      lua_rawseti(L, -2, ++n);
    }
  return 1;
}

/* }====== */

/* {====== dispersion ====== */

/* Set the measure 'k' of the table on top from the trailer 't' (null, for NaN: left out). */
static void setmeasure (lua_State *L, json_t *t, const char *k) {
  json_t *v = json_object_get(t, k);
  if (!json_is_number(v)) return;
  lua_pushnumber(L, json_number_value(v));
  lua_setfield(L, -2, k);
}

int tifai_corpus_dispersion (lua_State *L, const char *query, const tifa_part_opts *o) {
  LDb *d = tifai_lua_todb(L, 1);
  tifai_records *b;
  json_t **j;
  size_t at = 0;
  lua_Integer n = 0;
  int cache;
  if ((b = tifai_corpus_run(L, d, "dispersion", query, o, NULL)) == NULL) return 2;
  j = tifai_corpus_holder(L);
  lua_newtable(L);                                  /* the articles, by gid */
  cache = lua_gettop(L);
  lua_newtable(L);
  while (tifai_corpus_nextline(L, b, &at, j)) {
    json_t *from, *x;
    lua_Integer nc;
    size_t i;
    if (json_object_get(*j, "end")) {
      lua_pushinteger(L, jint(*j, "parts")); lua_setfield(L, -2, "parts");
      lua_pushinteger(L, jint(*j, "total")); lua_setfield(L, -2, "total");
      lua_pushinteger(L, jint(*j, "articles")); lua_setfield(L, -2, "articles");
      setmeasure(L, *j, "juilland_d");
      setmeasure(L, *j, "dp");
      setmeasure(L, *j, "dp_norm");
      continue;
    }
    if (!isrecord(*j)) continue;
    nc = jint(*j, "nchars");
    from = json_object_get(*j, "from");
    lua_createtable(L, 0, 7);
    tifai_lua_pusharticle(L, 1, jint(*j, "id"), cache); lua_setfield(L, -2, "article");
    lua_pushinteger(L, jint(*j, "id")); lua_setfield(L, -2, "id");
    lua_pushinteger(L, nc); lua_setfield(L, -2, "nchars");
    lua_pushinteger(L, jint(*j, "count")); lua_setfield(L, -2, "count");
    lua_createtable(L, (int)json_array_size(from), 0);
    lua_createtable(L, (int)json_array_size(from), 0);
    json_array_foreach(from, i, x) {
      lua_Integer f = (lua_Integer)json_integer_value(x);
      lua_pushinteger(L, f + 1); lua_rawseti(L, -2, (lua_Integer)i + 1);
      lua_pushnumber(L, nc > 0 ? (double)f / (double)nc : 0.0); lua_rawseti(L, -3, (lua_Integer)i + 1);
    }
    lua_setfield(L, -3, "from");
    lua_setfield(L, -2, "positions");
    pushjstring(L, json_object_get(*j, "plot")); lua_setfield(L, -2, "plot");
    lua_rawseti(L, -2, ++n);
  }
  return 1;
}

/* }====== */
