/*
** test_reader.c -- the format readers of ingest (host/read/reader.h): lines fed with made-up
** raw offsets (line i spans bytes 1000*i .. 1000*i+999), articles checked field by field for
** text, Markdown, HTML, JSON Lines and CSV; then the fixtures in $TIFA_DATA/formats.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tifa.h"
#include "reader.h"
#include "check.h"

#define NBSP  "\xC2\xA0"
#define MAXDOC  8

/* {====== Collecting what a reader hands over ====== */
typedef struct tpara {
  char *text;
  char *href;               /* the paragraph is one link: its target */
  size_t len;
  uint64_t b0, b1;
  int l0, l1, kind;
} tpara;

typedef struct tdoc {
  char *title, *author, *outlet, *date, *url, *meta;
  tpara *p;
  size_t np;
  uint64_t b0, b1;
  int l0, l1;
} tdoc;

typedef struct coll {
  tdoc d[MAXDOC];
  int n;                    /* articles handed over (only the first MAXDOC are kept) */
  int stopat, stoprc;       /* return 'stoprc' for article number 'stopat' (1-based) */
  char notes[1024];         /* the reader's notes: "LINE F|W message\n" each */
} coll;

static char *dup (const char *s) {
  char *d;
  if (s == NULL) return NULL;
  d = (char *)malloc(strlen(s) + 1);
  if (d != NULL) strcpy(d, s);
  return d;
}

static int collect (void *ud, const tifai_doc *doc) {
  coll *c = (coll *)ud;
  size_t i;
  c->n++;
  check(doc->npara > 0);
  if (c->n <= MAXDOC) {
    tdoc *d = &c->d[c->n - 1];
    d->title = dup(doc->title);
    d->author = dup(doc->author);
    d->outlet = dup(doc->outlet);
    d->date = dup(doc->date);
    d->url = dup(doc->url);
    d->meta = dup(doc->meta);
    d->b0 = doc->byte_start;
    d->b1 = doc->byte_end;
    d->l0 = doc->line_start;
    d->l1 = doc->line_end;
    d->np = doc->npara;
    d->p = (tpara *)calloc(doc->npara ? doc->npara : 1, sizeof(tpara));
    for (i = 0; d->p != NULL && i < doc->npara; i++) {
      const tifai_para *p = &doc->paras[i];
      check(p->text[p->len] == '\0');              /* texts are NUL-terminated too */
      check(p->line_start <= p->line_end && p->byte_start <= p->byte_end);
      d->p[i].text = (char *)malloc(p->len + 1);
      if (d->p[i].text) { memcpy(d->p[i].text, p->text, p->len); d->p[i].text[p->len] = '\0'; }
      d->p[i].len = p->len;
      d->p[i].b0 = p->byte_start;
      d->p[i].b1 = p->byte_end;
      d->p[i].l0 = p->line_start;
      d->p[i].l1 = p->line_end;
      d->p[i].kind = p->kind;
      check((p->href == NULL) == (p->hreflen == 0));
      if (p->href) { check(p->href[p->hreflen] == '\0'); d->p[i].href = dup(p->href); }
    }
  }
  return (c->n == c->stopat) ? c->stoprc : 0;
}

static int takenote (void *ud, int line, int failed, const char *msg) {
  coll *c = (coll *)ud;
  size_t n = strlen(c->notes);
  snprintf(c->notes + n, sizeof(c->notes) - n, "%d %c %s\n", line, failed ? 'F' : 'W', msg);
  return 0;
}

static void collfree (coll *c) {
  int i;
  size_t j;
  for (i = 0; i < c->n && i < MAXDOC; i++) {
    tdoc *d = &c->d[i];
    free(d->title); free(d->author); free(d->outlet); free(d->date); free(d->url); free(d->meta);
    for (j = 0; d->p && j < d->np; j++) { free(d->p[j].text); free(d->p[j].href); }
    free(d->p);
  }
  memset(c, 0, sizeof(*c));
}

/* Feed 'src' split at "\n" (a final "\n" ends the last line); line i gets raw bytes
** [1000*i, 1000*i + 999]. Returns the first non-OK result of a line, else finish's result;
** copies the reader's message into 'err'. */
static int run (int fmt, const char *src, coll *c, char *err, size_t errsz) {
  tifai_reader *r = NULL;
  const char *s = src, *e;
  uint64_t i = 1;
  int rc = tifai_reader_new(fmt, collect, c, &r);
  check(rc == TIFA_OK && r != NULL);
  if (rc != TIFA_OK) return rc;
  tifai_reader_onnote(r, takenote, c);
  check(strcmp(tifai_reader_errmsg(r), "") == 0);
  while (rc == TIFA_OK && *s) {
    e = strchr(s, '\n');
    if (e == NULL) e = s + strlen(s);
    rc = tifai_reader_line(r, s, (size_t)(e - s), 1000 * i, 1000 * i + 999);
    i++;
    s = *e ? e + 1 : e;
  }
  if (rc == TIFA_OK) rc = tifai_reader_finish(r);
  if (err) snprintf(err, errsz, "%s", tifai_reader_errmsg(r));
  tifai_reader_free(r);
  return rc;
}

/* check paragraph 'i' of article 'd': kind, lines and the raw range they imply, text */
#define checkpara(d, i, k, a, b, txt) do { \
    check((size_t)(i) < (d)->np); \
    if ((size_t)(i) < (d)->np) { const tpara *p_ = &(d)->p[i]; \
      checkint(p_->kind, k); checkint(p_->l0, a); checkint(p_->l1, b); \
      checkint(p_->b0, 1000 * (a)); checkint(p_->b1, 1000 * (b) + 999); \
      checkstr(p_->text, txt); checkint(p_->len, strlen(txt)); } } while (0)

#define checknull(s)  check((s) == NULL)

/* no paragraph of 'd' contains 'word' */
static int absent (const tdoc *d, const char *word) {
  size_t i;
  for (i = 0; i < d->np; i++)
    if (strstr(d->p[i].text, word) != NULL) return 0;
  return 1;
}
/* }====== */

