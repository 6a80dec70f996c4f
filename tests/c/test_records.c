/*
** test_records.c -- records of JSON Lines and CSV (host/read/read_jsonl.c, read_csv.c; issue
** 18): a record left out or stored with a problem is a note with its line and reason, the
** others are read; dates in the common forms become ISO 8601; a text that runs paragraphs
** together is cut at indents after the end of a sentence. Then the fixtures speeches.csv,
** speeches.jsonl, ragged.csv and ragged.jsonl in $TIFA_DATA/formats.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tifa.h"
#include "reader.h"
#include "check.h"

#define MAXDOC  8

/* {====== Collecting what a reader hands over ====== */
typedef struct tdoc {
  char *title, *date;
  char *p[8];               /* the first paragraphs' texts */
  size_t np;
  int l0, l1;
} tdoc;

typedef struct coll {
  tdoc d[MAXDOC];
  int n;                    /* articles handed over (only the first MAXDOC are kept) */
  char notes[1024];         /* the reader's notes: "LINE F|W message\n" each */
} coll;

static char *dupn (const char *s, size_t n) {
  char *d;
  if (s == NULL) return NULL;
  if ((d = (char *)malloc(n + 1)) != NULL) { memcpy(d, s, n); d[n] = '\0'; }
  return d;
}

static int collect (void *ud, const tifai_doc *doc) {
  coll *c = (coll *)ud;
  size_t i;
  if (++c->n <= MAXDOC) {
    tdoc *d = &c->d[c->n - 1];
    d->title = doc->title ? dupn(doc->title, strlen(doc->title)) : NULL;
    d->date = doc->date ? dupn(doc->date, strlen(doc->date)) : NULL;
    d->np = doc->npara;
    d->l0 = doc->line_start;
    d->l1 = doc->line_end;
    for (i = 0; i < doc->npara && i < 8; i++) d->p[i] = dupn(doc->paras[i].text, doc->paras[i].len);
  }
  return 0;
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
    free(c->d[i].title);
    free(c->d[i].date);
    for (j = 0; j < c->d[i].np && j < 8; j++) free(c->d[i].p[j]);
  }
  memset(c, 0, sizeof(*c));
}

/* Feed 'src' (lines split at "\n") to a reader of 'fmt'; returns finish's result. */
static int run (int fmt, const char *src, coll *c, char *err, size_t errsz) {
  tifai_reader *r = NULL;
  const char *s = src, *e;
  int rc = tifai_reader_new(fmt, collect, c, &r);
  if (rc != TIFA_OK) return rc;
  tifai_reader_onnote(r, takenote, c);
  while (rc == TIFA_OK && *s) {
    e = strchr(s, '\n');
    if (e == NULL) e = s + strlen(s);
    rc = tifai_reader_line(r, s, (size_t)(e - s), 0, 0);
    s = *e ? e + 1 : e;
  }
  if (rc == TIFA_OK) rc = tifai_reader_finish(r);
  snprintf(err, errsz, "%s", tifai_reader_errmsg(r));
  tifai_reader_free(r);
  return rc;
}

/* The same for the fixture $TIFA_DATA/formats/'name', in the format of its extension. */
static int runfile (const char *name, coll *c, char *err, size_t errsz) {
  const char *dir = getenv("TIFA_DATA");
  char path[1024], *buf;
  FILE *f;
  long n;
  int rc;
  snprintf(path, sizeof(path), "%s/formats/%s", dir ? dir : "tests/data", name);
  if ((f = fopen(path, "rb")) == NULL) { fprintf(stderr, "cannot open '%s'\n", path); return -1; }
  fseek(f, 0, SEEK_END);
  n = ftell(f);
  rewind(f);
  buf = (char *)malloc((size_t)n + 1);
  if (buf == NULL || fread(buf, 1, (size_t)n, f) != (size_t)n) { fclose(f); free(buf); return -1; }
  fclose(f);
  buf[n] = '\0';
  rc = run(tifai_format_of_path(name), buf, c, err, errsz);
  free(buf);
  return rc;
}
/* }====== */

