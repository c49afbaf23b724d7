/*
 * Alt-N MDaemon: "The following addresses did NOT receive a copy of your
 * message:" with each address quoted as "> a@example.org", or, for a
 * local user, "a@example.org - no such user here." on the first line.
 */
#include "core/decode/rules/rules_int.h"

static const char *const ident[] = {
	"from:MDaemon@",
	"body:did NOT receive a copy of your message",
	NULL
};
static const char *const rcpt[] = {
	"> %a",
	"%a - *",
	NULL
};
/* The SMTP session that failed, after the list: no recipient lines. */
static const char *const end[] = {
	"--- Session Transcript ---",
	NULL
};

const struct rule_family rule_mdaemon = {
	.name = "mdaemon",
	.ident = ident,
	.end = end,
	.rcpt = rcpt,
	.flags = RULE_DIAG_LINE,
};
