/*
** ltifalib.c -- Lua binding of the tifa store: module "tifa"
**   tifa.open([path [, {readonly=, create=}]]) -> db | fail, msg   (no path: the sample corpus)
**   db:ingest(path_or_list [, {format=, name=, dry_run=}]) -> report | fail, msg, report
**   db:articles([filter]) -> iterator of articles     db:article(id) -> article | fail, msg
**   db:search(query [, {limit=, offset=, context=}]) -> hits | fail, msg
**   db:count(query) -> total, {[id] = n} | fail, msg   db:sql(sql, ...) -> rows | fail, msg
**   db:close()    article fields: id title author outlet date url file seq nchars text meta
**   article:paragraphs() -> list of {index, kind, text, from, to, byte_from, byte_to, line_from, line_to}
** Positions given to Lua are 1-based and inclusive, in characters unless named byte_.
*/
#define LUA_LIB
#include <stdlib.h>
#include <string.h>
#include "lua.h"
#include "lauxlib.h"
#include "lsandbox.h"
#include "lualib.h"
#include <sqlite3.h>
#include "tifa.h"
#include "tifa_store.h"
#include "tifa_text.h"
#include "buf.h"
#include "ltifa.h"
#include "ltext.h"
#include "lhelp.h"
#include "lanalytics.h"

#define TIFA_DBTYPE       "tifa.db"
#define TIFA_ARTICLETYPE  "tifa.article"
#define TIFA_CURSORTYPE   "tifa.cursor"
#define TIFA_BOXTYPE      "tifa.box"

typedef struct LDb { tifa_store *s; } LDb;                 /* s == NULL: closed */
typedef struct LCursor { sqlite3_stmt *st; } LCursor;      /* st == NULL: finished */

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
static void boxread (const tifai_buf *b, size_t *at, void *dst, size_t n) {
  memcpy(dst, b->p + *at, n);
  *at += n;
}

/* Append a NUL-terminated string (NULL as empty). */
static void boxstr (tifai_buf *b, const char *s) {
  tifai_buf_add(b, s ? s : "", (s ? strlen(s) : 0) + 1);
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
  LDb *d = (LDb *)luaL_checkudata(L, 1, TIFA_DBTYPE);
  if (d->s == NULL) luaL_error(L, "attempt to use a closed database");
  return d->s;
}

/* Return fail, msg (and the code name as a third value, as luv does). [-0, +2/3, m] */
static int failmsg (lua_State *L, const char *msg) {
  luaL_pushfail(L);
  lua_pushstring(L, msg);
  return 2;
}

int tifai_lua_pushdb (lua_State *L, tifa_store *s) {
  LDb *d = (LDb *)lua_newuserdatauv(L, sizeof(LDb), 0);
  d->s = s;
  luaL_setmetatable(L, TIFA_DBTYPE);
  remember(s);
  tifai_sandbox_confine(L, s);                      /* a sandbox's script gets it: confined */
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
  d = (LDb *)lua_newuserdatauv(L, sizeof(LDb), 0);
  d->s = NULL;                                      /* 'closed' until open succeeds */
  luaL_setmetatable(L, TIFA_DBTYPE);
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
  if (d->s != NULL) {
    forget(d->s);
    tifa_store_close(d->s);
    d->s = NULL;
  }
  return 0;
}

static int db_tostring (lua_State *L) {
  LDb *d = (LDb *)luaL_checkudata(L, 1, TIFA_DBTYPE);
  if (d->s == NULL) lua_pushliteral(L, "tifa.db (closed)");
  else lua_pushfstring(L, "tifa.db (%s%s)", tifa_store_path(d->s),
                       tifa_store_readonly(d->s) ? ", read-only" : "");
  return 1;
}

/* db.path, db.readonly as fields; methods otherwise */
static int db_index (lua_State *L) {
  const char *k = lua_tostring(L, 2);
  LDb *d = (LDb *)luaL_checkudata(L, 1, TIFA_DBTYPE);
  if (k && d->s && strcmp(k, "path") == 0) { lua_pushstring(L, tifa_store_path(d->s)); return 1; }
  if (k && d->s && strcmp(k, "readonly") == 0) { lua_pushboolean(L, tifa_store_readonly(d->s)); return 1; }
  lua_pushvalue(L, 2);
  lua_rawget(L, lua_upvalueindex(1));               /* the methods */
  return 1;
}

/* }====== */

/* {====== Ingest ====== */

static const char *const outcomes[] = {"", "added", "replaced", "unchanged", "skipped", "failed"};

/* on_file: one record per file into the box: outcome, size, articles, records failed, then
** the path, message, encoding and format as NUL-terminated strings. on_record: the same with
** outcome 0, the line in 'size' and 'failed' in 'articles', then the path and the message.
** Never raise. */
typedef struct filerec { int outcome; uint64_t size; long articles, records_failed; } filerec;

static void onrecord (void *ud, const char *path, int line, int failed, const char *msg) {
  tifai_buf *b = (tifai_buf *)ud;
  filerec r;
  r.outcome = 0;
  r.size = line > 0 ? (uint64_t)line : 0;
  r.articles = failed;
  r.records_failed = 0;
  tifai_buf_add(b, &r, sizeof(r));
  boxstr(b, path);
  boxstr(b, msg);
  boxstr(b, "");
  boxstr(b, "");
}

static void onfile (void *ud, const tifa_ingest_file *f) {
  tifai_buf *b = (tifai_buf *)ud;
  filerec r;
  r.outcome = f->outcome;
  r.size = f->size;
  r.articles = f->articles;
  r.records_failed = f->records_failed;
  tifai_buf_add(b, &r, sizeof(r));
  boxstr(b, f->path);
  boxstr(b, f->message);
  boxstr(b, f->encoding);
  boxstr(b, f->format);
}

