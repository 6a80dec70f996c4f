/*
** lprovisions.c -- the provisions (条, 款, 项) of a law or regulation, as methods of articles
** (tifa_text_provisions in tifa_structure.h; docs/lua-api.md):
**   a:provisions() -> {{number, sub, suffix, label, from, to, first, last, clauses,
**                        section = {heading, ...}, items = {{label, index, clause, text, from, to}, ...}}, ...}
**   a:provision_at(pos) -> provision, clause, item | nil
**   db:search hits: h.provision, the label of the 条 of the first match (tifai_lua_hitprovision)
** Positions are 1-based inclusive characters of a.text ('from', 'to'); 'first' and 'last'
** are indices of a:paragraphs(), as in a:sections().
*/
#define LUA_LIB
#include <stdlib.h>
#include <string.h>
#include <sqlite3.h>
#include "lua.h"
#include "lauxlib.h"
#include "tifa.h"
#include "tifa_store.h"
#include "tifa_structure.h"
#include "lanalytics.h"

/* Stack slots of one computation, over the article at 1. */
#define S_TEXT   2                          /* a.text */
#define S_PARAS  3                          /* a:paragraphs() */
#define S_CPARA  4                          /* tifa_para[n] (a userdata) */
#define S_CPROV  5                          /* tifa_provision[n] (a userdata) */
#define S_LIST   6                          /* the result: the list of provisions */

/* Byte offset in 'text' of character 'c' (0-based), scanning on from a known (byte, char). */
static size_t charbyte (const char *text, size_t len, size_t *bpos, lua_Integer *cpos,
                        lua_Integer c) {
  while (*cpos < c && *bpos < len) {
    (*bpos)++;
    while (*bpos < len && ((unsigned char)text[*bpos] & 0xC0) == 0x80) (*bpos)++;
    (*cpos)++;
  }
  return *bpos;
}

static lua_Integer intfield (lua_State *L, int t, const char *k) {
  lua_Integer v;
  lua_getfield(L, t, k);
  v = lua_tointeger(L, -1);
  lua_pop(L, 1);
  return v;
}

/* The 款 (1, 2, ...) of provision 'p' that paragraph 'k' (0-based, in p) belongs to. */
static lua_Integer clauseof (const char *text, const tifa_para *ps, const tifa_provision *p,
                             size_t k) {
  lua_Integer c = 1;
  size_t i;
  for (i = p->first + 1; i <= k && i <= p->last; i++)
    if (tifa_provision_item_label(text + ps[i].byte, ps[i].nbyte) == 0) c++;
  return c;
}

/* Push the items (项) of provision 'p', whose first character is 'from'. [-0, +1, m] */
static void pushitems (lua_State *L, const char *text, const tifa_para *ps,
                       const tifa_provision *p, lua_Integer from) {
  size_t b0 = ps[p->first].byte, b1 = ps[p->last].byte + ps[p->last].nbyte;
  size_t n = tifa_provision_items(text + b0, b1 - b0, NULL, 0), i, k = p->first;
  tifa_enum_item *it = NULL;
  if (n > 0) {
    it = (tifa_enum_item *)lua_newuserdatauv(L, n * sizeof(*it), 0);     /* GC-owned scratch */
    n = tifa_provision_items(text + b0, b1 - b0, it, n);
  }
  lua_createtable(L, (int)n, 0);
  for (i = 0; i < n; i++) {
    size_t b = b0 + it[i].span.byte;
    while (k < p->last && b >= ps[k + 1].byte) k++;
    lua_createtable(L, 0, 6);
    lua_pushlstring(L, text + b, it[i].label); lua_setfield(L, -2, "label");
    lua_pushinteger(L, it[i].index); lua_setfield(L, -2, "index");
    lua_pushinteger(L, clauseof(text, ps, p, k)); lua_setfield(L, -2, "clause");
    lua_pushlstring(L, text + b, it[i].span.nbyte); lua_setfield(L, -2, "text");
    lua_pushinteger(L, from + (lua_Integer)it[i].span.start); lua_setfield(L, -2, "from");
    lua_pushinteger(L, from + (lua_Integer)it[i].span.end - 1); lua_setfield(L, -2, "to");
    lua_rawseti(L, -2, (lua_Integer)i + 1);
  }
  if (it != NULL) lua_remove(L, -2);        /* the scratch */
}

