#include "core/keys/color.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const struct {
	const char *name, *def, *mono, *help;
} areas[] = {
#define COLOR_AREA_ROW(n, name, def, mono, help) { name, def, mono, help },
	COLOR_AREA_LIST(COLOR_AREA_ROW)
#undef COLOR_AREA_ROW
};

static const char *const attr_names[] = {
#define COLOR_ATTR_NAME(n, name) name,
	COLOR_ATTR_LIST(COLOR_ATTR_NAME)
#undef COLOR_ATTR_NAME
};

/* In curses' order, so a name's index is its colour number. */
static const char *const colour_names[] = {
	"black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
};

#define NCOLOUR_NAMES (sizeof(colour_names) / sizeof(colour_names[0]))
#define WORD_MAX 32

const char *
color_area_name(enum color_area a)
{
	return (unsigned)a < COLOR_AREA_COUNT ? areas[a].name : "";
}

const char *
color_area_help(enum color_area a)
{
	return (unsigned)a < COLOR_AREA_COUNT ? areas[a].help : "";
}

enum status
color_area_parse(const char *name, enum color_area *out)
{
	for (int i = 0; i < COLOR_AREA_COUNT; i++)
		if (strcmp(name, areas[i].name) == 0) {
			*out = (enum color_area)i;
			return STATUS_OK;
		}
	return STATUS_NOT_FOUND;
}

const char *
color_area_names(void)
{
	/* ", title, status, ...": the list starts after the first separator. */
	static const char all[] =
#define COLOR_AREA_STR(n, name, def, mono, help) ", " name
	    COLOR_AREA_LIST(COLOR_AREA_STR);
#undef COLOR_AREA_STR

	return all + 2;
}

/* 1: a colour (in *c), 0: not a colour word, -1: a number out of range. */
static int
colour_word(const char *w, int *c)
{
	size_t n = strlen(w);

	if (strcasecmp(w, "default") == 0) {
		*c = COLOR_DEFAULT;
		return 1;
	}
	for (size_t i = 0; i < NCOLOUR_NAMES; i++)
		if (strcasecmp(w, colour_names[i]) == 0) {
			*c = (int)i;
			return 1;
		}
	if (n == 0 || strspn(w, "0123456789") != n)
		return 0;
	if (n > 3 || atoi(w) > COLOR_MAX)
		return -1;
	*c = atoi(w);
	return 1;
}

static int
attr_word(const char *w)
{
	for (int i = 0; i < COLOR_ATTR_COUNT; i++)
		if (strcasecmp(w, attr_names[i]) == 0)
			return i;
	return -1;
}

enum status
color_spec_parse(const char *text, struct color_spec *out, char *why, size_t whysize)
{
	struct color_spec s = { COLOR_DEFAULT, COLOR_DEFAULT, 0 };
	const char *p = text ? text : "";
	char w[WORD_MAX + 1];
	int ncolours = 0, r, v = 0, at;
	bool attrs = false;

	if (whysize > 0)
		why[0] = '\0';
	for (;;) {
		size_t n;

		while (isspace((unsigned char)*p))
			p++;
		if (*p == '\0')
			break;
		n = strcspn(p, " \t\r\n\v\f");
		/* Longer than any name or number: quote its start. */
		snprintf(w, sizeof(w), "%.*s", (int)(n < WORD_MAX ? n : WORD_MAX), p);
		p += n;
		if (n <= WORD_MAX && (r = colour_word(w, &v)) != 0) {
			if (r < 0) {
				snprintf(why, whysize, "colour %s is out of range (0-%d)", w, COLOR_MAX);
				return STATUS_SYNTAX;
			}
			if (attrs || ncolours == 2) {
				snprintf(why, whysize, "'%s': at most two colours (FG, then BG), "
				    "before the attributes", w);
				return STATUS_SYNTAX;
			}
			if (ncolours++ == 0)
				s.fg = v;
			else
				s.bg = v;
			continue;
		}
		if (n <= WORD_MAX && (at = attr_word(w)) >= 0) {
			s.attrs |= 1u << at;
			attrs = true;
			continue;
		}
		snprintf(why, whysize, "'%s' is neither a colour (black, red, green, yellow, blue, "
		    "magenta, cyan, white, default, 0-255) nor an attribute (bold, underline, "
		    "reverse, dim, standout)", w);
		return STATUS_SYNTAX;
	}
	*out = s;
	return STATUS_OK;
}

static struct color_spec
builtin(const char *text)
{
	struct color_spec s = { COLOR_DEFAULT, COLOR_DEFAULT, 0 };
	char why[8];

	/* The table is ours and unit-tested; a bad row would leave the default. */
	color_spec_parse(text, &s, why, sizeof(why));
	return s;
}

struct color_spec
color_default(enum color_area a)
{
	return builtin((unsigned)a < COLOR_AREA_COUNT ? areas[a].def : "");
}

struct color_spec
color_mono(enum color_area a)
{
	return builtin((unsigned)a < COLOR_AREA_COUNT ? areas[a].mono : "");
}
