/*
 * strmap — a string -> size_t hash map (open addressing), for grouping,
 * chains and cache lookups over thousands of rows.
 *
 * Call sequence: struct strmap m = STRMAP_INIT; strmap_put(&m, k, v);
 * strmap_get(&m, k, &v); strmap_free(&m).  The map copies its keys.
 */
#ifndef BOUNCEQ_STRMAP_H
#define BOUNCEQ_STRMAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct strmap_slot {
	char *key;
	size_t val;
	uint64_t hash;
};

struct strmap {
	struct strmap_slot *slot;
	size_t n, cap;
};

#define STRMAP_INIT { NULL, 0, 0 }

/* Inserts or replaces. */
void strmap_put(struct strmap *m, const char *key, size_t val);

/* True and *val set when key is present. */
bool strmap_get(const struct strmap *m, const char *key, size_t *val);

void strmap_free(struct strmap *m);

/* FNV-1a 64 of n bytes, also used as the cache checksum. */
uint64_t strmap_hash(const void *p, size_t n);

#endif
