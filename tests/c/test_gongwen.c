/*
** test_gongwen.c -- official documents by the elements of GB/T 9704-2012 (host/text/gongwen.h):
** the fixtures of tests/data/gongwen (a 通知 with every element, a 函 as scraped, a news
** story quoting a 文号 and a speech, which must give no element), line by line, and the
** forms of single elements.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "check.h"
#include "tifa_structure.h"
#include "text.h"
#include "gongwen.h"

#define MAXL  64

typedef struct Doc {
  char s[8192];
  tifa_para lines[MAXL];
  size_t n;
  int roles[MAXL];
  tifai_gongwen g;
} Doc;

static int32_t cpat (const char *s, size_t len, size_t *n) {
  int32_t c;
  int k = tifa_utf8_decode(s, len, &c);
  *n = k > 0 ? (size_t)k : 1;
  return k > 0 ? c : 0xFFFD;
}

/* Split d->s into lines, trimmed of white space (U+3000 too), blank ones skipped. */
static void split (Doc *d) {
  size_t at = 0, len = strlen(d->s);
  d->n = 0;
  while (at < len && d->n < MAXL) {
    size_t e = at, b = at, k;
    while (e < len && d->s[e] != '\n') e++;
    while (b < e && tifai_is_space(cpat(d->s + b, e - b, &k))) b += k;
    while (e > b) {
      size_t i = e;
      while (i > b && ((unsigned char)d->s[i - 1] & 0xC0) == 0x80) i--;
      if (i > b) i--;
      if (!tifai_is_space(cpat(d->s + i, e - i, &k))) break;
      e = i;
    }
    if (e > b) {
      d->lines[d->n].byte = b;
      d->lines[d->n].nbyte = e - b;
      d->lines[d->n].heading = 0;
      d->n++;
    }
    at = e;
    while (at < len && d->s[at] != '\n') at++;
    at++;
  }
}

static Doc *load (const char *name) {
  static Doc d;
  char path[512];
  const char *data = getenv("TIFA_DATA");
  FILE *f;
  size_t n;
  snprintf(path, sizeof(path), "%s/gongwen/%s", data ? data : "tests/data", name);
  memset(&d, 0, sizeof(d));
  if ((f = fopen(path, "rb")) == NULL) {
    fprintf(stderr, "cannot open '%s'\n", path);
    check(0);
    return &d;
  }
  n = fread(d.s, 1, sizeof(d.s) - 1, f);
  fclose(f);
  d.s[n] = '\0';
  split(&d);
  tifai_gongwen_read(d.s, d.lines, d.n, d.roles, &d.g);
  return &d;
}

static const char *str (const Doc *d, tifai_gw_span sp) {
  static char buf[4][512];
  static int k = 0;
  char *b = buf[k++ & 3];
  size_t n = sp.nbyte < 511 ? sp.nbyte : 511;
  memcpy(b, d->s + sp.byte, n);
  b[n] = '\0';
  return b;
}

static const char *line (const Doc *d, size_t i) {
  tifai_gw_span sp;
  sp.byte = d->lines[i].byte;
  sp.nbyte = d->lines[i].nbyte;
  return str(d, sp);
}

/* Check the role of every line against 'want' (role names, one per line). */
static void roles (const Doc *d, const char *const *want, size_t nwant) {
  size_t i;
  checkint(d->n, nwant);
  for (i = 0; i < d->n && i < nwant; i++) {
    const char *got = tifai_gongwen_role_name(d->roles[i]);
    if (strcmp(got, want[i]) != 0) {
      check_failures++;
      fprintf(stderr, "line %d '%s': role %s, want %s\n", (int)i + 1, line(d, i), got, want[i]);
    }
  }
}

#define NELEM(a)  (sizeof(a) / sizeof((a)[0]))

