/*
** lhost.c -- hosts for embedding (tifa.h): a Lua state with the standard libraries, 'tifa'
** and 'db', chunks run with a traceback, errors kept as text, an interrupt that any thread
** may raise (lua.c's lstop hook). No global state: each host holds all it uses.
*/
#define LUA_LIB
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "lua.h"
#include "lauxlib.h"
#include "lualib.h"
#include "tifa.h"
#include "ltifa.h"

struct tifa_host {
  lua_State *L;
  char *errmsg;                     /* the last failure, malloc'ed; NULL: none */
  volatile sig_atomic_t interrupted;
  int lost;                         /* the last message could not be kept (no memory) */
};

static void seterr (tifa_host *h, const char *msg) {
  free(h->errmsg);
  h->errmsg = msg ? strdup(msg) : NULL;
  h->lost = msg != NULL && h->errmsg == NULL;       /* no memory for the message */
}

/* {====== Running chunks ====== */

int tifai_lua_msghandler (lua_State *L) {
  const char *msg = lua_tostring(L, 1);
  if (msg == NULL) {
    if (luaL_callmeta(L, 1, "__tostring") && lua_type(L, -1) == LUA_TSTRING) return 1;
    msg = lua_pushfstring(L, "(error object is a %s value)", luaL_typename(L, 1));
  }
  luaL_traceback(L, L, msg, 1);
  return 1;
}

static tifa_host *hostof (lua_State *L) {
  tifa_host *h;
  lua_getfield(L, LUA_REGISTRYINDEX, "tifa.host");
  h = (tifa_host *)lua_touserdata(L, -1);
  lua_pop(L, 1);
  return h;
}

/* The interrupt's hook: raise where the chunk is (lua.c's lstop). */
static void stophook (lua_State *L, lua_Debug *ar) {
  tifa_host *h = hostof(L);
  (void)ar;
  lua_sethook(L, NULL, 0, 0);
  if (h && h->interrupted) luaL_error(L, "interrupted");
}

void tifa_host_interrupt (tifa_host *h) {
  if (h == NULL) return;
  h->interrupted = 1;
  lua_sethook(h->L, stophook, LUA_MASKCALL | LUA_MASKRET | LUA_MASKCOUNT, 1);
}

/* Call the chunk on top (below it 'narg' arguments) with the traceback handler. */
static int docall (tifa_host *h, int narg) {
  lua_State *L = h->L;
  int base = lua_gettop(L) - narg, status;
  lua_pushcfunction(L, tifai_lua_msghandler);
  lua_insert(L, base);
  h->interrupted = 0;
  status = lua_pcall(L, narg, 0, base);
  lua_remove(L, base);
  if (status == LUA_OK) { seterr(h, NULL); return TIFA_OK; }
  seterr(h, lua_tostring(L, -1));
  lua_pop(L, 1);
  if (h->interrupted) return TIFA_INTERRUPTED;
  return status == LUA_ERRMEM ? TIFA_NOMEM : TIFA_ERROR;
}

static int loaded (tifa_host *h, int status) {
  if (status == LUA_OK) return TIFA_OK;
  seterr(h, lua_tostring(h->L, -1));
  lua_pop(h->L, 1);
  return status == LUA_ERRMEM ? TIFA_NOMEM : TIFA_ERROR;
}

int tifa_host_dostring (tifa_host *h, const char *code, const char *name) {
  int rc = loaded(h, luaL_loadbuffer(h->L, code, strlen(code), name ? name : "=(string)"));
  return rc == TIFA_OK ? docall(h, 0) : rc;
}

int tifa_host_dofile (tifa_host *h, const char *path, int argc, const char *const *argv) {
  int rc = loaded(h, luaL_loadfile(h->L, path)), i;
  if (rc != TIFA_OK) return rc;
  if (!lua_checkstack(h->L, argc + 3)) { lua_pop(h->L, 1); seterr(h, "too many arguments"); return TIFA_ERROR; }
  for (i = 0; i < argc; i++) lua_pushstring(h->L, argv[i]);
  return docall(h, argc);
}

const char *tifa_host_errmsg (tifa_host *h) {
  return h->errmsg ? h->errmsg : h->lost ? "not enough memory" : "";
}

/* }====== */

/* {====== Life ====== */

