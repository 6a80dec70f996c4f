/*
** test_store.c -- black-box test of the store (include/tifa_store.h, host/store/store.h):
** the tokenizer and the query compiler, opening (temp files, bad files, the sample corpus),
** ingest of buffers in every encoding and format, and search/count checked against a
** brute-force oracle (plain substring search over the stored texts) on a small corpus.
** Expected answers come from the header comments, never from the store's sources.
*/
#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>
#include <fcntl.h>
#include <sqlite3.h>
#include "tifa.h"
#include "tifa_store.h"
#include "store.h"
#include "check.h"

#define S(lit)  lit, (sizeof(lit) - 1)      /* a literal and its length (NULs included) */
#define MAXTOK  64
#define MAXHIT  64
#define MAXART  64

static char tmpdir[256];                    /* mkdtemp'd; removed at the end */

static void tmppath (char *out, size_t sz, const char *name) {
  snprintf(out, sz, "%s/%s", tmpdir, name);
}

/* {====== UTF-8 and the oracle's folding ====== */

/* Decode valid UTF-8 s[0..n) into 'out' (room for n). Returns the number of code points. */
static size_t decode (const char *s, size_t n, uint32_t *out) {
  const unsigned char *p = (const unsigned char *)s;
  size_t i = 0, m = 0;
  while (i < n) {
    uint32_t c = p[i];
    int k = 0;
    if (c >= 0xF0) { c &= 0x07; k = 3; }
    else if (c >= 0xE0) { c &= 0x0F; k = 2; }
    else if (c >= 0xC0) { c &= 0x1F; k = 1; }
    i++;
    while (k-- > 0 && i < n) c = (c << 6) | (p[i++] & 0x3F);
    out[m++] = c;
  }
  return m;
}

/* What the header promises about matching: full-width ASCII letters and digits count as
** half-width (tifa_text.h, ingest folding), Latin letters match case-insensitively. */
/* Letters, digits and punctuation to one width (Unicode's <wide> and <narrow> mappings of
** U+3000 and U+FF01-FFE6), Latin lowercased. */
static uint32_t foldcp (uint32_t c) {
  static const uint32_t narrowcjk[] = {0x3002, 0x300C, 0x300D, 0x3001, 0x30FB};
  static const uint32_t signs[] = {0xA2, 0xA3, 0xAC, 0xAF, 0xA6, 0xA5, 0x20A9};
  if (c == 0x3000) c = ' ';
  else if (c >= 0xFF01 && c <= 0xFF5E) c = c - 0xFF00 + 0x20;
  else if (c == 0xFF5F || c == 0xFF60) c = c - 0xFF5F + 0x2985;
  else if (c >= 0xFF61 && c <= 0xFF65) c = narrowcjk[c - 0xFF61];
  else if (c >= 0xFFE0 && c <= 0xFFE6) c = signs[c - 0xFFE0];
  if (c >= 'A' && c <= 'Z') c += 32;
  return c;
}

/* Decode and fold; returns a malloc'ed array (never NULL) and its length in '*n'. */
static uint32_t *folded (const char *s, size_t len, size_t *n) {
  uint32_t *u = (uint32_t *)malloc((len + 1) * sizeof(uint32_t));
  size_t i;
  *n = decode(s, len, u);
  for (i = 0; i < *n; i++) u[i] = foldcp(u[i]);
  return u;
}

/* Occurrences of t in h: non-overlapping leftmost ones, or all of them with 'overlap'.
** Their starts go to 'starts' (if not NULL, room for hn). Returns how many. */
static size_t occ (const uint32_t *h, size_t hn, const uint32_t *t, size_t tn, int overlap,
                   int64_t *starts) {
  size_t i = 0, m = 0;
  if (tn == 0) return 0;
  while (i + tn <= hn) {
    if (memcmp(h + i, t, tn * sizeof(uint32_t)) == 0) {
      if (starts) starts[m] = (int64_t)i;
      m++;
      i += overlap ? 1 : tn;
    }
    else i++;
  }
  return m;
}

/* }====== */

/* {====== The oracle's query trees, written as S-expressions in the test ====== */
/* (and a b ...)  (or a b ...)  (not a b) = a AND NOT b  (near N a b)  term  "term with spaces" */

enum { O_TERM, O_AND, O_OR, O_NOT, O_NEAR };

typedef struct onode {
  int kind;
  uint32_t term[64];
  size_t tlen;
  long near;
  struct onode *kid[8];
  int nkid;
} onode;

static onode opool[512];
static int nopool;
static const char *osp;

static void oskip (void) { while (*osp == ' ') osp++; }

static onode *oparse (void) {
  onode *n = &opool[nopool++];
  memset(n, 0, sizeof(*n));
  oskip();
  if (*osp == '(') {
    const char *w;
    osp++;
    w = osp;
    while (*osp != ' ') osp++;
    if (strncmp(w, "and ", 4) == 0) n->kind = O_AND;
    else if (strncmp(w, "or ", 3) == 0) n->kind = O_OR;
    else if (strncmp(w, "not ", 4) == 0) n->kind = O_NOT;
    else { n->kind = O_NEAR; n->near = strtol(osp, (char **)&osp, 10); }
    for (;;) {
      oskip();
      if (*osp == ')') { osp++; break; }
      n->kid[n->nkid++] = oparse();
    }
  }
  else {
    const char *b, *e;
    uint32_t *u;
    size_t k;
    if (*osp == '"') { b = ++osp; while (*osp != '"') osp++; e = osp++; }
    else { b = osp; while (*osp && *osp != ' ' && *osp != ')') osp++; e = osp; }
    n->kind = O_TERM;
    u = folded(b, (size_t)(e - b), &k);
    memcpy(n->term, u, k * sizeof(uint32_t));
    n->tlen = k;
    free(u);
  }
  return n;
}

static onode *oquery (const char *sx) {
  nopool = 0;
  osp = sx;
  return oparse();
}

typedef struct art {                /* one stored article, as the oracle sees it */
  int64_t id;
  char *title, *text;               /* stored UTF-8 */
  uint32_t *ft, *fx;                /* folded code points of title and text */
  size_t ftn, fxn;
} art;

typedef struct corpus { art a[MAXART]; int n; } corpus;

typedef struct span { int64_t s, e; } span;

/* NEAR by brute force: every choice of one occurrence per operand, no two overlapping,
** whose stretch has at most N characters outside them is a candidate; taken by end, then
** the latest start, each after the end of the last taken. */
typedef struct nearo {
  const onode *n;
  int64_t *st[8];                   /* each operand's occurrences (starts) */
  size_t no[8];
  int64_t pick[8];
  span *cand;
  size_t ncand, len;
} nearo;

static void nearpick (nearo *o, int t) {
  size_t i;
  int j;
  if (t == o->n->nkid) {
    int64_t s = INT64_MAX, e = 0;
    for (j = 0; j < t; j++) {
      int64_t a = o->pick[j], b = a + (int64_t)o->n->kid[j]->tlen;
      if (a < s) s = a;
      if (b > e) e = b;
    }
    if (e - s - (int64_t)o->len <= o->n->near) { o->cand[o->ncand].s = s; o->cand[o->ncand].e = e; o->ncand++; }
    return;
  }
  for (i = 0; i < o->no[t]; i++) {
    int64_t a = o->st[t][i], b = a + (int64_t)o->n->kid[t]->tlen;
    int clash = 0;
    for (j = 0; j < t; j++)
      if (a < o->pick[j] + (int64_t)o->n->kid[j]->tlen && o->pick[j] < b) clash = 1;
    if (clash) continue;
    o->pick[t] = a;
    nearpick(o, t + 1);
  }
}

static int byend (const void *x, const void *y) {
  const span *a = (const span *)x, *b = (const span *)y;
  if (a->e != b->e) return a->e < b->e ? -1 : 1;
  return (a->s < b->s) - (a->s > b->s);
}

/* The spans of NEAR n in one column, into 'out' (if not NULL); returns how many. */
static size_t nearo_spans (const onode *n, const uint32_t *h, size_t hn, span *out) {
  nearo o;
  size_t i, m = 0, total = 1;
  int t;
  int64_t last = 0;
  memset(&o, 0, sizeof(o));
  o.n = n;
  for (t = 0; t < n->nkid; t++) {
    o.st[t] = (int64_t *)malloc((hn + 1) * sizeof(int64_t));
    o.no[t] = occ(h, hn, n->kid[t]->term, n->kid[t]->tlen, 0, o.st[t]);
    o.len += n->kid[t]->tlen;
    total *= o.no[t] + 1;
  }
  o.cand = (span *)malloc((total + 1) * sizeof(span));
  nearpick(&o, 0);
  qsort(o.cand, o.ncand, sizeof(span), byend);
  for (i = 0; i < o.ncand; i++)
    if (o.cand[i].s >= last) {
      if (out) out[m] = o.cand[i];
      m++;
      last = o.cand[i].e;
    }
  for (t = 0; t < n->nkid; t++) free(o.st[t]);
  free(o.cand);
  return m;
}

static int nearcol (const onode *n, const uint32_t *h, size_t hn) {
  return nearo_spans(n, h, hn, NULL) > 0;
}

/* Matches of a positive unit (a term, or a NEAR as a whole) in one column. */
static size_t unitcount (const onode *u, const uint32_t *h, size_t hn) {
  return u->kind == O_NEAR ? nearo_spans(u, h, hn, NULL) : occ(h, hn, u->term, u->tlen, 0, NULL);
}

/* 1 if the article satisfies the tree, 0 if not, -1 if the header does not decide. */
static int oeval (const onode *n, const art *a) {
  int i, r, unk = 0;
  switch (n->kind) {
    case O_TERM:
      return occ(a->ft, a->ftn, n->term, n->tlen, 0, NULL) + occ(a->fx, a->fxn, n->term, n->tlen, 0, NULL) > 0;
    case O_AND:
      for (i = 0; i < n->nkid; i++) {
        r = oeval(n->kid[i], a);
        if (r == 0) return 0;
        if (r < 0) unk = 1;
      }
      return unk ? -1 : 1;
    case O_OR:
      for (i = 0; i < n->nkid; i++) {
        r = oeval(n->kid[i], a);
        if (r == 1) return 1;
        if (r < 0) unk = 1;
      }
      return unk ? -1 : 0;
    case O_NOT: {
      int l = oeval(n->kid[0], a), rr = oeval(n->kid[1], a);
      if (l == 0 || rr == 1) return 0;
      if (l < 0 || rr < 0) return -1;
      return 1;
    }
    default: {
      int t = nearcol(n, a->ft, a->ftn), x = nearcol(n, a->fx, a->fxn);
      if (t == 1 || x == 1) return 1;
      return (t < 0 || x < 0) ? -1 : 0;
    }
  }
}

/* The terms and NEARs outside the right side of a NOT ("positive"): their matches count. */
static void opositive (const onode *n, const onode **out, int *k) {
  int i;
  if (n->kind == O_TERM || n->kind == O_NEAR) { out[(*k)++] = n; return; }
  for (i = 0; i < (n->kind == O_NOT ? 1 : n->nkid); i++) opositive(n->kid[i], out, k);
}

static int spancmp (const void *x, const void *y) {
  const span *a = (const span *)x, *b = (const span *)y;
  if (a->s != b->s) return a->s < b->s ? -1 : 1;
  if (a->e != b->e) return a->e < b->e ? -1 : 1;
  return 0;
}

