/*
 * The MTA's queue at a glance, refreshed by itself: recipients per domain
 * in age buckets (qshape's table, TOTAL first), then the causes of the
 * delays.  Enter on a domain, TOTAL or a cause lists those recipients;
 * the queue actions (f, h, H, D) act on the same messages.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/queue/queue_shape.h"
#include "core/shared/escape.h"
#include "core/shared/str.h"
#include "tui/tui.h"

/* Below this many columns for the domain, the age columns are merged. */
#define DOMAIN_MIN 16
#define QUEUE_NAMES 8

/* Narrow screens: a column ends after each of these buckets (it sums them). */
static const size_t coarse_end[] = { 1, 4, 7, 8, 9 };
#define NCOARSE (sizeof(coarse_end) / sizeof(coarse_end[0]))

enum kind { LINE_TOTAL, LINE_DOMAIN, LINE_EMPTY, LINE_BLANK, LINE_CAUSES_HEAD, LINE_CAUSE };

struct line {
	enum kind kind;
	size_t i;		/* index into rows or causes */
};

struct qview {
	struct watch *w;
	unsigned long qgen;	/* watch generation the shape was built from */
	struct queue_shape *sh;	/* NULL before the first listing */
	char *qname;		/* the queue shown ("deferred", "queued") */
	struct line *lines;
	size_t n;
	struct cursor c;	/* over lines; rests only on selectable ones */
	bool had_error;		/* the last read failed: say so when one works */
};

static bool
queueview_selectable(const struct line *l)
{
	return l->kind == LINE_TOTAL || l->kind == LINE_DOMAIN || l->kind == LINE_CAUSE;
}

/* cursor_skip()'s view of the lines: arg is the struct qview. */
static bool
queueview_selectable_at(const void *arg, size_t i)
{
	const struct qview *s = arg;

	return i < s->n && queueview_selectable(&s->lines[i]);
}

static const char *
queueview_line_key(const struct qview *s, const struct line *l)
{
	switch (l->kind) {
	case LINE_DOMAIN:
		return s->sh->rows[l->i].key;
	case LINE_CAUSE:
		return s->sh->causes[l->i].reason;
	case LINE_TOTAL:
		return "TOTAL";
	default:
		return "";
	}
}

/* The table again from the watch's newest listing; the cursor stays on its key. */
static void
queueview_relayout(struct qview *s)
{
	const struct queue *q = watch_queue(s->w);
	enum kind oldkind = LINE_TOTAL;
	char *oldkey = NULL;
	size_t m = 0, cur = 0;

	if (s->n > 0) {
		oldkind = s->lines[s->c.cur].kind;
		oldkey = xstrdup(queueview_line_key(s, &s->lines[s->c.cur]));
	}
	queue_shape_free(s->sh);
	s->sh = NULL;
	free(s->lines);
	s->lines = NULL;
	s->n = 0;
	s->qgen = watch_gen(s->w);
	if (q == NULL || queue_shape_build(q, s->qname, QUEUE_BY_DOMAIN, 0, watch_when(s->w),
	    &s->sh) != STATUS_OK) {
		s->sh = NULL;
		cursor_set_count(&s->c, 0);
		free(oldkey);
		return;
	}
	s->lines = xcalloc(s->sh->nrows + s->sh->ncauses + 4, sizeof(struct line));
	s->lines[m++].kind = LINE_TOTAL;
	if (s->sh->total.total == 0)
		s->lines[m++].kind = LINE_EMPTY;
	for (size_t i = 0; i < s->sh->nrows; i++)
		s->lines[m++] = (struct line){ LINE_DOMAIN, i };
	if (s->sh->ncauses > 0) {
		s->lines[m++].kind = LINE_BLANK;
		s->lines[m++].kind = LINE_CAUSES_HEAD;
	}
	for (size_t i = 0; i < s->sh->ncauses; i++)
		s->lines[m++] = (struct line){ LINE_CAUSE, i };
	s->n = m;
	for (size_t i = 0; oldkey != NULL && i < m; i++)
		if (s->lines[i].kind == oldkind &&
		    strcmp(queueview_line_key(s, &s->lines[i]), oldkey) == 0)
			cur = i;
	cursor_set_count(&s->c, m);
	cursor_set(&s->c, cur);
	free(oldkey);
}

/* Whether the causes summary calls reason hard. */
static bool
queueview_reason_hard(const struct queue_shape *sh, const char *reason)
{
	for (size_t i = 0; i < sh->ncauses; i++)
		if (strcmp(sh->causes[i].reason, reason) == 0)
			return sh->causes[i].hard;
	return false;
}

static void
queueview_rebuild(struct tui *t, struct view *v)
{
	(void)t;
	queueview_relayout(v->p);
}

