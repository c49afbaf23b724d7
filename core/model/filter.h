/*
 * filter — the row filter language, shared by `bounceq list/groups
 * --filter` and the TUI's limit prompt.
 *
 *	expr   = or
 *	or     = and { "or" and }
 *	and    = unary { ["and"] unary }		juxtaposition means and
 *	unary  = ("-" | "not") unary | "(" expr ")" | term
 *	term   = FIELD ":" VALUE | WORD
 *
 * VALUE and WORD may be double-quoted ("user unknown").  Matching ignores
 * case; * and ? are globs.  Structured fields (status, domain, reason,
 * action, code, kind, remote, reporting) must match the whole value; text
 * fields (recipient, from, subject, diag, template, mta, id, file) match
 * anywhere unless the value holds a glob.  A bare WORD matches the
 * recipient or the diagnostic.  tag:NAME matches when any one of the
 * message's notmuch tags matches NAME whole.  hard:yes|no; escalated:yes|no (escalate.h);
 * success:yes|no (the row reports a success, row_is_success()); since:/until:
 * take 7d, 12h, 2w, or YYYY-MM-DD (UTC; until: includes that day).  See bounceq(1).
 *
 * Success rows (delivered, relayed, expanded) are no failures: like
 * notmuch's excluded tags, listings show them only when the expression
 * asks for them (filter_shows_successes), and filter_keep() is the test
 * every listing and count of rows uses.
 *
 * Compiling is linear in the input, nesting is limited to
 * FILTER_MAX_DEPTH, and matching never backtracks more than
 * length(value) * length(pattern), so hostile input is harmless.
 *
 * Call sequence:
 *	struct filter_error e;
 *	if (filter_compile(expr, time(NULL), &f, &e) != STATUS_OK)
 *		report e.pos, e.msg;
 *	filter_match(f, row) for each row; filter_free(f).
 */
#ifndef BOUNCEQ_FILTER_H
#define BOUNCEQ_FILTER_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "core/model/row.h"
#include "core/shared/status.h"

#define FILTER_MAX_DEPTH 64
#define FILTER_MAX_LEN   4096

struct filter;

struct filter_error {
	size_t pos;		/* 0-based byte offset into the expression */
	char msg[256];		/* "expected ')'", "unknown field 'foo'", ... */
};

/*
 * Compiles expr; now anchors since:/until: durations.  An empty or
 * all-blank expr compiles to a filter that matches everything.  Returns
 * STATUS_OK and a new filter in *out (free with filter_free), or
 * STATUS_SYNTAX with *err filled and *out NULL.
 */
enum status filter_compile(const char *expr, time_t now, struct filter **out,
    struct filter_error *err);

/* Does r satisfy the expression (NULL: every row)?  Success rows too. */
bool filter_match(const struct filter *f, const struct row *r);

/*
 * True when f asks for success rows: a success:yes term, or an action:
 * term that a success action matches (action:delivered, action:*), not
 * negated.  NULL and "" do not.
 */
bool filter_shows_successes(const struct filter *f);

/* filter_match(), and r is no success row unless f asks for them. */
bool filter_keep(const struct filter *f, const struct row *r);

void filter_free(struct filter *f);

/* Case-insensitive glob (* and ?) over the whole of s; exposed for tests. */
bool filter_glob(const char *pat, const char *s);

#endif
