/*
** lscriptpart.c -- a Lua script's parts and merge (lscriptpart.h): part(db, ...) on one
** shard, its value written as a part (docs/shards.md) through jansson; merge(parts, ...) on
** the parts' values read back. Lua <-> JSON: nil, booleans, integers, floats, strings,
** tables with keys 1..n (arrays) or with string keys (objects), nested.
*/
#define LUA_LIB
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jansson.h>
#include "lua.h"
#include "lauxlib.h"
#include "lualib.h"
#include "tifa.h"
#include "tifa_shard.h"
#include "ltifa.h"
#include "lsandbox.h"
#include "lscriptpart.h"

void tifai_script_hash (const char *code, size_t len, char *out) {
  snprintf(out, TIFAI_SCRIPT_HASHSZ, "fnv1a64:%016llx",
           (unsigned long long)tifa_fnv1a64(code, len));
}

/* {====== The box: jansson memory owned by the collector ====== */

#define TIFA_JSONBOX  "tifa.jsonbox"

typedef struct JBox {
  json_t *j;                        /* a tree being built or read; NULL: none */
  char *text;                       /* json_dumps of it; NULL: none */
} JBox;

static int box_gc (lua_State *L) {
  JBox *b = (JBox *)luaL_checkudata(L, 1, TIFA_JSONBOX);
  json_decref(b->j);
  free(b->text);
  b->j = NULL;
  b->text = NULL;
  return 0;
}

/* Push a new empty box: whatever is put in it is freed with it, also after an error.
** [-0, +1, m] */
static JBox *newbox (lua_State *L) {
  JBox *b = (JBox *)lua_newuserdatauv(L, sizeof(JBox), 0);
  b->j = NULL;
  b->text = NULL;
  if (tifai_newmetatable(L, TIFA_JSONBOX)) {
    lua_pushcfunction(L, box_gc);
    lua_setfield(L, -2, "__gc");
    lua_pushcfunction(L, box_gc);
    lua_setfield(L, -2, "__close");
  }
  lua_setmetatable(L, -2);
  return b;
}

/* }====== */

/* {====== Lua to JSON ====== */

#define MAXDEPTH  200

typedef struct enc {
  lua_State *L;
  const char *what;                 /* "part returned" */
  int seen;                         /* stack index of a table: the tables being encoded */
  char path[256];                   /* where the value is: "[3].x" */
  size_t plen;
} enc;

/* Raise "part returned a function at [3].x". */
static int badvalue (enc *e, const char *what) {
  if (e->plen == 0) return luaL_error(e->L, "%s %s", e->what, what);
  return luaL_error(e->L, "%s %s at %s", e->what, what, e->path);
}

static void nomem (lua_State *L) { luaL_error(L, "not enough memory"); }

/* Put 'v' (new) where it goes: into the array or object 'parent' (under k[0..klen)), or
** into the box when 'parent' is NULL. */
static void attach (enc *e, JBox *b, json_t *parent, const char *k, size_t klen, json_t *v) {
  int rc;
  if (v == NULL) nomem(e->L);
  if (parent == NULL) { b->j = v; return; }
  rc = json_is_array(parent) ? json_array_append_new(parent, v)
                             : json_object_setn_new(parent, k, klen, v);
  if (rc != 0) nomem(e->L);
}

/* Extend the path by a key: ".x", "[3]" or "[\"a b\"]"; returns the old length. */
static size_t pushpath (enc *e, const char *k, size_t klen, lua_Integer i) {
  size_t old = e->plen, room = sizeof(e->path) - old;
  int ident = k != NULL && klen > 0 && !(k[0] >= '0' && k[0] <= '9');
  size_t j;
  for (j = 0; ident && j < klen; j++)
    ident = (k[j] >= 'a' && k[j] <= 'z') || (k[j] >= 'A' && k[j] <= 'Z') || k[j] == '_'
            || (k[j] >= '0' && k[j] <= '9');
  if (room > 1) {
    int n;
    if (k == NULL) n = snprintf(e->path + old, room, "[%lld]", (long long)i);
    else if (ident) n = snprintf(e->path + old, room, "%s%.*s", old ? "." : "", (int)klen, k);
    else n = snprintf(e->path + old, room, "[\"%.*s\"]", (int)klen, k);
    e->plen = n < 0 ? old : (size_t)n >= room ? sizeof(e->path) - 1 : old + (size_t)n;
  }
  return old;
}

