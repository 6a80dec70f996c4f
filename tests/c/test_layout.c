/*
** test_layout.c -- the layout of pages (host/read/layout.c) on small made-up pages, one
** rule at a time, and the date parser it uses (host/text/date.c). The seed pages as a whole
** are tests/lua/seeds.lua; real-corpus cases are tests/lua/layout.lua.
*/
#include <stdlib.h>
#include <string.h>
#include "check.h"
#include "layout.h"
#include "read_fmt.h"
#include "text.h"

/* {====== Dates ====== */

static void date1 (const char *in, const char *iso, const char *prec, size_t used) {
  char out[16] = "";
  const char *p = NULL;
  size_t n = tifai_date_parse(in, strlen(in), out, &p);
  checkint(n, used);
  if (used == 0) return;
  checkstr(out, iso);
  checkstr(p, prec);
}

static void test_dates (void) {
  date1("2024-03-18", "2024-03-18", "day", 10);
  date1("2024-3-8 10:00", "2024-03-08", "day", 8);
  date1("2024/3/18", "2024-03-18", "day", 9);
  date1("2024.03.18", "2024-03-18", "day", 10);
  date1("2024年3月18日电", "2024-03-18", "day", strlen("2024年3月18日"));
  date1("2024年3月18号", "2024-03-18", "day", strlen("2024年3月18号"));
  date1("２０２４年３月１８日", "2024-03-18", "day", strlen("２０２４年３月１８日"));
  date1("2024年3月", "2024-03", "month", strlen("2024年3月"));
  date1("2024年", "2024", "year", strlen("2024年"));
  date1("2024-03", "2024-03", "month", 7);
  date1("4月23日电", "--04-23", "month-day", strlen("4月23日"));
  date1("12月11日在", "--12-11", "month-day", strlen("12月11日"));
  date1("二〇二四年三月十八日", "2024-03-18", "day", strlen("二〇二四年三月十八日"));
  date1("二〇二三年十二月三十一日", "2023-12-31", "day", strlen("二〇二三年十二月三十一日"));
  date1("三月二十日", "--03-20", "month-day", strlen("三月二十日"));
  /* not dates */
  date1("2024", "", "", 0);
  date1("13月1日", "", "", 0);
  date1("2月30日", "", "", 0);
  date1("2024-13-01", "", "", 0);
  date1("十分重要", "", "", 0);
  date1("第11周", "", "", 0);
  date1("", "", "", 0);
  date1("3月", "", "", 0);
}

/* A lead's date (host/text/leaddate.c): 'iso' "--MM-DD" or "YYYY-MM-DD" and the date's
** own text 'span'; NULL: none. */
static void lead1 (const char *in, const char *iso, const char *span) {
  int y = -1, m = -1, d = -1, ok;
  size_t b0 = 0, b1 = 0;
  char got[40] = "";
  ok = tifai_lead_date(in, strlen(in), &y, &m, &d, &b0, &b1);
  if (iso == NULL) {
    if (ok) fprintf(stderr, "lead date where none: %s\n", in);
    check(!ok);
    return;
  }
  check(ok);
  if (!ok) { fprintf(stderr, "  no lead date: %s\n", in); return; }
  if (y) snprintf(got, sizeof(got), "%04d-%02d-%02d", y % 10000, m % 100, d % 100);
  else snprintf(got, sizeof(got), "--%02d-%02d", m % 100, d % 100);
  checkstr(got, iso);
  check(b1 > b0 && b1 <= strlen(in));
  if (b1 > b0 && b1 <= strlen(in)) checkint(b1 - b0, strlen(span));
  if (b1 > b0 && b1 <= strlen(in)) check(memcmp(in + b0, span, b1 - b0) == 0);
}

