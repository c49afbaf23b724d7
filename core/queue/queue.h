/*
 * queue — the local MTA's mail queue as data: which messages wait, for
 * whom, since when, and why (each recipient's last delay reason, classified
 * by the same classifier as bounces: reason, hard/soft, status, reply code).
 *
 * Two listings are read, both as saved text or as captured by queue_run
 * (core/queue/queue_run.h):
 *   - Postfix `postqueue -j`: one JSON object per line.  A small bounded
 *     reader takes queue_name, queue_id, arrival_time, message_size,
 *     forced_expire, sender and recipients[{address, delay_reason}];
 *     other members are skipped, a malformed line is counted in skipped.
 *   - Exim `exim -bp`: "<age> <size> <id> <sender>" (optionally
 *     "*** frozen ***"), indented recipient lines ("D " = delivered, left
 *     out), a blank line between messages.  Exim lists no delay reason:
 *     delay_reason stays NULL and reason is "undefined" until
 *     queue_msglog_apply() (core/queue/queue_msglog.h) reads them from Exim's
 *     msglog files.  The arrival time
 *     comes from the message id (its first six base-62 digits are the
 *     arrival second) when that agrees with the listed age, else now - age.
 *
 * Every byte is hostile: lines longer than QUEUE_LINE_MAX are skipped
 * (counted), strings are cut at QUEUE_STR_MAX bytes, messages and
 * recipients past QUEUE_MSG_MAX / QUEUE_RCPT_MAX are counted in dropped,
 * not kept.  Work is linear in the input; identical delay reasons are
 * classified once.
 *
 * Call sequence:
 *	struct queue *q;
 *	queue_parse(text, len, QUEUE_FORMAT_AUTO, time(NULL), &q);
 *	walk q->messages[i].recipients[j];  queue_free(q);
 * queue_parse() classifies every recipient before it returns.  The struct
 * queue owns every string and array in it, except queue_rcpt.reason, which
 * is a static taxonomy name.  Nothing points into the input text.
 */
#ifndef BOUNCEQ_QUEUE_H
#define BOUNCEQ_QUEUE_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "core/shared/status.h"

/*
 * Longest listing line read; a longer one is skipped (counted).  A Postfix
 * message is one line with all its recipients: 32 MiB is ~300,000 of them.
 */
#define QUEUE_LINE_MAX ((size_t)32 * 1024 * 1024)
/* Longest string kept (address, sender, delay reason), in bytes. */
#define QUEUE_STR_MAX 2000
/* Messages and recipients (all messages together) kept; the rest is dropped. */
#define QUEUE_MSG_MAX 1000000
#define QUEUE_RCPT_MAX 2000000
/* Largest listing accepted; larger is STATUS_TOO_LARGE. */
#define QUEUE_INPUT_MAX ((size_t)1024 * 1024 * 1024)

enum queue_format {
	QUEUE_FORMAT_AUTO,	/* a first non-blank byte '{' means Postfix */
	QUEUE_FORMAT_POSTFIX,	/* postqueue -j */
	QUEUE_FORMAT_EXIM	/* exim -bp */
};

struct queue_rcpt {
	char *address;
	char *domain;		/* lower case; "" when the address has none */
	char *delay_reason;	/* the MTA's text (Exim: from its msglog), or NULL */
	char *status;		/* x.y.z from the classifier, or NULL */
	char *reply_code;	/* "451", or NULL */
	const char *reason;	/* static taxonomy name; "undefined" without a delay reason */
	bool hard;		/* retrying cannot help */
};

struct queue_msg {
	char *id;
	char *queue;		/* Postfix: deferred, active, hold, incoming,
				 * maildrop; Exim: queued, frozen */
	time_t arrival;		/* Unix time, or -1 when unknown */
	long long size;		/* bytes, or -1 when unknown */
	char *sender;		/* "" for the null sender */
	bool forced_expire;	/* Postfix: postsuper -e */
	struct queue_rcpt *recipients;
	size_t nrecipients;
};

struct queue {
	const char *mta;	/* static: "postfix", "exim", "unknown" (empty input) */
	struct queue_msg *messages;
	size_t nmessages;
	size_t nrecipients;	/* sum over messages */
	size_t skipped;		/* lines or records that could not be read */
	size_t dropped;		/* messages + recipients over the caps */
};

/* The format of a listing: POSTFIX or EXIM; AUTO when it is empty. */
enum queue_format queue_detect(const char *text, size_t len);

/*
 * Parses a listing.  now anchors Exim's relative ages.  Returns STATUS_OK
 * and a new struct queue in *out (empty input is an empty queue: Postfix
 * and Exim print nothing then), STATUS_TOO_LARGE past QUEUE_INPUT_MAX,
 * STATUS_NOT_QUEUE when the text has lines but none is a queue entry of
 * the format.  *out is NULL on error.
 */
enum status queue_parse(const char *text, size_t len, enum queue_format fmt,
    time_t now, struct queue **out);

/*
 * Classifies one delay reason (NULL: none) into r's status, reply_code,
 * reason and hard, with the bounce classifier.  queue_parse() calls it;
 * exposed for tests and for callers that build recipients themselves.
 */
void queue_rcpt_classify(struct queue_rcpt *r, const char *delay_reason);

/* Minutes between arrival and now (0 when arrival is unknown or later). */
long long queue_age_minutes(const struct queue_msg *m, time_t now);

void queue_free(struct queue *q);

#endif