/* Compute the provisions of the article at 1 into the slots S_TEXT to S_LIST (see above)
** and return their number. [-0, +5, e] */
static size_t provisions (lua_State *L) {
  int64_t id;
  const char *text;
  size_t len, bpos = 0, n, i, np;
  lua_Integer cpos = 0;
  tifa_para *ps;
  tifa_provision *pv;
  tifai_lua_checkarticle(L, 1, &id);        /* raises on what is no article */
  lua_settop(L, 1);
  lua_getfield(L, 1, "text");               /* S_TEXT */
  text = luaL_checklstring(L, S_TEXT, &len);
  lua_getfield(L, 1, "paragraphs");         /* S_PARAS */
  lua_pushvalue(L, 1);
  lua_call(L, 1, 1);
  n = (size_t)luaL_len(L, S_PARAS);
  ps = (tifa_para *)lua_newuserdatauv(L, (n ? n : 1) * sizeof(*ps), 0);     /* S_CPARA */
  for (i = 0; i < n; i++) {
    lua_Integer from, to;
    lua_rawgeti(L, S_PARAS, (lua_Integer)i + 1);
    from = intfield(L, -1, "from");
    to = intfield(L, -1, "to");
    lua_getfield(L, -1, "kind");
    ps[i].heading = lua_isstring(L, -1) && strcmp(lua_tostring(L, -1), "heading") == 0;
    lua_pop(L, 2);
    ps[i].byte = charbyte(text, len, &bpos, &cpos, from - 1);
    ps[i].nbyte = charbyte(text, len, &bpos, &cpos, to) - ps[i].byte;
  }
  pv = (tifa_provision *)lua_newuserdatauv(L, (n ? n : 1) * sizeof(*pv), 0);  /* S_CPROV */
  np = tifa_text_provisions(text, ps, n, pv, n);
  lua_createtable(L, (int)np, 0);           /* S_LIST */
  for (i = 0; i < np; i++) {
    const tifa_provision *p = &pv[i];
    const char *lab = text + ps[p->first].byte;
    lua_Integer from, to;
    int k;
    lua_rawgeti(L, S_PARAS, (lua_Integer)p->first + 1);
    from = intfield(L, -1, "from");
    lua_pop(L, 1);
    lua_rawgeti(L, S_PARAS, (lua_Integer)p->last + 1);
    to = intfield(L, -1, "to");
    lua_pop(L, 1);
    lua_createtable(L, 0, 12);
    lua_pushinteger(L, p->number); lua_setfield(L, -2, "number");
    lua_pushlstring(L, lab, p->label); lua_setfield(L, -2, "label");
    if (p->sub > 0) {
      const char *zhi = strstr(lab, "\xE4\xB9\x8B");     /* 之, inside the label */
      lua_pushinteger(L, p->sub); lua_setfield(L, -2, "sub");
      if (zhi != NULL && zhi < lab + p->label) {
        lua_pushlstring(L, zhi, (size_t)(lab + p->label - zhi));
        lua_setfield(L, -2, "suffix");
      }
    }
    lua_pushinteger(L, from); lua_setfield(L, -2, "from");
    lua_pushinteger(L, to); lua_setfield(L, -2, "to");
    lua_pushinteger(L, (lua_Integer)p->first + 1); lua_setfield(L, -2, "first");
    lua_pushinteger(L, (lua_Integer)p->last + 1); lua_setfield(L, -2, "last");
    lua_pushinteger(L, (lua_Integer)p->clauses); lua_setfield(L, -2, "clauses");
    lua_createtable(L, p->nsection, 0);
    for (k = 0; k < p->nsection; k++) {
      size_t h = p->section[k];
      lua_pushlstring(L, text + ps[h].byte, ps[h].nbyte);
      lua_rawseti(L, -2, k + 1);
    }
    lua_setfield(L, -2, "section");
    pushitems(L, text, ps, p, from);
    lua_setfield(L, -2, "items");
    lua_rawseti(L, S_LIST, (lua_Integer)i + 1);
  }
  return np;
}

