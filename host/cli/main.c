/*
** main.c -- the tifa program: global options, the choice of store, subcommands (ingest,
** search, count, words, show, run, scripts, help), '-e' chunks and the REPL. The Lua side
** follows lua.c: the state is set up and driven from 'pmain', run under lua_pcall, and
** Ctrl-C stops a running chunk. Scripts are found by scripts.c and their headers read by
** scripthdr.c before the state exists; with --sandbox (or a header's @sandbox) the state is
** made by lsandbox.h and the store opened read-only.
*/
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <sqlite3.h>
#include "lua.h"
#include "lauxlib.h"
#include "lualib.h"
#include "cli.h"
#include "tifa_shard.h"
#include "ltifa.h"
#include "lsandbox.h"
#include "lscriptpart.h"

static const char usage[] =
  "usage: " PROGNAME " [options] [command [args]]\n"
  "A scripting host for Chinese policy texts: a SQLite store, Chinese search, Lua 5.4.\n"
  "\n"
  "Commands:\n"
  "  ingest PATH...        load files or folders (text, Markdown, HTML, JSON Lines, CSV;\n"
  "                        UTF-8, UTF-16, GB18030); '-' reads standard input\n"
  "  search QUERY [-n N]   ranked articles with snippets\n"
  "  count QUERY [-n N]    every match counted, and the articles with the most\n"
  "                        (search and count: --words for whole words only)\n"
  "  words [-n N]          the corpus's most frequent words, and in how many articles\n"
  "  show ID...            an article: its fields, sections and paragraphs, with the\n"
  "                        lines of its file each came from\n"
  "  part ANALYTIC ...     a shard's (--shard S) or a store's share of count, words,\n"
  "                        timeline, kwic, search, dispersion, track or a script's part(),\n"
  "                        as JSON Lines; 'ingest --shards N' makes a corpus of N shards\n"
  "                        in the directory -d DIR (docs/shards.md)\n"
  "  merge PART...         the parts of one request merged into its answer (--script\n"
  "                        SCRIPT: the script's merge() on its parts)\n"
  "  reuse-step STEP ...   one step of a corpus's text reuse, run apart (tifa-dask)\n"
  "  seal [--undo]         a store or corpus made one file per store, for readers on a\n"
  "                        shared file system (docs/scale.md)\n"
  "  run SCRIPT [ARGS...]  run a Lua script: a path, or a name on the search path\n"
  "                        ($TIFA_PATH, else ./scripts, ~/.local/share/tifa/scripts, the\n"
  "                        program's own): 'tifa run overview'\n"
  "  scripts               the scripts on the search path, with what each does\n"
  "  help [SCRIPT]         this help; a script's (or a command's) usage\n"
  "  (none)                an interactive Lua prompt with 'tifa' and 'db'\n"
  "\n"
  "Options:\n"
  "  -d PATH     the store (default: $TIFA_DB, else ./tifa.db if it exists, else the\n"
  "              sample corpus built into the program, read-only); only ingest creates one\n"
  "  -e CODE     run a Lua chunk (several allowed), then stop unless -i\n"
  "  -i          enter the prompt after -e or a script\n"
  "  --sandbox   run scripts and -e chunks in the sandbox ('tifa run --help')\n"
  "  -v, --version   print the version\n"
  "  -h, --help      this help; '" PROGNAME " COMMAND --help' for a command\n"
  "\n"
  "In Lua: db:search(q), db:count(q), db:words{top=N}, db:articles{outlet=...}, db:article(id), db:sql(sql, ...),\n"
  "db:ingest(path), tifa.open(path). See docs/lua-api.md.\n";

static const char usage_run[] =
  "usage: " PROGNAME " run [SANDBOX OPTIONS] SCRIPT [ARGS...]\n"
  "Run the Lua 5.4 script SCRIPT: a path (with a '/', or an existing NAME.lua), a name on\n"
  "the search path ('" PROGNAME " scripts' lists them), or '-' for standard input (read whole,\n"
  "as a file is: its header counts, and messages name it 'stdin'). A script whose header\n"
  "declares parameters gets ARGS checked against them and their values in the global\n"
  "'params'; '" PROGNAME " run SCRIPT --help' prints its usage (docs/scripts.md).\n"
  "'arg' (arg[0] is the script) and '...' hold ARGS as given. 'tifa' is the library, 'db'\n"
  "the store chosen by -d / $TIFA_DB / ./tifa.db / the sample corpus; 'require' finds the\n"
  "modules beside the script. A script starting with '#!/usr/bin/env tifa' runs directly.\n"
  "Exit status: 0; 1 if the script fails (its file:line and a traceback are printed) or a\n"
  "limit stops it; 2 for a usage error; a sandboxed os.exit(N): N.\n"
  "\n"
  "Sandbox options (for scripts from others; a header's @sandbox forces the sandbox):\n"
  "  --sandbox               no programs, no files written outside --out, no bytecode, C\n"
  "                          modules or debug library; the store is opened read-only\n"
  "  --out DIR               the directory the script may write files in (default: none)\n"
  "  --max-mem MB            memory the script may hold (default 512; 0: no limit)\n"
  "  --max-time S            wall time in seconds (default 60; 0: no limit)\n"
  "  --max-instructions N    Lua instructions (default 0: no limit)\n";

