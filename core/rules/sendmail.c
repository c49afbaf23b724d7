/*
 * Sendmail before DSNs (V5/V8 text reports) and forwarded Sendmail
 * reports: "NNN <address>... reason" lines in the transcript, or the
 * "following addresses had permanent fatal errors" list.
 */
#include "core/rules/families.h"

static const char *const ident[] = {
	"body:----- Transcript of session follows -----",
	"body:----- The following addresses had permanent fatal errors -----",
	NULL
};
static const char *const rcpt[] = {
	"### <%a>... *",
	"",
	"### %a... *",
	NULL
};

const struct rule_family rule_sendmail = {
	.name = "sendmail",
	.ident = ident,
	.rcpt = rcpt,
	.flags = RULE_DIAG_LINE,
};
