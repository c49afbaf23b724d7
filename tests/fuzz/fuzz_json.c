/*
 * json_escape() on any bytes: the result is one valid JSON string literal
 * (RFC 8259), valid UTF-8, with no raw control or bidi character; and
 * jansson, the library bounceq reads JSON with, reads it back as the
 * input with each byte that is not UTF-8 replaced by U+FFFD.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

/*
 * jansson and the writer (core/shared/json.h) both declare json_null();
 * this file uses jansson's json_loadb() and the writer's json_escape()
 * only, so jansson's declaration is renamed out of the way.
 */
#define json_null jansson_json_null_unused
#include <jansson.h>
#undef json_null

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

/* The literal out read back by jansson equals data, repaired. */
static void
check_read_back(const struct buf *out, const uint8_t *data, size_t size)
{
	struct buf want = BUF_INIT;
	json_error_t err;
	json_t *v;
	size_t i, len;
	uint32_t cp;

	for (i = 0; i < size; i += len) {
		if ((len = check_utf8(data + i, size - i, &cp)) == 0) {
			buf_adds(&want, "\xef\xbf\xbd");
			len = 1;
		} else
			buf_add(&want, data + i, len);
	}
	v = json_loadb(out->data, out->len, JSON_DECODE_ANY | JSON_ALLOW_NUL, &err);
	CHECK(v != NULL || json_error_code(&err) == json_error_out_of_memory);
	if (v == NULL) {
		buf_free(&want);
		return;
	}
	CHECK(json_is_string(v));
	CHECK(json_string_length(v) == want.len);
	CHECK(want.len == 0 || memcmp(json_string_value(v), want.data, want.len) == 0);
	json_decref(v);
	buf_free(&want);
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
	check_read_back(&out, data, size);
	buf_free(&out);
	return 0;
}
