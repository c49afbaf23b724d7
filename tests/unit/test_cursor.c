/*
 * Unit tests for the cursor and window model (core/model/cursor.c): the
 * edges first (no rows, one row, a window of 0 or 1 rows, counts near
 * SIZE_MAX, deltas of LONG_MIN), then paging, resizing, rows that come
 * and go, views of text (scroll only), and skipping unselectable rows.
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

/* Every move on an empty screen keeps cursor and window at 0. */
static void
test_empty(void **state)
{
	void (*const moves[])(struct cursor *) = { cursor_page_down, cursor_page_up,
	    cursor_half_down, cursor_half_up, cursor_first, cursor_last };
	struct cursor c;

	(void)state;
	for (int scroll = 0; scroll < 2; scroll++) {
		c = make(0, 10, scroll);
		for (size_t i = 0; i < sizeof(moves) / sizeof(moves[0]); i++) {
			moves[i](&c);
			check(&c);
		}
		cursor_move(&c, 5);
		check(&c);
		cursor_move(&c, LONG_MIN);
		check(&c);
		cursor_set(&c, 99);
		check(&c);
		cursor_set_height(&c, 0);
		check(&c);
	}
}

static void
test_one_row(void **state)
{
	struct cursor c = make(1, 10, false);

	(void)state;
	cursor_page_down(&c);
	assert_int_equal(c.cur, 0);
	cursor_move(&c, 1);
	assert_int_equal(c.cur, 0);
	cursor_last(&c);
	assert_int_equal(c.cur, 0);
	assert_int_equal(c.top, 0);
	cursor_half_up(&c);
	check(&c);
}

/* Before the first draw the height is 0: it counts as one row. */
static void
test_height_0_and_1(void **state)
{
	struct cursor c = make(5, 0, false);

	(void)state;
	cursor_move(&c, 3);
	assert_int_equal(c.cur, 3);
	assert_int_equal(c.top, 3);
	cursor_page_down(&c);
	assert_int_equal(c.cur, 4);
	assert_int_equal(c.top, 4);
	cursor_set_height(&c, 1);
	cursor_half_up(&c);		/* half of one row is still one row */
	assert_int_equal(c.cur, 3);
	assert_int_equal(c.top, 3);
	check(&c);
	c = make(5, 1, true);
	cursor_half_down(&c);
	assert_int_equal(c.top, 1);
	cursor_last(&c);
	assert_int_equal(c.top, 4);
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
	assert_int_equal(c.cur, 0);
	assert_int_equal(c.top, 0);
	cursor_set(&c, SIZE_MAX);
	assert_true(c.cur == SIZE_MAX - 1);
	check(&c);
	c = make(10, SIZE_MAX, false);
	cursor_page_down(&c);
	assert_int_equal(c.cur, 9);
	assert_int_equal(c.top, 0);
	cursor_half_up(&c);
	assert_int_equal(c.cur, 0);
	check(&c);
}

/* A line at a time: the window follows only when the cursor would leave it. */
static void
test_lines(void **state)
{
	struct cursor c = make(100, 10, false);

	(void)state;
	cursor_move(&c, 9);
	assert_int_equal(c.top, 0);
	cursor_move(&c, 1);
	assert_int_equal(c.cur, 10);
	assert_int_equal(c.top, 1);
	cursor_move(&c, -5);
	assert_int_equal(c.cur, 5);
	assert_int_equal(c.top, 1);
	cursor_move(&c, -5);
	assert_int_equal(c.cur, 0);
	assert_int_equal(c.top, 0);
	cursor_move(&c, -1);
	assert_int_equal(c.cur, 0);
}

