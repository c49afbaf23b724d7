#include "core/decode/decode.h"

#include <stdlib.h>
#include <string.h>

#include "core/decode/autoreply_int.h"
#include "core/decode/bounce_int.h"
#include "core/decode/decode_int.h"
#include "core/decode/feedback_int.h"
#include "core/decode/judge_int.h"
#include "core/decode/lastresort_int.h"
#include "core/decode/mdn_int.h"
#include "core/decode/merge_int.h"
#include "core/decode/parts_int.h"
#include "core/decode/report_int.h"
#include "core/decode/sesjson_int.h"
#include "core/decode/textbounce_int.h"
#include "core/shared/buf.h"
#include "core/shared/str.h"

/* One decoding: the message, its parts, and what the merge needs. */
struct run {
	struct bounce *b;
	GMimeMessage *msg;
	struct decode_parts parts;
	const char *gap;	/* text whose prose fills the report's gaps */
	char *gap_own;		/* the same, when the run owns it */
	bool challenge;		/* a report that may be a challenge notice */
	const char *raw;	/* the message as read, or NULL (an mbox's) */
	size_t rawlen;
};

/*
 * RFC 3464: the delivery-status part, else (no other report part) its
 * text in a message whose MIME structure is broken.
 */
/*
 * Whether a delivery-status text outside the MIME structure may be there.
 * report_decode_text() looks for it in the message as GMime writes it
 * out, which costs more than the rest of most decodings; GMime writes the
 * headers and bodies it read as it read them (an encoded part stays
 * encoded, a boundary it makes up is random), so what the mail as read
 * does not hold, that cannot hold either.
 */
static bool
maybe_report_text(const struct run *run)
{
	return run->raw == NULL ||
	    str_casestrn(run->raw, run->rawlen, "delivery-status") != NULL;
}

static bool
recognise_report(struct run *run)
{
	struct bounce *b = run->b;
	const struct decode_parts *p = &run->parts;

	if (p->dsn) {
		if (!report_decode_part(b, p->dsn))
			return false;
	} else if (p->feedback || p->mdn || !maybe_report_text(run) ||
	    !report_decode_text(b, run->msg)) {
		return false;
	}
	b->kind = BOUNCE_KIND_DSN;
	b->is_bounce = true;
	run->gap = b->human;
	run->challenge = true;
	return true;
}

/*
 * ARF: a feedback-report part; without one (and without a disposition
 * part, which wins) the providers' part-less complaints.
 */
static bool
recognise_feedback(struct run *run)
{
	if (run->parts.feedback) {
		run->b->kind = BOUNCE_KIND_FEEDBACK;
		feedback_decode(run->b, run->msg);
		return true;
	}
	return run->parts.mdn == NULL && feedback_decode(run->b, run->msg);
}

/* A disposition notification: a receipt, or a refusal in its form. */
static bool
recognise_mdn(struct run *run)
{
	if (run->parts.mdn == NULL)
		return false;
	run->b->kind = BOUNCE_KIND_MDN;
	mdn_decode_rejection(run->b, run->parts.mdn);
	return true;
}

/* Amazon SES notifications are JSON, not prose. */
static bool
recognise_ses(struct run *run)
{
	const char *h = run->b->human;

	return h && sesjson_decode(run->b, h, strlen(h));
}

/* The MTA families' prose, and the generic family last. */
static bool
recognise_text(struct run *run)
{
	bool found = textbounce_decode(run->b, run->msg, &run->gap_own);

	run->gap = run->gap_own;
	return found;
}

/*
 * "Delivery report unavailable": a report part that names nobody is
 * still a failure report; a header or the returned message says to whom.
 */
static bool
recognise_unnamed_report(struct run *run)
{
	struct bounce *b = run->b;

	if (!b->has_dsn_part || b->nrcpt > 0)
		return false;
	textbounce_header_recipients(b, run->msg, NULL, b->human);
	if (b->nrcpt == 0)
		return false;
	b->kind = BOUNCE_KIND_DSN;
	b->is_bounce = true;
	return true;
}

static bool
recognise_autoreply(struct run *run)
{
	return autoreply_decode(run->b, run->msg);
}

/* A report by its headers whose text names the failed addresses only in
 * sentences of failure. */
static bool
recognise_last_resort(struct run *run)
{
	return lastresort_decode(run->b, run->msg);
}

/*
 * In order: the first that recognises the mail wins.  A recogniser may
 * leave per-message fields in the bounce when it declines (a report part
 * that names nobody still has its Reporting-MTA).
 */
static const struct {
	const char *name;
	bool (*recognise)(struct run *);
} recognisers[] = {
	{ "rfc3464",		recognise_report },
	{ "arf",		recognise_feedback },
	{ "mdn",		recognise_mdn },
	{ "ses",		recognise_ses },
	{ "text",		recognise_text },
	{ "unnamed-report",	recognise_unnamed_report },
	{ "autoreply",		recognise_autoreply },
	{ "last-resort",	recognise_last_resort },
};

/* raw is the message as read (NULL when not at hand). */
static enum status
decode_run(GMimeMessage *msg, const char *raw, size_t rawlen, struct bounce **out)
{
	struct run run = { 0 };

	run.b = xcalloc(1, sizeof(*run.b));
	run.msg = msg;
	run.raw = raw;
	run.rawlen = rawlen;
	parts_read_headers(run.b, msg);
	parts_find(msg, &run.parts);
	parts_read_original(run.b, &run.parts);
	parts_read_human(run.b, &run.parts);
	run.b->has_dsn_part = run.parts.dsn != NULL;
	for (size_t i = 0; i < sizeof(recognisers) / sizeof(recognisers[0]); i++)
		if (recognisers[i].recognise(&run))
			break;
	if (!(run.challenge && autoreply_challenge(run.b)))
		merge_gaps(run.b, msg, run.gap);
	free(run.gap_own);
	judge_bounce(run.b);
	*out = run.b;
	return STATUS_OK;
}

enum status
bounce_decode_message(GMimeMessage *msg, struct bounce **out)
{
	return decode_run(msg, NULL, 0, out);
}

enum status
bounce_decode(const char *data, size_t len, struct bounce **out)
{
	GMimeMessage *msg;
	enum status st;

	*out = NULL;
	if (len == 0)
		return STATUS_EMPTY;
	if (len > BOUNCE_MAX_SIZE)
		return STATUS_TOO_LARGE;
	if ((st = mime_parse(data, len, &msg)) != STATUS_OK)
		return st;
	st = decode_run(msg, data, len, out);
	g_object_unref(msg);
	return st;
}
