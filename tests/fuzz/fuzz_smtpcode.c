/*
 * smtpcode_* on any bytes: what they find is a well-formed code that
 * occurs in the text.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/knowledge/smtpcode.h"
#include "tests/fuzz/check.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static bool
reply_ok(const char *r)
{
	return strlen(r) == 3 && strchr("245", r[0]) != NULL &&
	    r[1] >= '0' && r[1] <= '5' && r[2] >= '0' && r[2] <= '9';
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	char status[SMTPCODE_STATUS_MAX], reply[SMTPCODE_REPLY_MAX];
	char *s;
	static const char cls[] = { 0, '2', '4', '5' };
	size_t i;

	for (i = 0; i < sizeof(cls); i++) {
		memset(status, 'X', sizeof(status));
		if (smtpcode_find_status(text, size, cls[i], i & 1, status)) {
			CHECK(memchr(status, '\0', sizeof(status)) != NULL);
			CHECK(smtpcode_status_valid(status));
			CHECK(cls[i] == 0 || status[0] == cls[i]);
		}
	}
	memset(reply, 'X', sizeof(reply));
	if (smtpcode_find_reply(text, size, reply))
		CHECK(reply_ok(reply));
	memset(reply, 'X', sizeof(reply));
	memset(status, 'X', sizeof(status));
	if (smtpcode_find_pair(text, size, reply, status)) {
		CHECK(reply_ok(reply));
		CHECK(memchr(status, '\0', sizeof(status)) != NULL);
		CHECK(smtpcode_status_valid(status));
	}
	/* The predicates take a C string. */
	s = malloc(size + 1);
	CHECK(s != NULL);
	memcpy(s, data, size);
	s[size] = '\0';
	(void)smtpcode_status_valid(s);
	(void)smtpcode_status_generic(s);
	free(s);
	return 0;
}
