/* Unit tests for the RFC 3464 field-group parser (core/decode/dsn.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "core/decode/dsn.h"

static struct dsn *
parse(const char *text)
{
	struct dsn *d = NULL;

	assert_int_equal(dsn_parse(text, strlen(text), &d), STATUS_OK);
	assert_non_null(d);
	return d;
}

static void
test_postfix_groups(void **state)
{
	(void)state;
	struct dsn *d = parse(
	    "Reporting-MTA: dns; mx1.example.org\n"
	    "X-Postfix-Queue-ID: 4F2A31C0A1\n"
	    "X-Postfix-Sender: rfc822; alice@example.org\n"
	    "Arrival-Date: Mon,  2 Nov 2026 10:00:00 +0000 (UTC)\n"
	    "\n"
	    "Final-Recipient: rfc822; bob@example.net\n"
	    "Original-Recipient: rfc822;bob@example.net\n"
	    "Action: failed\n"
	    "Status: 5.1.1\n"
	    "Remote-MTA: dns; mx.example.net\n"
	    "Diagnostic-Code: smtp; 550 5.1.1 <bob@example.net>: Recipient address\n"
	    "    rejected: User unknown in local recipient table\n"
	    "\n"
	    "Final-Recipient: rfc822; carol@example.net\n"
	    "Action: delayed\n"
	    "Status: 4.4.1\n"
	    "Will-Retry-Until: Fri, 6 Nov 2026 10:00:00 +0000\n");

	assert_string_equal(d->reporting_mta, "mx1.example.org");
	assert_string_equal(d->reporting_mta_type, "dns");
	assert_string_equal(d->arrival_date, "Mon,  2 Nov 2026 10:00:00 +0000 (UTC)");
	assert_int_equal(d->nextra, 2);
	assert_string_equal(d->extra[0].name, "X-Postfix-Queue-ID");
	assert_string_equal(d->extra[0].value, "4F2A31C0A1");
	assert_int_equal(d->nrcpt, 2);
	assert_string_equal(d->rcpt[0].final_recipient, "bob@example.net");
	assert_string_equal(d->rcpt[0].final_type, "rfc822");
	assert_string_equal(d->rcpt[0].action, "failed");
	assert_string_equal(d->rcpt[0].status, "5.1.1");
	assert_string_equal(d->rcpt[0].remote_mta, "mx.example.net");
	assert_string_equal(d->rcpt[0].diagnostic_type, "smtp");
	/* the folded continuation is joined with one space */
	assert_string_equal(d->rcpt[0].diagnostic,
	    "550 5.1.1 <bob@example.net>: Recipient address rejected: User unknown in local recipient table");
	assert_string_equal(d->rcpt[1].final_recipient, "carol@example.net");
	assert_string_equal(d->rcpt[1].action, "delayed");
	assert_string_equal(d->rcpt[1].will_retry_until, "Fri, 6 Nov 2026 10:00:00 +0000");
	assert_null(d->rcpt[1].diagnostic);
	assert_int_equal(d->ngarbage, 0);
	dsn_free(d);
}

static void
test_exim_order_and_case(void **state)
{
	(void)state;
	/* Exim writes Action first; names are case-insensitive. */
	struct dsn *d = parse(
	    "reporting-mta: dns; exim.example.org\n\n"
	    "ACTION: failed\n"
	    "final-recipient: rfc822;dave@example.com\n"
	    "STATUS: 5.0.0\n"
	    "Remote-MTA: dns; mx.example.com\n"
	    "Diagnostic-Code: smtp; 550 5.1.1 No such user\n");

	assert_string_equal(d->reporting_mta, "exim.example.org");
	assert_int_equal(d->nrcpt, 1);
	assert_string_equal(d->rcpt[0].action, "failed");
	assert_string_equal(d->rcpt[0].final_recipient, "dave@example.com");
	assert_string_equal(d->rcpt[0].status, "5.0.0");
	dsn_free(d);
}

