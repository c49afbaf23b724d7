/*
 * The filter language on any bytes: the first line is the expression, each
 * further line one string column of a row (recipient, domain, ...).  A
 * syntax error points inside the expression; a compiled filter matches.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/model/filter.h"
#include "core/model/row.h"
#include "core/shared/buf.h"
#include "tests/fuzz/check.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* 2026-11-28T12:00:00Z, as the unit tests. */
#define NOW ((time_t)1795867200)

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *p = (const char *)data, *end = p + size, *nl;
	struct filter *f = NULL;
	struct filter_error e;
	struct row r;
	char *expr;
	size_t c = 0;
	enum status st;

	memset(&r, 0, sizeof(r));
	nl = memchr(p, '\n', size);
	expr = xstrndup(p, nl ? (size_t)(nl - p) : size);
	for (p = nl ? nl + 1 : end; p < end && c < ROW_STR_COUNT; c++) {
		char *v;

		nl = memchr(p, '\n', (size_t)(end - p));
		v = xstrndup(p, nl ? (size_t)(nl - p) : (size_t)(end - p));
		row_set(&r, (enum row_str)c, v);
		free(v);
		p = nl ? nl + 1 : end;
	}
	r.date = NOW - 3600;
	r.hard = size & 1;
	st = filter_compile(expr, NOW, &f, &e);
	if (st == STATUS_OK) {
		CHECK(f != NULL);
		(void)filter_match(f, &r);
		filter_free(f);
	} else {
		CHECK(st == STATUS_SYNTAX && f == NULL);
		CHECK(e.pos <= strlen(expr));
		CHECK(memchr(e.msg, '\0', sizeof(e.msg)) != NULL);
	}
	row_clear(&r);
	free(expr);
	return 0;
}
