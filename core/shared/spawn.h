/*
 * spawn — running another program and reading what it writes, with caps
 * and a deadline; stopping it by its PID.  One spawner for every child
 * bounceq starts: the MTA's queue command (core/queue/queue_run.h), the
 * notmuch query helper (core/index/index.h), and through spawn_terminal()
 * the programs the TUI hands the terminal to (tui/external.c).
 *
 * The child starts with posix_spawn(), never a plain fork(): no code of
 * ours runs between fork and exec, so a parent with threads (the TUI)
 * hands the child no lock another thread held at that moment (a fork()
 * copies the allocator's and the libraries' locks in whatever state they
 * are; a child that then calls malloc can wait for ever).  path is run as
 * given, never looked up in $PATH, with a fixed argument vector (no
 * shell), the parent's environment, stdin from /dev/null, stdout and
 * stderr on pipes, every other descriptor closed, default signal
 * dispositions and an empty signal mask.
 *
 * Call sequence:
 *	struct spawn c;
 *	struct spawn_limits l = { .out_max = ..., .err_max = ..., .timeout_ms = ...,
 *	    .idle_ms = ..., .cancel_fd = -1 };
 *	if (spawn_start(&c, path, argv, &err) != STATUS_OK) { use err; free(err); }
 *	st = spawn_wait(&c, &l);	reads both pipes; the child is reaped
 *	use c.text, c.errtext, c.wstatus (waitpid() status: WIFEXITED...)
 *	spawn_free(&c);
 * spawn_wait() always reaps the child before it returns: past a limit,
 * or when cancel_fd becomes readable, it kills it (SIGKILL, by PID) and
 * waits for it, so no child outlives the call and none is left a zombie.
 * Both buffers belong to c until spawn_free() (or buf_steal()).  Never
 * prints.
 *
 * spawn_terminal() is the one variant, for a program the user named that
 * takes the terminal over while the caller waits for it (the TUI's $PAGER
 * and pipe commands, after endwin()): file is looked up in $PATH as
 * execvp() does (but a file without a #! line is not handed to /bin/sh),
 * stdin, stdout and stderr are the caller's (stdin a pipe when to_child is
 * given), every other descriptor is closed, the signal mask is empty, and
 * the signals in reset start with their default action (the ones the
 * caller ignores only while the child runs; the others keep what exec
 * gives them: caught become default, ignored stay ignored).  Nothing is
 * read from it and there is no deadline: the user ends it.
 *	if (spawn_terminal(file, argv, &reset, &pid, &fd, &err) != STATUS_OK)
 *		{ the program cannot run: err says why; free(err); }
 *	write the data to fd; close(fd);
 *	spawn_terminal_wait(pid, &wstatus);
 */
#ifndef BOUNCEQ_SPAWN_H
#define BOUNCEQ_SPAWN_H

#include <signal.h>
#include <stddef.h>
#include <sys/types.h>

#include "core/shared/buf.h"
#include "core/shared/status.h"

struct spawn {
	pid_t pid;		/* -1 once reaped */
	int out, err;		/* read ends of the pipes; -1 once closed */
	struct buf text;	/* what it wrote on stdout */
	struct buf errtext;	/* what it wrote on stderr, up to err_max */
	int wstatus;		/* from waitpid(), once reaped */
};

struct spawn_limits {
	size_t out_max;		/* more stdout than this: killed, STATUS_TOO_LARGE */
	size_t err_max;		/* stderr past this is read and dropped */
	int timeout_ms;		/* the whole run; <= 0: no limit */
	int idle_ms;		/* no stdout for this long; <= 0: no limit */
	int cancel_fd;		/* readable: killed, STATUS_CANCELLED; -1: none */
};

/*
 * Starts path with argv (argv[0] included, NULL-terminated).  On failure
 * (no pipes, path cannot be run) returns STATUS_COMMAND with *err a new
 * string the caller frees, and c holds nothing to free.
 */
enum status spawn_start(struct spawn *c, const char *path, char *const argv[], char **err);

/*
 * Reads the child's output until it closed both pipes and exited, or a
 * limit or the cancel descriptor ends the run (the child is then
 * killed).  Returns STATUS_OK (whatever the exit status: see c->wstatus),
 * STATUS_TIMEOUT, STATUS_TOO_LARGE, STATUS_CANCELLED, or STATUS_IO when
 * poll() itself fails.  Set a timeout, an
 * idle limit or a cancel descriptor: without any, a hung child is waited
 * for as long as it hangs.  cancel_fd is only polled, never read, so one
 * byte written to it stops every later run too.
 */
enum status spawn_wait(struct spawn *c, const struct spawn_limits *l);

/*
 * Starts file (argv[0] included, NULL-terminated), as described above.
 * to_child: NULL keeps the caller's stdin; else the child's stdin is a
 * new pipe and *to_child its write end (close-on-exec), which the caller
 * writes and closes.  reset may be NULL.  On failure (no pipe, file not
 * found or not runnable) returns STATUS_COMMAND with *err a new string
 * (strerror's words) the caller frees; no child runs and no descriptor is
 * left open.
 */
enum status spawn_terminal(const char *file, char *const argv[], const sigset_t *reset,
    pid_t *pid, int *to_child, char **err);

/* Waits for a child of spawn_terminal() to end and reaps it; *wstatus as from waitpid(). */
void spawn_terminal_wait(pid_t pid, int *wstatus);

/* How the child ended, in words ("exited with status 1"); a new string. */
char *spawn_describe(const struct spawn *c);

void spawn_free(struct spawn *c);

#endif
