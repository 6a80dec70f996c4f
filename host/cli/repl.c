/*
** repl.c -- the interactive prompt, after lua.c: a line is tried as "return <line>" first,
** a chunk that ends in "<eof>" asks for more lines, results are printed, '_' holds the last
** one. Line editing and history go through one seam (readline/addhistory): libedit when
** built with it (after setlocale, or typed Chinese is lost), else plain fgets.
*/
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "lua.h"
#include "lauxlib.h"
#include "cli.h"

#define MAXINPUT  4096
#define EOFMARK   "<eof>"
#define PROMPT    "tifa> "
#define PROMPT2   "  >> "

/* {====== The line-editing seam ====== */

#ifdef TIFA_USE_LIBEDIT
#include <editline/readline.h>

static char histfile[1024];

static void initedit (void) {
  const char *data = getenv("XDG_DATA_HOME"), *home = getenv("HOME");
  setlocale(LC_CTYPE, "");                          /* libedit drops wide input without it */
  if (data && *data) snprintf(histfile, sizeof(histfile), "%s/tifa", data);
  else if (home && *home) snprintf(histfile, sizeof(histfile), "%s/.local/share/tifa", home);
  if (histfile[0]) {
    char dir[1024];
    snprintf(dir, sizeof(dir), "%s", histfile);
    if (data == NULL || !*data) {                   /* make ~/.local/share first */
      char parent[1024];
      snprintf(parent, sizeof(parent), "%s/.local", home);
      mkdir(parent, 0700);
      snprintf(parent, sizeof(parent), "%s/.local/share", home);
      mkdir(parent, 0700);
    }
    mkdir(dir, 0700);
    strncat(histfile, "/history", sizeof(histfile) - strlen(histfile) - 1);
    using_history();
    read_history(histfile);
  }
}

static int readl (char *buf, const char *prompt) {
  char *line = readline(prompt);
  if (line == NULL) return 0;
  snprintf(buf, MAXINPUT, "%s", line);
  free(line);
  return 1;
}

static void addhist (const char *line) {
  if (*line == '\0') return;
  add_history(line);
  if (histfile[0]) append_history(1, histfile);
}

#else

static void initedit (void) {}

static int readl (char *buf, const char *prompt) {
  fputs(prompt, stdout);
  fflush(stdout);
  if (fgets(buf, MAXINPUT, stdin) == NULL) return 0;
  buf[strcspn(buf, "\n")] = '\0';
  return 1;
}

static void addhist (const char *line) { (void)line; }

#endif

/* }====== */

static int incomplete (lua_State *L, int status) {
  if (status == LUA_ERRSYNTAX) {
    size_t lmsg;
    const char *msg = lua_tolstring(L, -1, &lmsg);
    size_t lmark = sizeof(EOFMARK) - 1;
    if (lmsg >= lmark && strcmp(msg + lmsg - lmark, EOFMARK) == 0) {
      lua_pop(L, 1);
      return 1;
    }
  }
  return 0;
}

/* Read a chunk: try "return line" first, then the line, asking for more while incomplete. */
static int loadline (lua_State *L, const char *first) {
  luaL_Buffer b;
  int status;
  char buf[MAXINPUT];
  const char *code = lua_pushfstring(L, "return %s", first);
  status = luaL_loadbuffer(L, code, strlen(code), "=stdin");
  lua_remove(L, -2);
  if (status == LUA_OK) { addhist(first); return status; }
  lua_pop(L, 1);
  luaL_buffinit(L, &b);
  luaL_addstring(&b, first);
  luaL_pushresult(&b);
  for (;;) {
    size_t len;
    const char *chunk = lua_tolstring(L, -1, &len);
    status = luaL_loadbuffer(L, chunk, len, "=stdin");
    if (!incomplete(L, status)) break;
    if (!readl(buf, PROMPT2)) { lua_pushliteral(L, "incomplete statement at end of input"); break; }
    lua_pushliteral(L, "\n");
    lua_pushstring(L, buf);
    lua_concat(L, 3);
  }
  {
    const char *chunk = lua_tostring(L, -2);
    if (chunk) addhist(chunk);
  }
  lua_remove(L, -2);
  return status;
}

/* Print the values on the stack (from 'base'), tab-separated; '_' gets the first. */
static void printresults (lua_State *L, int base) {
  int n = lua_gettop(L) - base, i;
  if (n <= 0) return;
  lua_pushvalue(L, base + 1);
  lua_setglobal(L, "_");
  lua_getglobal(L, "print");
  for (i = 1; i <= n; i++) lua_pushvalue(L, base + i);
  if (lua_pcall(L, n, 0, 0) != LUA_OK) cli_report(L, LUA_ERRRUN);
  lua_settop(L, base);
}

static void banner (cli *c) {
  const char *name = cli_storename(c);
  printf("tifa %s, %s. Store: %s. Type help or Ctrl-D to leave.\n", TIFA_VERSION, LUA_RELEASE,
         name ? name : "sample corpus (built in, read-only)");
}

void cli_repl (cli *c, lua_State *L) {
  char buf[MAXINPUT];
  int tty = isatty(0);
  initedit();
  if (tty) banner(c);
  while (readl(buf, tty ? PROMPT : "")) {
    int base = lua_gettop(L), status;
    if (strcmp(buf, "help") == 0) {
      puts("db:search(q), db:count(q), db:articles{outlet=,since=,until=,title=}, db:article(id),\n"
           "db:sql(sql, ...), db:ingest(path), tifa.open(path). 'tifa --help' for the commands.");
      continue;
    }
    status = loadline(L, buf);
    if (status == LUA_OK) status = cli_docall(L, 0, LUA_MULTRET);
    if (status == LUA_OK) printresults(L, base);
    else {
      const char *msg = lua_tostring(L, -1);
      fprintf(stderr, "%s\n", msg ? msg : "(error object is not a string)");
      lua_settop(L, base);
    }
  }
  if (tty) fputc('\n', stdout);
}
