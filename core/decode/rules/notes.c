/*
 * Lotus Notes SMTP MTA (older): "Failure Reasons" first, then the
 * recipients.
 */
#include "core/decode/rules/rules_int.h"

static const char *const ident[] = {
	"body:------- Failure Reasons",
	NULL
};
static const char *const start[] = {
	"Failure Reasons",
	NULL
};
static const char *const rcpt[] = {
	"%a",
	"<%a>",
	NULL
};

const struct rule_family rule_notes = {
	.name = "notes",
	.ident = ident,
	.start = start,
	.rcpt = rcpt,
	.flags = RULE_DIAG_BEFORE,
};
