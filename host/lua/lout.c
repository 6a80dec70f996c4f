/*
** lout.c -- output helpers for scripts: module "tifa.out"
**   tifa.out.table(rows [, {columns=, header=, align=, maxwidth=, file=}]) -> true | fail, msg
**   tifa.out.csv(rows [, {columns=, header=, sep=, eol=, bom=, file=, append=}]) -> true | fail, msg
**   tifa.out.json(value [, {indent=, lines=, ascii=, nan=, file=, append=}]) -> true | fail, msg
**   tifa.out.null                                    JSON null (a hole in a list)
** 'file': absent = io.output(); a file; a path, opened with the state's io.open (so the
** sandbox's rule for writes applies); false = return the text instead. The text is built
** whole before anything is opened: an error leaves no half-written file.
*/
#define LUA_LIB
#include <errno.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "lua.h"
#include "lauxlib.h"
#include "lualib.h"
#include "tifa.h"
#include "tifa_text.h"
#include "buf.h"
#include "ltext.h"

#define MAXDEPTH  1000              /* JSON nesting; deeper is taken for a cycle */
#define NULLKEY   "tifa.out.null"   /* what tifa.out.null points to */

static const char nullsentinel = 0;
#define JSONNULL  ((void *)&nullsentinel)

int tifai_luaopen_out (lua_State *L);

/* {====== Shared: options, values as text, writing ====== */

/* opts[k] pushed (nil when there are no options). [-0, +1, e] */
static int optfield (lua_State *L, int opts, const char *k) {
  if (lua_type(L, opts) != LUA_TTABLE) { lua_pushnil(L); return LUA_TNIL; }
  return lua_getfield(L, opts, k);
}

static int optbool (lua_State *L, int opts, const char *k) {
  int v;
  optfield(L, opts, k);
  v = lua_toboolean(L, -1);
  lua_pop(L, 1);
  return v;
}

/* The shortest "%.Ng" of 'x' (N from 14 to 17) that reads back as 'x', with '.' as the
** decimal point whatever the locale; ".0" is added to a float that looks like an integer,
** as Lua's tostring does. 'x' must be finite. */
static void fmtfloat (char *out, size_t sz, double x) {
  char dp = lua_getlocaledecpoint(), *p;
  int prec;
  for (prec = 14; prec <= 17; prec++) {
    snprintf(out, sz, "%.*g", prec, x);
    if (strtod(out, NULL) == x) break;
  }
  if (dp != '.' && (p = strchr(out, dp)) != NULL) *p = '.';
  if (strpbrk(out, ".eE") == NULL) strncat(out, ".0", sz - strlen(out) - 1);
}

/* Raise "bad argument #1 to 'f' (invalid UTF-8 at byte N of WHERE)" if s[0..len) is not
** valid UTF-8. */
static void checkutf8 (lua_State *L, const char *s, size_t len, const char *where) {
  size_t bad;
  if (!tifa_utf8_valid(s, len, &bad))
    luaL_argerror(L, 1, lua_pushfstring(L, "invalid UTF-8 at byte %I of %s", (lua_Integer)bad + 1, where));
}

/* Push "row 3, column 'title'" (row 0: the header) for messages; 'cols' is the column
** list. [-0, +1, e] */
static const char *where (lua_State *L, lua_Integer row, int cols, lua_Integer col) {
  const char *r;
  if (row > 0) r = lua_pushfstring(L, "row %I", row);
  else r = lua_pushliteral(L, "the header");
  if (lua_geti(L, cols, col) == LUA_TSTRING) lua_pushfstring(L, "%s, column '%s'", r, lua_tostring(L, -1));
  else lua_pushfstring(L, "%s, column %I", r, col);
  lua_replace(L, -3);
  lua_pop(L, 1);
  return lua_tostring(L, -1);
}

