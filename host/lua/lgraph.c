/*
** lgraph.c -- tifa.graph (stub: filled by its family's work)
*/
#include "lua.h"
#include "lauxlib.h"
#include "lanalytics.h"

int tifai_luaopen_graph (lua_State *L) {
  lua_newtable(L);
  return 1;
}