/* Push the report table of 'r' with the list of files recorded in 'b'. [-0, +1, m] */
static void pushreport (lua_State *L, const tifa_ingest_report *r, const tifai_buf *b) {
  static const char *const names[] = {"path", "message", "encoding", "format"};
  size_t at = 0;
  lua_Integer n = 0, nrec = 0;
  int k;
  lua_createtable(L, 0, 11);
  lua_pushinteger(L, r->records_failed); lua_setfield(L, -2, "records_failed");
  lua_pushinteger(L, r->files); lua_setfield(L, -2, "files");
  lua_pushinteger(L, r->added); lua_setfield(L, -2, "added");
  lua_pushinteger(L, r->replaced); lua_setfield(L, -2, "replaced");
  lua_pushinteger(L, r->unchanged); lua_setfield(L, -2, "unchanged");
  lua_pushinteger(L, r->skipped); lua_setfield(L, -2, "skipped");
  lua_pushinteger(L, r->failed); lua_setfield(L, -2, "failed");
  lua_pushinteger(L, r->articles); lua_setfield(L, -2, "articles");
  lua_pushinteger(L, (lua_Integer)r->bytes); lua_setfield(L, -2, "bytes");
  lua_newtable(L);                                  /* records, below the list */
  lua_newtable(L);
  while (at < b->len) {
    filerec fr;
    boxread(b, &at, &fr, sizeof(fr));
    if (fr.outcome == 0) {                          /* a record: {path, line, failed, message} */
      lua_createtable(L, 0, 4);
      lua_pushstring(L, b->p + at); lua_setfield(L, -2, "path");
      at += strlen(b->p + at) + 1;
      lua_pushinteger(L, (lua_Integer)fr.size); lua_setfield(L, -2, "line");
      lua_pushboolean(L, fr.articles != 0); lua_setfield(L, -2, "failed");
      lua_pushstring(L, b->p + at); lua_setfield(L, -2, "message");
      at += strlen(b->p + at) + 1;
      at += 2;                                      /* the two empty strings */
      lua_rawseti(L, -3, ++nrec);
      continue;
    }
    lua_createtable(L, 0, 8);
    if (fr.records_failed > 0) {
      lua_pushinteger(L, fr.records_failed);
      lua_setfield(L, -2, "records_failed");
    }
    lua_pushstring(L, outcomes[fr.outcome]); lua_setfield(L, -2, "outcome");
    lua_pushinteger(L, (lua_Integer)fr.size); lua_setfield(L, -2, "size");
    lua_pushinteger(L, fr.articles); lua_setfield(L, -2, "articles");
    for (k = 0; k < 4; k++) {
      const char *str = b->p + at;
      size_t len = strlen(str);
      if (len > 0 || k == 0) { lua_pushlstring(L, str, len); lua_setfield(L, -2, names[k]); }
      at += len + 1;
    }
    lua_rawseti(L, -2, ++n);
  }
  lua_setfield(L, -3, "list");
  lua_setfield(L, -2, "records");
}

/* {------ Split hooks: a Lua function cuts each page ------ */

static const char *const kindnames[] = {"text", "heading", "item", "quote", "code", NULL};

/* Push a list of paragraphs {text, kind, line_from, line_to, byte_from, byte_to}; with
** 'why', each dropped one gets its reason too. [-0, +1, m] */
static void pushparas (lua_State *L, const tifa_para_src *p, size_t n, const char *const *why) {
  size_t i;
  lua_createtable(L, (int)n, 0);
  for (i = 0; i < n; i++) {
    lua_createtable(L, 0, 7);
    lua_pushlstring(L, p[i].text, p[i].len); lua_setfield(L, -2, "text");
    lua_pushstring(L, kindnames[p[i].kind >= 0 && p[i].kind <= 4 ? p[i].kind : 0]);
    lua_setfield(L, -2, "kind");
    lua_pushinteger(L, p[i].line_start); lua_setfield(L, -2, "line_from");
    lua_pushinteger(L, p[i].line_end); lua_setfield(L, -2, "line_to");
    lua_pushinteger(L, (lua_Integer)p[i].byte_start + 1); lua_setfield(L, -2, "byte_from");
    lua_pushinteger(L, (lua_Integer)p[i].byte_end); lua_setfield(L, -2, "byte_to");
    if (why) { lua_pushstring(L, why[i]); lua_setfield(L, -2, "why"); }
    lua_rawseti(L, -2, (lua_Integer)i + 1);
  }
}

#define CUTFIELDS(X) X(title) X(kicker) X(subtitle) X(series) X(author) X(affiliation) \
  X(editor) X(outlet) X(place) X(date) X(date_precision) X(url) X(meta) X(genre) \
  X(date_source) X(effective) X(events)

/* Push the fields of a cut article, its paragraphs and what was dropped. [-0, +1, m] */
static void pushcut (lua_State *L, const tifa_cut_article *a) {
  lua_createtable(L, 0, 22);
#define PUSHF(f) if (a->f) { lua_pushstring(L, a->f); lua_setfield(L, -2, #f); }
  CUTFIELDS(PUSHF)
#undef PUSHF
  lua_pushinteger(L, a->line_start); lua_setfield(L, -2, "line_from");
  lua_pushinteger(L, a->line_end); lua_setfield(L, -2, "line_to");
  pushparas(L, a->paras, a->npara, NULL); lua_setfield(L, -2, "paragraphs");
  pushparas(L, a->dropped, a->ndropped, a->why); lua_setfield(L, -2, "dropped");
}

/* An optional integer field of the table at 'idx'. */
static lua_Integer optint (lua_State *L, int idx, const char *k, lua_Integer d) {
  lua_Integer v = d;
  if (lua_getfield(L, idx, k) != LUA_TNIL) v = lua_tointeger(L, -1);
  lua_pop(L, 1);
  return v;
}

/* Article t (at 'idx') returned by a hook, into 'a' with paragraphs in 'ps' (strings stay
** on the stack, anchored in t). Raises on malformed input. */
static void tocut (lua_State *L, int idx, int k, const tifa_page *pg, tifa_cut_article *a,
                   tifa_para_src *ps, size_t np) {
  size_t i;
  memset(a, 0, sizeof(*a));
#define GETF(f) if (lua_getfield(L, idx, #f) != LUA_TNIL) { \
    if (!lua_isstring(L, -1)) luaL_error(L, "split hook: article %d: field '" #f "' is not a string", k); \
    a->f = lua_tostring(L, -1); } lua_pop(L, 1);
  CUTFIELDS(GETF)
#undef GETF
  lua_getfield(L, idx, "paragraphs");
  for (i = 0; i < np; i++) {
    tifa_para_src *p = &ps[i];
    int t = lua_geti(L, -1, (lua_Integer)i + 1);
    memset(p, 0, sizeof(*p));
    if (t == LUA_TNUMBER && lua_isinteger(L, -1)) {  /* an index into page.paragraphs */
      lua_Integer j = lua_tointeger(L, -1);
      if (j < 1 || (size_t)j > pg->npara)
        luaL_error(L, "split hook: article %d: no page paragraph %I", k, (LUAI_UACINT)j);
      *p = pg->paras[j - 1];
    }
    else if (t == LUA_TSTRING) p->text = lua_tolstring(L, -1, &p->len);
    else if (t == LUA_TTABLE) {
      int kk;
      if (lua_getfield(L, -1, "text") != LUA_TSTRING)
        luaL_error(L, "split hook: article %d: paragraph %d has no text", k, (int)i + 1);
      p->text = lua_tolstring(L, -1, &p->len);
      lua_pop(L, 1);
      lua_getfield(L, -1, "kind");
      for (kk = 0; kindnames[kk] && (!lua_isstring(L, -1) || strcmp(kindnames[kk], lua_tostring(L, -1)) != 0); kk++) ;
      p->kind = kindnames[kk] ? kk : 0;
      lua_pop(L, 1);
      p->line_start = (int)optint(L, -1, "line_from", 0);
      p->line_end = (int)optint(L, -1, "line_to", p->line_start);
      p->byte_start = (uint64_t)(optint(L, -1, "byte_from", 1) - 1);
      p->byte_end = (uint64_t)optint(L, -1, "byte_to", 0);
    }
    else luaL_error(L, "split hook: article %d: paragraph %d is a %s (a string, a table or "
                    "an index into page.paragraphs expected)", k, (int)i + 1, luaL_typename(L, -1));
    lua_pop(L, 1);
    if (i == 0 || p->line_start < a->line_start) a->line_start = p->line_start;
    if (p->line_end > a->line_end) a->line_end = p->line_end;
  }
  lua_pop(L, 1);
  a->paras = ps;
  a->npara = np;
}

