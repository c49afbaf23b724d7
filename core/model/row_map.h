/*
 * row_map — where the rows of one load are in the next one, so a screen
 * reloaded for new mail keeps its cursor and tagged rows on the same
 * recipients of the same bounces.
 *
 * A row is known by its message-id and its recipient (case-folded); when
 * several rows share both (a bounce that names a recipient twice, or
 * unreadable messages with no recipient), the k-th of them in one set is
 * the k-th in the other.
 *
 * Call sequence: map = row_map(&old, &new); map[i] is the index in
 * new.rows of old.rows[i], or ROW_MAP_NONE; free(map).
 */
#ifndef BOUNCEQ_ROW_MAP_H
#define BOUNCEQ_ROW_MAP_H

#include <stddef.h>
#include <stdint.h>

#include "core/model/row.h"

#define ROW_MAP_NONE SIZE_MAX

/* A new array of from->n entries (never NULL); the caller frees it. */
size_t *row_map(const struct rowset *from, const struct rowset *to);

#endif
