/*
 * The queued recipients of one domain, one cause, or all: oldest first,
 * with the MTA's delay reason.  The listing is the queue screen's watch
 * (borrowed: that screen sits below this one and outlives it), so this
 * list follows every refresh.  Enter shows one recipient in full.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/queue/queue_shape.h"
#include "core/shared/str.h"
#include "tui/tui.h"

struct item {
	size_t m, r;		/* message and recipient index in the listing */
	long long age;		/* minutes */
};

struct rview {
	struct watch *w;
	char *qname;		/* NULL: the listing's default queue */
	char *domain;		/* NULL: any */
	const char *reason;	/* static taxonomy name, or NULL: any */
	unsigned long qgen;
	struct item *items;
	size_t n;
	struct cursor c;	/* over items */
	/* The cursor's recipient, copied: the listing it came from may be gone. */
	char *cur_id, *cur_addr;
};

static const struct queue_msg *
rcpts_msg_of(const struct rview *s, const struct item *it)
{
	return &watch_queue(s->w)->messages[it->m];
}

static const struct queue_rcpt *
rcpts_rcpt_of(const struct rview *s, const struct item *it)
{
	return &rcpts_msg_of(s, it)->recipients[it->r];
}

static int
rcpts_cmp_items(const void *a, const void *b)
{
	const struct item *x = a, *y = b;

	if (x->age != y->age)
		return x->age < y->age ? 1 : -1;
	if (x->m != y->m)
		return x->m < y->m ? -1 : 1;
	return x->r < y->r ? -1 : x->r > y->r;
}

static bool
rcpts_wanted(const struct rview *s, const struct queue_rcpt *r)
{
	if (s->domain != NULL && strcmp(r->domain ? r->domain : "", s->domain) != 0)
		return false;
	return s->reason == NULL || (r->reason != NULL && strcmp(r->reason, s->reason) == 0);
}

static void
rcpts_remember(struct rview *s)
{
	free(s->cur_id);
	free(s->cur_addr);
	s->cur_id = s->cur_addr = NULL;
	if (s->c.cur < s->n) {
		s->cur_id = xstrdup_null(rcpts_msg_of(s, &s->items[s->c.cur])->id);
		s->cur_addr = xstrdup_null(rcpts_rcpt_of(s, &s->items[s->c.cur])->address);
	}
}

/* The rows again from the newest listing; the cursor stays on its queue id and address. */
static void
rcpts_relayout(struct rview *s)
{
	const struct queue *q = watch_queue(s->w);
	size_t m = 0, cap = 0;

	free(s->items);
	s->items = NULL;
	s->n = 0;
	s->qgen = watch_gen(s->w);
	for (size_t i = 0; q != NULL && i < q->nmessages; i++) {
		const struct queue_msg *qm = &q->messages[i];

		if (!queue_shape_match(qm, s->qname ? s->qname : queue_shape_default(q)))
			continue;
		for (size_t j = 0; j < qm->nrecipients; j++) {
			if (!rcpts_wanted(s, &qm->recipients[j]))
				continue;
			if (m == cap) {
				cap = cap ? cap * 2 : 64;
				s->items = xrealloc(s->items, cap * sizeof(*s->items));
			}
			s->items[m++] = (struct item){ i, j, queue_age_minutes(qm, watch_when(s->w)) };
		}
	}
	s->n = m;
	if (m > 1)
		qsort(s->items, m, sizeof(*s->items), rcpts_cmp_items);
	/* Old cursor position is kept when its recipient left the queue. */
	cursor_set_count(&s->c, m);
	for (size_t i = 0; s->cur_id != NULL && s->cur_addr != NULL && i < m; i++) {
		const struct queue_msg *qm = rcpts_msg_of(s, &s->items[i]);
		const struct queue_rcpt *r = rcpts_rcpt_of(s, &s->items[i]);

		if (qm->id && r->address && strcmp(qm->id, s->cur_id) == 0 &&
		    strcmp(r->address, s->cur_addr) == 0) {
			cursor_set(&s->c, i);
			break;
		}
	}
	rcpts_remember(s);
}

