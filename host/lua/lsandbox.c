/*
** lsandbox.c -- the sandbox for scripts shared by colleagues (see lsandbox.h): the allocator
** that enforces the memory limit, the count hook for the instruction and time limits, and
** the cut-down libraries. Redis's script_lua.c redone for stock Lua 5.4. The confined file
** writes are in lsbfiles.c, the confined stores and SQLite in lsbsql.c, the counted pattern
** matcher in lsbstrlib.c; what they share is in lsbint.h.
**   forbidden: os.execute io.popen os.remove os.rename os.tmpname io.tmpfile package.loadlib
**              db:ingest debug.* (but debug.traceback)   -> raise "... is not allowed ..."
**   checked:   io.open io.output (writes in the output directory only) load loadfile dofile
**              require (text only) tifa.open (read-only) db:sql (read-only database; no
**              ATTACH, PRAGMA that sets, load_extension) os.exit (ends the run) os.setlocale
**              (query only) setmetatable (no __gc) xpcall coroutine.wrap coroutine.close
**              (nothing runs with hooks off) string.find/match/gmatch/gsub (lsbstrlib.c:
**              counted) string.rep
*/
#define LUA_LIB
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/stat.h>
#include <sqlite3.h>
#include "lua.h"
#include "lauxlib.h"
#include "lualib.h"
#include "tifa.h"
#include "lsandbox.h"
#include "lsbint.h"

#define STEP      1000              /* instructions between two checks of the limits */
#define MINMEM    ((size_t)1 << 20) /* the smallest memory limit: the libraries need ~300 KB */
#define STOP_CLOSING  (-1)          /* the state is closing: nothing of the script may run */

static void *sballoc (void *ud, void *ptr, size_t osize, size_t nsize);
static void hook (lua_State *L, lua_Debug *ar);

/* Registry key of a weak set of the coroutines the hook raised in (tifai_sandbox_stoprun). */
static const char KILLED = 'k';

Sandbox *tifai_sandbox_get (lua_State *L) {
  void *ud;
  return lua_getallocf(L, &ud) == sballoc ? (Sandbox *)ud : NULL;
}

int tifai_sandbox_is (lua_State *L) {
  return tifai_sandbox_get(L) != NULL;
}

/* Human-readable memory size: "64 MB", "1536 KB", "1000000 bytes". */
static void fmtbytes (char *out, size_t sz, size_t n) {
  if (n % (1u << 20) == 0) snprintf(out, sz, "%zu MB", n >> 20);
  else if (n % (1u << 10) == 0) snprintf(out, sz, "%zu KB", n >> 10);
  else snprintf(out, sz, "%zu bytes", n);
}

void tifai_sandbox_arm (Sandbox *sb) {
  if (lua_gethook(sb->L) == hook) lua_sethook(sb->L, hook, LUA_MASKCOUNT, 1);
}

void tifai_sandbox_setstop (Sandbox *sb, int why, int code) {
  char size[48];
  if (sb->stop != TIFAI_STOP_NONE) return;
  sb->stop = why;
  sb->code = code;
  tifai_sandbox_arm(sb);
  switch (why) {
    case TIFAI_STOP_MEMORY:
      fmtbytes(size, sizeof(size), sb->lim.mem);
      snprintf(sb->msg, sizeof(sb->msg), "script exceeded the memory limit (%s)", size);
      break;
    case TIFAI_STOP_INSTRUCTIONS:
      snprintf(sb->msg, sizeof(sb->msg), "script exceeded the instruction limit (%lld)",
               sb->lim.instructions);
      break;
    case TIFAI_STOP_TIME:
      snprintf(sb->msg, sizeof(sb->msg), "script exceeded the time limit (%g s)", sb->lim.seconds);
      break;
    case STOP_CLOSING:
      snprintf(sb->msg, sizeof(sb->msg), "the sandbox is closing");
      break;
    default:
      snprintf(sb->msg, sizeof(sb->msg), "script called os.exit(%d)", code);
  }
}

/* {====== Memory ====== */

