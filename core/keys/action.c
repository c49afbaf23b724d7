#include "core/keys/action.h"

#include <string.h>

struct named {
	const char *name, *help, *synopsis;
};

static const struct named actions[] = {
#define ACTION_ROW(n, name, help) { name, help, "" },
	ACTION_LIST(ACTION_ROW)
#undef ACTION_ROW
};

static const struct named contexts[] = {
#define CONTEXT_ROW(n, name, help) { name, help, "" },
	CONTEXT_LIST(CONTEXT_ROW)
#undef CONTEXT_ROW
};

static const struct named commands[] = {
#define COMMAND_ROW(n, name, synopsis, help) { name, help, synopsis },
	COMMAND_LIST(COMMAND_ROW)
#undef COMMAND_ROW
};

/* Row i of t[0..n), or a row of empty strings when i is out of range. */
static const struct named *
named_row(const struct named *t, int n, int i)
{
	static const struct named none = { "", "", "" };

	return (unsigned)i < (unsigned)n ? &t[i] : &none;
}

/* Index of name in t[0..n), or -1. */
static int
named_find(const struct named *t, int n, const char *name)
{
	for (int i = 0; i < n; i++)
		if (strcmp(t[i].name, name) == 0)
			return i;
	return -1;
}

const char *
action_name(enum action a)
{
	return named_row(actions, ACTION_COUNT, (int)a)->name;
}

const char *
action_help(enum action a)
{
	return named_row(actions, ACTION_COUNT, (int)a)->help;
}

enum status
action_parse(const char *name, enum action *out)
{
	int i = named_find(actions, ACTION_COUNT, name);

	if (i < 0)
		return STATUS_NOT_FOUND;
	*out = (enum action)i;
	return STATUS_OK;
}

const char *
context_name(enum context c)
{
	return named_row(contexts, CONTEXT_COUNT, (int)c)->name;
}

const char *
context_help(enum context c)
{
	return named_row(contexts, CONTEXT_COUNT, (int)c)->help;
}

enum status
context_parse(const char *name, enum context *out)
{
	int i = named_find(contexts, CONTEXT_COUNT, name);

	if (i < 0)
		return STATUS_NOT_FOUND;
	*out = (enum context)i;
	return STATUS_OK;
}

const char *
command_name(enum command c)
{
	return named_row(commands, COMMAND_COUNT, (int)c)->name;
}

const char *
command_synopsis(enum command c)
{
	return named_row(commands, COMMAND_COUNT, (int)c)->synopsis;
}

const char *
command_help(enum command c)
{
	return named_row(commands, COMMAND_COUNT, (int)c)->help;
}

enum status
command_parse(const char *name, enum command *out)
{
	int i = named_find(commands, COMMAND_COUNT, name);

	if (i < 0)
		return STATUS_NOT_FOUND;
	*out = (enum command)i;
	return STATUS_OK;
}
