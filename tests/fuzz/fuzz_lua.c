/*
** fuzz_lua.c -- libFuzzer target: the Lua API called with random arguments. At start-up it
** enumerates the functions of the 'tifa' module (tifa.text, tifa.out, tifa.chart, ...) and
** the methods of a db, an article and a set; each input is then decoded into up to 24 calls:
** a function or method picked by index, its self, and arguments from a pool (nil, booleans,
** integers with 0, -1, huge and math.mininteger, floats with NaN and infinities, strings cut
** from the input, so any bytes, lists, option tables with real and random keys, dbs,
** articles, sets, functions, and earlier results). Every call runs under pcall: errors are
** fine, crashes, sanitizer reports, leaks and hangs are not. Iterators returned are called
** a few times. The dbs are the sample corpus (read-only, opened once) and a writable store in
** memory made for each input; db:ingest reads the input itself, written to a file, and
** tifa.open opens only those two kinds of store, so that no call reaches the user's files.
** Option 'file' (writes) always names a file in the target's own temporary folder.
*/
#include <dirent.h>
#include <math.h>
#include <unistd.h>
#include "lua.h"
#include "lauxlib.h"
#include "lualib.h"
#include "fuzz.h"

#define MEMCAP   ((size_t)512 << 20)      /* what the Lua state may hold: beyond it, a memory error */
#define MAXCALLS 24
#define RING     8                        /* earlier results kept */

typedef struct entry {
  int kind;                               /* K_* */
  char name[64];
  int ref;                                /* the function, in the registry */
} entry;

#define K_FUNC     0                      /* tifa.x.y(...) */
#define K_DB       1                      /* db:m(...) */
#define K_ARTICLE  2                      /* a:m(...) */
#define K_SET      3                      /* set:m(...) */
#define K_OPEN     4                      /* tifa.open on a store of ours */
#define K_INGEST   5                      /* db:ingest of the input */

static lua_State *L;
static entry entries[512];
static int nentries;
static size_t used;                       /* bytes the state holds */
static char tmpdir[64];
static int ingestref, openref, poolref, ringref;   /* registry refs */

static void *alloc (void *ud, void *p, size_t osize, size_t nsize) {
  (void)ud;
  if (p == NULL) osize = 0;
  if (nsize == 0) { free(p); used -= osize; return NULL; }
  if (nsize > osize && used + (nsize - osize) > MEMCAP) return NULL;
  {
    void *np = realloc(p, nsize);
    if (np != NULL) used = used - osize + nsize;
    return np;
  }
}

/* {====== Decoding the input ====== */

typedef struct input { const uint8_t *p; size_t n, i; } input;

static unsigned byte (input *in) { return in->i < in->n ? in->p[in->i++] : 0; }

static const char *const keys[] = {
  "limit", "offset", "context", "outlet", "author", "since", "until", "title", "where",
  "params", "format", "name", "dry_run", "layout", "meta", "split", "min", "n", "by", "top",
  "words", "unit", "width", "text", "kind", "style", "label", "labels", "values", "nodes",
  "edges", "directed", "rankdir", "weight", "from", "to", "date", "id", "match", "matches",
  "positions", "paragraphs", "articles", "count", "formulaic", "idf", "builtin", "hmm",
  "mode", "units", "measure", "method", "direction", "sort", "stop", "window", "self", "sig",
  "fill", "height", "left", "right", "align", "rows", "columns", "header", "sep", "eol",
  "bom", "append", "indent", "lines", "ascii", "nan", "maxwidth", "readonly", "create",
  "file", "min_chars", "max", "fields", "ids", "url", "kicker", "open", "close", NULL
};
static const char *const words[] = {
  "NFC", "NFD", "NFKC", "NFKD", "fold", "char", "grapheme", "word", "ngram", "left", "right",
  "center", "accurate", "search", "whole", "parts", "month", "year", "article", "outlet",
  "none", "tfidf", "textrank", "ll", "log_ratio", "both", "over", "under", "llr", "pmi",
  "logdice", "timeline", "dispersion", "bars", "line", "text", "markdown", "html", "jsonl",
  "csv", "title", "kicker", "full", "defined", "file", "unresolved", "发展", "习近平", "国务院",
  "2024-03-18", "2024", "新华社", "人民日报", "经济 OR 发展", "NEAR(发展 经济, 5)", "\"高质量\"",
  "a.nchars > ?", "1 = 1", "中国", "", " ", "\xff\xfe", "《意见》", "一是", "“", "accurate", NULL
};

