/*
 * Unit tests for whole-message decoding (core/decode/bounce.c, core/decode/source.c) on
 * the sample mails in tests/data/mail/: report nesting, transfer encodings,
 * RFC 6533 global reports, returned headers, line endings, mbox, bad input.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "core/decode/bounce.h"
#include "core/decode/decode.h"
#include "core/decode/dsn.h"
#include "core/decode/source.h"
#include "core/shared/buf.h"
#include "core/shared/file.h"

#define DATA "tests/data/mail/"

static char *
slurp(const char *path, size_t *len)
{
	char *data;

	assert_int_equal(file_read(path, 1 << 24, &data, len), STATUS_OK);
	return data;
}

static struct bounce *
decode_file(const char *path)
{
	struct bounce *b = NULL;
	size_t len;
	char *data = slurp(path, &len);

	assert_int_equal(bounce_decode(data, len, &b), STATUS_OK);
	free(data);
	return b;
}

static void
check_nested(struct bounce *b)
{
	assert_int_equal(b->kind, BOUNCE_KIND_DSN);
	assert_true(b->is_bounce);
	assert_string_equal(b->message_id, "20261110081502.AB12C3D4E5@gw.example.org");
	assert_string_equal(b->reporting_mta, "gw.example.org");
	assert_string_equal(bounce_field(b, "x-postfix-queue-id"), "AB12C3D4E5");
	assert_int_equal(b->nrcpt, 1);
	assert_string_equal(b->rcpt[0].recipient, "bob@example.net");
	assert_string_equal(b->rcpt[0].status, "5.1.1");
	assert_string_equal(b->rcpt[0].reply_code, "550");
	assert_string_equal(b->rcpt[0].remote_mta, "mx.example.net");
	assert_string_equal(b->original.part, "message/rfc822");
	assert_string_equal(b->original.message_id, "orig-1@example.org");
	/* the report's own text, not the gateway's note around it */
	assert_non_null(b->human);
	assert_non_null(strstr(b->human, "Recipient address rejected"));
	/* RFC 2047 decoded by GMime */
	assert_string_equal(b->original.subject, "Gr\xc3\xbc\xc3\x9f" "e aus K\xc3\xb6ln");
}

static void
test_nested_report(void **state)
{
	(void)state;
	struct bounce *b = decode_file(DATA "nested.eml");

	check_nested(b);
	bounce_free(b);
}

/* The same mail with CRLF and with CR-only line endings decodes the same. */
static void
test_line_endings(void **state)
{
	(void)state;
	size_t len, i;
	char *lf = slurp(DATA "nested.eml", &len);
	struct buf crlf = BUF_INIT, cr = BUF_INIT;
	struct bounce *b;

	for (i = 0; i < len; i++) {
		if (lf[i] == '\n') {
			buf_add(&crlf, "\r\n", 2);
			buf_addc(&cr, '\r');
		} else {
			buf_addc(&crlf, lf[i]);
			buf_addc(&cr, lf[i]);
		}
	}
	assert_int_equal(bounce_decode(crlf.data, crlf.len, &b), STATUS_OK);
	check_nested(b);
	bounce_free(b);
	assert_int_equal(bounce_decode(cr.data, cr.len, &b), STATUS_OK);
	check_nested(b);
	bounce_free(b);
	buf_free(&crlf);
	buf_free(&cr);
	free(lf);
}

static void
test_base64_part_no_report_type(void **state)
{
	(void)state;
	struct bounce *b = decode_file(DATA "b64-dsn.eml");

	assert_int_equal(b->kind, BOUNCE_KIND_DSN);
	assert_int_equal(b->nrcpt, 1);
	assert_string_equal(b->rcpt[0].recipient, "dan@example.net");
	assert_string_equal(b->rcpt[0].status, "5.2.2");
	assert_string_equal(b->rcpt[0].reply_code, "552");
	assert_null(b->original.part);
	bounce_free(b);
}

static void
test_global_qp(void **state)
{
	(void)state;
	struct bounce *b = decode_file(DATA "global-qp.eml");

	assert_int_equal(b->kind, BOUNCE_KIND_DSN);
	assert_string_equal(b->subject, "Unzustellbar: Bericht");
	assert_string_equal(b->envelope_id, "ENV+123");
	assert_int_equal(b->nrcpt, 1);
	assert_string_equal(b->rcpt[0].recipient, "\xe7\x94\xa8\xe6\x88\xb7@example.jp");
	assert_string_equal(b->rcpt[0].original_recipient, "\xe7\x94\xa8\xe6\x88\xb7@example.jp");
	assert_string_equal(b->original.part, "message/global-headers");
	assert_string_equal(b->original.message_id, "orig-global@example.com");
	assert_string_equal(b->original.subject, "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e");
	bounce_free(b);
}

