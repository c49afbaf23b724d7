/*
 * Unit tests for the cursor and window model (core/model/cursor.c): the
 * edges first (no rows, one row, a window of 0 or 1 rows, counts near
 * SIZE_MAX, deltas of LONG_MIN), then paging, resizing, rows that come
 * and go, views of text (scroll only), and skipping unselectable rows.
 * Most tests are scripts: one step, then where cursor and window must be.
 */
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/model/cursor.h"

/* The invariants cursor.h promises after every call. */
static void
check(const struct cursor *c)
{
	size_t h = c->height ? c->height : 1;

	if (c->count == 0) {
		assert_int_equal(c->cur, 0);
		assert_int_equal(c->top, 0);
		return;
	}
	assert_true(c->top == 0 || c->top + h <= c->count);
	if (c->scroll) {
		assert_int_equal(c->cur, c->top);
		return;
	}
	assert_true(c->cur < c->count);
	assert_true(c->top <= c->cur && c->cur - c->top < h);
}

static struct cursor
make(size_t count, size_t height, bool scroll)
{
	struct cursor c;

	cursor_init(&c, scroll);
	cursor_set_height(&c, height);
	cursor_set_count(&c, count);
	check(&c);
	return c;
}

enum op { MOVE, SCROLL, PAGE_DOWN, PAGE_UP, HALF_DOWN, HALF_UP, FIRST, LAST, SET, HEIGHT, COUNT };

struct step {
	enum op op;
	long arg;		/* MOVE, SCROLL: delta; SET, HEIGHT, COUNT: the value */
	size_t cur, top;	/* where they must be after the step */
};

static void
apply(struct cursor *c, enum op op, long arg)
{
	switch (op) {
	case MOVE: cursor_move(c, arg); break;
	case SCROLL: cursor_scroll(c, arg); break;
	case PAGE_DOWN: cursor_page_down(c); break;
	case PAGE_UP: cursor_page_up(c); break;
	case HALF_DOWN: cursor_half_down(c); break;
	case HALF_UP: cursor_half_up(c); break;
	case FIRST: cursor_first(c); break;
	case LAST: cursor_last(c); break;
	case SET: cursor_set(c, (size_t)arg); break;
	case HEIGHT: cursor_set_height(c, (size_t)arg); break;
	case COUNT: cursor_set_count(c, (size_t)arg); break;
	}
}

#define RUN(c, steps) run(&(c), steps, sizeof(steps) / sizeof(steps[0]))

static void
run(struct cursor *c, const struct step *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		apply(c, s[i].op, s[i].arg);
		if (c->cur != s[i].cur || c->top != s[i].top)
			fail_msg("step %zu: cur %zu top %zu, want cur %zu top %zu", i + 1,
			    c->cur, c->top, s[i].cur, s[i].top);
		check(c);
	}
}

/* Every move on an empty screen keeps cursor and window at 0. */
static void
test_empty(void **state)
{
	static const struct step steps[] = {
		{ PAGE_DOWN, 0, 0, 0 }, { PAGE_UP, 0, 0, 0 }, { HALF_DOWN, 0, 0, 0 },
		{ HALF_UP, 0, 0, 0 }, { FIRST, 0, 0, 0 }, { LAST, 0, 0, 0 },
		{ MOVE, 5, 0, 0 }, { MOVE, LONG_MIN, 0, 0 }, { SCROLL, LONG_MAX, 0, 0 },
		{ SET, 99, 0, 0 }, { HEIGHT, 0, 0, 0 }, { COUNT, 0, 0, 0 },
	};
	struct cursor c;

	(void)state;
	c = make(0, 10, false);
	RUN(c, steps);
	c = make(0, 10, true);
	RUN(c, steps);
}

static void
test_one_row(void **state)
{
	static const struct step steps[] = {
		{ PAGE_DOWN, 0, 0, 0 }, { MOVE, 1, 0, 0 }, { LAST, 0, 0, 0 },
		{ HALF_UP, 0, 0, 0 }, { HEIGHT, 0, 0, 0 }, { SCROLL, 3, 0, 0 },
	};
	struct cursor c = make(1, 10, false);

	(void)state;
	RUN(c, steps);
}

