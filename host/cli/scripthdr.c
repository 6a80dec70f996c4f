/*
** scripthdr.c -- what a script declares and what it is given (docs/scripts.md): the header
** parser (the comment block at the top: a one-line description, prose, and the tags @param,
** @arg, @sandbox, @module), the check of a value against its declared type (integer, date,
** a|b|c, ...) and the parser of a script's arguments by its header. No Lua: all of it runs
** before any state exists. The search path, the generated help and 'params' are scripts.c.
*/
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/types.h>
#include "cli.h"

static const char *const typenames[] = {"string", "integer", "number", "boolean", "date", "path", NULL};

/* {====== The header ====== */

static char *dupstr (const char *s, size_t n) {
  char *p = (char *)malloc(n + 1);
  if (p == NULL) { cli_error("not enough memory"); exit(1); }
  memcpy(p, s, n);
  p[n] = '\0';
  return p;
}

/* Append 'line' to '*text' after a newline (the first without). */
static void appendline (char **text, const char *line) {
  size_t old = *text ? strlen(*text) : 0, n = strlen(line);
  char *p = (char *)realloc(*text, old + n + 2);
  if (p == NULL) { cli_error("not enough memory"); exit(1); }
  if (old > 0 || *text != NULL) p[old++] = '\n';
  memcpy(p + old, line, n + 1);
  *text = p;
}

static int herror (script_header *h, int line, const char *fmt, ...) {
  va_list ap;
  if (h->errline) return 1;                      /* the first error is reported */
  h->errline = line;
  va_start(ap, fmt);
  vsnprintf(h->err, sizeof(h->err), fmt, ap);
  va_end(ap);
  return 1;
}

static const char *skipspace (const char *s) {
  while (*s == ' ' || *s == '\t') s++;
  return s;
}

static int validname (const char *s, size_t n) {
  size_t i;
  if (n == 0 || !isalpha((unsigned char)s[0])) return 0;
  for (i = 1; i < n; i++)
    if (!isalnum((unsigned char)s[i]) && s[i] != '-' && s[i] != '_') return 0;
  return 1;
}

static int daysin (int y, int m) {
  static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) return 29;
  return days[m - 1];
}

/* Read 1 to 'max' digits at '*s' into '*v'. */
static int digits (const char **s, int min, int max, int *v) {
  int n = 0;
  *v = 0;
  while (n < max && isdigit((unsigned char)**s)) { *v = *v * 10 + (**s - '0'); (*s)++; n++; }
  return n >= min && !isdigit((unsigned char)**s);
}

