/*
 * Unit tests for the text-bounce recognisers (core/decode/textbounce.c,
 * the engine and family tables in core/decode/rules/, core/decode/feedback.c,
 * and the decoder that orders them, core/decode/decode.c): one real mail per family
 * from the Sisimai corpus in tests/data/sisimai/, feedback reports,
 * auto-replies, mails that are not bounces, gap filling in delivery-status
 * reports, the pattern language, and linear time on hostile input.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <cmocka.h>
#include <dirent.h>

#include "core/decode/bounce.h"
#include "core/decode/bounce_json.h"
#include "core/decode/decode.h"
#include "core/decode/decode_int.h"
#include "core/decode/mime_int.h"
#include "core/decode/rules/rules_int.h"
#include "core/decode/sesjson_int.h"
#include "core/decode/source.h"
#include "core/shared/buf.h"
#include "core/shared/file.h"

#define BSD "tests/data/sisimai/maildir/bsd/"
#define NOT "tests/data/sisimai/maildir/not/"

/* Through core/decode/source.c, as the front-ends read files (mbox "From " lines). */
static struct bounce *
decode_file(const char *path)
{
	struct source *src;
	struct source_item item;
	struct bounce *b;

	assert_int_equal(source_open(path, &src), STATUS_OK);
	assert_true(source_next(src, &item));
	assert_int_equal(item.status, STATUS_OK);
	b = item.bounce;
	item.bounce = NULL;
	source_item_clear(&item);
	source_close(src);
	return b;
}

static struct bounce *
decode_text(const char *text)
{
	struct bounce *b = NULL;

	assert_int_equal(bounce_decode(text, strlen(text), &b), STATUS_OK);
	return b;
}

/*
 * One mail per family: what the text says, read off the mail by hand.
 * status and reply are NULL where the text carries none.
 */
struct family_case {
	const char *file;
	const char *mta;
	size_t nrcpt;
	const char *rcpt;	/* the first recipient */
	const char *status;
	const char *reply;
	const char *diag_part;	/* a piece of the first diagnostic */
};

static const struct family_case cases[] = {
	{ "lhost-qmail-01.eml", "qmail", 1, "kijitora@example.ne.jp", "5.5.0",
	  "550", "Unknown user kijitora@example.ne.jp" },
	{ "lhost-qmail-02.eml", "qmail", 2, "userunknown@example.jp", "5.1.1",
	  "550", "User Unknown" },
	{ "lhost-exim-01.eml", "exim", 1, "kijitora@example.ed.jp", "5.7.0",
	  "550", "Please use the smtp server of your ISP" },
	{ "lhost-exim-02.eml", "exim", 2, "kijitora@example.jp", "5.1.1",
	  "550", "User Unknown" },
	{ "lhost-gmail-01.eml", "gmail", 1, "userunknown@example.jp", "5.1.1",
	  "550", "User Unknown" },
	{ "lhost-yahoo-01.eml", "yahoo", 1, "kijitora@example.org", "5.1.1",
	  "550", "User Unknown" },
	{ "lhost-dragonfly-01.eml", "dragonfly", 1,
	  "pseudo-local-part@google.example.com", "5.7.26", "550",
	  "did not like our final DATA" },
	{ "lhost-mailru-01.eml", "mailru", 1, "kijitora@example.jp", "5.1.1",
	  "550", "User Unknown" },
	{ "lhost-einsundeins-02.eml", "einsundeins", 1, "kijitora@example.org",
	  NULL, NULL, "Mail size limit exceeded" },
	{ "lhost-gmx-01.eml", "gmx", 1, "shironeko@example.jp", "5.2.2", NULL,
	  "Mailbox Full" },
	{ "lhost-mxlogic-01.eml", "mxlogic", 1, "kijitora@example.co.jp",
	  "5.1.1", "550", "User unknown in local recipient table" },
	{ "lhost-exchange2003-02.eml", "exchange2003", 2,
	  "kijitora@example.co.jp", NULL, NULL,
	  "The recipient name is not recognized" },
	{ "lhost-office365-01.eml", "office365", 1, "kijitora@example.com",
	  "5.1.10", NULL, "wasn" },
	{ "lhost-imailserver-01.eml", "imailserver", 1, "kijitora@example.com",
	  NULL, NULL, "Unknown user" },
	{ "lhost-kddi-01.eml", "kddi", 1, "kijitora@x0000000000000.dion.ne.jp",
	  NULL, NULL, "mailbox is full" },
	{ "lhost-ezweb-04.eml", "ezweb", 1,
	  "this-local-part-does-not-exist-on-the-server@ezweb.ne.jp", NULL, "550",
	  "User unknown" },
	{ "lhost-opensmtpd-02.eml", "opensmtpd", 2, "mailboxfull@example.jp",
	  "5.2.2", "550", "Mailbox Full" },
	{ "lhost-activehunter-01.eml", "activehunter", 1, "kijitora@example.org",
	  "5.1.1", "550", "no mailbox here by that name" },
	{ "lhost-v5sendmail-07.eml", "sendmail", 3, "kijitora@example.org",
	  NULL, "554", "Remote protocol error" },
	{ "lhost-mailmarshal-02.eml", "mailmarshal", 1,
	  "kijitora@nyaan.example.com", "5.1.1", "550", "User unknown" },
	{ "lhost-mailfoundry-01.eml", "mailfoundry", 1, "kijitora@example.org",
	  NULL, "550", "No such user here" },
	{ "lhost-verizon-02.eml", "verizon", 1,
	  "may-be-straycat-nyaaaaaan@vtext.com", NULL, "550", "no such user here" },
	{ "lhost-apachejames-01.eml", "apachejames", 1,
	  "000000000000@vtext.example.com", NULL, "550", "no such user here" },
	{ "lhost-domino-01.eml", "domino", 1, "kijitora@example.jp", NULL, NULL,
	  "not listed in Domino Directory" },
	{ "lhost-notes-01.eml", "notes", 1, "kijitora@u1.example.co.jp", NULL,
	  NULL, NULL },
	{ "lhost-biglobe-01.eml", "biglobe", 1, "postmaster@mxr.biglobe.ne.jp",
	  NULL, NULL, "exceeded the local limit" },
	{ "lhost-x1-01.eml", "x1", 1, "kijitora@example.co.jp", NULL, NULL,
	  "User unknown" },
	{ "lhost-x2-01.eml", "x2", 1, "kijitora@example.co.jp", NULL, NULL,
	  "doesn't have a example.co.jp account" },
	{ "lhost-x3-01.eml", "x3", 1, "kijitora@example.com", "5.3.0", "553",
	  "No such user here" },
	{ "lhost-x4-01.eml", "x4", 1, "kijitora@example.com", NULL, NULL,
	  "mailfolder is full" },
	{ "lhost-x6-01.eml", "x6", 1, "kijitora@nyaan.example.org", "5.4.6",
	  "554", "Hop count exceeded" },
	{ "lhost-trendmicro-01.eml", "trendmicro", 1, "kijitora@example.co.jp",
	  "5.1.1", "550", "user unknown" },
	{ "lhost-zoho-02.eml", "zoho", 2, "mikeneko@example.co.jp", "5.2.1",
	  NULL, "User Unknown" },
	{ "lhost-mimecast-01.eml", "mimecast", 1, "sabineko@neko.ef.example.org",
	  "5.4.1", NULL, "Recipient address rejected" },
	{ "lhost-mfilter-01.eml", "mfilter", 1, "kijitora@example.com", NULL,
	  "550", "unknown user" },
	{ "rfc3464-37.eml", "smail", 1, "kijitora@neko.nyaan.example.com", NULL,
	  NULL, "unknown host" },
	{ "lhost-googlegroups-01.eml", "googlegroups", 1, NULL, NULL, NULL,
	  NULL },
};

static void
test_families(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct family_case *c = &cases[i];
		char path[256];
		struct bounce *b;
		const struct bounce_recipient *r;

		snprintf(path, sizeof(path), BSD "%s", c->file);
		b = decode_file(path);
		print_message("%s\n", c->file);
		assert_int_equal(b->kind, BOUNCE_KIND_TEXT);
		assert_true(b->is_bounce);
		assert_non_null(b->mta);
		assert_string_equal(b->mta, c->mta);
		assert_int_equal(b->nrcpt, c->nrcpt);
		r = &b->rcpt[0];
		if (c->rcpt)
			assert_string_equal(r->recipient, c->rcpt);
		assert_non_null(strchr(r->recipient, '@'));
		if (c->status) {
			assert_non_null(r->status);
			assert_string_equal(r->status, c->status);
		}
		if (c->reply) {
			assert_non_null(r->reply_code);
			assert_string_equal(r->reply_code, c->reply);
		}
		if (c->diag_part) {
			assert_non_null(r->diagnostic);
			assert_non_null(strstr(r->diagnostic, c->diag_part));
			/* one line: joined, no control characters left */
			assert_null(strchr(r->diagnostic, '\n'));
		}
		bounce_free(b);
	}
}

/* Every corpus mail of a family decodes with recipients. */
static void
test_whole_families(void **state)
{
	static const char *const fams[] = { "qmail", "exim", "dragonfly",
	    "yahoo", "mailru", NULL };

	(void)state;
	for (const char *const *f = fams; *f; f++) {
		for (int n = 1; n <= 40; n++) {
			char path[256];
			struct bounce *b;
			FILE *fp;

			snprintf(path, sizeof(path), BSD "lhost-%s-%02d.eml", *f, n);
			if ((fp = fopen(path, "r")) == NULL)
				continue;
			fclose(fp);
			b = decode_file(path);
			print_message("%s\n", path);
			assert_true(b->nrcpt > 0);
			for (size_t i = 0; i < b->nrcpt; i++)
				assert_non_null(strchr(b->rcpt[i].recipient, '@'));
			bounce_free(b);
		}
	}
}

static void
test_exim_multi(void **state)
{
	struct bounce *b = decode_file(BSD "lhost-exim-02.eml");

	(void)state;
	assert_int_equal(b->nrcpt, 2);
	assert_string_equal(b->rcpt[1].recipient, "sabatora@example.jp");
	assert_string_equal(b->rcpt[1].status, "5.2.1");
	assert_string_equal(b->rcpt[1].remote_mta, "mx.example.jp");
	assert_string_equal(b->rcpt[0].action, "failed");
	bounce_free(b);
}

