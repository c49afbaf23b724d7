/*
 * Tagging bounce messages from the TUI: mark-handled (and :tag), its undo,
 * and showing or hiding the rows of handled messages.  The writing is
 * core's (core/index/index_tag.h: one atomic section, read-write for the
 * call only); here the rows' tags follow what notmuch now holds, so the
 * handled rows go out of sight at once, without a reload.
 */
#include <stdlib.h>
#include <string.h>

#include "core/index/index_tag.h"
#include "core/shared/buf.h"
#include "core/shared/strmap.h"
#include "tui/tui.h"

/* One pending tagging: the requests, waiting for a confirmation or run at once. */
struct job {
	char **msgid;
	struct tag_ops *ops;	/* one per message */
	size_t n;
	char *what;		/* "+bounceq-handled" */
	bool undo;		/* putting the last tagging back */
};

void
tui_undo_free(struct undo *u)
{
	for (size_t i = 0; i < u->n; i++) {
		free(u->msgid[i]);
		tag_ops_free(&u->ops[i]);
	}
	free(u->msgid);
	free(u->ops);
	free(u->what);
	memset(u, 0, sizeof(*u));
}

static void
job_free(void *arg)
{
	struct job *j = arg;

	if (j == NULL)
		return;
	for (size_t i = 0; i < j->n; i++) {
		free(j->msgid[i]);
		tag_ops_free(&j->ops[i]);
	}
	free(j->msgid);
	free(j->ops);
	free(j->what);
	free(j);
}

/* The rows of each changed message take its new tags (rows and other rows). */
static void
rows_follow(struct tui *t, const struct index_tag_result *res)
{
	struct strmap changed = STRMAP_INIT;
	size_t k;

	for (size_t i = 0; i < res->n; i++)
		if (res->c[i].added != NULL || res->c[i].removed != NULL)
			strmap_put(&changed, res->c[i].msgid, i);
	for (int o = 0; o < 2; o++) {
		struct row *v = o ? t->rs->other : t->rs->rows;
		size_t n = o ? t->rs->nother : t->rs->n;

		for (size_t i = 0; i < n; i++)
			if (v[i].s[ROW_MESSAGE_ID] != NULL &&
			    strmap_get(&changed, v[i].s[ROW_MESSAGE_ID], &k))
				row_set(&v[i], ROW_TAGS, res->c[k].after);
	}
	strmap_free(&changed);
	t->gen++;
}

/* What puts each changed message back: the next undo. */
static void
remember(struct tui *t, const struct index_tag_result *res, const char *what)
{
	struct undo *u = &t->undo;

	tui_undo_free(u);
	u->msgid = xcalloc(res->n + 1, sizeof(*u->msgid));
	u->ops = xcalloc(res->n + 1, sizeof(*u->ops));
	for (size_t i = 0; i < res->n; i++) {
		const struct index_tag_change *c = &res->c[i];

		if (c->added == NULL && c->removed == NULL)
			continue;
		for (int k = 0; k < 2; k++) {
			const char *p = k == 0 ? c->added : c->removed;

			while (p != NULL && *p != '\0') {
				size_t w = strcspn(p, " ");
				char *tag = xstrndup(p, w);

				tag_ops_add(&u->ops[u->n], tag, k == 1);
				free(tag);
				p += w;
				p += strspn(p, " ");
			}
		}
		u->msgid[u->n++] = xstrdup(c->msgid);
	}
	u->what = xstrdup(what);
	if (u->n == 0)
		tui_undo_free(u);
}

