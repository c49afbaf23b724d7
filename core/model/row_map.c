#include "core/model/row_map.h"

#include <ctype.h>
#include <stdlib.h>

#include "core/shared/buf.h"
#include "core/shared/strmap.h"

/*
 * "m<message-id>\n<recipient>\n<k>": the k-th row of this message and
 * recipient.  A missing value is a different byte than an empty one.
 */
static void
row_key(const struct row *r, size_t k, struct buf *key)
{
	const char *id = r->s[ROW_MESSAGE_ID], *rcpt = r->s[ROW_RECIPIENT];

	buf_reset(key);
	buf_addc(key, id ? 'm' : '-');
	buf_adds(key, id ? id : "");
	buf_addc(key, '\n');
	buf_addc(key, rcpt ? 'r' : '-');
	for (const char *p = rcpt ? rcpt : ""; *p; p++)
		buf_addc(key, (char)tolower((unsigned char)*p));
	buf_printf(key, "\n%zu", k);
}

/* Keys of every row of rs, numbered by their turn, into m (key -> row). */
static void
index_rows(const struct rowset *rs, struct strmap *m, size_t *turn_of, struct buf *key)
{
	struct strmap seen = STRMAP_INIT;

	for (size_t i = 0; i < rs->n; i++) {
		size_t k = 0;

		row_key(&rs->rows[i], 0, key);
		if (strmap_get(&seen, key->data, &k))
			k++;
		strmap_put(&seen, key->data, k);
		if (turn_of != NULL)
			turn_of[i] = k;
		if (m != NULL) {
			row_key(&rs->rows[i], k, key);
			strmap_put(m, key->data, i);
		}
	}
	strmap_free(&seen);
}

size_t *
row_map(const struct rowset *from, const struct rowset *to)
{
	struct strmap m = STRMAP_INIT;
	struct buf key = BUF_INIT;
	size_t *map = xmalloc((from->n + 1) * sizeof(size_t));

	index_rows(to, &m, NULL, &key);
	/* map holds each row's turn first, then where that turn went. */
	index_rows(from, NULL, map, &key);
	for (size_t i = 0; i < from->n; i++) {
		size_t j;

		row_key(&from->rows[i], map[i], &key);
		map[i] = strmap_get(&m, key.data, &j) ? j : ROW_MAP_NONE;
	}
	strmap_free(&m);
	buf_free(&key);
	return map;
}
