/*
 * DragonFly Mail Agent (dma): one recipient per report, named in the
 * sentence that opens it; the remote host's reply follows.
 */
#include "core/decode/rules/rules_int.h"

static const char *const ident[] = {
	"body:This is the DragonFly Mail Agent",
	"Received:DragonFly Mail Agent",
	NULL
};
static const char *const rcpt[] = {
	"There was an error delivering your mail to <%a>~",
	NULL
};

const struct rule_family rule_dragonfly = {
	.name = "dragonfly",
	.ident = ident,
	.rcpt = rcpt,
};
