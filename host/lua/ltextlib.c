/*
** ltextlib.c -- the tifa.text library: UTF-8 primitives and OpenCC conversion, and the opener
** that gathers every part of tifa.text (see ltext.h).
**   len(s [, unit]) sub(s, i [, j]) chars(s) graphemes(s) width(s) pad(s, w [, opts])
**   truncate(s, w [, ellipsis]) upper(s) lower(s) casefold(s) normalize(s [, form])
**   category(c) is_han(s) is_punct(s) is_cjk_punct(s) valid(s) -> true | false, byte
**   to_simplified(s) to_traditional(s) -> string | fail, msg
** Positions are 1-based and inclusive, in characters (code points); invalid UTF-8 raises.
*/
#define LUA_LIB
#include <string.h>
#include "lua.h"
#include "lauxlib.h"
#include "tifa.h"
#include "tifa_text.h"
#include "buf.h"
#include "prims.h"
#include "ltext.h"


/* {====== Helpers ====== */

/* Check that argument 'arg' is a string of valid UTF-8 and return it. [-0, +0, v] */
const char *tifai_text_checktext (lua_State *L, int arg, size_t *len) {
  const char *s = luaL_checklstring(L, arg, len);
  size_t bad;
  if (!tifa_utf8_valid(s, *len, &bad))
    luaL_argerror(L, arg, lua_pushfstring(L, "invalid UTF-8 at byte %I", (lua_Integer)bad + 1));
  return s;
}

/* Length in bytes of the UTF-8 sequence led by 'c' (valid UTF-8). */
static size_t seqlen (unsigned char c) {
  return c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
}

/* The code point at s (valid UTF-8, not empty). */
static int32_t codepoint (const char *s, size_t len) {
  int32_t cp = 0;
  tifa_utf8_decode(s, len, &cp);
  return cp;
}

/* Replace the buffer on the top with its content as a string, given the result code of the
** call that filled it. [-1, +1, m] */
static int pushbuffer (lua_State *L, tifai_buf *b, int rc) {
  if (rc != TIFA_OK || b->oom) return luaL_error(L, "not enough memory");
  lua_pushlstring(L, b->p ? b->p : "", b->len);
  tifai_buf_free(b);                        /* now rather than at the next collection */
  lua_remove(L, -2);
  return 1;
}

/* }====== */

/* {====== Length, substrings, iteration ====== */

static const char *const unitnames[] = {"char", "grapheme", NULL};

static int text_len (lua_State *L) {
  size_t len, n = 0;
  const char *s = tifai_text_checktext(L, 1, &len);
  if (luaL_checkoption(L, 2, "char", unitnames) == 0)
    n = tifa_utf8_len(s, len);
  else
    for (; len > 0; n++) {
      size_t k = tifa_text_grapheme(s, len);
      s += k; len -= k;
    }
  lua_pushinteger(L, (lua_Integer)n);
  return 1;
}

/* The byte offset of the character that comes 'n' characters after the one at byte 'i'
** (or 'len' if the string ends first). */
static size_t skipchars (const char *s, size_t len, size_t i, size_t n) {
  for (; n > 0 && i < len; n--)
    i += seqlen((unsigned char)s[i]);
  return i;
}

/* As string.sub, in characters: i and j (default -1) are 1-based and inclusive; negative
** counts from the end. */
static int text_sub (lua_State *L) {
  size_t len, n, a, b;
  const char *s = tifai_text_checktext(L, 1, &len);
  lua_Integer i = luaL_checkinteger(L, 2);
  lua_Integer j = luaL_optinteger(L, 3, -1);
  n = tifa_utf8_len(s, len);
  /* start: 0 and below the start become 1; end: past the end becomes n (lstrlib's rules) */
  if (i < 0) i = (i < -(lua_Integer)n) ? 1 : (lua_Integer)n + i + 1;
  else if (i == 0) i = 1;
  if (j > (lua_Integer)n) j = (lua_Integer)n;
  else if (j < 0) j = (j < -(lua_Integer)n) ? 0 : (lua_Integer)n + j + 1;
  if (i > j) {
    lua_pushliteral(L, "");
    return 1;
  }
  a = skipchars(s, len, 0, (size_t)i - 1);
  b = skipchars(s, len, a, (size_t)(j - i + 1));
  lua_pushlstring(L, s + a, b - a);
  return 1;
}

/* The iterator of chars and graphemes: upvalues are the string, the byte offset and the
** character position of the next piece, and whether pieces are graphemes. Returns the piece
** and its position, or nothing at the end. */
static int iter_aux (lua_State *L) {
  size_t len, k, pos;
  const char *s = lua_tolstring(L, lua_upvalueindex(1), &len);
  lua_Integer at = lua_tointeger(L, lua_upvalueindex(3));
  pos = (size_t)lua_tointeger(L, lua_upvalueindex(2));
  if (pos >= len) return 0;
  k = lua_toboolean(L, lua_upvalueindex(4)) ? tifa_text_grapheme(s + pos, len - pos)
                                            : seqlen((unsigned char)s[pos]);
  lua_pushinteger(L, (lua_Integer)(pos + k));
  lua_replace(L, lua_upvalueindex(2));
  lua_pushinteger(L, at + (lua_Integer)tifa_utf8_len(s + pos, k));
  lua_replace(L, lua_upvalueindex(3));
  lua_pushlstring(L, s + pos, k);
  lua_pushinteger(L, at);
  return 2;
}

