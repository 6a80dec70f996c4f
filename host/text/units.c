/*
** units.c -- the units segmentation never splits (see units.h).
** STUB: to be written.
*/
#include "units.h"

size_t tifai_unit (const char *s, size_t len, int *kind) {
  (void)s; (void)len;
  *kind = TIFAI_UNIT_NONE;
  return 0;
}
