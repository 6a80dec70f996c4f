/*
** lsandbox.h -- the sandbox for scripts shared by colleagues ('tifa run --sandbox'): a Lua
** state whose allocator enforces a memory limit, a count hook for the instruction and
** wall-time limits, and the standard and tifa libraries cut down so that a script cannot
** run programs, write files outside one output directory, load bytecode or C code, reach
** the debug library or change a store. What a script sees is in docs/sandbox.md.
**
** A runner does, in this order:
**   L = tifai_sandbox_newstate(&lim, err, sizeof(err));      NULL: print err
**   luaL_openlibs(L); luaL_requiref(L, "tifa", luaopen_tifa, 1); lua_pop(L, 1);
**   tifai_sandbox_apply(L);                                   from protected code (pmain)
**   push the store as 'db' (opened TIFA_OPEN_READONLY, or the sample corpus)
**   luaL_loadfilex(L, script, "t")                            NEVER luaL_loadfile: bytecode
**   status = lua_pcall(...);                                  can crash the VM
**   stop = tifai_sandbox_why(L, &msg, &code);                 see below
**   tifai_sandbox_close(L);
*/
#ifndef TIFA_LSANDBOX_H
#define TIFA_LSANDBOX_H

#include <stddef.h>
#include "lua.h"

typedef struct tifai_limits {
  size_t mem;                       /* bytes the state may hold; 0: no limit, else >= 1 MB */
  long long instructions;           /* VM instructions per run; 0: no limit */
  double seconds;                   /* wall time per run; 0: no limit */
  const char *outdir;               /* an existing directory: files may be written below it
                                       (resolved once, at newstate); NULL: no writes at all */
} tifai_limits;

/* What stopped a run (tifai_sandbox_why). */
#define TIFAI_STOP_NONE          0  /* nothing: the script ended or failed on its own */
#define TIFAI_STOP_MEMORY        1  /* an allocation was refused even after a full collection */
#define TIFAI_STOP_INSTRUCTIONS  2  /* the instruction limit */
#define TIFAI_STOP_TIME          3  /* the wall-time limit */
#define TIFAI_STOP_EXIT          4  /* the script called os.exit: not an error, see the code */

/* Create a state for a sandboxed script with the limits 'lim' (copied). The state starts as
** luaL_newstate's does (its panic and warning functions), with no library open. On success
** returns the state, to be released with tifai_sandbox_close (not lua_close). On failure
** returns NULL and writes a NUL-terminated message into 'err': "cannot use the output
** directory 'x' (No such file or directory)", "memory limit too small (at least 1 MB)",
** "not enough memory". */
lua_State *tifai_sandbox_newstate (const tifai_limits *lim, char *err, size_t errsz);

/* Close a state made by tifai_sandbox_newstate (lua_close, then the sandbox itself). Other
** states are just closed; NULL is a harmless no-op. The limits hold through the close: the
** run is marked stopped (Lua code that runs hooked raises at its first instruction), Lua
** finalizers are taken out of registered metatables (only C finalizers run), and the
** allocator keeps its limit. Then SQLite's heap limits are as before the sandbox. */
void tifai_sandbox_close (lua_State *L);

