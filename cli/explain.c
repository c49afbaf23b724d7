#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "core/knowledge/codes.h"
#include "core/shared/buf.h"
#include "core/shared/escape.h"
#include "cli/cli.h"

static const char explain_usage[] =
"usage: bounceq explain [--json] [--provider NAME] [--mta HOST] CODE...\n"
"       bounceq explain --list [--json | --man]\n"
"\n"
"Explain SMTP status codes in plain words.  CODE is an enhanced status code\n"
"(5.1.1), a reply code (550), both (\"550 5.1.1\"), a whole diagnostic line\n"
"(the codes are found in it), or a provider tag (S3140).\n"
"\n"
"  -j, --json           one JSON object per code, one per line\n"
"  -l, --list           every code known: registry, reply and provider codes\n"
"      --man            with --list: the bounceq-codes(7) manual page (mdoc)\n"
"  -p, --provider NAME  also give this provider's meaning; NAME is one of\n"
"                       microsoft365, outlook.com, gmail, yahoo, apple\n"
"  -m, --mta HOST       the remote MTA that answered (recognises the provider)\n"
"  -h, --help           this help\n"
"\n"
"Exit status: 0 when every CODE was explained, 1 when one was not a code,\n"
"2 for a usage error.\n";

#define WRAP 78

/* Prints "  label  text" with text made safe and wrapped under itself. */
static void
field(const char *label, const char *text)
{
	struct buf safe = BUF_INIT;
	const char *p;
	int indent = 15, col;

	if (text == NULL || *text == '\0')
		return;
	escape_text(&safe, text, strlen(text));
	col = printf("  %-12s ", label);
	if (col > indent)
		indent = col;
	for (p = safe.data; *p != '\0';) {
		size_t w = strcspn(p, " ");

		if (col > indent && col + 1 + (int)w > WRAP) {
			printf("\n%*s", indent, "");
			col = indent;
		} else if (col > indent) {
			putchar(' ');
			col++;
		}
		fwrite(p, 1, w, stdout);
		col += (int)w;
		p += w;
		while (*p == ' ')
			p++;
	}
	putchar('\n');
	buf_free(&safe);
}

static void
print_text(const struct codes_explanation *ex, const char *code)
{
	const struct codes_provider_row *r = ex->provider_row;
	char label[64];

	cli_put_safe(stdout, code ? code : ex->code);
	fputs("  ", stdout);
	cli_put_safe(stdout, ex->title ? ex->title : "");
	putchar('\n');
	field("class", ex->class_title);
	field("subject", ex->subject_title);
	if (ex->reply_entry != NULL && strcmp(ex->code, ex->reply_code) != 0) {
		snprintf(label, sizeof(label), "reply %s", ex->reply_code);
		field(label, ex->reply_entry->title);
	}
	field("what", ex->explanation);
	field("whose side", codes_side_text(ex->side));
	field("retry", codes_retry_text(ex->retry));
	field("advice", ex->advice);
	if (r != NULL) {
		struct buf who = BUF_INIT;

		buf_printf(&who, "%s uses %s for: %s", codes_provider_name(r->provider),
		    r->code, r->title);
		field("provider", who.data);
		buf_free(&who);
		field("what", r->explanation);
		field("whose side", codes_side_text(r->side));
		field("retry", codes_retry_text(r->retry));
		field("advice", r->advice);
		field("source", r->source);
	}
	for (size_t i = 0; i < ex->nnotes; i++)
		field("note", ex->notes[i]);
}

static void
emit(const struct codes_explanation *ex, const char *code, int json,
    struct buf *out)
{
	if (json) {
		buf_reset(out);
		codes_json(out, ex, code);
		puts(out->data);
	} else {
		print_text(ex, code);
		putchar('\n');
	}
}

static void
list(int json)
{
	struct codes_explanation ex;
	struct buf out = BUF_INIT;
	const struct codes_entry *e;
	const struct codes_provider_row *r;

	for (size_t i = 0; (e = codes_registry_at(i)) != NULL; i++) {
		/* A detail used with several classes is listed once per class. */
		const char *cls = e->kind == CODES_KIND_CLASS ? "x" : e->classes;

		for (; *cls != '\0'; cls++) {
			codes_describe_entry(e, *cls, &ex);
			emit(&ex, NULL, json, &out);
		}
	}
	for (size_t i = 0; (e = codes_reply_at(i)) != NULL; i++) {
		codes_describe_entry(e, 0, &ex);
		emit(&ex, NULL, json, &out);
	}
	for (size_t i = 0; (r = codes_provider_at(i)) != NULL; i++) {
		codes_describe_provider(r, &ex);
		emit(&ex, r->code, json, &out);
	}
	buf_free(&out);
}

int
cmd_explain(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "json",     no_argument,       NULL, 'j' },
		{ "list",     no_argument,       NULL, 'l' },
		{ "man",      no_argument,       NULL, 'M' },
		{ "provider", required_argument, NULL, 'p' },
		{ "mta",      required_argument, NULL, 'm' },
		{ "help",     no_argument,       NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct codes_context ctx = { NULL, NULL, NULL, CODES_PROVIDER_NONE };
	struct codes_explanation ex;
	struct buf out = BUF_INIT;
	int c, json = 0, listing = 0, man = 0, rc = 0;

	optind = 1;
	while ((c = getopt_long(argc, argv, "jlp:m:h", opts, NULL)) != -1) {
		switch (c) {
		case 'j':
			json = 1;
			break;
		case 'l':
			listing = 1;
			break;
		case 'M':
			man = 1;
			break;
		case 'p':
			if (codes_provider_by_name(optarg, &ctx.provider) != STATUS_OK) {
				cli_error("unknown provider '%s'; known: %s", optarg,
				    codes_provider_names());
				return 2;
			}
			break;
		case 'm':
			ctx.remote_mta = optarg;
			break;
		case 'h':
			fputs(explain_usage, stdout);
			return 0;
		default:
			fputs(explain_usage, stderr);
			return 2;
		}
	}
	argc -= optind;
	argv += optind;
	if (man && !listing) {
		cli_error("--man goes with --list");
		return 2;
	}
	if (listing) {
		if (argc > 0 || (man && json)) {
			fputs(explain_usage, stderr);
			return 2;
		}
		if (man) {
			codes_man(&out);
			fputs(out.data, stdout);
			buf_free(&out);
		} else
			list(json);
		return 0;
	}
	if (argc == 0) {
		fputs(explain_usage, stderr);
		return 2;
	}
	for (int i = 0; i < argc; i++) {
		enum status st = codes_explain_text(argv[i], &ctx, &ex);

		if (st != STATUS_OK) {
			cli_error("'%s' is not a status or reply code (like 5.1.1 or 550)",
			    argv[i]);
			rc = 1;
			continue;
		}
		emit(&ex, NULL, json, &out);
	}
	buf_free(&out);
	return rc;
}
