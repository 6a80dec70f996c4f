/*
** lhelp.c -- help inside: tifa.help, on the API reference that host/help/helpgen.c compiles
** from the Markdown in docs/ (lhelp.h)
**   tifa.help() lists the API      tifa.help("words"), tifa.help(tifa.text.words): one entry
**   tifa.help(db), tifa.help(article): the object's methods and fields
**   tifa.help(x, {text = true, width = n}) -> the text, instead of printing it
** A text taller than the terminal goes through $PAGER (less -R), as Git's output does.
*/
#define LUA_LIB
#include <ctype.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <unistd.h>
#include "lua.h"
#include "lauxlib.h"
#include "tifa_text.h"
#include "buf.h"
#include "ltext.h"
#include "lhelp.h"

#define DBTYPE       "tifa.db"          /* the classes of ltifalib.c */
#define ARTICLETYPE  "tifa.article"
#define MINWIDTH     20
#define MAXCOLS      16                 /* columns of a table in the docs */
#define ELLIPSIS     "\xe2\x80\xa6"     /* U+2026, 1 column */
#define HINT         "help(tifa.text.words) or help \"words\" for one function"

typedef tifai_helpentry Entry;

/* What is being written: text into a box (a GC-owned buffer, so nothing leaks if a push
** raises) and the columns to fill. */
typedef struct Out {
  tifai_buf *b;
  size_t width;
} Out;

/* {====== Text ====== */

static void put (Out *o, const char *s, size_t n) { tifai_buf_add(o->b, s, n); }
static void puts_ (Out *o, const char *s) { tifai_buf_adds(o->b, s); }
static void nl (Out *o) { tifai_buf_addc(o->b, '\n'); }

static void spaces (Out *o, size_t n) {
  while (n-- > 0) tifai_buf_addc(o->b, ' ');
}

static size_t width (const char *s, size_t n) { return tifa_text_width(s, n); }

/* s[0..n) in at most 'avail' columns: cut, with an ellipsis, if wider; 'more' forces the
** ellipsis. Returns the columns used. */
static size_t putfit (Out *o, const char *s, size_t n, size_t avail, int more) {
  size_t used, w = width(s, n);
  if (w <= avail && !more) { put(o, s, n); return w; }
  if (avail == 0) return 0;
  n = tifa_text_truncate(s, n, avail - 1, &used);
  put(o, s, n);
  puts_(o, ELLIPSIS);
  return used + 1;
}

static int32_t cpat (const char *s, size_t n) {
  int32_t cp = -1;
  if (tifa_utf8_decode(s, n, &cp) < 0) cp = -1;
  return cp;
}

/* No line break before these (closing punctuation), nor after those (opening). */
static int closing (int32_t cp) {
  static const int32_t cps[] = {0x3001, 0x3002, 0xFF0C, 0xFF1B, 0xFF1A, 0xFF01, 0xFF1F, 0xFF09,
    0x300B, 0x300D, 0x300F, 0x3011, 0x3015, 0x3009, 0x201D, 0x2019, 0x2026, 0xFF0E, 0};
  int i;
  if (cp < 0x80) return cp > 0 && strchr(",.;:!?)]}%", (int)cp) != NULL;
  for (i = 0; cps[i]; i++) if (cps[i] == cp) return 1;
  return 0;
}

static int opening (int32_t cp) {
  static const int32_t cps[] = {0xFF08, 0x300A, 0x300C, 0x300E, 0x3010, 0x3014, 0x3008, 0x201C,
    0x2018, 0};
  int i;
  if (cp < 0x80) return cp > 0 && strchr("([{", (int)cp) != NULL;
  for (i = 0; cps[i]; i++) if (cps[i] == cp) return 1;
  return 0;
}

/* The length of a list marker ("- ", "12. ") at s[0..n), or 0 (as helpgen.c). */
static size_t listmarker (const char *s, size_t n) {
  size_t i = 0;
  if (n >= 2 && (s[0] == '-' || s[0] == '*' || s[0] == '+') && s[1] == ' ') return 2;
  while (i < n && i < 9 && isdigit((unsigned char)s[i])) i++;
  if (i > 0 && i + 1 < n && (s[i] == '.' || s[i] == ')') && s[i + 1] == ' ') return i + 2;
  return 0;
}

