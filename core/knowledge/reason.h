/*
 * reason — the cause taxonomy, written once.
 *
 * REASON_LIST is every cause bounceq reports (the names of Sisimai 5.6,
 * so results compare with other tools): whether it is a failure at all
 * (delivered, feedback and vacation are not), whether it is hard by
 * default (the address itself is dead), the registered status code that
 * stands for it when the mail gave none (subject.detail; the class is
 * added at run time), and one line in plain words, the same words as
 * bounceq-bounces(7).  Everything else that names causes (the classifier's
 * tables, the manual, the filter's completion) is checked against it by
 * the unit tests and tests/check-reasons-man.sh.
 *
 * Call sequence: any function, any time; everything returned is static.
 */
#ifndef BOUNCEQ_REASON_H
#define BOUNCEQ_REASON_H

#include <stdbool.h>
#include <stddef.h>

/* X(name, failure, hard, derived code, help) */
#define REASON_LIST(X) \
	X(hostunknown,     true,  true,  "1.2",  "The recipient's domain does not exist or cannot be routed.") \
	X(userunknown,     true,  true,  "1.1",  "The mailbox does not exist: never did, was closed, or is a typo.") \
	X(filtered,        true,  false, "2.0",  "The mailbox exists but refused this mail (a filter, a disabled mailbox).") \
	X(hasmoved,        true,  true,  "1.6",  "The mailbox has moved and mail is not forwarded.") \
	X(rejected,        true,  false, "7.1",  "Refused because of the envelope sender (MAIL FROM).") \
	X(mailboxfull,     true,  false, "2.2",  "The mailbox is over its quota.") \
	X(suspend,         true,  false, "2.1",  "The account is suspended, disabled or frozen by its provider.") \
	X(suppressed,      true,  false, "0.0",  "The sending service did not try: the address is on its suppression list.") \
	X(contenterror,    true,  false, "6.0",  "Headers, body or MIME structure unacceptable to the receiver.") \
	X(emailtoolarge,   true,  false, "3.4",  "The message is larger than the receiver accepts.") \
	X(feedback,        false, false, NULL,   "An abuse complaint (ARF), not a delivery failure.") \
	X(notcompliantrfc, true,  false, "6.0",  "The message breaks RFC 5322 (duplicate or missing headers).") \
	X(policyviolation, true,  false, "7.1",  "Refused by the receiving site's own policy.") \
	X(securityerror,   true,  false, "7.0",  "Another security refusal (authentication required, access denied).") \
	X(virusdetected,   true,  false, "7.1",  "Malware or a forbidden attachment was found.") \
	X(spamdetected,    true,  false, "7.1",  "The content or the sender was judged to be spam.") \
	X(authfailure,     true,  false, "7.1",  "SPF, DKIM, DMARC or ARC checks failed.") \
	X(badreputation,   true,  false, "7.1",  "The sending IP address or domain has too low a reputation.") \
	X(blocked,         true,  false, "7.1",  "Refused because of the client's IP address or name (block list, greylisting).") \
	X(expired,         true,  false, "4.7",  "The sending server gave up after retrying, or is still retrying.") \
	X(mailererror,     true,  false, "3.0",  "A local delivery program (a pipe, procmail) failed.") \
	X(networkerror,    true,  false, "4.0",  "DNS or routing failed, or the remote server could not be reached.") \
	X(norelaying,      true,  false, "7.1",  "The receiver does not relay for this domain.") \
	X(notaccept,       true,  false, "3.2",  "The domain accepts no mail at all (null MX, no SMTP service).") \
	X(ratelimited,     true,  false, "7.0",  "A rate, volume, connection or recipients-per-message limit was hit.") \
	X(requireptr,      true,  false, "7.25", "The sending IP address has no valid reverse DNS.") \
	X(systemerror,     true,  false, "3.0",  "A fault on the receiving system.") \
	X(systemfull,      true,  false, "3.1",  "The receiving system is out of disk space or congested.") \
	X(failedstarttls,  true,  false, "7.10", "TLS could not be negotiated, or was required and not offered.") \
	X(delivered,       false, false, NULL,   "A success report, not a failure.") \
	X(syntaxerror,     true,  false, "5.2",  "The receiver did not understand an SMTP command.") \
	X(vacation,        false, false, NULL,   "An automatic reply such as an out-of-office notice.") \
	X(onhold,          true,  false, "0.0",  "A failure whose details are missing or say nothing usable.") \
	X(undefined,       true,  false, "0.0",  "No code, reply or text to decide from.")

enum reason {
#define REASON_ENUM(name, failure, hard, code, help) REASON_##name,
	REASON_LIST(REASON_ENUM)
#undef REASON_ENUM
	REASON_COUNT
};

/* The name of r ("userunknown"); NULL out of range. */
const char *reason_name(enum reason r);

/* The reason called name; false for a name outside the taxonomy. */
bool reason_lookup(const char *name, enum reason *out);

/* The line in plain words for name, or NULL outside the taxonomy. */
const char *reason_help(const char *name);

/*
 * False for the reasons that report no failure (delivered, feedback,
 * vacation) and for NULL: they are neither hard nor soft.  A name outside
 * the taxonomy (a newer cache, say) counts as a failure, so it is shown.
 */
bool reason_is_failure(const char *name);

/* True for the reasons where the address itself is dead. */
bool reason_is_hard(const char *name);

/*
 * The registered "subject.detail" that stands for name when the mail
 * gave no code ("1.1" for userunknown), or NULL.
 */
const char *reason_derived_code(const char *name);

#endif
