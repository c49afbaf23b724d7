/*
 * MailFoundry: "Unable to deliver message to: <address>" and "Delivery
 * failed for the following reason:".
 */
#include "core/decode/rules/rules_int.h"

static const char *const ident[] = {
	"body:Delivery failed for the following reason:",
	NULL
};
static const char *const rcpt[] = {
	"Unable to deliver message to: <%a>~",
	NULL
};
static const char *const diag[] = {
	"Delivery failed for the following reason:",
	NULL
};

const struct rule_family rule_mailfoundry = {
	.name = "mailfoundry",
	.ident = ident,
	.rcpt = rcpt,
	.diag = diag,
};
