/*
** test_prims.c -- unit test of the UTF-8 primitives of tifa_text.h: graphemes, display width,
** truncation by width, categories and predicates, case, normalization and OpenCC conversion,
** on sentences of the sample corpus and edge cases; then, over every line of the seed pages
** ($TIFA_SEEDS), the invariants of width and truncation.
*/
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "check.h"
#include "tifa_text.h"

/* seed 000, 004 and 003 */
#define S_BASIS   "发展是解决我国一切问题的基础和关键。"
#define S_DATE    "习近平 10 月 12 日下午"
#define S_SOURCE  "信息来源: 《内蒙古日报》"
#define S_QUOTE   "明确提出“必须把坚持高质量发展作为新时代的硬道理”。"

#define E_ACUTE   "e\xcc\x81"                                     /* e + U+0301 */
#define FAMILY    "\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x91\xa7"
#define FLAG_CN   "\xf0\x9f\x87\xa8\xf0\x9f\x87\xb3"
#define HEART     "\xe2\x9d\xa4\xef\xb8\x8f"                       /* U+2764 U+FE0F */

static size_t width (const char *s) { return tifa_text_width(s, strlen(s)); }
static size_t grapheme (const char *s) { return tifa_text_grapheme(s, strlen(s)); }

/* The prefix that tifa_text_truncate keeps, and its width in '*used'. */
static const char *cut (const char *s, size_t w, size_t *used) {
  static char out[256];
  size_t n = tifa_text_truncate(s, strlen(s), w, used);
  memcpy(out, s, n);
  out[n] = '\0';
  return out;
}

static void test_graphemes (void) {
  checkint(grapheme(""), 0);
  checkint(grapheme("abc"), 1);
  checkint(grapheme(S_BASIS), 3);
  checkint(grapheme(E_ACUTE "x"), 3);
  checkint(grapheme(FAMILY "!"), 18);
  checkint(grapheme(FLAG_CN FLAG_CN), 8);               /* two flags: pairs, not all four */
  checkint(grapheme(HEART), 6);
  checkint(grapheme("\r\nx"), 2);
  checkint(grapheme("\xe4\xb8"), 1);                    /* truncated: one byte, to progress */
}

static void test_width (void) {
  size_t used;
  checkint(width(""), 0);
  checkint(width("APEC 5G"), 7);
  checkint(width(S_BASIS), 36);
  checkint(width(S_DATE), 22);                          /* 7 Han, 4 digits, 4 spaces */
  checkint(width(S_SOURCE), 24);                        /* 《》 are wide, ':' is not */
  checkint(width(S_QUOTE), 50);                         /* 24 wide, “ ” are ambiguous: 1 */
  checkint(width(E_ACUTE), 1);
  checkint(width(FAMILY), 2);
  checkint(width(FLAG_CN), 2);
  checkint(width(HEART), 2);
  checkint(width("\xe3\x80\x80"), 2);                   /* U+3000 */
  checkint(width("a\tb\n"), 2);
  checkint(width("\xe2\x80\x8b"), 0);                   /* U+200B */
  checkstr(cut(S_BASIS, 10, &used), "发展是解决");
  checkint(used, 10);
  checkstr(cut(S_BASIS, 9, &used), "发展是解");           /* never half a character */
  checkint(used, 8);
  checkstr(cut(S_BASIS, 0, &used), "");
  checkint(used, 0);
  checkstr(cut(S_BASIS, 100, &used), S_BASIS);
  checkint(used, 36);
  checkstr(cut(S_DATE, 9, &used), "习近平 10");
  checkint(used, 9);
  checkstr(cut("a" E_ACUTE "b", 2, &used), "a" E_ACUTE);  /* the mark goes with its letter */
  checkstr(cut(FAMILY FAMILY, 3, &used), FAMILY);
  checkint(used, 2);
  checkint(tifa_text_truncate(S_BASIS, strlen(S_BASIS), 4, NULL), 6);
}

