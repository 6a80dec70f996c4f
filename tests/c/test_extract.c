/*
** test_extract.c -- unit test of the C extraction API (tifa_extract.h): byte and code point
** offsets (0-based, end exclusive) on sentences of the sample corpus, counting with max 0,
** partial filling when 'max' is smaller than the count, and empty input. The Lua test
** tests/lua/extract.lua covers the results in depth.
*/
#include <stdio.h>
#include <string.h>
#include "check.h"
#include "tifa_extract.h"

#define SPAN(s, sp)  (int)(sp).nbyte, (s) + (sp).byte

/* the text of a span, for checkstr */
static const char *str (const char *s, tifa_span sp) {
  static char buf[4][512];
  static int k = 0;
  k = (k + 1) % 4;
  snprintf(buf[k], sizeof(buf[k]), "%.*s", SPAN(s, sp));
  return buf[k];
}

static void testdates (void) {
  const char *s = "——习近平2023年12月11日在中央经济工作会议上的讲话";      /* seed 001 */
  tifa_date d[2];
  checkint(tifa_extract_dates(s, strlen(s), NULL, 0), 1);
  checkint(tifa_extract_dates(s, strlen(s), d, 2), 1);
  checkstr(str(s, d[0].at), "2023年12月11日");
  checkint(d[0].at.byte, 15);
  checkint(d[0].at.start, 5);
  checkint(d[0].at.end, 16);
  checkstr(d[0].iso, "2023-12-11");
  checkstr(d[0].precision, "day");
  checkint(tifa_extract_dates("", 0, NULL, 0), 0);
}

static void testnumbers (void) {
  const char *s = "我国拥有14亿多人口、人均国内生产总值超1.2万美元、中等收入群体规模超4亿人";   /* seed 000 */
  tifa_number n[3];
  memset(n, 0, sizeof(n));
  checkint(tifa_extract_numbers(s, strlen(s), NULL, 0), 3);
  checkint(tifa_extract_numbers(s, strlen(s), n, 2), 3);           /* room for two of three */
  checkstr(str(s, n[0].at), "14亿多");
  checkint(n[0].at.start, 4);
  checkint(n[0].at.end, 8);
  check(n[0].value == 1.4e9 && n[0].unit == NULL);
  checkstr(n[0].hedge, "多");
  checkstr(str(s, n[1].at), "超1.2万美元");
  check(n[1].value == 12000);
  checkstr(n[1].unit, "美元");
  checkstr(n[1].hedge, "超");
  check(n[2].at.nbyte == 0);                                       /* not written */
}

static void testquotes (void) {
  const char *s = "会并发表重要讲话。他强调，西部地区在全国改革发展稳定大局中举足轻重。"   /* seed 001 */
                  "习近平总书记强调：“我们要坚定不移推进中国式现代化。”";               /* seed 000, cut */
  tifa_quote q[2];
  checkint(tifa_extract_quotes(s, strlen(s), q, 2), 2);
  checkstr(str(s, q[0].speaker), "他");
  checkstr(str(s, q[0].verb), "强调");
  checkstr(str(s, q[0].text), "西部地区在全国改革发展稳定大局中举足轻重");
  checkint(q[0].text.start, 13);
  checkint(q[0].marked, 0);
  checkstr(str(s, q[1].speaker), "习近平总书记");
  checkstr(str(s, q[1].text), "我们要坚定不移推进中国式现代化。");
  checkint(q[1].marked, 1);
  checkint(q[1].date[0], 0);
  checkint(q[1].occasion.nbyte, 0);
  /* a by-line makes the line before a quotation, inserted before the quotations in it */
  s = "要坚持“稳中求进”。\n\n——习近平2023年12月11日在中央经济工作会议上的讲话";
  checkint(tifa_extract_quotes(s, strlen(s), NULL, 0), 2);
  checkint(tifa_extract_quotes(s, strlen(s), q, 1), 2);            /* only the first written */
  checkstr(str(s, q[0].text), "要坚持“稳中求进”。");
  checkstr(str(s, q[0].speaker), "习近平");
  checkstr(q[0].date, "2023-12-11");
  checkstr(str(s, q[0].occasion), "中央经济工作会议上的讲话");
  checkint(tifa_extract_quotes(s, strlen(s), q, 2), 2);
  checkstr(str(s, q[1].text), "稳中求进");
  /* a by-line after a quotation that is the whole line before: it gets the speaker */
  s = "“要坚持稳中求进。”\n——习近平";
  checkint(tifa_extract_quotes(s, strlen(s), q, 2), 1);
  checkstr(str(s, q[0].text), "要坚持稳中求进。");
  checkstr(str(s, q[0].speaker), "习近平");
  checkint(q[0].marked, 1);
  checkint(q[0].occasion.nbyte, 0);
  /* speakers: kinds, none, a verb with no subject of its own, terms */
  s = "他强调：“要坚持稳中求进。”这场疫情告诉我们：“团结就是力量。”";
  checkint(tifa_extract_quotes(s, strlen(s), q, 2), 2);
  checkint(q[0].speaker_kind, TIFA_ENTITY_PRONOUN);
  checkint(q[1].speaker.nbyte, 0);                                  /* 这场疫情 is nobody */
  checkint(q[1].speaker_kind, 0);
  checkint(q[1].term, 0);
  s = "习近平指出，邓小平同志亲自倡导，指出“开发浦东，不只是浦东的问题”。";
  checkint(tifa_extract_quotes(s, strlen(s), q, 2), 2);
  checkstr(str(s, q[1].speaker), "邓小平同志");                     /* not the paragraph's 习近平 */
  checkint(q[1].speaker_kind, TIFA_ENTITY_PERSON);
  checkstr(str(s, q[1].verb), "指出");
  s = "会议强调，要做好经济工作。同时指出：“要统筹好发展和安全，坚持稳中求进。”";
  checkint(tifa_extract_quotes(s, strlen(s), q, 2), 2);
  checkint(q[1].speaker.nbyte, 0);
  checkint(q[1].speaker_kind, -1);                                  /* the speaker named before */
  s = "本法所称“网络”，是指信息系统。中央经济工作会议提出“五个必须”，深化了认识。";
  checkint(tifa_extract_quotes(s, strlen(s), q, 2), 2);
  checkint(q[0].term, 1);
  checkint(q[0].verb.nbyte, 0);                                     /* not 称 said by 本法所 */
  checkint(q[1].term, 1);
  checkint(q[1].speaker.nbyte, 0);
}

