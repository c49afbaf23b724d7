/* The pager: raw mail (a bounce, the returned or the sent original), searchable. */
#include <stdlib.h>
#include <string.h>

#include "tui/tui.h"

struct pager {
	char *title;
	char *data;
	struct text x;
};

static void
pager_rebuild(struct tui *t, struct view *v)
{
	struct pager *s = v->p;

	(void)t;
	text_reset(&s->x, COLS);
	text_add(&s->x, ATTR_NORMAL, s->data);
	v->width = COLS;
}

static void
pager_title(struct tui *t, struct view *v, struct buf *out)
{
	struct pager *s = v->p;

	(void)t;
	buf_printf(out, "Pager: %s | %zu lines | / search, q back", s->title, s->x.n);
}

static void
pager_draw(struct tui *t, struct view *v, int y, int height, int width)
{
	struct pager *s = v->p;

	if (v->width != width)
		pager_rebuild(t, v);
	text_draw(&s->x, y, height, width);
}

static bool
pager_act(struct tui *t, struct view *v, enum action a)
{
	struct pager *s = v->p;
	char *file = s->title;

	if (text_act(&s->x, a))
		return true;
	if (a == ACTION_EXTERNAL_PAGER && file != NULL && file[0] == '/') {
		external_pager(t, file);
		return true;
	}
	return false;
}

static bool
pager_search(struct tui *t, struct view *v, const char *text, bool forward)
{
	(void)t;
	return text_search(&((struct pager *)v->p)->x, text, forward);
}

static void
pager_free(struct view *v)
{
	struct pager *s = v->p;

	text_free(&s->x);
	free(s->title);
	free(s->data);
	free(s);
	free(v);
}

static const struct view_ops pager_ops = {
	.name = "pager",
	.ctx = CONTEXT_PAGER,
	.rebuild = pager_rebuild,
	.title = pager_title,
	.draw = pager_draw,
	.act = pager_act,
	.search = pager_search,
	.free = pager_free,
};

struct view *
view_pager_new(struct tui *t, const char *title, const char *data, size_t len)
{
	struct view *v = xcalloc(1, sizeof(*v));
	struct pager *s = xcalloc(1, sizeof(*s));

	(void)t;
	s->title = xstrdup(title ? title : "");
	s->data = xstrndup(data ? data : "", data ? len : 0);
	text_init(&s->x, COLS);
	v->ops = &pager_ops;
	v->p = s;
	return v;
}
