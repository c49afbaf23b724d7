/*
 * The cache loader (core/index/cache.c) on any bytes, two ways, chosen by
 * the first byte:
 *  - even: the rest is a cache file, re-sealed with the right checksum so
 *    the checks behind it are reached; it loads or is STATUS_CORRUPT, and
 *    what loads is consistent (every entry's rows in range, every string
 *    readable, every message-id found again);
 *  - odd: the rest, split at newlines, is the strings of rows and entries
 *    written with the cache writer; the file loads back equal.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/index/cache.h"
#include "core/shared/buf.h"
#include "tests/fuzz/check.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
check_loaded(struct cache *c)
{
	size_t sum = 0;

	CHECK(c->uuid != NULL && c->tag != NULL && c->query != NULL);
	sum += strlen(c->uuid) + strlen(c->tag) + strlen(c->query);
	for (size_t i = 0; i < c->n; i++) {
		const struct cache_entry *e = &c->e[i];

		CHECK(e->msgid != NULL);
		CHECK(e->row0 + e->nrows <= c->rows.n && e->other0 + e->nother <= c->rows.nother);
		CHECK(cache_find(c, e->msgid) != NULL);
		sum += strlen(e->msgid) + (e->file ? strlen(e->file) : 0);
	}
	for (size_t i = 0; i < c->rows.n + c->rows.nother; i++) {
		const struct row *r = i < c->rows.n ? &c->rows.rows[i] :
		    &c->rows.other[i - c->rows.n];

		CHECK(r->kind <= BOUNCE_KIND_MDN);
		CHECK(i >= c->rows.n || (r->chain < c->rows.nchains && r->chain_len >= 1));
		for (int k = 0; k < ROW_STR_COUNT; k++)
			sum += r->s[k] ? strlen(r->s[k]) : 0;
	}
	for (size_t i = 0; i < c->ndirs; i++)
		sum += strlen(c->dirs[i].path);
	(void)sum;
}

static void
raw(const uint8_t *data, size_t size)
{
	char *bytes = xmalloc(size + 1);
	struct cache *c = NULL;
	enum status st;

	memcpy(bytes, data, size);
	if (size >= 16 && size % 8 == 0) {
		uint64_t h = cache_checksum(bytes, size - 8);

		memcpy(bytes + size - 8, &h, 8);
	}
	st = cache_parse(bytes, size, &c);
	CHECK(st == STATUS_OK || st == STATUS_CORRUPT);
	CHECK((st == STATUS_OK) == (c != NULL));
	if (c != NULL)
		check_loaded(c);
	cache_free(c);
}

static void
roundtrip(const uint8_t *data, size_t size)
{
	struct buf text = BUF_INIT;
	struct cache_writer w;
	struct rowset rs = ROWSET_INIT;
	struct cache *c = NULL;
	char path[64], *p, *nl, **s = NULL;
	size_t ns = 0;

	/* The strings: lines without NULs (a NUL ends a C string). */
	buf_add(&text, data, size);
	buf_addc(&text, '\0');
	for (p = text.data; ; p = nl + 1) {
		nl = strchr(p, '\n');
		if (nl != NULL)
			*nl = '\0';
		s = xrealloc(s, (ns + 1) * sizeof(*s));
		s[ns++] = p;
		if (nl == NULL)
			break;
	}
	for (size_t i = 0; i < ns; i++) {
		struct row *r = i % 3 == 2 ? rowset_add_other(&rs) : rowset_add(&rs);

		for (int k = 0; k < ROW_STR_COUNT; k++)
			if ((i + (size_t)k) % 4 != 0)
				row_set(r, (enum row_str)k, s[(i + (size_t)k) % ns]);
		r->kind = (enum bounce_kind)(i % (BOUNCE_KIND_MDN + 1));
		r->hard = i % 2;
		r->date = (time_t)i * 1000;
		r->chain_len = 1;	/* as rowset_chain() leaves every row */
	}
	cache_writer_begin(&w, s[0], s[ns - 1], ns);
	cache_writer_meta(&w, s[ns / 2], ns, 1);
	cache_writer_dir(&w, s[0], 1, 2);
	cache_writer_add(&w, s[0], s[ns - 1], 7, false, rs.rows, rs.n, rs.other, rs.nother);
	snprintf(path, sizeof(path), "/tmp/fuzz-cache-%ld.cache", (long)getpid());
	CHECK(cache_writer_commit(&w, path) == STATUS_OK);
	cache_writer_free(&w);
	CHECK(cache_load(path, &c) == STATUS_OK);
	unlink(path);
	check_loaded(c);
	CHECK(strcmp(c->uuid, s[0]) == 0 && strcmp(c->tag, s[ns - 1]) == 0);
	CHECK(strcmp(c->query, s[ns / 2]) == 0 && c->queried == ns && c->n == 1);
	CHECK(c->rows.n == rs.n && c->rows.nother == rs.nother);
	for (size_t i = 0; i < rs.n + rs.nother; i++) {
		const struct row *a = i < rs.n ? &rs.rows[i] : &rs.other[i - rs.n];
		const struct row *b = i < rs.n ? &c->rows.rows[i] : &c->rows.other[i - rs.n];

		CHECK(a->kind == b->kind && a->hard == b->hard && a->date == b->date);
		for (int k = 0; k < ROW_STR_COUNT; k++)
			CHECK((a->s[k] == NULL && b->s[k] == NULL) ||
			    (a->s[k] && b->s[k] && strcmp(a->s[k], b->s[k]) == 0));
	}
	cache_free(c);
	rowset_free(&rs);
	free(s);
	buf_free(&text);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size == 0)
		return 0;
	if (data[0] % 2 == 0)
		raw(data + 1, size - 1);
	else
		roundtrip(data + 1, size - 1);
	return 0;
}
