#include "core/model/timeline.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/knowledge/reason.h"
#include "core/shared/date.h"

/* Date, then the order given: the order rowset_chain() walks a chain in. */
static int
by_when(const void *a, const void *b)
{
	const struct timeline_event *x = a, *y = b;

	if (x->when != y->when)
		return x->when < y->when ? -1 : 1;
	return x->row < y->row ? -1 : x->row > y->row;
}

static int
by_date_idx(const void *a, const void *b, const struct rowset *rs)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;

	if (rs->rows[x].date != rs->rows[y].date)
		return rs->rows[x].date < rs->rows[y].date ? -1 : 1;
	return x < y ? -1 : x > y;
}

size_t
timeline_chain(const struct rowset *rs, size_t i, size_t *idx, size_t max)
{
	size_t n = 0, chain;

	if (i >= rs->n || max == 0)
		return 0;
	if (rs->rows[i].chain_len == 0) {
		idx[n++] = i;
		return n;
	}
	chain = rs->rows[i].chain;
	for (size_t r = 0; r < rs->n && n < max; r++)
		if (rs->rows[r].chain == chain)
			idx[n++] = r;
	/* Insertion sort: chains are short and the rows mostly in date order. */
	for (size_t a = 1; a < n; a++)
		for (size_t b = a; b > 0 && by_date_idx(&idx[b - 1], &idx[b], rs) > 0; b--) {
			size_t t = idx[b];

			idx[b] = idx[b - 1];
			idx[b - 1] = t;
		}
	return n;
}

static enum timeline_step
step_of(const struct row *r)
{
	const char *a = r->s[ROW_ACTION];

	if (r->s[ROW_ERROR] != NULL)
		return TIMELINE_OTHER;
	if (row_is_success(r))
		return TIMELINE_SUCCESS;
	if (a != NULL && strcasecmp(a, "delayed") == 0)
		return TIMELINE_DELAY;
	if ((a != NULL && strcasecmp(a, "failed") == 0) ||
	    (a == NULL && reason_is_failure(r->s[ROW_REASON])))
		return TIMELINE_FAILURE;
	return TIMELINE_OTHER;
}

void
timeline_build(const struct row *rows, size_t n, struct timeline *out)
{
	static const enum timeline_outcome outcome[] = {
		[TIMELINE_DELAY] = TIMELINE_WAITING,
		[TIMELINE_FAILURE] = TIMELINE_FAILED,
		[TIMELINE_SUCCESS] = TIMELINE_DELIVERED,
		[TIMELINE_OTHER] = TIMELINE_UNKNOWN,
	};

	memset(out, 0, sizeof(*out));
	out->outcome = TIMELINE_UNKNOWN;
	if (n == 0)
		return;
	out->ev = xcalloc(n, sizeof(*out->ev));
	out->n = n;
	for (size_t i = 0; i < n; i++) {
		struct timeline_event *e = &out->ev[i];

		e->row = i;
		e->step = step_of(&rows[i]);
		e->when = rows[i].date;
		if (!date_parse_mail(rows[i].s[ROW_WILL_RETRY_UNTIL], &e->retry_until))
			e->retry_until = 0;
	}
	qsort(out->ev, n, sizeof(*out->ev), by_when);
	for (size_t i = 0; i < n; i++) {
		struct timeline_event *e = &out->ev[i];

		if (e->step == TIMELINE_DELAY)
			out->ndelays++;
		if (e->when != 0 && out->first == 0)
			out->first = e->when;
		if (e->when != 0)
			out->last = e->when;
		e->since_first = e->when != 0 ? (long long)(e->when - out->first) : -1;
	}
	out->outcome = outcome[out->ev[n - 1].step];
	if (out->outcome == TIMELINE_WAITING)
		out->retry_until = out->ev[n - 1].retry_until;
}

void
timeline_time(time_t t, char out[21])
{
	struct tm tm;

	if (t == 0 || gmtime_r(&t, &tm) == NULL) {
		memcpy(out, "unknown date", 13);
		return;
	}
	if (strftime(out, 21, "%Y-%m-%d %H:%M UTC", &tm) == 0)
		memcpy(out, "unknown date", 13);
}

static const char *
plural(size_t n)
{
	return n == 1 ? "" : "s";
}

/* ": N delay notices, then WHAT." or " after N delay notices (dates unknown)." */
static void
after_delays(const struct timeline *tl, const char *verb, const char *what, struct buf *out)
{
	char d[DATE_DURATION_MAX];

	if (tl->first != 0 && tl->ev[tl->n - 1].when != 0) {
		date_duration((long long)(tl->ev[tl->n - 1].when - tl->first), d);
		buf_printf(out, "%s after %s: %zu delay notice%s, then %s.", verb, d,
		    tl->ndelays, plural(tl->ndelays), what);
	} else
		buf_printf(out, "%s after %zu delay notice%s (their dates are unknown).", verb,
		    tl->ndelays, plural(tl->ndelays));
}

static void
waiting(const struct timeline *tl, time_t now, struct buf *out)
{
	char d[DATE_DURATION_MAX], when[21];

	buf_printf(out, "Still waiting: %zu delay notice%s", tl->ndelays, plural(tl->ndelays));
	if (tl->last > tl->first) {
		date_duration((long long)(tl->last - tl->first), d);
		buf_printf(out, " over %s", d);
	}
	buf_adds(out, ", no outcome yet");
	if (tl->retry_until == 0) {
		buf_adds(out, "; the notice gives no retry deadline.");
		return;
	}
	timeline_time(tl->retry_until, when);
	date_duration((long long)(tl->retry_until - now), d);
	if (tl->retry_until > now)
		buf_printf(out, "; retries until %s (in %s).", when, d);
	else
		buf_printf(out, "; its retries ended %s (%s ago) and no later notice is here.",
		    when, d);
}

void
timeline_summary(const struct timeline *tl, time_t now, struct buf *out)
{
	if (tl->n == 0) {
		buf_adds(out, "No notices.");
		return;
	}
	switch (tl->outcome) {
	case TIMELINE_FAILED:
		if (tl->ndelays > 0)
			after_delays(tl, "Gave up", "the failure", out);
		else if (tl->n == 1)
			buf_adds(out, "Failed at the first notice: no delay notice came before.");
		else
			buf_printf(out, "Failed: %zu notices, none of them a delay.", tl->n);
		return;
	case TIMELINE_DELIVERED:
		if (tl->ndelays > 0)
			after_delays(tl, "Delivered", "the delivery notice", out);
		else
			buf_adds(out, "Delivered: no delay notice came before.");
		return;
	case TIMELINE_WAITING:
		waiting(tl, now, out);
		return;
	case TIMELINE_UNKNOWN:
		break;
	}
	buf_adds(out, "The latest notice does not say how the delivery ended.");
}

void
timeline_free(struct timeline *tl)
{
	if (tl == NULL)
		return;
	free(tl->ev);
	memset(tl, 0, sizeof(*tl));
}
