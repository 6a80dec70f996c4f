/*
** frontmatter.c -- front matter of Markdown pages (see frontmatter.h): the block at the top,
** YAML through libyaml's document loader, TOML through a strict reader of the subset front
** matter uses (key = "string" | 'string' | integer | float | bool | date/datetime | [array];
** [tables]); the keys into fields and a JSON 'meta' object (jansson, as JSON Lines records).
*/
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jansson.h>
#include <yaml.h>
#include "frontmatter.h"

#define FM_DEPTH   32               /* nesting of YAML collections */
#define FM_NODES   100000           /* values visited: aliases may repeat a subtree */

typedef struct fmx {
  json_t *all;                      /* every key, flattened ("table.key"), in order */
  tifai_buf key;                    /* the key being built */
  long nodes;
  char *err;
  size_t errsz;
  int *line;
} fmx;

static int fail (fmx *x, int line, const char *fmt, ...)
#if defined(__GNUC__)
  __attribute__((format(printf, 3, 4)))
#endif
  ;

static int fail (fmx *x, int line, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(x->err, x->errsz, fmt, ap);
  va_end(ap);
  *x->line = line;
  return TIFA_FORMAT;
}

static int eqi (const char *a, const char *b) {
  for (; *a && *b; a++, b++) {
    int c = (unsigned char)*a;
    if (c >= 'A' && c <= 'Z') c += 'a' - 'A';
    if (c != (unsigned char)*b) return 0;
  }
  return *a == *b;
}

/* Add 'v' (a new reference, NULL: out of memory) under the key in x->key. */
static int setkey (fmx *x, json_t *v, int line) {
  const char *k;
  if (v == NULL) return TIFA_NOMEM;
  tifai_buf_addc(&x->key, '\0');
  if (x->key.oom) { json_decref(v); return TIFA_NOMEM; }
  x->key.len--;
  k = x->key.p;
  if (json_object_get(x->all, k) != NULL) {
    json_decref(v);
    return fail(x, line, "duplicate key '%s' in front matter", k);
  }
  return json_object_set_new(x->all, k, v) == 0 ? TIFA_OK : TIFA_NOMEM;
}

/* {====== YAML ====== */

static int yline (const yaml_node_t *n) { return (int)n->start_mark.line + 2; }

/* A scalar as JSON: plain null, booleans and integers typed (YAML 1.2 core schema), the
** rest strings. */
static json_t *yscalar (const yaml_node_t *n) {
  const char *s = (const char *)n->data.scalar.value;
  size_t len = n->data.scalar.length, i;
  if (n->data.scalar.style == YAML_PLAIN_SCALAR_STYLE) {
    if (len == 0 || strcmp(s, "~") == 0 || strcmp(s, "null") == 0 || strcmp(s, "Null") == 0
        || strcmp(s, "NULL") == 0) return json_null();
    if (strcmp(s, "true") == 0 || strcmp(s, "True") == 0 || strcmp(s, "TRUE") == 0) return json_true();
    if (strcmp(s, "false") == 0 || strcmp(s, "False") == 0 || strcmp(s, "FALSE") == 0) return json_false();
    for (i = (s[0] == '-' || s[0] == '+') ? 1 : 0; i < len && s[i] >= '0' && s[i] <= '9'; i++) {}
    if (i == len && len > 0 && s[len - 1] >= '0' && s[len - 1] <= '9' && len < 19)
      return json_integer(strtoll(s, NULL, 10));
  }
  return json_stringn(s, len);
}

