/*
** lanalytics.h -- what the analytics' bindings (host/lua/l<family>.c) take from ltifalib.c,
** and the methods they give to db and to articles.
**
** An analytic reads a set of articles, given by the caller as one Lua value ("the set"):
**   nil or none      every article of the store;
**   a filter table   the fields of db:articles (outlet, author, since, until, title, file,
**                    where, params); other fields of the table (options) are ignored;
**   an article       that article;  an integer: the article with that id;
**   a list           of articles and ids (a table whose [1] is an article or an integer).
** The C analytics take the same set as (ids, nids), ids == NULL meaning every article.
*/
#ifndef TIFA_LANALYTICS_H
#define TIFA_LANALYTICS_H

#include <stddef.h>
#include <stdint.h>
#include "lua.h"
#include "lauxlib.h"
#include "tifa_store.h"

/* The store of the db at index 'idx'; raises "attempt to use a closed database", or Lua's
** type error (luaL_checkudata). On a db that is a corpus of shards (tifa.open(DIR)) it raises
** "bad self to 'keyness' (not available on a corpus of shards yet)": a method that knows
** corpora asks tifai_lua_tocorpus first. [-0, +0, v] */
tifa_store *tifai_lua_checkdb (lua_State *L, int idx);

/* The corpus of shards of the db at index 'idx' (tifa.open(DIR), tifa -d DIR), or NULL when
** it is a store; raises as tifai_lua_checkdb for a closed db or another type. Its shards'
** stores, read-only: tifa_shards_reader (tifa_shard.h). [-0, +0, v] */
struct tifa_shards *tifai_lua_tocorpus (lua_State *L, int idx);

/* What the analytics read for the db at index 'dbidx': one store, or a corpus's shards. */
typedef struct tifai_lua_stores {
  tifa_store **stores;              /* [0..n), in memory the collector owns */
  const int64_t *bases;             /* id base of each store (TIFA_SHARD_ID(k, 0)); NULL for
                                       one store */
  size_t n;
} tifai_lua_stores;

/* Fill 'S' with the stores of the db at 'dbidx': itself, or the shards of a corpus (their
** readers, each with the ids TIFA_SHARD_ID(k, local)), as the *_stores functions of the
** analytics take them (tifa_reuse_stores). Pushes the box that holds the arrays; raises if
** the db is closed or a shard cannot be opened. [-0, +1, e] */
void tifai_lua_pushstores (lua_State *L, int dbidx, tifai_lua_stores *S);

/* The store and id of the article at index 'idx' (a table made by db:articles, db:article
** or a result's 'article' field); raises "article has no database" otherwise. An article of
** a corpus gives its shard's store and its id there (TIFA_SHARD_LOCAL of its gid).
** [-0, +0, v] */
tifa_store *tifai_lua_checkarticle (lua_State *L, int idx, int64_t *id);

/* Push the db that owns the article at index 'idx'; raises "article has no database".
** [-0, +1, v] */
void tifai_lua_pushdbof (lua_State *L, int idx);

/* Resolve the set at index 'idx' (see above) in the store of the db at index 'dbidx'.
** Pushes a box that owns the ids and returns them (sorted by id, unique), with their count
** in '*n'; returns NULL (and *n = 0) when the set is every article (nil, or a table with no
** filter field). An empty result is a non-NULL pointer with *n = 0. On a corpus the ids
** are gids, so sorted they come grouped by shard (TIFA_SHARD_OF, TIFA_SHARD_LOCAL). 'fname' names the
** function in errors ("bad argument #2 to 'kwic' (...)"). [-0, +1, e] */
const int64_t *tifai_lua_articleset (lua_State *L, int dbidx, int idx, size_t *n,
                                     const char *fname);

/* Push the article 'id' (a gid on a corpus) of the db at 'dbidx' (the same object db:article
** makes), or nil if it is not in the store. 'cache', when not 0, is the index of a table id -> article that
** the call reads first and fills, so a result that names an article many times shares one
** object. [-0, +1, e] */
void tifai_lua_pusharticle (lua_State *L, int dbidx, int64_t id, int cache);

/* Give the table on top the metatable of db:kwic's lines (its __tostring) (ltrack.c).
** [-0, +0, m] */
void tifai_lua_setkwicmeta (lua_State *L);

/* Return fail, msg: the failure of a store call (tifa_store_errmsg), or raise "not enough
** memory" for TIFA_NOMEM. [-0, +2, v] */
int tifai_lua_storefail (lua_State *L, tifa_store *s, int rc);

/* Set hit.provision for the db:search hit at 'idx' (a table with 'id' and 'offsets'): the
** label of the provision (条) its first match is in, if any (lprovisions.c). [-0, +0, m] */
void tifai_lua_hitprovision (lua_State *L, tifa_store *s, int idx);

/* The methods each family of analytics adds (NULL-terminated luaL_Reg arrays): to db
** (called as db:name(...)) and to articles (a:name(...)). Each lives in its own file. */
extern const luaL_Reg tifai_track_db[], tifai_track_article[];     /* ltrack.c: kwic, timeline, dispersion, track */
extern const luaL_Reg tifai_lexis_db[], tifai_lexis_article[];     /* llexis.c: freq, keywords, keyness, collocates, summary */
extern const luaL_Reg tifai_reuse_db[], tifai_reuse_article[];     /* lreuse.c: reuse, duplicates, similar */
extern const luaL_Reg tifai_cite_db[], tifai_cite_article[];       /* lcite.c: quotes, citations */
extern const luaL_Reg tifai_provisions_article[];                   /* lprovisions.c: provisions, provision_at */
extern const luaL_Reg tifai_set_db[];                              /* lset.c: select */

/* Make the class of sets (lset.c): db:select's lists of articles with the analytics as
** methods. [-0, +0, m] */
int tifai_luaopen_set (lua_State *L);

/* Open tifa.chart (lchart.c: terminal bar charts and sparklines, SVG charts) and tifa.graph
** (lgraph.c: graphs as Graphviz dot and SVG): each a new table. [-0, +1, m] */
int tifai_luaopen_chart (lua_State *L);
int tifai_luaopen_graph (lua_State *L);

#endif
