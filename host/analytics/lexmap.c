/*
** lexmap.c -- the pieces the lexis analytics share (lexis.h): an interning map of strings,
** growable arrays, and the text tokens of an article with their content-word flags.
*/
#include <stdlib.h>
#include <string.h>
#include "tifa.h"
#include "tifa_text.h"
#include "lexis.h"

/* {====== Interning map ====== */

static uint32_t hashof (const char *s, size_t len) {      /* FNV-1a */
  uint32_t h = 2166136261u;
  size_t i;
  for (i = 0; i < len; i++) { h ^= (unsigned char)s[i]; h *= 16777619u; }
  return h;
}

int tifai_lex_grow (void *pp, size_t *cap, size_t need, size_t size) {
  void **p = (void **)pp;
  size_t ncap;
  void *np;
  if (need <= *cap) return 0;
  ncap = *cap ? *cap : 16;
  while (ncap < need) ncap *= 2;
  np = realloc(*p, ncap * size);
  if (np == NULL) return -1;
  memset((char *)np + *cap * size, 0, (ncap - *cap) * size);
  *p = np;
  *cap = ncap;
  return 0;
}

static int rehash (tifai_lexmap *m, size_t ncap) {
  uint32_t *ns = (uint32_t *)calloc(ncap, sizeof(uint32_t));
  size_t i;
  if (ns == NULL) return -1;
  for (i = 0; i < m->n; i++) {
    size_t j = m->hash[i] & (ncap - 1);
    while (ns[j]) j = (j + 1) & (ncap - 1);
    ns[j] = (uint32_t)(i + 1);
  }
  free(m->slot);
  m->slot = ns;
  m->cap = ncap;
  return 0;
}

long tifai_lexmap_find (const tifai_lexmap *m, const char *s, size_t len) {
  uint32_t h;
  size_t j;
  if (m->cap == 0) return -1;
  h = hashof(s, len);
  for (j = h & (m->cap - 1); m->slot[j]; j = (j + 1) & (m->cap - 1)) {
    size_t i = m->slot[j] - 1;
    if (m->hash[i] == h && m->klen[i] == len && memcmp(m->keys.p + m->off[i], s, len) == 0)
      return (long)i;
  }
  return -1;
}

int tifai_lexmap_intern (tifai_lexmap *m, const char *s, size_t len, size_t *idx, int *isnew) {
  long found = tifai_lexmap_find(m, s, len);
  size_t i, j, kc;
  if (isnew) *isnew = 0;
  if (found >= 0) { *idx = (size_t)found; return 0; }
  if ((m->n + 1) * 2 > m->cap && rehash(m, m->cap ? m->cap * 2 : 64) != 0) return -1;
  kc = m->kcap;
  if (tifai_lex_grow(&m->off, &kc, m->n + 1, sizeof(size_t)) != 0) return -1;
  kc = m->kcap;
  if (tifai_lex_grow(&m->klen, &kc, m->n + 1, sizeof(uint32_t)) != 0) return -1;
  kc = m->kcap;
  if (tifai_lex_grow(&m->hash, &kc, m->n + 1, sizeof(uint32_t)) != 0) return -1;
  m->kcap = kc;
  if (tifai_buf_grow(&m->keys, len + 1) != 0) return -1;
  i = m->n++;
  m->off[i] = m->keys.len;
  m->klen[i] = (uint32_t)len;
  m->hash[i] = hashof(s, len);
  tifai_buf_add(&m->keys, s, len);
  tifai_buf_addc(&m->keys, 0);
  for (j = m->hash[i] & (m->cap - 1); m->slot[j]; j = (j + 1) & (m->cap - 1)) {}
  m->slot[j] = (uint32_t)(i + 1);
  *idx = i;
  if (isnew) *isnew = 1;
  return 0;
}

const char *tifai_lexmap_key (const tifai_lexmap *m, size_t i, size_t *len) {
  if (len) *len = m->klen[i];
  return m->keys.p + m->off[i];
}

void tifai_lexmap_free (tifai_lexmap *m) {
  free(m->slot); free(m->off); free(m->klen); free(m->hash);
  tifai_buf_free(&m->keys);
  memset(m, 0, sizeof(*m));
}

/* }====== */

/* {====== Tokens ====== */

int tifai_lexfilter_init (tifai_lexfilter *lf, const tifa_freq *stop, int singles) {
  const char *const *w = tifa_stopwords("function");
  lf->stop = stop;
  lf->singles = singles;
  if (tifa_freq_new(&lf->function) != TIFA_OK) return TIFA_NOMEM;
  for (; w && *w; w++)
    if (tifa_freq_add(lf->function, *w, strlen(*w), 1) != TIFA_OK) return TIFA_NOMEM;
  return TIFA_OK;
}

