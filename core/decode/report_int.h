/*
 * report — the RFC 3464 recogniser: a message/(global-)delivery-status
 * part, or its text when the MIME structure around it is broken.  Private
 * to decode/.
 *
 * Both functions put the report's per-message fields into b (even when it
 * names nobody) and its recipients through bounce_add_dsn_recipient();
 * they return true when at least one recipient was found.
 */
#ifndef BOUNCEQ_REPORT_INT_H
#define BOUNCEQ_REPORT_INT_H

#include <stdbool.h>

#include "core/decode/bounce.h"
#include "core/decode/mime_int.h"

/* Reads the delivery-status part part of a message. */
bool report_decode_part(struct bounce *b, GMimeObject *part);

/*
 * A report whose MIME structure is broken (a boundary that does not
 * match, a boundary line indented by a space) still carries its
 * delivery-status text: finds it in the raw message.
 */
bool report_decode_text(struct bounce *b, GMimeMessage *msg);

#endif
