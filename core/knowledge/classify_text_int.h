/*
 * classify_text — the text the classifier matches against (core-internal).
 *
 * classify_text_add() appends at most cap bytes of text to a buffer in the
 * form the pattern tables are written for: ASCII lowercase, runs of white
 * space folded to one space, SMTP reply and status codes dropped (each
 * word ends with one space).  classify_match_scan() (classify_match_int.h)
 * then reads it once for every pattern of the tables; classify_find() is
 * the linear-time search of one needle.
 *
 * Call sequence: struct buf t = BUF_INIT; classify_text_add(&t, s, cap);
 * ... classify_match_scan(&h, t.data, t.len) ...; buf_free(&t).
 */
#ifndef BOUNCEQ_CLASSIFY_TEXT_H
#define BOUNCEQ_CLASSIFY_TEXT_H

#include <stddef.h>

#include "core/knowledge/reason_table_int.h"
#include "core/shared/buf.h"

void classify_text_add(struct buf *out, const char *text, size_t cap);

/* Longest needle classify_find() takes; every table pattern is shorter. */
#define CLASSIFY_NEEDLE_MAX 128

/*
 * First occurrence of needle[0..m) in hay[0..n), case-sensitive, in time
 * linear in n + m; NULL when absent or when m > CLASSIFY_NEEDLE_MAX.
 */
const char *classify_find(const char *hay, size_t n, const char *needle,
    size_t m);

#endif
