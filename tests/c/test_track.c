/*
** test_track.c -- the C API of include/tifa_track.h on the sample corpus: lexicons (parsed,
** errors, the built-in one holding every nz line of host/dict/policy.txt), kwic offsets and
** contexts, a timeline with undated articles, dispersion measures, formulations in parts.
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tifa_store.h"
#include "tifa_text.h"
#include "tifa_track.h"
#include "check.h"

static int nlines, badctx;
static int64_t lastid;

static int onkwic (void *ud, const tifa_kwic_line *l) {
  (void)ud;
  nlines++;
  if (l->match_len != strlen("先立后破") || memcmp(l->match, "先立后破", l->match_len) != 0) badctx++;
  if (tifa_utf8_len(l->left, l->left_len) > 5 || tifa_utf8_len(l->right, l->right_len) > 5) badctx++;
  if (l->id < lastid) badctx++;
  lastid = l->id;
  return 0;
}

static int stopat2 (void *ud, const tifa_kwic_line *l) {
  (void)l;
  return ++*(int *)ud == 2 ? 42 : 0;
}

static int nperiods;
static int64_t periodsum;
static int onperiod (void *ud, const tifa_period *p) {
  (void)ud;
  nperiods++;
  periodsum += p->count;
  return 0;
}

static int ndisp;
static int ondisp (void *ud, const tifa_dispersion_row *r) {
  (void)ud;
  ndisp++;
  check(strlen(r->plot) == 20);
  check(r->count >= 1 && r->from[0] >= 0 && r->from[0] < r->nchars);
  return 0;
}

typedef struct tally { int exact, parts; int64_t ids[16]; int n; } tally;
static int ontrack (void *ud, const tifa_track_match *m) {
  tally *t = (tally *)ud;
  if (m->exact) t->exact++; else t->parts++;
  if (t->n < 16) t->ids[t->n++] = m->id;
  return 0;
}

/* every nz line of policy.txt is a formulation of the built-in lexicon */
static void policy (const tifa_formulation *fs, size_t n) {
  const char *src = getenv("TIFA_SRC");
  char path[4096], line[512];
  FILE *fp;
  int found = 0, missing = 0;
  if (src == NULL) return;
  snprintf(path, sizeof(path), "%s/host/dict/policy.txt", src);
  if ((fp = fopen(path, "r")) == NULL) { check(!"policy.txt readable"); return; }
  while (fgets(line, sizeof(line), fp)) {
    char *w = strtok(line, " \t\n"), *t, *x;
    size_t i;
    int in = 0;
    if (w == NULL || w[0] == '#') continue;
    t = w;
    while ((x = strtok(NULL, " \t\n")) != NULL) t = x;
    if (strcmp(t, "nz") != 0 || t == w) continue;
    for (i = 0; i < n && !in; i++) in = strcmp(fs[i].label, w) == 0;
    if (in) found++;
    else { missing++; fprintf(stderr, "not in the built-in lexicon: %s\n", w); }
  }
  fclose(fp);
  check(found > 100);
  checkint(missing, 0);
}

int main (void) {
  char err[TIFA_ERRMAX];
  tifa_store *s = NULL;
  tifa_lexicon *lx = NULL;
  const tifa_formulation *fs;
  size_t n;
  int rc, count = 0;

  /* lexicons */
  {
    const char *src = "# c\n\n 双碳 = 碳达峰 | 碳中和 | \n新质生产力\n  稳中求进、以进促稳  ";
    rc = tifa_lexicon_parse(src, strlen(src), &lx, err, sizeof(err));
  }
  checkint(rc, TIFA_OK);
  fs = tifa_lexicon_formulations(lx, &n);
  checkint(n, 3);
  checkstr(fs[0].label, "双碳");
  checkint(fs[0].nforms, 2);
  checkstr(fs[0].forms[1], "碳中和");
  checkstr(fs[1].forms[0], "新质生产力");
  checkstr(fs[2].label, "稳中求进、以进促稳");
  tifa_lexicon_free(lx);
  rc = tifa_lexicon_parse("a\n= b\n", 6, &lx, err, sizeof(err));
  checkint(rc, TIFA_SYNTAX);
  checkstr(err, "line 2: no label before '='");
  check(lx == NULL);
  tifa_lexicon_free(NULL);
  checkint(tifa_lexicon_builtin(&lx), TIFA_OK);
  fs = tifa_lexicon_formulations(lx, &n);
  policy(fs, n);

  checkint(tifa_store_open_sample(&s, err, sizeof(err)), TIFA_OK);

  /* kwic: 先立后破 (6: article 1 three times, 3 twice with the title, 9 once) */
  {
    tifa_kwic_opts o;
    memset(&o, 0, sizeof(o));
    o.width = 5;
    checkint(tifa_kwic(s, "先立后破", &o, onkwic, NULL), TIFA_OK);
    checkint(nlines, 6);
    checkint(badctx, 0);
    checkint(tifa_kwic(s, "先立后破", NULL, stopat2, &count), 42);   /* the callback stops it */
    checkint(tifa_kwic(s, "(先立后破", NULL, onkwic, NULL), TIFA_SYNTAX);
    check(strstr(tifa_store_errmsg(s), "malformed query") != NULL);
  }

  /* timeline: 稳中求进 from 2023-12 to 2024-03; article 1 (5 matches) has no date */
  {
    tifa_undated u;
    checkint(tifa_timeline(s, "稳中求进", 0, TIFA_BY_MONTH, NULL, 0, onperiod, NULL, &u), TIFA_OK);
    checkint(nperiods, 4);
    checkint(periodsum, 3);
    checkint(u.count, 5);
    checkint(u.articles, 1);
  }

  /* dispersion over articles 1 and 9 */
  {
    int64_t ids[] = {9, 1, 9};
    tifa_dispersion_stats st;
    checkint(tifa_dispersion(s, "高质量发展", 0, ids, 3, 20, ondisp, NULL, &st), TIFA_OK);
    checkint(ndisp, 2);
    checkint(st.parts, 2);
    check(st.juilland_d > 0 && st.juilland_d <= 1);
    check(st.dp >= 0 && st.dp < 1);
  }

  /* formulations: exact, and in parts within one sentence */
  {
    const char *forms[] = {"稳中求进 先立后破"};
    tifa_formulation f = {"x", forms, 1};
    tally t;
    int64_t nine = 9;
    memset(&t, 0, sizeof(t));
    checkint(tifa_track(s, &f, 1, 0, NULL, 0, ontrack, &t), TIFA_OK);
    checkint(t.exact, 0);
    checkint(t.parts, 4);
    memset(&t, 0, sizeof(t));
    checkint(tifa_track(s, &f, 1, 0, &nine, 1, ontrack, &t), TIFA_OK);
    checkint(t.parts, 0);                         /* two sentences apart in article 9 */
  }
  {
    const char *forms[] = {"  "};
    tifa_formulation f = {"empty", forms, 1};
    tally t;
    checkint(tifa_track(s, &f, 1, 0, NULL, 0, ontrack, &t), TIFA_ERROR);
  }
  tifa_lexicon_free(lx);
  tifa_store_close(s);
  if (check_failures) fprintf(stderr, "%d checks failed\n", check_failures);
  return check_failures != 0;
}
