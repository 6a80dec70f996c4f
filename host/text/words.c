/*
** words.c -- word segmentation (see tifa_words.h), after jieba: the text is cut into runs
** of Han characters and units (units.h), white space and symbols; a run is cut at the most
** probable path through the dictionary's words (dynamic programming over the words that
** start at each character, right to left), and the characters that path leaves alone are
** given to the hidden Markov model (states B, M, E, S of a word), which finds the words no
** dictionary holds. User words live in a trie of their own, consulted before the built-in
** one.
*/
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>
#include "tifa_words.h"
#include "text.h"
#include "dict.h"
#include "units.h"
#include "extract.h"

#define NOWORD      TIFAI_DICT_NOWORD
#define USERTAG     256             /* tag ids from here on are the segmenter's own */
#define LONER       9.7             /* log of the built-in frequency from which a character
                                    ** is a word of its own to the model (loner): 16,000 */

/* {====== user words: a trie whose edges live in one open-addressing hash table ====== */

typedef struct unode {
  float logp;                       /* NOWORD, or log(freq/total) */
  uint16_t tag;                     /* a dictionary tag, or USERTAG + a tag of g->tags */
  uint16_t whole;                   /* added with no frequency: comes out whole (see bestpath) */
} unode;

typedef struct uedge {
  uint32_t parent, cp, child;       /* child 0: a free slot */
} uedge;

struct tifa_segmenter {
  unode *nodes;                     /* node 0 is the root, once there is a word */
  size_t nnodes, capnodes;
  uedge *edges;                     /* capacity a power of 2, at most half full */
  size_t nedges, capedges;
  size_t nnew;                      /* user words the built-in dictionary lacks */
  size_t nwords;                    /* user words */
  int nobuiltin;                    /* only the user words */
  char tags[256][TIFAI_DICT_TAGLEN];
  int ntags;
};

static tifa_segmenter defseg;

static size_t uslot (uint32_t parent, uint32_t cp, size_t mask) {
  uint32_t h = parent * 0x9E3779B1u ^ (cp + 0x7F4A7C15u) * 0x85EBCA77u;
  return (size_t)(h ^ (h >> 15)) & mask;
}

static uint32_t uchild (const tifa_segmenter *g, uint32_t n, uint32_t cp) {
  size_t mask = g->capedges - 1, i;
  for (i = uslot(n, cp, mask); g->edges[i].child; i = (i + 1) & mask)
    if (g->edges[i].parent == n && g->edges[i].cp == cp) return g->edges[i].child;
  return 0;
}

static int unewnode (tifa_segmenter *g, uint32_t *out) {
  if (g->nnodes == g->capnodes) {
    size_t cap = g->capnodes ? 2 * g->capnodes : 64;
    unode *p = realloc(g->nodes, cap * sizeof *p);
    if (!p) return TIFA_NOMEM;
    g->nodes = p;
    g->capnodes = cap;
  }
  g->nodes[g->nnodes].logp = NOWORD;
  g->nodes[g->nnodes].tag = 0;
  g->nodes[g->nnodes].whole = 0;
  *out = (uint32_t)g->nnodes++;
  return TIFA_OK;
}

static int ugrow (tifa_segmenter *g) {
  size_t cap = g->capedges ? 2 * g->capedges : 256, i;
  uedge *e = calloc(cap, sizeof *e);
  if (!e) return TIFA_NOMEM;
  for (i = 0; i < g->capedges; i++)
    if (g->edges[i].child) {
      size_t j = uslot(g->edges[i].parent, g->edges[i].cp, cap - 1);
      while (e[j].child) j = (j + 1) & (cap - 1);
      e[j] = g->edges[i];
    }
  free(g->edges);
  g->edges = e;
  g->capedges = cap;
  return TIFA_OK;
}

/* The node of the word cp[0..n) in g's trie, made if 'make'; 0 if none. */
static int upath (tifa_segmenter *g, const uint32_t *cp, int n, int make, uint32_t *out) {
  uint32_t node = 0;
  int k, rc;
  *out = 0;
  if (g->nnodes == 0) {
    if (!make) return TIFA_OK;
    if ((rc = unewnode(g, &node)) != TIFA_OK) return rc;
  }
  for (k = 0; k < n; k++) {
    uint32_t next = g->capedges ? uchild(g, node, cp[k]) : 0;
    if (!next) {
      size_t i;
      if (!make) return TIFA_OK;
      if (2 * (g->nedges + 1) > g->capedges && (rc = ugrow(g)) != TIFA_OK) return rc;
      if ((rc = unewnode(g, &next)) != TIFA_OK) return rc;
      i = uslot(node, cp[k], g->capedges - 1);
      while (g->edges[i].child) i = (i + 1) & (g->capedges - 1);
      g->edges[i].parent = node;
      g->edges[i].cp = cp[k];
      g->edges[i].child = next;
      g->nedges++;
    }
    node = next;
  }
  *out = node;
  return TIFA_OK;
}

/* }====== */

/* {====== one call of tifa_words ====== */

