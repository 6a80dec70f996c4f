/*
** test_units.c -- unit test of tifai_unit (units.c) and the number scanner under it: a table
** of exact cases, positive and negative, at the start of a string; every unit of sentences
** from the sample corpus, found by walking them as the segmenter does; values, units and
** hedges of numbers; and the bound that no unit is read past 'len'.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "check.h"
#include "text.h"
#include "units.h"
#include "extract.h"

static const char *const kindname[] = {"none", "date", "number", "title", "docno", "url", "latin"};

/* {====== the unit at the start of a string ====== */

static const struct {
  const char *s;            /* input */
  const char *unit;         /* the unit at its start, "" for none */
  int kind;
} cases[] = {
  /* dates and times */
  {"2024年3月18日上午", "2024年3月18日", TIFAI_UNIT_DATE},
  {"2024-03-18 10:00", "2024-03-18", TIFAI_UNIT_DATE},
  {"2024/3/18，", "2024/3/18", TIFAI_UNIT_DATE},
  {"4月23日下午，", "4月23日", TIFAI_UNIT_DATE},
  {"二〇二四年新年贺词", "二〇二四年", TIFAI_UNIT_DATE},
  {"二○○一年", "二○○一年", TIFAI_UNIT_DATE},
  {"2024年3月发布", "2024年3月", TIFAI_UNIT_DATE},
  {"2023年12月11日在中央经济工作会议上", "2023年12月11日", TIFAI_UNIT_DATE},
  {"三月十八日", "三月十八日", TIFAI_UNIT_DATE},
  {"１２月１１日", "１２月１１日", TIFAI_UNIT_DATE},
  {"12时30分开始", "12时30分", TIFAI_UNIT_DATE},
  {"9时许", "9时", TIFAI_UNIT_DATE},
  {"12:30，", "12:30", TIFAI_UNIT_DATE},
  {"25时", "25", TIFAI_UNIT_NUMBER},                /* no hour 25: a number */
  /* numbers */
  {"126万亿元,增长", "126万亿元", TIFAI_UNIT_NUMBER},
  {"5.2%,增速", "5.2%", TIFAI_UNIT_NUMBER},
  {"14亿多人口", "14亿多", TIFAI_UNIT_NUMBER},
  {"18%以上", "18%以上", TIFAI_UNIT_NUMBER},
  {"5%左右。", "5%左右", TIFAI_UNIT_NUMBER},
  {"超4亿人", "超4亿人", TIFAI_UNIT_NUMBER},
  {"3.5万人", "3.5万人", TIFAI_UNIT_NUMBER},
  {"1000多家企业", "1000多家", TIFAI_UNIT_NUMBER},
  {"60余个城市", "60余个", TIFAI_UNIT_NUMBER},
  {"１２３个", "１２３个", TIFAI_UNIT_NUMBER},
  {"５．２％", "５．２％", TIFAI_UNIT_NUMBER},
  {"百分之五的", "百分之五", TIFAI_UNIT_NUMBER},
  {"百分之5.5", "百分之5.5", TIFAI_UNIT_NUMBER},
  {"1,000元", "1,000元", TIFAI_UNIT_NUMBER},
  {"2万美元、", "2万美元", TIFAI_UNIT_NUMBER},
  {"5千米", "5千米", TIFAI_UNIT_NUMBER},
  {"0.5个百分点", "0.5个百分点", TIFAI_UNIT_NUMBER},
  {"十四亿人民", "十四亿", TIFAI_UNIT_NUMBER},
  {"三千万元", "三千万元", TIFAI_UNIT_NUMBER},
  {"五倍于", "五倍", TIFAI_UNIT_NUMBER},
  {"约30%", "约30%", TIFAI_UNIT_NUMBER},
  {"近5年来", "近5年", TIFAI_UNIT_NUMBER},
  {"10亿", "10亿", TIFAI_UNIT_NUMBER},
  {"30%。", "30%", TIFAI_UNIT_NUMBER},
  {"6篇“深入", "6篇", TIFAI_UNIT_NUMBER},
  {"12306", "12306", TIFAI_UNIT_NUMBER},
  {"2023-2024 学年", "2023", TIFAI_UNIT_NUMBER},
  /* Chinese numerals that are not numbers */
  {"十分重要", "", TIFAI_UNIT_NONE},
  {"一是", "", TIFAI_UNIT_NONE},
  {"一带一路", "", TIFAI_UNIT_NONE},
  {"两个确立", "", TIFAI_UNIT_NONE},
  {"五大任务", "", TIFAI_UNIT_NONE},
  {"十四五", "", TIFAI_UNIT_NONE},
  {"一些", "", TIFAI_UNIT_NONE},
  {"千万不要", "", TIFAI_UNIT_NONE},
  {"百年未有之大变局", "", TIFAI_UNIT_NONE},
  {"万一", "", TIFAI_UNIT_NONE},
  {"三分之一", "", TIFAI_UNIT_NONE},
  {"近日，", "", TIFAI_UNIT_NONE},
  {"超过30%", "", TIFAI_UNIT_NONE},
  {"一江碧水", "", TIFAI_UNIT_NONE},
  /* titles */
  {"《政策措施》的", "《政策措施》", TIFAI_UNIT_TITLE},
  {"《关于支持内蒙古绿色低碳高质量发展若干政策措施的通知》（", "《关于支持内蒙古绿色低碳高质量发展若干政策措施的通知》",
   TIFAI_UNIT_TITLE},
  {"《〈中共中央关于党的百年奋斗重大成就和历史经验的决议〉辅导读本》", "《〈中共中央关于党的百年奋斗重大成就和历史经验的决议〉辅导读本》",
   TIFAI_UNIT_TITLE},
  {"《国务院关于推动内蒙古高质量发展 奋力书写\n中国式现代化新篇章的意见》", "", TIFAI_UNIT_NONE},
  {"《未完", "", TIFAI_UNIT_NONE},
  {"《》", "", TIFAI_UNIT_NONE},                 /* an empty title is no title */
  {"《a〉》", "", TIFAI_UNIT_NONE},
  /* document numbers */
  {"发改环资〔2024〕379号，", "发改环资〔2024〕379号", TIFAI_UNIT_DOCNO},
  {"国发〔2024〕1号）", "国发〔2024〕1号", TIFAI_UNIT_DOCNO},
  {"国办发[2023]15号", "国办发[2023]15号", TIFAI_UNIT_DOCNO},
  {"财税（2024）12号", "财税（2024）12号", TIFAI_UNIT_DOCNO},
  {"〔2024〕1号", "〔2024〕1号", TIFAI_UNIT_DOCNO},
  {"印发了国发〔2024〕1号", "", TIFAI_UNIT_NONE},
  {"国发〔2024〕", "", TIFAI_UNIT_NONE},
  {"国发〔24〕1号", "", TIFAI_UNIT_NONE},
  {"国发〔2024）1号", "", TIFAI_UNIT_NONE},
  {"发展是解决我国一切问题的基础", "", TIFAI_UNIT_NONE},
  /* URLs */
  {"http://www.gov.cn/zhengce/index.htm。", "http://www.gov.cn/zhengce/index.htm", TIFAI_UNIT_URL},
  {"https://example.org/a?b=1&c=2).", "https://example.org/a?b=1&c=2", TIFAI_UNIT_URL},
  {"www.gov.cn，", "www.gov.cn", TIFAI_UNIT_URL},
  /* Latin and digit words */
  {"5G网络", "5G", TIFAI_UNIT_LATIN},
  {"APEC会议", "APEC", TIFAI_UNIT_LATIN},
  {"COVID-19疫情", "COVID-19", TIFAI_UNIT_LATIN},
  {"iPhone15发布", "iPhone15", TIFAI_UNIT_LATIN},
  {"AI+制造", "AI+", TIFAI_UNIT_NONE},       /* '+' only between two: "AI", checked below */
  /* nothing */
  {"", "", TIFAI_UNIT_NONE},
  {"，", "", TIFAI_UNIT_NONE},
  {" 5G", "", TIFAI_UNIT_NONE},
  {"-5", "", TIFAI_UNIT_NONE},
};

