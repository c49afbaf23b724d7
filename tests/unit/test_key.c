/* Unit tests for key names (core/keys/key.c) and the action table (core/keys/action.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/keys/action.h"
#include "core/keys/key.h"

static int
parse(const char *s)
{
	int k = 12345;

	if (key_parse(s, &k) != STATUS_OK) {
		assert_int_equal(k, KEYC_NONE);
		return KEYC_NONE;
	}
	return k;
}

static void
test_parse_chars(void **state)
{
	(void)state;
	assert_int_equal(parse("j"), 'j');
	assert_int_equal(parse("G"), 'G');
	assert_int_equal(parse(";"), ';');
	assert_int_equal(parse("|"), '|');
	assert_int_equal(parse("<"), '<');
	assert_int_equal(parse(">"), '>');
	assert_int_equal(parse("\xc3\xa9"), 0xe9);		/* é */
	assert_int_equal(parse("\xe2\x82\xac"), 0x20ac);	/* € */
	/* Not one key: empty, two characters, controls, bad UTF-8. */
	assert_int_equal(parse(""), KEYC_NONE);
	assert_int_equal(parse("jj"), KEYC_NONE);
	assert_int_equal(parse("\x1b"), KEYC_NONE);
	assert_int_equal(parse("\x7f"), KEYC_NONE);
	assert_int_equal(parse("\xff"), KEYC_NONE);
	assert_int_equal(parse("\xc3"), KEYC_NONE);
	assert_int_equal(parse("\xe2\x80\xae"), KEYC_NONE);	/* bidi override */
}

static void
test_parse_names(void **state)
{
	(void)state;
	assert_int_equal(parse("<Enter>"), KEYC_ENTER);
	assert_int_equal(parse("<enter>"), KEYC_ENTER);
	assert_int_equal(parse("<Return>"), KEYC_ENTER);
	assert_int_equal(parse("<C-m>"), KEYC_ENTER);
	assert_int_equal(parse("<C-j>"), KEYC_ENTER);
	assert_int_equal(parse("<Tab>"), KEYC_TAB);
	assert_int_equal(parse("<C-i>"), KEYC_TAB);
	assert_int_equal(parse("<Esc>"), KEYC_ESCAPE);
	assert_int_equal(parse("<C-[>"), KEYC_ESCAPE);
	assert_int_equal(parse("<Up>"), KEYC_UP);
	assert_int_equal(parse("<PageDown>"), KEYC_PAGEDOWN);
	assert_int_equal(parse("<PgDn>"), KEYC_PAGEDOWN);
	assert_int_equal(parse("<F1>"), KEYC_F1);
	assert_int_equal(parse("<F12>"), KEYC_F12);
	assert_int_equal(parse("<C-d>"), 4);
	assert_int_equal(parse("<C-D>"), 4);
	assert_int_equal(parse("<C-a>"), 1);
	assert_int_equal(parse("<C-@>"), 0);
	assert_int_equal(parse("<C-_>"), 0x1f);
	assert_int_equal(parse("<Space>"), ' ');
	assert_int_equal(parse("<lt>"), '<');
	assert_int_equal(parse("<Hash>"), '#');
	assert_int_equal(parse("<Backspace>"), KEYC_BACKSPACE);
	assert_int_equal(parse("<C-h>"), KEYC_BACKSPACE);
	/* Unknown names and malformed brackets. */
	assert_int_equal(parse("<Foo>"), KEYC_NONE);
	assert_int_equal(parse("<F13>"), KEYC_NONE);
	assert_int_equal(parse("<C-1>"), KEYC_NONE);
	assert_int_equal(parse("<C-dd>"), KEYC_NONE);
	assert_int_equal(parse("<>"), KEYC_NONE);
	assert_int_equal(parse("<Enter"), KEYC_NONE);
	/* Named keys never collide with characters. */
	assert_true(KEYC_ENTER > 0x10ffff);
	assert_false(key_is_text(KEYC_ENTER));
}

static void
test_names_round_trip(void **state)
{
	char name[KEY_NAME_MAX];
	int keys[] = { 'j', ';', ' ', '<', '#', 0xe9, 4, 0, 0x1f, KEYC_ENTER, KEYC_UP,
	    KEYC_PAGEDOWN, KEYC_F5, KEYC_BACKTAB, KEYC_ESCAPE };

	(void)state;
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		key_str(keys[i], name, sizeof(name));
		assert_int_equal(parse(name), keys[i]);
	}
	key_str(4, name, sizeof(name));
	assert_string_equal(name, "<C-d>");
	key_str(KEYC_PAGEDOWN, name, sizeof(name));
	assert_string_equal(name, "<PageDown>");
	key_str(' ', name, sizeof(name));
	assert_string_equal(name, "<Space>");
	/* Unprintable codes get a visible name, never the raw character. */
	key_str(0x202e, name, sizeof(name));
	assert_string_equal(name, "<U+202E>");
	key_str(0x7f, name, sizeof(name));
	assert_string_equal(name, "<U+007F>");
	/* Truncation keeps the string terminated. */
	key_str(KEYC_PAGEDOWN, name, 4);
	assert_string_equal(name, "<Pa");
}

