/*
 * Smail 3: "Failed addresses follow:" then "address ... reason".
 */
#include "core/decode/rules/rules_int.h"

static const char *const ident[] = {
	"body:Failed addresses follow:",
	NULL
};
static const char *const start[] = {
	"Failed addresses follow:",
	NULL
};
static const char *const rcpt[] = {
	"%a ... *",
	"<%a> ... *",
	NULL
};

const struct rule_family rule_smail = {
	.name = "smail",
	.ident = ident,
	.start = start,
	.rcpt = rcpt,
	.flags = RULE_DIAG_LINE,
};
