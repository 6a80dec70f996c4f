/*
** quotegroups.c -- quotations grouped by speaker across articles (tifa_cite_quotes, see
** tifa_cite.h): extract each article's quotations (tifa_extract_quotes), resolve their
** speakers, normalise their texts, then group equal and near-equal texts of one speaker
** with a union-find: exact keys through a hash table, near ones through the rarest bigrams.
*/
#include <stdlib.h>
#include <string.h>
#include "tifa.h"
#include "tifa_text.h"
#include "tifa_extract.h"
#include "tifa_cite.h"
#include "store.h"
#include "buf.h"
#include "each.h"

/* memmem, which C99 and POSIX lack: the first t[0..m) in s[0..n), or NULL */
static const char *findbytes (const char *s, size_t n, const char *t, size_t m) {
  size_t i;
  if (m == 0) return s;
  for (i = 0; i + m <= n; i++)
    if (s[i] == t[0] && memcmp(s + i, t, m) == 0) return s + i;
  return NULL;
}

#define CONTAIN_MIN   6         /* a contained text counts from this many characters */
#define OVERLAP_MIN   10        /* a bigram overlap counts from this many characters */
#define OVERLAP_NUM   4         /* ... when at least 4/5 of the shorter's bigrams are shared */
#define OVERLAP_DEN   5
#define POSTING_MAX   4000      /* a bigram in more texts than this gives no candidates */

/* {====== Speakers ====== */

static const char *const leaders[] = {       /* a speaker containing one of these is it */
  "习近平", "李强", "赵乐际", "王沪宁", "蔡奇", "丁薛祥", "李希", "韩正", "李克强", "王毅",
  "栗战书", "汪洋", "毛泽东", "周恩来", "刘少奇", "朱德", "邓小平", "陈云", "江泽民", "胡锦涛",
  "温家宝", "朱镕基", NULL
};
static const char *const titles[][2] = {     /* a title alone that names one person */
  {"总书记", "习近平"}, {"习总书记", "习近平"}, {"习主席", "习近平"}, {"总书记同志", "习近平"},
  {"毛主席", "毛泽东"}, {"周总理", "周恩来"}, {NULL, NULL}
};
static const char *const pronouns[] = {"他们", "她们", "他", "她", NULL};

#define PRONOUN_NEAR  600       /* bytes before a pronoun searched for the person it is, */
#define PRONOUN_BACK  3000      /* ... and then these when there is none */

const char *tifa_cite_speaker (const char *s, size_t len, size_t *outlen) {
  size_t i, n;
  for (i = 0; leaders[i] != NULL; i++) {
    n = strlen(leaders[i]);
    if (n <= len && findbytes(s, len, leaders[i], n) != NULL) { *outlen = n; return leaders[i]; }
  }
  for (i = 0; titles[i][0] != NULL; i++) {
    n = strlen(titles[i][0]);
    if (n == len && memcmp(s, titles[i][0], n) == 0) {
      *outlen = strlen(titles[i][1]);
      return titles[i][1];
    }
  }
  *outlen = len;
  return s;
}

/* The person named last in s[lo..hi) by the entity recognizer (a name of 2 characters or
** more), or NULL; '*at' gets its byte position and '*len' its length. */
static const char *lastperson (const char *s, size_t lo, size_t hi, size_t *at, size_t *len) {
  tifa_entity e[64];
  size_t n = 0, i;
  const char *best = NULL;
  if (tifa_extract_entities(NULL, s + lo, hi - lo, e, 64, &n) != TIFA_OK) return NULL;
  if (n > 64) n = 64;
  for (i = 0; i < n; i++)
    if (e[i].kind == TIFA_ENTITY_PERSON && e[i].name.nbyte >= 6) {
      best = s + lo + e[i].at.byte;
      *at = lo + e[i].at.byte;
      *len = e[i].at.nbyte;
    }
  return best;
}

static int ispronoun (const char *s, size_t len) {
  int i;
  for (i = 0; pronouns[i] != NULL; i++)
    if (strlen(pronouns[i]) == len && memcmp(s, pronouns[i], len) == 0) return 1;
  return 0;
}

