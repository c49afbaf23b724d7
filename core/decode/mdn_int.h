/*
 * mdn — a disposition notification (RFC 8098) that is really a refusal.
 * Internal to core/.
 *
 * A read receipt is not a failure, but Dovecot's delivery agent (and its
 * Sieve "reject") refuses mail with the same format: the disposition is
 * "automatic-action/...; deleted" and the human part says why ("Your
 * message to <a> was automatically rejected: Quota exceeded").  For such a
 * notice mdn_decode_rejection() appends the Final-Recipient of the report
 * part to b as a failed recipient whose diagnostic is the human part's
 * reason, marks b a bounce and returns true; for a receipt it changes
 * nothing and returns false.  Everything added to b is owned by b.
 */
#ifndef BOUNCEQ_MDN_H
#define BOUNCEQ_MDN_H

#include <stdbool.h>

#include "core/decode/bounce.h"
#include "core/decode/mime_int.h"

/* Bytes of the human part kept as the diagnostic. */
#define MDN_DIAG_MAX 1000

bool mdn_decode_rejection(struct bounce *b, GMimeObject *part);

#endif
