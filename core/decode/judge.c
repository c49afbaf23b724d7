#include "core/decode/judge_int.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/decode/rules/rules_int.h"
#include "core/knowledge/classify.h"
#include "core/shared/buf.h"

/* The most of the human text the classifier is given to read. */
#define HUMAN_READ_MAX (32 * 1024)

static enum classify_report
report_of(const struct bounce *b)
{
	switch (b->kind) {
	case BOUNCE_KIND_FEEDBACK:	return CLASSIFY_REPORT_FEEDBACK;
	case BOUNCE_KIND_AUTOREPLY:	return CLASSIFY_REPORT_AUTOREPLY;
	case BOUNCE_KIND_NONE:
	case BOUNCE_KIND_DSN:
	case BOUNCE_KIND_TEXT:
	case BOUNCE_KIND_MDN:
		break;
	}
	return CLASSIFY_REPORT_DELIVERY;
}

static void
classify_one(struct bounce_recipient *r, const struct classify_input *common)
{
	struct classify_input in = *common;
	struct classify_result res;

	/* The report's text names the final address, when there is one. */
	in.recipient = r->final_recipient ? r->final_recipient : r->recipient;
	if (r->final_recipient && strcasecmp(r->final_recipient, r->recipient) != 0)
		in.alias = r->recipient;
	in.action = r->action;
	in.status = r->status;
	in.status_field = r->status_raw;
	in.status_comment = r->status_comment;
	in.reply_code = r->reply_code;
	in.diagnostic = r->diagnostic;
	in.diagnostic_type = r->diagnostic_type;
	in.remote_host = r->remote_mta;
	classify(&in, &res);
	r->reason = res.reason;
	r->hard = res.hard;
	if (r->status == NULL && res.status[0]) {
		r->status = xstrdup(res.status);
		r->status_source = STATUS_SOURCE_DERIVED;
	}
}

void
judge_bounce(struct bounce *b)
{
	struct classify_input common;
	struct classify_field *fields;
	struct classify_mentions *mentions;
	const char **addrs, **aliases;

	if (b == NULL || b->nrcpt == 0)
		return;
	memset(&common, 0, sizeof(common));
	common.report = report_of(b);
	common.reporting_host = b->reporting_mta;
	common.layout = b->mta;
	fields = xcalloc(b->nfields + 1, sizeof(*fields));
	for (size_t i = 0; i < b->nfields; i++) {
		fields[i].name = b->fields[i].name;
		fields[i].value = b->fields[i].value;
	}
	common.fields = fields;
	common.nfields = b->nfields;
	addrs = xcalloc(b->nrcpt, sizeof(*addrs));
	for (size_t i = 0; i < b->nrcpt; i++)
		addrs[i] = b->rcpt[i].final_recipient ? b->rcpt[i].final_recipient :
		    b->rcpt[i].recipient;
	common.recipients = addrs;
	common.nrecipients = b->nrcpt;
	/*
	 * The returned copy names the recipient in its To and Received
	 * lines, and its header block ("X-Virus-Scanned: ClamAV") would be
	 * read as the recipient's paragraph: the text stops before it.
	 */
	if (b->human) {
		common.human.text = b->human;
		common.human.len = rules_copy_start(b->human,
		    strnlen(b->human, HUMAN_READ_MAX));
	}
	/* Every recipient's address found in the text once, not once each. */
	aliases = xcalloc(b->nrcpt, sizeof(*aliases));
	for (size_t i = 0; i < b->nrcpt; i++)
		aliases[i] = b->rcpt[i].recipient;
	mentions = classify_mentions_new(&common, aliases, b->nrcpt);
	common.mentions = mentions;
	for (size_t i = 0; i < b->nrcpt; i++)
		classify_one(&b->rcpt[i], &common);
	classify_mentions_free(mentions);
	free(aliases);
	free(addrs);
	free(fields);
}
