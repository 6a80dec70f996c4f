/*
** tifa_cite.h -- who is quoted and what is cited, across a corpus: quotations grouped by
** speaker (the same words of one speaker quoted in several articles are one group), the
** documents cited in 《》 with their aliases resolved (a citation graph), and graphs written
** as Graphviz dot or rendered to SVG by Graphviz (loaded on first use). Nothing here
** includes lua.h.
** Functions that read a set of articles take (ids, nids), ids NULL meaning every article,
** and return TIFA_OK or a TIFA_* code with the message in tifa_store_errmsg(s).
** "Article order" below is the order of the articles' files by stored path, then of the
** articles in a file (seq): the order a store and the shards of a corpus holding the same
** files share, so that the answers on both are the same (ids aside) and follow no ids.
** Positions: 'start' and 'end' count code points of the article's text (paragraphs joined
** by '\n'), 0-based, end exclusive; 'paragraph' is 1-based (the line of the text).
*/
#ifndef TIFA_CITE_H
#define TIFA_CITE_H

#include <stddef.h>
#include <stdint.h>
#include "tifa.h"
#include "tifa_store.h"

/* {====== Quotations grouped by speaker ======
** Each article's quotations come from tifa_extract_quotes. Speakers are resolved:
**  - a speaker that contains a leader's name is that name (习近平总书记, 国家主席习近平 ->
**    习近平); a title used alone for one person is that person (总书记, 习总书记, 习主席 ->
**    习近平); any other speaker is kept as written;
**  - a pronoun (他, 她) is the person named last before it in the article: the resolved
**    speaker of an earlier quotation that is a person, a leader's name in the text, or a
**    person the entity recognizer finds in the 3,000 bytes before it; else none; 他们 and
**    她们 are the last organisation that spoke before, else none;
**  - a speech verb whose sentence names no subject (speaker_kind -1 in tifa_quote) takes
**    the nearest speaker named before it in the same paragraph; terms in quotation marks
**    (tifa_quote.term) have no speaker;
**  - a marked passage with no verb takes a leader named in the clause just before its
**    opening mark (像习近平总书记讲的那样“…”) or right after its closing mark
**    (“…”习近平总书记重要讲话).
** Grouping compares the quoted text normalised: only letters and digits kept (punctuation
** and spaces dropped), full-width ASCII folded, Latin lower-cased. Two quotations with the
** same speaker are in one group when their normalised texts are equal, when the shorter
** (of at least 6 characters) is contained in the other, or when at least 80% of the
** character pairs (bigrams) of the shorter (of at least 10 characters) occur in the
** other. A quotation without a speaker of at least 10 characters that matches a group
** with a speaker joins it (attributed = 0): the same words quoted without attribution.
** Near-equal candidates are found through the rarest bigrams of each text, so a near
** match sharing none of them may be missed. */

typedef struct tifa_quote_use {
  int64_t article;          /* the article's id */
  size_t start, end;        /* the quoted passage in its text, code points */
  size_t paragraph;         /* 1-based */
  const char *text;         /* the passage as written (inside its marks), NUL-terminated */
  const char *speaker;      /* as written (习近平总书记, 他) or found; NULL when none */
  int attributed;           /* 1: the speaker is the group's; 0: joined by its words only */
} tifa_quote_use;

typedef struct tifa_quote_group {
  const char *speaker;      /* canonical (习近平); NULL for unattributed quotations */
  const char *text;         /* the longest passage of the group, as written */
  size_t count;             /* quotations in the group */
  size_t narticles;         /* articles they are in */
  const tifa_quote_use *uses;   /* 'count' of them, in article order then by position */
  int64_t first_article;    /* the earliest article quoting it: by date (undated and
                            ** partial dates such as "--04-23" last), then article order */
  const char *first_date;   /* that article's date, or NULL */
} tifa_quote_group;

typedef struct tifa_quote_opts {
  const char *speaker;      /* only groups of this speaker (canonicalised: 总书记 is
                            ** 习近平); NULL: all */
  size_t min_articles;      /* only groups quoted in at least this many articles (0: 1) */
  size_t min_chars;         /* leave out quotations with fewer letters and digits (0: 4) */
  int unattributed;         /* 1: also return groups without a speaker */
} tifa_quote_opts;

typedef struct tifa_quotes tifa_quotes;   /* a result: groups and the memory they point to */

/* The quotation groups of the articles (ids, nids), with options 'o' (NULL: defaults),
** sorted by articles (descending), then count (descending), then first use (article order,
** position). Quotations are grouped in article order (which of several near-equal texts a
** text joins). On success
** returns TIFA_OK and '*out', freed with tifa_quotes_free; on failure a TIFA_* code
** (message in tifa_store_errmsg) and *out = NULL. */
TIFA_API int tifa_cite_quotes (tifa_store *s, const int64_t *ids, size_t nids,
                               const tifa_quote_opts *o, tifa_quotes **out);
