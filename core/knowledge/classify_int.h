/*
 * classify_int — the classifier's own helpers.  Private to knowledge/.
 */
#ifndef BOUNCEQ_CLASSIFY_INT_H
#define BOUNCEQ_CLASSIFY_INT_H

#include <stddef.h>

#include "core/knowledge/classify.h"
#include "core/shared/buf.h"

/*
 * Caps on the human text: the part about one recipient is a paragraph,
 * and a report naming more recipients than CLASSIFY_HUMAN_RCPT_MAX is a
 * list, whose recipients are judged by their own delivery-status fields
 * (finding every address in the text would cost time quadratic in the
 * list).
 */
#define CLASSIFY_HUMAN_SCAN_MAX	(32 * 1024)
#define CLASSIFY_HUMAN_RCPT_MAX	256
/*
 * From this many recipients an index of their mentions costs less than
 * searching: building one costs about as much as two searches of a text.
 */
#define CLASSIFY_MENTIONS_MIN	3

/* How much of in->human is read: up to a NUL, at most the scan cap. */
size_t classify_human_len(const struct classify_input *in);

/*
 * The first occurrence of name in hay[0..n), ASCII case-insensitively,
 * as str_casestrn() finds it; from m when hay lies in the text m indexes
 * and m knows name, else by searching.
 */
const char *classify_mentions_find(const struct classify_mentions *m,
    const char *name, const char *hay, size_t n);

/* The same for in->recipients[i], without looking its name up. */
const char *classify_mentions_find_recipient(const struct classify_mentions *m,
    const struct classify_input *in, size_t i, const char *hay, size_t n);

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
