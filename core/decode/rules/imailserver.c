/*
 * Ipswitch IMail Server: one line per recipient that gives the reason
 * before the address ("Unknown user: address").
 */
#include "core/decode/rules/rules_int.h"

static const char *const ident[] = {
	"X-Mailer:<SMTP32",
	"body:Body of message generated response:",
	NULL
};
static const char *const rcpt[] = {
	"!*: %a",
	"!undeliverable to %a",
	NULL
};
static const char *const diag[] = {
	"Body of message generated response:",
	NULL
};

const struct rule_family rule_imailserver = {
	.name = "imailserver",
	.ident = ident,
	.rcpt = rcpt,
	.diag = diag,
};