/* {====== Errors and the store ====== */

void cli_error (const char *fmt, ...) {
  va_list ap;
  fputs(PROGNAME ": ", stderr);
  va_start(ap, fmt);
  vfprintf(stderr, fmt, ap);
  va_end(ap);
  fputc('\n', stderr);
  fflush(stderr);
}

static int exists (const char *path) {
  struct stat st;
  return stat(path, &st) == 0;
}

static int storefrom;               /* where c->dbpath came from: 0 ./tifa.db, 1 $TIFA_DB, 2 -d */

const char *cli_storename (cli *c) {
  if (c->dbpath) return c->dbpath;
  if (exists("tifa.db")) return "tifa.db";
  return NULL;
}

/* The store as messages name it: 'x.db', or TIFA_DB='x.db' when the variable chose it
** (a user may have forgotten it is set). */
static const char *storelabel (const char *path, char *buf, size_t sz) {
  snprintf(buf, sz, storefrom == 1 ? "TIFA_DB='%s'" : "'%s'", path);
  return buf;
}

/* Whether 'path' can be a store, as the file system tells it before SQLite does (SQLite's
** words for these cases are "disk I/O error" and "unable to open database file"). A missing
** file is fine if 'create'. Returns 1 if so; else prints why, naming the path, and returns 0. */
static int checkstore (const char *path, int create) {
  struct stat st;
  char name[PATH_MAX + 16], dir[PATH_MAX];
  const char *slash = strrchr(path, '/');
  storelabel(path, name, sizeof(name));
  if (stat(path, &st) == 0) {
    if (S_ISDIR(st.st_mode) && tifa_shards_is(path))
      cli_error("cannot open store %s (a corpus of shards: 'tifa -d DIR run SCRIPT' or -e, "
                "'tifa -d DIR part ANALYTIC ... --shard S' then 'tifa merge'; or -d DIR/s1.db "
                "for one shard)", name);
    else if (S_ISDIR(st.st_mode)) cli_error("cannot open store %s (a directory)", name);
    else if (!S_ISREG(st.st_mode)) cli_error("cannot open store %s (not a regular file)", name);
    else if (access(path, R_OK) != 0) cli_error("cannot open store %s (%s)", name, strerror(errno));
    else return 1;
    return 0;
  }
  if (errno != ENOENT && errno != ENOTDIR) {
    cli_error("cannot open store %s (%s)", name, strerror(errno));
    return 0;
  }
  if (slash == NULL) strcpy(dir, ".");
  else snprintf(dir, sizeof(dir), "%.*s", slash == path ? 1 : (int)(slash - path), path);
  if (stat(dir, &st) != 0) cli_error("cannot open store %s (no such directory '%s')", name, dir);
  else if (!S_ISDIR(st.st_mode)) cli_error("cannot open store %s ('%s' is not a directory)", name, dir);
  else if (create) return 1;
  else if (storefrom == 1) cli_error("no store at %s (run '" PROGNAME " ingest FILES' to create it)", name);
  else cli_error("no store at %s (run '" PROGNAME " -d %s ingest FILES' to create it)", name, path);
  return 0;
}

#define STORE_READ   0              /* read-only; the file must exist */
#define STORE_WRITE  1              /* writable; created if missing */
#define STORE_LUA    2              /* writable if it may be, else read-only; must exist */

