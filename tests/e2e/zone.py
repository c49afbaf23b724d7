"""The fake internet the end-to-end test runs in: which test domain goes where.

Shared by fakedns.py (which answers from it), fakesmtp.py (which listens on
the addresses) and cases.py (which picks recipients from it).  Every address
is in 127.0.0.0/8 and lives only inside the test's network namespace.

Exim reuses an SMTP connection per IP address whatever the port, and refuses
to relay to an address it listens on itself, so each fake remote has its own
127.0.0.x and the MTA under test listens on 127.0.0.1 only.
"""

MTA_IP = "127.0.0.1"          # the MTA under test: SMTP submission on port 25
REMOTE_IP = "127.0.0.2"       # fake remote: answers RCPT by local part
POSTDATA_IP = "127.0.0.3"     # fake remote: accepts RCPT, rejects after DATA
REFUSED_IP = "127.0.0.4"      # nothing listens here: connection refused

LOCAL_DOMAIN = "local.e2e.test"   # delivered by the MTA into Maildirs
MTA_HOSTNAME = "mta.e2e.test"

# domain -> address of its MX host (mx.<domain>)
MX_DOMAINS = {
    "remote.test": REMOTE_IP,
    "shop.test": REMOTE_IP,
    "bank.test": REMOTE_IP,
    "univ.test": REMOTE_IP,
    "news.test": REMOTE_IP,
    "postdata.test": POSTDATA_IP,
    "dmarc-strict.test": POSTDATA_IP,
    "refused.test": REFUSED_IP,
    "down.test": REFUSED_IP,
    # One message each, for the queue actions (cases.ACTION_CASES).
    "act-flush.test": REMOTE_IP,
    "act-delete.test": REMOTE_IP,
}
NXDOMAIN = {"nxdomain.test", "no-such-domain.test"}   # listed for the reader;
SERVFAIL = {"servfail.test", "broken-dns.test"}       # any unknown name is NXDOMAIN


def lookup(name):
    """('mx', target) | ('a', ip) | ('known', None) | ('servfail',) | ('nxdomain',)"""
    name = name.lower().rstrip(".")
    for d in SERVFAIL:
        if name == d or name.endswith("." + d):
            return ("servfail",)
    if name in MX_DOMAINS:
        return ("mx", "mx." + name)
    if name.startswith("mx.") and name[3:] in MX_DOMAINS:
        return ("a", MX_DOMAINS[name[3:]])
    if name in (LOCAL_DOMAIN, MTA_HOSTNAME, "localhost"):
        return ("a", MTA_IP)
    return ("nxdomain",)
