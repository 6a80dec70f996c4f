/*
** pretty.c -- the prompt's printer: values as an analyst wants to see them. An article is
** one line (id, date, outlet, title); a list of articles, hits or rows is a table aligned by
** display width (Chinese characters take two columns), cut to the terminal's width and to
** a row limit with "… N more"; a set of articles (db:select) prints its name and its
** articles; a result with __tostring (a concordance) prints that, at most MAXLINES lines;
** other tables print with depth and item limits; a table never prints as "table: 0x…". Tables are read raw (no __index, so printing never runs a
** query); userdata print with their __tostring.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "lua.h"
#include "lauxlib.h"
#include "cli.h"
#include "buf.h"
#include "ltext.h"

#define MAXROWS    20               /* rows of a table shown */
#define MAXLINES   40               /* lines of a result that prints itself */
#define MAXITEMS   12               /* items of a nested table shown, per level */
#define MAXDEPTH   3                /* nested tables shown inside each other */
#define MAXCOLS    8                /* columns of a table of rows */
#define MINCOL     4                /* a column is never cut narrower */
#define ELLIPSIS   "\xE2\x80\xA6"

/* A decimal as a table cell: four places with trailing zeros dropped (0.5, 12.3457, 3.0),
** or six significant digits for very large and very small magnitudes (1.26e+14), NaN and
** infinities as C prints them. lua_pushfstring has no precision ('%.4f' raises), so the
** cell is formatted here. Returns 'buf'. */
static const char *fmtdecimal (char *buf, size_t sz, double x) {
  double a = x < 0 ? -x : x;
  if (x != x || a >= 1e9 || (a != 0 && a < 1e-4))
    snprintf(buf, sz, "%.6g", x);
  else {
    char *e;
    snprintf(buf, sz, "%.4f", x);
    e = buf + strlen(buf) - 1;
    while (*e == '0' && e[-1] != '.') *e-- = '\0';
  }
  return buf;
}

/* {====== Kinds of values ====== */

static int hasmeta (lua_State *L, int idx, const char *tname) {
  int r;
  if (!lua_getmetatable(L, idx)) return 0;
  luaL_getmetatable(L, tname);
  r = lua_rawequal(L, -1, -2);
  lua_pop(L, 2);
  return r;
}

static int isarticle (lua_State *L, int idx) {
  return lua_type(L, idx) == LUA_TTABLE && hasmeta(L, idx, "tifa.article");
}

/* A hit of db:search: a table with an article and a snippet. */
static int ishit (lua_State *L, int idx) {
  int r;
  if (lua_type(L, idx) != LUA_TTABLE) return 0;
  idx = lua_absindex(L, idx);
  lua_getfield(L, idx, "snippet");
  lua_getfield(L, idx, "article");
  r = lua_type(L, -2) == LUA_TSTRING && isarticle(L, lua_gettop(L));
  lua_pop(L, 2);
  return r;
}

/* A row: a plain table with string keys only (db:sql, db:words, a paragraph, the rows of
** the analytics, whose fields may be articles and small tables). */
static int isrow (lua_State *L, int idx) {
  int n = 0;
  if (lua_type(L, idx) != LUA_TTABLE) return 0;
  if (lua_getmetatable(L, idx)) { lua_pop(L, 1); return 0; }
  idx = lua_absindex(L, idx);
  lua_pushnil(L);
  while (lua_next(L, idx)) {
    int t = lua_type(L, -1);
    lua_pop(L, 1);
    if (lua_type(L, -1) != LUA_TSTRING || t == LUA_TFUNCTION) {
      lua_pop(L, 1);
      return 0;
    }
    n++;
  }
  return n > 0;
}

