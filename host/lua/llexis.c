/*
** llexis.c -- the lexis analytics as methods of db and of articles (include/tifa_lexis.h):
**   db:freq([opts]) -> list of {item=, count=, articles=}, total | with by: list of groups
**   db:keywords([set [, opts]]) -> list of {word=, score=, count=, words=}   a:keywords([opts])
**   db:keyness(target [, reference [, opts]]) -> list of rows, {target_tokens=, reference_tokens=}
**   db:collocates(word [, opts]) -> list of rows, {node=, span=, tokens=, articles=}
**   db:summary(article [, opts]) -> {text=, sentences=}                  a:summary([opts])
**   db:distinctive([set [, opts]]) -> list of {id=, score=, tokens=, words=}
** Results are gathered in C into a box (a buffer the collector owns) and only then turned
** into Lua tables, so no C memory is live while Lua may raise.
** On a corpus of shards (tifa.open(DIR)) each reads every shard at once (the *_stores
** functions of tifa_lexis.h): counts, document frequencies and references are the corpus's,
** an article's id is its gid, and the answer is the one store's holding the same files.
*/
#define LUA_LIB
#include <string.h>
#include <sqlite3.h>
#include "lua.h"
#include "lauxlib.h"
#include "lsandbox.h"
#include "tifa.h"
#include "tifa_store.h"
#include "tifa_structure.h"
#include "tifa_lexis.h"
#include "lanalytics.h"
#include "ltext.h"
#include "buf.h"
#include "each.h"

/* {====== Helpers ====== */

static void boxget (const tifai_buf *b, size_t *at, void *dst, size_t n) {
  memcpy(dst, b->p + *at, n);
  *at += n;
}

/* Append a string with its length before it. */
static void boxstr (tifai_buf *b, const char *s, size_t len) {
  tifai_buf_add(b, &len, sizeof(len));
  tifai_buf_add(b, s, len);
}

static void pushboxstr (lua_State *L, const tifai_buf *b, size_t *at) {
  size_t len;
  boxget(b, at, &len, sizeof(len));
  lua_pushlstring(L, b->p + *at, len);
  *at += len;
}

/* The index in 'lst' of the string option opts[k], opts at 'arg' (a table or nil); 'def'
** when absent. Raises "bad argument #arg to 'f' (invalid option 'x' for 'k')". */
static int optname (lua_State *L, int arg, const char *k, const char *const lst[], int def) {
  const char *v;
  int i;
  if (!lua_istable(L, arg)) return def;
  if (lua_getfield(L, arg, k) == LUA_TNIL) { lua_pop(L, 1); return def; }
  v = lua_tostring(L, -1);
  for (i = 0; v && lst[i]; i++)
    if (strcmp(lst[i], v) == 0) { lua_pop(L, 1); return i; }
  return luaL_argerror(L, arg, lua_pushfstring(L, "invalid option '%s' for '%s'",
                                                v ? v : luaL_typename(L, -1), k));
}

static lua_Integer optint (lua_State *L, int arg, const char *k, lua_Integer def) {
  lua_Integer v = def;
  if (!lua_istable(L, arg)) return def;
  if (lua_getfield(L, arg, k) != LUA_TNIL) {
    int isnum;
    v = lua_tointegerx(L, -1, &isnum);
    if (!isnum)
      return luaL_argerror(L, arg, lua_pushfstring(L, "field '%s' must be an integer, got %s", k,
                                                    luaL_typename(L, -1)));
  }
  lua_pop(L, 1);
  return v;
}

static int optbool (lua_State *L, int arg, const char *k) {
  int v = 0;
  if (!lua_istable(L, arg)) return 0;
  lua_getfield(L, arg, k);
  v = lua_toboolean(L, -1);
  lua_pop(L, 1);
  return v;
}

static void checkopts (lua_State *L, int arg) {
  if (!lua_isnoneornil(L, arg)) luaL_checktype(L, arg, LUA_TTABLE);
}

/* The stopwords option of the table at 'arg' (pushes the set or nil). [-0, +1, e] */
static const struct tifa_freq *stopset (lua_State *L, int arg) {
  if (!lua_istable(L, arg)) { lua_pushnil(L); return NULL; }
  return tifai_text_stopset(L, arg, "stopwords");
}

static int fail (lua_State *L, tifa_store *s, int rc, tifai_buf *box) {
  if (rc == TIFA_NOMEM || (box && box->oom)) return luaL_error(L, "not enough memory");
  return tifai_lua_storefail(L, s, rc);
}

