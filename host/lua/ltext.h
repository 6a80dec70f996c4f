/*
** ltext.h -- the parts of the tifa.text library. Each opener adds its functions to the table
** on the top of the stack (luaL_setfuncs) and leaves the stack as it found it.
*/
#ifndef TIFA_LTEXT_H
#define TIFA_LTEXT_H

#include "lua.h"
#include "buf.h"

/* Check that argument 'arg' is a string of valid UTF-8 and return it; otherwise raise
** "bad argument #arg to 'f' (invalid UTF-8 at byte N)". [-0, +0, v] */
const char *tifai_text_checktext (lua_State *L, int arg, size_t *len);

/* Push a box: a userdata holding an empty tifai_buf that the collector frees, so that C
** memory is not lost when building a result raises (ltifalib.c; lauxlib's buffer box).
** Returns the buffer. [-0, +1, m] */
tifai_buf *tifai_lua_newbox (lua_State *L);

/* Write data[0..len) to the file 'path' through the state's own io.open (mode "w"), so that
** a sandboxed script's writes go where its io.open lets them (ltifalib.c). Leaves true, or
** io's fail, message, errno, and returns how many values it left (1 or 3); a sandbox
** breach raises as io.open does. [-0, +(1|3), e] */
int tifai_lua_writefile (lua_State *L, const char *path, const char *data, size_t len);

/* The index in 'lst' (NULL-terminated) of the string option opts[k], opts being argument 2;
** 0 (the default) when absent; otherwise raises "bad argument #2 to 'f' (invalid option 'x'
** for 'k')" (ltextwords.c). [-0, +0, v] */
int tifai_text_optname (lua_State *L, const char *k, const char *const lst[]);

struct tifa_freq;
/* The stopwords given as field 'field' of the option table at 'arg' (lstopwords.c): a
** built-in list's name, a list of names and words, a set of words, extra = {...}; pushes
** the set (a userdata that frees it) or nil when the field is absent, and returns the set
** or NULL. Raises "bad argument #arg to 'f' (unknown stopword list 'x')". [-0, +1, e] */
struct tifa_freq *tifai_text_stopset (lua_State *L, int arg, const char *field);

/* Open tifa.text: a new table with every part's functions. [-0, +1, m] */
int tifai_luaopen_text (lua_State *L);

void tifai_text_openprims (lua_State *L);       /* ltextlib.c: UTF-8 primitives, OpenCC */
void tifai_text_openwords (lua_State *L);       /* ltextwords.c: words, add_word, load_dict */
void tifai_text_openstructure (lua_State *L);   /* ltextstruct.c: clauses, ..., ngrams, freq */
void tifai_text_openextract (lua_State *L);     /* ltextextract.c: quotes, citations, ... */

#endif
