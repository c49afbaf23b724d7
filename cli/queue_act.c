#include "cli/queue_act.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "core/keys/config.h"
#include "core/shared/buf.h"
#include "cli/cli.h"

/* Queue IDs named in the question; the rest are counted. */
#define ASK_IDS 10

static const char *
plural(size_t n)
{
	return n == 1 ? "" : "s";
}

/* 0 when the config file allows actions; else why not, and 1. */
static int
enabled(enum queue_action action)
{
	char *path = config_path();
	struct config *c = NULL;
	int rc = 1;

	if (path != NULL && config_load(path, &c) != STATUS_OK) {
		cli_error("%s: cannot read the config file", path);
	} else if (c != NULL && c->queue_actions) {
		rc = 0;
	} else {
		cli_error("queue: --%s: queue actions are %s; to allow them, write "
		    "'queue.actions = yes' in %s", queue_action_name(action),
		    status_str(STATUS_DISABLED), path ? path : "~/.config/bounceq/config");
		for (size_t i = 0; c != NULL && i < c->ndiag; i++)
			cli_error("%s", c->diag[i]);
	}
	config_free(c);
	free(path);
	return rc;
}

/* The MTA's listing now, parsed: 0, or 1 after saying why not. */
static int
read_queue(const struct queue_act *a, struct queue **q)
{
	struct queue_output out;
	enum status st;

	*q = NULL;
	if (queue_listing_run(&a->run, &out) != 0)
		return 1;
	st = queue_parse(out.text, out.len, out.format, time(NULL), q);
	queue_output_free(&out);
	if (st != STATUS_OK) {
		cli_error("queue: the MTA's listing: %s", status_str(st));
		return 1;
	}
	return 0;
}

static const struct queue_msg *
find(const struct queue *q, const char *id)
{
	for (size_t i = 0; i < q->nmessages; i++)
		if (q->messages[i].id != NULL && strcmp(q->messages[i].id, id) == 0)
			return &q->messages[i];
	return NULL;
}

/* The named IDs: 0, or an exit status after saying which one and why. */
static int
target_ids(const struct queue_act *a, const struct queue *q, struct queue_target *t)
{
	const char *bad = NULL;

	switch (queue_target_ids(q, a->action, (const char *const *)a->ids, a->nids, t, &bad)) {
	case STATUS_OK:
		return 0;
	case STATUS_INVALID:
		cli_error("queue: '%s' is not %s queue ID", bad,
		    t->mta == QUEUE_MTA_EXIM ? "an Exim" : "a Postfix");
		return 2;
	case STATUS_SYNTAX:
		cli_error("queue: %s %s", bad, queue_action_refusal(a->action, find(q, bad)));
		return 1;
	default:
		cli_error("queue: %s is not in the queue", bad);
		return 1;
	}
}

/* --domain or --all: 0, or (nothing to do) -1 after saying so. */
static int
target_select(const struct queue_act *a, const struct queue *q, struct queue_target *t)
{
	struct queue_select sel = { a->queue, NULL, NULL };
	char *domain = xstrdup_null(a->domain);

	/* The listing's domains are lower case. */
	for (char *p = domain; p != NULL && *p != '\0'; p++)
		*p = (char)tolower((unsigned char)*p);
	sel.domain = domain;
	queue_target_select(q, a->action, &sel, t);
	free(domain);
	if (t->n > 0)
		return 0;
	printf("nothing to %s: no message", queue_action_name(a->action));
	if (t->domain != NULL) {
		printf(" for ");
		cli_put_safe(stdout, t->domain);
	}
	printf(" in %s%s queue", strcmp(t->queue, "all") == 0 ? "" : "the ",
	    strcmp(t->queue, "all") == 0 ? "any" : t->queue);
	if (t->skipped > 0)
		printf(" (%zu message%s %s)", t->skipped, plural(t->skipped),
		    queue_action_skipped(a->action));
	printf("\n");
	return -1;
}

static bool
yes(const char *line)
{
	static const char *const words[] = { "y\n", "yes\n" };

	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (strcasecmp(line, words[i]) == 0)
			return true;
	return false;
}

