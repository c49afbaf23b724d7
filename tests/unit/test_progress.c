/*
 * Unit tests for core/shared/progress.c: counts with thousands separators,
 * the rate over the recent window (not since the start), the time left,
 * the shorter forms, and nothing promised before the rate is known or
 * while nothing moves.  The clock is the test's: no sleeping.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <cmocka.h>

#include "core/shared/buf.h"
#include "core/shared/progress.h"

static char *
text(const struct progress *p, size_t done, size_t total, enum progress_form f, bool utf8)
{
	struct buf b = BUF_INIT;

	progress_text(&b, p, done, total, f, utf8);
	return buf_steal(&b);
}

static void
expect(const struct progress *p, size_t done, size_t total, enum progress_form f, bool utf8,
    const char *want)
{
	char *got = text(p, done, total, f, utf8);

	assert_string_equal(got, want);
	free(got);
}

static void
test_count(void **state)
{
	static const struct { size_t n; const char *s; } cases[] = {
		{ 0, "0" }, { 999, "999" }, { 1000, "1,000" }, { 94173, "94,173" },
		{ 1234567, "1,234,567" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct buf b = BUF_INIT;

		progress_count(&b, cases[i].n);
		assert_string_equal(b.data, cases[i].s);
		buf_free(&b);
	}
}

static void
test_rate_and_left(void **state)
{
	struct progress p;
	double r;

	(void)state;
	progress_start(&p, 0, 1000);
	/* No rate before half a second was measured. */
	progress_note(&p, 1000, 1300);
	assert_false(progress_rate(&p, &r));
	expect(&p, 1000, 94173, PROGRESS_FULL, true, "decoding 1,000 of 94,173");
	/* 2,900 a second from then on. */
	for (long long t = 1500; t <= 6000; t += 250)
		progress_note(&p, (size_t)(1000 + (t - 1300) * 29 / 10), t);
	assert_true(progress_rate(&p, &r));
	assert_true(r > 2899.0 && r < 2901.0);
	/* 14,630 done, 79,543 left at 2,900/s: 27.4 s, said as 28. */
	expect(&p, 14630, 94173, PROGRESS_FULL, true,
	    "decoding 14,630 of 94,173 \302\267 2,900/s \302\267 28 s left");
	expect(&p, 14630, 94173, PROGRESS_FULL, false,
	    "decoding 14,630 of 94,173 - 2,900/s - 28 s left");
	expect(&p, 14630, 94173, PROGRESS_LEFT, false, "14,630 of 94,173 - 28 s left");
	expect(&p, 14630, 94173, PROGRESS_COUNT, false, "14,630 of 94,173");
	expect(&p, 14630, 94173, PROGRESS_PERCENT, false, "15%");
	/* Minutes and hours. */
	expect(&p, 0, 2900 * 200, PROGRESS_LEFT, false, "0 of 580,000 - 4 min left");
	expect(&p, 0, 2900 * 3600 * 2, PROGRESS_LEFT, false, "0 of 20,880,000 - 2 h 0 min left");
}

static void
test_window_forgets(void **state)
{
	struct progress p;
	double r;

	(void)state;
	/* Fast at first (the cache), then ten a second: the window follows. */
	progress_start(&p, 0, 0);
	progress_note(&p, 50000, 1000);
	for (long long t = 1250; t <= 20000; t += 250)
		progress_note(&p, (size_t)(50000 + (t - 1000) / 100), t);
	assert_true(progress_rate(&p, &r));
	assert_true(r > 9.5 && r < 10.5);
	/* A stall: no rate of progress, no time left promised. */
	for (long long t = 20250; t <= 30000; t += 250)
		progress_note(&p, 50190, t);
	assert_true(progress_rate(&p, &r));
	assert_true(r == 0.0);
	expect(&p, 50190, 60000, PROGRESS_FULL, false, "decoding 50,190 of 60,000 - 0/s");
}

static void
test_notes_too_soon(void **state)
{
	struct progress p;
	double r;

	(void)state;
	/* Notes every millisecond still measure over real time, not over notes. */
	progress_start(&p, 0, 0);
	for (long long t = 1; t <= 2000; t++)
		progress_note(&p, (size_t)t * 3, t);
	assert_true(p.n <= PROGRESS_SAMPLES);
	assert_true(progress_rate(&p, &r));
	assert_true(r > 2999.0 && r < 3001.0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_count),
		cmocka_unit_test(test_rate_and_left),
		cmocka_unit_test(test_window_forgets),
		cmocka_unit_test(test_notes_too_soon),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
