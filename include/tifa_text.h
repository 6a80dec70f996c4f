/*
** tifa_text.h -- Chinese text utilities of tifa, in C, on utf8proc: UTF-8 checks,
** encoding detection and decoding (UTF-8, UTF-16 with BOM, GB18030/GBK) with byte offsets
** into the raw input, the normalization ("folding") applied to text at ingest, sentences,
** graphemes and display width, categories, case, normalization forms, and simplified and
** traditional Chinese (OpenCC).
** Nothing here includes lua.h. Offsets named 'byte' count bytes of the raw input; offsets
** named 'char' count Unicode code points.
*/
#ifndef TIFA_TEXT_H
#define TIFA_TEXT_H

#include <stddef.h>
#include <stdint.h>
#include "tifa.h"

/* {====== UTF-8 ====== */

/* Return 1 if s[0..len) is valid UTF-8 (shortest form, no surrogates, at most U+10FFFF).
** Otherwise return 0 and, if 'bad' is not NULL, store the byte offset of the first invalid
** or truncated sequence in '*bad'. */
TIFA_API int tifa_utf8_valid (const char *s, size_t len, size_t *bad);

/* Number of code points in the valid UTF-8 string s[0..len). */
TIFA_API size_t tifa_utf8_len (const char *s, size_t len);

/* Decode the code point at s[0..len): store it in '*cp' and return its length in bytes
** (1 to 4), or return -1 for an invalid or truncated sequence. */
TIFA_API int tifa_utf8_decode (const char *s, size_t len, int32_t *cp);

/* }====== */

/* {====== Encodings ====== */

#define TIFA_ENC_UTF8       1       /* UTF-8 without BOM (also: pure ASCII, empty) */
#define TIFA_ENC_UTF8_BOM   2       /* UTF-8 with a BOM (EF BB BF) */
#define TIFA_ENC_UTF16LE    3       /* UTF-16 little-endian, BOM FF FE */
#define TIFA_ENC_UTF16BE    4       /* UTF-16 big-endian, BOM FE FF */
#define TIFA_ENC_GB18030    5       /* GB18030 (a superset of GBK and GB2312) */

/* Static name of an encoding: "UTF-8", "UTF-8-BOM", "UTF-16LE", "UTF-16BE", "GB18030";
** "unknown" for anything else. */
TIFA_API const char *tifa_encoding_name (int enc);

/* A streaming detector: feed it a file's bytes in chunks of any size, then finish.
** Memory use does not depend on the input size. */
typedef struct tifa_sniff tifa_sniff;

typedef struct tifa_sniff_result {
  int rc;               /* TIFA_OK (text), TIFA_BINARY or TIFA_ENCODING */
  int encoding;         /* TIFA_ENC_*, valid when rc == TIFA_OK */
  size_t bom;           /* bytes of byte-order mark to skip (0, 2 or 3) */
  uint64_t size;        /* bytes fed */
  uint64_t offset;      /* TIFA_ENCODING: byte offset of the first bad sequence;
                        ** TIFA_BINARY: byte offset of the first NUL byte */
  char reason[160];     /* for rc != TIFA_OK, e.g. "invalid UTF-8 at byte 1234" or
                        ** "binary file (NUL byte at byte 17)"; lowercase, no final period */
} tifa_sniff_result;

/* Create a detector. Returns TIFA_OK and '*out', or TIFA_NOMEM and sets '*out' to NULL. */
TIFA_API int tifa_sniff_new (tifa_sniff **out);
TIFA_API void tifa_sniff_feed (tifa_sniff *s, const void *p, size_t n);
/* Decide after the last chunk. Rules, in order: a UTF-16 BOM gives UTF-16 (an odd length or
** an unpaired surrogate is TIFA_ENCODING with its offset); a NUL byte otherwise makes the
** file binary; valid UTF-8 (with or without BOM) is UTF-8; UTF-8 that breaks after at least
** 4 valid multi-byte sequences is damaged UTF-8 (TIFA_ENCODING, "invalid UTF-8 at byte N");
** otherwise strictly valid GB18030 is GB18030; otherwise TIFA_ENCODING with the UTF-8
** offset ("invalid UTF-8 at byte N (nor GB18030)"). An empty input is UTF-8. */
TIFA_API int tifa_sniff_finish (tifa_sniff *s, tifa_sniff_result *r);
TIFA_API void tifa_sniff_free (tifa_sniff *s);   /* NULL is a no-op */

