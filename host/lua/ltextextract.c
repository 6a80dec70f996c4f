/*
** ltextextract.c -- tifa.text extraction (see tifa_extract.h); every result has 'first' and
** 'last', 1-based inclusive character positions, so that the characters first..last of s
** are its text:
**   dates(s) -> {{text, iso, precision, first, last}, ...}
**   numbers(s) -> {{text, value, unit, hedge, first, last}, ...}
**   quotes(s) -> {{text, first, last, marked, term, speaker, speaker_kind, verb, date, occasion}, ...}
**   citations(s) -> {{title, full_title, docno, alias, first, last}, ...}
**   selfrefs(s) -> {{text, kind, quoted, first, last}, ...}
**   entities(s) -> {{text, kind, name, title, first, last}, ...}
*/
#define LUA_LIB
#include "lua.h"
#include "lauxlib.h"
#include "tifa_text.h"
#include "tifa_extract.h"
#include "ltext.h"

/* Scratch for 'n' results of 'size' bytes, owned by the collector. [-0, +1, m] */
static void *scratch (lua_State *L, size_t n, size_t size) {
  return lua_newuserdatauv(L, n > 0 ? n * size : 1, 0);
}

/* t.<name> = the text of 'sp', when there is one. [-0, +0, m] */
static void setstr (lua_State *L, const char *s, const tifa_span *sp, const char *name) {
  if (sp->nbyte == 0) return;
  lua_pushlstring(L, s + sp->byte, sp->nbyte);
  lua_setfield(L, -2, name);
}

/* t.first, t.last = the character positions of 'sp'. [-0, +0, m] */
static void setpos (lua_State *L, const tifa_span *sp) {
  lua_pushinteger(L, (lua_Integer)sp->start + 1);
  lua_setfield(L, -2, "first");
  lua_pushinteger(L, (lua_Integer)sp->end);
  lua_setfield(L, -2, "last");
}

/* A new record for the list on top, with text and positions of 'sp'. [-0, +1, m] */
static void newrecord (lua_State *L, const char *s, const tifa_span *sp, const char *textfield) {
  lua_createtable(L, 0, 6);
  setstr(L, s, sp, textfield);
  setpos(L, sp);
}

/* The C extractors, with one type: write up to 'max' results into 'out', return the count */
typedef size_t (*Extractor) (const char *s, size_t len, void *out, size_t max);
static size_t xdates (const char *s, size_t len, void *out, size_t max) {
  return tifa_extract_dates(s, len, (tifa_date *)out, max);
}
static size_t xnumbers (const char *s, size_t len, void *out, size_t max) {
  return tifa_extract_numbers(s, len, (tifa_number *)out, max);
}
static size_t xquotes (const char *s, size_t len, void *out, size_t max) {
  return tifa_extract_quotes(s, len, (tifa_quote *)out, max);
}
static size_t xcitations (const char *s, size_t len, void *out, size_t max) {
  return tifa_extract_citations(s, len, (tifa_citation *)out, max);
}
static size_t xselfrefs (const char *s, size_t len, void *out, size_t max) {
  return tifa_extract_selfrefs(s, len, (tifa_selfref *)out, max);
}

/* Check argument 1 and run 'f' on it: the results in scratch memory (returned, with their
** count in '*n' and the text in '*s'), then the list to fill. [-0, +2, e] */
static void *extract (lua_State *L, Extractor f, size_t size, const char **s, size_t *n) {
  size_t len;
  void *d;
  *s = tifai_text_checktext(L, 1, &len);
  *n = f(*s, len, NULL, 0);
  d = scratch(L, *n, size);
  f(*s, len, d, *n);
  lua_createtable(L, (int)*n, 0);
  return d;
}

static void setopt (lua_State *L, const char *v, const char *name) {   /* t.<name> = v or nil */
  if (v == NULL) return;
  lua_pushstring(L, v);
  lua_setfield(L, -2, name);
}

static int text_dates (lua_State *L) {
  size_t n, i;
  const char *s;
  const tifa_date *d = (const tifa_date *)extract(L, xdates, sizeof(*d), &s, &n);
  for (i = 0; i < n; i++) {
    newrecord(L, s, &d[i].at, "text");
    setopt(L, d[i].iso, "iso");
    setopt(L, d[i].precision, "precision");
    lua_rawseti(L, -2, (lua_Integer)i + 1);
  }
  return 1;
}

