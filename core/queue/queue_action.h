/*
 * queue_action — acting on the MTA's queue: flush (deliver now), hold,
 * release, delete, on messages chosen from the listing bounceq read.
 *
 * The vocabulary is QUEUE_ACTION_LIST, written once: the names users
 * type (`bounceq queue --hold`), the past tense reports say ("held"),
 * whether the action destroys mail, and a line of help.
 *
 * A target is a set of queue IDs taken from a struct queue, never from
 * user text alone: IDs the user names must be in the listing, and a
 * domain (or a cause, or every message of a queue) is resolved to the
 * IDs of its messages there.  Every ID is checked against its MTA's
 * format (queue_action_id_ok) before it reaches an argument vector, so
 * none can be taken for an option.  A message the action does not
 * apply to (holding what is on hold, releasing what is not, flushing
 * what is on hold) is refused by name, or left out of a selection and
 * counted.
 *
 * The commands run through core/shared/spawn.h with fixed argument
 * vectors, no shell, from the directory of the listing's command
 * (core/queue/queue_run.h: the system directories, or the path the
 * caller names), with that command's configuration option:
 *	Postfix	flush	postqueue [-c DIR] -i ID	(one per message)
 *			postqueue [-c DIR] -f		(all of the deferred queue, or of all)
 *		hold	postsuper [-c DIR] -h ID [-h ID...]
 *		release	postsuper [-c DIR] -H ID [-H ID...]
 *		delete	postsuper [-c DIR] -d ID [-d ID...]
 *	Exim	flush	exim [-C FILE] -M ID...		(a delivery attempt now)
 *		hold	exim [-C FILE] -Mf ID...	(freeze)
 *		release	exim [-C FILE] -Mt ID...	(thaw)
 *		delete	exim [-C FILE] -Mrm ID...
 * postsuper is the one beside postqueue.  A domain is flushed message by
 * message, not with `postqueue -s`, which works only for domains listed
 * in Postfix's fast_flush_domains.  Long lists are split into commands
 * of at most QUEUE_ACTION_BATCH IDs (Exim's -M of QUEUE_ACTION_BATCH_FLUSH:
 * each delivery attempt is made before it returns); each command has the
 * timeout, and the cancel descriptor stops the run as in queue_run.
 *
 * Call sequence:
 *	queue_target_ids(q, QUEUE_ACTION_HOLD, ids, n, &t, &bad)
 *   or	queue_target_select(q, QUEUE_ACTION_HOLD, &sel, &t);
 *	confirm with t.n, t.nrcpts, t.others, t.skipped;
 *	queue_action_run(&opts, &t, &said);		the MTA's words in said
 *	read the listing again: after;
 *	queue_action_outcome(&t, after, &out);		what changed
 *	queue_outcome_free(&out); queue_target_free(&t); free(said);
 * The target owns its ID strings (copies: the listing may be freed
 * first); *said is a new string or NULL.  Never prints.
 */
#ifndef BOUNCEQ_QUEUE_ACTION_H
#define BOUNCEQ_QUEUE_ACTION_H

#include <stdbool.h>
#include <stddef.h>

#include "core/queue/queue.h"
#include "core/queue/queue_run.h"
#include "core/shared/status.h"

/* IDs per command; Exim's -M delivers each before it returns. */
#define QUEUE_ACTION_BATCH 200
#define QUEUE_ACTION_BATCH_FLUSH 20
/* What is kept of the commands' output (both streams), in bytes. */
#define QUEUE_ACTION_SAID_MAX 8192

/*
 * enum tail, name, past tense, destroys mail, what a later listing shows
 * of a message it changed, of one it did not, help
 */
#define QUEUE_ACTION_LIST(X) \
	X(FLUSH,   "flush",   "flushed",  false, "left the queue", "still waiting", \
	    "try to deliver now") \
	X(HOLD,    "hold",    "held",     false, "on hold", "not on hold", \
	    "put on hold (Exim: freeze): no delivery until released") \
	X(RELEASE, "release", "released", false, "off hold", "still on hold", \
	    "release from hold (Exim: thaw): delivery as before") \
	X(DELETE,  "delete",  "deleted",  true,  "gone", "still in the queue", \
	    "remove from the queue; the sender gets no bounce")

enum queue_action {
#define QUEUE_ACTION_ENUM(n, name, done, destroys, changed, same, help) QUEUE_ACTION_##n,
	QUEUE_ACTION_LIST(QUEUE_ACTION_ENUM)
#undef QUEUE_ACTION_ENUM
	QUEUE_ACTION_COUNT
};

/* Static strings; "" for out-of-range values. */
const char *queue_action_name(enum queue_action a);
const char *queue_action_done(enum queue_action a);
const char *queue_action_help(enum queue_action a);
bool queue_action_destroys(enum queue_action a);
/* STATUS_NOT_FOUND for a name that is no action. */
enum status queue_action_parse(const char *name, enum queue_action *out);

/*
 * Whether id has the form of a queue ID of mta (AUTO: of either):
 * Postfix's short ([0-9A-F], 6 to 20) or long IDs (52 letters and
 * digits without vowels, a 'z' after the time), Exim's 16- and
 * 23-character IDs (6-6-2, 6-11-4 letters and digits).
 */
bool queue_action_id_ok(enum queue_mta mta, const char *id);

/* The MTA of a listing (q->mta), AUTO when it names none. */
enum queue_mta queue_action_mta_of(const struct queue *q);

