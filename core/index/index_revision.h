/*
 * index_revision — has the database moved on since a load?  For the
 * TUI's check for new mail every few seconds: cheaper than a query, it
 * opens the database read-only just to read its UUID and revision
 * (notmuch_database_get_revision), then closes it.  Any change counts
 * (new mail, a tag, a removed file): the caller then loads again, which
 * the cache makes cheap.
 *
 * Call sequence:
 *	index_revision(&opts, &uuid, &rev, &err);	(any thread; no index needed)
 *	index_loaded_revision(ix, &luuid, &lrev);	(the load's, owned by ix)
 *	moved = strcmp(uuid, luuid) != 0 || rev != lrev;
 *	free(uuid); free(err);
 */
#ifndef BOUNCEQ_INDEX_REVISION_H
#define BOUNCEQ_INDEX_REVISION_H

#include "core/index/index.h"
#include "core/shared/status.h"

/*
 * The database's UUID (new string, the caller frees) and revision.  On
 * failure *uuid is NULL and *err a new message (errors of index_open()).
 */
enum status index_revision(const struct index_opts *o, char **uuid, unsigned long *rev,
    char **err);

/*
 * The UUID and revision the rows of ix were queried at (at index_open()
 * until a query ran).  *uuid is owned by ix, valid until its next load.
 */
void index_loaded_revision(const struct index *ix, const char **uuid, unsigned long *rev);

#endif