typedef struct Seg {
  const tifa_segmenter *g;
  const tifai_dict *d;
  const char *s;
  int flags;
  tifa_word_fn f;
  void *ud;
  uint32_t *cp;             /* the run of Han characters being gathered */
  size_t *boff;             /* byte offset of each, and one past the last */
  size_t n, cap;
  size_t cstart;            /* code point offset of the run's first character */
  double *prim;             /* prim[i]: the first key of the best path from i (bestpath) */
  double *score;            /* score[i]: its log probability, the second key */
  uint32_t *next;           /* next[i]: the end of the first word of that path */
  uint16_t *tag;            /* tag[i]: that word's tag + 1, 0 if no word holds it */
  unsigned char *inord;     /* inord[i]: 1 if i is inside an ordinal (bestpath) */
  unsigned char *back;      /* HMM: the best previous state, 4 per character */
  int oom;
} Seg;

static int grow (Seg *g, size_t need) {
  size_t cap = g->cap ? g->cap : 64;
  void *p;
  while (cap < need) cap *= 2;
  if (cap == g->cap) return 1;
#define RE(a, sz) if (!(p = realloc(g->a, (sz)))) return 0; g->a = p;
  RE(cp, cap * sizeof *g->cp)
  RE(boff, (cap + 1) * sizeof *g->boff)
  RE(prim, (cap + 1) * sizeof *g->prim)
  RE(score, (cap + 1) * sizeof *g->score)
  RE(next, (cap + 1) * sizeof *g->next)
  RE(tag, (cap + 1) * sizeof *g->tag)
  RE(inord, cap + 1)
  RE(back, cap * 4)
#undef RE
  g->cap = cap;
  return 1;
}

static void segfree (Seg *g) {
  free(g->cp); free(g->boff); free(g->prim); free(g->score); free(g->next); free(g->tag);
  free(g->inord); free(g->back);
}

/* Look cp[0..n) up in the built-in dictionary: its log probability (NOWORD if no word). */
static float baselookup (const tifai_dict *d, const uint32_t *cp, size_t n, uint16_t *tag) {
  uint32_t node = 0;
  size_t k;
  for (k = 0; k < n && (node = tifai_dict_child(d, node, cp[k])) != 0; k++) ;
  if (k == n && n > 0 && d->nodes[node].logp != NOWORD) {
    *tag = d->nodes[node].tag;
    return d->nodes[node].logp;
  }
  return NOWORD;
}

/* Look cp[0..n) up, user words first: its log probability (NOWORD if no word) and tag. */
static float lookup (const Seg *g, const uint32_t *cp, size_t n, uint16_t *tag) {
  const tifa_segmenter *u = g->g;
  uint32_t node = 0;
  size_t k;
  if (u->nnodes && u->capedges) {
    for (k = 0; k < n && (node = uchild(u, node, cp[k])) != 0; k++) ;
    if (k == n && u->nodes[node].logp != NOWORD) {
      *tag = u->nodes[node].tag;
      return u->nodes[node].logp;
    }
  }
  return u->nobuiltin ? NOWORD : baselookup(g->d, cp, n, tag);
}

static int isnumeralhan (uint32_t c) {
  static const char nums[] = "〇零一二两三四五六七八九十百千万亿";
  const char *p = nums;
  while (*p) {
    int32_t n;
    p += tifa_utf8_decode(p, 4, &n);
    if ((uint32_t)n == c) return 1;
  }
  return 0;
}

/* Is (p, c) ending at j a better path than (bp, best) ending at bestj: the first key, then
** the second, then the longer first word? */
static int better (double p, double c, size_t j, double bp, double best, size_t bestj) {
  if (p != bp) return p > bp;
  return c > best || (c == best && j > bestj);
}

