/*
 * Gmail's own failure notices: the recipient indented alone on a line, the
 * "Technical details" paragraph with the other server's reply.
 */
#include "core/rules/families.h"

static const char *const ident[] = {
	"body:Delivery to the following recipient failed",
	"body:Delivery to the following recipients failed",
	"body:Google tried to deliver your message",
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
	"temporary failure",
	"Delivery to the following recipient has been delayed",
	NULL
};

const struct rule_family rule_gmail = {
	"gmail", ident, start, NULL, rcpt, diag, delayed
};
