/*
** test_words.c -- unit test of the word segmenter (tifa_words.h): exact segmentations with
** tags and offsets of sentences from the sample corpus; segmenters of their own (user words,
** the built-in dictionary off, user dictionaries from files in $TIFA_DATA/words, sizes);
** errors; the callback's stop; a line of 1 MB; and the invariants (the words and the white
** space between them rebuild the text, offsets agree, search mode adds only words inside the
** accurate ones) over every line of the sample corpus ($TIFA_SEEDS) and random strings.
*/
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "check.h"
#include "tifa_words.h"

#define NRANDOM   3000              /* random strings */
#define MAXTOK    30                /* tokens per random string, at most */
#define BIG       (1024 * 1024)     /* bytes of the long line, at least */

/* {====== helpers ====== */

typedef struct Words {
  tifa_word *w;
  size_t n, cap;
  int stopat, stopwith;             /* stop at call 'stopat' (1-based) returning 'stopwith' */
} Words;

static int collect (void *ud, const char *s, const tifa_word *w) {
  Words *ws = ud;
  (void)s;
  if (ws->n == ws->cap) {
    size_t cap = ws->cap ? 2 * ws->cap : 64;
    tifa_word *p = realloc(ws->w, cap * sizeof *p);
    if (p == NULL) return -1;
    ws->w = p;
    ws->cap = cap;
  }
  ws->w[ws->n++] = *w;
  return (ws->stopat > 0 && (int)ws->n == ws->stopat) ? ws->stopwith : 0;
}

static void wsfree (Words *ws) {
  free(ws->w);
  memset(ws, 0, sizeof *ws);
}

/* Segment s into 'ws' (emptied first); returns tifa_words's result. */
static int seg (const tifa_segmenter *g, const char *s, size_t len, int flags, Words *ws) {
  ws->n = 0;
  return tifa_words(g, s, len, flags, collect, ws);
}

/* The words of s joined by ' ', each followed by "/tag" if 'tags'; a static buffer. */
static const char *segstr (const tifa_segmenter *g, const char *s, int flags, int tags) {
  static char out[8192];
  Words ws = {0};
  size_t at = 0, i;
  int rc = seg(g, s, strlen(s), flags, &ws);
  out[0] = '\0';
  if (rc != TIFA_OK) snprintf(out, sizeof out, "(error %d)", rc);
  for (i = 0; rc == TIFA_OK && i < ws.n; i++) {
    const tifa_word *w = &ws.w[i];
    int k = snprintf(out + at, sizeof out - at, "%s%.*s%s%s", i ? " " : "", (int)w->nbyte,
                     s + w->byte, tags ? "/" : "", tags ? w->tag : "");
    if (k < 0 || (size_t)k >= sizeof out - at) break;
    at += (size_t)k;
  }
  wsfree(&ws);
  return out;
}

/* Decode the code point at s[0..len) (valid UTF-8): its length in bytes, the value in *cp. */
static int decode (const char *s, size_t len, int32_t *cp) {
  const unsigned char *u = (const unsigned char *)s;
  int n = u[0] < 0x80 ? 1 : u[0] < 0xE0 ? 2 : u[0] < 0xF0 ? 3 : 4, k;
  int32_t c = n == 1 ? u[0] : u[0] & (0x3F >> (n - 1));
  if ((size_t)n > len) n = (int)len;
  for (k = 1; k < n; k++) c = (c << 6) | (u[k] & 0x3F);
  *cp = c;
  return n;
}

/* White space as the segmenter drops it: ASCII and Unicode's Zs */
static int isspacecp (int32_t c) {
  return c == ' ' || (c >= '\t' && c <= '\r') || c == 0xA0 || c == 0x1680
         || (c >= 0x2000 && c <= 0x200A) || c == 0x202F || c == 0x205F || c == 0x3000;
}

static size_t ncp (const char *s, size_t len) {
  size_t i = 0, n = 0;
  int32_t c;
  while (i < len) { i += (size_t)decode(s + i, len - i, &c); n++; }
  return n;
}

/* Check that s[a..b) is white space only */
static int allspace (const char *s, size_t a, size_t b) {
  int32_t c;
  while (a < b) {
    a += (size_t)decode(s + a, b - a, &c);
    if (!isspacecp(c)) return 0;
  }
  return 1;
}

/* The invariants of a segmentation of s[0..len): words in order, not overlapping, on code
** point boundaries, only white space between them and around them, code point offsets that
** agree with the byte offsets, a tag on each. Returns 1 if they hold (one failure counted
** otherwise, naming 'what'). */
static int invariants (const char *s, size_t len, const Words *ws, const char *what) {
  size_t i, at = 0, c = 0;
  for (i = 0; i < ws->n; i++) {
    const tifa_word *w = &ws->w[i];
    const char *bad = NULL;
    if (w->nbyte == 0) bad = "an empty word";
    else if (w->byte < at || w->byte + w->nbyte > len) bad = "a word out of order";
    else if (!allspace(s, at, w->byte)) bad = "text left out between words";
    else if (((unsigned char)s[w->byte] & 0xC0) == 0x80
             || (w->byte + w->nbyte < len && ((unsigned char)s[w->byte + w->nbyte] & 0xC0) == 0x80))
      bad = "a word not on code point boundaries";
    else {
      c += ncp(s + at, w->byte - at);
      if (w->start != c || w->end != c + ncp(s + w->byte, w->nbyte)) bad = "code point offsets";
      else if (w->tag == NULL || w->tag[0] == '\0') bad = "no tag";
      c = w->end;
      at = w->byte + w->nbyte;
    }
    if (bad) {
      check_failures++;
      fprintf(stderr, "%s:%d: %s: word %zu (byte %zu): %s\n", __FILE__, __LINE__, what, i,
              w->byte, bad);
      return 0;
    }
  }
  if (!allspace(s, at, len)) {
    check_failures++;
    fprintf(stderr, "%s:%d: %s: text left out after the last word\n", __FILE__, __LINE__, what);
    return 0;
  }
  return 1;
}

