#include "core/knowledge/reason_table_int.h"

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
	/*
	 * Exchange (Online and on-premises) reports the sender's own
	 * submission quota as 5.2.2, often with "mailbox full" in front of
	 * "SubmissionQuotaExceededException": its words, not the trusted
	 * code, say whose quota it is.
	 */
	{ "", "ratelimited", "submissionquotaexceeded", NULL },
	{ "", "ratelimited", "submission quota exceeded", NULL },
	/*
	 * Exchange Online's own codes (its "NDRs in Exchange Online" list):
	 * 5.1.90 the sender's daily recipient limit; 5.2.121 and 5.2.122
	 * the recipient's hourly receive limits; 5.4.300 an expiry; 5.4.310
	 * a domain that does not exist in DNS; 5.7.708 an IP it takes no
	 * traffic from; 5.7.750 a sending tenant blocked for unregistered
	 * domains.
	 */
	{ "outlook.com", "ratelimited", "", "5.1.90" },
	{ "outlook.com", "ratelimited", "", "5.2.121" },
	{ "outlook.com", "ratelimited", "", "5.2.122" },
	{ "outlook.com", "expired", "", "5.4.300" },
	{ "outlook.com", "hostunknown", "", "5.4.310" },
	{ "outlook.com", "blocked", "", "5.7.708" },
	{ "outlook.com", "rejected", "", "5.7.750" },
	/*
	 * 5.1.10 is Exchange Online's "recipient not found"
	 * (RESOLVER.ADR.RecipientNotFound), not RFC 7505's null MX.
	 */
	{ "outlook.com", "userunknown", "", "5.1.10" },
	{ "hotmail.com", "userunknown", "", "5.1.10" },
	{ "hotmail.com", "blocked", "", "5.7.6" },
	{ "hotmail.com", "authfailure", "", "5.7.515" },
	{ "office365", "blocked", "", "5.7.6" },
	{ "sender.office.com", "blocked", "", "5.7.6" },
	/*
	 * Gmail and Outlook.com refuse an address they do not host at RCPT
	 * TO, so their words for it are the directory's answer even when the
	 * report that carries them names no command.
	 */
	{ "google", "userunknown", "the email account that you tried to reach does not exist", NULL },
	{ "google", "userunknown", "because the address couldn't be found", NULL },
	{ "hotmail.com", "userunknown", "requested action not taken: mailbox unavailable", NULL },
	{ "outlook.com", "userunknown", "requested action not taken: mailbox unavailable", NULL },
	/* Yahoo's own wording, whatever relays it ("dd" is its prefix). */
	{ "", "userunknown", "delivery error: dd this user doesn't have a * account", NULL },
	/* Gmail's disabled and inactive accounts come as 5.2.1 / 4.2.1. */
	{ "google.com", "suspend", "disabled", "5.2.1" },
	{ "google.com", "suspend", "inactive", "5.2.1" },
	{ "google.com", "ratelimited", "rate", "4.2.1" },
	{ "google.com", "ratelimited", "rate", "5.2.1" },
	/*
	 * KDDI (au, EZweb): its receive filter refuses a sender it was told
	 * to refuse with "550 : User unknown", naming no address; a mailbox
	 * that does not exist gets "550 <address>: User unknown".  The
	 * first row of each pair keeps the second from taking the latter.
	 */
	{ "ezweb.ne.jp", "userunknown", ">: user unknown", NULL },
	{ "ezweb.ne.jp", "filtered", ": user unknown", NULL },
	{ "@au.com", "userunknown", ">: user unknown", NULL },
	{ "@au.com", "filtered", ": user unknown", NULL },
	{ "msmx.au.com", "userunknown", ">: user unknown", NULL },
	{ "msmx.au.com", "filtered", ": user unknown", NULL },
	/*
	 * Zoho: the receiving organisation's own block rules refused the
	 * sender (Zoho's SMTP error list: "the receiving domain has filters
	 * set up that are blocking this message").
	 */
	{ "zoho", "rejected", "mail rejected by destination domain", NULL },
	/*
	 * Yahoo's postmaster codes: TSS09 and TSS11 ("all messages from
	 * <IP> will be permanently deferred") refuse the sending IP for
	 * good; the other TSS codes are temporary deferrals for volume or
	 * complaints.
	 */
	{ "yahoo", "blocked", "[tss09]", NULL },
	{ "yahoo", "blocked", "[tss11]", NULL },
	{ "yahoo", "rejected", "[tss", "4.7." },
	/*
	 * T-Online ends its refusals with the reason in parentheses; (BL)
	 * is a sending IP it blocks ("(NOWL)", an unknown one, says
	 * "reputation" in its words).  Its template names the provider
	 * only in the contact address, which relays often rewrite.
	 */
	{ "", "blocked", "ask your postmaster for help or to contact * "
	    "to clarify.) (bl)", NULL },
	{ NULL, NULL, NULL, NULL }
};

