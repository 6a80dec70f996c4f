/*
** test_cite.c -- the C API of tifa_cite.h on the sample corpus: citations with aliases
** resolved, quotation groups, speakers, kinds, and the dot writer; self-references
** (tifa_extract_selfrefs).
*/
#include <string.h>
#include "tifa.h"
#include "tifa_store.h"
#include "tifa_cite.h"
#include "tifa_extract.h"
#include "check.h"

static int has (const char *s, const char *t) { return s && strstr(s, t) != NULL; }

int main (void) {
  tifa_store *s = NULL;
  char err[TIFA_ERRMAX];
  tifa_citations *c = NULL;
  tifa_quotes *q = NULL;
  tifa_quote_opts o;
  size_t n;
  check(tifa_store_open_sample(&s, err, sizeof(err)) == TIFA_OK);
  if (s == NULL) return 1;

  /* citations: the opinion on Inner Mongolia, cited by 2, 5 and 8 */
  check(tifa_cite_citations(s, NULL, 0, &c) == TIFA_OK);
  check(tifa_citations_count(c) == 9);
  {
    const tifa_cite_doc *d = tifa_citations_doc(c, 0);
    checkstr(d->title, "国务院关于推动内蒙古高质量发展奋力书写中国式现代化新篇章的意见");
    checkstr(d->kind, "意见");
    checkint(d->narticles, 3);
    checkint(d->count, 11);
    check(d->resolved);
    checkint(d->uses[0].article, 2);
    checkint(d->uses[0].how, TIFA_CITE_DEFINED);      /* 《意见》 before its 以下简称 */
    checkstr(d->uses[0].as_written, "意见");
    checkint(d->uses[d->count - 1].article, 8);
    checkint(d->uses[d->count - 1].how, TIFA_CITE_FULL);
    checkint(d->naliases, 2);
  }
  check(tifa_citations_doc(c, 9) == NULL);
  checkint(tifa_citations_nself(c), 0);              /* no 本法 in the seeds */
  check(tifa_citations_self(c, 0) == NULL);
  tifa_citations_free(c);
  {                                                  /* one article: 5 defines its aliases */
    int64_t five = 5;
    check(tifa_cite_citations(s, &five, 1, &c) == TIFA_OK);
    checkint(tifa_citations_count(c), 2);
    checkstr(tifa_citations_doc(c, 0)->docno, "发改环资〔2024〕379号");
    checkint(tifa_citations_doc(c, 0)->uses[1].how, TIFA_CITE_DEFINED);
    tifa_citations_free(c);
  }
  tifa_citations_free(NULL);

  /* quotations: Xi's words in 1 and 13 */
  memset(&o, 0, sizeof(o));
  o.speaker = "习近平总书记";
  o.min_articles = 2;
  check(tifa_cite_quotes(s, NULL, 0, &o, &q) == TIFA_OK);
  checkint(tifa_quotes_count(q), 1);
  if (tifa_quotes_count(q) == 1) {
    const tifa_quote_group *g = tifa_quotes_group(q, 0);
    checkstr(g->speaker, "习近平");
    checkint(g->narticles, 2);
    checkint(g->uses[0].article, 1);
    checkint(g->uses[1].article, 13);
    checkstr(g->uses[1].speaker, "他");
    checkint(g->uses[1].start, 71);                  /* 0-based */
    checkint(g->uses[1].paragraph, 1);
  }
  tifa_quotes_free(q);
  tifa_quotes_free(NULL);

  /* speakers and kinds */
  {
    const char *sp = tifa_cite_speaker("国家主席习近平", strlen("国家主席习近平"), &n);
    check(n == strlen("习近平") && memcmp(sp, "习近平", n) == 0);
    sp = tifa_cite_speaker("总书记", strlen("总书记"), &n);
    check(n == strlen("习近平") && memcmp(sp, "习近平", n) == 0);
    sp = tifa_cite_speaker("发言人", strlen("发言人"), &n);
    check(n == strlen("发言人") && memcmp(sp, "发言人", n) == 0);
    checkstr(tifa_cite_kind("长江经济带发展规划纲要", strlen("长江经济带发展规划纲要")), "纲要");
    checkstr(tifa_cite_kind("三年行动计划（2023-2025年）", strlen("三年行动计划（2023-2025年）")), "计划");
    checkstr(tifa_cite_kind("中华人民共和国监察法", strlen("中华人民共和国监察法")), "法");
    checkstr(tifa_cite_kind("复兴之路", strlen("复兴之路")), "其他");
  }

  /* self-references: 本法, not 本法院, 基本法, 本章; quoted in an amendment; 本实施细则 */
  {
    static const char t[] = "根据宪法，制定本法。本法院、基本法、本章、本条不是；\n"
                            "将第二条修改为：“违反本法规定的”。本实施细则和本章程序。"
                            "原本计划不是，构成本法规定的是。";
    tifa_selfref r[8];
    n = tifa_extract_selfrefs(t, strlen(t), r, 8);
    checkint(n, 4);
    if (n == 4) {
      check(r[0].at.nbyte == strlen("本法") && memcmp(t + r[0].at.byte, "本法", r[0].at.nbyte) == 0);
      checkstr(r[0].kind, "法");
      checkint(r[0].at.start, 7);
      checkint(r[0].at.end, 9);
      checkint(r[0].quoted, 0);
      checkint(r[1].quoted, 1);                      /* the amended text */
      check(memcmp(t + r[2].at.byte, "本实施细则", strlen("本实施细则")) == 0);
      checkint(r[2].at.nbyte, strlen("本实施细则"));
      checkstr(r[2].kind, "细则");
      check(memcmp(t + r[3].at.byte, "本法规定", strlen("本法规定")) == 0);   /* 构成 本法 */
      checkint(r[3].at.nbyte, strlen("本法"));
    }
    checkint(tifa_extract_selfrefs("本法", strlen("本法"), NULL, 0), 1);
    checkstr(tifa_cite_kind("纲要草案", strlen("纲要草案")), "纲要");
  }

  /* dot */
  {
    tifa_graph_node nodes[2] = {{"say \"hi\"", "a"}, {"乙\n丙", NULL}};
    tifa_graph_edge edges[1] = {{0, 1, 2, NULL}};
    tifa_graph g = {nodes, 2, edges, 1, 1, NULL, "LR"};
    char *dot = tifa_graph_dot(&g, &n);
    check(has(dot, "digraph G {"));
    check(has(dot, "n1 [label=\"say \\\"hi\\\"\""));
    check(has(dot, "n2 [label=\"乙\\n丙\"]"));
    check(has(dot, "n1 -> n2 [weight=2, penwidth=2.00]"));
    check(dot && n == strlen(dot));
    tifa_free(dot);
    edges[0].to = 5;                                 /* no such node */
    check(tifa_graph_dot(&g, &n) == NULL);
  }
  tifa_store_close(s);
  return check_failures;
}
