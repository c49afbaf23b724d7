/*
 * list — the list model behind `bounceq list` and the TUI's list screen:
 * which rows are visible (filter, history), in what order (sort), where the
 * cursor is, and which window of rows fits on the screen (a struct cursor,
 * core/model/cursor.h, over the visible rows).  The TUI draws
 * list_row(l, list_top(l) + i) for i < height and moves list_window(l)
 * on keys; everything here is unit-tested without a terminal.
 *
 * The list borrows the rowset (which may keep growing while the index
 * loads incrementally: call list_refresh() after each load step; the
 * cursor stays on the same row when it is still visible).
 *
 * Call sequence:
 *	l = list_new(&rs);
 *	list_set_filter(l, "status:5.*", &err); list_set_sort(l, LIST_SORT_DATE, true);
 *	list_set_height(l, LINES - 2);
 *	list_count(l); list_row(l, i); list_move(l, +1); list_page(l, +1); ...
 *	list_free(l);	(the rowset is not freed)
 */
#ifndef BOUNCEQ_LIST_H
#define BOUNCEQ_LIST_H

#include <stdbool.h>
#include <stddef.h>

#include "core/model/cursor.h"
#include "core/model/filter.h"
#include "core/model/hide.h"
#include "core/model/row.h"
#include "core/shared/status.h"

#define LIST_SORT_LIST(X) \
	X(DATE,      "date") \
	X(RECIPIENT, "recipient") \
	X(DOMAIN,    "domain") \
	X(STATUS,    "status") \
	X(REASON,    "reason") \
	X(ACTION,    "action")

enum list_sort {
#define LIST_SORT_ENUM(n, s) LIST_SORT_##n,
	LIST_SORT_LIST(LIST_SORT_ENUM)
#undef LIST_SORT_ENUM
	LIST_SORT_COUNT
};

struct list;

/* A new list over rs showing every latest-of-chain failure row by date. */
struct list *list_new(const struct rowset *rs);
void list_free(struct list *l);

/*
 * Sets the filter (NULL or "" clears it).  On STATUS_SYNTAX the old filter
 * stays and *err says where and why.
 */
enum status list_set_filter(struct list *l, const char *expr, struct filter_error *err);
/* Uses an already compiled filter (borrowed; NULL clears). */
void list_set_compiled_filter(struct list *l, const struct filter *f);

enum status list_sort_parse(const char *name, enum list_sort *out);
const char *list_sort_name(enum list_sort s);
/* Ties are broken by date, then by row order, so the order is stable. */
void list_set_sort(struct list *l, enum list_sort key, bool descending);

/*
 * Hides the rows of handled messages as h says (core/model/hide.h;
 * borrowed, NULL: none hidden).  list_hidden(): how many rows the filter
 * kept that are hidden.
 */
void list_set_hide(struct list *l, const struct hide_opts *h);
size_t list_hidden(const struct list *l);

/* true: also show superseded rows (the whole chain history). */
void list_set_history(struct list *l, bool on);

/*
 * true: also show success rows (row_is_success: delivered, relayed...).
 * Off by default; setting a filter sets it to filter_shows_successes(),
 * so a list whose rows were filtered elsewhere sets it after the filter.
 */
void list_set_successes(struct list *l, bool on);

/* Re-applies filter and sort after rows were added to the rowset. */
void list_refresh(struct list *l);

size_t list_count(const struct list *l);
/* The i-th visible row (borrowed; valid until the rowset changes), or NULL. */
const struct row *list_row(const struct list *l, size_t i);
/* Index of the i-th visible row in rs->rows. */
size_t list_row_index(const struct list *l, size_t i);

/*
 * The cursor and window over the visible rows (owned by the list, valid
 * until list_free): any cursor_* move works on it, and list_refresh()
 * keeps it on its row.  The functions below are shorthands; all clamp,
 * none fail.
 */
struct cursor *list_window(struct list *l);
size_t list_cursor(const struct list *l);
void list_move(struct list *l, long delta);
void list_move_to(struct list *l, size_t pos);
void list_page(struct list *l, int pages);
void list_set_height(struct list *l, size_t height);
/* First visible row of the window that keeps the cursor on screen. */
size_t list_top(const struct list *l);

/*
 * Finds the next visible row after (forward) or before the cursor whose
 * recipient, diagnostic or original subject contains text (case-
 * insensitively), wrapping around; moves the cursor there and returns
 * true, or returns false and leaves the cursor.
 */
bool list_search(struct list *l, const char *text, bool forward);

/*
 * The history of the i-th visible row: the indices (into rs->rows) of every
 * row of its chain, superseded ones included, oldest first.  Fills at most
 * max and returns how many were filled.
 */
size_t list_chain(const struct list *l, size_t i, size_t *idx, size_t max);

#endif
