/*
** test_structure.c -- unit test of tifa_structure.h: clauses ('|' marks where the pieces of a
** sentence must end), the walk over trimmed units with their offsets, enumerations on text
** of the sample corpus ($TIFA_SEEDS) and of a government work report, the counter against
** a slow oracle, and the stopword lists; counting a text's words and n-grams straight into
** the counter, exactly and against oracles (tifa_words, utf8proc's categories) on the seeds.
*/
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>
#include "check.h"
#include "tifa_text.h"
#include "tifa_structure.h"
#include "tifa_words.h"

/* {====== Clauses ====== */

/* Split s into sentences, each into clauses, and join the clauses with '|' into 'out'. */
static void clauses (const char *s, char *out) {
  size_t len = strlen(s);
  int n = 0;
  while (len > 0) {
    size_t sl = tifa_text_sentence(s, len);
    while (sl > 0) {
      size_t k = tifa_text_clause(s, sl);
      check(k > 0 && k <= sl);
      if (k == 0 || k > sl) return;
      if (n++ > 0) *out++ = '|';
      memcpy(out, s, k);
      out += k; s += k; sl -= k; len -= k;
    }
  }
  *out = '\0';
}

static const char *const clause_cases[] = {
  /* seed 000: the quotation after ： is one clause, its commas inside “…” */
  "习近平总书记在参观《复兴之路》展览时强调：|“全党同志必须牢记，落后就要挨打，发展才能自强。”",
  /* seed 003 writes ASCII commas between Chinese clauses */
  "全国两会刚刚落下帷幕,|自治区党委第一时间召开干部大会,|传达学习全国两会精神。",
  /* seed 001: ； and ，; 、 is no clause end */
  "要坚持稳中求进、以进促稳、先立后破。|稳是大局和基础，|要多出有利于稳预期、稳增长、稳就业的政策，|"
  "谨慎出台收缩性抑制性举措。",
  /* brackets: （以下简称《意见》，…） stays whole */
  "国务院印发通知（以下简称《通知》，自发布之日起施行），|要求各地落实。",
  /* ASCII , ; : split only before white space, non-ASCII or the end */
  "增长1,000亿元，|见http://www.gov.cn；|a, |b; |c:", NULL
};

static void test_clauses (void) {
  char out[512], in[512];
  int i;
  for (i = 0; clause_cases[i]; i++) {
    const char *c = clause_cases[i];
    char *q = in;
    for (; *c; c++) if (*c != '|') *q++ = *c;
    *q = '\0';
    clauses(in, out);
    checkstr(out, clause_cases[i]);
  }
  /* an opener never closed keeps the rest of its sentence whole; the sentence end still ends it */
  clauses("他说：“我们，不。好，的", out);
  checkstr(out, "他说：|“我们，不。|好，|的");
  check(tifa_text_clause("", 0) == 0);
  check(tifa_text_line("", 0) == 0);
  check(tifa_text_line("ab\r\ncd", 6) == 4);
  check(tifa_text_line("ab\rcd", 5) == 3);
  check(tifa_text_line("a\xe2\x80\xa8" "b", 5) == 4);    /* U+2028 */
  check(tifa_text_line("abc", 3) == 3);
}

/* }====== */

/* {====== Units ====== */

/* The units of 'kind' in s as "first-last:text" joined by '|' (first, last 1-based). */
static void units (const char *s, int kind, char *out) {
  tifa_units u;
  tifa_span sp;
  int n = 0;
  tifa_units_init(&u, s, strlen(s), kind);
  while (tifa_units_next(&u, &sp)) {
    out += sprintf(out, "%s%zu-%zu:%.*s", n++ ? "|" : "", sp.start + 1, sp.end, (int)sp.nbyte,
                   s + sp.byte);
    check(sp.end - sp.start == tifa_utf8_len(s + sp.byte, sp.nbyte));
  }
  *out = '\0';
}

