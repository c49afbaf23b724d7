/*
 * Unit tests for the cache file (core/index/cache.c): a round trip keeps every
 * field (every row string, chains, entries, directories); truncated,
 * bit-flipped, foreign, wrong-version (with a valid checksum), wrong-column
 * and empty files are rejected as STATUS_CORRUPT; a missing file is
 * STATUS_NOENT; writing replaces the file atomically and leaves no
 * temporary behind, also with several writers at once.
 */
#include <dirent.h>
#include <pthread.h>
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
	/* Every column set, so every one is seen to come back. */
	for (int c = 0; c < ROW_STR_COUNT; c++)
		if (rs->rows[0].s[c] == NULL)
			row_set(&rs->rows[0], (enum row_str)c, row_str_name((enum row_str)c));
	rs->rows[0].chain = 1;
	rs->rows[0].chain_len = 2;
	rs->rows[1].superseded = true;
	rs->rows[1].chain = 1;
	rs->rows[1].chain_len = 2;
	cache_writer_begin(&w, "uuid-1234", "bounceq 1 test", 42);
	cache_writer_meta(&w, "from:x", 3, 2);
	cache_writer_dir(&w, "/mail/cur", 1234, 567);
	cache_writer_add(&w, "id1@x", "/mail/cur/1", 99, false, &rs->rows[0], 2, rs->other, 1);
	cache_writer_add(&w, "id2@x", "/mail/cur/2", 98, true, NULL, 0, NULL, 0);
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
	assert_string_equal(c->query, "from:x");
	assert_int_equal(c->revision, 42);
	assert_int_equal(c->queried, 3);
	assert_int_equal(c->n, 2);
	assert_int_equal(c->ndirs, 1);
	assert_string_equal(c->dirs[0].path, "/mail/cur");
	assert_int_equal(c->dirs[0].sec, 1234);
	assert_int_equal(c->dirs[0].nsec, 567);
	assert_int_equal(c->rows.nchains, 2);
	e = cache_find(c, "id1@x");
	assert_non_null(e);
	assert_string_equal(e->file, "/mail/cur/1");
	assert_int_equal(e->date, 99);
	assert_false(e->missing);
	assert_int_equal(e->nrows, 2);
	assert_int_equal(e->nother, 1);
	for (int k = 0; k < ROW_STR_COUNT; k++) {
		const char *a = rs.rows[0].s[k], *b = c->rows.rows[e->row0].s[k];

		assert_non_null(a);
		assert_string_equal(a, b);
	}
	assert_true(c->rows.rows[e->row0].hard);
	assert_int_equal(c->rows.rows[e->row0].date, T0);
	assert_int_equal(c->rows.rows[e->row0].kind, BOUNCE_KIND_DSN);
	assert_int_equal(c->rows.rows[e->row0].chain, 1);
	assert_int_equal(c->rows.rows[e->row0].chain_len, 2);
	assert_false(c->rows.rows[e->row0].superseded);
	assert_true(c->rows.rows[e->row0 + 1].superseded);
	assert_string_equal(c->rows.rows[e->row0 + 1].s[ROW_RECIPIENT], "b\xc3\xa9@b.example");
	assert_null(c->rows.rows[e->row0 + 1].s[ROW_STATUS]);
	assert_int_equal(c->rows.other[e->other0].kind, BOUNCE_KIND_FEEDBACK);
	assert_string_equal(c->rows.other[e->other0].s[ROW_DIAGNOSTIC], "abuse report");
	/* A string that repeats is stored once: the two rows share it. */
	assert_ptr_equal(c->rows.rows[e->row0].s[ROW_ORIG_FROM],
	    c->rows.rows[e->row0 + 1].s[ROW_ORIG_FROM]);
	e = cache_find(c, "id2@x");
	assert_non_null(e);
	assert_true(e->missing);
	assert_int_equal(e->nrows + e->nother, 0);
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

/* Sets the 32-bit field at off to v and seals the file again. */
static void
patch_u32(char *data, size_t len, size_t off, uint32_t v)
{
	uint64_t h;

	memcpy(data + off, &v, 4);
	h = cache_checksum(data, len - 8);
	memcpy(data + len - 8, &h, 8);
}

