/*
 * families — the list of text-bounce families known to core/rules.c, in
 * the order they are tried: families with specific markers first, the
 * generic family (anything that merely looks like a bounce) last.  Adding a
 * family: write core/rules/<name>.c with its table and add one line here.
 */
#ifndef BOUNCEQ_RULES_FAMILIES_H
#define BOUNCEQ_RULES_FAMILIES_H

#include "core/decode/rules/rules_int.h"

#define RULE_FAMILIES(X) \
	X(zoho) \
	X(qmail) \
	X(yahoo) \
	X(could_not_be_delivered) \
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
