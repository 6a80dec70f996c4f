/*
** layout_news.c -- the layout's rules for news pages (see layout_int.h): bylines, notes and
** datelines into fields, a story's header lines into title, kicker, subtitle and series, the
** heading level that opens stories, page fields and site furniture, and a page's table of
** contents (新闻联播's 本期节目主要内容).
*/
#include "layout_int.h"

/* A byline: the names after the marker, several joined with "、". */
void tifai_news_byline (tifai_layout *L, art *a, const char *s, size_t len) {
  const tifai_rule *r = rulestart(tifai_bylines, s, len);
  size_t k = r ? strlen(r->lit) : 0, i, n;
  tifai_buf t = TIFAI_BUF_INIT;
  int sp = 0;
  if (a->f[F_AUTHOR]) return;
  s += k;
  len -= k;
  trimspace(&s, &len);
  for (i = 0; i < len; i += n) {                       /* spaces between names become 、 */
    int32_t cp = cpat(s + i, len - i, &n);
    if (tifai_is_space(cp)) { sp = 1; continue; }
    if (sp && t.len > 0) tifai_buf_adds(&t, "、");
    sp = 0;
    tifai_buf_add(&t, s + i, n);
  }
  if (t.len > 0 && !t.oom) a->f[F_AUTHOR] = tifai_lay_addstr(L, t.p, t.len);
  tifai_buf_free(&t);
}

static int datelinenote (tifai_layout *L, art *a, block *b);

/* Cut block b before 'open' (a note's first byte), and the white space before it. */
static void cutnote (tifai_layout *L, block *b, const char *open) {
  const char *s = btext(L, b), *t;
  size_t len;
  L->moved += solid(open, (size_t)(s + b->len - open));   /* (the accounting's) */
  b->len = (size_t)(open - s);
  t = s;
  len = b->len;
  trimspace(&t, &len);
  b->len = len;
}

/* The note that ends block b, if any: its fields taken and the note cut from the block.
** Returns 1 if one was found. */
static int onenote (tifai_layout *L, art *a, block *b) {
  {
    const char *s = btext(L, b), *open = NULL;
    const tifai_rule *r, *hit = NULL;
    size_t k, vlen;
    const char *v;
    if (!(endswith(s, b->len, "）") || endswith(s, b->len, ")"))) return 0;
    for (r = tifai_notes; r->lit; r++) {
      const char *p = s, *e = s + b->len, *q;
      while ((q = findlit(p, (size_t)(e - p), r->lit)) != NULL) { open = q; hit = r; p = q + 1; }
      if (hit) break;
    }
    if (!hit) return datelinenote(L, a, b);
    k = strlen(hit->lit);
    v = open + k;
    vlen = (size_t)(s + b->len - v);
    vlen = hit->what == 0 ? 0 : vlen - (endswith(s, b->len, "）") ? 3 : 1);   /* 0: （完）, whole */
    if (memchr(v, '\n', vlen) != NULL || nchars(v, vlen) > 80) return 0;
    trimspace(&v, &vlen);
    if (hit->what == 1 && !a->f[F_OUTLET]) a->f[F_OUTLET] = tifai_lay_addoutlet(L, v, vlen);
    else if (hit->what == 2) {
      size_t i = 0, n = 0;
      while (i < vlen) {                             /* the name ends at a space or comma */
        int32_t cp = cpat(v + i, vlen - i, &n);
        if (tifai_is_space(cp) || isin(cp, "，,、")) break;
        i += n;
      }
      if (!a->f[F_AUTHOR]) a->f[F_AUTHOR] = tifai_lay_addstr(L, v, i);
      if (i < vlen) {
        size_t j = i + n;
        if (!a->f[F_AFFIL]) a->f[F_AFFIL] = tifai_lay_addstr(L, v + j, vlen - j);
      }
    }
    else if (hit->what == 3 && !a->f[F_EDITOR]) a->f[F_EDITOR] = tifai_lay_addstr(L, v, vlen);
    else if (hit->what == 4) tifai_news_byline(L, a, v, vlen);
    cutnote(L, b, open);
    return 1;
  }
}

