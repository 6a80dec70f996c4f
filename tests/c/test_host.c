/*
** test_host.c -- hosts for embedding (tifa.h): several in one process with nothing shared,
** chunks and files with arguments, errors as text with a traceback, C functions registered
** under dotted names, read-only stores, and an interrupt from another thread.
*/
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "lua.h"
#include "lauxlib.h"
#include "tifa.h"
#include "check.h"

static int twice (lua_State *L) {
  lua_pushinteger(L, 2 * luaL_checkinteger(L, 1));
  return 1;
}

/* The global 'name' of h as an integer (after running code that sets it). */
static long long global (tifa_host *h, const char *name) {
  lua_State *L = tifa_host_lua(h);
  long long v;
  lua_getglobal(L, name);
  v = (long long)lua_tointeger(L, -1);
  lua_pop(L, 1);
  return v;
}

static void *interrupter (void *ud) {
  usleep(200 * 1000);
  tifa_host_interrupt((tifa_host *)ud);
  return NULL;
}

int main (void) {
  char err[TIFA_ERRMAX], dir[64], path[128], script[128];
  tifa_host *a = NULL, *b = NULL, *r = NULL;
  pthread_t t;
  FILE *f;
  snprintf(dir, sizeof(dir), "/tmp/tifa_test_host.XXXXXX");
  if (mkdtemp(dir) == NULL) { perror("mkdtemp"); return 1; }
  snprintf(path, sizeof(path), "%s/h.db", dir);
  checkint(tifa_host_new(NULL, 0, &a, err, sizeof(err)), TIFA_OK);
  checkint(tifa_host_new(path, 0, &b, err, sizeof(err)), TIFA_OK);
  if (a == NULL || b == NULL) return check_done("host");
  /* nothing shared: globals and stores are each host's own */
  checkint(tifa_host_dostring(a, "x = 1; n = db:sql('SELECT count(*) AS n FROM article')[1].n", NULL), TIFA_OK);
  checkint(tifa_host_dostring(b, "x = 2; n = db:sql('SELECT count(*) AS n FROM article')[1].n", NULL), TIFA_OK);
  checkint((int)global(a, "x"), 1);
  checkint((int)global(b, "x"), 2);
  checkint((int)global(a, "n"), 13);              /* the sample corpus */
  checkint((int)global(b, "n"), 0);               /* a new store */
  checkstr(tifa_host_errmsg(a), "");
  /* C functions, by dotted names */
  checkint(tifa_host_register(a, "twice", twice), TIFA_OK);
  checkint(tifa_host_register(a, "my.lib.twice", twice), TIFA_OK);
  checkint(tifa_host_dostring(a, "y = twice(4) + my.lib.twice(10)", NULL), TIFA_OK);
  checkint((int)global(a, "y"), 28);
  checkint(tifa_host_dostring(a, "z = 5", NULL), TIFA_OK);
  checkint(tifa_host_register(a, "z.f", twice), TIFA_ERROR);
  check(strstr(tifa_host_errmsg(a), "'z' is not a table") != NULL);
  checkint(tifa_host_dostring(b, "return twice", NULL), TIFA_OK);   /* not in b */
  checkint(tifa_host_dostring(b, "twice(1)", "=check"), TIFA_ERROR);
  check(strstr(tifa_host_errmsg(b), "check:1: attempt to call a nil value (global 'twice')") != NULL);
  check(strstr(tifa_host_errmsg(b), "stack traceback:") != NULL);
  /* a syntax error: the message */
  checkint(tifa_host_dostring(a, "x = = 1", "=bad"), TIFA_ERROR);
  check(strstr(tifa_host_errmsg(a), "bad:1: unexpected symbol near '='") != NULL);
  /* files, with arguments as ... */
  snprintf(script, sizeof(script), "%s/s.lua", dir);
  f = fopen(script, "w");
  fputs("local a, b = ...\nsum = tonumber(a) + tonumber(b)\n", f);
  fclose(f);
  {
    const char *args[] = {"30", "12"};
    checkint(tifa_host_dofile(a, script, 2, args), TIFA_OK);
    checkint((int)global(a, "sum"), 42);
  }
  checkint(tifa_host_dofile(a, "/nonexistent.lua", 0, NULL), TIFA_ERROR);
  check(strstr(tifa_host_errmsg(a), "cannot open /nonexistent.lua") != NULL);
  /* an interrupt from another thread stops a loop; the host stays usable */
  pthread_create(&t, NULL, interrupter, a);
  checkint(tifa_host_dostring(a, "while true do end", "=loop"), TIFA_INTERRUPTED);
  pthread_join(t, NULL);
  check(strstr(tifa_host_errmsg(a), "interrupted") != NULL);
  checkint(tifa_host_dostring(a, "w = 7", NULL), TIFA_OK);
  checkint((int)global(a, "w"), 7);
  /* read-only: writes fail, the store is unchanged */
  checkint(tifa_host_dostring(b, "db:ingest{}", NULL), TIFA_OK);
  tifa_host_close(b);
  checkint(tifa_host_new(path, TIFA_HOST_READONLY, &r, err, sizeof(err)), TIFA_OK);
  if (r) {
    checkint(tifa_host_dostring(r, "assert(db.readonly); local ok, msg = db:sql('CREATE TABLE t (x)'); "
                                   "assert(ok == nil and msg:find('read%-only'), msg)", NULL), TIFA_OK);
    tifa_host_close(r);
  }
  /* a store that cannot be opened: the message names it */
  checkint(tifa_host_new("/nonexistent/dir/x.db", 0, &r, err, sizeof(err)), TIFA_DB);
  check(r == NULL);
  check(strstr(err, "cannot open database '/nonexistent/dir/x.db'") != NULL);
  tifa_host_close(NULL);
  tifa_host_close(a);
  snprintf(path, sizeof(path), "rm -rf '%s'", dir);
  if (system(path) != 0) fprintf(stderr, "cannot remove %s\n", dir);
  return check_done("host");
}