/* Open the store at 'path' (checked by checkstore) in 'mode'. Returns it, or prints
** "cannot open store 'x.db' (why)" and returns NULL. The store's own text is shortened
** where the command line says it better. */
static tifa_store *openpath (const char *path, int mode) {
  static const char readpre[] = "cannot read the store (";
  tifa_store *s = NULL;
  char err[TIFA_ERRMAX], name[PATH_MAX + 16];
  const char *why = err;
  int rc = tifa_store_open(path, mode == STORE_READ ? TIFA_OPEN_READONLY : mode == STORE_WRITE ?
                           TIFA_OPEN_CREATE : 0, &s, err, sizeof(err));
  if (rc != TIFA_OK && mode == STORE_LUA)           /* a store we may only read */
    rc = tifa_store_open(path, TIFA_OPEN_READONLY, &s, err, sizeof(err));
  if (rc == TIFA_OK) return s;
  if (strncmp(err, "not a tifa store", 16) == 0) why = "not a tifa store";
  else if (strncmp(err, readpre, sizeof(readpre) - 1) == 0 && err[strlen(err) - 1] == ')') {
    why = err + sizeof(readpre) - 1;                /* SQLite's words: file is not a database */
    err[strlen(err) - 1] = '\0';
  }
  cli_error("cannot open store %s (%s)", storelabel(path, name, sizeof(name)), why);
  return NULL;
}

