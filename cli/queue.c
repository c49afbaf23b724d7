#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/decode/source.h"
#include "core/knowledge/reason.h"
#include "core/model/row.h"
#include "core/queue/queue.h"
#include "core/queue/queue_action.h"
#include "core/queue/queue_msglog.h"
#include "core/queue/queue_run.h"
#include "core/queue/queue_shape.h"
#include "core/shared/buf.h"
#include "core/shared/escape.h"
#include "core/shared/file.h"
#include "core/shared/json.h"
#include "cli/cli.h"
#include "cli/queue_act.h"

static const char queue_usage[] =
"usage: bounceq queue [--mta postfix|exim] [--file FILE|-] [--config-dir DIR]\n"
"                     [--exim-config FILE] [--exim-msglog DIR] [--queue NAME|all]\n"
"                     [--by domain|sender|reason] [--top N] [--list] [--json]\n"
"       bounceq queue --flush|--hold|--release|--delete [--yes]\n"
"                     (ID... | --domain DOMAIN | --all) [--queue NAME|all]\n"
"                     [--mta postfix|exim] [--config-dir DIR] [--exim-config FILE]\n"
"\n"
"Watch the MTA's queue: recipients waiting per destination domain and age\n"
"(like qshape), and why they wait: each delay reason classified like a\n"
"bounce (cause, hard/soft, status, reply code).  Runs postqueue -j (Postfix)\n"
"or exim -bp (Exim) from /usr/sbin, /usr/bin, /sbin or /bin, or reads their\n"
"saved output.  Exim's delay reasons come from its msglog files.\n"
"\n"
"  -m, --mta MTA         postfix or exim (default: postqueue if installed)\n"
"  -f, --file FILE       read a saved listing (- for standard input)\n"
"  -c, --config-dir DIR  Postfix configuration directory (postqueue -c DIR)\n"
"  -C, --exim-config F   Exim configuration file (exim -C F)\n"
"      --exim-msglog DIR read Exim's delay reasons from DIR (default: the\n"
"                        spool's msglog when exim runs; none with --file)\n"
"  -q, --queue NAME      deferred (default; Exim: queued), active, hold,\n"
"                        incoming, maildrop, frozen, or all\n"
"  -b, --by KEY          rows by domain (default), sender (domain) or reason\n"
"  -t, --top N           rows shown, the rest summed as (others); 0 = all\n"
"                        (default 20)\n"
"  -l, --list            one line per queued recipient instead\n"
"  -j, --json            JSON (see bounceq(1))\n"
"      --now TIME        ages against TIME (Unix seconds or\n"
"                        YYYY-MM-DDTHH:MM:SSZ) instead of the clock\n"
"      --timeout SECS    wait for the MTA's command at most SECS (default 30)\n"
"      --command PATH    the MTA's listing command at PATH (postqueue... or\n"
"                        exim...; postsuper beside it) instead of the system's\n"
"  -h, --help            this help\n"
"\n"
"Acting on the queue (off unless the config file says queue.actions = yes):\n"
"      --flush           try to deliver now (postqueue -i/-f, exim -M)\n"
"      --hold            put on hold (postsuper -h, exim -Mf)\n"
"      --release         release from hold (postsuper -H, exim -Mt)\n"
"      --delete          remove, without a bounce (postsuper -d, exim -Mrm)\n"
"  ID...                 the messages with these queue IDs, or\n"
"      --domain DOMAIN   every message of --queue with a recipient at DOMAIN, or\n"
"      --all             every message of --queue (release: every held one)\n"
"  -y, --yes             do not ask; without a terminal --yes is required\n"
"\n"
"Exit status: 0 success, 1 unreadable listing, MTA command error, action\n"
"refused or not confirmed, 2 usage error.\n";

