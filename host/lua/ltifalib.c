/*
** ltifalib.c -- Lua binding of the tifa store: module "tifa"
**   tifa.open([path [, {readonly=, create=}]]) -> db | fail, msg   (no path: the sample corpus;
**                                     a corpus directory: the corpus, read-only, see lcorpus.c)
**   db:ingest(path_or_list [, {format=, name=, dry_run=}]) -> report | fail, msg, report
**   db:articles([filter]) -> iterator of articles     db:article(id) -> article | fail, msg
**   db:search(query [, {limit=, offset=, context=}]) -> hits | fail, msg
**   db:count(query) -> total, {[id] = n} | fail, msg   db:sql(sql, ...) -> rows | fail, msg
**   db:close()    article fields: id title author outlet date url file seq nchars text meta
**   article:paragraphs() -> list of {index, kind, text, from, to, byte_from, byte_to, line_from, line_to}
** Positions given to Lua are 1-based and inclusive, in characters unless named byte_.
** This file opens the library and holds the db (its boxes and cursors, tifa.open, search,
** count, words, sql); db:ingest is in lingest.c, db:articles, db:article and the articles in
** larticles.c, the article filter and the sets of articles in larticleset.c (lcorpus.h).
*/
#define LUA_LIB
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "lua.h"
#include "lauxlib.h"
#include "lsandbox.h"
#include "lualib.h"
#include <sqlite3.h>
#include "tifa.h"
#include "tifa_store.h"
#include "tifa_shard.h"
#include "buf.h"
#include "ltifa.h"
#include "ltext.h"
#include "lhelp.h"
#include "lanalytics.h"
#include "lcorpus.h"

#define TIFA_BOXTYPE      "tifa.box"

/* {====== Boxes ======
** The store's callbacks run inside C code that holds statements, buffers and (for ingest)
** a worker thread, so they must not raise: they append records to a C buffer, and the Lua
** values are built after the call returns. The buffer lives in a userdata, so that the
** collector frees it even when building the values raises (lauxlib's buffer box). */

static int box_gc (lua_State *L) {
  tifai_buf *b = (tifai_buf *)luaL_checkudata(L, 1, TIFA_BOXTYPE);
  tifai_buf_free(b);
  return 0;
}

/* Push a new, empty box and return its buffer. [-0, +1, m] */
tifai_buf *tifai_lua_newbox (lua_State *L) {
  tifai_buf *b = (tifai_buf *)lua_newuserdatauv(L, sizeof(tifai_buf), 0);
  tifai_buf init = TIFAI_BUF_INIT;
  *b = init;
  luaL_setmetatable(L, TIFA_BOXTYPE);
  return b;
}

int tifai_lua_writefile (lua_State *L, const char *path, const char *data, size_t len) {
  int top = lua_gettop(L), f;
  luaL_getsubtable(L, LUA_REGISTRYINDEX, LUA_LOADED_TABLE);
  if (lua_getfield(L, -1, LUA_IOLIBNAME) != LUA_TTABLE) return luaL_error(L, "the io library is not open");
  lua_getfield(L, -1, "open");
  lua_pushstring(L, path);
  lua_pushliteral(L, "w");
  lua_call(L, 2, 3);                                   /* file | fail, msg, errno */
  if (lua_isnil(L, -3)) goto failed;
  lua_pop(L, 2);
  f = lua_gettop(L);
  lua_getfield(L, f, "write");
  lua_pushvalue(L, f);
  lua_pushlstring(L, data, len);
  lua_call(L, 2, 3);
  if (lua_isnil(L, -3)) {                              /* close it, keep write's error */
    lua_getfield(L, f, "close"); lua_pushvalue(L, f); lua_pcall(L, 1, 0, 0);
    goto failed;
  }
  lua_settop(L, f);
  lua_getfield(L, f, "close");
  lua_pushvalue(L, f);
  lua_call(L, 1, 3);
  if (lua_isnil(L, -3)) goto failed;
  lua_settop(L, top);
  lua_pushboolean(L, 1);
  return 1;
failed:
  lua_rotate(L, top + 1, 3);                           /* the three results first */
  lua_settop(L, top + 3);
  return 3;
}

