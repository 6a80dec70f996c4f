/*
** query.c -- search queries: parsing (terms, "quoted terms", AND, OR, NOT, parentheses,
** NEAR(...), title:), compiling to an FTS5 MATCH expression over tifa's tokens that finds a
** superset of the matching articles, and verifying each candidate against its text, so that
** hits have no false positives and every match (a term's occurrence, a NEAR's span) carries
** its character offsets. The rules are in include/tifa_store.h.
** User text never reaches MATCH unquoted: each token is quoted by itself.
*/
#define _GNU_SOURCE                 /* memmem */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "store.h"
#include "text.h"

#define MAXNODES      256           /* terms and operators in one query */
#define NEAR_DEFAULT  10            /* NEAR(a b) without ', N' */
#define MAXDEPTH      64            /* nested parentheses */

enum { N_TERM, N_AND, N_OR, N_NOT, N_NEAR };

typedef struct node {
  int kind;                         /* N_* */
  int a, b;                         /* operands (node indexes); NEAR: first term and count */
  int dist;                         /* NEAR: characters allowed between the terms */
  char *text;                       /* N_TERM: folded, Latin letters lowercased */
  size_t len;
  int fold;                         /* N_TERM: has ASCII letters, so match case-insensitively */
  int positive;                     /* N_TERM, N_NEAR: not under the right side of a NOT */
  int innear;                       /* N_TERM: an operand of a NEAR (its spans count, not it) */
  int title;                        /* under title: (matches in the title only) */
  int width;                        /* N_TERM: holds a character that width variants match */
} node;

struct tifai_query {
  node nodes[MAXNODES];
  int nnodes;
  int root;
  int nearterms[MAXNODES];          /* NEAR operands: term indexes, 'a' .. 'a'+'b'-1 here */
  int nnear;
  tifai_buf match;                  /* the FTS5 expression */
  tifai_buf lower;                  /* scratch: the candidate's text, Latin letters lowercased */
  int words;                        /* TIFA_MATCH_WORDS: terms match whole words */
  tifai_buf bounds;                 /* scratch: the word boundaries of title and text */
  tifai_buf inner;                  /* scratch: the spans of words inside longer words */
  int oom;                          /* verification ran out of memory (nearspans) */
  int width;                        /* some term needs the fields width-folded */
  tifai_buf orig;                   /* scratch: byte of the folded fields -> byte as stored */
  tifai_buf near;                   /* scratch: NEAR occurrences and windows */
};

/* {====== Lexer and parser ====== */

enum { T_END, T_TERM, T_AND, T_OR, T_NOT, T_NEAR, T_LP, T_RP, T_COMMA, T_TITLE };

typedef struct parser {
  const char *q, *p;                /* the query and the read position */
  int tok;                          /* current token T_* */
  tifai_buf word;                   /* T_TERM: its raw text */
  int tokpos;                       /* character position of the current token, from 1 */
  int innear;                       /* inside NEAR( ): ',' separates the distance */
  int depth;                        /* open parentheses */
  tifai_query *out;
  char *err;
  size_t errsz;
  int rc;
} parser;

static int charpos (parser *ps, const char *at) {
  return (int)tifa_utf8_len(ps->q, (size_t)(at - ps->q)) + 1;
}

static int isspacecp (const char *p, int *n) {
  int32_t cp;
  *n = tifa_utf8_decode(p, strnlen(p, 4), &cp);
  if (*n <= 0) { *n = 1; return 0; }
  return tifai_is_space(cp);
}

static int perror_ (parser *ps, const char *what) {
  if (ps->rc == TIFA_OK) {
    ps->rc = TIFA_SYNTAX;
    snprintf(ps->err, ps->errsz, "malformed query: %s at character %d", what, ps->tokpos);
  }
  return -1;
}

/*
** The length of the literal parenthesis at p, or 0 if it groups. A '(' is text when what it
** encloses up to its ')' is one bare word: no space, quote or parenthesis in it (nor a comma
** inside NEAR), as in (一), (试行), (2024); it then belongs to the term around it. A '('
** that encloses an expression (several terms, an operator, a quoted term, a group) or has
** no ')' groups.
*/
static size_t literalparen (parser *ps, const char *p) {
  const char *w = p + 1;
  int n;
  for (; *w && *w != ')'; w += n) {
    if (*w == '(' || *w == '"' || (*w == ',' && ps->innear) || isspacecp(w, &n)) return 0;
    if (n <= 0) n = 1;
  }
  return *w == ')' ? (size_t)(w + 1 - p) : 0;
}