struct opts {
	enum queue_mta mta;
	const char *file, *config_dir, *exim_config, *exim_msglog, *queue;
	enum queue_shape_by by;
	size_t top;
	bool list, json;
	time_t now;
	int timeout_ms;
	const char *command;
	int action;		/* an enum queue_action, or -1 */
	const char *domain;
	bool all, yes;
	bool shown;		/* --by, --top, --list, --json or --now: showing, not acting */
};

/* Unix seconds or "YYYY-MM-DDTHH:MM:SSZ"; -1 when neither. */
static time_t
parse_time(const char *s)
{
	struct tm tm;
	char *end;
	long long v = strtoll(s, &end, 10);

	if (*s != '\0' && *end == '\0' && v >= 0)
		return (time_t)v;
	memset(&tm, 0, sizeof(tm));
	end = strptime(s, "%Y-%m-%dT%H:%M:%SZ", &tm);
	if (end == NULL || *end != '\0')
		return -1;
	return timegm(&tm);
}

static void
put_time(struct json *j, time_t t)
{
	char when[21];

	row_time(t, when);
	json_str(j, t >= 0 && when[0] ? when : NULL);
}

static void
counts_json(struct json *j, const struct queue_shape_row *r)
{
	json_key(j, "total");
	json_int(j, (long long)r->total);
	json_key(j, "counts");
	json_arr_begin(j);
	for (size_t i = 0; i < QUEUE_SHAPE_NCOLS; i++)
		json_int(j, (long long)r->counts[i]);
	json_arr_end(j);
}

static void
shape_json(struct buf *out, const struct queue *q, const struct queue_shape *s,
    const char *qname, time_t now)
{
	struct json j;

	json_init(&j, out);
	json_obj_begin(&j);
	json_key(&j, "mta");
	json_str(&j, q->mta);
	json_key(&j, "queue");
	json_str(&j, qname);
	json_key(&j, "now");
	put_time(&j, now);
	json_key(&j, "messages");
	json_int(&j, (long long)s->messages);
	json_key(&j, "recipients");
	json_int(&j, (long long)s->recipients);
	json_key(&j, "skipped");
	json_int(&j, (long long)q->skipped);
	json_key(&j, "by");
	json_str(&j, queue_shape_by_name(s->by));
	json_key(&j, "buckets");
	json_arr_begin(&j);
	for (size_t i = 0; i < QUEUE_SHAPE_NBOUNDS; i++)
		json_int(&j, queue_shape_bounds[i]);
	json_arr_end(&j);
	json_key(&j, "rows");
	json_arr_begin(&j);
	for (size_t i = 0; i < s->nrows; i++) {
		const struct queue_shape_row *r = &s->rows[i];

		json_obj_begin(&j);
		json_key(&j, "key");
		json_str(&j, r->key);
		counts_json(&j, r);
		json_key(&j, "reasons");
		json_obj_begin(&j);
		for (size_t k = 0; k < r->nreasons; k++) {
			json_key(&j, r->reasons[k].reason);
			json_int(&j, (long long)r->reasons[k].count);
		}
		json_obj_end(&j);
		json_obj_end(&j);
	}
	json_arr_end(&j);
	json_key(&j, "total");
	json_obj_begin(&j);
	counts_json(&j, &s->total);
	json_obj_end(&j);
	json_key(&j, "causes");
	json_arr_begin(&j);
	for (size_t i = 0; i < s->ncauses; i++) {
		const struct queue_cause *c = &s->causes[i];

		json_obj_begin(&j);
		json_key(&j, "reason");
		json_str(&j, c->reason);
		json_key(&j, "hard");
		json_bool(&j, c->hard);
		json_key(&j, "count");
		json_int(&j, (long long)c->count);
		json_key(&j, "domains");
		json_int(&j, (long long)c->domains);
		json_key(&j, "example");
		json_str(&j, c->example);
		json_obj_end(&j);
	}
	json_arr_end(&j);
	json_obj_end(&j);
}

