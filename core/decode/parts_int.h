/*
 * parts — the walk over a message's MIME tree that finds what the
 * recognisers read.  Private to decode/.
 *
 * Call sequence: struct decode_parts p; parts_find(msg, &p);
 * parts_read_original(b, &p); parts_read_human(b, &p).  The parts are
 * borrowed from msg and valid while it is.
 */
#ifndef BOUNCEQ_PARTS_INT_H
#define BOUNCEQ_PARTS_INT_H

#include "core/decode/bounce.h"
#include "core/decode/mime_int.h"

struct decode_parts {
	GMimeObject *dsn;		/* message/(global-)delivery-status */
	GMimeObject *feedback;		/* message/feedback-report */
	GMimeObject *mdn;		/* message/(global-)disposition-notification */
	GMimeObject *original;		/* returned message or headers */
	const char *original_type;
	GMimeObject *report_human;	/* text/plain heading a multipart/report */
	GMimeObject *human;		/* first text/plain */
	GMimeObject *human_html;	/* first text/html, when no text/plain */
	GMimeObject *inner;		/* first attached message, for a second look */
};

/*
 * Finds the parts of msg; a delivery report forwarded inside another
 * message (and no report of the outer one) is looked for one level in.
 */
void parts_find(GMimeMessage *msg, struct decode_parts *p);

/*
 * The returned original (a message, or a header block parsed as one), or
 * NULL; a new reference the caller g_object_unref()s.
 */
GMimeMessage *parts_original_message(const struct decode_parts *p);

/* Reads the returned original's headers into b->original. */
void parts_read_original(struct bounce *b, const struct decode_parts *p);

/* Reads the human-readable text (UTF-8, capped) into b->human. */
void parts_read_human(struct bounce *b, const struct decode_parts *p);

/* Reads msg's Message-ID, Date, From and Subject into b. */
void parts_read_headers(struct bounce *b, GMimeMessage *msg);

/*
 * The body as it stands in the message (after the first blank line), at
 * most PARTS_RAW_MAX bytes, for reports whose MIME structure is broken and
 * so have no readable part; a new string the caller frees, or NULL.
 */
#define PARTS_RAW_MAX (192 * 1024)
char *parts_raw_body(GMimeMessage *msg);

#endif