static void
test_exim_generic_status(void **state)
{
	(void)state;
	struct bounce *b = decode_file(DATA "exim-hdrs.eml");

	assert_int_equal(b->nrcpt, 1);
	assert_string_equal(b->rcpt[0].recipient, "frank@example.net");
	assert_string_equal(b->rcpt[0].action, "failed");
	/* Exim's 5.0.0 is replaced by the code in the multi-line reply */
	assert_string_equal(b->rcpt[0].status_raw, "5.0.0");
	assert_string_equal(b->rcpt[0].status, "5.1.1");
	assert_int_equal(b->rcpt[0].status_source, STATUS_SOURCE_DIAGNOSTIC);
	assert_string_equal(b->rcpt[0].reply_code, "550");
	assert_string_equal(b->original.part, "text/rfc822-headers");
	assert_string_equal(b->original.message_id, "orig-exim@example.org");
	assert_string_equal(b->original.subject, "Quarterly numbers");
	bounce_free(b);
}

/* Real Exim 4.96 delay warnings (tests/e2e made them): the remote host and
 * the reason live only in the text part, and the closing boilerplate is
 * not a reason. */
static void
test_exim_delay_warning(void **state)
{
	(void)state;
	struct bounce *b = decode_file(DATA "exim-delay.eml");

	assert_int_equal(b->nrcpt, 1);
	assert_string_equal(b->rcpt[0].action, "delayed");
	assert_string_equal(b->rcpt[0].status_raw, "4.0.0");
	assert_string_equal(b->rcpt[0].status, "4.4.7");
	assert_string_equal(b->rcpt[0].reply_code, "450");
	assert_string_equal(b->rcpt[0].remote_mta, "mx.remote.test");
	assert_non_null(strstr(b->rcpt[0].diagnostic, "450 4.4.7"));
	assert_null(strstr(b->rcpt[0].diagnostic, "No action is required"));
	bounce_free(b);

	b = decode_file(DATA "exim-delay-noreason.eml");
	assert_int_equal(b->nrcpt, 1);
	assert_string_equal(b->rcpt[0].recipient, "someone@refused.test");
	assert_true(b->rcpt[0].diagnostic == NULL ||
	    strstr(b->rcpt[0].diagnostic, "No action is required") == NULL);
	bounce_free(b);
}

static void
test_plain_mail(void **state)
{
	(void)state;
	struct bounce *b = decode_file(DATA "plain.eml");

	assert_int_equal(b->kind, BOUNCE_KIND_NONE);
	assert_false(b->is_bounce);
	assert_int_equal(b->nrcpt, 0);
	bounce_free(b);
}