/* Protected part of a hook call: split(page) and its articles handed to tifa_cut_add. */
static int splitcall (lua_State *L) {
  const tifa_page *pg = (const tifa_page *)lua_touserdata(L, 1);
  tifa_cutter *c = (tifa_cutter *)lua_touserdata(L, 2);
  lua_Integer k, n;
  size_t i;
  lua_createtable(L, 0, 4);                         /* 4: the page */
  lua_pushstring(L, pg->path); lua_setfield(L, -2, "path");
  lua_pushstring(L, pg->format); lua_setfield(L, -2, "format");
  pushparas(L, pg->paras, pg->npara, NULL); lua_setfield(L, -2, "paragraphs");
  lua_createtable(L, (int)pg->ncut, 0);
  for (i = 0; i < pg->ncut; i++) { pushcut(L, &pg->cut[i]); lua_rawseti(L, -2, (lua_Integer)i + 1); }
  lua_setfield(L, -2, "articles");
  lua_pushvalue(L, 3);
  lua_pushvalue(L, 4);
  lua_call(L, 1, 1);                                /* 5: the articles it returns */
  if (!lua_istable(L, 5))
    return luaL_error(L, "split hook returned %s (a list of articles expected)", luaL_typename(L, 5));
  n = luaL_len(L, 5);
  for (k = 1; k <= n; k++) {
    tifa_cut_article a;
    tifa_para_src *ps;
    size_t np;
    if (lua_geti(L, 5, k) != LUA_TTABLE)
      return luaL_error(L, "split hook: article %d is a %s (a table expected)", (int)k, luaL_typename(L, -1));
    lua_getfield(L, -1, "paragraphs");
    if (!lua_istable(L, -1))
      return luaL_error(L, "split hook: article %d has no paragraphs list", (int)k);
    np = (size_t)luaL_len(L, -1);
    lua_pop(L, 1);
    ps = (tifa_para_src *)lua_newuserdatauv(L, (np ? np : 1) * sizeof(*ps), 0);
    tocut(L, lua_gettop(L) - 1, (int)k, pg, &a, ps, np);
    if (tifa_cut_add(c, &a) != TIFA_OK) return luaL_error(L, "not enough memory");
    lua_pop(L, 2);
  }
  return 0;
}

int tifai_lua_split (void *ud, const tifa_page *pg, tifa_cutter *c) {
  tifai_luasplit *h = (tifai_luasplit *)ud;
  lua_State *L = h->L;
  int top = lua_gettop(L), status;
  lua_pushcfunction(L, splitcall);
  lua_pushlightuserdata(L, (void *)pg);
  lua_pushlightuserdata(L, c);
  lua_rawgeti(L, LUA_REGISTRYINDEX, h->ref);
  status = lua_pcall(L, 3, 0, 0);
  if (status != LUA_OK) {
    const char *msg = lua_tostring(L, -1);
    if (msg == NULL) msg = "split hook failed";
    else if (strncmp(msg, "split hook", 10) != 0) msg = lua_pushfstring(L, "split hook: %s", msg);
    tifa_cut_fail(c, msg);
  }
  lua_settop(L, top);
  return status == LUA_OK ? TIFA_OK : TIFA_ERROR;
}

static void splitonfile (void *ud, const tifa_ingest_file *f) {
  onfile(((tifai_luasplit *)ud)->box, f);
}

static void splitonrecord (void *ud, const char *path, int line, int failed, const char *msg) {
  onrecord(((tifai_luasplit *)ud)->box, path, line, failed, msg);
}

/* }------ */