/* Before the first draw the height is 0: it counts as one row, and so does half of one. */
static void
test_height_0_and_1(void **state)
{
	static const struct step lines[] = {
		{ MOVE, 3, 3, 3 }, { PAGE_DOWN, 0, 4, 4 }, { HEIGHT, 1, 4, 4 },
		{ HALF_UP, 0, 3, 3 }, { PAGE_UP, 0, 2, 2 },
	};
	static const struct step text[] = {
		{ HALF_DOWN, 0, 1, 1 }, { LAST, 0, 4, 4 }, { HEIGHT, 0, 4, 4 },
	};
	struct cursor c = make(5, 0, false);

	(void)state;
	RUN(c, lines);
	c = make(5, 1, true);
	RUN(c, text);
}

static void
test_huge(void **state)
{
	struct cursor c = make(SIZE_MAX, 40, false);

	(void)state;
	cursor_last(&c);
	assert_true(c.cur == SIZE_MAX - 1);
	assert_true(c.top == SIZE_MAX - 40);
	cursor_move(&c, LONG_MAX);
	cursor_page_down(&c);
	cursor_scroll(&c, LONG_MAX);
	assert_true(c.cur == SIZE_MAX - 1);
	check(&c);
	cursor_move(&c, LONG_MIN);
	check(&c);
	cursor_first(&c);
	cursor_move(&c, LONG_MIN);
	cursor_scroll(&c, LONG_MIN);
	assert_true(c.cur == 0 && c.top == 0);
	cursor_set(&c, SIZE_MAX);
	assert_true(c.cur == SIZE_MAX - 1);
	check(&c);
	/* A window far taller than the rows: nothing scrolls. */
	c = make(10, SIZE_MAX, false);
	cursor_page_down(&c);
	assert_true(c.cur == 9 && c.top == 0);
	cursor_half_up(&c);
	assert_true(c.cur == 0 && c.top == 0);
	check(&c);
}

/* A line at a time: the window follows only when the cursor would leave it. */
static void
test_lines(void **state)
{
	static const struct step steps[] = {
		{ MOVE, 9, 9, 0 }, { MOVE, 1, 10, 1 }, { MOVE, -5, 5, 1 },
		{ MOVE, -5, 0, 0 }, { MOVE, -1, 0, 0 }, { SET, 50, 50, 41 },
		{ SET, 45, 45, 41 }, { SET, 40, 40, 40 },
	};
	struct cursor c = make(100, 10, false);

	(void)state;
	RUN(c, steps);
}

/* Pages move window and cursor together; at either end the window stops first. */
static void
test_pages(void **state)
{
	static const struct step steps[] = {
		{ MOVE, 3, 3, 0 },
		{ PAGE_DOWN, 0, 13, 10 },
		{ HALF_DOWN, 0, 18, 15 },
		{ HALF_UP, 0, 13, 10 },
		{ PAGE_UP, 0, 3, 0 },
		{ PAGE_UP, 0, 0, 0 },	/* at the top the cursor goes on to the first row */
		{ SET, 85, 85, 76 },
		{ PAGE_DOWN, 0, 95, 86 },
		{ PAGE_DOWN, 0, 99, 90 },	/* the window stops full, the cursor goes on */
		{ PAGE_UP, 0, 89, 80 },
		{ FIRST, 0, 0, 0 },
		{ LAST, 0, 99, 90 },
		{ SCROLL, -25, 74, 65 },
	};
	static const struct step few[] = {
		{ PAGE_DOWN, 0, 3, 0 }, { PAGE_UP, 0, 0, 0 }, { LAST, 0, 3, 0 },
	};
	static const struct step odd[] = {
		{ HALF_DOWN, 0, 10, 10 }, { PAGE_DOWN, 0, 31, 31 },
	};
	struct cursor c = make(100, 10, false);

	(void)state;
	RUN(c, steps);
	c = make(4, 10, false);
	RUN(c, few);
	c = make(100, 21, false);	/* half of 21 rows is 10 */
	RUN(c, odd);
}

