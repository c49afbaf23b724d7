/*
 * reason_help — one line in plain words per cause of the taxonomy (the
 * same words as bounceq-bounces(7)), for summaries that name a cause
 * without its manual page at hand.  Static strings; nothing to free.
 */
#ifndef BOUNCEQ_REASON_HELP_H
#define BOUNCEQ_REASON_HELP_H

/* The line for reason, or NULL for a name outside the taxonomy. */
const char *reason_help(const char *reason);

#endif
