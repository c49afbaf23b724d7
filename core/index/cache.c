#include "core/index/cache.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

#include "core/model/strpool.h"

static const char magic[8] = { 'B', 'O', 'U', 'N', 'C', 'E', 'Q', 'C' };

#define NO_STR 0xffffffffu
#define ENDIAN_MARK 0x01020304u
#define ENTRY_MISSING 1u
#define CACHE_MAX_SIZE ((size_t)2 * 1024 * 1024 * 1024)

/*
 * The records, in host byte order (ENDIAN_MARK tells another order), every
 * size a multiple of 8 so each section starts aligned.  Writers memset
 * them first: padding is written as zeros and checksummed like the rest.
 */
struct disk_head {
	char magic[8];
	uint32_t version, endian;
	uint32_t ncols, rowsize, entrysize, dirsize;
	uint32_t uuid, tag, query, pad;
	uint64_t revision, queried, nchains;
	uint64_t nentries, nrows, nother, ndirs, strsize;
};

struct disk_entry {
	int64_t date;
	uint32_t msgid, file, row0, nrows, other0, nother, flags, pad;
};

struct disk_row {
	int64_t date;
	uint32_t chain, chain_len;
	uint32_t s[ROW_STR_COUNT];
	uint8_t kind, hard, superseded, pad;
};

struct disk_dir {
	int64_t sec, nsec;
	uint32_t path, pad;
};

_Static_assert(sizeof(struct disk_head) % 8 == 0, "aligned header");
_Static_assert(sizeof(struct disk_entry) % 8 == 0, "aligned entries");
_Static_assert(sizeof(struct disk_row) % 8 == 0, "aligned rows");
_Static_assert(sizeof(struct disk_dir) % 8 == 0, "aligned directories");

/*
 * The checksum, a word at a time (the file is read whole on every warm
 * start: byte-wise FNV was a visible part of it).  Each step is a
 * bijection of the state for a given word and of the word for a given
 * state, so any change confined to one word always changes the result;
 * wider damage goes unseen with probability 2^-64.
 */
struct sum {
	uint64_t h;
};

static void
sum_add(struct sum *s, const void *p, size_t n)
{
	const unsigned char *b = p;
	uint64_t h = s->h, w;
	size_t i;

	/* Callers pass multiples of 8 (every section is). */
	for (i = 0; i + 8 <= n; i += 8) {
		memcpy(&w, b + i, 8);
		h = (h ^ w) * 0xff51afd7ed558ccdULL;
		h ^= h >> 32;
	}
	for (; i < n; i++) {
		h = (h ^ b[i]) * 0xc4ceb9fe1a85ec53ULL;
		h ^= h >> 32;
	}
	s->h = h;
}

uint64_t
cache_checksum(const void *p, size_t n)
{
	struct sum s = { 0x9e3779b97f4a7c15ULL };

	sum_add(&s, p, n);
	return s.h;
}

void
cache_path(const char *dir, const char *dbpath, char **out)
{
	struct buf b = BUF_INIT;

	buf_printf(&b, "%s/%016llx.cache", dir,
	    (unsigned long long)strmap_hash(dbpath, strlen(dbpath)));
	*out = buf_steal(&b);
}

/* Writing. */

struct cache_writer_slot {
	uint64_t hash;
	uint32_t off;
	uint32_t used;
};

/* FNV-1a, the one string hash (core/shared/strmap.h); *len its length. */
static uint64_t
str_hash(const char *s, size_t *len)
{
	*len = strlen(s);
	return strmap_hash(s, *len);
}

static void
slots_grow(struct cache_writer *w)
{
	size_t cap = w->capslot ? w->capslot * 2 : 1024;
	struct cache_writer_slot *s = xcalloc(cap, sizeof(*s));

	for (size_t i = 0; i < w->capslot; i++) {
		size_t j;

		if (!w->slot[i].used)
			continue;
		for (j = (size_t)w->slot[i].hash & (cap - 1); s[j].used; j = (j + 1) & (cap - 1))
			;
		s[j] = w->slot[i];
	}
	free(w->slot);
	w->slot = s;
	w->capslot = cap;
}

