/*
 * Verizon Wireless (vtext.com, vzwpix.com) SMS/MMS gateways.
 */
#include "core/decode/rules/rules_int.h"

static const char *const ident[] = {
	"from:vtext.com",
	"from:vzwpix.com",
	NULL
};
static const char *const rcpt[] = {
	"RCPT TO: %a",
	NULL
};
/* The copy of the message, whose To is the failed recipient. */
static const char *const end[] = {
	"Original Message:",
	NULL
};
static const char *const diag[] = {
	"Error message below:",
	NULL
};

const struct rule_family rule_verizon = {
	.name = "verizon",
	.ident = ident,
	.end = end,
	.rcpt = rcpt,
	.diag = diag,
	.flags = RULE_DIAG_BEFORE,
};