static int yvalue (fmx *x, yaml_document_t *d, yaml_node_t *n, int depth, json_t **out) {
  int rc = TIFA_OK;
  *out = NULL;
  if (++x->nodes > FM_NODES) return fail(x, yline(n), "front matter too large");
  if (depth > FM_DEPTH) return fail(x, yline(n), "front matter nested too deeply");
  if (n->type == YAML_SCALAR_NODE) return (*out = yscalar(n)) ? TIFA_OK : TIFA_NOMEM;
  if (n->type == YAML_SEQUENCE_NODE) {
    yaml_node_item_t *it;
    if ((*out = json_array()) == NULL) return TIFA_NOMEM;
    for (it = n->data.sequence.items.start; rc == TIFA_OK && it < n->data.sequence.items.top; it++) {
      yaml_node_t *c = yaml_document_get_node(d, *it);
      json_t *v;
      if (c == NULL) continue;
      if ((rc = yvalue(x, d, c, depth + 1, &v)) == TIFA_OK && json_array_append_new(*out, v) != 0)
        rc = TIFA_NOMEM;
    }
  }
  else if (n->type == YAML_MAPPING_NODE) {
    yaml_node_pair_t *pr;
    if ((*out = json_object()) == NULL) return TIFA_NOMEM;
    for (pr = n->data.mapping.pairs.start; rc == TIFA_OK && pr < n->data.mapping.pairs.top; pr++) {
      yaml_node_t *k = yaml_document_get_node(d, pr->key), *c = yaml_document_get_node(d, pr->value);
      json_t *v;
      if (k == NULL || c == NULL) continue;
      if (k->type != YAML_SCALAR_NODE) rc = fail(x, yline(k), "front matter key is not a string");
      else if ((rc = yvalue(x, d, c, depth + 1, &v)) == TIFA_OK
               && json_object_set_new(*out, (const char *)k->data.scalar.value, v) != 0)
        rc = TIFA_NOMEM;
    }
  }
  if (rc != TIFA_OK) { json_decref(*out); *out = NULL; }
  return rc;
}

/* The pairs of mapping 'm' into x->all, nested mappings flattened as "key.inner". */
static int ymap (fmx *x, yaml_document_t *d, yaml_node_t *m, int depth) {
  yaml_node_pair_t *pr;
  size_t base = x->key.len;
  int rc = TIFA_OK;
  for (pr = m->data.mapping.pairs.start; rc == TIFA_OK && pr < m->data.mapping.pairs.top; pr++) {
    yaml_node_t *k = yaml_document_get_node(d, pr->key), *v = yaml_document_get_node(d, pr->value);
    json_t *j;
    if (k == NULL || v == NULL) continue;
    if (k->type != YAML_SCALAR_NODE) return fail(x, yline(k), "front matter key is not a string");
    if (++x->nodes > FM_NODES) return fail(x, yline(k), "front matter too large");
    x->key.len = base;
    tifai_buf_add(&x->key, k->data.scalar.value, k->data.scalar.length);
    if (v->type == YAML_MAPPING_NODE && depth < FM_DEPTH) {
      tifai_buf_addc(&x->key, '.');
      rc = ymap(x, d, v, depth + 1);
    }
    else if ((rc = yvalue(x, d, v, depth + 1, &j)) == TIFA_OK) rc = setkey(x, j, yline(k));
  }
  x->key.len = base;
  return rc;
}

static int yamlblock (fmx *x, const char *s, size_t len) {
  yaml_parser_t p;
  yaml_document_t doc;
  yaml_node_t *root;
  int rc = TIFA_OK;
  if (!yaml_parser_initialize(&p)) return TIFA_NOMEM;
  yaml_parser_set_encoding(&p, YAML_UTF8_ENCODING);
  yaml_parser_set_input_string(&p, (const unsigned char *)s, len);
  if (!yaml_parser_load(&p, &doc)) {
    if (p.error == YAML_MEMORY_ERROR) rc = TIFA_NOMEM;
    else if (p.context != NULL)
      rc = fail(x, (int)p.problem_mark.line + 2, "invalid YAML front matter (%s %s from line %d)",
                p.problem ? p.problem : "syntax error", p.context, (int)p.context_mark.line + 2);
    else rc = fail(x, (int)p.problem_mark.line + 2, "invalid YAML front matter (%s)",
                   p.problem ? p.problem : "syntax error");
    yaml_parser_delete(&p);
    return rc;
  }
  root = yaml_document_get_root_node(&doc);
  if (root == NULL) {}                                  /* empty: no fields */
  else if (root->type == YAML_MAPPING_NODE) rc = ymap(x, &doc, root, 0);
  else if (!(root->type == YAML_SCALAR_NODE && root->data.scalar.length == 0))
    rc = fail(x, yline(root), "front matter is not a YAML mapping of keys to values");
  yaml_document_delete(&doc);
  yaml_parser_delete(&p);
  return rc;
}

/* }====== */

/* {====== TOML ====== */

typedef struct tcur {
  const char *p, *end;
  int line;                         /* of 'p' in the file */
  fmx *x;
} tcur;

#define tpeek(c)   ((c)->p < (c)->end ? (unsigned char)*(c)->p : '\0')
#define isdig(ch)  ((ch) >= '0' && (ch) <= '9')

