#include "core/model/hide.h"

#include "core/model/tags.h"

const char *
hide_tag(const struct hide_opts *h)
{
	return h != NULL && h->handled_tag != NULL && *h->handled_tag != '\0' ?
	    h->handled_tag : HIDE_DEFAULT_TAG;
}

bool
row_handled(const struct row *r, const struct hide_opts *h)
{
	return tags_has(r->s[ROW_TAGS], hide_tag(h));
}

bool
rowset_visible(const struct row *r, const struct hide_opts *h)
{
	return h == NULL || h->all || !row_handled(r, h);
}
