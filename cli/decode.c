#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "core/decode/bounce_json.h"
#include "core/decode/source.h"
#include "core/keys/config.h"
#include "core/shared/buf.h"
#include "core/shared/cpus.h"
#include "core/shared/escape.h"
#include "cli/cli.h"

static const char decode_usage[] =
"usage: bounceq decode [--json] FILE...\n"
"\n"
"Decode bounce messages.  FILE is a message file, an mbox file (each message\n"
"is decoded), a Maildir directory (cur/ and new/), or - for standard input.\n"
"\n"
"  -j, --json   one JSON object per message, one per line (see bounceq(1))\n"
"  -h, --help   this help\n"
"\n"
"Exit status: 0 when every input was read, 1 when any could not be.\n";

/* One table row; strings are already terminal-safe. */
struct row {
	char *cols[6];
};

struct table {
	struct row *rows;
	size_t n;
};

static char *
safe(const char *s)
{
	struct buf b = BUF_INIT;

	if (s == NULL || *s == '\0')
		return xstrdup("-");
	escape_text(&b, s, strlen(s));
	return buf_steal(&b);
}

static void
table_add(struct table *t, const char *file, const char *rcpt, const char *action,
    const char *status, const char *reply, const char *diag)
{
	const char *v[6] = { file, rcpt, action, status, reply, diag };

	t->rows = xrealloc(t->rows, (t->n + 1) * sizeof(*t->rows));
	for (int i = 0; i < 6; i++)
		t->rows[t->n].cols[i] = safe(v[i]);
	t->n++;
}

static void
table_print(struct table *t)
{
	static const char *const hdr[6] = { "FILE", "RECIPIENT", "ACTION", "STATUS", "REPLY", "DIAGNOSTIC" };
	static const size_t cap[5] = { 40, 40, 9, 9, 5 };
	size_t w[6], total = 0, cols = 0;
	struct winsize ws;
	struct buf line = BUF_INIT;

	if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0)
		cols = ws.ws_col;
	for (int c = 0; c < 5; c++) {
		w[c] = strlen(hdr[c]);
		for (size_t r = 0; r < t->n; r++) {
			size_t dw = escape_width(t->rows[r].cols[c]);
			if (dw > w[c])
				w[c] = dw;
		}
		if (w[c] > cap[c])
			w[c] = cap[c];
		total += w[c] + 2;
	}
	w[5] = cols > total + 20 ? cols - total : (size_t)-1;
	for (size_t r = 0; r <= t->n; r++) {
		buf_reset(&line);
		for (int c = 0; c < 6; c++) {
			const char *s = r == 0 ? hdr[c] : t->rows[r - 1].cols[c];
			escape_fit(&line, s, w[c], c < 5);
			if (c < 5)
				buf_adds(&line, "  ");
		}
		puts(line.data);
	}
	buf_free(&line);
}

static void
table_free(struct table *t)
{
	for (size_t r = 0; r < t->n; r++)
		for (int c = 0; c < 6; c++)
			free(t->rows[r].cols[c]);
	free(t->rows);
}

static void
emit(const struct source_item *it, int json, struct table *t, struct buf *out)
{
	struct buf label = BUF_INIT;
	const struct bounce *b = it->bounce;

	if (json) {
		buf_reset(out);
		bounce_json(out, b, it->file, it->index);
		puts(out->data);
		return;
	}
	buf_adds(&label, it->file);
	if (it->index > 0)
		buf_printf(&label, ":%ld", it->index);
	if (b->nrcpt == 0)
		table_add(t, label.data, NULL, b->kind == BOUNCE_KIND_NONE ? "-" :
		    bounce_kind_str(b->kind), NULL, NULL,
		    b->kind == BOUNCE_KIND_NONE ? "(not a bounce)" : b->subject);
	for (size_t i = 0; i < b->nrcpt; i++) {
		const struct bounce_recipient *r = &b->rcpt[i];
		table_add(t, label.data, r->recipient, r->action, r->status, r->reply_code,
		    r->diagnostic);
	}
	buf_free(&label);
}

/*
 * How many threads decode a directory: "threads = N" in the config file,
 * else one per processor online.
 */
static int
decode_threads(void)
{
	struct config *cfg = NULL;
	char *path = config_path();
	int n = 0;

	if (path != NULL && config_load(path, &cfg) != STATUS_OK)
		cli_error("%s: cannot read the config file", path);
	free(path);
	for (size_t i = 0; cfg != NULL && i < cfg->ndiag; i++)
		cli_error("%s", cfg->diag[i]);
	if (cfg != NULL)
		n = cfg->threads;
	config_free(cfg);
	return n > 0 ? n : cpus_online(SOURCE_MAX_WORKERS);
}

static int
fail(const char *file, long index, enum status st, int json, struct buf *out)
{
	const char *msg = st == STATUS_EMPTY ? "empty file" : status_str(st);

	if (index > 0)
		cli_error("%s (message %ld): %s", file, index, msg);
	else
		cli_error("%s: %s", file, msg);
	if (json) {
		buf_reset(out);
		bounce_json_error(out, file, index, msg);
		puts(out->data);
	}
	return 1;
}

int
cmd_decode(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int json = 0, c, rc = 0, threads;
	struct table t = { 0 };
	struct buf out = BUF_INIT;

	optind = 1;
	while ((c = getopt_long(argc, argv, "jh", opts, NULL)) != -1) {
		switch (c) {
		case 'j':
			json = 1;
			break;
		case 'h':
			fputs(decode_usage, stdout);
			return 0;
		default:
			fputs(decode_usage, stderr);
			return 2;
		}
	}
	if (optind >= argc) {
		fputs(decode_usage, stderr);
		return 2;
	}
	threads = decode_threads();
	for (int i = optind; i < argc; i++) {
		struct source *src;
		struct source_item it;
		enum status st = source_open(argv[i], &src);

		if (st != STATUS_OK) {
			rc |= fail(argv[i], 0, st, json, &out);
			continue;
		}
		source_set_workers(src, threads);
		while (source_next(src, &it)) {
			if (it.status != STATUS_OK)
				rc |= fail(it.file, it.index, it.status, json, &out);
			else
				emit(&it, json, &t, &out);
			source_item_clear(&it);
		}
		source_close(src);
		fflush(stdout);
	}
	if (!json)
		table_print(&t);
	table_free(&t);
	buf_free(&out);
	return rc;
}
