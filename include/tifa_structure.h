/*
** tifa_structure.h -- the structure of Chinese texts in tifa: sentences, clauses and
** paragraphs as units with byte and code point offsets, enumerations (一是…二是…, （一）（二）,
** 第一、第二, 一、二、, 1. 2., 首先/其次/最后, 一方面/另一方面), a fast string counter (fed
** strings, or a text's words and n-grams straight from the text), the provisions of laws
** (条, 款, 项 under 编, 章, 节), and
** the built-in stopword lists. Nothing here includes lua.h or allocates behind the caller's
** back except the counter. Offsets named 'byte' count bytes of the input; 'start' and 'end'
** count code points, 0-based, end exclusive (as in tifa_words.h).
*/
#ifndef TIFA_STRUCTURE_H
#define TIFA_STRUCTURE_H

#include <stddef.h>
#include <stdint.h>
#include "tifa.h"

/* A piece of the input: s[byte .. byte+nbyte), code points [start, end). */
typedef struct tifa_span {
  size_t byte, nbyte;
  size_t start, end;
} tifa_span;

/* {====== Sentences, clauses, paragraphs ====== */

/* The length in bytes of the first clause of the sentence s[0..len) (valid UTF-8; best a
** piece cut by tifa_text_sentence, since clauses never cross a sentence end): 0 when
** len == 0, else at least one code point. A clause ends after ， ； ： (and after ASCII
** ',' ';' ':' when white space, a non-ASCII character or the end follows: "1,000" and
** "http://" do not split), with the white space after it, or at the end of the sentence.
** It does not end inside “…” ‘…’ （…） (…) 《…》 〈…〉 「…」 『…』 【…】 〔…〕 ［…］ [...] or
** ASCII "...": one depth counts every kind of opener; a closer with nothing open is
** ignored; an opener never closed keeps the rest of the sentence in one clause. 、 never
** ends a clause. Linear, no allocation, no state. */
TIFA_API size_t tifa_text_clause (const char *s, size_t len);

/* The length in bytes of the first line of s[0..len) (valid UTF-8), its line end (LF, CR,
** CR LF, U+2028 or U+2029) included; len if there is none. */
TIFA_API size_t tifa_text_line (const char *s, size_t len);

/* Kinds of units for tifa_units_init. */
#define TIFA_UNIT_SENTENCE  1   /* tifa_text_sentence */
#define TIFA_UNIT_CLAUSE    2   /* tifa_text_clause within each sentence */
#define TIFA_UNIT_PARAGRAPH 3   /* tifa_text_line: a paragraph is a line */

/* A walk over the units of a text, owned by the caller (on the stack, say); no allocation,
** nothing to free. The fields are private. */
typedef struct tifa_units {
  const char *s;            /* the text */
  size_t len;               /* its length in bytes */
  size_t byte, cp;          /* where the walk stands */
  size_t send;              /* clauses: the end of the current sentence */
  int kind;                 /* TIFA_UNIT_* */
} tifa_units;

/* Start a walk over the units of 'kind' in s[0..len), which must be valid UTF-8 (check it
** with tifa_utf8_valid: invalid bytes are read as U+FFFD one by one, never past 'len'). */
TIFA_API void tifa_units_init (tifa_units *u, const char *s, size_t len, int kind);

/* The next unit into '*out': returns 1, or 0 at the end of the text. Units are trimmed of
** white space (ASCII white space, U+3000, NBSP and the other Zs, line ends), so they
** never start or end with it; units that are only white space are skipped. They keep their
** punctuation: the 。 of a sentence and the ， of a clause end the unit. */
TIFA_API int tifa_units_next (tifa_units *u, tifa_span *out);

/* }====== */

/* {====== Enumerations ====== */

/* Styles of enumeration markers. */
#define TIFA_ENUM_SHI       1   /* 一是 二是 三是 (Chinese numerals 一 to 九十九) */
#define TIFA_ENUM_DI        2   /* 第一 第二, followed by ， 、 ： or ； */
#define TIFA_ENUM_PAREN     3   /* （一） （二）, or (一) */
#define TIFA_ENUM_DUN       4   /* 一、 二、 */
#define TIFA_ENUM_PARENNUM  5   /* （1） （2）, or (1) */
#define TIFA_ENUM_NUMDUN    6   /* 1、 2、 */
#define TIFA_ENUM_NUMDOT    7   /* 1. 2. (or 1．), not followed by a digit */
#define TIFA_ENUM_SHOUXIAN  8   /* 首先 其次 再次 最后, followed by ， */
#define TIFA_ENUM_FANGMIAN  9   /* 一方面 另一方面, followed by ， */

/* The static name of a style: "一是", "第一", "（一）", "一、", "（1）", "1、", "1.", "首先",
** "一方面"; "?" for anything else. */
TIFA_API const char *tifa_enum_style_name (int style);

/* One item of an enumeration. */
typedef struct tifa_enum_item {
  tifa_span span;           /* the item, its marker included */
  size_t label;             /* bytes of the marker at span.byte ("一是", "（一）", "第一") */
  int style;                /* TIFA_ENUM_* */
  int index;                /* 1, 2, ...: the number the marker gives (最后: the one after) */
  size_t group;             /* which enumeration, 0-based, in the order they start */
} tifa_enum_item;

