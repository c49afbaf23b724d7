/*
 * Unit tests for the action module's command list (core/keys/action.c):
 * names, synopses and help of COMMAND_LIST, and that the COMMANDS section
 * of bounceq-keys(5) names exactly its commands, no more, no fewer.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "core/keys/action.h"

#define MAN "doc/bounceq-keys.5"

static void
test_commands(void **state)
{
	enum command c;

	(void)state;
	assert_int_equal(command_parse("", &c), STATUS_NOT_FOUND);
	assert_int_equal(command_parse("Quit", &c), STATUS_NOT_FOUND);
	assert_int_equal(command_parse("move-down", &c), STATUS_NOT_FOUND);
	assert_string_equal(command_name(COMMAND_COUNT), "");
	assert_string_equal(command_synopsis((enum command)-1), "");
	assert_string_equal(command_help(COMMAND_COUNT), "");
	for (int i = 0; i < COMMAND_COUNT; i++) {
		const char *name = command_name((enum command)i);

		assert_int_equal(command_parse(name, &c), STATUS_OK);
		assert_int_equal(c, i);
		assert_true(name[0] != '\0' && strcspn(name, " \t") == strlen(name));
		assert_true(command_help((enum command)i)[0] != '\0');
	}
	assert_int_equal(command_parse("pipe-addresses", &c), STATUS_OK);
	assert_string_equal(command_synopsis(c), "COMMAND");
}

/* The names after ".It Ic " in the COMMANDS section, one per item. */
static size_t
man_commands(char *man, char names[][64], size_t max)
{
	char *p = strstr(man, "\n.Sh COMMANDS\n"), *end, *line;
	size_t n = 0;

	assert_non_null(p);
	end = strstr(p + 1, "\n.Sh ");
	if (end != NULL)
		*end = '\0';
	for (line = p; (line = strstr(line, "\n.It Ic ")) != NULL; line++) {
		size_t len = strcspn(line + 8, " \n");

		assert_true(n < max && len > 0 && len < 64);
		memcpy(names[n], line + 8, len);
		names[n++][len] = '\0';
	}
	return n;
}

static void
test_man_names_every_command(void **state)
{
	static char man[65536], names[64][64];
	FILE *f = fopen(MAN, "r");
	size_t len, n;
	enum command c;
	bool seen[COMMAND_COUNT] = { false };

	(void)state;
	assert_non_null(f);
	len = fread(man, 1, sizeof(man) - 1, f);
	fclose(f);
	man[len] = '\0';
	n = man_commands(man, names, 64);
	for (size_t i = 0; i < n; i++) {
		if (command_parse(names[i], &c) != STATUS_OK)
			fail_msg(MAN " documents '%s', which COMMAND_LIST does not have", names[i]);
		if (seen[c])
			fail_msg(MAN " documents '%s' twice", names[i]);
		seen[c] = true;
	}
	for (int i = 0; i < COMMAND_COUNT; i++)
		if (!seen[i])
			fail_msg(MAN " does not document the command '%s'",
			    command_name((enum command)i));
	assert_int_equal(n, COMMAND_COUNT);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_commands),
		cmocka_unit_test(test_man_names_every_command),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