/* The index in S of the store holding the article 'id' of its db, or -1. */
static long storeof (const tifai_lua_stores *S, int64_t id) {
  long k;
  if (S->bases == NULL) return 0;
  for (k = (long)S->n - 1; k >= 0 && S->bases[k] > id; k--) ;
  return k;
}

static void setnum (lua_State *L, const char *k, double v) { lua_pushnumber(L, v); lua_setfield(L, -2, k); }
static void setint (lua_State *L, const char *k, int64_t v) { lua_pushinteger(L, (lua_Integer)v); lua_setfield(L, -2, k); }

/* }====== */

/* {====== db:freq ====== */

static int onitem (void *ud, const char *w, size_t len, int64_t count, int64_t articles) {
  tifai_buf *b = (tifai_buf *)ud;
  int64_t r[2];
  r[0] = count; r[1] = articles;
  tifai_buf_add(b, r, sizeof(r));
  boxstr(b, w, len);
  return 0;
}

typedef struct groupctx {
  const tifai_lua_stores *S;
  tifai_buf *box;
  const tifa_lexis_freq_opts *o;
} groupctx;

static const int64_t ENDITEMS[2] = {-1, -1};

static int ongroup (void *ud, const char *g, size_t len, const int64_t *ids, size_t nids) {
  groupctx *c = (groupctx *)ud;
  int64_t total = 0, n = (int64_t)nids;
  size_t at;
  int rc;
  boxstr(c->box, g, len);
  tifai_buf_add(c->box, &n, sizeof(n));
  at = c->box->len;
  tifai_buf_add(c->box, &total, sizeof(total));
  rc = tifa_lexis_freq_stores(c->S->stores, c->S->bases, c->S->n, ids, nids, c->o, &total,
                              onitem, c->box);
  tifai_buf_add(c->box, ENDITEMS, sizeof(ENDITEMS));
  if (!c->box->oom) memcpy(c->box->p + at, &total, sizeof(total));
  return rc;
}

/* Push the items of the box from '*at' to the end marker (or the end). [-0, +1, m] */
static void pushitems (lua_State *L, const tifai_buf *b, size_t *at) {
  lua_Integer k = 0;
  lua_newtable(L);
  while (*at < b->len) {
    int64_t r[2];
    boxget(b, at, r, sizeof(r));
    if (r[0] < 0) break;
    lua_createtable(L, 0, 3);
    pushboxstr(L, b, at); lua_setfield(L, -2, "item");
    setint(L, "count", r[0]);
    setint(L, "articles", r[1]);
    lua_rawseti(L, -2, ++k);
  }
}

static int db_freq (lua_State *L) {
  static const char *const units[] = {"word", "char", "ngram", NULL};
  static const char *const bys[] = {"none", "article", "outlet", "month", "year", NULL};
  tifai_lua_stores S;
  tifa_lexis_freq_opts o;
  tifai_buf *box;
  const int64_t *ids;
  size_t nids, at = 0;
  int64_t total = 0;
  int by, rc;
  lua_Integer n;
  lua_settop(L, 2);
  tifai_lua_pushstores(L, 1, &S);                               /* 3 */
  checkopts(L, 2);
  memset(&o, 0, sizeof(o));
  o.unit = optname(L, 2, "unit", units, 0);
  n = optint(L, 2, "n", 0);
  if (n < 0 || n > 16) return luaL_argerror(L, 2, "field 'n' out of range");
  o.n = (size_t)n;
  if (o.unit == TIFA_LEXIS_NGRAM && o.n == 1) o.unit = TIFA_LEXIS_WORD;
  o.limit = (long)optint(L, 2, "top", 0);
  o.min = (int64_t)optint(L, 2, "min", 1);
  by = optname(L, 2, "by", bys, 0);
  box = tifai_lua_newbox(L);                                    /* 4 */
  ids = tifai_lua_articleset(L, 1, 2, &nids, "freq");           /* 5 */
  o.stop = stopset(L, 2);                                       /* 6 */
  if (by == 0) {
    rc = tifa_lexis_freq_stores(S.stores, S.bases, S.n, ids, nids, &o, &total, onitem, box);
    if (rc != TIFA_OK || box->oom) return fail(L, S.stores[0], rc, box);
    pushitems(L, box, &at);
    lua_pushinteger(L, (lua_Integer)total);
    return 2;
  }
  else {
    groupctx c;
    lua_Integer k = 0;
    c.S = &S; c.box = box; c.o = &o;
    rc = tifa_lexis_groups_stores(S.stores, S.bases, S.n, ids, nids, by, ongroup, &c);
    if (rc != TIFA_OK || box->oom) return fail(L, S.stores[0], rc, box);
    lua_newtable(L);
    while (at < box->len) {
      int64_t na;
      lua_createtable(L, 0, 4);
      pushboxstr(L, box, &at);
      if (by == TIFA_LEXIS_BY_ARTICLE) {
        lua_Integer id = (lua_Integer)lua_tointeger(L, -1);
        lua_pop(L, 1);
        lua_pushinteger(L, id);
      }
      lua_setfield(L, -2, "group");
      boxget(box, &at, &na, sizeof(na)); setint(L, "articles", na);
      boxget(box, &at, &total, sizeof(total)); setint(L, "total", total);
      pushitems(L, box, &at);
      lua_setfield(L, -2, "items");
      lua_rawseti(L, -2, ++k);
    }
    return 1;
  }
}

