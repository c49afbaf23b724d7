/*
 * New mail: the database's revision read every few seconds (and on the
 * sync key), and when it moved, the rows loaded again through the cache
 * by a second index, off screen, until it takes the first one's place.
 * The screen keeps showing the old rows meanwhile, so a reload never
 * blanks it.  Reading the revision and running the query happen in a
 * thread each (a database a writer keeps busy can take seconds to open);
 * decoding what is new runs in short slices between keys, as the first
 * load does.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "core/index/index_revision.h"
#include "core/model/row_map.h"
#include "core/shared/clock.h"
#include "tui/tui.h"

/* Decode for at most this long between two looks at the keyboard. */
#define NEWMAIL_SLICE_MS 30
/* While a thread works, look at it this often. */
#define NEWMAIL_POLL_MS 20

enum newmail_state {
	NEWMAIL_IDLE,		/* waiting for the next check */
	NEWMAIL_CHECKING,	/* reading the revision (thread) */
	NEWMAIL_QUERYING,	/* the new index runs its query (thread) */
	NEWMAIL_LOADING,	/* decoding what the cache does not hold */
};

struct newmail {
	enum newmail_state state;
	int every_ms;		/* 0: only on the sync key */
	long long due;		/* next check (clock_ms), 0: not planned */
	bool asked;		/* the sync key: say what came of it */
	pthread_t tid;
	bool joinable;
	atomic_bool done;
	const struct index_opts *opts;	/* the session's (borrowed) */
	enum status st;
	char *uuid, *err;	/* the revision read */
	unsigned long rev;
	struct index *ix;	/* the new load */
};

struct newmail *
newmail_new(int every_s)
{
	struct newmail *m = xcalloc(1, sizeof(*m));

	m->every_ms = every_s > 0 ? every_s * 1000 : 0;
	return m;
}

static void *
check_thread(void *arg)
{
	struct newmail *m = arg;

	m->st = index_revision(m->opts, &m->uuid, &m->rev, &m->err);
	atomic_store(&m->done, true);
	return NULL;
}

static void *
query_thread(void *arg)
{
	struct newmail *m = arg;

	m->st = index_load_begin(m->ix);
	atomic_store(&m->done, true);
	return NULL;
}

/* Starts fn in a thread, or runs it here when no thread can start. */
static void
run(struct newmail *m, void *(*fn)(void *))
{
	atomic_store(&m->done, false);
	m->joinable = pthread_create(&m->tid, NULL, fn, m) == 0;
	if (!m->joinable)
		fn(m);
}

/* The thread's result is in once it said so; it is joined then. */
static bool
finished(struct newmail *m)
{
	if (!atomic_load(&m->done))
		return false;
	if (m->joinable)
		pthread_join(m->tid, NULL);
	m->joinable = false;
	return true;
}

static void
idle(struct newmail *m)
{
	m->state = NEWMAIL_IDLE;
	m->due = m->every_ms ? clock_ms() + m->every_ms : 0;
	m->asked = false;
	free(m->uuid);
	free(m->err);
	m->uuid = m->err = NULL;
	index_close(m->ix);
	m->ix = NULL;
}

/* The tagged rows by their new places. */
static void
move_tags(struct tui *t, const size_t *map, size_t nold, size_t nnew)
{
	bool *tagged = xcalloc(nnew + 1, sizeof(bool));
	size_t n = 0;

	for (size_t i = 0; i < nold && i < t->ntagcap; i++)
		if (t->tagged[i] && map[i] != ROW_MAP_NONE && !tagged[map[i]]) {
			tagged[map[i]] = true;
			n++;
		}
	free(t->tagged);
	t->tagged = tagged;
	t->ntagcap = nnew;
	t->ntagged = n;
}

/* Failures in the new rows that none of the old ones became. */
static size_t
count_new(const struct rowset *rs, const size_t *map, size_t nold)
{
	bool *old = xcalloc(rs->n + 1, sizeof(bool));
	size_t n = 0;

	for (size_t i = 0; i < nold; i++)
		if (map[i] != ROW_MAP_NONE)
			old[map[i]] = true;
	for (size_t j = 0; j < rs->n; j++)
		if (!old[j] && !rs->rows[j].superseded && rs->rows[j].s[ROW_ERROR] == NULL)
			n++;
	free(old);
	return n;
}

/* The new index takes the old one's place; screens follow their rows. */
static void
swap(struct tui *t, struct newmail *m)
{
	struct rowset *rs = index_rows(m->ix);
	size_t nold = t->rs->n, *map = row_map(t->rs, rs);

	move_tags(t, map, nold, rs->n);
	for (int i = 0; i < t->nviews; i++)
		if (t->views[i]->ops->remap != NULL)
			t->views[i]->ops->remap(t, t->views[i], map, nold);
	t->nnew = count_new(rs, map, nold);
	free(map);
	index_close(t->ix);
	t->ix = m->ix;
	m->ix = NULL;
	t->rs = rs;
	index_progress(t->ix, &t->done, &t->total);
	t->gen++;
	if (m->asked && t->nnew == 0)
		tui_msg(t, false, "no new failures");
}

