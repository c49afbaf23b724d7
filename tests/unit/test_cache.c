/*
 * Unit tests for the cache file (core/index/cache.c): a round trip keeps every
 * field; truncated, bit-flipped, foreign, wrong-version and empty files
 * are rejected as STATUS_CORRUPT; a missing file is STATUS_NOENT; writing
 * replaces the file atomically and leaves no temporary behind.
 */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "core/decode/source.h"
#include "core/index/cache.h"
#include "core/shared/file.h"
#include "tests/unit/rows.h"

static char dir[] = "/tmp/bounceq-test-cache-XXXXXX";

static int
setup(void **state)
{
	(void)state;
	return mkdtemp(dir) ? 0 : -1;
}

static int
teardown(void **state)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char p[512];

	(void)state;
	while (d && (e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		snprintf(p, sizeof(p), "%s/%s", dir, e->d_name);
		unlink(p);
	}
	if (d)
		closedir(d);
	return rmdir(dir);
}

static char *
write_sample(const char *name, struct rowset *rs)
{
	struct cache_writer w;
	char *path;
	struct row *o;

	path = malloc(512);
	snprintf(path, 512, "%s/%s", dir, name);
	add_row(rs, "alice@a.example", "5.1.1", "userunknown", true, "failed",
	    "550 5.1.1 <alice@a.example>: user unknown", "m1@s", T0);
	add_row(rs, "b\xc3\xa9@b.example", NULL, NULL, false, NULL, NULL, NULL, 0);
	o = rowset_add_other(rs);
	o->kind = BOUNCE_KIND_FEEDBACK;
	row_set(o, ROW_DIAGNOSTIC, "abuse report");
	cache_writer_begin(&w, "uuid-1234", "bounceq 1 test", 42);
	cache_writer_add(&w, "id1@x", "/mail/cur/1", &rs->rows[0], 2, rs->other, 1);
	cache_writer_add(&w, "id2@x", "/mail/cur/2", NULL, 0, NULL, 0);
	assert_int_equal(cache_writer_commit(&w, path), STATUS_OK);
	cache_writer_free(&w);
	return path;
}

static void
test_roundtrip(void **state)
{
	struct rowset rs = ROWSET_INIT;
	struct cache *c;
	const struct cache_entry *e;
	char *path;

	(void)state;
	path = write_sample("rt.cache", &rs);
	assert_int_equal(cache_load(path, &c), STATUS_OK);
	assert_string_equal(c->uuid, "uuid-1234");
	assert_string_equal(c->tag, "bounceq 1 test");
	assert_int_equal(c->revision, 42);
	assert_int_equal(c->n, 2);
	e = cache_find(c, "id1@x");
	assert_non_null(e);
	assert_string_equal(e->file, "/mail/cur/1");
	assert_int_equal(e->rows.n, 2);
	assert_int_equal(e->rows.nother, 1);
	for (int k = 0; k < ROW_STR_COUNT; k++) {
		const char *a = rs.rows[0].s[k], *b = e->rows.rows[0].s[k];

		if (a == NULL)
			assert_null(b);
		else
			assert_string_equal(a, b);
	}
	assert_true(e->rows.rows[0].hard);
	assert_int_equal(e->rows.rows[0].date, T0);
	assert_int_equal(e->rows.rows[0].kind, BOUNCE_KIND_DSN);
	assert_string_equal(e->rows.rows[1].s[ROW_RECIPIENT], "b\xc3\xa9@b.example");
	assert_null(e->rows.rows[1].s[ROW_STATUS]);
	assert_int_equal(e->rows.other[0].kind, BOUNCE_KIND_FEEDBACK);
	assert_string_equal(e->rows.other[0].s[ROW_DIAGNOSTIC], "abuse report");
	e = cache_find(c, "id2@x");
	assert_non_null(e);
	assert_int_equal(e->rows.n + e->rows.nother, 0);
	assert_null(cache_find(c, "id3@x"));
	cache_free(c);
	/* No temporary file is left next to the cache. */
	{
		DIR *d = opendir(dir);
		struct dirent *de;
		int n = 0;

		while ((de = readdir(d)) != NULL)
			if (strstr(de->d_name, ".tmp.") != NULL)
				n++;
		closedir(d);
		assert_int_equal(n, 0);
	}
	free(path);
	rowset_free(&rs);
}

static void
write_bytes(const char *path, const char *data, size_t len)
{
	FILE *f = fopen(path, "wb");

	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, len, f), len);
	fclose(f);
}

static void
test_damage(void **state)
{
	struct rowset rs = ROWSET_INIT;
	struct cache *c = NULL;
	char *path, *data, bad[600];
	size_t len;

	(void)state;
	path = write_sample("dmg.cache", &rs);
	assert_int_equal(file_read(path, 1 << 20, &data, &len), STATUS_OK);
	snprintf(bad, sizeof(bad), "%s/bad.cache", dir);
	/* Every truncation is caught. */
	for (size_t cut = 0; cut < len; cut++) {
		write_bytes(bad, data, cut);
		assert_int_equal(cache_load(bad, &c), STATUS_CORRUPT);
		assert_null(c);
	}
	/* Every single flipped bit is caught. */
	for (size_t i = 0; i < len; i++) {
		data[i] ^= 0x10;
		write_bytes(bad, data, len);
		assert_int_equal(cache_load(bad, &c), STATUS_CORRUPT);
		data[i] ^= 0x10;
	}
	/* Foreign files. */
	write_bytes(bad, "hello world, this is not a cache file at all\n", 45);
	assert_int_equal(cache_load(bad, &c), STATUS_CORRUPT);
	/* The intact bytes still load. */
	write_bytes(bad, data, len);
	assert_int_equal(cache_load(bad, &c), STATUS_OK);
	cache_free(c);
	snprintf(bad, sizeof(bad), "%s/none.cache", dir);
	assert_int_equal(cache_load(bad, &c), STATUS_NOENT);
	free(data);
	free(path);
	rowset_free(&rs);
}

static void
test_path(void **state)
{
	char *a, *b, *c;

	(void)state;
	cache_path("/c", "/home/u/mail", &a);
	cache_path("/c", "/home/u/mail", &b);
	cache_path("/c", "/home/u/other", &c);
	assert_string_equal(a, b);
	assert_string_not_equal(a, c);
	assert_true(strncmp(a, "/c/", 3) == 0);
	free(a);
	free(b);
	free(c);
}

static void
test_replace(void **state)
{
	struct cache_writer w;
	struct cache *c;
	char path[512];

	(void)state;
	snprintf(path, sizeof(path), "%s/sub/dir/r.cache", dir);
	cache_writer_begin(&w, "u1", NULL, 1);
	assert_int_equal(cache_writer_commit(&w, path), STATUS_OK);
	cache_writer_free(&w);
	cache_writer_begin(&w, "u2", "t", 7);
	cache_writer_add(&w, "x@y", "f", NULL, 0, NULL, 0);
	assert_int_equal(cache_writer_commit(&w, path), STATUS_OK);
	cache_writer_free(&w);
	assert_int_equal(cache_load(path, &c), STATUS_OK);
	assert_string_equal(c->uuid, "u2");
	assert_int_equal(c->n, 1);
	cache_free(c);
	unlink(path);
	snprintf(path, sizeof(path), "%s/sub/dir", dir);
	rmdir(path);
	snprintf(path, sizeof(path), "%s/sub", dir);
	rmdir(path);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_roundtrip),
		cmocka_unit_test(test_damage),
		cmocka_unit_test(test_path),
		cmocka_unit_test(test_replace),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