/* db:ingest(path_or_list [, opts]) */
static int db_ingest (lua_State *L) {
  static const char *const fmts[] = {"text", "markdown", "md", "html", "jsonl", "csv", NULL};
  tifa_store *s = checkdb(L);
  tifa_ingest_opts o;
  tifa_ingest_report r;
  tifai_luasplit split = {NULL, LUA_NOREF, NULL};
  tifai_buf *box;
  int rc = TIFA_OK, n = 0, i;
  memset(&o, 0, sizeof(o));
  memset(&r, 0, sizeof(r));
  if (lua_type(L, 2) != LUA_TTABLE) luaL_checkstring(L, 2);
  if (!lua_isnoneornil(L, 3)) {
    luaL_checktype(L, 3, LUA_TTABLE);
    if (lua_getfield(L, 3, "format") != LUA_TNIL) {
      const char *f = lua_tostring(L, -1);
      for (i = 0; fmts[i] && (f == NULL || strcmp(fmts[i], f) != 0); i++) ;
      if (fmts[i] == NULL)
        return luaL_error(L, "bad argument #2 to 'ingest' (invalid format '%s')", f ? f : "?");
      o.format = fmts[i];
    }
    if (lua_getfield(L, 3, "name") != LUA_TNIL) o.stdin_name = luaL_checkstring(L, -1);
    if (lua_getfield(L, 3, "dry_run") != LUA_TNIL) o.dry_run = lua_toboolean(L, -1);
    if (lua_getfield(L, 3, "layout") != LUA_TNIL) o.nolayout = !lua_toboolean(L, -1);
    if (lua_getfield(L, 3, "genre") != LUA_TNIL) {   /* a genre and its rules for every page */
      static const char *const genres[] = {"news", "law", "document", "speech", "case", NULL};
      const char *g = lua_tostring(L, -1);
      for (i = 0; genres[i] && (g == NULL || strcmp(genres[i], g) != 0); i++) ;
      if (genres[i] == NULL)
        return luaL_error(L, "bad argument #2 to 'ingest' (invalid genre '%s')", g ? g : "?");
      o.genre = genres[i];
    }
    if (lua_getfield(L, 3, "split") != LUA_TNIL) {
      luaL_argexpected(L, lua_isfunction(L, -1), 2, "function as 'split'");
      lua_pushvalue(L, -1);
      split.L = L;
      split.ref = luaL_ref(L, LUA_REGISTRYINDEX);
      o.split = tifai_lua_split;
    }
    if (lua_getfield(L, 3, "meta") != LUA_TNIL) {    /* {key = value}: "key=value" strings */
      int t = lua_gettop(L), nm = 0;
      const char **v;
      luaL_checktype(L, t, LUA_TTABLE);
      lua_pushnil(L);
      while (lua_next(L, t) != 0) { nm++; lua_pop(L, 1); }
      v = (const char **)lua_newuserdatauv(L, (size_t)(nm + 1) * sizeof(char *), 1);
      lua_createtable(L, nm, 0);                    /* the strings, anchored in the userdata */
      nm = 0;
      lua_pushnil(L);
      while (lua_next(L, t) != 0) {
        if (lua_type(L, -2) != LUA_TSTRING || !lua_isstring(L, -1))
          return luaL_error(L, "bad argument #2 to 'ingest' (meta: string keys and values expected)");
        lua_pushfstring(L, "%s=%s", lua_tostring(L, -2), lua_tostring(L, -1));
        v[nm] = lua_tostring(L, -1);
        lua_rawseti(L, -4, ++nm);
        lua_pop(L, 1);
      }
      v[nm] = NULL;
      lua_setiuservalue(L, -2, 1);
      o.meta = v;
    }
  }
  if (tifa_store_readonly(s) && !o.dry_run)
    return failmsg(L, "attempt to write a read-only database");
  if (lua_type(L, 2) == LUA_TTABLE) {              /* every item a path, before any work */
    n = (int)luaL_len(L, 2);
    for (i = 1; i <= n; i++) {
      if (lua_geti(L, 2, i) != LUA_TSTRING && !lua_isnumber(L, -1))
        return luaL_error(L, "bad argument #1 to 'ingest' (item %d is not a path)", i);
      lua_pop(L, 1);
    }
  }
  box = tifai_lua_newbox(L);
  o.on_file = onfile;
  o.on_record = onrecord;
  o.ud = box;
  if (o.split) {                                    /* the hook's ud must carry the box too */
    split.box = box;
    o.ud = &split;
    o.on_file = splitonfile;
    o.on_record = splitonrecord;
  }
  if (lua_type(L, 2) == LUA_TTABLE) {
    for (i = 1; i <= n; i++) {
      int r1;
      lua_geti(L, 2, i);
      r1 = tifa_store_ingest(s, lua_tostring(L, -1), &o, &r);
      lua_pop(L, 1);
      if (r1 != TIFA_OK && r1 != TIFA_ERROR) { rc = r1; break; }
      if (r1 == TIFA_ERROR) rc = TIFA_ERROR;
    }
  }
  else rc = tifa_store_ingest(s, lua_tostring(L, 2), &o, &r);
  luaL_unref(L, LUA_REGISTRYINDEX, split.ref);
  if (box->oom) return luaL_error(L, "not enough memory");
  if (rc == TIFA_OK || rc == TIFA_ERROR) {        /* files that failed are in the report */
    pushreport(L, &r, box);
    return 1;
  }
  luaL_pushfail(L);
  lua_pushstring(L, tifa_store_errmsg(s));
  pushreport(L, &r, box);
  return 3;
}

/* }====== */

/* {====== Articles ====== */

#define ARTICLE_COLS "a.id, a.title, a.author, a.outlet, a.date, a.url, f.path, a.seq, a.nchars, " \
                     "a.meta, a.byte_start, a.byte_end, a.line_start, a.line_end, a.kicker, " \
                     "a.subtitle, a.series, a.affiliation, a.editor, a.place, a.date_precision, " \
                     "coalesce(a.title_source, 'field'), a.genre, " \
                     "coalesce(a.date_source, iif(a.date IS NULL, 'none', 'field')), " \
                     "a.effective, a.events"
#define NARTICLE_COLS 26
#define EVENTS_COL    25                /* a JSON list, pushed as a Lua list (pushevents) */

/* Push the JSON string at '*p' (as tifai_buf_addjson writes it: '"', '\\' and control
** bytes escaped) as a Lua string and move '*p' past it; 0 if it is no string. [-0, +1, m] */
static int pushjsonstr (lua_State *L, const char **p) {
  const char *s = *p;
  luaL_Buffer b;
  if (*s != '"') return 0;
  luaL_buffinit(L, &b);
  for (s++; *s && *s != '"'; s++) {
    if (*s != '\\') { luaL_addchar(&b, *s); continue; }
    switch (*++s) {
      case 'n': luaL_addchar(&b, '\n'); break;
      case 't': luaL_addchar(&b, '\t'); break;
      case 'r': luaL_addchar(&b, '\r'); break;
      case 'b': luaL_addchar(&b, '\b'); break;
      case 'f': luaL_addchar(&b, '\f'); break;
      case 'u': {                           /* only control bytes are written so */
        unsigned v = 0;
        int k;
        for (k = 1; k <= 4 && s[k]; k++)
          v = v * 16 + (unsigned)(s[k] <= '9' ? s[k] - '0' : (s[k] | 0x20) - 'a' + 10);
        if (k == 5) { luaL_addchar(&b, (char)(v & 0xFF)); s += 4; }
        break;
      }
      case '\0': s--; break;
      default: luaL_addchar(&b, *s); break;   /* '"', '\\', '/' */
    }
  }
  luaL_pushresult(&b);
  *p = *s ? s + 1 : s;
  return 1;
}

/* Push a law's header events (the events column: [{"date":..,"kind":..,"text":..}, ...]) as
** a list of tables {date =, kind =, text =}; what cannot be read ends the list. [-0, +1, m] */
static void pushevents (lua_State *L, const char *s) {
  lua_Integer n = 0;
  lua_newtable(L);
  if (*s++ != '[') return;
  while (*s == '{') {
    s++;
    lua_newtable(L);
    while (*s == '"') {
      if (!pushjsonstr(L, &s)) break;             /* the key */
      if (*s++ != ':' || !pushjsonstr(L, &s)) { lua_pop(L, 1); break; }
      lua_rawset(L, -3);
      if (*s == ',') s++;
    }
    lua_rawseti(L, -2, ++n);
    if (*s++ != '}') return;
    if (*s == ',') s++;
  }
}

/* Push an article table from the current row of 'st' (columns ARTICLE_COLS); the db (at
** index 'db') is kept in the metatable's registry of owners. [-0, +1, m] */
static void pusharticle (lua_State *L, sqlite3_stmt *st, int db) {
  static const char *const names[NARTICLE_COLS] = {"id", "title", "author", "outlet", "date",
    "url", "file", "seq", "nchars", "meta", "byte_from", "byte_to", "line_from", "line_to",
    "kicker", "subtitle", "series", "affiliation", "editor", "place", "date_precision",
    "title_source", "genre", "date_source", "effective", "events"};
  int i;
  lua_createtable(L, 0, NARTICLE_COLS + 2);
  for (i = 0; i < NARTICLE_COLS; i++) {
    switch (sqlite3_column_type(st, i)) {
      case SQLITE_INTEGER: {
        lua_Integer v = (lua_Integer)sqlite3_column_int64(st, i);
        if (i == 10) v += 1;                        /* byte_from: 1-based */
        lua_pushinteger(L, v);
        break;
      }
      case SQLITE_NULL: continue;
      default: {
        const char *t = (const char *)sqlite3_column_text(st, i);
        if (t == NULL) luaL_error(L, "not enough memory");   /* not a missing field */
        if (i == EVENTS_COL) pushevents(L, t);
        else lua_pushstring(L, t);
        break;
      }
    }
    lua_setfield(L, -2, names[i]);
  }
  luaL_setmetatable(L, TIFA_ARTICLETYPE);
  /* owners[article] = db, so a:paragraphs() and a.text find their store */
  lua_rawgetp(L, LUA_REGISTRYINDEX, (void *)&pusharticle);
  lua_pushvalue(L, -2);
  lua_pushvalue(L, db);
  lua_rawset(L, -3);
  lua_pop(L, 1);
}

