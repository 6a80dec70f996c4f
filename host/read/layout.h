/*
** layout.h -- cutting a page into articles (layout.c, with the rules of each genre in
** layout_news.c, layout_speech.c, layout_law.c and layout_genre.c: layout_int.h), by rules
** kept as data (layout_rules.c). The page is what a format reader handed over (reader.h):
** paragraphs as read, with their source lines and bytes. The layout joins what page breaks
** and hard wraps cut, drops verbatim repeats, takes bylines, datelines, editors, sources and site
** furniture out of the text into fields, and finds where articles start. Its output points
** into the layout object and is not yet folded: prepare.c folds it.
*/
#ifndef TIFA_LAYOUT_H
#define TIFA_LAYOUT_H

#include <stddef.h>
#include <stdint.h>
#include "tifa_read.h"
#include "reader.h"

typedef struct tifai_layout tifai_layout;

/* Grow the array '*v' of '*cap' items of 'sz' bytes to hold at least 'need' (doubling, 16 at
** first). Returns 0, or -1 out of memory ('*v' unchanged). Shared by the layout and its
** accounting (layout_account.c). */
int tifai_lay_grow (void **v, size_t *cap, size_t sz, size_t need);

/* A new layout object (scratch memory reused from page to page). Returns TIFA_OK and '*out',
** or TIFA_NOMEM. */
int tifai_layout_new (tifai_layout **out);
void tifai_layout_free (tifai_layout *L);          /* NULL is a no-op */

/* Cut page 'd', read in format 'fmt' (TIFAI_FMT_*). Returns TIFA_OK or TIFA_NOMEM; the
** articles are then in '*arts' ('*n' of them), valid until the next call on 'L'. Records
** (JSONL, CSV) are never split: a record is one article, its fields win over what the
** rules find. */
int tifai_layout_cut (tifai_layout *L, const tifai_doc *d, int fmt,
                      const tifa_cut_article **arts, size_t *n);

/* Give every page cut by 'L' from now on the genre 'genre' ("news", "law", "document",
** "speech", "case", "record"; a static string) and its rules; NULL: each page's own, detected. */
void tifai_layout_genre (tifai_layout *L, const char *genre);

/* The page as read (one tifa_para_src per paragraph of 'd'), for split hooks; valid as the
** articles are. */
const tifa_para_src *tifai_layout_page (tifai_layout *L, size_t *n);

/* The date the lead of article 'a' reports (layout_lead.c), for an article with no other:
** its first paragraph's first sentence opens with a month and day and an event (see
** tifai_lead_date). The year is the sentence's own, else one from the page: the dates of the
** other articles 'page[0..n)', full dates in the page's 'title' (or NULL), in a's title and
** header lines, in the page's headings and first lines 'pg[0..npg)'; else a term heading
** ("2023-2024学年第一学期"). Returns 1 and writes 'iso' ("2023-10-12", or "--10-12" with
** no year) and the static '*prec' ("day" or "month-day"); 0 when there is no such date. */
int tifai_layout_leaddate (const tifa_cut_article *a, const tifa_cut_article *page, size_t n,
                           const tifa_para_src *pg, size_t npg, const char *title,
                           char iso[16], const char **prec);

/* Code points (not white space) the last cut took out of body blocks, for the accounting:
** into fields ('*notes': （据人民网） at a paragraph's end) and into paragraph kinds
** ('*bullets': the "- " of a list item); '*dated' 1 when the page's title (tifai_doc.title)
** gave its date, as "# 《新闻联播》 (20220924)" does. */
void tifai_layout_moved (const tifai_layout *L, int64_t *notes, int64_t *bullets, int *dated);

/* {====== Accounting (layout_account.c): where a file's characters went ======
** One object per file: add each page as cut, then read the totals (tifa_account, in
** tifa_read.h). */

typedef struct tifai_account tifai_account;

