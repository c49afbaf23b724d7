/*
 * date — dates as mail writes them, and spans of time as people read
 * them.  No knowledge of bounces: the timeline (core/model/timeline.h)
 * reads Will-Retry-Until with date_parse_mail() and says how long a
 * delivery took with date_duration(), the one place durations are
 * worded.
 *
 * Call sequence: any function, any time; nothing is allocated.
 */
#ifndef BOUNCEQ_DATE_H
#define BOUNCEQ_DATE_H

#include <stdbool.h>
#include <time.h>

/*
 * An RFC 5322 date-time ("Sat, 28 Nov 2026 12:56:04 +0000 (UTC)"): an
 * optional day name, day, month name, year (4 digits, or the obsolete 2
 * and 3), hh:mm[:ss], a zone (+hhmm, -hhmm, UT, GMT, Z or a US zone
 * name; none means UTC) and anything after it (a comment).  Returns true
 * and the time in *out, or false for anything else (then *out is 0).
 * Linear in the input, which may be hostile.
 */
bool date_parse_mail(const char *s, time_t *out);

/* Enough for any date_duration() result, with its NUL: two 20-digit numbers and units. */
#define DATE_DURATION_MAX 64

/*
 * A span of secs seconds in its two largest units, a zero second unit
 * left out: "5 d 2 h", "5 d", "3 h 10 min", "12 min 5 s", "40 s", "0 s".
 * Negative spans are worded by their size.
 */
void date_duration(long long secs, char out[DATE_DURATION_MAX]);

#endif
