/*
 * Apache James: the error first ("Error message below:"), the envelope
 * after ("RCPT TO: address").
 */
#include "core/decode/rules/rules_int.h"

static const char *const ident[] = {
	"body:Error message below:",
	NULL
};
static const char *const rcpt[] = {
	"RCPT TO: %a",
	NULL
};
static const char *const diag[] = {
	"Error message below:",
	NULL
};

const struct rule_family rule_apachejames = {
	.name = "apachejames",
	.ident = ident,
	.rcpt = rcpt,
	.diag = diag,
	.flags = RULE_DIAG_BEFORE,
};
