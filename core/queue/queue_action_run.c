/*
 * Running a queue action: the argument vectors of the MTA's commands
 * (see core/queue/queue_action.h for the table), each run through
 * core/shared/spawn.h, and what they said.
 */
#include "core/queue/queue_action.h"

#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "core/shared/buf.h"
#include "core/shared/spawn.h"
#include "core/shared/str.h"

/* Output read from one command; past it the command is killed (a runaway). */
#define RUN_OUTPUT_MAX ((size_t)1024 * 1024)

/* The option naming the message(s), per MTA; Postfix's flush is postqueue's. */
static const struct {
	const char *postfix;	/* postsuper's */
	const char *exim;
} options[QUEUE_ACTION_COUNT] = {
	[QUEUE_ACTION_FLUSH] = { "-i", "-M" },
	[QUEUE_ACTION_HOLD] = { "-h", "-Mf" },
	[QUEUE_ACTION_RELEASE] = { "-H", "-Mt" },
	[QUEUE_ACTION_DELETE] = { "-d", "-Mrm" },
};

/*
 * Words with which the MTAs say the user may not do this (postsuper,
 * exim, and the system's own EACCES and EPERM), matched without case.
 */
static const char *const denied_words[] = {
	"reserved for the superuser",
	"permission denied",
	"not permitted",
	"must be root",
};

struct argv_build {
	char **v;
	size_t n;
};

static void
arg(struct argv_build *b, const char *s)
{
	b->v = xrealloc(b->v, (b->n + 2) * sizeof(*b->v));
	b->v[b->n++] = xstrdup(s);
	b->v[b->n] = NULL;
}

static void
commands_add(struct queue_commands *c, struct argv_build *b)
{
	c->argv = xrealloc(c->argv, (c->n + 1) * sizeof(*c->argv));
	c->argv[c->n++] = b->v;
	b->v = NULL;
	b->n = 0;
}

/* path, then the configuration option of the listing's command. */
static void
head(struct argv_build *b, const char *path, const struct queue_action_opts *o)
{
	arg(b, path);
	if (o->config_dir != NULL) {
		arg(b, "-c");
		arg(b, o->config_dir);
	}
	if (o->exim_config != NULL) {
		arg(b, "-C");
		arg(b, o->exim_config);
	}
}

/* postsuper in the directory of postqueue (a new string). */
static char *
beside(const char *postqueue, const char *name)
{
	const char *slash = strrchr(postqueue, '/');
	struct buf b = BUF_INIT;

	if (slash != NULL)
		buf_add(&b, postqueue, (size_t)(slash - postqueue + 1));
	buf_adds(&b, name);
	return buf_steal(&b);
}

/* The listing's command: the caller's, or the system's; NULL when none fits t's MTA. */
static const char *
listing_command(const struct queue_action_opts *o, enum queue_mta mta, enum status *st)
{
	if (o->command == NULL) {
		*st = STATUS_NO_MTA;
		return queue_run_find(mta);
	}
	*st = STATUS_INVALID;
	return queue_run_mta_named(o->command) == mta ? o->command : NULL;
}

/* Every ID of t in commands of at most per IDs: path, options, opt ID or opt ID ID.... */
static void
batches(struct queue_commands *c, const struct queue_target *t, const char *path,
    const struct queue_action_opts *o, const char *opt, size_t per, bool opt_each)
{
	struct argv_build b = { NULL, 0 };

	for (size_t i = 0; i < t->n; i += per) {
		head(&b, path, o);
		if (!opt_each)
			arg(&b, opt);
		for (size_t k = i; k < t->n && k < i + per; k++) {
			if (opt_each)
				arg(&b, opt);
			arg(&b, t->ids[k]);
		}
		commands_add(c, &b);
	}
}

/* Whether postqueue -f (every queue but hold) does what t asks, no more. */
static bool
flushes_all(const struct queue_target *t)
{
	return t->whole && t->queue != NULL &&
	    (strcmp(t->queue, "deferred") == 0 || strcmp(t->queue, "all") == 0);
}

enum status
queue_action_commands(const struct queue_action_opts *o, const struct queue_target *t,
    struct queue_commands *out)
{
	struct argv_build b = { NULL, 0 };
	const char *path;
	char *super;
	enum status st;

