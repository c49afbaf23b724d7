/*
 * The status line: database, query, limit, counts (and the handled rows
 * hidden), tags, what runs now, keys typed so far, the delivery
 * notices left out and the other notices (auto-replies, complaints: the
 * notices screen's), as parts that make room for each other on a narrow
 * terminal.  The least useful part
 * goes first (the database path, the query, then the notices),
 * the load's progress gets shorter before it goes, and the counts stay.
 * Every part is escaped: paths, queries and limits are the user's bytes,
 * and may be anything.
 */
#include <stdio.h>
#include <string.h>

#include "core/shared/escape.h"
#include "core/shared/progress.h"
#include "tui/tui.h"

enum part {
	PART_DB, PART_QUERY, PART_LIMIT, PART_FAILURES, PART_HIDDEN, PART_TAGGED, PART_NEW, PART_QUERYING,
	PART_LOADING, PART_RELOAD, PART_PREFIX, PART_KEYS, PART_SUCCESS, PART_NOTICES, PART_MAX
};

/*
 * What goes while the line is too wide, in order: a part dropped, or
 * (PART_LOADING with a form) the progress told shorter.
 */
static const struct step {
	enum part part;
	int form;		/* -1: drop the part; else a shorter progress_form */
} steps[] = {
	{ PART_DB, -1 },
	{ PART_QUERY, -1 },
	{ PART_SUCCESS, -1 },
	{ PART_NOTICES, -1 },
	{ PART_LOADING, PROGRESS_LEFT },
	{ PART_LIMIT, -1 },
	{ PART_RELOAD, -1 },
	{ PART_LOADING, PROGRESS_COUNT },
	{ PART_TAGGED, -1 },
	{ PART_NEW, -1 },
	{ PART_LOADING, PROGRESS_PERCENT },
};

/*
 * Failures (latest of each chain, no unreadable messages), all and shown;
 * delivery notices are no failures and are counted apart.
 */
static void
counts(struct tui *t)
{
	size_t shown = 0, all = 0, succ = 0, hidden = 0, notices = 0;

	if (t->count_gen == t->gen)
		return;
	for (size_t i = 0; i < t->rs->n; i++) {
		const struct row *r = &t->rs->rows[i];

		if (r->superseded || r->s[ROW_ERROR] != NULL)
			continue;
		if (row_is_success(r)) {
			succ++;
			continue;
		}
		all++;
		if (t->filter != NULL && !filter_match(t->filter, r))
			continue;
		if (rowset_visible(r, &t->hide))
			shown++;
		else
			hidden++;
	}
	t->count_all = all;
	t->count_shown = shown;
	t->count_hidden = hidden;
	/* What the notices screen lists: the limit is not theirs. */
	for (size_t i = 0; i < t->rs->nother; i++)
		notices += rowset_visible(&t->rs->other[i], &t->hide);
	t->count_success = succ;
	t->count_notices = notices;
	t->count_gen = t->gen;
}