static void test_units (void) {
  char out[1024];
  units("", TIFA_UNIT_SENTENCE, out);
  checkstr(out, "");
  units(" \n\n　 ", TIFA_UNIT_PARAGRAPH, out);
  checkstr(out, "");
  /* seed 002, its first lines as the page has them: a space before each line */
  units(" 一、充分认识《政策措施》的重大意义\n\n 《政策措施》是贯彻落实习近平总书记对内蒙古重要指示精神的具体举措。\r\n",
        TIFA_UNIT_PARAGRAPH, out);
  checkstr(out, "2-18:一、充分认识《政策措施》的重大意义|22-54:《政策措施》是贯彻落实习近平总书记对内蒙古重要指示精神的具体举措。");
  /* seed 001: sentences trimmed, the paragraph indent goes */
  units("　　要坚持稳中求进、以进促稳、先立后破。稳是大局和基础。\n　　进是方向和动力。", TIFA_UNIT_SENTENCE, out);
  checkstr(out, "3-20:要坚持稳中求进、以进促稳、先立后破。|21-28:稳是大局和基础。|32-39:进是方向和动力。");
  units("稳是大局和基础，要多出政策。 Growth, jobs.", TIFA_UNIT_CLAUSE, out);
  checkstr(out, "1-8:稳是大局和基础，|9-14:要多出政策。|16-22:Growth,|24-28:jobs.");
  units("plain ASCII text. Second one", TIFA_UNIT_SENTENCE, out);
  checkstr(out, "1-17:plain ASCII text.|19-28:Second one");
}

/* }====== */

/* {====== Enumerations ====== */

/* The enumerations of s as "group/style/label/index/first-last" per item, joined by ' '. */
static size_t enums (const char *s, char *out, tifa_enum_item *it, size_t cap) {
  size_t n = tifa_text_enumerations(s, strlen(s), it, cap), k;
  *out = '\0';
  if (n > cap) return n;
  for (k = 0; k < n; k++)
    out += sprintf(out, "%s%zu/%s/%.*s/%d/%zu-%zu", k ? " " : "", it[k].group,
                   tifa_enum_style_name(it[k].style), (int)it[k].label, s + it[k].span.byte,
                   it[k].index, it[k].span.start + 1, it[k].span.end);
  return n;
}

/* The text of item k into 'out'. */
static const char *itemtext (const char *s, const tifa_enum_item *it, char *out) {
  memcpy(out, s + it->span.byte, it->span.nbyte);
  out[it->span.nbyte] = '\0';
  return out;
}

/* 1995 government work report (gov_reports/derived_txt), abridged at the ellipses */
static const char gwr1995[] =
  "一是下大力气整顿和治理城乡社会治安，集中整治重点地区和群众反映强烈的问题。"
  "二是深入开展打击暴力犯罪、毒品犯罪、车匪路霸等严重犯罪活动。三是加强基层政权建设。要求各地落实。";