size_t tifai_sandbox_reserve (const Sandbox *sb) {
  size_t r = sb->lim.mem / 8;
  return r < (256u << 10) ? (256u << 10) : r;
}

/* Is (ptr, osize, nsize) the request refused last? */
#define SAMEREQ(sb, ptr, osize, nsize) \
  ((sb)->refused && (sb)->rptr == (ptr) && (sb)->rosize == (osize) && (sb)->rnsize == (nsize))

/* lauxlib's l_alloc, counting. Growth past the limit is refused. Lua then collects all it
** can and asks again (lmem.c 'tryagain'): if that retry fits, nothing happened; if it is
** refused too, the run stops. A refusal that gets no retry (a luaL_Buffer's box, which
** calls the allocator itself, or a growing stack) stops the run at the next instruction
** (the hook, armed here) or when the runner asks (tifai_sandbox_why). Frees and shrinks
** never fail.
**   Lua's collector does not see the buffers of luaL_Buffer (allocated here directly) and
** paces itself on twice the live memory, so a script with little live data could hit the
** limit with garbage, at a buffer, which gets no emergency collection. So past 'gcmark' the
** hook does a full collection at the next instruction. */
static void *sballoc (void *ud, void *ptr, size_t osize, size_t nsize) {
  Sandbox *sb = (Sandbox *)ud;
  void *p;
  if (ptr == NULL) osize = 0;               /* then 'osize' tells the kind of object */
  if (nsize == 0) {
    free(ptr);
    sb->used -= osize;
    return NULL;
  }
  if (nsize > osize && sb->lim.mem > 0) {
    size_t cap = sb->lim.mem + (sb->stop != TIFAI_STOP_NONE ? tifai_sandbox_reserve(sb) : 0);
    if (sb->used > cap || nsize - osize > cap - sb->used) {
      if (SAMEREQ(sb, ptr, osize, nsize)) tifai_sandbox_setstop(sb, TIFAI_STOP_MEMORY, 0);
      else {
        sb->refused = 1;
        sb->rptr = ptr;
        sb->rosize = osize;
        sb->rnsize = nsize;
        tifai_sandbox_arm(sb);
      }
      return NULL;
    }
  }
  if (SAMEREQ(sb, ptr, osize, nsize)) sb->refused = 0;   /* the retry fits */
  if ((p = realloc(ptr, nsize)) == NULL) return NULL;
  sb->used = sb->used - osize + nsize;
  if (sb->lim.mem > 0 && sb->used > sb->gcmark && !sb->wantgc) {
    sb->wantgc = 1;
    tifai_sandbox_arm(sb);
  }
  return p;
}

/* Where the next collection by the hook is due: 1/8 of the limit above what a collection
** left, and not below half the limit. */
static void setgcmark (Sandbox *sb) {
  size_t m = sb->used + sb->lim.mem / 8;
  sb->gcmark = m < sb->lim.mem / 2 ? sb->lim.mem / 2 : m;
  sb->wantgc = 0;
}

/* }====== */

/* {====== The hook ====== */

static double elapsed (const Sandbox *sb) {
  struct timespec now;
  clock_gettime(CLOCK_MONOTONIC, &now);
  return (double)(now.tv_sec - sb->start.tv_sec) + (double)(now.tv_nsec - sb->start.tv_nsec) / 1e9;
}

int tifai_sandbox_check (Sandbox *sb) {
  if (sb->stop != TIFAI_STOP_NONE) return sb->stop;
  if (sb->refused)                          /* a refusal Lua did not retry */
    tifai_sandbox_setstop(sb, TIFAI_STOP_MEMORY, 0);
  else if (sb->lim.instructions > 0 && sb->count >= sb->lim.instructions)
    tifai_sandbox_setstop(sb, TIFAI_STOP_INSTRUCTIONS, 0);
  else if (sb->lim.seconds > 0 && elapsed(sb) >= sb->lim.seconds)
    tifai_sandbox_setstop(sb, TIFAI_STOP_TIME, 0);
  return sb->stop;
}

