/*
** lcorpus.h -- the db of a corpus of shards (tifa.open(DIR)): what ltifalib.c and lcorpus.c
** share. A db is a store or a corpus; a corpus keeps its shards' stores open read-only, and
** its methods (lcorpus.c) answer as one store holding the same files would, ids aside
** (an article's id is its gid, TIFA_SHARD_ID). docs/shards.md, "Scripts on a corpus".
** It is also what the files of the tifa library share: ltifalib.c (the library, the db, its
** boxes and cursors), lingest.c, larticles.c and larticleset.c.
*/
#ifndef TIFA_LCORPUS_H
#define TIFA_LCORPUS_H

#include <stdint.h>
#include <sqlite3.h>
#include "lua.h"
#include "lauxlib.h"
#include "tifa_store.h"
#include "tifa_shard.h"
#include "tifa_track.h"
#include "buf.h"

#define TIFA_DBTYPE       "tifa.db"
#define TIFA_ARTICLETYPE  "tifa.article"
#define TIFA_CURSORTYPE   "tifa.cursor"

typedef struct LDb {
  tifa_store *s;                    /* the store; NULL for a corpus, or closed */
  tifa_shards *c;                   /* the corpus; NULL for a store, or closed */
  tifa_store **rd;                  /* a corpus: shard k's store (read-only, its reader:
                                       tifa_shards_reader, owned by 'c') in rd[k - 1] */
  int n;                            /* a corpus: its shards */
} LDb;

typedef struct LCursor { sqlite3_stmt *st; } LCursor;      /* st == NULL: finished */

/* The db at 'idx', open (a store or a corpus); raises "attempt to use a closed database" or
** Lua's type error. [-0, +0, v] */
LDb *tifai_lua_todb (lua_State *L, int idx);

/* {====== The tifa library's files, for one another ====== */

/* ltifalib.c: read 'n' bytes at '*at' of the box 'b' into 'dst' and advance '*at'. */
void tifai_lua_boxread (const tifai_buf *b, size_t *at, void *dst, size_t n);

/* ltifalib.c: a new cursor userdata on the stack with no statement (its statement is
** finalized by __gc and __close). [-0, +1, m] */
LCursor *tifai_lua_cursor (lua_State *L);

/* ltifalib.c: return fail, msg. [-0, +2, m] */
int tifai_lua_failmsg (lua_State *L, const char *msg);
/* Read db:search's options {limit=, offset=, context=, words=} at 'idx' (none or nil: the
** defaults) into '*o', zeroed first (ltifalib.c). [-0, +0, v] */
void tifai_lua_searchopts (lua_State *L, int idx, tifa_search_opts *o);
/* A period of db:timeline as ltrack.c boxes it, and the tifa_timeline callback that appends
** one to the tifai_buf 'ud' (ltrack.c; lcorpus.c sums the shards' with it). */
typedef struct tifai_periodrec { char period[16]; int64_t count, articles; } tifai_periodrec;
int tifai_lua_onperiodbox (void *ud, const tifa_period *p);

/* lingest.c: db:ingest(path_or_list [, opts]), a method of db. */
int tifai_db_ingest (lua_State *L);

/* larticles.c: db:articles([filter]) and db:article(id), methods of db. */
int tifai_db_articles (lua_State *L);
int tifai_db_article (lua_State *L);

/* larticles.c: the class of articles: its methods, its metamethods (__tostring), and its
** __index (a closure over the methods: article.text is read when first asked for). */
extern const luaL_Reg tifai_article_meth[], tifai_article_metameth[];
int tifai_article_index (lua_State *L);

/* larticles.c: make the registry's table of owners (article -> db, weak keys), in which
** each article made keeps its db. Call it once, when the library opens. [-0, +0, m] */
void tifai_lua_newowners (lua_State *L);

/* larticles.c: a to-be-closed cursor with the statement that reads one article by id (?1)
** on 's', as db:article makes it (for db:search's hits). Returns the statement, or NULL with
** fail, msg pushed. [-0, +1 or +3, m] */
sqlite3_stmt *tifai_lua_articlebyid (lua_State *L, tifa_store *s);

/* larticleset.c: prepare "SELECT 'cols' FROM article AS a JOIN file AS f ... WHERE <the
** article filter at 'fi'> 'order'" into the cursor 'c' (which finalizes it however the
** caller leaves); 'fi' 0 or a nil value: no filter. 'fname' names the function in errors.
** [-0, +0, e] */
void tifai_lua_filterstmt (lua_State *L, tifa_store *s, int fi, LCursor *c, const char *cols,
                           const char *order, const char *fname);

