/* The session: options, keymaps, the index, the main loop and the shared actions. */
#include <getopt.h>
#include <pthread.h>
#include <signal.h>
#include <locale.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "core/keys/config.h"
#include "core/keys/key.h"
#include "core/model/escalate.h"
#include "core/queue/queue_run.h"
#include "core/shared/clock.h"
#include "tui/tui.h"
#include "tui/tui_main.h"

/* Decode for at most this long between two looks at the keyboard. */
#define LOAD_SLICE_MS 30
/* Regroup at most this often while rows arrive (grouping is O(n log n)). */
#define REGROUP_MS 300

static const char usage[] =
"usage: bounceq [--config FILE] [--database DIR] [-k KEYFILE] [--filter EXPR]\n"
"               [--queue-file FILE | --queue-command PATH] [--queue-refresh SECONDS]\n"
"               [-q QUERY | QUERY...]\n"
"\n"
"Without a command bounceq opens its terminal UI on the bounces in your\n"
"notmuch database.  Press ? inside for the keys.  See bounceq(1) and\n"
"bounceq-keys(5); `bounceq --help` lists the commands.\n";

/*
 * The one signal flag: SIGINT, SIGTERM and SIGHUP end the loop so the
 * terminal is restored before bounceq exits (128 + the signal).
 */
long
view_current(struct tui *t, struct view *v)
{
	if (v == NULL || v->ops->current == NULL)
		return -1;
	return v->ops->current(t, v);
}

static volatile sig_atomic_t got_signal;

static void
on_signal(int sig)
{
	got_signal = sig;
}

static void
catch_signals(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	/* No SA_RESTART: a blocked getch returns so the loop sees the flag. */
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
}

static long
ms_since(const struct timespec *a)
{
	struct timespec b;

	clock_gettime(CLOCK_MONOTONIC, &b);
	return (b.tv_sec - a->tv_sec) * 1000 + (b.tv_nsec - a->tv_nsec) / 1000000;
}

void
tui_msg(struct tui *t, bool error, const char *fmt, ...)
{
	char tmp[2048];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	free(t->msg);
	t->msg = xstrdup(tmp);
	t->msg_error = error;
}

struct view *
tui_top(struct tui *t)
{
	return t->nviews > 0 ? t->views[t->nviews - 1] : NULL;
}

void
tui_push(struct tui *t, struct view *v)
{
	if (v == NULL)
		return;
	if (t->nviews == TUI_MAX_VIEWS) {
		v->ops->free(v);
		tui_msg(t, true, "too many screens open; close one with q");
		return;
	}
	v->gen = t->gen - 1;
	t->views[t->nviews++] = v;
}

void
tui_pop(struct tui *t)
{
	struct view *v;

	if (t->nviews == 0)
		return;
	v = t->views[--t->nviews];
	v->ops->free(v);
	/* The screen below may have been laid out for another filter or width. */
	if (t->nviews > 0)
		t->views[t->nviews - 1]->gen = t->gen - 1;
}

void
tui_tag_grow(struct tui *t)
{
	size_t n = t->rs->n;

	if (n <= t->ntagcap)
		return;
	t->tagged = xrealloc(t->tagged, n * sizeof(bool));
	memset(t->tagged + t->ntagcap, 0, (n - t->ntagcap) * sizeof(bool));
	t->ntagcap = n;
}

enum status
tui_set_limit(struct tui *t, const char *expr, struct filter_error *err)
{
	static const char *const quick[] = { NULL, "status:5.*", "status:4.*" };
	struct filter *f = NULL;
	struct buf all = BUF_INIT;
	enum status st;

	/* The user's text alone first, so error positions are theirs. */
	if (expr != NULL && *expr != '\0') {
		if ((st = filter_compile(expr, time(NULL), &f, err)) != STATUS_OK)
			return st;
		filter_free(f);
		f = NULL;
		buf_printf(&all, "(%s)", expr);
	}
	if (t->quick)
		buf_printf(&all, "%s%s", all.len ? " and " : "", quick[t->quick]);
	if (all.len > 0 && (st = filter_compile(all.data, time(NULL), &f, err)) != STATUS_OK) {
		buf_free(&all);
		return st;
	}
	buf_free(&all);
	if (expr != t->limit) {
		free(t->limit);
		t->limit = expr && *expr ? xstrdup(expr) : NULL;
	}
	filter_free(t->filter);
	t->filter = f;
	t->gen++;
	return STATUS_OK;
}

