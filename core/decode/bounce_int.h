/*
 * bounce_int — the builders recognisers fill a struct bounce with.
 * Private to decode/ (and its tests).
 *
 * Everything added belongs to the bounce and is freed by bounce_free().
 */
#ifndef BOUNCEQ_BOUNCE_INT_H
#define BOUNCEQ_BOUNCE_INT_H

#include "core/decode/bounce.h"
#include "core/decode/dsn.h"

/* Appends an empty recipient to b and returns it. */
struct bounce_recipient *bounce_add_recipient(struct bounce *b);

/* Appends a per-message field (name and value copied). */
void bounce_add_field(struct bounce *b, const char *name, const char *value);

/*
 * Appends dr to b as a recipient (fields copied, status and reply code
 * chosen by classify_codes() as for any delivery-status part); NULL when
 * dr names no address.
 */
struct bounce_recipient *bounce_add_dsn_recipient(struct bounce *b,
    const struct dsn_recipient *dr);

#endif