static void test_enumerations (void) {
  static tifa_enum_item it[64];
  static char out[2048], t[65536];
  size_t n;
  n = enums(gwr1995, out, it, 64);
  checkint(n, 3);
  checkstr(out, "0/一是/一是/1/1-37 0/一是/二是/2/38-67 0/一是/三是/3/68-78");
  checkstr(itemtext(gwr1995, &it[2], t), "三是加强基层政权建设。");   /* the last ends at its 。 */
  checkint(tifa_text_enumerations(gwr1995, strlen(gwr1995), it, 2), 3);   /* too small */
  checkint(tifa_text_enumerations(gwr1995, strlen(gwr1995), NULL, 0), 3);
  /* 1987 report: after ：, within one sentence each */
  n = enums("当前需要注意处理好四个问题：一是必须坚持自愿互利的原则。二是在同一行业，可以形成若干个企业集团。",
            out, it, 64);
  checkstr(out, "0/一是/一是/1/15-28 0/一是/二是/2/29-48");
  /* seed 003: 第一时间 and 第一条 are no markers; a lone 一是 is no enumeration */
  n = enums("自治区党委第一时间召开干部大会。政府工作报告在部署工作任务时,第一条讲的就是“大力推进现代化产业体系建设”。唯一是",
            out, it, 64);
  checkint(n, 0);
  n = enums("第一，坚持；第二，发展：全面推进。", out, it, 64);
  checkstr(out, "0/第一/第一/1/1-6 0/第一/第二/2/7-17");
  /* seed 000 (the two halves of one passage): 一方面 … 另一方面 */
  n = enums("此次《意见》给予了明确清晰的指导。一方面，矿产资源开发要坚持“生态优先、绿色发展”这一工作原则。"
            "另一方面，资源开发要立足现代化建设需求，更好统筹当前和长远。近年来，", out, it, 64);
  checkstr(out, "0/一方面/一方面/1/18-48 0/一方面/另一方面/2/49-78");
  n = enums("首先，要坚定信心。其次，要真抓实干。最后，要以身作则。再次，无关。", out, it, 64);
  checkstr(out, "0/首先/首先/1/1-9 0/首先/其次/2/10-18 0/首先/最后/3/19-27");
  n = enums("1. 增长5.2%左右\n2. 就业\n3、无关\n（1）甲；（2）乙", out, it, 64);
  checkstr(out, "0/1./1./1/1-11 0/1./2./2/13-17 1/（1）/（1）/1/24-28 1/（1）/（2）/2/29-32");
  /* seed 002: 一、 sections hold （一） lists; each （一） starts a new list */
  {
    const char *dir = getenv("TIFA_SEEDS");
    char path[1024];
    static char buf[65536];
    FILE *f;
    size_t len, k;
    check(dir != NULL);
    if (dir == NULL) return;
    snprintf(path, sizeof(path), "%s/002_41f0111f64e2b8b0.txt", dir);
    f = fopen(path, "rb");
    check(f != NULL);
    if (f == NULL) return;
    len = fread(buf, 1, sizeof(buf) - 1, f);
    fclose(f);
    buf[len] = '\0';
    n = tifa_text_enumerations(buf, len, it, 64);
    checkint(n, 10);
    {
      static const char *const labels[] = {"一、", "二、", "三、", "（一）", "（二）", "（三）",
                                           "（一）", "（二）", "（三）", "（四）"};
      static const size_t groups[] = {0, 0, 0, 1, 1, 1, 2, 2, 2, 2};
      for (k = 0; k < n && k < 10; k++) {
        checkint(strncmp(buf + it[k].span.byte, labels[k], it[k].label), 0);
        checkint(it[k].label, strlen(labels[k]));
        checkint(it[k].group, groups[k]);
        check(it[k].span.end - it[k].span.start == tifa_utf8_len(buf + it[k].span.byte, it[k].span.nbyte));
      }
    }
    checkstr(itemtext(buf, &it[2], t), "三、贯彻落实《政策措施》的重点任务");
    checkstr(itemtext(buf, &it[5], t), "（三）正确领会发展新质生产力的战略要求。《政策措施》支持内蒙古大力发展以绿色低碳为鲜明特征的新质生产");
    /* (the seed's line is cut there: the item is its whole line) */
    check(strstr(itemtext(buf, &it[1], t), "（三）正确领会") != NULL);   /* 二、 spans its list */
  }
}

/* }====== */

/* {====== Counter and stopwords ====== */