/* Instructions between two calls of the hook while the run goes on. */
static int step (const Sandbox *sb) {
  return (sb->lim.instructions > 0 && sb->lim.instructions < STEP) ? (int)sb->lim.instructions : STEP;
}

static void sethook (lua_State *L, const Sandbox *sb) {
  lua_sethook(L, hook, LUA_MASKCOUNT, step(sb));
}

int tifai_sandbox_stoprun (lua_State *L, Sandbox *sb, int level) {
  lua_sethook(L, hook, LUA_MASKCOUNT, 1);
  if (L != sb->L) {                         /* a coroutine: see 'killed' */
    if (lua_rawgetp(L, LUA_REGISTRYINDEX, &KILLED) == LUA_TTABLE) {
      lua_pushthread(L);
      lua_pushboolean(L, 1);
      lua_rawset(L, -3);
    }
    lua_pop(L, 1);
  }
  if (level >= 0) luaL_where(L, level);
  else lua_pushliteral(L, "");
  lua_pushstring(L, sb->msg);
  lua_concat(L, 2);
  return lua_error(L);
}

/* The count hook: every STEP instructions (or at every one, once stopped). Coroutines
** inherit it from the thread that creates them. SQLite's memory past the limit stops the
** run only if it is still past after a full collection: the stores a script dropped hold
** their memory in SQLite until the collector closes them, and the collector does not see
** it. */
static void hook (lua_State *L, lua_Debug *ar) {
  Sandbox *sb = tifai_sandbox_get(L);
  (void)ar;
  if (sb == NULL) return;
  if (sb->wantgc && sb->stop == TIFAI_STOP_NONE) {
    lua_gc(L, LUA_GCCOLLECT);               /* no finalizer of the script's: see below */
    setgcmark(sb);
  }
  if (sb->stop == TIFAI_STOP_NONE && tifai_sandbox_sqlover(sb)) {
    lua_gc(L, LUA_GCCOLLECT);
    setgcmark(sb);
    if (tifai_sandbox_sqlover(sb)) tifai_sandbox_setstop(sb, TIFAI_STOP_MEMORY, 0);
  }
  if (sb->stop == TIFAI_STOP_NONE) {
    sb->count += lua_gethookcount(L);
    if (tifai_sandbox_check(sb) == TIFAI_STOP_NONE) {
      if (lua_gethookcount(L) != step(sb)) sethook(L, sb);   /* armed by a refusal retried */
      return;
    }
  }
  tifai_sandbox_stoprun(L, sb, sb->stop != TIFAI_STOP_EXIT ? 0 : -1);
}

void tifai_sandbox_steps (lua_State *L, long long n) {
  Sandbox *sb = tifai_sandbox_get(L);
  if (sb == NULL) return;
  if (sb->stop == TIFAI_STOP_NONE) {
    sb->count += n;
    tifai_sandbox_check(sb);
  }
  if (sb->stop != TIFAI_STOP_NONE)
    tifai_sandbox_stoprun(L, sb, sb->stop != TIFAI_STOP_EXIT ? 1 : -1);
}

/* }====== */

/* {====== Forbidden and checked functions ====== */

/* A forbidden function: upvalue 1 is its name as the script would write it. */
static int forbidden (lua_State *L) {
  return luaL_error(L, "%s is not allowed in a sandboxed script", lua_tostring(L, lua_upvalueindex(1)));
}

void tifai_sandbox_forbid (lua_State *L, int idx, const char *k, const char *name) {
  idx = lua_absindex(L, idx);
  if (lua_getfield(L, idx, k) == LUA_TNIL) { lua_pop(L, 1); return; }
  lua_pop(L, 1);
  lua_pushstring(L, name);
  lua_pushcclosure(L, forbidden, 1);
  lua_setfield(L, idx, k);
}

void tifai_sandbox_wrap (lua_State *L, int idx, const char *k, lua_CFunction f) {
  idx = lua_absindex(L, idx);
  if (lua_getfield(L, idx, k) == LUA_TNIL) { lua_pop(L, 1); return; }
  lua_pushcclosure(L, f, 1);
  lua_setfield(L, idx, k);
}