/* The length of a proper list (keys 1..n only), or -1. */
static lua_Integer listlen (lua_State *L, int idx) {
  lua_Integer n = (lua_Integer)lua_rawlen(L, idx), k = 0;
  idx = lua_absindex(L, idx);
  lua_pushnil(L);
  while (lua_next(L, idx)) {
    lua_pop(L, 1);
    if (!lua_isinteger(L, -1) || lua_tointeger(L, -1) < 1 || lua_tointeger(L, -1) > n) {
      lua_pop(L, 1);
      return -1;
    }
    k++;
  }
  return k == n ? n : -1;
}

/* }====== */

/* {====== One-line form ======
** Built in a C buffer (a box the collector frees if a __tostring raises), never a
** luaL_Buffer: the walk pushes values between additions. */

/* Add the string on top of the stack to 'b' and pop it. */
static void addtop (lua_State *L, tifai_buf *b) {
  size_t len;
  const char *s = lua_tolstring(L, -1, &len);
  tifai_buf_add(b, s, len);
  lua_pop(L, 1);
}

static int isident (const char *s, size_t len) {
  size_t i;
  static const char *const reserved[] = {"and", "break", "do", "else", "elseif", "end", "false",
    "for", "function", "goto", "if", "in", "local", "nil", "not", "or", "repeat", "return",
    "then", "true", "until", "while", NULL};
  if (len == 0 || !(s[0] == '_' || ((s[0] | 32) >= 'a' && (s[0] | 32) <= 'z'))) return 0;
  for (i = 1; i < len; i++)
    if (!(s[i] == '_' || ((s[i] | 32) >= 'a' && (s[i] | 32) <= 'z') || (s[i] >= '0' && s[i] <= '9')))
      return 0;
  for (i = 0; reserved[i]; i++) if (strlen(reserved[i]) == len && memcmp(reserved[i], s, len) == 0) return 0;
  return 1;
}

/* A string quoted as Lua reads it back, UTF-8 kept as is. */
static void addquoted (tifai_buf *b, const char *s, size_t len) {
  size_t i;
  tifai_buf_addc(b, '"');
  for (i = 0; i < len; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c == '"' || c == '\\') { tifai_buf_addc(b, '\\'); tifai_buf_addc(b, (char)c); }
    else if (c == '\n') tifai_buf_adds(b, "\\n");
    else if (c < 0x20 || c == 0x7F) {
      char e[8];
      snprintf(e, sizeof(e), "\\%d", c);
      tifai_buf_adds(b, e);
    }
    else tifai_buf_addc(b, (char)c);
  }
  tifai_buf_addc(b, '"');
}

/* The name under which a function is known: "tifa.text.words", "print"; pushes it or
** nothing (after lauxlib's pushglobalfuncname: the modules of package.loaded and their
** tables one level down). */
static int funcname (lua_State *L, int idx) {
  int top = lua_gettop(L);
  idx = lua_absindex(L, idx);
  if (lua_getfield(L, LUA_REGISTRYINDEX, LUA_LOADED_TABLE) != LUA_TTABLE) { lua_settop(L, top); return 0; }
  lua_pushnil(L);
  while (lua_next(L, top + 1)) {                    /* module name, module */
    if (lua_type(L, -2) == LUA_TSTRING && lua_type(L, -1) == LUA_TTABLE) {
      int mod = lua_gettop(L);
      lua_pushnil(L);
      while (lua_next(L, mod)) {
        if (lua_type(L, -2) == LUA_TSTRING && lua_rawequal(L, -1, idx)
            && strcmp(lua_tostring(L, -2), "_") != 0) {   /* not the last result */
          const char *m = lua_tostring(L, -4), *k = lua_tostring(L, -2);
          const char *name = strcmp(m, LUA_GNAME) == 0 ? lua_pushstring(L, k)
                                                       : lua_pushfstring(L, "%s.%s", m, k);
          lua_replace(L, top + 1);
          lua_settop(L, top + 1);
          (void)name;
          return 1;
        }
        if (lua_type(L, -2) == LUA_TSTRING && lua_type(L, -1) == LUA_TTABLE
            && strcmp(lua_tostring(L, mod - 1), LUA_GNAME) != 0) {   /* tifa.text, tifa.out */
          int sub = lua_gettop(L);
          lua_pushnil(L);
          while (lua_next(L, sub)) {
            if (lua_type(L, -2) == LUA_TSTRING && lua_rawequal(L, -1, idx)) {
              lua_pushfstring(L, "%s.%s.%s", lua_tostring(L, mod - 1), lua_tostring(L, sub - 1),
                              lua_tostring(L, -2));
              lua_replace(L, top + 1);
              lua_settop(L, top + 1);
              return 1;
            }
            lua_pop(L, 1);
          }
        }
        lua_pop(L, 1);
      }
    }
    lua_pop(L, 1);
  }
  lua_settop(L, top);
  return 0;
}

