/*
 * Watching the MTA's queue: the listing is read (a saved file, or the
 * local MTA's command through core/queue/queue_run.h) and parsed in a worker
 * thread, so a slow or hung postqueue never freezes the screen; the main
 * thread only looks at a flag and swaps the finished result in.
 *
 * Closing the watch (leaving the queue screens, quitting) never waits for
 * the command, and leaves none running: the byte it writes to the cancel
 * pipe makes the worker's spawn_wait() kill the command by its PID and
 * reap it, and the command runs under the job's lock, which watch_free()
 * takes once after the byte: when it has it, no command runs, and none
 * will start (the worker looks at `cancelled` under the lock first).
 * Only the kill and the reap are waited for, never the command; a saved
 * file that does not come (a FIFO) is not waited for at all.
 *
 * A queue action runs the same way: a job that first runs the action's
 * commands, under the same lock and cancel, then reads the listing; so
 * the screen stays live while exim -M delivers, and the result is judged
 * against a listing read after it.  Closing the watch while it runs
 * kills the MTA's command like a read's.
 */
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/decode/source.h"
#include "core/queue/queue.h"
#include "core/queue/queue_action.h"
#include "core/queue/queue_msglog.h"
#include "core/queue/queue_run.h"
#include "core/shared/file.h"
#include "tui/tui.h"

/* While a read runs, look for its end this often. */
#define WATCH_POLL_MS 50

/*
 * One read: what the worker gets and gives back.  Whoever comes second
 * of the worker finishing and the screen closing frees it, so closing
 * never waits for a hung MTA command.
 */
enum job_state { JOB_RUNNING, JOB_DONE, JOB_ABANDONED };
struct job {
	char *file;		/* NULL: ask the MTA */
	char *command;		/* the MTA's command at this path; NULL: the system's */
	int cancel_fd;		/* the watch's cancel pipe; used only under run */
	pthread_mutex_t run;	/* held while the MTA's command may run */
	atomic_bool cancelled;	/* set by watch_free() before it takes run */
	struct queue *q;	/* the result, or NULL */
	char *err;		/* why there is none */
	time_t when;		/* when the listing was taken */
	atomic_int state;
	/* A queue action to run before the read (acting), and its result. */
	bool acting;
	struct queue_target act;
	enum status act_st;
	char *act_said;
};

struct watch {
	char *file;
	char *command;
	int cancel[2];		/* watch_free() writes [1]; the job's command polls [0] */
	int every_ms;
	struct queue *q;
	unsigned long gen;
	time_t when;
	char *err;
	bool fresh;		/* a read finished since watch_take_news() */
	struct timespec next;	/* monotonic time of the next read */
	struct job *job;	/* the read in flight, or NULL */
	pthread_t tid;
	bool threaded;		/* tid must be joined */
	bool pending;		/* act waits for the read in flight */
	struct queue_target act;
	bool has_done;		/* done holds a finished action's result */
	struct watch_done done;
};

static long
ms_until(const struct timespec *t)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (t->tv_sec - now.tv_sec) * 1000 + (t->tv_nsec - now.tv_nsec) / 1000000;
}

static void
schedule(struct watch *w, int ms)
{
	clock_gettime(CLOCK_MONOTONIC, &w->next);
	w->next.tv_sec += ms / 1000;
	w->next.tv_nsec += (long)(ms % 1000) * 1000000;
	if (w->next.tv_nsec >= 1000000000) {
		w->next.tv_sec++;
		w->next.tv_nsec -= 1000000000;
	}
}

static char *
error_text(const char *what, enum status st, const char *detail)
{
	struct buf b = BUF_INIT;

	buf_printf(&b, "%s: %s", what, status_str(st));
	if (detail != NULL && *detail != '\0')
		buf_printf(&b, ": %s", detail);
	return buf_steal(&b);
}

/* Runs in the worker: touches nothing but its job. */
static void job_free(struct job *j);

/* The MTA's command, under j->run: watch_free() knows when no child runs. */
static enum status
job_command(struct job *j, struct queue_output *out, char **err)
{
	struct queue_run_opts o = { .mta = QUEUE_MTA_AUTO, .timeout_ms = QUEUE_RUN_TIMEOUT_MS,
	    .command = j->command, .cancel_fd = j->cancel_fd };
	enum status st = STATUS_CANCELLED;

	memset(out, 0, sizeof(*out));
	pthread_mutex_lock(&j->run);
	if (!atomic_load(&j->cancelled))
		st = queue_run_with(&o, out, err);
	pthread_mutex_unlock(&j->run);
	return st;
}

