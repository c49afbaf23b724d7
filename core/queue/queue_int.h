/*
 * queue_int — what the listing readers (queue_postfix.c, queue_exim.c)
 * share with queue.c.  Internal to core/.
 *
 * A reader walks the listing with queue_line_next(), fills a
 * struct queue_msg with the queue_msg_* helpers (strings are copied, cut
 * at QUEUE_STR_MAX on a character boundary) and hands it to
 * queue_keep(), which takes it over, or counts it in q->dropped past the
 * caps.  Classification happens after reading, in queue.c
 * (queue_classify()); queue_msglog*.c adds Exim's reasons and classifies
 * again.
 */
#ifndef BOUNCEQ_QUEUE_INT_H
#define BOUNCEQ_QUEUE_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "core/queue/queue.h"

struct queue_line {
	const char *p;		/* not NUL-terminated */
	size_t len;		/* without the line ending */
	bool too_long;		/* longer than QUEUE_LINE_MAX: to be skipped */
};

/*
 * The next line of text[*pos..len) in *line, *pos moved past it; false at
 * the end.  CRLF and LF both end a line.
 */
bool queue_line_next(const char *text, size_t len, size_t *pos, struct queue_line *line);

/* A copy of s[0..n), cut at QUEUE_STR_MAX bytes on a UTF-8 boundary. */
char *queue_strndup(const char *s, size_t n);

/* Appends a recipient (address copied) to m; its domain is filled in. */
struct queue_rcpt *queue_msg_add_rcpt(struct queue_msg *m, const char *addr, size_t n);

/* Frees what m owns (not m itself) and zeroes it. */
void queue_msg_clear(struct queue_msg *m);

/*
 * Moves *m into q (m is zeroed), or counts it in q->dropped and clears it
 * when q holds QUEUE_MSG_MAX messages; recipients past QUEUE_RCPT_MAX are
 * dropped the same way.
 */
void queue_keep(struct queue *q, struct queue_msg *m);

/*
 * Classifies every recipient of q from its delay_reason (none: undefined),
 * each distinct (domain, reason) once.  queue_parse() and
 * queue_msglog_apply() call it once the reasons are known.
 */
void queue_classify(struct queue *q);

/* The readers: append what they find to q, count the rest in q->skipped. */
void queue_read_postfix(struct queue *q, const char *text, size_t len);
void queue_read_exim(struct queue *q, const char *text, size_t len, time_t now);

#endif
