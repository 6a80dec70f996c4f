/*
** test_oom.c -- allocation failure everywhere. This program defines malloc, calloc, realloc,
** free and their aligned kin over glibc's own __libc_* behind a countdown, so that every
** allocation of tifa, SQLite, Lua, utf8proc, jansson, cmark and glibc itself can be made to
** fail: only the Nth ("once") or the Nth and every later one ("from"). Each scenario (making
** a store, a small ingest, a small script, a host of tifa.h) is run clean and counted (A
** allocations), then once for each N in 1..A (see below) in both modes. After each run no block may stay
** allocated, a failure must say that memory ran out, the store must be whole (integrity_check,
** the file stored entirely or not at all, a second ingest completes it) and a run that
** completes must give the clean run's result. It cannot run under AddressSanitizer (which
** owns malloc): the sanitized build exits 77, which tests/CMakeLists.txt declares a skip.
** The ingest (of two pages, tests/data/layout/xwlb_plain.md and xwlb_contents.md) is tried
** at every N; making a store, the script and the host at every k-th (CREATE_STRIDE...), to
** stay near a minute. Environment: TIFA_OOM_STRIDE=k (the k of those
** three; 1: every N, some minutes), TIFA_OOM_FIRST / TIFA_OOM_LIMIT (a range of N),
** TIFA_OOM_VERBOSE=1; in gdb, 'break oom_refused' stops at the refused allocation.
*/
#define _GNU_SOURCE                 /* dladdr */
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "lua.h"
#include "lauxlib.h"
#include "lualib.h"
#include "sqlite3.h"
#include "tifa.h"
#include "tifa_store.h"
#include "check.h"

#if defined(__SANITIZE_ADDRESS__)
#define OOM_SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define OOM_SANITIZED 1
#endif
#endif

#ifdef OOM_SANITIZED

int main (void) {
  printf("oom: skipped (AddressSanitizer owns malloc; the plain build runs this test)\n");
  (void)check_failures;
  return 77;
}

#else

/* {====== The failing allocator ====== */

extern void *__libc_malloc (size_t n);
extern void *__libc_calloc (size_t n, size_t sz);
extern void *__libc_realloc (void *p, size_t n);
extern void __libc_free (void *p);
extern void *__libc_memalign (size_t align, size_t n);
void *aligned_alloc (size_t align, size_t n);       /* C11 and glibc: no prototype in C99 */
void *memalign (size_t align, size_t n);
void *reallocarray (void *p, size_t n, size_t sz);
void oom_refused (long long n);

#define MODE_ONCE   1               /* only the Nth allocation fails */
#define MODE_FROM   2               /* the Nth and every later one fail */

static long long ncalls;            /* allocations asked for since the last arm() */
static long long failat;            /* 0: nothing fails */
static int failmode;
static long long nfailed;           /* allocations refused since the last arm() */
static long long live;              /* blocks allocated minus blocks freed, ever */

/* Called at each refusal: a place for a debugger's breakpoint. */
__attribute__((noinline)) void oom_refused (long long n) { __asm__ volatile ("" : : "r"(n)); }

/* A code that asks again and again however often it is refused would hang the test: after
** LOOPMAX refusals in one run the allocator gives memory again and keeps the name of the
** library of the caller (dladdr takes no memory): a finding. */
#define LOOPMAX     200000
static char looplib[256];           /* "" or the library that looped in this run */

static const char *libof (void *caller) {
  Dl_info info;
  const char *name = dladdr(caller, &info) && info.dli_fname ? info.dli_fname : "?";
  const char *slash = strrchr(name, '/');
  return slash ? slash + 1 : name;
}

/* libxml2 2.9.14 (Debian 12) does not survive failed allocations: its HTML parser loops
** forever, crashes (htmlParseDocument) or leaks (docs/reliability.md). Its own requests are
** therefore never refused, and counted; tifa's, SQLite's, cmark's... around it still are. */
static long long nspared;           /* refusals spared to libxml2 in this run */

