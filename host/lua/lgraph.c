/*
** lgraph.c -- tifa.graph: graphs as Graphviz dot and SVG (tifa_cite.h, graph.c;
** docs/analytics-cite.md). A graph is a plain table:
**   {nodes = {{id =, label =, kind =}, ...}, edges = {{from =, to =, weight =, label =}, ...},
**    directed = true}
**   tifa.graph.dot(graph [, opts]) -> string
**   tifa.graph.svg(graph [, opts]) -> svg | true (opts.file) | fail, msg
*/
#define LUA_LIB
#include <string.h>
#include "lua.h"
#include "lauxlib.h"
#include "lualib.h"
#include "tifa.h"
#include "tifa_cite.h"
#include "lanalytics.h"
#include "ltext.h"

/* A label or kind: a string, or a number made one (anchored in the table at 'anchor'); NULL
** for nil. Raises for other types. [-1, +0, e] */
static const char *tostr (lua_State *L, int anchor, const char *fname, const char *what,
                          lua_Integer i) {
  const char *s = NULL;
  int t = lua_type(L, -1);
  if (t == LUA_TNIL) { lua_pop(L, 1); return NULL; }
  if (t != LUA_TSTRING && t != LUA_TNUMBER)
    luaL_error(L, "bad argument #1 to '%s' ('%s' of item %I must be a string, got %s)", fname,
               what, (LUAI_UACINT)i, luaL_typename(L, -1));
  s = lua_tostring(L, -1);
  lua_rawseti(L, anchor, (lua_Integer)lua_rawlen(L, anchor) + 1);   /* keeps 's' alive */
  return s;
}

/* The index of the node with id at the top (popped), adding a node labelled by it when
** there is none. [-1, +0, e] */
static size_t nodeof (lua_State *L, int index, int anchor, tifa_graph_node **nodes,
                      size_t *n, size_t *cap, int *box) {
  size_t i;
  if (lua_isnil(L, -1)) luaL_error(L, "bad argument #1 to 'graph' (an edge lacks 'from' or 'to')");
  lua_pushvalue(L, -1);
  if (lua_rawget(L, index) != LUA_TNIL) {
    i = (size_t)lua_tointeger(L, -1);
    lua_pop(L, 2);
    return i;
  }
  lua_pop(L, 1);
  if (*n == *cap) {                                      /* grow the node array (GC-owned) */
    size_t nc = *cap * 2 + 8;
    tifa_graph_node *nn = (tifa_graph_node *)lua_newuserdatauv(L, nc * sizeof(*nn), 0);
    if (*n) memcpy(nn, *nodes, *n * sizeof(*nn));
    lua_replace(L, *box);
    *nodes = nn; *cap = nc;
  }
  lua_pushvalue(L, -1);
  lua_pushinteger(L, (lua_Integer)*n);
  lua_rawset(L, index);
  (*nodes)[*n].kind = NULL;
  (*nodes)[*n].label = luaL_tolstring(L, -1, NULL);      /* the id as its label */
  lua_rawseti(L, anchor, (lua_Integer)lua_rawlen(L, anchor) + 1);
  lua_pop(L, 1);
  return (*n)++;
}

