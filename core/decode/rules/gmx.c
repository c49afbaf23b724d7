/*
 * GMX and mail.com: Exim-like wording, recipient quoted as "address": or
 * in angle brackets, the cause after "Reason:".
 */
#include "core/decode/rules/rules_int.h"

static const char *const ident[] = {
	"from:gmx.",
	NULL
};
static const char *const start[] = {
	"The following address",
	NULL
};
static const char *const rcpt[] = {
	"\"%a\":",
	"%a",
	"<%a>",
	NULL
};
/* "Reason:" on a line of its own, the words on the next. */
static const char *const diag[] = {
	"Reason:",
	NULL
};

const struct rule_family rule_gmx = {
	.name = "gmx",
	.ident = ident,
	.start = start,
	.rcpt = rcpt,
	.diag = diag,
};
