/*
 * Trend Micro InterScan MSS: the SMTP exchange quoted as "Sent <<< RCPT
 * TO:<address>" / "Received >>> reply".
 */
#include "core/rules/families.h"

static const char *const ident[] = {
	"from:InterScan MSS",
	"body:Sent <<< RCPT TO:",
	NULL
};
static const char *const rcpt[] = {
	"Sent <<< RCPT TO:<%a>~",
	NULL
};
static const char *const diag[] = {
	"Received >>>",
	NULL
};

const struct rule_family rule_trendmicro = {
	.name = "trendmicro",
	.ident = ident,
	.rcpt = rcpt,
	.diag = diag,
};
