/*
 * decode_int — the decoder's entry for a message GMime already parsed
 * (the messages of an mbox, source.c).  Private to decode/.
 */
#ifndef BOUNCEQ_DECODE_INT_H
#define BOUNCEQ_DECODE_INT_H

#include "core/decode/bounce.h"
#include "core/decode/mime_int.h"
#include "core/shared/status.h"

/* As bounce_decode(), for msg; msg stays the caller's. */
enum status bounce_decode_message(GMimeMessage *msg, struct bounce **out);

#endif
