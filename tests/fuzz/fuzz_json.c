/*
 * json_escape() on any bytes: the result is one valid JSON string literal
 * (RFC 8259), valid UTF-8, with no raw control or bidi character.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "core/shared/buf.h"
#include "core/shared/json.h"
#include "tests/fuzz/check.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int
hex(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') ||
	    (c >= 'A' && c <= 'F');
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct buf out = BUF_INIT;
	const unsigned char *p;
	size_t i, len;
	uint32_t cp;

	json_escape(&out, (const char *)data, size);
	p = (const unsigned char *)out.data;
	CHECK(out.len >= 2 && p[0] == '"' && p[out.len - 1] == '"');
	for (i = 1; i < out.len - 1; i += len) {
		if (p[i] == '\\') {
			CHECK(i + 1 < out.len - 1);
			if (p[i + 1] == 'u') {
				CHECK(i + 5 < out.len - 1);
				CHECK(hex(p[i + 2]) && hex(p[i + 3]) &&
				    hex(p[i + 4]) && hex(p[i + 5]));
				len = 6;
			} else {
				CHECK(strchr("\"\\/bfnrt", p[i + 1]) != NULL &&
				    p[i + 1] != '\0');
				len = 2;
			}
			continue;
		}
		CHECK(p[i] != '"');
		len = check_utf8(p + i, out.len - 1 - i, &cp);
		CHECK(len > 0);
		CHECK(!check_unsafe(cp));
	}
	buf_free(&out);
	return 0;
}
