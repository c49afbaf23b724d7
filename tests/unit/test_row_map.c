/*
 * Unit tests for core/model/row_map.c: a row is found in a reloaded set
 * by message-id and case-folded recipient, wherever it moved; rows that
 * went are ROW_MAP_NONE; rows sharing both are matched in turn; a missing
 * value is not an empty one.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <cmocka.h>

#include "core/model/row.h"
#include "core/model/row_map.h"

static void
add(struct rowset *rs, const char *msgid, const char *rcpt)
{
	struct row *r = rowset_add(rs);

	row_set(r, ROW_MESSAGE_ID, msgid);
	row_set(r, ROW_RECIPIENT, rcpt);
}

static void
test_moved_and_gone(void **state)
{
	struct rowset a = ROWSET_INIT, b = ROWSET_INIT;
	size_t *map;

	(void)state;
	add(&a, "<m1@x>", "one@example.com");
	add(&a, "<m2@x>", "two@example.com");
	add(&a, "<m2@x>", "two-b@example.com");
	add(&a, "<m3@x>", "gone@example.com");
	/* The reload: new mail first, rows moved, one recipient spelt in capitals. */
	add(&b, "<m9@x>", "new@example.com");
	add(&b, "<m2@x>", "two-b@example.com");
	add(&b, "<m1@x>", "One@Example.COM");
	add(&b, "<m2@x>", "two@example.com");
	map = row_map(&a, &b);
	assert_int_equal(map[0], 2);
	assert_int_equal(map[1], 3);
	assert_int_equal(map[2], 1);
	assert_int_equal(map[3], ROW_MAP_NONE);
	free(map);
	rowset_free(&a);
	rowset_free(&b);
}

static void
test_duplicates_and_missing(void **state)
{
	struct rowset a = ROWSET_INIT, b = ROWSET_INIT;
	size_t *map;

	(void)state;
	/* A bounce naming a recipient twice; unreadable messages (no recipient). */
	add(&a, "<d@x>", "twice@example.com");
	add(&a, "<d@x>", "twice@example.com");
	add(&a, "<e@x>", NULL);
	add(&a, "<f@x>", "");
	add(&a, NULL, "nobody@example.com");
	add(&b, "<f@x>", "");
	add(&b, "<d@x>", "twice@example.com");
	add(&b, "<e@x>", NULL);
	add(&b, NULL, "nobody@example.com");
	map = row_map(&a, &b);
	/* The first of two is the first; the second has no partner left. */
	assert_int_equal(map[0], 1);
	assert_int_equal(map[1], ROW_MAP_NONE);
	assert_int_equal(map[2], 2);
	assert_int_equal(map[3], 0);
	assert_int_equal(map[4], 3);
	free(map);
	/* Empty sets. */
	rowset_free(&b);
	map = row_map(&a, &b);
	for (size_t i = 0; i < a.n; i++)
		assert_int_equal(map[i], ROW_MAP_NONE);
	free(map);
	rowset_free(&a);
	map = row_map(&a, &b);
	free(map);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_moved_and_gone),
		cmocka_unit_test(test_duplicates_and_missing),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
