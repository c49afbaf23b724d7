#!/usr/bin/env python3
"""`bounceq queue` against a real MTA queue that holds the deferred cases.

usage: check_queue.py --mta M --ready LISTING [--msglog DIR]
       check_queue.py --mta M --bin BIN [--summary FILE]
                      [--saved LISTING --msglog DIR] -- CMD...

--ready: exit 0 when LISTING (postqueue -j / exim -bp output) holds every
deferred case of cases.py with its delay reason (Exim: a deferral for it
in the msglog files copied to DIR), else 1.
Otherwise runs CMD --json and CMD --list --json (CMD is the bounceq queue
command line, run inside the namespace) and checks the deferred
recipients, their domains and their reasons; with --saved, also
`BIN queue --file LISTING --exim-msglog DIR` (the copies kept when the
queue was ready) must give the same reasons.  A bounceq without the
queue command is a skip.  Prints PASS/FAIL lines; --summary FILE gets
"passed failed skipped".
"""
import argparse
import json
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cases as C  # noqa: E402

# Causes bounceq must see in Postfix's delay reasons (measured with
# Postfix 3.7.11, see tests/data/queue/README.md).
POSTFIX_REASONS = {
    "servfail": {"networkerror"},
    "refused": {"networkerror"},
    "tempfail": {"expired"},
    "greylist": {"blocked"},
    "queueaction": {"expired"},     # tempfail+act@: the same 450 4.4.7
}
# Exim's come from its msglog files (Exim 4.96) and are the same causes,
# so the same answers (for SERVFAIL Exim writes only "host lookup did not
# complete").
REASONS = {
    "postfix": POSTFIX_REASONS,
    "exim": POSTFIX_REASONS,
}
DEFERRED = ("servfail", "refused", "tempfail", "greylist", "queueaction")


def deferred(mta):
    """{address: outcome} of the recipients that wait in the queue."""
    return {r.addr: r.outcome for c in C.CASES if mta in c.mtas
            for r in c.rcpts if r.outcome in DEFERRED}


def msglog_deferred(msglog):
    """Addresses with a deferral line in the msglog files under msglog."""
    seen = set()
    for root, _, files in os.walk(msglog or "/nonexistent"):
        for name in files:
            with open(os.path.join(root, name), encoding="utf-8", errors="replace") as f:
                for line in f:
                    m = re.match(r"\S+ \S+ (\S+) .* defer \(-?\d+\)", line)
                    if m:
                        seen.add(m.group(1))
    return seen