/* Push the iterator over the characters or graphemes of argument 1. [-0, +1, v] */
static int iterate (lua_State *L, int graphemes) {
  size_t len;
  tifai_text_checktext(L, 1, &len);
  lua_settop(L, 1);
  lua_pushinteger(L, 0);
  lua_pushinteger(L, 1);
  lua_pushboolean(L, graphemes);
  lua_pushcclosure(L, iter_aux, 4);
  return 1;
}

static int text_chars (lua_State *L) { return iterate(L, 0); }
static int text_graphemes (lua_State *L) { return iterate(L, 1); }

/* }====== */

/* {====== Display width ====== */

static int text_width (lua_State *L) {
  size_t len;
  const char *s = tifai_text_checktext(L, 1, &len);
  lua_pushinteger(L, (lua_Integer)tifa_text_width(s, len));
  return 1;
}

static size_t checkwidth (lua_State *L, int arg) {
  lua_Integer w = luaL_checkinteger(L, arg);
  luaL_argcheck(L, w >= 0, arg, "negative width");
  return (size_t)w;
}

/* Add 'n' columns of 'fill' (of width 'fw', 1 or 2) to 'b'; an odd column left over by a
** wide fill is a space. */
static void addfill (luaL_Buffer *b, const char *fill, size_t flen, size_t fw, size_t n) {
  for (; n >= fw; n -= fw) luaL_addlstring(b, fill, flen);
  if (n > 0) luaL_addchar(b, ' ');
}

static const char *const alignnames[] = {"left", "right", "center", NULL};

/* pad(s, w [, {align=, fill=}]): s with fill added after ("left"), before ("right") or on
** both sides ("center", the odd column after) up to display width w; s itself if it is as
** wide or wider. */
static int text_pad (lua_State *L) {
  size_t len, flen = 1, fw = 1, sw, need, before = 0;
  const char *s = tifai_text_checktext(L, 1, &len);
  size_t w = checkwidth(L, 2);
  const char *fill = " ";
  int align = 0;
  luaL_Buffer b;
  if (!lua_isnoneornil(L, 3)) {
    luaL_checktype(L, 3, LUA_TTABLE);
    if (lua_getfield(L, 3, "align") != LUA_TNIL) {
      const char *a = lua_tostring(L, -1);
      for (align = 0; alignnames[align] && (a == NULL || strcmp(a, alignnames[align])); align++) {}
      if (alignnames[align] == NULL)
        return luaL_argerror(L, 3, lua_pushfstring(L, "invalid align '%s'", a ? a : "?"));
    }
    if (lua_getfield(L, 3, "fill") != LUA_TNIL) {
      fill = lua_tolstring(L, -1, &flen);
      if (fill == NULL || !tifa_utf8_valid(fill, flen, NULL) || flen == 0
          || tifa_text_grapheme(fill, flen) != flen
          || (fw = tifa_text_width(fill, flen)) < 1 || fw > 2)
        return luaL_argerror(L, 3, "fill must be one character of width 1 or 2");
    }
  }
  sw = tifa_text_width(s, len);
  if (sw >= w) {
    lua_pushvalue(L, 1);
    return 1;
  }
  need = w - sw;
  if (align == 1) before = need;
  else if (align == 2) before = need / 2;
  luaL_buffinit(L, &b);
  addfill(&b, fill, flen, fw, before);
  luaL_addlstring(&b, s, len);
  addfill(&b, fill, flen, fw, need - before);
  luaL_pushresult(&b);
  return 1;
}

/* truncate(s, w [, ellipsis]): s if its display width is at most w; else its longest prefix
** of whole graphemes that leaves room for the ellipsis (default none), then the ellipsis. */
static int text_truncate (lua_State *L) {
  size_t len, elen = 0, ew, k;
  const char *s = tifai_text_checktext(L, 1, &len);
  size_t w = checkwidth(L, 2);
  const char *e = lua_isnoneornil(L, 3) ? "" : tifai_text_checktext(L, 3, &elen);
  if (tifa_text_width(s, len) <= w) {
    lua_pushvalue(L, 1);
    return 1;
  }
  ew = tifa_text_width(e, elen);
  if (ew > w) {                             /* no room for any of s: the ellipsis, cut */
    lua_pushlstring(L, e, tifa_text_truncate(e, elen, w, NULL));
    return 1;
  }
  k = tifa_text_truncate(s, len, w - ew, NULL);
  lua_pushlstring(L, s, k);
  lua_pushlstring(L, e, elen);
  lua_concat(L, 2);
  return 1;
}