/* s[0..n) without the marks around code spans. */
static void putplain (Out *o, const char *s, size_t n) {
  size_t i, from = 0;
  for (i = 0; i <= n; i++) {
    if (i == n || s[i] == TIFAI_HELP_CODE || s[i] == TIFAI_HELP_ENDCODE) {
      put(o, s + from, i - from);
      from = i + 1;
    }
  }
}

/* One line of prose, wrapped to the width: its continuation lines hang under the text after
** its indentation and list marker. Lines break at spaces and beside wide characters (not
** before closing nor after opening punctuation), never inside a code span; a word or a code
** span wider than the line stays whole, on a line of its own. Continuation lines hang
** 'more' columns further. */
static void wrapline (Out *o, const char *s, size_t n, size_t more) {
  size_t hang = 0, col, i;
  int started = 0;
  while (hang < n && s[hang] == ' ') hang++;
  hang += listmarker(s + hang, n - hang);
  put(o, s, hang);
  col = hang;
  i = hang;
  hang += more;
  while (i < n) {
    size_t b, tw = 0;
    int sp = 0, prevwide = 0;
    int32_t prev = -1;
    while (i < n && s[i] == ' ') { i++; sp = 1; }
    if (i >= n) break;
    for (b = i; i < n && s[i] != ' '; ) {           /* a token: up to a space or a break */
      size_t g, w;
      int32_t cp;
      if (s[i] == TIFAI_HELP_CODE) {                 /* a code span is never broken */
        const char *e = (const char *)memchr(s + i, TIFAI_HELP_ENDCODE, n - i);
        size_t end = e ? (size_t)(e - s) : n;
        if (i > b && prevwide) break;
        tw += width(s + i + 1, end - i - 1);
        i = e ? end + 1 : n;
        prev = -1;
        prevwide = 0;
        continue;
      }
      g = tifa_text_grapheme(s + i, n - i);
      w = width(s + i, g);
      cp = cpat(s + i, n - i);
      if (i > b && (prevwide || w == 2) && !closing(cp) && !opening(prev)) break;
      tw += w;
      prev = cp;
      prevwide = w == 2;
      i += g;
    }
    if (started && col + (size_t)sp + tw > o->width) {
      nl(o);
      spaces(o, hang);
      col = hang;
    }
    else if (started && sp) {
      puts_(o, " ");
      col++;
    }
    putplain(o, s + b, i - b);
    col += tw;
    started = 1;
  }
}

/* The table rows in text[0..n) ("\tcell\tcell" lines; "\t-" a rule), columns aligned by
** display width, two spaces apart. */
static void puttable (Out *o, const char *text, size_t n) {
  size_t w[MAXCOLS] = {0}, pass;
  for (pass = 0; pass < 2; pass++) {
    const char *p = text, *end = text + n;
    while (p < end) {
      const char *e = memchr(p, '\n', (size_t)(end - p));
      size_t col = 0;
      if (e == NULL) e = end;
      if (e - p == 2 && p[1] == '-') {                /* the rule under the header */
        if (pass == 1) {
          for (col = 0; col < MAXCOLS && w[col] > 0; col++) {
            size_t k;
            if (col > 0) spaces(o, 2);
            for (k = 0; k < w[col]; k++) puts_(o, "-");
          }
          nl(o);
        }
      }
      else {
        const char *c = p + 1;
        while (c <= e && col < MAXCOLS) {             /* one cell per pass */
          const char *ce = memchr(c, '\t', (size_t)(e - c));
          size_t cw;
          if (ce == NULL) ce = e;
          cw = width(c, (size_t)(ce - c));
          if (pass == 0 && cw > w[col]) w[col] = cw;
          if (pass == 1) {
            if (col > 0) spaces(o, 2);
            put(o, c, (size_t)(ce - c));
            if (ce < e) spaces(o, w[col] - cw);       /* the last cell is not padded */
          }
          col++;
          c = ce + 1;
        }
        if (pass == 1) nl(o);
      }
      p = e < end ? e + 1 : end;
    }
  }
}

