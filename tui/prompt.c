/* The line editor at the bottom: limit, search, command, pipe and export prompts. */
#include <stdlib.h>
#include <string.h>

#include "core/keys/key.h"
#include "core/shared/escape.h"
#include "tui/tui.h"

#define HISTORY_MAX 100

static const char *const labels[PROMPT_KIND_COUNT] = {
	[PROMPT_LIMIT] = "limit: ",
	[PROMPT_SEARCH] = "/",
	[PROMPT_SEARCH_BACK] = "?",
	[PROMPT_COMMAND] = ":",
	[PROMPT_PIPE] = "pipe bounce to: ",
	[PROMPT_PIPE_ADDRESSES] = "pipe addresses to: ",
	[PROMPT_EXPORT] = "export addresses to file: ",
	[PROMPT_EXPORT_FORMAT] = "export format (plain, csv, json): ",
};

const char *
prompt_label(enum prompt_kind kind)
{
	return labels[kind];
}

static void
set_text(struct prompt *p, const char *s)
{
	buf_reset(&p->text);
	buf_adds(&p->text, s ? s : "");
	p->cur = p->text.len;
}

void
prompt_open(struct tui *t, enum prompt_kind kind, const char *initial)
{
	struct prompt *p = &t->prompt;

	p->active = true;
	p->kind = kind;
	p->tagged = t->tag_prefix;
	t->tag_prefix = false;
	set_text(p, initial);
	p->hpos = t->hist[kind].n;
	free(p->saved);
	p->saved = NULL;
}

static void
history_add(struct history *h, const char *s)
{
	if (*s == '\0' || (h->n > 0 && strcmp(h->line[h->n - 1], s) == 0))
		return;
	if (h->n == HISTORY_MAX) {
		free(h->line[0]);
		memmove(h->line, h->line + 1, (h->n - 1) * sizeof(char *));
		h->n--;
	}
	if (h->n == h->cap) {
		h->cap = h->cap ? h->cap * 2 : 16;
		h->line = xrealloc(h->line, h->cap * sizeof(char *));
	}
	h->line[h->n++] = xstrdup(s);
}

static size_t
prev_char(const char *s, size_t i)
{
	while (i > 0 && ((unsigned char)s[--i] & 0xc0) == 0x80)
		;
	return i;
}

static size_t
next_char(const char *s, size_t len, size_t i)
{
	if (i < len)
		i++;
	while (i < len && ((unsigned char)s[i] & 0xc0) == 0x80)
		i++;
	return i;
}

static void
insert(struct prompt *p, int key)
{
	char u[4];
	size_t n;
	unsigned c = (unsigned)key;

	if (c < 0x80) {
		u[0] = (char)c;
		n = 1;
	} else if (c < 0x800) {
		u[0] = (char)(0xc0 | c >> 6);
		u[1] = (char)(0x80 | (c & 0x3f));
		n = 2;
	} else if (c < 0x10000) {
		u[0] = (char)(0xe0 | c >> 12);
		u[1] = (char)(0x80 | ((c >> 6) & 0x3f));
		u[2] = (char)(0x80 | (c & 0x3f));
		n = 3;
	} else {
		u[0] = (char)(0xf0 | c >> 18);
		u[1] = (char)(0x80 | ((c >> 12) & 0x3f));
		u[2] = (char)(0x80 | ((c >> 6) & 0x3f));
		u[3] = (char)(0x80 | (c & 0x3f));
		n = 4;
	}
	buf_add(&p->text, u, n);	/* grows; then move the tail */
	memmove(p->text.data + p->cur + n, p->text.data + p->cur, p->text.len - n - p->cur);
	memcpy(p->text.data + p->cur, u, n);
	p->cur += n;
}

static void
cut(struct prompt *p, size_t from, size_t to)
{
	memmove(p->text.data + from, p->text.data + to, p->text.len - to + 1);
	p->text.len -= to - from;
}

static void
history_move(struct tui *t, int dir)
{
	struct prompt *p = &t->prompt;
	struct history *h = &t->hist[p->kind];

	if (dir < 0 && p->hpos == 0)
		return;
	if (dir > 0 && p->hpos >= h->n)
		return;
	if (p->hpos == h->n) {
		free(p->saved);
		p->saved = xstrdup(p->text.data ? p->text.data : "");
	}
	p->hpos = dir < 0 ? p->hpos - 1 : p->hpos + 1;
	set_text(p, p->hpos < h->n ? h->line[p->hpos] : p->saved);
}

static void accept(struct tui *t);