/* Search mode: the accurate words in order, each after the shorter words (2 code points or
** more) found inside it. Returns 1 if so. */
static int searchok (const Words *acc, const Words *srch, const char *what) {
  size_t k = 0, i;
  for (i = 0; i < srch->n; i++) {
    const tifa_word *w = &srch->w[i], *a = k < acc->n ? &acc->w[k] : NULL;
    if (a && w->byte == a->byte && w->nbyte == a->nbyte && strcmp(w->tag, a->tag) == 0) k++;
    else if (!a || w->byte < a->byte || w->byte + w->nbyte > a->byte + a->nbyte
             || w->nbyte >= a->nbyte || w->end - w->start < 2) {
      check_failures++;
      fprintf(stderr, "%s:%d: %s: search word %zu (byte %zu) is neither the next accurate word "
              "nor inside it\n", __FILE__, __LINE__, what, i, w->byte);
      return 0;
    }
  }
  if (k != acc->n) {
    check_failures++;
    fprintf(stderr, "%s:%d: %s: search mode lacks accurate word %zu\n", __FILE__, __LINE__, what, k);
    return 0;
  }
  return 1;
}

/* Fine mode: the accurate words in order, each after the parts of its fine-grained cut (and
** their own parts): words inside it and shorter, of which those inside no other tile it
** exactly (a partition), at most one of them of one code point, and only in a word of four
** or more. Returns 1 if so. */
static int fineok (const Words *acc, const Words *fine, const char *what) {
  size_t k = 0, i, from = 0;
  for (i = 0; i < fine->n; i++) {
    const tifa_word *w = &fine->w[i], *a = k < acc->n ? &acc->w[k] : NULL;
    if (a && !w->inner && w->byte == a->byte && w->nbyte == a->nbyte && strcmp(w->tag, a->tag) == 0) {
      size_t j, at = a->byte, top = 0, singles = 0;
      for (j = from; j < i; j++) {           /* the top parts, in order, tile the word */
        size_t m;
        int covered = 0;
        for (m = from; m < i; m++)
          if (m != j && fine->w[m].byte <= fine->w[j].byte
              && fine->w[m].byte + fine->w[m].nbyte >= fine->w[j].byte + fine->w[j].nbyte
              && fine->w[m].nbyte > fine->w[j].nbyte)
            covered = 1;
        if (covered) continue;
        if (fine->w[j].byte != at) break;
        at += fine->w[j].nbyte;
        singles += fine->w[j].end - fine->w[j].start == 1;
        top++;
      }
      if (i > from && (at != a->byte + a->nbyte || top < 2 || singles > 1 || a->end - a->start < 4)) {
        check_failures++;
        fprintf(stderr, "%s:%d: %s: the parts of word %zu do not tile it\n", __FILE__, __LINE__, what, k);
        return 0;
      }
      k++;
      from = i + 1;
    }
    else if (!a || !w->inner || w->byte < a->byte || w->byte + w->nbyte > a->byte + a->nbyte
             || w->nbyte >= a->nbyte) {
      check_failures++;
      fprintf(stderr, "%s:%d: %s: fine word %zu (byte %zu) is neither the next accurate word "
              "nor a part of it\n", __FILE__, __LINE__, what, i, w->byte);
      return 0;
    }
  }
  if (k != acc->n) {
    check_failures++;
    fprintf(stderr, "%s:%d: %s: fine mode lacks accurate word %zu\n", __FILE__, __LINE__, what, k);
    return 0;
  }
  return 1;
}

static int samewords (const Words *a, const Words *b) {
  size_t i;
  if (a->n != b->n) return 0;
  for (i = 0; i < a->n; i++)
    if (a->w[i].byte != b->w[i].byte || a->w[i].nbyte != b->w[i].nbyte
        || a->w[i].start != b->w[i].start || strcmp(a->w[i].tag, b->w[i].tag) != 0)
      return 0;
  return 1;
}

static char *readfile (const char *path, size_t *len) {
  FILE *fp = fopen(path, "rb");
  char *buf = NULL;
  long n;
  if (fp && fseek(fp, 0, SEEK_END) == 0 && (n = ftell(fp)) >= 0 && fseek(fp, 0, SEEK_SET) == 0
      && (buf = malloc((size_t)n + 1)) != NULL) {
    *len = fread(buf, 1, (size_t)n, fp);
    buf[*len] = '\0';
  }
  if (fp) fclose(fp);
  return buf;
}

