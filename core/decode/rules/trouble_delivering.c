/*
 * A gateway that writes "We had trouble delivering your message. Full
 * details follow:".
 */
#include "core/decode/rules/rules_int.h"

static const char *const ident[] = {
	"body:We had trouble delivering your message",
	NULL
};
static const char *const rcpt[] = {
	"The following recipients returned permanent errors: %a. Reason: *",
	"The following recipients returned temporary errors: %a. Reason: *",
	/* "SMTP Server <mx> rejected recipient <a> (Error following RCPT
	 * command). It responded as follows: [550 5.1.1 User unknown]" */
	"!SMTP Server <~> rejected recipient <%a>*",
	NULL
};
static const char *const delayed[] = {
	"returned temporary errors",
	NULL
};

const struct rule_family rule_trouble_delivering = {
	.name = "x6",	/* Sisimai's id: published as "mta" (bounceq(1)) */
	.ident = ident,
	.rcpt = rcpt,
	.delayed = delayed,
};