/* A store with no articles is never taken for a corpus silently: say which it is, on
** stderr, and the ways out. */
static void noteempty (tifa_store *s) {
  sqlite3_stmt *st = NULL;
  const char *path = tifa_store_path(s);
  char name[PATH_MAX + 16];
  int empty = sqlite3_prepare_v2(tifa_store_sqlite(s), "SELECT 1 FROM article LIMIT 1", -1, &st,
                                 NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_DONE;
  sqlite3_finalize(st);
  if (!empty) return;
  storelabel(path, name, sizeof(name));
  if (storefrom == 0)
    cli_error("store %s holds no articles (ingest files into it, or remove it to use the "
              "sample corpus)", name);
  else if (storefrom == 1)
    cli_error("store %s holds no articles (ingest files into it, or unset TIFA_DB to use the "
              "sample corpus)", name);
  else cli_error("store %s holds no articles (ingest files into it: '" PROGNAME " -d %s ingest "
                 "FILES')", name, path);
}

tifa_store *cli_openstore (cli *c, int write) {
  tifa_store *s = NULL;
  char err[TIFA_ERRMAX];
  const char *path = cli_storename(c);
  if (path == NULL && write) path = "tifa.db";
  if (path == NULL) {
    if (tifa_store_open_sample(&s, err, sizeof(err)) != TIFA_OK)
      cli_error("cannot open the sample corpus (%s)", err);
    return s;
  }
  if (!checkstore(path, write)) return NULL;
  if ((s = openpath(path, write ? STORE_WRITE : STORE_READ)) != NULL && !write) noteempty(s);
  return s;
}

/* }====== */

/* {====== Lua ====== */

static lua_State *globalL = NULL;
static cli *thecli;
static int readonlydb;              /* the sandbox: the lazy 'db' is opened read-only */

/* Hook set by the signal handler: stop the interpreter (lua.c's lstop). */
static void lstop (lua_State *L, lua_Debug *ar) {
  (void)ar;
  lua_sethook(L, NULL, 0, 0);
  luaL_error(L, "interrupted!");
}

/* SIGINT: stop what Lua runs at the next instruction, and what the store runs at once. */
static void laction (int i) {
  int flag = LUA_MASKCALL | LUA_MASKRET | LUA_MASKLINE | LUA_MASKCOUNT;
  signal(i, SIG_DFL);               /* a second Ctrl-C kills the process, as in lua.c */
  tifai_lua_interrupt();
  if (globalL) lua_sethook(globalL, lstop, flag, 1);
}

int cli_docall (lua_State *L, int narg, int nres) {
  int status, base = lua_gettop(L) - narg;
  lua_pushcfunction(L, tifai_lua_msghandler);
  lua_insert(L, base);
  globalL = L;
  signal(SIGINT, laction);
  status = lua_pcall(L, narg, nres, base);
  signal(SIGINT, SIG_DFL);
  lua_remove(L, base);
  return status;
}

int cli_report (lua_State *L, int status) {
  if (status != LUA_OK) {
    const char *msg = lua_tostring(L, -1);
    cli_error("%s", msg ? msg : "(error object is not a string)");
    lua_pop(L, 1);
  }
  return status;
}

static tifa_store *pending;          /* the store opened before the state, until 'db' is read */
static tifa_shards *pendingc;       /* or the corpus of shards (-d DIR), likewise */

/* _G.__index for the lazy global 'db': the store opened before the run (runlua), else the
** sample corpus, else (a state of ingest --split) the store named, opened on first use. */
static int lazydb (lua_State *L) {
  const char *k = lua_tostring(L, 2);
  tifa_store *s = pending;
  if (k == NULL || strcmp(k, "db") != 0) return 0;
  if (pendingc != NULL) {                           /* a corpus of shards: lcorpus.c */
    tifa_shards *c = pendingc;
    pendingc = NULL;                                /* the db takes it, even if this raises */
    tifai_lua_pushcorpus(L, cli_storename(thecli), c);
    goto took;
  }
  if (s != NULL) noteempty(s);
  else {
    const char *path = cli_storename(thecli);
    char err[TIFA_ERRMAX];
    int rc = path ? tifa_store_open(path, readonlydb ? TIFA_OPEN_READONLY : 0, &s, err, sizeof(err))
                  : tifa_store_open_sample(&s, err, sizeof(err));
    if (rc != TIFA_OK && path != NULL)              /* a store we may only read */
      rc = tifa_store_open(path, TIFA_OPEN_READONLY, &s, err, sizeof(err));
    if (rc != TIFA_OK)
      return luaL_error(L, "cannot open store '%s' (%s)", path ? path : "sample corpus", err);
  }
  tifai_lua_pushdb(L, s);                           /* may raise: 'pending' keeps it till then */
  pending = NULL;
took:
  lua_pushvalue(L, -1);
  lua_rawsetp(L, LUA_REGISTRYINDEX, (void *)&lazydb);   /* keep it */
  lua_pushvalue(L, -1);
  lua_setfield(L, 1, "db");                              /* rawset: _G.db from now on */
  return 1;
}

/* The libraries, 'tifa' and the lazy 'db' in a new state. */
static void openlibs (cli *c, lua_State *L) {
  thecli = c;
  luaL_openlibs(L);
  luaL_requiref(L, "tifa", luaopen_tifa, 1);
  lua_getfield(L, -1, "help");                      /* help() in chunks, scripts, the prompt */
  lua_setglobal(L, "help");
  lua_pop(L, 1);
  lua_pushglobaltable(L);
  lua_createtable(L, 0, 1);
  lua_pushcfunction(L, lazydb);
  lua_setfield(L, -2, "__index");
  lua_setmetatable(L, -2);
  lua_pop(L, 1);
}

lua_State *cli_newstate (cli *c) {
  lua_State *L = luaL_newstate();
  if (L == NULL) return NULL;
  openlibs(c, L);
  return L;
}

/* Create the 'arg' table as lua.c does: script at 0, its arguments from 1. */
static void createargtable (lua_State *L, char **argv, int argc, int script) {
  int i, narg = argc - (script + 1);
  lua_createtable(L, narg, script + 1);
  for (i = 0; i < argc; i++) {
    lua_pushstring(L, argv[i]);
    lua_rawseti(L, -2, i - script);
  }
  lua_setglobal(L, "arg");
}

typedef struct mainargs {
  cli *c;
  int argc;
  char **argv;
  int script;                       /* index in argv of the script; 0: none */
  const char *scriptpath;           /* the script found (NULL: standard input) */
  script_header *h;                 /* its header, or NULL */
  char **chunks;                    /* -e arguments */
  int nchunks, interactive;
  int sandbox;                      /* run in the sandbox */
  const char *limitopt;             /* a sandbox option given (refused without the sandbox) */
  tifai_limits lim;
  int status;                       /* exit status */
} mainargs;

/* {------ The backstop of the time limit ------
** The sandbox's hook runs between VM instructions, so a script stuck in one C call (a long
** search, a pathological pattern, a blocking read) is not stopped by it: SIGALRM, 5 seconds
** after the limit, ends the process with a message (async-signal-safe: write and _exit). */

static char alarmmsg[160];
static size_t alarmlen;

static void onalarm (int sig) {
  ssize_t w = write(2, alarmmsg, alarmlen);
  (void)sig; (void)w;
  _exit(EXIT_FAILURE);
}

/* Arm the backstop for a run named 'what' (with a limit), or disarm it (what == NULL). */
static void backstop (mainargs *m, const char *what) {
  int n;
  if (!m->sandbox || m->lim.seconds <= 0) return;
  if (what == NULL) { alarm(0); return; }
  n = snprintf(alarmmsg, sizeof(alarmmsg), PROGNAME ": %s: script exceeded the time limit (%g s) "
               "inside a call that could not be interrupted\n", what, m->lim.seconds);
  alarmlen = n < 0 ? 0 : (size_t)n < sizeof(alarmmsg) ? (size_t)n : sizeof(alarmmsg) - 1;
  signal(SIGALRM, onalarm);
  alarm(m->lim.seconds + 5 > 1e6 ? 1000000u : (unsigned)m->lim.seconds + 5);
}

/* }------ */

int cli_afterrun (lua_State *L, int sandbox, int status, const char *what, const char **exited) {
  if (exited) *exited = NULL;
  if (sandbox) {
    const char *msg;
    int code, why = tifai_sandbox_why(L, &msg, &code);
    if (why == TIFAI_STOP_EXIT) {
      if (status != LUA_OK) lua_pop(L, 1);
      if (exited) *exited = msg;
      return code;
    }
    if (why != TIFAI_STOP_NONE) {
      const char *err = status != LUA_OK ? lua_tostring(L, -1) : NULL;
      const char *tb = err ? strstr(err, "\nstack traceback:") : NULL;
      cli_error("%s: %s%s", what, msg, tb ? tb : "");
      if (status != LUA_OK) lua_pop(L, 1);
      return 1;
    }
  }
  if (status != LUA_OK) {
    cli_report(L, status);
    return 1;
  }
  return -1;
}

static int afterrun (mainargs *m, lua_State *L, int status, const char *what) {
  return cli_afterrun(L, m->sandbox, status, what, NULL);
}

static char *stdinbuf;              /* the script read from standard input, malloc'ed */
static size_t stdinlen;

/* Load the script read from standard input as luaL_loadfilex loads a file: a BOM and a
** first line starting with '#' are skipped (its newline kept, so lines count as in the
** text). [-0, +1, -] */
static int loadstdin (lua_State *L, const char *mode) {
  const char *p = stdinbuf ? stdinbuf : "";
  size_t n = stdinlen;
  if (n >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0) { p += 3; n -= 3; }
  if (n > 0 && *p == '#') while (n > 0 && *p != '\n') { p++; n--; }
  return luaL_loadbufferx(L, p, n, "=stdin", mode);
}

static int runscript (mainargs *m, lua_State *L) {
  const char *fname = m->scriptpath;
  char **argv = m->argv;
  int status, n, i, script = m->script;
  if (fname) argv[script] = (char *)fname;          /* arg[0]: the script found */
  createargtable(L, argv, m->argc, script);
  if (fname) tifai_script_setpath(L, fname);
  if (m->h && m->h->declared) {
    script_pushparams(L, m->h);
    lua_setglobal(L, "params");
  }
  if (m->sandbox) tifai_sandbox_restart(L);
  if (fname == NULL) status = loadstdin(L, m->sandbox ? "t" : NULL);
  else status = m->sandbox ? luaL_loadfilex(L, fname, "t") : luaL_loadfile(L, fname);
  if (status == LUA_OK) {
    n = m->argc - script - 1;
    luaL_checkstack(L, n + 3, "too many arguments to script");
    for (i = 1; i <= n; i++) lua_pushstring(L, argv[script + i]);
    backstop(m, fname ? fname : "stdin");
    status = cli_docall(L, n, 0);
    backstop(m, NULL);
  }
  return afterrun(m, L, status, fname ? fname : "stdin");
}

static int pmain (lua_State *L) {
  mainargs *m = (mainargs *)lua_touserdata(L, 1);
  int i, ran = 0, st;
  luaL_checkversion(L);
  if (m->sandbox) tifai_sandbox_apply(L);
  for (i = 0; i < m->nchunks; i++) {
    if (m->sandbox) tifai_sandbox_restart(L);
    st = luaL_loadbufferx(L, m->chunks[i], strlen(m->chunks[i]), "=(command line)", m->sandbox ? "t" : NULL);
    backstop(m, "(command line)");
    if (st == LUA_OK) st = cli_docall(L, 0, 0);
    backstop(m, NULL);
    if ((st = afterrun(m, L, st, "(command line)")) >= 0) { m->status = st; return 0; }
    ran = 1;
  }
  if (m->script > 0) {                              /* tifa run SCRIPT ... */
    if ((st = runscript(m, L)) >= 0) { m->status = st; return 0; }
    ran = 1;
  }
  if (m->interactive || !ran) cli_repl(m->c, L);
  return 0;
}

/* Open the store the run names (-d, $TIFA_DB, ./tifa.db) before the run starts, so that
** one that cannot be opened stops the prompt, -e chunks and scripts alike with the message
** the commands give; 'db' then takes it. The sample corpus stays lazy: it costs a load. */
static int runlua (mainargs *m) {
  lua_State *L;
  int status;
  const char *path = cli_storename(m->c);
  if (!m->sandbox) cli_nosandbox();
  if (path != NULL && tifa_shards_is(path)) {      /* a corpus of shards: read-only */
    char err[TIFA_ERRMAX];
    if (tifa_shards_open(path, TIFA_OPEN_READONLY, 0, &pendingc, err, sizeof(err)) != TIFA_OK) {
      cli_error("cannot open corpus '%s' (%s)", path, err);
      return 1;
    }
  }
  else if (path != NULL) {
    if (!checkstore(path, 0)) return 1;
    if ((pending = openpath(path, m->sandbox ? STORE_READ : STORE_LUA)) == NULL) return 1;
  }
  if (m->sandbox) {
    char err[TIFA_ERRMAX];
    if ((L = tifai_sandbox_newstate(&m->lim, err, sizeof(err))) == NULL) { cli_error("%s", err); m->status = 1; goto done; }
    readonlydb = 1;
    openlibs(m->c, L);
  }
  else if ((L = cli_newstate(m->c)) == NULL) { cli_error("cannot create state: not enough memory"); m->status = 1; goto done; }
  lua_pushcfunction(L, pmain);
  lua_pushlightuserdata(L, m);
  status = lua_pcall(L, 1, 0, 0);
  if (status != LUA_OK) { cli_report(L, status); m->status = 1; }
  if (m->sandbox) tifai_sandbox_close(L);
  else lua_close(L);
done:
  tifa_store_close(pending);                        /* never read: 'db' did not take it */
  pending = NULL;
  tifa_shards_close(pendingc);
  pendingc = NULL;
  return m->status;
}

/* {------ Options and scripts, before the state ------ */

/* A sandbox option at argv[*i] (--sandbox, --out DIR, --max-mem MB, --max-time S,
** --max-instructions N; also as --opt=VALUE). Returns 1 if it was one (consumed), 0 if
** not, 2 after printing a usage error. */
static int sandboxopt (mainargs *m, int argc, char **argv, int *i) {
  static const char *const names[] = {"--out", "--max-mem", "--max-time", "--max-instructions", NULL};
  const char *a = argv[*i], *val, *eq;
  char *end;
  size_t n;
  int k;
  double x;
  if (strcmp(a, "--sandbox") == 0) { m->sandbox = 1; return 1; }
  eq = strchr(a, '=');
  n = eq ? (size_t)(eq - a) : strlen(a);
  for (k = 0; names[k]; k++) if (strlen(names[k]) == n && strncmp(a, names[k], n) == 0) break;
  if (names[k] == NULL) return 0;
  if (eq) val = eq + 1;
  else if (*i + 1 < argc) val = argv[++*i];
  else { cli_error("'%s' needs a value", names[k]); return 2; }
  m->limitopt = names[k];
  if (k == 0) { m->lim.outdir = val; return 1; }
  errno = 0;
  x = strtod(val, &end);
  if (end == val || *end != '\0' || errno == ERANGE || !(x >= 0) || x > 1e15
      || (k != 2 && x != (double)(long long)x) || (k == 1 && x > (double)(SIZE_MAX >> 21))) {
    cli_error("bad value '%s' for %s (%s expected)", val, names[k],
              k == 2 ? "seconds, 0 or more" : "a whole number, 0 or more");
    return 2;
  }
  if (k == 1) m->lim.mem = (size_t)x << 20;
  else if (k == 2) m->lim.seconds = x;
  else m->lim.instructions = (long long)x;
  return 1;
}

static char scriptbuf[PATH_MAX];
static script_header header;

/* Read standard input whole into 'stdinbuf'. Returns 0, or -1 with errno set. */
static int readstdin (void) {
  size_t cap = 1 << 16;
  if ((stdinbuf = (char *)malloc(cap)) == NULL) return -1;
  for (;;) {
    size_t n = fread(stdinbuf + stdinlen, 1, cap - stdinlen, stdin);
    stdinlen += n;
    if (stdinlen < cap) return ferror(stdin) ? -1 : 0;
    {
      char *p = cap > SIZE_MAX / 2 ? NULL : (char *)realloc(stdinbuf, cap * 2);
      if (p == NULL) { errno = ENOMEM; return -1; }
      stdinbuf = p;
      cap *= 2;
    }
  }
}

/* Find the script at argv[m->script] (standard input for '-', read whole, as a file would
** be), read its header and parse its arguments by it. Returns -1 to run it, else the exit
** status (0 after --help). */
static int preparescript (mainargs *m) {
  const char *name = m->argv[m->script];
  char err[512];
  int rc;
  if (strcmp(name, "-") == 0) {
    if (readstdin() != 0) { cli_error("cannot read stdin (%s)", strerror(errno)); return 1; }
    rc = script_readheaderbuf(stdinbuf, stdinlen, &header);
    strcpy(scriptbuf, "stdin");                     /* for messages; scriptpath stays NULL */
  }
  else {
    if (!script_find(name, scriptbuf, sizeof(scriptbuf))
        && strchr(name, '/') == NULL && strstr(name, ".lua") == NULL) {
      script_notfound(name);
      return 1;
    }
    m->scriptpath = scriptbuf;
    rc = script_readheader(scriptbuf, &header);
  }
  m->h = &header;
  if (rc < 0) return -1;                            /* Lua says "cannot open ..." */
  if (rc > 0) {
    cli_error("%s:%d: bad header: %s", scriptbuf, header.errline, header.err);
    return 1;
  }
  if (header.sandbox) m->sandbox = 1;
  if (header.declared) {
    rc = script_parseargs(&header, m->argc - m->script - 1, m->argv + m->script + 1, err, sizeof(err));
    if (rc == 1) { script_usage(stdout, &header, 1); return 0; }
    if (rc == 2) {
      cli_error("%s: %s", header.name, err);
      script_usage(stderr, &header, 0);
      return 2;
    }
  }
  return -1;
}

/* Is 'opt' one of argv[0..argc) (before a "--")? */
static int hasarg (int argc, char **argv, const char *opt) {
  int i;
  for (i = 0; i < argc && strcmp(argv[i], "--") != 0; i++) if (strcmp(argv[i], opt) == 0) return 1;
  return 0;
}

void cli_nosandbox (void) {
  sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);       /* SQLITE_MISUSE once started: no matter */
}

