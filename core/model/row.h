/*
 * row — one recipient of one bounce message, flattened for listing,
 * filtering and grouping; and struct rowset, the table of all of them.
 *
 * A row owns copies of everything it shows: nothing in it points into
 * GMime, notmuch or a struct bounce.  Rows are made by row_from_bounce()
 * (one per recipient), by row_from_error() (a message that could not be
 * read: the row carries the error) and by the cache loader.
 *
 * Messages the query found that the decoder does not call a delivery
 * failure (kind none, feedback, autoreply, mdn, or a report without
 * recipients) go to rowset.other, one row each, so they are never mixed
 * into failures.
 *
 * Chains: rows for the same (original message-id, recipient) are one
 * delivery's history (delayed -> failed).  rowset_chain() numbers the
 * chains and marks every row but the latest one "superseded"; groups count
 * only the latest, the list can show the history.
 *
 * Call sequence:
 *	struct rowset rs = ROWSET_INIT;
 *	row_from_bounce(&rs, b, msgid, file, date);  (or rowset_add + fill)
 *	rowset_chain(&rs);
 *	use rs.rows[0 .. rs.n); rowset_free(&rs);
 * Indices into rs.rows stay valid while rows are appended; pointers do not
 * (the array grows), so long-lived references (core/list) keep indices.
 */
#ifndef BOUNCEQ_ROW_H
#define BOUNCEQ_ROW_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "core/decode/bounce.h"

/*
 * The string columns, in contract order.  ROW_STR_COUNT ends the list.
 * TAGS is the message's notmuch tags, sorted, separated by one space
 * (core/model/tags.h), set by the index from its query on every load.
 */
#define ROW_STR_LIST(X) \
	X(RECIPIENT,     "recipient") \
	X(DOMAIN,        "domain") \
	X(ACTION,        "action") \
	X(STATUS,        "status") \
	X(REPLY_CODE,    "reply_code") \
	X(REASON,        "reason") \
	X(REMOTE_MTA,    "remote_mta") \
	X(REPORTING_MTA, "reporting_mta") \
	X(DIAGNOSTIC,    "diagnostic") \
	X(TEMPLATE,      "template") \
	X(MESSAGE_ID,    "message_id") \
	X(FILE,          "file") \
	X(ORIG_MESSAGE_ID, "original_message_id") \
	X(ORIG_FROM,     "original_from") \
	X(ORIG_SUBJECT,  "original_subject") \
	X(ERROR,         "error") \
	X(TAGS,          "tags")

enum row_str {
#define ROW_STR_ENUM(n, s) ROW_##n,
	ROW_STR_LIST(ROW_STR_ENUM)
#undef ROW_STR_ENUM
	ROW_STR_COUNT
};

struct row {
	char *s[ROW_STR_COUNT];	/* owned; NULL when unknown */
	time_t date;		/* the bounce's date (notmuch's), 0 unknown */
	enum bounce_kind kind;
	bool hard;		/* meaningful only when s[ROW_REASON] != NULL */
	bool superseded;	/* a later row of the same chain exists */
	size_t chain;		/* chain number, set by rowset_chain() */
	size_t chain_len;	/* rows in this row's chain */
};

struct rowset {
	struct row *rows;	/* recipients (and unreadable messages) */
	size_t n, cap;
	struct row *other;	/* non-failure messages, one row each */
	size_t nother, capother;
	size_t nchains;
};

#define ROWSET_INIT { NULL, 0, 0, NULL, 0, 0, 0 }

/* Name of column c as used in JSON and filters ("recipient", ...). */
const char *row_str_name(enum row_str c);

/* Appends a zeroed row to rs->rows (or rs->other) and returns it. */
struct row *rowset_add(struct rowset *rs);
struct row *rowset_add_other(struct rowset *rs);

/*
 * Appends b's rows: one per recipient when b is a failure report (kind dsn
 * or text with recipients), else one row to rs->other.  msgid and file may
 * be NULL (then b's own Message-ID is used).  Computes domain and template.
 */
void row_from_bounce(struct rowset *rs, const struct bounce *b, const char *msgid,
    const char *file, time_t date);

/* Appends one row for a message that could not be read or decoded. */
void row_from_error(struct rowset *rs, const char *msgid, const char *file,
    time_t date, const char *error);

/* Sets s[c] to a copy of v (NULL allowed), freeing the old value. */
void row_set(struct row *r, enum row_str c, const char *v);

/* Deep copy of src into dst (dst is overwritten, not freed). */
void row_copy(struct row *dst, const struct row *src);

void row_clear(struct row *r);

/* Numbers chains and sets superseded/chain_len on rs->rows. */
void rowset_chain(struct rowset *rs);

/* Moves every row of src to the end of dst; src is left empty. */
void rowset_append(struct rowset *dst, struct rowset *src);

void rowset_free(struct rowset *rs);

/* "YYYY-MM-DD" (UTC) of t into out[11]; "unknown" for 0. */
void row_day(time_t t, char out[11]);

/* RFC 3339 UTC ("2026-11-28T12:00:00Z") into out[21]; "" for 0. */
void row_time(time_t t, char out[21]);

#endif
