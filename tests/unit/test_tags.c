/*
 * Unit tests for a row's notmuch tags (core/model/tags.c), the handled
 * rows being hidden (core/model/hide.c), the filter's tag: test and the
 * tags in the list JSON contract.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/model/filter.h"
#include "core/model/hide.h"
#include "core/model/list.h"
#include "core/model/row.h"
#include "core/model/row_json.h"
#include "core/model/tags.h"

static void
test_parse_ops(void **state)
{
	struct tag_ops ops = TAG_OPS_INIT;
	char err[256];
	/* Writable words, as main()'s argv is. */
	char w1[] = "+bounceq-handled", w2[] = "-unread", w3[] = "+x", w4[] = "+x";
	char w5[] = "+a", w6[] = "-a", w7[] = "handled", w8[] = "+two words";
	char w9[] = "+a\x1b[2J", w10[] = "+";
	char *ok[] = { w1, w2, w3, w4 }, *both[] = { w5, w6 }, *nosign[] = { w7 };
	char *blank[] = { w8 }, *ctl[] = { w9 }, *empty[] = { w10 };
	char long_tag[TAG_MAX_LEN + 3];

	(void)state;
	assert_int_equal(tag_ops_parse(&ops, 4, ok, err, sizeof(err)), STATUS_OK);
	assert_int_equal(ops.nadd, 2);
	assert_string_equal(ops.add[0], "bounceq-handled");
	assert_int_equal(ops.ndel, 1);
	assert_string_equal(ops.del[0], "unread");
	tag_ops_free(&ops);
	assert_int_equal(tag_ops_parse(&ops, 2, both, err, sizeof(err)), STATUS_SYNTAX);
	assert_string_equal(err, "tag 'a' both added and removed");
	tag_ops_free(&ops);
	assert_int_equal(tag_ops_parse(&ops, 1, nosign, err, sizeof(err)), STATUS_SYNTAX);
	tag_ops_free(&ops);
	assert_int_equal(tag_ops_parse(&ops, 1, blank, err, sizeof(err)), STATUS_SYNTAX);
	tag_ops_free(&ops);
	assert_int_equal(tag_ops_parse(&ops, 1, ctl, err, sizeof(err)), STATUS_SYNTAX);
	tag_ops_free(&ops);
	assert_int_equal(tag_ops_parse(&ops, 1, empty, err, sizeof(err)), STATUS_SYNTAX);
	tag_ops_free(&ops);
	assert_int_equal(tag_ops_parse(&ops, 0, NULL, err, sizeof(err)), STATUS_SYNTAX);
	memset(long_tag, 'a', sizeof(long_tag) - 1);
	long_tag[sizeof(long_tag) - 1] = '\0';
	assert_false(tag_name_ok(long_tag));
	long_tag[TAG_MAX_LEN] = '\0';
	assert_true(tag_name_ok(long_tag));
}

static void
test_join_apply(void **state)
{
	const char *v[] = { "unread", "inbox", "", "unread", "attachment" };
	struct tag_ops ops = TAG_OPS_INIT;
	char *after, *added, *removed, *s;

	(void)state;
	s = tags_join(v, 5);
	assert_string_equal(s, "attachment inbox unread");
	assert_true(tags_has(s, "inbox"));
	assert_false(tags_has(s, "inbo"));
	assert_false(tags_has(s, "box"));
	assert_false(tags_has(NULL, "inbox"));
	assert_null(tags_join(v + 2, 1));
	tag_ops_add(&ops, "bounceq-handled", true);
	tag_ops_add(&ops, "inbox", true);
	tag_ops_add(&ops, "unread", false);
	tag_ops_add(&ops, "spam", false);
	tags_apply(s, &ops, &after, &added, &removed);
	/* Only what really changes: inbox was there, spam was not. */
	assert_string_equal(after, "attachment bounceq-handled inbox");
	assert_string_equal(added, "bounceq-handled");
	assert_string_equal(removed, "unread");
	free(after);
	free(added);
	free(removed);
	tags_apply(NULL, &ops, &after, &added, &removed);
	assert_string_equal(after, "bounceq-handled inbox");
	assert_null(removed);
	free(after);
	free(added);
	tag_ops_free(&ops);
	free(s);
}

