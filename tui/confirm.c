/*
 * A yes/no question on the bottom line: the queue actions ask before they
 * touch the MTA's queue.  One key answers, as in mutt: y (or Y) goes on,
 * any other (n, Esc, q...) drops it; nothing is done without a y.
 */
#include <stdlib.h>
#include <string.h>

#include "core/shared/escape.h"
#include "tui/tui.h"

#define CONFIRM_KEYS " (y/n) "

void
confirm_free(struct tui *t)
{
	struct confirm *c = &t->confirm;

	if (c->drop != NULL)
		c->drop(c->arg);
	free(c->question);
	*c = (struct confirm){ 0 };
}

void
confirm_ask(struct tui *t, const char *question, void (*yes)(struct tui *t, void *arg),
    void (*drop)(void *arg), void *arg)
{
	confirm_free(t);
	t->confirm = (struct confirm){ true, xstrdup(question), yes, drop, arg };
	t->tag_prefix = false;
}

void
confirm_key(struct tui *t, int key)
{
	/* Taken off first: yes() may say what it did, or ask again. */
	struct confirm c = t->confirm;

	t->confirm = (struct confirm){ 0 };
	if (key == 'y' || key == 'Y')
		c.yes(t, c.arg);
	else
		tui_msg(t, false, "nothing done");
	if (c.drop != NULL)
		c.drop(c.arg);
	free(c.question);
}

void
confirm_draw(struct tui *t, int y, int width)
{
	struct buf safe = BUF_INIT, line = BUF_INIT;
	int room = width - (int)strlen(CONFIRM_KEYS), x;

	/* The question names domains from the listing: escaped like mail text. */
	escape_text(&safe, t->confirm.question, strlen(t->confirm.question));
	escape_fit(&line, safe.data ? safe.data : "", room > 1 ? (size_t)room : 1, 0);
	buf_adds(&line, CONFIRM_KEYS);
	draw_safe(y, 0, width, line.data, draw_attr(ATTR_ERROR));
	x = (int)escape_width(line.data);
	curs_set(1);
	move(y, x < width ? x : width - 1);
	buf_free(&safe);
	buf_free(&line);
}
