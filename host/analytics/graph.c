/*
** graph.c -- graphs as Graphviz dot (tifa_graph_dot) and as SVG (tifa_graph_svg), see
** tifa_cite.h. Graphviz (libgvc, with libcgraph and its plugins) is loaded with dlopen on
** the first SVG, as libxml2 and OpenCC are: most runs draw no graph. The plugins are found
** through libgvc's own configuration (config6a, written by libgvc6's install script), so the
** 'graphviz' package (the dot program) is not needed.
*/
#include <dlfcn.h>
#include <math.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <gvc.h>
#include <cgraph.h>
#include "tifa.h"
#include "tifa_cite.h"
#include "buf.h"

/* {====== Dot ====== */

static const char *const palette[] = {      /* fill colours by kind, in order of first use */
  "#dbe9f6", "#fde2c8", "#d9f0d3", "#f3d9e8", "#fff3b0", "#e0dcf0", "#cdeeee", "#eeeeee"
};
#define NPALETTE  (sizeof(palette) / sizeof(palette[0]))

/* A dot string: "..." with '"' and '\' escaped, line ends as \n (centred lines). */
static void addquoted (tifai_buf *b, const char *s) {
  tifai_buf_addc(b, '"');
  for (; *s; s++) {
    if (*s == '"' || *s == '\\') { tifai_buf_addc(b, '\\'); tifai_buf_addc(b, *s); }
    else if (*s == '\n') tifai_buf_adds(b, "\\n");
    else if (*s == '\r') continue;
    else tifai_buf_addc(b, *s);
  }
  tifai_buf_addc(b, '"');
}

char *tifa_graph_dot (const tifa_graph *g, size_t *len) {
  tifai_buf b = TIFAI_BUF_INIT;
  const char **kinds = NULL;
  size_t i, nk = 0, k;
  char num[64];
  for (i = 0; i < g->nedges; i++)
    if (g->edges[i].from >= g->nnodes || g->edges[i].to >= g->nnodes) return NULL;
  kinds = (const char **)malloc(g->nnodes * sizeof(char *) + 1);
  if (kinds == NULL) return NULL;
  if (g->name) { tifai_buf_adds(&b, "// "); tifai_buf_adds(&b, g->name); tifai_buf_addc(&b, '\n'); }
  tifai_buf_adds(&b, g->directed ? "digraph G {\n" : "graph G {\n");
  if (g->rankdir) { tifai_buf_adds(&b, "  rankdir="); addquoted(&b, g->rankdir); tifai_buf_adds(&b, ";\n"); }
  tifai_buf_adds(&b, "  graph [fontname=\"Noto Sans CJK SC,sans-serif\", overlap=false];\n"
                     "  node [fontname=\"Noto Sans CJK SC,sans-serif\", fontsize=11, shape=box, "
                     "style=\"rounded,filled\", fillcolor=\"#eeeeee\"];\n"
                     "  edge [fontname=\"Noto Sans CJK SC,sans-serif\", fontsize=9, color=\"#555555\"];\n");
  for (i = 0; i < g->nnodes; i++) {
    const tifa_graph_node *n = &g->nodes[i];
    snprintf(num, sizeof(num), "  n%zu [label=", i + 1);
    tifai_buf_adds(&b, num);
    addquoted(&b, n->label ? n->label : "");
    if (n->kind) {
      for (k = 0; k < nk && strcmp(kinds[k], n->kind) != 0; k++) ;
      if (k == nk) kinds[nk++] = n->kind;
      tifai_buf_adds(&b, ", tooltip=");
      addquoted(&b, n->kind);
      tifai_buf_adds(&b, ", fillcolor=\"");
      tifai_buf_adds(&b, palette[k % NPALETTE]);
      tifai_buf_addc(&b, '"');
    }
    tifai_buf_adds(&b, "];\n");
  }
  for (i = 0; i < g->nedges; i++) {
    const tifa_graph_edge *e = &g->edges[i];
    double w = e->weight > 0 ? e->weight : 1;
    snprintf(num, sizeof(num), "  n%zu %s n%zu [weight=%ld, penwidth=%.2f", e->from + 1,
             g->directed ? "->" : "--", e->to + 1, (long)(w < 1 ? 1 : w + 0.5),
             1 + log2(w < 1 ? 1 : w));
    tifai_buf_adds(&b, num);
    if (e->label) { tifai_buf_adds(&b, ", label="); addquoted(&b, e->label); }
    tifai_buf_adds(&b, "];\n");
  }
  tifai_buf_adds(&b, "}\n");
  free(kinds);
  if (b.oom) { tifai_buf_free(&b); return NULL; }
  return tifai_buf_detach(&b, len);
}

/* }====== */

/* {====== SVG through libgvc ====== */

#define LIBGVC  "libgvc.so.6"

