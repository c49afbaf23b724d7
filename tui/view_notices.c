/*
 * The notices: the messages the query found that are no failure
 * (t->rs->other: auto-replies, complaints, read receipts, reports without
 * recipients, other mail), one line each, newest first.  They have no
 * recipient rows, so Enter shows the raw message in the pager.  The limit
 * is a filter of failures and does not apply here; rows of handled
 * messages hide as everywhere (core/model/hide.h).  The lines are copies
 * in a rowset of the view's own, ordered and searched by core/model/list.
 */
#include <stdlib.h>
#include <string.h>

#include "core/decode/bounce.h"
#include "core/model/list.h"
#include "core/shared/file.h"
#include "tui/tui.h"

struct notices {
	struct rowset sub;	/* copies of the notices shown */
	struct list *l;
};

/* What each kind is called here (bounce_kind_str() for the rest). */
static const char *const kind_word[] = {
	[BOUNCE_KIND_NONE] = "other",
	[BOUNCE_KIND_DSN] = "report",
	[BOUNCE_KIND_TEXT] = "report",
	[BOUNCE_KIND_FEEDBACK] = "complaint",
	[BOUNCE_KIND_AUTOREPLY] = "auto-reply",
	[BOUNCE_KIND_MDN] = "receipt",
};

static const char *
notices_kind(enum bounce_kind k)
{
	if ((size_t)k < sizeof(kind_word) / sizeof(kind_word[0]) && kind_word[k] != NULL)
		return kind_word[k];
	return bounce_kind_str(k);
}

/* The notice under the cursor (borrowed), or NULL. */
static const struct row *
notices_cur(const struct notices *s)
{
	if (s->l == NULL || list_count(s->l) == 0)
		return NULL;
	return list_row(s->l, list_cursor(s->l));
}

static void
notices_rebuild(struct tui *t, struct view *v)
{
	struct notices *s = v->p;
	const struct row *c = notices_cur(s);
	char *keep = c && c->s[ROW_FILE] ? xstrdup(c->s[ROW_FILE]) : NULL;

	list_free(s->l);
	rowset_free(&s->sub);
	for (size_t i = 0; i < t->rs->nother; i++)
		if (rowset_visible(&t->rs->other[i], &t->hide))
			rowset_copy_row(&s->sub, &t->rs->other[i], false);
	s->l = list_new(&s->sub);
	list_set_sort(s->l, LIST_SORT_DATE, true);
	list_set_height(s->l, (size_t)(tui_body_height() > 1 ? tui_body_height() - 1 : 1));
	/* Sorting keeps the cursor on its row: a new list starts at the top;
	 * new mail or a toggle keeps it on its message. */
	list_move_to(s->l, 0);
	for (size_t i = 0; keep != NULL && i < list_count(s->l); i++) {
		const char *f = list_row(s->l, i)->s[ROW_FILE];

		if (f != NULL && strcmp(f, keep) == 0) {
			list_move_to(s->l, i);
			break;
		}
	}
	free(keep);
}

static void
notices_title(struct tui *t, struct view *v, struct buf *out)
{
	struct notices *s = v->p;

	(void)t;
	buf_printf(out, "Notices: auto-replies, complaints, receipts, other mail | %zu messages | "
	    "Enter shows one, q back | ? help", s->l ? list_count(s->l) : 0);
}

