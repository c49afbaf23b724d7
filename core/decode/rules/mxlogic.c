/*
 * McAfee MX Logic: Exim-like wording, "<address>: reply" on one line.
 */
#include "core/decode/rules/rules_int.h"

static const char *const ident[] = {
	"X-MXL-NoteHash:",
	"X-MX-Bounce:",
	"Message-Id:<mxl~",
	NULL
};
static const char *const start[] = {
	"The following address failed",
	NULL
};
static const char *const rcpt[] = {
	"<%a>:*",
	"%a",
	NULL
};

const struct rule_family rule_mxlogic = {
	.name = "mxlogic",
	.ident = ident,
	.start = start,
	.rcpt = rcpt,
};
