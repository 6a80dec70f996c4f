/*
** ltextstruct.c -- tifa.text: the structure of texts, n-grams and the counter.
**   sentences(s) clauses(s) paragraphs(s) -> list of {text, first, last}
**   enumerations(s) -> list of {style, text, first, last, [i] = {text, first, last, label, index}}
**   ngrams(s, n [, {unit = "char"|"word"}]) -> list of strings
**   freq(s | list | iterator [, {unit = "word"|"char", n = 1, stopwords = ..., min = n,
**        top = n}]) -> list of {string, count}, sorted; a text s is counted in C: its words
**        (n = 1: as words(s) gives them) or word or char n-grams (as ngrams(s, n, opts))
**   stopwords([name]) -> list of words (no name: the names of the lists)
** Positions are 1-based and inclusive, in characters (code points); invalid UTF-8 raises.
*/
#define LUA_LIB
#include <string.h>
#include "lua.h"
#include "lauxlib.h"
#include "lsandbox.h"
#include "tifa.h"
#include "tifa_text.h"
#include "tifa_structure.h"
#include "structure.h"
#include "ltext.h"

#define TIFA_STRUCTBOX  "tifa.text.structbox"

/* {====== Helpers ====== */

/* Check that argument 'arg' is a string of valid UTF-8 and return it. [-0, +0, v] */
/* C memory owned by the collector: a buffer and two counters, freed by __gc if anything
** raises while they are in use (lauxlib's buffer box). */
typedef struct Box {
  tifai_buf buf;
  tifa_freq *f;                 /* the counts */
  const tifa_freq *stop;        /* the stopwords (count > 0), owned by their own userdata */
} Box;

static int box_gc (lua_State *L) {
  Box *b = (Box *)luaL_checkudata(L, 1, TIFA_STRUCTBOX);
  tifai_buf_free(&b->buf);
  tifa_freq_free(b->f);
  b->f = NULL;
  b->stop = NULL;
  return 0;
}

/* Push a new, empty box and return it. [-0, +1, m] */
static Box *newbox (lua_State *L) {
  Box *b = (Box *)lua_newuserdatauv(L, sizeof(Box), 0);
  tifai_buf init = TIFAI_BUF_INIT;
  b->buf = init;
  b->f = NULL;
  b->stop = NULL;
  luaL_setmetatable(L, TIFA_STRUCTBOX);
  return b;
}

static int nomem (lua_State *L) {
  return luaL_error(L, "not enough memory");
}

/* Push {text, first, last} for the span 'u' of 's'. [-0, +1, m] */
static void pushspan (lua_State *L, const char *s, const tifa_span *u, int extra) {
  lua_createtable(L, 0, 3 + extra);
  lua_pushlstring(L, s + u->byte, u->nbyte);
  lua_setfield(L, -2, "text");
  lua_pushinteger(L, (lua_Integer)u->start + 1);
  lua_setfield(L, -2, "first");
  lua_pushinteger(L, (lua_Integer)u->end);
  lua_setfield(L, -2, "last");
}

/* }====== */

/* {====== Units ====== */

/* The list of the units of 'kind' in argument 1. [-0, +1, v] */
static int units (lua_State *L, int kind) {
  size_t len;
  const char *s = tifai_text_checktext(L, 1, &len);
  tifa_units u;
  tifa_span sp;
  lua_Integer k = 0;
  lua_newtable(L);
  tifa_units_init(&u, s, len, kind);
  while (tifa_units_next(&u, &sp)) {
    pushspan(L, s, &sp, 0);
    lua_rawseti(L, -2, ++k);
  }
  return 1;
}

static int text_sentences (lua_State *L) { return units(L, TIFA_UNIT_SENTENCE); }
static int text_clauses (lua_State *L) { return units(L, TIFA_UNIT_CLAUSE); }
static int text_paragraphs (lua_State *L) { return units(L, TIFA_UNIT_PARAGRAPH); }

/* enumerations(s): the items found by tifa_text_enumerations, grouped; each enumeration
** also carries its style and the span from its first item to its last. */
static int text_enumerations (lua_State *L) {
  size_t len, n, k;
  const char *s = tifai_text_checktext(L, 1, &len);
  tifa_enum_item *it;
  lua_Integer g = 0, idx = 0;
  lua_settop(L, 1);                                 /* the indices below count from 1 */
  n = tifa_text_enumerations(s, len, NULL, 0);
  it = (tifa_enum_item *)lua_newuserdatauv(L, (n ? n : 1) * sizeof(*it), 0);   /* 2 */
  n = tifa_text_enumerations(s, len, it, n);
  lua_newtable(L);                                                              /* 3 */
  for (k = 0; k < n; k++) {
    if (k == 0 || it[k].group != it[k - 1].group) {       /* a new enumeration */
      size_t e = k;
      tifa_span sp = it[k].span;
      while (e + 1 < n && it[e + 1].group == it[k].group) e++;
      sp.nbyte = it[e].span.byte + it[e].span.nbyte - sp.byte;
      sp.end = it[e].span.end;
      pushspan(L, s, &sp, 1);
      lua_pushstring(L, tifa_enum_style_name(it[k].style));
      lua_setfield(L, -2, "style");
      lua_rawseti(L, 3, ++g);
      idx = 0;
    }
    lua_rawgeti(L, 3, g);
    pushspan(L, s, &it[k].span, 2);
    lua_pushlstring(L, s + it[k].span.byte, it[k].label);
    lua_setfield(L, -2, "label");
    lua_pushinteger(L, it[k].index);
    lua_setfield(L, -2, "index");
    lua_rawseti(L, -2, ++idx);
    lua_pop(L, 1);
  }
  return 1;
}