static void tblank (tcur *c) {
  while (c->p < c->end && (*c->p == ' ' || *c->p == '\t')) c->p++;
}

/* Blanks, comments and line breaks (inside arrays). */
static void tspace (tcur *c) {
  for (;;) {
    tblank(c);
    if (tpeek(c) == '#') while (c->p < c->end && *c->p != '\n') c->p++;
    if (tpeek(c) != '\n') return;
    c->p++;
    c->line++;
  }
}

static int hexval (int ch) {
  if (isdig(ch)) return ch - '0';
  if (ch >= 'a' && ch <= 'f') return ch - 'a' + 10;
  if (ch >= 'A' && ch <= 'F') return ch - 'A' + 10;
  return -1;
}

/* A string ("basic" with escapes, or 'literal') into 'b'. */
static int tstring (tcur *c, tifai_buf *b) {
  int q = *c->p++;
  if (c->end - c->p >= 2 && c->p[0] == q && c->p[1] == q)
    return fail(c->x, c->line, "multi-line strings are not supported in TOML front matter");
  for (;;) {
    int ch = tpeek(c);
    if (ch == '\0' || ch == '\n') return fail(c->x, c->line, "unfinished string in TOML front matter");
    c->p++;
    if (ch == q) break;
    if (ch == '\\' && q == '"') {
      int e = tpeek(c), n = 0, k;
      int32_t cp = 0;
      c->p++;
      switch (e) {
        case 'b': tifai_buf_addc(b, '\b'); continue;
        case 't': tifai_buf_addc(b, '\t'); continue;
        case 'n': tifai_buf_addc(b, '\n'); continue;
        case 'f': tifai_buf_addc(b, '\f'); continue;
        case 'r': tifai_buf_addc(b, '\r'); continue;
        case '"': case '\\': tifai_buf_addc(b, e); continue;
        case 'u': n = 4; break;
        case 'U': n = 8; break;
        default: return fail(c->x, c->line, "invalid escape in TOML front matter");
      }
      for (k = 0; k < n; k++) {
        int h = hexval(tpeek(c));
        if (h < 0) return fail(c->x, c->line, "invalid escape in TOML front matter");
        cp = cp * 16 + h;
        c->p++;
      }
      if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return fail(c->x, c->line, "invalid escape in TOML front matter");
      tifai_buf_addcp(b, cp);
      continue;
    }
    tifai_buf_addc(b, ch);
  }
  return b->oom ? TIFA_NOMEM : TIFA_OK;
}

/* A dotted key (bare or quoted parts) into x->key. */
static int tkey (tcur *c) {
  for (;;) {
    int ch, rc;
    tblank(c);
    ch = tpeek(c);
    if (ch == '"' || ch == '\'') { if ((rc = tstring(c, &c->x->key)) != TIFA_OK) return rc; }
    else {
      const char *s = c->p;
      while (c->p < c->end && (isdig(*c->p) || (*c->p >= 'A' && *c->p <= 'Z')
             || (*c->p >= 'a' && *c->p <= 'z') || *c->p == '_' || *c->p == '-')) c->p++;
      if (c->p == s) return fail(c->x, c->line, "invalid key in TOML front matter");
      tifai_buf_add(&c->x->key, s, (size_t)(c->p - s));
    }
    tblank(c);
    if (tpeek(c) != '.') return c->x->key.oom ? TIFA_NOMEM : TIFA_OK;
    c->p++;
    tifai_buf_addc(&c->x->key, '.');
  }
}

/* Does a value end at 'c'? */
static int tend (tcur *c) {
  int ch = tpeek(c);
  return ch == '\0' || ch == ' ' || ch == '\t' || ch == '\n' || ch == ',' || ch == ']' || ch == '#';
}

/* n digits at s, within 'end'. */
static int digits (const char *s, const char *end, int n) {
  int i;
  if (end - s < n) return 0;
  for (i = 0; i < n; i++) if (!isdig(s[i])) return 0;
  return 1;
}