/* Whether this allocation (asked for from 'caller') is to fail, counting it. */
static int refuse (void *caller) {
  long long n = __atomic_add_fetch(&ncalls, 1, __ATOMIC_RELAXED);
  long long at = __atomic_load_n(&failat, __ATOMIC_RELAXED);
  if (at > 0 && (n == at || (failmode == MODE_FROM && n > at))) {
    if (strncmp(libof(caller), "libxml2.so", 10) == 0) {
      __atomic_add_fetch(&nspared, 1, __ATOMIC_RELAXED);
      return 0;
    }
    if (__atomic_add_fetch(&nfailed, 1, __ATOMIC_RELAXED) > LOOPMAX) {
      snprintf(looplib, sizeof(looplib), "%s", libof(caller));
      __atomic_store_n(&failat, 0, __ATOMIC_RELAXED);
      return 0;
    }
    oom_refused(n);
    errno = ENOMEM;
    return 1;
  }
  return 0;
}

#define REFUSE()  refuse(__builtin_return_address(0))

static void *counted (void *p) {
  if (p != NULL) __atomic_add_fetch(&live, 1, __ATOMIC_RELAXED);
  return p;
}

void *malloc (size_t n) {
  return REFUSE() ? NULL : counted(__libc_malloc(n));
}

void *calloc (size_t n, size_t sz) {
  return REFUSE() ? NULL : counted(__libc_calloc(n, sz));
}

void free (void *p) {
  if (p == NULL) return;
  __atomic_sub_fetch(&live, 1, __ATOMIC_RELAXED);
  __libc_free(p);
}

void *realloc (void *p, size_t n) {
  if (p == NULL) return malloc(n);
  if (n == 0) { free(p); return NULL; }   /* what glibc's realloc does */
  if (REFUSE()) return NULL;              /* 'p' stays valid; shrinking may fail too */
  return __libc_realloc(p, n);            /* one block for another: 'live' unchanged */
}

void *reallocarray (void *p, size_t n, size_t sz) {
  if (sz != 0 && n > SIZE_MAX / sz) { errno = ENOMEM; return NULL; }
  return realloc(p, n * sz);
}

int posix_memalign (void **out, size_t align, size_t n) {
  void *p;
  if (REFUSE()) return ENOMEM;
  if ((p = counted(__libc_memalign(align, n))) == NULL) return ENOMEM;
  *out = p;
  return 0;
}

void *aligned_alloc (size_t align, size_t n) {
  return REFUSE() ? NULL : counted(__libc_memalign(align, n));
}

void *memalign (size_t align, size_t n) {
  return REFUSE() ? NULL : counted(__libc_memalign(align, n));
}

void *valloc (size_t n) {
  return REFUSE() ? NULL : counted(__libc_memalign((size_t)sysconf(_SC_PAGESIZE), n));
}

/* Count from now on, and fail at 'at' (0: never) in 'mode'. */
static void arm (long long at, int mode) {
  looplib[0] = '\0';
  __atomic_store_n(&nspared, 0, __ATOMIC_RELAXED);
  __atomic_store_n(&ncalls, 0, __ATOMIC_RELAXED);
  __atomic_store_n(&nfailed, 0, __ATOMIC_RELAXED);
  failmode = mode;
  __atomic_store_n(&failat, at, __ATOMIC_RELAXED);
}

static void disarm (void) { __atomic_store_n(&failat, 0, __ATOMIC_RELAXED); }

static long long nlive (void) { return __atomic_load_n(&live, __ATOMIC_RELAXED); }

/* }====== */

/* {====== Outcomes ====== */

typedef struct tally {
  const char *name;
  long long runs;                   /* runs with an allocation refused */
  long long ok;                     /* ... that still completed (retried, or a cache missed) */
  long long nomem;                  /* ... that failed saying memory ran out */
  long long other;                  /* ... that failed with another message (listed) */
  long long leaks, bad;             /* runs that leaked; runs that broke a check */
  long long spared;                 /* runs where libxml2 was spared a refusal */
} tally;

static int verbose;
static long long first = 1;         /* TIFA_OOM_FIRST: the smallest N tried */
static long long limit = -1;        /* TIFA_OOM_LIMIT: the largest (-1: A) */

static const char *modename (int mode) { return mode == MODE_ONCE ? "once" : "from"; }