/* Prose as helpgen.c stores it, wrapped; ends with a new line. */
static void putprose (Out *o, const char *text) {
  const char *p = text;
  while (*p) {
    const char *e = strchr(p, '\n');
    if (e == NULL) e = p + strlen(p);
    if (*p == '\t') {                                 /* a table: its run of rows */
      const char *q = e;
      while (*q == '\n' && q[1] == '\t') {
        q = strchr(q + 1, '\n');
        if (q == NULL) q = p + strlen(p);
      }
      puttable(o, p, (size_t)(q - p));
      e = q;
    }
    else {
      wrapline(o, p, (size_t)(e - p), 0);
      nl(o);
    }
    p = *e ? e + 1 : e;
  }
}

/* }====== */

/* {====== Names ====== */

/* Do a[0..n) and b[0..n) name the same thing? ('.' and ':' are one) */
static int sameseg (const char *a, const char *b, size_t n) {
  size_t i;
  for (i = 0; i < n; i++) {
    char x = a[i] == ':' ? '.' : a[i], y = b[i] == ':' ? '.' : b[i];
    if (x != y) return 0;
  }
  return 1;
}

static int issep (char c) { return c == '.' || c == ':'; }

/* The last component of a name: "words" of "tifa.text.words". */
static const char *lastpart (const char *name) {
  const char *p = name + strlen(name);
  while (p > name && !issep(p[-1])) p--;
  return p;
}

/* Is 'name' x, or does it end with "." x or ":" x? */
static int suffixof (const char *name, const char *x, size_t xn) {
  size_t n = strlen(name);
  return n >= xn && sameseg(name + n - xn, x, xn) && (n == xn || issep(name[n - xn - 1]));
}

/* Does x begin 'name' or one of its trailing parts ("to_" of "tifa.text.to_simplified")? */
static int prefixof (const char *name, const char *x, size_t xn) {
  const char *p = name;
  for (;;) {
    if (strlen(p) >= xn && sameseg(p, x, xn)) return 1;
    while (*p && !issep(*p)) p++;
    if (*p == '\0') return 0;
    p++;
  }
}

/* Is e a member of 'root' ("db" for db:search and db.path; "tifa.text" for its functions)? */
static int memberof (const Entry *e, const char *root, size_t rn) {
  return strncmp(e->name, root, rn) == 0 && issep(e->name[rn]);
}

/* The entry of prefix .. key ("db:" .. "search"), or NULL. */
static const Entry *bykey (const char *prefix, const char *key) {
  size_t pn = strlen(prefix);
  const Entry *e;
  for (e = tifai_helpentries; e->name; e++)
    if (strncmp(e->name, prefix, pn) == 0 && strcmp(e->name + pn, key) == 0) return e;
  return NULL;
}

static int ismodule (const Entry *e) { return strncmp(e->name, "tifa.", 5) == 0; }

/* A field (db.path), not a function or method? */
static int isfield (const Entry *e) {
  const char *last = lastpart(e->name);
  return last > e->name && last[-1] == '.' && !ismodule(e);
}

/* }====== */

/* {====== Listings ====== */

/* Which entries a listing shows. */
typedef struct Sel {
  int (*match) (const Entry *e, const struct Sel *s);
  const char *x;            /* a name, a root or a prefix */
  size_t xn;
  int moduleonly;           /* only tifa.* entries (they rank above methods of the same name) */
} Sel;

static int selall (const Entry *e, const Sel *s) { (void)e; (void)s; return 1; }
static int selmember (const Entry *e, const Sel *s) { return memberof(e, s->x, s->xn); }

static int selsuffix (const Entry *e, const Sel *s) {
  return suffixof(e->name, s->x, s->xn) && (!s->moduleonly || ismodule(e));
}

static int selprefix (const Entry *e, const Sel *s) {
  return prefixof(e->name, s->x, s->xn) && (!s->moduleonly || ismodule(e));
}