void
prompt_key(struct tui *t, int key)
{
	struct prompt *p = &t->prompt;
	enum action a = keymap_lookup(t->km, CONTEXT_PROMPT, key);
	const char *s;

	if (p->text.data == NULL)
		set_text(p, "");
	s = p->text.data;
	switch (a) {
	case ACTION_PROMPT_ENTER:
		accept(t);
		return;
	case ACTION_PROMPT_CANCEL:
		p->active = false;
		tui_msg(t, false, "%s", "");
		return;
	case ACTION_PROMPT_BACKSPACE:
		if (p->cur > 0) {
			size_t i = prev_char(s, p->cur);
			cut(p, i, p->cur);
			p->cur = i;
		} else if (p->text.len == 0)
			p->active = false;
		return;
	case ACTION_PROMPT_DELETE:
		if (p->cur < p->text.len)
			cut(p, p->cur, next_char(s, p->text.len, p->cur));
		return;
	case ACTION_PROMPT_LEFT:
		p->cur = prev_char(s, p->cur);
		return;
	case ACTION_PROMPT_RIGHT:
		p->cur = next_char(s, p->text.len, p->cur);
		return;
	case ACTION_PROMPT_HOME:
		p->cur = 0;
		return;
	case ACTION_PROMPT_END:
		p->cur = p->text.len;
		return;
	case ACTION_PROMPT_KILL:
		set_text(p, "");
		return;
	case ACTION_HISTORY_PREV:
		history_move(t, -1);
		return;
	case ACTION_HISTORY_NEXT:
		history_move(t, +1);
		return;
	default:
		break;
	}
	if (key_is_text(key))
		insert(p, key);
}

/* Runs the finished line; a bad filter keeps the prompt open at the error. */
static void
accept(struct tui *t)
{
	struct prompt *p = &t->prompt;
	char *line = xstrdup(p->text.data ? p->text.data : "");
	struct filter_error err;

	history_add(&t->hist[p->kind], line);
	p->active = false;
	switch (p->kind) {
	case PROMPT_LIMIT:
		if (tui_set_limit(t, line, &err) != STATUS_OK) {
			p->active = true;
			p->cur = err.pos <= p->text.len ? err.pos : p->text.len;
			p->hpos = t->hist[p->kind].n;
			tui_msg(t, true, "bad filter at column %zu: %s", err.pos + 1, err.msg);
		}
		break;
	case PROMPT_SEARCH:
	case PROMPT_SEARCH_BACK:
		if (*line != '\0') {
			free(t->search);
			t->search = xstrdup(line);
			t->search_forward = p->kind == PROMPT_SEARCH;
			tui_run(t, ACTION_SEARCH_NEXT);
		}
		break;
	case PROMPT_COMMAND:
		command_run(t, line);
		break;
	case PROMPT_EXPORT_FORMAT: {
		static const char *const names[EXPORT_FORMAT_COUNT] = {
			[EXPORT_PLAIN] = "bounceq-addresses.txt",
			[EXPORT_CSV] = "bounceq-addresses.csv",
			[EXPORT_JSON] = "bounceq-addresses.jsonl",
		};
		enum export_format f;

		if (export_format_parse(line, &f) != STATUS_OK) {
			p->active = true;
			p->hpos = t->hist[p->kind].n;
			tui_msg(t, true, "unknown export format '%s' (plain, csv, json)", line);
			break;
		}
		/* Then the file, for the same rows (tagged or shown). */
		t->export_format = f;
		t->tag_prefix = p->tagged;
		prompt_open(t, PROMPT_EXPORT, names[f]);
		break;
	}
	case PROMPT_PIPE:
	case PROMPT_PIPE_ADDRESSES:
	case PROMPT_EXPORT: {
		struct buf cmd = BUF_INIT;

		if (p->kind == PROMPT_EXPORT)
			buf_printf(&cmd, "%sexport %s %s", p->tagged ? ";" : "",
			    export_format_name(t->export_format), line);
		else
			buf_printf(&cmd, "%s%s %s", p->tagged ? ";" : "",
			    p->kind == PROMPT_PIPE ? "pipe" : "pipe-addresses", line);
		if (*line != '\0')
			command_run(t, cmd.data);
		buf_free(&cmd);
		break;
	}
	case PROMPT_KIND_COUNT:
		break;
	}
	free(line);
}

void
prompt_draw(struct tui *t, int y, int width)
{
	struct prompt *p = &t->prompt;
	struct buf pre = BUF_INIT, all = BUF_INIT;
	const char *s = p->text.data ? p->text.data : "";
	size_t cx;

	/* Escaped like mail text: a pasted escape sequence stays visible. */
	buf_adds(&pre, labels[p->kind]);
	escape_text(&pre, s, p->cur);
	buf_adds(&all, pre.data);
	escape_text(&all, s + p->cur, p->text.len - p->cur);
	cx = escape_width(pre.data);
	if (cx >= (size_t)width)
		cx = (size_t)width - 1;
	draw_safe(y, 0, width, all.data, A_NORMAL);
	curs_set(1);
	move(y, (int)cx);
	buf_free(&pre);
	buf_free(&all);
}
