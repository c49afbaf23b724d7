/*
 * qmail and the MTAs built on it (netqmail, vpopmail): a qmail-send report
 * lists each recipient as "<address>:" followed by what the remote host
 * said, then the copy of the message.
 */
#include "core/decode/rules/rules_int.h"

static const char *const ident[] = {
	"body:This is the qmail-send program",
	"body:I'm afraid I wasn't able to deliver your message",
	NULL
};
static const char *const start[] = {
	"I'm afraid I wasn't able to deliver",
	NULL
};
static const char *const rcpt[] = {
	"<%a>:*",
	NULL
};
static const char *const delayed[] = {
	"I'm still trying",
	NULL
};

const struct rule_family rule_qmail = {
	.name = "qmail",
	.ident = ident,
	.start = start,
	.rcpt = rcpt,
	.delayed = delayed,
};