/* The raw text of part p (empty: not shown now); form for PART_LOADING. */
static void
part_text(struct tui *t, enum part p, int form, struct buf *b)
{
	char keys[KEY_SEQ_NAME_MAX];

	switch (p) {
	case PART_DB:
		buf_printf(b, "db: %s", t->ix ? index_db_path(t->ix) :
		    t->iopts.database ? t->iopts.database : "(none)");
		break;
	case PART_QUERY:
		if (t->query != NULL)
			buf_printf(b, "query: %s", t->query);
		break;
	case PART_LIMIT:
		buf_printf(b, "limit: %s", t->limit && *t->limit ? t->limit : "none");
		if (t->quick)
			buf_printf(b, " [%s]", t->quick == 1 ? "permanent" : "transient");
		break;
	case PART_FAILURES:
		buf_printf(b, "%zu of %zu failures", t->count_shown, t->count_all);
		break;
	case PART_HIDDEN:
		/* What the limit kept but the handled tag hides, and the key that shows it. */
		if (t->count_hidden > 0)
			buf_printf(b, "%zu handled hidden (a shows)", t->count_hidden);
		else if (t->hide.all)
			buf_adds(b, "handled shown");
		break;
	case PART_TAGGED:
		if (t->ntagged)
			buf_printf(b, "%zu tagged", t->ntagged);
		break;
	case PART_NEW:
		if (t->nnew)
			buf_printf(b, "%zu new", t->nnew);
		break;
	case PART_QUERYING:
		if (t->querying)
			buf_adds(b, "running the query...");
		break;
	case PART_LOADING:
		if (t->loading)
			progress_text(b, &t->prog, t->done, t->total, (enum progress_form)form,
			    t->utf8);
		break;
	case PART_RELOAD:
		newmail_status(t, b);
		break;
	case PART_PREFIX:
		if (t->tag_prefix)
			buf_adds(b, ";");
		break;
	case PART_KEYS:
		if (t->pending.n > 0) {
			key_seq_str(&t->pending, keys, sizeof(keys));
			buf_printf(b, "keys: %s... (Esc cancels)", keys);
		}
		break;
	case PART_SUCCESS:
		if (t->count_success > 0)
			buf_printf(b, "%zu delivery notice%s %s", t->count_success,
			    t->count_success == 1 ? "" : "s",
			    filter_shows_successes(t->filter) ? "listed" : "not counted");
		break;
	case PART_NOTICES:
		/* Auto-replies, complaints...: the key in force that lists them. */
		if (t->count_notices > 0) {
			struct key_seq k;

			if (keymap_keys_for(t->km, CONTEXT_GLOBAL, ACTION_NOTICES, &k, 1) == 1)
				key_seq_str(&k, keys, sizeof(keys));
			else
				snprintf(keys, sizeof(keys), ":%s", action_name(ACTION_NOTICES));
			buf_printf(b, "%zu notice%s (%s shows them)", t->count_notices,
			    t->count_notices == 1 ? "" : "s", keys);
		}
		break;
	case PART_MAX:
		break;
	}
}

void
status_line(struct tui *t, struct buf *out, int width)
{
	struct buf raw = BUF_INIT, safe[PART_MAX];
	size_t w[PART_MAX], total = 0, shown = 0;
	struct buf line = BUF_INIT;

	counts(t);
	for (int p = 0; p < PART_MAX; p++) {
		buf_reset(&raw);
		part_text(t, (enum part)p, PROGRESS_FULL, &raw);
		safe[p] = (struct buf)BUF_INIT;
		escape_text(&safe[p], raw.data ? raw.data : "", raw.len);
		w[p] = raw.len ? escape_width(safe[p].data) : 0;
	}
	for (int p = 0; p < PART_MAX; p++)
		if (w[p] > 0) {
			total += w[p] + (shown ? 3 : 0);
			shown++;
		}
	for (size_t s = 0; s < sizeof(steps) / sizeof(steps[0]) &&
	    total > (size_t)(width > 0 ? width : 0); s++) {
		enum part p = steps[s].part;

		if (w[p] == 0)
			continue;
		total -= w[p] + (shown > 1 ? 3 : 0);
		shown--;
		buf_reset(&safe[p]);
		w[p] = 0;
		if (steps[s].form >= 0) {
			buf_reset(&raw);
			part_text(t, p, steps[s].form, &raw);
			escape_text(&safe[p], raw.data ? raw.data : "", raw.len);
			w[p] = raw.len ? escape_width(safe[p].data) : 0;
			if (w[p] > 0) {
				total += w[p] + (shown ? 3 : 0);
				shown++;
			}
		}
	}
	for (int p = 0; p < PART_MAX; p++) {
		if (w[p] > 0)
			buf_printf(&line, "%s%s", line.len ? " | " : "", safe[p].data);
		buf_free(&safe[p]);
	}
	escape_fit(out, line.data ? line.data : "", (size_t)(width > 0 ? width : 0), 1);
	buf_free(&line);
	buf_free(&raw);
}