static void testcitations (void) {
  const char *s = "若干政策措施的通知》（发改环资〔2024〕379号，以下简称《政策措施》）";     /* seed 002 */
  tifa_citation c[2];
  checkint(tifa_extract_citations(s, strlen(s), c, 2), 1);         /* the first 》 opens nothing */
  checkstr(str(s, c[0].title), "政策措施");
  checkint(c[0].alias, 0);
  s = "《国务院关于推动内蒙古高质量发展奋力书写中国式现代化新篇章的意见》（以下简称《意见》）";
  checkint(tifa_extract_citations(s, strlen(s), c, 2), 2);
  checkint(c[1].alias, 1);
  checkstr(str(s, c[1].full_title), "国务院关于推动内蒙古高质量发展奋力书写中国式现代化新篇章的意见");
  checkint(c[1].at.start, 38);
  checkint(c[1].at.end, 42);
  checkint(c[1].docno.nbyte, 0);
}

static void testentities (void) {
  const char *s = "国务院总理李强、重庆市委书记袁家军、国家发展改革委主任郑栅洁出席。";
  tifa_entity e[3];
  size_t n = 99, i;
  checkint(tifa_extract_entities(NULL, s, strlen(s), e, 3, &n), TIFA_OK);
  checkint(n, 3);
  checkstr(str(s, e[0].name), "李强");
  checkstr(str(s, e[0].title), "国务院总理");
  checkstr(tifa_entity_kind(e[0].kind), "person");
  checkint(e[1].at.start, 8);
  checkint(e[1].at.end, 17);
  checkstr(str(s, e[2].title), "国家发展改革委主任");
  checkstr(tifa_entity_kind(0), "unknown");
  checkstr(tifa_entity_kind(TIFA_ENTITY_MEETING), "meeting");
  checkstr(tifa_entity_kind(TIFA_ENTITY_PRONOUN), "pronoun");
  checkstr(tifa_entity_kind(TIFA_ENTITY_DOCUMENT), "document");
  s = "周恩来说，精神文明很重要，黎巴嫩看守政府总理米卡提表示谴责。";       /* 周恩来/t, 文明/nr */
  checkint(tifa_extract_entities(NULL, s, strlen(s), e, 3, &n), TIFA_OK);
  check(n >= 2);
  checkstr(str(s, e[0].name), "周恩来");
  checkint(e[0].kind, TIFA_ENTITY_PERSON);
  checkstr(str(s, e[n - 1].name), "米卡提");                         /* a transliterated name whole */
  for (i = 0; i < n && i < 3; i++) check(strcmp(str(s, e[i].name), "文明") != 0);
  checkint(tifa_extract_entities(NULL, "", 0, NULL, 0, &n), TIFA_OK);
  checkint(n, 0);
  checkint(tifa_extract_entities(NULL, "a\xff", 2, NULL, 0, &n), TIFA_ENCODING);
}

int main (void) {
  testdates();
  testnumbers();
  testquotes();
  testcitations();
  testentities();
  return check_done("test_extract");
}
