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

/* The segmenter calls addword inside C code that holds memory, so addword must not raise:
** it appends a record to a box, and the Lua values are made after tifa_words returns. */
typedef struct wrec {
  size_t byte, nbyte, start, end;
  char tag[8];                /* "" for a word with no tag (tags have at most 7 bytes) */
  int hastag;
} wrec;

static int addword (void *ud, const char *s, const tifa_word *w) {
  tifai_buf *b = (tifai_buf *)ud;
  wrec r;
  (void)s;
  memset(&r, 0, sizeof(r));
  r.byte = w->byte; r.nbyte = w->nbyte; r.start = w->start; r.end = w->end;
  if ((r.hastag = w->tag != NULL) != 0) {
    size_t n = strlen(w->tag);
    memcpy(r.tag, w->tag, n < sizeof(r.tag) ? n : sizeof(r.tag) - 1);
  }
  tifai_buf_add(b, &r, sizeof(r));
  return b->oom ? TIFA_NOMEM : 0;
}

/* Push a new table of the words of 's' recorded in 'b': strings, or tables (pos, offsets). */
static void pushwords (lua_State *L, const char *s, const tifai_buf *b, int pos, int offsets) {
  size_t at;
  lua_Integer n = 0;
  lua_newtable(L);
  for (at = 0; at + sizeof(wrec) <= b->len; at += sizeof(wrec)) {
    wrec r;
    memcpy(&r, b->p + at, sizeof(r));
    if (!pos && !offsets)
      lua_pushlstring(L, s + r.byte, r.nbyte);
    else {
      lua_createtable(L, 0, 4);
      lua_pushlstring(L, s + r.byte, r.nbyte);
      lua_setfield(L, -2, "word");
      if (pos) {
        if (r.hastag) lua_pushstring(L, r.tag); else lua_pushnil(L);
        lua_setfield(L, -2, "tag");
      }
      if (offsets) {
        lua_pushinteger(L, (lua_Integer)r.start + 1);
        lua_setfield(L, -2, "first");
        lua_pushinteger(L, (lua_Integer)r.end);
        lua_setfield(L, -2, "last");
      }
    }
    lua_rawseti(L, -2, ++n);
  }
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

/* words(s [, {mode = "accurate"|"fine"|"search", units = "whole"|"parts", pos = bool,
**             offsets = bool, hmm = bool}]) */
static int text_words (lua_State *L) {
  static const char *const modes[] = {"accurate", "fine", "search", NULL};
  static const int modeflags[] = {0, TIFA_WORDS_FINE, TIFA_WORDS_SEARCH};
  static const char *const unitmodes[] = {"whole", "parts", NULL};
  size_t len;
  const char *s = tifai_text_checktext(L, 1, &len);
  int flags = 0, rc, pos = 0, offsets = 0;
  tifai_buf *box;
  if (!lua_isnoneornil(L, 2)) {
    luaL_checktype(L, 2, LUA_TTABLE);
    flags |= modeflags[tifai_text_optname(L, "mode", modes)];
    lua_getfield(L, 2, "hmm");
    if (!lua_isnil(L, -1) && !lua_toboolean(L, -1)) flags |= TIFA_WORDS_NOHMM;
    lua_pop(L, 1);
    if (tifai_text_optname(L, "units", unitmodes) == 1) flags |= TIFA_WORDS_SPLITUNITS;
    pos = optflag(L, 2, "pos");
    offsets = optflag(L, 2, "offsets");
  }
  box = tifai_lua_newbox(L);
  rc = tifa_words(tifa_segmenter_default(), s, len, flags, addword, box);
  if (rc != TIFA_OK) return luaL_error(L, "%s", tifa_errstr(rc));
  pushwords(L, s, box, pos, offsets);
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
