/*
 * bounce_json — the `bounceq decode --json` contract: one JSON object per
 * message, on one line.  Fields are documented in doc/bounceq.1; unknown
 * values are null, never invented.  Output is appended to a caller-owned
 * struct buf (no trailing newline).
 */
#ifndef BOUNCEQ_BOUNCE_JSON_H
#define BOUNCEQ_BOUNCE_JSON_H

#include "core/decode/bounce.h"
#include "core/shared/buf.h"

/* index > 0 adds "index": N (messages of an mbox). */
void bounce_json(struct buf *out, const struct bounce *b, const char *file, long index);

/* {"file": ..., ["index": N,] "error": msg} */
void bounce_json_error(struct buf *out, const char *file, long index, const char *msg);

#endif
