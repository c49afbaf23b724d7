/*
 * EZweb (au mobile): "Recipient: <address>" followed by the SMTP
 * transcript, or the address alone before the explanation.
 */
#include "core/rules/families.h"

static const char *const ident[] = {
	"from:ezweb.ne.jp",
	"body:Each of the following recipients was rejected by a remote",
	NULL
};
static const char *const end[] = {
	"---------------------------------------------------",
	NULL
};
static const char *const rcpt[] = {
	"Recipient: <%a>~",
	"<%a>",
	NULL
};
static const char *const diag[] = {
	"<<<",
	NULL
};

const struct rule_family rule_ezweb = {
	.name = "ezweb",
	.ident = ident,
	.end = end,
	.rcpt = rcpt,
	.diag = diag,
};