/* Cut down the libraries open in L (call it after luaL_openlibs and luaopen_tifa; a library
** opened later is not cut down) and start the limits. In the state afterwards:
**  - os.execute, io.popen, os.remove, os.rename, os.tmpname, io.tmpfile, package.loadlib,
**    db:ingest and every debug function but debug.traceback raise "NAME is not allowed in
**    a sandboxed script"; os.setlocale may only query;
**  - io.open with a mode that writes, and io.output(name), open files only in the output
**    directory (the directory part resolved with realpath, so no '..' or symbolic link leads
**    out; the last component may not be a symbolic link nor have other hard links); else
**    raise "cannot open file 'x' for writing (outside the output directory '/y')". Reading
**    is not restricted;
**  - load, loadfile, dofile and require load text chunks only; require finds no C modules;
**  - tifa.open opens read-only (asking for writing raises), db:sql refuses a writable
**    database; a read-only store refuses writes by itself (see docs/sandbox.md); every
**    connection a script gets is confined (tifai_sandbox_confine): no ATTACH, no PRAGMA
**    that sets, no writes, no load_extension, SQLite's steps counted;
**  - string.find, match, gmatch and gsub are a copy of Lua 5.4.4's (lsbstrlib.c) whose
**    matcher counts its steps as instructions; string.rep of nothing returns at once;
**  - os.exit([code]) ends the run instead of the process: TIFAI_STOP_EXIT;
**  - code that Lua runs with hooks off cannot loop: setmetatable refuses a __gc field (no
**    finalizers), the metatables made by luaL_newmetatable get a __metatable field (so
**    getmetatable(io.stdout) is "FILE*"; tifa's own get it from tifai_newmetatable, also
**    those made later), xpcall's message handler is not called once the
**    run is stopped, and a coroutine the hook raised in is not closed (its to-be-closed
**    variables would run unhooked) by coroutine.close or coroutine.wrap;
**  - a count hook (every 1000 instructions) checks the instruction and time limits.
** When a limit is hit the state is stopped: an error "script exceeded the instruction limit
** (N)" is raised where the script runs, and raised again at its next instruction whatever
** pcall catches, until the run is back in the runner. SQLite's memory above what it held at
** the run's start counts against the memory limit too (its hard heap limit is set for the
** run). Time inside other C calls (a blocking read, tifa's C analytics) is seen only when
** they return: a runner that must bound it adds a process limit (alarm, RLIMIT_CPU). Call
** it once. Raises if L was not made by tifai_sandbox_newstate, or on memory errors.
** [-0, +0, e] */
void tifai_sandbox_apply (lua_State *L);

/* Start a new run in the same state (the REPL, several -e chunks): zero the instruction
** count, restart the clock, clear a stop, install the hook again (a SIGINT hook may have
** replaced it) and set SQLite's heap limit (process-wide) to what SQLite holds now plus the
** memory limit and its eighth. The memory the state holds still counts. */
void tifai_sandbox_restart (lua_State *L);

/* What stopped the last run: TIFAI_STOP_*. '*msg' (if 'msg' is not NULL) gets the text for
** the user, owned by the state until the next run: "script exceeded the memory limit (64
** MB)", "script exceeded the instruction limit (1000000)", "script exceeded the time limit
** (5 s)", "script called os.exit(2)" ("" for TIFAI_STOP_NONE). '*code' (if not NULL) gets
** the status given to os.exit (EXIT_SUCCESS for none or true, EXIT_FAILURE for false).
** A runner should ask after every run, whatever lua_pcall returned: a memory error that
** Lua recovered from still stops the script at its next check, and a stop decides the
** outcome (the error message a stopped script leaves is "not enough memory" or the text
** above with a position). */
int tifai_sandbox_why (lua_State *L, const char **msg, int *code);

/* {====== For the other files of host/lua ====== */

/* luaL_newmetatable(L, tname), and a metatable it makes gets a __metatable field (tname):
** getmetatable then returns the name, so that no script can reach the table to put a
** finalizer of its own into it (finalizers run with hooks off, beyond every limit). Every
** metatable tifa registers is made here. Returns as luaL_newmetatable. [-0, +1, m] */
int tifai_newmetatable (lua_State *L, const char *tname);

/* 1 if L was made by tifai_sandbox_newstate, else 0. */
int tifai_sandbox_is (lua_State *L);

struct tifa_store;
/* If L is a sandbox, confine the store 's' that a script of L is about to get (ltifalib.c
** calls it for every db it pushes): an SQLite authorizer refuses ATTACH, writes, PRAGMAs
** that set a value, and the functions that reach files or C code (load_extension,
** fts3_tokenizer, readfile, writefile); no database may be attached; and a progress
** handler counts SQLite's VM steps as instructions and checks the limits, interrupting the
** statement once the run is stopped. Does nothing in another state. */
void tifai_sandbox_confine (lua_State *L, struct tifa_store *s);

/* }====== */

#endif