static void
test_foreign(void **state)
{
	struct rowset rs = ROWSET_INIT;
	struct cache *c = NULL;
	char *path, *data, bad[600];
	size_t len;

	(void)state;
	path = write_sample("fv.cache", &rs);
	assert_int_equal(file_read(path, 1 << 20, &data, &len), STATUS_OK);
	snprintf(bad, sizeof(bad), "%s/fv2.cache", dir);
	/* Re-sealed unchanged, it loads: the checksum here is the real one. */
	patch_u32(data, len, 8, CACHE_VERSION);
	write_bytes(bad, data, len);
	assert_int_equal(cache_load(bad, &c), STATUS_OK);
	cache_free(c);
	/* Another version, though sealed properly. */
	patch_u32(data, len, 8, CACHE_VERSION + 1);
	write_bytes(bad, data, len);
	assert_int_equal(cache_load(bad, &c), STATUS_CORRUPT);
	assert_null(c);
	patch_u32(data, len, 8, CACHE_VERSION - 1);
	write_bytes(bad, data, len);
	assert_int_equal(cache_load(bad, &c), STATUS_CORRUPT);
	patch_u32(data, len, 8, CACHE_VERSION);
	/* Another byte order, or a build with other row columns. */
	patch_u32(data, len, 12, 0x04030201u);
	write_bytes(bad, data, len);
	assert_int_equal(cache_load(bad, &c), STATUS_CORRUPT);
	patch_u32(data, len, 12, 0x01020304u);
	patch_u32(data, len, 16, ROW_STR_COUNT + 1);
	write_bytes(bad, data, len);
	assert_int_equal(cache_load(bad, &c), STATUS_CORRUPT);
	patch_u32(data, len, 16, ROW_STR_COUNT);
	/* A string offset out of the table (the uuid's), sealed: still refused. */
	patch_u32(data, len, 32, 0x7fffffffu);
	write_bytes(bad, data, len);
	assert_int_equal(cache_load(bad, &c), STATUS_CORRUPT);
	free(data);
	free(path);
	rowset_free(&rs);
}

/* Several writers at once, each its own content, and a reader meanwhile. */
struct writer_arg {
	const char *path;
	int id;
};

static void *
writer_thread(void *p)
{
	const struct writer_arg *a = p;
	struct cache_writer w;
	char uuid[32], id[64];

	snprintf(uuid, sizeof(uuid), "writer-%d", a->id);
	for (int round = 0; round < 30; round++) {
		cache_writer_begin(&w, uuid, "t", (unsigned long)round);
		cache_writer_meta(&w, "*", (size_t)(a->id + 1) * 50, 0);
		for (int i = 0; i < (a->id + 1) * 50; i++) {
			snprintf(id, sizeof(id), "m%d-%d@x", a->id, i);
			cache_writer_add(&w, id, "/f", i, false, NULL, 0, NULL, 0);
		}
		if (cache_writer_commit(&w, a->path) != STATUS_OK)
			abort();
		cache_writer_free(&w);
	}
	return NULL;
}

static void
test_concurrent(void **state)
{
	char path[512];
	struct writer_arg a[4];
	pthread_t t[4];
	struct cache *c;
	int loads = 0;

	(void)state;
	snprintf(path, sizeof(path), "%s/conc.cache", dir);
	for (int i = 0; i < 4; i++) {
		a[i] = (struct writer_arg){ path, i };
		assert_int_equal(pthread_create(&t[i], NULL, writer_thread, &a[i]), 0);
	}
	/* Whatever moment it is read at, the file is one writer's whole file. */
	for (int k = 0; k < 200; k++) {
		enum status st = cache_load(path, &c);

		assert_true(st == STATUS_OK || st == STATUS_NOENT);
		if (st == STATUS_OK) {
			int id = c->uuid[7] - '0';

			assert_true(strncmp(c->uuid, "writer-", 7) == 0 && id >= 0 && id < 4);
			assert_int_equal(c->n, (size_t)(id + 1) * 50);
			loads++;
			cache_free(c);
		}
	}
	for (int i = 0; i < 4; i++)
		pthread_join(t[i], NULL);
	assert_int_equal(cache_load(path, &c), STATUS_OK);
	assert_int_equal(c->n, (size_t)(c->uuid[7] - '0' + 1) * 50);
	cache_free(c);
	(void)loads;
	/* No temporary file is left behind. */
	{
		DIR *d = opendir(dir);
		struct dirent *de;

		while ((de = readdir(d)) != NULL)
			assert_null(strstr(de->d_name, ".tmp."));
		closedir(d);
	}
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
	cache_writer_meta(&w, "*", 1, 0);
	cache_writer_add(&w, "x@y", "f", 0, false, NULL, 0, NULL, 0);
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
		cmocka_unit_test(test_foreign),
		cmocka_unit_test(test_concurrent),
		cmocka_unit_test(test_path),
		cmocka_unit_test(test_replace),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