/* The revision is in: unchanged, or the start of a new load. */
static void
checked(struct tui *t, struct newmail *m)
{
	const char *uuid;
	unsigned long rev;
	char *err = NULL;
	enum status st;

	if (m->st != STATUS_OK) {
		/* A passing failure (a writer's lock) is tried again next time. */
		if (m->asked)
			tui_msg(t, true, "cannot check for new mail: %s",
			    m->err ? m->err : status_str(m->st));
		idle(m);
		return;
	}
	index_loaded_revision(t->ix, &uuid, &rev);
	if (strcmp(uuid, m->uuid) == 0 && rev == m->rev) {
		if (m->asked)
			tui_msg(t, false, "no new mail");
		idle(m);
		return;
	}
	if ((st = index_open(&t->iopts, &m->ix, &err)) != STATUS_OK) {
		tui_msg(t, true, "cannot load new mail: %s", err ? err : status_str(st));
		free(err);
		idle(m);
		return;
	}
	m->state = NEWMAIL_QUERYING;
	run(m, query_thread);
}

/* One slice of decoding; the swap once all is in. */
static int
load(struct tui *t, struct newmail *m)
{
	long long start = clock_ms();
	enum status st;

	do {
		if ((st = index_load_step(m->ix, 16)) != STATUS_OK) {
			tui_msg(t, true, "loading new mail stopped: %s", status_str(st));
			idle(m);
			return m->due ? (int)(m->due - clock_ms()) : -1;
		}
	} while (!index_load_done(m->ix) && clock_ms() - start < NEWMAIL_SLICE_MS);
	if (!index_load_done(m->ix))
		return 0;
	index_load_finish(m->ix);
	swap(t, m);
	idle(m);
	return m->due ? m->every_ms : -1;
}

int
newmail_tick(struct tui *t)
{
	struct newmail *m = t->newmail;
	long long now = clock_ms();

	/* Not before the first load is complete, and never without a database. */
	if (m == NULL || t->ix == NULL || t->querying || t->loading)
		return -1;
	switch (m->state) {
	case NEWMAIL_IDLE:
		if (m->due == 0 && m->every_ms > 0)
			m->due = now + m->every_ms;
		if (!m->asked && (m->due == 0 || now < m->due))
			return m->due ? (int)(m->due - now) : -1;
		m->opts = &t->iopts;
		m->state = NEWMAIL_CHECKING;
		run(m, check_thread);
		return NEWMAIL_POLL_MS;
	case NEWMAIL_CHECKING:
		if (!finished(m))
			return NEWMAIL_POLL_MS;
		checked(t, m);
		return m->state == NEWMAIL_IDLE ? (m->due ? (int)(m->due - clock_ms()) : -1) :
		    NEWMAIL_POLL_MS;
	case NEWMAIL_QUERYING:
		if (!finished(m))
			return NEWMAIL_POLL_MS;
		if (m->st != STATUS_OK) {
			tui_msg(t, true, "loading new mail failed: %s%s%s", status_str(m->st),
			    index_error(m->ix) ? ": " : "",
			    index_error(m->ix) ? index_error(m->ix) : "");
			idle(m);
			return m->due ? m->every_ms : -1;
		}
		m->state = NEWMAIL_LOADING;
		return 0;
	case NEWMAIL_LOADING:
		return load(t, m);
	}
	return -1;
}

void
newmail_now(struct tui *t)
{
	struct newmail *m = t->newmail;

	if (m == NULL || t->ix == NULL) {
		tui_msg(t, true, "no database to check for new mail");
		return;
	}
	if (t->querying || t->loading) {
		tui_msg(t, false, "still loading; new mail is looked for once that is done");
		return;
	}
	/* A check or a load already under way answers this key too. */
	m->asked = true;
	if (m->state == NEWMAIL_IDLE)
		m->due = clock_ms();
}

void
newmail_status(struct tui *t, struct buf *out)
{
	struct newmail *m = t->newmail;
	size_t done, total;

	if (m == NULL)
		return;
	if (m->state == NEWMAIL_QUERYING)
		buf_adds(out, "new mail: running the query...");
	else if (m->state == NEWMAIL_LOADING) {
		index_progress(m->ix, &done, &total);
		buf_adds(out, "new mail: ");
		progress_count(out, done);
		buf_adds(out, " of ");
		progress_count(out, total);
	} else if (m->state == NEWMAIL_CHECKING && m->asked)
		buf_adds(out, "checking for new mail...");
}

void
newmail_free(struct newmail *m)
{
	if (m == NULL)
		return;
	/* A query in flight stops at once; a revision read is short. */
	if (m->joinable) {
		if (m->state == NEWMAIL_QUERYING)
			index_cancel(m->ix);
		pthread_join(m->tid, NULL);
	}
	free(m->uuid);
	free(m->err);
	index_close(m->ix);
	free(m);
}
