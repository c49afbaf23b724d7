/*
 * Unit tests for bounceq's config file (core/config.c) and the XDG paths.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/config.h"

static void
test_parse(void **state)
{
	struct config *c;

	(void)state;
	c = config_parse("cfg", "# comment\n\nquery = from:MAILER-DAEMON and date:30d..\n"
	    "  group=reason,domain  \nfilter = -action:delayed\nbogus = 1\nno equals\n"
	    "query =\n");
	assert_string_equal(c->query, "from:MAILER-DAEMON and date:30d..");
	assert_string_equal(c->group, "reason,domain");
	assert_string_equal(c->filter, "-action:delayed");
	assert_int_equal(c->ndiag, 3);
	assert_string_equal(c->diag[0], "cfg:6: unknown key (expected query, group or filter)");
	assert_string_equal(c->diag[1], "cfg:7: expected 'key = value'");
	assert_string_equal(c->diag[2], "cfg:8: empty value");
	config_free(c);
	c = config_parse("empty", "");
	assert_null(c->query);
	assert_int_equal(c->ndiag, 0);
	config_free(c);
}

static void
test_paths(void **state)
{
	char *p;
	struct config *c;

	(void)state;
	setenv("HOME", "/home/someone", 1);
	setenv("XDG_CONFIG_HOME", "/xdg/config", 1);
	setenv("XDG_CACHE_HOME", "relative/ignored", 1);
	p = config_path();
	assert_string_equal(p, "/xdg/config/bounceq/config");
	free(p);
	p = config_cache_dir();
	assert_string_equal(p, "/home/someone/.cache/bounceq");
	free(p);
	unsetenv("XDG_CONFIG_HOME");
	p = config_path();
	assert_string_equal(p, "/home/someone/.config/bounceq/config");
	free(p);
	/* A missing file is an empty config, not an error. */
	assert_int_equal(config_load("/nonexistent/bounceq/config", &c), STATUS_OK);
	assert_null(c->query);
	config_free(c);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse),
		cmocka_unit_test(test_paths),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
