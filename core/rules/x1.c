/*
 * Mail2000 and similar: "---The following addresses had delivery
 * errors---" then "address [reason]".
 */
#include "core/rules/families.h"

static const char *const ident[] = {
	"body:---The following addresses had delivery errors---",
	NULL
};
static const char *const start[] = {
	"The following addresses had delivery errors",
	NULL
};
static const char *const rcpt[] = {
	"%a [*",
	"%a",
	NULL
};

const struct rule_family rule_x1 = {
	.name = "x1",
	.ident = ident,
	.start = start,
	.rcpt = rcpt,
};