static int allresults (lua_State *L, int status, lua_KContext ctx) {
  (void)status; (void)ctx;
  return lua_gettop(L);
}

int tifai_sandbox_callorig (lua_State *L) {
  lua_pushvalue(L, lua_upvalueindex(1));
  lua_insert(L, 1);
  lua_callk(L, lua_gettop(L) - 1, LUA_MULTRET, 0, allresults);
  return lua_gettop(L);
}

/* {------ Chunks: text only (binary chunks can crash the VM) ------ */

/* load(chunk [, chunkname [, mode [, env]]]): mode "t" whatever is asked. An absent 'env'
** stays absent (load tells it from nil). */
static int sb_load (lua_State *L) {
  if (!lua_isstring(L, 1)) luaL_checktype(L, 1, LUA_TFUNCTION);
  luaL_optstring(L, 2, NULL);
  luaL_optstring(L, 3, NULL);
  if (lua_gettop(L) < 3) lua_settop(L, 3);
  lua_pushliteral(L, "t");
  lua_replace(L, 3);
  return tifai_sandbox_callorig(L);
}

/* loadfile([filename [, mode [, env]]]) */
static int sb_loadfile (lua_State *L) {
  luaL_optstring(L, 1, NULL);
  luaL_optstring(L, 2, NULL);
  if (lua_gettop(L) < 2) lua_settop(L, 2);
  lua_pushliteral(L, "t");
  lua_replace(L, 2);
  return tifai_sandbox_callorig(L);
}

static int dofilecont (lua_State *L, int d1, lua_KContext d2) {
  (void)d1; (void)d2;
  return lua_gettop(L) - 1;
}

/* dofile([filename]): lbaselib's, with mode "t" */
static int sb_dofile (lua_State *L) {
  const char *fname = luaL_optstring(L, 1, NULL);
  lua_settop(L, 1);
  if (luaL_loadfilex(L, fname, "t") != LUA_OK) return lua_error(L);
  lua_callk(L, 0, LUA_MULTRET, 0, dofilecont);
  return dofilecont(L, 0, 0);
}

/* The Lua searcher of loadlib.c, text only: upvalue 1 is the package table, upvalue 2 the
** original package.searchpath. Returns the loader and the file name, or the message. */
static int searcher_text (lua_State *L) {
  const char *name = luaL_checkstring(L, 1), *filename;
  lua_getfield(L, lua_upvalueindex(1), "path");
  if (!lua_isstring(L, -1)) return luaL_error(L, "'package.path' must be a string");
  lua_pushvalue(L, lua_upvalueindex(2));
  lua_pushvalue(L, 1);
  lua_pushvalue(L, -3);
  lua_call(L, 2, 2);                        /* filename | nil, "no file '...'..." */
  if (lua_isnil(L, -2)) return 1;
  filename = lua_tostring(L, -2);
  if (luaL_loadfilex(L, filename, "t") != LUA_OK)
    return luaL_error(L, "error loading module '%s' from file '%s':\n\t%s", name, filename,
                      lua_tostring(L, -1));
  lua_pushstring(L, filename);              /* 2nd argument to the loader */
  return 2;
}

/* }------ */

/* {------ os ------ */

/* os.exit([code [, close]]): ends the run, not the process; the runner gets the status
** from tifai_sandbox_why and closes the state. */
static int sb_exit (lua_State *L) {
  Sandbox *sb = tifai_sandbox_get(L);
  int code;
  if (lua_isboolean(L, 1)) code = lua_toboolean(L, 1) ? EXIT_SUCCESS : EXIT_FAILURE;
  else code = (int)luaL_optinteger(L, 1, EXIT_SUCCESS);
  if (sb == NULL) return luaL_error(L, "os.exit is not allowed in a sandboxed script");
  tifai_sandbox_setstop(sb, TIFAI_STOP_EXIT, code);
  return tifai_sandbox_stoprun(L, sb, sb->stop != TIFAI_STOP_EXIT ? 0 : -1);
}