static void addvalue (lua_State *L, tifai_buf *b, int idx, int depth, int top);

/* An article in one line: #id date outlet title. */
static void addarticle (lua_State *L, tifai_buf *b, int idx) {
  static const char *const f[] = {"id", "date", "outlet", "title"};
  int i;
  for (i = 0; i < 4; i++) {
    lua_getfield(L, idx, f[i]);                     /* raw fields: no __index for these */
    if (i > 0) tifai_buf_addc(b, ' ');
    if (i == 0) tifai_buf_addc(b, '#');
    if (lua_isnil(L, -1)) { lua_pop(L, 1); tifai_buf_addc(b, '-'); continue; }
    addtop(L, b);
  }
}

/* A table in braces, at most MAXITEMS items and MAXDEPTH levels; lists first, in order. */
static void addtable (lua_State *L, tifai_buf *b, int idx, int depth) {
  lua_Integer n = (lua_Integer)lua_rawlen(L, idx), i, shown = 0, total = 0;
  int first = 1;
  if (isarticle(L, idx)) { tifai_buf_adds(b, "article "); addarticle(L, b, idx); return; }
  if (depth >= MAXDEPTH) { tifai_buf_adds(b, "{" ELLIPSIS "}"); return; }
  tifai_buf_addc(b, '{');
  for (i = 1; i <= n; i++) {
    total++;
    if (shown >= MAXITEMS) continue;
    if (!first) tifai_buf_adds(b, ", ");
    first = 0;
    lua_rawgeti(L, idx, i);
    addvalue(L, b, lua_gettop(L), depth + 1, 0);
    lua_pop(L, 1);
    shown++;
  }
  lua_pushnil(L);
  while (lua_next(L, idx)) {
    if (lua_isinteger(L, -2) && lua_tointeger(L, -2) >= 1 && lua_tointeger(L, -2) <= n) {
      lua_pop(L, 1);
      continue;
    }
    total++;
    if (shown < MAXITEMS) {
      size_t kl;
      const char *k;
      if (!first) tifai_buf_adds(b, ", ");
      first = 0;
      if (lua_type(L, -2) == LUA_TSTRING && (k = lua_tolstring(L, -2, &kl), isident(k, kl)))
        tifai_buf_add(b, k, kl);
      else {
        tifai_buf_addc(b, '[');
        addvalue(L, b, lua_gettop(L) - 1, depth + 1, 0);
        tifai_buf_addc(b, ']');
      }
      tifai_buf_adds(b, " = ");
      addvalue(L, b, lua_gettop(L), depth + 1, 0);
      shown++;
    }
    lua_pop(L, 1);
  }
  if (total > shown) {
    char m[48];
    snprintf(m, sizeof(m), "%s" ELLIPSIS " %lld more", first ? "" : ", ", (long long)(total - shown));
    tifai_buf_adds(b, m);
  }
  tifai_buf_addc(b, '}');
}

