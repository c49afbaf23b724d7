#!/usr/bin/env python3
"""Compare what bounceq says about real MTA bounces with what was provoked.

usage: check.py --bin BOUNCEQ --mta postfix|exim --run RUNID --maildir DIR
                [--notmuch-config FILE] [--summary FILE]

One function per bounceq command (check_decode, check_list, check_groups)
plus check_notmuch; each adds results with ok()/fail()/skip().  A command
that bounceq does not have yet (`bounceq CMD --help` fails) is reported as
"SKIP <cmd>: command not available" and counted as skipped, never passed.
Prints one line per check and, last, "<mta>: N passed, N failed, N skipped";
--summary FILE gets "passed failed skipped".  Exit status 1 on any failure.
"""
import argparse
import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cases as C  # noqa: E402


class Results:
    def __init__(self, mta):
        self.mta = mta
        self.passed = self.failed = self.skipped = 0

    def ok(self, name):
        self.passed += 1
        print("PASS %s: %s" % (self.mta, name))

    def fail(self, name, detail):
        self.failed += 1
        print("FAIL %s: %s: %s" % (self.mta, name, detail))

    def skip(self, name, why):
        self.skipped += 1
        print("SKIP %s: %s: %s" % (self.mta, name, why))

    def check(self, name, cond, detail):
        if cond:
            self.ok(name)
        else:
            self.fail(name, detail)


def run_json_lines(argv):
    p = subprocess.run(argv, capture_output=True, timeout=120)
    out = []
    for line in p.stdout.decode("utf-8", "replace").splitlines():
        if line.strip():
            out.append(json.loads(line))
    return p.returncode, out, p.stderr.decode("utf-8", "replace")


def has_command(bin_, cmd):
    try:
        p = subprocess.run([bin_, cmd, "--help"], capture_output=True, timeout=30)
    except OSError:
        return False
    return p.returncode == 0


def effective(case, mta):
    """(ret, envid, notify-applies) as the MTA saw them: Exim's sendmail
    cases are submitted without DSN options (its -N means "no delivery")."""
    if case.via == "sendmail" and mta == "exim":
        return None, False
    return case.ret, True


def expected_part(case, mta, kind):
    ret, _ = effective(case, mta)
    if kind in ("delayed", "success"):
        return "text/rfc822-headers"
    return "text/rfc822-headers" if ret == "HDRS" else "message/rfc822"


def domain_mx(addr):
    return "mx." + addr.rsplit("@", 1)[1].lower()


def check_recipient(res, label, got, rcpt, exp, mta):
    want = {
        "action": exp["action"],
        "status": exp["status"],
        "status_raw": exp["status_raw"] or exp["status"],
        "reply_code": exp["reply_code"],
        "remote_mta": domain_mx(rcpt.addr) if exp["remote_mta"] == "MX" else exp["remote_mta"],
        "original_recipient": C.original_recipient(rcpt, mta),
        # The address the MTA tried; "recipient" is the one the sender used.
        "final_recipient": rcpt.addr,
    }
    for field, value in want.items():
        g = got.get(field)
        if isinstance(g, str) and field == "remote_mta":
            g = g.lower()
        res.check("%s %s %s" % (label, rcpt.addr, field), g == value,
                  "expected %r, got %r" % (value, got.get(field)))
    diag = got.get("diagnostic")
    if exp["diag_not"]:
        res.check("%s %s diagnostic" % (label, rcpt.addr),
                  diag is None or exp["diag_not"].lower() not in diag.lower(),
                  "expected none or a real reason, got the MTA's boilerplate %r" % diag)
    elif exp["diag"]:
        res.check("%s %s diagnostic" % (label, rcpt.addr),
                  diag is not None and exp["diag"].lower() in diag.lower(),
                  "expected it to contain %r, got %r" % (exp["diag"], diag))
    if exp["hard"] is not None:
        if "hard" not in got:
            res.skip("%s %s hard" % (label, rcpt.addr), "no 'hard' in bounceq output yet")
        else:
            res.check("%s %s hard" % (label, rcpt.addr), got["hard"] is exp["hard"],
                      "expected %r, got %r" % (exp["hard"], got["hard"]))
    if exp["reasons"] is not None:
        if "reason" not in got:
            res.skip("%s %s reason" % (label, rcpt.addr), "classifier not landed (no 'reason')")
        else:
            res.check("%s %s reason" % (label, rcpt.addr), got["reason"] in exp["reasons"],
                      "expected one of %r, got %r" % (exp["reasons"], got["reason"]))