/* os.setlocale([locale [, category]]): only queries; the locale is the whole process's. */
static int sb_setlocale (lua_State *L) {
  if (!lua_isnoneornil(L, 1))
    return luaL_error(L, "os.setlocale cannot change the locale in a sandboxed script");
  return tifai_sandbox_callorig(L);
}

/* }------ */

/* {------ Code the hook cannot reach ------
** Lua runs some code with hooks off: finalizers (lgc.c 'GCTM'), and after an error raised by
** a hook, until a pcall catches it, the message handler (ldebug.c 'luaG_errormsg') and, in a
** coroutine that the error ends, the to-be-closed variables that closing it runs
** (lua_resetthread). A loop there would never stop. So scripts get no finalizers, message
** handlers do not run once a run is stopped, and the coroutines the hook raised in are
** not closed. */

/* setmetatable(t, mt): no __gc (even a placeholder: a finalizer is looked up when it runs) */
static int sb_setmetatable (lua_State *L) {
  int t = lua_type(L, 2);
  luaL_checktype(L, 1, LUA_TTABLE);
  luaL_argexpected(L, t == LUA_TNIL || t == LUA_TTABLE, 2, "nil or table");
  if (t == LUA_TTABLE) {
    lua_pushliteral(L, "__gc");
    if (lua_rawget(L, 2) != LUA_TNIL)
      return luaL_error(L, "__gc metamethods are not allowed in a sandboxed script");
  }
  lua_settop(L, 2);
  return tifai_sandbox_callorig(L);
}

/* The message handler given to xpcall, as upvalue 1 of this guard: not called once the run
** is stopped (the error then comes from the hook). */
static int msgguard (lua_State *L) {
  Sandbox *sb = tifai_sandbox_get(L);
  if (sb != NULL && sb->stop != TIFAI_STOP_NONE) return 1;     /* the error as it is */
  lua_pushvalue(L, lua_upvalueindex(1));
  lua_insert(L, 1);
  lua_call(L, lua_gettop(L) - 1, 1);
  return 1;
}

/* xpcall(f, msgh, ...) */
static int sb_xpcall (lua_State *L) {
  luaL_checktype(L, 2, LUA_TFUNCTION);
  lua_pushvalue(L, 2);
  lua_pushcclosure(L, msgguard, 1);
  lua_replace(L, 2);
  return tifai_sandbox_callorig(L);
}

/* Did the hook raise in the coroutine at 'idx'? Closing it would run its to-be-closed
** variables with no hook. */
static int killed (lua_State *L, int idx) {
  int k;
  idx = lua_absindex(L, idx);
  if (lua_rawgetp(L, LUA_REGISTRYINDEX, &KILLED) != LUA_TTABLE) { lua_pop(L, 1); return 0; }
  lua_pushvalue(L, idx);
  k = lua_rawget(L, -2) != LUA_TNIL;
  lua_pop(L, 2);
  return k;
}

/* coroutine.close(co) */
static int sb_coclose (lua_State *L) {
  luaL_argexpected(L, lua_tothread(L, 1) != NULL, 1, "coroutine");
  if (killed(L, 1)) {
    lua_pushboolean(L, 0);
    lua_pushliteral(L, "cannot close a coroutine the sandbox stopped");
    return 2;
  }
  return tifai_sandbox_callorig(L);
}

/* lcorolib.c's auxresume */
static int auxresume (lua_State *L, lua_State *co, int narg) {
  int status, nres;
  if (!lua_checkstack(co, narg)) {
    lua_pushliteral(L, "too many arguments to resume");
    return -1;
  }
  lua_xmove(L, co, narg);
  status = lua_resume(co, L, narg, &nres);
  if (status == LUA_OK || status == LUA_YIELD) {
    if (!lua_checkstack(L, nres + 1)) {
      lua_pop(co, nres);
      lua_pushliteral(L, "too many results to resume");
      return -1;
    }
    lua_xmove(co, L, nres);
    return nres;
  }
  lua_xmove(co, L, 1);                      /* the error */
  return -1;
}

