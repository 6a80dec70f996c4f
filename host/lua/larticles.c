/*
** larticles.c -- the articles of the tifa library (ltifalib.c): db:articles, db:article and
** the article objects they make, with their methods
**   db:articles([filter]) -> iterator of articles     db:article(id) -> article | fail, msg
**   article fields: id title author outlet date url file seq nchars text meta ... (text is read
**   when first asked for)     article:paragraphs() -> list of {index, kind, text, from, to,
**   byte_from, byte_to, line_from, line_to}     article:sections()     article:sentences()
** An article is a table; the db that made it is kept in the registry's table of owners.
*/
#define LUA_LIB
#include <string.h>
#include "lua.h"
#include "lauxlib.h"
#include <sqlite3.h>
#include "tifa.h"
#include "tifa_store.h"
#include "tifa_text.h"
#include "lanalytics.h"
#include "lcorpus.h"

/* {====== Articles ====== */

#define ARTICLE_COLS "a.id, a.title, a.author, a.outlet, a.date, a.url, f.path, a.seq, a.nchars, " \
                     "a.meta, a.byte_start, a.byte_end, a.line_start, a.line_end, a.kicker, " \
                     "a.subtitle, a.series, a.affiliation, a.editor, a.place, a.date_precision, " \
                     "coalesce(a.title_source, 'field'), a.genre, " \
                     "coalesce(a.date_source, iif(a.date IS NULL, 'none', 'field')), " \
                     "a.effective, a.events"
#define NARTICLE_COLS 26
#define EVENTS_COL    25                /* a JSON list, pushed as a Lua list (pushevents) */
#define ARTICLE_BY_ID  "SELECT " ARTICLE_COLS " FROM article AS a JOIN file AS f ON f.id = a.file_id WHERE a.id = ?1"

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

/* The store of the article at index 1 and its id there (a corpus's: its shard's). */
static tifa_store *articledb (lua_State *L, int64_t *id) {
  return tifai_lua_checkarticle(L, 1, id);
}