/* }====== */

/* {====== N-grams ====== */

/* ngrams(s, n [, opts]): the n-grams of characters or words (joined by one space) that
** span no punctuation or white space, in order, as a list of strings. */
static int text_ngrams (lua_State *L) {
  static const char *const unitnames[] = {"char", "word", NULL};   /* TIFAI_NGRAM_* */
  size_t len, k, m, run = 0;
  const char *s = tifai_text_checktext(L, 1, &len);
  lua_Integer n = luaL_checkinteger(L, 2), count = 0;
  int unit = TIFAI_NGRAM_CHAR, rc;
  const tifai_elem *e;
  Box *b;
  luaL_argcheck(L, n >= 1, 2, "n must be at least 1");
  if (!lua_isnoneornil(L, 3)) {
    luaL_checktype(L, 3, LUA_TTABLE);
    if (lua_getfield(L, 3, "unit") != LUA_TNIL) {
      const char *u = lua_tostring(L, -1);
      for (unit = 0; unitnames[unit] && !(u && strcmp(u, unitnames[unit]) == 0); unit++) {}
      if (unitnames[unit] == NULL)
        luaL_argerror(L, 3, lua_pushfstring(L, "invalid unit '%s'", luaL_tolstring(L, -1, NULL)));
    }
    lua_pop(L, 1);
  }
  lua_settop(L, 3);
  b = newbox(L);                                          /* 4 */
  rc = tifai_ngram_elems(&b->buf, s, len, unit);
  if (rc == TIFA_NOMEM) return nomem(L);
  if (rc != TIFA_OK) return luaL_error(L, "cannot segment text (%s)", tifa_errstr(rc));
  e = (const tifai_elem *)(void *)b->buf.p;
  m = b->buf.len / sizeof(tifai_elem);
  lua_newtable(L);                                        /* 5 */
  for (k = 0; k < m; k++) {
    run = e[k].brk ? 0 : run + 1;
    if (run < (size_t)n) continue;
    if (unit == TIFAI_NGRAM_CHAR) {
      size_t from = e[k + 1 - (size_t)n].byte;
      lua_pushlstring(L, s + from, e[k].byte + e[k].nbyte - from);
    }
    else {
      luaL_Buffer lb;
      size_t j;
      luaL_buffinit(L, &lb);
      for (j = k + 1 - (size_t)n; j <= k; j++) {
        if (j > k + 1 - (size_t)n) luaL_addchar(&lb, ' ');
        luaL_addlstring(&lb, s + e[j].byte, e[j].nbyte);
      }
      luaL_pushresult(&lb);
    }
    lua_rawseti(L, 5, ++count);
  }
  return 1;
}

/* }====== */

/* {====== Stopwords and the counter ====== */

static const char *const *checklist (lua_State *L, int arg, const char *name) {
  const char *const *w = tifa_stopwords(name);
  if (w == NULL)
    luaL_argerror(L, arg, lua_pushfstring(L, "unknown stopword list '%s'", name));
  return w;
}

/* The option 'name' of the table at 2: an integer, or 'def' when absent. [-0, +0, v] */
static lua_Integer optint (lua_State *L, const char *name, lua_Integer def) {
  lua_Integer v = def;
  int isint;
  if (lua_getfield(L, 2, name) != LUA_TNIL) {
    v = lua_tointegerx(L, -1, &isint);
    if (!isint) luaL_argerror(L, 2, lua_pushfstring(L, "field '%s' must be an integer", name));
  }
  lua_pop(L, 1);
  return v;
}

/* Count the string on the top of the stack, which came as item 'i', and pop it. */
static void count1 (lua_State *L, Box *b, lua_Integer i) {
  size_t len;
  const char *w;
  if (lua_type(L, -1) != LUA_TSTRING)
    luaL_argerror(L, 1, lua_pushfstring(L, "item %I is a %s, string expected", (LUAI_UACINT)i,
                                        luaL_typename(L, -1)));
  w = lua_tolstring(L, -1, &len);
  if ((b->stop == NULL || tifa_freq_get(b->stop, w, len) == 0)
      && tifa_freq_add(b->f, w, len, 1) != TIFA_OK)
    nomem(L);
  lua_pop(L, 1);
}

