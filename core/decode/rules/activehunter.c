/*
 * Active!Hunter (a Japanese gateway): Sendmail-like text, ">>> address
 * <address>" recipient lines.
 */
#include "core/decode/rules/rules_int.h"

static const char *const ident[] = {
	"X-AHMAILID:",
	"from:Active!Hunter",
	NULL
};
static const char *const start[] = {
	"The following addresses had",
	NULL
};
static const char *const rcpt[] = {
	">>> %a <%a>~",
	">>> %a",
	NULL
};
static const char *const diag[] = {
	"Transcript of session follows",
	NULL
};

const struct rule_family rule_activehunter = {
	.name = "activehunter",
	.ident = ident,
	.start = start,
	.rcpt = rcpt,
	.diag = diag,
};
