/*
 * feedback — RFC 5965 abuse feedback reports (ARF) and the few providers
 * that send complaints or unsubscriptions without one.  Internal to core/.
 *
 * feedback_decode() reads the message/feedback-report part of msg (or
 * recognises a part-less complaint) and puts its fields into b->fields and
 * the complained-about recipients into b->rcpt; it sets b->kind to
 * BOUNCE_KIND_FEEDBACK and returns true when it found a report.  Everything
 * added to b is owned by b.
 */
#ifndef BOUNCEQ_FEEDBACK_H
#define BOUNCEQ_FEEDBACK_H

#include <stdbool.h>

#include "core/decode/bounce.h"
#include "core/decode/mime_int.h"

bool feedback_decode(struct bounce *b, GMimeMessage *msg);

#endif