/* 0 to go on: --yes, or y on the terminal; 1 not confirmed, 2 no terminal to ask on. */
static int
confirm(const struct queue_act *a, const struct queue_target *t)
{
	struct buf b = BUF_INIT;
	char line[64];
	int rc = 0;

	if (a->yes)
		return 0;
	queue_target_describe(t, ASK_IDS, &b);
	if (!isatty(STDIN_FILENO)) {
		cli_error("queue: this would %s; confirm on a terminal, or give --yes", b.data);
		rc = 2;
	} else {
		fputs("bounceq: ", stderr);
		cli_put_safe(stderr, b.data);
		fputs(".\nGo on? [y/N] ", stderr);
		fflush(stderr);
		if (fgets(line, sizeof(line), stdin) == NULL || !yes(line)) {
			cli_error("queue: not confirmed; nothing done");
			rc = 1;
		}
	}
	buf_free(&b);
	return rc;
}

/* The IDs of t whose fate is f, after a colon, on f's stream. */
static void
put_ids(FILE *f, const struct queue_target *t, const struct queue_outcome *o, enum queue_fate fate)
{
	const char *sep = ": ";

	for (size_t i = 0; i < t->n; i++)
		if (o->fate[i] == fate) {
			fprintf(f, "%s%s", sep, t->ids[i]);
			sep = ", ";
		}
	fputc('\n', f);
}

/*
 * "held 2 messages: A, B" on stdout, then what did not change on stderr;
 * 1 when the MTA said yes and the listing says no (but for flush: the
 * MTA delivers when it gets to it).
 */
static int
report(const struct queue_target *t, const struct queue_outcome *o)
{
	const char *done = queue_action_done(t->action);

	if (t->action == QUEUE_ACTION_FLUSH) {
		printf("%s %zu message%s", done, t->n, plural(t->n));
		for (size_t i = 0; i < t->n; i++)
			printf("%s%s", i == 0 ? ": " : ", ", t->ids[i]);
		printf(" (%zu %s left the queue, %zu still wait%s)\n", o->changed,
		    o->changed == 1 ? "has" : "have", o->same, o->same == 1 ? "s" : "");
		return 0;
	}
	if (o->changed > 0) {
		printf("%s %zu message%s", done, o->changed, plural(o->changed));
		put_ids(stdout, t, o, QUEUE_FATE_CHANGED);
	}
	if (o->gone > 0) {
		fprintf(stderr, "bounceq: queue: %s", queue_fate_name(t->action, QUEUE_FATE_GONE));
		put_ids(stderr, t, o, QUEUE_FATE_GONE);
	}
	if (o->same > 0) {
		fprintf(stderr, "bounceq: queue: %s afterwards",
		    queue_fate_name(t->action, QUEUE_FATE_SAME));
		put_ids(stderr, t, o, QUEUE_FATE_SAME);
	}
	return o->same > 0;
}

/* Runs the action on t; 0 or 1. */
static int
act(const struct queue_act *a, const struct queue_target *t)
{
	struct queue_action_opts ao = { .command = a->run.command,
	    .config_dir = a->run.config_dir, .exim_config = a->run.exim_config,
	    .timeout_ms = a->run.timeout_ms, .cancel_fd = -1 };
	struct queue_outcome o;
	struct queue *after = NULL;
	char *said = NULL;
	enum status st;
	int rc;

	if ((st = queue_action_run(&ao, t, &said)) != STATUS_OK) {
		cli_error("queue: --%s: %s%s%s", queue_action_name(a->action), status_str(st),
		    said ? ": " : "", said ? said : "");
		free(said);
		return 1;
	}
	free(said);
	if (read_queue(a, &after) != 0) {
		cli_error("queue: --%s: done, but the listing could not be read again to see it",
		    queue_action_name(a->action));
		return 1;
	}
	queue_action_outcome(t, after, &o);
	rc = report(t, &o);
	queue_outcome_free(&o);
	queue_free(after);
	return rc;
}

int
queue_act(const struct queue_act *a)
{
	struct queue *q = NULL;
	struct queue_target t;
	int rc;

	memset(&t, 0, sizeof(t));
	if ((rc = enabled(a->action)) != 0)
		return rc;
	if ((rc = read_queue(a, &q)) != 0)
		return rc;
	rc = a->nids > 0 ? target_ids(a, q, &t) : target_select(a, q, &t);
	if (rc == 0 && (rc = confirm(a, &t)) == 0)
		rc = act(a, &t);
	queue_target_free(&t);
	queue_free(q);
	return rc < 0 ? 0 : rc;
}
