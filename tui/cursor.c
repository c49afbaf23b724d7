/*
 * The movement actions, the same on every screen: each is one move of the
 * screen's cursor model (core/model/cursor.h), so a page is one window
 * height everywhere.
 */
#include "tui/tui.h"

static void
line_down(struct cursor *c)
{
	cursor_move(c, 1);
}

static void
line_up(struct cursor *c)
{
	cursor_move(c, -1);
}

static const struct {
	void (*run)(struct cursor *c);
	bool back;		/* toward the first row */
} moves[ACTION_COUNT] = {
	[ACTION_MOVE_DOWN] = { .run = line_down },
	[ACTION_MOVE_UP] = { .run = line_up, .back = true },
	[ACTION_PAGE_DOWN] = { .run = cursor_page_down },
	[ACTION_PAGE_UP] = { .run = cursor_page_up, .back = true },
	[ACTION_HALF_PAGE_DOWN] = { .run = cursor_half_down },
	[ACTION_HALF_PAGE_UP] = { .run = cursor_half_up, .back = true },
	[ACTION_MOVE_FIRST] = { .run = cursor_first },
	[ACTION_MOVE_LAST] = { .run = cursor_last },
};

bool
tui_cursor_skip_act(struct cursor *c, enum action a, bool (*ok)(const void *arg, size_t i),
    const void *arg)
{
	if ((unsigned)a >= ACTION_COUNT || moves[a].run == NULL)
		return false;
	moves[a].run(c);
	if (ok != NULL)
		cursor_skip(c, !moves[a].back, ok, arg);
	return true;
}

bool
tui_cursor_act(struct cursor *c, enum action a)
{
	return tui_cursor_skip_act(c, a, NULL, NULL);
}