/* }====== */

/* {====== Document frequencies, kept between calls ====== */

#define TIFA_IDFTYPE "tifa.lexis.idf"
typedef struct LIdf { tifa_lexis_idf *d; } LIdf;
static const char IDFCACHE = 'k';   /* registry: {store = lightuserdata, sig = string, idf = LIdf} */

static int idf_gc (lua_State *L) {
  LIdf *x = (LIdf *)luaL_checkudata(L, 1, TIFA_IDFTYPE);
  tifa_lexis_idf_free(x->d);
  x->d = NULL;
  return 0;
}

/* What changes when the store's articles may have: its path, this connection's changes,
** other connections' commits, the number and the last id of its articles. [-0, +1, m] */
static void pushsig (lua_State *L, tifa_store *s) {
  sqlite3 *db = tifa_store_sqlite(s);
  sqlite3_stmt *st;
  long long dv = 0, cnt = 0, mx = 0;
  if (sqlite3_prepare_v2(db, "PRAGMA data_version", -1, &st, NULL) == SQLITE_OK
      && sqlite3_step(st) == SQLITE_ROW)
    dv = sqlite3_column_int64(st, 0);
  sqlite3_finalize(st);
  if (sqlite3_prepare_v2(db, "SELECT count(*), max(id) FROM article", -1, &st, NULL) == SQLITE_OK
      && sqlite3_step(st) == SQLITE_ROW) {
    cnt = sqlite3_column_int64(st, 0);
    mx = sqlite3_column_int64(st, 1);
  }
  sqlite3_finalize(st);
  lua_pushfstring(L, "%s|%I|%I|%I|%I", tifa_store_path(s) ? tifa_store_path(s) : "",
                  (lua_Integer)sqlite3_total_changes(db), (lua_Integer)dv, (lua_Integer)cnt,
                  (lua_Integer)mx);
}

/* The document frequencies of the stores S (one store, or a corpus's shards), loaded once
** and kept (for one db at a time) while no store changes. Pushes the userdata holding them.
** [-0, +1, e] */
static const tifa_lexis_idf *getidf (lua_State *L, const tifai_lua_stores *S) {
  tifa_store *s = S->stores[0];
  LIdf *x;
  size_t k;
  int rc;
  pushsig(L, s);                                            /* sig */
  for (k = 1; k < S->n; k++) {                              /* each shard's */
    pushsig(L, S->stores[k]);
    lua_concat(L, 2);
  }
  if (lua_rawgetp(L, LUA_REGISTRYINDEX, &IDFCACHE) == LUA_TTABLE) {
    lua_getfield(L, -1, "store");
    if (lua_touserdata(L, -1) == (void *)s) {                /* sig, cache, store */
      lua_getfield(L, -2, "sig");
      if (lua_rawequal(L, -1, -4)) {
        lua_getfield(L, -3, "idf");
        x = (LIdf *)lua_touserdata(L, -1);
        if (x && x->d) {
          lua_replace(L, -5);
          lua_pop(L, 3);
          return x->d;
        }
        lua_pop(L, 1);
      }
      lua_pop(L, 1);
    }
    lua_pop(L, 1);
  }
  lua_pop(L, 1);
  x = (LIdf *)lua_newuserdatauv(L, sizeof(LIdf), 0);        /* sig, idf */
  x->d = NULL;
  if (tifai_newmetatable(L, TIFA_IDFTYPE)) {
    lua_pushcfunction(L, idf_gc);
    lua_setfield(L, -2, "__gc");
  }
  lua_setmetatable(L, -2);
  if ((rc = tifa_lexis_idf_load_stores(S->stores, S->bases, S->n, &x->d)) != TIFA_OK) {
    if (rc == TIFA_NOMEM) luaL_error(L, "not enough memory");
    luaL_error(L, "cannot read the word index (%s)", tifa_store_errmsg(s));
  }
  lua_createtable(L, 0, 3);
  lua_pushlightuserdata(L, s); lua_setfield(L, -2, "store");
  lua_pushvalue(L, -3); lua_setfield(L, -2, "sig");
  lua_pushvalue(L, -2); lua_setfield(L, -2, "idf");
  lua_rawsetp(L, LUA_REGISTRYINDEX, &IDFCACHE);
  lua_remove(L, -2);
  return x->d;
}