/*
 * Private codes (reason_table.h says how one is read).  The meanings are
 * the providers' published error-code pages; each row says what the
 * provider says the code is for, in taxonomy terms.
 */
const struct reason_provider_code reason_provider_codes[] = {
	/*
	 * Cox: "AUP#" and a mnemonic.  BL codes are block lists of the
	 * sending IP, URLBL a listed URL in the body, CXDNS a failed
	 * reverse lookup, CXSNDR the sender domain's SPF/DKIM, CXCNCT and
	 * CXMXRT connection and message limits.
	 */
	{ "cox.net", "aup#", "cxbl", "blocked" },
	{ "cox.net", "aup#", "cdrbl", "blocked" },
	{ "cox.net", "aup#", "ipbl", "blocked" },
	{ "cox.net", "aup#", "urlbl", "spamdetected" },
	{ "cox.net", "aup#", "cxdns", "requireptr" },
	{ "cox.net", "aup#", "cxsndr", "authfailure" },
	{ "cox.net", "aup#", "cxsmtp", "rejected" },
	{ "cox.net", "aup#", "cxcnct", "ratelimited" },
	{ "cox.net", "aup#", "cxmxrt", "ratelimited" },
	{ "cox.com", "aup#", "cxbl", "blocked" },
	{ "cox.com", "aup#", "cdrbl", "blocked" },
	{ "cox.com", "aup#", "ipbl", "blocked" },
	{ "cox.com", "aup#", "urlbl", "spamdetected" },
	{ "cox.com", "aup#", "cxdns", "requireptr" },
	{ "cox.com", "aup#", "cxsndr", "authfailure" },
	{ "cox.com", "aup#", "cxsmtp", "rejected" },
	{ "cox.com", "aup#", "cxcnct", "ratelimited" },
	{ "cox.com", "aup#", "cxmxrt", "ratelimited" },
	/*
	 * Comcast (Xfinity) postmaster codes: ES000001 and ES000010 a
	 * dynamic or residential sending IP, BLnnnnnn a sending IP on a
	 * block list (its own, Spamhaus, Cloudmark, SenderScore), RLnnnnnn
	 * a rate limit.
	 */
	{ "comcast.net", "es", "0000", "blocked" },
	{ "comcast.net", "bl", "0000", "blocked" },
	{ "comcast.net", "rl", "0000", "ratelimited" },
	/*
	 * AOL's postmaster codes in its replies, "(RTR:BL)": RTR:BL, RLY:Bn
	 * and HVU:B1 a sending IP it blocks, RTR:DU and DYN:T1 a dynamic
	 * one, DNS:NR no reverse DNS for it.
	 */
	{ "aol.com", "rtr:", "bl", "blocked" },
	{ "aol.com", "rtr:", "du", "blocked" },
	{ "aol.com", "rly:", "b", "blocked" },
	{ "aol.com", "hvu:", "b", "blocked" },
	{ "aol.com", "dyn:", "t", "blocked" },
	{ "aol.com", "dns:", "nr", "requireptr" },
	/*
	 * Spectrum (Charter, Road Runner): "AUP#I-nnnn" inbound, "AUP#O-"
	 * outbound.  1000 blocked IP, 1010-1080 a sending account held,
	 * 1090 their fault, 1100-1150 no or bad reverse DNS, 1160-1190 the
	 * sender domain's policy, 1200-1250 Cloudmark or Spamhaus listings,
	 * 1260 IPv6, 13xx connection limits, 14xx and 1540-1580 message and
	 * recipient limits, 1500/1520 a forged sender, 1530 size, 1560 too
	 * many invalid recipients.
	 */
	{ "spectrum", "aup#", "1000", "blocked" },
	{ "spectrum", "aup#", "109", "systemerror" },
	{ "spectrum", "aup#", "10", "rejected" },
	{ "spectrum", "aup#", "116", "policyviolation" },
	{ "spectrum", "aup#", "117", "policyviolation" },
	{ "spectrum", "aup#", "118", "policyviolation" },
	{ "spectrum", "aup#", "119", "policyviolation" },
	{ "spectrum", "aup#", "11", "requireptr" },
	{ "spectrum", "aup#", "1260", "networkerror" },
	{ "spectrum", "aup#", "12", "blocked" },
	{ "spectrum", "aup#", "13", "ratelimited" },
	{ "spectrum", "aup#", "14", "ratelimited" },
	{ "spectrum", "aup#", "1530", "emailtoolarge" },
	{ "spectrum", "aup#", "1560", "policyviolation" },
	{ "spectrum", "aup#", "154", "ratelimited" },
	{ "spectrum", "aup#", "155", "ratelimited" },
	{ "spectrum", "aup#", "158", "ratelimited" },
	{ "spectrum", "aup#", "15", "rejected" },
	/*
	 * GoDaddy (secureserver.net): "IB" and three digits at the end of
	 * the reply, from its published list of bounce codes.  1xx are the
	 * connection (reverse DNS, block lists, reputation, its own load),
	 * 4xx authentication, 5xx the From field and sending limits, 6xx
	 * recipients per message or hour, 7xx malware.
	 */
	{ "secureserver.net", "ib", "007", "ratelimited" },
	{ "secureserver.net", "ib", "101", "systemfull" },
	{ "secureserver.net", "ib", "103", "badreputation" },
	{ "secureserver.net", "ib", "104", "blocked" },
	{ "secureserver.net", "ib", "105", "blocked" },
	{ "secureserver.net", "ib", "106", "blocked" },
	{ "secureserver.net", "ib", "108", "requireptr" },
	{ "secureserver.net", "ib", "110", "blocked" },
	{ "secureserver.net", "ib", "111", "blocked" },
	{ "secureserver.net", "ib", "112", "blocked" },
	{ "secureserver.net", "ib", "113", "blocked" },
	{ "secureserver.net", "ib", "212", "spamdetected" },
	{ "secureserver.net", "ib", "401", "securityerror" },
	{ "secureserver.net", "ib", "501", "notcompliantrfc" },
	{ "secureserver.net", "ib", "502", "notcompliantrfc" },
	{ "secureserver.net", "ib", "504", "ratelimited" },
	{ "secureserver.net", "ib", "506", "rejected" },
	{ "secureserver.net", "ib", "508", "authfailure" },
	{ "secureserver.net", "ib", "510", "ratelimited" },
	{ "secureserver.net", "ib", "605", "ratelimited" },
	{ "secureserver.net", "ib", "607", "ratelimited" },
	{ "secureserver.net", "ib", "705", "virusdetected" },
	/*
	 * Orange and La Poste: "OFR_416", "OFR005_505", "LPN007_426"; the
	 * three digits after the underscore are the reason, the digits
	 * before it only say which server.  The labels followed by digits
	 * are theirs alone, so no host is needed.
	 */
	{ "", "ofr", "101", "blocked" },
	{ "", "ofr", "102", "blocked" },
	{ "", "ofr", "103", "blocked" },
	{ "", "ofr", "104", "ratelimited" },
	{ "", "ofr", "305", "securityerror" },
	{ "", "ofr", "401", "authfailure" },
	{ "", "ofr", "402", "securityerror" },
	{ "", "ofr", "403", "rejected" },
	{ "", "ofr", "405", "rejected" },
	{ "", "ofr", "415", "rejected" },
	{ "", "ofr", "416", "userunknown" },
	{ "", "ofr", "417", "mailboxfull" },
	{ "", "ofr", "420", "suspend" },
	{ "", "ofr", "421", "rejected" },
	{ "", "ofr", "426", "suspend" },
	{ "", "ofr", "505", "systemerror" },
	{ "", "ofr", "506", "spamdetected" },
	{ "", "ofr", "510", "blocked" },
	{ "", "ofr", "514", "emailtoolarge" },
	{ "", "ofr", "517", "authfailure" },
	{ "", "ofr", "630", "policyviolation" },
	{ "", "ofr", "999", "blocked" },
	{ "", "lpn", "101", "blocked" },
	{ "", "lpn", "102", "blocked" },
	{ "", "lpn", "103", "blocked" },
	{ "", "lpn", "104", "ratelimited" },
	{ "", "lpn", "305", "securityerror" },
	{ "", "lpn", "401", "authfailure" },
	{ "", "lpn", "402", "securityerror" },
	{ "", "lpn", "403", "rejected" },
	{ "", "lpn", "405", "rejected" },
	{ "", "lpn", "415", "rejected" },
	{ "", "lpn", "416", "userunknown" },
	{ "", "lpn", "417", "mailboxfull" },
	{ "", "lpn", "420", "suspend" },
	{ "", "lpn", "421", "rejected" },
	{ "", "lpn", "426", "suspend" },
	{ "", "lpn", "505", "systemerror" },
	{ "", "lpn", "506", "spamdetected" },
	{ "", "lpn", "510", "blocked" },
	{ "", "lpn", "514", "emailtoolarge" },
	{ "", "lpn", "517", "authfailure" },
	{ "", "lpn", "630", "policyviolation" },
	{ "", "lpn", "999", "blocked" },
	{ NULL, NULL, NULL, NULL }
};

