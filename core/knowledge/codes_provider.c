#include "core/knowledge/codes.h"

/*
 * Codes and tags to which big mailbox providers give their own meaning,
 * as documented on the page in "source" (the reference list of the
 * project).  Some reuse a registered code for something else (Gmail's
 * 4.7.29 is about TLS, not ARC), so a row is shown only when the provider
 * is recognised.  Rows with the same code and provider are told apart by
 * "hint" words in the diagnostic text; the row without a hint is the
 * default.  The explanations and advice are ours.
 */

#define MS365	CODES_PROVIDER_MICROSOFT365
#define OLC	CODES_PROVIDER_OUTLOOKCOM
#define GMAIL	CODES_PROVIDER_GMAIL
#define YAHOO	CODES_PROVIDER_YAHOO
#define APPLE	CODES_PROVIDER_APPLE
#define RCPT	CODES_SIDE_RECIPIENT
#define REMOTE	CODES_SIDE_REMOTE
#define OURS	CODES_SIDE_SENDER
#define NET	CODES_SIDE_NETWORK
#define UNCLEAR	CODES_SIDE_UNCLEAR
#define R_WAIT	CODES_RETRY_WAIT
#define R_FIX	CODES_RETRY_FIX
#define R_NEVER	CODES_RETRY_NEVER

#define SRC_MS_NDR "https://learn.microsoft.com/en-us/exchange/mail-flow-best-practices/non-delivery-reports-in-exchange-online/non-delivery-reports-in-exchange-online"
#define SRC_MS_700 "https://learn.microsoft.com/en-us/exchange/mail-flow-best-practices/non-delivery-reports-in-exchange-online/fix-error-code-5-7-700-through-5-7-750"
#define SRC_OLC "https://postmaster.live.com/pm/troubleshooting.aspx"
#define SRC_OLC_515 "https://support.microsoft.com/en-au/topic/fix-ndr-error-550-5-7-515-in-outlook-com-34cfe8f8-6fbf-457e-9e8b-9e4dbaf4e0ef"
#define SRC_OLC_S3140 "https://support.sendgrid.com/hc/en-us/articles/38465017420955-Troubleshooting-Microsoft-Delivery-Issues-550-5-7-1-S3140-S3150-Blocks"
#define SRC_OLC_650 "https://forum.directadmin.com/threads/hotmail-ip-has-been-temporarily-rate-limited-due-to-ip-reputation-for-e-mail-delivery-information-see-https-aka-ms-postmaster-s775.82240/post-400368"
#define SRC_OLC_651 "https://www.suped.com/email-deliverability/answers/what-causes-temporary-rate-limiting-due-to-ip-reputation-with-microsoft-email-servers"
#define SRC_GOOGLE "https://support.google.com/a/answer/3726730"
#define SRC_YAHOO_FM "https://smtpfieldmanual.com/provider/yahoo/421/4.7.0"
#define SRC_YAHOO_TS02 "http://www.smtp-error-codes.info/bounce/yahoo/bounce_421_4.7.0_TS02.php"
#define SRC_YAHOO_TS03 "http://help.yahoo.com/kb/index?page=content&y=PROD_MAIL_MOBILE&locale=en_US&id=SLN3436&impressions=false"
#define SRC_YAHOO_SIS "https://github.com/sisimai/p5-sisimai/blob/5-stable/lib/Sisimai/Rhost/YahooInc.pm"
#define SRC_YAHOO "https://senders.yahooinc.com/smtp-error-codes/"
#define SRC_APPLE "https://smtp.codes/icloud"
#define SRC_APPLE_HM08 "https://www.suped.com/knowledge/email-deliverability/troubleshooting/why-did-my-email-campaign-bounce-for-apple-addresses-and-open-rates-drop"

/* Texts that several codes share because they mean exactly the same. */
static const char ms_folder_expl[] =
    "A Microsoft 365 public folder refuses mail from outside senders, and "
    "we are not authenticated for it.";
static const char ms_folder_adv[] =
    "Ask the folder's owner to accept mail from external senders.";
static const char ms_banned_expl[] =
    "Microsoft banned our sending account for spam activity.";
static const char ms_banned_adv[] =
    "Find and stop the spam (often a compromised account), then ask "
    "Microsoft support to lift the ban.";
static const char olc_policy_expl[] =
    "Outlook.com refused the mail for policy reasons: the content looks "
    "like spam or the reputation of our IP or domain is poor.";
static const char olc_policy_adv[] =
    "Review the content and our reputation (SNDS, complaint rate), then "
    "ask Outlook.com sender support for mitigation.";
static const char olc_s3140_expl[] =
    "Part of our sending network is on Microsoft's block list for its "
    "consumer mail (Outlook.com, Hotmail, Live).";
static const char olc_s3140_adv[] =
    "Request delisting through the Outlook.com sender support form, "
    "quoting the tag from the reply.";
static const char yahoo_refused_expl[] =
    "Yahoo refuses mail from our IP for good; retries will fail.";
static const char yahoo_refused_adv[] =
    "Do not retry: have the IP delisted through Yahoo sender support, or "
    "send from another, clean IP.";