/* setup(store path or NULL as light userdata, readonly, host): open the libraries and the
** store, in protected mode (out of memory included). */
static int setup (lua_State *L) {
  const char *store = (const char *)lua_touserdata(L, 1);
  lua_pushvalue(L, 3);
  lua_setfield(L, LUA_REGISTRYINDEX, "tifa.host");
  lua_settop(L, 2);
  if (store == NULL) lua_pushnil(L);
  else lua_pushstring(L, store);
  lua_replace(L, 1);
  luaL_openlibs(L);
  luaL_requiref(L, "tifa", luaopen_tifa, 1);        /* 3 */
  lua_getfield(L, 3, "open");
  if (lua_isnil(L, 1)) lua_call(L, 0, 2);
  else {
    lua_pushvalue(L, 1);
    lua_createtable(L, 0, 2);
    lua_pushboolean(L, lua_toboolean(L, 2));
    lua_setfield(L, -2, "readonly");
    lua_pushboolean(L, !lua_toboolean(L, 2));
    lua_setfield(L, -2, "create");
    lua_call(L, 2, 2);
  }
  if (lua_isnil(L, -2)) return lua_error(L);        /* the message */
  lua_pop(L, 1);
  lua_setglobal(L, "db");
  return 0;
}

int tifa_host_new (const char *store, int flags, tifa_host **out, char *err, size_t errsz) {
  tifa_host *h = (tifa_host *)calloc(1, sizeof(*h));
  int status;
  *out = NULL;
  if (h == NULL || (h->L = luaL_newstate()) == NULL) {
    free(h);
    snprintf(err, errsz, "%s", tifa_errstr(TIFA_NOMEM));
    return TIFA_NOMEM;
  }
  lua_pushcfunction(h->L, setup);                   /* these pushes cannot raise: */
  lua_pushlightuserdata(h->L, (void *)store);       /* no allocation, in the first */
  lua_pushboolean(h->L, (flags & TIFA_HOST_READONLY) != 0);   /* LUA_MINSTACK slots */
  lua_pushlightuserdata(h->L, h);
  status = lua_pcall(h->L, 3, 0, 0);
  if (status != LUA_OK) {
    const char *msg = lua_tostring(h->L, -1);
    snprintf(err, errsz, "%s", msg ? msg : "cannot open the store");
    lua_close(h->L);
    free(h);
    return status == LUA_ERRMEM ? TIFA_NOMEM : TIFA_DB;
  }
  *out = h;
  return TIFA_OK;
}

void tifa_host_close (tifa_host *h) {
  if (h == NULL) return;
  lua_close(h->L);                                  /* the db's __gc closes the store */
  free(h->errmsg);
  free(h);
}

lua_State *tifa_host_lua (tifa_host *h) { return h->L; }

/* register(name, f): set the dotted global 'name' to f. */
static int registerf (lua_State *L) {
  const char *name = lua_tostring(L, 1), *dot;
  lua_pushglobaltable(L);                           /* 3 */
  while ((dot = strchr(name, '.')) != NULL) {
    lua_pushlstring(L, name, (size_t)(dot - name));
    if (lua_rawget(L, -2) == LUA_TNIL) {
      lua_pop(L, 1);
      lua_newtable(L);
      lua_pushlstring(L, name, (size_t)(dot - name));
      lua_pushvalue(L, -2);
      lua_rawset(L, -4);
    }
    else if (!lua_istable(L, -1))
      return luaL_error(L, "cannot register '%s' ('%s' is not a table)", lua_tostring(L, 1),
                        lua_pushlstring(L, name, (size_t)(dot - name)));
    lua_remove(L, -2);
    name = dot + 1;
  }
  lua_pushvalue(L, 2);
  lua_setfield(L, -2, name);
  return 0;
}

int tifa_host_register (tifa_host *h, const char *name, lua_CFunction f) {
  int status;
  lua_pushcfunction(h->L, registerf);
  lua_pushstring(h->L, name);
  lua_pushcfunction(h->L, f);
  status = lua_pcall(h->L, 2, 0, 0);
  if (status == LUA_OK) { seterr(h, NULL); return TIFA_OK; }
  seterr(h, lua_tostring(h->L, -1));
  lua_pop(h->L, 1);
  return status == LUA_ERRMEM ? TIFA_NOMEM : TIFA_ERROR;
}

/* }====== */
