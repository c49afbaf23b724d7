/*
 * Unit tests for chain timelines (core/model/timeline.c) and the dates
 * and durations they use (core/shared/date.c): a delay then a failure
 * days later, delays only with and without Will-Retry-Until, a single
 * failure, out-of-order dates, a delivery after a delay, the chain of a
 * row in a rowset, and RFC 5322 dates, hostile ones included.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <cmocka.h>

#include "core/model/timeline.h"
#include "core/shared/date.h"
#include "tests/unit/rows.h"

#define HOUR ((time_t)3600)

/* rows[] as one array, the way the bounce screen keeps its copies. */
static void
mk(struct rowset *rs, const char *action, const char *status, const char *reason,
    time_t date, const char *retry)
{
	struct row *r = add_row(rs, "ann@a.example", status, reason, false, action,
	    "451 4.4.1 timed out", "m1@s", date);

	row_set(r, ROW_WILL_RETRY_UNTIL, retry);
}

static char *
summary(const struct timeline *tl, time_t now)
{
	struct buf b = BUF_INIT;

	timeline_summary(tl, now, &b);
	return buf_steal(&b);
}

static void
expect_summary(const struct timeline *tl, time_t now, const char *want)
{
	char *got = summary(tl, now);

	if (strcmp(got, want) != 0)
		fail_msg("summary\n got: %s\nwant: %s", got, want);
	free(got);
}

static void
test_delay_then_failure(void **state)
{
	struct rowset rs = ROWSET_INIT;
	struct timeline tl;

	(void)state;
	mk(&rs, "delayed", "4.4.1", "networkerror", T0, "Mon, 7 Dec 2026 00:00:00 +0000");
	mk(&rs, "delayed", "4.4.1", "networkerror", T0 + DAY, NULL);
	mk(&rs, "failed", "5.4.7", "expired", T0 + 5 * DAY + 2 * HOUR + 59, NULL);
	timeline_build(rs.rows, rs.n, &tl);
	assert_int_equal(tl.n, 3);
	assert_int_equal(tl.ndelays, 2);
	assert_int_equal(tl.outcome, TIMELINE_FAILED);
	assert_int_equal(tl.ev[0].step, TIMELINE_DELAY);
	assert_int_equal(tl.ev[2].step, TIMELINE_FAILURE);
	assert_int_equal(tl.ev[1].since_first, DAY);
	assert_int_equal(tl.ev[2].since_first, 5 * DAY + 2 * HOUR + 59);
	assert_int_equal(tl.ev[0].retry_until, T0 + 35 * DAY);
	assert_int_equal(tl.retry_until, 0);
	expect_summary(&tl, T0 + 40 * DAY,
	    "Gave up after 5 d 2 h: 2 delay notices, then the failure.");
	timeline_free(&tl);
	rowset_free(&rs);
}

static void
test_delay_waiting(void **state)
{
	struct rowset rs = ROWSET_INIT;
	struct timeline tl;

	(void)state;
	/* T0 is 2026-11-02 00:00 UTC; 02:10 +0100 is 01:10 UTC the next day. */
	mk(&rs, "delayed", "4.7.1", "blocked", T0, "Tue, 3 Nov 2026 02:10:00 +0100 (CET)");
	mk(&rs, "Delayed", "4.7.1", "blocked", T0 + 3 * HOUR + 600,
	    "Tue, 3 Nov 2026 02:10:00 +0100 (CET)");
	timeline_build(rs.rows, rs.n, &tl);
	assert_int_equal(tl.outcome, TIMELINE_WAITING);
	assert_int_equal(tl.retry_until, T0 + DAY + HOUR + 600);
	expect_summary(&tl, T0 + 4 * HOUR,
	    "Still waiting: 2 delay notices over 3 h 10 min, no outcome yet; retries "
	    "until 2026-11-03 01:10 UTC (in 21 h 10 min).");
	expect_summary(&tl, T0 + 3 * DAY + HOUR + 600,
	    "Still waiting: 2 delay notices over 3 h 10 min, no outcome yet; its retries "
	    "ended 2026-11-03 01:10 UTC (2 d ago) and no later notice is here.");
	timeline_free(&tl);
	/* Without Will-Retry-Until (Exim's delay notices), say so. */
	row_set(&rs.rows[1], ROW_WILL_RETRY_UNTIL, "not a date");
	timeline_build(rs.rows + 1, 1, &tl);
	assert_int_equal(tl.ev[0].retry_until, 0);
	expect_summary(&tl, T0, "Still waiting: 1 delay notice, no outcome yet; the notice "
	    "gives no retry deadline.");
	timeline_free(&tl);
	rowset_free(&rs);
}

