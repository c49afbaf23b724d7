#include "core/shared/status.h"

static const char *const messages[] = {
#define STATUS_MSG(name, msg) msg,
	STATUS_LIST(STATUS_MSG)
#undef STATUS_MSG
};

const char *
status_str(enum status st)
{
	if ((unsigned)st >= STATUS_COUNT)
		return "unknown error";
	return messages[st];
}