static void pushvalue (input *in, int depth);

static void pushstring (input *in) {
  size_t n = byte(in);
  if (n > in->n - in->i) n = in->n - in->i;
  lua_pushlstring(L, (const char *)in->p + in->i, n);
  in->i += n;
}

static void pushkey (input *in) {
  unsigned b = byte(in);
  if (b < 200) { int k = 0; while (keys[k]) k++; lua_pushstring(L, keys[b % (unsigned)k]); }
  else if (b < 250) pushstring(in);
  else lua_pushinteger(L, (lua_Integer)(b - 249));
}

/* Option 'file' names a file: always one in our folder (a write anywhere else would reach
** the user's files). */
static void setfield (void) {     /* [-2, +0]: t[k] = v for the table below k and v */
  if (lua_type(L, -2) == LUA_TSTRING && strcmp(lua_tostring(L, -2), "file") == 0
      && lua_type(L, -1) != LUA_TBOOLEAN && lua_type(L, -1) != LUA_TNIL) {
    lua_pop(L, 1);
    lua_pushliteral(L, "out.txt");
  }
  if (lua_isnil(L, -2) || (lua_type(L, -2) == LUA_TNUMBER && lua_tonumber(L, -2) != lua_tonumber(L, -2)))
    lua_pop(L, 2);                          /* a nil or NaN key */
  else lua_rawset(L, -3);
}

static int rwmade;                        /* the writable store of this input is made */
static const uint8_t *indata;             /* the input, for db:ingest */
static size_t insize;

static void makerw (void) {               /* a writable store in memory, made on first use */
  rwmade = 1;
  lua_rawgeti(L, LUA_REGISTRYINDEX, poolref);
  lua_rawgeti(L, LUA_REGISTRYINDEX, openref);
  lua_pushliteral(L, ":memory:");
  if (lua_pcall(L, 1, 1, 0) != LUA_OK) lua_pushnil(L);
  lua_setfield(L, -2, "rw");
  lua_pop(L, 1);
}

static void pushpool (const char *field) {
  if (!rwmade && strcmp(field, "rw") == 0) makerw();
  lua_rawgeti(L, LUA_REGISTRYINDEX, poolref);
  lua_getfield(L, -1, field);
  lua_remove(L, -2);
}

static void pushring (unsigned i) {
  lua_rawgeti(L, LUA_REGISTRYINDEX, ringref);
  lua_rawgeti(L, -1, (lua_Integer)(i % RING) + 1);
  lua_remove(L, -2);
}

