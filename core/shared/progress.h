/*
 * progress — how fast a long job goes and how long it has left, for a
 * status line ("12,345 of 94,173 · 2,900/s · 28 s left").
 *
 * The rate is measured over the last few seconds, not the whole run: a
 * load takes its first messages from the cache ten times faster than it
 * decodes the rest, and an average since the start would promise too
 * little time left for a minute.  Samples are the caller's clock
 * (milliseconds, monotonic: core/shared/clock.h), so tests need no sleep.
 *
 * Call sequence:
 *	struct progress p; progress_start(&p, done, clock_ms());
 *	after each piece of work: progress_note(&p, done, clock_ms());
 *	progress_text(&b, &p, done, total, PROGRESS_FULL, utf8);
 * Nothing to free; the text goes to a caller-owned buf and is plain
 * ASCII (or ASCII and U+00B7 when utf8 is set): nothing to escape.
 */
#ifndef BOUNCEQ_PROGRESS_H
#define BOUNCEQ_PROGRESS_H

#include <stdbool.h>
#include <stddef.h>

#include "core/shared/buf.h"

/* A sample at most this often; the window is PROGRESS_SAMPLES of them. */
#define PROGRESS_SAMPLE_MS 250
#define PROGRESS_SAMPLES 16
/* Less than this much time measured says nothing about the rate yet. */
#define PROGRESS_MIN_SPAN_MS 500

struct progress {
	long long t[PROGRESS_SAMPLES];
	size_t done[PROGRESS_SAMPLES];
	size_t first, n;	/* a ring: the oldest sample and how many */
};

/*
 * The text in decreasing lengths, for narrower lines:
 *	FULL	"decoding 12,345 of 94,173 · 2,900/s · 28 s left"
 *	LEFT	"12,345 of 94,173 · 28 s left"
 *	COUNT	"12,345 of 94,173"
 *	PERCENT	"13%"
 * The rate and the time left are left out until they are known.
 */
enum progress_form {
	PROGRESS_FULL,
	PROGRESS_LEFT,
	PROGRESS_COUNT,
	PROGRESS_PERCENT,
	PROGRESS_FORM_COUNT
};

void progress_start(struct progress *p, size_t done, long long now_ms);
void progress_note(struct progress *p, size_t done, long long now_ms);
/* Units per second over the window; false while not known. */
bool progress_rate(const struct progress *p, double *per_s);
/* Appends the text for done of total in form (see above). */
void progress_text(struct buf *out, const struct progress *p, size_t done, size_t total,
    enum progress_form form, bool utf8);
/* Appends n with a comma every three digits ("94,173"). */
void progress_count(struct buf *out, size_t n);

#endif