/* Mail.Ru repeats the whole report in English: one recipient, not two. */
static void
test_repeated_report(void **state)
{
	struct bounce *b = decode_file(BSD "lhost-mailru-01.eml");

	(void)state;
	assert_int_equal(b->nrcpt, 1);
	bounce_free(b);
}

static void
test_not_bounces(void **state)
{
	static const char *const files[] = { "is-not-bounce-01.eml",
	    "is-not-bounce-02.eml", "rb-issue-368-bug.eml", NULL };

	(void)state;
	for (const char *const *f = files; *f; f++) {
		char path[256];
		struct bounce *b;

		size_t len;
		char *data;

		snprintf(path, sizeof(path), NOT "%s", *f);
		print_message("%s\n", path);
		assert_int_equal(file_read(path, 1 << 24, &data, &len),
		    STATUS_OK);
		/* Not even a mail is fine too; a bounce is not. */
		if (bounce_decode(data, len, &b) != STATUS_OK) {
			free(data);
			continue;
		}
		free(data);
		assert_false(b->is_bounce);
		assert_int_equal(b->nrcpt, 0);
		bounce_free(b);
	}
}

static void
test_ordinary_mail(void **state)
{
	struct bounce *b = decode_text(
	    "From: Alice <alice@example.org>\n"
	    "To: bob@example.net\n"
	    "Subject: lunch\n"
	    "\n"
	    "<carol@example.com>:\n"
	    "are you coming too?  Write to dave@example.com as well.\n");

	(void)state;
	assert_int_equal(b->kind, BOUNCE_KIND_NONE);
	assert_false(b->is_bounce);
	assert_int_equal(b->nrcpt, 0);
	bounce_free(b);
}

static void
test_autoreply(void **state)
{
	struct bounce *b = decode_file(BSD "rfc3834-01.eml");

	(void)state;
	assert_int_equal(b->kind, BOUNCE_KIND_AUTOREPLY);
	assert_false(b->is_bounce);
	assert_int_equal(b->nrcpt, 1);
	assert_string_equal(b->rcpt[0].recipient, "kijitora@example.net");
	bounce_free(b);
	/* Subject alone, no header */
	b = decode_file(BSD "rfc3834-03.eml");
	assert_int_equal(b->kind, BOUNCE_KIND_AUTOREPLY);
	assert_string_equal(b->rcpt[0].recipient, "kijitora@apple.example.com");
	bounce_free(b);
}

/*
 * Subjects that say "automatic reply" away from their start (Lotus Notes'
 * "<name> is out of the office", a bracketed Polish prefix) or in words of
 * their own ("Automatic Response"); a mailer daemon's is still no reply.
 */
static void
test_autoreply_subjects(void **state)
{
	static const char *const subjects[] = {
		"Jane Roe/SALES/ACME is out of the office",
		"Automatic Response",
		"[Automatyczna odpowied\xc5\xba] test",
	};
	char text[512];
	struct bounce *b;

	(void)state;
	for (size_t i = 0; i < sizeof(subjects) / sizeof(subjects[0]); i++) {
		snprintf(text, sizeof(text), "From: Jane Roe <jane@example.org>\n"
		    "To: sender@example.com\nSubject: %s\n\n"
		    "I will be back on Monday.\n", subjects[i]);
		b = decode_text(text);
		assert_int_equal(b->kind, BOUNCE_KIND_AUTOREPLY);
		assert_false(b->is_bounce);
		assert_int_equal(b->nrcpt, 1);
		assert_string_equal(b->rcpt[0].recipient, "jane@example.org");
		assert_string_equal(b->rcpt[0].reason, "vacation");
		bounce_free(b);
	}
	b = decode_text("From: MAILER-DAEMON@example.org\nTo: sender@example.com\n"
	    "Subject: Jane Roe is out of the office\n\nHello.\n");
	assert_int_not_equal(b->kind, BOUNCE_KIND_AUTOREPLY);
	bounce_free(b);
}

/*
 * A gateway's "delivery failure notification": the address and the
 * server's words each on a line led by "-- ", the words after
 * "Additional information follows :", in a plain (non-report) mail.
 */
static void
test_failure_notification(void **state)
{
	struct bounce *b = decode_text(
	    "From: MAILER-DAEMON@relay.example.net\n"
	    "To: bounces@example.com\n"
	    "Subject: Email Delivery Failure\n\n"
	    "This is a delivery failure notification message indicating that\n"
	    "an email you addressed to email address :\n"
	    "-- jo.bloggs@example.edu\n\n"
	    "could not be delivered. The problem appears to be :\n"
	    "-- Recipient email address is possibly incorrect\n\n"
	    "Additional information follows :\n"
	    "-- 5.1.1 <jo.bloggs@example.edu>: Recipient address rejected: no "
	    "such user here\n\n"
	    "This condition occurred after 1 attempt(s) to deliver over\n"
	    "a period of 0 hour(s).\n");

	(void)state;
	assert_int_equal(b->kind, BOUNCE_KIND_TEXT);
	assert_string_equal(b->mta, "failurenotification");
	assert_int_equal(b->nrcpt, 1);
	assert_string_equal(b->rcpt[0].recipient, "jo.bloggs@example.edu");
	assert_string_equal(b->rcpt[0].status, "5.1.1");
	assert_string_equal(b->rcpt[0].reason, "userunknown");
	assert_true(b->rcpt[0].hard);
	assert_non_null(strstr(b->rcpt[0].diagnostic, "no such user here"));
	bounce_free(b);
}

/*
 * A report whose top-level Content-Type was lost on the way (Exchange
 * reports passed on by Amazon SES): the body opens with "--token" and
 * closes with "--token--", and is read as the multipart it was, so the
 * returned copy's words ("MALWARE", antispam fields) are not the cause.
 */
static void
test_lost_multipart_header(void **state)
{
	static const char text[] =
	    "From: MAILER-DAEMON@relay.example.net\n"
	    "To: bounces@example.com\n"
	    "Subject: Undeliverable: Weekly report\n"
	    "X-Failed-Recipients: jo@example.org\n\n"
	    "--b1-2-3\n"
	    "Content-Type: text/plain; charset=\"us-ascii\"\n\n"
	    "Your message to jo@example.org couldn't be delivered.\n"
	    "jo wasn't found at example.org.\n"
	    "Action Required                 Recipient\n"
	    "Unknown To address\n\n"
	    "--b1-2-3\n"
	    "Content-Type: message/rfc822\n\n"
	    "From: reports@example.com\n"
	    "To: jo@example.org\n"
	    "Subject: Weekly report\n"
	    "X-Microsoft-Antispam: BCL:0;\n\n"
	    "LINKS AND ATTACHMENTS MAY CONTAIN MALWARE OR OTHER THREATS\n"
	    "--b1-2-3--\n";
	struct bounce *b = decode_text(text);

	(void)state;
	assert_true(b->is_bounce);
	assert_int_equal(b->nrcpt, 1);
	assert_string_equal(b->rcpt[0].recipient, "jo@example.org");
	assert_string_equal(b->rcpt[0].reason, "userunknown");
	assert_true(b->rcpt[0].hard);
	assert_null(strstr(b->rcpt[0].diagnostic, "Content-Type"));
	assert_non_null(b->original.part);
	assert_string_equal(b->original.subject, "Weekly report");
	bounce_free(b);
	/* Without the closing delimiter the body stays text. */
	b = decode_text("From: MAILER-DAEMON@relay.example.net\n"
	    "To: bounces@example.com\nSubject: Undeliverable\n\n"
	    "--b1-2-3\nContent-Type: text/plain\n\nhello\n");
	assert_null(b->original.part);
	bounce_free(b);
}

/* A DSN carries Auto-Submitted too; it must stay a DSN. */
static void
test_dsn_not_autoreply(void **state)
{
	struct bounce *b = decode_file(BSD "lhost-postfix-01.eml");

	(void)state;
	assert_int_equal(b->kind, BOUNCE_KIND_DSN);
	assert_true(b->is_bounce);
	bounce_free(b);
}

static void
test_feedback(void **state)
{
	struct bounce *b = decode_file(BSD "arf-16.eml");

	(void)state;
	assert_int_equal(b->kind, BOUNCE_KIND_FEEDBACK);
	assert_int_equal(b->nrcpt, 7);
	assert_string_equal(b->rcpt[0].recipient, "kijitora@example.com");
	assert_string_equal(b->rcpt[6].recipient, "sabineko@example.com");
	assert_non_null(bounce_field(b, "Feedback-Type"));
	/* A complainant's mail was delivered: no failure, no delivery action. */
	for (size_t i = 0; i < b->nrcpt; i++) {
		assert_null(b->rcpt[i].action);
		assert_string_equal(b->rcpt[i].reason, "feedback");
		assert_false(b->rcpt[i].hard);
	}
	bounce_free(b);

	b = decode_file(BSD "arf-01.eml");
	assert_int_equal(b->kind, BOUNCE_KIND_FEEDBACK);
	assert_string_equal(bounce_field(b, "Feedback-Type"), "abuse");
	assert_string_equal(bounce_field(b, "Source-IP"), "192.0.2.89");
	bounce_free(b);

	/* Hotmail complaint without a report part */
	b = decode_file(BSD "arf-22.eml");
	assert_int_equal(b->kind, BOUNCE_KIND_FEEDBACK);
	assert_int_equal(b->nrcpt, 1);
	assert_string_equal(b->rcpt[0].recipient, "kijitora@example.com");
	bounce_free(b);
}

