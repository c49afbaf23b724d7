/*
 * Another qmail-like layout: "Unable to deliver message to the following
 * address(es)." then "<address>:" and the reason; the same gateway's newer
 * notice says "Delivery failed: address" with the remote's reply below.
 */
#include "core/decode/rules/rules_int.h"

static const char *const ident[] = {
	"body:Unable to deliver message to the following address(es)",
	"body:Your delivery to the following address has been failed",
	NULL
};
static const char *const start[] = {
	"Unable to deliver message to the following address",
	NULL
};
static const char *const rcpt[] = {
	"<%a>:*",
	/* "Delivery failed: a@example.org", the remote's words below */
	"Delivery failed: %a",
	NULL
};

const struct rule_family rule_unable_to_deliver = {
	.name = "x2",	/* Sisimai's id: published as "mta" (bounceq(1)) */
	.ident = ident,
	.start = start,
	.rcpt = rcpt,
};
