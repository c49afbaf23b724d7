/*
 * escalate — addresses whose soft failures keep coming back.
 *
 * A soft failure (a delay, a full mailbox, a block) says "try again"; an
 * address that says so again and again, on day after day, is as good as
 * dead and should be treated like a hard failure.  An address is
 * escalated when it has at least count soft failures (address_row_soft:
 * every row, superseded delays included, since each one is a separate
 * failed attempt) on at least days distinct UTC calendar days.  Every
 * row of an escalated address gets row.escalated, whatever its own kind,
 * so a listing or a filter (escalated:yes) shows the address's history.
 *
 * The thresholds are the config file's escalate.count and escalate.days
 * (core/keys/config.h); 0 there means the defaults below.  Escalation is
 * decided over all rows of the rowset, before any filter, so narrowing a
 * listing to one day does not un-escalate an address.
 *
 * Call sequence: after rowset_chain(), escalate_mark(rs, count, days);
 * read rs->rows[i].escalated.  Nothing is allocated that outlives the call.
 */
#ifndef BOUNCEQ_ESCALATE_H
#define BOUNCEQ_ESCALATE_H

#include <stddef.h>

#include "core/model/row.h"

#define ESCALATE_COUNT_DEFAULT 3
#define ESCALATE_DAYS_DEFAULT  3

/*
 * Sets escalated on every row of rs->rows: true for the rows of addresses
 * (address_key) with at least count soft failures over at least days
 * distinct days, false for the others.  count or days 0: the default.
 * Rows without a date count towards count but add no day.  Returns the
 * number of escalated addresses.
 */
size_t escalate_mark(struct rowset *rs, int count, int days);

#endif
