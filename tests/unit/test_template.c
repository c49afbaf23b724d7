/*
 * Unit tests for diagnostic templates (core/model/template.c): the same failure
 * for different recipients, hosts, IPs and queue IDs gives one template;
 * different failures stay apart; codes survive; hostile input is cheap.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <cmocka.h>

#include "core/model/template.h"
#include "core/shared/buf.h"

static void
expect(const char *diag, const char *want)
{
	char *t = template_make(diag);

	if (strcmp(t, want) != 0)
		fail_msg("template of '%s'\n got '%s'\nwant '%s'", diag, t, want);
	free(t);
}

static void
same(const char *a, const char *b)
{
	char *ta = template_make(a), *tb = template_make(b);

	if (strcmp(ta, tb) != 0)
		fail_msg("'%s' and '%s' differ", ta, tb);
	free(ta);
	free(tb);
}

static void
differ(const char *a, const char *b)
{
	char *ta = template_make(a), *tb = template_make(b);

	if (strcmp(ta, tb) == 0)
		fail_msg("'%s' should differ from '%s'", a, b);
	free(ta);
	free(tb);
}

static void
test_masks(void **state)
{
	(void)state;
	assert_null(template_make(NULL));
	expect("", "");
	expect("550 5.1.1 <a@x>: user unknown", "550 5.1.1 <*@*>: user unknown");
	expect("host mx1.example.com[192.0.2.7] said: 550 5.1.1 <bob@example.com>: "
	    "Recipient address rejected: User unknown (in reply to RCPT TO command)",
	    "host <host>[<ip>] said: 550 5.1.1 <*@*>: Recipient address rejected: "
	    "User unknown (in reply to RCPT TO command)");
	expect("452 4.2.2 The email account that you tried to reach is over quota. "
	    "a1si12345678qkf.12 - gsmtp",
	    "452 4.2.2 The email account that you tried to reach is over quota. <id> - gsmtp");
	expect("connect to 2001:db8::25 port 25: Connection timed out after 300 seconds",
	    "connect to <ip> port <n>: Connection timed out after <n> seconds");
	expect("550-5.7.1 [192.0.2.1      12] Our system has detected",
	    "550-5.7.1 [<ip> <n>] Our system has detected");
	expect("  many\t\tspaces \n here  ", "many spaces here");
	expect("Message 1abcDE-000123-AB queued as 4ABC123DEF.",
	    "Message <id> queued as <id>.");
}

static void
test_grouping(void **state)
{
	(void)state;
	same("550 5.1.1 <a@x.example>: user unknown", "550 5.1.1 <b@y.example>: user unknown");
	same("host mx1.a.example[192.0.2.1] said: 552 5.2.2 mailbox full",
	    "host mx7.b.example[198.51.100.9] said: 552 5.2.2 mailbox full");
	same("421 4.7.0 Try again later, closing connection. (ID 12345ABCDEF)",
	    "421 4.7.0 Try again later, closing connection. (ID 99999ZZZZZZ)");
	differ("550 5.1.1 user unknown", "552 5.2.2 mailbox full");
	differ("550 5.1.1 user unknown", "550 5.7.1 user unknown");
	differ("550 5.1.1 <a@x>: user unknown", "550 5.1.1 <a@x>: relay denied");
}

static void
test_hostile(void **state)
{
	struct buf b = BUF_INIT;
	clock_t t0;
	char *t;

	(void)state;
	/* Long runs of address-ish and dotted text stay linear-ish. */
	for (int i = 0; i < 20000; i++)
		buf_adds(&b, "a.");
	for (int i = 0; i < 20000; i++)
		buf_adds(&b, "1:");
	for (int i = 0; i < 2000; i++)
		buf_adds(&b, "x@");
	t0 = clock();
	t = template_make(b.data);
	assert_true(clock() - t0 < 2 * CLOCKS_PER_SEC);
	assert_non_null(t);
	free(t);
	buf_free(&b);
	/* Bytes that are not ASCII pass through unchanged. */
	expect("\xe3\x83\xa6\xe3\x83\xbc\xe3\x82\xb6 <u@x.jp>",
	    "\xe3\x83\xa6\xe3\x83\xbc\xe3\x82\xb6 <*@*>");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_masks),
		cmocka_unit_test(test_grouping),
		cmocka_unit_test(test_hostile),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
