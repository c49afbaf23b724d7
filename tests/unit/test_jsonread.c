/*
 * Unit tests for the JSON reading policy (core/shared/jsonread.c) on
 * hostile text: NUL in strings and names, duplicate names, deep nesting,
 * huge numbers, invalid UTF-8 and escapes, what may follow the object,
 * text that is not NUL-terminated, and the string copies' caps.  Each
 * refusal is a status, in time linear in the text.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <cmocka.h>

#include "core/shared/buf.h"
#include "core/shared/jsonread.h"

static enum status
load(const char *text, bool prefix)
{
	json_t *o = (json_t *)1;
	enum status st = jsonread_object(text, strlen(text), prefix, &o);

	if (st == STATUS_OK)
		assert_true(json_is_object(o));
	else
		assert_null(o);
	json_decref(o);
	return st;
}

/* The string member "s" of text, copied with cap max. */
static char *
member_copy(const char *text, size_t max)
{
	json_t *o;
	char *s;

	assert_int_equal(jsonread_object(text, strlen(text), false, &o), STATUS_OK);
	s = jsonread_strdup(json_object_get(o, "s"), max);
	json_decref(o);
	return s;
}

/* What jsonread_object() says of whole texts. */
static const struct {
	const char *text;
	bool prefix;
	enum status want;
} verdicts[] = {
	/* Objects only, RFC 8259 strict. */
	{ "{\"a\": [1, {\"b\": null}], \"c\": true}", false, STATUS_OK },
	{ " \r\n\t{}\n", false, STATUS_OK },
	{ "[1, 2]", false, STATUS_SYNTAX },
	{ "\"s\"", false, STATUS_SYNTAX },
	{ "42", false, STATUS_SYNTAX },
	{ "", false, STATUS_SYNTAX },
	{ "{\"a\": 1", false, STATUS_SYNTAX },
	{ "{'a': 1}", false, STATUS_SYNTAX },
	{ "{\"a\": 1,}", false, STATUS_SYNTAX },
	/* What follows: white space only, unless the object is a prefix. */
	{ "{\"a\": 1} trailing", false, STATUS_SYNTAX },
	{ "{\"a\": 1}\n\n--\nfooter \xff\n", true, STATUS_OK },
	{ "{\"a\": 1}{", true, STATUS_OK },
	{ "prose {\"a\": 1}", true, STATUS_SYNTAX },
	/* Duplicate names, also nested. */
	{ "{\"a\": 1, \"a\": 1}", false, STATUS_SYNTAX },
	{ "{\"x\": [{\"a\": 1, \"b\": 2, \"a\": 3}]}", false, STATUS_SYNTAX },
	/* Names differ by case or escape spelling: "\u0061" is "a". */
	{ "{\"a\": 1, \"A\": 2}", false, STATUS_OK },
	{ "{\"a\": 1, \"\\u0061\": 2}", false, STATUS_SYNTAX },
	/* Numbers past long long or double; no JSON5. */
	{ "{\"n\": -9223372036854775808}", false, STATUS_OK },
	{ "{\"n\": 9223372036854775808}", false, STATUS_SYNTAX },
	{ "{\"n\": 99999999999999999999999999999}", false, STATUS_SYNTAX },
	{ "{\"n\": 1e308}", false, STATUS_OK },
	{ "{\"n\": 1e999}", false, STATUS_SYNTAX },
	{ "{\"n\": -1e999}", false, STATUS_SYNTAX },
	{ "{\"n\": 1e-999}", false, STATUS_OK },	/* underflow is 0 */
	{ "{\"n\": 017}", false, STATUS_SYNTAX },
	{ "{\"n\": NaN}", false, STATUS_SYNTAX },
	{ "{\"n\": .5}", false, STATUS_SYNTAX },
	/* Invalid UTF-8: a stray byte, an overlong, an encoded surrogate. */
	{ "{\"s\": \"caf\xe9\"}", false, STATUS_SYNTAX },
	{ "{\"s\": \"\xc0\xaf\"}", false, STATUS_SYNTAX },
	{ "{\"s\": \"\xed\xa0\x80\"}", false, STATUS_SYNTAX },
	{ "{\"s\xff\": 1}", false, STATUS_SYNTAX },
	/* Escapes: lone surrogates, bad or short ones. */
	{ "{\"s\": \"\\ud800\"}", false, STATUS_SYNTAX },
	{ "{\"s\": \"\\udc00x\"}", false, STATUS_SYNTAX },
	{ "{\"s\": \"\\q\"}", false, STATUS_SYNTAX },
	{ "{\"s\": \"\\u12g4\"}", false, STATUS_SYNTAX },
	{ "{\"s\": \"\\u12", false, STATUS_SYNTAX },
	/* Raw control characters in a string. */
	{ "{\"s\": \"a\tb\"}", false, STATUS_SYNTAX },
	{ "{\"s\": \"a\nb\"}", false, STATUS_SYNTAX },
	{ "{\"s\": \"a\x1b[31m\"}", false, STATUS_SYNTAX },
	/* A NUL in a member name. */
	{ "{\"s\\u0000x\": 1}", false, STATUS_SYNTAX },
};

static void
test_verdicts(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(verdicts) / sizeof(verdicts[0]); i++)
		if (load(verdicts[i].text, verdicts[i].prefix) != verdicts[i].want)
			fail_msg("verdict %zu (%s): %s", i, verdicts[i].text,
			    status_str(load(verdicts[i].text, verdicts[i].prefix)));
}