/* The sorted matches of the positive terms in one column; '*overlaps' set when two of
** them overlap (then only membership is checked). Returns the number of spans. */
static size_t ospans (const onode *q, const uint32_t *h, size_t hn, span *out, int *overlaps) {
  const onode *pos[32];
  int np = 0, i;
  size_t m = 0, j, k;
  int64_t *st = (int64_t *)malloc((hn + 1) * sizeof(int64_t));
  opositive(q, pos, &np);
  for (i = 0; i < np; i++) {
    size_t c;
    if (pos[i]->kind == O_NEAR) { m += nearo_spans(pos[i], h, hn, out + m); continue; }
    c = occ(h, hn, pos[i]->term, pos[i]->tlen, 0, st);
    for (j = 0; j < c; j++) { out[m].s = st[j]; out[m].e = st[j] + (int64_t)pos[i]->tlen; m++; }
  }
  free(st);
  qsort(out, m, sizeof(span), spancmp);
  *overlaps = 0;
  for (k = 1; k < m; k++) if (out[k].s < out[k - 1].e) *overlaps = 1;
  return m;
}

/* Load every article of the store (id order) into 'c'. */
static void loadcorpus (tifa_store *s, corpus *c) {
  sqlite3_stmt *st = NULL;
  c->n = 0;
  check(sqlite3_prepare_v2(tifa_store_sqlite(s), "SELECT id, title, text FROM article ORDER BY id",
                           -1, &st, NULL) == SQLITE_OK);
  while (st && sqlite3_step(st) == SQLITE_ROW && c->n < MAXART) {
    art *a = &c->a[c->n++];
    const char *t = (const char *)sqlite3_column_text(st, 1), *x = (const char *)sqlite3_column_text(st, 2);
    a->id = sqlite3_column_int64(st, 0);
    a->title = strdup(t ? t : "");
    a->text = strdup(x ? x : "");
    a->ft = folded(a->title, strlen(a->title), &a->ftn);
    a->fx = folded(a->text, strlen(a->text), &a->fxn);
  }
  sqlite3_finalize(st);
}

static void freecorpus (corpus *c) {
  int i;
  for (i = 0; i < c->n; i++) {
    free(c->a[i].title); free(c->a[i].text); free(c->a[i].ft); free(c->a[i].fx);
  }
  c->n = 0;
}

/* }====== */

/* {====== Collecting hits and counts ====== */

typedef struct hitrec {
  int64_t id;
  double score;
  size_t nm, nt;
  int64_t *off, *toff;
  char *snip;
} hitrec;

typedef struct hits {
  hitrec h[MAXHIT];
  int n;                    /* hits received (only the first MAXHIT kept) */
  int stopat, stoprc;       /* return 'stoprc' on hit number 'stopat' (1-based) */
  tifa_store *intr;         /* if set: tifa_store_interrupt(intr) on hit number 'stopat' */
} hits;

static int64_t *dup64 (const int64_t *p, size_t n) {
  int64_t *d = (int64_t *)malloc((n + 1) * sizeof(int64_t));
  if (n) memcpy(d, p, n * sizeof(int64_t));
  return d;
}

static int onhit (void *ud, const tifa_hit *h) {
  hits *c = (hits *)ud;
  c->n++;
  if (c->n <= MAXHIT) {
    hitrec *r = &c->h[c->n - 1];
    r->id = h->article;
    r->score = h->score;
    r->nm = h->nmatch;
    r->nt = h->ntitle;
    r->off = dup64(h->offsets, 2 * h->nmatch);
    r->toff = dup64(h->title_offsets, 2 * h->ntitle);
    r->snip = strdup(h->snippet ? h->snippet : "(null)");
  }
  if (c->stopat && c->n == c->stopat) {
    if (c->intr) tifa_store_interrupt(c->intr);
    else return c->stoprc;
  }
  return 0;
}

static void freehits (hits *c) {
  int i;
  for (i = 0; i < c->n && i < MAXHIT; i++) { free(c->h[i].off); free(c->h[i].toff); free(c->h[i].snip); }
  memset(c, 0, sizeof(*c));
}

static int dosearch (tifa_store *s, const char *q, long limit, long offset, hits *c) {
  tifa_search_opts o;
  memset(&o, 0, sizeof(o));
  o.limit = limit;
  o.offset = offset;
  return tifa_store_search(s, q, &o, onhit, c);
}

typedef struct counts {
  int64_t id[MAXART], n[MAXART];
  int k;
  int stopat;               /* interrupt 'intr' on article number 'stopat' */
  tifa_store *intr;
} counts;

static int oncount (void *ud, int64_t article, int64_t n) {
  counts *c = (counts *)ud;
  if (c->k < MAXART) { c->id[c->k] = article; c->n[c->k] = n; }
  c->k++;
  if (c->intr && c->k == c->stopat) tifa_store_interrupt(c->intr);
  return 0;
}

/* Hits for 'q' with a big limit, or -1 on failure. */
static int nhits (tifa_store *s, const char *q) {
  hits c;
  int rc, n;
  memset(&c, 0, sizeof(c));
  rc = dosearch(s, q, 1000, 0, &c);
  n = rc == TIFA_OK ? c.n : -1;
  freehits(&c);
  return n;
}

static int64_t ntotal (tifa_store *s, const char *q) {
  int64_t total = -1, arts = -1;
  if (tifa_store_count(s, q, &total, &arts, NULL, NULL) != TIFA_OK) return -1;
  return total;
}

