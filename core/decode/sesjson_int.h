/*
 * sesjson — Amazon SES notifications that arrive as a JSON document in the
 * body of a mail (an SNS e-mail subscription): bounces, complaints,
 * deliveries and delivery delays, bare ({"notificationType": ...} or the
 * event-publishing {"eventType": ...}) or wrapped in an SNS envelope whose
 * "Message" member is the notification as a JSON string.  Internal to
 * core/.
 *
 * The reader is a minimal one for exactly the members used: it skips
 * values by scanning brackets and strings once, so the work is linear in
 * the text whatever its nesting, and nothing is built but the few strings
 * kept.  It forgives one artifact of real mail: Sendmail splits lines
 * longer than its limit with "!" and a new line that starts with a space,
 * even inside a JSON string.
 *
 * Call sequence: sesjson_decode(b, text, len) with the human-readable text
 * of a mail that had no report part.  When the text is an SES notification
 * it appends the recipients to b, sets b->kind (FEEDBACK for a complaint,
 * TEXT otherwise) and b->mta, and returns true; otherwise b is unchanged
 * and it returns false.  Everything added to b is owned by b.
 */
#ifndef BOUNCEQ_SESJSON_H
#define BOUNCEQ_SESJSON_H

#include <stdbool.h>
#include <stddef.h>

#include "core/decode/bounce.h"

/* Bytes of text read; a notification is a few kilobytes. */
#define SESJSON_TEXT_MAX (256 * 1024)
/* Longest string member kept, in bytes. */
#define SESJSON_STR_MAX 2000
/* Recipients read from one notification (SES sends at most 50). */
#define SESJSON_RCPT_MAX 500

bool sesjson_decode(struct bounce *b, const char *text, size_t len);

#endif
