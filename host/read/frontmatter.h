/*
** frontmatter.h -- the front matter at the top of a Markdown page (Hugo, Jekyll): a YAML block
** between "---" lines (through libyaml) or a TOML block between "+++" lines (a small strict
** reader of the subset front matter uses). Its keys become the article's fields and 'meta',
** never text.
*/
#ifndef TIFA_FRONTMATTER_H
#define TIFA_FRONTMATTER_H

#include <stddef.h>
#include "read_fmt.h"

typedef struct tifai_fm {
  int lines;                        /* lines 1..lines are the block, its delimiters included;
                                       0: the page has no front matter */
  char *f[TIFAI_F_N];               /* title, date, author, outlet, url (TIFAI_F_*; never the
                                       body): NUL-terminated, malloc'ed, or NULL */
  char *meta;                       /* the other keys as a compact JSON object, or NULL */
} tifai_fm;

/* Read the front matter at the top of text[0..len), a page as lines each ending in "\n".
** The block opens on line 1 with "---" (YAML) or "+++" (TOML), trailing blanks allowed, and
** closes with the same line ("..." also closes YAML); a block that never closes is no front
** matter. Keys (ASCII case-insensitive): title; date, else publishDate/pubdate/published;
** author or authors (a list joined with "、"); source/outlet; url/link; the record synonyms of
** tifai_field_of too. Every other key goes to 'meta' (tags and categories as arrays; nested
** YAML mappings and TOML tables as "table.key"). Returns TIFA_OK (fm->lines 0 if there is
** none), TIFA_NOMEM, or TIFA_FORMAT with 'err' set ("invalid YAML front matter (...)") and
** '*line' the line of the fault. Free 'fm' with tifai_fm_free in every case. */
int tifai_fm_read (const char *text, size_t len, tifai_fm *fm, char *err, size_t errsz,
                   int *line);
void tifai_fm_free (tifai_fm *fm);

#endif
