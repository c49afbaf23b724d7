/*
 * Postfix `postqueue -j`: one JSON object per line, read by jansson
 * (core/shared/jsonread.h: NUL, duplicate names, invalid UTF-8 and huge
 * numbers are decided there; Postfix itself writes valid UTF-8 only).
 * A line that is not such an object, or whose known members have the
 * wrong type, is counted in q->skipped, never half kept.  Members
 * postqueue does not write are allowed, nested at most JSON_DEPTH_MAX
 * deep.
 */
#include <stdlib.h>
#include <string.h>

#include "core/queue/queue_int.h"
#include "core/shared/buf.h"
#include "core/shared/jsonread.h"

/* Nesting an unknown member may have; deeper is malformed (postqueue: 3). */
#define JSON_DEPTH_MAX 64

/*
 * Nesting of v (a scalar is 0, "[]" is 1), or max + 1 when deeper: the
 * walk does not go below max levels.
 */
static size_t
depth(json_t *v, size_t max)
{
	size_t d = 0, sub, i;
	const char *k;
	json_t *e;

	if (!json_is_object(v) && !json_is_array(v))
		return 0;
	if (max == 0)
		return 1;
	json_array_foreach(v, i, e)
		if ((sub = depth(e, max - 1)) > d)
			d = sub;
	json_object_foreach(v, k, e)
		if ((sub = depth(e, max - 1)) > d)
			d = sub;
	return d + 1;
}

/* A string member into *out (replacing it); false when v is no string. */
static bool
string(json_t *v, char **out)
{
	char *s = jsonread_strdup(v, QUEUE_STR_MAX);

	if (s == NULL)
		return false;
	free(*out);
	*out = s;
	return true;
}

/* An integer member (postqueue writes no fractions), negative as -1. */
static bool
integer(json_t *v, long long *out)
{
	if (!json_is_integer(v))
		return false;
	*out = json_integer_value(v) < 0 ? -1 : json_integer_value(v);
	return true;
}

struct rcpt_fields {
	char *address;
	char *delay_reason;
};

static bool
rcpt_member(struct rcpt_fields *f, const char *key, json_t *v)
{
	if (strcmp(key, "address") == 0)
		return string(v, &f->address);
	if (strcmp(key, "delay_reason") == 0)
		return string(v, &f->delay_reason);
	return depth(v, JSON_DEPTH_MAX) <= JSON_DEPTH_MAX;
}

/* One element of "recipients": an object with an address. */
static bool
recipient(json_t *e, struct queue_msg *m)
{
	struct rcpt_fields f = { NULL, NULL };
	struct queue_rcpt *r;
	const char *key;
	json_t *v;
	bool ok = json_is_object(e);

	json_object_foreach(e, key, v)
		if (!(ok = rcpt_member(&f, key, v)))
			break;
	if (ok && f.address != NULL) {
		r = queue_msg_add_rcpt(m, f.address, strlen(f.address));
		r->delay_reason = f.delay_reason;
		f.delay_reason = NULL;
	} else
		ok = false;
	free(f.address);
	free(f.delay_reason);
	return ok;
}

static bool
recipients(json_t *list, struct queue_msg *m)
{
	size_t i;
	json_t *e;

	if (!json_is_array(list))
		return false;
	json_array_foreach(list, i, e)
		if (!recipient(e, m))
			return false;
	return true;
}

static bool
msg_member(struct queue_msg *m, const char *key, json_t *v)
{
	long long n;

	if (strcmp(key, "queue_name") == 0)
		return string(v, &m->queue);
	if (strcmp(key, "queue_id") == 0)
		return string(v, &m->id);
	if (strcmp(key, "sender") == 0)
		return string(v, &m->sender);
	if (strcmp(key, "arrival_time") == 0) {
		if (!integer(v, &n))
			return false;
		m->arrival = (time_t)n;
		return true;
	}
	if (strcmp(key, "message_size") == 0)
		return integer(v, &m->size);
	if (strcmp(key, "forced_expire") == 0) {
		if (!json_is_boolean(v))
			return false;
		m->forced_expire = json_is_true(v);
		return true;
	}
	if (strcmp(key, "recipients") == 0)
		return recipients(v, m);
	return depth(v, JSON_DEPTH_MAX) <= JSON_DEPTH_MAX;
}

/* The message of one line into *m; false when the line is none. */
static bool
message(const struct queue_line *l, struct queue_msg *m)
{
	json_t *obj, *v;
	const char *key;
	bool ok = true;

	if (jsonread_object(l->p, l->len, false, &obj) != STATUS_OK)
		return false;
	json_object_foreach(obj, key, v)
		if (!(ok = msg_member(m, key, v)))
			break;
	json_decref(obj);
	return ok && m->id != NULL;
}

static bool
blank(const struct queue_line *l)
{
	for (size_t i = 0; i < l->len; i++)
		if (strchr(" \t\r\n", l->p[i]) == NULL || l->p[i] == '\0')
			return false;
	return true;
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
		if (blank(&l))
			continue;
		if (l.too_long || !message(&l, &m)) {
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