/* Rows an action works on: the tagged ones, or what the screen shows. */
static size_t
selection(struct tui *t, bool tagged, size_t **idx)
{
	struct view *v = tui_top(t);
	size_t n = 0;

	*idx = NULL;
	if (tagged) {
		*idx = xcalloc(t->ntagged + 1, sizeof(size_t));
		for (size_t i = 0; i < t->ntagcap && n < t->ntagged; i++)
			if (t->tagged[i])
				(*idx)[n++] = i;
		return n;
	}
	return v && v->ops->rows ? v->ops->rows(t, v, idx) : 0;
}

/*
 * The failed addresses of the selection in format f, as `bounceq export`
 * writes them (core/model/export.h): one record per address, sorted.
 */
static char *
addresses(struct tui *t, bool tagged, enum export_format f, size_t *count)
{
	size_t *idx, n = selection(t, tagged, &idx);
	struct export_set set = EXPORT_SET_INIT;
	struct buf b = BUF_INIT;

	export_collect(t->rs, idx, n, 0, &set);
	export_write(&b, &set, f);
	*count = set.n;
	export_set_free(&set);
	free(idx);
	return buf_steal(&b);
}

/* What an export that waits for "overwrite?" will write. */
struct export_job {
	char *path, *text;
	size_t n;
	enum export_format f;
};

static void
export_job_free(void *arg)
{
	struct export_job *j = arg;

	free(j->path);
	free(j->text);
	free(j);
}

static void
export_job_write(struct tui *t, void *arg)
{
	struct export_job *j = arg;
	FILE *f;
	bool bad;

	if ((f = fopen(j->path, "w")) == NULL) {
		tui_msg(t, true, "cannot write %s", j->path);
		return;
	}
	bad = fputs(j->text, f) == EOF;
	if (fclose(f) != 0 || bad) {
		tui_msg(t, true, "cannot write %s", j->path);
		return;
	}
	tui_msg(t, false, "wrote %zu addresses to %s (%s)", j->n, j->path,
	    export_format_name(j->f));
}

void
tui_export(struct tui *t, bool tagged, enum export_format f, const char *path)
{
	struct export_job *j = xcalloc(1, sizeof(*j));
	struct buf q = BUF_INIT;

	j->path = xstrdup(path);
	j->text = addresses(t, tagged, f, &j->n);
	j->f = f;
	/* The rows are taken now: what the user saw when asking. */
	if (access(path, F_OK) == 0) {
		buf_printf(&q, "%s exists: overwrite it with %zu addresses (%s)?", path, j->n,
		    export_format_name(f));
		confirm_ask(t, q.data, export_job_write, export_job_free, j);
		buf_free(&q);
		return;
	}
	export_job_write(t, j);
	export_job_free(j);
}

void
tui_pipe_addresses(struct tui *t, bool tagged, const char *cmd)
{
	size_t n;
	char *text = addresses(t, tagged, EXPORT_PLAIN, &n);

	external_pipe(t, cmd, text, strlen(text));
	free(text);
}

bool
tui_row_shown(const struct tui *t, const struct row *r)
{
	return (t->filter == NULL || filter_match(t->filter, r)) && rowset_visible(r, &t->hide);
}

/* The rows an action works on (tagging.c): the tagged ones, the screen's, or NULL. */
size_t
tui_selection(struct tui *t, bool tagged, size_t **idx)
{
	return selection(t, tagged, idx);
}

static void
set_quick(struct tui *t, int q)
{
	struct filter_error err;

	t->quick = q;
	if (tui_set_limit(t, t->limit, &err) != STATUS_OK)
		tui_msg(t, true, "bad filter: %s", err.msg);
	else
		tui_msg(t, false, "showing %s failures",
		    q == 1 ? "only permanent" : q == 2 ? "only transient" : "all");
}

