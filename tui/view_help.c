/* Help, generated from the action table and the bindings in force. */
#include <stdlib.h>
#include <string.h>

#include "core/keys/key.h"
#include "tui/tui.h"

#define HELP_KEYS 8

struct help {
	enum context ctx;	/* the screen help was asked on: shown first */
	struct text x;
};

static void
help_context_block(struct tui *t, struct text *x, enum context c)
{
	struct key_seq keys[HELP_KEYS];
	char name[KEY_SEQ_NAME_MAX];
	struct buf b = BUF_INIT;

	text_addf(x, ATTR_TITLE, "%s: %s", context_name(c), context_help(c));
	for (int a = 1; a < ACTION_COUNT; a++) {
		size_t n = keymap_keys_for(t->km, c, (enum action)a, keys, HELP_KEYS);

		/* Global keys appear under "global"; a screen lists its own. */
		if (n == 0)
			continue;
		if (c != CONTEXT_GLOBAL && c != CONTEXT_PROMPT) {
			bool own = false;
			size_t k;

			for (k = 0; k < n && k < HELP_KEYS; k++) {
				enum action ga;

				if (keymap_match(t->km, CONTEXT_GLOBAL, &keys[k], &ga) != KEYMAP_FOUND ||
				    ga != (enum action)a)
					own = true;
			}
			if (!own)
				continue;
		}
		buf_reset(&b);
		for (size_t k = 0; k < n && k < HELP_KEYS; k++) {
			key_seq_str(&keys[k], name, sizeof(name));
			buf_printf(&b, "%s%s", k ? " " : "", name);
		}
		text_addf(x, ATTR_NORMAL, "  %-22s %-18s %s", b.data, action_name((enum action)a),
		    action_help((enum action)a));
	}
	text_add(x, ATTR_NORMAL, "");
	buf_free(&b);
}

/* The ':' commands, from COMMAND_LIST. */
static void
help_commands_block(struct text *x)
{
	struct buf b = BUF_INIT;

	text_add(x, ATTR_TITLE, "Commands (:), and every action by name; a leading ; runs one "
	    "on the tagged rows");
	for (int c = 0; c < COMMAND_COUNT; c++) {
		buf_reset(&b);
		buf_printf(&b, "%s %s", command_name((enum command)c),
		    command_synopsis((enum command)c));
		text_addf(x, ATTR_NORMAL, "  %-41s %s", b.data, command_help((enum command)c));
	}
	buf_free(&b);
}

static void
help_rebuild(struct tui *t, struct view *v)
{
	struct help *s = v->p;
	struct key_seq keys[1];

	text_reset(&s->x, COLS);
	text_add(&s->x, ATTR_NORMAL, "Keys in force (defaults, ~/.config/bounceq/keys, -k FILE, "
	    ":bind).  See bounceq-keys(5).");
	text_add(&s->x, ATTR_NORMAL, "");
	if (s->ctx != CONTEXT_GLOBAL)
		help_context_block(t, &s->x, s->ctx);
	help_context_block(t, &s->x, CONTEXT_GLOBAL);
	for (int c = 1; c < CONTEXT_COUNT; c++)
		if ((enum context)c != s->ctx)
			help_context_block(t, &s->x, (enum context)c);
	text_add(&s->x, ATTR_TITLE, "Actions without a key (run them with :NAME or bind them)");
	for (int a = 1; a < ACTION_COUNT; a++) {
		size_t n = 0;

		for (int c = 0; c < CONTEXT_COUNT && n == 0; c++)
			n = keymap_keys_for(t->km, (enum context)c, (enum action)a, keys, 1);
		if (n == 0)
			text_addf(&s->x, ATTR_NORMAL, "  %-18s %s", action_name((enum action)a),
			    action_help((enum action)a));
	}
	text_add(&s->x, ATTR_NORMAL, "");
	help_commands_block(&s->x);
	text_add(&s->x, ATTR_NORMAL, "");
	text_add(&s->x, ATTR_TITLE, "Filter language (l)");
	text_add(&s->x, ATTR_NORMAL,
	    "  field:value terms joined by and / or / not / -, with ( ) and \"quotes\";\n"
	    "  fields: status domain reason action code kind remote reporting recipient\n"
	    "  from subject diag template mta id file hard:yes|no since:7d until:DATE;\n"
	    "  success:yes|no (delivery notices, listed only when a filter asks for them);\n"
	    "  * and ? are globs; a bare word matches the recipient or the diagnostic.\n"
	    "  Example: status:5.1.* and -domain:example.com since:2w");
	v->width = COLS;
}

static void
help_title(struct tui *t, struct view *v, struct buf *out)
{
	(void)t;
	(void)v;
	buf_adds(out, "Help | q back, / search");
}

static void
help_draw(struct tui *t, struct view *v, int y, int height, int width)
{
	if (v->width != width)
		help_rebuild(t, v);
	text_draw(&((struct help *)v->p)->x, y, height, width);
}

static bool
help_act(struct tui *t, struct view *v, enum action a)
{
	(void)t;
	return text_act(&((struct help *)v->p)->x, a);
}

static bool
help_search(struct tui *t, struct view *v, const char *text, bool forward)
{
	(void)t;
	return text_search(&((struct help *)v->p)->x, text, forward);
}

static void
help_free(struct view *v)
{
	struct help *s = v->p;

	text_free(&s->x);
	free(s);
	free(v);
}

static const struct view_ops help_ops = {
	.name = "help",
	.ctx = CONTEXT_HELP,
	.rebuild = help_rebuild,
	.title = help_title,
	.draw = help_draw,
	.act = help_act,
	.search = help_search,
	.free = help_free,
};

struct view *
view_help_new(struct tui *t, enum context ctx)
{
	struct view *v = xcalloc(1, sizeof(*v));
	struct help *s = xcalloc(1, sizeof(*s));

	(void)t;
	s->ctx = ctx;
	text_init(&s->x, COLS);
	v->ops = &help_ops;
	v->p = s;
	return v;
}
