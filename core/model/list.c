#include "core/model/list.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "core/shared/buf.h"
#include "core/shared/str.h"

struct list {
	const struct rowset *rs;
	struct filter *own;		/* compiled by list_set_filter */
	const struct filter *filter;	/* own or borrowed */
	enum list_sort sort;
	bool desc;
	bool history;
	bool successes;			/* show success rows (row_is_success) */
	const struct hide_opts *hide;	/* borrowed; NULL: nothing hidden */
	size_t nhidden;			/* rows the filter kept that hide hides */
	size_t *vis;			/* visible row indices, sorted */
	size_t nvis;
	struct cursor win;		/* over vis[0 .. nvis) */
};

static const char *const sort_names[] = {
#define LIST_SORT_NAME(n, s) s,
	LIST_SORT_LIST(LIST_SORT_NAME)
#undef LIST_SORT_NAME
};

const char *
list_sort_name(enum list_sort s)
{
	return (unsigned)s < LIST_SORT_COUNT ? sort_names[s] : "?";
}

enum status
list_sort_parse(const char *name, enum list_sort *out)
{
	for (int i = 0; i < LIST_SORT_COUNT; i++)
		if (strcasecmp(name, sort_names[i]) == 0) {
			*out = (enum list_sort)i;
			return STATUS_OK;
		}
	return STATUS_INVALID;
}

struct list *
list_new(const struct rowset *rs)
{
	struct list *l = xcalloc(1, sizeof(*l));

	l->rs = rs;
	l->sort = LIST_SORT_DATE;
	cursor_init(&l->win, false);
	list_refresh(l);
	return l;
}

void
list_free(struct list *l)
{
	if (l == NULL)
		return;
	filter_free(l->own);
	free(l->vis);
	free(l);
}

static int
cmp_nullstr(const char *a, const char *b)
{
	/* Unknown values sort after every known one. */
	if (a == NULL || b == NULL)
		return (a == NULL) - (b == NULL);
	return strcasecmp(a, b);
}

static int
compare(const struct list *l, size_t ia, size_t ib)
{
	const struct row *a = &l->rs->rows[ia], *b = &l->rs->rows[ib];
	int c = 0;

	switch (l->sort) {
	case LIST_SORT_RECIPIENT:
		c = cmp_nullstr(a->s[ROW_RECIPIENT], b->s[ROW_RECIPIENT]);
		break;
	case LIST_SORT_DOMAIN:
		c = cmp_nullstr(a->s[ROW_DOMAIN], b->s[ROW_DOMAIN]);
		break;
	case LIST_SORT_STATUS:
		c = cmp_nullstr(a->s[ROW_STATUS], b->s[ROW_STATUS]);
		break;
	case LIST_SORT_REASON:
		c = cmp_nullstr(a->s[ROW_REASON], b->s[ROW_REASON]);
		break;
	case LIST_SORT_ACTION:
		c = cmp_nullstr(a->s[ROW_ACTION], b->s[ROW_ACTION]);
		break;
	case LIST_SORT_DATE:
	case LIST_SORT_COUNT:
		break;
	}
	if (c == 0 && a->date != b->date)
		c = a->date < b->date ? -1 : 1;
	if (c == 0)
		c = ia < ib ? -1 : ia > ib;
	return l->desc ? -c : c;
}

/* Merge sort on indices: qsort has no context pointer in C11. */
static void
sort_range(const struct list *l, size_t *v, size_t *tmp, size_t n)
{
	size_t h = n / 2, i = 0, j = h, k = 0;

	if (n < 2)
		return;
	sort_range(l, v, tmp, h);
	sort_range(l, v + h, tmp, n - h);
	while (i < h && j < n)
		tmp[k++] = compare(l, v[i], v[j]) <= 0 ? v[i++] : v[j++];
	while (i < h)
		tmp[k++] = v[i++];
	while (j < n)
		tmp[k++] = v[j++];
	memcpy(v, tmp, n * sizeof(*v));
}

void
list_refresh(struct list *l)
{
	size_t keep = (size_t)-1, *tmp;

	if (l->win.cur < l->nvis)
		keep = l->vis[l->win.cur];
	l->vis = xrealloc(l->vis, (l->rs->n + 1) * sizeof(*l->vis));
	l->nvis = 0;
	l->nhidden = 0;
	for (size_t i = 0; i < l->rs->n; i++) {
		const struct row *r = &l->rs->rows[i];

		if (r->superseded && !l->history)
			continue;
		if (row_is_success(r) && !l->successes)
			continue;
		if (!filter_match(l->filter, r))
			continue;
		if (!rowset_visible(r, l->hide)) {
			l->nhidden++;
			continue;
		}
		l->vis[l->nvis++] = i;
	}
	tmp = xmalloc((l->nvis + 1) * sizeof(*tmp));
	sort_range(l, l->vis, tmp, l->nvis);
	free(tmp);
	/* Stay on the row the user was looking at, if it is still shown. */
	l->win.cur = 0;
	for (size_t i = 0; i < l->nvis && keep != (size_t)-1; i++)
		if (l->vis[i] == keep) {
			l->win.cur = i;
			break;
		}
	cursor_set_count(&l->win, l->nvis);
}