static void
queueview_title(struct tui *t, struct view *v, struct buf *out)
{
	struct qview *s = v->p;
	const struct queue *q = watch_queue(s->w);
	char when[16];
	struct tm tm;
	time_t at = watch_when(s->w);

	(void)t;
	/* The header is drawn before the table: both show the same listing. */
	if (s->qgen != watch_gen(s->w))
		queueview_relayout(s);
	if (q == NULL || s->sh == NULL) {
		buf_printf(out, "Queue: %s | %s | ? help",
		    watch_file(s->w) ? watch_file(s->w) : "the local MTA",
		    watch_busy(s->w) ? "reading..." : "not read");
		return;
	}
	localtime_r(&at, &tm);
	strftime(when, sizeof(when), "%H:%M:%S", &tm);
	buf_printf(out, "Queue: %s %s | %zu", q->mta, s->qname ? s->qname :
	    queue_shape_default(q), s->sh->messages);
	/* What waits elsewhere (active, hold, frozen) is not in the table: say how much. */
	if (s->sh->messages != q->nmessages)
		buf_printf(out, " of %zu", q->nmessages);
	buf_printf(out, " message%s, %zu recipient%s | read %s, every %ds%s",
	    q->nmessages == 1 ? "" : "s", s->sh->recipients,
	    s->sh->recipients == 1 ? "" : "s", when, watch_every(s->w),
	    watch_busy(s->w) ? ", reading..." : "");
	if (q->skipped || q->dropped)
		buf_printf(out, " | %zu unreadable, %zu over the caps", q->skipped, q->dropped);
	buf_adds(out, " | ? help");
}

static size_t
queueview_ncols(bool coarse)
{
	return coarse ? NCOARSE : QUEUE_SHAPE_NCOLS;
}

/* A column's count: one bucket, or on narrow screens a run of them. */
static size_t
queueview_col_count(const struct queue_shape_row *r, bool coarse, size_t col)
{
	size_t first, n = 0;

	if (!coarse)
		return r->counts[col];
	first = col ? coarse_end[col - 1] + 1 : 0;
	for (size_t b = first; b <= coarse_end[col]; b++)
		n += r->counts[b];
	return n;
}

/* qshape's labels: a column counts ages below its number; the last is "N+". */
static void
queueview_col_label(bool coarse, size_t col, char *out, size_t n)
{
	size_t b = coarse ? coarse_end[col] : col;

	if (b < QUEUE_SHAPE_NBOUNDS)
		snprintf(out, n, "%ld", queue_shape_bounds[b]);
	else
		snprintf(out, n, "%ld+", queue_shape_bounds[QUEUE_SHAPE_NBOUNDS - 1]);
}

/* Widths of the T column and the age columns: each fits its label and its TOTAL. */
static int
queueview_number_widths(const struct qview *s, bool coarse, int *tw, int *cw)
{
	char tmp[32];
	int sum;

	*tw = snprintf(tmp, sizeof(tmp), "%zu", s->sh->total.total);
	sum = 1 + *tw;
	for (size_t c = 0; c < queueview_ncols(coarse); c++) {
		int w = snprintf(tmp, sizeof(tmp), "%zu",
		    queueview_col_count(&s->sh->total, coarse, c));
		int lw;

		queueview_col_label(coarse, c, tmp, sizeof(tmp));
		lw = (int)strlen(tmp);
		cw[c] = w > lw ? w : lw;
		sum += 1 + cw[c];
	}
	return sum;
}

static void
queueview_shape_line(const struct queue_shape_row *r, const char *key, bool coarse, int domw,
    int tw, const int *cw, struct buf *out)
{
	draw_cell(out, key, (size_t)domw);
	buf_printf(out, " %*zu", tw, r->total);
	for (size_t c = 0; c < queueview_ncols(coarse); c++)
		buf_printf(out, " %*zu", cw[c], queueview_col_count(r, coarse, c));
}

static void
queueview_head_line(bool coarse, int domw, int tw, const int *cw, struct buf *out)
{
	char label[32];

	draw_cell(out, "domain (recipients by age, minutes)", (size_t)domw);
	buf_printf(out, " %*s", tw, "T");
	for (size_t c = 0; c < queueview_ncols(coarse); c++) {
		queueview_col_label(coarse, c, label, sizeof(label));
		buf_printf(out, " %*s", cw[c], label);
	}
}

#define REASON_W 14
#define CAUSE_FIXED (REASON_W + 1 + 6 + 1 + 7 + 1 + 4 + 1)

static void
queueview_cause_line(const struct queue_cause *c, int width, struct buf *out)
{
	draw_cell(out, c->reason, REASON_W);
	buf_printf(out, " %6zu %7zu %-4s ", c->count, c->domains, c->hard ? "hard" : "soft");
	if (width > CAUSE_FIXED)
		draw_cell(out, c->example ? c->example : "-", (size_t)(width - CAUSE_FIXED));
}