/* Notes at the end of a body block: （据人民网）, （作者：X  affiliation）, （完）, a dateline in
** brackets, ... Removed from the block while one ends it; their fields taken, and their text,
** in the order of the page, kept in meta as "note". */
void tifai_news_notes (tifai_layout *L, art *a, block *b) {
  size_t len0 = b->len;
  while (b->len > 0 && onenote(L, a, b)) {}
  if (b->len < len0) {
    const char *t = btext(L, b) + b->len;
    size_t n = len0 - b->len;
    trimspace(&t, &n);
    tifai_lay_metapair(&a->meta, "note", t, n);
  }
}

typedef struct dline {              /* a dateline as found at the start of a block */
  size_t outlet;                    /* bytes of the outlet ("新华社") */
  size_t place0, place1;            /* the place between outlet and date, maybe empty */
  size_t end;                       /* just after 电 (or 消息, 讯) */
  int dated;                        /* iso and prec hold its date */
  char iso[16];
  const char *prec;
} dline;

/* A dateline at the start of s: OUTLET [PLACE] DATE电 ("新华社重庆4月23日电"), or OUTLET消息,
** OUTLET讯 ("央视网消息"). Returns 1 and fills '*d', or 0. */
static int parsedateline (const char *s, size_t len, dline *d) {
  const tifai_rule *r = rulestart(tifai_outlets, s, len);
  size_t k, n, used;
  if (r == NULL) return 0;
  memset(d, 0, sizeof(*d));
  k = d->outlet = strlen(r->lit);
  if (startswith(s + k, len - k, "消息") || startswith(s + k, len - k, "讯")) {
    d->place0 = d->place1 = k;
    d->end = k + (startswith(s + k, len - k, "讯") ? 3 : 6);
    return 1;
  }
  d->place0 = k;                                       /* up to 7 Chinese characters */
  while (k < len && tifai_is_han(cpat(s + k, len - k, &n)) && k - d->place0 < 7 * 3
         && tifai_date_parse(s + k, len - k, d->iso, &d->prec) == 0)
    k += n;
  if ((used = tifai_date_parse(s + k, len - k, d->iso, &d->prec)) == 0
      || !startswith(s + k + used, len - k - used, "电"))
    return 0;
  d->place1 = k;
  d->end = k + used + 3;
  d->dated = 1;
  return 1;
}

/* The fields of a dateline at the start of a body block; 本报 is the page's outlet, and
** "（记者 X Y）" after 电 names the authors. */
void tifai_news_dateline (tifai_layout *L, art *a, const char *s, size_t len) {
  dline d;
  size_t k;
  if (!parsedateline(s, len, &d)) return;
  if (!a->f[F_OUTLET]) {
    if (d.outlet != 6 || memcmp(s, "本报", 6) != 0) a->f[F_OUTLET] = tifai_lay_addstr(L, s, d.outlet);
    else a->f[F_OUTLET] = L->pf[F_OUTLET];
  }
  if (!d.dated) return;
  if (d.place1 > d.place0 && !a->f[F_PLACE]) a->f[F_PLACE] = tifai_lay_addstr(L, s + d.place0, d.place1 - d.place0);
  if (!a->f[F_DATE]) {
    a->f[F_DATE] = tifai_lay_addstr(L, d.iso, strlen(d.iso));
    a->dsrc = "dateline";
    a->f[F_PREC] = tifai_lay_addstr(L, d.prec, strlen(d.prec));
  }
  k = d.end;
  if (startswith(s + k, len - k, "（记者") || startswith(s + k, len - k, "(记者")) {
    const char *e = findlit(s + k, len - k, startswith(s + k, len - k, "（") ? "）" : ")");
    size_t o = startswith(s + k, len - k, "（") ? 3 : 1;
    if (e) tifai_news_byline(L, a, s + k + o, (size_t)(e - (s + k + o)));
  }
}

