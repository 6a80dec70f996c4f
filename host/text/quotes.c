/*
** quotes.c -- quotations and who said them (tifa_extract_quotes): passages in “...” and
** 「...」, the unmarked passage after "他指出，", and attribution lines "——习近平2023年12月11日
** 在中央经济工作会议上的讲话". The clause before a speech verb names the speaker when the
** entity recognizer finds one there (tifai_speaker, entities.c); a verb with no subject
** takes the one that opens a clause before it in its sentence; marks around terms and
** definitions are flagged. Speech verbs, adverbs, marks of terms are tables.
*/
#include <string.h>
#include "text.h"
#include "extract.h"

/* {====== Tables: extend here ====== */

/* Speech verbs, a longer one before a shorter one it ends with (说道 before 说). */
static const char *const verbs[] = {
  "强调", "指出", "表示", "认为", "要求", "提出", "宣布", "介绍", "说明", "重申", "呼吁",
  "谈到", "写道", "说道", "讲道", "问道", "回答", "告诉", "批示", "寄语", "坦言", "透露",
  "补充", "总结", "叮嘱", "嘱托", "勉励", "称赞", "赞扬", "感慨", "感叹", "直言", "写下",
  "宣称", "声称", "扬言", "谎称", "声明", "诉称", "辩称", "所说", "所讲", "所言", "称", "讲", "说",
  NULL
};

/* Marks of aspect after a verb: 说过, 写下了 */
static const char *const aspects[] = {"了", "过", NULL};

/* Words that end like a speech verb but do not attribute speech: 对我们来说，... */
static const char *const notverbs[] = {
  "来说", "据说", "听说", "就是说", "传说", "小说", "学说", "解说", "虽说", "不用说", "所称",
  "总体要求", "基本要求", "具体要求", "工作要求", "明确要求", "的要求", "的说明", "的介绍",
  "号称", "堪称", "名称", "简称", "统称", "俗称", "又称", "被称", "人称", "对称", NULL
};

/* Adverbs between a speaker and the verb: 习近平最后强调 */
static const char *const adverbs[] = {
  "再次", "最后", "多次", "反复", "一再", "明确", "深刻", "特别", "进一步", "同时", "首先",
  "郑重", "常常", "经常", "总是", "一直", "曾经", "常", "还", "也", "又", "曾", "都", NULL
};

/* Words before an opening mark that make the marks a term's or a definition's: 本法所称“…”,
** （以下简称“…”）, 被誉为“…”, 授予“…”称号 */
static const char *const termbefore[] = {
  "所称", "简称", "下称", "统称", "合称", "并称", "称为", "称之为", "誉为", "称作", "叫做",
  "又称", "俗称", "定义为", "命名为", "列为", "评为", "授予", "荣获", "冠以", "号称", "堪称",
  "被称", "即", NULL
};

/* Words of a definition that may stand further back in the clause */
static const char *const defining[] = {"所称", "简称", "下称", NULL};

/* Numerals that open a term: “两个确立”, “十五五”, “一带一路” */
static const char *const numerals[] = {
  "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "两", "百", "千", NULL
};

