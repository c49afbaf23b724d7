/*
 * The movement keys on a screen whose rows are all selectable: one cursor
 * over n rows, the same for the groups and the queue's recipients.
 */
#include "tui/tui.h"

bool
tui_cursor_act(enum action a, size_t *cur, size_t n)
{
	size_t h = (size_t)(tui_body_height() > 2 ? tui_body_height() - 1 : 1);
	size_t d;

	switch (a) {
	case ACTION_MOVE_DOWN:
		if (*cur + 1 < n)
			(*cur)++;
		return true;
	case ACTION_MOVE_UP:
		if (*cur > 0)
			(*cur)--;
		return true;
	case ACTION_PAGE_DOWN:
	case ACTION_HALF_PAGE_DOWN:
		*cur += a == ACTION_PAGE_DOWN ? h : h / 2;
		if (*cur >= n)
			*cur = n ? n - 1 : 0;
		return true;
	case ACTION_PAGE_UP:
	case ACTION_HALF_PAGE_UP:
		d = a == ACTION_PAGE_UP ? h : h / 2;
		*cur = *cur > d ? *cur - d : 0;
		return true;
	case ACTION_MOVE_FIRST:
		*cur = 0;
		return true;
	case ACTION_MOVE_LAST:
		*cur = n ? n - 1 : 0;
		return true;
	default:
		return false;
	}
}