/* The same over several stores read as one (a corpus's shards; tifa_reuse.h, "Several
** stores read as one"): the article of id L in stores[k] is bases[k] + L (bases ascend;
** NULL: 0, for one store), and (ids, nids) and the result's ids are such ids. Groups span
** the stores: the answer is the one a single store holding the same files gives, ids
** aside. n >= 1 (n == 0 returns TIFA_ERROR); a failure's message is on stores[0], after the
** failing store's path when n > 1. */
TIFA_API int tifa_cite_quotes_stores (tifa_store *const *stores, const int64_t *bases, size_t n,
                                      const int64_t *ids, size_t nids,
                                      const tifa_quote_opts *o, tifa_quotes **out);
TIFA_API size_t tifa_quotes_count (const tifa_quotes *q);
/* Group i (0-based, < count); valid until tifa_quotes_free. */
TIFA_API const tifa_quote_group *tifa_quotes_group (const tifa_quotes *q, size_t i);
TIFA_API void tifa_quotes_free (tifa_quotes *q);      /* NULL is a harmless no-op */

/* The canonical form of the speaker s[0..len) (rules above, pronouns aside): a pointer to
** a static name, or 's' itself; its length in '*outlen'. */
TIFA_API const char *tifa_cite_speaker (const char *s, size_t len, size_t *outlen);

/* }====== */

/* {====== Citations: the documents cited, aliases resolved ======
** Each article's 《》 titles come from tifa_extract_citations, its self-references (本法,
** 本条例, ...) from tifa_extract_selfrefs. Everything is resolved within its article (a
** record of a JSON Lines or CSV file is an article: nothing is looked up in other records of
** its file, or in other articles of its outlet). The 《》 titles of the article's title field
** are in reach too, as if they stood before its text.
**  - A title defined as an alias (《…》（以下简称《意见》）, also 以下称, 下称, 简称, 即) is,
**    there and wherever else the article uses it (before the definition too), the full
**    title it was defined for: TIFA_CITE_DEFINED.
**  - A generic short form (a kind alone: 意见, 纲要, 条例, 规划, ...; or a kind after words
**    such as 实施, 指导, 若干, 政策, 行动: 实施意见, 规划纲要, 政策措施; at most 6
**    characters; not a newspaper or 民法典) is a title of the article that ends with it (a
**    trailing bracket, （试行）, or 草案 left out of both) and is not itself generic, the
**    nearest before it, else the nearest in the title field, else the nearest after; else
**    the article's own title when that is a document's (…关于…的决定) of its kind:
**    TIFA_CITE_ARTICLE. Found nowhere, it stays itself with TIFA_CITE_UNRESOLVED, and its
**    document has resolved = 0.
**  - Any other title is a document as written (《资本论》, 《出版管理条例》, 《巴黎协定》,
**    《求是》): TIFA_CITE_FULL. It is never taken for a longer title that contains it
**    (《21世纪资本论》, 《地图编制出版管理条例》).
**  - A self-reference is the article itself (TIFA_CITE_SELF) when the article's title is of
**    its kind (本法 in 《中华人民共和国行政许可法》; 本条例 in a 条例), or of another kind and
**    the word stands outside “…” (本法 in a 条例 that calls itself so). Otherwise (a title of
**    no kind: a news report, a case; or quoted, the new text of an amendment) it names the
**    document of that kind: X of a title X修正案 (本法 in 刑法修正案（十二） is 刑法), else the
**    one the article cites, the nearest before, else in the title field, else the nearest
**    after (本条例 in a report on a new 《…条例》): TIFA_CITE_ARTICLE. With none, it is the
**    article itself.
** Titles are one document when their keys are equal: spaces dropped, full-width ASCII
** folded, a leading 中华人民共和国 left out (《中华人民共和国行政许可法》 and 《行政许可法》),
** and an issuer before 关于 left out (《国务院关于…的意见》, 《关于…的意见》). A document's
** title is its longest form; the other forms are its aliases (self-references never are).
** Self-references of the article itself are listed apart (tifa_citations_self), not as
** documents. */

#define TIFA_CITE_FULL        0     /* a title as written */
#define TIFA_CITE_DEFINED     1     /* an alias defined by 以下简称 */
#define TIFA_CITE_ARTICLE     2     /* a short form or self-reference that names another
                                    ** title of its article */
#define TIFA_CITE_UNRESOLVED  3     /* a generic short form with no full form in its article */
#define TIFA_CITE_SELF        4     /* a self-reference of its article (本法) */

typedef struct tifa_cite_use {
  int64_t article;          /* the citing article */
  size_t start, end;        /* the title with its marks (《意见》), or the self-reference
                            ** (本法), code points */
  size_t paragraph;         /* 1-based */
  const char *as_written;   /* the title inside the marks, or 本法, NUL-terminated */
  int how;                  /* TIFA_CITE_* */
} tifa_cite_use;

