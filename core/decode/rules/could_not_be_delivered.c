/*
 * A qmail-derived layout used by several hosting providers: "Your mail
 * message to the following address(es) could not be delivered."
 */
#include "core/decode/rules/rules_int.h"

static const char *const ident[] = {
	"body:Your mail message to the following address(es) could not be delivered",
	NULL
};
static const char *const start[] = {
	"Your mail message to the following address",
	NULL
};
static const char *const rcpt[] = {
	"<%a>:*",
	NULL
};

const struct rule_family rule_could_not_be_delivered = {
	.name = "x4",	/* Sisimai's id: published as "mta" (bounceq(1)) */
	.ident = ident,
	.start = start,
	.rcpt = rcpt,
};
