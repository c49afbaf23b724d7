/*
 * copyfile — a shared helper for the unit tests that build Maildirs
 * (test_index, test_workers): a whole file copied, failing the test on
 * any error.  Include after <cmocka.h> and core/shared/file.h.
 */
#ifndef BOUNCEQ_TEST_COPYFILE_H
#define BOUNCEQ_TEST_COPYFILE_H

#include <stdio.h>
#include <stdlib.h>

static inline void
test_copy_file(const char *from, const char *to)
{
	char *data;
	size_t len;
	FILE *f;

	assert_int_equal(file_read(from, 1 << 24, &data, &len), STATUS_OK);
	assert_non_null(f = fopen(to, "wb"));
	assert_int_equal(fwrite(data, 1, len, f), len);
	fclose(f);
	free(data);
}

#endif
