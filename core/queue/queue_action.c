/*
 * The vocabulary of queue actions, queue IDs, targets chosen from a
 * listing, and what a listing read afterwards says of them.  Running
 * the commands is queue_action_run.c.
 */
#include "core/queue/queue_action.h"

#include <stdlib.h>
#include <string.h>

#include "core/queue/queue_shape.h"
#include "core/shared/buf.h"
#include "core/shared/strmap.h"

static const struct {
	const char *name, *done, *changed, *same, *help;
	bool destroys;
} actions[] = {
#define QUEUE_ACTION_ROW(n, name, done, destroys, changed, same, help) \
	{ name, done, changed, same, help, destroys },
	QUEUE_ACTION_LIST(QUEUE_ACTION_ROW)
#undef QUEUE_ACTION_ROW
};

const char *
queue_action_name(enum queue_action a)
{
	return (unsigned)a < QUEUE_ACTION_COUNT ? actions[a].name : "";
}

const char *
queue_action_done(enum queue_action a)
{
	return (unsigned)a < QUEUE_ACTION_COUNT ? actions[a].done : "";
}

const char *
queue_action_help(enum queue_action a)
{
	return (unsigned)a < QUEUE_ACTION_COUNT ? actions[a].help : "";
}

bool
queue_action_destroys(enum queue_action a)
{
	return (unsigned)a < QUEUE_ACTION_COUNT && actions[a].destroys;
}

enum status
queue_action_parse(const char *name, enum queue_action *out)
{
	for (size_t i = 0; i < QUEUE_ACTION_COUNT; i++)
		if (strcmp(name, actions[i].name) == 0) {
			*out = (enum queue_action)i;
			return STATUS_OK;
		}
	return STATUS_NOT_FOUND;
}

/* Every byte of s[0..n) is in set. */
static bool
all_in(const char *s, size_t n, const char *set)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] == '\0' || strchr(set, s[i]) == NULL)
			return false;
	return true;
}

#define DIGITS "0123456789"
#define HEX_UPPER DIGITS "ABCDEF"
#define ALNUM DIGITS "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
/*
 * Postfix's long IDs: the time in a 52-letter alphabet (digits, letters
 * without vowels), 'z', the inode number in the same alphabet without 'z'.
 */
#define PF_LONG "0123456789BCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz"
#define PF_LONG_INODE "0123456789BCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxy"
#define PF_LONG_TIME_MIN 10

static bool
postfix_id_ok(const char *id)
{
	size_t n = strlen(id);
	const char *z = strrchr(id, 'z');

	if (n >= 6 && n <= 20 && all_in(id, n, HEX_UPPER))
		return true;
	return n <= 40 && z != NULL && (size_t)(z - id) >= PF_LONG_TIME_MIN && z[1] != '\0' &&
	    all_in(id, (size_t)(z - id), PF_LONG) && all_in(z + 1, strlen(z + 1), PF_LONG_INODE);
}

/* Exim's IDs: three dash-separated fields of base-62 digits, 6-6-2 (before 4.97) or 6-11-4. */
static bool
exim_id_ok(const char *id)
{
	static const size_t forms[][3] = { { 6, 6, 2 }, { 6, 11, 4 } };

	for (size_t f = 0; f < sizeof(forms) / sizeof(forms[0]); f++) {
		const size_t *w = forms[f];
		const char *p = id;

		if (strlen(id) != w[0] + w[1] + w[2] + 2)
			continue;
		if (all_in(p, w[0], ALNUM) && p[w[0]] == '-' &&
		    all_in(p + w[0] + 1, w[1], ALNUM) && p[w[0] + 1 + w[1]] == '-' &&
		    all_in(p + w[0] + w[1] + 2, w[2], ALNUM))
			return true;
	}
	return false;
}

bool
queue_action_id_ok(enum queue_mta mta, const char *id)
{
	if (id == NULL)
		return false;
	switch (mta) {
	case QUEUE_MTA_POSTFIX:
		return postfix_id_ok(id);
	case QUEUE_MTA_EXIM:
		return exim_id_ok(id);
	default:
		return postfix_id_ok(id) || exim_id_ok(id);
	}
}

enum queue_mta
queue_action_mta_of(const struct queue *q)
{
	if (q != NULL && strcmp(q->mta, "postfix") == 0)
		return QUEUE_MTA_POSTFIX;
	if (q != NULL && strcmp(q->mta, "exim") == 0)
		return QUEUE_MTA_EXIM;
	return QUEUE_MTA_AUTO;
}

bool
queue_msg_held(const struct queue_msg *m)
{
	return m->queue != NULL && (strcmp(m->queue, "hold") == 0 || strcmp(m->queue, "frozen") == 0);
}

