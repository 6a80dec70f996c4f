/*
** lchart.c -- tifa.chart: pictures of numbers, for the terminal and as SVG
**   tifa.chart.bars(labels, values [, {width=}]) -> string   (horizontal bars, █▏ blocks)
**   tifa.chart.sparkline(values) -> string                   (▁▂▃▄▅▆▇█)
**   tifa.chart.svg(spec) -> svg | true (spec.file written) | fail, msg
** Labels are aligned by display width (CJK characters take two columns).
*/
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "lua.h"
#include "lauxlib.h"
#include "lanalytics.h"
#include "ltext.h"
#include "tifa_text.h"

static const char *const blocks[] = {"", "\xE2\x96\x8F", "\xE2\x96\x8E", "\xE2\x96\x8D",
  "\xE2\x96\x8C", "\xE2\x96\x8B", "\xE2\x96\x8A", "\xE2\x96\x89"};   /* 1/8 .. 7/8 */
#define FULLBLOCK  "\xE2\x96\x88"

/* The number at index i of the list at 'arg'; raises on a non-number. */
static double numat (lua_State *L, int arg, lua_Integer i) {
  double v;
  int ok;
  lua_geti(L, arg, i);
  v = (double)lua_tonumberx(L, -1, &ok);
  if (!ok) luaL_argerror(L, arg, lua_pushfstring(L, "number expected at index %d, got %s", (int)i,
                                                 luaL_typename(L, -1)));
  lua_pop(L, 1);
  return v;
}

/* bars(labels, values [, {width=}]) */
static int chart_bars (lua_State *L) {
  lua_Integer n, i;
  double max = 0;
  size_t lw = 0, width = 40;
  luaL_Buffer b;
  luaL_checktype(L, 1, LUA_TTABLE);
  luaL_checktype(L, 2, LUA_TTABLE);
  if (!lua_isnoneornil(L, 3)) {
    luaL_checktype(L, 3, LUA_TTABLE);
    if (lua_getfield(L, 3, "width") != LUA_TNIL) {
      lua_Integer w = luaL_checkinteger(L, -1);
      luaL_argcheck(L, w > 0 && w <= 1000, 3, "'width' out of range");
      width = (size_t)w;
    }
    lua_pop(L, 1);
  }
  n = luaL_len(L, 2);
  for (i = 1; i <= n; i++) {
    double v = numat(L, 2, i);
    size_t len;
    const char *s;
    if (v > max) max = v;
    lua_geti(L, 1, i);
    s = luaL_tolstring(L, -1, &len);
    if (tifa_text_width(s, len) > lw) lw = tifa_text_width(s, len);
    lua_pop(L, 2);
  }
  luaL_buffinit(L, &b);
  for (i = 1; i <= n; i++) {
    double v = numat(L, 2, i);
    size_t len, k, eighths;
    const char *s;
    char num[64];
    lua_geti(L, 1, i);
    s = luaL_tolstring(L, -1, &len);
    lua_remove(L, -2);
    if (i > 1) luaL_addchar(&b, '\n');
    luaL_addvalue(&b);                            /* the label, then its padding */
    for (k = tifa_text_width(s, len); k < lw; k++) luaL_addchar(&b, ' ');
    luaL_addstring(&b, "  ");
    eighths = (max > 0 && v > 0) ? (size_t)llround(v / max * (double)width * 8.0) : 0;
    for (k = 0; k < eighths / 8; k++) luaL_addstring(&b, FULLBLOCK);
    luaL_addstring(&b, blocks[eighths % 8]);
    if (v == floor(v) && fabs(v) < 1e15) snprintf(num, sizeof(num), " %.0f", v);
    else snprintf(num, sizeof(num), " %.4g", v);
    luaL_addstring(&b, num);
  }
  luaL_pushresult(&b);
  return 1;
}

