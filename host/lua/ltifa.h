/*
** ltifa.h -- what the program (host/cli) needs of the Lua binding beyond luaopen_tifa.
*/
#ifndef TIFA_LTIFA_H
#define TIFA_LTIFA_H

#include "lua.h"
#include "tifa.h"
#include "tifa_store.h"

/* lua.c's message handler: the error (or its __tostring) with a traceback (lhost.c). */
int tifai_lua_msghandler (lua_State *L);

/* Open tifa.out (lout.c: aligned tables, CSV, JSON): a new table. [-0, +1, m] */
int tifai_luaopen_out (lua_State *L);

/* Push a db object that takes over the open store 's' (closed by its __gc). [-0, +1, m] */
int tifai_lua_pushdb (lua_State *L, tifa_store *s);
/* Push the db of the corpus of shards 'c' (opened read-only at 'dir'; the db takes it over:
** closed by its __gc, also when this raises "cannot open corpus 'DIR' (why)", which it does
** if a shard's store cannot be opened). [-0, +1, e] */
struct tifa_shards;
int tifai_lua_pushcorpus (lua_State *L, const char *dir, struct tifa_shards *c);
/* Ask every store open through Lua to stop its running search, count or ingest. Called from
** a SIGINT handler: it only sets flags and calls sqlite3_interrupt. */
void tifai_lua_interrupt (void);

/* A Lua function as a split hook (tifa_ingest_opts.split): 'ref' is its registry reference
** in 'L'; 'box' is for the binding's own use. The function gets the page as a table {path,
** format, paragraphs, articles} and returns a list of articles {title=, ..., paragraphs =
** {strings, tables or indices into page.paragraphs}}. Errors fail the file, not the call. */
typedef struct tifai_luasplit {
  lua_State *L;
  int ref;
  void *box;
} tifai_luasplit;
int tifai_lua_split (void *ud, const tifa_page *page, tifa_cutter *c);

#endif