/* Read the graph at argument 1 and the options at 2 into 'g' (arrays owned by userdata on
** the stack), then push its dot text. [-0, +k, e] */
static void pushdot (lua_State *L, const char *fname) {
  tifa_graph g;
  tifa_graph_node *nodes = NULL;
  tifa_graph_edge *edges = NULL;
  size_t nn = 0, cap = 0, ne, i, len;
  int index, anchor, nodebox, top;
  tifai_buf *box;
  char *dot;
  luaL_checktype(L, 1, LUA_TTABLE);
  if (!lua_isnoneornil(L, 2)) luaL_checktype(L, 2, LUA_TTABLE);
  lua_settop(L, 2);
  lua_newtable(L); index = lua_gettop(L);                /* 3: node id -> index */
  lua_newtable(L); anchor = lua_gettop(L);               /* 4: strings kept alive */
  lua_pushnil(L); nodebox = lua_gettop(L);               /* 5: the node array */
  memset(&g, 0, sizeof(g));
  if (lua_getfield(L, 1, "nodes") == LUA_TTABLE) {
    size_t n = (size_t)luaL_len(L, -1);
    for (i = 1; i <= n; i++) {
      size_t k;
      top = lua_gettop(L);
      if (lua_rawgeti(L, top, (lua_Integer)i) != LUA_TTABLE)
        luaL_error(L, "bad argument #1 to '%s' (node %I must be a table, got %s)", fname,
                   (LUAI_UACINT)i, luaL_typename(L, -1));
      lua_getfield(L, -1, "id");
      if (lua_isnil(L, -1)) { lua_pop(L, 1); lua_pushinteger(L, (lua_Integer)i); }
      lua_pushvalue(L, -1);
      if (lua_rawget(L, index) != LUA_TNIL)
        luaL_error(L, "bad argument #1 to '%s' (node %I: duplicate id '%s')", fname,
                   (LUAI_UACINT)i, luaL_tolstring(L, -2, NULL));
      lua_pop(L, 1);
      k = nodeof(L, index, anchor, &nodes, &nn, &cap, &nodebox);   /* pops the id */
      lua_getfield(L, -1, "label");
      if (!lua_isnil(L, -1)) nodes[k].label = tostr(L, anchor, fname, "label", (lua_Integer)i);
      else lua_pop(L, 1);
      lua_getfield(L, -1, "kind");
      nodes[k].kind = tostr(L, anchor, fname, "kind", (lua_Integer)i);
      lua_settop(L, top);
    }
  }
  else if (!lua_isnil(L, -1))
    luaL_error(L, "bad argument #1 to '%s' ('nodes' must be a table, got %s)", fname,
               luaL_typename(L, -1));
  lua_pop(L, 1);
  lua_getfield(L, 1, "edges");
  top = lua_gettop(L);                                   /* 6: edges */
  if (!lua_isnil(L, top) && !lua_istable(L, top))
    luaL_error(L, "bad argument #1 to '%s' ('edges' must be a table, got %s)", fname,
               luaL_typename(L, top));
  ne = lua_istable(L, top) ? (size_t)luaL_len(L, top) : 0;
  edges = (tifa_graph_edge *)lua_newuserdatauv(L, ne * sizeof(*edges) + 1, 0);   /* 7 */
  for (i = 1; i <= ne; i++) {
    int isnum;
    if (lua_rawgeti(L, top, (lua_Integer)i) != LUA_TTABLE)
      luaL_error(L, "bad argument #1 to '%s' (edge %I must be a table, got %s)", fname,
                 (LUAI_UACINT)i, luaL_typename(L, -1));
    lua_getfield(L, -1, "from");
    edges[i - 1].from = nodeof(L, index, anchor, &nodes, &nn, &cap, &nodebox);
    lua_getfield(L, -1, "to");
    edges[i - 1].to = nodeof(L, index, anchor, &nodes, &nn, &cap, &nodebox);
    lua_getfield(L, -1, "weight");
    edges[i - 1].weight = lua_isnil(L, -1) ? 1 : (double)lua_tonumberx(L, -1, &isnum);
    if (!lua_isnil(L, -1) && (!isnum || edges[i - 1].weight < 0))
      luaL_error(L, "bad argument #1 to '%s' (edge %I: 'weight' must be a non-negative number)",
                 fname, (LUAI_UACINT)i);
    lua_pop(L, 1);
    lua_getfield(L, -1, "label");
    edges[i - 1].label = tostr(L, anchor, fname, "label", (lua_Integer)i);
    lua_pop(L, 1);
  }
  g.nodes = nodes; g.nnodes = nn;
  g.edges = edges; g.nedges = ne;
  lua_getfield(L, 1, "directed");
  g.directed = lua_isnil(L, -1) || lua_toboolean(L, -1);
  lua_pop(L, 1);
  if (lua_istable(L, 2)) {
    if (lua_getfield(L, 2, "rankdir") == LUA_TSTRING) g.rankdir = lua_tostring(L, -1);
    lua_rawseti(L, anchor, (lua_Integer)lua_rawlen(L, anchor) + 1);
    if (lua_getfield(L, 2, "name") == LUA_TSTRING) g.name = lua_tostring(L, -1);
    lua_rawseti(L, anchor, (lua_Integer)lua_rawlen(L, anchor) + 1);
  }
  box = tifai_lua_newbox(L);                             /* frees the text if pushing raises */
  dot = tifa_graph_dot(&g, &len);
  if (dot == NULL) luaL_error(L, "not enough memory");
  box->p = dot; box->len = len; box->cap = len + 1;
  lua_pushlstring(L, dot, len);
}

/* tifa.graph.dot(graph [, opts]) */
static int graph_dot (lua_State *L) {
  pushdot(L, "dot");
  return 1;
}

/* tifa.graph.svg(graph [, {file=, layout=, rankdir=, name=}]) */
static int graph_svg (lua_State *L) {
  const char *layout = "dot", *dot;
  char err[TIFA_ERRMAX], *svg = NULL;
  size_t len, svglen;
  tifai_buf *box;
  int rc, hasfile = 0;
  lua_settop(L, 2);
  if (lua_istable(L, 2)) {
    if (lua_getfield(L, 2, "layout") == LUA_TSTRING) layout = lua_tostring(L, -1);
    else if (!lua_isnil(L, -1))
      luaL_argerror(L, 2, lua_pushfstring(L, "'layout' must be a string, got %s", luaL_typename(L, -1)));
    lua_pop(L, 1);
    hasfile = lua_getfield(L, 2, "file") != LUA_TNIL;
    if (hasfile && !lua_isstring(L, -1))
      luaL_argerror(L, 2, lua_pushfstring(L, "'file' must be a path, got %s", luaL_typename(L, -1)));
    lua_pop(L, 1);
  }
  lua_pushstring(L, layout);                             /* kept past pushdot's settop */
  lua_insert(L, 1);
  lua_pushcfunction(L, graph_dot);                       /* dot of (graph, opts) */
  lua_pushvalue(L, 2);
  lua_pushvalue(L, 3);
  lua_call(L, 2, 1);
  dot = lua_tolstring(L, -1, &len);
  layout = lua_tostring(L, 1);
  rc = tifa_graph_svg(dot, len, layout, &svg, &svglen, err, sizeof(err));
  if (rc == TIFA_NOMEM) return luaL_error(L, "not enough memory");
  if (rc != TIFA_OK) {
    luaL_pushfail(L);
    lua_pushstring(L, err);
    return 2;
  }
  box = tifai_lua_newbox(L);
  box->p = svg; box->len = svglen; box->cap = svglen + 1;
  if (!hasfile) {
    lua_pushlstring(L, svg, svglen);
    return 1;
  }
  lua_getfield(L, 3, "file");
  return tifai_lua_writefile(L, lua_tostring(L, -1), svg, svglen);   /* the state's io.open */
}

static const luaL_Reg graph_funcs[] = {
  {"dot", graph_dot},
  {"svg", graph_svg},
  {NULL, NULL}
};

int tifai_luaopen_graph (lua_State *L) {
  luaL_newlib(L, graph_funcs);
  return 1;
}
