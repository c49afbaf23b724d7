#include "core/keys/key.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "core/shared/utf8.h"

static const struct {
	int code;
	const char *name;
	const char *alt;
} named[] = {
#define KEY_NAMED_ROW(n, name, alt) { KEYC_##n, name, alt },
	KEY_NAMED_LIST(KEY_NAMED_ROW)
#undef KEY_NAMED_ROW
};

#define NNAMED (sizeof(named) / sizeof(named[0]))

/* '|'-separated list alt holds name[0..n), ignoring case. */
static int
alt_has(const char *alt, const char *name, size_t n)
{
	const char *p = alt, *bar;

	while (*p != '\0') {
		bar = strchr(p, '|');
		if (bar == NULL)
			bar = p + strlen(p);
		if ((size_t)(bar - p) == n && strncasecmp(p, name, n) == 0)
			return 1;
		p = *bar ? bar + 1 : bar;
	}
	return 0;
}

static int
parse_name(const char *s, size_t n)
{
	char c;

	for (size_t i = 0; i < NNAMED; i++)
		if ((strlen(named[i].name) == n && strncasecmp(named[i].name, s, n) == 0) ||
		    alt_has(named[i].alt, s, n))
			return named[i].code;
	if (n == 5 && strncasecmp(s, "Space", 5) == 0)
		return ' ';
	if (n == 2 && strncasecmp(s, "lt", 2) == 0)
		return '<';
	if (n == 4 && strncasecmp(s, "Hash", 4) == 0)
		return '#';
	if (n == 3 && (s[0] == 'C' || s[0] == 'c') && s[1] == '-') {
		c = s[2];
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if ((c >= 'a' && c <= 'z') || strchr("@[\\]^_", c) != NULL)
			return c == '@' ? 0 : (c >= 'a' ? c - 'a' + 1 : c - '@');
	}
	return KEYC_NONE;
}

enum status
key_parse(const char *s, int *out)
{
	size_t n, len;
	uint32_t cp;

	*out = KEYC_NONE;
	if (s == NULL || *s == '\0')
		return STATUS_SYNTAX;
	n = strlen(s);
	if (s[0] == '<' && n > 2 && s[n - 1] == '>') {
		*out = parse_name(s + 1, n - 2);
		/* Names for Enter/Tab/Esc win over their control characters. */
		if (*out == '\r' || *out == '\n')
			*out = KEYC_ENTER;
		else if (*out == '\t')
			*out = KEYC_TAB;
		else if (*out == 0x1b)
			*out = KEYC_ESCAPE;
		else if (*out == 0x08)
			*out = KEYC_BACKSPACE;
		return *out == KEYC_NONE ? STATUS_SYNTAX : STATUS_OK;
	}
	len = utf8_decode((const unsigned char *)s, n, &cp);
	if (cp == UTF8_INVALID || len != n || !key_is_text((int)cp))
		return STATUS_SYNTAX;
	*out = (int)cp;
	return STATUS_OK;
}

int
key_is_text(int key)
{
	return key >= 0x20 && key < KEYC_BASE && !utf8_is_unsafe((uint32_t)key) &&
	    !(key >= 0xd800 && key <= 0xdfff);
}

void
key_str(int key, char *out, size_t size)
{
	if (size == 0)
		return;
	for (size_t i = 0; i < NNAMED; i++)
		if (named[i].code == key) {
			snprintf(out, size, "<%s>", named[i].name);
			return;
		}
	if (key == ' ')
		snprintf(out, size, "<Space>");
	else if (key == '<')
		snprintf(out, size, "<lt>");
	else if (key == '#')
		snprintf(out, size, "<Hash>");
	else if (key == 0)
		snprintf(out, size, "<C-@>");
	else if (key > 0 && key < 0x20)
		snprintf(out, size, "<C-%c>", key < 27 ? 'a' + key - 1 : '@' + key);
	else if (key_is_text(key)) {
		char u[5];
		uint32_t c = (uint32_t)key;

		if (c < 0x80) {
			u[0] = (char)c;
			u[1] = '\0';
		} else if (c < 0x800) {
			u[0] = (char)(0xc0 | c >> 6);
			u[1] = (char)(0x80 | (c & 0x3f));
			u[2] = '\0';
		} else if (c < 0x10000) {
			u[0] = (char)(0xe0 | c >> 12);
			u[1] = (char)(0x80 | ((c >> 6) & 0x3f));
			u[2] = (char)(0x80 | (c & 0x3f));
			u[3] = '\0';
		} else {
			u[0] = (char)(0xf0 | c >> 18);
			u[1] = (char)(0x80 | ((c >> 12) & 0x3f));
			u[2] = (char)(0x80 | ((c >> 6) & 0x3f));
			u[3] = (char)(0x80 | (c & 0x3f));
			u[4] = '\0';
		}
		snprintf(out, size, "%s", u);
	} else
		snprintf(out, size, "<U+%04X>", (unsigned)key);
}

enum status
key_seq_parse(const char *s, struct key_seq *out)
{
	char part[64];
	size_t n;
	uint32_t cp;
	int key;

	out->n = 0;
	if (s == NULL || *s == '\0')
		return STATUS_SYNTAX;
	while (*s != '\0') {
		const char *gt = s[0] == '<' ? strchr(s + 1, '>') : NULL;

		/* "<...>" is one name; a '<' with no '>' after it is itself. */
		if (gt != NULL)
			n = (size_t)(gt - s) + 1;
		else
			n = utf8_decode((const unsigned char *)s, strlen(s), &cp);
		if (n >= sizeof(part)) {
			out->n = 0;
			return STATUS_SYNTAX;
		}
		memcpy(part, s, n);
		part[n] = '\0';
		if (key_parse(part, &key) != STATUS_OK) {
			out->n = 0;
			return STATUS_SYNTAX;
		}
		if (out->n == KEY_SEQ_MAX) {
			out->n = 0;
			return STATUS_TOO_LARGE;
		}
		out->key[out->n++] = key;
		s += n;
	}
	return STATUS_OK;
}

void
key_seq_str(const struct key_seq *k, char *out, size_t size)
{
	char name[KEY_NAME_MAX];
	size_t len = 0;

	if (size == 0)
		return;
	out[0] = '\0';
	for (size_t i = 0; i < k->n && i < KEY_SEQ_MAX; i++) {
		key_str(k->key[i], name, sizeof(name));
		snprintf(out + len, size - len, "%s", name);
		len += strlen(out + len);
	}
}
