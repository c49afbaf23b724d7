#include "core/index/index_revision.h"

#include <stdlib.h>

#include "core/index/index_int.h"
#include "core/shared/buf.h"

enum status
index_revision(const struct index_opts *o, char **uuid, unsigned long *rev, char **err)
{
	notmuch_database_t *db;
	const char *u = NULL;
	enum status st;

	*uuid = NULL;
	*rev = 0;
	if (err != NULL)
		*err = NULL;
	if ((st = index_open_db(o, NOTMUCH_DATABASE_MODE_READ_ONLY, &db, err)) != STATUS_OK)
		return st;
	*rev = notmuch_database_get_revision(db, &u);
	*uuid = xstrdup(u ? u : "");
	notmuch_database_destroy(db);
	return STATUS_OK;
}

void
index_loaded_revision(const struct index *ix, const char **uuid, unsigned long *rev)
{
	*uuid = ix->uuid ? ix->uuid : "";
	*rev = ix->revision;
}
