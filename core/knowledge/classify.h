/*
 * classify — the cause of one failure, from plain values.
 *
 * The classifier knows the words, codes and providers of the world (the
 * tables of reason_table_int.h) and nothing of where the values came from:
 * the decoder (decode/) fills a struct classify_input from a delivery
 * report and its human text, the queue (queue/) from one delay reason.
 * Every decision is a walk over tables; the one rule that is not a table
 * row is the taxonomy's definition of "user unknown" (see classify.c).
 *
 * Call sequence:
 *	struct classify_codes c; classify_codes(status_field, diag, type, &c);
 *	struct classify_input in = { .status = c.status, ... };
 *	struct classify_result res; classify(&in, &res);
 * Nothing is allocated; the input is borrowed for the call only and the
 * result holds a static reason name and its own status buffer.
 *
 * A report that names several recipients: classify_mentions_new() once,
 * set in.mentions, classify() each recipient, classify_mentions_free().
 */
#ifndef BOUNCEQ_CLASSIFY_H
#define BOUNCEQ_CLASSIFY_H

#include <stdbool.h>
#include <stddef.h>

#include "core/knowledge/classify_step.h"
#include "core/knowledge/smtpcode.h"


/* What kind of report the recipient was named in. */
enum classify_report {
	CLASSIFY_REPORT_DELIVERY,	/* a delivery report or a delay reason */
	CLASSIFY_REPORT_FEEDBACK,	/* an abuse complaint: never a failure */
	CLASSIFY_REPORT_AUTOREPLY	/* an automatic reply: never a failure */
};

/* At most len bytes from text (a NUL ends it sooner). */
struct classify_span {
	const char *text;
	size_t len;
};

/* A report field ("SES-Bounce-Type: Transient"). */
struct classify_field {
	const char *name;
	const char *value;
};

/* Everything one decision is made from; every member may be NULL/0. */
struct classify_input {
	enum classify_report report;
	const char *recipient;		/* the failed address as the report names it */
	const char *alias;		/* the address the sender used, when not that */
	const char *action;		/* "failed", "delayed", "delivered"... */
	const char *status;		/* the chosen x.y.z (classify_codes) */
	const char *status_field;	/* the Status field as written */
	const char *status_comment;	/* its comment ("(mailbox full)") */
	const char *reply_code;		/* "550" */
	const char *diagnostic;		/* the server's words */
	const char *diagnostic_type;	/* "smtp", "x-unix"... */
	const char *remote_host;	/* Remote-MTA */
	const char *reporting_host;	/* Reporting-MTA */
	const char *layout;		/* the report's recognised layout ("exim") */
	enum classify_step step;
	const struct classify_field *fields;	/* the report's own fields */
	size_t nfields;
	/*
	 * The report's human-readable text, cut before the returned copy,
	 * and the address of every recipient it reports (this one's too):
	 * the classifier reads the passages that name this recipient.
	 */
	struct classify_span human;
	const char *const *recipients;
	size_t nrecipients;
	/* Where those addresses occur in human, or NULL (classify_mentions_new). */
	const struct classify_mentions *mentions;
};

struct classify_result {
	const char *reason;		/* static taxonomy name, never NULL */
	bool hard;
	/* A status derived from the reason when the input had none, else "". */
	char status[SMTPCODE_STATUS_MAX];
};

/* Decides the cause of in into *out. */
void classify(const struct classify_input *in, struct classify_result *out);

/*
 * Where the addresses of in->recipients and extra[0..nextra) (NULL and ""
 * entries skipped) occur in in->human, found in one pass for them all.
 * Each recipient's classify() reads the passages that name its address
 * and looks for every other address there; searched one by one, a report
 * of N recipients read its text about N * N times.  NULL when classify()
 * would read none of the human text (none, or a list of recipients too
 * long to read it for), and for a report of one or two recipients, whose
 * searches cost less than the index.  The index borrows in->human's text; free it
 * with classify_mentions_free() before that goes.
 */
struct classify_mentions;
struct classify_mentions *classify_mentions_new(const struct classify_input *in,
    const char *const *extra, size_t nextra);
void classify_mentions_free(struct classify_mentions *m);

/* Where a chosen status came from. */
enum classify_codes_source {
	CLASSIFY_CODES_NONE,
	CLASSIFY_CODES_FIELD,		/* the Status field, used as written */
	CLASSIFY_CODES_DIAGNOSTIC	/* found in the diagnostic text */
};

struct classify_codes {
	char status[SMTPCODE_STATUS_MAX];	/* "" when none */
	char reply[SMTPCODE_REPLY_MAX];		/* "" when none */
	enum classify_codes_source source;
};

/*
 * Picks the status and reply code to report from a Status field (or
 * NULL) and the diagnostic (or NULL) of type diagnostic_type (NULL or
 * "smtp" for an SMTP reply).  In order: the remote server's own "550
 * 5.7.1" pair when it differs from the Status field (Sendmail maps a
 * remote 5.7.1 to Status 5.1.1, Exim always writes 5.0.0); the Status
 * field when it is valid and specific; a specific code of the same class
 * from the diagnostic; the Status field even when generic; any code in
 * the diagnostic.
 */
void classify_codes(const char *status_field, const char *diagnostic,
    const char *diagnostic_type, struct classify_codes *out);

#endif
