/*
 * Reading Exim's msglog files for a queue: which file belongs to which
 * message, and the caps (core/queue/queue_msglog.h) that keep a huge or hostile
 * spool from costing more than a bounded read.
 */
#include "core/queue/queue_msglog.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/queue/queue_int.h"
#include "core/shared/buf.h"
#include "core/shared/clock.h"

/* Longest message id that names a file (Exim 4.97's are 23 characters). */
#define MSGID_MAX 64

/* What one queue_msglog_apply() may still spend. */
struct budget {
	size_t msgs, bytes;
	long long deadline_ms;
};

/* A message id that can only name a file in the directory, never a path. */
static bool
id_ok(const char *id)
{
	size_t n = strlen(id);

	if (n == 0 || n > MSGID_MAX)
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = id[i];

		if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') ||
		    (c >= 'a' && c <= 'z') || c == '-'))
			return false;
	}
	return true;
}

/*
 * Opens id's msglog under dfd: msglog/ID, or msglog/X/ID with
 * split_spool_directory (X: the id's sixth character).  -1 when neither
 * is a regular file.  O_NONBLOCK: a FIFO planted there must not hang us.
 */
static int
open_msglog(int dfd, const char *id)
{
	const int flags = O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC | O_NOCTTY;
	char split[2 + MSGID_MAX + 1];
	struct stat st;
	int fd = openat(dfd, id, flags);

	if (fd < 0 && strlen(id) > 5) {
		split[0] = id[5];
		split[1] = '/';
		memcpy(split + 2, id, strlen(id) + 1);
		fd = openat(dfd, split, flags);
	}
	if (fd < 0)
		return -1;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return -1;
	}
	return fd;
}

/*
 * The last min(size, max) bytes of fd in *b, their count in *nread; when
 * the read starts inside the file, the cut first line is dropped.  False
 * on a read error.
 */
static bool
read_tail(int fd, size_t max, struct buf *b, size_t *nread)
{
	struct stat st;
	off_t from = 0;
	size_t got = 0, skip = 0;
	char *p;

	buf_reset(b);
	if (fstat(fd, &st) != 0)
		return false;
	if (st.st_size > (off_t)max)
		from = st.st_size - (off_t)max;
	/* The file may grow while it is read: never past max bytes. */
	p = xmalloc(max + 1);
	while (got < max) {
		ssize_t n = pread(fd, p + got, max - got, from + (off_t)got);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			free(p);
			return false;
		}
		if (n == 0)
			break;
		got += (size_t)n;
	}
	if (from > 0) {
		char *nl = memchr(p, '\n', got);

		skip = nl ? (size_t)(nl - p) + 1 : got;
	}
	buf_add(b, p + skip, got - skip);
	free(p);
	*nread = got;
	return true;
}

enum status
queue_msglog_apply(struct queue *q, const char *dir, struct queue_msglog_stats *stats)
{
	struct queue_msglog_stats none;
	struct budget left = { QUEUE_MSGLOG_MSG_MAX, QUEUE_MSGLOG_BYTES_MAX,
	    clock_ms() + QUEUE_MSGLOG_TIME_MS };
	struct buf text = BUF_INIT;
	int dfd;

	if (stats == NULL)
		stats = &none;
	memset(stats, 0, sizeof(*stats));
	if (strcmp(q->mta, "postfix") == 0)
		return STATUS_INVALID;
	if ((dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0)
		return errno == ENOENT || errno == ENOTDIR ? STATUS_NOENT : STATUS_IO;
	for (size_t i = 0; i < q->nmessages; i++) {
		struct queue_msg *m = &q->messages[i];
		size_t max = QUEUE_MSGLOG_FILE_MAX, got = 0;
		int fd;

		if (m->nrecipients == 0)
			continue;
		if (left.msgs == 0 || left.bytes == 0 || clock_ms() >= left.deadline_ms) {
			stats->capped++;
			continue;
		}
		left.msgs--;
		if (!id_ok(m->id) || (fd = open_msglog(dfd, m->id)) < 0) {
			stats->missing++;
			continue;
		}
		if (max > left.bytes)
			max = left.bytes;
		if (!read_tail(fd, max, &text, &got)) {
			stats->missing++;
			close(fd);
			continue;
		}
		close(fd);
		left.bytes -= got;
		stats->read++;
		queue_msglog_read(m, text.data, text.len);
	}
	close(dfd);
	buf_free(&text);
	queue_classify(q);
	return STATUS_OK;
}