/* The length of a TOML date, datetime or time at 'c', or 0. */
static size_t tdate (tcur *c) {
  const char *s = c->p, *e = c->end, *t = s;
  int date = 0;
  if (digits(s, e, 4) && e - s >= 10 && s[4] == '-' && digits(s + 5, e, 2) && s[7] == '-'
      && digits(s + 8, e, 2)) {
    date = 1;
    t = s + 10;
    if (e - t >= 6 && (*t == 'T' || *t == 't' || *t == ' ') && digits(t + 1, e, 2) && t[3] == ':')
      t++;
    else return 10;
  }
  if (!(e - t >= 5 && digits(t, e, 2) && t[2] == ':' && digits(t + 3, e, 2))) return 0;
  t += 5;
  if (e - t >= 3 && t[0] == ':' && digits(t + 1, e, 2)) t += 3;
  if (e - t >= 2 && *t == '.' && digits(t + 1, e, 1)) for (t++; t < e && isdig(*t); t++) {}
  if (date) {                                           /* an offset */
    if (t < e && (*t == 'Z' || *t == 'z')) t++;
    else if (e - t >= 6 && (*t == '+' || *t == '-') && digits(t + 1, e, 2) && t[3] == ':'
             && digits(t + 4, e, 2)) t += 6;
  }
  return (size_t)(t - s);
}

static int tvalue (tcur *c, json_t **out, int inarray);

static int tarray (tcur *c, json_t **out) {
  json_t *a = json_array();
  int rc = TIFA_OK, line = c->line;
  if ((*out = a) == NULL) return TIFA_NOMEM;
  c->p++;                                               /* '[' */
  for (;;) {
    json_t *v;
    tspace(c);
    if (tpeek(c) == ']') { c->p++; break; }
    if (c->p >= c->end) { rc = fail(c->x, line, "unfinished array in TOML front matter"); break; }
    if ((rc = tvalue(c, &v, 1)) != TIFA_OK) break;
    if (json_array_append_new(a, v) != 0) { rc = TIFA_NOMEM; break; }
    tspace(c);
    if (tpeek(c) == ',') { c->p++; continue; }
    if (tpeek(c) == ']') { c->p++; break; }
    if (c->p >= c->end) { rc = fail(c->x, line, "unfinished array in TOML front matter"); break; }
    rc = fail(c->x, c->line, "expected ',' or ']' in an array of TOML front matter");
    break;
  }
  if (rc != TIFA_OK) { json_decref(a); *out = NULL; }
  return rc;
}

static int tvalue (tcur *c, json_t **out, int inarray) {
  int ch = tpeek(c), rc;
  size_t n;
  *out = NULL;
  if (ch == '"' || ch == '\'') {
    tifai_buf b = TIFAI_BUF_INIT;
    if ((rc = tstring(c, &b)) == TIFA_OK && (*out = json_stringn(b.p ? b.p : "", b.len)) == NULL)
      rc = TIFA_NOMEM;
    tifai_buf_free(&b);
    return rc;
  }
  if (ch == '[') {
    if (inarray) return fail(c->x, c->line, "nested arrays are not supported in TOML front matter");
    return tarray(c, out);
  }
  if (ch == '{') return fail(c->x, c->line, "inline tables are not supported in TOML front matter");
  if ((size_t)(c->end - c->p) >= 4 && memcmp(c->p, "true", 4) == 0) {
    c->p += 4;
    if (tend(c)) return (*out = json_true()) ? TIFA_OK : TIFA_NOMEM;
    c->p -= 4;
  }
  if ((size_t)(c->end - c->p) >= 5 && memcmp(c->p, "false", 5) == 0) {
    c->p += 5;
    if (tend(c)) return (*out = json_false()) ? TIFA_OK : TIFA_NOMEM;
    c->p -= 5;
  }
  if ((n = tdate(c)) > 0) {
    const char *s = c->p;
    c->p += n;
    if (tend(c)) return (*out = json_stringn(s, n)) ? TIFA_OK : TIFA_NOMEM;
    c->p = s;
  }
  {                                                     /* a decimal integer or float */
    char num[64];
    size_t k = 0;
    int isint = 1, ok = 0;
    if (ch == '+' || ch == '-') num[k++] = *c->p++;
    if (tpeek(c) == '0' && c->p + 1 < c->end && isdig(c->p[1])) ok = -1;    /* no leading zeros */
    while (ok >= 0 && c->p < c->end && k + 1 < sizeof(num)) {
      int d = (unsigned char)*c->p;
      if (isdig(d)) { num[k++] = (char)d; ok = 1; }
      else if (d == '_' && ok == 1 && c->p + 1 < c->end && isdig(c->p[1])) {}
      else if ((d == '.' || d == 'e' || d == 'E') && ok == 1) { num[k++] = (char)d; isint = 0; ok = 2; }
      else if ((d == '+' || d == '-') && k > 0 && (num[k - 1] == 'e' || num[k - 1] == 'E')) num[k++] = (char)d;
      else break;
      c->p++;
    }
    num[k] = '\0';
    if (ok == 1 && tend(c)) {
      char *e;
      errno = 0;
      if (isint) {
        long long v = strtoll(num, &e, 10);
        if (errno == 0 && *e == '\0') return (*out = json_integer(v)) ? TIFA_OK : TIFA_NOMEM;
      }
      else {
        double v = strtod(num, &e);
        if (errno == 0 && *e == '\0') return (*out = json_real(v)) ? TIFA_OK : TIFA_NOMEM;
      }
    }
  }
  return fail(c->x, c->line, "unsupported value in TOML front matter (strings, numbers, "
              "booleans, dates and arrays are read)");
}