/* Check the text 's' as a value of 'p' and write its normal form into 'out' (at least
** strlen(s) + 16 bytes): dates zero-padded, booleans "true"/"false", numbers as given.
** Returns NULL if it is good, else what was expected ("integer expected"). */
static const char *checkvalue (const script_param *p, const char *s, char *out) {
  char *end;
  strcpy(out, s);
  switch (p->type) {
    case SCRIPT_INTEGER: {
      long long v;
      if (!isdigit((unsigned char)s[*s == '-' || *s == '+'])) return "integer expected";
      errno = 0;
      v = strtoll(s, &end, 10);
      if (*end != '\0') return "integer expected";
      if (errno == ERANGE) return "integer out of range";
      sprintf(out, "%lld", v);
      return NULL;
    }
    case SCRIPT_NUMBER: {
      const char *q = s + (*s == '-' || *s == '+');
      int nd = 0;
      while (isdigit((unsigned char)*q)) { q++; nd++; }
      if (*q == '.') { q++; while (isdigit((unsigned char)*q)) { q++; nd++; } }
      if (nd == 0) return "number expected";
      if (*q == 'e' || *q == 'E') {
        q++;
        if (*q == '-' || *q == '+') q++;
        if (!isdigit((unsigned char)*q)) return "number expected";
        while (isdigit((unsigned char)*q)) q++;
      }
      if (*q != '\0') return "number expected";
      return NULL;
    }
    case SCRIPT_BOOLEAN: {
      static const char *const yes[] = {"true", "yes", "on", "1", NULL}, *const no[] = {"false", "no", "off", "0", NULL};
      int i;
      for (i = 0; yes[i]; i++) if (strcmp(s, yes[i]) == 0) { strcpy(out, "true"); return NULL; }
      for (i = 0; no[i]; i++) if (strcmp(s, no[i]) == 0) { strcpy(out, "false"); return NULL; }
      return "true or false expected";
    }
    case SCRIPT_DATE: {
      const char *q = s;
      int y, m = 0, d = 0;
      if (!digits(&q, 4, 4, &y)) return "date YYYY[-MM[-DD]] expected";
      if (*q == '-') {
        q++;
        if (!digits(&q, 1, 2, &m) || m < 1 || m > 12) return "date YYYY[-MM[-DD]] expected";
        if (*q == '-') {
          q++;
          if (!digits(&q, 1, 2, &d) || d < 1 || d > daysin(y, m)) return "date YYYY[-MM[-DD]] expected";
        }
      }
      if (*q != '\0') return "date YYYY[-MM[-DD]] expected";
      if (d) sprintf(out, "%04d-%02d-%02d", y, m, d);
      else if (m) sprintf(out, "%04d-%02d", y, m);
      return NULL;
    }
    case SCRIPT_PATH:
      return *s ? NULL : "a path expected";
    case SCRIPT_CHOICE: {
      const char *c = p->choices;
      size_t n = strlen(s);
      while (c) {
        const char *bar = strchr(c, '|');
        size_t len = bar ? (size_t)(bar - c) : strlen(c);
        if (len == n && strncmp(c, s, n) == 0) return NULL;
        c = bar ? bar + 1 : NULL;
      }
      return "choice";                          /* the caller names them */
    }
    default:
      return NULL;
  }
}

/* "one of csv, json or table expected" for the choices of 'p', into 'out'. */
static void choicemsg (const script_param *p, char *out, size_t sz) {
  const char *c = p->choices;
  size_t used = (size_t)snprintf(out, sz, "one of ");
  while (c && used < sz) {
    const char *bar = strchr(c, '|');
    size_t len = bar ? (size_t)(bar - c) : strlen(c);
    int w = snprintf(out + used, sz - used, "%.*s%s", (int)len, c,
                     bar == NULL ? " expected" : strchr(bar + 1, '|') ? ", " : " or ");
    if (w < 0) break;
    used += (size_t)w;
    c = bar ? bar + 1 : NULL;
  }
}

/* The message for a bad value 's' of 'p' into 'err' (the check's result 'why'). */
static void badvalue (const script_param *p, const char *s, const char *why, const char *opt,
                      char *err, size_t errsz) {
  char exp[256];
  if (strcmp(why, "choice") == 0) choicemsg(p, exp, sizeof(exp));
  else snprintf(exp, sizeof(exp), "%s", why);
  snprintf(err, errsz, "bad value '%s' for %s (%s)", s, opt, exp);
}

/* Add a value (the normal form of 's') to 'p'; a parameter that is not repeatable keeps
** the last one. */
static void addvalue (script_param *p, const char *norm) {
  char **v;
  if (!p->repeat && p->nvals > 0) {
    free(p->vals[0]);
    p->vals[0] = dupstr(norm, strlen(norm));
    return;
  }
  v = (char **)realloc(p->vals, (size_t)(p->nvals + 1) * sizeof(char *));
  if (v == NULL) { cli_error("not enough memory"); exit(1); }
  p->vals = v;
  p->vals[p->nvals++] = dupstr(norm, strlen(norm));
}

