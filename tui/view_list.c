/* One row per failed recipient: a group's rows, or all of them. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/model/list.h"
#include "core/model/row_map.h"
#include "tui/tui.h"

struct rlist {
	enum group_key keys[GROUP_MAX_LEVELS];
	char *vals[GROUP_MAX_LEVELS];	/* NULL: the "unknown" group */
	size_t nkeys;			/* 0: every row */
	struct rowset sub;		/* copies of the rows shown */
	size_t *orig;			/* sub index -> t->rs index */
	struct list *l;
	enum list_sort sort;
	bool desc, history;
};

static bool
listview_key_matches(const struct row *r, enum group_key k, const char *val)
{
	char buf[11];
	const char *rv = group_row_key(r, k, buf);

	if (rv == NULL || val == NULL)
		return rv == val;
	return strcasecmp(rv, val) == 0;
}

static void
listview_rebuild(struct tui *t, struct view *v)
{
	struct rlist *s = v->p;
	size_t cap = 0, keep = (size_t)-1;

	if (s->l != NULL && list_count(s->l) > 0)
		keep = s->orig[list_row_index(s->l, list_cursor(s->l))];
	list_free(s->l);
	rowset_free(&s->sub);
	free(s->orig);
	s->orig = NULL;
	for (size_t i = 0; i < t->rs->n; i++) {
		const struct row *r = &t->rs->rows[i];
		bool ok = tui_row_shown(t, r);

		/* Unreadable messages only in the list of everything. */
		if (r->s[ROW_ERROR] != NULL && s->nkeys > 0)
			ok = false;
		for (size_t k = 0; ok && k < s->nkeys; k++)
			ok = listview_key_matches(r, s->keys[k], s->vals[k]);
		if (!ok)
			continue;
		if (s->sub.n == cap) {
			cap = cap ? cap * 2 : 64;
			s->orig = xrealloc(s->orig, cap * sizeof(size_t));
		}
		s->orig[s->sub.n] = i;
		row_copy(rowset_add(&s->sub), r);
	}
	s->l = list_new(&s->sub);
	list_set_sort(s->l, s->sort, s->desc);
	list_set_history(s->l, s->history);
	/* The rows were filtered above; the limit still decides on successes. */
	list_set_successes(s->l, filter_shows_successes(t->filter));
	list_set_height(s->l, (size_t)(tui_body_height() > 1 ? tui_body_height() - 1 : 1));
	/* Sorting keeps the cursor on its row; a new list starts at the top. */
	list_move_to(s->l, 0);
	for (size_t i = 0; keep != (size_t)-1 && i < list_count(s->l); i++)
		if (s->orig[list_row_index(s->l, i)] == keep) {
			list_move_to(s->l, i);
			break;
		}
}

static void
listview_title(struct tui *t, struct view *v, struct buf *out)
{
	struct rlist *s = v->p;

	(void)t;
	buf_adds(out, "List:");
	if (s->nkeys == 0)
		buf_adds(out, " every failure");
	for (size_t k = 0; k < s->nkeys; k++)
		buf_printf(out, "%s %s = %s", k ? " and" : "", group_key_name(s->keys[k]),
		    s->vals[k] ? s->vals[k] : "unknown");
	buf_printf(out, " | %zu rows | sort %s %s%s | ? help", s->l ? list_count(s->l) : 0,
	    list_sort_name(s->sort), s->desc ? "desc" : "asc",
	    s->history ? " | history" : "");
}

static enum tui_attr
listview_row_attr(const struct row *r)
{
	const char *a = r->s[ROW_ACTION];

	if (r->s[ROW_ERROR] != NULL)
		return ATTR_ERROR;
	if (a != NULL && strcasecmp(a, "delayed") == 0)
		return ATTR_DELAYED;
	return ATTR_FAILED;
}

static char
listview_row_mark(const struct row *r)
{
	const char *a = r->s[ROW_ACTION];

	if (r->s[ROW_ERROR] != NULL)
		return '!';
	/*
	 * The address keeps failing softly (core/model/escalate.h): that
	 * matters more than failed or delayed, which the colour still tells.
	 */
	if (r->escalated)
		return 'E';
	if (a == NULL)
		return r->s[ROW_REASON] && strcmp(r->s[ROW_REASON], "feedback") == 0 ? 'C' : '?';
	if (strcasecmp(a, "delayed") == 0)
		return 'D';
	if (strcasecmp(a, "failed") == 0)
		return 'F';
	return (char)(a[0] >= 'a' && a[0] <= 'z' ? a[0] - 'a' + 'A' : '?');
}

