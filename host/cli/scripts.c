/*
** scripts.c -- scripts found by name and presented (docs/scripts.md): the search path
** (TIFA_PATH, else ./scripts, the user's data directory, the installed scripts), the usage
** and help generated from a script's header, 'params' for the script, and the commands
** 'tifa scripts' and 'tifa help SCRIPT'. The header and the script's arguments are read by
** scripthdr.c. Everything but script_pushparams runs before any Lua state exists.
*/
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "lua.h"
#include "lauxlib.h"
#include "cli.h"

#define MAXDIRS   64
#define HELPCOL   26                /* the widest left column of the generated help */

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

/* The default directories: ./scripts, the user's data directory, then the program's own
** scripts, found from where the program is (/proc/self/exe): PREFIX/share/tifa/scripts
** beside PREFIX/bin/tifa once installed, the source tree's scripts/ for a program in the
** build tree it was built in (both known at build time), and where the build installs them. */
static void adddefaults (const char **dirs, int *n) {
  const char *xdg = getenv("XDG_DATA_HOME"), *home = getenv("HOME");
  char exe[PATH_MAX], *slash;
  ssize_t len;
  adddir(dirs, n, "scripts");
  if (xdg && xdg[0] == '/') adddir(dirs, n, "%s/tifa/scripts", xdg);
  else if (home && *home) adddir(dirs, n, "%s/.local/share/tifa/scripts", home);
  len = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
  exe[len > 0 ? len : 0] = '\0';
  if ((slash = strrchr(exe, '/')) != NULL) {
    *slash = '\0';                                  /* exe: the program's directory */
#if defined(TIFA_BUILD_DIR) && defined(TIFA_SCRIPTS_SOURCE)
    {
      char build[PATH_MAX];
      if (realpath(TIFA_BUILD_DIR, build) != NULL && strcmp(build, exe) == 0 && isdir(TIFA_SCRIPTS_SOURCE))
        adddir(dirs, n, "%s", TIFA_SCRIPTS_SOURCE);
    }
#endif
    if ((slash = strrchr(exe, '/')) != NULL && strcmp(slash, "/bin") == 0) {
      char d[PATH_MAX];
      *slash = '\0';
      if (snprintf(d, sizeof(d), "%s/share/tifa/scripts", exe) < (int)sizeof(d) && isdir(d))
        adddir(dirs, n, "%s", d);
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
  col = fprintf(f, "usage: " PROGNAME " run %s", strcmp(h->path, "-") == 0 ? "-" : h->name);
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
  "($XDG_DATA_HOME/tifa/scripts or ~/.local/share/tifa/scripts), then the program's own:\n"
  "PREFIX/share/tifa/scripts beside PREFIX/bin/tifa, the source tree's scripts/ for a program\n"
  "run from its build tree, and the directory the build installs to.\n";

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
  if (argc > 0) {
    cli_error("%s '%s' (see '" PROGNAME " scripts --help')", argv[0][0] == '-' ? "unknown option" :
              "unexpected argument", argv[0]);
    return 2;
  }
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
