/*
** repl.c -- the interactive prompt, after lua.c: a line is tried as "return <line>" first,
** a chunk that ends in "<eof>" asks for more lines, a result is printed by the pretty
** printer (pretty.c) and several on one line, '_' holds the first. Line editing, history
** (each line entered, once; none given up) and completion go through one seam
** (readl/addhist): libedit when built with it (after setlocale, or typed Chinese is lost),
** else plain fgets. Ctrl-C at the prompt drops the line; Ctrl-C while a
** chunk runs stops it (main.c); Ctrl-D leaves.
*/
#include <errno.h>
#include <locale.h>
#include <signal.h>
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
#include <histedit.h>

static char histfile[1024];
static lua_State *compL;                /* the state completion looks into */
static volatile sig_atomic_t gotint;    /* Ctrl-C while reading a line */

/* {====== Completion ======
** The word before the cursor is a chain of names: "tifa.text.wo", "db:se", "a.ti". The chain
** but its last name is looked up from the globals (a lookup may open the lazy 'db'); the
** candidates are the keys of the value found, of its metatable's __index table, or of the
** methods table of tifa's classes (the upvalue of their __index closure), and for articles
** their lazy field 'text'. After ':' only functions. */

#define MAXCAND 512
static char *cands[MAXCAND];
static int ncands, nextcand;

static void addcand (const char *prefix, size_t plen, const char *name, size_t nlen, const char *word) {
  int i;
  char *c;
  if (ncands >= MAXCAND || nlen < strlen(word) - plen || strncmp(name, word + plen, strlen(word) - plen) != 0)
    return;
  for (i = 0; i < ncands; i++)
    if (strlen(cands[i]) == plen + nlen && memcmp(cands[i] + plen, name, nlen) == 0) return;
  if ((c = (char *)malloc(plen + nlen + 1)) == NULL) return;
  memcpy(c, prefix, plen);
  memcpy(c + plen, name, nlen);
  c[plen + nlen] = '\0';
  cands[ncands++] = c;
}

/* Add the string keys of the table on top that name identifiers (functions only if 'fn'). */
static void addkeys (lua_State *L, const char *prefix, size_t plen, const char *word, int fn) {
  int t = lua_gettop(L);
  lua_pushnil(L);
  while (lua_next(L, t)) {
    if (lua_type(L, -2) == LUA_TSTRING && (!fn || lua_type(L, -1) == LUA_TFUNCTION)) {
      size_t n;
      const char *k = lua_tolstring(L, -2, &n), *p;
      for (p = k; *p && (*p == '_' || ((*p | 32) >= 'a' && (*p | 32) <= 'z') || (*p >= '0' && *p <= '9')); p++) ;
      if (*p == '\0' && n > 0 && !(*k >= '0' && *k <= '9')) addcand(prefix, plen, k, n, word);
    }
    lua_pop(L, 1);
  }
}

/* Candidates from the value on top: its own keys and its class's. */
static void addfields (lua_State *L, const char *prefix, size_t plen, const char *word, int fn) {
  int v = lua_gettop(L);
  if (lua_type(L, v) == LUA_TTABLE) addkeys(L, prefix, plen, word, fn);
  if (lua_getmetatable(L, v)) {
    int t = lua_getfield(L, -1, "__index");
    if (t == LUA_TTABLE) addkeys(L, prefix, plen, word, fn);
    else if (t == LUA_TFUNCTION && lua_getupvalue(L, -1, 1) && lua_type(L, -1) == LUA_TTABLE) {
      addkeys(L, prefix, plen, word, fn);
      lua_pop(L, 1);
    }
    luaL_getmetatable(L, "tifa.article");
    if (!fn && lua_rawequal(L, -1, -3)) addcand(prefix, plen, "text", 4, word);
  }
  lua_settop(L, v);
}

/* Look up the chain word[0..len) ("tifa.text") from the globals; pushes the value. */
static int lookup (lua_State *L) {
  size_t len;
  const char *w = lua_tolstring(L, 1, &len), *p = w, *e = w + len;
  lua_pushglobaltable(L);
  while (p < e) {
    const char *q = p;
    while (q < e && *q != '.' && *q != ':') q++;
    if (!lua_istable(L, -1) && !lua_isuserdata(L, -1)) { lua_pushnil(L); return 1; }
    lua_pushlstring(L, p, (size_t)(q - p));
    lua_gettable(L, -2);                            /* metamethods: the lazy db opens */
    lua_remove(L, -2);
    p = q + 1;
  }
  return 1;
}

