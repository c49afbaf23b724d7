#include "core/keys/keymap.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/keys/key.h"
#include "core/shared/buf.h"
#include "core/shared/file.h"

#define KEYMAP_MAX_FILE ((size_t)1024 * 1024)
#define KEYMAP_MAX_WORDS 5

struct binding {
	struct key_seq seq;
	enum action action;
};

struct keymap {
	struct binding *b[CONTEXT_COUNT];	/* sorted by key sequence */
	size_t n[CONTEXT_COUNT], cap[CONTEXT_COUNT];
	char **diag;
	size_t ndiag, capdiag;
};

struct keymap *
keymap_new(void)
{
	return xcalloc(1, sizeof(struct keymap));
}

void
keymap_free(struct keymap *km)
{
	if (km == NULL)
		return;
	for (int c = 0; c < CONTEXT_COUNT; c++)
		free(km->b[c]);
	for (size_t i = 0; i < km->ndiag; i++)
		free(km->diag[i]);
	free(km->diag);
	free(km);
}

/* Key by key, a shorter sequence before its extensions: prefixes sort first. */
static int
cmp_seq(const struct key_seq *a, const struct key_seq *b)
{
	for (size_t i = 0; i < a->n && i < b->n; i++)
		if (a->key[i] != b->key[i])
			return a->key[i] < b->key[i] ? -1 : 1;
	return a->n < b->n ? -1 : a->n > b->n;
}

