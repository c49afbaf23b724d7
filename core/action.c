#include "core/action.h"

#include <string.h>

static const struct {
	const char *name, *help;
} actions[] = {
#define ACTION_ROW(n, name, help) { name, help },
	ACTION_LIST(ACTION_ROW)
#undef ACTION_ROW
};

static const struct {
	const char *name, *help;
} contexts[] = {
#define CONTEXT_ROW(n, name, help) { name, help },
	CONTEXT_LIST(CONTEXT_ROW)
#undef CONTEXT_ROW
};

const char *
action_name(enum action a)
{
	return (unsigned)a < ACTION_COUNT ? actions[a].name : "";
}

const char *
action_help(enum action a)
{
	return (unsigned)a < ACTION_COUNT ? actions[a].help : "";
}

enum status
action_parse(const char *name, enum action *out)
{
	for (int i = 0; i < ACTION_COUNT; i++)
		if (strcmp(actions[i].name, name) == 0) {
			*out = (enum action)i;
			return STATUS_OK;
		}
	return STATUS_NOT_FOUND;
}

const char *
context_name(enum context c)
{
	return (unsigned)c < CONTEXT_COUNT ? contexts[c].name : "";
}

const char *
context_help(enum context c)
{
	return (unsigned)c < CONTEXT_COUNT ? contexts[c].help : "";
}

enum status
context_parse(const char *name, enum context *out)
{
	for (int i = 0; i < CONTEXT_COUNT; i++)
		if (strcmp(contexts[i].name, name) == 0) {
			*out = (enum context)i;
			return STATUS_OK;
		}
	return STATUS_NOT_FOUND;
}
