/*
 * Zoho Mail: "address reason" on one line, or a bracketed "[Status: ...,
 * Address: <address>, ResponseCode NNN, ...]" in delay notices.
 */
#include "core/decode/rules/rules_int.h"

static const char *const ident[] = {
	"from:zoho.com",
	NULL
};
static const char *const start[] = {
	"could not be delivered to one or more",
	"The following addresses had",
	NULL
};
static const char *const rcpt[] = {
	"[Status: *, Address: <%a>, *",
	"%a *",
	NULL
};
static const char *const delayed[] = {
	"THIS IS A WARNING MESSAGE ONLY",
	"Message will be retried",
	NULL
};

const struct rule_family rule_zoho = {
	.name = "zoho",
	.ident = ident,
	.start = start,
	.rcpt = rcpt,
	.delayed = delayed,
	.flags = RULE_DIAG_LINE,
};
