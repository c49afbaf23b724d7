/*
 * config — bounceq's own settings file, $XDG_CONFIG_HOME/bounceq/config
 * (~/.config/bounceq/config), in "key = value" lines; # starts a comment.
 *
 *	query = from:MAILER-DAEMON and date:30d..
 *	group = reason,domain
 *	filter = -action:delayed
 *	threads = 4				(decoding threads; default: the CPUs online)
 *	refresh = 5				(seconds between checks for new mail; 0: off)
 *	escalate.count = 3			(soft failures that escalate an address...
 *	escalate.days = 3			 ...on this many distinct days; see core/model/escalate.h)
 *	color.hard = red default bold		(core/keys/color.h: areas, values)
 *	queue.actions = yes			(flush, hold, release, delete; off by default)
 *	handled = bounceq-handled		(the notmuch tag whose rows are hidden)
 *
 * Unknown keys and malformed lines are reported as "file:line: message"
 * diagnostics and skipped, so a bad line never stops bounceq.
 *
 * Call sequence: config_path(&p); config_load(p, &c); use c->query...;
 * config_free(c).  The config owns its strings and diagnostics.
 */
#ifndef BOUNCEQ_CONFIG_H
#define BOUNCEQ_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

#include "core/keys/color.h"
#include "core/shared/status.h"

struct config {
	char *query;		/* NULL when not set */
	char *group;
	char *filter;
	char *handled;		/* the handled tag; NULL: core/model/hide.h's default */
	/*
	 * The queue screen's and `bounceq queue`'s actions on the MTA's
	 * queue: off unless a line says yes.
	 */
	bool queue_actions;
	int threads;		/* 1 .. CONFIG_THREADS_MAX, or 0 when not set */
	/* The TUI's check for new mail: seconds, 0 off; CONFIG_REFRESH_DEFAULT unless set. */
	int refresh;
	int escalate_count;	/* 1 .. CONFIG_ESCALATE_MAX, or 0 when not set */
	int escalate_days;	/* the same */
	/* color.AREA lines; areas not set keep color_default(). */
	struct color_spec color[COLOR_AREA_COUNT];
	bool color_set[COLOR_AREA_COUNT];
	char **diag;		/* "file:line: message" */
	size_t ndiag;
};

/* "refresh = N": seconds, from 0 (off) to CONFIG_REFRESH_MAX; 5 when not set, as mutt. */
#define CONFIG_REFRESH_DEFAULT 5
#define CONFIG_REFRESH_MAX 86400

/* The most decoding threads "threads = N" may ask for. */
#define CONFIG_THREADS_MAX 64
/* The largest escalate.count or escalate.days. */
#define CONFIG_ESCALATE_MAX 100000

/* New path of the config file from XDG_CONFIG_HOME / HOME, or NULL. */
char *config_path(void);
/* New path of bounceq's cache directory (XDG_CACHE_HOME / HOME), or NULL. */
char *config_cache_dir(void);

/*
 * Reads path.  A missing file gives STATUS_OK with an empty config.
 * STATUS_IO when it exists but cannot be read.
 */
enum status config_load(const char *path, struct config **out);

/* Parses text (for tests); name labels diagnostics.  config_load() of a
 * missing file gives what config_parse() of "" gives. */
struct config *config_parse(const char *name, const char *text);

void config_free(struct config *c);

#endif