static struct {
  GVC_t *(*context) (void);
  Agraph_t *(*memread) (const char *);
  int (*layout) (GVC_t *, Agraph_t *, const char *);
  int (*render) (GVC_t *, Agraph_t *, const char *, char **, unsigned int *);
  void (*freedata) (char *);
  int (*freelayout) (GVC_t *, Agraph_t *);
  int (*close) (Agraph_t *);
  agusererrf (*seterrf) (agusererrf);
  agerrlevel_t (*seterr) (agerrlevel_t);
  GVC_t *gvc;               /* one context, kept: it holds the loaded plugins */
  int ok;
  char err[240];
} G;
static pthread_once_t gonce = PTHREAD_ONCE_INIT;
static pthread_mutex_t glock = PTHREAD_MUTEX_INITIALIZER;
static char gvmsg[400];                 /* Graphviz's last error, under glock */

static int gverr (char *msg) {          /* Graphviz's error sink: gather the pieces */
  size_t n = strlen(gvmsg);
  if (n == 0 && strncmp(msg, "Error: ", 7) == 0) msg += 7;
  if (n == 0 && strcmp(msg, "Error") == 0) return 0;
  while (n == 0 && (*msg == ':' || *msg == ' ')) msg++;
  snprintf(gvmsg + n, sizeof(gvmsg) - n, "%s", msg);
  for (n = strlen(gvmsg); n > 0 && (gvmsg[n - 1] == '\n' || gvmsg[n - 1] == ' '); ) gvmsg[--n] = '\0';
  for (n = 0; gvmsg[n]; n++) if (gvmsg[n] == '\n') gvmsg[n] = ' ';
  return 0;
}

static void loadgvc (void) {
  void *h = dlopen(LIBGVC, RTLD_NOW | RTLD_LOCAL);
  if (h == NULL) {
    snprintf(G.err, sizeof(G.err), "cannot load %s (%s)", LIBGVC, dlerror());
    return;
  }
  *(void **)(&G.context) = dlsym(h, "gvContext");
  *(void **)(&G.memread) = dlsym(h, "agmemread");        /* libcgraph, a dependency */
  *(void **)(&G.layout) = dlsym(h, "gvLayout");
  *(void **)(&G.render) = dlsym(h, "gvRenderData");
  *(void **)(&G.freedata) = dlsym(h, "gvFreeRenderData");
  *(void **)(&G.freelayout) = dlsym(h, "gvFreeLayout");
  *(void **)(&G.close) = dlsym(h, "agclose");
  *(void **)(&G.seterrf) = dlsym(h, "agseterrf");
  *(void **)(&G.seterr) = dlsym(h, "agseterr");
  if (!G.context || !G.memread || !G.layout || !G.render || !G.freedata || !G.freelayout ||
      !G.close || !G.seterrf || !G.seterr) {
    snprintf(G.err, sizeof(G.err), "cannot load %s (it lacks a function tifa needs)", LIBGVC);
    return;
  }
  G.seterrf(gverr);
  G.seterr(AGERR);                      /* errors only, not warnings */
  if ((G.gvc = G.context()) == NULL) {
    snprintf(G.err, sizeof(G.err), "cannot start Graphviz (gvContext failed)");
    return;
  }
  G.ok = 1;
}

static int fail (char *err, size_t errsz, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(err, errsz, fmt, ap);
  va_end(ap);
  return TIFA_ERROR;
}

int tifa_graph_svg (const char *dot, size_t len, const char *layout, char **svg,
                    size_t *svglen, char *err, size_t errsz) {
  Agraph_t *g;
  char *text = NULL, *data = NULL;
  unsigned int n = 0;
  int rc = TIFA_OK;
  *svg = NULL; *svglen = 0;
  if (layout == NULL) layout = "dot";
  pthread_once(&gonce, loadgvc);
  if (!G.ok) return fail(err, errsz, "%s", G.err);
  if ((text = (char *)malloc(len + 1)) == NULL) {
    fail(err, errsz, "not enough memory");
    return TIFA_NOMEM;
  }
  memcpy(text, dot, len);
  text[len] = '\0';
  pthread_mutex_lock(&glock);
  gvmsg[0] = '\0';
  g = G.memread(text);
  if (g == NULL) rc = fail(err, errsz, "cannot read the graph (%s)", gvmsg[0] ? gvmsg : "syntax error");
  else if (G.layout(G.gvc, g, layout) != 0)
    rc = fail(err, errsz, "cannot lay out the graph with '%s' (%s)", layout,
              gvmsg[0] ? gvmsg : "layout failed");
  else {
    if (G.render(G.gvc, g, "svg", &data, &n) != 0 || data == NULL)
      rc = fail(err, errsz, "cannot render SVG (%s)", gvmsg[0] ? gvmsg : "no SVG renderer");
    else if ((*svg = (char *)malloc((size_t)n + 1)) == NULL) rc = TIFA_NOMEM;
    else {
      memcpy(*svg, data, n);
      (*svg)[n] = '\0';
      *svglen = n;
    }
    if (data) G.freedata(data);
    G.freelayout(G.gvc, g);
  }
  if (g) G.close(g);
  pthread_mutex_unlock(&glock);
  free(text);
  if (rc == TIFA_NOMEM) fail(err, errsz, "not enough memory");
  return rc;
}

/* }====== */
