/*
** lhelp.h -- help inside: tifa.help (lhelp.c) and the API reference it reads, compiled at
** build time from the Markdown in docs/ by host/help/helpgen.c into help_docs.c. The
** Markdown files are the one source: an entry there is a '###' heading that starts with a
** code span naming the API (see helpgen.c for the exact form).
*/
#ifndef TIFA_LHELP_H
#define TIFA_LHELP_H

#include "lua.h"

#define TIFAI_HELP_CODE     '\1'   /* the marks around a code span in prose (helpgen.c) */
#define TIFAI_HELP_ENDCODE  '\2'

/* A group of entries: a '##' section of a document, or a document's '#' title. */
typedef struct tifai_helpgroup {
  const char *name;         /* "db", "tifa.text: words"; NULL ends the table */
  const char *intro;        /* the prose under the group's heading, as 'text' below ("" if none) */
} tifai_helpgroup;

/* One name of an entry; the names of one heading share sig, text and example (pointers equal). */
typedef struct tifai_helpentry {
  const char *name;         /* "tifa.open", "db:search", "db.path", "article:sections"; NULL ends */
  int group;                /* index into tifai_helpgroups */
  const char *sig;          /* the heading without marks: "tifa.text.words(s [, opts]) → list" */
  const char *summary;      /* the first sentence, without its final period ("" if none) */
  const char *text;         /* the prose: one line per paragraph, list item ("- ", with its
                            ** indentation) or table row ("\tcell\tcell"; "\t-" is the rule
                            ** under a header row), an empty line between paragraphs; in
                            ** paragraphs and items a code span's text is between
                            ** TIFAI_HELP_CODE and TIFAI_HELP_ENDCODE */
  const char *example;      /* the first code block, unindented ("" if none) */
  const char *file;         /* the document, "docs/text-words.md" */
} tifai_helpentry;

/* The tables, in the order of the documents (help_docs.c, generated). All strings are
** valid UTF-8 (the generator checks the documents). */
extern const tifai_helpgroup tifai_helpgroups[];
extern const tifai_helpentry tifai_helpentries[];

/* Set field "help" of the tifa module table on the top of the stack to tifa.help, which
** keeps the table to find functions by identity. [-0, +0, m] */
void tifai_help_open (lua_State *L);

#endif
