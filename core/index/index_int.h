/*
 * index_int — what index.c (opening, loading, decoding, the cache,
 * tagging) and index_query.c (the query in its helper process) share.
 * Private to core/index/.
 *
 * index_load_begin() calls index_query_collect() once per attempt; it
 * starts the helper, reads its records into ix->jobs and sets
 * ix->revision and ix->uuid.  With since set (the cache's database and
 * revision, for an unchanged query) the helper sends only the messages
 * changed since that revision, and the query's count, in ix->since_count;
 * a helper that could not honour it (another database) sends them all and
 * ix->since_count is SIZE_MAX.  The helper's body, index_query_helper_run()
 * (index.h), opens the database with index_open_db() like index_open()
 * does.
 */
#ifndef BOUNCEQ_INDEX_INT_H
#define BOUNCEQ_INDEX_INT_H

#include <notmuch.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "core/index/cache.h"
#include "core/index/index.h"
#include "core/model/row.h"
#include "core/model/rowchain.h"
#include "core/shared/buf.h"
#include "core/shared/strmap.h"

/*
 * One message of the query, in query order.  Its strings live in
 * ix->jobpool (copied from the helper's records) or in the cache's bytes
 * (a message taken from the cache without asking notmuch).
 */
struct job {
	const char *msgid;
	const char *const *files;
	size_t nfiles;
	time_t date;
	const char *tags;	/* notmuch's tags, sorted, space-separated (in jobpool); or NULL */
	const struct cache_entry *cached;	/* reuse these rows, or NULL */
	size_t row0, nrows, other0, nother;	/* its rows in ix->rs */
	bool missing;				/* no file could be read */
	bool fresh_files;			/* files come from notmuch now */
};

struct workers;
struct strpool;

struct index {
	char *config, *database, *profile, *query, *cache_dir, *cache_tag;
	int threads;
	int idle_ms;		/* the helper's silence that counts as hung */
	int wake[2];		/* index_cancel() writes a byte to wake[1] */
	char *dbpath, *uuid, *err;
	unsigned long revision;
	struct job *jobs;
	size_t njobs, capjobs, next;
	struct strpool *jobpool;	/* the jobs' strings */
	size_t since_count;		/* see index_query_collect() */
	size_t *todo;			/* the jobs to decode, in order */
	size_t ntodo;
	struct workers *w;		/* decoding todo, started by the first step */
	struct cache *cache;
	char *cache_path;
	struct buf dirs;		/* struct index_dir: where the files are */
	struct strmap dir_at;		/* directory -> its index in dirs */
	struct rowset rs;
	struct rowchain chain;	/* keeps rs chained as each step appends */
	struct index_stats stats;
	bool begun;
	bool pure;		/* every row straight from an unchanged cache */
	bool dirty;		/* the cache needs writing even if nothing was decoded */
};

/* A directory files are in, and its mtime when the load began. */
struct index_dir {
	char *path;
	int64_t sec, nsec;
	bool stale;		/* changed since the cache (or unknown to it) */
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
enum status index_query_collect(struct index *ix, bool since);

/* Appends a zeroed job to ix->jobs. */
struct job *index_job_add(struct index *ix);

/*
 * Sets ROW_TAGS of j's rows in ix->rs (decoded or cached alike) to the
 * tags of its query record (tags change without the mail changing); a job
 * without a record (the cache alone answered for it) keeps the cached ones.
 */
void index_job_tags(struct index *ix, const struct job *j);

/* m's tags as ROW_TAGS holds them (sorted, one space between); NULL for none. */
char *index_message_tags(notmuch_message_t *m);

#endif
