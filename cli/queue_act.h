/*
 * queue_act — `bounceq queue --flush|--hold|--release|--delete`: reads
 * the MTA's listing, takes the messages named there (IDs, a domain,
 * all of a queue; core/queue/queue_action.h), asks before it acts
 * (unless --yes; without a terminal --yes is required), runs the MTA's
 * commands, reads the listing again and prints what changed:
 *	held 2 messages: 2EBF3A867D1, 2F5DAA867E1
 * Off unless the config file says queue.actions = yes.
 *
 * Call sequence: queue_act(&a) from cmd_queue() after its options;
 * the strings in a are borrowed.  Returns the exit status.
 */
#ifndef BOUNCEQ_CLI_QUEUE_ACT_H
#define BOUNCEQ_CLI_QUEUE_ACT_H

#include <stdbool.h>
#include <stddef.h>

#include "core/queue/queue_action.h"
#include "core/queue/queue_run.h"

struct queue_act {
	enum queue_action action;
	struct queue_run_opts run;	/* the listing's command, -c/-C, timeout */
	const char *queue;		/* --queue, or NULL */
	const char *domain;		/* --domain, or NULL */
	bool all;			/* --all */
	char **ids;			/* the queue IDs named (checked for their form) */
	size_t nids;
	bool yes;			/* --yes: no question */
};

/* 0 done; 1 refused, not confirmed, the MTA failed; 2 no terminal to ask on. */
int queue_act(const struct queue_act *a);

/* cli/queue.c: runs the listing command; prints why it failed.  0 or 1. */
int queue_listing_run(const struct queue_run_opts *ro, struct queue_output *out);

#endif
