/*
** scriptpartcmd.c -- a Lua script's parts and merge on the command line: 'tifa part script'
** (part(db, ...) on one shard or store, written as a part) and 'tifa merge --script' (the
** parts checked by tifa_merge, then merge(parts, ...) run and its answer printed). The Lua
** side is host/lua/lscriptpart.c; the state is made as 'tifa run' makes it (lsandbox.h with
** --sandbox or a header's @sandbox).
*/
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>
#include "lua.h"
#include "lauxlib.h"
#include "cli.h"
#include "tifa_shard.h"
#include "lsandbox.h"
#include "lscriptpart.h"

const char cli_usage_partscript[] =
  "usage: " PROGNAME " -d STORE|CORPUS part script [--shard S] [--sandbox] SCRIPT [ARGS...]\n"
  "       " PROGNAME " merge --script SCRIPT [--sandbox] PART...\n"
  "A Lua script's share of a corpus's answer. SCRIPT (a path, or a name on the search path)\n"
  "defines global functions part(db, ...) and merge(parts, ...); '...' are ARGS, the same\n"
  "for both. 'part script' runs the script's main chunk, then part(db, ARGS...) on one shard\n"
  "(db: the shard's store, read-only) and writes its value as a part (JSON Lines: a header\n"
  "with the script's path, the FNV-1a 64 hash of its bytes and ARGS; {\"value\": V}; a\n"
  "trailer). The value may be nil, a boolean, a number, a string, or a table of those,\n"
  "nested (keys 1..n: a JSON array; string keys: an object); anything else is an error\n"
  "naming where it is ('part returned a function at [3].x'). 'merge --script' checks the\n"
  "parts as 'merge' does (one request, every shard once, the script's hash the same), then\n"
  "runs merge(parts, ARGS...): 'parts' is the list of the values in shard order (integers\n"
  "stay integers, floats floats; parts.n their number). What merge prints is the answer,\n"
  "and its returned values are printed as the prompt prints them. --sandbox runs the\n"
  "script as 'run --sandbox' does (default limits). Exit status 1 for a Lua error (its\n"
  "file:line and a traceback) or a bad part, 2 for a usage error.\n";

int cli_addline (void *ud, const char *line, size_t len) {
  cli_lines *l = (cli_lines *)ud;
  if (l->n + len + 2 > l->cap) {
    size_t cap = l->cap ? l->cap : 4096;
    char *nb;
    while (l->n + len + 2 > cap) cap *= 2;
    if ((nb = (char *)realloc(l->b, cap)) == NULL) return TIFA_NOMEM;
    l->b = nb; l->cap = cap;
  }
  memcpy(l->b + l->n, line, len);
  l->n += len;
  l->b[l->n++] = '\n';
  l->b[l->n] = '\0';
  return 0;
}

typedef struct source {             /* the script: found, read whole, its header's @sandbox */
  char path[PATH_MAX];
  char real[PATH_MAX];
  char *code;
  size_t len;
  int sandbox;
} source;

/* Find and read the script 'name' as 'tifa run' finds it. Returns 0, or 1 after printing
** the error. */
static int readsource (const char *name, source *s) {
  script_header h;
  FILE *f;
  size_t cap = 1 << 14, got;
  int rc;
  memset(s, 0, sizeof(*s));
  if (!script_find(name, s->path, sizeof(s->path)) && strchr(name, '/') == NULL
      && strstr(name, ".lua") == NULL) {
    script_notfound(name);
    return 1;
  }
  if ((f = fopen(s->path, "rb")) == NULL || realpath(s->path, s->real) == NULL) {
    cli_error("cannot open %s (%s)", s->path, strerror(errno));
    if (f) fclose(f);
    return 1;
  }
  if ((s->code = (char *)malloc(cap)) == NULL) { fclose(f); cli_error("not enough memory"); return 1; }
  while ((got = fread(s->code + s->len, 1, cap - s->len, f)) > 0) {
    s->len += got;
    if (s->len == cap) {
      char *nb = (char *)realloc(s->code, cap * 2);
      if (nb == NULL) { fclose(f); cli_error("not enough memory"); return 1; }
      s->code = nb; cap *= 2;
    }
  }
  rc = ferror(f);
  fclose(f);
  if (rc) { cli_error("cannot read %s (%s)", s->path, strerror(errno)); return 1; }
  rc = script_readheaderbuf(s->code, s->len, &h);
  if (rc > 0) cli_error("%s:%d: bad header: %s", s->path, h.errline, h.err);
  else s->sandbox = h.sandbox;
  script_freeheader(&h);
  return rc > 0;
}

