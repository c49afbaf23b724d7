/*
 * Unit tests for the queue listings (core/queue*.c): Postfix postqueue -j
 * and Exim -bp as the real MTAs wrote them (tests/data/queue/), hostile
 * input (broken JSON, binary junk, over-long lines, 100,000 recipients),
 * delay reasons through the bounce classifier, and the qshape-style shape
 * with a fixed now: buckets, sorting, top-N folding, causes, filters.
 * Exim's delay reasons from its msglog files (core/queue/queue_msglog.h): the
 * real files of the e2e run, both spool layouts, the main-log forms, and
 * hostile files (junk, huge lines, FIFOs, symbolic links, 100,000 lines).
 * Running the MTA's command (core/queue/queue_run.h) at a path the caller
 * names, with /bin/sh scripts standing in for postqueue and exim: the
 * arguments each gets, the MTA told by the name, and a cancel descriptor
 * that stops a command that never answers at once, leaving no child.
 */
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <cmocka.h>

#include "core/decode/source.h"
#include "core/knowledge/reason.h"
#include "core/queue/queue.h"
#include "core/queue/queue_msglog.h"
#include "core/queue/queue_run.h"
#include "core/queue/queue_shape.h"
#include "core/shared/buf.h"
#include "core/shared/file.h"

/* Arrival of the e2e run's first Exim message, 2026-11-28T14:13:16Z. */
#define EXIM_T0 1795875196

static struct queue *
parse_file(const char *path, enum queue_format fmt, time_t now)
{
	struct queue *q = NULL;
	char *text;
	size_t len;

	assert_int_equal(file_read(path, QUEUE_INPUT_MAX, &text, &len), STATUS_OK);
	assert_int_equal(queue_parse(text, len, fmt, now, &q), STATUS_OK);
	free(text);
	return q;
}

static struct queue *
parse_str(const char *text, time_t now)
{
	struct queue *q = NULL;

	assert_int_equal(queue_parse(text, strlen(text), QUEUE_FORMAT_AUTO, now, &q), STATUS_OK);
	return q;
}

static const struct queue_rcpt *
find_rcpt(const struct queue *q, const char *addr, const struct queue_msg **msg)
{
	for (size_t i = 0; i < q->nmessages; i++)
		for (size_t j = 0; j < q->messages[i].nrecipients; j++)
			if (strcmp(q->messages[i].recipients[j].address, addr) == 0) {
				if (msg)
					*msg = &q->messages[i];
				return &q->messages[i].recipients[j];
			}
	fail_msg("no recipient %s", addr);
	abort();
}

/* Postfix 3.7.11 in the e2e namespace, the four deferred cases. */
static void
test_postfix_real(void **state)
{
	struct queue *q = parse_file("tests/data/queue/postfix-e2e-deferred.json",
	    QUEUE_FORMAT_AUTO, EXIM_T0);
	const struct queue_msg *m;
	const struct queue_rcpt *r;

	(void)state;
	assert_string_equal(q->mta, "postfix");
	assert_int_equal(q->nmessages, 4);
	assert_int_equal(q->nrecipients, 5);
	assert_int_equal(q->skipped, 0);
	assert_int_equal(q->dropped, 0);

	r = find_rcpt(q, "tempfail@remote.test", &m);
	assert_string_equal(m->id, "2EBF3A867D1");
	assert_string_equal(m->queue, "deferred");
	assert_int_equal(m->arrival, 1795875161);
	assert_int_equal(m->size, 526);
	assert_string_equal(m->sender, "bqtest@local.e2e.test");
	assert_false(m->forced_expire);
	assert_string_equal(r->domain, "remote.test");
	assert_string_equal(r->reason, "expired");
	assert_string_equal(r->status, "4.4.7");
	assert_string_equal(r->reply_code, "450");
	assert_false(r->hard);

	r = find_rcpt(q, "someone@servfail.test", &m);
	assert_string_equal(m->id, "2D7C2A867C1");
	assert_string_equal(r->reason, "networkerror");
	assert_non_null(strstr(r->delay_reason, "Host not found, try again"));
	assert_null(r->reply_code);
	assert_false(r->hard);

	r = find_rcpt(q, "someone@refused.test", NULL);
	assert_string_equal(r->reason, "networkerror");
	assert_string_equal(r->delay_reason,
	    "connect to mx.refused.test[127.0.0.4]:25: Connection refused");

	for (int i = 0; i < 2; i++) {
		r = find_rcpt(q, i ? "greylist@bank.test" : "greylist+2@bank.test", &m);
		assert_string_equal(m->id, "2F5DAA867E1");
		assert_string_equal(r->domain, "bank.test");
		assert_string_equal(r->reason, "blocked");
		assert_string_equal(r->status, "4.7.1");
		assert_string_equal(r->reply_code, "451");
	}
	queue_free(q);
}

/* Exim 4.96 in the e2e namespace: same cases, no delay reasons. */
static void
test_exim_real(void **state)
{
	time_t now = EXIM_T0 + 30;
	struct queue *q = parse_file("tests/data/queue/exim-e2e-deferred.txt",
	    QUEUE_FORMAT_AUTO, now);
	const struct queue_msg *m;
	const struct queue_rcpt *r;

	(void)state;
	assert_string_equal(q->mta, "exim");
	assert_int_equal(q->nmessages, 4);
	assert_int_equal(q->nrecipients, 5);
	assert_int_equal(q->skipped, 0);
	r = find_rcpt(q, "someone@servfail.test", &m);
	assert_string_equal(m->id, "1xXJAy-0006c9-3C");
	assert_string_equal(m->queue, "queued");
	assert_int_equal(m->size, 548);
	/* "0m" is rounded; the id's base-62 second is exact. */
	assert_int_equal(m->arrival, EXIM_T0);
	assert_null(r->delay_reason);
	assert_string_equal(r->reason, "undefined");
	assert_false(r->hard);
	r = find_rcpt(q, "greylist+2@bank.test", &m);
	assert_string_equal(m->id, "1xXJAz-0006cZ-1z");
	assert_int_equal(m->nrecipients, 2);
	assert_string_equal(r->domain, "bank.test");
	queue_free(q);
}

