/*
 * color — the terminal UI's colours as data: the named areas of the
 * screen (title line, status line, cursor line, hard and soft rows...),
 * each with its default colours and the attributes it gets on a terminal
 * without colours, and the parser for the values of the config file's
 * "color.AREA = FG [BG] [ATTR...]" lines (core/keys/config.c).
 *
 * No curses here: a colour is COLOR_DEFAULT (the terminal's own) or
 * 0..255 (0..7 are black red green yellow blue magenta cyan white, as in
 * curses), attributes are COLOR_ATTR_* bits; tui/draw.c turns them into
 * colour pairs and A_* attributes.
 *
 * Call sequence:
 *	color_area_parse("hard", &area);
 *	color_spec_parse("red default bold", &spec, why, sizeof(why));
 *	color_default(area), color_mono(area);	(static tables)
 * Nothing allocates.
 */
#ifndef BOUNCEQ_COLOR_H
#define BOUNCEQ_COLOR_H

#include <stddef.h>

#include "core/shared/status.h"

/* enum tail, name users write, default with colours, without, what it is */
#define COLOR_AREA_LIST(X) \
	X(TITLE,        "title",        "white blue bold", "reverse bold",   "the title line at the top") \
	X(STATUS,       "status",       "white blue",      "reverse",        "the status line") \
	X(CURSOR,       "cursor",       "reverse",         "reverse",        "the line under the cursor") \
	X(HEADER,       "header",       "cyan bold",       "bold underline", "column headings and section titles") \
	X(HARD,         "hard",         "red",             "bold",           "hard failures (permanent)") \
	X(SOFT,         "soft",         "yellow",          "dim",            "soft failures and delays") \
	X(ERROR,        "error",        "red bold",        "bold",           "error messages and unreadable rows") \
	X(SEARCH_MATCH, "search-match", "standout",        "standout",       "the line of the last search hit") \
	X(SPARKLINE,    "sparkline",    "green",           "",               "the failures-per-day column of the groups screen") \
	X(MUTED,        "muted",        "dim",             "dim",            "filler past the end of a text, sources")

enum color_area {
#define COLOR_AREA_ENUM(n, name, def, mono, help) COLOR_AREA_##n,
	COLOR_AREA_LIST(COLOR_AREA_ENUM)
#undef COLOR_AREA_ENUM
	COLOR_AREA_COUNT
};

#define COLOR_ATTR_LIST(X) \
	X(BOLD,      "bold") \
	X(UNDERLINE, "underline") \
	X(REVERSE,   "reverse") \
	X(DIM,       "dim") \
	X(STANDOUT,  "standout")

enum color_attr {
#define COLOR_ATTR_ENUM(n, name) COLOR_ATTR_BIT_##n,
	COLOR_ATTR_LIST(COLOR_ATTR_ENUM)
#undef COLOR_ATTR_ENUM
	COLOR_ATTR_COUNT
};
#define COLOR_ATTR(n) (1u << COLOR_ATTR_BIT_##n)

#define COLOR_DEFAULT (-1)
#define COLOR_MAX 255

struct color_spec {
	int fg, bg;		/* COLOR_DEFAULT or 0..COLOR_MAX */
	unsigned attrs;		/* COLOR_ATTR(...) bits */
};

/* Static name / description; "" for out-of-range values. */
const char *color_area_name(enum color_area a);
const char *color_area_help(enum color_area a);
/* STATUS_NOT_FOUND for an unknown name. */
enum status color_area_parse(const char *name, enum color_area *out);
/* "title, status, ..." for messages (static). */
const char *color_area_names(void);

/*
 * Parses "FG [BG] [ATTR...]": up to two colours (a name, "default" or
 * 0-255), then attributes; attributes alone leave both colours default.
 * Words are separated by blanks and ignore case.  STATUS_SYNTAX with a
 * message naming the bad word in why (NUL-terminated, cut to whysize).
 */
enum status color_spec_parse(const char *text, struct color_spec *out, char *why,
    size_t whysize);

/* The built-in spec of an area with colours, and without (attributes only). */
struct color_spec color_default(enum color_area a);
struct color_spec color_mono(enum color_area a);

#endif
