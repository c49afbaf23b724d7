"""What the end-to-end test provokes, and what bounceq must report for it.

Each Case is one message submitted to the MTA under test (Postfix or Exim)
inside the test's namespace.  Its recipients are chosen so that the fake
remote servers (fakesmtp.py) and the fake DNS (fakedns.py, zone.py) make
each one fail in a known way.  OUTCOMES says, per MTA, which delivery
reports that provokes and what each report must say about the recipient.
submit.py sends the cases; check.py compares `bounceq decode --json` with
the expectations.

A Case's reports: for every recipient its outcome lists the reports it
appears in, in order ("delayed" warning, then "failed"; or "success").
Recipients with the same report kind are expected in the same report
message (one multi-recipient DSN).  NOTIFY=NEVER recipients appear in none.
"""

SENDER = "bqtest@local.e2e.test"     # bounces land in the bqtest Maildir
SINK = "sink@local.e2e.test"         # a local mailbox that accepts mail


class Rcpt:
    def __init__(self, addr, outcome, orcpt=None, notify=None):
        self.addr = addr
        self.outcome = outcome      # key of OUTCOMES[mta]
        self.orcpt = orcpt          # ORCPT address (SMTP or sendmail none)
        self.notify = notify        # NOTIFY= value, or None for the default


class Case:
    def __init__(self, cid, rcpts, via="smtp", ret=None, envid=None,
                 subject=None, mtas=("postfix", "exim"), body=None, why=""):
        self.id = cid
        self.rcpts = rcpts
        self.via = via              # "smtp" or "sendmail"
        self.ret = ret              # "HDRS" / "FULL" / None
        self.envid = envid
        self.subject = subject or "e2e %s" % cid
        self.mtas = mtas
        self.body = body or ("Test message for case %s.\n" % cid)
        self.why = why

    def message_id(self, mta, run):
        return "e2e.%s.%s.%s@local.e2e.test" % (self.id, mta, run)

    def envelope_id(self, mta, run):
        return None if self.envid is None else "%s-%s-%s" % (self.envid, mta, run)


UTF8_SUBJECT = "Rückläufer-Test: Größe prüfen ✓ — 配達状況 ☃"

