/*
 * The Exim msglog reader on any bytes: every recipient's delay reason,
 * when one is found, within QUEUE_STR_MAX; the first line of the input is
 * the address looked up, so the fuzzer can make lines that match.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/queue/queue_msglog.h"
#include "tests/fuzz/check.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data, *nl = memchr(text, '\n', size);
	size_t n = nl ? (size_t)(nl - text) : size;
	char *addr = malloc(n + 1), *reason;

	memcpy(addr, text, n);
	addr[n] = '\0';
	reason = queue_msglog_reason(text, size, addr);
	CHECK(reason == NULL || (strlen(reason) <= QUEUE_STR_MAX && reason[0] != '\0'));
	free(reason);
	free(addr);
	return 0;
}
