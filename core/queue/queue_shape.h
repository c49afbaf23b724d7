/*
 * queue_shape — a qshape-style view of a struct queue: recipients counted
 * per row (recipient domain, sender domain or cause) and per age bucket,
 * plus a summary of the causes (how many recipients, how many domains,
 * hard or not, one example delay reason).
 *
 * Buckets are qshape's: ages in minutes below 5, 10, 20, 40, 80, 160,
 * 320, 640, 1280, and 1280 or more; the age is now - arrival (0 when the
 * arrival is unknown), with now given by the caller so results are
 * reproducible.  Rows are sorted by total (descending), then key; past
 * top rows the rest is summed into one row marked others.  Only messages
 * of the named queue count ("deferred", ..., or "all").
 *
 * Call sequence:
 *	queue_shape_build(q, "deferred", QUEUE_BY_DOMAIN, 20, now, &s);
 *	walk s->rows, s->total, s->causes;  queue_shape_free(s);
 * The shape owns its keys, rows and causes, and copies what it keeps from
 * q (q may be freed first); reasons are static taxonomy names.
 */
#ifndef BOUNCEQ_QUEUE_SHAPE_H
#define BOUNCEQ_QUEUE_SHAPE_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "core/queue/queue.h"
#include "core/shared/status.h"

/* Upper bounds (minutes, exclusive) of the age buckets; one more is open. */
#define QUEUE_SHAPE_NBOUNDS 9
#define QUEUE_SHAPE_NCOLS (QUEUE_SHAPE_NBOUNDS + 1)
extern const long queue_shape_bounds[QUEUE_SHAPE_NBOUNDS];

/* Shown for the rows of messages with the null sender (qshape's name). */
#define QUEUE_SHAPE_NULL_SENDER "MAILER-DAEMON"

#define QUEUE_BY_LIST(X) \
	X(DOMAIN, "domain") \
	X(SENDER, "sender") \
	X(REASON, "reason")

enum queue_shape_by {
#define QUEUE_BY_ENUM(n, s) QUEUE_BY_##n,
	QUEUE_BY_LIST(QUEUE_BY_ENUM)
#undef QUEUE_BY_ENUM
	QUEUE_BY_COUNT
};

struct queue_shape_reason {
	const char *reason;	/* static */
	size_t count;
};

struct queue_shape_row {
	char *key;		/* domain (lower case, "" for none), sender domain, or reason */
	bool others;		/* the rows past top, summed */
	size_t total;
	size_t counts[QUEUE_SHAPE_NCOLS];
	struct queue_shape_reason *reasons;	/* count descending, then name */
	size_t nreasons;
};

struct queue_cause {
	const char *reason;	/* static */
	bool hard;		/* any of its recipients is hard */
	size_t count;		/* recipients */
	size_t domains;		/* distinct recipient domains */
	char *example;		/* the first delay reason seen, or NULL */
};

struct queue_shape {
	enum queue_shape_by by;
	size_t messages;	/* messages of the chosen queue */
	size_t recipients;
	struct queue_shape_row *rows;
	size_t nrows;
	struct queue_shape_row total;	/* key "TOTAL" */
	struct queue_cause *causes;	/* count descending, then reason */
	size_t ncauses;
};

const char *queue_shape_by_name(enum queue_shape_by by);
/* "domain", "sender", "reason"; STATUS_INVALID otherwise. */
enum status queue_shape_by_parse(const char *s, enum queue_shape_by *out);

/*
 * The queue a shape shows by default: "deferred" for Postfix, "queued"
 * (everything not frozen) for Exim, whose listing has no deferred queue.
 */
const char *queue_shape_default(const struct queue *q);

/* True when msg is in the queue called name ("all" matches every queue). */
bool queue_shape_match(const struct queue_msg *m, const char *name);

/* The bucket (0 .. QUEUE_SHAPE_NCOLS - 1) of an age in minutes. */
size_t queue_shape_bucket(long long minutes);

/*
 * Builds the shape of the messages of q in queue name (NULL: the default).
 * top 0 keeps every row.  Returns STATUS_OK and a new shape in *out.
 */
enum status queue_shape_build(const struct queue *q, const char *name,
    enum queue_shape_by by, size_t top, time_t now, struct queue_shape **out);

void queue_shape_free(struct queue_shape *s);

#endif