CASES = [
    Case("sendmail-dsn", via="sendmail", ret="HDRS", envid="sm-envid",
         rcpts=[Rcpt("unknown@remote.test", "unknown", notify="FAILURE,DELAY")],
         why="sendmail -N failure,delay -R hdrs -V envid (Postfix); plain sendmail (Exim)"),
    Case("multi", rcpts=[
        Rcpt("unknown@shop.test", "unknown"),
        Rcpt("full@shop.test", "full"),
        Rcpt("spam@bank.test", "spam"),
        Rcpt("relay@univ.test", "relay"),
        Rcpt("big@remote.test", "big"),
        Rcpt("ok@remote.test", "accepted"),
    ], envid="multi", why="one message, five permanent RCPT rejects: one DSN listing five"),
    Case("orcpt-envid", ret="HDRS", envid="orcpt", rcpts=[
        Rcpt("unknown+orcpt@remote.test", "unknown", orcpt="Jane.Doe+Sales@corp.test",
             notify="FAILURE"),
        Rcpt("full+orcpt@remote.test", "full", orcpt="boss@corp.test", notify="FAILURE,DELAY"),
    ], why="RET=HDRS, ENVID, ORCPT (with a '+' that must be xtext-decoded)"),
    Case("ret-full", ret="FULL", envid="retfull",
         rcpts=[Rcpt("spam+full@news.test", "spam")],
         why="RET=FULL: the whole original comes back"),
    Case("postdata", envid="postdata", rcpts=[
        Rcpt("alice@postdata.test", "postdata"),
        Rcpt("bob@dmarc-strict.test", "postdata"),
    ], why="accepted at RCPT, rejected after DATA with 550 5.7.26"),
    Case("utf8-subject", envid="utf8", subject=UTF8_SUBJECT,
         rcpts=[Rcpt("unknown+utf8@univ.test", "unknown")],
         why="RFC 2047 UTF-8 subject must come back decoded"),
    Case("nxdomain", envid="nxdomain", rcpts=[Rcpt("someone@nxdomain.test", "nxdomain")],
         why="the recipient domain does not exist (NXDOMAIN)"),
    Case("servfail", envid="servfail",
         rcpts=[Rcpt("someone@servfail.test", "servfail", notify="FAILURE,DELAY")],
         why="DNS SERVFAIL: deferred, a delay warning, then expired"),
    Case("refused", envid="refused",
         rcpts=[Rcpt("someone@refused.test", "refused", notify="FAILURE,DELAY")],
         why="connection refused: deferred, a delay warning, then expired"),
    Case("tempfail", envid="tempfail",
         rcpts=[Rcpt("tempfail@remote.test", "tempfail", notify="FAILURE,DELAY")],
         why="450 4.4.7 at RCPT until the queue lifetime ends"),
    Case("greylist", envid="greylist",
         rcpts=[Rcpt("greylist@bank.test", "greylist", notify="DELAY,FAILURE"),
                Rcpt("greylist+2@bank.test", "greylist", notify="DELAY,FAILURE")],
         why="451 4.7.1 greylisting forever: multi-recipient delayed then failed"),
    Case("success-relayed", envid="okrelay",
         rcpts=[Rcpt("ok+success@remote.test", "relayed", notify="SUCCESS")],
         why="NOTIFY=SUCCESS to a remote that does not speak DSN"),
    Case("success-delivered", envid="okdeliv",
         rcpts=[Rcpt(SINK, "delivered", notify="SUCCESS")],
         why="NOTIFY=SUCCESS to a local mailbox"),
    Case("local-unknown", via="sendmail",
         rcpts=[Rcpt("nobody@local.e2e.test", "localunknown")],
         why="an unknown user of the reporting MTA's own domain: Exim says only "
             "'Unrouteable address', which for a remote domain means the domain"),
    Case("notify-never", envid="never",
         rcpts=[Rcpt("unknown+never@remote.test", "unknown", notify="NEVER")],
         why="NOTIFY=NEVER: no report at all"),
    # Deferred like tempfail, each to a domain of its own, with no report
    # whatever becomes of it: check_actions.py flushes, holds, releases
    # and deletes them.
    Case("queue-act-flush", rcpts=[Rcpt("tempfail+act@act-flush.test", "queueaction",
                                        notify="NEVER")],
         why="queue actions: flushed, held, released (then it expires unreported)"),
    Case("queue-act-delete", rcpts=[Rcpt("tempfail+act@act-delete.test", "queueaction",
                                         notify="NEVER")],
         why="queue actions: held, then deleted"),
]
ACTION_CASES = ("queue-act-flush", "queue-act-delete")

# Only for the month of demo mail (make-demo.sh, submit.py --demo): single
# failures to spread over the days, second deferred cases on domains and
# addresses of their own (Exim keeps retry records per host and address:
# a second message to a host already failing for days would bounce at
# once), and an out-of-office reply (Exim's autoreply transport).
DEMO_CASES = [
    Case("unknown-1", envid="unknown1", subject="Your order #4411 has shipped",
         rcpts=[Rcpt("unknown@shop.test", "unknown")]),
    Case("full-1", envid="full1", subject="Statement for November",
         rcpts=[Rcpt("full@bank.test", "full")]),
    Case("spam-1", envid="spam1", subject="Weekly newsletter",
         rcpts=[Rcpt("spam@news.test", "spam")]),
    Case("relay-1", envid="relay1", subject="Seminar schedule",
         rcpts=[Rcpt("relay@univ.test", "relay")]),
    Case("big-1", envid="big1", subject="Photos from the offsite",
         rcpts=[Rcpt("big@shop.test", "big")]),
    Case("tempfail-2", envid="tempfail2", subject="Meeting notes",
         rcpts=[Rcpt("tempfail+late@news.test", "tempfail", notify="FAILURE,DELAY")]),
    Case("greylist-2", envid="greylist2", subject="Re: application",
         rcpts=[Rcpt("greylist+late@univ.test", "greylist", notify="FAILURE,DELAY")]),
    Case("refused-2", envid="refused2", subject="Quarterly report",
         rcpts=[Rcpt("someone@down.test", "refused", notify="FAILURE,DELAY")]),
    Case("servfail-2", envid="servfail2", subject="Password reset",
         rcpts=[Rcpt("someone@broken-dns.test", "servfail", notify="FAILURE,DELAY")]),
    Case("autoreply", subject="Lunch on Friday?", mtas=("exim",),
         rcpts=[Rcpt("away@local.e2e.test", "autoreply")]),
]


