#include "core/index/index.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/decode/bounce.h"
#include "core/decode/decode.h"
#include "core/decode/source.h"
#include "core/index/cache.h"
#include "core/index/index_int.h"
#include "core/model/strpool.h"
#include "core/shared/buf.h"
#include "core/shared/cpus.h"
#include "core/shared/file.h"
#include "core/shared/workers.h"

#define INDEX_RETRIES 6
#define INDEX_MAX_THREADS 8
/* Messages each decoding thread may run ahead of the rows taken. */
#define INDEX_WINDOW 32

static void discard_rows(void *p);

void
index_set_err(struct index *ix, const char *what, const char *arg)
{
	struct buf b = BUF_INIT;

	free(ix->err);
	buf_printf(&b, "%s%s", what, arg ? arg : "");
	ix->err = buf_steal(&b);
}

/* Where notmuch looked, in the user's terms, for "no database" messages. */
static void
describe_lookup(struct buf *b, const struct index_opts *o)
{
	const char *env = getenv("NOTMUCH_CONFIG"), *prof = getenv("NOTMUCH_PROFILE");

	if (o->profile != NULL)
		prof = o->profile;
	buf_adds(b, "looked for the config in ");
	if (o->config != NULL)
		buf_printf(b, "%s (--config)", o->config);
	else if (env != NULL && *env != '\0')
		buf_printf(b, "%s (NOTMUCH_CONFIG)", env);
	else {
		const char *xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");

		if (home == NULL)
			home = "~";
		if (xdg != NULL && xdg[0] == '/')
			buf_printf(b, "%s/notmuch/", xdg);
		else
			buf_printf(b, "%s/.config/notmuch/", home);
		buf_printf(b, "%s/config and %s/.notmuch-config%s%s",
		    prof && *prof ? prof : "default", home, prof && *prof ? "." : "",
		    prof && *prof ? prof : "");
	}
	if (o->database != NULL)
		buf_printf(b, " and for the database in %s (--database)", o->database);
	else
		buf_adds(b, " and for the database at its database.path");
	buf_adds(b, "; point bounceq at one with --config FILE, --database DIR or "
	    "NOTMUCH_CONFIG, or create one with `notmuch setup` and `notmuch new`");
}

