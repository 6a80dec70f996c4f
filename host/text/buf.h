/*
** buf.h -- growable byte buffers for the C core (after Git's strbuf.h).
** A tifai_buf always holds a NUL-terminated string in 'p' (p[len] == 0) once it has
** grown at least once; an initialised, never-grown buffer has p == NULL and len == 0.
** Growth failures are sticky: after a failed allocation 'oom' is set, further appends are
** ignored, and the caller checks 'oom' once at the end (so call sites stay linear).
*/
#ifndef TIFA_BUF_H
#define TIFA_BUF_H

#include <stddef.h>
#include <stdint.h>

typedef struct tifai_buf {
  char *p;          /* bytes, NUL-terminated after the first growth; owned by the buffer */
  size_t len;       /* bytes in use, not counting the NUL */
  size_t cap;       /* bytes allocated */
  int oom;          /* 1 after an allocation failed: content is then incomplete */
} tifai_buf;

#define TIFAI_BUF_INIT  {NULL, 0, 0, 0}

/* Make room for at least 'extra' more bytes (plus the NUL). Returns 0, or -1 and sets oom. */
int tifai_buf_grow (tifai_buf *b, size_t extra);
/* Append bytes / a NUL-terminated string / one byte / one code point as UTF-8. */
void tifai_buf_add (tifai_buf *b, const void *s, size_t n);
void tifai_buf_adds (tifai_buf *b, const char *s);
void tifai_buf_addc (tifai_buf *b, int c);
void tifai_buf_addcp (tifai_buf *b, int32_t cp);
/* Append s[0..len) as a JSON string: quoted, with '"', '\\' and control bytes escaped
** (UTF-8 passes through as it is). */
void tifai_buf_addjson (tifai_buf *b, const char *s, size_t len);
/* Forget the content but keep the memory. */
void tifai_buf_reset (tifai_buf *b);
/* Free the memory and reinitialise. Safe on an initialised or already freed buffer. */
void tifai_buf_free (tifai_buf *b);
/* Hand the bytes to the caller (free with free()), reinitialising 'b'. Never NULL unless oom. */
char *tifai_buf_detach (tifai_buf *b, size_t *len);

#endif