/* $TIFA_DATA/words/name into a static buffer */
static const char *datapath (const char *name) {
  static char path[1024];
  const char *d = getenv("TIFA_DATA");
  snprintf(path, sizeof path, "%s/words/%s", d ? d : "tests/data", name);
  return path;
}

/* }====== */

/* {====== exact segmentations, with tags ====== */

static const struct {
  const char *s, *want;     /* want: "word/tag" joined by ' ' */
} tagged[] = {
  /* 001: a date (t) after a dash (x, one symbol), an organisation of the policy lexicon */
  {"——习近平2023年12月11日在中央经济工作会议上的讲话",
   "——/x 习近平/nrfg 2023年12月11日/t 在/p 中央经济工作会议/nt 上/f 的/uj 讲话/n"},
  /* 001: policy terms (nz), jieba's tags (发展 vn, 推进 v, 积极 ad) */
  {"加快推动发展方式绿色低碳转型，因地制宜发展新质生产力，积极稳妥推进碳达峰碳中和。",
   "加快/v 推动/v 发展/vn 方式/n 绿色/n 低碳/n 转型/n ，/x 因地制宜/l 发展/vn 新质生产力/nz ，/x "
   "积极/ad 稳妥/a 推进/v 碳达峰碳中和/nz 。/x"},
  /* 003: numbers with their units and hedges (m) */
  {"国内生产总值超过126万亿元,增长5.2%,增速居世界主要经济体前列",
   "国内/s 生产总值/n 超过/v 126万亿元/m ,/x 增长/v 5.2%/m ,/x 增速/v 居/v 世界/n 主要/b 经济体/n "
   "前列/v"},
  /* 002: a title (nw) and a document number (nd) inside brackets */
  {"共同印发了《关于支持内蒙古绿色低碳高质量发展若干政策措施的通知》（发改环资〔2024〕379号，以下简称《政策措施》）",
   "共同/d 印发/nz 了/ul 《关于支持内蒙古绿色低碳高质量发展若干政策措施的通知》/nw （/x "
   "发改环资〔2024〕379号/nd ，/x 以下/f 简称/v 《政策措施》/nw ）/x"},
  /* 003: an ISO date after an ASCII colon and a space (dropped) */
  {"发布时间: 2024-03-18", "发布/v 时间/n :/x 2024-03-18/t"},
  /* units the corpus lacks, in sentences of its kind: a URL, Latin and digit words */
  {"详细内容见https://www.gov.cn/zhengce/content.htm，推进5G网络建设，深化APEC框架下合作。",
   "详细/ad 内容/n 见/v https://www.gov.cn/zhengce/content.htm/url ，/x 推进/v 5G/eng 网络/n 建设/vn ，/x "
   "深化/j APEC/eng 框架/n 下/f 合作/vn 。/x"},
  {"2024年3月18日，国务院召开常务会议，预计全年增长5%左右。",
   "2024年3月18日/t ，/x 国务院/nt 召开/v 常务会议/n ，/x 预计/vn 全年/m 增长/v 5%左右/m 。/x"},
  /* names the model finds (nr: a family name and one or two characters) */
  {"国家发展改革委主任郑栅洁、重庆市委书记袁家军先后发言",
   "国家发展改革委/nt 主任/b 郑栅洁/nr 、/x 重庆市委/nt 书记/n 袁家军/nr 先后/t 发言/v"},
};

static void testtagged (void) {
  tifa_segmenter *g = tifa_segmenter_default();
  size_t i;
  for (i = 0; i < sizeof tagged / sizeof tagged[0]; i++)
    checkstr(segstr(g, tagged[i].s, 0, 1), tagged[i].want);
  /* empty input, white space, punctuation only */
  checkstr(segstr(g, "", 0, 1), "");
  checkstr(segstr(g, " \t\n\xe3\x80\x80\xc2\xa0 ", 0, 1), "");
  checkstr(segstr(g, "，。！？……——“”（）", 0, 1), "，/x 。/x ！/x ？/x ……/x ——/x “/x ”/x （/x ）/x");
  /* without the model, a run no word covers comes out a character at a time */
  checkstr(segstr(g, "主任郑栅洁主持", 0, 0), "主任 郑栅洁 主持");
  checkstr(segstr(g, "主任郑栅洁主持", TIFA_WORDS_NOHMM, 0), "主任 郑 栅 洁 主持");
  /* search mode: the dictionary's words inside long ones first, by start (jieba's
  ** cut_for_search, without its limit of three characters); units stay whole */
  checkstr(segstr(g, "中华人民共和国成立", TIFA_WORDS_SEARCH, 0),
           "中华 中华人民 华人 人民 人民共和国 共和 共和国 中华人民共和国 成立");
  checkstr(segstr(g, "共建一带一路", TIFA_WORDS_SEARCH, 0), "共建 一带 一带一路 一路 共建一带一路");
  checkstr(segstr(g, "因地制宜发展新质生产力，2024年3月18日", TIFA_WORDS_SEARCH, 0),
           "制宜 因地制宜 发展 生产 生产力 新质生产力 ， 2024年3月18日");
}