enum status
index_open_db(const struct index_opts *o, notmuch_database_mode_t mode,
    notmuch_database_t **db, char **errmsg)
{
	notmuch_status_t ns = NOTMUCH_STATUS_SUCCESS;
	struct buf b = BUF_INIT;
	char *msg = NULL;
	const char *config = o->config;

	for (int attempt = 0; attempt < INDEX_RETRIES; attempt++) {
		free(msg);
		msg = NULL;
		ns = notmuch_database_open_with_config(o->database, mode, config,
		    o->profile, db, &msg);
		/*
		 * An explicit --database needs no config file: open it
		 * with none rather than failing, as notmuch's own tools
		 * allow a bare database.
		 */
		if (ns == NOTMUCH_STATUS_NO_CONFIG && o->database != NULL && config == NULL) {
			config = "";
			attempt--;
			continue;
		}
		if (ns == NOTMUCH_STATUS_SUCCESS) {
			free(msg);
			return STATUS_OK;
		}
		/* A writer holding the lock (notmuch new) is worth waiting for. */
		if (ns != NOTMUCH_STATUS_XAPIAN_EXCEPTION)
			break;
		nanosleep(&(struct timespec){ 0, 200000000L * (attempt + 1) }, NULL);
	}
	*db = NULL;
	if (errmsg != NULL) {
		buf_printf(&b, "cannot open the notmuch database: %s",
		    ns == NOTMUCH_STATUS_NO_CONFIG ? "no notmuch config file found" :
		    ns == NOTMUCH_STATUS_NO_DATABASE || ns == NOTMUCH_STATUS_FILE_ERROR ||
		    ns == NOTMUCH_STATUS_PATH_ERROR ? "no database found" :
		    notmuch_status_to_string(ns));
		if (msg != NULL && *msg != '\0') {
			size_t n = strlen(msg);

			while (n > 0 && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
				n--;
			buf_printf(&b, " (%.*s)", (int)n, msg);
		}
		buf_adds(&b, "; ");
		describe_lookup(&b, o);
		*errmsg = buf_steal(&b);
	}
	free(msg);
	return ns == NOTMUCH_STATUS_NO_CONFIG || ns == NOTMUCH_STATUS_NO_DATABASE ||
	    ns == NOTMUCH_STATUS_FILE_ERROR || ns == NOTMUCH_STATUS_PATH_ERROR ?
	    STATUS_NOT_FOUND : STATUS_DATABASE;
}

/* The cancel pipe: close-on-exec, and a write that never blocks. */
static int
wake_open(int fd[2])
{
	if (pipe(fd) != 0)
		return -1;
	for (int i = 0; i < 2; i++)
		fcntl(fd[i], F_SETFD, FD_CLOEXEC);
	fcntl(fd[1], F_SETFL, fcntl(fd[1], F_GETFL) | O_NONBLOCK);
	return 0;
}

char *
index_default_tag(void)
{
	struct buf b = BUF_INIT;
	struct stat sb;

	/*
	 * The program file itself: a rebuilt binary may classify differently,
	 * so its cache starts afresh rather than serve stale causes.  The
	 * row layout is part of the name too.
	 */
	buf_printf(&b, "bounceq cache %d, %d columns", CACHE_VERSION, ROW_STR_COUNT);
	if (stat("/proc/self/exe", &sb) == 0)
		buf_printf(&b, ", program %lld.%09ld %lld", (long long)sb.st_mtim.tv_sec,
		    (long)sb.st_mtim.tv_nsec, (long long)sb.st_size);
	return buf_steal(&b);
}

enum status
index_open(const struct index_opts *o, struct index **out, char **errmsg)
{
	struct index *ix;
	notmuch_database_t *db;
	const char *uuid = NULL;
	enum status st;

	*out = NULL;
	if (errmsg != NULL)
		*errmsg = NULL;
	if ((st = index_open_db(o, NOTMUCH_DATABASE_MODE_READ_ONLY, &db, errmsg)) != STATUS_OK)
		return st;
	ix = xcalloc(1, sizeof(*ix));
	if (wake_open(ix->wake) != 0) {
		if (errmsg != NULL)
			*errmsg = xstrdup(strerror(errno));
		notmuch_database_destroy(db);
		free(ix);
		return STATUS_IO;
	}
	ix->config = xstrdup_null(o->config);
	ix->database = xstrdup_null(o->database);
	ix->profile = xstrdup_null(o->profile);
	ix->query = xstrdup(o->query && *o->query ? o->query : INDEX_DEFAULT_QUERY);
	ix->cache_dir = xstrdup_null(o->cache_dir);
	ix->cache_tag = o->cache_tag ? xstrdup(o->cache_tag) : index_default_tag();
	ix->threads = o->threads > 0 ? o->threads : cpus_online(INDEX_MAX_THREADS);
	if (ix->threads > INDEX_MAX_THREADS)
		ix->threads = INDEX_MAX_THREADS;
	ix->idle_ms = o->query_idle_ms > 0 ? o->query_idle_ms : INDEX_QUERY_IDLE_MS;
	ix->dbpath = xstrdup(notmuch_database_get_path(db));
	ix->revision = notmuch_database_get_revision(db, &uuid);
	ix->uuid = xstrdup(uuid ? uuid : "");
	/* The helper opens its own: no notmuch object lives on in this process. */
	notmuch_database_destroy(db);
	*out = ix;
	return STATUS_OK;
}

void
index_cancel(struct index *ix)
{
	ssize_t n;

	if (ix == NULL)
		return;
	/* One byte is enough: it is polled, never read, so it stays. */
	n = write(ix->wake[1], "", 1);
	(void)n;
}

/* Waits ms milliseconds; false, at once, when index_cancel() was called. */
static bool
pause_ms(const struct index *ix, int ms)
{
	struct pollfd pf = { ix->wake[0], POLLIN, 0 };

	return poll(&pf, 1, ms) <= 0 || pf.revents == 0;
}

static void
jobs_free(struct index *ix)
{
	workers_stop(ix->w, discard_rows);
	ix->w = NULL;
	free(ix->jobs);
	ix->jobs = NULL;
	ix->njobs = ix->capjobs = ix->next = 0;
	free(ix->todo);
	ix->todo = NULL;
	ix->ntodo = 0;
	strpool_free(ix->jobpool);
	ix->jobpool = NULL;
}

static void
dirs_free(struct index *ix)
{
	struct index_dir *d = (struct index_dir *)(void *)ix->dirs.data;

	for (size_t i = 0; i < ix->dirs.len / sizeof(*d); i++)
		free(d[i].path);
	buf_free(&ix->dirs);
	strmap_free(&ix->dir_at);
}

static bool
has_file(const struct job *j, const char *file)
{
	for (size_t i = 0; i < j->nfiles; i++)
		if (strcmp(j->files[i], file) == 0)
			return true;
	return false;
}

/*
 * The directory of file, noted with its mtime now (the first time) and
 * whether the cache saw it so: a file deleted or renamed behind notmuch's
 * back changes its directory's mtime, so files in an unchanged directory
 * need no access() each.  NULL for a file without a directory.
 */
static struct index_dir *
note_dir(struct index *ix, const char *file, struct index_dir **last)
{
	const char *slash = file ? strrchr(file, '/') : NULL;
	size_t n, i;
	struct index_dir d, *all;
	struct stat sb;

	if (slash == NULL)
		return NULL;
	n = (size_t)(slash - file);
	/* Consecutive files are mostly in one directory. */
	if (*last != NULL && strncmp((*last)->path, file, n) == 0 && (*last)->path[n] == '\0')
		return *last;
	memset(&d, 0, sizeof(d));
	d.path = xstrndup(file, n > 0 ? n : 1);
	if (strmap_get(&ix->dir_at, d.path, &i)) {
		free(d.path);
		return *last = (struct index_dir *)(void *)ix->dirs.data + i;
	}
	d.stale = true;
	if (stat(d.path, &sb) == 0) {
		d.sec = (int64_t)sb.st_mtim.tv_sec;
		d.nsec = (int64_t)sb.st_mtim.tv_nsec;
		for (size_t k = 0; ix->cache != NULL && k < ix->cache->ndirs; k++)
			if (strcmp(ix->cache->dirs[k].path, d.path) == 0) {
				d.stale = ix->cache->dirs[k].sec != d.sec ||
				    ix->cache->dirs[k].nsec != d.nsec;
				break;
			}
	}
	strmap_put(&ix->dir_at, d.path, ix->dirs.len / sizeof(d));
	buf_add(&ix->dirs, &d, sizeof(d));
	all = (struct index_dir *)(void *)ix->dirs.data;
	return *last = &all[ix->dirs.len / sizeof(d) - 1];
}

/* Length of the part of a path before its Maildir "info" (":2,FLAGS"). */
static size_t
unique_len(const char *base)
{
	const char *colon = strchr(base, ':');

	return colon ? (size_t)(colon - base) : strlen(base);
}

/*
 * Whether a and b name the same Maildir message: the same path, or the
 * same unique name in the cur/ or new/ of the same folder, only the flags
 * after ':' differing.  notmuch renames a file so when a tag changes its
 * flags (synchronize_flags); a Maildir file's bytes never change.
 */
static bool
same_mail(const char *a, const char *b)
{
	const char *sa = strrchr(a, '/'), *sb = strrchr(b, '/');
	size_t na, nb;

	if (strcmp(a, b) == 0)
		return true;
	if (sa == NULL || sb == NULL || sa - a < 4 || sb - b < 4 || sa - a != sb - b)
		return false;
	if ((strncmp(sa - 4, "/cur", 4) != 0 && strncmp(sa - 4, "/new", 4) != 0) ||
	    (strncmp(sb - 4, "/cur", 4) != 0 && strncmp(sb - 4, "/new", 4) != 0) ||
	    strncmp(a, b, (size_t)(sa - a) - 3) != 0)
		return false;
	na = unique_len(sa + 1);
	nb = unique_len(sb + 1);
	return na == nb && na > 0 && strncmp(sa + 1, sb + 1, na) == 0;
}

/* The file of j that is the mail e was decoded from, or NULL. */
static const char *
same_file(const struct job *j, const struct cache_entry *e)
{
	for (size_t i = 0; i < j->nfiles; i++)
		if (j->files[i] == e->file || strcmp(j->files[i], e->file) == 0)
			return j->files[i];
	for (size_t i = 0; i < j->nfiles; i++)
		if (same_mail(j->files[i], e->file))
			return j->files[i];
	return NULL;
}

/*
 * Whether j may take its cached rows: read before, the mail it was decoded
 * from still one of its files (perhaps renamed for its flags), and still
 * there (its directory unchanged, or access() says so).  A message whose
 * tags alone changed is reused, not decoded.
 */
static bool
reusable(struct index *ix, const struct job *j, const struct cache_entry *e,
    struct index_dir **last)
{
	struct index_dir *d;
	const char *f;

	if (e == NULL || e->missing || e->file == NULL || (f = same_file(j, e)) == NULL)
		return false;
	d = note_dir(ix, f, last);
	return d == NULL || !d->stale || access(f, F_OK) == 0;
}

/* Notes the directories of every file of j, for the next cache. */
static void
note_files(struct index *ix, const struct job *j, struct index_dir **last)
{
	for (size_t i = 0; i < j->nfiles; i++)
		note_dir(ix, j->files[i], last);
}

/* A job for cache entry e, asking notmuch nothing: its rows reused if they can be. */
static void
job_from_entry(struct index *ix, const struct cache_entry *e, struct index_dir **last)
{
	struct job *j = index_job_add(ix);

	j->msgid = e->msgid;
	j->files = &e->file;
	j->nfiles = e->file != NULL;
	j->date = e->date;
	if (reusable(ix, j, e, last))
		j->cached = e;
}

/* The jobs of the cache's entries, untouched, for a database that did not change. */
static void
plan_from_cache(struct index *ix)
{
	struct index_dir *last = NULL;
	struct cache *c = ix->cache;

	for (size_t i = 0; i < c->n; i++)
		job_from_entry(ix, &c->e[i], &last);
}

/*
 * The cache's entries with the messages changed since merged in: a changed
 * message the cache has keeps its place (its files are notmuch's now), a
 * new one goes where its date puts it (newest first, as notmuch sorts).
 */
static void
plan_since(struct index *ix)
{
	struct cache *c = ix->cache;
	struct job *changed = ix->jobs;
	size_t nchanged = ix->njobs, k = 0;
	struct strmap at = STRMAP_INIT;
	struct index_dir *last = NULL;
	size_t idx;

	ix->jobs = NULL;
	ix->njobs = ix->capjobs = 0;
	for (size_t i = 0; i < nchanged; i++)
		strmap_put(&at, changed[i].msgid, i);
	for (size_t i = 0; i <= c->n; i++) {
		const struct cache_entry *e = i < c->n ? &c->e[i] : NULL;

		/* The new ones newer than this entry come first. */
		for (; k < nchanged; k++) {
			if (cache_find(c, changed[k].msgid) != NULL)
				continue;
			if (e != NULL && changed[k].date <= e->date)
				break;
			*index_job_add(ix) = changed[k];
		}
		if (e == NULL)
			break;
		if (strmap_get(&at, e->msgid, &idx))
			*index_job_add(ix) = changed[idx];
		else
			job_from_entry(ix, e, &last);
	}
	/* Those left: older than every entry. */
	for (; k < nchanged; k++)
		if (cache_find(c, changed[k].msgid) == NULL)
			*index_job_add(ix) = changed[k];
	strmap_free(&at);
	free(changed);
}

/* Decides, per job, whether its cached rows still hold; lists the rest. */
static void
plan(struct index *ix)
{
	struct index_dir *last = NULL;

	for (size_t i = 0; i < ix->njobs; i++) {
		struct job *j = &ix->jobs[i];

		if (ix->cache != NULL && j->cached == NULL && j->fresh_files)
			j->cached = cache_find(ix->cache, j->msgid);
		if (j->cached != NULL && j->fresh_files && !reusable(ix, j, j->cached, &last))
			j->cached = NULL;
		note_files(ix, j, &last);
	}
	ix->todo = xmalloc((ix->njobs + 1) * sizeof(*ix->todo));
	for (size_t i = 0; i < ix->njobs; i++)
		if (ix->jobs[i].cached == NULL)
			ix->todo[ix->ntodo++] = i;
}

/*
 * Whether every directory the cache's files are in is as it was.  Removing
 * a message does not move notmuch's revision (a deleted file that `notmuch
 * new` drops leaves it as it was), but it changes the file's directory:
 * then the query's count must be asked for.
 */
static bool
dirs_unchanged(const struct cache *c)
{
	struct stat sb;

	for (size_t i = 0; i < c->ndirs; i++)
		if (stat(c->dirs[i].path, &sb) != 0 ||
		    (int64_t)sb.st_mtim.tv_sec != c->dirs[i].sec ||
		    (int64_t)sb.st_mtim.tv_nsec != c->dirs[i].nsec)
			return false;
	return true;
}

/* Whether the cache may serve this database, query and build at all. */
static bool
cache_fits(struct index *ix)
{
	struct cache *c = ix->cache;

	/*
	 * Another database at the same path, revisions gone backwards, or
	 * written by another build whose decoder may say other things.
	 */
	return strcmp(c->uuid, ix->uuid) == 0 && c->revision <= ix->revision &&
	    strcmp(c->tag, ix->cache_tag) == 0;
}

/*
 * Every row straight from the cache, in the cache's order: its row arrays
 * become the rowset's as they are (no copy, one array at the peak, not
 * two).
 */
static void
take_cached_rows(struct index *ix)
{
	struct rowset *c = &ix->cache->rows;

	ix->rs.rows = c->rows;
	ix->rs.n = c->n;
	ix->rs.cap = c->cap;
	ix->rs.other = c->other;
	ix->rs.nother = c->nother;
	ix->rs.capother = c->capother;
	c->rows = c->other = NULL;
	c->n = c->cap = c->nother = c->capother = 0;
	for (size_t i = 0; i < ix->njobs; i++) {
		struct job *j = &ix->jobs[i];

		j->row0 = j->cached->row0;
		j->nrows = j->cached->nrows;
		j->other0 = j->cached->other0;
		j->nother = j->cached->nother;
	}
	ix->stats.cached = ix->njobs;
	ix->next = ix->njobs;
}

/* Runs the helper, retrying while a concurrent writer makes it die. */
static enum status
collect(struct index *ix, bool since)
{
	enum status st = STATUS_DATABASE;

	for (int attempt = 0; attempt < INDEX_RETRIES; attempt++) {
		jobs_free(ix);
		ix->jobpool = strpool_new();
		/* A concurrent `notmuch new` moved the database on: give it time. */
		if (!pause_ms(ix, 200 * attempt)) {
			index_set_err(ix, "the query was cancelled", NULL);
			return STATUS_CANCELLED;
		}
		st = index_query_collect(ix, since);
		if (st != STATUS_DATABASE)
			break;
	}
	return st;
}

enum status
index_load_begin(struct index *ix)
{
	enum status st = STATUS_OK;
	bool same_query;

	jobs_free(ix);
	dirs_free(ix);
	rowset_free(&ix->rs);
	rowchain_free(&ix->chain);
	memset(&ix->stats, 0, sizeof(ix->stats));
	ix->pure = ix->dirty = ix->begun = false;
	cache_free(ix->cache);
	ix->cache = NULL;
	if (ix->cache_dir != NULL) {
		if (ix->cache_path == NULL)
			cache_path(ix->cache_dir, ix->dbpath, &ix->cache_path);
		if (cache_load(ix->cache_path, &ix->cache) == STATUS_CORRUPT)
			ix->stats.cache_rebuilt = true;
	}
	if (ix->cache != NULL && !cache_fits(ix)) {
		ix->stats.cache_rebuilt = true;
		cache_free(ix->cache);
		ix->cache = NULL;
	}
	same_query = ix->cache != NULL && strcmp(ix->cache->query, ix->query) == 0;
	if (same_query && ix->cache->revision == ix->revision && dirs_unchanged(ix->cache)) {
		/* Nothing changed since the cache: no helper, no walk. */
		ix->jobpool = strpool_new();
		plan_from_cache(ix);
		ix->pure = true;
	} else {
		st = collect(ix, same_query);
		/*
		 * Only the changed messages came: they, the cache, and the
		 * query's count must add up, or some message left the query
		 * (deleted, or its tags took it out): ask for all of them.
		 */
		if (st == STATUS_OK && ix->since_count != SIZE_MAX) {
			size_t added = 0;

			for (size_t i = 0; i < ix->njobs; i++)
				if (cache_find(ix->cache, ix->jobs[i].msgid) == NULL)
					added++;
			if (ix->since_count == ix->cache->queried + added)
				plan_since(ix);
			else
				st = collect(ix, false);
		}
	}
	if (st != STATUS_OK) {
		jobs_free(ix);
		return st;
	}
	/* The rows reused point into the cache's bytes: the rowset owns them now. */
	if (ix->cache != NULL)
		strpool_merge(rowset_pool(&ix->rs), rowset_pool(&ix->cache->rows));
	plan(ix);
	for (size_t i = 0; i < ix->dirs.len / sizeof(struct index_dir); i++)
		if (((struct index_dir *)(void *)ix->dirs.data)[i].stale)
			ix->dirty = true;
	if (ix->ntodo > 0)
		ix->pure = false;
	ix->stats.queried = ix->njobs;
	ix->begun = true;
	return STATUS_OK;
}

/* A worker's job: one message read and decoded into a rowset of its own. */
static void *
decode_job(void *ctx, size_t i)
{
	struct index *ix = ctx;
	struct job *j = &ix->jobs[ix->todo[i]];
	struct rowset *out = xcalloc(1, sizeof(*out));
	char *data = NULL;
	size_t len = 0;
	enum status st = STATUS_NOENT;
	struct bounce *b = NULL;
	const char *file = j->nfiles ? j->files[0] : NULL;

	/* Any copy of the message will do; the first readable one wins. */
	for (size_t f = 0; f < j->nfiles; f++) {
		st = file_read(j->files[f], BOUNCE_MAX_SIZE, &data, &len);
		if (st == STATUS_OK) {
			file = j->files[f];
			break;
		}
	}
	j->missing = st != STATUS_OK;
	if (st == STATUS_OK)
		st = bounce_decode(data, len, &b);
	/* The mail and the bounce go at once: only rows are kept. */
	free(data);
	if (st == STATUS_OK)
		row_from_bounce(out, b, j->msgid, file, j->date);
	else
		row_from_error(out, j->msgid, file, j->date, st == STATUS_NOENT ?
		    "file missing (indexed, but not on disk; run notmuch new)" :
		    status_str(st));
	bounce_free(b);
	return out;
}

static void
discard_rows(void *p)
{
	rowset_free(p);
	free(p);
}

/* Appends j's rows (cached, or decoded in src) to ix->rs. */
static void
merge(struct index *ix, struct job *j, struct rowset *src)
{
	const struct cache_entry *e = j->cached;

	j->row0 = ix->rs.n;
	j->other0 = ix->rs.nother;
	if (e != NULL) {
		const struct rowset *c = &ix->cache->rows;

		/* The strings are in the rowset's pool already: copy the rows only. */
		for (size_t i = 0; i < e->nrows; i++)
			*rowset_add(&ix->rs) = c->rows[e->row0 + i];
		for (size_t i = 0; i < e->nother; i++)
			*rowset_add_other(&ix->rs) = c->other[e->other0 + i];
		j->nrows = e->nrows;
		j->nother = e->nother;
	} else {
		for (size_t i = 0; i < src->n; i++)
			rowset_copy_row(&ix->rs, &src->rows[i], false);
		for (size_t i = 0; i < src->nother; i++)
			rowset_copy_row(&ix->rs, &src->other[i], true);
		j->nrows = src->n;
		j->nother = src->nother;
	}
	/* Keep the file the row reports current (maildir flags rename it). */
	if (e != NULL && j->fresh_files && j->nfiles > 0)
		for (size_t i = 0; i < j->nrows + j->nother; i++) {
			struct row *r = i < j->nrows ? &ix->rs.rows[j->row0 + i] :
			    &ix->rs.other[j->other0 + i - j->nrows];

			if (r->s[ROW_FILE] != NULL && !has_file(j, r->s[ROW_FILE])) {
				const char *f = same_file(j, e);

				rowset_set(&ix->rs, r, ROW_FILE, f ? f : j->files[0]);
				ix->dirty = true;
			}
		}
	index_job_tags(ix, j);
}

enum status
index_load_step(struct index *ix, size_t k)
{
	size_t n = 0;
	void *res;

	if (!ix->begun)
		return STATUS_INVALID;
	/*
	 * (In the first step, not in index_load_begin(): a front end's
	 * loading display runs through one step as with any load.)
	 */
	if (ix->pure && ix->next == 0)
		take_cached_rows(ix);
	/* Cached messages cost a copy of their rows: only decoding counts in k. */
	while (ix->next < ix->njobs) {
		struct job *j = &ix->jobs[ix->next];

		if (j->cached != NULL) {
			merge(ix, j, NULL);
			ix->stats.cached++;
			ix->next++;
			continue;
		}
		if (k != 0 && n == k)
			break;
		/*
		 * The workers decode ahead of this loop by a bounded window
		 * and hand results back in order: memory holds the rows, not
		 * every decoded message.
		 */
		if (ix->w == NULL)
			ix->w = workers_start(ix->ntodo, ix->threads,
			    INDEX_WINDOW * (size_t)ix->threads, decode_job, ix);
		if (!workers_next(ix->w, &res))
			return STATUS_INVALID;
		merge(ix, j, res);
		discard_rows(res);
		ix->stats.decoded++;
		ix->next++;
		n++;
	}
	/*
	 * Rows shown while loading count each chain once, as the end result;
	 * rows straight from an unchanged cache come chained already.
	 */
	if (!ix->pure)
		rowchain_update(&ix->chain, &ix->rs);
	return STATUS_OK;
}

bool
index_load_done(const struct index *ix)
{
	return !ix->begun || ix->next >= ix->njobs;
}

void
index_progress(const struct index *ix, size_t *done, size_t *total)
{
	*done = ix->next;
	*total = ix->njobs;
}

/* Writes the cache of this load. */
static enum status
write_cache(struct index *ix)
{
	struct cache_writer w;
	const struct index_dir *d = (const struct index_dir *)(const void *)ix->dirs.data;
	enum status st;

	cache_writer_begin(&w, ix->uuid, ix->cache_tag, ix->revision);
	cache_writer_meta(&w, ix->query, ix->njobs, ix->rs.nchains);
	for (size_t i = 0; i < ix->dirs.len / sizeof(*d); i++)
		cache_writer_dir(&w, d[i].path, d[i].sec, d[i].nsec);
	for (size_t i = 0; i < ix->njobs; i++) {
		const struct job *j = &ix->jobs[i];
		const char *file = j->nrows ? ix->rs.rows[j->row0].s[ROW_FILE] :
		    j->nother ? ix->rs.other[j->other0].s[ROW_FILE] : NULL;

		/* A file that could not be read may be back next time: marked, retried. */
		cache_writer_add(&w, j->msgid, file, j->date, j->missing,
		    &ix->rs.rows[j->row0], j->nrows, &ix->rs.other[j->other0], j->nother);
	}
	st = cache_writer_commit(&w, ix->cache_path);
	cache_writer_free(&w);
	return st;
}

enum status
index_load_finish(struct index *ix)
{
	enum status st = STATUS_OK;
	bool retried_only = true;

	if (!ix->begun)
		return STATUS_INVALID;
	if (!index_load_done(ix))
		index_load_step(ix, 0);
	workers_stop(ix->w, discard_rows);
	ix->w = NULL;
	/* Rows straight from the cache keep the chains they were written with. */
	if (ix->pure)
		ix->rs.nchains = ix->cache->rows.nchains;
	else
		rowchain_finish(&ix->chain, &ix->rs);
	/* Files still missing are no reason to write the same cache again. */
	for (size_t i = 0; i < ix->ntodo && retried_only; i++) {
		const struct job *j = &ix->jobs[ix->todo[i]];
		const struct cache_entry *e = ix->cache ?
		    cache_find(ix->cache, j->msgid) : NULL;

		retried_only = j->missing && e != NULL && e->missing;
	}
	if (ix->cache_dir != NULL && (!retried_only || ix->cache == NULL || ix->dirty ||
	    ix->stats.cache_rebuilt || ix->cache->revision != ix->revision ||
	    ix->cache->queried != ix->njobs || strcmp(ix->cache->query, ix->query) != 0) &&
	    (st = write_cache(ix)) != STATUS_OK)
		index_set_err(ix, "cannot write the cache ", ix->cache_path);
	cache_free(ix->cache);
	ix->cache = NULL;
	return st;
}

struct rowset *
index_rows(struct index *ix)
{
	return &ix->rs;
}

const struct index_stats *
index_stats(const struct index *ix)
{
	return &ix->stats;
}

const char *
index_db_path(const struct index *ix)
{
	return ix->dbpath;
}

const char *
index_error(const struct index *ix)
{
	return ix->err;
}

void
index_close(struct index *ix)
{
	if (ix == NULL)
		return;
	jobs_free(ix);
	dirs_free(ix);
	cache_free(ix->cache);
	rowset_free(&ix->rs);
	rowchain_free(&ix->chain);
	close(ix->wake[0]);
	close(ix->wake[1]);
	free(ix->config);
	free(ix->database);
	free(ix->profile);
	free(ix->query);
	free(ix->cache_dir);
	free(ix->cache_tag);
	free(ix->cache_path);
	free(ix->dbpath);
	free(ix->uuid);
	free(ix->err);
	free(ix);
}

enum status
index_tag(const struct index_opts *o, const char *const *msgids, size_t n,
    const char *tag, bool add, char **errmsg)
{
	notmuch_database_t *db;
	enum status st;

	if ((st = index_open_db(o, NOTMUCH_DATABASE_MODE_READ_WRITE, &db, errmsg)) != STATUS_OK)
		return st;
	for (size_t i = 0; i < n; i++) {
		notmuch_message_t *m = NULL;
		notmuch_status_t ns;

		ns = notmuch_database_find_message(db, msgids[i], &m);
		if (ns != NOTMUCH_STATUS_SUCCESS || m == NULL) {
			st = ns == NOTMUCH_STATUS_SUCCESS ? STATUS_NOT_FOUND : STATUS_DATABASE;
			continue;
		}
		ns = add ? notmuch_message_add_tag(m, tag) : notmuch_message_remove_tag(m, tag);
		if (ns != NOTMUCH_STATUS_SUCCESS)
			st = ns == NOTMUCH_STATUS_TAG_TOO_LONG || ns == NOTMUCH_STATUS_NULL_POINTER ?
			    STATUS_INVALID : STATUS_DATABASE;
		notmuch_message_destroy(m);
	}
	if (notmuch_database_close(db) != NOTMUCH_STATUS_SUCCESS && st == STATUS_OK)
		st = STATUS_DATABASE;
	notmuch_database_destroy(db);
	return st;
}
