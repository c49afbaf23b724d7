/*
 * Unit tests for core/shared/spawn.c: output and exit status, stdin from
 * /dev/null, no inherited descriptors, the caps, the whole-run and idle
 * deadlines, cancelling, a child that lingers after closing its pipes,
 * and that every way out reaps the child (no child left, not even a
 * zombie); spawn_terminal(): $PATH, data on stdin, the signals it resets
 * and those it leaves ignored, an empty mask, no inherited descriptors.  The children are /bin/sh scripts: the tests need a program
 * that misbehaves on demand; production callers run fixed binaries.
 */
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <cmocka.h>

#include "tests/unit/children.h"

#include "core/shared/clock.h"
#include "core/shared/spawn.h"

/* Runs `sh -c script` under l; *ms how long spawn_wait() took. */
static enum status
run(struct spawn *c, const char *script, const struct spawn_limits *l, long long *ms)
{
	const char *argv[] = { "sh", "-c", script, NULL };
	char *err = NULL;
	long long t0;
	enum status st;

	assert_int_equal(spawn_start(c, "/bin/sh", (char *const *)(void *)argv, &err),
	    STATUS_OK);
	assert_null(err);
	t0 = clock_ms();
	st = spawn_wait(c, l);
	*ms = clock_ms() - t0;
	assert_int_equal(c->pid, -1);
	assert_int_equal(c->out, -1);
	assert_int_equal(c->err, -1);
	assert_no_child();
	return st;
}

static void
test_output(void **state)
{
	struct spawn_limits l = { 1024, 1024, 10000, 0, -1 };
	struct spawn c;
	long long ms;
	char *how;

	(void)state;
	assert_int_equal(run(&c, "printf hello; printf oops >&2; exit 3", &l, &ms), STATUS_OK);
	assert_string_equal(c.text.data, "hello");
	assert_string_equal(c.errtext.data, "oops");
	assert_true(WIFEXITED(c.wstatus));
	assert_int_equal(WEXITSTATUS(c.wstatus), 3);
	how = spawn_describe(&c);
	assert_string_equal(how, "exited with status 3");
	free(how);
	spawn_free(&c);
	/* stdin is /dev/null: cat ends at once. */
	assert_int_equal(run(&c, "cat; echo done", &l, &ms), STATUS_OK);
	assert_string_equal(c.text.data, "done\n");
	spawn_free(&c);
	/* Killed by a signal. */
	assert_int_equal(run(&c, "kill -9 $$", &l, &ms), STATUS_OK);
	how = spawn_describe(&c);
	assert_string_equal(how, "killed by signal 9");
	free(how);
	spawn_free(&c);
}

static void
test_no_inherited_fds(void **state)
{
	struct spawn_limits l = { 1024, 1024, 10000, 0, -1 };
	struct spawn c;
	long long ms;
	int fd;

	(void)state;
	/* A descriptor without close-on-exec, as a library may leave one. */
	assert_true((fd = open("/dev/null", O_WRONLY)) >= 0);
	assert_int_equal(dup2(fd, 9), 9);
	assert_int_equal(run(&c, "echo x >&9 && echo inherited", &l, &ms), STATUS_OK);
	assert_null(strstr(c.text.data ? c.text.data : "", "inherited"));
	assert_int_not_equal(WEXITSTATUS(c.wstatus), 0);
	spawn_free(&c);
	close(9);
	close(fd);
}

static void
test_caps(void **state)
{
	struct spawn_limits l = { 1000, 10, 10000, 0, -1 };
	struct spawn c;
	long long ms;

	(void)state;
	/* Endless output: cut at the cap, the child killed. */
	assert_int_equal(run(&c, "exec yes", &l, &ms), STATUS_TOO_LARGE);
	assert_int_equal(c.text.len, 1000);
	spawn_free(&c);
	/* Too much stderr is dropped, not an error, and never blocks the child. */
	assert_int_equal(run(&c, "yes | head -c 200000 >&2; echo ok", &l, &ms), STATUS_OK);
	assert_int_equal(c.errtext.len, 10);
	assert_string_equal(c.text.data, "ok\n");
	spawn_free(&c);
}