static int64_t dbint (tifa_store *s, const char *sql) {
  sqlite3_stmt *st = NULL;
  int64_t v = -1;
  if (sqlite3_prepare_v2(tifa_store_sqlite(s), sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
    v = sqlite3_column_int64(st, 0);
  sqlite3_finalize(st);
  return v;
}

/* FTS5's own check that the index matches the articles (only meaningful with nothing pending). */
static int ftsintact (tifa_store *s) {
  char *msg = NULL;
  int rc = sqlite3_exec(tifa_store_sqlite(s), "INSERT INTO article_fts(article_fts) VALUES('integrity-check')",
                        NULL, NULL, &msg);
  if (rc != SQLITE_OK) fprintf(stderr, "  integrity-check: %s\n", msg ? msg : "?");
  sqlite3_free(msg);
  return rc == SQLITE_OK;
}

/* Run 'fn' in a child process; 1 if it exited with status 0 (no crash). */
static int survives (void (*fn) (void)) {
  int st = 0;
  pid_t pid;
  fflush(stdout); fflush(stderr);
  pid = fork();
  if (pid == 0) {                                     /* quiet child: no sanitizer report */
    int fd = open("/dev/null", O_WRONLY);
    if (fd >= 0) dup2(fd, 2);
    fn();
    _exit(0);
  }
  if (pid < 0 || waitpid(pid, &st, 0) != pid) return 0;
  return WIFEXITED(st) && WEXITSTATUS(st) == 0;
}

/* }====== */

/* {====== One query against the oracle ====== */

static size_t u8chars (const char *s) {
  size_t n = 0;
  for (; *s; s++) if (((unsigned char)*s & 0xC0) != 0x80) n++;
  return n;
}

/* Does spans 'got' (n pairs) equal the oracle's 'want' (m spans)? With 'overlaps', only
** check that each one got is one wanted. */
static int samespans (const int64_t *got, size_t n, const span *want, size_t m, int overlaps) {
  size_t i, j;
  if (!overlaps) {
    if (n != m) return 0;
    for (i = 0; i < n; i++) if (got[2 * i] != want[i].s || got[2 * i + 1] != want[i].e) return 0;
    return 1;
  }
  for (i = 0; i < n; i++) {
    for (j = 0; j < m; j++) if (got[2 * i] == want[j].s && got[2 * i + 1] == want[j].e) break;
    if (j == m) return 0;
    if (i > 0 && got[2 * i] < got[2 * i - 2]) return 0;
  }
  return 1;
}

/* Search and count 'q' on 's' and compare everything with the oracle tree 'sx' over 'c'. */
static void runq (tifa_store *s, const corpus *c, const char *q, const char *sx) {
  int before = check_failures;
  const onode *t = oquery(sx);
  hits h;
  counts cc;
  int rc, i, j, want[MAXART], nwant = 0;
  int64_t total = -1, narts = -1, wtotal = 0, wn[MAXART];
  span *sp = NULL;
  const onode *pos[32];
  int np = 0;
  opositive(t, pos, &np);
  for (i = 0; i < c->n; i++) {
    int k;
    want[i] = oeval(t, &c->a[i]);
    wn[i] = 0;
    if (want[i] == 1) nwant++;
    for (k = 0; k < np; k++)
      wn[i] += (int64_t)(unitcount(pos[k], c->a[i].ft, c->a[i].ftn) +
                         unitcount(pos[k], c->a[i].fx, c->a[i].fxn));
    if (want[i] == 1) wtotal += wn[i];
  }
  /* search */
  memset(&h, 0, sizeof(h));
  rc = dosearch(s, q, 1000, 0, &h);
  checkint(rc, TIFA_OK);
  if (rc != TIFA_OK) fprintf(stderr, "  (%s)\n", tifa_store_errmsg(s));
  for (j = 0; j < h.n && j < MAXHIT; j++) {
    const hitrec *r = &h.h[j];
    int k, found = -1, ov;
    size_t m;
    for (k = 0; k < j; k++) check(h.h[k].id != r->id);          /* no article twice */
    if (j > 0) check(r->score <= h.h[j - 1].score);             /* rank order */
    for (i = 0; i < c->n; i++) if (c->a[i].id == r->id) found = i;
    check(found >= 0);
    if (found < 0) continue;
    check(want[found] != 0);                                    /* no false hit */
    if (want[found] == 0) fprintf(stderr, "  false hit: article %lld\n", (long long)r->id);
    if (want[found] != 1) continue;
    free(sp);
    sp = (span *)malloc((size_t)(np + 1) * (c->a[found].fxn + c->a[found].ftn + 1) * sizeof(span));
    m = ospans(t, c->a[found].fx, c->a[found].fxn, sp, &ov);
    check(samespans(r->off, r->nm, sp, m, ov));
    if (!samespans(r->off, r->nm, sp, m, ov)) {
      fprintf(stderr, "  article %lld text offsets:", (long long)r->id);
      for (k = 0; k < (int)r->nm; k++) fprintf(stderr, " [%lld,%lld)", (long long)r->off[2 * k], (long long)r->off[2 * k + 1]);
      fprintf(stderr, "  want:");
      for (k = 0; k < (int)m; k++) fprintf(stderr, " [%lld,%lld)", (long long)sp[k].s, (long long)sp[k].e);
      fprintf(stderr, "\n");
    }
    m = ospans(t, c->a[found].ft, c->a[found].ftn, sp, &ov);
    check(samespans(r->toff, r->nt, sp, m, ov));
    checkint((int64_t)(r->nm + r->nt), wn[found]);              /* the same matches as count */
    if (r->nm > 0) {                                            /* marks around the first match */
      char mark[512];
      size_t b = 0;
      int64_t ci = 0, e = r->off[1];
      const char *p = c->a[found].text;
      for (; *p && ci < e; p++) {                               /* the matched text, stored form */
        if (((unsigned char)*p & 0xC0) != 0x80) ci++;
        if (ci > r->off[0] && b < sizeof(mark) - 8) mark[b++] = *p;
      }
      while (*p && ((unsigned char)*p & 0xC0) == 0x80 && b < sizeof(mark) - 8) mark[b++] = *p++;
      mark[b] = 0;
      {
        char want2[600];
        snprintf(want2, sizeof(want2), "\xC2\xAB%s\xC2\xBB", mark);
        check(strstr(r->snip, want2) != NULL);
        if (strstr(r->snip, want2) == NULL) fprintf(stderr, "  snippet '%s' lacks '%s'\n", r->snip, want2);
      }
    }
  }
  for (i = 0; i < c->n; i++) if (want[i] == 1) {
    int found = 0;
    for (j = 0; j < h.n && j < MAXHIT; j++) if (h.h[j].id == c->a[i].id) found = 1;
    check(found);
    if (!found) fprintf(stderr, "  missed: article %lld\n", (long long)c->a[i].id);
  }
  /* count */
  memset(&cc, 0, sizeof(cc));
  rc = tifa_store_count(s, q, &total, &narts, oncount, &cc);
  checkint(rc, TIFA_OK);
  {
    int64_t sum = 0, certain = 1;
    for (i = 0; i < c->n; i++) if (want[i] < 0) certain = 0;
    for (j = 0; j < cc.k && j < MAXART; j++) {
      int f = -1;
      if (j > 0) check(cc.id[j] > cc.id[j - 1]);                /* article id order */
      check(cc.n[j] > 0);
      sum += cc.n[j];
      for (i = 0; i < c->n; i++) if (c->a[i].id == cc.id[j]) f = i;
      check(f >= 0);
      if (f < 0) continue;
      check(want[f] != 0);
      if (want[f] == 1) {
        checkint(cc.n[j], wn[f]);
        if (cc.n[j] != wn[f]) fprintf(stderr, "  article %lld\n", (long long)cc.id[j]);
      }
    }
    checkint(total, sum);
    checkint(narts, cc.k);
    if (certain) {
      checkint(total, wtotal);
      checkint(narts, nwant);
    }
  }
  if (check_failures != before) fprintf(stderr, "  ^ query '%s' (oracle %s)\n", q, sx);
  if (getenv("TIFA_TEST_VERBOSE"))
    fprintf(stderr, "query %-24s oracle %d articles, %lld matches; got %d hits, count %lld\n", q, nwant,
            (long long)wtotal, h.n, (long long)total);
  freehits(&h);
  free(sp);
}

/* }====== */

/* {====== Tokens ====== */

typedef struct tok { char t[32]; int s, e, prefix; } tok;
typedef struct toks { tok v[MAXTOK]; int n; int stopat, stoprc; int len, bad; } toks;

static int ontok (void *ud, const char *t, int len, int start, int end, int prefix) {
  toks *c = (toks *)ud;
  if (start < 0 || end > c->len || start >= end || len <= 0) c->bad = 1;
  if (c->n < MAXTOK) {
    tok *k = &c->v[c->n];
    memcpy(k->t, t, (size_t)(len > 0 && len < 31 ? len : 0));
    k->t[len > 0 && len < 31 ? len : 0] = 0;
    k->s = start; k->e = end; k->prefix = prefix;
  }
  c->n++;
  if (c->stopat && c->n == c->stopat) return c->stoprc;
  return 0;
}

/* Tokenize a copy of text[0..len) in an exact-size heap block (so ASan sees any read past
** the end) and compare with 'want': "tok@start-end" items, "*" after a prefix token. */
static void checktoks (const char *text, int len, int flags, const char *want) {
  char *copy = (char *)malloc(len > 0 ? (size_t)len : 1);
  toks c;
  char got[2048];
  size_t g = 0;
  int i, rc;
  memcpy(copy, text, (size_t)len);
  memset(&c, 0, sizeof(c));
  c.len = len;
  rc = tifai_tokens(copy, len, flags, ontok, &c);
  checkint(rc, 0);
  check(!c.bad);
  got[0] = 0;
  for (i = 0; i < c.n && i < MAXTOK; i++)
    g += (size_t)snprintf(got + g, sizeof(got) - g, "%s%s@%d-%d%s", i ? " " : "", c.v[i].t,
                          c.v[i].s, c.v[i].e, c.v[i].prefix ? "*" : "");
  checkstr(got, want);
  free(copy);
}

/* Invalid input: only check that every token lies inside the input (ASan checks reads). */
static void checktoks_bad (const char *text, int len, int flags) {
  char *copy = (char *)malloc(len > 0 ? (size_t)len : 1);
  toks c;
  memcpy(copy, text, (size_t)len);
  memset(&c, 0, sizeof(c));
  c.len = len;
  checkint(tifai_tokens(copy, len, flags, ontok, &c), 0);
  check(!c.bad);
  free(copy);
}

static void test_tokens (void) {
  toks c;
  const int Q = TIFAI_TOK_QUERY;
  /* documents: one token per character; the last character of a run alone */
  checktoks("中华人民", 12, 0, "中华@0-6 华人@3-9 人民@6-12 民@9-12");
  checktoks("5G网络", 8, 0, "5g@0-2 g网@1-5 网络@2-8 络@5-8");
  checktoks("APEC会议", 10, 0, "ap@0-2 pe@1-3 ec@2-4 c会@3-7 会议@4-10 议@7-10");
  checktoks("12306", 5, 0, "12@0-2 23@1-3 30@2-4 06@3-5 6@4-5");
  checktoks("发展，改革", 15, 0, "发展@0-6 展@3-6 改革@9-15 革@12-15");
  checktoks("发展, 改革。", 17, 0, "发展@0-6 展@3-6 改革@8-14 革@11-14");
  checktoks("COVID-19", 8, 0, "co@0-2 ov@1-3 vi@2-4 id@3-5 d@4-5 19@6-8 9@7-8");
  checktoks("a_b c", 5, 0, "a@0-1 b@2-3 c@4-5");
  checktoks("中", 3, 0, "中@0-3");
  checktoks("a", 1, 0, "a@0-1");
  checktoks("ひらがな", 12, 0, "ひら@0-6 らが@3-9 がな@6-12 な@9-12");
  checktoks("𠮷野家", 10, 0, "𠮷野@0-7 野家@4-10 家@7-10");
  checktoks("", 0, 0, "");
  checktoks("，。！ ", 10, 0, "");
  /* the length bounds the text, not a NUL */
  checktoks("中华人民", 6, 0, "中华@0-6 华@3-6");
  /* query form: no trailing single at the end of the input; a one-character final run
  ** is handed over as a prefix */
  checktoks("中华人民", 12, Q, "中华@0-6 华人@3-9 人民@6-12");
  checktoks("5G网络", 8, Q, "5g@0-2 g网@1-5 网络@2-8");
  checktoks("APEC会议", 10, Q, "ap@0-2 pe@1-3 ec@2-4 c会@3-7 会议@4-10");
  checktoks("发展，改革", 15, Q, "发展@0-6 展@3-6 改革@9-15");
  checktoks("发展，改", 12, Q, "发展@0-6 展@3-6 改@9-12*");
  checktoks("改，发展", 12, Q, "改@0-3 发展@6-12");
  checktoks("中", 3, Q, "中@0-3*");
  checktoks("中，", 6, Q, "中@0-3");
  checktoks("", 0, Q, "");
  /* invalid UTF-8: nothing read past the end, every token inside the input */
  checktoks_bad("\xFF", 1, 0);
  checktoks_bad("\xFF", 1, Q);
  checktoks_bad("中\xE4", 4, 0);
  checktoks_bad("中\xE4\xB8", 5, Q);
  checktoks_bad("ab\xF0\x9F", 4, 0);
  checktoks_bad("\xC3", 1, Q);
  checktoks_bad("a\x80\x80\x80z", 5, 0);
  checktoks_bad("\xED\xA0\x80中", 6, 0);                       /* a surrogate */
  checktoks_bad("\xF4\x90\x80\x80", 4, Q);                     /* beyond U+10FFFF */
  checktoks_bad("\xE4\xB8\xAD\xE5", 4, Q);
  /* a non-zero return from the callback stops and is returned */
  memset(&c, 0, sizeof(c));
  c.len = 12; c.stopat = 2; c.stoprc = 77;
  checkint(tifai_tokens("中华人民", 12, 0, ontok, &c), 77);
  checkint(c.n, 2);
}

/* }====== */

/* {====== Query compiler ====== */

/* Outside double quotes the MATCH expression may hold only FTS5 syntax: operators, column
** names, parentheses, commas, digits, '*', '+', ':', '{', '}', '^' and spaces. */
static int safematch (const char *m) {
  const char *p = m;
  while (*p) {
    if (*p == '"') {
      p++;
      for (;;) {
        if (*p == 0) return 0;                                  /* unterminated */
        if (*p == '"') { if (p[1] == '"') p += 2; else { p++; break; } }
        else p++;
      }
    }
    else if (strchr(" (),*+:{}^0123456789", *p)) p++;
    else {
      static const char *const words[] = {"AND", "OR", "NOT", "NEAR", "title", "text", NULL};
      int i, ok = 0;
      for (i = 0; words[i]; i++) {
        size_t n = strlen(words[i]);
        if (strncmp(p, words[i], n) == 0 && !((p[n] >= 'A' && p[n] <= 'Z') || (p[n] >= 'a' && p[n] <= 'z'))) {
          p += n; ok = 1; break;
        }
      }
      if (!ok) return 0;
    }
  }
  return 1;
}

/* FTS5 accepts 'm' (no syntax error, so no user text was taken as syntax). */
static int fts5accepts (sqlite3 *db, const char *m) {
  sqlite3_stmt *st = NULL;
  int rc = sqlite3_prepare_v2(db, "SELECT count(*) FROM article_fts WHERE article_fts MATCH ?", -1, &st, NULL);
  if (rc == SQLITE_OK) {
    sqlite3_bind_text(st, 1, m, -1, SQLITE_TRANSIENT);
    rc = sqlite3_step(st);
  }
  if (rc != SQLITE_ROW) fprintf(stderr, "  fts5 refuses '%s': %s\n", m, sqlite3_errmsg(db));
  sqlite3_finalize(st);
  return rc == SQLITE_ROW;
}

static void parse_ok (sqlite3 *db, const char *q) {
  tifai_query *t = NULL;
  char err[TIFA_ERRMAX] = "";
  int rc = tifai_query_parse(q, 0, &t, err, sizeof(err));
  checkint(rc, TIFA_OK);
  if (rc != TIFA_OK) fprintf(stderr, "  query '%s': %s\n", q, err);
  if (rc == TIFA_OK && t != NULL) {
    const char *m = tifai_query_match(t);
    check(m != NULL && *m);
    if (m) {
      check(safematch(m));
      if (!safematch(m)) fprintf(stderr, "  query '%s' gives MATCH '%s'\n", q, m);
      check(fts5accepts(db, m));
    }
  }
  tifai_query_free(t);
}

static void parse_bad (tifa_store *s, const char *q) {
  tifai_query *t = NULL;
  char err[TIFA_ERRMAX] = "";
  int64_t total = 0, arts = 0;
  hits h;
  int rc = tifai_query_parse(q, 0, &t, err, sizeof(err));
  checkint(rc, TIFA_SYNTAX);
  check(strncmp(err, "malformed query:", 16) == 0);
  if (rc != TIFA_SYNTAX || strncmp(err, "malformed query:", 16) != 0)
    fprintf(stderr, "  query '%s' -> %d '%s'\n", q, rc, err);
  if (rc == TIFA_OK) tifai_query_free(t);
  memset(&h, 0, sizeof(h));
  rc = dosearch(s, q, 10, 0, &h);
  checkint(rc, TIFA_SYNTAX);
  check(strncmp(tifa_store_errmsg(s), "malformed query:", 16) == 0);
  checkint(h.n, 0);
  freehits(&h);
  checkint(tifa_store_count(s, q, &total, &arts, NULL, NULL), TIFA_SYNTAX);
  check(strncmp(tifa_store_errmsg(s), "malformed query:", 16) == 0);
}

/* Either accepted with a safe MATCH, or refused as malformed. */
static void parse_any (sqlite3 *db, const char *q) {
  tifai_query *t = NULL;
  char err[TIFA_ERRMAX] = "";
  int rc = tifai_query_parse(q, 0, &t, err, sizeof(err));
  check(rc == TIFA_OK || rc == TIFA_SYNTAX);
  if (rc == TIFA_OK) {
    const char *m = tifai_query_match(t);
    check(m != NULL && safematch(m));
    if (m && !safematch(m)) fprintf(stderr, "  query '%s' gives MATCH '%s'\n", q, m);
    if (m) check(fts5accepts(db, m));
  }
  else check(strncmp(err, "malformed query:", 16) == 0);
  tifai_query_free(t);
}

/* 100000 nested parentheses: TIFA_OK or TIFA_SYNTAX, never a crash (run in a child). */
static void deepquery (void) {
  size_t depth = 100000, i;
  char *q = (char *)malloc(2 * depth + 16), *p = q;
  tifai_query *t = NULL;
  char err[TIFA_ERRMAX];
  int rc;
  for (i = 0; i < depth; i++) *p++ = '(';
  memcpy(p, "发展", 6); p += 6;
  for (i = 0; i < depth; i++) *p++ = ')';
  *p = 0;
  rc = tifai_query_parse(q, 0, &t, err, sizeof(err));
  tifai_query_free(t);
  free(q);
  if (rc != TIFA_OK && rc != TIFA_SYNTAX) _exit(2);
}

static void test_queries (tifa_store *s) {
  sqlite3 *db = tifa_store_sqlite(s);
  tifai_query *t = NULL;
  char err[16];
  tifai_buf offs = TIFAI_BUF_INIT, toffs = TIFAI_BUF_INIT;
  int rc;
  static const char *const good[] = {
    "发展", "发", "高质量 发展", "\"高质量 发展\"", "发展 AND 改革", "发展 OR 改革", "发展 NOT 改革",
    "(发展 OR 改革) 安全", "((发展))", "NEAR(乡村 振兴, 5)", "NEAR(乡村 振兴 发展, 10)", "5G网络",
    "APEC会议", "ＡＰＥＣ", "12306", "AI+制造", "发展*", "a*b", "x^y", "title:发展", "text:发展",
    "\"发展 AND 改革\"", "\"a*b\"", "\"x^y\"", "\"title:发展\"", "\"(发展\"", "\"发展)\"", "\"NEAR(a b, 5)\"",
    "\"OR\"", "\"NOT\"", "\"AND\"", "NEAR发展", "发展NEAR", "NEARBY", "ORDER", "ANDROID", "NOTE",
    "and", "or", "not", "near", "\"');DROP TABLE article;--\"",
    "a:b", "{title}", "-发展", "发展-", "+发展", "发展^2", "\"a\" \"b\"", "𠮷", "中\t华", "发展 OR 改革 OR 安全",
    "发展 改革 NOT 安全 OR 数字", "NEAR(\"高质量 发展\" 改革, 3)", NULL};
  static const char *const bad[] = {
    "", " ", "   \t ", "(发展", "发展)", "(发展 OR 改革", "发展) OR (改革", "((发展)", "()",
    "\"发展", "NOT 发展", "NOT", "(NOT 发展)", "发展 OR NOT 改革", "发展 NOT", "发展 AND",
    "AND 发展", "OR 发展", "发展 OR", "发展 AND OR 改革", "NEAR(发展, 5)", "NEAR(发展 改革, x)",
    "NEAR(发展 改革, )", "NEAR(发展 改革, 5", "NEAR()", "，", "!!!", "。。。", "\"，\"", "（）",
    "发展 \xFF", "\xE4\xB8", "发\xC0\xAF展",
    /* regression: an unterminated quote after a term was accepted and the quoted term
    ** dropped ('a "b' -> MATCH "a"*) */
    "发展 \"改革", "a \"b",
    NULL};
  static const char *const any[] = {
    "'); DROP TABLE x; --", "发展\"改革", "NEAR(乡村 振兴)", "NEAR(发展 改革, -1)", "NEAR(发展 改革, 2.5)",
    "x'); DROP TABLE article; --y", "发展 NOT 改革 NOT 安全", "\"a\"\"b\"", "NEAR (乡村 振兴, 5)",
    "near(乡村 振兴, 5)", "发展 and 改革", "NOT发展", "\"\"",
    "发展 ，", "a !",               /* punctuation-only terms: refused only when nothing else is searchable */
    NULL};
  int i;
  for (i = 0; good[i]; i++) parse_ok(db, good[i]);
  for (i = 0; bad[i]; i++) parse_bad(s, bad[i]);
  for (i = 0; any[i]; i++) parse_any(db, any[i]);
  check(dbint(s, "SELECT count(*) FROM article") > 0);          /* nothing was dropped */
  /* regression: the parser recursed once per parenthesis with no depth limit, and 100000
  ** nested parentheses around 发展 overflowed the stack; now refused past 64 levels */
  check(survives(deepquery));
  {                                                   /* long inputs: no crash, sane results */
    size_t k, m = 0;
    char *q = (char *)malloc(40000);
    hits h;
    for (k = 0; k < 3000; k++) m += (size_t)snprintf(q + m, 40000 - m, "发展");
    memset(&h, 0, sizeof(h));
    rc = dosearch(s, q, 10, 0, &h);
    check(rc == TIFA_OK || rc == TIFA_TOOBIG || rc == TIFA_SYNTAX);
    checkint(h.n, 0);
    freehits(&h);
    for (m = 0, k = 0; k < 3000; k++) m += (size_t)snprintf(q + m, 40000 - m, "发展 ");
    rc = dosearch(s, q, 10, 0, &h);
    check(rc == TIFA_OK || rc == TIFA_TOOBIG || rc == TIFA_SYNTAX);
    if (rc != TIFA_OK) check(tifa_store_errmsg(s)[0] != 0);
    freehits(&h);
    free(q);
  }
  /* the message goes into the caller's buffer, truncated and NUL-terminated */
  memset(err, 'x', sizeof(err));
  checkint(tifai_query_parse("(发展", 0, &t, err, sizeof(err)), TIFA_SYNTAX);
  check(memchr(err, 0, sizeof(err)) != NULL);
  check(strncmp(err, "malformed query:", sizeof(err) - 1) == 0);
  /* verify: offsets in characters, sorted (taken as int64 start/end pairs, like tifa_hit) */
  if (tifai_query_parse("发展", 0, &t, err, sizeof(err)) == TIFA_OK) {
    const char *x = "𠮷高质量发展，推动发展";
    checkint(tifai_query_verify(t, "标题", 6, x, strlen(x), &offs, &toffs), 1);
    checkint(offs.len, 4 * sizeof(int64_t));
    if (offs.len == 4 * sizeof(int64_t)) {
      const int64_t *o = (const int64_t *)(const void *)offs.p;
      checkint(o[0], 4); checkint(o[1], 6); checkint(o[2], 9); checkint(o[3], 11);
    }
    checkint(toffs.len, 0);
    tifai_buf_reset(&offs); tifai_buf_reset(&toffs);
    checkint(tifai_query_verify(t, "发展规划", 12, "无关", 6, &offs, &toffs), 1);
    checkint(toffs.len, 2 * sizeof(int64_t));
    tifai_buf_reset(&offs); tifai_buf_reset(&toffs);
    checkint(tifai_query_verify(t, "", 0, "展发 发，展", strlen("展发 发，展"), &offs, &toffs), 0);
    tifai_query_free(t);
  }
  else check(0);
  tifai_buf_reset(&offs); tifai_buf_reset(&toffs);
  if (tifai_query_parse("发展 NOT 改革", 0, &t, err, sizeof(err)) == TIFA_OK) {
    checkint(tifai_query_verify(t, "", 0, "发展改革", 12, &offs, &toffs), 0);
    tifai_buf_reset(&offs); tifai_buf_reset(&toffs);
    checkint(tifai_query_verify(t, "", 0, "发展", 6, &offs, &toffs), 1);
    tifai_query_free(t);
  }
  else check(0);
  /* a punctuation-only term next to another term, when accepted, still has to occur */
  tifai_buf_reset(&offs); tifai_buf_reset(&toffs);
  if (tifai_query_parse("发展 ，", 0, &t, NULL, 0) == TIFA_OK) {
    checkint(tifai_query_verify(t, "", 0, "发展", 6, &offs, &toffs), 0);
    tifai_query_free(t);
  }
  /* regression: '发展 "改革' was accepted with its quoted term dropped, so "发展" matched */
  tifai_buf_reset(&offs); tifai_buf_reset(&toffs);
  if (tifai_query_parse("发展 \"改革", 0, &t, NULL, 0) == TIFA_OK) {
    checkint(tifai_query_verify(t, "", 0, "发展", 6, &offs, &toffs), 0);
    tifai_query_free(t);
  }
  tifai_buf_free(&offs);
  tifai_buf_free(&toffs);
}

/* }====== */

/* {====== Ingest ====== */

typedef struct fileinfo {
  int calls;
  char path[512], message[512], encoding[64], format[32];
  int outcome, rc;
  uint64_t size;
  long articles, records_failed;
} fileinfo;

static void onfile (void *ud, const tifa_ingest_file *f) {
  fileinfo *fi = (fileinfo *)ud;
  fi->calls++;
  snprintf(fi->path, sizeof(fi->path), "%s", f->path ? f->path : "(null)");
  snprintf(fi->message, sizeof(fi->message), "%s", f->message ? f->message : "(null)");
  snprintf(fi->encoding, sizeof(fi->encoding), "%s", f->encoding ? f->encoding : "(null)");
  snprintf(fi->format, sizeof(fi->format), "%s", f->format ? f->format : "(null)");
  fi->outcome = f->outcome;
  fi->rc = f->rc;
  fi->size = f->size;
  fi->articles = f->articles;
  fi->records_failed = f->records_failed;
}

/* Ingest a buffer; '*fi' gets the last on_file call. */
static tifa_ingest_report *fedr;            /* ingest() adds the bytes fed with this report */
static uint64_t fed, fedstored;            /* all bytes fed; those of added or replaced files */

static int ingest (tifa_store *s, const char *name, const void *data, size_t len, const char *format,
                   int dry, fileinfo *fi, tifa_ingest_report *r) {
  tifa_ingest_opts o;
  int rc;
  if (r == fedr) fed += len;
  memset(&o, 0, sizeof(o));
  memset(fi, 0, sizeof(*fi));
  o.format = format;
  o.dry_run = dry;
  o.on_file = onfile;
  o.ud = fi;
  rc = tifa_store_ingest_buffer(s, name, data, len, &o, r);
  if (r == fedr && (fi->outcome == TIFA_INGEST_ADDED || fi->outcome == TIFA_INGEST_REPLACED)) fedstored += len;
  return rc;
}

/* UTF-8 text to UTF-16 with a BOM; returns malloc'ed bytes and their number in '*n'. */
static char *utf16 (const char *s, int be, size_t *n) {
  size_t len = strlen(s), k, m = 0, i;
  uint32_t *u = (uint32_t *)malloc((len + 1) * sizeof(uint32_t));
  unsigned char *o = (unsigned char *)malloc(4 * len + 2);
  uint16_t w[2];
  k = decode(s, len, u);
  o[m++] = be ? 0xFE : 0xFF; o[m++] = be ? 0xFF : 0xFE;
  for (i = 0; i < k; i++) {
    int nw = 1, j;
    if (u[i] >= 0x10000) {
      w[0] = (uint16_t)(0xD800 + ((u[i] - 0x10000) >> 10));
      w[1] = (uint16_t)(0xDC00 + ((u[i] - 0x10000) & 0x3FF));
      nw = 2;
    }
    else w[0] = (uint16_t)u[i];
    for (j = 0; j < nw; j++) {
      if (be) { o[m++] = (unsigned char)(w[j] >> 8); o[m++] = (unsigned char)(w[j] & 0xFF); }
      else { o[m++] = (unsigned char)(w[j] & 0xFF); o[m++] = (unsigned char)(w[j] >> 8); }
    }
  }
  free(u);
  *n = m;
  return (char *)o;
}

/* UTF-8 to GB18030 with glibc's iconv; NULL if unavailable. */
static char *gb18030 (const char *s, size_t *n) {
  iconv_t cd = iconv_open("GB18030", "UTF-8");
  size_t inl = strlen(s), outl = 4 * inl + 4, cap = outl;
  char *out, *op, *ip = (char *)s;
  if (cd == (iconv_t)-1) return NULL;
  out = op = (char *)malloc(cap);
  if (iconv(cd, &ip, &inl, &op, &outl) == (size_t)-1) { free(out); out = NULL; }
  else *n = cap - outl;
  iconv_close(cd);
  return out;
}

/* The message starts "invalid UTF-8 at byte N" for exactly this N. */
static int badbyte (const char *msg, long n) {
  char want[64];
  size_t k = (size_t)snprintf(want, sizeof(want), "invalid UTF-8 at byte %ld", n);
  return strncmp(msg, want, k) == 0 && !(msg[k] >= '0' && msg[k] <= '9');
}

static void test_ingest (void) {
  char path[512];
  char err[TIFA_ERRMAX];
  tifa_store *s = NULL, *ro = NULL;
  tifa_ingest_report r, d;
  fileinfo fi;
  long arts = 0;
  int rc;
  size_t n;
  char *b;
  const char *u8 = "关于做好春运工作的通知\n各地要做好春运期间购票服务保障工作。\n";
  const char *bom = "\xEF\xBB\xBF" "关于进一步优化营商环境的意见\n一、总体要求\n";
  const char *u16 = "中华人民共和国政府信息公开条例\n第一条　为了保障公民依法获取政府信息，制定本条例。\n附：生僻字𠮷\n";
  const char *gbtext = "政府工作报告\n国内生产总值超过126万亿元，增长5.2%。\n生僻字“𠮷”在GB18030中占四个字节。\n";
  const char *jsonl =
    "{\"title\":\"第一篇文章\",\"text\":\"批量导入甲乙丙。\"}\n"
    "{\"title\":\"第二篇文章\",\"text\":\"批量导入丁戊己。\"}\n"
    "{\"title\":\"第三篇文章\",\"text\":\"批量导入庚辛壬。\"}\n";
  const char *csv = "标题,正文\n表格标题一,表格正文子丑寅。\n表格标题二,表格正文卯辰巳。\n";
  const char *badjson = "{\"title\":\"坏文件第一篇\",\"text\":\"坏文件正文第一段。\"}\n{bad json\n"
                        "{\"title\":\"坏文件第三篇\",\"text\":\"坏文件正文第三段。\"}\n";

  tmppath(path, sizeof(path), "ingest.db");
  rc = tifa_store_open(path, TIFA_OPEN_CREATE, &s, err, sizeof(err));
  checkint(rc, TIFA_OK);
  if (rc != TIFA_OK) return;
  memset(&r, 0, sizeof(r));
  fedr = &r;
  fed = fedstored = 0;

  /* UTF-8 */
  rc = ingest(s, "u8.txt", u8, strlen(u8), NULL, 0, &fi, &r);
  checkint(rc, TIFA_OK);
  checkint(fi.calls, 1);
  checkstr(fi.path, "u8.txt");
  checkint(fi.outcome, TIFA_INGEST_ADDED);
  checkint(fi.rc, TIFA_OK);
  checkstr(fi.message, "");
  checkstr(fi.encoding, "UTF-8");
  checkstr(fi.format, "text");
  checkint(fi.size, strlen(u8));
  checkint(fi.articles, 1);
  arts += 1;
  checkint(nhits(s, "购票服务"), 1);
  checkint(dbint(s, "SELECT count(*) FROM article"), 1);

  /* UTF-8 with a BOM */
  rc = ingest(s, "bom.txt", bom, strlen(bom), NULL, 0, &fi, &r);
  checkint(rc, TIFA_OK);
  checkint(fi.outcome, TIFA_INGEST_ADDED);
  checkstr(fi.encoding, "UTF-8-BOM");
  checkint(fi.articles, 1);
  arts += 1;
  checkint(nhits(s, "营商环境"), 1);
  checkint(dbint(s, "SELECT count(*) FROM article WHERE instr(title || text, char(65279)) > 0"), 0);

  /* UTF-16LE and BE with a BOM */
  b = utf16(u16, 0, &n);
  rc = ingest(s, "le.txt", b, n, NULL, 0, &fi, &r);
  checkint(rc, TIFA_OK);
  checkint(fi.outcome, TIFA_INGEST_ADDED);
  checkstr(fi.encoding, "UTF-16LE");
  checkint(fi.size, n);
  arts += 1;
  free(b);
  b = utf16(u16, 1, &n);
  rc = ingest(s, "be.txt", b, n, NULL, 0, &fi, &r);
  checkint(rc, TIFA_OK);
  checkint(fi.outcome, TIFA_INGEST_ADDED);
  checkstr(fi.encoding, "UTF-16BE");
  arts += 1;
  free(b);
  checkint(nhits(s, "政府信息公开条例"), 2);
  checkint(ntotal(s, "𠮷"), 2);
  checkint(nhits(s, "生僻字𠮷"), 2);

  /* GB18030, made with iconv */
  b = gb18030(gbtext, &n);
  check(b != NULL);
  if (b) {
    rc = ingest(s, "gb.txt", b, n, NULL, 0, &fi, &r);
    checkint(rc, TIFA_OK);
    checkint(fi.outcome, TIFA_INGEST_ADDED);
    checkstr(fi.encoding, "GB18030");
    arts += 1;
    checkint(nhits(s, "126万亿元"), 1);
    checkint(ntotal(s, "𠮷"), 3);
    checkint(nhits(s, "gb18030"), 1);
    free(b);
  }

  /* invalid UTF-8: refused, with the byte offset of the bad byte */
  rc = ingest(s, "bad1.txt", S("ab\xFF" "cd"), NULL, 0, &fi, &r);
  checkint(rc, TIFA_ERROR);
  checkint(fi.outcome, TIFA_INGEST_FAILED);
  check(badbyte(fi.message, 2));
  if (!badbyte(fi.message, 2)) fprintf(stderr, "  message: '%s'\n", fi.message);
  check(fi.rc != TIFA_OK);
  rc = ingest(s, "bad2.txt", S("国务院通知\n中华人民\xFF共和国\n"), NULL, 0, &fi, &r);
  checkint(rc, TIFA_ERROR);
  checkint(fi.outcome, TIFA_INGEST_FAILED);
  check(badbyte(fi.message, 28));
  if (!badbyte(fi.message, 28)) fprintf(stderr, "  message: '%s'\n", fi.message);
  checkint(fi.rc, TIFA_ENCODING);
  rc = ingest(s, "bad3.txt", S("中华人民共和国\n国务院\xE4\xBB"), NULL, 0, &fi, &r);
  checkint(rc, TIFA_ERROR);
  checkint(fi.outcome, TIFA_INGEST_FAILED);
  check(strstr(fi.message, "UTF-8 at byte 31") != NULL);
  if (strstr(fi.message, "UTF-8 at byte 31") == NULL) fprintf(stderr, "  message: '%s'\n", fi.message);
  checkint(nhits(s, "国务院"), 0);
  checkint(dbint(s, "SELECT count(*) FROM file WHERE path LIKE 'bad%'"), 0);

  /* NUL bytes and empty input: skipped, which is not an error */
  rc = ingest(s, "nul.txt", S("abc\0def"), NULL, 0, &fi, &r);
  checkint(rc, TIFA_OK);
  checkint(fi.outcome, TIFA_INGEST_SKIPPED);
  check(fi.message[0] != 0);
  checkint(fi.articles, 0);
  rc = ingest(s, "empty.txt", "", 0, NULL, 0, &fi, &r);
  checkint(rc, TIFA_OK);
  checkint(fi.outcome, TIFA_INGEST_SKIPPED);
  checkint(fi.articles, 0);

  /* the same name and bytes again: unchanged */
  rc = ingest(s, "u8.txt", u8, strlen(u8), NULL, 0, &fi, &r);
  checkint(rc, TIFA_OK);
  checkint(fi.outcome, TIFA_INGEST_UNCHANGED);
  checkint(nhits(s, "购票服务"), 1);
  checkint(dbint(s, "SELECT count(*) FROM article"), arts);

  /* the same name with other bytes: replaced, the old text gone */
  rc = ingest(s, "rep.txt", S("替换前的旧文本内容\n"), NULL, 0, &fi, &r);
  checkint(rc, TIFA_OK);
  checkint(fi.outcome, TIFA_INGEST_ADDED);
  arts += 1;
  checkint(nhits(s, "旧文本"), 1);
  rc = ingest(s, "rep.txt", S("替换后的新文本内容\n"), NULL, 0, &fi, &r);
  checkint(rc, TIFA_OK);
  checkint(fi.outcome, TIFA_INGEST_REPLACED);
  checkint(fi.articles, 1);
  checkint(nhits(s, "旧文本"), 0);
  checkint(ntotal(s, "旧文本"), 0);
  checkint(nhits(s, "新文本"), 1);
  checkint(dbint(s, "SELECT count(*) FROM article"), arts);
  /* a failed replacement leaves the stored version */
  rc = ingest(s, "rep.txt", S("坏\xFF"), NULL, 0, &fi, &r);
  checkint(rc, TIFA_ERROR);
  checkint(fi.outcome, TIFA_INGEST_FAILED);
  checkint(nhits(s, "新文本"), 1);

  /* formats by name and by extension */
  rc = ingest(s, "batch.dat", jsonl, strlen(jsonl), "jsonl", 0, &fi, &r);
  checkint(rc, TIFA_OK);
  checkint(fi.outcome, TIFA_INGEST_ADDED);
  checkstr(fi.format, "jsonl");
  checkint(fi.articles, 3);
  arts += 3;
  checkint(nhits(s, "批量导入"), 3);
  checkint(nhits(s, "第二篇文章"), 1);
  rc = ingest(s, "t.csv", csv, strlen(csv), NULL, 0, &fi, &r);
  checkint(rc, TIFA_OK);
  checkstr(fi.format, "csv");
  checkint(fi.articles, 2);
  arts += 2;
  checkint(nhits(s, "表格正文"), 2);
  rc = ingest(s, "t2.dat", csv, strlen(csv), "csv", 0, &fi, &r);
  checkint(rc, TIFA_OK);
  checkstr(fi.format, "csv");
  checkint(fi.articles, 2);
  arts += 2;
  rc = ingest(s, "a.md", S("# 标题甲\n\n正文乙丙丁。\n"), NULL, 0, &fi, &r);
  checkint(rc, TIFA_OK);
  checkstr(fi.format, "markdown");
  arts += 1;
  /* a JSON Lines file with a broken line: the line is left out (a record failed, the call
  ** returns TIFA_ERROR), the others are stored (issue 18) */
  rc = ingest(s, "bad.jsonl", badjson, strlen(badjson), NULL, 0, &fi, &r);
  checkint(rc, TIFA_ERROR);
  checkint(fi.outcome, TIFA_INGEST_ADDED);
  checkint(fi.articles, 2);
  checkint(fi.records_failed, 1);
  checkint(nhits(s, "坏文件"), 2);
  arts += 2;
  checkint(dbint(s, "SELECT count(*) FROM article"), arts);

  /* report totals, added up over the calls */
  checkint(r.files, 19);
  checkint(r.added, 11);
  checkint(r.replaced, 1);
  checkint(r.unchanged, 1);
  checkint(r.skipped, 2);
  checkint(r.failed, 4);
  checkint(r.records_failed, 1);
  checkint(r.articles, arts + 1);                               /* + the replacement */
  /* "bytes read": files found unchanged, skipped or refused were read too (their SHA-256 or
  ** encoding had to be computed), but the header leaves open whether they count */
  check(r.bytes >= fedstored && r.bytes <= fed);
  checkint(dbint(s, "SELECT count(*) FROM article"), arts);

  /* dry run: everything read and cut, nothing stored */
  memset(&d, 0, sizeof(d));
  rc = ingest(s, "dry.jsonl", jsonl, strlen(jsonl), NULL, 1, &fi, &d);
  checkint(rc, TIFA_OK);
  checkint(fi.articles, 3);
  check(fi.outcome == TIFA_INGEST_ADDED);
  checkint(d.files, 1);
  checkint(dbint(s, "SELECT count(*) FROM article"), arts);
  checkint(dbint(s, "SELECT count(*) FROM file WHERE path = 'dry.jsonl'"), 0);
  rc = ingest(s, "dry.txt", S("试运行专用文本\n"), NULL, 1, &fi, &d);
  checkint(nhits(s, "试运行专用"), 0);
  rc = ingest(s, "dry.txt", S("试运行专用文本\n"), NULL, 0, &fi, &d);
  checkint(fi.outcome, TIFA_INGEST_ADDED);                     /* the dry run stored nothing */
  checkint(nhits(s, "试运行专用"), 1);

  /* pending index: flushing leaves nothing pending and everything still found */
  check(tifai_index_pending(s) == 0 || tifai_index_pending(s) == 1);
  checkint(tifai_index_flush(s), TIFA_OK);
  checkint(tifai_index_pending(s), 0);
  checkint(nhits(s, "批量导入"), 3);
  check(ftsintact(s));
  /* replacing a file whose article was never indexed */
  rc = sqlite3_exec(tifa_store_sqlite(s),
    "BEGIN;"
    "INSERT INTO file (path, size, sha256, encoding, format, ingested, raw) VALUES ('p2.txt', 18,"
    " '0000000000000000000000000000000000000000000000000000000000000000', 'UTF-8', 'text',"
    " '2024-01-01T00:00:00Z', x'00');"
    "INSERT INTO article (file_id, seq, title, text, byte_start, byte_end, line_start, line_end, nchars)"
    " VALUES (last_insert_rowid(), 0, '待索引旧版', '待索引旧版', 0, 15, 1, 1, 5);"
    "COMMIT;", NULL, NULL, NULL);
  checkint(rc, SQLITE_OK);
  checkint(tifai_index_pending(s), 1);
  checkint(nhits(s, "待索引旧版"), 1);
  memset(&d, 0, sizeof(d));
  rc = ingest(s, "p2.txt", S("待索引新版\n"), NULL, 0, &fi, &d);
  checkint(rc, TIFA_OK);
  checkint(fi.outcome, TIFA_INGEST_REPLACED);
  checkint(nhits(s, "待索引旧版"), 0);
  checkint(nhits(s, "待索引新版"), 1);
  checkint(tifai_index_flush(s), TIFA_OK);
  checkint(tifai_index_pending(s), 0);
  checkint(nhits(s, "待索引旧版"), 0);
  checkint(nhits(s, "待索引新版"), 1);
  check(ftsintact(s));
  tifa_store_close(s);

  /* read-only: searches work, ingest is refused */
  rc = tifa_store_open(path, TIFA_OPEN_READONLY, &ro, err, sizeof(err));
  checkint(rc, TIFA_OK);
  if (rc == TIFA_OK) {
    checkint(tifa_store_readonly(ro), 1);
    checkstr(tifa_store_path(ro), path);
    checkint(nhits(ro, "批量导入"), 3);
    memset(&d, 0, sizeof(d));
    rc = ingest(ro, "new.txt", S("只读库不能写入\n"), NULL, 0, &fi, &d);
    checkint(rc, TIFA_READONLY);
    checkint(nhits(ro, "只读库"), 0);
    tifa_store_close(ro);
  }
}

static tifa_store *stopstore;

static void stopfile (void *ud, const tifa_ingest_file *f) {
  (void)ud; (void)f;
  tifa_store_interrupt(stopstore);
}

/* A directory: recursive, hidden entries left out; the stored path is absolute. */
static void test_ingest_dir (void) {
  char dbp[512], dir[512], p[1200], rp[4096];
  char err[TIFA_ERRMAX];
  tifa_store *s = NULL;
  tifa_ingest_report r;
  tifa_ingest_opts o;
  fileinfo fi;
  FILE *f;
  const char *data = getenv("TIFA_DATA");
  int rc;
  tmppath(dbp, sizeof(dbp), "dir.db");
  tmppath(dir, sizeof(dir), "docs");
  snprintf(p, sizeof(p), "mkdir -p '%s/sub' '%s/.hid'", dir, dir);
  check(system(p) == 0);
  snprintf(p, sizeof(p), "%s/a.txt", dir);
  if ((f = fopen(p, "w")) != NULL) { fputs("目录甲\n目录文件甲的正文。\n", f); fclose(f); }
  snprintf(p, sizeof(p), "%s/sub/b.md", dir);
  if ((f = fopen(p, "w")) != NULL) { fputs("# 目录乙\n\n目录文件乙的正文。\n", f); fclose(f); }
  snprintf(p, sizeof(p), "%s/.c.txt", dir);
  if ((f = fopen(p, "w")) != NULL) { fputs("隐藏文件的正文。\n", f); fclose(f); }
  snprintf(p, sizeof(p), "%s/.hid/d.txt", dir);
  if ((f = fopen(p, "w")) != NULL) { fputs("隐藏目录的正文。\n", f); fclose(f); }
  rc = tifa_store_open(dbp, TIFA_OPEN_CREATE, &s, err, sizeof(err));
  checkint(rc, TIFA_OK);
  if (rc != TIFA_OK) return;
  memset(&r, 0, sizeof(r));
  memset(&o, 0, sizeof(o));
  o.on_file = onfile;
  o.ud = &fi;
  memset(&fi, 0, sizeof(fi));
  rc = tifa_store_ingest(s, dir, &o, &r);
  checkint(rc, TIFA_OK);
  checkint(r.added, 2);
  checkint(fi.calls, (int)r.files);
  checkint(nhits(s, "目录文件"), 2);
  checkint(nhits(s, "隐藏"), 0);
  /* an interrupt from on_file stops the rest of the directory; each file whole or absent */
  {
    char d2[600];
    int k;
    snprintf(d2, sizeof(d2), "%s/many", dir);
    snprintf(p, sizeof(p), "mkdir -p '%s'", d2);
    check(system(p) == 0);
    for (k = 0; k < 6; k++) {
      snprintf(p, sizeof(p), "%s/f%d.txt", d2, k);
      if ((f = fopen(p, "w")) != NULL) { fprintf(f, "中断测试%d\n中断测试文件的正文。\n", k); fclose(f); }
    }
    memset(&r, 0, sizeof(r));
    memset(&fi, 0, sizeof(fi));
    o.on_file = stopfile;
    stopstore = s;
    rc = tifa_store_ingest(s, d2, &o, &r);
    checkint(rc, TIFA_INTERRUPTED);
    check(r.added >= 1 && r.added < 6);
    checkint(dbint(s, "SELECT count(*) FROM file WHERE path LIKE '%/many/%'"), r.added);
    checkint(dbint(s, "SELECT count(*) FROM article a JOIN file f ON f.id = a.file_id WHERE f.path LIKE '%/many/%'"), r.added);
    checkint(nhits(s, "中断测试文件"), r.added);
    checkint(tifai_index_flush(s), TIFA_OK);
    check(ftsintact(s));
    o.on_file = onfile;
  }
  /* a missing path */
  snprintf(p, sizeof(p), "%s/missing.txt", dir);
  memset(&fi, 0, sizeof(fi));
  rc = tifa_store_ingest(s, p, &o, &r);
  check(rc != TIFA_OK);
  /* the GB18030 fixture, through its path */
  if (data != NULL) {
    snprintf(p, sizeof(p), "%s/enc/gb18030.txt", data);
    memset(&fi, 0, sizeof(fi));
    rc = tifa_store_ingest(s, p, &o, &r);
    checkint(rc, TIFA_OK);
    checkint(fi.outcome, TIFA_INGEST_ADDED);
    checkstr(fi.encoding, "GB18030");
    checkint(fi.size, 249);
    if (realpath(p, rp) != NULL) checkstr(fi.path, rp);
    checkint(nhits(s, "126万亿元"), 1);
    checkint(nhits(s, "全国政协委员"), 1);
  }
  tifa_store_close(s);
}

/* }====== */

/* {====== Opening ====== */

static void writefile (const char *path, const void *p, size_t n) {
  FILE *f = fopen(path, "wb");
  check(f != NULL);
  if (f) { check(fwrite(p, 1, n, f) == n); fclose(f); }
}

static char *readall (const char *path, size_t *n) {
  FILE *f = fopen(path, "rb");
  char *p = NULL;
  long k;
  *n = 0;
  if (f == NULL) return NULL;
  if (fseek(f, 0, SEEK_END) == 0 && (k = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0) {
    p = (char *)malloc((size_t)k + 1);
    if (fread(p, 1, (size_t)k, f) == (size_t)k) *n = (size_t)k;
  }
  fclose(f);
  return p;
}

/* Open must fail: '*out' NULL, a message in the caller's buffer. Returns the code. */
static int openfails (const char *path, int flags, const char *msgpart) {
  static int sentinel;
  tifa_store *s = (tifa_store *)(void *)&sentinel;
  char err[TIFA_ERRMAX];
  int rc;
  memset(err, 'x', sizeof(err));
  rc = tifa_store_open(path, flags, &s, err, sizeof(err));
  check(rc != TIFA_OK);
  check(s == NULL);
  check(memchr(err, 0, sizeof(err)) != NULL);
  if (memchr(err, 0, sizeof(err)) != NULL) {
    check(err[0] != 0);
    if (msgpart) {
      check(strstr(err, msgpart) != NULL);
      if (strstr(err, msgpart) == NULL) fprintf(stderr, "  open '%s': '%s'\n", path, err);
    }
  }
  if (rc == TIFA_OK && s != NULL && s != (tifa_store *)(void *)&sentinel) tifa_store_close(s);
  return rc;
}

/* A damaged store: open fails cleanly, or it opens and searches fail cleanly; no crash. */
static void damaged (const char *path) {
  tifa_store *s = NULL;
  char err[TIFA_ERRMAX] = "";
  int rc = tifa_store_open(path, TIFA_OPEN_READONLY, &s, err, sizeof(err));
  if (rc != TIFA_OK) { check(s == NULL); check(err[0] != 0); return; }
  {
    hits h;
    int64_t t, a;
    memset(&h, 0, sizeof(h));
    rc = dosearch(s, "发展", 100, 0, &h);
    if (rc != TIFA_OK) check(tifa_store_errmsg(s)[0] != 0);
    freehits(&h);
    rc = tifa_store_count(s, "发展", &t, &a, NULL, NULL);
    if (rc != TIFA_OK) check(tifa_store_errmsg(s)[0] != 0);
    fprintf(stderr, "note: damaged store '%s' opened; count -> %d\n", path, rc);
  }
  tifa_store_close(s);
}

static void test_open (const char *realdb) {
  char p[512], q[512], err[TIFA_ERRMAX], small[6];
  tifa_store *s = NULL;
  int rc;
  size_t n;
  char *bytes;
  tifa_store_close(NULL);                                        /* harmless */
  /* missing file */
  tmppath(p, sizeof(p), "missing.db");
  checkint(openfails(p, TIFA_OPEN_READONLY, NULL), TIFA_NOTFOUND);
  checkint(openfails(p, 0, NULL), TIFA_NOTFOUND);
  check(access(p, F_OK) != 0);                                   /* not created */
  tmppath(q, sizeof(q), "nodir/x.db");
  check(openfails(q, TIFA_OPEN_CREATE, NULL) != TIFA_OK);
  /* a small error buffer: truncated, NUL-terminated, nothing written past it */
  memset(small, 'x', sizeof(small));
  rc = tifa_store_open(p, TIFA_OPEN_READONLY, &s, small, sizeof(small));
  check(rc != TIFA_OK && s == NULL);
  check(memchr(small, 0, sizeof(small)) != NULL);
  /* not a database */
  tmppath(p, sizeof(p), "notdb.db");
  {
    char junk[4096];
    size_t i;
    for (i = 0; i < sizeof(junk); i++) junk[i] = (char)('a' + i % 26);
    writefile(p, junk, sizeof(junk));
  }
  openfails(p, TIFA_OPEN_READONLY, "not a database");
  openfails(p, TIFA_OPEN_CREATE, "not a database");
  openfails(p, 0, "not a database");
  /* truncated copies of a real store */
  bytes = readall(realdb, &n);
  check(bytes != NULL && n > 8192);
  if (bytes != NULL && n > 8192) {
    tmppath(p, sizeof(p), "trunc100.db");
    writefile(p, bytes, 100);
    damaged(p);
    tmppath(p, sizeof(p), "trunc1000.db");
    writefile(p, bytes, 1000);
    damaged(p);
    tmppath(p, sizeof(p), "trunchalf.db");
    writefile(p, bytes, n / 2);
    damaged(p);
    tmppath(p, sizeof(p), "trunc4096.db");
    writefile(p, bytes, 4096);
    damaged(p);
  }
  free(bytes);
  /* a store from a newer tifa */
  tmppath(p, sizeof(p), "newer.db");
  rc = tifa_store_open(p, TIFA_OPEN_CREATE, &s, err, sizeof(err));
  checkint(rc, TIFA_OK);
  if (rc == TIFA_OK) {
    checkint(dbint(s, "PRAGMA user_version"), TIFA_SCHEMA_VERSION);
    checkstr(tifa_store_errmsg(s), "");
    checkstr(tifa_store_path(s), p);
    checkint(tifa_store_readonly(s), 0);
    check(sqlite3_exec(tifa_store_sqlite(s), "PRAGMA user_version = 99", NULL, NULL, NULL) == SQLITE_OK);
    tifa_store_close(s);
    {
      char want[96];
      snprintf(want, sizeof(want), "newer tifa (schema version 99, this build reads up to %d)",
               TIFA_SCHEMA_VERSION);
      openfails(p, TIFA_OPEN_READONLY, want);
    }
    openfails(p, 0, "newer tifa");
  }
  /* create, close, reopen: the data persists */
  rc = tifa_store_open(realdb, 0, &s, err, sizeof(err));
  checkint(rc, TIFA_OK);
  if (rc == TIFA_OK) {
    check(nhits(s, "发展") > 0);
    tifa_store_close(s);
  }
}

/* The sample corpus: the five embedded seed files cut into 13 articles; read-only. */
static void test_sample (void) {
  tifa_store *s = (tifa_store *)NULL;
  char err[TIFA_ERRMAX] = "";
  corpus c;
  tifa_ingest_report r;
  fileinfo fi;
  int rc = tifa_store_open_sample(&s, err, sizeof(err));
  checkint(rc, TIFA_OK);
  if (rc != TIFA_OK) { fprintf(stderr, "  sample: %s\n", err); return; }
  checkint(tifa_store_readonly(s), 1);
  checkstr(tifa_store_path(s), "sample corpus");
  checkint(dbint(s, "SELECT count(*) FROM file"), 5);
  checkint(dbint(s, "SELECT count(*) FROM article"), 13);
  checkint(dbint(s, "SELECT count(DISTINCT file_id) FROM article"), 5);
  memset(&r, 0, sizeof(r));
  checkint(ingest(s, "x.txt", S("样本库只读\n"), NULL, 0, &fi, &r), TIFA_READONLY);
  loadcorpus(s, &c);
  runq(s, &c, "发展", "发展");
  runq(s, &c, "高质量发展", "高质量发展");
  runq(s, &c, "习近平", "习近平");
  runq(s, &c, "改革 OR 开放", "(or 改革 开放)");
  runq(s, &c, "发展 NOT 长江", "(not 发展 长江)");
  runq(s, &c, "长江", "长江");
  freecorpus(&c);
  tifa_store_close(s);
}

/* }====== */

/* {====== Search and count on a corpus of our own ====== */

static const char *const articles[][2] = {
  {"括号与全角（试行）", "一是(发展)，二是（发展）。发展(改革)与发展（改革）并重；(安全)与（安全）：国家安全，发展：改革。"},
  {"关于推进5G网络建设的通知", "各地要加快5G网络建设，推动5G与工业互联网融合发展。5G基站建设是新基建的重要内容。"},
  {"APEC会议在北京举行", "亚太经合组织（APEC）第二十二次领导人非正式会议在北京举行。ＡＰＥＣ会议强调区域经济一体化。"},
  {"铁路客服热线12306", "旅客可拨打12306咨询购票事宜。１２３０６网站在春运期间运行平稳。购票请认准12306。"},
  {"高质量发展是新时代的硬道理", "发展是解决我国一切问题的基础和关键。必须坚持高质量发展，推动经济实现质的有效提升和量的合理增长。"},
  {"深化改革开放", "改革开放是决定当代中国命运的关键一招。发展，改革，开放，三者相互促进。"},
  {"统筹发展和安全", "坚持发展、改革、稳定相统一。统筹发展和安全，以新安全格局保障新发展格局。"},
  {"人工智能+制造", "实施AI+制造行动，推动人工智能与制造业深度融合。AI赋能千行百业，ai应用加快落地。"},
  {"研究部署", "会议要求研究研究研究，再研究研究。哈哈哈哈哈。"},
  {"Belt and Road Initiative", "共建“一带一路”倡议（Belt and Road Initiative）十周年。The Belt and Road is open. "
                               "COVID-19疫情之后，research and development投入增长。"},
  {"生僻字𠮷的处理", "𠮷字在GB18030中占四个字节，𠮷野家。发展数字经济。"},
  {"长江经济带", "推动长江经济带高质量发展。\\n长江是中华民族的母亲河。共抓大保护，不搞大开发。推动发展\\n改革创新"},
  {"乡村振兴", "全面推进乡村振兴。加快建设农业强国。农业农村现代化是全面建设社会主义现代化国家的重要内容。振兴乡村"},
  {"生态文明", "绿色是高质量发展的底色，要坚定不移走生态优先的道路，持续改善生态环境质量，加强污染防治和生态建设，"
               "推进美丽中国建设，全面推动经济社会发展转型。"},
  {"数字中国", "建设数字中国。数字经济、数字社会、数字政府协同推进。5g网络覆盖所有地级市。"},
  {"防范化解风险", "守住不发生系统性风险的底线。"},
  {"展望未来", "展开新的篇章，发展前景广阔。统筹发展,改革。加快发展方式绿色转型。科技创新是发展新质生产力的核心要素。"},
};

static const char *const queries[][2] = {
  {"发展", "发展"}, {"发", "发"}, {"展", "展"}, {"高质量发展", "高质量发展"}, {"区域经济一体化", "区域经济一体化"},
  {"新质生产力", "新质生产力"}, {"发展新质生产", "发展新质生产"}, {"5G", "5g"}, {"5g", "5g"}, {"g", "g"},
  {"5", "5"}, {"5G网络", "5g网络"}, {"g网", "g网"}, {"12306", "12306"}, {"１２３０６", "12306"},
  {"2306", "2306"}, {"6", "6"}, {"APEC", "apec"}, {"apec", "apec"}, {"ＡＰＥＣ", "apec"}, {"ApEc会议", "apec会议"},
  {"c会", "c会"}, {"ＡＰＥＣ会议", "apec会议"}, {"𠮷", "𠮷"}, {"𠮷野家", "𠮷野家"}, {"字在", "字在"},
  {"发展，改革", "发展，改革"}, {"发展、改革", "发展、改革"},
  /* regression: an ASCII comma outside NEAR was a syntax error ("a,b"), while "a;b" was a
  ** term; "发展,改革" occurs in the corpus */
  {"发展,改革", "发展,改革"}, {"，改革", "，改革"}, {"发展 ，", "(and 发展 ，)"}, {"会议 。", "(and 会议 。)"},
  {"发展改革", "发展改革"}, {"展改", "展改"}, {"AI+制造", "ai+制造"}, {"ai", "ai"}, {"发展*", "发展*"},
  {"研究研究", "研究研究"}, {"哈哈", "哈哈"}, {"哈", "哈"}, {"and", "and"}, {"road", "road"},
  {"\"belt and road\"", "\"belt and road\""}, {"belt and road", "(and belt and road)"}, {"COVID-19", "covid-19"},
  {"covid", "covid"}, {"19", "19"}, {"d-1", "d-1"}, {"The Belt", "(and the belt)"},
  {"发展 改革", "(and 发展 改革)"}, {"发展 AND 改革", "(and 发展 改革)"}, {"发展 OR 改革", "(or 发展 改革)"},
  {"发展 NOT 改革", "(not 发展 改革)"}, {"改革 OR 发展 NOT 安全", "(or 改革 (not 发展 安全))"},
  {"发展 OR 改革 安全", "(or 发展 (and 改革 安全))"}, {"(发展 OR 改革) 安全", "(and (or 发展 改革) 安全)"},
  {"数字 NOT (经济 OR 社会)", "(not 数字 (or 经济 社会))"},
  {"发展 NOT (改革 OR 安全)", "(not 发展 (or 改革 安全))"},
  {"NEAR(乡村 振兴, 5) OR 12306", "(or (near 5 乡村 振兴) 12306)"}, {"铁路 购票", "(and 铁路 购票)"},
  {"北京 OR 长江 OR 乡村", "(or 北京 长江 乡村)"}, {"NEAR(乡村 振兴, 5)", "(near 5 乡村 振兴)"},
  {"NEAR(绿色 转型, 5)", "(near 5 绿色 转型)"}, {"NEAR(绿色 转型, 100)", "(near 100 绿色 转型)"},
  {"长江 NEAR(共抓 保护, 5)", "(and 长江 (near 5 共抓 保护))"}, {"不存在的词", "不存在的词"}, {"xyz", "xyz"},
  {"独角兽企业", "独角兽企业"}, {"建设", "建设"}, {"a", "a"}, {"会议", "会议"},
  /* NEAR counts spans (issue 19): three operands, one operand twice, a span and a term */
  {"NEAR(发展 改革 安全, 20)", "(near 20 发展 改革 安全)"}, {"NEAR(发展 发展, 3)", "(near 3 发展 发展)"},
  {"NEAR(数字 数字 数字, 6)", "(near 6 数字 数字 数字)"}, {"NEAR(发展 改革, 0)", "(near 0 发展 改革)"},
  {"NEAR(发展 改革, 1) 发展", "(and (near 1 发展 改革) 发展)"}, {"NEAR(国家 家安, 4)", "(near 4 国家 家安)"},
  /* a parenthesis around one bare word is text; punctuation matches in either width */
  {"(发展)", "\"(发展)\""}, {"发展(改革)", "\"发展(改革)\""}, {"统筹发展，改革", "统筹发展,改革"},
  {"(发展 OR 改革) (安全)", "(and (or 发展 改革) \"(安全)\")"},
};

static void pagecheck (tifa_store *s, const char *q) {
  hits all, pg;
  int off, j, k = 0, rc;
  memset(&all, 0, sizeof(all));
  checkint(dosearch(s, q, 1000, 0, &all), TIFA_OK);
  for (off = 0; off <= all.n + 3; off += 3) {
    memset(&pg, 0, sizeof(pg));
    rc = dosearch(s, q, 3, off, &pg);
    checkint(rc, TIFA_OK);
    check(pg.n <= 3);
    checkint(pg.n, all.n - off < 0 ? 0 : (all.n - off > 3 ? 3 : all.n - off));
    for (j = 0; j < pg.n && k < all.n; j++, k++) check(pg.h[j].id == all.h[k].id);
    freehits(&pg);
  }
  checkint(k, all.n);
  freehits(&all);
}

static void test_search (const char *dbpath) {
  char err[TIFA_ERRMAX];
  tifa_store *s = NULL;
  tifa_ingest_report r;
  fileinfo fi;
  corpus c;
  char *jsonl;
  size_t i, len = 0;
  hits h;
  int rc;
  sqlite3 *db;
  rc = tifa_store_open(dbpath, TIFA_OPEN_CREATE, &s, err, sizeof(err));
  checkint(rc, TIFA_OK);
  if (rc != TIFA_OK) { fprintf(stderr, "  %s\n", err); return; }
  checkstr(tifa_store_errmsg(s), "");
  jsonl = (char *)malloc(16384);
  for (i = 0; i < sizeof(articles) / sizeof(articles[0]); i++)
    len += (size_t)snprintf(jsonl + len, 16384 - len, "{\"title\":\"%s\",\"text\":\"%s\"}\n", articles[i][0], articles[i][1]);
  memset(&r, 0, sizeof(r));
  rc = ingest(s, "corpus.jsonl", jsonl, len, NULL, 0, &fi, &r);
  checkint(rc, TIFA_OK);
  checkint(fi.articles, (long)(sizeof(articles) / sizeof(articles[0])));
  free(jsonl);
  rc = ingest(s, "notice.txt", S("关于做好春运工作的通知\n各地要做好春运期间12306购票服务保障。ＡＰＥＣ期间交通管制。\n"),
              NULL, 0, &fi, &r);
  checkint(rc, TIFA_OK);
  {                                                   /* one long article with many matches */
    char *lng = (char *)malloc(8192);
    size_t k, m = (size_t)snprintf(lng, 8192, "长文\n");
    for (k = 0; k < 400; k++) m += (size_t)snprintf(lng + m, 8192 - m, "发展，");
    m += (size_t)snprintf(lng + m, 8192 - m, "结尾\n");
    rc = ingest(s, "long.txt", lng, m, NULL, 0, &fi, &r);
    checkint(rc, TIFA_OK);
    free(lng);
  }
  /* the store folded full-width letters and digits */
  checkint(dbint(s, "SELECT count(*) FROM article WHERE instr(text, 'ＡＰＥＣ') > 0 OR instr(text, '１２３０６') > 0"), 0);
  loadcorpus(s, &c);
  checkint(c.n, (int)(sizeof(articles) / sizeof(articles[0])) + 2);
  for (i = 0; i < sizeof(queries) / sizeof(queries[0]); i++) runq(s, &c, queries[i][0], queries[i][1]);
  freecorpus(&c);

  /* counts that tell non-overlapping from overlapping occurrences */
  checkint(ntotal(s, "研究研究"), 2);
  checkint(ntotal(s, "哈哈"), 2);
  checkint(ntotal(s, "𠮷"), 3);

  /* an article that waits for the index is still found */
  db = tifa_store_sqlite(s);
  checkint(tifai_index_flush(s), TIFA_OK);
  checkint(tifai_index_pending(s), 0);
  rc = sqlite3_exec(db,
    "BEGIN;"
    "INSERT INTO file (path, size, sha256, encoding, format, ingested, raw) VALUES ('pending.txt', 33,"
    " '0000000000000000000000000000000000000000000000000000000000000000', 'UTF-8', 'text',"
    " '2024-01-01T00:00:00Z', x'00');"
    "INSERT INTO article (file_id, seq, title, text, byte_start, byte_end, line_start, line_end, nchars)"
    " VALUES (last_insert_rowid(), 0, '独角兽企业', '培育独角兽企业，发展新质生产力。', 0, 33, 1, 1, 16);"
    "INSERT INTO paragraph (article_id, seq, kind, char_start, char_end, byte_start, byte_end, line_start, line_end)"
    " VALUES (last_insert_rowid(), 0, 'text', 0, 16, 0, 33, 1, 1);"
    "COMMIT;", NULL, NULL, NULL);
  checkint(rc, SQLITE_OK);
  if (rc != SQLITE_OK) fprintf(stderr, "  %s\n", sqlite3_errmsg(db));
  checkint(tifai_index_pending(s), 1);
  loadcorpus(s, &c);
  runq(s, &c, "独角兽企业", "独角兽企业");
  runq(s, &c, "新质生产力", "新质生产力");
  runq(s, &c, "发展", "发展");
  runq(s, &c, "角", "角");
  pagecheck(s, "发展");                               /* stable order with a scanned article */
  checkint(tifai_index_pending(s), 1);
  checkint(tifai_index_flush(s), TIFA_OK);
  checkint(tifai_index_pending(s), 0);
  check(ftsintact(s));
  runq(s, &c, "独角兽企业", "独角兽企业");
  runq(s, &c, "新质生产力", "新质生产力");
  runq(s, &c, "发展 NOT 独角兽", "(not 发展 独角兽)");
  freecorpus(&c);

  /* paging in a stable order */
  pagecheck(s, "发展");
  pagecheck(s, "建设");
  pagecheck(s, "发 OR 5G OR 会议");
  /* the callback's non-zero result stops and is returned */
  memset(&h, 0, sizeof(h));
  h.stopat = 2; h.stoprc = 42;
  checkint(dosearch(s, "发展", 1000, 0, &h), 42);
  checkint(h.n, 2);
  freehits(&h);
  /* limit */
  memset(&h, 0, sizeof(h));
  checkint(dosearch(s, "发展", 2, 0, &h), TIFA_OK);
  checkint(h.n, 2);
  freehits(&h);
  memset(&h, 0, sizeof(h));
  checkint(dosearch(s, "发展", 1000, 1000, &h), TIFA_OK);
  checkint(h.n, 0);
  freehits(&h);
  /* snippets: custom marks and context */
  {
    tifa_search_opts o;
    memset(&o, 0, sizeof(o));
    o.limit = 10; o.context = 3; o.mark_open = "[["; o.mark_close = "]]";
    memset(&h, 0, sizeof(h));
    checkint(tifa_store_search(s, "防治", &o, onhit, &h), TIFA_OK);
    checkint(h.n, 1);
    if (h.n == 1) {
      check(strstr(h.h[0].snip, "[[防治]]") != NULL);
      check(strstr(h.h[0].snip, "\xC2\xAB") == NULL);
      check(u8chars(h.h[0].snip) <= 2 + 3 + 3 + 4 + 4);         /* term, context, marks, slack */
      if (u8chars(h.h[0].snip) > 16) fprintf(stderr, "  snippet: '%s'\n", h.h[0].snip);
    }
    freehits(&h);
  }
  /* malformed queries, through the public calls */
  test_queries(s);
  tifa_store_close(s);
}

/* Default limit, paging and interrupts on 25 articles. */
static void test_many (void) {
  char path[512], err[TIFA_ERRMAX], *jsonl;
  tifa_store *s = NULL;
  tifa_ingest_report r;
  fileinfo fi;
  hits h;
  counts cc;
  size_t len = 0;
  int i, rc;
  int64_t t, a;
  tmppath(path, sizeof(path), "many.db");
  rc = tifa_store_open(path, TIFA_OPEN_CREATE, &s, err, sizeof(err));
  checkint(rc, TIFA_OK);
  if (rc != TIFA_OK) return;
  jsonl = (char *)malloc(16384);
  for (i = 0; i < 25; i++) {
    int k;
    len += (size_t)snprintf(jsonl + len, 16384 - len, "{\"title\":\"第%d号通知\",\"text\":\"关于做好第%d项工作的通知。", i, i);
    for (k = 0; k < i % 4; k++) len += (size_t)snprintf(jsonl + len, 16384 - len, "通知要求加强落实。");
    len += (size_t)snprintf(jsonl + len, 16384 - len, "\"}\n");
  }
  memset(&r, 0, sizeof(r));
  checkint(ingest(s, "many.jsonl", jsonl, len, NULL, 0, &fi, &r), TIFA_OK);
  checkint(fi.articles, 25);
  free(jsonl);
  /* default limit 20 */
  memset(&h, 0, sizeof(h));
  checkint(dosearch(s, "通知", 0, 0, &h), TIFA_OK);
  checkint(h.n, 20);
  freehits(&h);
  memset(&h, 0, sizeof(h));
  checkint(dosearch(s, "通知", -5, 0, &h), TIFA_OK);
  checkint(h.n, 20);
  freehits(&h);
  memset(&h, 0, sizeof(h));
  checkint(dosearch(s, "通知", 0, 10, &h), TIFA_OK);
  checkint(h.n, 15);
  freehits(&h);
  checkint(nhits(s, "通知"), 25);
  checkint(ntotal(s, "通知"), 25 * 2 + (0 + 1 + 2 + 3) * 6 + 0);  /* title, text, and the "通知要求" */
  pagecheck(s, "通知");
  pagecheck(s, "落实");
  /* an interrupt from the callback stops the search with TIFA_INTERRUPTED */
  memset(&h, 0, sizeof(h));
  h.stopat = 1; h.intr = s;
  rc = dosearch(s, "通知", 1000, 0, &h);
  checkint(rc, TIFA_INTERRUPTED);
  check(h.n < 25);
  freehits(&h);
  /* the store is left consistent and the next call runs normally */
  checkint(nhits(s, "通知"), 25);
  memset(&cc, 0, sizeof(cc));
  cc.stopat = 1; cc.intr = s;
  rc = tifa_store_count(s, "通知", &t, &a, oncount, &cc);
  checkint(rc, TIFA_INTERRUPTED);
  check(cc.k < 25);
  checkint(ntotal(s, "通知"), 25 * 2 + 6 * 6);
  checkint(dbint(s, "SELECT count(*) FROM article"), 25);
  checkint(tifai_index_flush(s), TIFA_OK);
  check(ftsintact(s));
  tifa_store_close(s);
}

/* }====== */

static void rmtree (const char *dir) {
  char cmd[600];
  snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
  if (system(cmd) != 0) fprintf(stderr, "cannot remove '%s'\n", dir);
}

int main (void) {
  char dbpath[512];
  snprintf(tmpdir, sizeof(tmpdir), "/tmp/tifa_test_store.XXXXXX");
  if (mkdtemp(tmpdir) == NULL) { perror("mkdtemp"); return 1; }
  test_tokens();
  tmppath(dbpath, sizeof(dbpath), "corpus.db");
  test_search(dbpath);
  test_open(dbpath);
  test_sample();
  test_ingest();
  test_ingest_dir();
  test_many();
  rmtree(tmpdir);
  return check_done("store");
}