/* A dateline in brackets that ends block b: （本报北京5月19日电）, （新华社北京5月18日电 记者 张三）.
** Its place, date (unless the article has one) and outlet become fields, the names after it
** the author; the note is removed from the block and kept in 'meta'. Returns 1 if found. */
static int datelinenote (tifai_layout *L, art *a, block *b) {
  const char *s = btext(L, b), *open = NULL, *p, *q, *v;
  size_t vlen, cl = endswith(s, b->len, "）") ? 3 : 1;
  dline d;
  for (p = s; (q = findlit(p, (size_t)(s + b->len - p), cl == 3 ? "（" : "(")) != NULL; p = q + 1)
    open = q;
  if (open == NULL) return 0;
  v = open + cl;
  vlen = (size_t)(s + b->len - cl - v);
  if (nchars(v, vlen) > 40 || !parsedateline(v, vlen, &d) || !d.dated) return 0;
  tifai_news_dateline(L, a, v, d.end);
  if (d.end < vlen) {                                  /* 记者 X Y after the dateline */
    const char *n = v + d.end;
    size_t nlen = vlen - d.end;
    trimspace(&n, &nlen);
    if (nlen > 0) tifai_news_byline(L, a, n, nlen);
  }
  cutnote(L, b, open);
  return 1;
}

/* Attribution of a quote box: ——NAME DATE 在...讲话. */
void tifai_news_attribution (tifai_layout *L, art *a, const char *s, size_t len) {
  size_t i = 0, n, used = 0;
  char iso[16];
  const char *prec;
  while (startswith(s + i, len - i, "—")) i += 3;
  i += skipspace(s + i, len - i);
  {
    size_t j = i;
    while (j < len && (used = tifai_date_parse(s + j, len - j, iso, &prec)) == 0
           && !startswith(s + j, len - j, "在") && !startswith(s + j, len - j, "《")
           && !isin(cpat(s + j, len - j, &n), "，, ")) {
      cpat(s + j, len - j, &n);
      j += n;
    }
    if (j > i && nchars(s + i, j - i) <= 8 && !a->f[F_AUTHOR]) a->f[F_AUTHOR] = tifai_lay_addstr(L, s + i, j - i);
    for (; j < len && used == 0; j += n) {
      used = tifai_date_parse(s + j, len - j, iso, &prec);
      cpat(s + j, len - j, &n);
    }
  }
  if (used && !a->f[F_DATE]) {
    a->f[F_DATE] = tifai_lay_addstr(L, iso, strlen(iso));
    a->f[F_PREC] = tifai_lay_addstr(L, prec, strlen(prec));
  }
  tifai_lay_metapair(&a->meta, "attribution", s + i, len - i);
}

static int kickerlike (const char *s, size_t len) {
  return ruleend(tifai_kicker_ends, s, len) != NULL;
}