/* Parse a tag line "@param NAME TYPE[*+!][=DEFAULT] HELP" (or @arg) into a new parameter. */
static void parseparam (script_header *h, int line, const char *s, int positional) {
  const char *tag = positional ? "@arg" : "@param";
  const char *name = skipspace(s), *q, *spec, *def = NULL, *help;
  size_t nlen, tlen, dlen = 0;
  script_param *p;
  char type[128];
  int i, t = -1;
  for (q = name; *q && *q != ' ' && *q != '\t'; q++) ;
  nlen = (size_t)(q - name);
  spec = skipspace(q);
  if (nlen == 0 || *spec == '\0') { herror(h, line, "%s needs a name and a type", tag); return; }
  if (!validname(name, nlen)) { herror(h, line, "bad parameter name '%.*s'", (int)nlen, name); return; }
  if (nlen == 4 && strncmp(name, "help", 4) == 0) { herror(h, line, "'help' is reserved (--help prints the usage)"); return; }
  for (i = 0; i < h->nparams; i++)
    if (strlen(h->params[i].name) == nlen && strncmp(h->params[i].name, name, nlen) == 0) {
      herror(h, line, "parameter '%.*s' declared twice", (int)nlen, name);
      return;
    }
  for (q = spec; *q && *q != ' ' && *q != '\t' && *q != '*' && *q != '+' && *q != '!' && *q != '='; q++) ;
  tlen = (size_t)(q - spec);
  if (tlen == 0 || tlen >= sizeof(type)) { herror(h, line, "%s '%.*s' needs a type", tag, (int)nlen, name); return; }
  memcpy(type, spec, tlen);
  type[tlen] = '\0';
  p = (script_param *)realloc(h->params, (size_t)(h->nparams + 1) * sizeof(script_param));
  if (p == NULL) { cli_error("not enough memory"); exit(1); }
  h->params = p;
  p = &h->params[h->nparams];
  memset(p, 0, sizeof(*p));
  p->name = dupstr(name, nlen);
  p->positional = positional;
  p->line = line;
  if (*q == '*') { p->repeat = 1; q++; }
  else if (*q == '+') { p->repeat = p->required = 1; q++; }
  else if (*q == '!') { p->required = 1; q++; }
  if (*q == '=') {
    q++;
    if (*q == '"') {
      def = ++q;
      while (*q && *q != '"') q++;
      if (*q != '"') { herror(h, line, "unfinished default of '%s'", p->name); free(p->name); return; }
      dlen = (size_t)(q - def);
      q++;
    }
    else {
      def = q;
      while (*q && *q != ' ' && *q != '\t') q++;
      dlen = (size_t)(q - def);
    }
  }
  if (*q != '\0' && *q != ' ' && *q != '\t') {
    herror(h, line, "bad type '%s' for '%s' (after it: '*', '+', '!' or '=DEFAULT')", type, p->name);
    free(p->name);
    return;
  }
  help = skipspace(q);
  if (strcmp(type, "flag") == 0) strcpy(type, "boolean");
  for (i = 0; typenames[i]; i++) if (strcmp(type, typenames[i]) == 0) t = i;
  if (t < 0 && strchr(type, '|') != NULL && type[0] != '|' && type[tlen - 1] != '|' && strstr(type, "||") == NULL) {
    t = SCRIPT_CHOICE;
    p->choices = dupstr(type, tlen);
  }
  if (t < 0) {
    herror(h, line, "unknown type '%s' for '%s' (string, integer, number, boolean, date, path, or choices a|b|c)",
           type, p->name);
    free(p->name);
    return;
  }
  p->type = t;
  p->def = def ? dupstr(def, dlen) : NULL;
  p->help = dupstr(help, strlen(help));
  h->nparams++;
  if (t == SCRIPT_BOOLEAN && (p->repeat || p->required || positional))
    herror(h, line, "boolean '%s' cannot be repeatable, required or an @arg", p->name);
  else if (p->required && p->def)
    herror(h, line, "required '%s' cannot have a default", p->name);
  else if (p->def) {                             /* check the default(s) now */
    const char *d = p->def;
    char *out = (char *)malloc(strlen(d) + 16), *one = (char *)malloc(strlen(d) + 1);
    if (out == NULL || one == NULL) { cli_error("not enough memory"); exit(1); }
    while (d) {
      const char *comma = p->repeat ? strchr(d, ',') : NULL, *why;
      size_t len = comma ? (size_t)(comma - d) : strlen(d);
      memcpy(one, d, len);
      one[len] = '\0';
      if ((why = checkvalue(p, one, out)) != NULL) {
        char msg[300];
        badvalue(p, one, why, "the default", msg, sizeof(msg));
        herror(h, line, "%s of '%s'", msg, p->name);
        break;
      }
      d = comma ? comma + 1 : NULL;
    }
    free(out);
    free(one);
  }
  if (positional && !h->errline) {               /* @args: required first, a list last */
    for (i = 0; i < h->nparams - 1; i++) {
      const script_param *o = &h->params[i];
      if (!o->positional) continue;
      if (o->repeat) herror(h, line, "@arg '%s' after the repeatable @arg '%s'", p->name, o->name);
      else if (p->required && !o->required) herror(h, line, "required @arg '%s' after the optional '%s'", p->name, o->name);
    }
  }
}