/* Read 'n' bytes at '*at' of 'b' into 'dst' and advance. */
void tifai_lua_boxread (const tifai_buf *b, size_t *at, void *dst, size_t n) {
  memcpy(dst, b->p + *at, n);
  *at += n;
}

/* }====== */

/* {====== Cursors ====== */

static int cursor_close (lua_State *L) {
  LCursor *c = (LCursor *)luaL_checkudata(L, 1, TIFA_CURSORTYPE);
  if (c->st) { sqlite3_finalize(c->st); c->st = NULL; }
  return 0;
}

/* A cursor userdata on the stack (its statement finalized by __gc and __close). [-0, +1, m] */
LCursor *tifai_lua_cursor (lua_State *L) {
  LCursor *c = (LCursor *)lua_newuserdatauv(L, sizeof(LCursor), 0);
  c->st = NULL;
  luaL_setmetatable(L, TIFA_CURSORTYPE);
  return c;
}

sqlite3_stmt **tifai_lua_newcursor (lua_State *L) {
  return &tifai_lua_cursor(L)->st;
}

/* }====== */

/* {====== Open stores, for interrupts ====== */

#define MAXOPEN 64
static tifa_store *openstores[MAXOPEN];   /* the stores this process has open through Lua */

static void remember (tifa_store *s) {
  int i;
  for (i = 0; i < MAXOPEN; i++) if (openstores[i] == NULL) { openstores[i] = s; return; }
}

static void forget (tifa_store *s) {
  int i;
  for (i = 0; i < MAXOPEN; i++) if (openstores[i] == s) openstores[i] = NULL;
}

void tifai_lua_interrupt (void) {
  int i;
  for (i = 0; i < MAXOPEN; i++) if (openstores[i] != NULL) tifa_store_interrupt(openstores[i]);
}

/* }====== */

/* {====== db ====== */

static tifa_store *checkdb (lua_State *L) {
  return tifai_lua_checkdb(L, 1);
}

/* Return fail, msg (and the code name as a third value, as luv does). [-0, +2/3, m] */
int tifai_lua_failmsg (lua_State *L, const char *msg) {
  luaL_pushfail(L);
  lua_pushstring(L, msg);
  return 2;
}

int tifai_lua_pushdb (lua_State *L, tifa_store *s) {
  LDb *d = (LDb *)lua_newuserdatauv(L, sizeof(LDb), 0);
  memset(d, 0, sizeof(*d));
  d->s = s;
  luaL_setmetatable(L, TIFA_DBTYPE);
  remember(s);
  tifai_sandbox_confine(L, s);                      /* a sandbox's script gets it: confined */
  return 1;
}

/* Open the shards' stores of the corpus 'c' into 'd' (which owns 'c' from now on).
** Returns TIFA_OK, or a code with the message in 'err'. */
static int opencorpus (lua_State *L, LDb *d, tifa_shards *c, char *err, size_t errsz) {
  int k, n = tifa_shards_count(c), rc = TIFA_OK;
  d->c = c;
  d->rd = (tifa_store **)calloc((size_t)n, sizeof(tifa_store *));
  if (d->rd == NULL) { snprintf(err, errsz, "%s", tifa_errstr(TIFA_NOMEM)); return TIFA_NOMEM; }
  d->n = n;
  for (k = 1; k <= n && rc == TIFA_OK; k++) {       /* the readers tifa_shards_run uses */
    rc = (d->rd[k - 1] = tifa_shards_reader(c, k, err, errsz)) != NULL ? TIFA_OK : TIFA_ERROR;
    if (rc == TIFA_OK) {
      remember(d->rd[k - 1]);
      tifai_sandbox_confine(L, d->rd[k - 1]);     /* each shard's connection, as a store's */
    }
  }
  return rc;
}

/* A new closed db, with room for the path of a corpus. [-0, +1, m] */
static LDb *newdb (lua_State *L) {
  LDb *d = (LDb *)lua_newuserdatauv(L, sizeof(LDb), 1);
  memset(d, 0, sizeof(*d));                         /* 'closed' until open succeeds */
  luaL_setmetatable(L, TIFA_DBTYPE);
  return d;
}

