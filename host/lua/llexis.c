/*
** llexis.c -- (stub: filled by its family's work)
*/
#include "lua.h"
#include "lauxlib.h"
#include "lanalytics.h"

const luaL_Reg tifai_lexis_db[] = {{NULL, NULL}};
const luaL_Reg tifai_lexis_article[] = {{NULL, NULL}};