#define MAXSPEAKER  40      /* code points of the clause before a speech verb */
#define MAXSAIDTERM 5       /* the same, in someone's words (李强指出，“友好”是…) */
#define MAXTERM     12      /* code points of a term in marks with no speech verb */
#define MAXNAMED    20      /* code points of a term the sentence goes on after (“…”理念) */
#define MAXBACK     8       /* clauses looked back for the speaker of a verb with none */
#define MAXLEAD     40      /* code points before the verb of an unmarked quotation */

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
** less trailing adverbs, cut before 在, as tifai_speaker classifies it. Returns the verb's
** length (0: none); the speaker is s[*sp, *sp + *nsp) of kind '*kind' (*nsp == 0: none, and
** '*kind' TIFAI_SPEAKER_NONE when the clause holds no subject, 0 when it names no
** speaker); '*cb' is where the clause starts and '*nlead' counts its code points. */
static size_t attribution (const char *s, size_t len, size_t end, size_t *sp, size_t *nsp,
                           int *nlead, int *kind, size_t *cb) {
  size_t na = endswith(s, end, aspects), nv = endswith(s, end - na, verbs), b, e, k, i, sb, se;
  int n = 0;
  *nsp = 0;
  *nlead = 0;
  *kind = 0;
  *cb = end;
  if (nv == 0 || endswith(s, end - na, notverbs) > 0) return 0;
  e = end - na - nv;
  nv += na;
  for (b = e; b > 0; b = k, n++) {                          /* back to the clause's start */
    k = back(s, b);
    if (isbreak(cpat(s, len, k))) break;
  }
  *nlead = n;
  *cb = b;
  while ((k = endswith(s, e, adverbs)) > 0 && e - k >= b) e -= k;
  for (i = b; i < e; i += tifai_cplen(s[i]))                /* cut before 在 */
    if (startswith(s + i, e - i, "在")) { e = i; break; }
  if (tifa_utf8_len(s + b, e - b) > MAXSPEAKER) return nv;
  *kind = tifai_speaker(s, len, b, e, &sb, &se);
  if (*kind <= 0 && startswith(s + end - nv, nv, "所") && tifai_speaker_end(s, len, b, e, &sb, &se) > 0)
    *kind = tifai_speaker(s, len, sb, se, &sb, &se);      /* 克服了我国诗人李白所说的 */
  if (*kind > 0) {
    *sp = sb;
    *nsp = se - sb;
  }
  return nv;
}

/* tifai_subject of the clause s[b..e), unless it is empty or opens with a quotation */
static int opener (const char *s, size_t len, size_t b, size_t e, size_t *sp, size_t *nsp) {
  size_t sb, se;
  int kind;
  if (b >= e || startswith(s + b, e - b, "\xE2\x80\x9C")) return TIFAI_SPEAKER_NONE;
  if ((kind = tifai_subject(s, len, b, e, &sb, &se)) > 0) {
    *sp = sb;
    *nsp = se - sb;
  }
  return kind;
}

/* The speaker of a verb whose clause has none (邓小平同志亲自倡导，指出“…”): the one that
** opens one of the clauses before it in its sentence, the nearest first. Returns its kind
** and sets s[*sp, *sp + *nsp); 0 when the sentence opens with something else (这场疫情告诉
** 我们，…，指出), TIFAI_SPEAKER_NONE when it opens with no subject. */
static int subject (const char *s, size_t len, size_t cb, size_t *sp, size_t *nsp) {
  size_t e = cb, p = cb;
  int depth = 0, n = 0, kind;
  while (p > 0 && n < MAXBACK) {
    int32_t c;
    p = back(s, p);
    c = cpat(s, len, p);
    if (c == 0x201D) { depth++; continue; }                 /* a quotation is part of a clause */
    if (c == 0x201C && depth > 0) { depth--; continue; }
    if (depth > 0) continue;
    if (c == 0x201C || c == 0x3002 || c == 0xFF01 || c == 0xFF1F || c == 0xFF1B || c == '\n' ||
        c == ';' || c == '!' || c == '?')
      return opener(s, len, p + tifai_cplen(s[p]), e, sp, nsp);     /* the sentence's first */
    if (c == 0xFF0C || c == ',' || c == 0xFF1A || c == ':') {              /* not 、: a list */
      if ((kind = opener(s, len, p + tifai_cplen(s[p]), e, sp, nsp)) > 0) return kind;
      e = p;
      n++;
    }
  }
  if (p == 0 && n < MAXBACK && depth == 0) return opener(s, len, 0, e, sp, nsp);   /* the text's first */
  return TIFAI_SPEAKER_NONE;
}