/* Frozen, null sender, delivered (D, +D), sizes, ages, no blank line. */
static void
test_exim_handmade(void **state)
{
	time_t now = EXIM_T0 + 25 * 60 + 10;
	struct queue *q = parse_file("tests/data/queue/exim-handmade.txt", QUEUE_FORMAT_EXIM, now);
	const struct queue_msg *m;

	(void)state;
	assert_int_equal(q->nmessages, 4);
	assert_int_equal(q->nrecipients, 5);
	assert_int_equal(q->skipped, 0);
	m = &q->messages[0];
	assert_string_equal(m->sender, "alice@Example.COM");
	assert_int_equal(m->size, 2969);
	assert_int_equal(m->arrival, EXIM_T0);	/* the id agrees with 25m */
	assert_int_equal(m->nrecipients, 2);	/* carol was delivered */
	assert_string_equal(m->recipients[1].address, "dave@other.example");
	m = &q->messages[1];
	assert_string_equal(m->queue, "frozen");
	assert_string_equal(m->sender, "");
	assert_int_equal(m->size, 23 * 1024);
	assert_int_equal(m->arrival, now - 4 * 3600);	/* the id does not agree with 4h */
	m = &q->messages[2];
	assert_string_equal(m->queue, "queued");
	assert_int_equal(m->size, 1258291);
	assert_int_equal(m->nrecipients, 1);	/* +D frank */
	m = &q->messages[3];
	assert_string_equal(m->id, "1xXJB1-0006cZ-1z");
	assert_int_equal(m->size, 512);
	assert_string_equal(m->recipients[0].domain, "example.org");
	queue_free(q);
}

static void
test_hostile_postfix(void **state)
{
	struct queue *q = parse_file("tests/data/queue/postfix-hostile.json",
	    QUEUE_FORMAT_AUTO, 1795872000);
	const struct queue_msg *m;
	const struct queue_rcpt *r;

	(void)state;
	assert_int_equal(q->nmessages, 2);
	assert_int_equal(q->skipped, 5);
	r = find_rcpt(q, "a@Good.Example", &m);
	assert_string_equal(m->id, "AAA1");
	assert_string_equal(m->sender, "");
	assert_string_equal(r->domain, "good.example");
	assert_string_equal(r->reason, "expired");
	m = &q->messages[1];
	assert_string_equal(m->queue, "hold");
	assert_true(m->forced_expire);
	assert_null(m->recipients[0].delay_reason);
	assert_string_equal(m->recipients[0].reason, "undefined");
	/* Escapes decoded; NUL becomes U+FFFD, the terminal is not the reader's job. */
	assert_string_equal(m->recipients[1].address, "esc\033]0;x\007@evil.example");
	assert_string_equal(m->recipients[1].domain, "evil.example");
	assert_string_equal(m->recipients[1].delay_reason,
	    "\xc3\xa9\xf0\x9f\x98\x80 \xef\xbf\xbdnul");
	queue_free(q);
}

/*
 * One postqueue -j line after a good one: the queue read from both, or
 * NULL when the line was skipped (one message, one skipped).
 */
static struct queue *
after_good(const char *line)
{
	struct buf b = BUF_INIT;
	struct queue *q = NULL;

	buf_adds(&b, "{\"queue_name\": \"deferred\", \"queue_id\": \"GOOD\", "
	    "\"recipients\": [{\"address\": \"g@good.example\"}]}\n");
	buf_adds(&b, line);
	buf_addc(&b, '\n');
	assert_int_equal(queue_parse(b.data, b.len, QUEUE_FORMAT_POSTFIX, 0, &q), STATUS_OK);
	buf_free(&b);
	assert_string_equal(q->messages[0].id, "GOOD");
	if (q->skipped == 1) {
		assert_int_equal(q->nmessages, 1);
		queue_free(q);
		return NULL;
	}
	assert_int_equal(q->skipped, 0);
	assert_int_equal(q->nmessages, 2);
	return q;
}

/* A message line with its own members after queue_id and recipients. */
static struct queue *
msg_line(const char *rcpt, const char *extra)
{
	struct buf b = BUF_INIT;
	struct queue *q;

	buf_printf(&b, "{\"queue_id\": \"M\", \"recipients\": [{\"address\": \"%s\"}]%s}",
	    rcpt, extra);
	q = after_good(b.data);
	buf_free(&b);
	return q;
}

/*
 * Hostile JSON lines: kept as the hand-written reader kept them, or
 * skipped and counted; never a crash, never a hang.
 */
static void
test_hostile_json(void **state)
{
	struct buf b = BUF_INIT;
	struct queue *q;

	(void)state;
	/* "\u0000" is U+FFFD (Postfix never writes it, the old reader read it). */
	q = msg_line("a\\u0000b@x.example", "");
	assert_non_null(q);
	assert_string_equal(q->messages[1].recipients[0].address, "a\xef\xbf\xbd" "b@x.example");
	queue_free(q);
	/* Duplicate names: which id, or which recipients, is undefined. */
	assert_null(msg_line("a@x.example", ", \"queue_id\": \"N\""));
	assert_null(msg_line("a@x.example", ", \"recipients\": [{\"address\": \"b@x.example\"}]"));
	assert_null(after_good("{\"queue_id\": \"M\", \"recipients\": [{\"address\": \"a@x.example\", "
	    "\"address\": \"b@x.example\"}]}"));
	/* Unknown members may nest 64 deep; 65 or jansson's 2048 are malformed. */
	for (int d = 64; d <= 65; d++) {
		buf_reset(&b);
		buf_adds(&b, ", \"x\": ");
		for (int i = 0; i < d; i++)
			buf_adds(&b, i % 2 ? "[" : "{\"k\": ");
		buf_adds(&b, "null");
		for (int i = d - 1; i >= 0; i--)
			buf_addc(&b, i % 2 ? ']' : '}');
		q = msg_line("a@x.example", b.data);
		if (d == 64) {
			assert_non_null(q);
			queue_free(q);
		} else
			assert_null(q);
	}
	buf_reset(&b);
	buf_adds(&b, ", \"x\": ");
	for (int i = 0; i < 200000; i++)
		buf_adds(&b, "[{\"y\": ");
	assert_null(msg_line("a@x.example", b.data));
	/* Numbers: an arrival past long long, fractions, exponents, leading zeros. */
	assert_null(msg_line("a@x.example", ", \"arrival_time\": 99999999999999999999"));
	assert_null(msg_line("a@x.example", ", \"arrival_time\": 1.5"));
	assert_null(msg_line("a@x.example", ", \"arrival_time\": 1e3"));
	assert_null(msg_line("a@x.example", ", \"message_size\": 017"));
	assert_null(msg_line("a@x.example", ", \"unknown\": 1e999"));
	q = msg_line("a@x.example", ", \"arrival_time\": -5, \"message_size\": 9223372036854775807");
	assert_non_null(q);
	assert_int_equal(q->messages[1].arrival, -1);
	assert_int_equal(q->messages[1].size, 9223372036854775807LL);
	queue_free(q);
	/* Known members of the wrong type. */
	assert_null(msg_line("a@x.example", ", \"sender\": null"));
	assert_null(msg_line("a@x.example", ", \"forced_expire\": \"yes\""));
	assert_null(msg_line("a@x.example", ", \"arrival_time\": \"0\""));
	assert_null(after_good("{\"queue_id\": \"M\", \"recipients\": {\"address\": \"a@x.example\"}}"));
	assert_null(after_good("{\"queue_id\": \"M\", \"recipients\": [\"a@x.example\"]}"));
	assert_null(after_good("{\"queue_id\": \"M\", \"recipients\": [{\"delay_reason\": \"x\"}]}"));
	assert_null(after_good("{\"queue_id\": \"M\", \"recipients\": [{\"address\": 1}]}"));
	assert_null(after_good("{\"queue_name\": \"deferred\", \"recipients\": []}"));
	/* Names are exact: "Queue_ID" is an unknown member, so no id. */
	assert_null(after_good("{\"Queue_ID\": \"M\", \"recipients\": []}"));
	/* Invalid UTF-8, lone surrogates, bad escapes, raw controls, NUL bytes. */
	assert_null(msg_line("caf\xe9@x.example", ""));
	assert_null(msg_line("\xed\xa0\x80@x.example", ""));
	assert_null(msg_line("a\\ud800@x.example", ""));
	assert_null(msg_line("a\\q@x.example", ""));
	assert_null(msg_line("a\tb@x.example", ""));
	buf_reset(&b);
	buf_adds(&b, "{\"queue_id\": \"M\", \"recipients\": [{\"address\": \"aXb@x.example\"}]}\n");
	*strchr(b.data, 'X') = '\0';
	assert_int_equal(queue_parse(b.data, b.len, QUEUE_FORMAT_POSTFIX, 0, &q), STATUS_NOT_QUEUE);
	/* Blank lines are no messages and not skipped; trailing text is. */
	q = parse_str("\n \t\r\n{\"queue_id\": \"M\", \"recipients\": []}\n\n", 0);
	assert_int_equal(q->nmessages, 1);
	assert_int_equal(q->skipped, 0);
	queue_free(q);
	assert_null(after_good("{\"queue_id\": \"M\", \"recipients\": []} x"));
	q = after_good("{\"queue_id\": \"M\", \"recipients\": []} \t");
	assert_non_null(q);
	queue_free(q);
	buf_free(&b);
}

