/*
** read_jsonl.c -- JSON Lines reader, through jansson: one article per line (blank lines
** skipped), handed over as soon as its line is read, so memory is bounded by the longest line.
** Also the record fields shared with read_csv.c: which keys name the body, title, date, author,
** outlet and url (every other key goes into the article's 'meta' JSON object), and what every
** record goes through: a date in any common form to ISO 8601, a text cut into paragraphs at
** line breaks and at indents after the end of a sentence, and a note (tifai_reader_note) for
** a record left out (a bad line, no text) or stored undated.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jansson.h>
#include "read_fmt.h"
#include "text.h"

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

/* {------ Dates ------ */
/* Is s[0..len) a time of day (and zone) after a date: " 10:30:00", "T10:30Z", "+08:00"? */
static int timepart (const char *s, size_t len) {
  size_t i;
  if (len == 0) return 1;
  if (s[0] != ' ' && s[0] != 'T' && s[0] != 't') return 0;
  for (i = 0; i < len; i++)
    if (!((s[i] >= '0' && s[i] <= '9') || strchr(" :.+-TtZz", s[i]) != NULL)) return 0;
  return 1;
}

/* A date column's value as ISO 8601 in 'iso' ("2020-01-08", "2020-01", "2020"; the text
** library's forms, 20200108 and a year alone), a time of day after it ignored. 0 if it is
** not a date. The layout reads the precision back from the ISO form. */
static int recdate (const char *s, size_t len, char iso[16]) {
  const char *prec;
  size_t used, i;
  tifai_trim(&s, &len);
  for (i = 0; i < len && s[i] >= '0' && s[i] <= '9'; i++) {}
  if (i == 8 || (i == len && (len == 12 || len == 14))) {     /* 20200108, 202001081030[00] */
    int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
    int m = (s[4] - '0') * 10 + (s[5] - '0'), d = (s[6] - '0') * 10 + (s[7] - '0');
    char t[16];
    int n = snprintf(t, sizeof(t), "%04d-%02d-%02d", y, m, d);   /* checked by the parser */
    return y >= 1000 && tifai_date_parse(t, (size_t)n, iso, &prec) == (size_t)n
           && (i > 8 || timepart(s + 8, len - 8));
  }
  if (i == 4 && len == 4) {                                   /* a year alone: 2024 */
    memcpy(iso, s, 4);
    iso[4] = '\0';
    return s[0] != '0';
  }
  used = tifai_date_parse(s, len, iso, &prec);
  return used > 0 && timepart(s + used, len - used);
}

/* At most 'max' bytes of s, cut on a character boundary. */
static int cutlen (const char *s, int max) {
  int n = (int)strlen(s);
  if (n <= max) return n;
  n = max;
  while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80) n--;
  return n;
}
/* }------ */

/* {------ Paragraphs of a record's text ------ */
static int iscont (const unsigned char *u) { return (u[0] & 0xC0) == 0x80; }

/* Does the text before s[i] end a sentence ("。", "！", "？", "!", "?", or one of these and a
** closing quote or bracket)? */
static int sentenceend (const char *s, size_t i) {
  static const char *const enders[] = {"\xE3\x80\x82", "\xEF\xBC\x81", "\xEF\xBC\x9F", "!", "?",
                                       "\xE2\x80\xA6"};             /* 。！？ ! ? … */
  static const char *const closers[] = {"\xE2\x80\x9D", "\xE2\x80\x99", "\xE3\x80\x8D",
                                        "\xE3\x80\x8F", "\xEF\xBC\x89", ")"};  /* ” ’ 」 』 ） ) */
  size_t k;
  int pass;
  for (pass = 0; pass < 2; pass++) {
    size_t j = i;
    if (j == 0) return 0;
    do j--; while (j > 0 && iscont((const unsigned char *)s + j));
    for (k = 0; k < sizeof(enders) / sizeof(enders[0]); k++)
      if (strlen(enders[k]) == i - j && memcmp(s + j, enders[k], i - j) == 0) return 1;
    if (pass == 1) return 0;
    for (k = 0; k < sizeof(closers) / sizeof(closers[0]); k++)
      if (strlen(closers[k]) == i - j && memcmp(s + j, closers[k], i - j) == 0) break;
    if (k == sizeof(closers) / sizeof(closers[0])) return 0;
    i = j;                                     /* then the character before the closer */
  }
  return 0;
}

/* Does s[start..i) end with a note in brackets, closed right before s[i], that follows the
** end of a sentence or stands alone: "…增长。（完）", "（来源：人民日报）", "（本报北京5月19日电）"?
** A news paragraph may end with such a note; the group holds at most 40 characters and no
** other bracket. */
static int noteend (const char *s, size_t start, size_t i) {
  static const char *const open[] = {"\xEF\xBC\x88", "("}, *const close[] = {"\xEF\xBC\x89", ")"};
  size_t k, j, n;
  for (k = 0; k < 2; k++) {
    size_t cl = strlen(close[k]), ol = strlen(open[k]);
    if (i - start < cl + ol || memcmp(s + i - cl, close[k], cl) != 0) continue;
    for (j = i - cl, n = 0; j > start && n <= 40; n++) {
      do j--; while (j > start && iscont((const unsigned char *)s + j));
      if (memcmp(s + j, close[k], cl) == 0) return 0;
      if (memcmp(s + j, open[k], ol) == 0)
        return tifai_isblank(s + start, j - start) || sentenceend(s, j);
    }
  }
  return 0;
}

static size_t nchars (const char *s, size_t len) {
  size_t j, n = 0;
  for (j = 0; j < len; j++) n += !iscont((const unsigned char *)s + j);
  return n;
}