/*
 * One queue screen at a time (one watch, one MTA command running): M from
 * above it goes back down to it.  The lowest screen of the queue context
 * is the table; its recipient lists open only from it.
 */
static void
open_queue(struct tui *t)
{
	for (int i = 0; i < t->nviews; i++)
		if (t->views[i]->ops->ctx == CONTEXT_QUEUE) {
			while (t->nviews > i + 1)
				tui_pop(t);
			return;
		}
	tui_push(t, view_queue_new(t));
}

/* One notices screen: I from above it (its pager) goes back down to it. */
static void
open_notices(struct tui *t)
{
	for (int i = 0; i < t->nviews; i++)
		if (t->views[i]->ops->ctx == CONTEXT_NOTICES) {
			while (t->nviews > i + 1)
				tui_pop(t);
			return;
		}
	tui_push(t, view_notices_new(t));
}

void
tui_run(struct tui *t, enum action a)
{
	struct view *v = tui_top(t);
	bool tagged = t->tag_prefix;
	struct filter_error err;
	long cur;

	if (a != ACTION_TAG_PREFIX)
		t->tag_prefix = false;
	switch (a) {
	case ACTION_NONE:
		return;
	case ACTION_QUIT:
		t->quit = true;
		return;
	case ACTION_BACK:
		if (t->nviews <= 1)
			t->quit = true;
		else
			tui_pop(t);
		return;
	case ACTION_HELP:
		if (v != NULL && v->ops->ctx != CONTEXT_HELP)
			tui_push(t, view_help_new(t, v->ops->ctx));
		return;
	case ACTION_REDRAW:
		clearok(curscr, TRUE);
		return;
	case ACTION_LIST_ALL:
		tui_push(t, view_list_new(t, NULL, NULL, 0));
		return;
	case ACTION_SYNC:
		newmail_now(t);
		return;
	case ACTION_QUEUE:
		open_queue(t);
		return;
	case ACTION_NOTICES:
		open_notices(t);
		return;
	case ACTION_LIMIT:
		prompt_open(t, PROMPT_LIMIT, t->limit);
		return;
	case ACTION_LIMIT_CLEAR:
		tui_set_limit(t, NULL, &err);
		tui_msg(t, false, "limit removed");
		return;
	case ACTION_FILTER_PERMANENT:
		set_quick(t, 1);
		return;
	case ACTION_FILTER_TRANSIENT:
		set_quick(t, 2);
		return;
	case ACTION_FILTER_ALL:
		set_quick(t, 0);
		return;
	case ACTION_SEARCH:
		prompt_open(t, PROMPT_SEARCH, NULL);
		return;
	case ACTION_SEARCH_BACK:
		prompt_open(t, PROMPT_SEARCH_BACK, NULL);
		return;
	case ACTION_SEARCH_NEXT:
	case ACTION_SEARCH_PREV:
		if (t->search == NULL)
			tui_msg(t, true, "no search yet: press / first");
		else if (v == NULL || v->ops->search == NULL ||
		    !v->ops->search(t, v, t->search, (a == ACTION_SEARCH_NEXT) == t->search_forward))
			tui_msg(t, true, "not found: %s", t->search);
		else
			tui_msg(t, false, "%s", "");
		return;
	case ACTION_COMMAND:
		prompt_open(t, PROMPT_COMMAND, NULL);
		return;
	case ACTION_TAG_PREFIX:
		t->tag_prefix = !t->tag_prefix;
		if (t->tag_prefix && t->ntagged == 0) {
			t->tag_prefix = false;
			tui_msg(t, true, "no rows are tagged (t tags one)");
		}
		return;
	case ACTION_TAG:
		if (v == NULL || (cur = view_current(t, v)) < 0) {
			tui_msg(t, true, "nothing to tag here; open a list first");
			return;
		}
		tui_tag_grow(t);
		t->tagged[cur] = !t->tagged[cur];
		t->ntagged += t->tagged[cur] ? 1 : (size_t)-1;
		v->ops->act(t, v, ACTION_MOVE_DOWN);
		return;
	case ACTION_TAG_ALL: {
		size_t *idx, n = selection(t, false, &idx);

		tui_tag_grow(t);
		for (size_t i = 0; i < n; i++)
			if (!t->tagged[idx[i]]) {
				t->tagged[idx[i]] = true;
				t->ntagged++;
			}
		free(idx);
		tui_msg(t, false, "%zu rows tagged", t->ntagged);
		return;
	}
	case ACTION_UNTAG_ALL:
		if (t->tagged != NULL)
			memset(t->tagged, 0, t->ntagcap * sizeof(bool));
		t->ntagged = 0;
		tui_msg(t, false, "no rows tagged");
		return;
	case ACTION_MARK_HANDLED:
		tui_mark(t, tagged, hide_tag(&t->hide));
		return;
	case ACTION_UNDO:
		tui_undo(t);
		return;
	case ACTION_TOGGLE_HANDLED:
		tui_toggle_handled(t);
		return;
	case ACTION_EXPORT:
		t->tag_prefix = tagged;
		prompt_open(t, PROMPT_EXPORT_FORMAT, export_format_name(t->export_format));
		return;
	case ACTION_PIPE:
		t->tag_prefix = tagged;
		prompt_open(t, tagged ? PROMPT_PIPE_ADDRESSES : PROMPT_PIPE, NULL);
		return;
	case ACTION_PIPE_ADDRESSES:
		t->tag_prefix = tagged;
		prompt_open(t, PROMPT_PIPE_ADDRESSES, NULL);
		return;
	default:
		break;
	}
	if (v == NULL || !v->ops->act(t, v, a))
		tui_msg(t, true, "%s: nothing to do on the %s screen", action_name(a), v ? v->ops->name : "");
}

