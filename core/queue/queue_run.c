#include "core/queue/queue_run.h"

#include <poll.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "core/shared/buf.h"
#include "core/shared/clock.h"
#include "core/shared/spawn.h"

/* Where the commands may be: system directories only, in this order. */
static const struct {
	enum queue_mta mta;
	const char *path;
} commands[] = {
	{ QUEUE_MTA_POSTFIX, "/usr/sbin/postqueue" },
	{ QUEUE_MTA_POSTFIX, "/usr/bin/postqueue" },
	{ QUEUE_MTA_POSTFIX, "/sbin/postqueue" },
	{ QUEUE_MTA_POSTFIX, "/bin/postqueue" },
	{ QUEUE_MTA_EXIM, "/usr/sbin/exim" },
	{ QUEUE_MTA_EXIM, "/usr/bin/exim" },
	{ QUEUE_MTA_EXIM, "/sbin/exim" },
	{ QUEUE_MTA_EXIM, "/bin/exim" },
	{ QUEUE_MTA_EXIM, "/usr/sbin/exim4" },
	{ QUEUE_MTA_EXIM, "/usr/bin/exim4" },
	{ QUEUE_MTA_EXIM, "/sbin/exim4" },
	{ QUEUE_MTA_EXIM, "/bin/exim4" },
};

const char *
queue_run_find(enum queue_mta mta)
{
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if ((mta == QUEUE_MTA_AUTO || commands[i].mta == mta) &&
		    access(commands[i].path, X_OK) == 0)
			return commands[i].path;
	return NULL;
}

static enum queue_mta
mta_of(const char *path)
{
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (strcmp(commands[i].path, path) == 0)
			return commands[i].mta;
	return QUEUE_MTA_AUTO;
}

enum queue_mta
queue_run_mta_named(const char *path)
{
	const char *name = strrchr(path, '/');

	name = name != NULL ? name + 1 : path;
	if (strncmp(name, "postqueue", 9) == 0)
		return QUEUE_MTA_POSTFIX;
	if (strncmp(name, "exim", 4) == 0)
		return QUEUE_MTA_EXIM;
	return QUEUE_MTA_AUTO;
}

/* True once fd (a cancel descriptor, or -1) is readable. */
static bool
cancelled(int fd)
{
	struct pollfd pf = { fd, POLLIN, 0 };

	return fd >= 0 && poll(&pf, 1, 0) > 0 && pf.revents != 0;
}

/* The command's stderr, trimmed, or a sentence about its exit; new string. */
static char *
child_error(const struct spawn *c, const char *path)
{
	struct buf b = BUF_INIT;
	size_t n = c->errtext.len;
	char *how;

	while (n > 0 && (c->errtext.data[n - 1] == '\n' || c->errtext.data[n - 1] == '\r' ||
	    c->errtext.data[n - 1] == ' '))
		n--;
	if (n > 0) {
		buf_add(&b, c->errtext.data, n);
	} else {
		how = spawn_describe(c);
		buf_printf(&b, "%s %s", path, how);
		free(how);
	}
	return buf_steal(&b);
}

/* Runs path with argv within timeout_ms: OK, TIMEOUT, TOO_LARGE, COMMAND, CANCELLED. */
static enum status
run(struct spawn *c, const char *path, const char **argv, int timeout_ms, int cancel_fd,
    char **err)
{
	struct spawn_limits l = { QUEUE_RUN_OUTPUT_MAX, QUEUE_RUN_ERR_MAX, timeout_ms, 0,
	    cancel_fd };
	enum status st;

	/* posix_spawn's prototype predates const; it does not change the strings. */
	if ((st = spawn_start(c, path, (char *const *)(void *)argv, err)) != STATUS_OK)
		return st;
	return spawn_wait(c, &l);
}

/*
 * SPOOL/msglog from "spool_directory = SPOOL" (exim -bP); NULL unless
 * SPOOL is an absolute path as written: a "$" setting is expanded by Exim
 * at run time in ways we cannot repeat.
 */
static char *
msglog_of(const char *text, size_t len)
{
	static const char name[] = "spool_directory";
	const char *p = text, *end = text + len;
	struct buf b = BUF_INIT;

	if (len < sizeof(name) - 1 || memcmp(p, name, sizeof(name) - 1) != 0)
		return NULL;
	p += sizeof(name) - 1;
	while (p < end && *p == ' ')
		p++;
	if (p == end || *p++ != '=')
		return NULL;
	while (p < end && *p == ' ')
		p++;
	while (end > p && (end[-1] == '\n' || end[-1] == '\r' || end[-1] == ' ' ||
	    end[-1] == '/'))
		end--;
	if (p == end || *p != '/' || end - p > 4000)
		return NULL;
	for (const char *c = p; c < end; c++)
		if ((unsigned char)*c < 0x20 || *c == '$')
			return NULL;
	buf_add(&b, p, (size_t)(end - p));
	buf_adds(&b, "/msglog");
	return buf_steal(&b);
}

