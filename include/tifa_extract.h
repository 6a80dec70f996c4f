/*
** tifa_extract.h -- extraction from Chinese policy texts in tifa: dates, numbers (value, unit,
** hedge), quotations with their speaker, citations of documents (《》 titles, 文号, aliases)
** and named entities. Nothing here includes lua.h.
** Every function reads the valid UTF-8 string s[0..len) (check it with tifa_utf8_valid: on
** invalid input the results are unspecified, but nothing is read outside 's'), writes the
** first 'max' results in text order into 'out' (which may be NULL when 'max' is 0) and
** returns how many there are in all: call once to count, then again with room for them.
** Offsets named 'byte' count bytes; 'start' and 'end' count code points, 0-based, end
** exclusive. Strings in results are static or point into 's'; nothing is allocated for them.
*/
#ifndef TIFA_EXTRACT_H
#define TIFA_EXTRACT_H

#include <stddef.h>
#include "tifa.h"
#include "tifa_words.h"

/* A piece of the input: s[byte .. byte+nbyte), code points [start, end). nbyte == 0: none. */
typedef struct tifa_span {
  size_t byte, nbyte;
  size_t start, end;
} tifa_span;

/* {====== Dates and numbers ====== */

typedef struct tifa_date {
  tifa_span at;             /* the date as written: 2024年3月18日 */
  char iso[16];             /* "2024-03-18", "2024-03", "2024" or "--03-18" */
  const char *precision;    /* static: "day", "month", "year" or "month-day" */
} tifa_date;

/* The dates of 's': 2024年3月18日, 2024-03-18, 2024/3/18, 2024.3.18, 2024年3月, 2024年,
** 4月23日, 二〇二四年 (full-width digits and ○ as zero too). Dates inside numbers (12306),
** document numbers and Latin words are not dates; dates inside 《》 titles are. Times
** (12时30分) are not returned. */
TIFA_API size_t tifa_extract_dates (const char *s, size_t len, tifa_date *out, size_t max);

typedef struct tifa_number {
  tifa_span at;             /* the number as written, hedges included: 超4亿, 5%左右 */
  double value;             /* with the magnitude: 126万亿元 -> 1.26e14; 5% -> 5 */
  const char *unit;         /* static, canonical ("元", "%" for % ％ 百分之, "个百分点"); NULL: none */
  const char *hedge;        /* static: "超", "约", "近", "逾", "多", "余", "以上", "以下",
                            ** "以内", "左右", "之多", "有余"; NULL: none */
} tifa_number;

/* The numbers of 's': digits (ASCII or full-width, with ',' groups and a decimal point),
** magnitudes 十百千万亿, a unit and a hedge from tifa's tables. Chinese numerals count only
** with a magnitude (十四亿), a unit that makes them sure (三千万元, 五倍) or as 百分之N; 一是,
** 两个, 十四五 are not numbers. Dates, times, document numbers and Latin words (5G) are
** not numbers. */
TIFA_API size_t tifa_extract_numbers (const char *s, size_t len, tifa_number *out, size_t max);

/* }====== */

/* {====== Quotations ====== */

typedef struct tifa_quote {
  tifa_span text;           /* the quoted passage, inside its marks when it has them */
  tifa_span speaker;        /* 习近平, 习近平总书记, 他, 李强; none when not attributed */
  tifa_span verb;           /* the speech verb: 强调, 指出, ...; none when not attributed */
  tifa_span occasion;       /* from an attribution line: 中央经济工作会议上的讲话 */
  char date[16];            /* ISO date of an attribution line, "" if none */
  int marked;               /* 1 for “...” and 「...」, 0 for a passage without marks */
} tifa_quote;

/* The quotations of 's':
**  - every passage in “...” or 「...」 (‘...’ and 『...』 inside are part of it), attributed
**    when a speech verb (强调, 指出, 表示, 说, ...) and at most a colon or comma stand just
**    before the mark: the speaker is the rest of the clause before the verb, without a
**    trailing adverb (再次, 最后, ...) and cut before 在 (李强在讲话中表示 -> 李强);
**  - the unmarked passage after "SPEAKER VERB，" at the start of a sentence (他指出，...),
**    up to the end of that sentence, terminator excluded;
**  - an attribution line, ——SPEAKER[DATE]在OCCASION, which gives its speaker, date and
**    occasion to the quotation that makes up the line before it (“...” alone, or 他指出，...
**    from the line's start), or else makes that line a quotation, placed before the
**    quotations inside it. */
TIFA_API size_t tifa_extract_quotes (const char *s, size_t len, tifa_quote *out, size_t max);

/* }====== */

/* {====== Citations ====== */

typedef struct tifa_citation {
  tifa_span at;             /* the title with its marks: 《意见》 */
  tifa_span title;          /* the title inside the marks: 意见 */
  tifa_span full_title;     /* an alias's full title (an earlier title); else = title */
  tifa_span docno;          /* the 文号 that follows the title: 国发〔2024〕1号; none if none */
  int alias;                /* 1 if the title is an alias: where it is defined or used */
} tifa_citation;

/* The titles in 《》 of 's' (on one line, at most 100 code points), each with the document
** number in the brackets that follow it (《...》（国发〔2024〕1号）). A title followed by
** （以下简称《X》） or （...，以下简称《X》） (also 简称, without 以下) makes X an alias of
** it: that 《X》 and every later one get the full title and its document number. */
TIFA_API size_t tifa_extract_citations (const char *s, size_t len, tifa_citation *out, size_t max);

/* }====== */

/* {====== Entities ====== */

#define TIFA_ENTITY_PERSON   1
#define TIFA_ENTITY_PLACE    2
#define TIFA_ENTITY_ORG      3

typedef struct tifa_entity {
  tifa_span at;             /* the entity as written: 国务院总理李强 */
  tifa_span name;           /* the name: 李强 (= at unless a title comes first) */
  tifa_span title;          /* an official title before a person's name: 国务院总理; or none */
  int kind;                 /* TIFA_ENTITY_* */
} tifa_entity;

/* Static name of an entity kind: "person", "place", "organization"; "unknown" otherwise. */
TIFA_API const char *tifa_entity_kind (int kind);

/* The persons, places and organisations of 's', segmented by 'g' (NULL: the default
** segmenter): words tagged nr, ns and nt, and a person after an official title (国务院总理
** 李强, 重庆市委书记袁家军: an office from tifa's table, the organisation before it, then a
** name: the word tagged nr there, or else 2 to 3 Han characters). Overlapping entities keep
** the first (the longest when they start together). Stores the count in '*count' and
** returns TIFA_OK, TIFA_ENCODING (invalid UTF-8) or TIFA_NOMEM. */
TIFA_API int tifa_extract_entities (const tifa_segmenter *g, const char *s, size_t len,
                                    tifa_entity *out, size_t max, size_t *count);

/* }====== */

#endif