/* "\u0000" is read and shown as U+FFFD; a NUL byte is not; len is the end. */
static void
test_nul(void **state)
{
	static const char raw[] = "{\"s\": \"a\0b\"}";
	json_t *o;
	char *s;

	(void)state;
	s = member_copy("{\"s\": \"a\\u0000b\\u0000\"}", 100);
	assert_string_equal(s, "a\xef\xbf\xbd" "b\xef\xbf\xbd");
	free(s);
	assert_int_equal(jsonread_object(raw, sizeof(raw) - 1, false, &o), STATUS_SYNTAX);
	/* The length given is the end, NUL-terminated or not. */
	assert_int_equal(jsonread_object("{\"a\": 1}{{{", 8, false, &o), STATUS_OK);
	json_decref(o);
	assert_int_equal(jsonread_object("{\"a\": 1}", 7, false, &o), STATUS_SYNTAX);
}

/* {"a": [[...]]} with d brackets, closed. */
static void
nested(struct buf *b, int d)
{
	buf_reset(b);
	buf_adds(b, "{\"a\": ");
	for (int i = 0; i < d; i++)
		buf_addc(b, '[');
	for (int i = 0; i < d; i++)
		buf_addc(b, ']');
	buf_addc(b, '}');
}

/* Nesting past jansson's 2048 is refused at once, closed or not. */
static void
test_depth(void **state)
{
	struct buf b = BUF_INIT;
	json_t *o;
	clock_t t0 = clock();

	(void)state;
	nested(&b, 2000);
	assert_int_equal(jsonread_object(b.data, b.len, false, &o), STATUS_OK);
	json_decref(o);
	nested(&b, 3000);
	assert_int_equal(jsonread_object(b.data, b.len, false, &o), STATUS_SYNTAX);
	buf_reset(&b);
	buf_adds(&b, "{\"a\": ");
	for (int i = 0; i < 1000000; i++)
		buf_adds(&b, "[{\"a\":");
	assert_int_equal(jsonread_object(b.data, b.len, false, &o), STATUS_SYNTAX);
	buf_free(&b);
	assert_true((double)(clock() - t0) / CLOCKS_PER_SEC < 2.0);
}

/* Values read back: the largest integer, every escape, raw UTF-8. */
static void
test_values(void **state)
{
	const char *t;
	json_t *o;
	char *s;

	(void)state;
	t = "{\"n\": 9223372036854775807}";
	assert_int_equal(jsonread_object(t, strlen(t), false, &o), STATUS_OK);
	assert_int_equal(json_integer_value(json_object_get(o, "n")), 9223372036854775807LL);
	json_decref(o);
	s = member_copy("{\"s\": \"\\u00e9\\ud83d\\ude00 \\\"q\\\" \\\\ \\/ \\b\\f\\n\\r\\t\"}", 100);
	assert_string_equal(s, "\xc3\xa9\xf0\x9f\x98\x80 \"q\" \\ / \b\f\n\r\t");
	free(s);
	s = member_copy("{\"s\": \"caf\xc3\xa9\"}", 100);
	assert_string_equal(s, "caf\xc3\xa9");
	free(s);
}

/* Copies: NULL for no string, cut at max bytes on a character boundary. */
static void
test_strdup(void **state)
{
	static const struct {
		const char *text;
		size_t max;
		const char *want;
	} cuts[] = {
		{ "{\"s\": \"\"}", 10, "" },
		{ "{\"s\": \"abcdef\"}", 4, "abcd" },
		{ "{\"s\": \"\xe2\x82\xac\xe2\x82\xac\xe2\x82\xac\"}", 7, "\xe2\x82\xac\xe2\x82\xac" },
		{ "{\"s\": \"\xe2\x82\xac\xe2\x82\xac\xe2\x82\xac\"}", 6, "\xe2\x82\xac\xe2\x82\xac" },
		{ "{\"s\": \"\xe2\x82\xac\"}", 2, "" },
		/* The replacement for NUL counts, and is never cut in half. */
		{ "{\"s\": \"ab\\u0000cd\"}", 4, "ab" },
		{ "{\"s\": \"ab\\u0000cd\"}", 5, "ab\xef\xbf\xbd" },
		{ "{\"s\": \"ab\\u0000cd\"}", 100, "ab\xef\xbf\xbd" "cd" },
	};
	const char *t;
	json_t *o;
	char *s;

	(void)state;
	t = "{\"n\": 1, \"a\": [\"x\"]}";
	assert_int_equal(jsonread_object(t, strlen(t), false, &o), STATUS_OK);
	assert_null(jsonread_strdup(json_object_get(o, "n"), 10));
	assert_null(jsonread_strdup(json_object_get(o, "a"), 10));
	assert_null(jsonread_strdup(json_object_get(o, "missing"), 10));
	json_decref(o);
	for (size_t i = 0; i < sizeof(cuts) / sizeof(cuts[0]); i++) {
		s = member_copy(cuts[i].text, cuts[i].max);
		assert_string_equal(s, cuts[i].want);
		free(s);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_verdicts),
		cmocka_unit_test(test_nul),
		cmocka_unit_test(test_depth),
		cmocka_unit_test(test_values),
		cmocka_unit_test(test_strdup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
