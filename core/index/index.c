#include "core/index/index.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/decode/bounce.h"
#include "core/decode/decode.h"
#include "core/decode/source.h"
#include "core/index/cache.h"
#include "core/index/index_int.h"
#include "core/shared/buf.h"
#include "core/shared/cpus.h"
#include "core/shared/file.h"

#define INDEX_RETRIES 6
#define INDEX_MAX_THREADS 8

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
	ix->cache_tag = xstrdup(o->cache_tag ? o->cache_tag : "");
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
	for (size_t i = 0; i < ix->njobs; i++) {
		free(ix->jobs[i].msgid);
		free(ix->jobs[i].tags);
		for (size_t f = 0; f < ix->jobs[i].nfiles; f++)
			free(ix->jobs[i].files[f]);
		free(ix->jobs[i].files);
		rowset_free(&ix->jobs[i].out);
	}
	free(ix->jobs);
	ix->jobs = NULL;
	ix->njobs = ix->next = 0;
}

static bool
has_file(const struct job *j, const char *file)
{
	for (size_t i = 0; i < j->nfiles; i++)
		if (strcmp(j->files[i], file) == 0)
			return true;
	return false;
}

/* Decides, per job, whether its cached rows still hold. */
static void
plan(struct index *ix, const struct strmap *changed)
{
	if (ix->cache == NULL)
		return;
	/*
	 * Another database at the same path, revisions gone backwards, or
	 * written by another build whose decoder may say other things.
	 */
	if (strcmp(ix->cache->uuid, ix->uuid) != 0 || ix->cache->revision > ix->revision ||
	    strcmp(ix->cache->tag, ix->cache_tag) != 0) {
		ix->stats.cache_rebuilt = true;
		cache_free(ix->cache);
		ix->cache = NULL;
		return;
	}
	for (size_t i = 0; i < ix->njobs; i++) {
		struct job *j = &ix->jobs[i];
		const struct cache_entry *e = cache_find(ix->cache, j->msgid);
		size_t dummy;

		/*
		 * A file deleted behind notmuch's back must show as missing,
		 * not as its remembered rows: one access() is cheap.
		 */
		if (e != NULL && !strmap_get(changed, j->msgid, &dummy) &&
		    e->file != NULL && has_file(j, e->file) && access(e->file, F_OK) == 0)
			j->cached = e;
	}
}

enum status
index_load_begin(struct index *ix)
{
	struct strmap changed = STRMAP_INIT;
	enum status st = STATUS_DATABASE;

	rowset_free(&ix->rs);
	memset(&ix->stats, 0, sizeof(ix->stats));
	cache_free(ix->cache);
	ix->cache = NULL;
	if (ix->cache_dir != NULL) {
		if (ix->cache_path == NULL)
			cache_path(ix->cache_dir, ix->dbpath, &ix->cache_path);
		if (cache_load(ix->cache_path, &ix->cache) == STATUS_CORRUPT)
			ix->stats.cache_rebuilt = true;
	}
	for (int attempt = 0; attempt < INDEX_RETRIES; attempt++) {
		jobs_free(ix);
		strmap_free(&changed);
		/* A concurrent `notmuch new` moved the database on: give it time. */
		if (!pause_ms(ix, 200 * attempt)) {
			index_set_err(ix, "the query was cancelled", NULL);
			st = STATUS_CANCELLED;
			break;
		}
		st = index_query_collect(ix, &changed);
		if (st != STATUS_DATABASE)
			break;
	}
	if (st == STATUS_OK)
		plan(ix, &changed);
	strmap_free(&changed);
	if (st != STATUS_OK) {
		jobs_free(ix);
		return st;
	}
	ix->stats.queried = ix->njobs;
	ix->begun = true;
	return STATUS_OK;
}

static void
decode_job(struct job *j)
{
	char *data = NULL;
	size_t len = 0;
	enum status st = STATUS_NOENT;
	struct bounce *b = NULL;
	const char *file = j->nfiles ? j->files[0] : NULL;
	struct buf msg = BUF_INIT;

	/* Any copy of the message will do; the first readable one wins. */
	for (size_t i = 0; i < j->nfiles; i++) {
		st = file_read(j->files[i], BOUNCE_MAX_SIZE, &data, &len);
		if (st == STATUS_OK) {
			file = j->files[i];
			break;
		}
	}
	j->missing = st != STATUS_OK;
	if (st == STATUS_OK)
		st = bounce_decode(data, len, &b);
	if (st == STATUS_OK) {
		row_from_bounce(&j->out, b, j->msgid, file, j->date);
	} else {
		buf_printf(&msg, "%s", st == STATUS_NOENT ?
		    "file missing (indexed, but not on disk; run notmuch new)" :
		    status_str(st));
		row_from_error(&j->out, j->msgid, file, j->date, msg.data);
	}
	bounce_free(b);
	free(data);
	buf_free(&msg);
}