/* The best path through cp[0..n): fills prim[], score[], next[] and tag[] (jieba's DAG and
** route), comparing two keys in turn. The second is the path's log probability (jieba's). The
** first: with the built-in dictionary, the sum of the squared lengths of the path's user words
** added with no frequency ('whole'), of two or more characters, so that such a word comes out
** wherever the text holds it unless it overlaps a longer one (0 with no user words: jieba's
** route); with only the user's words, minus the number of words, as maximum matching counts
** them (a plain word list says which strings are words, not how likely each is).
** An ordinal whose numeral has two characters or more (第二百条, 第一百二十五条: 第 and the
** cardinal after it, as laws number their 编, 章, 节, 条, 款 and 项) is never cut inside: no
** word ends between its 第 and its numeral's end, and it is a word of its own (第二百) unless
** a dictionary word covers it whole (without the rule, 第二 | 百条). */
static void bestpath (Seg *g, size_t n) {
  const tifai_dict *d = g->d;
  const tifa_segmenter *u = g->g;
  double unknown = -d->h->logtotal;         /* a character no word holds: frequency 1 */
  int only = u->nobuiltin;
  size_t i, j, ordend = 0;
  memset(g->inord, 0, n + 1);
  for (i = 0; i + 2 < n; i++)               /* the ordinals: inord[] inside each */
    if (g->cp[i] == 0x7B2C && isnumeralhan(g->cp[i + 1]) && isnumeralhan(g->cp[i + 2]))  /* 第 */
      for (j = i + 1; j < n && isnumeralhan(g->cp[j]); j++) g->inord[j] = 1;
  g->prim[n] = 0;
  g->score[n] = 0;
  g->next[n] = (uint32_t)n;
  for (i = n; i-- > 0; ) {
    double best = -HUGE_VAL, bp = -HUGE_VAL;
    size_t bestj = i + 1;
    uint16_t besttag = 0;
    uint64_t mine = 0;                       /* lengths - 1 of the user words found */
    uint32_t node;
    if (g->inord[i]) {                       /* no path goes through here */
      g->prim[i] = g->score[i] = -HUGE_VAL;
      g->next[i] = (uint32_t)(i + 1);
      g->tag[i] = 0;
      continue;
    }
    if (i + 1 < n && g->inord[i + 1]) {      /* an ordinal's 第: the ordinal, one word */
      for (ordend = i + 1; ordend < n && g->inord[ordend]; ordend++) ;
      bp = g->prim[ordend] - (only ? 1 : 0);
      best = unknown + g->score[ordend];
      bestj = ordend;
    }
    if (u->nnodes && u->capedges) {
      node = 0;
      for (j = i; j < n && j - i < 64 && (node = uchild(u, node, g->cp[j])) != 0; j++) {
        if (g->inord[j + 1]) continue;       /* it would end inside an ordinal */
        if (u->nodes[node].logp != NOWORD) {
          double c = u->nodes[node].logp + g->score[j + 1], p = g->prim[j + 1];
          if (only) p -= 1;
          else if (u->nodes[node].whole && j > i) p += (double)((j - i + 1) * (j - i + 1));
          mine |= (uint64_t)1 << (j - i);
          if (better(p, c, j + 1, bp, best, bestj)) {
            bp = p; best = c; bestj = j + 1; besttag = (uint16_t)(u->nodes[node].tag + 1);
          }
        }
      }
    }
    node = 0;
    for (j = i; !only && j < n && (node = tifai_dict_child(d, node, g->cp[j])) != 0; j++) {
      float lp = d->nodes[node].logp;
      if (lp != NOWORD && !g->inord[j + 1] && !(j - i < 64 && (mine >> (j - i) & 1))) {
        double c = lp + g->score[j + 1];
        if (better(g->prim[j + 1], c, j + 1, bp, best, bestj)) {
          bp = g->prim[j + 1]; best = c; bestj = j + 1; besttag = (uint16_t)(d->nodes[node].tag + 1);
        }
      }
    }
    if (best == -HUGE_VAL) {
      best = unknown + g->score[i + 1];
      bp = g->prim[i + 1] - (only ? 1 : 0);
    }
    g->prim[i] = bp;
    g->score[i] = best;
    g->next[i] = (uint32_t)bestj;
    g->tag[i] = besttag;
  }
}

/* {====== tags of words no dictionary holds ====== */

/* the hundred most common family names: a run the HMM finds that starts with one, two or
** three characters long, is taken for a person's name */
static const char surnames[] =
  "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏"
  "吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱"
  "严覃武戴莫孔向汤习栗";

static int issurname (uint32_t cp) {
  const char *p = surnames;
  int32_t c;
  while (*p) {
    p += tifa_utf8_decode(p, 4, &c);
    if ((uint32_t)c == cp) return 1;
  }
  return 0;
}

static const char *tagname (const Seg *g, uint16_t tag) {
  return tag >= USERTAG ? g->g->tags[tag - USERTAG] : g->d->tags[tag];
}

static const char *guess (const Seg *g, size_t i, size_t j) {
  if (j - i >= 2 && j - i <= 3 && issurname(g->cp[i])) return "nr";
  return j - i == 1 ? "zg" : "n";           /* zg: jieba's tag of a lone character */
}

/* }====== */

static int outw (Seg *g, size_t byte, size_t nbyte, size_t start, size_t end, const char *tag,
                 int inner) {
  tifa_word w;
  w.byte = byte; w.nbyte = nbyte; w.start = start; w.end = end; w.tag = tag; w.inner = inner;
  return g->f(g->ud, g->s, &w);
}

static int out (Seg *g, size_t byte, size_t nbyte, size_t start, size_t end, const char *tag) {
  return outw(g, byte, nbyte, start, end, tag, 0);
}

/* Search mode: the words of two or more characters inside run characters [i, j), shorter
** than it, by where they start, shorter first (jieba's cut_for_search stops at three
** characters: 共建一带一路 would not give 一带一路). One walk of each trie per start. */
static int subwords (Seg *g, size_t i, size_t j) {
  const tifa_segmenter *u = g->g;
  size_t k, m;
  int rc;
  for (k = i; k < j; k++) {
    uint32_t un = 0, bn = 0;
    int user = u->nnodes && u->capedges, base = !u->nobuiltin;
    for (m = 1; k + m <= j && m < j - i && (user || base); m++) {
      const char *tag = NULL;
      if (user && (un = uchild(u, un, g->cp[k + m - 1])) == 0) user = 0;
      if (base && (bn = tifai_dict_child(g->d, bn, g->cp[k + m - 1])) == 0) base = 0;
      if (m < 2) continue;
      if (user && u->nodes[un].logp != NOWORD) tag = tagname(g, u->nodes[un].tag);
      else if (base && g->d->nodes[bn].logp != NOWORD) tag = tagname(g, g->d->nodes[bn].tag);
      if (tag && (rc = outw(g, g->boff[k], g->boff[k + m] - g->boff[k], g->cstart + k,
                            g->cstart + k + m, tag, 1)) != 0)
        return rc;
    }
  }
  return 0;
}

