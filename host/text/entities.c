/*
** entities.c -- persons, places and organisations (tifa_extract_entities): the segmenter's
** tags (nr, ns, nt), and persons after an official title (国务院总理李强), the offices and the
** characters that cannot be part of a name kept in tables.
*/
#include <stdlib.h>
#include <string.h>
#include "text.h"
#include "extract.h"

/* {====== Tables: extend here ====== */

/* Offices, a longer one before a shorter one it starts with */
static const char *const offices[] = {
  "总书记", "国务院总理", "副总理", "总理", "国务委员", "委员长", "副委员长", "副主席", "主席",
  "常务副书记", "副书记", "书记", "副主任", "主任", "副部长", "部长", "副省长", "省长",
  "副市长", "市长", "副县长", "县长", "区长", "州长", "秘书长", "检察长", "局长", "厅长",
  "院长", "行长", "会长", "署长", "司令员", "政委", "主任委员", "总统", "首相", "大使", NULL
};

/* Characters that end a name after an office (习近平在重庆, 李强主持) */
static const char *const notname[] = {
  "在", "主", "出", "表", "指", "强", "说", "等", "和", "与", "及", "的", "是", "同", "会", "到",
  "来", "对", "向", "为", "已", "也", "都", "还", "就", "率", "分", "作", "发", "提", "视", "考",
  "调", "讲", "致", "参", "接", "由", "任", "兼", "将", "曾", "于", "从", NULL
};

/* Characters that end the organisation before an office, going back: 会议由重庆市委书记... */
static const char *const notorg[] = {
  "在", "由", "和", "与", "及", "的", "是", "对", "向", "为", "将", "于", "从", "等", "同", NULL
};

#define MAXORG      12      /* code points of the organisation before an office */

/* }====== */

typedef struct Words {      /* the segmenter's words, collected */
  tifa_word *w;
  size_t n, cap;
} Words;

static int onword (void *ud, const char *s, const tifa_word *w) {
  Words *ws = (Words *)ud;
  (void)s;
  if (ws->n == ws->cap) {
    size_t cap = ws->cap ? 2 * ws->cap : 256;
    tifa_word *p = realloc(ws->w, cap * sizeof(*p));
    if (p == NULL) return TIFA_NOMEM;
    ws->w = p;
    ws->cap = cap;
  }
  ws->w[ws->n++] = *w;
  return 0;
}

static size_t intable (const char *s, size_t len, const char *const *tab) {
  int i;
  for (i = 0; tab[i] != NULL; i++) {
    size_t n = strlen(tab[i]);
    if (n <= len && memcmp(s, tab[i], n) == 0) return n;
  }
  return 0;
}

static int ishanat (const char *s, size_t len) {
  int32_t cp;
  return tifa_utf8_decode(s, len, &cp) == 3 && tifai_is_han(cp);
}

/* The word that starts at byte 'b', or NULL (words are in order: binary search) */
static const tifa_word *wordat (const Words *ws, size_t b) {
  size_t lo = 0, hi = ws->n;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (ws->w[mid].byte < b) lo = mid + 1; else hi = mid;
  }
  return lo < ws->n && ws->w[lo].byte == b ? &ws->w[lo] : NULL;
}

static int kindof (const char *tag) {
  if (tag == NULL || tag[0] != 'n') return 0;
  if (tag[1] == 'r') return TIFA_ENTITY_PERSON;
  if (tag[1] == 's') return TIFA_ENTITY_PLACE;
  if (tag[1] == 't') return TIFA_ENTITY_ORG;
  return 0;
}