/* The action's commands, under j->run like the listing's. */
static void
job_act(struct job *j)
{
	struct queue_action_opts o = { .command = j->command, .timeout_ms = QUEUE_RUN_TIMEOUT_MS,
	    .cancel_fd = j->cancel_fd };

	j->act_st = STATUS_CANCELLED;
	pthread_mutex_lock(&j->run);
	if (!atomic_load(&j->cancelled))
		j->act_st = queue_action_run(&o, &j->act, &j->act_said);
	pthread_mutex_unlock(&j->run);
}

static void *
job_run(void *arg)
{
	struct job *j = arg;
	struct queue_output out;
	char *text = NULL, *err = NULL, *msglog = NULL;
	size_t len = 0;
	enum queue_format fmt = QUEUE_FORMAT_AUTO;
	enum status st;

	if (j->acting)
		job_act(j);
	j->when = time(NULL);
	if (j->file != NULL) {
		if ((st = file_read(j->file, QUEUE_INPUT_MAX, &text, &len)) != STATUS_OK)
			j->err = error_text(j->file, st, NULL);
	} else {
		if ((st = job_command(j, &out, &err)) != STATUS_OK)
			j->err = error_text("queue listing", st, err);
		text = out.text;
		len = out.len;
		fmt = out.format;
		msglog = out.exim_msglog;
		out.text = NULL;
		out.exim_msglog = NULL;
		queue_output_free(&out);
		free(err);
	}
	if (j->err == NULL &&
	    (st = queue_parse(text ? text : "", len, fmt, j->when, &j->q)) != STATUS_OK)
		j->err = error_text(j->file ? j->file : "queue listing", st, NULL);
	/* Exim's delay reasons; without them (no access) the queue still shows. */
	if (j->q != NULL && msglog != NULL)
		queue_msglog_apply(j->q, msglog, NULL);
	free(msglog);
	free(text);
	if (!atomic_compare_exchange_strong(&j->state, &(int){ JOB_RUNNING }, JOB_DONE))
		job_free(j);
	return NULL;
}

static void
job_free(struct job *j)
{
	if (j == NULL)
		return;
	queue_free(j->q);
	free(j->err);
	free(j->file);
	free(j->command);
	queue_target_free(&j->act);
	free(j->act_said);
	pthread_mutex_destroy(&j->run);
	free(j);
}

/*
 * Close-on-exec, and a write end that never blocks.  Without one (no
 * descriptors left) a command cannot be stopped early: closing the watch
 * then leaves it to end at its timeout in the abandoned worker, as
 * closing still must not wait for it.
 */
static void
cancel_open(int fd[2])
{
	if (pipe(fd) != 0) {
		fd[0] = fd[1] = -1;
		return;
	}
	for (int i = 0; i < 2; i++)
		fcntl(fd[i], F_SETFD, FD_CLOEXEC);
	fcntl(fd[1], F_SETFL, fcntl(fd[1], F_GETFL) | O_NONBLOCK);
}

struct watch *
watch_new(const char *file, const char *command, int every_s)
{
	struct watch *w = xcalloc(1, sizeof(*w));

	w->file = xstrdup_null(file);
	w->command = xstrdup_null(command);
	cancel_open(w->cancel);
	w->every_ms = (every_s > 0 ? every_s : WATCH_DEFAULT_S) * 1000;
	clock_gettime(CLOCK_MONOTONIC, &w->next);
	return w;
}

static void
start(struct watch *w)
{
	struct job *j = xcalloc(1, sizeof(*j));

	j->file = xstrdup_null(w->file);
	j->command = xstrdup_null(w->command);
	j->cancel_fd = w->cancel[0];
	pthread_mutex_init(&j->run, NULL);
	atomic_store(&j->cancelled, false);
	atomic_store(&j->state, JOB_RUNNING);
	if (w->pending) {
		j->acting = true;
		j->act = w->act;
		memset(&w->act, 0, sizeof(w->act));
		w->pending = false;
	}
	w->job = j;
	w->threaded = pthread_create(&w->tid, NULL, job_run, j) == 0;
	if (!w->threaded)
		job_run(j);
}