/* }====== */

/* {====== Decoding into lines ====== */

/* A streaming decoder that turns raw bytes in a known encoding into UTF-8 lines, each with
** its byte range in the raw input. Line ends are LF, CRLF or CR; the BOM is skipped. */
typedef struct tifa_lines tifa_lines;

/* Called once per line: 'line' is UTF-8 without its line end (not NUL-terminated; valid
** only during the call); [raw_start, raw_end) is the line's byte range in the raw input,
** line end excluded. A non-zero return stops decoding and is returned by feed/finish. */
typedef int (*tifa_line_fn) (void *ud, const char *line, size_t len,
                             uint64_t raw_start, uint64_t raw_end);

/* Create a decoder for 'encoding' (TIFA_ENC_*). Returns TIFA_OK and '*out', or an error
** code with a message in 'err' (at most 'errsz' bytes) and '*out' set to NULL. */
TIFA_API int tifa_lines_new (int encoding, tifa_lines **out, char *err, size_t errsz);
/* Decode the next chunk. Returns TIFA_OK, the callback's non-zero result, TIFA_NOMEM, or
** TIFA_ENCODING when the input is not valid in the encoding (see tifa_lines_errmsg). */
TIFA_API int tifa_lines_feed (tifa_lines *d, const void *p, size_t n, tifa_line_fn f, void *ud);
/* End of input: delivers a last line that has no line end, then checks that no partial
** sequence is left (TIFA_ENCODING "truncated ... at byte N" otherwise). */
TIFA_API int tifa_lines_finish (tifa_lines *d, tifa_line_fn f, void *ud);
/* Message of the last error ("invalid GB18030 at byte 1234"); "" if none. Owned by 'd'. */
TIFA_API const char *tifa_lines_errmsg (tifa_lines *d);
/* Byte offset of the last encoding error in the raw input. */
TIFA_API uint64_t tifa_lines_erroffset (tifa_lines *d);
TIFA_API void tifa_lines_free (tifa_lines *d);   /* NULL is a no-op */

/* }====== */

/* {====== Ingest folding ====== */

/* Fold the valid UTF-8 string s[0..len) as ingest does: NFC; full-width ASCII letters and
** digits (U+FF10-FF19, U+FF21-FF3A, U+FF41-FF5A) to half-width; zero-width characters
** (U+200B-U+200F, U+2060, U+FEFF, U+00AD) removed; leading and trailing white space of the
** string (space, tab, U+3000, NBSP, other Zs) removed; inner runs of white space become one
** ASCII space, and that space is dropped when it stands between two CJK characters (Han,
** CJK punctuation, full-width forms) or between a CJK character and a digit, either way
** ("10 月 12 日" -> "10月12日"); spaces between Latin words stay.
** Returns a new NUL-terminated string (free with tifa_free) and its length in '*outlen',
** or NULL if 's' is not valid UTF-8 or memory ran out. */
TIFA_API char *tifa_text_fold (const char *s, size_t len, size_t *outlen);

/* }====== */

/* {====== Sentences ====== */