static void pushvalue (input *in, int depth) {
  static const lua_Integer ints[] = {0, -1, 1, 2, 3, 10, 100, 1000000, 0x7fffffff, -0x80000000LL,
    (lua_Integer)1 << 53, LUA_MAXINTEGER, LUA_MININTEGER, LUA_MAXINTEGER - 1, 65536, 5};
  static const double floats[] = {0.5, -0.0, 1e300, -1e300, 1e-300, 3.7, -2.5, 1e18};
  unsigned b = byte(in);
  switch (b % 18) {
    case 0: lua_pushnil(L); break;
    case 1: lua_pushboolean(L, 1); break;
    case 2: lua_pushboolean(L, 0); break;
    case 3: lua_pushinteger(L, ints[byte(in) % 16]); break;
    case 4: lua_pushinteger(L, (lua_Integer)(int16_t)(byte(in) | byte(in) << 8)); break;
    case 5: {
      unsigned k = byte(in) % 11;
      lua_pushnumber(L, k == 8 ? (double)NAN : k == 9 ? (double)INFINITY : k == 10 ? -(double)INFINITY
                                : floats[k]);
      break;
    }
    case 6: case 7: pushstring(in); break;
    case 8: { int k = 0; while (words[k]) k++; lua_pushstring(L, words[byte(in) % (unsigned)k]); break; }
    case 9: {                               /* a list */
      unsigned n = byte(in) % 6, i;
      lua_createtable(L, (int)n, 0);
      for (i = 1; i <= n; i++) {
        if (depth < 2) pushvalue(in, depth + 1); else pushstring(in);
        lua_rawseti(L, -2, i);
      }
      break;
    }
    case 10: case 11: {                     /* an option or filter table */
      unsigned n = byte(in) % 6, i;
      lua_createtable(L, 0, (int)n);
      for (i = 0; i < n; i++) {
        pushkey(in);
        if (depth < 2) pushvalue(in, depth + 1); else pushstring(in);
        setfield();
      }
      break;
    }
    case 12: pushpool(byte(in) % 2 ? "article" : "rwarticle"); break;
    case 13: pushpool(byte(in) % 2 ? "db" : "rw"); break;
    case 14: {                              /* a function */
      lua_rawgeti(L, LUA_REGISTRYINDEX, poolref);
      lua_getfield(L, -1, "funcs");
      lua_rawgeti(L, -1, (lua_Integer)(byte(in) % 8) + 1);
      lua_replace(L, -3);
      lua_pop(L, 1);
      break;
    }
    case 15: pushpool("set"); break;
    case 16: case 17: pushring(byte(in)); break;
  }
}

/* }====== */

/* {====== Start-up: the pool and the functions ====== */

static void addentry (int kind, const char *name) {   /* [-1, +0]: the function on top */
  entry *e;
  if (nentries == (int)(sizeof(entries) / sizeof(entries[0]))) { lua_pop(L, 1); return; }
  e = &entries[nentries++];
  e->kind = kind;
  snprintf(e->name, sizeof(e->name), "%s", name);
  e->ref = luaL_ref(L, LUA_REGISTRYINDEX);
}

static int byname (const void *a, const void *b) {
  const entry *x = (const entry *)a, *y = (const entry *)b;
  return x->kind != y->kind ? x->kind - y->kind : strcmp(x->name, y->name);
}

/* Add the functions of the table on top (recursively, 'prefix' its name). */
static void addtable (int kind, const char *prefix, int depth) {
  lua_pushnil(L);
  while (lua_next(L, -2)) {
    char name[64];
    if (lua_type(L, -2) == LUA_TSTRING) {
      snprintf(name, sizeof(name), "%s.%s", prefix, lua_tostring(L, -2));
      if (lua_type(L, -1) == LUA_TFUNCTION) {
        if (strcmp(name, "tifa.open") == 0 || strcmp(name, "db.ingest") == 0) { lua_pop(L, 1); continue; }
        lua_pushvalue(L, -1);
        addentry(kind, name);
      }
      else if (lua_type(L, -1) == LUA_TTABLE && depth < 3) addtable(kind, name, depth + 1);
    }
    lua_pop(L, 1);
  }
}

/* The methods of the value on top: its metatable's __index, a table or a closure over one. */
static void addmethods (int kind, const char *prefix) {
  if (!lua_getmetatable(L, -1)) return;
  lua_getfield(L, -1, "__index");
  if (lua_type(L, -1) == LUA_TFUNCTION) {
    if (lua_getupvalue(L, -1, 1) == NULL) lua_pushnil(L);
    lua_remove(L, -2);
  }
  if (lua_type(L, -1) == LUA_TTABLE) addtable(kind, prefix, 3);
  lua_pop(L, 2);
}