/* {====== the fine-grained cut ====== */

/* The fine-grained cut of run characters [i, j) (a word of the cut, of four or more): the
** most probable path through dictionary words that covers exactly [i, j) and is not the word
** itself, with at most one part of one character, never cutting between two numerals nor
** after the 第 of an ordinal (第二 | 十条, 第 | 二十一条). Emits its parts (inner = 1) in
** order, each after its own fine cut; none if there is no such path. A word of three
** characters has none: it is a word of two and a character (国务院, 民政部, 科学院), whose
** two-character part is seldom what the word is about (国务). */
static int fine (Seg *g, size_t i, size_t j) {
  const tifa_segmenter *u = g->g;
  double sc[TIFAI_DICT_MAXLEN + 1][2];     /* [k][s]: best from k with s singles left */
  uint8_t nx[TIFAI_DICT_MAXLEN + 1][2];
  const char *tg[TIFAI_DICT_MAXLEN + 1][2];
  size_t n = j - i, k, m;
  int rc, s;
  if (n < 4 || n > TIFAI_DICT_MAXLEN) return 0;
  sc[n][0] = sc[n][1] = 0;
  for (k = n; k-- > 0; ) {
    uint32_t un = 0, bn = 0;
    int user = u->nnodes && u->capedges, base = !u->nobuiltin;
    sc[k][0] = sc[k][1] = -HUGE_VAL;
    if (k > 0 && isnumeralhan(g->cp[i + k])
        && (isnumeralhan(g->cp[i + k - 1]) || g->cp[i + k - 1] == 0x7B2C))   /* 第 */
      continue;
    for (m = 1; k + m <= n && (user || base); m++) {
      float lp = NOWORD;
      uint16_t t = 0;
      if (user && (un = uchild(u, un, g->cp[i + k + m - 1])) == 0) user = 0;
      if (base && (bn = tifai_dict_child(g->d, bn, g->cp[i + k + m - 1])) == 0) base = 0;
      if (m == n) continue;
      if (user && u->nodes[un].logp != NOWORD) { lp = u->nodes[un].logp; t = u->nodes[un].tag; }
      else if (base && g->d->nodes[bn].logp != NOWORD) { lp = g->d->nodes[bn].logp; t = g->d->nodes[bn].tag; }
      if (lp == NOWORD) continue;
      for (s = 0; s < 2; s++) {               /* a single uses up the one allowed */
        double c;
        if (m == 1 && s == 0) continue;
        c = lp + sc[k + m][m == 1 ? 0 : s];
        if (c > -HUGE_VAL && c >= sc[k][s]) {
          sc[k][s] = c;
          nx[k][s] = (uint8_t)(k + m);
          tg[k][s] = tagname(g, t);
        }
      }
    }
  }
  if (sc[0][1] == -HUGE_VAL) return 0;
  for (k = 0, s = 1; k < n; ) {
    size_t a = i + k, b = i + nx[k][s];
    const char *tag = tg[k][s];
    if ((rc = fine(g, a, b)) != 0
        || (rc = outw(g, g->boff[a], g->boff[b] - g->boff[a], g->cstart + a, g->cstart + b,
                      tag, 1)) != 0)
      return rc;
    if (b - a == 1) s = 0;
    k = b - i;
  }
  return 0;
}

/* }====== */

/* Emit run characters [i, j) as one word, with its tag + 1 if known (0: look it up), the
** words inside it first in search mode. */
static int word (Seg *g, size_t i, size_t j, uint16_t known) {
  const char *tag;
  int rc;
  if (known) tag = tagname(g, (uint16_t)(known - 1));
  else {
    uint16_t t = 0;
    tag = lookup(g, g->cp + i, j - i, &t) != NOWORD ? tagname(g, t) : guess(g, i, j);
  }
  if ((g->flags & TIFA_WORDS_FINE) && (rc = fine(g, i, j)) != 0) return rc;
  if ((g->flags & (TIFA_WORDS_SEARCH | TIFA_WORDS_FINE)) == TIFA_WORDS_SEARCH && j - i > 2
      && (rc = subwords(g, i, j)) != 0)
    return rc;
  return out(g, g->boff[i], g->boff[j] - g->boff[i], g->cstart + i, g->cstart + j, tag);
}

/* jieba's finalseg: the HMM over run characters [a, b). */
enum { B, E, M, S };
#define MINP  (-3.14e100)
static const double startp[4] = {-0.26268660809250016, MINP, MINP, -1.4652633398537678};
static const double transp[4][4] = {      /* [from][to] */
  {MINP, -0.510825623765990, -0.916290731874155, MINP},
  {-0.5897149736854513, MINP, MINP, -0.8085250474669937},
  {MINP, -0.33344856811948514, -1.2603623820268226, MINP},
  {-0.7211965654669841, MINP, MINP, -0.6658631448798212}};
static const unsigned char prevs[4][2] = {{E, S}, {B, M}, {M, B}, {S, E}};  /* jieba's PrevStatus */