/*
 * Keys go through the keymap one at a time: the start of a sequence
 * ("g" of "gg") waits in t->pending (shown on the status line) for the
 * next key; Esc or a key that continues no binding drops it.
 */
static void
handle_key(struct tui *t, int key)
{
	struct view *v = tui_top(t);
	char name[KEY_SEQ_NAME_MAX];
	struct key_seq seq;
	enum keymap_match m;
	enum action a;

	if (t->confirm.active) {
		confirm_key(t, key);
		return;
	}
	if (t->prompt.active) {
		prompt_key(t, key);
		return;
	}
	if (v == NULL)
		return;
	if (t->msg != NULL && !t->msg_error) {
		free(t->msg);
		t->msg = NULL;
	}
	/* "N new" was seen. */
	t->nnew = 0;
	if (t->pending.n > 0 && key == KEYC_ESCAPE) {
		t->pending.n = 0;
		return;
	}
	if (t->pending.n >= KEY_SEQ_MAX)
		t->pending.n = 0;
	t->pending.key[t->pending.n++] = key;
	m = keymap_match(t->km, v->ops->ctx, &t->pending, &a);
	if (m == KEYMAP_PREFIX)
		return;
	seq = t->pending;
	t->pending.n = 0;
	if (m == KEYMAP_NONE || a == ACTION_NONE) {
		key_seq_str(&seq, name, sizeof(name));
		tui_msg(t, true, "%s is not bound on the %s screen (? for help)", name, v->ops->name);
		return;
	}
	t->msg_error = false;
	tui_run(t, a);
}

/* The top screen's due work (the queue screen's reading); the loop waits no longer than it asks. */
static int
tick_top(struct tui *t, int wait)
{
	struct view *v = tui_top(t);
	int ms;

	if (v == NULL || v->ops->tick == NULL || (ms = v->ops->tick(t, v)) < 0)
		return wait;
	return wait < 0 || ms < wait ? ms : wait;
}

/* Once every row is in: which addresses keep failing softly (escalate.h). */
static void
tui_escalate(struct tui *t)
{
	escalate_mark(t->rs, t->cfg ? t->cfg->escalate_count : 0,
	    t->cfg ? t->cfg->escalate_days : 0);
}

