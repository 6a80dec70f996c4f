/*
** test_query.c -- the query rules of issue 19 and the title: field of issue 18, on the C API
** (include/tifa_store.h, include/tifa_track.h) over a small store made here: NEAR counts and
** marks spans (search offsets, snippet, count, kwic, timeline); a parenthesis around one bare
** word is text; punctuation matches in either width, and only its width variants; title:
** matches in titles alone and never in a derived one; tracked forms fold widths as queries.
*/
#define _GNU_SOURCE                 /* mkdtemp */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "tifa_store.h"
#include "tifa_track.h"
#include "check.h"

/* The articles, in id order. Character offsets of the text of #1:
**   违0反1本2法3的4，5处6以7罚8款9；10情11节12严13重14的15，16吊17销18许19可20证21。22
**   另23处24罚25款26。27吊28销29执30照31。32                                             */
static const char corpus[] =
  "{\"title\":\"关于罚款的规定（试行）\",\"date\":\"2024-01-15\","
  "\"text\":\"违反本法的，处以罚款；情节严重的，吊销许可证。另处罚款。吊销执照。\"}\n"
  "{\"title\":\"相距很远的两个词\",\"date\":\"2024-02-15\","
  "\"text\":\"罚款之后还有二十个字的距离才会出现后面那个词语也就是吊销。\"}\n"
  "{\"title\":\"项的写法\",\"date\":\"2024-03-15\","
  "\"text\":\"首先（一）项与(一)项，及一。规定（试行）的有关通知与规定(试行)。试行期间【注】有效。\"}\n"
  "{\"title\":\"民法典释义\",\"date\":\"2024-04-15\",\"text\":\"为了保护民事主体的条文。\"}\n"
  "{\"date\":\"2024-05-15\",\"text\":\"民法典的条文很多。\"}\n";

static tifa_store *S;

static int64_t total (const char *q, int64_t *arts) {
  int64_t t = -1, a = -1;
  int rc = tifa_store_count(S, q, &t, &a, NULL, NULL);
  if (arts) *arts = a;
  return rc == TIFA_OK ? t : -1;
}

/* {====== Search hits ====== */

typedef struct hits {
  int n;
  int64_t id[8];
  size_t nm[8], nt[8];
  int64_t off[8][8], toff[8][8];
  char snip[8][512];
} hits;

static int onhit (void *ud, const tifa_hit *h) {
  hits *x = (hits *)ud;
  if (x->n < 8) {
    size_t i;
    x->id[x->n] = h->article;
    x->nm[x->n] = h->nmatch;
    x->nt[x->n] = h->ntitle;
    for (i = 0; i < 2 * h->nmatch && i < 8; i++) x->off[x->n][i] = h->offsets[i];
    for (i = 0; i < 2 * h->ntitle && i < 8; i++) x->toff[x->n][i] = h->title_offsets[i];
    snprintf(x->snip[x->n], sizeof(x->snip[0]), "%s", h->snippet);
  }
  x->n++;
  return 0;
}

static void search (const char *q, hits *x) {
  tifa_search_opts o;
  memset(&o, 0, sizeof(o));
  memset(x, 0, sizeof(*x));
  o.limit = 100;
  checkint(tifa_store_search(S, q, &o, onhit, x), TIFA_OK);
}

/* }====== */

/* {====== NEAR spans ====== */

typedef struct lines { int n, title; char match[4][128]; int64_t from[4], to[4]; } lines;

static int onkwic (void *ud, const tifa_kwic_line *l) {
  lines *x = (lines *)ud;
  if (x->n < 4) {
    snprintf(x->match[x->n], sizeof(x->match[0]), "%.*s", (int)l->match_len, l->match);
    x->from[x->n] = l->from;
    x->to[x->n] = l->to;
  }
  x->title += l->title;
  x->n++;
  return 0;
}

static int64_t periodsum;
static int onperiod (void *ud, const tifa_period *p) {
  (void)ud;
  periodsum += p->count;
  return 0;
}