static double emitp (const Seg *g, uint32_t cp, int st) {
  float e = cp < 0x10000 ? g->d->emit[cp * 4 + (uint32_t)st] : TIFAI_DICT_NOEMIT;
  return e <= TIFAI_DICT_NOEMIT ? MINP : e;
}

static int hmm (Seg *g, size_t a, size_t b) {
  double v[4], nv[4];
  size_t t, i, begin;
  int st, rc;
  for (st = 0; st < 4; st++) v[st] = startp[st] + emitp(g, g->cp[a], st);
  for (t = a + 1; t < b; t++) {
    for (st = 0; st < 4; st++) {
      double em = emitp(g, g->cp[t], st), best = -HUGE_VAL;
      int k, from = prevs[st][0];
      for (k = 0; k < 2; k++) {
        int y0 = prevs[st][k];
        double p = v[y0] + transp[y0][st] + em;
        if (p > best || (p == best && y0 > from)) { best = p; from = y0; }
      }
      nv[st] = best;
      g->back[t * 4 + (size_t)st] = (unsigned char)from;
    }
    memcpy(v, nv, sizeof v);
  }
  st = v[S] >= v[E] ? S : E;          /* jieba: max((prob, y) for y in 'ES'), ties to 'S' */
  for (t = b; t-- > a; ) {            /* walk back, keeping the states in g->back[t*4] */
    unsigned char prev = t > a ? g->back[t * 4 + (size_t)st] : 0;
    g->back[t * 4] = (unsigned char)st;
    st = prev;
  }
  for (i = begin = a; i < b; i++) {
    int s = g->back[i * 4];
    if (s == B) begin = i;
    else if (s == E || s == S) {
      if ((rc = word(g, s == S ? i : begin, i + 1, 0)) != 0) return rc;
      begin = i + 1;
    }
  }
  return begin < b ? word(g, begin, b, 0) : 0;
}

/* With only the user's words: is run character i a common word of its own in the built-in
** dictionary (的, 是, 一, 年, 多, ...), which the model must not join to its neighbours? A
** word list says nothing of how often a character stands alone; jieba's model, trained on
** text cut another way, joins 这是, 一年, 不能 where such a list cuts them apart. */
static int loner (const Seg *g, size_t i) {
  uint32_t node = tifai_dict_child(g->d, 0, g->cp[i]);
  return node && g->d->nodes[node].logp != NOWORD
         && g->d->nodes[node].logp >= LONER - g->d->h->logtotal;
}

/* Characters [a, b) that the best path left one by one (jieba's 'buf'): to the model if they
** are no word together; with only the user's words, the model sees the stretches between the
** characters 'loner' keeps apart. */
static int loose (Seg *g, size_t a, size_t b) {
  uint16_t tag;
  size_t i;
  int rc;
  if (b - a > 1 && !(g->flags & TIFA_WORDS_NOHMM) && lookup(g, g->cp + a, b - a, &tag) == NOWORD) {
    size_t from = a;
    if (!g->g->nobuiltin) return hmm(g, a, b);
    for (i = a; i <= b; i++) {
      if (i < b && !loner(g, i)) continue;
      if (i - from > 1) { if ((rc = hmm(g, from, i)) != 0) return rc; }
      else if (i > from && (rc = word(g, from, i, g->tag[from])) != 0) return rc;
      if (i < b && (rc = word(g, i, i + 1, g->tag[i])) != 0) return rc;
      from = i + 1;
    }
    return 0;
  }
  for (i = a; i < b; i++)
    if ((rc = word(g, i, i + 1, g->tag[i])) != 0) return rc;
  return 0;
}

static int flushrun (Seg *g) {
  size_t n = g->n, x = 0, buf = (size_t)-1;
  int rc = 0;
  if (n == 0) return 0;
  g->n = 0;
  bestpath(g, n);
  while (x < n && rc == 0) {
    size_t y = g->next[x];
    if (y - x == 1) {
      if (buf == (size_t)-1) buf = x;
    }
    else {
      if (buf != (size_t)-1 && (rc = loose(g, buf, x)) != 0) return rc;
      buf = (size_t)-1;
      rc = word(g, x, y, g->tag[x]);
    }
    x = y;
  }
  if (rc == 0 && buf != (size_t)-1) rc = loose(g, buf, n);
  return rc;
}

/* }====== */

/* {====== the C API ====== */

tifa_segmenter *tifa_segmenter_default (void) {
  return &defseg;
}

int tifa_segmenter_new (tifa_segmenter **out) {
  *out = calloc(1, sizeof **out);
  return *out ? TIFA_OK : TIFA_NOMEM;
}

void tifa_segmenter_free (tifa_segmenter *g) {
  if (g == NULL || g == &defseg) return;
  free(g->nodes);
  free(g->edges);
  free(g);
}

size_t tifa_segmenter_size (const tifa_segmenter *g) {
  const tifai_dict *d = tifai_dict_builtin();
  return g->nobuiltin ? g->nwords : (d ? d->h->nwords : 0) + g->nnew;
}

void tifa_segmenter_builtin (tifa_segmenter *g, int on) {
  g->nobuiltin = !on;
}