static void
test_deadlines(void **state)
{
	struct spawn_limits total = { 1024, 1024, 300, 0, -1 };
	struct spawn_limits idle = { 1024, 1024, 0, 1000, -1 };
	struct spawn c;
	long long ms;

	(void)state;
	assert_int_equal(run(&c, "exec sleep 30", &total, &ms), STATUS_TIMEOUT);
	assert_true(ms >= 300 && ms < 5000);
	assert_true(WIFSIGNALED(c.wstatus));
	spawn_free(&c);
	/* Pipes closed, but the child stays: still bounded. */
	assert_int_equal(run(&c, "exec >&- 2>&-; exec sleep 30", &total, &ms), STATUS_TIMEOUT);
	assert_true(ms < 5000);
	spawn_free(&c);
	/* Output every 0.2 s for 1.6 s: the idle deadline (1 s) starts again. */
	assert_int_equal(run(&c, "for i in 1 2 3 4 5 6 7 8; do printf x; sleep 0.2; done", &idle,
	    &ms), STATUS_OK);
	assert_string_equal(c.text.data, "xxxxxxxx");
	assert_true(ms >= 1600);
	spawn_free(&c);
	/* Then silence: stopped a second after the last byte. */
	assert_int_equal(run(&c, "printf a; sleep 0.3; printf b; exec sleep 30", &idle, &ms),
	    STATUS_TIMEOUT);
	assert_string_equal(c.text.data, "ab");
	assert_true(ms >= 1300 && ms < 6000);
	spawn_free(&c);
}

static void
test_cancel(void **state)
{
	struct spawn_limits l = { 1024, 1024, 30000, 0, -1 };
	struct spawn c;
	long long ms;
	int p[2];

	(void)state;
	assert_int_equal(pipe(p), 0);
	l.cancel_fd = p[0];
	assert_int_equal(write(p[1], "", 1), 1);
	assert_int_equal(run(&c, "exec sleep 30", &l, &ms), STATUS_CANCELLED);
	assert_true(ms < 2000);
	spawn_free(&c);
	/* The byte is only polled: a second run is cancelled too. */
	assert_int_equal(run(&c, "exec sleep 30", &l, &ms), STATUS_CANCELLED);
	spawn_free(&c);
	close(p[0]);
	close(p[1]);
}

static void
test_cannot_start(void **state)
{
	const char *argv[] = { "nope", NULL };
	struct spawn c;
	char *err = NULL;

	(void)state;
	assert_int_equal(spawn_start(&c, "/nonexistent/program", (char *const *)(void *)argv,
	    &err), STATUS_COMMAND);
	assert_non_null(err);
	assert_non_null(strstr(err, "No such file"));
	assert_int_equal(c.pid, -1);
	free(err);
	spawn_free(&c);
	assert_no_child();
}

/* The hexadecimal mask on the line of /proc/PID/status that starts with field. */
static unsigned long long
status_mask(const char *text, const char *field)
{
	const char *p = strstr(text, field);

	assert_non_null(p);
	return strtoull(p + strlen(field), NULL, 16);
}

/*
 * Runs `sh -c script OUT` with spawn_terminal() (sh found in $PATH),
 * data on its stdin when not NULL; returns what the script wrote to the
 * file OUT ($1), a new string, and its wait status in *wstatus.
 */
static char *
run_terminal(const char *script, const sigset_t *reset, const char *data, int *wstatus)
{
	char dir[] = "/tmp/test_spawn.XXXXXX", out[64], *text, *err = NULL;
	const char *argv[] = { "sh", "-c", script, "sh", out, NULL };
	int fd = -1;
	pid_t pid;
	FILE *f;
	long n;

	assert_non_null(mkdtemp(dir));
	snprintf(out, sizeof(out), "%s/out", dir);
	assert_int_equal(spawn_terminal("sh", (char *const *)(void *)argv, reset, &pid,
	    data != NULL ? &fd : NULL, &err), STATUS_OK);
	assert_null(err);
	assert_true(pid > 0);
	if (data != NULL) {
		assert_true(fd >= 0);
		assert_int_equal(write(fd, data, strlen(data)), (ssize_t)strlen(data));
		close(fd);
	}
	spawn_terminal_wait(pid, wstatus);
	assert_no_child();
	text = xcalloc(1, 65536);
	if ((f = fopen(out, "r")) != NULL) {
		n = (long)fread(text, 1, 65535, f);
		text[n] = '\0';
		fclose(f);
	}
	unlink(out);
	rmdir(dir);
	return text;
}

