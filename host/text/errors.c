/*
** errors.c -- tifa_errstr and tifa_free, shared by every part of the C core.
*/
#include <stdlib.h>
#include "tifa.h"

const char *tifa_errstr (int rc) {
  switch (rc) {
    case TIFA_OK: return "not an error";
    case TIFA_ERROR: return "error";
    case TIFA_NOMEM: return "out of memory";
    case TIFA_IO: return "input/output error";
    case TIFA_ENCODING: return "text in an unsupported encoding";
    case TIFA_BINARY: return "binary file";
    case TIFA_DB: return "database error";
    case TIFA_BUSY: return "database is locked";
    case TIFA_READONLY: return "attempt to write a read-only database";
    case TIFA_NOTFOUND: return "not found";
    case TIFA_SYNTAX: return "malformed query";
    case TIFA_TOOBIG: return "input too large";
    case TIFA_FORMAT: return "malformed input";
    case TIFA_INTERRUPTED: return "interrupted";
    default: return "unknown error";
  }
}

void tifa_free (void *p) {
  free(p);
}
