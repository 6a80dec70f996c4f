/*
** check.h -- the C tests' one assertion (after utf8proc's tests): a failed check prints
** file:line and the expression, counts the failure and goes on; main returns the count.
*/
#ifndef TIFA_CHECK_H
#define TIFA_CHECK_H

#include <stdint.h>
#include <stdio.h>
#include <string.h>

static int check_failures = 0;

#define check(cond) \
  do { if (!(cond)) { check_failures++; \
    fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); } } while (0)

/* check that two NUL-terminated strings are equal, showing both when not */
#define checkstr(got, want) \
  do { const char *g_ = (got), *w_ = (want); \
    if (g_ == NULL || strcmp(g_, w_) != 0) { check_failures++; \
      fprintf(stderr, "%s:%d: check failed: %s\n  got:  %s\n  want: %s\n", __FILE__, __LINE__, \
              #got, g_ ? g_ : "(null)", w_); } } while (0)

/* check that two integers are equal, showing both when not */
#define checkint(got, want) \
  do { long long g_ = (long long)(got), w_ = (long long)(want); \
    if (g_ != w_) { check_failures++; \
      fprintf(stderr, "%s:%d: check failed: %s == %lld (got %lld)\n", __FILE__, __LINE__, \
              #got, w_, g_); } } while (0)

#define check_done(name) \
  (check_failures ? (fprintf(stderr, "%s: %d check(s) failed\n", name, check_failures), 1) \
                  : (printf("%s: OK\n", name), 0))

/* repeatable pseudo-random numbers for generated inputs (xorshift64) */
static uint64_t check_seed = 0x9E3779B97F4A7C15ULL;

static inline uint32_t check_rnd (void) {
  check_seed ^= check_seed << 13;
  check_seed ^= check_seed >> 7;
  check_seed ^= check_seed << 17;
  return (uint32_t)(check_seed >> 32);
}

#endif
