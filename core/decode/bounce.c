#include "core/decode/bounce.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/decode/bounce_int.h"
#include "core/knowledge/classify.h"
#include "core/shared/buf.h"

static const char *const kind_names[] = {
#define BOUNCE_KIND_NAME(n, s) s,
	BOUNCE_KIND_LIST(BOUNCE_KIND_NAME)
#undef BOUNCE_KIND_NAME
};

const char *
bounce_kind_str(enum bounce_kind k)
{
	if ((size_t)k >= sizeof(kind_names) / sizeof(kind_names[0]))
		return "none";
	return kind_names[k];
}

const char *
status_source_str(enum status_source s)
{
	switch (s) {
	case STATUS_SOURCE_MAIL:	return "mail";
	case STATUS_SOURCE_DIAGNOSTIC:	return "diagnostic";
	case STATUS_SOURCE_DERIVED:	return "derived";
	case STATUS_SOURCE_NONE:	break;
	}
	return NULL;
}

struct bounce_recipient *
bounce_add_recipient(struct bounce *b)
{
	b->rcpt = xrealloc(b->rcpt, (b->nrcpt + 1) * sizeof(*b->rcpt));
	memset(&b->rcpt[b->nrcpt], 0, sizeof(b->rcpt[0]));
	return &b->rcpt[b->nrcpt++];
}

void
bounce_add_field(struct bounce *b, const char *name, const char *value)
{
	b->fields = xrealloc(b->fields, (b->nfields + 1) * sizeof(*b->fields));
	b->fields[b->nfields].name = xstrdup(name);
	b->fields[b->nfields].value = xstrdup(value ? value : "");
	b->nfields++;
}

const char *
bounce_field(const struct bounce *b, const char *name)
{
	for (size_t i = 0; i < b->nfields; i++)
		if (strcasecmp(b->fields[i].name, name) == 0)
			return b->fields[i].value;
	return NULL;
}

/*
 * The one valid mail address that text names, or NULL (none, or several:
 * a diagnostic that names two addresses does not say which is this one).
 */
static char *
address_in(const char *text)
{
	char *found = NULL;
	const char *p = text;

	while (p && *p) {
		size_t n;
		char *w;

		p += strspn(p, " \t\r\n<>()[]\"',;:");
		n = strcspn(p, " \t\r\n<>()[]\"',;:");
		if (n == 0)
			break;
		w = xstrndup(p, n);
		p += n;
		while (n > 0 && w[n - 1] == '.')
			w[--n] = '\0';
		if (strchr(w, '@') == NULL || !dsn_address_valid(w) ||
		    (found && strcasecmp(found, w) == 0)) {
			free(w);
			continue;
		}
		if (found) {
			free(found);
			free(w);
			return NULL;
		}
		found = w;
	}
	return found;
}

struct bounce_recipient *
bounce_add_dsn_recipient(struct bounce *b, const struct dsn_recipient *dr)
{
	const char *addr = dsn_recipient_sender_address(dr);
	struct bounce_recipient *r;
	struct classify_codes c;
	char *named = NULL;

	if (addr == NULL)
		return NULL;
	if (!dsn_address_valid(addr) && (named = address_in(dr->diagnostic)) != NULL)
		addr = named;
	r = bounce_add_recipient(b);
	r->recipient = xstrdup(addr);
	free(named);
	r->final_recipient = xstrdup_null(dr->final_recipient);
	r->original_recipient = xstrdup_null(dr->original_recipient);
	r->action = xstrdup_null(dr->action);
	r->status_raw = xstrdup_null(dr->status);
	r->status_comment = xstrdup_null(dr->status_comment);
	r->remote_mta = xstrdup_null(dr->remote_mta);
	r->diagnostic_type = xstrdup_null(dr->diagnostic_type);
	r->diagnostic = xstrdup_null(dr->diagnostic);
	r->last_attempt = xstrdup_null(dr->last_attempt);
	r->final_log_id = xstrdup_null(dr->final_log_id);
	r->will_retry_until = xstrdup_null(dr->will_retry_until);
	classify_codes(r->status_raw, r->diagnostic, r->diagnostic_type, &c);
	if (c.status[0]) {
		r->status = xstrdup(c.status);
		r->status_source = c.source == CLASSIFY_CODES_FIELD ?
		    STATUS_SOURCE_MAIL : STATUS_SOURCE_DIAGNOSTIC;
	}
	if (c.reply[0])
		r->reply_code = xstrdup(c.reply);
	/*
	 * A group without the Action field RFC 3464 requires: the class of
	 * its status, else of its reply, says what happened (5 failed, 4
	 * delayed, 2 delivered).
	 */
	if (r->action == NULL) {
		char cls = r->status ? r->status[0] : r->reply_code ? r->reply_code[0] : 0;

		r->action = xstrdup_null(cls == '5' ? "failed" : cls == '4' ?
		    "delayed" : cls == '2' ? "delivered" : NULL);
	}
	return r;
}

static void
recipient_clear(struct bounce_recipient *r)
{
	free(r->recipient);
	free(r->final_recipient);
	free(r->original_recipient);
	free(r->action);
	free(r->status);
	free(r->status_raw);
	free(r->status_comment);
	free(r->reply_code);
	free(r->remote_mta);
	free(r->diagnostic_type);
	free(r->diagnostic);
	free(r->last_attempt);
	free(r->final_log_id);
	free(r->will_retry_until);
}

void
bounce_free(struct bounce *b)
{
	if (b == NULL)
		return;
	free(b->message_id);
	free(b->date);
	free(b->from);
	free(b->subject);
	free(b->reporting_mta);
	free(b->dsn_gateway);
	free(b->received_from_mta);
	free(b->arrival_date);
	free(b->envelope_id);
	free(b->mta);
	for (size_t i = 0; i < b->nfields; i++) {
		free(b->fields[i].name);
		free(b->fields[i].value);
	}
	free(b->fields);
	free(b->original.message_id);
	free(b->original.from);
	free(b->original.to);
	free(b->original.subject);
	free(b->original.date);
	free(b->human);
	for (size_t i = 0; i < b->nrcpt; i++)
		recipient_clear(&b->rcpt[i]);
	free(b->rcpt);
	free(b);
}