static void testcases (void) {
  size_t i;
  for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
    int kind = -1;
    size_t n = tifai_unit(cases[i].s, strlen(cases[i].s), &kind);
    char got[512];
    if (strcmp(cases[i].s, "AI+制造") == 0) {           /* the one special case above */
      checkint(n, 2);
      checkint(kind, TIFAI_UNIT_LATIN);
      continue;
    }
    snprintf(got, sizeof(got), "%.*s (%s)", (int)n, cases[i].s, kindname[kind < 0 ? 0 : kind]);
    {
      char want[512];
      snprintf(want, sizeof(want), "%s (%s)", cases[i].unit, kindname[cases[i].kind]);
      if (strcmp(got, want) != 0) fprintf(stderr, "case %zu: %s\n", i, cases[i].s);
      checkstr(got, want);
    }
  }
}

/* }====== */

/* {====== walking sentences of the sample corpus ====== */

/* The units of s, walked as a segmenter does (a unit, or else one code point), joined by '|' */
static void units (const char *s, char *out, size_t outsz) {
  size_t len = strlen(s), at = 0, o = 0;
  out[0] = '\0';
  while (at < len) {
    int kind;
    size_t n = tifai_unit(s + at, len - at, &kind);
    if (n > 0) {
      check(kind != TIFAI_UNIT_NONE && n <= len - at);
      o += (size_t)snprintf(out + o, outsz - o, "%s%.*s", o ? "|" : "", (int)n, s + at);
      at += n;
    }
    else {
      int32_t cp;
      int k = tifa_utf8_decode(s + at, len - at, &cp);
      check(kind == TIFAI_UNIT_NONE);
      at += k > 0 ? (size_t)k : 1;
    }
  }
}

