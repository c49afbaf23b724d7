/*
 * original — the returned original of a bounce, as text for a pager: the
 * message/rfc822 (or message/global) part a DSN carries back, or only its
 * headers (text/rfc822-headers), or, for text bounces without a MIME
 * report, what follows a "copy of the message" line (qmail, Exim,
 * sendmail...).  Used by the TUI's "view-original" action.
 *
 * Call sequence:
 *	original_extract(data, len, &text, &textlen, &what);
 *	show text (raw mail: escape it before display); free(text).
 * text is new (NUL-terminated) and belongs to the caller; what is static
 * ("message/rfc822", "text/rfc822-headers", "text after marker").
 */
#ifndef BOUNCEQ_ORIGINAL_H
#define BOUNCEQ_ORIGINAL_H

#include <stddef.h>

#include "core/shared/status.h"

/*
 * Finds the returned original in the bounce data[0..len).  STATUS_OK and
 * the text; STATUS_NOT_FOUND when the bounce returned nothing;
 * STATUS_NOT_MAIL / STATUS_EMPTY when data is not mail.
 */
enum status original_extract(const char *data, size_t len, char **text, size_t *textlen,
    const char **what);

#endif