/* {====== Format names ====== */
static void test_names (void) {
  checkint(tifai_format_of_path("a/b/c.TXT"), TIFAI_FMT_TEXT);
  checkint(tifai_format_of_path("news/20240318.md"), TIFAI_FMT_MARKDOWN);
  checkint(tifai_format_of_path("x.Markdown"), TIFAI_FMT_MARKDOWN);
  checkint(tifai_format_of_path("page.htm"), TIFAI_FMT_HTML);
  checkint(tifai_format_of_path("page.HTML"), TIFAI_FMT_HTML);
  checkint(tifai_format_of_path("page.xhtml"), TIFAI_FMT_HTML);
  checkint(tifai_format_of_path("gov.jsonl"), TIFAI_FMT_JSONL);
  checkint(tifai_format_of_path("gov.ndjson"), TIFAI_FMT_JSONL);
  checkint(tifai_format_of_path("a.b.CSV"), TIFAI_FMT_CSV);
  checkint(tifai_format_of_path("README"), TIFAI_FMT_TEXT);
  checkint(tifai_format_of_path("dir.md/file"), TIFAI_FMT_TEXT);
  checkint(tifai_format_of_path(".md"), TIFAI_FMT_TEXT);
  checkint(tifai_format_of_path("report.pdf"), TIFAI_FMT_TEXT);
  checkint(tifai_format_of_name("text"), TIFAI_FMT_TEXT);
  checkint(tifai_format_of_name("md"), TIFAI_FMT_MARKDOWN);
  checkint(tifai_format_of_name("markdown"), TIFAI_FMT_MARKDOWN);
  checkint(tifai_format_of_name("html"), TIFAI_FMT_HTML);
  checkint(tifai_format_of_name("jsonl"), TIFAI_FMT_JSONL);
  checkint(tifai_format_of_name("csv"), TIFAI_FMT_CSV);
  checkint(tifai_format_of_name("xml"), 0);
  checkint(tifai_format_of_name(""), 0);
  checkstr(tifai_format_name(TIFAI_FMT_TEXT), "text");
  checkstr(tifai_format_name(TIFAI_FMT_MARKDOWN), "markdown");
  checkstr(tifai_format_name(TIFAI_FMT_HTML), "html");
  checkstr(tifai_format_name(TIFAI_FMT_JSONL), "jsonl");
  checkstr(tifai_format_name(TIFAI_FMT_CSV), "csv");
}
/* }====== */

/* {====== Empty inputs and stopping, for every format ====== */
static void test_empty (void) {
  static const char *const blank[] = {"", "\n\n   \n", "\xE3\x80\x80\n" NBSP "\n"};
  int fmt, i;
  coll c = {0};
  char err[256];
  for (fmt = TIFAI_FMT_TEXT; fmt <= TIFAI_FMT_CSV; fmt++) {
    for (i = 0; i < 3; i++) {
      checkint(run(fmt, blank[i], &c, err, sizeof(err)), TIFA_OK);
      checkint(c.n, 0);
      checkstr(err, "");
      collfree(&c);
    }
  }
  checkint(run(TIFAI_FMT_HTML, "<html><body><p>&nbsp;</p><p>\xE3\x80\x80</p><script>x</script></body></html>",
               &c, NULL, 0), TIFA_OK);
  checkint(c.n, 0);
  collfree(&c);
  checkint(run(TIFAI_FMT_CSV, "title,text\n", &c, NULL, 0), TIFA_OK);   /* a header alone */
  checkint(c.n, 0);
  collfree(&c);
  tifai_reader_free(NULL);
}

/* The callback's non-zero result stops reading and comes back, again and again. */
static void test_stop (void) {
  static const char *const src[] = {"一段\n二段\n", "# 标题\n\n正文\n", "<p>正文</p>\n",
    "{\"text\":\"一\"}\n{\"text\":\"二\"}\n", "title,text\n甲,一\n乙,二\n"};
  int fmt;
  for (fmt = TIFAI_FMT_TEXT; fmt <= TIFAI_FMT_CSV; fmt++) {
    coll c = {0};
    tifai_reader *r;
    const char *s = src[fmt - 1], *e;
    int rc = TIFA_OK, line = 0, stopline = 0;
    c.stopat = 1;
    c.stoprc = 42;
    checkint(tifai_reader_new(fmt, collect, &c, &r), TIFA_OK);
    for (; *s; s = e + 1) {
      e = strchr(s, '\n');
      line++;
      rc = tifai_reader_line(r, s, (size_t)(e - s), 0, 0);
      if (rc != TIFA_OK && stopline == 0) stopline = line;
    }
    if (rc == TIFA_OK) rc = tifai_reader_finish(r);
    checkint(rc, 42);
    checkint(c.n, 1);                                  /* nothing after the stop */
    if (fmt == TIFAI_FMT_JSONL) checkint(stopline, 1);  /* streaming: stops at its line */
    if (fmt == TIFAI_FMT_CSV) checkint(stopline, 2);
    checkint(tifai_reader_finish(r), 42);
    checkint(tifai_reader_line(r, "x", 1, 0, 0), 42);
    checkstr(tifai_reader_errmsg(r), "");
    tifai_reader_free(r);
    collfree(&c);
  }
}
/* }====== */

/* {====== Plain text ====== */
static void test_text (void) {
  coll c = {0};
  tifai_reader *r;
  const tdoc *d = &c.d[0];
  checkint(run(TIFAI_FMT_TEXT,
               "\xEF\xBB\xBF关于推动高质量发展的意见\n"      /* 1: BOM dropped */
               "\n"                                          /* 2 */
               "第一段：坚持稳中求进。\n"                    /* 3 */
               "   \t\n"                                     /* 4: blank */
               "\xE3\x80\x80\xE3\x80\x80第二段，被抓取\n"   /* 5: indented, kept as is */
               "\xE3\x80\x80\n"                              /* 6: ideographic space only */
               "断开的一行。\n"                              /* 7 */
               "\n", &c, NULL, 0), TIFA_OK);
  checkint(c.n, 1);
  checknull(d->title); checknull(d->author); checknull(d->outlet); checknull(d->date);
  checknull(d->url); checknull(d->meta);
  checkint(d->l0, 1); checkint(d->l1, 8);
  checkint(d->b0, 1000); checkint(d->b1, 8999);
  checkint(d->np, 4);
  checkpara(d, 0, TIFAI_PARA_TEXT, 1, 1, "关于推动高质量发展的意见");
  checkpara(d, 1, TIFAI_PARA_TEXT, 3, 3, "第一段：坚持稳中求进。");
  checkpara(d, 2, TIFAI_PARA_TEXT, 5, 5, "\xE3\x80\x80\xE3\x80\x80第二段，被抓取");
  checkpara(d, 3, TIFAI_PARA_TEXT, 7, 7, "断开的一行。");
  collfree(&c);

  /* lines fed with their endings ("\n", "\r\n") are taken without them */
  checkint(tifai_reader_new(TIFAI_FMT_TEXT, collect, &c, &r), TIFA_OK);
  checkint(tifai_reader_line(r, "甲\r\n", 5, 0, 5), TIFA_OK);
  checkint(tifai_reader_line(r, "乙\n", 4, 5, 9), TIFA_OK);
  checkint(tifai_reader_finish(r), TIFA_OK);
  checkint(tifai_reader_line(r, "丙", 3, 9, 12), TIFA_ERROR);     /* after the end */
  tifai_reader_free(r);
  checkint(c.n, 1);
  checkint(c.d[0].np, 2);
  checkstr(c.d[0].p[0].text, "甲");
  checkint(c.d[0].p[1].b0, 5); checkint(c.d[0].p[1].b1, 9);
  checkint(c.d[0].b0, 0); checkint(c.d[0].b1, 9);
  collfree(&c);
}
/* }====== */

