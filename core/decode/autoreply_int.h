/*
 * autoreply — automatic replies (RFC 3834 and the vacation programs
 * before it) and challenge-response notices, which are not failures.
 * Private to decode/.
 */
#ifndef BOUNCEQ_AUTOREPLY_INT_H
#define BOUNCEQ_AUTOREPLY_INT_H

#include <stdbool.h>

#include "core/decode/bounce.h"
#include "core/decode/mime_int.h"

/*
 * When msg is an automatic reply, adds its sender as a delivered
 * recipient, sets kind AUTOREPLY and returns true.
 */
bool autoreply_decode(struct bounce *b, GMimeMessage *msg);

/*
 * A delivery report that is a challenge (its text asks the sender to
 * confirm, and no recipient carries a server's reply) becomes an automatic
 * reply on behalf of its recipients; returns true when it did.
 */
bool autoreply_challenge(struct bounce *b);

#endif