static void test_classes (void) {
  checkstr(tifa_text_category(0x53D1), "Lo");           /* 发 */
  checkstr(tifa_text_category(0x3002), "Po");           /* 。 */
  checkstr(tifa_text_category(0x300A), "Ps");           /* 《 */
  checkstr(tifa_text_category(0x300B), "Pe");           /* 》 */
  checkstr(tifa_text_category(0x201C), "Pi");
  checkstr(tifa_text_category(0x201D), "Pf");
  checkstr(tifa_text_category('A'), "Lu");
  checkstr(tifa_text_category('5'), "Nd");
  checkstr(tifa_text_category(0x3007), "Nl");           /* 〇 */
  checkstr(tifa_text_category(0x3000), "Zs");
  checkstr(tifa_text_category(0x0301), "Mn");
  checkstr(tifa_text_category(0xFFE5), "Sc");           /* ￥ */
  checkstr(tifa_text_category('\n'), "Cc");
  checkstr(tifa_text_category(0x0378), "Cn");           /* unassigned */
  checkstr(tifa_text_category(0x110000), "Cn");
  checkstr(tifa_text_category(-1), "Cn");
  check(tifa_text_is_han(0x4E2D) && tifa_text_is_han(0x3007) && tifa_text_is_han(0x20000));
  check(!tifa_text_is_han('A') && !tifa_text_is_han(0x3002) && !tifa_text_is_han(0x3042));
  check(tifa_text_is_punct(',') && tifa_text_is_punct(0x3001) && tifa_text_is_punct(0x2014));
  check(!tifa_text_is_punct('$') && !tifa_text_is_punct(0xFF0B) && !tifa_text_is_punct(0x3000));
  check(tifa_text_is_cjk_punct(0xFF0C) && tifa_text_is_cjk_punct(0x3014)   /* ， 〔 */
        && tifa_text_is_cjk_punct(0x2026) && tifa_text_is_cjk_punct(0x201C)
        && tifa_text_is_cjk_punct(0xB7) && tifa_text_is_cjk_punct(0xFE41));
  check(!tifa_text_is_cjk_punct(',') && !tifa_text_is_cjk_punct('.')
        && !tifa_text_is_cjk_punct(0x22EF) && !tifa_text_is_cjk_punct(0xFF04)  /* ⋯ ＄ */
        && !tifa_text_is_cjk_punct(0x3000) && !tifa_text_is_cjk_punct(0x4E2D));
}

/* Check one transformation's result and its length (read after the call: '*n'). */
static void checkmap (char *got, const size_t *n, const char *want) {
  checkstr(got, want);
  if (got) checkint(*n, strlen(want));
  tifa_free(got);
}

static void test_case_norm (void) {
  static const char s[] = "要统筹抓好沿江产业布局 and 转移";              /* seed 004 */
  size_t n;
  checkmap(tifa_text_case(s, strlen(s), TIFA_CASE_UPPER, &n), &n, "要统筹抓好沿江产业布局 AND 转移");
  checkmap(tifa_text_case("APEC", 4, TIFA_CASE_LOWER, &n), &n, "apec");
  checkmap(tifa_text_case("Straße ΣΑ", strlen("Straße ΣΑ"), TIFA_CASE_UPPER, &n), &n,
           "STRAẞE ΣΑ");
  checkmap(tifa_text_case("Straße ΣΑ", strlen("Straße ΣΑ"), TIFA_CASE_LOWER, &n), &n,
           "straße σα");
  checkmap(tifa_text_case("Straße ΣΑ", strlen("Straße ΣΑ"), TIFA_CASE_FOLD, &n), &n,
           "strasse σα");
  checkmap(tifa_text_case("ｇ２０", strlen("ｇ２０"), TIFA_CASE_UPPER, &n), &n, "Ｇ２０");
  checkmap(tifa_text_case("", 0, TIFA_CASE_FOLD, &n), &n, "");
  check(tifa_text_case("\xff", 1, TIFA_CASE_UPPER, &n) == NULL && n == 0);
  checkmap(tifa_text_normalize(E_ACUTE, 3, TIFA_NORM_NFC, &n), &n, "\xc3\xa9");
  checkmap(tifa_text_normalize("\xc3\xa9", 2, TIFA_NORM_NFD, &n), &n, E_ACUTE);
  checkmap(tifa_text_normalize("Ｇ２０，①", strlen("Ｇ２０，①"), TIFA_NORM_NFKC, &n), &n, "G20,1");
  checkmap(tifa_text_normalize("Ｇ２０，①", strlen("Ｇ２０，①"), TIFA_NORM_NFC, &n), &n, "Ｇ２０，①");
  checkmap(tifa_text_normalize("\xc3\xa9①", 5, TIFA_NORM_NFKD, &n), &n, E_ACUTE "1");
  checkmap(tifa_text_normalize(" " S_DATE "\xe2\x80\x8b", strlen(S_DATE) + 4, TIFA_NORM_FOLD, &n),
           &n, "习近平10月12日下午");
  checkmap(tifa_text_normalize(S_BASIS, strlen(S_BASIS), TIFA_NORM_NFKC, &n), &n, S_BASIS);
  check(tifa_text_normalize("a\xe4\xb8", 3, TIFA_NORM_NFC, &n) == NULL);
}