static void
test_not_a_queue(void **state)
{
	static const char junk[] = "\377\376\000binary\001junk\n\033[31m{red\n";
	struct queue *q = (struct queue *)1;

	(void)state;
	assert_int_equal(queue_parse(junk, sizeof(junk) - 1, QUEUE_FORMAT_AUTO, 0, &q),
	    STATUS_NOT_QUEUE);
	assert_null(q);
	assert_int_equal(queue_parse("{\"a\":\n{{{\n", 10, QUEUE_FORMAT_AUTO, 0, &q),
	    STATUS_NOT_QUEUE);
	/* An empty queue prints nothing: that is an empty queue, not an error. */
	assert_int_equal(queue_parse("", 0, QUEUE_FORMAT_AUTO, 0, &q), STATUS_OK);
	assert_string_equal(q->mta, "unknown");
	assert_int_equal(q->nmessages, 0);
	queue_free(q);
	assert_int_equal(queue_parse("\n\n", 2, QUEUE_FORMAT_EXIM, 0, &q), STATUS_OK);
	assert_string_equal(q->mta, "exim");
	queue_free(q);
	/* The size is checked before a byte is read. */
	assert_int_equal(queue_parse("", QUEUE_INPUT_MAX + 1, QUEUE_FORMAT_AUTO, 0, &q),
	    STATUS_TOO_LARGE);
	assert_null(q);
	assert_int_equal(queue_detect(" \n {", 4), QUEUE_FORMAT_POSTFIX);
	assert_int_equal(queue_detect(" 5m", 3), QUEUE_FORMAT_EXIM);
	assert_int_equal(queue_detect(" \r\n", 3), QUEUE_FORMAT_AUTO);
}

/* A line past QUEUE_LINE_MAX is skipped, the next one still read. */
static void
test_long_line(void **state)
{
	static const char good[] = "{\"queue_name\": \"deferred\", \"queue_id\": \"OK1\", "
	    "\"recipients\": [{\"address\": \"x@y.example\"}]}\n";
	size_t n = QUEUE_LINE_MAX + 100, len;
	char *text = xmalloc(n + sizeof(good) + 1);
	struct queue *q;

	(void)state;
	memset(text, 'a', n);
	text[0] = '{';
	text[n] = '\n';
	memcpy(text + n + 1, good, sizeof(good));
	len = n + sizeof(good);
	assert_int_equal(queue_parse(text, len, QUEUE_FORMAT_AUTO, 0, &q), STATUS_OK);
	assert_int_equal(q->skipped, 1);
	assert_int_equal(q->nmessages, 1);
	assert_string_equal(q->messages[0].id, "OK1");
	queue_free(q);
	/* A string past QUEUE_STR_MAX is cut, on a character boundary. */
	memcpy(text, "{\"queue_id\": \"", 14);
	for (size_t i = 14; i < 14 + 3 * 1000; i += 3)
		memcpy(text + i, "\xe2\x82\xac", 3);
	memcpy(text + 3014, "\"}", 3);
	assert_int_equal(queue_parse(text, 3016, QUEUE_FORMAT_AUTO, 0, &q), STATUS_OK);
	assert_int_equal(strlen(q->messages[0].id), QUEUE_STR_MAX - QUEUE_STR_MAX % 3);
	queue_free(q);
	free(text);
}

static double
elapsed_ms(const struct timespec *a)
{
	struct timespec b;

	clock_gettime(CLOCK_MONOTONIC, &b);
	return (double)(b.tv_sec - a->tv_sec) * 1e3 + (double)(b.tv_nsec - a->tv_nsec) / 1e6;
}

/*
 * 100,000 recipients in one Postfix message and 100,000 Exim messages:
 * linear work, three distinct delay reasons classified once each.
 */
