/* Unit tests for splitting user command lines into argv (core/shared/cmdline.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/shared/cmdline.h"

static void
expect(const char *line, const char *const *want, size_t n)
{
	char **argv;
	size_t argc;

	assert_int_equal(cmdline_split(line, &argv, &argc), STATUS_OK);
	assert_int_equal(argc, n);
	for (size_t i = 0; i < n; i++)
		assert_string_equal(argv[i], want[i]);
	assert_null(argv[n]);
	cmdline_free(argv);
}

static void
test_words(void **state)
{
	(void)state;
	expect("less -R", (const char *[]){ "less", "-R" }, 2);
	expect("  less\t-R  ", (const char *[]){ "less", "-R" }, 2);
	expect("", NULL, 0);
	expect("   ", NULL, 0);
}

static void
test_quotes(void **state)
{
	(void)state;
	expect("grep 'user unknown' -i", (const char *[]){ "grep", "user unknown", "-i" }, 3);
	expect("a \"b c\" d", (const char *[]){ "a", "b c", "d" }, 3);
	expect("a\\ b", (const char *[]){ "a b" }, 1);
	expect("'it''s'", (const char *[]){ "its" }, 1);
	expect("\"say \\\"hi\\\"\"", (const char *[]){ "say \"hi\"" }, 1);
	expect("''", (const char *[]){ "" }, 1);
	/* No expansions of any kind: the shell's metacharacters are text. */
	expect("echo $HOME `id` ; rm *", (const char *[]){ "echo", "$HOME", "`id`", ";", "rm",
	    "*" }, 6);
	expect("'a\\b'", (const char *[]){ "a\\b" }, 1);
}

static void
test_errors(void **state)
{
	char **argv = (char **)1;
	size_t argc = 7;

	(void)state;
	assert_int_equal(cmdline_split("a 'b", &argv, &argc), STATUS_SYNTAX);
	assert_null(argv);
	assert_int_equal(argc, 0);
	assert_int_equal(cmdline_split("a \"b", &argv, &argc), STATUS_SYNTAX);
	assert_int_equal(cmdline_split("a \\", &argv, &argc), STATUS_SYNTAX);
	cmdline_free(NULL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_words),
		cmocka_unit_test(test_quotes),
		cmocka_unit_test(test_errors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
