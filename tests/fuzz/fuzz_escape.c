/*
 * escape_text() on any bytes: the result holds no control character
 * (C0, DEL, C1), no bidi control, and is valid UTF-8.
 */
#include <stddef.h>
#include <stdint.h>

#include "core/shared/buf.h"
#include "core/shared/escape.h"
#include "tests/fuzz/check.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct buf out = BUF_INIT;
	const unsigned char *p;
	size_t i = 0, len;
	uint32_t cp;

	escape_text(&out, (const char *)data, size);
	p = (const unsigned char *)out.data;
	while (i < out.len) {
		len = check_utf8(p + i, out.len - i, &cp);
		CHECK(len > 0);
		CHECK(!check_unsafe(cp));
		i += len;
	}
	if (out.data != NULL)
		CHECK(escape_width(out.data) <= out.len);
	buf_free(&out);
	return 0;
}
