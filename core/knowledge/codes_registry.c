#include "core/knowledge/codes.h"

/*
 * The IANA SMTP Enhanced Status Codes registry (RFC 3463, RFC 5248 and the
 * later additions), one row per registry entry, titles as registered.  The
 * explanations and advice are ours.  A detail row is written for the class
 * it is most used with (usually 5); codes.c relaxes "retry" for class 4.
 * Rows are in registry order; the man page keeps that order.
 */

#define CLASS	CODES_KIND_CLASS
#define SUBJ	CODES_KIND_SUBJECT
#define DET	CODES_KIND_DETAIL
#define NOBODY	CODES_SIDE_NONE
#define RCPT	CODES_SIDE_RECIPIENT
#define REMOTE	CODES_SIDE_REMOTE
#define OURS	CODES_SIDE_SENDER
#define NET	CODES_SIDE_NETWORK
#define UNCLEAR	CODES_SIDE_UNCLEAR
#define R_NONE	CODES_RETRY_NONE
#define R_WAIT	CODES_RETRY_WAIT
#define R_FIX	CODES_RETRY_FIX
#define R_NEVER	CODES_RETRY_NEVER

static const struct codes_entry registry[] = {
{ "2.X.X", CLASS, "2", "Success",
  "The message was delivered, or the step the report is about succeeded. "
  "A report with a 2.x.x status is a confirmation, not a bounce.",
  "Nothing to do. If you did not ask for success notices, check the DSN "
  "NOTIFY setting of the sending software.",
  NOBODY, R_NONE, "RFC3463", NULL },
{ "4.X.X", CLASS, "4", "Persistent Transient Failure",
  "A temporary failure: the receiving side could not take the message now "
  "but expects it may later.  Mail servers keep such messages queued and "
  "try again by themselves; a report of this class usually only warns "
  "that delivery is delayed.",
  "Usually just wait: the sending server retries for several days.  Act "
  "only when the same failure keeps coming back or the report says the "
  "message was finally given up.",
  UNCLEAR, R_WAIT, "RFC3463", NULL },
{ "5.X.X", CLASS, "5", "Permanent Failure",
  "A permanent failure: the message was refused or given up for good, and "
  "sending it again the same way will fail again.  The rest of the code "
  "and the diagnostic text say why.",
  "Do not simply resend.  Find the cause from the detail of the code and "
  "the diagnostic text, fix it, and only then send again.",
  UNCLEAR, R_FIX, "RFC3463", NULL },

{ "X.0.X", SUBJ, "245", "Other or Undefined Status",
  "The server did not say what kind of problem this is; the code gives "
  "only its class, so the diagnostic text is the only real clue.",
  "Read the diagnostic text of the report.  If it names no cause, ask the "
  "remote postmaster, quoting the time and the queue ID.",
  UNCLEAR, R_FIX, "RFC3463", NULL },
{ "X.1.X", SUBJ, "245", "Addressing Status",
  "Something is wrong with an address: the recipient's mailbox name, the "
  "recipient's domain, or our own sender address.",
  "Check the addresses for typos and check that the domain still takes "
  "mail (`dig MX domain`).",
  RCPT, R_FIX, "RFC3463", NULL },
{ "X.2.X", SUBJ, "245", "Mailbox Status",
  "The address is right and the domain takes mail, but the recipient's "
  "mailbox itself has a problem (disabled, full, or a size limit).",
  "Mostly up to the recipient; if it lasts, reach them by another channel.",
  RCPT, R_WAIT, "RFC3463", NULL },
{ "X.3.X", SUBJ, "245", "Mail System Status",
  "The receiving mail system itself is in trouble: full, misconfigured, "
  "or not taking mail at the moment.",
  "Usually not our fault: wait, and if it persists tell the remote "
  "postmaster.",
  REMOTE, R_WAIT, "RFC3463", NULL },
{ "X.4.X", SUBJ, "245", "Network and Routing Status",
  "The message could not be carried to its destination: DNS lookups, "
  "connections or routing failed somewhere on the way.",
  "Check the recipient domain's MX records (`dig MX domain`) and the "
  "connection errors in our server's log; many such problems pass.",
  NET, R_WAIT, "RFC3463", NULL },
{ "X.5.X", SUBJ, "245", "Mail Delivery Protocol Status",
  "The two mail servers did not get along in the SMTP conversation: a "
  "command, its arguments or a protocol limit was refused.",
  "Look at the sending server or application: its SMTP client sent "
  "something the other side refused.  Check its log and version.",
  OURS, R_FIX, "RFC3463", NULL },
{ "X.6.X", SUBJ, "245", "Message Content or Media Status",
  "The message itself (its format, encoding, parts or content) could not "
  "be handled on the way.",
  "Look at the message: attachments, encodings, headers.  A small plain "
  "test message shows whether the content is the problem.",
  OURS, R_FIX, "RFC3463", NULL },
{ "X.7.X", SUBJ, "245", "Security or Policy Status",
  "The message was stopped by a security check or a policy: spam "
  "filtering, sender authentication (SPF, DKIM, DMARC), block lists, or "
  "rules of the recipient's organisation.",
  "Find the check in the diagnostic text.  Verify SPF, DKIM and DMARC of "
  "our domain and look our IP up on block lists; ask the remote "
  "postmaster if it stays unclear.",
  UNCLEAR, R_FIX, "RFC3463", NULL },

{ "X.0.0", DET, "245", "Other undefined Status",
  "The server reported the outcome with no detail at all: either it has "
  "no better code or it did not bother to use one.",
  "Trust the words, not the number: most servers put the real reason in "
  "the text that follows this code.",
  UNCLEAR, R_FIX, "RFC3463", NULL },
{ "X.1.0", DET, "245", "Other address status",
  "An address was wrong, but the server did not say which one or how.",
  "Check both the recipient address and our sender address for typos and "
  "for domains that do not exist; the text may say which.",
  RCPT, R_FIX, "RFC3463", NULL },
{ "X.1.1", DET, "45", "Bad destination mailbox address",
  "The recipient's server says this mailbox does not exist: the part "
  "before the @ is unknown there, although the domain is fine.",
  "Check the address for typos.  If it is right, the person left or the "
  "account was deleted: remove it from your lists.  Some servers misuse "
  "this code for other refusals, so read the text if it looks odd.",
  RCPT, R_NEVER, "RFC3463", NULL },
{ "X.1.2", DET, "5", "Bad destination system address",
  "The recipient's domain (after the @) does not exist or has no mail "
  "server at all.",
  "Look for typos in the domain (gmial.com).  Check it with `dig MX "
  "domain` and `dig A domain`; if neither answers, remove the address.",
  RCPT, R_NEVER, "RFC3463", NULL },
{ "X.1.3", DET, "5", "Bad destination mailbox address syntax",
  "The recipient address is not a valid email address at all: stray "
  "characters, spaces, or missing parts.",
  "Correct the address where it was typed or imported; unchanged it will "
  "fail the same way every time.",
  RCPT, R_NEVER, "RFC3463", NULL },
{ "X.1.4", DET, "245", "Destination mailbox address ambiguous",
  "The receiving server matched the address to more than one mailbox and "
  "refuses to guess which one was meant.",
  "Ask the recipient for their exact full address.  If the address is "
  "right, the remote postmaster has to remove the duplicate.",
  REMOTE, R_FIX, "RFC3463", NULL },
{ "X.1.5", DET, "2", "Destination address valid",
  "A success notice: the receiving server confirms that the recipient "
  "address is valid.",
  "Nothing to do.",
  NOBODY, R_NONE, "RFC3463", NULL },
{ "X.1.6", DET, "5", "Destination mailbox has moved, No forwarding address",
  "The mailbox was moved or closed, and the server knows no new address "
  "to forward to.",
  "Remove or update the address; ask the person for their new one by "
  "another channel.",
  RCPT, R_NEVER, "RFC3463", NULL },
{ "X.1.7", DET, "245", "Bad sender's mailbox address syntax",
  "Our sender address (the envelope MAIL FROM) is malformed in the eyes "
  "of the receiving server.",
  "Check the envelope sender the application or server sets: full domain, "
  "no spaces, proper quoting.  Fix it, then resend.",
  OURS, R_FIX, "RFC3463", NULL },
{ "X.1.8", DET, "45", "Bad sender's system address",
  "The domain of our sender address is unacceptable to the receiver: it "
  "does not exist in DNS or could never receive a reply.",
  "Make sure the sender domain resolves and has MX or A records (`dig MX "
  "yourdomain`); never send from internal names such as localhost or "
  ".local.",
  OURS, R_FIX, "RFC3463", NULL },
{ "X.1.9", DET, "245", "Message relayed to non-compliant mailer",
  "The message was handed to a system that cannot send delivery reports "
  "(a gateway to another kind of mail system), so the report cannot "
  "follow it any further.",
  "As a success notice, nothing to do, but expect no final confirmation.  "
  "As a failure, the gateway lost track: ask the recipient whether it "
  "arrived.",
  REMOTE, R_FIX, "RFC3886", NULL },
{ "X.1.10", DET, "5", "Recipient address has null MX",
  "The recipient's domain publishes a \"null MX\" record: it declares "
  "that it never receives email at all.",
  "Remove the address; no mail can ever be delivered to that domain "
  "(`dig MX domain` shows \"0 .\").",
  RCPT, R_NEVER, "RFC7505; RFC7504", NULL },

{ "X.2.0", DET, "245", "Other or undefined mailbox status",
  "The recipient's mailbox exists but could not take the message, for a "
  "reason the server did not give.",
  "Try again later; if it keeps failing, tell the recipient by another "
  "channel, their account may need attention.",
  RCPT, R_WAIT, "RFC3463", NULL },
{ "X.2.1", DET, "45", "Mailbox disabled, not accepting messages",
  "The mailbox exists but is disabled: the account is closed, locked, "
  "suspended or inactive and takes no mail.",
  "A temporary 4.2.1 may clear up; wait.  A permanent one means the "
  "account is likely abandoned: remove the address or reach the person "
  "another way.",
  RCPT, R_NEVER, "RFC3463", NULL },
{ "X.2.2", DET, "45", "Mailbox full",
  "The recipient's mailbox is full: they have used up their storage "
  "quota.",
  "Resend later; the recipient has to delete mail or get more space.  A "
  "mailbox that stays full for weeks is probably abandoned.",
  RCPT, R_WAIT, "RFC3463", NULL },
{ "X.2.3", DET, "5", "Message length exceeds administrative limit",
  "The message is bigger than the recipient's mailbox or account is "
  "allowed to receive.",
  "Make the message smaller: share attachments as links, compress or "
  "split them, then resend.",
  OURS, R_FIX, "RFC3463", NULL },
{ "X.2.4", DET, "45", "Mailing list expansion problem",
  "The address is a mailing list or alias, and turning it into the list "
  "of its members failed.",
  "Tell the list owner or the remote postmaster; the list setup is "
  "broken, not our message.",
  REMOTE, R_FIX, "RFC3463", NULL },

{ "X.3.0", DET, "245", "Other or undefined mail system status",
  "The receiving mail system had an internal problem it did not describe.",
  "Wait; these usually pass.  If it lasts a day, contact the remote "
  "postmaster with the date and time of the failure.",
  REMOTE, R_WAIT, "RFC3463", NULL },
{ "X.3.1", DET, "4", "Mail system full",
  "The receiving server's disk or queue is full, so it cannot store any "
  "message for now.",
  "Wait; our server retries.  Tell the remote postmaster if it lasts more "
  "than a few hours.",
  REMOTE, R_WAIT, "RFC3463", NULL },
{ "X.3.2", DET, "45", "System not accepting network messages",
  "The receiving host takes no mail right now (shutting down, "
  "maintenance) or, together with reply 521 or 556, never takes mail.",
  "If temporary, wait.  If permanent, the host or domain declares it "
  "receives no mail: check `dig MX domain` and remove the address.",
  REMOTE, R_WAIT, "RFC3463; RFC7504", NULL },
{ "X.3.3", DET, "245", "System not capable of selected features",
  "The message needs a feature (8-bit transport, a DSN option, another "
  "extension) that the receiving system lacks.",
  "Send without that feature or let our server convert the message "
  "(for example to 7-bit); check its SMTP client options.",
  REMOTE, R_FIX, "RFC3463", NULL },
{ "X.3.4", DET, "5", "Message too big for system",
  "The message is larger than the receiving server accepts from anyone.",
  "Shrink it below the server's limit (often 10 to 50 MB, and encoding "
  "adds a third); share big files as links.",
  OURS, R_FIX, "RFC3463", NULL },
{ "X.3.5", DET, "245", "System incorrectly configured",
  "The receiving system is set up wrongly and cannot deliver the message.",
  "Nothing we can fix: tell the remote postmaster (postmaster@ their "
  "domain) and resend once they have repaired it.",
  REMOTE, R_FIX, "RFC3463", NULL },
{ "X.3.6", DET, "2", "Requested priority was changed",
  "A success notice: the message was accepted, but with another priority "
  "than the one requested (RFC 6710).",
  "Nothing to do unless the priority matters; then ask about the "
  "receiver's priority policy.",
  NOBODY, R_NONE, "RFC6710", NULL },

{ "X.4.0", DET, "245", "Other or undefined network or routing status",
  "Something failed in the network or in routing on the way, with no "
  "further detail.",
  "Wait; most network trouble passes.  If it persists, check the domain "
  "with `dig MX domain` and our server's log.",
  NET, R_WAIT, "RFC3463", NULL },
{ "X.4.1", DET, "4", "No answer from host",
  "The receiving server did not answer: connections timed out or were "
  "refused.",
  "Wait; our server retries.  If it lasts, check that the MX host is "
  "reachable (`dig MX domain`, then `nc -v host 25`) and that our "
  "outgoing port 25 is not blocked.",
  NET, R_WAIT, "RFC3463", NULL },
{ "X.4.2", DET, "4", "Bad connection",
  "The connection was made but broke off during the SMTP conversation.",
  "Wait for the retry.  Repeated breaks point to a firewall, TLS trouble "
  "or an overloaded server; our log shows at which stage it broke.",
  NET, R_WAIT, "RFC3463", NULL },
{ "X.4.3", DET, "45", "Directory server failure",
  "A lookup needed to route the message failed: a DNS server or a "
  "directory (such as LDAP) did not answer.",
  "Wait; lookups usually recover.  Test with `dig MX domain`; if the "
  "domain's name servers never answer, tell its owner.",
  NET, R_WAIT, "RFC3463", NULL },
{ "X.4.4", DET, "45", "Unable to route",
  "No route to the destination was found: DNS gives no usable mail "
  "server (no MX and no address) for the domain.",
  "Check `dig MX domain` and `dig A domain`.  With neither, the address "
  "is dead: remove it.  If DNS is fine, check our own routing "
  "(transport maps, smarthost).",
  NET, R_FIX, "RFC3463", NULL },
{ "X.4.5", DET, "4", "Mail system congestion",
  "The mail system is overloaded and cannot take the message right now.",
  "Wait; retries take care of it.  If we send a lot to that domain, slow "
  "down.",
  REMOTE, R_WAIT, "RFC3463", NULL },
{ "X.4.6", DET, "4", "Routing loop detected",
  "The message went round in circles between servers (too many Received "
  "headers) and was stopped.",
  "Check MX records and forwarding on both sides: an alias forwards to "
  "itself, or two servers each think the other is responsible.",
  NET, R_FIX, "RFC3463", NULL },
{ "X.4.7", DET, "245", "Delivery time expired",
  "The message was not delivered before the sending server's time limit "
  "ran out, usually after days of retries.  The real cause is the "
  "failure that kept repeating before.",
  "Find the underlying failure in earlier delay warnings or the "
  "diagnostic text, fix it, and resend: the recipient did not get it.",
  UNCLEAR, R_FIX, "RFC3463", NULL },

{ "X.5.0", DET, "245", "Other or undefined protocol status",
  "Something went wrong in the SMTP conversation, without more detail.",
  "Read the diagnostic text and our server's log of the session.",
  UNCLEAR, R_FIX, "RFC3463", NULL },
{ "X.5.1", DET, "45", "Invalid command",
  "The receiving server refused a command we sent: unknown, out of "
  "order, or not allowed at that point.",
  "Check the sending software for a wrong command order or a pipelining "
  "bug; update or reconfigure it.",
  OURS, R_FIX, "RFC3463", NULL },
{ "X.5.2", DET, "5", "Syntax error",
  "A command we sent was malformed.",
  "Find the exact command in the server or application log (stray "
  "spaces, missing angle brackets) and fix the software that builds it.",
  OURS, R_FIX, "RFC3463", NULL },
{ "X.5.3", DET, "4", "Too many recipients",
  "The message named more recipients than the server takes in one "
  "transaction.",
  "Usually nothing: our server sends the rest in a later transaction.  "
  "Otherwise send in smaller batches.",
  OURS, R_WAIT, "RFC3463", NULL },
{ "X.5.4", DET, "45", "Invalid command arguments",
  "A command was fine but its arguments were not (an unknown MAIL FROM "
  "parameter, a bad value).",
  "Check the options our software adds to MAIL FROM and RCPT TO (SIZE, "
  "BODY, DSN parameters) and remove or fix the one refused.",
  OURS, R_FIX, "RFC3463", NULL },
{ "X.5.5", DET, "245", "Wrong protocol version",
  "The two sides disagree about the protocol version or the extensions "
  "in use.",
  "Check the sending software's settings and update it.",
  OURS, R_FIX, "RFC3463", NULL },
{ "X.5.6", DET, "45", "Authentication Exchange line is too long",
  "During the SMTP login (AUTH) a line from the client was longer than "
  "the server allows.",
  "Use another authentication mechanism or a shorter token; check the "
  "client's AUTH settings.",
  OURS, R_FIX, "RFC4954", NULL },

{ "X.6.0", DET, "245", "Other or undefined media error",
  "The content of the message caused a problem the server did not name.",
  "Look for unusual attachments, encodings or headers and try a plain "
  "version of the message.",
  OURS, R_FIX, "RFC3463", NULL },
{ "X.6.1", DET, "5", "Media not supported",
  "The message contains a kind of content (a MIME type or attachment "
  "type) that the receiver does not accept.",
  "Remove or change the refused attachment type (archives, executables) "
  "and send a link instead.",
  OURS, R_FIX, "RFC3463", NULL },
{ "X.6.2", DET, "245", "Conversion required and prohibited",
  "The message had to be converted to be delivered, but the sender "
  "forbade conversion.",
  "Allow conversion, or send it in a form the receiver accepts as is "
  "(7-bit safe encodings).",
  OURS, R_FIX, "RFC3463", NULL },
{ "X.6.3", DET, "5", "Conversion required but not supported",
  "The message would need converting to be delivered, and no system on "
  "the way can do it.",
  "Send the content in a more common format or encoding (base64 "
  "attachments, UTF-8 text).",
  OURS, R_FIX, "RFC3463", NULL },
{ "X.6.4", DET, "25", "Conversion with loss performed",
  "The message was converted for delivery and something was lost on the "
  "way (characters, formatting or parts).",
  "If it was delivered, ask the recipient whether it is readable; if it "
  "was refused, send a simpler version.",
  OURS, R_FIX, "RFC3463", NULL },
{ "X.6.5", DET, "45", "Conversion Failed",
  "A conversion needed for delivery was attempted and failed.",
  "Simplify the message (plain text, standard encodings) and resend.",
  OURS, R_FIX, "RFC3463", NULL },
{ "X.6.6", DET, "45", "Message content not available",
  "Content the message referred to (submitted by reference, BURL) could "
  "not be fetched by the server.",
  "Check the setup of the submitting client and its IMAP server; send "
  "the message in full instead.",
  OURS, R_FIX, "RFC4468", NULL },
{ "X.6.7", DET, "5", "Non-ASCII addresses not permitted for that sender/recipient",
  "An address contains non-ASCII characters (an internationalised "
  "address) and a system on the way does not support SMTPUTF8.",
  "Use an ASCII address of the person if they have one; a system without "
  "SMTPUTF8 cannot take the UTF-8 address.",
  RCPT, R_FIX, "RFC6531", NULL },
{ "X.6.8", DET, "25", "UTF-8 string reply is required, but not permitted by the SMTP client",
  "The server needed to answer in UTF-8, but our SMTP client did not say "
  "it could take that.",
  "Enable SMTPUTF8 support in the sending software, or avoid "
  "internationalised addresses.",
  OURS, R_FIX, "RFC6531", NULL },
{ "X.6.9", DET, "5", "UTF-8 header message cannot be transferred to one or more recipients, so the message must be rejected",
  "The message has UTF-8 headers (internationalised mail) and a system "
  "on the way to some recipients cannot carry them.",
  "Send to those recipients with ASCII-only headers and addresses, or "
  "use another address of theirs.",
  REMOTE, R_FIX, "RFC6531", NULL },
{ "X.6.10", DET, "245", "(no sample text in registry; deprecated duplicate of X.6.8)",
  "An old duplicate of x.6.8 that the registry keeps only for history: "
  "a UTF-8 reply was needed and the client had not allowed it.",
  "As for x.6.8: turn on SMTPUTF8 in the sending software or stick to "
  "ASCII addresses.",
  OURS, R_FIX, "RFC6531", NULL },

{ "X.7.0", DET, "245", "Other or undefined security status",
  "A security or policy rule stopped the message without saying which.",
  "Read the diagnostic text; the usual causes are SPF, DKIM or DMARC "
  "failures, a block list or a content filter.  Check our domain's "
  "authentication and our IP on block lists.",
  UNCLEAR, R_FIX, "RFC3463", NULL },
{ "X.7.1", DET, "45", "Delivery not authorized, message refused",
  "The receiving side refuses the message on policy grounds: the sender, "
  "our IP address, the content, or a rule of the recipient's "
  "organisation.  Also used for \"relaying denied\".",
  "Find the rule in the diagnostic text.  Check our IP and domain on "
  "block lists, SPF, DKIM and DMARC, and whether the recipient accepts "
  "only certain senders; ask the remote postmaster if unclear.",
  UNCLEAR, R_FIX, "RFC3463", NULL },
{ "X.7.2", DET, "5", "Mailing list expansion prohibited",
  "We are not allowed to post to this mailing list or distribution group.",
  "Ask the list owner to let us post, or write to the members directly.",
  RCPT, R_FIX, "RFC3463", NULL },
{ "X.7.3", DET, "5", "Security conversion required but not possible",
  "The message had to be converted to meet a security requirement "
  "(an encryption format) and that could not be done.",
  "Ask the remote postmaster which format their security gateway "
  "accepts, and send in that.",
  REMOTE, R_FIX, "RFC3463", NULL },
{ "X.7.4", DET, "5", "Security features not supported",
  "The message asked for security features (signing, encryption) that "
  "the receiver does not support.",
  "Send without those features, or use another channel for protected "
  "mail.",
  REMOTE, R_FIX, "RFC3463", NULL },
{ "X.7.5", DET, "245", "Cryptographic failure",
  "A cryptographic step on the message failed: a signature or an "
  "encryption could not be processed.",
  "Check our signing or encryption setup (keys, certificates); resend "
  "once without it to test.",
  OURS, R_FIX, "RFC3463", NULL },
{ "X.7.6", DET, "245", "Cryptographic algorithm not supported",
  "The message uses a cryptographic algorithm the receiver does not "
  "know.",
  "Use a common algorithm for signing or encryption (rsa-sha256 for "
  "DKIM).",
  OURS, R_FIX, "RFC3463", NULL },
{ "X.7.7", DET, "245", "Message integrity failure",
  "The message was changed on the way, so its integrity check (a "
  "signature or checksum) no longer matches.",
  "Find what changes messages in transit (an added footer, a scanner, a "
  "list) and sign after that step.",
  OURS, R_FIX, "RFC3463", NULL },
{ "X.7.8", DET, "5", "Authentication credentials invalid",
  "Logging in to the mail server (SMTP AUTH) failed: wrong user name or "
  "password.",
  "Fix the credentials in the sending application or relay settings; "
  "look for expired passwords or a required app password.",
  OURS, R_FIX, "RFC4954", NULL },
{ "X.7.9", DET, "5", "Authentication mechanism is too weak",
  "The login method is too weak for this server (for example PLAIN "
  "without TLS).",
  "Enable TLS and a stronger mechanism in the client's SMTP settings.",
  OURS, R_FIX, "RFC4954", NULL },
{ "X.7.10", DET, "5", "Encryption Needed",
  "The server requires an encrypted connection (TLS) for this, and ours "
  "was not encrypted.",
  "Enable STARTTLS or implicit TLS in the sending software or server.",
  OURS, R_FIX, "RFC5248", NULL },
{ "X.7.11", DET, "5", "Encryption required for requested authentication mechanism",
  "The chosen login mechanism may only be used over an encrypted "
  "connection.",
  "Start TLS before authenticating, or pick another mechanism.",
  OURS, R_FIX, "RFC4954", NULL },
{ "X.7.12", DET, "4", "A password transition is needed",
  "The account's password has to be changed or converted before this "
  "login method works.",
  "Log in once through the provider's normal interface to update the "
  "password, then try again.",
  OURS, R_FIX, "RFC4954", NULL },
{ "X.7.13", DET, "5", "User Account Disabled",
  "The account concerned was disabled by its administrator (unpaid, "
  "locked, suspended): usually the recipient's, sometimes our own "
  "sending account.",
  "If it is the recipient's, remove the address or reach them another "
  "way.  If it is our sending account, contact our provider.",
  RCPT, R_NEVER, "RFC5248", NULL },
{ "X.7.14", DET, "5", "Trust relationship required",
  "The receiving server accepts this only from systems it has a trust "
  "arrangement with (a partner connector, a certificate).",
  "Ask the remote postmaster to set up the trust (connector, "
  "certificate, IP allow list) or send through a route they accept.",
  REMOTE, R_FIX, "RFC5248", NULL },
{ "X.7.15", DET, "45", "Priority Level is too low",
  "The message's priority is too low for the receiver to take it now.",
  "Send later, or with a higher priority if we are entitled to one.",
  OURS, R_WAIT, "RFC6710", NULL },
{ "X.7.16", DET, "45", "Message is too big for the specified priority",
  "At the priority requested, the message is larger than the server "
  "allows.",
  "Shrink the message or send it with another priority.",
  OURS, R_FIX, "RFC6710", NULL },
{ "X.7.17", DET, "5", "Mailbox owner has changed",
  "The mailbox now belongs to someone else than when we got the address "
  "(an RRVS check): the person we meant is gone.",
  "Remove the address; it no longer reaches the person intended.",
  RCPT, R_NEVER, "RFC7293", NULL },
{ "X.7.18", DET, "5", "Domain owner has changed",
  "The recipient's domain changed hands since the address was known to "
  "be good (an RRVS check).",
  "Remove the address; the domain belongs to someone else now.",
  RCPT, R_NEVER, "RFC7293", NULL },
{ "X.7.19", DET, "5", "RRVS test cannot be completed",
  "We asked the receiver to confirm the mailbox had not changed owners "
  "(RRVS), and it could not run that check.",
  "Resend without the RRVS parameter, or confirm the address with the "
  "person another way.",
  REMOTE, R_FIX, "RFC7293", NULL },
{ "X.7.20", DET, "5", "No passing DKIM signature found",
  "The receiver requires a valid DKIM signature and found none that "
  "passed.",
  "Sign outgoing mail with DKIM and check that the published key matches "
  "(`dig TXT selector._domainkey.yourdomain`).",
  OURS, R_FIX, "RFC7372; RFC6376", NULL },
{ "X.7.21", DET, "5", "No acceptable DKIM signature found",
  "Some DKIM signatures passed, but none the receiver finds acceptable "
  "(wrong domain, weak key or algorithm).",
  "Sign with our own domain, a 2048-bit key and rsa-sha256.",
  OURS, R_FIX, "RFC7372; RFC6376", NULL },
{ "X.7.22", DET, "5", "No valid author-matched DKIM signature found",
  "No valid DKIM signature belongs to the domain of the From: address "
  "(the author's domain).",
  "Sign with the same domain as the From: address (aligned DKIM), not "
  "only with the mail provider's domain.",
  OURS, R_FIX, "RFC7372; RFC6376", NULL },
{ "X.7.23", DET, "5", "SPF validation failed",
  "The sending IP address is not allowed by the SPF record of our sender "
  "domain, and the receiver enforces SPF.",
  "Add the sending server (ip4:, ip6: or include:) to the domain's SPF "
  "record (`dig TXT yourdomain`); watch for forwarders.",
  OURS, R_FIX, "RFC7372; RFC7208", NULL },
{ "X.7.24", DET, "45", "SPF validation error",
  "Evaluating our SPF record ended in an error: a DNS timeout, a syntax "
  "error, or more than ten DNS lookups.",
  "Check the SPF record's syntax and count its lookups (include, a, mx, "
  "redirect); a DNS timeout passes by itself.",
  OURS, R_FIX, "RFC7372; RFC7208", NULL },
{ "X.7.25", DET, "5", "Reverse DNS validation failed",
  "Our sending IP address has no reverse DNS (PTR) name, or that name "
  "does not resolve back to the same address.",
  "Have the IP's owner set a PTR record to the server's name, with an "
  "A/AAAA record pointing back (`dig -x IP`).",
  OURS, R_FIX, "RFC7372 Section 3.3", NULL },
{ "X.7.26", DET, "5", "Multiple authentication checks failed",
  "Several authentication checks failed together (SPF and DKIM, for "
  "example), so the receiver treats the mail as unauthenticated.",
  "Fix SPF and DKIM for the sending domain and publish DMARC; check the "
  "Authentication-Results header of a test message.",
  OURS, R_FIX, "RFC7372", NULL },
{ "X.7.27", DET, "5", "Sender address has null MX",
  "Our sender domain publishes a null MX (it says it never receives "
  "mail), so replies could never reach us and the receiver refuses.",
  "Send from a domain that can receive mail, or remove the null MX from "
  "our sender domain.",
  OURS, R_FIX, "RFC7505", NULL },
{ "X.7.28", DET, "245", "Mail flood detected",
  "The receiver saw a flood of mail from this source, or to this "
  "recipient (subscription bombing), and refused more.",
  "Slow down, and check whether our sign-up forms are abused to flood "
  "someone; add confirmed opt-in.",
  OURS, R_WAIT, "draft-levine-mailbomb-header-00", NULL },
{ "X.7.29", DET, "5", "ARC validation failure",
  "The message came through an intermediary (a forwarder or list) and "
  "its ARC chain did not validate.",
  "Usually for the forwarder's operator to fix; tell them, or send to "
  "the recipient's direct address.",
  UNCLEAR, R_FIX, "RFC8617", NULL },
{ "X.7.30", DET, "5", "REQUIRETLS support required",
  "The message demanded TLS on every hop (REQUIRETLS) and the next hop "
  "cannot promise that.",
  "Send without REQUIRETLS if that is acceptable, or use another secure "
  "channel to this recipient.",
  REMOTE, R_FIX, "RFC8689", NULL },
};

const struct codes_entry *
codes_registry_at(size_t i)
{
	return i < sizeof(registry) / sizeof(registry[0]) ? &registry[i] : NULL;
}