static void test_freq (void) {
  tifa_freq *f = NULL;
  const tifa_freq_entry *e;
  size_t n, i;
  char w[32];
  checkint(tifa_freq_new(&f), TIFA_OK);
  if (f == NULL) return;
  tifa_freq_sorted(f, &e, &n);
  checkint(n, 0);
  tifa_freq_add(f, "改革", strlen("改革"), 1);
  tifa_freq_add(f, "发展", strlen("发展"), 2);
  tifa_freq_add(f, "改革", strlen("改革"), 1);
  tifa_freq_add(f, "创新", strlen("创新"), 2);
  tifa_freq_add(f, "", 0, 1);
  tifa_freq_add(f, "a\0b", 3, 1);               /* any bytes */
  checkint(tifa_freq_get(f, "改革", strlen("改革")), 2);
  checkint(tifa_freq_get(f, "a\0b", 3), 1);
  checkint(tifa_freq_get(f, "a", 1), 0);
  checkint(tifa_freq_size(f), 5);
  checkint(tifa_freq_sorted(f, &e, &n), TIFA_OK);
  checkint(n, 5);
  /* ties by string, byte order: 创(E5 88 9B) < 发(E5 8F 91) < 改(E6 94 B9); "" < "a\0b" */
  checkstr(e[0].word, "创新"); checkint(e[0].count, 2);
  checkstr(e[1].word, "发展"); checkstr(e[2].word, "改革");
  checkstr(e[3].word, ""); checkint(e[4].len, 3);
  /* 50000 keys, counted i % 7 + 1 times: the table grows and keeps every count */
  for (i = 0; i < 50000; i++) {
    int k;
    snprintf(w, sizeof(w), "w%zu", i);
    for (k = 0; k <= (int)(i % 7); k++) tifa_freq_add(f, w, strlen(w), 1);
  }
  checkint(tifa_freq_size(f), 50005);
  checkint(tifa_freq_get(f, "w49999", 6), 49999 % 7 + 1);
  tifa_freq_sorted(f, &e, &n);
  for (i = 1; i < n; i++)                       /* NUL-free keys here: strcmp is the order */
    check(e[i - 1].count > e[i].count || (e[i - 1].count == e[i].count
          && strcmp(e[i - 1].word, e[i].word) < 0));
  checkstr(e[0].word, "w1000");                 /* the least key counted 7 times (1000 % 7 == 6) */
  checkint(e[0].count, 7);
  tifa_freq_free(f);
  tifa_freq_free(NULL);
}

static void test_stopwords (void) {
  const char *const *names = tifa_stopword_lists(), *const *w;
  int k, found = 0;
  checkstr(names[0], "function"); checkstr(names[1], "punct"); checkstr(names[2], "filler");
  check(names[3] == NULL);
  check(tifa_stopwords("nope") == NULL);
  w = tifa_stopwords("filler");
  check(w != NULL);
  for (k = 0; w && w[k]; k++) if (strcmp(w[k], "深化") == 0) found = 1;
  check(found);
  w = tifa_stopwords("function");
  checkstr(w[0], "的");
  for (k = 0; names[k]; k++) {                   /* no list repeats a word */
    int a, b;
    w = tifa_stopwords(names[k]);
    for (a = 0; w[a]; a++) for (b = a + 1; w[b]; b++) check(strcmp(w[a], w[b]) != 0);
  }
}

/* }====== */

/* {====== Counting texts ====== */

/* The counter's entries as "word=count" joined by ' ' into 'out', in its sorted order. */
static const char *showfreq (tifa_freq *f, char *out, size_t cap) {
  const tifa_freq_entry *e;
  size_t n, k, at = 0;
  out[0] = '\0';
  if (tifa_freq_sorted(f, &e, &n) != TIFA_OK) return "(nomem)";
  for (k = 0; k < n && at < cap; k++)
    at += (size_t)snprintf(out + at, cap - at, "%s%s=%lld", k ? " " : "", e[k].word,
                           (long long)e[k].count);
  return out;
}

/* A new counter holding what 'add' counts of s, n; "(error N)" if it fails. */
static const char *counted (int (*add) (tifa_freq *, const char *, size_t, size_t, const tifa_freq *),
                            const char *s, size_t n, const tifa_freq *stop, char *out, size_t cap) {
  tifa_freq *f = NULL;
  int rc;
  check(tifa_freq_new(&f) == TIFA_OK);
  if (f == NULL) return "(nomem)";
  if ((rc = add(f, s, strlen(s), n, stop)) != TIFA_OK) snprintf(out, cap, "(error %d)", rc);
  else showfreq(f, out, cap);
  tifa_freq_free(f);
  return out;
}