/* Is s[0..len), the first piece of a text, a line of its own run into the text: short (at most
** 20 characters) and without the punctuation of a sentence, as a byline (本报记者 张三) or a
** heading? */
static int openingline (const char *s, size_t len) {
  static const char *const punct[] = {"\xEF\xBC\x8C", "\xE3\x80\x82", "\xEF\xBC\x9B",
                                      "\xEF\xBC\x9A", "\xE3\x80\x81", ",", ";", ":"};  /* ，。；：、 */
  size_t k, j, n = nchars(s, len);
  if (n == 0 || n > 20) return 0;
  for (k = 0; k < sizeof(punct) / sizeof(punct[0]); k++)
    for (j = 0; j + strlen(punct[k]) <= len; j++)
      if (memcmp(s + j, punct[k], strlen(punct[k])) == 0) return 0;
  return 1;
}

/* The length of an indent at s[0..len): one U+3000, or two or more of ' ', U+3000, NBSP. */
static size_t indentat (const char *s, size_t len) {
  const unsigned char *u = (const unsigned char *)s;
  size_t at = 0;
  int n = 0, wide = 0;
  for (;;) {
    if (at < len && u[at] == ' ') at++;
    else if (len - at >= 3 && u[at] == 0xE3 && u[at + 1] == 0x80 && u[at + 2] == 0x80) { at += 3; wide = 1; }
    else if (len - at >= 2 && u[at] == 0xC2 && u[at + 1] == 0xA0) at += 2;
    else break;
    n++;
  }
  return (wide || n >= 2) && at < len ? at : 0;
}

/* Add the text of a record as paragraphs: at line breaks (a piece after a single break is
** 'soft'), and where an indent follows, inside a line, the end of a sentence, a note in
** brackets after one (（完）, （来源：…）), or a short first line with no sentence punctuation
** (a byline, a heading) when the indent is two characters or more (the indent stays with the
** paragraph it starts, as on a page). */
static int addtext (tifai_docb *b, const char *s, size_t len, int l0, int l1,
                    uint64_t b0, uint64_t b1) {
  size_t i, start = 0;
  int rc = TIFA_OK, soft = 0;
  for (i = 0; i <= len && rc == TIFA_OK; i++) {
    int brk = (i == len || s[i] == '\n' || s[i] == '\r');
    size_t ind = 0;
    if (!brk && i > start && (s[i] == ' ' || (unsigned char)s[i] == 0xE3 || (unsigned char)s[i] == 0xC2)
        && (ind = indentat(s + i, len - i)) > 0 && !tifai_isblank(s + start, i - start)
        && (sentenceend(s, i) || noteend(s, start, i)
            || (start == 0 && nchars(s + i, ind) >= 2 && openingline(s, i)))) {
      size_t before = b->n;
      rc = tifai_docb_add(b, s + start, i - start, TIFAI_PARA_TEXT, l0, l1, b0, b1);
      if (b->n > before) b->v[before].soft = soft;
      soft = 0;                                /* an indent starts a paragraph */
      start = i;
      i += ind - 1;
      continue;
    }
    if (brk) {
      size_t before = b->n;
      rc = tifai_docb_add(b, s + start, i - start, TIFAI_PARA_TEXT, l0, l1, b0, b1);
      if (b->n > before) { b->v[before].soft = soft; soft = 1; }
      else soft = 0;                           /* a blank line: a paragraph starts */
      if (i + 1 < len && s[i] == '\r' && s[i + 1] == '\n') i++;
      start = i + 1;
    }
  }
  return rc;
}
/* }------ */

int tifai_record_emit (tifai_reader *r, const char *const f[TIFAI_F_N], json_t *meta,
                       int l0, int l1, uint64_t b0, uint64_t b1) {
  tifai_doc d = {0};
  char *m = NULL, iso[16];
  const char *v[TIFAI_F_N];
  int i, rc;
  for (i = 0; i < TIFAI_F_N; i++)
    v[i] = (f[i] == NULL || tifai_isblank(f[i], strlen(f[i]))) ? NULL : f[i];
  if (v[TIFAI_F_BODY] == NULL) return tifai_reader_note(r, 1, l0, "record has no text");
  if (v[TIFAI_F_DATE] != NULL) {
    if (recdate(v[TIFAI_F_DATE], strlen(v[TIFAI_F_DATE]), iso)) v[TIFAI_F_DATE] = iso;
    else {
      const char *s = v[TIFAI_F_DATE];
      int n = cutlen(s, 60);
      v[TIFAI_F_DATE] = NULL;
      if ((rc = tifai_reader_note(r, 0, l0, "unreadable date '%.*s%s' (the record is stored undated)",
                                  n, s, s[n] ? "..." : "")) != TIFA_OK)
        return rc;
    }
  }
  rc = addtext(&r->docb, v[TIFAI_F_BODY], strlen(v[TIFAI_F_BODY]), l0, l1, b0, b1);
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
    return tifai_reader_note(r, 1, r->nline, "invalid JSON (%s)", e.text);
  }
  if (!json_is_object(o)) {
    json_decref(o);
    return tifai_reader_note(r, 1, r->nline, "expected a JSON object");
  }
  json_object_foreach(o, key, v) {
    int rk, fld = tifai_field_of(key, strlen(key), &rk);
    if (fld < 0) continue;
    if (fld == TIFAI_F_BODY) hasbody = 1;
    if (usable(fld, v) && (pick[fld] == NULL || rk < rank[fld])) { pick[fld] = key; rank[fld] = rk; }
  }
  if (pick[TIFAI_F_BODY] == NULL) {
    json_decref(o);
    return tifai_reader_note(r, 1, r->nline, "%s", hasbody ? "'text' is not a string"
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
