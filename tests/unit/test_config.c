/*
 * Unit tests for bounceq's config file (core/keys/config.c) and the XDG paths.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/keys/config.h"

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
	assert_string_equal(c->diag[0], "cfg:6: unknown key (expected query, group, filter, "
	    "handled, threads, refresh, escalate.count, escalate.days, queue.actions or "
	    "color.AREA)");
	assert_string_equal(c->diag[1], "cfg:7: expected 'key = value'");
	assert_string_equal(c->diag[2], "cfg:8: empty value");
	config_free(c);
	c = config_parse("empty", "");
	assert_null(c->query);
	assert_int_equal(c->threads, 0);
	assert_int_equal(c->ndiag, 0);
	config_free(c);
}

/* "handled = TAG" names the tag whose rows are hidden; a list of words is refused. */
static void
test_handled(void **state)
{
	struct config *c;

	(void)state;
	c = config_parse("cfg", "query = x\n");
	assert_null(c->handled);
	config_free(c);
	c = config_parse("cfg", "handled = done\nhandled = two words\nhandled = -x\n");
	assert_string_equal(c->handled, "done");
	assert_int_equal(c->ndiag, 2);
	assert_string_equal(c->diag[0], "cfg:2: handled: expected one notmuch tag "
	    "(no blanks, at most 200 bytes)");
	config_free(c);
}

/* Queue actions are off unless a line turns them on; bad values change nothing. */
static void
test_queue_actions(void **state)
{
	struct config *c;

	(void)state;
	c = config_parse("cfg", "query = x\n");
	assert_false(c->queue_actions);
	config_free(c);
	c = config_parse("cfg", "queue.actions = yes\n");
	assert_true(c->queue_actions);
	assert_int_equal(c->ndiag, 0);
	config_free(c);
	c = config_parse("cfg", "queue.actions = On\nqueue.actions = maybe\nqueue.actions =\n");
	assert_true(c->queue_actions);
	assert_int_equal(c->ndiag, 2);
	assert_string_equal(c->diag[0], "cfg:2: queue.actions: expected yes or no");
	assert_string_equal(c->diag[1], "cfg:3: queue.actions: expected yes or no");
	config_free(c);
	c = config_parse("cfg", "queue.actions = true\nqueue.actions = no\nqueue.action = yes\n");
	assert_false(c->queue_actions);
	assert_int_equal(c->ndiag, 1);
	config_free(c);
}

static void
test_threads(void **state)
{
	struct config *c;

	(void)state;
	c = config_parse("cfg", "threads = 3\nthreads = 0\nthreads = 65\n"
	    "threads = -2\nthreads = 2x\nthreads = +4\nthreads =  \nthreads = 64\n");
	/* the last good line wins; bad ones change nothing */
	assert_int_equal(c->threads, 64);
	assert_int_equal(c->ndiag, 6);
	assert_string_equal(c->diag[0], "cfg:2: threads: '0' is not a number from 1 to 64");
	assert_string_equal(c->diag[1], "cfg:3: threads: '65' is not a number from 1 to 64");
	assert_string_equal(c->diag[2], "cfg:4: threads: '-2' is not a number from 1 to 64");
	assert_string_equal(c->diag[3], "cfg:5: threads: '2x' is not a number from 1 to 64");
	assert_string_equal(c->diag[4], "cfg:6: threads: '+4' is not a number from 1 to 64");
	assert_string_equal(c->diag[5], "cfg:7: threads: '' is not a number from 1 to 64");
	config_free(c);
	c = config_parse("cfg", "threads=1\n");
	assert_int_equal(c->threads, 1);
	config_free(c);
}

