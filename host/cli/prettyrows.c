/*
** prettyrows.c -- the prompt's printer, its aligned tables: a list of articles, hits or rows
** as a table (db:sql's rows in the statement's column order), the columns cut to the width
** (display width), the snippet last, a cut snippet keeping its «match» in sight, at most
** MAXROWS rows then "… N more"; and a concordance (db:kwic) with its matches centred in one
** column. Rows are read raw (no __index). The rest of the printer is in pretty.c.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "lua.h"
#include "lauxlib.h"
#include "cli.h"
#include "buf.h"
#include "ltext.h"
#include "pretty.h"

#define MAXCOLS    8                /* columns of a table of rows */
#define MAXKEYS    64               /* distinct keys looked at to choose a table's columns */
#define MINCOL     4                /* a column is cut narrower only when all are this narrow */
#define MINSNIP    24               /* a snippet is cut narrower only when the others are at MINCOL */

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

/* {====== Kinds of rows ====== */

/* A hit of db:search: a table with an article and a snippet. */
static int ishit (lua_State *L, int idx) {
  int r;
  if (lua_type(L, idx) != LUA_TTABLE) return 0;
  idx = lua_absindex(L, idx);
  lua_getfield(L, idx, "snippet");
  lua_getfield(L, idx, "article");
  r = lua_type(L, -2) == LUA_TSTRING && pretty_isarticle(L, lua_gettop(L));
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

/* The kind of the rows 1..n of the list at 'idx' when all the first MAXROWS are of one
** kind (an article: 1, a hit: 2, a row: 0), else -1. */
int pretty_rowkind (lua_State *L, int idx, lua_Integer n) {
  int kind = -1;
  lua_Integer r;
  for (r = 1; r <= n && r <= MAXROWS; r++) {
    int k;
    lua_rawgeti(L, idx, r);
    k = pretty_isarticle(L, -1) ? 1 : ishit(L, -1) ? 2 : isrow(L, -1) ? 0 : -1;
    lua_pop(L, 1);
    if (r == 1) kind = k;
    else if (k != kind) return -1;
  }
  return kind;
}

/* If the table at 'idx' is db:sql's rows (a metatable whose __index holds 'columns', a
** list of strings), push that list and return 1; else push nothing and return 0. Raw
** reads only. */
int pretty_sqlcolumns (lua_State *L, int idx) {
  int top = lua_gettop(L);
  idx = lua_absindex(L, idx);
  if (lua_type(L, idx) == LUA_TTABLE && lua_getmetatable(L, idx)) {
    lua_pushliteral(L, "__index");
    if (lua_rawget(L, -2) == LUA_TTABLE) {
      lua_pushliteral(L, "columns");
      if (lua_rawget(L, -2) == LUA_TTABLE) {
        lua_replace(L, top + 1);
        lua_settop(L, top + 1);
        return 1;
      }
    }
  }
  lua_settop(L, top);
  return 0;
}

/* }====== */

/* {====== Tables of rows ====== */

typedef struct column {
  const char *name;
  int width;                        /* display columns */
  int right;                        /* numbers align right */
} column;

static int cmpcol (const void *a, const void *b) {
  const column *x = (const column *)a, *y = (const column *)b;
  int rx = pretty_rank(x->name), ry = pretty_rank(y->name);
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
  else if (pretty_isarticle(L, -1)) {                      /* an article in a row: #id title */
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
    pretty_addvalue(L, b, lua_absindex(L, -2), 1, 0);
    lua_pushlstring(L, b->p ? b->p : "", b->len);
    lua_remove(L, -2);                              /* the box */
    lua_remove(L, -2);                              /* the value */
  }
  else if (strchr(lua_tostring(L, -1), '\n')) {    /* one line per cell */
    luaL_gsub(L, lua_tostring(L, -1), "\n", " ");
    lua_remove(L, -2);
  }
}

/* Spaces for an indent. */
void pretty_indent (int n) {
  if (n > 0) printf("%*s", n, "");
}

/* Add column 'name' to cols[0..*ncols) unless there or full ('*more' then set). */
static void addcol (column *cols, int *ncols, int max, const char *name, int *more) {
  int i;
  for (i = 0; i < *ncols; i++) if (strcmp(cols[i].name, name) == 0) return;
  if (*ncols < max) { cols[*ncols].name = name; cols[*ncols].width = 0; cols[(*ncols)++].right = 1; }
  else *more = 1;
}

/* Print rows 1..n of the list at 'idx' (articles: kind 1, hits: 2, plain rows: 0) as an
** aligned table at 'indent', in 'width' columns. The columns of plain rows are 'names' (a
** list on the stack, db:sql's rows.columns: the statement's order) if 'names' is not 0,
** else the union of the rows' keys in the order of rank. At most MAXCOLS columns, the
** first ones kept; columns are cut to fit the width, the snippet last, and columns that
** still do not fit are left out, "…" in the header telling so. */
void pretty_rows (lua_State *L, int idx, lua_Integer n, int width, int kind, int indent, int names) {
  static const char *const artcols[] = {"id", "date", "outlet", "title", NULL};
  static const char *const hitcols[] = {"id", "date", "outlet", "title", "snippet", NULL};
  column cols[MAXKEYS];
  int ncols = 0, i, total, more = 0;
  lua_Integer r, shown = n > MAXROWS ? MAXROWS : n;
  width -= indent;
  if (kind != 0) {
    const char *const *cn = kind == 1 ? artcols : hitcols;
    for (i = 0; cn[i]; i++) addcol(cols, &ncols, MAXCOLS, cn[i], &more);
  }
  else if (names) {                                 /* the statement's order */
    lua_Integer nn = (lua_Integer)lua_rawlen(L, names);
    for (r = 1; r <= nn; r++) {
      lua_rawgeti(L, names, r);                     /* anchored by the list */
      if (lua_type(L, -1) == LUA_TSTRING) addcol(cols, &ncols, MAXCOLS, lua_tostring(L, -1), &more);
      lua_pop(L, 1);
    }
  }
  else {                                            /* the union of the rows' keys */
    for (r = 1; r <= shown; r++) {
      lua_rawgeti(L, idx, r);
      lua_pushnil(L);
      while (lua_next(L, -2)) {
        lua_pop(L, 1);
        addcol(cols, &ncols, MAXKEYS, lua_tostring(L, -1), &more);   /* keys stay alive: the rows are anchored */
      }
      lua_pop(L, 1);
    }
    qsort(cols, (size_t)ncols, sizeof(cols[0]), cmpcol);
    if (ncols > MAXCOLS) { ncols = MAXCOLS; more = 1; }   /* the first ones by rank: id, date... */
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
  /* fit the width: cut the widest column by one until it fits, first down to MINCOL (a
  ** snippet down to MINSNIP, a date not at all), then any down to MINCOL; then leave out
  ** columns from the right */
  for (;;) {
    int widest = -1, pass;
    total = more ? 3 : 0;
    for (i = 0; i < ncols; i++) total += cols[i].width + (i ? 2 : 0);
    if (total <= width) break;
    for (pass = 0; pass < 2 && widest < 0; pass++)
      for (i = 0; i < ncols; i++) {
        int floor = pass > 0 ? MINCOL : strcmp(cols[i].name, "snippet") == 0 ? MINSNIP
                  : strcmp(cols[i].name, "date") == 0 ? 10 : MINCOL;   /* a date is whole or useless */
        if (cols[i].width > floor && (widest < 0 || cols[i].width > cols[widest].width)) widest = i;
      }
    if (widest >= 0) cols[widest].width--;
    else if (ncols > 1) { ncols--; more = 1; }
    else { cols[0].width = width - (more ? 3 : 0) > 1 ? width - (more ? 3 : 0) : 1; break; }
  }
  pretty_indent(indent);
  for (i = 0; i < ncols; i++) {                     /* the header */
    if (i) fputs("  ", stdout);
    term_cell(stdout, cols[i].name, cols[i].width, i + 1 < ncols || more, cols[i].right);
  }
  if (more) fputs("  " ELLIPSIS, stdout);
  fputc('\n', stdout);
  for (r = 1; r <= shown; r++) {
    lua_rawgeti(L, idx, r);
    pretty_indent(indent);
    for (i = 0; i < ncols; i++) {
      pushcell(L, lua_gettop(L), cols[i].name, kind == 2);
      if (i) fputs("  ", stdout);
      term_cellmark(stdout, lua_tostring(L, -1), cols[i].width, i + 1 < ncols || cols[i].right, cols[i].right);
      lua_pop(L, 1);
    }
    fputc('\n', stdout);
    lua_pop(L, 1);
  }
  if (n > shown) {
    char m[80];
    snprintf(m, sizeof(m), ELLIPSIS " %lld more (%lld in all)", (long long)(n - shown), (long long)n);
    pretty_indent(indent);
    term_cell(stdout, m, width, 0, 0);
    fputc('\n', stdout);
  }
}

/* }====== */

/* {====== Concordances ====== */

/* The display width of field 'k' of the table on top (0 if not a string). */
static int fieldwidth (lua_State *L, const char *k) {
  size_t len;
  const char *s;
  int w;
  if (lua_getfield(L, -1, k) == LUA_TSTRING) {     /* not lua_tolstring on a number */
    s = lua_tolstring(L, -1, &len);
    w = term_width(s, len);
  }
  else w = 0;
  lua_pop(L, 1);
  return w;
}

/* Print the string field 'k' of the table on top in 'cols' columns, right-aligned, cut
** at its start ("…" and the end of it) when wider: a left context. */
static void lefttail (lua_State *L, const char *k, int cols) {
  size_t len, i = 0;
  const char *s;
  int w;
  lua_getfield(L, -1, k);
  s = lua_type(L, -1) == LUA_TSTRING ? lua_tolstring(L, -1, &len) : (len = 0, "");
  w = term_width(s, len);
  if (w > cols) {                                   /* drop characters from the start */
    while (i < len && w > cols - 1) {
      size_t j = i + 1;
      while (j < len && ((unsigned char)s[j] & 0xC0) == 0x80) j++;
      w -= term_width(s + i, j - i);
      i = j;
    }
    pretty_indent(cols - 1 - w);
    fputs(ELLIPSIS, stdout);
    term_cell(stdout, s + i, w, 0, 0);              /* line ends as spaces */
  }
  else term_cell(stdout, s, cols, 1, 1);
  lua_pop(L, 1);
}

/* Print a concordance (db:kwic, article:kwic): "id  left «match» right", the matches in
** one column; the contexts are cut so that each line fits 'width', the left one at its
** start, the right one at its end, so the match stays in the middle. At most MAXLINES. */
void pretty_kwic (lua_State *L, int idx, int width) {
  lua_Integer i, n = (lua_Integer)lua_rawlen(L, idx), shown = n > MAXLINES ? MAXLINES : n;
  int wid = 2, wl = 0, wm = 0, wr = 0, lw, rw, avail;
  if (n == 0) { puts("(no matches)"); return; }
  for (i = 1; i <= shown; i++) {
    char num[32];
    int w;
    if (lua_rawgeti(L, idx, i) == LUA_TTABLE) {
      if ((w = fieldwidth(L, "left")) > wl) wl = w;
      if ((w = fieldwidth(L, "match")) > wm) wm = w;
      if ((w = fieldwidth(L, "right")) > wr) wr = w;
      lua_getfield(L, -1, "id");
      snprintf(num, sizeof(num), "%lld", (long long)lua_tointeger(L, -1));
      if ((int)strlen(num) > wid) wid = (int)strlen(num);
      lua_pop(L, 1);
    }
    lua_pop(L, 1);
  }
  avail = width - (wid + 2) - 2 - wm - 2;           /* "id  " left " «" match "» " right */
  if (avail < 8) {                                  /* matches too wide: cut them too */
    wm = width - (wid + 2) - 4 - 8 > 1 ? width - (wid + 2) - 4 - 8 : 1;
    avail = 8;
  }
  if (wl + wr <= avail) { lw = wl; rw = avail - lw; }
  else {                                            /* half each, or what the other leaves */
    lw = avail / 2;
    if (wr < avail - lw) lw = avail - wr;
    if (lw > wl) lw = wl;
    rw = avail - lw;
  }
  for (i = 1; i <= shown; i++) {
    char num[32];
    int w;
    if (lua_rawgeti(L, idx, i) != LUA_TTABLE) { lua_pop(L, 1); continue; }
    lua_getfield(L, -1, "id");
    snprintf(num, sizeof(num), "%*lld  ", wid, (long long)lua_tointeger(L, -1));
    lua_pop(L, 1);
    fputs(num, stdout);
    lefttail(L, "left", lw);
    fputs(" " TIFA_MARK_OPEN, stdout);
    lua_getfield(L, -1, "match");
    term_cell(stdout, lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : "", wm, 0, 0);
    lua_pop(L, 1);
    w = fieldwidth(L, "match");
    fputs(TIFA_MARK_CLOSE " ", stdout);
    pretty_indent(wm - (w < wm ? w : wm));
    lua_getfield(L, -1, "right");
    term_cell(stdout, lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : "", rw, 0, 0);
    lua_pop(L, 1);
    fputc('\n', stdout);
    lua_pop(L, 1);
  }
  if (n > shown) printf(ELLIPSIS " %lld more lines\n", (long long)(n - shown));
}

/* }====== */