/* Push the text of a cell: nil is "", strings as they are (checked UTF-8), numbers in full
** ('exact': floats read back to the same value, else as tostring), booleans, and values
** with __tostring (articles). Raises for other tables, functions and the like, naming the
** cell (row, column of the list at 'cols'). [-0, +1, e] */
static const char *celltext (lua_State *L, int idx, int exact, lua_Integer row, int cols, lua_Integer col,
                             size_t *len) {
  const char *s;
  idx = lua_absindex(L, idx);
  switch (lua_type(L, idx)) {
    case LUA_TNIL: lua_pushliteral(L, ""); break;
    case LUA_TNUMBER:
      if (exact && !lua_isinteger(L, idx)) {
        double x = (double)lua_tonumber(L, idx);
        char buf[64];
        if (isnan(x)) strcpy(buf, "NaN");
        else if (isinf(x)) strcpy(buf, x > 0 ? "Inf" : "-Inf");
        else fmtfloat(buf, sizeof(buf), x);
        lua_pushstring(L, buf);
      }
      else luaL_tolstring(L, idx, NULL);
      break;
    case LUA_TSTRING: case LUA_TBOOLEAN: luaL_tolstring(L, idx, NULL); break;
    default:
      if (luaL_getmetafield(L, idx, "__tostring") != LUA_TNIL) {
        lua_pop(L, 1);
        luaL_tolstring(L, idx, NULL);
        break;
      }
      luaL_argerror(L, 1, lua_pushfstring(L, "%s: cannot write a %s", where(L, row, cols, col),
                                          luaL_typename(L, idx)));
  }
  s = lua_tolstring(L, -1, len);
  if (!tifa_utf8_valid(s, *len, NULL)) checkutf8(L, s, *len, where(L, row, cols, col));
  return s;
}

/* Write the text in 'b' where option 'file' of the options at 'opts' says, and return the
** Lua results: true, or the text (file == false), or fail, msg, errno. [-0, +k, e] */
static int finish (lua_State *L, int opts, tifai_buf *b) {
  int t;
  FILE *f;
  if (b->oom) return luaL_error(L, "not enough memory");
  t = optfield(L, opts, "file");
  if (t == LUA_TBOOLEAN && !lua_toboolean(L, -1)) {
    lua_pushlstring(L, b->p ? b->p : "", b->len);
    return 1;
  }
  if (t == LUA_TSTRING || t == LUA_TNIL) {
    int fidx;
    luaL_getsubtable(L, LUA_REGISTRYINDEX, LUA_LOADED_TABLE);
    if (lua_getfield(L, -1, LUA_IOLIBNAME) != LUA_TTABLE)
      return luaL_error(L, "the io library is not open");
    if (t == LUA_TNIL) {                                 /* io.output() */
      lua_getfield(L, -1, "output");
      lua_call(L, 0, 1);
    }
    else {                                               /* io.open(path, mode): the state's */
      lua_getfield(L, -1, "open");
      lua_pushvalue(L, -4);
      lua_pushstring(L, optbool(L, opts, "append") ? "a" : "w");
      lua_call(L, 2, 3);
      if (lua_isnil(L, -3)) return 3;                    /* fail, msg, errno */
      lua_pop(L, 2);
    }
    fidx = lua_gettop(L);
    f = ((luaL_Stream *)luaL_checkudata(L, fidx, LUA_FILEHANDLE))->f;
    if (t == LUA_TSTRING) lua_toclose(L, fidx);          /* closed however we leave */
  }
  else {
    luaL_Stream *p = (luaL_Stream *)luaL_testudata(L, -1, LUA_FILEHANDLE);
    if (p == NULL)
      return luaL_argerror(L, 2, lua_pushfstring(L, "'file' must be a path, a file or false, got %s",
                                                 luaL_typename(L, -1)));
    if (p->closef == NULL) return luaL_error(L, "attempt to use a closed file");
    f = p->f;
  }
  errno = 0;
  if (b->len > 0 && fwrite(b->p, 1, b->len, f) != b->len) return luaL_fileresult(L, 0, NULL);
  if (t == LUA_TSTRING) {                                /* report what closing finds */
    int top = lua_gettop(L);
    lua_getfield(L, top, "close");
    lua_pushvalue(L, top);
    lua_call(L, 1, 3);
    if (lua_isnil(L, -3)) return 3;
  }
  lua_pushboolean(L, 1);
  return 1;
}

/* }====== */

/* {====== Rows: table and csv ======
** Rows are a list of tables: records (by column name) or lists. 'columns' names the fields
** in order; without it, lists give all their positions and records the union of their
** string keys, sorted. */

/* Sort the strings t[1..n] of the table at 'idx' by bytes (heapsort: no locale, no
** table.sort needed). [-0, +0, -] */
static int lesskey (lua_State *L, int idx, lua_Integer i, lua_Integer j) {
  size_t li, lj;
  const char *si, *sj;
  int c;
  lua_rawgeti(L, idx, i);
  lua_rawgeti(L, idx, j);
  si = lua_tolstring(L, -2, &li);
  sj = lua_tolstring(L, -1, &lj);
  c = memcmp(si, sj, li < lj ? li : lj);
  lua_pop(L, 2);
  return c < 0 || (c == 0 && li < lj);
}