static void
rcpt_json(struct buf *out, const struct queue_msg *m, const struct queue_rcpt *r, time_t now)
{
	struct json j;

	json_init(&j, out);
	json_obj_begin(&j);
	json_key(&j, "queue_id");
	json_str(&j, m->id);
	json_key(&j, "queue");
	json_str(&j, m->queue);
	json_key(&j, "arrival");
	put_time(&j, m->arrival);
	json_key(&j, "age_minutes");
	json_int(&j, queue_age_minutes(m, now));
	json_key(&j, "size");
	if (m->size >= 0)
		json_int(&j, m->size);
	else
		json_null(&j);
	json_key(&j, "sender");
	json_str(&j, m->sender);
	json_key(&j, "recipient");
	json_str(&j, r->address);
	json_key(&j, "domain");
	json_str(&j, r->domain);
	json_key(&j, "delay_reason");
	json_str(&j, r->delay_reason);
	json_key(&j, "status");
	json_str(&j, r->status);
	json_key(&j, "reply_code");
	json_str(&j, r->reply_code);
	json_key(&j, "reason");
	json_str(&j, r->reason);
	json_key(&j, "hard");
	json_bool(&j, r->hard);
	json_obj_end(&j);
}

/* Appends s escaped for the terminal, fitted to width columns. */
static void
put_col(struct buf *line, const char *s, size_t width, int pad)
{
	struct buf e = BUF_INIT;

	escape_text(&e, s ? s : "", s ? strlen(s) : 0);
	escape_fit(line, e.data ? e.data : "", width, pad);
	buf_free(&e);
}

static size_t
key_width(const struct queue_shape *s)
{
	size_t w = 6;

	for (size_t i = 0; i < s->nrows; i++) {
		struct buf e = BUF_INIT;
		size_t kw;

		escape_text(&e, s->rows[i].key, strlen(s->rows[i].key));
		kw = escape_width(e.data ? e.data : "");
		buf_free(&e);
		if (kw > w)
			w = kw;
	}
	return w > 40 ? 40 : w;
}

static void
shape_row_text(struct buf *line, const struct queue_shape_row *r, size_t kw)
{
	buf_reset(line);
	put_col(line, r->key[0] ? r->key : "(none)", kw, 1);
	buf_printf(line, " %6zu", r->total);
	for (size_t i = 0; i < QUEUE_SHAPE_NCOLS; i++)
		buf_printf(line, " %5zu", r->counts[i]);
	puts(line->data);
}

static void
shape_text(const struct queue *q, const struct queue_shape *s, const char *qname)
{
	struct buf line = BUF_INIT;
	size_t kw = key_width(s);
	char hdr[16];

	printf("%s queue \"", q->mta);
	cli_put_safe(stdout, qname);
	printf("\": %zu messages, %zu recipients; ages in minutes\n", s->messages, s->recipients);
	put_col(&line, "", kw, 1);
	buf_printf(&line, " %6s", "T");
	for (size_t i = 0; i < QUEUE_SHAPE_NBOUNDS; i++)
		buf_printf(&line, " %5ld", queue_shape_bounds[i]);
	snprintf(hdr, sizeof(hdr), "%ld+", queue_shape_bounds[QUEUE_SHAPE_NBOUNDS - 1]);
	buf_printf(&line, " %5s", hdr);
	puts(line.data);
	shape_row_text(&line, &s->total, kw);
	for (size_t i = 0; i < s->nrows; i++)
		shape_row_text(&line, &s->rows[i], kw);
	if (s->ncauses > 0)
		printf("\nCAUSE           COUNT  DOMAINS  HARD  EXAMPLE\n");
	for (size_t i = 0; i < s->ncauses; i++) {
		const struct queue_cause *c = &s->causes[i];
		const char *help = reason_help(c->reason);

		buf_reset(&line);
		put_col(&line, c->reason, 14, 1);
		buf_printf(&line, "  %5zu  %7zu  %-4s  ", c->count, c->domains, c->hard ? "yes" : "no");
		put_col(&line, c->example ? c->example : "-", 100, 0);
		puts(line.data);
		if (help != NULL)
			printf("  %s\n", help);
	}
	buf_free(&line);
}

