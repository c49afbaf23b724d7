#include "core/index/index_tag.h"

#include <errno.h>
#include <fcntl.h>
#include <notmuch.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/index/index_int.h"
#include "core/shared/buf.h"

/* Waiting for another writer's lock: this many looks, this far apart (about 5 s). */
#define LOCK_TRIES 20
#define LOCK_PAUSE_NS 250000000L

/*
 * Does another program hold the Xapian write lock?  libnotmuch opens
 * read-write with Xapian::DB_RETRY_LOCK, which waits for the lock with no
 * end (F_OFD_SETLKW), so bounceq looks first: F_GETLK on the lock file
 * sees both the open-file-description locks Xapian takes and classic ones.
 * A writer that starts between the look and the open is still waited for.
 */
static bool
writer_busy(const char *dbpath)
{
	static const char *const where[] = { "/.notmuch/xapian/flintlock", "/xapian/flintlock" };
	struct buf p = BUF_INIT;
	bool busy = false;

	for (size_t i = 0; i < sizeof(where) / sizeof(where[0]); i++) {
		struct flock fl;
		int fd;

		buf_reset(&p);
		buf_printf(&p, "%s%s", dbpath, where[i]);
		if ((fd = open(p.data, O_RDWR | O_CLOEXEC)) < 0)
			continue;
		memset(&fl, 0, sizeof(fl));
		fl.l_type = F_WRLCK;
		fl.l_whence = SEEK_SET;
		if (fcntl(fd, F_GETLK, &fl) == 0 && fl.l_type != F_UNLCK)
			busy = true;
		close(fd);
		break;
	}
	buf_free(&p);
	return busy;
}

/* Waits (bounded) until no other writer holds the lock; false when one still does. */
static bool
wait_for_writer(const char *dbpath)
{
	for (int i = 0; i < LOCK_TRIES; i++) {
		if (!writer_busy(dbpath))
			return true;
		nanosleep(&(struct timespec){ 0, LOCK_PAUSE_NS }, NULL);
	}
	return false;
}

static bool
ops_ok(const struct tag_ops *ops)
{
	for (size_t i = 0; i < ops->nadd; i++)
		if (!tag_name_ok(ops->add[i]))
			return false;
	for (size_t i = 0; i < ops->ndel; i++)
		if (!tag_name_ok(ops->del[i]))
			return false;
	return true;
}

static void
set_err(char **errmsg, const char *what, notmuch_status_t ns)
{
	struct buf b = BUF_INIT;

	if (errmsg == NULL)
		return;
	free(*errmsg);
	buf_printf(&b, "%s: %s", what, notmuch_status_to_string(ns));
	*errmsg = buf_steal(&b);
}

/* One message's changes (freeze/thaw: notmuch writes its terms once). */
static notmuch_status_t
change(notmuch_message_t *m, const struct tag_ops *ops)
{
	notmuch_status_t ns;

	if ((ns = notmuch_message_freeze(m)) != NOTMUCH_STATUS_SUCCESS)
		return ns;
	for (size_t i = 0; i < ops->ndel && ns == NOTMUCH_STATUS_SUCCESS; i++)
		ns = notmuch_message_remove_tag(m, ops->del[i]);
	for (size_t i = 0; i < ops->nadd && ns == NOTMUCH_STATUS_SUCCESS; i++)
		ns = notmuch_message_add_tag(m, ops->add[i]);
	if (ns != NOTMUCH_STATUS_SUCCESS)
		return ns;
	return notmuch_message_thaw(m);
}

/* Reads each message and, unless dry, changes it; false on a notmuch error. */
static bool
apply_all(notmuch_database_t *db, const struct index_tag_req *req, size_t n, bool dry,
    struct index_tag_result *res, char **errmsg)
{
	for (size_t i = 0; i < n; i++) {
		struct index_tag_change *c = &res->c[i];
		notmuch_message_t *m = NULL;
		notmuch_status_t ns;

		c->msgid = xstrdup(req[i].msgid);
		ns = notmuch_database_find_message(db, req[i].msgid, &m);
		if (ns != NOTMUCH_STATUS_SUCCESS) {
			set_err(errmsg, "cannot look a message up", ns);
			return false;
		}
		if (m == NULL) {
			c->missing = true;
			res->missing++;
			continue;
		}
		c->before = index_message_tags(m);
		tags_apply(c->before, req[i].ops, &c->after, &c->added, &c->removed);
		if (c->added != NULL || c->removed != NULL) {
			res->changed++;
			if (!dry && (ns = change(m, req[i].ops)) != NOTMUCH_STATUS_SUCCESS) {
				set_err(errmsg, "cannot change a message's tags", ns);
				notmuch_message_destroy(m);
				return false;
			}
		}
		notmuch_message_destroy(m);
	}
	return true;
}

