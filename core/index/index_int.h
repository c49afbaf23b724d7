/*
 * index_int — what index.c (opening, loading, decoding, the cache,
 * tagging) and index_query.c (the query in its helper process) share.
 * Private to core/index/.
 *
 * index_load_begin() calls index_query_collect() once per attempt; it
 * starts the helper, reads its records into ix->jobs (and the message-ids
 * changed since the cache into *changed), and sets ix->revision and
 * ix->uuid.  The helper's body, index_query_helper_run() (index.h), opens
 * the database with index_open_db() like index_open() does.
 */
#ifndef BOUNCEQ_INDEX_INT_H
#define BOUNCEQ_INDEX_INT_H

#include <notmuch.h>
#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "core/index/cache.h"
#include "core/index/index.h"
#include "core/model/row.h"
#include "core/shared/strmap.h"

/* One message the query found, copied out of notmuch. */
struct job {
	char *msgid;
	char **files;
	size_t nfiles;
	time_t date;
	char *tags;		/* notmuch's tags, sorted, space-separated; or NULL */
	const struct cache_entry *cached;	/* reuse these rows, or NULL */
	struct rowset out;			/* decoded rows, before merging */
	size_t row0, nrows, other0, nother;	/* its rows in ix->rs */
	bool missing;				/* no file could be read */
};

struct index {
	char *config, *database, *profile, *query, *cache_dir, *cache_tag;
	int threads;
	int idle_ms;		/* the helper's silence that counts as hung */
	int wake[2];		/* index_cancel() writes a byte to wake[1] */
	char *dbpath, *uuid, *err;
	unsigned long revision;
	struct job *jobs;
	size_t njobs, next;
	struct cache *cache;
	char *cache_path;
	struct rowset rs;
	struct index_stats stats;
	bool begun;
};

/* Replaces ix->err with what followed by arg (NULL: nothing). */
void index_set_err(struct index *ix, const char *what, const char *arg);

/*
 * Opens the database as index_open() describes (retrying while a writer
 * commits).  *errmsg (if errmsg is non-NULL) as for index_open().
 */
enum status index_open_db(const struct index_opts *o, notmuch_database_mode_t mode,
    notmuch_database_t **db, char **errmsg);

/*
 * One run of the query helper.  STATUS_DATABASE when it died or sent a
 * broken stream (worth a retry), STATUS_SYNTAX for a bad query,
 * STATUS_TIMEOUT, STATUS_TOO_LARGE, STATUS_CANCELLED, STATUS_COMMAND when
 * it could not start; ix->err says more.  ix->jobs must be empty.
 */
enum status index_query_collect(struct index *ix, struct strmap *changed);

/*
 * Sets ROW_TAGS of j's rows in ix->rs (decoded or cached alike) to the
 * tags of its query record: tags change without the mail changing.
 */
void index_job_tags(struct index *ix, const struct job *j);

/* m's tags as ROW_TAGS holds them (sorted, one space between); NULL for none. */
char *index_message_tags(notmuch_message_t *m);

#endif
