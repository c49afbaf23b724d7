#include "core/model/cursor.h"

#include <limits.h>

static size_t
window(const struct cursor *c)
{
	return c->height ? c->height : 1;
}

/* The last top that still fills the window. */
static size_t
max_top(const struct cursor *c)
{
	return c->count > window(c) ? c->count - window(c) : 0;
}

/* |delta| without overflowing on LONG_MIN. */
static size_t
magnitude(long delta)
{
	return delta < 0 ? (size_t)-(delta + 1) + 1 : (size_t)delta;
}

static size_t
shift(size_t at, long delta)
{
	size_t d = magnitude(delta);

	if (delta < 0)
		return at > d ? at - d : 0;
	return at + d < at ? (size_t)-1 : at + d;
}

/* Restores the invariants of cursor.h after any change. */
static void
settle(struct cursor *c)
{
	if (c->count == 0) {
		c->cur = c->top = 0;
		return;
	}
	if (c->scroll) {
		if (c->top > max_top(c))
			c->top = max_top(c);
		c->cur = c->top;
		return;
	}
	if (c->cur >= c->count)
		c->cur = c->count - 1;
	if (c->cur < c->top)
		c->top = c->cur;
	if (c->cur - c->top >= window(c))
		c->top = c->cur - window(c) + 1;
	if (c->top > max_top(c))
		c->top = max_top(c);
}

void
cursor_init(struct cursor *c, bool scroll)
{
	*c = (struct cursor){ .scroll = scroll };
}

void
cursor_set_count(struct cursor *c, size_t count)
{
	c->count = count;
	settle(c);
}

void
cursor_set_height(struct cursor *c, size_t height)
{
	c->height = height;
	settle(c);
}

void
cursor_move(struct cursor *c, long delta)
{
	if (c->scroll)
		c->top = shift(c->top, delta);
	else
		c->cur = shift(c->cur, delta);
	settle(c);
}

void
cursor_scroll(struct cursor *c, long delta)
{
	c->top = shift(c->top, delta);
	c->cur = shift(c->cur, delta);
	settle(c);
}

static long
rows(size_t n)
{
	return n > (size_t)LONG_MAX ? LONG_MAX : (long)n;
}

void
cursor_page_down(struct cursor *c)
{
	cursor_scroll(c, rows(window(c)));
}

void
cursor_page_up(struct cursor *c)
{
	cursor_scroll(c, -rows(window(c)));
}

static size_t
half(const struct cursor *c)
{
	return window(c) > 1 ? window(c) / 2 : 1;
}

void
cursor_half_down(struct cursor *c)
{
	cursor_scroll(c, rows(half(c)));
}

void
cursor_half_up(struct cursor *c)
{
	cursor_scroll(c, -rows(half(c)));
}

void
cursor_first(struct cursor *c)
{
	c->cur = c->top = 0;
	settle(c);
}

void
cursor_last(struct cursor *c)
{
	c->cur = c->count ? c->count - 1 : 0;
	c->top = max_top(c);
	settle(c);
}

void
cursor_set(struct cursor *c, size_t i)
{
	if (c->scroll)
		c->top = i;
	else
		c->cur = i;
	settle(c);
}

void
cursor_skip(struct cursor *c, bool forward, bool (*ok)(const void *arg, size_t i),
    const void *arg)
{
	size_t i;

	if (c->count == 0 || c->scroll || ok(arg, c->cur))
		return;
	for (int pass = 0; pass < 2; pass++, forward = !forward) {
		for (i = c->cur; forward ? i + 1 < c->count : i > 0;) {
			i = forward ? i + 1 : i - 1;
			if (ok(arg, i)) {
				cursor_set(c, i);
				return;
			}
		}
	}
}