static void test_leaddates (void) {
  /* an event at the start of the lead, with or without a time of day */
  lead1("10月12日下午，学校在报告厅召开秋季教学工作会议，校长主持。", "--10-12", "10月12日");
  lead1("3月5日上午，第十四届全国人民代表大会第二次会议在人民大会堂开幕。", "--03-05", "3月5日");
  lead1("1月23日，中共中央总书记习近平致电苏林，祝贺他当选。", "--01-23", "1月23日");
  lead1("2024年3月5日上午，大会在北京举行。", "2024-03-05", "2024年3月5日");
  lead1("十月十二日晚，学院举办迎新晚会。", "--10-12", "十月十二日");
  /* after a credit, a note in brackets, or a short subject */
  lead1("本报讯（通讯员 张三）10月12日下午，学校召开教学工作会议。", "--10-12", "10月12日");
  lead1("央视网消息（新闻联播）：11月4日，国家副主席韩正在北京会见日本客人。", "--11-04", "11月4日");
  lead1("国务院总理李强3月21日主持召开国务院常务会议。", "--03-21", "3月21日");
  lead1("国务院新闻办公室今天（1月16日）举行新闻发布会。", "--01-16", "1月16日");
  /* no date: a period, a start, a future event, no event, a date later in the sentence */
  lead1("1月至10月，全国规模以上工业增加值同比增长5%。", NULL, NULL);
  lead1("1月1日至10月31日，全国共举办展会120场。", NULL, NULL);
  lead1("10月1日起，新修订的条例正式施行。", NULL, NULL);
  lead1("10月12日以来，各地召开会议部署工作。", NULL, NULL);
  lead1("中国民航将从10月30日起执行冬春航季航班计划。", NULL, NULL);
  lead1("开幕式3月8日上午9时将在人民大会堂举行。", NULL, NULL);
  lead1("3月8日上午，大会将在人民大会堂举行第二次全体会议。", NULL, NULL);
  lead1("今天（5月30日）是第七个全国科技工作者日。", NULL, NULL);
  lead1("截至今天（11月5日）下午，已有多人遇难并召开会议。", NULL, NULL);
  lead1("10月12日，天气晴朗，气温适宜。", NULL, NULL);
  lead1("（4）中国民航10月30日起执行冬春航季航班计划。", NULL, NULL);
  lead1("近日，学校在10月12日召开的会议上部署了工作。", NULL, NULL);
  lead1("习近平总书记在2019年7月9日召开的会议上发表重要讲话。", NULL, NULL);
  lead1("10月12日。学校召开会议。", NULL, NULL);   /* the verb is in the next sentence */
  lead1("", NULL, NULL);
  /* term headings */
  checkint(tifai_term_year("2023-2024学年第一学期", strlen("2023-2024学年第一学期"), 10), 2023);
  checkint(tifai_term_year("2023-2024 学年第一学期", strlen("2023-2024 学年第一学期"), 1), 2024);
  checkint(tifai_term_year("2023—2024学年第二学期", strlen("2023—2024学年第二学期"), 3), 2024);
  checkint(tifai_term_year("2023-2025学年", strlen("2023-2025学年"), 10), 0);
  checkint(tifai_term_year("2023-2024年度", strlen("2023-2024年度"), 10), 0);
}

/* The year a lead's month and day take from the page (host/read/layout_lead.c). */
static void test_leadyear (void) {
  static const char lead[] = "12月31日，学校举行新年晚会。";
  static const char lead2[] = "1月1日上午，学校举行升旗仪式。";
  static const char lead3[] = "国家主席习近平12月25日签署第四十一号主席令。";
  tifa_para_src p[1];
  tifa_cut_article page[3];
  char iso[16];
  const char *prec = NULL;
  memset(page, 0, sizeof(page));
  memset(p, 0, sizeof(p));
  p[0].text = lead;
  p[0].len = strlen(lead);
  page[0].paras = p;
  page[0].npara = 1;
  page[1].date = "2023-12-30"; page[1].date_precision = "day";
  page[2].date = "2024-01-02"; page[2].date_precision = "day";
  /* on or before 2024-01-02 (2023-12-31), before 2023-12-30 (2022-12-31): the nearest */
  check(tifai_layout_leaddate(&page[0], page, 3, NULL, 0, NULL, iso, &prec));
  checkstr(iso, "2023-12-31");
  checkstr(prec, "day");
  p[0].text = lead2;
  p[0].len = strlen(lead2);
  check(tifai_layout_leaddate(&page[0], page, 3, NULL, 0, NULL, iso, &prec));
  checkstr(iso, "2024-01-01");                 /* on or before 2024-01-02 */
  check(tifai_layout_leaddate(&page[0], page, 1, NULL, 0, "校园新闻（2023年12月30日）", iso, &prec));
  checkstr(iso, "2023-01-01");                 /* before the title's date: its year */
  p[0].text = lead3;                           /* a page announcing a later date */
  p[0].len = strlen(lead3);
  check(tifai_layout_leaddate(&page[0], page, 1, NULL, 0, "决定2025年3月5日在北京召开", iso, &prec));
  checkstr(iso, "2024-12-25");
  p[0].text = lead2;
  p[0].len = strlen(lead2);
  check(tifai_layout_leaddate(&page[0], page, 1, NULL, 0, NULL, iso, &prec));
  checkstr(iso, "--01-01");
  checkstr(prec, "month-day");
  page[1].date_precision = "month";            /* not a full date: no year from it */
  page[1].date = "2023-12";
  check(tifai_layout_leaddate(&page[0], page, 2, NULL, 0, "2023-2024学年第一学期", iso, &prec));
  checkstr(iso, "2024-01-01");                 /* a term heading: January, the second year */
}

