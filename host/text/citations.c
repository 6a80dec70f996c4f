/*
** citations.c -- documents cited in a text (tifa_extract_citations): titles in 《》, the
** 文号 in the brackets after them, and aliases (（以下简称《意见》）) resolved to the full title.
*/
#include <string.h>
#include "text.h"
#include "units.h"
#include "extract.h"

#define MAXALIAS    64      /* aliases remembered per text; later ones replace the oldest */

/* Words that introduce an alias inside the brackets after a title */
static const char *const aliaswords[] = {"以下简称", "下称", "简称", NULL};

typedef struct Alias {
  size_t byte, nbyte;       /* the alias, inside its 《》 */
  size_t full, nfull;       /* the full title */
  size_t doc, ndoc;         /* its document number, ndoc == 0: none */
} Alias;

static size_t prefix (const char *s, size_t len, const char *w) {
  size_t n = strlen(w);
  return n <= len && memcmp(s, w, n) == 0 ? n : 0;
}

/* The brackets at s[at] after a title: a document number and an alias, each optional, in
** "（国发〔2024〕1号）", "（以下简称《意见》）", "（发改环资〔2024〕379号，以下简称《政策措施》）".
** Returns the end of the brackets, or 0 if there are none. */
static size_t bracket (const char *s, size_t len, size_t at, Alias *a) {
  size_t k, n, close;
  int kind, i;
  if ((k = prefix(s + at, len - at, "（")) == 0 && (k = prefix(s + at, len - at, "(")) == 0) return 0;
  for (close = at + k; close < len && s[close] != '\n' && !prefix(s + close, len - close, "）")
       && s[close] != ')'; close += tifai_cplen(s[close])) {}
  if (close >= len || s[close] == '\n') return 0;
  at += k;
  if ((n = tifai_unit(s + at, close - at, &kind)) > 0 && kind == TIFAI_UNIT_DOCNO) {
    a->doc = at;
    a->ndoc = n;
    at += n;
    if ((k = prefix(s + at, close - at, "，")) > 0 || (k = prefix(s + at, close - at, "、")) > 0
        || (k = prefix(s + at, close - at, ",")) > 0 || (k = prefix(s + at, close - at, "；")) > 0)
      at += k;
  }
  for (i = 0; aliaswords[i] != NULL; i++)
    if ((k = prefix(s + at, close - at, aliaswords[i])) > 0) {
      at += k;
      if ((n = tifai_unit(s + at, close - at, &kind)) > 0 && kind == TIFAI_UNIT_TITLE
          && n > 6 && at + n == close) {
        a->byte = at + 3;
        a->nbyte = n - 6;
      }
      break;
    }
  return close + (s[close] == ')' ? 1 : 3);
}

/* The brackets after a title: one or two (《...》（国发〔2024〕1号）（以下简称《意见》）) */
static void brackets (const char *s, size_t len, size_t at, Alias *a) {
  a->ndoc = a->nbyte = 0;
  if ((at = bracket(s, len, at, a)) > 0) bracket(s, len, at, a);
}

static const Alias *findalias (const Alias *al, int nal, const char *s, size_t byte, size_t nbyte) {
  int i;
  for (i = nal - 1; i >= 0; i--)
    if (al[i].nbyte == nbyte && memcmp(s + al[i].byte, s + byte, nbyte) == 0) return &al[i];
  return NULL;
}

size_t tifa_extract_citations (const char *s, size_t len, tifa_citation *out, size_t max) {
  tifai_cursor c = TIFAI_CURSOR_INIT(s);
  Alias al[MAXALIAS];
  int nal = 0, kind;
  size_t at = 0, count = 0, n;
  while (at < len) {
    const char *p = memchr(s + at, 0xE3, len - at);          /* 《 is E3 80 8A */
    const Alias *def;
    Alias a;
    if (p == NULL) break;
    at = (size_t)(p - s);
    if (!prefix(s + at, len - at, "《") || (n = tifai_unit(s + at, len - at, &kind)) == 0) {
      at++;
      continue;
    }
    brackets(s, len, at + n, &a);
    def = findalias(al, nal, s, at + 3, n - 6);
    if (count < max) {
      tifa_citation *r = &out[count];
      memset(r, 0, sizeof(*r));
      tifai_span_set(&c, &r->at, at, n);
      tifai_span_set(&c, &r->title, at + 3, n - 6);
      if (def != NULL) {
        tifai_span_set(&c, &r->full_title, def->full, def->nfull);
        if (def->ndoc > 0) tifai_span_set(&c, &r->docno, def->doc, def->ndoc);
        r->alias = 1;
      }
      else {
        r->full_title = r->title;
        if (a.ndoc > 0) tifai_span_set(&c, &r->docno, a.doc, a.ndoc);
      }
    }
    count++;
    if (a.nbyte > 0) {                                         /* remember the alias */
      if (nal == MAXALIAS) { memmove(al, al + 1, sizeof(al[0]) * (MAXALIAS - 1)); nal--; }
      if (def != NULL) { a.full = def->full; a.nfull = def->nfull; a.doc = def->doc; a.ndoc = def->ndoc; }
      else { a.full = at + 3; a.nfull = n - 6; }
      al[nal++] = a;
    }
    at += n;
  }
  return count;
}
