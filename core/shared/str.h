/*
 * str — small string helpers that libc lacks portably.  Pure functions;
 * returned pointers point into the arguments.
 */
#ifndef BOUNCEQ_STR_H
#define BOUNCEQ_STR_H

#include <stddef.h>

/* First case-insensitive (ASCII) occurrence of needle in hay, or NULL. */
const char *str_casestr(const char *hay, const char *needle);

/* The same, limited to hay[0..n). */
const char *str_casestrn(const char *hay, size_t n, const char *needle);

#endif
