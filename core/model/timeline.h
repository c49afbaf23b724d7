/*
 * timeline — one delivery's history told in time: the rows of one chain
 * (the same original message and recipient, core/model/row.h) as events
 * oldest first, with how long after the first notice each came, its
 * Will-Retry-Until, and the outcome: failed (the sender gave up), delivered,
 * still waiting (delays only), or unknown.  The bounce screen draws it;
 * timeline_summary() words it ("Gave up after 5 d 2 h ...").
 *
 * Events are ordered like rowset_chain() orders a chain (by date, then by
 * the order given, an unknown date first), so the outcome is always the
 * row the list shows as the chain's latest.
 *
 * Call sequence:
 *	n = timeline_chain(rs, i, idx, max);	(the rows of row i's chain)
 *	copy or point at those rows as one array rows[0 .. n);
 *	struct timeline tl; timeline_build(rows, n, &tl);
 *	walk tl.ev[0 .. tl.n) (ev.row indexes rows[]); timeline_summary(&tl, now, &buf);
 *	timeline_free(&tl);
 * The timeline owns its events and borrows nothing: rows may go after
 * timeline_build().
 */
#ifndef BOUNCEQ_TIMELINE_H
#define BOUNCEQ_TIMELINE_H

#include <stddef.h>
#include <time.h>

#include "core/model/row.h"
#include "core/shared/buf.h"

/* What one notice says of the delivery. */
enum timeline_step {
	TIMELINE_DELAY,		/* Action: delayed */
	TIMELINE_FAILURE,	/* Action: failed (or a failure without an action) */
	TIMELINE_SUCCESS,	/* row_is_success() */
	TIMELINE_OTHER		/* an action saying neither */
};

/* Where the delivery stands after the latest notice. */
enum timeline_outcome {
	TIMELINE_FAILED,
	TIMELINE_DELIVERED,
	TIMELINE_WAITING,	/* the latest notice is a delay */
	TIMELINE_UNKNOWN
};

struct timeline_event {
	size_t row;		/* index into the rows given to timeline_build() */
	enum timeline_step step;
	time_t when;		/* the notice's date; 0 unknown */
	long long since_first;	/* seconds after the first dated notice; -1 unknown */
	time_t retry_until;	/* its Will-Retry-Until; 0 none or unreadable */
};

struct timeline {
	struct timeline_event *ev;	/* owned; oldest first */
	size_t n;
	size_t ndelays;			/* delay events */
	enum timeline_outcome outcome;	/* from ev[n - 1]; UNKNOWN when n == 0 */
	time_t first, last;		/* the first and last dated notice; 0 none */
	time_t retry_until;		/* WAITING: the latest delay's deadline; 0 none */
};

/*
 * Indices (into rs->rows) of every row of rs->rows[i]'s chain, superseded
 * ones included, ordered as rowset_chain() orders them; at most max.
 * A row outside any chain (rowset_chain() not run) is its own chain.
 */
size_t timeline_chain(const struct rowset *rs, size_t i, size_t *idx, size_t max);

/* The events of rows[0 .. n) (any order) into *out. */
void timeline_build(const struct row *rows, size_t n, struct timeline *out);

/*
 * One sentence on the outcome and how long it took, appended to out:
 * "Gave up after 5 d 2 h: 2 delay notices, then the failure.",
 * "Still waiting after 1 delay notice; retries until 2026-12-03 12:55 UTC
 * (in 4 d 23 h).", "Failed at the first notice: no delay notice before.".
 * now words a deadline as ahead or past.
 */
void timeline_summary(const struct timeline *tl, time_t now, struct buf *out);

/* "2026-11-28 12:56 UTC" into out[21]; "unknown date" for 0. */
void timeline_time(time_t t, char out[21]);

void timeline_free(struct timeline *tl);

#endif
