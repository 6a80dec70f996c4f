/*
** read_jsonl.c -- JSON Lines reader, through jansson: one article per line (blank lines
** skipped), handed over as soon as its line is read, so memory is bounded by the longest line.
** Also the record fields shared with read_csv.c: which keys name the body, title, date, author,
** outlet and url; every other key goes into the article's 'meta' JSON object.
*/
#include <stdlib.h>
#include <string.h>
#include <jansson.h>
#include "read_fmt.h"

/* {====== Record fields ====== */
static const struct { const char *key; int field, rank; } fields[] = {
  {"text", TIFAI_F_BODY, 0}, {"content", TIFAI_F_BODY, 1}, {"body", TIFAI_F_BODY, 2},
  {"正文", TIFAI_F_BODY, 3}, {"内容", TIFAI_F_BODY, 4},
  {"title", TIFAI_F_TITLE, 0}, {"标题", TIFAI_F_TITLE, 1},
  {"date", TIFAI_F_DATE, 0}, {"日期", TIFAI_F_DATE, 1}, {"发布日期", TIFAI_F_DATE, 2},
  {"发布时间", TIFAI_F_DATE, 3},
  {"author", TIFAI_F_AUTHOR, 0}, {"作者", TIFAI_F_AUTHOR, 1},
  {"source", TIFAI_F_OUTLET, 0}, {"outlet", TIFAI_F_OUTLET, 1}, {"来源", TIFAI_F_OUTLET, 2},
  {"媒体", TIFAI_F_OUTLET, 3},
  {"url", TIFAI_F_URL, 0}, {"link", TIFAI_F_URL, 1}, {"链接", TIFAI_F_URL, 2},
  {"网址", TIFAI_F_URL, 3}};

int tifai_field_of (const char *key, size_t len, int *rank) {
  size_t i, j;
  for (i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
    const char *k = fields[i].key;
    for (j = 0; j < len && k[j] != '\0'; j++) {
      int c = (unsigned char)key[j];
      if (c >= 'A' && c <= 'Z') c += 'a' - 'A';
      if (c != (unsigned char)k[j]) break;
    }
    if (j == len && k[j] == '\0') { *rank = fields[i].rank; return fields[i].field; }
  }
  *rank = 0;
  return -1;
}

int tifai_record_emit (tifai_reader *r, const char *const f[TIFAI_F_N], json_t *meta,
                       int l0, int l1, uint64_t b0, uint64_t b1) {
  tifai_doc d = {0};
  char *m = NULL;
  const char *v[TIFAI_F_N];
  int i, rc;
  for (i = 0; i < TIFAI_F_N; i++)
    v[i] = (f[i] == NULL || tifai_isblank(f[i], strlen(f[i]))) ? NULL : f[i];
  if (v[TIFAI_F_BODY] == NULL) return TIFA_OK;
  rc = tifai_docb_addlines(&r->docb, v[TIFAI_F_BODY], strlen(v[TIFAI_F_BODY]), TIFAI_PARA_TEXT,
                           l0, l1, b0, b1);
  if (rc == TIFA_OK && meta != NULL && json_object_size(meta) > 0
      && (m = json_dumps(meta, JSON_COMPACT | JSON_PRESERVE_ORDER)) == NULL)
    rc = TIFA_NOMEM;
  if (rc != TIFA_OK) { tifai_docb_reset(&r->docb); return rc; }
  d.title = v[TIFAI_F_TITLE];
  d.date = v[TIFAI_F_DATE];
  d.author = v[TIFAI_F_AUTHOR];
  d.outlet = v[TIFAI_F_OUTLET];
  d.url = v[TIFAI_F_URL];
  d.meta = m;
  d.byte_start = b0;
  d.byte_end = b1;
  d.line_start = l0;
  d.line_end = l1;
  rc = tifai_reader_emit(r, &d);
  free(m);
  return rc;
}
/* }====== */

/* {====== JSON Lines ====== */
/* Can 'v' fill a known field? The body takes a string, other fields any scalar but null. */
static int usable (int field, json_t *v) {
  if (json_is_string(v)) return 1;
  return field != TIFAI_F_BODY && (json_is_number(v) || json_is_boolean(v));
}

static int jsonl_line (tifai_reader *r, const char *s, size_t len, uint64_t b0, uint64_t b1) {
  json_error_t e;
  json_t *o, *v, *meta = NULL;
  const char *key, *f[TIFAI_F_N] = {NULL};
  const char *pick[TIFAI_F_N] = {NULL};       /* the key chosen for each field */
  char *own[TIFAI_F_N] = {NULL};              /* text of numbers and booleans */
  int rank[TIFAI_F_N] = {0}, i, rc = TIFA_OK, hasbody = 0;
  if (tifai_isblank(s, len)) return TIFA_OK;
  if ((o = json_loadb(s, len, 0, &e)) == NULL) {
    if (json_error_code(&e) == json_error_out_of_memory) return TIFA_NOMEM;
    return tifai_reader_fail(r, TIFA_FORMAT, r->nline, "invalid JSON (%s)", e.text);
  }
  if (!json_is_object(o)) {
    json_decref(o);
    return tifai_reader_fail(r, TIFA_FORMAT, r->nline, "expected a JSON object");
  }
  json_object_foreach(o, key, v) {
    int rk, fld = tifai_field_of(key, strlen(key), &rk);
    if (fld < 0) continue;
    if (fld == TIFAI_F_BODY) hasbody = 1;
    if (usable(fld, v) && (pick[fld] == NULL || rk < rank[fld])) { pick[fld] = key; rank[fld] = rk; }
  }
  if (pick[TIFAI_F_BODY] == NULL) {
    json_decref(o);
    return tifai_reader_fail(r, TIFA_FORMAT, r->nline, hasbody ? "'text' is not a string"
                             : "no 'text' or 'content' field");
  }
  json_object_foreach(o, key, v) {
    int rk, fld = tifai_field_of(key, strlen(key), &rk);
    if (fld >= 0 && pick[fld] == key) {
      if (json_is_string(v)) f[fld] = json_string_value(v);
      else if ((f[fld] = own[fld] = json_dumps(v, JSON_ENCODE_ANY)) == NULL) rc = TIFA_NOMEM;
    }
    else if (fld < 0 || !json_is_null(v)) {           /* a known field's null is just absent */
      if (meta == NULL && (meta = json_object()) == NULL) rc = TIFA_NOMEM;
      else if (json_object_set(meta, key, v) != 0) rc = TIFA_NOMEM;
    }
    if (rc != TIFA_OK) break;
  }
  if (rc == TIFA_OK) rc = tifai_record_emit(r, f, meta, r->nline, r->nline, b0, b1);
  for (i = 0; i < TIFAI_F_N; i++) free(own[i]);
  json_decref(meta);
  json_decref(o);
  return rc;
}

static int jsonl_finish (tifai_reader *r) {
  return TIFA_OK;
}

const tifai_fmtops tifai_fmt_jsonl = {0, jsonl_line, jsonl_finish, NULL};
/* }====== */
