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
  tifa_span speaker;        /* 习近平总书记, 国务院总理李强, 会议, 他; none when not attributed */
  tifa_span verb;           /* the speech verb: 强调, 指出, ...; none when not attributed */
  tifa_span occasion;       /* from an attribution line: 中央经济工作会议上的讲话 */
  char date[16];            /* ISO date of an attribution line, "" if none */
  int marked;               /* 1 for “...” and 「...」, 0 for a passage without marks */
  int speaker_kind;         /* the speaker's TIFA_ENTITY_*: PERSON, ORG, MEETING, DOCUMENT or
                            ** PRONOUN; 0: none; -1: none in its sentence, but the verb (or
                            ** the quotation it follows) has no subject of its own (并强调“…”):
                            ** the speaker is the one the text named before */
  int term;                 /* 1: marks around a term or a definition, not a quotation
                            ** (本法所称“…”, 简称“…”, “两个确立”): no speaker, no verb */
} tifa_quote;

/* The quotations of 's':
**  - every passage in “...” or 「...」 (‘...’ and 『...』 inside are part of it);
**  - the unmarked passage after "SPEAKER VERB，" at the start of a sentence (他指出，...),
**    up to the end of that sentence, terminator excluded;
**  - an attribution line, ——SPEAKER[DATE]在OCCASION, which gives its speaker, date and
**    occasion to the quotation that makes up the line before it (“...” alone, or 他指出，...
**    from the line's start), or else makes that line a quotation, placed before the
**    quotations inside it.
** A passage in marks is attributed when a speech verb (强调, 指出, 表示, 说, 所说, ...) and at
** most a colon or comma stand before the mark (or the verb is earlier in the same clause:
** 他表示这是“…”). Its speaker is the clause before the verb when the entity recognizer
** finds a speaker there: a person with the office given (国务院总理李强, 邓小平同志, 普京), an
** organisation (国家发展改革委, 中方), a meeting (会议, 党的二十届三中全会), a document
** (党的二十大报告, 《意见》) or a pronoun (他, 她, 他们); times and adverbs around it are left
** out (随后, 今天, 18日, 再次), and so is a modifier before 的 (刚刚闭幕的中央经济工作会议). A
** clause that names something else (这场疫情, 我愿, 五是坚持从严, 文章, 俗话) gives no speaker.
** A clause with no subject (并强调, 在…时指出) takes the speaker that opens a clause before
** it in its sentence (邓小平同志亲自倡导，指出“…” -> 邓小平同志), or none when the sentence
** opens with a non-speaker, or else speaker_kind -1. A passage in marks without a verb is the
** speaker's of a clause before a colon (习近平：“…”), of the passage after "SPEAKER VERB，"
** it sits in (他表示，…“感到失望”…), or of the quotation it follows (“…”“…”, “…”、“…”).
** Marks around a term are flagged 'term' and get no speaker: after 所称, 简称, 以下称, 称为,
** 被誉为, ...; a passage of at most 20 characters with no sentence punctuation that the
** sentence goes on after (“两山”理念, “84公里项目”具有…; 5 inside someone's words:
** 李强指出，“友好”是…); one of at most 12 that opens with a numeral (“五个必须”); one of at
** most 12 with no speaker or verb (“标配”). Uses the default segmenter's words and tags. */
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

/* The titles in 《》 of 's' (on one line, at most 100 code points; or broken across lines
** with the marks alone around them, 《\n建议\n》, 'title' then the line between), each with
** the document number in the brackets that follow it (《...》（国发〔2024〕1号）). A title
** followed by （以下简称《X》） or （...，以下简称《X》） (also 以下称, 下称, 简称, 即) makes X
** an alias of it: that 《X》 and every later one get the full title and its document
** number. */
TIFA_API size_t tifa_extract_citations (const char *s, size_t len, tifa_citation *out, size_t max);

/* A self-reference: a document naming itself, 本法, 本条例, 本办法, ... */
typedef struct tifa_selfref {
  tifa_span at;             /* as written: 本法, 本条例, 本实施细则 */
  const char *kind;         /* static: the document's kind, as tifa_cite_kind names it ("法"
                            ** for 本法, 本宪法, 本法典, 本法律; "条例", "办法", "纲要", ...) */
  int quoted;               /* 1: inside “…” opened on its line (an amendment's new text,
                            ** where 本法 is the law amended) */
} tifa_selfref;

/* The self-references of 's' outside 《》: 本 followed (after an optional 实施 or 暂行) by a
** word that names a whole document: 法 (also 宪法, 法典, 法律), 条例, 规定, 办法, 决定, 决议,
** 意见, 解释, 细则, 规则, 准则, 纲要, 规划, 通知, 公告, 公约, 协定, 条约, 章程, 方案, 计划,
** 标准, 规范, 守则, 指南, 指引, 措施, 报告, 修正案, 议定书. Words for parts of a document
** (本章, 本节, 本条, 本款, 本项, 本编) are not self-references; neither is 本 that makes a
** word with the character before it (基本法, 根本法, 日本法, 成本法, 基本准则, 原本计划) nor
** 本法 that makes one with the character after it (本法院, 本法官, 本法人). 本法规定 is 本法. */
TIFA_API size_t tifa_extract_selfrefs (const char *s, size_t len, tifa_selfref *out, size_t max);

/* }====== */

/* {====== Entities ====== */

#define TIFA_ENTITY_PERSON   1
#define TIFA_ENTITY_PLACE    2
#define TIFA_ENTITY_ORG      3
#define TIFA_ENTITY_MEETING  4     /* speakers only: 会议, 中央经济工作会议 */
#define TIFA_ENTITY_PRONOUN  5     /* speakers only: 他, 她, 他们, 她们 */
#define TIFA_ENTITY_DOCUMENT 6     /* speakers only: 党的二十大报告, 《意见》, 社论 */

typedef struct tifa_entity {
  tifa_span at;             /* the entity as written: 国务院总理李强 */
  tifa_span name;           /* the name: 李强 (= at unless a title comes first) */
  tifa_span title;          /* an official title before a person's name: 国务院总理; or none */
  int kind;                 /* TIFA_ENTITY_* */
} tifa_entity;

/* Static name of an entity kind: "person", "place", "organization", "meeting", "pronoun",
** "document"; "unknown" otherwise. */
TIFA_API const char *tifa_entity_kind (int kind);

/* The persons, places and organisations of 's', segmented by 'g' (NULL: the default
** segmenter): words tagged ns and nt; persons: a word tagged nr that is a name (a family
** name and a given name of 1 or 2 characters, or a transliterated name, its pieces joined:
** 佩斯科夫), and rare in the dictionary (jieba tags 文明, 祝贺 and 白皮书 nr), a word the
** dictionary lacks that is a family and a given name (全红婵), a name from tifa's table of
** leaders (周恩来, whom jieba tags t), and a person after an official title (国务院总理李强,
** 重庆市委书记袁家军: an office from tifa's table, the organisation before it, then a name:
** the word tagged nr there, a transliterated name, or else 2 to 3 Han characters opening
** with a family name that do not start a common word). Overlapping entities keep the first
** (the longest when they start together). Stores the count in '*count' and returns
** TIFA_OK, TIFA_ENCODING (invalid UTF-8) or TIFA_NOMEM. */
TIFA_API int tifa_extract_entities (const tifa_segmenter *g, const char *s, size_t len,
                                    tifa_entity *out, size_t max, size_t *count);

/* }====== */

#endif