static void
test_single_failure(void **state)
{
	struct rowset rs = ROWSET_INIT;
	struct timeline tl;

	(void)state;
	mk(&rs, "failed", "5.1.1", "userunknown", T0, NULL);
	timeline_build(rs.rows, rs.n, &tl);
	assert_int_equal(tl.n, 1);
	assert_int_equal(tl.ndelays, 0);
	assert_int_equal(tl.outcome, TIMELINE_FAILED);
	assert_int_equal(tl.ev[0].since_first, 0);
	expect_summary(&tl, T0, "Failed at the first notice: no delay notice came before.");
	timeline_free(&tl);
	timeline_build(rs.rows, 0, &tl);
	assert_int_equal(tl.outcome, TIMELINE_UNKNOWN);
	expect_summary(&tl, T0, "No notices.");
	timeline_free(&tl);
	rowset_free(&rs);
}

/* Given newest first, with an undated notice: sorted as rowset_chain() does. */
static void
test_out_of_order(void **state)
{
	struct rowset rs = ROWSET_INIT;
	struct timeline tl;
	size_t idx[8], n;

	(void)state;
	mk(&rs, "failed", "5.4.7", "expired", T0 + 2 * DAY, NULL);
	mk(&rs, "delayed", "4.4.1", "networkerror", T0 + DAY, NULL);
	mk(&rs, "delayed", "4.4.1", "networkerror", T0 + 4 * HOUR, NULL);
	mk(&rs, "delayed", "4.4.1", "networkerror", 0, NULL);
	timeline_build(rs.rows, rs.n, &tl);
	assert_int_equal(tl.ev[0].row, 3);
	assert_int_equal(tl.ev[0].since_first, -1);
	assert_int_equal(tl.ev[1].row, 2);
	assert_int_equal(tl.ev[2].row, 1);
	assert_int_equal(tl.ev[3].row, 0);
	assert_int_equal(tl.first, T0 + 4 * HOUR);
	assert_int_equal(tl.ev[3].since_first, 2 * DAY - 4 * HOUR);
	assert_int_equal(tl.outcome, TIMELINE_FAILED);
	expect_summary(&tl, T0, "Gave up after 1 d 20 h: 3 delay notices, then the failure.");
	timeline_free(&tl);
	/* The chain as the rowset holds it, in the same order, its latest the failure. */
	add_row(&rs, "bob@b.example", "5.1.1", "userunknown", true, "failed", "550 unknown",
	    "m1@s", T0);
	rowset_chain(&rs);
	n = timeline_chain(&rs, 1, idx, 8);
	assert_int_equal(n, 4);
	assert_int_equal(idx[0], 3);
	assert_int_equal(idx[1], 2);
	assert_int_equal(idx[2], 1);
	assert_int_equal(idx[3], 0);
	assert_false(rs.rows[0].superseded);
	assert_int_equal(timeline_chain(&rs, 4, idx, 8), 1);
	assert_int_equal(idx[0], 4);
	assert_int_equal(timeline_chain(&rs, 1, idx, 2), 2);
	assert_int_equal(timeline_chain(&rs, 99, idx, 8), 0);
	rowset_free(&rs);
}

static void
test_delivered_after_delay(void **state)
{
	struct rowset rs = ROWSET_INIT;
	struct timeline tl;

	(void)state;
	mk(&rs, "delayed", "4.4.1", "networkerror", T0, NULL);
	mk(&rs, "relayed", "2.0.0", "delivered", T0 + 40, NULL);
	timeline_build(rs.rows, rs.n, &tl);
	assert_int_equal(tl.outcome, TIMELINE_DELIVERED);
	assert_int_equal(tl.ev[1].step, TIMELINE_SUCCESS);
	expect_summary(&tl, T0,
	    "Delivered after 40 s: 1 delay notice, then the delivery notice.");
	timeline_free(&tl);
	rowset_free(&rs);
}