/* {====== Markdown ====== */
static void test_markdown (void) {
  coll c = {0};
  const tdoc *d = &c.d[0];
  checkint(run(TIFAI_FMT_MARKDOWN,
    "# 关于推动高质量发展的*意见*\n"                                              /* 1 */
    "\n"
    "引言，*强调* **重点** 与 [链接文字](http://x.cn) 和 `代码`。![图片说明](a.png)\n" /* 3 */
    "第二行软换行  \n"                                                           /* 4 */
    "硬换行之后\n"                                                               /* 5 */
    "\n"
    "## 一、总体要求\n"                                                          /* 7 */
    "\n"
    "- 第一项\n"                                                                 /* 9 */
    "- 第二项\n"                                                                 /* 10 */
    "  继续\n"                                                                   /* 11 */
    "\n"
    "1. 有序一\n"                                                                /* 13 */
    "\n"
    "> 引用的话\n"                                                               /* 15 */
    "> 第二行\n"                                                                 /* 16 */
    "\n"
    "```text\n"                                                                  /* 18 */
    "  fenced 代码\n"
    "```\n"                                                                      /* 20 */
    "\n"
    "含有<span style=\"color:red\">内联</span>标签&amp;lt;的段落\n"               /* 22 */
    "\n"
    "<div><p>原始&nbsp;HTML<strong>块</strong></p><p>第二&#x4E2D;段</p></div>\n" /* 24 */
    "\n"
    " &nbsp;&nbsp; <br></p><p>中国民主同盟中央委员会\n"                          /* 26 */
    "\n"
    "<div>\n"                                                                    /* 28 */
    "<p>第一段</p>\n"                                                            /* 29 */
    "<p>第二段\n"                                                                /* 30 */
    "跨行</p>\n"                                                                 /* 31 */
    "<h2>块内标题</h2>\n"                                                        /* 32 */
    "</div>\n"
    "\n"
    "    缩进代码\n"                                                             /* 35 */
    "\n"
    "- > 项中引用\n"                                                             /* 37 */
    , &c, NULL, 0), TIFA_OK);
  checkint(c.n, 1);
  checkstr(d->title, "关于推动高质量发展的意见");
  checknull(d->author); checknull(d->meta);
  checkint(d->l0, 1); checkint(d->l1, 37);
  checkint(d->np, 16);
  checkpara(d, 0, TIFAI_PARA_TEXT, 3, 5, "引言，强调 重点 与 链接文字 和 代码。\n第二行软换行\n硬换行之后");
  checkpara(d, 1, TIFAI_PARA_HEADING, 7, 7, "一、总体要求");
  checkpara(d, 2, TIFAI_PARA_ITEM, 9, 9, "第一项");
  checkpara(d, 3, TIFAI_PARA_ITEM, 10, 11, "第二项\n继续");
  checkpara(d, 4, TIFAI_PARA_ITEM, 13, 13, "有序一");
  checkpara(d, 5, TIFAI_PARA_QUOTE, 15, 16, "引用的话\n第二行");
  checkpara(d, 6, TIFAI_PARA_CODE, 18, 20, "  fenced 代码");
  checkpara(d, 7, TIFAI_PARA_TEXT, 22, 22, "含有内联标签&lt;的段落");       /* decoded once */
  checkpara(d, 8, TIFAI_PARA_TEXT, 24, 24, "原始" NBSP "HTML块");
  checkpara(d, 9, TIFAI_PARA_TEXT, 24, 24, "第二中段");
  checkpara(d, 10, TIFAI_PARA_TEXT, 26, 26, "中国民主同盟中央委员会");
  checkpara(d, 11, TIFAI_PARA_TEXT, 29, 29, "第一段");
  checkpara(d, 12, TIFAI_PARA_TEXT, 30, 31, "第二段跨行");      /* a line break between Han vanishes */
  checkpara(d, 13, TIFAI_PARA_HEADING, 32, 32, "块内标题");
  checkpara(d, 14, TIFAI_PARA_CODE, 35, 35, "缩进代码");
  checkpara(d, 15, TIFAI_PARA_QUOTE, 37, 37, "项中引用");        /* the innermost container */
  check(absent(d, "图片说明") && absent(d, "关于推动"));
  collfree(&c);

  /* a 《新闻联播》 transcript: headline sections with raw HTML bodies */
  checkint(run(TIFAI_FMT_MARKDOWN,
    "# 《新闻联播》 (20240318)\n"                                                 /* 1 */
    "\n"
    "## 详细新闻\n"                                                               /* 3 */
    "\n"
    "### 习近平致电祝贺普京当选连任俄罗斯总统\n"                                  /* 5 */
    "\n"
    "<p><strong>央视网消息</strong>（新闻联播）：3月18日，国家主席习近平致电普京。<br></p>"
    "<p style=\"text-indent: 2em;\">习近平指出，&nbsp;近年来，俄罗斯人民团结一心。</p>\n"  /* 7 */
    "\n"
    "[查看原文](https://tv.cctv.com/2024/03/18/VIDE9tEtIcTuy2G1K0mNo0N3240318.shtml)\n" /* 9 */
    , &c, NULL, 0), TIFA_OK);
  checkint(c.n, 1);
  checkstr(d->title, "《新闻联播》 (20240318)");
  checkint(d->np, 5);
  checkpara(d, 0, TIFAI_PARA_HEADING, 3, 3, "详细新闻");
  checkpara(d, 1, TIFAI_PARA_HEADING, 5, 5, "习近平致电祝贺普京当选连任俄罗斯总统");
  checkpara(d, 2, TIFAI_PARA_TEXT, 7, 7, "央视网消息（新闻联播）：3月18日，国家主席习近平致电普京。");
  checkpara(d, 3, TIFAI_PARA_TEXT, 7, 7, "习近平指出，" NBSP "近年来，俄罗斯人民团结一心。");
  checkpara(d, 4, TIFAI_PARA_TEXT, 9, 9, "查看原文");
  checkstr(d->p[4].href, "https://tv.cctv.com/2024/03/18/VIDE9tEtIcTuy2G1K0mNo0N3240318.shtml");
  checknull(d->p[0].href); checknull(d->p[2].href);
  collfree(&c);
  /* only a paragraph that is one link has a target: text around a link, two links, no */
  checkint(run(TIFAI_FMT_MARKDOWN, "# 题\n\n [原文](http://a.cn/1)  \n\n见[原文](http://a.cn/2)\n\n"
               "[甲](http://a.cn/3)[乙](http://a.cn/4)\n\n[**查看原文**](http://a.cn/5 \"t\")\n", &c, NULL, 0), TIFA_OK);
  checkint(c.n, 1);
  checkint(d->np, 4);
  checkstr(d->p[0].href, "http://a.cn/1");
  checknull(d->p[1].href); checknull(d->p[2].href);
  checkstr(d->p[3].href, "http://a.cn/5");
  collfree(&c);

  /* no title unless the document starts with an ATX heading */
  checkint(run(TIFAI_FMT_MARKDOWN, "正文在前。\n\n# 后来的标题\n", &c, NULL, 0), TIFA_OK);
  checkint(c.n, 1);
  checknull(d->title);
  checkint(d->np, 2);
  checkpara(d, 1, TIFAI_PARA_HEADING, 3, 3, "后来的标题");
  collfree(&c);
  checkint(run(TIFAI_FMT_MARKDOWN, "Setext 标题\n===\n\n正文。\n", &c, NULL, 0), TIFA_OK);
  checkint(c.n, 1);
  checknull(d->title);
  checkpara(d, 0, TIFAI_PARA_HEADING, 1, 2, "Setext 标题");
  collfree(&c);
  checkint(run(TIFAI_FMT_MARKDOWN, "#\n\n正文。\n", &c, NULL, 0), TIFA_OK);
  checkint(c.n, 1);
  checknull(d->title);
  checkint(d->np, 1);
  collfree(&c);
  checkint(run(TIFAI_FMT_MARKDOWN, "# 只有标题\n", &c, NULL, 0), TIFA_OK);
  checkint(c.n, 0);                                       /* no paragraph: no article */
  collfree(&c);
}
/* }====== */

