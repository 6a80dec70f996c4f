/*
** catalog.c -- a corpus of shards: its catalog (tifa-shards.json, jansson), routing by
** FNV-1a 64 of the stored path, the stores.
*/
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <jansson.h>
#include "shard.h"

#define FORMAT  1                   /* the catalog's "tifa_shards" */

uint64_t tifa_fnv1a64 (const void *s, size_t len) {
  const unsigned char *p = (const unsigned char *)s;
  uint64_t h = UINT64_C(14695981039346656037);
  size_t i;
  for (i = 0; i < len; i++) {
    h ^= p[i];
    h *= UINT64_C(1099511628211);
  }
  return h;
}

int tifa_shards_is (const char *dir) {
  char p[4096];
  struct stat st;
  if (dir == NULL || stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) return 0;
  if (snprintf(p, sizeof(p), "%s/%s", dir, TIFA_SHARDS_CATALOG) >= (int)sizeof(p)) return 0;
  return access(p, F_OK) == 0;
}

static const char *const keynames[] = {"path", "year", "month", "outlet", NULL};

static void freeassign (tifa_shards *c) {
  size_t i;
  for (i = 0; i < c->nassign; i++) free(c->assign[i].value);
  free(c->assign);
  c->assign = NULL;
  c->nassign = c->capassign = 0;
}

/* Append 'v' with 'shard' to c->assign. */
static int addassign (tifa_shards *c, const char *v, int shard) {
  if (c->nassign == c->capassign) {
    size_t ncap = c->capassign ? 2 * c->capassign : 16;
    tifai_keyval *na = (tifai_keyval *)realloc(c->assign, ncap * sizeof(*na));
    if (na == NULL) return TIFA_NOMEM;
    c->assign = na;
    c->capassign = ncap;
  }
  if ((c->assign[c->nassign].value = strdup(v)) == NULL) return TIFA_NOMEM;
  c->assign[c->nassign].shard = shard;
  c->assign[c->nassign].files = 0;
  c->nassign++;
  return TIFA_OK;
}

/* The key and the "assign" of catalog 'j' into 'c' (the values already known keep their
** counts of files). TIFA_OK, or TIFA_FORMAT/TIFA_NOMEM with the message in 'err'. */
static int readkey (tifa_shards *c, json_t *j, const char *path, char *err, size_t errsz) {
  const char *key = json_string_value(json_object_get(j, "key")), *v;
  json_t *a = json_object_get(j, "assign"), *sh;
  int k;
  for (k = 0; keynames[k] && strcmp(keynames[k], key ? key : "path") != 0; k++) ;
  if (keynames[k] == NULL) {
    snprintf(err, errsz, "catalog '%s': unknown key '%s'", path, key);
    return TIFA_FORMAT;
  }
  c->key = k;
  if (a != NULL && !json_is_object(a)) {
    snprintf(err, errsz, "catalog '%s': \"assign\" is not an object", path);
    return TIFA_FORMAT;
  }
  json_object_foreach(a, v, sh) {
    json_int_t s = json_is_integer(sh) ? json_integer_value(sh) : 0;
    int at = tifai_shards_lookup(c, v);
    if (s < 1 || s > c->n || (at != 0 && at != (int)s)) {
      snprintf(err, errsz, "catalog '%s': key value '%s' has no shard of the corpus", path, v);
      return TIFA_FORMAT;
    }
    if (at == 0 && addassign(c, v, (int)s) != TIFA_OK) {
      snprintf(err, errsz, "not enough memory");
      return TIFA_NOMEM;
    }
  }
  return TIFA_OK;
}

void tifa_shards_close (tifa_shards *c) {
  int k;
  if (c == NULL) return;
  for (k = 0; c->files && k < c->n; k++) free(c->files[k]);
  for (k = 0; c->readers && k < c->n; k++) tifa_store_close(c->readers[k]);
  free(c->files);
  free(c->open);
  free(c->readers);
  free(c->dir);
  freeassign(c);
  pthread_mutex_destroy(&c->lock);
  free(c);
}