static const char pool_lua[] =
  "local tifa, ro, dir = ...\n"
  "local P = {db = ro, funcs = {\n"
  "  function () end, function () return true end, function (...) return ... end,\n"
  "  function () error('boom') end, function () return {} end,\n"
  "  function (x) return tostring(x) end, function () return 1, 2 end,\n"
  "  function (p) if type(p) == 'table' then return p.cut end end}}\n"
  "P.article = ro:article(1)\n"
  "P.set = ro:select()\n"
  "return P\n";

static void cleanup (void) {
  DIR *d;
  struct dirent *e;
  if (L) lua_close(L);
  L = NULL;
  if (tmpdir[0] == '\0' || (d = opendir(tmpdir)) == NULL) return;
  while ((e = readdir(d)) != NULL) {
    char p[512];
    if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) continue;
    snprintf(p, sizeof(p), "%s/%s", tmpdir, e->d_name);
    unlink(p);
  }
  closedir(d);
  rmdir(tmpdir);
}

/* tifa.open(": memory:" or nothing, opts): only stores of ours */
static int openstore (lua_State *l) {
  int which = (int)luaL_optinteger(l, 1, 0);
  lua_rawgeti(l, LUA_REGISTRYINDEX, openref);
  if (which % 2) lua_pushliteral(l, ":memory:"); else lua_pushnil(l);
  lua_pushvalue(l, 2);
  lua_call(l, 2, LUA_MULTRET);
  return lua_gettop(l) - 2;
}

static void writeinput (const uint8_t *data, size_t size);

/* db:ingest(which, opts): the input, written to in.<ext>, or the folder of those files */
static int ingestinput (lua_State *l) {
  static const char *const exts[] = {"txt", "md", "html", "jsonl", "csv", ""};
  lua_Integer which = luaL_optinteger(l, 2, 0);
  const char *ext = exts[(which < 0 ? -(which % 6) : which % 6)];
  writeinput(indata, insize);
  lua_rawgeti(l, LUA_REGISTRYINDEX, ingestref);
  lua_pushvalue(l, 1);
  if (ext[0]) lua_pushfstring(l, "%s/in.%s", tmpdir, ext);
  else lua_pushstring(l, tmpdir);
  lua_pushvalue(l, 3);
  lua_call(l, 3, LUA_MULTRET);
  return lua_gettop(l) - 3;
}