int tifai_account_new (tifai_account **out);       /* TIFA_OK or TIFA_NOMEM */
void tifai_account_free (tifai_account *A);        /* NULL is a no-op */
void tifai_account_reset (tifai_account *A);       /* for the next file */
/* Add page 'd' and the 'n' articles cut from it; 'titled' 1 when d->title is a line of the
** page's text (a Markdown "# title"), which some article must then carry in its title,
** kicker, subtitle or series, unless it gave the page's date (2: a page header such as
** "# 《新闻联播》 (20220924)"); 'notes' and 'bullets' as tifai_layout_moved gives them.
** Returns TIFA_OK or TIFA_NOMEM (the totals are then incomplete). */
int tifai_account_page (tifai_account *A, const tifai_doc *d, const tifa_cut_article *arts,
                        size_t n, int titled, int64_t notes, int64_t bullets);
/* The totals so far, pointing into 'A' (valid until the next call on it). */
const tifa_account *tifai_account_get (tifai_account *A);

/* }====== */

/* {====== The rules (layout_rules.c) ====== */

typedef struct tifai_rule {         /* one pattern: a literal, where it must match, and what */
  const char *lit;                  /* UTF-8 literal */
  int what;                         /* a field or an action, by table */
} tifai_rule;

/* Lines of site furniture: 'lit' starts the line (what = 1: keep "key: value" in meta under
** the literal as key; 0: drop only; TIFAI_FURN_SOURCE: a link to the article's source, as
** 新闻联播's "[查看原文](url)" under each story: its target becomes the article's url). */
#define TIFAI_FURN_SOURCE 2
extern const tifai_rule tifai_furniture[];
/* Page-header lines "KEY: value": what = TIFAI_PM_OUTLET or TIFAI_PM_DATE. */
#define TIFAI_PM_OUTLET 1
#define TIFAI_PM_DATE   2
#define TIFAI_PM_EDITOR 3
#define TIFAI_PM_AUTHOR 4
extern const tifai_rule tifai_pagemeta[];
/* Byline markers that start a short line of names: "□ 任理轩", "本报记者 X", "新华社记者 X". */
extern const tifai_rule tifai_bylines[];
/* Outlets that open a dateline: 新华社重庆4月23日电, 本报北京3月5日电, 央视网消息. */
extern const tifai_rule tifai_outlets[];
/* Endings of a kicker (引题) line: ...座谈会强调. */
extern const tifai_rule tifai_kicker_ends[];
/* Endings of a subtitle (副题) line: 李强蔡奇丁薛祥出席. */
extern const tifai_rule tifai_subtitle_ends[];
/* Series labels that mark a collection page, whose headings each start an article. */
extern const tifai_rule tifai_collections[];
/* Prefixes of list items. */
extern const tifai_rule tifai_items[];
/* Salutations that open the text of a speech or report under its head: "各位代表：",
** "同志们：". The short lines above one (within the page's first 12) are the head: title,
** the title repeated, "——DATE在…上" (subtitle and date), "（DATE）", the speaker's post
** ending in a tifai_posts literal and the speaker's name. */
extern const tifai_rule tifai_salutations[];
extern const tifai_rule tifai_posts[];
/* A scraper's placeholders: a heading or paragraph that is only "undefined", "null"... is no
** text and is dropped. */
extern const tifai_rule tifai_placeholders[];
/* The page's foot: a licence or a wiki's notes under the text (Wikisource's "本作品是中华人民
** 共和国的法律、法规…属于公有领域"). A text block that starts with a tifai_page_feet literal,
** when it or one of the 12 blocks after it holds a tifai_foot_marks literal, is dropped with
** every block after it. */
extern const tifai_rule tifai_page_feet[];
extern const tifai_rule tifai_foot_marks[];
/* Notes at the end of a paragraph: （据人民网） (what 1: outlet), （作者：X Y） (2: author and
** affiliation), （来源：X） (1), （责任编辑：X） (3: editor), （记者 X） (4: author), （完）
** (0: kept as a note only). A dateline in brackets that ends a paragraph, as 人民日报 prints
** one under a short report (（本报北京5月19日电 记者 X）), is a note too (layout_news.c). */
extern const tifai_rule tifai_notes[];

/* }====== */

#endif
