/*
** citegraph.c -- the documents cited in 《》 across articles, aliases resolved
** (tifa_cite_citations, see tifa_cite.h): collect each article's titles
** (tifa_extract_citations) and self-references (tifa_extract_selfrefs), resolve short forms
** and self-references within the article, and gather the citations by a document key
** (spaces, 中华人民共和国 and the issuer left out) into documents.
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

#define GENERIC_MAX   6         /* characters of a generic name at most (若干政策措施) */
#define ISSUER_MAX    24        /* characters before 关于 that may be an issuer */

/* {====== Kinds ====== */

static const char *const kinds[][2] = {   /* suffix, kind: longer suffixes first */
  {"白皮书", "白皮书"}, {"日报", "报刊"}, {"晚报", "报刊"}, {"时报", "报刊"}, {"杂志", "报刊"},
  {"周刊", "报刊"}, {"求是", "报刊"}, {"纲要", "纲要"}, {"规划", "规划"}, {"意见", "意见"},
  {"通知", "通知"}, {"决定", "决定"}, {"决议", "决议"}, {"方案", "方案"}, {"计划", "计划"},
  {"办法", "办法"}, {"条例", "条例"}, {"规定", "规定"}, {"细则", "细则"}, {"法典", "法"},
  {"报告", "报告"}, {"公报", "公报"}, {"讲话", "讲话"}, {"章程", "章程"}, {"措施", "措施"},
  {"建议", "建议"}, {"准则", "准则"}, {"指南", "指南"}, {"清单", "清单"}, {"目录", "目录"},
  {"宣言", "宣言"}, {"声明", "声明"}, {"协定", "协定"}, {"公约", "公约"}, {"纪要", "纪要"},
  {"修正案", "修正案"}, {"议定书", "议定书"}, {"解释", "解释"}, {"规则", "规则"},
  {"标准", "标准"}, {"规范", "规范"}, {"守则", "守则"}, {"指引", "指引"}, {"公告", "公告"},
  {"条约", "条约"}, {"方法", "方法"}, {"大事记", "大事记"}, {"协议书", "协议"}, {"协议", "协议"},
  {"宪章", "宪章"}, {"倡议", "倡议"}, {"共识", "共识"}, {"构想", "构想"}, {"规程", "规程"},
  {"须知", "须知"}, {"摘编", "摘编"}, {"汇编", "汇编"}, {"选编", "选编"}, {"读本", "读本"},
  {"概论", "概论"}, {"问答", "问答"}, {"纲领", "纲领"}, {"法", "法"}, {"报", "报刊"},
  {NULL, NULL}
};

/* The length of t[0..len) without a trailing bracket ((试行), （2023-2025年）) or 草案
** (纲要草案 is the 纲要（草案）) */
static size_t nobracket (const char *t, size_t len) {
  size_t k;
  if (len > 3 && memcmp(t + len - 3, "）", 3) == 0) {
    for (k = len - 3; k >= 3; k--)
      if (memcmp(t + k - 3, "（", 3) == 0) return k - 3;
  }
  else if (len > 1 && t[len - 1] == ')') {
    for (k = len - 1; k > 0; k--)
      if (t[k - 1] == '(') return k - 1;
  }
  else if (len > 6 && memcmp(t + len - 6, "草案", 6) == 0) return len - 6;
  return len;
}

/* The index in 'kinds' of the suffix of t[0..len) after a trailing bracket, or -1. */
static int kindof (const char *t, size_t len) {
  int i;
  len = nobracket(t, len);
  for (i = 0; kinds[i][0] != NULL; i++) {
    size_t n = strlen(kinds[i][0]);
    if (n <= len && memcmp(t + len - n, kinds[i][0], n) == 0) return i;
  }
  return -1;
}

const char *tifa_cite_kind (const char *title, size_t len) {
  int k = kindof(title, len);
  return k < 0 ? "其他" : kinds[k][1];
}