static char *nextmatch (const char *text, int state) {
  (void)text;
  if (state == 0) nextcand = 0;
  if (nextcand < ncands) {
    char *c = cands[nextcand];
    cands[nextcand++] = NULL;
    return c;
  }
  return NULL;
}

static char **complete (const char *text, int start, int end) {
  static const char *const keywords[] = {"and", "break", "do", "else", "elseif", "end", "false",
    "for", "function", "goto", "if", "in", "local", "nil", "not", "or", "repeat", "return",
    "then", "true", "until", "while", NULL};
  lua_State *L = compL;
  const char *sep = NULL, *p;
  int i, top = lua_gettop(L);
  (void)start; (void)end;
  for (i = 0; i < ncands; i++) free(cands[i]);
  ncands = 0;
  for (p = text; *p; p++) if (*p == '.' || *p == ':') sep = p;
  if (sep == NULL) {                                /* a global or a keyword */
    lua_pushglobaltable(L);
    addfields(L, "", 0, text, 0);
    lua_pop(L, 1);
    for (i = 0; keywords[i]; i++) addcand("", 0, keywords[i], strlen(keywords[i]), text);
  }
  else {
    lua_pushcfunction(L, lookup);
    lua_pushlstring(L, text, (size_t)(sep - text));
    if (lua_pcall(L, 1, 1, 0) == LUA_OK && !lua_isnil(L, -1))
      addfields(L, text, (size_t)(sep - text + 1), text, *sep == ':');
  }
  lua_settop(L, top);
  rl_attempted_completion_over = 1;                 /* no file names */
  if (ncands == 0) return NULL;
  return rl_completion_matches(text, nextmatch);
}

/* }====== */

static void onint (int sig) {
  (void)sig;
  gotint = 1;
}

/* libedit (3.1-20221030) redraws an edited line by a diff of its old and new cells, in which
** the second cell of every wide character is the same filler: a run of equal cells can then
** begin or end between a wide character and its filler, and writing that character alone
** counts one column where the terminal moves two (insert 中 before "试abc" and the cursor
** stands a column right). Without the terminal's insert and delete capabilities it rewrites
** the line from the first difference, which is always a whole character. */
static void nowideedits (void) {
  static const char *const caps[] = {"im", "ic", "IC", "dc", "DC", NULL};
  char cmd[32];
  int i;
  for (i = 0; caps[i]; i++) {
    snprintf(cmd, sizeof(cmd), "settc %s ''", caps[i]);
    rl_parse_and_bind(cmd);
  }
}

static void initedit (lua_State *L) {
  const char *data = getenv("XDG_DATA_HOME"), *home = getenv("HOME");
  setlocale(LC_CTYPE, "");                          /* libedit drops wide input without it */
  compL = L;
  rl_attempted_completion_function = complete;
  rl_completer_word_break_characters = (char *)" \t\n\"'`@$><=;|&{(,+-*/%^~#[]";
  rl_completion_append_character = '\0';
  rl_catch_signals = 0;
  rl_initialize();
  nowideedits();
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

/* Read a line into buf: 1 for a line, 0 at the end of input, -1 when Ctrl-C dropped it. */
static int readl (char *buf, const char *prompt) {
  struct sigaction sa, old;
  char *line;
  memset(&sa, 0, sizeof(sa));
  sa.sa_handler = onint;                            /* no SA_RESTART: the read returns */
  sigemptyset(&sa.sa_mask);
  sigaction(SIGINT, &sa, &old);
  gotint = 0;
  line = readline(prompt);
  sigaction(SIGINT, &old, NULL);
  if (line == NULL) return gotint ? (fputc('\n', stdout), -1) : 0;
  if (gotint) { free(line); fputc('\n', stdout); return -1; }
  snprintf(buf, MAXINPUT, "%s", line);
  free(line);
  return 1;
}

/* Append 'line' to the history file, in libedit's format (vis(3) encoded, after a header),
** through a history of its own that holds just this line: append_history(1, f) of libedit
** 3.1-20221030 writes the last two entries, so every line was saved twice. */
static void savehist (const char *line) {
  History *h;
  HistEvent ev;
  FILE *f;
  if (histfile[0] == '\0' || (f = fopen(histfile, "a")) == NULL) return;
  if ((h = history_init()) != NULL) {
    history(h, &ev, H_SETSIZE, 1);
    if (history(h, &ev, H_ENTER, line) != -1) history(h, &ev, H_SAVE_FP, f);
    history_end(h);
  }
  fclose(f);
}

/* Keep a line the user entered (not one abandoned with Ctrl-C or Ctrl-D), and only from a
** terminal: lines piped in are not the user's to recall. */
static void addhist (const char *line) {
  if (*line == '\0' || !isatty(0)) return;
  add_history(line);
  savehist(line);
}

#else

static void initedit (lua_State *L) { (void)L; }

static int readl (char *buf, const char *prompt) {
  fputs(prompt, stdout);
  fflush(stdout);
  if (fgets(buf, MAXINPUT, stdin) == NULL) return errno == EINTR ? -1 : 0;
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
  int status, r = 1;
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
    r = readl(buf, PROMPT2);
    if (r < 0) { lua_pushliteral(L, "(input dropped)"); status = -1; break; }
    if (r == 0) { lua_pushliteral(L, "incomplete statement at end of input"); break; }
    lua_pushliteral(L, "\n");
    lua_pushstring(L, buf);
    lua_concat(L, 3);
  }
  if (r > 0) addhist(lua_tostring(L, -2));          /* not a chunk given up on */
  lua_remove(L, -2);
  return status;
}

