/*
 * Anything that looks like a bounce without a family we know: a sender
 * such as MAILER-DAEMON or postmaster, or a subject that says the mail
 * failed.  Only the most common recipient-line shapes are trusted here.
 */
#include "core/decode/rules/rules_int.h"

static const char *const ident[] = {
	"from:mailer-daemon",
	"from:postmaster",
	"from:Mail Delivery",
	"subject:Undeliverable",
	"subject:Undelivered Mail",
	"subject:Returned mail",
	"subject:Mail delivery failed",
	"subject:Delivery failure",
	"subject:failure notice",
	"subject:Delivery Status Notification",
	"subject:Non remis",
	"subject:Unzustellbar",
	/* Small servers' NDRs: "Non-Delivery: <the original subject>" */
	"subject:Non-Delivery",
	NULL
};
static const char *const rcpt[] = {
	"<%a>:*",
	/* Postfix, an alias expanded: "<b@x> (expanded from <a@y>): why" */
	"<%a> (expanded from <~>):*",
	"%a",
	"<%a>",
	"%a:",
	/* "Delivery to the following recipients failed permanently:" lists */
	"\\* %a",
	/*
	 * One labelled line per recipient, as small and old MTAs write it:
	 * HotPOP, USA.NET, L-Soft LSMTP ("Error-for:"), Exchange 5.5 web
	 * gateways, SMTP gateways that say "Failed Recipient:".
	 */
	"Undeliverable Address: %a",
	"Intended recipient: %a",
	"Failed Recipient: %a",
	"Error-for: %a",
	"Did not reach the following recipient: %a",
	/* Demon Internet: "The following message, addressed to 'a@b'," */
	"The following message, addressed to '%a',",
	/* "Sorry, unable to deliver your message to a@b for the following reason:" */
	"~unable to deliver your message to %a~",
	/* Symantec Email Security.cloud (MessageLabs) */
	"The following message to <%a> was undeliverable.~",
	/* Prodigy and other Sendmail sites: "User's mailbox is full: <a@b>" */
	"!User's mailbox is full: <%a>",
	/*
	 * Exchange 5.5's IMS: "Your message has encountered delivery problems
	 * to local user a. (Originally addressed to a@example.org)"
	 */
	"(Originally addressed to %a)",
	/* Delay warnings that set the address apart in quotes. */
	"\"%a\"",
	/* A display name before the address: "\"a@b\" <a@b>", "Ann <a@b>" */
	"\"~\" <%a>",
	/*
	 * Novell GroupWise: "The message that you sent was undeliverable to
	 * the following:" then "a@example.org (user not found)".
	 */
	"%a (*",
	NULL
};

const struct rule_family rule_generic = {
	.name = "generic",
	.ident = ident,
	.rcpt = rcpt,
};