static int isspacecp (int32_t c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'
         || (c >= 0x80 && tifai_is_space(c));
}

static int isalnumcp (int32_t c) {
  if (c < 0x80) return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
  if (tifai_is_han(c) || tifai_is_space(c)) return 0;
  switch (utf8proc_category(c)) {
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_ND:
    case UTF8PROC_CATEGORY_MN: case UTF8PROC_CATEGORY_MC:
      return 1;
    default:
      return 0;
  }
}

/* symbols written two or more at a time: dashes, ellipses, the middle dot, the wave dash */
static int isrepeated (int32_t c) {
  return c == 0x2014 || c == 0x2026 || c == 0x2015 || c == 0x2500 || c == '-' || c == '.'
         || c == 0xFF0D || c == 0x00B7 || c == 0xFF5E || c == '=' || c == '*';
}

/* The end of the run of non-ASCII letters and digits (not Han) from s[i] on: what the
** units scanner, which reads ASCII, leaves of a word (é of café, Москва). */
static size_t alnumrun (const char *s, size_t i, size_t len) {
  while (i < len) {
    int32_t c;
    int k = tifa_utf8_decode(s + i, len - i, &c);
    if (c < 0x80 || !isalnumcp(c)) break;
    i += (size_t)k;
  }
  return i;
}

/* A minus sign before a number (-5℃, －１０), not after a letter or digit (2023-2024): the
** length of both, or 0. */
static size_t signed_number (const char *s, size_t i, size_t len) {
  static const char *const minus[] = {"-", "\xEF\xBC\x8D", "\xE2\x88\x92", NULL};  /* - － − */
  int k, kind;
  unsigned char c = (unsigned char)s[i];
  if (c != '-' && c != 0xEF && c != 0xE2) return 0;      /* the lead bytes of 'minus' */
  for (k = 0; minus[k]; k++) {
    size_t m = strlen(minus[k]), u;
    if (len - i > m && memcmp(s + i, minus[k], m) == 0) {
      if (i > 0) {
        size_t p = i - 1;
        int32_t prev;
        while (p > 0 && ((unsigned char)s[p] & 0xC0) == 0x80) p--;
        tifa_utf8_decode(s + p, i - p, &prev);
        if (isalnumcp(prev)) return 0;
      }
      u = tifai_unit(s + i + m, len - i - m, &kind);
      return u > 0 && kind == TIFAI_UNIT_NUMBER ? m + u : 0;
    }
  }
  return 0;
}

/* {====== units in parts (TIFA_WORDS_SPLITUNITS): the PKU standard's way ====== */

static int isnumeral (int32_t c) {
  static const char numerals[] = "0123456789.,%０１２３４５６７８９．，％‰〇○零一二两三四五六七八九十百千万亿";
  const char *p = numerals;
  while (*p) {
    int32_t n;
    p += tifa_utf8_decode(p, 4, &n);
    if (n == c) return 1;
  }
  return 0;
}

static int ismidhedge (int32_t c) {
  return c == 0x591A || c == 0x4F59;                  /* 多 余 */
}

/* Emit the unit s[i .. i+u) in parts: a date after each of 年 月 日 号 时 分 秒; a number as
** [minus or hedge] [digits, numerals, magnitude, %] [多 or 余] [unit of measure] [hedge]. */
static int unitparts (Seg *g, size_t i, size_t u, size_t c, int kind) {
  const char *s = g->s;
  size_t j = i, end = i + u, from = i, cfrom = c, cj = c;
  int rc, phase = 0;                       /* number: 0 lead, 1 numerals, 2 rest */
  while (j < end) {
    int32_t cp;
    size_t k = (size_t)tifa_utf8_decode(s + j, end - j, &cp), cut = 0;
    if (kind == TIFAI_UNIT_DATE)
      cut = cp == 0x5E74 || cp == 0x6708 || cp == 0x65E5 || cp == 0x53F7 || cp == 0x65F6
            || cp == 0x5206 || cp == 0x79D2;          /* 年 月 日 号 时 分 秒: cut after */
    else if (phase < 2 && isnumeral(cp))
      phase = 1;
    else if (phase == 0) {                             /* a sign stays, a hedge goes apart */
      if (cp != '-' && cp != 0xFF0D && cp != 0x2212) {
        if ((rc = out(g, j, k, cj, cj + 1, "d")) != 0) return rc;
        j += k; cj++; from = j; cfrom = cj;
        continue;
      }
    }
    else if (phase == 1) {                             /* the numerals end here */
      phase = 2;
      if ((rc = out(g, from, j - from, cfrom, cj, "m")) != 0) return rc;
      from = j; cfrom = cj;
      if (ismidhedge(cp)) {
        if ((rc = out(g, j, k, cj, cj + 1, "m")) != 0) return rc;
        j += k; cj++; from = j; cfrom = cj;
        continue;
      }
    }
    if (kind == TIFAI_UNIT_NUMBER && phase == 2) {     /* the unit, then a hedge */
      int h;
      for (h = 0; tifai_hedges_post[h]; h++) {
        size_t m = strlen(tifai_hedges_post[h]);
        if (end - j == m && memcmp(s + j, tifai_hedges_post[h], m) == 0) break;
      }
      if (tifai_hedges_post[h] && j > from) {
        if ((rc = out(g, from, j - from, cfrom, cj, "q")) != 0) return rc;
        from = j; cfrom = cj;
      }
    }
    j += k; cj++;
    if (cut && j < end) {
      if ((rc = out(g, from, j - from, cfrom, cj, "t")) != 0) return rc;
      from = j; cfrom = cj;
    }
  }
  if (from < end)
    return out(g, from, end - from, cfrom, cj,
               kind == TIFAI_UNIT_DATE ? "t" : phase == 2 && from > i ? "q" : "m");
  return 0;
}

