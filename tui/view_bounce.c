/* One bounce for one recipient: DSN fields side by side, what the code means, its chain's timeline, text. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "core/decode/bounce.h"
#include "core/decode/decode.h"
#include "core/decode/original.h"
#include "core/decode/source.h"
#include "core/index/index_find.h"
#include "core/knowledge/codes.h"
#include "core/knowledge/reason.h"
#include "core/model/row_map.h"
#include "core/model/timeline.h"
#include "core/shared/date.h"
#include "core/shared/escape.h"
#include "core/shared/file.h"
#include "tui/tui.h"

struct bview {
	size_t rsidx;
	struct row r;			/* copy of the row */
	struct row *chain;		/* copies of its chain, oldest first */
	size_t nchain;
	struct timeline tl;		/* of chain[0 .. nchain) */
	time_t now;			/* when the screen opened: deadlines ahead or past */
	char *data;			/* the raw bounce file */
	size_t len;
	struct bounce *b;		/* decoded again, or NULL */
	char *error;
	struct text x;
};

static const struct bounce_recipient *
bounceview_find_rcpt(const struct bounce *b, const char *rcpt)
{
	if (b == NULL || b->nrcpt == 0)
		return NULL;
	for (size_t i = 0; rcpt != NULL && i < b->nrcpt; i++)
		if (b->rcpt[i].recipient && strcasecmp(b->rcpt[i].recipient, rcpt) == 0)
			return &b->rcpt[i];
	return &b->rcpt[0];
}

/* "name: value" cells for one column of the side-by-side block. */
static void
bounceview_cell(struct buf *col[], size_t *n, const char *name, const char *value)
{
	struct buf *c;

	if (value == NULL || *value == '\0')
		return;
	c = col[(*n)++];
	buf_printf(c, "%s: %s", name, value);
}

#define NCELLS 24