int LLVMFuzzerInitialize (int *argc, char ***argv) {
  (void)argc; (void)argv;
  /* no call may read the terminal or fill it: print and tifa.out go nowhere, "-" reads nothing */
  if (freopen("/dev/null", "r", stdin) == NULL || freopen("/dev/null", "w", stdout) == NULL) abort();
  snprintf(tmpdir, sizeof(tmpdir), "/tmp/tifa-fuzz-lua-XXXXXX");
  if (mkdtemp(tmpdir) == NULL || chdir(tmpdir) != 0) abort();
  atexit(cleanup);
  L = lua_newstate(alloc, NULL);
  fcheck(L != NULL);
  luaL_openlibs(L);
  luaL_requiref(L, "tifa", luaopen_tifa, 1);        /* [tifa] */
  lua_getfield(L, -1, "open");
  lua_pushvalue(L, -1);
  openref = luaL_ref(L, LUA_REGISTRYINDEX);
  if (lua_pcall(L, 0, 2, 0) != LUA_OK || lua_isnil(L, -2)) {
    fprintf(stderr, "fuzz_lua: cannot open the sample corpus (%s)\n", lua_tostring(L, -1));
    abort();
  }
  lua_pop(L, 1);                                    /* [tifa, db] */
  lua_getfield(L, -1, "ingest");
  ingestref = luaL_ref(L, LUA_REGISTRYINDEX);
  /* the pool */
  fcheck(luaL_loadbuffer(L, pool_lua, sizeof(pool_lua) - 1, "=pool") == LUA_OK);
  lua_pushvalue(L, -3);
  lua_pushvalue(L, -3);
  lua_pushstring(L, tmpdir);
  if (lua_pcall(L, 3, 1, 0) != LUA_OK) {
    fprintf(stderr, "fuzz_lua: %s\n", lua_tostring(L, -1));
    abort();
  }
  lua_pushvalue(L, -1);
  poolref = luaL_ref(L, LUA_REGISTRYINDEX);         /* [tifa, db, pool] */
  lua_newtable(L);
  ringref = luaL_ref(L, LUA_REGISTRYINDEX);
  /* the functions */
  lua_pushvalue(L, -3);
  addtable(K_FUNC, "tifa", 0);
  lua_pop(L, 1);
  lua_pushvalue(L, -2);
  addmethods(K_DB, "db");
  lua_pop(L, 1);
  lua_getfield(L, -1, "article");
  addmethods(K_ARTICLE, "article");
  lua_pop(L, 1);
  lua_getfield(L, -1, "set");
  addmethods(K_SET, "set");
  lua_pop(L, 1);
  lua_pushcfunction(L, openstore);
  addentry(K_OPEN, "tifa.open");
  lua_pushcfunction(L, ingestinput);
  addentry(K_INGEST, "db.ingest");
  lua_settop(L, 0);
  qsort(entries, (size_t)nentries, sizeof(entries[0]), byname);   /* the same order every run */
  if (getenv("TIFA_FUZZ_LIST")) {
    int i;
    for (i = 0; i < nentries; i++) fprintf(stderr, "%d %s\n", i, entries[i].name);
  }
  return 0;
}

/* }====== */

/* {====== One input ====== */

static void writeinput (const uint8_t *data, size_t size) {
  static const char *const exts[] = {"txt", "md", "html", "jsonl", "csv"};
  int i;
  for (i = 0; i < 5; i++) {
    char p[128];
    FILE *fp;
    snprintf(p, sizeof(p), "%s/in.%s", tmpdir, exts[i]);
    if ((fp = fopen(p, "wb")) == NULL) abort();
    if (size && fwrite(data, 1, size, fp) != size) abort();
    fclose(fp);
  }
}

/* Push the self of a method of 'kind': mostly the right kind of object, at times anything. */
static void pushself (input *in, int kind) {
  unsigned b = byte(in);
  if (b >= 224) { pushvalue(in, 0); return; }
  switch (kind) {
    case K_DB: case K_INGEST: pushpool(b % 2 ? "db" : "rw"); break;
    case K_ARTICLE: if (b % 3 == 2) pushring(b / 3); else pushpool(b % 3 ? "article" : "rwarticle"); break;
    case K_SET: if (b % 3 == 2) pushring(b / 3); else pushpool("set"); break;
  }
}

static int ringslot;

static void keep (int idx) {       /* an earlier result, for later calls */
  lua_rawgeti(L, LUA_REGISTRYINDEX, ringref);
  lua_pushvalue(L, idx);
  lua_rawseti(L, -2, ++ringslot % RING + 1);
  lua_pop(L, 1);
}

/* An input may ask for an endless loop, as a script may: tifa.text.freq(f) with a pool
** function f that never returns nil iterates for ever. A script at the prompt is stopped by
** Ctrl-C and a sandboxed one by its limits; here each input gets a budget of VM instructions,
** spent by a count hook that raises (in Lua code, so pcall catches it), not a hang. */
#define BUDGET  20000000L                 /* VM instructions an input may run */
static long budget;