/* The offset of s in the string table, added once. */
static uint32_t
str_off(struct cache_writer *w, const char *s)
{
	uint64_t h;
	size_t len, i;

	if (s == NULL)
		return NO_STR;
	if ((w->nslot + 1) * 2 > w->capslot)
		slots_grow(w);
	h = str_hash(s, &len);
	for (i = (size_t)h & (w->capslot - 1); w->slot[i].used; i = (i + 1) & (w->capslot - 1))
		if (w->slot[i].hash == h && strcmp(w->strs.data + w->slot[i].off, s) == 0)
			return w->slot[i].off;
	if (w->strs.len + len + 1 >= NO_STR) {
		w->too_big = true;
		return NO_STR;
	}
	w->slot[i].used = 1;
	w->slot[i].hash = h;
	w->slot[i].off = (uint32_t)w->strs.len;
	w->nslot++;
	buf_add(&w->strs, s, len + 1);
	return w->slot[i].off;
}

void
cache_writer_begin(struct cache_writer *w, const char *uuid, const char *tag,
    unsigned long rev)
{
	memset(w, 0, sizeof(*w));
	w->uuid = str_off(w, uuid ? uuid : "");
	w->tag = str_off(w, tag ? tag : "");
	w->query = str_off(w, "");
	w->revision = rev;
}

void
cache_writer_meta(struct cache_writer *w, const char *query, size_t queried,
    size_t nchains)
{
	w->query = str_off(w, query ? query : "");
	w->queried = queried;
	w->nchains = nchains;
}

void
cache_writer_dir(struct cache_writer *w, const char *path, int64_t sec, int64_t nsec)
{
	struct disk_dir d;

	memset(&d, 0, sizeof(d));
	d.path = str_off(w, path);
	d.sec = sec;
	d.nsec = nsec;
	buf_add(&w->dirs, &d, sizeof(d));
	w->ndirs++;
}

static void
put_rows(struct cache_writer *w, struct buf *b, const struct row *rows, size_t n)
{
	struct disk_row d;

	for (size_t i = 0; i < n; i++) {
		memset(&d, 0, sizeof(d));
		d.date = (int64_t)rows[i].date;
		d.chain = (uint32_t)rows[i].chain;
		d.chain_len = (uint32_t)rows[i].chain_len;
		for (int c = 0; c < ROW_STR_COUNT; c++)
			d.s[c] = str_off(w, rows[i].s[c]);
		d.kind = (uint8_t)rows[i].kind;
		d.hard = rows[i].hard;
		d.superseded = rows[i].superseded;
		buf_add(b, &d, sizeof(d));
	}
}

