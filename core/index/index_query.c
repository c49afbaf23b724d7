/*
 * The notmuch query, in a helper process (see index.h for why).  The
 * helper writes a stream of records to its stdout as it goes:
 *	'H' revision uuid | 'N' count | 'J' msgid date tags nfiles file... |
 *	'E' status message | 'Z' (the end: without it, the helper died)
 * Given the cache's database and revision (--since-uuid, --since-revision)
 * and the same database, it sends 'N', the number of messages the query
 * matches, and 'J' only for those changed since (lastmod:REV+1..): the
 * caller has the rest.  Otherwise 'J' for every message, no 'N'.
 * Numbers are 8-byte host-order integers, strings a length and the bytes:
 * both ends are the same binary.  tags is the message's notmuch tags,
 * sorted, one space between (core/model/tags.h), "" for none.
 */
#include "core/index/index_int.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/model/strpool.h"
#include "core/model/tags.h"
#include "core/shared/buf.h"
#include "core/shared/spawn.h"

/* Run as itself: the helper is this very program, whatever its name or path now. */
#define HELPER_PATH "/proc/self/exe"
/* The records of every message bounceq could be asked to show fit many times. */
#define HELPER_OUTPUT_MAX ((size_t)1024 * 1024 * 1024)
#define HELPER_ERR_MAX 4096
/* The helper hands its records on in pieces of about this size. */
#define HELPER_CHUNK 65536

/* The helper's side: records go out through fd once out holds a chunk. */
struct helper {
	int fd;
	struct buf out;
	bool broken;		/* a write failed: nobody reads any more */
};

static void
put_u64(struct buf *b, uint64_t v)
{
	buf_add(b, &v, sizeof(v));
}

static void
put_str(struct buf *b, const char *s)
{
	put_u64(b, strlen(s));
	buf_add(b, s, strlen(s));
}

static void
flush(struct helper *h, size_t min)
{
	size_t off = 0;

	if (h->out.len < min || h->broken)
		return;
	while (off < h->out.len) {
		ssize_t n = write(h->fd, h->out.data + off, h->out.len - off);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			h->broken = true;
			break;
		}
		off += (size_t)n;
	}
	buf_reset(&h->out);
}

char *
index_message_tags(notmuch_message_t *m)
{
	notmuch_tags_t *t;
	const char **v = NULL;
	size_t n = 0;
	char *s;

	for (t = notmuch_message_get_tags(m); t && notmuch_tags_valid(t);
	    notmuch_tags_move_to_next(t)) {
		v = xrealloc(v, (n + 1) * sizeof(*v));
		v[n++] = notmuch_tags_get(t);
	}
	s = tags_join(v, n);
	if (t != NULL)
		notmuch_tags_destroy(t);
	free(v);
	return s;
}

static void
emit_job(struct helper *h, notmuch_message_t *m)
{
	struct buf files = BUF_INIT;
	notmuch_filenames_t *fn;
	const char *id = notmuch_message_get_message_id(m);
	uint64_t n = 0;
	char *tags;

	if (id == NULL)
		return;
	for (fn = notmuch_message_get_filenames(m); fn && notmuch_filenames_valid(fn);
	    notmuch_filenames_move_to_next(fn), n++)
		put_str(&files, notmuch_filenames_get(fn));
	if (fn != NULL)
		notmuch_filenames_destroy(fn);
	buf_addc(&h->out, 'J');
	put_str(&h->out, id);
	put_u64(&h->out, (uint64_t)(int64_t)notmuch_message_get_date(m));
	tags = index_message_tags(m);
	put_str(&h->out, tags ? tags : "");
	free(tags);
	put_u64(&h->out, n);
	buf_add(&h->out, files.data ? files.data : "", files.len);
	buf_free(&files);
}

