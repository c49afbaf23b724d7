#include "core/knowledge/reason_help.h"

#include <stddef.h>
#include <string.h>

/* Kept in step with the DESCRIPTION of doc/bounceq-bounces.7. */
static const struct {
	const char *reason;
	const char *help;
} helps[] = {
	{ "hostunknown", "The recipient's domain does not exist or cannot be routed." },
	{ "userunknown", "The mailbox does not exist: never did, was closed, or is a typo." },
	{ "filtered", "The mailbox exists but refused this mail (a filter, a disabled mailbox)." },
	{ "hasmoved", "The mailbox has moved and mail is not forwarded." },
	{ "rejected", "Refused because of the envelope sender (MAIL FROM)." },
	{ "mailboxfull", "The mailbox is over its quota." },
	{ "suspend", "The account is suspended, disabled or frozen by its provider." },
	{ "suppressed", "The sending service did not try: the address is on its suppression list." },
	{ "contenterror", "Headers, body or MIME structure unacceptable to the receiver." },
	{ "emailtoolarge", "The message is larger than the receiver accepts." },
	{ "feedback", "An abuse complaint (ARF), not a delivery failure." },
	{ "notcompliantrfc", "The message breaks RFC 5322 (duplicate or missing headers)." },
	{ "policyviolation", "Refused by the receiving site's own policy." },
	{ "securityerror", "Another security refusal (authentication required, access denied)." },
	{ "virusdetected", "Malware or a forbidden attachment was found." },
	{ "spamdetected", "The content or the sender was judged to be spam." },
	{ "authfailure", "SPF, DKIM, DMARC or ARC checks failed." },
	{ "badreputation", "The sending IP address or domain has too low a reputation." },
	{ "blocked", "Refused because of the client's IP address or name (block list, greylisting)." },
	{ "expired", "The sending server gave up after retrying, or is still retrying." },
	{ "mailererror", "A local delivery program (a pipe, procmail) failed." },
	{ "networkerror", "DNS or routing failed, or the remote server could not be reached." },
	{ "norelaying", "The receiver does not relay for this domain." },
	{ "notaccept", "The domain accepts no mail at all (null MX, no SMTP service)." },
	{ "ratelimited", "A rate, volume, connection or recipients-per-message limit was hit." },
	{ "requireptr", "The sending IP address has no valid reverse DNS." },
	{ "systemerror", "A fault on the receiving system." },
	{ "systemfull", "The receiving system is out of disk space or congested." },
	{ "failedstarttls", "TLS could not be negotiated, or was required and not offered." },
	{ "delivered", "A success report, not a failure." },
	{ "syntaxerror", "The receiver did not understand an SMTP command." },
	{ "vacation", "An automatic reply such as an out-of-office notice." },
	{ "onhold", "A failure whose details are missing or say nothing usable." },
	{ "undefined", "No code, reply or text to decide from." },
};

const char *
reason_help(const char *reason)
{
	for (size_t i = 0; reason != NULL && i < sizeof(helps) / sizeof(helps[0]); i++)
		if (strcmp(helps[i].reason, reason) == 0)
			return helps[i].help;
	return NULL;
}