/* The leader or title (from the tables) named last in s[lo..hi): its canonical name, or NULL;
** '*at' gets its byte position, '*as' and '*aslen' the name as written. */
static const char *lastnamed (const char *s, size_t lo, size_t hi, size_t *at,
                              const char **as, size_t *aslen) {
  const char *best = NULL;
  size_t i, k, n;
  for (k = 0; k < 2; k++) {
    for (i = 0; (k == 0 ? leaders[i] : titles[i][0]) != NULL; i++) {
      const char *nm = k == 0 ? leaders[i] : titles[i][0];
      const char *p = s + lo, *q, *hit = NULL;
      n = strlen(nm);
      while (hi - (size_t)(p - s) >= n && (q = findbytes(p, hi - (size_t)(p - s), nm, n)) != NULL) {
        hit = q;
        p = q + 1;
      }
      if (hit != NULL && (best == NULL || (size_t)(hit - s) > *at)) {
        *at = (size_t)(hit - s);
        *as = hit; *aslen = n;
        best = k == 0 ? leaders[i] : titles[i][1];
        if (k == 1) {                                    /* 习近平总书记: the name and title */
          size_t m, ln;
          for (m = 0; leaders[m] != NULL; m++) {
            ln = strlen(leaders[m]);
            if (*at >= lo + ln && memcmp(s + *at - ln, leaders[m], ln) == 0) {
              *at -= ln; *as -= ln; *aslen += ln;
              best = leaders[m];
              break;
            }
          }
        }
      }
    }
  }
  return best;
}

/* }====== */

/* {====== Collecting the quotations ====== */

typedef struct Quote {
  int64_t article;
  size_t art;               /* index in Coll.arts */
  size_t start, end, paragraph;
  size_t text, textlen;     /* the passage, in Coll.pool */
  size_t spk, spklen;       /* speaker as written, in pool; spklen 0: none */
  size_t canon, canonlen;   /* canonical speaker, in pool; canonlen 0: none */
  size_t norm, nnorm;       /* normalised code points, in Coll.cps */
  int attributed;
} Quote;

typedef struct Art {
  int64_t id;
  size_t date; int hasdate; /* date in pool */
  size_t q0, nq;            /* its quotations in Coll.qs */
} Art;

typedef struct Coll {
  const tifa_quote_opts *o;
  size_t minchars;
  tifai_buf pool;           /* strings */
  int32_t *cps; size_t ncps, capcps;
  Quote *qs; size_t nq, capq;
  Art *arts; size_t nart, capart;
  tifa_quote *scratch; size_t capscratch;
  int oom;
} Coll;

static int grow (void **p, size_t *cap, size_t need, size_t size) {
  size_t nc;
  void *np;
  if (need <= *cap) return 0;
  nc = *cap ? *cap * 2 : 64;
  while (nc < need) nc *= 2;
  np = realloc(*p, nc * size);
  if (np == NULL) return -1;
  *p = np; *cap = nc;
  return 0;
}

static size_t addstr (Coll *c, const char *s, size_t len) {
  size_t at = c->pool.len;
  tifai_buf_add(&c->pool, s, len);
  tifai_buf_addc(&c->pool, '\0');
  return at;
}

/* Append the normalised code points of s[0..len) to c->cps; returns how many. */
static size_t normalise (Coll *c, const char *s, size_t len) {
  size_t i = 0, n = 0;
  while (i < len) {
    int32_t cp;
    int k = tifa_utf8_decode(s + i, len - i, &cp);
    if (k <= 0) { i++; continue; }
    i += (size_t)k;
    if (cp >= 0xFF01 && cp <= 0xFF5E) cp -= 0xFEE0;         /* full-width ASCII */
    if (cp >= 'A' && cp <= 'Z') cp += 'a' - 'A';
    if (cp < 0x80) {                                          /* letters and digits only */
      if (!(cp >= '0' && cp <= '9') && !(cp >= 'a' && cp <= 'z')) continue;
    }
    else if (!tifa_text_is_han(cp)) {
      const char *cat = tifa_text_category(cp);
      if (cat[0] != 'L' && cat[0] != 'N') continue;
    }
    if (grow((void **)&c->cps, &c->capcps, c->ncps + 1, sizeof(int32_t)) != 0) {
      c->oom = 1;
      return n;
    }
    c->cps[c->ncps++] = cp;
    n++;
  }
  return n;
}

static size_t paragraphof (const char *s, size_t b) {
  size_t i, n = 1;
  for (i = 0; i < b; i++) n += s[i] == '\n';
  return n;
}