/* Run the script at argv[script] (0: none) and the -e chunks, the options checked first. */
static int start (mainargs *m, int script) {
  int rc;
  m->script = script;
  if (script > 0 && (rc = preparescript(m)) >= 0) return rc;
  if (m->limitopt && !m->sandbox) {
    cli_error("'%s' needs --sandbox", m->limitopt);
    return 2;
  }
  if (m->sandbox && (m->interactive || (script == 0 && m->nchunks == 0))) {
    cli_error("--sandbox runs scripts and -e chunks, not the prompt");
    return 2;
  }
  return runlua(m);
}

static int startscript (mainargs *m, int script) {
  int rc = start(m, script);
  script_freeheader(&header);
  free(stdinbuf);
  return rc;
}

/* tifa help [NAME]: the program's usage, a command's or a script's. */
static int help (cli *c, const char *name) {
  static const char *const cmds[] = {"ingest", "search", "count", "words", "show", "part", "merge", "seal",
                                       "reuse-step", NULL};
  static int (*const fns[]) (cli *, int, char **) = {cmd_ingest, cmd_search, cmd_count, cmd_words,
                                                      cmd_show, cmd_part, cmd_merge, cmd_seal,
                                                      cmd_reuse_step};
  char h[] = "--help";
  char *args[] = {h, NULL};
  int i;
  if (name == NULL) { fputs(usage, stdout); return 0; }
  for (i = 0; cmds[i]; i++) if (strcmp(name, cmds[i]) == 0) return fns[i](c, 1, args);
  if (strcmp(name, "run") == 0) { fputs(usage_run, stdout); return 0; }
  if (strcmp(name, "scripts") == 0) return cmd_scripts(c, 1, args);
  return script_help(name);
}