void
cache_writer_add(struct cache_writer *w, const char *msgid, const char *file,
    time_t date, bool missing, const struct row *rows, size_t nrows,
    const struct row *other, size_t nother)
{
	struct disk_entry e;

	memset(&e, 0, sizeof(e));
	e.date = (int64_t)date;
	e.msgid = str_off(w, msgid ? msgid : "");
	e.file = str_off(w, file);
	e.row0 = (uint32_t)w->nrows;
	e.nrows = (uint32_t)nrows;
	e.other0 = (uint32_t)w->nother;
	e.nother = (uint32_t)nother;
	e.flags = missing ? ENTRY_MISSING : 0;
	buf_add(&w->entries, &e, sizeof(e));
	put_rows(w, &w->rows, rows, nrows);
	put_rows(w, &w->other, other, nother);
	w->nentries++;
	w->nrows += nrows;
	w->nother += nother;
	if (w->nrows >= NO_STR || w->nother >= NO_STR)
		w->too_big = true;
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

static bool
write_all(int fd, struct iovec *iov, int n)
{
	while (n > 0) {
		ssize_t k = writev(fd, iov, n);

		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			return false;
		while (n > 0 && (size_t)k >= iov->iov_len) {
			k -= (ssize_t)iov->iov_len;
			iov++;
			n--;
		}
		if (n > 0) {
			iov->iov_base = (char *)iov->iov_base + k;
			iov->iov_len -= (size_t)k;
		}
	}
	return true;
}

enum status
cache_writer_commit(struct cache_writer *w, const char *path)
{
	struct disk_head h;
	struct sum sum = { 0x9e3779b97f4a7c15ULL };
	struct buf tmp = BUF_INIT;
	struct iovec iov[7];
	char *dir = xstrdup(path), *slash;
	enum status st = STATUS_IO;
	int fd = -1;

	if (w->too_big) {
		free(dir);
		return STATUS_TOO_LARGE;
	}
	/* The string table ends with NULs up to a multiple of 8. */
	do
		buf_addc(&w->strs, '\0');
	while (w->strs.len % 8 != 0);
	memset(&h, 0, sizeof(h));
	memcpy(h.magic, magic, sizeof(magic));
	h.version = CACHE_VERSION;
	h.endian = ENDIAN_MARK;
	h.ncols = ROW_STR_COUNT;
	h.rowsize = sizeof(struct disk_row);
	h.entrysize = sizeof(struct disk_entry);
	h.dirsize = sizeof(struct disk_dir);
	h.uuid = w->uuid;
	h.tag = w->tag;
	h.query = w->query;
	h.revision = w->revision;
	h.queried = w->queried;
	h.nchains = w->nchains;
	h.nentries = w->nentries;
	h.nrows = w->nrows;
	h.nother = w->nother;
	h.ndirs = w->ndirs;
	h.strsize = w->strs.len;
	iov[0] = (struct iovec){ &h, sizeof(h) };
	iov[1] = (struct iovec){ w->entries.data, w->entries.len };
	iov[2] = (struct iovec){ w->rows.data, w->rows.len };
	iov[3] = (struct iovec){ w->other.data, w->other.len };
	iov[4] = (struct iovec){ w->dirs.data, w->dirs.len };
	iov[5] = (struct iovec){ w->strs.data, w->strs.len };
	for (int i = 0; i < 6; i++)
		if (iov[i].iov_len > 0)
			sum_add(&sum, iov[i].iov_base, iov[i].iov_len);
	iov[6] = (struct iovec){ &sum.h, sizeof(sum.h) };

	if ((slash = strrchr(dir, '/')) != NULL && slash != dir) {
		*slash = '\0';
		if (mkdirs(dir) != STATUS_OK)
			goto out;
	}
	/*
	 * A name of its own (mkstemp), so concurrent writers never share a
	 * temporary file; rename() makes one whole file or the other the cache.
	 * No fsync: a file cut short by a crash fails the checksum and is
	 * rebuilt, never trusted.
	 */
	buf_printf(&tmp, "%s.tmp.%ld.XXXXXX", path, (long)getpid());
	if ((fd = mkstemp(tmp.data)) < 0) {
		buf_free(&tmp);
		goto out;
	}
	if (!write_all(fd, iov, 7))
		goto out;
	if (close(fd) != 0) {
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
	buf_free(&w->strs);
	buf_free(&w->entries);
	buf_free(&w->rows);
	buf_free(&w->other);
	buf_free(&w->dirs);
	free(w->slot);
	memset(w, 0, sizeof(*w));
}

/* Reading. */

void
cache_free(struct cache *c)
{
	if (c == NULL)
		return;
	rowset_free(&c->rows);
	free(c->e);
	free(c->dirs);
	strmap_free(&c->by_id);
	free(c);
}

/* The string at off, NULL for NO_STR; *bad when off is out of the table. */
static const char *
str_at(const char *strs, uint64_t size, uint32_t off, bool *bad)
{
	if (off == NO_STR)
		return NULL;
	if (off >= size) {
		*bad = true;
		return NULL;
	}
	return strs + off;
}

/* Does n records of size fit in the left bytes?  (Never overflows.) */
static bool
fits(uint64_t n, size_t size, size_t *left)
{
	if (n > *left / size)
		return false;
	*left -= (size_t)n * size;
	return true;
}

static bool
load_rows(const char *p, uint64_t n, const char *strs, uint64_t strsize, bool chained,
    uint64_t nchains, struct row **out, size_t *count, size_t *cap)
{
	struct disk_row d;
	bool bad = false;
	struct row *rows = xcalloc((size_t)n + 1, sizeof(*rows));

	*out = rows;
	*count = *cap = (size_t)n;
	for (size_t i = 0; i < n && !bad; i++) {
		memcpy(&d, p + i * sizeof(d), sizeof(d));
		/* Rows (not other rows) were chained before they were written. */
		if (d.kind > BOUNCE_KIND_MDN || d.hard > 1 || d.superseded > 1 ||
		    (chained && (d.chain >= nchains || d.chain_len == 0 || d.chain_len > n)))
			return false;
		rows[i].date = (time_t)d.date;
		rows[i].chain = d.chain;
		rows[i].chain_len = d.chain_len;
		rows[i].kind = (enum bounce_kind)d.kind;
		rows[i].hard = d.hard;
		rows[i].superseded = d.superseded;
		for (int c = 0; c < ROW_STR_COUNT; c++)
			rows[i].s[c] = str_at(strs, strsize, d.s[c], &bad);
	}
	return !bad;
}

enum status
cache_parse(char *data, size_t len, struct cache **out)
{
	struct disk_head h;
	struct sum sum = { 0x9e3779b97f4a7c15ULL };
	struct cache *c = NULL;
	const char *p, *strs;
	size_t left;
	uint64_t stored;
	bool bad = false;

	*out = NULL;
	if (len < sizeof(h) + sizeof(stored) || len % 8 != 0)
		goto fail;
	memcpy(&h, data, sizeof(h));
	if (memcmp(h.magic, magic, sizeof(magic)) != 0 || h.version != CACHE_VERSION ||
	    h.endian != ENDIAN_MARK || h.ncols != ROW_STR_COUNT ||
	    h.rowsize != sizeof(struct disk_row) || h.entrysize != sizeof(struct disk_entry) ||
	    h.dirsize != sizeof(struct disk_dir))
		goto fail;
	/* The sections' sizes must add up to the file exactly. */
	left = len - sizeof(h) - sizeof(stored);
	if (!fits(h.nentries, sizeof(struct disk_entry), &left) ||
	    !fits(h.nrows, sizeof(struct disk_row), &left) ||
	    !fits(h.nother, sizeof(struct disk_row), &left) ||
	    !fits(h.ndirs, sizeof(struct disk_dir), &left) ||
	    h.strsize != left || h.strsize == 0 || h.queried < h.nentries ||
	    h.nrows >= NO_STR || h.nother >= NO_STR)
		goto fail;
	sum_add(&sum, data, len - sizeof(stored));
	memcpy(&stored, data + len - sizeof(stored), sizeof(stored));
	if (stored != sum.h)
		goto fail;
	strs = data + len - sizeof(stored) - h.strsize;
	if (strs[h.strsize - 1] != '\0')
		goto fail;

	c = xcalloc(1, sizeof(*c));
	/* From here on the rows point into data: the pool owns it. */
	strpool_adopt(rowset_pool(&c->rows), data);
	data = NULL;
	c->uuid = str_at(strs, h.strsize, h.uuid, &bad);
	c->tag = str_at(strs, h.strsize, h.tag, &bad);
	c->query = str_at(strs, h.strsize, h.query, &bad);
	c->revision = (unsigned long)h.revision;
	c->queried = (size_t)h.queried;
	if (bad || c->uuid == NULL || c->tag == NULL || c->query == NULL)
		goto fail;
	p = strs - h.ndirs * sizeof(struct disk_dir) - (h.nrows + h.nother) *
	    sizeof(struct disk_row) - h.nentries * sizeof(struct disk_entry);
	c->e = xcalloc((size_t)h.nentries + 1, sizeof(*c->e));
	for (size_t i = 0; i < h.nentries; i++) {
		struct disk_entry d;
		struct cache_entry *e = &c->e[i];

		memcpy(&d, p + i * sizeof(d), sizeof(d));
		if ((uint64_t)d.row0 + d.nrows > h.nrows ||
		    (uint64_t)d.other0 + d.nother > h.nother || (d.flags & ~ENTRY_MISSING) != 0)
			goto fail;
		e->msgid = str_at(strs, h.strsize, d.msgid, &bad);
		e->file = str_at(strs, h.strsize, d.file, &bad);
		if (bad || e->msgid == NULL)
			goto fail;
		e->date = (time_t)d.date;
		e->row0 = d.row0;
		e->nrows = d.nrows;
		e->other0 = d.other0;
		e->nother = d.nother;
		e->missing = (d.flags & ENTRY_MISSING) != 0;
	}
	c->n = (size_t)h.nentries;
	p += h.nentries * sizeof(struct disk_entry);
	if (!load_rows(p, h.nrows, strs, h.strsize, true, h.nchains, &c->rows.rows, &c->rows.n,
	    &c->rows.cap))
		goto fail;
	p += h.nrows * sizeof(struct disk_row);
	if (!load_rows(p, h.nother, strs, h.strsize, false, 0, &c->rows.other, &c->rows.nother,
	    &c->rows.capother))
		goto fail;
	c->rows.nchains = (size_t)h.nchains;
	p += h.nother * sizeof(struct disk_row);
	c->dirs = xcalloc((size_t)h.ndirs + 1, sizeof(*c->dirs));
	for (size_t i = 0; i < h.ndirs; i++) {
		struct disk_dir d;

		memcpy(&d, p + i * sizeof(d), sizeof(d));
		c->dirs[i].path = str_at(strs, h.strsize, d.path, &bad);
		c->dirs[i].sec = d.sec;
		c->dirs[i].nsec = d.nsec;
		if (bad || c->dirs[i].path == NULL)
			goto fail;
	}
	c->ndirs = (size_t)h.ndirs;
	*out = c;
	return STATUS_OK;
fail:
	cache_free(c);
	free(data);
	return STATUS_CORRUPT;
}

enum status
cache_load(const char *path, struct cache **out)
{
	struct stat sb;
	char *data;
	size_t off = 0;
	int fd;

	*out = NULL;
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return errno == ENOENT ? STATUS_NOENT : STATUS_IO;
	if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
		close(fd);
		return STATUS_CORRUPT;
	}
	if ((uint64_t)sb.st_size > CACHE_MAX_SIZE) {
		close(fd);
		return STATUS_CORRUPT;
	}
	/* One read of the whole file: the writer renames, never rewrites in place. */
	data = xmalloc((size_t)sb.st_size + 1);
	while (off < (size_t)sb.st_size) {
		ssize_t n = read(fd, data + off, (size_t)sb.st_size - off);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			free(data);
			close(fd);
			return STATUS_IO;
		}
		if (n == 0)
			break;
		off += (size_t)n;
	}
	close(fd);
	return cache_parse(data, off, out);
}

const struct cache_entry *
cache_find(struct cache *c, const char *msgid)
{
	size_t i;

	if (c == NULL)
		return NULL;
	if (!c->indexed) {
		for (size_t k = 0; k < c->n; k++)
			strmap_put(&c->by_id, c->e[k].msgid, k);
		c->indexed = true;
	}
	if (!strmap_get(&c->by_id, msgid, &i))
		return NULL;
	return &c->e[i];
}
