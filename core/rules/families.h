/*
 * families — the list of text-bounce families known to core/rules.c, in
 * the order they are tried: families with specific markers first, the
 * generic family (anything that merely looks like a bounce) last.  Adding a
 * family: write core/rules/<name>.c with its table and add one line here.
 */
#ifndef BOUNCEQ_RULES_FAMILIES_H
#define BOUNCEQ_RULES_FAMILIES_H

#include "core/rules.h"

#define RULE_FAMILIES(X) \
	X(qmail) \
	X(exim) \
	X(gmail) \
	X(generic)

#define RULE_FAMILY_DECL(n) extern const struct rule_family rule_##n;
RULE_FAMILIES(RULE_FAMILY_DECL)
#undef RULE_FAMILY_DECL

#endif
