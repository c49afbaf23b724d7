/*
 * Mail.Ru: a Russian preamble, then Exim's own text (often twice).
 */
#include "core/decode/rules/rules_int.h"

static const char *const ident[] = {
	"from:mail.ru && body:This message was created automatically by mail delivery software",
	"from:mailer-daemon@corp.mail.ru",
	/* "Это письмо создано автоматически сервером Mail.Ru" */
	"from:mail.ru && body:сервером Mail.Ru",
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
	/* Its own rejection, also quoted by other MTAs: "Local mailbox
	 * a@mail.ru is unavailable: user not found" */
	"!Local mailbox %a is unavailable*",
	NULL
};

const struct rule_family rule_mailru = {
	.name = "mailru",
	.ident = ident,
	.start = start,
	.rcpt = rcpt,
};
