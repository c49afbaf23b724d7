/*
 * McAfee MX Logic: Exim-like wording, "<address>: reply" on one line.
 */
#include "core/rules/families.h"

static const char *const ident[] = {
	"Received:mxl_mta",
	"Message-Id:mxlogic",
	NULL
};
static const char *const start[] = {
	"The following address failed",
	NULL
};
static const char *const rcpt[] = {
	"<%a>:*",
	"%a",
	NULL
};

const struct rule_family rule_mxlogic = {
	.name = "mxlogic",
	.ident = ident,
	.start = start,
	.rcpt = rcpt,
};