int tifai_lua_pushcorpus (lua_State *L, const char *dir, tifa_shards *c) {
  char err[TIFA_ERRMAX];
  LDb *d = newdb(L);
  d->c = c;                                         /* closed by __gc from now on */
  lua_pushstring(L, dir);
  lua_setiuservalue(L, -2, 1);
  if (opencorpus(L, d, c, err, sizeof(err)) != TIFA_OK)
    return luaL_error(L, "cannot open corpus '%s' (%s)", dir, err);
  return 1;
}

/* tifa.open([path [, opts]]) */
static int tifa_open (lua_State *L) {
  const char *path = luaL_optstring(L, 1, NULL);
  int flags = TIFA_OPEN_CREATE, rc;
  char err[TIFA_ERRMAX];
  LDb *d;
  if (!lua_isnoneornil(L, 2)) {
    luaL_checktype(L, 2, LUA_TTABLE);
    if (lua_getfield(L, 2, "readonly") != LUA_TNIL && lua_toboolean(L, -1))
      flags = TIFA_OPEN_READONLY;
    if (lua_getfield(L, 2, "create") != LUA_TNIL && !lua_toboolean(L, -1))
      flags &= ~TIFA_OPEN_CREATE;
    lua_pop(L, 2);
  }
  d = newdb(L);
  if (path != NULL && tifa_shards_is(path)) {       /* a corpus of shards: always read-only */
    tifa_shards *c;
    lua_pushvalue(L, 1);
    lua_setiuservalue(L, -2, 1);
    if ((rc = tifa_shards_open(path, TIFA_OPEN_READONLY, 0, &c, err, sizeof(err))) == TIFA_OK)
      rc = opencorpus(L, d, c, err, sizeof(err));
    if (rc == TIFA_OK) return 1;
    luaL_pushfail(L);
    lua_pushfstring(L, "cannot open corpus '%s' (%s)", path, err);
    return 2;
  }
  rc = (path == NULL) ? tifa_store_open_sample(&d->s, err, sizeof(err))
                      : tifa_store_open(path, flags, &d->s, err, sizeof(err));
  if (rc != TIFA_OK) {
    luaL_pushfail(L);
    lua_pushfstring(L, "cannot open database '%s' (%s)", path ? path : "sample corpus", err);
    return 2;
  }
  remember(d->s);
  tifai_sandbox_confine(L, d->s);
  return 1;
}

static int db_close (lua_State *L) {
  LDb *d = (LDb *)luaL_checkudata(L, 1, TIFA_DBTYPE);
  int k;
  if (d->s != NULL) {
    forget(d->s);
    tifa_store_close(d->s);
    d->s = NULL;
  }
  for (k = 0; d->rd && k < d->n; k++) forget(d->rd[k]);   /* closed with the corpus */
  free(d->rd);
  d->rd = NULL;
  d->n = 0;
  tifa_shards_close(d->c);
  d->c = NULL;
  return 0;
}

static int db_tostring (lua_State *L) {
  LDb *d = (LDb *)luaL_checkudata(L, 1, TIFA_DBTYPE);
  if (d->c != NULL) {
    lua_getiuservalue(L, 1, 1);
    lua_pushfstring(L, "tifa.db (%s, corpus of %d shard%s)", lua_tostring(L, -1), d->n,
                    d->n == 1 ? "" : "s");
  }
  else if (d->s == NULL) lua_pushliteral(L, "tifa.db (closed)");
  else lua_pushfstring(L, "tifa.db (%s%s)", tifa_store_path(d->s),
                       tifa_store_readonly(d->s) ? ", read-only" : "");
  return 1;
}