/* The store of the article at index 1 (from the owners table). */
static tifa_store *articledb (lua_State *L) {
  LDb *d;
  luaL_checktype(L, 1, LUA_TTABLE);
  lua_rawgetp(L, LUA_REGISTRYINDEX, (void *)&pusharticle);
  lua_pushvalue(L, 1);
  lua_rawget(L, -2);
  d = (LDb *)luaL_testudata(L, -1, TIFA_DBTYPE);
  if (d == NULL) luaL_error(L, "article has no database");
  if (d->s == NULL) luaL_error(L, "attempt to use a closed database");
  lua_pop(L, 2);
  return d->s;
}

static int articleid (lua_State *L) {
  lua_Integer id;
  if (lua_getfield(L, 1, "id") != LUA_TNUMBER) luaL_error(L, "article has no id");
  id = lua_tointeger(L, -1);
  lua_pop(L, 1);
  return (int)id;
}

static LCursor *newcursor (lua_State *L);

/* article.text is read when first asked for, then kept */
static int article_index (lua_State *L) {
  const char *k = lua_tostring(L, 2);
  if (k && strcmp(k, "text") == 0) {
    sqlite3 *db = tifa_store_sqlite(articledb(L));
    int id = articleid(L), step;
    LCursor *c = newcursor(L);                      /* finalizes the statement if we raise */
    if (sqlite3_prepare_v2(db, "SELECT text FROM article WHERE id = ?1", -1, &c->st, NULL) != SQLITE_OK)
      return luaL_error(L, "cannot read article (%s)", sqlite3_errmsg(db));
    sqlite3_bind_int64(c->st, 1, id);
    if ((step = sqlite3_step(c->st)) == SQLITE_ROW) {
      const char *t = (const char *)sqlite3_column_text(c->st, 0);
      if (t == NULL && sqlite3_errcode(db) == SQLITE_NOMEM) return luaL_error(L, "not enough memory");
      lua_pushlstring(L, t ? t : "", (size_t)sqlite3_column_bytes(c->st, 0));
      sqlite3_finalize(c->st);
      c->st = NULL;
      lua_pushvalue(L, -1);
      lua_setfield(L, 1, "text");
      return 1;
    }
    if (step != SQLITE_DONE) return luaL_error(L, "cannot read article (%s)", sqlite3_errmsg(db));
    return 0;
  }
  lua_pushvalue(L, 2);
  lua_rawget(L, lua_upvalueindex(1));               /* the methods */
  return 1;
}

/* Byte offset in 'text' of character 'c' (0-based), scanning from a known (byte, char). */
static size_t charbyte (const char *text, size_t len, size_t *bpos, int64_t *cpos, int64_t c) {
  while (*cpos < c && *bpos < len) {
    (*bpos)++;
    while (*bpos < len && ((unsigned char)text[*bpos] & 0xC0) == 0x80) (*bpos)++;
    (*cpos)++;
  }
  return *bpos;
}

/* article:paragraphs() */
static int article_paragraphs (lua_State *L) {
  tifa_store *s = articledb(L);
  sqlite3 *db = tifa_store_sqlite(s);
  sqlite3_stmt *st;
  LCursor *c;
  const char *text, *kind;
  size_t len, bpos = 0;
  int64_t cpos = 0;
  int i = 0, step, id;
  lua_getfield(L, 1, "text");
  text = luaL_checklstring(L, -1, &len);
  id = articleid(L);
  /* the statement must be finalized even if a push raises: the cursor's __gc does it */
  c = newcursor(L);
  if (sqlite3_prepare_v2(db, "SELECT seq, kind, char_start, char_end, byte_start, byte_end, "
                         "line_start, line_end FROM paragraph WHERE article_id = ?1 ORDER BY seq",
                         -1, &c->st, NULL) != SQLITE_OK)
    return luaL_error(L, "cannot read paragraphs (%s)", sqlite3_errmsg(db));
  st = c->st;
  sqlite3_bind_int64(st, 1, id);
  lua_newtable(L);
  while ((step = sqlite3_step(st)) == SQLITE_ROW) {
    int64_t cs = sqlite3_column_int64(st, 2), ce = sqlite3_column_int64(st, 3);
    size_t b0 = charbyte(text, len, &bpos, &cpos, cs), b1 = charbyte(text, len, &bpos, &cpos, ce);
    if ((kind = (const char *)sqlite3_column_text(st, 1)) == NULL && sqlite3_errcode(db) == SQLITE_NOMEM)
      return luaL_error(L, "not enough memory");
    lua_createtable(L, 0, 9);
    lua_pushinteger(L, sqlite3_column_int64(st, 0) + 1); lua_setfield(L, -2, "index");
    lua_pushstring(L, kind); lua_setfield(L, -2, "kind");
    lua_pushlstring(L, text + b0, b1 - b0); lua_setfield(L, -2, "text");
    lua_pushinteger(L, cs + 1); lua_setfield(L, -2, "from");
    lua_pushinteger(L, ce); lua_setfield(L, -2, "to");
    lua_pushinteger(L, sqlite3_column_int64(st, 4) + 1); lua_setfield(L, -2, "byte_from");
    lua_pushinteger(L, sqlite3_column_int64(st, 5)); lua_setfield(L, -2, "byte_to");
    lua_pushinteger(L, sqlite3_column_int64(st, 6)); lua_setfield(L, -2, "line_from");
    lua_pushinteger(L, sqlite3_column_int64(st, 7)); lua_setfield(L, -2, "line_to");
    lua_rawseti(L, -2, ++i);
  }
  if (step != SQLITE_DONE) return luaL_error(L, "cannot read paragraphs (%s)", sqlite3_errmsg(db));
  sqlite3_finalize(st);
  c->st = NULL;
  return 1;
}

/* Leave only the article at index 1 and push its a:paragraphs() (index 2); their number. */
static lua_Integer paragraphsof (lua_State *L) {
  lua_settop(L, 1);
  lua_pushcfunction(L, article_paragraphs);
  lua_pushvalue(L, 1);
  lua_call(L, 1, 1);
  return luaL_len(L, 2);
}

