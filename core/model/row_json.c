#include "core/model/row_json.h"

#include <string.h>

#include "core/shared/json.h"

/* The notmuch tags as an array of strings ([] when the row has none). */
static void
tags_arr(struct json *j, const char *tags)
{
	struct buf one = BUF_INIT;

	json_arr_begin(j);
	while (tags != NULL && *tags != '\0') {
		size_t w = strcspn(tags, " ");

		if (w > 0) {
			buf_reset(&one);
			buf_add(&one, tags, w);
			json_str(j, one.data);
		}
		tags += w;
		tags += strspn(tags, " ");
	}
	json_arr_end(j);
	buf_free(&one);
}

static void
row_obj(struct json *j, const struct row *r)
{
	char when[21];

	json_obj_begin(j);
	json_key(j, "date");
	row_time(r->date, when);
	json_str(j, r->date ? when : NULL);
	for (int c = 0; c < ROW_STR_COUNT; c++) {
		if (c == ROW_ERROR && r->s[c] == NULL)
			continue;
		/* Added after the first contract: they come last (below). */
		if (c == ROW_WILL_RETRY_UNTIL || c == ROW_TAGS)
			continue;
		json_key(j, row_str_name((enum row_str)c));
		json_str(j, r->s[c]);
		/* hard sits next to reason, and is unknown while reason is. */
		if (c == ROW_REASON) {
			json_key(j, "hard");
			if (r->s[ROW_REASON] != NULL)
				json_bool(j, r->hard);
			else
				json_null(j);
		}
	}
	json_key(j, "kind");
	json_str(j, r->s[ROW_ERROR] ? NULL : bounce_kind_str(r->kind));
	json_key(j, "chain");
	json_int(j, (long long)r->chain);
	json_key(j, "chain_len");
	json_int(j, (long long)r->chain_len);
	json_key(j, "superseded");
	json_bool(j, r->superseded);
	json_key(j, "escalated");
	json_bool(j, r->escalated);
	json_key(j, "will_retry_until");
	json_str(j, r->s[ROW_WILL_RETRY_UNTIL]);
	json_key(j, "tags");
	tags_arr(j, r->s[ROW_TAGS]);
	json_obj_end(j);
}

void
row_json(struct buf *out, const struct row *r)
{
	struct json j;

	json_init(&j, out);
	row_obj(&j, r);
}

static void
group_obj(struct json *j, const struct group *g)
{
	char when[21];

	json_obj_begin(j);
	json_key(j, "key");
	json_str(j, g->key);
	json_key(j, "rows");
	json_int(j, (long long)g->rows);
	json_key(j, "recipients");
	json_int(j, (long long)g->recipients);
	json_key(j, "hard");
	json_int(j, (long long)g->hard);
	json_key(j, "soft");
	json_int(j, (long long)g->soft);
	json_key(j, "first");
	row_time(g->first, when);
	json_str(j, g->first ? when : NULL);
	json_key(j, "last");
	row_time(g->last, when);
	json_str(j, g->last ? when : NULL);
	json_key(j, "by_day");
	json_obj_begin(j);
	for (size_t i = 0; i < g->ndays; i++) {
		json_key(j, g->days[i].day);
		json_int(j, (long long)g->days[i].n);
	}
	json_obj_end(j);
	json_key(j, "sub");
	json_arr_begin(j);
	for (size_t i = 0; i < g->nsub; i++)
		group_obj(j, &g->sub[i]);
	json_arr_end(j);
	json_obj_end(j);
}

void
group_json(struct buf *out, const struct group *g)
{
	struct json j;

	json_init(&j, out);
	group_obj(&j, g);
}