static void
load_some(struct tui *t, struct timespec *last_gen)
{
	struct timespec start;
	enum status st;

	clock_gettime(CLOCK_MONOTONIC, &start);
	do {
		if ((st = index_load_step(t->ix, 16)) != STATUS_OK) {
			tui_msg(t, true, "decoding stopped: %s%s%s", status_str(st),
			    index_error(t->ix) ? ": " : "",
			    index_error(t->ix) ? index_error(t->ix) : "");
			t->loading = false;
			break;
		}
		if (index_load_done(t->ix)) {
			const struct index_stats *s;

			index_load_finish(t->ix);
			tui_escalate(t);
			t->loading = false;
			s = index_stats(t->ix);
			/* An error (a bad keymap line...) stays until a key is pressed. */
			if (!t->msg_error)
				tui_msg(t, false, "%zu messages: %zu decoded, %zu from the cache",
				    s->queried, s->decoded, s->cached);
			break;
		}
	} while (ms_since(&start) < LOAD_SLICE_MS);
	index_progress(t->ix, &t->done, &t->total);
	progress_note(&t->prog, t->done, clock_ms());
	if (!t->loading || ms_since(last_gen) >= REGROUP_MS) {
		tui_tag_grow(t);
		t->gen++;
		clock_gettime(CLOCK_MONOTONIC, last_gen);
	}
}

/* Returns false when -k names a file that does not exist. */
static bool
load_keymaps(struct tui *t, const char *keyfile)
{
	const char *xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");
	struct buf p = BUF_INIT;

	t->km = keymap_new();
	keymap_load_text(t->km, "default.keys", keymap_default_text);
	if (xdg != NULL && *xdg == '/')
		buf_printf(&p, "%s/bounceq/keys", xdg);
	else if (home != NULL && *home != '\0')
		buf_printf(&p, "%s/.config/bounceq/keys", home);
	if (p.len > 0)
		keymap_load_file(t->km, p.data);
	buf_free(&p);
	return keyfile == NULL || keymap_load_file(t->km, keyfile) != STATUS_NOENT;
}

/*
 * Running the query (and reading the cache) can take half a second on a
 * big database, so it runs in a thread while the screen keeps drawing and
 * q keeps working.  The main thread does not touch the index until the
 * thread is joined, but for index_cancel() on quit (safe from any thread).
 */
static void *
query_thread(void *arg)
{
	struct tui *t = arg;

	t->query_status = index_load_begin(t->ix);
	atomic_store(&t->query_done, true);
	return NULL;
}

static void
start_index(struct tui *t)
{
	char *err = NULL;
	enum status st;

	if ((st = index_open(&t->iopts, &t->ix, &err)) != STATUS_OK) {
		t->dberr = err ? err : xstrdup(status_str(st));
		/* The whole text is long; :messages shows it in the pager. */
		tui_msg(t, true, "no database (:messages for details): %s", t->dberr);
		return;
	}
	t->querying = true;
	atomic_store(&t->query_done, false);
	if (pthread_create(&t->query_tid, NULL, query_thread, t) != 0) {
		t->querying = false;
		query_thread(t);
		t->querying = true;
	} else
		t->query_joinable = true;
}

/* After the query: rows become visible and decoding starts. */
static void
query_finished(struct tui *t)
{
	if (t->query_joinable)
		pthread_join(t->query_tid, NULL);
	t->query_joinable = false;
	t->querying = false;
	if (t->query_status != STATUS_OK) {
		tui_msg(t, true, "query failed: %s%s%s", status_str(t->query_status),
		    index_error(t->ix) ? ": " : "", index_error(t->ix) ? index_error(t->ix) : "");
		return;
	}
	t->rs = index_rows(t->ix);
	t->loading = !index_load_done(t->ix);
	if (!t->loading) {
		index_load_finish(t->ix);
		tui_escalate(t);
	}
	index_progress(t->ix, &t->done, &t->total);
	progress_start(&t->prog, t->done, clock_ms());
	tui_tag_grow(t);
	t->gen++;
}

