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

#ifdef LUA_VERSION_NUM                              /* only for files that include lua.h */
/* Open the 'tifa' library in L and leave it on the stack (require "tifa"). [-0, +1, m] */
TIFA_API int luaopen_tifa (lua_State *L);
#endif

#endif
