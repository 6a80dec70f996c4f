/*
** layout_doc.c -- the layout's rules for official documents (公文, see layout_int.h): the
** elements of GB/T 9704-2012 that gongwen.c reads in a page's lines become fields, not text:
** the title lines the article's title, the 成文日期 its date, and the 发文字号, 发文机关,
** 主送机关, 签发人, 附件说明, 署名, 附注, 抄送 and 印发 its meta (keys in docs/lua-api.md,
** "Genres"). The 正文 stays text; a 附件 after the date stays text, a section of its own.
*/
#include "layout_int.h"
#include "gongwen.h"

/* The lines gongwen.c reads: the page's live body and heading blocks, in order, after the
** title its reader found (a Markdown "# 关于…的通知") when that reads better. */
#define NOBLOCK  ((size_t)-1)

typedef struct doclines {
  size_t *idx;                      /* block of each line; NOBLOCK: the reader's title */
  tifa_para *lines;                 /* spans into L->text */
  int *roles;                       /* TIFAI_GW_* of each line */
  size_t n;
  tifai_gongwen g;
} doclines;

static void freelines (doclines *D) {
  free(D->idx); free(D->lines); free(D->roles);
}

/* Read the page's lines (after the reader's title, if 'title') as a 公文 into '*D' (free with
** freelines); its score, -1 when out of memory (L->oom is then set). */
static int readlines1 (tifai_layout *L, doclines *D, int title) {
  size_t i;
  memset(D, 0, sizeof(*D));
  D->idx = (size_t *)malloc((L->nb + 1) * sizeof(*D->idx));
  D->lines = (tifa_para *)malloc((L->nb + 1) * sizeof(*D->lines));
  D->roles = (int *)malloc((L->nb + 1) * sizeof(*D->roles));
  if (D->idx == NULL || D->lines == NULL || D->roles == NULL) { L->oom = 1; return -1; }
  if (title && L->ptitle) {                          /* a copy after the blocks' texts */
    const char *t = fstr(L, L->ptitle);
    size_t at = L->text.len;
    tifai_buf_add(&L->text, t, strlen(t));
    tifai_buf_addc(&L->text, '\0');
    if (L->text.oom) { L->oom = 1; return -1; }
    D->idx[0] = NOBLOCK;
    D->lines[0].byte = at;
    D->lines[0].nbyte = strlen(t);
    D->lines[0].heading = 1;
    D->n = 1;
  }
  for (i = 0; i < L->nb; i++) {
    const block *b = &L->b[i];
    if ((b->role != R_BODY && b->role != R_HEAD) || b->len == 0) continue;
    D->idx[D->n] = i;
    D->lines[D->n].byte = b->off;
    D->lines[D->n].nbyte = b->len;
    D->lines[D->n].heading = b->kind == TIFAI_PARA_HEADING;
    D->n++;
  }
  return tifai_gongwen_read(L->text.p, D->lines, D->n, D->roles, &D->g);
}

/* The better reading of the page's lines, with the reader's title over them or without. */
static int readlines (tifai_layout *L, doclines *D) {
  doclines W;
  int a = readlines1(L, D, 0), b;
  if (a < 0 || !L->ptitle) return a;
  if ((b = readlines1(L, &W, 1)) > a) { freelines(D); *D = W; return b; }
  freelines(&W);
  return b < 0 ? b : a;
}

int tifai_doc_score (tifai_layout *L) {
  doclines D;
  int score = readlines(L, &D);
  freelines(&D);
  return score;
}

/* {====== Meta ====== */

static void key (tifai_buf *m, const char *k) {
  tifai_buf_addc(m, ',');
  tifai_buf_addjson(m, k, strlen(k));
  tifai_buf_addc(m, ':');
}

static void span (tifai_buf *m, const char *k, const char *s, tifai_gw_span sp) {
  const char *p = s + sp.byte;
  size_t len = sp.nbyte;
  trimspace(&p, &len);
  if (len > 0) tifai_lay_metapair(m, k, p, len);
}