/* byte and code point offsets of one sentence, by hand */
static void testoffsets (void) {
  static const char s[] = "在二〇二四年新年贺词中，GDP 增长5.2%";
  static const struct { size_t byte, nbyte, start, end; const char *tag; } want[] = {
    {0, 3, 0, 1, "p"}, {3, 15, 1, 6, "t"}, {18, 12, 6, 10, "l"}, {30, 3, 10, 11, "f"},
    {33, 3, 11, 12, "x"}, {36, 3, 12, 15, "eng"}, {40, 6, 16, 18, "v"}, {46, 4, 18, 22, "m"}};
  Words ws = {0};
  size_t i, n = sizeof want / sizeof want[0];
  checkint(seg(tifa_segmenter_default(), s, sizeof s - 1, 0, &ws), TIFA_OK);
  checkint(ws.n, n);
  for (i = 0; i < n && i < ws.n; i++) {
    checkint(ws.w[i].byte, want[i].byte);
    checkint(ws.w[i].nbyte, want[i].nbyte);
    checkint(ws.w[i].start, want[i].start);
    checkint(ws.w[i].end, want[i].end);
    checkstr(ws.w[i].tag, want[i].tag);
  }
  wsfree(&ws);
}

/* }====== */

/* {====== segmenters of their own, user words, user dictionaries ====== */

static void testuser (void) {
  static const char s[] = "助力内蒙古做好“点绿成金”这篇大文章。";
  tifa_segmenter *g1 = NULL, *g2 = NULL, *def = tifa_segmenter_default();
  size_t base = tifa_segmenter_size(def);
  check(base > 349000);                     /* jieba's dictionary and the policy lexicon */
  checkint(tifa_segmenter_new(&g1), TIFA_OK);
  checkint(tifa_segmenter_new(&g2), TIFA_OK);
  if (!g1 || !g2) { tifa_segmenter_free(g1); tifa_segmenter_free(g2); return; }
  checkint(tifa_segmenter_size(g1), base);
  /* a made-up word with no frequency comes out whole, tagged nz; g2 and the default do not see it */
  checkint(tifa_segmenter_add_word(g1, "点绿成金", strlen("点绿成金"), 0, NULL), TIFA_OK);
  checkint(tifa_segmenter_size(g1), base + 1);
  checkstr(segstr(g1, s, 0, 1), "助力/n 内蒙古/ns 做好/v “/x 点绿成金/nz ”/x 这篇大/n 文章/n 。/x");
  check(strstr(segstr(g2, s, 0, 0), " 点绿成金 ") == NULL);
  check(strstr(segstr(def, s, 0, 0), " 点绿成金 ") == NULL);
  checkint(tifa_segmenter_size(g2), base);
  checkint(tifa_segmenter_size(def), base);
  /* added again: the new tag; the size does not change; NUL-free length, not strlen */
  checkint(tifa_segmenter_add_word(g1, "点绿成金xyz", strlen("点绿成金"), 0, "jd"), TIFA_OK);
  checkint(tifa_segmenter_size(g1), base + 1);
  check(strstr(segstr(g1, s, 0, 1), " 点绿成金/jd ") != NULL);
  /* a word of the built-in dictionary does not count again */
  checkint(tifa_segmenter_add_word(g1, "发展", strlen("发展"), 0, NULL), TIFA_OK);
  checkint(tifa_segmenter_size(g1), base + 1);
  checkstr(segstr(g1, "发展", 0, 1), "发展/vn");          /* no tag given: the built-in one kept */
  /* a frequency so low that the word loses to the path through its parts */
  checkint(tifa_segmenter_add_word(g2, "东数西算", strlen("东数西算"), 1e-9, "n"), TIFA_OK);
  checkstr(segstr(g2, "加快推进东数西算工程", TIFA_WORDS_NOHMM, 0), "加快 推进 东 数 西 算 工程");
  /* bad words */
  checkint(tifa_segmenter_add_word(g1, "", 0, 0, NULL), TIFA_ERROR);
  checkint(tifa_segmenter_add_word(g1, "绿电\xe6\x9b", 8, 0, NULL), TIFA_ERROR);
  checkint(tifa_segmenter_add_word(g1, "绿电 替代", strlen("绿电 替代"), 0, NULL), TIFA_ERROR);
  {
    char w[65 * 3 + 1];
    int k;
    for (k = 0; k < 65; k++) memcpy(w + 3 * k, "绿", 3);
    checkint(tifa_segmenter_add_word(g1, w, 65 * 3, 0, NULL), TIFA_ERROR);
    checkint(tifa_segmenter_add_word(g1, w, 64 * 3, 0, NULL), TIFA_OK);   /* 64: the limit */
  }
  checkint(tifa_segmenter_size(g1), base + 2);
  tifa_segmenter_free(g1);
  tifa_segmenter_free(g2);
  tifa_segmenter_free(NULL);                /* no-ops */
  tifa_segmenter_free(def);
  checkint(tifa_segmenter_size(def), base);
}