/* How many entries s selects; '*first' gets the first, '*same' whether they all share one
** heading (upper and lower, is_han and is_punct). */
static int count (const Sel *s, const Entry **first, int *same) {
  const Entry *e;
  int n = 0;
  *first = NULL;
  *same = 1;
  for (e = tifai_helpentries; e->name; e++)
    if (s->match(e, s)) {
      if (n++ == 0) *first = e;
      else if (e->text != (*first)->text) *same = 0;
    }
  return n;
}

/* The value of field 'key' of the object at 'obj' in 'avail' columns: a string quoted (up to
** its first line end), anything else as tostring gives it. [-0, +0, e] */
static void putvalue (lua_State *L, Out *o, int obj, const char *key, size_t avail) {
  size_t n;
  const char *s;
  lua_getfield(L, obj, key);
  if (lua_type(L, -1) == LUA_TSTRING) {
    const char *eol;
    s = lua_tolstring(L, -1, &n);
    if (!tifa_utf8_valid(s, n, NULL)) puts_(o, "(not UTF-8)");
    else if (avail > 2) {
      int more = (eol = memchr(s, '\n', n)) != NULL;
      if (more) n = (size_t)(eol - s);
      puts_(o, "\"");
      putfit(o, s, n, avail - 2, more);
      puts_(o, "\"");
    }
  }
  else {
    s = luaL_tolstring(L, -1, &n);
    putfit(o, s, n, avail, 0);
    lua_pop(L, 1);
  }
  lua_pop(L, 1);
}

/* The selected entries, one a line: name, then the summary (or, for a field of the object
** at 'obj' (0: none), its value) aligned and cut to the width. With 'headers', under the
** names of their groups. [-0, +0, e] */
static void putlisting (lua_State *L, Out *o, const Sel *s, int headers, int obj) {
  const Entry *e;
  size_t namew = 0, col;
  int g, groupsshown = 0;
  for (e = tifai_helpentries; e->name; e++)
    if (s->match(e, s) && strlen(e->name) > namew) namew = strlen(e->name);
  col = 2 + namew + 2;
  for (g = 0; tifai_helpgroups[g].name; g++) {
    int shown = 0;
    for (e = tifai_helpentries; e->name; e++) {
      if (e->group != g || !s->match(e, s)) continue;
      if (headers && shown++ == 0) {
        if (groupsshown++ > 0) nl(o);
        puts_(o, tifai_helpgroups[g].name);
        nl(o);
      }
      spaces(o, 2);
      puts_(o, e->name);
      if (o->width >= col + 8) {                  /* room for a summary */
        spaces(o, col - 2 - strlen(e->name));
        if (obj && isfield(e)) putvalue(L, o, obj, lastpart(e->name), o->width - col);
        else putfit(o, e->summary, strlen(e->summary), o->width - col, 0);
      }
      nl(o);
    }
  }
}

/* }====== */

/* {====== Entries and objects ====== */

/* One entry: its signature, prose, example; entries of the same last name; its members
** (the functions of tifa.text). [-0, +0, e] */
static void putentry (lua_State *L, Out *o, const Entry *e) {
  const Entry *x, *first;
  int also = 0, same;
  Sel members;
  wrapline(o, e->sig, strlen(e->sig), 4);         /* a long signature hangs */
  nl(o);
  if (*e->text) {
    nl(o);
    putprose(o, e->text);
  }
  if (*e->example) {
    const char *p = e->example;
    puts_(o, "\nExample:\n");
    while (*p) {
      const char *q = strchr(p, '\n');
      if (q == NULL) q = p + strlen(p);
      if (q > p) spaces(o, 4);
      put(o, p, (size_t)(q - p));
      nl(o);
      p = *q ? q + 1 : q;
    }
  }
  for (x = tifai_helpentries; x->name; x++) {
    if (x->text == e->text || strcmp(lastpart(x->name), lastpart(e->name)) != 0) continue;
    puts_(o, also++ ? ", " : "\nSee also: ");
    puts_(o, x->name);
  }
  if (also) nl(o);
  members.match = selmember;
  members.x = e->name;
  members.xn = strlen(e->name);
  members.moduleonly = 0;
  if (count(&members, &first, &same) > 0) {
    nl(o);
    putlisting(L, o, &members, 1, 0);
  }
}