static void
list_text(const struct queue *q, const char *qname, time_t now)
{
	struct buf line = BUF_INIT;

	printf("%-12s  %-8s  %6s  %8s  %-32s  %-14s  %-6s  %s\n", "QUEUE_ID", "QUEUE",
	    "AGE", "SIZE", "RECIPIENT", "REASON", "STATUS", "DELAY_REASON");
	for (size_t i = 0; i < q->nmessages; i++) {
		const struct queue_msg *m = &q->messages[i];

		if (!queue_shape_match(m, qname))
			continue;
		for (size_t k = 0; k < m->nrecipients; k++) {
			const struct queue_rcpt *r = &m->recipients[k];
			char n[32];

			buf_reset(&line);
			put_col(&line, m->id, 12, 1);
			buf_adds(&line, "  ");
			put_col(&line, m->queue, 8, 1);
			buf_printf(&line, "  %5lldm  ", queue_age_minutes(m, now));
			if (m->size >= 0)
				snprintf(n, sizeof(n), "%lld", m->size);
			else
				snprintf(n, sizeof(n), "-");
			buf_printf(&line, "%8s  ", n);
			put_col(&line, r->address, 32, 1);
			buf_adds(&line, "  ");
			put_col(&line, r->reason, 14, 1);
			buf_adds(&line, "  ");
			put_col(&line, r->status ? r->status : "-", 6, 1);
			buf_adds(&line, "  ");
			put_col(&line, r->delay_reason ? r->delay_reason : "-", 120, 0);
			puts(line.data);
		}
	}
	buf_free(&line);
}

static void
list_json(const struct queue *q, const char *qname, time_t now)
{
	struct buf out = BUF_INIT;

	for (size_t i = 0; i < q->nmessages; i++) {
		const struct queue_msg *m = &q->messages[i];

		if (!queue_shape_match(m, qname))
			continue;
		for (size_t k = 0; k < m->nrecipients; k++) {
			buf_reset(&out);
			rcpt_json(&out, m, &m->recipients[k], now);
			puts(out.data);
		}
	}
	buf_free(&out);
}

int
queue_listing_run(const struct queue_run_opts *ro, struct queue_output *out)
{
	static const char *const mta_names[] = { "postqueue or exim", "postqueue", "exim" };
	char *err = NULL;
	enum status st;

	if ((st = queue_run_with(ro, out, &err)) != STATUS_OK) {
		if (st == STATUS_NO_MTA)
			cli_error("queue: %s not found in /usr/sbin, /usr/bin, /sbin, /bin; "
			    "give --file or --mta", mta_names[ro->mta]);
		else if (st == STATUS_INVALID)
			cli_error("queue: --config-dir is for Postfix, --exim-config for Exim");
		else
			cli_error("queue: %s: %s", status_str(st), err ? err : "");
		free(err);
		return 1;
	}
	free(err);
	return 0;
}

static struct queue_run_opts
run_opts(const struct opts *o)
{
	struct queue_run_opts ro = { .mta = o->mta, .config_dir = o->config_dir,
	    .exim_config = o->exim_config, .timeout_ms = o->timeout_ms, .command = o->command,
	    .cancel_fd = -1 };

	return ro;
}

/*
 * The listing: a file, stdin, or the MTA's command.  0 or exit status 1.
 * *msglog: where the Exim that ran keeps its msglog files, or NULL.
 */