/* }====== */

/* {====== keywords ====== */

static int onkw (void *ud, const char *w, size_t len, double score, int64_t count, int nwords) {
  tifai_buf *b = (tifai_buf *)ud;
  int64_t r[2];
  r[0] = count; r[1] = nwords;
  tifai_buf_add(b, &score, sizeof(score));
  tifai_buf_add(b, r, sizeof(r));
  boxstr(b, w, len);
  return 0;
}

/* keywords of (ids, nids) in the stores S; options at 'opt'. [-0, +1, e] */
static int keywords (lua_State *L, const tifai_lua_stores *S, const int64_t *ids, size_t nids,
                     int opt) {
  static const char *const methods[] = {"tfidf", "textrank", NULL};
  tifa_lexis_kw_opts o;
  tifai_buf *box;
  size_t at = 0;
  lua_Integer k = 0;
  int rc;
  checkopts(L, opt);
  memset(&o, 0, sizeof(o));
  o.method = optname(L, opt, "method", methods, 0);
  o.limit = (long)optint(L, opt, "top", 10);
  o.window = (int)optint(L, opt, "window", 5);
  o.phrases = optbool(L, opt, "phrases");
  o.singles = optbool(L, opt, "singles");
  o.segment = optbool(L, opt, "segment");
  o.stop = stopset(L, opt);
  if (o.window < 2 || o.window > 100) return luaL_argerror(L, opt, "field 'window' out of range");
  if (o.method == TIFA_KW_TFIDF) o.idf = getidf(L, S);
  box = tifai_lua_newbox(L);
  rc = tifa_lexis_keywords_stores(S->stores, S->bases, S->n, ids, nids, &o, onkw, box);
  if (rc != TIFA_OK || box->oom) return fail(L, S->stores[0], rc, box);
  lua_newtable(L);
  while (at < box->len) {
    double score;
    int64_t r[2];
    boxget(box, &at, &score, sizeof(score));
    boxget(box, &at, r, sizeof(r));
    lua_createtable(L, 0, 4);
    pushboxstr(L, box, &at); lua_setfield(L, -2, "word");
    setnum(L, "score", score);
    setint(L, "count", r[0]);
    setint(L, "words", r[1]);
    lua_rawseti(L, -2, ++k);
  }
  return 1;
}

static int db_keywords (lua_State *L) {
  tifai_lua_stores S;
  size_t nids;
  const int64_t *ids;
  lua_settop(L, 3);
  tifai_lua_pushstores(L, 1, &S);                               /* 4 */
  ids = tifai_lua_articleset(L, 1, 2, &nids, "keywords");      /* 5 */
  return keywords(L, &S, ids, nids, 3);
}

/* a:keywords: against its db's document frequencies (a corpus's, for an article of one) */
static int art_keywords (lua_State *L) {
  tifai_lua_stores S;
  int64_t id;
  tifai_lua_checkarticle(L, 1, &id);
  lua_settop(L, 2);
  lua_getfield(L, 1, "id");                     /* its id in its db: a corpus's gid */
  id = (int64_t)lua_tointeger(L, -1);
  lua_pop(L, 1);
  tifai_lua_pushdbof(L, 1);                                     /* 3 */
  tifai_lua_pushstores(L, 3, &S);                               /* 4 */
  return keywords(L, &S, &id, 1, 2);
}

/* }====== */

/* {====== db:distinctive ====== */