/* The speaker of a marked passage with no verb, from the clause before its opening mark or
** the name right after its closing mark; NULL if none. */
static const char *contextspeaker (const char *s, size_t len, const tifa_quote *q,
                                   const char **as, size_t *aslen) {
  size_t open, close, lo, at, i, n;
  const char *canon;
  if (!q->marked || q->text.byte < 3) return NULL;
  open = q->text.byte - 3;                               /* “ and 「 are 3 bytes */
  close = q->text.byte + q->text.nbyte;
  lo = open;
  for (i = 0; i < 30 && lo > 0; i++) {                   /* back to the clause's start */
    size_t p = lo - 1;
    int32_t cp;
    while (p > 0 && ((unsigned char)s[p] & 0xC0) == 0x80) p--;
    tifa_utf8_decode(s + p, lo - p, &cp);
    if (cp == 0xFF0C || cp == 0x3002 || cp == 0xFF1B || cp == 0xFF01 || cp == 0xFF1F ||
        cp == '\n' || cp == ',' || cp == ';' || cp == 0x201D || cp == 0xFF1A) break;
    lo = p;
  }
  if ((canon = lastnamed(s, lo, open, &at, as, aslen)) != NULL) return canon;
  if (close + 3 <= len) {
    close += 3;                                          /* past ” or 」 */
    for (i = 0; leaders[i] != NULL; i++) {
      n = strlen(leaders[i]);
      if (close + n <= len && memcmp(s + close, leaders[i], n) == 0) {
        *as = s + close; *aslen = n;
        if (close + n + 9 <= len && memcmp(s + close + n, "总书记", 9) == 0) *aslen += 9;
        return leaders[i];
      }
    }
  }
  return NULL;
}

static int collect (void *ud, const tifai_article *a) {
  Coll *c = (Coll *)ud;
  size_t n, i;
  const char *s = a->text;
  /* the speaker named last so far, for pronouns: canonical and byte position */
  const char *lastspk = NULL; size_t lastlen = 0, lastat = 0;
  const char *lastp = NULL; size_t lastplen = 0, lastpat = 0;      /* the same, a person */
  const char *lasto = NULL; size_t lastolen = 0;                     /* an organisation */
  if (grow((void **)&c->arts, &c->capart, c->nart + 1, sizeof(Art)) != 0) return TIFA_NOMEM;
  c->arts[c->nart].id = a->id;
  c->arts[c->nart].hasdate = a->date != NULL && a->date[0] >= '0' && a->date[0] <= '9';
  c->arts[c->nart].date = c->arts[c->nart].hasdate ? addstr(c, a->date, strlen(a->date)) : 0;
  c->arts[c->nart].q0 = c->nq;
  c->arts[c->nart].nq = 0;
  c->nart++;
  if (c->capscratch == 0 && grow((void **)&c->scratch, &c->capscratch, 256, sizeof(tifa_quote)))
    return TIFA_NOMEM;
  n = tifa_extract_quotes(s, a->text_len, c->scratch, c->capscratch);     /* once, mostly */
  if (n > c->capscratch) {
    if (grow((void **)&c->scratch, &c->capscratch, n, sizeof(tifa_quote)) != 0) return TIFA_NOMEM;
    tifa_extract_quotes(s, a->text_len, c->scratch, n);
  }
  for (i = 0; i < n; i++) {
    const tifa_quote *q = &c->scratch[i];
    Quote *r;
    const char *canon = NULL, *as = NULL;
    size_t canonlen = 0, aslen = 0, nn, nstart = c->ncps;
    if (q->text.nbyte == 0) continue;
    if (q->term) {}                                       /* a term: nobody's */
    else if (q->speaker.nbyte > 0 && ispronoun(s + q->speaker.byte, q->speaker.nbyte) &&
             q->speaker.nbyte > 3) {                      /* 他们, 她们: a group, not one person */
      as = s + q->speaker.byte; aslen = q->speaker.nbyte;
      if (lasto != NULL) { canon = lasto; canonlen = lastolen; }
    }
    else if (q->speaker.nbyte > 0 && ispronoun(s + q->speaker.byte, q->speaker.nbyte)) {
      /* the person named last before it: a leader, an earlier speaker, a recognised name */
      const char *ln, *las, *pn;
      size_t lat = 0, llen, pat = 0, plen = 0, lo, k;
      as = s + q->speaker.byte; aslen = q->speaker.nbyte;
      ln = lastnamed(s, 0, q->speaker.byte, &lat, &las, &llen);
      for (k = 0, pn = NULL; k < 2 && pn == NULL; k++) {   /* the paragraph or so, then more */
        size_t back = k == 0 ? PRONOUN_NEAR : PRONOUN_BACK;
        lo = q->speaker.byte > back ? q->speaker.byte - back : 0;
        while (lo < q->speaker.byte && ((unsigned char)s[lo] & 0xC0) == 0x80) lo++;
        pn = lastperson(s, lo, q->speaker.byte, &pat, &plen);
        if (lo == 0) break;
      }
      if (pn != NULL && (ln == NULL || pat > lat) && (lastp == NULL || pat > lastpat))
        canon = tifa_cite_speaker(pn, plen, &canonlen);
      else if (ln != NULL && (lastp == NULL || lat > lastpat)) { canon = ln; canonlen = strlen(ln); }
      else if (lastp != NULL) { canon = lastp; canonlen = lastplen; }
    }
    else if (q->speaker.nbyte > 0) {
      as = s + q->speaker.byte; aslen = q->speaker.nbyte;
      canon = tifa_cite_speaker(as, aslen, &canonlen);
    }
    else if (q->speaker_kind < 0) {          /* 强调“…” (and “…” after it): named before, same paragraph */
      size_t at = q->verb.nbyte > 0 ? q->verb.byte : q->text.byte, lo = at, lat = 0, llen;
      const char *ln, *las;
      while (lo > 0 && s[lo - 1] != '\n') lo--;
      ln = lastnamed(s, lo, at, &lat, &las, &llen);
      if (lastspk != NULL && lastat >= lo && (ln == NULL || lastat > lat)) {
        canon = lastspk; canonlen = lastlen;             /* the last speaker, named later */
      }
      else if (ln != NULL) { canon = ln; canonlen = strlen(ln); as = las; aslen = llen; }
    }
    else if (q->verb.nbyte == 0 && (canon = contextspeaker(s, a->text_len, q, &as, &aslen)) != NULL)
      canonlen = strlen(canon);
    nn = normalise(c, s + q->text.byte, q->text.nbyte);
    if (c->oom) return TIFA_NOMEM;
    if (nn < c->minchars) { c->ncps = nstart; continue; }
    if (grow((void **)&c->qs, &c->capq, c->nq + 1, sizeof(Quote)) != 0) return TIFA_NOMEM;
    r = &c->qs[c->nq++];
    r->article = a->id; r->art = c->nart - 1;
    r->start = q->text.start; r->end = q->text.end;
    r->paragraph = paragraphof(s, q->text.byte);
    r->text = addstr(c, s + q->text.byte, q->text.nbyte); r->textlen = q->text.nbyte;
    r->spklen = as ? aslen : 0;
    r->spk = as ? addstr(c, as, aslen) : 0;
    r->canonlen = canon ? canonlen : 0;
    r->canon = canon ? addstr(c, canon, canonlen) : 0;
    r->norm = nstart; r->nnorm = nn;
    r->attributed = canon != NULL;
    if (canon != NULL && q->speaker.nbyte > 0 && !ispronoun(s + q->speaker.byte, q->speaker.nbyte)) {
      lastspk = canon;                                   /* static, or in the text */
      lastlen = canonlen; lastat = q->speaker.byte;
      if (q->speaker_kind == TIFA_ENTITY_PERSON) { lastp = canon; lastplen = canonlen; lastpat = lastat; }
      if (q->speaker_kind == TIFA_ENTITY_ORG) { lasto = canon; lastolen = canonlen; }
    }
  }
  c->arts[c->nart - 1].nq = c->nq - c->arts[c->nart - 1].q0;
  return c->pool.oom ? TIFA_NOMEM : TIFA_OK;
}

