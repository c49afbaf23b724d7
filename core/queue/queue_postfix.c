/*
 * Postfix `postqueue -j`: one JSON object per line.  The reader below
 * knows exactly the members postqueue writes; any other value is skipped
 * by one scan over its brackets and strings, so the work is linear in the
 * line whatever it holds, and a line that is not such an object is counted
 * in q->skipped, never half kept.
 */
#include <stdlib.h>
#include <string.h>

#include "core/queue/queue_int.h"
#include "core/shared/buf.h"
#include "core/shared/json.h"
#include "core/shared/utf8.h"

/* Nesting a skipped value may have; deeper is malformed (postqueue: 3). */
#define JSON_DEPTH_MAX 64

struct cursor {
	const char *p, *end;
};

static void
skip_ws(struct cursor *c)
{
	while (c->p < c->end && (*c->p == ' ' || *c->p == '\t' || *c->p == '\r' ||
	    *c->p == '\n'))
		c->p++;
}

static bool
eat(struct cursor *c, char ch)
{
	skip_ws(c);
	if (c->p < c->end && *c->p == ch) {
		c->p++;
		return true;
	}
	return false;
}

/*
 * A string at c->p, unescaped into out (which may be NULL: only skipped);
 * bytes past QUEUE_STR_MAX + 4 are not stored (queue_strndup() cuts at a
 * character boundary later).  False when it is not a closed string.
 */
static bool
string(struct cursor *c, struct buf *out)
{
	uint32_t cp;
	size_t k;
	char u8[4];

	skip_ws(c);
	if (c->p >= c->end || *c->p != '"')
		return false;
	for (c->p++; c->p < c->end; c->p++) {
		char ch = *c->p;
		bool room = out != NULL && out->len < QUEUE_STR_MAX + 4;

		if (ch == '"') {
			c->p++;
			return true;
		}
		if (ch != '\\') {
			if (room)
				buf_addc(out, ch);
			continue;
		}
		if (++c->p >= c->end)
			return false;
		ch = *c->p;
		if (ch == 'u') {
			if ((k = json_unescape_u(c->p, c->end, &cp)) == 0)
				return false;
			c->p += k;
			if (room)
				buf_add(out, u8, utf8_encode(cp, u8));
			continue;
		}
		if (strchr("\"\\/bfnrt", ch) == NULL)
			return false;
		if (room)
			buf_addc(out, ch == 'b' ? '\b' : ch == 'f' ? '\f' : ch == 'n' ? '\n' :
			    ch == 'r' ? '\r' : ch == 't' ? '\t' : ch);
	}
	return false;
}

/* A string member's value as a new string; false when it is no string. */
static bool
string_dup(struct cursor *c, char **out)
{
	struct buf b = BUF_INIT;

	if (!string(c, &b)) {
		buf_free(&b);
		return false;
	}
	free(*out);
	*out = queue_strndup(b.data ? b.data : "", b.len);
	buf_free(&b);
	return true;
}

/* An integer (postqueue writes no fractions); false when it is none. */
static bool
integer(struct cursor *c, long long *out)
{
	long long v = 0;
	bool neg = false, any = false;

	skip_ws(c);
	if (c->p < c->end && *c->p == '-') {
		neg = true;
		c->p++;
	}
	for (; c->p < c->end && *c->p >= '0' && *c->p <= '9'; c->p++) {
		if (v > (0x7fffffffffffffffLL - 9) / 10)
			return false;
		v = v * 10 + (*c->p - '0');
		any = true;
	}
	*out = neg ? -v : v;
	return any;
}

static bool
word(struct cursor *c, const char *w)
{
	size_t n = strlen(w);

	skip_ws(c);
	if ((size_t)(c->end - c->p) < n || memcmp(c->p, w, n) != 0)
		return false;
	c->p += n;
	return true;
}

/*
 * Skips any value.  Brackets are counted, not matched, and strings are
 * walked once: linear, no recursion.
 */
static bool
skip_value(struct cursor *c)
{
	size_t depth = 0;

	skip_ws(c);
	if (c->p >= c->end)
		return false;
	if (*c->p == '"')
		return string(c, NULL);
	if (*c->p != '{' && *c->p != '[') {
		const char *s = c->p;

		while (c->p < c->end && strchr(",}] \t\r\n", *c->p) == NULL)
			c->p++;
		return c->p > s;
	}
	while (c->p < c->end) {
		if (*c->p == '"') {
			if (!string(c, NULL))
				return false;
			continue;
		}
		if (*c->p == '{' || *c->p == '[') {
			if (++depth > JSON_DEPTH_MAX)
				return false;
		} else if (*c->p == '}' || *c->p == ']') {
			c->p++;
			if (--depth == 0)
				return true;
			continue;
		}
		c->p++;
	}
	return false;
}