def _exp(action, status, code=None, remote=None, reasons=None, status_raw=None,
         diag=None, diag_not=None, hard=None):
    """Expected fields of one recipient in one report.

    status: the x.y.z bounceq must choose; status_raw: the Status field as
    the MTA wrote it (None: same as status); code: reply code or None for
    absent; remote: "MX" = mx.<recipient's domain>, None = absent; reasons:
    acceptable classifier reasons (None: not checked); diag: text the
    diagnostic must contain; diag_not: text it must not contain (it may
    be absent);
    hard: the expected "hard" flag (None: not checked)."""
    return {"action": action, "status": status, "reply_code": code, "remote_mta": remote,
            "reasons": reasons, "status_raw": status_raw, "diag": diag,
            "diag_not": diag_not, "hard": hard}


# OUTCOMES[mta][outcome] = [(report kind, expected fields), ...] in order.
# Measured on Debian 12 (Postfix 3.7.11, Exim 4.96): Exim writes Status
# 5.0.0 (4.0.0 in delay warnings) with the real code only in the
# diagnostic, no Diagnostic-Code in delay warnings (the remote's reply, if
# any, is in the human-readable part), nothing but 5.0.0 for DNS failures,
# and Action "delivered" for a success notice about a relay to a non-DSN
# server; Postfix writes no Remote-MTA when the connection is refused.
OUTCOMES = {"postfix": {}, "exim": {}}

_PERM = {
    "unknown": ("5.1.1", "550", ["userunknown"], True),
    "full": ("5.2.2", "552", ["mailboxfull"], None),
    "spam": ("5.7.1", "554", ["spamdetected"], None),
    "relay": ("5.7.1", "554", ["norelaying"], None),
    "big": ("5.3.4", "552", ["emailtoolarge"], None),
    "postdata": ("5.7.26", "550", ["authfailure", "policyviolation"], None),
}
for _o, (_st, _code, _reasons, _hard) in _PERM.items():
    OUTCOMES["postfix"][_o] = [("failed", _exp("failed", _st, _code, "MX", _reasons,
                                               diag="%s %s" % (_code, _st), hard=_hard))]
    OUTCOMES["exim"][_o] = [("failed", _exp("failed", _st, _code, "MX", _reasons, "5.0.0",
                                            diag="%s %s" % (_code, _st), hard=_hard))]

OUTCOMES["postfix"]["nxdomain"] = [("failed", _exp(
    "failed", "5.4.4", reasons=["hostunknown"], diag="Host or domain name not found", hard=True))]
OUTCOMES["exim"]["nxdomain"] = [("failed", _exp(
    "failed", "5.0.0", reasons=["hostunknown"], diag="Unrouteable address", hard=True))]

# Postfix knows the local user is unknown; Exim, routing for its own domain,
# says "Unrouteable address" as for a domain that does not exist.
OUTCOMES["postfix"]["localunknown"] = [("failed", _exp(
    "failed", "5.1.1", reasons=["userunknown"], diag="unknown user", hard=True))]
OUTCOMES["exim"]["localunknown"] = [("failed", _exp(
    "failed", "5.0.0", reasons=["userunknown"], diag="Unrouteable address", hard=True))]