/* lcorolib.c's auxwrap, but a coroutine the hook raised in is not closed */
static int auxwrap (lua_State *L) {
  lua_State *co = lua_tothread(L, lua_upvalueindex(1));
  int r = auxresume(L, co, lua_gettop(L));
  if (r < 0) {
    int stat = lua_status(co);
    if (stat != LUA_OK && stat != LUA_YIELD && !killed(L, lua_upvalueindex(1))) {
      stat = lua_resetthread(co);           /* close its tbc variables */
      lua_xmove(co, L, 1);
    }
    if (stat != LUA_ERRMEM && lua_type(L, -1) == LUA_TSTRING) {
      luaL_where(L, 1);
      lua_insert(L, -2);
      lua_concat(L, 2);
    }
    return lua_error(L);
  }
  return r;
}

/* coroutine.tifai_sandbox_wrap(f) */
static int sb_cowrap (lua_State *L) {
  lua_State *co;
  luaL_checktype(L, 1, LUA_TFUNCTION);
  co = lua_newthread(L);
  lua_pushvalue(L, 1);
  lua_xmove(L, co, 1);
  lua_pushcclosure(L, auxwrap, 1);
  return 1;
}

/* Give every metatable made by luaL_newmetatable (they have a __name) a __metatable field,
** so that getmetatable returns that name and a script cannot put a __gc of its own into the
** metatable of files or db objects. */
static void protectmetatables (lua_State *L) {
  lua_pushnil(L);
  while (lua_next(L, LUA_REGISTRYINDEX) != 0) {
    if (lua_istable(L, -1)) {
      lua_pushliteral(L, "__name");
      if (lua_rawget(L, -2) == LUA_TSTRING) {
        lua_pushliteral(L, "__metatable");
        lua_insert(L, -2);
        lua_rawset(L, -3);
      }
      else lua_pop(L, 1);
    }
    lua_pop(L, 1);
  }
}

/* }------ */

/* {------ debug: traceback only ------ */

/* __index of the debug table: any other name raises. */
static int debug_index (lua_State *L) {
  const char *k = lua_tostring(L, 2);
  if (k == NULL) return 0;
  return luaL_error(L, "debug.%s is not allowed in a sandboxed script", k);
}

/* }------ */

/* }====== */

/* {====== The API ====== */

int tifai_newmetatable (lua_State *L, const char *tname) {
  if (!luaL_newmetatable(L, tname)) return 0;
  lua_pushstring(L, tname);
  lua_setfield(L, -2, "__metatable");
  return 1;
}

lua_State *tifai_sandbox_newstate (const tifai_limits *lim, char *err, size_t errsz) {
  Sandbox *sb;
  lua_State *L = NULL;
  if (lim->mem > 0 && lim->mem < MINMEM) {
    snprintf(err, errsz, "memory limit too small (at least 1 MB)");
    return NULL;
  }
  if ((sb = (Sandbox *)calloc(1, sizeof(Sandbox))) == NULL) goto nomem;
  sb->lim = *lim;
  sb->lim.outdir = NULL;                    /* not kept: the caller's string */
  if (lim->outdir != NULL) {
    struct stat st;
    int e = 0;
    if (realpath(lim->outdir, sb->outdir) == NULL || stat(sb->outdir, &st) != 0) e = errno;
    else if (!S_ISDIR(st.st_mode)) e = ENOTDIR;
    if (e != 0) {
      snprintf(err, errsz, "cannot use the output directory '%s' (%s)", lim->outdir, strerror(e));
      free(sb);
      return NULL;
    }
  }
  /* luaL_newstate for its panic and warning functions, then the counting allocator: the
  ** blocks it made so far are realloc's too, and Lua's count of them starts ours */
  if ((L = luaL_newstate()) == NULL) goto nomem;
  sb->used = (size_t)lua_gc(L, LUA_GCCOUNT) * 1024 + (size_t)lua_gc(L, LUA_GCCOUNTB);
  sb->sqlbase = sqlite3_memory_used();      /* until the first run starts (sqlheap) */
  sb->L = L;
  setgcmark(sb);
  lua_setallocf(L, sballoc, sb);
  clock_gettime(CLOCK_MONOTONIC, &sb->start);
  return L;
nomem:
  free(sb);
  snprintf(err, errsz, "%s", tifa_errstr(TIFA_NOMEM));
  return NULL;
}

