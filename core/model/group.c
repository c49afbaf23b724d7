#include "core/model/group.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/knowledge/reason.h"
#include "core/shared/buf.h"
#include "core/shared/strmap.h"

static const char *const key_names[] = {
#define GROUP_KEY_NAME(n, s) s,
	GROUP_KEY_LIST(GROUP_KEY_NAME)
#undef GROUP_KEY_NAME
};

/* Short names people type. */
static const struct {
	const char *alias;
	enum group_key key;
} aliases[] = {
	{ "mta", GROUP_KEY_REMOTE_MTA },
	{ "remote", GROUP_KEY_REMOTE_MTA },
	{ "reporting", GROUP_KEY_REPORTING_MTA },
	{ "from", GROUP_KEY_SENDER },
	{ "date", GROUP_KEY_DAY },
};

const char *
group_key_name(enum group_key k)
{
	return (unsigned)k < GROUP_KEY_COUNT ? key_names[k] : "?";
}

enum status
group_keys_parse(const char *spec, enum group_key *keys, size_t *nkeys)
{
	const char *p = spec;

	*nkeys = 0;
	if (spec == NULL || *spec == '\0')
		return STATUS_INVALID;
	for (;;) {
		size_t n = strcspn(p, ","), i;
		bool found = false;

		if (*nkeys == GROUP_MAX_LEVELS)
			return STATUS_INVALID;
		for (i = 0; i < GROUP_KEY_COUNT && !found; i++)
			if (strlen(key_names[i]) == n && strncasecmp(p, key_names[i], n) == 0) {
				keys[*nkeys] = (enum group_key)i;
				found = true;
			}
		for (i = 0; i < sizeof(aliases) / sizeof(aliases[0]) && !found; i++)
			if (strlen(aliases[i].alias) == n &&
			    strncasecmp(p, aliases[i].alias, n) == 0) {
				keys[*nkeys] = aliases[i].key;
				found = true;
			}
		if (!found)
			return STATUS_INVALID;
		(*nkeys)++;
		if (p[n] == '\0')
			return STATUS_OK;
		p += n + 1;
	}
}

