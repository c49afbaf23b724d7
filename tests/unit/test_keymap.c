/* Unit tests for keymap loading, lookup and diagnostics (core/keys/keymap.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "core/keys/key.h"
#include "core/keys/keymap.h"

static struct keymap *
defaults(void)
{
	struct keymap *km = keymap_new();

	assert_int_equal(keymap_load_text(km, "default.keys", keymap_default_text), 0);
	return km;
}

static void
test_default_clean(void **state)
{
	struct keymap *km = defaults();

	(void)state;
	assert_int_equal(keymap_ndiag(km), 0);
	assert_null(keymap_last_diag(km));
	/* The conventions of REFERENCE.md §3. */
	assert_int_equal(keymap_lookup(km, CONTEXT_LIST, 'j'), ACTION_MOVE_DOWN);
	assert_int_equal(keymap_lookup(km, CONTEXT_LIST, 'k'), ACTION_MOVE_UP);
	assert_int_equal(keymap_lookup(km, CONTEXT_LIST, KEYC_ENTER), ACTION_OPEN);
	assert_int_equal(keymap_lookup(km, CONTEXT_GROUPS, 'q'), ACTION_BACK);
	assert_int_equal(keymap_lookup(km, CONTEXT_PAGER, '?'), ACTION_HELP);
	assert_int_equal(keymap_lookup(km, CONTEXT_LIST, 'l'), ACTION_LIMIT);
	assert_int_equal(keymap_lookup(km, CONTEXT_LIST, '/'), ACTION_SEARCH);
	assert_int_equal(keymap_lookup(km, CONTEXT_LIST, 'n'), ACTION_SEARCH_NEXT);
	assert_int_equal(keymap_lookup(km, CONTEXT_LIST, 'N'), ACTION_SEARCH_PREV);
	assert_int_equal(keymap_lookup(km, CONTEXT_LIST, 't'), ACTION_TAG);
	assert_int_equal(keymap_lookup(km, CONTEXT_LIST, ';'), ACTION_TAG_PREFIX);
	assert_int_equal(keymap_lookup(km, CONTEXT_LIST, '|'), ACTION_PIPE);
	assert_int_equal(keymap_lookup(km, CONTEXT_LIST, 'g'), ACTION_NONE);	/* gg */
	assert_int_equal(keymap_lookup(km, CONTEXT_LIST, KEYC_HOME), ACTION_MOVE_FIRST);
	assert_int_equal(keymap_lookup(km, CONTEXT_LIST, 'G'), ACTION_MOVE_LAST);
	assert_int_equal(keymap_lookup(km, CONTEXT_LIST, ':'), ACTION_COMMAND);
	assert_int_equal(keymap_lookup(km, CONTEXT_BOUNCE, 'v'), ACTION_VIEW_ORIGINAL);
	/* The prompt never falls back to global: letters type themselves. */
	assert_int_equal(keymap_lookup(km, CONTEXT_PROMPT, 'j'), ACTION_NONE);
	assert_int_equal(keymap_lookup(km, CONTEXT_PROMPT, KEYC_UP), ACTION_HISTORY_PREV);
	keymap_free(km);
}

/* Every action but "none" can be reached by some key on some screen. */
static void
test_every_action_reachable(void **state)
{
	struct keymap *km = defaults();
	struct key_seq keys[8];
	enum action got;

	(void)state;
	for (int a = 1; a < ACTION_COUNT; a++) {
		size_t found = 0;

		for (int c = 0; c < CONTEXT_COUNT; c++)
			found += keymap_keys_for(km, (enum context)c, (enum action)a, keys, 8);
		if (found == 0)
			fail_msg("action %s has no key", action_name((enum action)a));
		/* keys_for agrees with lookup */
		for (int c = 0; c < CONTEXT_COUNT; c++) {
			size_t n = keymap_keys_for(km, (enum context)c, (enum action)a, keys, 8);

			for (size_t i = 0; i < n && i < 8; i++) {
				struct key_seq p = keys[i];

				/* Every shorter prefix waits; the whole runs a. */
				for (p.n = 1; p.n < keys[i].n; p.n++)
					assert_int_equal(keymap_match(km, (enum context)c, &p, &got),
					    KEYMAP_PREFIX);
				assert_int_equal(keymap_match(km, (enum context)c, &keys[i], &got),
				    KEYMAP_FOUND);
				assert_int_equal(got, a);
			}
		}
	}
	keymap_free(km);
}