/* db.path, db.readonly, db.shards as fields; methods otherwise (a corpus's first) */
static int db_index (lua_State *L) {
  const char *k = lua_tostring(L, 2);
  LDb *d = (LDb *)luaL_checkudata(L, 1, TIFA_DBTYPE);
  if (k && d->c) {
    if (strcmp(k, "path") == 0) { lua_getiuservalue(L, 1, 1); return 1; }
    if (strcmp(k, "readonly") == 0) { lua_pushboolean(L, 1); return 1; }
    if (strcmp(k, "shards") == 0) { lua_pushinteger(L, d->n); return 1; }
    lua_pushvalue(L, 2);
    if (lua_rawget(L, lua_upvalueindex(2)) != LUA_TNIL) return 1;   /* the corpus's methods */
    lua_pop(L, 1);
  }
  if (k && d->s && strcmp(k, "path") == 0) { lua_pushstring(L, tifa_store_path(d->s)); return 1; }
  if (k && d->s && strcmp(k, "readonly") == 0) { lua_pushboolean(L, tifa_store_readonly(d->s)); return 1; }
  lua_pushvalue(L, 2);
  lua_rawget(L, lua_upvalueindex(1));               /* the methods */
  return 1;
}

LDb *tifai_lua_todb (lua_State *L, int idx) {
  LDb *d = (LDb *)luaL_checkudata(L, idx, TIFA_DBTYPE);
  if (d->s == NULL && d->c == NULL) luaL_error(L, "attempt to use a closed database");
  return d;
}

tifa_store *tifai_lua_checkdb (lua_State *L, int idx) {
  LDb *d = tifai_lua_todb(L, idx);
  if (d->c != NULL) {                               /* the method's name, as luaL_argerror finds it */
    lua_Debug ar;
    const char *name = NULL;
    if (lua_getstack(L, 0, &ar) && lua_getinfo(L, "n", &ar)) name = ar.name;
    luaL_error(L, "bad self to '%s' (not available on a corpus of shards yet)", name ? name : "?");
  }
  return d->s;
}

struct tifa_shards *tifai_lua_tocorpus (lua_State *L, int idx) {
  return tifai_lua_todb(L, idx)->c;
}

void tifai_lua_pushstores (lua_State *L, int dbidx, tifai_lua_stores *S) {
  struct tifa_shards *c = tifai_lua_tocorpus(L, dbidx);
  size_t k, n = c ? (size_t)tifa_shards_count(c) : 1;
  char err[TIFA_ERRMAX];
  int64_t *bases;
  S->stores = (tifa_store **)lua_newuserdatauv(L, n * (sizeof(tifa_store *) + sizeof(int64_t)), 0);
  bases = (int64_t *)(void *)(S->stores + n);
  S->n = n;
  S->bases = NULL;
  if (c == NULL) { S->stores[0] = tifai_lua_checkdb(L, dbidx); return; }
  for (k = 0; k < n; k++) {
    S->stores[k] = tifa_shards_reader(c, (int)k + 1, err, sizeof(err));
    if (S->stores[k] == NULL)
      luaL_error(L, "cannot open database '%s' (%s)", tifa_shards_file(c, (int)k + 1), err);
    bases[k] = TIFA_SHARD_ID(k + 1, 0);
  }
  S->bases = bases;
}

int tifai_lua_storefail (lua_State *L, tifa_store *s, int rc) {
  if (rc == TIFA_NOMEM) return luaL_error(L, "not enough memory");
  return tifai_lua_failmsg(L, tifa_store_errmsg(s));
}

/* }====== */

/* {====== Search and count ====== */

/* onhit: one record per hit into the box: the hitrec, then its offsets, its title offsets
** and its snippet (with a NUL). Never raises. */
typedef struct hitrec { int64_t id; double score; size_t nmatch, ntitle, snippetlen; } hitrec;

static int onhit (void *ud, const tifa_hit *h) {
  tifai_buf *b = (tifai_buf *)ud;
  hitrec r;
  r.id = h->article;
  r.score = h->score;
  r.nmatch = h->nmatch;
  r.ntitle = h->ntitle;
  r.snippetlen = strlen(h->snippet);
  tifai_buf_add(b, &r, sizeof(r));
  tifai_buf_add(b, h->offsets, 2 * h->nmatch * sizeof(int64_t));
  tifai_buf_add(b, h->title_offsets, 2 * h->ntitle * sizeof(int64_t));
  tifai_buf_add(b, h->snippet, r.snippetlen + 1);
  return b->oom ? TIFA_NOMEM : 0;
}