static void
test_many(void **state)
{
	static const char *const why[] = {
		"connect to mx.d0.example[192.0.2.1]:25: Connection refused",
		"host mx.example.org[192.0.2.1] said: 451 4.7.1 Greylisted (in reply to RCPT TO command)",
		"host mx.example.org[192.0.2.1] said: 452 4.2.2 Mailbox full (in reply to RCPT TO command)",
	};
	struct buf b = BUF_INIT;
	struct queue *q;
	struct queue_shape *s;
	struct timespec t0;

	(void)state;
	buf_adds(&b, "{\"queue_name\": \"deferred\", \"queue_id\": \"BIG\", \"arrival_time\": 0, "
	    "\"recipients\": [");
	for (size_t i = 0; i < 100000; i++) {
		buf_printf(&b, "%s{\"address\": \"u%zu@d%zu.example\", \"delay_reason\": \"", i ? ", " : "",
		    i, i % 50);
		buf_adds(&b, why[i % 3]);
		buf_adds(&b, "\"}");
	}
	buf_adds(&b, "]}\n");
	clock_gettime(CLOCK_MONOTONIC, &t0);
	assert_int_equal(queue_parse(b.data, b.len, QUEUE_FORMAT_AUTO, 1000000, &q), STATUS_OK);
	fprintf(stderr, "test_queue: postqueue -j, 1 message x 100000 recipients (%zu bytes): "
	    "%.0f ms\n", b.len, elapsed_ms(&t0));
	assert_int_equal(q->nrecipients, 100000);
	assert_int_equal(queue_shape_build(q, NULL, QUEUE_BY_DOMAIN, 20, 1000000, &s), STATUS_OK);
	assert_int_equal(s->nrows, 21);
	assert_int_equal(s->total.total, 100000);
	assert_int_equal(s->ncauses, 3);
	queue_shape_free(s);
	queue_free(q);

	buf_reset(&b);
	for (size_t i = 0; i < 100000; i++)
		buf_printf(&b, "%2zum   1.%zuK 1xXJ%02zu-%06zu-AB <s@x.example>\n          r%zu@d%zu.example\n\n",
		    i % 60, i % 10, i % 62, i, i, i % 1000);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	assert_int_equal(queue_parse(b.data, b.len, QUEUE_FORMAT_AUTO, EXIM_T0, &q), STATUS_OK);
	fprintf(stderr, "test_queue: exim -bp, 100000 messages (%zu bytes): %.0f ms\n", b.len,
	    elapsed_ms(&t0));
	assert_int_equal(q->nmessages, 100000);
	assert_int_equal(q->nrecipients, 100000);
	assert_int_equal(q->skipped, 0);
	queue_free(q);
	buf_free(&b);
}

/* The delay reasons postmasters see most, through the bounce classifier. */
static void
test_classify(void **state)
{
	static const struct {
		const char *text, *reason, *status, *reply;
		bool hard;
	} cases[] = {
		{ "connect to mx.example.org[192.0.2.1]:25: Connection refused",
		    "networkerror", "4.4.0", NULL, false },
		{ "host mx.example.org[192.0.2.1] said: 451 4.7.1 Greylisted (in reply to RCPT TO command)",
		    "blocked", "4.7.1", "451", false },
		{ "Host or domain name not found. Name service error for name=example.org type=MX: "
		    "Host not found, try again", "networkerror", "4.4.0", NULL, false },
		{ "delivery temporarily suspended: Host or domain name not found. Name service error "
		    "for name=example.org type=MX: Host not found, try again",
		    "networkerror", "4.4.0", NULL, false },
		{ "delivery temporarily suspended: connect to mx.example.org[192.0.2.1]:25: "
		    "Connection timed out", "expired", "4.4.7", NULL, false },
		{ "host mx.example.org[192.0.2.1] said: 452 4.2.2 <u@example.org>: Mailbox full "
		    "(in reply to RCPT TO command)", "mailboxfull", "4.2.2", "452", false },
		{ "host mx.example.org[192.0.2.1] said: 421 4.7.0 Too many connections from your IP "
		    "(in reply to end of DATA command)", "ratelimited", "4.7.0", "421", false },
		{ "lost connection with mx.example.org[192.0.2.1] while receiving the initial "
		    "server greeting", "networkerror", "4.4.0", NULL, false },
		{ "host mx.example.org[192.0.2.1] refused to talk to me: 554 5.7.1 Service "
		    "unavailable; Client host [198.51.100.1] blocked using zen.spamhaus.org",
		    "blocked", "5.7.1", "554", false },
		{ "host mx.example.org[192.0.2.1] said: 451 4.3.0 Temporary system problem "
		    "(in reply to end of DATA command)", "systemerror", "4.3.0", "451", false },
		{ "mail for example.org loops back to myself", "networkerror", "4.4.0", NULL, false },
	};
	struct queue_rcpt r;

	(void)state;
	memset(&r, 0, sizeof(r));
	r.address = (char *)"u@example.org";
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		queue_rcpt_classify(&r, cases[i].text);
		if (strcmp(r.reason, cases[i].reason) != 0)
			fail_msg("%s: reason %s, expected %s", cases[i].text, r.reason, cases[i].reason);
		assert_string_equal(r.status, cases[i].status);
		if (cases[i].reply)
			assert_string_equal(r.reply_code, cases[i].reply);
		else
			assert_null(r.reply_code);
		assert_int_equal(r.hard, cases[i].hard);
		assert_non_null(reason_help(r.reason));
	}
	queue_rcpt_classify(&r, NULL);
	assert_string_equal(r.reason, "undefined");
	assert_null(r.status);
	assert_null(reason_help("nosuchreason"));
}

/* Ten messages of ages 0..2000 minutes, one per bucket, fixed now. */
#define NOW 1800000000
static const char shape_text[] =
"{\"queue_name\":\"deferred\",\"queue_id\":\"M0\",\"arrival_time\":1800000000,\"sender\":\"\",\"recipients\":[{\"address\":\"a@b.example\",\"delay_reason\":\"connect to mx.b.example[192.0.2.1]:25: Connection refused\"},{\"address\":\"b@b.example\",\"delay_reason\":\"connect to mx.b.example[192.0.2.1]:25: Connection refused\"}]}\n"
"{\"queue_name\":\"deferred\",\"queue_id\":\"M1\",\"arrival_time\":1799999580,\"sender\":\"x@S.example\",\"recipients\":[{\"address\":\"a@a.example\",\"delay_reason\":\"host mx.a.example[192.0.2.2] said: 451 4.7.1 Greylisted (in reply to RCPT TO command)\"}]}\n"
"{\"queue_name\":\"deferred\",\"queue_id\":\"M2\",\"arrival_time\":1799999100,\"sender\":\"x@s.example\",\"recipients\":[{\"address\":\"c@a.example\",\"delay_reason\":\"host mx.a.example[192.0.2.2] said: 451 4.7.1 Greylisted (in reply to RCPT TO command)\"}]}\n"
"{\"queue_name\":\"deferred\",\"queue_id\":\"M3\",\"arrival_time\":1799998200,\"sender\":\"x@s.example\",\"recipients\":[{\"address\":\"a@c.example\",\"delay_reason\":\"connect to mx.c.example[192.0.2.3]:25: Connection refused\"}]}\n"
"{\"queue_name\":\"deferred\",\"queue_id\":\"M4\",\"arrival_time\":1799996400,\"recipients\":[{\"address\":\"a@d.example\"}]}\n"
"{\"queue_name\":\"deferred\",\"queue_id\":\"M5\",\"arrival_time\":1799994000,\"recipients\":[{\"address\":\"a@e.example\"}]}\n"
"{\"queue_name\":\"deferred\",\"queue_id\":\"M6\",\"arrival_time\":1799988000,\"recipients\":[{\"address\":\"a@f.example\"}]}\n"
"{\"queue_name\":\"deferred\",\"queue_id\":\"M7\",\"arrival_time\":1799976000,\"recipients\":[{\"address\":\"a@g.example\"}]}\n"
"{\"queue_name\":\"deferred\",\"queue_id\":\"M8\",\"arrival_time\":1799940000,\"recipients\":[{\"address\":\"a@h.example\"}]}\n"
"{\"queue_name\":\"deferred\",\"queue_id\":\"M9\",\"arrival_time\":1799880000,\"recipients\":[{\"address\":\"a@i.example\"}]}\n"
"{\"queue_name\":\"hold\",\"queue_id\":\"H1\",\"arrival_time\":1800000000,\"recipients\":[{\"address\":\"z@b.example\"}]}\n";