/* No default binding re-sends mail: nothing named bounce/resend/forward exists. */
static void
test_no_resend(void **state)
{
	(void)state;
	for (int a = 0; a < ACTION_COUNT; a++) {
		assert_null(strstr(action_name((enum action)a), "resend"));
		assert_null(strstr(action_name((enum action)a), "forward"));
		assert_null(strstr(action_name((enum action)a), "remail"));
	}
}

static void
test_override_and_context(void **state)
{
	struct keymap *km = defaults();

	(void)state;
	/* Later lines override earlier ones. */
	assert_int_equal(keymap_line(km, "t", 1, "bind global j move-up"), STATUS_OK);
	assert_int_equal(keymap_lookup(km, CONTEXT_LIST, 'j'), ACTION_MOVE_UP);
	/* A context binding wins over global, only in that context. */
	assert_int_equal(keymap_line(km, "t", 2, "bind list j move-last"), STATUS_OK);
	assert_int_equal(keymap_lookup(km, CONTEXT_LIST, 'j'), ACTION_MOVE_LAST);
	assert_int_equal(keymap_lookup(km, CONTEXT_GROUPS, 'j'), ACTION_MOVE_UP);
	/* "none" hides the global binding in one context. */
	assert_int_equal(keymap_line(km, "t", 3, "bind pager q none"), STATUS_OK);
	assert_int_equal(keymap_lookup(km, CONTEXT_PAGER, 'q'), ACTION_NONE);
	assert_int_equal(keymap_lookup(km, CONTEXT_LIST, 'q'), ACTION_BACK);
	/* Key names, comments and extra blanks. */
	assert_int_equal(keymap_line(km, "t", 4, "  bind\tbounce <C-o>  view-original  # hi"),
	    STATUS_OK);
	assert_int_equal(keymap_lookup(km, CONTEXT_BOUNCE, 0x0f), ACTION_VIEW_ORIGINAL);
	assert_int_equal(keymap_line(km, "t", 5, "bind global <Hash> help"), STATUS_OK);
	assert_int_equal(keymap_lookup(km, CONTEXT_LIST, '#'), ACTION_HELP);
	assert_int_equal(keymap_line(km, "t", 6, "# bind global x quit"), STATUS_OK);
	assert_int_equal(keymap_lookup(km, CONTEXT_LIST, 'x'), ACTION_NONE);
	assert_int_equal(keymap_ndiag(km), 0);
	keymap_free(km);
}

static void
test_unbind(void **state)
{
	struct keymap *km = defaults();
	size_t before = keymap_count(km, CONTEXT_GLOBAL);

	(void)state;
	assert_int_equal(keymap_line(km, "t", 1, "unbind global q"), STATUS_OK);
	assert_int_equal(keymap_count(km, CONTEXT_GLOBAL), before - 1);
	assert_int_equal(keymap_lookup(km, CONTEXT_LIST, 'q'), ACTION_NONE);
	/* Unbinding in a context uncovers the global binding. */
	assert_int_equal(keymap_lookup(km, CONTEXT_LIST, 'o'), ACTION_SORT_NEXT);
	assert_int_equal(keymap_line(km, "t", 2, "unbind list o"), STATUS_OK);
	assert_int_equal(keymap_lookup(km, CONTEXT_LIST, 'o'), ACTION_NONE);
	assert_int_equal(keymap_line(km, "t", 3, "bind global o help"), STATUS_OK);
	assert_int_equal(keymap_lookup(km, CONTEXT_LIST, 'o'), ACTION_HELP);
	/* Unbinding what is not bound is reported. */
	assert_int_equal(keymap_line(km, "t", 4, "unbind list o"), STATUS_SYNTAX);
	assert_string_equal(keymap_last_diag(km), "t:4: 'o' is not bound there");
	keymap_free(km);
}