static const struct { const char *s, *units; } seeds[] = {
  {"全国两会刚刚落下帷幕,自治区党委第一时间召开干部大会", ""},
  {"推动我国经济持续回升向好,国内生产总值超过126万亿元,增长5.2%,增速居世界主要经济体前列",
   "126万亿元|5.2%"},
  {"我国拥有14亿多人口、人均国内生产总值超1.2万美元、中等收入群体规模超4亿人",
   "14亿多|超1.2万美元|超4亿人"},
  {"总量占世界经济的比重上升到18%以上", "18%以上"},
  {"若干政策措施的通知》（发改环资〔2024〕379号，以下简称《政策措施》）", "发改环资〔2024〕379号|《政策措施》"},
  {"——习近平2023年12月11日在中央经济工作会议上的讲话", "2023年12月11日"},
  {"4月23日下午，中共中央总书记、国家主席、中央军委主席习近平在重庆主持召开新时代推动西部大开发座谈会",
   "4月23日"},
  {"在二〇二四年新年贺词中，习近平总书记强调", "二〇二四年"},
  {"2023-2024 学年第一学期第 11 周教职工政治学习材料", "2023|2024|11"},
  {"党中央对新时代推进西部大开发形成新格局作出部署5年来", "5年"},
  {"《内蒙古日报》推出6篇“深入学习贯彻全国两会精神”系列社论", "《内蒙古日报》|6篇"},
  {"更加坚定自觉地拥护“两个确立”、做到“两个维护”", ""},
  {"信息来源: 《内蒙古日报》\n发布时间: 2024-03-18", "《内蒙古日报》|2024-03-18"},
};

static void testseeds (void) {
  size_t i;
  char got[4096];
  for (i = 0; i < sizeof(seeds) / sizeof(seeds[0]); i++) {
    units(seeds[i].s, got, sizeof(got));
    checkstr(got, seeds[i].units);
  }
}