static int ondistinct (void *ud, const tifa_lexis_distinct_row *r) {
  tifai_buf *b = (tifai_buf *)ud;
  int64_t n[3];
  int i;
  n[0] = r->id; n[1] = r->tokens; n[2] = r->nwords;
  tifai_buf_add(b, n, sizeof(n));
  tifai_buf_add(b, &r->score, sizeof(r->score));
  for (i = 0; i < r->nwords; i++) boxstr(b, r->word[i], r->len[i]);
  return 0;
}

/* db:distinctive([set [, {top=, min=, words=, stopwords=}]]) */
static int db_distinctive (lua_State *L) {
  tifai_lua_stores S;
  tifa_lexis_distinct_opts o;
  tifai_buf *box;
  const int64_t *ids;
  size_t nids, at = 0;
  lua_Integer k = 0, w;
  int rc;
  lua_settop(L, 3);
  tifai_lua_pushstores(L, 1, &S);                               /* 4 */
  checkopts(L, 3);
  memset(&o, 0, sizeof(o));
  o.limit = (long)optint(L, 3, "top", 10);
  o.min = (long)optint(L, 3, "min", 50);
  w = optint(L, 3, "words", 5);
  if (w < 0 || w > 16) return luaL_argerror(L, 3, "field 'words' out of range");
  o.words = (int)w;
  o.segment = optbool(L, 3, "segment");
  o.idf = getidf(L, &S);                                        /* 5 */
  ids = tifai_lua_articleset(L, 1, 2, &nids, "distinctive");   /* 6 */
  o.stop = stopset(L, 3);                                       /* 7 */
  box = tifai_lua_newbox(L);                                    /* 8 */
  rc = tifa_lexis_distinctive_stores(S.stores, S.bases, S.n, ids, nids, &o, ondistinct, box);
  if (rc != TIFA_OK || box->oom) return fail(L, S.stores[0], rc, box);
  lua_newtable(L);
  while (at < box->len) {
    int64_t n[3], i;
    double score;
    boxget(box, &at, n, sizeof(n));
    boxget(box, &at, &score, sizeof(score));
    lua_createtable(L, 0, 4);
    setint(L, "id", n[0]);
    setnum(L, "score", score);
    setint(L, "tokens", n[1]);
    lua_createtable(L, (int)n[2], 0);
    for (i = 0; i < n[2]; i++) { pushboxstr(L, box, &at); lua_rawseti(L, -2, (lua_Integer)i + 1); }
    lua_setfield(L, -2, "words");
    lua_rawseti(L, -2, ++k);
  }
  return 1;
}

/* }====== */

/* {====== db:keyness ====== */

static int onkn (void *ud, const tifa_lexis_keyness_row *r) {
  tifai_buf *b = (tifai_buf *)ud;
  int64_t n[2];
  double d[3];
  n[0] = r->a; n[1] = r->b;
  d[0] = r->ll; d[1] = r->log_ratio; d[2] = r->p;
  tifai_buf_add(b, n, sizeof(n));
  tifai_buf_add(b, d, sizeof(d));
  boxstr(b, r->word, r->len);
  return 0;
}

static const char *sigmark (double ll) {
  return ll >= 15.13 ? "****" : ll >= 10.83 ? "***" : ll >= 6.63 ? "**" : ll >= 3.84 ? "*" : "";
}

/* Push the rows of keyness in box from 'at' to 'end' as a list; c, d: the token counts. */
static void pushkn (lua_State *L, const tifai_buf *box, size_t *at, size_t end, int64_t c,
                    int64_t d) {
  lua_Integer k = 0;
  lua_newtable(L);
  while (*at < end) {
    int64_t n[2];
    double v[3];
    boxget(box, at, n, sizeof(n));
    boxget(box, at, v, sizeof(v));
    lua_createtable(L, 0, 8);
    pushboxstr(L, box, at); lua_setfield(L, -2, "word");
    setint(L, "target_count", n[0]);
    setint(L, "reference_count", n[1]);
    setnum(L, "ll", v[0]);
    setnum(L, "log_ratio", v[1]);
    setnum(L, "p", v[2]);
    lua_pushstring(L, sigmark(v[0])); lua_setfield(L, -2, "sig");
    lua_pushstring(L, (double)n[0] / (double)c >= (double)n[1] / (double)d ? "over" : "under");
    lua_setfield(L, -2, "direction");
    lua_rawseti(L, -2, ++k);
  }
}

/* A group of keyness by group in the box: a mark, its name, articles, c, d, then the rows
** (onkn) up to the next mark. */
#define KGMARK  ((int64_t)-1)