static void testbuiltin (void) {
  tifa_segmenter *g = NULL;
  char err[TIFA_ERRMAX];
  size_t base = tifa_segmenter_size(tifa_segmenter_default());
  if (tifa_segmenter_new(&g) != TIFA_OK) { check(0); return; }
  tifa_segmenter_builtin(g, 0);
  checkint(tifa_segmenter_size(g), 0);
  checkint(tifa_segmenter_load(g, datapath("tiny.txt"), err), TIFA_OK);
  checkint(tifa_segmenter_size(g), 6);
  /* only the six words: 研究 10 x 生命 10 beats 研究生 5 x 命 2 */
  checkstr(segstr(g, "研究生命的起源", 0, 0), "研究 生命 的 起源");
  /* 宇宙 is no word of g: without the model, one character at a time */
  checkstr(segstr(g, "研究宇宙的起源", TIFA_WORDS_NOHMM, 0), "研究 宇 宙 的 起源");
  /* the frequencies decide: 研究生 1000 x 命 1000 now beats 研究 10 x 生命 10 */
  checkint(tifa_segmenter_add_word(g, "研究生", strlen("研究生"), 1000, NULL), TIFA_OK);
  checkint(tifa_segmenter_add_word(g, "命", strlen("命"), 1000, NULL), TIFA_OK);
  checkint(tifa_segmenter_size(g), 6);
  checkstr(segstr(g, "研究生命的起源", 0, 0), "研究生 命 的 起源");
  /* a word added with no frequency takes the built-in dictionary's frequency and tag */
  checkint(tifa_segmenter_add_word(g, "宇宙", strlen("宇宙"), 0, NULL), TIFA_OK);
  checkint(tifa_segmenter_size(g), 7);
  checkstr(segstr(g, "研究宇宙的起源", TIFA_WORDS_NOHMM, 1), "研究/nz 宇宙/n 的/nz 起源/nz");
  /* the built-in dictionary on again: all its words and the user words */
  tifa_segmenter_builtin(g, 1);
  checkint(tifa_segmenter_size(g), base);      /* the seven are all built-in words */
  checkstr(segstr(g, "主任郑栅洁", TIFA_WORDS_NOHMM, 0), "主任 郑 栅 洁");
  tifa_segmenter_free(g);
}

static void testload (void) {
  tifa_segmenter *g = NULL;
  char err[TIFA_ERRMAX];
  size_t base;
  if (tifa_segmenter_new(&g) != TIFA_OK) { check(0); return; }
  base = tifa_segmenter_size(g);
  /* before: the corpus's made-up words split */
  checkstr(segstr(g, "加快推进“东数西算”工程", 0, 0), "加快 推进 “ 东数 西算 ” 工程");
  err[0] = '\0';
  checkint(tifa_segmenter_load(g, datapath("user.txt"), err), TIFA_OK);
  checkstr(err, "");
  checkint(tifa_segmenter_size(g), base + 4);
  /* WORD after a BOM, WORD FREQ, WORD FREQ TAG (tabs, CRLF), WORD TAG; comments skipped */
  checkstr(segstr(g, "助力内蒙古做好“点绿成金”这篇大文章", 0, 1),
           "助力/n 内蒙古/ns 做好/v “/x 点绿成金/nz ”/x 这篇大/n 文章/n");
  checkstr(segstr(g, "加快推进“东数西算”工程", 0, 1), "加快/v 推进/v “/x 东数西算/nz ”/x 工程/n");
  checkstr(segstr(g, "推进绿电替代给风光发电装备", 0, 1), "推进/v 绿电替代/vn 给/p 风光/n 发电/vn 装备/n");
  checkstr(segstr(g, "大力弘扬蒙古马精神", 0, 1), "大力/n 弘扬/nr 蒙古马精神/tp");
  checkstr(segstr(g, "大力推进西部陆海新通道建设", 0, 0), "大力 推进 西部 陆海 新 通道 建设");
  /* errors name the file, and the line */
  err[0] = '\0';
  checkint(tifa_segmenter_load(g, datapath("missing.txt"), err), TIFA_IO);
  check(strstr(err, datapath("missing.txt")) != NULL);
  checkint(tifa_segmenter_load(g, datapath("bad_utf8.txt"), err), TIFA_ENCODING);
  check(strstr(err, "bad_utf8.txt:3:") != NULL && strstr(err, "invalid UTF-8") != NULL);
  checkint(tifa_segmenter_load(g, datapath("bad_freq.txt"), err), TIFA_FORMAT);
  check(strstr(err, "bad_freq.txt:3:") != NULL && strstr(err, "'0'") != NULL);
  checkint(tifa_segmenter_load(g, datapath(""), err), TIFA_IO);   /* a directory */
  tifa_segmenter_free(g);
}

/* }====== */

/* {====== errors, the callback's stop, a long line ====== */

/* {====== the fine-grained cut (issue 19) ====== */

