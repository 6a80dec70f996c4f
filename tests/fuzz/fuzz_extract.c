/*
** fuzz_extract.c -- libFuzzer target: every extractor of tifa_extract.h (dates, numbers,
** quotations, citations, entities) on the input as it is (the header promises that invalid
** UTF-8 gives unspecified results but no read outside the input) and checks the spans of
** what comes back: inside the input, code point offsets that agree with the bytes, counts
** that agree between the counting call and the filling one.
*/
#include "fuzz.h"
#include "tifa_text.h"
#include "tifa_extract.h"

static const char *S;               /* the input */
static size_t N;
static int VALID;                   /* valid UTF-8: the offsets can be checked exactly */

static void span (const tifa_span *sp) {
  if (sp->nbyte == 0) return;
  fcheck(sp->byte + sp->nbyte <= N);
  fcheck(sp->start <= sp->end);
  if (VALID) {
    fcheck(tifa_utf8_len(S, sp->byte) == sp->start);
    fcheck(tifa_utf8_len(S + sp->byte, sp->nbyte) == sp->end - sp->start);
  }
}

#define MAXR 64

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size) {
  static tifa_date dates[MAXR];
  static tifa_number nums[MAXR];
  static tifa_quote quotes[MAXR];
  static tifa_citation cites[MAXR];
  static tifa_selfref selfs[MAXR];
  static tifa_entity ents[MAXR];
  size_t n, m, i;
  S = (const char *)data;
  N = size;
  VALID = tifa_utf8_valid(S, N, NULL);

  n = tifa_extract_dates(S, N, NULL, 0);
  m = tifa_extract_dates(S, N, dates, MAXR);
  fcheck(n == m);
  for (i = 0; i < m && i < MAXR; i++) {
    span(&dates[i].at);
    fcheck(memchr(dates[i].iso, '\0', sizeof(dates[i].iso)) != NULL && dates[i].precision != NULL);
  }

  n = tifa_extract_numbers(S, N, NULL, 0);
  m = tifa_extract_numbers(S, N, nums, MAXR);
  fcheck(n == m);
  for (i = 0; i < m && i < MAXR; i++) span(&nums[i].at);

  n = tifa_extract_quotes(S, N, NULL, 0);
  m = tifa_extract_quotes(S, N, quotes, MAXR);
  fcheck(n == m);
  for (i = 0; i < m && i < MAXR; i++) {
    span(&quotes[i].text); span(&quotes[i].speaker); span(&quotes[i].verb);
    span(&quotes[i].occasion);
    fcheck(memchr(quotes[i].date, '\0', sizeof(quotes[i].date)) != NULL);
  }

  n = tifa_extract_citations(S, N, NULL, 0);
  m = tifa_extract_citations(S, N, cites, MAXR);
  fcheck(n == m);
  for (i = 0; i < m && i < MAXR; i++) {
    span(&cites[i].at); span(&cites[i].title); span(&cites[i].full_title);
    span(&cites[i].docno);
  }

  n = tifa_extract_selfrefs(S, N, NULL, 0);
  m = tifa_extract_selfrefs(S, N, selfs, MAXR);
  fcheck(n == m);
  for (i = 0; i < m && i < MAXR; i++) {
    span(&selfs[i].at);
    fcheck(selfs[i].kind != NULL && selfs[i].at.nbyte >= 6);      /* 本 and a kind: 2+ chars */
  }

  {
    size_t c1 = 0, c2 = 0;
    int rc = tifa_extract_entities(NULL, S, N, NULL, 0, &c1);
    if (!VALID) fcheck(rc == TIFA_ENCODING);
    else {
      fcheck(rc == TIFA_OK);
      fcheck(tifa_extract_entities(NULL, S, N, ents, MAXR, &c2) == TIFA_OK && c1 == c2);
      for (i = 0; i < c2 && i < MAXR; i++) {
        span(&ents[i].at); span(&ents[i].name); span(&ents[i].title);
        fcheck(strcmp(tifa_entity_kind(ents[i].kind), "unknown") != 0);
      }
    }
  }
  return 0;
}
