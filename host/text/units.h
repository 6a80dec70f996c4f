/*
** units.h -- the units word segmentation never splits, found by their shape: dates
** (2024年3月18日, 2024-03-18, 4月23日, 二〇二四年), numbers with units and hedges (126万亿元,
** 5.2%, 14亿多, 18%以上, 5%左右, 超4亿), titles in 《》, document numbers (发改环资〔2024〕379号),
** URLs, and Latin and digit words (5G, APEC, 12306).
*/
#ifndef TIFA_UNITS_H
#define TIFA_UNITS_H

#include <stddef.h>

enum {
  TIFAI_UNIT_NONE = 0,
  TIFAI_UNIT_DATE,          /* a date or a time (tag t) */
  TIFAI_UNIT_NUMBER,        /* a number, with its unit and hedge if any (tag m) */
  TIFAI_UNIT_TITLE,         /* 《...》 (tag nw) */
  TIFAI_UNIT_DOCNO,         /* a document number, 文号 (tag nd) */
  TIFAI_UNIT_URL,           /* (tag url) */
  TIFAI_UNIT_LATIN          /* Latin letters and digits (tag eng) */
};

/* The length in bytes of the unit that starts at s[0], s[0..len) being valid UTF-8; 0 if
** none starts there. Stores its kind (TIFAI_UNIT_*) in '*kind'. Pure and thread-safe. */
size_t tifai_unit (const char *s, size_t len, int *kind);

#endif