static void poppath (enc *e, size_t old) { e->plen = old; e->path[old] = '\0'; }

static void encode (enc *e, JBox *b, int idx, json_t *parent, const char *k, size_t klen,
                    int depth);

/* The table at 'idx': an array (keys 1..n, or empty) or an object (string keys). */
static void encodetable (enc *e, JBox *b, int idx, json_t *parent, const char *k, size_t klen,
                         int depth) {
  lua_State *L = e->L;
  lua_Integer n = 0, maxi = 0, i;
  size_t nstr = 0;
  json_t *t;
  if (depth >= MAXDEPTH) badvalue(e, "a table nested too deep");
  lua_pushvalue(L, idx);
  if (lua_rawget(L, e->seen) != LUA_TNIL) badvalue(e, "a table that contains itself");
  lua_pop(L, 1);
  lua_pushnil(L);
  while (lua_next(L, idx)) {                        /* the kinds of keys */
    lua_pop(L, 1);
    if (lua_type(L, -1) == LUA_TSTRING) nstr++;
    else if (lua_isinteger(L, -1) && lua_tointeger(L, -1) >= 1) {
      n++;
      if (lua_tointeger(L, -1) > maxi) maxi = lua_tointeger(L, -1);
    }
    else {
      const char *tn = luaL_typename(L, -1);
      lua_pop(L, 1);
      if (strcmp(tn, "number") == 0) badvalue(e, "a table with a key that is not 1..n nor a string");
      else {
        char msg[64];
        snprintf(msg, sizeof(msg), "a table with a %s key", tn);
        badvalue(e, msg);
      }
    }
  }
  if (nstr > 0 && n > 0) badvalue(e, "a table with both string and integer keys");
  if (n > 0 && maxi != n) badvalue(e, "a table whose integer keys are not 1..n");
  t = nstr > 0 ? json_object() : json_array();
  attach(e, b, parent, k, klen, t);
  lua_pushvalue(L, idx);
  lua_pushboolean(L, 1);
  lua_rawset(L, e->seen);
  luaL_checkstack(L, 4, "table nested too deep");
  if (nstr == 0) {
    for (i = 1; i <= n; i++) {
      size_t old = pushpath(e, NULL, 0, i);
      lua_rawgeti(L, idx, i);
      encode(e, b, lua_gettop(L), t, NULL, 0, depth + 1);
      lua_pop(L, 1);
      poppath(e, old);
    }
  }
  else {
    lua_pushnil(L);
    while (lua_next(L, idx)) {
      size_t kl, old;
      const char *ks = lua_tolstring(L, -2, &kl);   /* a string: no conversion in place */
      old = pushpath(e, ks, kl, 0);
      encode(e, b, lua_gettop(L), t, ks, kl, depth + 1);
      lua_pop(L, 1);
      poppath(e, old);
    }
  }
  lua_pushvalue(L, idx);
  lua_pushnil(L);
  lua_rawset(L, e->seen);
}

static void encode (enc *e, JBox *b, int idx, json_t *parent, const char *k, size_t klen,
                    int depth) {
  lua_State *L = e->L;
  switch (lua_type(L, idx)) {
    case LUA_TNIL: attach(e, b, parent, k, klen, json_null()); break;
    case LUA_TBOOLEAN: attach(e, b, parent, k, klen, json_boolean(lua_toboolean(L, idx))); break;
    case LUA_TNUMBER:
      if (lua_isinteger(L, idx))
        attach(e, b, parent, k, klen, json_integer((json_int_t)lua_tointeger(L, idx)));
      else {
        lua_Number x = lua_tonumber(L, idx);
        if (isnan(x)) badvalue(e, "NaN");
        if (isinf(x)) badvalue(e, x > 0 ? "inf" : "-inf");
        attach(e, b, parent, k, klen, json_real((double)x));
      }
      break;
    case LUA_TSTRING: {
      size_t len;
      const char *s = lua_tolstring(L, idx, &len);
      json_t *v;
      if (memchr(s, '\0', len) != NULL) badvalue(e, "a string with a zero byte");
      if ((v = json_stringn(s, len)) == NULL) badvalue(e, "a string that is not UTF-8");
      attach(e, b, parent, k, klen, v);
      break;
    }
    case LUA_TTABLE: encodetable(e, b, idx, parent, k, klen, depth); break;
    default: {
      char msg[64];
      snprintf(msg, sizeof(msg), "a %s", luaL_typename(L, idx));
      badvalue(e, msg);
    }
  }
}