/* A list of spans as a JSON array of strings, when it has items. */
static void list (tifai_buf *m, const char *k, const char *s, const tifai_gw_span *v, size_t n) {
  size_t i;
  if (n > TIFAI_GW_MAXLIST) n = TIFAI_GW_MAXLIST;
  if (n == 0) return;
  key(m, k);
  tifai_buf_addc(m, '[');
  for (i = 0; i < n; i++) {
    const char *p = s + v[i].byte;
    size_t len = v[i].nbyte;
    trimspace(&p, &len);
    if (i > 0) tifai_buf_addc(m, ',');
    tifai_buf_addjson(m, p, len);
  }
  tifai_buf_addc(m, ']');
}

/* The lines of role 'role' as a JSON array of strings, when there are some. */
static void lines (tifai_layout *L, const doclines *D, const char *k, int role) {
  size_t i, n = 0;
  for (i = 0; i < D->n; i++) {
    const block *b;
    if (D->roles[i] != role || D->idx[i] == NOBLOCK) continue;
    b = &L->b[D->idx[i]];
    if (n++ == 0) { key(&L->pmeta, k); tifai_buf_addc(&L->pmeta, '['); }
    else tifai_buf_addc(&L->pmeta, ',');
    tifai_buf_addjson(&L->pmeta, btext(L, b), b->len);
  }
  if (n > 0) tifai_buf_addc(&L->pmeta, ']');
}

/* The 发文机关: the lines of the 发文机关标志 without "文件", else the organs of the 署名. */
static void organ (tifai_layout *L, const doclines *D) {
  tifai_buf o = TIFAI_BUF_INIT;
  size_t i;
  for (i = 0; i < D->n; i++) {
    const char *s = L->text.p + D->lines[i].byte;
    size_t len = D->lines[i].nbyte;
    if (D->roles[i] != TIFAI_GW_ORGAN_MARK) continue;
    if (endswith(s, len, "文件")) len -= strlen("文件");
    else if (D->g.order && endswith(s, len, "命令")) len -= strlen("命令");
    else if (D->g.order && endswith(s, len, "令")) len -= strlen("令");
    trimspace(&s, &len);
    if (o.len > 0) tifai_buf_addc(&o, ' ');
    tifai_buf_add(&o, s, len);
  }
  for (i = 0; o.len == 0 && i < D->g.nsignatures && i < TIFAI_GW_MAXLIST; i++) {
    if (i > 0) tifai_buf_addc(&o, ' ');
    tifai_buf_add(&o, L->text.p + D->g.signatures[i].byte, D->g.signatures[i].nbyte);
  }
  if (o.len > 0 && !o.oom) tifai_lay_metapair(&L->pmeta, "organ", o.p, o.len);
  else if (o.oom) L->oom = 1;
  tifai_buf_free(&o);
}

static void meta (tifai_layout *L, const doclines *D) {
  const tifai_gongwen *g = &D->g;
  const char *s = L->text.p;
  tifai_buf *m = &L->pmeta;
  if (g->docno.nbyte > 0) {
    char num[32];
    span(m, "docno", s, g->docno);
    span(m, "docno_organ", s, g->docno_parts.organ);
    if (g->docno_parts.year > 0) {
      snprintf(num, sizeof(num), "%d", g->docno_parts.year);
      key(m, "docno_year"); tifai_buf_adds(m, num);
    }
    snprintf(num, sizeof(num), "%ld", g->docno_parts.number);
    key(m, "docno_number"); tifai_buf_adds(m, num);
  }
  organ(L, D);
  list(m, "addressees", s, g->addressees, g->naddressees);
  list(m, "signers", s, g->signers, g->nsigners);
  list(m, "signatures", s, g->signatures, g->nsignatures);
  list(m, "attachments", s, g->attachments, g->nattachments);
  lines(L, D, "notes", TIFAI_GW_NOTE);
  list(m, "cc", s, g->cc, g->ncc);
  span(m, "issued_by", s, g->issuer);
  if (g->issued_date[0]) tifai_lay_metapair(m, "issued_date", g->issued_date, strlen(g->issued_date));
  if (g->copyno.nbyte || g->secrecy.nbyte || g->urgency.nbyte) {
    tifai_buf t = TIFAI_BUF_INIT;                    /* marks: an object of those found */
    span(&t, "copy", s, g->copyno);
    span(&t, "secrecy", s, g->secrecy);
    span(&t, "urgency", s, g->urgency);
    if (t.len > 0) {
      key(m, "marks");
      tifai_buf_addc(m, '{');
      tifai_buf_add(m, t.p + 1, t.len - 1);
      tifai_buf_addc(m, '}');
    }
    tifai_buf_free(&t);
  }
}

