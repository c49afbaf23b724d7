/*
 * Mimecast: "-- address" after "could not be delivered", the details after
 * "Additional information follows".
 */
#include "core/decode/rules/rules_int.h"

static const char *const ident[] = {
	"body:This is an automated alert notification",
	"subject:[Postmaster] Email Delivery Failure",
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

const struct rule_family rule_mimecast = {
	.name = "mimecast",
	.ident = ident,
	.rcpt = rcpt,
	.diag = diag,
};
