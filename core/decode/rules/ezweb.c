/*
 * EZweb (au mobile): "Recipient: <address>" followed by the SMTP
 * transcript, or the address alone (or with Postfix's "<address>: 550
 * ...") below EZweb's own explanation.
 */
#include "core/decode/rules/rules_int.h"

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
	"<%a>: *",
	NULL
};
static const char *const diag[] = {
	"<<<",
	NULL
};

/*
 * EZweb's explanations above the address ("The user(s) account is
 * disabled.", "... is temporarily limited.", "... is temporarily over
 * quota."): they say more than the "550 user unknown" below them.
 */
static const char *const cause[] = {
	"The user(s) account *",
	NULL
};

const struct rule_family rule_ezweb = {
	.name = "ezweb",
	.ident = ident,
	.end = end,
	.rcpt = rcpt,
	.diag = diag,
	.cause = cause,
};