/* Push a list of {from, to} pairs (1-based, inclusive) of 'n' offsets read from the box. */
static void pushoffsets (lua_State *L, const tifai_buf *b, size_t *at, size_t n) {
  size_t i;
  lua_createtable(L, (int)n, 0);
  for (i = 0; i < n; i++) {
    int64_t o[2];
    tifai_lua_boxread(b, at, o, sizeof(o));
    lua_createtable(L, 2, 0);
    lua_pushinteger(L, (lua_Integer)o[0] + 1); lua_rawseti(L, -2, 1);
    lua_pushinteger(L, (lua_Integer)o[1]); lua_rawseti(L, -2, 2);
    lua_rawseti(L, -2, (lua_Integer)i + 1);
  }
}

void tifai_lua_searchopts (lua_State *L, int idx, tifa_search_opts *o) {
  memset(o, 0, sizeof(*o));
  if (!lua_isnoneornil(L, idx)) {
    luaL_checktype(L, idx, LUA_TTABLE);
    if (lua_getfield(L, idx, "limit") != LUA_TNIL) o->limit = (long)luaL_checkinteger(L, -1);
    if (lua_getfield(L, idx, "offset") != LUA_TNIL) o->offset = (long)luaL_checkinteger(L, -1);
    if (lua_getfield(L, idx, "context") != LUA_TNIL) o->context = (int)luaL_checkinteger(L, -1);
    if (lua_getfield(L, idx, "words") != LUA_TNIL && lua_toboolean(L, -1)) o->flags |= TIFA_MATCH_WORDS;
    lua_pop(L, 4);
  }
}

/* db:search(query [, {limit=, offset=, context=}]) */
static int db_search (lua_State *L) {
  tifa_store *s = checkdb(L);
  const char *q = luaL_checkstring(L, 2);
  tifa_search_opts o;
  tifai_buf *box;
  sqlite3_stmt *st;
  size_t at = 0;
  lua_Integer n = 0;
  int rc;
  tifai_lua_searchopts(L, 3, &o);
  lua_settop(L, 3);
  box = tifai_lua_newbox(L);                                  /* 4 */
  rc = tifa_store_search(s, q, &o, onhit, box);
  if (rc == TIFA_NOMEM || box->oom) return luaL_error(L, "not enough memory");
  if (rc != TIFA_OK) return tifai_lua_failmsg(L, tifa_store_errmsg(s));
  if ((st = tifai_lua_articlebyid(L, s)) == NULL) return 2;   /* 5 */
  lua_newtable(L);                                  /* 6: the hits */
  while (at < box->len) {
    hitrec r;
    tifai_lua_boxread(box, &at, &r, sizeof(r));
    lua_createtable(L, 0, 6);
    lua_pushinteger(L, (lua_Integer)r.id); lua_setfield(L, -2, "id");
    lua_pushnumber(L, r.score); lua_setfield(L, -2, "score");
    pushoffsets(L, box, &at, r.nmatch); lua_setfield(L, -2, "offsets");
    pushoffsets(L, box, &at, r.ntitle); lua_setfield(L, -2, "title_offsets");
    tifai_lua_hitprovision(L, s, -1);               /* the 条 of the first match */
    lua_pushlstring(L, box->p + at, r.snippetlen); lua_setfield(L, -2, "snippet");
    at += r.snippetlen + 1;
    sqlite3_bind_int64(st, 1, r.id);
    if (sqlite3_step(st) == SQLITE_ROW) {
      tifai_lua_pushrow(L, st, 1, r.id);
      lua_setfield(L, -2, "article");
    }
    sqlite3_reset(st);
    lua_rawseti(L, -2, ++n);
  }
  return 1;
}

/* oncount: (id, n) pairs into the box. Never raises. */
static int oncount (void *ud, int64_t article, int64_t n) {
  tifai_buf *b = (tifai_buf *)ud;
  int64_t r[2];
  r[0] = article;
  r[1] = n;
  tifai_buf_add(b, r, sizeof(r));
  return b->oom ? TIFA_NOMEM : 0;
}

