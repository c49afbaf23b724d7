/*
 * Exim `exim -bp`: per message a line "<age> <size> <id> <sender>"
 * (" *** frozen ***" after it when frozen), then one indented line per
 * recipient ("D " before those already delivered), then a blank line.
 * The age is rounded to minutes, hours or days (25m, 3h, 2d); the size
 * to K or M (2.9K).
 */
#include <stdlib.h>
#include <string.h>

#include "core/queue/queue_int.h"
#include "core/shared/buf.h"

/* Seconds per age unit, as Exim prints them. */
static const struct {
	char unit;
	long secs;
} age_units[] = {
	{ 's', 1 }, { 'm', 60 }, { 'h', 3600 }, { 'd', 86400 }, { 'w', 604800 },
};

/* Multipliers of Exim's size suffixes. */
static const struct {
	char suffix;
	long long mult;
} size_units[] = {
	{ 'K', 1024 }, { 'M', 1024 * 1024 }, { 'G', 1024LL * 1024 * 1024 },
};

static const char digits62[] =
    "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

static const char frozen_mark[] = "*** frozen ***";

struct token {
	const char *p;
	size_t n;
};

static bool
next_token(const char **p, const char *end, struct token *t)
{
	while (*p < end && (**p == ' ' || **p == '\t'))
		(*p)++;
	t->p = *p;
	while (*p < end && **p != ' ' && **p != '\t')
		(*p)++;
	t->n = (size_t)(*p - t->p);
	return t->n > 0;
}

/* "25m" -> seconds in *secs and the unit's length in *unit; false if not an age. */
static bool
parse_age(struct token t, long long *secs, long *unit)
{
	long long v = 0;
	size_t i;

	for (i = 0; i < t.n && t.p[i] >= '0' && t.p[i] <= '9' && i < 9; i++)
		v = v * 10 + (t.p[i] - '0');
	if (i == 0 || i + 1 != t.n)
		return false;
	for (size_t k = 0; k < sizeof(age_units) / sizeof(age_units[0]); k++) {
		if (age_units[k].unit == t.p[i]) {
			*secs = v * age_units[k].secs;
			*unit = age_units[k].secs;
			return true;
		}
	}
	return false;
}

/* "2.9K", "512", "1.2M" -> bytes (rounded); false if not a size. */
static bool
parse_size(struct token t, long long *bytes)
{
	long long whole = 0, frac = 0, scale = 1, mult = 1;
	size_t i = 0, n = t.n;

	for (size_t k = 0; n > 0 && k < sizeof(size_units) / sizeof(size_units[0]); k++) {
		if (t.p[n - 1] == size_units[k].suffix) {
			mult = size_units[k].mult;
			n--;
			break;
		}
	}
	for (; i < n && t.p[i] >= '0' && t.p[i] <= '9' && i < 12; i++)
		whole = whole * 10 + (t.p[i] - '0');
	if (i == 0)
		return false;
	if (i < n && t.p[i] == '.') {
		for (i++; i < n && t.p[i] >= '0' && t.p[i] <= '9' && scale < 1000000; i++) {
			frac = frac * 10 + (t.p[i] - '0');
			scale *= 10;
		}
	}
	if (i != n)
		return false;
	*bytes = whole * mult + frac * mult / scale;
	return true;
}

/*
 * The arrival second encoded in an Exim message id: its first six
 * characters in base 62 ("1xXJAy-0006c9-3C"); -1 when the id is not of
 * that shape.
 */
static long long
id_time(struct token id)
{
	long long t = 0;

	if (id.n < 14 || id.p[6] != '-')
		return -1;
	for (size_t i = 0; i < 6; i++) {
		const char *d = memchr(digits62, id.p[i], 62);

		if (d == NULL || id.p[i] == '\0')
			return -1;
		t = t * 62 + (d - digits62);
	}
	return t;
}

/* Parses a message line into m; false when the line is not one. */
static bool
message_line(struct queue_line l, time_t now, struct queue_msg *m)
{
	const char *p = l.p, *end = l.p + l.len, *lt, *gt;
	struct token age, size, id;
	long long secs, bytes, t;
	long unit;
	bool frozen = false;

	if (!next_token(&p, end, &age) || !parse_age(age, &secs, &unit) ||
	    !next_token(&p, end, &size) || !parse_size(size, &bytes) ||
	    !next_token(&p, end, &id))
		return false;
	while (p < end && *p == ' ')
		p++;
	while (end > p && (end[-1] == ' ' || end[-1] == '\t'))
		end--;
	if ((size_t)(end - p) >= sizeof(frozen_mark) - 1 &&
	    memcmp(end - (sizeof(frozen_mark) - 1), frozen_mark, sizeof(frozen_mark) - 1) == 0) {
		frozen = true;
		end -= sizeof(frozen_mark) - 1;
		while (end > p && end[-1] == ' ')
			end--;
	}
	if (p >= end || *p != '<' || end[-1] != '>')
		return false;
	lt = p + 1;
	gt = end - 1;
	m->id = queue_strndup(id.p, id.n);
	m->queue = xstrdup(frozen ? "frozen" : "queued");
	m->sender = queue_strndup(lt, (size_t)(gt - lt));
	m->size = bytes;
	/*
	 * The id's second is exact; the age is rounded to its unit.  Trust the
	 * id when the two agree, so a listing from another clock (or a
	 * hostile id) cannot move the arrival by more than the rounding.
	 */
	t = id_time(id);
	if (t >= 0 && t >= (long long)now - secs - unit - 60 && t <= (long long)now - secs + unit + 60)
		m->arrival = (time_t)t;
	else
		m->arrival = now - (time_t)secs;
	if (m->arrival < 0)
		m->arrival = -1;
	return true;
}

void
queue_read_exim(struct queue *q, const char *text, size_t len, time_t now)
{
	struct queue_line l;
	struct queue_msg m, next;
	bool in_msg = false;
	size_t pos = 0;

	memset(&m, 0, sizeof(m));
	queue_msg_clear(&m);
	while (queue_line_next(text, len, &pos, &l)) {
		const char *p = l.p, *end = l.p + l.len;

		while (p < end && (*p == ' ' || *p == '\t'))
			p++;
		if (p == end) {
			if (in_msg)
				queue_keep(q, &m);
			in_msg = false;
			continue;
		}
		if (l.too_long) {
			q->skipped++;
			continue;
		}
		/* A message line may be indented too (" 5m"): try it first. */
		memset(&next, 0, sizeof(next));
		next.arrival = -1;
		next.size = -1;
		if (message_line(l, now, &next)) {
			/* No blank line before it: the message before ends here. */
			if (in_msg)
				queue_keep(q, &m);
			m = next;
			in_msg = true;
			continue;
		}
		if (!in_msg || p == l.p) {
			q->skipped++;
			continue;
		}
		if ((end - p >= 2 && p[0] == 'D' && p[1] == ' ') ||
		    (end - p >= 3 && p[0] == '+' && p[1] == 'D' && p[2] == ' '))
			continue;	/* delivered already */
		queue_msg_add_rcpt(&m, p, (size_t)(end - p));
	}
	if (in_msg)
		queue_keep(q, &m);
}