/* Push the JSON text of the value at 'idx' (object keys sorted, floats that read back to
** the same double); 'what' starts the messages of a bad value. [-0, +1, e] */
static void pushjson (lua_State *L, int idx, const char *what) {
  enc e;
  JBox *b;
  idx = lua_absindex(L, idx);
  b = newbox(L);
  lua_newtable(L);
  e.L = L; e.what = what; e.seen = lua_gettop(L); e.plen = 0; e.path[0] = '\0';
  encode(&e, b, idx, NULL, NULL, 0, 0);
  lua_pop(L, 1);
  b->text = json_dumps(b->j, JSON_COMPACT | JSON_SORT_KEYS | JSON_ENCODE_ANY);
  if (b->text == NULL) nomem(L);
  lua_pushstring(L, b->text);
  lua_remove(L, -2);                                /* the box: freed by the collector */
}

/* }====== */

/* {====== JSON to Lua ====== */

/* Push the Lua value of 'j' (owned by a box, so an error frees it). [-0, +1, e] */
static void decode (lua_State *L, json_t *j) {
  luaL_checkstack(L, 3, "value nested too deep");
  switch (json_typeof(j)) {
    case JSON_NULL: lua_pushnil(L); break;
    case JSON_TRUE: lua_pushboolean(L, 1); break;
    case JSON_FALSE: lua_pushboolean(L, 0); break;
    case JSON_INTEGER: lua_pushinteger(L, (lua_Integer)json_integer_value(j)); break;
    case JSON_REAL: lua_pushnumber(L, (lua_Number)json_real_value(j)); break;
    case JSON_STRING: lua_pushlstring(L, json_string_value(j), json_string_length(j)); break;
    case JSON_ARRAY: {
      size_t i, n = json_array_size(j);
      lua_createtable(L, n > (size_t)INT32_MAX ? 0 : (int)n, 0);
      for (i = 0; i < n; i++) {
        decode(L, json_array_get(j, i));
        lua_rawseti(L, -2, (lua_Integer)i + 1);
      }
      break;
    }
    case JSON_OBJECT: {
      void *it;
      lua_createtable(L, 0, (int)json_object_size(j));
      for (it = json_object_iter(j); it; it = json_object_iter_next(j, it)) {
        lua_pushlstring(L, json_object_iter_key(it), json_object_iter_key_len(it));
        decode(L, json_object_iter_value(it));
        lua_rawset(L, -3);
      }
      break;
    }
  }
}

/* }====== */

/* {====== Running the script ====== */

void tifai_script_setpath (lua_State *L, const char *script) {
  const char *slash = strrchr(script, '/');
  luaL_getsubtable(L, LUA_REGISTRYINDEX, LUA_LOADED_TABLE);
  if (lua_getfield(L, -1, LUA_LOADLIBNAME) == LUA_TTABLE) {
    const char *dir;
    if (slash == NULL) dir = lua_pushliteral(L, ".");
    else dir = lua_pushlstring(L, script, slash == script ? 1 : (size_t)(slash - script));
    lua_getfield(L, -2, "path");
    lua_pushfstring(L, "%s/?.lua;%s/?/init.lua;%s", dir, dir, lua_tostring(L, -1));
    lua_setfield(L, -4, "path");
    lua_pop(L, 2);
  }
  lua_pop(L, 2);
}

/* The libraries of 'tifa run' (the standard ones, 'tifa', 'help'), cut down in a sandbox.
** [-0, +0, e] */
static void openall (lua_State *L, const tifai_scriptjob *job) {
  luaL_checkversion(L);
  luaL_openlibs(L);
  luaL_requiref(L, "tifa", luaopen_tifa, 1);
  lua_getfield(L, -1, "help");
  lua_setglobal(L, "help");
  lua_pop(L, 1);
  if (job->sandbox) tifai_sandbox_apply(L);
}