static void swapkey (lua_State *L, int idx, lua_Integer i, lua_Integer j) {
  lua_rawgeti(L, idx, i);
  lua_rawgeti(L, idx, j);
  lua_rawseti(L, idx, i);
  lua_rawseti(L, idx, j);
}

static void siftdown (lua_State *L, int idx, lua_Integer root, lua_Integer n) {
  for (;;) {
    lua_Integer child = 2 * root, big = root;
    if (child <= n && lesskey(L, idx, big, child)) big = child;
    if (child + 1 <= n && lesskey(L, idx, big, child + 1)) big = child + 1;
    if (big == root) return;
    swapkey(L, idx, root, big);
    root = big;
  }
}

static void sortkeys (lua_State *L, int idx, lua_Integer n) {
  lua_Integer i;
  idx = lua_absindex(L, idx);
  for (i = n / 2; i >= 1; i--) siftdown(L, idx, i, n);
  for (i = n; i > 1; i--) {
    swapkey(L, idx, 1, i);
    siftdown(L, idx, 1, i - 1);
  }
}

/* Push the list of columns for the rows at 1 (opts.columns, or found in the rows) and
** return its length; '*named' tells whether the columns are names (records) or positions
** (lists, no header by default). [-0, +1, e] */
static lua_Integer pushcolumns (lua_State *L, int opts, lua_Integer nrows, int *named) {
  lua_Integer i, n = 0, maxlen = 0;
  int top;
  if (optfield(L, opts, "columns") != LUA_TNIL) {
    if (!lua_istable(L, -1)) luaL_argerror(L, 2, "'columns' must be a list");
    n = luaL_len(L, -1);
    *named = 1;
    for (i = 1; i <= n; i++) {
      int t = lua_geti(L, -1, i);
      if (t != LUA_TSTRING && !lua_isinteger(L, -1))
        luaL_argerror(L, 2, lua_pushfstring(L, "column %I must be a name or a position", i));
      if (i == 1 && t != LUA_TSTRING) *named = 0;       /* positions: no header by default */
      lua_pop(L, 1);
    }
    return n;
  }
  lua_pop(L, 1);
  lua_newtable(L);                                       /* the list */
  lua_newtable(L);                                       /* a set of the names seen */
  top = lua_gettop(L);
  for (i = 1; i <= nrows; i++) {
    lua_geti(L, 1, i);
    if (!lua_istable(L, -1))
      luaL_argerror(L, 1, lua_pushfstring(L, "row %I is a %s, not a table", i, luaL_typename(L, -1)));
    if (lua_rawlen(L, -1) > (size_t)maxlen) maxlen = (lua_Integer)lua_rawlen(L, -1);
    lua_pushnil(L);
    while (lua_next(L, -2)) {
      lua_pop(L, 1);                                     /* the value */
      if (lua_type(L, -1) != LUA_TSTRING) continue;
      lua_pushvalue(L, -1);
      if (lua_rawget(L, top) == LUA_TNIL) {              /* a name not seen yet */
        lua_pushvalue(L, -2);
        lua_rawseti(L, top - 1, ++n);
        lua_pushvalue(L, -2);
        lua_pushboolean(L, 1);
        lua_rawset(L, top);
      }
      lua_pop(L, 1);
    }
    lua_pop(L, 1);
  }
  lua_pop(L, 1);                                         /* the set */
  if (n == 0) {                                          /* lists: their positions */
    for (i = 1; i <= maxlen; i++) { lua_pushinteger(L, i); lua_rawseti(L, -2, i); }
    *named = 0;
    return maxlen;
  }
  sortkeys(L, -1, n);
  *named = 1;
  return n;
}

/* Push field 'col' (the column list at 'cols') of the row on top. [-0, +1, e] */
static void getcell (lua_State *L, int cols, lua_Integer col) {
  lua_geti(L, cols, col);
  lua_pushvalue(L, -2);
  lua_rotate(L, -2, 1);                                  /* row, row, name */
  lua_gettable(L, -2);
  lua_remove(L, -2);
}

/* Push the header: opts.header (a list, or false: none) or the column names. 0 if none. */
static int pushheader (lua_State *L, int opts, int cols, int named) {
  int t = optfield(L, opts, "header");
  if (t == LUA_TTABLE) return 1;
  if (t == LUA_TBOOLEAN && !lua_toboolean(L, -1)) { lua_pop(L, 1); return 0; }
  if (t != LUA_TNIL && t != LUA_TBOOLEAN) luaL_argerror(L, 2, "'header' must be a list or a boolean");
  lua_pop(L, 1);
  if (!named && t == LUA_TNIL) return 0;
  lua_pushvalue(L, cols);
  return 1;
}