static const struct queue_shape_row *
find_row(const struct queue_shape *s, const char *key)
{
	for (size_t i = 0; i < s->nrows; i++)
		if (strcmp(s->rows[i].key, key) == 0)
			return &s->rows[i];
	fail_msg("no row %s", key);
	abort();
}

static void
test_shape(void **state)
{
	struct queue *q = parse_str(shape_text, NOW);
	struct queue_shape *s;
	const struct queue_shape_row *r;
	static const size_t want_total[QUEUE_SHAPE_NCOLS] = { 2, 1, 1, 1, 1, 1, 1, 1, 1, 1 };

	(void)state;
	assert_int_equal(queue_shape_bucket(0), 0);
	assert_int_equal(queue_shape_bucket(4), 0);
	assert_int_equal(queue_shape_bucket(5), 1);
	assert_int_equal(queue_shape_bucket(1279), 8);
	assert_int_equal(queue_shape_bucket(1280), 9);
	assert_int_equal(queue_shape_bucket(1000000), 9);

	assert_int_equal(queue_shape_build(q, NULL, QUEUE_BY_DOMAIN, 20, NOW, &s), STATUS_OK);
	assert_int_equal(s->messages, 10);
	assert_int_equal(s->recipients, 11);
	assert_int_equal(s->total.total, 11);
	assert_memory_equal(s->total.counts, want_total, sizeof(want_total));
	/* Sorted by total, then key. */
	assert_int_equal(s->nrows, 9);
	assert_string_equal(s->rows[0].key, "a.example");
	assert_string_equal(s->rows[1].key, "b.example");
	assert_string_equal(s->rows[2].key, "c.example");
	r = find_row(s, "a.example");
	assert_int_equal(r->total, 2);
	assert_int_equal(r->counts[1], 1);	/* 7 minutes */
	assert_int_equal(r->counts[2], 1);	/* 15 minutes */
	assert_int_equal(r->nreasons, 1);
	assert_string_equal(r->reasons[0].reason, "blocked");
	r = find_row(s, "i.example");
	assert_int_equal(r->counts[9], 1);	/* 2000 minutes: 1280+ */
	/* Causes: networkerror 3 in 2 domains, blocked 2 in 1, undefined 6. */
	assert_int_equal(s->ncauses, 3);
	assert_string_equal(s->causes[0].reason, "undefined");
	assert_int_equal(s->causes[0].count, 6);
	assert_null(s->causes[0].example);
	assert_string_equal(s->causes[1].reason, "networkerror");
	assert_int_equal(s->causes[1].count, 3);
	assert_int_equal(s->causes[1].domains, 2);
	assert_false(s->causes[1].hard);
	assert_string_equal(s->causes[1].example,
	    "connect to mx.b.example[192.0.2.1]:25: Connection refused");
	assert_string_equal(s->causes[2].reason, "blocked");
	assert_int_equal(s->causes[2].domains, 1);
	queue_shape_free(s);

	/* Top 2: the other seven rows summed into one. */
	assert_int_equal(queue_shape_build(q, "deferred", QUEUE_BY_DOMAIN, 2, NOW, &s), STATUS_OK);
	assert_int_equal(s->nrows, 3);
	assert_true(s->rows[2].others);
	assert_false(s->rows[1].others);
	assert_string_equal(s->rows[2].key, "(others)");
	assert_int_equal(s->rows[2].total, 7);
	assert_int_equal(s->rows[2].counts[0], 0);
	assert_int_equal(s->rows[2].counts[3], 1);
	assert_int_equal(s->rows[2].nreasons, 2);
	assert_string_equal(s->rows[2].reasons[0].reason, "undefined");
	assert_int_equal(s->rows[2].reasons[0].count, 6);
	queue_shape_free(s);

	/* By sender domain: the null sender is MAILER-DAEMON; case folded. */
	assert_int_equal(queue_shape_build(q, NULL, QUEUE_BY_SENDER, 0, NOW, &s), STATUS_OK);
	assert_int_equal(find_row(s, "s.example")->total, 3);
	/* M0 names the null sender; M4..M9 name none, which is the same. */
	assert_int_equal(find_row(s, QUEUE_SHAPE_NULL_SENDER)->total, 8);
	assert_int_equal(s->nrows, 2);
	queue_shape_free(s);

	assert_int_equal(queue_shape_build(q, NULL, QUEUE_BY_REASON, 0, NOW, &s), STATUS_OK);
	assert_int_equal(s->nrows, 3);
	assert_int_equal(find_row(s, "networkerror")->total, 3);
	queue_shape_free(s);

	/* Queue filters. */
	assert_int_equal(queue_shape_build(q, "hold", QUEUE_BY_DOMAIN, 20, NOW, &s), STATUS_OK);
	assert_int_equal(s->messages, 1);
	assert_int_equal(s->recipients, 1);
	queue_shape_free(s);
	assert_int_equal(queue_shape_build(q, "all", QUEUE_BY_DOMAIN, 20, NOW, &s), STATUS_OK);
	assert_int_equal(s->messages, 11);
	assert_int_equal(find_row(s, "b.example")->total, 3);
	queue_shape_free(s);
	queue_free(q);
}