/* A job of the script 's' (sandboxed if 'sandbox' or its header says so), the rest zeroed. */
static void newjob (tifai_scriptjob *job, const source *s, int sandbox) {
  memset(job, 0, sizeof(*job));
  job->path = s->path;
  job->realpath = s->real;
  job->code = s->code;
  job->len = s->len;
  job->sandbox = sandbox || s->sandbox;
}

/* A state as 'tifa run' makes it: a sandbox with its default limits, or a plain one. */
static lua_State *newstate (int sandbox) {
  char err[TIFA_ERRMAX];
  lua_State *L;
  if (!sandbox) cli_nosandbox();                  /* (no gain once a store is open) */
  if (sandbox) {
    tifai_limits lim;
    memset(&lim, 0, sizeof(lim));
    lim.mem = (size_t)512 << 20;                    /* 'tifa run --sandbox's defaults */
    lim.seconds = 60;
    if ((L = tifai_sandbox_newstate(&lim, err, sizeof(err))) == NULL) cli_error("%s", err);
  }
  else if ((L = luaL_newstate()) == NULL) cli_error("cannot create state: not enough memory");
  return L;
}

/* After a run that ended with 'status', as 'tifa run' reports it; but an os.exit in the
** sandbox leaves no part nor answer, so it is an error, never success. Returns -1 if it went
** well, else the exit status. */
static int afterrun (lua_State *L, int sandbox, int status, const char *what) {
  const char *exited;
  int rc = cli_afterrun(L, sandbox, status, what, &exited);
  if (exited == NULL) return rc;
  cli_error("%s: %s", what, exited);
  return rc != 0 ? rc : 1;
}

/* The backstop of the sandbox's time limit, as 'tifa run' has it: the hook runs between VM
** instructions, so a script stuck in one C call is ended by SIGALRM 5 seconds after the
** limit (async-signal-safe: write and _exit). */
static char alarmmsg[PATH_MAX + 160];
static size_t alarmlen;

static void onalarm (int sig) {
  ssize_t w = write(2, alarmmsg, alarmlen);
  (void)sig; (void)w;
  _exit(EXIT_FAILURE);
}

/* Arm the backstop for a sandboxed run of 'what', or disarm it (what == NULL). */
static void backstop (int sandbox, const char *what) {
  int n;
  if (!sandbox) return;
  if (what == NULL) { alarm(0); return; }
  n = snprintf(alarmmsg, sizeof(alarmmsg), PROGNAME ": %s: script exceeded the time limit (60 s) "
               "inside a call that could not be interrupted\n", what);
  alarmlen = n < 0 ? 0 : (size_t)n < sizeof(alarmmsg) ? (size_t)n : sizeof(alarmmsg) - 1;
  signal(SIGALRM, onalarm);
  alarm(65);
}

static void closestate (lua_State *L, int sandbox) {
  if (sandbox) tifai_sandbox_close(L);
  else lua_close(L);
}

/* {====== part script ====== */

static int numarg (const char *opt, const char *v, long *out) {
  char *end;
  long n;
  errno = 0;
  n = strtol(v, &end, 10);
  if (*v == '\0' || *end != '\0' || errno != 0 || n < 1) {
    cli_error("option '%s' needs a whole number from 1, got '%s'", opt, v);
    return 0;
  }
  *out = n;
  return 1;
}