/* The group named 'name' (its introduction), or NULL. */
static const tifai_helpgroup *groupnamed (const char *name) {
  int g;
  for (g = 0; tifai_helpgroups[g].name; g++)
    if (strcmp(tifai_helpgroups[g].name, name) == 0) return &tifai_helpgroups[g];
  return NULL;
}

/* The members of 'root' (db, article): the introduction of the group of that name, then
** their listing with the values of the object at 'obj' (0: none). [-0, +0, e] */
static void putmembers (lua_State *L, Out *o, const char *root, int obj) {
  const tifai_helpgroup *g = groupnamed(root);
  Sel sel;
  if (g && *g->intro) {
    nl(o);
    putprose(o, g->intro);
  }
  nl(o);
  sel.match = selmember;
  sel.x = root;
  sel.xn = strlen(root);
  sel.moduleonly = 0;
  putlisting(L, o, &sel, 0, obj);
}

static int cmpstr (const void *a, const void *b) {
  return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The raw fields of the article at 'obj', sorted by name, with their values. [-0, +0, e] */
static void putfields (lua_State *L, Out *o, int obj) {
  const char **keys;
  size_t n = 0, i, namew = 4;
  int hastext = 0;
  lua_pushnil(L);
  while (lua_next(L, obj)) { n++; lua_pop(L, 1); }
  keys = (const char **)lua_newuserdatauv(L, (n ? n : 1) * sizeof(char *), 0);
  n = 0;
  lua_pushnil(L);
  while (lua_next(L, obj)) {                      /* the keys stay alive in the article */
    if (lua_type(L, -2) == LUA_TSTRING) {
      keys[n] = lua_tostring(L, -2);
      if (strlen(keys[n]) > namew) namew = strlen(keys[n]);
      if (strcmp(keys[n], "text") == 0) hastext = 1;
      n++;
    }
    lua_pop(L, 1);
  }
  qsort(keys, n, sizeof(char *), cmpstr);
  puts_(o, "\nFields:\n");
  for (i = 0; i < n; i++) {
    spaces(o, 2);
    puts_(o, keys[i]);
    if (o->width > namew + 8) {
      spaces(o, namew - strlen(keys[i]) + 2);
      putvalue(L, o, obj, keys[i], o->width - namew - 4);
    }
    nl(o);
  }
  if (!hastext) {
    spaces(o, 2);
    puts_(o, "text");
    spaces(o, namew - 4 + 2);
    puts_(o, "(not read yet: a.text reads it)\n");
  }
  lua_pop(L, 1);
}

/* A db or an article at 'obj' ('root' "db" or "article"): what it is, the introduction of
** its group, its methods and fields with their values. [-0, +0, e] */
static void putobject (lua_State *L, Out *o, int obj, const char *root) {
  size_t n;
  const char *s = luaL_tolstring(L, obj, &n);
  putfit(o, s, n, o->width, 0);
  lua_pop(L, 1);
  nl(o);
  putmembers(L, o, root, obj);
  if (strcmp(root, "article") == 0) putfields(L, o, obj);
}

/* }====== */

/* {====== Finding what to show ====== */

/* Push the methods table of class 'tname' (__index, or the upvalue of a C __index): 1 if
** it is a table. [-0, +1..3, -] */
static int pushmethods (lua_State *L, const char *tname) {
  if (luaL_getmetatable(L, tname) != LUA_TTABLE) return 0;
  lua_pushliteral(L, "__index");
  lua_rawget(L, -2);
  if (lua_iscfunction(L, -1)) lua_getupvalue(L, -1, 1);   /* a C closure over the methods */
  return lua_type(L, -1) == LUA_TTABLE;
}

/* The entry whose key in the table at 't' holds the value at 'idx', or NULL. [-0, +0, -] */
static const Entry *searchin (lua_State *L, int idx, int t, const char *prefix) {
  t = lua_absindex(L, t);
  lua_pushnil(L);
  while (lua_next(L, t)) {
    if (lua_type(L, -2) == LUA_TSTRING && lua_rawequal(L, -1, idx)) {
      const Entry *e = bykey(prefix, lua_tostring(L, -2));
      if (e) { lua_pop(L, 2); return e; }
    }
    lua_pop(L, 1);
  }
  return NULL;
}

/* The entry of a function or table by identity: walk tifa, its tables (tifa.text, ...) and
** the methods of db and article objects as they are now (a sandbox may have replaced
** some). [-0, +0, m] */
static const Entry *byvalue (lua_State *L, int idx) {
  int top = lua_gettop(L), t = top + 1;
  const Entry *e;
  lua_pushvalue(L, lua_upvalueindex(1));          /* t: the module table */
  e = searchin(L, idx, t, "tifa.");
  lua_pushnil(L);
  while (e == NULL && lua_next(L, t)) {           /* tifa.text.words, tifa.out.json */
    if (lua_type(L, -2) == LUA_TSTRING && lua_istable(L, -1)) {
      const char *prefix = lua_pushfstring(L, "tifa.%s.", lua_tostring(L, -2));
      e = searchin(L, idx, -2, prefix);
      lua_pop(L, 1);
    }
    lua_pop(L, 1);
  }
  lua_settop(L, t);
  if (e == NULL && pushmethods(L, DBTYPE)) e = searchin(L, idx, -1, "db:");
  if (e == NULL && pushmethods(L, ARTICLETYPE)) e = searchin(L, idx, -1, "article:");
  lua_settop(L, top);
  return e;
}

static int isarticle (lua_State *L, int idx) {
  int r = 0;
  if (lua_getmetatable(L, idx)) {
    luaL_getmetatable(L, ARTICLETYPE);
    r = lua_rawequal(L, -1, -2);
    lua_pop(L, 2);
  }
  return r;
}

/* Edit distance of a[0..an) and b (ASCII case ignored); a large number for long names. */
static size_t distance (const char *a, size_t an, const char *b) {
  size_t row[65], i, j, bn = strlen(b);
  if (an > 64 || bn > 64) return 99;
  for (j = 0; j <= bn; j++) row[j] = j;
  for (i = 1; i <= an; i++) {
    size_t diag = row[0];
    row[0] = i;
    for (j = 1; j <= bn; j++) {
      size_t up = row[j];
      size_t best = diag + (tolower((unsigned char)a[i - 1]) != tolower((unsigned char)b[j - 1]));
      if (up + 1 < best) best = up + 1;
      if (row[j - 1] + 1 < best) best = row[j - 1] + 1;
      diag = up;
      row[j] = best;
    }
  }
  return row[bn];
}

/* How close the name of e is to x: the edit distance to its last part or to its whole name;
** 0 when that last part (3 letters or more) begins x ("wordss"). */
static size_t closeness (const Entry *e, const char *x, size_t xn) {
  const char *last = lastpart(e->name);
  size_t d1 = distance(x, xn, last), d2 = distance(x, xn, e->name), ln = strlen(last);
  if (ln >= 3 && ln < xn && sameseg(x, last, ln)) return 0;
  return d1 < d2 ? d1 : d2;
}

/* "no help for 'x'" and the names it may have meant, nearest first. */
static void putunknown (Out *o, const char *x, size_t xn) {
  size_t d, limit = xn <= 3 ? 1 : xn <= 6 ? 2 : 3;
  int n = 0;
  puts_(o, "no help for '");
  put(o, x, xn);
  puts_(o, "'");
  for (d = 0; d <= limit && n < 8; d++) {
    const Entry *e;
    for (e = tifai_helpentries; e->name && n < 8; e++)
      if (closeness(e, x, xn) == d) {
        puts_(o, n++ ? ", " : "\ndid you mean: ");
        puts_(o, e->name);
      }
  }
  puts_(o, n ? "\n" : " (help() lists the API)\n");
}

/* Help for the name x: an entry by its whole name; the members of a root (db, article); an
** entry by its last parts, tifa.* before methods ("words" is tifa.text.words, "search"
** db:search); then by a prefix of them ("to_"); else the names it may have meant. The
** last two list the candidates when they are several entries. [-0, +0, e] */
static void bystring (lua_State *L, Out *o, const char *x, size_t xn) {
  static int (*const steps[]) (const Entry *, const Sel *) = {selsuffix, selprefix};
  char buf[128];
  const Entry *e;
  Sel sel;
  size_t i;
  int same, k, n;
  while (xn > 0 && isspace((unsigned char)*x)) { x++; xn--; }
  for (i = 0; i < xn && x[i] != '('; i++) ;        /* "tifa.open()" is tifa.open */
  xn = i;
  while (xn > 0 && isspace((unsigned char)x[xn - 1])) xn--;
  if (xn >= 2 && x[0] == 'a' && issep(x[1]) && xn + 6 < sizeof(buf)) {   /* a:sections */
    memcpy(buf, "article:", 8);
    memcpy(buf + 8, x + 2, xn - 2);
    x = buf;
    xn += 6;
  }
  if (xn == 0 || (xn == 4 && memcmp(x, "tifa", 4) == 0)) {
    sel.match = selall;
    putlisting(L, o, &sel, 1, 0);
    puts_(o, "\n" HINT "\n");
    return;
  }
  for (e = tifai_helpentries; e->name; e++)
    if (strlen(e->name) == xn && sameseg(e->name, x, xn)) { putentry(L, o, e); return; }
  sel.match = selmember;
  sel.x = x;
  sel.xn = xn;
  sel.moduleonly = 0;
  if (xn < sizeof(buf) && count(&sel, &e, &same) > 0) {       /* a root: db, article */
    memmove(buf, x, xn);                            /* x may be in buf already */
    buf[xn] = '\0';
    puts_(o, buf);
    nl(o);
    putmembers(L, o, buf, 0);
    return;
  }
  for (k = 0; k < 2; k++) {
    sel.match = steps[k];
    sel.moduleonly = 1;
    if ((n = count(&sel, &e, &same)) == 0) {
      sel.moduleonly = 0;
      n = count(&sel, &e, &same);
    }
    if (n > 0 && same) { putentry(L, o, e); return; }
    if (n > 0) {
      puts_(o, "'");
      put(o, x, xn);
      puts_(o, "' is ambiguous:\n");
      putlisting(L, o, &sel, 0, 0);
      return;
    }
  }
  putunknown(o, x, xn);
}

/* }====== */

/* {====== The pager ====== */

static void nosignal (int sig) { (void)sig; }

/* Is the text 's' for a terminal on standard output, and taller than it? */
static int tall (const char *s) {
  struct winsize ws;
  long rows = 24, lines = 1;
  const char *r = getenv("LINES");
  if (!isatty(STDOUT_FILENO)) return 0;
  if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0) rows = ws.ws_row;
  else if (r && atoi(r) > 0) rows = atoi(r);
  for (; *s; s++) lines += *s == '\n';
  return lines >= rows;
}