static tifa_shards *newcorpus (const char *dir, int n) {
  tifa_shards *c = (tifa_shards *)calloc(1, sizeof(*c));
  int k;
  if (c == NULL) return NULL;
  pthread_mutex_init(&c->lock, NULL);
  c->n = n;
  c->dir = strdup(dir);
  c->files = (char **)calloc((size_t)n, sizeof(char *));
  c->open = (tifa_store **)calloc((size_t)n, sizeof(tifa_store *));
  c->readers = (tifa_store **)calloc((size_t)n, sizeof(tifa_store *));
  if (c->dir == NULL || c->files == NULL || c->open == NULL || c->readers == NULL) {
    tifa_shards_close(c);
    return NULL;
  }
  for (k = 0; k < n; k++) {
    size_t len = strlen(dir) + 32;
    if ((c->files[k] = (char *)malloc(len)) == NULL) { tifa_shards_close(c); return NULL; }
    snprintf(c->files[k], len, "%s/s%d.db", dir, k + 1);
  }
  return c;
}

/* Read the catalog at 'path' into a new handle. */
static int readcatalog (const char *dir, const char *path, tifa_shards **out, char *err,
                        size_t errsz) {
  json_error_t je;
  json_t *j = json_load_file(path, 0, &je), *v;
  int n;
  const char *uuid;
  if (j == NULL) {
    snprintf(err, errsz, "cannot read the catalog '%s' (%s)", path, je.text);
    return TIFA_FORMAT;
  }
  v = json_object_get(j, "tifa_shards");
  if (!json_is_integer(v) || json_integer_value(v) < 1) {
    snprintf(err, errsz, "'%s' is not a tifa catalog", path);
    json_decref(j);
    return TIFA_FORMAT;
  }
  if (json_integer_value(v) > FORMAT) {
    snprintf(err, errsz, "catalog '%s' has format %lld; this tifa reads %d", path,
             (long long)json_integer_value(v), FORMAT);
    json_decref(j);
    return TIFA_FORMAT;
  }
  v = json_object_get(j, "shards");
  n = json_is_integer(v) ? (int)json_integer_value(v) : 0;
  uuid = json_string_value(json_object_get(j, "uuid"));
  if (n < 1 || n > 900000 || uuid == NULL || strlen(uuid) != 32
      || strcmp(json_string_value(json_object_get(j, "hash")) ? json_string_value(json_object_get(j, "hash")) : "", "fnv1a64") != 0) {
    snprintf(err, errsz, "catalog '%s': bad shards, uuid or hash", path);
    json_decref(j);
    return TIFA_FORMAT;
  }
  if ((*out = newcorpus(dir, n)) == NULL) {
    json_decref(j);
    snprintf(err, errsz, "not enough memory");
    return TIFA_NOMEM;
  }
  memcpy((*out)->uuid, uuid, 33);
  if ((n = readkey(*out, j, path, err, errsz)) != TIFA_OK) {
    tifa_shards_close(*out);
    *out = NULL;
  }
  json_decref(j);
  return n;
}

static int randomhex (char *hex) {
  unsigned char b[16];
  int fd = open("/dev/urandom", O_RDONLY), k;
  ssize_t got = fd >= 0 ? read(fd, b, sizeof(b)) : -1;
  if (fd >= 0) close(fd);
  if (got != (ssize_t)sizeof(b)) {          /* no /dev/urandom: time and pid */
    uint64_t h = tifa_fnv1a64(&got, sizeof(got)) ^ (uint64_t)time(NULL) ^ ((uint64_t)getpid() << 32);
    for (k = 0; k < 16; k++) { b[k] = (unsigned char)(h >> (8 * (k % 8))); h *= 31; }
  }
  for (k = 0; k < 16; k++) snprintf(hex + 2 * k, 3, "%02x", b[k]);
  return 0;
}

