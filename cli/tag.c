/*
 * bounceq tag: adds and removes notmuch tags on the bounce messages
 * behind the rows a query and filter select (core/index/index_tag.h does
 * the writing: read-write for that call only, one atomic section).
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/index/index_tag.h"
#include "core/model/tags.h"
#include "core/shared/buf.h"
#include "core/shared/strmap.h"
#include "cli/cli.h"
#include "cli/load.h"

static const char tag_usage[] =
"usage: bounceq tag [--filter EXPR] [--all] [--dry-run] [options] [QUERY...]\n"
"                   -- +TAG|-TAG...\n"
"\n"
"Add (+TAG) and remove (-TAG) notmuch tags on the bounce messages behind\n"
"the rows the query and filter select (earlier states of a chain too), in\n"
"one transaction.  Rows of handled messages are left out unless --all is\n"
"given, as in list.  Prints one line per message it changed.\n"
"\n"
"  -n, --dry-run        say what would change; the database stays read-only\n"
LOAD_USAGE
"  -h, --help           this help\n"
"\n"
"Exit status: 0 success, 1 no database or a database error, 2 usage error.\n";

/* One line per changed message: "+added -removed  message-id". */
static void
print_change(const struct index_tag_change *c)
{
	struct buf b = BUF_INIT;

	for (int k = 0; k < 2; k++) {
		const char *p = k == 0 ? c->added : c->removed;

		while (p != NULL && *p != '\0') {
			size_t w = strcspn(p, " ");

			buf_printf(&b, "%s%c%.*s", b.len ? " " : "", k == 0 ? '+' : '-', (int)w, p);
			p += w;
			p += strspn(p, " ");
		}
	}
	buf_adds(&b, "  ");
	fputs(b.data, stdout);
	cli_put_safe(stdout, c->msgid);
	fputc('\n', stdout);
	buf_free(&b);
}

/* The message-ids behind the kept rows, each once, in row order. */
static size_t
selected_ids(struct load *ld, const char ***ids)
{
	struct strmap seen = STRMAP_INIT;
	size_t n = 0, dummy;

	*ids = xcalloc(ld->rs->n + 1, sizeof(**ids));
	for (size_t i = 0; i < ld->rs->n; i++) {
		const struct row *r = &ld->rs->rows[i];
		const char *id = r->s[ROW_MESSAGE_ID];

		if (!load_keep(ld, r) || id == NULL || strmap_get(&seen, id, &dummy))
			continue;
		strmap_put(&seen, id, n);
		(*ids)[n++] = id;
	}
	strmap_free(&seen);
	return n;
}

int
cmd_tag(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "dry-run", no_argument, NULL, 'n' },
		{ "help", no_argument, NULL, 'h' },
		LOAD_LONGOPTS,
		{ NULL, 0, NULL, 0 },
	};
	struct load ld;
	struct tag_ops ops = TAG_OPS_INIT;
	struct index_tag_req *req = NULL;
	struct index_tag_result res = { 0 };
	const char **ids = NULL;
	char err[256], *dberr = NULL;
	bool dry = false;
	int c, rc, dd = argc;
	size_t n;
	enum status st;

	/* The changes follow "--": options and query words come before it. */
	for (int i = 1; i < argc; i++)
		if (strcmp(argv[i], "--") == 0) {
			dd = i;
			break;
		}
	load_init(&ld);
	optind = 1;
	while ((c = getopt_long(dd, argv, "nh" LOAD_SHORTOPTS, opts, NULL)) != -1) {
		if (load_option(&ld, c, optarg))
			continue;
		switch (c) {
		case 'n':
			dry = true;
			break;
		case 'h':
			fputs(tag_usage, stdout);
			return 0;
		default:
			fputs(tag_usage, stderr);
			return 2;
		}
	}
	if (dd == argc) {
		cli_error("give the tag changes after --: bounceq tag [QUERY] -- +TAG -TAG");
		return 2;
	}
	if (tag_ops_parse(&ops, argc - dd - 1, argv + dd + 1, err, sizeof(err)) != STATUS_OK) {
		cli_error("%s", err);
		tag_ops_free(&ops);
		return 2;
	}
	if ((rc = load_run(&ld, dd - optind, argv + optind)) != 0)
		goto out;
	n = selected_ids(&ld, &ids);
	load_say_hidden(ld.hidden, &ld);
	if (n == 0) {
		fputs("no rows selected: nothing to tag\n", stdout);
		goto out;
	}
	req = xcalloc(n + 1, sizeof(*req));
	for (size_t i = 0; i < n; i++)
		req[i] = (struct index_tag_req){ ids[i], &ops };
	/* The index is done with: only the write opens the database again. */
	st = index_tag_apply(&ld.o, req, n, dry, &res, &dberr);
	if (st != STATUS_OK) {
		cli_error("tagging failed, nothing changed: %s", dberr ? dberr : status_str(st));
		rc = 1;
		goto out;
	}
	for (size_t i = 0; i < res.n; i++)
		if (res.c[i].added != NULL || res.c[i].removed != NULL)
			print_change(&res.c[i]);
	printf("%s %zu of %zu message%s", dry ? "would change" : "changed", res.changed, n,
	    n == 1 ? "" : "s");
	if (n - res.changed - res.missing > 0)
		printf(" (%zu already so)", n - res.changed - res.missing);
	fputc('\n', stdout);
	if (res.missing > 0)
		cli_error("%zu message%s no longer in the database (run notmuch new)",
		    res.missing, res.missing == 1 ? " is" : "s are");
	if (res.sync_failed > 0)
		cli_error("warning: the file names of %zu message%s could not follow their "
		    "tags (maildir.synchronize_flags)", res.sync_failed,
		    res.sync_failed == 1 ? "" : "s");
out:
	index_tag_result_free(&res);
	free(dberr);
	free(req);
	free(ids);
	tag_ops_free(&ops);
	load_free(&ld);
	return rc;
}
