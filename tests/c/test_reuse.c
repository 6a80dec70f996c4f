/*
** test_reuse.c -- the C API of text reuse (tifa_reuse.h) on the sample corpus: the summary
** of article 4 over its body (reuse within an article), sides mapped back onto the fields,
** options, near-duplicates and similar articles, failures.
*/
#include <stdio.h>
#include <string.h>
#include "tifa.h"
#include "tifa_store.h"
#include "tifa_reuse.h"
#include "check.h"

/* s[0..len) with only letters and digits of CJK and ASCII kept (the punctuation of the seeds). */
static size_t squeeze (const char *s, size_t len, char *out) {
  static const char *const punct[] = {"，", "。", "、", "；", "：", "“", "”", "《", "》", "（", "）", "\n", " ", NULL};
  size_t i = 0, n = 0;
  while (i < len) {
    int k, skip = 0;
    for (k = 0; punct[k]; k++) {
      size_t pl = strlen(punct[k]);
      if (pl <= len - i && memcmp(s + i, punct[k], pl) == 0) { i += pl; skip = 1; break; }
    }
    if (!skip) out[n++] = s[i++];
  }
  out[n] = 0;
  return n;
}

int main (void) {
  tifa_store *s;
  char err[TIFA_ERRMAX];
  tifa_reuse_result *r = NULL;
  tifa_reuse_opts o;
  tifa_dup_result *d = NULL;
  tifa_similar_result *m = NULL;
  size_t k, self4 = 0, found = 0;
  int64_t four = 4;
  static char a[8192], b[8192];
  check(tifa_store_open_sample(&s, err, sizeof(err)) == TIFA_OK);

  memset(&o, 0, sizeof(o));                     /* by default, nothing within one article */
  check(tifa_reuse(s, NULL, 0, NULL, &r) == TIFA_OK && r->n > 0);
  for (k = 0; r && k < r->n; k++) check(r->pairs[k].source.id != r->pairs[k].target.id);
  tifa_reuse_free(r);
  o.within = 1;
  check(tifa_reuse(s, NULL, 0, &o, &r) == TIFA_OK);
  check(r != NULL && r->articles == 13 && r->n > 0 && r->candidates >= r->n / 4);
  for (k = 0; r && k < r->n; k++) {
    const tifa_reuse_pair *p = &r->pairs[k];
    check(strlen(p->source.text) == p->source.len && p->chars >= TIFA_REUSE_MINCHARS);
    check(k == 0 || p->source.id > r->pairs[k - 1].source.id ||
          (p->source.id == r->pairs[k - 1].source.id && p->target.id >= r->pairs[k - 1].target.id));
    if (p->source.id == 4 && p->target.id == 4) {
      self4++;
      check(p->source.to <= p->target.from && p->days == 0 && !p->directed);
      if (p->edits == 0) {
        squeeze(p->source.text, p->source.len, a);
        squeeze(p->target.text, p->target.len, b);
        checkstr(a, b);
      }
      if (p->source.paragraph == 3 && p->target.paragraph == 9) {
        found++;
        check(p->chars >= 150 && p->edits == 0);
        check(strncmp(p->source.text, "党中央对新时代推进西部大开发形成新格局", strlen("党中央对新时代推进西部大开发形成新格局")) == 0);
      }
    }
    if (p->source.id != p->target.id && p->days != TIFA_REUSE_NODAYS && p->days > 0)
      check(p->directed);
  }
  check(self4 >= 9 && found == 1);
  tifa_reuse_free(r);

  memset(&o, 0, sizeof(o));                     /* one article; no reuse within: nothing */
  check(tifa_reuse(s, &four, 1, &o, &r) == TIFA_OK && r->n == 0 && r->articles == 1);
  tifa_reuse_free(r);
  o.within = 1; o.min_chars = 200;              /* the long bullet only */
  check(tifa_reuse(s, &four, 1, &o, &r) == TIFA_OK && r->n == 1 && r->pairs[0].chars >= 200);
  tifa_reuse_free(r);
  tifa_reuse_free(NULL);
  check(tifa_reuse_formulaic()[0] != NULL);

  check(tifa_duplicates(s, NULL, 0, 0, &d) == TIFA_OK && d->n == 0 && d->nids == 13);
  for (k = 0; d && k < d->nids; k++) check(d->canonical[k] == d->ids[k]);
  tifa_dup_free(d);
  tifa_dup_free(NULL);

  check(tifa_similar(s, 4, NULL, 0, 3, &m) == TIFA_OK && m->n == 3 && m->hits[0].id == 13);
  check(m && m->hits[0].score >= m->hits[1].score && m->hits[0].shared[0] != NULL);
  tifa_similar_free(m);
  check(tifa_similar(s, 999, NULL, 0, 3, &m) == TIFA_NOTFOUND && m == NULL);
  checkstr(tifa_store_errmsg(s), "article 999 not found");
  tifa_similar_free(NULL);
  tifa_store_close(s);
  return check_done("test_reuse");
}