/* Seconds between checks for new mail: 5 unless set, 0 turns it off. */
static void
test_refresh(void **state)
{
	struct config *c;

	(void)state;
	c = config_parse("cfg", "query = x\n");
	assert_int_equal(c->refresh, CONFIG_REFRESH_DEFAULT);
	assert_int_equal(CONFIG_REFRESH_DEFAULT, 5);
	config_free(c);
	c = config_parse("cfg", "refresh = 0\n");
	assert_int_equal(c->refresh, 0);
	assert_int_equal(c->ndiag, 0);
	config_free(c);
	c = config_parse("cfg", "refresh = 30\nrefresh = -1\nrefresh = 86401\nrefresh = 5s\n"
	    "refresh =\n");
	assert_int_equal(c->refresh, 30);
	assert_int_equal(c->ndiag, 4);
	assert_string_equal(c->diag[0], "cfg:2: refresh: '-1' is not a number from 0 to 86400");
	assert_string_equal(c->diag[1], "cfg:3: refresh: '86401' is not a number from 0 to 86400");
	assert_string_equal(c->diag[2], "cfg:4: refresh: '5s' is not a number from 0 to 86400");
	assert_string_equal(c->diag[3], "cfg:5: refresh: '' is not a number from 0 to 86400");
	config_free(c);
}

static void
test_colors(void **state)
{
	struct config *c;

	(void)state;
	c = config_parse("cfg",
	    "color.hard = red default bold\n"		/* 1 */
	    "color.title = 15 17\n"			/* 2 */
	    "color.cursor = BLACK Yellow Underline Reverse\n"	/* 3 */
	    "color.search-match = standout\n"		/* 4 */
	    "color.soft = default blue\n"		/* 5 */
	    "color.bogus = red\n"			/* 6 */
	    "color.hard = pink\n"			/* 7 */
	    "color.hard = 256\n"			/* 8 */
	    "color.hard = bold red\n"			/* 9 */
	    "color.hard = red green blue\n"		/* 10 */
	    "color.status =\n"				/* 11 */
	    "color. = red\n"				/* 12 */
	    "color.error = 007 -1\n"			/* 13 */
	    "color.muted = 0255 blink\n");		/* 14 */
	/* Later good lines win; bad ones change nothing. */
	assert_true(c->color_set[COLOR_AREA_HARD]);
	assert_int_equal(c->color[COLOR_AREA_HARD].fg, 1);
	assert_int_equal(c->color[COLOR_AREA_HARD].bg, COLOR_DEFAULT);
	assert_int_equal(c->color[COLOR_AREA_HARD].attrs, COLOR_ATTR(BOLD));
	assert_int_equal(c->color[COLOR_AREA_TITLE].fg, 15);
	assert_int_equal(c->color[COLOR_AREA_TITLE].bg, 17);
	assert_int_equal(c->color[COLOR_AREA_TITLE].attrs, 0);
	assert_int_equal(c->color[COLOR_AREA_CURSOR].fg, 0);
	assert_int_equal(c->color[COLOR_AREA_CURSOR].bg, 3);
	assert_int_equal(c->color[COLOR_AREA_CURSOR].attrs, COLOR_ATTR(UNDERLINE) | COLOR_ATTR(REVERSE));
	assert_int_equal(c->color[COLOR_AREA_SEARCH_MATCH].fg, COLOR_DEFAULT);
	assert_int_equal(c->color[COLOR_AREA_SEARCH_MATCH].attrs, COLOR_ATTR(STANDOUT));
	assert_int_equal(c->color[COLOR_AREA_SOFT].fg, COLOR_DEFAULT);
	assert_int_equal(c->color[COLOR_AREA_SOFT].bg, 4);
	assert_false(c->color_set[COLOR_AREA_STATUS]);
	assert_false(c->color_set[COLOR_AREA_ERROR]);
	assert_false(c->color_set[COLOR_AREA_MUTED]);
	assert_int_equal(c->ndiag, 9);
	assert_string_equal(c->diag[0], "cfg:6: unknown colour area 'bogus' (expected title, "
	    "status, cursor, header, hard, soft, error, search-match, sparkline, muted)");
	assert_string_equal(c->diag[1], "cfg:7: color.hard: 'pink' is neither a colour (black, red, "
	    "green, yellow, blue, magenta, cyan, white, default, 0-255) nor an attribute (bold, "
	    "underline, reverse, dim, standout)");
	assert_string_equal(c->diag[2], "cfg:8: color.hard: colour 256 is out of range (0-255)");
	assert_string_equal(c->diag[3], "cfg:9: color.hard: 'red': at most two colours (FG, then BG), "
	    "before the attributes");
	assert_string_equal(c->diag[4], "cfg:10: color.hard: 'blue': at most two colours (FG, then BG), "
	    "before the attributes");
	assert_string_equal(c->diag[5], "cfg:11: empty value");
	assert_non_null(strstr(c->diag[6], "cfg:12: unknown colour area '' (expected title,"));
	assert_non_null(strstr(c->diag[7], "cfg:13: color.error: '-1' is neither a colour"));
	assert_string_equal(c->diag[8], "cfg:14: color.muted: colour 0255 is out of range (0-255)");
	config_free(c);
}