/* article:sections(): the part before the first heading (if it has paragraphs), then one
** section per heading: {index, heading, from, to, first, last} */
static int article_sections (lua_State *L) {
  lua_Integer i, n = paragraphsof(L), ns = 0;     /* 2: the paragraphs */
  lua_newtable(L);                                  /* 3: the sections */
  for (i = 1; i <= n; i++) {
    int heading;
    lua_rawgeti(L, 2, i);                           /* 4: paragraph i */
    lua_getfield(L, 4, "kind");
    heading = strcmp(lua_tostring(L, -1), "heading") == 0;
    lua_pop(L, 1);
    if (heading || ns == 0) {                       /* a new section */
      lua_createtable(L, 0, 6);
      lua_pushinteger(L, ++ns); lua_setfield(L, -2, "index");
      if (heading) { lua_getfield(L, 4, "text"); lua_setfield(L, -2, "heading"); }
      lua_getfield(L, 4, "from"); lua_setfield(L, -2, "from");
      lua_getfield(L, 4, "to"); lua_setfield(L, -2, "to");
      lua_pushinteger(L, heading ? i + 1 : i); lua_setfield(L, -2, "first");
      lua_pushinteger(L, heading ? i : i); lua_setfield(L, -2, "last");
      lua_rawseti(L, 3, ns);
    }
    else {                                          /* the body of the current section */
      lua_rawgeti(L, 3, ns);
      lua_getfield(L, 4, "to"); lua_setfield(L, -2, "to");
      lua_pushinteger(L, i); lua_setfield(L, -2, "last");
      lua_pop(L, 1);
    }
    lua_pop(L, 1);
  }
  return 1;
}

/* article:sentences(): {index, paragraph, text, from, to} per sentence (tifa_text_sentence) */
static int article_sentences (lua_State *L) {
  lua_Integer i, n = paragraphsof(L), k = 0;      /* 2: the paragraphs */
  lua_newtable(L);                                  /* 3: the sentences */
  for (i = 1; i <= n; i++) {
    size_t len;
    const char *s;
    lua_Integer from;
    lua_rawgeti(L, 2, i);                           /* 4: paragraph i */
    lua_getfield(L, 4, "text");                     /* 5 */
    s = lua_tolstring(L, 5, &len);
    lua_getfield(L, 4, "from");
    from = lua_tointeger(L, -1);
    lua_pop(L, 1);
    while (len > 0) {
      size_t b = tifa_text_sentence(s, len);
      lua_Integer nc = (lua_Integer)tifa_utf8_len(s, b);
      if (b == 0) break;
      lua_createtable(L, 0, 5);
      lua_pushinteger(L, ++k); lua_setfield(L, -2, "index");
      lua_pushinteger(L, i); lua_setfield(L, -2, "paragraph");
      lua_pushlstring(L, s, b); lua_setfield(L, -2, "text");
      lua_pushinteger(L, from); lua_setfield(L, -2, "from");
      lua_pushinteger(L, from + nc - 1); lua_setfield(L, -2, "to");
      lua_rawseti(L, 3, k);
      from += nc;
      s += b;
      len -= b;
    }
    lua_pop(L, 2);
  }
  return 1;
}

static int article_tostring (lua_State *L) {
  luaL_checktype(L, 1, LUA_TTABLE);
  lua_getfield(L, 1, "id");
  lua_getfield(L, 1, "date");
  lua_getfield(L, 1, "outlet");
  lua_getfield(L, 1, "title");
  lua_pushfstring(L, "article %s: %s %s %s", luaL_tolstring(L, 2, NULL),
                  lua_isnil(L, 3) ? "-" : lua_tostring(L, 3),
                  lua_isnil(L, 4) ? "-" : lua_tostring(L, 4),
                  lua_isnil(L, 5) ? "" : lua_tostring(L, 5));
  return 1;
}

static int cursor_close (lua_State *L) {
  LCursor *c = (LCursor *)luaL_checkudata(L, 1, TIFA_CURSORTYPE);
  if (c->st) { sqlite3_finalize(c->st); c->st = NULL; }
  return 0;
}

/* the iterator of db:articles: upvalue 1 the cursor, upvalue 2 the db */
static int articles_aux (lua_State *L) {
  LCursor *c = (LCursor *)luaL_checkudata(L, lua_upvalueindex(1), TIFA_CURSORTYPE);
  LDb *d = (LDb *)luaL_checkudata(L, lua_upvalueindex(2), TIFA_DBTYPE);
  int step;
  if (c->st == NULL) return 0;
  if (d->s == NULL) return luaL_error(L, "attempt to use a closed database");
  step = sqlite3_step(c->st);
  if (step == SQLITE_ROW) {
    pusharticle(L, c->st, lua_upvalueindex(2));
    return 1;
  }
  {
    const char *msg = (step == SQLITE_DONE) ? NULL : lua_pushstring(L, sqlite3_errmsg(sqlite3_db_handle(c->st)));
    sqlite3_finalize(c->st);
    c->st = NULL;
    if (msg) return luaL_error(L, "cannot read articles (%s)", msg);
  }
  return 0;
}

/* Bind Lua value at 'idx' to parameter i of st (held by a cursor); raises for a type SQL
** cannot hold. */
static void bindvalue (lua_State *L, sqlite3_stmt *st, int i, int idx, int arg) {
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

/* The article filter of db:articles and db:words: fields outlet, author, since, until, title,
** file, where (an SQL expression over a = article, f = file) and params (its parameters). */
static const char *const conds[] = {"outlet", "a.outlet = ?", "author", "a.author = ?",
  "since", "a.date >= ?", "until", "a.date <= ?", "title", "instr(a.title, ?) > 0",
  "file", "instr(f.path, ?) > 0", NULL};

/* Prepare "SELECT cols FROM article AS a JOIN file AS f ... WHERE <filter at 'fi'> order"
** into the cursor 'c' (which finalizes it however the caller leaves); 'fi' 0 or a nil
** value: no filter. 'fname' names the function in errors. [-0, +0, e] */
static void filterstmt (lua_State *L, tifa_store *s, int fi, LCursor *c, const char *cols,
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
      if (lua_getfield(L, fi, conds[i]) != LUA_TNIL) bindvalue(L, c->st, ++nparams, -1, 1);
      lua_pop(L, 1);
    }
    if (lua_getfield(L, fi, "params") == LUA_TTABLE) {
      int n = (int)luaL_len(L, -1);
      for (i = 1; i <= n; i++) {
        lua_geti(L, -1, i);
        bindvalue(L, c->st, nparams + i, -1, 1);
        lua_pop(L, 1);
      }
    }
    lua_pop(L, 1);
  }
}

/* A cursor userdata on the stack (its statement finalized by __gc and __close). [-0, +1, m] */
static LCursor *newcursor (lua_State *L) {
  LCursor *c = (LCursor *)lua_newuserdatauv(L, sizeof(LCursor), 0);
  c->st = NULL;
  luaL_setmetatable(L, TIFA_CURSORTYPE);
  return c;
}

