/*
** extract.h -- internal interface of the extraction code (numbers.c, quotes.c, citations.c,
** entities.c) and of the number scanner the units scanner (units.c) shares with numbers().
** See tifa_extract.h for the public half.
*/
#ifndef TIFA_EXTRACTI_H
#define TIFA_EXTRACTI_H

#include <stddef.h>
#include "tifa_extract.h"

/* A number as policy texts write it: [hedge] digits-or-numerals [magnitude] [多|余] [unit]
** [hedge], e.g. 超4亿, 126万亿元, 14亿多, 1000多家, 5%左右, 百分之五. */
typedef struct tifai_number {
  double value;             /* with its magnitude applied: 126万亿 -> 1.26e14 */
  const char *unit;         /* static: the unit's canonical form ("元", "%"), NULL if none */
  const char *hedge;        /* static: "超", "多", "左右", ...; NULL if none */
} tifai_number;

/* The length in bytes of the number that starts at s[0] (s[0..len) valid UTF-8), filling
** '*n' when it is not 0. A number in Chinese numerals counts only with a magnitude (万, 亿)
** or a unit that cannot be read otherwise (元, %, 公里, 倍, ...), or as 百分之N: 十分, 一是,
** 两个, 五大, 十四五 are not numbers. Pure and thread-safe. */
size_t tifai_number_scan (const char *s, size_t len, tifai_number *n);

/* The hedges that may follow a number and its unit (18%以上, 5%左右), NULL-terminated. */
extern const char *const tifai_hedges_post[];

/* 1 if a number may start at s: a digit (ASCII or full-width), a Chinese numeral that can
** lead one (not 千, 万, 亿), 百 (of 百分之) or a hedge (超, 约, ...); 0 at once otherwise. */
int tifai_number_lead (const char *s, size_t len);

/* The length of the time at s[0]: 12时30分, 12时, 12:30 (digits ASCII or full-width); 0 if
** none. */
size_t tifai_time_scan (const char *s, size_t len);

/* {====== Speakers (entities.c) ====== */

#define TIFAI_SPEAKER_NONE  (-1)

/* The speaker that the clause s[b..e) before a speech verb names (len: the length of 's'):
** its kind, TIFA_ENTITY_PERSON (国务院总理李强, 邓小平同志, 普京, 外交部发言人),
** TIFA_ENTITY_ORG (国家发展改革委, 中方, 以色列国防军), TIFA_ENTITY_MEETING (会议,
** 中央经济工作会议) or TIFA_ENTITY_PRONOUN (他, 她们), with the speaker in s[*sb, *se)
** (times and connectives around it left out: 随后, 今天, 18日); or TIFAI_SPEAKER_NONE when
** the clause holds nothing but such words (并强调); or 0 when it names no speaker (这场疫情,
** 我愿, 五是坚持从严, 文章). A clause ending in a time or a place (习近平会见普京时) names
** the speaker it starts with. Uses the default segmenter's words and tags. */
int tifai_speaker (const char *s, size_t len, size_t b, size_t e, size_t *sb, size_t *se);

/* The speaker that ends the clause s[b..e) after other words (克服了我国诗人李白, of
** 李白所说的“…”): the longest such, as tifai_speaker classifies it; 0 if none. */
int tifai_speaker_end (const char *s, size_t len, size_t b, size_t e, size_t *sb, size_t *se);

/* The speaker that opens the clause s[b..e) (邓小平同志亲自倡导 -> 邓小平同志): the words
** before its first verb or preposition, as tifai_speaker classifies them. */
int tifai_subject (const char *s, size_t len, size_t b, size_t e, size_t *sb, size_t *se);

/* }====== */

/* {====== Shared by the extractors (extract_util.c) ====== */

/* Code point offsets of byte offsets, counted forward from the last query (so a pass over
** the text in order costs O(len) in all); a query behind the last one counts from the start
** of the last span set, if it is not behind that too (a part of the span just set: a
** citation's title inside its 《》), else from 0. */
typedef struct tifai_cursor {
  const char *s;
  size_t byte, cp;          /* s[0..byte) holds 'cp' code points */
  size_t mbyte, mcp;        /* the same at the start of the last span set */
} tifai_cursor;

#define TIFAI_CURSOR_INIT(s)  {(s), 0, 0, 0, 0}

/* Set 'sp' to s[byte .. byte+nbyte) with its code point offsets. */
void tifai_span_set (tifai_cursor *c, tifa_span *sp, size_t byte, size_t nbyte);

/* The next unit (units.h) of s[0..len) at or after '*at', looking inside titles (a title is
** not returned: the units in it are). Returns 1 and sets '*at' to its start, '*n' to its
** length and '*kind', or 0 at the end. The caller moves '*at' past it. */
int tifai_unit_next (const char *s, size_t len, size_t *at, size_t *n, int *kind);

/* The length of the code point led by byte 'c' (1 for a stray continuation byte). */
#define tifai_cplen(c)  ((unsigned char)(c) < 0xC0 ? 1 : (unsigned char)(c) < 0xE0 ? 2 \
                         : (unsigned char)(c) < 0xF0 ? 3 : 4)

/* }====== */

#endif