/* {====== HTML ====== */
static void test_html (void) {
  coll c = {0};
  const tdoc *d = &c.d[0];
  checkint(run(TIFAI_FMT_HTML,
    "<!DOCTYPE html>\n"                                                             /* 1 */
    "<html><head>\n"
    "<meta charset=\"gb2312\">\n"                           /* ignored: the input is UTF-8 */
    "<title>  页面标题_新华网\n  </title>\n"                                         /* 4-5 */
    "<meta name=\"Author\" content=\" 张三 \">\n"
    "<meta property=\"og:site_name\" content=\"新华网\">\n"
    "<meta name=\"application-name\" content=\"其他\">\n"
    "<meta name=\"pubdate\" content=\"2024-03-18\">\n"
    "<meta property=\"article:published_time\" content=\"2024-03-18T10:00:00+08:00\">\n"
    "<link rel=\"canonical\" href=\"http://www.news.cn/a.htm\">\n"                    /* 11 */
    "<meta name=\"description\" content=\"摘要 &amp; 说明\">\n"
    "<style>p { color: red }</style>\n"
    "<script>var s = \"<p>脚本文字</p>\";</script>\n"
    "</head><body>\n"
    "<nav><ul><li>首页</li><li>时政</li></ul></nav>\n"                               /* 16 */
    "<noscript>请启用脚本</noscript>\n"
    "<!-- 注释文字\n跨两行 -->\n"                                                     /* 18-19 */
    "<h1>唯一的<em>大</em>标题</h1>\n"                                               /* 20 */
    "<p>第一段：中国&nbsp;经济&#x4E2D;&#20013;&amp;&lt;数据&gt;。</p>\n"             /* 21 */
    "<p>嵌套<span>内联<b>标签<i>很多</i></b></span>层。</p>\n"
    "<div>块一<div>块二</div>块三</div>\n"
    "<ul><li>条目一</li><li><p>条目二</p></li></ul>\n"
    "<blockquote><p>引用段落</p></blockquote>\n"
    "<pre>  代码 行1\n  行2</pre>\n"                                                   /* 26-27 */
    "<p>甲<br>乙<br>\n<br>丙</p>\n"                                                  /* 28-29 */
    "<table><tr><td>单元一</td><td>单元二</td></tr></table>\n"
    "<h2>小标题</h2>\n"                                                              /* 31 */
    "<p>English   words\n"
    "across lines</p>\n"
    "<template><p>模板文字</p></template>\n"
    "<footer>京ICP备12345678号</footer>\n"                                           /* 35 */
    "</body></html>\n", &c, NULL, 0), TIFA_OK);
  checkint(c.n, 1);
  checkstr(d->title, "唯一的大标题");                  /* the only <h1>, not repeated */
  checkstr(d->author, "张三");
  checkstr(d->outlet, "新华网");                       /* og:site_name before application-name */
  checkstr(d->date, "2024-03-18T10:00:00+08:00");      /* article:published_time before pubdate */
  checkstr(d->url, "http://www.news.cn/a.htm");
  checkstr(d->meta, "{\"description\":\"摘要 & 说明\"}");
  checkint(d->l0, 1); checkint(d->l1, 36);
  checkint(d->b0, 1000); checkint(d->b1, 36999);
  checkint(d->np, 15);
  checkpara(d, 0, TIFAI_PARA_TEXT, 21, 21, "第一段：中国" NBSP "经济中中&<数据>。");
  checkpara(d, 1, TIFAI_PARA_TEXT, 22, 22, "嵌套内联标签很多层。");
  checkpara(d, 2, TIFAI_PARA_TEXT, 23, 23, "块一");
  checkpara(d, 3, TIFAI_PARA_TEXT, 23, 23, "块二");
  checkpara(d, 4, TIFAI_PARA_TEXT, 23, 23, "块三");
  checkpara(d, 5, TIFAI_PARA_ITEM, 24, 24, "条目一");
  checkpara(d, 6, TIFAI_PARA_ITEM, 24, 24, "条目二");
  checkpara(d, 7, TIFAI_PARA_QUOTE, 25, 25, "引用段落");
  checkpara(d, 8, TIFAI_PARA_CODE, 26, 27, "  代码 行1\n  行2");
  checkpara(d, 9, TIFAI_PARA_TEXT, 28, 28, "甲\n乙");     /* <br> breaks a line ... */
  checkpara(d, 10, TIFAI_PARA_TEXT, 29, 29, "丙");        /* ... two end the paragraph */
  checkpara(d, 11, TIFAI_PARA_TEXT, 30, 30, "单元一 单元二");
  checkpara(d, 12, TIFAI_PARA_HEADING, 31, 31, "小标题");
  checkpara(d, 13, TIFAI_PARA_TEXT, 32, 33, "English words across lines");
  checkpara(d, 14, TIFAI_PARA_TEXT, 35, 35, "京ICP备12345678号");
  check(absent(d, "脚本") && absent(d, "首页") && absent(d, "时政") && absent(d, "注释")
        && absent(d, "模板") && absent(d, "p {") && absent(d, "页面标题"));
  collfree(&c);

  /* two <h1>: the title is <title>'s and both stay headings */
  checkint(run(TIFAI_FMT_HTML,
    "<html><head><title>页面\n标题</title></head>\n"
    "<body><h1>第一</h1><p>正文</p>\n"
    "<h1>第二</h1></body></html>\n", &c, NULL, 0), TIFA_OK);
  checkint(c.n, 1);
  checkstr(d->title, "页面 标题");
  checknull(d->author); checknull(d->outlet); checknull(d->date); checknull(d->url);
  checknull(d->meta);
  checkint(d->np, 3);
  checkpara(d, 0, TIFAI_PARA_HEADING, 3, 3, "第一");
  checkpara(d, 1, TIFAI_PARA_TEXT, 3, 3, "正文");
  checkpara(d, 2, TIFAI_PARA_HEADING, 4, 4, "第二");
  collfree(&c);

  /* a bare fragment, Chinese by character references; no title at all */
  checkint(run(TIFAI_FMT_HTML,
    "<p>&#x4E2D;&#x56FD;&nbsp;&#25919;&#31574;&quot;&copy;</p>\n"
    "<p>甲\n乙 丙\n1</p>", &c, NULL, 0), TIFA_OK);
  checkint(c.n, 1);
  checknull(d->title);
  checkint(d->np, 2);
  checkpara(d, 0, TIFAI_PARA_TEXT, 1, 1, "中国" NBSP "政策\"\xC2\xA9");
  checkpara(d, 1, TIFAI_PARA_TEXT, 2, 4, "甲乙 丙 1");
  collfree(&c);

  /* a blank <h1> leaves the title to <title>; meta in any case, first url wins */
  checkint(run(TIFAI_FMT_HTML,
    "<title>T</title><meta name=date content=2024><meta property=og:url content=u1>"
    "<link rel=Canonical href=u2><h1> </h1><p>x</p>", &c, NULL, 0), TIFA_OK);
  checkint(c.n, 1);
  checkstr(d->title, "T");
  checkstr(d->date, "2024");
  checkstr(d->url, "u1");
  collfree(&c);
}
/* }====== */

