/*
** lingest.c -- db:ingest of the tifa library (ltifalib.c): its options, the report it
** returns, and split hooks (a Lua function that cuts each page into articles)
**   db:ingest(path_or_list [, {format=, name=, dry_run=, layout=, genre=, split=, meta=}])
**     -> report | fail, msg, report
*/
#define LUA_LIB
#include <string.h>
#include "lua.h"
#include "lauxlib.h"
#include "tifa.h"
#include "tifa_store.h"
#include "buf.h"
#include "ltifa.h"
#include "ltext.h"
#include "lanalytics.h"
#include "lcorpus.h"

/* {====== Ingest ====== */

/* Append a NUL-terminated string (NULL as empty). */
static void boxstr (tifai_buf *b, const char *s) {
  tifai_buf_add(b, s ? s : "", (s ? strlen(s) : 0) + 1);
}

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
    tifai_lua_boxread(b, &at, &fr, sizeof(fr));
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
int tifai_db_ingest (lua_State *L) {
  static const char *const fmts[] = {"text", "markdown", "md", "html", "jsonl", "csv", NULL};
  tifa_store *s = tifai_lua_tocorpus(L, 1) ? NULL : tifai_lua_checkdb(L, 1);
  tifa_ingest_opts o;
  tifa_ingest_report r;
  tifai_luasplit split = {NULL, LUA_NOREF, NULL};
  tifai_buf *box;
  int rc = TIFA_OK, n = 0, i;
  if (s == NULL)
    return luaL_error(L, "bad self to 'ingest' (a corpus of shards is filled by '"
                      "tifa -d DIR ingest FILES')");
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
    return tifai_lua_failmsg(L, "attempt to write a read-only database");
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