/* Words that, before a kind, leave a name generic: 实施意见, 若干政策措施, 三年行动计划 */
static const char *const modifiers[] = {
  "实施", "指导", "若干", "政策", "行动", "工作", "管理", "暂行", "规划", "发展", "五年",
  "三年", "专项", "总体", "建设", "改革", "配套", "具体", "补充", "战略", "重点", "有关",
  "相关", "试点", "专题", "论述", "联合", "学习", NULL
};

/* 1 if t[0..len) (of 'ncp' characters) is a generic name: a kind (意见, 规划纲要), or one
** after words of 'modifiers' (实施意见, 政策措施), at most 6 characters in all. Other titles
** ending in a kind are names (《巴黎协定》, 《湿地公约》, 《十四五规划》); so are newspapers
** (《求是》, 《人民日报》) and 《民法典》. */
static int generic (const char *t, size_t len, size_t ncp) {
  int k = kindof(t, len), i;
  size_t at = 0;
  if (k < 0 || ncp > GENERIC_MAX || strcmp(kinds[k][1], "报刊") == 0
      || strcmp(kinds[k][0], "法典") == 0)
    return 0;
  len = nobracket(t, len) - strlen(kinds[k][0]);
  while (at < len) {
    for (i = 0; modifiers[i] != NULL; i++) {
      size_t n = strlen(modifiers[i]);
      if (n <= len - at && memcmp(t + at, modifiers[i], n) == 0) break;
    }
    if (modifiers[i] == NULL) return 0;
    at += strlen(modifiers[i]);
  }
  return 1;
}


/* }====== */

/* {====== Collecting ====== */

typedef struct Use {
  int64_t article;
  size_t art;               /* index in Coll.arts */
  size_t start, end, paragraph;
  size_t title, titlelen;   /* as written, in pool */
  size_t full, fulllen;     /* the extractor's full title (an alias's definition) */
  size_t docno, docnolen;   /* docnolen 0: none */
  size_t ncp;               /* characters of the title */
  int alias;
  int intitle;              /* 1: a title of the article's title field (in reach, not listed) */
  const char *selfkind;     /* a self-reference's kind (static), else NULL */
  int quoted;               /* a self-reference inside “…” */
  size_t res, reslen;       /* the title it resolves to, in pool */
  int how;                  /* TIFA_CITE_* */
  size_t doc;               /* its document */
} Use;

typedef struct Art {
  int64_t id;
  size_t title, titlelen;   /* in pool */
  const char *kind;         /* tifa_cite_kind of its title */
  int official;             /* the title is a document's: …关于…的意见, with no 《》 */
  size_t amended, amendedlen;   /* X of a title X修正案（…）, in pool; amendedlen 0: none */
  size_t u0, nu;            /* its uses */
} Art;

