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
** corpus (read-only). 'write' opens for writing (creating the file if needed); else the file
** must exist, and if it holds no articles stderr says so. Prints the error, naming the path
** ("cannot open store 'x' (a directory)", "no store at 'x' (...)"), and returns NULL on
** failure. */
tifa_store *cli_openstore (cli *c, int write);
/* The path a command will use, for messages ("sample corpus" if none). */
const char *cli_storename (cli *c);

/* Subcommands: each takes the arguments after its name and returns the exit status. */
int cmd_ingest (cli *c, int argc, char **argv);
int cmd_search (cli *c, int argc, char **argv);
int cmd_count (cli *c, int argc, char **argv);
int cmd_words (cli *c, int argc, char **argv);
int cmd_show (cli *c, int argc, char **argv);
/* The printers of search, count, words and show (commands.c), for a store's answers and a
** corpus's alike. A hit: rank, #id, date, outlet, title; then its snippet, cut around its
** first match. Count: the totals line, then an article a line (matches, #id, date, title).
** Words: count, articles, word (a tifa_vocab_fn; 'ud' unused). Show: article 'id' of 'db'
** named 'shown' (a corpus's id), 0; or 1 with "no article ID" on stderr. An id wider than
** its column widens it. */
void cli_search_hit (cli *c, long rank, const tifa_hit *h, const char *date, const char *outlet,
                     const char *title);
void cli_count_total (int64_t total, int64_t articles);
void cli_count_row (cli *c, int64_t id, int64_t n, const char *date, const char *title);
int cli_words_row (void *ud, const char *w, size_t len, int64_t count, int64_t articles);
int cli_show_article (struct sqlite3 *db, int64_t id, int64_t shown, int cols);

/* search, count, words and show when -d names a corpus of shards (corpuscmd.c): their
** options parsed by the cmd_ functions, the answer merged from the shards' parts
** (tifa_shards_run) and printed as a store's is, ids being the corpus's. Exit status as
** the commands'; "shard 2: ..." names a shard that failed. */
int corpus_search (cli *c, const char *query, const tifa_search_opts *o);
int corpus_count (cli *c, const char *query, int flags, long top);
int corpus_words (cli *c, long top, long min, const struct tifa_freq *stop);
int corpus_show (cli *c, int argc, char **argv);

int cmd_reuse_step (cli *c, int argc, char **argv);  /* reusecmd.c */

/* Say, before SQLite starts, that this process runs no sandbox: SQLite then keeps no count of
** its memory. The sandbox's memory limit reads that count (and SQLite's heap limits need it),
** so a process that may make a sandbox never calls this; without it every allocation takes
** one process-wide mutex, which the threads reading a corpus's shards queue on (a search of
** 发展 over 4 shards: 50 to 28 ms, bench/SHARDS_QUERY.md). After SQLite has started it does
** nothing. */
void cli_nosandbox (void);
int cmd_part (cli *c, int argc, char **argv);       /* shardcmd.c */
int cmd_merge (cli *c, int argc, char **argv);
/* A Lua script's parts and merge (scriptpartcmd.c): 'part script' (the arguments after
** "script"); merge(parts, ...) of the script 'script' on merged[0..len), the output of
** tifa_merge of its parts (checked to be the script's; printed as the prompt prints
** results); the exit status. cli_addline collects tifa_merge's lines in a buffer
** (a tifa_jsonl_fn; 'ud' a cli_lines). The usage of both commands. */
typedef struct cli_lines { char *b; size_t n, cap; } cli_lines;   /* b: NUL-terminated, malloc'ed */
int cmd_part_script (cli *c, int argc, char **argv);
int cli_merge_script (cli *c, const char *script, int sandbox, const char *merged, size_t len);
int cli_addline (void *ud, const char *line, size_t len);
extern const char cli_usage_partscript[];
int cmd_seal (cli *c, int argc, char **argv);        /* sealcmd.c */

/* Lua: a new state with the standard libraries, the 'tifa' library as a global and a lazy
** global 'db' (the store chosen by cli_openstore, opened when first used). */
lua_State *cli_newstate (cli *c);
/* Report a non-OK status with "tifa: " and the message (with traceback) to stderr. */
int cli_report (lua_State *L, int status);
/* After a run of 'what' that ended with 'status' (its error on the stack if not LUA_OK): report
** the error, or the limit that stopped a sandboxed run ("tifa: x.lua: script exceeded the time
** limit (5 s)" and the traceback), and pop it. Returns -1 to go on, else the exit status: 1, or
** the code given to a sandboxed os.exit, whose message goes to '*exited' (may be NULL; set to
** NULL otherwise) unprinted. */
int cli_afterrun (lua_State *L, int sandbox, int status, const char *what, const char **exited);
/* Run the chunk on top of the stack with a traceback handler; Ctrl-C interrupts it. */
int cli_docall (lua_State *L, int narg, int nres);
/* The interactive loop (lua.c style). */
void cli_repl (cli *c, lua_State *L);

/* {====== Scripts (scripts.c, scripthdr.c; the header format is in docs/scripts.md) ====== */
#define SCRIPT_STRING   0
#define SCRIPT_INTEGER  1
#define SCRIPT_NUMBER   2
#define SCRIPT_BOOLEAN  3
#define SCRIPT_DATE     4           /* YYYY[-MM[-DD]], kept zero-padded */
#define SCRIPT_PATH     5
#define SCRIPT_CHOICE   6           /* one of 'choices' */