/* The title line: "NAME: desc", "NAME.lua -- desc", "NAME — desc" or just the description. */
static void parsetitle (script_header *h, const char *s) {
  size_t n = strlen(h->name);
  const char *q = s;
  if (strncmp(q, h->name, n) == 0) {
    const char *r = q + n;
    if (strncmp(r, ".lua", 4) == 0) r += 4;
    r = skipspace(r);
    if (*r == ':') r++;
    else if (strncmp(r, "--", 2) == 0) r += 2;
    else if (strncmp(r, "\xE2\x80\x94", 3) == 0) r += 3;   /* — */
    else if (*r == '-') r++;
    else r = NULL;
    if (r) q = skipspace(r);
  }
  h->desc = dupstr(q, strlen(q));
}

static void setname (script_header *h, const char *path) {
  const char *base = strrchr(path, '/');
  size_t n;
  base = base ? base + 1 : path;
  n = strlen(base);
  if (n >= 4 && strcmp(base + n - 4, ".lua") == 0) n -= 4;
  h->name = dupstr(base, n);
}

/* Read the header from 'f' into 'h' (its path and name set); closes 'f'. */
static int readheader (FILE *f, script_header *h) {
  char *line = NULL;
  size_t cap = 0;
  ssize_t len;
  int lineno = 0, titled = 0, lastparam = 0;
  while ((len = getline(&line, &cap, f)) >= 0) {
    char *s = line, *raw;
    int indented;
    lineno++;
    while (len > 0 && (s[len - 1] == '\n' || s[len - 1] == '\r' || s[len - 1] == ' ' || s[len - 1] == '\t'))
      s[--len] = '\0';
    if (lineno == 1 && strncmp(s, "\xEF\xBB\xBF", 3) == 0) s += 3;   /* a BOM, as Lua skips it */
    if (lineno == 1 && s[0] == '#') continue;       /* #!/usr/bin/env tifa */
    if (strncmp(s, "--", 2) != 0 || strncmp(s, "--[", 3) == 0) break;
    while (*s == '-') s++;
    if (*s == ' ') s++;
    indented = (*s == ' ' || *s == '\t');
    raw = s;                                        /* prose keeps its indentation */
    s = (char *)skipspace(s);
    if (*s && strspn(s, "-=") == strlen(s)) *s = '\0';   /* a rule: -- ------ */
    if (!titled) {
      if (*s == '\0') continue;
      titled = 1;
      if (!(*s == '@' && isalpha((unsigned char)s[1])) && strncasecmp(s, "usage:", 6) != 0) {
        parsetitle(h, s);
        continue;
      }
    }
    if (*s == '@' && isalpha((unsigned char)s[1])) {
      const char *t = s + 1, *rest;
      size_t tl = strcspn(t, " \t");
      rest = t + tl;
      lastparam = 0;
      if (tl == 5 && strncmp(t, "param", 5) == 0) { parseparam(h, lineno, rest, 0); lastparam = 1; }
      else if (tl == 3 && strncmp(t, "arg", 3) == 0) { parseparam(h, lineno, rest, 1); lastparam = 1; }
      else if (tl == 7 && strncmp(t, "sandbox", 7) == 0 && *skipspace(rest) == '\0') h->sandbox = 1;
      else if (tl == 6 && strncmp(t, "module", 6) == 0 && *skipspace(rest) == '\0') h->module = 1;
      else herror(h, lineno, "unknown tag '@%.*s'", (int)tl, t);
      h->declared = 1;
    }
    else if (strncasecmp(s, "usage:", 6) == 0) {
      free(h->usage);
      h->usage = dupstr(skipspace(s + 6), strlen(skipspace(s + 6)));
      lastparam = 0;
    }
    else if (indented && lastparam && *s && h->nparams > 0) {   /* the help goes on */
      script_param *p = &h->params[h->nparams - 1];
      size_t old = strlen(p->help), n = strlen(s);
      char *nh = (char *)realloc(p->help, old + n + 2);
      if (nh == NULL) { cli_error("not enough memory"); exit(1); }
      if (old) nh[old++] = ' ';
      memcpy(nh + old, s, n + 1);
      p->help = nh;
    }
    else {
      lastparam = 0;
      if (*s == '\0' && h->text == NULL) continue;
      appendline(&h->text, *s ? raw : s);
    }
  }
  free(line);
  fclose(f);
  if (h->desc == NULL) h->desc = dupstr("", 0);
  if (h->text) {                                    /* no blank lines at the end */
    size_t n = strlen(h->text);
    while (n > 0 && h->text[n - 1] == '\n') h->text[--n] = '\0';
  }
  return h->errline ? 1 : 0;
}