enum status
list_set_filter(struct list *l, const char *expr, struct filter_error *err)
{
	struct filter *f;
	enum status st;

	if (expr == NULL || *expr == '\0') {
		list_set_compiled_filter(l, NULL);
		return STATUS_OK;
	}
	if ((st = filter_compile(expr, time(NULL), &f, err)) != STATUS_OK)
		return st;
	filter_free(l->own);
	l->own = f;
	l->filter = f;
	l->successes = filter_shows_successes(f);
	list_refresh(l);
	return STATUS_OK;
}

void
list_set_compiled_filter(struct list *l, const struct filter *f)
{
	filter_free(l->own);
	l->own = NULL;
	l->filter = f;
	l->successes = filter_shows_successes(f);
	list_refresh(l);
}

void
list_set_sort(struct list *l, enum list_sort key, bool descending)
{
	if ((unsigned)key >= LIST_SORT_COUNT)
		return;
	l->sort = key;
	l->desc = descending;
	list_refresh(l);
}

void
list_set_hide(struct list *l, const struct hide_opts *h)
{
	l->hide = h;
	list_refresh(l);
}

size_t
list_hidden(const struct list *l)
{
	return l->nhidden;
}

void
list_set_history(struct list *l, bool on)
{
	l->history = on;
	list_refresh(l);
}

void
list_set_successes(struct list *l, bool on)
{
	l->successes = on;
	list_refresh(l);
}

size_t
list_count(const struct list *l)
{
	return l->nvis;
}

const struct row *
list_row(const struct list *l, size_t i)
{
	return i < l->nvis ? &l->rs->rows[l->vis[i]] : NULL;
}

size_t
list_row_index(const struct list *l, size_t i)
{
	return i < l->nvis ? l->vis[i] : (size_t)-1;
}

struct cursor *
list_window(struct list *l)
{
	return &l->win;
}

size_t
list_cursor(const struct list *l)
{
	return l->win.cur;
}

void
list_move(struct list *l, long delta)
{
	cursor_move(&l->win, delta);
}

void
list_move_to(struct list *l, size_t pos)
{
	cursor_set(&l->win, pos);
}

void
list_page(struct list *l, int pages)
{
	for (; pages > 0; pages--)
		cursor_page_down(&l->win);
	for (; pages < 0; pages++)
		cursor_page_up(&l->win);
}

void
list_set_height(struct list *l, size_t height)
{
	cursor_set_height(&l->win, height);
}

size_t
list_top(const struct list *l)
{
	return l->win.top;
}

static bool
row_has(const struct row *r, const char *text)
{
	static const enum row_str cols[] = { ROW_RECIPIENT, ROW_DIAGNOSTIC, ROW_ORIG_SUBJECT };

	for (size_t i = 0; i < sizeof(cols) / sizeof(cols[0]); i++)
		if (r->s[cols[i]] != NULL && str_casestr(r->s[cols[i]], text) != NULL)
			return true;
	return false;
}

bool
list_search(struct list *l, const char *text, bool forward)
{
	if (l->nvis == 0 || text == NULL || *text == '\0')
		return false;
	for (size_t step = 1; step <= l->nvis; step++) {
		size_t i = forward ? (l->win.cur + step) % l->nvis :
		    (l->win.cur + l->nvis - step % l->nvis) % l->nvis;

		if (row_has(&l->rs->rows[l->vis[i]], text)) {
			cursor_set(&l->win, i);
			return true;
		}
	}
	return false;
}

static int
cmp_date_idx(const void *a, const void *b, const struct rowset *rs)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;

	if (rs->rows[x].date != rs->rows[y].date)
		return rs->rows[x].date < rs->rows[y].date ? -1 : 1;
	return x < y ? -1 : x > y;
}

size_t
list_chain(const struct list *l, size_t i, size_t *idx, size_t max)
{
	size_t n = 0, chain;

	if (i >= l->nvis)
		return 0;
	if (l->rs->rows[l->vis[i]].chain_len == 0 || max == 0) {
		/* rowset_chain() has not run: the row is its own history. */
		if (max > 0)
			idx[n++] = l->vis[i];
		return n;
	}
	chain = l->rs->rows[l->vis[i]].chain;
	/* The history includes superseded rows even when the list hides them. */
	for (size_t r = 0; r < l->rs->n && n < max; r++)
		if (l->rs->rows[r].chain == chain)
			idx[n++] = r;
	for (size_t a = 1; a < n; a++)
		for (size_t b = a; b > 0 && cmp_date_idx(&idx[b - 1], &idx[b], l->rs) > 0; b--) {
			size_t t = idx[b];

			idx[b] = idx[b - 1];
			idx[b - 1] = t;
		}
	return n;
}