/* {====== Records: notes, dates, paragraphs (issue 18) ====== */
static void test_records (void) {
  coll c = {0};
  char err[256];
  /* ragged rows, no text: notes at the line where the record starts; the rest read */
  checkint(run(TIFAI_FMT_CSV,
    "标题,正文,日期\n"                      /* 1 */
    "甲,正文甲。,2023-05-18\n"              /* 2 */
    "乙,正文乙。,2023-05-19,多余\n"         /* 3 */
    "丙,正文丙。\n"                         /* 4 */
    "丁,,2023-05-20\n"                      /* 5 */
    "戊,\"第一行。\n第二行。\",2023-05-21\n"  /* 6-7 */
    "庚,\"跨行的\n记录。\",2023-05-22,多余\n"  /* 8-9 */
    "己,正文己。,2023年5月32日\n"           /* 10 */
    , &c, err, sizeof(err)), TIFA_OK);
  checkstr(c.notes, "3 F record has 4 fields, the header has 3\n"
                    "4 F record has 2 fields, the header has 3\n"
                    "5 F record has no text\n"
                    "8 F record has 4 fields, the header has 3\n"
                    "10 W unreadable date '2023年5月32日' (the record is stored undated)\n");
  checkint(c.n, 3);
  checkstr(c.d[1].title, "戊");
  checkint(c.d[1].l0, 6); checkint(c.d[1].l1, 7);
  checkstr(c.d[2].title, "己");
  check((c.d[2].date) == NULL);
  collfree(&c);

  /* dates in the common forms, to ISO 8601; a time of day is ignored */
  checkint(run(TIFAI_FMT_JSONL,
    "{\"text\":\"一\",\"date\":\"2020-01-08\"}\n"
    "{\"text\":\"二\",\"date\":\"2020/1/8\"}\n"
    "{\"text\":\"三\",\"date\":\"2020.1.8\"}\n"
    "{\"text\":\"四\",\"date\":\"2020年1月8日\"}\n"
    "{\"text\":\"五\",\"date\":\"20200108\"}\n"
    "{\"text\":\"六\",\"date\":\" 2020-01-08 10:30:00 \"}\n"
    "{\"text\":\"七\",\"date\":\"2020-01-08T10:30:00+08:00\"}\n"
    "{\"text\":\"八\",\"date\":\"2020年1月\"}\n"
    , &c, err, sizeof(err)), TIFA_OK);
  checkstr(c.notes, "");
  checkint(c.n, 8);
  {
    int i;
    for (i = 0; i < 7; i++) checkstr(c.d[i].date, "2020-01-08");
  }
  checkstr(c.d[7].date, "2020-01");
  collfree(&c);
  checkint(run(TIFAI_FMT_JSONL,
    "{\"text\":\"一\",\"date\":\"20201332\"}\n{\"text\":\"二\",\"date\":\"下周一\"}\n"
    "{\"text\":\"三\",\"date\":\"2020-01-08 上午\"}\n", &c, err, sizeof(err)), TIFA_OK);
  checkstr(c.notes, "1 W unreadable date '20201332' (the record is stored undated)\n"
                    "2 W unreadable date '下周一' (the record is stored undated)\n"
                    "3 W unreadable date '2020-01-08 上午' (the record is stored undated)\n");
  checkint(c.n, 3);
  check((c.d[0].date) == NULL); check((c.d[1].date) == NULL); check((c.d[2].date) == NULL);
  collfree(&c);

  /* a run-together text: paragraphs at indents after the end of a sentence */
  checkint(run(TIFAI_FMT_JSONL,
    "{\"text\":\"\u3000\u3000新华社北京5月18日电\u3000第一段。\u3000\u3000第二段！”\u3000第三段？  "
    "第四段，  不断开。\\n第五段\"}\n", &c, err, sizeof(err)), TIFA_OK);
  checkint(c.n, 1);
  checkint(c.d[0].np, 5);
  if (c.d[0].np == 5) {
    checkstr(c.d[0].p[0], "\u3000\u3000新华社北京5月18日电\u3000第一段。");
    checkstr(c.d[0].p[1], "\u3000\u3000第二段！”");
    checkstr(c.d[0].p[2], "\u3000第三段？");
    checkstr(c.d[0].p[3], "  第四段，  不断开。");
    checkstr(c.d[0].p[4], "第五段");
  }
  collfree(&c);

  /* the fixtures */
  checkint(runfile("speeches.csv", &c, err, sizeof(err)), TIFA_OK);
  checkstr(c.notes, "");
  checkint(c.n, 3);
  checkstr(c.d[0].date, "2023-05-18"); checkstr(c.d[1].date, "2023-05-19");
  checkstr(c.d[2].date, "2023-05-20");
  checkint(c.d[0].np, 3); checkint(c.d[1].np, 3); checkint(c.d[2].np, 3);
  checkint(c.d[2].l0, 4); checkint(c.d[2].l1, 5);
  collfree(&c);
  checkint(runfile("speeches.jsonl", &c, err, sizeof(err)), TIFA_OK);
  checkstr(c.notes, "");
  checkint(c.n, 3);
  checkstr(c.d[1].date, "2023-05-19"); checkstr(c.d[2].date, "2023-05-20");
  checkint(c.d[0].np, 3); checkint(c.d[1].np, 3); checkint(c.d[2].np, 3);
  collfree(&c);
  checkint(runfile("ragged.csv", &c, err, sizeof(err)), TIFA_OK);
  checkstr(c.notes, "3 F record has 4 fields, the header has 3\n"
                    "4 F record has 2 fields, the header has 3\n"
                    "5 F record has no text\n"
                    "8 W unreadable date '2023年5月32日' (the record is stored undated)\n"
                    "9 F record has 4 fields, the header has 3\n");
  checkint(c.n, 4);
  collfree(&c);
  checkint(runfile("ragged.jsonl", &c, err, sizeof(err)), TIFA_OK);
  check(strncmp(c.notes, "2 F invalid JSON (", 18) == 0);
  check(strstr(c.notes, ")\n3 F no 'text' or 'content' field\n4 F record has no text\n"
                        "5 F expected a JSON object\n"
                        "6 W unreadable date '下周一' (the record is stored undated)\n") != NULL);
  checkint(c.n, 3);
  collfree(&c);
}
/* }====== */

int main (void) {
  test_records();
  return check_done("records");
}
