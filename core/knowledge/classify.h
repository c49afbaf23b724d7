/*
 * classify — the cause of each failure: status + reply code + diagnostic
 * text + provider -> one reason from the taxonomy, and whether it is hard
 * (retrying cannot help).
 */
#ifndef BOUNCEQ_CLASSIFY_H
#define BOUNCEQ_CLASSIFY_H

#include <stdbool.h>

#include "core/decode/bounce.h"

/* Sets reason and hard on every recipient of b (and a derived status). */
void classify_bounce(struct bounce *b);

/*
 * False for the reasons that report no failure (delivered, feedback,
 * vacation): they are neither hard nor soft.  NULL is not a failure either.
 */
bool classify_is_failure(const char *reason);

#endif
