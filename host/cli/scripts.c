/*
** scripts.c -- scripts found by name and described by their header (docs/scripts.md): the
** search path (TIFA_PATH, else ./scripts, the user's data directory, the installed scripts),
** the header parser (the comment block at the top: a one-line description, prose, and the
** tags @param, @arg, @sandbox, @module), the parser of a script's arguments by its header,
** the generated usage, 'params' for the script, and the commands 'tifa scripts' and
** 'tifa help SCRIPT'. Everything but script_pushparams runs before any Lua state exists.
*/
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>
#include "lua.h"
#include "lauxlib.h"
#include "cli.h"

#define MAXDIRS   64
#define HELPCOL   26                /* the widest left column of the generated help */

static const char *const typenames[] = {"string", "integer", "number", "boolean", "date", "path", NULL};

/* {====== The search path ====== */

static char pathbuf[8192];          /* the directories of the search path, NUL-separated */
static size_t pathused;

static int isdir (const char *p) {
  struct stat st;
  return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

static int isfile (const char *p) {
  struct stat st;
  return stat(p, &st) == 0 && S_ISREG(st.st_mode);
}

/* Add a directory (printf-style) unless it is there already; '~/' is the home directory and
** a final '/' is dropped. */
static void adddir (const char **dirs, int *n, const char *fmt, ...) {
  char d[PATH_MAX];
  va_list ap;
  size_t len;
  int i;
  va_start(ap, fmt);
  i = vsnprintf(d, sizeof(d), fmt, ap);
  va_end(ap);
  if (i < 0 || (size_t)i >= sizeof(d) || d[0] == '\0' || *n >= MAXDIRS) return;
  if (d[0] == '~' && d[1] == '/' && getenv("HOME")) {
    char e[PATH_MAX];
    if (snprintf(e, sizeof(e), "%s%s", getenv("HOME"), d + 1) >= (int)sizeof(e)) return;
    strcpy(d, e);
  }
  len = strlen(d);
  while (len > 1 && d[len - 1] == '/') d[--len] = '\0';
  for (i = 0; i < *n; i++) if (strcmp(dirs[i], d) == 0) return;
  if (pathused + len + 1 > sizeof(pathbuf)) return;
  memcpy(pathbuf + pathused, d, len + 1);
  dirs[(*n)++] = pathbuf + pathused;
  pathused += len + 1;
}

/* The default directories: ./scripts, the user's data directory, the scripts installed
** beside the program (PREFIX/bin/tifa -> PREFIX/share/tifa/scripts) and where the build
** installs them. */
static void adddefaults (const char **dirs, int *n) {
  const char *xdg = getenv("XDG_DATA_HOME"), *home = getenv("HOME");
  char exe[PATH_MAX];
  ssize_t len;
  adddir(dirs, n, "scripts");
  if (xdg && xdg[0] == '/') adddir(dirs, n, "%s/tifa/scripts", xdg);
  else if (home && *home) adddir(dirs, n, "%s/.local/share/tifa/scripts", home);
  if ((len = readlink("/proc/self/exe", exe, sizeof(exe) - 1)) > 0) {
    char *slash;
    exe[len] = '\0';
    if ((slash = strrchr(exe, '/')) != NULL) {
      *slash = '\0';
      if ((slash = strrchr(exe, '/')) != NULL && strcmp(slash, "/bin") == 0) {
        *slash = '\0';
        if (isdir(exe)) {
          char d[PATH_MAX];
          if (snprintf(d, sizeof(d), "%s/share/tifa/scripts", exe) < (int)sizeof(d) && isdir(d))
            adddir(dirs, n, "%s", d);
        }
      }
    }
  }
#ifdef TIFA_SCRIPTS_INSTALLED
  adddir(dirs, n, "%s", TIFA_SCRIPTS_INSTALLED);
#endif
}

int script_dirs (const char **dirs, int max) {
  const char *env = getenv("TIFA_PATH");
  const char *all[MAXDIRS];
  int n = 0, i, defaults = 0;
  pathused = 0;
  if (env == NULL || *env == '\0') adddefaults(all, &n);
  else {
    const char *p = env;
    for (;;) {                                   /* an empty entry stands for the defaults */
      const char *e = strchr(p, ':');
      size_t len = e ? (size_t)(e - p) : strlen(p);
      if (len == 0) {
        if (!defaults) adddefaults(all, &n);
        defaults = 1;
      }
      else adddir(all, &n, "%.*s", (int)len, p);
      if (e == NULL) break;
      p = e + 1;
    }
  }
  for (i = 0; i < n && i < max; i++) dirs[i] = all[i];
  return i;
}

static int endswith (const char *s, const char *suffix) {
  size_t n = strlen(s), m = strlen(suffix);
  return n >= m && strcmp(s + n - m, suffix) == 0;
}

int script_find (const char *name, char *out, size_t outsz) {
  const char *dirs[MAXDIRS];
  int n, i;
  if (strchr(name, '/') != NULL || (endswith(name, ".lua") && isfile(name))) {
    snprintf(out, outsz, "%s", name);
    return 1;
  }
  n = script_dirs(dirs, MAXDIRS);
  for (i = 0; i < n; i++) {
    int w = snprintf(out, outsz, endswith(name, ".lua") ? "%s/%s" : "%s/%s.lua", dirs[i], name);
    if (w > 0 && (size_t)w < outsz && isfile(out)) return 1;
  }
  snprintf(out, outsz, "%s", name);
  return 0;
}

/* The search path as "a, b, c" for messages. */
static void pathlist (char *out, size_t sz) {
  const char *dirs[MAXDIRS];
  int n = script_dirs(dirs, MAXDIRS), i;
  size_t used = 0;
  out[0] = '\0';
  for (i = 0; i < n && used < sz; i++) {
    int w = snprintf(out + used, sz - used, "%s%s", i ? ", " : "", dirs[i]);
    if (w < 0) break;
    used += (size_t)w;
  }
}

void script_notfound (const char *name) {
  char dirs[2048];
  pathlist(dirs, sizeof(dirs));
  cli_error("no script '%s' in the search path (%s)", name, dirs[0] ? dirs : "empty");
}

/* }====== */

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
  if (endswith(base, ".lua")) n -= 4;
  h->name = dupstr(base, n);
}

