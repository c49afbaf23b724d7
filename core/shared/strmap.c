#include "core/shared/strmap.h"

#include <stdlib.h>
#include <string.h>

#include "core/shared/buf.h"

uint64_t
strmap_hash(const void *p, size_t n)
{
	const unsigned char *s = p;
	uint64_t h = 0xcbf29ce484222325ULL;

	for (size_t i = 0; i < n; i++) {
		h ^= s[i];
		h *= 0x100000001b3ULL;
	}
	return h;
}

static size_t
find(const struct strmap *m, const char *key, uint64_t h)
{
	size_t mask = m->cap - 1, i = (size_t)h & mask;

	while (m->slot[i].key != NULL) {
		if (m->slot[i].hash == h && strcmp(m->slot[i].key, key) == 0)
			return i;
		i = (i + 1) & mask;
	}
	return i;
}

static void
grow(struct strmap *m)
{
	struct strmap old = *m;

	m->cap = old.cap ? old.cap * 2 : 64;
	m->slot = xcalloc(m->cap, sizeof(*m->slot));
	for (size_t i = 0; i < old.cap; i++)
		if (old.slot[i].key != NULL)
			m->slot[find(m, old.slot[i].key, old.slot[i].hash)] = old.slot[i];
	free(old.slot);
}

void
strmap_put(struct strmap *m, const char *key, size_t val)
{
	uint64_t h = strmap_hash(key, strlen(key));
	size_t i;

	/* Keep the load under 1/2 so probe runs stay short. */
	if ((m->n + 1) * 2 > m->cap)
		grow(m);
	i = find(m, key, h);
	if (m->slot[i].key == NULL) {
		m->slot[i].key = xstrdup(key);
		m->slot[i].hash = h;
		m->n++;
	}
	m->slot[i].val = val;
}

bool
strmap_get(const struct strmap *m, const char *key, size_t *val)
{
	size_t i;

	if (m->cap == 0)
		return false;
	i = find(m, key, strmap_hash(key, strlen(key)));
	if (m->slot[i].key == NULL)
		return false;
	*val = m->slot[i].val;
	return true;
}

void
strmap_free(struct strmap *m)
{
	for (size_t i = 0; i < m->cap; i++)
		free(m->slot[i].key);
	free(m->slot);
	m->slot = NULL;
	m->n = m->cap = 0;
}