static void
test_shape_names(void **state)
{
	enum queue_shape_by by;
	struct queue *q = parse_str(" 5m 1K 1xXJAy-0006c9-3C <a@b>\n  c@d\n", EXIM_T0);
	struct queue_msg m;

	(void)state;
	assert_int_equal(queue_shape_by_parse("sender", &by), STATUS_OK);
	assert_int_equal(by, QUEUE_BY_SENDER);
	assert_int_equal(queue_shape_by_parse("domains", &by), STATUS_INVALID);
	assert_int_equal(queue_shape_by_parse(NULL, &by), STATUS_INVALID);
	assert_string_equal(queue_shape_by_name(QUEUE_BY_REASON), "reason");
	assert_string_equal(queue_shape_default(q), "queued");
	memset(&m, 0, sizeof(m));
	m.arrival = -1;
	assert_int_equal(queue_age_minutes(&m, NOW), 0);
	m.arrival = NOW + 100;
	assert_int_equal(queue_age_minutes(&m, NOW), 0);
	m.arrival = NOW - 119;
	assert_int_equal(queue_age_minutes(&m, NOW), 1);
	queue_free(q);
}

/* Exim 4.96, e2e run: the listing and its msglog files after 6 attempts. */
#define MSGLOG_LISTING "tests/data/queue/exim-e2e-msglog.txt"
#define MSGLOG_DIR "tests/data/queue/exim-msglog"
#define MSGLOG_NOW 1795876380	/* 2026-11-28T14:33:00Z */

static struct queue *
msglog_queue(const char *dir, struct queue_msglog_stats *st)
{
	struct queue *q = parse_file(MSGLOG_LISTING, QUEUE_FORMAT_AUTO, MSGLOG_NOW);

	assert_int_equal(queue_msglog_apply(q, dir, st), STATUS_OK);
	return q;
}

/* The real msglog files: each recipient's last deferral, as Postfix would say it. */
static void
test_msglog_real(void **state)
{
	static const struct {
		const char *addr, *delay_reason, *reason, *status, *reply;
	} want[] = {
		{ "someone@servfail.test", "host lookup did not complete",
		  "networkerror", "4.4.0", NULL },
		{ "someone@refused.test", "Connection refused", "networkerror", "4.4.0", NULL },
		{ "tempfail@remote.test", "host mx.remote.test [127.0.0.2]: SMTP error from "
		  "remote mail server after RCPT TO:<tempfail@remote.test>: 450 4.4.7 "
		  "<tempfail@remote.test>: Temporary failure, please try again later",
		  "expired", "4.4.7", "450" },
		{ "greylist@bank.test", "host mx.bank.test [127.0.0.2]: SMTP error from remote "
		  "mail server after RCPT TO:<greylist@bank.test>: 451 4.7.1 <greylist@bank.test>: "
		  "Greylisted, see https://greylist.test/", "blocked", "4.7.1", "451" },
		{ "greylist+2@bank.test", "host mx.bank.test [127.0.0.2]: SMTP error from remote "
		  "mail server after RCPT TO:<greylist+2@bank.test>: 451 4.7.1 "
		  "<greylist+2@bank.test>: Greylisted, see https://greylist.test/",
		  "blocked", "4.7.1", "451" },
	};
	struct queue_msglog_stats st;
	struct queue *q = msglog_queue(MSGLOG_DIR, &st);
	struct queue *pf = parse_file("tests/data/queue/postfix-e2e-deferred.json",
	    QUEUE_FORMAT_AUTO, MSGLOG_NOW);

	(void)state;
	assert_int_equal(st.read, 4);
	assert_int_equal(st.missing, 0);
	assert_int_equal(st.capped, 0);
	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		const struct queue_rcpt *r = find_rcpt(q, want[i].addr, NULL);
		const struct queue_rcpt *p = find_rcpt(pf, want[i].addr, NULL);

		assert_string_equal(r->delay_reason, want[i].delay_reason);
		assert_string_equal(r->reason, want[i].reason);
		assert_string_equal(r->status, want[i].status);
		if (want[i].reply)
			assert_string_equal(r->reply_code, want[i].reply);
		else
			assert_null(r->reply_code);
		assert_false(r->hard);
		/* The same causes in Postfix's queue: the same answers. */
		assert_string_equal(r->reason, p->reason);
		assert_string_equal(r->status, p->status);
	}
	queue_free(pf);
	queue_free(q);
}