/* Runs q and emits every message; notmuch errors -> STATUS_DATABASE, *err. */
static enum status
run_query(notmuch_database_t *db, const char *q,
    void (*emit)(struct helper *, notmuch_message_t *), struct helper *h, char **err)
{
	notmuch_query_t *query;
	notmuch_messages_t *msgs = NULL;
	notmuch_status_t ns;

	if ((query = notmuch_query_create(db, q)) == NULL)
		return STATUS_NOMEM;
	notmuch_query_set_sort(query, NOTMUCH_SORT_NEWEST_FIRST);
	ns = notmuch_query_search_messages(query, &msgs);
	if (ns != NOTMUCH_STATUS_SUCCESS) {
		*err = xstrdup(notmuch_status_to_string(ns));
		notmuch_query_destroy(query);
		return ns == NOTMUCH_STATUS_BAD_QUERY_SYNTAX ? STATUS_SYNTAX : STATUS_DATABASE;
	}
	for (; !h->broken && notmuch_messages_valid(msgs); notmuch_messages_move_to_next(msgs)) {
		notmuch_message_t *m = notmuch_messages_get(msgs);

		emit(h, m);
		notmuch_message_destroy(m);
		flush(h, HELPER_CHUNK);
	}
	notmuch_query_destroy(query);
	return STATUS_OK;
}

/* 'N': how many messages q matches (cheap: no walk). */
static enum status
count_query(notmuch_database_t *db, const char *q, struct helper *h, char **err)
{
	notmuch_query_t *query;
	notmuch_status_t ns;
	unsigned count = 0;

	if ((query = notmuch_query_create(db, q)) == NULL)
		return STATUS_NOMEM;
	ns = notmuch_query_count_messages(query, &count);
	notmuch_query_destroy(query);
	if (ns != NOTMUCH_STATUS_SUCCESS) {
		*err = xstrdup(notmuch_status_to_string(ns));
		return ns == NOTMUCH_STATUS_BAD_QUERY_SYNTAX ? STATUS_SYNTAX : STATUS_DATABASE;
	}
	buf_addc(&h->out, 'N');
	put_u64(&h->out, count);
	return STATUS_OK;
}

struct helper_args {
	struct index_opts o;
	const char *since_uuid;		/* the cache's database, or NULL */
	unsigned long since_rev;	/* and its revision */
};

/* The options index_query_collect() passes, in pairs; false for anything else. */
static bool
parse_args(int argc, char **argv, struct helper_args *a)
{
	if (argc < 1 || strcmp(argv[0], INDEX_HELPER_COMMAND) != 0 || argc % 2 != 1)
		return false;
	for (int i = 1; i < argc; i += 2) {
		const char *name = argv[i], *v = argv[i + 1];
		char *end;

		if (strcmp(name, "--config") == 0)
			a->o.config = v;
		else if (strcmp(name, "--database") == 0)
			a->o.database = v;
		else if (strcmp(name, "--profile") == 0)
			a->o.profile = v;
		else if (strcmp(name, "--query") == 0)
			a->o.query = v;
		else if (strcmp(name, "--since-uuid") == 0)
			a->since_uuid = v;
		else if (strcmp(name, "--since-revision") == 0) {
			errno = 0;
			a->since_rev = strtoul(v, &end, 10);
			if (errno != 0 || end == v || *end != '\0')
				return false;
		} else
			return false;
	}
	return a->o.query != NULL;
}

/* The records of one run: header, messages, changes since the cache. */
static enum status
helper_query(struct helper *h, const struct helper_args *a, char **err)
{
	notmuch_database_t *db;
	const char *uuid = NULL;
	unsigned long rev;
	struct buf q = BUF_INIT;
	enum status st;

	/* A fresh open sees the latest committed state, as `notmuch search` would. */
	if ((st = index_open_db(&a->o, NOTMUCH_DATABASE_MODE_READ_ONLY, &db, err)) != STATUS_OK)
		return st;
	rev = notmuch_database_get_revision(db, &uuid);
	buf_addc(&h->out, 'H');
	put_u64(&h->out, rev);
	put_str(&h->out, uuid ? uuid : "");
	flush(h, 0);
	if (a->since_uuid != NULL && uuid != NULL && strcmp(a->since_uuid, uuid) == 0 &&
	    a->since_rev <= rev) {
		st = count_query(db, a->o.query, h, err);
		if (st == STATUS_OK && a->since_rev < rev) {
			/* notmuch reads "*" as every message only when it is the whole query. */
			if (strspn(a->o.query, " *") == strlen(a->o.query))
				buf_printf(&q, "lastmod:%lu..%lu", a->since_rev + 1, rev);
			else
				buf_printf(&q, "(%s) and lastmod:%lu..%lu", a->o.query,
				    a->since_rev + 1, rev);
			st = run_query(db, q.data, emit_job, h, err);
			buf_free(&q);
		}
	} else
		st = run_query(db, a->o.query, emit_job, h, err);
	notmuch_database_destroy(db);
	return st;
}