/* A failure's message is clear when it says memory ran out, in tifa's, Lua's or SQLite's
** words, alone or inside a longer message ("cannot read the store (out of memory)"). */
static int saysnomem (const char *msg) {
  return strstr(msg, "not enough memory") != NULL || strstr(msg, "out of memory") != NULL;
}

/* Sort a run's outcome: 'rc' 0 (completed), > 0 (failed with 'msg'), < 0 (broke a check,
** said in 'msg'); leaks are counted from 'before'. */
static void outcome (tally *t, long long n, int mode, long long before, int rc, const char *msg) {
  t->runs++;
  if (nspared > 0) t->spared++;
  if (looplib[0] != '\0') {
    t->bad++;
    printf("  %s N=%lld %s: %s asked again after %d refusals\n", t->name, n, modename(mode),
           looplib, LOOPMAX);
  }
  if (nlive() != before) {
    t->leaks++;
    printf("  %s N=%lld %s: %lld block(s) leaked (%d: %.300s)\n", t->name, n, modename(mode),
           nlive() - before, rc, msg);
  }
  if (verbose) printf("  %s N=%lld %s: %d: %.300s\n", t->name, n, modename(mode), rc, msg);
  if (rc == 0) t->ok++;
  else if (rc < 0 || msg[0] == '\0') {
    t->bad++;
    printf("  %s N=%lld %s: %s\n", t->name, n, modename(mode), msg[0] ? msg : "failed with no message");
  }
  else if (saysnomem(msg)) t->nomem++;
  else {
    t->other++;
    printf("  %s N=%lld %s: failed with: %.300s\n", t->name, n, modename(mode), msg);
  }
}

static double now (void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Every N from 'first' to 'count' (or every 'stride'-th), in both modes. */
static void sweep (tally *t, long long count, long long stride, void (*run) (tally *, long long, int)) {
  long long n, tried = 0;
  double t0 = now();
  for (n = first; n <= count && (limit < 0 || n <= limit); n += stride) {
    run(t, n, MODE_ONCE);
    run(t, n, MODE_FROM);
    tried++;
  }
  printf("oom: %s: %lld allocations, %lld N tried (stride %lld) x 2 modes: %lld runs with a "
         "failure: %lld completed, %lld 'memory' errors, %lld other errors, %lld leaked, %lld "
         "broke a check; libxml2 spared in %lld; %.1f s\n", t->name, count, tried, stride, t->runs,
         t->ok, t->nomem, t->other, t->leaks, t->bad, t->spared, now() - t0);
}

/* }====== */

/* {====== Stores on disk ====== */

static char dir[64], dbpath[128], fixture[512];
static int64_t want_articles, want_count;   /* the clean ingest's articles and matches */

static void removestore (void) {
  static const char *const sfx[] = {"", "-wal", "-shm", "-journal", NULL};
  char p[160];
  int i;
  for (i = 0; sfx[i]; i++) { snprintf(p, sizeof(p), "%s%s", dbpath, sfx[i]); remove(p); }
}

/* A new, empty store (schema made), kept as bytes: each ingest run starts from a copy, as
** making the schema costs four fifths of a fresh ingest's allocations and half its time (that
** part is the 'create' scenario's). Held outside the counted allocator. */
static char *template;
static size_t templatelen;

static int loadtemplate (void) {
  FILE *f = fopen(dbpath, "rb");
  long n;
  if (f == NULL) return 0;
  if (fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) <= 0) { fclose(f); return 0; }
  rewind(f);
  template = (char *)__libc_malloc((size_t)n);
  templatelen = template && fread(template, 1, (size_t)n, f) == (size_t)n ? (size_t)n : 0;
  fclose(f);
  return templatelen > 0;
}

/* Put the empty store in place (with write(2): no allocation). */
static int copytemplate (void) {
  int fd, ok;
  removestore();
  if ((fd = open(dbpath, O_WRONLY | O_CREAT | O_TRUNC, 0644)) < 0) return 0;
  ok = write(fd, template, templatelen) == (ssize_t)templatelen;
  return close(fd) == 0 && ok;
}

static int64_t onecount (sqlite3 *db, const char *sql) {
  sqlite3_stmt *st = NULL;
  int64_t n = -1;
  if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
    n = sqlite3_column_int64(st, 0);
  sqlite3_finalize(st);
  return n;
}