/* a:provisions() */
static int article_provisions (lua_State *L) {
  provisions(L);
  return 1;
}

/* a:provision_at(pos): the provision holding character 'pos', the 款 and the 项 it is in. */
static int article_provision_at (lua_State *L) {
  lua_Integer pos = luaL_checkinteger(L, 2);
  size_t np, i, k;
  const char *text;
  const tifa_para *ps;
  const tifa_provision *pv;
  lua_Integer n;
  lua_settop(L, 1);
  np = provisions(L);
  text = lua_tostring(L, S_TEXT);
  ps = (const tifa_para *)lua_touserdata(L, S_CPARA);
  pv = (const tifa_provision *)lua_touserdata(L, S_CPROV);
  for (i = 0; i < np; i++) {
    lua_rawgeti(L, S_LIST, (lua_Integer)i + 1);               /* 7: the provision */
    if (intfield(L, 7, "from") <= pos && pos <= intfield(L, 7, "to")) break;
    lua_pop(L, 1);
  }
  if (i == np) { luaL_pushfail(L); return 1; }
  for (k = pv[i].first; k < pv[i].last; k++) {                /* the paragraph of 'pos' */
    lua_rawgeti(L, S_PARAS, (lua_Integer)k + 2);
    if (intfield(L, -1, "from") > pos) { lua_pop(L, 1); break; }
    lua_pop(L, 1);
  }
  lua_pushinteger(L, clauseof(text, ps, &pv[i], k));        /* 8 */
  lua_getfield(L, 7, "items");                                /* 9 */
  n = luaL_len(L, 9);
  for (; n > 0; n--) {                  /* the innermost: items do not overlap in one list */
    lua_rawgeti(L, 9, n);
    if (intfield(L, -1, "from") <= pos && pos <= intfield(L, -1, "to")) {
      lua_remove(L, 9);                     /* provision, clause, item */
      return 3;
    }
    lua_pop(L, 1);
  }
  lua_pop(L, 1);
  return 2;
}

/* {====== Search hits ====== */

