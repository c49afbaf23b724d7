/*
 * textbounce — the recogniser of bounces written as prose: the MTA
 * families' tables (rules/), the generic family last, delivery-status
 * fields pasted into the text, and bounces quoted whole by a person who
 * forwarded them.  Private to decode/.
 */
#ifndef BOUNCEQ_TEXTBOUNCE_INT_H
#define BOUNCEQ_TEXTBOUNCE_INT_H

#include <stdbool.h>

#include "core/decode/bounce.h"
#include "core/decode/mime_int.h"
#include "core/decode/rules/rules_int.h"

/*
 * Reads b->human (or the raw body when no part is readable) as a text
 * bounce.  Returns true, with kind TEXT and the recipients in b, when it
 * names at least one.  When they came from delivery-status fields pasted
 * into the text, *gap is a copy of that text for merge_gaps() (the caller
 * frees it), else NULL.
 */
bool textbounce_decode(struct bounce *b, GMimeMessage *msg, char **gap);

/*
 * Recipients named by a header when the text (of family f, or NULL: any)
 * lists none: X-Failed-Recipients, else the one address a returned copy
 * (attached, else in the text) went to alone, never through a list
 * (copy_int.h).  Each is added as failed; none when nothing names one.
 */
void textbounce_header_recipients(struct bounce *b, GMimeMessage *msg,
    const struct rule_family *f, const char *text);

#endif
