#include "core/knowledge/reason_table_int.h"

/*
 * Enhanced status code -> cause.  Exact rows ("5.1.1") are looked up before
 * class-free rows ("X.1.1"); subject rows ("X.1.X") catch the rest.  Codes
 * that servers misuse (5.1.1 for a rate limit, 5.7.1 for anything) are not
 * trusted: words in the text may overrule them.
 */
const struct reason_code reason_codes[] = {
	{ "X.1.0", "userunknown", false },
	{ "X.1.1", "userunknown", false },
	{ "X.1.2", "hostunknown", false },
	{ "X.1.3", "userunknown", false },
	{ "X.1.4", "filtered", false },
	{ "X.1.5", "userunknown", false },
	{ "X.1.6", "hasmoved", true },
	{ "X.1.7", "rejected", true },
	{ "X.1.8", "rejected", true },
	{ "X.1.9", "systemerror", false },
	{ "X.1.10", "notaccept", false },
	{ "X.1.X", "userunknown", false },

	{ "4.2.1", "suspend", false },
	{ "X.2.1", "filtered", false },
	{ "X.2.2", "mailboxfull", true },
	{ "X.2.3", "emailtoolarge", true },
	{ "X.2.4", "filtered", false },
	{ "X.2.X", "filtered", false },

	{ "X.3.1", "systemfull", false },
	{ "X.3.2", "notaccept", false },
	{ "X.3.4", "emailtoolarge", true },
	{ "X.3.X", "systemerror", false },

	{ "5.4.0", "networkerror", false },
	{ "X.4.1", "expired", false },
	{ "X.4.2", "networkerror", false },
	{ "X.4.3", "systemerror", false },
	{ "X.4.4", "hostunknown", false },
	{ "X.4.5", "systemfull", false },
	{ "X.4.6", "networkerror", false },
	{ "X.4.7", "expired", false },
	{ "X.4.8", "networkerror", false },

	{ "X.5.2", "syntaxerror", false },
	{ "X.5.3", "ratelimited", true },
	{ "X.5.4", "systemerror", false },
	{ "X.5.5", "systemerror", false },
	{ "X.5.6", "syntaxerror", false },

	{ "X.6.X", "contenterror", false },

	{ "4.7.1", "blocked", false },
	{ "4.7.2", "blocked", false },
	{ "X.7.13", "suspend", true },
	{ "X.7.16", "emailtoolarge", true },
	{ "X.7.17", "hasmoved", true },
	{ "X.7.18", "hasmoved", true },
	{ "X.7.20", "authfailure", true },
	{ "X.7.21", "authfailure", true },
	{ "X.7.22", "authfailure", true },
	{ "X.7.23", "authfailure", true },
	{ "X.7.24", "authfailure", true },
	{ "X.7.25", "requireptr", true },
	{ "X.7.26", "authfailure", true },
	{ "X.7.27", "notaccept", true },
	{ "X.7.28", "spamdetected", true },
	{ "X.7.29", "authfailure", true },
	{ "X.7.X", "securityerror", false },
	{ NULL, NULL, false }
};
