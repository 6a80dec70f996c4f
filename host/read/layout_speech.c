/*
** layout_speech.c -- the layout's rules for speeches and reports (see layout_int.h): the
** head above the salutation (title, subtitle and date, the speaker's post and name).
*/
#include "layout_int.h"

/* s[0..len) without white space (U+3000 too) into L->str: "习　近　平" is 习近平. */
static size_t addsqueezed (tifai_layout *L, const char *s, size_t len) {
  char buf[256];
  int all;
  return tifai_lay_addstr(L, buf, nospace(s, len, buf, sizeof(buf), &all));
}

/* Is s[0..len) a person's name: two to four Chinese characters, spaces between allowed? */
static int aname (const char *s, size_t len) {
  size_t i = 0, n;
  int k = 0;
  while (i < len) {
    int32_t c = cpat(s + i, len - i, &n);
    i += n;
    if (tifai_is_space(c)) continue;
    if (!tifai_is_han(c)) return 0;
    k++;
  }
  return k >= 2 && k <= 4;
}

static int spaced (const char *s, size_t len) {      /* white space inside */
  size_t i = 0, n;
  while (i < len) { if (tifai_is_space(cpat(s + i, len - i, &n))) return 1; i += n; }
  return 0;
}

/* The speaker's line(s): "国务院总理" then "李　强", or both on one line. */
static int speaker (tifai_layout *L, art *a, const char *s, size_t len) {
  const tifai_rule *p;
  const char *at = NULL, *end;
  trimspace(&s, &len);
  if (!a->f[F_AUTHOR] && aname(s, len) && (a->f[F_AFFIL] || spaced(s, len))) {
    a->f[F_AUTHOR] = addsqueezed(L, s, len);         /* "李　强" after the post; "习　近　平" */
    return 1;
  }
  for (p = tifai_posts; p->lit && at == NULL; p++) {   /* the post, and a name after it */
    const char *q = findlit(s, len, p->lit);
    if (q != NULL && nchars(s, (size_t)(q - s)) <= 12) { at = q; end = q + strlen(p->lit); }
  }
  if (at == NULL || a->f[F_AFFIL]) return 0;
  if (end < s + len && !aname(end, (size_t)(s + len - end))) return 0;
  a->f[F_AFFIL] = addsqueezed(L, s, (size_t)(end - s));
  if (end < s + len) a->f[F_AUTHOR] = addsqueezed(L, end, (size_t)(s + len - end));
  return 1;
}

/* The head of a speech or report: the short lines above its salutation (see layout.h). The
** article starts here, with its title, subtitle, date and speaker; its head lines are
** dropped. Returns 1 if the page has such a head. */
int tifai_speech_reporthead (tifai_layout *L) {
  size_t i, sal = L->nb, h[12], n = 0, k;
  art *a;
  for (i = 0; i < L->nb && n < 12; i = tifai_lay_nextlive(L, i)) {
    block *b = &L->b[i];
    if (b->role == R_JOINED) continue;
    if (b->role == R_FURN || b->role == R_PAGEMETA || b->role == R_DUP || b->role == R_DROP) continue;
    if (b->len <= 40 && rulestart(tifai_salutations, btext(L, b), b->len) != NULL
        && b->len == strlen(rulestart(tifai_salutations, btext(L, b), b->len)->lit)) { sal = i; break; }
    if (nchars(btext(L, b), b->len) > 64) return 0;
    if (n > 0 && b->role == R_HEAD && b->level > 0) return 0;   /* headings: a page of stories */
    h[n++] = i;
  }
  if (sal == L->nb || n < (strcmp(L->genre, "speech") == 0 ? 1 : 2)) return 0;
                                                      /* (a speech's head may be its title) */
  if (tifai_lay_newart(L) != 0) return 0;
  a = cur(L);
  a->f[F_TITLE] = tifai_lay_addstr(L, btext(L, &L->b[h[0]]), L->b[h[0]].len);
  L->b[h[0]].role = R_DROP; L->b[h[0]].why = "title";
  if (L->b[sal].role == R_HEAD) L->b[sal].role = R_BODY;   /* the salutation stays text */
  for (k = 1; k < n; k++) {
    block *b = &L->b[h[k]];
    const char *s = btext(L, b);
    size_t len = b->len, prec = 0;
    b->role = R_DROP;
    if (startswith(s, len, "——")) {                   /* ——2024年3月5日在…上 */
      s += 6; len -= 6;
      trimspace(&s, &len);
      if (!a->f[F_SUBTITLE]) a->f[F_SUBTITLE] = tifai_lay_addstr(L, s, len);
      if (!a->f[F_DATE] && (a->f[F_DATE] = tifai_lay_adddate(L, s, len, &prec)) != 0) a->f[F_PREC] = prec;
      b->why = "subtitle";
    }
    else if ((startswith(s, len, "（") && endswith(s, len, "）")) || (startswith(s, len, "(") && endswith(s, len, ")"))) {
      size_t o = startswith(s, len, "（") ? 3 : 1;
      if (!a->f[F_DATE] && (a->f[F_DATE] = tifai_lay_adddate(L, s + o, len - 2 * o, &prec)) != 0) {
        a->f[F_PREC] = prec;
        b->why = "date";
      }
      else b->why = "title repeat";
    }
    else if (speaker(L, a, s, len)) b->why = "speaker";
    else b->why = "title repeat";
  }
  return 1;
}
