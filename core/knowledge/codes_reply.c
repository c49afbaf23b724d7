#include "core/knowledge/codes.h"

/*
 * Basic SMTP reply codes: RFC 5321 section 4.2.3, plus 521 and 556 of
 * RFC 7504 and the AUTH replies of RFC 4954.  Titles follow the RFC
 * wording; explanations and advice are ours.  A reply code is much coarser
 * than an enhanced status (550 covers "no such user" and "spam"), so these
 * texts say what the number alone can tell.
 */

#define REPLY	CODES_KIND_REPLY
#define NOBODY	CODES_SIDE_NONE
#define RCPT	CODES_SIDE_RECIPIENT
#define REMOTE	CODES_SIDE_REMOTE
#define OURS	CODES_SIDE_SENDER
#define UNCLEAR	CODES_SIDE_UNCLEAR
#define R_NONE	CODES_RETRY_NONE
#define R_WAIT	CODES_RETRY_WAIT
#define R_FIX	CODES_RETRY_FIX
#define R_NEVER	CODES_RETRY_NEVER

static const struct codes_entry replies[] = {
{ "211", REPLY, NULL, "System status, or system help reply",
  "A status or help answer from the server, not about any message.",
  "Nothing to do.", NOBODY, R_NONE, "RFC5321", NULL },
{ "214", REPLY, NULL, "Help message",
  "Help text from the server meant for a human at the keyboard.",
  "Nothing to do.", NOBODY, R_NONE, "RFC5321", NULL },
{ "220", REPLY, NULL, "<domain> Service ready",
  "The server's greeting: it is ready to start an SMTP session.",
  "Nothing to do.", NOBODY, R_NONE, "RFC5321", NULL },
{ "221", REPLY, NULL, "<domain> Service closing transmission channel",
  "The server ends the session normally.",
  "Nothing to do.", NOBODY, R_NONE, "RFC5321", NULL },
{ "235", REPLY, NULL, "Authentication successful",
  "The SMTP login succeeded.",
  "Nothing to do.", NOBODY, R_NONE, "RFC4954", NULL },
{ "250", REPLY, NULL, "Requested mail action okay, completed",
  "The command succeeded; after the message data it means the receiving "
  "server took responsibility for the message.",
  "Nothing to do: the receiver has the message.  If the recipient says it "
  "never arrived, have them look in their spam folder.",
  NOBODY, R_NONE, "RFC5321", NULL },
{ "251", REPLY, NULL, "User not local; will forward to <forward-path>",
  "The recipient is not on this server, but the server forwards the "
  "message to the right place itself.",
  "Nothing to do; update the address if the reply names a new one.",
  NOBODY, R_NONE, "RFC5321", NULL },
{ "252", REPLY, NULL, "Cannot VRFY user, but will accept message and attempt delivery",
  "The server will not confirm whether the address exists, but takes the "
  "message and tries to deliver it.",
  "Nothing to do; any failure will come back later as a bounce.",
  NOBODY, R_NONE, "RFC5321", NULL },
{ "334", REPLY, NULL, "Server challenge",
  "A step of the SMTP login: the server waits for the client's next "
  "answer.",
  "Nothing to do.", NOBODY, R_NONE, "RFC4954", NULL },
{ "354", REPLY, NULL, "Start mail input; end with <CRLF>.<CRLF>",
  "The server is ready to receive the message itself.",
  "Nothing to do.", NOBODY, R_NONE, "RFC5321", NULL },
{ "421", REPLY, NULL, "<domain> Service not available, closing transmission channel",
  "The server closes the connection and takes no mail now: it is "
  "overloaded, shutting down, or limiting how fast we may send.",
  "Wait; our server retries.  If it repeats for hours the receiver is "
  "rate-limiting or distrusts our IP: slow down and check block lists.",
  REMOTE, R_WAIT, "RFC5321", NULL },
{ "432", REPLY, NULL, "A password transition is needed",
  "The account's password must be changed before this login can work "
  "(Microsoft also uses 432 for a throttled recipient mailbox).",
  "Update the password through the provider's normal login, then retry.",
  OURS, R_FIX, "RFC4954", NULL },
{ "450", REPLY, NULL, "Requested mail action not taken: mailbox unavailable",
  "The mailbox cannot be used right now: busy, locked, or the server is "
  "greylisting us (deferring unknown senders once).",
  "Wait; greylisting passes on the next attempt, usually within minutes.",
  RCPT, R_WAIT, "RFC5321", NULL },
{ "451", REPLY, NULL, "Requested action aborted: local error in processing",
  "The receiving server hit a temporary problem of its own, or it defers "
  "us on purpose (greylisting, rate limits, DNS checks).",
  "Wait for the retry; if it never clears, read the text for the check "
  "that defers us.",
  REMOTE, R_WAIT, "RFC5321", NULL },
{ "452", REPLY, NULL, "Requested action not taken: insufficient system storage",
  "The server is short of storage, or (after RCPT) has reached its limit "
  "of recipients for this one message.",
  "Wait; our server retries, and sends the remaining recipients in a "
  "later transaction.",
  REMOTE, R_WAIT, "RFC5321", NULL },
{ "454", REPLY, NULL, "Temporary authentication failure",
  "Login or TLS could not be set up because of a temporary problem on "
  "the server.",
  "Wait and retry; if it lasts, tell the server's operator.",
  REMOTE, R_WAIT, "RFC4954", NULL },
{ "455", REPLY, NULL, "Server unable to accommodate parameters",
  "The server cannot handle the MAIL FROM or RCPT TO parameters at the "
  "moment.",
  "Wait for the retry; if it persists, send without the extra "
  "parameters.",
  REMOTE, R_WAIT, "RFC5321", NULL },
{ "500", REPLY, NULL, "Syntax error, command unrecognized",
  "The server did not recognise a command (or the line was too long).",
  "Check the sending software; something in it speaks broken SMTP.",
  OURS, R_FIX, "RFC5321", NULL },
{ "501", REPLY, NULL, "Syntax error in parameters or arguments",
  "A command's arguments were malformed, very often a badly formatted "
  "address.",
  "Look at the address or parameter in the log line and correct it.",
  OURS, R_FIX, "RFC5321", NULL },
{ "502", REPLY, NULL, "Command not implemented",
  "The server does not support a command we sent.",
  "Configure the sending software not to use that command.",
  OURS, R_FIX, "RFC5321", NULL },
{ "503", REPLY, NULL, "Bad sequence of commands",
  "Commands came in the wrong order; typically we tried to send before "
  "logging in on a server that requires a login.",
  "Enable SMTP authentication in the sending software, or fix its "
  "command order.",
  OURS, R_FIX, "RFC5321", NULL },
{ "504", REPLY, NULL, "Command parameter not implemented",
  "A parameter of a command we used is not supported by the server.",
  "Drop the unsupported parameter in the sending software's settings.",
  OURS, R_FIX, "RFC5321", NULL },
{ "521", REPLY, NULL, "Host does not accept mail",
  "This host never accepts mail (it is no mail server) and says so "
  "straight away.",
  "Do not send there: check the domain's MX records with `dig MX domain` "
  "and remove the address if the domain has no real mail server.",
  REMOTE, R_NEVER, "RFC7504", NULL },
{ "530", REPLY, NULL, "Authentication required",
  "The server requires a login before it takes mail from us.",
  "Configure SMTP authentication (user, password, TLS) in the sending "
  "application.",
  OURS, R_FIX, "RFC4954", NULL },
{ "534", REPLY, NULL, "Authentication mechanism is too weak",
  "The server refuses the login method as too weak.",
  "Choose a stronger mechanism, over TLS, in the client settings.",
  OURS, R_FIX, "RFC4954", NULL },
{ "535", REPLY, NULL, "Authentication credentials invalid",
  "The user name or password given at login was wrong.",
  "Correct the credentials in the sending application.",
  OURS, R_FIX, "RFC4954", NULL },
{ "538", REPLY, NULL, "Encryption required for requested authentication mechanism",
  "The login method chosen is allowed only on an encrypted connection.",
  "Turn on STARTTLS before the login.",
  OURS, R_FIX, "RFC4954", NULL },
{ "550", REPLY, NULL, "Requested action not taken: mailbox unavailable",
  "Refused for good.  Most often the mailbox does not exist, but servers "
  "also give 550 for policy and spam refusals.",
  "Read the enhanced status and the text: an unknown mailbox means remove "
  "the address; a policy block means fix its cause first.",
  UNCLEAR, R_FIX, "RFC5321", NULL },
{ "551", REPLY, NULL, "User not local; please try <forward-path>",
  "The recipient is not on this server; the server names another address "
  "but will not forward the message itself.",
  "Send to the address given in the reply text, and update our records.",
  RCPT, R_FIX, "RFC5321", NULL },
{ "552", REPLY, NULL, "Requested mail action aborted: exceeded storage allocation",
  "A storage limit was exceeded: the recipient's mailbox is full or the "
  "message is too big for it.",
  "If the message is big, shrink it; if the mailbox is full, try again "
  "much later or reach the person another way.",
  RCPT, R_FIX, "RFC5321", NULL },
{ "553", REPLY, NULL, "Requested action not taken: mailbox name not allowed",
  "The address is not allowed: malformed, or refused by policy (also "
  "used for an unacceptable sender address).",
  "Check both addresses for syntax errors, and read the text for a "
  "policy reason.",
  UNCLEAR, R_FIX, "RFC5321", NULL },
{ "554", REPLY, NULL, "Transaction failed",
  "The transaction failed without a specific reason; usually a spam or "
  "policy refusal, or the host offers no SMTP service.",
  "Read the text for the reason; check block lists and SPF, DKIM and "
  "DMARC before sending again.",
  UNCLEAR, R_FIX, "RFC5321", NULL },
{ "555", REPLY, NULL, "MAIL FROM/RCPT TO parameters not recognized or not implemented",
  "The server does not know a parameter we added to MAIL FROM or RCPT TO.",
  "Turn off the extension that adds the parameter (SIZE, DSN, SMTPUTF8) "
  "for this destination.",
  OURS, R_FIX, "RFC5321", NULL },
{ "556", REPLY, NULL, "Domain does not accept mail",
  "The recipient's domain declares that it takes no mail at all "
  "(usually through a null MX).",
  "Remove the address; mail to this domain can never be delivered.",
  RCPT, R_NEVER, "RFC7504", NULL },
};

const struct codes_entry *
codes_reply_at(size_t i)
{
	return i < sizeof(replies) / sizeof(replies[0]) ? &replies[i] : NULL;
}
