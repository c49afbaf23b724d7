/*
 * dsn — the RFC 3464 delivery-status field-group parser.
 *
 * GMime hands over the body of a message/delivery-status (or RFC 6533
 * message/global-delivery-status) part as opaque bytes; this module turns
 * them into per-message and per-recipient fields.  It is a pure text parser:
 * no MIME, no I/O.
 *
 * Leniency (each case seen in real bounces): folded lines, any line ending,
 * case-insensitive names, fields in any order, missing blank lines between
 * groups (a repeated recipient field starts a new recipient), duplicate
 * fields (the first wins), "type; value" with or without the type,
 * parenthesised comments after Action and Status, and garbage lines, which
 * are counted and skipped.  Original-Recipient and Original-Envelope-Id are
 * xtext-decoded (RFC 3461); utf-8 addresses have \x{..} escapes decoded
 * (RFC 6533).
 *
 * Call sequence: dsn_parse(text, len, &dsn); read dsn->...; dsn_free(dsn).
 * The struct dsn owns every string in it.
 */
#ifndef BOUNCEQ_DSN_H
#define BOUNCEQ_DSN_H

#include <stdbool.h>
#include <stddef.h>

#include "core/shared/status.h"

/* A field kept by name only: X- extensions and fields we do not model. */
struct dsn_field {
	char *name;
	char *value;
};

struct dsn_recipient {
	char *final_type;		/* "rfc822", "utf-8", ... or NULL */
	char *final_recipient;
	char *original_type;
	char *original_recipient;	/* decoded */
	char *actual_recipient;		/* X-Actual-Recipient */
	char *action;			/* lower case, comment removed */
	char *status;			/* as written, comment removed */
	char *status_comment;		/* "(mailbox disabled)" text, or NULL */
	char *remote_mta;
	char *diagnostic_type;		/* "smtp", "X-Postfix", ... */
	char *diagnostic;
	char *last_attempt;
	char *final_log_id;
	char *will_retry_until;
	struct dsn_field *extra;
	size_t nextra;
};

struct dsn {
	char *reporting_mta;
	char *reporting_mta_type;
	char *dsn_gateway;
	char *received_from_mta;
	char *arrival_date;
	char *envelope_id;		/* Original-Envelope-Id, decoded */
	struct dsn_field *extra;	/* per-message X- fields, in order */
	size_t nextra;
	struct dsn_recipient *rcpt;
	size_t nrcpt;
	size_t ngarbage;		/* lines that were not fields */
};

/*
 * Parses text[0..len).  Always succeeds on any bytes (STATUS_OK), possibly
 * with no recipients; *out is a new struct dsn the caller frees with
 * dsn_free().
 */
enum status dsn_parse(const char *text, size_t len, struct dsn **out);

void dsn_free(struct dsn *dsn);

/* The address of a recipient group: Final-, else X-Actual-, else Original-. */
const char *dsn_recipient_address(const struct dsn_recipient *r);

/*
 * The address the sender used (RFC 3464 section 2.3.1): Original-Recipient
 * when it is a valid RFC 822 address (after xtext decoding), else
 * Final-Recipient; a Final-Recipient of another type (X.400, "unknown") or
 * that is no valid address gives way to X-Actual-Recipient when that is
 * one.  NULL when the group names no address at all.
 */
const char *dsn_recipient_sender_address(const struct dsn_recipient *r);

/*
 * True when a is one RFC 5322 addr-spec: a dot-atom or quoted local part,
 * one "@", and a domain of dot-separated labels or an address literal;
 * UTF-8 is allowed (RFC 6531).  Source routes, display names, spaces and
 * control characters are not.
 */
bool dsn_address_valid(const char *a);

#endif