const char *
group_row_key(const struct row *r, enum group_key k, char buf[11])
{
	switch (k) {
	case GROUP_KEY_REASON:
		return r->s[ROW_REASON];
	case GROUP_KEY_STATUS:
		return r->s[ROW_STATUS];
	case GROUP_KEY_DOMAIN:
		return r->s[ROW_DOMAIN];
	case GROUP_KEY_REMOTE_MTA:
		return r->s[ROW_REMOTE_MTA];
	case GROUP_KEY_REPORTING_MTA:
		return r->s[ROW_REPORTING_MTA];
	case GROUP_KEY_SENDER:
		return r->s[ROW_ORIG_FROM];
	case GROUP_KEY_DAY:
		if (r->date == 0)
			return NULL;
		row_day(r->date, buf);
		return buf;
	case GROUP_KEY_TEMPLATE:
		return r->s[ROW_TEMPLATE];
	case GROUP_KEY_COUNT:
		break;
	}
	return NULL;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int
cmp_day(const void *a, const void *b)
{
	return strcmp(((const struct group_day *)a)->day, ((const struct group_day *)b)->day);
}

static const struct {
	const char *name;
	bool desc;
} sorts[] = {
#define GROUP_SORT_ROW(n, s, d, h) { s, d },
	GROUP_SORT_LIST(GROUP_SORT_ROW)
#undef GROUP_SORT_ROW
};

static const struct {
	const char *alias;
	enum group_sort sort;
} sort_aliases[] = {
	{ "share", GROUP_SORT_ROWS },
	{ "rows", GROUP_SORT_ROWS },
	{ "rcpts", GROUP_SORT_RECIPIENTS },
	{ "recent", GROUP_SORT_LAST },
	{ "last-seen", GROUP_SORT_LAST },
	{ "key", GROUP_SORT_NAME },
};

const char *
group_sort_name(enum group_sort s)
{
	return (unsigned)s < GROUP_SORT_COUNT ? sorts[s].name : "";
}

bool
group_sort_descending(enum group_sort s)
{
	return (unsigned)s < GROUP_SORT_COUNT && sorts[s].desc;
}

enum status
group_sort_parse(const char *name, enum group_sort *out)
{
	for (size_t i = 0; i < GROUP_SORT_COUNT; i++)
		if (strcasecmp(name, sorts[i].name) == 0) {
			*out = (enum group_sort)i;
			return STATUS_OK;
		}
	for (size_t i = 0; i < sizeof(sort_aliases) / sizeof(sort_aliases[0]); i++)
		if (strcasecmp(name, sort_aliases[i].alias) == 0) {
			*out = sort_aliases[i].sort;
			return STATUS_OK;
		}
	return STATUS_NOT_FOUND;
}

static int
cmp_num(long long a, long long b)
{
	return a < b ? -1 : a > b;
}

/* x against y by s ascending: negative, zero or positive. */
static int
cmp_by(const struct group *x, const struct group *y, enum group_sort s)
{
	switch (s) {
	case GROUP_SORT_ROWS:
		return cmp_num((long long)x->rows, (long long)y->rows);
	case GROUP_SORT_HARD:
		return cmp_num((long long)x->hard, (long long)y->hard);
	case GROUP_SORT_SOFT:
		return cmp_num((long long)x->soft, (long long)y->soft);
	case GROUP_SORT_RECIPIENTS:
		return cmp_num((long long)x->recipients, (long long)y->recipients);
	case GROUP_SORT_LAST:
		return cmp_num((long long)x->last, (long long)y->last);
	case GROUP_SORT_NAME:
	case GROUP_SORT_COUNT:
		break;
	}
	return strcasecmp(x->key, y->key);
}

static int
cmp_group(const struct group *x, const struct group *y, enum group_sort s, bool desc)
{
	int c;

	if ((x->key == NULL) != (y->key == NULL))
		return x->key == NULL ? 1 : -1;
	if (x->key == NULL)
		return 0;
	if ((c = cmp_by(x, y, s)) != 0)
		return desc ? -c : c;
	if ((c = cmp_num((long long)x->rows, (long long)y->rows)) != 0)
		return -c;
	return strcmp(x->key, y->key);
}

/* Merge sort: stable, O(n log n), and takes the sort key (qsort cannot). */
static void
merge_sort(struct group *g, struct group *tmp, size_t n, enum group_sort s, bool desc)
{
	size_t h = n / 2, i = 0, j = h, k = 0;

	if (n < 2)
		return;
	merge_sort(g, tmp, h, s, desc);
	merge_sort(g + h, tmp, n - h, s, desc);
	while (i < h && j < n)
		tmp[k++] = cmp_group(&g[j], &g[i], s, desc) < 0 ? g[j++] : g[i++];
	while (i < h)
		tmp[k++] = g[i++];
	while (j < n)
		tmp[k++] = g[j++];
	memcpy(g, tmp, n * sizeof(*g));
}

static void
sort_one(struct group *g, size_t n, enum group_sort s, bool desc)
{
	struct group *tmp;

	if (n < 2)
		return;
	tmp = xmalloc(n * sizeof(*tmp));
	merge_sort(g, tmp, n, s, desc);
	free(tmp);
}

static void
sort_level(struct group *g, size_t n, enum group_sort s, bool desc)
{
	for (size_t i = 0; i < n; i++)
		sort_level(g[i].sub, g[i].nsub, s, desc);
	sort_one(g, n, s, desc);
}

void
grouping_sort(struct grouping *g, enum group_sort s, bool descending)
{
	if (g == NULL || (unsigned)s >= GROUP_SORT_COUNT)
		return;
	sort_level(g->groups, g->n, s, descending);
}

/* Lower-cased key for distinct counts and for merging groups. */
static char *
fold(const char *s)
{
	char *f = xstrdup(s);

	for (char *p = f; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	return f;
}

static void
finish(struct group *g, const struct rowset *rs)
{
	char **rc = xmalloc((g->nmembers + 1) * sizeof(*rc));
	size_t nrc = 0;

	g->rows = g->nmembers;
	for (size_t i = 0; i < g->nmembers; i++) {
		const struct row *r = &rs->rows[g->members[i]];
		char day[11];
		size_t d;

		if (reason_is_failure(r->s[ROW_REASON]) && r->hard)
			g->hard++;
		else if (reason_is_failure(r->s[ROW_REASON]))
			g->soft++;
		if (r->s[ROW_RECIPIENT] != NULL)
			rc[nrc++] = fold(r->s[ROW_RECIPIENT]);
		if (r->date != 0) {
			if (g->first == 0 || r->date < g->first)
				g->first = r->date;
			if (r->date > g->last)
				g->last = r->date;
		}
		row_day(r->date, day);
		for (d = 0; d < g->ndays; d++)
			if (strcmp(g->days[d].day, day) == 0)
				break;
		if (d == g->ndays) {
			g->days = xrealloc(g->days, (g->ndays + 1) * sizeof(*g->days));
			memcpy(g->days[d].day, day, sizeof(day));
			g->days[d].n = 0;
			g->ndays++;
		}
		g->days[d].n++;
	}
	if (g->ndays > 1)
		qsort(g->days, g->ndays, sizeof(*g->days), cmp_day);
	qsort(rc, nrc, sizeof(*rc), cmp_str);
	for (size_t i = 0; i < nrc; i++) {
		if (i == 0 || strcmp(rc[i], rc[i - 1]) != 0)
			g->recipients++;
	}
	for (size_t i = 0; i < nrc; i++)
		free(rc[i]);
	free(rc);
}

/* Capacity doubles at 4, 8, 16...: appending n items costs O(n). */
static bool
full(size_t n)
{
	return n == 0 || (n >= 4 && (n & (n - 1)) == 0);
}

static size_t
grown(size_t n)
{
	return n == 0 ? 4 : n * 2;
}

static void
build(const struct rowset *rs, const size_t *idx, size_t nidx, const enum group_key *keys,
    size_t nkeys, struct group **out, size_t *nout)
{
	struct strmap m = STRMAP_INIT;
	struct group *g = NULL;
	size_t ng = 0, unknown = (size_t)-1;

	for (size_t i = 0; i < nidx; i++) {
		const struct row *r = &rs->rows[idx[i]];
		char day[11];
		const char *k = group_row_key(r, keys[0], day);
		size_t gi;
		char *fk = NULL;

		if (k != NULL && *k == '\0')
			k = NULL;
		if (k == NULL) {
			gi = unknown;
		} else {
			fk = fold(k);
			if (!strmap_get(&m, fk, &gi))
				gi = (size_t)-1;
		}
		if (gi == (size_t)-1) {
			if (full(ng))
				g = xrealloc(g, grown(ng) * sizeof(*g));
			memset(&g[ng], 0, sizeof(*g));
			g[ng].key = k ? xstrdup(k) : NULL;
			gi = ng++;
			if (k == NULL)
				unknown = gi;
			else
				strmap_put(&m, fk, gi);
		}
		free(fk);
		if (full(g[gi].nmembers))
			g[gi].members = xrealloc(g[gi].members,
			    grown(g[gi].nmembers) * sizeof(*g[gi].members));
		g[gi].members[g[gi].nmembers++] = idx[i];
	}
	for (size_t i = 0; i < ng; i++) {
		finish(&g[i], rs);
		if (nkeys > 1)
			build(rs, g[i].members, g[i].nmembers, keys + 1, nkeys - 1,
			    &g[i].sub, &g[i].nsub);
	}
	sort_one(g, ng, GROUP_SORT_ROWS, true);
	strmap_free(&m);
	*out = g;
	*nout = ng;
}

enum status
group_build(const struct rowset *rs, const size_t *idx, size_t nidx,
    const enum group_key *keys, size_t nkeys, struct grouping **out)
{
	struct grouping *gr;
	size_t *use, nuse = 0, nsucc = 0, n = idx ? nidx : rs->n;

	*out = NULL;
	if (nkeys == 0 || nkeys > GROUP_MAX_LEVELS)
		return STATUS_INVALID;
	for (size_t i = 0; i < nkeys; i++)
		if ((unsigned)keys[i] >= GROUP_KEY_COUNT)
			return STATUS_INVALID;
	use = xmalloc((n + 1) * sizeof(*use));
	for (size_t i = 0; i < n; i++) {
		size_t ri = idx ? idx[i] : i;
		const struct row *r = &rs->rows[ri];

		if (r->superseded || r->s[ROW_ERROR] != NULL)
			continue;
		if (row_is_success(r))
			nsucc++;
		else
			use[nuse++] = ri;
	}
	gr = xcalloc(1, sizeof(*gr));
	gr->successes = nsucc;
	build(rs, use, nuse, keys, nkeys, &gr->groups, &gr->n);
	gr->total = nuse;
	free(use);
	*out = gr;
	return STATUS_OK;
}

static void
groups_free(struct group *g, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(g[i].key);
		free(g[i].days);
		free(g[i].members);
		groups_free(g[i].sub, g[i].nsub);
	}
	free(g);
}

void
grouping_free(struct grouping *g)
{
	if (g == NULL)
		return;
	groups_free(g->groups, g->n);
	free(g);
}
