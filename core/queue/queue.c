#include "core/queue/queue.h"

#include <stdlib.h>
#include <string.h>

#include "core/knowledge/classify.h"
#include "core/queue/queue_int.h"
#include "core/shared/buf.h"
#include "core/shared/strmap.h"
#include "core/shared/utf8.h"

/* What the classifier said about one (domain, delay reason). */
struct verdict {
	char *status;
	char *reply_code;
	const char *reason;
	bool hard;
};

/* Distinct delay reasons classified once: queues repeat them a lot. */
struct verdicts {
	struct strmap map;	/* domain "\n" reason -> index into v */
	struct verdict *v;
	size_t n, cap;
};

bool
queue_line_next(const char *text, size_t len, size_t *pos, struct queue_line *line)
{
	const char *p, *nl;
	size_t n;

	if (*pos >= len)
		return false;
	p = text + *pos;
	nl = memchr(p, '\n', len - *pos);
	n = nl ? (size_t)(nl - p) : len - *pos;
	*pos += n + (nl != NULL);
	if (n > 0 && p[n - 1] == '\r')
		n--;
	line->p = p;
	line->len = n;
	line->too_long = n > QUEUE_LINE_MAX;
	return true;
}

char *
queue_strndup(const char *s, size_t n)
{
	return xstrndup(s, utf8_cut(s, n, QUEUE_STR_MAX));
}

static char *
domain_of(const char *addr)
{
	const char *at = strrchr(addr, '@');
	char *d = xstrdup(at ? at + 1 : "");
	size_t n = strlen(d);

	/* "<a@b>" and "a@b." name the same domain as "a@b". */
	while (n > 0 && (d[n - 1] == '>' || d[n - 1] == '.' || d[n - 1] == ' '))
		d[--n] = '\0';
	for (char *p = d; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	return d;
}

struct queue_rcpt *
queue_msg_add_rcpt(struct queue_msg *m, const char *addr, size_t n)
{
	struct queue_rcpt *r;

	/* Grows by doubling: the array is sized to a power of two. */
	if ((m->nrecipients & (m->nrecipients - 1)) == 0)
		m->recipients = xrealloc(m->recipients,
		    (m->nrecipients ? m->nrecipients * 2 : 1) * sizeof(*r));
	r = &m->recipients[m->nrecipients++];
	memset(r, 0, sizeof(*r));
	r->address = queue_strndup(addr, n);
	r->domain = domain_of(r->address);
	r->reason = "undefined";
	return r;
}

static void
rcpt_clear(struct queue_rcpt *r)
{
	free(r->address);
	free(r->domain);
	free(r->delay_reason);
	free(r->status);
	free(r->reply_code);
}

void
queue_msg_clear(struct queue_msg *m)
{
	for (size_t i = 0; i < m->nrecipients; i++)
		rcpt_clear(&m->recipients[i]);
	free(m->recipients);
	free(m->id);
	free(m->queue);
	free(m->sender);
	memset(m, 0, sizeof(*m));
	m->arrival = -1;
	m->size = -1;
}

void
queue_keep(struct queue *q, struct queue_msg *m)
{
	size_t room;

	if (q->nmessages >= QUEUE_MSG_MAX) {
		q->dropped += 1 + m->nrecipients;
		queue_msg_clear(m);
		return;
	}
	room = QUEUE_RCPT_MAX - q->nrecipients;
	if (m->nrecipients > room) {
		for (size_t i = room; i < m->nrecipients; i++)
			rcpt_clear(&m->recipients[i]);
		q->dropped += m->nrecipients - room;
		m->nrecipients = room;
	}
	if ((q->nmessages & (q->nmessages - 1)) == 0)
		q->messages = xrealloc(q->messages,
		    (q->nmessages ? q->nmessages * 2 : 1) * sizeof(*q->messages));
	q->messages[q->nmessages++] = *m;
	q->nrecipients += m->nrecipients;
	memset(m, 0, sizeof(*m));
	m->arrival = -1;
	m->size = -1;
}

enum queue_format
queue_detect(const char *text, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		if (text[i] == ' ' || text[i] == '\t' || text[i] == '\r' || text[i] == '\n')
			continue;
		return text[i] == '{' ? QUEUE_FORMAT_POSTFIX : QUEUE_FORMAT_EXIM;
	}
	return QUEUE_FORMAT_AUTO;
}

/*
 * A delay reason is what a delay warning would carry as its diagnostic:
 * the SMTP reply of one delayed recipient, judged like any other.
 */