static int
read_listing(const struct opts *o, char **text, size_t *len, enum queue_format *fmt,
    char **msglog)
{
	struct queue_run_opts ro = run_opts(o);
	struct queue_output out;
	enum status st;

	*msglog = NULL;
	*fmt = o->mta == QUEUE_MTA_POSTFIX ? QUEUE_FORMAT_POSTFIX :
	    o->mta == QUEUE_MTA_EXIM ? QUEUE_FORMAT_EXIM : QUEUE_FORMAT_AUTO;
	if (o->file != NULL) {
		if ((st = file_read(o->file, QUEUE_INPUT_MAX, text, len)) != STATUS_OK) {
			cli_error("queue: %s: %s", o->file, status_str(st));
			return 1;
		}
		/* A saved listing says what it is; --mta only breaks a tie (empty). */
		if (queue_detect(*text, *len) != QUEUE_FORMAT_AUTO)
			*fmt = QUEUE_FORMAT_AUTO;
		return 0;
	}
	if (queue_listing_run(&ro, &out) != 0)
		return 1;
	*text = out.text;
	*len = out.len;
	*fmt = out.format;
	*msglog = out.exim_msglog;
	return 0;
}

/*
 * Exim's delay reasons from its msglog files: --exim-msglog DIR, else the
 * directory the Exim that ran named.  0, or an exit status when the
 * directory the user named cannot be read; when the one Exim named
 * cannot (bounceq is no Exim admin), the queue is shown without reasons.
 */
static int
exim_reasons(const struct opts *o, struct queue *q, const char *found)
{
	const char *dir = o->exim_msglog ? o->exim_msglog : found;
	struct queue_msglog_stats stats;
	enum status st;

	if (strcmp(q->mta, "postfix") == 0) {
		if (o->exim_msglog == NULL)
			return 0;
		cli_error("queue: --exim-msglog is for Exim listings; this one is Postfix's");
		return 2;
	}
	if (dir == NULL) {
		if (o->file == NULL && q->nrecipients > 0)
			cli_error("queue: exim -bP spool_directory did not say where the "
			    "msglog files are; no delay reasons");
		return 0;
	}
	if ((st = queue_msglog_apply(q, dir, &stats)) != STATUS_OK) {
		cli_error("queue: %s: %s; no delay reasons", dir, status_str(st));
		return o->exim_msglog ? 1 : 0;
	}
	if (stats.capped > 0)
		cli_error("queue: %zu messages past the msglog limits (%d messages, "
		    "%zu MiB, %d s) have no delay reason", stats.capped,
		    QUEUE_MSGLOG_MSG_MAX, QUEUE_MSGLOG_BYTES_MAX >> 20,
		    QUEUE_MSGLOG_TIME_MS / 1000);
	return 0;
}

/* getopt_long()'s values for --flush... (past every character). */
enum { OPT_ACTION = 256 };

/* The options of an action, after parse_opts(): 0 or exit status 2. */
static int
action_opts(const struct opts *o, int nids, char **ids)
{
	const char *name = queue_action_name((enum queue_action)o->action);

	if (o->file != NULL || o->exim_msglog != NULL || o->shown) {
		cli_error("queue: --%s acts on the MTA's queue; --file, --exim-msglog, --list, "
		    "--json, --by, --top and --now are for showing it", name);
		return 2;
	}
	if ((nids > 0) + (o->domain != NULL) + o->all != 1) {
		cli_error("queue: --%s wants queue IDs, --domain DOMAIN or --all (one of them)",
		    name);
		return 2;
	}
	if (nids > 0 && o->queue != NULL) {
		cli_error("queue: --queue chooses among --domain or --all; queue IDs name "
		    "their messages in any queue");
		return 2;
	}
	for (int i = 0; i < nids; i++)
		if (!queue_action_id_ok(o->mta, ids[i])) {
			cli_error("queue: '%s' is not a %s queue ID", ids[i],
			    o->mta == QUEUE_MTA_POSTFIX ? "Postfix" :
			    o->mta == QUEUE_MTA_EXIM ? "Exim" : "Postfix or Exim");
			return 2;
		}
	if (o->domain != NULL && *o->domain == '\0') {
		cli_error("queue: --domain wants a domain");
		return 2;
	}
	return 0;
}

