/*
** dictc.c -- the dictionary compiler, run at build time: reads jieba's dictionary (word,
** frequency, tag per line), tifa's policy lexicon (policy.txt, same format, frequency
** optional) and jieba's HMM emission table (finalseg/prob_emit.py), and writes the image
** that host/text/dict.c reads in place (built into the library by dict_blob.S).
**   usage: dictc JIEBA_DICT POLICY_LEXICON PROB_EMIT OUT
** The image's layout is dict.h's. A word of the lexicon takes the larger of its two
** frequencies; a lexicon word with no frequency gets POLICY_FREQ.
*/
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "dict.h"

#define POLICY_FREQ 2000       /* about what jieba gives 科学发展观 or 供给侧 */

static const char *progname = "dictc";

static void die (const char *fmt, ...) {
  va_list ap;
  fprintf(stderr, "%s: ", progname);
  va_start(ap, fmt);
  vfprintf(stderr, fmt, ap);
  va_end(ap);
  fputc('\n', stderr);
  exit(1);
}

static void *xrealloc (void *p, size_t n) {
  p = realloc(p, n ? n : 1);
  if (!p) die("out of memory");
  return p;
}

/* Decode UTF-8 into code points; returns the count, or -1 if invalid or too long. */
static int decode (const char *s, uint32_t *cp, int max) {
  const unsigned char *p = (const unsigned char *)s;
  int n = 0;
  while (*p) {
    uint32_t c = *p;
    int k = c < 0x80 ? 0 : c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : -1;
    if (k < 0 || n == max) return -1;
    if (k) c &= 0x3F >> k;
    p++;
    while (k--) {
      if ((*p & 0xC0) != 0x80) return -1;
      c = (c << 6) | (*p++ & 0x3F);
    }
    cp[n++] = c;
  }
  return n;
}

typedef struct Word {
  uint32_t cp[TIFAI_DICT_MAXLEN];
  int len;
  double freq;
  int tag;
} Word;

static Word *words;
static size_t nwords, capwords;
static char tags[256][TIFAI_DICT_TAGLEN];
static int ntags;

static int tagof (const char *t, const char *file, long line) {
  int i;
  if (strlen(t) >= TIFAI_DICT_TAGLEN) die("%s:%ld: tag '%s' too long", file, line, t);
  for (i = 0; i < ntags; i++)
    if (strcmp(tags[i], t) == 0) return i;
  if (ntags == 256) die("%s:%ld: more than 256 tags", file, line);
  strcpy(tags[ntags], t);
  return ntags++;
}

static void readwords (const char *file, int policy) {
  FILE *f = fopen(file, "r");
  char line[1024];
  long ln = 0;
  if (!f) die("cannot open %s (%s)", file, strerror(errno));
  while (fgets(line, sizeof line, f)) {
    char *w, *a, *b, *save = NULL;
    Word *x;
    ln++;
    if (line[0] == '#' || line[0] == '\n') continue;
    w = strtok_r(line, " \t\r\n", &save);
    if (!w) continue;
    a = strtok_r(NULL, " \t\r\n", &save);
    b = strtok_r(NULL, " \t\r\n", &save);
    if (a && !isdigit((unsigned char)a[0])) { b = a; a = NULL; }   /* word tag */
    if (nwords == capwords) {
      capwords = capwords ? 2 * capwords : 1 << 16;
      words = xrealloc(words, capwords * sizeof *words);
    }
    x = &words[nwords];
    x->len = decode(w, x->cp, TIFAI_DICT_MAXLEN);
    if (x->len <= 0) die("%s:%ld: invalid or too long word", file, ln);
    x->freq = a ? strtod(a, NULL) : policy ? POLICY_FREQ : 1;
    if (policy && x->freq < POLICY_FREQ) x->freq = POLICY_FREQ;
    x->tag = tagof(b ? b : (policy ? "nz" : "x"), file, ln);
    if (x->freq > 0) nwords++;
  }
  if (ferror(f)) die("cannot read %s", file);
  fclose(f);
}

static int cmpword (const void *a, const void *b) {
  const Word *x = a, *y = b;
  int i;
  for (i = 0; i < x->len && i < y->len; i++)
    if (x->cp[i] != y->cp[i]) return x->cp[i] < y->cp[i] ? -1 : 1;
  return (x->len > y->len) - (x->len < y->len);
}

/* {====== the trie, built from the sorted words, nodes in preorder ====== */

typedef struct BNode {
  uint32_t *kid, *kcp;      /* children and their code points, in order */
  uint32_t nkid, capkid;
  float logp;
  int tag;
} BNode;

static BNode *nodes;
static size_t nnodes, capnodes;

static uint32_t newnode (void) {
  if (nnodes == capnodes) {
    capnodes = capnodes ? 2 * capnodes : 1 << 16;
    nodes = xrealloc(nodes, capnodes * sizeof *nodes);
  }
  memset(&nodes[nnodes], 0, sizeof *nodes);
  nodes[nnodes].logp = TIFAI_DICT_NOWORD;
  return (uint32_t)nnodes++;
}

