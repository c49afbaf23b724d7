/*
 * queue_run — the local MTA's queue listing, by running its own command:
 * Postfix `postqueue -j` (with `-c DIR` for another configuration),
 * Exim `exim -bp` (`exim4` too; `-C FILE` for another configuration).
 *
 * The binary is looked for only in /usr/sbin, /usr/bin, /sbin and /bin
 * (never $PATH), unless the caller names one (opts.command, the user's
 * choice: an MTA installed elsewhere), run through core/shared/spawn.h (posix_spawn, a fixed
 * argument vector, no shell), stdin from /dev/null, stdout read through a pipe up to
 * QUEUE_RUN_OUTPUT_MAX bytes, stderr kept (QUEUE_RUN_ERR_MAX) for the
 * error message.  The wait is bounded: past the timeout the child is
 * killed by its PID and reaped.  So is it, at once, when opts.cancel_fd
 * becomes readable (a screen closing while the command runs in another
 * thread): queue_run_with() then returns STATUS_CANCELLED with no child
 * left, and starts no further command.  These commands read the local
 * queue only; nothing here touches the network.  Never prints.
 *
 * For Exim, whose listing has no delay reasons, a second command with the
 * same binary and -C, `exim -bP spool_directory`, within what is left of
 * the same timeout, says where the msglog files are
 * (out.exim_msglog = SPOOL/msglog, for core/queue/queue_msglog.h).  Its failure
 * only leaves exim_msglog NULL: the listing stands without reasons.
 *
 * Call sequence:
 *	struct queue_output out; char *err = NULL;
 *	queue_run(QUEUE_RUN_TIMEOUT_MS, &out, &err);	(autodetect, defaults)
 *   or	queue_run_with(&opts, &out, &err);		(MTA, config, timeout)
 *	queue_parse(out.text, out.len, out.format, now, &q);
 *	if (out.exim_msglog) queue_msglog_apply(q, out.exim_msglog, NULL);
 *	queue_output_free(&out); free(err);
 * out.text and out.exim_msglog are owned by out (NUL-terminated); *err,
 * when set, is a new string the caller frees: the command's stderr or
 * what went wrong.
 */
#ifndef BOUNCEQ_QUEUE_RUN_H
#define BOUNCEQ_QUEUE_RUN_H

#include <stddef.h>

#include "core/queue/queue.h"
#include "core/shared/status.h"

#define QUEUE_RUN_TIMEOUT_MS 30000
#define QUEUE_RUN_OUTPUT_MAX QUEUE_INPUT_MAX
#define QUEUE_RUN_ERR_MAX 4096

enum queue_mta {
	QUEUE_MTA_AUTO,		/* postqueue if installed, else exim */
	QUEUE_MTA_POSTFIX,
	QUEUE_MTA_EXIM
};

/* Initialise with designated members: cancel_fd 0 would be stdin. */
struct queue_run_opts {
	enum queue_mta mta;
	const char *config_dir;		/* Postfix -c DIR, or NULL */
	const char *exim_config;	/* Exim -C FILE, or NULL */
	int timeout_ms;			/* <= 0: QUEUE_RUN_TIMEOUT_MS */
	/*
	 * The MTA's command at this path (run as given, never looked up in
	 * $PATH) instead of the system directories'; NULL: those.  Which
	 * MTA it is: mta, or with QUEUE_MTA_AUTO its name (postqueue...,
	 * exim...).
	 */
	const char *command;
	int cancel_fd;			/* readable: killed, STATUS_CANCELLED; -1: none */
};

struct queue_output {
	char *text;			/* the command's stdout */
	size_t len;
	enum queue_format format;	/* POSTFIX or EXIM: which command ran */
	const char *mta;		/* static "postfix" / "exim" */
	char *exim_msglog;		/* Exim: SPOOL/msglog, or NULL */
};

/*
 * Runs the listing command.  Returns STATUS_OK with out filled,
 * STATUS_NO_MTA when no command of the MTA is installed, STATUS_TIMEOUT,
 * STATUS_TOO_LARGE past QUEUE_RUN_OUTPUT_MAX, STATUS_COMMAND when it
 * could not run or exited non-zero (*err says why), STATUS_CANCELLED,
 * STATUS_INVALID for bad options (*err set when a command's name does
 * not say its MTA).  On error out holds nothing to free.
 */
enum status queue_run_with(const struct queue_run_opts *o, struct queue_output *out,
    char **err);

/* queue_run_with() with the MTA autodetected and its default configuration. */
enum status queue_run(int timeout_ms, struct queue_output *out, char **err);

void queue_output_free(struct queue_output *out);

/* The command a run would use for mta ("/usr/sbin/postqueue"), or NULL. */
const char *queue_run_find(enum queue_mta mta);

/* The MTA a command is by its file name: postqueue..., exim...; else QUEUE_MTA_AUTO. */
enum queue_mta queue_run_mta_named(const char *path);

#endif