static void
test_terminal(void **state)
{
	struct sigaction ign, old_int, old_quit;
	sigset_t reset, usr1, old_mask;
	char *text;
	int ws, fd;

	(void)state;
	/* The data on stdin, the exit status. */
	text = run_terminal("cat > \"$1\"; exit 4", NULL, "bob@example.com\n", &ws);
	assert_string_equal(text, "bob@example.com\n");
	assert_true(WIFEXITED(ws));
	assert_int_equal(WEXITSTATUS(ws), 4);
	free(text);

	/*
	 * The caller ignores SIGINT and SIGQUIT while the child runs and
	 * resets SIGINT only (as if SIGQUIT was ignored before): the child
	 * has SIGINT's default action, SIGQUIT still ignored; a signal
	 * blocked in the caller is not blocked in the child; a descriptor
	 * without close-on-exec is not inherited.
	 */
	memset(&ign, 0, sizeof(ign));
	ign.sa_handler = SIG_IGN;
	sigaction(SIGINT, &ign, &old_int);
	sigaction(SIGQUIT, &ign, &old_quit);
	sigemptyset(&reset);
	sigaddset(&reset, SIGINT);
	sigemptyset(&usr1);
	sigaddset(&usr1, SIGUSR1);
	sigprocmask(SIG_BLOCK, &usr1, &old_mask);
	assert_true((fd = open("/dev/null", O_WRONLY)) >= 0);
	assert_int_equal(dup2(fd, 9), 9);
	text = run_terminal("{ grep -E '^Sig(Ign|Blk):' /proc/self/status;"
	    " { echo x >&9; } 2>/dev/null && echo inherited; } > \"$1\"", &reset, NULL, &ws);
	close(9);
	close(fd);
	sigprocmask(SIG_SETMASK, &old_mask, NULL);
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGQUIT, &old_quit, NULL);
	assert_int_equal(status_mask(text, "SigIgn:") & (1ULL << (SIGINT - 1)), 0);
	assert_int_not_equal(status_mask(text, "SigIgn:") & (1ULL << (SIGQUIT - 1)), 0);
	assert_int_equal(status_mask(text, "SigBlk:"), 0);
	assert_null(strstr(text, "inherited"));
	free(text);
}

static void
test_terminal_cannot_start(void **state)
{
	const char *argv[] = { "bounceq-no-such-program", NULL };
	char *err = NULL;
	pid_t pid;
	int fd = 123;

	(void)state;
	assert_int_equal(spawn_terminal(argv[0], (char *const *)(void *)argv, NULL, &pid, &fd,
	    &err), STATUS_COMMAND);
	assert_non_null(err);
	assert_string_equal(err, strerror(ENOENT));
	assert_int_equal(pid, -1);
	assert_int_equal(fd, -1);
	free(err);
	assert_no_child();
	/* No descriptor left open: the next one is the lowest free, as before. */
	assert_true((fd = open("/dev/null", O_RDONLY)) >= 0);
	close(fd);
	assert_int_equal(spawn_terminal(argv[0], (char *const *)(void *)argv, NULL, &pid, NULL,
	    &err), STATUS_COMMAND);
	free(err);
	assert_int_equal(open("/dev/null", O_RDONLY), fd);
	close(fd);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_output),
		cmocka_unit_test(test_no_inherited_fds),
		cmocka_unit_test(test_caps),
		cmocka_unit_test(test_deadlines),
		cmocka_unit_test(test_cancel),
		cmocka_unit_test(test_cannot_start),
		cmocka_unit_test(test_terminal),
		cmocka_unit_test(test_terminal_cannot_start),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