static int onkgroup (void *ud, const char *group, size_t len, size_t narticles, int64_t c,
                     int64_t d) {
  tifai_buf *b = (tifai_buf *)ud;
  int64_t n[4];
  n[0] = KGMARK; n[1] = (int64_t)narticles; n[2] = c; n[3] = d;
  tifai_buf_add(b, n, sizeof(n));
  boxstr(b, group, len);
  return 0;
}

/* db:keyness(set, nil, {by = ...}): each group against the rest of the set. */
static int keynessby (lua_State *L, const tifai_lua_stores *S, const int64_t *ids, size_t nids,
                      int by, const tifa_lexis_keyness_opts *o, tifai_buf *box) {
  size_t at = 0;
  lua_Integer k = 0;
  int rc = tifa_lexis_keyness_groups_stores(S->stores, S->bases, S->n, ids, nids, by, o, onkgroup,
                                            onkn, box);
  if (rc != TIFA_OK || box->oom) return fail(L, S->stores[0], rc, box);
  lua_newtable(L);
  while (at < box->len) {
    int64_t n[4], first;
    size_t end = at;
    boxget(box, &at, n, sizeof(n));
    lua_createtable(L, 0, 5);
    pushboxstr(L, box, &at); lua_setfield(L, -2, "group");
    setint(L, "articles", n[1]);
    setint(L, "target_tokens", n[2]);
    setint(L, "reference_tokens", n[3]);
    for (end = at; end < box->len; ) {             /* the rows: to the next mark */
      size_t len;
      memcpy(&first, box->p + end, sizeof(first));
      if (first == KGMARK) break;
      end += 2 * sizeof(int64_t) + 3 * sizeof(double);
      memcpy(&len, box->p + end, sizeof(len));
      end += sizeof(len) + len;
    }
    pushkn(L, box, &at, end, n[2], n[3]);
    lua_setfield(L, -2, "rows");
    lua_rawseti(L, -2, ++k);
  }
  return 1;
}

static int db_keyness (lua_State *L) {
  static const char *const measures[] = {"ll", "log_ratio", NULL};
  static const char *const dirs[] = {"both", "over", "under", NULL};
  static const char *const bys[] = {"none", "article", "outlet", "month", "year", NULL};
  tifai_lua_stores S;
  tifa_lexis_keyness_opts o;
  tifai_buf *box;
  const int64_t *tids, *rids;
  size_t nt, nr, at = 0;
  int64_t c = 0, d = 0;
  int rest, rc, dir, by;
  lua_settop(L, 4);
  tifai_lua_pushstores(L, 1, &S);                               /* 5 */
  checkopts(L, 4);
  rest = lua_isnil(L, 3);
  memset(&o, 0, sizeof(o));
  o.limit = (long)optint(L, 4, "top", 0);
  o.min = (int64_t)optint(L, 4, "min", 3);
  o.sort = optname(L, 4, "measure", measures, 0);
  dir = optname(L, 4, "direction", dirs, 0);
  o.direction = dir == 1 ? 1 : dir == 2 ? -1 : 0;
  by = optname(L, 4, "by", bys, 0);
  if (by != 0 && !rest) return luaL_argerror(L, 3, "no reference with 'by' (each group is read against the rest)");
  box = tifai_lua_newbox(L);                                    /* 6 */
  tids = tifai_lua_articleset(L, 1, 2, &nt, "keyness");         /* 7 */
  rids = tifai_lua_articleset(L, 1, 3, &nr, "keyness");         /* 8 */
  o.stop = stopset(L, 4);                                       /* 9 */
  if (by != 0) return keynessby(L, &S, tids, nt, by, &o, box);
  rc = tifa_lexis_keyness_stores(S.stores, S.bases, S.n, tids, nt, rids, nr, rest, &o, &c, &d,
                                 onkn, box);
  if (rc != TIFA_OK || box->oom) return fail(L, S.stores[0], rc, box);
  pushkn(L, box, &at, box->len, c, d);
  lua_createtable(L, 0, 2);
  setint(L, "target_tokens", c);
  setint(L, "reference_tokens", d);
  return 2;
}

/* }====== */

/* {====== db:collocates ====== */

static int oncoll (void *ud, const tifa_lexis_coll_row *r) {
  tifai_buf *b = (tifai_buf *)ud;
  int64_t n[4];
  double d[3];
  n[0] = r->joint; n[1] = r->left; n[2] = r->right; n[3] = r->freq;
  d[0] = r->llr; d[1] = r->pmi; d[2] = r->logdice;
  tifai_buf_add(b, n, sizeof(n));
  tifai_buf_add(b, d, sizeof(d));
  boxstr(b, r->word, r->len);
  return 0;
}

