/* Attributes, safe text output and the frame: header, status and message lines. */
#include <langinfo.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "core/keys/config.h"
#include "core/shared/escape.h"
#include "tui/tui.h"

static attr_t attrs[ATTR_COUNT];

/*
 * The colour area (core/keys/color.h, what users name in the config file) of
 * each attribute the screens draw with.  ATTR_HEADER is the top line,
 * users' "title"; ATTR_TITLE are headings, users' "header".
 */
static const enum color_area area_of[ATTR_COUNT] = {
	[ATTR_HEADER] = COLOR_AREA_TITLE,
	[ATTR_STATUS] = COLOR_AREA_STATUS,
	[ATTR_CURSOR] = COLOR_AREA_CURSOR,
	[ATTR_FAILED] = COLOR_AREA_HARD,
	[ATTR_DELAYED] = COLOR_AREA_SOFT,
	[ATTR_ERROR] = COLOR_AREA_ERROR,
	[ATTR_TITLE] = COLOR_AREA_HEADER,
	[ATTR_MATCH] = COLOR_AREA_SEARCH_MATCH,
	[ATTR_DIM] = COLOR_AREA_MUTED,
	[ATTR_SPARK] = COLOR_AREA_SPARKLINE,
};

static const attr_t curses_attr[COLOR_ATTR_COUNT] = {
	[COLOR_ATTR_BIT_BOLD] = A_BOLD,
	[COLOR_ATTR_BIT_UNDERLINE] = A_UNDERLINE,
	[COLOR_ATTR_BIT_REVERSE] = A_REVERSE,
	[COLOR_ATTR_BIT_DIM] = A_DIM,
	[COLOR_ATTR_BIT_STANDOUT] = A_STANDOUT,
};

static attr_t
to_curses(unsigned bits)
{
	attr_t a = A_NORMAL;

	for (int i = 0; i < COLOR_ATTR_COUNT; i++)
		if (bits & (1u << i))
			a |= curses_attr[i];
	return a;
}

/*
 * Colours only when the terminal has them and NO_COLOR is unset or empty;
 * without, every area gets its built-in attributes and the config's
 * colours are ignored (a "black yellow" cursor must not become invisible).
 * A colour the terminal cannot show (196 on an 8-colour terminal) falls
 * back to the area's default.
 */
void
draw_init(struct tui *t, const struct config *cfg)
{
	const char *nc = getenv("NO_COLOR");

	t->color = has_colors() && (nc == NULL || *nc == '\0');
	t->utf8 = strcmp(nl_langinfo(CODESET), "UTF-8") == 0;
	attrs[ATTR_NORMAL] = A_NORMAL;
	for (int i = ATTR_NORMAL + 1; i < ATTR_COUNT; i++)
		attrs[i] = to_curses(color_mono(area_of[i]).attrs);
	if (!t->color)
		return;
	start_color();
	use_default_colors();
	for (int i = ATTR_NORMAL + 1; i < ATTR_COUNT; i++) {
		enum color_area ar = area_of[i];
		struct color_spec c = cfg && cfg->color_set[ar] ? cfg->color[ar] : color_default(ar);
		short pair = (short)i;

		if (c.fg >= COLORS || c.bg >= COLORS)
			c = color_default(ar);
		if (c.fg == COLOR_DEFAULT && c.bg == COLOR_DEFAULT) {
			attrs[i] = to_curses(c.attrs);
			continue;
		}
		if (init_pair(pair, (short)c.fg, (short)c.bg) == ERR)
			attrs[i] = to_curses(color_mono(ar).attrs);
		else
			attrs[i] = COLOR_PAIR(pair) | to_curses(c.attrs);
	}
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
	escape_fit(&b, s ? s : "", (size_t)width, 1);
	attrset(attr);
	mvaddstr(y, x, b.data ? b.data : "");
	attrset(A_NORMAL);
	buf_free(&b);
}

void
draw_cell(struct buf *out, const char *s, size_t width)
{
	struct buf e = BUF_INIT;

	escape_text(&e, s ? s : "", s ? strlen(s) : 0);
	escape_fit(out, e.data ? e.data : "", width, 1);
	buf_free(&e);
}

void
draw_raw(int y, int x, int width, const char *s, attr_t attr)
{
	struct buf e = BUF_INIT;

	escape_text(&e, s ? s : "", s ? strlen(s) : 0);
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
	size_t shown = 0, all = 0, hidden = 0;

	if (t->count_gen != t->gen) {
		for (size_t i = 0; i < t->rs->n; i++) {
			const struct row *r = &t->rs->rows[i];

			if (r->superseded || r->s[ROW_ERROR] != NULL)
				continue;
			all++;
			if (t->filter != NULL && !filter_match(t->filter, r))
				continue;
			if (rowset_visible(r, &t->hide))
				shown++;
			else
				hidden++;
		}
		t->count_all = all;
		t->count_shown = shown;
		t->count_hidden = hidden;
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
	/* What the limit kept but the handled tag hides, and the key that shows it. */
	if (t->count_hidden > 0)
		buf_printf(b, " | %zu handled hidden (a shows)", t->count_hidden);
	else if (t->hide.all)
		buf_adds(b, " | handled shown");
	if (t->ntagged)
		buf_printf(b, " | %zu tagged", t->ntagged);
	if (t->querying)
		buf_adds(b, " | running the query...");
	if (t->loading)
		buf_printf(b, " | decoding %zu of %zu", t->done, t->total);
	if (t->tag_prefix)
		buf_adds(b, " | ;");
	if (t->pending.n > 0) {
		char keys[KEY_SEQ_NAME_MAX];

		key_seq_str(&t->pending, keys, sizeof(keys));
		buf_printf(b, " | keys: %s... (Esc cancels)", keys);
	}
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
	if ((t->prompt.active || t->confirm.active) && t->msg_error && t->msg != NULL)
		draw_raw(LINES - 2, 0, COLS, t->msg, draw_attr(ATTR_ERROR) | A_REVERSE);
	else
		draw_raw(LINES - 2, 0, COLS, b.data, draw_attr(ATTR_STATUS));
	if (t->confirm.active)
		confirm_draw(t, LINES - 1, COLS);
	else if (t->prompt.active)
		prompt_draw(t, LINES - 1, COLS);
	else {
		curs_set(0);
		draw_raw(LINES - 1, 0, COLS, t->msg ? t->msg : "",
		    t->msg_error ? draw_attr(ATTR_ERROR) : A_NORMAL);
	}
	buf_free(&b);
	refresh();
}

/*
 * The size comes from the terminal, asked now, never from LINES and COLS
 * (the size of the last resize seen): of two resizes in a row the second
 * wins even when their signals came as one.  resize_term(), not
 * resizeterm(): the latter queues a KEY_RESIZE, which would come back here.
 */
void
draw_resize(void)
{
	struct winsize ws;

	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0 && ws.ws_col > 0 &&
	    is_term_resized(ws.ws_row, ws.ws_col))
		resize_term(ws.ws_row, ws.ws_col);
	/* The terminal cropped or moved what was there: repaint every cell. */
	clearok(curscr, TRUE);
}