# Deferred again and again: a delay warning, then a failure when the queue
# lifetime (Postfix) or retry cutoff (Exim) has passed.
OUTCOMES["postfix"]["servfail"] = [
    ("delayed", _exp("delayed", "4.4.3", diag="Host or domain name not found", hard=False)),
    ("failed", _exp("failed", "4.4.3", reasons=["expired", "networkerror"],
                    diag="Host or domain name not found")),
]
OUTCOMES["postfix"]["refused"] = [
    ("delayed", _exp("delayed", "4.4.1", diag="Connection refused", hard=False)),
    ("failed", _exp("failed", "4.4.1", reasons=["expired", "networkerror"],
                    diag="Connection refused")),
]
# The reason of a final failure after retries is the cause of the retries
# when the words name one (greylisting is a refusal keyed on the client:
# blocked, as in the delay warnings), else the expiry itself (4.4.7).
for _o, _st, _code, _why in (("tempfail", "4.4.7", "450", "expired"),
                             ("greylist", "4.7.1", "451", "blocked")):
    OUTCOMES["postfix"][_o] = [
        ("delayed", _exp("delayed", _st, _code, "MX", [_why], diag="%s %s" % (_code, _st),
                         hard=False)),
        ("failed", _exp("failed", _st, _code, "MX", [_why], diag="%s %s" % (_code, _st),
                        hard=False)),
    ]
    OUTCOMES["exim"][_o] = [
        ("delayed", _exp("delayed", _st, _code, "MX", [_why], status_raw="4.0.0",
                         diag="%s %s" % (_code, _st), hard=False)),
        ("failed", _exp("failed", _st, _code, "MX", [_why], "5.0.0",
                        diag="retry timeout exceeded", hard=False)),
    ]
# Exim's warning names a delay reason in its text part only when it has one
# ("host lookup did not complete" for SERVFAIL, sometimes); the boilerplate
# after it is no diagnostic.
EXIM_BOILERPLATE = "No action is required on your part"
for _o in ("servfail", "refused"):
    OUTCOMES["exim"][_o] = [
        ("delayed", _exp("delayed", "4.0.0", diag_not=EXIM_BOILERPLATE, hard=False)),
        ("failed", _exp("failed", "5.0.0", reasons=["expired", "networkerror"],
                        diag="retry timeout exceeded")),
    ]

for _mta in ("postfix", "exim"):
    OUTCOMES[_mta]["accepted"] = []
    OUTCOMES[_mta]["queueaction"] = []     # NOTIFY=NEVER
    OUTCOMES[_mta]["delivered"] = [("success", _exp("delivered", "2.0.0", hard=False))]
OUTCOMES["postfix"]["relayed"] = [("success", _exp("relayed", "2.0.0", "250", "MX", hard=False))]
OUTCOMES["exim"]["relayed"] = [("success", _exp("delivered", "2.0.0", "250", "MX", hard=False))]


def sender_address(rcpt):
    """The address the sender used: bounceq's "recipient" (ORCPT when given)."""
    return rcpt.orcpt or rcpt.addr


def original_recipient(rcpt, mta):
    """Postfix always writes Original-Recipient; Exim only for ORCPT."""
    if rcpt.orcpt:
        return rcpt.orcpt
    return rcpt.addr if mta == "postfix" else None


def reports_for(case, mta):
    """[(kind, [(Rcpt, expected fields)])] in the order they are expected."""
    out = {}
    order = []
    for r in case.rcpts:
        if r.notify and "NEVER" in r.notify.upper():
            continue
        for kind, fields in OUTCOMES[mta][r.outcome]:
            if kind == "delayed" and r.notify and "DELAY" not in r.notify.upper():
                continue
            if kind == "failed" and r.notify and "FAILURE" not in r.notify.upper():
                continue
            if kind == "success" and not (r.notify and "SUCCESS" in r.notify.upper()):
                continue
            if kind not in out:
                out[kind] = []
                order.append(kind)
            out[kind].append((r, fields))
    return [(k, out[k]) for k in order]
