/*
 * Google Groups: the group refused the post; the text names no address,
 * the X-Failed-Recipients header does.  The text, in the sender's language,
 * greets the sender by address first; the paragraph after that says why.
 */
#include "core/decode/rules/rules_int.h"

static const char *const ident[] = {
	"body:Google Groups && from:googlemail.com",
	"body:Google Groups && from:google.com",
	NULL
};

const struct rule_family rule_googlegroups = {
	.name = "googlegroups",
	.ident = ident,
	.flags = RULE_GREETING,
};
