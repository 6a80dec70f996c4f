/*
** ltextlib.c -- the tifa.text library: UTF-8 primitives (STUB, to be written), and the
** opener that gathers every part of tifa.text (see ltext.h).
*/
#include "lua.h"
#include "lauxlib.h"
#include "ltext.h"

void tifai_text_openprims (lua_State *L) {
  (void)L;
}

int tifai_luaopen_text (lua_State *L) {
  lua_newtable(L);
  tifai_text_openprims(L);
  tifai_text_openwords(L);
  tifai_text_openstructure(L);
  tifai_text_openextract(L);
  return 1;
}
