/*
 * Unit tests for core/index/index.c against real, temporary notmuch databases
 * built with libnotmuch from tests/data/index/mail (no user config: HOME,
 * XDG dirs and NOTMUCH_CONFIG point into a temporary directory).  Covers
 * opening (--database, --config, NOTMUCH_CONFIG, nothing), rows, chains,
 * non-failures kept apart, the cache (warm run decodes nothing, one new
 * mail decodes one, a corrupt cache is rebuilt), incremental loading, a
 * file missing on disk, tagging, and the query helper: this program is
 * its own helper (main() dispatches INDEX_HELPER_COMMAND), and
 * TEST_HELPER makes it misbehave: killed mid-stream, a broken stream, a
 * hang (the idle deadline, index_cancel()).
 */
#include <dirent.h>
#include <errno.h>
#include <notmuch.h>
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <cmocka.h>

#include "tests/unit/children.h"

#include "core/decode/source.h"
#include "core/index/cache.h"
#include "core/index/index.h"
#include "core/index/index_revision.h"
#include "core/index/index_tag.h"
#include "core/model/tags.h"
#include "core/shared/clock.h"
#include "core/shared/file.h"
#include "tests/unit/copyfile.h"

#define DATA "tests/data/index"

static char top[] = "/tmp/bounceq-test-index-XXXXXX";
static char mail[200], cachedir[200], cfg[200];
static size_t nfiles;

/* Indexes path into the database at mail (read-write, just for this). */
static void
index_one(const char *path)
{
	notmuch_database_t *db;
	char *msg = NULL;

	assert_int_equal(notmuch_database_open_with_config(mail,
	    NOTMUCH_DATABASE_MODE_READ_WRITE, "", NULL, &db, &msg), NOTMUCH_STATUS_SUCCESS);
	assert_int_equal(notmuch_database_index_file(db, path, NULL, NULL),
	    NOTMUCH_STATUS_SUCCESS);
	notmuch_database_destroy(db);
	free(msg);
}

/* Removes path from the database at mail. */
static void
unindex_one(const char *path)
{
	notmuch_database_t *db;
	char *msg = NULL;

	assert_int_equal(notmuch_database_open_with_config(mail,
	    NOTMUCH_DATABASE_MODE_READ_WRITE, "", NULL, &db, &msg), NOTMUCH_STATUS_SUCCESS);
	assert_int_equal(notmuch_database_remove_message(db, path), NOTMUCH_STATUS_SUCCESS);
	notmuch_database_destroy(db);
	free(msg);
}

/* Adds tag to the message msgid. */
static void
tag_one(const char *msgid, const char *tag)
{
	notmuch_database_t *db;
	notmuch_message_t *m = NULL;
	char *msg = NULL;

	assert_int_equal(notmuch_database_open_with_config(mail,
	    NOTMUCH_DATABASE_MODE_READ_WRITE, "", NULL, &db, &msg), NOTMUCH_STATUS_SUCCESS);
	assert_int_equal(notmuch_database_find_message(db, msgid, &m), NOTMUCH_STATUS_SUCCESS);
	assert_non_null(m);
	assert_int_equal(notmuch_message_add_tag(m, tag), NOTMUCH_STATUS_SUCCESS);
	notmuch_message_destroy(m);
	notmuch_database_destroy(db);
	free(msg);
}