int script_readheader (const char *path, script_header *h) {
  FILE *f;
  memset(h, 0, sizeof(*h));
  h->path = dupstr(path, strlen(path));
  setname(h, path);
  if ((f = fopen(path, "r")) == NULL) return -1;
  return readheader(f, h);
}

int script_readheaderbuf (const char *buf, size_t len, script_header *h) {
  FILE *f;
  memset(h, 0, sizeof(*h));
  h->path = dupstr("-", 1);
  h->name = dupstr("stdin", 5);
  if (len == 0) { h->desc = dupstr("", 0); return 0; }   /* fmemopen may refuse size 0 */
  if ((f = fmemopen((void *)buf, len, "r")) == NULL) return -1;
  return readheader(f, h);
}

void script_freeheader (script_header *h) {
  int i, k;
  if (h == NULL) return;
  for (i = 0; i < h->nparams; i++) {
    script_param *p = &h->params[i];
    for (k = 0; k < p->nvals; k++) free(p->vals[k]);
    free(p->vals);
    free(p->name);
    free(p->choices);
    free(p->def);
    free(p->help);
  }
  free(h->params);
  free(h->path);
  free(h->name);
  free(h->desc);
  free(h->usage);
  free(h->text);
  memset(h, 0, sizeof(*h));
}

/* }====== */

/* {====== Arguments ====== */

static script_param *findparam (script_header *h, const char *name, size_t n) {
  int i;
  for (i = 0; i < h->nparams; i++)
    if (strlen(h->params[i].name) == n && strncmp(h->params[i].name, name, n) == 0) return &h->params[i];
  return NULL;
}

/* Does 'a' read as a negative number (a value, not an option)? */
static int negnumber (const char *a) {
  return a[0] == '-' && (isdigit((unsigned char)a[1]) || (a[1] == '.' && isdigit((unsigned char)a[2])));
}

/* Check 'val' for 'p' and add it; 'opt' names it in a message. */
static int takevalue (script_param *p, const char *val, const char *opt, char *err, size_t errsz) {
  char *out = (char *)malloc(strlen(val) + 16);
  const char *why;
  if (out == NULL) { cli_error("not enough memory"); exit(1); }
  if ((why = checkvalue(p, val, out)) != NULL) {
    badvalue(p, val, why, opt, err, errsz);
    free(out);
    return 0;
  }
  addvalue(p, out);
  free(out);
  return 1;
}