/* Put the articles and their quotations in the order a store and a corpus share (file path,
** seq: tifai_source_order), so that the groups, the first of equals and the order of the
** result do not depend on ids. Returns TIFA_OK, or an error with the message on stores[0]. */
static int canonical (Coll *c, const tifai_source *src) {
  int64_t *ids = (int64_t *)malloc((c->nart + 1) * sizeof(int64_t));
  size_t *order = (size_t *)malloc((c->nart + 1) * sizeof(size_t));
  Art *arts = (Art *)malloc((c->nart + 1) * sizeof(Art));
  Quote *qs = (Quote *)malloc((c->nq + 1) * sizeof(Quote));
  size_t i, j, nq = 0;
  int rc = TIFA_NOMEM;
  if (!ids || !order || !arts || !qs) goto done;
  for (i = 0; i < c->nart; i++) ids[i] = c->arts[i].id;
  if ((rc = tifai_source_order(src, ids, c->nart, order)) != TIFA_OK) goto done;
  for (i = 0; i < c->nart; i++) {
    const Art *a = &c->arts[order[i]];
    arts[i] = *a;
    arts[i].q0 = nq;
    for (j = 0; j < a->nq; j++) {
      qs[nq] = c->qs[a->q0 + j];
      qs[nq++].art = i;
    }
  }
  free(c->arts); c->arts = arts; arts = NULL; c->capart = c->nart + 1;
  free(c->qs); c->qs = qs; qs = NULL; c->capq = c->nq + 1;
done:
  if (rc == TIFA_NOMEM) tifai_store_fail(src->stores[0], TIFA_NOMEM, "not enough memory");
  free(ids); free(order); free(arts); free(qs);
  return rc;
}

/* }====== */

/* {====== Grouping ====== */

