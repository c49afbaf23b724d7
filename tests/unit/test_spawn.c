/*
 * Unit tests for core/shared/spawn.c: output and exit status, stdin from
 * /dev/null, no inherited descriptors, the caps, the whole-run and idle
 * deadlines, cancelling, a child that lingers after closing its pipes,
 * and that every way out reaps the child (no child left, not even a
 * zombie).  The children are /bin/sh scripts: the tests need a program
 * that misbehaves on demand; production callers run fixed binaries.
 */
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
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
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