def ready(mta, listing, msglog):
    want = deferred(mta)
    with open(listing, encoding="utf-8", errors="replace") as f:
        text = f.read()
    if mta == "exim":
        return all(a in text for a in want) and set(want) <= msglog_deferred(msglog)
    seen = set()
    for line in text.splitlines():
        try:
            m = json.loads(line)
        except ValueError:
            continue
        for r in m.get("recipients", []):
            if r.get("delay_reason"):
                seen.add(r.get("address"))
    return set(want) <= seen


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--mta", required=True, choices=("postfix", "exim"))
    ap.add_argument("--ready")
    ap.add_argument("--bin")
    ap.add_argument("--summary")
    ap.add_argument("--saved")
    ap.add_argument("--msglog")
    ap.add_argument("cmd", nargs="*")
    a = ap.parse_args()
    if a.ready:
        sys.exit(0 if ready(a.mta, a.ready, a.msglog) else 1)
    passed = failed = skipped = 0

    def check(name, cond, detail):
        nonlocal passed, failed
        if cond:
            passed += 1
            print("PASS %s: queue: %s" % (a.mta, name))
        else:
            failed += 1
            print("FAIL %s: queue: %s: %s" % (a.mta, name, detail))

    # Without the command, "queue --help" opens the TUI's help instead.
    p = subprocess.run([a.bin, "queue", "--help"], capture_output=True, timeout=30)
    have = p.returncode == 0 and b"usage: bounceq queue" in p.stdout
    if not have:
        skipped += 1
        print("SKIP %s: queue: command not available" % a.mta)
    else:
        want = deferred(a.mta)
        p = subprocess.run(a.cmd + ["--list", "--json"], capture_output=True, timeout=60)
        check("--list --json exit status", p.returncode == 0,
              "exit %d: %s" % (p.returncode, p.stderr.decode(errors="replace")[:300]))
        rows = [json.loads(l) for l in p.stdout.decode().splitlines() if l.strip()]
        got = {r["recipient"]: r for r in rows}
        check("--list: exactly the deferred recipients", sorted(got) == sorted(want),
              "expected %r, got %r" % (sorted(want), sorted(got)))
        for addr, outcome in sorted(want.items()):
            r = got.get(addr)
            if r is None:
                continue
            check("%s domain" % addr, r["domain"] == addr.rsplit("@", 1)[1],
                  "got %r" % r["domain"])
            ok = REASONS[a.mta][outcome]
            check("%s reason" % addr, r["reason"] in ok,
                  "expected one of %r, got %r (delay reason %r)"
                  % (sorted(ok), r["reason"], r["delay_reason"]))
            check("%s is soft" % addr, r["hard"] is False, "hard is %r" % r["hard"])
            # Exim's reason is the msglog's text without date, router,
            # transport and errno: "host mx... [ip]: SMTP error ..." as in
            # its bounces, or the error itself.
            dr = r["delay_reason"] or ""
            check("%s delay reason is the cause's text" % addr,
                  dr != "" and not re.match(r"\d{4}-|.*\bR=|.*defer \(", dr),
                  "delay reason %r" % dr)
        # The same cases wait in both MTAs' queues: where the causes are
        # the same, the answers must be too.
        if a.mta == "exim":
            for addr, outcome in sorted(want.items()):
                r = got.get(addr)
                if r is None or outcome == "servfail":
                    continue
                check("%s reason as Postfix's" % addr,
                      {r["reason"]} == POSTFIX_REASONS[outcome],
                      "Exim %r, Postfix %r" % (r["reason"], POSTFIX_REASONS[outcome]))
        if a.saved:
            p = subprocess.run([a.bin, "queue", "--file", a.saved, "--exim-msglog", a.msglog,
                                "--list", "--json"], capture_output=True, timeout=60)
            saved = {}
            for line in p.stdout.decode().splitlines():
                if line.strip():
                    o = json.loads(line)
                    saved[o["recipient"]] = o["reason"]
            live = {addr: r["reason"] for addr, r in got.items()}
            check("--file with --exim-msglog: the live queue's reasons",
                  p.returncode == 0 and saved == live,
                  "exit %d, saved %r, live %r" % (p.returncode, saved, live))
        p = subprocess.run(a.cmd + ["--json"], capture_output=True, timeout=60)
        check("--json exit status", p.returncode == 0,
              "exit %d: %s" % (p.returncode, p.stderr.decode(errors="replace")[:300]))
        try:
            shape = json.loads(p.stdout)
        except ValueError:
            shape = {}
        domains = {}
        for addr in want:
            d = addr.rsplit("@", 1)[1]
            domains[d] = domains.get(d, 0) + 1
        rows = {r["key"]: r["total"] for r in shape.get("rows", [])}
        check("--json: rows per domain", rows == domains,
              "expected %r, got %r" % (sorted(domains.items()), sorted(rows.items())))
        check("--json: totals", shape.get("recipients") == len(want)
              and shape.get("total", {}).get("total") == len(want),
              "recipients %r, total %r" % (shape.get("recipients"), shape.get("total")))
        causes = {c["reason"]: c["count"] for c in shape.get("causes", [])}
        check("--json: causes add up", sum(causes.values()) == len(want), "got %r" % causes)
    print("%s: queue: %d passed, %d failed, %d skipped" % (a.mta, passed, failed, skipped))
    if a.summary:
        with open(a.summary, "w") as f:
            f.write("%d %d %d\n" % (passed, failed, skipped))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