static int
setup(void **state)
{
	char p[1024], q[1024];
	notmuch_database_t *db;
	DIR *d;
	struct dirent *e;
	char *msg = NULL;
	FILE *f;

	(void)state;
	if (mkdtemp(top) == NULL)
		return -1;
	snprintf(p, sizeof(p), "%s/home", top);
	mkdir(p, 0700);
	setenv("HOME", p, 1);
	snprintf(p, sizeof(p), "%s/home/.config", top);
	setenv("XDG_CONFIG_HOME", p, 1);
	unsetenv("NOTMUCH_CONFIG");
	unsetenv("NOTMUCH_PROFILE");
	snprintf(mail, sizeof(mail), "%s/mail", top);
	snprintf(cachedir, sizeof(cachedir), "%s/cache", top);
	snprintf(p, sizeof(p), "mkdir -p %s/cur %s/new %s/tmp", mail, mail, mail);
	if (system(p) != 0)
		return -1;
	if (notmuch_database_create_with_config(mail, "", NULL, &db, &msg) !=
	    NOTMUCH_STATUS_SUCCESS)
		return -1;
	if ((d = opendir(DATA "/mail/cur")) == NULL)
		return -1;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		snprintf(p, sizeof(p), DATA "/mail/cur/%s", e->d_name);
		snprintf(q, sizeof(q), "%s/cur/%s", mail, e->d_name);
		test_copy_file(p, q);
		if (notmuch_database_index_file(db, q, NULL, NULL) != NOTMUCH_STATUS_SUCCESS)
			return -1;
		nfiles++;
	}
	closedir(d);
	notmuch_database_destroy(db);
	free(msg);
	snprintf(cfg, sizeof(cfg), "%s/notmuch-config", top);
	if ((f = fopen(cfg, "w")) == NULL)
		return -1;
	fprintf(f, "[database]\npath=%s\n", mail);
	fclose(f);
	return 0;
}

static int
teardown(void **state)
{
	char p[700];

	(void)state;
	snprintf(p, sizeof(p), "rm -rf '%s'", top);
	return system(p);
}

static struct index *
load(const struct index_opts *o, struct index_stats *st)
{
	struct index *ix;
	char *err = NULL;

	if (index_open(o, &ix, &err) != STATUS_OK)
		fail_msg("index_open: %s", err ? err : "?");
	assert_int_equal(index_load_begin(ix), STATUS_OK);
	assert_int_equal(index_load_step(ix, 0), STATUS_OK);
	assert_true(index_load_done(ix));
	index_load_finish(ix);
	*st = *index_stats(ix);
	return ix;
}

static const struct row *
lookup(const struct rowset *rs, const char *rcpt, const char *action)
{
	for (size_t i = 0; i < rs->n; i++)
		if (rs->rows[i].s[ROW_RECIPIENT] && strcmp(rs->rows[i].s[ROW_RECIPIENT], rcpt) == 0 &&
		    (action == NULL || (rs->rows[i].s[ROW_ACTION] &&
		    strcmp(rs->rows[i].s[ROW_ACTION], action) == 0)))
			return &rs->rows[i];
	return NULL;
}

/* lookup() that fails the test instead of returning NULL. */
static const struct row *
find(const struct rowset *rs, const char *rcpt, const char *action)
{
	const struct row *r = lookup(rs, rcpt, action);

	if (r == NULL) {
		fail_msg("no row for %s %s", rcpt, action ? action : "");
		abort();	/* not reached: fail_msg() leaves the test */
	}
	return r;
}

static void
test_open(void **state)
{
	struct index_opts o = { 0 };
	struct index *ix;
	char *err = NULL, p[700];

	(void)state;
	/* Nothing configured: a message that says where it looked. */
	assert_int_equal(index_open(&o, &ix, &err), STATUS_NOT_FOUND);
	assert_null(ix);
	assert_non_null(err);
	assert_non_null(strstr(err, ".notmuch-config"));
	assert_non_null(strstr(err, "--database"));
	free(err);
	/* A directory that holds no database. */
	o.database = top;
	assert_int_not_equal(index_open(&o, &ix, &err), STATUS_OK);
	assert_non_null(strstr(err, top));
	free(err);
	/* --database */
	o.database = mail;
	assert_int_equal(index_open(&o, &ix, &err), STATUS_OK);
	assert_string_equal(index_db_path(ix), mail);
	index_close(ix);
	/* --config */
	o.database = NULL;
	o.config = cfg;
	assert_int_equal(index_open(&o, &ix, &err), STATUS_OK);
	assert_string_equal(index_db_path(ix), mail);
	index_close(ix);
	/* NOTMUCH_CONFIG */
	o.config = NULL;
	setenv("NOTMUCH_CONFIG", cfg, 1);
	assert_int_equal(index_open(&o, &ix, &err), STATUS_OK);
	index_close(ix);
	/* A missing --config file beats the environment. */
	snprintf(p, sizeof(p), "%s/nope", top);
	o.config = p;
	assert_int_not_equal(index_open(&o, &ix, &err), STATUS_OK);
	assert_non_null(strstr(err, p));
	free(err);
	unsetenv("NOTMUCH_CONFIG");
}

