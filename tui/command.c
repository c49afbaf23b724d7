/*
 * The ':' command line: the commands of COMMAND_LIST (core/keys/action.h),
 * each run through one row of the table below, or any action by name.
 */
#include <stdlib.h>
#include <string.h>

#include "core/decode/source.h"
#include "core/keys/config.h"
#include "core/model/list.h"
#include "core/shared/cmdline.h"
#include "core/shared/file.h"
#include "tui/tui.h"

#define NAME_MAX_LEN 32

/* One command line, taken apart. */
struct call {
	const char *line;	/* from the command's name on */
	const char *rest;	/* what follows the name, as typed */
	char **argv;		/* the words after the name (split commands) */
	size_t argc;		/* their number; raw commands: 1 when rest is not empty */
	bool tagged;		/* the line started with ';' */
};

static void
command_bind(struct tui *t, const struct call *c)
{
	/* bind and unbind are keymap lines, read by the keymap's own parser. */
	if (keymap_line(t->km, ":", 0, c->line) != STATUS_OK)
		tui_msg(t, true, "%s", keymap_last_diag(t->km));
	else
		tui_msg(t, false, "%s", c->line);
}

static void
command_limit(struct tui *t, const struct call *c)
{
	struct filter_error err;

	if (tui_set_limit(t, c->rest, &err) != STATUS_OK)
		tui_msg(t, true, "bad filter at column %zu: %s", err.pos + 1, err.msg);
}

static void
command_group(struct tui *t, const struct call *c)
{
	enum group_key keys[GROUP_MAX_LEVELS];
	size_t nk;

	if (group_keys_parse(c->argv[0], keys, &nk) != STATUS_OK || nk == 0) {
		tui_msg(t, true, "unknown grouping '%s'", c->argv[0]);
		return;
	}
	t->gkey = keys[0];
	t->gsplit = nk > 1;
	t->gen++;
}

static void
usage(struct tui *t, enum command cmd)
{
	const char *syn = command_synopsis(cmd);

	tui_msg(t, true, "usage: %s%s%s", command_name(cmd), *syn ? " " : "", syn);
}

static void
command_sort(struct tui *t, const struct call *c)
{
	struct view *v = tui_top(t);
	int dir = -1;

	if (c->argc == 2 && strcmp(c->argv[1], "asc") == 0)
		dir = 0;
	else if (c->argc == 2 && strcmp(c->argv[1], "desc") == 0)
		dir = 1;
	if (c->argc == 2 && dir < 0)
		usage(t, COMMAND_SORT);
	else if (v == NULL || v->ops->sort == NULL)
		tui_msg(t, true, "sort: nothing to sort on the %s screen", v ? v->ops->name : "");
	else
		v->ops->sort(t, v, c->argv[0], dir);
}

/* :export FILE (plain) or :export FORMAT FILE. */
static void
command_export(struct tui *t, const struct call *c)
{
	enum export_format f = EXPORT_PLAIN;

	if (c->argc == 2 && export_format_parse(c->argv[0], &f) != STATUS_OK) {
		tui_msg(t, true, "unknown export format '%s' (plain, csv, json)", c->argv[0]);
		return;
	}
	tui_export(t, c->tagged, f, c->argv[c->argc - 1]);
}

static void
command_tag(struct tui *t, const struct call *c)
{
	tui_mark(t, c->tagged, c->argv[0]);
}

static void
command_pipe(struct tui *t, const struct call *c)
{
	long cur = view_current(t, tui_top(t));
	const char *file;
	char *data = NULL;
	size_t len;

	if (c->tagged) {
		tui_pipe_addresses(t, true, c->rest);
		return;
	}
	if (cur < 0 || (file = t->rs->rows[cur].s[ROW_FILE]) == NULL) {
		tui_msg(t, true, "no bounce here to pipe (open a list first)");
		return;
	}
	if (file_read(file, BOUNCE_MAX_SIZE, &data, &len) != STATUS_OK) {
		tui_msg(t, true, "cannot read %s", file);
		return;
	}
	external_pipe(t, c->rest, data, len);
	free(data);
}

static void
command_pipe_addresses(struct tui *t, const struct call *c)
{
	tui_pipe_addresses(t, c->tagged, c->rest);
}

static void
command_messages(struct tui *t, const struct call *c)
{
	struct buf b = BUF_INIT;

	(void)c;
	if (keymap_ndiag(t->km) == 0 && (t->cfg == NULL || t->cfg->ndiag == 0))
		buf_adds(&b, "No keymap or config messages.\n");
	for (size_t i = 0; t->cfg != NULL && i < t->cfg->ndiag; i++)
		buf_printf(&b, "%s\n", t->cfg->diag[i]);
	for (size_t i = 0; i < keymap_ndiag(t->km); i++)
		buf_printf(&b, "%s\n", keymap_diag(t->km, i));
	if (t->dberr != NULL)
		buf_printf(&b, "%s\n", t->dberr);
	tui_push(t, view_pager_new(t, "Messages", b.data, b.len));
	buf_free(&b);
}