/* The fields of an article from its header lines h[0..n). */
void tifai_news_header (tifai_layout *L, art *a, const size_t *h, size_t n) {
  const char *s;
  size_t len, i = 0;
  if (n == 0) return;
  s = btext(L, &L->b[h[0]]);
  len = L->b[h[0]].len;
  {                                                    /* SERIES｜TITLE */
    const char *bar = findlit(s, len, "｜");
    size_t bl = 3;
    if (bar == NULL) { bar = findlit(s, len, "|"); bl = 1; }
    L->b[h[0]].why = "title";
    if (bar != NULL && bar > s && nchars(s, (size_t)(bar - s)) <= 16) {
      L->b[h[0]].why = "series and title";
      a->f[F_SERIES] = tifai_lay_addstr(L, s, (size_t)(bar - s));
      s = bar + bl;
      len -= (size_t)(s - btext(L, &L->b[h[0]]));
    }
    else if (n >= 2 && (endswith(s, len, "：") || endswith(s, len, ":"))) {
      a->f[F_SERIES] = tifai_lay_addstr(L, s, len - (endswith(s, len, "：") ? 3 : 1));
      L->b[h[0]].why = "series";
      L->b[h[1]].why = "title";
      i = 1;
      s = btext(L, &L->b[h[1]]);
      len = L->b[h[1]].len;
    }
  }
  if (n - i >= 2 && kickerlike(s, len)) {               /* kicker above the title */
    a->f[F_KICKER] = tifai_lay_addstr(L, s, len);
    L->b[h[i]].why = "kicker";
    i++;
    L->b[h[i]].why = "title";
    s = btext(L, &L->b[h[i]]);
    len = L->b[h[i]].len;
  }
  else if (n - i == 1) {                               /* KICKER TITLE on one line */
    const char *sp = NULL;
    size_t k, m;
    for (k = 0; k < len; k += m) {
      if (tifai_is_space(cpat(s + k, len - k, &m))) { sp = s + k; break; }
    }
    if (sp && kickerlike(s, (size_t)(sp - s))) {
      L->b[h[i]].why = "kicker and title";
      a->f[F_KICKER] = tifai_lay_addstr(L, s, (size_t)(sp - s));
      len -= (size_t)(sp - s);
      s = sp;
    }
    {                                                  /* ... TITLE SUBTITLE: 李强作出批示 */
      const char *last = NULL;
      trimspace(&s, &len);
      for (k = 0; k < len; k += m)
        if (tifai_is_space(cpat(s + k, len - k, &m))) last = s + k + m;
      if (last && last < s + len && ruleend(tifai_subtitle_ends, last, (size_t)(s + len - last))
          && nchars(last, (size_t)(s + len - last)) <= 16) {
        a->f[F_SUBTITLE] = tifai_lay_addstr(L, last, (size_t)(s + len - last));
        len = (size_t)(last - s);
        trimspace(&s, &len);
      }
    }
  }
  if (n - i >= 2) {                                    /* subtitle below, or two title lines */
    const block *last = &L->b[h[n - 1]];
    const char *ls = btext(L, last);
    int sub = ruleend(tifai_subtitle_ends, ls, last->len) != NULL || startswith(ls, last->len, "——");
    size_t nt = n - i - (sub ? 1 : 0);
    if (sub) { a->f[F_SUBTITLE] = tifai_lay_addstr(L, ls, last->len); L->b[h[n - 1]].why = "subtitle"; }
    if (nt == 2 && !a->f[F_SERIES] && !a->f[F_KICKER] && nchars(s, len) > 10
        && !startswith(btext(L, &L->b[h[i + 1]]), L->b[h[i + 1]].len, "“")) {
      a->f[F_SERIES] = tifai_lay_addstr(L, s, len);             /* a column banner above the title */
      L->b[h[i]].why = "series";
      i++;
      L->b[h[i]].why = "title";
      s = btext(L, &L->b[h[i]]);
      len = L->b[h[i]].len;
      nt = 1;
    }
    if (nt >= 2) {                                     /* one title on several lines */
      tifai_buf t = TIFAI_BUF_INIT;
      size_t k;
      tifai_buf_add(&t, s, len);
      for (k = i + 1; k < i + nt; k++) {
        tifai_buf_add(&t, btext(L, &L->b[h[k]]), L->b[h[k]].len);
        L->b[h[k]].why = "title";
      }
      if (!t.oom) a->f[F_TITLE] = tifai_lay_addstr(L, t.p, t.len);
      tifai_buf_free(&t);
      return;
    }
  }
  a->f[F_TITLE] = tifai_lay_addstr(L, s, len);
}

/* The page header: a SERIES｜TITLE line whose label names a collection. */
int tifai_news_pageheader (tifai_layout *L, const block *b) {
  const char *s = btext(L, b), *bar;
  size_t bl = 3, len = b->len;
  const tifai_rule *r;
  if ((bar = findlit(s, len, "｜")) == NULL) { bar = findlit(s, len, "|"); bl = 1; }
  if (bar == NULL) return 0;
  for (r = tifai_collections; r->lit; r++)
    if ((size_t)(bar - s) == strlen(r->lit) && memcmp(s, r->lit, strlen(r->lit)) == 0) break;
  if (r->lit == NULL) return 0;
  L->collection = 1;
  L->pf[F_SERIES] = tifai_lay_addstr(L, bar + bl, (size_t)(s + len - bar - bl));
  L->ptitle = L->pf[F_SERIES];
  return 1;
}

