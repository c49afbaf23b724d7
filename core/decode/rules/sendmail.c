/*
 * Sendmail before DSNs (V5/V8 text reports) and forwarded Sendmail
 * reports: "NNN [X.Y.Z] <address>... reason" lines in the transcript,
 * "<address>... Deferred: reason" verdicts, or the "following addresses
 * had permanent fatal errors" list.  The same lines fill the gaps of
 * Sendmail's DSNs, whose Diagnostic-Code is often only "X-Unix; 77".
 */
#include "core/decode/rules/rules_int.h"

static const char *const ident[] = {
	"body:----- Transcript of session follows -----",
	"body:----- The following addresses had permanent fatal errors -----",
	NULL
};
static const char *const rcpt[] = {
	"### <%a>... *",
	"### %a... *",
	/* "550 5.1.1 <a@example.org>... User unknown" */
	"### #.*<%a>... *",
	"### #.*%a... *",
	/* sendmail's own verdict: "<a@example.org>... Deferred: 421" */
	"<%a>... *",
	/*
	 * The "permanent fatal errors" list alone, when the transcript names
	 * nobody (a local delivery agent's "552 5.2.2 Over quota").
	 */
	"<%a>",
	"%a",
	NULL
};
/*
 * What a local delivery program wrote into the transcript, on the line
 * above Sendmail's verdict: "mail.local: unknown user: a" above "554
 * <a@example.org>... Service unavailable" is the cause, the verdict only
 * the consequence.
 */
static const char *const cause[] = {
	"mail.local: *",
	"procmail: *",
	"maildrop: *",
	"deliver: *",
	"smrsh: *",
	NULL
};
/* The copy of the message: its To and Cc lines are no failures. */
static const char *const end[] = {
	"----- Message header follows -----",
	NULL
};

const struct rule_family rule_sendmail = {
	.name = "sendmail",
	.ident = ident,
	.end = end,
	.rcpt = rcpt,
	.cause = cause,
	.flags = RULE_DIAG_LINE,
};