/* }====== */

/* {====== Pages ====== */

typedef struct page {
  tifai_para p[128];
  tifai_doc d;
  char *text;
} page;

/* A text page: each non-blank line a paragraph, as read_text.c hands them over. */
static void mkpage (page *pg, const char *s) {
  size_t n = 0, at = 0, len = strlen(s);
  int line = 1;
  memset(pg, 0, sizeof(*pg));
  pg->text = (char *)malloc(len + 1);
  memcpy(pg->text, s, len + 1);
  while (at < len) {
    size_t e = at;
    while (e < len && pg->text[e] != '\n') e++;
    if (!tifai_isblank(pg->text + at, e - at) && n < 128) {
      tifai_para *p = &pg->p[n++];
      p->text = pg->text + at;
      p->len = e - at;
      p->line_start = p->line_end = line;
      p->byte_start = at;
      p->byte_end = e;
    }
    at = e + 1;
    line++;
  }
  pg->d.paras = pg->p;
  pg->d.npara = n;
  pg->d.line_start = 1;
  pg->d.line_end = line;
  pg->d.byte_end = len;
}

static tifai_layout *L;

static const tifa_cut_article *cut (page *pg, int fmt, size_t *n) {
  const tifa_cut_article *a = NULL;
  checkint(tifai_layout_cut(L, &pg->d, fmt, &a, n), TIFA_OK);
  return a;
}

static void checkpara (const tifa_cut_article *a, size_t i, const char *text, int l0, int l1, int kind) {
  if (i >= a->npara) { check(i < a->npara); return; }
  checkint(a->paras[i].len, strlen(text));
  check(a->paras[i].len == strlen(text) && memcmp(a->paras[i].text, text, a->paras[i].len) == 0);
  if (a->paras[i].len != strlen(text) || memcmp(a->paras[i].text, text, a->paras[i].len) != 0)
    fprintf(stderr, "  paragraph %zu: '%.*s'\n  want: '%s'\n", i, (int)a->paras[i].len, a->paras[i].text, text);
  checkint(a->paras[i].line_start, l0);
  checkint(a->paras[i].line_end, l1);
  checkint(a->paras[i].kind, kind);
}

#define field(a, f)  ((a)->f ? (a)->f : "(null)")