enum status
index_query_helper_run(int out_fd, int argc, char **argv)
{
	struct helper_args a;
	struct helper h = { out_fd, BUF_INIT, false };
	char *err = NULL;
	enum status st;

	memset(&a, 0, sizeof(a));
	if (!parse_args(argc, argv, &a))
		return STATUS_INVALID;
	if ((st = helper_query(&h, &a, &err)) != STATUS_OK) {
		buf_addc(&h.out, 'E');
		put_u64(&h.out, (uint64_t)st);
		put_str(&h.out, err ? err : status_str(st));
	}
	buf_addc(&h.out, 'Z');
	flush(&h, 0);
	buf_free(&h.out);
	free(err);
	return h.broken ? STATUS_IO : STATUS_OK;
}

/* The reader's side. */
struct reader {
	const char *p;
	size_t len, off;
	bool bad;
};

static uint64_t
get_u64(struct reader *r)
{
	uint64_t v = 0;

	if (r->bad || r->len - r->off < sizeof(v)) {
		r->bad = true;
		return 0;
	}
	memcpy(&v, r->p + r->off, sizeof(v));
	r->off += sizeof(v);
	return v;
}

/* A copy of the next string in pool (NULL: malloc'd, the caller frees). */
static char *
get_str_in(struct reader *r, struct strpool *pool)
{
	uint64_t n = get_u64(r);
	char *s;

	if (r->bad || n > r->len - r->off) {
		r->bad = true;
		n = 0;
	}
	s = pool ? strpool_alloc(pool, (size_t)n + 1) : xmalloc((size_t)n + 1);
	memcpy(s, r->p + r->off, (size_t)n);
	s[n] = '\0';
	r->off += (size_t)n;
	return s;
}

static char *
get_str(struct reader *r)
{
	return get_str_in(r, NULL);
}

struct job *
index_job_add(struct index *ix)
{
	if (ix->njobs == ix->capjobs) {
		ix->capjobs = ix->capjobs ? ix->capjobs * 2 : 256;
		ix->jobs = xrealloc(ix->jobs, ix->capjobs * sizeof(*ix->jobs));
	}
	memset(&ix->jobs[ix->njobs], 0, sizeof(ix->jobs[0]));
	return &ix->jobs[ix->njobs++];
}

/* Reads the helper's records into jobs, since_count, revision and uuid. */
static enum status
parse_collected(struct index *ix, const struct buf *in)
{
	struct reader r = { in->data, in->len, 0, false };
	enum status st = STATUS_OK;
	const char **files;
	char *s;

	while (!r.bad && r.off < r.len) {
		char tag = r.p[r.off++];
		struct job *j;

		switch (tag) {
		case 'H':
			ix->revision = (unsigned long)get_u64(&r);
			free(ix->uuid);
			ix->uuid = get_str(&r);
			break;
		case 'N':
			ix->since_count = (size_t)get_u64(&r);
			break;
		case 'J':
			j = index_job_add(ix);
			ix->stats.fetched++;
			j->msgid = get_str_in(&r, ix->jobpool);
			j->date = (time_t)(int64_t)get_u64(&r);
			j->tags = get_str_in(&r, ix->jobpool);
			if (*j->tags == '\0')
				j->tags = NULL;
			j->nfiles = (size_t)get_u64(&r);
			j->fresh_files = true;
			if (j->nfiles > (r.len - r.off) / sizeof(uint64_t)) {
				j->nfiles = 0;
				r.bad = true;
				break;
			}
			files = strpool_alloc(ix->jobpool, (j->nfiles + 1) * sizeof(*files));
			for (size_t i = 0; i < j->nfiles; i++)
				files[i] = get_str_in(&r, ix->jobpool);
			files[j->nfiles] = NULL;
			j->files = files;
			break;
		case 'E':
			st = (enum status)get_u64(&r);
			s = get_str(&r);
			index_set_err(ix, "", s);
			free(s);
			break;
		case 'Z':
			if (r.off == r.len)
				return st;
			r.bad = true;
			break;
		default:
			r.bad = true;
		}
	}
	index_set_err(ix, "the notmuch query helper sent a broken stream", NULL);
	return STATUS_DATABASE;
}