/* }====== */

/* {====== The tifa library (ltifalib.c, larticles.c), for lcorpus.c ====== */

/* A new cursor (its statement finalized by __gc and __close) with the statement "SELECT
** <article columns> ... WHERE <filter at 'fi'> ORDER BY a.date IS NULL, a.date, a.id" on 's'
** ('fi' 0 or nil: no filter), as db:articles makes it; the slot of its statement (set it to
** NULL to take the statement over). Column 4 is the date. (larticles.c) [-0, +1, e] */
sqlite3_stmt **tifai_lua_articlestmt (lua_State *L, tifa_store *s, int fi, const char *fname);

/* Push the article of the current row of 'st' (made by tifai_lua_articlestmt) as db:articles
** does, owned by the db at 'dbidx', with the id 'id' (a gid on a corpus). (larticles.c)
** [-0, +1, m] */
void tifai_lua_pushrow (lua_State *L, sqlite3_stmt *st, int dbidx, int64_t id);

/* A new cursor with no statement; its statement's slot. (ltifalib.c) [-0, +1, m] */
sqlite3_stmt **tifai_lua_newcursor (lua_State *L);

/* Bind the Lua value at 'idx' to parameter 'i' of 'st' (held by a cursor), as db:sql binds;
** raises "bad argument #arg" for a type SQL cannot hold. (ltifalib.c) [-0, +0, v] */
void tifai_lua_bindvalue (lua_State *L, sqlite3_stmt *st, int i, int idx, int arg);

/* }====== */

/* {====== lcorpus.c ====== */

/* The methods of a corpus (kwic, timeline, count, words, article, articles): db_index looks
** here first for a corpus; what is not here is the store's method, which raises through
** tifai_lua_checkdb unless it knows corpora. */
extern const luaL_Reg tifai_corpus_db[];

/* db:sql on a corpus (ltifalib.c's db_sql hands it over): each shard's rows, shard 1 first,
** a first column 'shard'; rows.shards is the number of shards. [-0, +1, e] */
int tifai_corpus_sql (lua_State *L);

struct json_t;

/* The merged records of a run, parsed (jansson json_t *; v[i] NULL once handed over). */
typedef struct tifai_records { struct json_t **v; size_t n, cap; } tifai_records;

/* Run 'analytic' for 'q' with 'o' on every shard of 'd' and merge the parts (tifa_shards_run;
** in a sandbox, one thread), the records handed over as objects (tifai_shards_runobj).
** Pushes a box of the merged records (header, records, trailer) and returns it; or returns
** NULL with fail, msg pushed (the failing shard's message, as the store gives it). '*rc'
** (may be NULL) gets tifa_shards_run's code. Raises for lack of memory. [-0, +1|+2, e] */
tifai_records *tifai_corpus_run (lua_State *L, LDb *d, const char *analytic, const char *q,
                                 const tifa_part_opts *o, int *rc);

/* Push a holder of one record (a jansson json_t *, freed by __gc); returns its slot.
** [-0, +1, m] */
struct json_t **tifai_corpus_holder (lua_State *L);

/* Move the record '*at' of 'b' into '*j' (releasing the one before) and advance '*at'; 0 at
** the end. [-0, +0, -] */
int tifai_corpus_nextline (lua_State *L, tifai_records *b, size_t *at, struct json_t **j);

/* }====== */

/* {====== lcorpustrack.c: db:track and db:dispersion on a corpus (ltrack.c hands over) ======
** The db at 1, the arguments checked by ltrack.c, and no set of articles (db:track over a
** set runs tifa_track on each shard's share, in ltrack.c; db:dispersion over a set raises).
** Each pushes what the store's method returns (or fail, msg) and returns the count. */

/* 'lexicon': the text tifa_lexicon_parse read (NULL: the built-in one); 'o': flags, by,
** min_articles (>= 0), matches. [-0, +1|+2, e] */
int tifai_corpus_track (lua_State *L, const char *lexicon, const tifa_part_opts *o);

/* 'o': flags, cells. [-0, +1|+2, e] */
int tifai_corpus_dispersion (lua_State *L, const char *query, const tifa_part_opts *o);

/* }====== */

#endif
