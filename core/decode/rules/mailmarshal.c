/*
 * Marshal / MailMarshal SMTP: the reason first ("Could not be delivered
 * because of"), then the affected recipients.
 */
#include "core/decode/rules/rules_int.h"

static const char *const ident[] = {
	"body:Could not be delivered because of",
	"body:The following recipients were affected",
	NULL
};
static const char *const start[] = {
	"Your message:",
	NULL
};
static const char *const end[] = {
	"Additional Information",
	NULL
};
static const char *const rcpt[] = {
	"%a",
	NULL
};
static const char *const diag[] = {
	"Could not be delivered because of",
	NULL
};

const struct rule_family rule_mailmarshal = {
	.name = "mailmarshal",
	.ident = ident,
	.start = start,
	.end = end,
	.rcpt = rcpt,
	.diag = diag,
	.flags = RULE_DIAG_BEFORE,
};