static void
test_rows(void **state)
{
	struct index_opts o = { .database = mail, .query = "*" };
	struct index_stats st;
	struct index *ix;
	const struct rowset *rs;
	const struct row *d, *f, *b;
	bool feedback = false, look_alike = false;

	(void)state;
	ix = load(&o, &st);
	rs = index_rows(ix);
	assert_int_equal(st.queried, nfiles);
	assert_int_equal(st.decoded, nfiles);
	assert_int_equal(st.cached, 0);
	/* The chain: delay superseded by the failure. */
	d = find(rs, "alice@example.org", "delayed");
	f = find(rs, "alice@example.org", "failed");
	assert_non_null(d);
	assert_non_null(f);
	assert_true(d->superseded);
	assert_false(f->superseded);
	assert_int_equal(d->chain, f->chain);
	assert_int_equal(f->chain_len, 2);
	assert_string_equal(f->s[ROW_STATUS], "5.1.1");
	assert_string_equal(f->s[ROW_DOMAIN], "example.org");
	assert_string_equal(f->s[ROW_MESSAGE_ID], "fail1@mx.example.com");
	assert_string_equal(f->s[ROW_ORIG_MESSAGE_ID], "orig-1@example.com");
	assert_non_null(strstr(f->s[ROW_FILE], "/cur/chain-2-failed.eml"));
	assert_string_equal(f->s[ROW_REPORTING_MTA], "mx.example.com");
	/* Same template for bob. */
	b = find(rs, "bob@example.net", NULL);
	assert_non_null(b);
	assert_string_equal(b->s[ROW_TEMPLATE], f->s[ROW_TEMPLATE]);
	/* Non-failures are kept apart. */
	for (size_t i = 0; i < rs->nother; i++) {
		if (rs->other[i].kind == BOUNCE_KIND_FEEDBACK)
			feedback = true;
		if (strcmp(rs->other[i].s[ROW_MESSAGE_ID], "plain1@mx.example.com") == 0)
			look_alike = true;
	}
	assert_true(feedback);
	assert_true(look_alike);
	for (size_t i = 0; i < rs->n; i++)
		assert_true(rs->rows[i].kind == BOUNCE_KIND_DSN ||
		    rs->rows[i].kind == BOUNCE_KIND_TEXT);
	index_close(ix);
	/* The default query leaves the abuse report (ARF) out, nothing else. */
	o.query = NULL;
	ix = load(&o, &st);
	assert_int_equal(st.queried, nfiles - 1);
	for (size_t i = 0; i < index_rows(ix)->nother; i++)
		assert_int_not_equal(index_rows(ix)->other[i].kind, BOUNCE_KIND_FEEDBACK);
	index_close(ix);
}