typedef struct Coll {
  tifai_buf pool;
  Use *us; size_t nu, capu;
  Art *arts; size_t nart, capart;
  tifa_citation *scratch; size_t capscratch;
  tifa_selfref *selfs; size_t capselfs;
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

/* The 《》 titles of s[0..len) into c->scratch (grown as needed); returns how many, or
** (size_t)-1 when memory runs out. */
static size_t titles (Coll *c, const char *s, size_t len) {
  size_t n;
  if (c->capscratch == 0 && grow((void **)&c->scratch, &c->capscratch, 256, sizeof(tifa_citation)))
    return (size_t)-1;
  n = tifa_extract_citations(s, len, c->scratch, c->capscratch);   /* once, mostly */
  if (n > c->capscratch) {
    if (grow((void **)&c->scratch, &c->capscratch, n, sizeof(tifa_citation)) != 0) return (size_t)-1;
    tifa_extract_citations(s, len, c->scratch, n);
  }
  return n;
}

/* A new use of the last article, zeroed, or NULL when memory runs out */
static Use *newuse (Coll *c) {
  Use *u;
  if (grow((void **)&c->us, &c->capu, c->nu + 1, sizeof(Use)) != 0) return NULL;
  u = &c->us[c->nu++];
  memset(u, 0, sizeof(*u));
  u->art = c->nart - 1;
  u->article = c->arts[c->nart - 1].id;
  return u;
}

/* The uses of the titles c->scratch[0..n) of s; 'intitle' for the article's title field */
static int addtitles (Coll *c, const char *s, size_t n, int intitle) {
  size_t i, para = 1, pb = 0;
  for (i = 0; i < n; i++) {
    const tifa_citation *t = &c->scratch[i];
    Use *u;
    if (t->title.nbyte == 0) continue;                   /* 《》 */
    if ((u = newuse(c)) == NULL) return TIFA_NOMEM;
    u->intitle = intitle;
    u->start = intitle ? 0 : t->at.start; u->end = intitle ? 0 : t->at.end;
    for (; pb < t->at.byte; pb++) para += s[pb] == '\n';
    u->paragraph = intitle ? 0 : para;
    u->title = addstr(c, s + t->title.byte, t->title.nbyte); u->titlelen = t->title.nbyte;
    u->full = addstr(c, s + t->full_title.byte, t->full_title.nbyte);
    u->fulllen = t->full_title.nbyte;
    u->docnolen = t->docno.nbyte;
    u->docno = u->docnolen ? addstr(c, s + t->docno.byte, t->docno.nbyte) : 0;
    u->ncp = t->title.end - t->title.start;
    u->alias = t->alias && t->full_title.nbyte != t->title.nbyte;
  }
  return TIFA_OK;
}

static int collect (void *ud, const tifai_article *a) {
  Coll *c = (Coll *)ud;
  const char *s = a->text;
  size_t n, i, para = 1, pb = 0;
  Art *r;
  int rc;
  if (grow((void **)&c->arts, &c->capart, c->nart + 1, sizeof(Art)) != 0) return TIFA_NOMEM;
  r = &c->arts[c->nart++];
  r->id = a->id;
  r->titlelen = a->title ? a->title_len : 0;
  r->title = addstr(c, r->titlelen ? a->title : "", r->titlelen);
  r->kind = tifa_cite_kind(a->title ? a->title : "", r->titlelen);
  r->official = r->titlelen > 0 && strcmp(r->kind, "其他") != 0
                && findbytes(a->title, a->title_len, "关于", 6) != NULL
                && findbytes(a->title, a->title_len, "《", 3) == NULL;
  r->amendedlen = 0;
  if (strcmp(r->kind, "修正案") == 0) {                   /* 中华人民共和国刑法修正案（八） */
    size_t k = nobracket(a->title, a->title_len) - strlen("修正案");
    if (k > 0) { r->amended = addstr(c, a->title, k); r->amendedlen = k; }
  }
  r->u0 = c->nu;
  if (r->titlelen > 0) {                                 /* 《》 in the title: in reach */
    if ((n = titles(c, a->title, a->title_len)) == (size_t)-1) return TIFA_NOMEM;
    if ((rc = addtitles(c, a->title, n, 1)) != TIFA_OK) return rc;
  }
  if ((n = titles(c, s, a->text_len)) == (size_t)-1) return TIFA_NOMEM;
  if ((rc = addtitles(c, s, n, 0)) != TIFA_OK) return rc;
  if (c->capselfs == 0 && grow((void **)&c->selfs, &c->capselfs, 64, sizeof(tifa_selfref)))
    return TIFA_NOMEM;
  n = tifa_extract_selfrefs(s, a->text_len, c->selfs, c->capselfs);
  if (n > c->capselfs) {
    if (grow((void **)&c->selfs, &c->capselfs, n, sizeof(tifa_selfref)) != 0) return TIFA_NOMEM;
    tifa_extract_selfrefs(s, a->text_len, c->selfs, n);
  }
  for (i = 0; i < n; i++) {
    const tifa_selfref *t = &c->selfs[i];
    Use *u = newuse(c);
    if (u == NULL) return TIFA_NOMEM;
    u->start = t->at.start; u->end = t->at.end;
    for (; pb < t->at.byte; pb++) para += s[pb] == '\n';
    u->paragraph = para;
    u->title = u->full = addstr(c, s + t->at.byte, t->at.nbyte);
    u->titlelen = u->fulllen = t->at.nbyte;
    u->ncp = t->at.end - t->at.start;
    u->selfkind = t->kind;
    u->quoted = t->quoted;
  }
  c->arts[c->nart - 1].nu = c->nu - c->arts[c->nart - 1].u0;
  return c->pool.oom ? TIFA_NOMEM : TIFA_OK;
}

/* Put the articles and their uses in the order a store and a corpus share (file path, seq:
** tifai_source_order), so that a document's title among forms of one length, its docno, the
** order of its aliases and uses, and the articles with self-references, do not depend on
** ids. Returns TIFA_OK, or an error with the message on stores[0]. */
static int canonical (Coll *c, const tifai_source *src) {
  int64_t *ids = (int64_t *)malloc((c->nart + 1) * sizeof(int64_t));
  size_t *order = (size_t *)malloc((c->nart + 1) * sizeof(size_t));
  Art *arts = (Art *)malloc((c->nart + 1) * sizeof(Art));
  Use *us = (Use *)malloc((c->nu + 1) * sizeof(Use));
  size_t i, j, nu = 0;
  int rc = TIFA_NOMEM;
  if (!ids || !order || !arts || !us) goto done;
  for (i = 0; i < c->nart; i++) ids[i] = c->arts[i].id;
  if ((rc = tifai_source_order(src, ids, c->nart, order)) != TIFA_OK) goto done;
  for (i = 0; i < c->nart; i++) {
    const Art *a = &c->arts[order[i]];
    arts[i] = *a;
    arts[i].u0 = nu;
    for (j = 0; j < a->nu; j++) {
      us[nu] = c->us[a->u0 + j];
      us[nu++].art = i;
    }
  }
  free(c->arts); c->arts = arts; arts = NULL; c->capart = c->nart + 1;
  free(c->us); c->us = us; us = NULL; c->capu = c->nu + 1;
done:
  if (rc == TIFA_NOMEM) tifai_store_fail(src->stores[0], TIFA_NOMEM, "not enough memory");
  free(ids); free(order); free(arts); free(us);
  return rc;
}

/* }====== */

/* {====== Resolving short forms and self-references ====== */

#define P(c, off)  ((c)->pool.p + (off))

static int endswith (const char *s, size_t n, const char *t, size_t m) {
  return m <= n && memcmp(s + n - m, t, m) == 0;
}

/* 1 if use 'd' (a title of u's article) may resolve 'u', with its resolution in '*f',
** '*flen': an alias defined as u's title (any u); a title, not generic, that ends with u's
** (a generic u), brackets left out of both; the document of u's kind (a self-reference u). */
static int match (const Coll *c, const Use *u, const Use *d, size_t *f, size_t *flen) {
  const char *t = P(c, u->title);
  if (d == u || d->selfkind != NULL) return 0;
  if (u->selfkind != NULL) {
    if (d->how == TIFA_CITE_UNRESOLVED || strcmp(tifa_cite_kind(P(c, d->res), d->reslen),
                                                 u->selfkind) != 0)
      return 0;
    *f = d->res; *flen = d->reslen;
    return 1;
  }
  if (d->alias) {
    if (d->titlelen != u->titlelen || memcmp(P(c, d->title), t, u->titlelen) != 0) return 0;
    *f = d->full; *flen = d->fulllen;
    return 1;
  }
  if (u->how != TIFA_CITE_UNRESOLVED || d->ncp <= u->ncp      /* u is not generic */
      || generic(P(c, d->title), d->titlelen, d->ncp))
    return 0;
  *f = d->title; *flen = d->titlelen;
  return endswith(P(c, d->title), nobracket(P(c, d->title), d->titlelen), t,
                  nobracket(t, u->titlelen));
}

/* The resolution of 'u' among the uses of its article: the nearest before it, else the
** nearest in the title field, else the nearest after; 'aliases' 1: only alias definitions,
** 0: only the others, -1: both. Returns 1 and sets '*f', '*flen' when there is one. */
static int inarticle (const Coll *c, const Use *u, int aliases, size_t *f, size_t *flen) {
  const Art *a = &c->arts[u->art];
  size_t i, bstart = 0;
  int best = 0;                                          /* 3 before, 2 title, 1 after */
  for (i = a->u0; i < a->u0 + a->nu; i++) {
    const Use *d = &c->us[i];
    size_t ff, fl;
    int where, better;
    if ((aliases >= 0 && d->alias != aliases) || !match(c, u, d, &ff, &fl)) continue;
    where = d->intitle ? 2 : d->start < u->start ? 3 : 1;
    better = where > best || (where == best && (where == 3 ? d->start > bstart
                                                : where == 1 && d->start < bstart));
    if (better) { best = where; bstart = d->start; *f = ff; *flen = fl; }
  }
  return best > 0;
}

/* Resolve the title 'u' (self-references are done after the titles: they name them) */
static void resolve (Coll *c, Use *u) {
  const Art *a = &c->arts[u->art];
  size_t f = 0, fl = 0;
  u->res = u->title; u->reslen = u->titlelen;
  if (u->selfkind != NULL) {
    u->how = TIFA_CITE_SELF;
    u->res = a->title; u->reslen = a->titlelen;
    if (strcmp(a->kind, u->selfkind) == 0) return;      /* 本法 in a 法 */
    if (strcmp(a->kind, "其他") != 0 && !u->quoted) return;   /* 本法 in a 条例 that says so */
    if (a->amendedlen > 0 && strcmp(tifa_cite_kind(P(c, a->amended), a->amendedlen),
                                    u->selfkind) == 0) {
      f = a->amended; fl = a->amendedlen;               /* 本法 in 刑法修正案 is 刑法 */
    }
    else if (!inarticle(c, u, -1, &f, &fl)) return;
    u->how = TIFA_CITE_ARTICLE;
    u->res = f; u->reslen = fl;
    return;
  }
  if (u->alias) {
    u->how = TIFA_CITE_DEFINED;
    u->res = u->full; u->reslen = u->fulllen;
    return;
  }
  if (inarticle(c, u, 1, &f, &fl)) {                     /* defined later in the article */
    u->how = TIFA_CITE_DEFINED;
    u->res = f; u->reslen = fl;
    return;
  }
  u->how = TIFA_CITE_FULL;
  if (!generic(P(c, u->title), u->titlelen, u->ncp)) return;
  u->how = TIFA_CITE_UNRESOLVED;                         /* match() looks for its full form */
  if (inarticle(c, u, 0, &f, &fl)) {
    u->how = TIFA_CITE_ARTICLE;
    u->res = f; u->reslen = fl;
  }
  else if (a->official && strcmp(a->kind, tifa_cite_kind(P(c, u->title), u->titlelen)) == 0) {
    u->how = TIFA_CITE_ARTICLE;                          /* 《决定》 under the title 中共中央关于…的决定 */
    u->res = a->title; u->reslen = a->titlelen;
  }
}

/* }====== */

/* {====== Documents ====== */

#define PRC  "中华人民共和国"

/* The key of title t[0..len) into 'b': spaces dropped, full-width ASCII folded, a leading
** 中华人民共和国 and an issuer before 关于 left out. */
static void titlekey (tifai_buf *b, const char *t, size_t len) {
  size_t i = 0, ncp = 0, start = b->len;
  if (len > sizeof(PRC) - 1 && memcmp(t, PRC, sizeof(PRC) - 1) == 0) i = sizeof(PRC) - 1;
  while (i < len) {
    int32_t cp;
    int k = tifa_utf8_decode(t + i, len - i, &cp);
    if (k <= 0) { i++; continue; }
    if (ncp > 0 && ncp <= ISSUER_MAX && k == 3 && i + 6 <= len && memcmp(t + i, "关于", 6) == 0 &&
        b->len > start) {
      b->len = start;                                    /* drop the issuer */
      if (b->p) b->p[b->len] = '\0';
      ncp = ISSUER_MAX + 1;                              /* only once */
    }
    i += (size_t)k;
    if (ncp <= ISSUER_MAX) ncp++;
    if (cp == ' ' || cp == '\t' || cp == 0x3000 || cp == 0xA0) continue;
    if (cp >= 0xFF01 && cp <= 0xFF5E) cp -= 0xFEE0;
    tifai_buf_addcp(b, cp);
  }
}

typedef struct Doc {
  size_t key, keylen;       /* in Coll.pool */
  size_t title, titlelen;   /* the longest form */
  size_t docno, docnolen;
  int resolved;
  size_t count, narticles;
} Doc;

struct tifa_citations {
  size_t n;
  tifa_cite_doc *docs;
  tifa_cite_use *uses;
  const char **aliases;
  size_t nself;
  tifa_cite_self *selfs;    /* the articles' self-references */
  tifa_cite_use *selfuses;
  char *pool;
};

size_t tifa_citations_count (const tifa_citations *c) { return c ? c->n : 0; }
const tifa_cite_doc *tifa_citations_doc (const tifa_citations *c, size_t i) {
  return c && i < c->n ? &c->docs[i] : NULL;
}
size_t tifa_citations_nself (const tifa_citations *c) { return c ? c->nself : 0; }
const tifa_cite_self *tifa_citations_self (const tifa_citations *c, size_t i) {
  return c && i < c->nself ? &c->selfs[i] : NULL;
}
void tifa_citations_free (tifa_citations *c) {
  if (c == NULL) return;
  free(c->docs); free(c->uses); free(c->aliases); free(c->selfs); free(c->selfuses);
  free(c->pool); free(c);
}

static void setuse (const Coll *c, tifa_cite_use *o, const Use *u) {
  o->article = u->article; o->start = u->start; o->end = u->end;
  o->paragraph = u->paragraph;
  o->as_written = P(c, u->title);
  o->how = u->how;
}

/* The self-references of the article itself into r->selfs, by article (uses come by
** article, and by position within one). Returns 0, or -1 when memory runs out. */
static int selfrefs (const Coll *c, tifa_citations *r) {
  size_t i, n = 0;
  for (i = 0; i < c->nu; i++) n += c->us[i].how == TIFA_CITE_SELF;
  r->selfs = (tifa_cite_self *)malloc(n * sizeof(tifa_cite_self) + 1);
  r->selfuses = (tifa_cite_use *)malloc(n * sizeof(tifa_cite_use) + 1);
  if (!r->selfs || !r->selfuses) return -1;
  for (i = 0, n = 0; i < c->nu; i++) {
    const Use *u = &c->us[i];
    tifa_cite_self *t;
    if (u->how != TIFA_CITE_SELF) continue;
    if (r->nself == 0 || r->selfs[r->nself - 1].article != u->article) {
      const Art *a = &c->arts[u->art];
      t = &r->selfs[r->nself++];
      t->article = u->article;
      t->title = P(c, a->title);
      t->kind = a->kind;
      t->count = 0;
      t->uses = r->selfuses + n;
    }
    t = &r->selfs[r->nself - 1];
    setuse(c, &r->selfuses[n++], u);
    t->count++;
  }
  return 0;
}

typedef struct Ord { size_t doc, art, start, u; } Ord;   /* art: the order of canonical() */

static int cmpord (const void *a, const void *b) {
  const Ord *x = (const Ord *)a, *y = (const Ord *)b;
  if (x->doc != y->doc) return x->doc < y->doc ? -1 : 1;
  if (x->art != y->art) return x->art < y->art ? -1 : 1;
  return x->start < y->start ? -1 : x->start > y->start;
}

static int cmpdoc (const void *a, const void *b) {
  const tifa_cite_doc *x = (const tifa_cite_doc *)a, *y = (const tifa_cite_doc *)b;
  if (x->narticles != y->narticles) return x->narticles > y->narticles ? -1 : 1;
  if (x->count != y->count) return x->count > y->count ? -1 : 1;
  if (x->resolved != y->resolved) return x->resolved > y->resolved ? -1 : 1;
  return strcmp(x->title, y->title);
}

static uint64_t hashstr (const char *s, size_t n) {
  uint64_t h = 1469598103934665603u;
  while (n--) h = (h ^ (unsigned char)*s++) * 1099511628211u;
  return h;
}

/* Gather the resolved uses into documents and build the result. */
static int build (Coll *c, tifa_citations **out) {
  size_t i, j, nd = 0, hcap = 1, *slot = NULL, na = 0, nl = 0;
  Doc *docs = NULL;
  Ord *ord = NULL;
  tifai_buf kb = TIFAI_BUF_INIT;
  tifa_citations *r = (tifa_citations *)calloc(1, sizeof(*r));
  size_t *keyof = NULL;                                  /* key offsets in kb, per use */
  int rc = TIFA_NOMEM;
  while (hcap < 2 * c->nu + 2) hcap *= 2;
  slot = (size_t *)malloc(hcap * sizeof(size_t));
  docs = (Doc *)malloc(c->nu * sizeof(Doc) + 1);
  ord = (Ord *)malloc(c->nu * sizeof(Ord) + 1);
  keyof = (size_t *)malloc((c->nu + 1) * sizeof(size_t));
  if (!r || !slot || !docs || !ord || !keyof) goto done;
  for (i = 0; i < hcap; i++) slot[i] = (size_t)-1;
  for (i = 0; i < c->nu; i++) {
    keyof[i] = kb.len;
    titlekey(&kb, P(c, c->us[i].res), c->us[i].reslen);
    tifai_buf_addc(&kb, '\0');
  }
  if (kb.oom) goto done;
  for (i = 0; i < c->nu; i++) {
    Use *u = &c->us[i];
    const char *k = kb.p + keyof[i];
    size_t kl = strlen(k), h;
    Doc *d;
    if (u->intitle || u->how == TIFA_CITE_SELF) continue;   /* not citations of a document */
    for (h = (size_t)hashstr(k, kl) & (hcap - 1); slot[h] != (size_t)-1; h = (h + 1) & (hcap - 1)) {
      d = &docs[slot[h]];
      if (d->keylen == kl && memcmp(kb.p + d->key, k, kl) == 0 &&
          d->resolved == (u->how != TIFA_CITE_UNRESOLVED)) break;
    }
    if (slot[h] == (size_t)-1) {
      slot[h] = nd;
      d = &docs[nd++];
      memset(d, 0, sizeof(*d));
      d->key = keyof[i]; d->keylen = kl;
      d->title = u->res; d->titlelen = u->reslen;
      d->resolved = u->how != TIFA_CITE_UNRESOLVED;
    }
    d = &docs[slot[h]];
    u->doc = slot[h];
    if (u->reslen > d->titlelen) { d->title = u->res; d->titlelen = u->reslen; }
    if (d->docnolen == 0 && u->docnolen > 0) { d->docno = u->docno; d->docnolen = u->docnolen; }
    ord[nl].doc = u->doc; ord[nl].art = u->art; ord[nl].start = u->start; ord[nl++].u = i;
  }
  if (nl > 1) qsort(ord, nl, sizeof(Ord), cmpord);
  r->docs = (tifa_cite_doc *)malloc(nd * sizeof(tifa_cite_doc) + 1);
  r->uses = (tifa_cite_use *)malloc(c->nu * sizeof(tifa_cite_use) + 1);
  r->aliases = (const char **)malloc(2 * c->nu * sizeof(char *) + 1);
  if (!r->docs || !r->uses || !r->aliases || selfrefs(c, r) != 0) goto done;
  for (i = 0; i < nl; i = j) {                        /* one document per run of 'ord' */
    const Doc *d = &docs[ord[i].doc];
    tifa_cite_doc *t = &r->docs[ord[i].doc];
    size_t a0 = na;
    int64_t last = -1;
    t->title = P(c, d->title);
    t->kind = tifa_cite_kind(t->title, d->titlelen);
    t->docno = d->docnolen ? P(c, d->docno) : NULL;
    t->resolved = d->resolved;
    t->count = 0; t->narticles = 0;
    t->uses = r->uses + i;
    t->aliases = r->aliases + a0;
    for (j = i; j < nl && ord[j].doc == ord[i].doc; j++) {
      const Use *u = &c->us[ord[j].u];
      size_t forms[2], k, m;
      setuse(c, &r->uses[j], u);
      t->count++;
      if (u->article != last) { t->narticles++; last = u->article; }
      forms[0] = u->res; forms[1] = u->title;
      for (k = 0; k < (u->selfkind ? 1u : 2u); k++) {   /* the other forms, once each; 本法 is none */
        const char *f = P(c, forms[k]);
        if (strcmp(f, t->title) == 0) continue;
        for (m = a0; m < na && strcmp(r->aliases[m], f) != 0; m++) ;
        if (m == na) r->aliases[na++] = f;
      }
    }
    t->naliases = na - a0;
  }
  qsort(r->docs, nd, sizeof(tifa_cite_doc), cmpdoc);
  r->n = nd;
  r->pool = c->pool.p;
  c->pool.p = NULL; c->pool.len = c->pool.cap = 0;
  *out = r; r = NULL;
  rc = TIFA_OK;
done:
  if (r) { r->pool = NULL; tifa_citations_free(r); }
  free(slot); free(docs); free(ord); free(keyof);
  tifai_buf_free(&kb);
  return rc;
}

int tifa_cite_citations (tifa_store *s, const int64_t *ids, size_t nids, tifa_citations **out) {
  return tifa_cite_citations_stores(&s, NULL, 1, ids, nids, out);
}

int tifa_cite_citations_stores (tifa_store *const *stores, const int64_t *bases, size_t n,
                                const int64_t *ids, size_t nids, tifa_citations **out) {
  tifai_source src;
  Coll c;
  size_t i;
  int rc;
  *out = NULL;
  if (n == 0) return TIFA_ERROR;
  src.stores = stores; src.bases = bases; src.n = n;
  memset(&c, 0, sizeof(c));
  rc = tifai_source_each(&src, ids, nids, collect, &c);
  if (rc == TIFA_OK && c.pool.oom) rc = TIFA_NOMEM;
  if (rc == TIFA_OK && c.pool.p == NULL) tifai_buf_addc(&c.pool, '\0');
  if (rc == TIFA_OK) rc = canonical(&c, &src);
  if (rc == TIFA_OK) {
    for (i = 0; i < c.nu; i++)                           /* titles first: self-references */
      if (c.us[i].selfkind == NULL) resolve(&c, &c.us[i]);   /* name them */
    for (i = 0; i < c.nu; i++)
      if (c.us[i].selfkind != NULL) resolve(&c, &c.us[i]);
    rc = build(&c, out);
  }
  if (rc == TIFA_NOMEM) tifai_store_fail(stores[0], TIFA_NOMEM, "not enough memory");
  tifai_buf_free(&c.pool);
  free(c.us); free(c.arts); free(c.scratch); free(c.selfs);
  return rc;
}

/* }====== */