static lua_Integer checkrows (lua_State *L) {
  luaL_checktype(L, 1, LUA_TTABLE);
  if (!lua_isnoneornil(L, 2)) luaL_checktype(L, 2, LUA_TTABLE);
  lua_settop(L, 2);
  return luaL_len(L, 1);
}

/* {------ table ------ */

/* Append s[0..len) to 'b' with control characters as spaces (they would break the
** alignment), cut to 'maxw' columns with "…" when 'maxw' > 0; returns its width. */
static size_t addcell (tifai_buf *b, const char *s, size_t len, size_t maxw) {
  size_t i, w, cut = len, used;
  w = tifa_text_width(s, len);
  for (i = 0; i < len; i++)                              /* controls count 0 but show as 1 */
    if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f) w++;
  if (maxw > 0 && w > maxw) {
    cut = tifa_text_truncate(s, len, maxw - 1, &used);
    for (i = 0; i < cut; i++) if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f) used++;
    while (used > maxw - 1 && cut > 0) {                 /* controls made it wider: cut more */
      size_t back = 1;
      while (back < cut && ((unsigned char)s[cut - back] & 0xC0) == 0x80) back++;
      cut -= back;
      used = tifa_text_width(s, cut);
      for (i = 0; i < cut; i++) if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f) used++;
    }
    w = used + 1;
  }
  if (b != NULL) {
    for (i = 0; i < cut; i++) {
      unsigned char c = (unsigned char)s[i];
      tifai_buf_addc(b, (c < 0x20 || c == 0x7f) ? ' ' : c);
    }
    if (cut < len) tifai_buf_adds(b, "\xE2\x80\xA6");
  }
  return w;
}

static void addspaces (tifai_buf *b, size_t n) {
  while (n-- > 0) tifai_buf_addc(b, ' ');
}

/* tifa.out.table(rows [, opts]): the cells are made text once (a table of strings), the
** columns measured by display width, then the lines written: two spaces between columns,
** numbers to the right, a rule under the header, no spaces at the ends of lines. */
static int out_table (lua_State *L) {
  lua_Integer nrows = checkrows(L), ncols, r, c;
  int named, cols, cells, hdr;
  size_t maxw = 0, *width;
  unsigned char *numeric;
  tifai_buf *b;
  if (optfield(L, 2, "maxwidth") != LUA_TNIL) {
    lua_Integer m = luaL_checkinteger(L, -1);
    luaL_argcheck(L, m >= 2, 2, "'maxwidth' must be at least 2");
    maxw = (size_t)m;
  }
  lua_pop(L, 1);
  ncols = pushcolumns(L, 2, nrows, &named);
  cols = lua_gettop(L);
  hdr = pushheader(L, 2, cols, named) ? lua_gettop(L) : 0;
  width = (size_t *)lua_newuserdatauv(L, (size_t)ncols * (sizeof(size_t) + 1) + 1, 0);
  numeric = (unsigned char *)(width + ncols);
  for (c = 0; c < ncols; c++) { width[c] = 0; numeric[c] = 1; }
  lua_createtable(L, (int)(nrows * ncols < 1 << 20 ? nrows * ncols : 0), 0);
  cells = lua_gettop(L);
  for (r = 1; r <= nrows; r++) {
    if (lua_geti(L, 1, r) != LUA_TTABLE)
      return luaL_argerror(L, 1, lua_pushfstring(L, "row %I is a %s, not a table", r, luaL_typename(L, -1)));
    for (c = 1; c <= ncols; c++) {
      size_t len, w;
      const char *s;
      getcell(L, cols, c);
      if (lua_type(L, -1) != LUA_TNUMBER && !lua_isnil(L, -1)) numeric[c - 1] = 0;
      s = celltext(L, -1, 0, r, cols, c, &len);
      w = addcell(NULL, s, len, maxw);
      if (w > width[c - 1]) width[c - 1] = w;
      lua_rawseti(L, cells, (r - 1) * ncols + c);
      lua_pop(L, 1);
    }
    lua_pop(L, 1);
  }
  if (optfield(L, 2, "align") != LUA_TNIL) {          /* {column = "left" | "right"} */
    if (!lua_istable(L, -1)) return luaL_argerror(L, 2, "'align' must be a table");
    for (c = 1; c <= ncols; c++) {
      const char *a;
      lua_geti(L, cols, c);
      lua_gettable(L, -2);
      a = lua_tostring(L, -1);
      if (a && strcmp(a, "right") == 0) numeric[c - 1] = 1;
      else if (a && strcmp(a, "left") == 0) numeric[c - 1] = 0;
      else if (!lua_isnil(L, -1))
        return luaL_argerror(L, 2, lua_pushfstring(L, "invalid option '%s' for 'align'", luaL_tolstring(L, -1, NULL)));
      lua_pop(L, 1);
    }
  }
  lua_pop(L, 1);
  if (hdr) {
    for (c = 1; c <= ncols; c++) {
      size_t len;
      const char *s;
      lua_geti(L, hdr, c);
      s = celltext(L, -1, 0, 0, cols, c, &len);
      if (addcell(NULL, s, len, maxw) > width[c - 1]) width[c - 1] = addcell(NULL, s, len, maxw);
      lua_pop(L, 2);
    }
  }
  b = tifai_lua_newbox(L);
  for (r = hdr ? -1 : 1; r <= nrows; r++) {
    size_t pending = 0;                                  /* spaces owed before the next cell */
    if (r == 0) {                                        /* the rule under the header */
      for (c = 0; c < ncols; c++) {
        size_t k;
        addspaces(b, pending);
        for (k = 0; k < width[c]; k++) tifai_buf_addc(b, '-');
        pending = 2;
      }
      tifai_buf_addc(b, '\n');
      continue;
    }
    for (c = 1; c <= ncols; c++) {
      size_t len, w;
      const char *s;
      if (r < 0) { lua_geti(L, hdr, c); s = celltext(L, -1, 0, 0, cols, c, &len); lua_remove(L, -2); }
      else { lua_rawgeti(L, cells, (r - 1) * ncols + c); s = lua_tolstring(L, -1, &len); }
      w = addcell(NULL, s, len, maxw);
      if (numeric[c - 1] && len > 0) {
        addspaces(b, pending + width[c - 1] - w);
        addcell(b, s, len, maxw);
        pending = 2;
      }
      else if (len > 0) {
        addspaces(b, pending);
        addcell(b, s, len, maxw);
        pending = width[c - 1] - w + 2;
      }
      else pending += width[c - 1] + 2;
      lua_pop(L, 1);
    }
    tifai_buf_addc(b, '\n');
  }
  return finish(L, 2, b);
}

