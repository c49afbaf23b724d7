/*
 * Gmail's own failure notices: the recipient indented alone on a line, the
 * "Technical details" paragraph with the other server's reply.
 */
#include "core/rules/families.h"

static const char *const ident[] = {
	"body:Delivery to the following recipient failed",
	"body:Google tried to deliver your message",
	"body:Delivery to the following recipient has been delayed",
	NULL
};
static const char *const start[] = {
	"Delivery to the following recipient",
	NULL
};
static const char *const rcpt[] = {
	"%a",
	NULL
};
static const char *const diag[] = {
	"Technical details of permanent failure:",
	"Technical details of temporary failure:",
	NULL
};
static const char *const delayed[] = {
	"Delivery to the following recipient has been delayed",
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
