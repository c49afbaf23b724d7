/*
 * codes — what SMTP status codes mean, in plain words, as data.
 *
 * Three tables, one per kind of knowledge, each in its own file:
 *   codes_registry.c  every code of the IANA SMTP Enhanced Status Codes
 *                     registry (class rows "5.X.X", subject rows "X.1.X",
 *                     detail rows "X.1.1"), with the registry title;
 *   codes_reply.c     the basic reply codes of RFC 5321 (plus 521/556 of
 *                     RFC 7504 and the AUTH replies of RFC 4954);
 *   codes_provider.c  codes and tags that big mailbox providers give their
 *                     own meaning, each with the page it comes from.
 * Every row carries our own explanation (what happened, whose side the
 * problem is on) and advice (whether retrying helps, what to do), written
 * for a person under pressure.  The TUI, the classifier and `bounceq
 * explain` all read the same rows, and doc/bounceq-codes.7 is generated
 * from them, so there is one source of truth.
 *
 * Call sequence:
 *   struct codes_context ctx = { remote_mta, reporting_mta, diagnostic, 0 };
 *   struct codes_explanation ex;
 *   if (codes_explain("5.1.1", "550", &ctx, &ex) == STATUS_OK) use ex;
 * or codes_explain_text("550 5.1.1 user unknown", &ctx, &ex) to find the
 * codes in free text first.
 *
 * Ownership: every const char * in the results points at static data
 * (string literals in the tables) and lives for the whole program; nothing
 * needs freeing.  The codes themselves are copied into the fixed arrays of
 * struct codes_explanation, so the caller's input may go away.  No function
 * here allocates, except the writers that append to a caller-owned struct
 * buf (codes_json.c, codes_man.c).
 *
 * Public for other core modules: codes_provider_detect() (the classifier
 * uses it to recognise a provider from Remote-MTA, Reporting-MTA or the
 * diagnostic text) and the row iterators (the man page generator, tests).
 */
#ifndef BOUNCEQ_CODES_H
#define BOUNCEQ_CODES_H

#include <stdbool.h>
#include <stddef.h>

#include "core/knowledge/smtpcode.h"
#include "core/shared/buf.h"
#include "core/shared/status.h"

/* The date of the IANA registry the table follows (its "updated" field). */
#define CODES_REGISTRY_DATE "2024-12-06"

enum codes_kind {
	CODES_KIND_CLASS,	/* "5.X.X" */
	CODES_KIND_SUBJECT,	/* "X.1.X" */
	CODES_KIND_DETAIL,	/* "X.1.1" */
	CODES_KIND_REPLY	/* "550" */
};

/* Whose side the problem is on: where the fix has to happen. */
#define CODES_SIDE_LIST(X) \
	X(NONE,      "none",      "nobody: this is not a failure") \
	X(RECIPIENT, "recipient", "the recipient (the address or mailbox)") \
	X(REMOTE,    "remote",    "the receiving mail system") \
	X(SENDER,    "sender",    "ours (the sending system, domain or message)") \
	X(NETWORK,   "network",   "the network or DNS between the two systems") \
	X(UNCLEAR,   "unclear",   "unclear from the code alone")

enum codes_side {
#define CODES_SIDE_ENUM(n, key, text) CODES_SIDE_##n,
	CODES_SIDE_LIST(CODES_SIDE_ENUM)
#undef CODES_SIDE_ENUM
};

/* Whether sending again can help. */
#define CODES_RETRY_LIST(X) \
	X(NONE,  "none",  "nothing to retry") \
	X(WAIT,  "wait",  "yes, later; mail servers retry such failures by themselves") \
	X(FIX,   "fix",   "only after the cause has been fixed") \
	X(NEVER, "never", "no; the same message to the same address will fail again")

enum codes_retry {
#define CODES_RETRY_ENUM(n, key, text) CODES_RETRY_##n,
	CODES_RETRY_LIST(CODES_RETRY_ENUM)
#undef CODES_RETRY_ENUM
};

/* Providers we hold meanings for; names are those of the reference list. */
#define CODES_PROVIDER_LIST(X) \
	X(MICROSOFT365, "Microsoft 365 / Exchange Online") \
	X(OUTLOOKCOM,   "Outlook.com (Hotmail/Live/MSN)") \
	X(GMAIL,        "Gmail / Google Workspace") \
	X(YAHOO,        "Yahoo / AOL") \
	X(APPLE,        "Apple iCloud Mail")

enum codes_provider {
	CODES_PROVIDER_NONE,
#define CODES_PROVIDER_ENUM(n, name) CODES_PROVIDER_##n,
	CODES_PROVIDER_LIST(CODES_PROVIDER_ENUM)
#undef CODES_PROVIDER_ENUM
	CODES_PROVIDER_COUNT
};

/* One row of the registry or reply-code table. */
struct codes_entry {
	const char *code;	/* "5.X.X", "X.1.X", "X.1.1" or "550" */
	enum codes_kind kind;
	const char *classes;	/* classes it is used with ("45"); replies: NULL */
	const char *title;	/* registry title / RFC 5321 wording */
	const char *explanation;
	const char *advice;
	enum codes_side side;
	enum codes_retry retry;
	const char *ref;	/* "RFC3463", "RFC5321" ... */
	const char *same_as;	/* code whose explanation this row shares on purpose */
};