static void
queueview_causes_head(int width, struct buf *out)
{
	draw_cell(out, "cause", REASON_W);
	buf_printf(out, " %6s %7s %-4s ", "rcpts", "domains", "kind");
	if (width > CAUSE_FIXED)
		draw_cell(out, "example delay reason", (size_t)(width - CAUSE_FIXED));
}

static void
queueview_draw(struct tui *t, struct view *v, int y, int height, int width)
{
	struct qview *s = v->p;
	struct buf b = BUF_INIT;
	int tw, cw[QUEUE_SHAPE_NCOLS], domw;
	bool coarse = false;
	const char *err = watch_error(s->w);

	(void)t;
	if (s->qgen != watch_gen(s->w))
		queueview_relayout(s);
	if (height < 2)
		return;
	if (s->sh == NULL) {
		draw_safe(y, 0, width, watch_busy(s->w) || err == NULL ? "reading the queue..." :
		    "no queue listing: see the message below (r tries again)", A_NORMAL);
		return;
	}
	domw = width - queueview_number_widths(s, false, &tw, cw);
	if (domw < DOMAIN_MIN) {
		coarse = true;
		domw = width - queueview_number_widths(s, true, &tw, cw);
	}
	if (domw < 8)
		domw = 8;
	queueview_head_line(coarse, domw, tw, cw, &b);
	draw_safe(y, 0, width, b.data, draw_attr(ATTR_TITLE));
	y++;
	height--;
	cursor_set_height(&s->c, (size_t)height);
	for (int i = 0; i < height && s->c.top + (size_t)i < s->n; i++) {
		size_t l = s->c.top + (size_t)i;
		const struct line *ln = &s->lines[l];
		const struct queue_shape_row *r;
		attr_t at = A_NORMAL;

		buf_reset(&b);
		switch (ln->kind) {
		case LINE_TOTAL:
			queueview_shape_line(&s->sh->total, "TOTAL", coarse, domw, tw, cw, &b);
			at = A_BOLD;
			break;
		case LINE_EMPTY:
			buf_printf(&b, "nothing waits in the %s queue", s->qname ? s->qname :
			    queue_shape_default(watch_queue(s->w)));
			break;
		case LINE_DOMAIN:
			r = &s->sh->rows[ln->i];
			queueview_shape_line(r, r->key[0] ? r->key : "(no domain)", coarse, domw, tw,
			    cw, &b);
			/* A domain whose main cause is hard needs a human, not a retry. */
			at = draw_attr(r->nreasons > 0 &&
			    queueview_reason_hard(s->sh, r->reasons[0].reason) ?
			    ATTR_FAILED : ATTR_DELAYED);
			break;
		case LINE_BLANK:
			break;
		case LINE_CAUSES_HEAD:
			queueview_causes_head(width, &b);
			at = draw_attr(ATTR_TITLE);
			break;
		case LINE_CAUSE:
			queueview_cause_line(&s->sh->causes[ln->i], width, &b);
			at = draw_attr(s->sh->causes[ln->i].hard ? ATTR_FAILED : ATTR_DELAYED);
			break;
		}
		draw_safe(y + i, 0, width, b.data ? b.data : "", l == s->c.cur ?
		    draw_attr(ATTR_CURSOR) : at);
	}
	buf_free(&b);
}

/*
 * The next queue to show: the listing's default, then all, then each
 * other queue its messages name, in the order they first appear.
 */
static void
queueview_next(struct qview *s)
{
	const struct queue *q = watch_queue(s->w);
	const char *names[QUEUE_NAMES + 2], *def;
	size_t n = 0, at = 0;

	if (q == NULL)
		return;
	def = queue_shape_default(q);
	names[n++] = NULL;
	names[n++] = "all";
	for (size_t i = 0; i < q->nmessages && n < QUEUE_NAMES + 2; i++) {
		const char *name = q->messages[i].queue;
		bool seen = name == NULL || strcmp(name, def) == 0 || strcmp(name, "all") == 0;

		for (size_t k = 2; k < n && !seen; k++)
			seen = strcmp(names[k], name) == 0;
		if (!seen)
			names[n++] = name;
	}
	for (size_t k = 1; k < n; k++)
		if (s->qname != NULL && strcmp(names[k], s->qname) == 0)
			at = k;
	free(s->qname);
	s->qname = xstrdup_null(names[(at + 1) % n]);
	cursor_first(&s->c);
	queueview_relayout(s);
}

/*
 * A queue action on the line's messages in the queue shown: a domain's,
 * a cause's, or (TOTAL) all of them.
 */
