/*
** layout_lead.c -- the date an article's lead reports (date_source "text"), for an article
** that has none from a dateline, a field or its file's name: the month and day of its first
** sentence's event (tifai_lead_date), the year from the page (tifai_layout_leaddate).
*/
#include <stdio.h>
#include <string.h>
#include "layout.h"
#include "text.h"

#define MAXCAND  64                 /* full dates looked at on a page */
#define HEADMAX  (40 * 3)           /* bytes: a page line that may be a term heading */

typedef struct cands {
  int ymd[MAXCAND];                 /* yyyymmdd */
  int n;
} cands;

static void addymd (cands *c, const char *iso) {
  int y, m, d;
  if (c->n < MAXCAND && sscanf(iso, "%4d-%2d-%2d", &y, &m, &d) == 3)
    c->ymd[c->n++] = y * 10000 + m * 100 + d;
}

/* Every full date (year, month and day) in s[0..len). */
static void scan (cands *c, const char *s, size_t len) {
  size_t at;
  if (s == NULL) return;
  for (at = 0; at < len; at++) {
    char iso[16];
    const char *prec;
    size_t used;
    if (at > 0 && s[at - 1] >= '0' && s[at - 1] <= '9') continue;
    if ((unsigned char)s[at] >= 0x80 && ((unsigned char)s[at] & 0xC0) == 0x80) continue;
    if ((used = tifai_date_parse(s + at, len - at, iso, &prec)) > 0 && strcmp(prec, "day") == 0) {
      addymd(c, iso);
      at += used - 1;
    }
  }
}

static long days (int ymd) {         /* a day number, good enough to compare distances */
  int y = ymd / 10000, m = ymd / 100 % 100, d = ymd % 100;
  return (long)y * 372 + (m - 1) * 31 + d;
}

/* The year for month 'm', day 'd' from the full dates on the page: a report comes on or
** after its event, so each date D puts it in D's year if it is not after D, else in the year
** before; of these the nearest to its D wins. 0 when there is no date. */
static int yearfrom (const cands *c, int m, int d) {
  int i, best = 0;
  long bd = -1;
  for (i = 0; i < c->n; i++) {
    int y = c->ymd[i] / 10000;
    long dist;
    if (m * 100 + d > c->ymd[i] % 10000) y--;     /* after D's month and day: the year before */
    dist = days(c->ymd[i]) - days(y * 10000 + m * 100 + d);
    if (bd < 0 || dist < bd) { bd = dist; best = y; }
  }
  return best;
}

int tifai_layout_leaddate (const tifa_cut_article *a, const tifa_cut_article *page, size_t n,
                           const tifa_para_src *pg, size_t npg, const char *title,
                           char iso[16], const char **prec) {
  cands c;
  size_t i, b0, b1;
  int y = 0, m = 0, d = 0, found = 0;
  for (i = 0; i < a->npara && i < 3; i++) {       /* the first paragraph of text */
    if (a->paras[i].kind == TIFA_PARA_HEADING) continue;
    found = tifai_lead_date(a->paras[i].text, a->paras[i].len, &y, &m, &d, &b0, &b1);
    break;
  }
  if (!found) return 0;
  if (y == 0) {
    c.n = 0;
    for (i = 0; i < n; i++)                        /* the other articles' dates */
      if (&page[i] != a && page[i].date && page[i].date_precision
          && strcmp(page[i].date_precision, "day") == 0)
        addymd(&c, page[i].date);
    if (title) scan(&c, title, strlen(title));     /* the page's title */
    if (a->title) scan(&c, a->title, strlen(a->title));
    for (i = 0; i < a->ndropped; i++)              /* its header lines */
      scan(&c, a->dropped[i].text, a->dropped[i].len);
    for (i = 0; i < npg; i++)                      /* its headings, its first short lines */
      if ((pg[i].kind == TIFA_PARA_HEADING || i < 5) && pg[i].len <= HEADMAX)
        scan(&c, pg[i].text, pg[i].len);
    y = yearfrom(&c, m, d);
    for (i = 0; y == 0 && i < npg; i++)            /* "2023-2024学年第一学期" */
      if (pg[i].len <= HEADMAX) y = tifai_term_year(pg[i].text, pg[i].len, m);
    if (y == 0 && title) y = tifai_term_year(title, strlen(title), m);
  }
  m %= 100;                                        /* 1..12 and 1..31 already: for the compiler */
  d %= 100;
  if (y > 0 && y < 10000) { snprintf(iso, 16, "%04d-%02d-%02d", y, m, d); *prec = "day"; }
  else { snprintf(iso, 16, "--%02d-%02d", m, d); *prec = "month-day"; }
  return 1;
}