static void
test_cache(void **state)
{
	struct index_opts o = { .database = mail, .cache_dir = cachedir, .query = "*" };
	struct index_stats st;
	struct index *ix;
	size_t n1;
	char p[1024], *path;
	FILE *f;

	(void)state;
	ix = load(&o, &st);
	assert_int_equal(st.decoded, nfiles);
	n1 = index_rows(ix)->n;
	index_close(ix);
	/* Warm: nothing decoded, same rows, and notmuch not even asked. */
	ix = load(&o, &st);
	assert_int_equal(st.decoded, 0);
	assert_int_equal(st.cached, nfiles);
	assert_int_equal(st.helper_runs, 0);
	assert_int_equal(st.fetched, 0);
	assert_int_equal(index_rows(ix)->n, n1);
	assert_non_null(find(index_rows(ix), "alice@example.org", "delayed"));
	assert_true(find(index_rows(ix), "alice@example.org", "delayed")->superseded);
	index_close(ix);
	/* One new mail: exactly one decoded. */
	snprintf(p, sizeof(p), "%s/cur/new-failure.eml", mail);
	test_copy_file(DATA "/extra/new-failure.eml", p);
	index_one(p);
	nfiles++;
	ix = load(&o, &st);
	assert_int_equal(st.queried, nfiles);
	assert_int_equal(st.decoded, 1);
	assert_int_equal(st.cached, nfiles - 1);
	/* Only the new message came from notmuch (lastmod:REV+1..). */
	assert_int_equal(st.helper_runs, 1);
	assert_int_equal(st.fetched, 1);
	assert_non_null(find(index_rows(ix), "carol@example.net", NULL));
	n1 = index_rows(ix)->n;
	index_close(ix);
	/* A tag alone changed: fetched again, not decoded. */
	tag_one("fail2@mx.example.com", "seen");
	ix = load(&o, &st);
	assert_int_equal(st.fetched, 1);
	assert_int_equal(st.decoded, 0);
	assert_int_equal(st.cached, nfiles);
	assert_int_equal(index_rows(ix)->n, n1);
	index_close(ix);
	/*
	 * A message deleted (its file gone, notmuch told: the revision stays
	 * where it was): its directory and then the count tell, the whole
	 * query is fetched, nothing decoded.
	 */
	assert_int_equal(unlink(p), 0);
	unindex_one(p);
	ix = load(&o, &st);
	assert_int_equal(st.queried, nfiles - 1);
	assert_int_equal(st.decoded, 0);
	assert_int_equal(st.helper_runs, 2);
	assert_int_equal(st.fetched, nfiles - 1);
	assert_null(lookup(index_rows(ix), "carol@example.net", NULL));
	index_close(ix);
	test_copy_file(DATA "/extra/new-failure.eml", p);
	index_one(p);
	ix = load(&o, &st);
	assert_int_equal(st.decoded, 1);
	assert_non_null(find(index_rows(ix), "carol@example.net", NULL));
	path = NULL;
	cache_path(cachedir, index_db_path(ix), &path);
	index_close(ix);
	/* A corrupt cache is rebuilt, not trusted. */
	assert_non_null(f = fopen(path, "r+b"));
	fseek(f, 40, SEEK_SET);
	fputc('X', f);
	fclose(f);
	ix = load(&o, &st);
	assert_true(st.cache_rebuilt);
	assert_int_equal(st.decoded, nfiles);
	index_close(ix);
	ix = load(&o, &st);
	assert_false(st.cache_rebuilt);
	assert_int_equal(st.decoded, 0);
	index_close(ix);
	/* Another decoder (a different tag) does not trust it either. */
	o.cache_tag = "another build";
	ix = load(&o, &st);
	assert_true(st.cache_rebuilt);
	assert_int_equal(st.decoded, nfiles);
	index_close(ix);
	ix = load(&o, &st);
	assert_int_equal(st.decoded, 0);
	index_close(ix);
	/* A truncated one too. */
	assert_int_equal(truncate(path, 100), 0);
	ix = load(&o, &st);
	assert_true(st.cache_rebuilt);
	assert_int_equal(st.decoded, nfiles);
	index_close(ix);
	free(path);
}

static void
test_incremental(void **state)
{
	struct index_opts o = { .database = mail, .threads = 3, .query = "*" };
	struct index *ix;
	char *err = NULL;
	size_t done, total, steps = 0, last = 0;

	(void)state;
	assert_int_equal(index_open(&o, &ix, &err), STATUS_OK);
	assert_false(index_load_done(ix) && index_load_step(ix, 1) == STATUS_OK);
	assert_int_equal(index_load_begin(ix), STATUS_OK);
	while (!index_load_done(ix)) {
		assert_int_equal(index_load_step(ix, 2), STATUS_OK);
		index_progress(ix, &done, &total);
		assert_true(done > last && done <= total);
		assert_true(done - last <= 2);
		last = done;
		steps++;
		/* Chained after every step as a full chaining of the rows so far. */
		{
			const struct rowset *rs = index_rows(ix);
			struct rowset copy = ROWSET_INIT;

			for (size_t i = 0; i < rs->n; i++)
				row_copy(rowset_add(&copy), &rs->rows[i]);
			rowset_chain(&copy);
			assert_int_equal(copy.nchains, rs->nchains);
			for (size_t i = 0; i < rs->n; i++) {
				assert_int_equal(copy.rows[i].superseded, rs->rows[i].superseded);
				assert_int_equal(copy.rows[i].chain_len, rs->rows[i].chain_len);
			}
			rowset_free(&copy);
		}
	}
	assert_int_equal(total, nfiles);
	assert_int_equal(steps, (nfiles + 1) / 2);
	assert_int_equal(index_load_finish(ix), STATUS_OK);
	assert_true(find(index_rows(ix), "alice@example.org", "delayed")->superseded);
	index_close(ix);
}