/* }====== */

static const char *const unittags[] = {"x", "t", "m", "nw", "nd", "url", "eng"};

int tifa_words (const tifa_segmenter *gs, const char *s, size_t len, int flags,
                tifa_word_fn f, void *ud) {
  Seg g;
  size_t i = 0, c = 0;
  int rc = 0;
  if (!tifa_utf8_valid(s, len, NULL)) return TIFA_ENCODING;
  memset(&g, 0, sizeof g);
  g.g = gs; g.s = s; g.flags = flags; g.f = f; g.ud = ud;
  if ((g.d = tifai_dict_builtin()) == NULL) return TIFA_ERROR;
  while (i < len && rc == 0) {
    int32_t cp;
    int k = (unsigned char)s[i] < 0x80 ? (cp = (unsigned char)s[i], 1) : tifa_utf8_decode(s + i, len - i, &cp);
    int kind;
    size_t u;
    if (isspacecp(cp)) {
      rc = flushrun(&g);
      i += (size_t)k; c++;
      continue;
    }
    if (((u = tifai_unit(s + i, len - i, &kind)) > 0
         && !(kind == TIFAI_UNIT_TITLE && (flags & TIFA_WORDS_SPLITUNITS)))  /* 《 人民 日报 》 */
        || ((u = signed_number(s, i, len)) > 0 && (kind = TIFAI_UNIT_NUMBER))) {
      size_t n;
      if (kind == TIFAI_UNIT_LATIN)        /* a Latin word goes on through accented letters */
        u = alnumrun(s, i + u, len) - i;
      n = tifa_utf8_len(s + i, u);
      if ((rc = flushrun(&g)) == 0)
        rc = (flags & TIFA_WORDS_SPLITUNITS) && (kind == TIFAI_UNIT_DATE || kind == TIFAI_UNIT_NUMBER)
             ? unitparts(&g, i, u, c, kind) : out(&g, i, u, c, c + n, unittags[kind < 7 ? kind : 0]);
      i += u; c += n;
      continue;
    }
    if (tifai_is_han(cp)) {
      if (g.n == 0) g.cstart = c;
      if (g.n + 1 > g.cap && !grow(&g, g.n + 1)) { rc = TIFA_NOMEM; break; }
      g.cp[g.n] = (uint32_t)cp;
      g.boff[g.n++] = i;
      g.boff[g.n] = i + (size_t)k;
      i += (size_t)k; c++;
      continue;
    }
    if ((rc = flushrun(&g)) != 0) break;
    if (isalnumcp(cp)) {                 /* letters and digits the units did not take */
      size_t j = cp < 0x80 ? i + 1 : alnumrun(s, i, len), n = tifa_utf8_len(s + i, j - i);
      rc = out(&g, i, j - i, c, c + n, "eng");
      i = j; c += n;
    }
    else {                               /* a symbol; a dash or an ellipsis whole (——, ……) */
      size_t j = i + (size_t)k, n = 1;
      if (isrepeated(cp))
        while (j + (size_t)k <= len && memcmp(s + j, s + i, (size_t)k) == 0) { j += (size_t)k; n++; }
      rc = out(&g, i, j - i, c, c + n, "x");
      i = j; c += n;
    }
  }
  if (rc == 0) rc = flushrun(&g);
  segfree(&g);
  return rc;
}

/* The score of the best path through the word's own characters (jieba's suggest_freq). */
static double pathscore (const tifa_segmenter *gs, const uint32_t *cp, int n, int *ok) {
  Seg g;
  double sc;
  memset(&g, 0, sizeof g);
  g.g = gs;
  *ok = (g.d = tifai_dict_builtin()) != NULL && grow(&g, (size_t)n);
  if (!*ok) { segfree(&g); return 0; }
  memcpy(g.cp, cp, (size_t)n * sizeof *cp);
  bestpath(&g, (size_t)n);
  sc = g.score[0];
  segfree(&g);
  return sc;
}

static int usertag (tifa_segmenter *g, const char *tag, uint16_t *id) {
  const tifai_dict *d = tifai_dict_builtin();
  int i;
  if (strlen(tag) >= TIFAI_DICT_TAGLEN || !*tag) return TIFA_ERROR;
  for (i = 0; d && i < (int)d->h->ntags; i++)
    if (strcmp(d->tags[i], tag) == 0) { *id = (uint16_t)i; return TIFA_OK; }
  for (i = 0; i < g->ntags; i++)
    if (strcmp(g->tags[i], tag) == 0) { *id = (uint16_t)(USERTAG + i); return TIFA_OK; }
  if (g->ntags == 256) return TIFA_ERROR;
  strcpy(g->tags[g->ntags], tag);
  *id = (uint16_t)(USERTAG + g->ntags++);
  return TIFA_OK;
}

