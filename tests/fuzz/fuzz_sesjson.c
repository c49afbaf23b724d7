/*
 * The Amazon SES JSON reader on any bytes: it decodes or declines with a
 * reason, declining adds no recipient, and everything it keeps is within
 * its caps and valid UTF-8 (jansson's strings are; the reader repairs the
 * text before jansson sees it).
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
	enum status st = sesjson_read(b, (const char *)data, size);
	size_t i;

	CHECK(st == STATUS_OK || st == STATUS_NOT_FOUND || st == STATUS_SYNTAX ||
	    st == STATUS_NOMEM);
	if (st == STATUS_OK) {
		CHECK(b->nrcpt > 0 && b->nrcpt <= SESJSON_RCPT_MAX);
		CHECK(b->mta != NULL && b->kind != BOUNCE_KIND_NONE);
		for (i = 0; i < b->nrcpt; i++) {
			CHECK(b->rcpt[i].recipient != NULL &&
			    strchr(b->rcpt[i].recipient, '@') != NULL);
			check_str(b->rcpt[i].recipient, SESJSON_STR_MAX);
			check_str(b->rcpt[i].diagnostic, SESJSON_STR_MAX);
			check_str(b->rcpt[i].status_raw, SESJSON_STR_MAX);
		}
		check_str(b->original.subject, SESJSON_STR_MAX);
		check_str(b->reporting_mta, SESJSON_STR_MAX);
	} else
		CHECK(b->nrcpt == 0 && b->kind == BOUNCE_KIND_NONE &&
		    b->mta == NULL);
	bounce_free(b);
	return 0;
}
