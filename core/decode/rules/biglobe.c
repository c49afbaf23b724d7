/*
 * BIGLOBE (Japan): the recipient under "had delivery problems", the reason
 * under "Non-delivered information".
 */
#include "core/decode/rules/rules_int.h"

static const char *const ident[] = {
	"from:biglobe.ne.jp",
	NULL
};
static const char *const start[] = {
	"The following addresses had delivery problems",
	NULL
};
static const char *const rcpt[] = {
	"%a",
	NULL
};
static const char *const diag[] = {
	"Non-delivered information",
	NULL
};

const struct rule_family rule_biglobe = {
	.name = "biglobe",
	.ident = ident,
	.start = start,
	.rcpt = rcpt,
	.diag = diag,
};