static size_t find (size_t *up, size_t x) {
  while (up[x] != x) { up[x] = up[up[x]]; x = up[x]; }
  return x;
}
static void unite (size_t *up, size_t a, size_t b) {   /* the smaller index is the root */
  a = find(up, a); b = find(up, b);
  if (a < b) up[b] = a; else if (b < a) up[a] = b;
}

static uint64_t hashq (const Coll *c, const Quote *q) {
  uint64_t h = 1469598103934665603u;
  size_t i;
  for (i = 0; i < q->canonlen; i++) h = (h ^ (unsigned char)c->pool.p[q->canon + i]) * 1099511628211u;
  h = (h ^ 0xFF) * 1099511628211u;
  for (i = 0; i < q->nnorm; i++) h = (h ^ (uint32_t)c->cps[q->norm + i]) * 1099511628211u;
  return h;
}

static int samespeaker (const Coll *c, const Quote *a, const Quote *b) {
  return a->canonlen == b->canonlen &&
         memcmp(c->pool.p + a->canon, c->pool.p + b->canon, a->canonlen) == 0;
}

static int sametext (const Coll *c, const Quote *a, const Quote *b) {
  return a->nnorm == b->nnorm &&
         memcmp(c->cps + a->norm, c->cps + b->norm, a->nnorm * sizeof(int32_t)) == 0;
}

typedef struct Pair { uint64_t gram; size_t rep; } Pair;   /* a bigram of a representative */

static int cmppair (const void *a, const void *b) {
  const Pair *x = (const Pair *)a, *y = (const Pair *)b;
  if (x->gram != y->gram) return x->gram < y->gram ? -1 : 1;
  return x->rep < y->rep ? -1 : x->rep > y->rep;
}
static int cmpu64 (const void *a, const void *b) {
  uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
  return x < y ? -1 : x > y;
}

typedef struct Rep {        /* one distinct (speaker, text) */
  size_t q;                 /* its first quotation */
  size_t gram, ngram;       /* its sorted unique bigrams, in the grams array */
} Rep;

/* 1 if the shorter text 'a' (by code points) is contained in 'b', or most of its bigrams are. */
static int near (const Coll *c, const Quote *a, const Rep *ra, const Quote *b, const Rep *rb,
                 const uint64_t *grams) {
  size_t i, j, common = 0;
  if (a->nnorm >= CONTAIN_MIN && a->nnorm <= b->nnorm) {
    const int32_t *x = c->cps + a->norm, *y = c->cps + b->norm;
    for (i = 0; i + a->nnorm <= b->nnorm; i++)
      if (y[i] == x[0] && memcmp(y + i, x, a->nnorm * sizeof(int32_t)) == 0) return 1;
  }
  if (a->nnorm < OVERLAP_MIN || ra->ngram == 0) return 0;
  for (i = 0, j = 0; i < ra->ngram && j < rb->ngram; ) {
    uint64_t x = grams[ra->gram + i], y = grams[rb->gram + j];
    if (x == y) { common++; i++; j++; }
    else if (x < y) i++;
    else j++;
  }
  return common * OVERLAP_DEN >= ra->ngram * OVERLAP_NUM;
}

static int cmprange (const void *a, const void *b) {   /* posting ranges, shortest first */
  const size_t *x = (const size_t *)a, *y = (const size_t *)b;
  size_t n = x[1] - x[0], m = y[1] - y[0];
  return n < m ? -1 : n > m;
}

/* The posting range of 'gram' in the sorted pairs. */
static void posting (const Pair *ps, size_t np, uint64_t gram, size_t *lo, size_t *hi) {
  size_t a = 0, b = np;
  while (a < b) { size_t m = a + (b - a) / 2; if (ps[m].gram < gram) a = m + 1; else b = m; }
  *lo = a; b = np;
  while (a < b) { size_t m = a + (b - a) / 2; if (ps[m].gram <= gram) a = m + 1; else b = m; }
  *hi = a;
}