int tifai_freq_function_or_stop (const tifai_lexfilter *lf, const char *w, size_t len) {
  return tifa_freq_get(lf->function, w, len) > 0 || (lf->stop && tifa_freq_get(lf->stop, w, len) > 0);
}

void tifai_lexfilter_free (tifai_lexfilter *lf) {
  tifa_freq_free(lf->function);
  lf->function = NULL;
}

void tifai_lex_lower (char *out, const char *s, size_t len) {
  size_t i;
  for (i = 0; i < len; i++)
    out[i] = (s[i] >= 'A' && s[i] <= 'Z') ? (char)(s[i] - 'A' + 'a') : s[i];
}

static int tagok (const char *t) {
  switch (t[0]) {
    case 'n': return strcmp(t, "nd") != 0;     /* nouns and titles (nw), not document numbers */
    case 'v': case 'a': case 'i': case 'l': case 'j': case 's': return 1;
    case 'e': return strcmp(t, "eng") == 0;
    default: return 0;
  }
}

typedef struct tokctx {
  const tifai_lexfilter *lf;
  tifai_toks *v;
  size_t prevend;           /* byte after the previous token */
  int rc;
} tokctx;

int tifai_lex_isbreak (const char *s, size_t n) {
  static const char *const brk[] = {"。", "！", "？", "；", "!", "?", ";", "…", "……", NULL};
  int i;
  for (i = 0; brk[i]; i++)
    if (strlen(brk[i]) == n && memcmp(brk[i], s, n) == 0) return 1;
  return 0;
}

static int ontoken (void *ud, const char *s, const tifa_word *w) {
  tokctx *c = (tokctx *)ud;
  tifai_toks *v = c->v;
  tifai_tok *t;
  const char *p = s + w->byte;
  size_t i;
  int32_t cp;
  if (tifai_lex_grow(&v->t, &v->cap, v->n + 1, sizeof(tifai_tok)) != 0) return c->rc = TIFA_NOMEM;
  if (v->n > 0 && w->byte > c->prevend && memchr(s + c->prevend, '\n', w->byte - c->prevend) != NULL) {
    size_t j = v->n - 1;                                      /* a line end after the last word */
    while (j > 0 && v->t[j].inner) j--;
    v->t[j].flags |= TIFAI_TOK_BREAK;
  }
  if (!w->inner) c->prevend = w->byte + w->nbyte;
  t = &v->t[v->n++];
  t->byte = w->byte; t->nbyte = w->nbyte; t->start = w->start; t->end = w->end;
  t->tag = w->tag; t->flags = 0; t->inner = w->inner;
  for (i = 0; i < w->nbyte; ) {
    int k = tifa_utf8_decode(p + i, w->nbyte - i, &cp);
    if (k <= 0) break;
    i += (size_t)k;
    if (cp < 128 ? ((cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z'))
                 : (tifa_text_category(cp)[0] == 'L' || tifa_text_category(cp)[0] == 'N')) {
      t->flags |= TIFAI_TOK_WORDISH;
      break;
    }
  }
  if (strcmp(w->tag, "x") == 0 || !(t->flags & TIFAI_TOK_WORDISH)) {
    t->flags |= TIFAI_TOK_PUNCT;
    if (tifai_lex_isbreak(p, w->nbyte)) t->flags |= TIFAI_TOK_BREAK;
  }
  else if (tagok(w->tag) && (c->lf->singles || w->end - w->start >= 2)
           && tifa_freq_get(c->lf->function, p, w->nbyte) == 0
           && (c->lf->stop == NULL || tifa_freq_get(c->lf->stop, p, w->nbyte) == 0))
    t->flags |= TIFAI_TOK_CONTENT;
  return 0;
}

int tifai_lex_tokens (const tifai_lexfilter *lf, const char *s, size_t len, int wflags,
                      tifai_toks *v) {
  tokctx c;
  int rc;
  c.lf = lf; c.v = v; c.prevend = 0; c.rc = TIFA_OK;
  v->n = 0;
  if (wflags & TIFA_WORDS_SEARCH) wflags = (wflags & ~TIFA_WORDS_SEARCH) | TIFA_WORDS_FINE;
  rc = tifa_words(tifa_segmenter_default(), s, len, wflags, ontoken, &c);
  if (rc == TIFA_OK && v->n > 0) v->t[v->n - 1].flags |= TIFAI_TOK_BREAK;
  return c.rc ? c.rc : rc;
}

void tifai_toks_free (tifai_toks *v) {
  free(v->t);
  v->t = NULL; v->n = v->cap = 0;
}

/* }====== */
