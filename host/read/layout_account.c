/*
** layout_account.c -- where the characters of a file's body went: into an article's text, one
** of its fields, or a dropped block with its reason (tifa_account in tifa_read.h). Counts the
** pages as read against the articles cut from them, and finds the paragraphs that no article
** holds. 'tifa ingest --dry-run --check' prints it and fails a file with text missing.
*/
#include <stdlib.h>
#include <string.h>
#include "layout.h"
#include "tifa_text.h"
#include "text.h"

/* Reasons whose text goes into a field of the article rather than away. */
static const char *const fieldwhy[] = {"header event", "title", "series and title", "series", "kicker",
  "kicker and title", "subtitle", "date", "speaker", "byline", "page field", "attribution",
  "note", "list bullet", "page title", "page header (date)", "collection header",
  "document mark", "document organ", "document number", "document signer", "document addressee",
  "document attachments", "document signature", "document date", "document note", "document cc",
  "document issued", NULL};

struct tifai_account {
  tifa_account t;                   /* the totals handed out */
  tifa_account_part *parts;
  size_t nparts, cparts;
  tifa_account_gap *gaps;
  size_t ngaps, cgaps;
  struct span { uint64_t b0, b1; } *spans;   /* the page's output pieces, by start */
  size_t cspans;
};

int tifai_account_new (tifai_account **out) {
  *out = (tifai_account *)calloc(1, sizeof(**out));
  return *out ? TIFA_OK : TIFA_NOMEM;
}

void tifai_account_free (tifai_account *A) {
  if (A == NULL) return;
  free(A->parts); free(A->gaps); free(A->spans);
  free(A);
}

void tifai_account_reset (tifai_account *A) {
  memset(&A->t, 0, sizeof(A->t));
  A->nparts = A->ngaps = 0;
}

const tifa_account *tifai_account_get (tifai_account *A) {
  A->t.parts = A->parts;
  A->t.nparts = A->nparts;
  A->t.gaps = A->gaps;
  A->t.ngaps = A->ngaps;
  return &A->t;
}

/* Code points of s[0..len) other than white space; bytes of broken UTF-8 count one each. */
static int64_t solid (const char *s, size_t len) {
  int64_t n = 0;
  size_t i = 0;
  while (i < len) {
    int32_t cp;
    int k = tifa_utf8_decode(s + i, len - i, &cp);
    if (k <= 0) { n++; i++; continue; }
    if (!tifai_is_space(cp)) n++;
    i += (size_t)k;
  }
  return n;
}

static int isfield (const char *why) {
  int k;
  for (k = 0; fieldwhy[k]; k++) if (strcmp(fieldwhy[k], why) == 0) return 1;
  return 0;
}

static int addpart (tifai_account *A, const char *why, int64_t chars, long blocks) {
  size_t k;
  for (k = 0; k < A->nparts; k++)
    if (strcmp(A->parts[k].why, why) == 0) break;
  if (k == A->nparts) {
    if (A->nparts == A->cparts
        && tifai_lay_grow((void **)&A->parts, &A->cparts, sizeof(*A->parts), A->nparts + 1) != 0)
      return TIFA_NOMEM;
    A->parts[k].why = why;
    A->parts[k].field = isfield(why);
    A->parts[k].blocks = 0;
    A->parts[k].chars = 0;
    A->nparts++;
  }
  A->parts[k].blocks += blocks;
  A->parts[k].chars += chars;
  if (A->parts[k].field) A->t.fields += chars; else A->t.dropped += chars;
  return TIFA_OK;
}

static int addgap (tifai_account *A, int l0, int l1, int64_t chars) {
  if (A->ngaps > 0 && A->gaps[A->ngaps - 1].line_end + 1 >= l0 && chars > 0
      && A->gaps[A->ngaps - 1].chars > 0) {          /* next to the last one: one gap */
    tifa_account_gap *g = &A->gaps[A->ngaps - 1];
    if (l1 > g->line_end) g->line_end = l1;
    g->chars += chars;
    return TIFA_OK;
  }
  if (A->ngaps == A->cgaps && tifai_lay_grow((void **)&A->gaps, &A->cgaps, sizeof(*A->gaps), A->ngaps + 1) != 0)
    return TIFA_NOMEM;
  A->gaps[A->ngaps].line_start = l0;
  A->gaps[A->ngaps].line_end = l1;
  A->gaps[A->ngaps].chars = chars;
  A->ngaps++;
  return TIFA_OK;
}

static int bystart (const void *a, const void *b) {
  const struct span *x = (const struct span *)a, *y = (const struct span *)b;
  return x->b0 < y->b0 ? -1 : x->b0 > y->b0;
}

