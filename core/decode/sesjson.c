#include "core/decode/sesjson_int.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/decode/bounce_int.h"
#include "core/knowledge/smtpcode.h"
#include "core/shared/buf.h"
#include "core/shared/json.h"
#include "core/shared/utf8.h"

/*
 * A JSON value in the text: p at its first byte, end one past its last.
 * Values are never copied until a member is kept.
 */
struct jv {
	const char *p;
	const char *end;
};

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

static const char *
skip_ws(const char *p, const char *end)
{
	size_t k;

	while (p < end) {
		if (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
			p++;
		else if ((k = split_len(p, end)) > 0)
			p += k;
		else
			break;
	}
	return p;
}

/* p at '"': one past the closing quote, or NULL when there is none. */
static const char *
string_end(const char *p, const char *end)
{
	for (p++; p < end; p++) {
		if (*p == '\\') {
			p++;
			continue;
		}
		if (*p == '"')
			return p + 1;
	}
	return NULL;
}

/*
 * One past the value that starts at p, or NULL when it is not closed.
 * Brackets are counted, not matched: a stray "]" for "}" in hostile text
 * gives a wrong span, never a crash or more than one pass.
 */
static const char *
value_end(const char *p, const char *end)
{
	size_t depth = 0;

	if (p >= end)
		return NULL;
	if (*p == '"')
		return string_end(p, end);
	if (*p != '{' && *p != '[') {
		while (p < end && strchr(",}] \t\r\n", *p) == NULL)
			p++;
		return p;
	}
	while (p < end) {
		if (*p == '"') {
			if ((p = string_end(p, end)) == NULL)
				return NULL;
			continue;
		}
		if (*p == '{' || *p == '[')
			depth++;
		else if ((*p == '}' || *p == ']') && --depth == 0)
			return p + 1;
		p++;
	}
	return NULL;
}

/*
 * The string value v unescaped into out, at most max bytes; false when v
 * is not a string.
 */
static bool
str_decode(struct jv v, size_t max, struct buf *out)
{
	const char *p, *end;
	size_t k;
	uint32_t cp;
	char u8[4];

	if (v.p == NULL || v.p >= v.end || *v.p != '"' || v.end - v.p < 2)
		return false;
	end = v.end - 1;
	for (p = v.p + 1; p < end && out->len < max; ) {
		if ((k = split_len(p, end)) > 0) {
			p += k;
			continue;
		}
		if (*p != '\\') {
			buf_addc(out, *p++);
			continue;
		}
		if (++p >= end)
			break;
		switch (*p) {
		case 'b': buf_addc(out, '\b'); break;
		case 'f': buf_addc(out, '\f'); break;
		case 'n': buf_addc(out, '\n'); break;
		case 'r': buf_addc(out, '\r'); break;
		case 't': buf_addc(out, '\t'); break;
		case 'u':
			/* A bad escape stands for one unknown character. */
			if ((k = json_unescape_u(p, end, &cp)) == 0)
				cp = 0xFFFD;
			p += k;
			buf_add(out, u8, utf8_encode(cp, u8));
			break;
		default:
			buf_addc(out, *p);	/* \" \\ \/ and anything else */
			break;
		}
		p++;
	}
	return true;
}

/* The string value v as a new string, or NULL (not a string, or empty). */
static char *
str_dup(struct jv v)
{
	struct buf s = BUF_INIT;

	if (!str_decode(v, SESJSON_STR_MAX, &s) || s.len == 0) {
		buf_free(&s);
		return NULL;
	}
	/* A string cut at the limit ends on a character boundary. */
	if (s.len >= SESJSON_STR_MAX) {
		while (s.len > 0 && ((unsigned char)s.data[s.len - 1] & 0xC0) == 0x80)
			s.len--;
		if (s.len > 0 && (unsigned char)s.data[s.len - 1] >= 0xC0)
			s.len--;
		s.data[s.len] = '\0';
	}
	return buf_steal(&s);
}

/* True when the string value v is s, ignoring ASCII case. */
static bool
str_is(struct jv v, const char *s)
{
	struct buf t = BUF_INIT;
	bool eq;

	eq = str_decode(v, 64, &t) && t.data && strcasecmp(t.data, s) == 0;
	buf_free(&t);
	return eq;
}

/* The member key of object obj, in *out; false when there is none. */
static bool
member(struct jv obj, const char *key, struct jv *out)
{
	const char *p, *end = obj.end;
	struct jv k;

	if (obj.p == NULL || obj.p >= end || *obj.p != '{')
		return false;
	p = obj.p + 1;
	for (;;) {
		bool hit;
		p = skip_ws(p, end);
		if (p >= end || *p != '"' || (k.end = string_end(p, end)) == NULL)
			return false;
		k.p = p;
		hit = str_is(k, key);
		p = skip_ws(k.end, end);
		if (p >= end || *p != ':')
			return false;
		p = skip_ws(p + 1, end);
		if ((out->end = value_end(p, end)) == NULL)
			return false;
		out->p = p;
		if (hit)
			return true;
		p = skip_ws(out->end, end);
		if (p >= end || *p != ',')
			return false;
		p++;
	}
}

/* Member key of obj as a new string, or NULL. */
static char *
member_str(struct jv obj, const char *key)
{
	struct jv v;

	return member(obj, key, &v) ? str_dup(v) : NULL;
}

/*
 * Iterates over array arr: *cur is NULL at the start; each call puts the
 * next element in *out and returns false after the last.
 */
static bool
element(struct jv arr, const char **cur, struct jv *out)
{
	const char *p, *end = arr.end;

	if (arr.p == NULL || arr.p >= end || *arr.p != '[')
		return false;
	if (*cur == NULL) {
		p = skip_ws(arr.p + 1, end);
	} else {
		p = skip_ws(*cur, end);
		if (p >= end || *p != ',')
			return false;
		p = skip_ws(p + 1, end);
	}
	if (p >= end || *p == ']' || (out->end = value_end(p, end)) == NULL)
		return false;
	out->p = p;
	*cur = out->end;
	return true;
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
	r->action = xstrdup(action);
	return r;
}

/*
 * bouncedRecipients and delayedRecipients: objects with emailAddress,
 * action, status and diagnosticCode.
 */
static void
failed_recipients(struct bounce *b, struct jv list, const char *action,
    const char *remote)
{
	const char *cur = NULL;
	struct jv e;

	while (element(list, &cur, &e)) {
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
event_common(struct bounce *b, struct jv ev, char **remote)
{
	if (b->reporting_mta == NULL)
		b->reporting_mta = untyped(member_str(ev, "reportingMTA"), NULL);
	*remote = member_str(ev, "remoteMtaIp");
}

static void
decode_bounce(struct bounce *b, struct jv ev)
{
	char *remote, *type = member_str(ev, "bounceType"),
	    *sub = member_str(ev, "bounceSubType");
	struct jv list;

	event_common(b, ev, &remote);
	if (type)
		bounce_add_field(b, "SES-Bounce-Type", type);
	if (sub)
		bounce_add_field(b, "SES-Bounce-Subtype", sub);
	if (member(ev, "bouncedRecipients", &list))
		failed_recipients(b, list, "failed", remote);
	free(type);
	free(sub);
	free(remote);
}

static void
decode_delay(struct bounce *b, struct jv ev)
{
	char *remote, *type = member_str(ev, "delayType");
	struct jv list;

	event_common(b, ev, &remote);
	if (type)
		bounce_add_field(b, "SES-Delay-Type", type);
	if (member(ev, "delayedRecipients", &list))
		failed_recipients(b, list, "delayed", remote);
	free(type);
	free(remote);
}

static void
decode_delivery(struct bounce *b, struct jv ev)
{
	char *remote, *reply = member_str(ev, "smtpResponse");
	const char *cur = NULL;
	struct jv list, e;

	event_common(b, ev, &remote);
	if (member(ev, "recipients", &list))
		while (element(list, &cur, &e)) {
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
decode_complaint(struct bounce *b, struct jv ev)
{
	static const char *const fields[][2] = {
		{ "complaintFeedbackType", "Feedback-Type" },
		{ "userAgent", "User-Agent" },
		{ "arrivalDate", "Arrival-Date" },
	};
	const char *cur = NULL;
	struct jv list, e;

	for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
		char *v = member_str(ev, fields[i][0]);
		if (v)
			bounce_add_field(b, fields[i][1], v);
		free(v);
	}
	if (member(ev, "complainedRecipients", &list))
		while (element(list, &cur, &e))
			add_recipient(b, member_str(e, "emailAddress"), "failed");
}

/* The first string of array member key of obj, or NULL. */
static char *
first_str(struct jv obj, const char *key)
{
	const char *cur = NULL;
	struct jv list, e;

	if (!member(obj, key, &list))
		return NULL;
	if (list.p < list.end && *list.p == '"')
		return str_dup(list);
	return element(list, &cur, &e) ? str_dup(e) : NULL;
}

/* The sent message's headers as SES repeats them, where none were read. */
static void
original_headers(struct bounce *b, struct jv root)
{
	struct jv mail, h;

	if (!member(root, "mail", &mail) || !member(mail, "commonHeaders", &h))
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

/* The object that starts the text (after white space), or false. */
static bool
top_object(const char *text, size_t len, struct jv *out)
{
	const char *end = text + (len > SESJSON_TEXT_MAX ? SESJSON_TEXT_MAX : len);
	const char *p = skip_ws(text, end);

	if (p >= end || *p != '{' || (out->end = value_end(p, end)) == NULL)
		return false;
	out->p = p;
	return true;
}

bool
sesjson_decode(struct bounce *b, const char *text, size_t len)
{
	struct jv root, type, ev;
	struct buf inner = BUF_INIT;
	size_t before = b->nrcpt;
	bool known = true, typed = false;

	if (!top_object(text, len, &root))
		return false;
	/* SNS wraps the notification into a string member of its own. */
	if (member(root, "Type", &type) && str_is(type, "Notification") &&
	    member(root, "Message", &ev)) {
		if (!str_decode(ev, SESJSON_TEXT_MAX, &inner) || inner.data == NULL ||
		    !top_object(inner.data, inner.len, &root)) {
			buf_free(&inner);
			return false;
		}
	}
	for (const char *const *m = type_members; !typed && *m; m++)
		typed = member(root, *m, &type);
	if (!typed || !member(root, "mail", &ev)) {
		buf_free(&inner);
		return false;
	}
	if (str_is(type, "Bounce") && member(root, "bounce", &ev))
		decode_bounce(b, ev);
	else if (str_is(type, "Complaint") && member(root, "complaint", &ev))
		decode_complaint(b, ev);
	else if (str_is(type, "Delivery") && member(root, "delivery", &ev))
		decode_delivery(b, ev);
	else if (str_is(type, "DeliveryDelay") && member(root, "deliveryDelay", &ev))
		decode_delay(b, ev);
	else
		known = false;
	if (known && b->nrcpt > before) {
		original_headers(b, root);
		b->kind = str_is(type, "Complaint") ? BOUNCE_KIND_FEEDBACK :
		    BOUNCE_KIND_TEXT;
		b->is_bounce = b->kind != BOUNCE_KIND_FEEDBACK;
		if (b->mta == NULL)
			b->mta = xstrdup("amazonses");
	}
	buf_free(&inner);
	return known && b->nrcpt > before;
}