static void testfine (void) {
  const tifa_segmenter *g = tifa_segmenter_default();
  const int F = TIFA_WORDS_FINE;
  /* a word's partition into dictionary words, never a word that merely lies inside it */
  checkstr(segstr(g, "人民政府", F, 0), "人民 政府 人民政府");          /* not 民政 */
  checkstr(segstr(g, "国务院", F, 0), "国务院");                         /* not 国务 + 院 */
  checkstr(segstr(g, "民政部", F, 0), "民政部");                         /* three characters: whole */
  checkstr(segstr(g, "第二十条", F, 0), "第二十 条 第二十条");           /* not 第二 | 十条 */
  checkstr(segstr(g, "第二十一条", F, 0), "第二十一 条 第二十一条");     /* not 第 | 二十一条 */
  /* one part of one character at most, and only in a word of four or more */
  checkstr(segstr(g, "发展中国家", F, 0), "发展 中 国家 发展中国家");     /* not 中国 */
  checkstr(segstr(g, "新发展格局", F, 0), "新 发展 格局 新发展格局");
  checkstr(segstr(g, "因地制宜", F, 0), "因地制宜");                     /* not 因 | 地 | 制宜 */
  checkstr(segstr(g, "共建一带一路", F, 0), "共建 一带 一路 一带一路 共建一带一路");
  checkstr(segstr(g, "中国科学院", F, 0), "中国 科学院 中国科学院");    /* not 科学, 学院 */
  checkstr(segstr(g, "国务院办公厅", F, 0), "国务院 办公厅 国务院办公厅");
  checkstr(segstr(g, "民政部门", F, 0), "民政 部门 民政部门");
  /* the parts come before their word, marked inner; the words of the cut are unchanged */
  checkstr(segstr(g, "县级以上人民政府", F, 1), "县级/b 以上/f 人民/n 政府/n 人民政府/nt");
  checkstr(segstr(g, "县级以上人民政府", 0, 0), "县级 以上 人民政府");
  {
    Words ws = {0};
    checkint(seg(g, "人民政府", strlen("人民政府"), F, &ws), TIFA_OK);
    checkint(ws.n, 3);
    if (ws.n == 3) {
      checkint(ws.w[0].inner, 1); checkint(ws.w[1].inner, 1); checkint(ws.w[2].inner, 0);
      checkint(ws.w[1].start, 2); checkint(ws.w[1].end, 4);
    }
    /* fine overrides search */
    checkint(seg(g, "人民政府", strlen("人民政府"), F | TIFA_WORDS_SEARCH, &ws), TIFA_OK);
    checkint(ws.n, 3);
    wsfree(&ws);
  }
  /* search mode still gives every dictionary word inside (for display) */
  checkstr(segstr(g, "人民政府", TIFA_WORDS_SEARCH, 0), "人民 民政 政府 人民政府");
}

/* }====== */

/* {====== the user's lexicon (issue 19) ====== */

/* Is every word of 'list' (NULL-terminated) that 's' holds a word of the cut of 's' by 'g',
** unless a longer word of the list overlaps it there? */
static int listwhole (const tifa_segmenter *g, const char *s, const char *const *list, int flags) {
  Words ws = {0};
  int ok = 1, k;
  if (seg(g, s, strlen(s), flags, &ws) != TIFA_OK) return 0;
  for (k = 0; list[k]; k++) {
    const char *p = s;
    size_t n = strlen(list[k]);
    while ((p = strstr(p, list[k])) != NULL) {
      size_t at = (size_t)(p - s), i;
      int whole = 0, excused = 0, m;
      for (i = 0; i < ws.n; i++) if (ws.w[i].byte == at && ws.w[i].nbyte == n) whole = 1;
      for (m = 0; list[m]; m++) {               /* a longer list word over it */
        const char *q = s;
        size_t ln = strlen(list[m]);
        if (ln <= n) continue;
        while ((q = strstr(q, list[m])) != NULL) {
          size_t b = (size_t)(q - s);
          if (b < at + n && at < b + ln) excused = 1;
          q += 1;
        }
      }
      if (!whole && !excused) {
        check_failures++;
        fprintf(stderr, "%s:%d: '%s' not whole in '%s' (%s)\n", __FILE__, __LINE__, list[k], s,
                segstr(g, s, flags, 0));
        ok = 0;
      }
      p += n;
    }
  }
  wsfree(&ws);
  return ok;
}

static void testlexicon (void) {
  static const char *const lex[] = {"东数西算", "算工程", "陆海新通道", "通道建设", "人民共和",
                                    "政府采购", NULL};
  static const char *const texts[] = {"加快推进东数西算工程和西部陆海新通道建设",
                                      "中华人民共和国政府采购法", "东数西算、陆海新通道", NULL};
  tifa_segmenter *g = NULL;
  char err[TIFA_ERRMAX];
  int k;
  if (tifa_segmenter_new(&g) != TIFA_OK) { check(0); return; }
  /* the built-in dictionary plus a word list: the list's words whole, the longer of two that
  ** overlap first (东数西算 over 算工程, 陆海新通道 over 通道建设) */
  checkstr(segstr(g, texts[0], 0, 0), "加快 推进 东数 西算 工程 和 西部 陆海 新 通道 建设");
  checkint(tifa_segmenter_load(g, datapath("lexicon.txt"), err), TIFA_OK);
  checkstr(segstr(g, texts[0], 0, 0), "加快 推进 东数西算 工程 和 西部 陆海新通道 建设");
  checkstr(segstr(g, texts[1], 0, 0), "中华 人民共和 国 政府采购 法");   /* over the built-in 中华人民共和国 */
  for (k = 0; texts[k]; k++) {
    check(listwhole(g, texts[k], lex, 0));
    check(listwhole(g, texts[k], lex, TIFA_WORDS_NOHMM));
  }
  /* a word added with a frequency ranks by it, as jieba's: it may lose */
  checkint(tifa_segmenter_add_word(g, "进东", strlen("进东"), 1e-9, NULL), TIFA_OK);
  checkstr(segstr(g, texts[0], 0, 0), "加快 推进 东数西算 工程 和 西部 陆海新通道 建设");
  tifa_segmenter_free(g);
  /* the list as the only dictionary: fewest words, as maximum matching counts them, and the
  ** model never joins a character that is a common word alone (这是, 一年, 不能 stay apart),
  ** while it still finds a name no list word covers */
  if (tifa_segmenter_new(&g) != TIFA_OK) { check(0); return; }
  tifa_segmenter_builtin(g, 0);
  checkint(tifa_segmenter_load(g, datapath("lexicon_only.txt"), err), TIFA_OK);
  checkstr(segstr(g, "这是我们一年的目标，不能放弃", 0, 0), "这 是 我们 一 年 的 目标 ， 不 能 放弃");
  checkstr(segstr(g, "我们会见了拉姆斯菲尔德", 0, 0), "我们 会见 了 拉姆斯菲尔德");
  checkstr(segstr(g, "北京大学生前来报到", 0, 0), "北京 大学生 前来 报到");
  tifa_segmenter_free(g);
}