/* Add the value at 'idx' in one line; 'top': a string at the top level prints raw. The
** stack is left as found. */
static void addvalue (lua_State *L, tifai_buf *b, int idx, int depth, int top) {
  switch (lua_type(L, idx)) {
    case LUA_TSTRING: {
      size_t len;
      const char *s = lua_tolstring(L, idx, &len);
      if (top) tifai_buf_add(b, s, len);
      else addquoted(b, s, len);
      break;
    }
    case LUA_TTABLE:
      if (lua_getmetatable(L, idx)) {               /* a class with __tostring: its word */
        int has = lua_getfield(L, -1, "__tostring") != LUA_TNIL;
        lua_pop(L, 2);
        if (has && !isarticle(L, idx)) {
          luaL_tolstring(L, idx, NULL);
          addtop(L, b);
          break;
        }
      }
      addtable(L, b, idx, depth);
      break;
    case LUA_TFUNCTION:
      if (funcname(L, idx)) {
        lua_pushfstring(L, "function: %s", lua_tostring(L, -1));
        lua_remove(L, -2);
        addtop(L, b);
      }
      else {
        lua_Debug ar;
        lua_pushvalue(L, idx);
        lua_getinfo(L, ">S", &ar);
        if (ar.currentline >= 0 || ar.linedefined > 0)
          lua_pushfstring(L, "function: %s:%d", ar.short_src, ar.linedefined);
        else lua_pushliteral(L, "function: builtin");
        addtop(L, b);
      }
      break;
    default:
      luaL_tolstring(L, idx, NULL);
      addtop(L, b);
      break;
  }
}

/* }====== */

/* {====== Tables of rows ====== */

typedef struct column {
  const char *name;
  int width;                        /* display columns */
  int right;                        /* numbers align right */
} column;

/* The preferred order of known fields; others follow by name. */
static int rank (const char *k) {
  static const char *const order[] = {"id", "article", "index", "word", "term", "count", "articles", "n",
    "date", "outlet", "author", "title", "from", "to", "first", "last", "kind", "heading",
    "text", "snippet", NULL};
  int i;
  for (i = 0; order[i]; i++) if (strcmp(order[i], k) == 0) return i;
  return 100;
}

static int cmpcol (const void *a, const void *b) {
  const column *x = (const column *)a, *y = (const column *)b;
  int rx = rank(x->name), ry = rank(y->name);
  return rx != ry ? rx - ry : strcmp(x->name, y->name);
}

/* The text of a cell: the row's field 'name' (rows of hits: the article's fields). */
static void pushcell (lua_State *L, int row, const char *name, int hits) {
  if (hits && strcmp(name, "snippet") != 0 && strcmp(name, "score") != 0) {
    lua_getfield(L, row, "article");
    lua_getfield(L, -1, name);
    lua_remove(L, -2);
  }
  else lua_getfield(L, row, name);
  if (lua_isnil(L, -1)) { lua_pop(L, 1); lua_pushliteral(L, ""); }
  else if (isarticle(L, -1)) {                      /* an article in a row: #id title */
    lua_Integer id;
    const char *title;
    lua_getfield(L, -1, "id");
    id = lua_tointeger(L, -1);
    lua_pop(L, 1);
    lua_getfield(L, -1, "title");
    title = lua_tostring(L, -1);
    lua_pushfstring(L, "#%I %s", (LUAI_UACINT)id, title ? title : "");
    lua_replace(L, -3);                             /* over the article */
    lua_pop(L, 1);                                  /* the title */
  }
  else if (lua_type(L, -1) == LUA_TNUMBER && !lua_isinteger(L, -1)) {
    char num[64];
    lua_pushstring(L, fmtdecimal(num, sizeof num, lua_tonumber(L, -1)));
    lua_remove(L, -2);
  }
  else if (lua_type(L, -1) != LUA_TSTRING) {
    tifai_buf *b = tifai_lua_newbox(L);
    addvalue(L, b, lua_absindex(L, -2), 1, 0);
    lua_pushlstring(L, b->p ? b->p : "", b->len);
    lua_remove(L, -2);                              /* the box */
    lua_remove(L, -2);                              /* the value */
  }
  else if (strchr(lua_tostring(L, -1), '\n')) {    /* one line per cell */
    luaL_gsub(L, lua_tostring(L, -1), "\n", " ");
    lua_remove(L, -2);
  }
}