static void
test_hide(void **state)
{
	struct row r;
	struct hide_opts h = { NULL, false }, mine = { "done", false };

	(void)state;
	memset(&r, 0, sizeof(r));
	assert_true(rowset_visible(&r, &h));
	row_set(&r, ROW_TAGS, "bounceq-handled inbox");
	assert_false(rowset_visible(&r, &h));
	assert_true(rowset_visible(&r, NULL));
	assert_true(rowset_visible(&r, &mine));
	h.all = true;
	assert_true(rowset_visible(&r, &h));
	assert_true(row_handled(&r, &h));
	row_set(&r, ROW_TAGS, "bounceq-handled-not done");
	assert_false(rowset_visible(&r, &mine));
	assert_false(row_handled(&r, NULL));
	row_clear(&r);
}

static void
test_filter_tag(void **state)
{
	struct row r;
	struct filter *f;
	struct filter_error e;
	static const struct { const char *expr; bool match; } cases[] = {
		{ "tag:inbox", true },
		{ "tag:INBOX", true },
		{ "tag:inb", false },
		{ "tag:bounceq-*", true },
		{ "tag:*handled", true },
		{ "-tag:bounceq-handled", false },
		{ "tag:spam or tag:inbox", true },
		{ "tag:\"bounceq-handled\" and tag:unread", false },
	};

	(void)state;
	memset(&r, 0, sizeof(r));
	row_set(&r, ROW_TAGS, "bounceq-handled inbox");
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		assert_int_equal(filter_compile(cases[i].expr, 0, &f, &e), STATUS_OK);
		if (filter_match(f, &r) != cases[i].match)
			fail_msg("%s", cases[i].expr);
		filter_free(f);
	}
	row_set(&r, ROW_TAGS, NULL);
	assert_int_equal(filter_compile("tag:*", 0, &f, &e), STATUS_OK);
	assert_false(filter_match(f, &r));
	filter_free(f);
	assert_int_equal(filter_compile("tag:", 0, &f, &e), STATUS_SYNTAX);
	row_clear(&r);
}

static void
test_list_and_json(void **state)
{
	struct rowset rs = ROWSET_INIT;
	struct hide_opts h = { NULL, false };
	struct buf b = BUF_INIT;
	struct list *l;

	(void)state;
	row_set(rowset_add(&rs), ROW_RECIPIENT, "a@x");
	row_set(rowset_add(&rs), ROW_RECIPIENT, "b@x");
	row_set(&rs.rows[1], ROW_TAGS, "bounceq-handled new");
	l = list_new(&rs);
	assert_int_equal(list_count(l), 2);
	list_set_hide(l, &h);
	assert_int_equal(list_count(l), 1);
	assert_int_equal(list_hidden(l), 1);
	assert_string_equal(list_row(l, 0)->s[ROW_RECIPIENT], "a@x");
	h.all = true;
	list_refresh(l);
	assert_int_equal(list_count(l), 2);
	assert_int_equal(list_hidden(l), 0);
	list_free(l);
	row_json(&b, &rs.rows[1]);
	assert_non_null(strstr(b.data, "\"tags\": [\"bounceq-handled\", \"new\"]"));
	buf_reset(&b);
	row_json(&b, &rs.rows[0]);
	assert_non_null(strstr(b.data, "\"tags\": []"));
	buf_free(&b);
	rowset_free(&rs);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_ops),
		cmocka_unit_test(test_join_apply),
		cmocka_unit_test(test_hide),
		cmocka_unit_test(test_filter_tag),
		cmocka_unit_test(test_list_and_json),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
