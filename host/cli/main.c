/*
** main.c -- the tifa program: global options, the choice of store, subcommands (ingest,
** search, count, run), '-e' chunks and the REPL. The Lua side follows lua.c: the state is
** set up and driven from 'pmain', run under lua_pcall, and Ctrl-C stops a running chunk.
*/
#include <signal.h>
#include <stdarg.h>
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
#include "ltifa.h"

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
  "  run SCRIPT [ARGS...]  run a Lua script (a path, or a name in ./scripts or the\n"
  "                        installed scripts: 'tifa run overview')\n"
  "  (none)                an interactive Lua prompt with 'tifa' and 'db'\n"
  "\n"
  "Options:\n"
  "  -d PATH     the store (default: $TIFA_DB, else ./tifa.db if it exists, else the\n"
  "              sample corpus built into the program, read-only)\n"
  "  -e CODE     run a Lua chunk (several allowed), then stop unless -i\n"
  "  -i          enter the prompt after -e or a script\n"
  "  -v, --version   print the version\n"
  "  -h, --help      this help; '" PROGNAME " COMMAND --help' for a command\n"
  "\n"
  "In Lua: db:search(q), db:count(q), db:words{top=N}, db:articles{outlet=...}, db:article(id), db:sql(sql, ...),\n"
  "db:ingest(path), tifa.open(path). See docs/lua-api.md.\n";

static const char usage_run[] =
  "usage: " PROGNAME " run SCRIPT [ARGS...]\n"
  "Run the Lua 5.4 script SCRIPT ('-' for standard input). The global 'arg' holds ARGS\n"
  "(arg[0] is the script), '...' holds them too, 'tifa' is the library and 'db' the store\n"
  "chosen by -d / $TIFA_DB / ./tifa.db / the sample corpus. An error prints the script's\n"
  "file:line and a traceback and exits 1.\n";

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

const char *cli_storename (cli *c) {
  if (c->dbpath) return c->dbpath;
  if (exists("tifa.db")) return "tifa.db";
  return NULL;
}

tifa_store *cli_openstore (cli *c, int write) {
  tifa_store *s = NULL;
  char err[TIFA_ERRMAX];
  const char *path = cli_storename(c);
  int rc;
  if (path == NULL && write) path = "tifa.db";
  if (path == NULL) rc = tifa_store_open_sample(&s, err, sizeof(err));
  else rc = tifa_store_open(path, write ? TIFA_OPEN_CREATE : TIFA_OPEN_READONLY, &s, err, sizeof(err));
  if (rc != TIFA_OK) {
    cli_error("cannot open database '%s' (%s)", path ? path : "sample corpus", err);
    return NULL;
  }
  return s;
}

/* }====== */

/* {====== Lua ====== */

static lua_State *globalL = NULL;
static cli *thecli;

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

static int msghandler (lua_State *L) {
  const char *msg = lua_tostring(L, 1);
  if (msg == NULL) {
    if (luaL_callmeta(L, 1, "__tostring") && lua_type(L, -1) == LUA_TSTRING) return 1;
    msg = lua_pushfstring(L, "(error object is a %s value)", luaL_typename(L, 1));
  }
  luaL_traceback(L, L, msg, 1);
  return 1;
}