/* A read receipt is no failure; Dovecot's refusal in the same format is. */
static void
test_mdn(void **state)
{
	static const char head[] =
	    "From: MAILER-DAEMON@mx.example.org\n"
	    "To: a@example.net\n"
	    "Subject: Rejected: x\n"
	    "MIME-Version: 1.0\n"
	    "Content-Type: multipart/report; report-type=disposition-notification; "
	    "boundary=B\n\n--B\nContent-Type: text/plain\n\n"
	    "Your message to <k@example.org> was automatically rejected:\n"
	    "Quota exceeded (mailbox for user is full)\n\n"
	    "--B\nContent-Type: message/disposition-notification\n\n"
	    "Reporting-UA: mx.example.org; Dovecot Mail Delivery Agent\n"
	    "Final-Recipient: rfc822; k@example.org\n"
	    "Disposition: ";
	static const struct {
		const char *disposition;
		bool refused;
	} cases[] = {
		{ "automatic-action/MDN-sent-automatically; deleted", true },
		{ "Automatic-Action/MDN-sent-automatically;deleted", true },
		/* A person deleting it unread is no failure of delivery. */
		{ "manual-action/MDN-sent-manually; deleted", false },
		{ "automatic-action/MDN-sent-automatically; displayed", false },
		{ "automatic-action/MDN-sent-automatically; deleted-ish", false },
		/* RFC 2298's "denied" is about the receipt, not the message. */
		{ "automatic-action/MDN-sent-automatically; denied", false },
		{ "automatic-action", false },
		{ "", false },
	};
	struct bounce *b;

	(void)state;
	b = decode_file(DATA "mdn-dovecot-quota.eml");
	assert_int_equal(b->kind, BOUNCE_KIND_MDN);
	assert_true(b->is_bounce);
	assert_int_equal(b->nrcpt, 1);
	assert_string_equal(b->rcpt[0].recipient, "kijitora@example.org");
	assert_string_equal(b->rcpt[0].action, "failed");
	assert_string_equal(b->rcpt[0].diagnostic, "Quota exceeded (mailbox for user is full)");
	assert_string_equal(b->rcpt[0].reason, "mailboxfull");
	bounce_free(b);
	b = decode_file(DATA "mdn-displayed.eml");
	assert_int_equal(b->kind, BOUNCE_KIND_MDN);
	assert_false(b->is_bounce);
	assert_int_equal(b->nrcpt, 0);
	bounce_free(b);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct buf m = BUF_INIT;

		buf_printf(&m, "%s%s\n\n--B--\n", head, cases[i].disposition);
		assert_int_equal(bounce_decode(m.data, m.len, &b), STATUS_OK);
		assert_int_equal(b->kind, BOUNCE_KIND_MDN);
		assert_int_equal(b->is_bounce, cases[i].refused);
		assert_int_equal(b->nrcpt, cases[i].refused ? 1 : 0);
		bounce_free(b);
		buf_free(&m);
	}
}

static void
test_bad_input(void **state)
{
	(void)state;
	struct bounce *b = NULL;
	unsigned char junk[8192];
	uint32_t x = 99;

	assert_int_equal(bounce_decode("", 0, &b), STATUS_EMPTY);
	assert_null(b);
	for (size_t i = 0; i < sizeof(junk); i++) {
		x = x * 1664525u + 1013904223u;
		junk[i] = (unsigned char)(x >> 24);
	}
	assert_int_equal(bounce_decode((const char *)junk, sizeof(junk), &b), STATUS_NOT_MAIL);
	assert_null(b);
	/* Bytes that GMime accepts as a header are still not mail. */
	const char *fake[] = { "\353:0 x\n\nbody\n", "Colour: blue\nSize: 3\n\nbody\n" };
	for (size_t i = 0; i < 2; i++)
		assert_int_equal(bounce_decode(fake[i], strlen(fake[i]), &b), STATUS_NOT_MAIL);
	assert_int_equal(bounce_decode("\x01", 1, &b), STATUS_NOT_MAIL);
	assert_int_equal(bounce_decode("ab\n", 3, &b), STATUS_NOT_MAIL);
}

/* A single message saved with an mbox separator line, in each line ending. */
static void
test_from_line(void **state)
{
	(void)state;
	const char *texts[] = {
		"From x Mon Jan  1 00:00:00 2026\nFrom: a@example.org\nSubject: s\n\nbody\n",
		"From x Mon Jan  1 00:00:00 2026\r\nFrom: a@example.org\r\nSubject: s\r\n\r\nbody\r\n",
		"From x Mon Jan  1 00:00:00 2026\rFrom: a@example.org\rSubject: s\r\rbody\r",
	};
	struct bounce *b;

	for (size_t i = 0; i < 3; i++) {
		assert_int_equal(bounce_decode(texts[i], strlen(texts[i]), &b), STATUS_OK);
		assert_string_equal(b->subject, "s");
		assert_string_equal(b->from, "a@example.org");
		bounce_free(b);
	}
}

static void
test_mbox_source(void **state)
{
	(void)state;
	struct source *s;
	struct source_item it;
	int n = 0;

	assert_int_equal(source_open(DATA "three.mbox", &s), STATUS_OK);
	while (source_next(s, &it)) {
		n++;
		assert_int_equal(it.status, STATUS_OK);
		assert_int_equal(it.index, n);
		assert_string_equal(it.file, DATA "three.mbox");
		if (n == 2) {
			assert_false(it.bounce->is_bounce);
		} else {
			assert_true(it.bounce->is_bounce);
			assert_string_equal(it.bounce->rcpt[0].recipient,
			    n == 1 ? "bob@example.net" : "frank@example.net");
		}
		source_item_clear(&it);
	}
	source_close(s);
	assert_int_equal(n, 3);
}