/* Position of k in ctx's array, or where it would go; *found says which. */
static size_t
find(const struct keymap *km, enum context ctx, const struct key_seq *k, bool *found)
{
	size_t lo = 0, hi = km->n[ctx], mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (cmp_seq(&km->b[ctx][mid].seq, k) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	*found = lo < km->n[ctx] && cmp_seq(&km->b[ctx][lo].seq, k) == 0;
	return lo;
}

static bool
starts_with(const struct key_seq *s, const struct key_seq *prefix)
{
	if (s->n <= prefix->n)
		return false;
	for (size_t i = 0; i < prefix->n; i++)
		if (s->key[i] != prefix->key[i])
			return false;
	return true;
}

/* A binding of ctx that k is a proper prefix of, or NULL. */
static const struct binding *
extension(const struct keymap *km, enum context ctx, const struct key_seq *k)
{
	bool found;
	size_t i = find(km, ctx, k, &found);

	if (found)
		i++;
	return i < km->n[ctx] && starts_with(&km->b[ctx][i].seq, k) ? &km->b[ctx][i] : NULL;
}

/* A binding of ctx that is a proper prefix of k, or NULL. */
static const struct binding *
prefix_of(const struct keymap *km, enum context ctx, const struct key_seq *k)
{
	struct key_seq p = *k;
	bool found;
	size_t i;

	for (p.n = 1; p.n < k->n; p.n++) {
		i = find(km, ctx, &p, &found);
		if (found)
			return &km->b[ctx][i];
	}
	return NULL;
}

static bool
valid_seq(const struct key_seq *k)
{
	return k != NULL && k->n >= 1 && k->n <= KEY_SEQ_MAX;
}

enum status
keymap_bind(struct keymap *km, enum context ctx, const struct key_seq *k, enum action a)
{
	bool found;
	size_t i;

	if ((unsigned)ctx >= CONTEXT_COUNT || !valid_seq(k) ||
	    (ctx == CONTEXT_PROMPT && k->n > 1) ||
	    prefix_of(km, ctx, k) != NULL || extension(km, ctx, k) != NULL)
		return STATUS_INVALID;
	i = find(km, ctx, k, &found);
	if (found) {
		km->b[ctx][i].action = a;
		return STATUS_OK;
	}
	if (km->n[ctx] == km->cap[ctx]) {
		km->cap[ctx] = km->cap[ctx] ? km->cap[ctx] * 2 : 32;
		km->b[ctx] = xrealloc(km->b[ctx], km->cap[ctx] * sizeof(struct binding));
	}
	memmove(&km->b[ctx][i + 1], &km->b[ctx][i], (km->n[ctx] - i) * sizeof(struct binding));
	km->b[ctx][i].seq = *k;
	km->b[ctx][i].action = a;
	km->n[ctx]++;
	return STATUS_OK;
}

bool
keymap_unbind(struct keymap *km, enum context ctx, const struct key_seq *k)
{
	bool found;
	size_t i;

	if ((unsigned)ctx >= CONTEXT_COUNT || !valid_seq(k))
		return false;
	i = find(km, ctx, k, &found);
	if (!found)
		return false;
	memmove(&km->b[ctx][i], &km->b[ctx][i + 1], (km->n[ctx] - i - 1) * sizeof(struct binding));
	km->n[ctx]--;
	return true;
}

/* ctx's own answer for k: its binding, a prefix of its bindings, or nothing. */
static enum keymap_match
match_in(const struct keymap *km, enum context ctx, const struct key_seq *k, enum action *a)
{
	bool found;
	size_t i = find(km, ctx, k, &found);

	if (found) {
		*a = km->b[ctx][i].action;
		return KEYMAP_FOUND;
	}
	return extension(km, ctx, k) != NULL ? KEYMAP_PREFIX : KEYMAP_NONE;
}

enum keymap_match
keymap_match(const struct keymap *km, enum context ctx, const struct key_seq *k,
    enum action *a)
{
	enum keymap_match m;

	*a = ACTION_NONE;
	if ((unsigned)ctx >= CONTEXT_COUNT || !valid_seq(k))
		return KEYMAP_NONE;
	if ((m = match_in(km, ctx, k, a)) != KEYMAP_NONE || ctx == CONTEXT_PROMPT ||
	    ctx == CONTEXT_GLOBAL)
		return m;
	return match_in(km, CONTEXT_GLOBAL, k, a);
}

enum action
keymap_lookup(const struct keymap *km, enum context ctx, int key)
{
	struct key_seq k = { { key }, 1 };
	enum action a;

	return keymap_match(km, ctx, &k, &a) == KEYMAP_FOUND ? a : ACTION_NONE;
}

static void add_diag(struct keymap *, const char *, size_t, const char *, ...)
	__attribute__((format(printf, 4, 5)));

static void
add_diag(struct keymap *km, const char *name, size_t lineno, const char *fmt, ...)
{
	struct buf b = BUF_INIT;
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (lineno > 0)
		buf_printf(&b, "%s:%zu: %s", name, lineno, msg);
	else
		buf_printf(&b, "%s: %s", name, msg);
	if (km->ndiag == km->capdiag) {
		km->capdiag = km->capdiag ? km->capdiag * 2 : 8;
		km->diag = xrealloc(km->diag, km->capdiag * sizeof(char *));
	}
	km->diag[km->ndiag++] = buf_steal(&b);
}

/*
 * Splits line into at most max words at blanks; a word starting with '#'
 * ends the line.  Returns the count, or max + 1 when there are more.
 */
static size_t
split(char *line, char **w, size_t max)
{
	size_t n = 0;
	char *p = line;

	for (;;) {
		while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
			p++;
		if (*p == '\0' || *p == '#')
			return n;
		if (n == max)
			return max + 1;
		w[n++] = p;
		while (*p != '\0' && *p != ' ' && *p != '\t' && *p != '\r' && *p != '\n')
			p++;
		if (*p != '\0')
			*p++ = '\0';
	}
}

/* Why k cannot be bound in ctx (a diagnostic), or false when it can. */
static bool
conflict(struct keymap *km, const char *name, size_t lineno, enum context ctx,
    const struct key_seq *k, const char *word)
{
	const struct binding *b;
	char other[KEY_SEQ_NAME_MAX];

	if (ctx == CONTEXT_PROMPT && k->n > 1) {
		add_diag(km, name, lineno, "'%s': no key sequences in the prompt "
		    "(keys type text there)", word);
		return true;
	}
	if ((b = prefix_of(km, ctx, k)) != NULL) {
		key_seq_str(&b->seq, other, sizeof(other));
		add_diag(km, name, lineno, "'%s' cannot be bound: '%s' is bound in %s (%s); "
		    "unbind it first", word, other, context_name(ctx), action_name(b->action));
		return true;
	}
	if ((b = extension(km, ctx, k)) != NULL) {
		key_seq_str(&b->seq, other, sizeof(other));
		add_diag(km, name, lineno, "'%s' cannot be bound: it starts '%s' in %s (%s); "
		    "unbind that first", word, other, context_name(ctx), action_name(b->action));
		return true;
	}
	return false;
}

enum status
keymap_line(struct keymap *km, const char *name, size_t lineno, const char *line)
{
	char *copy = xstrdup(line), *w[KEYMAP_MAX_WORDS];
	enum status st = STATUS_SYNTAX;
	enum context ctx;
	enum action a = ACTION_NONE;
	size_t n = split(copy, w, KEYMAP_MAX_WORDS);
	struct key_seq k;
	bool bind;

	if (n == 0) {
		st = STATUS_OK;
		goto done;
	}
	bind = strcmp(w[0], "bind") == 0;
	if (!bind && strcmp(w[0], "unbind") != 0) {
		add_diag(km, name, lineno, "unknown command '%s' (expected bind or unbind)", w[0]);
		goto done;
	}
	if (n != (bind ? 4u : 3u)) {
		add_diag(km, name, lineno, "%s", bind ? "usage: bind CONTEXT KEY ACTION" :
		    "usage: unbind CONTEXT KEY");
		goto done;
	}
	if (context_parse(w[1], &ctx) != STATUS_OK) {
		add_diag(km, name, lineno, "unknown context '%s'", w[1]);
		goto done;
	}
	switch (key_seq_parse(w[2], &k)) {
	case STATUS_OK:
		break;
	case STATUS_TOO_LARGE:
		add_diag(km, name, lineno, "key sequence '%s' is longer than %d keys", w[2],
		    KEY_SEQ_MAX);
		goto done;
	default:
		add_diag(km, name, lineno, "bad key name '%s'", w[2]);
		goto done;
	}
	if (bind && action_parse(w[3], &a) != STATUS_OK) {
		add_diag(km, name, lineno, "unknown action '%s'", w[3]);
		goto done;
	}
	if (bind && conflict(km, name, lineno, ctx, &k, w[2]))
		goto done;
	if (bind)
		keymap_bind(km, ctx, &k, a);
	else if (!keymap_unbind(km, ctx, &k)) {
		add_diag(km, name, lineno, "'%s' is not bound there", w[2]);
		goto done;
	}
	st = STATUS_OK;
done:
	free(copy);
	return st;
}

size_t
keymap_load_text(struct keymap *km, const char *name, const char *text)
{
	const char *p = text, *nl;
	size_t lineno = 0, bad = 0;
	char *line;

	while (*p != '\0') {
		nl = strchr(p, '\n');
		if (nl == NULL)
			nl = p + strlen(p);
		line = xstrndup(p, (size_t)(nl - p));
		if (memchr(p, '\0', (size_t)(nl - p)) == NULL &&
		    keymap_line(km, name, ++lineno, line) != STATUS_OK)
			bad++;
		free(line);
		p = *nl ? nl + 1 : nl;
	}
	return bad;
}

enum status
keymap_load_file(struct keymap *km, const char *path)
{
	char *data = NULL;
	size_t len = 0;
	enum status st;

	st = file_read(path, KEYMAP_MAX_FILE, &data, &len);
	if (st == STATUS_NOENT)
		return st;
	if (st != STATUS_OK) {
		add_diag(km, path, 0, "%s", status_str(st));
		return st;
	}
	if (memchr(data, '\0', len) != NULL)
		add_diag(km, path, 0, "%s", "contains a NUL byte; read up to it");
	keymap_load_text(km, path, data);
	free(data);
	return STATUS_OK;
}

size_t
keymap_ndiag(const struct keymap *km)
{
	return km->ndiag;
}

const char *
keymap_diag(const struct keymap *km, size_t i)
{
	return i < km->ndiag ? km->diag[i] : NULL;
}

const char *
keymap_last_diag(const struct keymap *km)
{
	return km->ndiag ? km->diag[km->ndiag - 1] : NULL;
}

size_t
keymap_count(const struct keymap *km, enum context ctx)
{
	return (unsigned)ctx < CONTEXT_COUNT ? km->n[ctx] : 0;
}

void
keymap_entry(const struct keymap *km, enum context ctx, size_t i, struct key_seq *k,
    enum action *a)
{
	*k = km->b[ctx][i].seq;
	*a = km->b[ctx][i].action;
}

/* True when typing global's k on a screen of ctx reaches global's binding. */
static bool
reaches_global(const struct keymap *km, enum context ctx, const struct key_seq *k)
{
	struct key_seq p = *k;
	enum action a;

	/* ctx's own bindings win; a prefix of them only waits for more keys. */
	for (p.n = 1; p.n < k->n; p.n++)
		if (match_in(km, ctx, &p, &a) == KEYMAP_FOUND)
			return false;
	return match_in(km, ctx, k, &a) == KEYMAP_NONE;
}

size_t
keymap_keys_for(const struct keymap *km, enum context ctx, enum action a,
    struct key_seq *keys, size_t max)
{
	size_t n = 0;

	if ((unsigned)ctx >= CONTEXT_COUNT)
		return 0;
	for (size_t i = 0; i < km->n[ctx]; i++)
		if (km->b[ctx][i].action == a) {
			if (n < max)
				keys[n] = km->b[ctx][i].seq;
			n++;
		}
	if (ctx == CONTEXT_GLOBAL || ctx == CONTEXT_PROMPT)
		return n;
	for (size_t i = 0; i < km->n[CONTEXT_GLOBAL]; i++) {
		if (km->b[CONTEXT_GLOBAL][i].action != a ||
		    !reaches_global(km, ctx, &km->b[CONTEXT_GLOBAL][i].seq))
			continue;
		if (n < max)
			keys[n] = km->b[CONTEXT_GLOBAL][i].seq;
		n++;
	}
	return n;
}
