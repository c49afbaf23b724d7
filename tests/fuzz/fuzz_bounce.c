/*
 * bounce_decode() on whole messages of any bytes: a bounce or a clear
 * status, and the decode --json output is valid UTF-8 without controls.
 */
#include <stddef.h>
#include <stdint.h>

#include "core/decode/bounce.h"
#include "core/decode/bounce_json.h"
#include "core/decode/decode.h"
#include "core/shared/buf.h"
#include "core/shared/status.h"
#include "tests/fuzz/check.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct bounce *b = NULL;
	struct buf out = BUF_INIT;
	const unsigned char *p;
	enum status st;
	size_t i, len;
	uint32_t cp;

	st = bounce_decode((const char *)data, size, &b);
	if (st != STATUS_OK) {
		CHECK(b == NULL);
		CHECK(st == STATUS_EMPTY || st == STATUS_NOT_MAIL);
		return 0;
	}
	CHECK(b != NULL);
	bounce_json(&out, b, "fuzz.eml", 0);
	p = (const unsigned char *)out.data;
	for (i = 0; i < out.len; i += len) {
		len = check_utf8(p + i, out.len - i, &cp);
		CHECK(len > 0 && !check_unsafe(cp));
	}
	buf_free(&out);
	bounce_free(b);
	return 0;
}
