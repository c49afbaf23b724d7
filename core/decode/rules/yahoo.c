/*
 * Yahoo! Mail (and Yahoo! JAPAN): qmail's layout, introduced by "Sorry, we
 * were unable to deliver your message".
 */
#include "core/decode/rules/rules_int.h"

static const char *const ident[] = {
	"body:Sorry, we were unable to deliver your message to the following address",
	NULL
};
static const char *const start[] = {
	"Sorry, we were unable to deliver your message",
	NULL
};
static const char *const rcpt[] = {
	"<%a>:*",
	NULL
};

const struct rule_family rule_yahoo = {
	.name = "yahoo",
	.ident = ident,
	.start = start,
	.rcpt = rcpt,
};
