/*
** test_sandbox.c -- the sandbox (host/lua/lsandbox.h) under attack: each rule gets scripts
** that try to break it (running programs, removing and renaming files, writing outside the
** output directory by '..', symbolic and hard links, loading bytecode and C code, the debug
** library, writing the store), and the limits get loops that never end, pcall'd or not, and
** memory bombs, and the code Lua runs with hooks off (finalizers, message handlers, closing
** a coroutine) gets loops too. Every attack is checked by its error text and by its effect
** on the disk. Expected answers come from lsandbox.h and docs/sandbox.md, not from
** lsandbox.c. A script that is not stopped fails the test by a watchdog (SIGALRM); TRACE=1
** prints each script before it runs.
*/
#include <errno.h>
#include <signal.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sqlite3.h>
#include "lua.h"
#include "lauxlib.h"
#include "lualib.h"
#include "tifa.h"
#include "tifa_store.h"
#include "ltifa.h"
#include "lsandbox.h"
#include "check.h"

static char tmpdir[256];                    /* mkdtemp'd, resolved; removed at the end */
static char outdir[300];                    /* tmpdir/out: the output directory */

static const tifai_limits deflim = {64u << 20, 200000000, 20, NULL};

/* {====== Helpers ====== */

static void tmppath (char *out, size_t sz, const char *name) {
  snprintf(out, sz, "%s/%s", tmpdir, name);
}

static void outpath (char *out, size_t sz, const char *name) {
  snprintf(out, sz, "%s/%s", outdir, name);
}

static int exists (const char *path) {
  struct stat st;
  return lstat(path, &st) == 0;
}

static void writefile (const char *path, const char *text) {
  FILE *f = fopen(path, "wb");
  if (f == NULL) { perror(path); exit(1); }
  fputs(text, f);
  fclose(f);
}

/* The whole file as a malloc'ed string (free it), or NULL. */
static char *readall (const char *path, size_t *n) {
  FILE *f = fopen(path, "rb");
  char *p;
  long len;
  if (f == NULL) return NULL;
  fseek(f, 0, SEEK_END);
  len = ftell(f);
  fseek(f, 0, SEEK_SET);
  p = (char *)malloc((size_t)len + 1);
  if (fread(p, 1, (size_t)len, f) != (size_t)len) len = 0;
  p[len] = '\0';
  fclose(f);
  if (n) *n = (size_t)len;
  return p;
}

/* Is the file's content exactly 'want'? */
static int hascontent (const char *path, const char *want) {
  char *got = readall(path, NULL);
  int ok = got != NULL && strcmp(got, want) == 0;
  free(got);
  return ok;
}

