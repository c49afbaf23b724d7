#include "core/knowledge/reason_table_int.h"

#include <stddef.h>

#include "core/knowledge/classify_step.h"

/*
 * Words that name a cause, first match wins.  The order is the point:
 * specific causes come before the broad ones whose words they share (a
 * full mailbox before a full disk, a sender's unknown domain before a
 * recipient's, DMARC before "policy", reputation before "rate limited",
 * a DNS failure named in an expiry before the expiry).  Rules bound to a
 * status prefix use words that mean different things in different
 * classes.  Patterns are lowercase; '*' is any run of characters.
 */
const struct reason_rule reason_text_rules[] = {
	/*
	 * A sender's own quota, before the mailbox's "quota exceeded":
	 * Gmail's "Daily user sending quota exceeded".
	 */
	{ "ratelimited", "sending quota", NULL },

	/* Mailbox over quota. */
	{ "mailboxfull", "mailbox full", NULL },
	{ "mailboxfull", "mailbox is full", NULL },
	{ "mailboxfull", "mailbox has exceeded", NULL },
	{ "mailboxfull", "mailbox size limit", NULL },
	{ "mailboxfull", "mailbox exceeds", NULL },
	{ "mailboxfull", "mailbox exceeded", NULL },
	{ "mailboxfull", "mailbox quota", NULL },
	{ "mailboxfull", "over quota", NULL },
	{ "mailboxfull", "overquota", NULL },
	{ "mailboxfull", "quota exceeded", NULL },
	{ "mailboxfull", "exceeded quota", NULL },
	{ "mailboxfull", "quota full", NULL },
	{ "mailboxfull", "exceeded storage allocation", NULL },
	{ "mailboxfull", "out of storage space", NULL },
	{ "mailboxfull", "inbox is full", NULL },
	{ "mailboxfull", "mail box full", NULL },
	{ "mailboxfull", "mailfolder is full", NULL },
	{ "mailboxfull", "user has exceeded", NULL },
	{ "mailboxfull", "not enough space in the mailbox", NULL },
	{ "mailboxfull", "quotaexceeded", NULL },
	/*
	 * Older servers' own words: a delay "postponed due to a full
	 * mailbox", qmail's EDQUOT text, Lotus Notes' mail file over its
	 * size (before "size exceeds the maximum", which means the message),
	 * Orange's French wording.
	 */
	{ "mailboxfull", "full mailbox", NULL },
	{ "mailboxfull", "over disk quota", NULL },
	{ "mailboxfull", "reached disk quota", NULL },
	{ "mailboxfull", "diskspace quota", NULL },
	{ "mailboxfull", "over the allowed quota", NULL },
	{ "mailboxfull", "mail file size exceeds", NULL },
	{ "mailboxfull", "too many messages on the server", NULL },
	{ "mailboxfull", "would exceed maximum allowed storage", NULL },
	{ "mailboxfull", "boite du destinataire pleine", NULL },

	/* Message size. */
	{ "emailtoolarge", "message too large", NULL },
	{ "emailtoolarge", "message is too large", NULL },
	{ "emailtoolarge", "message too big", NULL },
	{ "emailtoolarge", "message is too big", NULL },
	{ "emailtoolarge", "message size exceeds", NULL },
	{ "emailtoolarge", "message length exceeds", NULL },
	{ "emailtoolarge", "exceeds fixed maximum message size", NULL },
	{ "emailtoolarge", "exceeds the maximum size", NULL },
	{ "emailtoolarge", "size exceeds the maximum", NULL },
	{ "emailtoolarge", "size limit exceeded", NULL },
	{ "emailtoolarge", "message exceeds * size", NULL },
	{ "emailtoolarge", "recipsizelimit", NULL },
	{ "emailtoolarge", "message size limit", NULL },
	{ "emailtoolarge", "message size exceeded", NULL },

	/* Account disabled, suspended, frozen. */
	{ "suspend", "account has been disabled", NULL },
	{ "suspend", "account is disabled", NULL },
	{ "suspend", "account that you tried to reach is disabled", NULL },
	{ "suspend", "account that you tried to reach is inactive", NULL },
	{ "suspend", "account is inactive", NULL },
	{ "suspend", "account has been suspended", NULL },
	{ "suspend", "account is suspended", NULL },
	{ "suspend", "account suspended", NULL },
	{ "suspend", "account is blocked", NULL },
	{ "suspend", "account is locked", NULL },
	{ "suspend", "account has been locked", NULL },
	{ "suspend", "disabled or discontinued", NULL },
	{ "suspend", "mailbox is frozen", NULL },
	/* AT&T's "[SUSPEND] Mailbox currently suspended", behind a Sendmail
	 * whose own 5.1.1 says only that the reply was a 550. */
	{ "suspend", "mailbox currently suspended", NULL },
	{ "suspend", "mailbox is suspended", NULL },
	{ "suspend", "mailbox has been suspended", NULL },
	{ "suspend", "mailbox suspended", NULL },
	{ "suspend", "mailbox disabled", NULL },
	{ "suspend", "mailbox is disabled", NULL },
	{ "suspend", "mailbox has been disabled", NULL },
	{ "suspend", "disabled recipient", NULL },
	{ "suspend", "temporary locked", NULL },
	{ "suspend", "temporarily locked", NULL },
	{ "suspend", "compte du destinataire est bloque", NULL },
	{ "suspend", "recipient account is blocked", NULL },
	/* Tencent (QQ Mail): an account its owner or QQ closed. */
	{ "suspend", "is a deactivated mailbox", NULL },

	/* Moved without forwarding. */
	{ "hasmoved", "no longer on server", NULL },
	{ "hasmoved", "address has moved", NULL },
	{ "hasmoved", "mailbox has moved", NULL },
	{ "hasmoved", "user has moved", NULL },

	/* Relaying. */
	{ "norelaying", "relay access denied", NULL },
	{ "norelaying", "relaying denied", NULL },
	{ "norelaying", "relay denied", NULL },
	{ "norelaying", "relay not permitted", NULL },
	{ "norelaying", "relaying not allowed", NULL },
	{ "norelaying", "relaying not permitted", NULL },
	{ "norelaying", "not configured to relay", NULL },
	{ "norelaying", "unable to relay", NULL },
	{ "norelaying", "we do not relay", NULL },
	{ "norelaying", "not permitted to relay", NULL },
	{ "norelaying", "relay not allowed", NULL },
	{ "norelaying", "email address is not verified", NULL },
	{ "norelaying", "no relaying", NULL },
	/* qmail-smtpd: the domain is not one it takes mail for. */
	{ "norelaying", "list of allowed rcpthosts", NULL },
	{ "norelaying", "as a relay, but i have not been configured", NULL },

	/* The message breaks RFC 5322. */
	{ "notcompliantrfc", "not rfc 5322 compliant", NULL },
	{ "notcompliantrfc", "rfc 5322", NULL },
	{ "notcompliantrfc", "rfc5322", NULL },
	{ "notcompliantrfc", "multiple addresses in from", NULL },
	{ "notcompliantrfc", "multiple * addresses in from", NULL },
	{ "notcompliantrfc", "duplicate header", NULL },
	{ "notcompliantrfc", "multiple subject", NULL },
	/* Gmail: a From field with no valid address, or none at all. */
	{ "notcompliantrfc", "missing a valid address in from", NULL },

	/* TLS. */
	{ "failedstarttls", "must issue a starttls", NULL },
	{ "failedstarttls", "starttls is required", NULL },
	{ "failedstarttls", "starttls required", NULL },
	{ "failedstarttls", "tls required", NULL },
	{ "failedstarttls", "tls is required", NULL },
	{ "failedstarttls", "requires tls", NULL },
	{ "failedstarttls", "encryption required", NULL },
	{ "failedstarttls", "tls handshake failed", NULL },
	/* Postfix's and Exim's words when a required TLS session fails. */
	{ "failedstarttls", "cannot start tls", NULL },
	{ "failedstarttls", "attempt to start tls failed", NULL },
	{ "failedstarttls", "server certificate not trusted", NULL },
	{ "failedstarttls", "server certificate not verified", NULL },
	{ "failedstarttls", "(gnutls_handshake)", NULL },
	{ "failedstarttls", "(ssl_connect)", NULL },
	{ "failedstarttls", "tlsa record", NULL },
	{ "failedstarttls", "mta-sts", NULL },
	{ "failedstarttls", "does not support tls", NULL },
	{ "failedstarttls", "does not support starttls", NULL },
	/*
	 * Exchange Online's DANE failures (4.7.323-325, 5.7.322): the
	 * receiver's TLS certificate or its TLSA records do not check out.
	 */
	{ "failedstarttls", "tlsa-invalid", NULL },
	{ "failedstarttls", "dnssec-invalid", NULL },
	{ "failedstarttls", "certificate-host-mismatch", NULL },
	{ "failedstarttls", "certificate-expired", NULL },

	/* A spam verdict, said in so many words. */
	{ "spamdetected", "scored as spam", NULL },
	{ "spamdetected", "spam classification", NULL },
	{ "spamdetected", "considered spam", NULL },
	{ "spamdetected", "looks like spam", NULL },
	{ "spamdetected", "detected as spam", NULL },
	{ "spamdetected", "identified as spam", NULL },
	{ "spamdetected", "classified as spam", NULL },

	/* A URL in the body on a URI block list (SURBL, URIBL, DBL). */
	{ "spamdetected", "blacklisted url", NULL },
	{ "spamdetected", "blacklisted link", NULL },

	/* SPF, DKIM, DMARC, ARC. */
	{ "authfailure", "dmarc", NULL },
	{ "authfailure", "spf record", NULL },
	{ "authfailure", "spf check", NULL },
	{ "authfailure", "spf fail", NULL },
	{ "authfailure", "spf policy", NULL },
	{ "authfailure", "spf validation", NULL },
	{ "authfailure", "spf settings", NULL },
	{ "authfailure", "pass spf", NULL },
	{ "authfailure", "spf=fail", NULL },
	{ "authfailure", "spf softfail", NULL },
	{ "authfailure", "spf hardfail", NULL },
	{ "authfailure", "dkim signature", NULL },
	{ "authfailure", "dkim check", NULL },
	{ "authfailure", "dkim fail", NULL },
	{ "authfailure", "dkim verification", NULL },
	{ "authfailure", "pass dkim", NULL },
	{ "authfailure", "dkim=fail", NULL },
	{ "authfailure", "authentication checks failed", NULL },
	{ "authfailure", "sender is unauthenticated", NULL },
	{ "authfailure", "unauthenticated email", NULL },
	{ "authfailure", "does not have authentication information", NULL },
	{ "authfailure", "sender policy framework", NULL },
	/* Exchange Online 4.7.26: mail over IPv6 must be authenticated. */
	{ "authfailure", "must pass either spf or dkim", NULL },

	/* The envelope sender. */
	/* A mailing list that takes posts from members only refuses the
	 * sender, as Google Groups does (fml: "You are not a member of this
	 * mailing list"). */
	{ "rejected", "not a member of this mailing list", NULL },
	{ "rejected", "sender address rejected", NULL },
	{ "rejected", "sender rejected", NULL },
	{ "rejected", "domain of sender address", NULL },
	{ "rejected", "sender domain does not exist", NULL },
	{ "rejected", "sender verify failed", NULL },
	{ "rejected", "sender verification failed", NULL },
	{ "rejected", "sender denied", NULL },
	{ "rejected", "sender is blacklisted", NULL },
	{ "rejected", "mailfrom domain is listed", NULL },
	{ "rejected", "purported responsible address", NULL },
	{ "rejected", "invalid sender", NULL },
	{ "rejected", "sender not allowed", NULL },
	{ "rejected", "unexpected volume or user complaints", NULL },
	/*
	 * Gmail's "Send mail as" account, the sender's own alias, is
	 * misconfigured: its help page is p=CustomFromDenied.
	 */
	{ "rejected", "customfromdenied", NULL },
	{ "rejected", "'send mail as' account are misconfigured", NULL },
	/* A block list of addresses: the sender's, as the client is not named. */
	{ "rejected", "address that has been blacklisted", NULL },
	/*
	 * Exchange's categorizer: the recipient takes mail only from senders
	 * it lists (a restricted group or mailbox), and this one is not.
	 */
	{ "rejected", "resolver.rst.notauthorized", NULL },

	/* Reverse DNS of the sending host. */
	{ "requireptr", "reverse dns", NULL },
	{ "requireptr", "ptr record", NULL },
	{ "requireptr", "ptr resource record", NULL },
	{ "requireptr", "no ptr", NULL },
	{ "requireptr", "ip name lookup failed", NULL },
	{ "requireptr", "mismatches client ip", NULL },
	{ "requireptr", "cannot find your hostname", NULL },
	{ "requireptr", "cannot find your reverse hostname", NULL },
	{ "requireptr", "reverse lookup", NULL },
	{ "requireptr", "rdns", NULL },
	{ "requireptr", "unverifyable sending ip", NULL },

	/* Reputation of the sending IP or domain. */
	{ "badreputation", "reputation", NULL },

	/* Malware. */
	{ "virusdetected", "virus", NULL },
	{ "virusdetected", "malware", NULL },
	{ "virusdetected", "infected", NULL },

	/* Rate, volume and concurrency limits. */
	{ "ratelimited", "rate limit", NULL },
	{ "ratelimited", "rate-limit", NULL },
	{ "ratelimited", "ratelimit", NULL },
	{ "ratelimited", "too many recipients", NULL },
	{ "ratelimited", "too many connections", NULL },
	{ "ratelimited", "too many messages", NULL },
	{ "ratelimited", "too many concurrent", NULL },
	{ "ratelimited", "frequency limited", NULL },
	{ "ratelimited", "at a rate that", NULL },
	{ "ratelimited", "throttl", NULL },
	{ "ratelimited", "sending rate", NULL },
	/* Gmail's 4.2.1 for a recipient getting mail faster than it takes. */
	{ "ratelimited", "receiving mail too quickly", NULL },
	/* Exchange: more recipients than the sender may address at once. */
	{ "ratelimited", "resolver.adr.reciplimit", NULL },

	/* Client IP or host refused. */
	/* Greylisting defers a client by its address until it retries; a
	 * report of it, delayed or finally failed, is about the client. */
	{ "blocked", "greylist", NULL },
	{ "blocked", "graylist", NULL },
	{ "blocked", "client host rejected", NULL },
	{ "blocked", "client host blocked", NULL },
	{ "blocked", "blocked using", NULL },
	{ "blocked", "blacklisted", NULL },
	{ "blocked", "blocklisted", NULL },
	{ "blocked", "banned sending ip", NULL },
	{ "blocked", "dnsbl", NULL },
	{ "blocked", "spamhaus", NULL },
	{ "blocked", "spamcop", NULL },
	{ "blocked", "barracudacentral", NULL },
	{ "blocked", "ip source bloquee", NULL },
	{ "blocked", "your ip address", NULL },
	{ "blocked", "ip address * blocked", NULL },
	{ "blocked", "blocked ip", NULL },
	{ "blocked", "connection refused by", NULL },
	{ "blocked", "service refuse", NULL },
	{ "blocked", "not accepting connections", NULL },
	{ "blocked", "refused to talk to me", NULL },
	{ "blocked", "invalid ip for sending", NULL },
	{ "blocked", "smtp server of your isp", NULL },
	{ "blocked", "access denied, banned", NULL },
	/* Gmail: an IP in a range that should send through a relay. */
	{ "blocked", "ip you're using to send mail is not authorized", NULL },
	/* Outlook.com's refusal of an IP range (S3150, SC-001 .. SC-004). */
	{ "blocked", "part of their network is on our block list", NULL },
	{ "blocked", "messages from * weren't sent", NULL },
	/*
	 * Exchange Online's NDR list: 5.7.506 a client that greets with the
	 * receiver's own name, 5.7.507 and 5.7.513 an IP the recipient's
	 * organisation blocks, 5.7.511 a banned IP, 4.7.500-899 an IP held
	 * back for suspicious activity, 5.7.510 mail over IPv6 refused.
	 */
	{ "blocked", "access denied, bad helo", NULL },
	{ "blocked", "access denied, rejected by recipient", NULL },
	{ "blocked", "access denied, banned sender", NULL },
	{ "blocked", "using customer block list", NULL },
	{ "blocked", "access denied, please try again later", NULL },
	{ "blocked", "does not accept email over ipv6", NULL },
	/* Tencent (QQ Mail): the sending IP is refused. */
	{ "blocked", "suspected bounce attacks", NULL },
	{ "blocked", "suspected spam ip", NULL },

	/* Recipient does not exist. */
	/*
	 * RFC 3463's own words for X.1.2, which servers that reject at RCPT
	 * put after "Recipient address rejected:".
	 */
	{ "hostunknown", "bad destination system address", NULL },
	{ "userunknown", "user unknown", NULL },
	{ "userunknown", "unknown user", NULL },
	{ "userunknown", "no such user", NULL },
	{ "userunknown", "user not found", NULL },
	{ "userunknown", "user does not exist", NULL },
	{ "userunknown", "user not exist", NULL },
	{ "userunknown", "user doesn't exist", NULL },
	{ "userunknown", "user doesn't have a", NULL },
	{ "userunknown", "unknown recipient", NULL },
	{ "userunknown", "recipient unknown", NULL },
	{ "userunknown", "recipient not found", NULL },
	{ "userunknown", "recipient address does not exist", NULL },
	{ "userunknown", "recipient does not exist", NULL },
	{ "userunknown", "no such recipient", NULL },
	{ "userunknown", "invalid recipient", NULL },
	{ "userunknown", "destinataire invalide", NULL },
	{ "userunknown", "recipnotfound", NULL },
	{ "userunknown", "recipientnotfound", NULL },
	{ "userunknown", "mailbox does not exist", NULL },
	{ "userunknown", "mailbox not found", NULL },
	{ "userunknown", "no such mailbox", NULL },
	{ "userunknown", "mailbox unavailable", NULL },
	{ "userunknown", "invalid mailbox", NULL },
	{ "userunknown", "not a valid mailbox", NULL },
	{ "userunknown", "no mailbox here", NULL },
	{ "userunknown", "account does not exist", NULL },
	{ "userunknown", "account that you tried to reach does not exist", NULL },
	{ "userunknown", "address does not exist", NULL },
	{ "userunknown", "address unknown", NULL },
	{ "userunknown", "addressee unknown", NULL },
	{ "userunknown", "inactive email address", NULL },
	{ "userunknown", "email address wasn*t found at the destination", NULL },
	{ "userunknown", "invalid final delivery userid", NULL },
	{ "userunknown", "not listed in domino directory", NULL },
	{ "userunknown", "not listed in public name & address book", NULL },
	{ "userunknown", "address couldn't be found", NULL },
	{ "userunknown", "address could not be found", NULL },
	{ "userunknown", "recipient address rejected", "5.0." },
	/*
	 * Postfix's check_recipient_access REJECT: the server refuses the
	 * address itself at RCPT TO, whatever its class-7 code says.
	 */
	{ "userunknown", "recipient address rejected: access denied", "5.7." },
	{ "userunknown", "address rejected", "5.1." },
	{ "userunknown", "invalid address", NULL },
	{ "userunknown", "bad recipient", NULL },
	{ "userunknown", "unknown local part", NULL },
	{ "userunknown", "no valid recipients", NULL },
	{ "userunknown", "not our customer", NULL },
	/* Trend Micro InterScan: the recipient's server refused the address. */
	{ "userunknown", "check if address is correct", NULL },
	{ "userunknown", "check if the address is correct", NULL },
	/*
	 * Older and non-English servers: Exchange 5.5 ("The recipient name
	 * is not recognized"), Exchange 2007 ("...address was not found in
	 * the recipient's e-mail system"), vpopmail's vdeliver, sendmail and
	 * smail ("User not known"), and the same in French, Italian and
	 * Spanish.
	 */
	{ "userunknown", "user not known", NULL },
	{ "userunknown", "is not a known user", NULL },
	{ "userunknown", "recipient name is not recognized", NULL },
	{ "userunknown", "address was not found in", NULL },
	{ "userunknown", "no such address", NULL },
	{ "userunknown", "no such person at this address", NULL },
	{ "userunknown", "there is no one at this address", NULL },
	{ "userunknown", "no mailbox by that name", NULL },
	{ "userunknown", "no account by that name", NULL },
	{ "userunknown", "no mail box available for this user", NULL },
	{ "userunknown", "not a valid user here", NULL },
	{ "userunknown", "not a valid recipient", NULL },
	{ "userunknown", "not an active address", NULL },
	{ "userunknown", "unknown mailbox", NULL },
	{ "userunknown", "unknown virtual user", NULL },
	{ "userunknown", "utilisateur inconnu", NULL },
	{ "userunknown", "nessun utente simile", NULL },
	{ "userunknown", "no existe ese usuario", NULL },
	{ "userunknown", "no existe dicha persona", NULL },
	/*
	 * Words seen on real bounces from other projects' collections:
	 * providers' private codes ("500 err.nosuchuser", Barracuda's
	 * "cuda_nsu"), qmail's badrcptto text, a user named in brackets
	 * before "does not exist".
	 */
	{ "userunknown", "nosuchuser", NULL },
	{ "userunknown", "cuda_nsu", NULL },
	{ "userunknown", "nonexistent user", NULL },
	{ "userunknown", "non-existent user", NULL },
	{ "userunknown", "nonexistent recipient", NULL },
	{ "userunknown", "non-existent recipient", NULL },
	{ "userunknown", "nonexistent mailbox", NULL },
	{ "userunknown", "non-existent mailbox", NULL },
	{ "userunknown", "no mailbox found", NULL },
	{ "userunknown", "mail-box not found", NULL },
	{ "userunknown", "bad_recipient", NULL },
	{ "userunknown", "user [*] does not exist", NULL },
	{ "userunknown", "user <*> does not exist", NULL },
	/* The address bare: "Recipient address rejected: user a@b does not
	 * exist" (hostedemail.com and other Postfix front ends). */
	{ "userunknown", "user *@* does not exist", NULL },
	{ "userunknown", "rcpt <*> does not exist", NULL },
	{ "userunknown", "recipient <*> does not exist", NULL },

	/* Content refused by a filter. */
	{ "filtered", "message filtered", NULL },
	{ "filtered", "recipient preferences", NULL },
	{ "filtered", "rejected by the recipient's filter", NULL },

	/* The domain. */
	{ "notaccept", "doesn't receive email", NULL },
	{ "notaccept", "does not receive email", NULL },
	{ "notaccept", "does not accept mail", NULL },
	{ "notaccept", "null mx", NULL },
	{ "notaccept", "accepts no mail", NULL },
	{ "notaccept", "indicated no smtp service", NULL },
	{ "notaccept", "no mx record found", NULL },
	{ "notaccept", "no mx found", NULL },
	/*
	 * qmail-remote: the domain exists but has neither an MX nor an
	 * address record (a domain that does not exist is "couldn't find any
	 * host named").
	 */
	{ "notaccept", "couldn't find a mail exchanger or ip address", NULL },
	{ "networkerror", "host not found, try again", NULL },
	{ "hostunknown", "host unknown", "5." },
	{ "hostunknown", "unknown host", "5." },
	{ "hostunknown", "host not found", "5." },
	/* DragonFly dma: the name does not exist (NXDOMAIN). */
	{ "hostunknown", "lookup failure: host * not found", "5." },
	{ "hostunknown", "domain not found", "5." },
	{ "hostunknown", "domain name not found", "5." },
	{ "hostunknown", "no such domain", NULL },
	{ "hostunknown", "invalid domain", NULL },
	{ "hostunknown", "domain is not reachable", NULL },
	{ "hostunknown", "domain does not exist", "5." },
	{ "hostunknown", "unrouteable mail domain", NULL },
	{ "hostunknown", "unrouteable address", NULL },
	/* Postfix: no MX of the domain has an address; a relay host's name
	 * that the resolver does not know. */
	{ "hostunknown", "no valid mx hosts", NULL },
	{ "hostunknown", "name or service not known", NULL },
	/* Exchange's SMTP send: the domain is not in the DNS (NXDOMAIN). */
	{ "hostunknown", "smtpsend.dns.nonexistentdomain", NULL },

	/* DNS and routing failures, also when they ended an expiry. */
	{ "networkerror", "dns query failed", NULL },
	{ "networkerror", "dns error", NULL },
	{ "networkerror", "name service error", NULL },
	{ "networkerror", "name server reply", NULL },
	{ "networkerror", "host name lookup failure", NULL },
	/* Exim: the DNS answered SERVFAIL or timed out (a temporary error). */
	{ "networkerror", "host lookup did not complete", NULL },
	{ "networkerror", "too many hops", NULL },
	{ "networkerror", "hop count exceeded", NULL },
	{ "networkerror", "routing loop", NULL },
	{ "networkerror", "mail loop", NULL },
	{ "networkerror", "loops back to myself", NULL },
	/* Lotus Notes: "Message has exceeded maximum hop count". */
	{ "networkerror", "maximum hop count", NULL },
	/* Exchange's SMTP send: the MX points back at the sender itself. */
	{ "networkerror", "smtpsend.dns.mxloopback", NULL },

	/* Spam. */
	{ "spamdetected", "content rejected", NULL },
	{ "spamdetected", "spam message", NULL },
	{ "spamdetected", "message is spam", NULL },
	{ "spamdetected", "spam content", NULL },
	{ "spamdetected", "unsolicited", NULL },
	/* Tencent (QQ Mail): the content itself was refused as spam. */
	{ "spamdetected", "spam is embedded in the email", NULL },
	{ "spamdetected", "mail content denied", NULL },

	/*
	 * The directory the receiver looks addresses up in failed (qmail-ldap
	 * and others); before "gave up", since qmail wraps the last error in
	 * its expiry notice.
	 */
	{ "systemerror", "ldap server", NULL },
	{ "systemerror", "ldap lookup", NULL },

	/* Gave up. */
	{ "expired", "message expired", NULL },
	{ "expired", "queue.expired", NULL },
	{ "expired", "retry timeout exceeded", NULL },
	{ "expired", "retry time exceeded", NULL },
	{ "expired", "delivery time expired", NULL },
	{ "expired", "unable to deliver in", NULL },
	{ "expired", "could not be delivered for", NULL },
	{ "expired", "not delivered within", NULL },
	{ "expired", "could not deliver for the last", NULL },
	{ "expired", "delivery failed * attempts", NULL },
	{ "expired", "envelope expired", NULL },
	{ "expired", "failing for a long time", NULL },
	{ "expired", "retry time not reached for any host", NULL },
	{ "expired", "did not accept our requests to connect", NULL },
	{ "expired", "timed out", NULL },
	{ "expired", "timeout", NULL },

	{ "networkerror", "lost connection", NULL },
	{ "networkerror", "connection refused", NULL },
	{ "networkerror", "network is unreachable", NULL },
	{ "networkerror", "no route to host", NULL },
	{ "networkerror", "network error", NULL },
	{ "networkerror", "wasn't able to establish an smtp connection", NULL },
	{ "expired", "in the queue too long", NULL },

	/* Site policy. */
	{ "policyviolation", "policy violation", NULL },
	{ "policyviolation", "policy reasons", NULL },
	{ "policyviolation", "denied by policy", NULL },
	{ "policyviolation", "local policy", NULL },
	{ "policyviolation", "protocol violation", NULL },
	{ "policyviolation", "content presents a potential", NULL },
	{ "policyviolation", "host network not allowed", NULL },
	{ "policyviolation", "message not allowed", NULL },
	{ "policyviolation", "security policies", NULL },
	/* Gmail: the recipient's or sender's domain policy forbids it. */
	{ "policyviolation", "has a policy that prohibited the mail", NULL },
	/* Exchange Online 5.7.520: the sender's tenant forbids forwarding out. */
	{ "policyviolation", "does not allow external forwarding", NULL },

	/* Receiver-side faults. */
	{ "systemfull", "insufficient disk space", NULL },
	{ "systemfull", "insufficient system storage", NULL },
	{ "systemfull", "disk full", NULL },
	{ "systemfull", "out of disk space", NULL },
	{ "systemerror", "system error", NULL },
	{ "systemerror", "internal error", NULL },
	{ "systemerror", "service currently unavailable", NULL },
	{ "systemerror", "transaction failed", NULL },
	{ "systemerror", "upstream error", NULL },
	{ "systemerror", "local configuration error", NULL },

	/* SMTP dialogue. */
	{ "syntaxerror", "syntax error", NULL },
	{ "syntaxerror", "malformed address", NULL },
	{ "syntaxerror", "command parameter not implemented", NULL },
	{ "syntaxerror", "command not implemented", NULL },
	{ "syntaxerror", "sequence of commands", NULL },
	{ "syntaxerror", "command unrecognized", NULL },
	{ "syntaxerror", "command not recognized", NULL },

	/* Authentication of the client, and other security refusals. */
	{ "securityerror", "authentication required", NULL },
	{ "securityerror", "authrequired", NULL },
	{ "securityerror", "smtp authentication", NULL },
	{ "securityerror", "unauthenticated senders", NULL },
	{ "securityerror", "must authenticate", NULL },

	/* Delivery to a program (a pipe) failed. */
	{ "mailererror", "pipe to |", NULL },
	{ "mailererror", "command died with status", NULL },
	{ "mailererror", "procmail:", NULL },
	{ "mailererror", "mailer error", NULL },

	/* Last: the loosest words of all. */
	{ "spamdetected", "spam", NULL },
	{ "contenterror", "8-bit data", NULL },
	{ "contenterror", "8bit data", NULL },
	{ "contenterror", "headers too large", NULL },
	{ "policyviolation", "header error", NULL },
	{ NULL, NULL, NULL }
};