/* The oracle's idea of what breaks n-grams: punctuation, white space, control characters. */
static int isbreak (int32_t c) {
  switch (utf8proc_category(c)) {
    case UTF8PROC_CATEGORY_PC: case UTF8PROC_CATEGORY_PD: case UTF8PROC_CATEGORY_PS:
    case UTF8PROC_CATEGORY_PE: case UTF8PROC_CATEGORY_PI: case UTF8PROC_CATEGORY_PF:
    case UTF8PROC_CATEGORY_PO: case UTF8PROC_CATEGORY_CC: case UTF8PROC_CATEGORY_ZS:
    case UTF8PROC_CATEGORY_ZL: case UTF8PROC_CATEGORY_ZP: return 1;
    default: return 0;
  }
}

/* Tokens of a text for the oracles: where each starts and ends, and whether it breaks. */
typedef struct toks { size_t n, cap; size_t *from, *to; int *brk; } toks;

static void tokadd (toks *t, size_t from, size_t to, int brk) {
  if (t->n == t->cap) {
    t->cap = t->cap ? 2 * t->cap : 1024;
    t->from = (size_t *)realloc(t->from, t->cap * sizeof(size_t));
    t->to = (size_t *)realloc(t->to, t->cap * sizeof(size_t));
    t->brk = (int *)realloc(t->brk, t->cap * sizeof(int));
    if (!t->from || !t->to || !t->brk) { fprintf(stderr, "out of memory\n"); exit(1); }
  }
  t->from[t->n] = from; t->to[t->n] = to; t->brk[t->n++] = brk;
}

static void tokfree (toks *t) {
  free(t->from); free(t->to); free(t->brk);
}

static int oneword (void *ud, const char *s, const tifa_word *w) {
  toks *t = (toks *)ud;
  size_t i = w->byte;
  int brk = 1;
  while (i < w->byte + w->nbyte) {              /* a word breaks when all it holds does */
    int32_t c;
    int k = tifa_utf8_decode(s + i, w->byte + w->nbyte - i, &c);
    if (k <= 0) { k = 1; c = 0xFFFD; }
    if (!isbreak(c)) brk = 0;
    i += (size_t)k;
  }
  tokadd(t, w->byte, w->byte + w->nbyte, brk);
  return 0;
}

/* The oracle: the tokens of s (its characters, or words by tifa_words) counted one string
** at a time with tifa_freq_add: n == 1 words as they are, else the n-grams of the runs
** of non-breaking tokens (words joined by ' '), less the strings of 'stop'. */
static void oracle (tifa_freq *f, const char *s, size_t len, int words, size_t n,
                    const tifa_freq *stop) {
  toks t = {0, 0, NULL, NULL, NULL};
  size_t k, run = 0;
  static char key[65536];
  if (words) tifa_words(tifa_segmenter_default(), s, len, 0, oneword, &t);
  else {
    size_t i = 0;
    while (i < len) {
      int32_t c;
      int m = tifa_utf8_decode(s + i, len - i, &c);
      if (m <= 0) { m = 1; c = 0xFFFD; }
      tokadd(&t, i, i + (size_t)m, isbreak(c));
      i += (size_t)m;
    }
  }
  for (k = 0; k < t.n; k++) {
    size_t at = 0, j;
    if (words && n == 1) {
      if (stop == NULL || tifa_freq_get(stop, s + t.from[k], t.to[k] - t.from[k]) == 0)
        tifa_freq_add(f, s + t.from[k], t.to[k] - t.from[k], 1);
      continue;
    }
    run = t.brk[k] ? 0 : run + 1;
    if (run < n) continue;
    for (j = k + 1 - n; j <= k; j++) {
      if (words && j > k + 1 - n) key[at++] = ' ';
      memcpy(key + at, s + t.from[j], t.to[j] - t.from[j]);
      at += t.to[j] - t.from[j];
    }
    if (stop == NULL || tifa_freq_get(stop, key, at) == 0) tifa_freq_add(f, key, at, 1);
  }
  tokfree(&t);
}