/* Show s[0..n) through $PAGER ("less -R" if unset or empty) and wait for it to end, as Git
** does. Ctrl-C and a pager that quits early concern the pager alone: while it runs SIGINT
** and SIGPIPE only interrupt (their handlers are reset in the pager when it starts). Returns
** 0 if the pager could not run (no shell, or the shell found no such command: status 126 or
** 127), so that the caller prints the text instead. */
static int page (const char *s, size_t n) {
  const char *pager = getenv("PAGER");
  struct sigaction sa, oldint, oldpipe;
  FILE *p;
  int st;
  if (pager == NULL || *pager == '\0') pager = "less -R";
  fflush(stdout);
  memset(&sa, 0, sizeof(sa));
  sa.sa_handler = nosignal;
  sa.sa_flags = SA_RESTART;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGINT, &sa, &oldint);
  sigaction(SIGPIPE, &sa, &oldpipe);
  if ((p = popen(pager, "w")) != NULL) {
    fwrite(s, 1, n, p);                             /* EPIPE if the pager is gone: its business */
    fputc('\n', p);
    st = pclose(p);
  }
  else st = -1;
  sigaction(SIGINT, &oldint, NULL);
  sigaction(SIGPIPE, &oldpipe, NULL);
  return st != -1 && !(WIFEXITED(st) && (WEXITSTATUS(st) == 126 || WEXITSTATUS(st) == 127));
}

