/*
 * lastresort — the recogniser for bounces no other one reads: a message
 * that is a failure report by its envelope or headers, whose text names
 * the failed addresses only near words of failure.  Private to decode/.
 *
 * A message qualifies by its null Return-Path, a report writer's From
 * (MAILER-DAEMON, postmaster), Auto-Submitted, X-Failed-Recipients, a
 * multipart/report, or a subject of failure.  The addresses taken are
 * those on a line of its own text (before the returned copy) that holds a
 * failure phrase, or on the lines just below one that names none ("The
 * following addresses failed:").  Never taken: the report's own header
 * addresses, the returned copy's sender (From, Sender, Reply-To,
 * Return-Path), postmasters and mailer daemons.  When nothing qualifies
 * there is no recipient: this recogniser never guesses.
 */
#ifndef BOUNCEQ_LASTRESORT_INT_H
#define BOUNCEQ_LASTRESORT_INT_H

#include <stdbool.h>

#include "core/decode/bounce.h"
#include "core/decode/mime_int.h"

/*
 * Reads b->human (or the raw body) of msg as above; true, with kind TEXT
 * and the recipients in b, when it names at least one.
 */
bool lastresort_decode(struct bounce *b, GMimeMessage *msg);

#endif
