/*
 * row — one recipient of one bounce message, flattened for listing,
 * filtering and grouping; and struct rowset, the table of all of them.
 *
 * A row's strings are copies: nothing in it points into GMime, notmuch
 * or a struct bounce.  Rows are made by row_from_bounce() (one per
 * recipient), by row_from_error() (a message that could not be read: the
 * row carries the error) and by the cache loader.
 *
 * Where the strings live: the rows of a rowset keep theirs in the
 * rowset's string pool (core/model/strpool.h; rowset_set), the columns
 * that repeat (ROW_INTERNED: reasons, statuses, domains, templates,
 * hosts...) interned once, so a hundred thousand rows cost a few
 * megabytes, not a malloc per string.  A row outside a rowset (a screen's
 * copy, a test's) owns malloc'd strings (row_set, row_copy, row_clear);
 * row.owned says which strings are malloc'd, so both kinds mix safely:
 * row_clear() and rowset_free() free exactly those.
 *
 * Messages the query found that the decoder does not call a delivery
 * failure (kind none, feedback, autoreply, mdn, or a report without
 * recipients) go to rowset.other, one row each, so they are never mixed
 * into failures.
 *
 * Chains: rows for the same (original message-id, recipient) are one
 * delivery's history (delayed -> failed).  rowset_chain() numbers the
 * chains and marks every row but the latest one "superseded"; groups count
 * only the latest, the list can show the history.  core/model/rowchain.h
 * keeps them chained while rows are still being appended.
 *
 * Call sequence:
 *	struct rowset rs = ROWSET_INIT;
 *	row_from_bounce(&rs, b, msgid, file, date);  (or rowset_add + rowset_set)
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
	X(WILL_RETRY_UNTIL, "will_retry_until") \
	X(TAGS,          "tags")

enum row_str {
#define ROW_STR_ENUM(n, s) ROW_##n,
	ROW_STR_LIST(ROW_STR_ENUM)
#undef ROW_STR_ENUM
	ROW_STR_COUNT
};

struct row {
	const char *s[ROW_STR_COUNT];	/* NULL when unknown; see owned */
	time_t date;		/* the bounce's date (notmuch's), 0 unknown */
	enum bounce_kind kind;
	bool hard;		/* meaningful only when s[ROW_REASON] != NULL */
	bool superseded;	/* a later row of the same chain exists */
	size_t chain;		/* chain number, set by rowset_chain() */
	size_t chain_len;	/* rows in this row's chain */
	bool escalated;		/* its address fails softly and often: escalate_mark() */
	unsigned owned;		/* bit c: s[c] is malloc'd (row_set), else a pool's */
};

struct strpool;

struct rowset {
	struct row *rows;	/* recipients (and unreadable messages) */
	size_t n, cap;
	struct row *other;	/* non-failure messages, one row each */
	size_t nother, capother;
	size_t nchains;
	struct strpool *pool;	/* the rows' strings (made on first use); owned */
};

#define ROWSET_INIT { NULL, 0, 0, NULL, 0, 0, 0, NULL }

/* Whether column c is interned in a rowset's pool (repeats across rows). */
bool row_str_interned(enum row_str c);

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

/*
 * Sets s[c] to a malloc'd copy of v (NULL allowed), freeing the old value
 * if it was malloc'd: for rows outside a rowset (rows of a rowset may use
 * it too; rowset_free frees such strings).
 */
void row_set(struct row *r, enum row_str c, const char *v);

/* Sets s[c] of r, a row of rs, to v's copy in rs's pool (NULL allowed). */
void rowset_set(struct rowset *rs, struct row *r, enum row_str c, const char *v);

/* The rowset's pool, made on first use (owned by rs). */
struct strpool *rowset_pool(struct rowset *rs);

/* Deep copy of src into dst, malloc'd strings (dst is overwritten, not freed). */
void row_copy(struct row *dst, const struct row *src);

/* Appends a copy of src to rs (rs->other when other), its strings in rs's pool. */
struct row *rowset_copy_row(struct rowset *rs, const struct row *src, bool other);

/* Frees r's malloc'd strings and zeroes it. */
void row_clear(struct row *r);

/*
 * True when r's action reports a success (the table in row.c): a
 * delivery, relay or expansion notice, or a probe's "deliverable".  Such
 * a row is no failure: groups leave it out (and count it apart), lists
 * show it only when the filter asks for it (core/model/filter.h).
 */
bool row_is_success(const struct row *r);
/* The i-th of those actions ("delivered", ...), NULL past the last. */
const char *row_success_action(size_t i);

/*
 * Numbers chains and sets superseded/chain_len on rs->rows: oldest first,
 * the latest row of a chain is the one not superseded.  Defined in
 * rowchain.c, as one batch of the incremental chaining (rowchain.h) that
 * a load streaming rows uses, so both give the same rows.
 */
void rowset_chain(struct rowset *rs);

/* Moves every row (and the pool) of src to the end of dst; src is left empty. */
void rowset_append(struct rowset *dst, struct rowset *src);

void rowset_free(struct rowset *rs);

/* "YYYY-MM-DD" (UTC) of t into out[11]; "unknown" for 0. */
void row_day(time_t t, char out[11]);

/* RFC 3339 UTC ("2026-11-28T12:00:00Z") into out[21]; "" for 0. */
void row_time(time_t t, char out[21]);

#endif