static void
command_quit(struct tui *t, const struct call *c)
{
	(void)c;
	t->quit = true;
}

#define ANY ((size_t)-1)

/*
 * How each command takes its arguments: raw ones get the rest of the line
 * as typed (a filter, a keymap line, a command line split later by
 * external_pipe), the others its words split like sh(1) words.  With
 * fewer or more words than min..max the command falls back to the action
 * of the same name when it stands alone (":tag" tags the row, ":export"
 * opens its prompt), else its usage is shown.
 */
static const struct {
	void (*run)(struct tui *t, const struct call *c);
	bool raw;
	size_t min, max;
} commands[COMMAND_COUNT] = {
	[COMMAND_BIND] = { .run = command_bind, .raw = true, .min = 1, .max = 1 },
	[COMMAND_UNBIND] = { .run = command_bind, .raw = true, .min = 1, .max = 1 },
	[COMMAND_LIMIT] = { .run = command_limit, .raw = true, .min = 0, .max = 1 },
	[COMMAND_GROUP] = { .run = command_group, .min = 1, .max = 1 },
	[COMMAND_SORT] = { .run = command_sort, .min = 1, .max = 2 },
	[COMMAND_EXPORT] = { .run = command_export, .min = 1, .max = 2 },
	[COMMAND_TAG] = { .run = command_tag, .min = 1, .max = 1 },
	[COMMAND_PIPE] = { .run = command_pipe, .raw = true, .min = 1, .max = 1 },
	[COMMAND_PIPE_ADDRESSES] = { .run = command_pipe_addresses, .raw = true, .min = 1,
	    .max = 1 },
	[COMMAND_MESSAGES] = { .run = command_messages, .min = 0, .max = ANY },
	[COMMAND_QUIT] = { .run = command_quit, .min = 0, .max = ANY },
	[COMMAND_Q] = { .run = command_quit, .min = 0, .max = ANY },
};

static void
dispatch(struct tui *t, enum command cmd, const struct call *c)
{
	enum action a;

	if (commands[cmd].run != NULL && c->argc >= commands[cmd].min &&
	    c->argc <= commands[cmd].max) {
		commands[cmd].run(t, c);
		return;
	}
	if (c->argc == 0 && action_parse(command_name(cmd), &a) == STATUS_OK) {
		t->tag_prefix = c->tagged;
		tui_run(t, a);
		return;
	}
	usage(t, cmd);
}

static const char *
skip_blanks(const char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	return s;
}

/* The raw command the line starts with, if any; *rest gets what follows its name. */
static bool
raw_command(const char *line, enum command *cmd, const char **rest)
{
	size_t n = strcspn(line, " \t");
	char name[NAME_MAX_LEN];

	if (n == 0 || n >= sizeof(name))
		return false;
	memcpy(name, line, n);
	name[n] = '\0';
	if (command_parse(name, cmd) != STATUS_OK || !commands[*cmd].raw)
		return false;
	*rest = skip_blanks(line + n);
	return true;
}

static void
unknown(struct tui *t, const char *name)
{
	struct buf b = BUF_INIT;

	for (int i = 0; i < COMMAND_COUNT; i++)
		buf_printf(&b, "%s, ", command_name((enum command)i));
	tui_msg(t, true, "unknown command '%s' (%sor an action name)", name, b.data);
	buf_free(&b);
}

/* A line of words: a command that splits its arguments, or an action by name. */
static void
run_words(struct tui *t, struct call *c, char **argv, size_t argc)
{
	enum command cmd;
	enum action a;

	if (command_parse(argv[0], &cmd) == STATUS_OK && !commands[cmd].raw) {
		c->argv = argv + 1;
		c->argc = argc - 1;
		dispatch(t, cmd, c);
	} else if (action_parse(argv[0], &a) == STATUS_OK && argc == 1) {
		t->tag_prefix = c->tagged;
		tui_run(t, a);
	} else
		unknown(t, argv[0]);
}

void
command_run(struct tui *t, const char *line)
{
	struct call c = { 0 };
	char **argv = NULL;
	size_t argc = 0;
	enum command cmd;

	line = skip_blanks(line);
	if (*line == ';') {
		c.tagged = true;
		line = skip_blanks(line + 1);
	}
	c.line = line;
	if (raw_command(line, &cmd, &c.rest)) {
		c.argc = *c.rest != '\0';
		dispatch(t, cmd, &c);
		return;
	}
	if (cmdline_split(line, &argv, &argc) != STATUS_OK) {
		tui_msg(t, true, "unbalanced quotes");
		return;
	}
	if (argc > 0)
		run_words(t, &c, argv, argc);
	cmdline_free(argv);
}