/* Rebuilds when the watch read a new listing: indices into the old one are void. */
static void
rcpts_sync_listing(struct rview *s)
{
	if (s->qgen != watch_gen(s->w))
		rcpts_relayout(s);
}

static void
rcpts_rebuild(struct tui *t, struct view *v)
{
	(void)t;
	rcpts_relayout(v->p);
}

static void
rcpts_title(struct tui *t, struct view *v, struct buf *out)
{
	struct rview *s = v->p;
	const struct queue *q;

	(void)t;
	rcpts_sync_listing(s);
	q = watch_queue(s->w);
	buf_printf(out, "Queue %s:", s->qname ? s->qname : q ? queue_shape_default(q) : "");
	if (s->domain != NULL)
		buf_printf(out, " domain = %s", s->domain[0] ? s->domain : "(no domain)");
	else if (s->reason != NULL)
		buf_printf(out, " cause = %s", s->reason);
	else
		buf_adds(out, " every recipient");
	buf_printf(out, " | %zu recipient%s | oldest first%s | ? help", s->n,
	    s->n == 1 ? "" : "s", watch_busy(s->w) ? " | reading..." : "");
}

/* "42m", "5h07m", "3d04h": short enough for a six-column cell. */
static void
rcpts_age_str(long long min, char *out, size_t n)
{
	if (min < 60)
		snprintf(out, n, "%lldm", min);
	else if (min < 24 * 60)
		snprintf(out, n, "%lldh%02lldm", min / 60, min % 60);
	else
		snprintf(out, n, "%lldd%02lldh", min / 1440, min % 1440 / 60);
}

struct cols {
	size_t id, age, queue, sender, rcpt, status, reason, delay;
};

static void
rcpts_layout(int width, struct cols *c)
{
	int fixed;

	*c = (struct cols){ 11, 6, 0, 0, 24, 6, 12, 0 };
	if (width >= 140) {
		c->queue = 8;
		c->sender = 26;
		c->rcpt = 30;
		c->id = 14;
	} else if (width >= 110) {
		c->queue = 8;
		c->sender = 20;
	} else if (width < 72) {
		c->status = 0;
		c->rcpt = 20;
		c->reason = 10;
	}
	fixed = (int)(c->id + 1 + c->age + 1 + (c->queue ? c->queue + 1 : 0) +
	    (c->sender ? c->sender + 1 : 0) + c->rcpt + 1 + (c->status ? c->status + 1 : 0) +
	    c->reason + 1);
	/* The last column ends at the edge: no blank after it. */
	c->delay = width > fixed + 9 ? (size_t)(width - fixed - 1) : 8;
}

static void
rcpts_cell(struct buf *b, const char *s, size_t w)
{
	if (w == 0)
		return;
	draw_cell(b, s, w);
	buf_addc(b, ' ');
}

