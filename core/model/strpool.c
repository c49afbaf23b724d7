#include "core/model/strpool.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/shared/buf.h"
#include "core/shared/strmap.h"

/* Blocks of 64 KiB; a longer string gets a block of its own. */
#define BLOCK_SIZE ((size_t)64 * 1024)
#define ALIGN (sizeof(max_align_t))

struct block {
	struct block *next;
	size_t size, used;
	max_align_t data[];	/* the bytes follow */
};

/* A foreign block: only freed. */
struct adopted {
	struct adopted *next;
	void *p;
};

struct slot {
	const char *s;
	uint64_t hash;
};

struct strpool {
	struct block *blocks;	/* the newest first: strings go there */
	struct adopted *adopted;
	struct slot *slot;	/* the interned strings, open addressing */
	size_t n, cap;
	size_t bytes;
};

struct strpool *
strpool_new(void)
{
	return xcalloc(1, sizeof(struct strpool));
}

void *
strpool_alloc(struct strpool *p, size_t n)
{
	struct block *b = p->blocks;
	size_t need = (n + ALIGN - 1) & ~(ALIGN - 1);
	void *r;

	if (b == NULL || b->size - b->used < need) {
		size_t size = need > BLOCK_SIZE / 4 ? need : BLOCK_SIZE;

		b = xmalloc(sizeof(*b) + size);
		b->size = size;
		b->used = 0;
		p->bytes += size;
		/* A big single string goes behind the current block, which stays open. */
		if (size != BLOCK_SIZE && p->blocks != NULL) {
			b->next = p->blocks->next;
			p->blocks->next = b;
		} else {
			b->next = p->blocks;
			p->blocks = b;
		}
	}
	r = (char *)b->data + b->used;
	b->used += need;
	return r;
}

const char *
strpool_copy(struct strpool *p, const char *s)
{
	size_t n;
	char *d;

	if (s == NULL)
		return NULL;
	n = strlen(s) + 1;
	d = strpool_alloc(p, n);
	memcpy(d, s, n);
	return d;
}

/* FNV-1a, the one string hash (core/shared/strmap.h); *len its length. */
static uint64_t
hash(const char *s, size_t *len)
{
	*len = strlen(s);
	return strmap_hash(s, *len);
}

static void
grow(struct strpool *p)
{
	size_t cap = p->cap ? p->cap * 2 : 256;
	struct slot *s = xcalloc(cap, sizeof(*s));

	for (size_t i = 0; i < p->cap; i++) {
		size_t j;

		if (p->slot[i].s == NULL)
			continue;
		for (j = (size_t)p->slot[i].hash & (cap - 1); s[j].s != NULL; j = (j + 1) & (cap - 1))
			;
		s[j] = p->slot[i];
	}
	free(p->slot);
	p->slot = s;
	p->cap = cap;
}

const char *
strpool_intern(struct strpool *p, const char *s)
{
	uint64_t h;
	size_t len, i;
	char *d;

	if (s == NULL)
		return NULL;
	if ((p->n + 1) * 2 > p->cap)
		grow(p);
	h = hash(s, &len);
	for (i = (size_t)h & (p->cap - 1); p->slot[i].s != NULL; i = (i + 1) & (p->cap - 1))
		if (p->slot[i].hash == h && strcmp(p->slot[i].s, s) == 0)
			return p->slot[i].s;
	d = strpool_alloc(p, len + 1);
	memcpy(d, s, len + 1);
	p->slot[i].s = d;
	p->slot[i].hash = h;
	p->n++;
	return d;
}

void
strpool_adopt(struct strpool *p, void *block)
{
	struct adopted *a;

	if (block == NULL)
		return;
	a = xmalloc(sizeof(*a));
	a->p = block;
	a->next = p->adopted;
	p->adopted = a;
}

void
strpool_merge(struct strpool *dst, struct strpool *src)
{
	struct block **bt;
	struct adopted **at;

	if (src == NULL || src == dst)
		return;
	/* src's blocks go behind dst's open one, so dst keeps filling its own. */
	for (bt = &src->blocks; *bt != NULL; bt = &(*bt)->next)
		;
	if (dst->blocks != NULL) {
		*bt = dst->blocks->next;
		dst->blocks->next = src->blocks;
	} else
		dst->blocks = src->blocks;
	for (at = &src->adopted; *at != NULL; at = &(*at)->next)
		;
	*at = dst->adopted;
	dst->adopted = src->adopted;
	dst->bytes += src->bytes;
	/* Its strings are no longer interned anywhere: src starts afresh. */
	free(src->slot);
	memset(src, 0, sizeof(*src));
}

size_t
strpool_bytes(const struct strpool *p)
{
	return p ? p->bytes : 0;
}

void
strpool_free(struct strpool *p)
{
	if (p == NULL)
		return;
	for (struct block *b = p->blocks, *n; b != NULL; b = n) {
		n = b->next;
		free(b);
	}
	for (struct adopted *a = p->adopted, *n; a != NULL; a = n) {
		n = a->next;
		free(a->p);
		free(a);
	}
	free(p->slot);
	free(p);
}