static void
listview_draw(struct tui *t, struct view *v, int y, int height, int width)
{
	struct rlist *s = v->p;
	struct buf b = BUF_INIT;
	size_t rcptw = 26, statw = 6, reasonw = 14, mtaw = 16, datew = 10, diagw;
	int fixed;

	if (width >= 130) {
		datew = 16;
		mtaw = 22;
		rcptw = 30;
	} else if (width < 90) {
		rcptw = 22;
		reasonw = 12;
		mtaw = 0;
	}
	fixed = (int)(4 + datew + 1 + rcptw + 1 + statw + 1 + reasonw + 1 + (mtaw ? mtaw + 1 : 0));
	diagw = width > fixed + 8 ? (size_t)(width - fixed) : 8;
	if (height < 2)
		return;
	list_set_height(s->l, (size_t)height - 1);
	buf_adds(&b, "    ");
	draw_cell(&b, "date", datew);
	buf_addc(&b, ' ');
	draw_cell(&b, "recipient", rcptw);
	buf_addc(&b, ' ');
	draw_cell(&b, "status", statw);
	buf_addc(&b, ' ');
	draw_cell(&b, "reason", reasonw);
	buf_addc(&b, ' ');
	if (mtaw) {
		draw_cell(&b, "remote MTA", mtaw);
		buf_addc(&b, ' ');
	}
	draw_cell(&b, "diagnostic", diagw);
	draw_safe(y, 0, width, b.data, draw_attr(ATTR_TITLE));
	y++;
	height--;
	if (list_count(s->l) == 0)
		draw_safe(y, 0, width, "no rows match (l changes the limit)", A_NORMAL);
	for (int i = 0; i < height; i++) {
		size_t li = list_top(s->l) + (size_t)i;
		const struct row *r = list_row(s->l, li);
		char date[21];
		bool tagged;

		if (r == NULL)
			break;
		tagged = t->tagged != NULL && s->orig[list_row_index(s->l, li)] < t->ntagcap &&
		    t->tagged[s->orig[list_row_index(s->l, li)]];
		buf_reset(&b);
		row_time(r->date, date);
		if (date[0] != '\0') {
			date[10] = datew < 16 ? '\0' : ' ';
			date[16] = '\0';
		}
		buf_printf(&b, "%c%c%c ", tagged ? '*' : ' ', listview_row_mark(r),
		    r->chain_len > 1 && !s->history ? '+' : r->superseded ? '~' : ' ');
		draw_cell(&b, date, datew);
		buf_addc(&b, ' ');
		draw_cell(&b, r->s[ROW_RECIPIENT], rcptw);
		buf_addc(&b, ' ');
		draw_cell(&b, r->s[ROW_STATUS] ? r->s[ROW_STATUS] : r->s[ROW_REPLY_CODE], statw);
		buf_addc(&b, ' ');
		draw_cell(&b, r->s[ROW_REASON], reasonw);
		buf_addc(&b, ' ');
		if (mtaw) {
			draw_cell(&b, r->s[ROW_REMOTE_MTA], mtaw);
			buf_addc(&b, ' ');
		}
		draw_cell(&b, r->s[ROW_ERROR] ? r->s[ROW_ERROR] : r->s[ROW_DIAGNOSTIC], diagw);
		draw_safe(y + i, 0, width, b.data, li == list_cursor(s->l) ?
		    draw_attr(ATTR_CURSOR) : draw_attr(listview_row_attr(r)));
	}
	buf_free(&b);
}

