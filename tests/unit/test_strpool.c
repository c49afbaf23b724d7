/*
 * Unit tests for the string pool (core/model/strpool.c) and the rowset
 * strings kept in it (core/model/row.c): interning returns one copy,
 * copying a new one; strings of every size stay put while the pool grows;
 * a merged pool's strings live on in the other; rows mixing pool and
 * malloc'd strings (row_set on a rowset's row) free exactly the latter.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/model/row.h"
#include "core/model/strpool.h"
#include "core/shared/buf.h"

static void
test_intern(void **state)
{
	struct strpool *p = strpool_new();
	const char *a, *b, *c;

	(void)state;
	a = strpool_intern(p, "userunknown");
	b = strpool_intern(p, "userunknown");
	c = strpool_copy(p, "userunknown");
	assert_ptr_equal(a, b);
	assert_ptr_not_equal(a, c);
	assert_string_equal(c, "userunknown");
	assert_null(strpool_intern(p, NULL));
	assert_null(strpool_copy(p, NULL));
	assert_ptr_not_equal(strpool_intern(p, "mailboxfull"), a);
	assert_string_equal(strpool_intern(p, ""), "");
	strpool_free(p);
	strpool_free(NULL);
}

static void
test_grow(void **state)
{
	struct strpool *p = strpool_new();
	const char *s[5000];
	char want[64], *big;

	(void)state;
	/* Many strings, some bigger than a block: none moves, all stay intact. */
	big = xmalloc(200000);
	memset(big, 'x', 199999);
	big[199999] = '\0';
	for (int i = 0; i < 5000; i++) {
		snprintf(want, sizeof(want), "string %d", i);
		s[i] = i % 1000 == 0 ? strpool_copy(p, big) : strpool_intern(p, want);
	}
	for (int i = 0; i < 5000; i++) {
		snprintf(want, sizeof(want), "string %d", i);
		if (i % 1000 == 0)
			assert_int_equal(strlen(s[i]), 199999);
		else {
			assert_string_equal(s[i], want);
			assert_ptr_equal(strpool_intern(p, want), s[i]);
		}
	}
	assert_true(strpool_bytes(p) >= 5 * 200000);
	free(big);
	strpool_free(p);
}

static void
test_merge(void **state)
{
	struct strpool *a = strpool_new(), *b = strpool_new();
	const char *x, *y;
	char *adopted = xstrdup("adopted bytes");

	(void)state;
	x = strpool_intern(a, "in a");
	y = strpool_intern(b, "in b");
	strpool_adopt(b, adopted);
	strpool_merge(a, b);
	/* b is empty but usable; its strings and blocks are a's now. */
	strpool_free(b);
	assert_string_equal(x, "in a");
	assert_string_equal(y, "in b");
	assert_string_equal(adopted, "adopted bytes");
	assert_ptr_equal(strpool_intern(a, "in a"), x);
	assert_string_equal(strpool_intern(a, "more"), "more");
	strpool_free(a);
}

static void
test_rowset_strings(void **state)
{
	struct rowset rs = ROWSET_INIT, other = ROWSET_INIT;
	struct row *r, copy;
	const char *reason;

	(void)state;
	r = rowset_add(&rs);
	rowset_set(&rs, r, ROW_REASON, "userunknown");
	reason = r->s[ROW_REASON];
	r = rowset_add(&rs);
	rowset_set(&rs, r, ROW_REASON, "userunknown");
	/* A repeating column is interned: one copy for both rows. */
	assert_ptr_equal(r->s[ROW_REASON], reason);
	assert_true(row_str_interned(ROW_REASON));
	assert_false(row_str_interned(ROW_MESSAGE_ID));
	/* row_set on a pool row: malloc'd, freed by rowset_free (ASan says so). */
	row_set(r, ROW_RECIPIENT, "a@example.com");
	row_set(r, ROW_RECIPIENT, "b@example.com");
	assert_int_equal(r->owned, 1u << ROW_RECIPIENT);
	rowset_set(&rs, r, ROW_RECIPIENT, "c@example.com");
	assert_int_equal(r->owned, 0);
	row_set(r, ROW_DIAGNOSTIC, "550 no such user");
	/* A deep copy owns everything it holds. */
	row_copy(&copy, r);
	assert_int_equal(copy.owned, (1u << ROW_REASON) | (1u << ROW_RECIPIENT) |
	    (1u << ROW_DIAGNOSTIC));
	row_clear(&copy);
	/* Appending moves the rows and the pool: the strings stay valid. */
	rowset_copy_row(&other, &rs.rows[0], true);
	rowset_append(&other, &rs);
	assert_int_equal(other.n, 2);
	assert_int_equal(other.nother, 1);
	assert_string_equal(other.rows[0].s[ROW_REASON], "userunknown");
	assert_string_equal(other.rows[1].s[ROW_RECIPIENT], "c@example.com");
	assert_string_equal(other.other[0].s[ROW_REASON], "userunknown");
	rowset_free(&rs);
	rowset_free(&other);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_intern),
		cmocka_unit_test(test_grow),
		cmocka_unit_test(test_merge),
		cmocka_unit_test(test_rowset_strings),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
