/*
** ltrack.c -- (stub: filled by its family's work)
*/
#include "lua.h"
#include "lauxlib.h"
#include "lanalytics.h"

const luaL_Reg tifai_track_db[] = {{NULL, NULL}};
const luaL_Reg tifai_track_article[] = {{NULL, NULL}};