/* Amazon SES notifications: JSON in the body, bare or in an SNS envelope. */
static void
test_ses_json(void **state)
{
	struct bounce *b = decode_file(BSD "lhost-amazonses-09.eml");
	struct buf m = BUF_INIT;

	(void)state;
	assert_int_equal(b->kind, BOUNCE_KIND_TEXT);
	assert_string_equal(b->mta, "amazonses");
	assert_int_equal(b->nrcpt, 1);
	assert_string_equal(b->rcpt[0].recipient, "bounce@simulator.amazonses.com");
	assert_string_equal(b->rcpt[0].status, "5.1.1");
	assert_string_equal(b->rcpt[0].reply_code, "550");
	assert_string_equal(b->rcpt[0].diagnostic, "550 5.1.1 user unknown");
	assert_string_equal(b->rcpt[0].diagnostic_type, "smtp");
	assert_string_equal(b->reporting_mta, "a27-23.smtp-out.us-west-2.amazonses.com");
	assert_string_equal(bounce_field(b, "SES-Bounce-Type"), "Permanent");
	bounce_free(b);

	b = decode_file(BSD "lhost-amazonses-10.eml");	/* SNS envelope */
	assert_int_equal(b->nrcpt, 1);
	assert_string_equal(b->rcpt[0].recipient, "bounce@simulator.amazonses.com");
	assert_string_equal(b->rcpt[0].status, "5.1.1");
	assert_string_equal(b->rcpt[0].action, "failed");
	bounce_free(b);

	b = decode_file(BSD "lhost-amazonses-11.eml");	/* complaint */
	assert_int_equal(b->kind, BOUNCE_KIND_FEEDBACK);
	assert_int_equal(b->nrcpt, 1);
	assert_string_equal(b->rcpt[0].recipient, "complaint@simulator.amazonses.com");
	assert_string_equal(bounce_field(b, "Feedback-Type"), "abuse");
	assert_string_equal(b->rcpt[0].reason, "feedback");
	bounce_free(b);

	b = decode_file(BSD "lhost-amazonses-12.eml");	/* delivery */
	assert_int_equal(b->nrcpt, 1);
	assert_string_equal(b->rcpt[0].recipient, "success@simulator.amazonses.com");
	assert_string_equal(b->rcpt[0].action, "delivered");
	assert_string_equal(b->rcpt[0].status, "2.6.0");
	assert_string_equal(b->rcpt[0].reply_code, "250");
	bounce_free(b);

	/* Escapes, a split line inside a string, a delay event. */
	b = decode_text("From: no-reply@sns.amazonaws.com\n"
	    "Subject: AWS Notification Message\n\n"
	    "{\"eventType\": \"DeliveryDelay\", \"mail\": {},\n"
	    " \"deliveryDelay\": {\"delayType\": \"MailboxFull\",\n"
	    "  \"delayedRecipients\": [{\"emailAddress\": \"b\\u00f6b@exa!\n"
	    " mple.net\", \"status\": \"4.2.2\",\n"
	    "  \"diagnosticCode\": \"smtp; 452 4.2.2 \\\"over\\\" quota\"}]}}\n");
	assert_int_equal(b->nrcpt, 1);
	assert_string_equal(b->rcpt[0].recipient, "b\xc3\xb6" "b@example.net");
	assert_string_equal(b->rcpt[0].action, "delayed");
	assert_string_equal(b->rcpt[0].diagnostic, "452 4.2.2 \"over\" quota");
	assert_string_equal(b->rcpt[0].reply_code, "452");
	bounce_free(b);

	/* Not SES: JSON without a notification type, and unclosed JSON. */
	b = decode_text("From: a@example.org\nSubject: data\n\n"
	    "{\"bounce\": {\"bouncedRecipients\": [{\"emailAddress\": "
	    "\"x@example.org\"}]}}\n");
	assert_int_equal(b->nrcpt, 0);
	bounce_free(b);
	buf_adds(&m, "From: a@example.org\nSubject: data\n\n"
	    "{\"notificationType\": \"Bounce\", \"mail\": {}, \"bounce\": ");
	for (int i = 0; i < 100000; i++)
		buf_adds(&m, "[{\"");
	assert_int_equal(bounce_decode(m.data, m.len, &b), STATUS_OK);
	assert_int_equal(b->nrcpt, 0);
	bounce_free(b);
	buf_free(&m);
}

/* An SES bounce for addr with the given "mail" value and extra members. */
static void
ses_text(struct buf *t, const char *addr, const char *mail, const char *extra)
{
	buf_reset(t);
	buf_printf(t, "{\"notificationType\": \"Bounce\", \"mail\": %s, \"bounce\": "
	    "{\"bounceType\": \"Permanent\", \"bouncedRecipients\": [{\"emailAddress\": "
	    "\"%s\", \"status\": \"5.1.1\", \"diagnosticCode\": \"smtp; 550 5.1.1 "
	    "unknown\"}]}%s}\n\n--\nIf you wish to stop receiving notifications ...\n",
	    mail, addr, extra);
}

/* sesjson_read() on t: its status, and the first recipient when it decoded. */
static enum status
ses_read(const struct buf *t, char **rcpt)
{
	struct bounce *b = xcalloc(1, sizeof(*b));
	enum status st = sesjson_read(b, t->data, t->len);

	if (st == STATUS_OK) {
		assert_true(b->nrcpt > 0);
		assert_string_equal(b->mta, "amazonses");
	} else {
		assert_int_equal(b->nrcpt, 0);
		assert_int_equal(b->kind, BOUNCE_KIND_NONE);
		assert_null(b->mta);
	}
	if (rcpt)
		*rcpt = st == STATUS_OK ? xstrdup(b->rcpt[0].recipient) : NULL;
	bounce_free(b);
	return st;
}

/*
 * Hostile SES text: each case decodes as the hand-written reader did, or
 * is declined with a reason; never a crash, never a hang.
 */
static void
test_ses_hostile(void **state)
{
	static const char *const not_ses[] = {
		"Your message could not be delivered. {\"a\": 1}",
		"{\"notificationType\": \"Bounce\", \"bounce\": {}}",
		"{\"notificationType\": \"Bounce\", \"mail\": {}, \"bounce\": "
		    "{\"bouncedRecipients\": [{\"emailAddress\": \"no address\"}]}}",
		"{\"Type\": \"Notification\", \"Message\": 42}",
		"{\"Type\": \"Notification\", \"Message\": \"not json\"}",
		"{\"Type\": \"Notification\", \"Message\": \"\"}",
	};
	struct buf t = BUF_INIT, big = BUF_INIT;
	struct bounce *b;
	char *r;

	(void)state;
	ses_text(&t, "x@example.org", "{}", "");
	assert_int_equal(ses_read(&t, &r), STATUS_OK);
	assert_string_equal(r, "x@example.org");
	free(r);
	/* Not SES: prose, JSON of another kind, an envelope without text. */
	for (size_t i = 0; i < sizeof(not_ses) / sizeof(not_ses[0]); i++) {
		buf_reset(&t);
		buf_adds(&t, not_ses[i]);
		assert_int_equal(ses_read(&t, NULL), STATUS_NOT_FOUND);
	}
	/* "\u0000" is U+FFFD, as before, and so is a NUL byte in a string. */
	ses_text(&t, "a\\u0000b@example.org", "{}", "");
	assert_int_equal(ses_read(&t, &r), STATUS_OK);
	assert_string_equal(r, "a\xef\xbf\xbd" "b@example.org");
	free(r);
	ses_text(&t, "a_b@example.org", "{}", "");
	*strchr(t.data, '_') = '\0';
	assert_int_equal(ses_read(&t, &r), STATUS_OK);
	assert_string_equal(r, "a\xef\xbf\xbd" "b@example.org");
	free(r);
	/* Outside a string it is no JSON. */
	t.data[strlen("{\"notificationType\":")] = '\0';
	assert_int_equal(ses_read(&t, NULL), STATUS_SYNTAX);
	/* Duplicate names: which recipient is meant is undefined. */
	ses_text(&t, "x@example.org", "{}", ", \"bounce\": {\"bouncedRecipients\": "
	    "[{\"emailAddress\": \"y@example.org\"}]}");
	assert_int_equal(ses_read(&t, NULL), STATUS_SYNTAX);
	/* Deep nesting: 1000 levels are read, 3000 are refused. */
	for (int d = 1000; d <= 3000; d += 2000) {
		buf_reset(&big);
		for (int i = 0; i < 2 * d; i++)
			buf_addc(&big, i < d ? '[' : ']');
		ses_text(&t, "x@example.org", big.data, "");
		assert_int_equal(ses_read(&t, NULL), d == 1000 ? STATUS_OK : STATUS_SYNTAX);
	}
	/* Numbers past long long or double. */
	ses_text(&t, "x@example.org", "{}", ", \"n\": 99999999999999999999");
	assert_int_equal(ses_read(&t, NULL), STATUS_SYNTAX);
	ses_text(&t, "x@example.org", "{}", ", \"n\": 1e999");
	assert_int_equal(ses_read(&t, NULL), STATUS_SYNTAX);
	/* Bytes that are not UTF-8 become U+FFFD; bad escapes are refused. */
	ses_text(&t, "caf\xe9@example.org", "{}", "");
	assert_int_equal(ses_read(&t, &r), STATUS_OK);
	assert_string_equal(r, "caf\xef\xbf\xbd@example.org");
	free(r);
	ses_text(&t, "a\\ud800b@example.org", "{}", "");
	assert_int_equal(ses_read(&t, NULL), STATUS_SYNTAX);
	ses_text(&t, "a\\qb@example.org", "{}", "");
	assert_int_equal(ses_read(&t, NULL), STATUS_SYNTAX);
	ses_text(&t, "a\tb@example.org", "{}", "");
	assert_int_equal(ses_read(&t, NULL), STATUS_SYNTAX);
	/* Names and type values in any case, as before. */
	buf_reset(&t);
	buf_adds(&t, "{\"NOTIFICATIONTYPE\": \"bounce\", \"Mail\": {}, \"BOUNCE\": "
	    "{\"bouncedrecipients\": [{\"EMAILADDRESS\": \"x@example.org\"}]}}");
	assert_int_equal(ses_read(&t, &r), STATUS_OK);
	assert_string_equal(r, "x@example.org");
	free(r);
	/* Names that differ in case only: the first in the text counts. */
	buf_reset(&t);
	buf_adds(&t, "{\"eventType\": \"Bounce\", \"mail\": {}, \"bounce\": "
	    "{\"bouncedRecipients\": [{\"emailAddress\": \"first@example.org\"}], "
	    "\"BouncedRecipients\": [{\"emailAddress\": \"second@example.org\"}]}}");
	assert_int_equal(ses_read(&t, &r), STATUS_OK);
	assert_string_equal(r, "first@example.org");
	free(r);
	/* A split inside the SNS envelope's text, where it is decoded. */
	buf_reset(&t);
	buf_adds(&t, "{\"Type\": \"Notification\", \"Message\": \"{\\\"eventType\\\": "
	    "\\\"Bounce\\\", \\\"mail\\\": {}, \\\"bounce\\\": {\\\"bouncedRecipients\\\": "
	    "[{\\\"emailAddress\\\": \\\"x@exa!\\n mple.org\\\"}]}}\"}");
	assert_int_equal(ses_read(&t, &r), STATUS_OK);
	assert_string_equal(r, "x@example.org");
	free(r);

	/* Caps: the text read, the strings kept, the recipients listed. */
	buf_reset(&big);
	ses_text(&t, "x@example.org", "{}", "");
	buf_add(&big, t.data, 1);
	for (size_t i = 0; i < SESJSON_TEXT_MAX; i++)
		buf_addc(&big, ' ');
	buf_add(&big, t.data + 1, t.len - 1);
	assert_int_equal(ses_read(&big, NULL), STATUS_SYNTAX);
	buf_reset(&big);
	buf_add(&big, t.data, t.len);
	for (size_t i = 0; i < SESJSON_TEXT_MAX; i++)
		buf_addc(&big, '\xff');
	assert_int_equal(ses_read(&big, NULL), STATUS_OK);	/* the footer is not read */
	buf_reset(&big);
	buf_adds(&big, "x@e");
	for (int i = 0; i < 1000; i++)
		buf_adds(&big, "\xe2\x82\xac");
	ses_text(&t, big.data, "{}", "");
	assert_int_equal(ses_read(&t, &r), STATUS_OK);
	assert_int_equal(strlen(r), 3 + (SESJSON_STR_MAX - 3) / 3 * 3);
	assert_memory_equal(r, big.data, strlen(r));
	free(r);
	buf_reset(&big);
	buf_adds(&big, "{\"eventType\": \"Complaint\", \"mail\": {}, \"complaint\": "
	    "{\"complainedRecipients\": [");
	for (int i = 0; i < SESJSON_RCPT_MAX + 100; i++)
		buf_printf(&big, "%s{\"emailAddress\": \"u%d@example.org\"}", i ? ", " : "", i);
	buf_adds(&big, "]}}");
	b = xcalloc(1, sizeof(*b));
	assert_int_equal(sesjson_read(b, big.data, big.len), STATUS_OK);
	assert_int_equal(b->nrcpt, SESJSON_RCPT_MAX);
	assert_int_equal(b->kind, BOUNCE_KIND_FEEDBACK);
	assert_string_equal(b->rcpt[SESJSON_RCPT_MAX - 1].recipient, "u499@example.org");
	assert_null(b->rcpt[0].action);
	bounce_free(b);
	buf_free(&big);
	buf_free(&t);
}