/* }====== */

/* Why each element's line leaves the text: a field of the article (layout_account.c). */
static const char *const why[TIFAI_GW_NROLES] = {
  NULL, "document mark", "document organ", "document number", "document signer", "title",
  "document addressee", "document attachments", "document signature", "document date",
  "document note", NULL, "document cc", "document issued"};

int tifai_doc_read (tifai_layout *L) {
  doclines D;
  size_t i;
  int label = 0;                                     /* the 附件 part's label line is next */
  if (readlines(L, &D) < 0 || !D.g.found) { freelines(&D); return 0; }
  {                                                  /* the title: its lines joined */
    tifai_buf t = TIFAI_BUF_INIT;
    size_t k, f;
    for (k = D.g.title_first; k <= D.g.title_last && k < D.n; k++)
      tifai_buf_add(&t, L->text.p + D.lines[k].byte, D.lines[k].nbyte);
    if (t.len == 0 && D.g.order) {                   /* a 令 has none: 发文机关标志 and 令号 */
      tifai_buf_add(&t, L->text.p + D.g.docno_parts.organ.byte, D.g.docno_parts.organ.nbyte);
      tifai_buf_add(&t, L->text.p + D.g.docno.byte, D.g.docno.nbyte);
    }
    f = t.oom ? 0 : tifai_lay_addstr(L, t.p, t.len);
    if (t.oom) L->oom = 1;
    if (f && (!L->ptitle || (D.n > 0 && D.idx[0] == NOBLOCK && D.g.title_first == 0)))
      L->ptitle = f;                                 /* the title of the page's article */
    else if (f && strcmp(fstr(L, f), fstr(L, L->ptitle)) != 0)
      L->pf[F_SUBTITLE] = f;                         /* the reader's title wins */
    tifai_buf_free(&t);
  }
  if (D.g.date[0]) {                                 /* 成文日期: the article's date */
    L->pf[F_DATE] = tifai_lay_addstr(L, D.g.date, strlen(D.g.date));
    L->pf[F_PREC] = tifai_lay_addstr(L, "day", 3);
  }
  meta(L, &D);
  for (i = 0; i < D.n; i++) {
    block *b;
    int r = D.roles[i];
    if (D.idx[i] == NOBLOCK) continue;               /* the reader's title: the page's */
    b = &L->b[D.idx[i]];
    if (r > 0 && r < TIFAI_GW_NROLES && why[r] != NULL) {
      b->role = R_DROP;
      b->why = why[r];
      continue;
    }
    if (r == TIFAI_GW_ATTACHMENT && !label) {        /* 附件1: a section of its own */
      label = 1;
      b->kind = TIFAI_PARA_HEADING;
    }
    if (b->role == R_HEAD) {                         /* one document: its headings are */
      b->role = R_BODY;                              /* sections, never a new article */
      b->kind = TIFAI_PARA_HEADING;
    }
  }
  freelines(&D);
  return L->oom || L->pmeta.oom ? 0 : 1;
}