/* The rest of a line: blanks and a comment only. */
static int teol (tcur *c) {
  tblank(c);
  if (tpeek(c) == '#') while (c->p < c->end && *c->p != '\n') c->p++;
  if (tpeek(c) == '\n') { c->p++; c->line++; return TIFA_OK; }
  if (c->p >= c->end) return TIFA_OK;
  return fail(c->x, c->line, "unexpected text after a value in TOML front matter");
}

static int tomlblock (fmx *x, const char *s, size_t len) {
  tcur c;
  size_t table = 0;                                     /* x->key's prefix: "table." */
  int rc = TIFA_OK;
  c.p = s;
  c.end = s + len;
  c.line = 2;
  c.x = x;
  while (rc == TIFA_OK && c.p < c.end) {
    json_t *v;
    int line;
    tblank(&c);
    if (tpeek(&c) == '#' || tpeek(&c) == '\n' || tpeek(&c) == '\0') { rc = teol(&c); continue; }
    if (tpeek(&c) == '[') {
      c.p++;
      if (tpeek(&c) == '[') return fail(x, c.line, "arrays of tables are not supported in TOML front matter");
      x->key.len = 0;
      if ((rc = tkey(&c)) != TIFA_OK) return rc;
      if (tpeek(&c) != ']') return fail(x, c.line, "expected ']' after a table name in TOML front matter");
      c.p++;
      tifai_buf_addc(&x->key, '.');
      table = x->key.len;
      rc = teol(&c);
      continue;
    }
    x->key.len = table;
    line = c.line;
    if ((rc = tkey(&c)) != TIFA_OK) return rc;
    if (tpeek(&c) != '=') return fail(x, c.line, "expected '=' after a key in TOML front matter");
    c.p++;
    tblank(&c);
    if ((rc = tvalue(&c, &v, 0)) != TIFA_OK) return rc;
    if ((rc = setkey(x, v, line)) == TIFA_OK) rc = teol(&c);
  }
  return rc;
}

/* }====== */

/* {====== Fields ====== */

/* The field key 'k' names (tifai_field_of's, and Hugo's names), not the body; or -1. */
static int fieldof (const char *k, int *rank) {
  static const struct { const char *key; int field, rank; } more[] = {
    {"authors", TIFAI_F_AUTHOR, 10}, {"publishdate", TIFAI_F_DATE, 10},
    {"pubdate", TIFAI_F_DATE, 11}, {"published", TIFAI_F_DATE, 12}};
  size_t i;
  int f = tifai_field_of(k, strlen(k), rank);
  if (f == TIFAI_F_BODY) return -1;
  if (f >= 0) return f;
  for (i = 0; i < sizeof(more) / sizeof(more[0]); i++)
    if (eqi(k, more[i].key)) { *rank = more[i].rank; return more[i].field; }
  return -1;
}

static int usable (int field, json_t *v) {
  size_t i;
  json_t *e;
  if (json_is_string(v)) return !tifai_isblank(json_string_value(v), json_string_length(v));
  if (json_is_number(v)) return 1;
  if (field != TIFAI_F_AUTHOR || !json_is_array(v) || json_array_size(v) == 0) return 0;
  json_array_foreach(v, i, e) if (!json_is_string(e)) return 0;
  return 1;
}

