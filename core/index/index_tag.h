/*
 * index_tag — changing the notmuch tags of bounce messages: `bounceq tag`
 * and the TUI's mark-handled and undo.
 *
 * index_tag_apply() opens the database read-write for the call only
 * (read-only for a dry run).  libnotmuch would wait for another writer's
 * lock for ever, so it first looks at the lock, up to about five seconds
 * (STATUS_DATABASE, nothing changed, when it stays taken), makes every change
 * inside one atomic section (notmuch_database_begin_atomic/end_atomic:
 * all of them are committed or, on any error, none), then, when the
 * user's notmuch config says maildir.synchronize_flags, renames the
 * changed messages' files to match their tags as `notmuch tag` does
 * (notmuch_message_tags_to_maildir_flags; only draft, flagged, passed,
 * replied and unread change a file name; the contents are never
 * touched).  Each request names a message and the changes for it, so an
 * undo can put every message back as it was.
 *
 * Call sequence:
 *	struct index_tag_req req[] = { { msgid, &ops }, ... };
 *	struct index_tag_result res;
 *	st = index_tag_apply(&opts, req, n, dry_run, &res, &err);
 *	res.c[i].added / .removed / .after for each request;
 *	index_tag_result_free(&res); free(err);
 * The result owns its strings; err (when non-NULL) is new.
 */
#ifndef BOUNCEQ_INDEX_TAG_H
#define BOUNCEQ_INDEX_TAG_H

#include <stdbool.h>
#include <stddef.h>

#include "core/index/index.h"
#include "core/model/tags.h"
#include "core/shared/status.h"

struct index_tag_req {
	const char *msgid;
	const struct tag_ops *ops;	/* borrowed */
};

struct index_tag_change {
	char *msgid;
	/* Space-separated tag lists, NULL for none; added/removed: what really changed. */
	char *before, *after, *added, *removed;
	bool missing;		/* the message is not in the database */
};

struct index_tag_result {
	struct index_tag_change *c;	/* one per request, in order */
	size_t n;
	size_t changed;		/* messages whose tags changed (or would: dry run) */
	size_t missing;
	bool sync_flags;	/* maildir flags follow tags (notmuch config) */
	size_t sync_failed;	/* messages whose file names could not follow */
};

/*
 * Applies req[0..n) (dry_run: only computes the result).  STATUS_OK, also
 * when some messages are missing (res->missing counts them);
 * STATUS_INVALID for a tag tag_name_ok() refuses (nothing is done);
 * STATUS_DATABASE when notmuch failed (nothing is changed: the atomic
 * section is discarded) or STATUS_NOT_FOUND when no database was found,
 * with *errmsg.  res is filled in every case (with nothing changed on an
 * error).
 */
enum status index_tag_apply(const struct index_opts *o, const struct index_tag_req *req,
    size_t n, bool dry_run, struct index_tag_result *res, char **errmsg);

void index_tag_result_free(struct index_tag_result *res);

#endif
