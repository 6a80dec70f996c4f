/*
** lchart.c -- tifa.chart (stub: filled by its family's work)
*/
#include "lua.h"
#include "lauxlib.h"
#include "lanalytics.h"

int tifai_luaopen_chart (lua_State *L) {
  lua_newtable(L);
  return 1;
}