/* sparkline(values) */
static int chart_sparkline (lua_State *L) {
  static const char *const ticks[] = {"\xE2\x96\x81", "\xE2\x96\x82", "\xE2\x96\x83",
    "\xE2\x96\x84", "\xE2\x96\x85", "\xE2\x96\x86", "\xE2\x96\x87", "\xE2\x96\x88"};
  lua_Integer n, i;
  double lo = HUGE_VAL, hi = -HUGE_VAL;
  luaL_Buffer b;
  luaL_checktype(L, 1, LUA_TTABLE);
  n = luaL_len(L, 1);
  for (i = 1; i <= n; i++) {
    double v = numat(L, 1, i);
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (lo > 0) lo = 0;                             /* counts: the floor is zero */
  luaL_buffinit(L, &b);
  for (i = 1; i <= n; i++) {
    double v = numat(L, 1, i);
    int k = hi > lo ? (int)floor((v - lo) / (hi - lo) * 7.0 + 0.5) : 0;
    luaL_addstring(&b, ticks[k < 0 ? 0 : k > 7 ? 7 : k]);
  }
  luaL_pushresult(&b);
  return 1;
}

/* {====== SVG ====== */

#define FONT "'Noto Sans CJK SC', 'Source Han Sans SC', 'Source Han Sans', sans-serif"

static void addesc (tifai_buf *b, const char *s, size_t len) {   /* XML text */
  size_t i;
  for (i = 0; i < len; i++)
    switch (s[i]) {
      case '<': tifai_buf_adds(b, "&lt;"); break;
      case '>': tifai_buf_adds(b, "&gt;"); break;
      case '&': tifai_buf_adds(b, "&amp;"); break;
      case '"': tifai_buf_adds(b, "&quot;"); break;
      case '\'': tifai_buf_adds(b, "&apos;"); break;
      default:
        if ((unsigned char)s[i] >= 0x20 || s[i] == '\t' || s[i] == '\n') tifai_buf_addc(b, s[i]);
    }
}

static void addf (tifai_buf *b, const char *fmt, double x) {
  char t[64];
  snprintf(t, sizeof(t), fmt, x);
  tifai_buf_adds(b, t);
}

/* A text element at (x, y); 'anchor' start, middle or end. The string is on the stack top
** (popped). */
static void addtext (tifai_buf *b, lua_State *L, double x, double y, const char *anchor,
                     int size, const char *s, size_t len) {
  tifai_buf_adds(b, "<text x=\"");
  addf(b, "%.1f", x);
  tifai_buf_adds(b, "\" y=\"");
  addf(b, "%.1f", y);
  tifai_buf_adds(b, "\" text-anchor=\"");
  tifai_buf_adds(b, anchor);
  tifai_buf_adds(b, "\" font-size=\"");
  addf(b, "%.0f", size);
  tifai_buf_adds(b, "\">");
  addesc(b, s, len);
  tifai_buf_adds(b, "</text>\n");
  (void)L;
}

/* svg(spec): spec.kind = "timeline" (default) | "dispersion"
**   timeline:   labels = {...}, values = {...}, style = "bars" | "line", title =
**   dispersion: rows = {{label=, positions = {0..1, ...}}, ...}, title =
** Builds the SVG in a string buffer (collector-owned), then writes spec.file if given. */
static int chart_svg (lua_State *L) {
  static const char *const kinds[] = {"timeline", "dispersion", NULL};
  static const char *const styles[] = {"bars", "line", NULL};
  int kind, style;
  double W = 800, H = 360, left = 60, right = 20, top = 40, bottom = 70;
  tifai_buf *b;
  const char *title = NULL, *file = NULL;
  size_t tlen = 0;
  luaL_checktype(L, 1, LUA_TTABLE);
  lua_settop(L, 1);
  lua_getfield(L, 1, "kind");
  kind = luaL_checkoption(L, -1, "timeline", kinds);
  lua_getfield(L, 1, "style");
  style = luaL_checkoption(L, -1, "bars", styles);
  lua_getfield(L, 1, "title");
  if (!lua_isnil(L, -1)) title = luaL_checklstring(L, -1, &tlen);
  lua_getfield(L, 1, "file");
  if (!lua_isnil(L, -1)) file = luaL_checkstring(L, -1);
  lua_getfield(L, 1, "width");
  if (!lua_isnil(L, -1)) W = (double)luaL_checknumber(L, -1);
  lua_getfield(L, 1, "height");
  if (!lua_isnil(L, -1)) H = (double)luaL_checknumber(L, -1);
  lua_settop(L, 5);                               /* 1 spec, .., 4 title, 5 file */
  if (kind == 1) {                                /* height from the rows */
    lua_Integer nr;
    lua_getfield(L, 1, "rows");
    luaL_argexpected(L, lua_istable(L, -1), 1, "table in field 'rows'");
    nr = luaL_len(L, -1);
    lua_pop(L, 1);
    left = 160;
    H = top + 30 + (double)nr * 24 + 20;
  }
  b = tifai_lua_newbox(L);                        /* above what the chart reads */
  tifai_buf_adds(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"");
  addf(b, "%.0f", W);
  tifai_buf_adds(b, "\" height=\"");
  addf(b, "%.0f", H);
  tifai_buf_adds(b, "\" viewBox=\"0 0 ");
  addf(b, "%.0f", W);
  tifai_buf_addc(b, ' ');
  addf(b, "%.0f", H);
  tifai_buf_adds(b, "\" font-family=\"" FONT "\">\n<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
  if (title) addtext(b, L, W / 2, 24, "middle", 16, title, tlen);
  if (kind == 0) {
    lua_Integer n, i;
    double max = 0, pw, ph = H - top - bottom, step;
    lua_getfield(L, 1, "values");
    luaL_argexpected(L, lua_istable(L, -1), 1, "table in field 'values'");
    lua_getfield(L, 1, "labels");
    luaL_argexpected(L, lua_istable(L, -1), 1, "table in field 'labels'");
    /* stack: 1 spec, 4 title, 5 file, 6 box, 7 values, 8 labels */
    n = luaL_len(L, 7);
    for (i = 1; i <= n; i++) { double v = numat(L, 7, i); if (v > max) max = v; }
    pw = W - left - right;
    step = n > 0 ? pw / (double)n : pw;
    tifai_buf_adds(b, "<line x1=\"");
    addf(b, "%.1f", left); tifai_buf_adds(b, "\" y1=\""); addf(b, "%.1f", top + ph);
    tifai_buf_adds(b, "\" x2=\""); addf(b, "%.1f", left + pw); tifai_buf_adds(b, "\" y2=\"");
    addf(b, "%.1f", top + ph); tifai_buf_adds(b, "\" stroke=\"#333\"/>\n");
    {
      char t[64];
      snprintf(t, sizeof(t), "%.0f", max);
      addtext(b, L, left - 6, top + 4, "end", 11, t, strlen(t));
      addtext(b, L, left - 6, top + ph + 4, "end", 11, "0", 1);
    }
    if (style == 1) tifai_buf_adds(b, "<polyline fill=\"none\" stroke=\"#c0392b\" stroke-width=\"2\" points=\"");
    for (i = 1; i <= n; i++) {
      double v = numat(L, 7, i), h = max > 0 ? v / max * ph : 0, x = left + step * (double)(i - 1);
      if (style == 1) {
        addf(b, "%.1f,", x + step / 2);
        addf(b, "%.1f ", top + ph - h);
      }
      else {
        tifai_buf_adds(b, "<rect x=\""); addf(b, "%.1f", x + step * 0.1);
        tifai_buf_adds(b, "\" y=\""); addf(b, "%.1f", top + ph - h);
        tifai_buf_adds(b, "\" width=\""); addf(b, "%.1f", step * 0.8);
        tifai_buf_adds(b, "\" height=\""); addf(b, "%.1f", h);
        tifai_buf_adds(b, "\" fill=\"#c0392b\"><title>");
        addf(b, "%g", v);
        tifai_buf_adds(b, "</title></rect>\n");
      }
    }
    if (style == 1) tifai_buf_adds(b, "\"/>\n");
    {
      lua_Integer every = n > 24 ? (n + 23) / 24 : 1;   /* at most ~24 labels */
      for (i = 1; i <= n; i += every) {
        size_t len;
        const char *s;
        double x = left + step * ((double)i - 0.5);
        lua_geti(L, 8, i);
        s = lua_tolstring(L, -1, &len);
        if (s) {
          tifai_buf_adds(b, "<text transform=\"translate(");
          addf(b, "%.1f,", x); addf(b, "%.1f) rotate(-45)", top + ph + 14);
          tifai_buf_adds(b, "\" text-anchor=\"end\" font-size=\"11\">");
          addesc(b, s, len);
          tifai_buf_adds(b, "</text>\n");
        }
        lua_pop(L, 1);
      }
    }
  }
  else {
    lua_Integer nr, i, j;
    double pw = W - left - right;
    lua_getfield(L, 1, "rows");                   /* 6 */
    nr = luaL_len(L, 7);
    for (i = 1; i <= nr; i++) {
      double y = top + 30 + (double)(i - 1) * 24;
      size_t len;
      const char *s;
      lua_geti(L, 7, i);                          /* row */
      luaL_argexpected(L, lua_istable(L, -1), 1, "table of rows in field 'rows'");
      lua_getfield(L, -1, "label");
      s = lua_tolstring(L, -1, &len);
      if (s) addtext(b, L, left - 8, y + 5, "end", 12, s, len);
      lua_pop(L, 1);
      tifai_buf_adds(b, "<rect x=\""); addf(b, "%.1f", left);
      tifai_buf_adds(b, "\" y=\""); addf(b, "%.1f", y - 8);
      tifai_buf_adds(b, "\" width=\""); addf(b, "%.1f", pw);
      tifai_buf_adds(b, "\" height=\"16\" fill=\"#f2f2f2\" stroke=\"#999\"/>\n");
      lua_getfield(L, -1, "positions");
      if (lua_istable(L, -1)) {
        lua_Integer np = luaL_len(L, -1);
        for (j = 1; j <= np; j++) {
          double p;
          lua_geti(L, -1, j);
          p = lua_tonumber(L, -1);
          lua_pop(L, 1);
          if (p < 0) p = 0;
          if (p > 1) p = 1;
          tifai_buf_adds(b, "<line x1=\""); addf(b, "%.1f", left + p * pw);
          tifai_buf_adds(b, "\" x2=\""); addf(b, "%.1f", left + p * pw);
          tifai_buf_adds(b, "\" y1=\""); addf(b, "%.1f", y - 8);
          tifai_buf_adds(b, "\" y2=\""); addf(b, "%.1f", y + 8);
          tifai_buf_adds(b, "\" stroke=\"#c0392b\"/>\n");
        }
      }
      lua_pop(L, 2);
    }
  }
  tifai_buf_adds(b, "</svg>\n");
  if (b->oom) return luaL_error(L, "not enough memory");
  if (file) return tifai_lua_writefile(L, file, b->p, b->len);   /* the state's io.open */
  lua_pushlstring(L, b->p, b->len);
  return 1;
}

/* }====== */

static const luaL_Reg chart_funcs[] = {
  {"bars", chart_bars}, {"sparkline", chart_sparkline}, {"svg", chart_svg},
  {NULL, NULL}
};

int tifai_luaopen_chart (lua_State *L) {
  luaL_newlib(L, chart_funcs);
  return 1;
}
