/*
** test_sentence.c -- unit test of tifa_text_sentence: table cases ('|' marks where the pieces
** must end), a paragraph of the sample corpus ($TIFA_SEEDS) counted by hand, and random
** strings over an alphabet of the characters that matter, checked for the invariants (the
** pieces rebuild the input, end on code point boundaries, are sentences by themselves, and
** have the shape "body, terminators and closers, white space").
*/
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "check.h"
#include "tifa_text.h"

#define NRANDOM   20000             /* random strings */
#define MAXTOK    40                /* tokens per random string, at most */


/* Split s[0..len) and write the pieces joined by '|' into 'out' (room for 2 * len + 1).
** Returns the number of pieces. */
static int split (const char *s, size_t len, char *out) {
  int n = 0;
  while (len > 0) {
    size_t k = tifa_text_sentence(s, len);
    check(k > 0 && k <= len);
    if (k == 0 || k > len) break;
    if (n++ > 0) *out++ = '|';
    memcpy(out, s, k);
    out += k; s += k; len -= k;
  }
  *out = '\0';
  return n;
}

/* {====== Table cases ====== */

/* Each case is the expected split: the input is the string without its '|'s. */
static const char *const cases[] = {
  /* Chinese terminators; mixed runs stay together; ； ： ， are no terminators */
  "发展是基础。|我们要发展！|为什么？|好。",
  "真的吗？！|是的！！|对。。。|好",
  "第一，坚持；第二，发展：全面推进。|完",
  /* the ellipsis, one or more */
  "他说……|然后走了。",
  "等等…|下一句。",
  "等等⋯⋯|下一句。",
  /* a terminator inside quotes ends the sentence; closing quotes and brackets stay */
  "习近平总书记强调：“高质量发展是全面建设社会主义现代化国家的首要任务。”|这是引文。",
  "他说：“我们要……”。|然后。",
  "（详见附件。）|下一句。",
  "（他说：“好。”）|然后。",
  "《通知》。|【完】。|他说‘好。’|然后。",
  "「引用。」|『再引用！』|〔注。〕〉|完",
  /* ASCII and mixed text */
  "Hello world. |This is it! |Really? |Yes.",
  "He said \"stop.\" |Then he left.",
  "Wait...|what? |Well... |ok.",
  "In 2023. |Then.",
  "GDP增长5.2%。|CPI上涨0.2%。",
  "圆周率约为3.14",
  "请访问www.gov.cn查询。|See www.gov.cn. |Thanks.",
  "v1.0版发布。|完",
  "见https://www.gov.cn/zhengce/?id=5&t=1。|完。",
  "如果a!=b则返回。|否则继续。",
  "真的吗?|我不信!|好.",
  /* the full-width full stop */
  "增长５．２％．|下一句． |完．",
  "第一句．|第二句．”|完",
  "．．．|完",
  /* list numbers stay with their item */
  "1. 总体要求\n|2. 主要任务\n|１．基本原则。|1.2. 小节",
  /* trailing white space stays with the sentence */
  "第一句。  |第二句。\xE3\x80\x80|第三句。\t|第四句。\xC2\xA0|第五句。 ",
  "\xE3\x80\x80\xE3\x80\x80第一段。|第二句。",
  /* line ends: the line end and what follows it up to the last one stay; the indent goes on */
  "标题\n|正文第一句。|第二句\n|第三句",
  "标题  \n|正文",
  "第一段。\n|\xE3\x80\x80\xE3\x80\x80第二段。\n\n|\xE3\x80\x80\xE3\x80\x80第三段",
  "a。\r\n|b\r\n|c\r|d",
  "第一行\xE2\x80\xA8|第二行\xE2\x80\xA9|第三行",
  "完。\n\n  ",
  "\n\n|正文",
  "   ",
  /* no terminator at all: one sentence */
  "没有终止符的一段文字，也是一个句子",
  "x",
  "😀",
};

