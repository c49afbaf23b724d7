/*
 * cache — decoded rows kept between runs, so a run over an unchanged
 * notmuch database decodes nothing and does not even ask notmuch for the
 * messages (core/index/index.c decides; this module is the file).
 *
 * A cache file belongs to one database, one query and one decoder: it
 * records the database's UUID and the revision (lastmod) it was written
 * at, the query, a tag naming the program that wrote it (another tag: the
 * decoder may have changed, everything is decoded again), how many
 * messages the query matched, the modification times of the directories
 * the files are in (a file deleted behind notmuch's back changes its
 * directory), and per message (notmuch message-id, in query order) its
 * date, the file it was decoded from, whether that file was missing, and
 * its rows, with the chain numbers rowset_chain() gave them.
 *
 * The layout is made to be loaded with one read and a validation pass,
 * never a parse per field (host byte order, every record fixed-size):
 *	header | entries | rows | other rows | directories | strings | checksum
 * Every string of the file is stored once in the string table (NUL
 * terminated) and named by its offset; a loaded row's strings point
 * straight into the file's bytes, which the loaded rowset's pool owns.
 * A truncated, flipped, foreign-version, other-endian or otherwise
 * inconsistent file (any offset or count out of range, a checksum that
 * does not match) is STATUS_CORRUPT: rebuilt, never trusted.
 *
 * The file lives in DIR/<hash of the database path>.cache and is written
 * to a temporary file of its own (mkstemp) in DIR, then renamed over the
 * old one, so two writers at once leave one whole file or the other.
 *
 * Call sequence:
 *	cache_path(dir, dbpath, &path);
 *	cache_load(path, &c)	(STATUS_NOENT: none yet; STATUS_CORRUPT: rebuild)
 *	cache_find(c, msgid) -> entry; c->rows.rows[e->row0 ..]
 *	write a new one with struct cache_writer (below)
 *	cache_free(c)
 */
#ifndef BOUNCEQ_CACHE_H
#define BOUNCEQ_CACHE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "core/model/row.h"
#include "core/shared/buf.h"
#include "core/shared/status.h"
#include "core/shared/strmap.h"

/* Bump when the file layout or the decoder's output changes. */
#define CACHE_VERSION 3	/* 3: one string table, fixed records; rows carry will_retry_until */

/* One message; its strings point into the cache's bytes. */
struct cache_entry {
	const char *msgid;
	const char *file;	/* decoded from; NULL when it had none */
	time_t date;
	size_t row0, nrows;	/* its rows: c->rows.rows[row0 .. row0 + nrows) */
	size_t other0, nother;	/* and c->rows.other[other0 ..) */
	bool missing;		/* no file could be read: try again */
};

struct cache_dir {
	const char *path;
	int64_t sec, nsec;	/* its st_mtim when the cache was written */
};

struct cache {
	const char *uuid, *tag, *query;
	unsigned long revision;
	size_t queried;		/* messages the query matched */
	struct cache_entry *e;
	size_t n;
	struct cache_dir *dirs;
	size_t ndirs;
	struct rowset rows;	/* every entry's rows; its pool owns the file's bytes */
	struct strmap by_id;	/* built by the first cache_find() */
	bool indexed;
};

/* Builds DIR/<hash>.cache into *out (caller frees). */
void cache_path(const char *dir, const char *dbpath, char **out);

/*
 * Reads a cache file.  STATUS_OK and a new cache in *out; STATUS_NOENT when
 * there is none; STATUS_CORRUPT when it cannot be trusted; STATUS_IO.
 */
enum status cache_load(const char *path, struct cache **out);

/* Checks and adopts bytes[0..len) (malloc'd; taken in every case) as a cache. */
enum status cache_parse(char *bytes, size_t len, struct cache **out);

/*
 * The checksum the file ends with, over n bytes (a multiple of 8): for the
 * tests and the fuzzer, which re-seal damaged files to reach the checks
 * behind it.
 */
uint64_t cache_checksum(const void *p, size_t n);

/* The entry for msgid, or NULL (the first call builds the index). */
const struct cache_entry *cache_find(struct cache *c, const char *msgid);

void cache_free(struct cache *c);

/*
 * Writing: cache_writer_begin(), cache_writer_meta(), one cache_writer_dir()
 * per directory, one cache_writer_add() per message in query order (its
 * rows and other rows, borrowed), then cache_writer_commit() writes a
 * temporary file in the same directory (created if needed) and renames it
 * over path.  cache_writer_free() also after a commit.
 */
struct cache_writer_slot;

struct cache_writer {
	struct buf strs, entries, rows, other, dirs;
	struct cache_writer_slot *slot;	/* the string table's index */
	size_t nslot, capslot;
	size_t nentries, nrows, nother, ndirs;
	uint32_t uuid, tag, query;
	uint64_t revision, queried, nchains;
	bool too_big;			/* a string offset passed 32 bits */
};

void cache_writer_begin(struct cache_writer *w, const char *uuid, const char *tag,
    unsigned long rev);
/* The query, how many messages it matched, how many chains the rows have. */
void cache_writer_meta(struct cache_writer *w, const char *query, size_t queried,
    size_t nchains);
void cache_writer_dir(struct cache_writer *w, const char *path, int64_t sec, int64_t nsec);
void cache_writer_add(struct cache_writer *w, const char *msgid, const char *file,
    time_t date, bool missing, const struct row *rows, size_t nrows,
    const struct row *other, size_t nother);
/* STATUS_OK, STATUS_IO, STATUS_TOO_LARGE. */
enum status cache_writer_commit(struct cache_writer *w, const char *path);
void cache_writer_free(struct cache_writer *w);

#endif
