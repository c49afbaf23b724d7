/*
 * index — bounces from the user's notmuch database, as rows.
 *
 * index_open() opens the database read-only the way the notmuch CLI does
 * (notmuch_database_open_with_config: --config FILE, else NOTMUCH_CONFIG,
 * else $XDG_CONFIG_HOME/notmuch/PROFILE/config, else ~/.notmuch-config;
 * NOTMUCH_PROFILE; --database DIR overrides the path).  Loading is
 * incremental so a screen can draw while it runs:
 *
 *	struct index_opts o = { .query = ..., .cache_dir = ... };
 *	if (index_open(&o, &ix, &err) != STATUS_OK) { show err; free(err); }
 *	index_load_begin(ix);		reads the cache, runs the query if needed
 *	while (!index_load_done(ix)) {
 *		index_load_step(ix, 64);	decodes up to 64 messages
 *		index_progress(ix, &done, &total); list_refresh(...);
 *	}
 *	index_load_finish(ix);		numbers chains, writes the cache
 *	rs = index_rows(ix);  ...  index_close(ix);
 *
 * The rowset belongs to the index (freed by index_close); rows are
 * appended in query order (newest first), decoded messages too, and each
 * step leaves them chained (superseded, chain_len) as the finished load
 * will (core/model/rowchain.h), so counts shown while loading are final
 * for the rows so far.  With a
 * cache (index_opts.cache_dir) a load is one of: the cache alone, when
 * the database's UUID and revision, the query, the tag and the files'
 * directories are as it recorded (no helper runs); the messages changed
 * since its revision and the query's count (only new mail decoded; a
 * message whose tags alone changed keeps its rows); the whole query, when
 * the count says a message left.  See "Performance: the cache" in
 * doc/HACKING.md.  After
 * index_load_begin() no notmuch object is touched until
 * index_load_finish(): decoding reads the files directly, in one thread
 * per processor online unless index_opts.threads says otherwise.
 * A file that is indexed but missing on disk becomes a row with "error"
 * set.
 *
 * The query itself runs in a short-lived helper process: libnotmuch 0.37
 * can abort the process with an uncaught Xapian::DatabaseModifiedError
 * when a concurrent `notmuch new` commits during the iteration.  The
 * helper is this very program (/proc/self/exe) started with posix_spawn
 * (core/shared/spawn.h), never a fork() of a process that may have
 * threads, as
 *	PROGRAM __index-query [--config F] [--database D] [--profile P]
 *	    [--since-uuid U --since-revision N] --query Q
 * so every program that calls index_load_begin() hands that argument
 * vector to index_query_helper_run() first thing in main() (cli/main.c;
 * tests/unit/test_index.c).  Its death costs a retry (up to about three
 * seconds in all) before index_load_begin() fails with STATUS_DATABASE and
 * index_error() says why.  Its output is read with a deadline that
 * restarts while it writes: query_idle_ms without a byte and it is killed
 * (STATUS_TIMEOUT).  index_cancel(), from any thread, stops a load in
 * progress at once: its helper is killed by PID and reaped, and
 * index_load_begin() returns STATUS_CANCELLED (the TUI's quit).
 *
 * index_tag() and index_tag_apply() (core/index/index_tag.h: several
 * tags per message, one atomic section, maildir flags) are the only
 * writes: they open the database read-write just for that call.
 */
#ifndef BOUNCEQ_INDEX_H
#define BOUNCEQ_INDEX_H

#include <stdbool.h>
#include <stddef.h>

#include "core/model/row.h"
#include "core/shared/status.h"

/* The hidden subcommand of the query helper (not for users; see above). */
#define INDEX_HELPER_COMMAND "__index-query"
/*
 * The helper's silence, in milliseconds, that counts as hung.  Generous:
 * it writes as it goes, and even opening a database a writer keeps busy
 * takes seconds, not a minute.
 */
#define INDEX_QUERY_IDLE_MS 60000

/*
 * The default bounce query (see bounceq(1)): report parts, the senders
 * and subjects of failure reports, and the few report writers that use
 * neither (Verizon's and Apache James's post_master, Amazon SES through
 * SNS, KDDI's notices, fml's list administrator).  Measured against the
 * decoder on the corpus and 14 other projects' collections, and on 902
 * messages of public mailing-list archives, which it must not take in.
 */
