/*
 * keymap — which key does what on which screen, loaded from files in the
 * syntax users write (tig style):
 *
 *	# comment
 *	bind CONTEXT KEYS ACTION
 *	unbind CONTEXT KEYS
 *
 * CONTEXT and ACTION are names from core/keys/action.h, KEYS one key or a
 * sequence of up to KEY_SEQ_MAX keys ("gg", "<C-w>j"; core/keys/key.h).  Later
 * lines override earlier ones; lookup tries the screen's context, then
 * global; binding a key to "none" hides a global binding on one screen.
 * Within one context a sequence and its prefix cannot both be bound (the
 * prefix would never wait for the rest), and the prompt binds single keys
 * only; such lines are diagnostics.  A context's binding of "g" shadows
 * global's "gg" on its screens, as single keys shadow each other.  A bad line is skipped with a diagnostic
 * "file:line: message" and loading goes on, so a typo never stops bounceq.
 *
 * The built-in bindings are keymaps/default.keys itself, compiled in by the
 * Makefile as keymap_default_text, so the defaults and the documentation
 * of the format cannot disagree.
 *
 * Call sequence:
 *	km = keymap_new();
 *	keymap_load_text(km, "default.keys", keymap_default_text);
 *	keymap_load_file(km, "~/.config/bounceq/keys");	(STATUS_NOENT: none)
 *	keymap_line(km, ":bind", "bind list x quit");	(run time)
 *	keymap_lookup(km, CONTEXT_LIST, key);		(single keys: the prompt)
 *	keymap_match(km, CONTEXT_LIST, &seq, &a);	(keys typed so far)
 *	keymap_ndiag(km) / keymap_diag(km, i);		(owned by km)
 *	keymap_free(km);
 */
#ifndef BOUNCEQ_KEYMAP_H
#define BOUNCEQ_KEYMAP_H

#include <stdbool.h>
#include <stddef.h>

#include "core/keys/action.h"
#include "core/keys/key.h"
#include "core/shared/status.h"

/* keymaps/default.keys, generated into the build at compile time. */
extern const char keymap_default_text[];

struct keymap;

struct keymap *keymap_new(void);
void keymap_free(struct keymap *km);

/*
 * Binds k in ctx to a, replacing an earlier binding of the same keys.
 * STATUS_INVALID (nothing changes) when a prefix of k or an extension of
 * k is bound in ctx, or k is a sequence and ctx the prompt.
 */
enum status keymap_bind(struct keymap *km, enum context ctx, const struct key_seq *k,
    enum action a);
/* Removes ctx's own binding of k; returns false when there was none. */
bool keymap_unbind(struct keymap *km, enum context ctx, const struct key_seq *k);

enum keymap_match {
	KEYMAP_NONE,		/* bound to nothing: the keys typed are void */
	KEYMAP_PREFIX,		/* the start of a sequence: wait for another key */
	KEYMAP_FOUND		/* *a is the action (may be ACTION_NONE: "none") */
};

/*
 * What the keys typed so far (k) do on a screen of context ctx: ctx's own
 * binding or prefix, else global's (never for the prompt, where an unbound
 * key types itself).
 */
enum keymap_match keymap_match(const struct keymap *km, enum context ctx,
    const struct key_seq *k, enum action *a);

/* The action of the single key on a screen of ctx (keymap_match), or ACTION_NONE. */
enum action keymap_lookup(const struct keymap *km, enum context ctx, int key);

/*
 * Runs one line of a keymap file.  Returns STATUS_OK (also for blank and
 * comment lines) or STATUS_SYNTAX with a new diagnostic "name:lineno:
 * message" recorded in km (lineno 0 leaves the number out).
 */
enum status keymap_line(struct keymap *km, const char *name, size_t lineno,
    const char *line);

/* Runs every line of text; returns the number of bad lines. */
size_t keymap_load_text(struct keymap *km, const char *name, const char *text);

/*
 * Reads and runs a file.  STATUS_NOENT when it does not exist, STATUS_IO
 * when unreadable (both recorded as a diagnostic unless NOENT), else
 * STATUS_OK even when lines were bad (see the diagnostics).
 */
enum status keymap_load_file(struct keymap *km, const char *path);

/* Diagnostics in the order they happened (owned by km). */
size_t keymap_ndiag(const struct keymap *km);
const char *keymap_diag(const struct keymap *km, size_t i);
/* The latest diagnostic, or NULL (for a status line). */
const char *keymap_last_diag(const struct keymap *km);

/* ctx's own bindings, in key order: the i-th keys and their action. */
size_t keymap_count(const struct keymap *km, enum context ctx);
void keymap_entry(const struct keymap *km, enum context ctx, size_t i, struct key_seq *k,
    enum action *a);

/*
 * Keys that run a in ctx after lookup (ctx's own plus global ones ctx
 * does not shadow), written into keys[0..max); returns how many were found
 * (may exceed max).
 */
size_t keymap_keys_for(const struct keymap *km, enum context ctx, enum action a,
    struct key_seq *keys, size_t max);

#endif