static void
test_source_errors(void **state)
{
	(void)state;
	struct source *s = NULL;
	char dir[] = "/tmp/bounceq-test-XXXXXX";

	assert_int_equal(source_open(DATA "no-such-file", &s), STATUS_NOENT);
	assert_null(s);
	assert_non_null(mkdtemp(dir));
	assert_int_equal(source_open(dir, &s), STATUS_NO_MAIL_FOUND);
	assert_null(s);
	rmdir(dir);
}

/* A multipart/report with one delivery-status group of the given fields. */
static struct bounce *
report(const char *fields)
{
	struct buf m = BUF_INIT;
	struct bounce *b = NULL;

	buf_printf(&m,
	    "From: MAILER-DAEMON@mx.example.org\n"
	    "To: sender@example.org\n"
	    "Subject: Undelivered Mail Returned to Sender\n"
	    "MIME-Version: 1.0\n"
	    "Content-Type: multipart/report; report-type=delivery-status; boundary=\"B\"\n"
	    "\n--B\nContent-Type: text/plain\n\nThe mail could not be delivered.\n"
	    "\n--B\nContent-Type: message/delivery-status\n\n"
	    "Reporting-MTA: dns; mx.example.org\n\n%s\n"
	    "--B--\n", fields);
	assert_int_equal(bounce_decode(m.data, m.len, &b), STATUS_OK);
	buf_free(&m);
	return b;
}

/* recipient is the address the sender used; final_recipient as written. */
static void
test_sender_address(void **state)
{
	static const struct {
		const char *fields, *recipient, *final;
	} cases[] = {
		/* An X.400 final address. */
		{ "Original-Recipient: rfc822;kim@example.net\n"
		  "Final-Recipient: X400; /S=kim/OU=sales/O=example/PRMD=x/ADMD=y/C=de/\n"
		  "Action: failed\nStatus: 5.1.1\n",
		  "kim@example.net", "/S=kim/OU=sales/O=example/PRMD=x/ADMD=y/C=de/" },
		/* An internal host behind the gateway. */
		{ "Original-Recipient: rfc822;kim@example.net\n"
		  "Final-Recipient: rfc822;kim@sims-ms-daemon\n"
		  "Action: failed\nStatus: 5.2.2\n",
		  "kim@example.net", "kim@sims-ms-daemon" },
		/* After an alias: the list address the sender wrote. */
		{ "Original-Recipient: rfc822;staff@example.net\n"
		  "Final-Recipient: rfc822;kim@mailcluster.local\n"
		  "Action: failed\nStatus: 5.1.1\n",
		  "staff@example.net", "kim@mailcluster.local" },
		/* xtext in the Original-Recipient is decoded first. */
		{ "Original-Recipient: rfc822;kim+2Bx@example.net\n"
		  "Final-Recipient: rfc822;kim@host.example.net\n"
		  "Action: failed\nStatus: 5.1.1\n",
		  "kim+x@example.net", "kim@host.example.net" },
		/* An Original-Recipient that is no address gives way. */
		{ "Original-Recipient: rfc822;kim\n"
		  "Final-Recipient: rfc822;kim@example.net\n"
		  "Action: failed\nStatus: 5.1.1\n",
		  "kim@example.net", "kim@example.net" },
		/* X.400 without an original: the address the diagnostic names. */
		{ "Final-Recipient: x400; /S=kim/O=example/C=de/\n"
		  "Action: failed\nStatus: 5.1.1\n"
		  "Diagnostic-Code: smtp; 550 5.1.1 <kim@example.net>... User unknown\n",
		  "kim@example.net", "/S=kim/O=example/C=de/" },
		/* X-Actual-Recipient stands for an unknown-type final address. */
		{ "Final-Recipient: unknown; kim at example\n"
		  "X-Actual-Recipient: rfc822; kim@example.net\n"
		  "Action: failed\nStatus: 5.1.1\n",
		  "kim@example.net", "kim at example" },
		/* No Action field: the reply's class says it failed (below). */
		{ "Final-recipient: rfc822; kim@example.net\n"
		  "Diagnostic-Code: smtp; 552 RCPT TO:<kim@example.net> Mailbox disk quota exceeded\n",
		  "kim@example.net", "kim@example.net" },
		/* One bracket of a pair is no part of the address. */
		{ "Final-Recipient: rfc822;kim@example.net>\n"
		  "Action: failed\nStatus: 5.1.1\n",
		  "kim@example.net", "kim@example.net" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct bounce *b = report(cases[i].fields);

		assert_int_equal(b->nrcpt, 1);
		assert_string_equal(b->rcpt[0].recipient, cases[i].recipient);
		assert_string_equal(b->rcpt[0].final_recipient, cases[i].final);
		/* Every case is a failure, with or without an Action field. */
		assert_string_equal(b->rcpt[0].action, "failed");
		bounce_free(b);
	}
}

static void
test_address_valid(void **state)
{
	static const char *const good[] = {
		"a@example.org", "a.b+c@example.org", "\"a b\"@example.org",
		"kim@sims-ms-daemon", "a@[192.0.2.1]", "ユーザー@例え.jp",
	};
	static const char *const bad[] = {
		"", "a", "@example.org", "a@", "a b@example.org", "a..b@example.org",
		".a@example.org", "a@example..org", "@smtp.example.net:kim@server",
		"Kim <kim@example.org>", "a@exa mple.org", "\"a\"b@example.org",
	};

	(void)state;
	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++)
		assert_true(dsn_address_valid(good[i]));
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_false(dsn_address_valid(bad[i]));
	assert_false(dsn_address_valid(NULL));
}

