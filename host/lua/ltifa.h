/*
** ltifa.h -- what the program (host/cli) needs of the Lua binding beyond luaopen_tifa.
*/
#ifndef TIFA_LTIFA_H
#define TIFA_LTIFA_H

#include "lua.h"
#include "tifa.h"
#include "tifa_store.h"

/* Push a db object that takes over the open store 's' (closed by its __gc). [-0, +1, m] */
int tifai_lua_pushdb (lua_State *L, tifa_store *s);
/* Ask every store open through Lua to stop its running search, count or ingest. Called from
** a SIGINT handler: it only sets flags and calls sqlite3_interrupt. */
void tifai_lua_interrupt (void);

#endif
