#include "core/decode/bounce_json.h"

#include "core/shared/json.h"

static void
kv(struct json *j, const char *k, const char *v)
{
	json_key(j, k);
	json_str(j, v);
}

static void
head(struct json *j, const char *file, long index)
{
	json_obj_begin(j);
	kv(j, "file", file);
	if (index > 0) {
		json_key(j, "index");
		json_int(j, index);
	}
}

static void
recipient_json(struct json *j, const struct bounce_recipient *r)
{
	json_obj_begin(j);
	kv(j, "recipient", r->recipient);
	kv(j, "final_recipient", r->final_recipient);
	kv(j, "original_recipient", r->original_recipient);
	kv(j, "action", r->action);
	kv(j, "status", r->status);
	kv(j, "status_raw", r->status_raw);
	kv(j, "status_source", status_source_str(r->status_source));
	kv(j, "reply_code", r->reply_code);
	kv(j, "remote_mta", r->remote_mta);
	kv(j, "diagnostic_type", r->diagnostic_type);
	kv(j, "diagnostic", r->diagnostic);
	kv(j, "last_attempt", r->last_attempt);
	kv(j, "will_retry_until", r->will_retry_until);
	kv(j, "final_log_id", r->final_log_id);
	if (r->reason) {
		kv(j, "reason", r->reason);
		json_key(j, "hard");
		json_bool(j, r->hard);
	}
	json_obj_end(j);
}

void
bounce_json(struct buf *out, const struct bounce *b, const char *file, long index)
{
	struct json j;
	const struct bounce_original *o = &b->original;

	json_init(&j, out);
	head(&j, file, index);
	json_key(&j, "bounce");
	json_bool(&j, b->is_bounce);
	kv(&j, "kind", bounce_kind_str(b->kind));
	kv(&j, "message_id", b->message_id);
	kv(&j, "date", b->date);
	kv(&j, "from", b->from);
	kv(&j, "subject", b->subject);
	kv(&j, "reporting_mta", b->reporting_mta);
	kv(&j, "arrival_date", b->arrival_date);
	kv(&j, "envelope_id", b->envelope_id);
	kv(&j, "dsn_gateway", b->dsn_gateway);
	kv(&j, "received_from_mta", b->received_from_mta);
	kv(&j, "mta", b->mta);
	json_key(&j, "fields");
	json_obj_begin(&j);
	for (size_t i = 0; i < b->nfields; i++)
		kv(&j, b->fields[i].name, b->fields[i].value);
	json_obj_end(&j);
	json_key(&j, "original");
	if (o->part == NULL) {
		json_null(&j);
	} else {
		json_obj_begin(&j);
		kv(&j, "message_id", o->message_id);
		kv(&j, "from", o->from);
		kv(&j, "to", o->to);
		kv(&j, "subject", o->subject);
		kv(&j, "date", o->date);
		kv(&j, "part", o->part);
		json_obj_end(&j);
	}
	json_key(&j, "recipients");
	json_arr_begin(&j);
	for (size_t i = 0; i < b->nrcpt; i++)
		recipient_json(&j, &b->rcpt[i]);
	json_arr_end(&j);
	json_obj_end(&j);
}

void
bounce_json_error(struct buf *out, const char *file, long index, const char *msg)
{
	struct json j;

	json_init(&j, out);
	head(&j, file, index);
	kv(&j, "error", msg);
	json_obj_end(&j);
}