static int isok (sqlite3 *db, const char *sql) {
  sqlite3_stmt *st = NULL;
  int ok = 0;
  if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW) {
    const char *t = (const char *)sqlite3_column_text(st, 0);
    ok = t != NULL && strcmp(t, "ok") == 0;
  }
  sqlite3_finalize(st);
  return ok;
}

/* }====== */

/* {====== Scenario 1: a new store ====== */

static int createonce (char *msg, size_t msgsz) {
  tifa_store *s = NULL;
  char err[TIFA_ERRMAX];
  int rc = tifa_store_open(dbpath, TIFA_OPEN_CREATE, &s, err, sizeof(err));
  msg[0] = '\0';
  if (rc != TIFA_OK) {
    snprintf(msg, msgsz, "%s", err);
    if (s != NULL) { snprintf(msg, msgsz, "open failed but gave a handle"); return -1; }
    return rc;
  }
  if (s == NULL) { snprintf(msg, msgsz, "open succeeded with no handle"); return -1; }
  tifa_store_close(s);
  return TIFA_OK;
}

/* After a run: what is on disk opens (a failed creation is finished by the next open), is
** whole and has the whole schema. */
static int createafter (long long n, int mode, int rc) {
  tifa_store *s = NULL;
  sqlite3 *db;
  char err[TIFA_ERRMAX];
  int ok = 1;
  if (access(dbpath, F_OK) != 0) return 1;
  if (tifa_store_open(dbpath, rc == TIFA_OK ? TIFA_OPEN_READONLY : TIFA_OPEN_CREATE, &s, err,
                      sizeof(err)) != TIFA_OK) {
    printf("  create N=%lld %s: store left unopenable: %s\n", n, modename(mode), err);
    return 0;
  }
  db = tifa_store_sqlite(s);
  if (!isok(db, "PRAGMA integrity_check") || onecount(db, "PRAGMA user_version") != TIFA_SCHEMA_VERSION
      || onecount(db, "SELECT count(*) FROM file") != 0
      || onecount(db, "SELECT count(*) FROM index_stamp") < 0) {
    printf("  create N=%lld %s: store not whole when reopened\n", n, modename(mode));
    ok = 0;
  }
  tifa_store_close(s);
  return ok;
}

static void createrun (tally *t, long long n, int mode) {
  char msg[TIFA_ERRMAX + 64];
  long long before, refused;
  int rc;
  removestore();
  before = nlive();
  arm(n, mode);
  rc = createonce(msg, sizeof(msg));
  refused = nfailed;
  disarm();
  if (refused == 0) return;                         /* N past this run's allocations */
  outcome(t, n, mode, before, rc, msg);
  if (!createafter(n, mode, rc)) t->bad++;
}

/* }====== */

/* {====== Scenario 2: a small ingest ====== */

typedef struct filenote {
  int outcome, rc;
  char msg[256];
} filenote;

static void onfile (void *ud, const tifa_ingest_file *f) {
  filenote *n = (filenote *)ud;                     /* no allocation: it may be failing */
  size_t len = strlen(f->message);
  n->outcome = f->outcome;
  n->rc = f->rc;
  if (len >= sizeof(n->msg)) len = sizeof(n->msg) - 1;
  memcpy(n->msg, f->message, len);
  n->msg[len] = '\0';
}