/*
 * Sendmail DSNs whose Diagnostic-Code is "X-Unix; 77" or empty: the reply
 * code comes from the transcript line naming the recipient.
 */
static void
test_sendmail_transcript(void **state)
{
	struct bounce *b = decode_file(BSD "lhost-sendmail-13.eml");

	(void)state;
	assert_int_equal(b->nrcpt, 1);
	assert_string_equal(b->rcpt[0].status, "5.3.0");	/* Status: stays */
	assert_string_equal(b->rcpt[0].reply_code, "550");
	bounce_free(b);

	b = decode_file(BSD "lhost-sendmail-29.eml");	/* "... Deferred: 421" */
	assert_string_equal(b->rcpt[0].reply_code, "421");
	assert_string_equal(b->rcpt[0].status, "4.5.0");
	bounce_free(b);

	/* Final-Recipient "@mx.example.org": the transcript has the address. */
	b = decode_file(BSD "lhost-sendmail-15.eml");
	assert_int_equal(b->nrcpt, 1);
	assert_string_equal(b->rcpt[0].recipient, "kijitora@example.org");
	assert_string_equal(b->rcpt[0].reply_code, "550");
	bounce_free(b);

	/* The server's own "550 5.0.0" is kept over Sendmail's "550 5.1.1". */
	b = decode_file(BSD "lhost-sendmail-27.eml");
	assert_string_equal(b->rcpt[0].status, "5.0.0");
	bounce_free(b);
}

/*
 * Texts that name no recipient (the header does) still say why; and
 * layouts whose recipient line or cause was missed before.
 */
static void
test_section_diag(void **state)
{
	struct bounce *b = decode_file(BSD "lhost-googlegroups-02.eml");

	(void)state;
	assert_int_equal(b->nrcpt, 1);
	assert_string_equal(b->rcpt[0].recipient, "libsisimai@googlegroups.com");
	assert_non_null(b->rcpt[0].diagnostic);	/* not the greeting */
	assert_true(strncmp(b->rcpt[0].diagnostic, "We're writing to let you know",
	    29) == 0);
	bounce_free(b);

	/* The same in Japanese: the greeting names the sender, not the group. */
	b = decode_file(BSD "lhost-googlegroups-01.eml");
	assert_string_equal(b->rcpt[0].recipient, "libsisimai@googlegroups.com");
	assert_non_null(b->rcpt[0].diagnostic);
	assert_null(strstr(b->rcpt[0].diagnostic, "kijitora@example.jp"));
	bounce_free(b);

	/* Exim naming only a local part: the SMTP error still counts. */
	b = decode_file(BSD "lhost-exim-04.eml");
	assert_int_equal(b->nrcpt, 1);
	assert_string_equal(b->rcpt[0].recipient, "kijitora@example.ed.jp");
	assert_string_equal(b->rcpt[0].status, "5.7.0");
	assert_string_equal(b->rcpt[0].reply_code, "550");
	assert_non_null(strstr(b->rcpt[0].diagnostic, "Please use the smtp server"));
	bounce_free(b);

	/* GMX: "<address>" then "Reason:" and the words on the next line. */
	b = decode_file(BSD "lhost-gmx-04.eml");
	assert_int_equal(b->nrcpt, 1);
	assert_string_equal(b->rcpt[0].diagnostic, "delivery retry timeout exceeded");
	assert_string_equal(b->rcpt[0].reason, "expired");
	bounce_free(b);

	/* 1&1: "address(es)\nfailed:" and "address:" on its own line; the
	 * returned message's To is someone else. */
	b = decode_file(BSD "lhost-einsundeins-03.eml");
	assert_int_equal(b->nrcpt, 1);
	assert_string_equal(b->rcpt[0].recipient, "xxxx@xxxx.fr");
	assert_string_equal(b->rcpt[0].status, "5.2.0");
	assert_string_equal(b->rcpt[0].reply_code, "550");
	bounce_free(b);
}

