/* The start screen: failures grouped by cause, with counts and a per-day sparkline. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "core/shared/escape.h"
#include "core/shared/str.h"
#include "tui/tui.h"

#define SPARK_DAYS 30

/* The keys the group-next action cycles through, in order. */
static const enum group_key cycle[] = {
	GROUP_KEY_REASON, GROUP_KEY_STATUS, GROUP_KEY_DOMAIN, GROUP_KEY_REMOTE_MTA,
	GROUP_KEY_TEMPLATE, GROUP_KEY_DAY,
};
#define NCYCLE (sizeof(cycle) / sizeof(cycle[0]))

struct line {
	struct group *g;	/* first level */
	struct group *sub;	/* second level, or NULL for the group's own line */
};

struct groups {
	struct grouping *g;
	struct line *lines;
	size_t n;
	struct cursor c;	/* over lines */
	time_t anchor;		/* last day of the sparkline */
	size_t rcpts;
};

static enum group_key
groups_second_key(enum group_key k)
{
	return k == GROUP_KEY_DOMAIN ? GROUP_KEY_REASON : GROUP_KEY_DOMAIN;
}

static void
groups_rebuild(struct tui *t, struct view *v)
{
	struct groups *s = v->p;
	enum group_key keys[2] = { t->gkey, groups_second_key(t->gkey) };
	size_t *idx = xcalloc(t->rs->n + 1, sizeof(size_t)), n = 0, m = 0;
	const struct group *oldg = NULL;
	char *oldkey = NULL;
	bool had_old = false;
	time_t now = time(NULL), last = 0;
	size_t cur = s->c.cur;

	if (s->g != NULL && cur < s->n && s->lines[cur].sub == NULL) {
		oldg = s->lines[cur].g;
		oldkey = oldg->key ? xstrdup(oldg->key) : NULL;
		had_old = true;
	}
	for (size_t i = 0; i < t->rs->n; i++) {
		const struct row *r = &t->rs->rows[i];

		if (tui_row_shown(t, r)) {
			idx[n++] = i;
			if (r->date > last && r->date <= now)
				last = r->date;
		}
	}
	grouping_free(s->g);
	s->g = NULL;
	free(s->lines);
	s->lines = NULL;
	s->n = 0;
	group_build(t->rs, idx, n, keys, t->gsplit ? 2 : 1, &s->g);
	grouping_sort(s->g, t->gsort, t->gsort_desc);
	free(idx);
	/* The sparkline ends today, or at the newest bounce of an old archive. */
	s->anchor = last ? last : now;
	if (s->g != NULL) {
		for (size_t i = 0; i < s->g->n; i++)
			m += 1 + s->g->groups[i].nsub;
		s->lines = xcalloc(m + 1, sizeof(struct line));
		for (size_t i = 0; i < s->g->n; i++) {
			struct group *g = &s->g->groups[i];

			s->lines[s->n++].g = g;
			if (had_old && ((oldkey == NULL && g->key == NULL) ||
			    (oldkey && g->key && strcmp(oldkey, g->key) == 0)))
				cur = s->n - 1;
			for (size_t j = 0; j < g->nsub; j++) {
				s->lines[s->n].g = g;
				s->lines[s->n++].sub = &g->sub[j];
			}
		}
	}
	cursor_set_count(&s->c, s->n);
	cursor_set(&s->c, cur);
	free(oldkey);
}

static void
groups_title(struct tui *t, struct view *v, struct buf *out)
{
	struct groups *s = v->p;
	size_t hard = 0, soft = 0, rows = 0;
	char day[11];

	if (s->g != NULL)
		for (size_t i = 0; i < s->g->n; i++) {
			hard += s->g->groups[i].hard;
			soft += s->g->groups[i].soft;
			rows += s->g->groups[i].rows;
		}
	row_day(s->anchor, day);
	buf_printf(out, "bounceq: groups by %s", group_key_name(t->gkey));
	if (t->gsplit)
		buf_printf(out, " > %s", group_key_name(groups_second_key(t->gkey)));
	/* Success notices and unclassified rows are neither hard nor soft. */
	buf_printf(out, " | %zu rows (%zu hard, %zu soft) | sort %s %s | days to %s | ? help",
	    rows, hard, soft, group_sort_name(t->gsort), t->gsort_desc ? "desc" : "asc", day);
}