/* The page's paragraphs whose bytes no output piece covers: the gaps. When text went missing
** inside paragraphs that are held (or was counted twice), the page's lines are the gap. */
static int findgaps (tifai_account *A, const tifai_doc *d, const tifa_cut_article *arts,
                     size_t n, int64_t missing) {
  size_t i, k, ns = 0;
  int64_t found = 0;
  for (i = 0; i < n; i++) ns += arts[i].npara + arts[i].ndropped;
  if (ns > A->cspans && tifai_lay_grow((void **)&A->spans, &A->cspans, sizeof(*A->spans), ns) != 0)
    return TIFA_NOMEM;
  ns = 0;
  for (i = 0; i < n; i++) {
    for (k = 0; k < arts[i].npara; k++) {
      A->spans[ns].b0 = arts[i].paras[k].byte_start;
      A->spans[ns++].b1 = arts[i].paras[k].byte_end;
    }
    for (k = 0; k < arts[i].ndropped; k++) {
      A->spans[ns].b0 = arts[i].dropped[k].byte_start;
      A->spans[ns++].b1 = arts[i].dropped[k].byte_end;
    }
  }
  if (ns > 0) qsort(A->spans, ns, sizeof(*A->spans), bystart);
  for (k = 1; k < ns; k++)                           /* b1 becomes the running maximum */
    if (A->spans[k].b1 < A->spans[k - 1].b1) A->spans[k].b1 = A->spans[k - 1].b1;
  for (i = 0; i < d->npara && missing > 0; i++) {
    const tifai_para *p = &d->paras[i];
    int64_t c = solid(p->text, p->len);
    uint64_t key = p->byte_end > p->byte_start ? p->byte_end : p->byte_start + 1;
    size_t lo = 0, hi = ns;                          /* the pieces that start before its end */
    if (c == 0) continue;
    while (lo < hi) {
      size_t mid = (lo + hi) / 2;
      if (A->spans[mid].b0 < key) lo = mid + 1; else hi = mid;
    }
    if (lo > 0 && (A->spans[lo - 1].b1 > p->byte_start
                   || (p->byte_end == p->byte_start && A->spans[lo - 1].b1 == p->byte_start)))
      continue;
    if (addgap(A, p->line_start, p->line_end, c) != TIFA_OK) return TIFA_NOMEM;
    found += c;
  }
  if (found != missing)                              /* lost inside held paragraphs */
    return addgap(A, d->line_start, d->line_end, missing - found);
  return TIFA_OK;
}

/* Does 'hay' hold 'needle', white space aside in both? */
static int holds (const char *hay, const char *needle) {
  size_t i = 0, j, hn = strlen(hay), nn = strlen(needle);
  for (;;) {                                         /* each start in 'hay' */
    size_t a = i, b = 0;
    int32_t x, y;
    int kx = 0, ky = 0;
    for (;;) {
      while (b < nn && (ky = tifa_utf8_decode(needle + b, nn - b, &y)) > 0 && tifai_is_space(y)) b += (size_t)ky;
      while (a < hn && (kx = tifa_utf8_decode(hay + a, hn - a, &x)) > 0 && tifai_is_space(x)) a += (size_t)kx;
      if (b >= nn) return 1;
      if (a >= hn || kx <= 0 || ky <= 0 || x != y) break;
      a += (size_t)kx;
      b += (size_t)ky;
    }
    if (i >= hn) return 0;
    j = (size_t)tifa_utf8_decode(hay + i, hn - i, &x);
    i += j > 0 ? j : 1;
  }
}

/* The page's own title line (a Markdown "# title"), which the reader hands over as the
** page's title: text of the page, so some article must carry it as a heading field. */
static int pagetitle (tifai_account *A, const tifai_doc *d, const tifa_cut_article *arts,
                      size_t n, int dated) {
  int64_t c = solid(d->title, strlen(d->title));
  size_t i;
  A->t.body += c;
  for (i = 0; i < n; i++) {
    const char *f[4];
    int k;
    f[0] = arts[i].title; f[1] = arts[i].kicker; f[2] = arts[i].subtitle; f[3] = arts[i].series;
    for (k = 0; k < 4; k++)
      if (f[k] && holds(f[k], d->title)) return addpart(A, "page title", c, 1);
  }
  if (dated) return addpart(A, "page header (date)", c, 1);
  if (n >= 2) return addpart(A, "heading over articles", c, 1);   /* each has its own title */
  A->t.missing += c;
  return addgap(A, d->line_start, d->line_start, c);
}

int tifai_account_page (tifai_account *A, const tifai_doc *d, const tifa_cut_article *arts,
                        size_t n, int titled, int64_t notes, int64_t bullets) {
  int64_t body = 0, kept = 0, before = A->t.fields + A->t.dropped, missing;
  size_t i, k;
  if (titled && d->title && *d->title && pagetitle(A, d, arts, n, titled == 2) != TIFA_OK) return TIFA_NOMEM;
  before = A->t.fields + A->t.dropped;
  for (i = 0; i < d->npara; i++) body += solid(d->paras[i].text, d->paras[i].len);
  for (i = 0; i < n; i++) {
    for (k = 0; k < arts[i].npara; k++) kept += solid(arts[i].paras[k].text, arts[i].paras[k].len);
    for (k = 0; k < arts[i].ndropped; k++) {
      const char *why = arts[i].why && arts[i].why[k] ? arts[i].why[k] : "dropped";
      if (addpart(A, why, solid(arts[i].dropped[k].text, arts[i].dropped[k].len), 1) != TIFA_OK)
        return TIFA_NOMEM;
    }
  }
  if ((notes > 0 && addpart(A, "note", notes, 0) != TIFA_OK)
      || (bullets > 0 && addpart(A, "list bullet", bullets, 0) != TIFA_OK))
    return TIFA_NOMEM;
  A->t.body += body;
  A->t.kept += kept;
  missing = body - kept - (A->t.fields + A->t.dropped - before);
  A->t.missing += missing;
  return missing != 0 ? findgaps(A, d, arts, n, missing) : TIFA_OK;
}
