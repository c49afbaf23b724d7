/*
 * A gateway that writes "Delivery to the following recipients failed
 * permanently:" with a bulleted "* address" list and an "SMTP:RCPT host
 * ..." line.
 */
#include "core/decode/rules/rules_int.h"

static const char *const ident[] = {
	"from:Mail.Delivery.System",
	"body:* Delivery to the following recipients failed permanently && body:This is an automatically generated Delivery Status Notification",
	NULL
};
static const char *const start[] = {
	"Delivery to the following recipients failed",
	NULL
};
static const char *const rcpt[] = {
	"* %a",
	NULL
};
static const char *const diag[] = {
	"Technical details:",
	NULL
};

const struct rule_family rule_failed_permanently = {
	.name = "x3",	/* Sisimai's id: published as "mta" (bounceq(1)) */
	.ident = ident,
	.start = start,
	.rcpt = rcpt,
	.diag = diag,
};