/* One block character per day, scaled to the group's busiest day. */
static void
groups_sparkline(struct tui *t, const struct groups *s, const struct group *g, size_t ndays,
    struct buf *out)
{
	static const char *const blocks[] = { "\u2581", "\u2582", "\u2583", "\u2584",
	    "\u2585", "\u2586", "\u2587", "\u2588" };
	static const char ascii[] = "_.-:=+*#";
	size_t counts[SPARK_DAYS] = { 0 }, max = 0;
	char day[11];

	for (size_t d = 0; d < ndays; d++) {
		row_day(s->anchor - (time_t)(ndays - 1 - d) * 86400, day);
		for (size_t i = 0; i < g->ndays; i++)
			if (strcmp(g->days[i].day, day) == 0)
				counts[d] = g->days[i].n;
		if (counts[d] > max)
			max = counts[d];
	}
	for (size_t d = 0; d < ndays; d++) {
		size_t lvl;

		if (counts[d] == 0) {
			buf_addc(out, ' ');
			continue;
		}
		lvl = max > 1 ? (counts[d] - 1) * 7 / (max - 1) : 7;
		if (t->utf8)
			buf_adds(out, blocks[lvl]);
		else
			buf_addc(out, ascii[lvl]);
	}
}

static void
groups_draw(struct tui *t, struct view *v, int y, int height, int width)
{
	struct groups *s = v->p;
	struct buf b = BUF_INIT, cell = BUF_INIT;
	/* count 7, hard/soft 13, share 6, rcpts 7, last 11: 44 + spaces */
	int fixed = 7 + 1 + 13 + 1 + 6 + 1 + 7 + 1 + 10 + 1;
	int keyw, days;

	days = width - fixed - 20;
	days = days > SPARK_DAYS ? SPARK_DAYS : days < 7 ? 0 : days;
	keyw = width - fixed - (days ? days + 1 : 0);
	if (keyw < 8)
		keyw = 8;
	if (height < 2)
		return;
	draw_cell(&b, group_key_name(t->gkey), (size_t)keyw);
	buf_printf(&b, " %7s %13s %6s %7s %-10s", "count", "hard/soft", "share", "rcpts",
	    "last seen");
	if (days)
		buf_printf(&b, " per day (%d)", days);
	draw_safe(y, 0, width, b.data, draw_attr(ATTR_TITLE));
	height--;
	y++;
	if (s->n == 0) {
		draw_safe(y, 0, width, t->loading || t->querying ? "reading the bounces..." :
		    t->dberr ? "no database: see the message below" :
		    filter_shows_successes(t->filter) ?
		    "no failures match; delivery notices are never grouped (L lists them)" :
		    "no failures match (l changes the limit, A shows all)", A_NORMAL);
		buf_free(&b);
		return;
	}
	cursor_set_height(&s->c, (size_t)height);
	for (int i = 0; i < height && s->c.top + (size_t)i < s->n; i++) {
		size_t l = s->c.top + (size_t)i;
		const struct group *g = s->lines[l].sub ? s->lines[l].sub : s->lines[l].g;
		char last[11], hs[32];
		size_t total = s->g->total ? s->g->total : 1;

		buf_reset(&b);
		buf_reset(&cell);
		if (s->lines[l].sub != NULL)
			buf_adds(&cell, "  ");
		buf_adds(&cell, g->key ? g->key : "unknown");
		draw_cell(&b, cell.data, (size_t)keyw);
		row_day(g->last, last);
		snprintf(hs, sizeof(hs), "%zu/%zu", g->hard, g->soft);
		buf_printf(&b, " %7zu %13s %5.1f%% %7zu %-10s", g->rows, hs,
		    100.0 * (double)g->rows / (double)total, g->recipients, g->last ? last : "");
		if (days) {
			buf_reset(&cell);
			groups_sparkline(t, s, g, (size_t)days, &cell);
			buf_printf(&b, " %s", cell.data);
		}
		draw_safe(y + i, 0, width, b.data, l == s->c.cur ? draw_attr(ATTR_CURSOR) :
		    s->lines[l].sub ? A_NORMAL : draw_attr(g->hard ? ATTR_FAILED : ATTR_DELAYED));
		/* With colours the sparkline has its own (the key cell is keyw wide). */
		if (days && t->color && l != s->c.cur)
			draw_safe(y + i, keyw + fixed + 1, days, cell.data, draw_attr(ATTR_SPARK));
	}
	buf_free(&b);
	buf_free(&cell);
}