/* {====== JSON Lines ====== */
static void test_jsonl (void) {
  coll c = {0};
  tifai_reader *r;
  char err[256];
  int i;
  checkint(run(TIFAI_FMT_JSONL,
    "{\"title\":\"标题一\",\"text\":\"第一段\\n\\n第二段\\r\\n第三段\",\"date\":\"2024-03-18\","
    "\"author\":\"作者甲\",\"source\":\"人民日报\",\"url\":\"http://a.cn/1\",\"year\":2024,"
    "\"tags\":[\"a\",\"b\"],\"extra\":{\"k\":\"值\"}}\n"                                 /* 1 */
    "\n"
    "{\"content\":\"用 content 字段\",\"title\":null,\"date\":2024,\"author\":\"\","
    "\"section\":\"评论\",\"n\":null}\n"                                                   /* 3 */
    "   \n"
    "{\"TEXT\":\"大写键\",\"Title\":\"大写标题\",\"content\":\"次选正文\",\"url\":[1]}\n"  /* 5 */
    , &c, err, sizeof(err)), TIFA_OK);
  checkstr(err, "");
  checkint(c.n, 3);
  checkstr(c.d[0].title, "标题一");
  checkstr(c.d[0].date, "2024-03-18");
  checkstr(c.d[0].author, "作者甲");
  checkstr(c.d[0].outlet, "人民日报");
  checkstr(c.d[0].url, "http://a.cn/1");
  checkstr(c.d[0].meta, "{\"year\":2024,\"tags\":[\"a\",\"b\"],\"extra\":{\"k\":\"值\"}}");
  checkint(c.d[0].l0, 1); checkint(c.d[0].l1, 1);
  checkint(c.d[0].b0, 1000); checkint(c.d[0].b1, 1999);
  checkint(c.d[0].np, 3);
  checkpara(&c.d[0], 0, TIFAI_PARA_TEXT, 1, 1, "第一段");
  checkpara(&c.d[0], 1, TIFAI_PARA_TEXT, 1, 1, "第二段");
  checkpara(&c.d[0], 2, TIFAI_PARA_TEXT, 1, 1, "第三段");
  checknull(c.d[1].title);                                 /* null: absent */
  checkstr(c.d[1].date, "2024");                           /* a number as text */
  checknull(c.d[1].author);                                /* empty: absent */
  checkstr(c.d[1].meta, "{\"section\":\"评论\",\"n\":null}");
  checkint(c.d[1].np, 1);
  checkpara(&c.d[1], 0, TIFAI_PARA_TEXT, 3, 3, "用 content 字段");
  checkstr(c.d[2].title, "大写标题");                      /* keys match case-insensitively */
  checknull(c.d[2].url);
  checkstr(c.d[2].meta, "{\"content\":\"次选正文\",\"url\":[1]}");
  checkpara(&c.d[2], 0, TIFAI_PARA_TEXT, 5, 5, "大写键");
  collfree(&c);

  /* a bad line is a note with its line and reason; the lines after it are read */
  checkint(run(TIFAI_FMT_JSONL, "{\"text\":\"好的\"}\n{\"text\": \"坏的}\n{\"text\":\"之后\"}\n",
               &c, err, sizeof(err)), TIFA_OK);
  checkint(c.n, 2);
  check(strncmp(c.notes, "2 F invalid JSON (", 18) == 0 && strcmp(c.notes + strlen(c.notes) - 2, ")\n") == 0);
  checkstr(c.d[1].p[0].text, "之后");
  collfree(&c);
  checkint(run(TIFAI_FMT_JSONL, "[1, 2]\n", &c, err, sizeof(err)), TIFA_OK);
  checkstr(c.notes, "1 F expected a JSON object\n");
  collfree(&c);
  checkint(run(TIFAI_FMT_JSONL, "\n{\"title\":\"只有标题\",\"date\":\"2024\"}\n", &c, err, sizeof(err)),
           TIFA_OK);
  checkstr(c.notes, "2 F no 'text' or 'content' field\n");
  collfree(&c);
  checkint(run(TIFAI_FMT_JSONL, "{\"text\":5}\n{\"text\":\" \u3000\\n\",\"title\":\"空\"}\n", &c, err,
               sizeof(err)), TIFA_OK);
  checkstr(c.notes, "1 F 'text' is not a string\n2 F record has no text\n");
  checkint(c.n, 0);
  collfree(&c);

  /* streaming: each article is handed over with its line; errors are sticky */
  checkint(tifai_reader_new(TIFAI_FMT_JSONL, collect, &c, &r), TIFA_OK);
  for (i = 1; i <= 20000; i++) {
    char line[64];
    int n = snprintf(line, sizeof(line), "{\"text\":\"第%d段\",\"i\":%d}", i, i);
    if (tifai_reader_line(r, line, (size_t)n, 0, 0) != TIFA_OK || c.n != i) break;
  }
  checkint(i, 20001);
  tifai_reader_onnote(r, takenote, &c);
  checkint(tifai_reader_line(r, "{", 1, 0, 0), TIFA_OK);          /* a note, no stop */
  checkint(tifai_reader_line(r, "{\"text\":\"x\"}", 12, 0, 0), TIFA_OK);
  checkint(tifai_reader_finish(r), TIFA_OK);
  check(strncmp(c.notes, "20001 F invalid JSON", 20) == 0);
  tifai_reader_free(r);
  checkint(c.n, 20001);
  checkstr(c.d[MAXDOC - 1].meta, "{\"i\":8}");
  collfree(&c);
}
/* }====== */

