/*
 * Unit tests for cause classification (core/knowledge/classify.c and its tables):
 * real diagnostic strings from real bounces, the generic codes that need
 * their words read (5.1.1, 5.7.1), the SMTP command, hard/soft, derived
 * statuses, the tables' own invariants, and speed on hostile input.
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

#include "core/decode/bounce.h"
#include "core/decode/bounce_int.h"
#include "core/decode/judge_int.h"
#include "core/knowledge/classify.h"
#include "core/knowledge/classify_match_int.h"
#include "core/knowledge/classify_text_int.h"
#include "core/knowledge/reason.h"
#include "core/knowledge/reason_table_int.h"
#include "core/knowledge/smtpcode.h"
#include "core/shared/buf.h"

/* Detail codes of the IANA SMTP Enhanced Status Codes registry. */
static const char *const registered[] = {
	"0.0", "1.0", "1.1", "1.2", "1.3", "1.4", "1.5", "1.6", "1.7", "1.8",
	"1.9", "1.10", "2.0", "2.1", "2.2", "2.3", "2.4", "3.0", "3.1", "3.2",
	"3.3", "3.4", "3.5", "3.6", "4.0", "4.1", "4.2", "4.3", "4.4", "4.5",
	"4.6", "4.7", "5.0", "5.1", "5.2", "5.3", "5.4", "5.5", "5.6", "6.0",
	"6.1", "6.2", "6.3", "6.4", "6.5", "6.6", "6.7", "6.8", "6.9", "7.0",
	"7.1", "7.2", "7.3", "7.4", "7.5", "7.6", "7.7", "7.8", "7.9", "7.10",
	"7.11", "7.12", "7.13", "7.14", "7.15", "7.16", "7.17", "7.18", "7.19",
	"7.20", "7.21", "7.22", "7.23", "7.24", "7.25", "7.26", "7.27", "7.28",
	"7.29", "7.30",
};

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static bool
in_list(const char *s, const char *const *list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(s, list[i]) == 0)
			return true;
	return false;
}

/* A name of the taxonomy (REASON_LIST). */
static bool
known(const char *name)
{
	enum reason r;

	return reason_lookup(name, &r);
}