static void test_notice (void) {
  static const char *const want[] = {"mark", "mark", "mark", "organ_mark", "docno", "title",
    "title", "addressee", "body", "body", "body", "attachment_note", "attachment_note",
    "signature", "date", "note", "attachment", "attachment", "attachment", "cc", "issued"};
  Doc *d = load("notice_full.txt");
  tifai_gongwen *g = &d->g;
  roles(d, want, NELEM(want));
  check(g->found);
  checkint(g->score, 100);
  checkstr(str(d, g->copyno), "000128");
  checkstr(str(d, g->secrecy), "机密★1年");
  checkstr(str(d, g->urgency), "特急");
  checkint(g->docno_line, 4);
  checkstr(str(d, g->docno), "国发〔2031〕7号");
  checkstr(str(d, g->docno_parts.organ), "国发");
  checkint(g->docno_parts.year, 2031);
  checkint(g->docno_parts.number, 7);
  checkint(g->title_first, 5);
  checkint(g->title_last, 6);
  checkint(g->naddressees, 3);
  checkstr(str(d, g->addressees[0]), "各省、自治区、直辖市人民政府");
  checkstr(str(d, g->addressees[1]), "国务院各部委");
  checkstr(str(d, g->addressees[2]), "各直属机构");
  checkint(g->nattachments, 2);
  checkstr(str(d, g->attachments[0]), "山区小型水利设施管护责任清单");
  checkstr(str(d, g->attachments[1]), "管护经费测算参考标准");
  checkint(g->nsignatures, 1);
  checkstr(str(d, g->signatures[0]), "国务院");
  checkstr(g->date, "2031-03-20");
  checkint(g->date_line, 14);
  checkint(g->ncc, 3);
  checkstr(str(d, g->cc[0]), "党中央各部门");
  checkstr(str(d, g->cc[1]), "全国人大常委会办公厅");
  checkstr(str(d, g->cc[2]), "最高人民法院");
  checkstr(str(d, g->issuer), "国务院办公厅");
  checkstr(g->issued_date, "2031-03-22");
  checkint(g->nsigners, 0);
}

static void test_letter (void) {
  static const char *const want[] = {"title", "docno", "addressee", "body", "body", "body",
    "signature", "date"};
  Doc *d = load("letter_scraped.txt");
  tifai_gongwen *g = &d->g;
  roles(d, want, NELEM(want));
  check(g->found);
  checkint(g->score, 100);
  checkstr(str(d, g->docno), "水办函[2030]48号");
  checkstr(str(d, g->docno_parts.organ), "水办函");
  checkint(g->docno_parts.year, 2030);
  checkint(g->docno_parts.number, 48);
  checkint(g->title_first, 0);
  checkint(g->title_last, 0);
  checkint(g->naddressees, 1);
  checkstr(str(d, g->addressees[0]), "江南省水利厅");
  checkint(g->nsignatures, 1);
  checkstr(str(d, g->signatures[0]), "水利部办公厅");
  checkstr(g->date, "2030-09-14");                      /* 二〇三〇年九月十四日 */
  checkint(g->nattachments, 0);
  checkint(g->ncc, 0);
  checkstr(g->issued_date, "");
}

/* No element: every line body, every value empty, the score under the threshold. */
static void nothing (const char *name, size_t nlines) {
  Doc *d = load(name);
  size_t i;
  checkint(d->n, nlines);
  for (i = 0; i < d->n; i++)
    if (d->roles[i] != TIFAI_GW_BODY) {
      check_failures++;
      fprintf(stderr, "%s line %d '%s': role %s, want body\n", name, (int)i + 1, line(d, i),
              tifai_gongwen_role_name(d->roles[i]));
    }
  check(!d->g.found);
  check(d->g.score < TIFAI_GW_THRESHOLD);
  checkint(d->g.docno.nbyte, 0);
  checkint(d->g.naddressees, 0);
  checkstr(d->g.date, "");
  checkint(d->g.title_first, d->n);
  checkint(d->g.docno_line, d->n);
}

static size_t docno (const char *s, tifai_gw_docno *d) {
  return tifai_gongwen_docno(s, strlen(s), d);
}