/* Create the stores and the catalog; a racing creator's catalog wins. */
static int create (const char *dir, const char *path, int n, const char *key, char *err,
                   size_t errsz) {
  char tmp[4200], hex[33], stamp[32];
  json_t *j, *stores;
  time_t now = time(NULL);
  struct tm tm;
  int k, fd;
  if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
    snprintf(err, errsz, "cannot create the corpus directory '%s' (%s)", dir, strerror(errno));
    return TIFA_IO;
  }
  for (k = 1; k <= n; k++) {
    tifa_store *s;
    char f[4200];
    int rc;
    snprintf(f, sizeof(f), "%s/s%d.db", dir, k);
    if ((rc = tifa_store_open(f, TIFA_OPEN_CREATE, &s, err, errsz)) != TIFA_OK) return rc;
    tifa_store_close(s);
  }
  randomhex(hex);
  gmtime_r(&now, &tm);
  strftime(stamp, sizeof(stamp), "%Y-%m-%dT%H:%M:%SZ", &tm);
  stores = json_array();
  for (k = 1; k <= n; k++) {
    char f[32];
    snprintf(f, sizeof(f), "s%d.db", k);
    json_array_append_new(stores, json_string(f));
  }
  j = json_pack("{s:i, s:i, s:s, s:s, s:I, s:o, s:s, s:s, s:s}", "tifa_shards", FORMAT,
                "shards", n, "key", key, "hash", "fnv1a64", "id_base",
                (json_int_t)TIFA_SHARD_ID_BASE, "stores", stores, "uuid", hex, "created", stamp,
                "tifa", TIFA_VERSION);
  if (j != NULL && strcmp(key, "path") != 0 && json_object_set_new(j, "assign", json_object()) != 0) {
    json_decref(j);
    j = NULL;
  }
  if (j == NULL) { snprintf(err, errsz, "not enough memory"); return TIFA_NOMEM; }
  snprintf(tmp, sizeof(tmp), "%s.%ld.tmp", path, (long)getpid());
  if (json_dump_file(j, tmp, JSON_INDENT(1)) != 0 || (fd = open(tmp, O_RDONLY)) < 0) {
    json_decref(j);
    snprintf(err, errsz, "cannot write the catalog '%s' (%s)", tmp, strerror(errno));
    unlink(tmp);
    return TIFA_IO;
  }
  json_decref(j);
  fsync(fd);
  close(fd);
  if (link(tmp, path) != 0 && errno != EEXIST) {
    snprintf(err, errsz, "cannot write the catalog '%s' (%s)", path, strerror(errno));
    unlink(tmp);
    return TIFA_IO;
  }
  unlink(tmp);
  return TIFA_OK;
}

int tifa_shards_open (const char *dir, int flags, int nshards, tifa_shards **out, char *err,
                      size_t errsz) {
  return tifa_shards_openkey(dir, flags, nshards, NULL, out, err, errsz);
}

int tifa_shards_openkey (const char *dir, int flags, int nshards, const char *key,
                         tifa_shards **out, char *err, size_t errsz) {
  char path[4096];
  int rc, k;
  *out = NULL;
  for (k = 0; key && keynames[k] && strcmp(keynames[k], key) != 0; k++) ;
  if (key && keynames[k] == NULL) {
    snprintf(err, errsz, "unknown shard key '%s' (path, year, month, outlet)", key);
    return TIFA_ERROR;
  }
  if (snprintf(path, sizeof(path), "%s/%s", dir, TIFA_SHARDS_CATALOG) >= (int)sizeof(path)) {
    snprintf(err, errsz, "path too long");
    return TIFA_ERROR;
  }
  if (access(path, F_OK) != 0) {
    if (!(flags & TIFA_OPEN_CREATE) || nshards < 1) {
      snprintf(err, errsz, "no corpus at '%s' (no %s)", dir, TIFA_SHARDS_CATALOG);
      return TIFA_NOTFOUND;
    }
    if ((rc = create(dir, path, nshards, key ? key : "path", err, errsz)) != TIFA_OK) return rc;
  }
  if ((rc = readcatalog(dir, path, out, err, errsz)) != TIFA_OK) return rc;
  if (nshards > 0 && nshards != (*out)->n) {
    snprintf(err, errsz, "corpus '%s' has %d shard%s; resharding is not supported", dir,
             (*out)->n, (*out)->n == 1 ? "" : "s");
    tifa_shards_close(*out);
    *out = NULL;
    return TIFA_ERROR;
  }
  if (key && k != (*out)->key) {
    snprintf(err, errsz, "corpus '%s' is sharded by %s; it cannot be extended by %s", dir,
             keynames[(*out)->key], key);
    tifa_shards_close(*out);
    *out = NULL;
    return TIFA_ERROR;
  }
  return TIFA_OK;
}

const char *tifa_shards_key (const tifa_shards *c) { return keynames[c->key]; }

int tifai_shards_lookup (const tifa_shards *c, const char *v) {
  size_t i;
  for (i = c->nassign; i-- > 0; )                   /* the latest first: files come in runs */
    if (strcmp(c->assign[i].value, v) == 0) return c->assign[i].shard;
  return 0;
}

