/*
** lscriptpart.h -- a Lua script's parts and merge (lscriptpart.c): the script defines
** part(db, ...), run on one shard (or one store), whose value becomes the record of a part in
** the format of docs/shards.md, and merge(parts, ...), run once on the values of all parts
** (tifa merge --script). The command line is host/cli/scriptpartcmd.c.
**
** A runner ('tifa part script', 'tifa merge --script') does, as 'tifa run' does:
**   L = luaL_newstate() or tifai_sandbox_newstate(&lim, ...)       (job.sandbox: the latter)
**   status = cli_docall(L, 1, ...) of tifai_script_part or tifai_script_merge with &job
**   (part: then lua_pcall of tifai_script_partlines on the job and part's value)
**   stop = tifai_sandbox_why(L, ...) for a sandbox; then print or report
*/
#ifndef TIFA_LSCRIPTPART_H
#define TIFA_LSCRIPTPART_H

#include <stddef.h>
#include "lua.h"

struct tifa_store;

/* The hash a part records of its script: "fnv1a64:" and 16 hex digits (FNV-1a 64 of the
** bytes, tifa_fnv1a64), written into 'out' (at least TIFAI_SCRIPT_HASHSZ bytes). */
#define TIFAI_SCRIPT_HASHSZ  25
void tifai_script_hash (const char *code, size_t len, char *out);

/* Put the directory of the script at path 'script' first on package.path, so that require
** finds the modules beside it ('tifa run', a script's part and merge). [-0, +0, m] */
void tifai_script_setpath (lua_State *L, const char *script);

typedef struct tifai_scriptjob {
  const char *path;                 /* the script as named, for messages ("@path") and
                                       require (its directory first on package.path) */
  const char *realpath;             /* part: its absolute path, for the part's header */
  const char *code;                 /* its bytes, code[0..len): loaded from here, so the
                                       hash is of what runs */
  size_t len;
  int sandbox;                      /* the state is a sandbox: the libraries are cut down
                                       (tifai_sandbox_apply) and chunks load as text only */
  int argc;                         /* part: the script's arguments, argv[0..argc) */
  char **argv;
  struct tifa_store *store;         /* part: the store 'db' takes over (set to NULL once it
                                       has; else still the caller's to close) */
  int shard, nshards;               /* part: as tifa_part's (0, 1 for a single store) */
  const char *uuid;                 /* part: the corpus's, or NULL */
  const char *merged;               /* merge: the output of tifa_merge on the parts,
                                       merged[0..mergedlen) (JSON Lines) */
  size_t mergedlen;
} tifai_scriptjob;

/* A lua_CFunction taking the job as light userdata (argument 1), for lua_pcall in a new
** state: opens the standard libraries and 'tifa' (and 'help'), applies the sandbox if
** job->sandbox, sets the global 'db' to job->store, runs the script's main chunk with 'arg'
** and '...' its arguments, then calls part(db, ...). Returns 1: part's first result.
** Raises for a Lua error in the script, and a script without a global function 'part'.
** [-0, +1, e] */
int tifai_script_part (lua_State *L);

/* A lua_CFunction of (job as light userdata, value): the whole part as a string (the
** header, the record {"value":V}, the trailer; each line ending in '\n'). Raises "part
** returned a function at [3].x" for a value that JSON cannot hold: a function, userdata or
** thread, NaN, inf, a table that contains itself, a table with keys of both kinds, other
** keys, or integer keys other than 1..n, a string that is not UTF-8 or holds a zero byte; tables nested more
** than 200 deep. Empty tables are arrays. [-0, +1, e] */
int tifai_script_partlines (lua_State *L);

/* The same for job->merged: the script's main chunk runs with the arguments recorded in
** the parts, then merge(parts, ...) gets the list of the parts' values in shard order
** (JSON integers as Lua integers, reals as floats; parts.n their number, as a null value
** leaves a hole). Returns what merge returned. Raises for a Lua error in the script or a
** script without a global function 'merge'. [-0, +n, e] */
int tifai_script_merge (lua_State *L);

/* Check that the merged parts in merged[0..len) (tifa_merge's output) are of a script with
** the hash 'hash' (tifai_script_hash). Returns 0, else -1 with the message in 'err' ("the
** parts are of another script ('/x/a.lua', fnv1a64:...)", "the parts are not of a script
** (count)"). Raises nothing: no Lua. */
int tifai_script_checkmerged (const char *merged, size_t len, const char *hash, char *err,
                              size_t errsz);

#endif
