/*
 * Unit tests for jobs run in threads with their results in order
 * (core/shared/workers.c), and for a directory decoded that way
 * (source_set_workers(), core/decode/source.c).
 */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <cmocka.h>

#include "core/decode/bounce_json.h"
#include "core/decode/source.h"
#include "core/shared/buf.h"
#include "core/shared/cpus.h"
#include "core/shared/file.h"
#include "core/shared/workers.h"
#include "tests/unit/copyfile.h"

struct count {
	pthread_mutex_t lock;
	size_t running, most;	/* jobs started and not yet taken */
	size_t taken;
	size_t window;
	size_t started;
	int ahead;		/* jobs started past the window (cmocka fails only here) */
};

/* A job that takes longer for small i, so threads finish out of order. */
static void *
job(void *ctx, size_t i)
{
	struct count *c = ctx;
	struct timespec ts = { 0, (long)((i % 7) * 100000) };
	size_t *r = malloc(sizeof(*r));

	pthread_mutex_lock(&c->lock);
	c->running++;
	c->started++;
	/*
	 * Never more than the window ahead of the results handed back,
	 * which is c->taken or, just after workers_next(), one more.
	 */
	if (i > c->taken + c->window)
		c->ahead++;
	if (c->running > c->most)
		c->most = c->running;
	pthread_mutex_unlock(&c->lock);
	nanosleep(&ts, NULL);
	*r = i * 3;
	return r;
}

static void
discard(void *p)
{
	free(p);
}

static void
run_in_order(int threads, size_t n, size_t window)
{
	struct count c = { PTHREAD_MUTEX_INITIALIZER, 0, 0, 0, window, 0, 0 };
	struct workers *w = workers_start(n, threads, window, job, &c);
	void *r;
	size_t i = 0;

	while (workers_next(w, &r)) {
		assert_int_equal(*(size_t *)r, i * 3);
		free(r);
		pthread_mutex_lock(&c.lock);
		c.running--;
		c.taken++;
		pthread_mutex_unlock(&c.lock);
		i++;
	}
	assert_int_equal(i, n);
	assert_false(workers_next(w, &r));
	assert_true(c.most <= window + 1);
	assert_int_equal(c.ahead, 0);
	assert_int_equal(c.started, n);
	workers_stop(w, discard);
}

static void
test_order(void **state)
{
	(void)state;
	run_in_order(4, 200, 8);
	run_in_order(2, 3, 1);
	run_in_order(3, 1, 4);
	run_in_order(2, 0, 4);
	/* no thread: the caller runs every job */
	run_in_order(1, 50, 4);
	run_in_order(0, 50, 4);
}

/* Stopping early hands every result never taken to discard. */
static int discards;

static void
count_discard(void *p)
{
	discards++;
	free(p);
}

static void
test_stop_early(void **state)
{
	(void)state;
	struct count c = { PTHREAD_MUTEX_INITIALIZER, 0, 0, 0, 1000, 0, 0 };
	struct workers *w = workers_start(1000, 3, 1000, job, &c);
	void *r;

	assert_true(workers_next(w, &r));
	free(r);
	discards = 0;
	workers_stop(w, count_discard);
	/* every job that ran was taken (one) or discarded; the rest never ran */
	assert_int_equal((size_t)discards, c.started - 1);
	assert_true(c.started < 1000);
	workers_stop(NULL, count_discard);
}

static void
test_cpus(void **state)
{
	(void)state;
	assert_true(cpus_online(64) >= 1);
	assert_int_equal(cpus_online(1), 1);
}

/* A directory decoded in threads prints exactly what one thread prints. */
static char *
decode_dir(const char *dir, int threads, size_t *count)
{
	struct source *src;
	struct source_item it;
	struct buf all = BUF_INIT, one = BUF_INIT;

	*count = 0;
	assert_int_equal(source_open(dir, &src), STATUS_OK);
	source_set_workers(src, threads);
	while (source_next(src, &it)) {
		buf_reset(&one);
		if (it.status == STATUS_OK)
			bounce_json(&one, it.bounce, it.file, it.index);
		else
			buf_printf(&one, "%s: %s", it.file, status_str(it.status));
		buf_add(&all, one.data, one.len);
		buf_addc(&all, '\n');
		source_item_clear(&it);
		(*count)++;
	}
	source_close(src);
	buf_free(&one);
	return buf_steal(&all);
}

static void
test_source_workers(void **state)
{
	(void)state;
	const char *dir = "tests/data/sisimai/maildir/bsd";
	size_t n1, n4;
	char *one = decode_dir(dir, 1, &n1), *four = decode_dir(dir, 4, &n4);
	struct source *src;
	struct source_item it;

	assert_true(n1 > 500);
	assert_int_equal(n1, n4);
	assert_string_equal(one, four);
	free(one);
	free(four);
	/* closed after a few items: the files decoded ahead are freed */
	assert_int_equal(source_open(dir, &src), STATUS_OK);
	source_set_workers(src, 2);
	for (int i = 0; i < 3 && source_next(src, &it); i++)
		source_item_clear(&it);
	source_close(src);
}

/*
 * A directory's entries: regular files and links to them are messages;
 * directories, links to them, dangling links and dot files are not.
 */
static void
test_source_entries(void **state)
{
	(void)state;
	char dir[] = "/tmp/bounceq-test-src-XXXXXX", path[256], target[256];
	struct source *src;
	struct source_item it;
	size_t n = 0;
	char *cwd = getcwd(NULL, 0);

	assert_non_null(mkdtemp(dir));
	snprintf(target, sizeof(target), "%s/tests/data/mail/plain.eml", cwd);
	snprintf(path, sizeof(path), "%s/a.eml", dir);
	assert_int_equal(symlink(target, path), 0);		/* link to a file */
	snprintf(path, sizeof(path), "%s/b.eml", dir);		/* a file */
	test_copy_file(target, path);
	snprintf(path, sizeof(path), "%s/c.dir", dir);
	assert_int_equal(mkdir(path, 0700), 0);			/* a directory */
	snprintf(path, sizeof(path), "%s/d.link", dir);
	assert_int_equal(symlink("/tmp", path), 0);		/* link to a directory */
	snprintf(path, sizeof(path), "%s/e.dangling", dir);
	assert_int_equal(symlink("/nonexistent/x", path), 0);
	snprintf(path, sizeof(path), "%s/.hidden", dir);
	assert_int_equal(symlink(target, path), 0);
	assert_int_equal(source_open(dir, &src), STATUS_OK);
	while (source_next(src, &it)) {
		assert_int_equal(it.status, STATUS_OK);
		source_item_clear(&it);
		n++;
	}
	source_close(src);
	assert_int_equal(n, 2);
	for (const char *const *e = (const char *const[]){ "a.eml", "b.eml",
	    "c.dir", "d.link", "e.dangling", ".hidden", NULL }; *e; e++) {
		snprintf(path, sizeof(path), "%s/%s", dir, *e);
		if (strcmp(*e, "c.dir") == 0)
			rmdir(path);
		else
			unlink(path);
	}
	rmdir(dir);
	free(cwd);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_order),
		cmocka_unit_test(test_stop_early),
		cmocka_unit_test(test_cpus),
		cmocka_unit_test(test_source_workers),
		cmocka_unit_test(test_source_entries),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