/* Write the catalog with c's "assign": the file read, changed, written to a temporary file,
** synced and renamed over it. Under the lock. */
static int writeassign (tifa_shards *c, const char *path, char *err, size_t errsz) {
  char tmp[4200];
  json_error_t je;
  json_t *j = json_load_file(path, 0, &je), *a = json_object();
  size_t i;
  int fd, rc = TIFA_OK;
  if (j == NULL || a == NULL) {
    snprintf(err, errsz, "cannot read the catalog '%s' (%s)", path, j ? "not enough memory" : je.text);
    json_decref(j);
    json_decref(a);
    return TIFA_IO;
  }
  for (i = 0; i < c->nassign; i++) json_object_set_new(a, c->assign[i].value, json_integer(c->assign[i].shard));
  json_object_set_new(j, "assign", a);
  snprintf(tmp, sizeof(tmp), "%s.%ld.tmp", path, (long)getpid());
  if (json_dump_file(j, tmp, JSON_INDENT(1)) != 0 || (fd = open(tmp, O_RDONLY)) < 0) {
    snprintf(err, errsz, "cannot write the catalog '%s' (%s)", tmp, strerror(errno));
    rc = TIFA_IO;
  }
  else {
    fsync(fd);
    close(fd);
    if (rename(tmp, path) != 0) {
      snprintf(err, errsz, "cannot write the catalog '%s' (%s)", path, strerror(errno));
      rc = TIFA_IO;
    }
  }
  if (rc != TIFA_OK) unlink(tmp);
  json_decref(j);
  return rc;
}

int tifai_shards_assign (tifa_shards *c, const char *const *vals, size_t n, long *files,
                         char *err, size_t errsz) {
  char path[4096], lock[4096];
  json_error_t je;
  json_t *j;
  size_t i, known;
  int fd, rc = TIFA_OK;
  snprintf(path, sizeof(path), "%s/%s", c->dir, TIFA_SHARDS_CATALOG);
  snprintf(lock, sizeof(lock), "%s/%s.lock", c->dir, TIFA_SHARDS_CATALOG);
  if ((fd = open(lock, O_RDWR | O_CREAT | O_CLOEXEC, 0666)) < 0 || flock(fd, LOCK_EX) != 0) {
    snprintf(err, errsz, "cannot lock the catalog '%s' (%s)", lock, strerror(errno));
    if (fd >= 0) close(fd);
    return TIFA_IO;
  }
  if ((j = json_load_file(path, 0, &je)) == NULL) {        /* another ingest's values too */
    snprintf(err, errsz, "cannot read the catalog '%s' (%s)", path, je.text);
    rc = TIFA_FORMAT;
  }
  else {
    rc = readkey(c, j, path, err, errsz);
    json_decref(j);
  }
  for (i = 0; i < c->nassign; i++) c->assign[i].files = 0;
  c->nonefiles = 0;
  known = c->nassign;
  for (i = 0; i < n && rc == TIFA_OK; i++) {
    int s, k;
    size_t at;
    if (vals[i] == NULL) { c->nonefiles++; continue; }
    if ((s = tifai_shards_lookup(c, vals[i])) == 0) {
      for (s = 1, k = 2; k <= c->n; k++) if (files[k - 1] < files[s - 1]) s = k;
      if ((rc = addassign(c, vals[i], s)) != TIFA_OK) { snprintf(err, errsz, "not enough memory"); break; }
    }
    for (at = c->nassign; at-- > 0 && strcmp(c->assign[at].value, vals[i]) != 0; ) ;
    c->assign[at].files++;
    if (at >= known) files[s - 1]++;                /* new to the corpus: counted now */
  }
  if (rc == TIFA_OK && c->nassign > known) rc = writeassign(c, path, err, errsz);
  flock(fd, LOCK_UN);
  close(fd);
  return rc;
}

int tifa_shards_count (const tifa_shards *c) { return c->n; }
const char *tifa_shards_uuid (const tifa_shards *c) { return c->uuid; }

const char *tifa_shards_file (const tifa_shards *c, int shard) {
  return shard >= 1 && shard <= c->n ? c->files[shard - 1] : NULL;
}

int tifa_shards_route (const tifa_shards *c, const char *path) {
  return 1 + (int)(tifa_fnv1a64(path, strlen(path)) % (uint64_t)c->n);
}

int tifa_shards_store (tifa_shards *c, int shard, int flags, tifa_store **out, char *err,
                       size_t errsz) {
  if (shard < 1 || shard > c->n) {
    *out = NULL;
    snprintf(err, errsz, "no shard %d (the corpus has %d)", shard, c->n);
    return TIFA_ERROR;
  }
  flags &= ~TIFA_OPEN_CREATE;
  /* a sealed shard (tifa seal) is read immutable: no locks, no WAL, so from any file system */
  if ((flags & TIFA_OPEN_READONLY) && tifa_store_sealed(c->files[shard - 1]) == 1)
    flags |= TIFA_OPEN_IMMUTABLE;
  return tifa_store_open(c->files[shard - 1], flags, out, err, errsz);
}
