#include "core/index/cache.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/shared/file.h"

static const char magic[8] = { 'B', 'O', 'U', 'N', 'C', 'E', 'Q', 'C' };

#define NO_STR 0xffffffffu
/* Smallest encoded row: kind, hard, date and ROW_STR_COUNT absent strings. */
#define MIN_ROW (1 + 1 + 8 + 4 * ROW_STR_COUNT)
#define CACHE_MAX_SIZE ((size_t)2 * 1024 * 1024 * 1024)

static void
put_u32(struct buf *b, uint32_t v)
{
	unsigned char x[4];

	for (int i = 0; i < 4; i++)
		x[i] = (unsigned char)(v >> (8 * i));
	buf_add(b, x, 4);
}

static void
put_u64(struct buf *b, uint64_t v)
{
	unsigned char x[8];

	for (int i = 0; i < 8; i++)
		x[i] = (unsigned char)(v >> (8 * i));
	buf_add(b, x, 8);
}

static void
put_str(struct buf *b, const char *s)
{
	size_t n;

	if (s == NULL) {
		put_u32(b, NO_STR);
		return;
	}
	n = strlen(s);
	put_u32(b, (uint32_t)n);
	buf_add(b, s, n);
}

void
cache_path(const char *dir, const char *dbpath, char **out)
{
	struct buf b = BUF_INIT;

	buf_printf(&b, "%s/%016llx.cache", dir,
	    (unsigned long long)strmap_hash(dbpath, strlen(dbpath)));
	*out = buf_steal(&b);
}

void
cache_writer_begin(struct cache_writer *w, const char *uuid, const char *tag,
    unsigned long rev)
{
	memset(w, 0, sizeof(*w));
	buf_add(&w->out, magic, sizeof(magic));
	put_u32(&w->out, CACHE_VERSION);
	put_str(&w->out, uuid);
	put_str(&w->out, tag ? tag : "");
	put_u64(&w->out, rev);
	w->count_at = w->out.len;
	put_u64(&w->out, 0);
}

static void
put_rows(struct buf *b, const struct row *rows, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		buf_addc(b, (char)rows[i].kind);
		buf_addc(b, rows[i].hard ? 1 : 0);
		put_u64(b, (uint64_t)(int64_t)rows[i].date);
		for (int c = 0; c < ROW_STR_COUNT; c++)
			put_str(b, rows[i].s[c]);
	}
}

void
cache_writer_add(struct cache_writer *w, const char *msgid, const char *file,
    const struct row *rows, size_t nrows, const struct row *other, size_t nother)
{
	put_str(&w->out, msgid);
	put_str(&w->out, file);
	put_u64(&w->out, nrows);
	put_u64(&w->out, nother);
	put_rows(&w->out, rows, nrows);
	put_rows(&w->out, other, nother);
	w->count++;
}

static enum status
mkdirs(const char *path)
{
	char *p = xstrdup(path);
	enum status st = STATUS_OK;

	for (char *s = p + 1; ; s++) {
		if (*s != '/' && *s != '\0')
			continue;
		char c = *s;
		*s = '\0';
		if (mkdir(p, 0700) != 0 && errno != EEXIST) {
			st = STATUS_IO;
			break;
		}
		*s = c;
		if (c == '\0')
			break;
	}
	free(p);
	return st;
}

enum status
cache_writer_commit(struct cache_writer *w, const char *path)
{
	struct buf tmp = BUF_INIT;
	char *dir = xstrdup(path), *slash;
	size_t off = 0;
	uint64_t sum;
	enum status st = STATUS_IO;
	int fd = -1;

	/* Patch the count, then seal everything with the checksum. */
	for (int i = 0; i < 8; i++)
		w->out.data[w->count_at + i] = (char)((uint64_t)w->count >> (8 * i));
	sum = strmap_hash(w->out.data, w->out.len);
	put_u64(&w->out, sum);

	if ((slash = strrchr(dir, '/')) != NULL && slash != dir) {
		*slash = '\0';
		if (mkdirs(dir) != STATUS_OK)
			goto out;
	}
	buf_printf(&tmp, "%s.tmp.%ld", path, (long)getpid());
	if ((fd = open(tmp.data, O_WRONLY | O_CREAT | O_TRUNC, 0600)) < 0)
		goto out;
	while (off < w->out.len) {
		ssize_t n = write(fd, w->out.data + off, w->out.len - off);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			goto out;
		off += (size_t)n;
	}
	if (fsync(fd) != 0 || close(fd) != 0) {
		fd = -1;
		goto out;
	}
	fd = -1;
	if (rename(tmp.data, path) != 0)
		goto out;
	st = STATUS_OK;
out:
	if (fd >= 0)
		close(fd);
	if (st != STATUS_OK && tmp.data != NULL)
		unlink(tmp.data);
	buf_free(&tmp);
	free(dir);
	return st;
}