static void
run_job(struct tui *t, void *arg)
{
	struct job *j = arg;
	struct index_tag_req *req = xcalloc(j->n + 1, sizeof(*req));
	struct index_tag_result res;
	char *err = NULL;
	enum status st;

	for (size_t i = 0; i < j->n; i++)
		req[i] = (struct index_tag_req){ j->msgid[i], &j->ops[i] };
	st = index_tag_apply(&t->iopts, req, j->n, false, &res, &err);
	if (st != STATUS_OK) {
		tui_msg(t, true, "%s failed, nothing changed: %s", j->undo ? "undo" : "tagging",
		    err ? err : status_str(st));
	} else {
		rows_follow(t, &res);
		if (j->undo) {
			tui_undo_free(&t->undo);
			tui_msg(t, false, "undone: %s taken back from %zu message%s", j->what,
			    res.changed, res.changed == 1 ? "" : "s");
		} else {
			remember(t, &res, j->what);
			tui_msg(t, false, "tagged %zu message%s %s%s%s", res.changed,
			    res.changed == 1 ? "" : "s", j->what + 1,
			    res.changed < j->n ? " (the others were already)" : "",
			    t->undo.n > 0 ? "; u undoes" : "");
		}
	}
	index_tag_result_free(&res);
	free(err);
	free(req);
}

/* Runs j now, or after a y when it touches more than one message. */
static void
submit(struct tui *t, struct job *j)
{
	struct buf q = BUF_INIT;

	if (j->n <= 1) {
		run_job(t, j);
		job_free(j);
		return;
	}
	if (j->undo)
		buf_printf(&q, "undo %s on %zu messages?", j->what, j->n);
	else
		buf_printf(&q, "tag %zu messages %s?", j->n, j->what);
	confirm_ask(t, q.data, run_job, job_free, j);
	buf_free(&q);
}

void
tui_mark(struct tui *t, bool tagged, const char *tag)
{
	struct strmap seen = STRMAP_INIT;
	struct view *v = tui_top(t);
	struct job *j;
	struct buf what = BUF_INIT;
	size_t *idx = NULL, n = 0, dummy;
	long cur;

	if (!tag_name_ok(tag)) {
		tui_msg(t, true, "not a tag bounceq writes: %s", tag);
		return;
	}
	if (!tagged && v != NULL && (cur = view_current(t, v)) >= 0) {
		idx = xcalloc(1, sizeof(size_t));
		idx[n++] = (size_t)cur;
	} else
		n = tui_selection(t, tagged, &idx);
	j = xcalloc(1, sizeof(*j));
	j->msgid = xcalloc(n + 1, sizeof(*j->msgid));
	j->ops = xcalloc(n + 1, sizeof(*j->ops));
	for (size_t i = 0; i < n; i++) {
		const char *id = t->rs->rows[idx[i]].s[ROW_MESSAGE_ID];

		if (id == NULL || strmap_get(&seen, id, &dummy))
			continue;
		strmap_put(&seen, id, 1);
		tag_ops_add(&j->ops[j->n], tag, true);
		j->msgid[j->n++] = xstrdup(id);
	}
	strmap_free(&seen);
	free(idx);
	buf_printf(&what, "+%s", tag);
	j->what = buf_steal(&what);
	if (j->n == 0) {
		tui_msg(t, true, "no message to tag");
		job_free(j);
		return;
	}
	submit(t, j);
}

void
tui_undo(struct tui *t)
{
	struct undo *u = &t->undo;
	struct job *j;

	if (u->n == 0) {
		tui_msg(t, true, "nothing to undo");
		return;
	}
	/* A copy: the undo stays until it has run (an n to the question keeps it). */
	j = xcalloc(1, sizeof(*j));
	j->msgid = xcalloc(u->n + 1, sizeof(*j->msgid));
	j->ops = xcalloc(u->n + 1, sizeof(*j->ops));
	for (size_t i = 0; i < u->n; i++) {
		j->msgid[i] = xstrdup(u->msgid[i]);
		for (size_t k = 0; k < u->ops[i].nadd; k++)
			tag_ops_add(&j->ops[i], u->ops[i].add[k], true);
		for (size_t k = 0; k < u->ops[i].ndel; k++)
			tag_ops_add(&j->ops[i], u->ops[i].del[k], false);
	}
	j->n = u->n;
	j->what = xstrdup(u->what);
	j->undo = true;
	submit(t, j);
}

void
tui_toggle_handled(struct tui *t)
{
	t->hide.all = !t->hide.all;
	t->gen++;
	tui_msg(t, false, "%s the rows of handled messages (tag %s)",
	    t->hide.all ? "showing" : "hiding", hide_tag(&t->hide));
}
