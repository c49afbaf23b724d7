/*
 * escape — making hostile text safe and measurable for a terminal.
 *
 * Mail text may hold escape sequences, other controls, bidi overrides and
 * invalid UTF-8.  escape_text() turns each into a visible escape
 * (\e, \x07, <U+202E>, \xff) so nothing reaches the terminal raw; the result
 * is valid UTF-8.  Widths are display columns (wcwidth), so wide characters
 * align.  Appends to a caller-owned struct buf.
 */
#ifndef BOUNCEQ_ESCAPE_H
#define BOUNCEQ_ESCAPE_H

#include <stddef.h>

#include "core/shared/buf.h"

/* Appends s[0..n) made safe; newlines and tabs become spaces. */
void escape_text(struct buf *out, const char *s, size_t n);

/* Display width of safe UTF-8 text (as produced by escape_text). */
size_t escape_width(const char *s);

/*
 * Appends safe text s cut to at most width columns ("…" marks a cut) and,
 * when pad is set, padded with spaces to exactly width columns.
 */
void escape_fit(struct buf *out, const char *s, size_t width, int pad);

#endif