static int printwidth;                  /* the terminal's columns, for the printer */

/* pretty(v1, ...): one value by the pretty printer; several on one line, separated by tabs,
** as lua.c prints them, except that a table still goes through the printer, on lines of its
** own ('1, 2, "a"' prints "1\t2\ta"). */
static int prettyall (lua_State *L) {
  cli_prettyvalues(L, 1, lua_gettop(L), printwidth);   /* several: one line, tab-separated */
  return 0;
}

/* Print the values on the stack (from 'base'); '_' gets the first. */
static void printresults (lua_State *L, int base) {
  int n = lua_gettop(L) - base, i;
  if (n <= 0) return;
  lua_pushvalue(L, base + 1);
  lua_setglobal(L, "_");
  luaL_checkstack(L, n + 2, "too many results to print");
  lua_pushcfunction(L, prettyall);
  for (i = 1; i <= n; i++) lua_pushvalue(L, base + i);
  if (cli_docall(L, n, 0) != LUA_OK) cli_report(L, LUA_ERRRUN);
  fflush(stdout);
  lua_settop(L, base);
}

/* The banner's account of the store: "13 articles, 2022-09-24 to 2024-04-23" (opens the
** lazy 'db'); a corpus of shards gives a row per shard, summed here. */
static const char describe[] =
  "local rows, r = db:sql([[SELECT count(*) AS n, min(CASE WHEN date GLOB '[0-9][0-9][0-9][0-9]*' "
  "THEN date END) AS first, max(CASE WHEN date GLOB '[0-9][0-9][0-9][0-9]*' THEN date END) "
  "AS last FROM article]]), {n = 0} "
  "for _, x in ipairs(rows) do r.n = r.n + x.n "
  "if x.first and (not r.first or x.first < r.first) then r.first = x.first end "
  "if x.last and (not r.last or x.last > r.last) then r.last = x.last end end "
  "local s = rows.shards and string.format(' in %d shards', rows.shards) or '' "
  "if r.first then return string.format('%d articles%s, %s to %s', r.n, s, r.first, r.last) end "
  "return string.format('%d articles%s', r.n, s)";

static void banner (lua_State *L, cli *c) {
  const char *name = cli_storename(c);
  int top = lua_gettop(L);
  printf("tifa %s (%s). ", TIFA_VERSION, LUA_RELEASE);
  printf("%s", name ? name : "Sample corpus (built in, read-only)");
  if (luaL_loadstring(L, describe) == LUA_OK && lua_pcall(L, 0, 1, 0) == LUA_OK) printf(": %s.\n", lua_tostring(L, -1));
  else printf(" (%s).\n", lua_tostring(L, -1));
  lua_settop(L, top);
  puts("help() lists the API, help \"words\" explains one function; Tab completes; Ctrl-D leaves.");
}

void cli_repl (cli *c, lua_State *L) {
  char buf[MAXINPUT];
  int tty = isatty(0), r;
  printwidth = c->width;
  initedit(L);                                      /* 'help' is tifa.help (main.c) */
  if (tty) banner(L, c);
  while ((r = readl(buf, tty ? PROMPT : "")) != 0) {
    int base = lua_gettop(L), status;
    if (r < 0) continue;                            /* Ctrl-C: a new prompt */
    if (strcmp(buf, "help") == 0) strcpy(buf, "help()");
    status = loadline(L, buf);
    if (status == -1) { lua_settop(L, base); continue; }
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
