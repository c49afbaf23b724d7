/*
 * pipe2() and posix_spawn_file_actions_addclosefrom_np() are GNU
 * extensions; the feature macro must come before every header.
 */
#define _GNU_SOURCE
#include "core/shared/spawn.h"

#include "core/shared/clock.h"
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* glibc 2.34 can close every other descriptor in the child itself. */
#if defined(__GLIBC__) && (__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 34))
#define SPAWN_CLOSEFROM 1
#endif

#define NEVER LLONG_MAX
/* While both pipes are closed, look for the child's exit this often. */
#define REAP_POLL_MS 10

extern char **environ;

static void
close_pair(int p[2])
{
	if (p[0] >= 0)
		close(p[0]);
	if (p[1] >= 0)
		close(p[1]);
	p[0] = p[1] = -1;
}

/*
 * The child's side: stdin /dev/null, stdout and stderr the pipes, the
 * rest closed (our pipes are close-on-exec anyway; descriptors other
 * libraries opened without O_CLOEXEC, or another thread's pipes of the
 * same moment, are not ours to hand on), signals as a fresh program's.
 */
static int
child_setup(posix_spawn_file_actions_t *fa, posix_spawnattr_t *at, int out, int err)
{
	sigset_t none, all;
	int e;

	sigemptyset(&none);
	sigfillset(&all);
	if ((e = posix_spawn_file_actions_addopen(fa, STDIN_FILENO, "/dev/null", O_RDONLY,
	    0)) != 0 ||
	    (e = posix_spawn_file_actions_adddup2(fa, out, STDOUT_FILENO)) != 0 ||
	    (e = posix_spawn_file_actions_adddup2(fa, err, STDERR_FILENO)) != 0)
		return e;
#ifdef SPAWN_CLOSEFROM
	if ((e = posix_spawn_file_actions_addclosefrom_np(fa, STDERR_FILENO + 1)) != 0)
		return e;
#endif
	if ((e = posix_spawnattr_setsigmask(at, &none)) != 0 ||
	    (e = posix_spawnattr_setsigdefault(at, &all)) != 0)
		return e;
	return posix_spawnattr_setflags(at, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
}

enum status
spawn_start(struct spawn *c, const char *path, char *const argv[], char **err)
{
	posix_spawn_file_actions_t fa;
	posix_spawnattr_t at;
	int po[2] = { -1, -1 }, pe[2] = { -1, -1 }, e;

	memset(c, 0, sizeof(*c));
	c->pid = -1;
	c->out = c->err = -1;
	*err = NULL;
	if (pipe2(po, O_CLOEXEC) != 0 || pipe2(pe, O_CLOEXEC) != 0) {
		e = errno;
		close_pair(po);
		close_pair(pe);
		*err = xstrdup(strerror(e));
		return STATUS_COMMAND;
	}
	posix_spawn_file_actions_init(&fa);
	posix_spawnattr_init(&at);
	if ((e = child_setup(&fa, &at, po[1], pe[1])) == 0)
		e = posix_spawn(&c->pid, path, &fa, &at, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	posix_spawnattr_destroy(&at);
	close(po[1]);
	close(pe[1]);
	if (e != 0) {
		close(po[0]);
		close(pe[0]);
		c->pid = -1;
		*err = xstrdup(strerror(e));
		return STATUS_COMMAND;
	}
	c->out = po[0];
	c->err = pe[0];
	return STATUS_OK;
}

/*
 * The terminal stays the child's: only stdin may change (to the pipe);
 * the rest as in child_setup(), except the dispositions, which the
 * caller chooses (reset).
 */
static int
terminal_setup(posix_spawn_file_actions_t *fa, posix_spawnattr_t *at, int in,
    const sigset_t *reset)
{
	short flags = POSIX_SPAWN_SETSIGMASK;
	sigset_t none;
	int e;

	sigemptyset(&none);
	if (in >= 0 && (e = posix_spawn_file_actions_adddup2(fa, in, STDIN_FILENO)) != 0)
		return e;
#ifdef SPAWN_CLOSEFROM
	if ((e = posix_spawn_file_actions_addclosefrom_np(fa, STDERR_FILENO + 1)) != 0)
		return e;
#endif
	if ((e = posix_spawnattr_setsigmask(at, &none)) != 0)
		return e;
	if (reset != NULL) {
		if ((e = posix_spawnattr_setsigdefault(at, reset)) != 0)
			return e;
		flags |= POSIX_SPAWN_SETSIGDEF;
	}
	return posix_spawnattr_setflags(at, flags);
}

enum status
spawn_terminal(const char *file, char *const argv[], const sigset_t *reset, pid_t *pid,
    int *to_child, char **err)
{
	posix_spawn_file_actions_t fa;
	posix_spawnattr_t at;
	int p[2] = { -1, -1 }, e;

	*pid = -1;
	*err = NULL;
	if (to_child != NULL) {
		*to_child = -1;
		if (pipe2(p, O_CLOEXEC) != 0) {
			*err = xstrdup(strerror(errno));
			return STATUS_COMMAND;
		}
	}
	posix_spawn_file_actions_init(&fa);
	posix_spawnattr_init(&at);
	if ((e = terminal_setup(&fa, &at, p[0], reset)) == 0)
		e = posix_spawnp(pid, file, &fa, &at, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	posix_spawnattr_destroy(&at);
	if (p[0] >= 0)
		close(p[0]);
	if (e != 0) {
		if (p[1] >= 0)
			close(p[1]);
		*pid = -1;
		*err = xstrdup(strerror(e));
		return STATUS_COMMAND;
	}
	if (to_child != NULL)
		*to_child = p[1];
	return STATUS_OK;
}

void
spawn_terminal_wait(pid_t pid, int *wstatus)
{
	*wstatus = 0;
	while (waitpid(pid, wstatus, 0) < 0 && errno == EINTR)
		;
}

enum drain { DRAIN_EOF, DRAIN_DATA, DRAIN_NONE };

/* Reads what fd has into b (at most max bytes kept; *over past that). */
static enum drain
drain(int fd, struct buf *b, size_t max, bool *over)
{
	char tmp[65536];
	ssize_t n = read(fd, tmp, sizeof(tmp));

	if (n < 0)
		return errno == EINTR || errno == EAGAIN ? DRAIN_NONE : DRAIN_EOF;
	if (n == 0)
		return DRAIN_EOF;
	if (b->len + (size_t)n > max) {
		*over = true;
		n = (ssize_t)(max - b->len);
	}
	buf_add(b, tmp, (size_t)n);
	return DRAIN_DATA;
}

static void
close_fd(int *fd)
{
	if (*fd >= 0)
		close(*fd);
	*fd = -1;
}

/* Kills the child by its PID (if it still runs) and reaps it. */
static void
reap(struct spawn *c)
{
	if (c->pid <= 0)
		return;
	kill(c->pid, SIGKILL);
	while (waitpid(c->pid, &c->wstatus, 0) < 0 && errno == EINTR)
		;
	c->pid = -1;
}

/* The poll() timeout until the nearest of two deadlines; 0: one has passed. */
static int
until(long long a, long long b, int cap)
{
	long long end = a < b ? a : b, left;

	if (end == NEVER)
		return cap;
	left = end - clock_ms();
	if (left <= 0)
		return 0;
	if (cap >= 0 && left > cap)
		return cap;
	return left > INT_MAX ? INT_MAX : (int)left;
}

enum status
spawn_wait(struct spawn *c, const struct spawn_limits *l)
{
	long long deadline = l->timeout_ms > 0 ? clock_ms() + l->timeout_ms : NEVER;
	long long idle_end = l->idle_ms > 0 ? clock_ms() + l->idle_ms : NEVER;
	bool over = false, errover = false;
	enum status st = STATUS_OK;

	while (c->pid > 0) {
		struct pollfd pf[3] = { { c->out, POLLIN, 0 }, { c->err, POLLIN, 0 },
		    { l->cancel_fd, POLLIN, 0 } };
		bool open = c->out >= 0 || c->err >= 0;
		int ms;

		/* Both pipes closed: the child exits, unless it lingers past a limit. */
		if (!open) {
			pid_t r = waitpid(c->pid, &c->wstatus, WNOHANG);

			if (r == c->pid || (r < 0 && errno != EINTR)) {
				c->pid = -1;
				break;
			}
		}
		if ((ms = until(deadline, idle_end, open ? -1 : REAP_POLL_MS)) == 0) {
			st = STATUS_TIMEOUT;
			break;
		}
		/* poll() skips the entries whose descriptor is -1. */
		if (poll(pf, 3, ms) < 0 && errno != EINTR) {
			st = STATUS_IO;
			break;
		}
		if (pf[2].revents != 0) {
			st = STATUS_CANCELLED;
			break;
		}
		if (pf[0].revents != 0) {
			enum drain d = drain(c->out, &c->text, l->out_max, &over);

			if (d == DRAIN_EOF)
				close_fd(&c->out);
			else if (d == DRAIN_DATA && l->idle_ms > 0)
				idle_end = clock_ms() + l->idle_ms;
			if (over) {
				st = STATUS_TOO_LARGE;
				break;
			}
		}
		/* stderr past its cap is read and dropped, so the child never blocks. */
		if (pf[1].revents != 0 && drain(c->err, &c->errtext, l->err_max, &errover) ==
		    DRAIN_EOF)
			close_fd(&c->err);
	}
	reap(c);
	close_fd(&c->out);
	close_fd(&c->err);
	return st;
}

char *
spawn_describe(const struct spawn *c)
{
	struct buf b = BUF_INIT;

	if (WIFEXITED(c->wstatus))
		buf_printf(&b, "exited with status %d", WEXITSTATUS(c->wstatus));
	else if (WIFSIGNALED(c->wstatus))
		buf_printf(&b, "killed by signal %d", WTERMSIG(c->wstatus));
	else
		buf_adds(&b, "failed");
	return buf_steal(&b);
}

void
spawn_free(struct spawn *c)
{
	if (c == NULL)
		return;
	reap(c);
	close_fd(&c->out);
	close_fd(&c->err);
	buf_free(&c->text);
	buf_free(&c->errtext);
}
