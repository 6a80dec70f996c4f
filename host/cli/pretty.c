/*
** pretty.c -- the prompt's printer: values as an analyst wants to see them, every line cut
** to the terminal's width (display width: Chinese characters take two columns). An article
** is one line (id, date, outlet, title); a list of articles, hits or rows is an aligned
** table and a concordance prints its matches centred (both in prettyrows.c); a set of
** articles (db:select) prints its name and its articles; another result with __tostring
** prints that, at most MAXLINES lines; other tables print in one line if they fit, else as
** an indented tree (a line per key, children indented) with depth, item and line limits; a
** string wraps at the width; a table never prints as "table: 0x…". Tables are read raw (no
** __index, so printing never runs a query); userdata print with their __tostring.
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

#define MAXITEMS   12               /* items of a nested table shown, per level */
#define MAXDEPTH   3                /* nested tables shown inside each other */

/* {====== Kinds of values ====== */

static int hasmeta (lua_State *L, int idx, const char *tname) {
  int r;
  if (!lua_getmetatable(L, idx)) return 0;
  luaL_getmetatable(L, tname);
  r = lua_rawequal(L, -1, -2);
  lua_pop(L, 2);
  return r;
}

int pretty_isarticle (lua_State *L, int idx) {
  return lua_type(L, idx) == LUA_TTABLE && hasmeta(L, idx, "tifa.article");
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

/* {====== The order of keys ====== */

/* The preferred order of known fields; others follow by name. */
int pretty_rank (const char *k) {
  static const char *const order[] = {"id", "article", "index", "word", "term", "count", "articles", "n",
    "date", "outlet", "author", "title", "from", "to", "first", "last", "kind", "heading",
    "text", "snippet", NULL};
  int i;
  for (i = 0; order[i]; i++) if (strcmp(order[i], k) == 0) return i;
  return 100;
}

typedef struct key {
  const char *s;                    /* a string key (anchored by the table), else NULL */
  lua_Number x;                     /* a number key */
  int kind;                         /* 0 string, 1 number, 2 other (in table order) */
  lua_Integer slot;                 /* its place in the list of keys */
} key;

static int cmpkey (const void *a, const void *b) {
  const key *p = (const key *)a, *q = (const key *)b;
  if (p->kind != q->kind) return p->kind - q->kind;
  if (p->kind == 0) {
    int rp = pretty_rank(p->s), rq = pretty_rank(q->s);
    return rp != rq ? rp - rq : strcmp(p->s, q->s);
  }
  if (p->kind == 1 && p->x != q->x) return p->x < q->x ? -1 : 1;
  return p->slot < q->slot ? -1 : p->slot > q->slot;
}

/* Push the list of the keys of the table at 'idx' but 1..n, in the order they are shown:
** known fields first (rank), then strings by name, then numbers, then the rest; returns
** their number. [-0, +1, m] */
static lua_Integer pushkeys (lua_State *L, int idx, lua_Integer n) {
  lua_Integer k = 0, i;
  int t;
  idx = lua_absindex(L, idx);
  lua_newtable(L);
  t = lua_gettop(L);
  lua_pushnil(L);
  while (lua_next(L, idx)) {
    lua_pop(L, 1);
    if (lua_isinteger(L, -1) && lua_tointeger(L, -1) >= 1 && lua_tointeger(L, -1) <= n) continue;
    lua_pushvalue(L, -1);
    lua_rawseti(L, t, ++k);
  }
  if (k > 1) {
    key *v = (key *)lua_newuserdatauv(L, (size_t)k * sizeof(key), 0);   /* GC-owned */
    for (i = 0; i < k; i++) {
      int ty = lua_rawgeti(L, t, i + 1);
      v[i].kind = ty == LUA_TSTRING ? 0 : ty == LUA_TNUMBER ? 1 : 2;
      v[i].s = ty == LUA_TSTRING ? lua_tostring(L, -1) : NULL;
      v[i].x = ty == LUA_TNUMBER ? lua_tonumber(L, -1) : 0;
      v[i].slot = i + 1;
      lua_pop(L, 1);
    }
    qsort(v, (size_t)k, sizeof(key), cmpkey);
    lua_createtable(L, (int)k, 0);
    for (i = 0; i < k; i++) {
      lua_rawgeti(L, t, v[i].slot);
      lua_rawseti(L, -2, i + 1);
    }
    lua_replace(L, t);                              /* over the unsorted list */
    lua_pop(L, 1);                                  /* the array */
  }
  return k;
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

/* The name under which a function (or a value such as tifa.out.null) is known:
** "tifa.text.words", "print"; pushes it or nothing (after lauxlib's pushglobalfuncname:
** the modules of package.loaded and their tables one level down). */
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

/* A table in braces, at most MAXITEMS items and MAXDEPTH levels; lists first, in order,
** then the other keys in the order of pushkeys. */
static void addtable (lua_State *L, tifai_buf *b, int idx, int depth) {
  lua_Integer n = (lua_Integer)lua_rawlen(L, idx), i, nk, shown = 0;
  int first = 1, keys;
  if (pretty_isarticle(L, idx)) { tifai_buf_adds(b, "article "); addarticle(L, b, idx); return; }
  if (depth >= MAXDEPTH) { tifai_buf_adds(b, "{" ELLIPSIS "}"); return; }
  tifai_buf_addc(b, '{');
  for (i = 1; i <= n && shown < MAXITEMS; i++, shown++) {
    if (!first) tifai_buf_adds(b, ", ");
    first = 0;
    lua_rawgeti(L, idx, i);
    pretty_addvalue(L, b, lua_gettop(L), depth + 1, 0);
    lua_pop(L, 1);
  }
  nk = pushkeys(L, idx, n);
  keys = lua_gettop(L);
  for (i = 1; i <= nk && shown < MAXITEMS; i++, shown++) {
    size_t kl;
    const char *k;
    if (!first) tifai_buf_adds(b, ", ");
    first = 0;
    lua_rawgeti(L, keys, i);
    if (lua_type(L, -1) == LUA_TSTRING && (k = lua_tolstring(L, -1, &kl), isident(k, kl)))
      tifai_buf_add(b, k, kl);
    else {
      tifai_buf_addc(b, '[');
      pretty_addvalue(L, b, lua_gettop(L), depth + 1, 0);
      tifai_buf_addc(b, ']');
    }
    tifai_buf_adds(b, " = ");
    lua_rawget(L, idx);
    pretty_addvalue(L, b, lua_gettop(L), depth + 1, 0);
    lua_pop(L, 1);
  }
  lua_pop(L, 1);                                    /* the keys */
  if (n + nk > shown) {
    char m[48];
    snprintf(m, sizeof(m), "%s" ELLIPSIS " %lld more", first ? "" : ", ", (long long)(n + nk - shown));
    tifai_buf_adds(b, m);
  }
  tifai_buf_addc(b, '}');
}

/* Add the value at 'idx' in one line; 'top': a string at the top level prints raw. The
** stack is left as found. */
void pretty_addvalue (lua_State *L, tifai_buf *b, int idx, int depth, int top) {
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
        if (has && !pretty_isarticle(L, idx)) {
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
    case LUA_TUSERDATA: case LUA_TLIGHTUSERDATA:   /* a name, not an address */
      if (funcname(L, idx)) addtop(L, b);          /* tifa.out.null */
      else if (luaL_getmetafield(L, idx, "__tostring") != LUA_TNIL) {
        lua_pop(L, 1);
        luaL_tolstring(L, idx, NULL);
        addtop(L, b);
      }
      else {
        int ty = luaL_getmetafield(L, idx, "__name");
        if (ty == LUA_TSTRING) addtop(L, b);       /* tifa.cursor */
        else {
          if (ty != LUA_TNIL) lua_pop(L, 1);
          tifai_buf_adds(b, "userdata");
        }
      }
      break;
    default:
      luaL_tolstring(L, idx, NULL);
      addtop(L, b);
      break;
  }
}

/* }====== */

/* {====== Results that print themselves ====== */

/* Print a text of several lines (a result's __tostring: a chart, a graph), at most
** MAXLINES of them, each cut to 'width' (around a marked match if it has one). */
static void printlines (const char *s, int width) {
  int lines = 0;
  while (*s && lines < MAXLINES) {
    const char *nl = strchr(s, '\n');
    size_t len = nl ? (size_t)(nl - s) : strlen(s);
    char *line = (char *)malloc(len + 1);
    if (line == NULL) return;                       /* nothing here can raise: no leak */
    memcpy(line, s, len);
    line[len] = '\0';
    term_cellmark(stdout, line, width, 0, 0);
    fputc('\n', stdout);
    free(line);
    lines++;
    if (nl == NULL) return;
    s = nl + 1;
  }
  if (*s) {
    int more = 0;
    for (; *s; s++) if (*s == '\n') more++;
    if (s[-1] != '\n') more++;
    printf(ELLIPSIS " %d more lines\n", more);
  }
}

/* }====== */

/* {====== Trees ====== */

typedef struct tree {
  int width;                        /* the columns of a line */
  int lines;                        /* lines printed so far */
} tree;

static void printtree (lua_State *L, tree *t, int idx, int indent, int depth);

/* Push the one-line form of the value at 'idx'. [-0, +1, e] */
static const char *pushoneline (lua_State *L, int idx, int depth) {
  tifai_buf *b;
  idx = lua_absindex(L, idx);                       /* before the box is pushed */
  b = tifai_lua_newbox(L);
  pretty_addvalue(L, b, idx, depth, 0);
  if (b->oom) luaL_error(L, "not enough memory");
  lua_pushlstring(L, b->p ? b->p : "", b->len);
  lua_remove(L, -2);                                /* the box */
  return lua_tostring(L, -1);
}

/* Print one line at 'indent', cut to the width. */
static void treeline (tree *t, int indent, const char *s) {
  pretty_indent(indent);
  term_cellmark(stdout, s, t->width - indent > 1 ? t->width - indent : 1, 0, 0);
  fputc('\n', stdout);
  t->lines++;
}

/* A table a tree opens: a plain table (or db:sql's rows) that is not empty. */
static int opens (lua_State *L, int idx) {
  int plain;
  if (lua_type(L, idx) != LUA_TTABLE) return 0;
  plain = !lua_getmetatable(L, idx);
  if (!plain) lua_pop(L, 1);
  if (!plain && !pretty_sqlcolumns(L, idx)) return 0;
  if (!plain) lua_pop(L, 1);
  lua_pushnil(L);
  if (!lua_next(L, idx)) return 0;
  lua_pop(L, 2);
  return 1;
}

/* Print the item 'label' with the value at 'v': "label = value" in one line if it fits,
** else "label:" and the value as a tree below it, indented. [-0, +0, e] */
static void treeitem (lua_State *L, tree *t, const char *label, int v, int indent, int depth) {
  int top = lua_gettop(L);
  const char *one = pushoneline(L, v, depth + 1);
  int lw = term_width(label, strlen(label));
  if (indent + lw + 3 + term_width(one, strlen(one)) <= t->width || depth + 1 >= MAXDEPTH || !opens(L, v))
    treeline(t, indent, lua_pushfstring(L, "%s = %s", label, one));
  else {
    treeline(t, indent, lua_pushfstring(L, "%s:", label));
    printtree(L, t, v, indent + 2, depth + 1);
  }
  lua_settop(L, top);
}

/* Whether items 1..n of the list at 'idx' are all strings, numbers or booleans. */
static int scalars (lua_State *L, int idx, lua_Integer n) {
  lua_Integer i;
  for (i = 1; i <= n; i++) {
    int ty = lua_rawgeti(L, idx, i);
    lua_pop(L, 1);
    if (ty != LUA_TSTRING && ty != LUA_TNUMBER && ty != LUA_TBOOLEAN) return 0;
  }
  return 1;
}

/* Print items 1..n of a list of scalars at 'indent', as many to a line as fit, at most
** MAXLINES / 4 lines, then "… N more". */
static void packlist (lua_State *L, tree *t, int idx, lua_Integer n, int indent) {
  int avail = t->width - indent, col = 0, lines = 0;
  lua_Integer i;
  if (avail < 8) avail = 8;
  for (i = 1; i <= n; i++) {
    size_t len;
    const char *s;
    int w;
    lua_rawgeti(L, idx, i);
    s = pushoneline(L, -1, MAXDEPTH - 1);
    len = lua_rawlen(L, -1);
    w = term_width(s, len) + (i < n ? 1 : 0);       /* and its comma */
    if (col > 0 && col + 1 + w > avail) {           /* the next line */
      fputc('\n', stdout);
      col = 0;
      if (++lines >= MAXLINES / 4 || t->lines + lines >= MAXLINES) {
        char m[48];
        snprintf(m, sizeof(m), ELLIPSIS " %lld more", (long long)(n - i + 1));
        lua_pop(L, 2);
        treeline(t, indent, m);
        t->lines += lines;
        return;
      }
    }
    if (col == 0) pretty_indent(indent);
    else { fputc(' ', stdout); col++; }
    term_cell(stdout, s, avail - col - (i < n ? 1 : 0), 0, 0);
    if (i < n) fputc(',', stdout);
    col += w;
    lua_pop(L, 2);
  }
  fputc('\n', stdout);
  t->lines += lines + 1;
}

/* Print the table at 'idx' as a tree at 'indent': a line per key, nested tables that do
** not fit a line opened below their key; a list of rows as a table after the other keys.
** At most MAXITEMS items a level and MAXLINES lines in all, then "… N more". */
static void printtree (lua_State *L, tree *t, int idx, int indent, int depth) {
  lua_Integer n = (lua_Integer)lua_rawlen(L, idx), nk, i, total, shown = 0;
  int kind, keys, names, base;
  luaL_checkstack(L, 20, "printing");
  idx = lua_absindex(L, idx);
  base = lua_gettop(L);
  kind = n > 0 ? pretty_rowkind(L, idx, n) : -1;
  names = pretty_sqlcolumns(L, idx) ? lua_gettop(L) : 0;
  nk = pushkeys(L, idx, n);
  keys = lua_gettop(L);
  total = nk + (kind < 0 ? n : 0);                  /* rows count in their own table */
  if (kind < 0 && n > 0 && scalars(L, idx, n)) {    /* a list of words, numbers: packed */
    packlist(L, t, idx, n, indent);
    total -= n;
  }
  else if (kind < 0)
    for (i = 1; i <= n && shown < MAXITEMS && t->lines < MAXLINES; i++, shown++) {
      char label[32];
      snprintf(label, sizeof(label), "[%lld]", (long long)i);
      lua_rawgeti(L, idx, i);
      treeitem(L, t, label, lua_gettop(L), indent, depth);
      lua_settop(L, keys);
    }
  for (i = 1; i <= nk && shown < MAXITEMS && t->lines < MAXLINES; i++, shown++) {
    size_t kl;
    const char *k, *label;
    lua_rawgeti(L, keys, i);                        /* the key */
    if (lua_type(L, -1) == LUA_TSTRING && (k = lua_tolstring(L, -1, &kl), isident(k, kl)))
      label = k;
    else label = lua_pushfstring(L, "[%s]", pushoneline(L, keys + 1, MAXDEPTH - 1));
    lua_pushvalue(L, keys + 1);
    lua_rawget(L, idx);                             /* the value */
    treeitem(L, t, label, lua_gettop(L), indent, depth);
    lua_settop(L, keys);
  }
  if (kind >= 0 && t->lines < MAXLINES) {           /* the rows, as a table */
    pretty_rows(L, idx, n, t->width, kind, indent, names);
    t->lines += (int)(n > MAXROWS ? MAXROWS + 2 : n + 1);
  }
  if (total > shown) {
    char m[48];
    snprintf(m, sizeof(m), ELLIPSIS " %lld more", (long long)(total - shown));
    treeline(t, indent, m);
  }
  lua_settop(L, base);
}

/* }====== */

/* Print the value at 'idx' for the prompt, in 'width' columns (0: term_columns). [-0, +0, e] */
void cli_pretty (lua_State *L, int idx, int width) {
  lua_Integer n;
  int top = lua_gettop(L), names;
  idx = lua_absindex(L, idx);
  width = term_columns(width);
  luaL_checkstack(L, 40, "printing");
  if (lua_type(L, idx) == LUA_TSTRING) {            /* a string wraps: nothing of it is lost */
    size_t len;
    const char *s = lua_tolstring(L, idx, &len);
    term_wrap(stdout, s, len, width);
    fputc('\n', stdout);
    return;
  }
  if (lua_type(L, idx) == LUA_TTABLE && lua_getmetatable(L, idx)) {
    int set, has;
    luaL_getmetatable(L, "tifa.set");
    set = lua_rawequal(L, -1, -2);
    has = lua_getfield(L, -2, "__tostring") != LUA_TNIL;
    lua_pop(L, 3);
    if (set) {                                      /* a set: its name, then its articles */
      term_cell(stdout, luaL_tolstring(L, idx, NULL), width, 0, 0);
      fputc('\n', stdout);
      if ((n = listlen(L, idx)) > 0) pretty_rows(L, idx, n, width, 1, 0, 0);
      lua_settop(L, top);
      return;
    }
    if (hasmeta(L, idx, "tifa.kwic")) {             /* a concordance, cut around its matches */
      pretty_kwic(L, idx, width);
      return;
    }
    if (has && !pretty_isarticle(L, idx)) {                /* a result that prints itself */
      printlines(luaL_tolstring(L, idx, NULL), width);
      lua_settop(L, top);
      return;
    }
  }
  names = pretty_sqlcolumns(L, idx) ? lua_gettop(L) : 0;
  if (lua_type(L, idx) == LUA_TTABLE && !pretty_isarticle(L, idx)) {   /* read raw, whatever its class */
    int kind;
    tree t;
    n = listlen(L, idx);
    if (n == 0 && names) {                          /* no rows: the columns */
      pretty_rows(L, idx, 0, width, 0, 0, names);
      lua_settop(L, top);
      return;
    }
    if (n > 0 && (kind = pretty_rowkind(L, idx, n)) >= 0) {
      pretty_rows(L, idx, n, width, kind, 0, names);
      lua_settop(L, top);
      return;
    }
    pushoneline(L, idx, 0);
    if (term_width(lua_tostring(L, -1), lua_rawlen(L, -1)) > width) {
      t.width = width;
      t.lines = 0;
      printtree(L, &t, idx, 0, 0);
      lua_settop(L, top);
      return;
    }
    lua_pop(L, 1);
  }
  {                                                 /* one line */
    tifai_buf *b = tifai_lua_newbox(L);
    if (pretty_isarticle(L, idx)) addarticle(L, b, idx);
    else pretty_addvalue(L, b, idx, 0, 1);
    if (b->oom) luaL_error(L, "not enough memory");
    lua_pushlstring(L, b->p ? b->p : "", b->len);
    term_cellmark(stdout, lua_tostring(L, -1), width, 0, 0);
    fputc('\n', stdout);
  }
  lua_settop(L, top);
}

/* Print 'row' (values separated by tabs, which the terminal takes to the next multiple of
** 8) in 'width' columns, cut with "…" if wider. */
static void printrow (const char *row, size_t len, int width) {
  size_t i = 0;
  int col = 0;
  while (i < len) {
    size_t j = i, k;
    int w;
    if (row[i] == '\t') {                           /* to the next tab stop */
      if ((col / 8 + 1) * 8 > width - 1) break;
      fputc('\t', stdout);
      col = (col / 8 + 1) * 8;
      i++;
      continue;
    }
    while (j < len && row[j] != '\t') j++;          /* the next value */
    w = term_width(row + i, j - i);
    if (col + w <= (j < len ? width - 1 : width)) { /* whole, leaving room for a cut later */
      fwrite(row + i, 1, j - i, stdout);
      col += w;
      i = j;
      continue;
    }
    for (k = i; k < j; ) {                          /* as much of it as fits, then "…" */
      size_t n = 1;
      int cw;
      while (k + n < j && ((unsigned char)row[k + n] & 0xC0) == 0x80) n++;
      if (col + (cw = term_width(row + k, n)) > width - 1) break;
      fwrite(row + k, 1, n, stdout);
      col += cw;
      k += n;
    }
    break;
  }
  if (i < len) fputs(ELLIPSIS, stdout);
  fputc('\n', stdout);
}

/* Print the values at first..first+n-1 for the prompt in 'width' columns (0: term_columns).
** One value goes through cli_pretty; several print as lua.c prints them, on one line
** separated by tabs, each in its one-line form (strings as they are, functions and userdata
** by name: "tifa.out.null", never an address), the line cut to the width, except that a
** table goes through cli_pretty on lines of its own. [-0, +0, e] */
void cli_prettyvalues (lua_State *L, int first, int n, int width) {
  int i, top = lua_gettop(L), inrow = 0;
  tifai_buf *b;
  first = lua_absindex(L, first);
  width = term_columns(width);
  if (n == 1) { cli_pretty(L, first, width); return; }
  b = tifai_lua_newbox(L);
  for (i = first; i < first + n; i++) {
    if (lua_type(L, i) == LUA_TTABLE) {
      if (inrow) { printrow(b->p ? b->p : "", b->len, width); tifai_buf_reset(b); inrow = 0; }
      cli_pretty(L, i, width);
      continue;
    }
    if (inrow) tifai_buf_addc(b, '\t');
    pretty_addvalue(L, b, i, 0, 1);
    if (b->oom) luaL_error(L, "not enough memory");
    inrow = 1;
  }
  if (inrow) printrow(b->p ? b->p : "", b->len, width);
  lua_settop(L, top);
}