/* The ingest under test: open the store, ingest the fixture, close. Returns the result code
** with the message in 'msg' (the file's own reason after "could not be ingested"). */
static int ingestonce (char *msg, size_t msgsz) {
  tifa_store *s = NULL;
  tifa_ingest_report r;
  tifa_ingest_opts o;
  filenote note;
  char err[TIFA_ERRMAX];
  int rc;
  memset(&r, 0, sizeof(r));
  memset(&o, 0, sizeof(o));
  memset(&note, 0, sizeof(note));
  o.on_file = onfile;
  o.ud = &note;
  msg[0] = '\0';
  rc = tifa_store_open(dbpath, TIFA_OPEN_CREATE, &s, err, sizeof(err));
  if (rc != TIFA_OK) {
    snprintf(msg, msgsz, "%s", err);
    if (s != NULL) { snprintf(msg, msgsz, "open failed but gave a handle"); return -1; }
    return rc;
  }
  rc = tifa_store_ingest(s, fixture, &o, &r);
  if (rc == TIFA_ERROR && note.outcome == TIFA_INGEST_FAILED)
    snprintf(msg, msgsz, "%s: %s", tifa_store_errmsg(s), note.msg);
  else if (rc != TIFA_OK) snprintf(msg, msgsz, "%s", tifa_store_errmsg(s));
  else if (note.outcome != TIFA_INGEST_ADDED || (want_articles > 0 && r.articles != want_articles)) {
    snprintf(msg, msgsz, "ingest succeeded with outcome %d, %ld articles (want %d, %lld)",
             note.outcome, r.articles, TIFA_INGEST_ADDED, (long long)want_articles);
    rc = -1;
  }
  tifa_store_close(s);
  return rc;
}

/* After a run, with the allocator sound again: the store is whole; the file is in it entirely
** or not at all; a second ingest completes it, indexed, and search counts what it should.
** Returns 1 if all holds, else 0 with the reason printed. Sets '*stored' if the file was in. */
static int ingestafter (long long n, int mode, int *stored) {
  tifa_store *s = NULL;
  tifa_ingest_report r;
  sqlite3 *db;
  char err[TIFA_ERRMAX];
  int64_t files, arts, paras, total = -1, narts = -1;
  int ok = 1;
  const char *m = modename(mode);
  *stored = 0;
  if (tifa_store_open(dbpath, TIFA_OPEN_CREATE, &s, err, sizeof(err)) != TIFA_OK) {
    printf("  ingest N=%lld %s: store left unopenable: %s\n", n, m, err);
    return 0;
  }
  db = tifa_store_sqlite(s);
  if (!isok(db, "PRAGMA integrity_check")) {
    printf("  ingest N=%lld %s: integrity_check failed\n", n, m);
    ok = 0;
  }
  files = onecount(db, "SELECT count(*) FROM file");
  arts = onecount(db, "SELECT count(*) FROM article");
  paras = onecount(db, "SELECT count(*) FROM paragraph");
  if (!((files == 0 && arts == 0 && paras == 0) || (files == 1 && arts == want_articles))) {
    printf("  ingest N=%lld %s: half stored: %lld files, %lld articles, %lld paragraphs\n", n, m,
           (long long)files, (long long)arts, (long long)paras);
    ok = 0;
  }
  *stored = files == 1;
  memset(&r, 0, sizeof(r));
  if (tifa_store_ingest(s, fixture, NULL, &r) != TIFA_OK) {
    printf("  ingest N=%lld %s: a second ingest failed: %s\n", n, m, tifa_store_errmsg(s));
    ok = 0;
  }
  if (onecount(db, "SELECT count(*) FROM article") != want_articles
      || onecount(db, "SELECT count(*) FROM fts_pending") != 0) {
    printf("  ingest N=%lld %s: a second ingest left %lld articles, %lld not indexed\n", n, m,
           (long long)onecount(db, "SELECT count(*) FROM article"),
           (long long)onecount(db, "SELECT count(*) FROM fts_pending"));
    ok = 0;
  }
  if (tifa_store_count(s, "发展", &total, &narts, NULL, NULL) != TIFA_OK || total != want_count) {
    printf("  ingest N=%lld %s: 发展 counted %lld times, not %lld\n", n, m, (long long)total,
           (long long)want_count);
    ok = 0;
  }
  if (sqlite3_exec(db, "INSERT INTO article_fts (article_fts) VALUES ('integrity-check'); "
                   "INSERT INTO article_words (article_words) VALUES ('integrity-check')",
                   NULL, NULL, NULL) != SQLITE_OK) {
    printf("  ingest N=%lld %s: full-text index inconsistent: %s\n", n, m, sqlite3_errmsg(db));
    ok = 0;
  }
  tifa_store_close(s);
  return ok;
}

