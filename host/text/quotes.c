/*
** quotes.c -- quotations and who said them (tifa_extract_quotes): passages in “...” and
** 「...」, the unmarked passage after "他指出，", and attribution lines "——习近平2023年12月11日
** 在中央经济工作会议上的讲话". Speech verbs, adverbs and look-alikes are tables.
*/
#include <string.h>
#include "text.h"
#include "extract.h"

/* {====== Tables: extend here ====== */

/* Speech verbs, a longer one before a shorter one it ends with (说道 before 说). */
static const char *const verbs[] = {
  "强调", "指出", "表示", "认为", "要求", "提出", "宣布", "介绍", "说明", "重申", "呼吁",
  "谈到", "写道", "说道", "讲道", "问道", "回答", "告诉", "批示", "寄语", "坦言", "透露",
  "补充", "总结", "称", "讲", "说", NULL
};

/* Words that end like a speech verb but do not attribute speech: 对我们来说，... */
static const char *const notverbs[] = {
  "来说", "据说", "听说", "就是说", "所说", "传说", "小说", "学说", "解说", "虽说", "不用说",
  "总体要求", "基本要求", "具体要求", "工作要求", "明确要求", "的要求", "的说明", "的介绍",
  "声称", "号称", "堪称", "名称", "简称", "统称", "俗称", "又称", "被称", "人称", "对称", NULL
};

/* Adverbs between a speaker and the verb: 习近平最后强调 */
static const char *const adverbs[] = {
  "再次", "最后", "多次", "反复", "一再", "明确", "深刻", "特别", "进一步", "同时", "首先",
  "郑重", "还", "也", "又", "曾", "都", NULL
};

/* Last characters of a clause that is a time or a place, not a speaker: 在...时强调 */
static const char *const notspeakerends[] = {"的", "时", "中", "上", "后", "里", "前", "间", NULL};

#define MAXSPEAKER  10      /* code points of a speaker */
#define MAXLEAD     20      /* code points before the verb of an unmarked quotation */

/* }====== */

/* The entry of 'tab' that ends at s[end], its length; 0 if none. */
static size_t endswith (const char *s, size_t end, const char *const *tab) {
  int i;
  for (i = 0; tab[i] != NULL; i++) {
    size_t n = strlen(tab[i]);
    if (n <= end && memcmp(s + end - n, tab[i], n) == 0) return n;
  }
  return 0;
}

static size_t startswith (const char *s, size_t len, const char *w) {
  size_t n = strlen(w);
  return n <= len && memcmp(s, w, n) == 0 ? n : 0;
}

static size_t back (const char *s, size_t at) {        /* the code point before s[at] */
  do at--; while (at > 0 && ((unsigned char)s[at] & 0xC0) == 0x80);
  return at;
}

static int32_t cpat (const char *s, size_t len, size_t at) {
  int32_t cp;
  return tifa_utf8_decode(s + at, len - at, &cp) > 0 ? cp : 0xFFFD;
}

