/*
 * cursor — one cursor and one window over the rows (or lines) of a
 * screen: which row is selected, which rows are on screen.  Every screen
 * of the TUI moves through these functions, so a page is the same
 * everywhere, and the arithmetic is unit-tested without a terminal.
 *
 * The model is a plain struct the owner keeps by value: count rows, the
 * cursor on row cur, a window of height rows starting at top.  A height
 * of 0 (before the first draw) counts as 1.  After every call:
 *	count == 0:  cur == top == 0;
 *	else:        cur < count, top <= cur < top + height, and the window
 *	             is full when there are rows enough (top + height <= count
 *	             or top == 0).
 * Views of text have no cursor (scroll set): every move scrolls the window,
 * top <= count - height, and cur follows top.
 *
 * One page is one window height, moved like less, tig and mutt do:
 * the window and the cursor move together, so the cursor keeps its place
 * on the screen while the rows under it change; at either end the window
 * stops and the cursor goes on to the first or last row.  Half a page is
 * the same with half the height, at least one row (vi's ^D and ^U).
 *
 * Call sequence:
 *	struct cursor c;
 *	cursor_init(&c, false);
 *	cursor_set_count(&c, n);	(whenever the rows change)
 *	cursor_set_height(&c, rows);	(at each draw: the window may have resized)
 *	cursor_page_down(&c); cursor_move(&c, -1); cursor_set(&c, i); ...
 *	draw rows c.top .. c.top + c.height, highlight c.cur.
 * Nothing is allocated; nothing fails; out-of-range arguments clamp.
 */
#ifndef BOUNCEQ_CURSOR_H
#define BOUNCEQ_CURSOR_H

#include <stdbool.h>
#include <stddef.h>

struct cursor {
	size_t count;		/* rows */
	size_t cur;		/* the row under the cursor */
	size_t top;		/* the first row on screen */
	size_t height;		/* rows on screen (0 counts as 1) */
	bool scroll;		/* text: no cursor, moves scroll the window */
};

/* No rows, window at the top; scroll for a view of text. */
void cursor_init(struct cursor *c, bool scroll);
/* The number of rows changed: the cursor stays on its row when it can. */
void cursor_set_count(struct cursor *c, size_t count);
/* The window resized: the cursor stays on screen. */
void cursor_set_height(struct cursor *c, size_t height);

/* The cursor by delta rows (scroll: the window by delta lines). */
void cursor_move(struct cursor *c, long delta);
/* The window and the cursor together by delta rows. */
void cursor_scroll(struct cursor *c, long delta);
void cursor_page_down(struct cursor *c);
void cursor_page_up(struct cursor *c);
void cursor_half_down(struct cursor *c);
void cursor_half_up(struct cursor *c);
void cursor_first(struct cursor *c);
void cursor_last(struct cursor *c);
/* The cursor to row i, the window following (scroll: the window's first line). */
void cursor_set(struct cursor *c, size_t i);

/*
 * Moves the cursor to the nearest row ok() accepts, looking forward
 * first (backward first when !forward), then the other way; stays when
 * none does.  For screens with lines that cannot be selected (headings).
 */
void cursor_skip(struct cursor *c, bool forward, bool (*ok)(const void *arg, size_t i),
    const void *arg);

#endif
