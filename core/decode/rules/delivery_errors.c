/*
 * Mail2000 and similar: "---The following addresses had delivery
 * errors---" then "address [reason]".
 */
#include "core/decode/rules/rules_int.h"

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

const struct rule_family rule_delivery_errors = {
	.name = "x1",	/* Sisimai's id: published as "mta" (bounceq(1)) */
	.ident = ident,
	.start = start,
	.rcpt = rcpt,
};