static int db_collocates (lua_State *L) {
  static const char *const measures[] = {"llr", "pmi", "logdice", NULL};
  tifai_lua_stores S;
  size_t len, nids, at = 0;
  const char *w;
  tifa_lexis_coll_opts o;
  tifa_lexis_coll_stats st;
  tifai_buf *box;
  const int64_t *ids;
  lua_Integer k = 0;
  int rc;
  (void)tifai_lua_tocorpus(L, 1);               /* self is checked first */
  w = tifai_text_checktext(L, 2, &len);
  if (len == 0 || len > 256) return luaL_argerror(L, 2, "word of 1 to 256 bytes expected");
  checkopts(L, 3);
  lua_settop(L, 3);
  tifai_lua_pushstores(L, 1, &S);                               /* 4 */
  memset(&o, 0, sizeof(o));
  o.window = (int)optint(L, 3, "window", 5);
  o.measure = optname(L, 3, "measure", measures, 0);
  o.min = (int64_t)optint(L, 3, "min", 3);
  o.limit = (long)optint(L, 3, "top", 0);
  o.segment = optbool(L, 3, "segment");
  if (o.window < 1 || o.window > 50) return luaL_argerror(L, 3, "field 'window' out of range");
  box = tifai_lua_newbox(L);                                    /* 5 */
  ids = tifai_lua_articleset(L, 1, 3, &nids, "collocates");     /* 6 */
  o.stop = stopset(L, 3);                                       /* 7 */
  rc = tifa_lexis_collocates_stores(S.stores, S.bases, S.n, w, len, ids, nids, &o, &st, oncoll,
                                    box);
  if (rc != TIFA_OK || box->oom) return fail(L, S.stores[0], rc, box);
  lua_newtable(L);
  while (at < box->len) {
    int64_t n[4];
    double d[3];
    boxget(box, &at, n, sizeof(n));
    boxget(box, &at, d, sizeof(d));
    lua_createtable(L, 0, 9);
    pushboxstr(L, box, &at); lua_setfield(L, -2, "word");
    setint(L, "joint", n[0]); setint(L, "left", n[1]); setint(L, "right", n[2]);
    setint(L, "freq", n[3]);
    setnum(L, "llr", d[0]); setnum(L, "pmi", d[1]); setnum(L, "logdice", d[2]);
    setnum(L, "score", d[o.measure]);
    lua_rawseti(L, -2, ++k);
  }
  lua_createtable(L, 0, 4);
  setint(L, "node", st.node); setint(L, "span", st.span);
  setint(L, "tokens", st.tokens); setint(L, "articles", st.articles);
  return 2;
}

/* }====== */

/* {====== summary ====== */

typedef struct sumctx {
  tifai_buf *box;
  size_t n;
  int found;
} sumctx;

static int onsent (void *ud, const tifa_lexis_sentence *x) {
  tifai_buf_add((tifai_buf *)ud, x, sizeof(*x));
  return 0;
}

static int sumarticle (void *ud, const tifai_article *a) {
  sumctx *c = (sumctx *)ud;
  size_t len = a->text_len;
  c->found = 1;
  tifai_buf_add(c->box, &len, sizeof(len));
  tifai_buf_add(c->box, a->text, len);
  return tifa_lexis_summary(a->text, a->text_len, c->n, onsent, c->box);
}