static void
test_missing_file(void **state)
{
	struct index_opts o = { .database = mail, .cache_dir = cachedir, .query = "*" };
	struct index_stats st;
	struct index *ix;
	const struct rowset *rs;
	char p[1024];
	bool seen = false;

	(void)state;
	ix = load(&o, &st);	/* warm the cache first */
	index_close(ix);
	snprintf(p, sizeof(p), "%s/cur/tmpl-b.eml", mail);
	assert_int_equal(unlink(p), 0);
	ix = load(&o, &st);
	rs = index_rows(ix);
	assert_int_equal(st.decoded, 1);
	assert_null(lookup(rs, "bob@example.net", NULL));
	for (size_t i = 0; i < rs->n; i++)
		if (rs->rows[i].s[ROW_ERROR] != NULL) {
			assert_string_equal(rs->rows[i].s[ROW_MESSAGE_ID], "fail2@mx.example.com");
			assert_non_null(strstr(rs->rows[i].s[ROW_ERROR], "missing"));
			assert_non_null(strstr(rs->rows[i].s[ROW_FILE], "tmpl-b.eml"));
			seen = true;
		}
	assert_true(seen);
	index_close(ix);
	/* Put it back: decoded again, not remembered as missing. */
	test_copy_file(DATA "/mail/cur/tmpl-b.eml", p);
	ix = load(&o, &st);
	assert_int_equal(st.decoded, 1);
	assert_non_null(find(index_rows(ix), "bob@example.net", NULL));
	index_close(ix);
}

static void
test_tag(void **state)
{
	struct index_opts o = { .database = mail, .query = "tag:bounceq-test" };
	struct index_stats st;
	struct index *ix;
	const char *ids[] = { "fail1@mx.example.com", "no-such@id" };
	char *err = NULL;

	(void)state;
	ix = load(&o, &st);
	assert_int_equal(st.queried, 0);
	index_close(ix);
	assert_int_equal(index_tag(&o, ids, 2, "bounceq-test", true, &err), STATUS_NOT_FOUND);
	ix = load(&o, &st);
	assert_int_equal(st.queried, 1);
	assert_string_equal(index_rows(ix)->rows[0].s[ROW_MESSAGE_ID], "fail1@mx.example.com");
	index_close(ix);
	assert_int_equal(index_tag(&o, ids, 1, "bounceq-test", false, &err), STATUS_OK);
	ix = load(&o, &st);
	assert_int_equal(st.queried, 0);
	index_close(ix);
}

/* The revision read on its own is the load's until the database moves. */
static void
test_revision(void **state)
{
	struct index_opts o = { .database = mail, .query = "*" };
	struct index_opts none = { .database = "/nonexistent/bounceq-db" };
	struct index_stats st;
	struct index *ix;
	const char *ids[] = { "fail1@mx.example.com" };
	const char *luuid;
	unsigned long rev, lrev, rev2;
	char *uuid = NULL, *uuid2 = NULL, *err = NULL;

	(void)state;
	ix = load(&o, &st);
	assert_int_equal(index_revision(&o, &uuid, &rev, &err), STATUS_OK);
	assert_null(err);
	index_loaded_revision(ix, &luuid, &lrev);
	assert_string_equal(uuid, luuid);
	assert_true(*uuid != '\0');
	assert_int_equal(rev, lrev);
	/* A tag is a change: the revision moves, the UUID stays. */
	assert_int_equal(index_tag(&o, ids, 1, "bounceq-rev", true, &err), STATUS_OK);
	assert_int_equal(index_revision(&o, &uuid2, &rev2, &err), STATUS_OK);
	assert_string_equal(uuid, uuid2);
	assert_true(rev2 > rev);
	index_loaded_revision(ix, &luuid, &lrev);
	assert_int_equal(lrev, rev);
	index_close(ix);
	assert_int_equal(index_tag(&o, ids, 1, "bounceq-rev", false, &err), STATUS_OK);
	free(uuid);
	free(uuid2);
	/* No database: an error that says where it looked. */
	assert_int_equal(index_revision(&none, &uuid, &rev, &err), STATUS_NOT_FOUND);
	assert_null(uuid);
	assert_non_null(err);
	assert_non_null(strstr(err, "/nonexistent/bounceq-db"));
	free(err);
}