/* A person after an office at s[at]: fills 'e' (byte offsets only) and returns the end of
** the name, or 0. 'org' is where the organisation before the office starts. */
static size_t titled (const char *s, size_t len, size_t org, size_t at, const Words *ws, tifa_entity *e) {
  size_t k = intable(s + at, len - at, offices), name = at + k, end = name;
  const tifa_word *w;
  int n = 0;
  if (k == 0) return 0;
  if ((w = wordat(ws, name)) != NULL && kindof(w->tag) == TIFA_ENTITY_PERSON) end = name + w->nbyte;
  else {
    while (n < 3 && end < len && ishanat(s + end, len - end) && intable(s + end, len - end, notname) == 0) {
      end += 3;
      n++;
    }
    if (n < 2) return 0;
  }
  memset(e, 0, sizeof(*e));
  e->kind = TIFA_ENTITY_PERSON;
  e->at.byte = org; e->at.nbyte = end - org;
  e->title.byte = org; e->title.nbyte = name - org;
  e->name.byte = name; e->name.nbyte = end - name;
  return end;
}

static int bystart (const void *a, const void *b) {
  const tifa_entity *x = (const tifa_entity *)a, *y = (const tifa_entity *)b;
  if (x->at.byte != y->at.byte) return x->at.byte < y->at.byte ? -1 : 1;
  return x->at.nbyte > y->at.nbyte ? -1 : x->at.nbyte < y->at.nbyte;
}

const char *tifa_entity_kind (int kind) {
  switch (kind) {
    case TIFA_ENTITY_PERSON: return "person";
    case TIFA_ENTITY_PLACE: return "place";
    case TIFA_ENTITY_ORG: return "organization";
    default: return "unknown";
  }
}

int tifa_extract_entities (const tifa_segmenter *g, const char *s, size_t len,
                           tifa_entity *out, size_t max, size_t *count) {
  Words ws = {NULL, 0, 0};
  tifa_entity *all = NULL;
  size_t nall = 0, at = 0, org = 0, i, last = 0;
  int rc = tifa_words(g ? g : tifa_segmenter_default(), s, len, 0, onword, &ws);
  tifai_cursor c = TIFAI_CURSOR_INIT(s);
  *count = 0;
  if (rc == TIFA_OK && (all = malloc((ws.n + len / 6 + 1) * sizeof(*all))) == NULL) rc = TIFA_NOMEM;
  if (rc != TIFA_OK) goto done;
  for (i = 0; i < ws.n; i++) {                               /* the tags */
    int kind = kindof(ws.w[i].tag);
    if (kind == 0) continue;
    memset(&all[nall], 0, sizeof(all[0]));
    all[nall].kind = kind;
    all[nall].at.byte = all[nall].name.byte = ws.w[i].byte;
    all[nall].at.nbyte = all[nall].name.nbyte = ws.w[i].nbyte;
    nall++;
  }
  while (at < len) {                                         /* persons after an office */
    size_t end, k = tifai_cplen(s[at]);
    int han = ishanat(s + at, len - at);
    if (han && nall < ws.n + len / 6 + 1 && (end = titled(s, len, org, at, &ws, &all[nall])) > 0) {
      nall++;
      at = org = end;
      continue;
    }
    if (!han || intable(s + at, len - at, notorg) > 0) org = at + k;   /* no organisation */
    else if (tifa_utf8_len(s + org, at + k - org) > MAXORG) org += tifai_cplen(s[org]);
    at += k;
  }
  qsort(all, nall, sizeof(*all), bystart);
  for (i = 0; i < nall; i++) {                               /* no overlaps: the first wins */
    if (i > 0 && all[i].at.byte < last) continue;
    last = all[i].at.byte + all[i].at.nbyte;
    if (*count < max) {
      tifa_entity *r = &out[*count];
      *r = all[i];
      tifai_span_set(&c, &r->at, all[i].at.byte, all[i].at.nbyte);
      if (all[i].title.nbyte > 0) tifai_span_set(&c, &r->title, all[i].title.byte, all[i].title.nbyte);
      tifai_span_set(&c, &r->name, all[i].name.byte, all[i].name.nbyte);
    }
    (*count)++;
  }
done:
  free(ws.w);
  free(all);
  return rc;
}
