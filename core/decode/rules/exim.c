/*
 * Exim: "The following address(es) failed:" then each recipient alone on
 * an indented line, the SMTP conversation indented further below it.
 * Delay warnings use the same layout.
 */
#include "core/decode/rules/rules_int.h"

static const char *const ident[] = {
	"body:This message was created automatically by mail delivery software",
	"X-Failed-Recipients:@",
	"body:could not be delivered to one or more of its",
	"body:contained one or more recipient addresses that were",
	NULL
};
static const char *const start[] = {
	"following address(es) failed",
	"following address failed",
	"following addresses failed",
	"has not yet been delivered to the following",
	"message has not yet been delivered is:",
	"message has not yet been delivered are:",
	"could not be delivered to one or more",
	"recipient addresses that were",
	NULL
};
/* Exim 4.9x delay warnings end their list with this paragraph. */
static const char *const end[] = {
	"No action is required on your part",
	NULL
};
static const char *const rcpt[] = {
	"%a",
	"%a:",
	"<%a>",
	"<%a>:*",
	"%a <%a>:*",
	"%a <%a>",
	"\"%a\":",
	NULL
};
static const char *const delayed[] = {
	"This is a temporary error",
	"Message delayed",
	NULL
};

const struct rule_family rule_exim = {
	.name = "exim",
	.ident = ident,
	.start = start,
	.end = end,
	.rcpt = rcpt,
	.delayed = delayed,
};
