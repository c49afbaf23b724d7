#!/usr/bin/env python3
"""A synthetic Maildir of N bounces for `make bench`, made from real ones.

Usage: synth.py N DIR [SEED]

Templates are the real bounces of the repository: the Sisimai corpus
(tests/data/sisimai/maildir/bsd and not/, BSD 2-Clause: its LICENSE is
copied beside the output), the Postfix and Exim bounces of demo/maildir,
and the single messages of tests/data/mail and tests/data/index.  Each
output message is one template with a few things rewritten, as text and
only where they are written literally (so no MIME structure, boundary or
encoded part is touched):

- the top-level Message-ID (unique) and Date (over 60 days);
- the failed recipients (Final-/Original-Recipient, X-Failed-Recipients,
  else the To of the returned original), everywhere the address occurs,
  to addresses over a skewed pool of domains;
- the returned original's Message-ID and From, so that one original can
  bounce for several recipients, and a delay warning is followed, a few
  days later, by the failure of the same original and recipient (a chain);
- for DSNs with one plain Status field, the Status and Diagnostic-Code
  (and Action) from a table of coherent real-world replies.

A few outputs get CRLF line endings, as the Sisimai corpus has them.
Deterministic: the same N, SEED and VERSION give the same bytes.  The
output is DIR/mail/NNN/{cur,new,tmp}/ (10,000 files a folder), written in
DIR/mail.tmp and renamed when complete; DIR/synth.json says what was made.
"""
import datetime, email.utils, json, os, random, re, shutil, sys

# Bump when the output changes: the bench keys its cache by it.
VERSION = 1

TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SISIMAI = os.path.join(TOP, "tests", "data", "sisimai")
SOURCES = [os.path.join(SISIMAI, "maildir", "bsd"),
           os.path.join(SISIMAI, "maildir", "not"),
           os.path.join(TOP, "demo", "maildir", "cur"),
           os.path.join(TOP, "demo", "maildir", "new"),
           os.path.join(TOP, "tests", "data", "mail"),
           os.path.join(TOP, "tests", "data", "index", "mail", "cur"),
           os.path.join(TOP, "tests", "data", "index", "extra")]
PER_FOLDER = 10000
DAYS = 60
# The window ends here, not at the clock: the output must not depend on it.
END = datetime.datetime(2026, 12, 1, tzinfo=datetime.timezone.utc)
# The families most real bounces come from weigh more.
COMMON = re.compile(r"postfix|exim|sendmail|gmail|google|office365|exchange|outlook|"
                    r"yahoo|qmail|courier|^17\d{8}", re.I)

