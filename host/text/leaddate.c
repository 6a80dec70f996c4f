/*
** leaddate.c -- the date of the event a news lead reports (tifai_lead_date): the first
** sentence opens with a month and day, or a full date, and goes on to an event
** ("10月12日下午，学校在报告厅召开…", "3月5日上午，…在人民大会堂开幕"). A period
** ("1月至10月，…增长5%"), a start ("10月1日起施行") or a sentence without a verb of
** occurrence gives none: no date is better than a wrong one.
*/
#include <string.h>
#include "text.h"

#define SENTMAX  (200 * 3)          /* bytes of the first sentence looked at */

static size_t lit (const char *s, size_t len, size_t at, const char *w) {
  size_t n = strlen(w);
  return len - at >= n && memcmp(s + at, w, n) == 0 ? n : 0;
}

/* The first of 'ws' at s[at..len), its length; 0 if none. */
static size_t oneof (const char *s, size_t len, size_t at, const char *const *ws) {
  size_t n;
  for (; *ws; ws++)
    if ((n = lit(s, len, at, *ws)) > 0) return n;
  return 0;
}

static size_t spaces (const char *s, size_t len, size_t at) {
  size_t n;
  while (at < len) {
    if (s[at] == ' ' || s[at] == '\t') at++;
    else if ((n = lit(s, len, at, "\xE3\x80\x80")) > 0 || (n = lit(s, len, at, "\xC2\xA0")) > 0)
      at += n;                                              /* U+3000, NBSP */
    else break;
  }
  return at;
}

/* An outlet's credit at s[at..len): a few characters ending in 消息 ("央视网消息"), its
** length; 0 if none. */
static size_t credit (const char *s, size_t len, size_t at) {
  size_t e, n;
  for (e = at; e < len && e - at <= 10 * 3; e++) {
    if ((n = lit(s, len, e, "消息")) > 0) return e > at ? e + n - at : 0;
    if ((unsigned char)s[e] < 0x80 || lit(s, len, e, "，") || lit(s, len, e, "：")) return 0;
  }
  return 0;
}

