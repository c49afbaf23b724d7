/*
 * cache — decoded rows kept between runs, so a second run over an
 * unchanged notmuch database decodes nothing.
 *
 * A cache file belongs to one database and one decoder: it records the
 * database's UUID, the revision (lastmod) at which it was written, a tag
 * naming the program that wrote it (a different tag means the decoder may
 * have changed: everything is decoded again), and for each message
 * (notmuch message-id) the file name it was decoded from and its rows.  A
 * message is reused when the UUIDs match, its file name is unchanged and it
 * did not match "lastmod:REV+1.." (it has not changed since); everything
 * else is decoded again.
 *
 * The file lives in DIR/<hash of the database path>.cache, is written to a
 * temporary file in DIR and renamed over the old one, and ends with a
 * checksum: a truncated, corrupt or foreign file (bad magic, version,
 * checksum, lengths) is reported as STATUS_CORRUPT and never used.
 *
 * Call sequence:
 *	cache_path(dir, dbpath, &path);
 *	cache_load(path, &c)	(STATUS_NOENT: none yet; STATUS_CORRUPT: rebuild)
 *	cache_find(c, msgid, &e) ... e->rows
 *	write a new one with struct cache_writer (below)
 *	cache_free(c)
 */
#ifndef BOUNCEQ_CACHE_H
#define BOUNCEQ_CACHE_H

#include <stddef.h>

#include "core/model/row.h"
#include "core/shared/buf.h"
#include "core/shared/status.h"
#include "core/shared/strmap.h"

/* Bump when the file layout or the decoder's output changes. */
#define CACHE_VERSION 2	/* 2: rows carry will_retry_until */

struct cache_entry {
	char *msgid;
	char *file;
	struct rowset rows;	/* its rows (rows and other) */
};

struct cache {
	char *uuid;
	char *tag;
	unsigned long revision;
	struct cache_entry *e;
	size_t n;
	struct strmap by_id;
};

/* Builds DIR/<hash>.cache into *out (caller frees). */
void cache_path(const char *dir, const char *dbpath, char **out);

/*
 * Reads a cache file.  STATUS_OK and a new cache in *out; STATUS_NOENT when
 * there is none; STATUS_CORRUPT when it cannot be trusted; STATUS_IO.
 */
enum status cache_load(const char *path, struct cache **out);

/* The entry for msgid, or NULL. */
const struct cache_entry *cache_find(const struct cache *c, const char *msgid);

void cache_free(struct cache *c);

/*
 * Writing: cache_writer_begin(), one cache_writer_add() per message (its
 * rows and other rows, borrowed), cache_writer_commit() writes PATH.tmp.PID
 * in the same directory (created if needed) and renames it over path.
 */
struct cache_writer {
	struct buf out;
	size_t count;
	size_t count_at;	/* where the message count goes in the header */
};

void cache_writer_begin(struct cache_writer *w, const char *uuid, const char *tag,
    unsigned long rev);
void cache_writer_add(struct cache_writer *w, const char *msgid, const char *file,
    const struct row *rows, size_t nrows, const struct row *other, size_t nother);
enum status cache_writer_commit(struct cache_writer *w, const char *path);
/* Frees the writer's memory (also after commit). */
void cache_writer_free(struct cache_writer *w);

#endif