/* }====== */

static int calls;
static int countcalls (void *ud, const char *s, const tifa_word *w) {
  (void)ud; (void)s; (void)w;
  calls++;
  return 0;
}

static void testerrors (void) {
  tifa_segmenter *g = tifa_segmenter_default();
  static const char *const bad[] = {"abc\xff", "发展\xe5\x8f", "\x80", "\xc0\xaf", "发\xed\xa0\x80展"};
  size_t i;
  for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    int f;
    for (f = 0; f < 4; f++) {
      calls = 0;
      checkint(tifa_words(g, bad[i], strlen(bad[i]), f, countcalls, NULL), TIFA_ENCODING);
      checkint(calls, 0);
    }
  }
  /* len, not the NUL, bounds the text */
  checkint(tifa_words(g, "发展\xff", 6, 0, countcalls, NULL), TIFA_OK);
  calls = 0;
  checkint(tifa_words(g, "发展", 0, 0, countcalls, NULL), TIFA_OK);
  checkint(calls, 0);
}

/* A nonzero return at each call in turn stops the walk there and comes back. */
static void teststop (void) {
  static const char s[] = "2024年3月18日，郑栅洁在国务院常务会议上指出：增长5%左右，APEC 中华人民共和国成立";
  static const int flags[] = {0, TIFA_WORDS_SEARCH, TIFA_WORDS_NOHMM};
  size_t f;
  for (f = 0; f < sizeof flags / sizeof flags[0]; f++) {
    Words all = {0}, ws = {0};
    int k;
    checkint(seg(tifa_segmenter_default(), s, sizeof s - 1, flags[f], &all), TIFA_OK);
    check(all.n >= 15);
    for (k = 1; k <= (int)all.n; k++) {
      ws.stopat = k;
      ws.stopwith = k % 2 ? 100 + k : -k;
      checkint(seg(tifa_segmenter_default(), s, sizeof s - 1, flags[f], &ws), ws.stopwith);
      checkint(ws.n, k);
    }
    wsfree(&all);
    wsfree(&ws);
  }
}

/* 'piece' repeated to at least BIG bytes: the words of the pieces, again and again. */
static void testlong1 (const char *piece, size_t nwords) {
  size_t plen = strlen(piece), reps = BIG / plen + 1, r, i;
  char *big = malloc(reps * plen);
  Words one = {0}, ws = {0};
  if (!big) { check(0); return; }
  for (r = 0; r < reps; r++) memcpy(big + r * plen, piece, plen);
  checkint(seg(tifa_segmenter_default(), piece, plen, 0, &one), TIFA_OK);
  checkint(one.n, nwords);
  checkint(seg(tifa_segmenter_default(), big, reps * plen, 0, &ws), TIFA_OK);
  checkint(ws.n, reps * one.n);
  invariants(big, reps * plen, &ws, "long line");
  for (i = 0; i < ws.n && i < reps * one.n; i++) {
    const tifa_word *w = &ws.w[i], *p = &one.w[i % one.n];
    size_t r0 = i / one.n;
    if (w->byte != r0 * plen + p->byte || w->nbyte != p->nbyte || strcmp(w->tag, p->tag) != 0) {
      check_failures++;
      fprintf(stderr, "%s:%d: long line: word %zu differs from its piece's\n", __FILE__, __LINE__, i);
      break;
    }
  }
  wsfree(&one);
  wsfree(&ws);
  free(big);
}

static void testlong (void) {
  testlong1("要坚持以开放促进大开发，提高西部地区对内对外开放水平。大力推进西部陆海新通道建设，"
            "国内生产总值超过126万亿元,增长5.2%，APEC 2024-03-18。", 34);
  testlong1("推动高质量发展", 2);           /* one run of Han characters, 1 MB long */
}

/* }====== */

/* {====== invariants over the sample corpus and random strings ====== */