/* freq(s | list | iterator [, opts]): a text is counted in C (tifa_freq_add_words/chars),
** without a Lua string per token; the options 'unit' and 'n' are for a text only. */
static int text_freq (lua_State *L) {
  static const char *const unitnames[] = {"word", "char", NULL};
  lua_Integer min = 1, top = -1, ngram = 1, i, k = 0;
  const tifa_freq_entry *e;
  const char *s = NULL;                                   /* the text, if one was given */
  size_t len = 0, n, j;
  Box *b;
  int t = lua_type(L, 1), unit = 0;
  luaL_argexpected(L, t == LUA_TSTRING || t == LUA_TTABLE || t == LUA_TFUNCTION, 1,
                   "string, table or function");
  if (t == LUA_TSTRING) s = tifai_text_checktext(L, 1, &len);
  lua_settop(L, 2);
  b = newbox(L);                                          /* 3 */
  if (tifa_freq_new(&b->f) != TIFA_OK) return nomem(L);
  if (!lua_isnil(L, 2)) {
    luaL_checktype(L, 2, LUA_TTABLE);
    min = optint(L, "min", 1);
    top = optint(L, "top", -1);
    if (s) {
      unit = tifai_text_optname(L, "unit", unitnames);
      ngram = optint(L, "n", 1);
      if (ngram < 1) luaL_argerror(L, 2, "field 'n' must be at least 1");
    }
    else {                                  /* a list: no unit to choose */
      const char *opt = lua_getfield(L, 2, "unit") != LUA_TNIL ? "unit"
                        : lua_getfield(L, 2, "n") != LUA_TNIL ? "n" : NULL;
      if (opt)
        luaL_argerror(L, 2, lua_pushfstring(L, "option '%s' needs a text as argument #1", opt));
    }
    lua_settop(L, 3);
    b->stop = tifai_text_stopset(L, 2, "stopwords");     /* 4: the set (or nil), kept */
  }
  if (s) {                                                /* no Lua string per token */
    int rc = unit == 0 ? tifa_freq_add_words(b->f, s, len, (size_t)ngram, b->stop)
                       : tifa_freq_add_chars(b->f, s, len, (size_t)ngram, b->stop);
    if (rc == TIFA_NOMEM) return nomem(L);
    if (rc != TIFA_OK) return luaL_error(L, "cannot segment text (%s)", tifa_errstr(rc));
  }
  else if (lua_istable(L, 1)) {
    lua_Integer m = (lua_Integer)lua_rawlen(L, 1);
    for (i = 1; i <= m; i++) {
      lua_rawgeti(L, 1, i);
      count1(L, b, i);
    }
  }
  else {
    for (i = 1; ; i++) {
      lua_pushvalue(L, 1);
      lua_call(L, 0, 1);
      if (lua_isnil(L, -1)) break;
      count1(L, b, i);
    }
    lua_pop(L, 1);
  }
  if (tifa_freq_sorted(b->f, &e, &n) != TIFA_OK) return nomem(L);
  lua_newtable(L);
  for (j = 0; j < n && e[j].count >= min && (top < 0 || k < top); j++) {
    lua_createtable(L, 2, 0);
    lua_pushlstring(L, e[j].word, e[j].len);
    lua_rawseti(L, -2, 1);
    lua_pushinteger(L, (lua_Integer)e[j].count);
    lua_rawseti(L, -2, 2);
    lua_rawseti(L, -2, ++k);
  }
  return 1;
}

/* stopwords([name]) */
static int text_stopwords (lua_State *L) {
  const char *const *w;
  lua_Integer k = 0;
  if (lua_isnoneornil(L, 1)) w = tifa_stopword_lists();
  else w = checklist(L, 1, luaL_checkstring(L, 1));
  lua_newtable(L);
  for (; *w; w++) {
    lua_pushstring(L, *w);
    lua_rawseti(L, -2, ++k);
  }
  return 1;
}

/* }====== */

static const luaL_Reg struct_funcs[] = {
  {"sentences", text_sentences}, {"clauses", text_clauses}, {"paragraphs", text_paragraphs},
  {"enumerations", text_enumerations}, {"ngrams", text_ngrams}, {"freq", text_freq},
  {"stopwords", text_stopwords},
  {NULL, NULL}
};

void tifai_text_openstructure (lua_State *L) {
  if (tifai_newmetatable(L, TIFA_STRUCTBOX)) {
    lua_pushcfunction(L, box_gc);
    lua_setfield(L, -2, "__gc");
  }
  lua_pop(L, 1);
  luaL_setfuncs(L, struct_funcs, 0);
}
