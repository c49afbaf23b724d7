/*
 * source — where mail comes from: a file, standard input ("-"), a Maildir
 * (cur/ and new/; a plain directory of message files is read the same way),
 * or an mbox file, each message of which is decoded separately.  A file that
 * starts with a "From " line is read as an mbox; when it holds a single
 * message it is reported like a plain file (no index).
 *
 * Call sequence:
 *	source_open(path, &src);
 *	while (source_next(src, &item)) { use item; source_item_clear(&item); }
 *	source_close(src);
 * Each item owns its file name and its struct bounce (NULL when item.status
 * is not STATUS_OK); source_item_clear() frees both.
 *
 * source_set_workers(src, n) before the first source_next() decodes the
 * files of a directory in n threads (core/shared/workers.h), a bounded
 * number ahead of the caller; the items still come in the same order.
 */
#ifndef BOUNCEQ_SOURCE_H
#define BOUNCEQ_SOURCE_H

#include <stdbool.h>

#include "core/decode/bounce.h"
#include "core/shared/status.h"

struct source;

struct source_item {
	char *file;		/* path as given, or the message file in a Maildir */
	long index;		/* 1-based position in an mbox, 0 otherwise */
	enum status status;
	struct bounce *bounce;
};

/*
 * Opens path.  Returns STATUS_NOENT for a missing path, STATUS_IO when it
 * cannot be read, STATUS_NO_MAIL_FOUND for a directory without message
 * files; *out is then NULL.  Otherwise a new source the caller closes.
 */
enum status source_open(const char *path, struct source **out);

/* Most decoding threads a source starts. */
#define SOURCE_MAX_WORKERS 16

/*
 * Decodes a directory's messages in n threads (at most SOURCE_MAX_WORKERS;
 * n <= 1: in the caller's, as without this call).  Files and mbox files
 * are decoded in the caller's thread whatever n.
 */
void source_set_workers(struct source *s, int n);

/* Fills item with the next message; false at the end. */
bool source_next(struct source *s, struct source_item *item);

void source_item_clear(struct source_item *item);

void source_close(struct source *s);

#endif