/* }------ */

/* {------ csv ------ */

/* Append a field, quoted when it holds the separator, a quote, CR or LF (RFC 4180). */
static void addfield (tifai_buf *b, const char *s, size_t len, const char *sep, size_t seplen) {
  size_t i;
  int quote = strpbrk(s, "\"\r\n") != NULL || strlen(s) != len;
  for (i = 0; !quote && i + seplen <= len; i++)
    if (memcmp(s + i, sep, seplen) == 0) quote = 1;
  if (!quote) { tifai_buf_add(b, s, len); return; }
  tifai_buf_addc(b, '"');
  for (i = 0; i < len; i++) {
    if (s[i] == '"') tifai_buf_addc(b, '"');
    tifai_buf_addc(b, s[i]);
  }
  tifai_buf_addc(b, '"');
}

static const char *optstring (lua_State *L, int opts, const char *k, const char *def, size_t *len) {
  const char *s;
  if (optfield(L, opts, k) == LUA_TNIL) { lua_pop(L, 1); *len = strlen(def); return def; }
  if (lua_type(L, -1) != LUA_TSTRING)
    luaL_argerror(L, 2, lua_pushfstring(L, "'%s' must be a string", k));
  s = lua_tolstring(L, -1, len);
  lua_pop(L, 1);                                         /* still in the options table */
  return s;
}

/* tifa.out.csv(rows [, opts]) */
static int out_csv (lua_State *L) {
  lua_Integer nrows = checkrows(L), ncols, r, c;
  size_t seplen, eollen;
  const char *sep = optstring(L, 2, "sep", ",", &seplen);
  const char *eol = optstring(L, 2, "eol", "\r\n", &eollen);
  int named, cols, hdr;
  tifai_buf *b;
  luaL_argcheck(L, seplen > 0 && strpbrk(sep, "\"\r\n") == NULL && strlen(sep) == seplen, 2,
                "'sep' must be a non-empty string without quotes or line ends");
  luaL_argcheck(L, strcmp(eol, "\r\n") == 0 || strcmp(eol, "\n") == 0, 2, "'eol' must be \"\\r\\n\" or \"\\n\"");
  ncols = pushcolumns(L, 2, nrows, &named);
  cols = lua_gettop(L);
  hdr = pushheader(L, 2, cols, named) ? lua_gettop(L) : 0;
  b = tifai_lua_newbox(L);
  if (optbool(L, 2, "bom")) tifai_buf_adds(b, "\xEF\xBB\xBF");   /* for Excel */
  for (r = hdr ? 0 : 1; r <= nrows; r++) {
    if (r > 0 && lua_geti(L, 1, r) != LUA_TTABLE)
      return luaL_argerror(L, 1, lua_pushfstring(L, "row %I is a %s, not a table", r, luaL_typename(L, -1)));
    for (c = 1; c <= ncols; c++) {
      size_t len;
      const char *s;
      if (r == 0) lua_geti(L, hdr, c);
      else getcell(L, cols, c);
      s = celltext(L, -1, 1, r, cols, c, &len);
      if (c > 1) tifai_buf_add(b, sep, seplen);
      if (ncols == 1 && len == 0) tifai_buf_adds(b, "\"\"");   /* else a blank line */
      else addfield(b, s, len, sep, seplen);
      lua_pop(L, 2);
    }
    tifai_buf_add(b, eol, eollen);
    if (r > 0) lua_pop(L, 1);
  }
  return finish(L, 2, b);
}