static void test_docno (void) {
  tifai_gw_docno d;
  checkint(docno("国发〔2024〕1号", &d), strlen("国发〔2024〕1号"));
  checkint(d.year, 2024);
  checkint(d.number, 1);
  checkint(d.organ.nbyte, strlen("国发"));
  checkint(docno("国办发〔2023〕36号", &d), strlen("国办发〔2023〕36号"));
  checkint(d.number, 36);
  checkint(docno("京政发［2022］5号", &d), strlen("京政发［2022］5号"));
  checkint(d.year, 2022);
  checkint(docno("京政发(2022)05号", &d), strlen("京政发(2022)05号"));
  checkint(d.number, 5);
  checkint(docno("发改环资（２０２４）３７９号 后文", &d), strlen("发改环资（２０２４）３７９号"));
  checkint(d.year, 2024);
  checkint(d.number, 379);
  checkint(docno("〔2024〕1号", &d), 0);                 /* no organ */
  checkint(docno("国发〔24〕1号", &d), 0);               /* a two-digit year */
  checkint(docno("国发〔2024〕号", &d), 0);
  checkint(docno("国发〔2024〕1", &d), 0);
  checkint(docno("国发2024年1号", &d), 0);
  checkint(docno("国发〔2024〕12345678号", &d), 0);     /* at most six digits */
}

/* A few documents made line by line: the place of each element. */
static void run (Doc *d, const char *const *ls, size_t n) {
  size_t i, at = 0;
  memset(d, 0, sizeof(*d));
  for (i = 0; i < n; i++) {
    size_t k = strlen(ls[i]);
    memcpy(d->s + at, ls[i], k);
    d->lines[i].byte = at;
    d->lines[i].nbyte = k;
    at += k;
    d->s[at++] = '\n';
  }
  d->n = n;
  tifai_gongwen_read(d->s, d->lines, n, d->roles, &d->g);
}