/* Print a list of n rows (articles, hits or plain rows) as an aligned table. */
static void printrows (lua_State *L, int idx, lua_Integer n, int width, int kind) {
  static const char *const artcols[] = {"id", "date", "outlet", "title", NULL};
  static const char *const hitcols[] = {"id", "date", "outlet", "title", "snippet", NULL};
  column cols[MAXCOLS];
  int ncols = 0, i, total, more = 0;
  lua_Integer r, shown = n > MAXROWS ? MAXROWS : n;
  if (kind != 0) {
    const char *const *names = kind == 1 ? artcols : hitcols;
    for (i = 0; names[i]; i++) { cols[ncols].name = names[i]; cols[ncols].width = 0; cols[ncols++].right = 0; }
  }
  else {                                            /* the union of the rows' keys */
    for (r = 1; r <= shown; r++) {
      lua_rawgeti(L, idx, r);
      lua_pushnil(L);
      while (lua_next(L, -2)) {
        const char *k = lua_tostring(L, -2);
        int found = 0;
        for (i = 0; i < ncols; i++) if (strcmp(cols[i].name, k) == 0) found = 1;
        if (!found) {
          if (ncols < MAXCOLS) { cols[ncols].name = k; cols[ncols].width = 0; cols[ncols++].right = 1; }
          else more = 1;
        }
        lua_pop(L, 1);
      }
      lua_pop(L, 1);                                /* keys stay alive: the rows are anchored */
    }
    qsort(cols, (size_t)ncols, sizeof(cols[0]), cmpcol);
  }
  for (i = 0; i < ncols; i++) cols[i].width = term_width(cols[i].name, strlen(cols[i].name));
  for (r = 1; r <= shown; r++) {                    /* natural widths, numbers right */
    lua_rawgeti(L, idx, r);
    for (i = 0; i < ncols; i++) {
      size_t len;
      const char *s;
      int w;
      pushcell(L, lua_gettop(L), cols[i].name, kind == 2);
      s = lua_tolstring(L, -1, &len);
      w = term_width(s, len);
      if (w > cols[i].width) cols[i].width = w;
      lua_rawgeti(L, idx, r);
      lua_getfield(L, -1, cols[i].name);
      if (lua_type(L, -1) != LUA_TNUMBER && lua_type(L, -1) != LUA_TNIL) cols[i].right = 0;
      if (kind) cols[i].right = strcmp(cols[i].name, "id") == 0;
      lua_pop(L, 3);
    }
    lua_pop(L, 1);
  }
  /* fit the width: cut the widest column by one until it fits or all are at the minimum */
  for (;;) {
    int widest = -1;
    total = 0;
    for (i = 0; i < ncols; i++) total += cols[i].width + (i ? 2 : 0);
    if (total <= width) break;
    for (i = 0; i < ncols; i++)
      if (cols[i].width > MINCOL && (widest < 0 || cols[i].width > cols[widest].width)) widest = i;
    if (widest < 0) break;
    cols[widest].width--;
  }
  for (i = 0; i < ncols; i++) {                     /* the header */
    if (i) fputs("  ", stdout);
    term_cell(stdout, cols[i].name, cols[i].width, i + 1 < ncols, cols[i].right);
  }
  if (more) fputs("  " ELLIPSIS, stdout);
  fputc('\n', stdout);
  for (r = 1; r <= shown; r++) {
    lua_rawgeti(L, idx, r);
    for (i = 0; i < ncols; i++) {
      pushcell(L, lua_gettop(L), cols[i].name, kind == 2);
      if (i) fputs("  ", stdout);
      term_cell(stdout, lua_tostring(L, -1), cols[i].width, i + 1 < ncols, cols[i].right);
      lua_pop(L, 1);
    }
    fputc('\n', stdout);
    lua_pop(L, 1);
  }
  if (n > shown) printf(ELLIPSIS " %lld more (%lld in all)\n", (long long)(n - shown), (long long)n);
}