/* Are the marks s[at..end) around a term or a definition? 'v' is where the text before the
** mark ends (its colon or comma left out); 'said' is 0 when no speaker or speech verb goes
** with them, 2 when the marks open what a verb says (表示，“…”), 1 when they sit inside
** it (他表示，…“…”…, 强调“…”): only short terms are found there (“友好”是…). */
static int interm (const char *s, size_t len, size_t at, size_t end, size_t v, int said,
                   size_t o, size_t c) {
  size_t n = tifa_utf8_len(s + at + o, end - c - at - o), i;
  int32_t next = end < len ? cpat(s, len, end) : 0;
  if (endswith(s, v, termbefore) > 0) return 1;             /* 本法所称“…”, 简称“…” */
  for (i = v; i > 0 && !isbreak(cpat(s, len, back(s, i))); i = back(s, i))
    if (endswith(s, i, defining) > 0) return 1;             /* 本法所称日内瓦公约“…” */
  for (i = at + o; i < end - c; i += tifai_cplen(s[i])) {
    int32_t cp = cpat(s, len, i);
    if (cp == 0xFF0C || cp == 0x3002 || cp == 0xFF1B || cp == 0xFF01 || cp == 0xFF1F || cp == 0xFF1A)
      return 0;                                             /* a sentence is no term */
  }
  if (n <= (said == 1 ? MAXSAIDTERM : MAXNAMED) && (tifai_is_han(next) || next == 0x201C))
    return 1;                                               /* “友好”是…, “十五五”时期, “A”“B” */
  for (i = 0; numerals[i] != NULL; i++)                     /* “两个确立”, “五个必须” */
    if (n <= MAXTERM && startswith(s + at + o, end - c - at - o, numerals[i])) return 1;
  return !said && n <= MAXTERM;                             /* “标配” */
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
  size_t isp, insp, iend;   /* the speaker of the unmarked passage that goes on to 'iend' */
  int ikind;
  size_t csp, cnsp, cend;   /* the last quotation in marks: its speaker (cnsp 0: none), end */
  int ckind;
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

/* The speaker named after the quotation that ends at s[end], in its sentence: the one that
** opens a clause there (从强调“…”到指出“…”，习近平总书记…). Returns its kind, 0 if none. */
static int after (const char *s, size_t len, size_t end, size_t *sp, size_t *nsp) {
  size_t p = end, b = 0;
  int depth = 0, n = 0, kind;
  while (p < len && n < MAXBACK) {
    int32_t c = cpat(s, len, p);
    size_t k = tifai_cplen(s[p]);
    if (c == 0x201C) depth++;
    else if (c == 0x201D && depth > 0) depth--;
    else if (depth == 0 && (c == 0xFF0C || c == 0x3002 || c == 0xFF01 || c == 0xFF1F || c == 0xFF1B ||
                            c == '\n')) {
      if (b > 0 && p > b && (kind = opener(s, len, b, p, sp, nsp)) > 0) return kind;
      if (c != 0xFF0C) return 0;
      b = p + k;
      n++;
    }
    p += k;
  }
  return 0;
}

/* A speech verb earlier in the clause that ends at s[v] (他表示这是“…”, 要求江西“…”): its
** length, with its speaker found as for a verb just before a mark and its end in '*vend';
** 0 when there is none or it has no speaker. */
static size_t verbbefore (const char *s, size_t len, size_t v, size_t *sp, size_t *nsp, int *kind,
                          size_t *vend) {
  size_t p = v, nv, cb;
  int n, nlead;
  for (n = 0; p > 0 && n < MAXLEAD; n++) {
    p = back(s, p);
    if (isbreak(cpat(s, len, p))) return 0;
    if ((nv = attribution(s, len, p, sp, nsp, &nlead, kind, &cb)) > 0) {
      if (*kind == TIFAI_SPEAKER_NONE) {
        int k = subject(s, len, cb, sp, nsp);
        *kind = k;
        if (k <= 0) *nsp = 0;
      }
      *vend = p;
      return *nsp > 0 ? nv : 0;
    }
  }
  return 0;
}

/* Is s[a..b) nothing but white space and the marks that join quotations (“A”、“B”)? */
static int joined (const char *s, size_t len, size_t a, size_t b) {
  for (; a < b; a += tifai_cplen(s[a])) {
    int32_t c = cpat(s, len, a);
    if (!isspacecp(c) && c != 0x3001 && c != 0xFF0C && c != 0xFF1B) return 0;
  }
  return 1;
}

/* A quotation in marks at s[at]: its end, or 0 if there is none. Its speaker is, in this
** order: the clause before its verb (or the one that opens a clause before it in its
** sentence, when the verb's clause has none); the clause before a colon that names one
** (习近平：“…”); the speaker of the unmarked passage it is in (他表示，…“…”…); the speaker
** of the quotation it follows (他强调“…”“…”). */
static size_t marked (Q *q, size_t at) {
  static const char *const marks[][2] = {{"\xE2\x80\x9C", "\xE2\x80\x9D"}, {"「", "」"}, {NULL, NULL}};
  const char *s = q->s;
  size_t end = 0, v = at, sp = 0, nsp, nv, cb, o, c, vend;
  int i, nlead, kind, term, colon = 0, said, open = 0;
  tifa_quote *r;
  for (i = 0; marks[i][0] != NULL; i++)
    if (startswith(s + at, q->len - at, marks[i][0])) {
      end = closing(s, q->len, at, marks[i][0], marks[i][1]);
      break;
    }
  if (end == 0) return 0;
  o = strlen(marks[i][0]);
  c = strlen(marks[i][1]);
  if (v > 0 && (s[v - 1] == ':' || s[v - 1] == ',')) colon = s[--v] == ':';       /* 强调: 强调， */
  else if (v >= 3 && startswith(s + v - 3, 3, "：")) { v -= 3; colon = 1; }
  else if (v >= 3 && startswith(s + v - 3, 3, "，")) v -= 3;
  nv = attribution(s, q->len, v, &sp, &nsp, &nlead, &kind, &cb);
  vend = v;
  if (nv == 0 && v == at && v >= 3 && startswith(s + v - 3, 3, "的") &&
      (nv = attribution(s, q->len, v - 3, &sp, &nsp, &nlead, &kind, &cb)) > 0)
    vend = v - 3;                                               /* 李白所说的“…” */
  if (nv > 0 && kind == TIFAI_SPEAKER_NONE) {                   /* no subject: look back */
    int k = subject(s, q->len, cb, &sp, &nsp);
    kind = k != 0 ? k : kind;
    if (k <= 0) nsp = 0;
  }
  else if (nv == 0 && colon) {                                  /* 习近平：“…” */
    size_t b, sb, se;
    for (b = v; b > 0 && !isbreak(cpat(s, q->len, back(s, b))); b = back(s, b)) {}
    if (tifa_utf8_len(s + b, v - b) <= MAXSPEAKER &&
        ((kind = tifai_speaker(s, q->len, b, v, &sb, &se)) > 0 ||
         (kind = tifai_subject(s, q->len, b, v, &sb, &se)) == TIFA_ENTITY_PERSON) && kind != TIFA_ENTITY_PRONOUN) {
      sp = sb;                                                  /* 苏轼有句话：“…” */
      nsp = se - sb;
    }
    else kind = 0;
  }
  else if (nv == 0 && (nv = verbbefore(s, q->len, v, &sp, &nsp, &kind, &vend)) > 0) {}  /* 他表示这是“…” */
  else if (nv == 0 && at < q->iend && q->insp > 0) {            /* inside 他表示，… */
    sp = q->isp; nsp = q->insp; kind = q->ikind;
  }
  else if (nv == 0 && q->cend > 0 && (q->cnsp > 0 || q->ckind < 0) && joined(s, q->len, q->cend, at)) {
    sp = q->csp; nsp = q->cnsp; kind = q->ckind;                /* 他强调“…”“…” */
    open = nsp == 0;
  }
  if (nv > 0 && nsp == 0 && kind == TIFAI_SPEAKER_NONE &&
      (startswith(s + cb, q->len - cb, "从") || startswith(s + cb, q->len - cb, "到") ||
       startswith(s + cb, q->len - cb, "再到")) && (kind = after(s, q->len, end, &sp, &nsp)) == 0)
    kind = TIFAI_SPEAKER_NONE;                                  /* 从…强调“…”，到…，习近平… */
  said = nv > 0 && vend == v && v < at ? 2 : nv > 0 || nsp > 0;
  term = interm(s, q->len, at, end, v, said, o, c);
  if (term) nv = nsp = 0;
  if (nv > 0 && nsp > 0) {                            /* what follows in its sentence is its */
    q->isp = sp; q->insp = nsp; q->ikind = kind;
    q->iend = isterm(cpat(s, q->len, back(s, end - c))) ? end : end + tifa_text_sentence(s + end, q->len - end);
  }
  if ((r = add(q, q->count)) != NULL) {
    if (nsp > 0) {
      setspan(q, &r->speaker, sp, nsp);
      r->speaker_kind = kind;
    }
    else if (nv > 0 || open) r->speaker_kind = kind == TIFAI_SPEAKER_NONE ? -1 : 0;
    if (nv > 0) setspan(q, &r->verb, vend - nv, nv);
    setspan(q, &r->text, at + o, end - c - at - o);
    r->marked = 1;
    r->term = term;
  }
  q->lastbegin = nv > 0 && nsp > 0 ? sp : at;
  q->lastend = end;
  if (!term) {
    q->csp = sp; q->cnsp = nsp; q->cend = end;
    q->ckind = nsp > 0 ? kind : (nv > 0 || open) && kind == TIFAI_SPEAKER_NONE ? -1 : 0;
  }
  return end;
}

/* An unmarked quotation at the start of a sentence at s[at]: "SPEAKER VERB，passage。".
** Returns where the passage starts (the caller goes on from there), or 0. */
static size_t unmarked (Q *q, size_t at) {
  const char *s = q->s;
  size_t i, e, sp, nsp, nv, cb;
  int n, nlead, kind;
  tifa_quote *r;
  for (i = at, n = 0; i < q->len && n <= MAXLEAD; i += tifai_cplen(s[i]), n++)
    if (isbreak(cpat(s, q->len, i))) break;
  if (i >= q->len || n > MAXLEAD || !(startswith(s + i, q->len - i, "，") || startswith(s + i, q->len - i, "：")))
    return 0;
  nv = attribution(s, q->len, i, &sp, &nsp, &nlead, &kind, &cb);
  if (nv == 0 || nsp == 0) return 0;
  i += 3;
  if (startswith(s + i, q->len - i, "\xE2\x80\x9C") || startswith(s + i, q->len - i, "「")) return 0;
  e = i + tifa_text_sentence(s + i, q->len - i);
  while (e > i && (isspacecp(cpat(s, q->len, back(s, e))) || isterm(cpat(s, q->len, back(s, e)))))
    e = back(s, e);
  if (e == i) return 0;
  q->isp = sp; q->insp = nsp; q->ikind = kind; q->iend = e;
  if ((r = add(q, q->count)) != NULL) {
    setspan(q, &r->speaker, sp, nsp);
    r->speaker_kind = kind;
    setspan(q, &r->verb, i - 3 - nv, nv);
    setspan(q, &r->text, i, e - i);
  }
  q->lastbegin = sp;
  q->lastend = e;
  return i;
}

/* A clause inside a sentence at s[at], "SPEAKER VERB，" (针对…，古巴外长罗德里格斯当天表示，…):
** the quotations in marks up to the end of the sentence are that speaker's. */
static void clause (Q *q, size_t at) {
  const char *s = q->s;
  size_t i, sp, nsp, nv, cb;
  int n, nlead, kind;
  for (i = at, n = 0; i < q->len && n <= MAXLEAD; i += tifai_cplen(s[i]), n++)
    if (isbreak(cpat(s, q->len, i))) break;
  if (i >= q->len || n > MAXLEAD || !startswith(s + i, q->len - i, "，")) return;
  nv = attribution(s, q->len, i, &sp, &nsp, &nlead, &kind, &cb);
  if (nv == 0 || nsp == 0) return;
  q->isp = sp; q->insp = nsp; q->ikind = kind;
  q->iend = i + tifa_text_sentence(s + i, q->len - i);
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
  size_t k, sp, e, o, eol = lineend(s, q->len, at), i, b2, e2;
  char iso[16] = "";
  const char *prec;
  int n = 0, kind;
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
  if (e == sp || (kind = tifai_speaker(s, q->len, sp, e, &b2, &e2)) <= 0)
    return 0;                               /* ——必须坚持推进改革开放。 is a list's item */
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
    if (r->speaker.nbyte == 0) {
      setspan(q, &r->speaker, sp, e - sp);
      r->speaker_kind = kind;
    }
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
    if (c == 0xFF0C) clause(&q, at + 3);
    if (c == '\n') { newline(&q, at + 1); linestart = start = 1; }
    else if (isterm(c) && c != 0x201D && c != 0x300D && c != 0x2019 && c != 0xFF09) start = 1;
    at += tifai_cplen(s[at]);
  }
  return q.count;
}