/* Layouts of known families that named nobody before. */
static void
test_more_layouts(void **state)
{
	static const struct family_case more[] = {
		{ "lhost-trendmicro-02.eml", "trendmicro", 1,
		  "kijitora@neko.example.jp", NULL, NULL,
		  "Unable to deliver message to <kijitora@neko.example.jp>" },
		{ "lhost-verizon-01.eml", "verizon", 1, "0000000000@vzwpix.com",
		  NULL, NULL, "No valid recipients for this MM" },
		{ "lhost-x6-02.eml", "x6", 1, "kijitora@libsisimai.org", "5.1.1",
		  "550", "rejected recipient <kijitora@libsisimai.org>" },
		{ "lhost-x2-07.eml", "x2", 1, "kijitora@example.co.jp", "5.4.14",
		  "554", "Hop count exceeded" },
		{ "lhost-exchange2003-04.eml", "exchange2003", 1,
		  "kijitora@example.com", NULL, NULL, "Recipient Not Found" },
		/* a Sendmail report forwarded by a person, quoted with "> " */
		{ "lhost-sendmail-14.eml", "sendmail", 1, "kijitora@example.com",
		  "5.1.1", "550", "User unknown" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(more) / sizeof(more[0]); i++) {
		char path[256];
		struct bounce *b;

		snprintf(path, sizeof(path), BSD "%s", more[i].file);
		b = decode_file(path);
		print_message("%s\n", more[i].file);
		assert_int_equal(b->nrcpt, more[i].nrcpt);
		assert_string_equal(b->mta, more[i].mta);
		assert_string_equal(b->rcpt[0].recipient, more[i].rcpt);
		if (more[i].status)
			assert_string_equal(b->rcpt[0].status, more[i].status);
		if (more[i].reply)
			assert_string_equal(b->rcpt[0].reply_code, more[i].reply);
		else
			assert_null(b->rcpt[0].reply_code);
		assert_non_null(b->rcpt[0].diagnostic);
		assert_non_null(strstr(b->rcpt[0].diagnostic, more[i].diag_part));
		bounce_free(b);
	}
}

/*
 * Report texts whose delivery-status part was lost (a help desk that kept
 * only the text): what each must yield, and what it must not.
 */
static void
test_text_only_layouts(void **state)
{
	static const struct {
		const char *body;
		size_t nrcpt;
		const char *rcpt;
		const char *action;
		const char *diag_part;
	} layouts[] = {
		/* Postfix: an address that starts a wrapped line of the reply
		 * is the server's words, not a second recipient. */
		{ "This is the mail system at host mx.example.net.\n\n"
		  "<a@example.org>: host mx.example.org[192.0.2.1] said: 550 5.1.1\n"
		  "    <bounce+x1@example.net>: unauthorized sender (in\n"
		  "    reply to RCPT TO command)\n",
		  1, "a@example.org", "failed", "unauthorized sender" },
		/* Postfix: an alias expanded to the address that failed. */
		{ "This is the mail system at host mx.example.net.\n\n"
		  "<b@example.com> (expanded from <a@example.org>): Host or domain\n"
		  "    name not found. Name service error for name=example.com\n",
		  1, "b@example.com", "failed", "Host or domain name not found" },
		/* Gmail's newer notices name the recipient in a sentence. */
		{ "** Address not found **\n\n"
		  "Your message wasn't delivered to c@example.org because the "
		  "address couldn't be found, or is unable to receive mail.\n\n"
		  "The response from the remote server was:\n"
		  "550 5.1.1 No such user\n",
		  1, "c@example.org", "failed", "No such user" },
		{ "** Delivery incomplete **\n\n"
		  "There was a temporary problem delivering your message to "
		  "d@example.org. Gmail will retry for 46 more hours.\n",
		  1, "d@example.org", "delayed", NULL },
		/* Exchange Online. */
		{ "Your message to e@example.org couldn't be delivered.\n"
		  "e wasn't found at example.org.\n\n"
		  "More Info for Email Admins\n"
		  "Status code: 550 5.1.10\n",
		  1, "e@example.org", "failed", NULL },
		{ "mx.example.org rejected your message to the following email "
		  "addresses:\n\n"
		  "f@example.org<mailto:f@example.org> A communication failure "
		  "occurred.\n",
		  1, "f@example.org", "failed", NULL },
		/* Symantec Email Security.cloud. */
		{ "This is the mail delivery agent at Symantec Email "
		  "Security.cloud.\n\n"
		  "The following message to <g@example.org> was undeliverable.\n"
		  "The reason for the problem:\n"
		  "5.1.0 - Unknown address error 550 no such user\n",
		  1, "g@example.org", "failed", "Unknown address error" },
		/* The reason below "for the following reason:", and nothing
		 * from the copy after its announcement ("2.1.5" is no status). */
		{ "Sorry, unable to deliver your message to i@example.org for\n"
		  "the following reason:\n\n"
		  " 552 Quota violation for i@example.org\n\n"
		  "A copy of the original message below this line:\n\n"
		  "X-Mailman-Version: 2.1.5\n",
		  1, "i@example.org", "failed", "552 Quota violation" },
		/* A display name in quotes before the address. */
		{ "--- Non-Delivery Report ---\n"
		  "The email below could not be delivered to the following user:\n\n"
		  "\"h@example.org\" <h@example.org>\n\n"
		  "Old message:\n",
		  1, "h@example.org", "failed", NULL },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(layouts) / sizeof(layouts[0]); i++) {
		char *mail;
		struct bounce *b;
		const char *head = "From: Mail Delivery System "
		    "<MAILER-DAEMON@mx.example.net>\n"
		    "To: sender@example.net\n"
		    "Subject: Delivery failure\n\n";

		mail = xmalloc(strlen(head) + strlen(layouts[i].body) + 1);
		strcpy(mail, head);
		strcat(mail, layouts[i].body);
		b = decode_text(mail);
		print_message("case %zu\n", i);
		assert_true(b->is_bounce);
		assert_int_equal(b->nrcpt, layouts[i].nrcpt);
		assert_string_equal(b->rcpt[0].recipient, layouts[i].rcpt);
		assert_string_equal(b->rcpt[0].action, layouts[i].action);
		if (layouts[i].diag_part) {
			assert_non_null(b->rcpt[0].diagnostic);
			assert_non_null(strstr(b->rcpt[0].diagnostic,
			    layouts[i].diag_part));
		}
		bounce_free(b);
		free(mail);
	}
}

/* A small server's NDR, known only by its subject. */
#define NDR_BODY \
	"\n--- Non-Delivery Report ---\n" \
	"The email below could not be delivered to the following user:\n\n" \
	"\"h@example.org\" <h@example.org>\n"
static void
test_non_delivery_subject(void **state)
{
	struct bounce *b;

	(void)state;
	b = decode_text("From: <admin@example.org>\nTo: list-owner@example.net\n"
	    "Subject: Non-Delivery: Your message awaits moderator approval\n"
	    "Date: Sat, 28 Nov 2026 10:00:00 +0000\n" NDR_BODY);
	assert_true(b->is_bounce);
	assert_int_equal(b->nrcpt, 1);
	assert_string_equal(b->rcpt[0].recipient, "h@example.org");
	bounce_free(b);
	/* The same text under an ordinary subject is no bounce. */
	b = decode_text("From: <admin@example.org>\nTo: list-owner@example.net\n"
	    "Subject: Moderator approval\n"
	    "Date: Sat, 28 Nov 2026 10:00:00 +0000\n" NDR_BODY);
	assert_false(b->is_bounce);
	bounce_free(b);
}
#undef NDR_BODY

/* A delivery-status part without Diagnostic-Code: the text fills it. */
static void
test_fill_gaps(void **state)
{
	struct bounce *b = decode_text(
	    "From: MAILER-DAEMON@mx.example.org\n"
	    "To: alice@example.org\n"
	    "Subject: failure notice\n"
	    "MIME-Version: 1.0\n"
	    "Content-Type: multipart/report; report-type=delivery-status;"
	    " boundary=\"B\"\n"
	    "\n"
	    "--B\n"
	    "Content-Type: text/plain\n"
	    "\n"
	    "I'm afraid I wasn't able to deliver your message to the following"
	    " addresses.\n"
	    "\n"
	    "<bob@example.net>:\n"
	    "192.0.2.1 does not like recipient.\n"
	    "Remote host said: 552 5.2.2 <bob@example.net>... Mailbox Full\n"
	    "\n"
	    "--B\n"
	    "Content-Type: message/delivery-status\n"
	    "\n"
	    "Reporting-MTA: dns; mx.example.org\n"
	    "\n"
	    "Final-Recipient: rfc822; bob@example.net\n"
	    "Action: failed\n"
	    "\n"
	    "--B--\n");

	(void)state;
	assert_int_equal(b->kind, BOUNCE_KIND_DSN);
	assert_int_equal(b->nrcpt, 1);
	assert_non_null(b->rcpt[0].diagnostic);
	assert_non_null(strstr(b->rcpt[0].diagnostic, "Mailbox Full"));
	assert_string_equal(b->rcpt[0].status, "5.2.2");
	assert_string_equal(b->rcpt[0].reply_code, "552");
	bounce_free(b);
}

/*
 * Layouts learned from other projects' collections of real bounces
 * (flufl.bounce, Mail::DeliveryStatus::BounceParser), written anew here:
 * each mail below is synthetic and has only the structure of the real ones.
 */
static void
test_other_layouts(void **state)
{
	struct bounce *b;

	(void)state;
	/* Sendmail: only the "permanent fatal errors" list names the
	 * recipient; the alias it was expanded from is the one the sender
	 * used, and
	 * the header copy's To and References lines are no failures. */
	b = decode_text("From: Mail Delivery Subsystem <MAILER-DAEMON@mx.example.org>\n"
	    "Subject: Returned mail: see transcript for details\n\n"
	    "The original message was received at Mon, 1 Jan 2024 10:00:00\n"
	    "   ----- The following addresses had permanent fatal errors -----\n"
	    "<carol@host7.example.org>\n"
	    "    (expanded from: <carol@example.org>)\n"
	    "   ----- Transcript of session follows -----\n"
	    "... while talking to localhost:\n"
	    ">>> DATA\n"
	    "<<< 552 5.2.2 Mailbox over quota\n"
	    "   ----- Message header follows -----\n"
	    "To: Carol <carol@example.org>\n"
	    "References: <111@example.net>\n"
	    "\t<222@example.net>\n");
	assert_int_equal(b->nrcpt, 1);
	/* The sender wrote the alias: that is the recipient (issue 12). */
	assert_string_equal(b->rcpt[0].recipient, "carol@example.org");
	assert_string_equal(b->rcpt[0].final_recipient, "carol@host7.example.org");
	assert_non_null(b->rcpt[0].original_recipient);
	assert_string_equal(b->rcpt[0].original_recipient, "carol@example.org");
	bounce_free(b);

	/* The same list, then the transcript line with the server's words:
	 * that line gives the diagnostic and the reply code. */
	b = decode_text("From: Mail Delivery Subsystem <MAILER-DAEMON@mx.example.org>\n"
	    "Subject: Returned mail: see transcript for details\n\n"
	    "   ----- The following addresses had permanent fatal errors -----\n"
	    "dave@example.org\n"
	    "   ----- Transcript of session follows -----\n"
	    "550 5.1.1 dave@example.org... User unknown\n");
	assert_int_equal(b->nrcpt, 1);
	assert_string_equal(b->rcpt[0].recipient, "dave@example.org");
	assert_non_null(b->rcpt[0].reply_code);
	assert_string_equal(b->rcpt[0].reply_code, "550");
	assert_non_null(strstr(b->rcpt[0].diagnostic, "User unknown"));
	bounce_free(b);

	/* A bulleted list; the returned message's own list footer after the
	 * copy marker names no failure. */
	b = decode_text("From: Mail Delivery System <>\n"
	    "Subject: Delivery status notification\n\n"
	    "Delivery to the following recipients failed permanently:\n\n"
	    "   * erin@example.net\n\n"
	    "---- START OF RETURNED MESSAGE ----\n"
	    "list@example.com\n"
	    "<list-owner@example.com>: reach the owner here\n");
	assert_int_equal(b->nrcpt, 1);
	assert_string_equal(b->rcpt[0].recipient, "erin@example.net");
	bounce_free(b);

	/* One labelled line, as small MTAs write it. */
	b = decode_text("From: MAILER-DAEMON@mail.example.net\n"
	    "Subject: Undelivered Mail Returned to Sender\n\n"
	    "Undeliverable Address: frank@example.net\n"
	    "Reason: the mailbox is over its disk quota.\n");
	assert_int_equal(b->nrcpt, 1);
	assert_string_equal(b->rcpt[0].recipient, "frank@example.net");
	bounce_free(b);

	/* MDaemon quotes each failed address with "> ". */
	b = decode_text("From: MDaemon@mx.example.com\n"
	    "Subject: Permanent Delivery Failure\n\n"
	    "YOUR MESSAGE WAS NOT DELIVERED!\n\n"
	    "The following addresses did NOT receive a copy of your message:\n\n"
	    "> gina@example.com\n\n"
	    "--- Session Transcript ---\n"
	    " MAIL From:<sender@example.org>\n"
	    " 550 <gina@example.com>... no such user\n");
	assert_int_equal(b->nrcpt, 1);
	assert_string_equal(b->rcpt[0].recipient, "gina@example.com");
	assert_string_equal(b->mta, "mdaemon");
	bounce_free(b);

	/* Exchange 5.5 names the recipient by its X.400 address with the SMTP
	 * form inside; the quoted "To:" above is the original recipient. */
	b = decode_text("From: System Administrator <postmaster@example.com>\n"
	    "Subject: Undeliverable: hello\n\n"
	    "Your message\n\n"
	    "  To:      list@example.org\n"
	    "  Subject: hello\n\n"
	    "did not reach the following recipient(s):\n\n"
	    "c=US;a= ;p=Example;o=Site1;dda:SMTP=HANK@EXAMPLE.COM; on Fri, 4 Oct 2002\n"
	    "    The recipient name is not recognized\n");
	assert_int_equal(b->nrcpt, 1);
	assert_string_equal(b->rcpt[0].recipient, "HANK@EXAMPLE.COM");
	assert_non_null(strstr(b->rcpt[0].diagnostic, "not recognized"));
	bounce_free(b);
}

/*
 * Layouts seen in other public collections (round 3): each a mail of our
 * own in the same structure.
 */
static void
test_round3_layouts(void **state)
{
	struct bounce *b;
	const char *boxbe_head =
	    "From: noreply@cr.example.com\n"
	    "To: sender@example.org\n"
	    "Subject: Re: Hello (Action Required)\n"
	    "MIME-Version: 1.0\n"
	    "Content-Type: multipart/report; report-type=delivery-status;\n"
	    "\tboundary=\"b1\"\n\n"
	    "--b1\n"
	    "Content-Type: text/plain\n\n"
	    "Hello Sender,\n\n";
	struct buf m = BUF_INIT;

	(void)state;
	/* A challenge-response notice wrapped in a delivery report: the
	 * message waits at the recipient's service, nothing failed. */
	buf_adds(&m, boxbe_head);
	buf_adds(&m, "Your message about \"Hello\" has been waitlisted.\n"
	    "Please add yourself to my Guest List so your messages will\n"
	    "go to my Inbox.\n\n"
	    "--b1\n"
	    "Content-Type: message/delivery-status\n\n"
	    "Reporting-MTA: dns; cr.example.com\n"
	    "Action: failed\n\n"
	    "Final-Recipient: rfc822; holly@example.net\n"
	    "Diagnostic-Code: X-Notice; Sender not pre-approved\n"
	    "Status: 4.7.0\n\n"
	    "--b1--\n");
	b = decode_text(m.data);
	assert_false(b->is_bounce);
	assert_int_equal(b->kind, BOUNCE_KIND_AUTOREPLY);
	assert_int_equal(b->nrcpt, 1);
	assert_string_equal(b->rcpt[0].action, "delivered");
	bounce_free(b);
	buf_free(&m);

	/* The same words from a server that refused the message at RCPT TO:
	 * that is a failure. */
	buf_adds(&m, boxbe_head);
	buf_adds(&m, "Join the Guest List of the recipient first.\n\n"
	    "--b1\n"
	    "Content-Type: message/delivery-status\n\n"
	    "Reporting-MTA: dns; mx.example.org\n\n"
	    "Final-Recipient: rfc822; holly@example.net\n"
	    "Action: failed\n"
	    "Status: 5.7.1\n"
	    "Diagnostic-Code: smtp; 550 5.7.1 Join the Guest List first\n\n"
	    "--b1--\n");
	b = decode_text(m.data);
	assert_true(b->is_bounce);
	assert_int_equal(b->kind, BOUNCE_KIND_DSN);
	assert_int_equal(b->nrcpt, 1);
	assert_string_equal(b->rcpt[0].action, "failed");
	bounce_free(b);
	buf_free(&m);

	/* Prodigy: the reason and the address on one line. */
	b = decode_text("From: MAILER-DAEMON@mx.example.net\n"
	    "Subject: Returned mail: Re: hello\n\n"
	    "User's mailbox is full: <ivan@example.net>\n"
	    "Unable to deliver mail.\n");
	assert_int_equal(b->nrcpt, 1);
	assert_string_equal(b->rcpt[0].recipient, "ivan@example.net");
	assert_non_null(strstr(b->rcpt[0].diagnostic, "mailbox is full"));
	bounce_free(b);

	/* Exchange 5.5 IMS: a local user, the address in parentheses; the
	 * copy after "Your message reads" is no part of the reason. */
	b = decode_text("From: postmaster@mx.example.it\n"
	    "Subject: Delivery failure\n\n"
	    "Your message has encountered delivery problems\n"
	    "to local user jack.\n"
	    "(Originally addressed to jack@example.it)\n\n"
	    "User not known\n\n"
	    "Your message reads (in part):\n\n"
	    "x-receiver: jack@example.it\n"
	    "X-Log: 250 2.1.5 Ok\n");
	assert_int_equal(b->nrcpt, 1);
	assert_string_equal(b->rcpt[0].recipient, "jack@example.it");
	assert_string_equal(b->rcpt[0].diagnostic, "User not known");
	assert_true(b->rcpt[0].status == NULL || b->rcpt[0].status[0] != '2');
	bounce_free(b);

	/* A delay warning that sets the address apart in quotes. */
	b = decode_text("From: <postmaster@example.com>\n"
	    "Subject: Mail Delivery Warning\n\n"
	    "Delivery of email to this address\n\n"
	    "\"kate@example.com\"\n\n"
	    "has been postponed due to a full mailbox.\n\n"
	    "We will continue to try to deliver your message.\n");
	assert_int_equal(b->nrcpt, 1);
	assert_string_equal(b->rcpt[0].recipient, "kate@example.com");
	assert_string_equal(b->rcpt[0].action, "delayed");
	bounce_free(b);

	/* Novell GroupWise: the reason in parentheses after the address. */
	b = decode_text("From: Mailer-Daemon@gw.example.net\n"
	    "Subject: Message status - undeliverable\n\n"
	    "The message that you sent was undeliverable to the following:\n"
	    "\tleo@example.net (user not found)\n");
	assert_int_equal(b->nrcpt, 1);
	assert_string_equal(b->rcpt[0].recipient, "leo@example.net");
	assert_non_null(strstr(b->rcpt[0].diagnostic, "user not found"));
	bounce_free(b);

	/* Mail.Ru in Russian, its rejection in English, written twice. */
	b = decode_text("From: Mail Delivery System <Mailer-Daemon@mx1.mail.ru>\n"
	    "Subject: =?utf-8?b?0J7RgtGH0LXRgg==?=\n"
	    "Content-Type: text/plain; charset=utf-8\n\n"
	    "Это письмо создано автоматически сервером Mail.Ru.\n\n"
	    "К сожалению, Ваше письмо не может быть доставлено:\n"
	    "  Message was not accepted -- invalid mailbox.\n"
	    " Local mailbox mia@mail.ru is unavailable: user not found\n\n"
	    "The following error was given:\n"
	    " Local mailbox mia@mail.ru is unavailable: user not found\n"
	    "------ This is a copy of your message, including all the headers.\n"
	    "To: mia@mail.ru\n");
	assert_int_equal(b->nrcpt, 1);
	assert_string_equal(b->rcpt[0].recipient, "mia@mail.ru");
	assert_string_equal(b->mta, "mailru");
	assert_non_null(strstr(b->rcpt[0].diagnostic, "user not found"));
	bounce_free(b);

	/* A report whose sender and subject say nothing and whose
	 * delivery-status part names nobody: the text still lists one. */
	b = decode_text("Subject: Utilisateur inconnu\n"
	    "MIME-Version: 1.0\n"
	    "Content-Type: multipart/report; report-type=delivery-status;\n"
	    "\tboundary=\"b2\"\n\n"
	    "--b2\n"
	    "Content-Type: text/plain\n\n"
	    "A message could not be delivered to:\n\n"
	    "nina@example.fr\n\n"
	    "--b2\n"
	    "Content-Type: message/delivery-status\n\n"
	    "Reporting-MTA: mx.example.fr\n\n"
	    "--b2--\n");
	assert_true(b->is_bounce);
	assert_int_equal(b->nrcpt, 1);
	assert_string_equal(b->rcpt[0].recipient, "nina@example.fr");
	bounce_free(b);

	/* A report whose MIME header a list server dropped: read raw, the
	 * returned message's part header ends the error section, so an
	 * address in the copy's footer is no recipient. */
	b = decode_text("From: System Administrator <postmaster@example.com>\n"
	    "Subject: Undeliverable: hello\n"
	    "X-Mailer: Internet Mail Service (5.5.2653.19)\n\n"
	    "------_=_NextPart_000\n"
	    "Content-Type: text/plain\n\n"
	    "Your message\n\n"
	    "did not reach the following recipient(s):\n\n"
	    "OSCAR@EXAMPLE.COM on Fri, 18 Oct 2002 09:13:24 -0600\n"
	    "    The recipient name is not recognized\n\n"
	    "------_=_NextPart_000\n"
	    "Content-Type: message/rfc822\n\n"
	    "From: someone@example.net\n"
	    "Subject: hello\n\n"
	    "Send an email to\n"
	    "join@example.net\n\n"
	    "------_=_NextPart_000--\n");
	assert_int_equal(b->nrcpt, 1);
	assert_string_equal(b->rcpt[0].recipient, "OSCAR@EXAMPLE.COM");
	bounce_free(b);
}

/*
 * Structures whose cause sat outside the recipient's words (issue 3):
 * synthetic mails written after what the MTAs produce.
 */
static void
test_causes_elsewhere(void **state)
{
	struct bounce *b;

	(void)state;
	/*
	 * Postfix's postmaster notice: the recipient of RCPT TO, the last
	 * failure reply after it (a multi-line one joined); the 250 and 221
	 * replies are no failures.
	 */
	b = decode_text(
	    "From: MAILER-DAEMON@mx.example.org (Mail Delivery System)\n"
	    "To: postmaster@mx.example.org (Postmaster)\n"
	    "Subject: Postfix SMTP server: errors from client.example.net[192.0.2.9]\n\n"
	    "Transcript of session follows.\n\n"
	    " Out: 220 mx.example.org ESMTP\n"
	    " In:  EHLO client.example.net\n"
	    " Out: 250 mx.example.org\n"
	    " In:  MAIL FROM:<sender@example.net>\n"
	    " Out: 250 2.1.0 Ok\n"
	    " In:  RCPT TO:<ann@example.org>\n"
	    " Out: 550-5.1.1 <ann@example.org>: Recipient address rejected:\n"
	    " Out: 550 5.1.1 User unknown in virtual mailbox table\n"
	    " In:  RCPT TO:<bob@example.org> ORCPT=rfc822;bob@example.org\n"
	    " Out: 250 2.1.5 Ok\n"
	    " In:  DATA\n"
	    " Out: 354 End data with <CR><LF>.<CR><LF>\n"
	    " Out: 452 4.3.1 Insufficient system storage\n"
	    " In:  QUIT\n"
	    " Out: 221 2.0.0 Bye\n\n"
	    "For other details, see the local mail logfile\n");
	assert_true(b->is_bounce);
	assert_string_equal(b->mta, "postfix");
	assert_int_equal(b->nrcpt, 2);
	assert_string_equal(b->rcpt[0].recipient, "ann@example.org");
	assert_string_equal(b->rcpt[0].reply_code, "550");
	assert_string_equal(b->rcpt[0].status, "5.1.1");
	assert_string_equal(b->rcpt[0].diagnostic, "550-5.1.1 <ann@example.org>: "
	    "Recipient address rejected: User unknown in virtual mailbox table");
	assert_string_equal(b->rcpt[1].recipient, "bob@example.org");
	assert_string_equal(b->rcpt[1].reply_code, "452");
	assert_string_equal(b->rcpt[1].status, "4.3.1");
	bounce_free(b);

	/* The client's notice: commands are "Out:", replies "In:". */
	b = decode_text(
	    "From: MAILER-DAEMON@mx.example.org (Mail Delivery System)\n"
	    "Subject: Postfix SMTP client: errors from mx.example.com[192.0.2.7]\n\n"
	    "Transcript of session follows.\n\n"
	    " Out: RCPT TO:<carol@example.com>\n"
	    " In:  554 5.7.1 Relay access denied\n");
	assert_int_equal(b->nrcpt, 1);
	assert_string_equal(b->rcpt[0].recipient, "carol@example.com");
	assert_string_equal(b->rcpt[0].reply_code, "554");
	bounce_free(b);

	/*
	 * Sendmail: the local delivery program's words above the verdict,
	 * with the delivery-status fields pasted into the text below.
	 */
	b = decode_text(
	    "From: Mail Delivery Subsystem <MAILER-DAEMON@mx.example.net>\n"
	    "Subject: Returned mail: Service unavailable\n\n"
	    "   ----- The following addresses had permanent fatal errors -----\n"
	    "<dave@example.net>\n\n"
	    "   ----- Transcript of session follows -----\n"
	    "procmail: Quota exceeded while writing \"/var/mail/dave\"\n"
	    "554 <dave@example.net>... Service unavailable\n\n"
	    "Reporting-MTA: dns; mx.example.net\n\n"
	    "Final-Recipient: RFC822; <dave@example.net>\n"
	    "Action: failed\n"
	    "Status: 5.5.0\n");
	assert_int_equal(b->nrcpt, 1);
	assert_string_equal(b->rcpt[0].recipient, "dave@example.net");
	assert_string_equal(b->rcpt[0].reply_code, "554");
	assert_string_equal(b->rcpt[0].diagnostic, "procmail: Quota exceeded "
	    "while writing \"/var/mail/dave\" Service unavailable");
	bounce_free(b);

	/* EZweb: its explanation above "<address>: 550 ...", blank between. */
	b = decode_text(
	    "From: Mail Administrator <Postmaster@ezweb.ne.jp>\n"
	    "Subject: Mail System Error - Returned Mail\n\n"
	    "The user(s) account is temporarily over quota.\n\n\n"
	    "<erin@ezweb.ne.jp>: 550 user unknown (in reply to RCPT TO command)\n");
	assert_int_equal(b->nrcpt, 1);
	assert_string_equal(b->rcpt[0].reply_code, "550");
	assert_string_equal(b->rcpt[0].diagnostic, "The user(s) account is "
	    "temporarily over quota. 550 user unknown (in reply to RCPT TO command)");
	bounce_free(b);

	/* A report's opening sentences are no diagnostic. */
	b = decode_text(
	    "From: postmaster@gw.example.com\n"
	    "Subject: Delivery Status Notification (Failure)\n"
	    "MIME-Version: 1.0\n"
	    "Content-Type: multipart/report; report-type=delivery-status;\n"
	    "\tboundary=\"b1\"\n\n"
	    "--b1\n"
	    "Content-Type: text/plain\n\n"
	    "This is an automatically generated Delivery Status Notification.\n\n"
	    "Delivery to the following recipients failed permanently:\n\n"
	    "   * frank@example.com\n\n"
	    "--b1\n"
	    "Content-Type: message/delivery-status\n\n"
	    "Reporting-MTA: dns; gw.example.com\n\n"
	    "Final-Recipient: rfc822; frank@example.com\n"
	    "Action: failed\n"
	    "Status: 5.0.0\n\n"
	    "--b1--\n");
	assert_int_equal(b->nrcpt, 1);
	assert_null(b->rcpt[0].diagnostic);
	bounce_free(b);

	/* fml refusing a post: the list's address, the sentence as the cause. */
	b = decode_text(
	    "From: list-admin@example.org\n"
	    "To: grace@example.net\n"
	    "Subject: You grace@example.net are not member (list ML)\n"
	    "X-MLServer: fml [fml 4.0.3 release (20011202/4.0.3)]\n\n"
	    "You are not a member of this mailing list <list@example.org>.\n\n"
	    "If you know the general guide of this list, please send mail.\n");
	assert_true(b->is_bounce);
	assert_string_equal(b->mta, "fml");
	assert_int_equal(b->nrcpt, 1);
	assert_string_equal(b->rcpt[0].recipient, "list@example.org");
	assert_non_null(strstr(b->rcpt[0].diagnostic, "not a member"));
	bounce_free(b);

	/* An ordinary post distributed by fml is no bounce. */
	b = decode_text(
	    "From: list-admin@example.org\n"
	    "To: list@example.org\n"
	    "Subject: [list:00123] meeting\n"
	    "X-MLServer: fml [fml 4.0.3 release (20011202/4.0.3)]\n\n"
	    "The meeting moves to <room@example.org>, see you there.\n");
	assert_false(b->is_bounce);
	assert_int_equal(b->nrcpt, 0);
	bounce_free(b);

	/* An opt-out feedback report names the address in Removal-Recipient. */
	b = decode_text(
	    "From: fbl@isp.example.com\n"
	    "To: abuse@example.net\n"
	    "Subject: FW: unsubscribe\n"
	    "MIME-Version: 1.0\n"
	    "Content-Type: multipart/report; report-type=feedback-report;\n"
	    "\tboundary=\"b2\"\n\n"
	    "--b2\n"
	    "Content-Type: text/plain\n\n"
	    "An opt-out request.\n\n"
	    "--b2\n"
	    "Content-Type: message/feedback-report\n\n"
	    "Feedback-Type: opt-out\n"
	    "Version: 0.1\n"
	    "Removal-Recipient: henry@example.com\n\n"
	    "--b2\n"
	    "Content-Type: text/rfc822-headers\n\n"
	    "From: news@example.net\n"
	    "To: <Undisclosed Recipients>\n"
	    "Subject: News\n\n"
	    "--b2--\n");
	assert_int_equal(b->kind, BOUNCE_KIND_FEEDBACK);
	assert_int_equal(b->nrcpt, 1);
	assert_string_equal(b->rcpt[0].recipient, "henry@example.com");
	bounce_free(b);
}

static void
test_patterns(void **state)
{
	const char *a;
	size_t n;

	(void)state;
	assert_true(rules_match("<%a>:*", "  <bob@example.net>: 550 no", 27, &a, &n));
	assert_int_equal(n, 15);
	assert_memory_equal(a, "bob@example.net", 15);
	assert_false(rules_match("<%a>:*", "<not an address>:", 17, &a, &n));
	assert_true(rules_match("%a.", "\tbob@example.net.", 17, &a, &n));
	assert_int_equal(n, 15);	/* the sentence's dot is not the domain's */
	assert_false(rules_match("%a", "bob@example.net and more", 24, &a, &n));
	assert_true(rules_match("### <%a>... *", "550 <x@y.z>... User unknown",
	    27, &a, &n));
	assert_false(rules_match("### <%a>... *", "55x <x@y.z>... User unknown",
	    27, &a, &n));
	assert_true(rules_match("Recipient: <%a>~", "RECIPIENT:   <x@y.z> junk",
	    25, &a, &n));
	/* an address must start at a word boundary, not inside one */
	assert_true(rules_match("*to %a", "mail to bob@example.net", 23, &a, &n));
	assert_memory_equal(a, "bob@example.net", 15);
	/* "\\*" is a literal star, not a wildcard */
	assert_true(rules_match("\\* %a", "   * bob@example.net", 20, &a, &n));
	assert_false(rules_match("\\* %a", "x bob@example.net", 17, &a, &n));
	/* after a literal of the pattern the address may follow any character */
	assert_true(rules_match("~SMTP=%a;*", "dda:SMTP=x@y.z; on", 18, &a, &n));
	assert_memory_equal(a, "x@y.z", 5);
	assert_false(rules_match("*%a", "SMTP=x@y.z", 10, &a, &n) && n == 5);
}

/*
 * Hostile input: 20 MB in one line, 20 MB of recipient lines, 20 MB of
 * near-miss pattern text.  Each must decode in well under a second.
 */
static void
time_one(const char *head, const char *unit, size_t total)
{
	struct buf m = BUF_INIT;
	size_t ul = strlen(unit);
	struct bounce *b;
	clock_t t0;
	double secs;

	buf_adds(&m, head);
	while (m.len < total)
		buf_add(&m, unit, ul);
	t0 = clock();
	assert_int_equal(bounce_decode(m.data, m.len, &b), STATUS_OK);
	secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
	print_message("%zu bytes of \"%.20s\": %.3f s\n", m.len, unit, secs);
	assert_true(secs < 1.0);
	bounce_free(b);
	buf_free(&m);
}

static void
test_hostile_size(void **state)
{
	static const char head[] =
	    "From: MAILER-DAEMON@mx.example.org\n"
	    "Subject: failure notice\n"
	    "\n"
	    "Hi. This is the qmail-send program at mx.example.org.\n"
	    "I'm afraid I wasn't able to deliver your message to the following"
	    " addresses.\n\n";
	size_t big = (size_t)20 * 1024 * 1024;

	(void)state;
	time_one(head, "a@a@a@a@a<<<<>>>>::::", big);
	time_one(head, "<bob@example.net>:\n550 5.1.1 unknown\n", big);
	time_one(head, "<bob@example.net>: <bob@example.net>: x@y ", big);
	time_one("From: MAILER-DAEMON@x\nSubject: Undeliverable\n\n",
	    "                   ~~~~  *****  %a %a   \n", big);
}

/* Many distinct recipients: each is kept once, in order. */
static void
test_many_recipients(void **state)
{
	struct buf m = BUF_INIT;
	struct bounce *b;

	(void)state;
	buf_adds(&m, "From: MAILER-DAEMON@mx.example.org\n"
	    "Subject: failure notice\n\n"
	    "Hi. This is the qmail-send program at mx.example.org.\n"
	    "I'm afraid I wasn't able to deliver your message to the following"
	    " addresses.\n\n");
	for (int i = 0; i < 300; i++)
		buf_printf(&m, "<user%d@example.net>:\nRemote host said: 550 5.1.1 no\n\n", i);
	buf_adds(&m, "--- Below this line is a copy of the message.\n\n"
	    "To: <other@example.net>:\n");
	assert_int_equal(bounce_decode(m.data, m.len, &b), STATUS_OK);
	assert_int_equal(b->nrcpt, 300);
	assert_string_equal(b->rcpt[299].recipient, "user299@example.net");
	assert_string_equal(b->rcpt[299].status, "5.1.1");
	bounce_free(b);
	buf_free(&m);
}

/*
 * A report that names nobody is read through its returned copy only when
 * the copy went to one address alone; never the To of a list's post.
 */
static void
test_copy_recipient(void **state)
{
	static const char head[] =
	    "From: MAILER-DAEMON@mx.example.org (Mail Delivery System)\n"
	    "To: %s\n"
	    "Subject: Undelivered Mail Returned to Sender\n"
	    "MIME-Version: 1.0\n"
	    "Content-Type: multipart/report; report-type=delivery-status; boundary=\"B\"\n"
	    "\n--B\nContent-Type: text/plain\n\n"
	    "I'm sorry to have to inform you that your message could not\n"
	    "be delivered to one or more recipients.\n\n"
	    "\t--- Delivery report unavailable ---\n"
	    "\n--B\nContent-Type: message/delivery-status\n\n"
	    "Reporting-MTA: dns; mx.example.org\n"
	    "\n--B\nContent-Type: message/rfc822\n\n"
	    "From: news@example.org\n%s"
	    "Subject: Hello\n\nHello.\n--B--\n";
	static const struct {
		const char *report_to, *copy_fields, *want;
	} copies[] = {
		/* One address alone: that is who failed. */
		{ "news@example.org", "To: kim@example.net\n", "kim@example.net" },
		{ "news@example.org", "To: Kim <kim@example.net>\nPrecedence: bulk\n",
		  "kim@example.net" },
		/* A list's post: its To is the list. */
		{ "news@example.org", "To: staff@lists.example.net\nList-Id: <staff.lists.example.net>\n", NULL },
		{ "news@example.org", "To: staff@lists.example.net\nPrecedence: list\n", NULL },
		{ "news@example.org", "To: staff@lists.example.net\nSender: owner-staff@lists.example.net\n", NULL },
		{ "staff-bounces@lists.example.net", "To: staff@lists.example.net\n", NULL },
		/* More than one address, or the report's own: no one. */
		{ "news@example.org", "To: kim@example.net, lee@example.net\n", NULL },
		{ "news@example.org", "To: kim@example.net\nCc: lee@example.net\n", NULL },
		{ "news@example.org", "To: news@example.org\n", NULL },
		{ "news@example.org", "To: undisclosed-recipients:;\n", NULL },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(copies) / sizeof(copies[0]); i++) {
		struct buf m = BUF_INIT;
		struct bounce *b = NULL;

		buf_printf(&m, head, copies[i].report_to, copies[i].copy_fields);
		assert_int_equal(bounce_decode(m.data, m.len, &b), STATUS_OK);
		if (copies[i].want == NULL) {
			assert_int_equal(b->nrcpt, 0);
			assert_false(b->is_bounce);
		} else {
			assert_int_equal(b->nrcpt, 1);
			assert_string_equal(b->rcpt[0].recipient, copies[i].want);
			assert_true(b->is_bounce);
		}
		bounce_free(b);
		buf_free(&m);
	}
}

/*
 * The last resort: a report by its headers, in no layout a family knows,
 * names the failed addresses in sentences of failure.
 */
static void
test_last_resort(void **state)
{
	static const struct {
		const char *mail;
		const char *want[3];	/* failed recipients, in order */
	} reports[] = {
		/* Two addresses in one sentence: both. */
		{ "From: postmaster@mx.example.org\nTo: sender@example.com\n"
		  "Subject: Delivery failure\n\nYour message could not be delivered "
		  "to kim@example.net and lee@example.net: user unknown.\n",
		  { "kim@example.net", "lee@example.net" } },
		/* One line, a count of attempts. */
		{ "From: <>\nReturn-Path: <>\nTo: sender@example.com\nSubject: Mail\n\n"
		  "Delivery failed 3 attempts: kim@example.net\n", { "kim@example.net" } },
		/* A site notice with no sender at all. */
		{ "From: <>\nTo: sender@example.com\nAuto-Submitted: auto-replied\n\n"
		  "You sent mail to kim@example.net. That's not a valid user here.\n",
		  { "kim@example.net" } },
		/* The list below a sentence that names nobody. */
		{ "From: Mail Administrator <mailadmin@mx.example.org>\n"
		  "To: sender@example.com\nSubject: Message status\n\n"
		  "Your message was not delivered to the following recipients:\n\n"
		  "    To: kim@example.net\n    To: lee@example.net\n\nRegards.\n",
		  { "kim@example.net", "lee@example.net" } },
		/* Never the report's own addresses, a postmaster, or the copy's sender. */
		{ "From: MAILER-DAEMON@mx.example.org\nTo: sender@example.com\n"
		  "Subject: failed\n\nDelivery from sender@example.com failed; ask "
		  "postmaster@mx.example.org.\n", { NULL } },
		/* An ordinary message that speaks of failure is no report. */
		{ "From: Kim <kim@example.net>\nTo: lee@example.net\nSubject: the build\n\n"
		  "The nightly build failed again, could not be delivered to ops@example.org.\n",
		  { NULL } },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(reports) / sizeof(reports[0]); i++) {
		struct bounce *b = decode_text(reports[i].mail);
		size_t n = 0;

		while (n < 3 && reports[i].want[n])
			n++;
		assert_int_equal(b->nrcpt, n);
		for (size_t k = 0; k < n; k++) {
			assert_string_equal(b->rcpt[k].recipient, reports[i].want[k]);
			assert_string_equal(b->rcpt[k].action, "failed");
		}
		assert_int_equal(b->is_bounce, n > 0);
		bounce_free(b);
	}
}

/*
 * bounce_decode() skips looking for a delivery-status text outside the
 * MIME structure when the mail as read never says "delivery-status";
 * bounce_decode_message(), without the mail as read, always looks.  Both
 * must give the same bounce for every mail of the corpus, the broken ones
 * (delivery-status text in a part GMime did not see) among them.
 */
static void
test_report_text_shortcut(void **state)
{
	(void)state;
	const char *dirs[] = { BSD, "tests/data/sisimai/maildir/dos/",
	    "tests/data/sisimai/maildir/mac/", NOT };
	size_t files = 0;

	for (size_t k = 0; k < sizeof(dirs) / sizeof(dirs[0]); k++) {
		DIR *d = opendir(dirs[k]);
		struct dirent *e;

		assert_non_null(d);
		while ((e = readdir(d)) != NULL) {
			struct buf path = BUF_INIT, a = BUF_INIT, b = BUF_INIT;
			struct bounce *x, *y;
			GMimeMessage *msg;
			char *data;
			size_t len;

			if (e->d_name[0] == '.')
				continue;
			buf_printf(&path, "%s%s", dirs[k], e->d_name);
			assert_int_equal(file_read(path.data, 1 << 24, &data, &len), STATUS_OK);
			if (bounce_decode(data, len, &x) == STATUS_OK) {
				assert_int_equal(mime_parse(data, len, &msg), STATUS_OK);
				assert_int_equal(bounce_decode_message(msg, &y), STATUS_OK);
				bounce_json(&a, x, path.data, 0);
				bounce_json(&b, y, path.data, 0);
				assert_string_equal(a.data, b.data);
				bounce_free(x);
				bounce_free(y);
				g_object_unref(msg);
				files++;
			}
			free(data);
			buf_free(&path);
			buf_free(&a);
			buf_free(&b);
		}
		closedir(d);
	}
	assert_true(files > 700);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_families),
		cmocka_unit_test(test_whole_families),
		cmocka_unit_test(test_exim_multi),
		cmocka_unit_test(test_repeated_report),
		cmocka_unit_test(test_not_bounces),
		cmocka_unit_test(test_ordinary_mail),
		cmocka_unit_test(test_autoreply),
		cmocka_unit_test(test_autoreply_subjects),
		cmocka_unit_test(test_failure_notification),
		cmocka_unit_test(test_lost_multipart_header),
		cmocka_unit_test(test_dsn_not_autoreply),
		cmocka_unit_test(test_feedback),
		cmocka_unit_test(test_ses_json),
		cmocka_unit_test(test_ses_hostile),
		cmocka_unit_test(test_fill_gaps),
		cmocka_unit_test(test_sendmail_transcript),
		cmocka_unit_test(test_section_diag),
		cmocka_unit_test(test_more_layouts),
		cmocka_unit_test(test_other_layouts),
		cmocka_unit_test(test_round3_layouts),
		cmocka_unit_test(test_causes_elsewhere),
		cmocka_unit_test(test_patterns),
		cmocka_unit_test(test_hostile_size),
		cmocka_unit_test(test_many_recipients),
		cmocka_unit_test(test_text_only_layouts),
		cmocka_unit_test(test_non_delivery_subject),
		cmocka_unit_test(test_copy_recipient),
		cmocka_unit_test(test_last_resort),
		cmocka_unit_test(test_report_text_shortcut),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
