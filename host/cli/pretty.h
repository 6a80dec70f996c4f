/*
** pretty.h -- the parts of the prompt's printer shared between pretty.c (kinds of values,
** the order of keys, the one-line form, trees, the entry points) and prettyrows.c (tables
** of rows and concordances). Everything prints to stdout; tables are read raw.
*/
#ifndef TIFA_PRETTY_H
#define TIFA_PRETTY_H

#include "lua.h"
#include "buf.h"

#define MAXROWS    20               /* rows of a table shown */
#define MAXLINES   40               /* lines of a result that prints itself, or of a tree */
#define ELLIPSIS   "\xE2\x80\xA6"

/* {====== pretty.c ====== */
/* Whether the value at 'idx' is an article (a table whose metatable is "tifa.article"). */
int pretty_isarticle (lua_State *L, int idx);
/* The place of a known field in the order keys and columns are shown ("id" first); 100
** for any other name. */
int pretty_rank (const char *k);
/* Add the value at 'idx' to 'b' in one line, nested 'depth' deep; 'top': a string at the
** top level is added raw, else quoted. May raise (a __tostring); the stack is left as
** found. [-0, +0, e] */
void pretty_addvalue (lua_State *L, tifai_buf *b, int idx, int depth, int top);
/* }====== */

/* {====== prettyrows.c ====== */
/* Print 'n' spaces (none if n <= 0). */
void pretty_indent (int n);
/* The kind of the rows 1..n of the list at 'idx' when all the first MAXROWS are of one
** kind (an article: 1, a hit: 2, a row: 0), else -1. */
int pretty_rowkind (lua_State *L, int idx, lua_Integer n);
/* If the table at 'idx' is db:sql's rows, push its list of columns and return 1; else push
** nothing and return 0. Raw reads only. [-0, +(0|1), m] */
int pretty_sqlcolumns (lua_State *L, int idx);
/* Print rows 1..n of the list at 'idx', of kind 'kind' (pretty_rowkind), as an aligned
** table at 'indent' in 'width' columns, at most MAXROWS rows; 'names', if not 0, is the
** stack index of db:sql's list of columns. [-0, +0, e] */
void pretty_rows (lua_State *L, int idx, lua_Integer n, int width, int kind, int indent, int names);
/* Print the concordance at 'idx' (db:kwic, article:kwic) in 'width' columns, its matches
** centred in one column, at most MAXLINES lines. [-0, +0, e] */
void pretty_kwic (lua_State *L, int idx, int width);
/* }====== */

#endif
