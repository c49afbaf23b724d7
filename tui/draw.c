/* Attributes, safe text output and the frame: header, status and message lines. */
#include <langinfo.h>
#include <stdlib.h>
#include <string.h>

#include "core/display.h"
#include "tui/tui.h"

static attr_t attrs[ATTR_COUNT];

/* Colours only when the terminal has them and NO_COLOR is unset or empty. */
void
draw_init(struct tui *t)
{
	const char *nc = getenv("NO_COLOR");

	t->color = has_colors() && (nc == NULL || *nc == '\0');
	t->utf8 = strcmp(nl_langinfo(CODESET), "UTF-8") == 0;
	attrs[ATTR_NORMAL] = A_NORMAL;
	attrs[ATTR_HEADER] = A_REVERSE | A_BOLD;
	attrs[ATTR_STATUS] = A_REVERSE;
	attrs[ATTR_CURSOR] = A_REVERSE;
	attrs[ATTR_FAILED] = A_BOLD;
	attrs[ATTR_DELAYED] = A_DIM;
	attrs[ATTR_ERROR] = A_BOLD;
	attrs[ATTR_TITLE] = A_BOLD | A_UNDERLINE;
	attrs[ATTR_MATCH] = A_STANDOUT;
	attrs[ATTR_DIM] = A_DIM;
	if (!t->color)
		return;
	start_color();
	use_default_colors();
	init_pair(1, COLOR_RED, -1);
	init_pair(2, COLOR_YELLOW, -1);
	init_pair(3, COLOR_WHITE, COLOR_BLUE);
	init_pair(4, COLOR_CYAN, -1);
	attrs[ATTR_FAILED] = COLOR_PAIR(1);
	attrs[ATTR_DELAYED] = COLOR_PAIR(2);
	attrs[ATTR_ERROR] = COLOR_PAIR(1) | A_BOLD;
	attrs[ATTR_HEADER] = COLOR_PAIR(3) | A_BOLD;
	attrs[ATTR_STATUS] = COLOR_PAIR(3);
	attrs[ATTR_TITLE] = COLOR_PAIR(4) | A_BOLD;
}

attr_t
draw_attr(enum tui_attr a)
{
	return (unsigned)a < ATTR_COUNT ? attrs[a] : A_NORMAL;
}

void
draw_safe(int y, int x, int width, const char *s, attr_t attr)
{
	struct buf b = BUF_INIT;

	if (width <= 0)
		return;
	display_fit(&b, s ? s : "", (size_t)width, 1);
	attrset(attr);
	mvaddstr(y, x, b.data ? b.data : "");
	attrset(A_NORMAL);
	buf_free(&b);
}

void
draw_cell(struct buf *out, const char *s, size_t width)
{
	struct buf e = BUF_INIT;

	display_escape(&e, s ? s : "", s ? strlen(s) : 0);
	display_fit(out, e.data ? e.data : "", width, 1);
	buf_free(&e);
}

void
draw_raw(int y, int x, int width, const char *s, attr_t attr)
{
	struct buf e = BUF_INIT;

	display_escape(&e, s ? s : "", s ? strlen(s) : 0);
	draw_safe(y, x, width, e.data, attr);
	buf_free(&e);
}

int
tui_body_height(void)
{
	return LINES > 3 ? LINES - 3 : 0;
}

static void
status_line(struct tui *t, struct buf *b)
{
	size_t shown = 0, all = 0;

	if (t->count_gen != t->gen) {
		for (size_t i = 0; i < t->rs->n; i++) {
			const struct row *r = &t->rs->rows[i];

			if (r->superseded || r->s[ROW_ERROR] != NULL)
				continue;
			all++;
			if (t->filter == NULL || filter_match(t->filter, r))
				shown++;
		}
		t->count_all = all;
		t->count_shown = shown;
		t->count_gen = t->gen;
	}
	all = t->count_all;
	shown = t->count_shown;
	buf_printf(b, "db: %s", t->ix ? index_db_path(t->ix) :
	    t->iopts.database ? t->iopts.database : "(none)");
	if (t->query != NULL)
		buf_printf(b, " | query: %s", t->query);
	buf_printf(b, " | limit: %s", t->limit && *t->limit ? t->limit : "none");
	if (t->quick)
		buf_printf(b, " [%s]", t->quick == 1 ? "permanent" : "transient");
	buf_printf(b, " | %zu of %zu failures", shown, all);
	if (t->ntagged)
		buf_printf(b, " | %zu tagged", t->ntagged);
	if (t->querying)
		buf_adds(b, " | running the query...");
	if (t->loading)
		buf_printf(b, " | decoding %zu of %zu", t->done, t->total);
	if (t->tag_prefix)
		buf_adds(b, " | ;");
}

void
draw_screen(struct tui *t)
{
	struct view *v = tui_top(t);
	struct buf b = BUF_INIT;
	int h = tui_body_height();

	erase();
	if (LINES < 4 || COLS < 20) {
		draw_safe(0, 0, COLS, "terminal too small", A_NORMAL);
		refresh();
		return;
	}
	if (v != NULL && v->gen != t->gen) {
		v->ops->rebuild(t, v);
		v->gen = t->gen;
	}
	if (v != NULL) {
		v->ops->title(t, v, &b);
		draw_raw(0, 0, COLS, b.data, draw_attr(ATTR_HEADER));
		v->ops->draw(t, v, 1, h, COLS);
	}
	buf_reset(&b);
	status_line(t, &b);
	/* While a prompt hides the message line, an error takes the status line. */
	if (t->prompt.active && t->msg_error && t->msg != NULL)
		draw_raw(LINES - 2, 0, COLS, t->msg, draw_attr(ATTR_ERROR) | A_REVERSE);
	else
		draw_raw(LINES - 2, 0, COLS, b.data, draw_attr(ATTR_STATUS));
	if (t->prompt.active)
		prompt_draw(t, LINES - 1, COLS);
	else {
		curs_set(0);
		draw_raw(LINES - 1, 0, COLS, t->msg ? t->msg : "",
		    t->msg_error ? draw_attr(ATTR_ERROR) : A_NORMAL);
	}
	buf_free(&b);
	refresh();
}
