/*
 * bounce — what one mail says about its recipients: the type every part of
 * bounceq reads, with no GMime in it.  The decoder (decode.h) makes one;
 * recognisers fill it through the builders of bounce_int.h.
 *
 * Call sequence: b = ... from bounce_decode() (decode.h); read b->...;
 * bounce_free(b).  A struct bounce owns all its strings; nothing in it
 * points into the input buffer, into GMime or into notmuch.
 */
#ifndef BOUNCEQ_BOUNCE_H
#define BOUNCEQ_BOUNCE_H

#include <stdbool.h>
#include <stddef.h>


/* kind values are part of the JSON contract. */
#define BOUNCE_KIND_LIST(X) \
	X(NONE,     "none") \
	X(DSN,      "dsn") \
	X(TEXT,     "text") \
	X(FEEDBACK, "feedback") \
	X(AUTOREPLY,"autoreply") \
	X(MDN,      "mdn")

enum bounce_kind {
#define BOUNCE_KIND_ENUM(n, s) BOUNCE_KIND_##n,
	BOUNCE_KIND_LIST(BOUNCE_KIND_ENUM)
#undef BOUNCE_KIND_ENUM
};

const char *bounce_kind_str(enum bounce_kind k);

/* Where a recipient's status came from (JSON "status_source"). */
enum status_source {
	STATUS_SOURCE_NONE,
	STATUS_SOURCE_MAIL,		/* the Status field, used as written */
	STATUS_SOURCE_DIAGNOSTIC,	/* found in the diagnostic text */
	STATUS_SOURCE_DERIVED		/* inferred from reply code / cause */
};

const char *status_source_str(enum status_source s);

struct bounce_field {
	char *name;
	char *value;
};

struct bounce_recipient {
	char *recipient;		/* the address the sender used */
	char *final_recipient;		/* Final-Recipient as written, or NULL */
	char *original_recipient;
	char *action;
	char *status;		/* chosen x.y.z, or NULL */
	char *status_raw;	/* the Status field as written, or NULL */
	char *status_comment;	/* the Status field's comment, or NULL */
	enum status_source status_source;
	char *reply_code;	/* "550", or NULL */
	char *remote_mta;
	char *diagnostic_type;
	char *diagnostic;
	char *last_attempt;
	char *final_log_id;
	char *will_retry_until;
	const char *reason;	/* static taxonomy name, or NULL before classification */
	bool hard;
};

struct bounce_original {
	char *message_id;
	char *from;
	char *to;
	char *subject;
	char *date;
	const char *part;	/* static: "message/rfc822", ... or NULL when absent */
};

struct bounce {
	enum bounce_kind kind;
	bool is_bounce;		/* a delivery report with at least one recipient */
	bool has_dsn_part;	/* a delivery-status part was present */
	char *message_id;
	char *date;
	char *from;
	char *subject;
	char *reporting_mta;
	char *dsn_gateway;
	char *received_from_mta;
	char *arrival_date;
	char *envelope_id;
	char *mta;		/* sending MTA family when known ("postfix", ...) */
	struct bounce_field *fields;	/* per-message X- and report fields */
	size_t nfields;
	struct bounce_original original;
	char *human;		/* the human-readable part, UTF-8, or NULL */
	struct bounce_recipient *rcpt;
	size_t nrcpt;
};

/* Largest message bounce_decode() accepts; larger input is STATUS_TOO_LARGE. */
#define BOUNCE_MAX_SIZE ((size_t)256 * 1024 * 1024)

void bounce_free(struct bounce *b);

/* Value of a per-message field by case-insensitive name, or NULL. */
const char *bounce_field(const struct bounce *b, const char *name);

#endif