/* Closing runs finalizers with hooks off. A script cannot have any of its own (see
** sb_setmetatable and tifai_newmetatable); should one have got into a registered
** metatable anyway, it is taken out here: only C finalizers run at the close. [-0, +0, -] */
static void dropluafinalizers (lua_State *L) {
  lua_pushnil(L);
  while (lua_next(L, LUA_REGISTRYINDEX) != 0) {
    if (lua_istable(L, -1)) {
      lua_pushliteral(L, "__gc");
      if (lua_rawget(L, -2) != LUA_TNIL && !lua_iscfunction(L, -1)) {
        lua_pushliteral(L, "__gc");
        lua_pushnil(L);
        lua_rawset(L, -4);
      }
      lua_pop(L, 1);
    }
    lua_pop(L, 1);
  }
}

void tifai_sandbox_close (lua_State *L) {
  Sandbox *sb;
  if (L == NULL) return;
  sb = tifai_sandbox_get(L);
  if (sb != NULL) {
    /* nothing of the script may run while the state closes: the stop holds (a to-be-closed
    ** variable or a coroutine run by a C finalizer raises at its first instruction), the
    ** allocator keeps its limit and only C finalizers are left */
    sb->stop = TIFAI_STOP_NONE;
    tifai_sandbox_setstop(sb, STOP_CLOSING, 0);
    sethook(L, sb);
    tifai_sandbox_arm(sb);
    dropluafinalizers(L);
  }
  lua_close(L);
  if (sb != NULL && sb->heapset) {
    sqlite3_hard_heap_limit64(sb->oldhard);
    sqlite3_soft_heap_limit64(sb->oldsoft);
  }
  free(sb);
}

void tifai_sandbox_restart (lua_State *L) {
  Sandbox *sb = tifai_sandbox_get(L);
  if (sb == NULL) return;
  sb->count = 0;
  sb->stop = TIFAI_STOP_NONE;
  sb->code = 0;
  sb->msg[0] = '\0';
  sb->refused = 0;
  setgcmark(sb);
  tifai_sandbox_sqlheap(sb);
  clock_gettime(CLOCK_MONOTONIC, &sb->start);
  sethook(sb->L, sb);
  if (L != sb->L) sethook(L, sb);
}

int tifai_sandbox_why (lua_State *L, const char **msg, int *code) {
  Sandbox *sb = tifai_sandbox_get(L);
  if (sb != NULL && sb->stop == TIFAI_STOP_NONE && sb->refused)   /* no instruction since */
    tifai_sandbox_setstop(sb, TIFAI_STOP_MEMORY, 0);
  if (msg) *msg = sb ? sb->msg : "";
  if (code) *code = sb ? sb->code : 0;
  return sb ? sb->stop : TIFAI_STOP_NONE;
}