static void
rcpts_draw(struct tui *t, struct view *v, int y, int height, int width)
{
	struct rview *s = v->p;
	struct buf b = BUF_INIT;
	struct cols c;

	(void)t;
	rcpts_sync_listing(s);
	if (height < 2)
		return;
	rcpts_layout(width, &c);
	rcpts_cell(&b, "queue id", c.id);
	rcpts_cell(&b, "age", c.age);
	rcpts_cell(&b, "queue", c.queue);
	rcpts_cell(&b, "sender", c.sender);
	rcpts_cell(&b, "recipient", c.rcpt);
	rcpts_cell(&b, "status", c.status);
	rcpts_cell(&b, "reason", c.reason);
	rcpts_cell(&b, "delay reason", c.delay);
	draw_safe(y, 0, width, b.data, draw_attr(ATTR_TITLE));
	y++;
	height--;
	if (s->n == 0)
		draw_safe(y, 0, width, "no recipient waits here any more", A_NORMAL);
	cursor_set_height(&s->c, (size_t)height);
	for (int i = 0; i < height && s->c.top + (size_t)i < s->n; i++) {
		size_t l = s->c.top + (size_t)i;
		const struct queue_msg *m = rcpts_msg_of(s, &s->items[l]);
		const struct queue_rcpt *r = rcpts_rcpt_of(s, &s->items[l]);
		char age[32];

		buf_reset(&b);
		rcpts_age_str(s->items[l].age, age, sizeof(age));
		rcpts_cell(&b, m->id, c.id);
		rcpts_cell(&b, age, c.age);
		rcpts_cell(&b, m->queue, c.queue);
		rcpts_cell(&b, m->sender && *m->sender ? m->sender : "<>", c.sender);
		rcpts_cell(&b, r->address, c.rcpt);
		rcpts_cell(&b, r->status ? r->status : r->reply_code ? r->reply_code : "-",
		    c.status);
		rcpts_cell(&b, r->reason, c.reason);
		rcpts_cell(&b, r->delay_reason ? r->delay_reason : "-", c.delay);
		draw_safe(y + i, 0, width, b.data, l == s->c.cur ? draw_attr(ATTR_CURSOR) :
		    draw_attr(r->hard ? ATTR_FAILED : ATTR_DELAYED));
	}
	buf_free(&b);
}

/* One recipient in full, for the pager (which escapes it). */
static void
rcpts_open_rcpt(struct tui *t, struct rview *s)
{
	const struct queue_msg *m = rcpts_msg_of(s, &s->items[s->c.cur]);
	const struct queue_rcpt *r = rcpts_rcpt_of(s, &s->items[s->c.cur]);
	struct buf b = BUF_INIT;
	char age[32], arrival[64] = "unknown";
	struct tm tm;

	rcpts_age_str(s->items[s->c.cur].age, age, sizeof(age));
	if (m->arrival >= 0 && gmtime_r(&m->arrival, &tm) != NULL)
		strftime(arrival, sizeof(arrival), "%Y-%m-%d %H:%M:%S UTC", &tm);
	buf_printf(&b, "Recipient:    %s\n", r->address ? r->address : "");
	buf_printf(&b, "Domain:       %s\n", r->domain && *r->domain ? r->domain : "(none)");
	buf_printf(&b, "Reason:       %s (%s)\n", r->reason ? r->reason : "undefined",
	    r->hard ? "hard: retrying cannot help" : "soft: the MTA keeps trying");
	buf_printf(&b, "Status:       %s\n", r->status ? r->status : "-");
	buf_printf(&b, "Reply code:   %s\n", r->reply_code ? r->reply_code : "-");
	buf_printf(&b, "Delay reason: %s\n", r->delay_reason ? r->delay_reason :
	    "(none listed; Exim's queue listing has none)");
	buf_printf(&b, "\nQueue id:     %s\n", m->id ? m->id : "");
	buf_printf(&b, "Queue:        %s%s\n", m->queue ? m->queue : "",
	    m->forced_expire ? " (forced to expire)" : "");
	buf_printf(&b, "Sender:       %s\n", m->sender && *m->sender ? m->sender : "<>");
	buf_printf(&b, "Arrival:      %s (%s ago)\n", arrival, age);
	if (m->size >= 0)
		buf_printf(&b, "Size:         %lld bytes\n", m->size);
	buf_printf(&b, "Recipients:   %zu in this message\n", m->nrecipients);
	tui_push(t, view_pager_new(t, "queued recipient", b.data, b.len));
	buf_free(&b);
}