static void
write_file(const char *path, const char *text, size_t len)
{
	FILE *f = fopen(path, "wb");

	assert_non_null(f);
	assert_int_equal(fwrite(text, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
}

static char *
read_sample(const char *id)
{
	char path[256], *text;
	size_t len;

	snprintf(path, sizeof(path), "%s/%s", MSGLOG_DIR, id);
	assert_int_equal(file_read(path, 1 << 20, &text, &len), STATUS_OK);
	return text;
}

/*
 * split_spool_directory (msglog/X/ID), and what must not be read: a
 * symbolic link, a FIFO (it would block), a directory, a listing id
 * that is a path.
 */
static void
test_msglog_layouts(void **state)
{
	char dir[] = "/tmp/bq-msglog-XXXXXX", path[512];
	char *refused = read_sample("1xXJTG-00057Y-2n"), *tempfail = read_sample("1xXJTH-00057u-0G");
	struct queue_msglog_stats st;
	struct queue *q;
	const char *listing =
	    " 0m   548 1xXJTG-00057J-28 <a@b>\n          someone@servfail.test\n\n"
	    " 0m   542 1xXJTG-00057Y-2n <a@b>\n          someone@refused.test\n\n"
	    " 0m   546 1xXJTH-00057u-0G <a@b>\n          tempfail@remote.test\n\n"
	    " 0m   540 1xXJTH-00058N-0v <a@b>\n          greylist@bank.test\n\n"
	    " 0m   540 ..-..-../secret <a@b>\n          x@y.test\n";

	(void)state;
	assert_non_null(mkdtemp(dir));
	/* Split: the sixth character of the id names the subdirectory. */
	snprintf(path, sizeof(path), "%s/G", dir);
	assert_int_equal(mkdir(path, 0700), 0);
	snprintf(path, sizeof(path), "%s/G/1xXJTG-00057Y-2n", dir);
	write_file(path, refused, strlen(refused));
	snprintf(path, sizeof(path), "%s/1xXJTH-00057u-0G", dir);
	write_file(path, tempfail, strlen(tempfail));
	snprintf(path, sizeof(path), "%s/1xXJTG-00057J-28", dir);
	assert_int_equal(symlink("../../etc/passwd", path), 0);
	snprintf(path, sizeof(path), "%s/1xXJTH-00058N-0v", dir);
	assert_int_equal(mkfifo(path, 0600), 0);
	q = parse_str(listing, MSGLOG_NOW);
	assert_int_equal(queue_msglog_apply(q, dir, &st), STATUS_OK);
	assert_int_equal(st.read, 2);
	assert_int_equal(st.missing, 3);
	assert_string_equal(find_rcpt(q, "someone@refused.test", NULL)->reason, "networkerror");
	assert_string_equal(find_rcpt(q, "tempfail@remote.test", NULL)->reply_code, "450");
	assert_null(find_rcpt(q, "someone@servfail.test", NULL)->delay_reason);
	assert_string_equal(find_rcpt(q, "someone@servfail.test", NULL)->reason, "undefined");
	assert_null(find_rcpt(q, "greylist@bank.test", NULL)->delay_reason);
	assert_null(find_rcpt(q, "x@y.test", NULL)->delay_reason);
	queue_free(q);

	/* A directory that is not there; a Postfix queue. */
	q = parse_str(listing, MSGLOG_NOW);
	assert_int_equal(queue_msglog_apply(q, "/nonexistent/msglog", NULL), STATUS_NOENT);
	assert_null(find_rcpt(q, "someone@refused.test", NULL)->delay_reason);
	queue_free(q);
	q = parse_file("tests/data/queue/postfix-e2e-deferred.json", QUEUE_FORMAT_AUTO, MSGLOG_NOW);
	assert_int_equal(queue_msglog_apply(q, dir, NULL), STATUS_INVALID);
	queue_free(q);

	snprintf(path, sizeof(path), "rm -rf '%s'", dir);
	assert_int_equal(system(path), 0);
	free(refused);
	free(tempfail);
}

static void
assert_reason(const char *text, const char *addr, const char *want)
{
	char *got = queue_msglog_reason(text, strlen(text), addr);

	if (want == NULL) {
		if (got != NULL)
			fail_msg("%s: expected no reason, got \"%s\"", addr, got);
	} else {
		if (got == NULL)
			fail_msg("%s: expected \"%s\", got none", addr, want);
		assert_string_equal(got, want);
	}
	free(got);
}

/* Main log lines, redirections, log_selector prefixes, last one wins. */
static void
test_msglog_forms(void **state)
{
	const char *text =
	    "2026-11-28 12:55:01 1xXJQ9-0002KN-1k == a@x.test R=dnslookup T=remote_smtp "
	    "defer (111): Connection refused\n"
	    "2026-11-28 12:55:01.123 +0100 [4711] b@x.test <B.Orig@Y.Test> R=r T=t defer "
	    "(-44) H=mx.x.test [192.0.2.1]: SMTP error from remote mail server after "
	    "RCPT TO:<b@x.test>: 452 4.2.2 Mailbox full\r\n"
	    "2026-11-28 12:55:02 1xXJQ9-0002KN-1k ** c@x.test R=dnslookup T=remote_smtp "
	    "H=mx.x.test [192.0.2.1]: SMTP error from remote mail server after RCPT "
	    "TO:<c@x.test>: 550 5.1.1 No such user\n"
	    "2026-11-28 12:55:02 d@x.test R=dnslookup T=remote_smtp defer (-44) H=old: first\n"
	    "2026-11-28 12:55:03 d@x.test R=dnslookup T=remote_smtp defer (-44) H=new: second\n"
	    "2026-11-28 12:55:04 d@x.test routing defer (-52): retry time not reached\n"
	    "2026-11-28 12:55:04 H=mx.x.test [192.0.2.1] Connection refused\n"
	    "2026-11-28 12:55:05 e@x.test R=r T=t defer (111):\n"
	    "2026-11-28 12:55:05 f@x.test R=r T=t Completed\n"
	    "2026-11-28 12:55:05 g@x.test R=r defer (x): no errno\n";

	(void)state;
	assert_reason(text, "a@x.test", "Connection refused");
	assert_reason(text, "A@X.TEST", "Connection refused");
	assert_reason(text, "b@x.test", "host mx.x.test [192.0.2.1]: SMTP error from remote "
	    "mail server after RCPT TO:<b@x.test>: 452 4.2.2 Mailbox full");
	/* The listing names the address before its redirection. */
	assert_reason(text, "b.orig@y.test", "host mx.x.test [192.0.2.1]: SMTP error from "
	    "remote mail server after RCPT TO:<b@x.test>: 452 4.2.2 Mailbox full");
	assert_reason(text, "c@x.test", "host mx.x.test [192.0.2.1]: SMTP error from remote "
	    "mail server after RCPT TO:<c@x.test>: 550 5.1.1 No such user");
	/* "retry time not reached" says nothing: the attempt before it counts. */
	assert_reason(text, "d@x.test", "host new: second");
	assert_reason(text, "e@x.test", NULL);	/* no text after the errno */
	assert_reason(text, "f@x.test", NULL);	/* not a deferral */
	assert_reason(text, "g@x.test", NULL);	/* no errno */
	assert_reason(text, "mx.x.test", NULL);
	assert_reason(text, "nobody@x.test", NULL);
	assert_reason("", "a@x.test", NULL);
	assert_reason("a@x.test defer (1): bare\n", "a@x.test", "bare");
}

/* Binary junk, NUL bytes, a 4 MiB line, 100,000 lines, an address not there. */
static void
test_msglog_hostile(void **state)
{
	static const char nul_line[] =
	    "2026-11-28 12:55:01 a@x.test R=r defer (1): before\0after\n"
	    "2026-11-28 12:55:01 b@x.test\0c@x.test R=r defer (1): nul in address\n";
	struct buf b = BUF_INIT;
	unsigned int seed = 20261128;
	char *got;
	clock_t t0;

	(void)state;
	for (size_t i = 0; i < 65536; i++) {
		seed = seed * 1103515245 + 12345;
		buf_addc(&b, (char)(seed >> 16));
	}
	got = queue_msglog_reason(b.data, b.len, "a@x.test");
	assert_null(got);
	got = queue_msglog_reason(nul_line, sizeof(nul_line) - 1, "a@x.test");
	assert_string_equal(got, "before");
	free(got);
	assert_null(queue_msglog_reason(nul_line, sizeof(nul_line) - 1, "b@x.test"));
	assert_null(queue_msglog_reason(nul_line, sizeof(nul_line) - 1, "c@x.test"));

	/* A 4 MiB reason is cut at QUEUE_STR_MAX. */
	buf_reset(&b);
	buf_adds(&b, "2026-11-28 12:55:01 a@x.test R=r T=t defer (-44) H=h [192.0.2.1]: 451 ");
	for (size_t i = 0; i < 4u << 20; i++)
		buf_addc(&b, 'x');
	buf_adds(&b, "\n");
	got = queue_msglog_reason(b.data, b.len, "a@x.test");
	assert_non_null(got);
	assert_int_equal(strlen(got), QUEUE_STR_MAX);
	assert_memory_equal(got, "host h [192.0.2.1]: 451 xxx", 27);
	free(got);

	/* 100,000 deferrals: linear, and the last one wins. */
	buf_reset(&b);
	for (int i = 0; i < 100000; i++)
		buf_printf(&b, "2026-11-28 12:55:01 a@x.test R=r T=t defer (-44) H=h: try %d\n", i);
	t0 = clock();
	got = queue_msglog_reason(b.data, b.len, "a@x.test");
	assert_string_equal(got, "host h: try 99999");
	assert_true(clock() - t0 < 2 * CLOCKS_PER_SEC);
	free(got);
	assert_null(queue_msglog_reason(b.data, b.len, "other@x.test"));
	buf_free(&b);
}

/* Only the last QUEUE_MSGLOG_FILE_MAX bytes of a file are read. */
static void
test_msglog_file_cap(void **state)
{
	char dir[] = "/tmp/bq-msglog-XXXXXX", path[512];
	struct buf b = BUF_INIT;
	struct queue *q;

	(void)state;
	assert_non_null(mkdtemp(dir));
	buf_adds(&b, "2026-11-28 12:55:01 early@x.test R=r T=t defer (111): Connection refused\n");
	while (b.len < 3 * QUEUE_MSGLOG_FILE_MAX)
		buf_adds(&b, "2026-11-28 12:55:01 H=mx.x.test [192.0.2.1] Connection refused\n");
	buf_adds(&b, "2026-11-28 12:55:01 late@x.test R=r T=t defer (111): Connection refused\n");
	snprintf(path, sizeof(path), "%s/1xXJTG-00057Y-2n", dir);
	write_file(path, b.data, b.len);
	q = parse_str(" 0m 1K 1xXJTG-00057Y-2n <a@b>\n  early@x.test\n  late@x.test\n", MSGLOG_NOW);
	assert_int_equal(queue_msglog_apply(q, dir, NULL), STATUS_OK);
	assert_null(find_rcpt(q, "early@x.test", NULL)->delay_reason);
	assert_string_equal(find_rcpt(q, "late@x.test", NULL)->reason, "networkerror");
	queue_free(q);
	snprintf(path, sizeof(path), "rm -rf '%s'", dir);
	assert_int_equal(system(path), 0);
	buf_free(&b);
}

/* An executable script at dir/name; path receives its name. */
static void
write_script(const char *dir, const char *name, const char *body, char *path, size_t size)
{
	snprintf(path, size, "%s/%s", dir, name);
	write_file(path, body, strlen(body));
	assert_int_equal(chmod(path, 0700), 0);
}

static long long
mono_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void
test_run_command(void **state)
{
	char dir[] = "/tmp/bq-queuerun-XXXXXX", path[512], body[1024], *err = NULL;
	struct queue_run_opts o = { .mta = QUEUE_MTA_AUTO, .timeout_ms = 10000, .cancel_fd = -1 };
	struct queue_output out;
	long long t0;
	int p[2];

	(void)state;
	assert_non_null(mkdtemp(dir));
	/* Postfix by its name: run with -j, its output a Postfix listing. */
	write_script(dir, "postqueue", "#!/bin/sh\n[ \"$*\" = -j ] || exit 9\n"
	    "echo '{\"queue_name\": \"deferred\"}'\n", path, sizeof(path));
	o.command = path;
	assert_int_equal(queue_run_with(&o, &out, &err), STATUS_OK);
	assert_null(err);
	assert_int_equal(out.format, QUEUE_FORMAT_POSTFIX);
	assert_string_equal(out.mta, "postfix");
	assert_string_equal(out.text, "{\"queue_name\": \"deferred\"}\n");
	queue_output_free(&out);
	/* Exim by its name: -bp, then -bP spool_directory for the msglog. */
	snprintf(body, sizeof(body), "#!/bin/sh\ncase \"$*\" in\n"
	    "-bp) echo ' 0m 1K 1xXJTG-00057Y-2n <a@b>' ;;\n"
	    "'-bP spool_directory') echo 'spool_directory = %s/spool' ;;\n"
	    "*) exit 9 ;;\nesac\n", dir);
	write_script(dir, "exim4", body, path, sizeof(path));
	assert_int_equal(queue_run_with(&o, &out, &err), STATUS_OK);
	assert_int_equal(out.format, QUEUE_FORMAT_EXIM);
	snprintf(body, sizeof(body), "%s/spool/msglog", dir);
	assert_string_equal(out.exim_msglog, body);
	queue_output_free(&out);
	/* A name that says no MTA. */
	write_script(dir, "lister", "#!/bin/sh\nexit 0\n", path, sizeof(path));
	assert_int_equal(queue_run_with(&o, &out, &err), STATUS_INVALID);
	assert_string_equal(err, path);
	free(err);
	err = NULL;
	/* It never answers; the cancel descriptor is readable: stopped at once. */
	write_script(dir, "postqueue-hung", "#!/bin/sh\nexec sleep 30\n", path, sizeof(path));
	assert_int_equal(pipe(p), 0);
	assert_int_equal(write(p[1], "", 1), 1);
	o.cancel_fd = p[0];
	t0 = mono_ms();
	assert_int_equal(queue_run_with(&o, &out, &err), STATUS_CANCELLED);
	assert_true(mono_ms() - t0 < 2000);
	assert_string_equal(err, path);
	free(err);
	errno = 0;
	assert_int_equal(waitpid(-1, NULL, WNOHANG), -1);
	assert_int_equal(errno, ECHILD);
	close(p[0]);
	close(p[1]);
	snprintf(path, sizeof(path), "rm -rf '%s'", dir);
	assert_int_equal(system(path), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_postfix_real),
		cmocka_unit_test(test_exim_real),
		cmocka_unit_test(test_exim_handmade),
		cmocka_unit_test(test_hostile_postfix),
		cmocka_unit_test(test_hostile_json),
		cmocka_unit_test(test_not_a_queue),
		cmocka_unit_test(test_long_line),
		cmocka_unit_test(test_many),
		cmocka_unit_test(test_classify),
		cmocka_unit_test(test_shape),
		cmocka_unit_test(test_shape_names),
		cmocka_unit_test(test_msglog_real),
		cmocka_unit_test(test_msglog_layouts),
		cmocka_unit_test(test_msglog_forms),
		cmocka_unit_test(test_msglog_hostile),
		cmocka_unit_test(test_msglog_file_cap),
		cmocka_unit_test(test_run_command),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