/* The length in bytes of the first sentence of s[0..len), which must be valid UTF-8: at
** least one code point when len > 0, 0 when len == 0. The result always ends on a code
** point boundary, so a caller walks the text with
**   while (len > 0) { size_t n = tifa_text_sentence(s, len); ...; s += n; len -= n; }
** and the pieces, put back together, are the input exactly. O(len), no allocation, no state.
** A sentence ends after:
**  - a run of terminators: 。 ！ ？ ｡ ‼ ⁇ ⁈ ⁉ and the vertical and small forms ︒ ﹖ ﹗; the
**    ellipsis … or ⋯ (one or more: …… is one run); three or more dots in a row ("...",
**    "．．．"). Mixed runs stay together ("？！", "！！", "。。。"). ； ： ， and 、 are not
**    terminators. A terminator inside a quotation still ends the sentence (“……任务。”).
**  - the ASCII '!' and '?', but only when what follows the run is white space, a line end,
**    the end of input or a non-ASCII character ("真的吗?我" splits; "/?id=5" and "a!=b" do not).
**  - the ASCII full stop '.' (and the small form ﹒), but only when followed by white space,
**    a line end or the end of input: "5.2%", "www.gov.cn" and "v1.0版" do not split.
**  - the full-width full stop '．', when followed by white space, a line end, the end of input
**    or a non-ASCII character other than a full-width letter or digit: "第一句．第二句"
**    splits, "５．２％" does not.
**  - a line end: LF, CR, CR LF, U+2028, U+2029. The line end belongs to the sentence before
**    it; a sentence never holds a line end except in its trailing white space.
** A dot ('.' or '．', fewer than three) never ends a sentence that so far is only a number
** (digits, ASCII or full-width, and white space): the list numbers "1. " and "１．" stay
** with their item.
** Closing quotes and brackets (the Unicode categories Pe and Pf, such as ” ’ 」 』 ） 】 》
** 〉 〕 ］ ) ] }, plus " ' ＂ ＇) mixed into or right after a terminator run stay in the
** sentence: "。”）" and "……”。" are one run. Then the white space that follows (space, tab,
** U+3000, NBSP and the other Zs, and line ends) stays with the sentence too, but when that
** white space holds a line end and more text follows it, the sentence stops after the last
** line end, so the indent of the next paragraph ("　　") goes with the next sentence.
** Text without any of these is one sentence. Only the first piece can be all white space. */
TIFA_API size_t tifa_text_sentence (const char *s, size_t len);

/* }====== */

/* {====== Characters, graphemes and display width ======
** All take valid UTF-8 (check it first with tifa_utf8_valid); none allocates. */

/* The length in bytes of the first grapheme cluster (an extended grapheme cluster of Unicode
** UAX #29, as utf8proc_grapheme_break_stateful finds it) of s[0..len): a base character with
** its combining marks, an emoji ZWJ sequence, a flag, CR LF. At least one code point when
** len > 0, 0 when len == 0; walk a text as with tifa_text_sentence. (Given invalid UTF-8
** it returns 1 at a bad byte, so that such a walk still ends.) */
TIFA_API size_t tifa_text_grapheme (const char *s, size_t len);

/* The display width of s[0..len) in terminal columns: the sum over its grapheme clusters of
** the widest code point of each by utf8proc_charwidth. East Asian wide and full-width
** characters (Han, kana, hangul, CJK punctuation such as 。，、《》, full-width forms, U+3000),
** emoji, emoji ZWJ sequences (👨‍👩‍👧), flags (🇨🇳) and characters followed by U+FE0F (❤️) count 2;
** combining marks, zero-width characters and control characters (tab and
** line ends included) count 0; everything else, East Asian ambiguous characters such as
** “ ” … — among them, counts 1. */
TIFA_API size_t tifa_text_width (const char *s, size_t len);

/* The length in bytes of the longest prefix of s[0..len) made of whole grapheme clusters
** whose display width (see tifa_text_width) is at most 'width'; its width goes to '*used'
** if 'used' is not NULL. A cluster is never cut: a wide character that would need one more
** column than is left stays out, so the prefix may be one column narrower than 'width'. */
TIFA_API size_t tifa_text_truncate (const char *s, size_t len, size_t width, size_t *used);