static void budgethook (lua_State *L1, lua_Debug *ar) {
  (void)ar;
  if ((budget -= 1000) < 0) luaL_error(L1, "instruction budget of the fuzz input spent");
}

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size) {
  input in;
  int calls;
  budget = BUDGET;
  lua_sethook(L, budgethook, LUA_MASKCOUNT, 1000);
  in.p = data;
  in.n = size;
  in.i = 0;
  ringslot = 0;
  lua_settop(L, 0);
  rwmade = 0;                                       /* the writable store: on first use */
  indata = data;
  insize = size;
  for (calls = 0; calls < MAXCALLS && in.i < in.n; calls++) {
    entry *e = &entries[byte(&in) % (unsigned)nentries];
    int base, nargs, i, st;
    lua_rawgeti(L, LUA_REGISTRYINDEX, e->ref);
    base = lua_gettop(L);
    if (e->kind != K_FUNC && e->kind != K_OPEN) pushself(&in, e->kind);
    nargs = (int)(byte(&in) % 5);
    for (i = 0; i < nargs; i++) pushvalue(&in, 0);
    st = lua_pcall(L, lua_gettop(L) - base, LUA_MULTRET, 0);
    if (st == LUA_OK && lua_gettop(L) >= base) {
      keep(base);
      if (lua_type(L, base) == LUA_TFUNCTION) {     /* an iterator: a few steps of a for loop */
        int steps = (int)(byte(&in) % 5), k;
        int n = lua_gettop(L) - base + 1;
        for (k = 0; k < steps; k++) {
          lua_pushvalue(L, base);                   /* f(s, nil), as a generic for */
          if (n >= 2) lua_pushvalue(L, base + 1); else lua_pushnil(L);
          lua_pushnil(L);
          if (lua_pcall(L, 2, 1, 0) != LUA_OK || lua_isnil(L, -1)) { lua_pop(L, 1); break; }
          keep(-1);
          lua_pop(L, 1);
        }
      }
      if (e->kind == K_INGEST) {
        lua_rawgeti(L, LUA_REGISTRYINDEX, poolref);   /* an article of the writable store */
        lua_getfield(L, -1, "rw");
        if (lua_type(L, -1) == LUA_TUSERDATA) {
          lua_getfield(L, -1, "article");
          if (lua_type(L, -1) == LUA_TFUNCTION) {
            lua_pushvalue(L, -2);
            lua_pushinteger(L, 1);
            if (lua_pcall(L, 2, 1, 0) != LUA_OK) lua_pushnil(L);
            lua_setfield(L, -3, "rwarticle");
          }
          else lua_pop(L, 1);
        }
        lua_pop(L, 2);
      }
    }
    lua_settop(L, 0);
  }
  /* back to the start: the ring and the writable store go; a closed sample corpus reopens */
  lua_newtable(L);
  lua_rawseti(L, LUA_REGISTRYINDEX, ringref);
  lua_rawgeti(L, LUA_REGISTRYINDEX, poolref);
  lua_pushnil(L); lua_setfield(L, -2, "rw");
  lua_pushnil(L); lua_setfield(L, -2, "rwarticle");
  lua_getfield(L, -1, "db");
  if (lua_getfield(L, -1, "path") == LUA_TNIL) {    /* db:close() on the sample: reopen */
    lua_rawgeti(L, LUA_REGISTRYINDEX, openref);
    if (lua_pcall(L, 0, 1, 0) != LUA_OK) abort();
    lua_setfield(L, -4, "db");
    lua_getfield(L, -3, "db");
    lua_getfield(L, -1, "article");
    lua_pushvalue(L, -2);
    lua_pushinteger(L, 1);
    if (lua_pcall(L, 2, 1, 0) != LUA_OK) abort();
    lua_setfield(L, -5, "article");
    lua_getfield(L, -1, "select");
    lua_pushvalue(L, -2);
    if (lua_pcall(L, 1, 1, 0) != LUA_OK) abort();
    lua_setfield(L, -5, "set");
  }
  lua_settop(L, 0);
  lua_gc(L, LUA_GCCOLLECT);                         /* finalizers run here, every input */
  return 0;
}

/* }====== */
