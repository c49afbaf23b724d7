/*
 * sesjson — Amazon SES notifications that arrive as a JSON document in the
 * body of a mail (an SNS e-mail subscription): bounces, complaints,
 * deliveries and delivery delays, bare ({"notificationType": ...} or the
 * event-publishing {"eventType": ...}) or wrapped in an SNS envelope whose
 * "Message" member is the notification as a JSON string.  Internal to
 * core/.
 *
 * The JSON is read by jansson through core/shared/jsonread.h (its rules
 * for NUL, duplicate names, depth, numbers and invalid UTF-8 are there).
 * What this reader forgives on top, as the hand-written one before it did:
 *  - Sendmail splits lines longer than its limit with "!" and a new line
 *    that starts with a space, even inside a JSON string: undone before
 *    jansson reads the text (in the SNS "Message" string too);
 *  - bytes that are not UTF-8, after the mail's charset was converted,
 *    become U+FFFD instead of costing the notification;
 *  - whatever follows the object (the SNS footer) is not read;
 *  - member names and the type values ("Bounce", "Notification") are
 *    compared ignoring ASCII case;
 *  - a member of an unexpected type is as good as absent.
 * Caps: SESJSON_TEXT_MAX bytes of text are read (an object not closed by
 * then is no notification), strings are kept up to SESJSON_STR_MAX bytes
 * (cut on a character boundary), SESJSON_RCPT_MAX recipients.
 *
 * Call sequence: sesjson_decode(b, text, len) with the human-readable text
 * of a mail that had no report part.  When the text is an SES notification
 * it appends the recipients to b, sets b->kind (FEEDBACK for a complaint,
 * TEXT otherwise) and b->mta, and returns true; otherwise it returns false
 * and b has no new recipient (a known event that names none may still have
 * left its SES-* fields and reporting MTA, as before jansson).  Everything
 * added to b is owned by b.  sesjson_read() is the same with the reason
 * for declining.
 */
#ifndef BOUNCEQ_SESJSON_H
#define BOUNCEQ_SESJSON_H

#include <stdbool.h>
#include <stddef.h>

#include "core/decode/bounce.h"
#include "core/shared/status.h"

/* Bytes of text read; a notification is a few kilobytes. */
#define SESJSON_TEXT_MAX (256 * 1024)
/* Longest string member kept, in bytes. */
#define SESJSON_STR_MAX 2000
/* Recipients read from one notification (SES sends at most 50). */
#define SESJSON_RCPT_MAX 500

bool sesjson_decode(struct bounce *b, const char *text, size_t len);

/*
 * sesjson_decode() with its reason: STATUS_OK (decoded), STATUS_NOT_FOUND
 * (no object opens the text, or it is no SES notification, or names no
 * recipient), STATUS_SYNTAX (jansson refused the text: see jsonread.h),
 * STATUS_NOMEM (jansson could not allocate).
 */
enum status sesjson_read(struct bounce *b, const char *text, size_t len);

#endif
