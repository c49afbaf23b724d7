/*
 * A gateway that writes "We had trouble delivering your message. Full
 * details follow:".
 */
#include "core/rules/families.h"

static const char *const ident[] = {
	"body:We had trouble delivering your message",
	NULL
};
static const char *const rcpt[] = {
	"The following recipients returned permanent errors: %a. Reason: *",
	"The following recipients returned temporary errors: %a. Reason: *",
	NULL
};
static const char *const delayed[] = {
	"returned temporary errors",
	NULL
};

const struct rule_family rule_x6 = {
	.name = "x6",
	.ident = ident,
	.rcpt = rcpt,
	.delayed = delayed,
};