const struct reason_local_rule reason_local_rules[] = {
	{ "unrouteable address", "userunknown" },
	{ NULL, NULL }
};

/* Layouts that mean one cause whatever they say (reason_table.h). */
const struct reason_mta_rule reason_mta_rules[] = {
	{ "googlegroups", "rejected" },
	{ NULL, NULL }
};

/*
 * Report fields that name the cause.  Amazon SES bounce subtypes, as its
 * notification documentation defines them: "General" and "NoEmail" (SES
 * could not read the address from the remote server's bounce) say nothing
 * about the cause and are left out; an attachment SES calls unacceptable
 * is the taxonomy's forbidden attachment.
 */
const struct reason_field_rule reason_field_rules[] = {
	{ "SES-Bounce-Subtype", "Suppressed", "suppressed", true },
	{ "SES-Bounce-Subtype", "OnAccountSuppressionList", "suppressed", true },
	{ "SES-Bounce-Subtype", "MailboxFull", "mailboxfull", false },
	{ "SES-Bounce-Subtype", "MessageTooLarge", "emailtoolarge", false },
	{ "SES-Bounce-Subtype", "ContentRejected", "contenterror", false },
	{ "SES-Bounce-Subtype", "AttachmentRejected", "virusdetected", false },
	/* EZweb (au): the notice of its receive ("spam") filter. */
	{ "X-SPASIGN", "NG", "filtered", true },
	{ NULL, NULL, NULL, false }
};
