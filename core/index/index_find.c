#include "core/index/index_find.h"

#include <notmuch.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/shared/buf.h"

/* "<id@host>" -> "id@host", as notmuch stores ids. */
static char *
bare_id(const char *msgid)
{
	const char *s = msgid, *e;

	while (*s == ' ' || *s == '\t' || *s == '<')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '>' || e[-1] == '\n' ||
	    e[-1] == '\r'))
		e--;
	return xstrndup(s, (size_t)(e - s));
}

static void
set_err(char **errmsg, const char *what, const char *detail)
{
	struct buf b = BUF_INIT;

	if (errmsg == NULL)
		return;
	buf_adds(&b, what);
	if (detail != NULL && *detail != '\0')
		buf_printf(&b, ": %s", detail);
	*errmsg = buf_steal(&b);
}

enum status
index_find_file(const struct index_opts *o, const char *msgid, char **file, char **errmsg)
{
	notmuch_database_t *db = NULL;
	notmuch_message_t *m = NULL;
	notmuch_filenames_t *fns;
	notmuch_status_t ns;
	enum status st = STATUS_NOT_FOUND;
	const char *config = o->config;
	char *id = NULL, *msg = NULL;

	*file = NULL;
	if (errmsg != NULL)
		*errmsg = NULL;
	if (msgid == NULL || *(id = bare_id(msgid)) == '\0') {
		set_err(errmsg, "the bounce names no Message-ID for its original", NULL);
		goto done;
	}
	ns = notmuch_database_open_with_config(o->database, NOTMUCH_DATABASE_MODE_READ_ONLY,
	    config, o->profile, &db, &msg);
	/* As index_open(): an explicit database needs no config file. */
	if (ns == NOTMUCH_STATUS_NO_CONFIG && o->database != NULL && config == NULL) {
		free(msg);
		msg = NULL;
		ns = notmuch_database_open_with_config(o->database,
		    NOTMUCH_DATABASE_MODE_READ_ONLY, "", o->profile, &db, &msg);
	}
	if (ns != NOTMUCH_STATUS_SUCCESS) {
		set_err(errmsg, "cannot open the notmuch database", msg ? msg :
		    notmuch_status_to_string(ns));
		st = ns == NOTMUCH_STATUS_XAPIAN_EXCEPTION ? STATUS_DATABASE : STATUS_NOT_FOUND;
		db = NULL;
		goto done;
	}
	if (notmuch_database_find_message(db, id, &m) != NOTMUCH_STATUS_SUCCESS) {
		set_err(errmsg, "notmuch lookup failed", notmuch_database_status_string(db));
		st = STATUS_DATABASE;
		goto done;
	}
	if (m == NULL) {
		set_err(errmsg, "the sent original is not in the notmuch database", NULL);
		goto done;
	}
	/* Prefer a file that is still there (a message may have several). */
	for (fns = notmuch_message_get_filenames(m); notmuch_filenames_valid(fns);
	    notmuch_filenames_move_to_next(fns)) {
		const char *f = notmuch_filenames_get(fns);

		if (f != NULL && access(f, R_OK) == 0) {
			*file = xstrdup(f);
			break;
		}
	}
	if (*file == NULL) {
		set_err(errmsg, "the sent original is indexed but its file is gone", NULL);
		goto done;
	}
	st = STATUS_OK;
done:
	if (m != NULL)
		notmuch_message_destroy(m);
	if (db != NULL)
		notmuch_database_destroy(db);
	free(msg);
	free(id);
	return st;
}