typedef struct script_param {       /* an @param (option) or @arg (also taken by position) */
  char *name;                       /* as on the command line: --NAME; in 'params' '-' is '_' */
  int type;                         /* SCRIPT_* */
  char *choices;                    /* SCRIPT_CHOICE: "csv|json|table"; else NULL */
  int positional, repeat, required;
  char *def;                        /* the default as written (a list: "a,b"), or NULL */
  char *help;                       /* its help ("" if none) */
  int line;                         /* its line in the file */
  char **vals;                      /* after script_parseargs: the values, in normal form */
  int nvals;
} script_param;

typedef struct script_header {      /* the comment block at the top of a script */
  char *path;                       /* the file */
  char *name;                       /* the file name without ".lua" */
  char *desc;                       /* the one-line description ("" if none) */
  char *usage;                      /* a "usage:" line, or NULL */
  char *text;                       /* the other lines of prose, or NULL */
  script_param *params;
  int nparams;
  int declared;                     /* it has tags: the arguments are parsed by it */
  int sandbox;                      /* @sandbox: always run sandboxed */
  int module;                       /* @module: a module, not a script */
  int errline;                      /* the line of the first error in it; 0 if none */
  char err[256];                    /* that error ("unknown tag '@parm'") */
} script_header;

/* The directories searched for scripts, in order, into dirs[0..max): $TIFA_PATH (':'
** separated, an empty entry standing for the defaults) or the defaults: ./scripts, the
** user's data directory, the installed scripts. The strings are static, valid until the
** next call. Returns their number. */
int script_dirs (const char **dirs, int max);
/* Find the script 'name' (a path if it has a '/' or is an existing NAME.lua, else NAME.lua
** on the search path). Returns 1 with its path in 'out', else 0 ('out' = name). */
int script_find (const char *name, char *out, size_t outsz);
/* Print "tifa: no script 'NAME' in the search path (dirs)". */
void script_notfound (const char *name);
/* Read the header of the script at 'path' into 'h' (release with script_freeheader, also
** after a failure). Returns 0; -1 if the file cannot be opened (errno); 1 for an error in
** the header (h->errline, h->err). Exits on out of memory, as the program does. */
int script_readheader (const char *path, script_header *h);
/* The same for a script held in memory, buf[0..len) (standard input: 'tifa run -'); its
** path is "-" and its name "stdin". */
int script_readheaderbuf (const char *buf, size_t len, script_header *h);
void script_freeheader (script_header *h);
/* Parse the script's arguments argv[0..argc) by its header, filling the values of its
** parameters (defaults included). Returns 0; 1 if --help or -h was asked; 2 for a usage
** error, with the message in 'err' ("bad value 'x' for --limit (integer expected)"). */
int script_parseargs (script_header *h, int argc, char **argv, char *err, size_t errsz);
/* Print the usage line, and with 'full' the whole help, generated from the header. */
void script_usage (FILE *f, const script_header *h, int full);
/* Push the table 'params': each parameter's value by name (a list for a repeatable one,
** false for an absent boolean); reading an undeclared name raises. [-0, +1, m] */
void script_pushparams (lua_State *L, const script_header *h);
/* tifa scripts [--path]; tifa help SCRIPT (exit status 0, or 1 if not found). */
int cmd_scripts (cli *c, int argc, char **argv);
int script_help (const char *name);
/* }====== */

/* {====== Terminal output ====== */
/* Display columns of UTF-8 text (CJK wide characters count 2). */
int term_width (const char *s, size_t len);
/* The columns to print in: the terminal's when stdout is one (asked each time, so a
** resized window is followed), else 'given' if > 0, else $COLUMNS, else 80. */
int term_columns (int given);
/* Print 's' into exactly 'cols' columns: cut with "…" if wider, padded with spaces if
** 'pad'. 'right' aligns right. Line ends and tabs print as spaces. */
void term_cell (FILE *f, const char *s, int cols, int pad, int right);
/* The same, but a cut keeps the first match marked TIFA_MARK_OPEN...TIFA_MARK_CLOSE in
** sight, centred, with "…" at the ends that were cut. */
void term_cellmark (FILE *f, const char *s, int cols, int pad, int right);
/* Print s[0..len) with a line break before any character that would pass column 'cols'. */
void term_wrap (FILE *f, const char *s, size_t len, int cols);
/* Print the value at 'idx' for the prompt in 'width' columns (0: term_columns): an article
** in one line; a list of articles, hits or rows as an aligned table (db:sql's rows in the
** statement's column order); a concordance with its matches centred; other tables as
** indented trees with depth and item limits; every line cut to the width; never
** "table: 0x…" (pretty.c, prettyrows.c). May raise (a __tostring). [-0, +0, e] */
void cli_pretty (lua_State *L, int idx, int width);
/* Print the n values from 'first' as the prompt prints a line's results: one through
** cli_pretty; several on one line separated by tabs (lua.c), each in its one-line form
** (functions and userdata by name, never an address), cut to the width, a table through
** cli_pretty on lines of its own. [-0, +0, e] */
void cli_prettyvalues (lua_State *L, int first, int n, int width);
/* }====== */

#endif