static void
bounceview_columns(struct bview *s, int width)
{
	const struct bounce *b = s->b;
	const struct bounce_recipient *rc = bounceview_find_rcpt(b, s->r.s[ROW_RECIPIENT]);
	struct buf lb[NCELLS], rb[NCELLS], *lp[NCELLS], *rp[NCELLS], line = BUF_INIT;
	size_t nl = 0, nr = 0, lw = (size_t)(width - 3) / 2, rw = (size_t)width - 3 - lw;
	char st[64];

	for (int i = 0; i < NCELLS; i++) {
		memset(&lb[i], 0, sizeof(lb[i]));
		memset(&rb[i], 0, sizeof(rb[i]));
		lp[i] = &lb[i];
		rp[i] = &rb[i];
	}
	if (b != NULL) {
		bounceview_cell(lp, &nl, "Date", b->date);
		bounceview_cell(lp, &nl, "From", b->from);
		bounceview_cell(lp, &nl, "Subject", b->subject);
		bounceview_cell(lp, &nl, "Message-ID", b->message_id);
		bounceview_cell(lp, &nl, "Kind", bounce_kind_str(b->kind));
		bounceview_cell(lp, &nl, "MTA", b->mta);
		bounceview_cell(lp, &nl, "Reporting-MTA", b->reporting_mta);
		bounceview_cell(lp, &nl, "Received-From-MTA", b->received_from_mta);
		bounceview_cell(lp, &nl, "Arrival-Date", b->arrival_date);
		bounceview_cell(lp, &nl, "DSN-Gateway", b->dsn_gateway);
		bounceview_cell(lp, &nl, "Original-Envelope-Id", b->envelope_id);
		for (size_t i = 0; i < b->nfields && nl < NCELLS; i++)
			bounceview_cell(lp, &nl, b->fields[i].name, b->fields[i].value);
	}
	if (rc != NULL) {
		bounceview_cell(rp, &nr, "Recipient", rc->recipient);
		bounceview_cell(rp, &nr, "Final-Recipient", rc->final_recipient);
		bounceview_cell(rp, &nr, "Original-Recipient", rc->original_recipient);
		bounceview_cell(rp, &nr, "Action", rc->action);
		if (rc->status != NULL) {
			snprintf(st, sizeof(st), "%s (%s)", rc->status,
			    status_source_str(rc->status_source));
			bounceview_cell(rp, &nr, "Status", st);
		}
		bounceview_cell(rp, &nr, "Reply code", rc->reply_code);
		bounceview_cell(rp, &nr, "Remote-MTA", rc->remote_mta);
		bounceview_cell(rp, &nr, "Diagnostic-Type", rc->diagnostic_type);
		bounceview_cell(rp, &nr, "Last-Attempt-Date", rc->last_attempt);
		bounceview_cell(rp, &nr, "Will-Retry-Until", rc->will_retry_until);
		bounceview_cell(rp, &nr, "Final-Log-ID", rc->final_log_id);
	} else {
		bounceview_cell(rp, &nr, "Recipient", s->r.s[ROW_RECIPIENT]);
		bounceview_cell(rp, &nr, "Action", s->r.s[ROW_ACTION]);
		bounceview_cell(rp, &nr, "Status", s->r.s[ROW_STATUS]);
		bounceview_cell(rp, &nr, "Reply code", s->r.s[ROW_REPLY_CODE]);
		bounceview_cell(rp, &nr, "Remote-MTA", s->r.s[ROW_REMOTE_MTA]);
	}
	bounceview_cell(rp, &nr, "Reason", s->r.s[ROW_REASON]);
	if (reason_is_failure(s->r.s[ROW_REASON]))
		bounceview_cell(rp, &nr, "Bounce type", s->r.hard ? "hard" : "soft");
	draw_cell(&line, "Message", lw);
	buf_adds(&line, " | Recipient");
	text_add(&s->x, ATTR_TITLE, line.data);
	for (size_t i = 0; i < nl || i < nr; i++) {
		buf_reset(&line);
		draw_cell(&line, i < nl ? lb[i].data : "", lw);
		buf_adds(&line, " | ");
		draw_cell(&line, i < nr ? rb[i].data : "", rw);
		/* Already safe: add without a second round of escaping. */
		text_add_safe(&s->x, ATTR_NORMAL, line.data);
	}
	for (int i = 0; i < NCELLS; i++) {
		buf_free(&lb[i]);
		buf_free(&rb[i]);
	}
	buf_free(&line);
}

static void
bounceview_explain(struct bview *s)
{
	struct codes_context ctx = { s->r.s[ROW_REMOTE_MTA], s->r.s[ROW_REPORTING_MTA],
	    s->r.s[ROW_DIAGNOSTIC], CODES_PROVIDER_NONE };
	struct codes_explanation ex;
	const char *st = s->r.s[ROW_STATUS], *rc = s->r.s[ROW_REPLY_CODE];

	text_add(&s->x, ATTR_NORMAL, "");
	text_add(&s->x, ATTR_TITLE, "What it means");
	if ((st == NULL && rc == NULL) || codes_explain(st, rc, &ctx, &ex) != STATUS_OK) {
		text_add(&s->x, ATTR_NORMAL, "The bounce carries no status or reply code.");
		return;
	}
	text_addf(&s->x, ATTR_NORMAL, "%s  %s (%s%s%s)", ex.code, ex.title ? ex.title : "",
	    ex.class_title, ex.subject_title ? " / " : "", ex.subject_title ? ex.subject_title : "");
	if (ex.explanation)
		text_add(&s->x, ATTR_NORMAL, ex.explanation);
	text_addf(&s->x, ATTR_NORMAL, "Whose side: %s", codes_side_text(ex.side));
	text_addf(&s->x, ATTR_NORMAL, "Retry: %s", codes_retry_text(ex.retry));
	if (ex.advice)
		text_addf(&s->x, ATTR_NORMAL, "Advice: %s", ex.advice);
	if (ex.reply_entry != NULL)
		text_addf(&s->x, ATTR_NORMAL, "Reply %s: %s", ex.reply_code,
		    ex.reply_entry->title ? ex.reply_entry->title : "");
	if (ex.provider_row != NULL) {
		const struct codes_provider_row *p = ex.provider_row;

		text_addf(&s->x, ATTR_NORMAL, "Provider note (%s, %s): %s",
		    codes_provider_name(ex.provider), p->code, p->title ? p->title : "");
		if (p->explanation)
			text_add(&s->x, ATTR_NORMAL, p->explanation);
		if (p->advice)
			text_addf(&s->x, ATTR_NORMAL, "Advice: %s", p->advice);
		if (p->source)
			text_addf(&s->x, ATTR_DIM, "Source: %s", p->source);
	} else if (ex.provider != CODES_PROVIDER_NONE)
		text_addf(&s->x, ATTR_NORMAL, "Provider: %s", codes_provider_name(ex.provider));
	for (size_t i = 0; i < ex.nnotes; i++)
		text_addf(&s->x, ATTR_NORMAL, "Note: %s", ex.notes[i]);
}

