/*
 * queue_msglog — delay reasons for Exim's queue, from Exim's per-message
 * logs (msglog).  `exim -bp` lists no reason; the msglog of each queued
 * message holds one line per delivery attempt, e.g.
 *
 *   2026-11-28 14:28:57 someone@refused.test R=dnslookup T=remote_smtp defer (111): Connection refused
 *   2026-11-28 14:28:57 tempfail@remote.test R=dnslookup T=remote_smtp defer (-44) H=mx.remote.test [127.0.0.2]: SMTP error from remote mail server after RCPT TO:<tempfail@remote.test>: 450 4.4.7 ...
 *
 * (the main log writes the same with the message id and "==" before the
 * address, "**" for a failure; both forms are read too).  For each
 * recipient the LAST deferral naming it wins; its date, router,
 * transport and "defer (errno)" are cut off, a leading "H=host [ip]" is
 * written "host host [ip]" as in Exim's own bounces, so the classifier
 * gets the same kind of text as Postfix's delay_reason.  Lines that say
 * no cause ("retry time not reached": Exim did not try) are passed over,
 * so an earlier real attempt still counts.
 *
 * Reading is bounded (every byte is hostile): of each file only its last
 * QUEUE_MSGLOG_FILE_MAX bytes are read (the newest lines), at most
 * QUEUE_MSGLOG_MSG_MAX messages and QUEUE_MSGLOG_BYTES_MAX bytes in all,
 * for at most QUEUE_MSGLOG_TIME_MS; messages past a cap keep no reason and
 * are counted.  Message ids from the listing name files only when they
 * are 1..64 characters of [A-Za-z0-9-] (no path can be formed); files are
 * opened relative to the directory, without following symbolic links, and
 * only regular files are read.
 *
 * Call sequence:
 *	queue_parse(text, len, QUEUE_FORMAT_EXIM, now, &q);
 *	queue_msglog_apply(q, "/var/spool/exim4/msglog", &stats);
 * queue_msglog_apply() sets delay_reason of the recipients it finds and
 * classifies them again; q keeps owning everything.  Where the directory
 * comes from: queue_run (core/queue/queue_run.h) asks Exim (exim -bP
 * spool_directory); a saved listing needs the caller to name one.
 * Both the flat (msglog/ID) and split (msglog/X/ID, X the sixth
 * character of the id, split_spool_directory) layouts are tried.
 */
#ifndef BOUNCEQ_QUEUE_MSGLOG_H
#define BOUNCEQ_QUEUE_MSGLOG_H

#include <stddef.h>

#include "core/queue/queue.h"
#include "core/shared/status.h"

/* Bytes read from the end of one msglog file. */
#define QUEUE_MSGLOG_FILE_MAX ((size_t)64 * 1024)
/* Messages whose msglog is looked up. */
#define QUEUE_MSGLOG_MSG_MAX 100000
/* Bytes read from all msglog files together. */
#define QUEUE_MSGLOG_BYTES_MAX ((size_t)256 * 1024 * 1024)
/* Wall-clock time spent reading msglog files (a slow or network disk). */
#define QUEUE_MSGLOG_TIME_MS 10000

struct queue_msglog_stats {
	size_t read;		/* msglog files read */
	size_t missing;		/* messages without a readable msglog (gone, bad id) */
	size_t capped;		/* messages not looked up: past a cap */
};

/*
 * Sets the delay_reason of every recipient of m that text (a msglog, or
 * main log lines) has a deferral for, replacing what was there; recipients
 * without one are left alone.  Does not classify.  Linear in len.
 */
void queue_msglog_read(struct queue_msg *m, const char *text, size_t len);

/*
 * The delay reason text gives address (its last deferral, cut as above),
 * as a new string, or NULL when there is none.  For tests and callers
 * with one address.
 */
char *queue_msglog_reason(const char *text, size_t len, const char *address);

/*
 * Reads the msglog of each message of q (an Exim queue) from dir, sets
 * the delay reasons found and classifies them.  stats may be NULL.
 * Returns STATUS_OK (also when some files are missing: messages leave the
 * queue while it is read), STATUS_NOENT or STATUS_IO when dir cannot be
 * opened, STATUS_INVALID when q is a Postfix queue.  q is changed only on
 * STATUS_OK.
 */
enum status queue_msglog_apply(struct queue *q, const char *dir,
    struct queue_msglog_stats *stats);

#endif