static void test_repair (void) {
  page pg;
  size_t n;
  const tifa_cut_article *a;
  /* a page break after a character that cannot end a sentence: joined */
  mkpage(&pg, "标题在此\n\n外部环境的变化，国际竞\n\n争的加剧，必然深刻影响我国发展。\n\n下一段落以句号结束。\n");
  a = cut(&pg, TIFAI_FMT_TEXT, &n);
  checkint(n, 1);
  checkstr(a->title, "标题在此");
  checkint(a->npara, 2);
  checkpara(a, 0, "外部环境的变化，国际竞争的加剧，必然深刻影响我国发展。", 3, 5, TIFA_PARA_TEXT);
  checkpara(a, 1, "下一段落以句号结束。", 7, 7, TIFA_PARA_TEXT);
  free(pg.text);
  /* hard-wrapped lines of one width, paragraphs marked by a leading space; a line that starts
  ** with closing punctuation joins the one before */
  mkpage(&pg, "题目\n"
              " 第一段第一行文字第一段第一行文字第一段第一行文字第一行\n"
              "第一段第二行文字第一段第二行文字第一段第二行文字第二行\n"
              "第一段第三行文字第一段第三行文字第一段第三行文字第三行\n"
              "。\n"
              " 第二段第一行文字第二段第一行文字第二段第一行文字第一行\n"
              "第二段结束。\n");
  a = cut(&pg, TIFAI_FMT_TEXT, &n);
  checkint(n, 1);
  checkint(a->npara, 2);
  checkpara(a, 0, "第一段第一行文字第一段第一行文字第一段第一行文字第一行第一段第二行文字第一段第二行文字"
            "第一段第二行文字第二行第一段第三行文字第一段第三行文字第一段第三行文字第三行。", 2, 5,
            TIFA_PARA_TEXT);
  checkpara(a, 1, "第二段第一行文字第二段第一行文字第二段第一行文字第一行第二段结束。", 6, 7, TIFA_PARA_TEXT);
  free(pg.text);
  /* lines of different widths without blank lines are paragraphs of their own; a repeat is
  ** dropped; a short last line after prose stays prose */
  mkpage(&pg, "题目\n\n第一段很长，有逗号。\n图片说明：会议现场，代表们认真听取报告。\n第三段。\n图片说明：会议现场，代表们认真听取报告。\n结尾没有标点\n");
  a = cut(&pg, TIFAI_FMT_TEXT, &n);
  checkint(n, 1);
  checkint(a->npara, 4);
  checkpara(a, 1, "图片说明：会议现场，代表们认真听取报告。", 4, 4, TIFA_PARA_TEXT);
  checkpara(a, 3, "结尾没有标点", 7, 7, TIFA_PARA_TEXT);
  checkint(a->ndropped, 2);                         /* the title line and the repeat */
  if (a->ndropped == 2) { checkstr(a->why[1], "repeat"); checkint(a->dropped[1].line_start, 6); }
  free(pg.text);
  /* a page of short lines only: they are its text, nothing is dropped */
  mkpage(&pg, "营商环境\n\n优化营商环境\n");
  a = cut(&pg, TIFAI_FMT_TEXT, &n);
  checkint(n, 1);
  check(a->title == NULL);                          /* ingest takes the first line */
  checkint(a->npara, 2);
  free(pg.text);
}

static void test_fields (void) {
  page pg;
  size_t n;
  const tifa_cut_article *a;
  /* byline, dateline with reporters, a note at the end */
  mkpage(&pg, "题目一\n\n本报记者 张三 李四\n\n新华社北京3月5日电（记者 王五）正文开始。\n\n正文结束。（据人民网）\n");
  a = cut(&pg, TIFAI_FMT_TEXT, &n);
  checkint(n, 1);
  checkstr(field(a, author), "张三、李四");
  checkstr(field(a, outlet), "新华社");               /* the agency that wrote it; */
  check(a->meta && strstr(a->meta, "（据人民网）") != NULL);   /* where this copy came from */
  checkstr(field(a, place), "北京");
  checkstr(field(a, date), "--03-05");
  checkstr(field(a, date_precision), "month-day");
  checkint(a->npara, 2);
  checkpara(a, 1, "正文结束。", 7, 7, TIFA_PARA_TEXT);
  free(pg.text);
  /* the dateline names the outlet when nothing else does; the page's year completes it */
  mkpage(&pg, "发布时间: 2023-10-12\n\n题目\n\n新华社南昌10月12日电 正文。\n");
  a = cut(&pg, TIFAI_FMT_TEXT, &n);
  checkint(n, 1);
  checkstr(field(a, outlet), "新华社");
  checkstr(field(a, date), "2023-10-12");
  checkstr(field(a, date_precision), "day");
  free(pg.text);
  /* （作者：NAME  AFFILIATION） at the end; 编辑 and furniture as page fields */
  mkpage(&pg, "专栏名｜文章题目\n\n正文一段。\n\n正文二段。（作者：周某  某研究院研究员）\n\n编辑:席某\n主办单位:某某办公厅\nICP备案号:京ICP备123号\n手机版\n");
  a = cut(&pg, TIFAI_FMT_TEXT, &n);
  checkint(n, 1);
  checkstr(field(a, series), "专栏名");
  checkstr(field(a, title), "文章题目");
  checkstr(field(a, author), "周某");
  checkstr(field(a, affiliation), "某研究院研究员");
  checkstr(field(a, editor), "席某");
  check(a->meta && strstr(a->meta, "\"主办单位\":\"某某办公厅\"") != NULL);
  check(a->meta && strstr(a->meta, "\"ICP备案号\":\"京ICP备123号\"") != NULL);
  checkint(a->npara, 2);
  checkpara(a, 1, "正文二段。", 5, 5, TIFA_PARA_TEXT);
  free(pg.text);
}