static void
test_missing_blank_lines(void **state)
{
	(void)state;
	/* No blank lines at all: a repeated field starts a new recipient. */
	struct dsn *d = parse(
	    "Reporting-MTA: dns; a.example\n"
	    "Final-Recipient: rfc822; one@example.com\n"
	    "Action: failed\n"
	    "Status: 5.2.2\n"
	    "Final-Recipient: rfc822; two@example.com\n"
	    "Action: failed\n"
	    "Status: 5.1.1\n");

	assert_string_equal(d->reporting_mta, "a.example");
	assert_int_equal(d->nrcpt, 2);
	assert_string_equal(d->rcpt[0].final_recipient, "one@example.com");
	assert_string_equal(d->rcpt[0].status, "5.2.2");
	assert_string_equal(d->rcpt[1].final_recipient, "two@example.com");
	assert_string_equal(d->rcpt[1].status, "5.1.1");
	dsn_free(d);
}

static void
test_duplicates_first_wins(void **state)
{
	(void)state;
	struct dsn *d = parse(
	    "Reporting-MTA: dns; first.example\n"
	    "Reporting-MTA: dns; second.example\n\n"
	    "Final-Recipient: rfc822; x@example.com\n"
	    "Action: failed\n"
	    "Status: 5.1.1\n"
	    "Status: 5.2.2\n"
	    "Diagnostic-Code: smtp; 550 no\n");

	assert_string_equal(d->reporting_mta, "first.example");
	assert_int_equal(d->nrcpt, 1);
	assert_string_equal(d->rcpt[0].status, "5.1.1");
	assert_string_equal(d->rcpt[0].diagnostic, "550 no");
	dsn_free(d);
}

static void
test_garbage_and_comments(void **state)
{
	(void)state;
	struct dsn *d = parse(
	    "this line is not a field\n"
	    "Reporting-MTA: dns; r.example\n"
	    "\n"
	    "=== garbage ===\n"
	    "Final-Recipient: RFC822; <Eve@Example.COM> (the boss)\n"
	    "Action: Failed (bad destination mailbox address)\n"
	    "Status: 5.1.1 (user unknown)\n"
	    ": no name\n");

	assert_int_equal(d->ngarbage, 3);
	assert_int_equal(d->nrcpt, 1);
	assert_string_equal(d->rcpt[0].final_recipient, "Eve@Example.COM");
	assert_string_equal(d->rcpt[0].action, "failed");
	assert_string_equal(d->rcpt[0].status, "5.1.1");
	assert_string_equal(d->rcpt[0].status_comment, "user unknown");
	dsn_free(d);
}

static void
test_line_endings(void **state)
{
	(void)state;
	const char *crlf = "Reporting-MTA: dns; m.example\r\n\r\n"
	    "Final-Recipient: rfc822; a@example.com\r\nAction: failed\r\n"
	    "Diagnostic-Code: smtp; 550 first\r\n second\r\nStatus: 5.0.0\r\n";
	const char *cr = "Reporting-MTA: dns; m.example\r\r"
	    "Final-Recipient: rfc822; a@example.com\rAction: failed\r"
	    "Diagnostic-Code: smtp; 550 first\r second\rStatus: 5.0.0\r";
	const char *texts[] = { crlf, cr };

	for (int i = 0; i < 2; i++) {
		struct dsn *d = parse(texts[i]);
		assert_string_equal(d->reporting_mta, "m.example");
		assert_int_equal(d->nrcpt, 1);
		assert_string_equal(d->rcpt[0].final_recipient, "a@example.com");
		assert_string_equal(d->rcpt[0].diagnostic, "550 first second");
		assert_string_equal(d->rcpt[0].status, "5.0.0");
		dsn_free(d);
	}
}