void tifai_news_pagemeta (tifai_layout *L, const block *b) {
  const char *s = btext(L, b);
  const tifai_rule *r = rulestart(tifai_pagemeta, s, b->len);
  size_t k = strlen(r->lit);
  if (r->what == TIFAI_PM_OUTLET && !L->pf[F_OUTLET]) L->pf[F_OUTLET] = tifai_lay_addoutlet(L, s + k, b->len - k);
  else if (r->what == TIFAI_PM_DATE && !L->pf[F_DATE])
    L->pf[F_DATE] = tifai_lay_adddate(L, s + k, b->len - k, &L->pf[F_PREC]);
  else if (r->what == TIFAI_PM_EDITOR && !L->pf[F_EDITOR]) L->pf[F_EDITOR] = tifai_lay_addstr(L, s + k, b->len - k);
  else if (r->what == TIFAI_PM_AUTHOR && !L->pf[F_AUTHOR]) L->pf[F_AUTHOR] = tifai_lay_addstr(L, s + k, b->len - k);
}

/* Is the block a link to its article's source (查看原文)? */
int tifai_news_sourcelink (const tifai_layout *L, const block *b) {
  const tifai_rule *r = rulestart(tifai_furniture, btext(L, b), b->len);
  return r != NULL && r->what == TIFAI_FURN_SOURCE;
}

void tifai_news_furniture (tifai_layout *L, const block *b) {
  const char *s = btext(L, b);
  const tifai_rule *r = rulestart(tifai_furniture, s, b->len);
  size_t k;
  char key[64];
  if (r == NULL) {                                     /* ...公网安备... */
    tifai_lay_metapair(&L->pmeta, "公网安备", s, b->len);
    return;
  }
  if (r->what != 1) return;
  k = strlen(r->lit);
  snprintf(key, sizeof(key), "%s", r->lit);
  k += skipspace(s + k, b->len - k);
  if (startswith(s + k, b->len - k, ":")) k += 1;
  else if (startswith(s + k, b->len - k, "：")) k += 3;
  if (strcmp(r->lit, "ICP备") == 0 || strcmp(r->lit, "©") == 0) k = 0;   /* the whole line */
  tifai_lay_metapair(&L->pmeta, key, s + k, b->len - k);
}

/* A date in the page's title ("《新闻联播》 (20220924)", "2024年3月18日...") is the page's. */
void tifai_news_titledate (tifai_layout *L, const char *s, size_t len) {
  size_t k, n;
  for (k = 0; k < len && !L->pf[F_DATE]; k += n) {
    const unsigned char *u = (const unsigned char *)s + k;
    char iso[32];
    const char *prec;
    cpat(s + k, len - k, &n);
    if ((k == 0 || !(u[-1] >= '0' && u[-1] <= '9')) && len - k >= 8) {   /* yyyymmdd */
      int j, y, m, dd;
      for (j = 0; j < 8 && u[j] >= '0' && u[j] <= '9'; j++) ;
      if (j == 8 && (len - k == 8 || !(u[8] >= '0' && u[8] <= '9'))) {
        y = (u[0] - '0') * 1000 + (u[1] - '0') * 100 + (u[2] - '0') * 10 + (u[3] - '0');
        m = (u[4] - '0') * 10 + (u[5] - '0');
        dd = (u[6] - '0') * 10 + (u[7] - '0');
        snprintf(iso, sizeof(iso), "%04d-%02d-%02d", y, m, dd);
        if (y >= 1900 && y <= 2100 && m >= 1 && m <= 12 && dd >= 1 && dd <= 31) {
          L->pf[F_DATE] = tifai_lay_addstr(L, iso, strlen(iso));
          L->pf[F_PREC] = tifai_lay_addstr(L, "day", 3);
        }
        continue;
      }
    }
    if (tifai_date_parse(s + k, len - k, iso, &prec) > 0 && strcmp(prec, "month-day") != 0) {
      L->pf[F_DATE] = tifai_lay_addstr(L, iso, strlen(iso));
      L->pf[F_PREC] = tifai_lay_addstr(L, prec, strlen(prec));
    }
  }
}

static int isdateline (const tifai_layout *L, const block *b) {
  dline d;
  return parsedateline(btext(L, b), b->len, &d);
}