static void
notices_draw(struct tui *t, struct view *v, int y, int height, int width)
{
	struct notices *s = v->p;
	struct buf b = BUF_INIT;
	size_t datew = 16, kindw = 10, fromw = width >= 110 ? 32 : 22, subjw;
	int fixed = (int)(datew + 1 + kindw + 1 + fromw + 1);

	subjw = width > fixed + 8 ? (size_t)(width - fixed) : 8;
	if (height < 2)
		return;
	list_set_height(s->l, (size_t)height - 1);
	draw_cell(&b, "date", datew);
	buf_addc(&b, ' ');
	draw_cell(&b, "kind", kindw);
	buf_addc(&b, ' ');
	draw_cell(&b, "from", fromw);
	buf_addc(&b, ' ');
	draw_cell(&b, "subject", subjw);
	draw_safe(y, 0, width, b.data, draw_attr(ATTR_TITLE));
	y++;
	height--;
	if (list_count(s->l) == 0)
		draw_safe(y, 0, width, t->loading || t->querying ? "reading the mail..." :
		    "no notices: the query found only failure reports (a query such as '*' "
		    "takes in auto-replies and complaints)", A_NORMAL);
	for (int i = 0; i < height; i++) {
		size_t li = list_top(s->l) + (size_t)i;
		const struct row *r = list_row(s->l, li);
		char date[21];

		if (r == NULL)
			break;
		buf_reset(&b);
		row_time(r->date, date);
		if (date[0] != '\0') {
			date[10] = ' ';
			date[16] = '\0';
		}
		draw_cell(&b, date, datew);
		buf_addc(&b, ' ');
		draw_cell(&b, notices_kind(r->kind), kindw);
		buf_addc(&b, ' ');
		/* The row keeps no sender: the returned original's, or who reported. */
		draw_cell(&b, r->s[ROW_ORIG_FROM] ? r->s[ROW_ORIG_FROM] : r->s[ROW_REPORTING_MTA],
		    fromw);
		buf_addc(&b, ' ');
		draw_cell(&b, r->s[ROW_DIAGNOSTIC] ? r->s[ROW_DIAGNOSTIC] : r->s[ROW_ORIG_SUBJECT],
		    subjw);
		draw_safe(y + i, 0, width, b.data, li == list_cursor(s->l) ?
		    draw_attr(ATTR_CURSOR) : draw_attr(ATTR_NORMAL));
	}
	buf_free(&b);
}

/* The raw message in the pager, as the bounce screen's view-raw shows a bounce. */
static void
notices_open(struct tui *t, const char *file)
{
	char *data = NULL;
	size_t len;
	enum status st;

	if ((st = file_read(file, BOUNCE_MAX_SIZE, &data, &len)) != STATUS_OK)
		tui_msg(t, true, "cannot read %s: %s", file, status_str(st));
	else
		tui_push(t, view_pager_new(t, file, data, len));
	free(data);
}

static bool
notices_act(struct tui *t, struct view *v, enum action a)
{
	struct notices *s = v->p;
	const struct row *r = notices_cur(s);
	const char *file = r ? r->s[ROW_FILE] : NULL;

	if (s->l != NULL && tui_cursor_act(list_window(s->l), a))
		return true;
	switch (a) {
	case ACTION_OPEN:
	case ACTION_VIEW_RAW:
	case ACTION_EXTERNAL_PAGER:
		if (file == NULL)
			tui_msg(t, true, "%s", r ? "this message names no file" : "no notice here");
		else if (a == ACTION_EXTERNAL_PAGER)
			external_pager(t, file);
		else
			notices_open(t, file);
		return true;
	default:
		return false;
	}
}

static bool
notices_search(struct tui *t, struct view *v, const char *text, bool forward)
{
	struct notices *s = v->p;

	(void)t;
	return s->l != NULL && list_search(s->l, text, forward);
}

static void
notices_free(struct view *v)
{
	struct notices *s = v->p;

	list_free(s->l);
	rowset_free(&s->sub);
	free(s);
	free(v);
}

/* No .current/.rows: the lines are no rows of t->rs->rows (nothing to tag or export). */
static const struct view_ops notices_ops = {
	.name = "notices",
	.ctx = CONTEXT_NOTICES,
	.rebuild = notices_rebuild,
	.title = notices_title,
	.draw = notices_draw,
	.act = notices_act,
	.search = notices_search,
	.free = notices_free,
};

struct view *
view_notices_new(struct tui *t)
{
	struct view *v = xcalloc(1, sizeof(*v));
	struct notices *s = xcalloc(1, sizeof(*s));

	(void)t;
	v->ops = &notices_ops;
	v->p = s;
	return v;
}