/* The Unicode general category of code point 'cp' as a static two-letter name ("Lu", "Lo",
** "Mn", "Nd", "Po", "Ps", "Zs", "Cc", ...); "Cn" for unassigned code points and for values
** that are not code points. */
TIFA_API const char *tifa_text_category (int32_t cp);

/* 1 if 'cp' is a Han character (CJK unified ideographs and their extensions, compatibility
** ideographs, U+3007 〇), else 0. */
TIFA_API int tifa_text_is_han (int32_t cp);

/* 1 if 'cp' is punctuation (general category Pc, Pd, Ps, Pe, Pi, Pf or Po), else 0. */
TIFA_API int tifa_text_is_punct (int32_t cp);

/* 1 if 'cp' is punctuation (as tifa_text_is_punct) of Chinese text: in CJK Symbols and
** Punctuation (U+3000-303F: 。、「」《》【】〔〕...), the vertical, compatibility and small forms
** (U+FE10-FE6F) or the full-width forms (U+FF00-FFEF: ，！？：；（）...), or one of the general
** punctuation marks that Chinese text uses: · — ― ‘ ’ “ ” … ⸺ ⸻ (U+00B7, U+2014, U+2015,
** U+2018, U+2019, U+201C, U+201D, U+2026, U+2E3A, U+2E3B). ASCII punctuation is not. */
TIFA_API int tifa_text_is_cjk_punct (int32_t cp);

/* }====== */

/* {====== Case, normalization, simplified and traditional ======
** Each takes valid UTF-8 and returns a new NUL-terminated string (free with tifa_free) with
** its length in '*outlen', or NULL if 's' is not valid UTF-8 or memory ran out. */

#define TIFA_CASE_UPPER     1       /* simple upper-case mapping, one code point for one */
#define TIFA_CASE_LOWER     2       /* simple lower-case mapping, one code point for one */
#define TIFA_CASE_FOLD      3       /* full case folding, for caseless comparison (ß -> ss) */

/* Map the case of s[0..len) (TIFA_CASE_*); characters without case (Han) are unchanged.
** Upper and lower map one code point to one, as utf8proc_toupper and utf8proc_tolower do:
** ß becomes ẞ, Σ always σ. Folding is utf8proc's full case folding: Straße -> strasse. */
TIFA_API char *tifa_text_case (const char *s, size_t len, int how, size_t *outlen);

#define TIFA_NORM_NFC       1
#define TIFA_NORM_NFD       2
#define TIFA_NORM_NFKC      3
#define TIFA_NORM_NFKD      4
#define TIFA_NORM_FOLD      5       /* the folding of ingest: see tifa_text_fold */

/* Normalize s[0..len) to the Unicode form 'form' (TIFA_NORM_*). NFKC turns full-width
** letters, digits and punctuation into ASCII (Ｇ２０，-> G20,) and circled numbers into
** digits; NFC and NFD keep them. */
TIFA_API char *tifa_text_normalize (const char *s, size_t len, int form, size_t *outlen);

#define TIFA_CONVERT_SIMPLIFIED   1     /* traditional to simplified, OpenCC's t2s.json */
#define TIFA_CONVERT_TRADITIONAL  2     /* simplified to traditional, OpenCC's s2t.json */

/* Convert s[0..len) between simplified and traditional Chinese with OpenCC, phrase by
** phrase (憂鬱 -> 忧郁, 发展 -> 發展); other characters pass through. libopencc.so.1.1 is
** loaded on the first call (it is C++ and would slow every start of a program that links
** it) and one converter per direction is opened once and kept; conversions in the same
** direction take turns, so any thread may call this. On failure returns NULL and writes a
** message into 'err' (at most 'errsz' bytes): "cannot load libopencc.so.1.1 (...)", "cannot
** open OpenCC configuration 't2s.json' (...)", "invalid UTF-8 at byte N", or out of memory. */
TIFA_API char *tifa_text_convert (const char *s, size_t len, int to, size_t *outlen,
                                  char *err, size_t errsz);

/* }====== */

#endif
