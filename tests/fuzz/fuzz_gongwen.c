/*
** fuzz_gongwen.c -- libFuzzer target: the reading of official documents (host/text/gongwen.h)
** on the input's lines (valid UTF-8 only, as the API asks: other inputs go through their
** longest valid prefix), trimmed as the layout gives them, and checks what comes back: a
** role in range per line, body everywhere and no value when not found, spans inside the
** input and on character boundaries, line indices in range, ISO dates NUL-terminated.
*/
#include "fuzz.h"
#include "tifa_text.h"
#include "tifa_structure.h"
#include "text.h"
#include "gongwen.h"

#define MAXL  256

static const char *S;
static size_t N;

static void span (tifai_gw_span sp) {
  if (sp.nbyte == 0) return;
  fcheck(sp.byte + sp.nbyte <= N);
  fcheck(tifa_utf8_valid(S + sp.byte, sp.nbyte, NULL));
}

static void list (const tifai_gw_span *l, size_t n) {
  size_t i;
  for (i = 0; i < n && i < TIFAI_GW_MAXLIST; i++) span(l[i]);
}

static int32_t cpat (const char *s, size_t len, size_t *n) {
  int32_t c;
  int k = tifa_utf8_decode(s, len, &c);
  *n = k > 0 ? (size_t)k : 1;
  return k > 0 ? c : 0xFFFD;
}

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size) {
  static tifa_para lines[MAXL];
  static int roles[MAXL];
  tifai_gongwen g;
  size_t at = 0, n = 0, i, bad = 0;
  int score;
  S = (const char *)data;
  N = size;
  if (!tifa_utf8_valid(S, N, &bad)) N = bad;         /* the valid prefix */
  while (at < N && n < MAXL) {                       /* lines, trimmed, blank ones skipped */
    size_t e = at, b = at, k;
    while (e < N && S[e] != '\n') e++;
    while (b < e && tifai_is_space(cpat(S + b, e - b, &k))) b += k;
    while (e > b) {
      size_t j = e;
      while (j > b && ((unsigned char)S[j - 1] & 0xC0) == 0x80) j--;
      if (j > b) j--;
      if (!tifai_is_space(cpat(S + j, e - j, &k))) break;
      e = j;
    }
    if (e > b) { lines[n].byte = b; lines[n].nbyte = e - b; lines[n].heading = 0; n++; }
    while (e < N && S[e] != '\n') e++;
    at = e + 1;
  }
  score = tifai_gongwen_read(S, lines, n, roles, &g);
  fcheck(score == g.score && score >= 0 && score <= 100);
  fcheck(g.found == (score >= TIFAI_GW_THRESHOLD));
  for (i = 0; i < n; i++) {
    fcheck(roles[i] >= 0 && roles[i] < TIFAI_GW_NROLES);
    fcheck(strcmp(tifai_gongwen_role_name(roles[i]), "?") != 0);
    if (!g.found) fcheck(roles[i] == TIFAI_GW_BODY);
  }
  fcheck(memchr(g.date, '\0', sizeof(g.date)) != NULL);
  fcheck(memchr(g.issued_date, '\0', sizeof(g.issued_date)) != NULL);
  fcheck(g.title_first <= g.title_last && g.title_last <= n);
  fcheck(g.docno_line <= n && g.date_line <= n);
  if (g.title_first < n)
    fcheck(roles[g.title_first] == TIFAI_GW_TITLE && roles[g.title_last] == TIFAI_GW_TITLE);
  if (g.docno_line < n) {
    tifai_gw_docno d;
    fcheck(roles[g.docno_line] == TIFAI_GW_DOCNO);
    if (tifai_gongwen_docno(S + g.docno.byte, g.docno.nbyte, &d) != g.docno.nbyte)
      fcheck(tifai_gongwen_number(S + g.docno.byte, g.docno.nbyte, &d));   /* 第777号 */
    fcheck(d.year == g.docno_parts.year && d.number == g.docno_parts.number);
  }
  if (g.date_line < n) fcheck(roles[g.date_line] == TIFAI_GW_DATE && g.date[0] != '\0');
  if (!g.found) fcheck(g.date[0] == '\0' && g.naddressees == 0 && g.docno.nbyte == 0);
  span(g.copyno); span(g.secrecy); span(g.urgency); span(g.docno); span(g.docno_parts.organ);
  span(g.issuer);
  list(g.signers, g.nsigners); list(g.addressees, g.naddressees);
  list(g.attachments, g.nattachments); list(g.signatures, g.nsignatures); list(g.cc, g.ncc);
  /* one line at a time: the docno parser on every line */
  for (i = 0; i < n; i++) {
    tifai_gw_docno d;
    size_t k = tifai_gongwen_docno(S + lines[i].byte, lines[i].nbyte, &d);
    fcheck(k <= lines[i].nbyte);
    if (k > 0) fcheck(d.organ.nbyte > 0 && d.organ.nbyte < k && d.year >= 1000);
    if (tifai_gongwen_number(S + lines[i].byte, lines[i].nbyte, &d))
      fcheck(d.number >= 0 && (d.year == 0 || d.year >= 1000) && d.organ.nbyte == 0);
  }
  return 0;
}