/* Does code point c end a clause? Punctuation and white space do, but not 《》 (a speaker
** "在参观《复兴之路》展览时" keeps its title) nor the middle dot of foreign names. */
static int isbreak (int32_t c) {
  if (c < 0x80) return !((c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z'));
  if (c == 0x300A || c == 0x300B || c == 0x00B7 || c == 0x30FB) return 0;
  return (c >= 0x2000 && c <= 0x206F) || (c >= 0x3000 && c <= 0x303F) || (c >= 0xFF00 && c <= 0xFF20)
      || (c >= 0xFF3B && c <= 0xFF40) || (c >= 0xFF5B && c <= 0xFF65) || tifai_is_space(c);
}

static int isspacecp (int32_t c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || tifai_is_space(c);
}

static int isterm (int32_t c) {             /* 。！？!? and the closers after them */
  return c == 0x3002 || c == 0xFF01 || c == 0xFF1F || c == '!' || c == '?' || c == 0xFF0E
      || c == 0x2026 || c == 0x201D || c == 0x300D || c == 0x2019 || c == 0xFF09;
}

/* The verb that ends at s[end] and its speaker: the clause before it, from the last break,
** less trailing adverbs, cut before 在. Returns the verb's length (0: none); the speaker is
** s[*sp, *sp + *nsp) (*nsp == 0: none); '*nlead' counts the code points of the clause. */
static size_t attribution (const char *s, size_t len, size_t end, size_t *sp, size_t *nsp, int *nlead) {
  size_t nv = endswith(s, end, verbs), b, e, k, i;
  int n = 0;
  *nsp = 0;
  *nlead = 0;
  if (nv == 0 || endswith(s, end, notverbs) > 0) return 0;
  e = end - nv;
  for (b = e; b > 0; b = k, n++) {                          /* back to the clause's start */
    k = back(s, b);
    if (isbreak(cpat(s, len, k))) break;
  }
  *nlead = n;
  while ((k = endswith(s, e, adverbs)) > 0 && e - k >= b) e -= k;
  for (i = b; i < e; i += tifai_cplen(s[i]))                /* cut before 在 */
    if (startswith(s + i, e - i, "在")) { e = i; break; }
  if (e > b && endswith(s, e, notspeakerends) == 0 && tifa_utf8_len(s + b, e - b) <= MAXSPEAKER) {
    *sp = b;
    *nsp = e - b;
  }
  return nv;
}

/* The end of the quotation opened at s[at] by “ or 「 (just past the closing mark), or 0 when
** it does not close before a blank line or the end. */
static size_t closing (const char *s, size_t len, size_t at, const char *open, const char *close) {
  size_t i = at;
  int depth = 0, blank = 0;
  while (i < len) {
    if (startswith(s + i, len - i, open)) depth++;
    else if (startswith(s + i, len - i, close) && --depth == 0) return i + strlen(close);
    else if (s[i] == '\n') { if (blank) return 0; blank = 1; i++; continue; }
    if (!isspacecp(cpat(s, len, i))) blank = 0;
    i += tifai_cplen(s[i]);
  }
  return 0;
}

/* The state of one pass: the results so far, and where the last line and quotation were */
typedef struct Q {
  const char *s;
  size_t len;
  tifa_quote *out;
  size_t max, count;
  tifai_cursor c;
  size_t lastbegin, lastend;    /* the last quotation, its marks and speaker included */
  size_t line, linecount;   /* the current line's start; quotations before it */
  size_t prev, prevend, prevcount;    /* the last non-blank line before it; prevend == 0: none */
} Q;

/* Insert a quotation at index i (shifting the later ones) and return a pointer to it, or NULL
** when it falls past 'max' (it is still counted). */
static tifa_quote *add (Q *q, size_t i) {
  size_t j = q->count < q->max ? q->count : q->max;
  tifa_quote *r = NULL;
  if (i < q->max) {
    for (; j > i; j--) if (j < q->max) q->out[j] = q->out[j - 1];
    r = &q->out[i];
    memset(r, 0, sizeof(*r));
  }
  q->count++;
  return r;
}

static void setspan (Q *q, tifa_span *sp, size_t byte, size_t nbyte) {
  tifai_span_set(&q->c, sp, byte, nbyte);
}

/* A quotation in marks at s[at]: its end, or 0 if there is none. */
static size_t marked (Q *q, size_t at) {
  static const char *const marks[][2] = {{"\xE2\x80\x9C", "\xE2\x80\x9D"}, {"「", "」"}, {NULL, NULL}};
  const char *s = q->s;
  size_t end = 0, v = at, sp, nsp, nv;
  int i, nlead;
  tifa_quote *r;
  for (i = 0; marks[i][0] != NULL; i++)
    if (startswith(s + at, q->len - at, marks[i][0])) {
      end = closing(s, q->len, at, marks[i][0], marks[i][1]);
      break;
    }
  if (end == 0) return 0;
  if (v > 0 && (s[v - 1] == ':' || s[v - 1] == ',')) v--;                  /* 强调: 强调，强调： */
  else if (v >= 3 && (startswith(s + v - 3, 3, "：") || startswith(s + v - 3, 3, "，"))) v -= 3;
  nv = attribution(s, q->len, v, &sp, &nsp, &nlead);
  if ((r = add(q, q->count)) != NULL) {
    size_t o = strlen(marks[i][0]);
    if (nv > 0) {                                   /* in text order: the cursor goes forward */
      if (nsp > 0) setspan(q, &r->speaker, sp, nsp);
      setspan(q, &r->verb, v - nv, nv);
    }
    setspan(q, &r->text, at + o, end - strlen(marks[i][1]) - at - o);
    r->marked = 1;
  }
  q->lastbegin = nv > 0 && nsp > 0 ? sp : at;
  q->lastend = end;
  return end;
}

/* An unmarked quotation at the start of a sentence at s[at]: "SPEAKER VERB，passage。".
** Returns where the passage starts (the caller goes on from there), or 0. */
static size_t unmarked (Q *q, size_t at) {
  const char *s = q->s;
  size_t i, e, sp, nsp, nv;
  int n, nlead;
  tifa_quote *r;
  for (i = at, n = 0; i < q->len && n <= MAXLEAD; i += tifai_cplen(s[i]), n++)
    if (isbreak(cpat(s, q->len, i))) break;
  if (i >= q->len || n > MAXLEAD || !(startswith(s + i, q->len - i, "，") || startswith(s + i, q->len - i, "：")))
    return 0;
  nv = attribution(s, q->len, i, &sp, &nsp, &nlead);
  if (nv == 0 || nsp == 0 || sp != at) return 0;
  i += 3;
  if (startswith(s + i, q->len - i, "\xE2\x80\x9C") || startswith(s + i, q->len - i, "「")) return 0;
  e = i + tifa_text_sentence(s + i, q->len - i);
  while (e > i && (isspacecp(cpat(s, q->len, back(s, e))) || isterm(cpat(s, q->len, back(s, e)))))
    e = back(s, e);
  if (e == i) return 0;
  if ((r = add(q, q->count)) != NULL) {
    setspan(q, &r->speaker, sp, nsp);
    setspan(q, &r->verb, i - 3 - nv, nv);
    setspan(q, &r->text, i, e - i);
  }
  q->lastbegin = sp;
  q->lastend = e;
  return i;
}

static size_t lineend (const char *s, size_t len, size_t at) {
  const char *p = memchr(s + at, '\n', len - at);
  return p ? (size_t)(p - s) : len;
}

/* An attribution line at s[at] (after its white space): ——SPEAKER[DATE][在|于]OCCASION.
** Gives them to the quotation that makes up the line before (from its start to its end),
** or else makes that line a quotation. Returns 1 if it was one. */
static int byline (Q *q, size_t at) {
  const char *s = q->s;
  size_t k, sp, e, o, eol = lineend(s, q->len, at), i;
  char iso[16] = "";
  const char *prec;
  int n = 0;
  tifa_quote *r;
  if ((k = startswith(s + at, eol - at, "——")) == 0) return 0;
  for (sp = at + k; sp < eol && s[sp] == ' '; sp++) {}
  for (e = sp; e < eol && n < MAXSPEAKER; e += tifai_cplen(s[e]), n++) {
    int32_t c = cpat(s, eol, e);
    if (isbreak(c) || (c >= '0' && c <= '9') || startswith(s + e, eol - e, "在") || startswith(s + e, eol - e, "于")
        || startswith(s + e, eol - e, "《") || tifai_date_parse(s + e, eol - e, iso, &prec) > 0)
      break;
  }
  if (e > eol) e = eol;                     /* a truncated sequence at the line's end */
  if (e == sp) return 0;
  for (o = e; o < eol && s[o] == ' '; o++) {}
  if ((k = tifai_date_parse(s + o, eol - o, iso, &prec)) > 0) o += k;
  else iso[0] = '\0';
  while (o < eol && s[o] == ' ') o++;
  if ((k = startswith(s + o, eol - o, "在")) > 0 || (k = startswith(s + o, eol - o, "于")) > 0) o += k;
  for (i = eol; i > o && (isspacecp(cpat(s, eol, back(s, i))) || isterm(cpat(s, eol, back(s, i)))); i = back(s, i)) {}
  for (k = q->lastend; k < at && (isspacecp(cpat(s, q->len, k)) || isterm(cpat(s, q->len, k))); k += tifai_cplen(s[k])) {}
  if (q->count > 0 && q->lastend > 0 && k == at && q->prevend > 0 && q->lastbegin == q->prev)
                                                          /* the quotation that is the line before */
    r = q->count - 1 < q->max ? &q->out[q->count - 1] : NULL;
  else if (q->prevend > 0) {                                     /* the line before */
    if ((r = add(q, q->prevcount)) != NULL) setspan(q, &r->text, q->prev, q->prevend - q->prev);
  }
  else return 0;
  if (r != NULL) {
    if (r->speaker.nbyte == 0) setspan(q, &r->speaker, sp, e - sp);
    if (i > o) setspan(q, &r->occasion, o, i - o);
    memcpy(r->date, iso, sizeof(iso));
  }
  q->lastend = eol;
  return 1;
}

/* A new line starts at s[at]: the line that ends here becomes the previous one if not blank */
static void newline (Q *q, size_t at) {
  size_t b = q->line, e = at;
  while (b < e && isspacecp(cpat(q->s, q->len, b))) b += tifai_cplen(q->s[b]);
  while (e > b && isspacecp(cpat(q->s, q->len, back(q->s, e)))) e = back(q->s, e);
  if (e > b) { q->prev = b; q->prevend = e; q->prevcount = q->linecount; }
  q->line = at;
  q->linecount = q->count;
}

size_t tifa_extract_quotes (const char *s, size_t len, tifa_quote *out, size_t max) {
  Q q;
  size_t at = 0, k;
  int start = 1, linestart = 1;
  memset(&q, 0, sizeof(q));
  q.s = s; q.len = len; q.out = out; q.max = max;
  q.c.s = s;
  while (at < len) {
    int32_t c = cpat(s, len, at);
    if (start || linestart) {
      if (isspacecp(c) && c != '\n') { at += tifai_cplen(s[at]); continue; }
      if (linestart && byline(&q, at)) { at = lineend(s, len, at); start = linestart = 0; continue; }
      start = linestart = 0;
      if ((k = unmarked(&q, at)) > 0) { at = k; continue; }
    }
    if ((c == 0x201C || c == 0x300C) && (k = marked(&q, at)) > 0) {
      start = isterm(cpat(s, len, back(s, back(s, k))));        /* “...。” ends a sentence */
      at = k;
      continue;
    }
    if (c == '\n') { newline(&q, at + 1); linestart = start = 1; }
    else if (isterm(c) && c != 0x201D && c != 0x300D && c != 0x2019 && c != 0xFF09) start = 1;
    at += tifai_cplen(s[at]);
  }
  return q.count;
}
