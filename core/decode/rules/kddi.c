/*
 * KDDI au one net (dion.ne.jp): "Could not be delivered to: <address>"
 * with the reason on the next line, after a Japanese summary.
 */
#include "core/decode/rules/rules_int.h"

static const char *const ident[] = {
	"from:dion.ne.jp",
	"from:auone-net.jp",
	"body:Could not be delivered to: <",
	NULL
};
static const char *const rcpt[] = {
	"Could not be delivered to: <%a>~",
	NULL
};

const struct rule_family rule_kddi = {
	.name = "kddi",
	.ident = ident,
	.rcpt = rcpt,
};