/* db:count(query [, {words=}]) -> total, {[id] = n} */
static int db_count (lua_State *L) {
  tifa_store *s = checkdb(L);
  const char *q = luaL_checkstring(L, 2);
  int64_t total, articles;
  tifai_buf *box;
  size_t at = 0;
  int rc, flags = 0;
  if (!lua_isnoneornil(L, 3)) {
    luaL_checktype(L, 3, LUA_TTABLE);
    if (lua_getfield(L, 3, "words") != LUA_TNIL && lua_toboolean(L, -1)) flags |= TIFA_MATCH_WORDS;
  }
  lua_settop(L, 3);
  box = tifai_lua_newbox(L);
  rc = tifa_store_countx(s, q, flags, &total, &articles, oncount, box);
  if (rc == TIFA_NOMEM || box->oom) return luaL_error(L, "not enough memory");
  if (rc != TIFA_OK) return tifai_lua_failmsg(L, tifa_store_errmsg(s));
  lua_pushinteger(L, (lua_Integer)total);
  lua_createtable(L, 0, (int)articles);
  while (at < box->len) {
    int64_t r[2];
    tifai_lua_boxread(box, &at, r, sizeof(r));
    lua_pushinteger(L, (lua_Integer)r[1]);
    lua_rawseti(L, -2, (lua_Integer)r[0]);
  }
  return 2;
}

/* onvocab: (count, articles, len, word) records into the box. Never raises. */
static int onvocab (void *ud, const char *w, size_t len, int64_t count, int64_t articles) {
  tifai_buf *b = (tifai_buf *)ud;
  int64_t r[3];
  r[0] = count; r[1] = articles; r[2] = (int64_t)len;
  tifai_buf_add(b, r, sizeof(r));
  tifai_buf_add(b, w, len);
  return b->oom ? TIFA_NOMEM : 0;
}

/* db:words([{top=, min=, stopwords=, <article filter>}]) -> list of {word=, count=, articles=} */
static int db_words (lua_State *L) {
  tifa_store *s = checkdb(L);
  tifa_vocab_opts o;
  tifai_buf *box;
  size_t at = 0;
  lua_Integer n = 0;
  int rc;
  memset(&o, 0, sizeof(o));
  if (!lua_isnoneornil(L, 2)) {
    luaL_checktype(L, 2, LUA_TTABLE);
    if (lua_getfield(L, 2, "top") != LUA_TNIL) o.limit = (long)luaL_checkinteger(L, -1);
    if (lua_getfield(L, 2, "min") != LUA_TNIL) o.min = (int64_t)luaL_checkinteger(L, -1);
  }
  lua_settop(L, 2);
  box = tifai_lua_newbox(L);                        /* 3 */
  o.ids = tifai_lua_articleset(L, 1, 2, &o.nids, "words");     /* 4 */
  if (!lua_isnil(L, 2)) o.stop = tifai_text_stopset(L, 2, "stopwords");   /* 5 */
  rc = tifa_store_vocab(s, &o, onvocab, box);
  if (rc == TIFA_NOMEM || box->oom) return luaL_error(L, "not enough memory");
  if (rc != TIFA_OK) return tifai_lua_failmsg(L, tifa_store_errmsg(s));
  lua_newtable(L);
  while (at < box->len) {
    int64_t r[3];
    tifai_lua_boxread(box, &at, r, sizeof(r));
    lua_createtable(L, 0, 3);
    lua_pushlstring(L, box->p + at, (size_t)r[2]); lua_setfield(L, -2, "word");
    at += (size_t)r[2];
    lua_pushinteger(L, (lua_Integer)r[0]); lua_setfield(L, -2, "count");
    lua_pushinteger(L, (lua_Integer)r[1]); lua_setfield(L, -2, "articles");
    lua_rawseti(L, -2, ++n);
  }
  return 1;
}

/* }====== */

/* {====== SQL ====== */