/*
 * The chain's notices in time (core/model/timeline): when each came, how
 * long after the first, what it said; the retry deadline of delays; and
 * the outcome in one sentence.  A lone notice gets the sentence only.
 */
static void
bounceview_timeline(struct bview *s)
{
	static const enum tui_attr attr[] = {
		[TIMELINE_DELAY] = ATTR_DELAYED, [TIMELINE_FAILURE] = ATTR_FAILED,
		[TIMELINE_SUCCESS] = ATTR_NORMAL, [TIMELINE_OTHER] = ATTR_NORMAL,
	};
	struct buf sum = BUF_INIT;
	char when[21], since[DATE_DURATION_MAX + 1];

	text_add(&s->x, ATTR_NORMAL, "");
	text_addf(&s->x, ATTR_TITLE, "Delivery timeline (%zu notice%s for this message and "
	    "recipient, oldest first)", s->tl.n, s->tl.n == 1 ? "" : "s");
	timeline_summary(&s->tl, s->now, &sum);
	text_add(&s->x, ATTR_NORMAL, sum.data);
	for (size_t i = 0; s->tl.n > 1 && i < s->tl.n; i++) {
		const struct timeline_event *e = &s->tl.ev[i];
		const struct row *c = &s->chain[e->row];

		timeline_time(e->when, when);
		if (e->since_first == 0 && e->step == TIMELINE_DELAY)
			snprintf(since, sizeof(since), "first delay");
		else if (e->since_first == 0)
			snprintf(since, sizeof(since), "first");
		else if (e->since_first > 0) {
			since[0] = '+';
			date_duration(e->since_first, since + 1);
		} else
			snprintf(since, sizeof(since), "?");
		text_addf(&s->x, attr[e->step], "%s  %-12s %-9s %-6s %s", when, since,
		    c->s[ROW_ACTION] ? c->s[ROW_ACTION] : "?",
		    c->s[ROW_STATUS] ? c->s[ROW_STATUS] : "",
		    c->s[ROW_DIAGNOSTIC] ? c->s[ROW_DIAGNOSTIC] : "");
		if (e->step == TIMELINE_DELAY && e->retry_until != 0) {
			timeline_time(e->retry_until, when);
			text_addf(&s->x, ATTR_DIM, "%21s will retry until %s", "", when);
		}
	}
	buf_free(&sum);
}