#define INDEX_DEFAULT_QUERY \
	"from:MAILER-DAEMON or mimetype:message/delivery-status or " \
	"mimetype:message/global-delivery-status or from:postmaster or " \
	"from:post_master or from:sns.amazonaws.com or " \
	"(from:no-reply and from:dion.ne.jp) or " \
	"subject:\"Delivery Failure\" or " \
	"subject:\"Undelivered Mail Returned to Sender\" or " \
	"subject:\"Mail delivery failed\" or " \
	"subject:\"Delivery Status Notification\" or " \
	"subject:\"Undeliverable\" or subject:\"failure notice\" or " \
	"subject:\"Returned mail\" or subject:\"Mail Delivery Status Report\" or " \
	"subject:\"メールエラー通知\" or subject:\"Loop Alert\" or " \
	"subject:\"are not member\""

struct index_opts {
	const char *config;	/* --config FILE, or NULL */
	const char *database;	/* --database DIR, or NULL */
	const char *profile;	/* or NULL: NOTMUCH_PROFILE / default */
	const char *query;	/* notmuch query; NULL: INDEX_DEFAULT_QUERY */
	const char *cache_dir;	/* NULL: no cache */
	const char *cache_tag;	/* names the decoder (a cache by another is rebuilt);
				   NULL: index_default_tag(), what every front end uses */
	int threads;		/* decoding threads; <= 0: one per CPU online (at most 8) */
	int query_idle_ms;	/* <= 0: INDEX_QUERY_IDLE_MS */
};

struct index_stats {
	size_t queried;		/* messages the query matched */
	size_t decoded;		/* decoded in this run */
	size_t cached;		/* taken from the cache */
	bool cache_rebuilt;	/* an existing cache was rejected */
	size_t helper_runs;	/* query helpers started (0: the cache was current) */
	size_t fetched;		/* messages they sent (only those changed, given a cache) */
};

struct index;

/*
 * Opens the database read-only.  On failure *out is NULL and *errmsg (if
 * errmsg is non-NULL) is a new message the caller frees, naming where it
 * looked and how to point bounceq at a database.  STATUS_NOT_FOUND: no
 * config / no database; STATUS_DATABASE: it exists but could not be opened.
 */
enum status index_open(const struct index_opts *o, struct index **out, char **errmsg);

/*
 * Reads the cache and runs the query where it must (above); the first
 * index_load_step() takes an unchanged cache's rows all at once.
 * STATUS_DATABASE, STATUS_SYNTAX,
 * STATUS_TIMEOUT, STATUS_TOO_LARGE, STATUS_COMMAND (no helper could run),
 * STATUS_CANCELLED; index_error() says more.
 */
enum status index_load_begin(struct index *ix);
/*
 * Makes the index_load_begin() in progress (in another thread) return
 * STATUS_CANCELLED at once, its helper killed and reaped, and every later
 * one too.  Safe from any thread, any time before index_close().
 */
void index_cancel(struct index *ix);
/*
 * Decodes up to k more messages (k == 0: all); messages taken from the
 * cache on the way cost a copy of their rows and do not count.
 */
enum status index_load_step(struct index *ix, size_t k);
bool index_load_done(const struct index *ix);
void index_progress(const struct index *ix, size_t *done, size_t *total);
/* Numbers chains, writes the cache (a cache write error is not fatal). */
enum status index_load_finish(struct index *ix);

/*
 * The tag naming this build's decoder (the program file's mtime and size,
 * the cache version, the row columns), so the TUI and the CLI of one build
 * share one cache and another build starts afresh.  Caller frees.
 */
char *index_default_tag(void);

/* The rows (owned by the index). */
struct rowset *index_rows(struct index *ix);
const struct index_stats *index_stats(const struct index *ix);
/* The database path actually opened (owned by the index). */
const char *index_db_path(const struct index *ix);
/* The last error from notmuch, or NULL (owned by the index). */
const char *index_error(const struct index *ix);

void index_close(struct index *ix);

/*
 * The helper's body: argv[0] is INDEX_HELPER_COMMAND, the options follow
 * (as index_load_begin() passes them).  Opens the database, runs the
 * query and writes its records to out_fd as it goes.  STATUS_OK when the
 * whole stream went out (a notmuch error travels inside it);
 * STATUS_INVALID for an argument vector it does not know, STATUS_IO when
 * out_fd could not take it.  Never prints; the caller exits.
 */
enum status index_query_helper_run(int out_fd, int argc, char **argv);

/*
 * Adds (add) or removes tag on the messages msgids[0..n), opening the
 * database read-write for the duration of the call only.  *errmsg as for
 * index_open().  STATUS_NOT_FOUND when a message-id is not in the
 * database (the others are still tagged).
 */
enum status index_tag(const struct index_opts *o, const char *const *msgids, size_t n,
    const char *tag, bool add, char **errmsg);

#endif
