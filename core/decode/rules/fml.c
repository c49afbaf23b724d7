/*
 * fml (a Japanese mailing-list manager) refusing a post, in a notice from
 * the list's maintainer address ("neko-admin@example.org"): "You are not
 * a member of this mailing list <list@example.org>." to a sender who is
 * not subscribed, "Duplicated Message-ID in <list@example.org>." (a loop
 * alert) to the maintainer.  The address is the list's, which did not
 * distribute the message; the sentence is the whole diagnostic.  Ordinary
 * posts carry X-MLServer too but none of these sentences on a line.
 */
#include "core/decode/rules/rules_int.h"

static const char *const ident[] = {
	"X-MLServer:fml && from:-admin@",
	NULL
};
/* The copy of the refused post. */
static const char *const end[] = {
	"Original mail as follows:",
	NULL
};
static const char *const rcpt[] = {
	"!You are not a member of this mailing list <%a>~",
	"!Duplicated Message-ID in <%a>~",
	NULL
};

const struct rule_family rule_fml = {
	.name = "fml",
	.ident = ident,
	.end = end,
	.rcpt = rcpt,
	.flags = RULE_DIAG_LINE,
};