/* summary of the article 'id' of 's', named 'gid' in its db (its id in 's' but on a corpus);
** options at 'opt'. [-0, +1, e] */
static int summary (lua_State *L, tifa_store *s, int64_t id, int64_t gid, int opt) {
  sumctx c;
  size_t at = 0, tlen, start, lastp = 0;
  const char *text;
  lua_Integer n, k = 0;
  luaL_Buffer b;
  int rc;
  checkopts(L, opt);
  n = optint(L, opt, "sentences", 3);
  if (n < 1) return luaL_argerror(L, opt, "field 'sentences' must be 1 or more");
  c.box = tifai_lua_newbox(L);
  c.n = (size_t)n;
  c.found = 0;
  rc = tifai_each_article(s, &id, 1, sumarticle, &c);
  if (rc != TIFA_OK || c.box->oom) {
    if (rc == TIFA_NOMEM || c.box->oom) return luaL_error(L, "not enough memory");
    if (rc == TIFA_ENCODING) { luaL_pushfail(L); lua_pushliteral(L, "invalid UTF-8 in the article"); return 2; }
    return tifai_lua_storefail(L, s, rc);
  }
  if (!c.found) {
    luaL_pushfail(L);
    lua_pushfstring(L, "no article %I", (lua_Integer)gid);
    return 2;
  }
  boxget(c.box, &at, &tlen, sizeof(tlen));
  text = c.box->p + at;
  at += tlen;
  start = at;
  lua_createtable(L, 0, 2);                     /* result */
  lua_newtable(L);                              /* result, sentences */
  while (at < c.box->len) {
    tifa_lexis_sentence x;
    boxget(c.box, &at, &x, sizeof(x));
    lua_createtable(L, 0, 7);
    lua_pushlstring(L, text + x.byte, x.nbyte); lua_setfield(L, -2, "text");
    setint(L, "from", (int64_t)x.start + 1);
    setint(L, "to", (int64_t)x.end);
    setint(L, "paragraph", (int64_t)x.paragraph);
    setint(L, "index", (int64_t)x.index);
    setnum(L, "score", x.score);
    lua_pushboolean(L, x.enumeration); lua_setfield(L, -2, "enumeration");
    lua_rawseti(L, -2, ++k);
  }
  lua_setfield(L, -2, "sentences");             /* result */
  luaL_buffinit(L, &b);     /* the text: the sentences, a line end where the paragraph changes */
  for (at = start; at < c.box->len; ) {
    tifa_lexis_sentence x;
    boxget(c.box, &at, &x, sizeof(x));
    if (at > start + sizeof(x) && x.paragraph != lastp) luaL_addchar(&b, '\n');
    lastp = x.paragraph;
    luaL_addlstring(&b, text + x.byte, x.nbyte);
  }
  luaL_pushresult(&b);
  lua_setfield(L, -2, "text");
  return 1;
}

/* db:summary(article or id [, opts]); on a corpus the id is a gid, read in its shard */
static int db_summary (lua_State *L) {
  tifai_lua_stores S;
  tifa_store *s;
  int64_t id, gid;
  lua_settop(L, 3);
  tifai_lua_pushstores(L, 1, &S);                               /* 4 */
  s = S.stores[0];
  if (lua_type(L, 2) == LUA_TNUMBER) {
    int isint;
    long k;
    gid = id = (int64_t)lua_tointegerx(L, 2, &isint);
    if (!isint) return luaL_argerror(L, 2, "number has no integer representation");
    if ((k = storeof(&S, gid)) >= 0) {
      s = S.stores[k];
      id = gid - (S.bases ? S.bases[k] : 0);
    }
    else id = 0;                                /* no article of the corpus */
  }
  else {
    tifa_store *as;
    if (!lua_istable(L, 2)) return luaL_typeerror(L, 2, "article or id");
    as = tifai_lua_checkarticle(L, 2, &id);
    gid = id;
    if (S.bases == NULL && as != s) return luaL_argerror(L, 2, "article of another database");
    if (S.bases != NULL) {                      /* a corpus's: is it of this one? */
      tifai_lua_pushdbof(L, 2);
      if (!lua_rawequal(L, -1, 1)) return luaL_argerror(L, 2, "article of another database");
      lua_pop(L, 1);
      lua_getfield(L, 2, "id");
      gid = (int64_t)lua_tointeger(L, -1);
      lua_pop(L, 1);
    }
    s = as;
  }
  return summary(L, s, id, gid, 3);
}

static int art_summary (lua_State *L) {
  int64_t id, gid;
  tifa_store *s = tifai_lua_checkarticle(L, 1, &id);
  lua_settop(L, 2);
  lua_getfield(L, 1, "id");                     /* its id in its db: a corpus's gid */
  gid = (int64_t)lua_tointeger(L, -1);
  lua_pop(L, 1);
  return summary(L, s, id, gid, 2);
}

/* }====== */

const luaL_Reg tifai_lexis_db[] = {
  {"freq", db_freq}, {"keywords", db_keywords}, {"keyness", db_keyness},
  {"collocates", db_collocates}, {"summary", db_summary}, {"distinctive", db_distinctive},
  {NULL, NULL}
};
const luaL_Reg tifai_lexis_article[] = {
  {"keywords", art_keywords}, {"summary", art_summary}, {NULL, NULL}
};