def report_kind(obj):
    acts = {r.get("action") for r in obj.get("recipients", [])}
    if acts and acts <= {"delivered", "relayed", "expanded"}:
        return "success"
    if "delayed" in acts and "failed" not in acts:
        return "delayed"
    return "failed"


def check_decode(res, a, files):
    """bounceq decode --json on the Maildir against cases.py."""
    rc, objs, err = run_json_lines([a.bin, "decode", "--json", a.maildir])
    res.check("decode exit status", rc == 0, "exit %d: %s" % (rc, err.strip()[:300]))
    res.check("decode: one JSON object per message file", len(objs) == len(files),
              "%d files in the Maildir, %d objects" % (len(files), len(objs)))
    by_msgid = {}
    for o in objs:
        mid = (o.get("original") or {}).get("message_id")
        by_msgid.setdefault(mid, []).append(o)
    known = set()
    for case in C.CASES:
        if a.mta not in case.mtas:
            continue
        ret, dsn = effective(case, a.mta)
        mid = case.message_id(a.mta, a.run)
        known.add(mid)
        got = by_msgid.get(mid, [])
        expected = C.reports_for(case, a.mta)
        label = "%s" % case.id
        res.check("%s: %d report(s) for <%s>" % (label, len(expected), mid),
                  len(got) == len(expected),
                  "got %d: %s" % (len(got), [o.get("subject") for o in got]))
        for kind, rows in expected:
            matches = [o for o in got if report_kind(o) == kind]
            klabel = "%s/%s" % (label, kind)
            if len(matches) != 1:
                res.fail(klabel, "expected one %s report, found %d" % (kind, len(matches)))
                continue
            o = matches[0]
            res.check(klabel + " bounce", o.get("bounce") is True and o.get("kind") == "dsn",
                      "bounce=%r kind=%r" % (o.get("bounce"), o.get("kind")))
            want_envid = case.envelope_id(a.mta, a.run) if dsn else None
            res.check(klabel + " envelope_id", o.get("envelope_id") == want_envid,
                      "expected %r, got %r" % (want_envid, o.get("envelope_id")))
            orig = o.get("original") or {}
            res.check(klabel + " original.subject", orig.get("subject") == case.subject,
                      "expected %r, got %r" % (case.subject, orig.get("subject")))
            res.check(klabel + " original.part", orig.get("part") == expected_part(case, a.mta, kind),
                      "expected %r, got %r" % (expected_part(case, a.mta, kind), orig.get("part")))
            res.check(klabel + " original.from", C.SENDER in (orig.get("from") or ""),
                      "expected %r in it, got %r" % (C.SENDER, orig.get("from")))
            want_rcpts = sorted(C.sender_address(r) for r, _ in rows)
            got_rcpts = sorted((r.get("recipient") or "") for r in o.get("recipients", []))
            res.check(klabel + " recipients", want_rcpts == got_rcpts,
                      "expected %r, got %r" % (want_rcpts, got_rcpts))
            for rcpt, exp in rows:
                g = [r for r in o.get("recipients", [])
                     if r.get("recipient") == C.sender_address(rcpt)]
                if len(g) == 1:
                    check_recipient(res, klabel, g[0], rcpt, exp, a.mta)
    stray = [o.get("file") for o in objs if (o.get("original") or {}).get("message_id") not in known]
    res.check("decode: no report that no case provoked", not stray, "unexpected: %r" % stray)
    return objs