static void test_places (void) {
  static Doc d;
  {   /* 上行文: 发文字号 with 签发人, organs of a joint mark; a title in one line; no addressee */
    static const char *const ls[] = {"水利部 财政部", "水计〔2031〕3号　　签发人：王一 李二",
      "水利部 财政部关于山区水利管护经费的请示", "国务院：", "现将有关情况报告如下。",
      "妥否，请批示。", "水利部 财政部", "2031年1月5日", "（联系人：赵三，电话：010-12345678）"};
    static const char *const want[] = {"organ_mark", "docno", "title", "addressee", "body",
      "body", "signature", "date", "note"};
    run(&d, ls, NELEM(ls));
    roles(&d, want, NELEM(want));
    checkint(d.g.nsigners, 2);
    checkstr(str(&d, d.g.signers[0]), "王一");
    checkstr(str(&d, d.g.signers[1]), "李二");
    checkstr(str(&d, d.g.docno), "水计〔2031〕3号");
    checkint(d.g.nsignatures, 2);
    checkstr(str(&d, d.g.signatures[1]), "财政部");
    checkint(d.g.naddressees, 1);
    checkstr(d.g.date, "2031-01-05");
  }
  {   /* 签发人 on its own line; a 公告 titled by its organ; a date in the body is no 成文日期 */
    static const char *const ls[] = {"国家税务总局公告", "2031年2月1日", "现将有关事项公告如下。",
      "本公告自2031年3月1日起施行。", "特此公告", "国家税务总局", "二〇三一年二月一日"};
    static const char *const want[] = {"title", "body", "body", "body", "body", "signature",
      "date"};
    run(&d, ls, NELEM(ls));
    roles(&d, want, NELEM(want));
    checkstr(d.g.date, "2031-02-01");
    checkint(d.g.score, 50);
  }
  {   /* a line ending in ： far from the title is body; no date at the end: no tail */
    static const char *const ls[] = {"某某省人民政府关于开展安全检查的通知", "某政发〔2031〕2号",
      "各市人民政府：", "现将有关事项通知如下：", "一、检查范围。", "（一）重点行业：",
      "某某省人民政府"};
    static const char *const want[] = {"title", "docno", "addressee", "body", "body", "body",
      "body"};
    run(&d, ls, NELEM(ls));
    roles(&d, want, NELEM(want));
    checkstr(d.g.date, "");
    checkint(d.g.nsignatures, 0);
  }
  {   /* a 签发人 line under the 发文字号; a docno inside a sentence is no docno line */
    static const char *const ls[] = {"某发〔2031〕9号", "签发人：钱四",
      "关于转发国发〔2031〕7号文件的报告", "国务院办公厅："};
    static const char *const want[] = {"docno", "signer", "title", "addressee"};
    run(&d, ls, NELEM(ls));
    roles(&d, want, NELEM(want));
    checkint(d.g.nsigners, 1);
    checkstr(str(&d, d.g.signers[0]), "钱四");
  }
  {   /* a sentence ending in ： under the title is no 主送机关 */
    static const char *const ls[] = {"国家税务总局关于调整某项政策的公告", "现将有关事项公告如下：",
      "一、调整范围。", "国家税务总局", "2031年6月1日"};
    static const char *const want[] = {"title", "body", "body", "signature", "date"};
    run(&d, ls, NELEM(ls));
    roles(&d, want, NELEM(want));
    checkint(d.g.naddressees, 0);
    checkint(d.g.score, 50);
  }
  {   /* a 命令（令）: 发文机关标志 in 令, its 令号, no title; the post and name over the date */
    static const char *const ls[] = {"中华人民共和国国务院令", "第777号",
      "《某某设施保护条例》已经2031年3月1日国务院第25次常务会议通过，现予公布。", "总理　李强",
      "2031年3月10日"};
    static const char *const want[] = {"organ_mark", "docno", "body", "signature", "date"};
    run(&d, ls, NELEM(ls));
    roles(&d, want, NELEM(want));
    check(d.g.order);
    checkstr(str(&d, d.g.docno), "第777号");
    checkstr(str(&d, d.g.docno_parts.organ), "中华人民共和国国务院令");
    checkint(d.g.docno_parts.number, 777);
    checkint(d.g.docno_parts.year, 0);
    checkint(d.g.nsignatures, 1);
    checkstr(str(&d, d.g.signatures[0]), "总理　李强");
    checkstr(d.g.date, "2031-03-10");
  }
  {   /* a 公告's number by year under its title; 署名 and 成文日期 on one line; a post with a
      ** name of five characters is no signature */
    static const char *const ls[] = {"国家某某局公告", "2031年第3号", "现将有关事项公告如下：",
      "一、自2031年4月1日起，停止受理某某申请。", "特此公告。", "国家某某局　2031年3月15日"};
    static const char *const want[] = {"title", "docno", "body", "body", "body", "date"};
    run(&d, ls, NELEM(ls));
    roles(&d, want, NELEM(want));
    checkint(d.g.docno_parts.year, 2031);
    checkint(d.g.docno_parts.number, 3);
    checkint(d.g.docno_parts.organ.nbyte, 0);
    checkint(d.g.nsignatures, 1);
    checkstr(str(&d, d.g.signatures[0]), "国家某某局");
    checkstr(d.g.date, "2031-03-15");
    check(!d.g.order);
  }
  {   /* a sentence before a date on one line is no 署名; a 令 line with no 令号 is no mark */
    static const char *const ls[] = {"某某省人民政府关于开展安全检查的通知", "某政发〔2031〕2号",
      "各市人民政府：", "现将有关事项通知如下。", "检查自即日起开始 2031年5月1日",
      "总理　欧阳某某某"};
    static const char *const want[] = {"title", "docno", "addressee", "body", "body", "body"};
    run(&d, ls, NELEM(ls));
    roles(&d, want, NELEM(want));
    checkstr(d.g.date, "");
  }
  {   /* a headline alone and a date at the end: not enough */
    static const char *const ls[] = {"国务院关于加强水利管护的通知", "全文如下。", "2031年3月1日"};
    run(&d, ls, NELEM(ls));
    check(!d.g.found);
    checkint(d.g.score, 40);
    checkint(d.roles[0], TIFAI_GW_BODY);
    checkint(d.roles[2], TIFAI_GW_BODY);
  }
  {   /* no lines */
    run(&d, NULL, 0);
    checkint(d.g.score, 0);
    check(!d.g.found);
  }
  checkstr(tifai_gongwen_role_name(TIFAI_GW_ATTACHMENT_NOTE), "attachment_note");
  checkstr(tifai_gongwen_role_name(-1), "?");
  checkstr(tifai_gongwen_role_name(TIFAI_GW_NROLES), "?");
}

int main (void) {
  test_docno();
  test_notice();
  test_letter();
  nothing("news_quote.txt", 8);
  nothing("speech.txt", 9);
  test_places();
  return check_done("test_gongwen");
}