/* Asks the Exim at path (with -C conf) where its msglog files are; NULL when it cannot say. */
static char *
exim_msglog(const char *path, const char *conf, int timeout_ms, int cancel_fd)
{
	struct spawn c;
	const char *argv[6];
	size_t argc = 0;
	char *err = NULL, *dir = NULL;
	enum status st;

	argv[argc++] = path;
	if (conf != NULL) {
		argv[argc++] = "-C";
		argv[argc++] = conf;
	}
	argv[argc++] = "-bP";
	argv[argc++] = "spool_directory";
	argv[argc] = NULL;
	if ((st = run(&c, path, argv, timeout_ms, cancel_fd, &err)) == STATUS_COMMAND) {
		free(err);
		return NULL;
	}
	if (st == STATUS_OK && WIFEXITED(c.wstatus) && WEXITSTATUS(c.wstatus) == 0)
		dir = msglog_of(c.text.data ? c.text.data : "", c.text.len);
	spawn_free(&c);
	return dir;
}

enum status
queue_run_with(const struct queue_run_opts *o, struct queue_output *out, char **err)
{
	struct spawn c;
	const char *path, *argv[6];
	size_t argc = 0;
	enum queue_mta mta;
	enum status st;
	int timeout = o->timeout_ms > 0 ? o->timeout_ms : QUEUE_RUN_TIMEOUT_MS;
	long long start = clock_ms(), left;

	memset(out, 0, sizeof(*out));
	*err = NULL;
	if (o->command != NULL) {
		path = o->command;
		if ((mta = o->mta) == QUEUE_MTA_AUTO &&
		    (mta = queue_run_mta_named(path)) == QUEUE_MTA_AUTO) {
			*err = xstrdup(path);
			return STATUS_INVALID;
		}
	} else if ((path = queue_run_find(o->mta)) == NULL) {
		return STATUS_NO_MTA;
	} else {
		mta = mta_of(path);
	}
	if ((o->config_dir != NULL && mta != QUEUE_MTA_POSTFIX) ||
	    (o->exim_config != NULL && mta != QUEUE_MTA_EXIM))
		return STATUS_INVALID;
	argv[argc++] = path;
	if (mta == QUEUE_MTA_POSTFIX) {
		if (o->config_dir != NULL) {
			argv[argc++] = "-c";
			argv[argc++] = o->config_dir;
		}
		argv[argc++] = "-j";
	} else {
		if (o->exim_config != NULL) {
			argv[argc++] = "-C";
			argv[argc++] = o->exim_config;
		}
		argv[argc++] = "-bp";
	}
	argv[argc] = NULL;
	if ((st = run(&c, path, argv, timeout, o->cancel_fd, err)) == STATUS_COMMAND)
		return st;
	if (st == STATUS_TIMEOUT || st == STATUS_TOO_LARGE || st == STATUS_CANCELLED)
		*err = xstrdup(path);
	else if (st == STATUS_OK && (!WIFEXITED(c.wstatus) || WEXITSTATUS(c.wstatus) != 0)) {
		*err = child_error(&c, path);
		st = STATUS_COMMAND;
	} else if (st != STATUS_OK) {
		*err = xstrdup(path);
	}
	if (st != STATUS_OK) {
		spawn_free(&c);
		return st;
	}
	out->len = c.text.len;
	buf_addc(&c.text, '\0');
	out->text = buf_steal(&c.text);
	out->format = mta == QUEUE_MTA_POSTFIX ? QUEUE_FORMAT_POSTFIX : QUEUE_FORMAT_EXIM;
	out->mta = mta == QUEUE_MTA_POSTFIX ? "postfix" : "exim";
	spawn_free(&c);
	/* The same deadline covers both commands. */
	left = timeout - (clock_ms() - start);
	if (mta == QUEUE_MTA_EXIM && left > 0 && !cancelled(o->cancel_fd))
		out->exim_msglog = exim_msglog(path, o->exim_config, (int)left, o->cancel_fd);
	return STATUS_OK;
}

enum status
queue_run(int timeout_ms, struct queue_output *out, char **err)
{
	struct queue_run_opts o = { .mta = QUEUE_MTA_AUTO, .timeout_ms = timeout_ms,
	    .cancel_fd = -1 };

	return queue_run_with(&o, out, err);
}

void
queue_output_free(struct queue_output *out)
{
	if (out == NULL)
		return;
	free(out->text);
	free(out->exim_msglog);
	memset(out, 0, sizeof(*out));
}
