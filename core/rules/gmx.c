/*
 * GMX and mail.com: Exim-like wording, recipient quoted as "address":.
 */
#include "core/rules/families.h"

static const char *const ident[] = {
	"from:gmx.",
	"",
	NULL
};
static const char *const start[] = {
	"The following address",
	NULL
};
static const char *const rcpt[] = {
	"\"%a\":",
	"%a",
	NULL
};

const struct rule_family rule_gmx = {
	.name = "gmx",
	.ident = ident,
	.start = start,
	.rcpt = rcpt,
};