static void test_table (void) {
  char in[512], got[1024];
  size_t i;
  check(tifa_text_sentence("", 0) == 0);
  check(tifa_text_sentence("。", 0) == 0);             /* len, not the NUL, bounds the text */
  checkint(tifa_text_sentence("a.b", 2), 2);           /* no look past 'len' */
  checkint(tifa_text_sentence("好。”", 3), 3);
  checkint(split("", 0, got), 0);
  for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
    const char *c = cases[i];
    size_t n = 0, bars = 0;
    for (; *c; c++) {
      if (*c == '|') bars++;
      else in[n++] = *c;
    }
    check(n < sizeof(in));
    if (n >= sizeof(in)) n = sizeof(in) - 1;
    in[n] = '\0';
    checkint(split(in, n, got), bars + 1);
    checkstr(got, cases[i]);
  }
}

/* }====== */

/* {====== A paragraph of the sample corpus ====== */

/* Line 7 of seed 000: seven sentences by hand, two of them ending inside quotes (。”) and one
** after a closing quote (”。); the line end goes with the last. */
static void test_seed (void) {
  static const char *const tails[] = {
    "发展是解决我国一切问题的基础和关键。",
    "怎样实现发展这个重大问题。”",
    "科学回答这个重大问题。",
    "作为新时代的硬道理”。",
    "具有重大而深远的意义。",
    "统筹好发展和安全。”",
    "更见神采、更显底气。\n",
  };
  const char *dir = getenv("TIFA_SEEDS");
  char path[1024];
  char *text = NULL;
  const char *s;
  size_t len = 0, n;
  int line, k;
  long size;
  FILE *f;
  snprintf(path, sizeof(path), "%s/000_5f02c2555ca2acf2.txt", dir ? dir : "host/corpus/seeds");
  f = fopen(path, "rb");
  if (f == NULL) { fprintf(stderr, "cannot open '%s'\n", path); check(f != NULL); return; }
  if (fseek(f, 0, SEEK_END) == 0 && (size = ftell(f)) > 0 && fseek(f, 0, SEEK_SET) == 0) {
    text = (char *)malloc((size_t)size);
    if (text != NULL && fread(text, 1, (size_t)size, f) == (size_t)size) len = (size_t)size;
  }
  fclose(f);
  check(len > 0);
  s = text;
  for (line = 1; line < 7 && s != NULL; line++) {          /* to the start of line 7 */
    s = (const char *)memchr(s, '\n', len - (size_t)(s - text));
    if (s != NULL) s++;
  }
  check(s != NULL);
  if (s == NULL) { free(text); return; }
  {
    const char *nl = (const char *)memchr(s, '\n', len - (size_t)(s - text));
    len = nl ? (size_t)(nl + 1 - s) : len - (size_t)(s - text);   /* with its line end */
  }
  for (k = 0; len > 0; k++) {
    n = tifa_text_sentence(s, len);
    check(n > 0 && n <= len);
    if (n == 0 || n > len) break;
    if (k < 7) {
      size_t t = strlen(tails[k]);
      check(n >= t && memcmp(s + n - t, tails[k], t) == 0);
      if (n < t || memcmp(s + n - t, tails[k], t) != 0)
        fprintf(stderr, "  sentence %d: %.*s\n", k + 1, (int)n, s);
    }
    s += n; len -= n;
  }
  checkint(k, 7);
  free(text);
}

/* }====== */

/* {====== Random strings ====== */

enum { T_TEXT, T_SPACE, T_NL, T_CLOSE, T_DOT, T_BANG, T_STOP };

static const struct { const char *s; int cls; } alpha[] = {
  {"。", T_STOP}, {"！", T_STOP}, {"？", T_STOP}, {"…", T_STOP},
  {"!", T_BANG}, {"?", T_BANG}, {".", T_DOT}, {"．", T_DOT},
  {"”", T_CLOSE}, {"’", T_CLOSE}, {"）", T_CLOSE}, {")", T_CLOSE}, {"\"", T_CLOSE},
  {"'", T_CLOSE}, {"」", T_CLOSE}, {"》", T_CLOSE},
  {" ", T_SPACE}, {"\t", T_SPACE}, {"\xE3\x80\x80", T_SPACE}, {"\xC2\xA0", T_SPACE},
  {"\n", T_NL}, {"\r", T_NL}, {"\xE2\x80\xA8", T_NL},
  {"中", T_TEXT}, {"文", T_TEXT}, {"a", T_TEXT}, {"Z", T_TEXT}, {"5", T_TEXT}, {"５", T_TEXT},
  {"“", T_TEXT}, {"（", T_TEXT}, {"；", T_TEXT}, {"é", T_TEXT}, {"😀", T_TEXT}, {"%", T_TEXT},
};
#define NALPHA  (sizeof(alpha) / sizeof(alpha[0]))

