#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "core/model/list.h"
#include "core/model/row_json.h"
#include "core/shared/buf.h"
#include "core/shared/escape.h"
#include "cli/cli.h"
#include "cli/load.h"

static const char list_usage[] =
"usage: bounceq list [--json] [--filter EXPR] [--all] [--sort KEY] [-r]\n"
"                    [--history] [--other] [options] [QUERY...]\n"
"\n"
"List failed recipients found by a notmuch query, one row per recipient;\n"
"a delay followed by a failure for the same message and recipient shows\n"
"only the latest state unless --history is given.  Delivery notices\n"
"(delivered, relayed, expanded) are not failures: only a filter that asks\n"
"for them (success:yes, action:delivered) lists them.\n"
"\n"
"  -j, --json           JSON Lines, one row per line (see bounceq(1))\n"
"  -s, --sort KEY       date (default), recipient, domain, status, reason, action\n"
"  -r, --reverse        newest / largest first\n"
"  -H, --history        also rows superseded by a later state\n"
"  -o, --other          list the messages that are not failure reports instead\n"
LOAD_USAGE
"  -h, --help           this help\n"
"\n"
"Exit status: 0 success, 1 no database or a database error, 2 usage error.\n";

/* Column indices of the table. */
enum { C_DATE, C_RCPT, C_STATUS, C_REASON, C_DIAG, NCOL };

static void
put_table(struct buf *lines, char ***cells, size_t n)
{
	static const char *const hdr[NCOL] = { "DATE", "RECIPIENT", "STATUS", "REASON",
	    "DIAGNOSTIC" };
	static const size_t cap[NCOL - 1] = { 16, 40, 9, 16 };
	size_t w[NCOL], total = 0, cols = 0;
	struct winsize ws;

	if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0)
		cols = ws.ws_col;
	for (int c = 0; c < NCOL - 1; c++) {
		w[c] = strlen(hdr[c]);
		for (size_t r = 0; r < n; r++) {
			size_t dw = escape_width(cells[r][c]);

			if (dw > w[c])
				w[c] = dw;
		}
		if (w[c] > cap[c])
			w[c] = cap[c];
		total += w[c] + 2;
	}
	w[C_DIAG] = cols > total + 20 ? cols - total : (size_t)-1;
	for (size_t r = 0; r <= n; r++) {
		buf_reset(lines);
		for (int c = 0; c < NCOL; c++) {
			escape_fit(lines, r == 0 ? hdr[c] : cells[r - 1][c], w[c], c < NCOL - 1);
			if (c < NCOL - 1)
				buf_adds(lines, "  ");
		}
		puts(lines->data);
	}
}

static char *
cell(const char *s)
{
	struct buf b = BUF_INIT;

	if (s == NULL || *s == '\0')
		return xstrdup("-");
	escape_text(&b, s, strlen(s));
	return buf_steal(&b);
}

static char **
row_cells(const struct row *r)
{
	char **c = xcalloc(NCOL, sizeof(*c));
	char when[21];

	row_time(r->date, when);
	if (when[0] != '\0') {
		when[10] = ' ';
		when[16] = '\0';
	}
	c[C_DATE] = cell(when);
	c[C_RCPT] = cell(r->s[ROW_RECIPIENT]);
	c[C_STATUS] = cell(r->s[ROW_ERROR] ? "error" : r->s[ROW_STATUS]);
	c[C_REASON] = cell(r->s[ROW_REASON] ? r->s[ROW_REASON] : r->s[ROW_ERROR] ? "-" :
	    "unknown");
	c[C_DIAG] = cell(r->s[ROW_ERROR] ? r->s[ROW_ERROR] : r->s[ROW_DIAGNOSTIC]);
	return c;
}

static void
emit(const struct row *r, bool json, struct buf *out, char ****cells, size_t *n)
{
	if (json) {
		buf_reset(out);
		row_json(out, r);
		puts(out->data);
		return;
	}
	*cells = xrealloc(*cells, (*n + 1) * sizeof(**cells));
	(*cells)[(*n)++] = row_cells(r);
}

int
cmd_list(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "sort", required_argument, NULL, 's' },
		{ "reverse", no_argument, NULL, 'r' },
		{ "history", no_argument, NULL, 'H' },
		{ "other", no_argument, NULL, 'o' },
		{ "help", no_argument, NULL, 'h' },
		LOAD_LONGOPTS,
		{ NULL, 0, NULL, 0 },
	};
	struct load ld;
	struct list *l = NULL;
	struct buf out = BUF_INIT;
	enum list_sort sort = LIST_SORT_DATE;
	bool json = false, rev = false, history = false, other = false;
	char ***cells = NULL;
	size_t ncells = 0;
	int c, rc;

	load_init(&ld);
	optind = 1;
	while ((c = getopt_long(argc, argv, "js:rHoh" LOAD_SHORTOPTS, opts, NULL)) != -1) {
		if (load_option(&ld, c, optarg))
			continue;
		switch (c) {
		case 'j':
			json = true;
			break;
		case 's':
			if (list_sort_parse(optarg, &sort) != STATUS_OK) {
				cli_error("unknown sort key '%s' (date, recipient, domain, "
				    "status, reason, action)", optarg);
				return 2;
			}
			break;
		case 'r':
			rev = true;
			break;
		case 'H':
			history = true;
			break;
		case 'o':
			other = true;
			break;
		case 'h':
			fputs(list_usage, stdout);
			return 0;
		default:
			fputs(list_usage, stderr);
			return 2;
		}
	}
	if ((rc = load_run(&ld, argc - optind, argv + optind)) != 0)
		goto out;
	if (other) {
		for (size_t i = 0; i < ld.rs->nother; i++)
			if (load_keep(&ld, &ld.rs->other[i]))
				emit(&ld.rs->other[i], json, &out, &cells, &ncells);
	} else {
		l = list_new(ld.rs);
		list_set_history(l, history);
		list_set_compiled_filter(l, ld.filter);
		list_set_hide(l, &ld.hide);
		list_set_sort(l, sort, rev);
		for (size_t i = 0; i < list_count(l); i++)
			emit(list_row(l, i), json, &out, &cells, &ncells);
	}
	if (!json)
		put_table(&out, cells, ncells);
	load_say_hidden(l != NULL ? list_hidden(l) : ld.hidden, &ld);
out:
	for (size_t i = 0; i < ncells; i++) {
		for (int k = 0; k < NCOL; k++)
			free(cells[i][k]);
		free(cells[i]);
	}
	free(cells);
	list_free(l);
	buf_free(&out);
	load_free(&ld);
	return rc;
}
