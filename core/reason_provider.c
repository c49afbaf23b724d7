#include "core/reason_table.h"

#include <stddef.h>

/*
 * Causes that only one provider's codes or words carry.  host is matched
 * against the Remote-MTA, the Reporting-MTA and the diagnostic (some
 * providers name themselves only there); these rows are tried before the
 * general words, so a provider's own meaning wins.  An empty pattern
 * matches any text.
 */
const struct reason_provider_rule reason_provider_rules[] = {
	/* Microsoft: 5.7.6xx is its block-list range, 5.7.5xx authentication. */
	{ "outlook.com", "blocked", "", "5.7.6" },
	{ "outlook.com", "authfailure", "", "5.7.509" },
	{ "outlook.com", "authfailure", "", "5.7.515" },
	{ "outlook.com", "userunknown", "access denied", "5.4.1" },
	{ "hotmail.com", "blocked", "", "5.7.6" },
	{ "hotmail.com", "authfailure", "", "5.7.515" },
	{ "office365", "blocked", "", "5.7.6" },
	{ "sender.office.com", "blocked", "", "5.7.6" },
	/* Gmail's disabled and inactive accounts come as 5.2.1 / 4.2.1. */
	{ "google.com", "suspend", "disabled", "5.2.1" },
	{ "google.com", "suspend", "inactive", "5.2.1" },
	{ "google.com", "ratelimited", "rate", "4.2.1" },
	{ "google.com", "ratelimited", "rate", "5.2.1" },
	/* Yahoo's TSS codes are temporary deferrals for volume or complaints. */
	{ "yahoo", "rejected", "[tss", "4.7." },
	/* Orange (France): OFR_506 is its spam verdict. */
	{ "orange.fr", "spamdetected", "ofr_506", NULL },
	{ "wanadoo.fr", "spamdetected", "ofr_506", NULL },
	{ NULL, NULL, NULL, NULL }
};