/* A numbered section heading: 一、…, （一）… */
int tifai_news_numbered (const tifai_layout *L, const block *b) {
  const tifai_rule *r = rulestart(tifai_items, btext(L, b), b->len);
  size_t k;
  if (r == NULL || r->what != 0) return 0;
  k = strlen(r->lit);
  return endswith(r->lit, k, "、") || endswith(r->lit, k, "）");
}

/* Does a heading of level 1..lv on the page open a story by a cue (a dateline or byline
** under it)? */
int tifai_news_cuedlevel (const tifai_layout *L, int lv) {
  size_t i, nx;
  for (i = 0; i < L->nb; i++) {
    const block *b = &L->b[i];
    if (b->role != R_HEAD || b->level == 0 || b->level > lv) continue;
    if ((nx = tifai_lay_after(L, i)) < L->nb
        && (L->b[nx].role == R_BYLINE || (L->b[nx].role == R_BODY && isdateline(L, &L->b[nx]))))
      return 1;
  }
  return 0;
}

/* Does the run of heading-like blocks h[0..n) start an article? */
int tifai_news_starts (tifai_layout *L, const size_t *h, size_t n, size_t next, int fmt) {
  art *a = cur(L);
  const block *nb = next < L->nb ? &L->b[next] : NULL;
  int lv = L->b[h[n - 1]].level;
  int cue = (nb && nb->role == R_BYLINE) || (nb && nb->role == R_BODY && isdateline(L, nb));
  if (a != NULL && !a->ended && !L->collection && a->f[F_TITLE] && !a->hasbody && a->nm == 0
      && n == 1 && tifai_news_numbered(L, &L->b[h[0]]))
    return 0;                                          /* TITLE, then 一、…: its first section */
  if (cue && fmt != TIFAI_FMT_TEXT && lv > 0 && L->storylevel == 0)
    L->storylevel = lv;                                /* the first story's level, too */
  if (a == NULL || !a->hasbody || a->ended || L->collection) return 1;
  if (fmt != TIFAI_FMT_TEXT && L->storylevel > 0 && lv > 0 && lv <= L->storylevel) return 1;
  if (L->b[h[0]].bold && lv == 0 && !a->ended) return 0;      /* a bold sub-headline */
  if (cue) {
    if (fmt != TIFAI_FMT_TEXT && lv > 0) L->storylevel = lv;
    return 1;
  }
  if (fmt == TIFAI_FMT_TEXT && n >= 2 && kickerlike(btext(L, &L->b[h[0]]), L->b[h[0]].len))
    return 1;
  return 0;
}

/* Is the heading 'hb' a story of a news page that has only its link: a heading (Markdown,
** HTML) followed by a link line (查看原文, furniture) and then by a heading of its level, or
** by the page's foot? Video stories of 新闻联播 pages whose text the scrape lost are so: they
** are kept as articles with a title and no text (the story was aired; its headline counts). */
int tifai_news_lonestory (const tifai_layout *L, size_t hb, size_t next) {
  int lv = L->b[hb].level;
  size_t k;
  if (lv <= 0 || next >= L->nb || L->b[next].role != R_FURN) return 0;
  if (!tifai_news_sourcelink(L, &L->b[next])) return 0;
  for (k = tifai_lay_nextlive(L, next); k < L->nb; k = tifai_lay_nextlive(L, k)) {   /* then the page's foot */
    int r = L->b[k].role;
    if (r != R_FURN && r != R_PAGEMETA && r != R_DUP && r != R_DROP) break;
  }
  return k >= L->nb || (L->b[k].role == R_HEAD && L->b[k].level == lv);
}

/* {====== Tables of contents ====== */

/* The item number that opens s[0..len) ("1.", "12、"), its length in *k; 0 if none. */
static int itemno (const char *s, size_t len, size_t *k) {
  size_t i = 0;
  int v = 0;
  while (i < len && i < 4 && s[i] >= '0' && s[i] <= '9') v = v * 10 + (s[i++] - '0');
  if (i == 0 || i > 3 || i == len) return 0;
  if (s[i] == '.') *k = i + 1;
  else if (startswith(s + i, len - i, "、") || startswith(s + i, len - i, "．")) *k = i + 3;
  else return 0;
  return v;
}

