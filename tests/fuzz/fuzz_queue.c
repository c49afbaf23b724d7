/*
 * The queue listing readers (postqueue -j, exim -bp) and the shape on
 * any bytes: a queue or a clear status, strings within their caps, counts
 * that add up; what postqueue's reader keeps is valid UTF-8 (jansson's
 * strings are, with NUL as U+FFFD).
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "core/queue/queue.h"
#include "core/queue/queue_shape.h"
#include "tests/fuzz/check.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
one(const char *text, size_t len, enum queue_format fmt)
{
	struct queue *q = NULL;
	struct queue_shape *s = NULL;
	size_t n = 0;

	if (queue_parse(text, len, fmt, 1800000000, &q) != STATUS_OK) {
		CHECK(q == NULL);
		return;
	}
	for (size_t i = 0; i < q->nmessages; i++) {
		const struct queue_msg *m = &q->messages[i];

		CHECK(m->id != NULL && strlen(m->id) <= QUEUE_STR_MAX);
		CHECK(m->queue != NULL && m->sender != NULL);
		if (fmt == QUEUE_FORMAT_POSTFIX) {
			check_str(m->id, QUEUE_STR_MAX);
			check_str(m->queue, QUEUE_STR_MAX);
			check_str(m->sender, QUEUE_STR_MAX);
		}
		for (size_t j = 0; j < m->nrecipients; j++) {
			const struct queue_rcpt *r = &m->recipients[j];

			CHECK(strlen(r->address) <= QUEUE_STR_MAX);
			CHECK(r->domain != NULL && r->reason != NULL);
			if (fmt == QUEUE_FORMAT_POSTFIX) {
				check_str(r->address, QUEUE_STR_MAX);
				check_str(r->delay_reason, QUEUE_STR_MAX);
			}
		}
		n += m->nrecipients;
	}
	CHECK(n == q->nrecipients);
	CHECK(queue_shape_build(q, "all", QUEUE_BY_DOMAIN, 3, 1800000000, &s) == STATUS_OK);
	CHECK(s->total.total == n && s->recipients == n && s->nrows <= 4);
	queue_shape_free(s);
	queue_free(q);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	one((const char *)data, size, QUEUE_FORMAT_POSTFIX);
	one((const char *)data, size, QUEUE_FORMAT_EXIM);
	return 0;
}