/* {====== CSV ====== */
static void test_csv (void) {
  coll c = {0};
  char err[256];
  checkint(run(TIFAI_FMT_CSV,
    "\xEF\xBB\xBF 标题 ,正文,日期,作者,来源,链接,栏目,\n"                                  /* 1 */
    "第一篇,\"含有逗号,和\"\"引号\"\"的正文\",2024-03-18,作者甲,新华社,http://a.cn/1,时政,多余\n"
    "第二篇,\"第一段\n"                                                                      /* 3 */
    "\n"
    "第二段\",2024-03-19,,,,,\n"                                                             /* 5 */
    "\n"
    "第三篇,短正文,,,,,,\n"                                                                  /* 7 */
    , &c, err, sizeof(err)), TIFA_OK);
  checkstr(err, "");
  checkint(c.n, 3);
  checkstr(c.d[0].title, "第一篇");
  checkstr(c.d[0].date, "2024-03-18");
  checkstr(c.d[0].author, "作者甲");
  checkstr(c.d[0].outlet, "新华社");
  checkstr(c.d[0].url, "http://a.cn/1");
  checkstr(c.d[0].meta, "{\"栏目\":\"时政\",\"column 8\":\"多余\"}");
  checkint(c.d[0].l0, 2); checkint(c.d[0].l1, 2);
  checkpara(&c.d[0], 0, TIFAI_PARA_TEXT, 2, 2, "含有逗号,和\"引号\"的正文");
  checkstr(c.d[1].title, "第二篇");
  checknull(c.d[1].author); checknull(c.d[1].meta);
  checkint(c.d[1].l0, 3); checkint(c.d[1].l1, 5);
  checkint(c.d[1].b0, 3000); checkint(c.d[1].b1, 5999);
  checkint(c.d[1].np, 2);
  checkpara(&c.d[1], 0, TIFAI_PARA_TEXT, 3, 5, "第一段");
  checkpara(&c.d[1], 1, TIFAI_PARA_TEXT, 3, 5, "第二段");
  checkstr(c.d[2].title, "第三篇");
  checknull(c.d[2].date); checknull(c.d[2].meta);
  checkpara(&c.d[2], 0, TIFAI_PARA_TEXT, 7, 7, "短正文");
  collfree(&c);

  /* English names in any case; the best-ranked synonym wins, the others go to meta */
  checkint(run(TIFAI_FMT_CSV, "Title,BODY,Content,Source,URL\r\n甲,正文b,正文c,新华社,u\r\n",
               &c, NULL, 0), TIFA_OK);
  checkint(c.n, 1);
  checkstr(c.d[0].title, "甲");
  checkstr(c.d[0].outlet, "新华社");
  checkstr(c.d[0].url, "u");
  checkstr(c.d[0].meta, "{\"BODY\":\"正文b\"}");
  checkpara(&c.d[0], 0, TIFAI_PARA_TEXT, 2, 2, "正文c");
  collfree(&c);

  checkint(run(TIFAI_FMT_CSV, "标题,日期\n甲,2024\n", &c, err, sizeof(err)), TIFA_FORMAT);
  checkstr(err, "line 1: no 'text', 'content', 'body' or '正文' column in the header");
  checkint(run(TIFAI_FMT_CSV, "title,text\n好,好的\n坏,\"引号\"之后\n后,之后\n", &c, err, sizeof(err)),
           TIFA_FORMAT);
  checkstr(err, "line 3: malformed quoted field");
  checkint(c.n, 1);
  collfree(&c);
  checkint(run(TIFAI_FMT_CSV, "title,text\n甲,一\n乙,\"未闭合\n还在引号里\n", &c, err, sizeof(err)),
           TIFA_FORMAT);
  checkstr(err, "line 3: unterminated quoted field");
  checkint(c.n, 1);
  collfree(&c);
}
/* }====== */

/* {====== Fixtures of tests/data/formats (see its README.md) ====== */
/* Read $TIFA_DATA/formats/'name' and feed it line by line with its real byte offsets. */
static int runfile (const char *name, coll *c, char *err, size_t errsz) {
  const char *dir = getenv("TIFA_DATA");
  char path[1024];
  FILE *f;
  char *buf;
  long n;
  size_t i, s = 0;
  tifai_reader *r;
  int rc;
  snprintf(path, sizeof(path), "%s/formats/%s", dir ? dir : "tests/data", name);
  if ((f = fopen(path, "rb")) == NULL) { fprintf(stderr, "cannot open '%s'\n", path); return -1; }
  fseek(f, 0, SEEK_END);
  n = ftell(f);
  rewind(f);
  buf = (char *)malloc((size_t)n + 1);
  if (buf == NULL || fread(buf, 1, (size_t)n, f) != (size_t)n) { fclose(f); free(buf); return -1; }
  fclose(f);
  rc = tifai_reader_new(tifai_format_of_path(name), collect, c, &r);
  if (rc == TIFA_OK) tifai_reader_onnote(r, takenote, c);
  for (i = 0; rc == TIFA_OK && i < (size_t)n; i++)
    if (buf[i] == '\n' || i + 1 == (size_t)n) {
      rc = tifai_reader_line(r, buf + s, i + 1 - s, s, i + 1);   /* with its "\n" */
      s = i + 1;
    }
  if (rc == TIFA_OK) rc = tifai_reader_finish(r);
  snprintf(err, errsz, "%s", tifai_reader_errmsg(r));
  tifai_reader_free(r);
  free(buf);
  return rc;
}

static int kinds (const tdoc *d, int kind) {
  size_t i;
  int n = 0;
  for (i = 0; i < d->np; i++) n += d->p[i].kind == kind;
  return n;
}