static void
test_bad_lines(void **state)
{
	struct keymap *km = defaults();
	const char *text =
	    "bind list j move-up\n"		/* 1 fine */
	    "bind lst j quit\n"			/* 2 context */
	    "bind list <Foo> quit\n"		/* 3 key */
	    "bind list x explode\n"		/* 4 action */
	    "bind list x\n"			/* 5 too few */
	    "bind list x quit now\n"		/* 6 too many */
	    "map list x quit\n"			/* 7 command */
	    "\n"				/* 8 blank */
	    "unbind list\n"			/* 9 too few */
	    "bind list jj quit\n";		/* 10 j is bound */

	(void)state;
	assert_int_equal(keymap_load_text(km, "my.keys", text), 8);
	assert_int_equal(keymap_ndiag(km), 8);
	assert_string_equal(keymap_diag(km, 0), "my.keys:2: unknown context 'lst'");
	assert_string_equal(keymap_diag(km, 1), "my.keys:3: bad key name '<Foo>'");
	assert_string_equal(keymap_diag(km, 2), "my.keys:4: unknown action 'explode'");
	assert_string_equal(keymap_diag(km, 3), "my.keys:5: usage: bind CONTEXT KEY ACTION");
	assert_string_equal(keymap_diag(km, 4), "my.keys:6: usage: bind CONTEXT KEY ACTION");
	assert_string_equal(keymap_diag(km, 5),
	    "my.keys:7: unknown command 'map' (expected bind or unbind)");
	assert_string_equal(keymap_diag(km, 6), "my.keys:9: usage: unbind CONTEXT KEY");
	assert_string_equal(keymap_diag(km, 7),
	    "my.keys:10: 'jj' cannot be bound: 'j' is bound in list (move-up); unbind it first");
	assert_string_equal(keymap_last_diag(km), keymap_diag(km, 7));
	assert_null(keymap_diag(km, 8));
	/* Good lines around bad ones still took effect; bad ones changed nothing. */
	assert_int_equal(keymap_lookup(km, CONTEXT_LIST, 'j'), ACTION_MOVE_UP);
	assert_int_equal(keymap_lookup(km, CONTEXT_LIST, 'x'), ACTION_NONE);
	/* A last line without a newline, and CRLF lines. */
	assert_int_equal(keymap_load_text(km, "crlf", "bind list x quit\r\nbind list y help"), 0);
	assert_int_equal(keymap_lookup(km, CONTEXT_LIST, 'x'), ACTION_QUIT);
	assert_int_equal(keymap_lookup(km, CONTEXT_LIST, 'y'), ACTION_HELP);
	keymap_free(km);
}

static void
test_files(void **state)
{
	struct keymap *km = keymap_new();
	char path[] = "/tmp/bounceq-keymap-XXXXXX";
	const char *shipped[] = { "keymaps/default.keys", "keymaps/mutt.keys",
	    "keymaps/less.keys" };
	int fd;

	(void)state;
	assert_int_equal(keymap_load_file(km, "/nonexistent/bounceq/keys"), STATUS_NOENT);
	assert_int_equal(keymap_ndiag(km), 0);
	/* Every shipped keymap loads cleanly (tests run from the source tree). */
	for (size_t i = 0; i < sizeof(shipped) / sizeof(shipped[0]); i++) {
		assert_int_equal(keymap_load_file(km, shipped[i]), STATUS_OK);
		if (keymap_ndiag(km) != 0)
			fail_msg("%s", keymap_last_diag(km));
	}
	assert_int_equal(keymap_lookup(km, CONTEXT_PAGER, '?'), ACTION_SEARCH_BACK);
	fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, "bind list Z quit\nbogus\n", 23), 23);
	close(fd);
	assert_int_equal(keymap_load_file(km, path), STATUS_OK);
	assert_int_equal(keymap_lookup(km, CONTEXT_LIST, 'Z'), ACTION_QUIT);
	assert_int_equal(keymap_ndiag(km), 1);
	assert_non_null(strstr(keymap_diag(km, 0), ":2: unknown command 'bogus'"));
	assert_int_equal(strncmp(keymap_diag(km, 0), path, strlen(path)), 0);
	unlink(path);
	/* The built-in text is keymaps/default.keys byte for byte. */
	{
		FILE *f = fopen("keymaps/default.keys", "r");
		char buf[16384];
		size_t n;

		assert_non_null(f);
		n = fread(buf, 1, sizeof(buf) - 1, f);
		fclose(f);
		buf[n] = '\0';
		assert_string_equal(buf, keymap_default_text);
	}
	keymap_free(km);
}

static enum keymap_match
match_str(const struct keymap *km, enum context ctx, const char *keys, enum action *a)
{
	struct key_seq k;

	assert_int_equal(key_seq_parse(keys, &k), STATUS_OK);
	return keymap_match(km, ctx, &k, a);
}