/* 1 if s starts with a digit or a Chinese numeral: "（4）", "（二）" number a list. */
static int numeral (const char *s) {
  static const char *const han[] = {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十", NULL};
  return (s[0] >= '0' && s[0] <= '9') || oneof(s, 3, 0, han) > 0;
}

/* What may stand before a lead's date: "本报讯", "央视网消息", "（通讯员 张三）", "【学院新闻】",
** each perhaps followed by a colon. */
static size_t prefix (const char *s, size_t len, size_t at) {
  static const char *const open[] = {"（", "(", "【", "[", NULL};
  static const char *const close[] = {"）", ")", "】", "]", NULL};
  int round;
  for (round = 0; round < 3; round++) {
    size_t n, k, e;
    at = spaces(s, len, at);
    if ((n = lit(s, len, at, "本报讯")) > 0 || (n = lit(s, len, at, "讯")) > 0) { at += n; continue; }
    if ((n = credit(s, len, at)) > 0) {
      at += n;
      if ((n = lit(s, len, at, "：")) > 0 || (n = lit(s, len, at, ":")) > 0) at += n;
      continue;
    }
    for (k = 0; open[k]; k++)
      if ((n = lit(s, len, at, open[k])) > 0) break;
    if (open[k] == NULL) break;
    for (e = at + n; e < len && e - at < 80 * 3; e++)         /* a short group only */
      if (oneof(s, len, e, close) > 0) break;
    if (e >= len || e - at >= 80 * 3 || e - at - n < 2 * 3 || numeral(s + at + n)) break;
    at = e + oneof(s, len, e, close);
    if ((n = lit(s, len, at, "：")) > 0 || (n = lit(s, len, at, ":")) > 0) at += n;
  }
  return spaces(s, len, at);
}

/* Ends of the first sentence: 。！？； (full-width or ASCII), or a line break. */
static size_t sentence (const char *s, size_t len) {
  static const char *const stops[] = {"。", "！", "？", "；", "!", "?", ";", "\n", NULL};
  size_t at;
  if (len > SENTMAX) len = SENTMAX;
  for (at = 0; at < len; at++)
    if (oneof(s, len, at, stops) > 0) return at;
  return len;
}

/* A month and day or a full date at s[at..end): bare ("10月12日") or said as a day
** ("今天（3月12日）", "昨天（1月12日）"). Returns the bytes read (0: none), the ISO date in
** 'iso' and the date's own bytes in [*b0, *b1). */
static size_t dateat (const char *s, size_t end, size_t at, char iso[16], size_t *b0, size_t *b1) {
  static const char *const day[] = {"今天", "今日", "昨天", "昨日", "当天", "当日", NULL};
  const char *prec;
  size_t used, n, k;
  if ((used = tifai_date_parse(s + at, end - at, iso, &prec)) > 0) {
    *b0 = at;
    *b1 = at + used;
  }
  else if ((n = oneof(s, end, at, day)) > 0 && ((k = lit(s, end, at + n, "（")) > 0
                                               || (k = lit(s, end, at + n, "(")) > 0)
           && (used = tifai_date_parse(s + at + n + k, end - at - n - k, iso, &prec)) > 0) {
    *b0 = at + n + k;
    *b1 = *b0 + used;
    if ((k = lit(s, end, *b1, "）")) == 0 && (k = lit(s, end, *b1, ")")) == 0) return 0;
    used = *b1 + k - at;
  }
  else return 0;
  if (strcmp(prec, "day") != 0 && strcmp(prec, "month-day") != 0) return 0;
  return used;
}

int tifai_lead_date (const char *s, size_t len, int *y, int *m, int *d, size_t *b0, size_t *b1) {
  static const char *const period[] = {      /* right after the date: not one day's event */
    "至", "到", "—", "–", "-", "~", "～", "、", "和", "及", "与", "或", "以来", "起", "前", "后",
    "之", "期间", "左右", "止", "的", "是", "为", "开始", "以后", "以前", NULL};
  static const char *const daytime[] = {     /* longest first */
    "上午", "下午", "中午", "晚上", "晚间", "傍晚", "早上", "早晨", "清晨", "凌晨", "夜间", "晚",
    NULL};
  static const char *const verbs[] = {       /* verbs of occurrence */
    "召开", "举行", "举办", "开幕", "闭幕", "主持", "会见", "会谈", "出席", "考察", "调研", "视察",
    "发布", "印发", "签署", "通过", "宣布", "访问", "参加", "致信", "致电", "发表", "颁布", "公布",
    "成立", "启动", "接见", "看望", "慰问", "走访", "来到", "落幕", "揭牌", "开班", "开营",
    "开工", "竣工", "发射", "审议", "表决", "通报", "部署", "开展", "组织", "讲授", "作报告",
    "签约", "揭晓", "颁发", "发出", "作出", "批准", "任命", "当选", "胜利", "隆重", "复信",
    "贺信", "贺电", "通电话", "集体学习", NULL};
  static const char *const stop[] = {        /* what ends a subject before the date */
    "，", "。", "：", "；", "、", "（", "(", ",", ":", ";", NULL};
  static const char *const notyet[] = {      /* a subject that announces or counts */
    "将", "拟", "定于", "计划", "预计", "截至", "截止", "从", "自", "至", "到", "年", NULL};
  char iso[16];
  size_t end = sentence(s, len), at, used, n, subj;
  at = prefix(s, end, 0);
  subj = at;
  while ((used = dateat(s, end, at, iso, b0, b1)) == 0) {     /* "国务院总理李强3月21日主持…" */
    if (at >= end || at - subj >= 20 * 3 || oneof(s, end, at, stop) > 0
        || oneof(s, end, at, notyet) > 0 || (s[at] >= '0' && s[at] <= '9')) return 0;
    do at++; while (at < end && ((unsigned char)s[at] & 0xC0) == 0x80);
  }
  if (*b0 > subj && at >= subj + 3 && lit(s, end, at - 3, "在") > 0)
    return 0;                                        /* "在2019年7月9日召开的会议上" */
  at += used;
  if (at < end && ((s[at] >= '0' && s[at] <= '9') || oneof(s, end, at, period) > 0)) return 0;
  if ((n = oneof(s, end, at, daytime)) > 0) {
    at += n;
    if (oneof(s, end, at, period) > 0) return 0;
  }
  n = *b0 > subj ? 40 * 3 : 60 * 3;                    /* the verb soon after the date */
  if (at + n < end) end = at + n;
  for (; at < end; at++) {
    if (lit(s, end, at, "将") > 0 || lit(s, end, at, "拟") > 0) return 0;   /* to come */
    if ((n = oneof(s, end, at, verbs)) > 0 && lit(s, end, at + n, "的") == 0) break;
  }                                                  /* "召开的会议上": not the event */
  if (at >= end) return 0;
  if (iso[0] == '-') {                                 /* --MM-DD */
    *y = 0;
    *m = (iso[2] - '0') * 10 + (iso[3] - '0');
    *d = (iso[5] - '0') * 10 + (iso[6] - '0');
  }
  else {
    *y = (iso[0] - '0') * 1000 + (iso[1] - '0') * 100 + (iso[2] - '0') * 10 + (iso[3] - '0');
    *m = (iso[5] - '0') * 10 + (iso[6] - '0');
    *d = (iso[8] - '0') * 10 + (iso[9] - '0');
  }
  return 1;
}

/* The year a term heading gives a month: "2023-2024学年第一学期" (or 2023—2024, 2023至2024,
** a space before 学年): months 9 to 12 fall in the first year, 1 to 8 in the second. Returns
** the year, or 0 if s[0..len) holds no such heading. */
int tifai_term_year (const char *s, size_t len, int m) {
  static const char *const dash[] = {"-", "—", "–", "－", "~", "～", "至", "/", NULL};
  size_t at;
  for (at = 0; at + 8 < len; at++) {
    size_t k = at, n;
    int y1 = 0, y2 = 0, i;
    if (at > 0 && s[at - 1] >= '0' && s[at - 1] <= '9') continue;
    for (i = 0; i < 4 && k < len && s[k] >= '0' && s[k] <= '9'; i++) y1 = y1 * 10 + (s[k++] - '0');
    if (i < 4 || (n = oneof(s, len, k, dash)) == 0) continue;
    k += n;
    for (i = 0; i < 4 && k < len && s[k] >= '0' && s[k] <= '9'; i++) y2 = y2 * 10 + (s[k++] - '0');
    if (i < 4 || y2 != y1 + 1 || y1 < 1900) continue;
    k = spaces(s, len, k);
    if (lit(s, len, k, "学年") == 0) continue;
    return m >= 9 ? y1 : y2;
  }
  return 0;
}