/* db:articles([filter]) -> iterator, nil, nil, cursor */
static int db_articles (lua_State *L) {
  tifa_store *s = checkdb(L);
  LCursor *c;
  lua_settop(L, 2);
  c = newcursor(L);                                 /* index 3 */
  filterstmt(L, s, 2, c, ARTICLE_COLS, " ORDER BY a.date IS NULL, a.date, a.id", "articles");
  lua_pushvalue(L, 3);
  lua_pushvalue(L, 1);
  lua_pushcclosure(L, articles_aux, 2);
  lua_pushnil(L);
  lua_pushnil(L);
  lua_pushvalue(L, 3);                              /* the cursor closes on break */
  return 4;
}

/* A to-be-closed cursor for 'sql' on top of the stack, so the statement is finalized even
** when a push raises. Returns the statement, or NULL with fail, msg pushed. [-0, +1 or +3, m] */
static sqlite3_stmt *prepareclosing (lua_State *L, tifa_store *s, const char *sql) {
  LCursor *c = (LCursor *)lua_newuserdatauv(L, sizeof(LCursor), 0);
  c->st = NULL;
  luaL_setmetatable(L, TIFA_CURSORTYPE);
  lua_toclose(L, -1);
  if (sqlite3_prepare_v2(tifa_store_sqlite(s), sql, -1, &c->st, NULL) != SQLITE_OK) {
    failmsg(L, sqlite3_errmsg(tifa_store_sqlite(s)));
    return NULL;
  }
  return c->st;
}

#define ARTICLE_BY_ID  "SELECT " ARTICLE_COLS " FROM article AS a JOIN file AS f ON f.id = a.file_id WHERE a.id = ?1"