def check_notmuch(res, a, files, objs):
    """notmuch indexed every message, and finds each decoded bounce by its id."""
    if not a.notmuch_config:
        res.skip("notmuch", "no --notmuch-config given")
        return
    env = dict(os.environ, NOTMUCH_CONFIG=a.notmuch_config)
    p = subprocess.run(["notmuch", "count", "--output=files", "*"], capture_output=True,
                       env=env, timeout=60)
    n = p.stdout.decode().strip()
    res.check("notmuch: indexed every message file", n == str(len(files)),
              "notmuch counts %r, the Maildir has %d files" % (n, len(files)))
    for o in objs:
        mid = o.get("message_id")
        if not mid:
            res.fail("notmuch: id of %s" % o.get("file"), "bounceq gave no message_id")
            continue
        p = subprocess.run(["notmuch", "search", "--output=files", "id:" + mid],
                           capture_output=True, env=env, timeout=60)
        found = [os.path.realpath(x) for x in p.stdout.decode().split()]
        res.check("notmuch: finds id:%s" % mid, os.path.realpath(o["file"]) in found,
                  "notmuch gives %r for %r" % (found, o["file"]))


# Actions of delivery notices: no failures, so list and groups leave them
# out unless the filter asks (success:yes); bounceq(1), "Successes".
SUCCESS_ACTIONS = ("delivered", "relayed", "expanded")


def expected_rows(a, success=None):
    """{(original message id, recipient): [(kind, expected fields), ...]};
    success True: only the delivery notices' rows, False: all but those,
    None: every row."""
    rows = {}
    for case in C.CASES:
        if a.mta not in case.mtas:
            continue
        mid = case.message_id(a.mta, a.run)
        for kind, rs in C.reports_for(case, a.mta):
            for rcpt, exp in rs:
                rows.setdefault((mid, C.sender_address(rcpt)), []).append((kind, exp))
    if success is not None:
        rows = {k: v for k, v in rows.items()
                if (v[-1][1]["action"] in SUCCESS_ACTIONS) == success}
    return rows


def nm_argv(a, *args):
    return [a.bin] + list(args) + ["--json", "--no-cache", "--config", a.notmuch_config]


def check_list(res, a):
    """bounceq list --json over the notmuch index: one row per recipient in
    its latest state (a delay followed by a failure shows the failure);
    --history also shows the superseded delay rows."""
    if not has_command(a.bin, "list"):
        res.skip("list", "command not available")
        return None
    if not a.notmuch_config:
        res.skip("list", "no notmuch index (--notmuch-config)")
        return None
    want = expected_rows(a, success=False)
    rc, ok_rows, err = run_json_lines(nm_argv(a, "list", "--filter", "success:yes"))
    want_ok = expected_rows(a, success=True)
    got_ok = sorted((r.get("original_message_id"), r.get("recipient")) for r in ok_rows)
    res.check("list --filter success:yes: exactly the delivery notices",
              rc == 0 and want_ok and got_ok == sorted(want_ok) and
              all(r.get("action") in SUCCESS_ACTIONS for r in ok_rows),
              "expected %r, got %r" % (sorted(want_ok), got_ok))
    rc, rows, err = run_json_lines(nm_argv(a, "list"))
    res.check("list exit status", rc == 0, "exit %d: %s" % (rc, err.strip()[:300]))
    got = {}
    for r in rows:
        got.setdefault((r.get("original_message_id"), r.get("recipient")), []).append(r)
    res.check("list: one row per provoked (message, recipient)",
              sorted(got) == sorted(want) and all(len(v) == 1 for v in got.values()),
              "missing %r, unexpected %r" % (sorted(set(want) - set(got))[:5],
                                            sorted(set(got) - set(want))[:5]))
    for key, reports in sorted(want.items()):
        kind, exp = reports[-1]
        g = got.get(key, [])
        if len(g) != 1:
            continue
        g = g[0]
        label = "list %s %s" % (key[0].split(".")[1], key[1])
        res.check(label + " latest state", (g.get("action"), g.get("status"), g.get("superseded"))
                  == (exp["action"], exp["status"], False),
                  "expected %r, got %r" % ((exp["action"], exp["status"], False),
                                           (g.get("action"), g.get("status"), g.get("superseded"))))
        res.check(label + " domain", g.get("domain") == key[1].rsplit("@", 1)[1],
                  "got %r" % g.get("domain"))
    rc, hist, err = run_json_lines(nm_argv(a, "list", "--history"))
    res.check("list --history exit status", rc == 0, "exit %d: %s" % (rc, err.strip()[:300]))
    n_all = sum(len(v) for v in want.values())
    res.check("list --history: every report row", len(hist) == n_all,
              "expected %d rows, got %d" % (n_all, len(hist)))
    n_sup = sum(1 for r in hist if r.get("superseded"))
    n_delayed_then = sum(len(v) - 1 for v in want.values())
    res.check("list --history: delay rows superseded by the later failure",
              n_sup == n_delayed_then and all(r.get("action") == "delayed"
                                              for r in hist if r.get("superseded")),
              "expected %d superseded delayed rows, got %d" % (n_delayed_then, n_sup))
    return rows


