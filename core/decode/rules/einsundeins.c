/*
 * 1&1 (kundenserver.de): Exim-like wording with "For the following
 * reason:" before the server's words.
 */
#include "core/decode/rules/rules_int.h"

static const char *const ident[] = {
	"from:kundenserver",
	"body:postmaster.1and1.com",
	NULL
};
static const char *const start[] = {
	"The following address failed",
	"The following address(es)",	/* "... address(es)\nfailed:" */
	NULL
};
static const char *const rcpt[] = {
	"%a",
	"%a:",
	NULL
};
static const char *const diag[] = {
	"For the following reason:",
	NULL
};

const struct rule_family rule_einsundeins = {
	.name = "einsundeins",
	.ident = ident,
	.start = start,
	.rcpt = rcpt,
	.diag = diag,
};
