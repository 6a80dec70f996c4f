/*
** tifa.h -- embedding API of tifa, a scripting host for Chinese policy texts.
** A host is a Lua 5.4 state with the 'tifa' library open (the store, search and text
** utilities); luaopen_tifa opens the same library in any Lua 5.4 state.
** Result codes are shared by every tifa_*.h header.
*/
#ifndef TIFA_H
#define TIFA_H

#include <stddef.h>

#define TIFA_VERSION        "0.1.0"
#define TIFA_ERRMAX         512     /* size of the error buffers passed to constructors */

/* TIFA_API marks the public functions: exported from libtifa and tifa.so, while the core's
** internal tifai_* functions stay hidden (Lua's LUAI_FUNC). */
#if defined(TIFA_BUILDING) && defined(__GNUC__)
#define TIFA_API  __attribute__((visibility("default")))
#else
#define TIFA_API  extern
#endif

/* Result codes: TIFA_OK is 0, every failure is positive. */
#define TIFA_OK             0
#define TIFA_ERROR          1       /* generic failure; see the handle's message */
#define TIFA_NOMEM          2       /* an allocation failed */
#define TIFA_IO             3       /* a file could not be read or written */
#define TIFA_ENCODING       4       /* text in no supported encoding */
#define TIFA_BINARY         5       /* a binary file (NUL bytes) */
#define TIFA_DB             6       /* the SQLite store reported an error */
#define TIFA_BUSY           7       /* the store is locked by another process */
#define TIFA_READONLY       8       /* a write to a read-only store */
#define TIFA_NOTFOUND       9       /* no such article, file or script */
#define TIFA_SYNTAX         10      /* a malformed query */
#define TIFA_TOOBIG         11      /* input over a size limit */
#define TIFA_FORMAT         12      /* malformed JSON Lines, CSV, ... */
#define TIFA_INTERRUPTED    13      /* stopped by the user */

/* A static, NUL-terminated description of a result code ("out of memory"). */
TIFA_API const char *tifa_errstr (int rc);

/* Release memory that a tifa_* function documented as "free with tifa_free". NULL is a no-op. */
TIFA_API void tifa_free (void *p);

/* {====== Hosts ======
** A host is a Lua 5.4 state with the standard libraries, the 'tifa' library as the global
** 'tifa' and a store as the global 'db', as in the tifa program. Hosts share nothing: a
** process may hold several, each used by one thread at a time. Example: examples/embed.c.
*/
typedef struct tifa_host tifa_host;

#define TIFA_HOST_READONLY  0x01    /* open the store read-only */

/* Create a host on the store at 'store' (created if missing, unless TIFA_HOST_READONLY), or
** on the built-in sample corpus if 'store' is NULL. A directory holding a corpus of shards
** (tifa_shard.h) gives a corpus db, read-only whatever the flags: the methods it knows
** (search, count, kwic, timeline, words, freq, select, article, articles, sql) answer as
** one store holding the same files, ids aside; the others raise (docs/shards.md, "Scripts
** on a corpus"). On success returns TIFA_OK and the host in '*out' (release with
** tifa_host_close); on failure an error code, '*out' NULL and a message in 'err' ("cannot
** open database 'x.db' (file is not a database)"). */
TIFA_API int tifa_host_new (const char *store, int flags, tifa_host **out, char *err, size_t errsz);

/* Run Lua source 'code' (named 'name' in messages, e.g. "=config"; NULL: "=(string)") or the
** file at 'path', with the arguments argv[0..argc) as '...' (argc 0: none). Returns TIFA_OK,
** or TIFA_ERROR with the message and traceback in tifa_host_errmsg (a syntax error: the
** message alone), TIFA_NOMEM, or TIFA_INTERRUPTED after tifa_host_interrupt. */
TIFA_API int tifa_host_dostring (tifa_host *h, const char *code, const char *name);
TIFA_API int tifa_host_dofile (tifa_host *h, const char *path, int argc, const char *const *argv);

/* The message of the last failure of 'h', "" if none; valid until the next call on 'h'. */
TIFA_API const char *tifa_host_errmsg (tifa_host *h);

/* Stop the chunk 'h' is running at its next instruction (from a signal handler or another
** thread): it fails with "interrupted", TIFA_INTERRUPTED. */
TIFA_API void tifa_host_interrupt (tifa_host *h);

/* Close the host: its Lua state and its store. NULL is a harmless no-op. */
TIFA_API void tifa_host_close (tifa_host *h);

#ifdef LUA_VERSION_NUM                              /* only for files that include lua.h */
/* Open the 'tifa' library in L and leave it on the stack (require "tifa"). [-0, +1, m] */
TIFA_API int luaopen_tifa (lua_State *L);

/* The host's Lua state, to push values or open libraries of one's own. */
TIFA_API lua_State *tifa_host_lua (tifa_host *h);

/* Make 'f' the global 'name', or a field of a global table with a dotted name
** ("myapp.export": the table myapp is created if missing). Returns TIFA_OK, TIFA_ERROR (a
** name part that is not a table) or TIFA_NOMEM. */
TIFA_API int tifa_host_register (tifa_host *h, const char *name, lua_CFunction f);
#endif

/* }====== */

#endif
