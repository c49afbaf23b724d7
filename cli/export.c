#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/model/export.h"
#include "core/shared/buf.h"
#include "cli/cli.h"
#include "cli/load.h"

static const char export_usage[] =
"usage: bounceq export [--format plain|csv|json] [--hard] [--escalated] [--all]\n"
"                      [--filter EXPR] [options] [QUERY...]\n"
"\n"
"Write the failed addresses found by a notmuch query, one per address\n"
"(the domain's case does not make another address), sorted.\n"
"\n"
"  -F, --format FORMAT  plain (default): the addresses, one a line, a\n"
"                       suppression list; csv: RFC 4180 with a header, the\n"
"                       latest failure's reason, status and diagnostic, the\n"
"                       number of failures, first and last seen; json: the\n"
"                       same as JSON Lines (see bounceq(1))\n"
"      --hard           only addresses whose latest failure is hard\n"
"      --escalated      only addresses with repeated soft failures\n"
"                       (escalate.count, escalate.days in the config file)\n"
LOAD_USAGE
"  -h, --help           this help\n"
"\n"
"Exit status: 0 success, 1 no database, a database error or output that\n"
"cannot be written, 2 usage error.\n";

int
cmd_export(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "format", required_argument, NULL, 'F' },
		{ "hard", no_argument, NULL, 'x' },
		{ "escalated", no_argument, NULL, 'e' },
		{ "help", no_argument, NULL, 'h' },
		LOAD_LONGOPTS,
		{ NULL, 0, NULL, 0 },
	};
	struct load ld;
	struct export_set set = EXPORT_SET_INIT;
	struct buf out = BUF_INIT;
	enum export_format fmt = EXPORT_PLAIN;
	int c, rc, flags = 0;
	size_t *idx = NULL, n = 0;

	load_init(&ld);
	optind = 1;
	while ((c = getopt_long(argc, argv, "F:h" LOAD_SHORTOPTS, opts, NULL)) != -1) {
		if (load_option(&ld, c, optarg))
			continue;
		switch (c) {
		case 'F':
			if (export_format_parse(optarg, &fmt) != STATUS_OK) {
				cli_error("unknown export format '%s' (plain, csv, json)", optarg);
				return 2;
			}
			break;
		case 'x':
			flags |= EXPORT_HARD;
			break;
		case 'e':
			flags |= EXPORT_ESCALATED;
			break;
		case 'h':
			fputs(export_usage, stdout);
			return 0;
		default:
			fputs(export_usage, stderr);
			return 2;
		}
	}
	if ((rc = load_run(&ld, argc - optind, argv + optind)) != 0)
		goto out;
	idx = xcalloc(ld.rs->n + 1, sizeof(*idx));
	for (size_t i = 0; i < ld.rs->n; i++)
		if (load_keep(&ld, &ld.rs->rows[i]))	/* the filter, and handled rows hidden */
			idx[n++] = i;
	load_say_hidden(ld.hidden, &ld);
	export_collect(ld.rs, idx, n, flags, &set);
	export_write(&out, &set, fmt);
	if (out.len > 0 && (fwrite(out.data, 1, out.len, stdout) != out.len || fflush(stdout) != 0)) {
		cli_error("cannot write the export");
		rc = 1;
	}
out:
	free(idx);
	export_set_free(&set);
	buf_free(&out);
	load_free(&ld);
	return rc;
}