/* Find the enumerations of s[0..len) (valid UTF-8). A marker counts only at the start of a
** clause: at the start of the text, or after white space, a line end, ， ； ： 。 ！ ？ or
** ASCII , ; : (white space between them allowed). Items of one style number 1, 2, 3, ...
** in order, and form one enumeration: a marker with index 1 starts a new one (closing the
** open one of its style), a marker with the next index of the open enumeration of its style
** joins it, any other marker is ignored. Styles are independent, so 一、 sections can hold
** （一）（二） lists. An enumeration of one item is no enumeration and is dropped.
** An item runs from its marker to where the next item of its enumeration starts; the last
** item runs to the end of its sentence (styles 一是, 第一, 首先, 一方面) or of its line
** (the others); trailing white space is never part of an item.
** Writes the items into items[0..cap), ordered by enumeration, then by index, and returns
** their number. If more room was needed, returns a number greater than 'cap' (the room to
** give, an upper bound on the result) and the contents of 'items' are unspecified: call
** with cap == 0 to size, then again. Linear but for the last items' sentence scans; no
** allocation. */
TIFA_API size_t tifa_text_enumerations (const char *s, size_t len, tifa_enum_item *items,
                                        size_t cap);

/* }====== */

/* {====== Provisions: 条, 款, 项 ======
** The provisions of a law or regulation, found in its paragraphs: a paragraph that starts
** with a label 第N条 (or 第N条之M) starts a provision, which runs to the paragraph before
** the next provision or heading. Its 款 are its paragraphs but for those that start with a
** 项 marker (（一）, (一)); its 项 are the （一）（二） items in it. Headings 第N编, 第N分编,
** 第N章, 第N节 are sections of levels 1 to 4; any other heading counts as a 章. */

/* The value of the numeral s[0..len): Chinese (一 to 九, 〇 零 两, 十 百 千 万: 一百二十三 is
** 123, 十 10, 二十 20, 一千零一 1001, 一〇一 101) or digits (ASCII or full-width, not mixed
** with Chinese ones). Returns -1 when s[0..len) is empty, is not all one numeral, or its
** value exceeds 999999999. */
TIFA_API long tifa_text_numeral (const char *s, size_t len);

/* A provision's label at the start of s[0..len) (a paragraph, trimmed): 第, a numeral (as
** tifa_text_numeral reads it; white space before 条 is allowed), 条, and an optional
** 之一 to 之九十九. Returns its length in bytes (the white space after it excluded) and
** writes N into '*number' and M into '*sub' (0 with no 之M); 0 if s has no label. A label is
** not enough to start a provision: see tifa_text_provisions. */
TIFA_API size_t tifa_provision_label (const char *s, size_t len, long *number, int *sub);

/* The length in bytes of a 项 marker at the start of s[0..len): （一） to （九十九）, or with
** ASCII parentheses; 0 if there is none. */
TIFA_API size_t tifa_provision_item_label (const char *s, size_t len);

/* The level of the heading s[0..len): 1 for 第N编, 2 for 第N分编, 3 for 第N章, 4 for 第N节
** (white space may follow the label), 0 for any other text. */
TIFA_API int tifa_section_level (const char *s, size_t len);

/* A paragraph of a text given to tifa_text_provisions: s[byte .. byte+nbyte), trimmed. */
typedef struct tifa_para {
  size_t byte, nbyte;
  int heading;              /* 1: a heading (a section), 0: body text */
} tifa_para;

#define TIFA_SECTION_DEPTH  4   /* 编, 分编, 章, 节 */

/* One provision (条). */
typedef struct tifa_provision {
  long number;              /* N of 第N条 */
  int sub;                  /* M of 第N条之M, 0 if none */
  size_t label;             /* bytes of the label at the start of paragraph 'first' */
  size_t first, last;       /* its paragraphs, 0-based indices into the caller's array */
  size_t clauses;           /* its 款: the paragraphs that do not start with a 项 marker */
  size_t section[TIFA_SECTION_DEPTH]; /* the headings it is in (paragraph indices), outermost first */
  int nsection;             /* how many of 'section' are used */
} tifa_provision;

/* Find the provisions of the text s whose paragraphs, in order, are paras[0..n) (valid
** UTF-8). A body paragraph starts a provision when it starts with a label
** (tifa_provision_label) followed by white space or nothing, or by text that is not how a
** citation of a provision goes on (的 规定 第 、 ， 。 and so on: 第十二条规定的期限… is a
** reference), or when its number is the next one in order (1 first, then N+1, or N with
** M+1: 第十条之一 after 第十条), whatever follows: the texts are often stored with the space
** after the label removed, and a provision may begin 规定… or 第二审…. Headings close the
** sections of their level and below, and the provision before them. Writes the provisions
** into out[0..cap) in order and returns their number, at most n; if that is more than cap,
** only the first cap are written. No allocation. */
TIFA_API size_t tifa_text_provisions (const char *s, const tifa_para *paras, size_t n,
                                      tifa_provision *out, size_t cap);

