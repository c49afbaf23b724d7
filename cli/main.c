#include <locale.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "core/index/index.h"
#include "core/shared/buf.h"
#include "core/shared/escape.h"
#include "cli/cli.h"
#include "tui/tui_main.h"

static const char usage[] =
"usage: bounceq <command> [options] [arguments]\n"
"       bounceq [--config FILE] [--database DIR] [-k KEYS] [--filter EXPR] [QUERY]\n"
"\n"
"Find, decode and explain bounce messages (delivery status notifications).\n"
"\n"
"commands:\n"
"  decode [--json] FILE...   decode bounces from files, Maildirs, mboxes or - (stdin)\n"
"  explain [--json] CODE...  what a status or reply code means and what to do\n"
"  list [options] [QUERY]    failed recipients from the notmuch database\n"
"  groups [--by KEYS] [QUERY] failures grouped by reason, domain, template...\n"
"  export [--format F] [QUERY] failed addresses: a suppression list, CSV, JSON\n"
"  queue [--file FILE] [--by KEY] the MTA's deferred queue by domain, age and cause\n"
"  tag [--filter EXPR] [QUERY] -- +TAG -TAG  tag the bounces behind the rows\n"
"\n"
"options:\n"
"  -h, --help                this help; `bounceq COMMAND --help` for a command\n"
"  -V, --version             print the version\n"
"\n"
"See bounceq(1).\n";

void
cli_put_safe(FILE *f, const char *s)
{
	struct buf b = BUF_INIT;

	escape_text(&b, s, strlen(s));
	fputs(b.data ? b.data : "", f);
	buf_free(&b);
}

void
cli_error(const char *fmt, ...)
{
	struct buf b = BUF_INIT;
	char tmp[2048];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	escape_text(&b, tmp, strlen(tmp));
	fprintf(stderr, "bounceq: %s\n", b.data ? b.data : "");
	buf_free(&b);
}

static const struct {
	const char *name;
	int (*fn)(int, char **);
} commands[] = {
	{ "decode", cmd_decode },
	{ "explain", cmd_explain },
	{ "list", cmd_list },
	{ "groups", cmd_groups },
	{ "export", cmd_export },
	{ "queue", cmd_queue },
	{ "tag", cmd_tag },
};

/*
 * True when word is within one edit (insert, delete, substitute, swap of
 * neighbours) of name but not equal to it.
 */
static int
near_miss(const char *word, const char *name)
{
	size_t a = strlen(word), b = strlen(name), i = 0;

	if (strcmp(word, name) == 0 || a + 1 < b || b + 1 < a)
		return 0;
	while (i < a && i < b && word[i] == name[i])
		i++;
	if (a == b)
		return strcmp(word + i + 1, name + i + 1) == 0 ||
		    (i + 1 < a && word[i] == name[i + 1] && word[i + 1] == name[i] &&
		    strcmp(word + i + 2, name + i + 2) == 0);
	return a > b ? strcmp(word + i + 1, name + i) == 0 : strcmp(word + i, name + i + 1) == 0;
}

int
main(int argc, char **argv)
{
	setlocale(LC_ALL, "");
	/* No command: the terminal UI (its options and query follow). */
	if (argc < 2)
		return tui_main(argc, argv);
	/* Not a command for users: the notmuch query's helper process (core/index/index.h). */
	if (strcmp(argv[1], INDEX_HELPER_COMMAND) == 0)
		return index_query_helper_run(STDOUT_FILENO, argc - 1, argv + 1) == STATUS_OK ? 0 : 1;
	if (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0) {
		fputs(usage, stdout);
		return 0;
	}
	if (strcmp(argv[1], "-V") == 0 || strcmp(argv[1], "--version") == 0) {
		printf("bounceq %s\n", BOUNCEQ_VERSION);
		return 0;
	}
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (strcmp(argv[1], commands[i].name) == 0)
			return commands[i].fn(argc - 1, argv + 1);
	/*
	 * Options or query words without a command open the terminal UI too,
	 * but a near miss of a command name is a typo, not a query.
	 */
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
		if (near_miss(argv[1], commands[i].name)) {
			cli_error("unknown command '%s'; did you mean '%s'? "
			    "(to search for it: bounceq -- %s)", argv[1], commands[i].name, argv[1]);
			return 2;
		}
	}
	return tui_main(argc, argv);
}