static void test_fixtures (void) {
  coll c = {0};
  char err[256];
  const tdoc *d = &c.d[0];

  checkint(runfile("article.html", &c, err, sizeof(err)), TIFA_OK);
  checkint(c.n, 1);
  checkstr(d->title, "习近平主持召开新时代推动西部大开发座谈会强调 进一步形成大保护大开放高质量发展新格局");
  checkstr(d->author, "新华社记者");
  checkstr(d->outlet, "中国政府网");
  checkstr(d->date, "2024-04-23 19:30");
  checkstr(d->url, "https://www.gov.cn/yaowen/liebiao/202404/content_6947163.htm");
  check(d->meta != NULL && strstr(d->meta, "\"description\":") != NULL);
  checkint(d->np, 6);
  checkint(d->b0, 0);
  if (d->np == 6) {
    checkstr(d->p[0].text, "来源：新华社" NBSP NBSP "|" NBSP NBSP "2024-04-23 19:30");
    check(strncmp(d->p[1].text, "新华社重庆4月23日电", 27) == 0);
    checkstr(d->p[3].text, "习近平强调，要坚持把发展特色优势产业作为主攻方向，"
                            "因地制宜发展新兴产业，加快西部地区产业转型升级。");
    check(strstr(d->p[4].text, "中央区域协调发展领导小组") != NULL);
    check(strstr(d->p[5].text, "京ICP备05070218号") != NULL);
    checkint(d->p[3].l0, 35); checkint(d->p[3].l1, 36);
  }
  check(absent(d, "首页") && absent(d, "统计代码") && absent(d, "广告") && absent(d, "正文开始"));
  collfree(&c);

  checkint(runfile("article.md", &c, err, sizeof(err)), TIFA_OK);
  checkint(c.n, 1);
  checkstr(d->title, "《新闻联播》 (20240318)");
  checkint(d->np, 14);
  checkint(kinds(d, TIFAI_PARA_HEADING), 4);
  checkint(kinds(d, TIFAI_PARA_ITEM), 3);
  if (d->np == 14) {
    checkstr(d->p[0].text, "新闻摘要");
    checkstr(d->p[2].text, "前两个月国民经济持续回升向好；");
    checkstr(d->p[7].text, "央视网消息（新闻联播）：国务院新闻办今天（3月18日）举行新闻发布会，"
             "国家统计局发布数据显示，1—2月份，随着各项宏观政策发力显效，国民经济持续回升向好。");
    checkint(d->p[7].l0, 15);
    checkstr(d->p[9].text, "查看原文");
    checkstr(d->p[12].text, "提升了沿线大中城市经济社会高质量发展空间。");  /* NBSP trimmed */
  }
  check(absent(d, "<p") && absent(d, "&nbsp;") && absent(d, "<strong>"));
  collfree(&c);

  checkint(runfile("articles.jsonl", &c, err, sizeof(err)), TIFA_OK);
  checkint(c.n, 3);
  checkstr(c.d[0].title, "2024年国务院政府工作报告（节选）");
  checkstr(c.d[0].outlet, "中国政府网");
  checkstr(c.d[0].meta, "{\"year\":2024}");
  checkint(c.d[0].np, 3);
  checkstr(c.d[1].author, "任理轩");
  checkstr(c.d[1].meta, "{\"section\":\"评论\"}");
  checkint(c.d[1].np, 2);
  checkint(c.d[1].l0, 2);
  checkstr(c.d[2].date, "2023-10-12");
  checkstr(c.d[2].meta, "{\"tags\":[\"长江经济带\",\"高质量发展\"]}");
  collfree(&c);

  checkint(runfile("articles.csv", &c, err, sizeof(err)), TIFA_OK);
  checkint(c.n, 3);
  checkstr(c.d[0].title, "习近平论坚持稳中求进、以进促稳、先立后破");
  checkstr(c.d[0].meta, "{\"栏目\":\"学习\"}");
  checkstr(c.d[1].title, "合集|六论深入学习贯彻全国两会精神");
  checkint(c.d[1].l0, 3); checkint(c.d[1].l1, 4);
  checkint(c.d[1].np, 2);
  if (c.d[1].np == 2) checkstr(c.d[1].p[1].text, "《内蒙古日报》推出6篇\"深入学习贯彻全国两会精神\"系列社论。");
  checknull(c.d[2].author); checknull(c.d[2].url); checknull(c.d[2].meta);
  checkstr(c.d[2].outlet, "新华社");
  collfree(&c);

  checkint(runfile("bad.jsonl", &c, err, sizeof(err)), TIFA_OK);
  check(strncmp(c.notes, "2 F invalid JSON (", 18) == 0);
  checkint(c.n, 2);
  collfree(&c);
  checkint(runfile("bad_notext.jsonl", &c, err, sizeof(err)), TIFA_OK);
  checkstr(c.notes, "1 F no 'text' or 'content' field\n");
  checkint(c.n, 0);
  collfree(&c);
}
/* }====== */