static char *
dup(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

struct spec {
	const char *recipient;
	const char *action;
	const char *status;
	const char *reply;
	const char *diagnostic;
	const char *diagnostic_type;
};

static struct bounce *
one(const struct spec *s, const char *human)
{
	struct bounce *b = xcalloc(1, sizeof(*b));
	struct bounce_recipient *r = bounce_add_recipient(b);

	b->kind = BOUNCE_KIND_DSN;
	b->is_bounce = true;
	b->human = dup(human);
	r->recipient = dup(s->recipient ? s->recipient : "kijitora@example.jp");
	r->action = dup(s->action ? s->action : "failed");
	r->status = dup(s->status);
	r->status_raw = dup(s->status);
	r->status_source = s->status ? STATUS_SOURCE_MAIL : STATUS_SOURCE_NONE;
	r->reply_code = dup(s->reply);
	r->diagnostic = dup(s->diagnostic);
	r->diagnostic_type = dup(s->diagnostic_type ? s->diagnostic_type : "smtp");
	judge_bounce(b);
	return b;
}

/* Classifies one recipient and checks its reason and hard flag. */
static void
expect(const struct spec *s, const char *reason, bool hard)
{
	struct bounce *b = one(s, NULL);

	assert_non_null(b->rcpt[0].reason);
	assert_string_equal(b->rcpt[0].reason, reason);
	assert_int_equal(b->rcpt[0].hard, hard);
	bounce_free(b);
}

static void
test_5_1_1_userunknown_or_ratelimited(void **state)
{
	(void)state;
	expect(&(struct spec){ .status = "5.1.1", .reply = "550",
	    .diagnostic = "550 5.1.1 <kijitora@example.jp>... User Unknown" },
	    "userunknown", true);
	/* GoDaddy sends its hourly limit as 5.1.1 (p5-sisimai#236). */
	expect(&(struct spec){ .status = "5.1.1", .reply = "550",
	    .diagnostic = "550 5.1.1 <kijitora@example.com>  - 203.0.113.222 "
	    "has sent to too many recipients this hour. IB607  "
	    "<http://x.co/rlbounce>" }, "ratelimited", false);
	/* Gmail wraps its replies; the phrase spans the continuation. */
	expect(&(struct spec){ .status = "5.1.1", .reply = "550",
	    .diagnostic = "550-5.1.1 The email account that you tried to\n"
	    "550-5.1.1 reach does not exist. Please try double-checking" },
	    "userunknown", true);
}

static void
test_5_7_1_spam_relay_block_policy(void **state)
{
	(void)state;
	expect(&(struct spec){ .diagnostic = "You are not a member of this mailing list "
	    "<neko-nyaan@example.org>." }, "rejected", false);
	expect(&(struct spec){ .status = "5.7.1", .reply = "550",
	    .diagnostic = "550 5.7.1 Message content rejected, UBE, id=00000-22-225" },
	    "spamdetected", false);
	expect(&(struct spec){ .status = "5.7.1", .reply = "554",
	    .diagnostic = "554 5.7.1 <kijitora@example.org>: Relay access denied" },
	    "norelaying", false);
	expect(&(struct spec){ .status = "5.7.1", .reply = "554",
	    .diagnostic = "554 5.7.1 <a8-95.smtp-out.amazonses.com[203.0.113.22]>: "
	    "Client host rejected: blocked using zen.spamhaus.org" },
	    "blocked", false);
	expect(&(struct spec){ .status = "5.7.1", .reply = "550",
	    .diagnostic = "550 5.7.1 Denied by policy" }, "policyviolation", false);
	expect(&(struct spec){ .status = "5.7.1", .reply = "554",
	    .diagnostic = "554 5.7.1 Your message was rejected due to "
	    "example.org's DMARC policy." }, "authfailure", false);
	/* 5.7.1 with no words is only known to be a security refusal. */
	expect(&(struct spec){ .status = "5.7.1", .reply = "550",
	    .diagnostic = "550 5.7.1" }, "securityerror", false);
}

static void
test_mailboxfull(void **state)
{
	(void)state;
	expect(&(struct spec){ .status = "5.2.2", .reply = "552",
	    .diagnostic = "552 5.2.2 Over quota" }, "mailboxfull", false);
	expect(&(struct spec){ .status = "4.3.0",
	    .diagnostic = "Quota exceeded message delivery failed to "
	    "/var/mail/box/u/00/f/kijitora/INBOX" }, "mailboxfull", false);
	/* The code is trusted over the words around it. */
	expect(&(struct spec){ .status = "5.2.2", .reply = "550",
	    .diagnostic = "550 5.2.2 STOREDRV.Deliver: user unknown" },
	    "mailboxfull", false);
}

static void
test_expired_on_delayed(void **state)
{
	struct bounce *b;

	(void)state;
	expect(&(struct spec){ .action = "delayed", .status = "4.4.7" },
	    "expired", false);
	expect(&(struct spec){ .status = "4.4.1",
	    .diagnostic = "connect to example.org[203.0.113.225]:25: "
	    "Connection timed out" }, "expired", false);
	/* A delay with nothing else to go on is an expiry in the making. */
	b = one(&(struct spec){ .action = "delayed" }, NULL);
	assert_string_equal(b->rcpt[0].reason, "expired");
	assert_string_equal(b->rcpt[0].status, "4.4.7");
	assert_int_equal(b->rcpt[0].status_source, STATUS_SOURCE_DERIVED);
	bounce_free(b);
	/* An expiry caused by DNS is reported as the DNS failure. */
	expect(&(struct spec){ .status = "5.4.312", .reply = "550",
	    .diagnostic = "550 5.4.312 Message expired, DNS query failed" },
	    "networkerror", false);
}

/* Classifies one recipient whose report also has human-readable text. */
static void
expect_human(const struct spec *s, const char *human, const char *reason)
{
	struct bounce *b = one(s, human);

	assert_string_equal(b->rcpt[0].reason, reason);
	bounce_free(b);
}

/* Providers' private codes, read from the label that precedes them. */
static void
test_provider_codes(void **state)
{
	(void)state;
	/* Cox's code outranks its generic "sender rejected" wording. */
	expect(&(struct spec){ .recipient = "kijitora@cox.net",
	    .status = "5.1.0", .reply = "550",
	    .diagnostic = "550 5.1.0 <bounce@mailer.example.com> sender "
	    "rejected. Refer to Error Codes section at https://www.cox.com/"
	    "residential/support/email-error-codes.html for more information. "
	    "AUP#CDRBL" }, "blocked", false);
	expect(&(struct spec){ .recipient = "kijitora@cox.net",
	    .status = "5.7.1", .reply = "554",
	    .diagnostic = "554 5.7.1 <kijitora@cox.net> recipient rejected "
	    "AUP#URLBL1001" }, "spamdetected", false);
	/* Spectrum: 13xx are connection limits, 11xx reverse DNS. */
	expect(&(struct spec){ .status = "5.1.0", .reply = "550",
	    .diagnostic = "550 5.1.0 <bounce@example.com> sender rejected. "
	    "Please see https://www.spectrum.net/support/internet/understanding-"
	    "email-error-codes for more information. AUP#In-1310" },
	    "ratelimited", false);
	expect(&(struct spec){ .status = "5.7.1", .reply = "554",
	    .diagnostic = "554 5.7.1 Connection rejected. Please see https://"
	    "www.spectrum.net/support/internet/understanding-email-error-codes "
	    "AUP#I-1150" }, "requireptr", false);
	/* Without Spectrum named, a bare AUP# number means nothing. */
	expect(&(struct spec){ .status = "5.7.1", .reply = "554",
	    .diagnostic = "554 5.7.1 Client host rejected AUP#In-1310" },
	    "blocked", false);
	/* Orange and La Poste: the digits after the underscore. */
	expect(&(struct spec){ .status = "4.2.0", .reply = "421",
	    .diagnostic = "421 4.2.0 Service refuse. Veuillez essayer plus tard. "
	    "Service refused, please try later. OFR005_505 [505]" },
	    "systemerror", false);
	expect(&(struct spec){ .status = "5.7.1", .reply = "554",
	    .diagnostic = "554 5.7.1 <mail.example.net[192.0.2.1]:49309>: "
	    "Client host rejected: #216 lpn LPN000_630" },
	    "policyviolation", false);
	expect(&(struct spec){ .status = "5.1.1", .reply = "550",
	    .diagnostic = "550 5.1.1 Adresse d au moins un destinataire "
	    "invalide. Invalid recipient. OFR_416 [416]" },
	    "userunknown", true);
	expect(&(struct spec){ .status = "5.5.0", .reply = "550",
	    .diagnostic = "550 5.5.0 Boite du destinataire archivee. Archived "
	    "recipient. LPN007_420" }, "suspend", false);
	/* Zoho: the receiving organisation's block rules refused the sender. */
	expect(&(struct spec){ .recipient = "kijitora@zoho.com",
	    .status = "5.4.1", .reply = "541",
	    .diagnostic = "host mx.zoho.com[136.143.183.44] said: 541 5.4.1 "
	    "Mail rejected by destination domain (in reply to RCPT TO command)" },
	    "rejected", false);
	/* Yahoo: TSS09 refuses the IP for good, TSS04 only defers it. */
	expect(&(struct spec){ .recipient = "kijitora@yahoo.com",
	    .status = "5.7.2", .reply = "553",
	    .diagnostic = "553 5.7.2 [TSS09] All messages from 192.0.2.25 will "
	    "be permanently deferred; Retrying will NOT succeed. See https://"
	    "postmaster.yahooinc.com/error-codes" }, "blocked", false);
	expect(&(struct spec){ .recipient = "kijitora@yahoo.com",
	    .status = "4.7.0", .reply = "421",
	    .diagnostic = "421 4.7.0 [TSS04] Messages from 192.0.2.25 "
	    "temporarily deferred due to unexpected volume or user complaints - "
	    "4.16.55.1; see https://postmaster.yahooinc.com/error-codes" },
	    "rejected", false);
	/* Exchange: the sender's submission quota, whatever 5.2.2 says. */
	expect(&(struct spec){ .status = "5.2.2", .reply = "554",
	    .diagnostic = "554 5.2.2 mailbox full; STOREDRV.Submission.Exception:"
	    "SubmissionQuotaExceededException; Failed to process message due to "
	    "a permanent exception with message Cannot submit message." },
	    "ratelimited", false);
	expect(&(struct spec){ .status = "5.2.2", .reply = "552",
	    .diagnostic = "552 5.2.2 <kijitora@example.com>: Mailbox full" },
	    "mailboxfull", false);
	/* Exchange Online's 5.4.310: the domain is not in the DNS. */
	expect(&(struct spec){ .recipient = "kijitora@example.com",
	    .status = "5.4.310", .reply = "550",
	    .diagnostic = "550 5.4.310 DNS domain example.com does not exist "
	    "[Message=InfoDomainNonexistent] [LastAttemptedServerName=example.com]"
	    " [BN8NAM11FT066.eop-nam11.prod.protection.outlook.com]" },
	    "hostunknown", true);
}

/* Wordings providers and MTAs really use, each for its cause. */
static void
test_phrases(void **state)
{
	(void)state;
	/* Gmail's SMTP error reference. */
	expect(&(struct spec){ .status = "5.4.5", .reply = "550",
	    .diagnostic = "550 5.4.5 Daily user sending quota exceeded. "
	    "https://support.google.com/a/answer/166852 - gsmtp" },
	    "ratelimited", false);
	expect(&(struct spec){ .status = "4.2.1", .reply = "450",
	    .diagnostic = "450-4.2.1 The user you are trying to contact is "
	    "receiving mail too quickly. Please resend your message at a later "
	    "time. - gsmtp" }, "ratelimited", false);
	expect(&(struct spec){ .status = "5.7.1", .reply = "550",
	    .diagnostic = "550-5.7.1 [192.0.2.1] The IP you're using to send mail "
	    "is not authorized to send email directly to our servers. Please use "
	    "the SMTP relay at your service provider instead. - gsmtp" },
	    "blocked", false);
	expect(&(struct spec){ .status = "5.7.1", .reply = "550",
	    .diagnostic = "550-5.7.1 Messages missing a valid address in From: "
	    "header, or having no From: header, are not accepted. - gsmtp" },
	    "notcompliantrfc", false);
	expect(&(struct spec){ .status = "5.7.1", .reply = "550",
	    .diagnostic = "550-5.7.1 The user or domain that you are sending to "
	    "(or from) has a policy that prohibited the mail that you sent. - "
	    "gsmtp" }, "policyviolation", false);
	/* Gmail's "Send mail as" alias of the sender is misconfigured. */
	expect_human(&(struct spec){ .status = "5.0.0",
	    .diagnostic = "Unspecified Error (SENT_SECOND_EHLO): Smtp server "
	    "does not advertise AUTH capability" },
	    "** Message not delivered **\n\nYou're sending this from a "
	    "different address or alias using the 'Send mail as' feature. The "
	    "settings for your 'Send mail as' account are misconfigured or out "
	    "of date. Check those settings and try resending.\n\nLearn more "
	    "here: https://support.google.com/mail/?p=CustomFromDenied\n",
	    "rejected");
	expect(&(struct spec){ .status = "5.7.1", .reply = "550",
	    .diagnostic = "550 SC-004 (COL0-MC1-F1) Unfortunately, messages "
	    "from 192.0.2.22 weren't sent. We recommend that you contact your "
	    "Internet service provider." }, "blocked", false);
	expect(&(struct spec){ .status = "5.7.1", .reply = "550",
	    .diagnostic = "550 5.7.1 Unfortunately, messages from [192.0.2.5] "
	    "weren't sent. Please contact your Internet service provider since "
	    "part of their network is on our block list (S3150)." },
	    "blocked", false);
	/* A listed URL is about the body, not the client's IP. */
	expect(&(struct spec){ .reply = "550",
	    .diagnostic = "550-REJECTED - Blacklisted URL in message. "
	    "(example.com) in [black]. See http://lookup.uribl.com. - "
	    "Blacklisted Link" }, "spamdetected", false);
	expect(&(struct spec){ .action = "delayed", .reply = "450",
	    .diagnostic = "450 service permits 2 unverifyable sending IPs - "
	    "example.com is not 203.0.113.222" }, "requireptr", false);
	/* qmail-ldap's directory failure, inside qmail's expiry notice. */
	expect(&(struct spec){ .status = "4.4.3",
	    .diagnostic = "Unable to contact LDAP server. (#4.4.3)I'm not going "
	    "to try again; this message has been in the queue too long." },
	    "systemerror", false);
	expect(&(struct spec){ .diagnostic = "Delivery failed 20 attempts: "
	    "kijitora@example.com" }, "expired", false);
	expect(&(struct spec){ .status = "5.7.0", .reply = "550",
	    .diagnostic = "550 5.7.0 <kijitora@example.net>: Recipient address "
	    "rejected: No relaying" }, "norelaying", false);
	expect(&(struct spec){ .status = "5.3.0", .reply = "554",
	    .diagnostic = "554 5.3.0 unknown mailer error 255" },
	    "mailererror", false);
	/* Postfix's "try again" is a DNS failure, not a missing domain. */
	expect(&(struct spec){ .diagnostic = "Name service error for domain "
	    "example.com: Host not found, try again" }, "networkerror", false);
	expect(&(struct spec){ .reply = "550", .diagnostic = "550 Host not "
	    "found" }, "hostunknown", true);
	/* 451 is "local error in processing" when nothing else is said. */
	expect(&(struct spec){ .status = "4.0.0", .reply = "451",
	    .diagnostic = "451 Could not load DRD for domain (example.com)" },
	    "systemerror", false);
	/* A temporary refusal in a final report: the retries ran out. */
	expect(&(struct spec){ .status = "4.0.0", .reply = "450",
	    .diagnostic = "450 Could not load DRD for domain (example.com)" },
	    "expired", false);
	expect(&(struct spec){ .reply = "421", .diagnostic = "Error, "
	    "ERROR_CODE :421, ERROR_CODE :, Host not reachable." },
	    "expired", false);
	expect(&(struct spec){ .reply = "550", .diagnostic = "Error, "
	    "ERROR_CODE :550, ERROR_CODE :, Host not reachable." },
	    "onhold", false);
	/* qmail: the domain exists and has no MX and no address. */
	expect(&(struct spec){ .status = "5.4.4", .diagnostic = "Sorry, I "
	    "couldn't find a mail exchanger or IP address. (#5.4.4)" },
	    "notaccept", true);
	expect(&(struct spec){ .diagnostic = "DNS lookup failure: host "
	    "cx.example.org not found" }, "hostunknown", true);
	expect(&(struct spec){ .status = "5.1.2", .reply = "550",
	    .diagnostic = "550 5.1.2 <a@example.net>: Recipient address "
	    "rejected: Bad destination system address" }, "hostunknown", true);
	/* A gateway's words about the address (test_dead_address). */
	expect(&(struct spec){ .diagnostic = "Unable to deliver message to "
	    "<kijitora@example.jp> (and other recipients in the same domain). "
	    "Please check if address is correct." }, "userunknown", true);
	expect(&(struct spec){ .diagnostic = "\"Sorry, you are sending to/from "
	    "an address that has been blacklisted\"" }, "rejected", false);
	/* GoDaddy's code names the From domain, not a filter. */
	expect(&(struct spec){ .status = "5.2.0", .reply = "550",
	    .diagnostic = "host smtp.secureserver.net [192.0.2.222] SMTP error "
	    "from remote mail server after end of data: 550 5.2.0 "
	    "<a@example.com> From: Domain is invalid. Please provide a valid "
	    "From: IB506" }, "rejected", false);
}

/* An expiry (X.4.7) reports the last error the retries met. */
static void
test_expiry_cause(void **state)
{
	(void)state;
	/* Sendmail names the address twice; the reason is in the transcript. */
	expect_human(&(struct spec){ .recipient = "kijitora@example.co.jp",
	    .status = "4.4.7" },
	    "   ----- The following addresses had permanent fatal errors -----\n"
	    "<kijitora@example.co.jp>\n\n"
	    "   ----- Transcript of session follows -----\n"
	    "<kijitora@example.co.jp>... Deferred: Name server: example.co.jp.: "
	    "host name lookup failure\n"
	    "Message could not be delivered for 8 hours\n", "networkerror");
	expect_human(&(struct spec){ .recipient = "kijitora@example.ne.jp",
	    .status = "4.4.7" },
	    "<kijitora@example.ne.jp>\n\n"
	    "<kijitora@example.ne.jp>... Deferred: Connection refused by "
	    "mx.example.ne.jp.\nMessage could not be delivered for 8 hours\n",
	    "blocked");
	expect_human(&(struct spec){ .recipient = "kijitora@example.ne.jp",
	    .status = "4.4.7" },
	    "<kijitora@example.ne.jp>\n\nMessage could not be delivered for "
	    "5 days\n", "expired");
}

static void
test_hard_flags(void **state)
{
	(void)state;
	expect(&(struct spec){ .status = "5.1.2", .reply = "550",
	    .diagnostic = "550 Host unknown" }, "hostunknown", true);
	expect(&(struct spec){ .status = "5.1.6", .reply = "550",
	    .diagnostic = "550 5.1.6 recipient no longer on server: "
	    "kijitora@example.jp" }, "hasmoved", true);
	expect(&(struct spec){ .status = "5.7.27", .reply = "550",
	    .diagnostic = "550 Host does not accept mail" }, "notaccept", true);
	/* Gmail's null-MX report is a temporary class: not hard. */
	expect(&(struct spec){ .status = "4.0.0",
	    .diagnostic = "DNS Error: 80458680 DNS type 'mx' lookup of "
	    "example.org responded with code NOERROR The domain example.org "
	    "doesn't receive email according to the administrator" },
	    "notaccept", false);
	/* With no code, a failure is permanent and a delay is not. */
	expect(&(struct spec){ .diagnostic = "No mx record found for "
	    "domain=example.org" }, "notaccept", true);
	expect(&(struct spec){ .action = "delayed",
	    .diagnostic = "No MX found for domain" }, "notaccept", false);
	expect(&(struct spec){ .status = "5.2.1", .reply = "550",
	    .diagnostic = "550 5.2.1 The email account that you tried to "
	    "reach is disabled." }, "suspend", false);
	/* "user <address> does not exist" with the address bare beats 5.7.1. */
	expect(&(struct spec){ .status = "5.7.1", .reply = "554",
	    .diagnostic = "554 5.7.1 <a@example.com>: Recipient address "
	    "rejected: user a@example.com does not exist" }, "userunknown", true);
	/* Sendmail's 5.1.1 for a bare 550 does not overrule the words. */
	expect(&(struct spec){ .status = "5.1.1", .reply = "550",
	    .diagnostic = "550 [SUSPEND] Mailbox currently suspended - Please "
	    "contact correspondent directly" }, "suspend", false);
	expect(&(struct spec){ .status = "5.0.0", .reply = "550",
	    .diagnostic = "550 mailbox is suspended" }, "suspend", false);
	expect(&(struct spec){ .status = "5.3.4", .reply = "552",
	    .diagnostic = "552 5.3.4 Message too large" }, "emailtoolarge", false);
}

static void
test_command(void **state)
{
	(void)state;
	/* "User unknown" after DATA is still the address (test_dead_address). */
	expect(&(struct spec){ .status = "5.0.0", .reply = "550",
	    .diagnostic = "host mail.example.net[192.0.2.78] said: 550 Unknown "
	    "user kijitora@example.net (in reply to end of DATA command)" },
	    "userunknown", true);
	/* No text to find a command in: empty buffers, no NULL + 0 (fuzz). */
	expect(&(struct spec){ .status = "5.1.1" }, "userunknown", true);
	expect(&(struct spec){ .status = "5.2.1", .reply = "550",
	    .diagnostic = "SMTP error from remote mail server after RCPT "
	    "TO:<kijitora@example.jp>: 550 5.2.1 <kijitora@example.jp>... User "
	    "Unknown" }, "userunknown", true);
	/* Nothing recipient-related can be refused at MAIL FROM. */
	expect(&(struct spec){ .status = "5.7.1", .reply = "550",
	    .diagnostic = "550 5.7.1 Access denied (in reply to MAIL FROM "
	    "command)" }, "rejected", false);
	expect(&(struct spec){ .status = "5.0.0", .reply = "550",
	    .diagnostic = "SMTP error from remote mail server after initial "
	    "connection: 550 Access denied" }, "blocked", false);
	/* Asking the client to authenticate is about the client. */
	expect(&(struct spec){ .status = "5.0.0", .reply = "550",
	    .diagnostic = "550 Unauthenticated senders not allowed (in reply to "
	    "MAIL FROM command)" }, "securityerror", false);
	/* qmail-remote says the step in its own sentences. */
	expect_human(&(struct spec){ .recipient = "kijitora@example.net",
	    .status = "5.0.0", .reply = "501",
	    .diagnostic = "501 5.0.0 Invalid domain name" },
	    "<kijitora@example.net>:\nConnected to 192.0.2.112 but my name was "
	    "rejected.\nRemote host said: 501 5.0.0 Invalid domain name\n",
	    "blocked");
	expect_human(&(struct spec){ .recipient = "kijitora@nijo.example.jp",
	    .status = "5.7.1", .reply = "550",
	    .diagnostic = "550 5.7.1 <root@nijo.example.jp>... Access denied" },
	    "<kijitora@nijo.example.jp>:\nConnected to 192.0.2.153 but sender "
	    "was rejected.\nRemote host said: 550 5.7.1 <root@nijo.example.jp>"
	    "... Access denied\n", "rejected");
	expect_human(&(struct spec){ .recipient = "filtered@example.jp",
	    .status = "5.2.1", .reply = "550",
	    .diagnostic = "550 5.2.1 <filtered@example.jp>... User Unknown" },
	    "<filtered@example.jp>:\n192.0.2.153 does not like recipient.\n"
	    "Remote host said: 550 5.2.1 <filtered@example.jp>... User Unknown\n"
	    "Giving up on 192.0.2.153.\n", "userunknown");
}

static void
test_human_paragraph(void **state)
{
	struct bounce *b = xcalloc(1, sizeof(*b));
	struct bounce_recipient *r;

	(void)state;
	b->kind = BOUNCE_KIND_DSN;
	b->human = xstrdup("    An error has occurred while attempting to "
	    "deliver a message for\n    the following list of recipients:\n\n"
	    "userunknown@example.net: 550 5.1.1 <userunknown@example.net>: "
	    "Recipient address rejected: User unknown\n"
	    "mailboxfull@example.net: 552 5.2.2 <mailboxfull@example.net>: "
	    "Recipient address rejected: Mailbox full\n\n"
	    "    Below is a copy of the original message:\n");
	r = bounce_add_recipient(b);
	r->recipient = xstrdup("userunknown@example.net");
	r->action = xstrdup("failed");
	r->status = xstrdup("5.0.0");
	r = bounce_add_recipient(b);
	r->recipient = xstrdup("mailboxfull@example.net");
	r->action = xstrdup("failed");
	r->status = xstrdup("5.0.0");
	judge_bounce(b);
	assert_string_equal(b->rcpt[0].reason, "userunknown");
	assert_string_equal(b->rcpt[1].reason, "mailboxfull");
	bounce_free(b);
}

static void
test_not_failures(void **state)
{
	struct bounce *b;

	(void)state;
	b = one(&(struct spec){ .action = "delivered", .status = "2.1.5",
	    .reply = "250", .diagnostic = "250 2.1.5 Ok" }, NULL);
	assert_string_equal(b->rcpt[0].reason, "delivered");
	assert_false(b->rcpt[0].hard);
	bounce_free(b);

	b = one(&(struct spec){ .action = "failed" }, NULL);
	b->kind = BOUNCE_KIND_FEEDBACK;
	free(b->rcpt[0].status);
	b->rcpt[0].status = NULL;
	judge_bounce(b);
	assert_string_equal(b->rcpt[0].reason, "feedback");
	assert_false(b->rcpt[0].hard);
	assert_null(b->rcpt[0].status);
	b->kind = BOUNCE_KIND_AUTOREPLY;
	judge_bounce(b);
	assert_string_equal(b->rcpt[0].reason, "vacation");
	assert_null(b->rcpt[0].status);
	bounce_free(b);
}

/* A layout that means one cause, and the copy of the message that is not read. */
static void
test_layout_and_copy(void **state)
{
	struct bounce *b;

	(void)state;
	/* Google Groups' notice, whatever its language, is the group refusing. */
	b = xcalloc(1, sizeof(*b));
	b->kind = BOUNCE_KIND_TEXT;
	b->mta = xstrdup("googlegroups");
	bounce_add_recipient(b);
	b->rcpt[0].recipient = xstrdup("libsisimai@googlegroups.com");
	b->rcpt[0].action = xstrdup("failed");
	b->rcpt[0].diagnostic = xstrdup("Il se peut que le groupe que vous "
	    "avez essayé de contacter (libsisimai) n'existe pas ou que vous ne "
	    "soyez pas autorisé à lui envoyer des messages.");
	judge_bounce(b);
	assert_string_equal(b->rcpt[0].reason, "rejected");
	bounce_free(b);
	/*
	 * The returned copy names the recipient in its headers; a scanner's
	 * header there is not the recipient's paragraph.
	 */
	expect_human(&(struct spec){ .recipient = "libsisimai@example.org" },
	    "Hello ak@example.jp,\n\nWe could not deliver your message.\n\n"
	    "----- Original message -----\n\nTo: libsisimai@example.org\n"
	    "X-Virus-Scanned: ClamAV using ClamSMTP\n\nHello\n", "onhold");
}

/* KDDI (au, EZweb) words its receive filter as an unknown user. */
static void
test_kddi(void **state)
{
	(void)state;
	expect(&(struct spec){ .recipient = "neko@ezweb.ne.jp", .reply = "550",
	    .diagnostic = "550 : User unknown" }, "filtered", false);
	expect(&(struct spec){ .recipient = "neko@example.jp", .reply = "550",
	    .status = "5.1.351", .diagnostic = "550 5.1.351 Remote server "
	    "returned unknown recipient or mailbox unavailable -> 550 : User "
	    "unknown [lsean.ezweb.ne.jp]" }, "filtered", false);
	expect(&(struct spec){ .recipient = "neko@au.com", .reply = "550",
	    .diagnostic = "550 <neko@au.com>: User unknown" }, "userunknown", true);
	expect(&(struct spec){ .recipient = "neko@ezweb.ne.jp", .reply = "550",
	    .diagnostic = "550: <neko@ezweb.ne.jp>: User unknown" },
	    "userunknown", true);
	/* Elsewhere the same words at RCPT TO are an unknown user. */
	expect(&(struct spec){ .recipient = "neko@example.jp", .reply = "550",
	    .diagnostic = "550 : User unknown (in reply to RCPT TO command)" },
	    "userunknown", true);
}

/* Classifies one recipient of a report whose layout is mta. */
static void
expect_mta(const char *mta, const char *diagnostic, const char *human,
    const char *reason)
{
	struct bounce *b = xcalloc(1, sizeof(*b));
	struct bounce_recipient *r = bounce_add_recipient(b);

	b->kind = BOUNCE_KIND_TEXT;
	b->is_bounce = true;
	b->mta = dup(mta);
	b->human = dup(human);
	r->recipient = xstrdup("kijitora@example.jp");
	r->action = xstrdup("failed");
	r->diagnostic = dup(diagnostic);
	judge_bounce(b);
	assert_string_equal(r->reason, reason);
	assert_int_equal(r->hard, strcmp(reason, "userunknown") == 0);
	bounce_free(b);
}

/*
 * Hard means the address is dead: the receiving side saying that the
 * mailbox or the domain does not exist is userunknown (or hostunknown)
 * and hard, whatever the status detail, the SMTP step or the MTA that
 * reported it, unless the same text blames spam, the content, a policy
 * or a block (doc/bounceq-bounces.7).
 */
static void
test_dead_address(void **state)
{
	(void)state;
	/* No code and no step. */
	expect(&(struct spec){ .reply = "550",
	    .diagnostic = "550 kijitora@example.jp... No such user" },
	    "userunknown", true);
	/* A generic status. */
	expect(&(struct spec){ .status = "5.0.0", .reply = "550",
	    .diagnostic = "550 user unknown" }, "userunknown", true);
	expect(&(struct spec){ .status = "5.0.0", .reply = "500",
	    .diagnostic = "500 err.nosuchuser: kijitora@example.jp" },
	    "userunknown", true);
	/* After DATA (Yahoo's "552 mailbox not found"). */
	expect(&(struct spec){ .status = "5.7.1", .reply = "550",
	    .diagnostic = "550 5.7.1 User unknown (in reply to end of DATA "
	    "command)" }, "userunknown", true);
	expect(&(struct spec){ .reply = "552", .diagnostic = "552 1 Requested "
	    "mail action aborted, mailbox not found (in reply to end of DATA "
	    "command)" }, "userunknown", true);
	/* Barracuda's own code for no such user. */
	expect(&(struct spec){ .status = "5.0.0", .reply = "550",
	    .diagnostic = "550 permanent failure for one or more recipients "
	    "(kijitora@example.jp:550 cuda_nsu No such recipient)" },
	    "userunknown", true);
	/* A status that says nothing more loses to the words. */
	expect(&(struct spec){ .status = "5.3.0", .reply = "553",
	    .diagnostic = "SMTP:RCPT host 192.0.2.8: 553 5.3.0 "
	    "<kijitora@example.jp>... No such user here" }, "userunknown", true);
	expect(&(struct spec){ .status = "5.5.0", .reply = "550",
	    .diagnostic = "Sorry, no SMTP connection got far enough; most "
	    "progress was RCPT TO response; remote host 192.0.2.32 said: 550 "
	    "Requested action not taken: mailbox unavailable" },
	    "userunknown", true);
	expect(&(struct spec){ .status = "5.7.1", .reply = "550",
	    .diagnostic = "550 5.7.1 <kijitora@example.jp>: Recipient address "
	    "rejected: User unknown" }, "userunknown", true);
	/* Postfix's recipient access map: the address itself is refused. */
	expect(&(struct spec){ .status = "5.7.1", .reply = "554",
	    .diagnostic = "SMTP error from remote mail server after RCPT "
	    "TO:<kijitora@example.ch>: 554 5.7.1 <kijitora@example.ch>: "
	    "Recipient address rejected: Access denied" }, "userunknown", true);
	expect_mta(NULL, "554 User unknown", "----- Transcript -----\n"
	    ">>> DATA\n<<< 554 User unknown kijitora@example.jp\n", "userunknown");
	expect_mta("mcafee", "The recipient name is not recognized", NULL,
	    "userunknown");
	expect(&(struct spec){ .status = "5.5.0", .reply = "554",
	    .diagnostic = "mail.local: unknown user: kijitora Service "
	    "unavailable" }, "userunknown", true);
	expect(&(struct spec){ .status = "5.0.0", .reply = "554",
	    .diagnostic = "554 delivery error: dd This user doesn't have a "
	    "yahoo.com account (kijitora@yahoo.com) [0] - "
	    "mta1061.mail.ne1.yahoo.com" }, "userunknown", true);
	/* The same text blaming spam or a block is not about the address. */
	expect(&(struct spec){ .status = "5.7.1", .reply = "550",
	    .diagnostic = "550 5.7.1 Message rejected as spam: unknown user "
	    "policy" }, "spamdetected", false);
	/* A trusted code stands: a full mailbox whatever else is said. */
	expect(&(struct spec){ .status = "5.2.2", .reply = "550",
	    .diagnostic = "550 5.2.2 STOREDRV.Deliver: user unknown" },
	    "mailboxfull", false);
	/* A delay is never hard, nor a temporary refusal. */
	expect(&(struct spec){ .action = "delayed", .status = "4.4.4",
	    .reply = "454", .diagnostic = "454 4.4.4 no MX for example.jp" },
	    "hostunknown", false);
	expect(&(struct spec){ .action = "failed", .status = "4.1.1",
	    .reply = "450", .diagnostic = "450 4.1.1 <kijitora@example.jp>: "
	    "Recipient address rejected: User unknown" }, "userunknown", false);
	/* At MAIL FROM the words are about the sender, not this address. */
	expect(&(struct spec){ .status = "5.1.1", .reply = "550",
	    .diagnostic = "550 5.1.1 User unknown (in reply to MAIL FROM "
	    "command)" }, "rejected", false);
}

/* A required TLS session that could not be set up, in the MTAs' words. */
static void
test_failed_tls(void **state)
{
	(void)state;
	expect(&(struct spec){ .action = "delayed", .diagnostic = "Cannot "
	    "start TLS: handshake failure" }, "failedstarttls", false);
	expect(&(struct spec){ .action = "delayed", .diagnostic = "Server "
	    "certificate not trusted" }, "failedstarttls", false);
	/* Exim's SERVFAIL, as Postfix's "Host not found, try again". */
	expect(&(struct spec){ .action = "delayed", .diagnostic = "host "
	    "lookup did not complete" }, "networkerror", false);
	expect(&(struct spec){ .action = "failed", .diagnostic = "a TLS "
	    "session is required, but an attempt to start TLS failed" },
	    "failedstarttls", false);
	expect(&(struct spec){ .action = "delayed", .diagnostic = "TLS "
	    "session: (SSL_connect): error:0A000086:SSL routines::certificate "
	    "verify failed" }, "failedstarttls", false);
}

/* Older MTAs' words for the standard causes. */
static void
test_old_mta_words(void **state)
{
	(void)state;
	/* sendmail and smail: "User not known", with no status. */
	expect(&(struct spec){ .reply = "550", .status = "5.1.1",
	    .diagnostic = "550 <kijitora@example.jp>... User not known" },
	    "userunknown", true);
	/* An authentication failure is not an unknown user. */
	expect(&(struct spec){ .status = "5.7.8", .reply = "535",
	    .diagnostic = "535 5.7.8 Error: not a valid username or password" },
	    "securityerror", false);
	expect(&(struct spec){ .reply = "550", .status = "5.1.1",
	    .diagnostic = "550 <kijitora@example.jp>... No such person at this "
	    "address" }, "userunknown", true);
	/* A delay names its cause: the mailbox is full, not an expiry. */
	expect_human(&(struct spec){ .action = "delayed", .status = "4.4.7" },
	    "Your message to kijitora@example.jp has been postponed due to a "
	    "full mailbox. Delivery will be retried.\n", "mailboxfull");
	expect_human(&(struct spec){ .action = "delayed", .status = "4.4.7" },
	    "Your message to kijitora@example.jp has been postponed. Delivery "
	    "will be retried.\n", "expired");
	/* Lotus Domino: the recipient's mail file, not the message. */
	expect(&(struct spec){ .diagnostic = "Unable to deliver message; "
	    "Recipient's mail file size exceeds the maximum size allowed for "
	    "mail delivery" }, "mailboxfull", false);
	expect(&(struct spec){ .status = "5.3.4", .reply = "552",
	    .diagnostic = "552 5.3.4 Message size exceeds fixed maximum message "
	    "size" }, "emailtoolarge", false);
	/* Lotus Notes' hop limit. */
	expect(&(struct spec){ .diagnostic = "Message has exceeded maximum hop "
	    "count" }, "networkerror", false);
}

/* Exchange's own codes and Exchange Online's documented NDR causes. */
static void
test_microsoft(void **state)
{
	(void)state;
	/* 5.1.10 at Exchange Online is an unknown recipient ... */
	expect(&(struct spec){ .recipient = "kijitora@outlook.com",
	    .status = "5.1.10", .reply = "550", .diagnostic = "550 5.1.10" },
	    "userunknown", true);
	/* ... elsewhere RFC 7505's null MX. */
	expect(&(struct spec){ .recipient = "kijitora@example.jp",
	    .status = "5.1.10", .reply = "550", .diagnostic = "550 5.1.10" },
	    "notaccept", true);
	expect(&(struct spec){ .status = "5.7.506", .reply = "550",
	    .diagnostic = "550 5.7.506 Access Denied, Bad HELO" },
	    "blocked", false);
	expect(&(struct spec){ .status = "5.7.513", .reply = "550",
	    .diagnostic = "550 5.7.513 Service unavailable, Client host "
	    "[192.0.2.1] blocked by example.com using Customer Block list "
	    "(AS16012607)" }, "blocked", false);
	expect(&(struct spec){ .status = "5.7.520", .reply = "550",
	    .diagnostic = "550 5.7.520 Access denied, Your organization does "
	    "not allow external forwarding. Please contact your administrator "
	    "for further assistance. AS(7555)" }, "policyviolation", false);
	expect(&(struct spec){ .status = "4.7.26", .reply = "450",
	    .diagnostic = "450 4.7.26 Access denied, a message sent over IPv6 "
	    "[2001:db8::1] must pass either SPF or DKIM validation, this "
	    "message is not signed" }, "authfailure", false);
	expect(&(struct spec){ .status = "4.7.323", .reply = "451",
	    .diagnostic = "451 4.7.323 tlsa-invalid: The domain failed DANE "
	    "validation" }, "failedstarttls", false);
	expect(&(struct spec){ .status = "5.7.1", .reply = "550",
	    .diagnostic = "550 5.7.1 RESOLVER.RST.NotAuthorized; not "
	    "authorized" }, "rejected", false);
	expect(&(struct spec){ .status = "5.4.4", .reply = "554",
	    .diagnostic = "554 5.4.4 SMTPSEND.DNS.NonExistentDomain; "
	    "nonexistent domain" }, "hostunknown", true);
	/* Its other RESOLVER words keep their own meaning. */
	expect(&(struct spec){ .status = "5.2.3", .reply = "550",
	    .diagnostic = "550 5.2.3 RESOLVER.RST.RecipSizeLimit; message too "
	    "large for this recipient" }, "emailtoolarge", false);
}

/* Comcast, AOL, T-Online and Tencent codes and templates. */
static void
test_isp_codes(void **state)
{
	(void)state;
	expect(&(struct spec){ .recipient = "kijitora@comcast.net",
	    .reply = "554", .diagnostic = "554 resimta-po-01v.sys.comcast.net "
	    "comcast 192.0.2.1 Comcast block for spam. Please see "
	    "http://postmaster.comcast.net/smtp-error-codes.php#BL000000" },
	    "blocked", false);
	expect(&(struct spec){ .recipient = "kijitora@comcast.net",
	    .reply = "421", .action = "delayed", .diagnostic = "421 "
	    "resimta-po-01v.sys.comcast.net comcast 192.0.2.1 Too many "
	    "sessions opened. RL000001" }, "ratelimited", false);
	/* The same letters from anyone else are no code. */
	expect(&(struct spec){ .recipient = "kijitora@example.jp",
	    .status = "5.7.1", .reply = "554",
	    .diagnostic = "554 5.7.1 Rejected by rule BL000000" },
	    "securityerror", false);
	expect(&(struct spec){ .recipient = "kijitora@aol.com",
	    .status = "5.5.0", .diagnostic = "554- (RTR:DU) "
	    "http://postmaster.info.aol.com/errors/554rtrdu.html" },
	    "blocked", false);
	expect(&(struct spec){ .recipient = "kijitora@aol.com",
	    .reply = "421", .action = "delayed", .diagnostic = "421 4.7.1 : "
	    "(DNS:NR) http://postmaster.info.aol.com/errors/421dnsnr.html" },
	    "requireptr", false);
	expect(&(struct spec){ .recipient = "kijitora@t-online.de",
	    .reply = "554", .diagnostic = "554 IP=192.0.2.1 - A problem "
	    "occurred. (Ask your postmaster for help or to contact "
	    "tosa@rx.t-online.de to clarify.) (BL)" }, "blocked", false);
	expect(&(struct spec){ .recipient = "kijitora@t-online.de",
	    .reply = "554", .diagnostic = "554 IP=192.0.2.1 - None/bad "
	    "reputation. Ask your postmaster for help or to contact "
	    "tosa@rx.t-online.de for reset. (NOWL)" }, "badreputation", false);
	expect(&(struct spec){ .recipient = "kijitora@qq.com", .reply = "550",
	    .diagnostic = "550 Mail content denied. http://service.mail.qq.com/"
	    "cgi-bin/help?subtype=1&&id=20022&&no=1000726" },
	    "spamdetected", false);
}

/* Amazon SES's bounce subtypes, for recipients it gives no words for. */
static void
test_ses_subtype(void **state)
{
	static const struct {
		const char *type, *sub, *diagnostic, *reason, *status;
	} cases[] = {
		{ "Permanent", "OnAccountSuppressionList", NULL, "suppressed", "5.0.0" },
		/* Suppression is SES's own decision, whatever the words. */
		{ "Permanent", "Suppressed", "Amazon SES has suppressed sending "
		    "to this address", "suppressed", "5.0.0" },
		{ "Transient", "MailboxFull", NULL, "mailboxfull", "4.2.2" },
		{ "Transient", "MessageTooLarge", NULL, "emailtoolarge", "4.3.4" },
		{ "Transient", "AttachmentRejected", NULL, "virusdetected", "4.7.1" },
		/* The remote server's words say more than the summary. */
		{ "Transient", "MailboxFull", "550 User unknown (in reply to "
		    "RCPT TO command)", "userunknown", NULL },
		{ "Permanent", "General", NULL, "undefined", "5.0.0" },
	};

	(void)state;
	for (size_t i = 0; i < NELEM(cases); i++) {
		struct bounce *b = xcalloc(1, sizeof(*b));
		struct bounce_recipient *r = bounce_add_recipient(b);

		b->kind = BOUNCE_KIND_DSN;
		bounce_add_field(b, "SES-Bounce-Type", cases[i].type);
		bounce_add_field(b, "SES-Bounce-Subtype", cases[i].sub);
		r->recipient = xstrdup("kijitora@example.jp");
		r->action = xstrdup("failed");
		r->diagnostic = dup(cases[i].diagnostic);
		judge_bounce(b);
		assert_string_equal(r->reason, cases[i].reason);
		if (cases[i].status)
			assert_string_equal(r->status, cases[i].status);
		bounce_free(b);
	}
}

/* EZweb's spam-filter notice says so in a header, whatever its words. */
static void
test_verdict_field(void **state)
{
	struct bounce *b = xcalloc(1, sizeof(*b));
	struct bounce_recipient *r = bounce_add_recipient(b);

	(void)state;
	b->kind = BOUNCE_KIND_TEXT;
	b->mta = xstrdup("ezweb");
	r->recipient = xstrdup("neko@ezweb.ne.jp");
	r->action = xstrdup("failed");
	r->diagnostic = xstrdup("Each of the following recipients was "
	    "rejected by a remote mail server.");
	judge_bounce(b);
	assert_string_equal(r->reason, "onhold");
	bounce_free(b);

	b = xcalloc(1, sizeof(*b));
	r = bounce_add_recipient(b);
	b->kind = BOUNCE_KIND_TEXT;
	bounce_add_field(b, "X-SPASIGN", "NG");
	r->recipient = xstrdup("neko@ezweb.ne.jp");
	r->action = xstrdup("failed");
	r->diagnostic = xstrdup("Each of the following recipients was "
	    "rejected by a remote mail server.");
	judge_bounce(b);
	assert_string_equal(r->reason, "filtered");
	assert_false(r->hard);
	assert_string_equal(r->status, "5.2.0");
	bounce_free(b);
}

/* Statuses that the mail did not carry are registered codes of the right class. */
static void
test_derived_status(void **state)
{
	static const struct {
		const char *reply, *action, *diagnostic, *reason, *status;
	} cases[] = {
		{ "550", "failed", "550 Unknown user (in reply to RCPT TO command)",
		    "userunknown", "5.1.1" },
		/* The same words at an unknown step: the same cause. */
		{ "550", "failed", "550 Unknown user", "userunknown", "5.1.1" },
		/* Class-bound words fit a text bounce by its reply code. */
		{ "550", "failed", "550 Host unknown", "hostunknown", "5.1.2" },
		{ "452", "failed", "452 Mailbox full", "mailboxfull", "4.2.2" },
		{ "552", "failed", "552 Mailbox full", "mailboxfull", "5.2.2" },
		{ NULL, "delayed", "Connection timed out", "expired", "4.4.7" },
		{ NULL, "failed", "Connection timed out", "expired", "5.4.7" },
		/* Retries ran out: every attempt failed temporarily. */
		{ NULL, "failed", "retry timeout exceeded", "expired", "4.4.7" },
		{ NULL, "failed", "mailbox is full: retry timeout exceeded",
		    "mailboxfull", "4.2.2" },
		{ NULL, "failed", "all hosts have been failing for a long time "
		    "and were last tried after this message arrived", "expired", "4.4.7" },
		{ "554", "failed", "554 Relay access denied", "norelaying", "5.7.1" },
		{ "550", "failed", "550 Fix reverse DNS for 203.0.113.2",
		    "requireptr", "5.7.25" },
		{ "421", "failed", "421 Too many connections", "ratelimited", "4.7.0" },
		{ NULL, "failed", NULL, "undefined", "5.0.0" },
	};

	(void)state;
	for (size_t i = 0; i < NELEM(cases); i++) {
		struct bounce *b = one(&(struct spec){ .reply = cases[i].reply,
		    .action = cases[i].action, .diagnostic = cases[i].diagnostic },
		    NULL);
		struct bounce_recipient *r = &b->rcpt[0];

		assert_string_equal(r->reason, cases[i].reason);
		assert_non_null(r->status);
		assert_string_equal(r->status, cases[i].status);
		assert_int_equal(r->status_source, STATUS_SOURCE_DERIVED);
		assert_true(smtpcode_status_valid(r->status));
		assert_true(in_list(r->status + 2, registered, NELEM(registered)));
		bounce_free(b);
	}
}

/* Every reason in every table must be a current taxonomy name, and
 * every pattern must be matchable. */
static void
check_pattern(const char *p)
{
	const char *piece = p, *star;

	assert_true(p[0] != '*');
	do {
		star = strchr(piece, '*');
		assert_true((size_t)(star ? star - piece : (ptrdiff_t)strlen(piece)) <=
		    CLASSIFY_NEEDLE_MAX);
		piece = star ? star + 1 : NULL;
	} while (piece);
	for (const char *c = p; *c; c++) {
		assert_false(*c >= 'A' && *c <= 'Z');
		assert_false(*c == '\n' || *c == '\t');
		assert_false(c[0] == ' ' && c[1] == ' ');
	}
}

static void
test_tables(void **state)
{
	size_t n = 0;

	(void)state;
	for (const struct reason_rule *r = reason_text_rules; r->reason; r++, n++) {
		assert_true(known(r->reason));
		assert_true(r->pattern[0] != '\0');
		check_pattern(r->pattern);
	}
	assert_true(n > 100);
	for (const struct reason_provider_rule *r = reason_provider_rules;
	    r->reason; r++) {
		assert_true(known(r->reason));
		check_pattern(r->host);
		if (r->pattern[0])
			check_pattern(r->pattern);
	}
	for (const struct reason_code *c = reason_codes; c->code; c++)
		assert_true(known(c->reason));
	for (const struct reason_mta_rule *m = reason_mta_rules; m->reason; m++)
		assert_true(known(m->reason));
	for (const struct reason_field_rule *f = reason_field_rules;
	    f->reason; f++)
		assert_true(known(f->reason));
	/* No private-code row may be hidden by an earlier, shorter one. */
	for (const struct reason_provider_code *c = reason_provider_codes;
	    c->reason; c++) {
		assert_true(known(c->reason));
		assert_true(c->label[0] != '\0' && c->code[0] != '\0');
		check_pattern(c->label);
		check_pattern(c->code);
		for (const struct reason_provider_code *e = reason_provider_codes;
		    e < c; e++)
			assert_false(strcmp(e->host, c->host) == 0 &&
			    strcmp(e->label, c->label) == 0 &&
			    strncmp(c->code, e->code, strlen(e->code)) == 0);
	}
}

/* The row of reason_text_rules whose pattern is p. */
static size_t
text_rule(const char *p)
{
	size_t i;

	for (i = 0; reason_text_rules[i].reason; i++)
		if (strcmp(reason_text_rules[i].pattern, p) == 0)
			return i;
	fail_msg("no text rule \"%s\"", p);
	return i;
}

static void
test_match(void **state)
{
	struct buf t = BUF_INIT;
	struct classify_hits h;

	(void)state;
	classify_text_add(&t, "550-5.7.1 Messages with multiple\r\n"
	    "550-5.7.1   addresses in From: header are not accepted.", 4096);
	assert_string_equal(t.data,
	    "messages with multiple addresses in from: header are not accepted. ");
	classify_match_scan(&h, t.data, t.len);
	assert_true(classify_match_has(&h, CLASSIFY_WORDS_TEXT,
	    text_rule("multiple addresses in from")));
	/* the space after "multiple" is the first piece's, not the second's */
	assert_false(classify_match_has(&h, CLASSIFY_WORDS_TEXT,
	    text_rule("multiple * addresses in from")));
	assert_false(classify_match_has(&h, CLASSIFY_WORDS_TEXT,
	    text_rule("user unknown")));
	classify_match_free(&h);
	buf_free(&t);
}

/* 8 MiB of hostile text: capped and linear, so well under a second. */
static void
test_huge_text_is_fast(void **state)
{
	size_t n = 8u << 20;
	char *big = xmalloc(n + 1);
	struct bounce *b;
	clock_t t0;
	double secs;

	(void)state;
	memset(big, 'a', n);
	memcpy(big + n - 13, " user unknown", 13);
	big[n] = '\0';
	t0 = clock();
	for (int i = 0; i < 5; i++) {
		b = one(&(struct spec){ .status = "5.0.0", .reply = "550",
		    .diagnostic = big }, big);
		/* The words are past the cap, so they are not read. */
		assert_string_equal(b->rcpt[0].reason, "onhold");
		bounce_free(b);
	}
	secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
	assert_true(secs < 2.0);
	free(big);
}

/*
 * A report listing 20,000 recipients, each named in the human text too:
 * the classifier must not search that text once per recipient.
 */
static void
test_many_recipients_are_fast(void **state)
{
	const size_t n = 20000;
	struct bounce *b = xcalloc(1, sizeof(*b));
	struct buf h = BUF_INIT;
	clock_t t0;

	(void)state;
	b->kind = BOUNCE_KIND_DSN;
	b->is_bounce = true;
	for (size_t i = 0; i < n; i++) {
		struct bounce_recipient *r = bounce_add_recipient(b);
		struct buf a = BUF_INIT;

		buf_printf(&a, "u%zu@example.org", i);
		buf_printf(&h, "<u%zu@example.org>: 550 User unknown\n", i);
		r->recipient = buf_steal(&a);
		r->action = xstrdup("failed");
		r->status = xstrdup("5.1.1");
		r->status_source = STATUS_SOURCE_MAIL;
	}
	b->human = buf_steal(&h);
	t0 = clock();
	judge_bounce(b);
	assert_true(clock() - t0 < 2 * CLOCKS_PER_SEC);
	for (size_t i = 0; i < n; i++)
		assert_string_equal(b->rcpt[i].reason, "userunknown");
	bounce_free(b);
}

/*
 * The classifier on plain values, as the queue calls it: no report, no
 * human text, only what one SMTP reply says.
 */
static void
judge(const struct classify_input *in, const char *reason, bool hard,
    const char *status)
{
	struct classify_result res;

	classify(in, &res);
	assert_string_equal(res.reason, reason);
	assert_int_equal(res.hard, hard);
	assert_string_equal(res.status, status);
}

static void
test_plain_values(void **state)
{
	(void)state;
	/* RCPT TO refusal with an addressing code: the address is dead. */
	judge(&(struct classify_input){ .action = "failed", .status = "5.1.1",
	    .reply_code = "550", .recipient = "a@example.org",
	    .diagnostic = "550 5.1.1 <a@example.org>: Recipient address rejected: "
	    "User unknown in virtual mailbox table" }, "userunknown", true, "");
	/* The same words after DATA: the address is still dead. */
	judge(&(struct classify_input){ .action = "failed", .reply_code = "550",
	    .diagnostic = "550 User unknown", .step = CLASSIFY_STEP_DATA },
	    "userunknown", true, "5.1.1");
	/* A filter's own words, after DATA: soft. */
	judge(&(struct classify_input){ .action = "failed", .reply_code = "550",
	    .diagnostic = "550 Message filtered", .step = CLASSIFY_STEP_DATA },
	    "filtered", false, "5.2.0");
	/* A delay reason: temporary, so the derived status is 4.x.x. */
	judge(&(struct classify_input){ .action = "delayed",
	    .diagnostic = "connect to mx.example.org[192.0.2.1]:25: Connection refused" },
	    "networkerror", false, "4.4.0");
	/* The recognised layout decides, whatever the words. */
	judge(&(struct classify_input){ .action = "failed",
	    .layout = "googlegroups", .diagnostic = "anything" },
	    "rejected", false, "5.7.1");
	/* A report field names the cause when the words do not. */
	judge(&(struct classify_input){ .action = "failed",
	    .fields = (const struct classify_field[]){
		{ "SES-Bounce-Type", "Transient" },
		{ "SES-Bounce-Subtype", "MailboxFull" } }, .nfields = 2 },
	    "mailboxfull", false, "4.2.2");
	/* Complaints and automatic replies are never failures. */
	judge(&(struct classify_input){ .report = CLASSIFY_REPORT_FEEDBACK,
	    .action = "failed", .status = "5.1.1" }, "feedback", false, "");
	judge(&(struct classify_input){ .report = CLASSIFY_REPORT_AUTOREPLY },
	    "vacation", false, "");
	/* Nothing at all to decide from. */
	judge(&(struct classify_input){ 0 }, "undefined", false, "5.0.0");
	/*
	 * Exim's "Unrouteable address": a domain that does not exist, but an
	 * unknown user when the domain is the reporting MTA's own.
	 */
	judge(&(struct classify_input){ .action = "failed", .status = "5.0.0",
	    .recipient = "someone@nxdomain.test", .reporting_host = "mta.e2e.test",
	    .diagnostic = "Unrouteable address" }, "hostunknown", true, "");
	judge(&(struct classify_input){ .action = "failed", .status = "5.0.0",
	    .recipient = "nobody@local.e2e.test", .reporting_host = "mta.e2e.test",
	    .diagnostic = "Unrouteable address" }, "userunknown", true, "");
	judge(&(struct classify_input){ .action = "failed", .status = "5.0.0",
	    .recipient = "nobody@example.org", .reporting_host = "mx2.example.org",
	    .diagnostic = "Unrouteable address" }, "userunknown", true, "");
	judge(&(struct classify_input){ .action = "failed", .status = "5.0.0",
	    .recipient = "nobody@example.org", .reporting_host = "mx.example.com",
	    .diagnostic = "Unrouteable address" }, "hostunknown", true, "");
}

static void
test_codes_choice(void **state)
{
	struct classify_codes c;

	(void)state;
	/* Exim writes 5.0.0; the server's own pair is the answer. */
	classify_codes("5.0.0", "550 5.1.1 <a@example.org>: no such user", "smtp", &c);
	assert_string_equal(c.status, "5.1.1");
	assert_string_equal(c.reply, "550");
	assert_int_equal(c.source, CLASSIFY_CODES_DIAGNOSTIC);
	/* A specific Status field stands when the pair agrees. */
	classify_codes("5.2.2", "552 5.2.2 mailbox full", "smtp", &c);
	assert_string_equal(c.status, "5.2.2");
	assert_int_equal(c.source, CLASSIFY_CODES_FIELD);
	/* A local program's exit code is no SMTP reply. */
	classify_codes("5.0.0", "550 5.1.1 unknown", "X-Unix", &c);
	assert_string_equal(c.reply, "");
	assert_string_equal(c.status, "5.1.1");
	/* Nothing valid anywhere. */
	classify_codes("9.9.9", "no codes here", "smtp", &c);
	assert_string_equal(c.status, "");
	assert_string_equal(c.reply, "");
	assert_int_equal(c.source, CLASSIFY_CODES_NONE);
	classify_codes(NULL, NULL, NULL, &c);
	assert_string_equal(c.status, "");
}

/*
 * REASON_LIST is the taxonomy: bounceq-bounces(7) lists exactly its
 * names, each once, with the same line of help.
 */
static void
test_reasons_in_manual(void **state)
{
	FILE *f = fopen("doc/bounceq-bounces.7", "r");
	char line[512];
	bool seen[REASON_COUNT] = { false };
	size_t listed = 0;

	(void)state;
	assert_non_null(f);
	while (fgets(line, sizeof(line), f)) {
		enum reason r;

		if (strncmp(line, ".It Sy ", 7) != 0)
			continue;
		line[7 + strcspn(line + 7, " \n")] = '\0';
		if (!reason_lookup(line + 7, &r))
			fail_msg("bounceq-bounces(7) names \"%s\", not a reason", line + 7);
		assert_false(seen[r]);
		seen[r] = true;
		listed++;
	}
	fclose(f);
	for (size_t i = 0; i < REASON_COUNT; i++)
		if (!seen[i])
			fail_msg("bounceq-bounces(7) lacks \"%s\"", reason_name((enum reason)i));
	assert_int_equal(listed, REASON_COUNT);
	for (size_t i = 0; i < REASON_COUNT; i++) {
		const char *name = reason_name((enum reason)i);

		assert_non_null(reason_help(name));
		assert_true(reason_is_failure(name) || !reason_is_hard(name));
		assert_true(reason_is_failure(name) == (reason_derived_code(name) != NULL));
	}
	assert_null(reason_help("nosuchreason"));
	assert_true(reason_is_failure("nosuchreason"));
	assert_false(reason_is_failure(NULL));
	assert_null(reason_name(REASON_COUNT));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_5_1_1_userunknown_or_ratelimited),
		cmocka_unit_test(test_5_7_1_spam_relay_block_policy),
		cmocka_unit_test(test_mailboxfull),
		cmocka_unit_test(test_expired_on_delayed),
		cmocka_unit_test(test_provider_codes),
		cmocka_unit_test(test_phrases),
		cmocka_unit_test(test_expiry_cause),
		cmocka_unit_test(test_hard_flags),
		cmocka_unit_test(test_command),
		cmocka_unit_test(test_human_paragraph),
		cmocka_unit_test(test_not_failures),
		cmocka_unit_test(test_layout_and_copy),
		cmocka_unit_test(test_kddi),
		cmocka_unit_test(test_dead_address),
		cmocka_unit_test(test_verdict_field),
		cmocka_unit_test(test_failed_tls),
		cmocka_unit_test(test_old_mta_words),
		cmocka_unit_test(test_microsoft),
		cmocka_unit_test(test_isp_codes),
		cmocka_unit_test(test_ses_subtype),
		cmocka_unit_test(test_derived_status),
		cmocka_unit_test(test_tables),
		cmocka_unit_test(test_plain_values),
		cmocka_unit_test(test_codes_choice),
		cmocka_unit_test(test_reasons_in_manual),
		cmocka_unit_test(test_match),
		cmocka_unit_test(test_huge_text_is_fast),
		cmocka_unit_test(test_many_recipients_are_fast),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
