#include "core/knowledge/codes.h"

#include "core/shared/json.h"

/*
 * The JSON contract of `bounceq explain --json`, one object per code.
 * "provider" is null or an object with the provider's own meaning;
 * "note" is null or the notes joined by a space.
 */

static void
provider_obj(struct json *j, const struct codes_explanation *ex)
{
	const struct codes_provider_row *r = ex->provider_row;

	if (r == NULL) {
		json_null(j);
		return;
	}
	json_obj_begin(j);
	json_key(j, "name");
	json_str(j, codes_provider_name(r->provider));
	json_key(j, "code");
	json_str(j, r->code);
	json_key(j, "title");
	json_str(j, r->title);
	json_key(j, "explanation");
	json_str(j, r->explanation);
	json_key(j, "advice");
	json_str(j, r->advice);
	json_key(j, "source");
	json_str(j, r->source);
	json_obj_end(j);
}

void
codes_json(struct buf *out, const struct codes_explanation *ex,
    const char *code_override)
{
	struct json j;
	struct buf notes = BUF_INIT;

	json_init(&j, out);
	json_obj_begin(&j);
	json_key(&j, "code");
	json_str(&j, code_override ? code_override : ex->code);
	json_key(&j, "class");
	json_str(&j, ex->class_title);
	json_key(&j, "subject");
	json_str(&j, ex->subject_title);
	json_key(&j, "title");
	json_str(&j, ex->title);
	json_key(&j, "explanation");
	json_str(&j, ex->explanation);
	json_key(&j, "advice");
	json_str(&j, ex->advice);
	json_key(&j, "permanent");
	json_bool(&j, ex->permanent);
	json_key(&j, "registered");
	json_bool(&j, ex->registered);
	json_key(&j, "provider");
	provider_obj(&j, ex);
	json_key(&j, "reply_code");
	json_str(&j, ex->reply_code[0] ? ex->reply_code : NULL);
	json_key(&j, "note");
	for (size_t i = 0; i < ex->nnotes; i++) {
		if (i > 0)
			buf_addc(&notes, ' ');
		buf_adds(&notes, ex->notes[i]);
	}
	json_str(&j, ex->nnotes ? notes.data : NULL);
	json_obj_end(&j);
	buf_free(&notes);
}
