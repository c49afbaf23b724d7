/*
 * Mail.Ru: a Russian preamble, then Exim's own text (often twice).
 */
#include "core/rules/families.h"

static const char *const ident[] = {
	"from:mail.ru && body:This message was created automatically by mail delivery software",
	"from:mailer-daemon@corp.mail.ru",
	NULL
};
static const char *const start[] = {
	"К сожалению",
	"The following address(es) failed",
	NULL
};
static const char *const rcpt[] = {
	"%a",
	"%a:",
	NULL
};

const struct rule_family rule_mailru = {
	.name = "mailru",
	.ident = ident,
	.start = start,
	.rcpt = rcpt,
};