void
cache_writer_free(struct cache_writer *w)
{
	buf_free(&w->out);
	w->count = 0;
}

/* A bounds-checked reader over the loaded bytes. */
struct reader {
	const unsigned char *p;
	size_t len, off;
	bool bad;
};

static uint64_t
get_n(struct reader *r, int n)
{
	uint64_t v = 0;

	if (r->bad || r->len - r->off < (size_t)n) {
		r->bad = true;
		return 0;
	}
	for (int i = 0; i < n; i++)
		v |= (uint64_t)r->p[r->off + i] << (8 * i);
	r->off += (size_t)n;
	return v;
}

static char *
get_str(struct reader *r)
{
	uint64_t n = get_n(r, 4);
	char *s;

	if (r->bad || n == NO_STR)
		return NULL;
	if (n > r->len - r->off || memchr(r->p + r->off, '\0', n) != NULL) {
		r->bad = true;
		return NULL;
	}
	s = xstrndup((const char *)r->p + r->off, n);
	r->off += n;
	return s;
}

static void
get_rows(struct reader *r, struct rowset *rs, uint64_t n, bool other)
{
	for (uint64_t i = 0; i < n && !r->bad; i++) {
		struct row *row = other ? rowset_add_other(rs) : rowset_add(rs);
		uint64_t kind = get_n(r, 1);

		if (kind > BOUNCE_KIND_MDN)
			r->bad = true;
		row->kind = (enum bounce_kind)kind;
		row->hard = get_n(r, 1) != 0;
		row->date = (time_t)(int64_t)get_n(r, 8);
		for (int c = 0; c < ROW_STR_COUNT; c++)
			row->s[c] = get_str(r);
	}
}

void
cache_free(struct cache *c)
{
	if (c == NULL)
		return;
	for (size_t i = 0; i < c->n; i++) {
		free(c->e[i].msgid);
		free(c->e[i].file);
		rowset_free(&c->e[i].rows);
	}
	free(c->e);
	free(c->uuid);
	free(c->tag);
	strmap_free(&c->by_id);
	free(c);
}

enum status
cache_load(const char *path, struct cache **out)
{
	struct reader r = { 0 };
	struct cache *c = NULL;
	char *data = NULL;
	size_t len = 0;
	uint64_t count, sum = 0;
	enum status st;

	*out = NULL;
	if ((st = file_read(path, CACHE_MAX_SIZE, &data, &len)) != STATUS_OK)
		return st == STATUS_NOENT ? STATUS_NOENT :
		    st == STATUS_TOO_LARGE ? STATUS_CORRUPT : STATUS_IO;
	st = STATUS_CORRUPT;
	if (len < sizeof(magic) + 4 + 4 + 8 + 8 + 8 ||
	    memcmp(data, magic, sizeof(magic)) != 0)
		goto fail;
	for (int i = 0; i < 8; i++)
		sum |= (uint64_t)(unsigned char)data[len - 8 + i] << (8 * i);
	if (sum != strmap_hash(data, len - 8))
		goto fail;
	r.p = (const unsigned char *)data;
	r.len = len - 8;
	r.off = sizeof(magic);
	if (get_n(&r, 4) != CACHE_VERSION)
		goto fail;
	c = xcalloc(1, sizeof(*c));
	c->uuid = get_str(&r);
	c->tag = get_str(&r);
	c->revision = (unsigned long)get_n(&r, 8);
	count = get_n(&r, 8);
	if (r.bad || c->uuid == NULL || c->tag == NULL || count > (r.len - r.off) / 24)
		goto fail;
	c->e = xcalloc(count + 1, sizeof(*c->e));
	for (uint64_t i = 0; i < count && !r.bad; i++) {
		struct cache_entry *e = &c->e[c->n++];
		uint64_t nr, no;

		e->msgid = get_str(&r);
		e->file = get_str(&r);
		nr = get_n(&r, 8);
		no = get_n(&r, 8);
		if (r.bad || e->msgid == NULL ||
		    nr > (r.len - r.off) / MIN_ROW || no > (r.len - r.off) / MIN_ROW) {
			r.bad = true;
			break;
		}
		get_rows(&r, &e->rows, nr, false);
		get_rows(&r, &e->rows, no, true);
		if (!r.bad)
			strmap_put(&c->by_id, e->msgid, i);
	}
	if (r.bad || r.off != r.len)
		goto fail;
	free(data);
	*out = c;
	return STATUS_OK;
fail:
	cache_free(c);
	free(data);
	return st;
}

const struct cache_entry *
cache_find(const struct cache *c, const char *msgid)
{
	size_t i;

	if (c == NULL || !strmap_get(&c->by_id, msgid, &i))
		return NULL;
	return &c->e[i];
}