/* Unite near-equal representatives. Pass 0: same speaker (both none included); pass 1: a
** representative without speaker joins the best group with one (marks in 'joined'). */
static int neargroups (Coll *c, size_t *up, int *joined) {
  size_t *head = NULL, nrep = 0, i, j, k, np = 0, ngrams = 0;
  Rep *reps = NULL;
  uint64_t *grams = NULL;
  Pair *ps = NULL;
  uint64_t *hash = NULL;
  size_t hcap = 1, *slot = NULL, (*dfs)[2] = NULL, *seen = NULL, *pend = NULL;
  int rc = TIFA_NOMEM, pass;
  while (hcap < 2 * c->nq + 2) hcap *= 2;
  slot = (size_t *)malloc(hcap * sizeof(size_t));
  hash = (uint64_t *)malloc(c->nq * sizeof(uint64_t) + 1);
  head = (size_t *)malloc(c->nq * sizeof(size_t) + 1);
  if (!slot || !hash || !head) goto done;
  for (i = 0; i < hcap; i++) slot[i] = (size_t)-1;
  for (i = 0; i < c->nq; i++) {                          /* exact: one representative each */
    size_t h;
    hash[i] = hashq(c, &c->qs[i]);
    for (h = (size_t)hash[i] & (hcap - 1); slot[h] != (size_t)-1; h = (h + 1) & (hcap - 1)) {
      size_t o = slot[h];
      if (hash[o] == hash[i] && samespeaker(c, &c->qs[o], &c->qs[i]) &&
          sametext(c, &c->qs[o], &c->qs[i])) break;
    }
    if (slot[h] == (size_t)-1) { slot[h] = i; head[nrep++] = i; }
    else unite(up, slot[h], i);
  }
  reps = (Rep *)malloc(nrep * sizeof(Rep) + 1);
  for (i = 0; i < nrep; i++) ngrams += c->qs[head[i]].nnorm;
  grams = (uint64_t *)malloc(ngrams * sizeof(uint64_t) + 1);
  ps = (Pair *)malloc(ngrams * sizeof(Pair) + 1);
  if (!reps || !grams || !ps) goto done;
  for (i = 0, k = 0; i < nrep; i++) {                    /* bigrams, sorted and unique */
    const Quote *q = &c->qs[head[i]];
    size_t g0 = k, u;
    reps[i].q = head[i]; reps[i].gram = g0;
    for (j = 0; j + 1 < q->nnorm; j++)
      grams[k++] = ((uint64_t)(uint32_t)c->cps[q->norm + j] << 32) | (uint32_t)c->cps[q->norm + j + 1];
    qsort(grams + g0, k - g0, sizeof(uint64_t), cmpu64);
    for (j = g0, u = g0; j < k; j++) if (u == g0 || grams[u - 1] != grams[j]) grams[u++] = grams[j];
    k = u;
    reps[i].ngram = k - g0;
    for (j = g0; j < k; j++) { ps[np].gram = grams[j]; ps[np].rep = i; np++; }
  }
  qsort(ps, np, sizeof(Pair), cmppair);
  dfs = (size_t (*)[2])malloc((ngrams + 1) * sizeof(*dfs));
  seen = (size_t *)calloc(nrep + 1, sizeof(size_t));
  pend = (size_t *)malloc((nrep + 1) * sizeof(size_t));
  if (!dfs || !seen || !pend) goto done;
  for (i = 0; i < nrep; i++) pend[i] = (size_t)-1;
  for (pass = 0; pass < 2; pass++) {
    if (pass == 1) {                                     /* unattributed texts that hold a group's */
      for (i = 0; i < nrep; i++) {
        size_t root;
        if (pend[i] == (size_t)-1 || joined[root = find(up, reps[i].q)]) continue;
        joined[root] = 1;
        unite(up, root, pend[i]);
        joined[find(up, pend[i])] = 1;
      }
    }
    for (i = 0; i < nrep; i++) {
      const Quote *a = &c->qs[reps[i].q];
      size_t nk, best = (size_t)-1, bestlen = 0, stamp = pass * nrep + i + 1;
      if (pass == 1 && (a->attributed || joined[find(up, reps[i].q)] ||
                        a->nnorm < OVERLAP_MIN)) continue;
      for (j = 0; j < reps[i].ngram; j++) {              /* its bigrams by rarity */
        posting(ps, np, grams[reps[i].gram + j], &dfs[j][0], &dfs[j][1]);
      }
      qsort(dfs, reps[i].ngram, sizeof(*dfs), cmprange);
      /* prefix filter: a text sharing 4/5 of a's bigrams has one of its n/5+1 rarest */
      nk = a->nnorm >= OVERLAP_MIN ? reps[i].ngram - (reps[i].ngram * OVERLAP_NUM) / OVERLAP_DEN + 1
                                   : 1;
      if (nk > reps[i].ngram) nk = reps[i].ngram;
      for (j = 0; j < nk; j++) {
        size_t p;
        if (dfs[j][1] - dfs[j][0] > POSTING_MAX) break;
        for (p = dfs[j][0]; p < dfs[j][1]; p++) {
          size_t r = ps[p].rep;
          const Quote *b = &c->qs[reps[r].q];
          if (r == i || seen[r] == stamp) continue;
          seen[r] = stamp;
          if (b->nnorm < a->nnorm || (pass == 0 && b->nnorm == a->nnorm && r < i))
            continue;
          if (pass == 0 && a->attributed && !b->attributed) {   /* a longer unattributed text */
            if (a->nnorm >= OVERLAP_MIN && near(c, a, &reps[i], b, &reps[r], grams) &&
                (pend[r] == (size_t)-1 || c->qs[pend[r]].nnorm < a->nnorm))
              pend[r] = reps[i].q;                       /* joins the longest it holds */
            continue;
          }
          if (pass == 0 && (!samespeaker(c, a, b) || find(up, reps[r].q) == find(up, reps[i].q)))
            continue;
          if (pass == 1 && !b->attributed) continue;
          if (!near(c, a, &reps[i], b, &reps[r], grams)) continue;
          if (pass == 0) unite(up, reps[i].q, reps[r].q);
          else if (best == (size_t)-1 || b->nnorm < bestlen) { best = reps[r].q; bestlen = b->nnorm; }
        }
      }
      if (pass == 1 && best != (size_t)-1) {             /* the closest in length */
        size_t root = find(up, reps[i].q);
        joined[root] = 1;
        unite(up, root, best);
        joined[find(up, best)] = 1;
      }
    }
  }
  rc = TIFA_OK;
done:
  free(slot); free(hash); free(head); free(reps); free(grams); free(ps); free(dfs); free(seen); free(pend);
  return rc;
}