/* A member name into key (cut at size - 1 bytes; long names match nothing). */
static bool
member_name(struct cursor *c, char *key, size_t size)
{
	struct buf b = BUF_INIT;
	bool ok = string(c, &b) && eat(c, ':');

	key[0] = '\0';
	if (ok && b.len < size)
		memcpy(key, b.data ? b.data : "", b.len + 1);
	buf_free(&b);
	return ok;
}

/*
 * Walks the members of the object at c->p, calling fn for each; fn reads
 * the value and returns false when it is malformed.
 */
static bool
object(struct cursor *c, bool (*fn)(struct cursor *, const char *, void *), void *arg)
{
	char key[32];

	if (!eat(c, '{'))
		return false;
	if (eat(c, '}'))
		return true;
	do {
		if (!member_name(c, key, sizeof(key)) || !fn(c, key, arg))
			return false;
	} while (eat(c, ','));
	return eat(c, '}');
}

struct rcpt_fields {
	char *address;
	char *delay_reason;
};

static bool
rcpt_member(struct cursor *c, const char *key, void *arg)
{
	struct rcpt_fields *f = arg;

	if (strcmp(key, "address") == 0)
		return string_dup(c, &f->address);
	if (strcmp(key, "delay_reason") == 0)
		return string_dup(c, &f->delay_reason);
	return skip_value(c);
}

static bool
recipients(struct cursor *c, struct queue_msg *m)
{
	if (!eat(c, '['))
		return false;
	if (eat(c, ']'))
		return true;
	do {
		struct rcpt_fields f = { NULL, NULL };
		struct queue_rcpt *r;
		bool ok = object(c, rcpt_member, &f) && f.address != NULL;

		if (ok) {
			r = queue_msg_add_rcpt(m, f.address, strlen(f.address));
			r->delay_reason = f.delay_reason;
			f.delay_reason = NULL;
		}
		free(f.address);
		free(f.delay_reason);
		if (!ok)
			return false;
	} while (eat(c, ','));
	return eat(c, ']');
}

static bool
msg_member(struct cursor *c, const char *key, void *arg)
{
	struct queue_msg *m = arg;
	long long v;

	if (strcmp(key, "queue_name") == 0)
		return string_dup(c, &m->queue);
	if (strcmp(key, "queue_id") == 0)
		return string_dup(c, &m->id);
	if (strcmp(key, "sender") == 0)
		return string_dup(c, &m->sender);
	if (strcmp(key, "arrival_time") == 0) {
		if (!integer(c, &v))
			return false;
		m->arrival = v < 0 ? -1 : (time_t)v;
		return true;
	}
	if (strcmp(key, "message_size") == 0) {
		if (!integer(c, &v))
			return false;
		m->size = v < 0 ? -1 : v;
		return true;
	}
	if (strcmp(key, "forced_expire") == 0) {
		if (word(c, "true"))
			m->forced_expire = true;
		else if (!word(c, "false"))
			return false;
		return true;
	}
	if (strcmp(key, "recipients") == 0)
		return recipients(c, m);
	return skip_value(c);
}

void
queue_read_postfix(struct queue *q, const char *text, size_t len)
{
	struct queue_line l;
	struct queue_msg m;
	size_t pos = 0;

	memset(&m, 0, sizeof(m));
	queue_msg_clear(&m);
	while (queue_line_next(text, len, &pos, &l)) {
		struct cursor c = { l.p, l.p + l.len };
		bool ok;

		skip_ws(&c);
		if (c.p == c.end)
			continue;
		if (l.too_long) {
			q->skipped++;
			continue;
		}
		ok = object(&c, msg_member, &m) && m.id != NULL;
		skip_ws(&c);
		if (!ok || c.p != c.end) {
			q->skipped++;
			queue_msg_clear(&m);
			continue;
		}
		if (m.queue == NULL)
			m.queue = xstrdup("unknown");
		if (m.sender == NULL)
			m.sender = xstrdup("");
		queue_keep(q, &m);
	}
}
