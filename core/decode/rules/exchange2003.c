/*
 * Microsoft Exchange 2000/2003 (and IMS 5.5): "did not reach the following
 * recipient(s):" then "address on date" with the reason indented below;
 * Exchange 4.0/5.x's Internet Mail Connector says "The following
 * recipient(s) could not be reached:" in the same layout.
 */
#include "core/decode/rules/rules_int.h"

static const char *const ident[] = {
	"body:did not reach the following recipient(s)",
	"X-Mailer:Internet Mail Service",
	"X-Mailer:Internet Mail Connector",	/* Exchange 4.0/5.x */
	"body:The following recipient(s) could not be reached",
	NULL
};
static const char *const start[] = {
	"did not reach the following recipient",
	"The following recipient(s) could not be reached",
	NULL
};
static const char *const rcpt[] = {
	/* an X.400 originator/recipient address with its SMTP form:
	 * "c=US;a= ;p=Org;o=Site;dda:SMTP=a@example.org; on <date>" */
	"~SMTP=%a;*",
	"%a on ~",
	"%a",
	NULL
};

const struct rule_family rule_exchange2003 = {
	.name = "exchange2003",
	.ident = ident,
	.start = start,
	.rcpt = rcpt,
};
