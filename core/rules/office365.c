/*
 * Exchange Online / Office 365 and Exchange 2010+ without a delivery-
 * status part: "Delivery has failed to these recipients or groups:".
 */
#include "core/rules/families.h"

static const char *const ident[] = {
	"body:Delivery has failed to these recipients or groups",
	"body:Your message couldn't be delivered",
	"body:Your message wasn't delivered",
	NULL
};
static const char *const start[] = {
	"Delivery has failed to these recipients",
	"Your message couldn't be delivered",
	"Your message wasn't delivered",
	NULL
};
static const char *const rcpt[] = {
	"%a<mailto:%a>~",
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
