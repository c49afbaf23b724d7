/*
 * m-FILTER (Digital Arts): the address, then "-------server message" and
 * the reply.
 */
#include "core/decode/rules/rules_int.h"

static const char *const ident[] = {
	"body:m-FILTER",
	"body:-------server message",
	NULL
};
static const char *const rcpt[] = {
	"%a",
	"<%a>",
	NULL
};
static const char *const diag[] = {
	"-------server message",
	NULL
};

const struct rule_family rule_mfilter = {
	.name = "mfilter",
	.ident = ident,
	.rcpt = rcpt,
	.diag = diag,
};
