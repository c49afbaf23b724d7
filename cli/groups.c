#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "core/model/group.h"
#include "core/model/row_json.h"
#include "core/shared/buf.h"
#include "core/shared/escape.h"
#include "cli/cli.h"
#include "cli/load.h"

static const char groups_usage[] =
"usage: bounceq groups [--by KEY[,KEY]] [--sort KEY] [-r] [--json]\n"
"                      [--filter EXPR] [--all] [options] [QUERY...]\n"
"\n"
"Group failed recipients and count them.  Only the latest state of each\n"
"(message, recipient) counts; delivery notices (delivered, relayed, expanded)\n"
"are not failures and are only counted apart.  KEY: reason (default), status,\n"
"domain, remote-mta (mta), reporting-mta, sender, day, template (the diagnostic\n"
"with addresses, hosts, IPs, numbers and queue IDs masked).  Two keys group\n"
"twice: "
"--by reason,domain.\n"
"\n"
"  -b, --by KEYS        what to group by\n"
"  -s, --sort KEY       count (default), hard, soft, recipients, last, name\n"
"  -r, --reverse        the other way round (counts and dates start largest)\n"
"  -j, --json           one group per line (see bounceq(1))\n"
LOAD_USAGE
"  -h, --help           this help\n"
"\n"
"Exit status: 0 success, 1 no database or a database error, 2 usage error.\n";

static void
day_of(time_t t, char *out)
{
	char when[21];

	row_time(t, when);
	if (when[0] == '\0') {
		strcpy(out, "-");
		return;
	}
	when[10] = '\0';
	strcpy(out, when);
}

static void
table_line(struct buf *line, const struct group *g, size_t indent, size_t kw)
{
	struct buf key = BUF_INIT;
	char first[21], last[21];

	buf_reset(line);
	for (size_t i = 0; i < indent; i++)
		buf_addc(line, ' ');
	if (g->key != NULL)
		escape_text(&key, g->key, strlen(g->key));
	else
		buf_adds(&key, "unknown");
	escape_fit(line, key.data, kw - indent, 1);
	day_of(g->first, first);
	day_of(g->last, last);
	buf_printf(line, "  %6zu  %6zu  %6zu  %6zu  %-10s  %-10s", g->rows, g->recipients,
	    g->hard, g->soft, first, last);
	puts(line->data);
	buf_free(&key);
}

static size_t
key_width(const struct grouping *gr, size_t cols)
{
	size_t w = 3, max = cols > 80 ? cols - 58 : 22;

	for (size_t i = 0; i < gr->n; i++) {
		const struct group *g = &gr->groups[i];
		size_t kw = g->key ? escape_width(g->key) : 7;

		if (kw > w)
			w = kw;
		for (size_t s = 0; s < g->nsub; s++) {
			kw = (g->sub[s].key ? escape_width(g->sub[s].key) : 7) + 2;
			if (kw > w)
				w = kw;
		}
	}
	return w > max ? max : w;
}

static void
print_table(const struct grouping *gr, size_t hidden, const char *tag)
{
	struct buf line = BUF_INIT;
	struct winsize ws;
	size_t cols = 0, kw;

	if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0)
		cols = ws.ws_col;
	kw = key_width(gr, cols);
	escape_fit(&line, "KEY", kw, 1);
	buf_printf(&line, "  %6s  %6s  %6s  %6s  %-10s  %-10s", "ROWS", "RCPTS", "HARD",
	    "SOFT", "FIRST", "LAST");
	puts(line.data);
	for (size_t i = 0; i < gr->n; i++) {
		table_line(&line, &gr->groups[i], 0, kw);
		for (size_t s = 0; s < gr->groups[i].nsub; s++)
			table_line(&line, &gr->groups[i].sub[s], 2, kw);
	}
	buf_reset(&line);
	buf_printf(&line, "%zu rows in %zu groups", gr->total, gr->n);
	/* Delivery notices are no failures, but say they exist. */
	if (gr->successes > 0)
		buf_printf(&line, "; %zu delivery notice%s not counted (list --filter "
		    "success:yes shows %s)", gr->successes, gr->successes == 1 ? "" : "s",
		    gr->successes == 1 ? "it" : "them");
	/* The rows of handled messages are left out: say how many, and how to see them. */
	if (hidden > 0) {
		buf_printf(&line, "; %zu hidden (handled: tag ", hidden);
		escape_text(&line, tag, strlen(tag));
		buf_adds(&line, "; --all shows them)");
	}
	puts(line.data);
	buf_free(&line);
}

