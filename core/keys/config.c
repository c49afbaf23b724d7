#include "core/keys/config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/shared/buf.h"
#include "core/shared/file.h"

#define CONFIG_MAX_SIZE ((size_t)1024 * 1024)

static char *
xdg_path(const char *var, const char *fallback, const char *leaf)
{
	const char *base = getenv(var), *home;
	struct buf b = BUF_INIT;

	/* The XDG spec says relative values are invalid and must be ignored. */
	if (base != NULL && base[0] == '/') {
		buf_printf(&b, "%s/bounceq%s", base, leaf);
	} else {
		if ((home = getenv("HOME")) == NULL || *home == '\0')
			return NULL;
		buf_printf(&b, "%s/%s/bounceq%s", home, fallback, leaf);
	}
	return buf_steal(&b);
}

char *
config_path(void)
{
	return xdg_path("XDG_CONFIG_HOME", ".config", "/config");
}

char *
config_cache_dir(void)
{
	return xdg_path("XDG_CACHE_HOME", ".cache", "");
}

static void
diag(struct config *c, const char *name, size_t line, const char *msg)
{
	struct buf b = BUF_INIT;

	buf_printf(&b, "%s:%zu: %s", name, line, msg);
	c->diag = xrealloc(c->diag, (c->ndiag + 1) * sizeof(*c->diag));
	c->diag[c->ndiag++] = buf_steal(&b);
}

/* "color.AREA = spec": the area and its spec, or a diagnostic. */
static void
color_line(struct config *c, const char *name, size_t lineno, const char *key,
    const char *val)
{
	struct buf msg = BUF_INIT;
	struct color_spec spec;
	enum color_area area;
	char why[256];

	if (color_area_parse(key + 6, &area) != STATUS_OK)
		buf_printf(&msg, "unknown colour area '%s' (expected %s)", key + 6,
		    color_area_names());
	else if (*val == '\0')
		buf_adds(&msg, "empty value");
	else if (color_spec_parse(val, &spec, why, sizeof(why)) != STATUS_OK)
		buf_printf(&msg, "%s: %s", key, why);
	else {
		c->color[area] = spec;
		c->color_set[area] = true;
	}
	if (msg.len > 0)
		diag(c, name, lineno, msg.data);
	buf_free(&msg);
}

/* "yes"/"no" and their usual spellings; false when val is neither. */
static bool
parse_bool(const char *val, bool *out)
{
	static const char *const yes[] = { "yes", "true", "on", "1" };
	static const char *const no[] = { "no", "false", "off", "0" };

	for (size_t i = 0; i < sizeof(yes) / sizeof(yes[0]); i++)
		if (strcasecmp(val, yes[i]) == 0 || strcasecmp(val, no[i]) == 0) {
			*out = strcasecmp(val, yes[i]) == 0;
			return true;
		}
	return false;
}

/* "KEY = N": a whole number from lo to hi into *out, or a diagnostic. */
static void
number_line(struct config *c, const char *name, size_t lineno, const char *key,
    const char *val, long lo, long hi, int *out)
{
	struct buf msg = BUF_INIT;
	char *end;
	long n;

	n = strtol(val, &end, 10);
	if (*val == '\0' || *end != '\0' || !isdigit((unsigned char)*val) ||
	    n < lo || n > hi) {
		buf_printf(&msg, "%s: '%s' is not a number from %ld to %ld", key, val, lo, hi);
		diag(c, name, lineno, msg.data);
		buf_free(&msg);
		return;
	}
	*out = (int)n;
}

static char *
trim(char *s, char *end)
{
	while (s < end && isspace((unsigned char)*s))
		s++;
	while (end > s && isspace((unsigned char)end[-1]))
		end--;
	*end = '\0';
	return s;
}

struct config *
config_parse(const char *name, const char *text)
{
	struct config *c = xcalloc(1, sizeof(*c));
	char *copy = xstrdup(text), *line = copy, *next;
	size_t lineno = 0;

	c->refresh = CONFIG_REFRESH_DEFAULT;
	for (; line != NULL; line = next) {
		char *eq, *key, *val, **slot;

		lineno++;
		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		key = trim(line, line + strlen(line));
		if (*key == '\0' || *key == '#')
			continue;
		if ((eq = strchr(key, '=')) == NULL) {
			diag(c, name, lineno, "expected 'key = value'");
			continue;
		}
		val = trim(eq + 1, eq + 1 + strlen(eq + 1));
		key = trim(key, eq);
		if (strncmp(key, "color.", 6) == 0) {
			color_line(c, name, lineno, key, val);
			continue;
		}
		if (strcmp(key, "queue.actions") == 0) {
			if (!parse_bool(val, &c->queue_actions))
				diag(c, name, lineno, "queue.actions: expected yes or no");
			continue;
		}
		if (strcmp(key, "threads") == 0) {
			number_line(c, name, lineno, key, val, 1, CONFIG_THREADS_MAX, &c->threads);
			continue;
		}
		if (strcmp(key, "refresh") == 0) {
			number_line(c, name, lineno, key, val, 0, CONFIG_REFRESH_MAX, &c->refresh);
			continue;
		}
		if (strcmp(key, "escalate.count") == 0) {
			number_line(c, name, lineno, key, val, 1, CONFIG_ESCALATE_MAX,
			    &c->escalate_count);
			continue;
		}
		if (strcmp(key, "escalate.days") == 0) {
			number_line(c, name, lineno, key, val, 1, CONFIG_ESCALATE_MAX,
			    &c->escalate_days);
			continue;
		}
		if (strcmp(key, "query") == 0)
			slot = &c->query;
		else if (strcmp(key, "group") == 0)
			slot = &c->group;
		else if (strcmp(key, "filter") == 0)
			slot = &c->filter;
		else if (strcmp(key, "handled") == 0) {
			/* A notmuch tag as bounceq writes them (core/model/tags.h). */
			if (strcspn(val, " \t") != strlen(val) || strlen(val) > 200 ||
			    *val == '+' || *val == '-') {
				diag(c, name, lineno, "handled: expected one notmuch tag "
				    "(no blanks, at most 200 bytes)");
				continue;
			}
			slot = &c->handled;
		} else {
			diag(c, name, lineno, "unknown key (expected query, group, filter, "
			    "handled, threads, refresh, escalate.count, escalate.days, queue.actions or "
			    "color.AREA)");
			continue;
		}
		if (*val == '\0') {
			diag(c, name, lineno, "empty value");
			continue;
		}
		free(*slot);
		*slot = xstrdup(val);
	}
	free(copy);
	return c;
}

enum status
config_load(const char *path, struct config **out)
{
	char *data;
	size_t len;
	enum status st;

	*out = NULL;
	st = file_read(path, CONFIG_MAX_SIZE, &data, &len);
	if (st == STATUS_NOENT) {
		*out = config_parse(path, "");
		return STATUS_OK;
	}
	if (st != STATUS_OK)
		return STATUS_IO;
	*out = config_parse(path, data);
	free(data);
	return STATUS_OK;
}

void
config_free(struct config *c)
{
	if (c == NULL)
		return;
	free(c->query);
	free(c->group);
	free(c->filter);
	free(c->handled);
	for (size_t i = 0; i < c->ndiag; i++)
		free(c->diag[i]);
	free(c->diag);
	free(c);
}