/* Pages move window and cursor together; the ends stop the window first. */
static void
test_pages(void **state)
{
	struct cursor c = make(100, 10, false);

	(void)state;
	cursor_move(&c, 3);
	cursor_page_down(&c);
	assert_int_equal(c.cur, 13);
	assert_int_equal(c.top, 10);
	cursor_half_down(&c);
	assert_int_equal(c.cur, 18);
	assert_int_equal(c.top, 15);
	cursor_half_up(&c);
	cursor_page_up(&c);
	assert_int_equal(c.cur, 3);
	assert_int_equal(c.top, 0);
	/* At the top the window stays and the cursor goes to the first row. */
	cursor_page_up(&c);
	assert_int_equal(c.cur, 0);
	assert_int_equal(c.top, 0);
	/* Near the end the window stops full and the cursor moves on. */
	cursor_set(&c, 85);
	assert_int_equal(c.top, 76);
	cursor_page_down(&c);
	assert_int_equal(c.cur, 95);
	assert_int_equal(c.top, 86);
	cursor_page_down(&c);
	assert_int_equal(c.cur, 99);
	assert_int_equal(c.top, 90);
	cursor_first(&c);
	assert_int_equal(c.cur, 0);
	assert_int_equal(c.top, 0);
	cursor_last(&c);
	assert_int_equal(c.cur, 99);
	assert_int_equal(c.top, 90);
	/* Fewer rows than the window: nothing scrolls. */
	c = make(4, 10, false);
	cursor_page_down(&c);
	assert_int_equal(c.cur, 3);
	assert_int_equal(c.top, 0);
	/* An odd height: half of 21 rows is 10. */
	c = make(100, 21, false);
	cursor_half_down(&c);
	assert_int_equal(c.cur, 10);
	assert_int_equal(c.top, 10);
}

static void
test_resize(void **state)
{
	struct cursor c = make(100, 10, false);

	(void)state;
	cursor_set(&c, 50);
	assert_int_equal(c.top, 41);
	cursor_set_height(&c, 3);
	assert_int_equal(c.top, 48);
	cursor_set_height(&c, 0);
	assert_int_equal(c.top, 50);
	/* Growing keeps the window full at the end. */
	cursor_last(&c);
	cursor_set_height(&c, 30);
	assert_int_equal(c.cur, 99);
	assert_int_equal(c.top, 70);
	cursor_set_height(&c, 500);
	assert_int_equal(c.top, 0);
	check(&c);
}

static void
test_count_changes(void **state)
{
	struct cursor c = make(100, 10, false);

	(void)state;
	cursor_set(&c, 60);
	/* Rows arriving at the end change nothing on screen. */
	cursor_set_count(&c, 200);
	assert_int_equal(c.cur, 60);
	assert_int_equal(c.top, 51);
	/* Shrinking below the cursor: it goes to the last row, the window stays full. */
	cursor_set_count(&c, 30);
	assert_int_equal(c.cur, 29);
	assert_int_equal(c.top, 20);
	cursor_set_count(&c, 5);
	assert_int_equal(c.cur, 4);
	assert_int_equal(c.top, 0);
	cursor_set_count(&c, 0);
	check(&c);
	cursor_set_count(&c, 7);
	assert_int_equal(c.cur, 0);
	check(&c);
}

/* Text: no cursor; the window moves and never runs past the end. */
static void
test_scroll(void **state)
{
	struct cursor c = make(50, 20, true);

	(void)state;
	cursor_move(&c, 1);
	assert_int_equal(c.top, 1);
	cursor_page_down(&c);
	assert_int_equal(c.top, 21);
	cursor_page_down(&c);
	assert_int_equal(c.top, 30);
	cursor_move(&c, 1);
	assert_int_equal(c.top, 30);
	cursor_half_up(&c);
	assert_int_equal(c.top, 20);
	cursor_set(&c, 45);
	assert_int_equal(c.top, 30);
	cursor_first(&c);
	assert_int_equal(c.top, 0);
	cursor_last(&c);
	assert_int_equal(c.top, 30);
	/* A resize can bring the end into view. */
	cursor_set_height(&c, 40);
	assert_int_equal(c.top, 10);
	cursor_set_count(&c, 12);
	assert_int_equal(c.top, 0);
	check(&c);
	/* Shorter than the window: nothing to scroll. */
	c = make(5, 20, true);
	cursor_page_down(&c);
	cursor_move(&c, 3);
	assert_int_equal(c.top, 0);
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
	assert_int_equal(c.cur, 9);
	assert_int_equal(c.top, 6);
	cursor_skip(&c, true, only, &zero);
	assert_int_equal(c.cur, 0);
	assert_int_equal(c.top, 0);
	/* Nowhere to go: it stays. */
	cursor_set(&c, 5);
	cursor_skip(&c, true, none, NULL);
	assert_int_equal(c.cur, 5);
	c = make(0, 4, false);
	cursor_skip(&c, true, none, NULL);
	check(&c);
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
