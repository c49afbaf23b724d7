/*
 * rowchain — chains (core/model/row.h) kept up to date while rows arrive.
 *
 * A rowset loaded from the index grows a batch at a time; screens count
 * only the latest row of each chain, so every batch must leave the rows
 * chained as a complete chaining of the rows so far would.  The rowchain
 * remembers each chain key (original message-id and case-folded
 * recipient), its latest row and its rows, so a batch costs its own rows
 * plus the rows of the chains it touched, not a pass over everything.
 *
 * After rowchain_update() the rows 0 .. rs->n have the superseded flag and
 * chain_len that rowset_chain() would give them, and a chain number that
 * is the same for exactly the rows rowset_chain() puts in one chain (but
 * numbered in arrival order).  rowchain_finish() renumbers the chains as
 * rowset_chain() does (oldest first), so its result equals rowset_chain()
 * field for field; rowset_chain() is this, in one batch.
 *
 * Call sequence:
 *	struct rowchain rc = ROWCHAIN_INIT;
 *	append rows to rs; rowchain_update(&rc, &rs);	(as often as rows come)
 *	rowchain_finish(&rc, &rs);			(more updates may follow)
 *	rowchain_free(&rc);
 * The rowchain borrows nothing between calls but the row indices: rows
 * may only be appended to rs (never removed or reordered), and their
 * date, original message-id and recipient must not change once chained.
 */
#ifndef BOUNCEQ_ROWCHAIN_H
#define BOUNCEQ_ROWCHAIN_H

#include <stdbool.h>
#include <stddef.h>

#include "core/model/row.h"
#include "core/shared/strmap.h"

struct rowchain {
	struct strmap keys;	/* chain key -> chain */
	size_t *latest;		/* per chain: index of its latest row */
	size_t *len;		/* per chain: its rows */
	size_t *head;		/* per chain: its first row in arrival order */
	bool *touched;		/* per chain: grew in this update */
	size_t nchains, capchains;
	size_t *next;		/* per row: the next row of its chain, or SIZE_MAX */
	size_t nrows, caprows;	/* rows chained so far */
};

#define ROWCHAIN_INIT { STRMAP_INIT, NULL, NULL, NULL, NULL, 0, 0, NULL, 0, 0 }

/* Chains the rows appended to rs since the last update. */
void rowchain_update(struct rowchain *rc, struct rowset *rs);

/* Updates, then numbers the chains oldest first, as rowset_chain() does. */
void rowchain_finish(struct rowchain *rc, struct rowset *rs);

void rowchain_free(struct rowchain *rc);

#endif
