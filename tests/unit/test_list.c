/*
 * Unit tests for the list model (core/model/list.c): visibility (chains,
 * history, filter), sort orders, cursor and window arithmetic, paging,
 * search, chain history, and growing the rowset while the cursor stays.
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

#include "core/model/list.h"
#include "tests/unit/rows.h"

static void
fill(struct rowset *rs)
{
	add_row(rs, "carol@c.example", "5.2.2", "mailboxfull", false, "failed",
	    "552 mailbox full", "m1@s", T0 + 3 * DAY);
	add_row(rs, "alice@a.example", "4.4.1", "expired", false, "delayed",
	    "451 timed out", "m2@s", T0);
	add_row(rs, "alice@a.example", "5.1.1", "userunknown", true, "failed",
	    "550 user unknown", "m2@s", T0 + DAY);
	add_row(rs, "bob@b.example", "5.7.1", "blocked", false, "failed",
	    "554 blocked by policy", "m3@s", T0 + 2 * DAY);
	rowset_chain(rs);
}

static void
test_visible_and_sort(void **state)
{
	struct rowset rs = ROWSET_INIT;
	struct list *l;

	(void)state;
	fill(&rs);
	l = list_new(&rs);
	/* The delay is superseded by the failure: hidden by default. */
	assert_int_equal(list_count(l), 3);
	assert_string_equal(list_row(l, 0)->s[ROW_RECIPIENT], "alice@a.example");
	assert_string_equal(list_row(l, 0)->s[ROW_STATUS], "5.1.1");
	assert_string_equal(list_row(l, 2)->s[ROW_RECIPIENT], "carol@c.example");
	assert_null(list_row(l, 3));
	list_set_sort(l, LIST_SORT_DATE, true);
	assert_string_equal(list_row(l, 0)->s[ROW_RECIPIENT], "carol@c.example");
	list_set_sort(l, LIST_SORT_RECIPIENT, false);
	assert_string_equal(list_row(l, 1)->s[ROW_RECIPIENT], "bob@b.example");
	list_set_sort(l, LIST_SORT_STATUS, true);
	assert_string_equal(list_row(l, 0)->s[ROW_STATUS], "5.7.1");
	list_set_history(l, true);
	assert_int_equal(list_count(l), 4);
	list_set_sort(l, LIST_SORT_DATE, false);
	assert_string_equal(list_row(l, 0)->s[ROW_ACTION], "delayed");
	assert_int_equal(list_row_index(l, 0), 1);
	list_free(l);
	rowset_free(&rs);
}

static void
test_filter(void **state)
{
	struct rowset rs = ROWSET_INIT;
	struct filter_error e;
	struct list *l;

	(void)state;
	fill(&rs);
	l = list_new(&rs);
	assert_int_equal(list_set_filter(l, "hard:no", &e), STATUS_OK);
	assert_int_equal(list_count(l), 2);
	/* A bad filter keeps the old one and says where. */
	assert_int_equal(list_set_filter(l, "status:(", &e), STATUS_SYNTAX);
	assert_int_equal(list_count(l), 2);
	assert_int_equal(e.pos, 7);
	assert_int_equal(list_set_filter(l, "", &e), STATUS_OK);
	assert_int_equal(list_count(l), 3);
	assert_int_equal(list_set_filter(l, "nomatch", &e), STATUS_OK);
	assert_int_equal(list_count(l), 0);
	/* Cursor calls on an empty list are harmless. */
	list_move(l, 5);
	list_page(l, -1);
	assert_int_equal(list_cursor(l), 0);
	assert_false(list_search(l, "x", true));
	list_free(l);
	rowset_free(&rs);
}

/* Delivery notices are listed only when the filter asks for them. */
static void
test_successes(void **state)
{
	struct rowset rs = ROWSET_INIT;
	struct filter_error e;
	struct list *l;

	(void)state;
	fill(&rs);
	add_row(&rs, "dan@d.example", "2.0.0", "delivered", false, "delivered",
	    "250 2.0.0 Ok", "m4@s", T0 + DAY);
	rowset_chain(&rs);
	l = list_new(&rs);
	assert_int_equal(list_count(l), 3);
	assert_int_equal(list_set_filter(l, "success:yes", &e), STATUS_OK);
	assert_int_equal(list_count(l), 1);
	assert_string_equal(list_row(l, 0)->s[ROW_RECIPIENT], "dan@d.example");
	assert_int_equal(list_set_filter(l, "action:*", &e), STATUS_OK);
	assert_int_equal(list_count(l), 4);
	assert_int_equal(list_set_filter(l, "-action:delayed", &e), STATUS_OK);
	assert_int_equal(list_count(l), 3);
	/* Rows filtered elsewhere (the TUI's list) say so themselves. */
	list_set_compiled_filter(l, NULL);
	list_set_successes(l, true);
	assert_int_equal(list_count(l), 4);
	list_free(l);
	rowset_free(&rs);
}