static int
parse_opts(int argc, char **argv, struct opts *o)
{
	static const struct option lopts[] = {
		{ "mta", required_argument, NULL, 'm' },
		{ "file", required_argument, NULL, 'f' },
		{ "config-dir", required_argument, NULL, 'c' },
		{ "exim-config", required_argument, NULL, 'C' },
		{ "exim-msglog", required_argument, NULL, 'E' },
		{ "queue", required_argument, NULL, 'q' },
		{ "by", required_argument, NULL, 'b' },
		{ "top", required_argument, NULL, 't' },
		{ "list", no_argument, NULL, 'l' },
		{ "json", no_argument, NULL, 'j' },
		{ "now", required_argument, NULL, 'N' },
		{ "timeout", required_argument, NULL, 'T' },
		{ "command", required_argument, NULL, 'P' },
		{ "flush", no_argument, NULL, OPT_ACTION + QUEUE_ACTION_FLUSH },
		{ "hold", no_argument, NULL, OPT_ACTION + QUEUE_ACTION_HOLD },
		{ "release", no_argument, NULL, OPT_ACTION + QUEUE_ACTION_RELEASE },
		{ "delete", no_argument, NULL, OPT_ACTION + QUEUE_ACTION_DELETE },
		{ "domain", required_argument, NULL, 'D' },
		{ "all", no_argument, NULL, 'a' },
		{ "yes", no_argument, NULL, 'y' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	char *end;
	long v;
	int c;

	optind = 1;
	while ((c = getopt_long(argc, argv, "m:f:c:C:q:b:t:ljyh", lopts, NULL)) != -1) {
		if (c >= OPT_ACTION && c < OPT_ACTION + QUEUE_ACTION_COUNT) {
			if (o->action >= 0 && o->action != c - OPT_ACTION) {
				cli_error("queue: one of --flush, --hold, --release, --delete at a time");
				return 2;
			}
			o->action = c - OPT_ACTION;
			continue;
		}
		switch (c) {
		case 'm':
			if (strcmp(optarg, "postfix") == 0)
				o->mta = QUEUE_MTA_POSTFIX;
			else if (strcmp(optarg, "exim") == 0)
				o->mta = QUEUE_MTA_EXIM;
			else {
				cli_error("queue: bad --mta '%s': expected postfix or exim", optarg);
				return 2;
			}
			break;
		case 'f': o->file = optarg; break;
		case 'c': o->config_dir = optarg; break;
		case 'C': o->exim_config = optarg; break;
		case 'E': o->exim_msglog = optarg; break;
		case 'q': o->queue = optarg; break;
		case 'l': o->list = o->shown = true; break;
		case 'j': o->json = o->shown = true; break;
		case 'D': o->domain = optarg; break;
		case 'a': o->all = true; break;
		case 'y': o->yes = true; break;
		case 'P':
			if (queue_run_mta_named(optarg) == QUEUE_MTA_AUTO) {
				cli_error("queue: --command '%s' is named neither postqueue... nor exim...",
				    optarg);
				return 2;
			}
			o->command = optarg;
			break;
		case 'b':
			if (queue_shape_by_parse(optarg, &o->by) != STATUS_OK) {
				cli_error("queue: bad --by '%s': expected domain, sender or reason",
				    optarg);
				return 2;
			}
			o->shown = true;
			break;
		case 't':
			v = strtol(optarg, &end, 10);
			if (*optarg == '\0' || *end != '\0' || v < 0 || v > 1000000) {
				cli_error("queue: bad --top '%s': expected a number of rows", optarg);
				return 2;
			}
			o->top = (size_t)v;
			o->shown = true;
			break;
		case 'N':
			if ((o->now = parse_time(optarg)) < 0) {
				cli_error("queue: bad --now '%s': expected Unix seconds or "
				    "YYYY-MM-DDTHH:MM:SSZ", optarg);
				return 2;
			}
			o->shown = true;
			break;
		case 'T':
			v = strtol(optarg, &end, 10);
			if (*optarg == '\0' || *end != '\0' || v <= 0 || v > 3600) {
				cli_error("queue: bad --timeout '%s': expected 1 to 3600 seconds",
				    optarg);
				return 2;
			}
			o->timeout_ms = (int)v * 1000;
			break;
		case 'h':
			fputs(queue_usage, stdout);
			return -1;
		default:
			fputs(queue_usage, stderr);
			return 2;
		}
	}
	if (o->action >= 0)
		return action_opts(o, argc - optind, argv + optind);
	if (o->domain != NULL || o->all || o->yes) {
		cli_error("queue: --domain, --all and --yes go with --flush, --hold, --release "
		    "or --delete");
		return 2;
	}
	if (optind < argc) {
		cli_error("queue: unexpected argument '%s'", argv[optind]);
		fputs(queue_usage, stderr);
		return 2;
	}
	if (o->exim_msglog != NULL && o->mta == QUEUE_MTA_POSTFIX) {
		cli_error("queue: --exim-msglog is for Exim, not --mta postfix");
		return 2;
	}
	if (o->file != NULL && (o->config_dir != NULL || o->exim_config != NULL)) {
		cli_error("queue: --file reads a saved listing; --config-dir and --exim-config "
		    "are for running the MTA");
		return 2;
	}
	return 0;
}

int
cmd_queue(int argc, char **argv)
{
	struct opts o = { .mta = QUEUE_MTA_AUTO, .by = QUEUE_BY_DOMAIN, .top = 20, .now = -1,
	    .timeout_ms = QUEUE_RUN_TIMEOUT_MS, .action = -1 };
	struct queue *q = NULL;
	struct queue_shape *s = NULL;
	struct buf out = BUF_INIT;
	enum queue_format fmt;
	const char *qname;
	char *text = NULL, *msglog = NULL;
	size_t len = 0;
	enum status st;
	int rc;

	if ((rc = parse_opts(argc, argv, &o)) != 0)
		return rc < 0 ? 0 : rc;
	if (o.action >= 0) {
		struct queue_act a = { .action = (enum queue_action)o.action, .run = run_opts(&o),
		    .queue = o.queue, .domain = o.domain, .all = o.all, .ids = argv + optind,
		    .nids = (size_t)(argc - optind), .yes = o.yes };

		return queue_act(&a);
	}
	if (o.now < 0)
		o.now = time(NULL);
	if ((rc = read_listing(&o, &text, &len, &fmt, &msglog)) != 0)
		goto out;
	if ((st = queue_parse(text, len, fmt, o.now, &q)) != STATUS_OK) {
		cli_error("queue: %s: %s", o.file ? o.file : "listing", status_str(st));
		rc = 1;
		goto out;
	}
	if ((rc = exim_reasons(&o, q, msglog)) != 0)
		goto out;
	if (q->dropped > 0)
		cli_error("queue: %zu messages and recipients past the limits were left out",
		    q->dropped);
	qname = o.queue ? o.queue : queue_shape_default(q);
	if (o.list) {
		if (o.json)
			list_json(q, qname, o.now);
		else
			list_text(q, qname, o.now);
		goto out;
	}
	if ((st = queue_shape_build(q, qname, o.by, o.top, o.now, &s)) != STATUS_OK) {
		cli_error("queue: %s", status_str(st));
		rc = 1;
		goto out;
	}
	if (o.json) {
		shape_json(&out, q, s, qname, o.now);
		puts(out.data);
	} else {
		shape_text(q, s, qname);
	}
out:
	queue_shape_free(s);
	queue_free(q);
	free(text);
	free(msglog);
	buf_free(&out);
	return rc;
}