	memset(out, 0, sizeof(*out));
	if ((unsigned)t->action >= QUEUE_ACTION_COUNT || t->mta == QUEUE_MTA_AUTO)
		return STATUS_INVALID;
	if (t->n == 0)
		return STATUS_EMPTY;
	/* The IDs came from a listing; they are still checked where they become arguments. */
	for (size_t i = 0; i < t->n; i++)
		if (!queue_action_id_ok(t->mta, t->ids[i]))
			return STATUS_INVALID;
	if ((o->config_dir != NULL && t->mta != QUEUE_MTA_POSTFIX) ||
	    (o->exim_config != NULL && t->mta != QUEUE_MTA_EXIM))
		return STATUS_INVALID;
	if ((path = listing_command(o, t->mta, &st)) == NULL)
		return st;
	if (t->mta == QUEUE_MTA_EXIM) {
		batches(out, t, path, o, options[t->action].exim, t->action == QUEUE_ACTION_FLUSH ?
		    QUEUE_ACTION_BATCH_FLUSH : QUEUE_ACTION_BATCH, false);
	} else if (t->action == QUEUE_ACTION_FLUSH && flushes_all(t)) {
		head(&b, path, o);
		arg(&b, "-f");
		commands_add(out, &b);
	} else if (t->action == QUEUE_ACTION_FLUSH) {
		/* postqueue takes one -i. */
		batches(out, t, path, o, options[t->action].postfix, 1, true);
	} else {
		super = beside(path, "postsuper");
		batches(out, t, super, o, options[t->action].postfix, QUEUE_ACTION_BATCH, true);
		free(super);
	}
	return STATUS_OK;
}

void
queue_commands_free(struct queue_commands *c)
{
	if (c == NULL)
		return;
	for (size_t i = 0; i < c->n; i++) {
		for (char **p = c->argv[i]; *p != NULL; p++)
			free(*p);
		free(c->argv[i]);
	}
	free(c->argv);
	memset(c, 0, sizeof(*c));
}

/* Appends text[0..n) without its trailing blanks, on a line of its own, within the cap. */
static void
said_add(struct buf *b, const char *text, size_t n)
{
	while (n > 0 && (text[n - 1] == '\n' || text[n - 1] == '\r' || text[n - 1] == ' '))
		n--;
	if (n == 0 || b->len >= QUEUE_ACTION_SAID_MAX)
		return;
	if (b->len > 0)
		buf_addc(b, '\n');
	if (n > QUEUE_ACTION_SAID_MAX - b->len)
		n = QUEUE_ACTION_SAID_MAX - b->len;
	buf_add(b, text, n);
}

static bool
denied(const char *said)
{
	for (size_t i = 0; i < sizeof(denied_words) / sizeof(denied_words[0]); i++)
		if (str_casestr(said, denied_words[i]) != NULL)
			return true;
	return false;
}

/*
 * One command, its output appended to *said; on failure *said holds
 * only what the failing command said, or how it ended.
 */
static enum status
run_one(char **argv, const struct queue_action_opts *o, struct buf *said)
{
	struct spawn_limits l = { RUN_OUTPUT_MAX, QUEUE_ACTION_SAID_MAX,
	    o->timeout_ms > 0 ? o->timeout_ms : QUEUE_RUN_TIMEOUT_MS, 0, o->cancel_fd };
	struct buf mine = BUF_INIT;
	struct spawn c;
	char *err = NULL, *how;
	enum status st;

	if ((st = spawn_start(&c, argv[0], argv, &err)) != STATUS_OK) {
		buf_reset(said);
		buf_printf(said, "%s: %s", argv[0], err ? err : status_str(st));
		free(err);
		return STATUS_COMMAND;
	}
	st = spawn_wait(&c, &l);
	said_add(&mine, c.text.data ? c.text.data : "", c.text.len);
	said_add(&mine, c.errtext.data ? c.errtext.data : "", c.errtext.len);
	if (st == STATUS_OK && (!WIFEXITED(c.wstatus) || WEXITSTATUS(c.wstatus) != 0)) {
		st = mine.len > 0 && denied(mine.data) ? STATUS_DENIED : STATUS_COMMAND;
		if (mine.len == 0) {
			how = spawn_describe(&c);
			buf_printf(&mine, "%s %s", argv[0], how);
			free(how);
		}
	} else if (st != STATUS_OK) {
		buf_reset(&mine);
		buf_printf(&mine, "%s: %s", argv[0], status_str(st));
	}
	if (st != STATUS_OK)
		buf_reset(said);
	said_add(said, mine.data ? mine.data : "", mine.len);
	buf_free(&mine);
	spawn_free(&c);
	return st;
}

enum status
queue_action_run(const struct queue_action_opts *o, const struct queue_target *t, char **said)
{
	struct queue_commands c;
	struct buf b = BUF_INIT;
	enum status st;

	*said = NULL;
	if ((st = queue_action_commands(o, t, &c)) != STATUS_OK)
		return st;
	for (size_t i = 0; i < c.n && st == STATUS_OK; i++)
		st = run_one(c.argv[i], o, &b);
	queue_commands_free(&c);
	if (b.len > 0)
		*said = buf_steal(&b);
	buf_free(&b);
	return st;
}
