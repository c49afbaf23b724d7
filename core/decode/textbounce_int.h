/*
 * textbounce — bounces that are not RFC 3464: recognisers for the text that
 * MTAs and providers write, plus feedback reports, auto-replies and read
 * receipts.  Internal to core/ (takes a GMime message).
 */
#ifndef BOUNCEQ_TEXTBOUNCE_H
#define BOUNCEQ_TEXTBOUNCE_H

#include "core/decode/mime_int.h"

/*
 * Called for every decoded message after the delivery-status part (if any)
 * was read into b.  Fills recipients for text bounces, kinds for
 * non-failures, and gaps in machine-readable reports from the human part.
 */
void textbounce_decode(struct bounce *b, GMimeMessage *msg);

#endif