static void
queueview_queue_act(struct tui *t, struct qview *s, enum queue_action qa)
{
	const struct queue *q = watch_queue(s->w);
	struct queue_select sel = { NULL, NULL, NULL };
	struct queue_target tg;
	const struct line *ln;

	if (q == NULL || s->sh == NULL || s->n == 0) {
		tui_msg(t, true, "%s: the queue has not been read yet", queue_action_name(qa));
		return;
	}
	ln = &s->lines[s->c.cur];
	sel.queue = s->qname ? s->qname : queue_shape_default(q);
	if (ln->kind == LINE_DOMAIN)
		sel.domain = s->sh->rows[ln->i].key;
	else if (ln->kind == LINE_CAUSE)
		sel.reason = s->sh->causes[ln->i].reason;
	queue_target_select(q, qa, &sel, &tg);
	queue_act_ask(t, s->w, &tg);
}

static bool
queueview_act(struct tui *t, struct view *v, enum action a)
{
	struct qview *s = v->p;
	const struct line *ln;
	enum queue_action qa;

	if (tui_cursor_skip_act(&s->c, a, queueview_selectable_at, s))
		return true;
	if (queue_act_of(a, &qa)) {
		queueview_queue_act(t, s, qa);
		return true;
	}
	switch (a) {
	case ACTION_QUEUE_NEXT:
		queueview_next(s);
		return true;
	case ACTION_REFRESH:
		watch_refresh(s->w);
		tui_msg(t, false, "reading the queue...");
		return true;
	case ACTION_OPEN:
		if (s->n == 0)
			return true;
		ln = &s->lines[s->c.cur];
		if (ln->kind == LINE_DOMAIN)
			tui_push(t, view_queue_rcpts_new(t, s->w, s->qname,
			    s->sh->rows[ln->i].key, NULL));
		else if (ln->kind == LINE_CAUSE)
			tui_push(t, view_queue_rcpts_new(t, s->w, s->qname, NULL,
			    s->sh->causes[ln->i].reason));
		else
			tui_push(t, view_queue_rcpts_new(t, s->w, s->qname, NULL, NULL));
		return true;
	default:
		return false;
	}
}

static bool
queueview_search(struct tui *t, struct view *v, const char *text, bool forward)
{
	struct qview *s = v->p;

	(void)t;
	for (size_t k = 1; k <= s->n; k++) {
		size_t l = forward ? (s->c.cur + k) % s->n : (s->c.cur + s->n - k) % s->n;
		const struct line *ln = &s->lines[l];
		const char *ex = ln->kind == LINE_CAUSE ? s->sh->causes[ln->i].example : NULL;

		if (!queueview_selectable(ln))
			continue;
		if (str_casestr(queueview_line_key(s, ln), text) != NULL ||
		    (ex != NULL && str_casestr(ex, text) != NULL)) {
			cursor_set(&s->c, l);
			return true;
		}
	}
	return false;
}

/* Reads the queue when due; a finished read's error goes to the message line. */
static int
queueview_tick(struct tui *t, struct view *v)
{
	struct qview *s = v->p;
	int ms = watch_tick(s->w);
	const char *err;

	if (!watch_take_news(s->w))
		return ms;
	if ((err = watch_error(s->w)) != NULL) {
		tui_msg(t, true, "%s%s", err, watch_queue(s->w) ? " (showing the last good listing)" : "");
		s->had_error = true;
	} else if (s->had_error || (t->msg != NULL && strcmp(t->msg, "reading the queue...") == 0)) {
		tui_msg(t, false, "queue read: %zu recipients", watch_queue(s->w)->nrecipients);
		s->had_error = false;
	}
	queue_act_report(t, s->w);
	return ms;
}

static void
queueview_free(struct view *v)
{
	struct qview *s = v->p;

	watch_free(s->w);
	queue_shape_free(s->sh);
	free(s->qname);
	free(s->lines);
	free(s);
	free(v);
}

static const struct view_ops queueview_ops = {
	.name = "queue",
	.ctx = CONTEXT_QUEUE,
	.rebuild = queueview_rebuild,
	.title = queueview_title,
	.draw = queueview_draw,
	.act = queueview_act,
	.search = queueview_search,
	.free = queueview_free,
	.tick = queueview_tick,
};

/* The first read starts at the first tick, so the screen shows at once. */
struct view *
view_queue_new(struct tui *t)
{
	struct view *v = xcalloc(1, sizeof(*v));
	struct qview *s = xcalloc(1, sizeof(*s));

	s->w = watch_new(t->queue_file, t->queue_command, t->queue_every);
	cursor_init(&s->c, false);
	v->ops = &queueview_ops;
	v->p = s;
	return v;
}