/* Whether m waits on hold: Postfix's hold queue, Exim's frozen messages. */
bool queue_msg_held(const struct queue_msg *m);

/* Why a cannot act on m ("is on hold already"), static; NULL when it can. */
const char *queue_action_refusal(enum queue_action a, const struct queue_msg *m);
/* The same said of the messages a selection passed over ("on hold already"), static. */
const char *queue_action_skipped(enum queue_action a);

/*
 * The queue a selection takes by default: every queue for release (only
 * what is on hold is released), else the listing's default (Postfix's
 * deferred, Exim's messages that are not frozen).  Static.
 */
const char *queue_action_queue(enum queue_action a, const struct queue *q);

/* Which messages of a listing a selection takes. */
struct queue_select {
	const char *queue;	/* queue_shape_match() name; NULL: queue_action_queue() */
	const char *domain;	/* a recipient at this domain (lower case); NULL: any */
	const char *reason;	/* a recipient of this cause; NULL: any */
};

struct queue_target {
	enum queue_action action;
	enum queue_mta mta;	/* the listing's */
	char **ids;		/* distinct, in listing order */
	char **queues;		/* the queue each one was in */
	size_t n;
	size_t nrcpts;		/* recipients of those messages */
	size_t others;		/* of them, messages also for recipients not selected */
	size_t skipped;		/* selected messages the action does not apply to */
	bool whole;		/* every message of the listing's queue (no domain, no cause) */
	/* What was selected (queue_target_select), or NULL (named IDs). */
	char *queue, *domain, *reason;
};

/*
 * The messages named by ids (duplicates once).  STATUS_INVALID when one
 * has no queue ID's form, STATUS_NOT_FOUND when one is not in q,
 * STATUS_SYNTAX when the action does not apply to one
 * (queue_action_refusal() says why): *bad is then that ID (borrowed
 * from ids) and t holds nothing.  An empty list is STATUS_EMPTY.
 */
enum status queue_target_ids(const struct queue *q, enum queue_action a,
    const char *const *ids, size_t n, struct queue_target *t, const char **bad);

/*
 * The messages of sel the action applies to; STATUS_OK also when there
 * is none (t->n 0, t->skipped says how many were passed over).
 */
enum status queue_target_select(const struct queue *q, enum queue_action a,
    const struct queue_select *sel, struct queue_target *t);

/*
 * What the action will do, in words, for a confirmation: "hold 3
 * messages (5 recipients) for remote.test in the deferred queue, 1 of
 * them also for other recipients: ID, ID, ID" (at most max_ids IDs,
 * then "and N more"; none for 0; a clause before them for what destroys
 * mail).  Appended
 * to out, raw: a domain is the listing's text, for the caller to escape.
 */
struct buf;
void queue_target_describe(const struct queue_target *t, size_t max_ids, struct buf *out);

void queue_target_free(struct queue_target *t);

/* Initialise with designated members: cancel_fd 0 would be stdin. */
struct queue_action_opts {
	const char *command;		/* the listing's command (postqueue, exim); NULL: queue_run_find() */
	const char *config_dir;		/* Postfix -c DIR, or NULL */
	const char *exim_config;	/* Exim -C FILE, or NULL */
	int timeout_ms;			/* per command; <= 0: QUEUE_RUN_TIMEOUT_MS */
	int cancel_fd;			/* readable: killed, STATUS_CANCELLED; -1: none */
};

/* The commands of a run: argument vectors, path first. */
struct queue_commands {
	char ***argv;		/* each NULL-terminated; argv[i][0] is the path run */
	size_t n;
};

/*
 * The commands queue_action_run() would run for t.  STATUS_NO_MTA when
 * the MTA's command is not installed, STATUS_INVALID for an option of the
 * other MTA or an ID of the wrong form (never run), STATUS_EMPTY for an
 * empty target.
 */
enum status queue_action_commands(const struct queue_action_opts *o,
    const struct queue_target *t, struct queue_commands *out);
void queue_commands_free(struct queue_commands *c);

/*
 * Runs them in order, stopping at the first that fails.  STATUS_OK when
 * every command exited 0; STATUS_DENIED when one failed because the user
 * may not do this (not root, not an Exim admin: the MTA said so);
 * STATUS_COMMAND when one failed otherwise or could not start; TIMEOUT,
 * CANCELLED; else as queue_action_commands().  *said: what the commands
 * wrote (stdout and stderr, trimmed; on failure the failing one's, or a
 * sentence about how it ended), or NULL.
 */
enum status queue_action_run(const struct queue_action_opts *o, const struct queue_target *t,
    char **said);

/* What a listing read after the run shows of each message of a target. */
enum queue_fate {
	QUEUE_FATE_CHANGED,	/* hold: on hold now; release: no longer; delete, flush: gone */
	QUEUE_FATE_SAME,	/* as before: still waiting (flush), not on hold (hold)... */
	QUEUE_FATE_GONE		/* hold, release: not in the listing any more */
};

struct queue_outcome {
	enum queue_fate *fate;	/* one per target ID, in its order */
	size_t changed, same, gone;
};

/* after may be NULL (an empty queue); free out with queue_outcome_free(). */
void queue_action_outcome(const struct queue_target *t, const struct queue *after,
    struct queue_outcome *out);
void queue_outcome_free(struct queue_outcome *out);

/* "on hold", "still waiting", "left the queue meanwhile": static. */
const char *queue_fate_name(enum queue_action a, enum queue_fate f);

#endif
