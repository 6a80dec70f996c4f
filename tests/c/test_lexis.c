/*
** test_lexis.c -- the statistics of include/tifa_lexis.h against values computed by hand,
** and summaries of small texts: enumerations kept whole, provenance of each sentence.
*/
#include <math.h>
#include <string.h>
#include <stdio.h>
#include "tifa_lexis.h"
#include "check.h"

static int near (double x, double y) { return fabs(x - y) < 1e-9; }

typedef struct got { size_t n; tifa_lexis_sentence s[32]; } got;

static int onsent (void *ud, const tifa_lexis_sentence *x) {
  got *g = (got *)ud;
  if (g->n < 32) g->s[g->n++] = *x;
  return 0;
}

static int has (const got *g, size_t index) {
  size_t i;
  for (i = 0; i < g->n; i++) if (g->s[i].index == index) return 1;
  return 0;
}

int main (void) {
  /* G2: a = 10 in c = 1000, b = 5 in d = 2000: E1 = 5, E2 = 10,
  ** G2 = 2 (10 ln 2 + 5 ln 0.5) = 10 ln 2 */
  check(near(tifa_lexis_ll(10, 5, 1000, 2000), 10 * log(2)));
  check(near(tifa_lexis_log_ratio(10, 5, 1000, 2000), 2));             /* log2(0.01 / 0.0025) */
  check(near(tifa_lexis_ll(0, 4, 10, 10), 8 * log(2)));                /* a zero term is 0 */
  check(near(tifa_lexis_log_ratio(0, 4, 10, 10), -3));                 /* 0 taken as 0.5 */
  check(near(tifa_lexis_ll(5, 5, 100, 100), 0));                       /* the same rate */
  check(fabs(tifa_lexis_pvalue(3.841458820694124) - 0.05) < 1e-9);     /* chi2(1) at 0.95 */
  check(fabs(tifa_lexis_pvalue(10.827566170662733) - 0.001) < 1e-9);
  check(tifa_lexis_pvalue(0) == 1.0);

  { /* an enumeration of three sentences: all three or none */
    static const char text[] =
      "今年工作有三项重点任务。\n"
      "一是推进科技创新和产业升级。二是推进产业升级和区域协调。三是推进区域协调和科技创新。\n"
      "天气晴朗。我们吃饭。";
    size_t n;
    for (n = 1; n <= 6; n++) {
      got g;
      size_t i;
      memset(&g, 0, sizeof(g));
      check(tifa_lexis_summary(text, strlen(text), n, onsent, &g) == TIFA_OK);
      check(g.n >= 1);
      check(has(&g, 2) == has(&g, 3) && has(&g, 3) == has(&g, 4));
      if (has(&g, 2)) check(g.s[1].enumeration || g.s[0].enumeration);
      for (i = 0; i < g.n; i++) {
        check(g.s[i].nbyte > 0 && g.s[i].start < g.s[i].end);
        if (i > 0) check(g.s[i].index > g.s[i - 1].index);
        if (g.s[i].index >= 2 && g.s[i].index <= 4) check(g.s[i].paragraph == 2);
        if (g.s[i].index == 1) check(g.s[i].start == 0 && g.s[i].paragraph == 1);
      }
      if (n >= 4) check(has(&g, 2));            /* the central sentences fit: taken */
    }
  }
  { /* the text of each sentence is where its offsets say */
    static const char text[] = "第一句话。第二句话！\n第三句话？";
    got g;
    memset(&g, 0, sizeof(g));
    check(tifa_lexis_summary(text, strlen(text), 10, onsent, &g) == TIFA_OK);
    check(g.n == 3);
    check(g.s[2].byte == strlen("第一句话。第二句话！\n") && g.s[2].start == 11 && g.s[2].end == 16);
    check(g.s[2].paragraph == 2 && g.s[1].paragraph == 1);
  }
  check(tifa_lexis_summary("\xff", 1, 3, onsent, NULL) == TIFA_ENCODING);
  if (check_failures) fprintf(stderr, "%d checks failed\n", check_failures);
  return check_failures != 0;
}
