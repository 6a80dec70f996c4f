/*
** lsbsql.c -- the stores of a sandboxed script (see lsandbox.h): tifa.open read-only, no
** db:ingest, db:sql on read-only databases only, and every connection a script gets
** confined: an authorizer (no files, no settings, no writes), a progress handler that counts
** SQLite's steps against the limits, and SQLite's heap limit for each run. lsandbox.c puts
** them in place (tifai_sandbox_store, tifai_sandbox_confine, tifai_sandbox_sqlheap).
*/
#define LUA_LIB
#include <stdio.h>
#include <string.h>
#include <sqlite3.h>
#include "lua.h"
#include "lauxlib.h"
#include "tifa_store.h"
#include "lsandbox.h"
#include "lsbint.h"

#define DBTYPE    "tifa.db"         /* the db metatable of ltifalib.c */
#define SQLSTEP   1000              /* SQLite VM steps between two calls of the progress handler */

/* {====== SQLite: no files, no settings, within the limits ====== */

/* PRAGMAs a script may run: those that only read, queried without a value (a value sets
** it: 'temp_store = MEMORY' would keep sorts in memory, 'temp_store_directory' moves files)
** and, with an argument, those whose argument names a table or an index. */
static const char *const pragma_query[] = {
  "application_id", "auto_vacuum", "cache_size", "collation_list", "compile_options",
  "data_version", "database_list", "encoding", "foreign_key_check", "foreign_key_list",
  "foreign_keys", "freelist_count", "function_list", "index_info", "index_list", "index_xinfo",
  "integrity_check", "journal_mode", "module_list", "page_count", "page_size", "pragma_list",
  "query_only", "quick_check", "schema_version", "synchronous", "table_info", "table_list",
  "table_xinfo", "temp_store", "user_version", NULL
};
static const char *const pragma_named[] = {
  "foreign_key_check", "foreign_key_list", "index_info", "index_list", "index_xinfo",
  "table_info", "table_list", "table_xinfo", NULL
};

/* SQL functions that reach files or C code (load_extension; fts3_tokenizer with two
** arguments installs a C pointer; readfile, writefile and edit, should a build have them). */
static const char *const sqlfunc_denied[] = {
  "load_extension", "fts3_tokenizer", "readfile", "writefile", "edit", NULL
};

static int inlist (const char *const *list, const char *name) {
  if (name == NULL) return 0;
  for (; *list; list++) if (sqlite3_stricmp(*list, name) == 0) return 1;
  return 0;
}

/* The authorizer of a confined connection (sqlite3_set_authorizer): reads, transactions,
** DETACH (harmless), the PRAGMAs above and the functions not listed are allowed; ATTACH and
** every write or schema change are denied (a read-only store refuses writes anyway; the
** sample corpus is an in-memory database, TEMP tables too). What was refused is noted for
** sb_dbsql, whose statement fails with SQLite's "not authorized". Runs inside SQLite: no
** Lua here. */
static int authorize (void *ud, int action, const char *a, const char *b, const char *db,
                      const char *inner) {
  Sandbox *sb = (Sandbox *)ud;
  (void)db; (void)inner;
  switch (action) {
    case SQLITE_SELECT: case SQLITE_READ: case SQLITE_RECURSIVE: case SQLITE_TRANSACTION:
    case SQLITE_SAVEPOINT: case SQLITE_DETACH:
      return SQLITE_OK;
    case SQLITE_FUNCTION:                   /* a: NULL, b: the function's name */
      if (!inlist(sqlfunc_denied, b)) return SQLITE_OK;
      snprintf(sb->deniedmsg, sizeof(sb->deniedmsg), "call the SQL function '%s'", b);
      break;
    case SQLITE_PRAGMA:                     /* a: the pragma, b: its value or argument */
      if (inlist(pragma_query, a) && (b == NULL || inlist(pragma_named, a))) return SQLITE_OK;
      if (b == NULL) snprintf(sb->deniedmsg, sizeof(sb->deniedmsg), "run PRAGMA '%s'", a ? a : "?");
      else snprintf(sb->deniedmsg, sizeof(sb->deniedmsg), "set PRAGMA '%s'", a ? a : "?");
      break;
    case SQLITE_ATTACH:
      snprintf(sb->deniedmsg, sizeof(sb->deniedmsg), "attach a database");
      break;
    case SQLITE_UPDATE:
      /* SQLite asks this (columns 'type' and 'name') when a statement uses an eponymous
      ** virtual table (json_each, pragma_table_info, dbstat); SQLite itself refuses to
      ** change sqlite_master without PRAGMA writable_schema, which is refused here */
      if (a && strcmp(a, "sqlite_master") == 0) return SQLITE_OK;
      sb->deniedmsg[0] = '\0';
      break;
    default:                                /* a write, a schema change, ANALYZE, REINDEX */
      sb->deniedmsg[0] = '\0';
      break;
  }
  sb->denied = 1;
  return SQLITE_DENY;
}

int tifai_sandbox_sqlover (const Sandbox *sb) {
  return sb->lim.mem > 0 && sqlite3_memory_used() - sb->sqlbase > (sqlite3_int64)sb->lim.mem;
}

