/*
 * Trend Micro InterScan MSS: the SMTP exchange quoted as "Sent <<< RCPT
 * TO:<address>" / "Received >>> reply", or only its own verdict "Unable to
 * deliver message to <address> (and other recipients ...)".
 */
#include "core/decode/rules/rules_int.h"

static const char *const ident[] = {
	"from:InterScan MSS",
	"body:Sent <<< RCPT TO:",
	"body:Message from InterScan Messaging Security Suite",
	NULL
};
static const char *const rcpt[] = {
	"Sent <<< RCPT TO:<%a>~",
	/* The suite's own verdict, without the SMTP exchange. */
	"!Unable to deliver message to <%a>*",
	"!Reason: Unable to deliver message to <%a>*",
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
