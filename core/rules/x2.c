/*
 * Another qmail-like layout: "Unable to deliver message to the following
 * address(es)." then "<address>:" and the reason.
 */
#include "core/rules/families.h"

static const char *const ident[] = {
	"body:Unable to deliver message to the following address(es)",
	NULL
};
static const char *const start[] = {
	"Unable to deliver message to the following address",
	NULL
};
static const char *const rcpt[] = {
	"<%a>:*",
	NULL
};

const struct rule_family rule_x2 = {
	.name = "x2",
	.ident = ident,
	.start = start,
	.rcpt = rcpt,
};
