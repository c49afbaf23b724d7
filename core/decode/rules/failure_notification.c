/*
 * A gateway's "delivery failure notification" (seen relayed by Amazon SES
 * from a university's mail system): the address, then "The problem
 * appears to be :", then the server's words after "Additional information
 * follows :", each line led by "-- ".
 */
#include "core/decode/rules/rules_int.h"

static const char *const ident[] = {
	"body:This is a delivery failure notification message indicating that",
	NULL
};
static const char *const start[] = {
	"an email you addressed to email address",
	NULL
};
static const char *const end[] = {
	"This condition occurred after",
	NULL
};
static const char *const rcpt[] = {
	"-- %a",
	NULL
};
static const char *const diag[] = {
	"Additional information follows",
	NULL
};

const struct rule_family rule_failure_notification = {
	.name = "failurenotification",	/* published as "mta" (bounceq(1)) */
	.ident = ident,
	.start = start,
	.end = end,
	.rcpt = rcpt,
	.diag = diag,
};