/* Bind Lua value at 'idx' to parameter i of st (held by a cursor); raises for a type SQL
** cannot hold. */
void tifai_lua_bindvalue (lua_State *L, sqlite3_stmt *st, int i, int idx, int arg) {
  switch (lua_type(L, idx)) {
    case LUA_TNIL: sqlite3_bind_null(st, i); break;
    case LUA_TBOOLEAN: sqlite3_bind_int(st, i, lua_toboolean(L, idx)); break;
    case LUA_TNUMBER:
      if (lua_isinteger(L, idx)) sqlite3_bind_int64(st, i, lua_tointeger(L, idx));
      else sqlite3_bind_double(st, i, lua_tonumber(L, idx));
      break;
    case LUA_TSTRING: {
      size_t n;
      const char *s = lua_tolstring(L, idx, &n);
      sqlite3_bind_text(st, i, s, (int)n, SQLITE_TRANSIENT);
      break;
    }
    default:                        /* st belongs to a cursor, which finalizes it */
      luaL_argerror(L, arg, lua_pushfstring(L, "cannot bind a %s", luaL_typename(L, idx)));
  }
}

/* db:sql(sql, ...) -> rows: a list of tables by column name; rows.columns (through the
** list's metatable, so that the list holds the rows only) names the columns in the
** statement's order. */
static int db_sql (lua_State *L) {
  tifa_store *s = tifai_lua_tocorpus(L, 1) ? NULL : checkdb(L);
  const char *sql = luaL_checkstring(L, 2), *tail = NULL;
  sqlite3 *db;
  LCursor *c;
  int n = lua_gettop(L), i, step, ncol;
  lua_Integer row = 0;
  if (s == NULL) return tifai_corpus_sql(L);       /* lcorpus.c: each shard's rows */
  db = tifa_store_sqlite(s);
  c = (LCursor *)lua_newuserdatauv(L, sizeof(LCursor), 0);
  c->st = NULL;
  luaL_setmetatable(L, TIFA_CURSORTYPE);
  lua_toclose(L, -1);                               /* finalized however we leave */
  if (sqlite3_prepare_v2(db, sql, -1, &c->st, &tail) != SQLITE_OK)
    return tifai_lua_failmsg(L, sqlite3_errmsg(db));
  if (c->st == NULL) return luaL_argerror(L, 2, "no SQL statement");
  while (tail && (*tail == ' ' || *tail == '\n' || *tail == '\t' || *tail == ';' || *tail == '\r')) tail++;
  if (tail && *tail) return luaL_argerror(L, 2, "one statement at a time");
  if (!sqlite3_stmt_readonly(c->st) && tifa_store_readonly(s))
    return tifai_lua_failmsg(L, "attempt to write a read-only database");
  if (sqlite3_bind_parameter_count(c->st) != n - 2)
    return luaL_error(L, "bad argument #%d to 'sql' (%d parameter(s) expected, got %d)", 2,
                      sqlite3_bind_parameter_count(c->st), n - 2);
  for (i = 3; i <= n; i++) tifai_lua_bindvalue(L, c->st, i - 2, i, i - 1);
  lua_newtable(L);
  ncol = sqlite3_column_count(c->st);
  lua_createtable(L, 0, 1);                         /* the metatable: __index = {columns = } */
  lua_createtable(L, 0, 1);
  lua_createtable(L, ncol, 0);
  for (i = 0; i < ncol; i++) {
    lua_pushstring(L, sqlite3_column_name(c->st, i));
    lua_rawseti(L, -2, i + 1);
  }
  lua_setfield(L, -2, "columns");
  lua_setfield(L, -2, "__index");
  lua_pushliteral(L, "tifa.rows");                  /* protected, as every metatable of tifa's */
  lua_setfield(L, -2, "__metatable");
  lua_setmetatable(L, -2);
  while ((step = sqlite3_step(c->st)) == SQLITE_ROW) {
    lua_createtable(L, 0, ncol);
    for (i = 0; i < ncol; i++) {
      switch (sqlite3_column_type(c->st, i)) {
        case SQLITE_INTEGER: lua_pushinteger(L, (lua_Integer)sqlite3_column_int64(c->st, i)); break;
        case SQLITE_FLOAT: lua_pushnumber(L, sqlite3_column_double(c->st, i)); break;
        case SQLITE_NULL: continue;
        default:
          lua_pushlstring(L, (const char *)sqlite3_column_blob(c->st, i), (size_t)sqlite3_column_bytes(c->st, i));
      }
      lua_setfield(L, -2, sqlite3_column_name(c->st, i));
    }
    lua_rawseti(L, -2, ++row);
  }
  if (step != SQLITE_DONE) return tifai_lua_failmsg(L, sqlite3_errmsg(db));
  return 1;
}

