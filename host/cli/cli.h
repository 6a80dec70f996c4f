/*
** cli.h -- the parts of the tifa program (host/cli) shared between its files: the chosen
** store, the Lua state set-up, the subcommands, the REPL and terminal output helpers.
*/
#ifndef TIFA_CLI_H
#define TIFA_CLI_H

#include <stdio.h>
#include "lua.h"
#include "tifa_store.h"

#define PROGNAME  "tifa"

typedef struct cli {
  const char *dbpath;               /* -d PATH, or TIFA_DB; NULL: ./tifa.db or the sample */
  int tty_out, tty_err;             /* stdout / stderr are terminals */
  int width;                        /* terminal columns (0 if not a terminal) */
} cli;

/* Print "tifa: msg" to stderr. */
void cli_error (const char *fmt, ...);
/* The store the commands use: -d PATH, TIFA_DB, ./tifa.db if it exists, else the sample
** corpus (read-only). 'write' opens for writing (creating ./tifa.db if needed). Prints the
** error and returns NULL on failure. */
tifa_store *cli_openstore (cli *c, int write);
/* The path a command will use, for messages ("sample corpus" if none). */
const char *cli_storename (cli *c);

/* Subcommands: each takes the arguments after its name and returns the exit status. */
int cmd_ingest (cli *c, int argc, char **argv);
int cmd_search (cli *c, int argc, char **argv);
int cmd_count (cli *c, int argc, char **argv);
int cmd_words (cli *c, int argc, char **argv);
int cmd_show (cli *c, int argc, char **argv);

/* Lua: a new state with the standard libraries, the 'tifa' library as a global and a lazy
** global 'db' (the store chosen by cli_openstore, opened when first used). */
lua_State *cli_newstate (cli *c);
/* Report a non-OK status with "tifa: " and the message (with traceback) to stderr. */
int cli_report (lua_State *L, int status);
/* Run the chunk on top of the stack with a traceback handler; Ctrl-C interrupts it. */
int cli_docall (lua_State *L, int narg, int nres);
/* The interactive loop (lua.c style). */
void cli_repl (cli *c, lua_State *L);

/* {====== Terminal output ====== */
/* Display columns of UTF-8 text (CJK wide characters count 2). */
int term_width (const char *s, size_t len);
/* Print 's' into exactly 'cols' columns: cut with "…" if wider, padded with spaces if
** 'pad'. 'right' aligns right. */
void term_cell (FILE *f, const char *s, int cols, int pad, int right);
/* Print the value at 'idx' for the prompt in 'width' columns (0: 80): an article in one
** line, a list of articles, hits or rows as an aligned table, other tables with limits;
** never "table: 0x…" (pretty.c). May raise (a __tostring). [-0, +0, e] */
void cli_pretty (lua_State *L, int idx, int width);
/* }====== */

#endif