ADDR = re.compile(r"[A-Za-z0-9._%+=!#$&'*/?^`{|}~-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
RCPT_FIELD = re.compile(r"^(?:Final|Original)-Recipient:[ \t]*rfc822[ \t]*;[ \t]*<?([^\s<>;]+@[^\s<>;]+?)>?[ \t]*\r?$",
                        re.M | re.I)
XFAILED = re.compile(r"^X-Failed-Recipients:[ \t]*([^\r\n]*)", re.M | re.I)
BODY_TO = re.compile(r"^To:[ \t]*([^\r\n]*)", re.M | re.I)
BODY_FROM = re.compile(r"^From:[ \t]*([^\r\n]*)", re.M | re.I)
BODY_MID = re.compile(r"^Message-ID:[ \t]*(<[^<>\s]+>)", re.M | re.I)
STATUS = re.compile(r"^Status:[ \t]*[245]\.\d{1,3}\.\d{1,3}[^\r\n]*", re.M | re.I)
DIAG = re.compile(r"^Diagnostic-Code:[^\r\n]*(?:\r?\n[ \t][^\r\n]*)*", re.M | re.I)
ACTION = re.compile(r"^Action:[ \t]*(failed|delayed)[ \t]*\r?$", re.M | re.I)
BLANK = re.compile(r"\r?\n\r?\n")

# (status, diagnostic with {rcpt}): replies as real servers write them.
FAILED = [
    ("5.1.1", "smtp; 550 5.1.1 <{rcpt}>: Recipient address rejected: User unknown in virtual mailbox table"),
    ("5.1.1", "smtp; 550-5.1.1 The email account that you tried to reach does not exist. Please try"),
    ("5.1.1", "smtp; 550 5.1.1 RESOLVER.ADR.RecipNotFound; not found"),
    ("5.1.10", "smtp; 550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup"),
    ("5.2.1", "smtp; 550 5.2.1 The email account that you tried to reach is disabled."),
    ("5.2.2", "smtp; 552 5.2.2 <{rcpt}>: mailbox full"),
    ("5.2.2", "smtp; 452 4.2.2 The email account that you tried to reach is over quota."),
    ("5.7.1", "smtp; 554 5.7.1 Service unavailable; Client host [192.0.2.25] blocked using zen.spamhaus.org"),
    ("5.7.1", "smtp; 550 5.7.1 Message rejected as spam by Content Filtering."),
    ("5.7.26", "smtp; 550 5.7.26 Unauthenticated email from example.com is not accepted due to domain's DMARC policy"),
    ("5.7.1", "smtp; 554 5.7.1 <{rcpt}>: Relay access denied"),
    ("5.3.4", "smtp; 552 5.3.4 Message size exceeds fixed limit"),
    ("5.4.4", "x-unix; Host or domain name not found. Name service error for name=mx.example.net type=A: Host not found"),
    ("5.0.0", "smtp; 550 Requested action not taken: mailbox unavailable"),
]
DELAYED = [
    ("4.4.1", "x-unix; connect to mx.example.net[192.0.2.7]:25: Connection refused"),
    ("4.7.1", "smtp; 450 4.7.1 <{rcpt}>: Recipient address rejected: Greylisted, see https://postgrey.example/"),
    ("4.2.2", "smtp; 452 4.2.2 Mailbox full, try again later"),
    ("4.4.2", "smtp; 421 4.4.2 mx.example.net Error: timeout exceeded"),
    ("4.3.0", "smtp; 451 4.3.0 Temporary lookup failure"),
]
BIG = ["gmail.com", "outlook.com", "hotmail.com", "yahoo.com", "icloud.com", "gmx.de",
       "web.de", "yahoo.co.jp", "orange.fr", "mail.ru", "qq.com", "aol.com"]
SENDERS = ["news", "billing", "support", "alerts", "noreply", "jobs", "events", "shop"]
OUR = ["shop.example", "mail.example.org", "lists.example.net", "corp.example.com"]


def templates():
    out = []
    for d in SOURCES:
        if not os.path.isdir(d):
            continue
        for n in sorted(os.listdir(d)):
            p = os.path.join(d, n)
            if not os.path.isfile(p) or n.endswith(".mbox") or os.path.getsize(p) > (1 << 20):
                continue
            with open(p, "rb") as f:
                data = f.read()
            if data.count(b"\nFrom ") > 0:    # an mbox, not one message
                continue
            out.append(analyse(os.path.relpath(p, TOP), data.decode("latin-1")))
    return out


def unfold_addrs(text):
    return [a for a in ADDR.findall(text)]


def analyse(name, s):
    m = BLANK.search(s)
    cut = m.start() if m else len(s)
    body = s[cut:]
    rcpts = [a for a in RCPT_FIELD.findall(body)]
    for x in XFAILED.findall(s[:cut]):
        rcpts += unfold_addrs(x)
    if not rcpts:
        t = BODY_TO.search(body)
        if t:
            rcpts = unfold_addrs(t.group(1))[:1]
    seen, uniq = set(), []
    for a in rcpts:
        if a.lower() not in seen:
            seen.add(a.lower())
            uniq.append(a)
    frm = BODY_FROM.search(body)
    frm = unfold_addrs(frm.group(1))[:1] if frm else []
    frm = frm[0] if frm and frm[0].lower() not in seen else None
    mid = BODY_MID.search(body)
    actions = [a.lower() for a in ACTION.findall(body)]
    return {"name": name, "text": s, "eol": "\r\n" if "\r\n" in s[:cut + 2] else "\n",
            "rcpts": uniq[:50], "from": frm, "mid": mid.group(1) if mid else None,
            "delayed": bool(actions) and "failed" not in actions,
            "status_ok": len(STATUS.findall(body)) == 1 and len(DIAG.findall(body)) == 1
                         and len(actions) == 1,
            "weight": 4 if COMMON.search(os.path.basename(name)) else 1}


def set_header(head, name, value, eol):
    """Replace the top-level header NAME (with its folded lines) or add it."""
    pat = re.compile(r"^%s:[^\r\n]*(?:\r?\n[ \t][^\r\n]*)*" % re.escape(name), re.M | re.I)
    line = "%s: %s" % (name, value)
    new, n = pat.subn(lambda _m: line, head, count=1)
    return new if n else line + eol + head


def subst_addr(s, old, new):
    # Whole addresses only: not inside a longer one.
    return re.sub(r"(?<![\w.+-])%s(?![\w-])" % re.escape(old), lambda _m: new, s, flags=re.I)


class Gen:
    def __init__(self, seed, n):
        self.rng = random.Random(seed)
        self.n = n
        self.domains = BIG + ["d%d.example.%s" % (k, ("com", "net", "org", "jp", "de")[k % 5])
                              for k in range(max(200, n // 50))]
        self.pending = []          # delay warnings whose failure may follow
        self.recent = []           # recent originals, for multi-recipient bounces
        self.chains = 0
        self.status_rewrites = 0

    def domain(self):
        # Skewed: the big providers and a long tail.
        k = int(self.rng.paretovariate(0.7)) - 1
        return self.domains[min(k, len(self.domains) - 1)] if self.rng.random() < 0.7 else \
            self.rng.choice(self.domains)

    def rcpt(self):
        return "u%d@%s" % (self.rng.randrange(max(10, self.n // 3)), self.domain())

    def sender(self):
        return "%s@%s" % (self.rng.choice(SENDERS), self.rng.choice(OUR))

    def date(self):
        return END - datetime.timedelta(seconds=self.rng.randrange(DAYS * 86400))

    def make(self, i, t):
        rng = self.rng
        s = t["text"]
        eol = t["eol"]
        when = self.date()
        orig_mid = "<%08x.%d@%s>" % (rng.getrandbits(32), i, rng.choice(OUR))
        sender = self.sender()
        rcpts = [self.rcpt() for _ in t["rcpts"]]
        if t["rcpts"] and not t["delayed"] and self.pending and rng.random() < 0.5:
            # The failure after a delay warning: same original, same recipient.
            j = rng.randrange(len(self.pending))
            mid0, rcpt0, sender0, when0 = self.pending[j]
            self.pending[j] = self.pending[-1]
            self.pending.pop()
            orig_mid, rcpts[0], sender = mid0, rcpt0, sender0
            when = min(when0 + datetime.timedelta(seconds=rng.randrange(3600, 4 * 86400)), END)
            self.chains += 1
        elif self.recent and rng.random() < 0.1:
            # The same original bounced for another recipient.
            orig_mid, sender = rng.choice(self.recent)
        if t["delayed"] and t["rcpts"]:
            if len(self.pending) < 20000:
                self.pending.append((orig_mid, rcpts[0], sender, when))
        self.recent.append((orig_mid, sender))
        if len(self.recent) > 1000:
            self.recent = self.recent[-500:]
        if t["status_ok"] and t["rcpts"] and rng.random() < 0.5:
            status, diag = rng.choice(DELAYED if t["delayed"] else FAILED)
            s = STATUS.sub(lambda _m: "Status: " + status, s, count=1)
            s = DIAG.sub(lambda _m: "Diagnostic-Code: " + diag.replace("{rcpt}", t["rcpts"][0]), s, count=1)
            self.status_rewrites += 1
        for old, new in zip(t["rcpts"], rcpts):
            s = subst_addr(s, old, new)
        if t["from"]:
            s = subst_addr(s, t["from"], sender)
        if t["mid"]:
            s = s.replace(t["mid"], orig_mid)
        m = BLANK.search(s)
        cut = m.start() if m else len(s)
        head = s[:cut]
        head = set_header(head, "Message-ID", "<bench-%d-v%d@synth.bounceq.invalid>" % (i, VERSION), eol)
        head = set_header(head, "Date", email.utils.format_datetime(when).replace("-0000", "+0000"), eol)
        s = head + s[cut:]
        if eol == "\n" and "\r" not in s and rng.random() < 0.03:
            s = s.replace("\n", "\r\n")
        return s.encode("latin-1")


def build(n, out, seed=13):
    tpl = templates()
    if not tpl:
        sys.exit("synth: no templates found under %s" % TOP)
    weights = [t["weight"] for t in tpl]
    g = Gen(seed, n)
    tmp = os.path.join(out, "mail.tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    size = 0
    for i in range(n):
        if i % PER_FOLDER == 0:
            folder = os.path.join(tmp, "%03d" % (i // PER_FOLDER))
            for sub in ("cur", "new", "tmp"):
                os.makedirs(os.path.join(folder, sub))
        if i % 50000 == 0 and i:
            print("synth: %d of %d messages" % (i, n), flush=True)
        t = g.rng.choices(tpl, weights)[0]
        data = g.make(i, t)
        size += len(data)
        with open(os.path.join(folder, "cur", "%07d.bench:2," % i), "wb") as f:
            f.write(data)
    shutil.copyfile(os.path.join(SISIMAI, "LICENSE"), os.path.join(tmp, "LICENSE.sisimai"))
    final = os.path.join(out, "mail")
    shutil.rmtree(final, ignore_errors=True)
    os.rename(tmp, final)
    info = {"version": VERSION, "n": n, "seed": seed, "bytes": size, "templates": len(tpl),
            "chains": g.chains, "status_rewrites": g.status_rewrites}
    with open(os.path.join(out, "synth.json"), "w") as f:
        json.dump(info, f)
    return info


def main():
    if len(sys.argv) not in (3, 4):
        sys.exit("usage: synth.py N DIR [SEED]")
    n = int(sys.argv[1])
    os.makedirs(sys.argv[2], exist_ok=True)
    print(json.dumps(build(n, sys.argv[2], int(sys.argv[3]) if len(sys.argv) > 3 else 13)))


if __name__ == "__main__":
    main()
