/*
** test_provisions.c -- the provisions of laws (tifa_structure.h): numerals, labels, starts
** against references, 之一, 项 items and the sections a provision is in.
*/
#include <stdio.h>
#include <string.h>
#include "check.h"
#include "tifa_structure.h"

static long numeral (const char *s) { return tifa_text_numeral(s, strlen(s)); }

static void test_numerals (void) {
  checkint(numeral("一"), 1);
  checkint(numeral("十"), 10);
  checkint(numeral("十二"), 12);
  checkint(numeral("二十"), 20);
  checkint(numeral("一百零一"), 101);
  checkint(numeral("一百一十"), 110);
  checkint(numeral("一百二十三"), 123);
  checkint(numeral("二百四十"), 240);
  checkint(numeral("一千零一"), 1001);
  checkint(numeral("一千二百六十"), 1260);
  checkint(numeral("两千"), 2000);
  checkint(numeral("一〇一"), 101);
  checkint(numeral("三万零五"), 30005);
  checkint(numeral("12"), 12);
  checkint(numeral("１２３"), 123);
  checkint(numeral(""), -1);
  checkint(numeral("十a"), -1);
  checkint(numeral("1二"), -1);
  checkint(numeral("九九九九九九九九九九"), -1);
}

static long labelof (const char *s, long *sub, size_t *len) {
  long n;
  int m;
  *len = tifa_provision_label(s, strlen(s), &n, &m);
  *sub = m;
  return n;
}

static void test_labels (void) {
  long sub;
  size_t len;
  checkint(labelof("第一条　为了规范", &sub, &len), 1);
  checkint(len, strlen("第一条"));
  checkint(labelof("第十条之一 新增", &sub, &len), 10);
  checkint(sub, 1);
  checkint(len, strlen("第十条之一"));
  checkint(labelof("第一百二十八 条侦查人员", &sub, &len), 128);
  checkint(len, strlen("第一百二十八 条"));
  checkint(labelof("第12条 本办法", &sub, &len), 12);
  checkint(labelof("第十条之规定", &sub, &len), 10);
  checkint(sub, 0);
  checkint(len, strlen("第十条"));
  labelof("第一章 总则", &sub, &len);
  checkint(len, 0);
  labelof("第条", &sub, &len);
  checkint(len, 0);
  labelof("依照本法第三十二条", &sub, &len);
  checkint(len, 0);
  checkint(tifa_provision_item_label("（一）甲", strlen("（一）甲")), strlen("（一）"));
  checkint(tifa_provision_item_label("(十二)乙", strlen("(十二)乙")), strlen("(十二)"));
  checkint(tifa_provision_item_label("（1）甲", strlen("（1）甲")), 0);
  checkint(tifa_provision_item_label("（一甲", strlen("（一甲")), 0);
  checkint(tifa_section_level("第一编 总则", strlen("第一编 总则")), 1);
  checkint(tifa_section_level("第一分编 通则", strlen("第一分编 通则")), 2);
  checkint(tifa_section_level("第三章　管　　理", strlen("第三章　管　　理")), 3);
  checkint(tifa_section_level("第二节一般规定", strlen("第二节一般规定")), 4);
  checkint(tifa_section_level("附则", strlen("附则")), 0);
}

/* Cut 'text' at '\n' into paragraphs; a line starting with '#' is a heading (the '#' and a
** space are skipped). */
static size_t paras (const char *text, tifa_para *out, size_t cap) {
  size_t n = 0, i = 0, len = strlen(text);
  while (i < len && n < cap) {
    size_t j = i;
    while (j < len && text[j] != '\n') j++;
    out[n].heading = text[i] == '#';
    out[n].byte = out[n].heading ? i + 2 : i;
    out[n].nbyte = j - out[n].byte;
    n++;
    i = j + 1;
  }
  return n;
}

