/* The ':' command line: keymap lines, settings, row actions, or any action by name. */
#include <stdlib.h>
#include <string.h>

#include "core/decode/source.h"
#include "core/keys/config.h"
#include "core/model/list.h"
#include "core/shared/cmdline.h"
#include "core/shared/file.h"
#include "tui/tui.h"

static const char *
skip_word(const char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	while (*s != '\0' && *s != ' ' && *s != '\t')
		s++;
	while (*s == ' ' || *s == '\t')
		s++;
	return s;
}

static void
show_messages(struct tui *t)
{
	struct buf b = BUF_INIT;

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

void
command_run(struct tui *t, const char *line)
{
	const char *rest;
	char **argv = NULL;
	size_t argc = 0;
	enum action a;
	struct filter_error err;
	bool tagged = false;

	while (*line == ' ' || *line == '\t')
		line++;
	if (*line == ';') {
		tagged = true;
		line++;
	}
	rest = skip_word(line);
	if (strncmp(line, "bind ", 5) == 0 || strncmp(line, "unbind ", 7) == 0) {
		if (keymap_line(t->km, ":", 0, line) != STATUS_OK)
			tui_msg(t, true, "%s", keymap_last_diag(t->km));
		else
			tui_msg(t, false, "%s", line);
		return;
	}
	if (strncmp(line, "limit", 5) == 0 && (line[5] == ' ' || line[5] == '\0')) {
		if (tui_set_limit(t, rest, &err) != STATUS_OK)
			tui_msg(t, true, "bad filter at column %zu: %s", err.pos + 1, err.msg);
		return;
	}
	if (strncmp(line, "pipe-addresses ", 15) == 0) {
		tui_pipe_addresses(t, tagged, rest);
		return;
	}
	if (strncmp(line, "pipe ", 5) == 0) {
		struct view *v = tui_top(t);
		long cur = view_current(t, v);
		const char *file;
		char *data = NULL;
		size_t len;

		if (tagged) {
			tui_pipe_addresses(t, true, rest);
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
		external_pipe(t, rest, data, len);
		free(data);
		return;
	}
	if (cmdline_split(line, &argv, &argc) != STATUS_OK) {
		tui_msg(t, true, "unbalanced quotes");
		return;
	}
	if (argc == 0)
		goto done;
	if (strcmp(argv[0], "q") == 0 || strcmp(argv[0], "quit") == 0)
		t->quit = true;
	else if (strcmp(argv[0], "messages") == 0)
		show_messages(t);
	else if (strcmp(argv[0], "export") == 0 && argc == 2)
		tui_export(t, tagged, argv[1]);
	else if (strcmp(argv[0], "tag") == 0 && argc == 2)
		tui_mark(t, tagged, argv[1]);
	else if (strcmp(argv[0], "group") == 0 && argc == 2) {
		enum group_key keys[GROUP_MAX_LEVELS];
		size_t nk;

		if (group_keys_parse(argv[1], keys, &nk) != STATUS_OK || nk == 0)
			tui_msg(t, true, "unknown grouping '%s'", argv[1]);
		else {
			t->gkey = keys[0];
			t->gsplit = nk > 1;
			t->gen++;
		}
	} else if (strcmp(argv[0], "sort") == 0) {
		struct view *v = tui_top(t);
		int dir = -1;

		if (argc == 3 && strcmp(argv[2], "asc") == 0)
			dir = 0;
		else if (argc == 3 && strcmp(argv[2], "desc") == 0)
			dir = 1;
		if (argc < 2 || argc > 3 || (argc == 3 && dir < 0))
			tui_msg(t, true, "usage: sort KEY [asc|desc]");
		else if (v == NULL || v->ops->sort == NULL)
			tui_msg(t, true, "sort: nothing to sort on the %s screen", v ? v->ops->name : "");
		else
			v->ops->sort(t, v, argv[1], dir);
	} else if (action_parse(argv[0], &a) == STATUS_OK && argc == 1) {
		t->tag_prefix = tagged;
		tui_run(t, a);
	} else
		tui_msg(t, true, "unknown command '%s' (bind, unbind, limit, group, sort, export, tag, "
		    "pipe, pipe-addresses, messages, quit, or an action name)", argv[0]);
done:
	cmdline_free(argv);
}