static void test_articles (void) {
  page pg;
  size_t n;
  const tifa_cut_article *a;
  /* quote box, then kicker / title / subtitle before a dateline; a section heading; a lone
  ** heading at the end */
  mkpage(&pg, "某某论坚持 稳中求进\n\n要坚持稳中求进。\n\n——某某2023年12月11日在会议上的讲话\n\n"
              "某某主持召开座谈会强调\n\n推进大开发形成新格局\n\n李某王某出席\n\n"
              "新华社重庆4月23日电 座谈会召开。\n\n小节标题在此\n\n小节正文。\n\n孤立的标题\n");
  a = cut(&pg, TIFAI_FMT_TEXT, &n);
  checkint(n, 2);
  if (n == 2) {
    checkstr(field(&a[0], title), "某某论坚持 稳中求进");
    checkstr(field(&a[0], author), "某某");
    checkstr(field(&a[0], date), "2023-12-11");
    checkpara(&a[0], 0, "要坚持稳中求进。", 3, 3, TIFA_PARA_QUOTE);
    checkstr(field(&a[1], kicker), "某某主持召开座谈会强调");
    checkstr(field(&a[1], title), "推进大开发形成新格局");
    checkstr(field(&a[1], subtitle), "李某王某出席");
    checkstr(field(&a[1], outlet), "新华社");
    checkint(a[1].npara, 3);
    checkpara(&a[1], 1, "小节标题在此", 15, 15, TIFA_PARA_HEADING);
    checkint(a[1].line_start, 7);
    checkint(a[1].line_end, 17);
    checkstr(a[1].why[a[1].ndropped - 1], "heading with no text after it");
  }
  free(pg.text);
  /* a collection: every heading starts an article; a two-line title; items */
  mkpage(&pg, "合集|三论某某精神\n信息来源: 《某某日报》\n\n  导语一段。\n\n更加深刻领悟\n\n“两个确立”的意义\n\n"
              "  第一篇正文。\n\n第二篇题目\n\n  第二篇正文：\n\n（一）第一项内容较长，说明一些事情。\n\n一是要这样做。\n");
  a = cut(&pg, TIFAI_FMT_TEXT, &n);
  checkint(n, 3);
  if (n == 3) {
    checkstr(field(&a[0], title), "三论某某精神");
    checkstr(field(&a[0], outlet), "某某日报");
    checkstr(field(&a[1], title), "更加深刻领悟“两个确立”的意义");
    checkstr(field(&a[1], series), "三论某某精神");
    checkstr(field(&a[2], title), "第二篇题目");
    checkint(a[2].npara, 3);
    checkpara(&a[2], 1, "（一）第一项内容较长，说明一些事情。", 16, 16, TIFA_PARA_ITEM);
    checkpara(&a[2], 2, "一是要这样做。", 18, 18, TIFA_PARA_ITEM);
  }
  free(pg.text);
  /* a column banner, a title and a byline start a second article */
  mkpage(&pg, "第一篇题目\n\n第一篇正文。\n\n深入学习贯彻某某思想专栏\n\n第二篇的题目\n\n□ 某作者\n\n第二篇正文。\n");
  a = cut(&pg, TIFAI_FMT_TEXT, &n);
  checkint(n, 2);
  if (n == 2) {
    checkstr(field(&a[1], series), "深入学习贯彻某某思想专栏");
    checkstr(field(&a[1], title), "第二篇的题目");
    checkstr(field(&a[1], author), "某作者");
  }
  free(pg.text);
  /* a record (JSONL) is never split; its own fields win */
  mkpage(&pg, "小标题\n\n正文。\n\n另一个标题\n\n□ 某人\n\n正文二。\n");
  pg.d.title = "记录标题";
  pg.d.author = "记录作者";
  pg.d.date = "2024年5月1日";
  a = cut(&pg, TIFAI_FMT_JSONL, &n);
  checkint(n, 1);
  checkstr(field(a, title), "记录标题");
  checkstr(field(a, author), "记录作者");
  checkstr(field(a, date), "2024-05-01");
  checkint(a->npara, 4);
  free(pg.text);
}

