/*
 * The queue screens' actions: flush, hold, release, delete the messages
 * of the line under the cursor (core/queue/queue_action.h).  Off unless
 * the config file says queue.actions = yes; asked first; run by the
 * screens' watch, which reads the listing again afterwards; what changed
 * goes to the message line.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "core/keys/config.h"
#include "tui/tui.h"

/* Queue IDs named in the question. */
#define ASK_IDS 3

static const struct {
	enum action key;
	enum queue_action act;
} keys[] = {
	{ ACTION_QUEUE_FLUSH, QUEUE_ACTION_FLUSH },
	{ ACTION_QUEUE_HOLD, QUEUE_ACTION_HOLD },
	{ ACTION_QUEUE_RELEASE, QUEUE_ACTION_RELEASE },
	{ ACTION_QUEUE_DELETE, QUEUE_ACTION_DELETE },
};

/* What the question hands to its answer. */
struct ask {
	struct watch *w;	/* the queue screen's; it outlives the question */
	struct queue_target target;
};

bool
queue_act_of(enum action a, enum queue_action *out)
{
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		if (keys[i].key == a) {
			*out = keys[i].act;
			return true;
		}
	return false;
}

static const char *
plural(size_t n)
{
	return n == 1 ? "" : "s";
}

/* Whether actions may run here; else the message line says why not. */
static bool
allowed(struct tui *t, struct watch *w, enum queue_action a)
{
	if (t->cfg == NULL || !t->cfg->queue_actions) {
		tui_msg(t, true, "%s: queue actions are %s: write 'queue.actions = yes' in "
		    "~/.config/bounceq/config (see bounceq(1))", queue_action_name(a),
		    status_str(STATUS_DISABLED));
		return false;
	}
	if (watch_file(w) != NULL) {
		tui_msg(t, true, "%s: this is a saved listing (--queue-file); actions need "
		    "the MTA's own queue", queue_action_name(a));
		return false;
	}
	if (watch_acting(w)) {
		tui_msg(t, true, "%s: another queue action is still running",
		    queue_action_name(a));
		return false;
	}
	return true;
}

/* "nothing to hold here: no message for x.test in the deferred queue (2 on hold already)" */
static void
nothing(struct tui *t, const struct queue_target *tg)
{
	struct buf b = BUF_INIT;

	buf_printf(&b, "nothing to %s here: no message", queue_action_name(tg->action));
	if (tg->domain != NULL)
		buf_printf(&b, " for %s", tg->domain[0] ? tg->domain : "no domain");
	if (tg->reason != NULL)
		buf_printf(&b, " waiting for %s", tg->reason);
	if (tg->queue != NULL)
		buf_printf(&b, " in the %s queue", tg->queue);
	if (tg->skipped > 0)
		buf_printf(&b, " (%zu %s; c shows the others)", tg->skipped,
		    queue_action_skipped(tg->action));
	tui_msg(t, true, "%s", b.data);
	buf_free(&b);
}

static void
ask_yes(struct tui *t, void *arg)
{
	struct ask *k = arg;
	enum queue_action a = k->target.action;
	size_t n = k->target.n;

	if (watch_act(k->w, &k->target))
		tui_msg(t, false, "%s: asking the MTA about %zu message%s...",
		    queue_action_name(a), n, plural(n));
	else
		tui_msg(t, true, "%s: another queue action is still running",
		    queue_action_name(a));
}

static void
ask_drop(void *arg)
{
	struct ask *k = arg;

	queue_target_free(&k->target);
	free(k);
}

void
queue_act_ask(struct tui *t, struct watch *w, struct queue_target *tg)
{
	struct buf q = BUF_INIT;
	struct ask *k;

	if (!allowed(t, w, tg->action)) {
		queue_target_free(tg);
		return;
	}
	if (tg->n == 0) {
		nothing(t, tg);
		queue_target_free(tg);
		return;
	}
	queue_target_describe(tg, ASK_IDS, &q);
	q.data[0] = (char)toupper((unsigned char)q.data[0]);
	buf_addc(&q, '?');
	k = xcalloc(1, sizeof(*k));
	k->w = w;
	k->target = *tg;
	memset(tg, 0, sizeof(*tg));
	confirm_ask(t, q.data, ask_yes, ask_drop, k);
	buf_free(&q);
}

/* "held 3 messages for x.test: 3 on hold" and what did not change. */
static void
outcome(struct tui *t, const struct watch_done *d)
{
	const struct queue_target *tg = &d->target;
	struct buf b = BUF_INIT;
	static const enum queue_fate order[] = { QUEUE_FATE_CHANGED, QUEUE_FATE_SAME,
	    QUEUE_FATE_GONE };
	const size_t count[] = { d->out.changed, d->out.same, d->out.gone };
	const char *sep = ": ";

	buf_printf(&b, "%s %zu message%s", queue_action_done(tg->action), tg->n, plural(tg->n));
	if (tg->domain != NULL)
		buf_printf(&b, " for %s", tg->domain[0] ? tg->domain : "no domain");
	for (size_t i = 0; i < sizeof(order) / sizeof(order[0]); i++)
		if (count[i] > 0 || (i == 0 && tg->action != QUEUE_ACTION_FLUSH)) {
			buf_printf(&b, "%s%zu %s", sep, count[i],
			    queue_fate_name(tg->action, order[i]));
			sep = ", ";
		}
	/* The MTA took it and the listing says otherwise; a flush is the MTA's to carry out. */
	tui_msg(t, d->out.same > 0 && tg->action != QUEUE_ACTION_FLUSH, "%s", b.data);
	buf_free(&b);
}

void
queue_act_report(struct tui *t, struct watch *w)
{
	struct watch_done d;
	const char *name;

	if (!watch_take_done(w, &d))
		return;
	name = queue_action_name(d.target.action);
	if (d.st != STATUS_OK)
		tui_msg(t, true, "%s: %s%s%s", name, status_str(d.st), d.said ? ": " : "",
		    d.said ? d.said : "");
	else if (!d.read)
		tui_msg(t, true, "%s: done, but the listing could not be read again: %s", name,
		    watch_error(w) ? watch_error(w) : "");
	else
		outcome(t, &d);
	watch_done_free(&d);
}
