#include "core/shared/workers.h"

#include <pthread.h>
#include <stdlib.h>

#include "core/shared/buf.h"

struct workers {
	pthread_mutex_t lock;
	pthread_cond_t ready;	/* a result came in */
	pthread_cond_t room;	/* a result was taken, or stop */
	size_t n, window;
	size_t claimed;		/* jobs [0, claimed) are taken by a thread */
	size_t taken;		/* results [0, taken) are handed back */
	void **slot;		/* job i's result is slot[i % window] ... */
	bool *done;		/* ... once done[i % window] */
	bool stop;
	workers_job_fn *job;
	void *ctx;
	pthread_t *tid;
	int nthreads;
};

/* Whether a job may start: one is left and the window has room. */
static bool
can_claim(const struct workers *w)
{
	return w->claimed < w->n && w->claimed < w->taken + w->window;
}

/*
 * Claims the next job and runs it with the lock let go; called and
 * returning with w->lock held.
 */
static void
run_next(struct workers *w)
{
	size_t i = w->claimed++;
	void *r;

	pthread_mutex_unlock(&w->lock);
	r = w->job(w->ctx, i);
	pthread_mutex_lock(&w->lock);
	/* The window keeps job i - window's result taken already. */
	w->slot[i % w->window] = r;
	w->done[i % w->window] = true;
	pthread_cond_signal(&w->ready);
}

static void *
work(void *arg)
{
	struct workers *w = arg;

	pthread_mutex_lock(&w->lock);
	for (;;) {
		while (!w->stop && w->claimed < w->n && !can_claim(w))
			pthread_cond_wait(&w->room, &w->lock);
		if (w->stop || w->claimed >= w->n)
			break;
		run_next(w);
	}
	pthread_mutex_unlock(&w->lock);
	return NULL;
}

/*
 * The caller is one of the threads: threads - 1 are started, and
 * workers_next() runs jobs itself while the result it waits for is not
 * in, so no processor sits idle waking for each result.
 */
struct workers *
workers_start(size_t n, int threads, size_t window, workers_job_fn *job,
    void *ctx)
{
	struct workers *w = xcalloc(1, sizeof(*w));

	w->n = n;
	w->window = window > 0 ? window : 1;
	w->job = job;
	w->ctx = ctx;
	if (threads <= 1 || n <= 1)
		return w;
	w->slot = xcalloc(w->window, sizeof(*w->slot));
	w->done = xcalloc(w->window, sizeof(*w->done));
	w->tid = xcalloc((size_t)threads, sizeof(*w->tid));
	pthread_mutex_init(&w->lock, NULL);
	pthread_cond_init(&w->ready, NULL);
	pthread_cond_init(&w->room, NULL);
	for (int t = 1; t < threads; t++)
		if (pthread_create(&w->tid[w->nthreads], NULL, work, w) == 0)
			w->nthreads++;
	return w;
}

bool
workers_next(struct workers *w, void **result)
{
	size_t k;

	if (w->taken >= w->n)
		return false;
	if (w->nthreads == 0) {
		/* No thread, or none could start: the caller does the work. */
		*result = w->job(w->ctx, w->taken++);
		return true;
	}
	pthread_mutex_lock(&w->lock);
	k = w->taken % w->window;
	while (!w->done[k]) {
		if (can_claim(w))
			run_next(w);
		else
			pthread_cond_wait(&w->ready, &w->lock);
	}
	*result = w->slot[k];
	w->slot[k] = NULL;
	w->done[k] = false;
	w->taken++;
	pthread_cond_broadcast(&w->room);
	pthread_mutex_unlock(&w->lock);
	return true;
}

void
workers_stop(struct workers *w, void (*discard)(void *result))
{
	if (w == NULL)
		return;
	if (w->tid != NULL) {
		pthread_mutex_lock(&w->lock);
		w->stop = true;
		pthread_cond_broadcast(&w->room);
		pthread_mutex_unlock(&w->lock);
		for (int t = 0; t < w->nthreads; t++)
			pthread_join(w->tid[t], NULL);
		for (size_t k = 0; k < w->window; k++)
			if (w->done[k] && discard != NULL)
				discard(w->slot[k]);
		pthread_mutex_destroy(&w->lock);
		pthread_cond_destroy(&w->ready);
		pthread_cond_destroy(&w->room);
	}
	free(w->slot);
	free(w->done);
	free(w->tid);
	free(w);
}
