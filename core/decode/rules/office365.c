/*
 * Exchange Online / Office 365 and Exchange 2010+ without a delivery-
 * status part: "Delivery has failed to these recipients or groups:".
 */
#include "core/decode/rules/rules_int.h"

static const char *const ident[] = {
	"body:Delivery has failed to these recipients or groups",
	"body:Your message couldn't be delivered",
	"body:Your message wasn't delivered",
	/* Exchange Online's NDR: "Your message to a@example.org couldn't be
	 * delivered.", then "More Info for Email Admins". */
	"body:More Info for Email Admins",
	/* "mx.example.org rejected your message to the following email
	 * addresses:", then "a@example.org<mailto:a@example.org> why". */
	"body:rejected your message to the following email addresses",
	NULL
};
static const char *const start[] = {
	"Delivery has failed to these recipients",
	"Your message couldn't be delivered",
	"Your message wasn't delivered",
	"rejected your message to the following email addresses",
	"Your message to",
	NULL
};
static const char *const rcpt[] = {
	"%a<mailto:%a>~",
	"Your message to %a couldn't be delivered.~",
	"%a (%a)~",
	"%a",
	NULL
};
static const char *const diag[] = {
	"Remote Server returned",
	NULL
};

const struct rule_family rule_office365 = {
	.name = "office365",
	.ident = ident,
	.start = start,
	.rcpt = rcpt,
	.diag = diag,
};