int cmd_part_script (cli *c, int argc, char **argv) {
  tifai_scriptjob job;
  source src;
  tifa_shards *corpus = NULL;
  tifa_store *s = NULL;
  lua_State *L;
  char err[TIFA_ERRMAX];
  long shard = 0;
  int i, rc, sandbox = 0, status;
  for (i = 0; i < argc; i++) {                      /* options, up to the script */
    const char *a = argv[i];
    if (strcmp(a, "--") == 0) { i++; break; }
    if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) { fputs(cli_usage_partscript, stdout); return 0; }
    if (strcmp(a, "--sandbox") == 0) { sandbox = 1; continue; }
    if (strcmp(a, "--shard") == 0) {
      if (i + 1 >= argc) { cli_error("'%s' needs an argument", a); return 2; }
      if (!numarg(a, argv[++i], &shard)) return 2;
      continue;
    }
    if (a[0] == '-' && a[1] != '\0') {
      cli_error("unknown option '%s' for part script (see '" PROGNAME " part script --help')", a);
      return 2;
    }
    break;
  }
  if (i >= argc) { cli_error("part script needs a script"); fputs(cli_usage_partscript, stderr); return 2; }
  if (c->dbpath && tifa_shards_is(c->dbpath)) {
    if (shard == 0) { cli_error("'%s' is a corpus of shards: part needs --shard S", c->dbpath); return 2; }
    if ((rc = tifa_shards_open(c->dbpath, TIFA_OPEN_READONLY, 0, &corpus, err, sizeof(err))) != TIFA_OK
        || (rc = tifa_shards_store(corpus, (int)shard, TIFA_OPEN_READONLY, &s, err, sizeof(err))) != TIFA_OK) {
      cli_error("%s", err);
      tifa_shards_close(corpus);
      return rc == TIFA_ERROR && corpus ? 2 : 1;
    }
  }
  else if (shard != 0) {
    cli_error("--shard is for a corpus of shards; '%s' is a store", cli_storename(c) ? cli_storename(c) : "the sample corpus");
    return 2;
  }
  else if ((s = cli_openstore(c, 0)) == NULL) return 1;
  if (readsource(argv[i], &src) != 0) { rc = 1; goto done; }
  newjob(&job, &src, sandbox);
  job.argc = argc - i - 1;
  job.argv = argv + i + 1;
  job.store = s;
  job.shard = corpus ? (int)shard : 0;
  job.nshards = corpus ? tifa_shards_count(corpus) : 1;
  job.uuid = corpus ? tifa_shards_uuid(corpus) : NULL;
  if ((L = newstate(job.sandbox)) == NULL) { rc = 1; goto done; }
  lua_pushcfunction(L, tifai_script_part);
  lua_pushlightuserdata(L, &job);
  backstop(job.sandbox, src.path);
  status = cli_docall(L, 1, 1);
  backstop(job.sandbox, NULL);
  s = job.store;                                    /* NULL once 'db' took it */
  if ((rc = afterrun(L, job.sandbox, status, src.path)) < 0) {
    size_t len;
    const char *part;
    lua_pushcfunction(L, tifai_script_partlines);
    lua_insert(L, -2);
    lua_pushlightuserdata(L, &job);
    lua_insert(L, -2);
    if (lua_pcall(L, 2, 1, 0) != LUA_OK) {          /* no traceback: the value is at fault */
      cli_error("%s: %s", src.path, lua_tostring(L, -1));
      rc = 1;
      goto closed;
    }
    part = lua_tolstring(L, -1, &len);
    rc = 0;
    if (fwrite(part, 1, len, stdout) != len || fflush(stdout) != 0) {
      cli_error("cannot write the part (%s)", strerror(errno));
      rc = 1;
    }
  }
closed:
  closestate(L, job.sandbox);
done:
  free(src.code);
  tifa_store_close(s);
  tifa_shards_close(corpus);
  return rc;
}

/* }====== */

/* {====== merge --script ====== */

/* Print merge's results, 1..top, as the prompt prints a line's. */
static int printresults (lua_State *L) {
  if (lua_gettop(L) > 0) cli_prettyvalues(L, 1, lua_gettop(L), 0);
  return 0;
}

int cli_merge_script (cli *c, const char *script, int sandbox, const char *merged, size_t len) {
  tifai_scriptjob job;
  source src;
  lua_State *L;
  char hash[TIFAI_SCRIPT_HASHSZ], err[512];
  int rc, status, n;
  (void)c;
  if (readsource(script, &src) != 0) { free(src.code); return 1; }
  tifai_script_hash(src.code, src.len, hash);
  if (tifai_script_checkmerged(merged, len, hash, err, sizeof(err)) != 0) {
    cli_error("%s", err);
    free(src.code);
    return 1;
  }
  newjob(&job, &src, sandbox);
  job.merged = merged;
  job.mergedlen = len;
  if ((L = newstate(job.sandbox)) == NULL) { free(src.code); return 1; }
  lua_pushcfunction(L, tifai_script_merge);
  lua_pushlightuserdata(L, &job);
  backstop(job.sandbox, src.path);
  status = cli_docall(L, 1, LUA_MULTRET);
  backstop(job.sandbox, NULL);
  if ((rc = afterrun(L, job.sandbox, status, src.path)) < 0) {
    n = lua_gettop(L);
    lua_pushcfunction(L, printresults);
    lua_insert(L, 1);
    rc = afterrun(L, job.sandbox, cli_docall(L, n, 0), src.path);
    if (rc < 0) rc = fflush(stdout) != 0 ? 1 : 0;
  }
  closestate(L, job.sandbox);
  free(src.code);
  return rc;
}

/* }====== */