int cli_docall (lua_State *L, int narg, int nres) {
  int status, base = lua_gettop(L) - narg;
  lua_pushcfunction(L, msghandler);
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

/* _G.__index for the lazy global 'db': open the chosen store on first use. */
static int lazydb (lua_State *L) {
  const char *k = lua_tostring(L, 2);
  tifa_store *s;
  if (k == NULL || strcmp(k, "db") != 0) return 0;
  {
    const char *path = cli_storename(thecli);
    char err[TIFA_ERRMAX];
    int rc = path ? tifa_store_open(path, TIFA_OPEN_CREATE, &s, err, sizeof(err))
                  : tifa_store_open_sample(&s, err, sizeof(err));
    if (rc != TIFA_OK && path != NULL)              /* a store we may only read */
      rc = tifa_store_open(path, TIFA_OPEN_READONLY, &s, err, sizeof(err));
    if (rc != TIFA_OK)
      return luaL_error(L, "cannot open database '%s' (%s)", path ? path : "sample corpus", err);
  }
  tifai_lua_pushdb(L, s);
  lua_pushvalue(L, -1);
  lua_rawsetp(L, LUA_REGISTRYINDEX, (void *)&lazydb);   /* keep it */
  lua_pushvalue(L, -1);
  lua_setfield(L, 1, "db");                              /* rawset: _G.db from now on */
  return 1;
}

lua_State *cli_newstate (cli *c) {
  lua_State *L = luaL_newstate();
  if (L == NULL) return NULL;
  thecli = c;
  luaL_openlibs(L);
  luaL_requiref(L, "tifa", luaopen_tifa, 1);
  lua_pop(L, 1);
  lua_pushglobaltable(L);
  lua_createtable(L, 0, 1);
  lua_pushcfunction(L, lazydb);
  lua_setfield(L, -2, "__index");
  lua_setmetatable(L, -2);
  lua_pop(L, 1);
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

static int dochunk (lua_State *L, int status) {
  if (status == LUA_OK) status = cli_docall(L, 0, 0);
  return cli_report(L, status);
}

/* Find a script given by name: the path itself if it exists, else NAME.lua in ./scripts,
** then in the installed scripts. Pushes the path found (or the name). [-0, +1, m] */
static const char *findscript (lua_State *L, const char *name) {
  static const char *const dirs[] = {"scripts", TIFA_SCRIPTS_INSTALLED, NULL};
  int i;
  if (exists(name) || strchr(name, '/') != NULL) return lua_pushstring(L, name);
  for (i = 0; dirs[i]; i++) {
    const char *p = lua_pushfstring(L, "%s/%s.lua", dirs[i], name);
    if (exists(p)) return p;
    lua_pop(L, 1);
  }
  return lua_pushstring(L, name);
}

static int runscript (lua_State *L, char **argv, int argc, int script) {
  const char *fname = argv[script];
  int status, n, i;
  if (strcmp(fname, "-") == 0) fname = NULL;
  else {
    fname = findscript(L, fname);
    lua_setfield(L, LUA_REGISTRYINDEX, "tifa.script");       /* keeps 'fname' alive */
    argv[script] = (char *)fname;
  }
  createargtable(L, argv, argc, script);
  status = luaL_loadfile(L, fname);
  if (status == LUA_OK) {
    n = argc - script - 1;
    luaL_checkstack(L, n + 3, "too many arguments to script");
    for (i = 1; i <= n; i++) lua_pushstring(L, argv[script + i]);
    status = cli_docall(L, n, 0);
  }
  return cli_report(L, status);
}

typedef struct mainargs {
  cli *c;
  int argc;
  char **argv;
  int first;                        /* index of the command (or argc) */
  char **chunks;                    /* -e arguments */
  int nchunks, interactive;
  int status;                       /* exit status */
} mainargs;

static int pmain (lua_State *L) {
  mainargs *m = (mainargs *)lua_touserdata(L, 1);
  int i, ran = 0;
  luaL_checkversion(L);
  for (i = 0; i < m->nchunks; i++) {
    if (dochunk(L, luaL_loadbuffer(L, m->chunks[i], strlen(m->chunks[i]), "=(command line)")) != LUA_OK) {
      m->status = 1;
      return 0;
    }
    ran = 1;
  }
  if (m->first < m->argc) {                         /* tifa run SCRIPT ... */
    if (runscript(L, m->argv, m->argc, m->first + 1) != LUA_OK) { m->status = 1; return 0; }
    ran = 1;
  }
  if (m->interactive || !ran) cli_repl(m->c, L);
  return 0;
}

static int runlua (mainargs *m) {
  lua_State *L = cli_newstate(m->c);
  int status;
  if (L == NULL) { cli_error("cannot create state: not enough memory"); return 1; }
  lua_pushcfunction(L, pmain);
  lua_pushlightuserdata(L, m);
  status = lua_pcall(L, 1, 0, 0);
  if (status != LUA_OK) { cli_report(L, status); m->status = 1; }
  lua_close(L);
  return m->status;
}

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
  c.tty_out = isatty(1);
  c.tty_err = isatty(2);
  c.width = c.tty_out ? termwidth() : 0;
  m.c = &c;
  m.chunks = chunks;
  for (i = 1; i < argc; i++) {                      /* global options, up to the command */
    const char *a = argv[i];
    if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) { fputs(usage, stdout); return 0; }
    if (strcmp(a, "-v") == 0 || strcmp(a, "--version") == 0) {
      printf(PROGNAME " %s (%s, SQLite %s)\n", TIFA_VERSION, LUA_RELEASE, sqlite3_libversion());
      return 0;
    }
    if (strcmp(a, "-i") == 0) { m.interactive = 1; continue; }
    if (strcmp(a, "-d") == 0 || strcmp(a, "-e") == 0) {
      if (i + 1 >= argc) { cli_error("'%s' needs an argument", a); fputs(usage, stderr); return 2; }
      if (a[1] == 'd') c.dbpath = argv[++i];
      else if (m.nchunks < 64) chunks[m.nchunks++] = argv[++i];
      else { cli_error("too many -e chunks"); return 2; }
      continue;
    }
    if (strncmp(a, "-d", 2) == 0 && a[2]) { c.dbpath = a + 2; continue; }
    if (strncmp(a, "-e", 2) == 0 && a[2] && m.nchunks < 64) { chunks[m.nchunks++] = (char *)a + 2; continue; }
    if (a[0] == '-' && a[1] != '\0') {
      cli_error("unrecognized option '%s'", a);
      fputs(usage, stderr);
      return 2;
    }
    break;
  }
  m.argc = argc;
  m.argv = argv;
  m.first = i;
  if (i < argc) {
    const char *cmd = argv[i];
    if (strcmp(cmd, "ingest") == 0) return cmd_ingest(&c, argc - i - 1, argv + i + 1);
    if (strcmp(cmd, "search") == 0) return cmd_search(&c, argc - i - 1, argv + i + 1);
    if (strcmp(cmd, "count") == 0) return cmd_count(&c, argc - i - 1, argv + i + 1);
    if (strcmp(cmd, "words") == 0) return cmd_words(&c, argc - i - 1, argv + i + 1);
    if (strcmp(cmd, "show") == 0) return cmd_show(&c, argc - i - 1, argv + i + 1);
    if (strcmp(cmd, "help") == 0) { fputs(usage, stdout); return 0; }
    if (strcmp(cmd, "run") == 0) {
      if (i + 1 >= argc) { cli_error("run needs a script"); fputs(usage_run, stderr); return 2; }
      if (strcmp(argv[i + 1], "--help") == 0 || strcmp(argv[i + 1], "-h") == 0) {
        fputs(usage_run, stdout);
        return 0;
      }
      m.first = i;                                  /* argv[first + 1] is the script */
      return runlua(&m);
    }
    if (strstr(cmd, ".lua") != NULL || strchr(cmd, '/') != NULL) {   /* tifa script.lua, as lua does */
      m.first = i - 1;
      return runlua(&m);
    }
    cli_error("unknown command '%s'", cmd);
    fputs(usage, stderr);
    return 2;
  }
  return runlua(&m);
}