static void test_convert (void) {
  static const char trad[] = "發展是解決我國一切問題的基礎和關鍵。";
  char err[TIFA_ERRMAX], *r;
  size_t n;
  err[0] = '\0';
  r = tifa_text_convert(S_BASIS, strlen(S_BASIS), TIFA_CONVERT_TRADITIONAL, &n, err, sizeof(err));
  if (r == NULL) fprintf(stderr, "conversion failed: %s\n", err);
  checkmap(r, &n, trad);
  checkmap(tifa_text_convert(trad, strlen(trad), TIFA_CONVERT_SIMPLIFIED, &n, err, sizeof(err)),
           &n, S_BASIS);
  /* phrase by phrase: 发 is 發 in 发展 but 髮 in 头发 */
  checkmap(tifa_text_convert("头发", 6, TIFA_CONVERT_TRADITIONAL, &n, err, sizeof(err)), &n, "頭髮");
  checkmap(tifa_text_convert("憂鬱 APEC", 11, TIFA_CONVERT_SIMPLIFIED, &n, err, sizeof(err)), &n,
           "忧郁 APEC");
  checkmap(tifa_text_convert("", 0, TIFA_CONVERT_SIMPLIFIED, &n, err, sizeof(err)), &n, "");
  /* NUL bytes stay, and the length bounds the input (no NUL after "发展" here) */
  r = tifa_text_convert("发\0展是", 7, TIFA_CONVERT_TRADITIONAL, &n, err, sizeof(err));
  check(r != NULL && n == 7 && memcmp(r, "發\0展", 7) == 0);
  tifa_free(r);
  check(tifa_text_convert("发\xff", 4, TIFA_CONVERT_SIMPLIFIED, &n, err, sizeof(err)) == NULL);
  checkstr(err, "invalid UTF-8 at byte 4");
}

/* {====== Invariants over the seed pages ====== */

/* For every line and every width up to the line's: the kept prefix is at most that wide,
** at most one column narrower (clusters are 0 to 2 wide), ends on a cluster boundary, and
** its width is what tifa_text_width says. */
static void checkline (const char *s, size_t len) {
  size_t total = tifa_text_width(s, len), w, sum = 0, i;
  for (i = 0; i < len; ) {
    size_t k = tifa_text_grapheme(s + i, len - i);
    sum += tifa_text_width(s + i, k);
    i += k;
  }
  checkint(sum, total);
  for (w = 0; w <= total; w += 1 + w / 8) {
    size_t used, k = tifa_text_truncate(s, len, w, &used), j = 0;
    check(used <= w && used + 1 >= w);
    checkint(tifa_text_width(s, k), used);
    while (j < k) j += tifa_text_grapheme(s + j, len - j);
    checkint(j, k);
  }
  checkint(tifa_text_truncate(s, len, total, NULL), len);
}

static int test_seeds (void) {
  const char *dir = getenv("TIFA_SEEDS");
  DIR *d = dir ? opendir(dir) : NULL;
  struct dirent *e;
  int lines = 0;
  static char buf[1 << 16];
  if (d == NULL) { fprintf(stderr, "TIFA_SEEDS not set or not a folder\n"); check(0); return 0; }
  while ((e = readdir(d)) != NULL) {
    char path[4096];
    FILE *f;
    if (e->d_name[0] == '.') continue;
    snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
    if ((f = fopen(path, "r")) == NULL) continue;
    while (fgets(buf, sizeof(buf), f) != NULL) {
      size_t len = strcspn(buf, "\r\n");
      check(tifa_utf8_valid(buf, len, NULL));
      checkline(buf, len);
      lines++;
    }
    fclose(f);
  }
  closedir(d);
  return lines;
}

/* }====== */

int main (void) {
  int lines;
  test_graphemes();
  test_width();
  test_classes();
  test_case_norm();
  test_convert();
  lines = test_seeds();
  check(lines > 300);
  return check_done("test_prims");
}