/* }====== */

static const luaL_Reg tifa_funcs[] = {
  {"open", tifa_open},
  {NULL, NULL}
};

static const luaL_Reg db_meth[] = {
  {"ingest", tifai_db_ingest}, {"articles", tifai_db_articles}, {"article", tifai_db_article},
  {"search", db_search}, {"count", db_count}, {"words", db_words}, {"sql", db_sql}, {"close", db_close},
  {NULL, NULL}
};

static const luaL_Reg db_metameth[] = {
  {"__index", NULL},                                /* placeholder */
  {"__gc", db_close}, {"__close", db_close}, {"__tostring", db_tostring},
  {NULL, NULL}
};

static const luaL_Reg cursor_metameth[] = {
  {"__gc", cursor_close}, {"__close", cursor_close},
  {NULL, NULL}
};

static const luaL_Reg box_metameth[] = {
  {"__gc", box_gc}, {"__close", box_gc},
  {NULL, NULL}
};

/* Make metatable 'name' with 'meta' and an __index closure over a table of 'meth'. */
static void newclass (lua_State *L, const char *name, const luaL_Reg *meta, const luaL_Reg *meth,
                      lua_CFunction index, const luaL_Reg *const *more, const luaL_Reg *more2) {
  tifai_newmetatable(L, name);
  luaL_setfuncs(L, meta, 0);
  if (meth) {
    lua_newtable(L);
    luaL_setfuncs(L, meth, 0);
    while (more && *more) luaL_setfuncs(L, *more++, 0);
    if (index && more2) {                           /* upvalue 2: a corpus's own methods */
      lua_newtable(L);
      luaL_setfuncs(L, more2, 0);
      lua_pushcclosure(L, index, 2);
    }
    else if (index) {
      lua_pushcclosure(L, index, 1);
    }
    lua_setfield(L, -2, "__index");
  }
  lua_pop(L, 1);
}

LUAMOD_API int luaopen_tifa (lua_State *L) {
  static const luaL_Reg *const db_analytics[] = {tifai_track_db, tifai_lexis_db, tifai_reuse_db,
    tifai_cite_db, tifai_set_db, NULL};
  static const luaL_Reg *const article_analytics[] = {tifai_track_article, tifai_lexis_article,
    tifai_reuse_article, tifai_cite_article, tifai_provisions_article, NULL};
  luaL_newlib(L, tifa_funcs);
  lua_pushliteral(L, TIFA_VERSION);
  lua_setfield(L, -2, "version");
  newclass(L, TIFA_DBTYPE, db_metameth, db_meth, db_index, db_analytics, tifai_corpus_db);
  newclass(L, TIFA_ARTICLETYPE, tifai_article_metameth, tifai_article_meth, tifai_article_index,
           article_analytics, NULL);
  newclass(L, TIFA_CURSORTYPE, cursor_metameth, NULL, NULL, NULL, NULL);
  newclass(L, TIFA_BOXTYPE, box_metameth, NULL, NULL, NULL, NULL);
  tifai_luaopen_text(L);                            /* after the box class it uses */
  lua_setfield(L, -2, "text");
  tifai_luaopen_out(L);                             /* tifa.out (lout.c) */
  lua_setfield(L, -2, "out");
  tifai_luaopen_set(L);                             /* the class of db:select's sets */
  tifai_luaopen_chart(L);                           /* tifa.chart (lchart.c) */
  lua_setfield(L, -2, "chart");
  tifai_luaopen_graph(L);                           /* tifa.graph (lgraph.c) */
  lua_setfield(L, -2, "graph");
  tifai_help_open(L);                               /* tifa.help */
  tifai_lua_newowners(L);                           /* owners: article -> db (larticles.c) */
  return 1;
}