/* Load the script from job->code (a BOM and a first line starting with '#' skipped, its
** newline kept, as luaL_loadfilex does) and run its main chunk with 'arg' and '...' the
** arguments: the strings at args .. args+nargs-1. Then push the global function 'fname'.
** [-0, +1, e] */
static void runmain (lua_State *L, const tifai_scriptjob *job, int args, int nargs,
                     const char *fname) {
  const char *p = job->code;
  size_t n = job->len;
  int i;
  lua_createtable(L, nargs, 1);                     /* arg: the script at 0 */
  lua_pushstring(L, job->path);
  lua_rawseti(L, -2, 0);
  for (i = 0; i < nargs; i++) {
    lua_pushvalue(L, args + i);
    lua_rawseti(L, -2, i + 1);
  }
  lua_setglobal(L, "arg");
  tifai_script_setpath(L, job->path);
  if (n >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0) { p += 3; n -= 3; }
  if (n > 0 && *p == '#') while (n > 0 && *p != '\n') { p++; n--; }
  lua_pushfstring(L, "@%s", job->path);
  if (luaL_loadbufferx(L, p, n, lua_tostring(L, -1), job->sandbox ? "t" : NULL) != LUA_OK)
    lua_error(L);
  lua_remove(L, -2);
  luaL_checkstack(L, nargs + 3, "too many arguments to script");
  for (i = 0; i < nargs; i++) lua_pushvalue(L, args + i);
  if (job->sandbox) tifai_sandbox_restart(L);       /* the run's limits start here */
  lua_call(L, nargs, 0);
  if (lua_getglobal(L, fname) != LUA_TFUNCTION)
    luaL_error(L, "script '%s' defines no function '%s' (got %s)", job->path, fname,
               luaL_typename(L, -1));
}

/* Push the line of 'j' (taken: it goes into a box) and a '\n'. [-0, +1, e] */
static void pushline (lua_State *L, json_t *j, size_t flags) {
  JBox *b = newbox(L);
  b->j = j;
  if (j == NULL || (b->text = json_dumps(j, flags)) == NULL) nomem(L);
  lua_pushfstring(L, "%s\n", b->text);
  lua_remove(L, -2);
}

int tifai_script_part (lua_State *L) {
  tifai_scriptjob *job = (tifai_scriptjob *)lua_touserdata(L, 1);
  int i, args, nargs = job->argc;
  openall(L, job);
  tifai_lua_pushdb(L, job->store);                  /* 2: 'db' owns the store from here */
  job->store = NULL;
  lua_pushvalue(L, 2);
  lua_setglobal(L, "db");
  luaL_checkstack(L, nargs + 8, "too many arguments to script");
  args = lua_gettop(L) + 1;
  for (i = 0; i < nargs; i++) lua_pushstring(L, job->argv[i]);
  runmain(L, job, args, nargs, "part");
  lua_pushvalue(L, 2);
  for (i = 0; i < nargs; i++) lua_pushvalue(L, args + i);
  lua_call(L, nargs + 1, 1);                        /* part(db, ...) */
  return 1;
}

int tifai_script_partlines (lua_State *L) {
  tifai_scriptjob *job = (tifai_scriptjob *)lua_touserdata(L, 1);
  int i, nargs = job->argc;
  json_t *h, *a;
  JBox *b;
  lua_settop(L, 2);
  pushjson(L, 2, "part returned");                  /* 3: the record's value */
  b = newbox(L);                                    /* the request, built in the box */
  {
    char hash[TIFAI_SCRIPT_HASHSZ];
    tifai_script_hash(job->code, job->len, hash);
    if ((b->j = json_object()) == NULL || (a = json_array()) == NULL) nomem(L);
    if (json_object_set_new(b->j, "script", json_string(job->realpath)) != 0
        || json_object_set_new(b->j, "hash", json_string(hash)) != 0
        || json_object_set_new(b->j, "args", a) != 0) nomem(L);
  }
  for (i = 0; i < nargs; i++) {
    json_t *s = json_string(job->argv[i]);
    if (s == NULL) luaL_error(L, "argument %d to the script is not UTF-8", i + 1);
    if (json_array_append_new(a, s) != 0) nomem(L);
  }
  h = json_pack("{s:i, s:s, s:s, s:O, s:i, s:i}", "tifa_part", 1, "tifa", TIFA_VERSION,
                "analytic", "script", "args", b->j, "shard", job->shard, "shards", job->nshards);
  if (h == NULL || json_object_set_new(h, "corpus", job->uuid ? json_string(job->uuid)
                                                              : json_null()) != 0) {
    json_decref(h);
    nomem(L);
  }
  pushline(L, h, JSON_COMPACT | JSON_PRESERVE_ORDER);
  lua_pushfstring(L, "{\"value\":%s}\n{\"end\":1}\n", lua_tostring(L, -3));
  lua_concat(L, 2);
  return 1;
}