static void
test_actions(void **state)
{
	enum action a;
	enum context c;

	(void)state;
	for (int i = 0; i < ACTION_COUNT; i++) {
		assert_int_equal(action_parse(action_name((enum action)i), &a), STATUS_OK);
		assert_int_equal(a, i);
		assert_true(strlen(action_help((enum action)i)) > 0);
		for (int j = 0; j < i; j++)
			assert_string_not_equal(action_name((enum action)i),
			    action_name((enum action)j));
	}
	for (int i = 0; i < CONTEXT_COUNT; i++) {
		assert_int_equal(context_parse(context_name((enum context)i), &c), STATUS_OK);
		assert_int_equal(c, i);
	}
	assert_int_equal(action_parse("move-sideways", &a), STATUS_NOT_FOUND);
	assert_int_equal(context_parse("index", &c), STATUS_NOT_FOUND);
	assert_string_equal(action_name(ACTION_COUNT), "");
	assert_string_equal(context_name(CONTEXT_COUNT), "");
}

static void
test_sequences(void **state)
{
	struct key_seq k;
	char name[KEY_SEQ_NAME_MAX];
	static const char *const round[] = { "gg", "g<Home>", "<C-w>j", "<lt><lt>", "<Space>",
	    "\xc3\xa9\xc3\xa9", "<F12><F12><F12>", "<Hash>g", "G" };

	(void)state;
	assert_int_equal(key_seq_parse("gg", &k), STATUS_OK);
	assert_int_equal(k.n, 2);
	assert_int_equal(k.key[0], 'g');
	assert_int_equal(k.key[1], 'g');
	assert_int_equal(key_seq_parse("<C-w>j<Enter>", &k), STATUS_OK);
	assert_int_equal(k.n, 3);
	assert_int_equal(k.key[0], 0x17);
	assert_int_equal(k.key[2], KEYC_ENTER);
	/* A '<' with no '>' after it is the character itself. */
	assert_int_equal(key_seq_parse("g<", &k), STATUS_OK);
	assert_int_equal(k.n, 2);
	assert_int_equal(k.key[1], '<');
	assert_int_equal(key_seq_parse("<", &k), STATUS_OK);
	assert_int_equal(k.key[0], '<');
	/* Too many keys, bad names, bad bytes, empty. */
	assert_int_equal(key_seq_parse("gggg", &k), STATUS_TOO_LARGE);
	assert_int_equal(k.n, 0);
	assert_int_equal(key_seq_parse("<Up><Up><Up><Up>", &k), STATUS_TOO_LARGE);
	assert_int_equal(key_seq_parse("g<Foo>", &k), STATUS_SYNTAX);
	assert_int_equal(k.n, 0);
	assert_int_equal(key_seq_parse("<>", &k), STATUS_SYNTAX);
	assert_int_equal(key_seq_parse("g<>g", &k), STATUS_SYNTAX);
	assert_int_equal(key_seq_parse("\xff\xfe", &k), STATUS_SYNTAX);
	assert_int_equal(key_seq_parse("g\x1b", &k), STATUS_SYNTAX);
	assert_int_equal(key_seq_parse("", &k), STATUS_SYNTAX);
	assert_int_equal(key_seq_parse(NULL, &k), STATUS_SYNTAX);
	assert_int_equal(key_seq_parse("<C-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx>",
	    &k), STATUS_SYNTAX);
	/* Canonical names round-trip. */
	for (size_t i = 0; i < sizeof(round) / sizeof(round[0]); i++) {
		assert_int_equal(key_seq_parse(round[i], &k), STATUS_OK);
		key_seq_str(&k, name, sizeof(name));
		assert_string_equal(name, round[i]);
	}
	assert_int_equal(key_seq_parse("<return>g", &k), STATUS_OK);
	key_seq_str(&k, name, sizeof(name));
	assert_string_equal(name, "<Enter>g");
	/* A short buffer is cut, NUL-terminated. */
	assert_int_equal(key_seq_parse("<PageDown><PageDown>", &k), STATUS_OK);
	key_seq_str(&k, name, 5);
	assert_string_equal(name, "<Pag");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_chars),
		cmocka_unit_test(test_parse_names),
		cmocka_unit_test(test_names_round_trip),
		cmocka_unit_test(test_actions),
		cmocka_unit_test(test_sequences),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
