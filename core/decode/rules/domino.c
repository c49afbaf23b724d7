/*
 * IBM/Lotus Domino: "was not delivered to:" the address, then "because:"
 * and the reason.
 */
#include "core/decode/rules/rules_int.h"

static const char *const ident[] = {
	"subject:DELIVERY FAILURE:",
	"subject:DELIVERY_FAILURE:",
	"body:was not delivered to:",
	NULL
};
static const char *const start[] = {
	"was not delivered to:",
	NULL
};
static const char *const rcpt[] = {
	"%a",
	NULL
};
static const char *const diag[] = {
	"because:",
	NULL
};

const struct rule_family rule_domino = {
	.name = "domino",
	.ident = ident,
	.start = start,
	.rcpt = rcpt,
	.diag = diag,
};
