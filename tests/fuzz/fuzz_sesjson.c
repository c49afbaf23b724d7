/*
 * The Amazon SES JSON reader on any bytes: it accepts or declines, and
 * declining leaves the bounce unchanged.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "core/decode/bounce.h"
#include "core/decode/sesjson_int.h"
#include "core/shared/buf.h"
#include "tests/fuzz/check.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct bounce *b = xcalloc(1, sizeof(*b));
	size_t i;

	if (sesjson_decode(b, (const char *)data, size)) {
		CHECK(b->nrcpt > 0 && b->nrcpt <= SESJSON_RCPT_MAX);
		for (i = 0; i < b->nrcpt; i++)
			CHECK(b->rcpt[i].recipient == NULL ||
			    strlen(b->rcpt[i].recipient) <= SESJSON_STR_MAX);
	} else
		CHECK(b->nrcpt == 0 && b->kind == BOUNCE_KIND_NONE &&
		    b->mta == NULL);
	bounce_free(b);
	return 0;
}
