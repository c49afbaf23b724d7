/*
 * status — the one error vocabulary of core/.
 *
 * Every core function that can fail returns an enum status; results come
 * back through out-parameters.  status_str() gives a short English message
 * that front-ends may print.  The list is an X-macro so the enum and the
 * messages cannot drift apart.
 */
#ifndef BOUNCEQ_STATUS_H
#define BOUNCEQ_STATUS_H

#define STATUS_LIST(X) \
	X(OK,            "success") \
	X(NOMEM,         "out of memory") \
	X(IO,            "cannot read input") \
	X(NOENT,         "no such file or directory") \
	X(EMPTY,         "empty input") \
	X(NOT_MAIL,      "not a mail message") \
	X(NO_MAIL_FOUND, "no mail found") \
	X(TOO_LARGE,     "input too large") \
	X(SYNTAX,        "syntax error") \
	X(NOT_FOUND,     "not found") \
	X(DATABASE,      "notmuch database error") \
	X(CORRUPT,       "corrupt data") \
	X(INVALID,       "invalid argument") \
	X(NOT_QUEUE,     "not a mail queue listing") \
	X(NO_MTA,        "no mail queue command found") \
	X(TIMEOUT,       "timed out") \
	X(COMMAND,       "command failed") \
	X(CANCELLED,     "cancelled") \
	X(DENIED,        "not permitted") \
	X(DISABLED,      "turned off in the configuration")

enum status {
#define STATUS_ENUM(name, msg) STATUS_##name,
	STATUS_LIST(STATUS_ENUM)
#undef STATUS_ENUM
	STATUS_COUNT
};

/* Returns a static string; never NULL, also for out-of-range values. */
const char *status_str(enum status st);

#endif
