/*
 * Unit tests for the index of where a report's recipients are named in
 * its human text (core/knowledge/classify_mentions.c): every search must
 * find what str_casestrn() finds, and a report of many recipients must be
 * judged the same with the index as recipient by recipient without it.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/knowledge/classify.h"
#include "core/knowledge/classify_int.h"
#include "core/shared/buf.h"
#include "core/shared/str.h"

static const char *const names[] = {
	"a@example.org", "aa@example.org", "A@Example.Org", "b@example.org",
	"x@ex", "bob@example.net", "\xc3\xa9t\xc3\xa9@example.org",
};
#define NNAMES (sizeof(names) / sizeof(names[0]))

/* Every search over every range of text against str_casestrn(). */
static size_t
check_all(const char *text, const char *const *extra, size_t nextra)
{
	struct classify_input in = { 0 };
	struct classify_mentions *m;
	size_t len = strlen(text), checks = 0;
	const char *probe[] = { "a@example.org", "AA@EXAMPLE.ORG", "b@example.org",
	    "x@ex", "bob@example.net", "\xc3\xa9t\xc3\xa9@example.org",
	    "nobody@example.org", "a@ex" };

	in.human.text = text;
	in.human.len = len;
	in.recipients = names;
	in.nrecipients = NNAMES;
	m = classify_mentions_new(&in, extra, nextra);
	assert_non_null(m);
	for (size_t from = 0; from <= len; from += 3)
		for (size_t n = 0; from + n <= len; n += 5) {
			for (size_t p = 0; p < sizeof(probe) / sizeof(probe[0]); p++) {
				assert_ptr_equal(classify_mentions_find(m, probe[p], text + from, n),
				    str_casestrn(text + from, n, probe[p]));
				checks++;
			}
			for (size_t i = 0; i < NNAMES; i++)
				assert_ptr_equal(classify_mentions_find_recipient(m, &in, i,
				    text + from, n), str_casestrn(text + from, n, names[i]));
		}
	/* outside the indexed text, and without an index, it searches */
	{
		const char *other = "x A@example.org";

		assert_ptr_equal(classify_mentions_find(m, "a@example.org", other, 15),
		    other + 2);
		assert_ptr_equal(classify_mentions_find(NULL, "A@EXAMPLE.ORG", text, len),
		    str_casestrn(text, len, "a@example.org"));
	}
	classify_mentions_free(m);
	return checks;
}

static void
test_find(void **state)
{
	(void)state;
	const char *extra[] = { "nobody@example.org", NULL, "" };

	/* overlapping and repeated names, case, 8-bit bytes, line breaks */
	assert_true(check_all("aaa@example.org told A@EXAMPLE.ORG and aa@example.org\n"
	    "x@ex x@exx@ex b@example.org\n\n<\xc3\xa9t\xc3\xa9@example.org>: no\n"
	    "bob@example.net bob@example.net.", extra, 3) > 1000);
	assert_true(check_all("", NULL, 0) > 0);
	assert_true(check_all("no address at all", NULL, 0) > 0);
}

static void
test_limits(void **state)
{
	(void)state;
	struct classify_input in = { 0 };
	const char *many[CLASSIFY_HUMAN_RCPT_MAX + 1];

	for (size_t i = 0; i <= CLASSIFY_HUMAN_RCPT_MAX; i++)
		many[i] = "a@example.org";
	/* no text, or a list too long to read the text for: no index */
	in.recipients = many;
	in.nrecipients = 1;
	assert_null(classify_mentions_new(&in, NULL, 0));
	in.human.text = "a@example.org";
	in.human.len = 13;
	in.nrecipients = CLASSIFY_HUMAN_RCPT_MAX + 1;
	assert_null(classify_mentions_new(&in, NULL, 0));
	/* too few recipients for an index to pay */
	in.nrecipients = CLASSIFY_MENTIONS_MIN - 1;
	assert_null(classify_mentions_new(&in, NULL, 0));
	in.nrecipients = CLASSIFY_MENTIONS_MIN;
	{
		struct classify_mentions *m = classify_mentions_new(&in, NULL, 0);

		assert_non_null(m);
		classify_mentions_free(m);
	}
	classify_mentions_free(NULL);
}

/*
 * A report of many recipients, each with its paragraph and a cause of its
 * own: judged with one index for all, as without one.
 */
static void
test_same_verdicts(void **state)
{
	(void)state;
	static const char *const causes[] = {
		"User unknown", "Mailbox full", "Relay access denied",
		"Message rejected as spam", "account has been disabled",
	};
	char addr[40][32];
	const char *rcpts[40];
	struct buf text = BUF_INIT;
	struct classify_input in = { 0 };
	struct classify_mentions *m;

	for (int i = 0; i < 40; i++) {
		snprintf(addr[i], sizeof(addr[i]), "user%d@example.org", i);
		rcpts[i] = addr[i];
		/* user1 is a prefix of user10..user19: each must find its own */
		buf_printf(&text, "<%s>: host mx.example.org said: 550 %s\n%s",
		    addr[i], causes[i % 5], i % 3 ? "" : "\n");
	}
	in.human.text = text.data;
	in.human.len = text.len;
	in.recipients = rcpts;
	in.nrecipients = 40;
	in.action = "failed";
	m = classify_mentions_new(&in, NULL, 0);
	for (int i = 0; i < 40; i++) {
		struct classify_result with, without;

		in.recipient = rcpts[i];
		in.mentions = m;
		classify(&in, &with);
		in.mentions = NULL;
		classify(&in, &without);
		assert_string_equal(with.reason, without.reason);
		assert_int_equal(with.hard, without.hard);
		assert_string_equal(with.status, without.status);
	}
	/* the causes were read from each recipient's own line */
	in.recipient = rcpts[2];
	in.mentions = m;
	{
		struct classify_result r;

		classify(&in, &r);
		assert_string_equal(r.reason, "norelaying");
		in.recipient = rcpts[11];
		classify(&in, &r);
		assert_string_equal(r.reason, "mailboxfull");
	}
	classify_mentions_free(m);
	buf_free(&text);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_find),
		cmocka_unit_test(test_limits),
		cmocka_unit_test(test_same_verdicts),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