static void
test_resize(void **state)
{
	static const struct step steps[] = {
		{ SET, 50, 50, 41 },
		{ HEIGHT, 3, 50, 48 },
		{ HEIGHT, 0, 50, 50 },
		{ LAST, 0, 99, 99 },
		{ HEIGHT, 30, 99, 70 },	/* growing keeps the window full at the end */
		{ HEIGHT, 500, 99, 0 },
		{ FIRST, 0, 0, 0 },
		{ HEIGHT, 5, 0, 0 },
	};
	struct cursor c = make(100, 10, false);

	(void)state;
	RUN(c, steps);
}

static void
test_count_changes(void **state)
{
	static const struct step steps[] = {
		{ SET, 60, 60, 51 },
		{ COUNT, 200, 60, 51 },	/* rows arriving change nothing on screen */
		{ COUNT, 30, 29, 20 },	/* shrinking below the cursor: last row, window full */
		{ COUNT, 5, 4, 0 },
		{ COUNT, 0, 0, 0 },
		{ COUNT, 7, 0, 0 },
	};
	struct cursor c = make(100, 10, false);

	(void)state;
	RUN(c, steps);
}

/* Text: no cursor; the window moves and never runs past the end. */
static void
test_scroll(void **state)
{
	static const struct step steps[] = {
		{ MOVE, 1, 1, 1 },
		{ PAGE_DOWN, 0, 21, 21 },
		{ PAGE_DOWN, 0, 30, 30 },
		{ MOVE, 1, 30, 30 },
		{ HALF_UP, 0, 20, 20 },
		{ SET, 45, 30, 30 },
		{ FIRST, 0, 0, 0 },
		{ LAST, 0, 30, 30 },
		{ HEIGHT, 40, 10, 10 },	/* a taller window brings the end into view */
		{ COUNT, 12, 0, 0 },
		{ COUNT, 5, 0, 0 },
		{ PAGE_DOWN, 0, 0, 0 },	/* shorter than the window: nothing to scroll */
		{ MOVE, 3, 0, 0 },
	};
	struct cursor c = make(50, 20, true);

	(void)state;
	RUN(c, steps);
}

static bool
even(const void *arg, size_t i)
{
	(void)arg;
	return i % 2 == 0;
}

static bool
only(const void *arg, size_t i)
{
	return i == *(const size_t *)arg;
}

static bool
none(const void *arg, size_t i)
{
	(void)arg;
	(void)i;
	return false;
}

static void
test_skip(void **state)
{
	struct cursor c = make(10, 4, false);
	size_t nine = 9, zero = 0;

	(void)state;
	cursor_set(&c, 3);
	cursor_skip(&c, true, even, NULL);
	assert_int_equal(c.cur, 4);
	cursor_set(&c, 3);
	cursor_skip(&c, false, even, NULL);
	assert_int_equal(c.cur, 2);
	/* Nothing ahead: the other way. */
	cursor_set(&c, 9);
	cursor_skip(&c, true, even, NULL);
	assert_int_equal(c.cur, 8);
	cursor_set(&c, 5);
	cursor_skip(&c, false, only, &nine);
	assert_true(c.cur == 9 && c.top == 6);
	cursor_skip(&c, true, only, &zero);
	assert_true(c.cur == 0 && c.top == 0);
	/* Nowhere to go: it stays. */
	cursor_set(&c, 5);
	cursor_skip(&c, true, none, NULL);
	assert_int_equal(c.cur, 5);
	check(&c);
	c = make(0, 4, false);
	cursor_skip(&c, true, none, NULL);
	check(&c);
	/* Text has no cursor to skip with. */
	c = make(10, 4, true);
	cursor_skip(&c, true, only, &nine);
	assert_true(c.cur == 0 && c.top == 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_one_row),
		cmocka_unit_test(test_height_0_and_1),
		cmocka_unit_test(test_huge),
		cmocka_unit_test(test_lines),
		cmocka_unit_test(test_pages),
		cmocka_unit_test(test_resize),
		cmocka_unit_test(test_count_changes),
		cmocka_unit_test(test_scroll),
		cmocka_unit_test(test_skip),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