static void near (void) {
  hits h;
  lines k;
  int64_t arts;
  /* two spans in #1: from the first character of the first term to the last of the last */
  search("NEAR(罚款 吊销, 10)", &h);
  checkint(h.n, 1);                                 /* #2 holds both, 24 characters apart */
  checkint(h.id[0], 1);
  checkint(h.nm[0], 2);
  checkint(h.nt[0], 0);                             /* the title's 罚款 has no 吊销 near */
  checkint(h.off[0][0], 8); checkint(h.off[0][1], 19);
  checkint(h.off[0][2], 25); checkint(h.off[0][3], 30);
  check(strstr(h.snip[0], "«罚款；情节严重的，吊销»") != NULL);
  checkint(total("NEAR(罚款 吊销, 10)", &arts), 2);
  checkint(arts, 1);
  checkint(total("罚款", NULL), 4);               /* the terms alone count more */
  /* the span that ends first wins: with 6, 吊销 [17,19) pairs with the second 罚款 */
  search("NEAR(罚款 吊销, 6)", &h);
  checkint(h.nm[0], 1);
  checkint(h.off[0][0], 17); checkint(h.off[0][1], 27);
  checkint(total("NEAR(罚款 吊销, 0)", NULL), 0);
  checkint(total("NEAR(罚款 吊销, 1)", NULL), 1);   /* 罚款。吊销: one character between */
  checkint(total("NEAR(吊销 罚款, 1)", NULL), 1);   /* in either order */
  /* a term twice: two occurrences, not one taken twice */
  checkint(total("NEAR(罚款 罚款, 15)", NULL), 1);
  checkint(total("NEAR(罚款 罚款, 14)", NULL), 0);
  /* three terms: all present in the span */
  checkint(total("NEAR(罚款 情节 吊销, 10)", NULL), 1);
  checkint(total("NEAR(罚款 执照 吊销, 10)", NULL), 1);
  /* NEAR and a term: the span and the term's occurrences */
  checkint(total("NEAR(罚款 吊销, 10) 许可证", NULL), 3);
  /* kwic: one line per span, the whole span as the match */
  memset(&k, 0, sizeof(k));
  checkint(tifa_kwic(S, "NEAR(罚款 吊销, 10)", NULL, onkwic, &k), TIFA_OK);
  checkint(k.n, 2);
  checkstr(k.match[0], "罚款；情节严重的，吊销");
  checkstr(k.match[1], "罚款。吊销");
  checkint(k.from[1], 25); checkint(k.to[1], 30);
  /* the timeline counts spans too */
  periodsum = 0;
  checkint(tifa_timeline(S, "NEAR(罚款 吊销, 10)", 0, TIFA_BY_MONTH, NULL, 0, onperiod, NULL, NULL), TIFA_OK);
  checkint(periodsum, 2);
}

/* }====== */

/* {====== Parentheses and punctuation ====== */

static void parens (void) {
  int64_t arts;
  checkint(total("一", NULL), 3);
  checkint(total("(一)", &arts), 2);                /* text: （一） and (一) in #3 */
  checkint(arts, 1);
  checkint(total("（一）", NULL), 2);
  checkint(total("(一", NULL), -1);                 /* no ')': it groups, and is left open */
  checkint(total("(试行)", NULL), 3);               /* #1's title, and twice in #3 */
  checkint(total("（试行）", NULL), 3);
  checkint(total("试行", NULL), 4);
  checkint(total("规定(试行)", NULL), 3);           /* inside a term */
  checkint(total("\"(试行)\"", NULL), 3);
  /* groups: around an expression, or after NEAR */
  checkint(total("(罚款 OR 试行) AND 吊销", &arts), 8);
  checkint(arts, 2);
  checkint(total("((一) OR (试行)) 项", &arts), 2 + 2 + 3);
  checkint(arts, 1);
  checkint(total("NEAR((一) 项, 0)", NULL), 2);
  /* punctuation folds width: ；(U+FF1B) and ; ，and , */
  checkint(total("处以罚款;情节", NULL), 1);
  checkint(total("严重的,吊销", NULL), 1);
  checkint(total("严重的，吊销", NULL), 1);
  /* and only width variants: 。 is not '.', 【】 are not [] */
  checkint(total("吊销执照.", NULL), 0);
  checkint(total("吊销执照。", NULL), 1);
  checkint(total("[注]", NULL), 0);
  checkint(total("【注】", NULL), 1);
}