/* What some tools save is still mail: a start of blank lines, NULs, no end. */
static void
test_tolerant_start(void **state)
{
	static const char mail[] =
	    "From: MAILER-DAEMON@mx.example.org\nSubject: Undelivered Mail Returned to Sender\n"
	    "Content-Type: multipart/report; report-type=delivery-status; boundary=\"B\"\n"
	    "\n--B\nContent-Type: message/delivery-status\n\n"
	    "Final-Recipient: rfc822;kim@example.net\nAction: failed\nStatus: 5.1.1\n"
	    "\n--B--";
	const char *prefixes[] = {
		"", "\n", "\r\n\r\n", "  \t \n", "                                        \n\n",
		"From MAILER-DAEMON Mon Jan  1 00:00:00 2026\n",
		"\n \nFrom MAILER-DAEMON Mon Jan  1 00:00:00 2026\n",
	};
	struct bounce *b;

	(void)state;
	for (size_t i = 0; i < sizeof(prefixes) / sizeof(prefixes[0]); i++) {
		struct buf m = BUF_INIT;

		buf_adds(&m, prefixes[i]);
		buf_adds(&m, mail);
		assert_int_equal(bounce_decode(m.data, m.len, &b), STATUS_OK);
		assert_int_equal(b->nrcpt, 1);
		assert_string_equal(b->rcpt[0].recipient, "kim@example.net");
		bounce_free(b);
		buf_free(&m);
	}
	/* A NUL in the header or the body does not end the mail. */
	{
		char withnul[sizeof(mail)];

		memcpy(withnul, mail, sizeof(mail));
		withnul[strlen("From: MAILER-DAEMON@mx")] = '\0';
		withnul[sizeof(mail) - 10] = '\0';
		assert_int_equal(bounce_decode(withnul, sizeof(mail) - 1, &b), STATUS_OK);
		assert_int_equal(b->nrcpt, 1);
		assert_string_equal(b->rcpt[0].recipient, "kim@example.net");
		bounce_free(b);
	}
	/* White space alone, or a separator line alone, is not mail. */
	assert_int_equal(bounce_decode(" \n\t\n\n", 5, &b), STATUS_NOT_MAIL);
	assert_int_equal(bounce_decode("From x\n", 7, &b), STATUS_NOT_MAIL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_nested_report),
		cmocka_unit_test(test_line_endings),
		cmocka_unit_test(test_base64_part_no_report_type),
		cmocka_unit_test(test_global_qp),
		cmocka_unit_test(test_exim_generic_status),
		cmocka_unit_test(test_exim_delay_warning),
		cmocka_unit_test(test_plain_mail),
		cmocka_unit_test(test_mdn),
		cmocka_unit_test(test_bad_input),
		cmocka_unit_test(test_sender_address),
		cmocka_unit_test(test_address_valid),
		cmocka_unit_test(test_tolerant_start),
		cmocka_unit_test(test_from_line),
		cmocka_unit_test(test_mbox_source),
		cmocka_unit_test(test_source_errors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
