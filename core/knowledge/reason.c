#include "core/knowledge/reason.h"

#include <string.h>

static const struct {
	const char *name;
	bool failure;
	bool hard;
	const char *code;
	const char *help;
} reasons[REASON_COUNT] = {
#define REASON_ROW(n, failure, hard, code, help) { #n, failure, hard, code, help },
	REASON_LIST(REASON_ROW)
#undef REASON_ROW
};

const char *
reason_name(enum reason r)
{
	return (size_t)r < REASON_COUNT ? reasons[r].name : NULL;
}

bool
reason_lookup(const char *name, enum reason *out)
{
	for (size_t i = 0; name != NULL && i < REASON_COUNT; i++)
		if (strcmp(reasons[i].name, name) == 0) {
			*out = (enum reason)i;
			return true;
		}
	return false;
}

const char *
reason_help(const char *name)
{
	enum reason r;

	return reason_lookup(name, &r) ? reasons[r].help : NULL;
}

bool
reason_is_failure(const char *name)
{
	enum reason r;

	if (name == NULL)
		return false;
	return !reason_lookup(name, &r) || reasons[r].failure;
}

bool
reason_is_hard(const char *name)
{
	enum reason r;

	return reason_lookup(name, &r) && reasons[r].hard;
}

const char *
reason_derived_code(const char *name)
{
	enum reason r;

	return reason_lookup(name, &r) ? reasons[r].code : NULL;
}