/* A finished action's result, judged against the listing read after it (now w->q). */
static void
finish_act(struct watch *w, struct job *j, bool read)
{
	watch_done_free(&w->done);
	w->done.target = j->act;
	memset(&j->act, 0, sizeof(j->act));
	w->done.st = j->act_st;
	w->done.said = j->act_said;
	j->act_said = NULL;
	w->done.read = read;
	if (read)
		queue_action_outcome(&w->done.target, w->q, &w->done.out);
	w->has_done = true;
}

/* Takes a finished read over: its queue replaces the old one, or its error stays beside it. */
static void
finish(struct watch *w)
{
	struct job *j = w->job;
	bool read;

	if (w->threaded)
		pthread_join(w->tid, NULL);
	read = j->q != NULL;
	w->threaded = false;
	w->job = NULL;
	free(w->err);
	w->err = j->err;
	j->err = NULL;
	if (j->q != NULL) {
		queue_free(w->q);
		w->q = j->q;
		j->q = NULL;
		w->when = j->when;
		w->gen++;
	}
	w->fresh = true;
	if (j->acting)
		finish_act(w, j, read);
	job_free(j);
	schedule(w, w->every_ms);
}

int
watch_tick(struct watch *w)
{
	long ms;

	if (w->job != NULL) {
		if (atomic_load(&w->job->state) == JOB_RUNNING)
			return WATCH_POLL_MS;
		finish(w);
	}
	if (w->pending || (ms = ms_until(&w->next)) <= 0) {
		start(w);
		return WATCH_POLL_MS;
	}
	return ms > w->every_ms ? w->every_ms : (int)ms;
}

void
watch_refresh(struct watch *w)
{
	clock_gettime(CLOCK_MONOTONIC, &w->next);
}

bool
watch_busy(const struct watch *w)
{
	return w->job != NULL;
}

bool
watch_take_news(struct watch *w)
{
	bool f = w->fresh;

	w->fresh = false;
	return f;
}

bool
watch_act(struct watch *w, struct queue_target *t)
{
	if (w->file != NULL || watch_acting(w))
		return false;
	w->act = *t;
	memset(t, 0, sizeof(*t));
	w->pending = true;
	return true;
}

bool
watch_acting(const struct watch *w)
{
	return w->pending || (w->job != NULL && w->job->acting);
}

bool
watch_take_done(struct watch *w, struct watch_done *d)
{
	if (!w->has_done)
		return false;
	*d = w->done;
	memset(&w->done, 0, sizeof(w->done));
	w->has_done = false;
	return true;
}

void
watch_done_free(struct watch_done *d)
{
	if (d == NULL)
		return;
	queue_target_free(&d->target);
	queue_outcome_free(&d->out);
	free(d->said);
	memset(d, 0, sizeof(*d));
}

const struct queue *
watch_queue(const struct watch *w)
{
	return w->q;
}

unsigned long
watch_gen(const struct watch *w)
{
	return w->gen;
}

time_t
watch_when(const struct watch *w)
{
	return w->when;
}

const char *
watch_error(const struct watch *w)
{
	return w->err;
}

const char *
watch_file(const struct watch *w)
{
	return w->file;
}

int
watch_every(const struct watch *w)
{
	return w->every_ms / 1000;
}

/*
 * A read still in flight is left to its worker, which frees it; its
 * command, if one runs, is killed and reaped first (see the top).
 */
static void
cancel(struct watch *w)
{
	ssize_t n;

	atomic_store(&w->job->cancelled, true);
	/* Without the pipe the lock could be held until the command's timeout. */
	if (w->cancel[1] < 0)
		return;
	n = write(w->cancel[1], "", 1);
	(void)n;
	pthread_mutex_lock(&w->job->run);
	pthread_mutex_unlock(&w->job->run);
}

void
watch_free(struct watch *w)
{
	if (w == NULL)
		return;
	if (w->job != NULL) {
		cancel(w);
		if (w->threaded && atomic_compare_exchange_strong(&w->job->state,
		    &(int){ JOB_RUNNING }, JOB_ABANDONED))
			pthread_detach(w->tid);
		else {
			if (w->threaded)
				pthread_join(w->tid, NULL);
			job_free(w->job);
		}
	}
	for (int i = 0; i < 2; i++)
		if (w->cancel[i] >= 0)
			close(w->cancel[i]);
	queue_free(w->q);
	free(w->err);
	free(w->file);
	free(w->command);
	queue_target_free(&w->act);
	watch_done_free(&w->done);
	free(w);
}
