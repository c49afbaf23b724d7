/*
 * decode — one mail in, a struct bounce out.
 *
 * bounce_decode() parses a whole message (any line endings) with GMime,
 * finds its parts (a delivery report wherever it is: RFC 6522
 * multipart/report, top level or nested, or a bare delivery-status part;
 * feedback and disposition reports; the human text; the returned original)
 * and runs an ordered table of recognisers over them: the RFC 3464 report,
 * ARF, disposition notifications, Amazon SES JSON, the MTA families' prose
 * (rules/), a report part that names nobody, automatic replies, and a last
 * resort for reports in no known layout (lastresort.c).  The first
 * that recognises the mail wins; gaps in a machine-readable report are then
 * filled from its human text in one place (merge.c), and every recipient
 * is classified (judge.c).
 *
 * Call sequence: bounce_decode(data, len, &b); read b->...; bounce_free(b).
 */
#ifndef BOUNCEQ_DECODE_H
#define BOUNCEQ_DECODE_H

#include <stddef.h>

#include "core/decode/bounce.h"
#include "core/shared/status.h"

/*
 * Decodes one message.  Returns STATUS_OK with a new struct bounce in *out
 * (the caller frees it with bounce_free()), STATUS_EMPTY for empty input,
 * STATUS_NOT_MAIL when the bytes are not a mail message, STATUS_TOO_LARGE.
 */
enum status bounce_decode(const char *data, size_t len, struct bounce **out);

#endif
