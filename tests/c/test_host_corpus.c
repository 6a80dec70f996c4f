/*
** test_host_corpus.c -- a host on a corpus of shards (tifa.h, tifa_host_new(DIR)): 'db' is
** the corpus, read-only whatever the flags, and answers as a store holding the same files;
** a directory that is no corpus is still refused.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "lua.h"
#include "tifa.h"
#include "tifa_shard.h"
#include "check.h"

/* The global 'name' of h as an integer (after running code that sets it). */
static long long global (tifa_host *h, const char *name) {
  lua_State *L = tifa_host_lua(h);
  long long v;
  lua_getglobal(L, name);
  v = (long long)lua_tointeger(L, -1);
  lua_pop(L, 1);
  return v;
}

static const char answers[] =
  "shards = db.shards or 0; ro = db.readonly and 1 or 0\n"
  "total = db:count('发展')\n"
  "articles = 0; for a in db:articles() do articles = articles + #a:paragraphs() * 0 + 1 end\n"
  "words = db:words{top = 1}[1].count\n"
  "periods = #db:timeline('发展')\n"
  "lines = #db:kwic('高质量')\n";

int main (void) {
  char err[TIFA_ERRMAX], dir[64], corp[128], one[128], cmd[160];
  const char *seeds = getenv("TIFA_SEEDS"), *paths[1];
  tifa_host *s = NULL, *c = NULL, *r = NULL, *x = NULL;
  tifa_shards *sh = NULL;
  tifa_ingest_opts o;
  tifa_ingest_report rep;
  static const char *const names[] = {"total", "articles", "words", "periods", "lines", NULL};
  int k;
  if (seeds == NULL) { fprintf(stderr, "TIFA_SEEDS not set\n"); return 1; }
  snprintf(dir, sizeof(dir), "/tmp/tifa_test_hostc.XXXXXX");
  if (mkdtemp(dir) == NULL) { perror("mkdtemp"); return 1; }
  snprintf(corp, sizeof(corp), "%s/corp", dir);
  snprintf(one, sizeof(one), "%s/one.db", dir);
  /* the same files in a store and in a corpus of 3 shards */
  memset(&o, 0, sizeof(o));
  memset(&rep, 0, sizeof(rep));
  paths[0] = seeds;
  checkint(tifa_shards_open(corp, TIFA_OPEN_CREATE, 3, &sh, err, sizeof(err)), TIFA_OK);
  if (sh) checkint(tifa_shards_ingest(sh, paths, 1, &o, 0, &rep, NULL, NULL, err, sizeof(err)), TIFA_OK);
  tifa_shards_close(sh);
  checkint(tifa_host_new(one, 0, &s, err, sizeof(err)), TIFA_OK);
  if (s == NULL) return check_done("host_corpus");
  snprintf(cmd, sizeof(cmd), "assert(db:ingest('%s'))", seeds);
  checkint(tifa_host_dostring(s, cmd, NULL), TIFA_OK);
  /* a host on the corpus: 'db' is the corpus, with the store's answers */
  checkint(tifa_host_new(corp, 0, &c, err, sizeof(err)), TIFA_OK);
  checkint(tifa_host_new(corp, TIFA_HOST_READONLY, &r, err, sizeof(err)), TIFA_OK);
  if (c == NULL || r == NULL) return check_done("host_corpus");
  checkint(tifa_host_dostring(s, answers, "=answers"), TIFA_OK);
  checkint(tifa_host_dostring(c, answers, "=answers"), TIFA_OK);
  checkstr(tifa_host_errmsg(c), "");
  checkint(tifa_host_dostring(r, answers, "=answers"), TIFA_OK);
  checkint(global(c, "shards"), 3);
  checkint(global(s, "shards"), 0);
  checkint(global(c, "ro"), 1);                     /* read-only though not asked */
  check(global(s, "total") > 0 && global(s, "lines") > 0);
  for (k = 0; names[k]; k++) {
    checkint(global(c, names[k]), global(s, names[k]));
    checkint(global(r, names[k]), global(s, names[k]));
  }
  /* what a corpus refuses, as text */
  checkint(tifa_host_dostring(c, "db:ingest('x.txt')", NULL), TIFA_ERROR);
  check(strstr(tifa_host_errmsg(c), "bad self to 'ingest'") != NULL);
  /* every analytic answers on a corpus: keyness over the corpus as over the store */
  checkint(tifa_host_dostring(c, "n_corpus = #db:keyness({since = '2000-01-01'})", NULL), TIFA_OK);
  checkint(tifa_host_dostring(s, "n_corpus = #db:keyness({since = '2000-01-01'})", NULL), TIFA_OK);
  checkint(global(c, "n_corpus"), global(s, "n_corpus"));
  /* a directory that is not a corpus is no store */
  checkint(tifa_host_new(dir, 0, &x, err, sizeof(err)), TIFA_DB);
  check(x == NULL);
  tifa_host_close(s);
  tifa_host_close(c);
  tifa_host_close(r);
  snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
  if (system(cmd) != 0) fprintf(stderr, "cannot remove %s\n", dir);
  return check_done("host_corpus");
}
