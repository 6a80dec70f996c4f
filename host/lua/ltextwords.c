/*
** ltextwords.c -- tifa.text: word segmentation (words, add_word, load_dict, dict_size), on
** the process's shared segmenter (tifa_words.h).
*/
#include <string.h>
#include "lua.h"
#include "lauxlib.h"
#include "tifa_text.h"
#include "tifa_words.h"
#include "ltext.h"

typedef struct Acc {
  lua_State *L;
  int pos, offsets;           /* what each word carries; neither: a plain string */
  lua_Integer n;
} Acc;

static int addword (void *ud, const char *s, const tifa_word *w) {
  Acc *a = ud;
  lua_State *L = a->L;
  if (!a->pos && !a->offsets)
    lua_pushlstring(L, s + w->byte, w->nbyte);
  else {
    lua_createtable(L, 0, 4);
    lua_pushlstring(L, s + w->byte, w->nbyte);
    lua_setfield(L, -2, "word");
    if (a->pos) {
      lua_pushstring(L, w->tag);
      lua_setfield(L, -2, "tag");
    }
    if (a->offsets) {
      lua_pushinteger(L, (lua_Integer)w->start + 1);
      lua_setfield(L, -2, "first");
      lua_pushinteger(L, (lua_Integer)w->end);
      lua_setfield(L, -2, "last");
    }
  }
  lua_rawseti(L, -2, ++a->n);
  return 0;
}

static int optflag (lua_State *L, int t, const char *k) {
  int r;
  lua_getfield(L, t, k);
  r = lua_toboolean(L, -1);
  lua_pop(L, 1);
  return r;
}

int tifai_text_optname (lua_State *L, const char *k, const char *const lst[]) {
  const char *v;
  int i;
  if (lua_getfield(L, 2, k) == LUA_TNIL) {
    lua_pop(L, 1);
    return 0;
  }
  v = lua_tostring(L, -1);
  for (i = 0; v && lst[i]; i++)
    if (strcmp(lst[i], v) == 0) {
      lua_pop(L, 1);
      return i;
    }
  return luaL_argerror(L, 2, lua_pushfstring(L, "invalid option '%s' for '%s'", v ? v : luaL_typename(L, -1), k));
}

/* words(s [, {mode = "accurate"|"search", units = "whole"|"parts", pos = bool,
**             offsets = bool, hmm = bool}]) */
static int text_words (lua_State *L) {
  static const char *const modes[] = {"accurate", "search", NULL};
  static const char *const unitmodes[] = {"whole", "parts", NULL};
  size_t len;
  const char *s = tifai_text_checktext(L, 1, &len);
  int flags = 0, rc;
  Acc a;
  a.L = L; a.pos = a.offsets = 0; a.n = 0;
  if (!lua_isnoneornil(L, 2)) {
    luaL_checktype(L, 2, LUA_TTABLE);
    if (tifai_text_optname(L, "mode", modes) == 1) flags |= TIFA_WORDS_SEARCH;
    lua_getfield(L, 2, "hmm");
    if (!lua_isnil(L, -1) && !lua_toboolean(L, -1)) flags |= TIFA_WORDS_NOHMM;
    lua_pop(L, 1);
    if (tifai_text_optname(L, "units", unitmodes) == 1) flags |= TIFA_WORDS_SPLITUNITS;
    a.pos = optflag(L, 2, "pos");
    a.offsets = optflag(L, 2, "offsets");
  }
  lua_newtable(L);
  rc = tifa_words(tifa_segmenter_default(), s, len, flags, addword, &a);
  if (rc != TIFA_OK) return luaL_error(L, "%s", tifa_errstr(rc));
  return 1;
}

/* add_word(word [, freq [, tag]]) */
static int text_add_word (lua_State *L) {
  size_t len;
  const char *w = tifai_text_checktext(L, 1, &len);
  double freq = (double)luaL_optnumber(L, 2, 0);
  const char *tag = luaL_optstring(L, 3, NULL);
  int rc;
  luaL_argcheck(L, len > 0, 1, "empty word");
  luaL_argcheck(L, tifa_utf8_len(w, len) <= 64, 1, "word longer than 64 characters");
  luaL_argcheck(L, !tag || (*tag && strlen(tag) < 8), 3, "tag of 1 to 7 bytes expected");
  rc = tifa_segmenter_add_word(tifa_segmenter_default(), w, len, freq, tag);
  if (rc == TIFA_ERROR) luaL_argerror(L, 1, "word with white space or too many tags");
  else if (rc != TIFA_OK) return luaL_error(L, "%s", tifa_errstr(rc));
  return 0;
}

/* load_dict(path [, {builtin = bool}]) -> true | fail, msg */
static int text_load_dict (lua_State *L) {
  const char *path = luaL_checkstring(L, 1);
  char err[TIFA_ERRMAX];
  if (!lua_isnoneornil(L, 2)) {
    luaL_checktype(L, 2, LUA_TTABLE);
    lua_getfield(L, 2, "builtin");
    if (!lua_isnil(L, -1)) tifa_segmenter_builtin(tifa_segmenter_default(), lua_toboolean(L, -1));
    lua_pop(L, 1);
  }
  if (tifa_segmenter_load(tifa_segmenter_default(), path, err) != TIFA_OK) {
    luaL_pushfail(L);
    lua_pushstring(L, err);
    return 2;
  }
  lua_pushboolean(L, 1);
  return 1;
}

static int text_dict_size (lua_State *L) {
  lua_pushinteger(L, (lua_Integer)tifa_segmenter_size(tifa_segmenter_default()));
  return 1;
}

static const luaL_Reg words_funcs[] = {
  {"words", text_words},
  {"add_word", text_add_word},
  {"load_dict", text_load_dict},
  {"dict_size", text_dict_size},
  {NULL, NULL}
};

void tifai_text_openwords (lua_State *L) {
  luaL_setfuncs(L, words_funcs, 0);
}