/* }====== */

/* {====== The result ====== */

struct tifa_quotes {
  size_t n;
  tifa_quote_group *groups;
  tifa_quote_use *uses;
  char *pool;
};

size_t tifa_quotes_count (const tifa_quotes *q) { return q ? q->n : 0; }
const tifa_quote_group *tifa_quotes_group (const tifa_quotes *q, size_t i) {
  return q && i < q->n ? &q->groups[i] : NULL;
}
void tifa_quotes_free (tifa_quotes *q) {
  if (q == NULL) return;
  free(q->groups); free(q->uses); free(q->pool); free(q);
}

/* Articles compare by their places in Coll.arts: the order of canonical(). */
typedef struct Member { size_t root, art, start, q; } Member;

static int cmpmember (const void *a, const void *b) {   /* by root, then article, start */
  const Member *x = (const Member *)a, *y = (const Member *)b;
  if (x->root != y->root) return x->root < y->root ? -1 : 1;
  if (x->art != y->art) return x->art < y->art ? -1 : 1;
  return x->start < y->start ? -1 : x->start > y->start;
}

typedef struct Group { tifa_quote_group g; size_t art; } Group;   /* art: of its first use */

static int cmpgroup (const void *a, const void *b) {
  const Group *x = (const Group *)a, *y = (const Group *)b;
  if (x->g.narticles != y->g.narticles) return x->g.narticles > y->g.narticles ? -1 : 1;
  if (x->g.count != y->g.count) return x->g.count > y->g.count ? -1 : 1;
  if (x->art != y->art) return x->art < y->art ? -1 : 1;
  return x->g.uses[0].start < y->g.uses[0].start ? -1 : x->g.uses[0].start > y->g.uses[0].start;
}

static int datebefore (const Coll *c, const Art *a, const Art *b) {
  if (a->hasdate != b->hasdate) return a->hasdate;
  if (a->hasdate) {
    int k = strcmp(c->pool.p + a->date, c->pool.p + b->date);
    if (k != 0) return k < 0;
  }
  return a < b;                                          /* the order of canonical() */
}

