/*
 * A qmail-derived layout used by several hosting providers: "Your mail
 * message to the following address(es) could not be delivered."
 */
#include "core/rules/families.h"

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

const struct rule_family rule_x4 = {
	.name = "x4",
	.ident = ident,
	.start = start,
	.rcpt = rcpt,
};