static bool
groups_act(struct tui *t, struct view *v, enum action a)
{
	struct groups *s = v->p;
	size_t ci = 0;

	if (tui_cursor_act(&s->c, a))
		return true;
	switch (a) {
	case ACTION_GROUP_NEXT:
	case ACTION_GROUP_PREV:
		for (size_t i = 0; i < NCYCLE; i++)
			if (cycle[i] == t->gkey)
				ci = i;
		ci = a == ACTION_GROUP_NEXT ? (ci + 1) % NCYCLE : (ci + NCYCLE - 1) % NCYCLE;
		t->gkey = cycle[ci];
		cursor_first(&s->c);
		v->gen = t->gen - 1;
		return true;
	case ACTION_SORT_NEXT:
		t->gsort = (enum group_sort)((t->gsort + 1) % GROUP_SORT_COUNT);
		t->gsort_desc = group_sort_descending(t->gsort);
		v->gen = t->gen - 1;
		return true;
	case ACTION_SORT_REVERSE:
		t->gsort_desc = !t->gsort_desc;
		v->gen = t->gen - 1;
		return true;
	case ACTION_GROUP_SPLIT:
		t->gsplit = !t->gsplit;
		v->gen = t->gen - 1;
		return true;
	case ACTION_OPEN: {
		enum group_key keys[2] = { t->gkey, groups_second_key(t->gkey) };
		const char *vals[2];

		if (s->n == 0)
			return true;
		vals[0] = s->lines[s->c.cur].g->key;
		vals[1] = s->lines[s->c.cur].sub ? s->lines[s->c.cur].sub->key : NULL;
		tui_push(t, view_list_new(t, keys, vals, s->lines[s->c.cur].sub ? 2 : 1));
		return true;
	}
	default:
		return false;
	}
}

static bool
groups_search(struct tui *t, struct view *v, const char *text, bool forward)
{
	struct groups *s = v->p;

	(void)t;
	for (size_t k = 1; k <= s->n; k++) {
		size_t l = forward ? (s->c.cur + k) % s->n : (s->c.cur + s->n - k) % s->n;
		const struct group *g = s->lines[l].sub ? s->lines[l].sub : s->lines[l].g;

		if (str_casestr(g->key ? g->key : "unknown", text) != NULL) {
			cursor_set(&s->c, l);
			return true;
		}
	}
	return false;
}

/* The rows of the group under the cursor. */
static size_t
groups_rows(struct tui *t, struct view *v, size_t **idx)
{
	struct groups *s = v->p;
	const struct group *g;

	(void)t;
	*idx = NULL;
	if (s->n == 0)
		return 0;
	g = s->lines[s->c.cur].sub ? s->lines[s->c.cur].sub : s->lines[s->c.cur].g;
	*idx = xcalloc(g->nmembers + 1, sizeof(size_t));
	memcpy(*idx, g->members, g->nmembers * sizeof(size_t));
	return g->nmembers;
}

static void
groups_free(struct view *v)
{
	struct groups *s = v->p;

	grouping_free(s->g);
	free(s->lines);
	free(s);
	free(v);
}

static void
groups_sort(struct tui *t, struct view *v, const char *key, int dir)
{
	enum group_sort gs;
	struct buf b = BUF_INIT;

	if (group_sort_parse(key, &gs) != STATUS_OK) {
		for (int i = 0; i < GROUP_SORT_COUNT; i++)
			buf_printf(&b, "%s%s", i ? ", " : "", group_sort_name((enum group_sort)i));
		tui_msg(t, true, "unknown sort key '%s' on the groups screen (%s)", key, b.data);
		buf_free(&b);
		return;
	}
	t->gsort = gs;
	t->gsort_desc = dir < 0 ? group_sort_descending(gs) : dir == 1;
	v->gen = t->gen - 1;
}

static const struct view_ops groups_ops = {
	.name = "groups",
	.ctx = CONTEXT_GROUPS,
	.rebuild = groups_rebuild,
	.title = groups_title,
	.draw = groups_draw,
	.act = groups_act,
	.search = groups_search,
	.rows = groups_rows,
	.free = groups_free,
	.sort = groups_sort,
};

struct view *
view_groups_new(struct tui *t)
{
	struct view *v = xcalloc(1, sizeof(*v));
	struct groups *s = xcalloc(1, sizeof(*s));

	(void)t;
	cursor_init(&s->c, false);
	v->ops = &groups_ops;
	v->p = s;
	return v;
}
