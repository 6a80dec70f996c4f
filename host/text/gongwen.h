/*
** gongwen.h -- internal interface of the reading of official documents (公文) by the elements
** of GB/T 9704-2012 (gongwen.c): which line of a document is its 份号/密级/紧急程度, 发文机关标志,
** 发文字号, 签发人, 标题, 主送机关, 正文, 附件说明, 发文机关署名, 成文日期, 附注, 附件, 抄送 or
** 印发 line, the values those lines hold, and a score of how much the lines look like a 公文
** (for the genre of a page). Pure C: no Lua, no SQLite, no allocation, thread-safe. The
** lines come as the paragraphs of tifa_text_provisions do (tifa_para of tifa_structure.h).
*/
#ifndef TIFA_GONGWEN_H
#define TIFA_GONGWEN_H

#include <stddef.h>
#include "tifa_structure.h"

/* The role of a line (TIFAI_GW_*); tifai_gongwen_role_name gives its name. */
enum {
  TIFAI_GW_BODY = 0,        /* "body": 正文, and every line the rules are not sure of */
  TIFAI_GW_MARK,            /* "mark": 份号 (000123), 密级 (机密★1年), 紧急程度 (特急), at the top */
  TIFAI_GW_ORGAN_MARK,      /* "organ_mark": 发文机关标志 (国务院文件; 中共中央办公厅 国务院办公厅) */
  TIFAI_GW_DOCNO,           /* "docno": 发文字号 (国发〔2024〕1号), maybe with 签发人 after it */
  TIFAI_GW_SIGNER,          /* "signer": 签发人：张三 (上行文) on its own line */
  TIFAI_GW_TITLE,           /* "title": 标题, one to three lines */
  TIFAI_GW_ADDRESSEE,       /* "addressee": 主送机关, the line ending in ： under the title */
  TIFAI_GW_ATTACHMENT_NOTE, /* "attachment_note": 附件说明 (附件：1. … and the lines 2. …) */
  TIFAI_GW_SIGNATURE,       /* "signature": 发文机关署名, organ names above the 成文日期 */
  TIFAI_GW_DATE,            /* "date": 成文日期 */
  TIFAI_GW_NOTE,            /* "note": 附注 under the date: （此件公开发布）, （联系人：…） */
  TIFAI_GW_ATTACHMENT,      /* "attachment": 附件 after the date (from its 附件1 line on) */
  TIFAI_GW_CC,              /* "cc": 抄送：…。 */
  TIFAI_GW_ISSUED,          /* "issued": 印发机关和印发日期 (国务院办公厅 2024年1月6日印发) */
  TIFAI_GW_NROLES
};

/* The static name of a role ("body", "mark", "organ_mark", ...); "?" for anything else. */
const char *tifai_gongwen_role_name (int role);

/* A piece of the caller's text: s[byte .. byte+nbyte). */
typedef struct tifai_gw_span {
  size_t byte, nbyte;
} tifai_gw_span;

/* A 发文字号: organ abbreviation, 〔year〕, number, 号. */
typedef struct tifai_gw_docno {
  tifai_gw_span organ;      /* 国发, 国办发, 京政发 (Han characters, 1 to 12) */
  int year;                 /* 2024 */
  long number;              /* 1 (leading zeros dropped) */
} tifai_gw_docno;

/* The length in bytes of the 发文字号 at the start of s[0..len) (valid UTF-8): 1 to 12 Han
** characters, a four-digit year in 〔〕, [], ［］, ()，（） or 【】 (the brackets of scraped
** texts), 1 to 6 digits and 号; digits ASCII or full-width. 0 if there is none ('*d' is then
** unspecified). 'organ' is relative to s. */
size_t tifai_gongwen_docno (const char *s, size_t len, tifai_gw_docno *d);

/* 1 if s[0..len) (valid UTF-8) is a number alone (or in brackets): 第777号 (a 令号) or
** 2024年第3号 (a 公告's number, by year), with its parts in 'd' (organ empty; year 0 for 第N号;
** digits ASCII or full-width); else 0. */
int tifai_gongwen_number (const char *s, size_t len, tifai_gw_docno *d);