int tifa_segmenter_add_word (tifa_segmenter *g, const char *w, size_t len, double freq,
                             const char *tag) {
  const tifai_dict *d = tifai_dict_builtin();
  uint32_t cp[TIFAI_DICT_MAXLEN], node;
  uint16_t tagid = 0, oldtag = 0;
  size_t i = 0;
  int n = 0, rc, ok;
  float old;
  double lp;
  Seg probe;
  if (!d) return TIFA_ERROR;
  if (!tifa_utf8_valid(w, len, NULL)) return TIFA_ERROR;
  while (i < len) {
    int32_t c;
    if (n == TIFAI_DICT_MAXLEN) return TIFA_ERROR;
    i += (size_t)tifa_utf8_decode(w + i, len - i, &c);
    if (isspacecp(c)) return TIFA_ERROR;
    cp[n++] = (uint32_t)c;
  }
  if (n == 0) return TIFA_ERROR;
  memset(&probe, 0, sizeof probe);
  probe.g = g; probe.d = d;
  old = lookup(&probe, cp, (size_t)n, &oldtag);
  if (freq > 0)
    lp = log(freq) - d->h->logtotal;
  else if (g->nobuiltin && (lp = baselookup(d, cp, (size_t)n, &oldtag)) != NOWORD) {
    if (old == NOWORD) old = (float)lp;      /* the built-in frequency, and tag */
  }
  else {                            /* the word beats the best path through its parts */
    double sc = pathscore(g, cp, n, &ok);
    if (!ok) return TIFA_NOMEM;
    lp = log(floor(exp(sc + d->h->logtotal)) + 1) - d->h->logtotal;
    if (old != NOWORD && old > lp) lp = old;
  }
  if (tag && *tag) {
    if ((rc = usertag(g, tag, &tagid)) != TIFA_OK) return rc;
  }
  else if (old != NOWORD) tagid = oldtag;
  else if ((rc = usertag(g, "nz", &tagid)) != TIFA_OK) return rc;
  if ((rc = upath(g, cp, n, 1, &node)) != TIFA_OK) return rc;
  if (g->nodes[node].logp == NOWORD) {
    g->nwords++;
    if (baselookup(d, cp, (size_t)n, &oldtag) == NOWORD) g->nnew++;
  }
  g->nodes[node].logp = (float)lp;
  g->nodes[node].tag = tagid;
  g->nodes[node].whole = freq <= 0;
  return TIFA_OK;
}

int tifa_segmenter_load (tifa_segmenter *g, const char *path, char *err) {
  FILE *fp = fopen(path, "rb");
  char line[4096];
  long ln = 0;
  int rc = TIFA_OK;
  if (!fp) {
    snprintf(err, TIFA_ERRMAX, "cannot open %s (%s)", path, strerror(errno));
    return TIFA_IO;
  }
  while (rc == TIFA_OK && fgets(line, sizeof line, fp)) {
    char *p = line, *w, *a, *t, *end;
    size_t wl;
    double freq = 0;
    ln++;
    if (ln == 1 && memcmp(p, "\xEF\xBB\xBF", 3) == 0) p += 3;
    if (strlen(p) == sizeof line - 1 && p[sizeof line - 2] != '\n') {
      snprintf(err, TIFA_ERRMAX, "%s:%ld: line too long", path, ln);
      rc = TIFA_FORMAT;
      break;
    }
    if (!tifa_utf8_valid(p, strlen(p), NULL)) {
      snprintf(err, TIFA_ERRMAX, "%s:%ld: invalid UTF-8", path, ln);
      rc = TIFA_ENCODING;
      break;
    }
    w = strtok_r(p, " \t\r\n", &end);
    if (!w || *w == '#') continue;
    a = strtok_r(NULL, " \t\r\n", &end);
    t = strtok_r(NULL, " \t\r\n", &end);
    if (a) {
      char *e;
      freq = strtod(a, &e);
      if (*e != '\0') { t = a; freq = 0; }          /* WORD TAG */
      else if (freq <= 0 || !isfinite(freq)) {
        snprintf(err, TIFA_ERRMAX, "%s:%ld: bad frequency '%s'", path, ln, a);
        rc = TIFA_FORMAT;
        break;
      }
    }
    wl = strlen(w);
    if ((rc = tifa_segmenter_add_word(g, w, wl, freq, t)) == TIFA_ERROR) {
      snprintf(err, TIFA_ERRMAX, "%s:%ld: bad word or tag (at most %d characters, tags of "
               "at most %d bytes)", path, ln, TIFAI_DICT_MAXLEN, TIFAI_DICT_TAGLEN - 1);
      rc = TIFA_FORMAT;
    }
    else if (rc == TIFA_NOMEM)
      snprintf(err, TIFA_ERRMAX, "%s", tifa_errstr(rc));
  }
  if (rc == TIFA_OK && ferror(fp)) {
    snprintf(err, TIFA_ERRMAX, "cannot read %s (%s)", path, strerror(errno));
    rc = TIFA_IO;
  }
  fclose(fp);
  return rc;
}

/* }====== */