/* Whether two counters hold the same strings with the same counts. */
static int samefreq (tifa_freq *a, tifa_freq *b) {
  const tifa_freq_entry *e;
  size_t n, k;
  if (tifa_freq_size(a) != tifa_freq_size(b)) return 0;
  if (tifa_freq_sorted(a, &e, &n) != TIFA_OK) return 0;
  for (k = 0; k < n; k++)
    if (tifa_freq_get(b, e[k].word, e[k].len) != e[k].count) return 0;
  return 1;
}

static void test_freq_text (void) {
  static char out[4096];
  static const char *const seeds[] = {"000_5f02c2555ca2acf2.txt", "001_f34ecce1adfb7df6.txt",
    "002_41f0111f64e2b8b0.txt", "003_e65765651145426b.txt", "004_19c2e8de30fa8799.txt", NULL};
  const char *s = "发展新质生产力，推动高质量发展。发展";
  tifa_freq *f = NULL, *stop = NULL;
  int k;
  /* characters: no n-gram spans punctuation or white space; symbols and digits do not break */
  checkstr(counted(tifa_freq_add_chars, s, 2, NULL, out, sizeof(out)),
           "发展=3 产力=1 动高=1 展新=1 推动=1 新质=1 生产=1 质生=1 质量=1 量发=1 高质=1");
  checkstr(counted(tifa_freq_add_chars, s, 6, NULL, out, sizeof(out)),
           "动高质量发展=1 发展新质生产=1 展新质生产力=1 推动高质量发=1");
  checkstr(counted(tifa_freq_add_chars, s, 8, NULL, out, sizeof(out)), "");
  checkstr(counted(tifa_freq_add_chars, "AI+制造 5G。\t\u3000a\u00a0b", 2, NULL, out, sizeof(out)),
           "+制=1 5G=1 AI=1 I+=1 制造=1");
  checkstr(counted(tifa_freq_add_chars, "发展，发\n展 展", 1, NULL, out, sizeof(out)), "展=3 发=2");
  checkstr(counted(tifa_freq_add_chars, "", 1, NULL, out, sizeof(out)), "");
  checkstr(counted(tifa_freq_add_chars, "ab", 0, NULL, out, sizeof(out)), "(error 1)");   /* TIFA_ERROR */
  checkstr(counted(tifa_freq_add_chars, "ab\xff", 1, NULL, out, sizeof(out)), "(error 4)");   /* ENCODING */
  /* words: Latin words segment one way whatever the dictionary; ',' breaks, ' ' does not */
  checkstr(counted(tifa_freq_add_words, "a b c, a b", 1, NULL, out, sizeof(out)), "a=2 b=2 ,=1 c=1");
  checkstr(counted(tifa_freq_add_words, "a b c, a b", 2, NULL, out, sizeof(out)), "a b=2 b c=1");
  checkstr(counted(tifa_freq_add_words, "a b c, a b", 3, NULL, out, sizeof(out)), "a b c=1");
  checkstr(counted(tifa_freq_add_words, "a b c, a b", 4, NULL, out, sizeof(out)), "");
  checkstr(counted(tifa_freq_add_words, "a b c, a b", 99, NULL, out, sizeof(out)), "");  /* n > len */
  checkstr(counted(tifa_freq_add_words, "  \n", 1, NULL, out, sizeof(out)), "");
  checkstr(counted(tifa_freq_add_words, "ab", 0, NULL, out, sizeof(out)), "(error 1)");
  checkstr(counted(tifa_freq_add_words, "a\xc0\xaf", 1, NULL, out, sizeof(out)), "(error 4)");
  /* stopwords drop whole tokens only: "a b" goes, "b c" stays though "b" is a stopword */
  check(tifa_freq_new(&stop) == TIFA_OK);
  if (stop == NULL) return;
  tifa_freq_add(stop, "a b", 3, 1);
  tifa_freq_add(stop, "b", 1, 1);
  tifa_freq_add(stop, "发展", strlen("发展"), 1);
  tifa_freq_add(stop, "，", strlen("，"), 1);
  checkstr(counted(tifa_freq_add_words, "a b c, a b", 2, stop, out, sizeof(out)), "b c=1");
  checkstr(counted(tifa_freq_add_words, "a b c, a b", 1, stop, out, sizeof(out)), "a=2 ,=1 c=1");
  checkstr(counted(tifa_freq_add_chars, s, 2, stop, out, sizeof(out)),
           "产力=1 动高=1 展新=1 推动=1 新质=1 生产=1 质生=1 质量=1 量发=1 高质=1");
  /* a stopword counted 0 times is no stopword; one counted -1 is */
  tifa_freq_add(stop, "b", 1, -1);
  tifa_freq_add(stop, "c", 1, -1);
  checkstr(counted(tifa_freq_add_words, "a b c", 1, stop, out, sizeof(out)), "a=1 b=1");
  /* counts add up over calls; a failed call counts nothing */
  check(tifa_freq_new(&f) == TIFA_OK);
  if (f == NULL) { tifa_freq_free(stop); return; }
  checkint(tifa_freq_add_chars(f, s, strlen(s), 2, NULL), TIFA_OK);
  checkint(tifa_freq_add_chars(f, "发展\xff", 7, 2, NULL), TIFA_ENCODING);
  checkint(tifa_freq_add_words(f, "发展\xff", 7, 1, NULL), TIFA_ENCODING);
  checkint(tifa_freq_add_chars(f, s, strlen(s), 2, NULL), TIFA_OK);
  checkint(tifa_freq_get(f, "发展", strlen("发展")), 6);
  checkint(tifa_freq_size(f), 11);
  tifa_freq_free(f);
  /* every seed page: the same counts as the oracles, for words, word and char n-grams,
  ** with and without stopwords */
  tifa_freq_free(stop);
  stop = NULL;
  check(tifa_freq_new(&stop) == TIFA_OK);
  if (stop == NULL) return;
  for (k = 0; k < 3; k++) {
    const char *const *w = tifa_stopwords(tifa_stopword_lists()[k]);
    for (; *w; w++) tifa_freq_add(stop, *w, strlen(*w), 1);
  }
  tifa_freq_add(stop, "发展", strlen("发展"), 1);         /* a char bigram too */
  for (k = 0; seeds[k]; k++) {
    const char *dir = getenv("TIFA_SEEDS");
    static char buf[1 << 20], path[1024];
    FILE *fp;
    size_t len, n;
    int words, withstop;
    check(dir != NULL);
    if (dir == NULL) break;
    snprintf(path, sizeof(path), "%s/%s", dir, seeds[k]);
    fp = fopen(path, "rb");
    check(fp != NULL);
    if (fp == NULL) continue;
    len = fread(buf, 1, sizeof(buf), fp);
    fclose(fp);
    for (words = 0; words <= 1; words++)
      for (n = 1; n <= 3; n++)
        for (withstop = 0; withstop <= 1; withstop++) {
          tifa_freq *got = NULL, *want = NULL;
          const tifa_freq *sw = withstop ? stop : NULL;
          check(tifa_freq_new(&got) == TIFA_OK && tifa_freq_new(&want) == TIFA_OK);
          if (got && want) {
            checkint(words ? tifa_freq_add_words(got, buf, len, n, sw)
                           : tifa_freq_add_chars(got, buf, len, n, sw), TIFA_OK);
            oracle(want, buf, len, words, n, sw);
            check(tifa_freq_size(want) > 100);
            if (!samefreq(got, want))
              fprintf(stderr, "  (%s, %s, n = %zu, stopwords %d)\n", seeds[k],
                      words ? "words" : "chars", n, withstop);
            check(samefreq(got, want));
          }
          tifa_freq_free(got);
          tifa_freq_free(want);
        }
  }
  tifa_freq_free(stop);
}

/* }====== */

int main (void) {
  test_clauses();
  test_units();
  test_enumerations();
  test_freq();
  test_stopwords();
  test_freq_text();
  return check_done("test_structure");
}