/* The 项 of a provision whose text is s[0..len) (from its label to the end of its last
** paragraph): the items of tifa_text_enumerations of style TIFA_ENUM_PAREN, with the same
** result, order and sizing rules (call with cap == 0 to size). */
TIFA_API size_t tifa_provision_items (const char *s, size_t len, tifa_enum_item *items,
                                      size_t cap);

/* }====== */

/* {====== Counter ====== */

/* A counter of strings (a hash table with its keys in its own memory). */
typedef struct tifa_freq tifa_freq;

/* One counted string; 'word' is NUL-terminated and owned by the counter. */
typedef struct tifa_freq_entry {
  const char *word;
  size_t len;
  int64_t count;
} tifa_freq_entry;

/* Create an empty counter. Returns TIFA_OK and '*out', or TIFA_NOMEM and '*out' NULL. */
TIFA_API int tifa_freq_new (tifa_freq **out);
TIFA_API void tifa_freq_free (tifa_freq *f);             /* NULL is a harmless no-op */

/* Add 'n' (may be negative) to the count of w[0..len) (any bytes). Returns TIFA_OK or
** TIFA_NOMEM (the counter is then unchanged). */
TIFA_API int tifa_freq_add (tifa_freq *f, const char *w, size_t len, int64_t n);

/* The count of w[0..len); 0 if it was never added. */
TIFA_API int64_t tifa_freq_get (const tifa_freq *f, const char *w, size_t len);

/* Number of distinct strings added. */
TIFA_API size_t tifa_freq_size (const tifa_freq *f);

/* All entries, sorted by count descending, then by string ascending (byte order, which for
** UTF-8 is code point order), into '*out' and their number into '*n'. The array is owned by
** 'f' and valid until the next tifa_freq_add or tifa_freq_free. Returns TIFA_OK or
** TIFA_NOMEM. */
TIFA_API int tifa_freq_sorted (tifa_freq *f, const tifa_freq_entry **out, size_t *n);

/* Counting a text directly: no string is made per token, each token is looked up (and, if
** new, copied) straight from 's'. Both functions add to what 'f' already holds, so a
** corpus is counted text by text into one counter. 's[0..len)' must be valid UTF-8:
** otherwise they return TIFA_ENCODING and count nothing. 'stop' (may be NULL: no
** stopwords) is a set of strings not to count: a token is dropped when its count in 'stop'
** is not 0. The test is on the whole token, as tifa_freq_get(stop, token) would do it: a
** word n-gram "高质量 发展" is dropped only if that string is in 'stop', never because one
** of its words is. Returns TIFA_OK; TIFA_ERROR when n == 0 (nothing counted); TIFA_ENCODING;
** the segmenter's error (tifa_freq_add_words); or TIFA_NOMEM, when the tokens before the
** failure stay counted. Several threads may count at once into different counters ('stop'
** is only read), as long as none adds words to the default segmenter meanwhile. */

/* Count the words of s[0..len) as tifa_words cuts them with the default segmenter and no
** flags (white space is never a word; punctuation and symbols are words of their own).
** n == 1: every word, exactly the strings of tifa_words (tifa.text.words(s)), punctuation
** included. n >= 2: the word n-grams, n consecutive words joined by one space (U+0020),
** exactly those of tifa.text.ngrams(s, n, {unit = "word"}): no n-gram contains a word made
** only of punctuation (Unicode P*) or control characters, and white space between words
** does not break them (the segmenter drops it, so "高质量 发展" and "高质量发展" may give
** the same bigram). The words of an n-gram are kept in a ring of n entries, allocated and
** freed by the call. */
TIFA_API int tifa_freq_add_words (tifa_freq *f, const char *s, size_t len, size_t n,
                                  const tifa_freq *stop);

/* Count the character n-grams of s[0..len): every n consecutive code points of which
** none is punctuation (Unicode P*), white space (ASCII white space, U+3000, NBSP and the
** other Zs, line ends) or a control character, as the strings of s they span: exactly
** those of tifa.text.ngrams(s, n). Symbols, digits and Latin letters do not break:
** "AI+制造" gives "AI", "I+", "+制", "制造". n == 1 counts the characters but for those that
** break. No allocation but the counter's. */
TIFA_API int tifa_freq_add_chars (tifa_freq *f, const char *s, size_t len, size_t n,
                                  const tifa_freq *stop);

/* }====== */

/* {====== Stopwords ====== */

/* The names of the built-in stopword lists, NULL-terminated, static: "function" (function
** words: 的 了 和 是 ...), "punct" (punctuation, Chinese and ASCII), "filler" (the political
** filler of formulations: 坚持 推进 加强 深化 ...). */
TIFA_API const char *const *tifa_stopword_lists (void);

/* The words of the built-in list 'name', a static NULL-terminated array; NULL if there is
** no such list. */
TIFA_API const char *const *tifa_stopwords (const char *name);

/* }====== */

#endif
