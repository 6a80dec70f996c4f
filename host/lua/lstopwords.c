/*
** lstopwords.c -- the 'stopwords' option shared by tifa.text.freq and db:words: a built-in
** list's name ("function"), a list of names and words ({"function", "punct"}: strings that
** name a built-in list select it, other strings are words), a set of words
** ({["的"] = true}), and extra = {...} (a list or set of words) beside the names.
*/
#define LUA_LIB
#include <string.h>
#include "lua.h"
#include "lauxlib.h"
#include "lsandbox.h"
#include "tifa.h"
#include "tifa_structure.h"
#include "ltext.h"

#define TIFA_STOPTYPE  "tifa.stopset"

typedef struct StopSet { tifa_freq *f; } StopSet;

static int stop_gc (lua_State *L) {
  StopSet *b = (StopSet *)luaL_checkudata(L, 1, TIFA_STOPTYPE);
  tifa_freq_free(b->f);
  b->f = NULL;
  return 0;
}

static void add (lua_State *L, StopSet *b, const char *w, size_t len) {
  if (tifa_freq_add(b->f, w, len, 1) != TIFA_OK) luaL_error(L, "not enough memory");
}

static void addlist (lua_State *L, StopSet *b, const char *const *w) {
  for (; *w; w++) add(L, b, *w, strlen(*w));
}

/* The words of the table at 'idx' (a list of words, or a set: words as keys with a true
** value); with 'names', strings of the list part that name a built-in list select it, and
** the key "extra" holds more words. [-0, +0, e] */
static void addwords (lua_State *L, StopSet *b, int idx, int names) {
  lua_pushnil(L);
  while (lua_next(L, idx)) {
    if (lua_type(L, -2) == LUA_TNUMBER && lua_type(L, -1) == LUA_TSTRING) {
      size_t len;
      const char *w = lua_tolstring(L, -1, &len);
      const char *const *list = names ? tifa_stopwords(w) : NULL;
      if (list) addlist(L, b, list);
      else add(L, b, w, len);
    }
    else if (lua_type(L, -2) == LUA_TSTRING) {
      size_t len;
      const char *w = lua_tolstring(L, -2, &len);
      if (names && strcmp(w, "extra") == 0 && lua_type(L, -1) == LUA_TTABLE)
        addwords(L, b, lua_gettop(L), 0);
      else if (lua_toboolean(L, -1)) add(L, b, w, len);
    }
    lua_pop(L, 1);
  }
}

tifa_freq *tifai_text_stopset (lua_State *L, int arg, const char *field) {
  StopSet *b;
  int t, v;
  arg = lua_absindex(L, arg);
  t = lua_getfield(L, arg, field);
  v = lua_gettop(L);
  if (t == LUA_TNIL) return NULL;                   /* the nil stays as the result */
  if (t != LUA_TSTRING && t != LUA_TTABLE)
    luaL_argerror(L, arg, lua_pushfstring(L, "field '%s' must be a string or a table", field));
  b = (StopSet *)lua_newuserdatauv(L, sizeof(StopSet), 0);
  b->f = NULL;
  if (tifai_newmetatable(L, TIFA_STOPTYPE)) {
    lua_pushcfunction(L, stop_gc);
    lua_setfield(L, -2, "__gc");
  }
  lua_setmetatable(L, -2);
  if (tifa_freq_new(&b->f) != TIFA_OK) luaL_error(L, "not enough memory");
  if (t == LUA_TSTRING) {
    const char *const *w = tifa_stopwords(lua_tostring(L, v));
    if (w == NULL)
      luaL_argerror(L, arg, lua_pushfstring(L, "unknown stopword list '%s'", lua_tostring(L, v)));
    addlist(L, b, w);
  }
  else addwords(L, b, v, 1);
  lua_remove(L, v);                                 /* leave only the set */
  return b->f;
}