/* }====== */

/* {====== title: ====== */

static void titles (void) {
  hits h;
  lines k;
  int64_t arts;
  checkint(total("民法典", &arts), 2);              /* #4's title and #5's text */
  checkint(arts, 2);
  search("title:民法典", &h);                        /* #5's title is derived: never matched */
  checkint(h.n, 1);
  checkint(h.id[0], 4);
  checkint(h.nt[0], 1);
  checkint(h.nm[0], 0);
  checkint(total("title:民法典", NULL), 1);
  checkint(total("title:条文", NULL), 0);
  checkint(total("title:\"民法典释义\"", NULL), 1);
  checkint(total("title:(民法典 OR 罚款)", &arts), 2);
  checkint(arts, 2);
  checkint(total("title:民法典 条文", &arts), 2);  /* the title's match and the text's */
  checkint(arts, 1);
  checkint(total("罚款 NOT title:罚款", &arts), 1);  /* #2 */
  checkint(arts, 1);
  checkint(total("吊销 NOT title:规定", &arts), 1);
  checkint(arts, 1);
  checkint(total("title:NEAR(罚款 规定, 1)", &arts), 1);
  checkint(total("title:(试行)", NULL), 1);         /* a literal parenthesis after title: */
  checkint(total("\"title:民法典\"", NULL), 0);      /* quoted: text */
  checkint(total("title:", NULL), -1);
  memset(&k, 0, sizeof(k));
  checkint(tifa_kwic(S, "title:民法典", NULL, onkwic, &k), TIFA_OK);
  checkint(k.n, 1);
  checkint(k.title, 1);
}

/* }====== */

/* {====== Tracked forms ====== */

static int ntrack, ntrackparts;
static int ontrack (void *ud, const tifa_track_match *m) {
  (void)ud;
  ntrack++;
  if (!m->exact) ntrackparts++;
  return 0;
}

static void track (void) {
  static const char *const forms[] = {"规定(试行) 通知"};
  tifa_formulation f;
  f.label = "试行规定的通知";
  f.forms = forms;
  f.nforms = 1;
  ntrack = ntrackparts = 0;
  checkint(tifa_track(S, &f, 1, 0, NULL, 0, ontrack, NULL), TIFA_OK);
  checkint(ntrack, 1);                              /* 规定（试行）的有关通知, in parts */
  checkint(ntrackparts, 1);
}

/* }====== */

int main (void) {
  char dir[] = "/tmp/test_query_XXXXXX", path[64], err[TIFA_ERRMAX];
  tifa_ingest_report r;
  int rc;
  if (mkdtemp(dir) == NULL) { perror("mkdtemp"); return 1; }
  snprintf(path, sizeof(path), "%s/q.db", dir);
  rc = tifa_store_open(path, TIFA_OPEN_CREATE, &S, err, sizeof(err));
  checkint(rc, TIFA_OK);
  if (rc != TIFA_OK) { fprintf(stderr, "  %s\n", err); return 1; }
  memset(&r, 0, sizeof(r));
  checkint(tifa_store_ingest_buffer(S, "q.jsonl", corpus, sizeof(corpus) - 1, NULL, &r), TIFA_OK);
  near();
  parens();
  titles();
  track();
  tifa_store_close(S);
  unlink(path);
  {
    char wal[80];
    snprintf(wal, sizeof(wal), "%s-wal", path); unlink(wal);
    snprintf(wal, sizeof(wal), "%s-shm", path); unlink(wal);
  }
  rmdir(dir);
  return check_done("test_query");
}
