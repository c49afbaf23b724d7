/*
 * hide — which rows every listing shows by default: the rows of messages
 * that carry the handled tag (bounceq-handled unless the config file's
 * "handled = TAG" says otherwise) are hidden, until --all or the TUI's
 * toggle shows them.  One rule for the TUI, list, groups, tag and export.
 *
 * Call sequence:
 *	struct hide_opts h = { .handled_tag = cfg->handled, .all = all };
 *	if (rowset_visible(row, &h)) show it; else hidden++;
 * The options borrow their string.
 */
#ifndef BOUNCEQ_HIDE_H
#define BOUNCEQ_HIDE_H

#include <stdbool.h>

#include "core/model/row.h"

#define HIDE_DEFAULT_TAG "bounceq-handled"

struct hide_opts {
	const char *handled_tag;	/* NULL: HIDE_DEFAULT_TAG */
	bool all;			/* show handled rows too */
};

/* The handled tag in force. */
const char *hide_tag(const struct hide_opts *h);

/* False when r is hidden: its message carries the handled tag and !h->all.  h NULL: true. */
bool rowset_visible(const struct row *r, const struct hide_opts *h);

/* True when r's message carries the handled tag (whether or not shown). */
bool row_handled(const struct row *r, const struct hide_opts *h);

#endif
