/*
 * row_json — the `bounceq list --json` and `bounceq groups --json`
 * contracts (JSON Lines; documented in bounceq(1)).  Unknown values are
 * null, never invented.  Output is appended to a caller-owned struct buf,
 * without a trailing newline.
 */
#ifndef BOUNCEQ_ROW_JSON_H
#define BOUNCEQ_ROW_JSON_H

#include "core/model/group.h"
#include "core/model/row.h"
#include "core/shared/buf.h"

/* One row as one JSON object. */
void row_json(struct buf *out, const struct row *r);

/* One top-level group (with its "sub" groups) as one JSON object. */
void group_json(struct buf *out, const struct group *g);

#endif