/* }====== */

/* The accounting (layout_account.c): every character of the page is kept, in a field or
** dropped with a reason; a clause repeated in another 条 is no repeat; a loss is found with
** its lines. */
static void test_account (void) {
  page pg;
  size_t n, i;
  const tifa_cut_article *a;
  const tifa_account *t;
  tifai_account *A = NULL;
  tifa_cut_article lossy;
  checkint(tifai_account_new(&A), TIFA_OK);
  mkpage(&pg, "某某条例\n\n第一条　为了规范社区服务，制定本条例。\n\n第二条　街道办事处履行下列职责：\n\n"
              "（五）不履行本条例规定的其他职责的。\n\n第三条　区人民政府有下列行为之一的，由上级机关责令改正：\n\n"
              "（五）不履行本条例规定的其他职责的。\n\n（五）不履行本条例规定的其他职责的。\n\n"
              "第四条　本条例自公布之日起施行，各区应当遵照执行。（据某某日报）\n");
  a = cut(&pg, TIFAI_FMT_TEXT, &n);
  checkint(n, 1);
  checkint(a->npara, 6);                            /* the clause of 第三条 stays */
  checkpara(a, 2, "（五）不履行本条例规定的其他职责的。", 7, 7, TIFA_PARA_ITEM);
  checkpara(a, 4, "（五）不履行本条例规定的其他职责的。", 11, 11, TIFA_PARA_ITEM);
  checkint(a->ndropped, 2);                         /* the title, the copy right after */
  if (a->ndropped == 2) { checkstr(a->why[1], "repeat"); checkint(a->dropped[1].line_start, 13); }
  {
    int64_t notes, bullets;
    int dated;
    tifai_layout_moved(L, &notes, &bullets, &dated);
    checkint(notes, 7);                             /* （据某某日报） at the end */
    checkint(tifai_account_page(A, &pg.d, a, n, 0, notes, bullets), TIFA_OK);
  }
  t = tifai_account_get(A);
  checkint(t->missing, 0);
  checkint(t->ngaps, 0);
  check(t->body > 0 && t->body == t->kept + t->fields + t->dropped);
  for (i = 0; i < t->nparts; i++) {
    if (strcmp(t->parts[i].why, "title") == 0) { checkint(t->parts[i].chars, 4); checkint(t->parts[i].field, 1); }
    if (strcmp(t->parts[i].why, "repeat") == 0) { checkint(t->parts[i].chars, 18); checkint(t->parts[i].field, 0); }
  }
  {                                                 /* an article that lost a paragraph */
    tifa_para_src keep[8];
    size_t k, m = 0;
    for (k = 0; k < a->npara && m < 8; k++) if (k != 2) keep[m++] = a->paras[k];
    lossy = a[0];
    lossy.paras = keep;
    lossy.npara = m;
    tifai_account_reset(A);
    checkint(tifai_account_page(A, &pg.d, &lossy, 1, 0, 7, 0), TIFA_OK);
    t = tifai_account_get(A);
    checkint(t->missing, 18);
    checkint(t->ngaps, 1);
    if (t->ngaps == 1) { checkint(t->gaps[0].line_start, 7); checkint(t->gaps[0].chars, 18); }
  }
  free(pg.text);
  tifai_account_free(A);
}