/* }====== */

/* Print a text of several lines (a result's __tostring: a concordance, a chart), at most
** MAXLINES of them. */
static void printlines (const char *s) {
  int lines = 0;
  const char *nl;
  while (*s && lines < MAXLINES) {
    nl = strchr(s, '\n');
    if (nl == NULL) { puts(s); return; }
    fwrite(s, 1, (size_t)(nl - s) + 1, stdout);
    s = nl + 1;
    lines++;
  }
  if (*s) {
    int more = 0;
    for (; *s; s++) if (*s == '\n') more++;
    if (s[-1] != '\n') more++;
    printf(ELLIPSIS " %d more lines\n", more);
  }
}

/* Print the value at 'idx' for the prompt, in 'width' columns (0: 80). [-0, +0, e] */
void cli_pretty (lua_State *L, int idx, int width) {
  lua_Integer n;
  int top = lua_gettop(L);
  idx = lua_absindex(L, idx);
  if (width <= 0) width = 80;
  luaL_checkstack(L, 40, "printing");
  if (lua_type(L, idx) == LUA_TTABLE && lua_getmetatable(L, idx)) {
    int set, has;
    luaL_getmetatable(L, "tifa.set");
    set = lua_rawequal(L, -1, -2);
    has = lua_getfield(L, -2, "__tostring") != LUA_TNIL;
    lua_pop(L, 3);
    if (set) {                                      /* a set: its name, then its articles */
      puts(luaL_tolstring(L, idx, NULL));
      if ((n = listlen(L, idx)) > 0) printrows(L, idx, n, width, 1);
      lua_settop(L, top);
      return;
    }
    if (has && !isarticle(L, idx)) {                /* a result that prints itself */
      printlines(luaL_tolstring(L, idx, NULL));
      lua_settop(L, top);
      return;
    }
  }
  if (lua_type(L, idx) == LUA_TTABLE && !lua_getmetatable(L, idx) && (n = listlen(L, idx)) > 0) {
    int kind = -1;
    lua_Integer r;
    lua_rawgeti(L, idx, 1);
    if (isarticle(L, -1)) kind = 1;
    else if (ishit(L, -1)) kind = 2;
    else if (isrow(L, -1)) kind = 0;
    lua_pop(L, 1);
    for (r = 2; kind >= 0 && r <= n && r <= MAXROWS; r++) {   /* all of one kind */
      int k;
      lua_rawgeti(L, idx, r);
      k = isarticle(L, -1) ? 1 : ishit(L, -1) ? 2 : isrow(L, -1) ? 0 : -1;
      lua_pop(L, 1);
      if (k != kind) kind = -1;
    }
    if (kind >= 0) {
      printrows(L, idx, n, width, kind);
      lua_settop(L, top);
      return;
    }
  }
  {
    tifai_buf *b = tifai_lua_newbox(L);
    const char *s;
    size_t len;
    if (isarticle(L, idx)) addarticle(L, b, idx);
    else addvalue(L, b, idx, 0, 1);
    if (b->oom) luaL_error(L, "not enough memory");
    s = b->p ? b->p : "";
    len = b->len;
    if (lua_type(L, idx) == LUA_TSTRING || term_width(s, len) <= width * 4) fwrite(s, 1, len, stdout);
    else term_cell(stdout, s, width * 4, 0, 0);     /* at most four lines of one value */
    fputc('\n', stdout);
  }
  lua_settop(L, top);
}