int script_parseargs (script_header *h, int argc, char **argv, char *err, size_t errsz) {
  int i, dashdash = 0, pos = 0;
  char opt[160];
  for (i = 0; i < argc; i++) {
    const char *a = argv[i];
    if (!dashdash && strcmp(a, "--") == 0) { dashdash = 1; continue; }
    if (!dashdash && a[0] == '-' && a[1] == '-') {
      const char *name = a + 2, *eq = strchr(name, '=');
      size_t n = eq ? (size_t)(eq - name) : strlen(name);
      script_param *p = findparam(h, name, n);
      if (n == 4 && strncmp(name, "help", 4) == 0 && !eq) return 1;
      snprintf(opt, sizeof(opt), "--%.*s", (int)n, name);
      if (p == NULL && n > 3 && strncmp(name, "no-", 3) == 0 && !eq) {   /* --no-FLAG */
        script_param *f = findparam(h, name + 3, n - 3);
        if (f != NULL && f->type == SCRIPT_BOOLEAN) { addvalue(f, "false"); continue; }
      }
      if (p == NULL) {
        snprintf(err, errsz, "unknown option '%s'", opt);
        return 2;
      }
      if (p->type == SCRIPT_BOOLEAN && !eq) { addvalue(p, "true"); continue; }
      if (!eq && i + 1 >= argc) { snprintf(err, errsz, "'%s' needs a value", opt); return 2; }
      if (!takevalue(p, eq ? eq + 1 : argv[++i], opt, err, errsz)) return 2;
      continue;
    }
    if (!dashdash && a[0] == '-' && a[1] != '\0' && !negnumber(a)) {
      if (strcmp(a, "-h") == 0) return 1;
      snprintf(err, errsz, "unknown option '%s'", a);
      return 2;
    }
    {                                               /* a positional argument */
      int k, seen = 0;
      script_param *p = NULL;
      for (k = 0; k < h->nparams; k++) {
        if (!h->params[k].positional) continue;
        if (seen++ == pos) { p = &h->params[k]; break; }
      }
      if (p == NULL) { snprintf(err, errsz, "unexpected argument '%s'", a); return 2; }
      snprintf(opt, sizeof(opt), "%s", p->name);
      for (k = 0; opt[k]; k++) opt[k] = (char)toupper((unsigned char)opt[k]);
      if (!takevalue(p, a, opt, err, errsz)) return 2;
      if (!p->repeat) pos++;
    }
  }
  for (i = 0; i < h->nparams; i++) {               /* required ones, defaults */
    script_param *p = &h->params[i];
    if (p->nvals > 0) continue;
    if (p->required) {
      if (p->positional) {
        size_t k;
        snprintf(opt, sizeof(opt), "%s", p->name);
        for (k = 0; opt[k]; k++) opt[k] = (char)toupper((unsigned char)opt[k]);
        snprintf(err, errsz, "missing required argument %s", opt);
      }
      else snprintf(err, errsz, "missing required option '--%s'", p->name);
      return 2;
    }
    if (p->def) {
      const char *d = p->def;
      char *out = (char *)malloc(strlen(d) + 16), *one = (char *)malloc(strlen(d) + 1);
      if (out == NULL || one == NULL) { cli_error("not enough memory"); exit(1); }
      while (d) {
        const char *comma = p->repeat ? strchr(d, ',') : NULL;
        size_t len = comma ? (size_t)(comma - d) : strlen(d);
        memcpy(one, d, len);
        one[len] = '\0';
        checkvalue(p, one, out);                     /* checked when the header was read */
        addvalue(p, out);
        d = comma ? comma + 1 : NULL;
      }
      free(out);
      free(one);
    }
  }
  return 0;
}

/* }====== */