/* Markers of the SMTP command a refusal answered, in normalised text. */
const struct reason_step_marker reason_step_markers[] = {
	{ "in reply to rcpt to", CLASSIFY_STEP_RCPT },
	{ "in reply to end of data", CLASSIFY_STEP_DATA },
	{ "in reply to data", CLASSIFY_STEP_DATA },
	{ "in reply to mail from", CLASSIFY_STEP_MAIL },
	{ "in reply to helo", CLASSIFY_STEP_CONNECT },
	{ "in reply to ehlo", CLASSIFY_STEP_CONNECT },
	{ "in reply to starttls", CLASSIFY_STEP_CONNECT },
	{ "in reply to initial greeting", CLASSIFY_STEP_CONNECT },
	{ "after rcpt to", CLASSIFY_STEP_RCPT },
	{ "after rcpt command", CLASSIFY_STEP_RCPT },
	{ "[rcpt_to]", CLASSIFY_STEP_RCPT },
	{ "after end of data", CLASSIFY_STEP_DATA },
	{ "after data", CLASSIFY_STEP_DATA },
	{ "for text command", CLASSIFY_STEP_DATA },
	{ "after mail from", CLASSIFY_STEP_MAIL },
	{ "[mail_from]", CLASSIFY_STEP_MAIL },
	{ "after initial connection", CLASSIFY_STEP_CONNECT },
	{ "after helo", CLASSIFY_STEP_CONNECT },
	{ "after ehlo", CLASSIFY_STEP_CONNECT },
	{ "[connect]", CLASSIFY_STEP_CONNECT },
	{ "our rcpt to", CLASSIFY_STEP_RCPT },
	{ "our mail from", CLASSIFY_STEP_MAIL },
	{ "our data", CLASSIFY_STEP_DATA },
	{ ">>> rcpt to", CLASSIFY_STEP_RCPT },
	{ ">>> data", CLASSIFY_STEP_DATA },
	{ ">>> mail from", CLASSIFY_STEP_MAIL },
	{ ">>> helo", CLASSIFY_STEP_CONNECT },
	{ ">>> ehlo", CLASSIFY_STEP_CONNECT },
	/*
	 * qmail-remote names the step in its own sentences (qmail-remote.c):
	 * the greeting, HELO, MAIL FROM, then one line per refused RCPT TO,
	 * then DATA and the end of the message.
	 */
	{ "but greeting failed", CLASSIFY_STEP_CONNECT },
	{ "but my name was rejected", CLASSIFY_STEP_CONNECT },
	{ "but sender was rejected", CLASSIFY_STEP_MAIL },
	{ "does not like recipient", CLASSIFY_STEP_RCPT },
	{ "failed on data command", CLASSIFY_STEP_DATA },
	{ "failed after i sent the message", CLASSIFY_STEP_DATA },
	{ "most progress was rcpt to", CLASSIFY_STEP_RCPT },
	/* "SMTP:RCPT host 192.0.2.8: 553 ..." */
	{ "smtp:rcpt host", CLASSIFY_STEP_RCPT },
	/*
	 * Postfix's smtpd writes this in front of every refusal from its
	 * recipient restrictions, which run at RCPT TO.
	 */
	{ "recipient address rejected:", CLASSIFY_STEP_RCPT },
	{ NULL, CLASSIFY_STEP_UNKNOWN }
};

/*
 * Words that say the sender gave up retrying: every attempt failed
 * temporarily, so the status of the cause is a 4.x.x one (Postfix reports
 * an expired message with its last 4.x.x status and Action: failed too).
 */
const char *const reason_retries_over[] = {
	"retry timeout exceeded", "in the queue too long", "message expired",
	"delivery time expired", "retry time not reached",
	"have been failing for a long time",
	NULL
};