static void next (parser *ps) {
  const char *p = ps->p;
  int n;
  while (*p && isspacecp(p, &n)) p += n;
  ps->tokpos = charpos(ps, p);
  tifai_buf_reset(&ps->word);
  if (*p == '\0') { ps->tok = T_END; ps->p = p; return; }
  if (*p == '(' && literalparen(ps, p) == 0) { ps->tok = T_LP; ps->p = p + 1; return; }
  if (strncmp(p, "title:", 6) == 0) { ps->tok = T_TITLE; ps->p = p + 6; return; }
  if (*p == ')') { ps->tok = T_RP; ps->p = p + 1; return; }
  if (*p == ',' && ps->innear) { ps->tok = T_COMMA; ps->p = p + 1; return; }
  if (*p == '"') {                          /* "quoted", with "" for a quote inside */
    p++;
    for (;;) {
      if (*p == '\0') { ps->p = p; ps->tok = T_END; perror_(ps, "unterminated quote"); return; }
      if (*p == '"') {
        if (p[1] == '"') { tifai_buf_addc(&ps->word, '"'); p += 2; continue; }
        p++;
        break;
      }
      tifai_buf_addc(&ps->word, *p++);
    }
    ps->tok = T_TERM;
    ps->p = p;
    if (ps->word.oom && ps->rc == TIFA_OK) ps->rc = TIFA_NOMEM;
    return;
  }
  while (*p && *p != ')' && *p != '"' && !(*p == ',' && ps->innear) && !isspacecp(p, &n)) {
    if (*p == '(') {                        /* a literal one is part of the term */
      size_t k;
      if ((ps->word.len == 4 && memcmp(ps->word.p, "NEAR", 4) == 0)
          || (k = literalparen(ps, p)) == 0)
        break;
      tifai_buf_add(&ps->word, p, k);
      p += k;
      continue;
    }
    tifai_buf_addc(&ps->word, *p++);
  }
  ps->p = p;
  ps->tok = T_TERM;
  if (ps->word.oom && ps->rc == TIFA_OK) ps->rc = TIFA_NOMEM;   /* not a syntax error */
  if (ps->word.len == 3 && memcmp(ps->word.p, "AND", 3) == 0) ps->tok = T_AND;
  else if (ps->word.len == 2 && memcmp(ps->word.p, "OR", 2) == 0) ps->tok = T_OR;
  else if (ps->word.len == 3 && memcmp(ps->word.p, "NOT", 3) == 0) ps->tok = T_NOT;
  else if (ps->word.len == 4 && memcmp(ps->word.p, "NEAR", 4) == 0 && *p == '(') {
    ps->tok = T_NEAR;
    ps->p = p + 1;                          /* its '(' always opens the operands */
  }
}

static int newnode (parser *ps, int kind, int a, int b) {
  tifai_query *q = ps->out;
  if (q->nnodes >= MAXNODES) return perror_(ps, "too many terms");
  memset(&q->nodes[q->nnodes], 0, sizeof(node));
  q->nodes[q->nnodes].kind = kind;
  q->nodes[q->nnodes].a = a;
  q->nodes[q->nnodes].b = b;
  return q->nnodes++;
}

