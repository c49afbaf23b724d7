/*
 * workers — a job run for i = 0 .. n-1 in threads, its results handed
 * back in order of i.
 *
 * Decoding a directory of mail is one independent job per file, and the
 * output must keep the files' order: workers_start() starts threads - 1
 * threads, each takes the next i and runs job(ctx, i); workers_next()
 * hands back the result of the next i in order, running jobs itself (the
 * caller is the last of the threads) while that one is not in.  Jobs run
 * at most window ahead of the result taken last, so memory stays bounded
 * however slowly the results are used.  With no thread started (threads
 * <= 1, or pthread_create() failing) workers_next() runs each job itself,
 * in order.
 *
 * Call sequence:
 *	w = workers_start(n, threads, window, job, ctx);
 *	while (workers_next(w, &result)) { use result; }
 *	workers_stop(w, discard);
 * job must be safe to run in several threads at once; ctx is borrowed.
 * A result belongs to whoever workers_next() hands it to; those never
 * taken go to discard(result) in workers_stop(), which may be called at
 * any point and joins every thread.
 */
#ifndef BOUNCEQ_WORKERS_H
#define BOUNCEQ_WORKERS_H

#include <stdbool.h>
#include <stddef.h>

struct workers;

typedef void *workers_job_fn(void *ctx, size_t i);

struct workers *workers_start(size_t n, int threads, size_t window,
    workers_job_fn *job, void *ctx);

/* The next result in order of i into *result; false after the last. */
bool workers_next(struct workers *w, void **result);

/* Stops and joins the threads; discard may be NULL when results need no freeing. */
void workers_stop(struct workers *w, void (*discard)(void *result));

#endif