static void
test_xtext_and_utf8(void **state)
{
	(void)state;
	struct dsn *d = parse(
	    "Reporting-MTA: dns; m.example\n"
	    "Original-Envelope-Id: env+2B42+3Dx\n\n"
	    "Original-Recipient: rfc822;first+2Blast@example.com\n"
	    "Final-Recipient: rfc822; first+last@example.com\n"
	    "Action: failed\nStatus: 5.1.1\n\n"
	    "Original-Recipient: utf-8;j\\x{00F6}rg@example.de\n"
	    "Final-Recipient: utf-8; \\x{7528}\\x{6237}@example.cn\n"
	    "Action: failed\nStatus: 5.1.1\n");

	assert_string_equal(d->envelope_id, "env+42=x");
	assert_int_equal(d->nrcpt, 2);
	assert_string_equal(d->rcpt[0].original_recipient, "first+last@example.com");
	assert_string_equal(d->rcpt[0].final_recipient, "first+last@example.com");
	assert_string_equal(d->rcpt[1].original_type, "utf-8");
	assert_string_equal(d->rcpt[1].original_recipient, "j\xc3\xb6rg@example.de");
	assert_string_equal(d->rcpt[1].final_recipient, "\xe7\x94\xa8\xe6\x88\xb7@example.cn");
	dsn_free(d);
}

static void
test_doubled_type(void **state)
{
	(void)state;
	struct dsn *d = parse(
	    "Original-Recipient: rfc822; rfc822;fred@example.net\n"
	    "Final-Recipient: RFC822; RFC822; <fred@example.net>\n"
	    "Action: failed\nStatus: 5.7.1\n");

	assert_int_equal(d->nrcpt, 1);
	assert_string_equal(d->rcpt[0].original_recipient, "fred@example.net");
	assert_string_equal(d->rcpt[0].final_recipient, "fred@example.net");
	dsn_free(d);
}

static void
test_missing_fields(void **state)
{
	(void)state;
	/* No per-message group, no Status, a value without a type. */
	struct dsn *d = parse("Final-Recipient: someone@example.com\nAction: failed\n");

	assert_null(d->reporting_mta);
	assert_int_equal(d->nrcpt, 1);
	assert_string_equal(d->rcpt[0].final_recipient, "someone@example.com");
	assert_null(d->rcpt[0].final_type);
	assert_null(d->rcpt[0].status);
	assert_string_equal(dsn_recipient_address(&d->rcpt[0]), "someone@example.com");
	dsn_free(d);
}

static void
test_empty_and_binary(void **state)
{
	(void)state;
	struct dsn *d = parse("");
	assert_int_equal(d->nrcpt, 0);
	dsn_free(d);

	unsigned char junk[4096];
	uint32_t x = 12345;
	for (size_t i = 0; i < sizeof(junk); i++) {
		x = x * 1103515245u + 12345u;
		junk[i] = (unsigned char)(x >> 16);
	}
	assert_int_equal(dsn_parse((const char *)junk, sizeof(junk), &d), STATUS_OK);
	assert_non_null(d);
	dsn_free(d);
}

static void
test_address_fallbacks(void **state)
{
	(void)state;
	/* Only X-Actual-Recipient, then only Original-Recipient. */
	struct dsn *d = parse(
	    "X-Actual-Recipient: rfc822; real@example.com\nAction: failed\nStatus: 5.1.1\n\n"
	    "Original-Recipient: rfc822; orig@example.com\nAction: failed\nStatus: 5.1.1\n");

	assert_int_equal(d->nrcpt, 2);
	assert_string_equal(dsn_recipient_address(&d->rcpt[0]), "real@example.com");
	assert_string_equal(dsn_recipient_address(&d->rcpt[1]), "orig@example.com");
	dsn_free(d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_postfix_groups),
		cmocka_unit_test(test_exim_order_and_case),
		cmocka_unit_test(test_missing_blank_lines),
		cmocka_unit_test(test_duplicates_first_wins),
		cmocka_unit_test(test_garbage_and_comments),
		cmocka_unit_test(test_line_endings),
		cmocka_unit_test(test_xtext_and_utf8),
		cmocka_unit_test(test_doubled_type),
		cmocka_unit_test(test_missing_fields),
		cmocka_unit_test(test_empty_and_binary),
		cmocka_unit_test(test_address_fallbacks),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