static int build (Coll *c, size_t *up, const int *joined, tifa_quotes **out) {
  Member *mem = NULL;
  Group *gs = NULL;
  size_t i, j, ng = 0, nu = 0, spkn = 0;
  tifa_quotes *r = (tifa_quotes *)calloc(1, sizeof(*r));
  const char *want = NULL;
  (void)joined;
  if (r == NULL) return TIFA_NOMEM;
  if (c->o && c->o->speaker) want = tifa_cite_speaker(c->o->speaker, strlen(c->o->speaker), &spkn);
  mem = (Member *)malloc(c->nq * sizeof(*mem) + 1);
  gs = (Group *)malloc(c->nq * sizeof(Group) + 1);
  r->groups = (tifa_quote_group *)malloc(c->nq * sizeof(tifa_quote_group) + 1);
  r->uses = (tifa_quote_use *)malloc(c->nq * sizeof(tifa_quote_use) + 1);
  if (!mem || !gs || !r->groups || !r->uses) goto nomem;
  for (i = 0; i < c->nq; i++) {
    mem[i].root = find(up, i); mem[i].q = i;
    mem[i].art = c->qs[i].art; mem[i].start = c->qs[i].start;
  }
  qsort(mem, c->nq, sizeof(*mem), cmpmember);
  r->pool = c->pool.p;                                   /* the pool is final: point into it */
  for (i = 0; i < c->nq; i = j) {
    tifa_quote_group *g = &gs[ng].g;
    const Quote *spk = NULL, *longest = NULL;
    const Art *first = NULL;
    size_t u0 = nu, na = 0, min = c->o && c->o->min_articles ? c->o->min_articles : 1;
    int64_t lastart = -1;
    for (j = i; j < c->nq && mem[j].root == mem[i].root; j++) {
      const Quote *q = &c->qs[mem[j].q];
      if (q->attributed && spk == NULL) spk = q;
    }
    for (j = i; j < c->nq && mem[j].root == mem[i].root; j++) {
      const Quote *q = &c->qs[mem[j].q];
      tifa_quote_use *u = &r->uses[nu++];
      u->article = q->article; u->start = q->start; u->end = q->end;
      u->paragraph = q->paragraph;
      u->text = c->pool.p + q->text;
      u->speaker = q->spklen ? c->pool.p + q->spk : NULL;
      u->attributed = spk != NULL ? q->attributed : 0;
      if (q->article != lastart) { na++; lastart = q->article; }
      if ((spk == NULL || q->attributed) && (longest == NULL || q->textlen > longest->textlen)) longest = q;
      if (first == NULL || datebefore(c, &c->arts[q->art], first)) first = &c->arts[q->art];
    }
    if ((spk == NULL && !(c->o && c->o->unattributed)) || na < min ||
        (want != NULL && (spk == NULL || spk->canonlen != spkn ||
                          memcmp(c->pool.p + spk->canon, want, spkn) != 0))) {
      nu = u0;                                           /* left out */
      continue;
    }
    g->speaker = spk ? c->pool.p + spk->canon : NULL;
    g->text = c->pool.p + longest->text;
    g->count = nu - u0; g->narticles = na;
    g->uses = r->uses + u0;
    g->first_article = first->id;
    g->first_date = first->hasdate ? c->pool.p + first->date : NULL;
    gs[ng++].art = c->qs[mem[i].q].art;
  }
  free(mem);
  qsort(gs, ng, sizeof(Group), cmpgroup);
  for (i = 0; i < ng; i++) r->groups[i] = gs[i].g;
  free(gs);
  r->n = ng;
  c->pool.p = NULL; c->pool.len = c->pool.cap = 0;       /* now owned by 'r' */
  *out = r;
  return TIFA_OK;
nomem:
  free(mem);
  free(gs);
  r->pool = NULL;
  tifa_quotes_free(r);
  return TIFA_NOMEM;
}

int tifa_cite_quotes (tifa_store *s, const int64_t *ids, size_t nids,
                      const tifa_quote_opts *o, tifa_quotes **out) {
  return tifa_cite_quotes_stores(&s, NULL, 1, ids, nids, o, out);
}

int tifa_cite_quotes_stores (tifa_store *const *stores, const int64_t *bases, size_t n,
                             const int64_t *ids, size_t nids, const tifa_quote_opts *o,
                             tifa_quotes **out) {
  tifai_source src;
  Coll c;
  size_t *up = NULL, i;
  int *joined = NULL, rc;
  *out = NULL;
  if (n == 0) return TIFA_ERROR;
  src.stores = stores; src.bases = bases; src.n = n;
  memset(&c, 0, sizeof(c));
  c.o = o;
  c.minchars = o && o->min_chars ? o->min_chars : 4;
  rc = tifai_source_each(&src, ids, nids, collect, &c);
  if (rc == TIFA_OK && (c.pool.oom || c.oom)) rc = TIFA_NOMEM;
  if (rc == TIFA_OK && c.pool.p == NULL) tifai_buf_addc(&c.pool, '\0');   /* never NULL */
  if (rc == TIFA_OK) rc = canonical(&c, &src);
  if (rc == TIFA_OK) {
    up = (size_t *)malloc(c.nq * sizeof(size_t) + 1);
    joined = (int *)calloc(c.nq + 1, sizeof(int));
    if (up == NULL || joined == NULL) rc = TIFA_NOMEM;
  }
  if (rc == TIFA_OK) {
    for (i = 0; i < c.nq; i++) up[i] = i;
    rc = neargroups(&c, up, joined);
  }
  if (rc == TIFA_OK) rc = build(&c, up, joined, out);
  if (rc == TIFA_NOMEM) tifai_store_fail(stores[0], TIFA_NOMEM, "not enough memory");
  free(up); free(joined);
  tifai_buf_free(&c.pool);
  free(c.cps); free(c.qs); free(c.arts); free(c.scratch);
  return rc;
}

/* }====== */
