/*
** larticleset.c -- the article filter of the tifa library (ltifalib.c), and the sets of
** articles the analytics read (lanalytics.h): nil, a filter table, an article, an id, or a
** list of articles and ids, resolved to sorted, unique ids (gids on a corpus of shards)
*/
#define LUA_LIB
#include <stdlib.h>
#include "lua.h"
#include "lauxlib.h"
#include <sqlite3.h>
#include "tifa.h"
#include "tifa_store.h"
#include "buf.h"
#include "ltext.h"
#include "lanalytics.h"
#include "lcorpus.h"

/* {====== The article filter ====== */

/* The article filter of db:articles and db:words: fields outlet, author, since, until, title,
** file, where (an SQL expression over a = article, f = file) and params (its parameters). */
static const char *const conds[] = {"outlet", "a.outlet = ?", "author", "a.author = ?",
  "since", "a.date >= ?", "until", "a.date <= ?", "title", "instr(a.title, ?) > 0",
  "file", "instr(f.path, ?) > 0", NULL};

/* Prepare "SELECT cols FROM article AS a JOIN file AS f ... WHERE <filter at 'fi'> order"
** into the cursor 'c' (which finalizes it however the caller leaves); 'fi' 0 or a nil
** value: no filter. 'fname' names the function in errors. [-0, +0, e] */
void tifai_lua_filterstmt (lua_State *L, tifa_store *s, int fi, LCursor *c, const char *cols,
                           const char *order, const char *fname) {
  luaL_Buffer b;
  int nparams = 0, i, filter = fi != 0 && !lua_isnoneornil(L, fi);
  if (filter) luaL_checktype(L, fi, LUA_TTABLE);
  luaL_buffinit(L, &b);
  luaL_addstring(&b, "SELECT ");
  luaL_addstring(&b, cols);
  luaL_addstring(&b, " FROM article AS a JOIN file AS f ON f.id = a.file_id WHERE 1");
  if (filter) {
    for (i = 0; conds[i]; i += 2) {
      if (lua_getfield(L, fi, conds[i]) != LUA_TNIL) {
        if (!lua_isstring(L, -1))
          luaL_error(L, "bad argument #1 to '%s' (field '%s' must be a string)", fname, conds[i]);
        lua_pop(L, 1);
        luaL_addstring(&b, " AND ");
        luaL_addstring(&b, conds[i + 1]);
        nparams++;
      }
      else lua_pop(L, 1);
    }
    if (lua_getfield(L, fi, "where") != LUA_TNIL) {
      const char *w = lua_tostring(L, -1);
      if (w == NULL) luaL_error(L, "bad argument #1 to '%s' (field 'where' must be a string)", fname);
      lua_pop(L, 1);
      luaL_addstring(&b, " AND (");
      luaL_addstring(&b, w);
      luaL_addstring(&b, ")");
    }
    else lua_pop(L, 1);
  }
  luaL_addstring(&b, order);
  luaL_pushresult(&b);
  {
    const char *tail = NULL;
    if (sqlite3_prepare_v2(tifa_store_sqlite(s), lua_tostring(L, -1), -1, &c->st, &tail) != SQLITE_OK) {
      const char *msg = lua_pushstring(L, sqlite3_errmsg(tifa_store_sqlite(s)));
      sqlite3_finalize(c->st);
      c->st = NULL;
      luaL_error(L, "bad argument #1 to '%s' (%s)", fname, msg);
    }
    if (tail && *tail)                              /* 'where' closed the statement early */
      luaL_error(L, "bad argument #1 to '%s' ('where' must only read, as one expression)", fname);
  }
  lua_pop(L, 1);
  if (!sqlite3_stmt_readonly(c->st))
    luaL_error(L, "bad argument #1 to '%s' ('where' must only read, as one expression)", fname);
  nparams = 0;
  if (filter) {
    for (i = 0; conds[i]; i += 2) {
      if (lua_getfield(L, fi, conds[i]) != LUA_TNIL) tifai_lua_bindvalue(L, c->st, ++nparams, -1, 1);
      lua_pop(L, 1);
    }
    if (lua_getfield(L, fi, "params") == LUA_TTABLE) {
      int n = (int)luaL_len(L, -1);
      for (i = 1; i <= n; i++) {
        lua_geti(L, -1, i);
        tifai_lua_bindvalue(L, c->st, nparams + i, -1, 1);
        lua_pop(L, 1);
      }
    }
    lua_pop(L, 1);
  }
}

/* Has the table at 'idx' a field of the article filter? */
static int hasfilter (lua_State *L, int idx) {
  int i, found = 0;
  for (i = 0; conds[i] && !found; i += 2) {
    found = lua_getfield(L, idx, conds[i]) != LUA_TNIL;
    lua_pop(L, 1);
  }
  if (!found) {
    found = lua_getfield(L, idx, "where") != LUA_TNIL;
    lua_pop(L, 1);
  }
  return found;
}

/* }====== */

/* {====== Sets of articles, for the analytics (lanalytics.h) ====== */

static int cmpid (const void *a, const void *b) {
  int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
  return (x > y) - (x < y);
}