static void
test_sequences(void **state)
{
	struct keymap *km = defaults();
	enum action a;

	(void)state;
	/* gg is the first line; g alone waits. */
	assert_int_equal(match_str(km, CONTEXT_LIST, "g", &a), KEYMAP_PREFIX);
	assert_int_equal(match_str(km, CONTEXT_LIST, "gg", &a), KEYMAP_FOUND);
	assert_int_equal(a, ACTION_MOVE_FIRST);
	assert_int_equal(match_str(km, CONTEXT_LIST, "gz", &a), KEYMAP_NONE);
	assert_int_equal(match_str(km, CONTEXT_LIST, "G", &a), KEYMAP_FOUND);
	assert_int_equal(a, ACTION_MOVE_LAST);
	/* Three keys, in a context, beside global gg. */
	assert_int_equal(keymap_line(km, "t", 1, "bind list gx<Enter> view-raw"), STATUS_OK);
	assert_int_equal(match_str(km, CONTEXT_LIST, "g", &a), KEYMAP_PREFIX);
	assert_int_equal(match_str(km, CONTEXT_LIST, "gx", &a), KEYMAP_PREFIX);
	assert_int_equal(match_str(km, CONTEXT_LIST, "gx<Enter>", &a), KEYMAP_FOUND);
	assert_int_equal(a, ACTION_VIEW_RAW);
	/* list's own prefix g still lets global gg through. */
	assert_int_equal(match_str(km, CONTEXT_LIST, "gg", &a), KEYMAP_FOUND);
	assert_int_equal(a, ACTION_MOVE_FIRST);
	assert_int_equal(match_str(km, CONTEXT_GROUPS, "gx", &a), KEYMAP_NONE);
	/* A context's single g shadows global gg there only. */
	assert_int_equal(keymap_line(km, "t", 2, "bind pager g help"), STATUS_OK);
	assert_int_equal(match_str(km, CONTEXT_PAGER, "g", &a), KEYMAP_FOUND);
	assert_int_equal(a, ACTION_HELP);
	assert_int_equal(keymap_lookup(km, CONTEXT_PAGER, 'g'), ACTION_HELP);
	/* Binding a prefix of a binding, or an extension, in one context is an error. */
	assert_int_equal(keymap_line(km, "t", 3, "bind global g quit"), STATUS_SYNTAX);
	assert_string_equal(keymap_last_diag(km), "t:3: 'g' cannot be bound: it starts 'gg' in "
	    "global (move-first); unbind that first");
	assert_int_equal(keymap_line(km, "t", 4, "bind global qq quit"), STATUS_SYNTAX);
	assert_string_equal(keymap_last_diag(km), "t:4: 'qq' cannot be bound: 'q' is bound in "
	    "global (back); unbind it first");
	assert_int_equal(keymap_line(km, "t", 5, "bind list g quit"), STATUS_SYNTAX);
	assert_int_equal(keymap_line(km, "t", 6, "bind list gx quit"), STATUS_SYNTAX);
	/* Rebinding the same sequence replaces it. */
	assert_int_equal(keymap_line(km, "t", 7, "bind global gg move-last"), STATUS_OK);
	assert_int_equal(match_str(km, CONTEXT_GROUPS, "gg", &a), KEYMAP_FOUND);
	assert_int_equal(a, ACTION_MOVE_LAST);
	/* Unbinding the sequence frees its prefix; unbinding a prefix alone is an error. */
	assert_int_equal(keymap_line(km, "t", 8, "unbind global g"), STATUS_SYNTAX);
	assert_string_equal(keymap_last_diag(km), "t:8: 'g' is not bound there");
	assert_int_equal(keymap_line(km, "t", 9, "unbind global gg"), STATUS_OK);
	assert_int_equal(keymap_line(km, "t", 10, "bind global g quit"), STATUS_OK);
	assert_int_equal(match_str(km, CONTEXT_GROUPS, "g", &a), KEYMAP_FOUND);
	assert_int_equal(a, ACTION_QUIT);
	/* No sequences in the prompt; too long; a "none" sequence is found as none. */
	assert_int_equal(keymap_line(km, "t", 11, "bind prompt <C-x>e prompt-kill"), STATUS_SYNTAX);
	assert_string_equal(keymap_last_diag(km), "t:11: '<C-x>e': no key sequences in the prompt "
	    "(keys type text there)");
	assert_int_equal(keymap_line(km, "t", 12, "bind list zzzz quit"), STATUS_SYNTAX);
	assert_string_equal(keymap_last_diag(km), "t:12: key sequence 'zzzz' is longer than 3 keys");
	assert_int_equal(keymap_line(km, "t", 13, "bind bounce zz none"), STATUS_OK);
	assert_int_equal(match_str(km, CONTEXT_BOUNCE, "zz", &a), KEYMAP_FOUND);
	assert_int_equal(a, ACTION_NONE);
	keymap_free(km);
}