/* }------ */

/* }====== */

/* {====== JSON ====== */

typedef struct Enc {
  lua_State *L;
  tifai_buf *b;
  int indent;                       /* spaces per level; 0: compact */
  int ascii;                        /* escape everything above U+007F */
  int nannull;                      /* NaN and infinities as null (else raise) */
  int seen;                         /* stack index of the set of tables being encoded */
  char path[256];                   /* where we are, for messages: value[3].title */
  size_t pathlen;
} Enc;

static int encerror (Enc *e, const char *what) {
  lua_State *L = e->L;
  return luaL_argerror(L, 1, lua_pushfstring(L, "%s at %s", what, e->path));
}

/* Append ".key" or "[i]" to the path (cut when too long: the message keeps its start);
** returns the old length for pathpop. */
static size_t pathset (Enc *e, int n) {
  size_t old = e->pathlen, room = sizeof(e->path) - old;
  e->pathlen = (n < 0 || (size_t)n >= room) ? sizeof(e->path) - 1 : old + (size_t)n;
  return old;
}

static size_t pathkey (Enc *e, const char *k) {
  return pathset(e, snprintf(e->path + e->pathlen, sizeof(e->path) - e->pathlen, ".%s", k));
}

static size_t pathindex (Enc *e, lua_Integer i) {
  return pathset(e, snprintf(e->path + e->pathlen, sizeof(e->path) - e->pathlen, "[%lld]", (long long)i));
}

static void pathpop (Enc *e, size_t old) {
  e->pathlen = old;
  e->path[old] = '\0';
}

/* A JSON string: valid UTF-8 only; '"', '\\' and control characters escaped, and U+2028,
** U+2029 (which end lines in JavaScript); everything above U+007F with 'ascii'. */
static void addstring (Enc *e, const char *s, size_t len) {
  static const char hex[] = "0123456789abcdef";
  tifai_buf *b = e->b;
  size_t i = 0, bad;
  if (!tifa_utf8_valid(s, len, &bad))
    luaL_argerror(e->L, 1, lua_pushfstring(e->L, "invalid UTF-8 at byte %I of %s", (lua_Integer)bad + 1, e->path));
  tifai_buf_addc(b, '"');
  while (i < len) {
    unsigned char c = (unsigned char)s[i];
    int32_t cp;
    int n;
    if (c >= 0x20 && c != '"' && c != '\\' && c < 0x80) { tifai_buf_addc(b, c); i++; continue; }
    if (c < 0x80) {
      const char *esc = c == '"' ? "\\\"" : c == '\\' ? "\\\\" : c == '\n' ? "\\n" : c == '\r' ? "\\r"
                      : c == '\t' ? "\\t" : c == '\b' ? "\\b" : c == '\f' ? "\\f" : NULL;
      if (esc) tifai_buf_adds(b, esc);
      else { char u[8] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15], 0}; tifai_buf_adds(b, u); }
      i++;
      continue;
    }
    n = tifa_utf8_decode(s + i, len - i, &cp);         /* valid: checked above */
    if (e->ascii || cp == 0x2028 || cp == 0x2029) {
      int32_t units[2];
      int k, nu = 0;
      if (cp >= 0x10000) {
        units[nu++] = 0xD800 + ((cp - 0x10000) >> 10);
        units[nu++] = 0xDC00 + ((cp - 0x10000) & 0x3FF);
      }
      else units[nu++] = cp;
      for (k = 0; k < nu; k++) {
        char u[8] = {'\\', 'u', hex[(units[k] >> 12) & 15], hex[(units[k] >> 8) & 15],
                     hex[(units[k] >> 4) & 15], hex[units[k] & 15], 0};
        tifai_buf_adds(b, u);
      }
    }
    else tifai_buf_add(b, s + i, (size_t)n);
    i += (size_t)n;
  }
  tifai_buf_addc(b, '"');
}

