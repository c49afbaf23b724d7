/*
 * Keymap files from any bytes: keymap_load_text() skips bad lines with a
 * diagnostic and the resulting map answers lookups; every binding is found
 * whole and its prefixes wait (no key is both a binding and a prefix).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/keys/keymap.h"
#include "tests/fuzz/check.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct keymap *km = keymap_new();
	char *text = malloc(size + 1);
	size_t i, bad, n;
	int c;
	struct key_seq key, keys[8], p;
	enum action a, b;

	CHECK(text != NULL);
	memcpy(text, data, size);
	text[size] = '\0';
	bad = keymap_load_text(km, "fuzz.keys", text);
	CHECK(bad <= keymap_ndiag(km));
	for (i = 0; i < keymap_ndiag(km); i++)
		CHECK(strncmp(keymap_diag(km, i), "fuzz.keys:", 10) == 0);
	for (c = 0; c < CONTEXT_COUNT; c++) {
		n = keymap_count(km, (enum context)c);
		for (i = 0; i < n; i++) {
			keymap_entry(km, (enum context)c, i, &key, &a);
			CHECK(key.n >= 1 && key.n <= KEY_SEQ_MAX);
			/* A context's own binding is found; its prefixes only wait. */
			CHECK(keymap_match(km, (enum context)c, &key, &b) == KEYMAP_FOUND && a == b);
			for (p = key, p.n = 1; p.n < key.n; p.n++)
				CHECK(keymap_match(km, (enum context)c, &p, &b) == KEYMAP_PREFIX);
			(void)keymap_lookup(km, (enum context)c, key.key[0]);
			(void)keymap_keys_for(km, (enum context)c, a, keys, 8);
		}
	}
	/* The same text as one run-time command line. */
	(void)keymap_line(km, ":bind", 0, text);
	free(text);
	keymap_free(km);
	return 0;
}