static void
verdict_of(struct verdict *v, const char *address, const char *delay_reason,
    const char *mta)
{
	struct classify_codes c;
	struct classify_input in = { 0 };
	struct classify_result res;

	classify_codes(NULL, delay_reason, "smtp", &c);
	in.recipient = address && *address ? address : "unknown@invalid";
	in.action = "delayed";
	in.status = c.status[0] ? c.status : NULL;
	in.reply_code = c.reply[0] ? c.reply : NULL;
	in.diagnostic = delay_reason;
	in.diagnostic_type = "smtp";
	in.layout = mta;
	classify(&in, &res);
	v->status = xstrdup_null(in.status ? in.status : res.status[0] ? res.status : NULL);
	v->reply_code = xstrdup_null(in.reply_code);
	v->reason = res.reason;
	v->hard = res.hard;
}

static void
verdict_apply(struct queue_rcpt *r, const struct verdict *v)
{
	free(r->status);
	free(r->reply_code);
	r->status = xstrdup_null(v->status);
	r->reply_code = xstrdup_null(v->reply_code);
	r->reason = v->reason;
	r->hard = v->hard;
}

static void
rcpt_classify(struct queue_rcpt *r, const char *delay_reason, const char *mta)
{
	struct verdict v = { NULL, NULL, "undefined", false };

	if (delay_reason != NULL && *delay_reason != '\0')
		verdict_of(&v, r->address, delay_reason, mta);
	verdict_apply(r, &v);
	free(v.status);
	free(v.reply_code);
}

void
queue_rcpt_classify(struct queue_rcpt *r, const char *delay_reason)
{
	rcpt_classify(r, delay_reason, NULL);
}

void
queue_classify(struct queue *q)
{
	struct verdicts vs = { STRMAP_INIT, NULL, 0, 0 };
	struct buf key = BUF_INIT;
	const char *mta = strcmp(q->mta, "unknown") == 0 ? NULL : q->mta;

	for (size_t i = 0; i < q->nmessages; i++) {
		struct queue_msg *m = &q->messages[i];

		for (size_t j = 0; j < m->nrecipients; j++) {
			struct queue_rcpt *r = &m->recipients[j];
			size_t k;

			if (r->delay_reason == NULL || r->delay_reason[0] == '\0') {
				rcpt_classify(r, NULL, mta);
				continue;
			}
			/* The domain is in the key: providers are told by it. */
			buf_reset(&key);
			buf_adds(&key, r->domain);
			buf_addc(&key, '\n');
			buf_adds(&key, r->delay_reason);
			if (!strmap_get(&vs.map, key.data, &k)) {
				if (vs.n == vs.cap) {
					vs.cap = vs.cap ? vs.cap * 2 : 16;
					vs.v = xrealloc(vs.v, vs.cap * sizeof(*vs.v));
				}
				k = vs.n++;
				verdict_of(&vs.v[k], r->address, r->delay_reason, mta);
				strmap_put(&vs.map, key.data, k);
			}
			verdict_apply(r, &vs.v[k]);
		}
	}
	for (size_t k = 0; k < vs.n; k++) {
		free(vs.v[k].status);
		free(vs.v[k].reply_code);
	}
	free(vs.v);
	strmap_free(&vs.map);
	buf_free(&key);
}

enum status
queue_parse(const char *text, size_t len, enum queue_format fmt, time_t now,
    struct queue **out)
{
	struct queue *q;

	*out = NULL;
	if (len > QUEUE_INPUT_MAX)
		return STATUS_TOO_LARGE;
	if (text == NULL)
		len = 0;
	if (fmt == QUEUE_FORMAT_AUTO)
		fmt = queue_detect(text, len);
	q = xcalloc(1, sizeof(*q));
	switch (fmt) {
	case QUEUE_FORMAT_POSTFIX:
		q->mta = "postfix";
		queue_read_postfix(q, text, len);
		break;
	case QUEUE_FORMAT_EXIM:
		q->mta = "exim";
		queue_read_exim(q, text, len, now);
		break;
	case QUEUE_FORMAT_AUTO:
		q->mta = "unknown";
		break;
	}
	if (q->nmessages == 0 && q->dropped == 0 && q->skipped > 0) {
		queue_free(q);
		return STATUS_NOT_QUEUE;
	}
	queue_classify(q);
	*out = q;
	return STATUS_OK;
}

long long
queue_age_minutes(const struct queue_msg *m, time_t now)
{
	if (m->arrival < 0 || m->arrival >= now)
		return 0;
	return (long long)(now - m->arrival) / 60;
}

void
queue_free(struct queue *q)
{
	if (q == NULL)
		return;
	for (size_t i = 0; i < q->nmessages; i++)
		queue_msg_clear(&q->messages[i]);
	free(q->messages);
	free(q);
}
