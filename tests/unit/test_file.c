/* Unit tests for reading whole files with a cap (core/shared/file.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "core/shared/file.h"

static char path[64];

static void
write_file(size_t n)
{
	FILE *f;

	snprintf(path, sizeof(path), "/tmp/bounceq-test-file-%ld", (long)getpid());
	f = fopen(path, "wb");
	assert_non_null(f);
	for (size_t i = 0; i < n; i++)
		fputc('a' + (int)(i % 26), f);
	fclose(f);
}

static void
check(size_t n, size_t max, enum status want)
{
	char *data;
	size_t len;

	write_file(n);
	assert_int_equal(file_read(path, max, &data, &len), want);
	if (want == STATUS_OK) {
		assert_int_equal(len, n);
		assert_int_equal(data[n], '\0');
		for (size_t i = 0; i < n; i++)
			assert_int_equal(data[i], 'a' + (int)(i % 26));
		free(data);
	} else {
		assert_null(data);
	}
	unlink(path);
}

static void
test_sizes_and_caps(void **state)
{
	(void)state;
	check(0, 100, STATUS_OK);
	check(1, 100, STATUS_OK);
	check(100, 100, STATUS_OK);		/* exactly the cap */
	check(101, 100, STATUS_TOO_LARGE);
	check(65535, 1 << 20, STATUS_OK);
	check(65536, 1 << 20, STATUS_OK);
	check(65537, 1 << 20, STATUS_OK);	/* past one chunk */
	check(300000, 1 << 20, STATUS_OK);
	check(300000, 200000, STATUS_TOO_LARGE);
	check(10, SIZE_MAX, STATUS_OK);		/* no cap to speak of */
}

static void
test_errors(void **state)
{
	(void)state;
	char *data;
	size_t len;

	assert_int_equal(file_read("/nonexistent/x", 10, &data, &len), STATUS_NOENT);
	assert_null(data);
	assert_int_equal(file_read("/", 10, &data, &len), STATUS_IO);
	assert_null(data);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sizes_and_caps),
		cmocka_unit_test(test_errors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