/*
 * index_tag_apply(): a dry run changes nothing, the result says what
 * really changed, rows carry the tags, the undo puts them back, and a
 * database another writer holds is waited for, then refused with nothing
 * changed.
 */
static void
test_tag_apply(void **state)
{
	struct index_opts o = { .database = mail, .query = "tag:bounceq-t2" };
	struct index_opts all = { .database = mail, .query = "*" };
	struct tag_ops ops = TAG_OPS_INIT, back = TAG_OPS_INIT;
	struct index_tag_req req[2] = { { "fail1@mx.example.com", &ops }, { "no-such@id", &ops } };
	struct index_tag_result res;
	struct index_stats st;
	struct index *ix;
	notmuch_database_t *held;
	char *err = NULL;

	(void)state;
	tag_ops_add(&ops, "bounceq-t2", true);
	tag_ops_add(&ops, "bounceq-absent", false);
	assert_int_equal(index_tag_apply(&o, req, 2, true, &res, &err), STATUS_OK);
	assert_int_equal(res.changed, 1);
	assert_int_equal(res.missing, 1);
	assert_true(res.c[1].missing);
	index_tag_result_free(&res);
	ix = load(&o, &st);
	assert_int_equal(st.queried, 0);
	index_close(ix);

	assert_int_equal(index_tag_apply(&o, req, 2, false, &res, &err), STATUS_OK);
	assert_int_equal(res.changed, 1);
	assert_string_equal(res.c[0].added, "bounceq-t2");
	assert_null(res.c[0].removed);
	assert_true(tags_has(res.c[0].after, "bounceq-t2"));
	assert_false(tags_has(res.c[0].before, "bounceq-t2"));
	index_tag_result_free(&res);
	ix = load(&o, &st);
	assert_int_equal(st.queried, 1);
	assert_true(tags_has(index_rows(ix)->rows[0].s[ROW_TAGS], "bounceq-t2"));
	index_close(ix);
	/* Every row of the whole database says whether it has the tag. */
	ix = load(&all, &st);
	for (size_t i = 0; i < index_rows(ix)->n; i++) {
		const struct row *r = &index_rows(ix)->rows[i];

		assert_int_equal(tags_has(r->s[ROW_TAGS], "bounceq-t2"),
		    r->s[ROW_MESSAGE_ID] && strcmp(r->s[ROW_MESSAGE_ID], "fail1@mx.example.com") == 0);
	}
	index_close(ix);

	/* Held by another writer: waited for, then refused, nothing changed. */
	tag_ops_add(&back, "bounceq-t2", false);
	req[0].ops = &back;
	assert_int_equal(notmuch_database_open_with_config(mail, NOTMUCH_DATABASE_MODE_READ_WRITE,
	    "", NULL, &held, NULL), NOTMUCH_STATUS_SUCCESS);
	assert_int_equal(index_tag_apply(&o, req, 1, false, &res, &err), STATUS_DATABASE);
	assert_non_null(err);
	assert_int_equal(res.changed, 0);
	index_tag_result_free(&res);
	free(err);
	err = NULL;
	notmuch_database_destroy(held);
	ix = load(&o, &st);
	assert_int_equal(st.queried, 1);
	index_close(ix);

	/* The undo. */
	assert_int_equal(index_tag_apply(&o, req, 1, false, &res, &err), STATUS_OK);
	assert_string_equal(res.c[0].removed, "bounceq-t2");
	index_tag_result_free(&res);
	ix = load(&o, &st);
	assert_int_equal(st.queried, 0);
	index_close(ix);
	tag_ops_free(&ops);
	tag_ops_free(&back);
}

