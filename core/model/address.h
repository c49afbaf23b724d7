/*
 * address — which rows count against a recipient address, and the
 * address's identity.  Shared by escalation (core/model/escalate.h) and
 * export (core/model/export.h), so both count the same rows and merge the
 * same spellings.
 *
 * An address is its local part as written and its domain in lower case:
 * RFC 5321 lets the local part be case-sensitive, the domain never is, so
 * Bob@Example.COM and Bob@example.com are one address, bob@example.com
 * another.
 *
 * Call sequence: any function, any time; nothing is kept.
 */
#ifndef BOUNCEQ_ADDRESS_H
#define BOUNCEQ_ADDRESS_H

#include <stdbool.h>

#include "core/model/row.h"
#include "core/shared/buf.h"

/*
 * Appends the address of rcpt to out: the local part unchanged, what
 * follows the last '@' in ASCII lower case (without '@', all of it as
 * written).  The caller owns out.
 */
void address_key(struct buf *out, const char *rcpt);

/*
 * True when r is a delivery failure of a recipient: a recipient row
 * without an error, whose action is not a success (delivered, relayed,
 * expanded) and whose reason is a failure (reason_is_failure; a row
 * without a reason counts when its action is failed or delayed).
 */
bool address_row_failure(const struct row *r);

/*
 * True when r is a soft failure: a failure (above) that is not hard.
 * Delays are soft (the classifier never calls a delay hard).
 */
bool address_row_soft(const struct row *r);

#endif