static double now (void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* check that 'got' contains 'want', showing both when not */
#define checkhas(got, want) \
  do { const char *g2_ = (got), *w2_ = (want); \
    if (g2_ == NULL || strstr(g2_, w2_) == NULL) { check_failures++; \
      fprintf(stderr, "%s:%d: check failed: %s contains \"%s\"\n  got: %s\n", __FILE__, __LINE__, \
              #got, w2_, g2_ ? g2_ : "(null)"); } } while (0)

/* }====== */

/* {====== Running scripts ====== */

typedef struct Run {
  int status;                       /* of lua_pcall (or of the load) */
  char err[2048];                   /* the error message, "" if none */
  int why, code;                    /* tifai_sandbox_why */
  char whymsg[256];
  int ret;                          /* the chunk's integer result, or -1 */
  double secs;                      /* how long the run took */
} Run;

/* The runner's part, in protected mode as in host/cli: libraries, tifa, the sandbox. */
static int setup (lua_State *L) {
  luaL_openlibs(L);
  luaL_requiref(L, "tifa", luaopen_tifa, 1);
  lua_pop(L, 1);
  tifai_sandbox_apply(L);
  return 0;
}

/* A sandbox state with 'lim' and the globals TMP, OUT and MODDIR (tifa.so's folder). */
static lua_State *newsandbox (const tifai_limits *lim) {
  char err[TIFA_ERRMAX];
  const char *moddir = getenv("TIFA_MODULE_DIR");
  lua_State *L = tifai_sandbox_newstate(lim, err, sizeof(err));
  if (L == NULL) { fprintf(stderr, "cannot make a sandbox: %s\n", err); exit(1); }
  lua_pushcfunction(L, setup);
  if (lua_pcall(L, 0, 0, 0) != LUA_OK) {
    fprintf(stderr, "cannot set up the sandbox: %s\n", lua_tostring(L, -1));
    exit(1);
  }
  lua_pushstring(L, tmpdir);
  lua_setglobal(L, "TMP");
  lua_pushstring(L, outdir);
  lua_setglobal(L, "OUT");
  lua_pushstring(L, moddir ? moddir : "");
  lua_setglobal(L, "MODDIR");
  return L;
}

/* Run 'code' (text) in L as a runner would, filling 'r'. */
static int runin (lua_State *L, const char *code, Run *r) {
  const char *msg;
  double t0 = now();
  memset(r, 0, sizeof(*r));
  r->ret = -1;
  r->status = luaL_loadbufferx(L, code, strlen(code), "=script", "t");
  if (r->status == LUA_OK) r->status = lua_pcall(L, 0, 1, 0);
  r->secs = now() - t0;
  if (r->status != LUA_OK) {
    msg = lua_tostring(L, -1);
    snprintf(r->err, sizeof(r->err), "%s", msg ? msg : "(not a string)");
  }
  else if (lua_isinteger(L, -1)) r->ret = (int)lua_tointeger(L, -1);
  lua_pop(L, 1);
  r->why = tifai_sandbox_why(L, &msg, &r->code);
  snprintf(r->whymsg, sizeof(r->whymsg), "%s", msg);
  return r->status;
}

/* Run 'code' in a new sandbox with 'lim' (the default limits and OUT as output directory
** if NULL), then close it. */
static int run (const tifai_limits *lim, const char *code, Run *r) {
  tifai_limits l = deflim;
  lua_State *L;
  if (lim == NULL) { l.outdir = outdir; lim = &l; }
  L = newsandbox(lim);
  if (getenv("TRACE")) fprintf(stderr, "RUN %s\n", code);
  tifai_sandbox_restart(L);                 /* the clock starts now, as in host/cli */
  runin(L, code, r);
  tifai_sandbox_close(L);
  return r->status;
}

/* An attack: 'code' must fail with an error containing 'want', the sandbox not stopped. */
#define refused(code, want) \
  do { Run r_; run(NULL, code, &r_); \
    if (r_.status == LUA_OK) fprintf(stderr, "%s:%d: this ran: %s\n", __FILE__, __LINE__, code); \
    check(r_.status != LUA_OK); checkhas(r_.err, want); checkint(r_.why, TIFAI_STOP_NONE); } while (0)

/* A script that must run: its error if not, and its integer result. */
static int runs (const tifai_limits *lim, const char *code, int line) {
  Run r;
  if (run(lim, code, &r) != LUA_OK || r.why != TIFAI_STOP_NONE) {
    check_failures++;
    fprintf(stderr, "%s:%d: script failed: %s %s\n", __FILE__, line, r.err, r.whymsg);
  }
  return r.ret;
}
#define RUNS(code)  runs(NULL, code, __LINE__)

/* }====== */

/* {====== The API ====== */

static void test_api (void) {
  char err[TIFA_ERRMAX], p[PATH_MAX];
  tifai_limits lim = deflim;
  lua_State *L;
  const char *msg = NULL;
  int code = 7;
  /* output directory missing, or a file */
  tmppath(p, sizeof(p), "no-such-dir");
  lim.outdir = p;
  check(tifai_sandbox_newstate(&lim, err, sizeof(err)) == NULL);
  checkhas(err, "cannot use the output directory '");
  checkhas(err, "No such file or directory");
  tmppath(p, sizeof(p), "plainfile");
  writefile(p, "x");
  check(tifai_sandbox_newstate(&lim, err, sizeof(err)) == NULL);
  checkhas(err, "Not a directory");
  lim.outdir = NULL;
  lim.mem = 1000;
  check(tifai_sandbox_newstate(&lim, err, sizeof(err)) == NULL);
  checkstr(err, "memory limit too small (at least 1 MB)");
  /* a state the sandbox did not make: apply raises, why says nothing, close just closes */
  L = luaL_newstate();
  lua_pushcfunction(L, setup);
  check(lua_pcall(L, 0, 0, 0) != LUA_OK);
  checkhas(lua_tostring(L, -1), "not a sandbox state");
  lua_pop(L, 1);
  checkint(tifai_sandbox_why(L, &msg, &code), TIFAI_STOP_NONE);
  checkstr(msg, "");
  checkint(code, 0);
  tifai_sandbox_close(L);
  tifai_sandbox_close(NULL);
  /* a fresh sandbox has no stop */
  lim = deflim;
  L = newsandbox(&lim);
  checkint(tifai_sandbox_why(L, &msg, NULL), TIFAI_STOP_NONE);
  checkstr(msg, "");
  tifai_sandbox_close(L);
}

/* }====== */

/* {====== Programs, files removed or renamed ====== */

static void test_forbidden (void) {
  char marker[PATH_MAX], keep[PATH_MAX], keep2[PATH_MAX], okeep[PATH_MAX];
  Run r;
  tmppath(marker, sizeof(marker), "pwned");
  tmppath(keep, sizeof(keep), "keep.txt");
  tmppath(keep2, sizeof(keep2), "keep2.txt");
  outpath(okeep, sizeof(okeep), "keep.txt");
  writefile(keep, "keep");
  writefile(okeep, "keep");
  refused("os.execute('touch ' .. TMP .. '/pwned')", "script:1: os.execute is not allowed in a sandboxed script");
  refused("os.execute()", "os.execute is not allowed in a sandboxed script");
  refused("io.popen('touch ' .. TMP .. '/pwned')", "io.popen is not allowed in a sandboxed script");
  refused("io.popen('cat', 'w')", "io.popen is not allowed in a sandboxed script");
  check(!exists(marker));
  refused("os.remove(TMP .. '/keep.txt')", "os.remove is not allowed in a sandboxed script");
  refused("os.remove(OUT .. '/keep.txt')", "os.remove is not allowed in a sandboxed script");
  refused("os.rename(TMP .. '/keep.txt', TMP .. '/keep2.txt')", "os.rename is not allowed in a sandboxed script");
  refused("os.rename(OUT .. '/keep.txt', OUT .. '/keep2.txt')", "os.rename is not allowed in a sandboxed script");
  check(hascontent(keep, "keep") && hascontent(okeep, "keep") && !exists(keep2));
  refused("os.tmpname()", "os.tmpname is not allowed in a sandboxed script");
  refused("io.tmpfile()", "io.tmpfile is not allowed in a sandboxed script");
  refused("os.setlocale('C')", "os.setlocale cannot change the locale in a sandboxed script");
  refused("os.setlocale('', 'all')", "os.setlocale cannot change the locale in a sandboxed script");
  /* through another name, a coroutine, pcall: the same function */
  refused("local x = os.execute; x('true')", "os.execute is not allowed in a sandboxed script");
  refused("coroutine.wrap(function () require('os').execute('true') end)()",
          "os.execute is not allowed in a sandboxed script");
  run(NULL, "local ok, e = pcall(os.execute, 'touch ' .. TMP .. '/pwned') error(e, 0)", &r);
  checkstr(r.err, "os.execute is not allowed in a sandboxed script");
  check(!exists(marker));
  /* what stays */
  checkint(RUNS("return type(os.setlocale()) == 'string' and os.time() > 0 and os.clock() >= 0"
                " and os.getenv('NO_SUCH_VARIABLE_X') == nil and #os.date('%Y') == 4 and 1 or 0"), 1);
}

/* }====== */

/* {====== Writes: only below the output directory ====== */

static void test_writes (void) {
  char p[PATH_MAX], q[PATH_MAX], msg[2 * PATH_MAX], code[2 * PATH_MAX];
  static const char *const modes[] = {"w", "a", "r+", "w+", "a+", "wb", "ab", "r+b", NULL};
  tifai_limits lim = deflim;
  Run r;
  int i;
  /* a file outside, every mode that writes: refused, the file untouched */
  tmppath(p, sizeof(p), "existing.txt");
  writefile(p, "original");
  snprintf(msg, sizeof(msg), "cannot open file '%s' for writing (outside the output directory '%s')", p, outdir);
  for (i = 0; modes[i]; i++) {
    snprintf(code, sizeof(code), "local f = io.open(TMP .. '/existing.txt', '%s') f:write('x') f:close()", modes[i]);
    refused(code, msg);
  }
  check(hascontent(p, "original"));
  tmppath(p, sizeof(p), "outside.txt");
  refused("io.open(TMP .. '/outside.txt', 'w')", "for writing (outside the output directory");
  check(!exists(p));
  /* '..' out of the output directory */
  outpath(p, sizeof(p), "sub");
  mkdir(p, 0777);
  refused("io.open(OUT .. '/../escape.txt', 'w')", "for writing (outside the output directory");
  refused("io.open(OUT .. '/sub/../../escape.txt', 'w')", "for writing (outside the output directory");
  refused("io.open(OUT .. '/sub/../../out/../escape.txt', 'a')", "for writing (outside the output directory");
  tmppath(p, sizeof(p), "escape.txt");
  check(!exists(p));
  /* a relative name: against the current directory (tmpdir), which is outside */
  refused("io.open('relative.txt', 'w')", "cannot open file 'relative.txt' for writing (outside the output directory");
  refused("io.open('out/../relative.txt', 'w')", "for writing (outside the output directory");
  tmppath(p, sizeof(p), "relative.txt");
  check(!exists(p));
  /* a symbolic link to a folder outside */
  outpath(q, sizeof(q), "linkdir");
  check(symlink(tmpdir, q) == 0);
  refused("io.open(OUT .. '/linkdir/viadir.txt', 'w')", "for writing (outside the output directory");
  refused("io.open(OUT .. '/linkdir/existing.txt', 'a')", "for writing (outside the output directory");
  tmppath(p, sizeof(p), "viadir.txt");
  check(!exists(p));
  tmppath(p, sizeof(p), "existing.txt");
  check(hascontent(p, "original"));
  /* a symbolic link to a file outside, and a dangling one */
  tmppath(p, sizeof(p), "target.txt");
  writefile(p, "target");
  outpath(q, sizeof(q), "linkfile");
  check(symlink(p, q) == 0);
  for (i = 0; modes[i]; i++) {
    snprintf(code, sizeof(code), "local f = io.open(OUT .. '/linkfile', '%s') f:write('x') f:close()", modes[i]);
    refused(code, "/linkfile' for writing (a symbolic link)");
  }
  check(hascontent(p, "target"));
  tmppath(p, sizeof(p), "made-by-dangling.txt");
  outpath(q, sizeof(q), "dangling");
  check(symlink(p, q) == 0);
  refused("io.open(OUT .. '/dangling', 'w')", "for writing (a symbolic link)");
  check(!exists(p));
  /* a symbolic link inside, to a file inside: refused too (docs/sandbox.md) */
  outpath(p, sizeof(p), "inside.txt");
  writefile(p, "inside");
  outpath(q, sizeof(q), "inlink");
  check(symlink(p, q) == 0);
  refused("io.open(OUT .. '/inlink', 'w')", "for writing (a symbolic link)");
  check(hascontent(p, "inside"));
  /* a hard link to a file outside */
  tmppath(p, sizeof(p), "hardorig.txt");
  writefile(p, "hard");
  outpath(q, sizeof(q), "hardlink");
  check(link(p, q) == 0);
  refused("io.open(OUT .. '/hardlink', 'w'):write('x')", "for writing (a file with other hard links)");
  refused("io.open(OUT .. '/hardlink', 'a'):write('x')", "for writing (a file with other hard links)");
  check(hascontent(p, "hard"));
  /* io.output by name */
  refused("io.output(TMP .. '/viaoutput.txt') io.write('x')", "for writing (outside the output directory");
  refused("io.output(OUT .. '/linkfile') io.write('x')", "for writing (a symbolic link)");
  tmppath(p, sizeof(p), "viaoutput.txt");
  check(!exists(p));
  tmppath(p, sizeof(p), "target.txt");
  check(hascontent(p, "target"));
  /* no output directory: no writes at all */
  lim.outdir = NULL;
  run(&lim, "io.open(OUT .. '/nodir.txt', 'w')", &r);
  check(r.status != LUA_OK);
  checkhas(r.err, "/nodir.txt' for writing (a sandboxed script has no output directory)");
  run(&lim, "io.output(OUT .. '/nodir.txt')", &r);
  checkhas(r.err, "for writing (a sandboxed script has no output directory)");
  outpath(p, sizeof(p), "nodir.txt");
  check(!exists(p));
  /* tifa.out writes through the state's io.open: the same rule */
  refused("tifa.out.csv({{a = 1}}, {file = TMP .. '/tifaout.csv'})", "for writing (outside the output directory");
  refused("tifa.out.json({a = 1}, {file = OUT .. '/../tifaout.json'})", "for writing (outside the output directory");
  tmppath(p, sizeof(p), "tifaout.csv");
  check(!exists(p));
  tmppath(p, sizeof(p), "tifaout.json");
  check(!exists(p));
  checkint(RUNS("return assert(tifa.out.csv({{a = 1}}, {file = OUT .. '/tifaout.csv'})) and 1 or 0"), 1);
  outpath(p, sizeof(p), "tifaout.csv");
  check(exists(p));
  /* so does tifa.chart.svg with file = (it once wrote with fopen); tifa.graph.svg too */
  refused("tifa.chart.svg({labels = {'a'}, values = {1}, file = TMP .. '/chart.svg'})",
          "for writing (outside the output directory");
  tmppath(p, sizeof(p), "chart.svg");
  check(!exists(p));
  checkint(RUNS("return tifa.chart.svg({labels = {'a'}, values = {1}, file = OUT .. '/chart.svg'}) == true and 1 or 0"), 1);
  outpath(p, sizeof(p), "chart.svg");
  check(exists(p));
  /* a bad mode is misuse, as in liolib */
  refused("io.open(OUT .. '/x.txt', 'rw')", "bad argument #2 to 'open' (invalid mode)");
  refused("io.open(OUT .. '/x.txt', 'x')", "bad argument #2 to 'open' (invalid mode)");
  /* what works: writing, appending, truncating, updating inside; failures as io.open's */
  checkint(RUNS("local f = assert(io.open(OUT .. '/a.txt', 'w')) f:write('hello, world') f:close()"
                " f = assert(io.open(OUT .. '/a.txt', 'a')) f:write('!') f:close()"
                " f = assert(io.open(OUT .. '/sub/b.txt', 'wb')) f:write('b') f:close()"
                " f = assert(io.open(OUT .. '/sub/../c.txt', 'w')) f:write('long text') f:close()"
                " f = assert(io.open(OUT .. '/c.txt', 'w')) f:write('c') f:close()"
                " f = assert(io.open(OUT .. '/sub/b.txt', 'r+')) f:write('B') f:close()"
                " f = assert(io.open(OUT .. '/linkdir/out/d.txt', 'w')) f:write('d') f:close()"
                " assert(io.type(f) == 'closed file')"
                " local g, e, n = io.open(OUT .. '/nosuchdir/x.txt', 'w')"
                " assert(g == nil and e:find('No such file or directory', 1, true) and n == 2, e)"
                " g, e = io.open(OUT .. '/sub', 'w') assert(g == nil, 'opened a folder')"
                " g, e = io.open(OUT .. '/new.txt', 'r+') assert(g == nil and e:find('No such file'), e)"
                " io.output(OUT .. '/e.txt') io.write('e') io.close() io.output(io.stdout)"
                " return 1"), 1);
  outpath(p, sizeof(p), "a.txt");
  check(hascontent(p, "hello, world!"));
  outpath(p, sizeof(p), "sub/b.txt");
  check(hascontent(p, "B"));
  outpath(p, sizeof(p), "c.txt");
  check(hascontent(p, "c"));
  outpath(p, sizeof(p), "d.txt");
  check(hascontent(p, "d"));
  outpath(p, sizeof(p), "e.txt");
  check(hascontent(p, "e"));
  /* reading is not restricted: a file outside, by io.open, io.lines and io.input */
  checkint(RUNS("local f = assert(io.open(TMP .. '/existing.txt')) local s = f:read('a') f:close()"
                " local n = 0 for l in io.lines(TMP .. '/target.txt') do n = n + #l end"
                " io.input(TMP .. '/hardorig.txt') local h = io.read('a') io.input(io.stdin)"
                " return (s == 'original' and n == 6 and h == 'hard') and 1 or 0"), 1);
}

/* }====== */

/* {====== Chunks: text only, no C ====== */

static void test_chunks (void) {
  char p[PATH_MAX];
  const char *moddir = getenv("TIFA_MODULE_DIR");
  /* a binary chunk by load, whatever the mode asked */
  refused("local f, e = load(string.dump(function () return 1 end)) error(e, 0)",
          "attempt to load a binary chunk (mode is 't')");
  refused("local f, e = load(string.dump(function () return 1 end), 'x', 'b') error(e, 0)",
          "attempt to load a binary chunk (mode is 't')");
  refused("local f, e = load(string.dump(function () return 1 end), 'x', 'bt', {}) error(e, 0)",
          "attempt to load a binary chunk (mode is 't')");
  refused("local s = string.dump(function () return 1 end) local i = 0"
          " local f, e = load(function () i = i + 1 return i == 1 and s or nil end) error(e, 0)",
          "attempt to load a binary chunk (mode is 't')");
  /* bytecode in a file: loadfile, dofile, require */
  checkint(RUNS("local f = assert(io.open(OUT .. '/evil.luac', 'wb'))"
                " f:write(string.dump(function () return 666 end)) f:close()"
                " f = assert(io.open(OUT .. '/evil.lua', 'wb'))"
                " f:write(string.dump(function () return 666 end)) f:close()"
                " f = assert(io.open(OUT .. '/good.lua', 'w')) f:write('return 42') f:close() return 1"), 1);
  outpath(p, sizeof(p), "evil.luac");
  check(exists(p));
  refused("local f, e = loadfile(OUT .. '/evil.luac') error(e, 0)", "attempt to load a binary chunk (mode is 't')");
  refused("local f, e = loadfile(OUT .. '/evil.luac', 'b') error(e, 0)", "attempt to load a binary chunk (mode is 't')");
  refused("local f, e = loadfile(OUT .. '/evil.luac', 'bt', _ENV) error(e, 0)", "attempt to load a binary chunk");
  refused("return dofile(OUT .. '/evil.luac')", "attempt to load a binary chunk (mode is 't')");
  refused("package.path = OUT .. '/?.lua' return require 'evil'", "error loading module 'evil' from file '");
  refused("package.path = OUT .. '/?.lua' return require 'evil'", "attempt to load a binary chunk (mode is 't')");
  /* text still loads, with its env */
  checkint(RUNS("return load('return 1 + 1')() + loadfile(OUT .. '/good.lua')() + dofile(OUT .. '/good.lua')"
                " + load('return x', 'c', 't', {x = 1})()"), 2 + 42 + 42 + 1);
  checkint(RUNS("package.path = OUT .. '/?.lua' return require 'good'"), 42);
  checkint(RUNS("local f, e = load('return 1', 'c', 'b') return f and f() or 0"), 1);   /* 't' wins */
  refused("load(nil)", "bad argument #1 to 'load' (function expected, got nil)");
  refused("loadfile({})", "bad argument #1 to 'loadfile' (string expected, got table)");
  /* C modules: no C searcher, no loadlib */
  checkint(RUNS("return #package.searchers"), 2);
  if (moddir == NULL || moddir[0] == '\0') fprintf(stderr, "TIFA_MODULE_DIR not set: C module tests use a made-up path\n");
  snprintf(p, sizeof(p), "%s/tifa.so", moddir ? moddir : "/nonexistent");
  if (moddir && moddir[0]) check(exists(p));      /* the attack has a real module to load */
  refused("package.cpath = MODDIR .. '/?.so' package.loaded.tifa = nil return require 'tifa'",
          "module 'tifa' not found");
  refused("package.cpath = MODDIR .. '/?.so' return require 'tifa.text.x'", "module 'tifa.text.x' not found");
  refused("return package.loadlib(MODDIR .. '/tifa.so', 'luaopen_tifa')",
          "package.loadlib is not allowed in a sandboxed script");
  refused("return package.loadlib(MODDIR .. '/tifa.so', '*')", "package.loadlib is not allowed in a sandboxed script");
  checkint(RUNS("package.preload.mine = function () return 7 end return require 'mine'"), 7);
}

/* }====== */

/* {====== The debug library ====== */

static void test_debug (void) {
  refused("debug.sethook()", "debug.sethook is not allowed in a sandboxed script");
  refused("debug.sethook(function () end, '', 0)", "debug.sethook is not allowed in a sandboxed script");
  refused("return debug.getregistry()", "debug.getregistry is not allowed in a sandboxed script");
  refused("return debug.getupvalue(io.open, 1)", "debug.getupvalue is not allowed in a sandboxed script");
  refused("return debug.setupvalue(io.open, 1, nil)", "debug.setupvalue is not allowed in a sandboxed script");
  refused("return debug.getinfo(1)", "debug.getinfo is not allowed in a sandboxed script");
  refused("return debug.getlocal(1, 1)", "debug.getlocal is not allowed in a sandboxed script");
  refused("return debug.getmetatable('')", "debug.getmetatable is not allowed in a sandboxed script");
  refused("return debug.setmetatable(1, {})", "debug.setmetatable is not allowed in a sandboxed script");
  refused("return require('debug').sethook", "debug.sethook is not allowed in a sandboxed script");
  refused("return package.loaded.debug.upvalueid", "debug.upvalueid is not allowed in a sandboxed script");
  /* traceback stays, for xpcall(f, debug.traceback) */
  checkint(RUNS("local ok, e = xpcall(error, debug.traceback, 'boom')"
                " return (not ok and e:find('boom', 1, true) and e:find('stack traceback', 1, true)) and 1 or 0"), 1);
}

/* }====== */

/* {====== Limits ====== */

/* 'code' must be stopped by 'why' with 'msg' (and the error text must say it, unless the
** error is Lua's "not enough memory"); returns the run's time. */
static double stopped (const tifai_limits *lim, const char *code, int why, const char *msg, int line) {
  Run r;
  run(lim, code, &r);
  if (r.status == LUA_OK || r.why != why || strcmp(r.whymsg, msg) != 0) {
    check_failures++;
    fprintf(stderr, "%s:%d: not stopped as expected: status %d, why %d (%s), error %s\n",
            __FILE__, line, r.status, r.why, r.whymsg, r.err);
  }
  else if (strstr(r.err, msg) == NULL && strcmp(r.err, "not enough memory") != 0) {
    check_failures++;
    fprintf(stderr, "%s:%d: error does not say it: %s\n", __FILE__, line, r.err);
  }
  return r.secs;
}

static const char *const loops[] = {
  "while true do end",
  "local i = 0 while true do i = i + 1 end",
  "for i = 1, math.maxinteger do end",
  "local function f () return f() end f()",                                 /* a tail call */
  "::top:: goto top",
  /* pcall cannot swallow the stop */
  "while true do pcall(function () while true do end end) end",
  "while true do pcall(pcall, pcall, function () while true do end end) end",
  "while true do xpcall(function () while true do end end, function () while true do end end) end",
  "while true do xpcall(error, function () while true do end end) end",
  "while true do local ok = pcall(function () while true do end end) while not ok do end end",
  "while true do coroutine.resume(coroutine.create(function () while true do end end)) end",
  "while true do pcall(coroutine.wrap(function () while true do end end)) end",
  "local co = coroutine.wrap(function () while true do coroutine.yield() end end) while true do pcall(co) end",
  "while true do local x <close> = setmetatable({}, {__close = function () while true do end end}) end",
  /* code Lua runs with hooks off: message handlers after a hook's error, to-be-closed
  ** variables of a coroutine that error ends (closed by wrap or close) */
  "xpcall(function () while true do end end, function () while true do end end)",
  "xpcall(function () while true do end end, function (e) return e .. ('x'):rep(10) end) while true do end",
  "coroutine.wrap(function () local x <close> = setmetatable({}, {__close = function () while true do end end})"
  " while true do end end)()",
  "coroutine.wrap(function () local x <close> = setmetatable({}, {__close = function () while true do end end})"
  " table.sort({1, 2, 3}, function () while true do end end) end)()",
  "local co = coroutine.create(function () local x <close> = setmetatable({}, {__close = function () while true do end end})"
  " while true do end end) coroutine.resume(co) coroutine.close(co)",
  "local co = coroutine.create(function () local x <close> = setmetatable({}, {__close = function () while true do end end})"
  " while true do end end) pcall(coroutine.close, co, coroutine.resume(co))",
  "while true do pcall(string.gsub, ('x'):rep(100), '.', function () while true do end end) end",
  "while true do pcall(table.sort, {3, 2, 1}, function () while true do end end) end",
  "while true do pcall(load, function () while true do end end) end",
  "while true do pcall(setmetatable({}, {__index = function () while true do end end}).x) end",
  "while true do pcall(tostring, setmetatable({}, {__tostring = function () while true do end end})) end",
  /* inside tifa's C functions, which must unwind cleanly (no leak under ASan) */
  "local db = tifa.open() while true do pcall(db.search, db, '发展', setmetatable({}, {__index = function ()"
  " while true do end end})) end",
  "local db = tifa.open() for a in db:articles() do while true do end end",
  "local db = tifa.open() while true do pcall(function () for a in db:articles() do while true do end end end) end",
  "while true do pcall(tifa.text.words, '高质量发展', setmetatable({}, {__index = function () while true do end end})) end",
  NULL
};

static void test_loops (void) {
  tifai_limits lim = deflim;
  int i;
  double t;
  /* the instruction limit, no time limit */
  lim.instructions = 1000000;
  lim.seconds = 0;
  for (i = 0; loops[i]; i++)
    stopped(&lim, loops[i], TIFAI_STOP_INSTRUCTIONS, "script exceeded the instruction limit (1000000)", __LINE__);
  /* the position of the loop, as Lua gives positions */
  {
    Run r;
    run(&lim, "local x = 1\nwhile true do\n  x = x + 1\nend", &r);
    check(strncmp(r.err, "script:", 7) == 0);
    checkhas(r.err, "script exceeded the instruction limit (1000000)");
  }
  /* the time limit, with an instruction limit far away */
  lim.instructions = 1000000000000LL;
  lim.seconds = 0.25;
  for (i = 0; loops[i]; i++) {
    if (i % 4 != 0) continue;
    t = stopped(&lim, loops[i], TIFAI_STOP_TIME, "script exceeded the time limit (0.25 s)", __LINE__);
    check(t >= 0.25 && t < 60);
  }
  t = stopped(&lim, "while true do pcall(function () while true do end end) end", TIFAI_STOP_TIME,
              "script exceeded the time limit (0.25 s)", __LINE__);
  check(t >= 0.25 && t < 60);
  lim.seconds = 1;
  stopped(&lim, "while true do end", TIFAI_STOP_TIME, "script exceeded the time limit (1 s)", __LINE__);
  /* a script that ends within its limits is not stopped */
  lim.instructions = 10000000;
  lim.seconds = 20;
  checkint(runs(&lim, "local n = 0 for i = 1, 100000 do n = n + i end return n == 5000050000 and 1 or 0", __LINE__), 1);
}

/* After a stop the script gets nowhere: nothing after the pcall runs. Then the state
** restarts and runs again, and closes (its looping finalizer included). */
static void test_stop_sticks (void) {
  tifai_limits lim = deflim;
  lua_State *L;
  Run r;
  lim.instructions = 1000000;
  lim.seconds = 0;
  L = newsandbox(&lim);
  runin(L, "for i = 1, 100 do pcall(function () while true do end end) end REACHED = true", &r);
  checkint(r.why, TIFAI_STOP_INSTRUCTIONS);
  check(r.status != LUA_OK);
  check(lua_getglobal(L, "REACHED") == LUA_TNIL);
  lua_pop(L, 1);
  /* still stopped until the runner restarts it */
  runin(L, "REACHED = true", &r);
  check(r.status != LUA_OK);
  checkint(r.why, TIFAI_STOP_INSTRUCTIONS);
  check(lua_getglobal(L, "REACHED") == LUA_TNIL);
  lua_pop(L, 1);
  tifai_sandbox_restart(L);
  runin(L, "local n = 0 for i = 1, 1000 do n = n + i end return n", &r);
  checkint(r.status, LUA_OK);
  checkint(r.why, TIFAI_STOP_NONE);
  checkint(r.ret, 500500);
  /* the budget is per run: 10 runs of 200000 instructions each pass */
  {
    int i, ok = 1;
    for (i = 0; i < 10; i++) {
      tifai_sandbox_restart(L);
      runin(L, "local n = 0 for i = 1, 50000 do n = n + 1 end return n", &r);
      ok = ok && r.status == LUA_OK && r.ret == 50000;
    }
    check(ok);
  }
  /* a coroutine the hook raised in, holding a to-be-closed variable that never ends, from
  ** one run to the next: closing it runs nothing */
  tifai_sandbox_restart(L);
  runin(L, "CO = coroutine.create(function () local x <close> = setmetatable({}, {__close = function ()"
           " while true do end end}) while true do end end) coroutine.resume(CO)", &r);
  checkint(r.why, TIFAI_STOP_INSTRUCTIONS);
  tifai_sandbox_restart(L);
  runin(L, "local ok, e = coroutine.close(CO) return (not ok and e == 'cannot close a coroutine the sandbox stopped') and 1 or 0", &r);
  checkint(r.status, LUA_OK);
  checkint(r.ret, 1);
  checkint(r.why, TIFAI_STOP_NONE);
  /* the same left suspended by a yield: closing runs it, with the hook */
  runin(L, "CO = coroutine.create(function () local x <close> = setmetatable({}, {__close = function ()"
           " while true do end end}) coroutine.yield() end) coroutine.resume(CO) return 1", &r);
  checkint(r.ret, 1);
  runin(L, "coroutine.close(CO)", &r);
  checkint(r.why, TIFAI_STOP_INSTRUCTIONS);
  /* and closing the state with coroutines suspended or killed ends too */
  tifai_sandbox_restart(L);
  runin(L, "CO2 = coroutine.wrap(function () local x <close> = setmetatable({}, {__close = function ()"
           " while true do end end}) coroutine.yield() end) CO2() return 1", &r);
  checkint(r.ret, 1);
  tifai_sandbox_close(L);
}

/* Every kind of value tifa returns, reached from a script: no metatable a script can get
** is shared between the results of two calls (one shared could take a __gc for the next
** result; a metatable made for one result cannot, Lua marks objects at setmetatable).
** Then every metatable in the registry (luaL_newmetatable's, made up front or on first
** use) has a __metatable field. */
static const char classes[] =
  "local db = tifa.open()\n"
  "local owner, seen, bad = {}, {}, {}\n"
  "local function walk (v, call, path, depth)\n"
  "  if (type(v) ~= 'table' and type(v) ~= 'userdata') or seen[v] or depth > 4 then return end\n"
  "  seen[v] = true\n"
  "  local mt = getmetatable(v)\n"
  "  if type(mt) == 'table' then\n"
  "    if owner[mt] and owner[mt] ~= call then bad[#bad + 1] = path .. ' shares a metatable with ' .. owner[mt] end\n"
  "    owner[mt] = owner[mt] or call\n"
  "  elseif mt ~= nil and type(mt) ~= 'string' then bad[#bad + 1] = path .. ': ' .. type(mt) end\n"
  "  if type(v) == 'table' then\n"
  "    local n = 0\n"
  "    for k, x in next, v do n = n + 1 if n > 20 then break end walk(x, call, path .. '.' .. tostring(k), depth + 1) end\n"
  "  end\n"
  "end\n"
  "local function try (call, f, ...)\n"
  "  local r = table.pack(pcall(f, ...))\n"
  "  for i = 2, r.n do walk(r[i], call, call, 0) end\n"
  "end\n"
  "local a = db:article(1)\n"
  "local s = [[新华社北京3月18日电 高质量发展是全面建设社会主义现代化国家的首要任务。2023年增长5.2%。\n\n"
  "习近平总书记指出：“发展是第一要务。”根据《中华人民共和国宪法》，一、坚持；二、推进。]]\n"
  "local calls = {\n"
  "  {'db', function () return db end}, {'open', tifa.open}, {'article', db.article, db, 1},\n"
  "  {'articles', db.articles, db}, {'search', db.search, db, '发展'}, {'count', db.count, db, '发展'},\n"
  "  {'words', db.words, db}, {'sql', db.sql, db, 'SELECT id, title FROM article'},\n"
  "  {'select', db.select, db}, {'select2', function () local x = db:select() return x, x:ids() end},\n"
  "  {'kwic', db.kwic, db, '发展'}, {'kwic2', db.kwic, db, '改革'}, {'akwic', a and a.kwic, a, '发展'},\n"
  "  {'timeline', db.timeline, db, '发展'}, {'dispersion', db.dispersion, db, '发展'},\n"
  "  {'track', db.track, db, {'发展', '改革'}}, {'freq', db.freq, db}, {'keywords', db.keywords, db},\n"
  "  {'keyness', db.keyness, db, {1}, {2}}, {'collocates', db.collocates, db, '发展'},\n"
  "  {'summary', db.summary, db, 1}, {'asummary', a and a.summary, a}, {'akeywords', a and a.keywords, a},\n"
  "  {'reuse', db.reuse, db}, {'duplicates', db.duplicates, db}, {'similar', db.similar, db, 1},\n"
  "  {'quotes', db.quotes, db}, {'citations', db.citations, db}, {'aquotes', a and a.quotes, a},\n"
  "  {'paragraphs', a and a.paragraphs, a}, {'sections', a and a.sections, a}, {'sentences', a and a.sentences, a},\n"
  "  {'graph', tifa.graph.dot, {nodes = {{id = 1}, {id = 2}}, edges = {{1, 2}}}},\n"
  "  {'bars', tifa.chart.bars, {labels = {'a'}, values = {1}}}, {'spark', tifa.chart.sparkline, {1, 2, 3}},\n"
  "  {'stdout', function () return io.stdout, io.lines(TMP .. '/existing.txt') end},\n"
  "}\n"
  "for name, f in pairs(tifa.text) do if type(f) == 'function' then calls[#calls + 1] = {'text.' .. name, f, s} end end\n"
  "for name, f in pairs(tifa.text) do if type(f) == 'function' then calls[#calls + 1] = {'text2.' .. name, f, s, {}} end end\n"
  "for _, c in ipairs(calls) do if c[2] then try(table.unpack(c)) end end\n"
  "for _, c in ipairs(calls) do if c[2] then try(c[1] .. '#2', table.unpack(c, 2)) end end\n"
  "assert(#bad == 0, table.concat(bad, '; '))\n"
  "return 1\n";

static void test_classes (void) {
  tifai_limits lim = deflim;
  lua_State *L;
  Run r;
  int n = 0, unprotected = 0;
  lim.outdir = outdir;
  L = newsandbox(&lim);
  tifai_sandbox_restart(L);
  runin(L, classes, &r);
  if (r.status != LUA_OK) fprintf(stderr, "%s\n", r.err);
  checkint(r.ret, 1);
  lua_pushnil(L);
  while (lua_next(L, LUA_REGISTRYINDEX) != 0) {
    if (lua_istable(L, -1)) {
      if (lua_getfield(L, -1, "__name") == LUA_TSTRING) {
        n++;
        if (lua_getfield(L, -2, "__metatable") != LUA_TSTRING) {
          unprotected++;
          fprintf(stderr, "%s:%d: metatable '%s' is not protected\n", __FILE__, __LINE__, lua_tostring(L, -2));
        }
        lua_pop(L, 1);
      }
      lua_pop(L, 1);
    }
    lua_pop(L, 1);
  }
  check(n >= 10);                           /* tifa's classes, made on first use too */
  checkint(unprotected, 0);
  tifai_sandbox_close(L);
}

static int finalized = 0;

static int markfinalized (lua_State *L) {
  (void)L;
  finalized++;
  return 0;
}

/* Should a Lua finalizer get into a registered metatable anyway (a class made without
** tifai_newmetatable), closing the state does not run it: its loop would run beyond
** every limit. */
static void test_close (void) {
  tifai_limits lim = deflim;
  lua_State *L = newsandbox(&lim);
  Run r;
  lua_pushcfunction(L, markfinalized);
  lua_setglobal(L, "MARK");
  luaL_newmetatable(L, "test.unprotected");         /* a class its library forgot to protect */
  lua_pop(L, 1);
  lua_newuserdatauv(L, 1, 0);
  luaL_setmetatable(L, "test.unprotected");
  lua_setglobal(L, "OBJ");
  runin(L, "local mt = getmetatable(OBJ)"
           " mt.__gc = function () MARK() end"
           " local o = OBJ return 1", &r);
  checkint(r.ret, 1);
  tifai_sandbox_restart(L);
  /* new objects of the class now have a finalizer: made by its C library */
  lua_newuserdatauv(L, 1, 0);
  luaL_setmetatable(L, "test.unprotected");
  lua_setglobal(L, "OBJ2");
  tifai_sandbox_close(L);                   /* returns, and ran no Lua finalizer */
  checkint(finalized, 0);
}

/* Finalizers run with hooks off: a script may not have any. */
static void test_finalizers (void) {
  refused("setmetatable({}, {__gc = function () while true do end end})",
          "__gc metamethods are not allowed in a sandboxed script");
  refused("setmetatable({}, {__gc = true})", "__gc metamethods are not allowed in a sandboxed script");
  refused("setmetatable({}, {__gc = false})", "__gc metamethods are not allowed in a sandboxed script");
  checkint(RUNS("setmetatable({}, setmetatable({}, {__index = {__gc = print}})) return 1"), 1);  /* raw, as Lua */
  /* a __gc put in afterwards does not make a finalizer (Lua marks objects at setmetatable) */
  checkint(RUNS("local mt = {} local t = setmetatable({}, mt) mt.__gc = function () FIN = 1 end"
                " t = nil collectgarbage() collectgarbage() return FIN or 0"), 0);
  /* the metatables of C objects are protected: no __gc of the script's into files or dbs */
  checkint(RUNS("return (getmetatable(io.stdout) == 'FILE*' and getmetatable(tifa.open()) == 'tifa.db') and 1 or 0"), 1);
  refused("getmetatable(io.stdout).__gc = function () while true do end end", "attempt to index a string value");
  refused("local f = io.open(TMP .. '/existing.txt') setmetatable(f, {})", "bad argument #1 to 'setmetatable'");
  refused("setmetatable(tifa.open():article(1), {__gc = print})", "__gc metamethods are not allowed");
  refused("setmetatable(tifa.open():article(1), nil)", "cannot change a protected metatable");
  /* every metatable tifa makes, also those made on first use (after the sandbox was
  ** applied): kwic results, lexicons, reuse results... The attack: a finalizer in the
  ** metatable of db:kwic's results, run by the next result with hooks off */
  refused("getmetatable(tifa.open():kwic('发展')).__gc = function () FIN = true end",   /* a loop, in earnest */
          "attempt to index a string value");
  checkint(RUNS("return getmetatable(tifa.open():kwic('发展')) == 'tifa.kwic' and 1 or 0"), 1);
  test_classes();
  /* setmetatable otherwise as in Lua */
  checkint(RUNS("local t = setmetatable({}, {__index = function () return 5 end}) return t.x"), 5);
  refused("setmetatable(1, {})", "bad argument #1 to 'setmetatable' (table expected, got number)");
  refused("setmetatable({}, 1)", "bad argument #2 to 'setmetatable' (nil or table expected");
}

static void test_memory (void) {
  tifai_limits lim = deflim;
  lua_State *L;
  Run r;
  lim.mem = 16u << 20;
  lim.instructions = 0;
  lim.seconds = 600;      /* a safety net (a loaded machine, ASan): memory must stop these first */
  stopped(&lim, "local s = 'x' while true do s = s .. s end", TIFAI_STOP_MEMORY,
          "script exceeded the memory limit (16 MB)", __LINE__);
  stopped(&lim, "local t = {} for i = 1, math.maxinteger do t[i] = i end", TIFAI_STOP_MEMORY,
          "script exceeded the memory limit (16 MB)", __LINE__);
  stopped(&lim, "local t = {} for i = 1, math.maxinteger do t['k' .. i] = {} end", TIFAI_STOP_MEMORY,
          "script exceeded the memory limit (16 MB)", __LINE__);
  stopped(&lim, "return string.rep('x', 1 << 30)", TIFAI_STOP_MEMORY,
          "script exceeded the memory limit (16 MB)", __LINE__);
  stopped(&lim, "local t = {} while true do pcall(function () while true do t[#t + 1] = {} end end) end",
          TIFAI_STOP_MEMORY, "script exceeded the memory limit (16 MB)", __LINE__);
  stopped(&lim, "local t = {} while true do pcall(string.rep, 'x', 1 << 30) t[#t + 1] = ('y'):rep(1000) .. #t end",
          TIFAI_STOP_MEMORY, "script exceeded the memory limit (16 MB)", __LINE__);
  stopped(&lim, "local t = {} local co = coroutine.wrap(function () while true do t[#t + 1] = {} end end)"
          " while true do pcall(co) end", TIFAI_STOP_MEMORY, "script exceeded the memory limit (16 MB)", __LINE__);
  /* the stop sticks: nothing after the pcall runs; then the state is usable again */
  L = newsandbox(&lim);
  runin(L, "KEEP = {} for i = 1, 2000 do KEEP[i] = ('k'):rep(1000) .. i end"
           " local ok, e = pcall(string.rep, 'x', 1 << 30) REACHED = e return 1", &r);
  check(r.status != LUA_OK);
  checkint(r.why, TIFAI_STOP_MEMORY);
  checkstr(r.whymsg, "script exceeded the memory limit (16 MB)");
  check(lua_getglobal(L, "REACHED") == LUA_TNIL);
  lua_pop(L, 1);
  tifai_sandbox_restart(L);
  runin(L, "local t = {} for i = 1, 1000 do t[i] = ('y'):rep(100) .. i end return #KEEP + #t", &r);
  checkint(r.status, LUA_OK);
  checkint(r.ret, 3000);
  checkint(r.why, TIFAI_STOP_NONE);
  /* and after a stop caught at the very top, the runner still builds its messages */
  runin(L, "local s = 'x' while true do s = s .. s end", &r);
  checkint(r.why, TIFAI_STOP_MEMORY);
  lua_pushfstring(L, "%s: %s", "tifa", r.whymsg);
  luaL_traceback(L, L, lua_tostring(L, -1), 0);
  checkhas(lua_tostring(L, -1), "tifa: script exceeded the memory limit (16 MB)");
  lua_pop(L, 2);
  tifai_sandbox_close(L);
  /* a script within its memory is not stopped: 8 MB in a 16 MB state, and big strings made
  ** again and again (their garbage would fill the state between two collections) */
  checkint(runs(&lim, "local t = {} for i = 1, 8 do t[i] = ('x'):rep(1 << 20) end return #t", __LINE__), 8);
  checkint(runs(&lim, "for i = 1, 100 do local s = ('x'):rep(4 << 20) end return 1", __LINE__), 1);
  checkint(runs(&lim, "for i = 1, 20 do local s = ('x'):rep(6 << 20) end return 1", __LINE__), 1);
  checkint(runs(&lim, "for i = 1, 50 do local s = table.concat({('x'):rep(3 << 20), 'y'}) .. i end return 1", __LINE__), 1);
  checkint(runs(&lim, "for i = 1, 300 do local t = {} for j = 1, 10000 do t[j] = {j} end end return 1", __LINE__), 1);
}

static void test_exit (void) {
  Run r;
  run(NULL, "os.exit(3)", &r);
  check(r.status != LUA_OK);
  checkint(r.why, TIFAI_STOP_EXIT);
  checkint(r.code, 3);
  checkstr(r.whymsg, "script called os.exit(3)");
  run(NULL, "pcall(os.exit, 0) REACHED = 1 while true do end", &r);
  checkint(r.why, TIFAI_STOP_EXIT);
  checkint(r.code, EXIT_SUCCESS);
  run(NULL, "pcall(pcall, os.exit, false) os.execute('true')", &r);
  checkint(r.why, TIFAI_STOP_EXIT);
  checkint(r.code, EXIT_FAILURE);
  checkhas(r.err, "os.exit(1)");                    /* not os.execute's error: stopped before */
  run(NULL, "os.exit(true, true)", &r);
  checkint(r.why, TIFAI_STOP_EXIT);
  checkint(r.code, EXIT_SUCCESS);
  run(NULL, "coroutine.wrap(function () os.exit(5) end)()", &r);
  checkint(r.why, TIFAI_STOP_EXIT);
  checkint(r.code, 5);
  /* still here: the process did not exit */
}

/* }====== */

/* {====== The store ====== */

static const char article[] =
  "关于推进高质量发展的意见\n\n"
  "新华社北京3月18日电 高质量发展是全面建设社会主义现代化国家的首要任务。\n\n"
  "各地区各部门要完整、准确、全面贯彻新发展理念，加快构建新发展格局。\n";

static long long countarticles (const char *path) {
  sqlite3 *db;
  sqlite3_stmt *st;
  long long n = -1;
  if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK
      && sqlite3_prepare_v2(db, "SELECT count(*) FROM article", -1, &st, NULL) == SQLITE_OK) {
    if (sqlite3_step(st) == SQLITE_ROW) n = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
  }
  sqlite3_close(db);
  return n;
}

/* Run 'code' with the global WDB: the store at 'path' opened for writing, as a runner that
** forgot to open it read-only would give it. */
static void runwithwritable (const char *path, const char *code, Run *r) {
  tifai_limits lim = deflim;
  char err[TIFA_ERRMAX];
  tifa_store *s = NULL;
  lua_State *L;
  lim.outdir = outdir;
  L = newsandbox(&lim);
  check(tifa_store_open(path, TIFA_OPEN_CREATE, &s, err, sizeof(err)) == TIFA_OK);
  tifai_lua_pushdb(L, s);
  lua_setglobal(L, "WDB");
  runin(L, code, r);
  tifai_sandbox_close(L);
}

static void test_store (void) {
  char path[PATH_MAX], more[PATH_MAX], p[PATH_MAX], err[TIFA_ERRMAX];
  char *before, *after, *otherbefore, *otherafter;
  size_t nother = 0;
  size_t nbefore = 0, nafter = 0;
  tifa_store *s = NULL;
  tifa_ingest_report rep;
  tifai_limits lim = deflim;
  Run r;
  /* another database, to attach */
  {
    sqlite3 *db;
    tmppath(p, sizeof(p), "other.db");
    check(sqlite3_open(p, &db) == SQLITE_OK && sqlite3_exec(db, "CREATE TABLE t(a)", NULL, NULL, NULL) == SQLITE_OK);
    sqlite3_close(db);
    otherbefore = readall(p, &nother);
  }
  /* a store with one article */
  tmppath(path, sizeof(path), "store.db");
  check(tifa_store_open(path, TIFA_OPEN_CREATE, &s, err, sizeof(err)) == TIFA_OK);
  memset(&rep, 0, sizeof(rep));
  check(tifa_store_ingest_buffer(s, "a.txt", article, sizeof(article) - 1, NULL, &rep) == TIFA_OK);
  tifa_store_close(s);
  checkint(countarticles(path), 1);
  before = readall(path, &nbefore);
  check(before != NULL && nbefore > 0);
  tmppath(more, sizeof(more), "more.txt");
  writefile(more, article);
  /* reading works, and the store is read-only */
  checkint(RUNS("local db = assert(tifa.open(TMP .. '/store.db')) assert(db.readonly == true)"
                " local hits = assert(db:search('高质量')) local rows = assert(db:sql('SELECT count(*) AS n FROM article'))"
                " return #hits * 10 + rows[1].n"), 11);
  /* every way to write it */
  refused("local db = tifa.open(TMP .. '/store.db') return db:ingest(TMP .. '/more.txt')",
          "db:ingest is not allowed in a sandboxed script");
  refused("local db = tifa.open(TMP .. '/store.db') return db:ingest(TMP .. '/more.txt', {dry_run = true})",
          "db:ingest is not allowed in a sandboxed script");
  refused("local db = tifa.open(TMP .. '/store.db') local ok, e = db:sql('DELETE FROM article') error(e, 0)",
          "attempt to write a read-only database");
  refused("local db = tifa.open(TMP .. '/store.db') local ok, e = db:sql('DROP TABLE article') error(e, 0)",
          "attempt to write a read-only database");
  refused("local db = tifa.open(TMP .. '/store.db') local ok, e = db:sql('UPDATE article SET title = ?', 'x') error(e, 0)",
          "attempt to write a read-only database");
  refused("local db = tifa.open(TMP .. '/store.db') db:sql('PRAGMA query_only = 0')"
          " local ok, e = db:sql('INSERT INTO article(title) VALUES (1)') error(e, 0)",
          "db:sql cannot set PRAGMA 'query_only' in a sandboxed script");
  refused("local db = tifa.open(TMP .. '/store.db') local ok, e = db:sql('INSERT INTO article(title) VALUES (1)')"
          " error(e, 0)", "attempt to write a read-only database");
  refused("local db = tifa.open(TMP .. '/store.db') assert(db:sql('ATTACH ? AS x', TMP .. '/other.db'))"
          " local ok, e = db:sql('CREATE TABLE x.u(a)') error(e, 0)", "db:sql cannot attach a database in a sandboxed script");
  refused("local db = tifa.open(TMP .. '/store.db') local ok, e = pcall(db.sql, db, 'ATTACH ? AS x', TMP .. '/other.db')"
          " ok, e = db:sql('INSERT INTO x.t VALUES (1)') error(e, 0)", "no such table: x.t");
  refused("local db = tifa.open(TMP .. '/store.db') local ok, e = pcall(db.sql, db, 'ATTACH ? AS x', TMP .. '/attached.db')"
          " ok, e = db:sql('CREATE TABLE x.t(a)') error(e, 0)", "unknown database x");   /* not created */
  refused("local db = tifa.open() pcall(db.sql, db, 'PRAGMA query_only = 0') pcall(db.sql, db, 'ATTACH ? AS x', TMP .. '/other.db')"
          " local ok, e = db:sql('INSERT INTO x.t VALUES (1)') assert(not ok, 'inserted') error('refused', 0)", "refused");
  refused("local db = tifa.open(TMP .. '/store.db') local ok, e = db:sql('VACUUM INTO ?', TMP .. '/vacuum.db') error(e, 0)",
          "attempt to write a read-only database");
  refused("local db = tifa.open(TMP .. '/store.db') local ok, e = db:sql('PRAGMA user_version = 99') error(e, 0)",
          "db:sql cannot set PRAGMA 'user_version' in a sandboxed script");
  refused("for a in tifa.open(TMP .. '/store.db'):articles{where = '1); DELETE FROM article; (1'} do end",
          "'where' must only read");
  refused("tifa.open(TMP .. '/store.db', {readonly = false})",
          "tifa.open cannot open a database for writing in a sandboxed script");
  refused("tifa.open(TMP .. '/new.db', {create = true})",
          "tifa.open cannot open a database for writing in a sandboxed script");
  refused("local db, e = tifa.open(TMP .. '/new.db') error(e, 0)", "cannot open database '");
  refused("local db, e = tifa.open(TMP .. '/new.db', {create = false, readonly = true}) error(e, 0)",
          "cannot open database '");
  tmppath(p, sizeof(p), "new.db");
  check(!exists(p));
  tmppath(p, sizeof(p), "attached.db");
  check(!exists(p));
  tmppath(p, sizeof(p), "vacuum.db");
  check(!exists(p));
  /* the sample corpus: query_only cannot be turned off, and the binding refuses writes */
  refused("local db = tifa.open() local n = db:sql('SELECT count(*) AS n FROM article')[1].n"
          " pcall(db.sql, db, 'PRAGMA query_only = 0') local ok, e = db:sql('DELETE FROM article')"
          " assert(db:sql('SELECT count(*) AS n FROM article')[1].n == n) error(e, 0)",
          "attempt to write a read-only database");
  /* a writable store from a careless runner: still no writes */
  runwithwritable(path, "return WDB:ingest(TMP .. '/more.txt')", &r);
  checkhas(r.err, "db:ingest is not allowed in a sandboxed script");
  runwithwritable(path, "return WDB:sql('DELETE FROM article')", &r);
  checkhas(r.err, "db:sql cannot use a writable database in a sandboxed script");
  runwithwritable(path, "return WDB.sql(WDB, 'DELETE FROM file')", &r);
  checkhas(r.err, "db:sql cannot use a writable database in a sandboxed script");
  runwithwritable(path, "local mt = getmetatable(WDB) assert(mt == 'tifa.db', tostring(mt))"
                  " return WDB.ingest(WDB, TMP .. '/more.txt')", &r);
  checkhas(r.err, "db:ingest is not allowed in a sandboxed script");
  checkint(countarticles(path), 1);
  /* limits hit while the store is open: nothing happens to it */
  lim.outdir = outdir;
  lim.seconds = 0.3;
  lim.instructions = 0;
  stopped(&lim, "local db = tifa.open(TMP .. '/store.db') while true do db:search('发展') db:sql('SELECT * FROM article') end",
          TIFAI_STOP_TIME, "script exceeded the time limit (0.3 s)", __LINE__);
  lim.mem = 16u << 20;
  lim.seconds = 600;                        /* a safety net: memory stops it first */
  stopped(&lim, "local db = tifa.open(TMP .. '/store.db') local t = {} while true do t[#t + 1] = db:search('发展') end",
          TIFAI_STOP_MEMORY, "script exceeded the memory limit (16 MB)", __LINE__);
  /* the store as it was, byte for byte */
  checkint(countarticles(path), 1);
  after = readall(path, &nafter);
  check(after != NULL && nafter == nbefore && memcmp(before, after, nbefore) == 0);
  free(before);
  free(after);
  tmppath(p, sizeof(p), "other.db");
  otherafter = readall(p, &nafter);
  check(otherafter != NULL && nafter == nother && memcmp(otherbefore, otherafter, nother) == 0);
  free(otherbefore);
  free(otherafter);
}

/* }====== */

/* {====== SQLite: no files, no settings, within the limits ====== */

/* Run 'code' with the global SDB: the sample corpus as a runner gives it (tifai_lua_pushdb),
** the connection that a run without a store gets as 'db'. */
static void runwithsample (const tifai_limits *lim, const char *code, Run *r) {
  tifai_limits l = deflim;
  char err[TIFA_ERRMAX];
  tifa_store *s = NULL;
  lua_State *L;
  if (lim == NULL) { l.outdir = outdir; lim = &l; }
  L = newsandbox(lim);
  check(tifa_store_open_sample(&s, err, sizeof(err)) == TIFA_OK);
  tifai_lua_pushdb(L, s);
  lua_setglobal(L, "SDB");
  tifai_sandbox_restart(L);
  runin(L, code, r);
  tifai_sandbox_close(L);
}

/* The peak resident size of this process (VmHWM), in MB; -1 if unknown. */
static long peakrss (void) {
  char line[256];
  long kb = -1;
  FILE *f = fopen("/proc/self/status", "r");
  if (f == NULL) return -1;
  while (fgets(line, sizeof(line), f))
    if (strncmp(line, "VmHWM:", 6) == 0) kb = atol(line + 6);
  fclose(f);
  return kb < 0 ? -1 : kb / 1024;
}

static void test_sql (void) {
  static const char *const dbs[] = {"SDB", "tifa.open()", "tifa.open(TMP .. '/store.db')", NULL};
  char code[1024], p[PATH_MAX];
  tifai_limits lim = deflim;
  Run r;
  int i;
  /* files created through any connection a script can reach: the sample as the runner gives
  ** it (an in-memory, writable connection), tifa.open() (the same) and a store on disk */
  for (i = 0; dbs[i]; i++) {
    snprintf(code, sizeof(code), "local db = %s db:sql(\"ATTACH DATABASE 'file:' || ? || '?mode=rwc' AS x\","
             " TMP .. '/attached%d.db')", dbs[i], i);
    runwithsample(NULL, code, &r);
    checkhas(r.err, "db:sql cannot attach a database in a sandboxed script");
    snprintf(p, sizeof(p), "%s/attached%d.db", tmpdir, i);
    check(!exists(p));
    snprintf(code, sizeof(code), "local db = %s db:sql('ATTACH ? AS x', TMP .. '/other.db')", dbs[i]);
    runwithsample(NULL, code, &r);
    checkhas(r.err, "db:sql cannot attach a database in a sandboxed script");
    snprintf(code, sizeof(code), "local db = %s local ok, e = db:sql('VACUUM INTO ?', TMP .. '/vacuum%d.db')"
             " error(e, 0)", dbs[i], i);
    runwithsample(NULL, code, &r);
    checkhas(r.err, "attempt to write a read-only database");
    snprintf(p, sizeof(p), "%s/vacuum%d.db", tmpdir, i);
    check(!exists(p));
    /* PRAGMAs that set something, and the functions that reach files or C */
    snprintf(code, sizeof(code), "local db = %s db:sql('PRAGMA temp_store = MEMORY')", dbs[i]);
    runwithsample(NULL, code, &r);
    checkhas(r.err, "db:sql cannot set PRAGMA 'temp_store' in a sandboxed script");
    snprintf(code, sizeof(code), "local db = %s db:sql('PRAGMA main.query_only = 0')", dbs[i]);
    runwithsample(NULL, code, &r);
    checkhas(r.err, "db:sql cannot set PRAGMA 'query_only' in a sandboxed script");
    snprintf(code, sizeof(code), "local db = %s db:sql('SELECT load_extension(?)', TMP .. '/x.so')", dbs[i]);
    runwithsample(NULL, code, &r);
    checkhas(r.err, "db:sql cannot call the SQL function 'load_extension' in a sandboxed script");
    /* writes, TEMP tables and virtual tables included: refused as before */
    snprintf(code, sizeof(code), "local db = %s local ok, e = db:sql('CREATE VIRTUAL TABLE temp.f USING"
             " fts5(a)') assert(not ok, 'created') ok, e = db:sql('CREATE TEMP TABLE t(a)') error(e, 0)", dbs[i]);
    runwithsample(NULL, code, &r);
    checkhas(r.err, "attempt to write a read-only database");
    /* what still works: reads, PRAGMAs that only read, eponymous virtual tables */
    snprintf(code, sizeof(code), "local db = %s"
             " assert(#db:sql('SELECT id FROM article') > 0 and #db:search('发展') > 0)"
             " assert(db:sql('PRAGMA user_version')[1].user_version >= 1)"
             " assert(#db:sql('PRAGMA table_info(article)') > 5)"
             " assert(#db:sql('SELECT * FROM pragma_table_info(?)', 'article') > 5)"
             " assert(#db:sql(\"SELECT * FROM json_each('[1, 2]')\") == 2)"
             " assert(#db:sql('PRAGMA temp_store') == 1 and db:sql('PRAGMA data_version')[1])"
             " assert(db:sql('DETACH x') == nil)"
             " return 1", dbs[i]);
    runwithsample(NULL, code, &r);
    if (r.ret != 1) fprintf(stderr, "%s: %s\n", dbs[i], r.err);
    checkint(r.ret, 1);
  }
  refused("tifa.open():sql(\"PRAGMA temp_store_directory = '/tmp'\")", "db:sql cannot set PRAGMA 'temp_store_directory'");
  refused("tifa.open():sql('PRAGMA writable_schema = 1')", "db:sql cannot set PRAGMA 'writable_schema'");
  refused("tifa.open():sql('PRAGMA shrink_memory')", "db:sql cannot run PRAGMA 'shrink_memory'");
  refused("tifa.open():sql(\"SELECT fts3_tokenizer('simple')\")", "db:sql cannot call the SQL function 'fts3_tokenizer'");
  /* a recursive CTE that never ends: the time limit, and the instruction limit alone, stop
  ** it inside SQLite (not an alarm 5 s later), pcall'd or not */
  lim.outdir = outdir;
  lim.seconds = 0.5;
  lim.instructions = 0;
  {
    double t = stopped(&lim, "tifa.open():sql('WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c)"
                       " SELECT count(*) FROM c')", TIFAI_STOP_TIME, "script exceeded the time limit (0.5 s)", __LINE__);
    check(t < 3);
    t = stopped(&lim, "local db = tifa.open() while true do pcall(db.sql, db, 'WITH RECURSIVE c(x) AS (SELECT 1"
                " UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c') end", TIFAI_STOP_TIME,
                "script exceeded the time limit (0.5 s)", __LINE__);
    check(t < 3);
  }
  lim.seconds = 0;
  lim.instructions = 5000000;
  stopped(&lim, "tifa.open():sql('WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c')",
          TIFAI_STOP_INSTRUCTIONS, "script exceeded the instruction limit (5000000)", __LINE__);
  runwithsample(&lim, "local ok, e = pcall(SDB.sql, SDB, 'WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1"
                " FROM c) SELECT count(*) FROM c') REACHED = true", &r);
  checkint(r.why, TIFAI_STOP_INSTRUCTIONS);
  /* SQLite's memory counts: a string built in SQLite past the memory limit stops the run with
  ** the memory message, and the process stays small (without the limit it took ~600 MB) */
  lim.mem = 64u << 20;
  lim.instructions = 0;
  lim.seconds = 120;                        /* a safety net: memory stops it first */
  stopped(&lim, "local db = tifa.open() local ok, e = pcall(db.sql, db, 'WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL"
          " SELECT x + 1 FROM c WHERE x < 300000) SELECT length(group_concat(printf(\"%.*c\", 1000, \"x\"))) AS n"
          " FROM (SELECT x FROM c ORDER BY -x)') error(e, 0)", TIFAI_STOP_MEMORY,
          "script exceeded the memory limit (64 MB)", __LINE__);
  stopped(&lim, "local t = {} for i = 1, 100000 do t[i] = tifa.open() end", TIFAI_STOP_MEMORY,
          "script exceeded the memory limit (64 MB)", __LINE__);
  /* stores dropped are garbage: the collector frees their SQLite memory before it counts */
  checkint(runs(&lim, "for i = 1, 200 do local db = tifa.open() end return 1", __LINE__), 1);
  /* a large ORDER BY cannot keep its sort in memory (temp_store is refused): it spills to
  ** a temporary file; stopped by the time limit with the process small */
  lim.seconds = 1.5;
  stopped(&lim, "tifa.open():sql('WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 100000000)"
          " SELECT x, randomblob(200) FROM c ORDER BY random() LIMIT 1')", TIFAI_STOP_TIME,
          "script exceeded the time limit (1.5 s)", __LINE__);
  if (getenv("TIFA_SANITIZE") == NULL) {    /* ASan's quarantine and shadow inflate it */
    long mb = peakrss();
    if (mb >= 300) fprintf(stderr, "peak RSS %ld MB\n", mb);
    check(mb < 300);
  }
  /* the process's SQLite heap limit is as it was once the sandbox is closed */
  checkint(sqlite3_hard_heap_limit64(-1), 0);
}

/* }====== */

/* {====== Patterns: the limits hold inside a match ====== */

static const char *const patterns[] = {
  "string.find(string.rep('a', 1e6), '.-.-.-.-b')",
  "string.match(string.rep('a', 1e6), '.-.-.-.-b')",
  "for x in string.gmatch(string.rep('a', 1e6), '.-.-.-.-b') do end",
  "string.gsub(string.rep('a', 1e6), '.-.-.-.-b', 'x')",
  "string.find(string.rep('a', 1e6), '(.-)(.-)(.-)%3b')",
  "string.find(string.rep('a', 3e5), 'a*a*a*b')",
  "string.find(string.rep('(', 1e6), '%b()')",
  "string.find(string.rep('a', 1e7), string.rep('a', 1e5) .. 'b', 1, true)",
  "while true do pcall(string.find, string.rep('a', 1e5), '.-.-.-b') end",
  NULL
};

static void test_patterns (void) {
  tifai_limits lim = deflim;
  int i;
  double t;
  lim.outdir = outdir;
  lim.instructions = 0;
  lim.seconds = 0.5;
  for (i = 0; patterns[i]; i++) {
    t = stopped(&lim, patterns[i], TIFAI_STOP_TIME, "script exceeded the time limit (0.5 s)", __LINE__);
    if (t >= 3) fprintf(stderr, "%s: %g s\n", patterns[i], t);
    check(t < 3);
  }
  lim.seconds = 0;
  lim.instructions = 20000000;
  for (i = 0; patterns[i]; i++)
    stopped(&lim, patterns[i], TIFAI_STOP_INSTRUCTIONS, "script exceeded the instruction limit (20000000)", __LINE__);
  /* the error is where the script called the match */
  {
    Run r;
    run(&lim, "local x = 1\nlocal s = string.rep('a', 1e6)\nreturn s:find('.-.-.-.-b')", &r);
    checkhas(r.err, "script:3: script exceeded the instruction limit (20000000)");
  }
  /* string.rep of nothing, a huge number of times, is made at once (stock Lua copies
  ** nothing that many times) */
  checkint(runs(&lim, "return #string.rep('', math.maxinteger) + #string.rep('', math.maxinteger, '')", __LINE__), 0);
  /* normal matching stays cheap: a match step counts as one instruction */
  checkint(runs(&lim, "local s = string.rep('发展 改革 ', 10000) local n = 0"
                " for w in s:gmatch('%S+') do n = n + 1 end"
                " return (n == 20000 and select(2, s:gsub('发展', '')) == 10000) and 1 or 0", __LINE__), 1);
}

/* Run 'code' (which returns a string) in 'L', returning a malloc'ed copy of the result or of
** the error. */
static char *runstring (lua_State *L, const char *code) {
  const char *res;
  char *copy;
  int st = luaL_loadbufferx(L, code, strlen(code), "=cases", "t");
  if (st == LUA_OK) st = lua_pcall(L, 0, 1, 0);
  res = lua_tostring(L, -1);
  copy = strdup(res ? res : "(no string)");
  lua_pop(L, 1);
  return copy;
}

/* The sandbox's string.find, match, gmatch, gsub and rep give what stock Lua's give, errors
** included, on random subjects and patterns (made of the characters patterns treat
** specially) */
static void test_patterns_same (void) {
  static const char cases[] =
    "math.randomseed(20261207)\n"
    "local pa = {'a', 'b', 'c', '%', '(', ')', '()', '[', ']', '[^a]', '[a-c]', '^', '$', '.', '*', '+', '-', '?',\n"
    "  '%a', '%d', '%s', '%w', '%z', '%A', '%b()', '%bab', '%f[%w]', '%f[a]', '%f', '%1', '%2', '%0', '1', ' ', '\\0'}\n"
    "local sa = {'a', 'b', 'c', '(', ')', '1', ' ', '%', ']', '\\0', 'aa', '发展', '\\255'}\n"
    "local function rnd (t, n) local r = {} for i = 1, math.random(0, n) do r[#r + 1] = t[math.random(#t)] end\n"
    "  return table.concat(r) end\n"
    "local out = {}\n"
    "local function rec (...) local t = table.pack(...)\n"
    "  for i = 1, t.n do t[i] = string.format('%q', tostring(t[i])) end   -- no '\\0' in the result\n"
    "  out[#out + 1] = table.concat(t, '|', 1, t.n) end\n"
    "local function gm (s, p, i) local r = {} for a, b in string.gmatch(s, p, i) do\n"
    "  r[#r + 1] = tostring(a) .. ',' .. tostring(b) if #r > 50 then break end end return table.concat(r, ';') end\n"
    "for i = 1, 4000 do\n"
    "  local s, p, init = rnd(sa, 12), rnd(pa, 6), math.random(-6, 16)\n"
    "  rec(pcall(string.find, s, p, init))\n"
    "  rec(pcall(string.find, s, p, init, true))\n"
    "  rec(pcall(string.match, s, p, init))\n"
    "  rec(pcall(gm, s, p, init))\n"
    "  rec(pcall(string.gsub, s, p, '<%0%1>', math.random(-1, 4)))\n"
    "  rec(pcall(string.gsub, s, p, '%2%%'))\n"
    "  rec(pcall(string.gsub, s, p, {a = 'A', b = false, ['('] = {}}))\n"
    "  rec(pcall(string.gsub, s, p, function (x, y) return y end))\n"
    "  rec(pcall(string.rep, s, math.random(-1, 3), p))\n"
    "  if #s > 0 then rec(pcall(string.rep, s, 1 << 40)) end   -- '' would loop in stock Lua\n"
    "  rec(pcall(s.find, s, p))\n"
    "end\n"
    "rec(pcall(string.find, 'a', ('('):rep(40)))\n"
    "rec(pcall(string.match, ('a'):rep(300), ('a?'):rep(300) .. ('a'):rep(300)))\n"
    "rec(pcall(string.gsub, 'abc', '%w', '%1'))\n"
    "rec(pcall(string.gsub, 'abc', '', '-'))\n"
    "return table.concat(out, '\\n')\n";
  lua_State *L = luaL_newstate();
  lua_State *S = newsandbox(&deflim);
  char *stock, *sb;
  luaL_openlibs(L);
  tifai_sandbox_restart(S);
  stock = runstring(L, cases);
  sb = runstring(S, cases);
  check(strlen(stock) > 100000);
  if (strcmp(stock, sb) != 0) {
    size_t k = 0;
    while (stock[k] && stock[k] == sb[k]) k++;
    check_failures++;
    fprintf(stderr, "%s:%d: the sandbox's patterns differ from stock Lua's at byte %zu:\n  stock: %.200s\n"
            "  sandbox: %.200s\n", __FILE__, __LINE__, k, stock + k, sb + k);
  }
  free(stock);
  free(sb);
  lua_close(L);
  tifai_sandbox_close(S);
}

/* }====== */

/* {====== What a colleague's script does ====== */

static void test_normal (void) {
  char p[PATH_MAX];
  char *csv;
  int n, lines = 0;
  const char *c;
  tmppath(p, sizeof(p), "input.txt");
  writefile(p, "发展\n改革\n");
  /* search the sample corpus for the words of an input file, a CSV into the output folder */
  n = RUNS("local db = tifa.open()\n"
           "local f = assert(io.open(OUT .. '/hits.csv', 'w'))\n"
           "f:write('word,id,title\\n')\n"
           "local n = 0\n"
           "for word in io.lines(TMP .. '/input.txt') do\n"
           "  for _, h in ipairs(assert(db:search(word, {limit = 3}))) do\n"
           "    f:write(word, ',', h.id, ',', (h.article.title or ''):gsub(',', ' '), '\\n')\n"
           "    n = n + 1\n"
           "  end\n"
           "end\n"
           "f:close()\n"
           "assert(tifa.text.len('高质量发展') == 5)\n"
           "local ok, e = xpcall(function () error('x') end, debug.traceback)\n"
           "assert(not ok and e:find('traceback'))\n"
           "return n\n");
  check(n > 0);
  outpath(p, sizeof(p), "hits.csv");
  csv = readall(p, NULL);
  check(csv != NULL);
  if (csv != NULL) {
    check(strncmp(csv, "word,id,title\n", 14) == 0);
    for (c = csv; *c; c++) lines += *c == '\n';
    checkint(lines, n + 1);
    checkhas(csv, "\n发展,");
  }
  free(csv);
}

/* }====== */

static void rmtree (const char *dir) {
  char cmd[PATH_MAX + 32];
  snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
  if (system(cmd) != 0) fprintf(stderr, "cannot remove '%s'\n", dir);
}

/* A run that never ends fails the test instead of stalling it. */
static void watchdog (int sig) {
  static const char msg[] = "test_sandbox: timed out (a script was not stopped); TRACE=1 shows which\n";
  (void)sig;
  if (write(2, msg, sizeof(msg) - 1) < 0) _exit(3);
  _exit(2);
}

int main (void) {
  char t[64], real[PATH_MAX];
  signal(SIGALRM, watchdog);
  alarm(300);
  snprintf(t, sizeof(t), "/tmp/tifa_test_sandbox.XXXXXX");
  if (mkdtemp(t) == NULL || realpath(t, real) == NULL || strlen(real) >= sizeof(tmpdir)) {
    perror("mkdtemp");
    return 1;
  }
  strcpy(tmpdir, real);                     /* /tmp may be a symbolic link */
  snprintf(outdir, sizeof(outdir), "%s/out", tmpdir);
  if (mkdir(outdir, 0777) != 0 || chdir(tmpdir) != 0) { perror(outdir); return 1; }
  test_api();
  test_forbidden();
  test_writes();
  test_chunks();
  test_debug();
  test_loops();
  test_stop_sticks();
  test_finalizers();
  test_memory();
  test_exit();
  test_store();
  test_sql();
  test_patterns();
  test_patterns_same();
  test_close();
  test_normal();
  rmtree(tmpdir);
  return check_done("sandbox");
}