static void
tui_free(struct tui *t)
{
	/* Quitting never waits for a query: its helper is stopped, the thread returns. */
	if (t->query_joinable) {
		index_cancel(t->ix);
		pthread_join(t->query_tid, NULL);
	}
	/* Its threads use the index options; a query of its own is cancelled. */
	newmail_free(t->newmail);
	t->newmail = NULL;
	/* A question may hold a screen's watch: it goes before the screens. */
	confirm_free(t);
	tui_undo_free(&t->undo);
	while (t->nviews > 0)
		tui_pop(t);
	index_close(t->ix);
	rowset_free(&t->none);
	keymap_free(t->km);
	filter_free(t->filter);
	free(t->limit);
	free(t->tagged);
	free(t->msg);
	free(t->search);
	free(t->dberr);
	free(t->query);
	buf_free(&t->prompt.text);
	free(t->prompt.saved);
	for (int k = 0; k < PROMPT_KIND_COUNT; k++) {
		for (size_t i = 0; i < t->hist[k].n; i++)
			free(t->hist[k].line[i]);
		free(t->hist[k].line);
	}
}

int
tui_main(int argc, char **argv)
{
	enum { OPT_CONFIG = 256, OPT_DATABASE, OPT_FILTER, OPT_QUEUE_FILE, OPT_QUEUE_COMMAND,
		OPT_QUEUE_REFRESH };
	static const struct option opts[] = {
		{ "config", required_argument, NULL, OPT_CONFIG },
		{ "database", required_argument, NULL, OPT_DATABASE },
		{ "filter", required_argument, NULL, OPT_FILTER },
		{ "queue-file", required_argument, NULL, OPT_QUEUE_FILE },
		{ "queue-command", required_argument, NULL, OPT_QUEUE_COMMAND },
		{ "queue-refresh", required_argument, NULL, OPT_QUEUE_REFRESH },
		{ "query", required_argument, NULL, 'q' },
		{ "keys", required_argument, NULL, 'k' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct tui t;
	struct config *cfg = NULL;
	struct filter_error ferr;
	struct timespec last_gen;
	struct buf q = BUF_INIT;
	const char *keyfile = NULL, *filter = NULL;
	char *cpath, *cache_dir;
	SCREEN *scr;
	int c, key, wait, ms;
	bool keys_found;

	memset(&t, 0, sizeof(t));
	t.rs = &t.none;
	t.gen = 1;
	t.search_forward = true;
	optind = 1;
	while ((c = getopt_long(argc, argv, "q:k:h", opts, NULL)) != -1) {
		switch (c) {
		case OPT_CONFIG:
			t.iopts.config = optarg;
			break;
		case OPT_DATABASE:
			t.iopts.database = optarg;
			break;
		case OPT_FILTER:
			filter = optarg;
			break;
		case OPT_QUEUE_FILE:
			t.queue_file = optarg;
			break;
		case OPT_QUEUE_COMMAND:
			if (queue_run_mta_named(optarg) == QUEUE_MTA_AUTO) {
				fprintf(stderr, "bounceq: --queue-command: '%s' is named neither "
				    "postqueue... nor exim...\n", optarg);
				buf_free(&q);
				return 2;
			}
			t.queue_command = optarg;
			break;
		case OPT_QUEUE_REFRESH: {
			char *end;
			long n = strtol(optarg, &end, 10);

			if (end == optarg || *end != '\0' || n < 1 || n > 86400) {
				fprintf(stderr, "bounceq: --queue-refresh wants seconds, 1 to 86400\n");
				buf_free(&q);
				return 2;
			}
			t.queue_every = (int)n;
			break;
		}
		case 'q':
			buf_adds(&q, optarg);
			break;
		case 'k':
			keyfile = optarg;
			break;
		case 'h':
			fputs(usage, stdout);
			return 0;
		default:
			fputs(usage, stderr);
			return 2;
		}
	}
	if (t.queue_file != NULL && t.queue_command != NULL) {
		fprintf(stderr, "bounceq: --queue-file or --queue-command, not both\n");
		buf_free(&q);
		return 2;
	}
	for (int i = optind; i < argc; i++)
		buf_printf(&q, "%s%s", q.len ? " " : "", argv[i]);
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		fputs("bounceq: the terminal UI needs a terminal; see bounceq --help "
		    "for the commands\n", stderr);
		buf_free(&q);
		return 2;
	}
	if ((cpath = config_path()) != NULL) {
		config_load(cpath, &cfg);
		free(cpath);
	}
	t.query = q.len ? buf_steal(&q) : cfg && cfg->query ? xstrdup(cfg->query) : NULL;
	buf_free(&q);
	t.iopts.query = t.query;
	t.iopts.threads = cfg != NULL ? cfg->threads : 0;
	t.newmail = newmail_new(cfg != NULL ? cfg->refresh : CONFIG_REFRESH_DEFAULT);
	t.hide.handled_tag = cfg != NULL ? cfg->handled : NULL;
	cache_dir = config_cache_dir();
	t.iopts.cache_dir = cache_dir;
	t.gkey = GROUP_KEY_REASON;
	t.gsort = GROUP_SORT_ROWS;
	t.gsort_desc = true;
	if (cfg != NULL && cfg->group != NULL) {
		enum group_key keys[GROUP_MAX_LEVELS];
		size_t nk;

		if (group_keys_parse(cfg->group, keys, &nk) == STATUS_OK && nk > 0) {
			t.gkey = keys[0];
			t.gsplit = nk > 1;
		}
	}
	keys_found = load_keymaps(&t, keyfile);

	/* Before newterm(): SIGWINCH is ours, ncurses then leaves it alone. */
	input_init();
	if ((scr = newterm(NULL, stdout, stdin)) == NULL) {
		fputs("bounceq: cannot use this terminal (is TERM set?)\n", stderr);
		input_end();
		tui_free(&t);
		config_free(cfg);
		free(cache_dir);
		return 1;
	}
	set_term(scr);
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	set_escdelay(25);
	curs_set(0);
	t.cfg = cfg;
	draw_init(&t, cfg);

	if (keymap_last_diag(t.km) != NULL)
		tui_msg(&t, true, "%s%s", keymap_diag(t.km, 0),
		    keymap_ndiag(t.km) > 1 ? " (and more: :messages)" : "");
	if (!keys_found)
		tui_msg(&t, true, "%s: no such file (-k)", keyfile);
	if (filter == NULL && cfg != NULL)
		filter = cfg->filter;
	if (cfg != NULL && cfg->ndiag > 0 && keymap_last_diag(t.km) == NULL)
		tui_msg(&t, true, "%s%s", cfg->diag[0], cfg->ndiag > 1 ? " (and more: :messages)" : "");
	if (filter != NULL && tui_set_limit(&t, filter, &ferr) != STATUS_OK)
		tui_msg(&t, true, "bad --filter at column %zu: %s", ferr.pos + 1, ferr.msg);
	tui_push(&t, view_groups_new(&t));

	/* The screen first, then the query: a big database must not look hung. */
	draw_screen(&t);
	start_index(&t);
	clock_gettime(CLOCK_MONOTONIC, &last_gen);
	catch_signals();
	while (!t.quit && !got_signal) {
		if (t.querying && atomic_load(&t.query_done))
			query_finished(&t);
		wait = tick_top(&t, t.loading ? 0 : t.querying ? 20 : -1);
		if ((ms = newmail_tick(&t)) >= 0 && (wait < 0 || ms < wait))
			wait = ms;
		draw_screen(&t);
		key = input_read(wait);
		/* The new size before anything is drawn again (and before keys). */
		if (key == TUI_KEY_RESIZE) {
			draw_resize();
			continue;
		}
		/* A key is answered (drawn) before the next slice of decoding. */
		if (key != KEYC_NONE) {
			handle_key(&t, key);
			continue;
		}
		if (t.loading)
			load_some(&t, &last_gen);
	}
	curs_set(1);
	endwin();
	delscreen(scr);
	input_end();
	tui_free(&t);
	config_free(cfg);
	free(cache_dir);
	return got_signal ? 128 + got_signal : 0;
}