/* Every sentence of 'seeds' must occur in the sample corpus, so that the cases stay real. */
static void testseedsreal (void) {
  const char *dir = getenv("TIFA_SEEDS");
  static const char *const files[] = {"000_5f02c2555ca2acf2.txt", "001_f34ecce1adfb7df6.txt",
    "002_41f0111f64e2b8b0.txt", "003_e65765651145426b.txt", "004_19c2e8de30fa8799.txt"};
  char *all = NULL;
  size_t total = 0, i;
  if (dir == NULL) { fprintf(stderr, "TIFA_SEEDS not set\n"); check(0); return; }
  for (i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
    char path[1024];
    FILE *f;
    long sz;
    snprintf(path, sizeof(path), "%s/%s", dir, files[i]);
    f = fopen(path, "rb");
    check(f != NULL);
    if (f == NULL) continue;
    fseek(f, 0, SEEK_END);
    sz = ftell(f);
    fseek(f, 0, SEEK_SET);
    all = realloc(all, total + (size_t)sz + 1);
    if (all == NULL || fread(all + total, 1, (size_t)sz, f) != (size_t)sz) { check(0); fclose(f); break; }
    total += (size_t)sz;
    all[total] = '\0';
    fclose(f);
  }
  for (i = 0; all != NULL && i < sizeof(seeds) / sizeof(seeds[0]); i++) {
    if (strstr(all, seeds[i].s) == NULL) fprintf(stderr, "not in the seeds: %s\n", seeds[i].s);
    check(strstr(all, seeds[i].s) != NULL);
  }
  free(all);
}

/* }====== */

/* {====== numbers: value, unit, hedge ====== */

static const struct {
  const char *s;
  double value;
  const char *unit, *hedge;
} nums[] = {
  {"126万亿元", 1.26e14, "元", NULL},
  {"5%左右", 5, "%", "左右"},
  {"超4亿", 4e8, NULL, "超"},
  {"14亿多", 1.4e9, NULL, "多"},
  {"18%以上", 18, "%", "以上"},
  {"3.5万人", 35000, "人", NULL},
  {"1000多家", 1000, "家", "多"},
  {"60余个", 60, "个", "余"},
  {"５．２％", 5.2, "%", NULL},
  {"百分之五", 5, "%", NULL},
  {"百分之二十五", 25, "%", NULL},
  {"十四亿", 1.4e9, NULL, NULL},
  {"三千五百万元", 3.5e7, "元", NULL},
  {"一亿二千万", 1.2e8, NULL, NULL},
  {"三万亿元", 3e12, "元", NULL},
  {"1,000元", 1000, "元", NULL},
  {"5千万", 5e7, NULL, NULL},
  {"2万美元", 2e4, "美元", NULL},
  {"0.5个百分点", 0.5, "个百分点", NULL},
};

static int close_to (double a, double b) {
  double d = a - b;
  if (d < 0) d = -d;
  return d <= 1e-9 * (b < 0 ? -b : b) + 1e-12;
}

static void testnumbers (void) {
  size_t i;
  for (i = 0; i < sizeof(nums) / sizeof(nums[0]); i++) {
    tifai_number n;
    size_t len = strlen(nums[i].s);
    size_t k = tifai_number_scan(nums[i].s, len, &n);
    if (k != len || !close_to(n.value, nums[i].value))
      fprintf(stderr, "number %s: read %zu of %zu, value %.17g\n", nums[i].s, k, len, n.value);
    checkint(k, len);
    check(close_to(n.value, nums[i].value));
    checkstr(n.unit ? n.unit : "(none)", nums[i].unit ? nums[i].unit : "(none)");
    checkstr(n.hedge ? n.hedge : "(none)", nums[i].hedge ? nums[i].hedge : "(none)");
  }
}

/* }====== */

/* Units never read past 'len': every prefix of every case, copied to a buffer of its size. */
static void testbounds (void) {
  size_t i, k;
  for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
    size_t len = strlen(cases[i].s);
    for (k = 0; k <= len; k++) {
      char *p = malloc(k ? k : 1);
      int kind;
      if (p == NULL) { check(0); return; }
      memcpy(p, cases[i].s, k);
      check(tifai_unit(p, k, &kind) <= k);
      free(p);
    }
  }
}

int main (void) {
  testcases();
  testseeds();
  testseedsreal();
  testnumbers();
  testbounds();
  return check_done("test_units");
}