/* Genres (layout_genre.c) and a law's header events (layout_law.c) */
static void test_genres (void) {
  page pg;
  size_t n;
  const tifa_cut_article *a;
  mkpage(&pg, "某省河道管理条例\n\n"
              "2001年3月30日 某省第九届人民代表大会常务委员会第二十二次会议通过\n"
              "2001年4月2日 某省人民代表大会常务委员会公告第45号公布\n"
              "2016年9月29日 某省第十二届人民代表大会常务委员会第二十九次会议第二次修正"
              "根据2020年11月27日某省第十三届人民代表大会常务委员会第二十一次会议第三次修正\n"
              "2021年1月1日 施行\n\n第一章　总则\n\n第一条　为了加强河道管理，制定本条例。\n\n"
              "第二条　本条例适用于本省。\n\n第三条　本条例自2001年6月1日起施行。\n");
  a = cut(&pg, TIFAI_FMT_TEXT, &n);
  checkint(n, 1);
  if (n == 1) {
    checkstr(field(a, genre), "law");
    checkstr(field(a, title), "某省河道管理条例");        /* not 第一章 */
    checkstr(field(a, date), "2020-11-27");          /* the latest 修正, from a joined line */
    checkstr(field(a, date_source), "field");
    checkstr(field(a, effective), "2021-01-01");
    check(a->events != NULL && strstr(a->events, "{\"date\":\"2016-09-29\",\"kind\":\"修正\",\"text\":"
                                                  "\"2016年9月29日 某省第十二届人民代表大会常务委员会第二十九次会议第二次修正\"}") != NULL);
    check(a->events != NULL && strstr(a->events, "\"date\":\"2001-04-02\",\"kind\":\"公布\"") != NULL);
    check(a->events != NULL && strstr(a->events, "\"date\":\"2001-03-30\",\"kind\":\"通过\"") != NULL);
    checkint(a->npara, 4);                          /* 第一章 and three 条: no header lines */
    checkpara(a, 0, "第一章　总则", 8, 8, TIFA_PARA_HEADING);
    checkint(a->ndropped, 5);                       /* the title, five events in four lines */
  }
  free(pg.text);
  tifai_layout_genre(L, "news");                    /* forced: no law rules */
  mkpage(&pg, "某某条例\n\n2018年11月6日 中华人民共和国国务院令第706号公布\n\n"
              "第一条　为了保护某某设施，制定本条例。\n\n第二条　本条例所称某某设施。\n\n第三条　本条例自公布之日起施行。\n");
  a = cut(&pg, TIFAI_FMT_TEXT, &n);
  if (n >= 1) { checkstr(field(a, genre), "news"); check(a->events == NULL); }
  tifai_layout_genre(L, NULL);
  a = cut(&pg, TIFAI_FMT_TEXT, &n);                 /* a 国务院令 line: 公布 */
  if (n >= 1) {
    checkstr(field(a, genre), "law");
    checkstr(field(a, date), "2018-11-06");
    check(a->events != NULL && strstr(a->events, "\"kind\":\"公布\"") != NULL);
  }
  free(pg.text);
  mkpage(&pg, "国务院关于某某工作的通知\n国发〔2024〕1号\n\n各省、自治区、直辖市人民政府：\n\n"
              "为做好某某工作，现通知如下。\n\n国务院\n2024年1月5日\n");
  a = cut(&pg, TIFAI_FMT_TEXT, &n);
  if (n >= 1) checkstr(field(a, genre), "document");
  free(pg.text);
  mkpage(&pg, "关于某某工作的通知\n\n各区人民政府：\n\n为做好某某工作，现通知如下。\n\n某市人民政府\n2024年1月5日\n");
  a = cut(&pg, TIFAI_FMT_TEXT, &n);                 /* 主送机关 and 成文日期, no 发文字号 */
  if (n >= 1) checkstr(field(a, genre), "document");
  free(pg.text);
  mkpage(&pg, "国务院文件\n国发〔2024〕1号\n国务院关于某某\n工作的通知\n各区人民政府，各部门：\n"
              "为做好某某工作，现通知如下。\n一、加强领导\n各区要建立工作机制。\n"
              "附件：某某工作清单\n国务院\n2024年1月5日\n附件\n某某工作清单\n"
              "抄送：某某委员会。\n国务院办公厅 2024年1月6日印发\n");
  a = cut(&pg, TIFAI_FMT_TEXT, &n);                 /* layout_doc.c: elements as fields */
  checkint(n, 1);
  if (n == 1) {
    size_t k;
    checkstr(field(a, genre), "document");
    checkstr(field(a, title), "国务院关于某某工作的通知");   /* two lines joined */
    checkstr(field(a, date), "2024-01-05");          /* the 成文日期, not the 印发 date */
    checkstr(field(a, date_source), "field");
    check(a->meta != NULL && strstr(a->meta, "\"docno\":\"国发〔2024〕1号\",\"docno_organ\":\"国发\","
                                             "\"docno_year\":2024,\"docno_number\":1,\"organ\":\"国务院\"") != NULL);
    check(a->meta != NULL && strstr(a->meta, "\"addressees\":[\"各区人民政府\",\"各部门\"]") != NULL);
    check(a->meta != NULL && strstr(a->meta, "\"attachments\":[\"某某工作清单\"]") != NULL);
    check(a->meta != NULL && strstr(a->meta, "\"issued_by\":\"国务院办公厅\",\"issued_date\":\"2024-01-06\"") != NULL);
    checkint(a->npara, 5);                          /* the body, its heading, the 附件 */
    checkpara(a, 1, "一、加强领导", 7, 7, TIFA_PARA_HEADING);
    checkpara(a, 3, "附件", 12, 12, TIFA_PARA_HEADING);
    checkint(a->ndropped, 10);
    for (k = 0; k < a->ndropped; k++)
      check(strcmp(a->why[k], "title") == 0 || strncmp(a->why[k], "document ", 9) == 0);
    checkint(a->line_start, 1);
    checkint(a->line_end, 15);
  }
  free(pg.text);
  mkpage(&pg, "某地推进某某工作\n\n日前，国务院印发《关于某某工作的通知》。\n\n国发〔2024〕1号\n\n"
              "通知要求加强领导。\n\n国务院办公厅\n2024年1月5日\n");
  a = cut(&pg, TIFAI_FMT_TEXT, &n);                 /* a news story quoting a 文号 */
  if (n >= 1) { checkstr(field(a, genre), "news"); check(a->meta == NULL); }
  free(pg.text);
  mkpage(&pg, "在某某工作会议上的讲话\n\n同志们：\n\n这次会议的主要任务是，部署今年工作。\n");
  a = cut(&pg, TIFAI_FMT_TEXT, &n);
  if (n == 1) {
    checkstr(field(a, genre), "speech");
    checkstr(field(a, title), "在某某工作会议上的讲话");
    checkpara(a, 0, "同志们：", 3, 3, TIFA_PARA_TEXT);   /* the salutation stays text */
    check(a->date_source == NULL);
  }
  free(pg.text);
  mkpage(&pg, "某地举行某某活动\n\n新华社北京3月5日电 某地今天举行某某活动。\n\n活动持续三天。\n");
  a = cut(&pg, TIFAI_FMT_TEXT, &n);
  if (n == 1) {
    checkstr(field(a, genre), "news");
    checkstr(field(a, date_source), "dateline");
    check(a->events == NULL && a->effective == NULL);
  }
  free(pg.text);
}

/* JSON strings for meta (tifai_buf_addjson) */
static void test_json (void) {
  tifai_buf b = TIFAI_BUF_INIT;
  tifai_buf_addjson(&b, "a\"b\\c\n\x01主办", strlen("a\"b\\c\n\x01主办"));
  checkstr(b.p, "\"a\\\"b\\\\c\\u000a\\u0001主办\"");
  tifai_buf_reset(&b);
  tifai_buf_addjson(&b, "", 0);
  checkstr(b.p, "\"\"");
  tifai_buf_free(&b);
}

int main (void) {
  test_dates();
  test_leaddates();
  test_leadyear();
  test_json();
  checkint(tifai_layout_new(&L), TIFA_OK);
  test_repair();
  test_fields();
  test_articles();
  test_account();
  test_genres();
  tifai_layout_free(L);
  return check_done("layout");
}