static void
test_bad_query(void **state)
{
	struct index_opts o = { .database = mail, .query = "date:garbage..nonsense" };
	struct index *ix;
	char *err = NULL;

	(void)state;
	assert_int_equal(index_open(&o, &ix, &err), STATUS_OK);
	assert_int_not_equal(index_load_begin(ix), STATUS_OK);
	assert_non_null(index_error(ix));
	index_close(ix);
}

/* index_load_begin() with TEST_HELPER=mode; its status, *ms how long it took. */
static enum status
load_with_helper(const char *mode, int idle_ms, long long *ms, char **err)
{
	struct index_opts o = { .database = mail, .query = "*", .query_idle_ms = idle_ms };
	struct index *ix;
	enum status st;
	long long t0;

	assert_int_equal(index_open(&o, &ix, NULL), STATUS_OK);
	setenv("TEST_HELPER", mode, 1);
	t0 = clock_ms();
	st = index_load_begin(ix);
	*ms = clock_ms() - t0;
	unsetenv("TEST_HELPER");
	*err = index_error(ix) ? strdup(index_error(ix)) : NULL;
	assert_int_equal(index_rows(ix)->n, 0);
	index_close(ix);
	return st;
}

static void
test_helper_killed(void **state)
{
	long long ms;
	char *err;

	(void)state;
	/* Half the stream, then SIGKILL: every retry dies too, then a clean error. */
	assert_int_equal(load_with_helper("die", 0, &ms, &err), STATUS_DATABASE);
	assert_non_null(err);
	assert_non_null(strstr(err, "killed by signal 9"));
	assert_true(ms < 20000);
	assert_no_child();
	free(err);
	/* Exit 0 but no stream: not trusted either. */
	assert_int_equal(load_with_helper("garbage", 0, &ms, &err), STATUS_DATABASE);
	assert_non_null(strstr(err, "broken stream"));
	assert_no_child();
	free(err);
}

static void
test_helper_hangs(void **state)
{
	long long ms;
	char *err;

	(void)state;
	/* Silence past the idle deadline: killed, reaped, no retry. */
	assert_int_equal(load_with_helper("hang", 300, &ms, &err), STATUS_TIMEOUT);
	assert_non_null(strstr(err, "sent nothing for 300 ms"));
	assert_true(ms >= 300 && ms < 5000);
	assert_no_child();
	free(err);
}

struct loader {
	struct index *ix;
	enum status st;
	long long end;
};

static void *
loader_run(void *arg)
{
	struct loader *l = arg;

	l->st = index_load_begin(l->ix);
	l->end = clock_ms();
	return NULL;
}

static void
test_cancel(void **state)
{
	struct index_opts o = { .database = mail, .query = "*" };
	struct loader l = { NULL, STATUS_OK, 0 };
	pthread_t tid;
	long long t0;

	(void)state;
	/* The TUI's quit: a hung helper (a minute from its deadline) stopped at once. */
	assert_int_equal(index_open(&o, &l.ix, NULL), STATUS_OK);
	setenv("TEST_HELPER", "hang", 1);
	assert_int_equal(pthread_create(&tid, NULL, loader_run, &l), 0);
	nanosleep(&(struct timespec){ 0, 300000000L }, NULL);
	t0 = clock_ms();
	index_cancel(l.ix);
	pthread_join(tid, NULL);
	unsetenv("TEST_HELPER");
	assert_int_equal(l.st, STATUS_CANCELLED);
	assert_true(l.end - t0 < 2000);
	assert_no_child();
	/* And it stays cancelled: the next load does not even start a helper. */
	t0 = clock_ms();
	assert_int_equal(index_load_begin(l.ix), STATUS_CANCELLED);
	assert_true(clock_ms() - t0 < 1000);
	assert_no_child();
	index_close(l.ix);
}

/* The helper on an argument vector of literals (it does not change them). */
static enum status
helper_args(const char **argv, int argc)
{
	return index_query_helper_run(STDOUT_FILENO, argc, (char **)(void *)argv);
}