/* article.text is read when first asked for, then kept */
int tifai_article_index (lua_State *L) {
  const char *k = lua_tostring(L, 2);
  if (k && strcmp(k, "text") == 0) {
    int64_t id;
    sqlite3 *db = tifa_store_sqlite(articledb(L, &id));
    int step;
    LCursor *c = tifai_lua_cursor(L);               /* finalizes the statement if we raise */
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
  int64_t id;
  tifa_store *s = articledb(L, &id);
  sqlite3 *db = tifa_store_sqlite(s);
  sqlite3_stmt *st;
  LCursor *c;
  const char *text, *kind;
  size_t len, bpos = 0;
  int64_t cpos = 0;
  int i = 0, step;
  lua_getfield(L, 1, "text");
  text = luaL_checklstring(L, -1, &len);
  /* the statement must be finalized even if a push raises: the cursor's __gc does it */
  c = tifai_lua_cursor(L);
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

/* db:articles([filter]) -> iterator, nil, nil, cursor */
int tifai_db_articles (lua_State *L) {
  tifa_store *s = tifai_lua_checkdb(L, 1);
  LCursor *c;
  lua_settop(L, 2);
  c = tifai_lua_cursor(L);                          /* index 3 */
  tifai_lua_filterstmt(L, s, 2, c, ARTICLE_COLS, " ORDER BY a.date IS NULL, a.date, a.id", "articles");
  lua_pushvalue(L, 3);
  lua_pushvalue(L, 1);
  lua_pushcclosure(L, articles_aux, 2);
  lua_pushnil(L);
  lua_pushnil(L);
  lua_pushvalue(L, 3);                              /* the cursor closes on break */
  return 4;
}

/* {------ For lcorpus.c (lcorpus.h) ------ */

sqlite3_stmt **tifai_lua_articlestmt (lua_State *L, tifa_store *s, int fi, const char *fname) {
  LCursor *c = tifai_lua_cursor(L);
  tifai_lua_filterstmt(L, s, fi, c, ARTICLE_COLS, " ORDER BY a.date IS NULL, a.date, a.id", fname);
  return &c->st;
}

void tifai_lua_pushrow (lua_State *L, sqlite3_stmt *st, int dbidx, int64_t id) {
  pusharticle(L, st, dbidx);
  lua_pushinteger(L, (lua_Integer)id);
  lua_setfield(L, -2, "id");
}

/* }------ */

/* A to-be-closed cursor for 'sql' on top of the stack, so the statement is finalized even
** when a push raises. Returns the statement, or NULL with fail, msg pushed. [-0, +1 or +3, m] */
static sqlite3_stmt *prepareclosing (lua_State *L, tifa_store *s, const char *sql) {
  LCursor *c = (LCursor *)lua_newuserdatauv(L, sizeof(LCursor), 0);
  c->st = NULL;
  luaL_setmetatable(L, TIFA_CURSORTYPE);
  lua_toclose(L, -1);
  if (sqlite3_prepare_v2(tifa_store_sqlite(s), sql, -1, &c->st, NULL) != SQLITE_OK) {
    tifai_lua_failmsg(L, sqlite3_errmsg(tifa_store_sqlite(s)));
    return NULL;
  }
  return c->st;
}

/* The statement of db:article, for db:search's hits (lcorpus.h). */
sqlite3_stmt *tifai_lua_articlebyid (lua_State *L, tifa_store *s) {
  return prepareclosing(L, s, ARTICLE_BY_ID);
}

/* db:article(id) */
int tifai_db_article (lua_State *L) {
  tifa_store *s = tifai_lua_checkdb(L, 1);
  lua_Integer id = luaL_checkinteger(L, 2);
  sqlite3_stmt *st;
  lua_settop(L, 2);
  if ((st = prepareclosing(L, s, ARTICLE_BY_ID)) == NULL) return 2;
  sqlite3_bind_int64(st, 1, id);
  switch (sqlite3_step(st)) {
    case SQLITE_ROW: break;
    case SQLITE_DONE: return tifai_lua_failmsg(L, "not found");
    default: return tifai_lua_failmsg(L, sqlite3_errmsg(tifa_store_sqlite(s))); /* "out of memory" */
  }
  pusharticle(L, st, 1);
  return 1;
}

/* {------ Articles by id, and their dbs (lanalytics.h) ------ */

/* The store of shard TIFA_SHARD_OF(gid) of the corpus 'd', or raise. */
static tifa_store *shardof (lua_State *L, LDb *d, int64_t gid) {
  int k = gid >= 0 ? TIFA_SHARD_OF(gid) : 0;
  if (k < 1 || k > d->n)
    luaL_error(L, "article %I is not in the corpus (no shard %d)", (LUAI_UACINT)gid, k);
  return d->rd[k - 1];
}

tifa_store *tifai_lua_checkarticle (lua_State *L, int idx, int64_t *id) {
  LDb *d;
  idx = lua_absindex(L, idx);
  luaL_checktype(L, idx, LUA_TTABLE);
  lua_rawgetp(L, LUA_REGISTRYINDEX, (void *)&pusharticle);
  lua_pushvalue(L, idx);
  lua_rawget(L, -2);
  d = (LDb *)luaL_testudata(L, -1, TIFA_DBTYPE);
  if (d == NULL) luaL_error(L, "article has no database");
  if (d->s == NULL && d->c == NULL) luaL_error(L, "attempt to use a closed database");
  lua_pop(L, 2);
  if (lua_getfield(L, idx, "id") != LUA_TNUMBER) luaL_error(L, "article has no id");
  *id = (int64_t)lua_tointeger(L, -1);
  lua_pop(L, 1);
  if (d->c == NULL) return d->s;
  {                                                 /* a corpus's: its shard's, the local id */
    tifa_store *s = shardof(L, d, *id);
    *id = TIFA_SHARD_LOCAL(*id);
    return s;
  }
}

void tifai_lua_pushdbof (lua_State *L, int idx) {
  idx = lua_absindex(L, idx);
  lua_rawgetp(L, LUA_REGISTRYINDEX, (void *)&pusharticle);
  lua_pushvalue(L, idx);
  lua_rawget(L, -2);
  lua_remove(L, -2);
  if (luaL_testudata(L, -1, TIFA_DBTYPE) == NULL) luaL_error(L, "article has no database");
}

void tifai_lua_pusharticle (lua_State *L, int dbidx, int64_t id, int cache) {
  LDb *d = tifai_lua_todb(L, dbidx);
  tifa_store *s = d->c ? shardof(L, d, id) : d->s;  /* a corpus: the gid's shard */
  sqlite3_stmt *st;
  dbidx = lua_absindex(L, dbidx);
  if (cache) {
    LCursor *c;
    cache = lua_absindex(L, cache);
    if (lua_rawgeti(L, cache, (lua_Integer)id) != LUA_TNIL) return;
    lua_pop(L, 1);
    /* the statement of the store, prepared once for all the articles of this cache (a
    ** cursor kept in it under the store's address; finalized when the cache is collected) */
    lua_rawgetp(L, cache, s);
    if ((c = (LCursor *)luaL_testudata(L, -1, TIFA_CURSORTYPE)) == NULL) {
      lua_pop(L, 1);
      c = tifai_lua_cursor(L);
      if (sqlite3_prepare_v2(tifa_store_sqlite(s), ARTICLE_BY_ID, -1, &c->st, NULL) != SQLITE_OK)
        luaL_error(L, "cannot read articles (%s)", sqlite3_errmsg(tifa_store_sqlite(s)));
      lua_pushvalue(L, -1);
      lua_rawsetp(L, cache, s);
    }
    st = c->st;
    sqlite3_reset(st);                              /* if a push raised the last time */
    sqlite3_bind_int64(st, 1, d->c ? TIFA_SHARD_LOCAL(id) : id);
    if (sqlite3_step(st) == SQLITE_ROW) tifai_lua_pushrow(L, st, dbidx, id);
    else lua_pushnil(L);
    sqlite3_reset(st);                              /* no read left open between calls */
    lua_replace(L, -2);                             /* over the cursor */
  }
  else {
    LCursor *c = tifai_lua_cursor(L);               /* finalizes the statement if a push raises */
    if (sqlite3_prepare_v2(tifa_store_sqlite(s), ARTICLE_BY_ID, -1, &c->st, NULL) != SQLITE_OK)
      luaL_error(L, "cannot read articles (%s)", sqlite3_errmsg(tifa_store_sqlite(s)));
    st = c->st;
    sqlite3_bind_int64(st, 1, d->c ? TIFA_SHARD_LOCAL(id) : id);
    if (sqlite3_step(st) == SQLITE_ROW) tifai_lua_pushrow(L, st, dbidx, id);
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

/* }------ */

const luaL_Reg tifai_article_meth[] = {
  {"paragraphs", article_paragraphs},
  {"sections", article_sections},
  {"sentences", article_sentences},
  {NULL, NULL}
};

const luaL_Reg tifai_article_metameth[] = {{"__tostring", article_tostring}, {NULL, NULL}};

void tifai_lua_newowners (lua_State *L) {
  lua_newtable(L);                                  /* owners: article -> db, weak keys */
  lua_createtable(L, 0, 1);
  lua_pushliteral(L, "k");
  lua_setfield(L, -2, "__mode");
  lua_setmetatable(L, -2);
  lua_rawsetp(L, LUA_REGISTRYINDEX, (void *)&pusharticle);
}

/* }====== */
