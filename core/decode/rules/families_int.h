/*
 * families — the shape of a rules-engine family table and the list of
 * them (private to core/decode/rules/; rules_int.h says what the fields
 * mean and how the engine reads them).
 *
 * Apart from the engine so that the engine's parts (rules.c, the word
 * finder of rules_words_int.h) and the tables can all include it.
 *
 * Call sequence: none; types, limits and the table list.  Every table is
 * static and read-only.
 */
#ifndef BOUNCEQ_FAMILIES_INT_H
#define BOUNCEQ_FAMILIES_INT_H

/* Bytes of a line looked at by patterns and markers. */
#define RULES_LINE_MAX 1024
/* Lines of the text searched for a body marker. */
#define RULES_IDENT_LINES 60
/* Bytes of the human-readable text the engine reads. */
#define RULES_TEXT_MAX (192 * 1024)
/* Longest diagnostic kept, in bytes. */
#define RULES_DIAG_MAX 1000

struct rule_family {
	const char *name;		/* b->mta, lower case */
	const char *const *ident;	/* any one identifies the family */
	const char *const *start;	/* first line of the error section */
	const char *const *end;		/* first line after it */
	const char *const *rcpt;	/* how a recipient line looks */
	const char *const *diag;	/* the server's words follow this */
	const char *const *delayed;	/* the failure is temporary */
	const char *const *reply;	/* a transcript line with a reply */
	const char *const *cause;	/* a line above a recipient line */
	unsigned flags;			/* RULE_* */
};

/* The diagnostic is on the recipient line itself, never below it. */
#define RULE_DIAG_LINE		0x1
/* The diagnostic is the text between the section start and the recipients. */
#define RULE_DIAG_BEFORE	0x2
/* The text opens with a greeting paragraph ("Hello a@example.org,"). */
#define RULE_GREETING		0x4

/*
 * The text-bounce families known to the engine, in the order they are
 * tried: families with specific markers first, the generic family
 * (anything that merely looks like a bounce) last.  Adding a family: write
 * core/decode/rules/<name>.c with its table and add one line here.
 */
#define RULE_FAMILIES(X) \
	X(zoho) \
	X(qmail) \
	X(yahoo) \
	X(could_not_be_delivered) \
	X(failure_notification) \
	X(unable_to_deliver) \
	X(dragonfly) \
	X(mailru) \
	X(einsundeins) \
	X(gmx) \
	X(mxlogic) \
	X(failed_permanently) \
	X(gmail) \
	X(googlegroups) \
	X(exim) \
	X(exchange2003) \
	X(office365) \
	X(imailserver) \
	X(kddi) \
	X(ezweb) \
	X(opensmtpd) \
	X(activehunter) \
	X(trendmicro) \
	X(mailmarshal) \
	X(mailfoundry) \
	X(verizon) \
	X(apachejames) \
	X(domino) \
	X(notes) \
	X(biglobe) \
	X(delivery_errors) \
	X(trouble_delivering) \
	X(mimecast) \
	X(mfilter) \
	X(mdaemon) \
	X(smail) \
	X(fml) \
	X(postfix) \
	X(sendmail) \
	X(generic)

#define RULE_FAMILY_DECL(n) extern const struct rule_family rule_##n;
RULE_FAMILIES(RULE_FAMILY_DECL)
#undef RULE_FAMILY_DECL

#endif