/* Every area's built-in specs parse, and hostile values never overflow. */
static void
test_color_table(void **state)
{
	struct color_spec s;
	char why[64], big[4096];
	enum color_area a;

	(void)state;
	for (int i = 0; i < COLOR_AREA_COUNT; i++) {
		assert_int_equal(color_area_parse(color_area_name((enum color_area)i), &a), STATUS_OK);
		assert_int_equal(a, i);
		assert_true(color_area_help((enum color_area)i)[0] != '\0');
	}
	/* Colours by default: hard is red, the status line white on blue. */
	assert_int_equal(color_default(COLOR_AREA_HARD).fg, 1);
	assert_int_equal(color_default(COLOR_AREA_STATUS).fg, 7);
	assert_int_equal(color_default(COLOR_AREA_STATUS).bg, 4);
	assert_int_equal(color_default(COLOR_AREA_TITLE).attrs, COLOR_ATTR(BOLD));
	/* Without colours: attributes only. */
	for (int i = 0; i < COLOR_AREA_COUNT; i++) {
		assert_int_equal(color_mono((enum color_area)i).fg, COLOR_DEFAULT);
		assert_int_equal(color_mono((enum color_area)i).bg, COLOR_DEFAULT);
	}
	assert_int_equal(color_mono(COLOR_AREA_CURSOR).attrs, COLOR_ATTR(REVERSE));
	assert_int_equal(color_area_parse("Hard", &a), STATUS_NOT_FOUND);
	assert_string_equal(color_area_name(COLOR_AREA_COUNT), "");
	/* A tab-separated value, an empty one (both colours default). */
	assert_int_equal(color_spec_parse("\tred\tblue\tbold\t", &s, why, sizeof(why)), STATUS_OK);
	assert_int_equal(s.bg, 4);
	assert_int_equal(color_spec_parse("", &s, why, sizeof(why)), STATUS_OK);
	assert_int_equal(s.fg, COLOR_DEFAULT);
	/* A huge word is quoted cut, and the message fits the buffer. */
	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	assert_int_equal(color_spec_parse(big, &s, why, sizeof(why)), STATUS_SYNTAX);
	assert_true(strlen(why) < sizeof(why));
	memset(big, '9', 100);
	big[100] = '\0';
	assert_int_equal(color_spec_parse(big, &s, why, 0), STATUS_SYNTAX);
	assert_int_equal(color_spec_parse("\xff\xfe red", &s, why, sizeof(why)), STATUS_SYNTAX);
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
		cmocka_unit_test(test_handled),
		cmocka_unit_test(test_queue_actions),
		cmocka_unit_test(test_threads),
		cmocka_unit_test(test_refresh),
		cmocka_unit_test(test_colors),
		cmocka_unit_test(test_color_table),
		cmocka_unit_test(test_paths),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
