/*
** lsbint.h -- what the files of the sandbox share (lsandbox.c, lsbfiles.c, lsbsql.c,
** lsbstrlib.c): the state of a sandbox, the stop of a run, the wrapping of library
** functions, and what each file puts in place. Runners and the other files of host/lua
** use lsandbox.h only.
*/
#ifndef TIFA_LSBINT_H
#define TIFA_LSBINT_H

#include <limits.h>
#include <stddef.h>
#include <time.h>
#include <sqlite3.h>
#include "lua.h"
#include "lsandbox.h"

typedef struct Sandbox {
  lua_State *L;                     /* the main thread */
  tifai_limits lim;
  char outdir[PATH_MAX];            /* lim.outdir resolved; "" if none */
  size_t used;                      /* bytes the state holds (every block given, buffers too) */
  const void *rptr;                 /* the last refused allocation (ptr, osize, nsize), */
  size_t rosize, rnsize;            /* to tell Lua's retry after its emergency collection */
  int refused;                      /* 1 while that refusal is the last growth asked for */
  size_t gcmark;                    /* past it, the hook collects (see 'sballoc') */
  int wantgc;                       /* the hook is armed to collect */
  long long count;                  /* instructions run, as the hook counts them */
  struct timespec start;            /* when the run started */
  int stop;                         /* TIFAI_STOP_* */
  int code;                         /* os.exit's status */
  char msg[160];                    /* the stop's text */
  sqlite3_int64 sqlbase;            /* SQLite's memory in use when the run started */
  int heapset;                      /* the SQLite heap limits below are saved (restore them) */
  sqlite3_int64 oldhard, oldsoft;   /* the process's SQLite heap limits before the sandbox */
  int denied;                       /* the authorizer refused something (see 'deniedmsg') */
  char deniedmsg[160];              /* what: "attach a database", "" for a write */
} Sandbox;

/* {====== lsandbox.c: the state and its limits ====== */

/* The sandbox of L, or NULL if L was not made by tifai_sandbox_newstate. Allocates nothing,
** so the hook and the allocator's callers may use it anywhere. */
Sandbox *tifai_sandbox_get (lua_State *L);

/* Make the hook of the main thread fire at its next instruction. lua_sethook only sets
** fields (lua.c calls it from a signal handler), so the allocator may call this. A hook
** that is not ours (the program's Ctrl-C hook) is left alone. */
void tifai_sandbox_arm (Sandbox *sb);

/* Mark the run stopped by 'why' (once: the first cause wins) and write its text. */
void tifai_sandbox_setstop (Sandbox *sb, int why, int code);

/* Check the limits after 'sb->count' grew: stop the run if one is hit. Returns the stop.
** SQLite's memory is the hook's to check (tifai_sandbox_sqlover). */
int tifai_sandbox_check (Sandbox *sb);

/* Raise the stop's error in L, with the position of the function at 'level' (0 in a hook:
** the hooked function; 1 in a C function: its caller), none if 'level' < 0. The hook then
** fires at every instruction of L and of the main thread, so an error caught by pcall is
** raised again at once, until the run is back in the runner. [-0, +1, v] */
int tifai_sandbox_stoprun (lua_State *L, Sandbox *sb, int level);

/* Room left once a run is stopped, so that the error, the runner's traceback and the
** finalizers still get their few allocations. */
size_t tifai_sandbox_reserve (const Sandbox *sb);

/* t[k] = a function raising "NAME is not allowed in a sandboxed script", 'name' being the
** NAME, for the table at 'idx' (if it has 'k'). [-0, +0, m] */
void tifai_sandbox_forbid (lua_State *L, int idx, const char *k, const char *name);

/* t[k] = f with the old t[k] as its upvalue 1, for the table at 'idx' (if it has 'k').
** [-0, +0, m] */
void tifai_sandbox_wrap (lua_State *L, int idx, const char *k, lua_CFunction f);

/* In a function put in place by tifai_sandbox_wrap: call upvalue 1 with the arguments on
** the stack, returning all its results; yieldable, for xpcall. */
int tifai_sandbox_callorig (lua_State *L);

/* Count 'n' steps of work done inside a C function (lsbstrlib.c's pattern matcher) as
** instructions, check the limits, and raise the stop's error (with the caller's position)
** if the run is stopped. Does nothing in a state that is no sandbox. [-0, +0, v] */
void tifai_sandbox_steps (lua_State *L, long long n);

/* }====== */

/* {====== What the other files put in place (tifai_sandbox_apply) ====== */

/* lsbfiles.c: io.open and io.output of the io table at 'idx', writing only below the
** output directory. [-0, +0, m] */
void tifai_sandbox_files (lua_State *L, int idx);

/* lsbsql.c: tifa.open (read-only), db:ingest (forbidden) and db:sql (read-only databases,
** what the authorizer refused raised) for the tifa table at 'idx'. Raises if the db
** objects have no methods. [-0, +0, v] */
void tifai_sandbox_store (lua_State *L, int idx);

/* lsbsql.c: is SQLite holding more than the memory limit above what it held when the run
** started? (Its own heap limit, set at the start of the run, is an eighth higher: see
** tifai_sandbox_sqlheap.) */
int tifai_sandbox_sqlover (const Sandbox *sb);

/* lsbsql.c: bound SQLite's memory for a run starting now: its heap limit (process-wide)
** becomes what it holds now plus the memory limit and the reserve; tifai_sandbox_sqlover
** stops the run at the limit itself. The limits the process had are restored by
** tifai_sandbox_close. */
void tifai_sandbox_sqlheap (Sandbox *sb);

/* lsbstrlib.c: the sandbox's string.find, match, gmatch, gsub and rep, put into the table
** at 'idx'. [-0, +0, m] */
void tifai_sandbox_strings (lua_State *L, int idx);

/* }====== */

#endif