/* Malformed and hostile lines: diagnostics, no crash, nothing bound. */
static void
test_hostile(void **state)
{
	struct keymap *km = keymap_new();
	static const char *const bad[] = {
		"bind global <<<< quit", "bind global <C-x><C-y><C-z><C-w> quit",
		"bind global g<> quit", "bind global <\xff> quit", "bind global \xff\xfe quit",
		"bind global g\x1b quit", "bind global <Up><Down>x<Left> quit",
		"bind global <lt><lt><lt><lt> quit", "bind global \xe2\x80\xae quit",
		"unbind global <<<<", "bind global <C-> quit",
	};
	struct key_seq k;
	enum action a;
	char big[4096];

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (keymap_line(km, "h", i + 1, bad[i]) != STATUS_SYNTAX)
			fail_msg("accepted: %s", bad[i]);
	assert_int_equal(keymap_ndiag(km), sizeof(bad) / sizeof(bad[0]));
	for (int c = 0; c < CONTEXT_COUNT; c++)
		assert_int_equal(keymap_count(km, (enum context)c), 0);
	/* Three '<' with no '>' are three keys. */
	assert_int_equal(keymap_line(km, "h", 20, "bind global <<< help"), STATUS_OK);
	assert_int_equal(match_str(km, CONTEXT_LIST, "<lt><lt><lt>", &a), KEYMAP_FOUND);
	/* A very long key word is one bad name; the diagnostic stays bounded. */
	memset(big, 'g', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	memcpy(big, "bind list ", 10);
	assert_int_equal(keymap_line(km, "h", 21, big), STATUS_SYNTAX);
	assert_true(strlen(keymap_last_diag(km)) < 600);
	/* Out-of-range and empty sequences match nothing. */
	k.n = 0;
	assert_int_equal(keymap_match(km, CONTEXT_LIST, &k, &a), KEYMAP_NONE);
	k.n = KEY_SEQ_MAX + 1;
	assert_int_equal(keymap_match(km, CONTEXT_LIST, &k, &a), KEYMAP_NONE);
	assert_int_equal(keymap_bind(km, CONTEXT_LIST, &k, ACTION_QUIT), STATUS_INVALID);
	assert_false(keymap_unbind(km, CONTEXT_LIST, &k));
	k.n = 1;
	k.key[0] = 'x';
	assert_int_equal(keymap_match(km, CONTEXT_COUNT, &k, &a), KEYMAP_NONE);
	keymap_free(km);
}

/* bounceq-keys(5) documents every action and every context. */
static void
test_documented(void **state)
{
	FILE *f = fopen("doc/bounceq-keys.5", "r");
	static char man[65536];
	char want[128];
	size_t n;

	(void)state;
	assert_non_null(f);
	n = fread(man, 1, sizeof(man) - 1, f);
	fclose(f);
	man[n] = '\0';
	for (int a = 0; a < ACTION_COUNT; a++) {
		snprintf(want, sizeof(want), "\n.It Cm %s\n", action_name((enum action)a));
		if (strstr(man, want) == NULL)
			fail_msg("bounceq-keys(5) does not document action %s",
			    action_name((enum action)a));
	}
	for (int c = 0; c < CONTEXT_COUNT; c++) {
		snprintf(want, sizeof(want), "\n.It Cm %s\n", context_name((enum context)c));
		if (strstr(man, want) == NULL)
			fail_msg("bounceq-keys(5) does not document context %s",
			    context_name((enum context)c));
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_default_clean),
		cmocka_unit_test(test_every_action_reachable),
		cmocka_unit_test(test_no_resend),
		cmocka_unit_test(test_override_and_context),
		cmocka_unit_test(test_unbind),
		cmocka_unit_test(test_bad_lines),
		cmocka_unit_test(test_files),
		cmocka_unit_test(test_sequences),
		cmocka_unit_test(test_hostile),
		cmocka_unit_test(test_documented),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
