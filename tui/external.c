/*
 * Running other programs: argv only (never a shell), the terminal handed
 * over and back.  They start through spawn_terminal() (core/shared/spawn.h,
 * with posix_spawn): the TUI has threads (the index load, the queue
 * worker), and a child forked from it would start with copies of locks
 * those threads may hold.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/shared/cmdline.h"
#include "core/shared/spawn.h"
#include "tui/tui.h"

/* Ignored by bounceq while the child has the terminal: a Ctrl-C is the child's. */
static const int ignored[] = { SIGINT, SIGQUIT, SIGPIPE };
#define NIGNORED (sizeof(ignored) / sizeof(ignored[0]))

/* Writes data to the child's stdin; a child that stops reading ends it (EPIPE). */
static void
feed(int fd, const char *data, size_t len)
{
	size_t off = 0;
	ssize_t n;

	while (off < len && ((n = write(fd, data + off, len - off)) > 0 ||
	    (n < 0 && errno == EINTR)))
		off += n > 0 ? (size_t)n : 0;
	close(fd);
}

int
external_run(struct tui *t, char *const *argv, const char *data, size_t len, bool wait_key)
{
	struct sigaction ign, old[NIGNORED];
	sigset_t reset;
	int fd = -1, status = 0, c;
	pid_t pid;
	char *err = NULL;

	def_prog_mode();
	endwin();
	memset(&ign, 0, sizeof(ign));
	ign.sa_handler = SIG_IGN;
	sigemptyset(&reset);
	for (size_t i = 0; i < NIGNORED; i++) {
		sigaction(ignored[i], &ign, &old[i]);
		/* The child gets what bounceq had: caught or default is default, ignored stays. */
		if ((old[i].sa_flags & SA_SIGINFO) != 0 || old[i].sa_handler != SIG_IGN)
			sigaddset(&reset, ignored[i]);
	}
	if (spawn_terminal(argv[0], argv, &reset, &pid, data != NULL ? &fd : NULL, &err) !=
	    STATUS_OK) {
		/* Said where the program's own words would have been; a shell's 127. */
		fprintf(stderr, "bounceq: cannot run %s: %s\n", argv[0], err);
		free(err);
		status = W_EXITCODE(127, 0);
	} else {
		if (fd >= 0)
			feed(fd, data, len);
		spawn_terminal_wait(pid, &status);
	}
	if (wait_key) {
		fputs("\n[press Enter to return to bounceq]", stdout);
		fflush(stdout);
		while ((c = getchar()) != EOF && c != '\n' && c != '\r')
			;
	}
	if (WIFEXITED(status) && WEXITSTATUS(status) != 0)
		tui_msg(t, true, "%s exited with status %d", argv[0], WEXITSTATUS(status));
	else if (WIFSIGNALED(status))
		tui_msg(t, true, "%s was killed by signal %d", argv[0], WTERMSIG(status));
	else
		tui_msg(t, false, "%s finished", argv[0]);
	for (size_t i = 0; i < NIGNORED; i++)
		sigaction(ignored[i], &old[i], NULL);
	reset_prog_mode();
	clearok(curscr, TRUE);
	refresh();
	return status;
}

void
external_pipe(struct tui *t, const char *cmdline, const char *data, size_t len)
{
	char **argv;
	size_t argc;

	if (cmdline_split(cmdline, &argv, &argc) != STATUS_OK || argc == 0) {
		tui_msg(t, true, "no command (or unbalanced quotes)");
		cmdline_free(argv);
		return;
	}
	external_run(t, argv, data, len, true);
	cmdline_free(argv);
}

void
external_pager(struct tui *t, const char *file)
{
	const char *pager = getenv("PAGER");
	char **argv, **v2;
	size_t argc;

	if (pager == NULL || *pager == '\0')
		pager = "less";
	if (cmdline_split(pager, &argv, &argc) != STATUS_OK || argc == 0) {
		tui_msg(t, true, "cannot parse $PAGER");
		cmdline_free(argv);
		return;
	}
	v2 = xrealloc(argv, (argc + 2) * sizeof(char *));
	v2[argc] = xstrdup(file);
	v2[argc + 1] = NULL;
	external_run(t, v2, NULL, 0, false);
	cmdline_free(v2);
}