static void
test_cursor_window(void **state)
{
	struct rowset rs = ROWSET_INIT;
	struct list *l;
	char rcpt[32], orig[32];

	(void)state;
	for (int i = 0; i < 100; i++) {
		snprintf(rcpt, sizeof(rcpt), "u%02d@x.example", i);
		snprintf(orig, sizeof(orig), "m%d@s", i);
		add_row(&rs, rcpt, "5.1.1", "userunknown", true, "failed", "x", orig, T0 + i);
	}
	rowset_chain(&rs);
	l = list_new(&rs);
	list_set_height(l, 10);
	assert_int_equal(list_cursor(l), 0);
	assert_int_equal(list_top(l), 0);
	list_move(l, 9);
	assert_int_equal(list_top(l), 0);
	list_move(l, 1);
	assert_int_equal(list_cursor(l), 10);
	assert_int_equal(list_top(l), 1);
	list_page(l, 1);
	assert_int_equal(list_cursor(l), 20);
	assert_int_equal(list_top(l), 11);
	list_move(l, 1000);
	assert_int_equal(list_cursor(l), 99);
	assert_int_equal(list_top(l), 90);
	list_move(l, -1000);
	assert_int_equal(list_cursor(l), 0);
	assert_int_equal(list_top(l), 0);
	list_page(l, -3);
	assert_int_equal(list_cursor(l), 0);
	list_move_to(l, 50);
	assert_true(list_top(l) <= 50 && 50 < list_top(l) + 10);
	/* A smaller window still shows the cursor. */
	list_set_height(l, 3);
	assert_true(list_top(l) <= 50 && 50 < list_top(l) + 3);
	list_set_height(l, 0);
	assert_int_equal(list_top(l), 50);
	/* Search wraps around and moves the cursor. */
	assert_true(list_search(l, "U07@", true));
	assert_int_equal(list_cursor(l), 7);
	assert_true(list_search(l, "u99", false));
	assert_int_equal(list_cursor(l), 99);
	assert_false(list_search(l, "nobody", true));
	assert_int_equal(list_cursor(l), 99);
	list_free(l);
	rowset_free(&rs);
}

static void
test_grow_and_chain(void **state)
{
	struct rowset rs = ROWSET_INIT;
	struct list *l;
	size_t idx[8], n;

	(void)state;
	fill(&rs);
	l = list_new(&rs);
	list_move_to(l, 1);	/* bob */
	assert_string_equal(list_row(l, list_cursor(l))->s[ROW_RECIPIENT], "bob@b.example");
	/* Rows arrive (incremental loading); the cursor stays on bob. */
	add_row(&rs, "aaron@a.example", "5.1.1", "userunknown", true, "failed", "x",
	    "m9@s", T0 - DAY);
	rowset_chain(&rs);
	list_refresh(l);
	assert_int_equal(list_count(l), 4);
	assert_string_equal(list_row(l, list_cursor(l))->s[ROW_RECIPIENT], "bob@b.example");
	/* alice's history: the delay then the failure. */
	list_move_to(l, 1);
	assert_string_equal(list_row(l, 1)->s[ROW_RECIPIENT], "alice@a.example");
	n = list_chain(l, 1, idx, 8);
	assert_int_equal(n, 2);
	assert_string_equal(rs.rows[idx[0]].s[ROW_ACTION], "delayed");
	assert_string_equal(rs.rows[idx[1]].s[ROW_ACTION], "failed");
	assert_int_equal(list_chain(l, 1, idx, 1), 1);
	assert_int_equal(list_chain(l, 99, idx, 8), 0);
	list_free(l);
	rowset_free(&rs);
}

static void
test_sort_names(void **state)
{
	enum list_sort s;

	(void)state;
	for (int i = 0; i < LIST_SORT_COUNT; i++) {
		assert_int_equal(list_sort_parse(list_sort_name((enum list_sort)i), &s), STATUS_OK);
		assert_int_equal(s, i);
	}
	assert_int_equal(list_sort_parse("size", &s), STATUS_INVALID);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_visible_and_sort),
		cmocka_unit_test(test_filter),
		cmocka_unit_test(test_successes),
		cmocka_unit_test(test_cursor_window),
		cmocka_unit_test(test_grow_and_chain),
		cmocka_unit_test(test_sort_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