/* Why an action cannot act on a message, said of one and of several. */
static const struct {
	const char *one, *some;
} refusals[QUEUE_ACTION_COUNT] = {
	/* Postfix never delivers from hold; Exim's -M would thaw silently. */
	[QUEUE_ACTION_FLUSH] = { "is on hold: release it first", "on hold (release them first)" },
	[QUEUE_ACTION_HOLD] = { "is on hold already", "on hold already" },
	[QUEUE_ACTION_RELEASE] = { "is not on hold", "not on hold" },
	[QUEUE_ACTION_DELETE] = { NULL, "without a queue ID of the MTA's form" },
};

/* Whether the refusal of a applies to a message on hold (else to one not on hold). */
static bool
refused_when_held(enum queue_action a)
{
	return a != QUEUE_ACTION_RELEASE;
}

const char *
queue_action_refusal(enum queue_action a, const struct queue_msg *m)
{
	if ((unsigned)a >= QUEUE_ACTION_COUNT || refusals[a].one == NULL ||
	    queue_msg_held(m) != refused_when_held(a))
		return NULL;
	return refusals[a].one;
}

const char *
queue_action_skipped(enum queue_action a)
{
	return (unsigned)a < QUEUE_ACTION_COUNT ? refusals[a].some : "";
}

const char *
queue_action_queue(enum queue_action a, const struct queue *q)
{
	/* Only what is on hold can be released, wherever it waits. */
	return a == QUEUE_ACTION_RELEASE ? "all" : queue_shape_default(q);
}

static void
target_init(struct queue_target *t, const struct queue *q, enum queue_action a)
{
	memset(t, 0, sizeof(*t));
	t->action = a;
	t->mta = queue_action_mta_of(q);
}

static void
target_add(struct queue_target *t, const struct queue_msg *m)
{
	if ((t->n & (t->n - 1)) == 0) {
		size_t cap = t->n ? t->n * 2 : 1;

		t->ids = xrealloc(t->ids, cap * sizeof(*t->ids));
		t->queues = xrealloc(t->queues, cap * sizeof(*t->queues));
	}
	t->ids[t->n] = xstrdup(m->id);
	t->queues[t->n] = xstrdup(m->queue ? m->queue : "");
	t->n++;
	t->nrcpts += m->nrecipients;
}

/* Where each queue ID of q is: its index, the first one's when it is listed twice. */
static void
index_ids(const struct queue *q, struct strmap *map)
{
	for (size_t i = q->nmessages; i-- > 0;)
		if (q->messages[i].id != NULL)
			strmap_put(map, q->messages[i].id, i);
}

enum status
queue_target_ids(const struct queue *q, enum queue_action a, const char *const *ids, size_t n,
    struct queue_target *t, const char **bad)
{
	struct strmap where = STRMAP_INIT, seen = STRMAP_INIT;
	enum status st = STATUS_OK;
	size_t i, at, dummy;

	target_init(t, q, a);
	*bad = NULL;
	if (n == 0)
		return STATUS_EMPTY;
	index_ids(q, &where);
	for (i = 0; i < n && st == STATUS_OK; i++) {
		*bad = ids[i];
		if (!queue_action_id_ok(t->mta, ids[i]))
			st = STATUS_INVALID;
		else if (!strmap_get(&where, ids[i], &at))
			st = STATUS_NOT_FOUND;
		else if (queue_action_refusal(a, &q->messages[at]) != NULL)
			st = STATUS_SYNTAX;
		else if (!strmap_get(&seen, ids[i], &dummy)) {
			strmap_put(&seen, ids[i], 1);
			target_add(t, &q->messages[at]);
		}
	}
	strmap_free(&where);
	strmap_free(&seen);
	if (st != STATUS_OK) {
		queue_target_free(t);
		target_init(t, q, a);
		return st;
	}
	*bad = NULL;
	return STATUS_OK;
}

static bool
rcpt_selected(const struct queue_select *sel, const struct queue_rcpt *r)
{
	if (sel->domain != NULL && strcmp(r->domain ? r->domain : "", sel->domain) != 0)
		return false;
	return sel->reason == NULL || (r->reason != NULL && strcmp(r->reason, sel->reason) == 0);
}

enum status
queue_target_select(const struct queue *q, enum queue_action a, const struct queue_select *sel,
    struct queue_target *t)
{
	const char *qname = sel->queue ? sel->queue : queue_action_queue(a, q);
	struct strmap seen = STRMAP_INIT;
	size_t dummy;