/* A sub-item of a list: "（1）…", "(1)…". */
static int subitem (const char *s, size_t len) {
  size_t i = startswith(s, len, "（") ? 3 : startswith(s, len, "(") ? 1 : 0, d = 0;
  if (i == 0) return 0;
  while (i < len && d < 3 && s[i] >= '0' && s[i] <= '9') i++, d++;
  return d > 0 && (startswith(s + i, len - i, "）") || startswith(s + i, len - i, ")"));
}

/* s[0..len) without white space into q (room for qn bytes); with SQ_ITEM, without its item
** number; with SQ_END, without a closing "；" or "。". Its length, or 0. */
#define SQ_ITEM  1
#define SQ_END   2
static size_t squeeze (const char *s, size_t len, int how, char *q, size_t qn) {
  size_t i = 0, o;
  int all;
  if ((how & SQ_ITEM) && itemno(s, len, &i) == 0) return 0;
  o = nospace(s + i, len - i, q, qn, &all);
  if (!all) return 0;
  while ((how & SQ_END) && o > 0 && (endswith(q, o, "；") || endswith(q, o, "。") || q[o - 1] == ';'))
    o -= q[o - 1] == ';' ? 1 : 3;
  return o;
}

/* The item number of block b, a line of prose; 0 if it has none. */
static int isitem (const tifai_layout *L, const block *b) {
  size_t k;
  return b->role == R_BODY ? itemno(btext(L, b), b->len, &k) : 0;
}

static int colon (const tifai_layout *L, const block *b) {
  return endswith(btext(L, b), b->len, "：") || endswith(btext(L, b), b->len, ":");
}

/* Is the numbered line bi (with the line after it when it ends in "：", as a scrape cuts
** "6.海采：" / "这个假期去哪？") the text of a heading after block `from`? Each heading
** compared takes one from *budget; none left, the answer is no. */
static int listsheading (const tifai_layout *L, size_t bi, size_t from, size_t *budget) {
  char q[512], t[512];
  const block *b = &L->b[bi];
  size_t nq = squeeze(btext(L, b), b->len, SQ_ITEM | SQ_END, q, sizeof(q)), k, nt;
  if (nq == 0) return 0;
  if (colon(L, b) && (k = tifai_lay_nextlive(L, bi)) <= from && !isitem(L, &L->b[k])) {
    nt = squeeze(btext(L, &L->b[k]), L->b[k].len, SQ_END, t, sizeof(t));
    if (nt == 0 || nq + nt > sizeof(q)) return 0;
    memcpy(q + nq, t, nt);
    nq += nt;
  }
  for (k = tifai_lay_nextlive(L, from); k < L->nb; k = tifai_lay_nextlive(L, k)) {
    if (L->b[k].role != R_HEAD) continue;
    if (*budget == 0) return 0;
    --*budget;
    nt = squeeze(btext(L, &L->b[k]), L->b[k].len, 0, t, sizeof(t));
    if (nt == nq && memcmp(q, t, nq) == 0) return 1;
  }
  return 0;
}