static void
test_dates(void **state)
{
	static const struct {
		const char *in;
		long long want;		/* -1: refused */
	} cases[] = {
		{ "Sat, 28 Nov 2026 12:56:04 +0000 (UTC)", 1795870564 },
		{ "28 Nov 2026 12:56:04 +0000", 1795870564 },
		{ "Sat, 28 Nov 2026 13:56:04 +0100", 1795870564 },
		{ "Sat, 28 Nov 2026 07:56:04 EST", 1795870564 },
		{ "Sat, 28 Nov 2026 12:56 GMT", 1795870560 },
		{ "Sat, 28 Nov 2026 12:56:04", 1795870564 },
		{ "Mon,  5 May 2009 23:34:45 +0900 (JST)", 1241534085 },
		{ "Fri, 30 Jan 2015 21:28:58 -0800", 1422682138 },
		{ "28 nov 26 12:56:04 +0000", 1795870564 },
		{ "Sat, 28 November 2026 12:56:04 +0000", 1795870564 },
		{ "", -1 },
		{ "yesterday", -1 },
		{ "31 Feb 2026 12:00:00 +0000", -1 },
		{ "29 Feb 2024 12:00:00 +0000", 1709208000 },
		{ "28 Nov 2026 24:00:00 +0000", -1 },
		{ "28 Nov 2026 12:60:00 +0000", -1 },
		{ "28 Nov 2026 12:00:00 +0099", -1 },
		{ "28 Nov 2026 12:00:00 +01", -1 },
		{ "28 Foo 2026 12:00:00 +0000", -1 },
		{ "123 Nov 2026 12:00:00 +0000", -1 },
		{ "28 Nov 20261 12:00:00 +0000", -1 },
		{ "28 Nov 1969 12:00:00 +0000", -1 },
		{ "28 Nov 2026 12:00:", -1 },
		{ "28 Nov 2026", -1 },
	};
	char buf[DATE_DURATION_MAX];
	time_t t;

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		bool ok = date_parse_mail(cases[i].in, &t);

		if (ok != (cases[i].want >= 0) || (ok && (long long)t != cases[i].want))
			fail_msg("'%s': %s %lld, want %lld", cases[i].in, ok ? "read" : "refused",
			    (long long)t, cases[i].want);
	}
	assert_false(date_parse_mail(NULL, &t));
	assert_int_equal(t, 0);
	/* A long hostile value is refused, not read past. */
	{
		char *big = malloc(100001);

		memset(big, '9', 100000);
		big[100000] = '\0';
		assert_false(date_parse_mail(big, &t));
		free(big);
	}
	date_duration(5 * DAY + 2 * HOUR + 59, buf);
	assert_string_equal(buf, "5 d 2 h");
	date_duration(5 * DAY + 59, buf);
	assert_string_equal(buf, "5 d");
	date_duration(3 * HOUR + 600, buf);
	assert_string_equal(buf, "3 h 10 min");
	date_duration(12 * 60 + 5, buf);
	assert_string_equal(buf, "12 min 5 s");
	date_duration(40, buf);
	assert_string_equal(buf, "40 s");
	date_duration(0, buf);
	assert_string_equal(buf, "0 s");
	date_duration(-2 * DAY, buf);
	assert_string_equal(buf, "2 d");
	date_duration(-9223372036854775807LL - 1, buf);
	assert_true(strlen(buf) > 0 && strlen(buf) < DATE_DURATION_MAX);
	timeline_time(T0, (char *)buf);
	assert_string_equal(buf, "2026-11-02 00:00 UTC");
	timeline_time(0, (char *)buf);
	assert_string_equal(buf, "unknown date");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_delay_then_failure),
		cmocka_unit_test(test_delay_waiting),
		cmocka_unit_test(test_single_failure),
		cmocka_unit_test(test_out_of_order),
		cmocka_unit_test(test_delivered_after_delay),
		cmocka_unit_test(test_dates),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
