#include "core/decode/sesjson_int.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/decode/bounce_int.h"
#include "core/knowledge/smtpcode.h"
#include "core/shared/buf.h"
#include "core/shared/jsonread.h"
#include "core/shared/utf8.h"

/* Members a notification is recognised by, in the order tried. */
static const char *const type_members[] = {
	"notificationType", "eventType", NULL
};

/*
 * Sendmail's split of an over-long line: "!" ending the line and a space
 * starting the next.  Returns the length of the split at p, 0 if none.
 */
static size_t
split_len(const char *p, const char *end)
{
	const char *q = p;

	if (q >= end || *q != '!')
		return 0;
	q++;
	if (q < end && *q == '\r')
		q++;
	if (q >= end || *q != '\n')
		return 0;
	q++;
	if (q < end && *q == ' ')
		q++;
	return (size_t)(q - p);
}

/*
 * True when the text opens an object after white space: the one look at
 * the text before it is copied, so that prose costs nothing.
 */
static bool
opens_object(const char *p, const char *end)
{
	size_t k;

	while (p < end) {
		if (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
			p++;
		else if ((k = split_len(p, end)) > 0)
			p += k;
		else
			return *p == '{';
	}
	return false;
}

/*
 * text[0..len) as jansson may read it, in out: Sendmail's splits undone
 * (in valid JSON "!" never ends a line: a raw new line cannot stand in a
 * string), and bytes that are not UTF-8, or NUL, replaced with U+FFFD as
 * the JSON writer would show them.
 */
static void
prepare(const char *text, size_t len, struct buf *out)
{
	const unsigned char *p = (const unsigned char *)text;
	size_t i = 0, k;
	uint32_t cp;

	while (i < len) {
		if ((k = split_len(text + i, text + len)) > 0) {
			i += k;
		} else if (p[i] != 0 && p[i] < 0x80) {
			buf_addc(out, text[i++]);
		} else {
			k = utf8_decode(p + i, len - i, &cp);
			if (cp == UTF8_INVALID || cp == 0)
				buf_adds(out, "\xef\xbf\xbd");
			else
				buf_add(out, text + i, k);
			i += k;
		}
	}
}

/*
 * The object that opens text[0..len), at most SESJSON_TEXT_MAX bytes of
 * it, in *out; anything may follow it (the SNS footer).
 */
static enum status
top_object(const char *text, size_t len, json_t **out)
{
	struct buf t = BUF_INIT;
	enum status st;

	*out = NULL;
	if (len > SESJSON_TEXT_MAX)
		len = SESJSON_TEXT_MAX;
	if (!opens_object(text, text + len))
		return STATUS_NOT_FOUND;
	prepare(text, len, &t);
	st = jsonread_object(t.data, t.len, true, out);
	buf_free(&t);
	return st;
}

/*
 * Member key of obj, or NULL.  Names are compared ignoring ASCII case, as
 * the reader before jansson did; the first one in the text wins.
 */
static json_t *
member(json_t *obj, const char *key)
{
	const char *k;
	json_t *v;

	json_object_foreach(obj, k, v)
		if (strcasecmp(k, key) == 0)
			return v;
	return NULL;
}

/* The string value v as a new string, or NULL (not a string, or empty). */
static char *
str_dup(const json_t *v)
{
	char *s = jsonread_strdup(v, SESJSON_STR_MAX);

	if (s != NULL && *s == '\0') {
		free(s);
		return NULL;
	}
	return s;
}

/* True when v is the string s, ignoring ASCII case. */
static bool
str_is(const json_t *v, const char *s)
{
	return json_is_string(v) && json_string_length(v) == strlen(s) &&
	    strcasecmp(json_string_value(v), s) == 0;
}

/* Member key of obj as a new string, or NULL. */
static char *
member_str(json_t *obj, const char *key)
{
	return str_dup(member(obj, key));
}

/* "dsn; host" and "smtp; 550 ..." without the type in front. */
static char *
untyped(char *s, char **type)
{
	char *semi;

	if (type)
		*type = NULL;
	if (s == NULL || (semi = strchr(s, ';')) == NULL || semi - s > 16 ||
	    memchr(s, ' ', (size_t)(semi - s)) != NULL) {
		return s;
	}
	if (type)
		*type = xstrndup(s, (size_t)(semi - s));
	semi++;
	while (*semi == ' ')
		semi++;
	memmove(s, semi, strlen(semi) + 1);
	return s;
}

/* Status and reply code as for a delivery-status part (textbounce.c). */
static void
set_codes(struct bounce_recipient *r, char *status)
{
	char st[SMTPCODE_STATUS_MAX], rc[SMTPCODE_REPLY_MAX];
	const char *d = r->diagnostic;

	r->status_raw = status;
	if (d && smtpcode_find_status(d, strlen(d), 0, true, st)) {
		r->status = xstrdup(st);
		r->status_source = STATUS_SOURCE_DIAGNOSTIC;
	} else if (status && smtpcode_status_valid(status)) {
		r->status = xstrdup(status);
		r->status_source = STATUS_SOURCE_MAIL;
	} else if (d && smtpcode_find_status(d, strlen(d), 0, false, st)) {
		r->status = xstrdup(st);
		r->status_source = STATUS_SOURCE_DIAGNOSTIC;
	}
	if (d && smtpcode_find_reply(d, strlen(d), rc))
		r->reply_code = xstrdup(rc);
}

/*
 * A new recipient for address s (taken), unless it is no address or
 * already listed; NULL then.
 */
static struct bounce_recipient *
add_recipient(struct bounce *b, char *s, const char *action)
{
	struct bounce_recipient *r;

	if (s == NULL || strchr(s, '@') == NULL || b->nrcpt >= SESJSON_RCPT_MAX) {
		free(s);
		return NULL;
	}
	for (size_t i = 0; i < b->nrcpt; i++)
		if (strcasecmp(b->rcpt[i].recipient, s) == 0) {
			free(s);
			return NULL;
		}
	r = bounce_add_recipient(b);
	r->recipient = s;
	r->action = xstrdup_null(action);
	return r;
}

/*
 * bouncedRecipients and delayedRecipients: objects with emailAddress,
 * action, status and diagnosticCode.
 */
static void
failed_recipients(struct bounce *b, json_t *list, const char *action,
    const char *remote)
{
	size_t i;
	json_t *e;

	json_array_foreach(list, i, e) {
		struct bounce_recipient *r;
		char *a;

		if ((r = add_recipient(b, member_str(e, "emailAddress"),
		    action)) == NULL)
			continue;
		if ((a = member_str(e, "action")) != NULL) {
			free(r->action);
			r->action = a;
		}
		r->diagnostic = untyped(member_str(e, "diagnosticCode"),
		    &r->diagnostic_type);
		set_codes(r, member_str(e, "status"));
		if (remote)
			r->remote_mta = xstrdup(remote);
	}
}

/* Per-message facts every event object may carry. */
static void
event_common(struct bounce *b, json_t *ev, char **remote)
{
	if (b->reporting_mta == NULL)
		b->reporting_mta = untyped(member_str(ev, "reportingMTA"), NULL);
	*remote = member_str(ev, "remoteMtaIp");
}

static void
decode_bounce(struct bounce *b, json_t *ev)
{
	char *remote, *type = member_str(ev, "bounceType"),
	    *sub = member_str(ev, "bounceSubType");

	event_common(b, ev, &remote);
	if (type)
		bounce_add_field(b, "SES-Bounce-Type", type);
	if (sub)
		bounce_add_field(b, "SES-Bounce-Subtype", sub);
	failed_recipients(b, member(ev, "bouncedRecipients"), "failed", remote);
	free(type);
	free(sub);
	free(remote);
}

static void
decode_delay(struct bounce *b, json_t *ev)
{
	char *remote, *type = member_str(ev, "delayType");

	event_common(b, ev, &remote);
	if (type)
		bounce_add_field(b, "SES-Delay-Type", type);
	failed_recipients(b, member(ev, "delayedRecipients"), "delayed", remote);
	free(type);
	free(remote);
}

static void
decode_delivery(struct bounce *b, json_t *ev)
{
	char *remote, *reply = member_str(ev, "smtpResponse");
	size_t i;
	json_t *e;

	event_common(b, ev, &remote);
	json_array_foreach(member(ev, "recipients"), i, e) {
		struct bounce_recipient *r = add_recipient(b, str_dup(e),
		    "delivered");
		if (r == NULL)
			continue;
		r->diagnostic_type = reply ? xstrdup("smtp") : NULL;
		r->diagnostic = reply ? xstrdup(reply) : NULL;
		set_codes(r, NULL);
		if (remote)
			r->remote_mta = xstrdup(remote);
	}
	free(reply);
	free(remote);
}

/* Complaints are feedback reports (RFC 5965) in other clothes. */
static void
decode_complaint(struct bounce *b, json_t *ev)
{
	static const char *const fields[][2] = {
		{ "complaintFeedbackType", "Feedback-Type" },
		{ "userAgent", "User-Agent" },
		{ "arrivalDate", "Arrival-Date" },
	};
	size_t i;
	json_t *e;

	for (i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
		char *v = member_str(ev, fields[i][0]);
		if (v)
			bounce_add_field(b, fields[i][1], v);
		free(v);
	}
	json_array_foreach(member(ev, "complainedRecipients"), i, e)
		add_recipient(b, member_str(e, "emailAddress"), NULL);
}

/* Member key of obj when a string, else its array's first element. */
static char *
first_str(json_t *obj, const char *key)
{
	json_t *v = member(obj, key);

	return str_dup(json_is_array(v) ? json_array_get(v, 0) : v);
}

/* The sent message's headers as SES repeats them, where none were read. */
static void
original_headers(struct bounce *b, json_t *root)
{
	json_t *h = member(member(root, "mail"), "commonHeaders");

	if (h == NULL)
		return;
	if (b->original.message_id == NULL)
		b->original.message_id = member_str(h, "messageId");
	if (b->original.subject == NULL)
		b->original.subject = member_str(h, "subject");
	if (b->original.date == NULL)
		b->original.date = member_str(h, "date");
	if (b->original.from == NULL)
		b->original.from = first_str(h, "from");
	if (b->original.to == NULL)
		b->original.to = first_str(h, "to");
}

/*
 * The notification in *out: root itself, or the notification inside an
 * SNS envelope, which carries it as the JSON text of its "Message" string
 * (*inner then holds it for the caller to json_decref()).
 */
static enum status
notification(json_t *root, json_t **inner, json_t **out)
{
	json_t *msg;
	struct buf t = BUF_INIT;
	enum status st;

	*inner = NULL;
	*out = root;
	if (!str_is(member(root, "Type"), "Notification") ||
	    (msg = member(root, "Message")) == NULL)
		return STATUS_OK;
	if (!json_is_string(msg))
		return STATUS_NOT_FOUND;
	/* NUL and splits again: "\u0000" and "!\n " may stand in the string. */
	prepare(json_string_value(msg), json_string_length(msg), &t);
	st = t.len > 0 && opens_object(t.data, t.data + t.len) ?
	    jsonread_object(t.data, t.len, true, inner) : STATUS_NOT_FOUND;
	buf_free(&t);
	*out = *inner;
	return st;
}

/*
 * Decodes the event of notification root: its type member names the kind
 * (Bounce, Complaint, ...), whose member holds the event itself.
 */
static enum status
decode_event(struct bounce *b, json_t *root)
{
	static const struct {
		const char *type, *member;
		void (*decode)(struct bounce *, json_t *);
	} events[] = {
		{ "Bounce", "bounce", decode_bounce },
		{ "Complaint", "complaint", decode_complaint },
		{ "Delivery", "delivery", decode_delivery },
		{ "DeliveryDelay", "deliveryDelay", decode_delay },
	};
	json_t *type = NULL, *ev;
	size_t before = b->nrcpt, i;

	for (const char *const *m = type_members; type == NULL && *m; m++)
		type = member(root, *m);
	if (type == NULL || member(root, "mail") == NULL)
		return STATUS_NOT_FOUND;
	for (i = 0; i < sizeof(events) / sizeof(events[0]); i++)
		if (str_is(type, events[i].type))
			break;
	if (i == sizeof(events) / sizeof(events[0]) ||
	    (ev = member(root, events[i].member)) == NULL)
		return STATUS_NOT_FOUND;
	events[i].decode(b, ev);
	if (b->nrcpt == before)
		return STATUS_NOT_FOUND;
	original_headers(b, root);
	b->kind = events[i].decode == decode_complaint ? BOUNCE_KIND_FEEDBACK :
	    BOUNCE_KIND_TEXT;
	b->is_bounce = b->kind != BOUNCE_KIND_FEEDBACK;
	if (b->mta == NULL)
		b->mta = xstrdup("amazonses");
	return STATUS_OK;
}

enum status
sesjson_read(struct bounce *b, const char *text, size_t len)
{
	json_t *root, *inner, *ev;
	enum status st;

	if ((st = top_object(text, len, &root)) != STATUS_OK)
		return st;
	if ((st = notification(root, &inner, &ev)) == STATUS_OK)
		st = decode_event(b, ev);
	json_decref(inner);
	json_decref(root);
	return st;
}

bool
sesjson_decode(struct bounce *b, const char *text, size_t len)
{
	return sesjson_read(b, text, len) == STATUS_OK;
}