static void
bounceview_layout(struct tui *t, struct bview *s, int width)
{
	const struct bounce_recipient *rc = bounceview_find_rcpt(s->b, s->r.s[ROW_RECIPIENT]);

	(void)t;
	text_reset(&s->x, width);
	if (s->error != NULL)
		text_addf(&s->x, ATTR_ERROR, "%s", s->error);
	bounceview_columns(s, width);
	if (rc != NULL && rc->diagnostic != NULL) {
		text_add(&s->x, ATTR_NORMAL, "");
		text_add(&s->x, ATTR_TITLE, "Diagnostic");
		text_add(&s->x, ATTR_NORMAL, rc->diagnostic);
	} else if (s->r.s[ROW_DIAGNOSTIC] != NULL) {
		text_add(&s->x, ATTR_NORMAL, "");
		text_add(&s->x, ATTR_TITLE, "Diagnostic");
		text_add(&s->x, ATTR_NORMAL, s->r.s[ROW_DIAGNOSTIC]);
	}
	bounceview_explain(s);
	bounceview_timeline(s);
	if (s->b != NULL && s->b->original.part != NULL) {
		const struct bounce_original *o = &s->b->original;

		text_add(&s->x, ATTR_NORMAL, "");
		text_addf(&s->x, ATTR_TITLE, "Returned original (%s): v shows it, s finds the sent copy",
		    o->part);
		text_field(&s->x, "Message-ID", o->message_id);
		text_field(&s->x, "From", o->from);
		text_field(&s->x, "To", o->to);
		text_field(&s->x, "Subject", o->subject);
		text_field(&s->x, "Date", o->date);
	}
	if (s->b != NULL && s->b->human != NULL) {
		text_add(&s->x, ATTR_NORMAL, "");
		text_add(&s->x, ATTR_TITLE, "Human-readable part");
		text_add(&s->x, ATTR_NORMAL, s->b->human);
	}
}

static void
bounceview_rebuild(struct tui *t, struct view *v)
{
	bounceview_layout(t, v->p, COLS);
	v->width = COLS;
}

static void
bounceview_title(struct tui *t, struct view *v, struct buf *out)
{
	struct bview *s = v->p;

	(void)t;
	buf_printf(out, "Bounce: %s %s %s | r raw, v original, s sent, e $PAGER | ? help",
	    s->r.s[ROW_RECIPIENT] ? s->r.s[ROW_RECIPIENT] : "?",
	    s->r.s[ROW_ACTION] ? s->r.s[ROW_ACTION] : "",
	    s->r.s[ROW_STATUS] ? s->r.s[ROW_STATUS] : "");
}

static void
bounceview_draw(struct tui *t, struct view *v, int y, int height, int width)
{
	struct bview *s = v->p;

	if (v->width != width)
		bounceview_rebuild(t, v);
	text_draw(&s->x, y, height, width);
}

static void
bounceview_open_sent(struct tui *t, struct bview *s)
{
	const char *id = s->b && s->b->original.message_id ? s->b->original.message_id :
	    s->r.s[ROW_ORIG_MESSAGE_ID];
	char *file = NULL, *err = NULL, *data = NULL;
	size_t len;

	if (id == NULL) {
		tui_msg(t, true, "the bounce does not say which message it returns");
		return;
	}
	if (index_find_file(&t->iopts, id, &file, &err) != STATUS_OK) {
		tui_msg(t, true, "%s", err ? err : "not found");
		free(err);
		return;
	}
	if (file_read(file, BOUNCE_MAX_SIZE, &data, &len) != STATUS_OK)
		tui_msg(t, true, "cannot read %s", file);
	else {
		struct buf title = BUF_INIT;

		buf_printf(&title, "Sent original %s (%s)", id, file);
		tui_push(t, view_pager_new(t, title.data, data, len));
		buf_free(&title);
	}
	free(data);
	free(file);
}

static bool
bounceview_act(struct tui *t, struct view *v, enum action a)
{
	struct bview *s = v->p;

	if (text_act(&s->x, a))
		return true;
	switch (a) {
	case ACTION_VIEW_RAW:
		if (s->data == NULL)
			tui_msg(t, true, "%s", s->error ? s->error : "no file");
		else
			tui_push(t, view_pager_new(t, s->r.s[ROW_FILE], s->data, s->len));
		return true;
	case ACTION_VIEW_ORIGINAL: {
		char *text = NULL;
		size_t len;
		const char *what;
		struct buf title = BUF_INIT;

		if (s->data == NULL ||
		    original_extract(s->data, s->len, &text, &len, &what) != STATUS_OK) {
			tui_msg(t, true, "this bounce returned no copy of the original");
			return true;
		}
		buf_printf(&title, "Returned original (%s)", what);
		tui_push(t, view_pager_new(t, title.data, text, len));
		buf_free(&title);
		free(text);
		return true;
	}
	case ACTION_OPEN_SENT:
		bounceview_open_sent(t, s);
		return true;
	case ACTION_EXTERNAL_PAGER:
		if (s->r.s[ROW_FILE] != NULL)
			external_pager(t, s->r.s[ROW_FILE]);
		return true;
	default:
		return false;
	}
}

