/* A scrollable block of safe, wrapped lines shared by the text screens. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "core/shared/escape.h"
#include "core/shared/str.h"
#include "tui/tui.h"

#define TEXT_TAB 8

void
text_init(struct text *x, int width)
{
	memset(x, 0, sizeof(*x));
	cursor_init(&x->win, true);
	x->match = -1;
	x->width = width > 10 ? width : 10;
}

void
text_reset(struct text *x, int width)
{
	struct cursor win = x->win;

	text_free(x);
	text_init(x, width);
	x->win = win;
}

void
text_free(struct text *x)
{
	for (size_t i = 0; i < x->n; i++)
		free(x->line[i]);
	free(x->line);
	free(x->attr);
	memset(x, 0, sizeof(*x));
}

static void
push(struct text *x, enum tui_attr a, const char *s, size_t n)
{
	if (x->n == x->cap) {
		x->cap = x->cap ? x->cap * 2 : 64;
		x->line = realloc(x->line, x->cap * sizeof(char *));
		x->attr = realloc(x->attr, x->cap * sizeof(enum tui_attr));
		if (x->line == NULL || x->attr == NULL)
			abort();
	}
	x->line[x->n] = xstrndup(s, n);
	x->attr[x->n++] = a;
}

/*
 * Splits one safe line into pieces of at most x->width columns, at the
 * last blank when there is one (words stay whole), else mid-word.
 */
static void
wrap(struct text *x, enum tui_attr a, const char *s)
{
	size_t len = strlen(s), start = 0, i = 0, cols = 0, sp = 0, spcols = 0;
	mbstate_t ms;
	wchar_t wc;
	size_t k;
	int w;

	memset(&ms, 0, sizeof(ms));
	while (i < len) {
		k = mbrtowc(&wc, s + i, len - i, &ms);
		if (k == (size_t)-1 || k == (size_t)-2 || k == 0) {
			memset(&ms, 0, sizeof(ms));
			k = 1;
			w = 1;
		} else if ((w = wcwidth(wc)) < 0)
			w = 1;
		if (cols + (size_t)w > (size_t)x->width && i > start) {
			if (sp > start) {
				push(x, a, s + start, sp - start);
				start = sp;
				cols -= spcols;
			} else {
				push(x, a, s + start, i - start);
				start = i;
				cols = 0;
			}
			sp = start;
		}
		cols += (size_t)w;
		i += k;
		if (s[i - k] == ' ') {
			sp = i;
			spcols = cols;
		}
	}
	if (i > start || len == 0)
		push(x, a, s + start, i - start);
}

void
text_add(struct text *x, enum tui_attr a, const char *raw)
{
	const char *p = raw ? raw : "", *nl;
	struct buf line = BUF_INIT, safe = BUF_INIT;

	do {
		nl = strchr(p, '\n');
		if (nl == NULL)
			nl = p + strlen(p);
		buf_reset(&line);
		/* Expand tabs here: the escaper would turn them into one space. */
		for (const char *q = p; q < nl; q++) {
			if (*q == '\t') {
				do
					buf_addc(&line, ' ');
				while (line.len % TEXT_TAB != 0);
			} else if (*q != '\r' || q + 1 != nl)
				buf_addc(&line, *q);
		}
		buf_reset(&safe);
		escape_text(&safe, line.data ? line.data : "", line.len);
		wrap(x, a, safe.data ? safe.data : "");
		p = *nl ? nl + 1 : nl;
	} while (*p != '\0');
	buf_free(&line);
	buf_free(&safe);
}

void
text_addf(struct text *x, enum tui_attr a, const char *fmt, ...)
{
	char tmp[4096];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	text_add(x, a, tmp);
}

void
text_add_safe(struct text *x, enum tui_attr a, const char *safe)
{
	push(x, a, safe, strlen(safe));
}

void
text_field(struct text *x, const char *name, const char *value)
{
	struct buf b = BUF_INIT;

	if (value == NULL || *value == '\0')
		return;
	buf_printf(&b, "%-18s %s", name, value);
	text_add(x, ATTR_NORMAL, b.data);
	buf_free(&b);
}

void
text_draw(struct text *x, int y, int height, int width)
{
	cursor_set_count(&x->win, x->n);
	cursor_set_height(&x->win, height > 0 ? (size_t)height : 0);
	for (int i = 0; i < height; i++) {
		size_t l = x->win.top + (size_t)i;
		attr_t at;

		if (l >= x->n) {
			draw_safe(y + i, 0, width, "~", draw_attr(ATTR_DIM));
			continue;
		}
		at = draw_attr(x->attr[l]);
		if ((long)l == x->match)
			at = draw_attr(ATTR_MATCH);
		draw_safe(y + i, 0, width, x->line[l], at);
	}
}

bool
text_act(struct text *x, enum action a)
{
	cursor_set_count(&x->win, x->n);
	return tui_cursor_act(&x->win, a);
}

bool
text_search(struct text *x, const char *s, bool forward)
{
	size_t start;

	if (x->n == 0 || s == NULL || *s == '\0')
		return false;
	cursor_set_count(&x->win, x->n);
	start = x->match >= 0 ? (size_t)x->match : x->win.top;
	for (size_t k = 1; k <= x->n; k++) {
		size_t l = forward ? (start + k) % x->n : (start + x->n - k) % x->n;

		if (x->match < 0 && k == 1 && forward)
			l = start;
		if (str_casestr(x->line[l], s) != NULL) {
			x->match = (long)l;
			/* Two lines of context above the hit, unless the end is near. */
			cursor_set(&x->win, l > 2 ? l - 2 : 0);
			return true;
		}
	}
	return false;
}
