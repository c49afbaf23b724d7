/*
 * Unit tests for JSON and terminal escaping (core/shared/json.c,
 * core/shared/escape.c) and UTF-8 encoding and cutting (core/shared/utf8.c).
 */
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "core/shared/escape.h"
#include "core/shared/json.h"
#include "core/shared/utf8.h"

static void
test_json_escaping(void **state)
{
	(void)state;
	struct buf b = BUF_INIT;
	struct json j;

	json_init(&j, &b);
	json_obj_begin(&j);
	json_key(&j, "a");
	json_str(&j, "q\"b\\\n\x1b[31m\xe2\x80\xae\xff");
	json_key(&j, "n");
	json_str(&j, NULL);
	json_key(&j, "l");
	json_arr_begin(&j);
	json_int(&j, 3);
	json_bool(&j, true);
	json_arr_end(&j);
	json_obj_end(&j);
	assert_string_equal(b.data,
	    "{\"a\": \"q\\\"b\\\\\\n\\u001b[31m\\u202e\\ufffd\", \"n\": null, \"l\": [3, true]}");
	buf_free(&b);
}

/* UTF-8 encoding, as xtext's \x{..} decoding uses it. */
static void
test_utf8_encode(void **state)
{
	char u[4];

	(void)state;
	assert_int_equal(utf8_encode('A', u), 1);
	assert_memory_equal(u, "A", 1);
	assert_int_equal(utf8_encode(0xE9, u), 2);
	assert_memory_equal(u, "\xc3\xa9", 2);
	assert_int_equal(utf8_encode(0x20AC, u), 3);
	assert_memory_equal(u, "\xe2\x82\xac", 3);
	assert_int_equal(utf8_encode(0x1F600, u), 4);
	assert_memory_equal(u, "\xf0\x9f\x98\x80", 4);
	/* NUL, a lone surrogate, past U+10FFFF: the replacement character. */
	assert_int_equal(utf8_encode(0, u), 3);
	assert_memory_equal(u, "\xef\xbf\xbd", 3);
	assert_int_equal(utf8_encode(0xDC00, u), 3);
	assert_memory_equal(u, "\xef\xbf\xbd", 3);
	assert_int_equal(utf8_encode(0x110000, u), 3);
	assert_memory_equal(u, "\xef\xbf\xbd", 3);
}

/* Cuts never split a character; short strings stay whole. */
static void
test_utf8_cut(void **state)
{
	const char *e = "a\xe2\x82\xac\xf0\x9f\x98\x80";	/* a, euro, emoji */

	(void)state;
	assert_int_equal(utf8_cut(e, 8, 8), 8);
	assert_int_equal(utf8_cut(e, 8, 100), 8);
	assert_int_equal(utf8_cut(e, 8, 7), 4);
	assert_int_equal(utf8_cut(e, 8, 5), 4);
	assert_int_equal(utf8_cut(e, 8, 4), 4);
	assert_int_equal(utf8_cut(e, 8, 3), 1);
	assert_int_equal(utf8_cut(e, 8, 1), 1);
	assert_int_equal(utf8_cut(e, 8, 0), 0);
	/* Continuation bytes with no lead byte are cut back to nothing. */
	assert_int_equal(utf8_cut("\x80\x80\x80", 3, 2), 0);
	assert_int_equal(utf8_cut("", 0, 0), 0);
}

static void
test_escape_text(void **state)
{
	(void)state;
	struct buf b = BUF_INIT;
	const char *s = "ok \x1b]0;pwned\x07 \xe2\x80\xae rtl \xc3 end\tx\n";

	escape_text(&b, s, strlen(s));
	assert_string_equal(b.data, "ok \\e]0;pwned\\x07 <U+202E> rtl \\xc3 end x ");
	buf_free(&b);
}

static void
test_escape_fit(void **state)
{
	(void)state;
	struct buf b = BUF_INIT;

	setlocale(LC_CTYPE, "C.UTF-8");
	/* two wide characters are four columns */
	assert_int_equal(escape_width("\xe6\x97\xa5\xe6\x9c\xac"), 4);
	escape_fit(&b, "\xe6\x97\xa5\xe6\x9c\xac" "abc", 5, 1);
	/* 4 columns of CJK + the ellipsis, never half a wide character */
	assert_string_equal(b.data, "\xe6\x97\xa5\xe6\x9c\xac\xe2\x80\xa6");
	buf_reset(&b);
	escape_fit(&b, "ab", 4, 1);
	assert_string_equal(b.data, "ab  ");
	buf_reset(&b);
	escape_fit(&b, "abcdef", 4, 0);
	assert_string_equal(b.data, "abc\xe2\x80\xa6");
	buf_free(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_json_escaping),
		cmocka_unit_test(test_utf8_encode),
		cmocka_unit_test(test_utf8_cut),
		cmocka_unit_test(test_escape_text),
		cmocka_unit_test(test_escape_fit),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