static void checktext (const char *s, size_t len, const char *what) {
  Words acc = {0}, again = {0}, srch = {0}, nohmm = {0}, fine = {0};
  checkint(seg(tifa_segmenter_default(), s, len, 0, &acc), TIFA_OK);
  checkint(seg(tifa_segmenter_default(), s, len, 0, &again), TIFA_OK);
  checkint(seg(tifa_segmenter_default(), s, len, TIFA_WORDS_SEARCH, &srch), TIFA_OK);
  checkint(seg(tifa_segmenter_default(), s, len, TIFA_WORDS_NOHMM, &nohmm), TIFA_OK);
  checkint(seg(tifa_segmenter_default(), s, len, TIFA_WORDS_FINE, &fine), TIFA_OK);
  invariants(s, len, &acc, what);
  invariants(s, len, &nohmm, what);
  if (!samewords(&acc, &again)) {
    check_failures++;
    fprintf(stderr, "%s:%d: %s: accurate mode not deterministic\n", __FILE__, __LINE__, what);
  }
  searchok(&acc, &srch, what);
  fineok(&acc, &fine, what);
  wsfree(&acc); wsfree(&again); wsfree(&srch); wsfree(&nohmm); wsfree(&fine);
}

static void testseeds (void) {
  static const char *const names[] = {"000_5f02c2555ca2acf2.txt", "001_f34ecce1adfb7df6.txt",
    "002_41f0111f64e2b8b0.txt", "003_e65765651145426b.txt", "004_19c2e8de30fa8799.txt"};
  const char *dir = getenv("TIFA_SEEDS");
  size_t i, nlines = 0;
  check(dir != NULL);
  for (i = 0; dir && i < sizeof names / sizeof names[0]; i++) {
    char path[1024], what[1100];
    size_t len = 0, a = 0, b;
    char *s;
    snprintf(path, sizeof path, "%s/%s", dir, names[i]);
    s = readfile(path, &len);
    check(s != NULL);
    if (!s) continue;
    for (b = 0; b <= len; b++)
      if (b == len || s[b] == '\n') {
        snprintf(what, sizeof what, "%s:%zu", names[i], ++nlines);
        checktext(s + a, b - a, what);
        a = b + 1;
      }
    checktext(s, len, names[i]);            /* and the page at once */
    free(s);
  }
  check(nlines > 100);
}


static void testrandom (void) {
  static const char *const alpha[] = {
    "发展", "高质量", "新质生产力", "中国式现代化", "的", "郑", "栅", "洁", "国务院", "总理", "李强",
    "2024", "年", "3月", "18日", "-", "03", "5.2", "%", "以上", "左右", "万亿元", "亿", "多", "超",
    "《", "》", "宪法", "〔", "〕", "号", "发改环资", "https://", "www.gov.cn", "/", "APEC", "5G",
    "abc", "，", "。", "“", "”", "——", "……", " ", "\t", "\n", "\xe3\x80\x80", "\xc2\xa0",
    "\xe2\x80\x8b", "\xef\xbc\x95", "二〇二四", "é", "\xf0\x9f\x98\x80", "Ω", "·", "..."};
  char buf[MAXTOK * 16 + 1];
  int i;
  for (i = 0; i < NRANDOM; i++) {
    size_t at = 0;
    int k, ntok = (int)(check_rnd() % MAXTOK);
    for (k = 0; k < ntok; k++) {
      const char *t = alpha[check_rnd() % (sizeof alpha / sizeof alpha[0])];
      memcpy(buf + at, t, strlen(t));
      at += strlen(t);
    }
    buf[at] = '\0';
    checktext(buf, at, "random string");
    if (check_failures > 20) { fprintf(stderr, "  last: %s\n", buf); break; }
  }
}

/* An ordinal (第 and a numeral of two characters or more) is not cut inside: the numbering
** of a law's articles, chapters and sessions, whatever the dictionary holds around it. */
static void testordinals (void) {
  const tifa_segmenter *g = tifa_segmenter_default();
  static const struct { const char *text, *cut; } cases[] = {
    {"第二百条", "第二百 条"},                       /* not 第二 百条 */
    {"第二十一届全国人大", "第二十一 届 全国人大"},   /* not 第二 十一届 */
    {"依照本法第二百零三条的规定", "依照 本法 第二百零三 条 的 规定"},
    {"第一百二十五条", "第一百二十五 条"},
  };
  size_t i;
  for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
    checkstr(segstr(g, cases[i].text, 0, 0), cases[i].cut);
  /* a dictionary word that holds the whole ordinal stays one word; one numeral is no rule's */
  checkstr(segstr(g, "第二十三条第一款", 0, 0), "第二十三条 第一款");
  checkstr(segstr(g, "第二季度", 0, 0), "第二季度");
  /* numerals not after 第 are cut as before */
  checkstr(segstr(g, "统一一个标准", 0, 0), "统一 一个 标准");
  /* with only the user's words too */
  {
    tifa_segmenter *u = NULL;
    if (tifa_segmenter_new(&u) != TIFA_OK) { check(0); return; }
    tifa_segmenter_builtin(u, 0);
    checkint(tifa_segmenter_add_word(u, "第二", strlen("第二"), 0, NULL), TIFA_OK);
    checkint(tifa_segmenter_add_word(u, "百条", strlen("百条"), 0, NULL), TIFA_OK);
    checkstr(segstr(u, "第二百条", TIFA_WORDS_NOHMM, 0), "第二百 条");
    tifa_segmenter_free(u);
  }
}

/* }====== */

int main (void) {
  testtagged();
  testoffsets();
  testuser();
  testbuiltin();
  testordinals();
  testload();
  testfine();
  testlexicon();
  testerrors();
  teststop();
  testlong();
  testseeds();
  testrandom();
  return check_done("test_words");
}
