#include "core/queue/queue_shape.h"

#include <stdlib.h>
#include <string.h>

#include "core/shared/buf.h"
#include "core/shared/strmap.h"

const long queue_shape_bounds[QUEUE_SHAPE_NBOUNDS] = {
	5, 10, 20, 40, 80, 160, 320, 640, 1280
};

static const char *const by_names[] = {
#define QUEUE_BY_NAME(n, s) s,
	QUEUE_BY_LIST(QUEUE_BY_NAME)
#undef QUEUE_BY_NAME
};

/* Rows and causes while counting: looked up by key through maps. */
struct tally {
	struct strmap rowmap, causemap, seen;	/* seen: reason "\n" domain */
	struct queue_shape_row *rows;
	size_t nrows, caprows;
	struct queue_cause *causes;
	size_t ncauses, capcauses;
};

const char *
queue_shape_by_name(enum queue_shape_by by)
{
	return (unsigned)by < QUEUE_BY_COUNT ? by_names[by] : "unknown";
}

enum status
queue_shape_by_parse(const char *s, enum queue_shape_by *out)
{
	for (size_t i = 0; i < QUEUE_BY_COUNT; i++) {
		if (s != NULL && strcmp(s, by_names[i]) == 0) {
			*out = (enum queue_shape_by)i;
			return STATUS_OK;
		}
	}
	return STATUS_INVALID;
}

const char *
queue_shape_default(const struct queue *q)
{
	return q != NULL && strcmp(q->mta, "exim") == 0 ? "queued" : "deferred";
}

bool
queue_shape_match(const struct queue_msg *m, const char *name)
{
	if (name == NULL)
		name = "deferred";
	return strcmp(name, "all") == 0 || (m->queue != NULL && strcmp(m->queue, name) == 0);
}

size_t
queue_shape_bucket(long long minutes)
{
	size_t i;

	for (i = 0; i < QUEUE_SHAPE_NBOUNDS; i++)
		if (minutes < queue_shape_bounds[i])
			break;
	return i;
}

static void
row_add_reason(struct queue_shape_row *row, const char *reason)
{
	/* A row sees a handful of the taxonomy's few dozen names: a scan is enough. */
	for (size_t i = 0; i < row->nreasons; i++) {
		if (strcmp(row->reasons[i].reason, reason) == 0) {
			row->reasons[i].count++;
			return;
		}
	}
	row->reasons = xrealloc(row->reasons, (row->nreasons + 1) * sizeof(*row->reasons));
	row->reasons[row->nreasons].reason = reason;
	row->reasons[row->nreasons++].count = 1;
}

static void
row_add(struct queue_shape_row *row, size_t bucket, const char *reason, size_t n)
{
	row->total += n;
	row->counts[bucket] += n;
	for (size_t i = 0; i < n; i++)
		row_add_reason(row, reason);
}

static struct queue_shape_row *
tally_row(struct tally *t, const char *key)
{
	size_t k;

	if (strmap_get(&t->rowmap, key, &k))
		return &t->rows[k];
	if (t->nrows == t->caprows) {
		t->caprows = t->caprows ? t->caprows * 2 : 16;
		t->rows = xrealloc(t->rows, t->caprows * sizeof(*t->rows));
	}
	k = t->nrows++;
	memset(&t->rows[k], 0, sizeof(t->rows[k]));
	t->rows[k].key = xstrdup(key);
	strmap_put(&t->rowmap, key, k);
	return &t->rows[k];
}

static void
tally_cause(struct tally *t, const struct queue_rcpt *r, struct buf *key)
{
	struct queue_cause *c;
	size_t k;

	if (!strmap_get(&t->causemap, r->reason, &k)) {
		if (t->ncauses == t->capcauses) {
			t->capcauses = t->capcauses ? t->capcauses * 2 : 16;
			t->causes = xrealloc(t->causes, t->capcauses * sizeof(*t->causes));
		}
		k = t->ncauses++;
		memset(&t->causes[k], 0, sizeof(t->causes[k]));
		t->causes[k].reason = r->reason;
		strmap_put(&t->causemap, r->reason, k);
	}
	c = &t->causes[k];
	c->count++;
	c->hard = c->hard || r->hard;
	if (c->example == NULL && r->delay_reason != NULL)
		c->example = xstrdup(r->delay_reason);
	buf_reset(key);
	buf_adds(key, r->reason);
	buf_addc(key, '\n');
	buf_adds(key, r->domain ? r->domain : "");
	if (!strmap_get(&t->seen, key->data, &k)) {
		strmap_put(&t->seen, key->data, 0);
		c->domains++;
	}
}

/* The key of a recipient's row; sender domains need buf. */
static const char *
row_key(const struct queue_msg *m, const struct queue_rcpt *r, enum queue_shape_by by,
    struct buf *buf)
{
	const char *at;

	switch (by) {
	case QUEUE_BY_SENDER:
		if (m->sender == NULL || m->sender[0] == '\0')
			return QUEUE_SHAPE_NULL_SENDER;
		at = strrchr(m->sender, '@');
		buf_reset(buf);
		buf_adds(buf, at ? at + 1 : "");
		for (size_t i = 0; i < buf->len; i++)
			if (buf->data[i] >= 'A' && buf->data[i] <= 'Z')
				buf->data[i] = (char)(buf->data[i] - 'A' + 'a');
		return buf->data ? buf->data : "";
	case QUEUE_BY_REASON:
		return r->reason;
	case QUEUE_BY_DOMAIN:
	case QUEUE_BY_COUNT:
		break;
	}
	return r->domain ? r->domain : "";
}