struct worker {
	struct job **todo;
	size_t n;
	atomic_size_t next;
};

static void *
work(void *arg)
{
	struct worker *w = arg;
	size_t i;

	while ((i = atomic_fetch_add(&w->next, 1)) < w->n)
		decode_job(w->todo[i]);
	return NULL;
}

static void
merge(struct index *ix, struct job *j)
{
	const struct rowset *src = j->cached ? &j->cached->rows : &j->out;

	j->row0 = ix->rs.n;
	j->other0 = ix->rs.nother;
	for (size_t i = 0; i < src->n; i++)
		row_copy(rowset_add(&ix->rs), &src->rows[i]);
	for (size_t i = 0; i < src->nother; i++)
		row_copy(rowset_add_other(&ix->rs), &src->other[i]);
	j->nrows = src->n;
	j->nother = src->nother;
	/* Keep the file the row reports current (maildir flags rename it). */
	if (j->cached && j->nfiles > 0)
		for (size_t i = 0; i < j->nrows + j->nother; i++) {
			struct row *r = i < j->nrows ? &ix->rs.rows[j->row0 + i] :
			    &ix->rs.other[j->other0 + i - j->nrows];

			if (r->s[ROW_FILE] != NULL && !has_file(j, r->s[ROW_FILE]))
				row_set(r, ROW_FILE, j->files[0]);
		}
	index_job_tags(ix, j);
	rowset_free(&j->out);
}

enum status
index_load_step(struct index *ix, size_t k)
{
	struct worker w;
	pthread_t tid[INDEX_MAX_THREADS];
	int nt = 0;
	size_t end;

	if (!ix->begun)
		return STATUS_INVALID;
	end = k == 0 || k > ix->njobs - ix->next ? ix->njobs : ix->next + k;
	w.todo = xmalloc((end - ix->next + 1) * sizeof(*w.todo));
	w.n = 0;
	atomic_init(&w.next, 0);
	for (size_t i = ix->next; i < end; i++)
		if (ix->jobs[i].cached == NULL)
			w.todo[w.n++] = &ix->jobs[i];
	/* Small batches are not worth a thread. */
	for (int t = 1; t < ix->threads && w.n >= 8; t++)
		if (pthread_create(&tid[nt], NULL, work, &w) == 0)
			nt++;
	work(&w);
	for (int t = 0; t < nt; t++)
		pthread_join(tid[t], NULL);
	ix->stats.decoded += w.n;
	ix->stats.cached += (end - ix->next) - w.n;
	for (size_t i = ix->next; i < end; i++)
		merge(ix, &ix->jobs[i]);
	ix->next = end;
	free(w.todo);
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

enum status
index_load_finish(struct index *ix)
{
	struct cache_writer w;
	enum status st = STATUS_OK;

	if (!ix->begun)
		return STATUS_INVALID;
	if (!index_load_done(ix))
		index_load_step(ix, 0);
	rowset_chain(&ix->rs);
	if (ix->cache_dir != NULL && (ix->stats.decoded > 0 || ix->cache == NULL ||
	    ix->stats.cache_rebuilt ||
	    ix->cache->revision != ix->revision || ix->cache->n != ix->njobs)) {
		cache_writer_begin(&w, ix->uuid, ix->cache_tag, ix->revision);
		for (size_t i = 0; i < ix->njobs; i++) {
			const struct job *j = &ix->jobs[i];
			const char *file = j->nrows ? ix->rs.rows[j->row0].s[ROW_FILE] :
			    j->nother ? ix->rs.other[j->other0].s[ROW_FILE] : NULL;

			/*
			 * A file that could not be read may be back next time;
			 * a message that could not be decoded stays so.
			 */
			if (j->missing)
				continue;
			cache_writer_add(&w, j->msgid, file, &ix->rs.rows[j->row0], j->nrows,
			    &ix->rs.other[j->other0], j->nother);
		}
		if (cache_writer_commit(&w, ix->cache_path) != STATUS_OK) {
			index_set_err(ix, "cannot write the cache ", ix->cache_path);
			st = STATUS_IO;
		}
		cache_writer_free(&w);
	}
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
	cache_free(ix->cache);
	rowset_free(&ix->rs);
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