/* The label of the provision of article 'id' holding character 'pos' (0-based) into
** out[0..outsz) (NUL-terminated, cut short if it does not fit); 0 if there is none, -1 out of
** memory or on a store error. Calls no Lua: its memory is its own and freed on return. */
static int labelat (sqlite3 *db, int64_t id, int64_t pos, char *out, size_t outsz) {
  sqlite3_stmt *ts = NULL, *ps = NULL;
  tifa_para *pp = NULL;
  tifa_provision *pv = NULL;
  int64_t *cs = NULL, *ce = NULL, c = 0;
  size_t n = 0, cap = 0, b = 0, len = 0, np, i;
  const char *text = NULL;
  int rc = -1;
  if (sqlite3_prepare_v2(db, "SELECT text FROM article WHERE id = ?1", -1, &ts, NULL) != SQLITE_OK
      || sqlite3_prepare_v2(db, "SELECT kind, char_start, char_end FROM paragraph "
                            "WHERE article_id = ?1 ORDER BY seq", -1, &ps, NULL) != SQLITE_OK)
    goto done;
  sqlite3_bind_int64(ts, 1, id);
  sqlite3_bind_int64(ps, 1, id);
  if (sqlite3_step(ts) != SQLITE_ROW) goto done;
  text = (const char *)sqlite3_column_text(ts, 0);
  len = (size_t)sqlite3_column_bytes(ts, 0);
  if (text == NULL) { rc = 0; goto done; }
  while (sqlite3_step(ps) == SQLITE_ROW) {
    const char *kind = (const char *)sqlite3_column_text(ps, 0);
    int64_t s0 = sqlite3_column_int64(ps, 1), s1 = sqlite3_column_int64(ps, 2);
    size_t b0;
    if (n == cap) {
      size_t nc = cap ? 2 * cap : 64;
      tifa_para *q = (tifa_para *)realloc(pp, nc * sizeof(*pp));
      int64_t *r, *t;
      if (q == NULL) goto done;
      pp = q;
      if ((r = (int64_t *)realloc(cs, nc * sizeof(*cs))) == NULL) goto done;
      cs = r;
      if ((t = (int64_t *)realloc(ce, nc * sizeof(*ce))) == NULL) goto done;
      ce = t;
      cap = nc;
    }
    while (c < s0 && b < len) { b++; while (b < len && ((unsigned char)text[b] & 0xC0) == 0x80) b++; c++; }
    b0 = b;
    while (c < s1 && b < len) { b++; while (b < len && ((unsigned char)text[b] & 0xC0) == 0x80) b++; c++; }
    pp[n].byte = b0;
    pp[n].nbyte = b - b0;
    pp[n].heading = kind != NULL && strcmp(kind, "heading") == 0;
    cs[n] = s0;
    ce[n] = s1;
    n++;
  }
  rc = 0;
  if (n == 0) goto done;
  if ((pv = (tifa_provision *)malloc(n * sizeof(*pv))) == NULL) { rc = -1; goto done; }
  np = tifa_text_provisions(text, pp, n, pv, n);
  for (i = 0; i < np; i++) {
    if (pos >= cs[pv[i].first] && pos < ce[pv[i].last]) {
      size_t k = pv[i].label < outsz ? pv[i].label : outsz - 1;
      while (k > 0 && ((unsigned char)text[pp[pv[i].first].byte + k] & 0xC0) == 0x80) k--;
      memcpy(out, text + pp[pv[i].first].byte, k);             /* whole characters */
      out[k] = '\0';
      rc = 1;
      break;
    }
  }
done:
  sqlite3_finalize(ts);
  sqlite3_finalize(ps);
  free(pp); free(cs); free(ce); free(pv);
  return rc;
}

/* Set hit.provision for the db:search hit at 'idx' (a table with 'id' and 'offsets'): the
** label of the provision its first match is in, when its article has provisions; nothing
** otherwise. Raises only "not enough memory". [-0, +0, m] */
void tifai_lua_hitprovision (lua_State *L, tifa_store *s, int idx) {
  char label[128];
  lua_Integer id, pos;
  int rc;
  idx = lua_absindex(L, idx);
  lua_getfield(L, idx, "id");
  id = lua_tointeger(L, -1);
  if (lua_getfield(L, idx, "offsets") != LUA_TTABLE) { lua_pop(L, 2); return; }
  lua_rawgeti(L, -1, 1);
  if (!lua_istable(L, -1)) { lua_pop(L, 3); return; }           /* title matches only */
  lua_rawgeti(L, -1, 1);
  pos = lua_tointeger(L, -1) - 1;
  lua_pop(L, 4);
  if ((rc = labelat(tifa_store_sqlite(s), (int64_t)id, (int64_t)pos, label, sizeof(label))) < 0)
    return;                             /* a store error: the hit goes without it */
  if (rc == 1) {
    lua_pushstring(L, label);
    lua_setfield(L, idx, "provision");
  }
}

/* }====== */

const luaL_Reg tifai_provisions_article[] = {
  {"provisions", article_provisions},
  {"provision_at", article_provision_at},
  {NULL, NULL}
};