/* A queue action on the message of the recipient under the cursor. */
static void
rcpts_queue_act(struct tui *t, struct rview *s, enum queue_action qa)
{
	const struct queue *q = watch_queue(s->w);
	struct queue_target tg;
	const char *id, *bad, *why;

	if (s->n == 0 || q == NULL) {
		tui_msg(t, true, "%s: no message here", queue_action_name(qa));
		return;
	}
	id = rcpts_msg_of(s, &s->items[s->c.cur])->id;
	switch (queue_target_ids(q, qa, &id, 1, &tg, &bad)) {
	case STATUS_OK:
		queue_act_ask(t, s->w, &tg);
		return;
	case STATUS_SYNTAX:
		why = queue_action_refusal(qa, rcpts_msg_of(s, &s->items[s->c.cur]));
		tui_msg(t, true, "%s: %s %s", queue_action_name(qa), id, why ? why : "");
		break;
	default:
		tui_msg(t, true, "%s: '%s' is no queue ID of %s", queue_action_name(qa),
		    id ? id : "", q->mta);
		break;
	}
	queue_target_free(&tg);
}

static bool
rcpts_act_synced(struct tui *t, struct rview *s, enum action a)
{
	enum queue_action qa;

	if (tui_cursor_act(&s->c, a))
		return true;
	if (queue_act_of(a, &qa)) {
		rcpts_queue_act(t, s, qa);
		return true;
	}
	switch (a) {
	case ACTION_REFRESH:
		watch_refresh(s->w);
		tui_msg(t, false, "reading the queue...");
		return true;
	case ACTION_OPEN:
		if (s->n > 0)
			rcpts_open_rcpt(t, s);
		return true;
	default:
		return false;
	}
}

static bool
rcpts_act(struct tui *t, struct view *v, enum action a)
{
	struct rview *s = v->p;
	bool done;

	rcpts_sync_listing(s);
	done = rcpts_act_synced(t, s, a);
	rcpts_remember(s);
	return done;
}

static bool
rcpts_search(struct tui *t, struct view *v, const char *text, bool forward)
{
	struct rview *s = v->p;

	(void)t;
	rcpts_sync_listing(s);
	for (size_t k = 1; k <= s->n; k++) {
		size_t l = forward ? (s->c.cur + k) % s->n : (s->c.cur + s->n - k) % s->n;
		const struct queue_msg *m = rcpts_msg_of(s, &s->items[l]);
		const struct queue_rcpt *r = rcpts_rcpt_of(s, &s->items[l]);
		const char *f[] = { r->address, m->sender, m->id, r->delay_reason, r->reason };

		for (size_t i = 0; i < sizeof(f) / sizeof(f[0]); i++)
			if (f[i] != NULL && str_casestr(f[i], text) != NULL) {
				cursor_set(&s->c, l);
				rcpts_remember(s);
				return true;
			}
	}
	return false;
}

/*
 * The queue screen below does the reading; while this list is on top it
 * ticks the same watch, and its errors reach the message line the same way.
 */
static int
rcpts_tick(struct tui *t, struct view *v)
{
	struct rview *s = v->p;
	int ms = watch_tick(s->w);

	if (watch_take_news(s->w) && watch_error(s->w) != NULL)
		tui_msg(t, true, "%s (showing the last good listing)", watch_error(s->w));
	queue_act_report(t, s->w);
	return ms;
}

static void
rcpts_free(struct view *v)
{
	struct rview *s = v->p;

	free(s->items);
	free(s->qname);
	free(s->domain);
	free(s->cur_id);
	free(s->cur_addr);
	free(s);
	free(v);
}

static const struct view_ops rcpts_ops = {
	.name = "queue",
	.ctx = CONTEXT_QUEUE,
	.rebuild = rcpts_rebuild,
	.title = rcpts_title,
	.draw = rcpts_draw,
	.act = rcpts_act,
	.search = rcpts_search,
	.free = rcpts_free,
	.tick = rcpts_tick,
};

struct view *
view_queue_rcpts_new(struct tui *t, struct watch *w, const char *qname, const char *domain,
    const char *reason)
{
	struct view *v = xcalloc(1, sizeof(*v));
	struct rview *s = xcalloc(1, sizeof(*s));

	(void)t;
	s->w = w;
	s->qname = xstrdup_null(qname);
	s->domain = xstrdup_null(domain);
	s->reason = reason;
	s->qgen = watch_gen(w) - 1;
	cursor_init(&s->c, false);
	v->ops = &rcpts_ops;
	v->p = s;
	return v;
}