/* A page's table of contents: a run of numbered lines near its top ("1.HEADLINE；", as the
** 新闻摘要 of a 新闻联播 page) of which two or more and at least half, or four or more, are
** headings found further down. It is no article: it is dropped, with the line that announces it
** ("本期节目主要内容：") and its heading when nothing else stands under that. */
#define TOCTOP   64                  /* live blocks from the top where such a list may start */
#define TOCMAX  200                  /* lines of a list compared with the headings */
#define TOCCMP  (1u << 18)           /* line-heading comparisons a page may cost */
void tifai_news_contents (tifai_layout *L) {
  size_t i, seen = 0, budget = TOCCMP;
  for (i = 0; i < L->nb && seen < TOCTOP; i = tifai_lay_nextlive(L, i), seen++) {
    size_t e = i, k, items = 0, hits = 0, p = L->nb, q, before[2];
    int want = 1;
    if (L->b[i].role == R_JOINED || isitem(L, &L->b[i]) != 1) continue;   /* a list starts at 1 */
    for (k = i; k < L->nb; k = tifai_lay_nextlive(L, k)) {       /* the run: 1., 2., ... and (1), (2) */
      const block *b = &L->b[k];
      int v = isitem(L, b);
      if (b->role == R_DUP || b->role == R_DROP) continue;
      if (v >= want) { want = v + 1; items++; }        /* rising: a cut may skip numbers */
      else if (b->role == R_BODY && subitem(btext(L, b), b->len)) {}
      else if (b->role == R_BODY && colon(L, &L->b[e])) {}
      else break;                                      /* (the last two: a sub-item, a line
                                                          that goes on after "：") */
      e = k;
    }
    for (k = i; k <= e && items <= TOCMAX; k = tifai_lay_nextlive(L, k))
      if (isitem(L, &L->b[k]) && listsheading(L, k, e, &budget)) hits++;
    if (items < 2 || hits < 2 || (2 * hits < items && hits < 4)) { i = e; continue; }
    for (k = i; k <= e; k = tifai_lay_nextlive(L, k))
      if (L->b[k].role == R_BODY) { L->b[k].role = R_DROP; L->b[k].why = "table of contents"; }
    before[0] = before[1] = L->nb;                     /* the two live blocks before it */
    for (k = 0; k < i; k = tifai_lay_nextlive(L, k))
      if (L->b[k].role != R_JOINED) { before[0] = before[1]; before[1] = k; }
    p = before[1];
    if (p < L->nb && L->b[p].role == R_BODY && nchars(btext(L, &L->b[p]), L->b[p].len) <= 20
        && colon(L, &L->b[p])) {
      L->b[p].role = R_DROP;
      L->b[p].why = "table of contents";
      p = before[0];
    }
    q = tifai_lay_nextlive(L, e);
    if (p < L->nb && L->b[p].role == R_HEAD && (q >= L->nb || L->b[q].role == R_HEAD)) {
      L->b[p].role = R_DROP;
      L->b[p].why = "table of contents";
    }
    return;
  }
}

/* }====== */

/* Is s[0..len), white space aside, part of article a's kicker, title or subtitle? */
int tifai_news_inhead (tifai_layout *L, const art *a, const char *s, size_t len) {
  char q[512], f[1024];
  size_t nq = squeeze(s, len, 0, q, sizeof(q) - 1), nf = 0;
  int k, all;
  static const int fields[] = {F_KICKER, F_TITLE, F_SUBTITLE};
  if (nq == 0) return 0;
  for (k = 0; k < 3; k++) {                            /* the three, run together */
    const char *t = fstr(L, a->f[fields[k]]);
    if (t) nf += nospace(t, strlen(t), f + nf, sizeof(f) - nf, &all);
  }
  q[nq] = '\0';
  return findlit(f, nf, q) != NULL;
}

/* A date alone on a line in the head of a Markdown or HTML page under its title, before any
** heading or text ("# TITLE" / "最高人民法院发布" / "2022-03-15"): the page's date, a field. */
void tifai_news_headdate (tifai_layout *L, int fmt) {
  size_t i, seen = 0;
  if (!L->ptitle || L->pf[F_DATE] || (fmt != TIFAI_FMT_MARKDOWN && fmt != TIFAI_FMT_HTML)) return;
  for (i = 0; i < L->nb && seen < 4; i = tifai_lay_nextlive(L, i)) {
    block *b = &L->b[i];
    const char *s = btext(L, b), *prec;
    size_t len = b->len, used;
    char iso[16];
    if (b->role == R_JOINED || b->role == R_DUP || b->role == R_DROP || b->role == R_FURN
        || b->role == R_PAGEMETA)
      continue;
    if (b->role != R_BODY || b->kind != TIFAI_PARA_TEXT || nchars(s, len) > 40) return;
    seen++;
    trimspace(&s, &len);
    used = tifai_date_parse(s, len, iso, &prec);
    if (used > 0 && used == len && strcmp(prec, "day") == 0) {
      L->pf[F_DATE] = tifai_lay_addstr(L, iso, strlen(iso));
      L->pf[F_PREC] = tifai_lay_addstr(L, prec, strlen(prec));
      b->role = R_DROP;
      b->why = "date";
      return;
    }
  }
}
