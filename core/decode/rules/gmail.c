/*
 * Gmail's own failure notices: the recipient indented alone on a line, the
 * "Technical details" paragraph with the other server's reply.
 * Newer ones open with "** Address not found **" and name the recipient
 * in a sentence ("Your message wasn't delivered to a@example.org because
 * ..."), the reply after "The response from the remote server was:".
 */
#include "core/decode/rules/rules_int.h"

static const char *const ident[] = {
	"body:Delivery to the following recipient failed",
	"body:Google tried to deliver your message",
	"body:Delivery to the following recipient has been delayed",
	/* Newer notices: a headline, then the recipient inside a sentence. */
	"body:** Address not found **",
	"body:** Message not delivered **",
	"body:** Delivery incomplete **",
	NULL
};
static const char *const start[] = {
	"Delivery to the following recipient",
	"Your message wasn't delivered to",
	"There was a temporary problem delivering your message to",
	NULL
};
static const char *const rcpt[] = {
	"%a",
	"Your message wasn't delivered to %a because~",
	"Your message wasn't delivered to %a.~",
	"There was a temporary problem delivering your message to %a.~",
	NULL
};
static const char *const diag[] = {
	"Technical details of permanent failure:",
	"Technical details of temporary failure:",
	"The response from the remote server was:",
	"The response was:",
	NULL
};
static const char *const delayed[] = {
	"Delivery to the following recipient has been delayed",
	"There was a temporary problem delivering your message",
	NULL
};

const struct rule_family rule_gmail = {
	.name = "gmail",
	.ident = ident,
	.start = start,
	.rcpt = rcpt,
	.diag = diag,
	.delayed = delayed,
};
