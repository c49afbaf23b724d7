/*
 * group — failures grouped by a key (reason, status, domain, remote MTA,
 * reporting MTA, sender, day, diagnostic template), optionally two levels
 * deep (reason then domain).  Only the latest row of each chain counts
 * (see core/model/row.h): a delay followed by a failure is one failure.
 * Success rows (row_is_success: delivered, relayed...) are no failures:
 * they are never grouped, only counted in grouping.successes.
 *
 * Rows without a value for the key (no reason yet, no remote MTA...) go
 * to the group whose key is NULL, shown as "unknown": nothing is invented.
 *
 * Call sequence:
 *	enum group_key keys[2]; group_keys_parse("reason,domain", keys, &nkeys);
 *	group_build(&rs, idx, nidx, keys, nkeys, &g);	(idx: rows to use)
 *	grouping_sort(g, GROUP_SORT_LAST, true);	(optional; both levels)
 *	walk g->groups[i] (and .sub); grouping_free(g).
 * The grouping owns its keys and arrays; members are indices into the
 * rowset's rows, which it does not own.
 */
#ifndef BOUNCEQ_GROUP_H
#define BOUNCEQ_GROUP_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "core/model/row.h"
#include "core/shared/status.h"

#define GROUP_KEY_LIST(X) \
	X(REASON,        "reason") \
	X(STATUS,        "status") \
	X(DOMAIN,        "domain") \
	X(REMOTE_MTA,    "remote-mta") \
	X(REPORTING_MTA, "reporting-mta") \
	X(SENDER,        "sender") \
	X(DAY,           "day") \
	X(TEMPLATE,      "template")

enum group_key {
#define GROUP_KEY_ENUM(n, s) GROUP_KEY_##n,
	GROUP_KEY_LIST(GROUP_KEY_ENUM)
#undef GROUP_KEY_ENUM
	GROUP_KEY_COUNT
};

#define GROUP_MAX_LEVELS 2

/*
 * What groups can be sorted by: enum tail, name, whether the natural
 * order is descending (most failures, newest first), help text.
 */
#define GROUP_SORT_LIST(X) \
	X(ROWS,       "count",      true,  "number of failures (the default)") \
	X(HARD,       "hard",       true,  "number of hard failures") \
	X(SOFT,       "soft",       true,  "number of soft failures") \
	X(RECIPIENTS, "recipients", true,  "number of distinct recipients") \
	X(LAST,       "last",       true,  "the last time seen") \
	X(NAME,       "name",       false, "the group's key, alphabetically")

enum group_sort {
#define GROUP_SORT_ENUM(n, s, d, h) GROUP_SORT_##n,
	GROUP_SORT_LIST(GROUP_SORT_ENUM)
#undef GROUP_SORT_ENUM
	GROUP_SORT_COUNT
};

struct group_day {
	char day[11];		/* YYYY-MM-DD, UTC */
	size_t n;
};

struct group {
	char *key;		/* NULL: rows without a value ("unknown") */
	size_t rows;
	size_t recipients;	/* distinct, case-insensitive */
	size_t hard, soft;	/* unclassified rows and non-failures (delivered...) count in neither */
	time_t first, last;	/* 0 when no row had a date */
	struct group_day *days;	/* ascending */
	size_t ndays;
	size_t *members;	/* row indices, in input order */
	size_t nmembers;
	struct group *sub;	/* the second level, or NULL */
	size_t nsub;
};

/* Groups sorted by rows (descending), then key, until grouping_sort(); "unknown" sorts last. */
struct grouping {
	struct group *groups;
	size_t n;
	size_t total;		/* rows counted (sum of groups[].rows) */
	size_t successes;	/* latest-of-chain success rows given, not grouped */
};

const char *group_key_name(enum group_key k);

/*
 * Parses "reason" or "reason,domain" (also "mta" = remote-mta, "template",
 * "from" = sender).  Returns STATUS_INVALID for unknown names or more than
 * GROUP_MAX_LEVELS keys.
 */
enum status group_keys_parse(const char *spec, enum group_key *keys, size_t *nkeys);

/* The row's value for key k (borrowed, or NULL); day needs buf[11]. */
const char *group_row_key(const struct row *r, enum group_key k, char buf[11]);

/*
 * Groups rs->rows[idx[0..nidx)] (all rows when idx is NULL), skipping
 * superseded rows and rows that carry an error, and counting success rows
 * apart (pass them in, filtered with filter_match, so they are counted).  Returns STATUS_OK and a
 * new grouping in *out, STATUS_INVALID for bad keys.
 */
enum status group_build(const struct rowset *rs, const size_t *idx, size_t nidx,
    const enum group_key *keys, size_t nkeys, struct grouping **out);

/* Static name ("count", ...); "" for out-of-range values. */
const char *group_sort_name(enum group_sort s);
/* Also "share", "rows" (count), "rcpts" (recipients), "recent", "last-seen" (last), "key" (name). */
enum status group_sort_parse(const char *name, enum group_sort *out);
/* True when s is naturally shown largest or newest first. */
bool group_sort_descending(enum group_sort s);

/*
 * Re-orders both levels by s (descending or not).  Ties go by count
 * (descending), then key, so the order never depends on the input's;
 * "unknown" stays last either way.  The sort is stable.
 */
void grouping_sort(struct grouping *g, enum group_sort s, bool descending);

void grouping_free(struct grouping *g);

#endif