/* One row of the provider table. */
struct codes_provider_row {
	enum codes_provider provider;
	const char *code;	/* as the provider writes it: "5.7.509", "4.7.500-699", "S3140", "451" */
	const char *status;	/* the x.y.z it comes with, or NULL */
	const char *reply;	/* the reply code it comes with, or NULL */
	const char *hint;	/* '|'-separated words that pick this row among rows
				   with the same code, or NULL for the default row */
	const char *title;	/* short name of the provider's meaning */
	const char *explanation;
	const char *advice;
	enum codes_side side;
	enum codes_retry retry;
	const char *source;	/* the page the meaning comes from */
	const char *same_as;	/* provider code whose explanation this row shares */
};

/* Where a code was seen; any member may be NULL. */
struct codes_context {
	const char *remote_mta;
	const char *reporting_mta;
	const char *diagnostic;
	enum codes_provider provider;	/* forced provider, or NONE to detect */
};

#define CODES_NOTES_MAX 4

struct codes_explanation {
	char code[SMTPCODE_STATUS_MAX];		/* the status, or the reply when alone */
	char reply_code[SMTPCODE_REPLY_MAX];	/* "" when there is none */
	const char *class_title;	/* "Permanent Failure"; never NULL */
	const char *subject_title;	/* "Addressing Status"; NULL for replies */
	const char *title;
	const char *explanation;
	const char *advice;
	enum codes_side side;
	enum codes_retry retry;
	bool permanent;		/* class 5 (or reply 5xx when there is no status) */
	bool registered;	/* the exact code is defined by the registry or an RFC */
	const struct codes_entry *entry;		/* the row that gave the meaning */
	const struct codes_entry *reply_entry;	/* the reply code's row, or NULL */
	enum codes_provider provider;		/* recognised provider, or NONE */
	const struct codes_provider_row *provider_row;	/* its meaning, or NULL */
	const char *notes[CODES_NOTES_MAX];	/* static sentences */
	size_t nnotes;
};

/*
 * Explains an enhanced status ("5.1.1") and/or a reply code ("550"); either
 * may be NULL but not both.  Unknown details fall back to their subject,
 * unknown subjects (and unknown reply codes) to their class.  Returns
 * STATUS_INVALID when both are NULL, STATUS_SYNTAX when a code is malformed.
 * ctx may be NULL.
 */
enum status codes_explain(const char *status, const char *reply,
    const struct codes_context *ctx, struct codes_explanation *out);

/*
 * Finds the codes in free text (a reply line, a Diagnostic-Code, "550",
 * "5.1.1", or a provider tag such as "S3140" given alone) and explains
 * them; the text also serves as the diagnostic for provider recognition
 * when ctx has none.  STATUS_NOT_FOUND when the text holds no code.
 */
enum status codes_explain_text(const char *text, const struct codes_context *ctx,
    struct codes_explanation *out);

/*
 * Recognises the provider that produced a failure from the remote MTA's
 * host name, words in the diagnostic text, or, when no remote MTA is known,
 * the reporting MTA's name (any may be NULL).  Returns CODES_PROVIDER_NONE
 * when nothing matches.
 */
enum codes_provider codes_provider_detect(const char *remote_mta,
    const char *reporting_mta, const char *diagnostic);

/* The provider's display name; "" for NONE. */
const char *codes_provider_name(enum codes_provider p);

/* Looks a provider up by a user-typed name ("gmail", "m365", "yahoo"...). */
enum status codes_provider_by_name(const char *name, enum codes_provider *out);

/* Comma-separated list of the names codes_provider_by_name() accepts. */
const char *codes_provider_names(void);

const char *codes_side_key(enum codes_side s);
const char *codes_side_text(enum codes_side s);
const char *codes_retry_key(enum codes_retry r);
const char *codes_retry_text(enum codes_retry r);

/* Table access, in table order; NULL past the end. */
const struct codes_entry *codes_registry_at(size_t i);
const struct codes_entry *codes_reply_at(size_t i);
const struct codes_provider_row *codes_provider_at(size_t i);

/*
 * Fills out for one table row as `explain --list` shows it: a registry row
 * used with class cls ('2', '4' or '5'; ignored for class rows and
 * replies), or a provider row (its status/reply explained, the provider
 * meaning attached).
 */
void codes_describe_entry(const struct codes_entry *e, char cls,
    struct codes_explanation *out);
void codes_describe_provider(const struct codes_provider_row *r,
    struct codes_explanation *out);

/*
 * Appends ex as one line of JSON (no newline) in the contract of
 * `bounceq explain --json`: code, class, subject, title, explanation,
 * advice, permanent, registered, provider (null or an object), reply_code,
 * note (null or the notes joined).  code_override, when not NULL, replaces
 * ex->code (listing provider codes such as "4.7.500-699").
 */
void codes_json(struct buf *out, const struct codes_explanation *ex,
    const char *code_override);

/* Appends the whole of doc/bounceq-codes.7 (mdoc). */
void codes_man(struct buf *out);

#endif