/* The id of the set element at 'idx' (an article or an integer), or raise. */
static int64_t elementid (lua_State *L, int idx, int arg, const char *fname) {
  int64_t id;
  if (lua_isinteger(L, idx)) return (int64_t)lua_tointeger(L, idx);
  if (lua_type(L, idx) == LUA_TTABLE && lua_getmetatable(L, idx)) {
    int isart;
    luaL_getmetatable(L, TIFA_ARTICLETYPE);
    isart = lua_rawequal(L, -1, -2);
    lua_pop(L, 2);
    if (isart) {
      tifai_lua_checkarticle(L, idx, &id);          /* checks it; its own id (a gid) */
      lua_getfield(L, idx, "id");
      id = (int64_t)lua_tointeger(L, -1);
      lua_pop(L, 1);
      return id;
    }
  }
  (void)fname;
  return (int64_t)luaL_argerror(L, arg, lua_pushfstring(L, "articles expected, got a list holding %s",
                                                        luaL_typename(L, idx)));
}

/* Append the ids of the list at 'idx' (articles and integers) to 'ids'. */
static void listids (lua_State *L, int idx, int arg, tifai_buf *ids, const char *fname) {
  lua_Integer i, len;
  int64_t id;
  idx = lua_absindex(L, idx);
  len = luaL_len(L, idx);
  for (i = 1; i <= len; i++) {
    lua_geti(L, idx, i);
    id = elementid(L, -1, arg, fname);
    lua_pop(L, 1);
    tifai_buf_add(ids, &id, sizeof(id));
  }
}

/* The ids the filter at 'idx' selects: appended to 'ids', or, if 'keep', only those of
** 'ids' (already listed) the filter selects are kept. */
static void filterids (lua_State *L, LDb *d, int idx, tifai_buf *ids, int keep,
                       const char *fname) {
  LCursor *c = tifai_lua_cursor(L);
  tifai_buf *sel = keep ? tifai_lua_newbox(L) : ids;
  int step, sh;
  for (sh = d->c ? 1 : 0; sh <= d->n; sh++) {       /* a store, or each shard (gids) */
    tifa_store *s = sh == 0 ? d->s : d->rd[sh - 1];
    tifai_lua_filterstmt(L, s, idx, c, "a.id", " ORDER BY a.id", fname);
    while ((step = sqlite3_step(c->st)) == SQLITE_ROW) {
      int64_t id = TIFA_SHARD_ID(sh, sqlite3_column_int64(c->st, 0));
      tifai_buf_add(sel, &id, sizeof(id));
    }
    if (step != SQLITE_DONE)
      luaL_error(L, "cannot read articles (%s)", sqlite3_errmsg(tifa_store_sqlite(s)));
    sqlite3_finalize(c->st);
    c->st = NULL;
  }
  if (keep && !sel->oom) {                          /* ids = ids that are in sel (sorted) */
    int64_t *v = (int64_t *)ids->p, *w = (int64_t *)sel->p;
    size_t n = ids->len / sizeof(int64_t), m = sel->len / sizeof(int64_t), i, k = 0;
    for (i = 0; i < n; i++) {
      size_t lo = 0, hi = m;
      while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (w[mid] < v[i]) lo = mid + 1; else hi = mid;
      }
      if (lo < m && w[lo] == v[i]) v[k++] = v[i];
    }
    ids->len = k * sizeof(int64_t);
  }
  if (sel->oom) ids->oom = 1;
  lua_pop(L, keep ? 2 : 1);                         /* the cursor (and the selection) */
}

const int64_t *tifai_lua_articleset (lua_State *L, int dbidx, int idx, size_t *n,
                                     const char *fname) {
  static const int64_t none = 0;
  LDb *d = tifai_lua_todb(L, dbidx);
  tifai_buf *ids;
  int64_t id;
  idx = lua_absindex(L, idx);
  ids = tifai_lua_newbox(L);
  *n = 0;
  switch (lua_type(L, idx)) {
    case LUA_TNONE: case LUA_TNIL: return NULL;
    case LUA_TNUMBER:
      id = elementid(L, idx, idx, fname);
      tifai_buf_add(ids, &id, sizeof(id));
      break;
    case LUA_TTABLE: {
      int isart = 0;
      if (lua_getmetatable(L, idx)) {
        luaL_getmetatable(L, TIFA_ARTICLETYPE);
        isart = lua_rawequal(L, -1, -2);
        lua_pop(L, 2);
      }
      if (isart) {                                   /* its own id: a gid on a corpus */
        id = elementid(L, idx, idx, fname);
        tifai_buf_add(ids, &id, sizeof(id));
      }
      else if (lua_rawgeti(L, idx, 1) != LUA_TNIL) {    /* a list */
        lua_pop(L, 1);
        listids(L, idx, idx, ids, fname);
      }
      else {
        int listed = lua_getfield(L, idx, "articles") != LUA_TNIL;   /* a list in the filter */
        int filtered = hasfilter(L, idx);
        if (listed) {
          luaL_argexpected(L, lua_type(L, -1) == LUA_TTABLE, idx, "list of articles in field 'articles'");
          listids(L, -1, idx, ids, fname);
        }
        lua_pop(L, 1);
        if (!listed && !filtered) return NULL;
        if (filtered) filterids(L, d, idx, ids, listed, fname);
      }
      break;
    }
    default:
      luaL_typeerror(L, idx, "articles");
  }
  if (ids->oom) luaL_error(L, "not enough memory");
  *n = ids->len / sizeof(int64_t);
  if (*n == 0) return &none;
  {
    int64_t *v = (int64_t *)ids->p;
    size_t i, k = 0;
    qsort(v, *n, sizeof(int64_t), cmpid);
    for (i = 0; i < *n; i++)
      if (k == 0 || v[k - 1] != v[i]) v[k++] = v[i];
    *n = k;
    return v;
  }
}

/* }====== */