static const struct codes_provider_row rows[] = {
/* Microsoft 365 / Exchange Online */
{ MS365, "4.3.2", "4.3.2", "432", NULL, "Recipient mailbox throttled",
  "Microsoft holds back mail for this recipient because their mailbox "
  "receives too many messages too fast (STOREDRV); despite reply 432 it "
  "has nothing to do with passwords.",
  "Wait; our server retries.  If we sent this person a burst, spread it "
  "out.", RCPT, R_WAIT, SRC_MS_NDR, NULL },
{ MS365, "4.4.316", "4.4.316", NULL, NULL, "Destination refused the connection",
  "Exchange Online could not hand the message on: the destination server "
  "actively refused the connection (socket error 10061).",
  "Wait; if it persists, the receiving domain's MX or firewall is wrong: "
  "check `dig MX domain` and tell its postmaster.",
  REMOTE, R_WAIT, SRC_MS_NDR, NULL },
{ MS365, "4.7.26", "4.7.26", NULL, NULL, "IPv6 mail must pass SPF or DKIM",
  "Microsoft defers mail that arrives over IPv6 and passes neither SPF "
  "nor DKIM.",
  "Add our IPv6 range to SPF or sign with DKIM, so mail sent over IPv6 "
  "authenticates.", OURS, R_FIX, SRC_MS_NDR, NULL },
{ MS365, "4.7.500-699", "4.7.500", NULL, NULL, "New or suspicious sending pattern",
  "Microsoft slows down mail from a sending pattern it has not seen "
  "before, or finds suspicious, while it evaluates it (ASxxx).",
  "Wait, and keep volume low and steady for a while; bursts from a new "
  "IP or domain trigger this.", OURS, R_WAIT, SRC_MS_NDR, NULL },
{ MS365, "4.7.850-899", "4.7.850", NULL, NULL, "Connecting IP under evaluation",
  "Microsoft restricts the connecting IP while it evaluates that IP's "
  "activity.",
  "Wait and lower the sending rate from that IP; if it lasts for days, "
  "contact Microsoft support.", OURS, R_WAIT, SRC_MS_NDR, NULL },
{ MS365, "5.0.350", "5.0.350", NULL, NULL, "Generic refusal by the recipient organisation",
  "A catch-all refusal by the recipient's organisation; the text after "
  "the code names the specific policy (a header too long, nested "
  "attachments).",
  "Read the text after 5.0.350; if the policy is theirs, pass it to the "
  "recipient's administrator.", REMOTE, R_FIX, SRC_MS_NDR, NULL },
{ MS365, "5.1.8", "5.1.8", NULL, NULL, "Sending account blocked for spam",
  "Microsoft blocked our own outgoing account because it sent spam, "
  "usually after the account was compromised.",
  "Secure the account (new password, MFA, no rogue forwarding rules), "
  "then release it from the restricted users list.",
  OURS, R_FIX, SRC_MS_NDR, NULL },
{ MS365, "5.1.10", "5.1.10", NULL, NULL, "Recipient not found",
  "The recipient's Microsoft 365 organisation has no mailbox with this "
  "address.",
  "Check the spelling; if it is right the mailbox was removed: drop the "
  "address.", RCPT, R_NEVER, SRC_MS_NDR, NULL },
{ MS365, "5.1.90", "5.1.90", NULL, NULL, "Daily recipient limit reached",
  "Our sender reached the daily recipient limit of Microsoft 365.",
  "Wait for the 24-hour window to pass; use a bulk-mail service for "
  "large sends.", OURS, R_WAIT, SRC_MS_NDR, NULL },
{ MS365, "5.2.2", "5.2.2", NULL, NULL, "Submission quota exceeded",
  "Our sender went over Microsoft 365's recipient or message rate "
  "limits; with Microsoft this code is not about a full mailbox.",
  "Wait for the quota to reset and spread sending out; ask the "
  "administrator about the limits.", OURS, R_WAIT, SRC_MS_NDR, NULL },
{ MS365, "5.2.121", "5.2.121", NULL, NULL, "Too many messages to one recipient",
  "We sent this one recipient more messages in an hour than Microsoft "
  "allows from one sender.",
  "Wait an hour and write less often; look for loops or auto-replies "
  "that repeat.", OURS, R_WAIT, SRC_MS_NDR, NULL },
{ MS365, "5.2.122", "5.2.122", NULL, NULL, "Recipient's hourly receive limit",
  "The recipient got more mail in an hour, from all senders together, "
  "than Microsoft allows: they are being flooded.",
  "Wait; the flood is for the recipient's side to deal with.",
  RCPT, R_WAIT, SRC_MS_NDR, NULL },
{ MS365, "5.4.1", "5.4.1", NULL, "relay", "Relay access denied",
  "Microsoft does not accept mail for the recipient's domain: its MX "
  "points at Exchange Online but the domain is not set up there, or a "
  "connector is wrong.",
  "Check `dig MX domain`.  If the domain is ours, fix its accepted "
  "domains and connectors; otherwise tell the recipient's administrator.",
  REMOTE, R_FIX, SRC_MS_NDR, NULL },
{ MS365, "5.4.1", "5.4.1", NULL, NULL, "Recipient not found (edge blocking)",
  "The recipient's organisation refused the address at its edge because "
  "it is not in its directory: here \"Access denied\" means the mailbox "
  "does not exist.",
  "Check the spelling; if it is right, the recipient's administrator has "
  "to add the address.  Otherwise remove it.",
  RCPT, R_NEVER, SRC_MS_NDR, NULL },
{ MS365, "5.4.14", "5.4.14", NULL, NULL, "Routing loop",
  "Exchange Online found a routing loop (on-premises Exchange reports "
  "this as 5.4.6).",
  "Check MX records and connectors, above all in hybrid setups where the "
  "cloud and the on-premises servers each send the domain to the other.",
  NET, R_FIX, SRC_MS_NDR, NULL },
{ MS365, "5.4.300", "5.4.300", NULL, NULL, "Message expired",
  "The message expired in Exchange Online's queue: the destination did "
  "not answer in time, or the bounce itself could not be delivered.",
  "Check that the destination's MX is reachable, and look for earlier "
  "4.x.x deferrals that say why.", NET, R_FIX, SRC_MS_NDR, NULL },
{ MS365, "5.5.0", "5.5.0", NULL, NULL, "Consumer mailbox not found",
  "Microsoft's lookup found no hotmail.com or outlook.com account with "
  "this address.",
  "Check the spelling; if it is right the consumer account is gone: "
  "remove it.", RCPT, R_NEVER, SRC_MS_NDR, NULL },
{ MS365, "5.6.11", "5.6.11", NULL, NULL, "Bare line feeds",
  "The message contains bare line feeds (LF without CR), which Exchange "
  "Online refuses.",
  "Make the sending application end lines with CRLF, or send through a "
  "server that normalises line endings.", OURS, R_FIX, SRC_MS_NDR, NULL },
{ MS365, "5.7.1", "5.7.1", NULL, NULL, "Not authorised to send to this recipient",
  "The recipient's organisation does not let us write to this address: "
  "a group or transport rule limits senders, relaying is refused, or the "
  "client must log in first.",
  "For a group, ask its owner to allow external senders; when relaying "
  "through Microsoft, authenticate; read the text for the rule.",
  UNCLEAR, R_FIX, SRC_MS_NDR, NULL },
{ MS365, "5.7.12", "5.7.12", NULL, NULL, "Internal senders only",
  "The recipient accepts mail only from inside its own organisation, and "
  "we are outside it.",
  "Ask the recipient's administrator to accept external senders for this "
  "address, or reach the person another way.", RCPT, R_FIX, SRC_MS_NDR, NULL },
{ MS365, "5.7.13", "5.7.13", NULL, NULL, "Public folder refuses external mail",
  ms_folder_expl, ms_folder_adv, RCPT, R_FIX, SRC_MS_NDR, NULL },
{ MS365, "5.7.135", "5.7.135", NULL, NULL, "Public folder refuses external mail",
  ms_folder_expl, ms_folder_adv, RCPT, R_FIX, SRC_MS_NDR, "5.7.13" },
{ MS365, "5.7.133", "5.7.133", NULL, NULL, "Group refuses external senders",
  "A Microsoft 365 group accepts mail only from its own organisation, "
  "and we are outside it.",
  "Ask the group owner to accept external mail, or write to a member.",
  RCPT, R_FIX, SRC_MS_NDR, NULL },
{ MS365, "5.7.134", "5.7.134", NULL, NULL, "Mailbox refuses external senders",
  "The mailbox is set to accept only authenticated (internal) senders.",
  "Ask the recipient to allow external mail, or use another address.",
  RCPT, R_FIX, SRC_MS_NDR, NULL },
{ MS365, "5.7.136", "5.7.136", NULL, NULL, "Mail user refuses external senders",
  "A mail user (contact) object of the organisation refuses senders from "
  "outside.",
  "Ask the recipient's administrator to change the setting.",
  RCPT, R_FIX, SRC_MS_NDR, NULL },
{ MS365, "5.7.23", "5.7.23", NULL, NULL, "SPF violation",
  "Microsoft refused the message because our SPF record does not allow "
  "the IP that sent it.",
  "Add that IP or service to our SPF record; check it with `dig TXT "
  "ourdomain`.", OURS, R_FIX, SRC_MS_NDR, NULL },
{ MS365, "5.7.25", "5.7.25", NULL, NULL, "IPv6 sender without reverse DNS",
  "Our IPv6 sending address has no reverse DNS (PTR) record, which "
  "Microsoft requires for IPv6.",
  "Ask the owner of the IPv6 range for a PTR record, or send over IPv4.",
  OURS, R_FIX, SRC_MS_NDR, NULL },
{ MS365, "5.7.57", "5.7.57", NULL, NULL, "Anonymous submission refused",
  "An application or device tried to send through smtp.office365.com "
  "without logging in.",
  "Give the device a mailbox's credentials with STARTTLS on port 587, or "
  "use a connector or direct send instead.", OURS, R_FIX, SRC_MS_NDR, NULL },
{ MS365, "5.7.64", "5.7.64", NULL, NULL, "Relay not attributed to the tenant",
  "Microsoft could not tie our relayed mail to our tenant: the inbound "
  "connector for the on-premises server no longer matches its IP or "
  "certificate.",
  "Update the connector's IP addresses or certificate name to match the "
  "on-premises server.", OURS, R_FIX, SRC_MS_NDR, NULL },
{ MS365, "5.7.124", "5.7.124", NULL, NULL, "Not an allowed sender of the group",
  "We are not on the group's list of allowed senders.",
  "Ask the group owner to add us, or write to the members directly.",
  RCPT, R_FIX, SRC_MS_NDR, NULL },
{ MS365, "5.7.321", "5.7.321", NULL, NULL, "DANE: no usable STARTTLS",
  "Exchange Online enforces DANE for this destination, and the "
  "destination offers no STARTTLS or its TLS handshake fails.",
  "Tell the destination's administrator their TLS is broken; nothing to "
  "fix on our side.", REMOTE, R_FIX, SRC_MS_NDR, NULL },
{ MS365, "5.7.322", "5.7.322", NULL, NULL, "DANE: certificate expired",
  "The destination server's certificate has expired, so DANE "
  "verification fails.",
  "Tell the destination's administrator to renew the certificate.",
  REMOTE, R_FIX, SRC_MS_NDR, NULL },
{ MS365, "5.7.323", "5.7.323", NULL, NULL, "DANE: TLSA mismatch",
  "The destination's certificate does not match the TLSA record it "
  "publishes.",
  "Tell the destination's administrator to bring the TLSA record and the "
  "certificate back in line.", REMOTE, R_FIX, SRC_MS_NDR, NULL },
{ MS365, "5.7.324", "5.7.324", NULL, NULL, "DANE: invalid DNSSEC",
  "The destination domain returned DNSSEC records that do not validate.",
  "Tell the domain's owner to repair their DNSSEC signing.",
  REMOTE, R_FIX, SRC_MS_NDR, NULL },
{ MS365, "5.7.325", "5.7.325", NULL, NULL, "DANE: certificate name mismatch",
  "The names in the destination's certificate do not match the host we "
  "connected to.",
  "Tell the destination's administrator to use a certificate for the MX "
  "host name.", REMOTE, R_FIX, SRC_MS_NDR, NULL },
{ MS365, "5.7.501", "5.7.501", NULL, NULL, "Account banned after spam abuse",
  "Microsoft detected spam abuse from our sending account and banned it.",
  "Secure the account, then contact Microsoft support to have the ban "
  "lifted.", OURS, R_FIX, SRC_MS_NDR, NULL },
{ MS365, "5.7.502", "5.7.502", NULL, NULL, "Account banned for spam",
  ms_banned_expl, ms_banned_adv, OURS, R_FIX, SRC_MS_NDR, NULL },
{ MS365, "5.7.503", "5.7.503", NULL, NULL, "Account banned for spam",
  ms_banned_expl, ms_banned_adv, OURS, R_FIX, SRC_MS_NDR, "5.7.502" },
{ MS365, "5.7.504", "5.7.504", NULL, NULL, "Recipient address not valid",
  "The recipient address is not valid and was refused at Microsoft's "
  "edge.",
  "Check it for typos; remove it if it is spelled right.",
  RCPT, R_NEVER, SRC_MS_NDR, NULL },
{ MS365, "5.7.505", "5.7.505", NULL, NULL, "Recipient on a ban list",
  "The recipient address is on a ban list at Microsoft and is refused.",
  "Remove the address; reach the person another way if it matters.",
  RCPT, R_NEVER, SRC_MS_NDR, NULL },
{ MS365, "5.7.506", "5.7.506", NULL, NULL, "Bad HELO name",
  "Our server greeted (HELO/EHLO) with the name of Microsoft's receiving "
  "server instead of its own, a trait of spam bots.",
  "Set our server's HELO name to its own fully qualified host name.",
  OURS, R_FIX, SRC_MS_NDR, NULL },
{ MS365, "5.7.507", "5.7.507", NULL, NULL, "Sending IP blocked by the recipient",
  "The recipient's organisation blocks our sending IP.",
  "Ask the recipient's administrator to unblock it, and find out why it "
  "was blocked (complaints?).", OURS, R_FIX, SRC_MS_NDR, NULL },
{ MS365, "5.7.508", "5.7.508", NULL, NULL, "IPv6 range over its rate",
  "Our IPv6 range sent too much mail to Microsoft too quickly.",
  "Lower the sending rate over IPv6, or send over IPv4.",
  OURS, R_WAIT, SRC_MS_NDR, NULL },
{ MS365, "5.7.509", "5.7.509", NULL, NULL, "DMARC reject",
  "The From: domain fails DMARC, and that domain's own DMARC policy says "
  "reject, so Microsoft refuses the message.",
  "Make SPF or DKIM pass aligned with the From: domain, for every service "
  "that sends with our domain.", OURS, R_FIX, SRC_MS_NDR, NULL },
{ MS365, "5.7.510", "5.7.510", NULL, NULL, "Recipient domain refuses IPv6",
  "The recipient's domain does not take mail delivered over IPv6.",
  "Send to this domain over IPv4.", OURS, R_FIX, SRC_MS_NDR, NULL },
{ MS365, "5.7.511", "5.7.511", NULL, NULL, "Sending IP banned",
  "Microsoft has banned our sending IP.",
  "Ask for delisting by mail to Microsoft as the NDR explains, attaching "
  "the whole NDR.", OURS, R_FIX, SRC_MS_NDR, NULL },
{ MS365, "5.7.512", "5.7.512", NULL, NULL, "No valid From address",
  "The message has no valid RFC 5322 From: address.",
  "Make the sending application set a proper From: header.",
  OURS, R_FIX, SRC_MS_NDR, NULL },
{ MS365, "5.7.513", "5.7.513", NULL, NULL, "IP on the recipient domain's own block list",
  "The recipient's domain put our IP on its own custom block list.",
  "Ask the recipient's administrator to take us off their block list.",
  OURS, R_FIX, SRC_MS_NDR, NULL },
{ MS365, "5.7.606-649", "5.7.606", NULL, NULL, "IP on the Microsoft 365 block list",
  "Our sending IP is on Microsoft 365's block list.",
  "Use the self-service delisting page at sender.office.com.",
  OURS, R_FIX, SRC_MS_NDR, NULL },
{ MS365, "5.7.700-749", "5.7.700", NULL, NULL, "Tenant barred from sending",
  "Microsoft barred our whole tenant from sending, because most of its "
  "outgoing mail looked suspicious.",
  "Find compromised accounts and stop the abuse, then ask Microsoft "
  "support to restore sending.", OURS, R_FIX, SRC_MS_NDR, NULL },
{ MS365, "5.7.703", "5.7.703", NULL, NULL, "Blocked by our Tenant Allow/Block List",
  "Our own organisation's Tenant Allow/Block List blocks this recipient "
  "or domain.",
  "Remove the entry from the Tenant Allow/Block List if it is wrong.",
  OURS, R_FIX, SRC_MS_700, NULL },
{ MS365, "5.7.705", "5.7.705", NULL, NULL, "Tenant over its spam threshold",
  "Our tenant sent too much spam or bulk mail, and Microsoft blocked all "
  "its outgoing mail until support lifts the block.",
  "Remove the cause (compromised accounts, bulk sending), then open a "
  "support case.", OURS, R_FIX, SRC_MS_700, NULL },
{ MS365, "5.7.708", "5.7.708", NULL, NULL, "Low-reputation outbound IP",
  "Microsoft does not let our outgoing mail leave from this IP because "
  "of low reputation, common in new or trial tenants.",
  "Send with a verified domain from a paid tenant; ask support if it "
  "persists.", OURS, R_FIX, SRC_MS_700, NULL },
{ MS365, "5.7.750", "5.7.750", NULL, NULL, "Unverified sending domain",
  "Our tenant tried to send as a domain it has not added and verified.",
  "Add and verify the domain in the Microsoft 365 admin centre.",
  OURS, R_FIX, SRC_MS_NDR, NULL },

/* Outlook.com (Hotmail/Live/MSN) */
{ OLC, "RP-001", NULL, "421", NULL, "IP over its reputation rate limit",
  "Outlook.com refuses our IP for now: it sent faster than its "
  "reputation allows.",
  "Slow down and wait; improve reputation (fewer complaints, cleaner "
  "lists) and watch the IP in SNDS.", OURS, R_WAIT, SRC_OLC, NULL },
{ OLC, "RP-002", NULL, "421", NULL, "Too much on one connection",
  "Outlook.com cut the connection: our IP sent more on one connection "
  "than its reputation allows.",
  "Send fewer messages per connection, and wait.", OURS, R_WAIT, SRC_OLC, NULL },
{ OLC, "RP-003", NULL, "421", NULL, "Too many connections",
  "Outlook.com refuses further connections: our IP opened more at once "
  "than its reputation allows.",
  "Open fewer simultaneous connections to Outlook.com, and wait.",
  OURS, R_WAIT, SRC_OLC, NULL },
{ OLC, "SC-001", NULL, "550", NULL, "Policy block (content or reputation)",
  olc_policy_expl, olc_policy_adv, OURS, R_FIX, SRC_OLC, NULL },
{ OLC, "SC-002", NULL, "550", NULL, "Namespace mining",
  "Outlook.com saw our IP try many addresses, as address harvesters do, "
  "and blocked it.",
  "Stop sending to guessed or stale addresses; remove unknown users from "
  "the list.", OURS, R_FIX, SRC_OLC, NULL },
{ OLC, "SC-003", NULL, "550", NULL, "Open proxy or relay",
  "Outlook.com thinks our IP is an open proxy or an open relay.",
  "Test from outside that our server relays for nobody and close any "
  "proxy, then ask for delisting.", OURS, R_FIX, SRC_OLC, NULL },
{ OLC, "SC-004", NULL, "550", NULL, "Blocked after complaints",
  "Outlook.com blocked our IP after its users complained about our mail.",
  "Join JMRP to see the complaints, drop the complainers, then ask for "
  "delisting.", OURS, R_FIX, SRC_OLC, NULL },
{ OLC, "DY-001", NULL, "550", NULL, "Dynamic IP space",
  "Outlook.com refuses mail sent straight from dynamic (home or dial-up) "
  "IP ranges.",
  "Send through a real mail server or our provider's smarthost, not from "
  "a dynamic address.", OURS, R_FIX, SRC_OLC, NULL },
{ OLC, "DY-002", NULL, "550", NULL, "Compromised host",
  "Outlook.com believes the sending host is compromised or infected.",
  "Check the host for malware and abused accounts, then ask for "
  "delisting.", OURS, R_FIX, SRC_OLC, NULL },
{ OLC, "OU-001", NULL, "550", NULL, "Policy block (Spamhaus listing)",
  "Outlook.com refused us on policy grounds and points to a Spamhaus "
  "listing of our IP.",
  "Look the IP up at Spamhaus and follow its removal procedure.",
  OURS, R_FIX, SRC_OLC, NULL },
{ OLC, "OU-002", NULL, "550", NULL, "Policy block (content or reputation)",
  olc_policy_expl, olc_policy_adv, OURS, R_FIX, SRC_OLC, "SC-001" },
{ OLC, "5.7.515", "5.7.515", "550", NULL, "High-volume sender not authenticated",
  "Outlook.com requires domains that send over 5,000 messages a day to "
  "pass SPF, DKIM and DMARC, and ours does not.",
  "Publish SPF, sign with DKIM and publish DMARC (p=none at least), "
  "aligned with the From: domain.", OURS, R_FIX, SRC_OLC_515, NULL },
{ OLC, "S3140", "5.7.1", "550", NULL, "Network on the consumer block list",
  olc_s3140_expl, olc_s3140_adv, OURS, R_FIX, SRC_OLC_S3140, NULL },
{ OLC, "S3150", "5.7.1", "550", NULL, "Network on the consumer block list",
  olc_s3140_expl, olc_s3140_adv, OURS, R_FIX, SRC_OLC_S3140, "S3140" },
{ OLC, "4.7.650", "4.7.650", "451", NULL, "Rate limited for IP reputation (S775)",
  "Outlook.com rate-limits our server for now because of its IP "
  "reputation.",
  "Send more slowly and work on reputation; the retries get through "
  "bit by bit.", OURS, R_WAIT, SRC_OLC_650, NULL },
{ OLC, "4.7.651", "4.7.651", "451", NULL, "Rate limited for IP reputation (S3114)",
  "Outlook.com defers our IP's mail for now under a reputation limit "
  "(tag S3114).",
  "Lower the rate to Outlook.com and wait; if it lasts for days, ask "
  "sender support.", OURS, R_WAIT, SRC_OLC_651, NULL },

/* Gmail / Google Workspace */
{ GMAIL, "4.2.1", "4.2.1", "450", NULL, "Recipient receiving too fast",
  "Gmail defers mail because this recipient gets mail too fast, or a "
  "Workspace SMTP relay hit its peak limit; the mailbox is not disabled.",
  "Wait; our server retries.  Spread out messages to this recipient.",
  RCPT, R_WAIT, SRC_GOOGLE, NULL },
{ GMAIL, "4.2.2", "4.2.2", "452", NULL, "Recipient out of storage",
  "The Gmail recipient has run out of storage for now.",
  "Wait; the recipient has to free space.", RCPT, R_WAIT, SRC_GOOGLE, NULL },
{ GMAIL, "5.2.1", "5.2.1", "550", NULL, "Account inactive",
  "The Gmail account is inactive, or receives mail so fast that further "
  "delivery is blocked.",
  "Remove the address if it keeps failing; inactive Gmail accounts do "
  "not come back.", RCPT, R_NEVER, SRC_GOOGLE, NULL },
{ GMAIL, "5.2.2", "5.2.2", "552", NULL, "Out of storage and inactive",
  "The Gmail recipient is out of storage and the account is inactive.",
  "Remove the address; an abandoned full account will not be emptied.",
  RCPT, R_NEVER, SRC_GOOGLE, NULL },
{ GMAIL, "4.7.0", "4.7.0", "421", "tls", "TLS required",
  "The recipient's domain requires TLS and our connection did not use "
  "it, so Gmail closed it.",
  "Enable STARTTLS on our sending server.", OURS, R_FIX, SRC_GOOGLE, NULL },
{ GMAIL, "4.7.0", "4.7.0", "421", "allowlist|allow list|whitelist|not on the allow",
  "IP not on the recipient's allowlist",
  "The recipient's Workspace domain accepts mail only from listed IPs, "
  "and ours is not listed.",
  "Ask the recipient's administrator to add our IP, or send by a route "
  "they allow.", RCPT, R_FIX, SRC_GOOGLE, NULL },
{ GMAIL, "4.7.0", "4.7.0", "421", NULL, "Rate limited (reputation, content or PTR)",
  "Gmail rate-limits us for now: very low IP or domain reputation, "
  "suspicious content or links, or a missing or mismatched PTR record.",
  "Check reputation in Postmaster Tools, the PTR of our IP (`dig -x "
  "IP`) and the links in the content; slow down.",
  OURS, R_WAIT, SRC_GOOGLE, NULL },
{ GMAIL, "4.7.23", "4.7.23", "451", NULL, "No or mismatched PTR",
  "Gmail rate-limits us because our sending IP has no PTR record, or its "
  "PTR name does not resolve back to it; here the code is not about SPF.",
  "Set a PTR record and a matching A/AAAA record for the sending IP "
  "(`dig -x IP`).", OURS, R_FIX, SRC_GOOGLE, NULL },
{ GMAIL, "5.7.25", "5.7.25", "550", NULL, "Blocked for missing PTR",
  "Gmail blocked the mail because our sending IP has no PTR record or "
  "the PTR does not match forward DNS.",
  "Have the IP's owner fix its reverse DNS, then resend.",
  OURS, R_FIX, SRC_GOOGLE, NULL },
{ GMAIL, "4.7.24", "4.7.24", "451", NULL, "Suspicious SPF record (deferred)",
  "Our domain's SPF record contains suspicious entries, and Gmail "
  "rate-limits us for it.",
  "Clean up the SPF record: drop broad ranges and unused includes.",
  OURS, R_FIX, SRC_GOOGLE, NULL },
{ GMAIL, "5.7.24", "5.7.24", "550", NULL, "Suspicious SPF record (blocked)",
  "Gmail blocked the mail because our SPF record contains suspicious "
  "entries.",
  "Rewrite the SPF record to list only the servers that really send for "
  "us.", OURS, R_FIX, SRC_GOOGLE, NULL },
{ GMAIL, "4.7.26", "4.7.26", "421", NULL, "Unauthenticated (deferred)",
  "Gmail defers us: neither SPF nor DKIM passed (reply 421), or, with "
  "reply 451, a DNS failure kept it from applying DMARC.",
  "Make SPF and DKIM pass; in the DNS case check that our domain's name "
  "servers answer reliably.", OURS, R_FIX, SRC_GOOGLE, NULL },
{ GMAIL, "5.7.26", "5.7.26", "550", NULL, "Unauthenticated (blocked)",
  "Gmail blocked the mail as unauthenticated: no SPF or DKIM pass, an "
  "SPF hard fail (-all), or the From: domain's DMARC policy rejected it.",
  "Sign with DKIM aligned to the From: domain and make SPF pass; check "
  "the result in Postmaster Tools.", OURS, R_FIX, SRC_GOOGLE, NULL },
{ GMAIL, "4.7.27", "4.7.27", "421", NULL, "Bulk sender: SPF did not pass (deferred)",
  "Gmail's bulk-sender rules require SPF to pass; it did not, so Gmail "
  "rate-limits us (the code has nothing to do with null MX here).",
  "List every sending server in our SPF record.", OURS, R_FIX, SRC_GOOGLE, NULL },
{ GMAIL, "5.7.27", "5.7.27", "550", NULL, "Bulk sender: SPF did not pass (blocked)",
  "Under Gmail's bulk-sender rules the mail was blocked because SPF did "
  "not pass.",
  "Fix the SPF record so every sending server is listed, then resend.",
  OURS, R_FIX, SRC_GOOGLE, NULL },
{ GMAIL, "4.7.28", "4.7.28", "421", NULL, "Unusual rate of unsolicited mail (deferred)",
  "Gmail sees an unusual rate of unsolicited mail from our IP, network, "
  "DKIM or SPF domain or a linked domain (or a repeated Message-ID), and "
  "rate-limits us.",
  "Slow down and look for list problems or abuse; give every message a "
  "unique Message-ID.", OURS, R_WAIT, SRC_GOOGLE, NULL },
{ GMAIL, "5.7.28", "5.7.28", "550", NULL, "Unusual rate of unsolicited mail (blocked)",
  "Gmail blocked our IP for sending an unusual rate of unsolicited mail.",
  "Stop the flow, clean the list, and send at a steady rate; watch "
  "Postmaster Tools.", OURS, R_FIX, SRC_GOOGLE, NULL },
{ GMAIL, "4.7.29", "4.7.29", "421", NULL, "Bulk sender: no TLS (deferred)",
  "Gmail's bulk-sender rules require TLS, and the message came without "
  "it; Gmail rate-limits us (the code is not about ARC here).",
  "Turn on TLS for outgoing mail to Gmail.", OURS, R_FIX, SRC_GOOGLE, NULL },
{ GMAIL, "5.7.29", "5.7.29", "550", NULL, "Bulk sender: no TLS (blocked)",
  "Under Gmail's bulk-sender rules the mail was blocked because it was "
  "not sent over TLS.",
  "Enable TLS on outgoing connections, then resend.", OURS, R_FIX, SRC_GOOGLE, NULL },
{ GMAIL, "4.7.30", "4.7.30", "421", NULL, "Bulk sender: DKIM did not pass (deferred)",
  "Gmail's bulk-sender rules require DKIM to pass; it did not, so Gmail "
  "rate-limits us.",
  "Sign all mail with DKIM and check the published key.",
  OURS, R_FIX, SRC_GOOGLE, NULL },
{ GMAIL, "5.7.30", "5.7.30", "550", NULL, "Bulk sender: DKIM did not pass (blocked)",
  "Under Gmail's bulk-sender rules the mail was blocked because DKIM did "
  "not pass (the code is not about REQUIRETLS here).",
  "Set up DKIM signing, then resend.", OURS, R_FIX, SRC_GOOGLE, NULL },
{ GMAIL, "4.7.32", "4.7.32", "421", NULL, "From: domain not aligned (deferred)",
  "Gmail rate-limits us because the From: domain does not match the "
  "domain that SPF or DKIM authenticated; the code is Google's own.",
  "Sign with DKIM for the From: domain, or send from a domain SPF "
  "covers.", OURS, R_FIX, SRC_GOOGLE, NULL },
{ GMAIL, "5.7.32", "5.7.32", NULL, NULL, "From: domain not aligned (blocked)",
  "Gmail blocked the mail because the From: domain is not aligned with "
  "the SPF or DKIM domain (a code of Google's own).",
  "Align DKIM or SPF with the From: domain, then resend.",
  OURS, R_FIX, SRC_GOOGLE, NULL },
{ GMAIL, "4.7.40", "4.7.40", "421", NULL, "Bulk sender: no DMARC (deferred)",
  "Gmail's bulk-sender rules require a DMARC record, and our domain has "
  "none or no policy, so Gmail rate-limits us.",
  "Publish a DMARC record (at least \"v=DMARC1; p=none\") at "
  "_dmarc.ourdomain.", OURS, R_FIX, SRC_GOOGLE, NULL },
{ GMAIL, "5.7.40", "5.7.40", "550", NULL, "Bulk sender: no DMARC (blocked)",
  "Gmail blocked the mail because our sending domain publishes no DMARC "
  "record or policy.",
  "Publish a DMARC record for the domain, then resend.",
  OURS, R_FIX, SRC_GOOGLE, NULL },
{ GMAIL, "5.7.1", "5.7.1", "550", NULL, "Generic policy block",
  "Gmail refused the message on policy grounds: probably unsolicited, "
  "very low reputation, broken RFC 5322 headers, relaying not allowed, "
  "or a rule of the recipient's administrator.",
  "Check the headers (one From:, a valid Date and Message-ID), "
  "reputation in Postmaster Tools and relay settings; \"gcdp\" in the "
  "text means the recipient's administrator set a rule.",
  UNCLEAR, R_FIX, SRC_GOOGLE, NULL },
{ GMAIL, "5.7.0", "5.7.0", "552", NULL, "Security risk or relay denied",
  "Gmail blocked the message because its content or an attachment looks "
  "like a security risk (reply 552), or refused the Workspace SMTP relay "
  "(reply 550).",
  "Remove risky attachments (executables, macro documents, encrypted "
  "archives), or fix the relay's authentication settings.",
  OURS, R_FIX, SRC_GOOGLE, NULL },
{ GMAIL, "5.4.5", "5.4.5", "550", NULL, "Daily sending limit exceeded",
  "We went over Gmail's daily sending limit or the Workspace SMTP relay "
  "limit; the code does not mean network congestion here.",
  "Wait for the 24-hour window to end; use a bulk-mail service for large "
  "sends.", OURS, R_WAIT, SRC_GOOGLE, NULL },

/* Yahoo / AOL */
{ YAHOO, "TSS04", "4.7.0", "421", NULL, "Deferred for volume or complaints",
  "Yahoo defers our IP for now because of a sudden volume spike or user "
  "complaints.",
  "Slow down and remove complaining and inactive recipients; retries get "
  "through once it clears.", OURS, R_WAIT, SRC_YAHOO_FM, NULL },
{ YAHOO, "TS02", "4.7.0", "421", NULL, "Deferred for unusual traffic (old tag)",
  "An older Yahoo tag: our IP is deferred for unusual traffic or "
  "complaints.",
  "Reduce volume and complaints and let the retries run.",
  OURS, R_WAIT, SRC_YAHOO_TS02, NULL },
{ YAHOO, "TS03", "4.7.1", "421", NULL, "Deferred indefinitely for bulk-like volume",
  "Yahoo defers mail from our IP for an indefinite time because its "
  "volume looks like bulk mail.",
  "Fix list practices (consent, unsubscribes, inactive users) before "
  "trying again; contact Yahoo sender support.", OURS, R_FIX, SRC_YAHOO_TS03, NULL },
{ YAHOO, "TSS09", "5.7.2", "553", NULL, "IP refused for good",
  yahoo_refused_expl, yahoo_refused_adv, OURS, R_NEVER, SRC_YAHOO_SIS, NULL },
{ YAHOO, "TSS11", "5.7.2", "553", NULL, "IP refused for good",
  yahoo_refused_expl, yahoo_refused_adv, OURS, R_NEVER, SRC_YAHOO_SIS, "TSS09" },
{ YAHOO, "PH01", NULL, "554", NULL, "Content or policy refusal",
  "Yahoo refused the message for content or policy reasons.",
  "Review the content and links (URL shorteners, listed domains) and "
  "resend only after changing it.", OURS, R_FIX, SRC_YAHOO_SIS, NULL },
{ YAHOO, "5.7.9", "5.7.9", "554", NULL, "Policy refusal or unauthenticated",
  "Yahoo refused the message for policy reasons (reply 554), or as "
  "unauthenticated because neither SPF nor DKIM passed (reply 550); it "
  "is not about a weak login method here.",
  "Make SPF and DKIM pass for our domain; with 554, read the text for "
  "the policy.", OURS, R_FIX, SRC_YAHOO_SIS, NULL },
{ YAHOO, "BL21", "5.7.1", "553", NULL, "IP listed by Spamhaus",
  "Yahoo refuses the connection because our IP is on a Spamhaus block "
  "list.",
  "Check the IP at Spamhaus and follow its delisting steps.",
  OURS, R_FIX, SRC_YAHOO_SIS, NULL },
{ YAHOO, "BL23", "5.7.1", "553", NULL, "IP on Spamhaus XBL",
  "Yahoo refuses the connection because our IP is on the Spamhaus XBL, "
  "the list of exploited and infected hosts.",
  "Find the infected host or open proxy behind our IP, clean it, then "
  "delist at Spamhaus.", OURS, R_FIX, SRC_YAHOO_SIS, NULL },
{ YAHOO, "451", NULL, "451", NULL, "Sender domain does not resolve",
  "Yahoo defers (451) or refuses (554) the mail because the domain in "
  "our MAIL FROM or From: does not resolve in DNS (no SOA record).",
  "Check our domain's DNS: `dig SOA ourdomain` must answer.",
  OURS, R_FIX, SRC_YAHOO, NULL },

/* Apple iCloud Mail */
{ APPLE, "CS01", "5.7.1", "550", NULL, "Local policy filter",
  "An iCloud local policy filter refused the message.",
  "Check content and reputation; if it persists, contact iCloud through "
  "Apple's sender support page.", OURS, R_FIX, SRC_APPLE, NULL },
{ APPLE, "HM08", "5.7.1", "554", NULL, "Local policy filter (content)",
  "An iCloud policy filter refused the message, often because of its "
  "content.",
  "Change the content (links, attachments, wording) before resending.",
  OURS, R_FIX, SRC_APPLE_HM08, NULL },
{ APPLE, "4.7.1", "4.7.1", "421", NULL, "Too much mail to one recipient",
  "iCloud defers us because we sent too much mail to one recipient.",
  "Wait, and write to this person less often.", OURS, R_WAIT, SRC_APPLE, NULL },
};

const struct codes_provider_row *
codes_provider_at(size_t i)
{
	return i < sizeof(rows) / sizeof(rows[0]) ? &rows[i] : NULL;
}