/* }====== */

/* The columns of the terminal on standard output, else $COLUMNS, else 80. */
static size_t termwidth (void) {
  struct winsize ws;
  const char *c = getenv("COLUMNS");
  if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
    return ws.ws_col;
  if (c && atoi(c) > 0) return (size_t)atoi(c);
  return 80;
}

/* tifa.help([x [, opts]]) */
static int tifa_help (lua_State *L) {
  Out o;
  int text = 0;
  lua_Integer w = 0;
  if (!lua_isnoneornil(L, 2)) {
    luaL_checktype(L, 2, LUA_TTABLE);
    lua_getfield(L, 2, "text");
    text = lua_toboolean(L, -1);
    if (lua_getfield(L, 2, "width") != LUA_TNIL) {
      int isint;
      w = lua_tointegerx(L, -1, &isint);
      if (!isint || w < MINWIDTH) luaL_argerror(L, 2, "field 'width' must be an integer of at least 20");
    }
  }
  lua_settop(L, 2);
  o.b = tifai_lua_newbox(L);                        /* 3 */
  o.width = w > 0 ? (size_t)w : text ? 80 : termwidth();
  if (o.width < MINWIDTH) o.width = MINWIDTH;
  switch (lua_type(L, 1)) {
    case LUA_TNONE: case LUA_TNIL:
      bystring(L, &o, "", 0);
      break;
    case LUA_TSTRING: {
      size_t n;
      const char *x = lua_tolstring(L, 1, &n);
      bystring(L, &o, x, n);
      break;
    }
    case LUA_TUSERDATA:
      if (luaL_testudata(L, 1, DBTYPE)) { putobject(L, &o, 1, "db"); break; }
      /* FALLTHROUGH */
    case LUA_TFUNCTION: case LUA_TTABLE: {
      const Entry *e;
      if (lua_rawequal(L, 1, lua_upvalueindex(1))) bystring(L, &o, "", 0);
      else if (lua_istable(L, 1) && isarticle(L, 1)) putobject(L, &o, 1, "article");
      else if ((e = byvalue(L, 1)) != NULL) putentry(L, &o, e);
      else {
        puts_(&o, "no help for this ");
        puts_(&o, luaL_typename(L, 1));
        puts_(&o, ": it is not part of tifa (help() lists the API)\n");
      }
      break;
    }
    default:
      puts_(&o, "no help for a ");
      puts_(&o, luaL_typename(L, 1));
      puts_(&o, " (help() lists the API)\n");
  }
  if (o.b->oom) return luaL_error(L, "not enough memory");
  while (o.b->len > 0 && o.b->p[o.b->len - 1] == '\n') o.b->len--;
  lua_pushlstring(L, o.b->len ? o.b->p : "", o.b->len);   /* 4 */
  if (text) return 1;
  if (lua_getglobal(L, "print") == LUA_TFUNCTION && lua_iscfunction(L, -1)   /* not a host's */
      && tall(lua_tostring(L, 4)) && page(lua_tostring(L, 4), lua_rawlen(L, 4)))
    return 0;
  if (lua_type(L, -1) == LUA_TFUNCTION) {           /* the host's print, wherever it goes */
    lua_pushvalue(L, 4);
    lua_call(L, 1, 0);
  }
  else {
    lua_writestring(lua_tostring(L, 4), lua_rawlen(L, 4));
    lua_writeline();
  }
  return 0;
}

void tifai_help_open (lua_State *L) {
  lua_pushvalue(L, -1);                             /* tifa.help keeps the module table */
  lua_pushcclosure(L, tifa_help, 1);
  lua_setfield(L, -2, "help");
}