static int text_numbers (lua_State *L) {
  size_t n, i;
  const char *s;
  const tifa_number *d = (const tifa_number *)extract(L, xnumbers, sizeof(*d), &s, &n);
  for (i = 0; i < n; i++) {
    newrecord(L, s, &d[i].at, "text");
    lua_pushnumber(L, (lua_Number)d[i].value);
    lua_setfield(L, -2, "value");
    setopt(L, d[i].unit, "unit");
    setopt(L, d[i].hedge, "hedge");
    lua_rawseti(L, -2, (lua_Integer)i + 1);
  }
  return 1;
}

static int text_quotes (lua_State *L) {
  size_t n, i;
  const char *s;
  const tifa_quote *d = (const tifa_quote *)extract(L, xquotes, sizeof(*d), &s, &n);
  for (i = 0; i < n; i++) {
    newrecord(L, s, &d[i].text, "text");
    lua_pushboolean(L, d[i].marked);
    lua_setfield(L, -2, "marked");
    setstr(L, s, &d[i].speaker, "speaker");
    if (d[i].speaker_kind > 0) setopt(L, tifa_entity_kind(d[i].speaker_kind), "speaker_kind");
    if (d[i].term) {
      lua_pushboolean(L, 1);
      lua_setfield(L, -2, "term");
    }
    setstr(L, s, &d[i].verb, "verb");
    setstr(L, s, &d[i].occasion, "occasion");
    if (d[i].date[0] != '\0') setopt(L, d[i].date, "date");
    lua_rawseti(L, -2, (lua_Integer)i + 1);
  }
  return 1;
}

static int text_citations (lua_State *L) {
  size_t n, i;
  const char *s;
  const tifa_citation *d = (const tifa_citation *)extract(L, xcitations, sizeof(*d), &s, &n);
  for (i = 0; i < n; i++) {
    newrecord(L, s, &d[i].at, "text");
    lua_pushlstring(L, s + d[i].title.byte, d[i].title.nbyte);    /* 《》 may be empty */
    lua_setfield(L, -2, "title");
    lua_pushlstring(L, s + d[i].full_title.byte, d[i].full_title.nbyte);
    lua_setfield(L, -2, "full_title");
    setstr(L, s, &d[i].docno, "docno");
    lua_pushboolean(L, d[i].alias);
    lua_setfield(L, -2, "alias");
    lua_rawseti(L, -2, (lua_Integer)i + 1);
  }
  return 1;
}

static int text_selfrefs (lua_State *L) {
  size_t n, i;
  const char *s;
  const tifa_selfref *d = (const tifa_selfref *)extract(L, xselfrefs, sizeof(*d), &s, &n);
  for (i = 0; i < n; i++) {
    newrecord(L, s, &d[i].at, "text");
    setopt(L, d[i].kind, "kind");
    lua_pushboolean(L, d[i].quoted);
    lua_setfield(L, -2, "quoted");
    lua_rawseti(L, -2, (lua_Integer)i + 1);
  }
  return 1;
}

static int text_entities (lua_State *L) {
  size_t len, n, i;
  const char *s = tifai_text_checktext(L, 1, &len);
  tifa_entity *d;
  if (tifa_extract_entities(NULL, s, len, NULL, 0, &n) != TIFA_OK)
    return luaL_error(L, "not enough memory");
  d = (tifa_entity *)scratch(L, n, sizeof(*d));
  if (tifa_extract_entities(NULL, s, len, d, n, &n) != TIFA_OK)
    return luaL_error(L, "not enough memory");
  lua_createtable(L, (int)n, 0);
  for (i = 0; i < n; i++) {
    newrecord(L, s, &d[i].at, "text");
    setopt(L, tifa_entity_kind(d[i].kind), "kind");
    setstr(L, s, &d[i].name, "name");
    setstr(L, s, &d[i].title, "title");
    lua_rawseti(L, -2, (lua_Integer)i + 1);
  }
  return 1;
}

static const luaL_Reg extract_funcs[] = {
  {"dates", text_dates},
  {"numbers", text_numbers},
  {"quotes", text_quotes},
  {"citations", text_citations},
  {"selfrefs", text_selfrefs},
  {"entities", text_entities},
  {NULL, NULL}
};

void tifai_text_openextract (lua_State *L) {
  luaL_setfuncs(L, extract_funcs, 0);
}