def check_groups(res, a, list_rows):
    """bounceq groups --json: by domain against the provoked recipients; by
    reason against the rows bounceq list shows."""
    if not has_command(a.bin, "groups"):
        res.skip("groups", "command not available")
        return
    if not a.notmuch_config:
        res.skip("groups", "no notmuch index (--notmuch-config)")
        return
    want = {}
    for (_mid, addr) in expected_rows(a, success=False):
        d = addr.rsplit("@", 1)[1]
        want[d] = want.get(d, 0) + 1
    rc, groups, err = run_json_lines(nm_argv(a, "groups", "--by", "domain"))
    res.check("groups --by domain exit status", rc == 0, "exit %d: %s" % (rc, err.strip()[:300]))
    got = {g.get("key"): g.get("rows") for g in groups}
    res.check("groups --by domain: counts per domain", got == want,
              "expected %r, got %r" % (sorted(want.items()), sorted(got.items())))
    if list_rows is None:
        res.skip("groups --by reason", "no list rows to compare with")
        return
    want_r = {}
    for r in list_rows:
        want_r[r.get("reason")] = want_r.get(r.get("reason"), 0) + 1
    rc, groups, err = run_json_lines(nm_argv(a, "groups"))
    res.check("groups exit status", rc == 0, "exit %d: %s" % (rc, err.strip()[:300]))
    got_r = {g.get("key"): g.get("rows") for g in groups}
    res.check("groups --by reason: agrees with list", got_r == want_r,
              "list gives %r, groups %r" % (sorted(want_r.items(), key=str),
                                           sorted(got_r.items(), key=str)))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", required=True)
    ap.add_argument("--mta", required=True, choices=("postfix", "exim"))
    ap.add_argument("--run", required=True)
    ap.add_argument("--maildir", required=True)
    ap.add_argument("--notmuch-config")
    ap.add_argument("--summary")
    a = ap.parse_args()
    res = Results(a.mta)
    files = sorted(os.path.join(d, f) for sub in ("new", "cur")
                   for d in [os.path.join(a.maildir, sub)] if os.path.isdir(d)
                   for f in os.listdir(d))
    objs = check_decode(res, a, files)
    check_notmuch(res, a, files, objs)
    rows = check_list(res, a)
    check_groups(res, a, rows)
    print("%s: %d passed, %d failed, %d skipped" % (a.mta, res.passed, res.failed, res.skipped))
    if a.summary:
        with open(a.summary, "w") as f:
            f.write("%d %d %d\n" % (res.passed, res.failed, res.skipped))
    sys.exit(1 if res.failed else 0)


if __name__ == "__main__":
    main()