static void newline (Enc *e, int depth) {
  int k;
  if (e->indent == 0) return;
  tifai_buf_addc(e->b, '\n');
  for (k = 0; k < depth * e->indent; k++) tifai_buf_addc(e->b, ' ');
}

static void encode (Enc *e, int idx, int depth);

/* The table at 'idx' as a list if its keys are 1..n with few holes (holes are null), else
** as an object with its keys sorted by bytes (integer keys become strings). An empty
** table is []. */
static void enctable (Enc *e, int idx, int depth) {
  lua_State *L = e->L;
  lua_Integer n = 0, max = 0, i;
  int list = 1, keys, map;
  if (depth >= MAXDEPTH) encerror(e, "nesting deeper than 1000 levels");
  luaL_checkstack(L, 8, "nesting too deep");
  lua_pushvalue(L, idx);
  if (lua_rawget(L, e->seen) != LUA_TNIL) encerror(e, "a table that contains itself");
  lua_pop(L, 1);
  lua_pushvalue(L, idx);
  lua_pushboolean(L, 1);
  lua_rawset(L, e->seen);
  lua_pushnil(L);
  while (lua_next(L, idx)) {
    lua_pop(L, 1);
    n++;
    if (lua_isinteger(L, -1) && lua_tointeger(L, -1) >= 1) {
      if (lua_tointeger(L, -1) > max) max = lua_tointeger(L, -1);
    }
    else list = 0;
  }
  if (list && max > 2 * n + 10) list = 0;                /* too sparse for a list */
  if (list) {
    tifai_buf_addc(e->b, '[');
    for (i = 1; i <= max; i++) {
      size_t old = pathindex(e, i);
      if (i > 1) tifai_buf_addc(e->b, ',');
      newline(e, depth + 1);
      lua_rawgeti(L, idx, i);
      encode(e, lua_gettop(L), depth + 1);
      lua_pop(L, 1);
      pathpop(e, old);
    }
    if (max > 0) newline(e, depth);
    tifai_buf_addc(e->b, ']');
    lua_pushvalue(L, idx);
    lua_pushnil(L);
    lua_rawset(L, e->seen);
    return;
  }
  lua_createtable(L, (int)(n < 1 << 20 ? n : 0), 0);    /* the keys as strings */
  keys = lua_gettop(L);
  lua_createtable(L, 0, (int)(n < 1 << 20 ? n : 0));    /* key string -> value */
  map = lua_gettop(L);
  i = 0;
  lua_pushnil(L);
  while (lua_next(L, idx)) {
    switch (lua_type(L, -2)) {
      case LUA_TSTRING: lua_pushvalue(L, -2); break;
      case LUA_TNUMBER:
        if (lua_isinteger(L, -2)) lua_pushfstring(L, "%I", lua_tointeger(L, -2));
        else {
          char buf[64];
          double x = (double)lua_tonumber(L, -2);
          if (isnan(x) || isinf(x)) encerror(e, "a key that is not a finite number");
          fmtfloat(buf, sizeof(buf), x);
          lua_pushstring(L, buf);
        }
        break;
      default:
        encerror(e, lua_pushfstring(L, "a key of type %s", luaL_typename(L, -2)));
    }
    lua_pushvalue(L, -1);
    if (lua_rawget(L, map) != LUA_TNIL)
      encerror(e, lua_pushfstring(L, "duplicate key '%s'", lua_tostring(L, -2)));
    lua_pop(L, 1);
    lua_pushvalue(L, -1);
    lua_rawseti(L, keys, ++i);
    lua_rotate(L, -2, 1);                                /* key, keystring, value */
    lua_rawset(L, map);
  }
  sortkeys(L, keys, n);
  tifai_buf_addc(e->b, '{');
  for (i = 1; i <= n; i++) {
    size_t len, old;
    const char *k;
    lua_rawgeti(L, keys, i);
    k = lua_tolstring(L, -1, &len);
    old = pathkey(e, k);
    if (i > 1) tifai_buf_addc(e->b, ',');
    newline(e, depth + 1);
    addstring(e, k, len);
    tifai_buf_adds(e->b, e->indent ? ": " : ":");
    lua_rawget(L, map);
    encode(e, lua_gettop(L), depth + 1);
    lua_pop(L, 1);
    pathpop(e, old);
  }
  if (n > 0) newline(e, depth);
  tifai_buf_addc(e->b, '}');
  lua_pop(L, 2);
  lua_pushvalue(L, idx);
  lua_pushnil(L);
  lua_rawset(L, e->seen);
}