int
cmd_groups(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "by", required_argument, NULL, 'b' },
		{ "sort", required_argument, NULL, 's' },
		{ "reverse", no_argument, NULL, 'r' },
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		LOAD_LONGOPTS,
		{ NULL, 0, NULL, 0 },
	};
	struct load ld;
	struct grouping *gr = NULL;
	struct buf out = BUF_INIT;
	enum group_key keys[GROUP_MAX_LEVELS] = { GROUP_KEY_REASON };
	size_t nkeys = 1, *idx = NULL, nidx = 0;
	const char *by = NULL;
	enum group_sort sort = GROUP_SORT_ROWS;
	bool json = false, rev = false, sorted = false;
	size_t hidden = 0;
	int c, rc;

	load_init(&ld);
	optind = 1;
	while ((c = getopt_long(argc, argv, "b:s:rjh" LOAD_SHORTOPTS, opts, NULL)) != -1) {
		if (load_option(&ld, c, optarg))
			continue;
		switch (c) {
		case 'b':
			by = optarg;
			break;
		case 's':
			if (group_sort_parse(optarg, &sort) != STATUS_OK) {
				cli_error("unknown sort key '%s' (count, hard, soft, "
				    "recipients, last, name)", optarg);
				return 2;
			}
			sorted = true;
			break;
		case 'r':
			rev = true;
			break;
		case 'j':
			json = true;
			break;
		case 'h':
			fputs(groups_usage, stdout);
			return 0;
		default:
			fputs(groups_usage, stderr);
			return 2;
		}
	}
	if (by != NULL && group_keys_parse(by, keys, &nkeys) != STATUS_OK) {
		cli_error("bad --by '%s': expected one or two of reason, status, domain, "
		    "remote-mta, reporting-mta, sender, day, template, separated by a comma",
		    by);
		return 2;
	}
	if ((rc = load_run(&ld, argc - optind, argv + optind)) != 0)
		goto out;
	if (by == NULL && ld.cfg != NULL && ld.cfg->group != NULL &&
	    group_keys_parse(ld.cfg->group, keys, &nkeys) != STATUS_OK) {
		cli_error("config: bad group '%s'; grouping by reason", ld.cfg->group);
		keys[0] = GROUP_KEY_REASON;
		nkeys = 1;
	}
	idx = xmalloc((ld.rs->n + 1) * sizeof(*idx));
	for (size_t i = 0; i < ld.rs->n; i++) {
		const struct row *r = &ld.rs->rows[i];

		if (load_keep(&ld, r))
			idx[nidx++] = i;
		/* Groups count the latest state of each chain: so does the hidden count. */
		else if (!r->superseded && filter_match(ld.filter, r) &&
		    !rowset_visible(r, &ld.hide))
			hidden++;
	}
	if (group_build(ld.rs, idx, nidx, keys, nkeys, &gr) != STATUS_OK) {
		rc = 1;
		goto out;
	}
	/* Without --sort or -r the built order (count, then key) stands. */
	if (sorted || rev)
		grouping_sort(gr, sort, group_sort_descending(sort) != rev);
	if (json) {
		for (size_t i = 0; i < gr->n; i++) {
			buf_reset(&out);
			group_json(&out, &gr->groups[i]);
			puts(out.data);
		}
		load_say_hidden(hidden, &ld);
	} else {
		print_table(gr, hidden, hide_tag(&ld.hide));
	}
out:
	grouping_free(gr);
	free(idx);
	buf_free(&out);
	load_free(&ld);
	return rc;
}