/* db:article(id) */
static int db_article (lua_State *L) {
  tifa_store *s = checkdb(L);
  lua_Integer id = luaL_checkinteger(L, 2);
  sqlite3_stmt *st;
  lua_settop(L, 2);
  if ((st = prepareclosing(L, s, ARTICLE_BY_ID)) == NULL) return 2;
  sqlite3_bind_int64(st, 1, id);
  switch (sqlite3_step(st)) {
    case SQLITE_ROW: break;
    case SQLITE_DONE: return failmsg(L, "not found");
    default: return failmsg(L, sqlite3_errmsg(tifa_store_sqlite(s)));   /* "out of memory" */
  }
  pusharticle(L, st, 1);
  return 1;
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
    boxread(b, at, o, sizeof(o));
    lua_createtable(L, 2, 0);
    lua_pushinteger(L, (lua_Integer)o[0] + 1); lua_rawseti(L, -2, 1);
    lua_pushinteger(L, (lua_Integer)o[1]); lua_rawseti(L, -2, 2);
    lua_rawseti(L, -2, (lua_Integer)i + 1);
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
  memset(&o, 0, sizeof(o));
  if (!lua_isnoneornil(L, 3)) {
    luaL_checktype(L, 3, LUA_TTABLE);
    if (lua_getfield(L, 3, "limit") != LUA_TNIL) o.limit = (long)luaL_checkinteger(L, -1);
    if (lua_getfield(L, 3, "offset") != LUA_TNIL) o.offset = (long)luaL_checkinteger(L, -1);
    if (lua_getfield(L, 3, "context") != LUA_TNIL) o.context = (int)luaL_checkinteger(L, -1);
    if (lua_getfield(L, 3, "words") != LUA_TNIL && lua_toboolean(L, -1)) o.flags |= TIFA_MATCH_WORDS;
  }
  lua_settop(L, 3);
  box = tifai_lua_newbox(L);                                  /* 4 */
  rc = tifa_store_search(s, q, &o, onhit, box);
  if (rc == TIFA_NOMEM || box->oom) return luaL_error(L, "not enough memory");
  if (rc != TIFA_OK) return failmsg(L, tifa_store_errmsg(s));
  if ((st = prepareclosing(L, s, ARTICLE_BY_ID)) == NULL) return 2;   /* 5 */
  lua_newtable(L);                                  /* 6: the hits */
  while (at < box->len) {
    hitrec r;
    boxread(box, &at, &r, sizeof(r));
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
      pusharticle(L, st, 1);
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
  if (rc != TIFA_OK) return failmsg(L, tifa_store_errmsg(s));
  lua_pushinteger(L, (lua_Integer)total);
  lua_createtable(L, 0, (int)articles);
  while (at < box->len) {
    int64_t r[2];
    boxread(box, &at, r, sizeof(r));
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
  if (rc != TIFA_OK) return failmsg(L, tifa_store_errmsg(s));
  lua_newtable(L);
  while (at < box->len) {
    int64_t r[3];
    boxread(box, &at, r, sizeof(r));
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

/* {====== Sets of articles, for the analytics (lanalytics.h) ====== */

tifa_store *tifai_lua_checkdb (lua_State *L, int idx) {
  LDb *d = (LDb *)luaL_checkudata(L, idx, TIFA_DBTYPE);
  if (d->s == NULL) luaL_error(L, "attempt to use a closed database");
  return d->s;
}

tifa_store *tifai_lua_checkarticle (lua_State *L, int idx, int64_t *id) {
  tifa_store *s;
  idx = lua_absindex(L, idx);
  luaL_checktype(L, idx, LUA_TTABLE);
  lua_rawgetp(L, LUA_REGISTRYINDEX, (void *)&pusharticle);
  lua_pushvalue(L, idx);
  lua_rawget(L, -2);
  {
    LDb *d = (LDb *)luaL_testudata(L, -1, TIFA_DBTYPE);
    if (d == NULL) luaL_error(L, "article has no database");
    if (d->s == NULL) luaL_error(L, "attempt to use a closed database");
    s = d->s;
  }
  lua_pop(L, 2);
  if (lua_getfield(L, idx, "id") != LUA_TNUMBER) luaL_error(L, "article has no id");
  *id = (int64_t)lua_tointeger(L, -1);
  lua_pop(L, 1);
  return s;
}

void tifai_lua_pushdbof (lua_State *L, int idx) {
  idx = lua_absindex(L, idx);
  lua_rawgetp(L, LUA_REGISTRYINDEX, (void *)&pusharticle);
  lua_pushvalue(L, idx);
  lua_rawget(L, -2);
  lua_remove(L, -2);
  if (luaL_testudata(L, -1, TIFA_DBTYPE) == NULL) luaL_error(L, "article has no database");
}

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
      tifai_lua_checkarticle(L, idx, &id);
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
static void filterids (lua_State *L, tifa_store *s, int idx, tifai_buf *ids, int keep,
                       const char *fname) {
  LCursor *c = newcursor(L);
  tifai_buf *sel = keep ? tifai_lua_newbox(L) : ids;
  int step;
  filterstmt(L, s, idx, c, "a.id", " ORDER BY a.id", fname);
  while ((step = sqlite3_step(c->st)) == SQLITE_ROW) {
    int64_t id = sqlite3_column_int64(c->st, 0);
    tifai_buf_add(sel, &id, sizeof(id));
  }
  if (step != SQLITE_DONE)
    luaL_error(L, "cannot read articles (%s)", sqlite3_errmsg(tifa_store_sqlite(s)));
  sqlite3_finalize(c->st);
  c->st = NULL;
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
  tifa_store *s = tifai_lua_checkdb(L, dbidx);
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
      if (isart) {
        tifai_lua_checkarticle(L, idx, &id);
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
        if (filtered) filterids(L, s, idx, ids, listed, fname);
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

void tifai_lua_pusharticle (lua_State *L, int dbidx, int64_t id, int cache) {
  tifa_store *s = tifai_lua_checkdb(L, dbidx);
  sqlite3_stmt *st;
  dbidx = lua_absindex(L, dbidx);
  if (cache) {
    cache = lua_absindex(L, cache);
    if (lua_rawgeti(L, cache, (lua_Integer)id) != LUA_TNIL) return;
    lua_pop(L, 1);
  }
  {
    LCursor *c = newcursor(L);                      /* finalizes the statement if a push raises */
    if (sqlite3_prepare_v2(tifa_store_sqlite(s), ARTICLE_BY_ID, -1, &c->st, NULL) != SQLITE_OK)
      luaL_error(L, "cannot read articles (%s)", sqlite3_errmsg(tifa_store_sqlite(s)));
    st = c->st;
    sqlite3_bind_int64(st, 1, id);
    if (sqlite3_step(st) == SQLITE_ROW) pusharticle(L, st, dbidx);
    else lua_pushnil(L);
    sqlite3_finalize(st);
    c->st = NULL;
    lua_replace(L, -2);                             /* over the cursor */
  }
  if (cache && !lua_isnil(L, -1)) {
    lua_pushvalue(L, -1);
    lua_rawseti(L, cache, (lua_Integer)id);
  }
}

int tifai_lua_storefail (lua_State *L, tifa_store *s, int rc) {
  if (rc == TIFA_NOMEM) return luaL_error(L, "not enough memory");
  return failmsg(L, tifa_store_errmsg(s));
}

/* }====== */

/* {====== SQL ====== */

/* db:sql(sql, ...) -> rows: a list of tables by column name; rows.columns (through the
** list's metatable, so that the list holds the rows only) names the columns in the
** statement's order. */
static int db_sql (lua_State *L) {
  tifa_store *s = checkdb(L);
  const char *sql = luaL_checkstring(L, 2), *tail = NULL;
  sqlite3 *db = tifa_store_sqlite(s);
  LCursor *c;
  int n = lua_gettop(L), i, step, ncol;
  lua_Integer row = 0;
  c = (LCursor *)lua_newuserdatauv(L, sizeof(LCursor), 0);
  c->st = NULL;
  luaL_setmetatable(L, TIFA_CURSORTYPE);
  lua_toclose(L, -1);                               /* finalized however we leave */
  if (sqlite3_prepare_v2(db, sql, -1, &c->st, &tail) != SQLITE_OK)
    return failmsg(L, sqlite3_errmsg(db));
  if (c->st == NULL) return luaL_argerror(L, 2, "no SQL statement");
  while (tail && (*tail == ' ' || *tail == '\n' || *tail == '\t' || *tail == ';' || *tail == '\r')) tail++;
  if (tail && *tail) return luaL_argerror(L, 2, "one statement at a time");
  if (!sqlite3_stmt_readonly(c->st) && tifa_store_readonly(s))
    return failmsg(L, "attempt to write a read-only database");
  if (sqlite3_bind_parameter_count(c->st) != n - 2)
    return luaL_error(L, "bad argument #%d to 'sql' (%d parameter(s) expected, got %d)", 2,
                      sqlite3_bind_parameter_count(c->st), n - 2);
  for (i = 3; i <= n; i++) bindvalue(L, c->st, i - 2, i, i - 1);
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
  if (step != SQLITE_DONE) return failmsg(L, sqlite3_errmsg(db));
  return 1;
}

/* }====== */

static const luaL_Reg tifa_funcs[] = {
  {"open", tifa_open},
  {NULL, NULL}
};

static const luaL_Reg db_meth[] = {
  {"ingest", db_ingest}, {"articles", db_articles}, {"article", db_article},
  {"search", db_search}, {"count", db_count}, {"words", db_words}, {"sql", db_sql}, {"close", db_close},
  {NULL, NULL}
};

static const luaL_Reg db_metameth[] = {
  {"__index", NULL},                                /* placeholder */
  {"__gc", db_close}, {"__close", db_close}, {"__tostring", db_tostring},
  {NULL, NULL}
};

static const luaL_Reg article_meth[] = {
  {"paragraphs", article_paragraphs},
  {"sections", article_sections},
  {"sentences", article_sentences},
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
                      lua_CFunction index, const luaL_Reg *const *more) {
  tifai_newmetatable(L, name);
  luaL_setfuncs(L, meta, 0);
  if (meth) {
    lua_newtable(L);
    luaL_setfuncs(L, meth, 0);
    while (more && *more) luaL_setfuncs(L, *more++, 0);
    if (index) {
      lua_pushcclosure(L, index, 1);
    }
    lua_setfield(L, -2, "__index");
  }
  lua_pop(L, 1);
}

LUAMOD_API int luaopen_tifa (lua_State *L) {
  static const luaL_Reg article_metameth[] = {{"__tostring", article_tostring}, {NULL, NULL}};
  static const luaL_Reg *const db_analytics[] = {tifai_track_db, tifai_lexis_db, tifai_reuse_db,
    tifai_cite_db, tifai_set_db, NULL};
  static const luaL_Reg *const article_analytics[] = {tifai_track_article, tifai_lexis_article,
    tifai_reuse_article, tifai_cite_article, tifai_provisions_article, NULL};
  luaL_newlib(L, tifa_funcs);
  lua_pushliteral(L, TIFA_VERSION);
  lua_setfield(L, -2, "version");
  newclass(L, TIFA_DBTYPE, db_metameth, db_meth, db_index, db_analytics);
  newclass(L, TIFA_ARTICLETYPE, article_metameth, article_meth, article_index, article_analytics);
  newclass(L, TIFA_CURSORTYPE, cursor_metameth, NULL, NULL, NULL);
  newclass(L, TIFA_BOXTYPE, box_metameth, NULL, NULL, NULL);
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
  lua_newtable(L);                                  /* owners: article -> db, weak keys */
  lua_createtable(L, 0, 1);
  lua_pushliteral(L, "k");
  lua_setfield(L, -2, "__mode");
  lua_setmetatable(L, -2);
  lua_rawsetp(L, LUA_REGISTRYINDEX, (void *)&pusharticle);
  return 1;
}
