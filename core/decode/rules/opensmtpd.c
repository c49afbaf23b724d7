/*
 * OpenSMTPD: "address: reason" lines after "the following list of
 * recipients:".
 */
#include "core/decode/rules/rules_int.h"

static const char *const ident[] = {
	"body:This is the MAILER-DAEMON, please DO NOT REPLY",
	"body:while attempting to deliver a message for",
	NULL
};
static const char *const start[] = {
	"the following list of recipients",
	NULL
};
static const char *const rcpt[] = {
	"%a: *",
	NULL
};

const struct rule_family rule_opensmtpd = {
	.name = "opensmtpd",
	.ident = ident,
	.start = start,
	.rcpt = rcpt,
	.flags = RULE_DIAG_LINE,
};
