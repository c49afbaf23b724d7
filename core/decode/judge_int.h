/*
 * judge — the last step of decoding: the classifier's verdict on every
 * recipient.  Private to decode/.
 *
 * judge_bounce() hands each recipient's fields, the report's fields and
 * its human text (cut before the returned copy) to classify() and stores
 * the reason, the hard flag and, when the mail gave no status, the status
 * derived from the reason.
 */
#ifndef BOUNCEQ_JUDGE_INT_H
#define BOUNCEQ_JUDGE_INT_H

#include "core/decode/bounce.h"

void judge_bounce(struct bounce *b);

#endif