/* }====== */

/* {====== Case, normalization, conversion ====== */

static int mapcase (lua_State *L, int how) {
  size_t len;
  const char *s = tifai_text_checktext(L, 1, &len);
  tifai_buf *b = tifai_lua_newbox(L);
  return pushbuffer(L, b, tifai_case(b, s, len, how));
}

static int text_upper (lua_State *L) { return mapcase(L, TIFA_CASE_UPPER); }
static int text_lower (lua_State *L) { return mapcase(L, TIFA_CASE_LOWER); }
static int text_casefold (lua_State *L) { return mapcase(L, TIFA_CASE_FOLD); }

static const char *const formnames[] = {"NFC", "NFD", "NFKC", "NFKD", "fold", NULL};
static const int forms[] = {TIFA_NORM_NFC, TIFA_NORM_NFD, TIFA_NORM_NFKC, TIFA_NORM_NFKD,
                            TIFA_NORM_FOLD};

static int text_normalize (lua_State *L) {
  size_t len;
  const char *s = tifai_text_checktext(L, 1, &len);
  int form = forms[luaL_checkoption(L, 2, "NFC", formnames)];
  tifai_buf *b = tifai_lua_newbox(L);
  return pushbuffer(L, b, tifai_normalize(b, s, len, form));
}

/* The OpenCC conversions return fail, msg when libopencc or its data cannot be loaded. */
static int convert (lua_State *L, int to) {
  size_t len;
  const char *s = tifai_text_checktext(L, 1, &len);
  tifai_buf *b = tifai_lua_newbox(L);
  char err[TIFA_ERRMAX];
  int rc = tifai_convert(b, s, len, to, err, sizeof(err));
  if (rc == TIFA_ERROR) {
    luaL_pushfail(L);
    lua_pushstring(L, err);
    return 2;
  }
  return pushbuffer(L, b, rc);
}

static int text_to_simplified (lua_State *L) { return convert(L, TIFA_CONVERT_SIMPLIFIED); }
static int text_to_traditional (lua_State *L) { return convert(L, TIFA_CONVERT_TRADITIONAL); }

/* }====== */

/* {====== Categories, predicates, validity ====== */

/* category(c): the general category of the one-character string c. */
static int text_category (lua_State *L) {
  size_t len;
  const char *s = tifai_text_checktext(L, 1, &len);
  luaL_argcheck(L, len > 0 && seqlen((unsigned char)s[0]) == len, 1, "one character expected");
  lua_pushstring(L, tifa_text_category(codepoint(s, len)));
  return 1;
}

/* True if argument 1 is not empty and 'pred' holds for each of its characters. */
static int every (lua_State *L, int (*pred) (int32_t)) {
  size_t len, i = 0;
  const char *s = tifai_text_checktext(L, 1, &len);
  while (i < len && pred(codepoint(s + i, len - i)))
    i += seqlen((unsigned char)s[i]);
  lua_pushboolean(L, len > 0 && i == len);
  return 1;
}

static int text_is_han (lua_State *L) { return every(L, tifa_text_is_han); }
static int text_is_punct (lua_State *L) { return every(L, tifa_text_is_punct); }
static int text_is_cjk_punct (lua_State *L) { return every(L, tifa_text_is_cjk_punct); }

/* valid(s) -> true | false, byte position (1-based) of the first invalid sequence. */
static int text_valid (lua_State *L) {
  size_t len, bad;
  const char *s = luaL_checklstring(L, 1, &len);
  if (tifa_utf8_valid(s, len, &bad)) {
    lua_pushboolean(L, 1);
    return 1;
  }
  lua_pushboolean(L, 0);
  lua_pushinteger(L, (lua_Integer)bad + 1);
  return 2;
}

/* }====== */

static const luaL_Reg text_funcs[] = {
  {"len", text_len}, {"sub", text_sub}, {"chars", text_chars}, {"graphemes", text_graphemes},
  {"width", text_width}, {"pad", text_pad}, {"truncate", text_truncate},
  {"upper", text_upper}, {"lower", text_lower}, {"casefold", text_casefold},
  {"normalize", text_normalize}, {"category", text_category}, {"is_han", text_is_han},
  {"is_punct", text_is_punct}, {"is_cjk_punct", text_is_cjk_punct}, {"valid", text_valid},
  {"to_simplified", text_to_simplified}, {"to_traditional", text_to_traditional},
  {NULL, NULL}
};

void tifai_text_openprims (lua_State *L) {
  luaL_setfuncs(L, text_funcs, 0);
}

int tifai_luaopen_text (lua_State *L) {
  lua_newtable(L);
  tifai_text_openprims(L);
  tifai_text_openwords(L);
  tifai_text_openstructure(L);
  tifai_text_openextract(L);
  return 1;
}