int script_readheader (const char *path, script_header *h) {
  FILE *f;
  char *line = NULL;
  size_t cap = 0;
  ssize_t len;
  int lineno = 0, titled = 0, lastparam = 0;
  memset(h, 0, sizeof(*h));
  h->path = dupstr(path, strlen(path));
  setname(h, path);
  if ((f = fopen(path, "r")) == NULL) return -1;
  while ((len = getline(&line, &cap, f)) >= 0) {
    char *s = line, *raw;
    int indented;
    lineno++;
    while (len > 0 && (s[len - 1] == '\n' || s[len - 1] == '\r' || s[len - 1] == ' ' || s[len - 1] == '\t'))
      s[--len] = '\0';
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

/* {====== Usage ====== */

/* The placeholder of a value: N, X, DATE, PATH, TEXT, a|b|c. */
static const char *metavar (const script_param *p) {
  static const char *const mv[] = {"TEXT", "N", "X", "", "DATE", "PATH"};
  return p->type == SCRIPT_CHOICE ? p->choices : mv[p->type];
}

static void upper (char *out, size_t sz, const char *s) {
  size_t i;
  for (i = 0; s[i] && i + 1 < sz; i++) out[i] = (char)toupper((unsigned char)s[i]);
  out[i] = '\0';
}

/* The usage line of 'p' ("[--limit N]", "TERM...") into 'out'. */
static void usageword (const script_param *p, char *out, size_t sz) {
  char w[200];
  if (p->positional) {
    upper(w, sizeof(w), p->name);
    snprintf(out, sz, "%s%s%s%s", p->required ? "" : "[", w, p->repeat ? "..." : "", p->required ? "" : "]");
  }
  else if (p->type == SCRIPT_BOOLEAN)
    snprintf(out, sz, "[--%s%s]", p->def && strcmp(p->def, "true") == 0 ? "no-" : "", p->name);
  else
    snprintf(out, sz, "%s--%s %s%s%s", p->required ? "" : "[", p->name, metavar(p), p->required ? "" : "]",
             p->repeat ? "..." : "");
}

static void printusage (FILE *f, const script_header *h) {
  int i, col;
  if (!h->declared && h->usage) { fprintf(f, "usage: %s\n", h->usage); return; }
  col = fprintf(f, "usage: " PROGNAME " run %s", h->name);
  if (!h->declared) { fputs(" [ARGS...]\n", f); return; }
  for (i = 0; i < 2 * h->nparams; i++) {           /* options first, then arguments */
    const script_param *p = &h->params[i % h->nparams];
    char w[400];
    int n;
    if ((i < h->nparams) == p->positional) continue;
    usageword(p, w, sizeof(w));
    n = term_width(w, strlen(w));
    if (col + 1 + n > 80 && col > 20) { fputs("\n       ", f); col = 7; }
    fprintf(f, " %s", w);
    col += 1 + n;
  }
  fputc('\n', f);
}

/* The length in bytes of the UTF-8 character at 's' (1 for a bad byte). */
static size_t charlen (const char *s) {
  unsigned char c = (unsigned char)*s;
  size_t n = c < 0xC0 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4, i;
  for (i = 1; i < n; i++) if (((unsigned char)s[i] & 0xC0) != 0x80) return 1;
  return n;
}

/* Print 's' wrapped to 'width' columns, each line after the first indented by 'indent':
** lines break at spaces and beside wide (CJK) characters; a word wider than a line stays
** whole. */
static void wrap (FILE *f, const char *s, int width, int indent) {
  int col = 0;
  while (*s) {
    const char *end = s;                          /* the next unit: a word, or one wide char */
    int w = 0;
    while (*s == ' ') s++;
    end = s;
    while (*end && *end != ' ') {
      size_t n = charlen(end);
      int cw = term_width(end, n);
      if (cw == 2 && end > s) break;              /* a wide character starts a unit */
      end += n;
      w += cw;
      if (cw == 2) break;                         /* and ends it */
    }
    if (end == s) break;
    if (col > 0 && col + (s[-1] == ' ' ? 1 : 0) + w > width) {
      fprintf(f, "\n%*s", indent, "");
      col = 0;
    }
    else if (col > 0 && s[-1] == ' ') { fputc(' ', f); col++; }
    fwrite(s, 1, (size_t)(end - s), f);
    col += w;
    s = end;
  }
}

/* One line of the option list: the left part padded to the help column, then the help
** and 'extra' in parentheses, wrapped within 80 columns. */
static void helpline (FILE *f, const char *left, const char *help, const char *extra) {
  char all[2048];
  int w = term_width(left, strlen(left));
  fprintf(f, "  %s", left);
  if (w + 2 > HELPCOL) fprintf(f, "\n%*s", HELPCOL + 2, "");
  else fprintf(f, "%*s", HELPCOL - w, "");
  if (extra[0]) snprintf(all, sizeof(all), "%s%s(%s)", help, help[0] ? " " : "", extra);
  else snprintf(all, sizeof(all), "%s", help);
  wrap(f, all, 80 - HELPCOL - 2, HELPCOL + 2);
  fputc('\n', f);
}

/* The left column of 'p' in the help ("--limit N", "TERM...") and what its help ends with
** in parentheses (the date format, repeatable, required, the default). */
static void describe (const script_param *p, char *left, size_t lsz, char *extra, size_t esz) {
  size_t used = 0;
  extra[0] = '\0';
  if (p->positional) {
    char w[200];
    upper(w, sizeof(w), p->name);
    snprintf(left, lsz, "%s%s", w, p->repeat ? "..." : "");
  }
  else if (p->type == SCRIPT_BOOLEAN) snprintf(left, lsz, "--%s", p->name);
  else snprintf(left, lsz, "--%s %s", p->name, metavar(p));
#define ADD(...)  do { int w_ = snprintf(extra + used, esz - used, __VA_ARGS__); \
                       if (w_ > 0) used = used + (size_t)w_ < esz ? used + (size_t)w_ : esz - 1; } while (0)
  if (p->type == SCRIPT_DATE) ADD("YYYY[-MM[-DD]]");
  if (p->repeat && !p->positional) ADD("%srepeatable", used ? "; " : "");
  if (p->required) ADD("%srequired", used ? "; " : "");
  if (p->type == SCRIPT_BOOLEAN && p->def && strcmp(p->def, "true") == 0)
    ADD("%son unless --no-%s", used ? "; " : "", p->name);
  else if (p->def && p->type != SCRIPT_BOOLEAN) ADD("%sdefault: %s", used ? "; " : "", p->def);
#undef ADD
}

void script_usage (FILE *f, const script_header *h, int full) {
  int i, pass;
  printusage(f, h);
  if (!full) return;
  if (h->desc && h->desc[0]) fprintf(f, "%s\n", h->desc);
  if (h->text && h->text[0]) fprintf(f, "\n%s\n", h->text);
  if (!h->declared) return;
  for (pass = 0; pass < 2; pass++) {                /* arguments, then options */
    int any = 0;
    for (i = 0; i < h->nparams; i++) {
      const script_param *p = &h->params[i];
      char left[300], extra[400];
      if (p->positional != (pass == 0)) continue;
      if (!any++) fputs(pass == 0 ? "\nArguments:\n" : "\nOptions:\n", f);
      describe(p, left, sizeof(left), extra, sizeof(extra));
      helpline(f, left, p->help, extra);
    }
    if (pass == 1) {
      if (!any) fputs("\nOptions:\n", f);
      helpline(f, "-h, --help", "this help", "");
    }
  }
  if (h->sandbox) fputs("\nRuns in the sandbox (@sandbox): see '" PROGNAME " run --help'.\n", f);
}

/* }====== */

/* {====== params for the script ====== */

/* __index of 'params': a declared parameter without a value is nil; any other name raises
** (a typo in a script should not read as "not given"). Upvalue 1: the set of names. */
static int params_index (lua_State *L) {
  lua_pushvalue(L, 2);
  if (lua_rawget(L, lua_upvalueindex(1)) != LUA_TNIL) return 0;
  if (lua_type(L, 2) == LUA_TSTRING)
    return luaL_error(L, "parameter '%s' is not declared in the script's header", lua_tostring(L, 2));
  return 0;
}

static void pushvalue (lua_State *L, const script_param *p, const char *v) {
  switch (p->type) {
    case SCRIPT_INTEGER: lua_pushinteger(L, (lua_Integer)strtoll(v, NULL, 10)); break;
    case SCRIPT_NUMBER: lua_pushnumber(L, (lua_Number)strtod(v, NULL)); break;
    case SCRIPT_BOOLEAN: lua_pushboolean(L, strcmp(v, "true") == 0); break;
    default: lua_pushstring(L, v);
  }
}

void script_pushparams (lua_State *L, const script_header *h) {
  int i, k;
  lua_createtable(L, 0, h->nparams);
  lua_createtable(L, 0, 1);                         /* its metatable */
  lua_createtable(L, 0, h->nparams);                /* the names */
  for (i = 0; i < h->nparams; i++) {
    const script_param *p = &h->params[i];
    luaL_Buffer b;
    const char *c;
    luaL_buffinit(L, &b);                           /* the key: '-' as '_' */
    for (c = p->name; *c; c++) luaL_addchar(&b, *c == '-' ? '_' : *c);
    luaL_pushresult(&b);
    lua_pushvalue(L, -1);
    lua_pushboolean(L, 1);
    lua_rawset(L, -4);                              /* names[key] = true */
    if (p->repeat) {
      lua_createtable(L, p->nvals, 0);
      for (k = 0; k < p->nvals; k++) { pushvalue(L, p, p->vals[k]); lua_rawseti(L, -2, k + 1); }
    }
    else if (p->nvals > 0) pushvalue(L, p, p->vals[0]);
    else if (p->type == SCRIPT_BOOLEAN) lua_pushboolean(L, 0);
    else lua_pushnil(L);
    lua_rawset(L, -5);
  }
  lua_pushcclosure(L, params_index, 1);
  lua_setfield(L, -2, "__index");
  lua_setmetatable(L, -2);
}

/* }====== */

/* {====== tifa scripts, tifa help SCRIPT ====== */

static const char usage_scripts[] =
  "usage: " PROGNAME " scripts [--path]\n"
  "List the scripts on the search path: name, description, directory. A name found in two\n"
  "directories is listed once, from the first (the one 'tifa run NAME' runs). --path prints\n"
  "the directories searched, in order: $TIFA_PATH (directories separated by ':'; an empty\n"
  "entry stands for the defaults), else ./scripts, the user's data directory\n"
  "($XDG_DATA_HOME/tifa/scripts or ~/.local/share/tifa/scripts) and the installed scripts.\n";

typedef struct listed { char *name, *desc; const char *dir; } listed;

static int cmplisted (const void *a, const void *b) {
  return strcmp(((const listed *)a)->name, ((const listed *)b)->name);
}

int cmd_scripts (cli *c, int argc, char **argv) {
  const char *dirs[MAXDIRS];
  listed *all = NULL;
  int n = script_dirs(dirs, MAXDIRS), i, k, nall = 0, namew = 4, dirw = 0, descw = 1;
  if (argc > 0 && (strcmp(argv[0], "--help") == 0 || strcmp(argv[0], "-h") == 0)) {
    fputs(usage_scripts, stdout);
    return 0;
  }
  if (argc > 0 && strcmp(argv[0], "--path") == 0) {
    for (i = 0; i < n; i++) printf("%s\n", dirs[i]);
    return 0;
  }
  if (argc > 0) { cli_error("unknown argument '%s' to 'scripts'", argv[0]); fputs(usage_scripts, stderr); return 2; }
  for (i = 0; i < n; i++) {
    DIR *d = opendir(dirs[i]);
    struct dirent *e;
    int first = nall;
    if (d == NULL) continue;
    while ((e = readdir(d)) != NULL) {
      char path[PATH_MAX];
      script_header h;
      size_t len = strlen(e->d_name);
      if (e->d_name[0] == '.' || !endswith(e->d_name, ".lua")) continue;
      if (snprintf(path, sizeof(path), "%s/%s", dirs[i], e->d_name) >= (int)sizeof(path) || !isfile(path)) continue;
      for (k = 0; k < first; k++)                   /* shadowed by an earlier directory */
        if (strlen(all[k].name) == len - 4 && strncmp(all[k].name, e->d_name, len - 4) == 0) break;
      if (k < first) continue;
      if (script_readheader(path, &h) < 0 || h.module) { script_freeheader(&h); continue; }
      {
        listed *a = (listed *)realloc(all, (size_t)(nall + 1) * sizeof(listed));
        if (a == NULL) { cli_error("not enough memory"); exit(1); }
        all = a;
      }
      all[nall].name = h.name;
      all[nall].desc = h.desc;
      all[nall].dir = dirs[i];
      h.name = h.desc = NULL;
      script_freeheader(&h);
      nall++;
    }
    closedir(d);
    qsort(all + first, (size_t)(nall - first), sizeof(listed), cmplisted);
  }
  for (i = 0; i < nall; i++) {
    int w = term_width(all[i].name, strlen(all[i].name)), dw = term_width(all[i].dir, strlen(all[i].dir));
    if (w > namew) namew = w;
    if (dw > dirw) dirw = dw;
  }
  if (namew > 24) namew = 24;
  for (i = 0; i < nall; i++) {                      /* a terminal: descriptions cut to fit */
    int w = term_width(all[i].desc, strlen(all[i].desc));
    if (w > descw) descw = w;
  }
  if (c->width > 0 && descw > c->width - namew - dirw - 4) descw = c->width - namew - dirw - 4;
  if (descw < 20) descw = 20;
  for (i = 0; i < nall; i++) {
    term_cell(stdout, all[i].name, namew, 1, 0);
    fputs("  ", stdout);
    term_cell(stdout, all[i].desc[0] ? all[i].desc : "-", descw, 1, 0);
    printf("  %s\n", all[i].dir);
    free(all[i].name);
    free(all[i].desc);
  }
  if (nall == 0) {
    char list[2048];
    pathlist(list, sizeof(list));
    cli_error("no scripts in the search path (%s)", list[0] ? list : "empty");
  }
  free(all);
  return 0;
}

int script_help (const char *name) {
  char path[PATH_MAX];
  script_header h;
  int rc;
  if (!script_find(name, path, sizeof(path)) && !isfile(path)) { script_notfound(name); return 1; }
  rc = script_readheader(path, &h);
  if (rc < 0) { cli_error("cannot open %s (%s)", path, strerror(errno)); script_freeheader(&h); return 1; }
  if (rc > 0) { cli_error("%s:%d: bad header: %s", path, h.errline, h.err); script_freeheader(&h); return 1; }
  script_usage(stdout, &h, 1);
  script_freeheader(&h);
  return 0;
}

/* }====== */
