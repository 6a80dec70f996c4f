/*
** convert.c -- simplified <-> traditional Chinese through OpenCC. libopencc is C++: linked, it
** would bring libstdc++ into every start, so it is loaded with dlopen on the first conversion
** (like libxml2 in read_html.c), and one converter per direction is opened once and kept.
*/
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <opencc/opencc.h>
#include "prims.h"

#define LIBOPENCC  "libopencc.so.1.1"

/* {====== libopencc, loaded when first needed ====== */
static struct {
  opencc_t (*open) (const char *);
  char *(*convert) (opencc_t, const char *, size_t);
  void (*freestr) (char *);
  const char *(*error) (void);
  int ok;                           /* all found */
  char err[200];                    /* why not */
} O;
static pthread_once_t oonce = PTHREAD_ONCE_INIT;

static void loadopencc (void) {
  void *h = dlopen(LIBOPENCC, RTLD_NOW | RTLD_LOCAL);
  if (h == NULL) {
    snprintf(O.err, sizeof(O.err), "cannot load %s (%s)", LIBOPENCC, dlerror());
    return;
  }
  /* POSIX's way to turn dlsym's object pointer into a function pointer */
  *(void **)(&O.open) = dlsym(h, "opencc_open");
  *(void **)(&O.convert) = dlsym(h, "opencc_convert_utf8");
  *(void **)(&O.freestr) = dlsym(h, "opencc_convert_utf8_free");
  *(void **)(&O.error) = dlsym(h, "opencc_error");
  if (!O.open || !O.convert || !O.freestr || !O.error) {
    snprintf(O.err, sizeof(O.err), "cannot load %s (it lacks a function tifa needs)", LIBOPENCC);
    return;                                 /* the handle stays: harmless */
  }
  O.ok = 1;
}

/* }====== */

/* {====== Converters ====== */

/* One per direction, opened on first use and never closed (the process may convert again
** at any time); 'lock' makes conversions in one direction take turns. */
typedef struct Conv {
  const char *config;               /* OpenCC configuration file, in its data directory */
  pthread_once_t once;
  pthread_mutex_t lock;
  opencc_t cc;                      /* NULL if it could not be opened */
  char err[240];
} Conv;

static Conv convs[2] = {
  {OPENCC_DEFAULT_CONFIG_TRAD_TO_SIMP, PTHREAD_ONCE_INIT, PTHREAD_MUTEX_INITIALIZER, NULL, ""},
  {OPENCC_DEFAULT_CONFIG_SIMP_TO_TRAD, PTHREAD_ONCE_INIT, PTHREAD_MUTEX_INITIALIZER, NULL, ""}
};

static void openconv (Conv *c) {
  opencc_t cc;
  pthread_once(&oonce, loadopencc);
  if (!O.ok) { snprintf(c->err, sizeof(c->err), "%s", O.err); return; }
  cc = O.open(c->config);
  if (cc == NULL || cc == (opencc_t)-1) {  /* OpenCC returns (opencc_t)-1 on failure */
    const char *e = O.error();
    snprintf(c->err, sizeof(c->err), "cannot open OpenCC configuration '%s' (%s)", c->config,
             e ? e : "unknown error");
    return;
  }
  c->cc = cc;
}

static void opent2s (void) { openconv(&convs[0]); }
static void opens2t (void) { openconv(&convs[1]); }

/* Convert s[0..len), which holds no NUL byte, and append the result to 'out'. */
static int convertpiece (Conv *c, tifai_buf *out, const char *s, size_t len) {
  char *r;
  if (len == 0) return TIFA_OK;
  r = O.convert(c->cc, s, len);
  if (r == NULL || r == (char *)-1) return TIFA_ERROR;
  tifai_buf_add(out, r, strlen(r));
  O.freestr(r);
  return out->oom ? TIFA_NOMEM : TIFA_OK;
}

int tifai_convert (tifai_buf *out, const char *s, size_t len, int to, char *err, size_t errsz) {
  Conv *c = &convs[to == TIFA_CONVERT_TRADITIONAL];
  int rc = TIFA_OK;
  pthread_once(&c->once, to == TIFA_CONVERT_TRADITIONAL ? opens2t : opent2s);
  if (c->cc == NULL) {
    snprintf(err, errsz, "%s", c->err);
    return TIFA_ERROR;
  }
  pthread_mutex_lock(&c->lock);
  while (rc == TIFA_OK) {                   /* OpenCC's strings end at NUL: convert between */
    const char *nul = (const char *)memchr(s, '\0', len);
    size_t n = nul ? (size_t)(nul - s) : len;
    rc = convertpiece(c, out, s, n);
    if (nul == NULL) break;
    tifai_buf_addc(out, '\0');
    s += n + 1; len -= n + 1;
  }
  if (rc == TIFA_ERROR) {
    const char *e = O.error();
    snprintf(err, errsz, "cannot convert text (%s)", e ? e : "unknown error");
  }
  pthread_mutex_unlock(&c->lock);
  if (rc == TIFA_NOMEM) snprintf(err, errsz, "%s", tifa_errstr(TIFA_NOMEM));
  return rc;
}

/* }====== */

char *tifa_text_convert (const char *s, size_t len, int to, size_t *outlen,
                         char *err, size_t errsz) {
  tifai_buf b = TIFAI_BUF_INIT;
  size_t bad;
  if (outlen) *outlen = 0;
  if (!tifa_utf8_valid(s, len, &bad)) {
    snprintf(err, errsz, "invalid UTF-8 at byte %zu", bad + 1);
    return NULL;
  }
  if (tifai_convert(&b, s, len, to, err, errsz) != TIFA_OK) {
    tifai_buf_free(&b);
    return NULL;
  }
  tifai_buf_add(&b, "", 0);                 /* NUL-terminated even when empty */
  if (b.oom) snprintf(err, errsz, "%s", tifa_errstr(TIFA_NOMEM));
  return tifai_buf_detach(&b, outlen);
}