#define TIFAI_GW_MAXLIST    16  /* items kept per list of tifai_gongwen */
#define TIFAI_GW_THRESHOLD  50  /* score from which the lines are read as a 公文 */

/* What tifai_gongwen_read found. Spans point into the caller's text. A list's count ('n…')
** is the number of items found, which may exceed TIFAI_GW_MAXLIST: then only the first
** TIFAI_GW_MAXLIST are kept. A line index is the count of lines when there is none. */
typedef struct tifai_gongwen {
  int score;                        /* 0 to 100: how much the lines look like a 公文 */
  int found;                        /* score >= TIFAI_GW_THRESHOLD: the roles and values
                                       below are given; otherwise all lines are body, all
                                       values empty */
  tifai_gw_span copyno, secrecy, urgency; /* 份号 000123, 密级 机密★1年, 紧急程度 特急 */
  size_t docno_line;                /* the line of the 发文字号 */
  tifai_gw_span docno;              /* the whole 发文字号: 国发〔2024〕1号; or a 令号 (第777号)
                                       or a 公告's number (2024年第3号): organ empty (a 令:
                                       its 发文机关标志), year 0 when none */
  tifai_gw_docno docno_parts;       /* its parts */
  int order;                        /* 1: a 命令（令）: 发文机关标志 in 令 and a 令号, no 标题 */
  size_t title_first, title_last;   /* the lines of the title (join them for the title) */
  char date[16];                    /* the 成文日期, ISO 8601 (2024-01-05); "" if none */
  size_t date_line;
  char issued_date[16];             /* the 印发日期, ISO 8601; "" if none */
  tifai_gw_span issuer;             /* the 印发机关 of the 印发 line */
  tifai_gw_span signers[TIFAI_GW_MAXLIST];    size_t nsigners;     /* 签发人 names */
  tifai_gw_span addressees[TIFAI_GW_MAXLIST]; size_t naddressees;  /* 主送机关 */
  tifai_gw_span attachments[TIFAI_GW_MAXLIST]; size_t nattachments; /* 附件说明 items, their
                                                                      numbers (1.) removed */
  tifai_gw_span signatures[TIFAI_GW_MAXLIST]; size_t nsignatures;  /* 署名 organs */
  tifai_gw_span cc[TIFAI_GW_MAXLIST]; size_t ncc;                  /* 抄送 organs */
} tifai_gongwen;

/* Read the lines lines[0..n) of the text s (valid UTF-8; each line trimmed of white space,
** in order; their 'heading' flags are ignored) as a 公文. Writes a role TIFAI_GW_* for each
** line into roles[0..n) and the values into '*out', and returns out->score.
**
** An element is given only when its form and its place both fit (so a line is body
** unless): the marks and the 发文机关标志 only at the top; the 发文字号 alone on its line (or
** in brackets, or with 签发人 after it) above the title or right under it; the title right
** after that head, ending in a 文种 (通知, 意见, 决定, 方案, 批复, 函, …) and holding 关于,
** or being a bare 公告/通告; the 主送机关 only on the line right after the title (and its
** 发文字号); a 命令（令）'s 发文机关标志 (…令) with its 令号 (第777号) on the next line, a
** 公告's number by year (2024年第3号) right under its title; the 成文日期 a date to the day
** alone on its line (or after the 署名's organs on that line), after the body, followed
** only by 附注 lines, a 附件 part and the 版记 (抄送, 印发); the 署名 only right above it
** (organs, or a post and a name: 总理　李强),
** the 附件说明 only right above that; 抄送 and 印发 only at the end. Then the score adds
** the weights of the elements found (发文字号 30, 标题 25, 主送机关 20, 成文日期 15, 发文机关
** 标志 15, 署名 10, 印发 10, marks, 签发人, 附件说明 and 抄送 5 each; at most 100), and
** when it stays under TIFAI_GW_THRESHOLD every line is body and the values are cleared:
** a news story that quotes a 文号 and a date, or a speech with its "同志们：", gives none. */
int tifai_gongwen_read (const char *s, const tifa_para *lines, size_t n, int *roles,
                        tifai_gongwen *out);

#endif