void tifai_sandbox_apply (lua_State *L) {
  Sandbox *sb = tifai_sandbox_get(L);
  int top = lua_gettop(L), loaded;
  if (sb == NULL) luaL_error(L, "not a sandbox state (made by tifai_sandbox_newstate)");
  luaL_getsubtable(L, LUA_REGISTRYINDEX, LUA_LOADED_TABLE);
  loaded = lua_gettop(L);
  /* base: chunks as text only */
  lua_pushglobaltable(L);
  tifai_sandbox_wrap(L, -1, "load", sb_load);
  tifai_sandbox_wrap(L, -1, "loadfile", sb_loadfile);
  lua_pushcfunction(L, sb_dofile);
  lua_setfield(L, -2, "dofile");
  tifai_sandbox_wrap(L, -1, "setmetatable", sb_setmetatable);
  tifai_sandbox_wrap(L, -1, "xpcall", sb_xpcall);
  /* debug: a table with traceback alone, raising for any other name */
  lua_createtable(L, 0, 1);
  if (lua_getfield(L, loaded, LUA_DBLIBNAME) == LUA_TTABLE) lua_getfield(L, -1, "traceback");
  else lua_pushnil(L);
  lua_setfield(L, -3, "traceback");
  lua_pop(L, 1);                            /* the real debug library: unreachable now */
  lua_createtable(L, 0, 1);
  lua_pushcfunction(L, debug_index);
  lua_setfield(L, -2, "__index");
  lua_setmetatable(L, -2);
  lua_pushvalue(L, -1);
  lua_setfield(L, -3, LUA_DBLIBNAME);       /* _G.debug */
  lua_setfield(L, loaded, LUA_DBLIBNAME);   /* require "debug" */
  lua_pop(L, 1);                            /* _G */
  /* string: a matcher that counts its steps (lsbstrlib.c); also the strings' methods */
  if (lua_getfield(L, loaded, LUA_STRLIBNAME) == LUA_TTABLE) tifai_sandbox_strings(L, -1);
  lua_pop(L, 1);
  /* coroutine */
  if (lua_getfield(L, loaded, LUA_COLIBNAME) == LUA_TTABLE) {
    tifai_sandbox_wrap(L, -1, "close", sb_coclose);
    lua_pushcfunction(L, sb_cowrap);
    lua_setfield(L, -2, "wrap");
  }
  lua_pop(L, 1);
  /* os */
  if (lua_getfield(L, loaded, LUA_OSLIBNAME) == LUA_TTABLE) {
    tifai_sandbox_forbid(L, -1, "execute", "os.execute");
    tifai_sandbox_forbid(L, -1, "remove", "os.remove");
    tifai_sandbox_forbid(L, -1, "rename", "os.rename");
    tifai_sandbox_forbid(L, -1, "tmpname", "os.tmpname");
    lua_pushcfunction(L, sb_exit);
    lua_setfield(L, -2, "exit");
    tifai_sandbox_wrap(L, -1, "setlocale", sb_setlocale);
  }
  lua_pop(L, 1);
  /* io */
  if (lua_getfield(L, loaded, LUA_IOLIBNAME) == LUA_TTABLE) {
    tifai_sandbox_forbid(L, -1, "popen", "io.popen");
    tifai_sandbox_forbid(L, -1, "tmpfile", "io.tmpfile");
    tifai_sandbox_files(L, -1);          /* io.open, io.output: lsbfiles.c */
  }
  lua_pop(L, 1);
  /* package: no C loader, the Lua searcher text only */
  if (lua_getfield(L, loaded, LUA_LOADLIBNAME) == LUA_TTABLE) {
    int pkg = lua_gettop(L);
    tifai_sandbox_forbid(L, pkg, "loadlib", "package.loadlib");
    lua_createtable(L, 2, 0);
    if (lua_getfield(L, pkg, "searchers") == LUA_TTABLE) lua_rawgeti(L, -1, 1);  /* preload */
    else lua_pushnil(L);
    lua_rawseti(L, -3, 1);
    lua_pop(L, 1);                          /* the old searchers: unreachable now */
    lua_pushvalue(L, pkg);
    lua_getfield(L, pkg, "searchpath");
    lua_pushcclosure(L, searcher_text, 2);
    lua_rawseti(L, -2, lua_rawlen(L, -2) + 1);
    lua_setfield(L, pkg, "searchers");
  }
  lua_pop(L, 1);
  /* tifa: stores read-only */
  if (lua_getfield(L, loaded, "tifa") == LUA_TTABLE) tifai_sandbox_store(L, -1);   /* lsbsql.c */
  lua_settop(L, top);
  protectmetatables(L);
  lua_newtable(L);                          /* the coroutines the hook raised in */
  lua_createtable(L, 0, 1);
  lua_pushliteral(L, "k");
  lua_setfield(L, -2, "__mode");
  lua_setmetatable(L, -2);
  lua_rawsetp(L, LUA_REGISTRYINDEX, &KILLED);
  tifai_sandbox_restart(L);                 /* the clock starts, the hook is set */
}

/* }====== */
