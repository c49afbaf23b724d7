/*
 * index_find — where a message lives: the file of a Message-ID in the
 * user's notmuch database, opened read-only for the one call.  The TUI
 * uses it to open the *sent* original of a bounce (the returned
 * Message-ID) when the user's own copy is indexed.
 *
 * Call sequence:
 *	if (index_find_file(&opts, "<id@host>", &file, &err) == STATUS_OK)
 *		open file; free(file);
 *	else free(err);
 * Both out strings are new and belong to the caller.
 */
#ifndef BOUNCEQ_INDEX_FIND_H
#define BOUNCEQ_INDEX_FIND_H

#include "core/index/index.h"
#include "core/shared/status.h"

/*
 * Looks msgid up (angle brackets and blanks around it are ignored).
 * STATUS_OK and a new path in *file; STATUS_NOT_FOUND when the database
 * does not hold it (or has no file left for it); STATUS_DATABASE /
 * STATUS_NOT_FOUND as index_open() when the database cannot be opened.
 * *errmsg (when errmsg is non-NULL) is then a new message.
 */
enum status index_find_file(const struct index_opts *o, const char *msgid, char **file,
    char **errmsg);

#endif