/* {====== Markdown front matter (host/read/frontmatter.c) ====== */
static void test_frontmatter (void) {
  coll c = {0};
  char err[256];
  const tdoc *d = &c.d[0];
  char bomb[2048];
  int i;

  checkint(runfile("frontmatter_yaml.md", &c, err, sizeof(err)), TIFA_OK);
  checkint(c.n, 1);
  checkstr(d->title, "国务院关于加快发展新质生产力的意见");
  checkstr(d->date, "2024-03-18T10:00:00+08:00");
  checkstr(d->author, "张三、李四");
  checkstr(d->meta, "{\"tags\":[\"新质生产力\",\"高质量发展\"],\"categories\":[\"政策\"],"
           "\"draft\":false,\"weight\":3,\"params.source_id\":\"gf-2024-1\"}");
  checkint(d->np, 3);                           /* the "---" at line 20 is a rule, not a block */
  if (d->np == 3) {
    checkstr(d->p[0].text, "各省、自治区、直辖市人民政府，国务院各部委、各直属机构：");
    checkint(d->p[0].l0, 16);
    checkstr(d->p[2].text, "以上意见，请认真贯彻执行。");
  }
  check(absent(d, "title") && absent(d, "draft") && absent(d, "张三"));
  collfree(&c);

  checkint(runfile("frontmatter_toml.md", &c, err, sizeof(err)), TIFA_OK);
  checkint(c.n, 1);
  checkstr(d->title, "关于推进数字经济发展的通知");
  checkstr(d->date, "2023-07-01");
  checkstr(d->author, "王五");
  checkstr(d->meta, "{\"tags\":[\"数字经济\",\"AI+制造\"],\"draft\":false,\"weight\":10,"
           "\"params.doc_no\":\"国发〔2023〕9号\"}");
  checkint(d->np, 1);                           /* the heading says the title again */
  if (d->np == 1) { checkint(d->p[0].l0, 18); checkint(d->p[0].kind, TIFAI_PARA_TEXT); }
  collfree(&c);

  checkint(runfile("frontmatter_only.md", &c, err, sizeof(err)), TIFA_OK);
  checkint(c.n, 0);                             /* no text: nothing handed over */
  collfree(&c);

  checkint(runfile("frontmatter_rule.md", &c, err, sizeof(err)), TIFA_OK);
  checkint(c.n, 1);
  checkstr(d->title, "标题在前");
  checknull(d->meta);
  checkint(d->np, 3);
  if (d->np == 3) {
    checkstr(d->p[1].text, "title: 这不是前置元数据");
    checkint(d->p[1].kind, TIFAI_PARA_HEADING);
  }
  collfree(&c);

  checkint(runfile("frontmatter_bad.md", &c, err, sizeof(err)), TIFA_FORMAT);
  checkstr(err, "line 4: invalid YAML front matter (did not find expected ',' or ']' while "
           "parsing a flow sequence from line 3)");
  checkint(c.n, 0);
  collfree(&c);

  /* the title wins over another heading, which stays a heading */
  checkint(run(TIFAI_FMT_MARKDOWN, "---\ntitle: 甲\n---\n# 乙\n\n正文\n", &c, err, sizeof(err)), TIFA_OK);
  checkstr(d->title, "甲");
  checkint(d->np, 2);
  checkpara(d, 0, TIFAI_PARA_HEADING, 4, 4, "乙");
  collfree(&c);
  /* never closed: no front matter (a rule, then a paragraph) */
  checkint(run(TIFAI_FMT_MARKDOWN, "---\ntitle: 甲\n\n正文\n", &c, err, sizeof(err)), TIFA_OK);
  checknull(d->title);
  checkpara(d, 0, TIFAI_PARA_TEXT, 2, 2, "title: 甲");
  collfree(&c);
  /* BOM, CRLF, "..." closing YAML, blanks after the delimiters */
  checkint(run(TIFAI_FMT_MARKDOWN, "\xEF\xBB\xBF--- \r\ntitle: 甲\r\n...\t\r\n正文\r\n", &c, err,
               sizeof(err)), TIFA_OK);
  checkstr(d->title, "甲");
  checkpara(d, 0, TIFAI_PARA_TEXT, 4, 4, "正文");
  collfree(&c);
  /* empty front matter */
  checkint(run(TIFAI_FMT_MARKDOWN, "---\n---\n正文\n", &c, err, sizeof(err)), TIFA_OK);
  checkint(c.n, 1);
  checknull(d->title); checknull(d->meta);
  checkpara(d, 0, TIFAI_PARA_TEXT, 3, 3, "正文");
  collfree(&c);
  /* dates: date, else publishDate (pubdate, published); lastmod and a boolean 'published' are meta */
  checkint(run(TIFAI_FMT_MARKDOWN, "---\npublishDate: 2020-01-02\nlastmod: 2021-01-01\n---\n正文\n",
               &c, err, sizeof(err)), TIFA_OK);
  checkstr(d->date, "2020-01-02");
  checkstr(d->meta, "{\"lastmod\":\"2021-01-01\"}");
  collfree(&c);
  checkint(run(TIFAI_FMT_MARKDOWN, "---\nPubDate: 2020-01-02\nDate: 2019-05-06\npublished: false\n"
               "---\n正文\n", &c, err, sizeof(err)), TIFA_OK);
  checkstr(d->date, "2019-05-06");
  checkstr(d->meta, "{\"PubDate\":\"2020-01-02\",\"published\":false}");
  collfree(&c);
  /* YAML: not a mapping, duplicate keys, nested mappings flattened, aliases bounded */
  checkint(run(TIFAI_FMT_MARKDOWN, "---\n- a\n---\n正文\n", &c, err, sizeof(err)), TIFA_FORMAT);
  checkstr(err, "line 2: front matter is not a YAML mapping of keys to values");
  collfree(&c);
  checkint(run(TIFAI_FMT_MARKDOWN, "---\na: 1\na: 2\n---\n正文\n", &c, err, sizeof(err)), TIFA_FORMAT);
  checkstr(err, "line 3: duplicate key 'a' in front matter");
  collfree(&c);
  checkint(run(TIFAI_FMT_MARKDOWN, "---\na:\n  b: ~\n  c: {d: \"1\"}\n---\n正文\n", &c, err,
               sizeof(err)), TIFA_OK);
  checkstr(d->meta, "{\"a.b\":null,\"a.c.d\":\"1\"}");
  collfree(&c);
  snprintf(bomb, sizeof(bomb), "---\na0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
  for (i = 1; i < 9; i++) {
    char line[128];
    snprintf(line, sizeof(line), "a%d: &a%d [*a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d]\n",
             i, i, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1);
    strcat(bomb, line);
  }
  strcat(bomb, "---\n正文\n");                 /* 10^9 values if aliases were expanded */
  checkint(run(TIFAI_FMT_MARKDOWN, bomb, &c, err, sizeof(err)), TIFA_FORMAT);
  check(strstr(err, "front matter too large") != NULL);
  collfree(&c);
  /* TOML: tables, dotted and quoted keys, escapes, dates, multi-line arrays; the unsupported named */
  checkint(run(TIFAI_FMT_MARKDOWN, "+++\n# 注释\nTitle = '甲'\nauthor = \"\\u4E59\"  # 注释\n"
               "date = 2024-03-18T09:30:00+08:00\n\"a.b\".c = 1_000\nx = [\n  1.5,\n  true, # 注释\n]\n"
               "[t]\nk = 'v'\n+++\n正文\n", &c, err, sizeof(err)), TIFA_OK);
  checkstr(d->title, "甲");
  checkstr(d->author, "乙");
  checkstr(d->date, "2024-03-18T09:30:00+08:00");
  checkstr(d->meta, "{\"a.b.c\":1000,\"x\":[1.5,true],\"t.k\":\"v\"}");
  checkpara(d, 0, TIFAI_PARA_TEXT, 14, 14, "正文");
  collfree(&c);
  {
    static const char *const bad[][2] = {
      {"a = {b = 1}", "line 2: inline tables are not supported in TOML front matter"},
      {"[[a]]", "line 2: arrays of tables are not supported in TOML front matter"},
      {"a = \"\"\"x\"\"\"", "line 2: multi-line strings are not supported in TOML front matter"},
      {"a = [[1]]", "line 2: nested arrays are not supported in TOML front matter"},
      {"a = 1 b", "line 2: unexpected text after a value in TOML front matter"},
      {"a = 0x1F", "line 2: unsupported value in TOML front matter (strings, numbers, booleans, "
                   "dates and arrays are read)"},
      {"a = nan", "line 2: unsupported value in TOML front matter (strings, numbers, booleans, "
                  "dates and arrays are read)"},
      {"a = \"x", "line 2: unfinished string in TOML front matter"},
      {"a = \"\\q\"", "line 2: invalid escape in TOML front matter"},
      {"a", "line 2: expected '=' after a key in TOML front matter"},
      {"a = 1\na = 2", "line 3: duplicate key 'a' in front matter"},
      {"a = [1,\n2", "line 2: unfinished array in TOML front matter"},
      {"a = [1 2]", "line 2: expected ',' or ']' in an array of TOML front matter"}};
    size_t k;
    for (k = 0; k < sizeof(bad) / sizeof(bad[0]); k++) {
      char src[128];
      snprintf(src, sizeof(src), "+++\n%s\n+++\n正文\n", bad[k][0]);
      checkint(run(TIFAI_FMT_MARKDOWN, src, &c, err, sizeof(err)), TIFA_FORMAT);
      checkstr(err, bad[k][1]);
      checkint(c.n, 0);
      collfree(&c);
    }
  }
}
/* }====== */

int main (void) {
  test_names();
  test_empty();
  test_stop();
  test_text();
  test_markdown();
  test_html();
  test_jsonl();
  test_csv();
  test_fixtures();
  test_frontmatter();
  return check_done("reader");
}