/* The progress handler of a confined connection: SQLite's VM steps count as instructions,
** and the limits are checked as the hook checks them. Returns 1 to interrupt the statement
** once the run is stopped; the stop's error is raised when the call returns to Lua
** (sb_dbsql, or the hook at the next instruction). SQLite's memory past the limit arms the
** hook, which collects before it decides (no collection here, inside SQLite); meanwhile the
** hard heap limit bounds the statement. */
static int progress (void *ud) {
  Sandbox *sb = (Sandbox *)ud;
  if (sb->stop == TIFAI_STOP_NONE) {
    sb->count += SQLSTEP;
    if (tifai_sandbox_sqlover(sb)) tifai_sandbox_arm(sb);
  }
  return tifai_sandbox_check(sb) != TIFAI_STOP_NONE;
}

void tifai_sandbox_confine (lua_State *L, struct tifa_store *s) {
  Sandbox *sb = tifai_sandbox_get(L);
  sqlite3 *db;
  if (sb == NULL || s == NULL || (db = tifa_store_sqlite(s)) == NULL) return;
  sqlite3_limit(db, SQLITE_LIMIT_ATTACHED, 0);
  sqlite3_set_authorizer(db, authorize, sb);
  sqlite3_progress_handler(db, SQLSTEP, progress, sb);
}

void tifai_sandbox_sqlheap (Sandbox *sb) {
  sqlite3_int64 hard;
  if (sb->lim.mem == 0) return;
  if (!sb->heapset) {
    sb->oldhard = sqlite3_hard_heap_limit64(-1);
    sb->oldsoft = sqlite3_soft_heap_limit64(-1);
    sb->heapset = 1;
  }
  sb->sqlbase = sqlite3_memory_used();
  hard = sb->sqlbase + (sqlite3_int64)(sb->lim.mem + tifai_sandbox_reserve(sb));
  if (sb->oldhard > 0 && sb->oldhard < hard) hard = sb->oldhard;
  sqlite3_hard_heap_limit64(hard);
}

/* }====== */

/* {====== tifa: the store read-only ====== */

/* tifa.open([path [, opts]]): always {readonly = true, create = false}. */
static int sb_tifaopen (lua_State *L) {
  luaL_optstring(L, 1, NULL);
  if (!lua_isnoneornil(L, 2)) {
    luaL_checktype(L, 2, LUA_TTABLE);
    if ((lua_getfield(L, 2, "readonly") != LUA_TNIL && !lua_toboolean(L, -1))
        || (lua_getfield(L, 2, "create") != LUA_TNIL && lua_toboolean(L, -1)))
      return luaL_error(L, "tifa.open cannot open a database for writing in a sandboxed script");
  }
  lua_settop(L, 1);
  lua_createtable(L, 0, 2);
  lua_pushboolean(L, 1);
  lua_setfield(L, -2, "readonly");
  lua_pushboolean(L, 0);
  lua_setfield(L, -2, "create");
  return tifai_sandbox_callorig(L);
}

/* db:sql(sql, ...): not on a writable database (one a runner opened for writing). What the
** authorizer refused (see 'authorize') raises "db:sql cannot attach a database in a
** sandboxed script", but a write keeps db:sql's answer for a read-only database (fail,
** "attempt to write a read-only database"). A statement that ran out of SQLite's share of
** the memory limit, or that the progress handler interrupted, stops the run. */
static int sb_dbsql (lua_State *L) {
  Sandbox *sb = tifai_sandbox_get(L);
  int n;
  luaL_checkudata(L, 1, DBTYPE);
  luaL_checkstring(L, 2);
  if (lua_getfield(L, 1, "readonly") == LUA_TBOOLEAN && !lua_toboolean(L, -1))
    return luaL_error(L, "db:sql cannot use a writable database in a sandboxed script");
  lua_pop(L, 1);
  if (sb == NULL) return tifai_sandbox_callorig(L);
  sb->denied = 0;
  n = tifai_sandbox_callorig(L);
  if (n >= 2 && lua_isnil(L, 1) && lua_type(L, 2) == LUA_TSTRING) {
    if (sb->denied && sb->deniedmsg[0] != '\0')
      return luaL_error(L, "db:sql cannot %s in a sandboxed script", sb->deniedmsg);
    if (sb->denied) {
      lua_pushliteral(L, "attempt to write a read-only database");
      lua_replace(L, 2);
    }
    else if (strcmp(lua_tostring(L, 2), sqlite3_errstr(SQLITE_NOMEM)) == 0)
      tifai_sandbox_setstop(sb, TIFAI_STOP_MEMORY, 0);
  }
  if (tifai_sandbox_check(sb) != TIFAI_STOP_NONE)
    return tifai_sandbox_stoprun(L, sb, sb->stop != TIFAI_STOP_EXIT ? 1 : -1);
  return n;
}

/* Push the methods table of the db objects: __index itself, or upvalue 1 of an __index
** function (ltifalib.c's db_index). Raises if there is none. [-0, +1, v] */
static void pushdbmethods (lua_State *L) {
  luaL_getmetatable(L, DBTYPE);
  lua_getfield(L, -1, "__index");
  if (lua_istable(L, -1)) { lua_remove(L, -2); return; }
  if (lua_iscfunction(L, -1) && lua_getupvalue(L, -1, 1) != NULL && lua_istable(L, -1)) {
    lua_replace(L, -3);
    lua_pop(L, 1);
    return;
  }
  luaL_error(L, "cannot find the methods of '" DBTYPE "'");
}

void tifai_sandbox_store (lua_State *L, int idx) {
  idx = lua_absindex(L, idx);
  tifai_sandbox_wrap(L, idx, "open", sb_tifaopen);
  pushdbmethods(L);
  tifai_sandbox_forbid(L, -1, "ingest", "db:ingest");
  tifai_sandbox_wrap(L, -1, "sql", sb_dbsql);
  lua_pop(L, 1);
}

/* }====== */