/* After the commit: file names follow the tags, as `notmuch tag` does. */
static void
sync_flags(notmuch_database_t *db, struct index_tag_result *res)
{
	for (size_t i = 0; i < res->n; i++) {
		notmuch_message_t *m = NULL;

		if (res->c[i].added == NULL && res->c[i].removed == NULL)
			continue;
		if (notmuch_database_find_message(db, res->c[i].msgid, &m) !=
		    NOTMUCH_STATUS_SUCCESS || m == NULL ||
		    notmuch_message_tags_to_maildir_flags(m) != NOTMUCH_STATUS_SUCCESS)
			res->sync_failed++;
		if (m != NULL)
			notmuch_message_destroy(m);
	}
}

/* An error leaves nothing changed: say so in the result too. */
static void
undo_result(struct index_tag_result *res)
{
	for (size_t i = 0; i < res->n; i++) {
		struct index_tag_change *c = &res->c[i];

		free(c->after);
		free(c->added);
		free(c->removed);
		c->after = c->before ? xstrdup(c->before) : NULL;
		c->added = c->removed = NULL;
	}
	res->changed = 0;
}

enum status
index_tag_apply(const struct index_opts *o, const struct index_tag_req *req, size_t n,
    bool dry_run, struct index_tag_result *res, char **errmsg)
{
	notmuch_database_t *db;
	notmuch_bool_t sync = FALSE;
	notmuch_status_t ns;
	enum status st;

	memset(res, 0, sizeof(*res));
	if (errmsg != NULL)
		*errmsg = NULL;
	res->c = xcalloc(n + 1, sizeof(*res->c));
	res->n = n;
	for (size_t i = 0; i < n; i++)
		if (req[i].msgid == NULL || !ops_ok(req[i].ops)) {
			if (errmsg != NULL)
				*errmsg = xstrdup("a bad message-id or tag");
			return STATUS_INVALID;
		}
	/* Read-only first (that never waits): where the lock is, and whether it is free. */
	if ((st = index_open_db(o, NOTMUCH_DATABASE_MODE_READ_ONLY, &db, errmsg)) != STATUS_OK)
		return st;
	if (!dry_run) {
		char *path = xstrdup(notmuch_database_get_path(db));
		bool free_now = wait_for_writer(path);

		free(path);
		notmuch_database_destroy(db);
		if (!free_now) {
			if (errmsg != NULL)
				*errmsg = xstrdup("another program is writing the notmuch database "
				    "(notmuch new?) and kept it locked for 5 s; nothing changed, "
				    "try again");
			return STATUS_DATABASE;
		}
		if ((st = index_open_db(o, NOTMUCH_DATABASE_MODE_READ_WRITE, &db, errmsg)) !=
		    STATUS_OK)
			return st;
	}
	if (notmuch_config_get_bool(db, NOTMUCH_CONFIG_SYNC_MAILDIR_FLAGS, &sync) !=
	    NOTMUCH_STATUS_SUCCESS)
		sync = FALSE;
	res->sync_flags = sync;
	if (!dry_run && (ns = notmuch_database_begin_atomic(db)) != NOTMUCH_STATUS_SUCCESS) {
		set_err(errmsg, "cannot start a transaction", ns);
		notmuch_database_destroy(db);
		return STATUS_DATABASE;
	}
	if (!apply_all(db, req, n, dry_run, res, errmsg)) {
		/* Destroying the database inside the atomic section discards it. */
		notmuch_database_destroy(db);
		undo_result(res);
		return STATUS_DATABASE;
	}
	if (!dry_run && (ns = notmuch_database_end_atomic(db)) != NOTMUCH_STATUS_SUCCESS) {
		set_err(errmsg, "cannot commit the tags", ns);
		notmuch_database_destroy(db);
		undo_result(res);
		return STATUS_DATABASE;
	}
	if (!dry_run && sync)
		sync_flags(db, res);
	ns = notmuch_database_close(db);
	notmuch_database_destroy(db);
	if (ns != NOTMUCH_STATUS_SUCCESS && !dry_run) {
		set_err(errmsg, "cannot close the database", ns);
		return STATUS_DATABASE;
	}
	return STATUS_OK;
}

void
index_tag_result_free(struct index_tag_result *res)
{
	for (size_t i = 0; res->c != NULL && i < res->n; i++) {
		free(res->c[i].msgid);
		free(res->c[i].before);
		free(res->c[i].after);
		free(res->c[i].added);
		free(res->c[i].removed);
	}
	free(res->c);
	memset(res, 0, sizeof(*res));
}
