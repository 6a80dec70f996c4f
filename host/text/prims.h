/*
** prims.h -- internal interface of the UTF-8 primitives (width.c, graphemes.c, casing.c,
** convert.c): the versions that append to a tifai_buf, which the Lua binding keeps in memory
** the collector owns. See tifa_text.h for the public half.
*/
#ifndef TIFA_PRIMS_H
#define TIFA_PRIMS_H

#include <stddef.h>
#include <stdint.h>
#include "tifa_text.h"
#include "buf.h"

/* Display width of one grapheme cluster s[0..len) (valid UTF-8): the widest of its code
** points by utf8proc_charwidth (so 2 for a wide character with combining marks, or for an
** emoji ZWJ sequence), and 2 for a pair of regional indicators (a flag) or a character
** followed by U+FE0F (emoji presentation). */
int tifai_grapheme_width (const char *s, size_t len);

/* Append the case mapping (TIFA_CASE_*) or normalization (TIFA_NORM_*) of the valid UTF-8
** s[0..len) to 'out'. Return TIFA_OK, or TIFA_NOMEM ('out->oom' set). */
int tifai_case (tifai_buf *out, const char *s, size_t len, int how);
int tifai_normalize (tifai_buf *out, const char *s, size_t len, int form);

/* Append the OpenCC conversion (TIFA_CONVERT_*) of the valid UTF-8 s[0..len) to 'out'.
** Return TIFA_OK, or an error code with a message in 'err' (TIFA_ERROR when libopencc cannot
** be loaded or its converter cannot be opened, TIFA_NOMEM). */
int tifai_convert (tifai_buf *out, const char *s, size_t len, int to, char *err, size_t errsz);

#endif