/* The helper's argument vector (the strings belong to ix and rev). */
static void
helper_argv(const struct index *ix, bool since, const char **argv, char *rev,
    size_t revsize)
{
	size_t n = 0;

	argv[n++] = "bounceq";
	argv[n++] = INDEX_HELPER_COMMAND;
	if (ix->config != NULL) {
		argv[n++] = "--config";
		argv[n++] = ix->config;
	}
	if (ix->database != NULL) {
		argv[n++] = "--database";
		argv[n++] = ix->database;
	}
	if (ix->profile != NULL) {
		argv[n++] = "--profile";
		argv[n++] = ix->profile;
	}
	if (since && ix->cache != NULL) {
		snprintf(rev, revsize, "%lu", ix->cache->revision);
		argv[n++] = "--since-uuid";
		argv[n++] = ix->cache->uuid;
		argv[n++] = "--since-revision";
		argv[n++] = rev;
	}
	argv[n++] = "--query";
	argv[n++] = ix->query;
	argv[n] = NULL;
}

/* Why a helper that ended by itself gave nothing usable, in ix->err. */
static void
helper_died(struct index *ix, const struct spawn *c)
{
	struct buf b = BUF_INIT;
	char *how = spawn_describe(c);
	const char *e = c->errtext.data ? c->errtext.data : "";
	size_t n;

	buf_printf(&b, "the database changed while it was read (a concurrent notmuch new?): "
	    "the query helper %s", how);
	/*
	 * Its first line of words says why: libstdc++ names the exception
	 * there, a sanitizer its finding after a rule of '='.
	 */
	while (*e != '\0' && strcspn(e, "\n") == strspn(e, "= \t"))
		e += strcspn(e, "\n") + (e[strcspn(e, "\n")] == '\n');
	if ((n = strcspn(e, "\n")) > 0)
		buf_printf(&b, " (%.*s)", (int)(n > 200 ? 200 : n), e);
	index_set_err(ix, b.data, NULL);
	buf_free(&b);
	free(how);
}

enum status
index_query_collect(struct index *ix, bool since)
{
	const char *argv[16];
	char rev[32], *err = NULL;
	struct spawn c;
	struct spawn_limits l = { HELPER_OUTPUT_MAX, HELPER_ERR_MAX, 0, ix->idle_ms, ix->wake[0] };
	struct buf b = BUF_INIT;
	enum status st;

	ix->since_count = SIZE_MAX;
	helper_argv(ix, since, argv, rev, sizeof(rev));
	/* posix_spawn's prototype predates const; it does not change the strings. */
	if ((st = spawn_start(&c, HELPER_PATH, (char *const *)(void *)argv, &err)) != STATUS_OK) {
		index_set_err(ix, "cannot start the notmuch query helper " HELPER_PATH ": ", err);
		free(err);
		return st;
	}
	ix->stats.helper_runs++;
	st = spawn_wait(&c, &l);
	if (st == STATUS_OK && WIFEXITED(c.wstatus) && WEXITSTATUS(c.wstatus) == 0) {
		st = parse_collected(ix, &c.text);
	} else if (st == STATUS_OK) {
		helper_died(ix, &c);
		st = STATUS_DATABASE;
	} else {
		if (st == STATUS_TIMEOUT)
			buf_printf(&b, "the notmuch query sent nothing for %d %s and was stopped",
			    ix->idle_ms % 1000 ? ix->idle_ms : ix->idle_ms / 1000,
			    ix->idle_ms % 1000 ? "ms" : "s");
		else if (st == STATUS_TOO_LARGE)
			buf_printf(&b, "the notmuch query's results passed %zu MiB",
			    HELPER_OUTPUT_MAX >> 20);
		else if (st == STATUS_CANCELLED)
			buf_adds(&b, "the query was cancelled");
		else
			buf_adds(&b, "cannot read the notmuch query's results");
		index_set_err(ix, b.data, NULL);
	}
	buf_free(&b);
	spawn_free(&c);
	return st;
}

void
index_job_tags(struct index *ix, const struct job *j)
{
	/* A job the cache answered without a record keeps the cached tags. */
	if (!j->fresh_files)
		return;
	for (size_t i = 0; i < j->nrows; i++)
		rowset_set(&ix->rs, &ix->rs.rows[j->row0 + i], ROW_TAGS, j->tags);
	for (size_t i = 0; i < j->nother; i++)
		rowset_set(&ix->rs, &ix->rs.other[j->other0 + i], ROW_TAGS, j->tags);
}