static void ingestrun (tally *t, long long n, int mode) {
  char msg[TIFA_ERRMAX + 300];
  long long before, refused;
  int rc, stored;
  if (!copytemplate()) { t->bad++; printf("  ingest N=%lld: cannot copy the empty store\n", n); return; }
  before = nlive();
  arm(n, mode);
  rc = ingestonce(msg, sizeof(msg));
  refused = nfailed;
  disarm();
  if (refused == 0) return;
  outcome(t, n, mode, before, rc, msg);
  if (!ingestafter(n, mode, &stored)) t->bad++;
  else if (rc == TIFA_OK && !stored) {
    t->bad++;
    printf("  ingest N=%lld %s: TIFA_OK, but the file is not in the store\n", n, modename(mode));
  }
}

/* }====== */

/* {====== Scenario 3: a small script ====== */

/* It reads the store the ingest made (its path as '...'): search, count (one with NEAR), both
** again on the word index (words = true), SQL,
** an article, segmentation, sentences, kwic (printed form), frequencies, keywords, a table
** and JSON. */
static const char script[] =
  "local db = assert(tifa.open(...))\n"
  "local res = {}\n"
  "local hits = assert(db:search('发展', {limit = 3}))\n"
  "res.hits = {}\n"
  "for i, h in ipairs(hits) do res.hits[i] = {id = h.id, title = h.title, snippet = h.snippet} end\n"
  "res.total, res.per = db:count('发展')\n"
  "res.near = db:count('NEAR(发展 中国, 20) OR 倡议')\n"
  "res.whits = {}\n"
  "for i, h in ipairs(assert(db:search('发展 OR 倡议', {limit = 3, words = true}))) do\n"
  "  res.whits[i] = {id = h.id, offsets = h.offsets} end\n"
  "res.wtotal, res.wper = db:count('发展', {words = true})\n"
  "res.articles = #assert(db:sql('SELECT id FROM article'))\n"
  "local a = assert(db:article(1))\n"
  "res.words = tifa.text.words(a.title .. '。' .. a.text:sub(1, (utf8.offset(a.text, 120) or 0) - 1))\n"
  "res.sentences = #a:sentences()\n"
  "res.kwic = tostring(assert(db:kwic('发展', {width = 6, limit = 5})))\n"
  "res.freq = db:freq{top = 5}\n"
  "res.keywords = db:keywords(a, {top = 5})\n"
  "for _, k in ipairs(res.keywords) do k.score = string.format('%.6f', k.score) end\n"
  "res.table = tifa.out.table(res.freq, {file = false, columns = {'item', 'count'}})\n"
  "result = tifa.out.json(res, {file = false})\n"
  "db:close()\n";

static char scriptstore[160];       /* the store the script reads */
static char want_result[65536];     /* the clean run's result */
static char got[sizeof(want_result)];

typedef struct outbuf { char *p; size_t size; } outbuf;

/* pmain(out): the libraries as 'tifa run' opens them (host/cli/main.c), then the script;
** copies the global 'result' into 'out'. */
static int pmain (lua_State *L) {
  outbuf *o = (outbuf *)lua_touserdata(L, 1);
  const char *r;
  size_t len;
  luaL_openlibs(L);
  luaL_requiref(L, "tifa", luaopen_tifa, 1);
  lua_pop(L, 1);
  if (luaL_loadbuffer(L, script, sizeof(script) - 1, "=oom") != LUA_OK) return lua_error(L);
  lua_pushstring(L, scriptstore);
  lua_call(L, 1, 0);
  lua_getglobal(L, "result");
  if ((r = lua_tolstring(L, -1, &len)) == NULL) return luaL_error(L, "the script set no result");
  if (len >= o->size) return luaL_error(L, "result too long");
  memcpy(o->p, r, len + 1);
  return 0;
}

/* The script under test, in a state of its own. Returns a Lua status with the result or the
** message in 'out'. */
static int scriptonce (char *out, size_t outsz) {
  lua_State *L = luaL_newstate();
  outbuf o;
  int status;
  out[0] = '\0';
  if (L == NULL) { snprintf(out, outsz, "cannot create state: not enough memory"); return LUA_ERRMEM; }
  o.p = out;
  o.size = outsz;
  lua_pushcfunction(L, pmain);                      /* these two pushes cannot raise */
  lua_pushlightuserdata(L, &o);
  status = lua_pcall(L, 1, 0, 0);
  if (status != LUA_OK) {
    const char *m = lua_tostring(L, -1);
    snprintf(out, outsz, "%s", m ? m : "(error object is not a string)");
  }
  lua_close(L);
  return status;
}