static bool
listview_act(struct tui *t, struct view *v, enum action a)
{
	struct rlist *s = v->p;
	size_t n = list_count(s->l);
	long cur = n ? (long)s->orig[list_row_index(s->l, list_cursor(s->l))] : -1;

	if (tui_cursor_act(list_window(s->l), a))
		return true;
	switch (a) {
	case ACTION_SORT_NEXT:
		s->sort = (enum list_sort)((s->sort + 1) % LIST_SORT_COUNT);
		s->desc = s->sort == LIST_SORT_DATE;
		list_set_sort(s->l, s->sort, s->desc);
		return true;
	case ACTION_SORT_REVERSE:
		s->desc = !s->desc;
		list_set_sort(s->l, s->sort, s->desc);
		return true;
	case ACTION_TOGGLE_HISTORY:
		s->history = !s->history;
		list_set_history(s->l, s->history);
		return true;
	case ACTION_OPEN:
		if (cur >= 0)
			tui_push(t, view_bounce_new(t, (size_t)cur));
		return true;
	case ACTION_VIEW_RAW:
	case ACTION_EXTERNAL_PAGER: {
		const char *file = cur >= 0 ? t->rs->rows[cur].s[ROW_FILE] : NULL;

		if (file == NULL) {
			tui_msg(t, true, "this row has no file");
			return true;
		}
		if (a == ACTION_EXTERNAL_PAGER)
			external_pager(t, file);
		else {
			struct view *b = view_bounce_new(t, (size_t)cur);

			/* The raw view belongs above the bounce, so q goes back there. */
			tui_push(t, b);
			b->ops->act(t, b, ACTION_VIEW_RAW);
		}
		return true;
	}
	default:
		return false;
	}
}

static bool
listview_search(struct tui *t, struct view *v, const char *text, bool forward)
{
	struct rlist *s = v->p;

	(void)t;
	return list_search(s->l, text, forward);
}

static long
listview_current(struct tui *t, struct view *v)
{
	struct rlist *s = v->p;

	(void)t;
	if (s->l == NULL || list_count(s->l) == 0)
		return -1;
	return (long)s->orig[list_row_index(s->l, list_cursor(s->l))];
}

static size_t
listview_rows(struct tui *t, struct view *v, size_t **idx)
{
	struct rlist *s = v->p;
	size_t n = s->l ? list_count(s->l) : 0;

	(void)t;
	*idx = xcalloc(n + 1, sizeof(size_t));
	for (size_t i = 0; i < n; i++)
		(*idx)[i] = s->orig[list_row_index(s->l, i)];
	return n;
}

static void
listview_free(struct view *v)
{
	struct rlist *s = v->p;

	list_free(s->l);
	rowset_free(&s->sub);
	free(s->orig);
	for (size_t k = 0; k < s->nkeys; k++)
		free(s->vals[k]);
	free(s);
	free(v);
}

static void
listview_sort(struct tui *t, struct view *v, const char *key, int dir)
{
	struct rlist *s = v->p;
	enum list_sort ls;
	struct buf b = BUF_INIT;

	if (list_sort_parse(key, &ls) != STATUS_OK) {
		for (int i = 0; i < LIST_SORT_COUNT; i++)
			buf_printf(&b, "%s%s", i ? ", " : "", list_sort_name((enum list_sort)i));
		tui_msg(t, true, "unknown sort key '%s' on the list screen (%s)", key, b.data);
		buf_free(&b);
		return;
	}
	s->sort = ls;
	/* Dates newest first, words alphabetically: as sort-next does. */
	s->desc = dir < 0 ? ls == LIST_SORT_DATE : dir == 1;
	list_set_sort(s->l, s->sort, s->desc);
}

/* New rows: the cursor's row is found again by its new index at the rebuild. */
static void
listview_remap(struct tui *t, struct view *v, const size_t *map, size_t n)
{
	struct rlist *s = v->p;

	(void)t;
	for (size_t i = 0; i < s->sub.n; i++)
		s->orig[i] = s->orig[i] < n ? map[s->orig[i]] : ROW_MAP_NONE;
}

static const struct view_ops listview_ops = {
	.name = "list",
	.ctx = CONTEXT_LIST,
	.rebuild = listview_rebuild,
	.title = listview_title,
	.draw = listview_draw,
	.act = listview_act,
	.search = listview_search,
	.current = listview_current,
	.rows = listview_rows,
	.free = listview_free,
	.sort = listview_sort,
	.remap = listview_remap,
};

struct view *
view_list_new(struct tui *t, const enum group_key *keys, const char *const *vals,
    size_t nkeys)
{
	struct view *v = xcalloc(1, sizeof(*v));
	struct rlist *s = xcalloc(1, sizeof(*s));

	(void)t;
	s->nkeys = nkeys < GROUP_MAX_LEVELS ? nkeys : GROUP_MAX_LEVELS;
	for (size_t k = 0; k < s->nkeys; k++) {
		s->keys[k] = keys[k];
		s->vals[k] = vals[k] ? xstrdup(vals[k]) : NULL;
	}
	s->sort = LIST_SORT_DATE;
	s->desc = true;
	v->ops = &listview_ops;
	v->p = s;
	return v;
}