/* The text of a usable value: malloc'ed, NULL if out of memory. */
static char *text (json_t *v) {
  tifai_buf b = TIFAI_BUF_INIT;
  size_t i;
  json_t *e;
  if (json_is_string(v)) tifai_buf_add(&b, json_string_value(v), json_string_length(v));
  else if (json_is_array(v)) {
    json_array_foreach(v, i, e) {
      if (i > 0) tifai_buf_adds(&b, "\xE3\x80\x81");   /* 、 */
      tifai_buf_add(&b, json_string_value(e), json_string_length(e));
    }
  }
  else return json_dumps(v, JSON_ENCODE_ANY);
  tifai_buf_addc(&b, '\0');
  if (b.oom) { tifai_buf_free(&b); return NULL; }
  return tifai_buf_detach(&b, NULL);
}

static int fields (fmx *x, tifai_fm *fm) {
  const char *k, *pick[TIFAI_F_N] = {NULL};
  int rank[TIFAI_F_N] = {0}, rk, f;
  json_t *v, *meta = NULL;
  json_object_foreach(x->all, k, v) {
    if ((f = fieldof(k, &rk)) >= 0 && usable(f, v) && (pick[f] == NULL || rk < rank[f])) {
      pick[f] = k;
      rank[f] = rk;
    }
  }
  json_object_foreach(x->all, k, v) {
    if ((f = fieldof(k, &rk)) >= 0 && pick[f] == k) {
      if ((fm->f[f] = text(v)) == NULL) goto nomem;
    }
    else if (f < 0 || !json_is_null(v)) {              /* a known field's null is just absent */
      if (meta == NULL && (meta = json_object()) == NULL) goto nomem;
      if (json_object_set(meta, k, v) != 0) goto nomem;
    }
  }
  if (meta != NULL && (fm->meta = json_dumps(meta, JSON_COMPACT | JSON_PRESERVE_ORDER)) == NULL)
    goto nomem;
  json_decref(meta);
  return TIFA_OK;
nomem:
  json_decref(meta);
  return TIFA_NOMEM;
}

/* }====== */

/* Is s[0..n) the delimiter 'd' (three characters), blanks after it allowed? */
static int isdelim (const char *s, size_t n, const char *d) {
  size_t i;
  if (n < 3 || memcmp(s, d, 3) != 0) return 0;
  for (i = 3; i < n; i++) if (s[i] != ' ' && s[i] != '\t') return 0;
  return 1;
}

int tifai_fm_read (const char *text, size_t len, tifai_fm *fm, char *err, size_t errsz,
                   int *line) {
  const char *end = text + len, *q, *nl, *body, *close = NULL;
  const char *delim;
  fmx x;
  int n, rc;
  memset(fm, 0, sizeof(*fm));
  if (errsz > 0) err[0] = '\0';
  *line = 0;
  if (text == NULL || len == 0) return TIFA_OK;
  nl = (const char *)memchr(text, '\n', len);
  if (nl == NULL) return TIFA_OK;
  if (isdelim(text, (size_t)(nl - text), "---")) delim = "---";
  else if (isdelim(text, (size_t)(nl - text), "+++")) delim = "+++";
  else return TIFA_OK;
  body = nl + 1;
  for (q = body, n = 2; q < end; q = nl + 1, n++) {
    if ((nl = (const char *)memchr(q, '\n', (size_t)(end - q))) == NULL) nl = end;
    if (isdelim(q, (size_t)(nl - q), delim) || (delim[0] == '-' && isdelim(q, (size_t)(nl - q), "...")))
      { close = q; break; }
  }
  if (close == NULL) return TIFA_OK;                    /* never closed: Markdown (a rule) */
  fm->lines = n;
  memset(&x, 0, sizeof(x));
  x.err = err;
  x.errsz = errsz;
  x.line = line;
  if ((x.all = json_object()) == NULL) return TIFA_NOMEM;
  rc = delim[0] == '-' ? yamlblock(&x, body, (size_t)(close - body))
                       : tomlblock(&x, body, (size_t)(close - body));
  if (rc == TIFA_OK) rc = fields(&x, fm);
  if (rc == TIFA_NOMEM && errsz > 0) snprintf(err, errsz, "out of memory");
  json_decref(x.all);
  tifai_buf_free(&x.key);
  return rc;
}

void tifai_fm_free (tifai_fm *fm) {
  int i;
  if (fm == NULL) return;
  for (i = 0; i < TIFAI_F_N; i++) { free(fm->f[i]); fm->f[i] = NULL; }
  free(fm->meta);
  fm->meta = NULL;
}
