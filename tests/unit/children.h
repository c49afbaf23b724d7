/*
 * children — a shared helper for the unit tests that start processes
 * (test_spawn, test_index): every child has been reaped.  Include after
 * <cmocka.h>.
 */
#ifndef BOUNCEQ_TEST_CHILDREN_H
#define BOUNCEQ_TEST_CHILDREN_H

#include <errno.h>
#include <sys/wait.h>

/* This process has no child left, not even a zombie. */
static inline void
assert_no_child(void)
{
	errno = 0;
	assert_int_equal(waitpid(-1, NULL, WNOHANG), -1);
	assert_int_equal(errno, ECHILD);
}

#endif
