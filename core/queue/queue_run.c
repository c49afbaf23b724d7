#include "core/queue/queue_run.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "core/shared/buf.h"

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

/* What a child's two pipes gave, and how it ended. */
struct child {
	pid_t pid;
	int out, err;		/* read ends, -1 once at EOF */
	struct buf text, errtext;
	int wstatus;
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

static long long
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void
set_cloexec(int fd)
{
	fcntl(fd, F_SETFD, fcntl(fd, F_GETFD) | FD_CLOEXEC);
}

/* Forks and execs path with argv; only async-signal-safe calls in the child. */
static enum status
child_start(struct child *c, const char *path, char *const argv[], char **err)
{
	int po[2], pe[2], devnull;

	if (pipe(po) != 0)
		goto fail;
	if (pipe(pe) != 0) {
		close(po[0]);
		close(po[1]);
		goto fail;
	}
	set_cloexec(po[0]);
	set_cloexec(pe[0]);
	if ((c->pid = fork()) < 0) {
		close(po[0]);
		close(po[1]);
		close(pe[0]);
		close(pe[1]);
		goto fail;
	}
	if (c->pid == 0) {
		if ((devnull = open("/dev/null", O_RDONLY)) >= 0)
			dup2(devnull, 0);
		dup2(po[1], 1);
		dup2(pe[1], 2);
		execv(path, argv);
		_exit(127);
	}
	close(po[1]);
	close(pe[1]);
	c->out = po[0];
	c->err = pe[0];
	return STATUS_OK;
fail:
	*err = xstrdup(strerror(errno));
	return STATUS_COMMAND;
}

/* Reads what fd has into b (at most max bytes kept); false at EOF. */
static bool
drain(int fd, struct buf *b, size_t max, bool *over)
{
	char tmp[65536];
	ssize_t n = read(fd, tmp, sizeof(tmp));

	if (n < 0)
		return errno == EINTR || errno == EAGAIN;
	if (n == 0)
		return false;
	if (b->len + (size_t)n > max) {
		*over = true;
		n = (ssize_t)(max - b->len);
	}
	buf_add(b, tmp, (size_t)n);
	return true;
}

/*
 * Reads both pipes until EOF and the child's exit, or until the deadline:
 * then (or when stdout outgrows its cap) the child is killed by PID.
 */
static enum status
child_wait(struct child *c, int timeout_ms)
{
	long long deadline = now_ms() + timeout_ms;
	bool over = false, errover = false;
	enum status st = STATUS_OK;

	while (c->out >= 0 || c->err >= 0) {
		struct pollfd pf[2] = { { c->out, POLLIN, 0 }, { c->err, POLLIN, 0 } };
		long long left = deadline - now_ms();

		if (left <= 0) {
			st = STATUS_TIMEOUT;
			break;
		}
		if (poll(pf, 2, (int)(left > 1000 ? 1000 : left)) < 0 && errno != EINTR)
			break;
		if (c->out >= 0 && (pf[0].revents & (POLLIN | POLLHUP | POLLERR)) &&
		    !drain(c->out, &c->text, QUEUE_RUN_OUTPUT_MAX, &over)) {
			close(c->out);
			c->out = -1;
		}
		if (over) {
			st = STATUS_TOO_LARGE;
			break;
		}
		/* stderr past its cap is read and dropped, so the child never blocks. */
		if (c->err >= 0 && (pf[1].revents & (POLLIN | POLLHUP | POLLERR)) &&
		    !drain(c->err, &c->errtext, QUEUE_RUN_ERR_MAX, &errover)) {
			close(c->err);
			c->err = -1;
		}
	}
	/* Both pipes closed: the child exits, unless it lingers past the deadline. */
	while (st == STATUS_OK) {
		pid_t r = waitpid(c->pid, &c->wstatus, WNOHANG);

		if (r == c->pid) {
			c->pid = -1;
			break;
		}
		if (r < 0 && errno != EINTR) {
			c->pid = -1;
			st = STATUS_COMMAND;
			break;
		}
		if (now_ms() >= deadline) {
			st = STATUS_TIMEOUT;
			break;
		}
		poll(NULL, 0, 10);
	}
	if (c->pid > 0) {
		kill(c->pid, SIGKILL);
		while (waitpid(c->pid, &c->wstatus, 0) < 0 && errno == EINTR)
			;
		c->pid = -1;
	}
	if (c->out >= 0)
		close(c->out);
	if (c->err >= 0)
		close(c->err);
	c->out = c->err = -1;
	return st;
}

/* The child's stderr, trimmed, or a sentence about its exit; new string. */
static char *
child_error(const struct child *c, const char *path)
{
	struct buf b = BUF_INIT;
	size_t n = c->errtext.len;

	while (n > 0 && (c->errtext.data[n - 1] == '\n' || c->errtext.data[n - 1] == '\r' ||
	    c->errtext.data[n - 1] == ' '))
		n--;
	if (n > 0)
		buf_add(&b, c->errtext.data, n);
	else if (WIFEXITED(c->wstatus))
		buf_printf(&b, "%s exited with status %d", path, WEXITSTATUS(c->wstatus));
	else if (WIFSIGNALED(c->wstatus))
		buf_printf(&b, "%s killed by signal %d", path, WTERMSIG(c->wstatus));
	else
		buf_printf(&b, "%s failed", path);
	return buf_steal(&b);
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
exim_msglog(const char *path, const char *conf, int timeout_ms)
{
	struct child c = { -1, -1, -1, BUF_INIT, BUF_INIT, 0 };
	const char *argv[6];
	size_t argc = 0;
	char *err = NULL, *dir = NULL;

	argv[argc++] = path;
	if (conf != NULL) {
		argv[argc++] = "-C";
		argv[argc++] = conf;
	}
	argv[argc++] = "-bP";
	argv[argc++] = "spool_directory";
	argv[argc] = NULL;
	if (child_start(&c, path, (char *const *)(void *)argv, &err) != STATUS_OK) {
		free(err);
		return NULL;
	}
	if (child_wait(&c, timeout_ms) == STATUS_OK && WIFEXITED(c.wstatus) &&
	    WEXITSTATUS(c.wstatus) == 0)
		dir = msglog_of(c.text.data ? c.text.data : "", c.text.len);
	buf_free(&c.text);
	buf_free(&c.errtext);
	return dir;
}

enum status
queue_run_with(const struct queue_run_opts *o, struct queue_output *out, char **err)
{
	struct child c = { -1, -1, -1, BUF_INIT, BUF_INIT, 0 };
	const char *path, *argv[6];
	size_t argc = 0;
	enum queue_mta mta;
	enum status st;
	int timeout = o->timeout_ms > 0 ? o->timeout_ms : QUEUE_RUN_TIMEOUT_MS;
	long long start = now_ms(), left;

	memset(out, 0, sizeof(*out));
	*err = NULL;
	if ((path = queue_run_find(o->mta)) == NULL)
		return STATUS_NO_MTA;
	mta = mta_of(path);
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
	/* execv's prototype predates const; it does not change the strings. */
	if ((st = child_start(&c, path, (char *const *)(void *)argv, err)) != STATUS_OK)
		return st;
	st = child_wait(&c, timeout);
	if (st == STATUS_TIMEOUT)
		*err = xstrdup(path);
	else if (st == STATUS_TOO_LARGE)
		*err = xstrdup(path);
	else if (st == STATUS_OK && (!WIFEXITED(c.wstatus) || WEXITSTATUS(c.wstatus) != 0)) {
		*err = child_error(&c, path);
		st = STATUS_COMMAND;
	} else if (st != STATUS_OK) {
		*err = xstrdup(path);
	}
	if (st != STATUS_OK) {
		buf_free(&c.text);
		buf_free(&c.errtext);
		return st;
	}
	out->len = c.text.len;
	buf_addc(&c.text, '\0');
	out->text = buf_steal(&c.text);
	out->format = mta == QUEUE_MTA_POSTFIX ? QUEUE_FORMAT_POSTFIX : QUEUE_FORMAT_EXIM;
	out->mta = mta == QUEUE_MTA_POSTFIX ? "postfix" : "exim";
	buf_free(&c.errtext);
	/* The same deadline covers both commands. */
	left = timeout - (now_ms() - start);
	if (mta == QUEUE_MTA_EXIM && left > 0)
		out->exim_msglog = exim_msglog(path, o->exim_config, (int)left);
	return STATUS_OK;
}

enum status
queue_run(int timeout_ms, struct queue_output *out, char **err)
{
	struct queue_run_opts o = { QUEUE_MTA_AUTO, NULL, NULL, timeout_ms };

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