/* Is cp what a width variant folds to (tifai_fold_width), other than a letter or digit? */
static int widthtarget (int32_t cp) {
  if (cp < 0x80)
    return cp >= ' ' && cp < 0x7F && !((cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z')
                                        || (cp >= 'A' && cp <= 'Z'));
  return cp == 0xA2 || cp == 0xA3 || cp == 0xA5 || cp == 0xA6 || cp == 0xAC || cp == 0xAF
         || cp == 0x20A9 || cp == 0x2985 || cp == 0x2986 || cp == 0x3001 || cp == 0x3002
         || cp == 0x300C || cp == 0x300D || cp == 0x30FB;
}

/* Replace 'b' (valid UTF-8) by its text with the width variants folded; '*width' set when
** the result holds a character that has a width variant. Returns 0, or -1 out of memory. */
static int widthfold (tifai_buf *b, int *width) {
  tifai_buf o = TIFAI_BUF_INIT;
  size_t i = 0;
  *width = 0;
  while (i < b->len) {
    int32_t cp, m;
    int n = tifa_utf8_decode(b->p + i, b->len - i, &cp);
    if (n <= 0) { n = 1; cp = (unsigned char)b->p[i]; }
    m = tifai_fold_width(cp);
    if (widthtarget(m)) *width = 1;
    if (m == cp) tifai_buf_add(&o, b->p + i, (size_t)n);
    else tifai_buf_addcp(&o, m);
    i += (size_t)n;
  }
  if (o.oom) { tifai_buf_free(&o); return -1; }
  tifai_buf_free(b);
  *b = o;
  return 0;
}

/* Make a term node of the current word: fold it (letters, digits and punctuation to one
** width) and lowercase its Latin letters. */
static int term (parser *ps) {
  tifai_buf f = TIFAI_BUF_INIT;
  node *t;
  size_t i;
  int id;
  long folded = ps->word.len > 0 ? tifai_fold(&f, ps->word.p, ps->word.len) : -1;
  if (ps->word.oom || f.oom) { tifai_buf_free(&f); ps->rc = TIFA_NOMEM; return -1; }
  if (folded < 0 || f.len == 0) {
    tifai_buf_free(&f);
    if (ps->word.len > 0 && !tifa_utf8_valid(ps->word.p, ps->word.len, NULL))
      return perror_(ps, "invalid UTF-8");
    return perror_(ps, "empty term");
  }
  if ((id = newnode(ps, N_TERM, 0, 0)) < 0) { tifai_buf_free(&f); return -1; }
  t = &ps->out->nodes[id];
  if (widthfold(&f, &t->width) != 0) { tifai_buf_free(&f); ps->rc = TIFA_NOMEM; return -1; }
  for (i = 0; i < f.len; i++)
    if (f.p[i] >= 'A' && f.p[i] <= 'Z') { f.p[i] = (char)(f.p[i] + 32); t->fold = 1; }
    else if (f.p[i] >= 'a' && f.p[i] <= 'z') t->fold = 1;
  if (t->width) ps->out->width = 1;
  t->text = tifai_buf_detach(&f, &t->len);
  t->positive = 1;
  next(ps);
  return id;
}

static int expr (parser *ps);

static int nearexpr (parser *ps) {
  tifai_query *q = ps->out;
  int first = q->nnear, id, dist = NEAR_DEFAULT;
  ps->innear = 1;
  next(ps);                                       /* NEAR( */
  while (ps->tok == T_TERM) {
    int t = term(ps);
    if (t < 0) return -1;
    q->nodes[t].innear = 1;
    q->nearterms[q->nnear++] = t;
  }
  if (ps->tok == T_COMMA) {
    char *end;
    long d;
    next(ps);
    d = (ps->tok == T_TERM) ? strtol(ps->word.p, &end, 10) : -1;
    if (ps->tok != T_TERM || *end != '\0' || d < 0 || d > 100000)
      return perror_(ps, "NEAR distance must be a whole number");
    dist = (int)d;
    next(ps);
  }
  if (ps->tok != T_RP) return perror_(ps, "')' expected to close NEAR");
  if (q->nnear - first < 2) return perror_(ps, "NEAR needs two terms or more");
  ps->innear = 0;
  next(ps);
  if ((id = newnode(ps, N_NEAR, first, q->nnear - first)) < 0) return -1;
  q->nodes[id].dist = dist;
  return id;
}

/* Mark node n and those under it as matching in the title only. */
static void marktitle (tifai_query *q, int n) {
  node *x = &q->nodes[n];
  int i;
  x->title = 1;
  switch (x->kind) {
    case N_TERM: break;
    case N_NEAR: for (i = 0; i < x->b; i++) q->nodes[q->nearterms[x->a + i]].title = 1; break;
    default: marktitle(q, x->a); marktitle(q, x->b); break;
  }
}

static int primary (parser *ps) {
  int e, lp;
  switch (ps->tok) {
    case T_TERM: return term(ps);
    case T_NEAR: return nearexpr(ps);
    case T_TITLE:                                 /* title:TERM, title:"..", title:(..) */
      next(ps);
      if (ps->tok == T_TITLE || ps->tok == T_END || ps->tok == T_RP)
        return perror_(ps, "term expected after title:");
      if ((e = primary(ps)) < 0) return -1;
      marktitle(ps->out, e);
      return e;
    case T_LP:
      if (++ps->depth > MAXDEPTH) return perror_(ps, "parentheses nested too deeply");
      lp = ps->tokpos;
      next(ps);
      if ((e = expr(ps)) < 0) return -1;
      if (ps->tok != T_RP) {                      /* the end: point at the '(' left open */
        ps->tokpos = lp;
        return perror_(ps, "unbalanced parenthesis");
      }
      ps->depth--;
      next(ps);
      return e;
    case T_END: return perror_(ps, "term expected");
    case T_RP: return perror_(ps, "unbalanced parenthesis");
    default: return perror_(ps, "term expected before operator");
  }
}

static int notexpr (parser *ps) {
  int a = primary(ps);
  while (a >= 0 && ps->tok == T_NOT) {
    int b;
    next(ps);
    if ((b = primary(ps)) < 0) return -1;
    a = newnode(ps, N_NOT, a, b);
  }
  return a;
}

static int andexpr (parser *ps) {
  int a = notexpr(ps);
  while (a >= 0 && (ps->tok == T_AND || ps->tok == T_TERM || ps->tok == T_LP || ps->tok == T_NEAR
                    || ps->tok == T_TITLE)) {
    int b;
    if (ps->tok == T_AND) next(ps);
    if ((b = notexpr(ps)) < 0) return -1;
    a = newnode(ps, N_AND, a, b);
  }
  return a;
}

static int expr (parser *ps) {
  int a = andexpr(ps);
  while (a >= 0 && ps->tok == T_OR) {
    int b;
    next(ps);
    if ((b = andexpr(ps)) < 0) return -1;
    a = newnode(ps, N_OR, a, b);
  }
  return a;
}

/* Mark the terms on the right of a NOT as negative: they count no matches. */
static void marknegative (tifai_query *q, int n, int neg) {
  node *x = &q->nodes[n];
  int i;
  switch (x->kind) {
    case N_TERM: x->positive = !neg; break;
    case N_NEAR:
      x->positive = !neg;
      for (i = 0; i < x->b; i++) q->nodes[q->nearterms[x->a + i]].positive = !neg;
      break;
    case N_NOT: marknegative(q, x->a, neg); marknegative(q, x->b, 1); break;
    default: marknegative(q, x->a, neg); marknegative(q, x->b, neg); break;
  }
}

/* }====== */

/* {====== Compiling to FTS5 ====== */

static int addtoken (void *ud, const char *tok, int len, int start, int end, int prefix) {
  tifai_buf *b = (tifai_buf *)ud;
  (void)start; (void)end;
  if (b->len > 0) tifai_buf_adds(b, " + ");
  tifai_buf_addc(b, '"');
  tifai_buf_add(b, tok, (size_t)len);      /* tokens never hold '"': it separates */
  tifai_buf_addc(b, '"');
  if (prefix) tifai_buf_addc(b, '*');
  return 0;
}

/*
** Write the FTS5 expression of node n into 'out' (empty on entry). Returns 0 when the node
** puts no condition the index can check (a term with no letters, digits or Chinese
** characters; an OR with such a side), so the caller drops it and verification alone decides.
** NOT keeps only its left side: what must not occur is checked by verification alone.
*/
static int compile (tifai_query *q, int n, tifai_buf *out) {
  const node *x = &q->nodes[n];
  tifai_buf l = TIFAI_BUF_INIT, r = TIFAI_BUF_INIT;
  int ok = 0, i, k = 0;
  long chars = 0;
  switch (x->kind) {
    case N_TERM:
      if (q->words) {               /* one string: FTS5 segments it as the index did */
        size_t j;
        int any = tifai_words_any(x->text, x->len);
        if (any < 0) out->oom = 1;                  /* the segmenter ran out of memory */
        if (any <= 0) return 0;
        if (x->title && !x->innear) tifai_buf_adds(out, "title : ");
        tifai_buf_addc(out, '"');
        for (j = 0; j < x->len; j++) {
          if (x->text[j] == '"') tifai_buf_addc(out, '"');
          tifai_buf_addc(out, x->text[j]);
        }
        tifai_buf_addc(out, '"');
        return 1;
      }
      tifai_tokens(x->text, (int)x->len, TIFAI_TOK_QUERY, addtoken, &l);
      if (l.len > 0) {
        if (x->title && !x->innear) tifai_buf_adds(out, "title : ");
        tifai_buf_add(out, l.p, l.len);
        ok = 1;
      }
      break;
    case N_NOT:
      return compile(q, x->a, out);
    case N_NEAR:                    /* the index's N: every term lies in a span of at most
                                    ** dist + (their characters) characters, and token
                                    ** positions step at most once a character */
      for (i = 0; i < x->b; i++) {
        const node *t = &q->nodes[q->nearterms[x->a + i]];
        int okt;
        chars += (long)tifa_utf8_len(t->text, t->len);
        tifai_buf_reset(&l);
        okt = compile(q, q->nearterms[x->a + i], &l);
        if (l.oom) r.oom = 1;                       /* the reset above would lose it */
        if (!okt) continue;
        tifai_buf_addc(&r, ' ');
        tifai_buf_add(&r, l.p, l.len);
        k++;
      }
      if (x->title && k > 0) tifai_buf_adds(out, "title : ");
      if (k >= 2) {
        char d[32];
        snprintf(d, sizeof(d), ", %ld)", (long)x->dist + chars);
        tifai_buf_adds(out, "NEAR(");
        tifai_buf_add(out, r.p + 1, r.len - 1);
        tifai_buf_adds(out, d);
      }
      else if (k == 1) tifai_buf_add(out, r.p + 1, r.len - 1);
      ok = k > 0;
      break;
    default: {                                      /* AND, OR */
      int okl = compile(q, x->a, &l), okr = compile(q, x->b, &r);
      if (okl && okr) {
        tifai_buf_addc(out, '(');
        tifai_buf_add(out, l.p, l.len);
        tifai_buf_adds(out, x->kind == N_AND ? ") AND (" : ") OR (");
        tifai_buf_add(out, r.p, r.len);
        tifai_buf_addc(out, ')');
        ok = 1;
      }
      else if (x->kind == N_AND && (okl || okr)) {
        if (okl) tifai_buf_add(out, l.p, l.len);
        else tifai_buf_add(out, r.p, r.len);
        ok = 1;
      }
      break;
    }
  }
  if (l.oom || r.oom) out->oom = 1;
  tifai_buf_free(&l);
  tifai_buf_free(&r);
  return ok;
}

int tifai_query_parse (const char *qs, int flags, tifai_query **out, char *err, size_t errsz) {
  parser ps;
  tifai_query *q = (tifai_query *)calloc(1, sizeof(*q));
  int root, ok;
  *out = NULL;
  if (q == NULL) { snprintf(err, errsz, "%s", tifa_errstr(TIFA_NOMEM)); return TIFA_NOMEM; }
  q->words = (flags & TIFA_MATCH_WORDS) != 0;
  memset(&ps, 0, sizeof(ps));
  ps.q = ps.p = qs;
  ps.out = q;
  ps.err = err;
  ps.errsz = errsz;
  next(&ps);
  if (ps.tok == T_END && ps.rc == TIFA_OK) perror_(&ps, "empty query");
  root = (ps.rc == TIFA_OK) ? expr(&ps) : -1;
  if (ps.rc != TIFA_OK) root = -1;                  /* e.g. an unterminated quote at the end */
  if (root >= 0 && ps.tok != T_END) {
    perror_(&ps, ps.tok == T_RP ? "unbalanced parenthesis" : "unexpected token");
    root = -1;
  }
  tifai_buf_free(&ps.word);
  if (root < 0) {
    int rc = ps.rc ? ps.rc : TIFA_SYNTAX;
    if (rc == TIFA_NOMEM) snprintf(err, errsz, "%s", tifa_errstr(TIFA_NOMEM));
    tifai_query_free(q);
    return rc;
  }
  q->root = root;
  marknegative(q, root, 0);
  ok = compile(q, root, &q->match);
  if (q->match.oom) {                               /* first: a lost term may look like none */
    snprintf(err, errsz, "%s", tifa_errstr(TIFA_NOMEM));
    tifai_query_free(q);
    return TIFA_NOMEM;
  }
  if (!ok) {
    snprintf(err, errsz, "malformed query: nothing to search for (a query needs a %s outside NOT)",
             q->words ? "word" : "letter, digit or Chinese character");
    tifai_query_free(q);
    return TIFA_SYNTAX;
  }
  *out = q;
  return TIFA_OK;
}

/* {------ Phrases ------ */

/*
** Scan the finished MATCH expression, the text FTS5 parses, so that the phrases come in
** FTS5's order whatever compile() dropped: strings in double quotes ("" for a quote inside),
** each maybe followed by '*', joined by " + " into one phrase; "title : " filters the next
** phrase, or every phrase of the NEAR(...) or (...) that follows; NEAR's ", N)", parentheses,
** AND, OR and NOT separate phrases.
*/
size_t tifai_query_phrases (tifai_query *q, tifai_buf *out) {
  const char *p = q->match.p ? q->match.p : "";
  size_t n = 0;
  int depth = 0, coldepth = -1;     /* a filtered group ends when depth returns to coldepth */
  int colnext = 0;                  /* "title : " read: it filters what comes next */
  while (*p) {
    if (*p == ' ') p++;
    else if (strncmp(p, "title : ", 8) == 0) { colnext = 1; p += 8; }
    else if (*p == '(' || strncmp(p, "NEAR(", 5) == 0) {
      if (colnext && coldepth < 0) coldepth = depth;
      colnext = 0;
      depth++;
      p += (*p == '(') ? 1 : 5;
    }
    else if (*p == ')') {
      if (--depth == coldepth) coldepth = -1;
      p++;
    }
    else if (*p == ',') {                           /* NEAR's ", N" */
      p++;
      while (*p == ' ' || (*p >= '0' && *p <= '9')) p++;
    }
    else if (*p == '"') {
      const char *start = p;
      for (;;) {                                    /* "a" + "b" + "c"* */
        for (p++; *p; p++) {
          if (*p == '"') {
            if (p[1] != '"') break;
            p++;
          }
        }
        if (*p == '"') p++;
        if (*p == '*') p++;
        if (strncmp(p, " + \"", 4) != 0) break;
        p += 3;
      }
      if (colnext || coldepth >= 0) tifai_buf_adds(out, "title : ");
      tifai_buf_add(out, start, (size_t)(p - start));
      tifai_buf_addc(out, '\0');
      colnext = 0;
      n++;
    }
    else                                            /* AND, OR, NOT */
      while (*p && *p != ' ' && *p != '(' && *p != ')' && *p != '"') p++;
  }
  return n;
}

/* }------ */

void tifai_query_free (tifai_query *q) {
  int i;
  if (q == NULL) return;
  for (i = 0; i < q->nnodes; i++) free(q->nodes[i].text);
  tifai_buf_free(&q->match);
  tifai_buf_free(&q->lower);
  tifai_buf_free(&q->bounds);
  tifai_buf_free(&q->inner);
  tifai_buf_free(&q->orig);
  tifai_buf_free(&q->near);
  free(q);
}

/* Does the pattern overlap itself (a proper prefix equal to a suffix, as in 哈哈)? Then
** FTS5 counts overlapping instances where verification counts non-overlapping ones. */
static int selfoverlaps (const char *t, size_t n) {
  size_t k;
  for (k = 1; k < n; k++)
    if (((unsigned char)t[k] & 0xC0) != 0x80 && memcmp(t, t + k, n - k) == 0) return 1;
  return 0;
}

int tifai_query_exact (tifai_query *q) {
  const node *x = &q->nodes[q->root];
  return !q->words && x->kind == N_TERM && !x->title && tifai_tokens_exact(x->text, (int)x->len) && !selfoverlaps(x->text, x->len);
}

const char *tifai_query_match (tifai_query *q) {
  return q->match.p ? q->match.p : "";
}

/* }====== */

/* {====== Verification ====== */

typedef struct field {              /* one field of the candidate, as searched */
  const char *s;                    /* its text, Latin letters lowercased if any term needs,
                                    ** width variants folded if any term holds one */
  size_t len;
  const size_t *orig;               /* with width folded: byte offset in s -> as stored */
  const unsigned char *b;           /* its word boundaries (tifai_word_bounds), or NULL */
  const size_t *inner;              /* and its inner words' spans */
  size_t ninner;
} field;

/* The first occurrence of term x in f at or after byte 'at' (on word boundaries if f has
** them), or NULL. */
static const char *findterm (const node *x, const field *f, size_t at) {
  while (at + x->len <= f->len) {
    const char *hit = (const char *)memmem(f->s + at, f->len - at, x->text, x->len);
    size_t r, e;
    if (hit == NULL || f->b == NULL) return hit;
    r = (size_t)(hit - f->s);
    e = r + x->len;
    if (f->orig) { r = f->orig[r]; e = f->orig[e]; }
    if (tifai_word_at(f->b, f->inner, f->ninner, r, e)) return hit;
    at = (size_t)(hit - f->s) + 1;  /* the next character: continuation bytes never match */
  }
  return NULL;
}

/* Find the occurrences of term x in f; append their byte ranges to 'occ' (pairs of size_t).
** Occurrences do not overlap, as grep -o counts them. Returns how many. */
static size_t occurrences (const node *x, const field *f, tifai_buf *occ) {
  size_t n = 0, at = 0;
  while (at + x->len <= f->len) {
    const char *hit = findterm(x, f, at);
    size_t r[2];
    if (hit == NULL) break;
    r[0] = (size_t)(hit - f->s);
    r[1] = r[0] + x->len;
    tifai_buf_add(occ, r, sizeof(r));
    n++;
    at = r[1];
  }
  return n;
}

/* {------ NEAR spans ------ */

typedef struct nocc { int64_t s, e; int t; } nocc;  /* an occurrence of a NEAR operand, in
                                                    ** characters; 't' its operand */

#define NEAR_STEPS  100000          /* tries per window before it is given up as no span */

typedef struct nearwin {            /* the occurrences of a window, and the choice in it */
  const nocc *v;                    /* the window's occurrences, by start */
  size_t n;
  int k;                            /* operands */
  int64_t from, to;                 /* the span may not start before, nor end after */
  int64_t chosen[2 * 64];           /* the occurrences chosen so far, as [s, e) */
  long steps;
} nearwin;

/* Can operands t..k-1 each take an occurrence in the window that starts at or after
** w->from and overlaps none chosen so far? */
static int assign (nearwin *w, int t) {
  size_t i;
  int j;
  if (t == w->k) return 1;
  for (i = 0; i < w->n; i++) {
    const nocc *o = &w->v[i];
    int clash = 0;
    if (o->t != t || o->s < w->from || o->e > w->to) continue;
    if (++w->steps > NEAR_STEPS) return 0;
    for (j = 0; j < t && !clash; j++) clash = o->s < w->chosen[2 * j + 1] && w->chosen[2 * j] < o->e;
    if (clash) continue;
    w->chosen[2 * t] = o->s;
    w->chosen[2 * t + 1] = o->e;
    if (assign(w, t + 1)) return 1;
  }
  return 0;
}

static int cmpnocc (const void *a, const void *b) {
  const nocc *x = (const nocc *)a, *y = (const nocc *)b;
  if (x->s != y->s) return x->s < y->s ? -1 : 1;
  return (x->e > y->e) - (x->e < y->e);
}

static int cmpi64 (const void *a, const void *b) {
  int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
  return (x > y) - (x < y);
}

/*
** The spans of NEAR x in field f, left to right (the rule is in tifa_store.h): a span holds
** one occurrence of each operand, no two overlapping, with at most x->dist characters of it
** outside them. The first span is the one that ends first, as short as it can be; the next
** is sought after its end. Appends each span's [from, to) in characters to 'out' (if not
** NULL); stops at the first when 'one'. Returns the number of spans (q->oom set when memory
** ran out).
*/
static long nearspans (tifai_query *q, const node *x, const field *f, tifai_buf *out, int one) {
  int k = x->b > 64 ? 64 : x->b, i;
  int64_t chars = 0, prevend = 0, *ends;
  size_t nall = 0, j, ne, lo;
  tifai_buf occ = TIFAI_BUF_INIT;
  nocc *all;
  nearwin w;
  long found = 0;
  if (k < 2) return 0;
  tifai_buf_reset(&q->near);
  for (i = 0; i < k; i++) {         /* each operand's occurrences, turned into characters */
    const node *t = &q->nodes[q->nearterms[x->a + i]];
    size_t n, bytepos = 0;
    int64_t charpos = 0;
    tifai_buf_reset(&occ);
    n = occurrences(t, f, &occ);
    if (occ.oom) { q->oom = 1; goto done; }
    if (n == 0) goto done;
    chars += (int64_t)tifa_utf8_len(t->text, t->len);
    for (j = 0; j < n; j++) {
      const size_t *r = (const size_t *)occ.p + 2 * j;
      nocc o;
      charpos += (int64_t)tifa_utf8_len(f->s + bytepos, r[0] - bytepos);
      o.s = charpos;
      o.e = charpos + (int64_t)tifa_utf8_len(f->s + r[0], r[1] - r[0]);
      o.t = i;
      charpos = o.e;
      bytepos = r[1];
      tifai_buf_add(&q->near, &o, sizeof(o));
    }
  }
  nall = q->near.len / sizeof(nocc);
  if (tifai_buf_grow(&q->near, nall * sizeof(int64_t)) != 0 || q->near.oom) { q->oom = 1; goto done; }
  all = (nocc *)q->near.p;
  ends = (int64_t *)(q->near.p + nall * sizeof(nocc));
  qsort(all, nall, sizeof(nocc), cmpnocc);
  for (j = 0; j < nall; j++) ends[j] = all[j].e;
  qsort(ends, nall, sizeof(int64_t), cmpi64);
  memset(&w, 0, sizeof(w));
  w.k = k;
  lo = 0;
  for (ne = 0; ne < nall; ne++) {   /* each end, in order: does a span end there? */
    int64_t e = ends[ne], lb = e - (chars + x->dist);
    size_t a, b, hi;
    int have[64], nhave = 0;
    if (ne > 0 && ends[ne - 1] == e) continue;
    if (lb < prevend) lb = prevend;
    while (lo < nall && all[lo].s < lb) lo++;
    memset(have, 0, sizeof(have));
    for (b = lo; b < nall && all[b].s < e; b++)     /* the window [lb, e): all[lo..b) */
      if (all[b].e <= e && !have[all[b].t]) { have[all[b].t] = 1; nhave++; }
    if (nhave < k) continue;
    w.v = all + lo;
    w.n = b - lo;
    w.from = lb;
    w.to = e;
    w.steps = 0;
    if (!assign(&w, 0)) continue;
    /* the span: the latest start that still holds one of each (a smaller window holds
    ** less, so the starts are searched by halves; w.v[0] starts the window) */
    a = 0;
    for (hi = w.n - 1; a < hi; ) {
      size_t mid = a + (hi - a + 1) / 2;
      w.from = w.v[mid].s;
      w.steps = 0;
      if (assign(&w, 0)) a = mid; else hi = mid - 1;
    }
    w.from = w.v[a].s;
    if (out) {
      int64_t sp[2];
      sp[0] = w.from;
      sp[1] = e;
      tifai_buf_add(out, sp, sizeof(sp));
    }
    found++;
    prevend = e;
    if (one) break;
  }
done:
  tifai_buf_free(&occ);
  return found;
}

/* }------ */

static int present (tifai_query *q, const node *x, const field *f) {
  (void)q;
  if (x->len > f->len) return 0;
  return findterm(x, f, 0) != NULL;
}

/* Evaluate node n on the two fields (title, text); a node under title: sees the title. */
static int eval (tifai_query *q, int n, const field *fs) {
  const node *x = &q->nodes[n];
  switch (x->kind) {
    case N_TERM: return present(q, x, &fs[0]) || (!x->title && present(q, x, &fs[1]));
    case N_AND: return eval(q, x->a, fs) && eval(q, x->b, fs);
    case N_OR: return eval(q, x->a, fs) || eval(q, x->b, fs);
    case N_NOT: return eval(q, x->a, fs) && !eval(q, x->b, fs);
    default:
      return nearspans(q, x, &fs[0], NULL, 1) > 0 || (!x->title && nearspans(q, x, &fs[1], NULL, 1) > 0);
  }
}

static int cmpoff (const void *a, const void *b) {
  const int64_t *x = (const int64_t *)a, *y = (const int64_t *)b;
  if (x[0] != y[0]) return (x[0] > y[0]) - (x[0] < y[0]);
  return (x[1] > y[1]) - (x[1] < y[1]);
}

/* Collect the char offsets of the matches in field f (the title if 'title') into 'out': the
** occurrences of every positive term outside NEAR and the spans of every positive NEAR. */
static void collect (tifai_query *q, const field *f, int title, tifai_buf *out) {
  tifai_buf occ = TIFAI_BUF_INIT;
  int i;
  size_t j, n;
  for (i = 0; i < q->nnodes; i++) {
    const node *x = &q->nodes[i];
    size_t bytepos = 0, charpos = 0;
    if (!x->positive || (x->title && !title)) continue;
    if (x->kind == N_NEAR) {
      nearspans(q, x, f, out, 0);
      if (q->oom) out->oom = 1;
      continue;
    }
    if (x->kind != N_TERM || x->innear) continue;
    tifai_buf_reset(&occ);
    n = occurrences(x, f, &occ);
    if (occ.oom) out->oom = 1;                      /* occurrences lost: not fewer found */
    for (j = 0; j < n && !occ.oom; j++) {
      const size_t *r = (const size_t *)occ.p + 2 * j;
      int64_t c[2];
      charpos += tifa_utf8_len(f->s + bytepos, r[0] - bytepos);
      c[0] = (int64_t)charpos;
      c[1] = c[0] + (int64_t)tifa_utf8_len(f->s + r[0], r[1] - r[0]);
      charpos = (size_t)c[1];
      bytepos = r[1];
      tifai_buf_add(out, c, sizeof(c));
    }
  }
  tifai_buf_free(&occ);
  if (out->len > 0 && !out->oom)
    qsort(out->p, out->len / (2 * sizeof(int64_t)), 2 * sizeof(int64_t), cmpoff);
}

static int needlower (tifai_query *q) {
  int i;
  for (i = 0; i < q->nnodes; i++) if (q->nodes[i].kind == N_TERM && q->nodes[i].fold) return 1;
  return 0;
}

/* Append the field s[0..len) as searched to q->lower: Latin letters lowercased (which keeps
** byte and character offsets), and with 'width' the width variants folded (which keeps
** character offsets: one code point for one), each byte's offset as stored in q->orig
** when 'orig'. Returns the length appended. */
static size_t prepare (tifai_query *q, const char *s, size_t len, int width, int orig) {
  size_t i = 0, at = q->lower.len;
  if (!width) {
    tifai_buf_add(&q->lower, s, len);
    if (q->lower.oom) return 0;
    for (i = at; i < at + len; i++) {
      char c = q->lower.p[i];
      if (c >= 'A' && c <= 'Z') q->lower.p[i] = (char)(c + 32);
    }
    return len;
  }
  while (i < len) {
    size_t k, from = q->lower.len;
    int32_t cp, m;
    int n;
    unsigned char c = (unsigned char)s[i];
    if (c < 0x80) {
      tifai_buf_addc(&q->lower, (c >= 'A' && c <= 'Z') ? c + 32 : c);
      n = 1;
    }
    else {
      n = tifa_utf8_decode(s + i, len - i, &cp);
      if (n <= 0) { n = 1; cp = c; }
      m = tifai_fold_width(cp);
      if (m == cp) tifai_buf_add(&q->lower, s + i, (size_t)n);
      else tifai_buf_addcp(&q->lower, m);
    }
    if (orig)
      for (k = from; k < q->lower.len; k++) tifai_buf_add(&q->orig, &i, sizeof(size_t));
    i += (size_t)n;
  }
  if (orig) tifai_buf_add(&q->orig, &len, sizeof(size_t));
  return q->lower.len - at;
}

int tifai_query_verify (tifai_query *q, const char *title, size_t tlen, const char *text,
                        size_t len, tifai_buf *offs, tifai_buf *toffs) {
  field fs[2];
  int lower = needlower(q) || q->width, ok;
  size_t ft = tlen, fx = len;
  memset(fs, 0, sizeof(fs));
  tifai_buf_reset(&q->lower);
  tifai_buf_reset(&q->orig);
  q->oom = 0;
  fs[0].s = title; fs[0].len = tlen;
  fs[1].s = text; fs[1].len = len;
  if (lower) {
    ft = prepare(q, title, tlen, q->width, q->words);
    fx = prepare(q, text, len, q->width, q->words);
    if (q->lower.oom || q->orig.oom) return -1;
    fs[0].s = q->lower.p ? q->lower.p : "";
    fs[0].len = ft;
    fs[1].s = q->lower.p ? q->lower.p + ft : "";
    fs[1].len = fx;
    if (q->width && q->words) {
      fs[0].orig = (const size_t *)q->orig.p;
      fs[1].orig = (const size_t *)q->orig.p + ft + 1;
    }
  }
  if (q->words) {                   /* boundaries of the text as stored */
    size_t nt;
    tifai_buf_reset(&q->bounds);
    tifai_buf_reset(&q->inner);
    if (tifai_buf_grow(&q->bounds, tlen + len + 2) != 0) return -1;
    if (tifai_word_bounds(title, tlen, (unsigned char *)q->bounds.p, &q->inner) != TIFA_OK)
      return -1;
    nt = q->inner.len / (2 * sizeof(size_t));
    if (tifai_word_bounds(text, len, (unsigned char *)q->bounds.p + tlen + 1, &q->inner) != TIFA_OK)
      return -1;
    fs[0].b = (const unsigned char *)q->bounds.p;
    fs[1].b = (const unsigned char *)q->bounds.p + tlen + 1;
    fs[0].inner = (const size_t *)q->inner.p;
    fs[0].ninner = nt;
    fs[1].inner = q->inner.p ? (const size_t *)q->inner.p + 2 * nt : NULL;
    fs[1].ninner = q->inner.len / (2 * sizeof(size_t)) - nt;
  }
  ok = eval(q, q->root, fs);
  if (q->oom) return -1;
  if (ok) {
    if (toffs) collect(q, &fs[0], 1, toffs);
    if (offs) collect(q, &fs[1], 0, offs);
    if ((toffs && toffs->oom) || (offs && offs->oom)) return -1;
  }
  return ok;
}

/* }====== */
