/* Running other programs: argv only (never a shell), terminal handed over and back. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/shared/cmdline.h"
#include "tui/tui.h"

int
external_run(struct tui *t, char *const *argv, const char *data, size_t len, bool wait_key)
{
	struct sigaction ign, old_int, old_quit, old_pipe;
	int fd[2] = { -1, -1 }, status = 0, c;
	pid_t pid;

	def_prog_mode();
	endwin();
	memset(&ign, 0, sizeof(ign));
	ign.sa_handler = SIG_IGN;
	sigaction(SIGINT, &ign, &old_int);
	sigaction(SIGQUIT, &ign, &old_quit);
	sigaction(SIGPIPE, &ign, &old_pipe);
	if (data != NULL && pipe(fd) != 0) {
		tui_msg(t, true, "pipe: %s", strerror(errno));
		goto restore;
	}
	if ((pid = fork()) < 0) {
		tui_msg(t, true, "fork: %s", strerror(errno));
		goto restore;
	}
	if (pid == 0) {
		sigaction(SIGINT, &old_int, NULL);
		sigaction(SIGQUIT, &old_quit, NULL);
		sigaction(SIGPIPE, &old_pipe, NULL);
		if (data != NULL) {
			dup2(fd[0], STDIN_FILENO);
			close(fd[0]);
			close(fd[1]);
		}
		execvp(argv[0], argv);
		fprintf(stderr, "bounceq: cannot run %s: %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	if (data != NULL) {
		size_t off = 0;
		ssize_t n;

		close(fd[0]);
		while (off < len && ((n = write(fd[1], data + off, len - off)) > 0 ||
		    (n < 0 && errno == EINTR)))
			off += n > 0 ? (size_t)n : 0;
		close(fd[1]);
	}
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
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
restore:
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGQUIT, &old_quit, NULL);
	sigaction(SIGPIPE, &old_pipe, NULL);
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