static void
test_helper_args(void **state)
{
	const char *bad1[] = { INDEX_HELPER_COMMAND, "--query" };
	const char *bad2[] = { INDEX_HELPER_COMMAND, "--colour", "red", "--query", "*" };
	const char *bad3[] = { INDEX_HELPER_COMMAND, "--database", mail };
	const char *bad4[] = { INDEX_HELPER_COMMAND, "--since-revision", "12x", "--query", "*" };
	const char *good[] = { INDEX_HELPER_COMMAND, "--database", mail, "--query", "*" };
	char path[] = "/tmp/bounceq-test-stream-XXXXXX", *data;
	size_t len;
	int fd[2];
	void (*old)(int);

	(void)state;
	assert_int_equal(helper_args(bad1, 2), STATUS_INVALID);
	assert_int_equal(helper_args(bad2, 5), STATUS_INVALID);
	assert_int_equal(helper_args(bad3, 3), STATUS_INVALID);
	assert_int_equal(helper_args(bad4, 5), STATUS_INVALID);
	/* Nobody reading any more: STATUS_IO, not a hang or a crash. */
	assert_int_equal(pipe(fd), 0);
	close(fd[0]);
	old = signal(SIGPIPE, SIG_IGN);
	assert_int_equal(index_query_helper_run(fd[1], 5, (char **)(void *)good), STATUS_IO);
	signal(SIGPIPE, old);
	close(fd[1]);
	/* The whole stream: a header first, the end mark last. */
	assert_true((fd[0] = mkstemp(path)) >= 0);
	assert_int_equal(index_query_helper_run(fd[0], 5, (char **)(void *)good), STATUS_OK);
	close(fd[0]);
	assert_int_equal(file_read(path, 1 << 24, &data, &len), STATUS_OK);
	unlink(path);
	assert_true(len > nfiles * 20);
	assert_int_equal(data[0], 'H');
	assert_int_equal(data[len - 1], 'Z');
	free(data);
}

/*
 * This program as the query helper.  TEST_HELPER picks a misbehaviour:
 * "die" sends the first half of the real stream and is killed, "garbage"
 * sends bytes that are no stream and exits 0, "hang" sends nothing and
 * waits to be killed.
 */
static int
helper_main(int argc, char **argv)
{
	const char *mode = getenv("TEST_HELPER");
	char *data = NULL;
	size_t len = 0;
	char path[] = "/tmp/bounceq-test-helper-XXXXXX";
	int fd;

	if (mode == NULL)
		return index_query_helper_run(STDOUT_FILENO, argc, argv) == STATUS_OK ? 0 : 1;
	if (strcmp(mode, "hang") == 0)
		for (;;)
			pause();
	if (strcmp(mode, "garbage") == 0)
		return write(STDOUT_FILENO, "Hgarbage", 8) == 8 ? 0 : 1;
	if ((fd = mkstemp(path)) < 0)
		return 1;
	index_query_helper_run(fd, argc, argv);
	close(fd);
	file_read(path, 1 << 24, &data, &len);
	unlink(path);
	if (write(STDOUT_FILENO, data, len / 2) < 0)
		return 1;
	raise(SIGKILL);
	return 1;
}

int
main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_open),
		cmocka_unit_test(test_rows),
		cmocka_unit_test(test_cache),
		cmocka_unit_test(test_incremental),
		cmocka_unit_test(test_missing_file),
		cmocka_unit_test(test_tag),
		cmocka_unit_test(test_revision),
		cmocka_unit_test(test_tag_apply),
		cmocka_unit_test(test_bad_query),
		cmocka_unit_test(test_helper_killed),
		cmocka_unit_test(test_helper_hangs),
		cmocka_unit_test(test_cancel),
		cmocka_unit_test(test_helper_args),
	};

	/* index_load_begin() runs this program again as its query helper. */
	if (argc > 1 && strcmp(argv[1], INDEX_HELPER_COMMAND) == 0)
		return helper_main(argc - 1, argv + 1);

	return cmocka_run_group_tests(tests, setup, teardown);
}