static int
cmp_row(const void *a, const void *b)
{
	const struct queue_shape_row *x = a, *y = b;

	if (x->total != y->total)
		return x->total > y->total ? -1 : 1;
	return strcmp(x->key, y->key);
}

static int
cmp_reason(const void *a, const void *b)
{
	const struct queue_shape_reason *x = a, *y = b;

	if (x->count != y->count)
		return x->count > y->count ? -1 : 1;
	return strcmp(x->reason, y->reason);
}

static int
cmp_cause(const void *a, const void *b)
{
	const struct queue_cause *x = a, *y = b;

	if (x->count != y->count)
		return x->count > y->count ? -1 : 1;
	return strcmp(x->reason, y->reason);
}

/* qsort() must not be handed the NULL array of an empty list (UBSan). */
static void
sort(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *))
{
	if (n > 1)
		qsort(base, n, size, cmp);
}

static void
row_merge(struct queue_shape_row *into, const struct queue_shape_row *from)
{
	into->total += from->total;
	for (size_t i = 0; i < QUEUE_SHAPE_NCOLS; i++)
		into->counts[i] += from->counts[i];
	for (size_t i = 0; i < from->nreasons; i++) {
		size_t j;

		for (j = 0; j < into->nreasons; j++)
			if (strcmp(into->reasons[j].reason, from->reasons[i].reason) == 0)
				break;
		if (j == into->nreasons) {
			into->reasons = xrealloc(into->reasons, (j + 1) * sizeof(*into->reasons));
			into->reasons[j].reason = from->reasons[i].reason;
			into->reasons[j].count = 0;
			into->nreasons++;
		}
		into->reasons[j].count += from->reasons[i].count;
	}
}

static void
row_clear(struct queue_shape_row *row)
{
	free(row->key);
	free(row->reasons);
}

/* Keeps the first top rows and sums the rest into one "others" row. */
static void
fold(struct queue_shape *s, size_t top)
{
	struct queue_shape_row others;

	if (top == 0 || s->nrows <= top)
		return;
	memset(&others, 0, sizeof(others));
	others.key = xstrdup("(others)");
	others.others = true;
	for (size_t i = top; i < s->nrows; i++) {
		row_merge(&others, &s->rows[i]);
		row_clear(&s->rows[i]);
	}
	sort(others.reasons, others.nreasons, sizeof(*others.reasons), cmp_reason);
	s->rows[top] = others;
	s->nrows = top + 1;
}

enum status
queue_shape_build(const struct queue *q, const char *name, enum queue_shape_by by,
    size_t top, time_t now, struct queue_shape **out)
{
	struct tally t;
	struct queue_shape *s;
	struct buf key = BUF_INIT, ckey = BUF_INIT;

	*out = NULL;
	if ((unsigned)by >= QUEUE_BY_COUNT || q == NULL)
		return STATUS_INVALID;
	if (name == NULL)
		name = queue_shape_default(q);
	memset(&t, 0, sizeof(t));
	s = xcalloc(1, sizeof(*s));
	s->by = by;
	s->total.key = xstrdup("TOTAL");
	for (size_t i = 0; i < q->nmessages; i++) {
		const struct queue_msg *m = &q->messages[i];
		size_t bucket = queue_shape_bucket(queue_age_minutes(m, now));

		if (!queue_shape_match(m, name))
			continue;
		s->messages++;
		for (size_t j = 0; j < m->nrecipients; j++) {
			const struct queue_rcpt *r = &m->recipients[j];

			row_add(tally_row(&t, row_key(m, r, by, &key)), bucket, r->reason, 1);
			row_add(&s->total, bucket, r->reason, 1);
			tally_cause(&t, r, &ckey);
			s->recipients++;
		}
	}
	for (size_t i = 0; i < t.nrows; i++)
		sort(t.rows[i].reasons, t.rows[i].nreasons, sizeof(*t.rows[i].reasons), cmp_reason);
	sort(s->total.reasons, s->total.nreasons, sizeof(*s->total.reasons), cmp_reason);
	sort(t.rows, t.nrows, sizeof(*t.rows), cmp_row);
	sort(t.causes, t.ncauses, sizeof(*t.causes), cmp_cause);
	s->rows = t.rows;
	s->nrows = t.nrows;
	s->causes = t.causes;
	s->ncauses = t.ncauses;
	fold(s, top);
	strmap_free(&t.rowmap);
	strmap_free(&t.causemap);
	strmap_free(&t.seen);
	buf_free(&key);
	buf_free(&ckey);
	*out = s;
	return STATUS_OK;
}

void
queue_shape_free(struct queue_shape *s)
{
	if (s == NULL)
		return;
	for (size_t i = 0; i < s->nrows; i++)
		row_clear(&s->rows[i]);
	free(s->rows);
	row_clear(&s->total);
	for (size_t i = 0; i < s->ncauses; i++)
		free(s->causes[i].example);
	free(s->causes);
	free(s);
}