static void encode (Enc *e, int idx, int depth) {
  lua_State *L = e->L;
  switch (lua_type(L, idx)) {
    case LUA_TNIL: tifai_buf_adds(e->b, "null"); break;
    case LUA_TBOOLEAN: tifai_buf_adds(e->b, lua_toboolean(L, idx) ? "true" : "false"); break;
    case LUA_TNUMBER: {
      char buf[64];
      if (lua_isinteger(L, idx)) snprintf(buf, sizeof(buf), LUA_INTEGER_FMT, (LUAI_UACINT)lua_tointeger(L, idx));
      else {
        double x = (double)lua_tonumber(L, idx);
        if (isnan(x) || isinf(x)) {
          if (!e->nannull) encerror(e, isnan(x) ? "NaN cannot be encoded" : "an infinity cannot be encoded");
          strcpy(buf, "null");
        }
        else fmtfloat(buf, sizeof(buf), x);
      }
      tifai_buf_adds(e->b, buf);
      break;
    }
    case LUA_TSTRING: {
      size_t len;
      const char *s = lua_tolstring(L, idx, &len);
      addstring(e, s, len);
      break;
    }
    case LUA_TTABLE: enctable(e, idx, depth); break;
    case LUA_TLIGHTUSERDATA:
      if (lua_touserdata(L, idx) == JSONNULL) { tifai_buf_adds(e->b, "null"); break; }
      /* FALLTHROUGH */
    default:
      encerror(e, lua_pushfstring(L, "cannot encode a %s", luaL_typename(L, idx)));
  }
}

/* tifa.out.json(value [, opts]) */
static int out_json (lua_State *L) {
  Enc e;
  int t;
  luaL_checkany(L, 1);
  if (!lua_isnoneornil(L, 2)) luaL_checktype(L, 2, LUA_TTABLE);
  lua_settop(L, 2);
  memset(&e, 0, sizeof(e));
  e.L = L;
  t = optfield(L, 2, "indent");
  if (t == LUA_TBOOLEAN) e.indent = lua_toboolean(L, -1) ? 2 : 0;
  else if (t != LUA_TNIL) {
    lua_Integer n = luaL_checkinteger(L, -1);
    luaL_argcheck(L, n >= 0 && n <= 16, 2, "'indent' must be from 0 to 16");
    e.indent = (int)n;
  }
  lua_pop(L, 1);
  e.ascii = optbool(L, 2, "ascii");
  if (optfield(L, 2, "nan") != LUA_TNIL) {
    const char *mode = lua_tostring(L, -1);
    if (mode == NULL || (strcmp(mode, "error") != 0 && strcmp(mode, "null") != 0))
      return luaL_argerror(L, 2, lua_pushfstring(L, "invalid option '%s' for 'nan'", luaL_tolstring(L, -1, NULL)));
    e.nannull = strcmp(mode, "null") == 0;
  }
  lua_pop(L, 1);
  e.b = tifai_lua_newbox(L);
  lua_newtable(L);
  e.seen = lua_gettop(L);
  strcpy(e.path, "value");
  e.pathlen = 5;
  if (optbool(L, 2, "lines")) {                          /* JSON Lines: one element a line */
    lua_Integer i, n;
    luaL_argexpected(L, lua_istable(L, 1), 1, "table (a list) with 'lines'");
    e.indent = 0;
    n = luaL_len(L, 1);
    for (i = 1; i <= n; i++) {
      size_t old = pathindex(&e, i);
      lua_geti(L, 1, i);
      encode(&e, lua_gettop(L), 0);
      lua_pop(L, 1);
      pathpop(&e, old);
      tifai_buf_addc(e.b, '\n');
    }
  }
  else {
    encode(&e, 1, 0);
    if (optfield(L, 2, "file") != LUA_TBOOLEAN || lua_toboolean(L, -1)) tifai_buf_addc(e.b, '\n');
    lua_pop(L, 1);
  }
  return finish(L, 2, e.b);
}

/* }====== */

static const luaL_Reg out_funcs[] = {
  {"table", out_table}, {"csv", out_csv}, {"json", out_json}, {"null", NULL}, {NULL, NULL}
};

/* Push the table tifa.out. [-0, +1, m] */
int tifai_luaopen_out (lua_State *L) {
  luaL_newlib(L, out_funcs);
  lua_pushlightuserdata(L, JSONNULL);
  lua_setfield(L, -2, "null");
  return 1;
}