static bool
bounceview_search(struct tui *t, struct view *v, const char *text, bool forward)
{
	struct bview *s = v->p;

	(void)t;
	return text_search(&s->x, text, forward);
}

static long
bounceview_current(struct tui *t, struct view *v)
{
	size_t i = ((struct bview *)v->p)->rsidx;

	(void)t;
	return i == ROW_MAP_NONE ? -1 : (long)i;
}

static size_t
bounceview_rows(struct tui *t, struct view *v, size_t **idx)
{
	size_t i = ((struct bview *)v->p)->rsidx;

	(void)t;
	*idx = xcalloc(1, sizeof(size_t));
	if (i == ROW_MAP_NONE)
		return 0;
	(*idx)[0] = i;
	return 1;
}

/* New mail: the row is shown from its copy; tagging follows it (or not, gone). */
static void
bounceview_remap(struct tui *t, struct view *v, const size_t *map, size_t n)
{
	struct bview *s = v->p;

	(void)t;
	s->rsidx = s->rsidx < n ? map[s->rsidx] : ROW_MAP_NONE;
}

static void
bounceview_free(struct view *v)
{
	struct bview *s = v->p;

	row_clear(&s->r);
	for (size_t i = 0; i < s->nchain; i++)
		row_clear(&s->chain[i]);
	free(s->chain);
	timeline_free(&s->tl);
	free(s->data);
	bounce_free(s->b);
	free(s->error);
	text_free(&s->x);
	free(s);
	free(v);
}

static const struct view_ops bounceview_ops = {
	.name = "bounce",
	.ctx = CONTEXT_BOUNCE,
	.rebuild = bounceview_rebuild,
	.title = bounceview_title,
	.draw = bounceview_draw,
	.act = bounceview_act,
	.search = bounceview_search,
	.current = bounceview_current,
	.rows = bounceview_rows,
	.free = bounceview_free,
	.remap = bounceview_remap,
};

struct view *
view_bounce_new(struct tui *t, size_t rsidx)
{
	struct view *v = xcalloc(1, sizeof(*v));
	struct bview *s = xcalloc(1, sizeof(*s));
	const struct row *r = &t->rs->rows[rsidx];
	size_t max = r->chain_len > 1 ? r->chain_len : 1, *idx = xcalloc(max, sizeof(size_t));
	const char *file;
	enum status st;

	s->rsidx = rsidx;
	row_copy(&s->r, r);
	/* The whole chain, whatever the limit shows: rows may move, so copies. */
	s->nchain = timeline_chain(t->rs, rsidx, idx, max);
	s->chain = xcalloc(s->nchain + 1, sizeof(struct row));
	for (size_t i = 0; i < s->nchain; i++)
		row_copy(&s->chain[i], &t->rs->rows[idx[i]]);
	free(idx);
	timeline_build(s->chain, s->nchain, &s->tl);
	s->now = time(NULL);
	file = s->r.s[ROW_FILE];
	if (file == NULL)
		s->error = xstrdup("this row names no file");
	else if ((st = file_read(file, BOUNCE_MAX_SIZE, &s->data, &s->len)) != STATUS_OK) {
		struct buf b = BUF_INIT;

		buf_printf(&b, "cannot read %s: %s", file, status_str(st));
		s->error = buf_steal(&b);
	} else if ((st = bounce_decode(s->data, s->len, &s->b)) != STATUS_OK) {
		struct buf b = BUF_INIT;

		buf_printf(&b, "cannot decode %s: %s", file, status_str(st));
		s->error = buf_steal(&b);
	}
	text_init(&s->x, COLS);
	v->ops = &bounceview_ops;
	v->p = s;
	return v;
}
