/*
 * clock — milliseconds of the monotonic clock, for deadlines (a child's
 * run, a scan of the spawn directory) that must not jump with the date.
 */
#ifndef BOUNCEQ_CLOCK_H
#define BOUNCEQ_CLOCK_H

/* CLOCK_MONOTONIC in milliseconds. */
long long clock_ms(void);

#endif
