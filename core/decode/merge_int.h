/*
 * merge — the one place where what two recognisers found about the same
 * recipients is put together.  Private to decode/.
 *
 * A delivery report often lacks a Status, a Diagnostic-Code or a reply
 * code, or names a damaged address; its human text (read by the rules
 * engine as if it were a text bounce) says what the fields left out.
 */
#ifndef BOUNCEQ_MERGE_INT_H
#define BOUNCEQ_MERGE_INT_H

#include "core/decode/bounce.h"
#include "core/decode/mime_int.h"

/*
 * Fills the gaps of b's recipients from text (NULL: nothing to do): each
 * recipient matched by address (or the only one) takes the text's
 * diagnostic, status, reply code and remote host where its own are
 * missing or generic.  Adds no recipient.
 */
void merge_gaps(struct bounce *b, GMimeMessage *msg, const char *text);

#endif
