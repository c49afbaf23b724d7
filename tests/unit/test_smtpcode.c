/* Unit tests for reply/status code recognition and xtext (core/knowledge/smtpcode.c, core/decode/xtext.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/decode/xtext_int.h"
#include "core/knowledge/smtpcode.h"

static void
test_status_valid(void **state)
{
	(void)state;
	assert_true(smtpcode_status_valid("5.1.1"));
	assert_true(smtpcode_status_valid("4.7.26"));
	assert_true(smtpcode_status_valid("5.7.515"));
	assert_true(smtpcode_status_valid("2.0.0"));
	assert_false(smtpcode_status_valid("3.1.1"));
	assert_false(smtpcode_status_valid("5.1"));
	assert_false(smtpcode_status_valid("5.1.1 "));
	assert_false(smtpcode_status_valid("5.1234.1"));
	assert_false(smtpcode_status_valid(""));
	assert_true(smtpcode_status_generic("5.0.0"));
	assert_false(smtpcode_status_generic("5.0.1"));
}

static void
test_find_status(void **state)
{
	(void)state;
	char out[SMTPCODE_STATUS_MAX];
	const char *t = "host 192.0.2.1 said: 550 5.0.0 <a@b>: 5.1.1 unknown";

	assert_true(smtpcode_find_status(t, strlen(t), 0, false, out));
	assert_string_equal(out, "5.0.0");
	assert_true(smtpcode_find_status(t, strlen(t), '5', true, out));
	assert_string_equal(out, "5.1.1");
	assert_false(smtpcode_find_status(t, strlen(t), '4', false, out));
	/* an IP address or version number is not a status */
	t = "relay 5.1.1.4 and version 4.4.7.1";
	assert_false(smtpcode_find_status(t, strlen(t), 0, false, out));
	t = "#5.7.1 denied";
	assert_true(smtpcode_find_status(t, strlen(t), 0, false, out));
	assert_string_equal(out, "5.7.1");
	/* software versions in a returned copy's headers */
	t = "X-Mailman-Version: 2.1.5\nX-Mailer: Foo v4.2.1 (version 5.0.0)";
	assert_false(smtpcode_find_status(t, strlen(t), 0, false, out));
	t = "Version 2.1.5 says: 550 5.2.2 mailbox full";
	assert_true(smtpcode_find_status(t, strlen(t), 0, false, out));
	assert_string_equal(out, "5.2.2");
}

static void
test_find_reply(void **state)
{
	(void)state;
	char out[SMTPCODE_REPLY_MAX];
	const char *t;

	t = "host mx.example.com[192.0.2.25] said: 552 5.2.2 mailbox full";
	assert_true(smtpcode_find_reply(t, strlen(t), out));
	assert_string_equal(out, "552");
	t = "550-5.1.1 The email account that you tried to reach does not exist";
	assert_true(smtpcode_find_reply(t, strlen(t), out));
	assert_string_equal(out, "550");
	t = "550-Please turn on SMTP Authentication";
	assert_true(smtpcode_find_reply(t, strlen(t), out));
	assert_string_equal(out, "550");
	t = "connect to 192.0.2.250[192.0.2.250]:25: Connection refused";
	assert_false(smtpcode_find_reply(t, strlen(t), out));
	t = "Message expired after 4550 seconds";
	assert_false(smtpcode_find_reply(t, strlen(t), out));
	/* Zoho glues codes to a label's colon and to a comma. */
	t = "Invalid Address, ERROR_CODE :550, ERROR_CODE :5.1.1 <a@example.jp>";
	assert_true(smtpcode_find_reply(t, strlen(t), out));
	assert_string_equal(out, "550");
	t = "ResponseCode 421, , Host not reachable.";
	assert_true(smtpcode_find_reply(t, strlen(t), out));
	assert_string_equal(out, "421");
	/* Ports, times and sizes are no reply codes. */
	t = "connect to mx.example.jp[192.0.2.1]:465 timed out";
	assert_false(smtpcode_find_reply(t, strlen(t), out));
	t = "Date: Thu, 20 Oct 2016 10:450 failed";
	assert_false(smtpcode_find_reply(t, strlen(t), out));
	t = "message size 250,000 exceeds the limit";
	assert_false(smtpcode_find_reply(t, strlen(t), out));
	t = "exit 255";
	assert_true(smtpcode_find_reply(t, strlen(t), out)); /* callers skip X-Unix */
	t = "";
	assert_false(smtpcode_find_reply(t, 0, out));
}

static void
test_find_pair(void **state)
{
	(void)state;
	char r[SMTPCODE_REPLY_MAX], s[SMTPCODE_STATUS_MAX];
	const char *t = "5.1.0 - Unknown address error 550-'5.7.1 <x@y>... Access denied'";

	assert_true(smtpcode_find_pair(t, strlen(t), r, s));
	assert_string_equal(r, "550");
	assert_string_equal(s, "5.7.1");
	t = "SMTP error from remote mail server after RCPT TO:<a@b>: 452 4.2.2 Over quota";
	assert_true(smtpcode_find_pair(t, strlen(t), r, s));
	assert_string_equal(r, "452");
	assert_string_equal(s, "4.2.2");
	t = "550 no enhanced code here";
	assert_false(smtpcode_find_pair(t, strlen(t), r, s));
}

static void
test_xtext(void **state)
{
	(void)state;
	char *s;

	s = xtext_decode("a+2Bb+3Dc+20d");
	assert_string_equal(s, "a+b=c d");
	free(s);
	s = xtext_decode("bad+zz+4");	/* malformed escapes stay as written */
	assert_string_equal(s, "bad+zz+4");
	free(s);
	s = xtext_decode("nul+00byte");
	assert_string_equal(s, "nul+00byte");
	free(s);
	s = xtext_decode_unicode("\\x{E9}t\\x{E9}\\x{1F600}\\x{D800}\\x{");
	assert_string_equal(s, "\xc3\xa9t\xc3\xa9\xf0\x9f\x98\x80\\x{D800}\\x{");
	free(s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_status_valid),
		cmocka_unit_test(test_find_status),
		cmocka_unit_test(test_find_reply),
		cmocka_unit_test(test_find_pair),
		cmocka_unit_test(test_xtext),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