/* }------ */

/* }====== */

static int termwidth (void) {
  struct winsize ws;
  const char *cols = getenv("COLUMNS");
  if (ioctl(1, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) return ws.ws_col;
  if (cols && atoi(cols) > 0) return atoi(cols);
  return 0;
}

int main (int argc, char **argv) {
  cli c;
  mainargs m;
  int i;
  char *chunks[64];
  memset(&c, 0, sizeof(c));
  memset(&m, 0, sizeof(m));
  c.dbpath = getenv("TIFA_DB");
  if (c.dbpath && *c.dbpath == '\0') c.dbpath = NULL;
  storefrom = c.dbpath ? 1 : 0;
  c.tty_out = isatty(1);
  c.tty_err = isatty(2);
  c.width = c.tty_out ? termwidth() : 0;
  m.c = &c;
  m.chunks = chunks;
  m.lim.mem = (size_t)512 << 20;                     /* the sandbox's defaults */
  m.lim.seconds = 60;
  for (i = 1; i < argc; i++) {                      /* global options, up to the command */
    const char *a = argv[i];
    int rc;
    if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) { fputs(usage, stdout); return 0; }
    if (strcmp(a, "-v") == 0 || strcmp(a, "--version") == 0) {
      printf(PROGNAME " %s (%s, SQLite %s)\n", TIFA_VERSION, LUA_RELEASE, sqlite3_libversion());
      return 0;
    }
    if (strcmp(a, "-i") == 0) { m.interactive = 1; continue; }
    if (strcmp(a, "-d") == 0 || strcmp(a, "-e") == 0) {
      if (i + 1 >= argc) { cli_error("'%s' needs an argument", a); fputs(usage, stderr); return 2; }
      if (a[1] == 'd') { c.dbpath = argv[++i]; storefrom = 2; }
      else if (m.nchunks < 64) chunks[m.nchunks++] = argv[++i];
      else { cli_error("too many -e chunks"); return 2; }
      continue;
    }
    if (strncmp(a, "-d", 2) == 0 && a[2]) { c.dbpath = a + 2; storefrom = 2; continue; }
    if (strncmp(a, "-e", 2) == 0 && a[2] && m.nchunks < 64) { chunks[m.nchunks++] = (char *)a + 2; continue; }
    if ((rc = sandboxopt(&m, argc, argv, &i)) == 2) return 2;
    if (rc == 1) continue;
    if (strcmp(a, "--") == 0) { i++; break; }       /* the command or script follows */
    if (a[0] == '-' && a[1] != '\0') {
      cli_error("unknown option '%s' (see '" PROGNAME " --help')", a);
      return 2;
    }
    break;
  }
  m.argc = argc;
  m.argv = argv;
  if (i < argc) {
    const char *cmd = argv[i];
    static const char *const plain[] = {"ingest", "search", "count", "words", "show", "seal",
                                        "reuse-step", NULL};    /* commands that run no Lua */
    int k;
    for (k = 0; plain[k]; k++) if (strcmp(cmd, plain[k]) == 0) cli_nosandbox();
    if ((strcmp(cmd, "part") == 0 && !(i + 1 < argc && strcmp(argv[i + 1], "script") == 0))
        || (strcmp(cmd, "merge") == 0 && !hasarg(argc - i - 1, argv + i + 1, "--script")))
      cli_nosandbox();
    if (strcmp(cmd, "ingest") == 0) return cmd_ingest(&c, argc - i - 1, argv + i + 1);
    if (strcmp(cmd, "search") == 0) return cmd_search(&c, argc - i - 1, argv + i + 1);
    if (strcmp(cmd, "count") == 0) return cmd_count(&c, argc - i - 1, argv + i + 1);
    if (strcmp(cmd, "words") == 0) return cmd_words(&c, argc - i - 1, argv + i + 1);
    if (strcmp(cmd, "show") == 0) return cmd_show(&c, argc - i - 1, argv + i + 1);
    if (strcmp(cmd, "part") == 0) return cmd_part(&c, argc - i - 1, argv + i + 1);
    if (strcmp(cmd, "merge") == 0) return cmd_merge(&c, argc - i - 1, argv + i + 1);
    if (strcmp(cmd, "seal") == 0) return cmd_seal(&c, argc - i - 1, argv + i + 1);
    if (strcmp(cmd, "reuse-step") == 0) return cmd_reuse_step(&c, argc - i - 1, argv + i + 1);
    if (strcmp(cmd, "scripts") == 0) return cmd_scripts(&c, argc - i - 1, argv + i + 1);
    if (strcmp(cmd, "help") == 0) {
      if (i + 2 < argc) { cli_error("help takes one name"); return 2; }
      return help(&c, i + 1 < argc ? argv[i + 1] : NULL);
    }
    if (strcmp(cmd, "run") == 0) {
      int rc;
      for (i++; i < argc; i++) {                    /* the sandbox options, up to the script */
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) { fputs(usage_run, stdout); return 0; }
        if ((rc = sandboxopt(&m, argc, argv, &i)) == 2) return 2;
        if (rc == 0) break;
      }
      if (i < argc && strcmp(argv[i], "--") == 0) i++;   /* tifa run -- -x.lua */
      else if (i < argc && argv[i][0] == '-' && argv[i][1] != '\0') {
        cli_error("unknown option '%s' (see '" PROGNAME " run --help')", argv[i]);
        return 2;
      }
      if (i >= argc) { cli_error("run needs a script"); fputs(usage_run, stderr); return 2; }
      return startscript(&m, i);
    }
    if (strstr(cmd, ".lua") != NULL || strchr(cmd, '/') != NULL || strcmp(cmd, "-") == 0)
      return startscript(&m, i);                    /* tifa script.lua, tifa -: as lua does */
    cli_error("unknown command '%s'", cmd);
    fputs(usage, stderr);
    return 2;
  }
  return start(&m, 0);
}