/* The next line of s[*pos..len) as JSON (NULL at the end), into the box 'b'. [-0, +0, e] */
static json_t *nextline (lua_State *L, JBox *b, const char *s, size_t len, size_t *pos) {
  const char *p = s + *pos, *e;
  json_error_t je;
  if (*pos >= len) return NULL;
  e = (const char *)memchr(p, '\n', len - *pos);
  if (e == NULL) e = s + len;
  *pos = (size_t)(e - s) + 1;
  json_decref(b->j);
  if ((b->j = json_loadb(p, (size_t)(e - p), 0, &je)) == NULL)
    luaL_error(L, "the merged parts are not JSON (%s)", je.text);
  return b->j;
}

int tifai_script_merge (lua_State *L) {
  tifai_scriptjob *job = (tifai_scriptjob *)lua_touserdata(L, 1);
  size_t pos = 0, i, nargs;
  lua_Integer n = 0;
  int args, base;
  json_t *j, *a;
  JBox *b;
  openall(L, job);
  b = newbox(L);                                    /* 2 */
  if ((j = nextline(L, b, job->merged, job->mergedlen, &pos)) == NULL)
    luaL_error(L, "no merged parts");
  a = json_object_get(json_object_get(j, "args"), "args");
  nargs = json_array_size(a);
  luaL_checkstack(L, (int)nargs + 8, "too many arguments to script");
  args = lua_gettop(L) + 1;
  for (i = 0; i < nargs; i++) {
    if (!json_is_string(json_array_get(a, i))) luaL_error(L, "the parts' arguments are not strings");
    decode(L, json_array_get(a, i));
  }
  lua_newtable(L);                                  /* the parts' values */
  while ((j = nextline(L, b, job->merged, job->mergedlen, &pos)) != NULL) {
    if (json_object_get(j, "end")) break;
    decode(L, json_object_get(j, "value"));
    lua_rawseti(L, -2, ++n);
  }
  lua_pushinteger(L, n);
  lua_setfield(L, -2, "n");
  runmain(L, job, args, (int)nargs, "merge");
  base = lua_gettop(L);                             /* merge */
  lua_pushvalue(L, base - 1);
  for (i = 0; i < nargs; i++) lua_pushvalue(L, args + (int)i);
  lua_call(L, (int)nargs + 1, LUA_MULTRET);         /* merge(parts, ...) */
  return lua_gettop(L) - base + 1;
}

int tifai_script_checkmerged (const char *merged, size_t len, const char *hash, char *err,
                              size_t errsz) {
  const char *e = (const char *)memchr(merged, '\n', len);
  json_error_t je;
  json_t *h = json_loadb(merged, e ? (size_t)(e - merged) : len, 0, &je), *args;
  const char *an, *hs;
  int rc = 0;
  args = json_object_get(h, "args");
  an = json_string_value(json_object_get(h, "analytic"));
  hs = json_string_value(json_object_get(args, "hash"));
  if (an == NULL) { snprintf(err, errsz, "the merged parts have no header"); rc = -1; }
  else if (strcmp(an, "script") != 0) {
    snprintf(err, errsz, "the parts are not of a script (%s)", an);
    rc = -1;
  }
  else if (hs == NULL || strcmp(hs, hash) != 0) {
    const char *sp = json_string_value(json_object_get(args, "script"));
    snprintf(err, errsz, "the parts are of another script ('%s', %s)", sp ? sp : "?", hs ? hs : "no hash");
    rc = -1;
  }
  json_decref(h);
  return rc;
}

/* }====== */
