/*
 * Postfix's notice to the postmaster about an SMTP session that went wrong
 * ("Postfix SMTP server: errors from host[192.0.2.1]", "... SMTP client:
 * errors from ..."): "Transcript of session follows." and the session, one
 * "In:" or "Out:" line per command and reply.  The recipient is the one of
 * the RCPT TO command, the failure the last 4xx or 5xx reply after it (the
 * server writes "In:" for commands and "Out:" for replies, the client the
 * other way round).
 */
#include "core/decode/rules/rules_int.h"

static const char *const ident[] = {
	"subject:SMTP server: errors from && body:Transcript of session follows",
	"subject:SMTP client: errors from && body:Transcript of session follows",
	NULL
};
static const char *const start[] = {
	"Transcript of session follows",
	NULL
};
static const char *const end[] = {
	"For other details, see the local mail logfile",
	NULL
};
static const char *const rcpt[] = {
	"In: RCPT TO:<%a>~",
	"Out: RCPT TO:<%a>~",
	NULL
};
static const char *const reply[] = {
	"Out: *",
	"In: *",
	NULL
};

const struct rule_family rule_postfix = {
	.name = "postfix",
	.ident = ident,
	.start = start,
	.end = end,
	.rcpt = rcpt,
	.reply = reply,
};