static uint32_t child (uint32_t n, uint32_t cp) {
  BNode *b = &nodes[n];
  uint32_t k;
  if (b->nkid && b->kcp[b->nkid - 1] == cp)     /* words are sorted: the last child or new */
    return b->kid[b->nkid - 1];
  k = newnode();
  b = &nodes[n];
  if (b->nkid == b->capkid) {
    b->capkid = b->capkid ? 2 * b->capkid : 2;
    b->kid = xrealloc(b->kid, b->capkid * sizeof *b->kid);
    b->kcp = xrealloc(b->kcp, b->capkid * sizeof *b->kcp);
  }
  b->kid[b->nkid] = k;
  b->kcp[b->nkid++] = cp;
  return k;
}

/* }====== */

/* {====== jieba's HMM emissions: lines "'B': {'\u4e00': -3.65," and " '\u4e01': -8.1," ====== */

static void reademit (const char *file, float *emit) {
  FILE *f = fopen(file, "r");
  char line[256];
  int state = -1;
  size_t i, n = 0;
  if (!f) die("cannot open %s (%s)", file, strerror(errno));
  for (i = 0; i < 0x10000 * 4; i++) emit[i] = TIFAI_DICT_NOEMIT;
  while (fgets(line, sizeof line, f)) {
    char *p = line, *u;
    while (*p == ' ' || *p == '{' || *p == 'P' || *p == '=') p++;
    if (p[0] == '\'' && strchr("BEMS", p[1]) && p[2] == '\'') {
      state = (int)(strchr("BEMS", p[1]) - "BEMS");
      p += 3;
      while (*p == ':' || *p == ' ' || *p == '{') p++;
    }
    if ((u = strstr(p, "'\\u")) != NULL && state >= 0) {
      unsigned long cp = strtoul(u + 3, NULL, 16);
      char *c = strchr(u + 3, ':');
      if (!c || cp > 0xFFFF) die("%s: unexpected line: %s", file, line);
      emit[cp * 4 + (size_t)state] = (float)strtod(c + 1, NULL);
      n++;
    }
  }
  fclose(f);
  if (n < 10000) die("%s: only %zu emissions read", file, n);
}

/* }====== */

int main (int argc, char **argv) {
  tifai_dict_header h;
  double total = 0;
  size_t i, j, nedges = 0;
  uint32_t *root, pos;
  tifai_dict_node *dn;
  tifai_dict_edge *de;
  float *emit;
  FILE *out;
  if (argc != 5) die("usage: dictc JIEBA_DICT POLICY_LEXICON PROB_EMIT OUT");
  readwords(argv[1], 0);
  readwords(argv[2], 1);
  qsort(words, nwords, sizeof *words, cmpword);
  for (i = j = 0; i < nwords; i++) {          /* duplicates: the larger frequency, last tag */
    if (j > 0 && cmpword(&words[j - 1], &words[i]) == 0) {
      if (words[i].freq > words[j - 1].freq) words[j - 1].freq = words[i].freq;
      words[j - 1].tag = words[i].tag;
    }
    else words[j++] = words[i];
  }
  nwords = j;
  for (i = 0; i < nwords; i++) total += words[i].freq;
  newnode();                                   /* the root */
  for (i = 0; i < nwords; i++) {
    uint32_t n = 0;
    int k;
    for (k = 0; k < words[i].len; k++) n = child(n, words[i].cp[k]);
    nodes[n].logp = (float)(log(words[i].freq) - log(total));
    nodes[n].tag = words[i].tag;
  }
  for (i = 0; i < nnodes; i++) nedges += nodes[i].nkid;
  memset(&h, 0, sizeof h);
  memcpy(h.magic, TIFAI_DICT_MAGIC, sizeof h.magic);
  h.nwords = (uint32_t)nwords;
  h.nnodes = (uint32_t)nnodes;
  h.nedges = (uint32_t)nedges;
  h.ntags = (uint32_t)ntags;
  h.logtotal = log(total);
  root = calloc(0x10000, sizeof *root);
  dn = calloc(nnodes, sizeof *dn);
  de = calloc(nedges ? nedges : 1, sizeof *de);
  emit = malloc(0x10000 * 4 * sizeof *emit);
  if (!root || !dn || !de || !emit) die("out of memory");
  for (i = 0, pos = 0; i < nnodes; i++) {
    dn[i].first = pos;
    dn[i].n = nodes[i].nkid;
    dn[i].logp = nodes[i].logp;
    dn[i].tag = (uint16_t)nodes[i].tag;
    for (j = 0; j < nodes[i].nkid; j++) {      /* children are in code point order */
      de[pos].cp = nodes[i].kcp[j];
      de[pos++].child = nodes[i].kid[j];
    }
  }
  for (j = 0; j < nodes[0].nkid; j++)
    if (nodes[0].kcp[j] < 0x10000) root[nodes[0].kcp[j]] = nodes[0].kid[j];
  reademit(argv[3], emit);
  if (!(out = fopen(argv[4], "wb"))) die("cannot open %s (%s)", argv[4], strerror(errno));
  if (fwrite(&h, sizeof h, 1, out) != 1 || fwrite(tags, sizeof tags, 1, out) != 1
      || fwrite(root, sizeof *root, 0x10000, out) != 0x10000
      || fwrite(emit, sizeof *emit, 0x10000 * 4, out) != 0x10000 * 4
      || fwrite(dn, sizeof *dn, nnodes, out) != nnodes
      || fwrite(de, sizeof *de, nedges, out) != nedges || fclose(out) != 0)
    die("cannot write %s", argv[4]);
  printf("%s: %zu words, %zu nodes, %zu edges, %d tags\n", argv[4], nwords, nnodes, nedges, ntags);
  return 0;
}
