/*
** embed.c -- tifa inside a C program: two hosts side by side, one on the sample corpus
** and one on a store of its own; a C function made callable from Lua; a script's error
** read back as text. Build it against an installed tifa:
**   cc embed.c $(pkg-config --cflags --libs tifa) -o embed
*/
#include <stdio.h>
#include <lua.h>
#include <lauxlib.h>
#include <tifa.h>

/* app.report(label, n): how the C side receives results from Lua */
static int report (lua_State *L) {
  printf("%s: %lld\n", luaL_checkstring(L, 1), (long long)luaL_checkinteger(L, 2));
  return 0;
}

static int run (tifa_host *h, const char *code) {
  if (tifa_host_dostring(h, code, "=embed") == TIFA_OK) return 0;
  fprintf(stderr, "embed: %s\n", tifa_host_errmsg(h));
  return 1;
}

int main (int argc, char **argv) {
  char err[TIFA_ERRMAX];
  tifa_host *sample, *mine;
  int bad = 0;
  if (tifa_host_new(NULL, 0, &sample, err, sizeof(err)) != TIFA_OK
      || tifa_host_new(argc > 1 ? argv[1] : "embed.db", 0, &mine, err, sizeof(err)) != TIFA_OK) {
    fprintf(stderr, "embed: %s\n", err);
    return 1;
  }
  tifa_host_register(sample, "app.report", report);
  tifa_host_register(mine, "app.report", report);
  bad |= run(sample, "app.report('稳中求进 in the sample', (db:count('稳中求进')))");
  bad |= run(mine, "app.report('articles in my store', db:sql('SELECT count(*) AS n FROM article')[1].n)");
  /* an error comes back as text, with its traceback; the host stays usable */
  if (tifa_host_dostring(sample, "local x = nil; return x.y", "=broken") != TIFA_OK)
    printf("error: %.*s\n", 38, tifa_host_errmsg(sample));
  bad |= run(sample, "app.report('still working', #db:search('高质量发展', {limit = 3}))");
  tifa_host_close(sample);
  tifa_host_close(mine);
  return bad;
}
