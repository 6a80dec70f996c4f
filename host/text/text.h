/*
** text.h -- internal interface of host/text, shared by the store (tifai_* functions are
** hidden from the library's users). See tifa_text.h for the public half.
*/
#ifndef TIFA_TEXTI_H
#define TIFA_TEXTI_H

#include <stddef.h>
#include <stdint.h>
#include "tifa_text.h"
#include "buf.h"

/* Append the folding of the valid UTF-8 string s[0..len) (see tifa_text_fold) to 'out'.
** Returns the number of code points appended, or -1 if 's' is not valid UTF-8 ('out' is
** then left as it was) or memory ran out ('out->oom' set). */
long tifai_fold (tifai_buf *out, const char *s, size_t len);

/* The width variant of 'cp' that searching treats as the same character, or 'cp': the wide
** forms (U+3000, U+FF01-FF60, U+FFE0-FFE6) map to their ordinary characters (space, ASCII,
** U+2985-2986, U+00A2 ...), the half-width CJK punctuation U+FF61-FF65 to 。「」、・. The
** compatibility mappings <wide> and <narrow> of Unicode for everything that is not a letter
** or digit (tifai_fold narrows full-width letters and digits already). */
int32_t tifai_fold_width (int32_t cp);

/* Length (2 to 4) of a UTF-8 sequence led by byte 'c', and the range [*lo, *hi] its second
** byte must fall in (which excludes overlongs, surrogates and code points past U+10FFFF);
** 0 if 'c' cannot lead a sequence. The one table that every UTF-8 check here uses. */
int tifai_utf8_lead (unsigned c, unsigned *lo, unsigned *hi);

/* Compare s[0..n) and t[0..m) (UTF-8) character by character from their ends, as a
** concordance sorts its left contexts: <0, 0 or >0. UTF-8 byte order is code point order. */
int tifai_utf8_cmpback (const char *s, size_t n, const char *t, size_t m);

/* The end of the run of ASCII bytes starting at s[i] (i itself if s[i] is not ASCII), at
** most 'len'; reads eight bytes at a time. */
size_t tifai_ascii_span (const unsigned char *s, size_t i, size_t len);

/* Character classes used by folding, the tokenizer and the search verifier. */
int tifai_is_han (int32_t cp);          /* CJK unified ideographs, extensions, compatibility */
int tifai_is_cjk (int32_t cp);          /* Han, kana, hangul, CJK punctuation, full-width forms */
int tifai_is_space (int32_t cp);        /* ASCII white space, U+3000, NBSP and other Zs */

/* The date at the start of s[0..len), as pages write it: 2024-03-18, 2024/3/18, 2024.3.18,
** 2024年3月18日 (日 or 号 optional), 2024年3月, 2024年, 3月18日, 二〇二四年三月十八日; digits may
** be full-width. Writes ISO 8601 into 'out' ("2024-03-18", "2024-03", "2024", or "--03-18"
** for a month and day without a year) and the static precision name into '*prec' ("day",
** "month", "year", "month-day"). Returns the bytes read, or 0 if no date starts at 's'. */
size_t tifai_date_parse (const char *s, size_t len, char out[16], const char **prec);

/* The date of the event a news lead reports (leaddate.c): the first sentence of s[0..len)
** opens (after "本报讯" or a short bracketed note) with a month and day or a full date, an
** optional time of day (上午, 下午, 晚...) and goes on to a verb of occurrence (召开, 举行,
** 开幕, 主持, 会见, 发布, 签署, 通过, 宣布...). Returns 1 and writes the year (0 when the
** sentence gives none), month and day, and the date's bytes [*b0, *b1); 0 when the sentence
** gives no such date (a period "1月至10月", a start "10月1日起", no event). */
int tifai_lead_date (const char *s, size_t len, int *y, int *m, int *d, size_t *b0, size_t *b1);
/* The year a term heading in s[0..len) ("2023-2024学年第一学期") gives month 'm': the first
** year for months 9 to 12, the second for 1 to 8; 0 when there is no such heading. */
int tifai_term_year (const char *s, size_t len, int m);

#endif