static void scriptrun (tally *t, long long n, int mode) {
  long long before, refused;
  int status;
  before = nlive();
  arm(n, mode);
  status = scriptonce(got, sizeof(got));
  refused = nfailed;
  disarm();
  if (refused == 0) return;
  if (status == LUA_OK && strcmp(got, want_result) != 0) {
    size_t d = 0;                                   /* where it differs, from 60 bytes before */
    while (got[d] == want_result[d]) d++;
    d = d > 60 ? d - 60 : 0;
    printf("  script N=%lld %s: completed with a wrong result:\n    got  ...%.300s\n    want ...%.300s\n",
           n, modename(mode), got + d, want_result + d);
    snprintf(got, sizeof(got), "completed with a wrong result");
    status = -1;
  }
  outcome(t, n, mode, before, status, got);
}

/* }====== */

/* {====== Scenario 4: a host (tifa.h) ====== */

static char want_host[512];

/* tifa_host_new on the script's store, a chunk whose error is its result, tifa_host_close.
** Returns 0 with the result in 'out', else the code with the message. */
static int hostonce (char *out, size_t outsz) {
  char err[TIFA_ERRMAX];
  tifa_host *h = NULL;
  int rc;
  out[0] = '\0';
  rc = tifa_host_new(scriptstore, TIFA_HOST_READONLY, &h, err, sizeof(err));
  if (rc != TIFA_OK) {
    snprintf(out, outsz, "%s", err);
    if (h != NULL) { snprintf(out, outsz, "new failed but gave a host"); return -1; }
    return rc;
  }
  rc = tifa_host_dostring(h, "local n = assert(db:count('发展')); local w = tifa.text.words('推动高质量发展')\n"
                          "error(string.format('%d %s', n, table.concat(w, '/')), 0)", "=host");
  snprintf(out, outsz, "%s", tifa_host_errmsg(h));
  tifa_host_close(h);
  if (rc == TIFA_ERROR && !saysnomem(out)) return 0;        /* the chunk's own error */
  return rc == TIFA_OK ? -1 : rc;
}

static void hostrun (tally *t, long long n, int mode) {
  char out[sizeof(want_host)];
  long long before, refused;
  int rc;
  before = nlive();
  arm(n, mode);
  rc = hostonce(out, sizeof(out));
  refused = nfailed;
  disarm();
  if (refused == 0) return;
  if (rc == 0 && strcmp(out, want_host) != 0) {
    printf("  host N=%lld %s: completed with a wrong result: %s\n", n, modename(mode), out);
    snprintf(out, sizeof(out), "completed with a wrong result");
    rc = -1;
  }
  outcome(t, n, mode, before, rc, out);
}

/* }====== */

/* {====== Driver ====== */

/* The ingest is tried at every N; the others, to keep the test under a minute here, at every
** k-th N (deterministic; TIFA_OOM_STRIDE=1 tries every N of them too: some minutes). A
** store's creation costs 10000 allocations and 12 ms a run, the script 4200 and 2 ms. */
#define CREATE_STRIDE   97
#define SCRIPT_STRIDE   5
#define HOST_STRIDE     3

/* Run 'f' clean three times: the first fills the caches (the dictionary, SQLite's and glibc's
** state), the last is counted and must leave nothing behind. Returns its allocations. */
#define CLEAN(call, what) do { \
    for (i = 0; i < 3; i++) { \
      before = nlive(); \
      arm(0, 0); \
      if ((call) != 0) { check(!"a clean run of the " what " fails"); printf("  %s\n", msg); } \
      count = ncalls; \
      if (i == 2) checkint(nlive(), before); \
    } } while (0)