static void test_provisions (void) {
  const char *law =
    "2020年1月2日通过\n"                                    /* 0 */
    "# 第一章　总　　则\n"                                   /* 1 */
    "第一条　为了规范管理，依照本法第三十二条的规定，制定本条例。\n"  /* 2 */
    "第二条本条例所称某某，是指下列事项：\n"                     /* 3 */
    "（一）甲事项；\n"                                        /* 4 */
    "（二）乙事项；\n"                                        /* 5 */
    "（三）丙事项。\n"                                        /* 6 */
    "依照本条例第一条规定的其他事项，参照本条例执行。\n"          /* 7 */
    "第十二条规定的期限，自通知之日起计算。\n"                   /* 8 */
    "# 第二章 管理\n"                                         /* 9 */
    "# 第一节 一般规定\n"                                     /* 10 */
    "第三条规定本行政区域的事项，由本条例规定。\n"               /* 11: in order */
    "第三条之一 新增的事项。\n"                                /* 12 */
    "# 第二节 特别规定\n"                                     /* 13 */
    "第一百零一条、第一百零二条的规定不适用。\n"                 /* 14: a reference */
    "第一百零一条 本条例自2021年1月1日起施行。\n"               /* 15 */
    "# 附则\n"                                               /* 16 */
    "第一百零二条本条例由某某解释。";                           /* 17 */
  tifa_para ps[32];
  tifa_provision pv[32];
  size_t n = paras(law, ps, 32), np;
  checkint(n, 18);
  np = tifa_text_provisions(law, ps, n, pv, 32);
  checkint(np, 6);
  if (np != 6) return;
  checkint(pv[0].number, 1); checkint(pv[0].first, 2); checkint(pv[0].last, 2);
  checkint(pv[0].nsection, 1); checkint(pv[0].section[0], 1); checkint(pv[0].clauses, 1);
  checkint(pv[1].number, 2); checkint(pv[1].first, 3); checkint(pv[1].last, 8);
  checkint(pv[1].clauses, 3);               /* 3, 7 and the reference 8 */
  checkint(pv[2].number, 3); checkint(pv[2].sub, 0); checkint(pv[2].first, 11);
  checkint(pv[2].nsection, 2); checkint(pv[2].section[0], 9); checkint(pv[2].section[1], 10);
  checkint(pv[3].number, 3); checkint(pv[3].sub, 1); checkint(pv[3].label, strlen("第三条之一"));
  checkint(pv[4].number, 101); checkint(pv[4].first, 15); checkint(pv[4].last, 15);
  checkint(pv[4].nsection, 2); checkint(pv[4].section[1], 13);
  checkint(pv[5].number, 102); checkint(pv[5].nsection, 1); checkint(pv[5].section[0], 16);
  /* too little room: the count, and only 'cap' written */
  pv[2].number = -7;
  checkint(tifa_text_provisions(law, ps, n, pv, 2), 6);
  checkint(pv[2].number, -7);
  /* the first provision must be 第一条 to be taken after a citation's words */
  {
    const char *t = "第十二条规定的期限，自通知之日起计算。\n第一条 为了规范。";
    n = paras(t, ps, 32);
    checkint(tifa_text_provisions(t, ps, n, pv, 32), 1);
    checkint(pv[0].number, 1);
  }
}

static void test_items (void) {
  const char *p = "第十条 管理部门应当履行下列职责：（一）检查；（二）处罚。一是甲，二是乙。\n"
                  "有下列情形之一的：\n（一）甲；\n（二）乙；\n（三）丙。";
  tifa_enum_item it[16];
  size_t n = tifa_provision_items(p, strlen(p), it, 16);
  checkint(n, 5);
  if (n != 5) return;
  checkint(it[0].index, 1); checkint(it[0].group, 0); checkint(it[0].label, strlen("（一）"));
  checkint(it[1].index, 2); checkint(it[1].group, 0);
  checkint(it[2].index, 1); checkint(it[2].group, 1);
  checkint(it[4].index, 3); checkint(it[4].group, 1);
  check(memcmp(p + it[4].span.byte, "（三）丙。", it[4].span.nbyte) == 0);
  check(tifa_provision_items(p, strlen(p), it, 0) > 0);
}

int main (void) {
  test_numerals();
  test_labels();
  test_provisions();
  test_items();
  return check_done("test_provisions");
}