static int isterm (int cls) { return cls >= T_CLOSE; }    /* terminator or closer */
static int isws (int cls) { return cls == T_SPACE || cls == T_NL; }

/* Check the pieces of one string of 'ntok' tokens 'tok' (indices into 'alpha'), laid out in
** s[0..len) with token t starting at byte 'at[t]' (at[ntok] == len). */
static void checkpieces (const char *s, size_t len, const int *tok, const size_t *at, int ntok) {
  char *rebuilt = (char *)malloc(len + 1);
  size_t pos = 0;
  int t = 0, npiece = 0, prevlast = -1;                     /* class of the last token before */
  check(rebuilt != NULL);
  if (rebuilt == NULL) return;
  while (pos < len) {
    size_t n = tifa_text_sentence(s + pos, len - pos);
    int first = t, state = 0, hasnl = 0, solid = 0, lastsolid = -1;
    check(n > 0 && n <= len - pos);
    if (n == 0 || n > len - pos) break;
    while (t < ntok && at[t] < pos + n) t++;
    check(at[t] == pos + n);                                /* on a token (code point) boundary */
    if (at[t] != pos + n) break;
    check(tifa_text_sentence(s + pos, n) == n);             /* a sentence by itself */
    memcpy(rebuilt + pos, s + pos, n);
    if (npiece > 0) {                                       /* the previous end was maximal */
      int c0 = alpha[tok[first]].cls;
      check(c0 != T_NL);
      if (prevlast == T_SPACE) check(c0 != T_SPACE);
      if (isterm(prevlast)) check(!isterm(c0) && c0 != T_SPACE);
    }
    for (; first < t; first++) {        /* shape: body, then after 。 or a line end only
                                        ** terminators and closers, then only white space */
      int c = alpha[tok[first]].cls;
      if (c == T_NL) hasnl = 1;
      if (!isws(c)) { solid = 1; lastsolid = c; }
      if (state == 0 && c == T_STOP) state = 1;
      else if (state == 1 && !isterm(c)) { check(isws(c)); state = 2; }
      else if (state == 2) check(isws(c));
      if (state == 0 && c == T_NL) state = 2;
    }
    if (npiece > 0) check(solid);       /* only the first piece can be all white space */
    if (pos + n < len) check(hasnl || isterm(lastsolid));   /* ended by something */
    prevlast = alpha[tok[t - 1]].cls;
    pos += n;
    npiece++;
  }
  checkint(pos, len);
  check(memcmp(rebuilt, s, len) == 0);
  free(rebuilt);
}

static void test_random (void) {
  int r;
  for (r = 0; r < NRANDOM; r++) {
    int tok[MAXTOK], ntok = (int)(check_rnd() % (MAXTOK + 1)), t;
    size_t at[MAXTOK + 1], len = 0;
    char *s;
    for (t = 0; t < ntok; t++) {
      tok[t] = (int)(check_rnd() % NALPHA);
      at[t] = len;
      len += strlen(alpha[tok[t]].s);
    }
    at[ntok] = len;
    s = (char *)malloc(len > 0 ? len : 1);                  /* exact size: ASan sees overreads */
    check(s != NULL);
    if (s == NULL) return;
    for (t = 0; t < ntok; t++) memcpy(s + at[t], alpha[tok[t]].s, at[t + 1] - at[t]);
    checkpieces(s, len, tok, at, ntok);
    free(s);
  }
}

/* }====== */

int main (void) {
  test_table();
  test_seed();
  test_random();
  return check_done("sentence");
}
