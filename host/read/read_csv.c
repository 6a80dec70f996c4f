/*
** read_csv.c -- CSV reader, through libcsv (push parser, strict about quotes): a header row,
** then one article per record. Columns are named as in JSON Lines (read_jsonl.c), case-
** insensitively; other non-empty columns go to 'meta'. Records may span lines inside quotes;
** memory is bounded by the longest record. A record with more or fewer fields than the header
** is left out with a note at the line where it starts.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <csv.h>
#include <jansson.h>
#include "read_fmt.h"

typedef struct csvst {
  struct csv_parser p;
  int rc;                   /* first failure or stop inside a libcsv callback */
  tifai_buf rec;            /* the current record's fields, each NUL-terminated */
  size_t *off;              /* off[i]: start of field i in 'rec' */
  size_t nf, cap;
  int header;               /* 1 once the header row is read */
  tifai_buf names;          /* the header's column names, each NUL-terminated */
  size_t *name;             /* name[i]: start of column i's name in 'names' */
  size_t ncol;
  int col[TIFAI_F_N];       /* the column of each field, or -1 */
  int start;                /* 1: the next non-blank line starts a record */
  int l0;                   /* first line of the current record */
  uint64_t b0;              /* its first raw byte */
  uint64_t b1;              /* the raw end of the line being parsed */
} csvst;

static void field (void *s, size_t len, void *ud) {
  tifai_reader *r = (tifai_reader *)ud;
  csvst *st = (csvst *)r->st;
  if (st->rc != TIFA_OK) return;
  if (st->nf == st->cap) {
    size_t ncap = st->cap ? 2 * st->cap : 16;
    size_t *n = (size_t *)realloc(st->off, ncap * sizeof(*n));
    if (n == NULL) { st->rc = TIFA_NOMEM; return; }
    st->off = n;
    st->cap = ncap;
  }
  st->off[st->nf++] = st->rec.len;
  tifai_buf_add(&st->rec, s, len);
  tifai_buf_addc(&st->rec, '\0');
  if (st->rec.oom) st->rc = TIFA_NOMEM;
}

/* The header row: keep the names, find the column of each field (best-ranked synonym). */
static int header (tifai_reader *r, csvst *st) {
  int rank[TIFAI_F_N] = {0}, i;
  size_t c;
  for (i = 0; i < TIFAI_F_N; i++) st->col[i] = -1;
  st->name = (size_t *)malloc((st->nf ? st->nf : 1) * sizeof(*st->name));
  if (st->name == NULL) return TIFA_NOMEM;
  for (c = 0; c < st->nf; c++) {
    const char *s = st->rec.p + st->off[c];
    size_t len = strlen(s);
    int rk, fld;
    tifai_trim(&s, &len);
    st->name[c] = st->names.len;
    tifai_buf_add(&st->names, s, len);
    tifai_buf_addc(&st->names, '\0');
    fld = tifai_field_of(s, len, &rk);
    if (fld >= 0 && (st->col[fld] < 0 || rk < rank[fld])) { st->col[fld] = (int)c; rank[fld] = rk; }
  }
  st->ncol = st->nf;
  if (st->names.oom) return TIFA_NOMEM;
  st->header = 1;
  if (st->col[TIFAI_F_BODY] < 0)
    return tifai_reader_fail(r, TIFA_FORMAT, st->l0,
                             "no 'text', 'content', 'body' or '正文' column in the header");
  return TIFA_OK;
}

static int record (tifai_reader *r, csvst *st) {
  const char *f[TIFAI_F_N] = {NULL};
  json_t *meta = NULL;
  size_t c;
  int i, rc = TIFA_OK;
  if (st->nf != st->ncol)                         /* ragged: its fields cannot be placed */
    return tifai_reader_note(r, 1, st->l0, "record has %lu field%s, the header has %lu",
                             (unsigned long)st->nf, st->nf == 1 ? "" : "s", (unsigned long)st->ncol);
  for (i = 0; i < TIFAI_F_N; i++)
    if (st->col[i] >= 0 && (size_t)st->col[i] < st->nf) f[i] = st->rec.p + st->off[st->col[i]];
  for (c = 0; c < st->nf && rc == TIFA_OK; c++) {
    const char *v = st->rec.p + st->off[c], *key;
    char num[32];
    json_t *s;
    for (i = 0; i < TIFAI_F_N && st->col[i] != (int)c; i++) {}
    if (i < TIFAI_F_N || *v == '\0') continue;                /* a field, or empty */
    key = (c < st->ncol) ? st->names.p + st->name[c] : "";
    if (*key == '\0') { snprintf(num, sizeof(num), "column %u", (unsigned)(c + 1)); key = num; }
    if (meta == NULL && (meta = json_object()) == NULL) rc = TIFA_NOMEM;
    else if ((s = json_string_nocheck(v)) == NULL || json_object_set_new(meta, key, s) != 0)
      rc = TIFA_NOMEM;
  }
  if (rc == TIFA_OK) rc = tifai_record_emit(r, f, meta, st->l0, r->nline, st->b0, st->b1);
  json_decref(meta);
  return rc;
}

static void endrecord (int c, void *ud) {
  tifai_reader *r = (tifai_reader *)ud;
  csvst *st = (csvst *)r->st;
  if (st->rc == TIFA_OK) st->rc = st->header ? record(r, st) : header(r, st);
  tifai_buf_reset(&st->rec);
  st->nf = 0;
  st->start = 1;
}

static int csverror (tifai_reader *r, csvst *st, int line, const char *what) {
  int e = csv_error(&st->p);
  if (e == CSV_ENOMEM) return TIFA_NOMEM;
  if (e == CSV_ETOOBIG) return tifai_reader_fail(r, TIFA_TOOBIG, line, "record too large");
  return tifai_reader_fail(r, TIFA_FORMAT, line, "%s", what);
}

static int csv_line (tifai_reader *r, const char *s, size_t len, uint64_t b0, uint64_t b1) {
  csvst *st = (csvst *)r->st;
  if (st == NULL) {
    if ((st = (csvst *)calloc(1, sizeof(*st))) == NULL) return TIFA_NOMEM;
    r->st = st;
    csv_init(&st->p, CSV_STRICT | CSV_STRICT_FINI);
    st->start = 1;
  }
  if (st->start) {                     /* between records */
    if (tifai_isblank(s, len)) return TIFA_OK;
    st->start = 0;
    st->l0 = r->nline;
    st->b0 = b0;
  }
  st->b1 = b1;
  if (csv_parse(&st->p, s, len, field, endrecord, r) != len
      || csv_parse(&st->p, "\n", 1, field, endrecord, r) != 1)
    return csverror(r, st, r->nline, "malformed quoted field");
  return st->rc;
}

static int csv_finish (tifai_reader *r) {
  csvst *st = (csvst *)r->st;
  if (st == NULL) return TIFA_OK;
  if (csv_fini(&st->p, field, endrecord, r) != 0)
    return csverror(r, st, st->l0, "unterminated quoted field");
  return st->rc;
}

static void csv_close (tifai_reader *r) {
  csvst *st = (csvst *)r->st;
  if (st == NULL) return;
  csv_free(&st->p);
  tifai_buf_free(&st->rec);
  tifai_buf_free(&st->names);
  free(st->off);
  free(st->name);
  free(st);
  r->st = NULL;
}

const tifai_fmtops tifai_fmt_csv = {0, csv_line, csv_finish, csv_close};