int main (void) {
  const char *data = getenv("TIFA_DATA"), *e;
  long long cstride = CREATE_STRIDE, sstride = SCRIPT_STRIDE, hstride = HOST_STRIDE, count = 0, before;
  static char msg[sizeof(want_result)];
  static const char *const fixtures[] = {"xwlb_plain.md", "xwlb_contents.md"};
  int i, f;
  tally tc = {"create", 0, 0, 0, 0, 0, 0, 0}, ti = {"ingest", 0, 0, 0, 0, 0, 0, 0},
        ts = {"script", 0, 0, 0, 0, 0, 0, 0}, th = {"host", 0, 0, 0, 0, 0, 0, 0};
  if ((e = getenv("TIFA_OOM_STRIDE")) != NULL && atoll(e) > 0) cstride = sstride = hstride = atoll(e);
  if ((e = getenv("TIFA_OOM_FIRST")) != NULL && atoll(e) > 0) first = atoll(e);
  if ((e = getenv("TIFA_OOM_LIMIT")) != NULL && atoll(e) > 0) limit = atoll(e);
  verbose = (e = getenv("TIFA_OOM_VERBOSE")) != NULL && e[0] == '1';
  /* tmpfs if there is one: the fsyncs of tens of thousands of runs on a disk take minutes */
  snprintf(dir, sizeof(dir), "%s/tifa_test_oom.XXXXXX", access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp");
  if (mkdtemp(dir) == NULL) { perror("mkdtemp"); return 1; }
  snprintf(dbpath, sizeof(dbpath), "%s/oom.db", dir);
  snprintf(scriptstore, sizeof(scriptstore), "%s", dbpath);
  setvbuf(stdout, NULL, _IONBF, 0);                 /* a buffer made later would be counted */

  CLEAN((removestore(), createonce(msg, sizeof(msg))), "create");
  if (!loadtemplate()) { check(!"an empty store"); return check_done("oom"); }
  sweep(&tc, count, cstride, createrun);

  /* two pages: the plain one, then one with a table of contents and signed stories (a
  ** failed fold there once dropped a line silently: the count of 发展 told) */
  for (f = 0; f < 2; f++) {
    snprintf(fixture, sizeof(fixture), "%s/layout/%s", data ? data : "tests/data", fixtures[f]);
    CLEAN((copytemplate(), ingestonce(msg, sizeof(msg))), "ingest");
    {                                               /* what a whole store holds */
      tifa_store *s = NULL;
      char err[TIFA_ERRMAX];
      int64_t narts;
      checkint(tifa_store_open(dbpath, TIFA_OPEN_READONLY, &s, err, sizeof(err)), TIFA_OK);
      if (s == NULL) return check_done("oom");
      want_articles = onecount(tifa_store_sqlite(s), "SELECT count(*) FROM article");
      checkint(tifa_store_count(s, "发展", &want_count, &narts, NULL, NULL), TIFA_OK);
      tifa_store_close(s);
    }
    check(want_articles >= 2);
    check(want_count > 0);
    sweep(&ti, count, 1, ingestrun);                /* every N, always */
  }
  snprintf(fixture, sizeof(fixture), "%s/layout/%s", data ? data : "tests/data", fixtures[0]);

  /* the script and the host read the store of a clean ingest */
  check(copytemplate());
  checkint(ingestonce(msg, sizeof(msg)), TIFA_OK);
  CLEAN(scriptonce(i == 0 ? want_result : msg, sizeof(want_result)), "script");
  checkstr(msg, want_result);
  if (verbose) printf("script result: %s\n", want_result);
  sweep(&ts, count, sstride, scriptrun);

  CLEAN(hostonce(i == 0 ? want_host : msg, sizeof(want_host)), "host");
  checkstr(msg, want_host);
  sweep(&th, count, hstride, hostrun);

  removestore();
  rmdir(dir);
  __libc_free(template);
  check(tc.runs > 0 && ti.runs > 0 && ts.runs > 0 && th.runs > 0);
  check(tc.nomem > 0 && ti.nomem > 0 && ts.nomem > 0 && th.nomem > 0);
  /* nothing may go wrong in any scenario: no leak, no wrong result, no other message */
  checkint(tc.leaks + ti.leaks + ts.leaks + th.leaks, 0);
  checkint(tc.bad + ti.bad + ts.bad + th.bad, 0);
  checkint(tc.other + ti.other + ts.other + th.other, 0);
  return check_done("oom");
}

/* }====== */

#endif
