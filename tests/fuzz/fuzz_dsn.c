/* dsn_parse() on any bytes: always STATUS_OK, never a crash or a leak. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "core/decode/dsn.h"
#include "tests/fuzz/check.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct dsn *d = NULL;
	size_t i, n = 0;

	CHECK(dsn_parse((const char *)data, size, &d) == STATUS_OK);
	CHECK(d != NULL);
	for (i = 0; i < d->nrcpt; i++) {
		const char *a = dsn_recipient_address(&d->rcpt[i]);
		if (a != NULL)
			n += strlen(a);
	}
	for (i = 0; i < d->nextra; i++)
		n += strlen(d->extra[i].name) + strlen(d->extra[i].value);
	CHECK(n <= 4 * size + 64 * (d->nrcpt + d->nextra + 1));
	dsn_free(d);
	return 0;
}