typedef struct tifa_cite_doc {
  const char *title;        /* the longest form */
  const char *kind;         /* static: "意见", "规划", "纲要", "法", "条例", "报告", ..., "报刊"
                            ** (newspapers, journals), "其他" */
  const char *docno;        /* its 文号 (国发〔2024〕1号), or NULL */
  int resolved;             /* 0: a generic short form found nowhere (《意见》) */
  size_t naliases;
  const char *const *aliases;   /* the other forms, in order of first use */
  size_t count;             /* citations */
  size_t narticles;         /* citing articles */
  const tifa_cite_use *uses;    /* 'count' of them, in article order then by position */
} tifa_cite_doc;

typedef struct tifa_cite_self {   /* the self-references of one article */
  int64_t article;
  const char *title;        /* the article's title ("" when it has none) */
  const char *kind;         /* static: the kind of that title, as tifa_cite_kind gives it */
  size_t count;
  const tifa_cite_use *uses;    /* 'count' of them (how = TIFA_CITE_SELF), by position */
} tifa_cite_self;

typedef struct tifa_citations tifa_citations;

/* The documents cited by the articles (ids, nids), sorted by citing articles (descending),
** then citations (descending), resolved first, then title. A document's title is its longest
** form, the first in article order among forms of one length; its docno the first found.
** On success returns TIFA_OK and '*out', freed with tifa_citations_free; on failure a
** TIFA_* code and *out = NULL. */
TIFA_API int tifa_cite_citations (tifa_store *s, const int64_t *ids, size_t nids,
                                  tifa_citations **out);
/* The same over several stores read as one, as tifa_cite_quotes_stores: documents gather
** the citations of every store, the answer of a single store holding the same files. */
TIFA_API int tifa_cite_citations_stores (tifa_store *const *stores, const int64_t *bases,
                                         size_t n, const int64_t *ids, size_t nids,
                                         tifa_citations **out);
TIFA_API size_t tifa_citations_count (const tifa_citations *c);
/* Document i (0-based, < count); valid until tifa_citations_free. */
TIFA_API const tifa_cite_doc *tifa_citations_doc (const tifa_citations *c, size_t i);
/* The articles with self-references, in article order: how many, and article i (0-based,
** else NULL);
** valid until tifa_citations_free. */
TIFA_API size_t tifa_citations_nself (const tifa_citations *c);
TIFA_API const tifa_cite_self *tifa_citations_self (const tifa_citations *c, size_t i);
TIFA_API void tifa_citations_free (tifa_citations *c);   /* NULL is a harmless no-op */

/* The kind of a document title (static, as tifa_cite_doc.kind): its last word after a
** trailing bracket ((2023-2025年), （试行）) is dropped. */
TIFA_API const char *tifa_cite_kind (const char *title, size_t len);

/* }====== */

/* {====== Graphs: Graphviz dot and SVG ====== */

typedef struct tifa_graph_node {
  const char *label;        /* shown; NULL: none */
  const char *kind;         /* nodes of one kind share a colour (and the tooltip); or NULL */
} tifa_graph_node;

typedef struct tifa_graph_edge {
  size_t from, to;          /* node indices, 0-based */
  double weight;            /* > 0; drawn as the pen width (1 + log2 weight) and given to
                            ** the layout as its integer weight */
  const char *label;        /* or NULL */
} tifa_graph_edge;

typedef struct tifa_graph {
  const tifa_graph_node *nodes; size_t nnodes;
  const tifa_graph_edge *edges; size_t nedges;
  int directed;             /* digraph (->) or graph (--) */
  const char *name;         /* the graph's name (a comment), or NULL */
  const char *rankdir;      /* "LR", "TB", ... or NULL (Graphviz's default, TB) */
} tifa_graph;

/* The graph 'g' as Graphviz dot: nodes n1, n2, ... with their labels (quoted and escaped,
** UTF-8 as it is), coloured by kind; edges with weight and pen width. Returns a new
** NUL-terminated string (free with tifa_free) with its length in '*len', or NULL when
** memory runs out or an edge names no node (index >= nnodes). */
TIFA_API char *tifa_graph_dot (const tifa_graph *g, size_t *len);

/* Render dot[0..len) with Graphviz (libgvc.so.6 and its plugins, loaded on the first call)
** laid out by 'layout' ("dot", "neato", "fdp", "sfdp", "circo", "twopi"; NULL: "dot") as
** SVG. On success returns TIFA_OK and a new NUL-terminated string in '*svg' (free with
** tifa_free), its length in '*svglen'. Otherwise returns TIFA_ERROR (Graphviz cannot be
** loaded, the dot does not parse, the layout is unknown) or TIFA_NOMEM, with a message in
** 'err'. Calls take turns (Graphviz is not thread-safe). */
TIFA_API int tifa_graph_svg (const char *dot, size_t len, const char *layout, char **svg,
                             size_t *svglen, char *err, size_t errsz);

/* }====== */

#endif