	target_init(t, q, a);
	t->whole = sel->domain == NULL && sel->reason == NULL;
	t->queue = xstrdup(qname);
	t->domain = xstrdup_null(sel->domain);
	t->reason = xstrdup_null(sel->reason);
	for (size_t i = 0; i < q->nmessages; i++) {
		const struct queue_msg *m = &q->messages[i];
		size_t hit = 0;

		if (m->id == NULL || !queue_shape_match(m, qname) || strmap_get(&seen, m->id, &dummy))
			continue;
		for (size_t j = 0; j < m->nrecipients; j++)
			hit += rcpt_selected(sel, &m->recipients[j]);
		if (hit == 0)
			continue;
		strmap_put(&seen, m->id, i);
		if (queue_action_refusal(a, m) != NULL || !queue_action_id_ok(t->mta, m->id)) {
			t->skipped++;
			continue;
		}
		target_add(t, m);
		t->others += hit < m->nrecipients;
	}
	strmap_free(&seen);
	return STATUS_OK;
}

static const char *
plural(size_t n)
{
	return n == 1 ? "" : "s";
}

void
queue_target_describe(const struct queue_target *t, size_t max_ids, struct buf *out)
{
	buf_printf(out, "%s %zu message%s (%zu recipient%s)", queue_action_name(t->action), t->n,
	    plural(t->n), t->nrcpts, plural(t->nrcpts));
	if (t->domain != NULL)
		buf_printf(out, " for %s", t->domain[0] ? t->domain : "no domain");
	if (t->reason != NULL)
		buf_printf(out, " waiting for %s", t->reason);
	if (t->queue != NULL && strcmp(t->queue, "all") == 0)
		buf_adds(out, " in every queue");
	else if (t->queue != NULL)
		buf_printf(out, " in the %s queue", t->queue);
	if (t->others > 0)
		buf_printf(out, ", %zu of them also for other recipients", t->others);
	/* Before the IDs: a narrow screen cuts the end of a question. */
	if (queue_action_destroys(t->action))
		buf_adds(out, ", for good and without a bounce to the senders");
	for (size_t i = 0; i < t->n && i < max_ids; i++)
		buf_printf(out, "%s%s", i == 0 ? ": " : ", ", t->ids[i]);
	if (t->n > max_ids && max_ids > 0)
		buf_printf(out, ", and %zu more", t->n - max_ids);
}

void
queue_target_free(struct queue_target *t)
{
	if (t == NULL)
		return;
	for (size_t i = 0; i < t->n; i++) {
		free(t->ids[i]);
		free(t->queues[i]);
	}
	free(t->ids);
	free(t->queues);
	free(t->queue);
	free(t->domain);
	free(t->reason);
	memset(t, 0, sizeof(*t));
}

/* What became of a message: found in the later listing, and held there. */
static enum queue_fate
fate(enum queue_action a, bool found, bool held)
{
	switch (a) {
	case QUEUE_ACTION_HOLD:
		return !found ? QUEUE_FATE_GONE : held ? QUEUE_FATE_CHANGED : QUEUE_FATE_SAME;
	case QUEUE_ACTION_RELEASE:
		return !found ? QUEUE_FATE_GONE : held ? QUEUE_FATE_SAME : QUEUE_FATE_CHANGED;
	default:
		return found ? QUEUE_FATE_SAME : QUEUE_FATE_CHANGED;
	}
}

void
queue_action_outcome(const struct queue_target *t, const struct queue *after,
    struct queue_outcome *out)
{
	struct strmap where = STRMAP_INIT;
	size_t at;

	memset(out, 0, sizeof(*out));
	out->fate = xcalloc(t->n + 1, sizeof(*out->fate));
	if (after != NULL)
		index_ids(after, &where);
	for (size_t i = 0; i < t->n; i++) {
		bool found = strmap_get(&where, t->ids[i], &at);

		out->fate[i] = fate(t->action, found, found && queue_msg_held(&after->messages[at]));
		switch (out->fate[i]) {
		case QUEUE_FATE_CHANGED:
			out->changed++;
			break;
		case QUEUE_FATE_SAME:
			out->same++;
			break;
		case QUEUE_FATE_GONE:
			out->gone++;
			break;
		}
	}
	strmap_free(&where);
}

const char *
queue_fate_name(enum queue_action a, enum queue_fate f)
{
	if ((unsigned)a >= QUEUE_ACTION_COUNT)
		return "";
	switch (f) {
	case QUEUE_FATE_CHANGED:
		return actions[a].changed;
	case QUEUE_FATE_SAME:
		return actions[a].same;
	default:
		return "left the queue meanwhile";
	}
}

void
queue_outcome_free(struct queue_outcome *out)
{
	if (out == NULL)
		return;
	free(out->fate);
	memset(out, 0, sizeof(*out));
}
