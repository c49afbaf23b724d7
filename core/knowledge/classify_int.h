/*
 * classify_int — the classifier's own helpers.  Private to knowledge/.
 */
#ifndef BOUNCEQ_CLASSIFY_INT_H
#define BOUNCEQ_CLASSIFY_INT_H

#include <stddef.h>

#include "core/knowledge/classify.h"
#include "core/shared/buf.h"

/*
 * Appends to human the passages of in->human that are about
 * in->recipient (from each mention of its address to the end of the
 * paragraph, stopping before another recipient's line), while human holds
 * fewer than human_max bytes; and to lookback the text just before the
 * first mention, where a Sendmail transcript names the command (">>>
 * DATA").  Both in the normalised form of classify_text_add().
 */
void classify_read_human(const struct classify_input *in, struct buf *human,
    size_t human_max, struct buf *lookback);

#endif
